//! The English message catalogue: every visible string of the widget that is ours.
//!
//! Instrument text (stems, items, options, intros, attribution lines) is not here: it comes
//! verbatim from the engine's questionnaire. Nothing here decides anything clinical: the
//! level, the rules that fired, the flags, the scores and their bands all come from the
//! engine's `Assessment`; this file only says them in plain words.

use carestep_engine::{
    AsqBand, AuditZone, CssrsBand, Dast10Band, Flag, Gad7Band, K6Band, Level, Pcptsd5Band,
    Phq9Band, RuleId, ScreenBand, WsasBand,
};

/// A date in words, "5 December 2026": the summary's date, on the result, in Print and
/// Save, and on the clinician's report.
pub fn date_in_words(year: u32, month: u32, day: u32) -> String {
    let name = (month as usize)
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("");
    format!("{day} {name} {year}")
}

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

// ---------------------------------------------------------------- every screen

pub const CRISIS_PREFIX: &str = "In crisis?";
pub const TEXT: &str = "Text";
pub const QUICK_EXIT: &str = "Quick exit";
pub const QUICK_EXIT_HINT: &str = "Press Shift 3 times to leave quickly.";
pub const BACK: &str = "Back";
pub const CONTINUE: &str = "Continue";
pub const SKIP: &str = "Skip this question";
pub const NOT_A_DIAGNOSIS: &str =
    "This is not a diagnosis. A clinician will confirm the right level of care.";

// ---------------------------------------------------------------- start

pub const START_TITLE: &str = "Which kind of care might fit you? A private self-check";
pub const START_INTRO: &str = "Answer some questions about how you have been feeling. At the end you will see which kind of care might fit you, and why: from looking after yourself, to weekly therapy, to a program with more support.";
/// How long the self-check is, from the engine's estimate for this deployment
/// (`carestep_engine::estimate`): "It has about 38 questions and takes 7 to 13 minutes."
pub fn start_time(questions: usize, minutes_min: u32, minutes_max: u32) -> String {
    format!("It has about {questions} questions and takes {minutes_min} to {minutes_max} minutes.")
}
pub const START_PRIVATE: &str =
    "Your answers stay on this device: nothing is sent, and nothing is stored unless you save a copy.";
pub const START_NOT_DIAGNOSIS: &str =
    "This is a self-check, not a diagnosis. A clinician will confirm the right level of care.";
pub const START_SKIP: &str =
    "You can skip any question, go back, and change your answers before you see the result.";
pub const START_BUTTON: &str = "Start";

pub fn start_clinic_phone(clinic: &str) -> String {
    ["To talk to someone at ", clinic, ", call "].concat()
}

/// "Other ways to reach {clinic}: " before the link to the clinic's contact page.
pub fn contact_intro(clinic: &str) -> String {
    ["Other ways to reach ", clinic, ": "].concat()
}
pub const CONTACT_LINK: &str = "the contact page";

/// The small print on the start screen: which CareStep this is (a clinician or an admin
/// reporting a problem needs the version).
pub const VERSION_LINE: &str = concat!("CareStep ", env!("CARGO_PKG_VERSION"));

// ---------------------------------------------------------------- question

pub fn progress(position: usize, about_total: usize) -> String {
    format!("Question {position} of about {about_total}")
}

/// The part of the journey the question is in: "Part 4 of 5 · About you".
pub fn progress_part(index: usize, count: usize, name: &str) -> String {
    format!("Part {index} of {count} · {name}")
}

pub const ERROR_SUMMARY_TITLE: &str = "There is a problem";
pub const ERROR_PREFIX: &str = "Error:";
pub const ERROR_CHOOSE: &str =
    "Select an answer, or choose “Skip this question” if you would rather not answer";
pub const ERROR_COUNT_EMPTY: &str =
    "Enter a number of times, or choose “Skip this question” if you would rather not answer";
pub const ERROR_COUNT_INVALID: &str =
    "Enter the number of times as a whole number, like 0, 3 or 12";
