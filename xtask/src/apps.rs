//! The apps in `dist/`: each is its own Trunk target with its own bundle, and `dist/` is the
//! one folder a clinic uploads, so the set-up page is served from the same place as the
//! widget (its preview frame and its hosting check use the widget's files).
//!
//! - the visitor's widget: `trunk build --release` (Trunk.toml, index.html) → `dist/`;
//! - the set-up page: `trunk build --release --config setup/Trunk.toml` →
//!   `target/setup-dist/`, whose own files ([`SETUP_FILES`]) are then copied into `dist/`
//!   (Trunk calls its page `index.html`; in `dist/` it is `setup.html`).
//!   The files both load (the widget's stylesheet, the boot script) must come out
//!   byte-identical from both builds, or the merge stops.
//!
//! The set-up page also gets this release's Subresource Integrity hashes of the embed
//! loaders, written into `setup.html` (it shows them in the snippets it writes).

use crate::release::sri_sha384 as sri;
use crate::{root, run, tool, Result};
use std::path::{Path, PathBuf};

/// The set-up page's own files (everything else it loads is the widget's).
pub const SETUP_FILES: &[&str] = &[
    "setup.html",
    "setup.css",
    "carestep-setup.js",
    "carestep-setup_bg.wasm",
    "preview.html",
    "preview.js",
];

/// Files the set-up build writes that are also the widget's, loaded from the same folder.
const SHARED_FILES: &[&str] = &["carestep.css", "boot.js"];

/// Where the set-up page's Trunk build writes (setup/Trunk.toml).
pub fn setup_dist() -> PathBuf {
    root().join("target/setup-dist")
}

/// Builds both apps into `dist/`.
pub fn build() -> Result {
    run(tool("trunk").args(["build", "--release"]))?;
    run(tool("trunk").args(["build", "--release", "--config", "setup/Trunk.toml"]))?;
    merge(&setup_dist(), &root().join("dist"))
}

/// Copies the set-up page's files into `dist` and writes the loaders' SRI into setup.html.
pub fn merge(setup: &Path, dist: &Path) -> Result {
    for shared in SHARED_FILES {
        let (a, b) = (read(&setup.join(shared))?, read(&dist.join(shared))?);
        if a != b {
            return Err(format!(
                "{shared} differs between the widget's and the set-up page's builds; both must load the same file"
            ));
        }
    }
    for name in SETUP_FILES {
        // Trunk names its target page index.html, whatever the source file is called.
        let source = if *name == "setup.html" {
            "index.html"
        } else {
            name
        };
        let bytes = read(&setup.join(source))?;
        let bytes = if *name == "setup.html" {
            let html = String::from_utf8(bytes).map_err(|e| format!("setup.html: {e}"))?;
            let html = html
                .replace(
                    "@CARESTEP_SRI_EMBED@",
                    &sri(&read(&dist.join("embed/carestep-embed.js"))?),
                )
                .replace(
                    "@CARESTEP_SRI_INLINE@",
                    &sri(&read(&dist.join("embed/carestep-inline.js"))?),
                );
            if html.contains("@CARESTEP_") {
                return Err("setup.html still has a placeholder after the merge".into());
            }
            html.into_bytes()
        } else {
            bytes
        };
        std::fs::write(dist.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_copies_the_setup_files_fills_in_the_hashes_and_refuses_a_differing_shared_file() {
        let base = std::env::temp_dir().join(format!("carestep-merge-{}", std::process::id()));
        let (setup, dist) = (base.join("setup"), base.join("dist"));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(dist.join("embed")).unwrap();
        std::fs::create_dir_all(&setup).unwrap();
        for name in SETUP_FILES {
            std::fs::write(setup.join(name), name).unwrap();
        }
        std::fs::write(
            setup.join("index.html"),
            "<meta content=\"@CARESTEP_SRI_EMBED@\"><meta content=\"@CARESTEP_SRI_INLINE@\">",
        )
        .unwrap();
        for name in SHARED_FILES {
            std::fs::write(setup.join(name), "same").unwrap();
            std::fs::write(dist.join(name), "same").unwrap();
        }
        std::fs::write(dist.join("embed/carestep-embed.js"), "abc").unwrap();
        std::fs::write(dist.join("embed/carestep-inline.js"), "x").unwrap();
        merge(&setup, &dist).unwrap();
        let html = std::fs::read_to_string(dist.join("setup.html")).unwrap();
        assert!(
            html.contains(&sri(b"abc")) && html.contains(&sri(b"x")),
            "{html}"
        );
        assert_eq!(
            std::fs::read(dist.join("preview.js")).unwrap(),
            b"preview.js"
        );
        std::fs::write(dist.join("boot.js"), "other").unwrap();
        assert!(merge(&setup, &dist).unwrap_err().contains("boot.js"));
        let _ = std::fs::remove_dir_all(&base);
    }
}
