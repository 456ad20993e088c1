//! The questionnaire as data: every item of every module, with its answer
//! options, scoring codes, module, instrument and skip condition, plus each
//! instrument's intro and attribution line. Instrument items are word for
//! word from the published forms (each instrument's citation is below and on
//! `docs/methodology.md`). The context questions (`ctx.*`) are CareStep's
//! own, not a validated instrument: their wording here is the product's
//! plain-language rewrite (grade 8 or below; checked by
//! `tests/readability/test_ctx.py`) of the model's draft, with its codes and
//! meanings unchanged (`docs/methodology.md#instrument-context`).
//!
//! This is the only place instrument text lives. The widget renders from it,
//! the command-line tool prints it (`carestep questions`), and the flow
//! ([`crate::flow`]) evaluates each item's [`AskedWhen`] condition.
//!
//! Text conventions: instrument item text, stems, intros and option labels are
//! verbatim.
//! Printed form instructions that the software carries out itself (routing
//! such as "If YES:" or "(ask only if …)", and the "(reverse-scored)" scoring
//! note on DAST-10 item 3) are not part of the shown text. `help` holds
//! clarifiers that are ours and never alter the item text.

use serde::{Serialize, Serializer};

use crate::ids::{ItemId, Module};

/// An instrument (a validated questionnaire, or our own questions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Instrument {
    Gate,
    Phq9,
    Gad7,
    K6,
    Asq,
    Cssrs,
    Pcptsd5,
    Mdq,
    Audit,
    NidaSq,
    Dast10,
    Wsas,
    Context,
}

impl Instrument {
    /// Every instrument, in administration order.
    pub const ALL: &'static [Instrument] = &[
        Instrument::Gate,
        Instrument::Phq9,
        Instrument::Gad7,
        Instrument::K6,
        Instrument::Asq,
        Instrument::Cssrs,
        Instrument::Pcptsd5,
        Instrument::Mdq,
        Instrument::Audit,
        Instrument::NidaSq,
        Instrument::Dast10,
        Instrument::Wsas,
        Instrument::Context,
    ];
}

/// What is shown around an instrument's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InstrumentInfo {
    pub id: Instrument,
    /// Short name, e.g. "PHQ-9"; "About you" for the context questions.
    pub name: &'static str,
    /// Verbatim instructions or intro paragraph, where the instrument has one.
    pub intro: Option<&'static str>,
    /// Attribution or copyright line shown on screen and in the summary;
    /// `None` for our own questions.
    pub attribution: Option<&'static str>,
    /// Short citation for the methodology page.
    pub citation: &'static str,
}

/// One answer option: the scoring code and its verbatim label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub code: u8,
    pub label: &'static str,
}

/// How an item is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    /// One of the listed options, shown in this order.
    Choices(&'static [Choice]),
    /// A whole number ≥ 0 with no upper limit (`nida_sq.1`).
    Count,
}

impl AnswerKind {
    /// Whether `value` is a valid answer code for this kind.
    pub fn accepts(&self, value: u64) -> bool {
        match self {
            AnswerKind::Choices(cs) => cs.iter().any(|c| u64::from(c.code) == value),
            AnswerKind::Count => true,
        }
    }
}

impl Serialize for AnswerKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self {
            AnswerKind::Choices(cs) => {
                let mut st = s.serialize_struct("AnswerKind", 2)?;
                st.serialize_field("type", "choices")?;
                st.serialize_field("choices", cs)?;
                st.end()
            }
            AnswerKind::Count => {
                let mut st = s.serialize_struct("AnswerKind", 1)?;
                st.serialize_field("type", "count")?;
                st.end()
            }
        }
    }
}

/// When an item is asked, given the answers to earlier items (the skip
/// logic; `docs/methodology.md` lists each instrument's questions). Module on/off and "C-SSRS replaces
/// ASQ" are decided by [`crate::flow`], not here.
///
/// For the flow, an unanswered earlier item takes its non-branching value:
/// conditional follow-ups are not counted before their trigger is answered,
/// and WHO AUDIT items are counted until a "skip" answer is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AskedWhen {
    Always,
    /// Some listed item has a value ≥ 1 (e.g. phq9.10, pcptsd5.1–5, DAST-10).
    AnyAtLeastOne(&'static [ItemId]),
    /// Some listed item is 1 or was declined (asq.5: a refusal counts as an
    /// ASQ positive, so the acuity question follows).
    AnyYesOrDeclined(&'static [ItemId]),
    /// Not asked when, for some listed group, every item of the group was
    /// answered 0 (WHO AUDIT skips: audit.1 = 0; audit.2 + audit.3 = 0).
    UnlessAllZero(&'static [&'static [ItemId]]),
    /// Asked only when the given item is asked (ctx.sex follows AUDIT-C).
    IfAsked(ItemId),
}

