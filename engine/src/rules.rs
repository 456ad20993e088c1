//! The level-of-care decision (`docs/methodology.md#rules`, generated from
//! this file's tables by [`crate::methodology()`]): derived variables, rules G1, C1–C6, H1–H4,
//! P1–P3, I1–I7, O1–O19, the environmental step-up E1, the final level and
//! the flags.
//!
//! Every rule is one line in `evaluate` (C1–C6 in `crisis_rules`): its
//! condition written once as ANDs and ORs of [`Part`]s ("PHQ-9 total ≥ 15",
//! "ctx.support ≥ 1"). Evaluating that expression gives both whether the rule
//! fires and its [`Witnesses`]: the parts that held in the satisfied
//! branches. The floors live in [`RuleId::floor`], so no threshold is
//! written twice. [`assess`] is total: any [`Answers`] value gives a result.
//!
//! [`RuleId::inputs`] says which scores and answers each rule reads;
//! `tests/rule_inputs.rs` checks that table against the rules.
//! [`witnesses`] and [`explain`] say which of them made a fired rule fire:
//! the evidence the result page shows. `tests/witnesses.rs` checks that every
//! witness holds, that lowering it falsifies its part, and that the
//! witnesses alone fire the rule.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::answers::{Answers, Response};
use crate::ids::{string_enum, ItemId, ASQ_ITEMS, AUDITC_ITEMS, AUDIT_FULL_ITEMS, CSSRS_ITEMS};
use crate::questionnaire::Instrument;
use crate::scores::{score, AsqBand, Scores, ScreenBand};
use crate::sources::{self, Source};
use crate::MODEL_VERSION;

string_enum! {
    /// A suggested level of care (`carestep score` names). Ordered from least to most
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
    /// A rule of methodology.md#rules. Declaration order is the output order of
    /// `rules_fired` (methodology.md#final-level), with G1 first (it only ever fires alone).
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

/// What a rule's condition reads (methodology.md#rules): the instrument scores and the
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
///   the `scores` entries of the `carestep score` output and the `items` answers (and
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
    /// The rule also reads the clinical level of methodology.md#final-level (E1: the step-up
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
        // The derived variables of methodology.md#derived-variables, as the scores they read.
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

/// What a rule rests on (the methodology page's "Basis"): a published
/// threshold or guidance, or a design choice of CareStep that awaits
/// clinical sign-off. Either way `sources` are the publications it was
/// modelled on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// Whether the threshold is CareStep's own choice, not yet signed off by
    /// a clinician.
    pub design_choice: bool,
    /// Why the rule sets its level, in words.
    pub note: &'static str,
    /// The publications behind it.
    pub sources: &'static [Source],
}

const fn published(note: &'static str, sources: &'static [Source]) -> Basis {
    Basis {
        design_choice: false,
        note,
        sources,
    }
}

const fn design(note: &'static str, sources: &'static [Source]) -> Basis {
    Basis {
        design_choice: true,
        note,
        sources,
    }
}

