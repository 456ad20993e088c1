//! What the result explains and what Print and Save contain, built once from the engine's
//! `Assessment` and the answers: the reasons (one plain sentence per fired rule with the
//! scores and answers behind it), the notes (one per flag), the score table, every answer,
//! the attribution lines and the date. The result screen, the printed page and the saved
//! text file all read the same [`Summary`], so they cannot disagree.
//!
//! Nothing here decides anything: which rules fired, which flags are set, every total and
//! band, and which scores and answers each rule reads (`RuleId::inputs`) come from the
//! engine. This module only picks the words.

use crate::messages as m;
use carestep_engine::{
    explain, instrument, item, AnswerKind, Answers, Assessment, Flag, Instrument, ItemId, Level,
    Response, RuleId, ScoreKind, Scores, Witnesses,
};

/// One row of the score table: "Depression (PHQ-9)", "17", "moderately severe".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    /// Which entry of the engine's scores this row shows.
    pub key: ScoreKind,
    pub measure: &'static str,
    pub value: String,
    /// The band as the instrument's manual names it (the score table, Print, Save).
    pub band: String,
    /// The band in plain words, next to a reason ("no sign of a problem" for a negative
    /// screen); `None` where `band` is plain already.
    pub plain: Option<&'static str>,
}

impl ScoreRow {
    /// "Depression (PHQ-9): 17, moderately severe".
    pub fn sentence(&self) -> String {
        self.with_band(&self.band)
    }

    /// The same with the band in plain words, for the evidence under a reason.
    pub fn plain_sentence(&self) -> String {
        self.with_band(self.plain.unwrap_or(&self.band))
    }

    fn with_band(&self, band: &str) -> String {
        if self.value == m::SCORE_NO_TOTAL {
            [self.measure, ": ", band].concat()
        } else {
            [self.measure, ": ", &self.value, ", ", band].concat()
        }
    }

    /// This row with its band in other plain words.
    fn plain(mut self, plain: &'static str) -> ScoreRow {
        self.plain = Some(plain);
        self
    }
}

/// One fired rule, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub rule: RuleId,
    pub sentence: &'static str,
    /// The scores and answers behind it, e.g. "Depression (PHQ-9): 17, moderately severe".
    pub evidence: Vec<String>,
}

/// One answer, for the check page and the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: ItemId,
    pub instrument: &'static str,
    pub question: &'static str,
    pub answer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub date: String,
    pub level: Level,
    pub reasons: Vec<Reason>,
    pub notes: Vec<&'static str>,
    /// How many of `notes`, from the first, are urgent (same-day contact, withdrawal, the
    /// suicide questions, home safety): the result shows them before the reasons.
    pub urgent: usize,
    pub scores: Vec<ScoreRow>,
    pub answers: Vec<AnswerRow>,
    pub attributions: Vec<String>,
    pub model_version: &'static str,
}

impl Summary {
    /// Builds the summary; `asked` is the list of questions asked, in order (the engine's
    /// path), and `date` the date to print.
    pub fn new(assessment: &Assessment, answers: &Answers, asked: &[ItemId], date: String) -> Self {
        let scores = score_rows(&assessment.scores);
        // Each fired rule's witnesses: the scores and answers that made it fire (not all
        // it reads), from the same evaluation as the assessment.
        let reasons = explain(answers)
            .into_iter()
            .map(|(rule, witnesses)| Reason {
                rule,
                sentence: m::rule_sentence(rule),
                evidence: evidence(&witnesses, &scores, answers),
            })
            .collect();
        Summary {
            date,
            level: assessment.level,
            reasons,
            notes: notes(&assessment.flags),
            urgent: URGENT
                .iter()
                .filter(|f| assessment.flags.contains(f))
                .count(),
            scores,
            answers: answer_rows(answers, asked),
            attributions: attributions(answers, asked),
            model_version: assessment.model_version,
        }
    }