pub const COUNT_HINT: &str = "Enter 0 if none.";

// ---------------------------------------------------------------- check your answers

pub const CHECK_TITLE: &str = "Check your answers";
pub const CHECK_INTRO: &str =
    "Here is everything you answered. You can change any answer before you see your result.";
pub const CHANGE: &str = "Change";
pub const DECLINED: &str = "Skipped";
pub const SEE_RESULT: &str = "See my result";

pub fn change_hidden(question: &str) -> String {
    [" your answer to: ", question].concat()
}

// ---------------------------------------------------------------- result

pub const RESULT_TITLE: &str = "Your result";
pub const RESULT_SUGGESTED: &str = "Suggested level of care:";
pub const RESULT_WHAT_IT_IS: &str = "What this kind of care is like";
pub const RESULT_WHY: &str = "Why we suggest this";
pub const RESULT_WHY_NONE: &str = "Your answers don't point to a need for treatment right now. But if you are struggling, that is reason enough to talk to someone.";
pub const RESULT_NEXT: &str = "What to do next";
pub const RESULT_IMPORTANT: &str = "Important for you";
pub const RESULT_MORE: &str = "Good to know";
pub const RESULT_SCORES: &str = "Your scores";
pub const RESULT_ABOUT: &str = "About the questionnaires";
pub const RESULT_KEEP: &str = "Keep a copy";
pub const RESULT_KEEP_INTRO: &str = "To show this to a clinician, print it or save a copy. Nothing is sent anywhere. When you are done, you can clear your answers.";
/// Said before Save: on a shared device, the file is what stays behind.
pub const SAVE_STAYS: &str = "A saved copy stays in this device's downloads, where others who use this device could find it.";
pub const PRINT: &str = "Print";
pub const SAVE: &str = "Save a copy";
pub const CLEAR: &str = "Clear my answers";
pub const SAVED_NOTE: &str = "A copy was saved by your browser (look in your downloads).";
pub const SAVE_FAILED: &str = "Your browser could not save a copy. You can print instead.";
pub const SAVE_FILE_NAME: &str = "carestep-self-check.txt";
/// "Show a code for your clinician" (issue 13): the fold's summary line.
pub const HANDOFF_SHOW: &str = "Show a code for your clinician";
/// What the code is, before it.
pub const HANDOFF_INTRO: &str = "A clinician can read your answers from this code. They type it in or scan the picture on CareStep's clinician page. It holds your answers and today's date. It does not hold your name. It is not sent anywhere: you show it.";
/// The label of the text code.
pub const HANDOFF_CODE_LABEL: &str = "Your code:";
/// The QR code's text alternative.
pub const HANDOFF_QR_LABEL: &str = "QR code of the same code";
/// When no code can be made (answers the flow would not ask: not reachable from the widget).
pub const HANDOFF_FAILED: &str = "A code could not be made for these answers.";
pub const QUESTIONS_TITLE: &str = "Questions to ask any program";
pub const QUESTIONS_INTRO: &str =
    "Whichever program you contact, these questions help you know whether it fits you:";

/// "Questions to ask any program", from the seed article's "How to choose the right IOP".
pub const Q_THERAPIES: &str =
    "What kinds of therapy do you offer? For example CBT, DBT or family therapy.";
pub const Q_CREDENTIALS: &str = "What training and licenses do your staff have?";
pub const Q_OUTCOMES: &str = "How do people who finish the program do? What results can you show?";
pub const Q_SCHEDULE: &str =
    "When does the program meet, and does that fit my work, school and family schedule?";
pub const Q_EVALUATION: &str =
    "Can I meet with you first, to check that the program fits my goals?";

pub fn next_offer_intro(clinic: &str, program: &str) -> String {
    [clinic, " offers this level of care: ", program, "."].concat()
}

pub fn next_not_offered(clinic: &str) -> String {
    [clinic, " doesn't offer this kind of care. To find it:"].concat()
}

pub const NEXT_GENERIC_INTRO: &str = "How to find this kind of care:";

