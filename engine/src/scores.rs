//! Instrument totals and bands (`docs/methodology.md#instruments`), the
//! `scores` of the output, and declined answers
//! (`docs/methodology.md#declined-and-missing`).
//!
//! Each band function is the single place its cut-offs live. An instrument is
//! scored only when at least one of its items is present in the answers
//! (answered or declined); otherwise its entry is absent from the output.

use serde::{Deserialize, Serialize};

use crate::answers::{Answers, Response};
use crate::ids::{
    ItemId, ASQ_ITEMS, AUDITC_ITEMS, AUDIT_FULL_ITEMS, CSSRS_ITEMS, DAST10_ITEMS, GAD7_ITEMS,
    K6_ITEMS, MDQ1_ITEMS, PCPTSD5_SYMPTOMS, PHQ9_ITEMS, WSAS_ITEMS,
};
use crate::rules::ScoreKind;
use crate::sources::Source;

/// PHQ-9 severity (Kroenke 2001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phq9Band {
    Minimal,
    Mild,
    Moderate,
    ModeratelySevere,
    Severe,
}

impl Phq9Band {
    /// 0–4 minimal, 5–9 mild, 10–14 moderate, 15–19 moderately severe, 20–27 severe.
    pub fn of(total: u32) -> Self {
        match total {
            0..=4 => Phq9Band::Minimal,
            5..=9 => Phq9Band::Mild,
            10..=14 => Phq9Band::Moderate,
            15..=19 => Phq9Band::ModeratelySevere,
            _ => Phq9Band::Severe,
        }
    }
}

/// GAD-7 severity (Spitzer 2006).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gad7Band {
    Minimal,
    Mild,
    Moderate,
    Severe,
}

impl Gad7Band {
    /// 0–4 minimal, 5–9 mild, 10–14 moderate, 15–21 severe.
    pub fn of(total: u32) -> Self {
        match total {
            0..=4 => Gad7Band::Minimal,
            5..=9 => Gad7Band::Mild,
            10..=14 => Gad7Band::Moderate,
            _ => Gad7Band::Severe,
        }
    }
}

/// A two-way screen result (PHQ-2, GAD-2, AUDIT-C, NIDA single question, MDQ).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScreenBand {
    Negative,
    Positive,
}

impl ScreenBand {
    fn from_bool(positive: bool) -> Self {
        if positive {
            ScreenBand::Positive
        } else {
            ScreenBand::Negative
        }
    }

    /// PHQ-2 and GAD-2: positive at ≥ 3.
    pub fn two_item(total: u32) -> Self {
        Self::from_bool(total >= 3)
    }

    /// AUDIT-C: positive at ≥ 4 when `ctx.sex` = 0 (male), otherwise at ≥ 3
    /// (the female threshold, also used when sex is not given, methodology.md#instrument-audit).
    pub fn auditc(total: u32, sex: Option<u64>) -> Self {
        let cut = if sex == Some(0) { 4 } else { 3 };
        Self::from_bool(total >= cut)
    }

    /// NIDA single question: positive at ≥ 1 time.
    pub fn nida(count: u64) -> Self {
        Self::from_bool(count >= 1)
    }
}

/// PC-PTSD-5: 0–2 negative, 3 possible, 4–5 positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pcptsd5Band {
    Negative,
    Possible,
    Positive,
}

impl Pcptsd5Band {
    pub fn of(total: u32) -> Self {
        match total {
            0..=2 => Pcptsd5Band::Negative,
            3 => Pcptsd5Band::Possible,
            _ => Pcptsd5Band::Positive,
        }
    }
}

/// WHO AUDIT risk zones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AuditZone {
    #[serde(rename = "zone_I")]
    ZoneI,
    #[serde(rename = "zone_II")]
    ZoneII,
    #[serde(rename = "zone_III")]
    ZoneIII,
    #[serde(rename = "zone_IV")]
    ZoneIV,
}

impl AuditZone {
    /// 0–7 zone I, 8–15 zone II, 16–19 zone III, 20–40 zone IV.
    pub fn of(total: u32) -> Self {
        match total {
            0..=7 => AuditZone::ZoneI,
            8..=15 => AuditZone::ZoneII,
            16..=19 => AuditZone::ZoneIII,
            _ => AuditZone::ZoneIV,
        }
    }
}

/// DAST-10 levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dast10Band {
    None,
    Low,
    Moderate,
    Substantial,
    Severe,
}

