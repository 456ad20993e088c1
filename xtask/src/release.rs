//! `cargo xtask release`: CareStep as two downloadable archives, so a clinic
//! can install it with no Rust and no command line.
//!
//! It builds the bundle (`cargo xtask dist`) and packages `dist/` into
//! `target/release-bundle/`:
//!
//! * **`carestep-<version>.zip`** — one top folder, `carestep-<version>/`,
//!   which is what a clinic uploads to its site as it is. Every file therefore
//!   sits under a versioned path (`/carestep-0.1.0/…`), so a server may let
//!   browsers cache them for a long time; a new version goes into a new folder.
//!
//!   ```text
//!   carestep-<version>/
//!     README.txt                    the clinic's quick start (five steps)
//!     setup.html, setup.css,        the set-up page: a clinic fills it in and
//!     carestep-setup.js,            copies the snippet it makes (and checks its
//!     carestep-setup_bg.wasm,       hosting); boot.js starts it; preview.html
//!     boot.js, preview.html, …      shows the self-check as configured
//!     carestep-widget.js,           the self-check itself
//!     carestep-widget_bg.wasm,
//!     carestep.css
//!     embed/                        the loaders a clinic's page uses (iframe,
//!                                   inline) and the iframe's page
//!     …                             every other file of dist/, same layout
//!     hosting/                      server recipes: nginx.conf, apache.htaccess,
//!                                   Caddyfile, _headers, README.md
//!     carestep-config.schema.json   the configuration's JSON Schema
//!     LICENSE                       MIT OR Apache-2.0: both texts
//!     NOTICE                        each instrument, its rights holder and
//!                                   attribution line; modules off by default
//!                                   and why (generated from the engine)
//!     CHANGELOG.md
//!     docs/methodology.md           how it decides: every instrument, cut-off,
//!                                   rule and flag with its source (generated)
//!     docs/handoff-and-fhir.md      the handoff code and the FHIR coding
//!     SHA256SUMS                    `sha256sum -c SHA256SUMS` in the folder
//!   ```
//!
//!   The demo clinic page is left out: `index.html`, and each of
//!   [`DEMO_ONLY`] that no file left in the folder refers to (`demo.css`;
//!   `boot.js` unless another page loads it).
//!
//! * **`carestep-<version>.tgz`** — the same files as an npm package,
//!   `@carestep/widget` (made by `npm pack`), for sites built with npm: the
//!   zip's folder without `README.txt` and `SHA256SUMS` (npm has its own
//!   integrity hashes), plus `package.json` (`files`, `exports` for the
//!   loaders, no scripts) and a `README.md`. `e2e/specs/release-npm.spec.js`
//!   installs it offline and runs a visitor's journey on the installed files.
//!
//! * **`carestep-wordpress-<version>.zip`** — the WordPress plugin, installable
//!   through Plugins → Add New → Upload Plugin: one top folder, `carestep/`,
//!   holding the plugin's sources (`integrations/wordpress/carestep/`, their
//!   `0.0.0-dev` placeholders replaced by the version), `bundle.php` (the
//!   version, the assets folder's name and the loader's Subresource Integrity
//!   value, computed here from the file), `LICENSE`, and the release folder's
//!   files in `assets/carestep-<version>/` (without `README.txt` and
//!   `SHA256SUMS`, which describe the zip), with `hosting/apache.htaccess` as
//!   that folder's `.htaccess`. `e2e/specs/wordpress.spec.js` installs it on a
//!   real WordPress.
//!
//!   ```text
//!   carestep/
//!     carestep.php, readme.txt, uninstall.php, includes/, block/
//!     bundle.php                    generated: version, folder, embed SRI
//!     LICENSE
//!     assets/carestep-<version>/    the release folder's files, and .htaccess
//!   ```
//!
//! All three are reproducible: the same `dist/` and inputs give byte-identical
//! archives. Zip entries are sorted, dated 1980-01-01 00:00 (the zip format's
//! epoch), 0644 for files and 0755 for folders, with no owner. `npm pack`
//! orders its entries itself, dates them all 1985-10-26, writes owner 0/0 with
//! no names and no time in the gzip header, but keeps each file's mode, so the
//! staging folder is set to 0644/0755 first. The tests below package the same
//! inputs twice, and a copy written in another order with other dates and
//! modes, and compare the bytes of both archives.
//!
//! [`package`] is the packaging step alone — an input folder laid out like the
//! repository (`Cargo.toml` for the version, `dist/`, `hosting/`,
//! `schema/carestep-config.schema.json`, `LICENSE-MIT`, `LICENSE-APACHE`,
//! `CHANGELOG.md`) and an output folder — so `cargo xtask test` can package
//! the `dist/` it has just built, and the tests can package a small synthetic
//! one without running Trunk.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{Cursor, Write as _};
use std::path::{Path, PathBuf};
use std::process::Command;

use carestep_engine::{deployment_items, instrument, Instrument, Module, ModuleSet};
use sha2::{Digest, Sha256};

use crate::Result;

/// The npm package's name.
pub const NPM_NAME: &str = "@carestep/widget";

/// The demo clinic page (left out of the release).
const DEMO_PAGE: &str = "index.html";

/// Files of `dist/` that only the demo page may need: left out unless a file
/// that ships refers to them by name.
pub const DEMO_ONLY: &[&str] = &["demo.css", "boot.js"];

/// Files the release adds next to the bundle's own (a `dist/` file with one
/// of these names would be shadowed, so it is an error).
const ADDED: &[&str] = &[
    "README.txt",
    "hosting",
    "carestep-config.schema.json",
    "LICENSE",
    "NOTICE",
    "CHANGELOG.md",
    "docs",
    "SHA256SUMS",
    "package.json",
    "README.md",
];

/// The documents of `docs/` that ship in the folder's `docs/`, with what
/// each is (for the error when one is missing).
const DOCS: &[(&str, &str)] = &[
    (
        "methodology.md",
        "how CareStep decides: `carestep methodology`'s output",
    ),
    (
        "handoff-and-fhir.md",
        "the handoff code and the FHIR coding",
    ),
];

/// The WordPress plugin's sources, relative to the repository's root.
pub const PLUGIN_DIR: &str = "integrations/wordpress/carestep";

/// The version the plugin's sources carry (plugin header, readme.txt's Stable
/// tag, block.json, the editor script's asset file); the release writes its
/// own version in its place.
pub const PLUGIN_DEV_VERSION: &str = "0.0.0-dev";

/// What a release wrote.
#[derive(Debug)]
pub struct Release {
    pub version: String,
    pub zip: PathBuf,
    pub tgz: PathBuf,
    /// The WordPress plugin, `carestep-wordpress-<version>.zip`.
    pub wordpress: PathBuf,
}

/// `cargo xtask release`: build the bundle, then package it.
pub fn release() -> Result {
    crate::setup::build_tools()?;
    crate::dist()?;
    let out = crate::root().join("target").join("release-bundle");
    let release = package(&crate::root(), &out)?;
    for file in [&release.zip, &release.tgz, &release.wordpress] {
        let size = fs::metadata(file).map(|m| m.len()).unwrap_or(0);
        eprintln!(
            "xtask: CareStep {}: wrote {} ({size} bytes)",
            release.version,
            shown(file)
        );
    }
    Ok(())
}

/// Packages `root/dist/` (with the other inputs under `root`, laid out as in
/// the repository) into `out/carestep-<version>.zip` and `.tgz`.
pub fn package(root: &Path, out: &Path) -> Result<Release> {
    package_parts(root, out, true)
}

