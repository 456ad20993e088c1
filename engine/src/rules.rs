//! The level-of-care decision (clinical-model.md Part 3 with the normative
//! clarifications of §5.1): derived variables, rules G1, C1–C6, H1–H4,
//! P1–P3, I1–I7, O1–O19, the environmental step-up E1, the final level and
//! the flags.
//!
//! Every rule is one line in [`evaluate`]; the floors live in
//! [`RuleId::floor`], so no threshold is written twice. [`assess`] is total:
//! any [`Answers`] value gives a result.
//!
//! [`RuleId::inputs`] says which scores and answers each rule reads, so the
//! widget can show the evidence behind a fired rule without knowing the
//! rules; `tests/rule_inputs.rs` checks that table against the rules.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::answers::{Answers, Response};
use crate::ids::{string_enum, ItemId, ASQ_ITEMS, AUDITC_ITEMS, AUDIT_FULL_ITEMS, CSSRS_ITEMS};
use crate::questionnaire::Instrument;
use crate::scores::{asq_band, score, AsqBand, Scores, ScreenBand};
use crate::MODEL_VERSION;

string_enum! {
    /// A suggested level of care (Part 5 names). Ordered from least to most
    /// intensive; `OutOfScope` is not a level of care and sorts last.
    pub enum Level {
        SelfCare => "self_care",
        Outpatient => "outpatient",
        Iop => "iop",
        Php => "php",
        Inpatient => "inpatient",
        CrisisNow => "crisis_now",
        OutOfScope => "out_of_scope",
    }
}

impl Level {
    /// The six levels of care, least intensive first.
    pub const CARE_LEVELS: [Level; 6] = [
        Level::SelfCare,
        Level::Outpatient,
        Level::Iop,
        Level::Php,
        Level::Inpatient,
        Level::CrisisNow,
    ];
}

string_enum! {
    /// A rule of §3.5–3.6. Declaration order is the output order of
    /// `rules_fired` (§5.1 item 2), with G1 first (it only ever fires alone).
    pub enum RuleId {
        G1 => "G1",
        C1 => "C1",
        C2 => "C2",
        C3 => "C3",
        C4 => "C4",
        C5 => "C5",
        C6 => "C6",
        H1 => "H1",
        H2 => "H2",
        H3 => "H3",
        H4 => "H4",
        P1 => "P1",
        P2 => "P2",
        P3 => "P3",
        I1 => "I1",
        I2 => "I2",
        I3 => "I3",
        I4 => "I4",
        I5 => "I5",
        I6 => "I6",
        I7 => "I7",
        O1 => "O1",
        O2 => "O2",
        O3 => "O3",
        O4 => "O4",
        O5 => "O5",
        O6 => "O6",
        O7 => "O7",
        O8 => "O8",
        O9 => "O9",
        O10 => "O10",
        O11 => "O11",
        O12 => "O12",
        O13 => "O13",
        O14 => "O14",
        O15 => "O15",
        O16 => "O16",
        O17 => "O17",
        O18 => "O18",
        O19 => "O19",
        E1 => "E1",
    }
}

impl RuleId {
    /// The minimum level the rule sets: crisis rules → crisis_now, H →
    /// inpatient, P → PHP, I → IOP, O → outpatient. `None` for G1 (it ends
    /// the assessment as out of scope) and E1 (a step-up, not a floor).
    pub fn floor(self) -> Option<Level> {
        use RuleId::*;
        match self {
            G1 | E1 => None,
            C1 | C2 | C3 | C4 | C5 | C6 => Some(Level::CrisisNow),
            H1 | H2 | H3 | H4 => Some(Level::Inpatient),
            P1 | P2 | P3 => Some(Level::Php),
            I1 | I2 | I3 | I4 | I5 | I6 | I7 => Some(Level::Iop),
            _ => Some(Level::Outpatient),
        }
    }