pub fn clinic_call(clinic: &str) -> String {
    ["To talk it over, call ", clinic, ": "].concat()
}

pub const FIND_TREATMENT: &str = "SAMHSA's treatment locator, findtreatment.gov";
pub const FIND_TREATMENT_URL: &str = "https://findtreatment.gov/";
pub const SAMHSA_HELPLINE: &str = "SAMHSA's National Helpline (free, 24/7): 1-800-662-4357";
pub const SAMHSA_HELPLINE_TEL: &str = "tel:18006624357";

// ---------------------------------------------------------------- crisis

pub const CRISIS_TITLE: &str = "Please get help right now";

/// The crisis screen's first sentence, for the crisis rule that brought the visitor
/// there (the most urgent one when several held: see `components::crisis`). It says what
/// the visitor chose, never that anyone was told: the answers stay on the device.
pub fn crisis_lead(rule: RuleId) -> &'static str {
    match rule {
        RuleId::C5 => "You said you might seriously hurt someone. Talk to someone now: they can help you keep yourself and others safe.",
        RuleId::C6 => "You said you tried to end your life in the past 3 months. Even if you feel safe now, please talk to someone today.",
        RuleId::C2 | RuleId::C3 | RuleId::C4 => "Your answers about suicide mean it is best to talk to someone right now. You don't have to face this alone.",
        _ => "You said you may be in danger now. You deserve help, and you don't have to face this alone.",
    }
}

/// What to do while help is on its way, for the same rule as [`crisis_lead`].
pub fn crisis_advice(rule: RuleId) -> &'static str {
    match rule {
        RuleId::C5 => "If you can, put some space between you and the person, and put away anything that could be used to hurt someone. If someone is in danger now, call 911.",
        RuleId::C6 => "If you can, tell someone you trust how you are doing, and keep these numbers close.",
        _ => "If you can, stay with someone you trust, and move away from anything you could use to hurt yourself.",
    }
}

/// What 988 is, under the buttons (only where the US numbers apply).
pub const CRISIS_988_IS: &str = "988 is the Suicide & Crisis Lifeline: free, private, and there day and night. Call or text, and someone trained will listen and help.";
/// Under the buttons, with the US numbers.
pub const CRISIS_ER: &str = "Or call 911, or go to the nearest emergency room now.";
pub const CRISIS_CALL_988: &str =
    "Call 988 or text 988, or call 911 or go to the nearest emergency room now.";
pub const CRISIS_CALL_LOCAL: &str =
    "Call your local emergency number or one of these lines now, or go to the nearest emergency room.";
pub const CRISIS_WHY: &str = "Why you are seeing this";
pub const CRISIS_BACK_NOTE: &str =
    "If you chose an answer by mistake, you can go back and change it.";

pub fn call_label(number: &str) -> String {
    ["Call ", number].concat()
}

pub fn text_label(number: &str) -> String {
    ["Text ", number].concat()
}

// ---------------------------------------------------------------- out of scope

pub const OUT_OF_SCOPE_TITLE: &str = "This self-check is for adults";
pub const OUT_OF_SCOPE_BODY: &str = "It was made and tested for people aged 18 and over, so it can't give you a reliable suggestion. Please talk to a parent or another adult you trust, a school counselor, or your doctor about how you are feeling.";
pub const OUT_OF_SCOPE_988: &str =
    "If you are struggling or thinking about suicide, you can call or text 988 any time, day or night.";
pub const OUT_OF_SCOPE_BACK: &str = "If you chose “No” by mistake, you can go back and change it.";

// ---------------------------------------------------------------- broken configuration

