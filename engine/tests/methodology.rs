//! The methodology page (`docs/methodology.md`) against the engine's own
//! tables: every rule, instrument, band cut-off, derived variable and flag
//! the engine evaluates is on the page, so adding one without a
//! description fails here. The cut-offs are found by running the band
//! functions over every total, not read from the page's table; the rules'
//! written conditions are evaluated and compared with `assess`.

use carestep_engine::methodology::{instrument_anchor, rule_anchor, Block, Entry, Methodology};
use carestep_engine::scores::{
    score, AuditZone, Dast10Band, Gad7Band, K6Band, Pcptsd5Band, Phq9Band, ScreenBand, WsasBand,
};
use carestep_engine::{
    assess, conditions, instrument, methodology, questionnaire, AnswerKind, Answers, Derived, Expr,
    Flag, Guard, Instrument, ItemId, Level, Module, ModuleSet, Response, RuleId, ScoreKind,
    MODEL_VERSION,
};
use serde::Serialize;

fn page() -> Methodology {
    methodology(&ModuleSet::all())
}

fn text(e: &Entry) -> String {
    e.blocks
        .iter()
        .map(Block::text)
        .collect::<Vec<_>>()
        .join("\n")
}

fn field<'a>(e: &'a Entry, label: &str) -> &'a str {
    e.blocks
        .iter()
        .find_map(|b| match b {
            Block::Fields { fields } => fields
                .iter()
                .find(|f| f.label == label)
                .map(|f| f.text.as_str()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{}: no field {label:?}", e.anchor))
}

#[test]
fn every_rule_has_an_entry_with_condition_level_and_basis() {
    let p = page();
    let md = p.to_markdown();
    let exprs = conditions().rules;
    assert_eq!(
        exprs.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        RuleId::ALL,
        "conditions() gives every rule once, in order"
    );
    let rules = p.section("rules").expect("a rules section");
    assert_eq!(rules.entries.len(), RuleId::COUNT);
    for r in RuleId::ALL {
        let anchor = rule_anchor(r);
        let e = p
            .entry(&anchor)
            .unwrap_or_else(|| panic!("no entry for {r}"));
        assert_eq!(e.title, r.as_str());
        assert!(
            md.contains(&format!("<a id=\"{anchor}\"></a>\n\n### {r}\n")),
            "{r}: no anchored heading in the Markdown"
        );
        assert!(!field(e, "Condition").is_empty(), "{r}: empty condition");
        let sets = field(e, "Sets");
        match r.floor() {
            Some(Level::CrisisNow) => assert!(sets.starts_with("crisis_now"), "{r}: {sets}"),
            Some(l) => assert_eq!(sets, format!("at least {l}"), "{r}"),
            None => assert!(
                sets.contains("out_of_scope") || sets.contains("steps"),
                "{r}"
            ),
        }
        let basis = r.basis();
        let b = field(e, "Basis");
        assert!(!basis.note.is_empty(), "{r}: no basis");
        if basis.design_choice {
            assert!(
                b.starts_with("**Design choice awaiting clinical sign-off.**"),
                "{r}: {b}"
            );
        } else {
            assert!(b.starts_with("Published."), "{r}: {b}");
            assert!(
                !basis.sources.is_empty(),
                "{r}: a published basis needs a source"
            );
        }
        for s in basis.sources {
            assert!(field(e, "Sources").contains(&s.short()), "{r}: {}", s.key);
            assert!(
                p.entry(&format!("source-{}", s.key)).is_some(),
                "{r}: source {} not in Sources",
                s.key
            );
        }
    }
    // The about section lists exactly the design choices.
    let about = p.section("about").unwrap();
    let listed: String = about.blocks.iter().map(Block::text).collect();
    let want: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|r| r.basis().design_choice)
        .map(|r| r.as_str())
        .collect();
    assert!(
        listed.contains(&format!(
            "design choices awaiting clinical sign-off: {}.",
            want.join(", ")
        )),
        "{listed}"
    );
}

/// The condition each entry states, in words, is generated from the same
/// expression the rule is evaluated from: evaluating that expression gives
/// the rules `assess` fires, on every vignette and on random answer sets.
#[test]
fn the_written_conditions_are_the_evaluated_ones() {
    let c = conditions();
    let (exprs, defs) = (c.rules, c.derived);
    let check = |a: &Answers| {
        let result = assess(a);
        let s = score(a);
        let clinical = result
            .rules_fired
            .iter()
            .filter(|r| !r.is_crisis())
            .filter_map(|r| r.floor())
            .max()
            .unwrap_or(Level::SelfCare);
        let eval = |e: &Expr| holds(e, a, &s, &defs, clinical);
        let out_of_scope = eval(&exprs[0].1);
        let want: Vec<RuleId> = if out_of_scope {
            vec![RuleId::G1]
        } else {
            exprs
                .iter()
                .skip(1)
                .filter(|(_, e)| eval(e))
                .map(|(r, _)| *r)
                .collect()
        };
        assert_eq!(want, result.rules_fired, "{}", a.to_json());
    };
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vignettes");
    let mut n = 0;
    for f in std::fs::read_dir(dir).unwrap() {
        let path = f.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let input = serde_json::json!({ "answers": v["answers"] }).to_string();
            check(&Answers::from_json(&input).unwrap());
            n += 1;
        }
    }
    assert!(n > 20, "vignettes found: {n}");
    let mut fired = [0usize; RuleId::COUNT];
    for a in random_sets(4000) {
        for r in assess(&a).rules_fired {
            fired[r as usize] += 1;
        }
        check(&a);
    }
    // The comparison means something only if every rule fired somewhere.
    for r in RuleId::ALL {
        assert!(fired[r as usize] > 0, "{r} never fired in the random sets");
    }
}