/// [`package`], optionally without the npm package (for tests on a machine
/// without npm).
fn package_parts(root: &Path, out: &Path, with_npm: bool) -> Result<Release> {
    let version = version(&root.join("Cargo.toml"))?;
    let inputs = Inputs::at(root)?;
    let folder = folder_files(&inputs, &version)?;

    fs::create_dir_all(out).map_err(|e| format!("cannot create {}: {e}", shown(out)))?;
    let zip = out.join(format!("carestep-{version}.zip"));
    write_new(&zip, &zip_bytes(&format!("carestep-{version}"), &folder)?)?;

    let wordpress = out.join(format!("carestep-wordpress-{version}.zip"));
    write_new(
        &wordpress,
        &zip_bytes(
            "carestep",
            &plugin_files(&inputs.wordpress, &folder, &version)?,
        )?,
    )?;

    let tgz = out.join(format!("carestep-{version}.tgz"));
    if with_npm {
        npm_pack(&npm_files(&folder, &version)?, out, &tgz)?;
    }
    Ok(Release {
        version,
        zip,
        tgz,
        wordpress,
    })
}

/// The `[package] version` of a Cargo.toml.
pub fn version(cargo_toml: &Path) -> Result<String> {
    let text = fs::read_to_string(cargo_toml)
        .map_err(|e| format!("cannot read {}: {e}", shown(cargo_toml)))?;
    let doc: toml::Table = text
        .parse()
        .map_err(|e| format!("{} is not valid TOML: {e}", shown(cargo_toml)))?;
    // `[package] version = "…"`, or `version.workspace = true` and `[workspace.package]`'s.
    let version = doc
        .get("package")
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .or_else(|| {
            doc.get("workspace")
                .and_then(|w| w.get("package"))
                .and_then(|p| p.get("version"))
                .and_then(|v| v.as_str())
        })
        .ok_or_else(|| {
            format!(
                "{} has no [package] or [workspace.package] version",
                shown(cargo_toml)
            )
        })?;
    let ok = !version.is_empty()
        && version
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-+".contains(&b));
    if !ok {
        return Err(format!(
            "{}: version {version:?} cannot name a folder",
            shown(cargo_toml)
        ));
    }
    Ok(version.to_string())
}

/// The release's inputs, all checked to exist.
struct Inputs {
    dist: PathBuf,
    hosting: PathBuf,
    schema: PathBuf,
    license_mit: PathBuf,
    license_apache: PathBuf,
    changelog: PathBuf,
    docs: PathBuf,
    wordpress: PathBuf,
}

impl Inputs {
    fn at(root: &Path) -> Result<Inputs> {
        let inputs = Inputs {
            dist: root.join("dist"),
            hosting: root.join("hosting"),
            schema: root.join("schema").join("carestep-config.schema.json"),
            license_mit: root.join("LICENSE-MIT"),
            license_apache: root.join("LICENSE-APACHE"),
            changelog: root.join("CHANGELOG.md"),
            docs: root.join("docs"),
            wordpress: root.join(PLUGIN_DIR),
        };
        let docs: Vec<PathBuf> = DOCS
            .iter()
            .map(|(name, _)| inputs.docs.join(name))
            .collect();
        let mut needed: Vec<(&Path, bool, &str)> = vec![
            (&inputs.dist, true, "the bundle: run `cargo xtask dist`"),
            (
                &inputs.hosting,
                true,
                "the server recipes: nginx.conf, apache.htaccess, Caddyfile, _headers, README.md",
            ),
            (&inputs.schema, false, "the configuration's JSON Schema"),
            (&inputs.license_mit, false, "the MIT licence text"),
            (&inputs.license_apache, false, "the Apache-2.0 licence text"),
            (&inputs.changelog, false, "the changelog"),
            (&inputs.wordpress, true, "the WordPress plugin's sources"),
        ];
        for (path, (_, what)) in docs.iter().zip(DOCS) {
            needed.push((path, false, what));
        }
        let mut missing = Vec::new();
        for (path, is_dir, what) in needed {
            let there = if is_dir {
                path.is_dir() && fs::read_dir(path).is_ok_and(|mut d| d.next().is_some())
            } else {
                path.is_file()
            };
            if !there {
                let name = path
                    .strip_prefix(root)
                    .unwrap_or(path)
                    .display()
                    .to_string();
                let name = if is_dir { name + "/" } else { name };
                missing.push(format!("{name} ({what})"));
            }
        }
        if missing.is_empty() {
            Ok(inputs)
        } else {
            Err(format!(
                "cannot make a release: missing {} in {}",
                missing.join(", "),
                root.display()
            ))
        }
    }
}

/// Every file of the zip's top folder: relative path (with `/`) → bytes.
fn folder_files(inputs: &Inputs, version: &str) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = bundle_files(&inputs.dist)?;
    for (rel, bytes) in read_tree(&inputs.hosting)? {
        files.insert(format!("hosting/{rel}"), bytes);
    }
    files.insert("carestep-config.schema.json".into(), read(&inputs.schema)?);
    files.insert(
        "LICENSE".into(),
        license(&read(&inputs.license_mit)?, &read(&inputs.license_apache)?)?,
    );
    files.insert("NOTICE".into(), notice(version).into_bytes());
    files.insert("CHANGELOG.md".into(), read(&inputs.changelog)?);
    for (name, _) in DOCS {
        files.insert(format!("docs/{name}"), read(&inputs.docs.join(name))?);
    }
    files.insert("README.txt".into(), readme_txt(version).into_bytes());
    let sums = sha256sums(&files);
    files.insert("SHA256SUMS".into(), sums.into_bytes());
    Ok(files)
}

/// The files of `dist/` that ship: all but the demo clinic page.
pub fn bundle_files(dist: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = read_tree(dist)?;
    for added in ADDED {
        let clash =
            files.contains_key(*added) || files.keys().any(|k| k.starts_with(&format!("{added}/")));
        if clash {
            return Err(format!(
                "{}/{added} would be replaced by the release's own {added}",
                shown(dist)
            ));
        }
    }
    files.remove(DEMO_PAGE);
    // A demo-only file stays if anything that ships refers to it by name
    // (e.g. a set-up page started by boot.js).
    let candidates: Vec<&str> = DEMO_ONLY
        .iter()
        .copied()
        .filter(|name| files.contains_key(*name))
        .collect();
    let unused: Vec<&str> = candidates
        .iter()
        .copied()
        .filter(|name| {
            !files.iter().any(|(rel, bytes)| {
                !candidates.contains(&rel.as_str())
                    && is_text(rel)
                    && contains(bytes, name.as_bytes())
            })
        })
        .collect();
    for name in unused {
        files.remove(name);
    }
    Ok(files)
}

fn is_text(rel: &str) -> bool {
    [".html", ".js", ".mjs", ".css", ".json", ".webmanifest"]
        .iter()
        .any(|ext| rel.ends_with(ext))
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every regular file under `dir` (symbolic links followed; names starting
/// with `.` skipped), by relative path with `/`.
fn read_tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    fn walk(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) -> Result {
        let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", shown(dir)))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", shown(dir)))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(format!("{}: a file name is not UTF-8", shown(dir)));
            };
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let rel = format!("{prefix}{name}");
            let meta =
                fs::metadata(&path).map_err(|e| format!("cannot read {}: {e}", shown(&path)))?;
            if meta.is_dir() {
                walk(&path, &format!("{rel}/"), files)?;
            } else if meta.is_file() {
                files.insert(rel, read(&path)?);
            }
        }
        Ok(())
    }
    let mut files = BTreeMap::new();
    walk(dir, "", &mut files)?;
    Ok(files)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", shown(path)))
}

/// Writes through a temporary file, so a reader never sees half an archive.
fn write_new(path: &Path, bytes: &[u8]) -> Result {
    let tmp = path.with_extension("partial");
    fs::write(&tmp, bytes).map_err(|e| format!("cannot write {}: {e}", shown(&tmp)))?;
    fs::rename(&tmp, path).map_err(|e| format!("cannot write {}: {e}", shown(path)))
}

