//! `carestep handoff encode|decode|show` and `carestep fhir` as a user runs
//! them: for every vignette, `handoff decode CODE | carestep score -` gives
//! exactly what scoring the original answers gives; one-line errors with
//! exit 1 (bad input) or 2 (bad usage); the date defaults to today.

use std::path::{Path, PathBuf};

mod common;
use common::{run, Run};
use serde_json::{json, Value};

#[track_caller]
fn assert_fails(r: &Run, code: i32, line: &str) {
    assert_eq!(r.stderr, format!("carestep: {line}\n"), "stderr");
    assert_eq!(r.stdout, "", "stdout must be empty on error");
    assert_eq!(r.code, code, "exit code");
}

#[track_caller]
fn ok(r: Run) -> String {
    assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stdout);
    r.stdout
}

fn vignette_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../engine/tests/vignettes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("engine/tests/vignettes exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The vignette's answers (`carestep score` input) and its `--modules` value.
fn vignette(file: &Path) -> (Value, String, String) {
    let v: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let modules = match &v["modules"] {
        Value::String(s) => s.clone(),
        Value::Array(names) => names
            .iter()
            .map(|n| n.as_str().unwrap())
            .collect::<Vec<_>>()
            .join(","),
        other => panic!("bad modules {other}"),
    };
    let input = json!({ "answers": v["answers"] }).to_string();
    (v, input, modules)
}

#[test]
fn decode_then_score_equals_score_for_every_vignette() {
    let mut round_trips = 0;
    for file in vignette_files() {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let (v, input, modules) = vignette(&file);
        let encoded = run(
            &[
                "handoff",
                "encode",
                "-",
                "--modules",
                &modules,
                "--date",
                "2026-12-05",
            ],
            input.as_bytes(),
        );
        if v["flow"] != json!(true) && encoded.code == 1 {
            // Hand-made answer sets the flow could not produce.
            assert!(
                encoded.stderr.contains("this answer cannot go in a code"),
                "{name}: {}",
                encoded.stderr
            );
            continue;
        }
        let code = ok(encoded);
        assert!(
            code.starts_with("CS1-") && code.ends_with('\n'),
            "{name}: {code}"
        );
        let decoded = ok(run(&["handoff", "decode", code.trim()], b""));
        let direct = ok(run(&["score", "-"], input.as_bytes()));
        let via_code = ok(run(&["score", "-"], decoded.as_bytes()));
        assert_eq!(via_code, direct, "{name}");
        assert_eq!(
            serde_json::from_str::<Value>(&via_code).unwrap()["level"],
            v["expect"]["level"],
            "{name}"
        );
        // The code typed carelessly reads the same.
        let typed = code
            .trim()
            .to_lowercase()
            .replace('-', " ")
            .replace('0', "o");
        assert_eq!(ok(run(&["handoff", "decode", &typed], b"")), decoded);
        round_trips += 1;
    }
    assert!(round_trips >= 65, "{round_trips}");
}

#[test]
fn show_gives_date_modules_and_answers() {
    let input = r#"{"answers": {"ctx.adult": 0, "ctx.emergency": 0, "phq9.1": 2}}"#;
    let code = ok(run(
        &[
            "handoff",
            "encode",
            "-",
            "--modules",
            "depression",
            "--date",
            "2024-02-29",
        ],
        input.as_bytes(),
    ));
    let shown: Value =
        serde_json::from_str(&ok(run(&["handoff", "show", code.trim()], b""))).unwrap();
    assert_eq!(
        shown,
        json!({
            "format_version": 1,
            "model_version": "0.2",
            "date": "2024-02-29",
            "modules": ["gate", "depression", "context"],
            "answers": {"ctx.adult": 0, "ctx.emergency": 0, "phq9.1": 2}
        })
    );
}

/// Days since 1970-01-01 now, as the tool computes "today".
fn unix_days_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400
}

#[test]
fn the_date_defaults_to_today() {
    let before = unix_days_now();
    let code = ok(run(
        &["handoff", "encode", "-"],
        br#"{"answers": {"ctx.adult": 0}}"#,
    ));
    let after = unix_days_now();
    let shown: Value =
        serde_json::from_str(&ok(run(&["handoff", "show", code.trim()], b""))).unwrap();
    let date = shown["date"].as_str().unwrap().to_string();
    // The civil date of a day count, computed independently with --date.
    let dated = |days: u64| {
        let d = run(
            &["handoff", "encode", "-", "--date", &civil(days)],
            br#"{"answers": {"ctx.adult": 0}}"#,
        );
        (civil(days), ok(d))
    };
    assert!(
        [dated(before), dated(after)]
            .iter()
            .any(|(d, c)| *d == date && *c == code),
        "{date}"
    );
}