pub const CONFIG_ERROR_TITLE: &str = "CareStep configuration problem (for the site administrator)";
pub const CONFIG_ERROR_INTRO: &str = "The self-check is switched off until the configuration block (the <script type=\"application/json\" id=\"carestep-config\"> on this page) is fixed:";
pub const CONFIG_ERROR_ALLOWED: &str = "allowed:";
pub const CONFIG_FALLBACK_TITLE: &str = "The self-check isn't available right now";
/// The fold that holds the administrator's notice, closed: visitors see the calm line,
/// the crisis numbers and the clinic's phone first.
pub const CONFIG_ERROR_SUMMARY: &str = "For the website's administrator: why the self-check is off";
pub const CONFIG_FALLBACK_BODY: &str =
    "If you are in crisis, call or text 988, or call 911 or go to the nearest emergency room.";

pub fn config_fallback_clinic(clinic: &str) -> String {
    ["To talk to someone at ", clinic, ", call "].concat()
}

pub const CONFIG_FALLBACK_CALL_US: &str = "To talk to someone at the clinic, call ";

// ---------------------------------------------------------------- summary (print and save)

pub const SUMMARY_TITLE: &str = "CareStep self-check: summary";
pub const SUMMARY_DATE: &str = "Date:";
pub const SUMMARY_LEVEL: &str = "Suggested level of care:";
pub const SUMMARY_REASONS: &str = "Reasons";
pub const SUMMARY_SCORES: &str = "Scores";
pub const SUMMARY_ANSWERS: &str = "Answers";
pub const SUMMARY_ATTRIBUTION: &str = "Questionnaires used";
pub const SUMMARY_MODEL: &str = "Scoring rules: CareStep clinical model";
pub const SUMMARY_NOT_DIAGNOSIS: &str = "This self-check is not a diagnosis. A clinician will confirm the right level of care. The answers were scored on the person's own device and were not sent anywhere.";

// ---------------------------------------------------------------- report (clinician page)

/// The score table's columns.
pub const REPORT_MEASURE: &str = "Measure";
pub const REPORT_SCORE: &str = "Score";
pub const REPORT_BAND: &str = "Result";
/// The answers table's columns.
pub const REPORT_QUESTION: &str = "Question";
pub const REPORT_ANSWER: &str = "Answer";
/// The heading of the notes when there are any.
pub const REPORT_NOTES: &str = "Notes";

// ---------------------------------------------------------------- how this self-check works

/// The page's title, and the link to it on the start, question and result screens.
pub const METHOD_TITLE: &str = "How this self-check works";
/// Before the engine's own page (`carestep_engine::methodology`): what the visitor is about to read.
pub const METHOD_INTRO: &str = "This page shows how the self-check picks a level of care. It lists the questions it asks, how they are scored, and each rule. It is the same for everyone who uses it. Some parts use the short codes that clinicians use.";
/// Returns to the screen the page was opened from, with every answer kept.
pub const METHOD_BACK: &str = "Back to your self-check";
/// Next to each reason on the result: opens the page at that reason's rule.
pub const WHY: &str = "Why?";
/// Before the clinic's statement of the permission it holds for a licensed questionnaire.
/// Under each rule's heading on the page, before the visitor's sentence for it.
pub const METHOD_RULE_SAYS: &str = "When this rule applies, your result says:";
pub const METHOD_PERMISSION: &str = "This clinic's permission to use it:";
/// The checkbox in Keep a copy that adds the page to the printout.
pub const METHOD_PRINT: &str = "Add 'How this self-check works' to the printout";

// ---------------------------------------------------------------- announcements

pub fn announce_question(position: usize, about_total: usize) -> String {
    progress(position, about_total)
}

// ---------------------------------------------------------------- levels

/// The level's name in plain words.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::SelfCare => "Self-care and checking in again",
        Level::Outpatient => "Outpatient therapy",
        Level::Iop => "An intensive outpatient program (IOP)",
        Level::Php => "A day treatment program (partial hospitalization, PHP)",
        Level::Inpatient => "Inpatient or other 24-hour care",
        Level::CrisisNow => "Crisis help now",
        Level::OutOfScope => "Not available for people under 18",
    }
}