fn shown(path: &Path) -> String {
    path.strip_prefix(crate::root())
        .unwrap_or(path)
        .display()
        .to_string()
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

/// `sha256sum` lines (`<hex>  <path>`) for every file, sorted by path.
pub fn sha256sums(files: &BTreeMap<String, Vec<u8>>) -> String {
    files
        .iter()
        .map(|(rel, bytes)| format!("{}  {rel}\n", hex(&Sha256::digest(bytes))))
        .collect()
}

/// The zip: `top/` and every file under it, sorted, with fixed dates and modes.
pub fn zip_bytes(top: &str, files: &BTreeMap<String, Vec<u8>>) -> Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, DateTime, ZipWriter};

    // Every folder, then every file, as one sorted list of entry names (a
    // folder's name ends with `/`, so it sorts before what it holds).
    let mut entries: BTreeMap<String, Option<&[u8]>> = BTreeMap::new();
    entries.insert(format!("{top}/"), None);
    for (rel, bytes) in files {
        for (slash, _) in rel.match_indices('/') {
            entries.insert(format!("{top}/{}/", &rel[..slash]), None);
        }
        entries.insert(format!("{top}/{rel}"), Some(bytes.as_slice()));
    }

    let base = SimpleFileOptions::default()
        .last_modified_time(DateTime::default()) // 1980-01-01 00:00:00
        .large_file(false);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let err = |e: zip::result::ZipError| format!("cannot write the zip: {e}");
    for (name, bytes) in entries {
        match bytes {
            None => zip
                .add_directory(
                    name.trim_end_matches('/'),
                    base.compression_method(CompressionMethod::Stored)
                        .unix_permissions(0o755),
                )
                .map_err(err)?,
            Some(bytes) => {
                zip.start_file(
                    name,
                    base.compression_method(CompressionMethod::Deflated)
                        .unix_permissions(0o644),
                )
                .map_err(err)?;
                zip.write_all(bytes)
                    .map_err(|e| format!("cannot write the zip: {e}"))?;
            }
        }
    }
    Ok(zip.finish().map_err(err)?.into_inner())
}

/// The WordPress plugin's files (under its top folder `carestep/`): its
/// sources with the version written in, `bundle.php`, `LICENSE`, and the
/// release folder in `assets/carestep-<version>/` with the Apache recipe as
/// its `.htaccess`.
fn plugin_files(
    sources: &Path,
    folder: &BTreeMap<String, Vec<u8>>,
    version: &str,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files = BTreeMap::new();
    for (rel, bytes) in read_tree(sources)? {
        if rel == "bundle.php" || rel == "LICENSE" || rel.starts_with("assets/") {
            return Err(format!(
                "{PLUGIN_DIR}/{rel} would be replaced by the release's own: remove it from the sources"
            ));
        }
        let text = [".php", ".txt", ".json", ".js"]
            .iter()
            .any(|ext| rel.ends_with(ext));
        let bytes = if text {
            let text =
                String::from_utf8(bytes).map_err(|_| format!("{PLUGIN_DIR}/{rel} is not UTF-8"))?;
            text.replace(PLUGIN_DEV_VERSION, version).into_bytes()
        } else {
            bytes
        };
        files.insert(rel, bytes);
    }
    let header = files
        .get("carestep.php")
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let stamped = header.lines().any(|l| {
        l.trim_start_matches([' ', '*'])
            .strip_prefix("Version:")
            .is_some_and(|v| v.trim() == version)
    });
    if !stamped {
        return Err(format!(
            "{PLUGIN_DIR}/carestep.php must be the plugin's main file, with the header line \
             `Version: {PLUGIN_DEV_VERSION}` (the release writes its version there)"
        ));
    }

    let assets = format!("assets/carestep-{version}");
    for (rel, bytes) in folder {
        if !matches!(rel.as_str(), "README.txt" | "SHA256SUMS") {
            files.insert(format!("{assets}/{rel}"), bytes.clone());
        }
    }
    let need = |rel: &str| {
        folder
            .get(rel)
            .ok_or_else(|| format!("the release has no {rel}: the WordPress plugin needs it"))
    };
    files.insert(
        format!("{assets}/.htaccess"),
        need("hosting/apache.htaccess")?.clone(),
    );
    files.insert("LICENSE".into(), need("LICENSE")?.clone());
    let sri = sri_sha384(need("embed/carestep-embed.js")?);
    files.insert("bundle.php".into(), bundle_php(version, &sri).into_bytes());
    Ok(files)
}

/// The plugin's bundle.php: what it ships, read by `carestep_bundle()`.
fn bundle_php(version: &str, embed_sri: &str) -> String {
    format!(
        "<?php\n\
         /**\n \
         * The CareStep release this plugin ships. Written by `cargo xtask release`.\n \
         *\n \
         * @package CareStep\n \
         */\n\n\
         defined( 'ABSPATH' ) || exit;\n\n\
         return array(\n\
         \t'version'   => '{version}',\n\
         \t'folder'    => 'carestep-{version}',\n\
         \t'embed_sri' => '{embed_sri}',\n\
         );\n"
    )
}

/// The Subresource Integrity value (`sha384-<base64>`) of `bytes`.
pub fn sri_sha384(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&sha2::Sha384::digest(bytes)))
}

/// Standard base64 with padding (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The LICENSE file: both licences, and that either applies.
fn license(mit: &[u8], apache: &[u8]) -> Result<Vec<u8>> {
    let text = |b: &[u8], name| {
        String::from_utf8(b.to_vec()).map_err(|_| format!("LICENSE-{name} is not UTF-8"))
    };
    let (mit, apache) = (text(mit, "MIT")?, text(apache, "APACHE")?);
    let rule = "=".repeat(78);
    Ok(format!(
        "CareStep is licensed under either of\n\n\
         \x20 * the MIT License, or\n\
         \x20 * the Apache License, Version 2.0,\n\n\
         at your option (SPDX: MIT OR Apache-2.0): either applies. Both texts follow.\n\n\
         This licence covers CareStep's own code and text. The questionnaires it\n\
         presents belong to their rights holders: see NOTICE.\n\n\
         {rule}\nMIT License\n{rule}\n\n{}\n\n{rule}\nApache License, Version 2.0\n{rule}\n\n{}\n",
        mit.trim_end(),
        apache.trim_end(),
    )
    .into_bytes())
}