impl Dast10Band {
    /// 0 none, 1–2 low, 3–5 moderate, 6–8 substantial, 9–10 severe.
    pub fn of(total: u32) -> Self {
        match total {
            0 => Dast10Band::None,
            1..=2 => Dast10Band::Low,
            3..=5 => Dast10Band::Moderate,
            6..=8 => Dast10Band::Substantial,
            _ => Dast10Band::Severe,
        }
    }
}

/// ASQ result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AsqBand {
    Negative,
    NonAcutePositive,
    AcutePositive,
}

/// C-SSRS screener risk tier (methodology.md#instrument-cssrs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CssrsBand {
    None,
    Low,
    Moderate,
    High,
}

/// WSAS interpretation (Mundt 2002).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WsasBand {
    Subclinical,
    SignificantImpairment,
    ModeratelySevereOrWorse,
}

impl WsasBand {
    /// Below 10 subclinical, 10–20 significant impairment, above 20
    /// moderately severe or worse.
    pub fn of(total: u32) -> Self {
        match total {
            0..=9 => WsasBand::Subclinical,
            10..=20 => WsasBand::SignificantImpairment,
            _ => WsasBand::ModeratelySevereOrWorse,
        }
    }
}

/// K6 distress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum K6Band {
    Low,
    ModerateDistress,
    SeriousPsychologicalDistress,
}

impl K6Band {
    /// 0–4 low, 5–12 moderate distress, ≥ 13 serious psychological distress.
    pub fn of(total: u32) -> Self {
        match total {
            0..=4 => K6Band::Low,
            5..=12 => K6Band::ModerateDistress,
            _ => K6Band::SeriousPsychologicalDistress,
        }
    }
}

/// How declined and missing answers count, in words (the methodology
/// page's "Declined and missing answers"); the code is [`score`] and, for
/// the rules, `Part::holds` in `rules.rs`.
pub const DECLINED_AND_MISSING: &[&str] = &[
    "A question that was not asked (its module is off, or the skip logic passed it) has no answer. An instrument none of whose questions was asked has no score and is left out of the result.",
    "A declined question was asked and the person chose not to answer. A declined or missing answer never fires a rule by itself, except on the suicide screen (below).",
    "PHQ-9 (items 1–9) and GAD-7: with one item declined or missing, the total is the sum of the answered items, marked incomplete; with more than one, there is no total and band, and no rule that reads the total fires. PHQ-2 and GAD-2 are left out when item 1 or 2 has no answer.",
    "Every other instrument: a declined item scores 0, and the total and band are reported. A declined nida_sq.1 is reported negative. Questions the WHO AUDIT skip rules pass over score 0.",
    "Suicide screen: declining any ASQ question makes the ASQ screen positive (non-acute), as the NIMH scoring says a refusal is a positive screen; declining asq.5 does not make it acute. Declining any ASQ or C-SSRS question fires O12 (outpatient and same-day clinician contact).",
    "Context questions: a declined ctx.* question fires nothing; a declined ctx.adult is not out of scope, and a declined ctx.attempt_3m fires nothing. A declined phq9.9 gives neither O9 nor suicide_screen_required.",
    "An answer that is present always counts, even where the skip logic would not have asked it.",
    "Counting declined answers as no evidence (rather than as the worst answer) is a design choice awaiting clinical sign-off, except on the suicide screen, where the published ASQ scoring treats a refusal as positive.",
];

/// A total and its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TotalScore<B> {
    pub total: u32,
    pub band: B,
}

/// PHQ-9 / GAD-7: with one item declined the total of the answered items is
/// reported with `complete: false`; with more, only `{"complete": false}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct CompletableScore<B> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<B>,
    pub complete: bool,
}

/// A band without a total (NIDA single question, ASQ, C-SSRS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct BandScore<B> {
    pub band: B,
}

/// MDQ: the number of "yes" answers to item 1 and the screen result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct MdqScore {
    pub item1_yes_count: u32,
    pub band: ScreenBand,
}

/// The `scores` object of `carestep score`: one entry per instrument that was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Scores {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phq9: Option<CompletableScore<Phq9Band>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phq2: Option<TotalScore<ScreenBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gad7: Option<CompletableScore<Gad7Band>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gad2: Option<TotalScore<ScreenBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pcptsd5: Option<TotalScore<Pcptsd5Band>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auditc: Option<TotalScore<ScreenBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub audit: Option<TotalScore<AuditZone>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nida_sq: Option<BandScore<ScreenBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dast10: Option<TotalScore<Dast10Band>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub asq: Option<BandScore<AsqBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cssrs: Option<BandScore<CssrsBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mdq: Option<MdqScore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wsas: Option<TotalScore<WsasBand>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k6: Option<TotalScore<K6Band>>,
}