/// What the level involves, in plain words (IOP from the seed article).
pub fn level_description(level: Level) -> &'static [&'static str] {
    match level {
        Level::SelfCare => &[
            "Your answers don't point to a need for treatment right now. Looking after yourself may be enough: regular sleep and meals, moving your body, and time with people you trust.",
            "Check in with yourself again in 2 to 4 weeks. You could take this self-check again. Do it sooner if things get harder.",
            "If you are struggling, that is reason enough to talk to someone. A counselor or your doctor is always there.",
        ],
        Level::Outpatient => &[
            "Regular sessions with a therapist or counselor, usually once a week or every other week for about an hour, in person or by video. Sometimes a doctor adds medicine.",
            "You keep your usual routines and fit appointments around them.",
        ],
        Level::Iop => &[
            "A program of group and one-to-one therapy and skills classes. It is usually about 9 to 12 hours a week, for example 3 hours a day, 3 or 4 days a week. It can be in person or by video.",
            "You live at home and keep up with work, school and family. You can use what you learn in daily life right away, and family and friends stay close.",
            "Common kinds of therapy are cognitive behavioral therapy (CBT), dialectical behavior therapy (DBT) and family therapy.",
            "These programs suit people with moderate to severe symptoms. They also help people who are leaving a hospital or a live-in program.",
        ],
        Level::Php => &[
            "Treatment for most of the day, usually 5 days a week (20 hours a week or more). A team of doctors, therapists and nurses works with you, and you sleep at home.",
            "It is for symptoms that make daily life very hard. It can take the place of a hospital stay, or help you after one.",
        ],
        Level::Inpatient => &[
            "A short stay in a hospital or another place with care day and night. It is for when it is not safe, or not possible, to get better at home right now. For example, when stopping alcohol or drugs could be dangerous, or when you can't meet your basic needs.",
            "The aim is to help you get safe and stable. After that, care goes on in a day or evening program.",
        ],
        Level::CrisisNow => &[CRISIS_CALL_988],
        Level::OutOfScope => &[OUT_OF_SCOPE_BODY],
    }
}

/// Where to find the level when the clinic does not offer it (never a lower level).
pub fn level_find(level: Level) -> &'static str {
    match level {
        Level::SelfCare => "You can start today. If you would like support, your doctor or a counselor can help. Many employers also offer free counseling through an employee assistance program.",
        Level::Outpatient => "Ask your doctor to refer you. Or call the number on your insurance card and ask which therapists your plan covers. You can also search the treatment finder below.",
        Level::Iop => "Ask your doctor or therapist to refer you to an intensive outpatient program (IOP). Or call the number on your insurance card and ask which programs your plan covers. You can also search the treatment finder below.",
        Level::Php => "Ask your doctor or therapist to refer you to a day treatment program. Or call the number on your insurance card and ask which programs your plan covers. You can also search the treatment finder below. Please do this soon.",
        Level::Inpatient => "Please talk to a doctor today about a hospital stay. If you can't reach one, go to the nearest emergency room, or call 988 or text 988. They can help you find a place and get there safely.",
        Level::CrisisNow | Level::OutOfScope => CRISIS_CALL_988,
    }
}

// ---------------------------------------------------------------- rules

