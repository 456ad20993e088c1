//! The size budget: each app's compressed size, per kind of file, must stay within the
//! numbers committed in `budget.toml`: `[gzip]` for the visitor's widget (every budgeted file
//! in `dist/` except every other app's own files, [`crate::apps::App::files`]) and
//! `[<app>.gzip]` for each app of [`crate::apps::APPS`] — `[setup.gzip]` for the set-up
//! page, `[clinician.gzip]` for the clinician page — measured on everything that app's own
//! build wrote (`target/<app>-dist/`), including the stylesheet and boot script it shares
//! with the widget.
//!
//! The budget is gzip (level 9), because that is what every server can send;
//! brotli is printed beside it for information.

use crate::apps::App;
use crate::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The kinds of file the budget covers, by extension.
const KINDS: &[&str] = &["wasm", "js", "css"];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

/// Checks every app: the widget in `dist` and each app of [`crate::apps::APPS`] in its own
/// build folder.
pub fn check_all(dist: &Path, budget_file: &Path) -> Result {
    let apps: Vec<(App, PathBuf)> = crate::apps::APPS
        .iter()
        .map(|app| (*app, app.dist()))
        .collect();
    check_apps(dist, &apps, budget_file)
}

/// Checks the widget in `dist` and each `(app, its build folder)`.
pub fn check_apps(dist: &Path, apps: &[(App, PathBuf)], budget_file: &Path) -> Result {
    let file = read_budget(budget_file)?;
    let mut errors = Vec::new();
    for key in file.apps.keys() {
        if !apps.iter().any(|(app, _)| app.key == key) {
            errors.push(format!("budget.toml: [{key}.gzip] is not an app's budget"));
        }
    }
    let others: Vec<&str> = apps
        .iter()
        .flat_map(|(app, _)| app.files.iter().copied())
        .collect();
    if let Err(e) = check_app("the visitor's widget", dist, &others, &file.gzip) {
        errors.push(e);
    }
    for (app, dir) in apps {
        let outcome = match file.apps.get(app.key) {
            Some(budget) => check_app(app.title, dir, &[], &budget.gzip),
            None => Err(format!(
                "budget.toml has no [{}.gzip] for {}",
                app.key, app.title
            )),
        };
        if let Err(e) = outcome {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// Checks the budgeted files of `dir` (except `excluded` names) against `budget`.
pub fn check_app(
    app: &str,
    dir: &Path,
    excluded: &[&str],
    budget: &BTreeMap<String, usize>,
) -> Result {
    if !dir.is_dir() {
        return Err(format!(
            "{} does not exist: run `cargo xtask dist` first",
            dir.display()
        ));
    }
    let measured = measure(dir, excluded)?;
    println!("size budget of {app} (bytes; gzip -9 is budgeted, brotli for information):");
    println!(
        "{:<6} {:>9} {:>9} {:>9} {:>9}",
        "kind", "raw", "gzip", "brotli", "budget"
    );
    let mut over = Vec::new();
    for kind in KINDS {
        let sizes = measured.get(*kind).copied().unwrap_or_default();
        let limit = budget.get(*kind).copied();
        println!(
            "{:<6} {:>9} {:>9} {:>9} {:>9}",
            kind,
            sizes.raw,
            sizes.gzip,
            sizes.brotli,
            limit.map_or("none".to_owned(), |l| l.to_string())
        );
        match limit {
            None => over.push(format!("budget.toml has no {kind} entry for {app}")),
            Some(limit) if sizes.gzip > limit => over.push(format!(
                "{app}, {kind}: {} bytes gzip is over the budget of {limit}",
                sizes.gzip
            )),
            Some(_) => {}
        }
    }
    let total: usize = measured.values().map(|s| s.gzip).sum();
    println!("total gzip: {total} bytes");
    if over.is_empty() {
        Ok(())
    } else {
        Err(format!("size budget exceeded:\n  {}", over.join("\n  ")))
    }
}

/// Sums raw, gzip and brotli sizes of every budgeted file under `dist` whose name is not
/// in `excluded`, by kind.
pub fn measure(dist: &Path, excluded: &[&str]) -> Result<BTreeMap<String, Sizes>> {
    let mut sizes: BTreeMap<String, Sizes> = BTreeMap::new();
    let mut stack = vec![dist.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if excluded.contains(&name) {
                continue;
            }
            let Some(kind) = path
                .extension()
                .and_then(|e| e.to_str())
                .filter(|e| KINDS.contains(e))
            else {
                continue;
            };
            let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let entry = sizes.entry(kind.to_owned()).or_default();
            entry.raw += bytes.len();
            entry.gzip += gzip_len(&bytes);
            entry.brotli += brotli_len(&bytes);
        }
    }
    Ok(sizes)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder
        .finish()
        .expect("writing to a Vec cannot fail")
        .len()
}

fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
        .expect("writing to a Vec cannot fail");
    out.len()
}

#[derive(serde::Deserialize)]
struct BudgetFile {
    /// The visitor's widget.
    gzip: BTreeMap<String, usize>,
    /// The other apps, by [`App::key`].
    #[serde(flatten)]
    apps: BTreeMap<String, AppBudget>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct AppBudget {
    gzip: BTreeMap<String, usize>,
}

fn read_budget(path: &Path) -> Result<BudgetFile> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apps::{CLINICIAN, SETUP};

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("carestep-budget-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        dir
    }

    #[test]
    fn measures_every_kind_and_ignores_other_files() {
        let dir = temp_dir("measure");
        std::fs::write(dir.join("a.js"), "console.log(1);".repeat(100)).unwrap();
        std::fs::write(dir.join("nested/b.js"), "x").unwrap();
        std::fs::write(dir.join("index.html"), "<p>not budgeted</p>").unwrap();
        let sizes = measure(&dir, &[]).unwrap();
        assert_eq!(sizes["js"].raw, 1501);
        assert!(sizes["js"].gzip < 1501, "repetitive text compresses");
        assert!(!sizes.contains_key("html"));
    }

    #[test]
    fn a_file_over_budget_fails_and_names_the_kind() {
        let dir = temp_dir("over");
        std::fs::write(dir.join("app.css"), "body{color:red}").unwrap();
        std::fs::write(dir.join("app.js"), "1").unwrap();
        std::fs::write(dir.join("app.wasm"), [0u8; 8]).unwrap();
        let budget = dir.join("budget.toml");
        let setup = "[setup.gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n[clinician.gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n";
        std::fs::write(
            &budget,
            ["[gzip]\nwasm = 1000\njs = 1000\ncss = 10\n", setup].concat(),
        )
        .unwrap();
        let apps = [(SETUP, dir.clone()), (CLINICIAN, dir.clone())];
        let err = check_apps(&dir, &apps, &budget).unwrap_err();
        assert!(err.contains("widget, css:"), "{err}");
        assert!(!err.contains("js:"), "{err}");
        std::fs::write(
            &budget,
            ["[gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n", setup].concat(),
        )
        .unwrap();
        assert_eq!(check_apps(&dir, &apps, &budget), Ok(()));
        // A budget for no app, or an app without one, is an error.
        std::fs::write(
            &budget,
            ["[gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n[setup.gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n[other.gzip]\nwasm = 1\n"].concat(),
        )
        .unwrap();
        let err = check_apps(&dir, &apps, &budget).unwrap_err();
        assert!(
            err.contains("[other.gzip] is not") && err.contains("no [clinician.gzip]"),
            "{err}"
        );
    }

    #[test]
    fn each_apps_files_count_only_for_that_app() {
        let dir = temp_dir("apps");
        std::fs::write(dir.join("carestep-setup_bg.wasm"), [7u8; 4000]).unwrap();
        std::fs::write(dir.join("carestep-clinician_bg.wasm"), [9u8; 300]).unwrap();
        std::fs::write(dir.join("clinician.css"), "p{}").unwrap();
        std::fs::write(dir.join("carestep-widget_bg.wasm"), [0u8; 8]).unwrap();
        let widget = measure(&dir, &crate::apps::other_apps_files()).unwrap();
        assert_eq!(widget["wasm"].raw, 8);
        assert!(!widget.contains_key("css"));
        assert_eq!(measure(&dir, &[]).unwrap()["wasm"].raw, 4308);
    }
}