fn holds(
    e: &Expr,
    a: &Answers,
    s: &carestep_engine::Scores,
    defs: &[(Derived, Expr)],
    clinical: Level,
) -> bool {
    let h = |x: &Expr| holds(x, a, s, defs, clinical);
    match e {
        Expr::Part(p) => p.holds(a, s),
        Expr::All(xs) => xs.iter().all(h),
        Expr::Any(xs) => xs.iter().any(h),
        Expr::Var(d) => h(&defs.iter().find(|(x, _)| x == d).expect("defined").1),
        Expr::Guard(Guard::AuditCOnly) => {
            let has = |ids: &[ItemId]| ids.iter().any(|&id| a.value(id).is_some());
            use ItemId::*;
            has(&[Audit1, Audit2, Audit3])
                && !has(&[Audit4, Audit5, Audit6, Audit7, Audit8, Audit9, Audit10])
        }
        Expr::Guard(Guard::ClinicalLevelIopOrPhp) => matches!(clinical, Level::Iop | Level::Php),
    }
}

#[test]
fn every_derived_variable_and_guard_is_defined_on_the_page() {
    let p = page();
    let defs = conditions().derived;
    assert_eq!(
        defs.iter().map(|(d, _)| *d).collect::<Vec<_>>(),
        Derived::ALL,
        "every derived variable is used by the rules, once"
    );
    let section = p.section("derived-variables").unwrap();
    for d in Derived::ALL {
        let e = section
            .entries
            .iter()
            .find(|e| e.title == d.as_str())
            .unwrap_or_else(|| panic!("{d} missing"));
        assert!(!field(e, "Definition").is_empty());
    }
    for g in Guard::ALL {
        assert!(section.entries.iter().any(|e| e.title == g.as_str()), "{g}");
    }
}

#[test]
fn every_flag_is_listed_with_its_meaning() {
    let p = page();
    let flags = p.section("flags").unwrap();
    let rows = flags
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows),
            _ => None,
        })
        .expect("a flags table");
    assert_eq!(rows.len(), Flag::COUNT);
    for f in Flag::ALL {
        let row = rows
            .iter()
            .find(|r| r[0] == format!("`{f}`"))
            .unwrap_or_else(|| panic!("{f} missing"));
        assert!(row[1].len() > 3 && row[2].len() > 3, "{f}: {row:?}");
    }
}