impl RuleId {
    /// What the rule rests on (see [`Basis`]).
    pub fn basis(self) -> Basis {
        use sources::*;
        use RuleId::*;
        match self {
            G1 => design("CareStep is for adults: the instruments it uses were validated in adults, so a person under 18 gets crisis numbers and youth resources instead of a result.", &[]),
            C1 => published("A person in danger right now needs emergency help (988 or 911), as with an acute positive ASQ or an imminent-risk C-SSRS answer.", &[NIMH_ASQ, COLUMBIA_TRIAGE]),
            C2 => published("Columbia's triage guidance treats intent or a plan in the past month as imminent risk: safety precautions until a mental health professional evaluates the person.", &[COLUMBIA_TRIAGE, POSNER_2011]),
            C3 => published("Columbia's triage guidance treats any suicidal behaviour in the past 3 months as imminent risk.", &[COLUMBIA_TRIAGE]),
            C4 => published("The ASQ's acute positive (thoughts of suicide right now) calls for an urgent safety evaluation.", &[NIMH_ASQ]),
            C5 => published("Intent or a plan to harm someone, or recent violence, needs urgent evaluation; Medicare's inpatient criteria name a threat to others needing round-the-clock observation.", &[CMS_INPATIENT_LCD, APA_2003]),
            C6 => published("The same 3-month suicidal-behaviour rule as C3, for deployments that ask the ASQ (with its follow-up question on when) instead of the C-SSRS.", &[COLUMBIA_TRIAGE]),
            H1 => published("A past withdrawal with a seizure, delirium or hallucinations is the strongest predictor of complicated withdrawal, which is managed in a medically supervised, 24-hour setting.", &[ASAM_2020]),
            H2 => published("Manic symptoms that cause serious problems match Medicare's inpatient criterion of acute disordered behaviour that prevents functioning at a less intensive level.", &[CMS_INPATIENT_LCD, APA_2003]),
            H3 => published("Psychotic symptoms that make it hard to tell what is real or to function match Medicare's inpatient criteria (acute disordered behaviour; 24-hour diagnostic evaluation).", &[CMS_INPATIENT_LCD, APA_2003]),
            H4 => published("Medicare's inpatient criteria include being unable to keep up nutrition or self-care when no reliable support can provide it.", &[CMS_INPATIENT_LCD]),
            P1 => published("Severe symptoms with severe impairment match Medicare's partial-hospitalization criteria (a disorder that severely interferes with several areas of daily life); a WSAS above 20 goes with moderately severe or worse illness.", &[CMS_PHP, MUNDT_2002, LOCUS]),
            P2 => published("After a discharge, partial hospitalization can replace continued inpatient care; the weeks after discharge carry a much higher suicide risk.", &[CMS_PHP, CHUNG_2017, CHUNG_2019]),
            P3 => design("A person who cannot look after their basic needs alone but has someone to help is suggested a structured day programme (with no one to help, H4 applies).", &[]),
            I1 => published("Severe symptoms with significant impairment match Medicare's intensive outpatient benefit (at least 9 hours a week) for an acute illness; a PHQ-9 of 15–19 calls for active treatment.", &[CMS_IOP_2024, KROENKE_SPITZER_2002, MUNDT_2002, LOCUS]),
            I2 => design("Moderate symptoms with severe impairment: the same anchors as I1, with the balance between symptoms and impairment chosen by CareStep.", &[CMS_IOP_2024, MUNDT_2002]),
            I3 => published("Moderate symptoms while treatment of 6 weeks or more is not helping: payers step up when a less intensive level has not worked, and poor response calls for escalation.", &[KROENKE_SPITZER_2002]),
            I4 => published("Intensive outpatient care serves as a step down from, or a diversion from, acute care after an emergency or crisis visit or a discharge.", &[CT_BHP, CMS_IOP_2024]),
            I5 => published("The period after a psychiatric discharge carries a much higher suicide risk, so care stays at least intensive outpatient.", &[CHUNG_2017, CHUNG_2019]),
            I6 => design("Thinking about how to act on suicidal thoughts is the C-SSRS moderate tier; CareStep raises it to intensive outpatient care.", &[COLUMBIA_TRIAGE]),
            I7 => design("Alcohol or drug scores in the highest zone call for specialist assessment and treatment (WHO AUDIT zone IV; DAST-10 6 or more); the AUDIT-C-only cut-off of 10 is CareStep's.", &[BABOR_2001, SKINNER_1982]),
            O1 => published("A PHQ-9 of 10 or more is moderate depression, where a treatment plan is advised.", &[KROENKE_2001, KROENKE_SPITZER_2002]),
            O2 => published("A GAD-7 of 10 or more is the published cut-point for further evaluation.", &[SPITZER_2006]),
            O3 => design("A PC-PTSD-5 of 3 is the most sensitive published cut-off (4 balances errors best); CareStep chose 3, favouring sensitivity on a clinic's website.", &[PRINS_2016, BOVIN_2021]),
            O4 => published("A positive MDQ calls for a diagnostic evaluation for bipolar disorder.", &[HIRSCHFELD_2000]),
            O5 => design("An AUDIT of 16 or more (WHO zone III) calls for brief counselling and monitoring; the AUDIT-C-only cut-off of 8 is CareStep's, based on 8 and above being called high risk in VA guidance.", &[BABOR_2001, VA_AUDITC]),
            O6 => published("A DAST-10 of 3 or more is the moderate level, where further investigation is advised.", &[SKINNER_1982]),
            O7 => published("A K6 of 13 or more is serious psychological distress.", &[KESSLER_2003]),
            O8 => published("A WSAS of 10 or more goes with significant functional impairment.", &[MUNDT_2002]),
            O9 => published("Any thoughts of being better off dead or of self-harm (PHQ-9 item 9) raise the risk of a later suicide attempt and need a clinician's follow-up.", &[SIMON_2013]),
            O10 => published("Columbia's guidance: answers below the high-risk ones need referral to outpatient care and crisis lines.", &[COLUMBIA_TRIAGE]),
            O11 => published("Suicidal behaviour at any time, not in the past 3 months, is not imminent risk but needs follow-up.", &[COLUMBIA_TRIAGE]),
            O12 => published("A positive ASQ, or a declined suicide question (a refusal counts as a positive screen), calls for a brief suicide safety assessment.", &[NIMH_ASQ]),
            O13 => design("Any psychotic symptoms need a psychiatric evaluation.", &[]),
            O14 => design("Current signs of mania or hypomania need a prompt psychiatric evaluation.", &[]),
            O15 => published("Withdrawal symptoms need a medical evaluation.", &[ASAM_2020]),
            O16 => design("Any thoughts of seriously hurting someone need a same-day evaluation.", &[]),
            O17 => published("An emergency or crisis visit, or a discharge, in the past 30 days needs follow-up care.", &[CT_BHP]),
            O18 => published("Treatment that is not helping after 6 weeks or more needs a clinician's review.", &[KROENKE_SPITZER_2002]),
            O19 => published("Struggling to look after basic needs is a reason to see a clinician (Medicare's inpatient criteria name failing self-care at the severe end).", &[CMS_INPATIENT_LCD]),
            E1 => design("Intensive outpatient and partial-hospitalization programmes assume a safe home and support outside programme hours; without them, the level steps up one (IOP to PHP, PHP to inpatient). Level-of-care systems rate the recovery environment for the same reason.", &[LOCUS]),
        }
    }
}