impl AskedWhen {
    /// A short English description, for the questionnaire JSON.
    pub fn describe(&self) -> Option<String> {
        fn list(ids: &[ItemId], sep: &str) -> String {
            ids.iter().map(|i| i.as_str()).collect::<Vec<_>>().join(sep)
        }
        match self {
            AskedWhen::Always => None,
            AskedWhen::AnyAtLeastOne([one]) => Some(format!("{} ≥ 1", one.as_str())),
            AskedWhen::AnyAtLeastOne(ids) => Some(format!("any of {} ≥ 1", list(ids, ", "))),
            AskedWhen::AnyYesOrDeclined(ids) => {
                Some(format!("any of {} is 1 (yes) or declined", list(ids, ", ")))
            }
            AskedWhen::UnlessAllZero(groups) => Some(format!(
                "unless {}",
                groups
                    .iter()
                    .map(|g| match g {
                        [one] => format!("{} = 0", one.as_str()),
                        _ => format!("{} = 0", list(g, " + ")),
                    })
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
            AskedWhen::IfAsked(id) => Some(format!("{} is asked", id.as_str())),
        }
    }
}

impl Serialize for AskedWhen {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.describe() {
            Some(d) => s.serialize_str(&d),
            None => s.serialize_str("always"),
        }
    }
}

/// One question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: ItemId,
    pub module: Module,
    pub instrument: Instrument,
    /// The instrument's stem / time frame shown with the item, verbatim.
    pub stem: Option<&'static str>,
    /// The verbatim item text.
    pub text: &'static str,
    /// Our clarifier, shown as a hint; never alters the item text.
    pub help: Option<&'static str>,
    pub answer: AnswerKind,
    /// Skip logic.
    pub asked_when: AskedWhen,
}

/// Every item of every module in administration order (methodology.md#instruments; `ctx.attempt_3m`
/// right after `asq.4`, methodology.md#instrument-asq). `questionnaire()[id.index()].id == id`.
pub fn questionnaire() -> &'static [Item] {
    &ITEMS
}

/// The item with this id.
pub fn item(id: ItemId) -> &'static Item {
    &ITEMS[id.index()]
}

/// The intro, attribution and citation of an instrument.
pub fn instrument(i: Instrument) -> &'static InstrumentInfo {
    &INSTRUMENTS[i as usize]
}

// ---------------------------------------------------------------------------
// Answer options
// ---------------------------------------------------------------------------

const fn c(code: u8, label: &'static str) -> Choice {
    Choice { code, label }
}

/// PHQ-9 and GAD-7 frequency scale.
const FREQ_2W: &[Choice] = &[
    c(0, "Not at all"),
    c(1, "Several days"),
    c(2, "More than half the days"),
    c(3, "Nearly every day"),
];
/// PHQ-9 item 10; codes 0–3 assigned by the spec.
const DIFFICULTY: &[Choice] = &[
    c(0, "Not difficult at all"),
    c(1, "Somewhat difficult"),
    c(2, "Very difficult"),
    c(3, "Extremely difficult"),
];
/// K6, in the order of the published scale.
const K6_SCALE: &[Choice] = &[
    c(4, "All of the time"),
    c(3, "Most of the time"),
    c(2, "Some of the time"),
    c(1, "A little of the time"),
    c(0, "None of the time"),
];
const YES_NO: &[Choice] = &[c(1, "Yes"), c(0, "No")];
const NO_YES: &[Choice] = &[c(0, "No"), c(1, "Yes")];
const MDQ_PROBLEM: &[Choice] = &[
    c(0, "No problem"),
    c(1, "Minor problem"),
    c(2, "Moderate problem"),
    c(3, "Serious problem"),
];
const AUDIT_1: &[Choice] = &[
    c(0, "Never"),
    c(1, "Monthly or less"),
    c(2, "2 to 4 times a month"),
    c(3, "2 to 3 times a week"),
    c(4, "4 or more times a week"),
];
const AUDIT_2: &[Choice] = &[
    c(0, "1 or 2"),
    c(1, "3 or 4"),
    c(2, "5 or 6"),
    c(3, "7, 8, or 9"),
    c(4, "10 or more"),
];
const AUDIT_FREQ: &[Choice] = &[
    c(0, "Never"),
    c(1, "Less than monthly"),
    c(2, "Monthly"),
    c(3, "Weekly"),
    c(4, "Daily or almost daily"),
];
const AUDIT_INJURY: &[Choice] = &[
    c(0, "No"),
    c(2, "Yes, but not in the last year"),
    c(4, "Yes, during the last year"),
];
/// WSAS 0–8: the form labels the even points only; the number is part of
/// every label so the unlabeled odd points can be chosen.
const WSAS_SCALE: &[Choice] = &[
    c(0, "0 Not at all"),
    c(1, "1"),
    c(2, "2 Slightly"),
    c(3, "3"),
    c(4, "4 Definitely"),
    c(5, "5"),
    c(6, "6 Markedly"),
    c(7, "7"),
    c(8, "8 Very severely"),
];
const ADULT: &[Choice] = &[c(0, "Yes"), c(1, "No")];
// The context questions' options (and their questions below) are CareStep's
// own plain-language wording (issue 14: grade 8 or below, at most about 25
// words a question and 12 an option; `tests/readability/test_ctx.py`), with
// the codes and meanings of the model's draft wording unchanged (the
// codes and options: `docs/methodology.md#instrument-context`).
const HARM_OTHERS: &[Choice] = &[
    c(0, "No"),
    c(1, "Yes, but I would not act on them"),
    c(
        2,
        "Yes, and I might act on them, or I recently attacked someone",
    ),
];
const SELFCARE: &[Choice] = &[
    c(0, "Yes"),
    c(1, "Mostly, but it is a struggle"),
    c(2, "No, I can't do these things without someone else's help"),
];
const HOME_SAFE: &[Choice] = &[
    c(0, "Yes"),
    c(
        1,
        "Mostly, but there's serious conflict, or I may lose my home soon",
    ),
    c(
        2,
        "No. Someone hurts, threatens or controls me, or I have nowhere safe",
    ),
];
const SUPPORT: &[Choice] = &[
    c(0, "Yes, someone I can count on"),
    c(1, "Maybe, but not reliably"),
    c(2, "No, there is no one"),
];
const RECENT_ACUTE: &[Choice] = &[
    c(0, "No"),
    c(
        1,
        "An emergency room or crisis center, and I was not admitted",
    ),
    c(
        2,
        "A stay in a psychiatric hospital, detox or residential treatment",
    ),
];
const TX_STATUS: &[Choice] = &[
    c(0, "No"),
    c(1, "Yes, and it is helping"),
    c(2, "Yes, for 6 weeks or more, but I'm the same or worse"),
];
const WITHDRAWAL: &[Choice] = &[
    c(0, "This doesn't apply to me, or nothing happened"),
    c(
        1,
        "Shakes, sweats, a racing heart, nausea, anxiety or trouble sleeping",
    ),
    c(
        2,
        "A seizure, confusion (DTs), seeing or hearing things, or needing hospital care",
    ),
];
const PSYCHOSIS: &[Choice] = &[
    c(0, "No"),
    c(1, "Yes, but I know what is real and it doesn't control me"),
    c(
        2,
        "Yes: I'm unsure what's real, voices order me, or I can't cope",
    ),
];
const MANIA: &[Choice] = &[
    c(0, "No"),
    c(1, "Yes, but I am still keeping up with my usual tasks"),
    c(
        2,
        "Yes, with serious problems: barely sleeping, reckless acts, or others very worried",
    ),
];
const ATTEND: &[Choice] = &[
    c(0, "Yes"),
    c(
        1,
        "Maybe, with changes like evening or video sessions, childcare or travel help",
    ),
    c(2, "No, I can't attend that many hours"),
];
const ATTEMPT_3M: &[Choice] = &[c(0, "No, longer ago"), c(1, "Yes, in the past 3 months")];
const SEX: &[Choice] = &[
    c(0, "Male"),
    c(1, "Female"),
    c(2, "Another answer / prefer not to say"),
];

