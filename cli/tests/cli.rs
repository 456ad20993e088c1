//! The `carestep` tool as a user runs it: exact error lines for every kind
//! of bad input (`carestep score` "Errors" and the input contract), exit codes, empty
//! standard output on error, and the happy paths.

mod common;
use common::{run, Run};
use serde_json::{json, Value};

fn score(input: &str) -> Run {
    run(&["score", "-"], input.as_bytes())
}

/// Asserts a failure: the exit code, exactly this one line on standard
/// error, and nothing on standard output.
#[track_caller]
fn assert_fails(r: &Run, code: i32, line: &str) {
    assert_eq!(r.stderr, format!("carestep: {line}\n"), "stderr");
    assert_eq!(r.stdout, "", "stdout must be empty on error");
    assert_eq!(r.code, code, "exit code");
}

#[test]
fn bad_answer_files_give_one_clear_line() {
    let cases: &[(&str, &str)] = &[
        // Not JSON, with line and column.
        (
            r#"{"answers": {"phq9.1": 2,}}"#,
            "input is not valid JSON: key must be a string at line 1, column 26",
        ),
        (
            "{\n  \"answers\": {\n    \"phq9.1\": 2\n",
            "input is not valid JSON: EOF while parsing an object at line 4, column 0",
        ),
        (
            "",
            "input is not valid JSON: EOF while parsing a value at line 1, column 0",
        ),
        (
            r#"{"answers": {"phq9.1": NaN}}"#,
            "input is not valid JSON: expected value at line 1, column 24",
        ),
        (
            r#"{"answers": {}} {}"#,
            "input is not valid JSON: trailing characters at line 1, column 17",
        ),
        // Unknown ids (escaped onto one line; long ones shortened).
        (
            r#"{"answers": {"phq9.11": 1}}"#,
            r#"unknown item id "phq9.11""#,
        ),
        (
            r#"{"answers": {"PHQ9.1": 1}}"#,
            r#"unknown item id "PHQ9.1""#,
        ),
        (r#"{"answers": {"a\nb": 1}}"#, r#"unknown item id "a\nb""#),
        (
            r#"{"answers": {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx": 1}}"#,
            r#"unknown item id "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…""#,
        ),
        // Codes outside the item's options, listing the allowed codes.
        (
            r#"{"answers": {"phq9.1": 4}}"#,
            r#"phq9.1: 4 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": {"audit.9": 1}}"#,
            r#"audit.9: 1 is not an allowed code; expected one of 0, 2, 4 or "declined""#,
        ),
        (
            r#"{"answers": {"gad7.2": -1}}"#,
            r#"gad7.2: -1 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": {"wsas.3": 9}}"#,
            r#"wsas.3: 9 is not an allowed code; expected one of 0, 1, 2, 3, 4, 5, 6, 7, 8 or "declined""#,
        ),
        // Fractional values and bad counts.
        (
            r#"{"answers": {"phq9.1": 2.5}}"#,
            r#"phq9.1: 2.5 is not a whole number; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        // Wholeness is decided on the number as typed, not on an f64 that
        // rounds 1.0000000000000001 to 1 and 1e-400 to 0; the number is
        // echoed as typed.
        (
            r#"{"answers": {"phq9.1": 1.0000000000000001}}"#,
            r#"phq9.1: 1.0000000000000001 is not a whole number; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": {"phq9.1": 0.99999999999999999999}}"#,
            r#"phq9.1: 0.99999999999999999999 is not a whole number; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": {"nida_sq.1": 1e-400}}"#,
            r#"nida_sq.1: 1e-400 is not a whole number; expected a whole number of times (0 or more) or "declined""#,
        ),
        (
            r#"{"answers": {"phq9.1": 4.0}}"#,
            r#"phq9.1: 4.0 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": 2.50}"#,
            r#""answers" must be an object mapping item ids to answers, found the number 2.50"#,
        ),
        (
            r#"{"answers": {"nida_sq.1": 1.5}}"#,
            r#"nida_sq.1: 1.5 is not a whole number; expected a whole number of times (0 or more) or "declined""#,
        ),
        (
            r#"{"answers": {"nida_sq.1": -3}}"#,
            r#"nida_sq.1: -3 is negative; expected a whole number of times (0 or more) or "declined""#,
        ),
        (
            r#"{"answers": {"nida_sq.1": -2.0}}"#,
            r#"nida_sq.1: -2.0 is negative; expected a whole number of times (0 or more) or "declined""#,
        ),
        // A huge whole number is not an allowed code (counts have no upper
        // limit: see huge_counts_are_accepted).
        (
            r#"{"answers": {"phq9.1": 99999999999999999999}}"#,
            r#"phq9.1: 99999999999999999999 is not an allowed code; expected one of 0, 1, 2, 3 or "declined""#,
        ),
        (
            r#"{"answers": {"asq.4": 1e400}}"#,
            r#"asq.4: 1e400 is not an allowed code; expected one of 0, 1 or "declined""#,
        ),
        // Wrong types.
        (
            r#"{"answers": {"asq.1": "yes"}}"#,
            r#"asq.1: expected one of 0, 1 or "declined", found the string "yes""#,
        ),
        (
            r#"{"answers": {"asq.1": "Declined"}}"#,
            r#"asq.1: expected one of 0, 1 or "declined", found the string "Declined""#,
        ),
        (
            r#"{"answers": {"ctx.adult": true}}"#,
            r#"ctx.adult: expected one of 0, 1 or "declined", found the boolean true"#,
        ),
        (
            r#"{"answers": {"phq9.2": [1]}}"#,
            r#"phq9.2: expected one of 0, 1, 2, 3 or "declined", found an array"#,
        ),
        (
            r#"{"answers": {"nida_sq.1": {"n": 1}}}"#,
            r#"nida_sq.1: expected a whole number of times (0 or more) or "declined", found an object"#,
        ),
        // Duplicate keys.
        (
            r#"{"answers": {"phq9.9": 3, "phq9.9": 0}}"#,
            r#"duplicate item id "phq9.9" in "answers""#,
        ),
        (
            r#"{"answers": {"phq9.9": null, "phq9.9": null}}"#,
            r#"duplicate item id "phq9.9" in "answers""#,
        ),
        (
            r#"{"answers": {}, "answers": {}}"#,
            r#"duplicate top-level key "answers""#,
        ),
        // The envelope.
        (
            r#"{"answers": {}, "version": 1}"#,
            r#"unexpected top-level key "version" (the only allowed key is "answers")"#,
        ),
        (
            "{}",
            r#"input has no "answers" object (expected {"answers": {...}})"#,
        ),
        (
            r#"[{"answers": {}}]"#,
            r#"input must be a JSON object {"answers": {...}}, found an array"#,
        ),
        (
            "null",
            r#"input must be a JSON object {"answers": {...}}, found null"#,
        ),
        (
            r#"{"answers": [["phq9.1", 2]]}"#,
            r#""answers" must be an object mapping item ids to answers, found an array"#,
        ),
        (
            r#"{"answers": null}"#,
            r#""answers" must be an object mapping item ids to answers, found null"#,
        ),
    ];
    let mut failures = Vec::new();
    for (input, line) in cases {
        let r = score(input);
        let want = format!("carestep: {line}\n");
        if r.stderr != want || !r.stdout.is_empty() || r.code != 1 {
            failures.push(format!(
                "input {input}\n  want {want:?} (exit 1, no stdout)\n  got  {:?} (exit {}, stdout {:?})",
                r.stderr, r.code, r.stdout
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unreadable_input() {
    let r = run(&["score", "-"], b"{\"answers\": {\"phq9.1\": \xff}}");
    assert_fails(
        &r,
        1,
        "standard input is not valid UTF-8 (invalid byte at offset 23)",
    );
    let r = run(&["score", "/nonexistent/answers.json"], b"");
    assert_fails(
        &r,
        1,
        "cannot read /nonexistent/answers.json: No such file or directory (os error 2)",
    );
}

#[test]
fn bad_usage() {
    assert_fails(&run(&[], b""), 2, "missing command (see carestep --help)");
    assert_fails(
        &run(&["grade", "x.json"], b""),
        2,
        r#"unknown command "grade" (see carestep --help)"#,
    );
    assert_fails(
        &run(&["score"], b""),
        2,
        "score takes exactly one argument: FILE or - (see carestep --help)",
    );
    assert_fails(
        &run(&["score", "a.json", "b.json"], b""),
        2,
        "score takes exactly one argument: FILE or - (see carestep --help)",
    );
    assert_fails(
        &run(&["questions", "--modules"], b""),
        2,
        "--modules needs a value (see carestep --help)",
    );
    assert_fails(
        &run(&["questions", "--modules", "depression,mood"], b""),
        2,
        "unknown module \"mood\"; use default, all, or a comma-separated list of: gate, depression, anxiety, suicide_asq, suicide_cssrs, trauma, alcohol, alcohol_full, drugs, dast10, bipolar, functioning, distress, context (see carestep --help)",
    );
    assert_fails(
        &run(&["questions", "--all"], b""),
        2,
        r#"unexpected argument "--all" (see carestep --help)"#,
    );
}

#[test]
fn help() {
    let r = run(&["--help"], b"");
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "");
    for command in [
        "carestep score FILE|-",
        "carestep questions",
        "carestep check-config",
    ] {
        assert!(r.stdout.contains(command), "help mentions {command}");
    }
}

#[test]
fn score_prints_the_part5_result() {
    let input = r#"{"answers": {"ctx.adult": 0, "ctx.emergency": 0,
        "phq9.1": 2, "phq9.2": 2, "phq9.3": 2, "phq9.4": 2, "phq9.5": 2,
        "phq9.6": 2, "phq9.7": 2, "phq9.8": 1, "phq9.9": 0, "phq9.10": 2.0,
        "asq.1": "declined", "asq.5": 0, "gad7.1": null}}"#;
    let r = score(input);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let out: Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(
        out,
        json!({
            "model_version": "0.2",
            "level": "iop",
            "rules_fired": ["I1", "O1", "O12"],
            "flags": ["same_day_clinician_contact", "show_988"],
            "scores": {
                "phq9": {"total": 15, "band": "moderately_severe", "complete": true},
                "phq2": {"total": 4, "band": "positive"},
                "asq": {"band": "non_acute_positive"}
            }
        })
    );
    // Pretty-printed, keys in `carestep score` order.
    assert!(r
        .stdout
        .starts_with("{\n  \"model_version\": \"0.2\",\n  \"level\": \"iop\","));
}

#[test]
fn whole_numbers_in_any_spelling_are_accepted() {
    let r =
        score(r#"{"answers": {"phq9.1": 20e-1, "phq9.2": 3.000, "phq9.3": -0, "nida_sq.1": 1E2}}"#);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let out: Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
    assert_eq!(
        out["scores"]["phq2"],
        json!({"total": 5, "band": "positive"})
    );
    assert_eq!(out["scores"]["nida_sq"], json!({"band": "positive"}));
}

#[test]
fn huge_counts_are_accepted() {
    // the input contract: nida_sq.1 has no upper limit.
    for count in ["99999999999999999999", "1e20", "1e400"] {
        let r = score(&format!(r#"{{"answers": {{"nida_sq.1": {count}}}}}"#));
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{count}");
        let out: Value = serde_json::from_str(&r.stdout).expect("stdout is JSON");
        assert_eq!(
            out["scores"],
            json!({"nida_sq": {"band": "positive"}}),
            "{count}"
        );
    }
}

#[test]
fn score_reads_a_file_and_out_of_scope_shape() {
    let path = std::env::temp_dir().join(format!("carestep-cli-test-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"answers": {"ctx.adult": 1}}"#).unwrap();
    let r = run(&["score", path.to_str().unwrap()], b"");
    let _ = std::fs::remove_file(&path);
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let out: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        out,
        json!({"model_version": "0.2", "level": "out_of_scope", "rules_fired": ["G1"],
               "flags": ["out_of_scope_minor", "show_988"], "scores": {}})
    );
}

/// The string `field` of every object in the JSON array `list`.
fn field_of_each<'a>(list: &'a Value, field: &str) -> Vec<&'a str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|o| o[field].as_str().unwrap())
        .collect()
}

#[test]
fn questions_lists_the_deployment() {
    let r = run(&["questions"], b"");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let q: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids = field_of_each(&q["items"], "id");
    // Default: gate 2, PHQ-9 10, GAD-7 7, ASQ 5 + ctx.attempt_3m, PC-PTSD-5 6,
    // AUDIT-C 3, NIDA 1, context 11.
    assert_eq!(ids.len(), 46);
    assert_eq!(&ids[..3], ["ctx.adult", "ctx.emergency", "phq9.1"]);
    assert!(
        ids.contains(&"ctx.attempt_3m") && !ids.contains(&"cssrs.1") && !ids.contains(&"audit.4")
    );
    let phq1 = &q["items"][2];
    assert_eq!(phq1["text"], "Little interest or pleasure in doing things");
    assert_eq!(
        phq1["stem"],
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    );
    assert_eq!(
        phq1["answer"]["choices"][3],
        json!({"code": 3, "label": "Nearly every day"})
    );

    let r = run(&["questions", "--modules", "all"], b"");
    let q: Value = serde_json::from_str(&r.stdout).unwrap();
    let ids = field_of_each(&q["items"], "id");
    // Every item except the ASQ (replaced by the C-SSRS) and ctx.attempt_3m.
    assert_eq!(ids.len(), 90);
    assert!(ids.contains(&"cssrs.6b") && !ids.contains(&"asq.1") && ids.contains(&"wsas.5"));
    let names = field_of_each(&q["instruments"], "name");
    assert!(names.contains(&"K6") && !names.contains(&"ASQ"));

    let r = run(&["questions", "--modules", "depression,suicide_cssrs"], b"");
    let q: Value = serde_json::from_str(&r.stdout).unwrap();
    // gate 2 + PHQ-9 10 + C-SSRS 7 + context 11 (ctx.sex only with alcohol).
    assert_eq!(q["items"].as_array().unwrap().len(), 2 + 10 + 7 + 11);
}

#[test]
fn check_config() {
    let demo = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../config/tests/config/demo-clinic.json"
    );
    let r = run(&["check-config", demo], b"");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    assert!(
        r.stdout
            .starts_with("ok: \"Riverbend Community Mental Health\""),
        "{}",
        r.stdout
    );

    let r = run(
        &["check-config", "-"],
        br#"{"clinic": {"name": "A"}, "quick_exit_url": "http://example.com"}"#,
    );
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    assert!(
        r.stderr
            .starts_with("carestep: invalid configuration (1 problem): quick_exit_url"),
        "{}",
        r.stderr
    );
}

#[test]
fn questions_lists_the_parts_and_the_estimate() {
    let r = run(&["questions"], b"");
    assert_eq!((r.code, r.stderr.as_str()), (0, ""));
    let q: Value = serde_json::from_str(&r.stdout).unwrap();
    let names = field_of_each(&q["parts"], "name");
    assert_eq!(names.first(), Some(&"Before you start"));
    assert_eq!(names.last(), Some(&"About you"));
    // Every item of the deployment is in exactly one part, in order.
    let items: Vec<&Value> = q["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| &i["id"])
        .collect();
    let in_parts: Vec<&Value> = q["parts"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["items"].as_array().unwrap())
        .collect();
    assert_eq!(items, in_parts);
    let e = carestep_engine::estimate(&carestep_engine::ModuleSet::default_deployment());
    assert_eq!(q["estimate"], serde_json::to_value(e).unwrap());
    assert_eq!(q["estimate"]["questions"], json!(e.questions));
}