    /// The saved file: plain text, the same content as the printed page.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        // One line of the file: its parts, then a line break.
        let mut line = |parts: &[&str]| {
            for part in parts {
                out.push_str(part);
            }
            out.push('\n');
        };
        line(&[m::SUMMARY_TITLE]);
        line(&[&"=".repeat(m::SUMMARY_TITLE.chars().count())]);
        line(&[m::SUMMARY_DATE, " ", &self.date]);
        line(&[]);
        line(&[m::SUMMARY_LEVEL, " ", m::level_name(self.level)]);
        line(&[]);
        line(&[m::SUMMARY_REASONS]);
        if self.reasons.is_empty() {
            line(&["- ", m::RESULT_WHY_NONE]);
        }
        for reason in &self.reasons {
            line(&["- [", reason.rule.as_str(), "] ", reason.sentence]);
            for evidence in &reason.evidence {
                line(&["    ", evidence]);
            }
        }
        line(&[]);
        line(&[m::RESULT_IMPORTANT]);
        for note in &self.notes {
            line(&["- ", note]);
        }
        line(&[]);
        line(&[m::SUMMARY_SCORES]);
        for row in &self.scores {
            line(&["- ", &row.sentence()]);
        }
        line(&[]);
        line(&[m::SUMMARY_ANSWERS]);
        let mut current = "";
        for row in &self.answers {
            if row.instrument != current {
                current = row.instrument;
                line(&["  ", current]);
            }
            line(&["- ", row.question, " [", row.id.as_str(), "]"]);
            line(&["    ", &row.answer]);
        }
        line(&[]);
        line(&[m::SUMMARY_ATTRIBUTION]);
        for attribution in &self.attributions {
            line(&["- ", attribution]);
        }
        line(&["- ", m::SUMMARY_MODEL, " ", self.model_version]);
        line(&[]);
        line(&[m::SUMMARY_NOT_DIAGNOSIS]);
        out
    }
}

/// The label of the option chosen, the count, or "Skipped".
pub fn answer_text(id: ItemId, response: Response) -> String {
    match (item(id).answer, response) {
        (_, Response::Declined) => m::DECLINED.to_owned(),
        (AnswerKind::Count, Response::Value(v)) => v.to_string(),
        (AnswerKind::Choices(choices), Response::Value(v)) => choices
            .iter()
            .find(|c| u64::from(c.code) == v)
            .map(|c| c.label.to_owned())
            .unwrap_or_else(|| v.to_string()),
    }
}

/// Every answered question on the path, in order.
pub fn answer_rows(answers: &Answers, asked: &[ItemId]) -> Vec<AnswerRow> {
    let mut rows = Vec::new();
    for &id in asked {
        if let Some(response) = answers.get(id) {
            let it = item(id);
            rows.push(AnswerRow {
                id,
                instrument: instrument(it.instrument).name,
                question: it.text,
                answer: answer_text(id, response),
            });
        }
    }
    rows
}

/// The attribution line of each instrument that was asked, once each, in order.
pub fn attributions(answers: &Answers, asked: &[ItemId]) -> Vec<String> {
    let mut seen: Vec<Instrument> = Vec::new();
    let mut out = Vec::new();
    for &id in asked {
        if answers.get(id).is_none() {
            continue;
        }
        let which = item(id).instrument;
        if seen.contains(&which) {
            continue;
        }
        seen.push(which);
        let info = instrument(which);
        if let Some(line) = info.attribution {
            // Some lines already open with the instrument's name ("AUDIT © World
            // Health Organization …"); don't say it twice.
            if line.starts_with(info.name) {
                out.push(line.to_owned());
            } else {
                out.push([info.name, ": ", line].concat());
            }
        }
    }
    out
}

/// The urgent flags, first in `notes`.
const URGENT: [Flag; 4] = [
    Flag::SameDayClinicianContact,
    Flag::MedicalWithdrawalAdvice,
    Flag::SuicideScreenRequired,
    Flag::HomeSafetyResources,
];

/// One message per flag, the most urgent first and `show_988` last, so it closes the list.
pub fn notes(flags: &[Flag]) -> Vec<&'static str> {
    const ORDER: [Flag; 11] = [
        Flag::SameDayClinicianContact,
        Flag::MedicalWithdrawalAdvice,
        Flag::SuicideScreenRequired,
        Flag::HomeSafetyResources,
        Flag::PsychiatricEvaluation,
        Flag::BipolarScreenPositive,
        Flag::PtsdScreenPositive,
        Flag::AddictionSpecialistAssessment,
        Flag::BriefAlcoholAdvice,
        Flag::AttendanceBarrier,
        Flag::Show988,
    ];
    // `out_of_scope_minor` has its own screen.
    ORDER
        .iter()
        .filter(|f| flags.contains(f))
        .map(|&f| m::flag_message(f))
        .collect()
}

/// A row with a total and its band in words.
fn total_row(key: ScoreKind, measure: &'static str, total: u32, band: &'static str) -> ScoreRow {
    ScoreRow {
        key,
        measure,
        value: total.to_string(),
        band: band.to_owned(),
        plain: None,
    }
}

/// A row of an instrument that may be left incomplete: its total and band when it has one
/// ("(partial)" when not every item was answered), otherwise "incomplete".
fn completable_row(
    key: ScoreKind,
    measure: &'static str,
    total: Option<u32>,
    band: Option<&'static str>,
    complete: bool,
) -> ScoreRow {
    match (total, band) {
        (Some(total), Some(band)) if complete => total_row(key, measure, total, band),
        (Some(total), Some(band)) => ScoreRow {
            key,
            measure,
            value: total.to_string(),
            band: [band, " (", m::SCORE_PARTIAL, ")"].concat(),
            plain: None,
        },
        _ => band_row(key, measure, m::SCORE_INCOMPLETE),
    }
}