#[test]
fn every_instrument_is_listed_with_citation_rights_and_attribution() {
    let p = page();
    for &i in Instrument::ALL {
        let info = instrument(i);
        let e = p
            .entry(&instrument_anchor(i))
            .unwrap_or_else(|| panic!("{i:?} missing"));
        assert_eq!(e.title, info.name);
        assert_eq!(field(e, "Citation"), info.citation);
        if let Some(line) = info.attribution {
            assert_eq!(field(e, "Attribution"), line, "{i:?}");
        }
        let modules: Vec<Module> = questionnaire()
            .iter()
            .filter(|it| it.instrument == i)
            .map(|it| it.module)
            .collect();
        let on = field(e, "On by default");
        let rights = field(e, "Rights holder");
        for m in &modules {
            assert!(
                on.contains(&format!(
                    "`{m}`: {}",
                    if m.on_by_default() { "yes" } else { "no" }
                )),
                "{i:?}: {on}"
            );
            if let Some(h) = m.rights_holder() {
                assert!(rights.contains(h), "{i:?}: {rights}");
                assert!(on.contains("permission"), "{i:?}: why off: {on}");
            }
        }
        for it in questionnaire().iter().filter(|it| it.instrument == i) {
            assert!(field(e, "Questions").contains(it.id.as_str()), "{}", it.id);
        }
    }
}

/// The band JSON name of a value.
fn name<B: Serialize>(b: B) -> String {
    serde_json::to_value(b)
        .unwrap()
        .as_str()
        .unwrap()
        .to_string()
}

/// The bands a band function gives over `0..=max`, as (name, lo, hi) runs.
fn runs(max: u32, band: impl Fn(u32) -> String) -> Vec<(String, u32, u32)> {
    let mut out: Vec<(String, u32, u32)> = Vec::new();
    for t in 0..=max {
        let b = band(t);
        match out.last_mut() {
            Some((n, _, hi)) if *n == b => *hi = t,
            _ => out.push((b, t, t)),
        }
    }
    out
}

/// The band rows the page shows for a score: (name, totals, condition).
fn rows(p: &Methodology, k: ScoreKind) -> Vec<Vec<String>> {
    let e = p.entry(&instrument_anchor(k.instrument())).unwrap();
    // The table right after the score's "**NAME** (`key`)" paragraph.
    let mut it = e.blocks.iter();
    it.find(|b| matches!(b, Block::Paragraph { text } if text.contains(&format!("(`{k}`)"))))
        .unwrap_or_else(|| panic!("{k}: no scoring paragraph"));
    match it.next() {
        Some(Block::Table { rows, .. }) => rows.clone(),
        other => panic!("{k}: no band table: {other:?}"),
    }
}

#[test]
fn every_band_cut_off_the_scoring_evaluates_is_on_the_page() {
    let p = page();
    let check = |k: ScoreKind, max: u32, when: Option<&str>, band: &dyn Fn(u32) -> String| {
        let shown = rows(&p, k);
        for (n, lo, hi) in runs(max, band) {
            let range = if lo == hi {
                lo.to_string()
            } else {
                format!("{lo}–{hi}")
            };
            assert!(
                shown.iter().any(|r| r[0] == format!("`{n}`")
                    && r[1] == range
                    && when.is_none_or(|w| r[2].contains(w))
                    && !r[3].is_empty()),
                "{k}: band {n} {range} ({when:?}) not on the page: {shown:?}"
            );
        }
    };
    check(ScoreKind::Phq9, 27, None, &|t| name(Phq9Band::of(t)));
    check(ScoreKind::Phq2, 6, None, &|t| name(ScreenBand::two_item(t)));
    check(ScoreKind::Gad7, 21, None, &|t| name(Gad7Band::of(t)));
    check(ScoreKind::Gad2, 6, None, &|t| name(ScreenBand::two_item(t)));
    check(ScoreKind::Pcptsd5, 5, None, &|t| name(Pcptsd5Band::of(t)));
    check(ScoreKind::Auditc, 12, Some("ctx.sex is 0"), &|t| {
        name(ScreenBand::auditc(t, Some(0)))
    });
    for sex in [None, Some(1), Some(2)] {
        check(ScoreKind::Auditc, 12, Some("otherwise"), &|t| {
            name(ScreenBand::auditc(t, sex))
        });
    }
    check(ScoreKind::Audit, 40, None, &|t| name(AuditZone::of(t)));
    check(ScoreKind::Dast10, 10, None, &|t| name(Dast10Band::of(t)));
    check(ScoreKind::Wsas, 40, None, &|t| name(WsasBand::of(t)));
    check(ScoreKind::K6, 24, None, &|t| name(K6Band::of(t)));
    // Bands without a total: each band name the scoring can give is shown
    // with its condition and source.
    for (k, names) in [
        (ScoreKind::NidaSq, &["negative", "positive"][..]),
        (
            ScoreKind::Asq,
            &["negative", "non_acute_positive", "acute_positive"],
        ),
        (ScoreKind::Cssrs, &["none", "low", "moderate", "high"]),
        (ScoreKind::Mdq, &["negative", "positive"]),
    ] {
        let shown = rows(&p, k);
        for n in names {
            assert!(
                shown
                    .iter()
                    .any(|r| r[0] == format!("`{n}`") && !r[2].is_empty() && !r[3].is_empty()),
                "{k}: {n} missing: {shown:?}"
            );
        }
    }
    // Every score kind of the `carestep score` output has a scoring paragraph and a table.
    for k in ScoreKind::ALL {
        assert!(!rows(&p, k).is_empty(), "{k}");
    }
}