// ---------------------------------------------------------------------------
// Stems, intros, help
// ---------------------------------------------------------------------------

const PHQ9_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?";
const GAD7_STEM: &str =
    "Over the last 2 weeks, how often have you been bothered by the following problems?";
const K6_STEM: &str = "During the past 30 days, about how often did you feel…";
const PCPTSD5_STEM: &str = "In the past month, have you:";
const MDQ_STEM: &str =
    "Has there ever been a period of time when you were not your usual self and...";
/// The Columbia screener's column heading for items 1–5.
const CSSRS_STEM: &str = "Past month";

const STANDARD_DRINK: &str = "One drink means one standard drink: a 12 oz can or bottle of beer (about 5% alcohol), a 5 oz glass of wine (about 12%), or a 1.5 oz shot of 80-proof spirits.";
const NIDA_HELP: &str = "\u{201c}Non-medical reasons\u{201d} means for the experience or feeling it caused, or taking more than prescribed. Cannabis (marijuana) counts here, even where it is legal. Enter 0 if never.";

const PHQ_GAD_ATTRIBUTION: &str = "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

// ---------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------

/// The scored PHQ-9 items: the same list the scoring uses.
const PHQ9_1_9: &[ItemId] = &crate::ids::PHQ9_ITEMS;
const ASQ_1_4: &[ItemId] = &[ItemId::Asq1, ItemId::Asq2, ItemId::Asq3, ItemId::Asq4];
const AUDIT_SKIP_2_3: &[&[ItemId]] = &[&[ItemId::Audit1]];
const AUDIT_SKIP_4_8: &[&[ItemId]] = &[&[ItemId::Audit1], &[ItemId::Audit2, ItemId::Audit3]];

const fn it(
    id: ItemId,
    module: Module,
    instrument: Instrument,
    stem: Option<&'static str>,
    text: &'static str,
    choices: &'static [Choice],
) -> Item {
    Item {
        id,
        module,
        instrument,
        stem,
        text,
        help: None,
        answer: AnswerKind::Choices(choices),
        asked_when: AskedWhen::Always,
    }
}

const fn help(mut i: Item, h: &'static str) -> Item {
    i.help = Some(h);
    i
}

const fn when(mut i: Item, w: AskedWhen) -> Item {
    i.asked_when = w;
    i
}