/// One plain sentence per rule. The scores and answers behind it are shown next to it
/// (see `components::result`), taken from the engine's assessment.
pub fn rule_sentence(rule: RuleId) -> &'static str {
    use RuleId::*;
    match rule {
        G1 => "You said you are under 18. This self-check was made and tested for adults.",
        C1 => "You said you are in danger right now or need urgent help.",
        C2 => "You said that in the past month you have had thoughts of killing yourself and some wish to act on them, or that you have made a plan.",
        C3 => "You said you did something, or prepared to do something, to end your life in the past 3 months.",
        C4 => "You said you are having thoughts of killing yourself right now.",
        C5 => "You said you plan or mean to badly hurt someone, or that you have hurt someone on purpose lately.",
        C6 => "You said you tried to kill yourself, and that the most recent time was in the past 3 months.",
        H1 => "Stopping alcohol, sedatives or opioids has caused you a seizure, confusion, hallucinations or a hospital stay. To stop safely, you may need care day and night.",
        H2 => "You described several days of feeling very high, wired or irritable, and it is causing serious problems. That is best treated where staff are there day and night.",
        H3 => "You described hearing or seeing things, or beliefs, that make it hard to tell what is real or to get through the day.",
        H4 => "You said you can't take care of your basic needs without help, and there is no one who can help you every day.",
        P1 => "Your symptoms are in a severe range and they make everyday life extremely hard. A day program gives several hours of treatment on most days.",
        P2 => "You left a hospital, detox or residential stay in the past 30 days and your symptoms are still in a moderate or higher range. The weeks after a stay are a time to keep support close.",
        P3 => "You said you can't take care of your basic needs without someone else's help. A day program gives structure and support during the day.",
        I1 => "Your symptoms are in a severe range and they make work, home life or relationships clearly harder.",
        I2 => "Your symptoms are in a moderate or higher range, and they make everyday life very hard.",
        I3 => "You have been in treatment for 6 weeks or longer without getting better, and your symptoms are in a moderate or higher range. A more intensive program is the usual next step.",
        I4 => "In the past 30 days you went to an emergency room or crisis center, or left a hospital. And your symptoms are in a moderate or higher range.",
        I5 => "You left a hospital, detox or live-in program in the past 30 days. A program with more support keeps help close in the first weeks, when risk is highest.",
        I6 => "You said you have been thinking about how you might kill yourself. A clinician should talk with you about this soon, and a more intensive program gives closer support.",
        I7 => "Your answers about alcohol or drugs are in the range where expert care is usually advised.",
        O1 => "Your depression score is in the moderate range or higher. Talk therapy, sometimes with medicine, usually helps.",
        O2 => "Your anxiety score is in the moderate range or higher. Talk therapy usually helps.",
        O3 => "Your answers about a frightening or painful event suggest possible PTSD. It is worth having it checked.",
        O4 => "Your answers about times of very high mood fit a pattern seen in bipolar disorder. A clinician should check this.",
        O5 => "Your drinking is in a higher-risk range. Counseling can help you cut down.",
        O6 => "Your answers about drug use are in a moderate or higher range. It is worth having it checked.",
        O7 => "Your answers show serious psychological distress.",
        O8 => "Your problems clearly affect your work, home life, free time or relationships.",
        O9 => "You said you have had thoughts that you would be better off dead or of hurting yourself. That always deserves a conversation with a clinician.",
        O10 => "You said that in the past month you have wished you were dead or had thoughts of killing yourself.",
        O11 => "You said that at some time you have done something, or prepared to do something, to end your life.",
        O12 => "Your answers to the suicide questions (including any you chose to skip) mean a clinician should check in with you soon.",
        O13 => "You described hearing or seeing things other people couldn't, or unusual beliefs. A mental health doctor can help.",
        O14 => "You described days of feeling unusually high, wired or irritable with much less need for sleep. A mental health doctor can help.",
        O15 => "You said you have had withdrawal symptoms when cutting down alcohol, sedatives or opioids. A doctor should know about this.",
        O16 => "You said you have had thoughts of seriously hurting someone. A clinician should talk with you about this today.",
        O17 => "You went to an emergency room, crisis center or hospital in the past 30 days. Follow-up care matters after a visit like that.",
        O18 => "You said your current treatment has not helped after 6 weeks or longer. Tell your clinician: a change of plan often helps.",
        O19 => "You said taking care of your basic needs is a struggle right now.",
        E1 => "You don't feel safe where you live, or there is no one you can count on between visits. So we suggest one step more support than your symptoms alone would.",
    }
}

// ---------------------------------------------------------------- flags