// ---------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------

/// Whether any of the items is present (answered or declined).
pub(crate) fn any_present(a: &Answers, ids: &[ItemId]) -> bool {
    ids.iter().any(|&id| a.get(id).is_some())
}

/// Sum of the item values; declined and absent items count 0. Saturates so
/// no input can overflow (codes are small; only counts are unbounded and
/// counts are never summed).
fn sum(a: &Answers, ids: &[ItemId]) -> u32 {
    ids.iter()
        .map(|&id| a.value(id).unwrap_or(0))
        .fold(0u32, |s, v| {
            s.saturating_add(u32::try_from(v).unwrap_or(u32::MAX))
        })
}

fn count_yes(a: &Answers, ids: &[ItemId]) -> u32 {
    ids.iter().filter(|&&id| a.value(id) == Some(1)).count() as u32
}

/// PHQ-9 / GAD-7 with the methodology.md#declined-and-missing rule: inside an instrument that was
/// asked, a declined or null item of the total (`ids`) is "missing"; one
/// missing → partial total, more → no total. `outside` are the instrument's
/// items that are not in the total (phq9.10, the difficulty question): on
/// their own they still mean the instrument was asked.
fn completable<B>(
    a: &Answers,
    ids: &[ItemId],
    outside: &[ItemId],
    band: fn(u32) -> B,
) -> Option<CompletableScore<B>> {
    if !any_present(a, ids) && !any_present(a, outside) {
        return None;
    }
    let missing = ids.iter().filter(|&&id| a.value(id).is_none()).count();
    Some(match missing {
        0 | 1 => {
            let total = sum(a, ids);
            CompletableScore {
                total: Some(total),
                band: Some(band(total)),
                complete: missing == 0,
            }
        }
        _ => CompletableScore {
            total: None,
            band: None,
            complete: false,
        },
    })
}

/// PHQ-2 / GAD-2: left out unless items 1 and 2 both have values.
fn two_item(a: &Answers, first: ItemId, second: ItemId) -> Option<TotalScore<ScreenBand>> {
    let total = a.value(first)? + a.value(second)?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    Some(TotalScore {
        total,
        band: ScreenBand::two_item(total),
    })
}

fn total<B>(a: &Answers, ids: &[ItemId], band: fn(u32) -> B) -> Option<TotalScore<B>> {
    any_present(a, ids).then(|| {
        let total = sum(a, ids);
        TotalScore {
            total,
            band: band(total),
        }
    })
}

/// DAST-10 total: one point per "yes", except item 3 where "no" scores the
/// point. Declined and not-asked items score 0.
pub fn dast10_total(a: &Answers) -> u32 {
    DAST10_ITEMS
        .iter()
        .map(|&id| match (id, a.value(id)) {
            (ItemId::Dast10_3, Some(0)) => 1,
            (ItemId::Dast10_3, _) => 0,
            (_, Some(1)) => 1,
            _ => 0,
        })
        .sum()
}

/// MDQ positive (Hirschfeld 2000): ≥ 7 "yes" on item 1, "yes" on item 2, and
/// "moderate" or "serious" on item 3.
pub fn mdq_positive(yes_count: u32, item2: Option<u64>, item3: Option<u64>) -> bool {
    yes_count >= 7 && item2 == Some(1) && item3.is_some_and(|v| v >= 2)
}

/// ASQ result: acute positive when asq.5 is yes; non-acute positive when any
/// of asq.1–4 is yes or any ASQ item was declined (a refusal is a positive
/// screen; a declined asq.5 is not acute); otherwise negative.
pub fn asq_band(a: &Answers) -> AsqBand {
    if a.value(ItemId::Asq5) == Some(1) {
        AsqBand::AcutePositive
    } else if ASQ_ITEMS[..4].iter().any(|&id| a.value(id) == Some(1))
        || ASQ_ITEMS
            .iter()
            .any(|&id| a.get(id) == Some(Response::Declined))
    {
        AsqBand::NonAcutePositive
    } else {
        AsqBand::Negative
    }
}