/// NOTICE, generated from the engine's data: every instrument of the
/// questionnaire with its modules, rights holder, attribution line and
/// citation, then the modules that are off by default and why.
pub fn notice(version: &str) -> String {
    let default = ModuleSet::default_deployment();
    let modules_of = |i: Instrument| -> Vec<Module> {
        let mut modules: Vec<Module> = Vec::new();
        for item in carestep_engine::questionnaire() {
            if item.instrument == i && !modules.contains(&item.module) {
                modules.push(item.module);
            }
        }
        modules
    };
    let state = |m: Module| {
        if m.on_by_default() {
            "on by default"
        } else {
            "off by default"
        }
    };

    let mut s = String::new();
    let _ = writeln!(s, "CareStep {version}: notices\n");
    s.push_str(
        "CareStep's own code and text are licensed under MIT OR Apache-2.0 (see\n\
         LICENSE). The validated questionnaires it presents are the work of others.\n\
         Each is shown word for word, with its attribution line on screen and in\n\
         the printed or saved summary. The questions marked \"written for CareStep\"\n\
         are CareStep's own and covered by its licence.\n\n\
         INSTRUMENTS\n\n",
    );
    for &i in Instrument::ALL {
        let info = instrument(i);
        let modules = modules_of(i);
        let _ = writeln!(s, "{}", info.name);
        for &m in &modules {
            let permission = match (info.attribution, m.rights_holder()) {
                (None, _) => "written for CareStep".to_string(),
                (Some(_), None) => "no permission needed".to_string(),
                (Some(_), Some(holder)) => {
                    format!("licensed: needs the written permission of the rights holder,\n    {holder}")
                }
            };
            let _ = writeln!(
                s,
                "  Module {}: {}, {}; {permission}",
                m.as_str(),
                m.title(),
                state(m)
            );
        }
        if let Some(line) = info.attribution {
            let _ = writeln!(s, "  Attribution: {line}");
        }
        let _ = writeln!(s, "  Citation: {}\n", info.citation);
    }

    s.push_str(
        "MODULES OFF BY DEFAULT, AND WHY\n\n\
         The default deployment asks only instruments that need no permission.\n\
         A clinic switches a module on in its configuration (\"modules\").\n\n",
    );
    for m in Module::ALL.into_iter().filter(|m| !default.contains(*m)) {
        let _ = writeln!(s, "{}: {}", m.as_str(), m.title());
        match m.rights_holder() {
            Some(holder) => {
                let _ = writeln!(
                    s,
                    "  Licensed: using it in a widget needs the written permission of\n  {holder}.\n  \
                     To switch it on, a clinic states the permission it holds:\n  \
                     \"modules\": {{\"{}\": {{\"permission\": \"…\"}}}}",
                    m.as_str()
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "  Needs no permission, but is not part of the default questionnaire\n  \
                     (an optional module, for clinics that want it): \"modules\": {{\"{}\": true}}",
                    m.as_str()
                );
            }
        }
        // Which default modules it takes the place of, if any (the C-SSRS
        // replaces the ASQ): their items are no longer asked once it is on.
        let with = deployment_items(&default.with(m));
        let replaced: Vec<&str> = default
            .iter()
            .filter(|&d| {
                deployment_items(&default).iter().any(|it| it.module == d)
                    && !with.iter().any(|it| it.module == d)
            })
            .map(|d| d.as_str())
            .collect();
        if !replaced.is_empty() {
            let _ = writeln!(s, "  When on, it replaces: {}", replaced.join(", "));
        }
        s.push('\n');
    }
    s
}

/// README.txt: the clinic's quick start.
pub fn readme_txt(version: &str) -> String {
    format!(
        "CareStep {version}: a private mental-health self-check for your website
=====================================================================

A visitor answers a short set of validated questions; the self-check runs
entirely in their browser and suggests which level of care may fit. No
answer ever leaves their device, and nothing is stored.

Quick start
-----------

1. Unzip this file. You get one folder: carestep-{version}

2. Upload that folder, as it is and keeping its name, to the top of your
   website, so its files are at https://YOUR-SITE/carestep-{version}/ .
   Set up your web server with the recipe for it from the hosting/ folder
   (Apache, nginx, Caddy, or _headers for Netlify and Cloudflare Pages):
   hosting/README.md says which file and where it goes.

3. Open https://YOUR-SITE/carestep-{version}/setup.html in your browser.

4. Fill it in (your clinic, phone, crisis lines, programs) and copy the snippet
   it makes into the page of your site where the self-check should appear.

5. Press \"Check my hosting\" on the set-up page: it checks that your server
   sends these files the way the self-check needs.

Good to know
------------

- Each version has its own folder, so your server may let browsers cache
  these files for a long time. To update, upload the new version's folder
  next to this one and paste the new snippet; then delete the old folder.
- clinician.html is for your intake staff. A visitor can show them a code
  (\"Show a code for your clinician\" on the result); this page reads it,
  typed, from a photo or from the camera, shows the visitor's answers and
  result, and can save them for your records (FHIR). Nothing is sent.
- docs/methodology.md is how CareStep decides: every question, score and
  rule with its source. Visitors see the same as \"How this self-check works\".
- carestep-config.schema.json describes every configuration field.
- NOTICE lists the questionnaires, their rights holders and attribution,
  and which optional modules need the rights holder's permission.
- To check the download: in this folder, run  sha256sum -c SHA256SUMS
- LICENSE: CareStep is licensed under MIT OR Apache-2.0 (either applies).
- CHANGELOG.md: what changed in each version.

CareStep suggests a level of care to discuss with a clinician. It is not a
diagnosis.
"
    )
}

/// README.md of the npm package.
fn readme_md(version: &str) -> String {
    format!(
        "# {NPM_NAME} {version}

CareStep is a mental-health self-check for a clinic's website. A visitor
answers a short set of validated questions and sees which level of care may
fit, with the reasons and the next step.

**Privacy:** the self-check runs entirely in the visitor's browser. No answer
is ever sent anywhere: no request is made after its own files load, nothing is
written to cookies or storage, and answers never appear in the URL.

CareStep suggests a level of care to discuss with a clinician. It is not a
diagnosis.

## Serving the files

This package is a folder of static files, not a library to bundle. Copy the
whole package folder (`node_modules/{NPM_NAME}/`) to your site as a folder of
its own, for example `/carestep-{version}/`, keeping its layout:

```sh
cp -R node_modules/{NPM_NAME} public/carestep-{version}
```

Then open `/carestep-{version}/setup.html` on your site: fill it in, copy the
snippet it makes into your page, and press **Check my hosting**.

Your server must send the files with `Access-Control-Allow-Origin: *` and
`.wasm` files as `application/wasm`; `hosting/` has recipes for nginx, Apache,
Caddy and static hosts that read a `_headers` file. Because each version has its
own folder, the files may be cached for a long time.

## What is in the package

- `embed/carestep-embed.js` — the loader for the sandboxed iframe
  (recommended; `exports` name: `{NPM_NAME}/embed`);
- `embed/carestep-inline.js` — the inline Shadow DOM loader (less private;
  `{NPM_NAME}/inline`);
- `carestep-widget.js`, `carestep-widget_bg.wasm`, `carestep.css`, `embed/` —
  the self-check itself;
- `setup.html` and its files — the set-up page;
- `hosting/` — server recipes; `carestep-config.schema.json` — the
  configuration's JSON Schema;
- `NOTICE` — the questionnaires, their rights holders and attribution lines,
  and which optional modules need permission;
- `LICENSE` — MIT OR Apache-2.0; `CHANGELOG.md`.

The package has no dependencies and runs no install scripts.
"
    )
}

/// The npm package's files: the zip's folder without README.txt and
/// SHA256SUMS, plus package.json and README.md.
fn npm_files(
    folder: &BTreeMap<String, Vec<u8>>,
    version: &str,
) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut files: BTreeMap<String, Vec<u8>> = folder
        .iter()
        .filter(|(rel, _)| !matches!(rel.as_str(), "README.txt" | "SHA256SUMS"))
        .map(|(rel, bytes)| (rel.clone(), bytes.clone()))
        .collect();
    files.insert("README.md".into(), readme_md(version).into_bytes());
    files.insert(
        "package.json".into(),
        package_json(&files, version)?.into_bytes(),
    );
    Ok(files)
}

/// package.json: name, version, what ships (`files`), the loaders as
/// `exports`; no scripts, no dependencies.
fn package_json(files: &BTreeMap<String, Vec<u8>>, version: &str) -> Result<String> {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Package<'a> {
        name: &'a str,
        version: &'a str,
        description: &'a str,
        license: &'a str,
        files: Vec<String>,
        exports: BTreeMap<&'a str, &'a str>,
    }
    // The top-level names that ship (npm adds package.json, README.md and
    // LICENSE itself, but listing them does no harm and says so).
    let top: Vec<String> = files
        .keys()
        .map(|rel| rel.split('/').next().unwrap_or(rel).to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut exports = BTreeMap::new();
    exports.insert("./embed", "./embed/carestep-embed.js");
    exports.insert("./inline", "./embed/carestep-inline.js");
    exports.insert("./package.json", "./package.json");
    // Any shipped file by its path, e.g. to copy the .wasm in a build step.
    exports.insert("./*", "./*");
    for target in ["embed/carestep-embed.js", "embed/carestep-inline.js"] {
        if !files.contains_key(target) {
            return Err(format!(
                "dist/{target} is missing: the npm package exports it"
            ));
        }
    }
    let package = Package {
        name: NPM_NAME,
        version,
        description: "CareStep: a private mental-health self-check for a clinic's website (static files: WebAssembly, JavaScript loaders, CSS)",
        license: "MIT OR Apache-2.0",
        files: top,
        exports,
    };
    serde_json::to_string_pretty(&package)
        .map(|s| s + "\n")
        .map_err(|e| format!("cannot write package.json: {e}"))
}

