//! The root component: reads the configuration, owns the state reducer, applies the theme,
//! marks the host ready, moves focus on every step, listens for the Quick exit shortcut,
//! and shows the screen the state asks for.

use crate::browser;
use crate::components::{
    check::check_screen,
    config_error::config_error_screen,
    crisis::crisis_screen,
    method::{focus_entry, method_link, method_screen, METHOD_LINK_ID},
    out_of_scope::out_of_scope_screen,
    question::question_screen,
    report::why_id,
    result::{result_screen, SaveNote},
    start::start_screen,
    top_bar::top_bar,
};
use crate::messages as m;
use crate::state::{Action, Opener, Screen, State};
use carestep_config::{ClinicConfig, ConfigErrors};
use carestep_engine::methodology::rule_anchor;
use carestep_engine::{part_progress, progress, Level};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// The clinic configuration as the widget received it.
#[derive(Debug, PartialEq)]
pub enum ConfigState {
    Ready(ClinicConfig),
    /// The configuration has problems: the admin notice and the visitor fallback are shown
    /// instead of the questionnaire.
    Broken(ConfigErrors),
}

impl ConfigState {
    /// Reads the configuration text; `None` (no configuration block) or blank text means
    /// the defaults.
    pub fn from_text(text: Option<&str>) -> ConfigState {
        match text {
            Some(text) if !text.trim().is_empty() => match ClinicConfig::from_json(text) {
                Ok(config) => ConfigState::Ready(config),
                Err(errors) => ConfigState::Broken(errors),
            },
            _ => ConfigState::Ready(ClinicConfig::default()),
        }
    }
}

#[derive(Properties)]
pub struct AppProps {
    pub config: Rc<ConfigState>,
    /// The element the app is mounted in: the theme, `lang` and `data-ready` are set on it.
    pub host: Element,
    /// What Quick exit does after the answers are dropped, given the configured URL; `None`
    /// replaces the page (tests pass a callback instead of leaving the page).
    #[prop_or_default]
    pub on_quick_exit: Option<Callback<String>>,
    /// The state to open in (the set-up page's preview, `crate::preview`); `None` for a
    /// visitor, who starts at the start screen.
    #[prop_or_default]
    pub initial: Option<Rc<State>>,
}

/// Props are equal when they hold the same configuration (the same `Rc`): the configuration
/// is read once and never changes while the app is mounted, so comparing it field by field
/// would only add code.
impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config)
            && self.host == other.host
            && self.on_quick_exit == other.on_quick_exit
            && match (&self.initial, &other.initial) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
    }
}

#[component]
pub fn App(props: &AppProps) -> Html {
    {
        let host = props.host.clone();
        let config = props.config.clone();
        use_effect_with((), move |_| {
            if let ConfigState::Ready(config) = &*config {
                let vars = config.theme_vars();
                browser::set_custom_properties(&host, vars.iter().map(|(k, v)| (*k, v.as_str())));
                let _ = host.set_attribute("lang", config.locale().as_str());
            } else {
                let _ = host.set_attribute("lang", "en");
            }
            if let ConfigState::Broken(errors) = &*config {
                let mut lines = vec![m::CONFIG_ERROR_TITLE.to_owned()];
                for error in &errors.errors {
                    lines.push(error.to_string());
                }
                browser::console_error_lines(&lines);
            }
            let _ = host.class_list().add_1("carestep");
            let _ = host.set_attribute("data-ready", "true");
        });
    }

    // The configuration never changes while the app is mounted, so the hooks below are
    // always called, or never.
    let config = match &*props.config {
        ConfigState::Ready(config) => config,
        ConfigState::Broken(errors) => {
            let exit = quick_exit_callback(
                None,
                props.on_quick_exit.clone(),
                errors.fallback.quick_exit_url.as_str().to_owned(),
            );
            return html! {
                <>
                    { top_bar(&errors.fallback.crisis, &exit) }
                    { config_error_screen(errors) }
                </>
            };
        }
    };

    // The questionnaire flow for a valid configuration.
    let modules = *config.modules();
    let initial = props.initial.clone();
    let state = use_reducer(move || match initial {
        None => State::new(modules),
        Some(state) => (*state).clone(),
    });
    let save_note = use_state(SaveNote::default);
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };
    let exit = quick_exit_callback(
        Some(dispatch.clone()),
        props.on_quick_exit.clone(),
        config.quick_exit_url().as_str().to_owned(),
    );

    // Focus: after every step, to the new heading (or to the error summary). "How this
    // self-check works" opened by a Why? puts focus on its rule's entry; back from the page,
    // focus returns to the control that opened it. Step 0 is the first render: the page's
    // own focus is left alone then.
    {
        let host = props.host.clone();
        let has_error = state.error.is_some();
        let on_method = state.screen == Screen::Method;
        let opener = state.method.map(|(_, opener)| opener);
        use_effect_with(state.step, move |step| {
            if *step > 0 {
                let moved = match (on_method, opener) {
                    (true, Some(Opener::Why(rule))) => focus_entry(&host, &rule_anchor(rule)),
                    (true, _) => false,
                    (false, Some(Opener::Why(rule))) => browser::focus_id(&host, &why_id(rule)),
                    (false, Some(Opener::Link)) => browser::focus_id(&host, METHOD_LINK_ID),
                    (false, None) => has_error && browser::focus_id(&host, "cs-error-summary"),
                };
                if !moved {
                    browser::focus_first(&host, "h1");
                }
            }
        });
    }

    // The Quick exit shortcut: Shift pressed 3 times in a row (GOV.UK "Exit this page").
    {
        let exit = exit.clone();
        use_effect_with((), move |_| {
            let listener = ShiftListener::install(exit);
            move || drop(listener)
        });
    }

    let crisis = config.crisis();
    let announcement = announcement(&state);
    let screen = match state.screen {
        Screen::Start => start_screen(config.clinic(), config.modules(), &dispatch),
        // Mid-journey, the page is one link away too (below the question's own controls).
        Screen::Question(id) => html! {
            <>{ question_screen(id, &state, &dispatch) }{ method_link(&dispatch) }</>
        },
        Screen::Crisis => crisis_screen(&state, crisis, &dispatch),
        Screen::OutOfScope => {
            let level = state
                .assessment
                .as_ref()
                .map(|a| a.level)
                .unwrap_or(Level::OutOfScope);
            out_of_scope_screen(level, crisis, &dispatch)
        }
        Screen::Check => html! {
            <>{ check_screen(&state, &dispatch) }{ method_link(&dispatch) }</>
        },
        Screen::Result => result_screen(&state, config, &dispatch, &save_note),
        Screen::Method => method_screen(&state.modules, config.module_permissions(), &dispatch),
    };
    html! {
        <>
            { top_bar(crisis, &exit) }
            { screen }
            <div class="cs-visually-hidden" aria-live="polite" aria-atomic="true">{ announcement }</div>
        </>
    }
}