/// C-SSRS tier from the answered items (methodology.md#instrument-cssrs): high = item 4 or 5, or
/// behaviour in the past 3 months; moderate = item 3, or behaviour not known
/// to be recent; low = item 1 or 2.
pub fn cssrs_band(a: &Answers) -> CssrsBand {
    let yes = |id| a.value(id) == Some(1);
    if yes(ItemId::Cssrs4) || yes(ItemId::Cssrs5) || (yes(ItemId::Cssrs6) && yes(ItemId::Cssrs6b)) {
        CssrsBand::High
    } else if yes(ItemId::Cssrs3) || yes(ItemId::Cssrs6) {
        CssrsBand::Moderate
    } else if yes(ItemId::Cssrs1) || yes(ItemId::Cssrs2) {
        CssrsBand::Low
    } else {
        CssrsBand::None
    }
}

/// Scores every instrument that was asked.
pub fn score(a: &Answers) -> Scores {
    let phq9 = completable(a, &PHQ9_ITEMS, &[ItemId::Phq9_10], Phq9Band::of);
    let gad7 = completable(a, &GAD7_ITEMS, &[], Gad7Band::of);
    let full_audit = any_present(a, &AUDIT_FULL_ITEMS);
    Scores {
        phq9,
        phq2: phq9.and_then(|_| two_item(a, ItemId::Phq9_1, ItemId::Phq9_2)),
        gad7,
        gad2: gad7.and_then(|_| two_item(a, ItemId::Gad7_1, ItemId::Gad7_2)),
        pcptsd5: (a.get(ItemId::Pcptsd5_0).is_some() || any_present(a, &PCPTSD5_SYMPTOMS)).then(
            || {
                // methodology.md#declined-and-missing: symptom answers that are present count even
                // if pcptsd5.0 = 0 would have skipped them; when they were
                // not asked the total is 0, as the form says.
                let total = count_yes(a, &PCPTSD5_SYMPTOMS);
                TotalScore {
                    total,
                    band: Pcptsd5Band::of(total),
                }
            },
        ),
        auditc: any_present(a, &AUDITC_ITEMS).then(|| {
            let total = sum(a, &AUDITC_ITEMS);
            TotalScore {
                total,
                band: ScreenBand::auditc(total, a.value(ItemId::CtxSex)),
            }
        }),
        audit: full_audit.then(|| {
            let total = sum(a, &AUDITC_ITEMS).saturating_add(sum(a, &AUDIT_FULL_ITEMS));
            TotalScore {
                total,
                band: AuditZone::of(total),
            }
        }),
        nida_sq: a.get(ItemId::NidaSq1).map(|r| BandScore {
            band: ScreenBand::nida(r.value().unwrap_or(0)),
        }),
        dast10: any_present(a, &DAST10_ITEMS).then(|| {
            let total = dast10_total(a);
            TotalScore {
                total,
                band: Dast10Band::of(total),
            }
        }),
        asq: any_present(a, &ASQ_ITEMS).then(|| BandScore { band: asq_band(a) }),
        cssrs: any_present(a, &CSSRS_ITEMS).then(|| BandScore {
            band: cssrs_band(a),
        }),
        mdq: (any_present(a, &MDQ1_ITEMS) || any_present(a, &[ItemId::Mdq2, ItemId::Mdq3])).then(
            || {
                let yes = count_yes(a, &MDQ1_ITEMS);
                MdqScore {
                    item1_yes_count: yes,
                    band: ScreenBand::from_bool(mdq_positive(
                        yes,
                        a.value(ItemId::Mdq2),
                        a.value(ItemId::Mdq3),
                    )),
                }
            },
        ),
        wsas: total(a, &WSAS_ITEMS, WsasBand::of),
        k6: total(a, &K6_ITEMS, K6Band::of),
    }
}

// ---------------------------------------------------------------------------
// The bands as data (for the methodology page)
// ---------------------------------------------------------------------------

/// One band of a score as the methodology page shows it: its `carestep score` name,
/// the totals it covers or the condition that gives it, and the sources of
/// its cut-off. `tests/methodology.rs` walks every band function above over
/// every total and checks that the page lists each band with exactly these
/// ranges, so this table cannot drift from the scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Band {
    /// The band's name in the `carestep score` output (`"moderately_severe"`).
    pub name: &'static str,
    /// The totals it covers, both ends included, when the band is a range
    /// of totals.
    pub range: Option<(u32, u32)>,
    /// The condition that gives it, in words: the whole condition when
    /// `range` is `None`, otherwise what else must hold (AUDIT-C: the sex
    /// given).
    pub when: Option<&'static str>,
    /// Where the cut-off comes from.
    pub sources: &'static [Source],
}

