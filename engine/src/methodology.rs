//! The methodology page: how CareStep decides, generated from the engine's
//! own tables so that it cannot drift from the code.
//!
//! [`methodology`] builds a [`Methodology`] for a module set: sections (the
//! instruments, the derived variables, every rule, the final level, the
//! flags, declined and missing answers, the sources), each with an anchor
//! and entries that have anchors of their own (`rule-o1`,
//! `instrument-phq9`, `source-kroenke-2001`). [`Methodology::to_markdown`]
//! writes `docs/methodology.md` (`carestep methodology`);
//! [`Methodology::to_json`] gives the same content as data (`--format
//! json`), and a page on screen can render the same value.
//!
//! Where each fact comes from: instruments, citations and attribution lines
//! from `questionnaire.rs`; rights holders and defaults from `ids.rs`;
//! scoring, bands and their sources, and declined answers from `scores.rs`;
//! each rule's condition from the rule's own expression
//! ([`crate::rules::conditions`]), its level ([`RuleId::floor`]) and its
//! basis ([`RuleId::basis`]), the derived variables, flags, the final level
//! and the monotonicity guarantee from `rules.rs`; the sources from
//! `sources.rs`. This file only arranges and words them.

use serde::Serialize;

use crate::ids::{ItemId, Module, ModuleSet};
use crate::questionnaire::{instrument, item, questionnaire, AnswerKind, Instrument};
use crate::rules::{
    conditions, Derived, Expr, Flag, Guard, Level, Part, RuleId, ScoreKind, Subject, Test,
    FINAL_LEVEL_STEPS, MONOTONICITY,
};
use crate::scores::{bands, scoring, DECLINED_AND_MISSING};
use crate::sources::{self, Source};
use crate::MODEL_VERSION;

/// The whole page as data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Methodology {
    pub title: String,
    /// The clinical model version ([`MODEL_VERSION`]).
    pub model_version: &'static str,
    /// The modules whose instruments the page documents.
    pub modules: ModuleSet,
    pub sections: Vec<Section>,
    /// Names that the text uses and that have an entry of their own (the
    /// derived variables and sources): a renderer may link each occurrence
    /// in field values and table cells to its anchor, as the Markdown does.
    pub links: Vec<Link>,
}

/// A name with an entry of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub anchor: String,
}

/// A top-level section (`## …` in Markdown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// The anchor (`rules`), unique on the page.
    pub anchor: String,
    pub title: String,
    /// What comes before the entries.
    pub blocks: Vec<Block>,
    pub entries: Vec<Entry>,
}

/// One entry of a section (`### …`): an instrument, a rule, a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// The anchor (`rule-o1`), unique on the page.
    pub anchor: String,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A piece of content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Paragraph {
        text: String,
    },
    List {
        items: Vec<String>,
    },
    /// Labelled facts ("Condition: …").
    Fields {
        fields: Vec<Field>,
    },
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Field {
    pub label: String,
    pub text: String,
}

/// The anchor of a rule's entry, e.g. `rule-o1` (what a "Why?" link
/// targets).
pub fn rule_anchor(r: RuleId) -> String {
    format!("rule-{}", r.as_str().to_ascii_lowercase())
}

/// The anchor of an instrument's entry, e.g. `instrument-phq9`.
/// A plain name per instrument rather than its serde name through `serde_json`, so that
/// a page rendered in the widget does not link `serde_json` into the wasm.
pub fn instrument_anchor(i: Instrument) -> String {
    let name = match i {
        Instrument::Gate => "gate",
        Instrument::Phq9 => "phq9",
        Instrument::Gad7 => "gad7",
        Instrument::K6 => "k6",
        Instrument::Asq => "asq",
        Instrument::Cssrs => "cssrs",
        Instrument::Pcptsd5 => "pcptsd5",
        Instrument::Mdq => "mdq",
        Instrument::Audit => "audit",
        Instrument::NidaSq => "nida-sq",
        Instrument::Dast10 => "dast10",
        Instrument::Wsas => "wsas",
        Instrument::Context => "context",
    };
    ["instrument-", name].concat()
}

/// The anchor of a derived variable or guard, e.g. `var-sym-sev`.
fn var_anchor(name: &str) -> String {
    format!("var-{}", name.to_ascii_lowercase().replace('_', "-"))
}

/// The anchor of a source, e.g. `source-kroenke-2001`.
pub fn source_anchor(s: &Source) -> String {
    format!("source-{}", s.key)
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into() }
}

fn list<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Block {
    Block::List {
        items: items.into_iter().map(Into::into).collect(),
    }
}

fn fields<L: Into<String>, T: Into<String>>(fs: impl IntoIterator<Item = (L, T)>) -> Block {
    Block::Fields {
        fields: fs
            .into_iter()
            .map(|(label, text)| Field {
                label: label.into(),
                text: text.into(),
            })
            .collect(),
    }
}

