//! The English message catalogue: every visible string of the widget that is ours.
//! Instrument text (stems, items, options, intros, attribution lines) is not here: it comes
//! verbatim from the engine's questionnaire.

/// Month names for the date on the summary.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

// ---- start screen ----
pub const START_TITLE: &str = "Which kind of care might fit you? A private self-check";
pub const START_INTRO: &str = "Answer some questions about how you have been feeling. At the end you will see a suggested level of care (from looking after yourself, to weekly therapy, to an intensive program) and why.";
pub const START_TIME: &str = "It takes about 5 minutes.";
pub const START_PRIVATE: &str = "Your answers stay on this device. Nothing is sent or stored.";
pub const START_NOT_DIAGNOSIS: &str =
    "This is a self-check, not a diagnosis. A clinician will confirm the right level of care.";
pub const START_BUTTON: &str = "Start";

// ---- on every screen ----
pub const CRISIS_PREFIX: &str = "In crisis?";
pub const QUICK_EXIT: &str = "Quick exit";
pub const QUICK_EXIT_HINT: &str = "Or press the Shift key 3 times to leave this page quickly.";