    /// Whether this is one of the crisis rules C1–C6.
    pub fn is_crisis(self) -> bool {
        self.floor() == Some(Level::CrisisNow)
    }

    fn bit(self) -> u64 {
        1 << (self as u64)
    }
}

/// What a rule's condition reads (§3.4–3.6): the instrument scores and the
/// single answers behind it. The result page shows them as the evidence for
/// a fired rule; whether the condition held is [`assess`]'s call.
///
/// What the table promises, checked against the rules themselves by
/// `tests/rule_inputs.rs`:
/// * **Enough.** Whether the rule fires depends on nothing but the answers
///   to `items`, the answers to the instrument of each of `scores`
///   ([`ScoreKind::instrument`]) and, when `clinical_level` is set (E1
///   only), the clinical level, i.e. which H, P, I and O rules fired. Every
///   rule but G1 also needs the person to be in scope (`ctx.adult` ≠ 1);
///   that gate is not listed. Among answer sets without a declined answer,
///   the `scores` entries of the Part 5 output and the `items` answers (and
///   the level) decide the rule on their own.
/// * **Nothing extra.** Each of `items`, changed on its own, can change
///   whether the rule fires. So can the answers to each of `scores`'
///   instruments, with `items` and the other `scores` left as they were.
///   `summaries` are not read at all: each is the score of the instrument
///   of one of `items`, shown because it sums those answers up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleInputs {
    /// Scores whose totals or bands (or, for O12, whose declined answers)
    /// the condition reads, in the order the evidence is shown.
    pub scores: &'static [ScoreKind],
    /// Single answers the condition tests directly.
    pub items: &'static [ItemId],
    /// Scores shown next to `items` because they sum those answers up (the
    /// C-SSRS band next to cssrs.4 and cssrs.5 for C2); the rule reads the
    /// answers, not these scores.
    pub summaries: &'static [ScoreKind],
    /// The rule also reads the clinical level of §3.7 (E1: the step-up
    /// applies only at IOP and PHP).
    pub clinical_level: bool,
}

impl RuleInputs {
    /// A rule that reads these scores and answers.
    const fn reads(scores: &'static [ScoreKind], items: &'static [ItemId]) -> Self {
        RuleInputs {
            scores,
            items,
            summaries: &[],
            clinical_level: false,
        }
    }

    /// A rule that reads answers of an instrument, shown with its score.
    const fn answers(summaries: &'static [ScoreKind], items: &'static [ItemId]) -> Self {
        RuleInputs {
            scores: &[],
            items,
            summaries,
            clinical_level: false,
        }
    }
}

