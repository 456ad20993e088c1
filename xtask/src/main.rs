//! CareStep's automation (the cargo-xtask pattern): `cargo xtask <task>`.
//!
//! Every task installs what it needs on a fresh machine and skips what is
//! already present, so the README can promise two commands:
//!
//! * `cargo xtask serve` — build the widget and serve the demo clinic page on
//!   <http://127.0.0.1:8080>;
//! * `cargo xtask test` — every test: the engine's native tests, the widget's
//!   browser tests (wasm-bindgen-test in headless browsers), the release
//!   bundle's size budget and the end-to-end suite.
//!
//! Tools are pinned here, in one place, so a fresh machine gets exactly what
//! the project was built with.

mod apps;
mod budget;
mod deps;
mod release;
mod serve;
mod setup;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The result type of every task: a failure is one message for the user.
pub type Result<T = ()> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  serve        install what is missing, build and serve the demo clinic page on http://127.0.0.1:8080
  test         install what is missing and run every test (engine, browser, budget, end-to-end)
  dist         build the deployable release bundle into dist/
  release      build dist/ and package it for clinics: target/release-bundle/carestep-<version>.zip and .tgz (npm)
  setup        only install what is missing (wasm target, trunk, wasm-bindgen-cli, wasm-opt, browsers)
  budget       check dist/ against the committed size budget (budget.toml)
  check-deps   fail if a web crate reaches the engine's dependency tree
  bench        run the side-by-side benchmark against SurveyJS (bench/)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let task = args.first().map(String::as_str).unwrap_or("");
    let outcome = match task {
        "serve" => serve(),
        "test" => test(),
        "dist" => setup::build_tools().and_then(|()| dist()),
        "release" => release::release(),
        "setup" => setup::all(),
        "budget" => budget_check(),
        "check-deps" => deps::check_engine(),
        "bench" => bench(),
        "" | "help" | "-h" | "--help" => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        other => Err(format!("unknown task `{other}`\n{USAGE}")),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of this crate's folder).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Runs a command in the workspace root, echoing it; a non-zero exit is an error.
pub fn run(cmd: &mut Command) -> Result {
    let shown = format!("{cmd:?}").replace('"', "");
    eprintln!("xtask: $ {shown}");
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// A `Command` whose PATH also reaches the project's node tools (wasm-opt).
pub fn tool(program: &str) -> Command {
    let mut cmd = Command::new(program);
    cmd.env("PATH", setup::path_with_tools());
    cmd
}

/// Both apps' size budgets (budget.toml).
fn budget_check() -> Result {
    budget::check_all(&root().join("dist"), &root().join("budget.toml"))
}

/// Both apps' release builds into `dist/` (see [`apps`]).
fn dist() -> Result {
    apps::build()
}

/// Builds both apps and serves `dist/` with the headers the hosting recipes send, so the
/// set-up page's preview and "Check my hosting" work as they will on a clinic's server.
fn serve() -> Result {
    setup::build_tools()?;
    dist()?;
    serve::serve(&root().join("dist"), "127.0.0.1:8080")
}

fn test() -> Result {
    setup::all()?;
    deps::check_engine()?;
    // Native: the engine (exhaustive, property and vignette tests), the clinic
    // configuration, the CLI, the set-up page's logic (the form's JSON, where each
    // error belongs, the snippets, the hosting verdicts) and xtask itself.
    run(tool("cargo").args([
        "test",
        "--locked",
        "--package",
        "carestep-engine",
        "--package",
        "carestep-config",
        "--package",
        "carestep-cli",
        "--package",
        "carestep-setup",
        "--package",
        "carestep-clinician",
        "--package",
        "xtask",
    ]))?;
    // The widget's component tests in real headless browsers.
    browser_tests()?;
    // The deployable bundle, its size budget, then the end-to-end suite against it.
    dist()?;
    budget_check()?;
    release::package(&root(), &root().join("target").join("release-bundle"))?; // the zip and .tgz of this dist/, for e2e
    e2e()?;
    // The configuration's JSON Schema, held in agreement with the engine: the
    // schema and `carestep check-config` must accept exactly the same files.
    // It runs the release CLI (already built by e2e(); built here too so the
    // order does not matter).
    run(tool("cargo").args(["build", "--locked", "--release", "--bin", "carestep"]))?;
    let schema = root().join("schema");
    setup::npm_ci(&schema)?;
    run(tool("npm").args(["test"]).current_dir(&schema))?;
    // Plain words: the widget's message catalogue and the context questions at grade 8
    // or below (textstat 0.7.3), and no visitor-facing string says answers were sent.
    let catalogue = root().join("tests/readability");
    let context = root().join("engine/tests/readability");
    let python = setup::python_venv(&[
        &catalogue.join("requirements.txt"),
        &context.join("requirements.txt"),
    ])?;
    for dir in [&catalogue, &context] {
        run(Command::new(&python)
            .args(["-m", "unittest", "discover", "-v", "-s"])
            .arg(dir))?;
    }
    // The FHIR R4 export, through the official FHIR R4 JSON Schema (fhir/): every
    // vignette and 200 generated answer sets.
    let fhir = root().join("fhir");
    setup::npm_ci(&fhir)?;
    run(tool("npm").args(["test"]).current_dir(&fhir))?;
    // The benchmark harness's own unit tests (the benchmark itself is `cargo xtask bench`).
    let bench = root().join("bench");
    setup::npm_ci(&bench)?;
    run(tool("npm").args(["test"]).current_dir(&bench))?;
    eprintln!("xtask: every test passed");
    Ok(())
}

/// The widget's wasm-bindgen tests, in headless Chromium and then in headless
/// Firefox ESR (the same compiled tests; wasm-bindgen-test-runner picks the
/// browser from the driver variable it finds).
fn browser_tests() -> Result {
    let wasm_test = || {
        let mut cmd = tool("cargo");
        cmd.args([
            "test",
            "--locked",
            "--package",
            "carestep-widget",
            "--target",
            "wasm32-unknown-unknown",
        ]);
        cmd
    };
    eprintln!("xtask: widget tests in headless Chromium");
    run(wasm_test().env("CHROMEDRIVER", setup::CHROMEDRIVER))?;
    eprintln!("xtask: widget tests in headless Firefox ESR");
    run(wasm_test()
        .env("GECKODRIVER", setup::geckodriver())
        .env("MOZ_HEADLESS", "1"))
}

fn e2e() -> Result {
    let dir = root().join("e2e");
    if !dir.join("package.json").exists() {
        eprintln!("xtask: no e2e/ suite yet, skipping end-to-end tests");
        return Ok(());
    }
    // The journeys compare what the widget shows with what the command-line
    // tool says for the same answers.
    run(tool("cargo").args(["build", "--locked", "--release", "--bin", "carestep"]))?;
    setup::npm_ci(&dir)?;
    run(tool("npm").args(["test"]).current_dir(&dir))
}

fn bench() -> Result {
    setup::build_tools()?;
    dist()?;
    let dir = root().join("bench");
    setup::npm_ci(&dir)?;
    run(tool("node").arg("run.mjs").current_dir(&dir))?;
    // The set-up page's live preview: keystroke to redrawn widget (PREVIEW.md).
    run(tool("node").arg("preview.mjs").current_dir(&dir))
}