/// 1970-01-01 + days, proleptic Gregorian (a plain day-by-day walk).
fn civil(days: u64) -> String {
    let (mut y, mut left) = (1970u64, days);
    let leap = |y: u64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    loop {
        let n = if leap(y) { 366 } else { 365 };
        if left < n {
            break;
        }
        left -= n;
        y += 1;
    }
    let lengths = [
        31,
        if leap(y) { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while left >= lengths[m] {
        left -= lengths[m];
        m += 1;
    }
    format!("{y:04}-{:02}-{:02}", m + 1, left + 1)
}

#[test]
fn bad_codes_give_one_line_and_exit_1() {
    let input = r#"{"answers": {"ctx.adult": 0, "ctx.emergency": 0}}"#;
    let code = ok(run(
        &["handoff", "encode", "-", "--date", "2026-12-05"],
        input.as_bytes(),
    ));
    let code = code.trim();
    let last = code.chars().last().unwrap();
    let damaged = format!(
        "{}{}",
        &code[..code.len() - 1],
        if last == 'Z' { 'Y' } else { 'Z' }
    );
    for (text, line) in [
        (
            damaged.as_str(),
            "the code is damaged or mistyped (its check does not match): compare every character with the original",
        ),
        (&code[..code.len() - 5], "the code is damaged or mistyped (its check does not match): compare every character with the original"),
        ("", "no code given"),
        ("hello", "not a CareStep handoff code: it should start with CS1-"),
        ("CS1-ABCU", "character 'U' at position 8 is not used in CareStep codes (they use 0-9 and A-Z without U)"),
        ("CS3-ABCD-EFGH", "this is a version 3 handoff code (CS3-); this CareStep reads version 1 (CS1-) codes only"),
    ] {
        assert_fails(&run(&["handoff", "decode", text], b""), 1, line);
        assert_fails(&run(&["handoff", "show", text], b""), 1, line);
    }
}

#[test]
fn bad_input_and_usage() {
    // Answers off the flow: exit 1, the item named.
    assert_fails(
        &run(
            &["handoff", "encode", "-", "--date", "2026-12-05"],
            br#"{"answers": {"cssrs.1": 1}}"#,
        ),
        1,
        "cssrs.1: this answer cannot go in a code: the questionnaire does not ask it in this deployment, given the other answers",
    );
    // The answers file is read exactly as score reads it.
    assert_fails(
        &run(
            &["handoff", "encode", "-"],
            br#"{"answers": {"phq9.1": 4}}"#,
        ),
        1,
        r#"phq9.1: 4 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
    );
    assert_fails(
        &run(&["fhir", "-"], br#"{"answers": {"phq9.1": 4}}"#),
        1,
        r#"phq9.1: 4 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
    );
    let usage: &[(&[&str], &str)] = &[
        (
            &["handoff"],
            "handoff needs a subcommand: encode, decode or show",
        ),
        (
            &["handoff", "zip"],
            r#"unknown handoff subcommand "zip"; use encode, decode or show"#,
        ),
        (&["handoff", "encode"], "handoff encode needs FILE or -"),
        (
            &["handoff", "decode"],
            "handoff decode takes exactly one argument: CODE",
        ),
        (
            &["handoff", "decode", "a", "b"],
            "handoff decode takes exactly one argument: CODE",
        ),
        (
            &["handoff", "encode", "-", "--date"],
            "--date needs a value",
        ),
        (
            &["handoff", "encode", "-", "--date", "2026-02-30"],
            r#""2026-02-30" is not a date from 2000-01-01 to 2179-06-06 (YYYY-MM-DD)"#,
        ),
        (
            &[
                "handoff",
                "encode",
                "-",
                "--date",
                "2026-12-05",
                "--date",
                "2026-12-06",
            ],
            r#"unexpected argument "--date""#,
        ),
        (
            &["handoff", "encode", "-", "--modules"],
            "--modules needs a value",
        ),
        (&["fhir"], "fhir needs FILE or -"),
        (
            &["fhir", "-", "--modules", "all"],
            r#"unexpected argument "--modules""#,
        ),
        (
            &["fhir", "-", "--date", "1999-12-31"],
            r#""1999-12-31" is not a date from 2000-01-01 to 2179-06-06 (YYYY-MM-DD)"#,
        ),
    ];
    for (args, line) in usage {
        assert_fails(
            &run(args, b"{}"),
            2,
            &format!("{line} (see carestep --help)"),
        );
    }
}

#[test]
fn fhir_prints_a_bundle_for_every_vignette() {
    for file in vignette_files() {
        let (v, input, _) = vignette(&file);
        let out = ok(run(
            &["fhir", "-", "--date", "2026-12-05"],
            input.as_bytes(),
        ));
        let b: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(b["resourceType"], "Bundle");
        assert_eq!(b["type"], "collection");
        let level = b["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|r| r["code"]["coding"][0]["code"] == "level")
            .unwrap();
        assert_eq!(
            level["valueCodeableConcept"]["coding"][0]["code"],
            v["expect"]["level"],
            "{}",
            file.display()
        );
    }
}

#[test]
fn help_lists_the_new_commands() {
    let help = ok(run(&["--help"], b""));
    for command in [
        "handoff encode",
        "handoff decode",
        "handoff show",
        "carestep fhir",
    ] {
        assert!(help.contains(command), "{command}");
    }
}
