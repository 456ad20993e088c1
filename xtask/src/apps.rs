//! The apps in `dist/`: each is its own Trunk target with its own bundle, and `dist/` is the
//! one folder a clinic uploads, so every page is served from the same place as the widget
//! (the set-up page's preview frame and hosting check use the widget's files).
//!
//! - the visitor's widget: `trunk build --release` (Trunk.toml, index.html) → `dist/`;
//! - every other app of [`APPS`] — the set-up page (`setup/`) and the clinician page
//!   (`clinician/`): `trunk build --release --config <app>/Trunk.toml` → its own folder
//!   under `target/`, whose own files ([`App::files`]) are then copied into `dist/` (Trunk
//!   calls its page `index.html`; in `dist/` it has the app's name, e.g. `setup.html`).
//!   The files an app shares with the widget (the widget's stylesheet, the boot script)
//!   must come out byte-identical from both builds, or the merge stops.
//!
//! An app's page may hold this release's Subresource Integrity hashes of the embed loaders
//! (`@CARESTEP_SRI_EMBED@`, `@CARESTEP_SRI_INLINE@`: the set-up page shows them in the
//! snippets it writes); the merge fills them in.

use crate::release::sri_sha384 as sri;
use crate::{root, run, tool, Result};
use std::path::{Path, PathBuf};

/// One app built by its own Trunk target and merged into `dist/`.
#[derive(Debug, Clone, Copy)]
pub struct App {
    /// Its name in messages: "the set-up page".
    pub title: &'static str,
    /// Its table in `budget.toml`: `[<key>.gzip]`.
    pub key: &'static str,
    /// Its Trunk configuration, from the workspace root.
    pub trunk_config: &'static str,
    /// Where that Trunk build writes, from the workspace root.
    pub trunk_dist: &'static str,
    /// Its page in `dist/` (Trunk writes it as `index.html`).
    pub page: &'static str,
    /// Its own files, the page first (everything else it loads is the widget's).
    pub files: &'static [&'static str],
}

impl App {
    /// Where its Trunk build writes.
    pub fn dist(&self) -> PathBuf {
        root().join(self.trunk_dist)
    }
}

/// The set-up page (`setup/`): a clinic writes its configuration and snippet.
pub const SETUP: App = App {
    title: "the set-up page",
    key: "setup",
    trunk_config: "setup/Trunk.toml",
    trunk_dist: "target/setup-dist",
    page: "setup.html",
    files: &[
        "setup.html",
        "apps.css",
        "setup.css",
        "carestep-setup.js",
        "carestep-setup_bg.wasm",
        "preview.html",
        "preview.js",
    ],
};

/// The clinician page (`clinician/`): reads a visitor's handoff code and shows the report.
pub const CLINICIAN: App = App {
    title: "the clinician page",
    key: "clinician",
    trunk_config: "clinician/Trunk.toml",
    trunk_dist: "target/clinician-dist",
    page: "clinician.html",
    files: &[
        "clinician.html",
        "apps.css",
        "clinician.css",
        "carestep-clinician.js",
        "carestep-clinician_bg.wasm",
    ],
};

/// Every app besides the visitor's widget, in build order.
pub const APPS: &[App] = &[SETUP, CLINICIAN];

/// Files several apps (not the widget) load from the same folder: the forms' styles.
const APPS_SHARED_FILES: &[&str] = &["apps.css"];

/// Whether `app` is the first of [`APPS`] to write `name` (a `dist/` left by an earlier
/// build may hold an older copy, which the first app replaces).
fn fresh(app: &App, name: &str) -> bool {
    APPS.iter()
        .find(|a| a.files.contains(&name))
        .is_some_and(|first| first.key == app.key)
}

/// Files the apps' builds write that are also the widget's, loaded from the same folder.
const SHARED_FILES: &[&str] = &["carestep.css", "boot.js"];

/// Every app's own files: none of them is the visitor's.
#[cfg(test)]
pub fn other_apps_files() -> Vec<&'static str> {
    APPS.iter()
        .flat_map(|app| app.files.iter().copied())
        .collect()
}

/// Builds the widget and every app into `dist/`.
pub fn build() -> Result {
    run(tool("trunk").args(["build", "--release"]))?;
    for app in APPS {
        run(tool("trunk").args(["build", "--release", "--config", app.trunk_config]))?;
        merge(app, &app.dist(), &root().join("dist"))?;
    }
    Ok(())
}

