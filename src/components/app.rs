//! The root component: owns the state reducer, applies the theme, marks the host ready,
//! and shows the screen the state asks for.

use crate::components::{start::StartScreen, top_bar::TopBar};
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

/// The clinic configuration as the widget received it (placeholder until the engine's
/// `ClinicConfig` lands).
#[derive(Debug, PartialEq)]
pub struct ConfigState;

impl ConfigState {
    /// Reads the configuration text; `None` or blank text means the defaults.
    pub fn from_text(_text: Option<&str>) -> ConfigState {
        ConfigState
    }
}

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub config: Rc<ConfigState>,
    /// The element the app is mounted in: the theme and `data-ready` are set on it.
    pub host: Element,
    /// What Quick exit does after the answers are dropped; `None` replaces the page
    /// (tests pass a callback instead of leaving the page).
    #[prop_or_default]
    pub on_quick_exit: Option<Callback<String>>,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    {
        let host = props.host.clone();
        use_effect_with((), move |_| {
            let _ = host.set_attribute("data-ready", "true");
        });
    }
    html! {
        <>
            <TopBar />
            <StartScreen />
        </>
    }
}