string_enum! {
    /// One entry of the `carestep score` `scores` object, i.e. one field of [`Scores`],
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
    /// A flag of methodology.md#flags: shown with the level, never changes it. Declared in
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

string_enum! {
    /// Why the crisis screen is shown: the kind of crisis rule that fired,
    /// so its lead sentence can fit (the words are the widget's). Declared
    /// from most to least urgent; [`Assessment::crisis_reason`] picks the
    /// first whose rules fired.
    pub enum CrisisReason {
        /// C1: in danger right now (`ctx.emergency`).
        Emergency => "emergency",
        /// C2–C4: the suicide screen's triage (C-SSRS intent or plan, or
        /// recent suicidal behaviour; ASQ thoughts of suicide right now).
        SuicideScreen => "suicide_screen",
        /// C5: intent or a plan to harm someone, or recent violence.
        HarmToOthers => "harm_to_others",
        /// C6: a suicide attempt in the past 3 months (ASQ deployments).
        RecentAttempt => "recent_attempt",
    }
}

impl Flag {
    /// What the flag tells the person or the clinician (it never changes
    /// the level).
    pub fn meaning(self) -> &'static str {
        match self {
            Flag::AddictionSpecialistAssessment => "suggest an assessment by an addiction specialist",
            Flag::AttendanceBarrier => "the person may not manage an intensive programme's hours: discuss evening or video sessions and other options; the suggested level stays the same",
            Flag::BipolarScreenPositive => "the bipolar screen is positive: a prescriber should evaluate before antidepressant treatment",
            Flag::BriefAlcoholAdvice => "give brief advice about drinking",
            Flag::HomeSafetyResources => "show home-safety resources, including a domestic-violence hotline",
            Flag::MedicalWithdrawalAdvice => "advise not to stop alcohol, sedatives or opioids suddenly without medical advice",
            Flag::OutOfScopeMinor => "the person is under 18: youth resources instead of a result",
            Flag::PsychiatricEvaluation => "suggest a psychiatric evaluation",
            Flag::PtsdScreenPositive => "the trauma screen is positive: a trauma-informed assessment",
            Flag::SameDayClinicianContact => "a clinician should contact the person the same day",
            Flag::Show988 => "show the 988 Suicide & Crisis Lifeline (always set)",
            Flag::SuicideScreenRequired => "a suicide screen must be completed before the result (PHQ-9 item 9 was not 'not at all')",
        }
    }

    /// When the flag is set, in words (the code is in `evaluate`, and for
    /// `out_of_scope_minor` and `show_988`, in [`assess`]).
    pub fn when(self) -> &'static str {
        match self {
            Flag::AddictionSpecialistAssessment => "SUBSTANCE_SEVERE",
            Flag::AttendanceBarrier => "ctx.attend is 1 or more and the final level (after E1) is IOP or PHP",
            Flag::BipolarScreenPositive => "the MDQ screen is positive",
            Flag::BriefAlcoholAdvice => "the AUDIT total is 8–15, or the AUDIT-C band is positive and there is no AUDIT total of 16 or more",
            Flag::HomeSafetyResources => "ctx.home_safe is 1 or more",
            Flag::MedicalWithdrawalAdvice => "ctx.withdrawal is 1 or more",
            Flag::OutOfScopeMinor => "G1 fires",
            Flag::PsychiatricEvaluation => "any of O4, O13, O14, H2, H3 fires",
            Flag::PtsdScreenPositive => "the PC-PTSD-5 total is 3 or more",
            Flag::SameDayClinicianContact => "any crisis rule (C1–C6), or any of I6, O9, O10, O11, O12, O16 fires",
            Flag::Show988 => "always",
            Flag::SuicideScreenRequired => "phq9.9 is 1 or more",
        }
    }
}

impl CrisisReason {
    /// The crisis rules this reason stands for.
    pub fn rules(self) -> &'static [RuleId] {
        match self {
            CrisisReason::Emergency => &[RuleId::C1],
            CrisisReason::SuicideScreen => &[RuleId::C2, RuleId::C3, RuleId::C4],
            CrisisReason::HarmToOthers => &[RuleId::C5],
            CrisisReason::RecentAttempt => &[RuleId::C6],
        }
    }

    /// The reason a crisis rule stands for; `None` for other rules.
    pub fn of(rule: RuleId) -> Option<CrisisReason> {
        CrisisReason::ALL
            .into_iter()
            .find(|r| r.rules().contains(&rule))
    }
}

/// The result of an assessment; `Serialize` gives the `carestep score` output exactly.
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

    /// Why the crisis screen is shown: the most urgent [`CrisisReason`]
    /// among the crisis rules that fired; `None` when none did (then the
    /// level is not `crisis_now`).
    pub fn crisis_reason(&self) -> Option<CrisisReason> {
        CrisisReason::ALL
            .into_iter()
            .find(|r| r.rules().iter().any(|&rule| self.fired(rule)))
    }

    /// Whether a flag is set.
    pub fn has_flag(&self, flag: Flag) -> bool {
        self.flags.contains(&flag)
    }

    /// The `carestep score` JSON, pretty-printed.
    pub fn to_json_pretty(&self) -> String {
        // Serialising plain structs of strings and integers cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl Level {
    /// The level in words, for the methodology page.
    pub fn meaning(self) -> &'static str {
        match self {
            Level::SelfCare => "self-care and monitoring, with a rescreen later",
            Level::Outpatient => "standard outpatient care (a therapist, counsellor or prescriber, usually under 9 hours a week)",
            Level::Iop => "an intensive outpatient programme (IOP: about 9–19 hours a week)",
            Level::Php => "partial hospitalization (PHP: a day programme of 20 hours a week or more)",
            Level::Inpatient => "inpatient or other 24-hour care (including crisis residential care and medically managed withdrawal)",
            Level::CrisisNow => "crisis: call or text 988 or call 911, or go to the nearest emergency department now",
            Level::OutOfScope => "not a level of care: the person is under 18, and is shown crisis numbers and youth resources",
        }
    }
}

/// How [`assess`] reaches the final level, step by step, in words (the
/// methodology page's "Final level"); the code is `assess` and `evaluate`.
pub const FINAL_LEVEL_STEPS: &[&str] = &[
    "If ctx.adult is 1 (under 18), G1 fires and the result is out_of_scope: no scores, no other rule, and the flags out_of_scope_minor and show_988.",
    "Otherwise every other rule is evaluated, and every rule whose condition holds is listed, crisis or not, in the order G1, C1–C6, H1–H4, P1–P3, I1–I7, O1–O19, E1.",
    "The clinical level is the highest level set by a fired H, P, I or O rule (H: inpatient, P: PHP, I: IOP, O: outpatient); self_care when none fired.",
    "E1: when the clinical level is IOP or PHP and home is not safe or there is no one to help (ctx.home_safe is 2 or ctx.support is 2), the level steps up one: IOP to PHP, PHP to inpatient. E1 is listed whenever this holds, even under a crisis.",
    "If any crisis rule C1–C6 fired, the final level is crisis_now, whatever else fired.",
    "Flags are worked out last, from the answers, the scores, the rules fired and the final level; they never change the level.",
];

