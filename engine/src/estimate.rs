//! How long the self-check takes: the number of questions of a deployment's
//! journey and a time range in whole minutes, from a reading-and-tapping
//! model, so the start screen can state a length that is true.
//!
//! **The model.** A journey is the questions on its path (skip logic
//! applied, as [`next_step`] asks them). Each question screen is read, then
//! answered:
//!
//! * **Words read** on a question screen, as the widget shows it
//!   (`src/components/question.rs`): the progress line ("Question 12 of
//!   about 38", [`PROGRESS_WORDS`]); the question; and what is new on this
//!   screen: the instrument's name, intro and attribution line on its first
//!   question on the path; the part heading ("Part 4 of 6 · About you",
//!   [`PART_WORDS`] and the name) and heads-up on the first question of a
//!   part; the stem, the help (for a count question without help, the
//!   widget's hint, [`COUNT_HINT`]) and the option labels when they differ
//!   from the previous screen's; and on the first screen the widget's
//!   controls ([`WIDGET_WORDS`]). Text the previous screen showed the same
//!   (the PHQ-9 stem and its four options, nine times) is recognised at a
//!   glance, not read again: its time is in the answering time. A word is a
//!   whitespace-separated token with a letter or digit in it.
//! * **Reading speed**: adults read non-fiction silently at about 238 words
//!   a minute on average (Brysbaert M. How many words do we read per minute?
//!   A review and meta-analysis of reading rate. J Mem Lang 2019;109:104047),
//!   with most adults between about 175 and 300. The fast end of the model
//!   reads at [`FAST_WPM`] = 238, the slow end at [`SLOW_WPM`] = 175, a
//!   slower-than-average reader (or one having a bad day).
//! * **Answering**: choosing an option and pressing Continue. The
//!   keystroke-level model (Card SK, Moran TP, Newell A. The keystroke-level
//!   model for user performance time with interactive systems. Commun ACM
//!   1980;23:396–410) gives a mental act of 1.35 s and two point-and-press
//!   actions of 1.1 s + 0.2 s each: about 4 s. The fast end allows
//!   [`FAST_ANSWER_SECONDS`] = 3 s a question (touch targets are close), the
//!   slow end [`SLOW_ANSWER_SECONDS`] = 6 s (a harder decision).
//!
//! A journey's time is `words / wpm + questions × answer time`. The stated
//! range runs from the shortest path at the fast end (rounded down) to the
//! typical path at the slow end (rounded up); the longest path at the slow
//! end is given too ([`Estimate::minutes_longest`]), and no journey that does
//! not meet the crisis screen is longer. `tests/estimate.rs` walks journeys
//! through the real flow to hold the numbers to that.
//!
//! The start screen, the check-your-answers page and the result are not
//! counted: they come before or after the questions.

use crate::answers::{Answers, Response};
use crate::flow::{next_step, part_of, path, Step};
use crate::ids::{ItemId, ModuleSet};
use crate::questionnaire::{instrument, item, AnswerKind, Item};

/// Silent reading of non-fiction by adults, words a minute (Brysbaert 2019:
/// the mean).
pub const FAST_WPM: u32 = 238;
/// A slow adult reader, words a minute (Brysbaert 2019: the low end of the
/// usual adult range).
pub const SLOW_WPM: u32 = 175;
/// Seconds to choose an answer and press Continue, quick.
pub const FAST_ANSWER_SECONDS: u32 = 3;
/// Seconds to choose an answer and press Continue, unhurried.
pub const SLOW_ANSWER_SECONDS: u32 = 6;
/// The widget's controls, read on the first question screen: "Back",
/// "Continue", "Skip this question" (later screens show them again, at a
/// glance).
pub const WIDGET_WORDS: usize = 5;
/// The progress line, on every screen: "Question 12 of about 38".
pub const PROGRESS_WORDS: usize = 5;
/// "Part 4 of 6" before the part's name, when a part begins.
pub const PART_WORDS: usize = 4;
/// The widget's hint on a count question without its own.
pub const COUNT_HINT: &str = "Enter 0 if none.";

/// The estimate for a deployment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Estimate {
    /// Questions of a typical journey: the path before any answer, as the
    /// progress counts it ("Question 1 of about N").
    pub questions: usize,
    /// The shortest path: every question answered with its lowest code, so
    /// no follow-up is asked.
    pub questions_min: usize,
    /// The longest path that does not end at the crisis screen: every
    /// follow-up asked.
    pub questions_max: usize,
    /// Words read on the typical journey.
    pub words: usize,
    /// Whole minutes, the stated range's low end: the shortest path at the
    /// fast end, rounded down (at least 1).
    pub minutes_min: u32,
    /// Whole minutes, the stated range's high end: the typical path at the
    /// slow end, rounded up.
    pub minutes_max: u32,
    /// Whole minutes for the longest path at the slow end, rounded up: no
    /// journey without a crisis takes longer in the model.
    pub minutes_longest: u32,
}

/// What the model says about one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JourneyTime {
    pub questions: usize,
    pub words: usize,
    /// Modelled seconds at the fast end.
    pub seconds_fast: u32,
    /// Modelled seconds at the slow end.
    pub seconds_slow: u32,
}

/// Words in a text as a reader counts them: runs between spaces that hold a letter or a
/// digit (a lone "—" or "·" is not a word). ASCII only, by bytes: the questionnaire and
/// the widget's words are English, and Unicode's whitespace and alphanumeric tables would
/// cost the visitor's WebAssembly about 5 KB for the same count.
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    let mut has_letter = false;
    for b in text.bytes().chain([b' ']) {
        if b.is_ascii_whitespace() {
            count += usize::from(has_letter);
            has_letter = false;
        } else if b.is_ascii_alphanumeric() {
            has_letter = true;
        }
    }
    count
}