impl RuleId {
    /// The scores and answers this rule reads (see [`RuleInputs`]).
    pub fn inputs(self) -> RuleInputs {
        use ItemId as I;
        use RuleId::*;
        use RuleInputs as R;
        use ScoreKind as S;
        // The derived variables of §3.4, as the scores they read.
        // SYM_SEV, with the WSAS of FUNC_SEV/FUNC_SIG (phq9.10 is an item).
        const SYM_SEV_FUNC: &[ScoreKind] = &[S::Phq9, S::Gad7, S::K6, S::Wsas];
        // SYM_MOD; AUDIT-C counts only when the full AUDIT has no value.
        const SYM_MOD: &[ScoreKind] = &[
            S::Phq9,
            S::Gad7,
            S::Pcptsd5,
            S::K6,
            S::Audit,
            S::Auditc,
            S::Dast10,
        ];
        // SYM_MOD with the WSAS of FUNC_SEV.
        const SYM_MOD_FUNC: &[ScoreKind] = &[
            S::Phq9,
            S::Gad7,
            S::Pcptsd5,
            S::K6,
            S::Audit,
            S::Auditc,
            S::Dast10,
            S::Wsas,
        ];
        match self {
            G1 => R::reads(&[], &[I::CtxAdult]),
            C1 => R::reads(&[], &[I::CtxEmergency]),
            C2 => R::answers(&[S::Cssrs], &[I::Cssrs4, I::Cssrs5]),
            C3 => R::answers(&[S::Cssrs], &[I::Cssrs6, I::Cssrs6b]),
            C4 => R::answers(&[S::Asq], &[I::Asq5]),
            C5 => R::reads(&[], &[I::CtxHarmOthers]),
            C6 => R::answers(&[S::Asq], &[I::Asq4, I::CtxAttempt3m]),
            H1 => R::reads(&[], &[I::CtxWithdrawal]),
            H2 => R::reads(&[], &[I::CtxMania]),
            H3 => R::reads(&[], &[I::CtxPsychosis]),
            H4 => R::reads(&[], &[I::CtxSelfcare, I::CtxSupport]),
            P1 | I1 => R::reads(SYM_SEV_FUNC, &[I::Phq9_10]),
            P2 | I4 => R::reads(SYM_MOD, &[I::CtxRecentAcute]),
            P3 | O19 => R::reads(&[], &[I::CtxSelfcare]),
            I2 => R::reads(SYM_MOD_FUNC, &[I::Phq9_10]),
            I3 => R::reads(SYM_MOD, &[I::CtxTxStatus]),
            I5 | O17 => R::reads(&[], &[I::CtxRecentAcute]),
            I6 => R::answers(&[S::Cssrs], &[I::Cssrs3]),
            I7 => R::reads(&[S::Audit, S::Auditc, S::Dast10], &[]),
            O1 => R::reads(&[S::Phq9], &[]),
            O2 => R::reads(&[S::Gad7], &[]),
            O3 => R::reads(&[S::Pcptsd5], &[]),
            O4 => R::reads(&[S::Mdq], &[]),
            O5 => R::reads(&[S::Audit, S::Auditc], &[]),
            O6 => R::reads(&[S::Dast10], &[]),
            O7 => R::reads(&[S::K6], &[]),
            O8 => R::reads(&[S::Wsas], &[]),
            O9 => R::reads(&[], &[I::Phq9_9]),
            O10 => R::answers(&[S::Cssrs], &[I::Cssrs1, I::Cssrs2]),
            O11 => R::answers(&[S::Cssrs], &[I::Cssrs6]),
            // Any ASQ positive, or any declined ASQ or C-SSRS item (the
            // C-SSRS band does not show a declined item; its answers do).
            O12 => R::reads(&[S::Asq, S::Cssrs], &[]),
            O13 => R::reads(&[], &[I::CtxPsychosis]),
            O14 => R::reads(&[], &[I::CtxMania]),
            O15 => R::reads(&[], &[I::CtxWithdrawal]),
            O16 => R::reads(&[], &[I::CtxHarmOthers]),
            O18 => R::reads(&[], &[I::CtxTxStatus]),
            E1 => RuleInputs {
                clinical_level: true,
                ..R::reads(&[], &[I::CtxHomeSafe, I::CtxSupport])
            },
        }
    }
}

string_enum! {
    /// One entry of the Part 5 `scores` object, i.e. one field of [`Scores`],
    /// in the same order; [`ScoreKind::as_str`] is its JSON key.
    pub enum ScoreKind {
        Phq9 => "phq9",
        Phq2 => "phq2",
        Gad7 => "gad7",
        Gad2 => "gad2",
        Pcptsd5 => "pcptsd5",
        Auditc => "auditc",
        Audit => "audit",
        NidaSq => "nida_sq",
        Dast10 => "dast10",
        Asq => "asq",
        Cssrs => "cssrs",
        Mdq => "mdq",
        Wsas => "wsas",
        K6 => "k6",
    }
}