/// The monotonicity guarantee in words, and what the tests check.
pub const MONOTONICITY: &[&str] = &[
    "Worse answers never lower the suggested level. Every answer that measures severity has codes ordered from least to most severe (DAST-10 item 3 is reversed: not always being able to stop is worse); ctx.adult, ctx.sex and ctx.attend are not severity answers, and ctx.attend changes a flag only.",
    "Why it holds: each rule's condition is ANDs and ORs of tests of the form \"score or answer is at least a cut-off\" (or \"is exactly the highest code\", or \"the screen is positive\"), and every total is a sum that cannot fall when an answer gets worse. So a worse answer can only add fired rules; the highest level set can only rise; E1's step-up (IOP to PHP, PHP to inpatient) never gives less than the level it starts from; and a crisis only raises the level.",
    "What the tests check (engine/tests/properties.rs, 2,000 random answer sets a run): making any single severity answer worse never lowers the level and never removes a fired rule other than E1 (a higher floor can replace the step-up); any crisis rule gives crisis_now, lists the rule, sets same_day_clinician_contact and interrupts the questionnaire in every deployment; every answer set gets a well-formed result. engine/tests/exhaustive.rs and the case vignettes in engine/tests/vignettes/ check the rules and bands further.",
];

/// Scores the answers and applies the rules (methodology.md#final-level).
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
    let e = evaluate(&Ctx {
        a: answers,
        s: &scores,
        record: false,
        describe: false,
    });
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

/// G1: `ctx.adult` = 1 (a declined answer is not out of scope, methodology.md#declined-and-missing).
pub(crate) fn is_out_of_scope(a: &Answers) -> bool {
    a.value(ItemId::CtxAdult) == Some(1)
}

/// Whether any crisis rule C1–C6 holds. Used by the flow to interrupt the
/// questionnaire; it is the same code `evaluate` uses.
pub(crate) fn any_crisis(a: &Answers) -> bool {
    let s = Scores::default();
    let cx = Ctx {
        a,
        s: &s,
        record: false,
        describe: false,
    };
    crisis_rules(&cx).iter().any(|(_, c)| c.holds)
}

// ---------------------------------------------------------------------------
// Conditions and their witnesses
// ---------------------------------------------------------------------------

/// What a [`Part`] of a rule's condition tests: a score (its total or band)
/// or a single answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    /// The `carestep score` score of this kind.
    Score(ScoreKind),
    /// The answer to this item.
    Item(ItemId),
}

/// The test a [`Part`] applies to its subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// The score's total, or the answer's value, is at least this.
    AtLeast(u64),
    /// The answer's value is exactly this.
    Is(u64),
    /// The score's band is a positive screen (MDQ positive; ASQ non-acute or
    /// acute positive).
    Positive,
    /// The item was asked and declined.
    Declined,
}

/// One elementary test of a rule's condition (methodology.md#rules), e.g. "PHQ-9 total
/// ≥ 15" or "ctx.support ≥ 1". Every rule's condition is written, once, as
/// ANDs and ORs of parts (in `evaluate` and `crisis_rules`); the same
/// expression gives both whether the rule fires and its [`Witnesses`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub struct Part {
    pub subject: Subject,
    pub test: Test,
}

impl Part {
    /// Whether the part holds for these answers and their scores (`scores`
    /// must be `score(answers)`; item parts read only the answers). Declined
    /// and absent answers have no value: they satisfy only `Declined`.
    pub fn holds(&self, a: &Answers, s: &Scores) -> bool {
        match (self.subject, self.test) {
            (Subject::Item(id), Test::AtLeast(t)) => a.value(id).is_some_and(|v| v >= t),
            (Subject::Item(id), Test::Is(t)) => a.value(id) == Some(t),
            (Subject::Item(id), Test::Declined) => a.get(id) == Some(Response::Declined),
            (Subject::Score(k), Test::AtLeast(t)) => {
                score_total(s, k).is_some_and(|x| u64::from(x) >= t)
            }
            (Subject::Score(ScoreKind::Mdq), Test::Positive) => {
                s.mdq.is_some_and(|m| m.band == ScreenBand::Positive)
            }
            (Subject::Score(ScoreKind::Asq), Test::Positive) => {
                s.asq.is_some_and(|x| x.band != AsqBand::Negative)
            }
            _ => false,
        }
    }
}

/// A rule's condition as data: the same ANDs and ORs of [`Part`]s that
/// `evaluate` computes the verdict from, kept when it runs in describe mode
/// ([`conditions`]). The methodology page words each rule from it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expr {
    /// One elementary test.
    Part(Part),
    /// All of these hold.
    All(Vec<Expr>),
    /// At least one of these holds.
    Any(Vec<Expr>),
    /// A derived variable (its definition: [`conditions`]).
    Var(Derived),
    /// A condition that decides but is not evidence about the person.
    Guard(Guard),
}

string_enum! {
    /// The derived variables of the model: named ORs of parts that several
    /// rules share.
    pub enum Derived {
        SymSev => "SYM_SEV",
        SymMod => "SYM_MOD",
        FuncSev => "FUNC_SEV",
        FuncSig => "FUNC_SIG",
        SubstanceSevere => "SUBSTANCE_SEVERE",
    }
}

impl Derived {
    /// What the variable stands for, in words.
    pub fn meaning(self) -> &'static str {
        match self {
            Derived::SymSev => "severe symptoms: a depression or anxiety score in the moderately severe or severe range, or serious psychological distress",
            Derived::SymMod => "at least moderate symptoms on any screen: depression, anxiety, trauma, distress, alcohol or drugs",
            Derived::FuncSev => "severe difficulty functioning in daily life",
            Derived::FuncSig => "significant difficulty functioning in daily life",
            Derived::SubstanceSevere => "alcohol or drug use in the range where a specialist assessment is advised",
        }
    }
}

