//! Test helpers: mount the widget into a fresh element, find things the way a person
//! would (by heading, button text, label), click, and let Yew finish rendering.

use carestep_engine::{item, AnswerKind, ItemId};
use carestep_widget::{App, AppProps, ConfigState};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::{AppHandle, Callback};

/// What [`Widget::enter`] did: nothing (a declined answer) or an answer given.
#[derive(Debug, Clone, Copy)]
pub enum Entered {
    Declined,
    Given,
}

pub struct Widget {
    pub root: Element,
    handle: Option<AppHandle<App>>,
    /// URLs Quick exit asked to go to (tests never leave the page).
    pub exits: Rc<RefCell<Vec<String>>>,
}

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

impl Widget {
    /// Mounts the app with this configuration text (`None`: no configuration block).
    pub async fn mount(config: Option<&str>) -> Widget {
        let root = document().create_element("div").unwrap();
        document().body().unwrap().append_child(&root).unwrap();
        let exits = Rc::new(RefCell::new(Vec::new()));
        let recorded = exits.clone();
        let props = AppProps {
            config: Rc::new(ConfigState::from_text(config)),
            host: root.clone(),
            on_quick_exit: Some(Callback::from(move |url: String| {
                recorded.borrow_mut().push(url)
            })),
            initial: None,
        };
        let handle = yew::Renderer::<App>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        Widget {
            root,
            handle: Some(handle),
            exits,
        }
    }

    pub fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .collect()
    }

    pub fn one(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn h1(&self) -> String {
        self.one("h1")
            .and_then(|h| h.text_content())
            .unwrap_or_default()
    }

    /// The item id of the question on screen.
    pub fn item(&self) -> Option<String> {
        self.one("[data-item]")
            .and_then(|e| e.get_attribute("data-item"))
    }

    /// `data-level` of the result (or crisis / out-of-scope) region.
    pub fn level(&self) -> Option<String> {
        self.one("[data-testid=result]")
            .and_then(|e| e.get_attribute("data-level"))
    }

    /// The button (or button-styled link) whose visible text is exactly `name`.
    pub fn button(&self, name: &str) -> Option<HtmlElement> {
        self.all("button, a")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().trim() == name)
            .and_then(|b| b.dyn_into::<HtmlElement>().ok())
    }

    pub fn has_button(&self, name: &str) -> bool {
        self.button(name).is_some()
    }

    pub async fn click(&self, name: &str) {
        let button = self
            .button(name)
            .unwrap_or_else(|| panic!("no button {name:?} on screen {:?}", self.h1()));
        button.click();
        yew::scheduler::flush().await;
    }

    /// The radio input whose label text is exactly `label`.
    pub fn radio(&self, label: &str) -> Option<HtmlInputElement> {
        let label = self
            .all("label")
            .into_iter()
            .find(|l| l.text_content().unwrap_or_default().trim() == label)?;
        let id = label.get_attribute("for")?;
        self.one(&format!("[id=\"{id}\"]"))?.dyn_into().ok()
    }

    /// Selects the option labelled `label` (no Continue).
    pub async fn choose(&self, label: &str) {
        let radio = self
            .radio(label)
            .unwrap_or_else(|| panic!("no option {label:?} on {:?}", self.item()));
        radio.click();
        yew::scheduler::flush().await;
    }

    /// The current question's option with this code (the radio's value).
    pub fn code_radio(&self, code: u64) -> HtmlInputElement {
        let item = self.item().expect("a question is on screen");
        self.one(&format!("input[name=\"{item}\"][value=\"{code}\"]"))
            .unwrap_or_else(|| panic!("{item} has no option {code}"))
            .dyn_into()
            .unwrap()
    }

    /// Selects the option with this code (the radio's value) and presses Continue.
    pub async fn answer_code(&self, code: u64) {
        self.code_radio(code).click();
        yew::scheduler::flush().await;
        self.click("Continue").await;
    }

    /// Enters a vignette's value for the current question — "declined" (nothing to enter),
    /// a count (typed) or an option's code (chosen) — without moving on; [`Widget::move_on`]
    /// then submits it.
    pub async fn enter(&self, value: &Value) -> Entered {
        let id = self.item().expect("a question is on screen");
        match (value, item(ItemId::parse(&id).unwrap()).answer) {
            (Value::String(s), _) if s == "declined" => Entered::Declined,
            (Value::Number(n), AnswerKind::Count) => {
                self.type_count(&n.to_string()).await;
                Entered::Given
            }
            (Value::Number(n), AnswerKind::Choices(_)) => {
                self.code_radio(n.as_u64().unwrap()).click();
                yew::scheduler::flush().await;
                Entered::Given
            }
            (other, _) => panic!("{id} = {other}"),
        }
    }

    /// Submits what [`Widget::enter`] entered: Skip this question, or Continue.
    pub async fn move_on(&self, entered: Entered) {
        let button = match entered {
            Entered::Declined => "Skip this question",
            Entered::Given => "Continue",
        };
        self.click(button).await;
    }

    /// Chooses `label` and presses Continue.
    pub async fn answer(&self, label: &str) {
        self.choose(label).await;
        self.click("Continue").await;
    }

    /// Types into the count field.
    pub async fn type_count(&self, text: &str) {
        let input: HtmlInputElement = self
            .one("input[type=number]")
            .expect("a count field")
            .dyn_into()
            .unwrap();
        input.set_value(text);
        let event = web_sys::Event::new_with_event_init_dict("input", &{
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            init
        })
        .unwrap();
        input.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
    }

    /// Answers `label` on every question whose id starts with `prefix`, until a question
    /// of another instrument (or one without that option) is on screen.
    pub async fn answer_all_with_prefix(&self, prefix: &str, label: &str) {
        while self.item().is_some_and(|i| i.starts_with(prefix)) && self.radio(label).is_some() {
            self.answer(label).await;
        }
    }

    /// The id of the focused element (or its tag name when it has no id).
    pub fn focused(&self) -> String {
        document()
            .active_element()
            .map(|e| {
                let id = e.id();
                if id.is_empty() {
                    e.tag_name().to_lowercase()
                } else {
                    id
                }
            })
            .unwrap_or_default()
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        self.root.remove();
    }
}

/// Start, adult, not in danger: the first PHQ-9 question is on screen.
pub async fn started() -> Widget {
    let w = Widget::mount(None).await;
    w.click("Start").await;
    w.answer("Yes").await; // 18 or older
    w.answer("No").await; // not in danger right now
    assert_eq!(w.item().as_deref(), Some("phq9.1"));
    w
}