const fn range(name: &'static str, lo: u32, hi: u32, sources: &'static [Source]) -> Band {
    Band {
        name,
        range: Some((lo, hi)),
        when: None,
        sources,
    }
}

const fn rule(name: &'static str, when: &'static str, sources: &'static [Source]) -> Band {
    Band {
        name,
        range: None,
        when: Some(when),
        sources,
    }
}

const fn range_when(
    name: &'static str,
    lo: u32,
    hi: u32,
    when: &'static str,
    sources: &'static [Source],
) -> Band {
    Band {
        name,
        range: Some((lo, hi)),
        when: Some(when),
        sources,
    }
}

/// The bands of a score, lowest first (see [`Band`]).
pub fn bands(k: ScoreKind) -> &'static [Band] {
    use crate::sources::*;
    const PHQ9: &[Source] = &[KROENKE_2001];
    const PHQ2: &[Source] = &[KROENKE_2003];
    const GAD7: &[Source] = &[SPITZER_2006];
    const GAD2: &[Source] = &[KROENKE_2007];
    const PTSD: &[Source] = &[PRINS_2016, BOVIN_2021];
    const AUDITC: &[Source] = &[BUSH_1998, BRADLEY_2003];
    const AUDIT: &[Source] = &[BABOR_2001];
    const NIDA: &[Source] = &[SMITH_2010];
    const DAST: &[Source] = &[SKINNER_1982];
    const ASQ: &[Source] = &[NIMH_ASQ, HOROWITZ_2020];
    const CSSRS: &[Source] = &[COLUMBIA_TRIAGE, POSNER_2011];
    const MDQ: &[Source] = &[HIRSCHFELD_2000];
    const WSAS: &[Source] = &[MUNDT_2002];
    const K6_LOW: &[Source] = &[PROCHASKA_2012];
    const K6_SPD: &[Source] = &[KESSLER_2003];
    match k {
        ScoreKind::Phq9 => {
            const B: &[Band] = &[
                range("minimal", 0, 4, PHQ9),
                range("mild", 5, 9, PHQ9),
                range("moderate", 10, 14, PHQ9),
                range("moderately_severe", 15, 19, PHQ9),
                range("severe", 20, 27, PHQ9),
            ];
            B
        }
        ScoreKind::Phq2 => {
            const B: &[Band] = &[range("negative", 0, 2, PHQ2), range("positive", 3, 6, PHQ2)];
            B
        }
        ScoreKind::Gad7 => {
            const B: &[Band] = &[
                range("minimal", 0, 4, GAD7),
                range("mild", 5, 9, GAD7),
                range("moderate", 10, 14, GAD7),
                range("severe", 15, 21, GAD7),
            ];
            B
        }
        ScoreKind::Gad2 => {
            const B: &[Band] = &[range("negative", 0, 2, GAD2), range("positive", 3, 6, GAD2)];
            B
        }
        ScoreKind::Pcptsd5 => {
            const B: &[Band] = &[
                range("negative", 0, 2, PTSD),
                range("possible", 3, 3, PTSD),
                range("positive", 4, 5, PTSD),
            ];
            B
        }
        ScoreKind::Auditc => {
            const B: &[Band] = &[
                range_when("negative", 0, 3, "when ctx.sex is 0 (male)", AUDITC),
                range_when("positive", 4, 12, "when ctx.sex is 0 (male)", AUDITC),
                range_when(
                    "negative",
                    0,
                    2,
                    "otherwise (female, another answer, or not given)",
                    AUDITC,
                ),
                range_when(
                    "positive",
                    3,
                    12,
                    "otherwise (female, another answer, or not given)",
                    AUDITC,
                ),
            ];
            B
        }
        ScoreKind::Audit => {
            const B: &[Band] = &[
                range("zone_I", 0, 7, AUDIT),
                range("zone_II", 8, 15, AUDIT),
                range("zone_III", 16, 19, AUDIT),
                range("zone_IV", 20, 40, AUDIT),
            ];
            B
        }
        ScoreKind::NidaSq => {
            const B: &[Band] = &[
                rule(
                    "negative",
                    "no use in the past year (0 times), or the question was declined",
                    NIDA,
                ),
                rule("positive", "1 time or more in the past year", NIDA),
            ];
            B
        }
        ScoreKind::Dast10 => {
            const B: &[Band] = &[
                range("none", 0, 0, DAST),
                range("low", 1, 2, DAST),
                range("moderate", 3, 5, DAST),
                range("substantial", 6, 8, DAST),
                range("severe", 9, 10, DAST),
            ];
            B
        }
        ScoreKind::Asq => {
            const B: &[Band] = &[
            rule("negative", "no yes answer to any ASQ item, and no ASQ item declined", ASQ),
            rule(
                "non_acute_positive",
                "yes to any of asq.1–asq.4, or any ASQ item declined (a refusal counts as a positive screen), and asq.5 not yes",
                ASQ,
            ),
            rule("acute_positive", "yes to asq.5 (thoughts of suicide right now)", ASQ),
            ];
            B
        }
        ScoreKind::Cssrs => {
            const B: &[Band] = &[
            rule("none", "no yes answer", CSSRS),
            rule("low", "yes to cssrs.1 or cssrs.2 only", CSSRS),
            rule(
                "moderate",
                "yes to cssrs.3, or suicidal behaviour (cssrs.6) not in the past 3 months",
                CSSRS,
            ),
            rule(
                "high",
                "yes to cssrs.4 or cssrs.5, or suicidal behaviour (cssrs.6) in the past 3 months (cssrs.6b)",
                CSSRS,
            ),
            ];
            B
        }
        ScoreKind::Mdq => {
            const B: &[Band] = &[
            rule("negative", "any other answers", MDQ),
            rule(
                "positive",
                "7 or more yes answers to item 1 (mdq.1a–mdq.1m), yes to mdq.2, and a moderate or serious problem (mdq.3 is 2 or 3)",
                MDQ,
            ),
            ];
            B
        }
        ScoreKind::Wsas => {
            const B: &[Band] = &[
                range("subclinical", 0, 9, WSAS),
                range("significant_impairment", 10, 20, WSAS),
                range("moderately_severe_or_worse", 21, 40, WSAS),
            ];
            B
        }
        ScoreKind::K6 => {
            const B: &[Band] = &[
                range("low", 0, 4, K6_LOW),
                range("moderate_distress", 5, 12, K6_LOW),
                range("serious_psychological_distress", 13, 24, K6_SPD),
            ];
            B
        }
    }
}