/// Copies `app`'s own files from its build folder `from` into `dist`, and writes the
/// loaders' SRI into its page where it asks for them.
pub fn merge(app: &App, from: &Path, dist: &Path) -> Result {
    for shared in SHARED_FILES {
        let (a, b) = (read(&from.join(shared))?, read(&dist.join(shared))?);
        if a != b {
            return Err(format!(
                "{shared} differs between the widget's build and {}'s; both must load the same file",
                app.title
            ));
        }
    }
    for name in app.files {
        // Trunk names its target page index.html, whatever the source file is called.
        let is_page = *name == app.page;
        let source = if is_page { "index.html" } else { name };
        let bytes = read(&from.join(source))?;
        let bytes = if is_page {
            let mut html = String::from_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
            for (placeholder, loader) in [
                ("@CARESTEP_SRI_EMBED@", "embed/carestep-embed.js"),
                ("@CARESTEP_SRI_INLINE@", "embed/carestep-inline.js"),
            ] {
                if html.contains(placeholder) {
                    html = html.replace(placeholder, &sri(&read(&dist.join(loader))?));
                }
            }
            if html.contains("@CARESTEP_") {
                return Err(format!("{name} still has a placeholder after the merge"));
            }
            html.into_bytes()
        } else {
            bytes
        };
        // A file two apps share (apps.css) must come out the same from both builds.
        let target = dist.join(name);
        if APPS_SHARED_FILES.contains(name)
            && target.exists()
            && read(&target)? != bytes
            && !fresh(app, name)
        {
            return Err(format!(
                "{name} differs between the apps' builds; they must load the same file"
            ));
        }
        std::fs::write(target, bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A build folder of `app` with every file named after itself and the page's text.
    fn fake_build(app: &App, dir: &Path, page: &str) {
        std::fs::create_dir_all(dir).unwrap();
        for name in app.files {
            std::fs::write(dir.join(name), name).unwrap();
        }
        std::fs::write(dir.join("index.html"), page).unwrap();
        for name in SHARED_FILES {
            std::fs::write(dir.join(name), "same").unwrap();
        }
    }

    #[test]
    fn merge_copies_each_apps_files_fills_in_the_hashes_and_refuses_a_differing_shared_file() {
        let base = std::env::temp_dir().join(format!("carestep-merge-{}", std::process::id()));
        let dist = base.join("dist");
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(dist.join("embed")).unwrap();
        for name in SHARED_FILES {
            std::fs::write(dist.join(name), "same").unwrap();
        }
        std::fs::write(dist.join("embed/carestep-embed.js"), "abc").unwrap();
        std::fs::write(dist.join("embed/carestep-inline.js"), "x").unwrap();

        let setup = base.join("setup");
        fake_build(
            &SETUP,
            &setup,
            "<meta content=\"@CARESTEP_SRI_EMBED@\"><meta content=\"@CARESTEP_SRI_INLINE@\">",
        );
        merge(&SETUP, &setup, &dist).unwrap();
        let html = std::fs::read_to_string(dist.join("setup.html")).unwrap();
        assert!(
            html.contains(&sri(b"abc")) && html.contains(&sri(b"x")),
            "{html}"
        );
        assert_eq!(
            std::fs::read(dist.join("preview.js")).unwrap(),
            b"preview.js"
        );

        // The clinician page: its page (index.html in its build) becomes clinician.html.
        let clinician = base.join("clinician");
        fake_build(&CLINICIAN, &clinician, "<title>clinician</title>");
        merge(&CLINICIAN, &clinician, &dist).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.join("clinician.html")).unwrap(),
            "<title>clinician</title>"
        );
        for name in CLINICIAN.files.iter().skip(1) {
            assert_eq!(std::fs::read(dist.join(name)).unwrap(), name.as_bytes());
        }
        // Every app's files are named, and no two apps claim one file but the ones they
        // share by design (apps.css).
        let all = other_apps_files();
        for (i, name) in all.iter().enumerate() {
            if !APPS_SHARED_FILES.contains(name) {
                assert!(!all[i + 1..].contains(name), "{name} is claimed twice");
            }
            assert!(!SHARED_FILES.contains(name), "{name} is the widget's");
        }
        // The clinician page's apps.css must be the set-up page's.
        std::fs::write(clinician.join("apps.css"), "other").unwrap();
        let err = merge(&CLINICIAN, &clinician, &dist).unwrap_err();
        assert!(err.contains("apps.css"), "{err}");
        std::fs::write(clinician.join("apps.css"), "apps.css").unwrap();

        std::fs::write(dist.join("boot.js"), "other").unwrap();
        let err = merge(&CLINICIAN, &clinician, &dist).unwrap_err();
        assert!(
            err.contains("boot.js") && err.contains("clinician"),
            "{err}"
        );
        fake_build(&SETUP, &setup, "<meta content=\"@CARESTEP_SRI_BOGUS@\">");
        std::fs::write(dist.join("boot.js"), "same").unwrap();
        assert!(merge(&SETUP, &setup, &dist)
            .unwrap_err()
            .contains("placeholder"));
        let _ = std::fs::remove_dir_all(&base);
    }
}
