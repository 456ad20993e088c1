//! Installs what the build and the tests need, and skips what is present.
//!
//! Versions are pinned here. Trunk 0.22 needs a newer rustc than the one this
//! project builds with, so Trunk stays at 0.21.14. Trunk is told never to
//! download anything (`offline = true` in Trunk.toml): wasm-bindgen comes from
//! `cargo install wasm-bindgen-cli` at exactly the version Cargo.toml pins,
//! and wasm-opt from the npm package `binaryen` (Debian's binaryen 108 emits
//! wasm that fails at start-up).

use crate::{root, run, Result};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const TRUNK_VERSION: &str = "0.21.14";
/// Must equal the `wasm-bindgen = "=…"` pin in the root Cargo.toml and
/// `[tools] wasm_bindgen` in Trunk.toml (a test below keeps them together).
pub const WASM_BINDGEN_VERSION: &str = "0.2.130";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const FIREFOX: &str = "/usr/bin/firefox-esr";
/// Debian's ffmpeg: e2e/specs/clinician.spec.js turns a QR code's picture into the .y4m video
/// that Chromium's fake camera plays (--use-file-for-fake-video-capture).
pub const FFMPEG: &str = "/usr/bin/ffmpeg";
pub const GECKODRIVER_VERSION: &str = "0.37.1";
/// The web servers the hosting recipes (hosting/) are tested with, by
/// e2e/specs/hosting.spec.js (e2e/support/servers.js names the same paths),
/// and unzip, which opens the release zip for those tests.
pub const NGINX: &str = "/usr/sbin/nginx";
pub const APACHE: &str = "/usr/sbin/apache2";
pub const CADDY: &str = "/usr/bin/caddy";
pub const UNZIP: &str = "/usr/bin/unzip";
/// A real WordPress for the plugin's tests (e2e/specs/wordpress.spec.js;
/// e2e/support/wordpress.js names the same paths): Debian 12's WordPress 6.1
/// with its default theme, MariaDB, and PHP 8.2 for Apache and the command
/// line (Debian 12 has no wp-cli: the tests run PHP scripts that load
/// wp-load.php).
pub const WORDPRESS: &str = "/usr/share/wordpress/wp-load.php";
pub const WORDPRESS_THEME: &str =
    "/usr/share/wordpress/wp-content/themes/twentytwentythree/style.css";
pub const MARIADBD: &str = "/usr/sbin/mariadbd";
pub const MOD_PHP: &str = "/usr/lib/apache2/modules/libphp8.2.so";
pub const PHP: &str = "/usr/bin/php";
/// Debian's hook that tells package scripts whether they may start a service.
const POLICY_RC_D: &str = "/usr/sbin/policy-rc.d";
const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Everything: build tools, browsers and the web servers of the hosting tests.
pub fn all() -> Result {
    build_tools()?;
    browsers()?;
    servers()
}

/// What `trunk build` needs: the wasm target, trunk, wasm-bindgen, wasm-opt.
pub fn build_tools() -> Result {
    wasm_target()?;
    cargo_tool("trunk", "trunk", TRUNK_VERSION, true)?;
    cargo_tool(
        "wasm-bindgen",
        "wasm-bindgen-cli",
        WASM_BINDGEN_VERSION,
        // wasm-bindgen-cli's own lock file pins a crate the registry no longer has.
        false,
    )?;
    npm_ci(&root().join("tools"))
}

fn wasm_target() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// Installs `krate` at exactly `version` unless `binary --version` already reports it.
fn cargo_tool(binary: &str, krate: &str, version: &str, locked: bool) -> Result {
    let reported = output(Command::new(binary).arg("--version")).unwrap_or_default();
    if reported.split_whitespace().nth(1) == Some(version) {
        return Ok(());
    }
    eprintln!(
        "xtask: installing {krate} {version} (found: {})",
        reported.trim()
    );
    let exact = format!("={version}");
    let mut cmd = Command::new("cargo");
    cmd.args(["install", krate, "--version", &exact]);
    if locked {
        cmd.arg("--locked");
    }
    run(&mut cmd)
}