#[test]
fn the_page_states_version_modules_defaults_and_procedures() {
    let p = page();
    let md = p.to_markdown();
    assert_eq!(p.model_version, MODEL_VERSION);
    assert!(md.contains(&format!("- **Model version:** {MODEL_VERSION}\n")));
    for m in Module::ALL {
        assert!(md.contains(m.title()), "{m}");
    }
    for s in ["final-level", "declined-and-missing", "levels", "sources"] {
        let sec = p.section(s).unwrap_or_else(|| panic!("{s}"));
        assert!(!sec.blocks.is_empty());
        assert!(md.contains(&format!("<a id=\"{s}\"></a>")));
    }
    assert!(md.contains("engine/tests/properties.rs"));
    assert!(md.contains("](handoff-and-fhir.md)"));
    for l in Level::ALL {
        assert!(md.contains(&format!("| `{l}` |")), "{l}");
    }
    // Anchors are unique.
    let mut anchors: Vec<&str> = p
        .sections
        .iter()
        .flat_map(|s| {
            std::iter::once(s.anchor.as_str()).chain(s.entries.iter().map(|e| e.anchor.as_str()))
        })
        .collect();
    let n = anchors.len();
    anchors.sort();
    anchors.dedup();
    assert_eq!(anchors.len(), n, "duplicate anchors");
    // Every link names an entry, and the Markdown links its first use.
    for l in &p.links {
        assert!(p.entry(&l.anchor).is_some(), "{} → {}", l.text, l.anchor);
        assert!(
            md.contains(&format!("[{}](#{})", l.text, l.anchor)),
            "{} is never linked",
            l.text
        );
    }
    // No reference to a document outside the repository.
    assert!(
        !md.contains(concat!("clinical", "-model")) && !md.contains('§'),
        "external reference"
    );
}

#[test]
fn a_deployment_page_lists_only_its_instruments() {
    let p = methodology(&ModuleSet::default_deployment());
    for &i in Instrument::ALL {
        let on = questionnaire()
            .iter()
            .any(|it| it.instrument == i && it.module.on_by_default());
        assert_eq!(p.entry(&instrument_anchor(i)).is_some(), on, "{i:?}");
    }
    // The rules are the model: all of them, whatever the deployment.
    assert_eq!(p.section("rules").unwrap().entries.len(), RuleId::COUNT);
    // JSON and Markdown carry the same entries.
    let json: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
    let md = p.to_markdown();
    for s in json["sections"].as_array().unwrap() {
        for e in s["entries"].as_array().unwrap() {
            let a = e["anchor"].as_str().unwrap();
            assert!(md.contains(&format!("<a id=\"{a}\"></a>")), "{a}");
        }
    }
    let _ = text;
}

