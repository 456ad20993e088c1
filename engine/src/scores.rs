//! Instrument totals and bands (clinical-model.md Part 1, §3.4, Part 5
//! "scores" and §5.1 item 6 for declined answers).
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
    /// (the female threshold, also used when sex is not given, §1.5).
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

/// C-SSRS screener risk tier (§1.7).
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

/// The `scores` object of Part 5: one entry per instrument that was asked.
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

/// PHQ-9 / GAD-7 with the §5.1 item 6 rule: inside an instrument that was
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

/// C-SSRS tier from the answered items (§1.7): high = item 4 or 5, or
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
                // §5.1 item 8: symptom answers that are present count even
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