/// Headless Chromium with its driver and Firefox ESR from Debian's packages,
/// geckodriver from crates.io (never a browser download: this machine reaches
/// only package registries).
pub fn browsers() -> Result {
    let wanted: &[(&str, &str)] = &[
        (CHROMIUM, "chromium"),
        (CHROMEDRIVER, "chromium-driver"),
        (FIREFOX, "firefox-esr"),
        (FFMPEG, "ffmpeg"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    apt_install(&missing)?;
    cargo_tool("geckodriver", "geckodriver", GECKODRIVER_VERSION, true)
}

/// nginx, Apache and Caddy (Debian 12: nginx 1.22, Apache 2.4, Caddy 2.6) for
/// the hosting tests, and unzip; WordPress, MariaDB and PHP for the plugin's
/// tests. The tests never use these packages' services: they start each server
/// themselves on a free port of 127.0.0.1 (MariaDB on a socket only) with their
/// own configuration, data, pid file and logs in a temporary folder
/// (e2e/support/servers.js, e2e/support/wordpress.js).
///
/// Installing a server package normally starts its service on port 80. Two of
/// them cannot both have port 80, and a container has no init system, so the
/// second start would fail the whole `apt-get install`. While they install, a
/// policy-rc.d that refuses every service start is put in place (unless the
/// machine has one already, as Debian's container images do), and removed after.
pub fn servers() -> Result {
    let wanted: &[(&str, &str)] = &[
        (NGINX, "nginx"),
        (APACHE, "apache2"),
        (CADDY, "caddy"),
        (UNZIP, "unzip"),
        (WORDPRESS, "wordpress"),
        // Recommended by wordpress, and so not installed with
        // --no-install-recommends: without a theme, pages are blank.
        (WORDPRESS_THEME, "wordpress-theme-twentytwentythree"),
        (MARIADBD, "mariadb-server"),
        (MOD_PHP, "libapache2-mod-php"),
        (PHP, "php-cli"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(path, _)| !Path::new(path).exists())
        .map(|(_, package)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let _no_service_starts = NoServiceStarts::put()?;
    apt_install(&missing)
}

/// A policy-rc.d that makes package scripts skip every service start, for as
/// long as the value lives. Does nothing if the machine already has one.
struct NoServiceStarts {
    ours: bool,
}

/// exit 101 = "action forbidden by policy" (invoke-rc.d(8), deb-systemd-invoke(1p)).
const DENY_ALL_STARTS: &str = "#!/bin/sh\n\
# Written by `cargo xtask setup` while it installs the test servers (nginx,\n\
# apache2, caddy, mariadb-server), and removed when it is done: no service\n\
# starts during that install.\n\
exit 101\n";

impl NoServiceStarts {
    fn put() -> Result<NoServiceStarts> {
        if Path::new(POLICY_RC_D).exists() {
            return Ok(NoServiceStarts { ours: false });
        }
        if is_root() {
            use std::os::unix::fs::PermissionsExt;
            std::fs::write(POLICY_RC_D, DENY_ALL_STARTS)
                .and_then(|()| {
                    std::fs::set_permissions(POLICY_RC_D, std::fs::Permissions::from_mode(0o755))
                })
                .map_err(|e| format!("writing {POLICY_RC_D}: {e}"))?;
        } else {
            let staged =
                std::env::temp_dir().join(format!("carestep-policy-rc.d-{}", std::process::id()));
            std::fs::write(&staged, DENY_ALL_STARTS)
                .map_err(|e| format!("writing {}: {e}", staged.display()))?;
            let installed = run(Command::new("sudo")
                .args(["install", "-m", "0755"])
                .arg(&staged)
                .arg(POLICY_RC_D));
            let _ = std::fs::remove_file(&staged);
            installed?;
        }
        Ok(NoServiceStarts { ours: true })
    }
}

impl Drop for NoServiceStarts {
    fn drop(&mut self) {
        if !self.ours {
            return;
        }
        let removed = if is_root() {
            std::fs::remove_file(POLICY_RC_D).map_err(|e| e.to_string())
        } else {
            run(Command::new("sudo").args(["rm", "-f", POLICY_RC_D]))
        };
        if let Err(e) = removed {
            eprintln!("xtask: could not remove {POLICY_RC_D} ({e}); remove it by hand");
        }
    }
}

/// Where `cargo install` put geckodriver (wasm-bindgen-test-runner wants a path).
pub fn geckodriver() -> PathBuf {
    cargo_bin().join("geckodriver")
}

fn cargo_bin() -> PathBuf {
    match std::env::var_os("CARGO_HOME") {
        Some(home) => PathBuf::from(home).join("bin"),
        None => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cargo/bin"),
    }
}

/// `apt-get install` of the missing packages (as root, or through sudo).
pub fn apt_install(packages: &[&str]) -> Result {
    if packages.is_empty() {
        return Ok(());
    }
    let sudo = !is_root();
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-q"]))?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    run(&mut apt(&install))
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// A Python virtual environment under target/ with the readability tests' one dependency
/// (textstat 0.7.3, pinned in the requirements files; later versions fetch NLTK data at
/// run time, which fails offline). Skipped when the venv already has it. Returns the
/// venv's python.
pub fn python_venv(requirements: &[&Path]) -> Result<PathBuf> {
    let venv = root().join("target/readability-venv");
    let python = venv.join("bin/python");
    let has =
        output(Command::new(&python).args(["-c", "import textstat; print(textstat.__version__)"]))
            .is_some_and(|v| v.trim() == "0.7.3");
    if has {
        return Ok(python);
    }
    run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    let mut pip = Command::new(&python);
    pip.args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
    ]);
    for file in requirements {
        pip.arg("-r").arg(file);
    }
    run(&mut pip)?;
    Ok(python)
}

/// `npm ci` in `dir` unless its node_modules is already installed from the same lock file.
pub fn npm_ci(dir: &Path) -> Result {
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::read(&installed)) {
        // npm writes node_modules/.package-lock.json on install; it lists the
        // same packages as the lock file, so comparing modification times is
        // enough to see whether the lock file changed since.
        (Ok(_), Ok(_)) => modified(&installed) >= modified(&lock),
        _ => false,
    };
    if fresh {
        return Ok(());
    }
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// PATH with the project's node tools (tools/node_modules/.bin) and cargo's
/// bin folder in front, so freshly installed tools are found in this process.
pub fn path_with_tools() -> OsString {
    let mut dirs: Vec<PathBuf> = vec![root().join("tools/node_modules/.bin"), cargo_bin()];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).unwrap_or_default()
}

fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.env("PATH", path_with_tools()).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wasm-bindgen version is written in three places; a mismatch makes
    /// Trunk try to download another wasm-bindgen, which fails offline.
    #[test]
    fn wasm_bindgen_pins_agree() {
        let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
        let pin = format!("wasm-bindgen = \"={WASM_BINDGEN_VERSION}\"");
        assert!(cargo.contains(&pin), "root Cargo.toml must contain {pin}");
        let trunk = std::fs::read_to_string(root().join("Trunk.toml")).unwrap();
        let tool = format!("wasm_bindgen = \"{WASM_BINDGEN_VERSION}\"");
        assert!(trunk.contains(&tool), "Trunk.toml must contain {tool}");
    }

    /// The hosting tests look for the servers where `servers()` checks for them.
    #[test]
    fn server_paths_agree_with_the_e2e_suite() {
        let servers = std::fs::read_to_string(root().join("e2e/support/servers.js")).unwrap();
        for path in [NGINX, APACHE, CADDY] {
            assert!(
                servers.contains(&format!("'{path}'")),
                "e2e/support/servers.js must name {path}"
            );
        }
    }

    /// The WordPress tests look for their programs where `servers()` checks for them.
    #[test]
    fn wordpress_paths_agree_with_the_e2e_suite() {
        let support = std::fs::read_to_string(root().join("e2e/support/wordpress.js")).unwrap();
        for path in [MARIADBD, MOD_PHP, PHP, APACHE] {
            assert!(
                support.contains(&format!("'{path}'")),
                "e2e/support/wordpress.js must name {path}"
            );
        }
        let core = WORDPRESS.trim_end_matches("/wp-load.php");
        assert!(
            support.contains(&format!("'{core}'")),
            "e2e/support/wordpress.js must name {core}"
        );
        assert!(WORDPRESS_THEME.starts_with(core));
    }

    /// The policy that holds back service starts must say "forbidden" (101).
    #[test]
    fn the_install_policy_forbids_every_start() {
        assert!(DENY_ALL_STARTS.starts_with("#!/bin/sh\n"));
        assert!(DENY_ALL_STARTS.trim_end().ends_with("exit 101"));
    }
}