/// What the live region says after a step (the heading itself is announced on focus).
fn announcement(state: &State) -> String {
    match state.screen {
        Screen::Question(id) => {
            let p = progress(&state.answers, &state.modules, id);
            let count = m::announce_question(p.position, p.about_total);
            // A new part of the journey is announced with its name.
            let part = part_progress(&state.answers, &state.modules, id);
            if part.starts_part {
                [
                    &m::progress_part(part.index, part.count, part.part.name),
                    ". ",
                    &count,
                ]
                .concat()
            } else {
                count
            }
        }
        Screen::Start if state.step == 0 => String::new(),
        Screen::Start => m::START_TITLE.to_owned(),
        Screen::Crisis => m::CRISIS_TITLE.to_owned(),
        Screen::OutOfScope => m::OUT_OF_SCOPE_TITLE.to_owned(),
        Screen::Check => m::CHECK_TITLE.to_owned(),
        Screen::Result => m::RESULT_TITLE.to_owned(),
        Screen::Method => m::METHOD_TITLE.to_owned(),
    }
}

/// Quick exit: drop the answers first, then leave (or tell the test harness).
fn quick_exit_callback(
    dispatch: Option<Callback<Action>>,
    on_quick_exit: Option<Callback<String>>,
    url: String,
) -> Callback<()> {
    Callback::from(move |()| {
        if let Some(dispatch) = &dispatch {
            dispatch.emit(Action::Clear);
        }
        match &on_quick_exit {
            Some(callback) => callback.emit(url.clone()),
            None => browser::leave_page(&url),
        }
    })
}

/// A `keydown` listener on the document that counts consecutive Shift presses; any other
/// key resets the count. Removed again when dropped.
struct ShiftListener {
    closure: Closure<dyn FnMut(KeyboardEvent)>,
}

impl ShiftListener {
    /// Presses further apart than this start a new count (GOV.UK uses 5 seconds).
    const WINDOW_MS: f64 = 5000.0;

    fn install(exit: Callback<()>) -> Option<ShiftListener> {
        let document = web_sys::window()?.document()?;
        let count = Rc::new(Cell::new(0u8));
        let first_at = Rc::new(Cell::new(0f64));
        let closure = Closure::<dyn FnMut(KeyboardEvent)>::new(move |event: KeyboardEvent| {
            if event.repeat() {
                return;
            }
            if event.key() != "Shift" {
                count.set(0);
                return;
            }
            let now = event.time_stamp();
            if count.get() == 0 || now - first_at.get() > Self::WINDOW_MS {
                count.set(1);
                first_at.set(now);
            } else {
                count.set(count.get() + 1);
            }
            if count.get() >= 3 {
                count.set(0);
                exit.emit(());
            }
        });
        document
            .add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref())
            .ok()?;
        Some(ShiftListener { closure })
    }
}

impl Drop for ShiftListener {
    fn drop(&mut self) {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let _ = document.remove_event_listener_with_callback(
                "keydown",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}