/// Random answer sets from a small deterministic generator: some items
/// absent, some declined, codes leaning high so the severe rules fire too.
fn random_sets(n: usize) -> Vec<Answers> {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move |m: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % m
    };
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut a = Answers::new();
        let dense = next(3) == 0;
        for it in questionnaire() {
            let r = next(10);
            if r < if dense { 1 } else { 3 } {
                continue;
            }
            let resp = if r == 3 {
                Response::Declined
            } else {
                match it.answer {
                    AnswerKind::Choices(cs) if it.id == ItemId::CtxAdult => {
                        Response::Value(u64::from(next(20) == 0) * u64::from(cs[1].code))
                    }
                    AnswerKind::Choices(cs) => {
                        let i = (next(cs.len() as u64) + next(2)).min(cs.len() as u64 - 1);
                        let mut codes: Vec<u8> = cs.iter().map(|c| c.code).collect();
                        codes.sort();
                        Response::Value(u64::from(codes[i as usize]))
                    }
                    AnswerKind::Count => Response::Value(next(4)),
                }
            };
            a.set(it.id, resp).unwrap();
        }
        out.push(a);
    }
    out
}

/// Each flag's "Set when" on the page, read back and checked against
/// `assess` on random answer sets, so the words cannot drift from the code.
#[test]
fn every_flags_condition_on_the_page_is_what_assess_does() {
    let defs = conditions().derived;
    let rule_list = |s: &str| -> Vec<RuleId> {
        s.split(|c: char| c == ',' || c.is_whitespace())
            .filter_map(RuleId::parse)
            .collect()
    };
    let p = page();
    let table = p
        .section("flags")
        .unwrap()
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table { rows, .. } => Some(rows.clone()),
            _ => None,
        })
        .unwrap();
    let shown = |f: Flag| -> String {
        table
            .iter()
            .find(|r| r[0] == format!("`{f}`"))
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("{f} not on the page"))
    };
    let mut seen = [(0usize, 0usize); Flag::COUNT];
    for a in random_sets(3000) {
        let r = assess(&a);
        let s = score(&a);
        let clinical = Level::SelfCare; // no flag's words read the clinical level
        for f in Flag::ALL {
            let when = shown(f);
            let when = when.as_str();
            // Out of scope, only G1's flags are set (the page's Final level).
            let want = if r.level == Level::OutOfScope
                && !matches!(f, Flag::OutOfScopeMinor | Flag::Show988)
            {
                false
            } else if when == "always" {
                true
            } else if let Some(rest) = when.strip_suffix(" fires") {
                if let Some(list) = rest.strip_prefix("any crisis rule (C1–C6), or any of ") {
                    r.rules_fired.iter().any(|x| x.is_crisis())
                        || rule_list(list).iter().any(|&x| r.fired(x))
                } else if let Some(list) = rest.strip_prefix("any of ") {
                    rule_list(list).iter().any(|&x| r.fired(x))
                } else {
                    let one = RuleId::parse(rest).expect("a rule id");
                    r.fired(one)
                }
            } else if let Some(d) = Derived::parse(when) {
                r.level != Level::OutOfScope
                    && holds(
                        &defs.iter().find(|(x, _)| *x == d).unwrap().1,
                        &a,
                        &s,
                        &defs,
                        clinical,
                    )
            } else if when == "the MDQ screen is positive" {
                s.mdq.is_some_and(|m| m.band == ScreenBand::Positive)
            } else if let Some(t) = when
                .strip_prefix("the PC-PTSD-5 total is ")
                .and_then(|x| x.strip_suffix(" or more"))
            {
                s.pcptsd5.is_some_and(|x| x.total >= t.parse().unwrap())
            } else if when == "the AUDIT total is 8–15, or the AUDIT-C band is positive and there is no AUDIT total of 16 or more" {
                s.audit.is_some_and(|x| (8..=15).contains(&x.total))
                    || (s.auditc.is_some_and(|x| x.band == ScreenBand::Positive)
                        && s.audit.is_none_or(|x| x.total < 16))
            } else if let Some(t) = when
                .strip_prefix("ctx.attend is ")
                .and_then(|x| x.strip_suffix(" or more and the final level (after E1) is IOP or PHP"))
            {
                a.value(ItemId::CtxAttend).is_some_and(|v| v >= t.parse().unwrap())
                    && matches!(r.level, Level::Iop | Level::Php)
            } else if let Some((id, t)) = when
                .strip_suffix(" or more")
                .and_then(|x| x.split_once(" is "))
            {
                let id = ItemId::parse(id).unwrap_or_else(|| panic!("{f}: {when}"));
                r.level != Level::OutOfScope
                    && a.value(id).is_some_and(|v| v >= t.parse::<u64>().unwrap())
            } else {
                panic!("{f}: the test cannot read {when:?}; teach it the new wording");
            };
            assert_eq!(r.has_flag(f), want, "{f} ({when}) on {}", a.to_json());
            let e = &mut seen[f as usize];
            if want {
                e.0 += 1
            } else {
                e.1 += 1
            }
        }
    }
    for f in Flag::ALL {
        let (on, off) = seen[f as usize];
        assert!(on > 0, "{f} never set");
        assert!(off > 0 || f == Flag::Show988, "{f} always set");
    }
}