/// How a score is computed, in words (the methodology page's "How it is
/// scored"); the code is [`score`] above.
pub fn scoring(k: ScoreKind) -> &'static str {
    match k {
        ScoreKind::Phq9 => "The sum of items 1–9, each 0–3 (total 0–27). Item 10 (how difficult the problems have made things) is not part of the total; the rules read it on its own. With one of items 1–9 declined or missing, the total of the answered items is reported as incomplete; with more, there is no total.",
        ScoreKind::Phq2 => "Items 1 and 2 of the PHQ-9 (0–6), reported for information; left out when either is declined.",
        ScoreKind::Gad7 => "The sum of the 7 items, each 0–3 (total 0–21). With one item declined or missing, the total of the answered items is reported as incomplete; with more, there is no total.",
        ScoreKind::Gad2 => "Items 1 and 2 of the GAD-7 (0–6), reported for information; left out when either is declined.",
        ScoreKind::Pcptsd5 => "The number of yes answers to the 5 symptom questions (0–5); 0 when the person has not experienced such an event (pcptsd5.0 is no).",
        ScoreKind::Auditc => "The sum of AUDIT items 1–3, each 0–4 (total 0–12). The cut-off depends on the sex given in the optional question ctx.sex.",
        ScoreKind::Audit => "The sum of all 10 AUDIT items (total 0–40); items skipped by the WHO skip rules count 0.",
        ScoreKind::NidaSq => "A count of times in the past year (a whole number).",
        ScoreKind::Dast10 => "One point for each yes, except item 3, where no scores the point (total 0–10).",
        ScoreKind::Asq => "No total: the band follows from the yes answers (items 1–5).",
        ScoreKind::Cssrs => "No total: the risk tier follows from the yes answers.",
        ScoreKind::Mdq => "The number of yes answers to item 1 (0–13), with items 2 and 3.",
        ScoreKind::Wsas => "The sum of the 5 items, each 0–8 (total 0–40).",
        ScoreKind::K6 => "The sum of the 6 items, each 0–4 (total 0–24).",
    }
}