/// `npm pack` of `files` (staged under `out/`), renamed to `tgz`.
fn npm_pack(files: &BTreeMap<String, Vec<u8>>, out: &Path, tgz: &Path) -> Result {
    let staging = out.join("npm-staging");
    if staging.exists() {
        fs::remove_dir_all(&staging)
            .map_err(|e| format!("cannot clear {}: {e}", shown(&staging)))?;
    }
    for (rel, bytes) in files {
        let path = staging.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", shown(dir)))?;
        }
        fs::write(&path, bytes).map_err(|e| format!("cannot write {}: {e}", shown(&path)))?;
    }
    // `npm pack` fixes the entries' dates but keeps their modes: 0644 and
    // 0755 whatever the umask.
    normalise_modes(&staging)?;
    let packed = out.join("npm-packed");
    if packed.exists() {
        fs::remove_dir_all(&packed).map_err(|e| format!("cannot clear {}: {e}", shown(&packed)))?;
    }
    fs::create_dir_all(&packed).map_err(|e| format!("cannot create {}: {e}", shown(&packed)))?;
    let mut cmd = Command::new("npm");
    cmd.args(["pack", "--ignore-scripts", "--pack-destination"])
        .arg(&packed)
        .current_dir(&staging)
        .env("npm_config_update_notifier", "false")
        .env("npm_config_fund", "false")
        .env("npm_config_audit", "false")
        .env("npm_config_loglevel", "warn")
        // It prints the file's name; the caller reports what was written.
        .stdout(std::process::Stdio::null());
    crate::run(&mut cmd)?;
    let made: Vec<PathBuf> = fs::read_dir(&packed)
        .map_err(|e| format!("cannot read {}: {e}", shown(&packed)))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tgz"))
        .collect();
    let [made] = made.as_slice() else {
        return Err(format!(
            "`npm pack` left {} .tgz files in {}, not one",
            made.len(),
            shown(&packed)
        ));
    };
    fs::rename(made, tgz).map_err(|e| format!("cannot write {}: {e}", shown(tgz)))?;
    let _ = fs::remove_dir_all(&packed);
    fs::remove_dir_all(&staging).map_err(|e| format!("cannot remove {}: {e}", shown(&staging)))?;
    Ok(())
}

