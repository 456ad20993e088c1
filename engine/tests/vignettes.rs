//! Case vignettes written by hand from the model (`docs/methodology.md`), kept as data in
//! `tests/vignettes/*.json` so the browser and end-to-end tests can replay
//! the same scenarios. Each file is
//! `{"name", "modules", "flow", "answers", "expect": {level, rules_fired, flags, scores}}`:
//! `modules` is "default", "all" or a list of module names; `flow: true`
//! means the answers are exactly what the questionnaire asks in that
//! deployment (so the widget can be driven through them).

use std::path::{Path, PathBuf};

use carestep_engine::{assess, next_step, path, prune, Answers, Module, ModuleSet, Step};
use serde_json::{json, Value};

fn vignette_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vignettes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vignettes exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn modules(v: &Value) -> ModuleSet {
    match v {
        Value::String(s) if s == "default" => ModuleSet::default_deployment(),
        Value::String(s) if s == "all" => ModuleSet::all(),
        Value::Array(names) => names.iter().fold(ModuleSet::minimal(), |set, n| {
            let name = n.as_str().expect("module names are strings");
            set.with(Module::parse(name).unwrap_or_else(|| panic!("unknown module {name}")))
        }),
        other => panic!("bad modules value {other}"),
    }
}

#[test]
fn vignettes() {
    let files = vignette_files();
    assert!(files.len() >= 30, "only {} vignettes", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("readable vignette");
        let v: Value = serde_json::from_str(&text).expect("vignette is JSON");
        let name = format!(
            "{} ({})",
            v["name"],
            file.file_name().unwrap().to_string_lossy()
        );
        let answers = Answers::from_json(&json!({ "answers": v["answers"] }).to_string())
            .unwrap_or_else(|e| panic!("{name}: invalid answers: {e}"));
        let got = serde_json::to_value(assess(&answers)).expect("serialisable");
        let mut expected = v["expect"].clone();
        expected["model_version"] = json!("0.2");
        if got != expected {
            failures.push(format!("{name}\n  expected {expected}\n  got      {got}"));
        }

        if v["flow"] == json!(true) {
            let set = modules(&v["modules"]);
            let mut pruned = answers.clone();
            prune(&mut pruned, &set);
            if pruned != answers {
                failures.push(format!("{name}: prune dropped answers the flow asks"));
            }
            let want = match expected["level"].as_str() {
                Some("out_of_scope") => Step::OutOfScope,
                Some("crisis_now") => Step::Crisis,
                _ => Step::Review,
            };
            let step = next_step(&answers, &set);
            if step != want {
                failures.push(format!("{name}: next_step is {step:?}, expected {want:?}"));
            }
            if want == Step::Review {
                let asked = path(&answers, &set);
                let answered: Vec<_> = answers.iter().map(|(id, _)| id).collect();
                if asked != answered {
                    failures.push(format!("{name}: path {asked:?} != answered {answered:?}"));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} vignettes failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
