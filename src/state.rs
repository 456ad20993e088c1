//! The widget's state and the actions that change it (Yew's `function_todomvc` shape).
//!
//! The reducer is the only place the flow moves, and every decision in it is the engine's:
//! [`next_step`] (skip logic and the crisis interrupt), [`path`] (Back and the check page),
//! [`prune`] (answers to questions no longer asked are dropped after a change) and
//! [`assess`] (the result). The reducer never looks at a score or a threshold.
//!
//! Every action that changes something returns a new `Rc` (Yew 0.23 re-renders only then);
//! an action that changes nothing returns the same `Rc`.

use carestep_engine::{
    assess, item, next_step, path, prune, AnswerKind, Answers, Assessment, ItemId, ModuleSet,
    Response, RuleId, Step,
};
use std::rc::Rc;
use yew::Reducible;

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Question(ItemId),
    /// A crisis rule holds: the crisis screen replaces the questionnaire.
    Crisis,
    /// The person is under 18 (ctx.adult = No).
    OutOfScope,
    /// Check your answers.
    Check,
    Result,
    /// "How this self-check works" (the engine's methodology page), opened over the screen
    /// in [`State::method`]. App state only: it never changes the URL, its hash or the
    /// history, because which rule fired is about the visitor's answers.
    Method,
}

/// What opened "How this self-check works": the link to it on the start, question, check
/// or result screen, or the Why? next to one reason on the result. Focus returns to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    Link,
    Why(RuleId),
}

/// What the person has picked or typed on the current question but not yet submitted
/// with Continue (no auto-advance: a click on a radio only selects).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Draft {
    #[default]
    Empty,
    Choice(u8),
    /// The text of a count field, validated on Continue.
    Count(String),
}

/// Why Continue was refused on the current question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionError {
    /// Nothing chosen (radios) or nothing typed (count).
    NoAnswer,
    /// A count that is not a whole number of 0 or more.
    NotACount,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub modules: ModuleSet,
    pub answers: Answers,
    pub screen: Screen,
    pub draft: Draft,
    pub error: Option<QuestionError>,
    /// A Change link from the check page was followed: Back returns to the check page,
    /// and Continue goes on to any newly asked question, then back to the check page.
    pub changing: bool,
    /// The last question answered before the crisis screen (Back returns to it).
    pub last_answered: Option<ItemId>,
    /// The engine's result, computed on entering the crisis or result screen.
    pub assessment: Option<Assessment>,
    /// Counts screen changes, so the view knows when to move focus to the new heading.
    pub step: u32,
    /// "How this self-check works": the screen it was opened over and what opened it. Kept
    /// after "Back to your self-check" until the next step, so that focus goes back to
    /// the opener; the answers, the draft and the result are left as they were.
    pub method: Option<(Screen, Opener)>,
    /// The result's "Add 'How this self-check works' to the printout" (off by default).
    pub method_in_print: bool,
}

impl State {
    pub fn new(modules: ModuleSet) -> State {
        State {
            modules,
            answers: Answers::new(),
            screen: Screen::Start,
            draft: Draft::Empty,
            error: None,
            changing: false,
            last_answered: None,
            assessment: None,
            step: 0,
            method: None,
            method_in_print: false,
        }
    }

    /// The questions that are asked given the answers so far, in order (engine's skip logic).
    pub fn path(&self) -> Vec<ItemId> {
        path(&self.answers, &self.modules)
    }

    /// Moves to `screen`, loading the saved answer of a question into the draft.
    pub(crate) fn go(&mut self, screen: Screen) {
        self.screen = screen;
        self.error = None;
        self.draft = match screen {
            Screen::Question(id) => draft_of(id, self.answers.get(id)),
            _ => Draft::Empty,
        };
        self.assessment = match screen {
            Screen::Crisis | Screen::Result | Screen::OutOfScope => {
                // `prune` first: an answer to a question no longer asked must not count.
                prune(&mut self.answers, &self.modules);
                Some(assess(&self.answers))
            }
            _ => None,
        };
        if !matches!(screen, Screen::Question(_) | Screen::Check) {
            self.changing = false;
        }
        self.method = None;
        self.step = self.step.wrapping_add(1);
    }

    /// The screen the engine says comes next.
    pub(crate) fn engine_screen(&self) -> Screen {
        match next_step(&self.answers, &self.modules) {
            Step::Ask(id) => Screen::Question(id),
            Step::Crisis => Screen::Crisis,
            Step::OutOfScope => Screen::OutOfScope,
            Step::Review => Screen::Check,
        }
    }

    /// After `answered` was saved: the crisis and out-of-scope screens win at once; after a
    /// Change, the next unanswered question or the check page; otherwise the question after
    /// `answered` on the path (already answered ones show their answer, as after Back).
    fn screen_after(&self, answered: ItemId) -> Screen {
        let engine = self.engine_screen();
        if self.changing || matches!(engine, Screen::Crisis | Screen::OutOfScope) {
            return engine;
        }
        let path = self.path();
        let position = |id: ItemId| path.iter().position(|&p| p == id);
        let following = position(answered).and_then(|i| path.get(i + 1).copied());
        match (following, engine) {
            // An unanswered question earlier on the path than the following one comes first.
            (Some(next), Screen::Question(first_open)) => {
                match (position(first_open), position(next)) {
                    (Some(open), Some(after)) if open < after => engine,
                    _ => Screen::Question(next),
                }
            }
            (Some(next), _) => Screen::Question(next),
            (None, _) => engine,
        }
    }
}