const fn phq(id: ItemId, text: &'static str) -> Item {
    it(
        id,
        Module::Depression,
        Instrument::Phq9,
        Some(PHQ9_STEM),
        text,
        FREQ_2W,
    )
}
const fn gad(id: ItemId, text: &'static str) -> Item {
    it(
        id,
        Module::Anxiety,
        Instrument::Gad7,
        Some(GAD7_STEM),
        text,
        FREQ_2W,
    )
}
const fn k6(id: ItemId, text: &'static str) -> Item {
    it(
        id,
        Module::Distress,
        Instrument::K6,
        Some(K6_STEM),
        text,
        K6_SCALE,
    )
}
const fn asq(id: ItemId, text: &'static str) -> Item {
    it(id, Module::SuicideAsq, Instrument::Asq, None, text, YES_NO)
}
const fn cssrs(id: ItemId, stem: Option<&'static str>, text: &'static str) -> Item {
    it(
        id,
        Module::SuicideCssrs,
        Instrument::Cssrs,
        stem,
        text,
        YES_NO,
    )
}
const fn ptsd(id: ItemId, text: &'static str) -> Item {
    when(
        it(
            id,
            Module::Trauma,
            Instrument::Pcptsd5,
            Some(PCPTSD5_STEM),
            text,
            YES_NO,
        ),
        AskedWhen::AnyAtLeastOne(&[ItemId::Pcptsd5_0]),
    )
}
const fn mdq1(id: ItemId, text: &'static str) -> Item {
    it(
        id,
        Module::Bipolar,
        Instrument::Mdq,
        Some(MDQ_STEM),
        text,
        YES_NO,
    )
}
const fn audit_full(
    id: ItemId,
    text: &'static str,
    choices: &'static [Choice],
    w: AskedWhen,
) -> Item {
    when(
        it(
            id,
            Module::AlcoholFull,
            Instrument::Audit,
            None,
            text,
            choices,
        ),
        w,
    )
}
const fn dast(id: ItemId, text: &'static str) -> Item {
    when(
        it(id, Module::Dast10, Instrument::Dast10, None, text, YES_NO),
        AskedWhen::AnyAtLeastOne(&[ItemId::NidaSq1]),
    )
}
const fn wsas(id: ItemId, text: &'static str) -> Item {
    it(
        id,
        Module::Functioning,
        Instrument::Wsas,
        None,
        text,
        WSAS_SCALE,
    )
}
const fn ctx(id: ItemId, text: &'static str, choices: &'static [Choice]) -> Item {
    it(
        id,
        Module::Context,
        Instrument::Context,
        None,
        text,
        choices,
    )
}