string_enum! {
    /// A condition in a rule that is not a [`Part`]: it reads which
    /// questions were asked, or the clinical level, not how severe an
    /// answer is.
    pub enum Guard {
        AuditCOnly => "AUDIT_C_ONLY",
        ClinicalLevelIopOrPhp => "CLINICAL_LEVEL_IOP_OR_PHP",
    }
}

impl Guard {
    /// The condition, in words.
    pub fn meaning(self) -> &'static str {
        match self {
            // `audit_c_only` below.
            Guard::AuditCOnly => "only the 3 AUDIT-C questions were answered: at least one of audit.1–audit.3 has an answer and none of audit.4–audit.10 does (a declined question has no answer). When the full AUDIT was answered, its total is used instead",
            // `evaluate`: the clinical level before E1.
            Guard::ClinicalLevelIopOrPhp => "the clinical level (the highest level set by the H, P, I and O rules) is IOP or PHP",
        }
    }
}

/// Every rule's condition, as the engine evaluates it, in `RuleId::ALL`
/// order, and the derived variables' definitions. Computed by running the
/// rules' own code in describe mode (no answers), so a rule cannot be
/// evaluated from one condition and described from another. G1's
/// condition is the gate of [`assess`] (`ctx.adult` = 1), as [`explain`]
/// reports it.
pub fn conditions() -> Conditions {
    let a = Answers::new();
    let s = Scores::default();
    let e = evaluate(&Ctx {
        a: &a,
        s: &s,
        record: false,
        describe: true,
    });
    let gate = Expr::Part(Part {
        subject: Subject::Item(ItemId::CtxAdult),
        test: Test::Is(1),
    });
    // In `RuleId::ALL` order, picked rather than sorted (a sort's code would go into the
    // widget, which shows the methodology page).
    let mut exprs = e.exprs;
    exprs.push((RuleId::G1, gate));
    let mut rules = Vec::with_capacity(exprs.len());
    for r in RuleId::ALL {
        if let Some(k) = exprs.iter().position(|(x, _)| *x == r) {
            rules.push(exprs.swap_remove(k));
        }
    }
    Conditions {
        rules,
        derived: e.defs,
    }
}

/// Every rule's condition and the derived variables' definitions
/// ([`conditions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conditions {
    /// Each rule with its condition, in `RuleId::ALL` order.
    pub rules: Vec<(RuleId, Expr)>,
    /// Each derived variable with its definition, in the order `evaluate`
    /// defines them.
    pub derived: Vec<(Derived, Expr)>,
}

/// The total a rule compares with a threshold; `None` when the instrument
/// was not asked (or, for PHQ-9 and GAD-7, has no total: more than one item
/// missing), so the rule does not fire.
fn score_total(s: &Scores, k: ScoreKind) -> Option<u32> {
    match k {
        ScoreKind::Phq9 => s.phq9.and_then(|x| x.total),
        ScoreKind::Gad7 => s.gad7.and_then(|x| x.total),
        ScoreKind::K6 => s.k6.map(|x| x.total),
        ScoreKind::Wsas => s.wsas.map(|x| x.total),
        ScoreKind::Pcptsd5 => s.pcptsd5.map(|x| x.total),
        ScoreKind::Dast10 => s.dast10.map(|x| x.total),
        ScoreKind::Audit => s.audit.map(|x| x.total),
        ScoreKind::Auditc => s.auditc.map(|x| x.total),
        _ => None,
    }
}

/// What satisfied a fired rule's condition: the parts that held in the
/// satisfied branches (for an OR, every disjunct that holds; for an AND,
/// every conjunct's witnesses; for E1's clinical level, the witnesses of the
/// rules that set it), and, in the shape of [`RuleInputs`], the scores and
/// answers they test. Empty when the rule did not fire.
///
/// Not witnesses, because they are not evidence about the person: the
/// in-scope gate (`ctx.adult` ≠ 1) and AUDIT_C_ONLY (whether the full AUDIT
/// was asked, which chooses the AUDIT-C thresholds, methodology.md#derived-variables).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Witnesses {
    /// The parts that held, in the order the condition lists them.
    pub parts: Vec<Part>,
    /// The scores tested by `parts`, each once, in order.
    pub scores: Vec<ScoreKind>,
    /// The answers tested by `parts`, each once, in order.
    pub items: Vec<ItemId>,
    /// Scores shown next to `items` because they sum those answers up
    /// ([`RuleInputs::summaries`]); empty when `items` is.
    pub summaries: &'static [ScoreKind],
}

impl Witnesses {
    fn new(rule: RuleId, parts: Vec<Part>) -> Self {
        let mut scores = Vec::new();
        let mut items = Vec::new();
        for p in &parts {
            match p.subject {
                Subject::Score(k) if !scores.contains(&k) => scores.push(k),
                Subject::Item(id) if !items.contains(&id) => items.push(id),
                _ => {}
            }
        }
        let summaries = if items.is_empty() {
            &[]
        } else {
            rule.inputs().summaries
        };
        Witnesses {
            parts,
            scores,
            items,
            summaries,
        }
    }

    /// Whether there is no witness (the rule did not fire).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// A condition evaluated: whether it holds and, when it does, the parts that
/// made it hold.
#[derive(Debug, Clone, Default)]
struct Cond {
    holds: bool,
    why: Vec<Part>,
    /// The condition itself, kept only when describing (`Ctx::describe`).
    expr: Option<Expr>,
}

/// What a condition is evaluated on: the answers, their scores, and whether
/// to record witnesses ([`assess`] needs only the verdicts, [`explain`] both;
/// the expression is the same).
struct Ctx<'a> {
    a: &'a Answers,
    s: &'a Scores,
    record: bool,
    /// Keep each condition as an [`Expr`] ([`conditions`]).
    describe: bool,
}