/// The message for a flag. `Show988` is always set and shown on its own.
pub fn flag_message(flag: Flag) -> &'static str {
    match flag {
        Flag::Show988 => "If things get worse, or you think about suicide, call 988 or text 988 (Suicide & Crisis Lifeline) any time, day or night. Veterans press 1.",
        Flag::SuicideScreenRequired => "You said you have had thoughts of being better off dead or of hurting yourself. That is why we asked the extra questions about suicide. Please tell the clinician you speak to about these thoughts.",
        Flag::SameDayClinicianContact => "Please talk to a clinician today: call the clinic or your doctor, or call 988 or text 988. Some of your answers are best followed up the same day.",
        Flag::PsychiatricEvaluation => "Some of your answers are best looked at by a mental health doctor or nurse who can prescribe medicine. Ask for a psychiatric evaluation.",
        Flag::BipolarScreenPositive => "Your answers about times of very high mood fit a pattern seen in bipolar disorder. Before you start an antidepressant, make sure your doctor knows.",
        Flag::PtsdScreenPositive => "Your answers suggest possible post-traumatic stress (PTSD). Therapy that focuses on trauma helps. Ask for a check by someone trained in trauma.",
        Flag::MedicalWithdrawalAdvice => "Don't stop alcohol, sedatives, sleeping pills or opioids all at once. Talk to a doctor first: stopping can be dangerous.",
        Flag::AddictionSpecialistAssessment => "Your answers about alcohol or drugs suggest a check with an expert in addiction.",
        Flag::BriefAlcoholAdvice => "Your drinking is above low-risk levels. Cutting down lowers the risk to your health, and a doctor or counselor can help you plan.",
        Flag::HomeSafetyResources => "You said you don't always feel safe where you live. If someone hurts, threatens or controls you, the National Domestic Violence Hotline can help, free and private, 24/7: call 1-800-799-7233 or text START to 88788.",
        Flag::AttendanceBarrier => "You said taking part in about 9 to 12 hours a week might be hard. Ask about evening or virtual sessions, or help with childcare or transport. The suggestion itself does not change.",
        Flag::OutOfScopeMinor => OUT_OF_SCOPE_BODY,
    }
}

// ---------------------------------------------------------------- bands

pub fn phq9_band(band: Phq9Band) -> &'static str {
    match band {
        Phq9Band::Minimal => "minimal",
        Phq9Band::Mild => "mild",
        Phq9Band::Moderate => "moderate",
        Phq9Band::ModeratelySevere => "moderately severe",
        Phq9Band::Severe => "severe",
    }
}

pub fn gad7_band(band: Gad7Band) -> &'static str {
    match band {
        Gad7Band::Minimal => "minimal",
        Gad7Band::Mild => "mild",
        Gad7Band::Moderate => "moderate",
        Gad7Band::Severe => "severe",
    }
}

pub fn screen_band(band: ScreenBand) -> &'static str {
    match band {
        ScreenBand::Negative => "negative screen",
        ScreenBand::Positive => "positive screen",
    }
}

pub fn pcptsd5_band(band: Pcptsd5Band) -> &'static str {
    match band {
        Pcptsd5Band::Negative => "negative screen",
        Pcptsd5Band::Possible => "possible PTSD",
        Pcptsd5Band::Positive => "positive screen",
    }
}

pub fn audit_zone(zone: AuditZone) -> &'static str {
    match zone {
        AuditZone::ZoneI => "zone I (lower risk)",
        AuditZone::ZoneII => "zone II (increased risk)",
        AuditZone::ZoneIII => "zone III (higher risk)",
        AuditZone::ZoneIV => "zone IV (possible dependence)",
    }
}

pub fn dast10_band(band: Dast10Band) -> &'static str {
    match band {
        Dast10Band::None => "no problems reported",
        Dast10Band::Low => "low level",
        Dast10Band::Moderate => "moderate level",
        Dast10Band::Substantial => "substantial level",
        Dast10Band::Severe => "severe level",
    }
}

pub fn asq_band(band: AsqBand) -> &'static str {
    match band {
        AsqBand::Negative => "negative screen",
        AsqBand::NonAcutePositive => "positive screen (potential risk)",
        AsqBand::AcutePositive => "acute positive screen (imminent risk)",
    }
}

