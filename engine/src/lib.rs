//! CareStep's clinical engine: the questionnaire as data, instrument scoring
//! and the transparent level-of-care rules of clinical-model.md v0.2.
//!
//! The engine is pure: answers in, result out. It has no web dependencies and
//! does no I/O, so the same code runs natively (the `carestep` command-line
//! tool and the tests) and inside the WebAssembly widget.
//!
//! * [`questionnaire()`], [`item`], [`instrument`]: every item, verbatim, with
//!   options, codes and skip conditions; intros and attribution lines.
//! * [`Answers`]: the answers given, and the Part 5 JSON input
//!   ([`Answers::from_json`]).
//! * [`next_step`], [`path`], [`prune`], [`progress`]: what to ask next (skip
//!   logic and the crisis interrupt live here, not in the UI).
//! * [`part_progress`], [`journey_parts`]: the parts of the journey ("Part 4
//!   of 6 · About you") and the heads-up before a part.
//! * [`assess`]: scores, rules fired, flags and the suggested [`Level`];
//!   [`Assessment::crisis_reason`], why the crisis screen is shown.
//! * [`witnesses`], [`explain`]: for each fired rule, the scores and answers
//!   that satisfied its condition (the evidence the result shows).
//! * [`estimate()`]: how many questions a deployment asks and how long that
//!   takes, from a documented reading-and-tapping model.
//!
//! ```
//! use carestep_engine::{assess, Answers, ItemId, Level, Response, RuleId};
//!
//! let mut answers = Answers::new();
//! answers.set(ItemId::CtxAdult, Response::Value(0)).unwrap();
//! for id in [ItemId::Phq9_1, ItemId::Phq9_2, ItemId::Phq9_3, ItemId::Phq9_4] {
//!     answers.set(id, Response::Value(3)).unwrap(); // "Nearly every day"
//! }
//! for id in [ItemId::Phq9_5, ItemId::Phq9_6, ItemId::Phq9_7, ItemId::Phq9_8, ItemId::Phq9_9] {
//!     answers.set(id, Response::Value(0)).unwrap();
//! }
//! let result = assess(&answers);
//! assert_eq!(result.level, Level::Outpatient); // PHQ-9 = 12: moderate
//! assert_eq!(result.rules_fired, [RuleId::O1]);
//! assert!(result.to_json_pretty().contains("\"band\": \"moderate\""));
//! ```

pub mod answers;
pub mod estimate;
pub mod examples;
pub mod fhir;
pub mod flow;
pub mod handoff;
pub mod ids;
pub mod methodology;
pub mod questionnaire;
pub mod rules;
pub mod scores;
pub mod sources;

pub use answers::{Answers, InputError, Response};
pub use estimate::{estimate, journey_time, Estimate, JourneyTime};
pub use flow::{
    deployment_items, journey_parts, next_step, part_of, part_progress, path, progress, prune,
    JourneyPart, PartId, PartProgress, Progress, Step,
};
pub use handoff::{Date, Handoff, HandoffError};
pub use ids::{ItemId, Module, ModuleSet};
pub use methodology::{methodology, Methodology};
pub use questionnaire::{
    instrument, item, questionnaire, AnswerKind, AskedWhen, Choice, Instrument, InstrumentInfo,
    Item,
};
pub use rules::{
    assess, conditions, explain, witnesses, Assessment, Basis, Conditions, CrisisReason, Derived,
    Expr, Flag, Guard, Level, Part, RuleId, RuleInputs, ScoreKind, Subject, Test, Witnesses,
};
pub use scores::{
    AsqBand, AuditZone, BandScore, CompletableScore, CssrsBand, Dast10Band, Gad7Band, K6Band,
    MdqScore, Pcptsd5Band, Phq9Band, Scores, ScreenBand, TotalScore, WsasBand,
};

/// The clinical model version this engine implements (Part 5 `model_version`).
pub const MODEL_VERSION: &str = "0.2";
