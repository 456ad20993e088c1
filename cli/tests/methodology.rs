//! `carestep methodology` and the committed `docs/methodology.md`: the file
//! is exactly what the command prints (the generated-docs pattern). When
//! they differ the test fails and says how to regenerate the file; with
//! `UPDATE_EXPECT=1` it rewrites the file instead.

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_carestep"))
        .args(args)
        .output()
        .expect("the carestep binary runs");
    (
        out.status.code().expect("exited normally"),
        String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    )
}

#[test]
fn docs_methodology_md_is_the_commands_output() {
    let (code, printed, err) = run(&["methodology"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/methodology.md");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed == printed {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &printed).expect("docs/methodology.md is writable");
        return;
    }
    let line = committed
        .lines()
        .zip(printed.lines())
        .position(|(a, b)| a != b)
        .map_or(
            committed.lines().count().min(printed.lines().count()),
            |i| i,
        )
        + 1;
    panic!(
        "docs/methodology.md is out of date (first difference at line {line}): run \
         `cargo run -p carestep-cli -- methodology > docs/methodology.md` \
         (or `UPDATE_EXPECT=1 cargo test -p carestep-cli --test methodology`) and commit it"
    );
}

#[test]
fn defaults_are_all_modules_in_markdown() {
    let (_, default, _) = run(&["methodology"]);
    let (_, explicit, _) = run(&["methodology", "--modules", "all", "--format", "markdown"]);
    assert_eq!(default, explicit);
    assert!(default.starts_with("# How CareStep decides\n"));
    assert!(default.contains("<a id=\"rule-e1\"></a>"));
    assert!(default.contains("<a id=\"instrument-cssrs\"></a>"));
}

#[test]
fn json_is_the_same_content_as_data() {
    let (code, json, err) = run(&["methodology", "--format", "json"]);
    assert_eq!((code, err.as_str()), (0, ""));
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["model_version"], carestep_engine::MODEL_VERSION);
    assert_eq!(
        v["modules"].as_array().unwrap().len(),
        carestep_engine::Module::ALL.len()
    );
    let (_, md, _) = run(&["methodology"]);
    let mut entries = 0;
    for s in v["sections"].as_array().unwrap() {
        assert!(md.contains(&format!("## {}\n", s["title"].as_str().unwrap())));
        for e in s["entries"].as_array().unwrap() {
            assert!(md.contains(&format!("<a id=\"{}\"></a>", e["anchor"].as_str().unwrap())));
            entries += 1;
        }
    }
    assert!(entries > carestep_engine::RuleId::COUNT);
}

#[test]
fn a_deployment_gets_its_own_instruments() {
    let (code, md, _) = run(&["methodology", "--modules", "default"]);
    assert_eq!(code, 0);
    assert!(md.contains("<a id=\"instrument-asq\"></a>"));
    assert!(!md.contains("<a id=\"instrument-cssrs\"></a>"));
    let (_, md, _) = run(&["methodology", "--modules", "depression"]);
    assert!(md.contains("<a id=\"instrument-phq9\"></a>"));
    assert!(!md.contains("<a id=\"instrument-gad7\"></a>"));
    assert!(md.contains("<a id=\"rule-o2\"></a>"), "every rule, always");
}

#[test]
fn bad_arguments_are_usage_errors() {
    for (args, line) in [
        (
            &["methodology", "--format", "html"][..],
            "carestep: unknown format \"html\"; use markdown or json (see carestep --help)\n",
        ),
        (
            &["methodology", "--format"],
            "carestep: --format needs a value (see carestep --help)\n",
        ),
        (
            &["methodology", "--modules"],
            "carestep: --modules needs a value (see carestep --help)\n",
        ),
        (
            &["methodology", "extra"],
            "carestep: unexpected argument \"extra\" (see carestep --help)\n",
        ),
    ] {
        let (code, out, err) = run(args);
        assert_eq!(
            (code, out.as_str(), err.as_str()),
            (2, "", line),
            "{args:?}"
        );
    }
}