/// A score's display name.
pub fn score_name(k: ScoreKind) -> &'static str {
    match k {
        ScoreKind::Phq9 => "PHQ-9",
        ScoreKind::Phq2 => "PHQ-2",
        ScoreKind::Gad7 => "GAD-7",
        ScoreKind::Gad2 => "GAD-2",
        ScoreKind::Pcptsd5 => "PC-PTSD-5",
        ScoreKind::Auditc => "AUDIT-C",
        ScoreKind::Audit => "AUDIT",
        ScoreKind::NidaSq => "single-question drug screen",
        ScoreKind::Dast10 => "DAST-10",
        ScoreKind::Asq => "ASQ",
        ScoreKind::Cssrs => "C-SSRS",
        ScoreKind::Mdq => "MDQ",
        ScoreKind::Wsas => "WSAS",
        ScoreKind::K6 => "K6",
    }
}

/// The label of an answer code, when the item has listed options.
fn label(id: ItemId, code: u64) -> Option<&'static str> {
    match item(id).answer {
        AnswerKind::Choices(cs) => cs
            .iter()
            .find(|c| u64::from(c.code) == code)
            .map(|c| c.label),
        AnswerKind::Count => None,
    }
}

/// One part in words: "PHQ-9 total is 15 or more", "ctx.mania is 2
/// (“Yes, and …”)".
pub fn describe_part(p: &Part) -> String {
    match (p.subject, p.test) {
        (Subject::Score(k), Test::AtLeast(t)) => format!("{} total is {t} or more", score_name(k)),
        (Subject::Score(k), Test::Is(t)) => format!("{} total is {t}", score_name(k)),
        (Subject::Score(ScoreKind::Asq), Test::Positive) => {
            "the ASQ screen is positive (non-acute or acute)".to_string()
        }
        (Subject::Score(k), Test::Positive) => format!("the {} screen is positive", score_name(k)),
        (Subject::Score(k), Test::Declined) => format!("a {} question was declined", score_name(k)),
        (Subject::Item(id), Test::Is(v)) => match label(id, v) {
            Some(l) => format!("{id} is {v} (“{l}”)"),
            None => format!("{id} is {v}"),
        },
        (Subject::Item(id), Test::AtLeast(v)) => match label(id, v) {
            Some(l) => format!("{id} is {v} or more (“{l}” or higher)"),
            None => format!("{id} is {v} or more"),
        },
        (Subject::Item(id), Test::Positive) => format!("{id} is positive"),
        (Subject::Item(id), Test::Declined) => format!("{id} was declined"),
    }
}

/// A condition in words, generated from the rule's own expression.
pub fn describe(e: &Expr) -> String {
    fn inner(e: &Expr, nested: bool) -> String {
        let join = |xs: &[Expr], sep: &str| {
            let words: Vec<String> = group_declined(xs)
                .into_iter()
                .map(|g| match g {
                    Grouped::One(x) => inner(x, true),
                    Grouped::Declined(ids) => {
                        let ids: Vec<&str> = ids.iter().map(|i| i.as_str()).collect();
                        format!("any of {} was declined", ids.join(", "))
                    }
                })
                .collect();
            let s = words.join(sep);
            if nested && words.len() > 1 {
                format!("({s})")
            } else {
                s
            }
        };
        match e {
            Expr::Part(p) => describe_part(p),
            Expr::All(xs) => join(xs, " and "),
            Expr::Any(xs) => join(xs, " or "),
            Expr::Var(d) => d.as_str().to_string(),
            Expr::Guard(Guard::AuditCOnly) => Guard::AuditCOnly.as_str().to_string(),
            Expr::Guard(Guard::ClinicalLevelIopOrPhp) => {
                "the clinical level is IOP or PHP".to_string()
            }
        }
    }
    inner(e, false)
}

enum Grouped<'a> {
    One(&'a Expr),
    Declined(Vec<ItemId>),
}

/// Runs of "item was declined" parts read as one "any of … was declined".
fn group_declined(xs: &[Expr]) -> Vec<Grouped<'_>> {
    let mut out: Vec<Grouped> = Vec::new();
    for x in xs {
        if let Expr::Part(Part {
            subject: Subject::Item(id),
            test: Test::Declined,
        }) = x
        {
            if let Some(Grouped::Declined(ids)) = out.last_mut() {
                ids.push(*id);
                continue;
            }
            out.push(Grouped::Declined(vec![*id]));
        } else {
            out.push(Grouped::One(x));
        }
    }
    out
}