/// A row with a band and no total.
fn band_row(key: ScoreKind, measure: &'static str, band: &'static str) -> ScoreRow {
    ScoreRow {
        key,
        measure,
        value: m::SCORE_NO_TOTAL.to_owned(),
        band: band.to_owned(),
        plain: None,
    }
}

/// The engine's scores as table rows, in administration order.
pub fn score_rows(s: &Scores) -> Vec<ScoreRow> {
    use ScoreKind as K;
    let mut rows = Vec::new();
    if let Some(x) = &s.phq9 {
        let band = x.band.map(m::phq9_band);
        rows.push(completable_row(
            K::Phq9,
            m::SCORE_PHQ9,
            x.total,
            band,
            x.complete,
        ));
    }
    if let Some(x) = &s.phq2 {
        rows.push(
            total_row(K::Phq2, m::SCORE_PHQ2, x.total, m::screen_band(x.band))
                .plain(m::screen_plain(x.band)),
        );
    }
    if let Some(x) = &s.gad7 {
        let band = x.band.map(m::gad7_band);
        rows.push(completable_row(
            K::Gad7,
            m::SCORE_GAD7,
            x.total,
            band,
            x.complete,
        ));
    }
    if let Some(x) = &s.gad2 {
        rows.push(
            total_row(K::Gad2, m::SCORE_GAD2, x.total, m::screen_band(x.band))
                .plain(m::screen_plain(x.band)),
        );
    }
    if let Some(x) = &s.k6 {
        rows.push(total_row(K::K6, m::SCORE_K6, x.total, m::k6_band(x.band)));
    }
    if let Some(x) = &s.asq {
        rows.push(band_row(K::Asq, m::SCORE_ASQ, m::asq_band(x.band)).plain(m::asq_plain(x.band)));
    }
    if let Some(x) = &s.cssrs {
        rows.push(band_row(K::Cssrs, m::SCORE_CSSRS, m::cssrs_band(x.band)));
    }
    if let Some(x) = &s.pcptsd5 {
        let band = m::pcptsd5_band(x.band);
        rows.push(
            total_row(K::Pcptsd5, m::SCORE_PCPTSD5, x.total, band).plain(m::pcptsd5_plain(x.band)),
        );
    }
    if let Some(x) = &s.mdq {
        rows.push(ScoreRow {
            key: K::Mdq,
            measure: m::SCORE_MDQ,
            value: m::mdq_count(x.item1_yes_count),
            band: m::screen_band(x.band).to_owned(),
            plain: Some(m::screen_plain(x.band)),
        });
    }
    if let Some(x) = &s.auditc {
        let band = m::screen_band(x.band);
        rows.push(
            total_row(K::Auditc, m::SCORE_AUDITC, x.total, band).plain(m::screen_plain(x.band)),
        );
    }
    if let Some(x) = &s.audit {
        rows.push(total_row(
            K::Audit,
            m::SCORE_AUDIT,
            x.total,
            m::audit_zone(x.band),
        ));
    }
    if let Some(x) = &s.nida_sq {
        rows.push(
            band_row(K::NidaSq, m::SCORE_NIDA, m::screen_band(x.band))
                .plain(m::screen_plain(x.band)),
        );
    }
    if let Some(x) = &s.dast10 {
        rows.push(total_row(
            K::Dast10,
            m::SCORE_DAST10,
            x.total,
            m::dast10_band(x.band),
        ));
    }
    if let Some(x) = &s.wsas {
        rows.push(
            total_row(K::Wsas, m::SCORE_WSAS, x.total, m::wsas_band(x.band))
                .plain(m::wsas_plain(x.band)),
        );
    }
    rows
}

/// The scores and answers behind a rule, as the engine lists them: the scores it reads and
/// those that sum up the answers it reads, then those answers. Only the ones present are
/// shown; whether the condition held is the engine's call.
fn evidence(witnesses: &Witnesses, scores: &[ScoreRow], answers: &Answers) -> Vec<String> {
    let inputs = witnesses;
    let mut out = Vec::new();
    for key in inputs.scores.iter().chain(inputs.summaries) {
        if let Some(row) = scores.iter().find(|row| row.key == *key) {
            out.push(row.plain_sentence());
        }
    }
    for &id in &inputs.items {
        if let Some(response) = answers.get(id) {
            out.push(m::you_answered(&answer_text(id, response)));
        }
    }
    out
}
