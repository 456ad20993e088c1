//! The size budget: the release bundle's compressed size, per kind of file,
//! must stay within the numbers committed in `budget.toml`.
//!
//! The budget is gzip (level 9), because that is what every server can send;
//! brotli is printed beside it for information.

use crate::Result;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// The kinds of file the budget covers, by extension.
const KINDS: &[&str] = &["wasm", "js", "css"];

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn check(dist: &Path, budget_file: &Path) -> Result {
    if !dist.is_dir() {
        return Err(format!(
            "{} does not exist: run `cargo xtask dist` first",
            dist.display()
        ));
    }
    let budget = read_budget(budget_file)?;
    let measured = measure(dist)?;
    println!("size budget (bytes; gzip -9 is budgeted, brotli for information):");
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
            None => over.push(format!("budget.toml has no [gzip] {kind} entry")),
            Some(limit) if sizes.gzip > limit => over.push(format!(
                "{kind}: {} bytes gzip is over the budget of {limit}",
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

/// Sums raw, gzip and brotli sizes of every budgeted file under `dist`, by kind.
pub fn measure(dist: &Path) -> Result<BTreeMap<String, Sizes>> {
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
#[serde(deny_unknown_fields)]
struct BudgetFile {
    gzip: BTreeMap<String, usize>,
}

fn read_budget(path: &Path) -> Result<BTreeMap<String, usize>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: BudgetFile = toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.gzip)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let sizes = measure(&dir).unwrap();
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
        std::fs::write(&budget, "[gzip]\nwasm = 1000\njs = 1000\ncss = 10\n").unwrap();
        let err = check(&dir, &budget).unwrap_err();
        assert!(err.contains("css:"), "{err}");
        assert!(!err.contains("js:"), "{err}");
        std::fs::write(&budget, "[gzip]\nwasm = 1000\njs = 1000\ncss = 1000\n").unwrap();
        assert_eq!(check(&dir, &budget), Ok(()));
    }
}