impl Cond {
    fn part(p: Part, cx: &Ctx) -> Cond {
        let holds = p.holds(cx.a, cx.s);
        Cond {
            holds,
            why: if holds && cx.record {
                vec![p]
            } else {
                Vec::new()
            },
            expr: cx.describe.then_some(Expr::Part(p)),
        }
    }

    /// A condition that is not evidence (AUDIT_C_ONLY; the clinical level's
    /// range for E1): it decides, but adds no witness.
    fn guard(holds: bool, g: Guard, cx: &Ctx) -> Cond {
        Cond {
            holds,
            why: Vec::new(),
            expr: cx.describe.then_some(Expr::Guard(g)),
        }
    }

    /// A derived variable: the same verdict and witnesses, described by
    /// its name (its definition is recorded once, in `defs`).
    fn named(self, d: Derived, defs: &mut Vec<(Derived, Expr)>) -> Cond {
        match self.expr {
            Some(e) => {
                defs.push((d, e));
                Cond {
                    expr: Some(Expr::Var(d)),
                    ..self
                }
            }
            None => self,
        }
    }
}

/// OR: holds when any holds; its witnesses are those of every disjunct that
/// holds. (A thin generic front for `any_of`, so that each arity does not get
/// its own copy of the body in the WebAssembly.)
#[inline(always)]
fn any<const N: usize>(cs: [&Cond; N]) -> Cond {
    any_of(&cs)
}

fn any_of(cs: &[&Cond]) -> Cond {
    let holds = cs.iter().any(|c| c.holds);
    let mut why = Vec::new();
    for c in cs {
        if c.holds {
            why.extend_from_slice(&c.why);
        }
    }
    Cond {
        holds,
        why,
        expr: exprs(cs).map(|v| {
            // A chain of ORs reads as one list.
            let mut list = Vec::new();
            for e in v {
                match e {
                    Expr::Any(x) => list.extend(x),
                    e => list.push(e),
                }
            }
            Expr::Any(list)
        }),
    }
}

/// The operands' expressions, when describing.
fn exprs(cs: &[&Cond]) -> Option<Vec<Expr>> {
    cs.iter().map(|c| c.expr.clone()).collect()
}

/// AND: holds when all hold; its witnesses are every conjunct's. (A thin
/// generic front for `all_of`, like `any`.)
#[inline(always)]
fn all<const N: usize>(cs: [&Cond; N]) -> Cond {
    all_of(&cs)
}

fn all_of(cs: &[&Cond]) -> Cond {
    let holds = cs.iter().all(|c| c.holds);
    let mut why = Vec::new();
    if holds {
        for c in cs {
            why.extend_from_slice(&c.why);
        }
    }
    Cond {
        holds,
        why,
        expr: exprs(cs).map(Expr::All),
    }
}

fn item(id: ItemId, test: Test, cx: &Ctx) -> Cond {
    Cond::part(
        Part {
            subject: Subject::Item(id),
            test,
        },
        cx,
    )
}

fn total(k: ScoreKind, t: u64, cx: &Ctx) -> Cond {
    Cond::part(
        Part {
            subject: Subject::Score(k),
            test: Test::AtLeast(t),
        },
        cx,
    )
}

/// C1–C6: they read single answers only, so the flow can evaluate them
/// before any score exists (`s` is then empty and unread).
fn crisis_rules(cx: &Ctx) -> [(RuleId, Cond); 6] {
    use ItemId as I;
    use Test::Is;
    let is = |id, t| item(id, Is(t), cx);
    [
        (RuleId::C1, is(I::CtxEmergency, 1)),
        (RuleId::C2, any([&is(I::Cssrs4, 1), &is(I::Cssrs5, 1)])),
        (RuleId::C3, all([&is(I::Cssrs6, 1), &is(I::Cssrs6b, 1)])),
        (RuleId::C4, is(I::Asq5, 1)),
        (RuleId::C5, is(I::CtxHarmOthers, 2)),
        (RuleId::C6, all([&is(I::Asq4, 1), &is(I::CtxAttempt3m, 1)])),
    ]
}

/// AUDIT_C_ONLY (methodology.md#derived-variables, methodology.md#var-audit-c-only): at least one of audit.1–3 has a value
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
    /// Each rule's witnesses, indexed by `RuleId as usize` (empty unless it
    /// fired); only when witnesses are recorded.
    why: Vec<Vec<Part>>,
    /// Each rule's condition (G1 aside), only when describing.
    exprs: Vec<(RuleId, Expr)>,
    /// The derived variables' definitions, only when describing.
    defs: Vec<(Derived, Expr)>,
}