impl ScoreKind {
    /// The instrument whose answers the score is computed from. PHQ-2,
    /// GAD-2 and AUDIT-C are parts of PHQ-9, GAD-7 and AUDIT. (The AUDIT-C
    /// band also reads `ctx.sex`; no rule reads that band.)
    pub fn instrument(self) -> Instrument {
        match self {
            ScoreKind::Phq9 | ScoreKind::Phq2 => Instrument::Phq9,
            ScoreKind::Gad7 | ScoreKind::Gad2 => Instrument::Gad7,
            ScoreKind::Pcptsd5 => Instrument::Pcptsd5,
            ScoreKind::Auditc | ScoreKind::Audit => Instrument::Audit,
            ScoreKind::NidaSq => Instrument::NidaSq,
            ScoreKind::Dast10 => Instrument::Dast10,
            ScoreKind::Asq => Instrument::Asq,
            ScoreKind::Cssrs => Instrument::Cssrs,
            ScoreKind::Mdq => Instrument::Mdq,
            ScoreKind::Wsas => Instrument::Wsas,
            ScoreKind::K6 => Instrument::K6,
        }
    }
}

string_enum! {
    /// A flag of §3.8: shown with the level, never changes it. Declared in
    /// alphabetical order of the JSON names, which is the output order.
    pub enum Flag {
        AddictionSpecialistAssessment => "addiction_specialist_assessment",
        AttendanceBarrier => "attendance_barrier",
        BipolarScreenPositive => "bipolar_screen_positive",
        BriefAlcoholAdvice => "brief_alcohol_advice",
        HomeSafetyResources => "home_safety_resources",
        MedicalWithdrawalAdvice => "medical_withdrawal_advice",
        OutOfScopeMinor => "out_of_scope_minor",
        PsychiatricEvaluation => "psychiatric_evaluation",
        PtsdScreenPositive => "ptsd_screen_positive",
        SameDayClinicianContact => "same_day_clinician_contact",
        Show988 => "show_988",
        SuicideScreenRequired => "suicide_screen_required",
    }
}

/// The result of an assessment; `Serialize` gives the Part 5 output exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub model_version: &'static str,
    pub level: Level,
    pub rules_fired: Vec<RuleId>,
    pub flags: Vec<Flag>,
    pub scores: Scores,
}

impl Assessment {
    /// Whether a rule fired.
    pub fn fired(&self, rule: RuleId) -> bool {
        self.rules_fired.contains(&rule)
    }