/// The words read on the screen of `path[i]` (see the module docs).
fn screen_words(path: &[ItemId], i: usize) -> usize {
    let it = item(path[i]);
    let info = instrument(it.instrument);
    let prev = i.checked_sub(1).map(|j| item(path[j]));
    let first_of_instrument = prev.is_none_or(|p| p.instrument != it.instrument);
    let part = part_of(it.id);
    let starts_part = prev.is_none_or(|p| part_of(p.id).id != part.id);
    // Text the previous screen showed the same is recognised, not re-read.
    let new = |now: Option<&'static str>, before: Option<Option<&'static str>>| {
        if before == Some(now) {
            0
        } else {
            now.map_or(0, word_count)
        }
    };
    let mut words = PROGRESS_WORDS;
    if i == 0 {
        words += WIDGET_WORDS;
    }
    if first_of_instrument {
        words += word_count(info.name)
            + info.intro.map_or(0, word_count)
            + info.attribution.map_or(0, word_count);
    }
    if starts_part {
        words += PART_WORDS + word_count(part.name) + part.heads_up.map_or(0, word_count);
    }
    words += new(it.stem, prev.map(|p| p.stem)) + word_count(it.text);
    let hint = |i: &Item| match (i.help, i.answer) {
        (None, AnswerKind::Count) => Some(COUNT_HINT),
        (help, _) => help,
    };
    words += new(hint(it), prev.map(hint));
    if let AnswerKind::Choices(choices) = it.answer {
        if prev.is_none_or(|p| p.answer != it.answer) {
            words += choices.iter().map(|c| word_count(c.label)).sum::<usize>();
        }
    }
    words
}

/// The model's words and times for a path (the questions in the order
/// asked).
pub fn journey_time(path: &[ItemId]) -> JourneyTime {
    let words: usize = (0..path.len()).map(|i| screen_words(path, i)).sum();
    let n = path.len() as u64;
    let w = words as u64;
    // words / wpm minutes = words × 60 / wpm seconds, rounded up.
    let seconds = |wpm: u32, answer: u32| {
        let s = (w * 60).div_ceil(u64::from(wpm)) + n * u64::from(answer);
        u32::try_from(s).unwrap_or(u32::MAX)
    };
    JourneyTime {
        questions: path.len(),
        words,
        seconds_fast: seconds(FAST_WPM, FAST_ANSWER_SECONDS),
        seconds_slow: seconds(SLOW_WPM, SLOW_ANSWER_SECONDS),
    }
}

/// Walks the flow, answering each question with `choose`, until the check
/// page (or the crisis screen); the questions asked, in order.
pub fn walk_with(modules: &ModuleSet, mut choose: impl FnMut(ItemId) -> Response) -> Vec<ItemId> {
    let mut answers = Answers::new();
    let mut asked = Vec::new();
    for _ in 0..ItemId::COUNT {
        let Step::Ask(id) = next_step(&answers, modules) else {
            break;
        };
        asked.push(id);
        if answers.set(id, choose(id)).is_err() {
            break;
        }
    }
    asked
}

/// The item's codes, highest first (a count's are 1 and 0). Counted down rather than
/// sorted: a sort would add its own code to the visitor's WebAssembly.
fn codes_high_first(id: ItemId) -> impl Iterator<Item = u64> {
    let answer = item(id).answer;
    let top = match answer {
        AnswerKind::Choices(cs) => cs.iter().map(|c| u64::from(c.code)).max().unwrap_or(0),
        AnswerKind::Count => 1,
    };
    (0..=top).rev().filter(move |&code| answer.accepts(code))
}

/// The shortest path: every question answered with its lowest code.
fn shortest(modules: &ModuleSet) -> Vec<ItemId> {
    walk_with(modules, |id| {
        Response::Value(codes_high_first(id).last().unwrap_or(0))
    })
}

/// The longest path without a crisis: each question answered with its
/// highest code that fires no crisis rule, so every follow-up is asked.
fn longest(modules: &ModuleSet) -> Vec<ItemId> {
    let mut answers = Answers::new();
    let mut asked = Vec::new();
    for _ in 0..ItemId::COUNT {
        let Step::Ask(id) = next_step(&answers, modules) else {
            break;
        };
        asked.push(id);
        let lowest = codes_high_first(id).last().unwrap_or(0);
        let code = codes_high_first(id)
            .find(|&code| {
                let mut a = answers.clone();
                a.set(id, Response::Value(code)).is_ok()
                    && !matches!(next_step(&a, modules), Step::Crisis | Step::OutOfScope)
            })
            .unwrap_or(lowest);
        if answers.set(id, Response::Value(code)).is_err() {
            break;
        }
    }
    asked
}

/// The number of questions and the time range of a deployment's journey.
pub fn estimate(modules: &ModuleSet) -> Estimate {
    let typical = path(&Answers::new(), modules);
    let short = shortest(modules);
    let long = longest(modules);
    let minutes_floor = |s: u32| (s / 60).max(1);
    let minutes_ceil = |s: u32| s.div_ceil(60);
    Estimate {
        questions: typical.len(),
        questions_min: short.len(),
        questions_max: long.len(),
        words: journey_time(&typical).words,
        minutes_min: minutes_floor(journey_time(&short).seconds_fast),
        minutes_max: minutes_ceil(journey_time(&typical).seconds_slow),
        minutes_longest: minutes_ceil(journey_time(&long).seconds_slow),
    }
}
