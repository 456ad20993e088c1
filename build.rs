//! Lists the engine's case vignettes for the widget's browser tests.
//!
//! The browser tests replay every `engine/tests/vignettes/*.json` file through
//! the real UI. A wasm test cannot read a directory, so this writes the list,
//! as `include_str!` entries, to `$OUT_DIR/vignettes.rs`; a new vignette file
//! is picked up without anyone editing a hand-kept list. The release build
//! compiles none of it (only `tests/widget/vignettes.rs` includes the file).

use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled (`env!`): a build script binary
    // cached in a target folder shared by two checkouts would otherwise list the other
    // checkout's vignettes, or none.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("engine/tests/vignettes");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the vignettes folder {}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".json"))
        .collect();
    assert!(!files.is_empty(), "no vignette in {}", dir.display());
    files.sort();
    let mut out = String::from("&[\n");
    for name in &files {
        let path = dir.join(name);
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    out.push_str("]\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("vignettes.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