static ITEMS: [Item; ItemId::COUNT] = [
    // Gate (methodology.md#instrument-context)
    it(ItemId::CtxAdult, Module::Gate, Instrument::Gate, None,
        "Are you 18 years of age or older?", ADULT),
    help(
        it(ItemId::CtxEmergency, Module::Gate, Instrument::Gate, None,
            "Are you in danger right now? For example, are you about to act on thoughts of suicide or of hurting someone?",
            NO_YES),
        "Also answer yes if you took an overdose or something to hurt yourself. Or if you need urgent medical help.",
    ),
    // PHQ-9 (methodology.md#instrument-phq9)
    phq(ItemId::Phq9_1, "Little interest or pleasure in doing things"),
    phq(ItemId::Phq9_2, "Feeling down, depressed, or hopeless"),
    phq(ItemId::Phq9_3, "Trouble falling or staying asleep, or sleeping too much"),
    phq(ItemId::Phq9_4, "Feeling tired or having little energy"),
    phq(ItemId::Phq9_5, "Poor appetite or overeating"),
    phq(ItemId::Phq9_6, "Feeling bad about yourself — or that you are a failure or have let yourself or your family down"),
    phq(ItemId::Phq9_7, "Trouble concentrating on things, such as reading the newspaper or watching television"),
    phq(ItemId::Phq9_8, "Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual"),
    phq(ItemId::Phq9_9, "Thoughts that you would be better off dead or of hurting yourself in some way"),
    when(
        it(ItemId::Phq9_10, Module::Depression, Instrument::Phq9, None,
            "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
            DIFFICULTY),
        AskedWhen::AnyAtLeastOne(PHQ9_1_9),
    ),
    // GAD-7 (methodology.md#instrument-gad7)
    gad(ItemId::Gad7_1, "Feeling nervous, anxious, or on edge"),
    gad(ItemId::Gad7_2, "Not being able to stop or control worrying"),
    gad(ItemId::Gad7_3, "Worrying too much about different things"),
    gad(ItemId::Gad7_4, "Trouble relaxing"),
    gad(ItemId::Gad7_5, "Being so restless that it is hard to sit still"),
    gad(ItemId::Gad7_6, "Becoming easily annoyed or irritable"),
    gad(ItemId::Gad7_7, "Feeling afraid, as if something awful might happen"),
    // K6 (methodology.md#instrument-k6)
    k6(ItemId::K6_1, "…nervous?"),
    k6(ItemId::K6_2, "…hopeless?"),
    k6(ItemId::K6_3, "…restless or fidgety?"),
    k6(ItemId::K6_4, "…so depressed that nothing could cheer you up?"),
    k6(ItemId::K6_5, "…that everything was an effort?"),
    k6(ItemId::K6_6, "…worthless?"),
    // ASQ (methodology.md#instrument-asq) with ctx.attempt_3m right after asq.4 (methodology.md#instrument-asq)
    asq(ItemId::Asq1, "In the past few weeks, have you wished you were dead?"),
    asq(ItemId::Asq2, "In the past few weeks, have you felt that you or your family would be better off if you were dead?"),
    asq(ItemId::Asq3, "In the past week, have you been having thoughts about killing yourself?"),
    help(
        asq(ItemId::Asq4, "Have you ever tried to kill yourself? If yes, how? When?"),
        "Answer yes or no here. You don't need to write down how or when; a clinician can talk about it with you.",
    ),
    when(
        it(ItemId::CtxAttempt3m, Module::SuicideAsq, Instrument::Context, None,
            "Was the most recent time in the past 3 months?", ATTEMPT_3M),
        AskedWhen::AnyAtLeastOne(&[ItemId::Asq4]),
    ),
    when(
        asq(ItemId::Asq5, "Are you having thoughts of killing yourself right now?"),
        AskedWhen::AnyYesOrDeclined(ASQ_1_4),
    ),
    // C-SSRS screener, recent (methodology.md#instrument-cssrs)
    cssrs(ItemId::Cssrs1, Some(CSSRS_STEM),
        "Have you wished you were dead or wished you could go to sleep and not wake up?"),
    cssrs(ItemId::Cssrs2, Some(CSSRS_STEM),
        "Have you actually had any thoughts of killing yourself?"),
    help(
        when(
            cssrs(ItemId::Cssrs3, Some(CSSRS_STEM), "Have you been thinking about how you might do this?"),
            AskedWhen::AnyAtLeastOne(&[ItemId::Cssrs2]),
        ),
        // The printed form is quoted only this far; nothing is
        // added to the quotation.
        "For example: \u{201c}I thought about taking an overdose but I never made a specific plan\u{2026}\u{201d}",
    ),
    help(
        when(
            cssrs(ItemId::Cssrs4, Some(CSSRS_STEM), "Have you had these thoughts and had some intention of acting on them?"),
            AskedWhen::AnyAtLeastOne(&[ItemId::Cssrs2]),
        ),
        "As opposed to \u{201c}I have the thoughts but I definitely will not do anything about them\u{201d}",
    ),
    when(
        cssrs(ItemId::Cssrs5, Some(CSSRS_STEM),
            "Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?"),
        AskedWhen::AnyAtLeastOne(&[ItemId::Cssrs2]),
    ),
    help(
        cssrs(ItemId::Cssrs6, None,
            "Have you ever done anything, started to do anything, or prepared to do anything to end your life?"),
        "Examples: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc.",
    ),
    when(
        cssrs(ItemId::Cssrs6b, None, "Was this within the past 3 months?"),
        AskedWhen::AnyAtLeastOne(&[ItemId::Cssrs6]),
    ),
    // PC-PTSD-5 (methodology.md#instrument-pcptsd5); the intro is on the instrument
    it(ItemId::Pcptsd5_0, Module::Trauma, Instrument::Pcptsd5, None,
        "Have you ever experienced this kind of event?", NO_YES),
    ptsd(ItemId::Pcptsd5_1, "Had nightmares about the event(s) or thought about the event(s) when you did not want to?"),
    ptsd(ItemId::Pcptsd5_2, "Tried hard not to think about the event(s) or went out of your way to avoid situations that reminded you of the event(s)?"),
    ptsd(ItemId::Pcptsd5_3, "Been constantly on guard, watchful, or easily startled?"),
    ptsd(ItemId::Pcptsd5_4, "Felt numb or detached from people, activities, or your surroundings?"),
    ptsd(ItemId::Pcptsd5_5, "Felt guilty or unable to stop blaming yourself or others for the event(s) or any problems the event(s) may have caused?"),
    // MDQ (methodology.md#instrument-mdq)
    mdq1(ItemId::Mdq1a, "…felt so good or so hyper that other people thought you were not your normal self or you were so hyper that you got into trouble?"),
    mdq1(ItemId::Mdq1b, "…were so irritable that you shouted at people or started fights or arguments?"),
    mdq1(ItemId::Mdq1c, "…felt much more self-confident than usual?"),
    mdq1(ItemId::Mdq1d, "…got much less sleep than usual and found you didn't really miss it?"),
    mdq1(ItemId::Mdq1e, "…were much more talkative or spoke much faster than usual?"),
    mdq1(ItemId::Mdq1f, "…thoughts raced through your head or you couldn't slow your mind down?"),
    mdq1(ItemId::Mdq1g, "…were so easily distracted by things around you that you had trouble concentrating or staying on track?"),
    mdq1(ItemId::Mdq1h, "…had much more energy than usual?"),
    mdq1(ItemId::Mdq1i, "…were much more active or did many more things than usual?"),
    mdq1(ItemId::Mdq1j, "…were much more social or outgoing than usual, for example, you telephoned friends in the middle of the night?"),
    mdq1(ItemId::Mdq1k, "…were much more interested in sex than usual?"),
    mdq1(ItemId::Mdq1l, "…did things that were unusual for you or that other people might have thought were excessive, foolish, or risky?"),
    mdq1(ItemId::Mdq1m, "…spending money got you or your family into trouble?"),
    it(ItemId::Mdq2, Module::Bipolar, Instrument::Mdq, None,
        "If you checked YES to more than one of the above, have several of these ever happened during the same period of time?",
        YES_NO),
    it(ItemId::Mdq3, Module::Bipolar, Instrument::Mdq, None,
        "How much of a problem did any of these cause you — like being unable to work; having family, money or legal troubles; getting into arguments or fights?",
        MDQ_PROBLEM),
    // AUDIT (methodology.md#instrument-audit): items 1–3 are AUDIT-C, 4–10 the full AUDIT; WHO skips
    help(
        it(ItemId::Audit1, Module::Alcohol, Instrument::Audit, None,
            "How often do you have a drink containing alcohol?", AUDIT_1),
        STANDARD_DRINK,
    ),
    help(
        when(
            it(ItemId::Audit2, Module::Alcohol, Instrument::Audit, None,
                "How many drinks containing alcohol do you have on a typical day when you are drinking?",
                AUDIT_2),
            AskedWhen::UnlessAllZero(AUDIT_SKIP_2_3),
        ),
        STANDARD_DRINK,
    ),
    help(
        when(
            it(ItemId::Audit3, Module::Alcohol, Instrument::Audit, None,
                "How often do you have six or more drinks on one occasion?", AUDIT_FREQ),
            AskedWhen::UnlessAllZero(AUDIT_SKIP_2_3),
        ),
        STANDARD_DRINK,
    ),
    audit_full(ItemId::Audit4, "How often during the last year have you found that you were not able to stop drinking once you had started?", AUDIT_FREQ, AskedWhen::UnlessAllZero(AUDIT_SKIP_4_8)),
    audit_full(ItemId::Audit5, "How often during the last year have you failed to do what was normally expected from you because of drinking?", AUDIT_FREQ, AskedWhen::UnlessAllZero(AUDIT_SKIP_4_8)),
    audit_full(ItemId::Audit6, "How often during the last year have you needed a first drink in the morning to get yourself going after a heavy drinking session?", AUDIT_FREQ, AskedWhen::UnlessAllZero(AUDIT_SKIP_4_8)),
    audit_full(ItemId::Audit7, "How often during the last year have you had a feeling of guilt or remorse after drinking?", AUDIT_FREQ, AskedWhen::UnlessAllZero(AUDIT_SKIP_4_8)),
    audit_full(ItemId::Audit8, "How often during the last year have you been unable to remember what happened the night before because you had been drinking?", AUDIT_FREQ, AskedWhen::UnlessAllZero(AUDIT_SKIP_4_8)),
    audit_full(ItemId::Audit9, "Have you or someone else been injured as a result of your drinking?", AUDIT_INJURY, AskedWhen::Always),
    audit_full(ItemId::Audit10, "Has a relative or friend or a doctor or another health worker been concerned about your drinking or suggested you cut down?", AUDIT_INJURY, AskedWhen::Always),
    // NIDA single question (methodology.md#instrument-nida-sq)
    Item {
        id: ItemId::NidaSq1,
        module: Module::Drugs,
        instrument: Instrument::NidaSq,
        stem: None,
        text: "How many times in the past year have you used an illegal drug or used a prescription medication for non-medical reasons?",
        help: Some(NIDA_HELP),
        answer: AnswerKind::Count,
        asked_when: AskedWhen::Always,
    },
    // DAST-10 (methodology.md#instrument-dast10); instructions are on the instrument
    dast(ItemId::Dast10_1, "Have you used drugs other than those required for medical reasons?"),
    dast(ItemId::Dast10_2, "Do you abuse more than one drug at a time?"),
    dast(ItemId::Dast10_3, "Are you always able to stop using drugs when you want to?"),
    dast(ItemId::Dast10_4, "Have you had \"blackouts\" or \"flashbacks\" as a result of drug use?"),
    dast(ItemId::Dast10_5, "Do you ever feel bad or guilty about your drug use?"),
    dast(ItemId::Dast10_6, "Does your spouse (or parents) ever complain about your involvement with drugs?"),
    dast(ItemId::Dast10_7, "Have you neglected your family because of your use of drugs?"),
    dast(ItemId::Dast10_8, "Have you engaged in illegal activities in order to obtain drugs?"),
    dast(ItemId::Dast10_9, "Have you ever experienced withdrawal symptoms (felt sick) when you stopped taking drugs?"),
    dast(ItemId::Dast10_10, "Have you had medical problems as a result of your drug use (e.g., memory loss, hepatitis, convulsions, bleeding, etc.)?"),
    // WSAS (methodology.md#instrument-wsas); "[problem]" replaced by the wording the spec names
    help(
        wsas(ItemId::Wsas1, "Because of my emotional, mental health, or alcohol/drug problems my ability to work is impaired. '0' means 'not at all impaired' and '8' means very severely impaired to the point I can't work."),
        "If you're retired or choose not to have a job for reasons unrelated to your problem, skip this question.",
    ),
    wsas(ItemId::Wsas2, "Because of my emotional, mental health, or alcohol/drug problems my home management (cleaning, tidying, shopping, cooking, looking after home or children, paying bills) is impaired."),
    wsas(ItemId::Wsas3, "Because of my emotional, mental health, or alcohol/drug problems my social leisure activities (with other people e.g. parties, bars, clubs, outings, visits, dating, home entertaining) are impaired."),
    wsas(ItemId::Wsas4, "Because of my emotional, mental health, or alcohol/drug problems, my private leisure activities (done alone, such as reading, gardening, collecting, sewing, walking alone) are impaired."),
    wsas(ItemId::Wsas5, "Because of my emotional, mental health, or alcohol/drug problems, my ability to form and maintain close relationships with others, including those I live with, is impaired."),
    // Context (methodology.md#instrument-context)
    ctx(ItemId::CtxHarmOthers, "In the past month, have you had thoughts of seriously hurting or killing another person?", HARM_OTHERS),
    ctx(ItemId::CtxSelfcare, "Right now, can you take care of your basic needs? Like eating and drinking enough, keeping clean, taking needed medicines and staying physically safe?", SELFCARE),
    ctx(ItemId::CtxHomeSafe, "Do you feel safe where you are living right now?", HOME_SAFE),
    ctx(ItemId::CtxSupport, "If things got harder, is there someone you trust who could check on you, help with everyday needs, or get you to appointments?", SUPPORT),
    help(
        ctx(ItemId::CtxRecentAcute, "In the past 30 days, have you been to one of these for mental health, alcohol or drug reasons?", RECENT_ACUTE),
        "If both, choose the last option.",
    ),
    ctx(ItemId::CtxTxStatus, "Are you getting treatment now for mental health, alcohol or drug use? For example, therapy, counseling or medicine.", TX_STATUS),
    ctx(ItemId::CtxWithdrawal, "In the past year, did you cut down or stop alcohol, sleeping pills or sedatives (like Xanax or Valium), or opioids? If so, what happened?", WITHDRAWAL),
    help(
        ctx(ItemId::CtxPsychosis, "In the past month, have you seen or heard things others couldn't? Or believed people were plotting against you or controlling your thoughts?", PSYCHOSIS),
        "Also answer yes if you believed people or things were sending you secret messages.",
    ),
    help(
        ctx(ItemId::CtxMania, "In the past 2 weeks, have you felt unusually \"high\", wired or irritable for days, with less need for sleep, racing thoughts or risky behavior?", MANIA),
        "Reckless acts are things that could seriously harm you or others, like spending, driving or sex.",
    ),
    ctx(ItemId::CtxAttend, "Intensive programs meet about 3 hours a day, 3 or more days a week, in person or by video. If suggested, could you take part?", ATTEND),
    help(
        when(
            ctx(ItemId::CtxSex, "What sex were you assigned at birth?", SEX),
            AskedWhen::IfAsked(ItemId::Audit1),
        ),
        "We use this only to read your answers about alcohol (AUDIT-C). You can skip this question.",
    ),
];