/// The prebuilt page's data (`src/methodology_prebuilt.rs`, what the widget shows) is
/// exactly what `prebuilt::source()` writes from the generator (the generated-file pattern:
/// `UPDATE_EXPECT=1` rewrites it).
#[test]
fn the_prebuilt_data_is_what_the_generator_writes() {
    use carestep_engine::methodology::prebuilt;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/methodology_prebuilt.rs");
    let committed = std::fs::read_to_string(&path).expect("src/methodology_prebuilt.rs");
    let written = prebuilt::source();
    if committed == written {
        return;
    }
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &written).expect("src/methodology_prebuilt.rs is writable");
        return;
    }
    let line = committed
        .lines()
        .zip(written.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(committed.lines().count().min(written.lines().count()));
    panic!(
        "engine/src/methodology_prebuilt.rs is out of date (first difference at line {}): run \
         `UPDATE_EXPECT=1 cargo test -p carestep-engine --test methodology` and commit it",
        line + 1
    );
}

/// For every module set a configuration can ask for (gate and context, with any of the
/// other modules), the prebuilt page is the generated page (but for the Markdown's
/// cross-reference list, which the prebuilt page leaves out).
#[test]
fn the_prebuilt_page_is_the_generated_page_for_every_module_set() {
    use carestep_engine::methodology::prebuilt;
    let optional: Vec<Module> = Module::ALL
        .into_iter()
        .filter(|&m| !ModuleSet::minimal().contains(m))
        .collect();
    let mut checked = 0;
    for mask in 0u32..(1 << optional.len()) {
        let modules = optional
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .fold(ModuleSet::minimal(), |s, (_, &m)| s.with(m));
        let generated = methodology(&modules);
        let built = prebuilt::page(&modules);
        assert_eq!(built.title, generated.title);
        assert_eq!(built.model_version, generated.model_version);
        assert_eq!(built.modules, generated.modules);
        assert_eq!(
            built.sections,
            generated.sections,
            "{:?}",
            modules.iter().collect::<Vec<_>>()
        );
        checked += 1;
    }
    assert_eq!(checked, 1 << optional.len());
    assert!(checked >= 4096, "{checked} module sets");
}

/// Issue 12: no file of the repository refers to a document outside it (the clinical
/// model was specified in a folder beside the repository; the methodology page replaces it).
/// Walks every file git tracks.
#[test]
fn no_file_of_the_repository_refers_to_a_document_outside_it() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let listed = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
        .expect("git ls-files runs");
    assert!(listed.status.success(), "git ls-files failed");
    let files: Vec<String> = String::from_utf8(listed.stdout)
        .expect("file names are UTF-8")
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(str::to_owned)
        .collect();
    assert!(files.len() > 100, "only {} files listed", files.len());
    // Written in pieces, so this file does not name them itself.
    let outside = [concat!("clinical", "-model"), concat!("../", "shared/")];
    let mut found = Vec::new();
    for file in &files {
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            continue; // not UTF-8 text (a picture), or deleted in the working tree
        };
        for name in outside {
            if text.contains(name) {
                found.push(format!("{file}: {name}"));
            }
        }
    }
    assert_eq!(found, Vec::<String>::new());
}