pub fn cssrs_band(band: CssrsBand) -> &'static str {
    match band {
        CssrsBand::None => "no risk identified",
        CssrsBand::Low => "low risk",
        CssrsBand::Moderate => "moderate risk",
        CssrsBand::High => "high risk",
    }
}

pub fn wsas_band(band: WsasBand) -> &'static str {
    match band {
        WsasBand::Subclinical => "subclinical",
        WsasBand::SignificantImpairment => "significant impairment",
        WsasBand::ModeratelySevereOrWorse => "moderately severe impairment or worse",
    }
}

pub fn k6_band(band: K6Band) -> &'static str {
    match band {
        K6Band::Low => "low distress",
        K6Band::ModerateDistress => "moderate distress",
        K6Band::SeriousPsychologicalDistress => "serious psychological distress",
    }
}

/// A band in plain words, next to a reason, where the clinical name above is not plain
/// (the score table and the printed summary keep the clinical name).
pub fn screen_plain(band: ScreenBand) -> &'static str {
    match band {
        ScreenBand::Negative => "no sign of a problem",
        ScreenBand::Positive => "worth a closer look",
    }
}

pub fn pcptsd5_plain(band: Pcptsd5Band) -> &'static str {
    match band {
        Pcptsd5Band::Negative => "no sign of PTSD",
        Pcptsd5Band::Possible => "possible PTSD",
        Pcptsd5Band::Positive => "likely PTSD",
    }
}

pub fn asq_plain(band: AsqBand) -> &'static str {
    match band {
        AsqBand::Negative => "no sign of risk",
        AsqBand::NonAcutePositive => "some risk: see a clinician soon",
        AsqBand::AcutePositive => "urgent: get help now",
    }
}

pub fn wsas_plain(band: WsasBand) -> &'static str {
    match band {
        WsasBand::Subclinical => "little effect on daily life",
        WsasBand::SignificantImpairment => "a clear effect on daily life",
        WsasBand::ModeratelySevereOrWorse => "a severe effect on daily life",
    }
}

/// The words in the result's notes that become `tel:`/`sms:` links, and where they lead.
/// The notes above write every number this way ("call 988 or text 988").
pub const NOTE_LINKS: [(&str, &str); 5] = [
    ("call 988", "tel:988"),
    ("text 988", "sms:988"),
    ("call 911", "tel:911"),
    ("call 1-800-799-7233", "tel:18007997233"),
    ("text START to 88788", "sms:88788"),
];

/// What each score measures, for the scores table and the reasons.
pub const SCORE_PHQ9: &str = "Depression (PHQ-9)";
pub const SCORE_PHQ2: &str = "Depression, first two questions (PHQ-2)";
pub const SCORE_GAD7: &str = "Anxiety (GAD-7)";
pub const SCORE_GAD2: &str = "Anxiety, first two questions (GAD-2)";
pub const SCORE_K6: &str = "Psychological distress (K6)";
pub const SCORE_PCPTSD5: &str = "Post-traumatic stress (PC-PTSD-5)";
pub const SCORE_AUDITC: &str = "Alcohol (AUDIT-C)";
pub const SCORE_AUDIT: &str = "Alcohol (AUDIT)";
pub const SCORE_NIDA: &str = "Drug use (single question)";
pub const SCORE_DAST10: &str = "Drug use (DAST-10)";
pub const SCORE_ASQ: &str = "Suicide risk screen (ASQ)";
pub const SCORE_CSSRS: &str = "Suicide risk screen (C-SSRS)";
pub const SCORE_MDQ: &str = "Mood highs (MDQ)";
pub const SCORE_WSAS: &str = "Work and social life (WSAS)";
pub const SCORE_INCOMPLETE: &str = "not scored: more than one question was skipped";
pub const SCORE_PARTIAL: &str = "one question skipped";
pub const SCORE_NO_TOTAL: &str = "—";

pub fn mdq_count(yes: u32) -> String {
    format!("{yes} of 13 “yes”")
}

/// Next to a reason that rests on an answer.
pub fn you_answered(answer: &str) -> String {
    ["Your answer: “", answer, "”"].concat()
}
