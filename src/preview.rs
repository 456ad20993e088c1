//! The widget as the set-up page previews it: the real [`App`] with a clinic's draft
//! configuration, opened on a chosen screen ("scene") with the engine's example answers
//! (`carestep_engine::examples`), never a visitor's.
//!
//! Only the set-up app calls [`show`] (from its preview frame); the visitor's binary
//! (`src/main.rs`) never does, so link-time optimisation leaves this module, and the
//! examples, out of the visitor's WebAssembly.

use crate::components::app::{App, AppProps, ConfigState};
use crate::state::{Screen, State};
use carestep_engine::examples::example;
use carestep_engine::{Level, ModuleSet};
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;
use yew::{AppHandle, Callback};

/// A screen the preview can open on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scene {
    Start,
    /// The first question.
    Question,
    /// The crisis screen (the example that answers "in danger right now").
    Crisis,
    /// The result for this level's example answers.
    Result(Level),
}

impl Scene {
    /// Every scene, in the order the set-up page offers them: start, a question, crisis,
    /// then the result of each level a clinic can offer a program at.
    pub fn all() -> Vec<Scene> {
        let mut scenes = vec![Scene::Start, Scene::Question, Scene::Crisis];
        scenes.extend(
            [
                Level::SelfCare,
                Level::Outpatient,
                Level::Iop,
                Level::Php,
                Level::Inpatient,
            ]
            .map(Scene::Result),
        );
        scenes
    }

    /// The scene's name in the preview's messages: `start`, `question`, `crisis` or
    /// `result:<level>` (`result:iop`). [`Scene::parse`] reads it back.
    pub fn name(self) -> String {
        match self {
            Scene::Start => "start".into(),
            Scene::Question => "question".into(),
            Scene::Crisis => "crisis".into(),
            Scene::Result(level) => ["result:", level.as_str()].concat(),
        }
    }

    /// A name written by [`Scene::name`]; anything else is the start screen.
    pub fn parse(name: &str) -> Scene {
        match name {
            "question" => Scene::Question,
            "crisis" => Scene::Crisis,
            _ => name
                .strip_prefix("result:")
                .and_then(|l| Level::ALL.into_iter().find(|level| level.as_str() == l))
                .map_or(Scene::Start, Scene::Result),
        }
    }
}

impl State {
    /// The state a visitor would be in at `scene` with the example answers. Its step is 0,
    /// so the app does not move focus (the admin keeps typing in the set-up form).
    pub fn preview(modules: ModuleSet, scene: Scene) -> State {
        let mut state = State::new(modules);
        let answers = match scene {
            Scene::Start => None,
            Scene::Question => Some(Default::default()),
            Scene::Crisis => example(Level::CrisisNow, &modules),
            Scene::Result(level) => example(level, &modules),
        };
        if let Some(answers) = answers {
            state.answers = answers;
            let screen = match (scene, state.engine_screen()) {
                // The walk ends at the check page; the result is one click further.
                (Scene::Result(_), Screen::Check) => Screen::Result,
                (_, screen) => screen,
            };
            state.go(screen);
        }
        state.step = 0;
        state
    }
}

thread_local! {
    static SHOWN: RefCell<Option<AppHandle<App>>> = const { RefCell::new(None) };
}

/// Shows the widget in `root` with the configuration text `config` on `scene`, replacing
/// what an earlier call showed. Quick exit does nothing here (the preview must not leave).
pub fn show(root: Element, config: &str, scene: &str) {
    if let Some(previous) = SHOWN.with(|shown| shown.borrow_mut().take()) {
        previous.destroy();
    }
    root.set_text_content(None);
    let config = Rc::new(ConfigState::from_text(Some(config)));
    // A broken configuration shows its notice, as it would to visitors.
    let initial = match &*config {
        ConfigState::Ready(config) => Some(Rc::new(State::preview(
            *config.modules(),
            Scene::parse(scene),
        ))),
        ConfigState::Broken(_) => None,
    };
    let props = AppProps {
        config,
        host: root.clone(),
        on_quick_exit: Some(Callback::from(|_: String| ())),
        initial,
    };
    let handle = yew::Renderer::<App>::with_root_and_props(root, props).render();
    SHOWN.with(|shown| *shown.borrow_mut() = Some(handle));
}