/// "Kroenke, Spitzer & Williams 2001; Spitzer … 2006".
fn cite(sources: &[Source]) -> String {
    sources
        .iter()
        .map(Source::short)
        .collect::<Vec<_>>()
        .join("; ")
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The modules whose items belong to an instrument, in `Module::ALL` order.
fn modules_of(i: Instrument) -> Vec<Module> {
    // A filter over `Module::ALL`, not a sort: a sort would add its code to the widget,
    // which shows this page.
    Module::ALL
        .into_iter()
        .filter(|&m| {
            questionnaire()
                .iter()
                .any(|it| it.instrument == i && it.module == m)
        })
        .collect()
}

/// The score kinds computed from an instrument's answers.
fn scores_of(i: Instrument) -> Vec<ScoreKind> {
    ScoreKind::ALL
        .into_iter()
        .filter(|k| k.instrument() == i)
        .collect()
}

/// A band's totals, "10–14" (one number when both ends are equal).
pub fn range_text(lo: u32, hi: u32) -> String {
    if lo == hi {
        lo.to_string()
    } else {
        format!("{lo}–{hi}")
    }
}

/// An instrument's entry for the modules `ms` of it that a deployment asks (not empty, in
/// `Module::ALL` order), and the sources its bands cite, in the order they are cited. It
/// depends on nothing else, which is what lets [`prebuilt`] hold every variant.
fn instrument_entry(i: Instrument, ms: &[Module]) -> (Entry, Vec<Source>) {
    let mut cited: Vec<Source> = Vec::new();
    let info = instrument(i);
    let mut fs: Vec<(String, String)> = vec![
        (
            "Module".into(),
            ms.iter()
                .map(|m| format!("{} (`{m}`)", m.title()))
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "On by default".into(),
            ms.iter()
                .map(|m| {
                    let mut s = format!("`{m}`: {}", yes_no(m.on_by_default()));
                    if let Some(why) = m.why_off_by_default() {
                        s += &format!(" — {why}");
                    }
                    if let Some(r) = m.default_replacement() {
                        s += &format!("; the default deployment uses {r} instead");
                    }
                    s
                })
                .collect::<Vec<_>>()
                .join(". "),
        ),
        (
            "Rights holder".into(),
            ms.iter()
                .find_map(|m| m.rights_holder())
                .map_or("none: no permission needed".to_string(), |h| {
                    format!("{h} (permission needed)")
                }),
        ),
        ("Citation".into(), info.citation.to_string()),
        (
            "Attribution".into(),
            info.attribution
                .unwrap_or("none (CareStep's own questions)")
                .to_string(),
        ),
    ];
    let items: Vec<&str> = questionnaire()
        .iter()
        .filter(|it| it.instrument == i && ms.contains(&it.module))
        .map(|it| it.id.as_str())
        .collect();
    fs.push((
        "Questions".into(),
        format!("{} ({})", items.len(), items.join(", ")),
    ));
    let mut blocks = vec![fields(fs)];
    for k in scores_of(i) {
        let bs = bands(k);
        for b in bs {
            for s in b.sources {
                if !cited.contains(s) {
                    cited.push(*s);
                }
            }
        }
        blocks.push(para(format!(
            "**{}** (`{k}`): {}",
            score_name(k),
            scoring(k)
        )));
        blocks.push(Block::Table {
            head: vec![
                "Band".into(),
                "Total".into(),
                "Condition".into(),
                "Source of the cut-off".into(),
            ],
            rows: bs
                .iter()
                .map(|b| {
                    vec![
                        format!("`{}`", b.name),
                        b.range.map_or("—".into(), |(lo, hi)| range_text(lo, hi)),
                        b.when.unwrap_or("").to_string(),
                        cite(b.sources),
                    ]
                })
                .collect(),
        });
    }
    if matches!(i, Instrument::Gate | Instrument::Context) {
        blocks.push(Block::Table {
            head: vec!["Question".into(), "Text".into(), "Answers (code)".into()],
            rows: questionnaire()
                .iter()
                .filter(|it| it.instrument == i)
                .map(|it| {
                    let answers = match it.answer {
                        AnswerKind::Choices(cs) => cs
                            .iter()
                            .map(|c| format!("{} ({})", c.label, c.code))
                            .collect::<Vec<_>>()
                            .join("; "),
                        AnswerKind::Count => "a whole number".into(),
                    };
                    vec![format!("`{}`", it.id), it.text.to_string(), answers]
                })
                .collect(),
        });
    }
    (
        Entry {
            anchor: instrument_anchor(i),
            title: info.name.to_string(),
            blocks,
        },
        cited,
    )
}

/// A source's entry.
fn source_entry(s: &Source) -> Entry {
    Entry {
        anchor: source_anchor(s),
        title: s.short(),
        blocks: vec![para(s.full())],
    }
}

/// The page for the instruments of `modules` (every rule is always
/// documented: the rules are the model, whatever a deployment asks).
pub fn methodology(modules: &ModuleSet) -> Methodology {
    let mut cited: Vec<Source> = Vec::new();
    let mut cite_all = |ss: &[Source]| {
        for s in ss {
            if !cited.contains(s) {
                cited.push(*s);
            }
        }
    };
    let cs = conditions();
    let (rule_exprs, defs) = (cs.rules, cs.derived);

    // About
    let default_titles: Vec<&str> = Module::ALL
        .iter()
        .filter(|m| m.on_by_default())
        .map(|m| m.title())
        .collect();
    let documented: Vec<&str> = modules.iter().map(|m| m.title()).collect();
    let design_choices: Vec<&str> = RuleId::ALL
        .iter()
        .filter(|r| r.basis().design_choice)
        .map(|r| r.as_str())
        .collect();
    let about = Section {
        anchor: "about".into(),
        title: "About this page".into(),
        blocks: vec![
            para(format!("This page describes clinical model {MODEL_VERSION} as the CareStep engine implements it: the questionnaires it asks, how each is scored, every rule that suggests a level of care, and the sources behind them. It is generated from the engine's own tables (`carestep methodology`), so it says what the code does."))
            ,
            para("CareStep suggests a level of care for a clinician to confirm. It is not a diagnosis. The model has not been validated as a whole: each rule is marked either as resting on a published threshold, with its source, or as a design choice awaiting clinical sign-off."),
            para(format!("Rules that are design choices awaiting clinical sign-off: {}.", design_choices.join(", "))),
            fields([
                ("Model version", MODEL_VERSION.to_string()),
                ("Modules documented", documented.join("; ")),
                ("On by default (no permission needed)", default_titles.join("; ")),
            ]),
            para("The handoff code and the FHIR export, with the CareStep code systems (URIs) used for rules, flags and answers, are described in [handoff-and-fhir.md](handoff-and-fhir.md)."),
        ],
        entries: vec![],
    };

    // Levels
    let levels = Section {
        anchor: "levels".into(),
        title: "Levels of care".into(),
        blocks: vec![
            para("From least to most intensive. Every rule except G1 and E1 sets a minimum level; the result is the highest one (see Final level)."),
            Block::Table {
                head: vec!["Level".into(), "Meaning".into()],
                rows: Level::ALL
                    .iter()
                    .map(|l| vec![format!("`{l}`"), l.meaning().to_string()])
                    .collect(),
            },
        ],
        entries: vec![],
    };

    // Instruments
    let mut instruments = Vec::new();
    for &i in Instrument::ALL {
        let ms: Vec<Module> = modules_of(i)
            .into_iter()
            .filter(|&m| modules.contains(m))
            .collect();
        if ms.is_empty() {
            continue;
        }
        let (entry, sources) = instrument_entry(i, &ms);
        cite_all(&sources);
        instruments.push(entry);
    }
    let instruments = Section {
        anchor: "instruments".into(),
        title: "Instruments".into(),
        blocks: vec![
            para("Each questionnaire the documented modules ask, with its citation, rights holder and attribution line, how it is scored, and its bands with the source of each cut-off. Questions are shown word for word as published; the context questions (`ctx.*`) are CareStep's own. A band the rules do not read is reported for the clinician only."),
        ],
        entries: instruments,
    };

    // Derived variables
    let mut vars: Vec<Entry> = defs
        .iter()
        .map(|(d, e)| Entry {
            anchor: var_anchor(d.as_str()),
            title: d.as_str().to_string(),
            blocks: vec![fields([
                ("Meaning", d.meaning().to_string()),
                ("Definition", describe(e)),
            ])],
        })
        .collect();
    for g in Guard::ALL {
        vars.push(Entry {
            anchor: var_anchor(g.as_str()),
            title: g.as_str().to_string(),
            blocks: vec![fields([("Definition", g.meaning().to_string())])],
        });
    }
    let derived = Section {
        anchor: "derived-variables".into(),
        title: "Derived variables".into(),
        blocks: vec![para("Named conditions that several rules share. A total with no value (its instrument was not asked, or PHQ-9 or GAD-7 have more than one answer missing) makes its test false.")],
        entries: vars,
    };

    // Rules
    let mut rules = Vec::new();
    for (r, e) in &rule_exprs {
        let basis = r.basis();
        cite_all(basis.sources);
        let level = match (r, r.floor()) {
            (RuleId::G1, _) => "out_of_scope: ends the assessment".to_string(),
            (RuleId::E1, _) => "steps the level up one: iop to php, php to inpatient".to_string(),
            (_, Some(Level::CrisisNow)) => "crisis_now, whatever else fires".to_string(),
            (_, Some(l)) => format!("at least {l}"),
            (_, None) => "none".to_string(),
        };
        let inputs = r.inputs();
        let mut reads: Vec<String> = inputs
            .scores
            .iter()
            .map(|k| score_name(*k).to_string())
            .collect();
        reads.extend(inputs.items.iter().map(|i| format!("`{i}`")));
        if inputs.clinical_level {
            reads.push("the clinical level".into());
        }
        let mut fs = vec![
            ("Condition".to_string(), describe(e)),
            ("Sets".to_string(), level),
            ("Reads".to_string(), reads.join(", ")),
            (
                "Basis".to_string(),
                if basis.design_choice {
                    format!(
                        "**Design choice awaiting clinical sign-off.** {}",
                        basis.note
                    )
                } else {
                    format!("Published. {}", basis.note)
                },
            ),
        ];
        if !basis.sources.is_empty() {
            fs.push(("Sources".into(), cite(basis.sources)));
        }
        rules.push(Entry {
            anchor: rule_anchor(*r),
            title: r.as_str().to_string(),
            blocks: vec![fields(fs)],
        });
    }
    let rules = Section {
        anchor: "rules".into(),
        title: "Rules".into(),
        blocks: vec![
            para("G1 is the gate. C1–C6 are crisis rules; H1–H4 set at least inpatient care, P1–P3 at least partial hospitalization, I1–I7 at least an intensive outpatient programme, O1–O19 at least outpatient care; E1 steps the level up. Each condition below is written out from the same expression the engine evaluates. \"Reads\" lists the scores and answers the condition tests."),
        ],
        entries: rules,
    };

    // Final level
    let final_level = Section {
        anchor: "final-level".into(),
        title: "Final level and monotonicity".into(),
        blocks: vec![
            Block::List {
                items: FINAL_LEVEL_STEPS.iter().map(|s| s.to_string()).collect(),
            },
            para("**Monotonicity.**"),
            list(MONOTONICITY.iter().copied()),
        ],
        entries: vec![],
    };

    // Flags
    let flags = Section {
        anchor: "flags".into(),
        title: "Flags".into(),
        blocks: vec![
            para("Flags are shown with the level and never change it."),
            Block::Table {
                head: vec!["Flag".into(), "Set when".into(), "Means".into()],
                rows: Flag::ALL
                    .iter()
                    .map(|f| {
                        vec![
                            format!("`{f}`"),
                            f.when().to_string(),
                            f.meaning().to_string(),
                        ]
                    })
                    .collect(),
            },
        ],
        entries: vec![],
    };

    // Declined and missing
    let declined = Section {
        anchor: "declined-and-missing".into(),
        title: "Declined and missing answers".into(),
        blocks: vec![list(DECLINED_AND_MISSING.iter().copied())],
        entries: vec![],
    };

    // Sources, in the order of sources::ALL
    let sources = Section {
        anchor: "sources".into(),
        title: "Sources".into(),
        blocks: vec![para(
            "The publications behind the band cut-offs and the rules' bases.",
        )],
        entries: sources::ALL
            .iter()
            .filter(|s| cited.contains(s))
            .map(source_entry)
            .collect(),
    };

    let mut links: Vec<Link> = Derived::ALL
        .iter()
        .map(|d| d.as_str())
        // A guard is linked where conditions name it (AUDIT_C_ONLY; the
        // clinical level is written out in words).
        .chain(
            Guard::ALL
                .iter()
                .filter(|g| describe(&Expr::Guard(**g)) == g.as_str())
                .map(|g| g.as_str()),
        )
        .map(|name| Link {
            text: name.to_string(),
            anchor: var_anchor(name),
        })
        .collect();
    links.extend(sources.entries.iter().map(|e| Link {
        text: e.title.clone(),
        anchor: e.anchor.clone(),
    }));
    Methodology {
        links,
        title: "How CareStep decides".into(),
        model_version: MODEL_VERSION,
        modules: *modules,
        sections: vec![
            about,
            levels,
            instruments,
            derived,
            rules,
            final_level,
            flags,
            declined,
            sources,
        ],
    }
}

/// A table cell: no line breaks, `|` escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// `text` with every link's text made a Markdown link to its anchor (one
/// pass, longest match first, so no link lands inside another).
fn linkify(text: &str, links: &[Link]) -> String {
    let mut sorted: Vec<&Link> = links.iter().collect();
    sorted.sort_by_key(|l| std::cmp::Reverse(l.text.len()));
    let mut out = String::new();
    let mut rest = text;
    'scan: while let Some(c) = rest.chars().next() {
        for l in &sorted {
            if !l.text.is_empty() && rest.starts_with(&l.text) {
                out.push_str(&format!("[{}](#{})", l.text, l.anchor));
                rest = &rest[l.text.len()..];
                continue 'scan;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn write_blocks(out: &mut String, blocks: &[Block], links: &[Link]) {
    for b in blocks {
        match b {
            Block::Paragraph { text } => {
                out.push_str(text);
                out.push_str("\n\n");
            }
            Block::List { items } => {
                for i in items {
                    out.push_str(&format!("- {i}\n"));
                }
                out.push('\n');
            }
            Block::Fields { fields } => {
                for f in fields {
                    out.push_str(&format!("- **{}:** {}\n", f.label, linkify(&f.text, links)));
                }
                out.push('\n');
            }
            Block::Table { head, rows } => {
                let row = |cells: &[String], links: &[Link]| {
                    format!(
                        "| {} |\n",
                        cells
                            .iter()
                            .map(|c| cell(&linkify(c, links)))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                };
                out.push_str(&row(head, &[]));
                out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                for r in rows {
                    out.push_str(&row(r, links));
                }
                out.push('\n');
            }
        }
    }
}

impl Methodology {
    /// The page as Markdown (`docs/methodology.md`). Every section and
    /// entry carries its anchor as `<a id="…"></a>`.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# {}\n\n<!-- Generated by `carestep methodology` from the engine's tables. Do not edit: run `cargo run -p carestep-cli -- methodology > docs/methodology.md`. -->\n\n",
            self.title
        );
        out.push_str("Contents:\n\n");
        for s in &self.sections {
            out.push_str(&format!("- [{}](#{})\n", s.title, s.anchor));
        }
        out.push('\n');
        for s in &self.sections {
            out.push_str(&format!(
                "<a id=\"{}\"></a>\n\n## {}\n\n",
                s.anchor, s.title
            ));
            write_blocks(&mut out, &s.blocks, &self.links);
            for e in &s.entries {
                out.push_str(&format!(
                    "<a id=\"{}\"></a>\n\n### {}\n\n",
                    e.anchor, e.title
                ));
                write_blocks(&mut out, &e.blocks, &self.links);
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }

    /// The page as JSON (pretty-printed), the same content as data.
    pub fn to_json(&self) -> String {
        // Plain structs of strings: serialising cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The section with this anchor.
    pub fn section(&self, anchor: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.anchor == anchor)
    }

    /// The entry with this anchor, in any section.
    pub fn entry(&self, anchor: &str) -> Option<&Entry> {
        self.sections
            .iter()
            .flat_map(|s| &s.entries)
            .find(|e| e.anchor == anchor)
    }
}

impl Block {
    /// The block's text, all of it, for searching.
    pub fn text(&self) -> String {
        match self {
            Block::Paragraph { text } => text.clone(),
            Block::List { items } => items.join("\n"),
            Block::Fields { fields } => fields
                .iter()
                .map(|f| format!("{}: {}", f.label, f.text))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Table { head, rows } => std::iter::once(head)
                .chain(rows)
                .map(|r| r.join(" | "))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// A derived variable by name, for tools that link to one.
pub fn derived(name: &str) -> Option<Derived> {
    Derived::parse(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain names are the instruments' serde names (`snake_case`, `_` as `-`): the
    /// anchors of docs/methodology.md did not change when `serde_json` left this file.
    #[test]
    fn instrument_anchors_are_the_serde_names() {
        for &i in Instrument::ALL {
            let serde_name = serde_json::to_value(i).unwrap();
            let expected = format!(
                "instrument-{}",
                serde_name.as_str().unwrap().replace('_', "-")
            );
            assert_eq!(instrument_anchor(i), expected);
        }
    }
}

/// The page prebuilt: every text of [`methodology`] as static data
/// (`methodology_prebuilt.rs`, generated by [`prebuilt::source`] and committed; a test holds
/// it equal to what the generator writes and [`prebuilt::page`] equal to [`methodology`]
/// for every module set). The widget shows the page from here, so a visitor's browser
/// carries the text but not the generator.
///
/// Only three things depend on the deployment's modules: the "Modules documented" line,
/// each instrument's entry (which depends only on which of *its* modules are asked: every
/// variant is kept), and which sources are listed (those the rules cite, and those the
/// listed instruments' bands cite).
pub mod prebuilt {
    use super::{
        instrument_entry, modules_of, source_entry, Block, Entry, Field, Methodology, Section,
    };
    use crate::ids::{Module, ModuleSet};
    use crate::questionnaire::Instrument;
    use crate::rules::RuleId;
    use crate::sources;
    use crate::MODEL_VERSION;
    use std::fmt::Write;

    // The text is kept as a few long strings rather than one `&str` per cell, which would
    // cost the WebAssembly 8 bytes of pointer and length for each of thousands of pieces.
    // An entry is `anchor US title US body`; entries are separated by GS; a body is one
    // block per line (`\n`), its first character its kind — `P`aragraph, `L`ist,
    // `F`ields, `T`able — and its pieces separated by tabs: list items; label, text,
    // label, text; and table rows (the head first) separated by RS, their cells by tabs.
    // The generator checks that no text holds one of these characters.
    const BLOCK: char = '\n';
    const PIECE: char = '\t';
    const ROW: char = '\u{1e}';
    const FIELD: char = '\u{1f}';
    const NEXT: char = '\u{1d}';

    /// A section: its entries (none for the instruments and the sources, which are chosen
    /// per deployment from [`INSTRUMENTS`] and [`SOURCES`]).
    pub struct S {
        pub anchor: &'static str,
        pub title: &'static str,
        pub body: &'static str,
        pub entries: &'static str,
    }

    /// One variant of an instrument's entry: for the deployments that ask exactly the
    /// modules `asked` (bits, [`ModuleSet::bits`]) of the instrument's modules, with the
    /// sources its bands cite (indexes into `sources::ALL`).
    pub struct V {
        pub asked: u16,
        pub cites: &'static [u8],
        pub entry: &'static str,
    }

    /// An instrument: the bits of all its modules, and its variants.
    pub struct I {
        pub modules: u16,
        pub variants: &'static [V],
    }

    /// A source's entry, and whether a rule cites it (then it is always listed).
    pub struct Src {
        pub by_rules: bool,
        pub entry: &'static str,
    }

    /// The label of the About section's field that names the deployment's modules.
    const MODULES_DOCUMENTED: &str = "Modules documented";

    include!("methodology_prebuilt.rs");

    fn pieces(text: &str) -> Vec<String> {
        if text.is_empty() {
            return Vec::new();
        }
        text.split(PIECE).map(str::to_owned).collect()
    }

    fn blocks(body: &str) -> Vec<Block> {
        let mut out = Vec::new();
        if body.is_empty() {
            return out;
        }
        for line in body.split(BLOCK) {
            let mut chars = line.chars();
            let kind = chars.next();
            let rest = chars.as_str();
            out.push(match kind {
                Some('P') => Block::Paragraph {
                    text: rest.to_owned(),
                },
                Some('L') => Block::List {
                    items: pieces(rest),
                },
                Some('F') => {
                    let ps = pieces(rest);
                    Block::Fields {
                        fields: ps
                            .chunks(2)
                            .map(|pair| Field {
                                label: pair[0].clone(),
                                text: pair.get(1).cloned().unwrap_or_default(),
                            })
                            .collect(),
                    }
                }
                _ => {
                    let mut rows = rest.split(ROW).map(pieces);
                    Block::Table {
                        head: rows.next().unwrap_or_default(),
                        rows: rows.collect(),
                    }
                }
            });
        }
        out
    }

    fn entry(text: &str) -> Entry {
        let mut parts = text.splitn(3, FIELD);
        let anchor = parts.next().unwrap_or_default().to_owned();
        let title = parts.next().unwrap_or_default().to_owned();
        Entry {
            anchor,
            title,
            blocks: blocks(parts.next().unwrap_or_default()),
        }
    }

    /// The page for `modules`, equal to [`methodology`](super::methodology)`(modules)` but
    /// for its `links` (the Markdown's cross-references, left empty).
    pub fn page(modules: &ModuleSet) -> Methodology {
        let mut cited: Vec<bool> = SOURCES.iter().map(|s| s.by_rules).collect();
        let mut instruments = Vec::new();
        for i in INSTRUMENTS {
            let asked = i.modules & modules.bits();
            if asked == 0 {
                continue;
            }
            if let Some(v) = i.variants.iter().find(|v| v.asked == asked) {
                for &k in v.cites {
                    cited[usize::from(k)] = true;
                }
                instruments.push(entry(v.entry));
            }
        }
        let mut titles = Vec::new();
        for m in modules.iter() {
            titles.push(m.title());
        }
        let documented = titles.join("; ");
        let mut sections = Vec::new();
        for s in SECTIONS {
            let mut section = Section {
                anchor: s.anchor.to_owned(),
                title: s.title.to_owned(),
                blocks: blocks(s.body),
                entries: Vec::new(),
            };
            if !s.entries.is_empty() {
                section.entries = s.entries.split(NEXT).map(entry).collect();
            }
            match s.anchor {
                "instruments" => section.entries = std::mem::take(&mut instruments),
                "sources" => {
                    for (src, &c) in SOURCES.iter().zip(&cited) {
                        if c {
                            section.entries.push(entry(src.entry));
                        }
                    }
                }
                _ => {}
            }
            for b in &mut section.blocks {
                if let Block::Fields { fields } = b {
                    for f in fields {
                        if f.label == MODULES_DOCUMENTED {
                            f.text.clone_from(&documented);
                        }
                    }
                }
            }
            sections.push(section);
        }
        Methodology {
            title: TITLE.to_owned(),
            model_version: MODEL_VERSION,
            modules: *modules,
            sections,
            links: Vec::new(),
        }
    }

    /// The Rust source of `methodology_prebuilt.rs`, from [`methodology`](super::methodology)
    /// and the same entry builders.
    pub fn source() -> String {
        let all = super::methodology(&ModuleSet::all());
        let mut out = String::from(
            "// Generated by `carestep_engine::methodology::prebuilt::source()`; do not edit.\n\
             // `UPDATE_EXPECT=1 cargo test -p carestep-engine --test methodology` rewrites it.\n\n",
        );
        let _ = writeln!(
            out,
            "/// The page's title.\npub const TITLE: &str = {:?};\n",
            all.title
        );
        out.push_str("/// The sections, in order.\npub static SECTIONS: &[S] = &[\n");
        for s in &all.sections {
            let mut bs = s.blocks.clone();
            for b in &mut bs {
                if let Block::Fields { fields } = b {
                    for f in fields {
                        if f.label == MODULES_DOCUMENTED {
                            f.text.clear();
                        }
                    }
                }
            }
            let entries: Vec<String> = match s.anchor.as_str() {
                "instruments" | "sources" => Vec::new(),
                _ => s.entries.iter().map(encode_entry).collect(),
            };
            let _ = writeln!(
                out,
                "    S {{\n        anchor: {:?},\n        title: {:?},\n        body: {:?},\n        entries: {:?},\n    }},",
                s.anchor,
                s.title,
                encode_blocks(&bs),
                entries.join(&NEXT.to_string())
            );
        }
        out.push_str("];\n\n");

        let index = |s: &sources::Source| sources::ALL.iter().position(|x| x == s).unwrap();
        out.push_str(
            "/// Every instrument's entries, in `Instrument::ALL` order.\npub static INSTRUMENTS: &[I] = &[\n",
        );
        for &i in Instrument::ALL {
            let mods = modules_of(i);
            let bits = mods.iter().fold(0u16, |b, m| b | m.bit());
            let _ = writeln!(
                out,
                "    I {{\n        modules: {bits},\n        variants: &["
            );
            // Every non-empty subset of the instrument's modules.
            for subset in 1u32..(1 << mods.len()) {
                let ms: Vec<Module> = mods
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| subset & (1 << k) != 0)
                    .map(|(_, &m)| m)
                    .collect();
                let asked = ms.iter().fold(0u16, |b, m| b | m.bit());
                let (e, cites) = instrument_entry(i, &ms);
                let cites: Vec<String> = cites.iter().map(|s| index(s).to_string()).collect();
                let _ = writeln!(
                    out,
                    "            V {{\n                asked: {asked},\n                cites: &[{}],\n                entry: {:?},\n            }},",
                    cites.join(", "),
                    encode_entry(&e)
                );
            }
            out.push_str("        ],\n    },\n");
        }
        out.push_str("];\n\n");

        out.push_str(
            "/// Every source, in `sources::ALL` order.\npub static SOURCES: &[Src] = &[\n",
        );
        for s in sources::ALL {
            let by_rules = RuleId::ALL.iter().any(|r| r.basis().sources.contains(s));
            let _ = writeln!(
                out,
                "    Src {{\n        by_rules: {by_rules},\n        entry: {:?},\n    }},",
                encode_entry(&source_entry(s))
            );
        }
        out.push_str("];\n");
        out
    }

    /// `text`, checked to hold none of the separators.
    fn piece(text: &str) -> &str {
        assert!(
            !text.contains([BLOCK, PIECE, ROW, FIELD, NEXT]),
            "a separator in the methodology's text: {text:?}"
        );
        text
    }

    fn join(texts: &[String]) -> String {
        let texts: Vec<&str> = texts.iter().map(|t| piece(t)).collect();
        texts.join(&PIECE.to_string())
    }

    fn encode_blocks(bs: &[Block]) -> String {
        let lines: Vec<String> = bs
            .iter()
            .map(|b| match b {
                Block::Paragraph { text } => ["P", piece(text)].concat(),
                Block::List { items } => {
                    assert!(!(items.is_empty() || items.len() == 1 && items[0].is_empty()));
                    ["L", &join(items)].concat()
                }
                Block::Fields { fields } => {
                    let ps: Vec<String> = fields
                        .iter()
                        .flat_map(|f| [f.label.clone(), f.text.clone()])
                        .collect();
                    ["F", &join(&ps)].concat()
                }
                Block::Table { head, rows } => {
                    let rows: Vec<String> =
                        std::iter::once(head).chain(rows).map(|r| join(r)).collect();
                    ["T", &rows.join(&ROW.to_string())].concat()
                }
            })
            .collect();
        lines.join(&BLOCK.to_string())
    }

    fn encode_entry(e: &Entry) -> String {
        [piece(&e.anchor), piece(&e.title), &encode_blocks(&e.blocks)].join(&FIELD.to_string())
    }
}