    /// Whether a flag is set.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The Part 5 JSON, pretty-printed.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain structs of strings and integers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Scores the answers and applies the rules (§3.7).
pub fn assess(answers: &Answers) -> Assessment {
    if is_out_of_scope(answers) {
        return Assessment {
            model_version: MODEL_VERSION,
            level: Level::OutOfScope,
            rules_fired: vec![RuleId::G1],
            flags: vec![Flag::OutOfScopeMinor, Flag::Show988],
            scores: Scores::default(),
        };
    }
    let scores = score(answers);
    let e = evaluate(answers, &scores);
    Assessment {
        model_version: MODEL_VERSION,
        level: e.level,
        rules_fired: RuleId::ALL
            .into_iter()
            .filter(|r| e.rules & r.bit() != 0)
            .collect(),
        flags: e.flags,
        scores,
    }
}

/// G1: `ctx.adult` = 1 (a declined answer is not out of scope, §5.1 item 6).
pub(crate) fn is_out_of_scope(a: &Answers) -> bool {
    a.value(ItemId::CtxAdult) == Some(1)
}

/// Whether any crisis rule C1–C6 holds. Used by the flow to interrupt the
/// questionnaire; it is the same code `evaluate` uses.
pub(crate) fn any_crisis(a: &Answers) -> bool {
    crisis_rules(a) != 0
}

fn crisis_rules(a: &Answers) -> u64 {
    let v = |id| a.value(id);
    let mut r = 0;
    let mut fire = |rule: RuleId, cond: bool| {
        if cond {
            r |= rule.bit();
        }
    };
    fire(RuleId::C1, v(ItemId::CtxEmergency) == Some(1));
    fire(
        RuleId::C2,
        v(ItemId::Cssrs4) == Some(1) || v(ItemId::Cssrs5) == Some(1),
    );
    fire(
        RuleId::C3,
        v(ItemId::Cssrs6) == Some(1) && v(ItemId::Cssrs6b) == Some(1),
    );
    fire(RuleId::C4, v(ItemId::Asq5) == Some(1));
    fire(RuleId::C5, v(ItemId::CtxHarmOthers) == Some(2));
    fire(
        RuleId::C6,
        v(ItemId::Asq4) == Some(1) && v(ItemId::CtxAttempt3m) == Some(1),
    );
    r
}

/// AUDIT_C_ONLY (§3.4, §5.1 item 5): at least one of audit.1–3 has a value
/// and none of audit.4–10 does. "Has a value" means a numeric code on both
/// sides: a declined answer has no value, so declining every full-AUDIT item
/// leaves the AUDIT-C-only thresholds of SYM_MOD, I7, O5 and
/// `addiction_specialist_assessment` in force (otherwise skipping questions
/// would lower the level compared with never being asked them).
pub(crate) fn audit_c_only(a: &Answers) -> bool {
    let any_value = |ids: &[ItemId]| ids.iter().any(|&id| a.value(id).is_some());
    any_value(&AUDITC_ITEMS) && !any_value(&AUDIT_FULL_ITEMS)
}

struct Evaluation {
    rules: u64,
    level: Level,
    flags: Vec<Flag>,
}

/// The derived variables and every rule except G1.
fn evaluate(a: &Answers, s: &Scores) -> Evaluation {
    // A ctx item (or any single item) contributes only when it has a value:
    // declined and absent answers fire nothing (§5.1 item 6).
    let v = |id| a.value(id);
    let at_least = |id, t: u64| v(id).is_some_and(|x| x >= t);
    let is = |id, t: u64| v(id) == Some(t);

    // Totals used by rules. PHQ-9/GAD-7 with more than one missing item
    // have no total, so rules using them do not fire.
    let phq9 = s.phq9.and_then(|x| x.total);
    let gad7 = s.gad7.and_then(|x| x.total);
    let k6 = s.k6.map(|x| x.total);
    let wsas = s.wsas.map(|x| x.total);
    let pcptsd5 = s.pcptsd5.map(|x| x.total);
    let dast10 = s.dast10.map(|x| x.total);
    let audit = s.audit.map(|x| x.total);
    let auditc = s.auditc.map(|x| x.total);
    let ge = |x: Option<u32>, t: u32| x.is_some_and(|x| x >= t);

    let audit_c_only = audit_c_only(a);
    let mdq_pos = s.mdq.is_some_and(|m| m.band == ScreenBand::Positive);

    let sym_sev = ge(phq9, 15) || ge(gad7, 15) || ge(k6, 13);
    let sym_mod = ge(phq9, 10)
        || ge(gad7, 10)
        || ge(pcptsd5, 3)
        || ge(k6, 13)
        || ge(audit, 16)
        || ge(dast10, 3)
        || (audit_c_only && ge(auditc, 8));
    let func_sev = ge(wsas, 21) || is(ItemId::Phq9_10, 3);
    let func_sig = ge(wsas, 10) || at_least(ItemId::Phq9_10, 2);
    let substance_severe = ge(audit, 20) || ge(dast10, 6) || (audit_c_only && ge(auditc, 10));

    // O12 (§5.1 items 3, 7): any ASQ positive, or any declined suicide-screen item.
    let suicide_declined = ASQ_ITEMS
        .iter()
        .chain(CSSRS_ITEMS.iter())
        .any(|&id| a.get(id) == Some(Response::Declined));
    let asq_positive = asq_band(a) != AsqBand::Negative;

    let mut rules = crisis_rules(a);
    let mut fire = |rule: RuleId, cond: bool| {
        if cond {
            rules |= rule.bit();
        }
    };
    use ItemId as I;
    use RuleId as R;
    fire(R::H1, is(I::CtxWithdrawal, 2));
    fire(R::H2, is(I::CtxMania, 2));
    fire(R::H3, is(I::CtxPsychosis, 2));
    fire(R::H4, is(I::CtxSelfcare, 2) && at_least(I::CtxSupport, 1));
    fire(R::P1, sym_sev && func_sev);
    fire(R::P2, is(I::CtxRecentAcute, 2) && sym_mod);
    fire(R::P3, is(I::CtxSelfcare, 2));
    fire(R::I1, sym_sev && func_sig);
    fire(R::I2, sym_mod && func_sev);
    fire(R::I3, sym_mod && is(I::CtxTxStatus, 2));
    fire(R::I4, at_least(I::CtxRecentAcute, 1) && sym_mod);
    fire(R::I5, is(I::CtxRecentAcute, 2));
    fire(R::I6, is(I::Cssrs3, 1));
    fire(R::I7, substance_severe);
    fire(R::O1, ge(phq9, 10));
    fire(R::O2, ge(gad7, 10));
    fire(R::O3, ge(pcptsd5, 3));
    fire(R::O4, mdq_pos);
    fire(R::O5, ge(audit, 16) || (audit_c_only && ge(auditc, 8)));
    fire(R::O6, ge(dast10, 3));
    fire(R::O7, ge(k6, 13));
    fire(R::O8, ge(wsas, 10));
    fire(R::O9, at_least(I::Phq9_9, 1));
    fire(R::O10, is(I::Cssrs1, 1) || is(I::Cssrs2, 1));
    fire(R::O11, is(I::Cssrs6, 1));
    fire(R::O12, asq_positive || suicide_declined);
    fire(R::O13, at_least(I::CtxPsychosis, 1));
    fire(R::O14, at_least(I::CtxMania, 1));
    fire(R::O15, at_least(I::CtxWithdrawal, 1));
    fire(R::O16, at_least(I::CtxHarmOthers, 1));
    fire(R::O17, at_least(I::CtxRecentAcute, 1));
    fire(R::O18, is(I::CtxTxStatus, 2));
    fire(R::O19, at_least(I::CtxSelfcare, 1));

    // §3.7: the clinical level is the highest floor of the H, P, I and O
    // rules; E1 steps IOP and PHP up one level when home is unsafe or there
    // is no support. E1 is evaluated even under a crisis (§5.1 item 1).
    let clinical = RuleId::ALL
        .into_iter()
        .filter(|r| rules & r.bit() != 0 && !r.is_crisis())
        .filter_map(RuleId::floor)
        .max()
        .unwrap_or(Level::SelfCare);
    let unsafe_or_alone = is(I::CtxHomeSafe, 2) || is(I::CtxSupport, 2);
    let step_up = matches!(clinical, Level::Iop | Level::Php) && unsafe_or_alone;
    if step_up {
        rules |= R::E1.bit();
    }
    let crisis = rules & crisis_mask() != 0;
    let level = if crisis {
        Level::CrisisNow
    } else if step_up {
        match clinical {
            Level::Iop => Level::Php,
            _ => Level::Inpatient,
        }
    } else {
        clinical
    };

    let fired = |r: RuleId| rules & r.bit() != 0;
    let auditc_positive = s.auditc.is_some_and(|x| x.band == ScreenBand::Positive);
    let mut flags = Vec::new();
    let mut flag = |f: Flag, cond: bool| {
        if cond {
            flags.push(f);
        }
    };
    // Pushed in Flag::ALL (alphabetical) order.
    flag(Flag::AddictionSpecialistAssessment, substance_severe);
    flag(
        Flag::AttendanceBarrier,
        at_least(I::CtxAttend, 1) && matches!(level, Level::Iop | Level::Php),
    );
    flag(Flag::BipolarScreenPositive, mdq_pos);
    flag(
        Flag::BriefAlcoholAdvice,
        audit.is_some_and(|t| (8..=15).contains(&t))
            || (auditc_positive && audit.is_none_or(|t| t < 16)),
    );
    flag(Flag::HomeSafetyResources, at_least(I::CtxHomeSafe, 1));
    flag(Flag::MedicalWithdrawalAdvice, at_least(I::CtxWithdrawal, 1));
    flag(
        Flag::PsychiatricEvaluation,
        [R::O4, R::O13, R::O14, R::H2, R::H3].into_iter().any(fired),
    );
    flag(Flag::PtsdScreenPositive, ge(pcptsd5, 3));
    flag(
        Flag::SameDayClinicianContact,
        crisis
            || [R::I6, R::O9, R::O10, R::O11, R::O12, R::O16]
                .into_iter()
                .any(fired),
    );
    flag(Flag::Show988, true);
    flag(Flag::SuicideScreenRequired, at_least(I::Phq9_9, 1));

    Evaluation {
        rules,
        level,
        flags,
    }
}

fn crisis_mask() -> u64 {
    RuleId::ALL
        .into_iter()
        .filter(|r| r.is_crisis())
        .fold(0, |m, r| m | r.bit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_c_only_needs_values_not_declines() {
        use ItemId::{Audit1, Audit2, Audit3, Audit4, Audit9};
        const D: Option<Response> = Some(Response::Declined);
        let v = |x| Some(Response::Value(x));
        // (audit.1, audit.2, audit.3, audit.4, audit.9) → AUDIT_C_ONLY
        #[rustfmt::skip]
        let table = [
            ((None, None, None, None, None), false),
            ((v(4), v(4), v(4), None, None), true),
            ((v(0), None, None, None, None), true), // audit.1 = 0 skips 2–3
            ((v(4), v(4), v(4), D,    D),    true), // declined full items: no value
            ((v(4), v(4), v(4), D,    v(0)), false), // one full item answered 0
            ((v(4), v(4), v(4), v(0), None), false),
            ((D,    D,    D,    None, None), false), // AUDIT-C all declined: no value
            ((D,    v(1), D,    None, None), true),
            ((D,    D,    D,    D,    None), false),
            ((None, None, None, v(0), None), false),
        ];
        for ((a1, a2, a3, a4, a9), want) in table {
            let mut a = Answers::new();
            for (id, r) in [
                (Audit1, a1),
                (Audit2, a2),
                (Audit3, a3),
                (Audit4, a4),
                (Audit9, a9),
            ] {
                if let Some(r) = r {
                    a.set(id, r).unwrap();
                }
            }
            assert_eq!(audit_c_only(&a), want, "{a:?}");
        }
    }

    #[test]
    fn names_round_trip_and_orders() {
        for (i, r) in RuleId::ALL.into_iter().enumerate() {
            assert_eq!(r as usize, i);
            assert_eq!(RuleId::parse(r.as_str()), Some(r));
        }
        let names: Vec<_> = Flag::ALL.iter().map(|f| f.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "Flag declaration order must be alphabetical");
        for (i, f) in Flag::ALL.into_iter().enumerate() {
            assert_eq!(f as usize, i);
            assert_eq!(Flag::parse(f.as_str()), Some(f));
            assert_eq!(
                serde_json::to_value(f).unwrap(),
                serde_json::Value::String(f.as_str().into())
            );
        }
        for r in RuleId::ALL {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(serde_json::from_str::<RuleId>(&json).unwrap(), r);
        }
        for f in Flag::ALL {
            let json = serde_json::to_string(&f).unwrap();
            assert_eq!(serde_json::from_str::<Flag>(&json).unwrap(), f);
        }
        for l in Level::ALL {
            assert_eq!(Level::parse(l.as_str()), Some(l));
            let json = serde_json::to_string(&l).unwrap();
            assert_eq!(serde_json::from_str::<Level>(&json).unwrap(), l);
            assert_eq!(
                serde_json::to_value(l).unwrap(),
                serde_json::Value::String(l.as_str().into())
            );
        }
    }
}
