//! Keeps the engine and the clinic configuration pure: no web crate may enter
//! their dependency trees.
//!
//! ARCHITECTURE.md states the invariant; this check makes it fail loudly.

use crate::{run, Result};
use std::process::Command;

/// Crates that only make sense in a browser. The engine must compile and be
/// tested without any of them.
const WEB_CRATES: &[&str] = &[
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "js-sys",
    "web-sys",
    "gloo",
    "yew",
];

/// The packages that must build without any web crate: the clinical model and
/// the clinic configuration (both also run natively, in the CLI and the tests).
const PURE_PACKAGES: &[&str] = &["carestep-engine", "carestep-config"];

/// Checks every package of [`PURE_PACKAGES`] (the name is kept from when the
/// engine was the only one).
pub fn check_engine() -> Result {
    for package in PURE_PACKAGES {
        check_package(package)?;
    }
    Ok(())
}

fn check_package(package: &str) -> Result {
    let out = Command::new("cargo")
        .args([
            "tree",
            "--locked",
            "--package",
            package,
            "--edges",
            "normal,build",
            "--target",
            "all",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(crate::root())
        .output()
        .map_err(|e| format!("could not run cargo tree: {e}"))?;
    if !out.status.success() {
        // Show cargo's own explanation.
        return run(Command::new("cargo").args(["tree", "--locked", "--package", package]));
    }
    let tree = String::from_utf8_lossy(&out.stdout);
    let offenders = web_crates_in(&tree);
    if offenders.is_empty() {
        eprintln!("xtask: {package} has no web dependencies");
        Ok(())
    } else {
        Err(format!(
            "{package} must not depend on web crates, but its tree has: {}",
            offenders.join(", ")
        ))
    }
}

/// The web crates named in `cargo tree --format {p}` output (one package a line).
fn web_crates_in(tree: &str) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| {
            WEB_CRATES
                .iter()
                .any(|web| name == web || name.starts_with(&format!("{web}-")))
        })
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::web_crates_in;

    #[test]
    fn finds_web_crates_and_only_them() {
        let tree = "carestep-engine v0.1.0 (/x/engine)\nserde v1.0.0\nweb-sys v0.3.1\ngloo-utils v0.2.0\nwasm-bindgen v0.2.130 (*)\nyewdux v1\n";
        assert_eq!(
            web_crates_in(tree),
            ["gloo-utils", "wasm-bindgen", "web-sys"]
        );
    }

    #[test]
    fn a_pure_tree_passes() {
        assert!(web_crates_in("carestep-engine v0.1.0\nserde_json v1.0.1\nitoa v1\n").is_empty());
    }
}