/// Sets 0644 on every file and 0755 on every folder under `dir`.
fn normalise_modes(dir: &Path) -> Result {
    use std::os::unix::fs::PermissionsExt;
    let set = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .map_err(|e| format!("cannot set the mode of {}: {e}", shown(path)))
    };
    set(dir, 0o755)?;
    for entry in fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", shown(dir)))? {
        let path = entry
            .map_err(|e| format!("cannot read {}: {e}", shown(dir)))?
            .path();
        if path.is_dir() {
            normalise_modes(&path)?;
        } else {
            set(&path, 0o644)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::time::{Duration, SystemTime};

    const VERSION: &str = "1.2.3";
    const TOP: &str = "carestep-1.2.3";

    /// A fresh scratch folder for one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-release-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn put(root: &Path, rel: &str, bytes: &[u8]) {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// The files of a small synthetic repository: a dist/ shaped like
    /// Trunk's (demo page, set-up page, widget, embed/) and the other inputs.
    fn synthetic_files() -> Vec<(&'static str, Vec<u8>)> {
        let wasm: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 251) as u8).collect();
        vec![
            ("Cargo.toml", format!("[workspace]\nmembers = [\".\"]\n\n[workspace.package]\nversion = \"9.9.9\"\n\n[package]\nname = \"x\"\nversion = \"{VERSION}\"\n").into_bytes()),
            ("dist/index.html", b"<!DOCTYPE html><link rel=stylesheet href=demo.css><link rel=stylesheet href=carestep.css><script type=module src=boot.js></script>".to_vec()),
            ("dist/demo.css", b".site{color:red}".to_vec()),
            ("dist/boot.js", b"import('./carestep-widget.js')".to_vec()),
            ("dist/carestep.css", b".cs{color:blue}".to_vec()),
            ("dist/carestep-widget.js", b"export default function init(){}".to_vec()),
            ("dist/carestep-widget_bg.wasm", wasm.clone()),
            ("dist/setup.html", b"<!DOCTYPE html><link rel=stylesheet href=setup.css><script type=module src=carestep-setup.js></script>".to_vec()),
            ("dist/setup.css", b".setup{}".to_vec()),
            ("dist/carestep-setup.js", b"export default function init(){}".to_vec()),
            ("dist/carestep-setup_bg.wasm", wasm.iter().rev().copied().collect()),
            ("dist/embed/carestep-embed.js", b"(function(){})()".to_vec()),
            ("dist/embed/carestep-inline.js", b"export {}".to_vec()),
            ("dist/embed/frame.html", b"<!DOCTYPE html><link rel=stylesheet href=../carestep.css><script src=frame.js defer></script>".to_vec()),
            ("dist/embed/frame.js", b"void 0".to_vec()),
            ("dist/embed/frame.css", b"body{}".to_vec()),
            ("hosting/nginx.conf", b"location /carestep-1.2.3/ {}\n".to_vec()),
            ("hosting/apache.htaccess", b"Header set Access-Control-Allow-Origin \"*\"\n".to_vec()),
            ("hosting/Caddyfile", b"header Access-Control-Allow-Origin *\n".to_vec()),
            ("hosting/_headers", b"/*\n  Access-Control-Allow-Origin: *\n".to_vec()),
            ("hosting/README.md", b"# Hosting\n".to_vec()),
            ("schema/carestep-config.schema.json", b"{\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"}\n".to_vec()),
            ("LICENSE-MIT", b"MIT License\n\nCopyright (c) the authors\n".to_vec()),
            ("LICENSE-APACHE", b"Apache License\nVersion 2.0, January 2004\n".to_vec()),
            ("CHANGELOG.md", b"# Changelog\n\n## [1.2.3]\n".to_vec()),
            ("docs/methodology.md", b"# How CareStep decides\n".to_vec()),
            ("docs/handoff-and-fhir.md", b"# The handoff code and the FHIR export\n".to_vec()),
            ("integrations/wordpress/carestep/carestep.php", b"<?php\n/**\n * Plugin Name: CareStep\n * Version:     0.0.0-dev\n */\n".to_vec()),
            ("integrations/wordpress/carestep/readme.txt", b"=== CareStep ===\nStable tag: 0.0.0-dev\n".to_vec()),
            ("integrations/wordpress/carestep/block/block.json", b"{\"name\": \"carestep/self-check\", \"version\": \"0.0.0-dev\"}\n".to_vec()),
            ("integrations/wordpress/carestep/block/editor.js", b"wp.blocks.registerBlockType('carestep/self-check', {});\n".to_vec()),
            ("integrations/wordpress/carestep/uninstall.php", b"<?php delete_option( 'carestep_config' );\n".to_vec()),
        ]
    }

    fn synthetic_root(name: &str) -> PathBuf {
        let root = scratch(name).join("repo");
        for (rel, bytes) in synthetic_files() {
            put(&root, rel, &bytes);
        }
        root
    }

    fn npm_available() -> bool {
        let found = Command::new("npm")
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if !found {
            eprintln!("npm is not installed: the npm package is not tested");
        }
        found
    }

    /// The zip's entries: name → (bytes, unix mode, is_dir, date), in archive order.
    fn zip_entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, u32, bool, zip::DateTime)> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut file = archive.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                (
                    file.name().to_string(),
                    data,
                    file.unix_mode().unwrap(),
                    file.is_dir(),
                    file.last_modified().unwrap(),
                )
            })
            .collect()
    }

    /// The regular files of a .tgz (path → bytes), with each header's mode,
    /// date and owner checked to be fixed.
    fn tgz_files(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
        let mut tar = Vec::new();
        flate2::read::GzDecoder::new(bytes)
            .read_to_end(&mut tar)
            .unwrap();
        let field = |h: &[u8], a: usize, b: usize| {
            String::from_utf8_lossy(&h[a..b])
                .trim_end_matches(['\0', ' '])
                .trim()
                .to_string()
        };
        let octal =
            |h: &[u8], a: usize, b: usize| u64::from_str_radix(&field(h, a, b), 8).unwrap_or(0);
        let mut files = BTreeMap::new();
        let mut at = 0;
        while at + 512 <= tar.len() && tar[at..at + 512].iter().any(|&b| b != 0) {
            let h = &tar[at..at + 512];
            let size = octal(h, 124, 136) as usize;
            let kind = h[156];
            let name = match field(h, 345, 500) {
                prefix if prefix.is_empty() => field(h, 0, 100),
                prefix => format!("{prefix}/{}", field(h, 0, 100)),
            };
            let data = tar[at + 512..at + 512 + size].to_vec();
            if kind == b'0' || kind == 0 {
                assert_eq!(octal(h, 100, 108) & 0o777, 0o644, "{name}: mode");
                assert_eq!(field(h, 265, 297), "", "{name}: owner name");
                files.insert(name, data);
            }
            at += 512 + size.div_ceil(512) * 512;
        }
        files
    }

    #[test]
    fn the_version_comes_from_the_package_or_the_workspace_table() {
        let dir = scratch("version");
        let toml = dir.join("Cargo.toml");
        fs::write(&toml, "[workspace.package]\nversion = \"9.9.9\"\n[package]\nname = \"x\"\nversion = \"0.4.0-rc.1\"\n").unwrap();
        assert_eq!(version(&toml).unwrap(), "0.4.0-rc.1");
        // `version.workspace = true`: the workspace's.
        fs::write(&toml, "[workspace.package]\nversion = \"9.9.9\"\n[package]\nname = \"x\"\nversion.workspace = true\n").unwrap();
        assert_eq!(version(&toml).unwrap(), "9.9.9");
        fs::write(&toml, "[package]\nname = \"x\"\n").unwrap();
        assert!(version(&toml)
            .unwrap_err()
            .contains("no [package] or [workspace.package] version"));
        fs::write(&toml, "[package]\nversion = \"../x\"\n").unwrap();
        assert!(version(&toml).unwrap_err().contains("cannot name a folder"));
    }

    /// Two packagings of the same build output give the same bytes, even
    /// from a copy written in another order, at other times, with other
    /// modes and in another folder.
    #[test]
    fn packaging_twice_gives_identical_archives() {
        let root_a = synthetic_root("repro-a");
        let root_b = scratch("repro-b").join("elsewhere");
        let mut files = synthetic_files();
        files.reverse();
        let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_234_567_890);
        for (i, (rel, bytes)) in files.iter().enumerate() {
            put(&root_b, rel, bytes);
            let file = fs::File::options()
                .write(true)
                .open(root_b.join(rel))
                .unwrap();
            file.set_modified(old + Duration::from_secs(i as u64 * 3_600))
                .unwrap();
        }
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(
            root_b.join("dist/carestep.css"),
            fs::Permissions::from_mode(0o600),
        )
        .unwrap();
        fs::set_permissions(root_b.join("dist/embed"), fs::Permissions::from_mode(0o700)).unwrap();

        let npm = npm_available();
        let out_a = scratch("repro-a-out");
        let out_a2 = scratch("repro-a2-out");
        let out_b = scratch("repro-b-out");
        let a = package_parts(&root_a, &out_a, npm).unwrap();
        std::thread::sleep(Duration::from_millis(1_100)); // another second for any clock-based field
        let a2 = package_parts(&root_a, &out_a2, npm).unwrap();
        let b = package_parts(&root_b, &out_b, npm).unwrap();

        let zip_a = fs::read(&a.zip).unwrap();
        assert!(zip_a.len() > 1000);
        assert_eq!(
            zip_a,
            fs::read(&a2.zip).unwrap(),
            "zip of the same folder, packaged twice"
        );
        assert_eq!(
            zip_a,
            fs::read(&b.zip).unwrap(),
            "zip of a copy with other dates, modes and order"
        );
        let plugin_a = fs::read(&a.wordpress).unwrap();
        assert_eq!(
            plugin_a,
            fs::read(&a2.wordpress).unwrap(),
            "WordPress plugin of the same folder, packaged twice"
        );
        assert_eq!(
            plugin_a,
            fs::read(&b.wordpress).unwrap(),
            "WordPress plugin of a copy with other dates, modes and order"
        );
        if npm {
            let tgz_a = fs::read(&a.tgz).unwrap();
            assert!(tgz_a.len() > 1000);
            assert_eq!(
                tgz_a,
                fs::read(&a2.tgz).unwrap(),
                "npm package of the same folder, packaged twice"
            );
            assert_eq!(
                tgz_a,
                fs::read(&b.tgz).unwrap(),
                "npm package of a copy with other dates, modes and order"
            );
            // The staging folders are gone: the zip, the .tgz and the plugin remain.
            assert_eq!(fs::read_dir(&out_a).unwrap().count(), 3);
        }
        // And a change in the bundle changes the archive (the comparison can fail).
        put(&root_b, "dist/carestep.css", b".cs{color:green}");
        let c = package_parts(&root_b, &scratch("repro-c-out"), false).unwrap();
        assert_ne!(zip_a, fs::read(&c.zip).unwrap());
    }

    #[test]
    fn the_zip_is_one_versioned_folder_without_the_demo_page() {
        let root = synthetic_root("layout");
        let release = package_parts(&root, &scratch("layout-out"), false).unwrap();
        assert_eq!(release.version, VERSION);
        assert_eq!(release.zip.file_name().unwrap(), "carestep-1.2.3.zip");
        let entries = zip_entries(&fs::read(&release.zip).unwrap());
        let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();

        // One top folder, named with the version; entries sorted.
        assert_eq!(names[0], format!("{TOP}/"));
        assert!(
            names.iter().all(|n| n.starts_with(&format!("{TOP}/"))),
            "{names:?}"
        );
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);

        let files: Vec<&str> = entries
            .iter()
            .filter(|e| !e.3)
            .map(|e| e.0.strip_prefix(&format!("{TOP}/")).unwrap())
            .collect();
        let expected = [
            "CHANGELOG.md",
            "LICENSE",
            "NOTICE",
            "README.txt",
            "SHA256SUMS",
            "carestep-config.schema.json",
            "carestep-setup.js",
            "carestep-setup_bg.wasm",
            "carestep-widget.js",
            "carestep-widget_bg.wasm",
            "carestep.css",
            "docs/handoff-and-fhir.md",
            "docs/methodology.md",
            "embed/carestep-embed.js",
            "embed/carestep-inline.js",
            "embed/frame.css",
            "embed/frame.html",
            "embed/frame.js",
            "hosting/Caddyfile",
            "hosting/README.md",
            "hosting/_headers",
            "hosting/apache.htaccess",
            "hosting/nginx.conf",
            "setup.css",
            "setup.html",
        ];
        assert_eq!(files, expected);
        // The demo page and what only it uses are left out.
        for gone in ["index.html", "demo.css", "boot.js"] {
            assert!(!files.contains(&gone), "{gone} ships");
        }
        let dirs: Vec<&str> = entries
            .iter()
            .filter(|e| e.3)
            .map(|e| e.0.as_str())
            .collect();
        assert_eq!(
            dirs,
            [
                format!("{TOP}/"),
                format!("{TOP}/docs/"),
                format!("{TOP}/embed/"),
                format!("{TOP}/hosting/")
            ]
        );

        // Fixed modes and date; the bundle's bytes unchanged.
        for (name, data, mode, is_dir, date) in &entries {
            let expected = if *is_dir { 0o40755 } else { 0o100644 };
            assert_eq!(*mode, expected, "{name}: mode {mode:o}");
            assert_eq!(
                (
                    date.year(),
                    date.month(),
                    date.day(),
                    date.hour(),
                    date.minute()
                ),
                (1980, 1, 1, 0, 0),
                "{name}"
            );
            if let Some(rel) = name.strip_prefix(&format!("{TOP}/")) {
                if root.join("dist").join(rel).is_file() {
                    assert_eq!(
                        data,
                        &fs::read(root.join("dist").join(rel)).unwrap(),
                        "{name}"
                    );
                }
            }
        }
        let text = |rel: &str| {
            let entry = entries
                .iter()
                .find(|e| e.0 == format!("{TOP}/{rel}"))
                .unwrap();
            String::from_utf8(entry.1.clone()).unwrap()
        };
        // The docs ship as they are in the repository.
        for doc in ["docs/methodology.md", "docs/handoff-and-fhir.md"] {
            assert_eq!(text(doc), fs::read_to_string(root.join(doc)).unwrap());
        }
        // Copied inputs.
        assert_eq!(
            text("hosting/_headers"),
            "/*\n  Access-Control-Allow-Origin: *\n"
        );
        assert!(text("carestep-config.schema.json").contains("json-schema.org"));
        assert_eq!(text("CHANGELOG.md"), "# Changelog\n\n## [1.2.3]\n");
        // LICENSE: both texts and that either applies.
        let license = text("LICENSE");
        assert!(license.contains("MIT OR Apache-2.0"));
        assert!(license.contains("either applies"));
        assert!(
            license.contains("Copyright (c) the authors")
                && license.contains("Version 2.0, January 2004")
        );
        // README.txt: the quick start, five steps at most, naming this version's folder.
        let readme = text("README.txt");
        let steps = readme
            .lines()
            .filter(|l| {
                l.split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
            .count();
        assert!((1..=5).contains(&steps), "{steps} steps");
        for words in [TOP, "setup.html", "hosting/", "Check my hosting"] {
            assert!(
                readme.contains(words),
                "README.txt does not mention {words}"
            );
        }
    }

    #[test]
    fn sha256sums_list_every_other_file_and_check() {
        let root = synthetic_root("sums");
        let release = package_parts(&root, &scratch("sums-out"), false).unwrap();
        let bytes = fs::read(&release.zip).unwrap();
        let entries = zip_entries(&bytes);
        let prefix = format!("{TOP}/");
        let files: BTreeMap<&str, &Vec<u8>> = entries
            .iter()
            .filter(|e| !e.3)
            .map(|e| (e.0.strip_prefix(&prefix).unwrap(), &e.1))
            .collect();
        let sums = String::from_utf8(files["SHA256SUMS"].clone()).unwrap();
        let listed: Vec<(&str, &str)> = sums.lines().map(|l| l.split_once("  ").unwrap()).collect();
        // Every other file, once, sorted, with its real hash.
        let paths: Vec<&str> = listed.iter().map(|l| l.1).collect();
        let others: Vec<&str> = files
            .keys()
            .copied()
            .filter(|p| *p != "SHA256SUMS")
            .collect();
        assert_eq!(paths, others);
        for (hash, path) in &listed {
            assert_eq!(*hash, hex(&Sha256::digest(files[path])), "{path}");
        }
        // And `sha256sum -c` agrees, in the unzipped folder.
        let unzipped = scratch("sums-unzipped");
        zip::ZipArchive::new(Cursor::new(&bytes))
            .unwrap()
            .extract(&unzipped)
            .unwrap();
        let check = |expect_ok: bool| {
            let out = Command::new("sha256sum")
                .args(["-c", "--strict", "SHA256SUMS"])
                .current_dir(unzipped.join(TOP))
                .output()
                .expect("sha256sum (coreutils) runs");
            assert_eq!(
                out.status.success(),
                expect_ok,
                "{}",
                String::from_utf8_lossy(&out.stdout)
            );
        };
        check(true);
        // A changed file fails the check.
        fs::write(unzipped.join(TOP).join("embed/frame.js"), "changed").unwrap();
        check(false);
    }

    #[test]
    fn boot_js_ships_when_a_shipped_page_loads_it() {
        let root = synthetic_root("boot");
        put(
            &root,
            "dist/setup.html",
            b"<!DOCTYPE html><script type=module src=boot.js></script>",
        );
        let files = bundle_files(&root.join("dist")).unwrap();
        assert!(files.contains_key("boot.js"));
        assert!(!files.contains_key("demo.css"));
        assert!(!files.contains_key("index.html"));
    }

    #[test]
    fn a_missing_input_is_named() {
        let root = synthetic_root("missing");
        let out = scratch("missing-out");
        fs::remove_dir_all(root.join("hosting")).unwrap();
        let err = package_parts(&root, &out, false).unwrap_err();
        assert!(
            err.contains("missing hosting/ (the server recipes"),
            "{err}"
        );
        assert!(!err.contains("schema"), "{err}");
        fs::remove_file(root.join("schema/carestep-config.schema.json")).unwrap();
        let err = package_parts(&root, &out, false).unwrap_err();
        assert!(
            err.contains("hosting/") && err.contains("schema/carestep-config.schema.json"),
            "{err}"
        );
        assert!(!out.join("carestep-1.2.3.zip").exists());
        // The methodology page is part of the release.
        let root = synthetic_root("missing-docs");
        fs::remove_file(root.join("docs/methodology.md")).unwrap();
        let err = package_parts(&root, &out, false).unwrap_err();
        assert!(
            err.contains("missing docs/methodology.md (how CareStep decides"),
            "{err}"
        );
        // A dist/ file that would be shadowed by the release's own.
        let root = synthetic_root("shadowed");
        put(&root, "dist/NOTICE", b"x");
        let err = package_parts(&root, &out, false).unwrap_err();
        assert!(err.contains("NOTICE would be replaced"), "{err}");
    }

    #[test]
    fn the_npm_package_has_the_zips_files_its_exports_and_no_scripts() {
        if !npm_available() {
            return;
        }
        let root = synthetic_root("npm");
        let release = package_parts(&root, &scratch("npm-out"), true).unwrap();
        assert_eq!(release.tgz.file_name().unwrap(), "carestep-1.2.3.tgz");
        let tgz = tgz_files(&fs::read(&release.tgz).unwrap());
        let zip: BTreeMap<String, Vec<u8>> = zip_entries(&fs::read(&release.zip).unwrap())
            .into_iter()
            .filter(|e| !e.3)
            .map(|e| {
                (
                    e.0.strip_prefix(&format!("{TOP}/")).unwrap().to_string(),
                    e.1,
                )
            })
            .collect();
        // The zip's files, byte for byte, minus README.txt and SHA256SUMS,
        // plus package.json and README.md.
        let mut expected: Vec<String> = zip
            .keys()
            .filter(|k| !matches!(k.as_str(), "README.txt" | "SHA256SUMS"))
            .cloned()
            .chain(["README.md".to_string(), "package.json".to_string()])
            .map(|k| format!("package/{k}"))
            .collect();
        expected.sort();
        assert_eq!(tgz.keys().cloned().collect::<Vec<_>>(), expected);
        for (rel, bytes) in &zip {
            if let Some(packed) = tgz.get(&format!("package/{rel}")) {
                assert_eq!(packed, bytes, "{rel}");
            }
        }
        let json: serde_json::Value = serde_json::from_slice(&tgz["package/package.json"]).unwrap();
        assert_eq!(json["name"], NPM_NAME);
        assert_eq!(json["version"], VERSION);
        assert_eq!(json["license"], "MIT OR Apache-2.0");
        assert_eq!(json["exports"]["./embed"], "./embed/carestep-embed.js");
        assert_eq!(json["exports"]["./inline"], "./embed/carestep-inline.js");
        assert_eq!(json["exports"]["./package.json"], "./package.json");
        for key in ["scripts", "dependencies", "bin", "gypfile"] {
            assert!(json.get(key).is_none(), "package.json has {key}");
        }
        let files: Vec<&str> = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert!(
            files.contains(&"embed")
                && files.contains(&"carestep-widget_bg.wasm")
                && files.contains(&"hosting")
        );
        let readme = String::from_utf8(tgz["package/README.md"].clone()).unwrap();
        assert!(readme.contains("No answer\nis ever sent anywhere"));
        assert!(
            !readme.contains("http://") && !readme.contains("https://"),
            "README.md links out"
        );
    }

    #[test]
    fn the_wordpress_plugin_is_one_carestep_folder_with_the_release_inside() {
        let root = synthetic_root("wordpress");
        let release = package_parts(&root, &scratch("wordpress-out"), false).unwrap();
        assert_eq!(
            release.wordpress.file_name().unwrap(),
            "carestep-wordpress-1.2.3.zip"
        );
        let entries = zip_entries(&fs::read(&release.wordpress).unwrap());
        let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        // One top folder, `carestep/` (the plugin's slug: WordPress installs
        // it as wp-content/plugins/carestep/); entries sorted.
        assert_eq!(names[0], "carestep/");
        assert!(
            names.iter().all(|n| n.starts_with("carestep/")),
            "{names:?}"
        );
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        for (name, _, mode, is_dir, date) in &entries {
            assert_eq!(*mode, if *is_dir { 0o40755 } else { 0o100644 }, "{name}");
            assert_eq!(
                (date.year(), date.month(), date.day()),
                (1980, 1, 1),
                "{name}"
            );
        }
        let files: BTreeMap<&str, &Vec<u8>> = entries
            .iter()
            .filter(|e| !e.3)
            .map(|e| (e.0.strip_prefix("carestep/").unwrap(), &e.1))
            .collect();
        let text = |rel: &str| String::from_utf8(files[rel].clone()).unwrap();

        // The sources, with the version written in, and nothing of the source's own.
        for rel in [
            "carestep.php",
            "readme.txt",
            "uninstall.php",
            "block/block.json",
            "block/editor.js",
        ] {
            assert!(files.contains_key(rel), "{rel} missing");
            assert!(
                !text(rel).contains(PLUGIN_DEV_VERSION),
                "{rel} keeps 0.0.0-dev"
            );
        }
        assert!(text("carestep.php").contains(" * Version:     1.2.3\n"));
        assert!(text("readme.txt").contains("Stable tag: 1.2.3\n"));
        assert!(text("block/block.json").contains("\"version\": \"1.2.3\""));

        // The release folder, versioned, minus what describes the zip, plus .htaccess.
        let zip: BTreeMap<String, Vec<u8>> = zip_entries(&fs::read(&release.zip).unwrap())
            .into_iter()
            .filter(|e| !e.3)
            .map(|e| {
                (
                    e.0.strip_prefix(&format!("{TOP}/")).unwrap().to_string(),
                    e.1,
                )
            })
            .collect();
        let assets: BTreeMap<&str, &Vec<u8>> = files
            .iter()
            .filter_map(|(rel, bytes)| Some((rel.strip_prefix("assets/carestep-1.2.3/")?, *bytes)))
            .collect();
        let mut expected: Vec<&str> = zip
            .keys()
            .map(String::as_str)
            .filter(|k| !matches!(*k, "README.txt" | "SHA256SUMS"))
            .chain([".htaccess"])
            .collect();
        expected.sort();
        assert_eq!(assets.keys().copied().collect::<Vec<_>>(), expected);
        for (rel, bytes) in &assets {
            if let Some(original) = zip.get(*rel) {
                assert_eq!(*bytes, original, "assets/carestep-1.2.3/{rel}");
            }
        }
        assert_eq!(assets[".htaccess"], &zip["hosting/apache.htaccess"]);
        assert!(!files
            .keys()
            .any(|k| k.starts_with("assets/") && !k.starts_with("assets/carestep-1.2.3/")));
        assert_eq!(files["LICENSE"], &zip["LICENSE"]);

        // bundle.php: the version, the folder and the loader's SRI, from its bytes.
        let bundle = text("bundle.php");
        assert!(bundle.starts_with("<?php\n"));
        assert!(bundle.contains("defined( 'ABSPATH' ) || exit;"));
        assert!(bundle.contains("'version'   => '1.2.3',"));
        assert!(bundle.contains("'folder'    => 'carestep-1.2.3',"));
        let sri = sri_sha384(&zip["embed/carestep-embed.js"]);
        assert!(
            bundle.contains(&format!("'embed_sri' => '{sri}',")),
            "{bundle}"
        );

        // Sources that would be replaced, or a main file without the placeholder, are refused.
        put(
            &root,
            "integrations/wordpress/carestep/bundle.php",
            b"<?php",
        );
        let err = package_parts(&root, &scratch("wordpress-out2"), false).unwrap_err();
        assert!(err.contains("bundle.php would be replaced"), "{err}");
        fs::remove_file(root.join("integrations/wordpress/carestep/bundle.php")).unwrap();
        put(
            &root,
            "integrations/wordpress/carestep/carestep.php",
            b"<?php\n// Version: 1.0\n",
        );
        let err = package_parts(&root, &scratch("wordpress-out3"), false).unwrap_err();
        assert!(err.contains("`Version: 0.0.0-dev`"), "{err}");
    }

    #[test]
    fn sri_is_sha384_in_standard_base64() {
        // RFC 4648 test vectors, then the SRI of a known input (openssl dgst -sha384 -binary | base64).
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected, "{input:?}");
        }
        assert_eq!(
            sri_sha384(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn notice_comes_from_the_engine() {
        let notice = notice(VERSION);
        assert!(notice.starts_with("CareStep 1.2.3: notices"));
        for &i in Instrument::ALL {
            let info = instrument(i);
            assert!(
                notice.contains(&format!("\n{}\n", info.name)),
                "{}",
                info.name
            );
            if let Some(line) = info.attribution {
                assert!(notice.contains(line), "attribution of {}", info.name);
            }
            assert!(notice.contains(info.citation), "citation of {}", info.name);
        }
        let (_, off) = notice.split_once("MODULES OFF BY DEFAULT").unwrap();
        for m in Module::ALL {
            let listed = off.contains(&format!("\n{}: {}\n", m.as_str(), m.title()));
            assert_eq!(listed, !m.on_by_default(), "{m}");
            if let Some(holder) = m.rights_holder() {
                assert!(notice.contains(holder), "rights holder of {m}");
            }
        }
        assert!(off.contains("\"suicide_cssrs\": {\"permission\": \"…\"}"));
        assert!(off.contains("When on, it replaces: suicide_asq"));
        assert!(off.contains("\"distress\": true"));
    }
}