/// The draft shown for a question with a saved response.
fn draft_of(id: ItemId, saved: Option<Response>) -> Draft {
    match (item(id).answer, saved) {
        (AnswerKind::Choices(_), Some(Response::Value(v))) => {
            u8::try_from(v).map(Draft::Choice).unwrap_or_default()
        }
        (AnswerKind::Count, Some(Response::Value(v))) => Draft::Count(v.to_string()),
        _ => Draft::Empty,
    }
}

/// Reads a count the way a person types it: digits, surrounding spaces allowed.
pub fn parse_count(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Start,
    /// A radio option was selected on the current question.
    Choose(u8),
    /// The count field's text changed.
    Type(String),
    /// Continue: save the draft and move on (or show the error summary).
    Continue,
    /// "Skip this question": save `declined` and move on.
    Skip,
    Back,
    /// A Change link on the check page.
    Change(ItemId),
    /// "See my result" on the check page.
    SeeResult,
    /// "Clear my answers" (and the first half of Quick exit): drop everything, back to Start.
    Clear,
    /// Opens "How this self-check works" over the current screen (at the reason's rule for
    /// a Why?).
    OpenMethod(Opener),
    /// "Back to your self-check": the screen it was opened from, exactly as it was.
    CloseMethod,
    /// The result's checkbox: the page as an appendix of the printout, or not.
    MethodInPrint(bool),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Start => {
                // After Back to the start screen, Start goes through the answers again from
                // the first question (each shows its saved answer).
                let first = match next.path().first() {
                    Some(&id) if !next.answers.is_empty() => Screen::Question(id),
                    _ => next.engine_screen(),
                };
                next.go(first);
            }
            Action::Choose(code) => {
                if next.draft == Draft::Choice(code) {
                    return self;
                }
                next.draft = Draft::Choice(code);
            }
            Action::Type(text) => {
                if next.draft == Draft::Count(text.clone()) {
                    return self;
                }
                next.draft = Draft::Count(text);
            }
            Action::Continue | Action::Skip => {
                let Screen::Question(id) = next.screen else {
                    return self;
                };
                let response = if action == Action::Skip {
                    Ok(Response::Declined)
                } else {
                    match &next.draft {
                        Draft::Empty => Err(QuestionError::NoAnswer),
                        Draft::Choice(code) => Ok(Response::Value(u64::from(*code))),
                        Draft::Count(text) if text.trim().is_empty() => {
                            Err(QuestionError::NoAnswer)
                        }
                        Draft::Count(text) => parse_count(text)
                            .map(Response::Value)
                            .ok_or(QuestionError::NotACount),
                    }
                };
                let saved = response.and_then(|r| {
                    // The engine validates the code against the item's options.
                    next.answers.set(id, r).map_err(|_| QuestionError::NoAnswer)
                });
                if let Err(error) = saved {
                    next.error = Some(error);
                    next.method = None;
                    // A new step number moves focus to the error summary.
                    next.step = next.step.wrapping_add(1);
                    return Rc::new(next);
                }
                prune(&mut next.answers, &next.modules);
                next.last_answered = Some(id);
                let screen = next.screen_after(id);
                next.go(screen);
            }
            Action::OpenMethod(opener) => {
                if next.screen == Screen::Method {
                    return self;
                }
                // Only the screen changes: answers, draft, error and result stay as they are.
                next.method = Some((next.screen, opener));
                next.screen = Screen::Method;
                next.step = next.step.wrapping_add(1);
            }
            Action::CloseMethod | Action::Back if next.screen == Screen::Method => {
                let Some((from, _)) = next.method else {
                    return self;
                };
                // `method` stays set until the next step: the view puts focus back on the
                // control that opened the page.
                next.screen = from;
                next.step = next.step.wrapping_add(1);
            }
            Action::CloseMethod => return self,
            Action::MethodInPrint(on) => {
                if next.method_in_print == on {
                    return self;
                }
                next.method_in_print = on;
            }
            Action::Back => {
                let screen = match next.screen {
                    Screen::Start | Screen::Method => return self,
                    Screen::Question(_) if next.changing => Screen::Check,
                    Screen::Question(id) => {
                        let path = next.path();
                        match path.iter().position(|&p| p == id) {
                            Some(0) | None => Screen::Start,
                            Some(i) => Screen::Question(path[i - 1]),
                        }
                    }
                    Screen::Crisis => match next.last_answered {
                        Some(id) => Screen::Question(id),
                        None => Screen::Start,
                    },
                    Screen::OutOfScope => Screen::Question(ItemId::CtxAdult),
                    Screen::Check => match next.path().last() {
                        Some(&id) => Screen::Question(id),
                        None => Screen::Start,
                    },
                    Screen::Result => Screen::Check,
                };
                next.go(screen);
            }
            Action::Change(id) => {
                next.changing = true;
                next.go(Screen::Question(id));
            }
            Action::SeeResult => {
                // The engine decides: normally the result, but a question still open (or a
                // crisis) comes first.
                let screen = match next.engine_screen() {
                    Screen::Check => Screen::Result,
                    other => other,
                };
                next.go(screen);
            }
            Action::Clear => {
                let mut fresh = State::new(next.modules);
                fresh.step = next.step.wrapping_add(1);
                return Rc::new(fresh);
            }
        }
        Rc::new(next)
    }
}