static INSTRUMENTS: [InstrumentInfo; 13] = [
    InstrumentInfo {
        id: Instrument::Gate,
        name: "Before you start",
        intro: None,
        attribution: None,
        citation: "Questions written for CareStep, not a validated instrument; their codes and meanings are in docs/methodology.md.",
    },
    InstrumentInfo {
        id: Instrument::Phq9,
        name: "PHQ-9",
        intro: None,
        attribution: Some(PHQ_GAD_ATTRIBUTION),
        citation: "Kroenke K, Spitzer RL, Williams JBW. The PHQ-9. J Gen Intern Med 2001;16:606–613.",
    },
    InstrumentInfo {
        id: Instrument::Gad7,
        name: "GAD-7",
        intro: None,
        attribution: Some(PHQ_GAD_ATTRIBUTION),
        citation: "Spitzer RL, Kroenke K, Williams JBW, Löwe B. The GAD-7. Arch Intern Med 2006;166:1092–1097.",
    },
    InstrumentInfo {
        id: Instrument::K6,
        name: "K6",
        intro: None,
        attribution: Some("© World Health Organization 2003. Kessler RC et al. Psychol Med 2002;32:959–976."),
        citation: "Kessler RC et al. Psychol Med 2002;32:959–976; Kessler RC et al. Arch Gen Psychiatry 2003;60:184–189.",
    },
    InstrumentInfo {
        id: Instrument::Asq,
        name: "ASQ",
        intro: None,
        attribution: Some("Ask Suicide-Screening Questions (ASQ), National Institute of Mental Health (NIMH): a free resource."),
        citation: "NIMH ASQ toolkit (nimh.nih.gov/labs-at-nimh/asq-toolkit-materials); Horowitz LM et al. Psychosomatics 2020;61:713–722.",
    },
    InstrumentInfo {
        id: Instrument::Cssrs,
        name: "C-SSRS Screener",
        intro: None,
        attribution: Some("C-SSRS Screener © 2008 The Research Foundation for Mental Hygiene, Inc. (Columbia Lighthouse Project). Used with permission."),
        citation: "Posner K et al. Am J Psychiatry 2011;168:1266–1277; Columbia Lighthouse Project, Clinical Triage and Workflow Guidelines for the C-SSRS.",
    },
    InstrumentInfo {
        id: Instrument::Pcptsd5,
        name: "PC-PTSD-5",
        intro: Some("Sometimes things happen to people that are unusually or especially frightening, horrible, or traumatic. For example: a serious accident or fire; a physical or sexual assault or abuse; an earthquake or flood; a war; seeing someone be killed or seriously injured; having a loved one die through homicide or suicide."),
        attribution: Some("Primary Care PTSD Screen for DSM-5 (PC-PTSD-5): Prins A et al., National Center for PTSD, U.S. Department of Veterans Affairs."),
        citation: "Prins A et al. J Gen Intern Med 2016;31:1206–1211; Bovin MJ et al. JAMA Netw Open 2021;4:e2036733.",
    },
    InstrumentInfo {
        id: Instrument::Mdq,
        name: "MDQ",
        intro: None,
        attribution: Some("Mood Disorder Questionnaire © Robert M. A. Hirschfeld, MD. Used with permission."),
        citation: "Hirschfeld RMA et al. Am J Psychiatry 2000;157:1873–1875.",
    },
    InstrumentInfo {
        id: Instrument::Audit,
        name: "AUDIT",
        intro: None,
        attribution: Some("AUDIT © World Health Organization 2001 (Babor TF et al., WHO/MSD/MSB/01.6a). AUDIT-C (items 1–3): Bush K et al., Arch Intern Med 1998."),
        citation: "Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT, 2nd ed. WHO/MSD/MSB/01.6a, 2001; Bush K et al. Arch Intern Med 1998;158:1789–1795; Bradley KA et al. Arch Intern Med 2003;163:821–829.",
    },
    InstrumentInfo {
        id: Instrument::NidaSq,
        name: "Single-question drug screen",
        intro: None,
        attribution: Some("Single-question drug screen: Smith PC, Schmidt SM, Allensworth-Davies D, Saitz R (NIDA-funded), Arch Intern Med 2010."),
        citation: "Smith PC et al. A single-question screening test for drug use in primary care. Arch Intern Med 2010;170:1155–1160.",
    },
    InstrumentInfo {
        id: Instrument::Dast10,
        name: "DAST-10",
        intro: Some("The following questions concern information about your possible involvement with drugs not including alcoholic beverages during the past 12 months… 'Drug abuse' refers to (1) the use of prescribed or over-the-counter drugs in excess of the directions, and (2) any non-medical use of drugs. The various classes of drugs may include cannabis (marijuana, hashish), solvents (e.g., paint thinner), tranquilizers (e.g., Valium), barbiturates, cocaine, stimulants (e.g., speed), hallucinogens (e.g., LSD) or narcotics (e.g., heroin). Remember that the questions do not include alcoholic beverages. Please answer every question. If you have difficulty with a statement, then choose the response that is mostly right."),
        attribution: Some("DAST-10 © 1982 Harvey A. Skinner and the Centre for Addiction and Mental Health (CAMH), Toronto. Used with permission."),
        citation: "Skinner HA. The Drug Abuse Screening Test. Addict Behav 1982;7:363–371.",
    },
    InstrumentInfo {
        id: Instrument::Wsas,
        name: "WSAS",
        intro: Some("People's problems sometimes affect their ability to do certain day-to-day tasks in their lives. To rate your problems look at each section and determine on the scale provided how much your problem impairs your ability to carry out the activity."),
        attribution: Some("Work and Social Adjustment Scale © Isaac M. Marks. Reproduced with permission."),
        citation: "Mundt JC, Marks IM, Shear MK, Greist JH. The Work and Social Adjustment Scale. Br J Psychiatry 2002;180:461–464.",
    },
    InstrumentInfo {
        id: Instrument::Context,
        name: "About you",
        intro: None,
        attribution: None,
        citation: "Questions written for CareStep, not a validated instrument; their codes and meanings are in docs/methodology.md.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The C-SSRS clinician probes shown as help text are the form's words,
    /// nothing more (written out here again from the printed screener; only
    /// the lead-in and typographic quotes are ours).
    #[test]
    fn cssrs_help_is_the_spec_text() {
        let cases = [
            (ItemId::Cssrs1, None),
            (ItemId::Cssrs2, None),
            (
                ItemId::Cssrs3,
                Some("For example: \u{201c}I thought about taking an overdose but I never made a specific plan\u{2026}\u{201d}"),
            ),
            (
                ItemId::Cssrs4,
                Some("As opposed to \u{201c}I have the thoughts but I definitely will not do anything about them\u{201d}"),
            ),
            (ItemId::Cssrs5, None),
            (
                ItemId::Cssrs6,
                Some("Examples: collected pills, obtained a gun, gave away valuables, wrote a will or suicide note, took out pills but didn't swallow any, held a gun but changed your mind or it was grabbed from your hand, went to the roof but didn't jump; or actually took pills, tried to shoot yourself, cut yourself, tried to hang yourself, etc."),
            ),
            (ItemId::Cssrs6b, None),
        ];
        for (id, want) in cases {
            assert_eq!(item(id).help, want, "{id}");
        }
    }

    #[test]
    fn items_are_indexed_by_id() {
        for (i, item) in questionnaire().iter().enumerate() {
            assert_eq!(item.id.index(), i, "{}", item.id);
        }
        for (i, info) in INSTRUMENTS.iter().enumerate() {
            assert_eq!(info.id as usize, i);
        }
    }

    #[test]
    fn choice_codes_are_unique_per_item() {
        for item in questionnaire() {
            if let AnswerKind::Choices(cs) = item.answer {
                let mut codes: Vec<u8> = cs.iter().map(|c| c.code).collect();
                codes.sort();
                codes.dedup();
                assert_eq!(codes.len(), cs.len(), "{}", item.id);
            }
        }
    }

    #[test]
    fn skip_conditions_only_look_back() {
        // The flow evaluates conditions in one forward pass, so every item a
        // condition depends on must come earlier in administration order.
        for item in questionnaire() {
            let deps: Vec<ItemId> = match item.asked_when {
                AskedWhen::Always => vec![],
                AskedWhen::AnyAtLeastOne(ids) | AskedWhen::AnyYesOrDeclined(ids) => ids.to_vec(),
                AskedWhen::UnlessAllZero(gs) => gs.iter().flat_map(|g| g.iter().copied()).collect(),
                AskedWhen::IfAsked(id) => vec![id],
            };
            for d in deps {
                assert!(d < item.id, "{} depends on later {}", item.id, d);
            }
        }
    }
}