/// The derived variables and every rule except G1.
fn evaluate(cx: &Ctx) -> Evaluation {
    let (a, s) = (cx.a, cx.s);
    use ItemId as I;
    use RuleId as R;
    use ScoreKind as K;
    use Test::{AtLeast, Declined, Is, Positive};
    // A ctx item (or any single item) contributes only when it has a value:
    // declined and absent answers fire nothing (methodology.md#declined-and-missing). PHQ-9/GAD-7
    // with more than one missing item have no total, so rules using them do
    // not fire.
    let is = |id, t| item(id, Is(t), cx);
    let at_least = |id, t| item(id, AtLeast(t), cx);
    let ge = |k, t| total(k, t, cx);
    let positive = |k| {
        Cond::part(
            Part {
                subject: Subject::Score(k),
                test: Positive,
            },
            cx,
        )
    };

    let mut defs = Vec::new();
    let audit_c_only = Cond::guard(audit_c_only(a), Guard::AuditCOnly, cx);
    let mdq_pos = positive(K::Mdq);

    // The derived variables of methodology.md#derived-variables.
    let sym_sev =
        any([&ge(K::Phq9, 15), &ge(K::Gad7, 15), &ge(K::K6, 13)]).named(Derived::SymSev, &mut defs);
    let sym_mod = any([
        &ge(K::Phq9, 10),
        &ge(K::Gad7, 10),
        &ge(K::Pcptsd5, 3),
        &ge(K::K6, 13),
        &ge(K::Audit, 16),
        &ge(K::Dast10, 3),
        &all([&audit_c_only, &ge(K::Auditc, 8)]),
    ])
    .named(Derived::SymMod, &mut defs);
    let func_sev = any([&ge(K::Wsas, 21), &is(I::Phq9_10, 3)]).named(Derived::FuncSev, &mut defs);
    let func_sig =
        any([&ge(K::Wsas, 10), &at_least(I::Phq9_10, 2)]).named(Derived::FuncSig, &mut defs);
    let substance_severe = any([
        &ge(K::Audit, 20),
        &ge(K::Dast10, 6),
        &all([&audit_c_only, &ge(K::Auditc, 10)]),
    ])
    .named(Derived::SubstanceSevere, &mut defs);
    // O12 (methodology.md#rule-o12): any ASQ positive, or any declined suicide-screen
    // item (the ASQ band already counts a declined ASQ item).
    // (An OR over the listed items, as `any` would give.)
    let declined = |ids: &[ItemId]| {
        ids.iter()
            .map(|&id| item(id, Declined, cx))
            .reduce(|acc, c| any([&acc, &c]))
            .unwrap_or_default()
    };
    let asq_positive = positive(K::Asq);

    let mut conds: Vec<(RuleId, Cond)> = crisis_rules(cx).into_iter().collect();
    conds.extend([
        (R::H1, is(I::CtxWithdrawal, 2)),
        (R::H2, is(I::CtxMania, 2)),
        (R::H3, is(I::CtxPsychosis, 2)),
        (
            R::H4,
            all([&is(I::CtxSelfcare, 2), &at_least(I::CtxSupport, 1)]),
        ),
        (R::P1, all([&sym_sev, &func_sev])),
        (R::P2, all([&is(I::CtxRecentAcute, 2), &sym_mod])),
        (R::P3, is(I::CtxSelfcare, 2)),
        (R::I1, all([&sym_sev, &func_sig])),
        (R::I2, all([&sym_mod, &func_sev])),
        (R::I3, all([&sym_mod, &is(I::CtxTxStatus, 2)])),
        (R::I4, all([&at_least(I::CtxRecentAcute, 1), &sym_mod])),
        (R::I5, is(I::CtxRecentAcute, 2)),
        (R::I6, is(I::Cssrs3, 1)),
        (R::I7, substance_severe.clone()),
        (R::O1, ge(K::Phq9, 10)),
        (R::O2, ge(K::Gad7, 10)),
        (R::O3, ge(K::Pcptsd5, 3)),
        (R::O4, mdq_pos.clone()),
        (
            R::O5,
            any([&ge(K::Audit, 16), &all([&audit_c_only, &ge(K::Auditc, 8)])]),
        ),
        (R::O6, ge(K::Dast10, 3)),
        (R::O7, ge(K::K6, 13)),
        (R::O8, ge(K::Wsas, 10)),
        (R::O9, at_least(I::Phq9_9, 1)),
        (R::O10, any([&is(I::Cssrs1, 1), &is(I::Cssrs2, 1)])),
        (R::O11, is(I::Cssrs6, 1)),
        (
            R::O12,
            any([
                &asq_positive,
                &declined(&ASQ_ITEMS),
                &declined(&CSSRS_ITEMS),
            ]),
        ),
        (R::O13, at_least(I::CtxPsychosis, 1)),
        (R::O14, at_least(I::CtxMania, 1)),
        (R::O15, at_least(I::CtxWithdrawal, 1)),
        (R::O16, at_least(I::CtxHarmOthers, 1)),
        (R::O17, at_least(I::CtxRecentAcute, 1)),
        (R::O18, is(I::CtxTxStatus, 2)),
        (R::O19, at_least(I::CtxSelfcare, 1)),
    ]);
    let mut rules = 0;
    let mut why: Vec<Vec<Part>> = Vec::new();
    if cx.record {
        why.resize(RuleId::COUNT, Vec::new());
    }
    for (r, c) in conds.iter() {
        if c.holds {
            rules |= r.bit();
            if cx.record {
                why[*r as usize] = c.why.clone();
            }
        }
    }

    // methodology.md#final-level: the clinical level is the highest floor of the H, P, I and O
    // rules; E1 steps IOP and PHP up one level when home is unsafe or there
    // is no support. E1 is evaluated even under a crisis (methodology.md#final-level). The
    // witnesses of the clinical level are those of the rules that set it.
    let clinical = conds
        .iter()
        .filter(|(r, c)| c.holds && !r.is_crisis())
        .filter_map(|(r, _)| r.floor())
        .max()
        .unwrap_or(Level::SelfCare);
    let clinical_level = Cond {
        holds: matches!(clinical, Level::Iop | Level::Php),
        expr: cx
            .describe
            .then_some(Expr::Guard(Guard::ClinicalLevelIopOrPhp)),
        why: conds
            .iter()
            .filter(|(r, c)| c.holds && !r.is_crisis() && r.floor() == Some(clinical))
            .flat_map(|(_, c)| c.why.iter().copied())
            .collect(),
    };
    let unsafe_or_alone = any([&is(I::CtxHomeSafe, 2), &is(I::CtxSupport, 2)]);
    let e1 = all([&clinical_level, &unsafe_or_alone]);
    let step_up = e1.holds;
    let exprs = if cx.describe {
        conds
            .iter()
            .chain([(R::E1, e1.clone())].iter())
            .filter_map(|(r, c)| c.expr.clone().map(|e| (*r, e)))
            .collect()
    } else {
        Vec::new()
    };
    if step_up {
        rules |= R::E1.bit();
        if cx.record {
            why[R::E1 as usize] = e1.why;
        }
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
    let v = |id| a.value(id);
    let has = |id, t: u64| v(id).is_some_and(|x| x >= t);
    let audit = s.audit.map(|x| x.total);
    let auditc_positive = s.auditc.is_some_and(|x| x.band == ScreenBand::Positive);
    let mut flags = Vec::new();
    let mut flag = |f: Flag, cond: bool| {
        if cond {
            flags.push(f);
        }
    };
    // Pushed in Flag::ALL (alphabetical) order.
    flag(Flag::AddictionSpecialistAssessment, substance_severe.holds);
    flag(
        Flag::AttendanceBarrier,
        has(I::CtxAttend, 1) && matches!(level, Level::Iop | Level::Php),
    );
    flag(Flag::BipolarScreenPositive, mdq_pos.holds);
    flag(
        Flag::BriefAlcoholAdvice,
        audit.is_some_and(|t| (8..=15).contains(&t))
            || (auditc_positive && audit.is_none_or(|t| t < 16)),
    );
    flag(Flag::HomeSafetyResources, has(I::CtxHomeSafe, 1));
    flag(Flag::MedicalWithdrawalAdvice, has(I::CtxWithdrawal, 1));
    flag(
        Flag::PsychiatricEvaluation,
        [R::O4, R::O13, R::O14, R::H2, R::H3].into_iter().any(fired),
    );
    flag(Flag::PtsdScreenPositive, ge(K::Pcptsd5, 3).holds);
    flag(
        Flag::SameDayClinicianContact,
        crisis
            || [R::I6, R::O9, R::O10, R::O11, R::O12, R::O16]
                .into_iter()
                .any(fired),
    );
    flag(Flag::Show988, true);
    flag(Flag::SuicideScreenRequired, has(I::Phq9_9, 1));

    Evaluation {
        rules,
        level,
        flags,
        why,
        exprs,
        defs,
    }
}

/// The witnesses of `rule` for these answers: the scores and answers that
/// satisfied its condition (see [`Witnesses`]); empty when it did not fire.
/// Computed by the same evaluation as [`assess`], so a witness list is
/// non-empty exactly for the rules in `assess(answers).rules_fired`.
pub fn witnesses(rule: RuleId, answers: &Answers) -> Witnesses {
    explain(answers)
        .into_iter()
        .find(|(r, _)| *r == rule)
        .map(|(_, w)| w)
        .unwrap_or_default()
}

/// Every fired rule with its witnesses, in `rules_fired` order.
pub fn explain(answers: &Answers) -> Vec<(RuleId, Witnesses)> {
    if is_out_of_scope(answers) {
        let gate = Part {
            subject: Subject::Item(ItemId::CtxAdult),
            test: Test::Is(1),
        };
        return vec![(RuleId::G1, Witnesses::new(RuleId::G1, vec![gate]))];
    }
    let scores = score(answers);
    let e = evaluate(&Ctx {
        a: answers,
        s: &scores,
        record: true,
        describe: false,
    });
    RuleId::ALL
        .into_iter()
        .filter(|r| e.rules & r.bit() != 0)
        .map(|r| (r, Witnesses::new(r, e.why[r as usize].clone())))
        .collect()
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
    fn crisis_reasons_cover_the_crisis_rules_once() {
        for r in RuleId::ALL {
            let reasons: Vec<_> = CrisisReason::ALL
                .into_iter()
                .filter(|c| c.rules().contains(&r))
                .collect();
            assert_eq!(reasons.len(), usize::from(r.is_crisis()), "{r}");
            assert_eq!(CrisisReason::of(r), reasons.first().copied());
        }
    }

    #[test]
    fn the_most_urgent_crisis_reason_is_chosen() {
        use CrisisReason::*;
        let v = |x| Response::Value(x);
        let with = |pairs: &[(ItemId, u64)]| {
            let mut a = Answers::new();
            a.set(ItemId::CtxAdult, v(0)).unwrap();
            for &(id, x) in pairs {
                a.set(id, v(x)).unwrap();
            }
            assess(&a).crisis_reason()
        };
        use ItemId as I;
        assert_eq!(with(&[]), None);
        assert_eq!(with(&[(I::CtxHarmOthers, 1)]), None);
        assert_eq!(with(&[(I::CtxEmergency, 1)]), Some(Emergency));
        assert_eq!(with(&[(I::Cssrs4, 1)]), Some(SuicideScreen));
        assert_eq!(
            with(&[(I::Cssrs6, 1), (I::Cssrs6b, 1)]),
            Some(SuicideScreen)
        );
        assert_eq!(with(&[(I::Asq5, 1)]), Some(SuicideScreen));
        assert_eq!(with(&[(I::CtxHarmOthers, 2)]), Some(HarmToOthers));
        assert_eq!(
            with(&[(I::Asq4, 1), (I::CtxAttempt3m, 1)]),
            Some(RecentAttempt)
        );
        // Several: the most urgent wins.
        let all = [
            (I::CtxEmergency, 1),
            (I::Asq5, 1),
            (I::CtxHarmOthers, 2),
            (I::Asq4, 1),
            (I::CtxAttempt3m, 1),
        ];
        assert_eq!(with(&all), Some(Emergency));
        assert_eq!(with(&all[1..]), Some(SuicideScreen));
        assert_eq!(with(&all[2..]), Some(HarmToOthers));
        assert_eq!(with(&all[3..]), Some(RecentAttempt));
        // Out of scope: no crisis reason.
        let mut a = Answers::new();
        a.set(I::CtxAdult, v(1)).unwrap();
        a.set(I::CtxEmergency, v(1)).unwrap();
        assert_eq!(assess(&a).crisis_reason(), None);
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
