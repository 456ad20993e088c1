//! The live preview: the real widget in a sandboxed iframe (`preview.html`, no
//! `allow-same-origin`), redrawn as the admin types, on the screen they pick.
//!
//! The iframe runs this same WebAssembly in its preview mode ([`run_in_frame`]): it waits
//! for `{carestep: 1, type: "preview", config, scene, seq}` from its parent, mounts the
//! widget's `App` with that configuration on that scene
//! ([`carestep_widget::preview::show`]), and answers `{type: "previewed", seq}`. The
//! scenes' answers are the engine's examples (`carestep_engine::examples`), never a
//! visitor's; nothing leaves the device.

use gloo::events::EventListener;
use js_sys::{Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlIFrameElement, MessageEvent};

pub use carestep_widget::preview::Scene;

/// A scene's button label on the set-up page.
pub fn label(scene: Scene) -> String {
    match scene {
        Scene::Start => "Start screen".into(),
        Scene::Question => "A question".into(),
        Scene::Crisis => "Crisis screen".into(),
        Scene::Result(level) => ["Result: ", crate::output::level_short(level)].concat(),
    }
}

fn message(fields: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    let _ = Reflect::set(&object, &"carestep".into(), &JsValue::from(1));
    for (key, value) in fields {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object
}

fn field(data: &JsValue, key: &str) -> Option<JsValue> {
    Reflect::get(data, &key.into()).ok()
}

fn is_ours(data: &JsValue, kind: &str) -> bool {
    data.is_object()
        && field(data, "carestep").and_then(|v| v.as_f64()) == Some(1.0)
        && field(data, "type").and_then(|v| v.as_string()).as_deref() == Some(kind)
}

/// Sends the configuration and scene to the preview frame (an opaque origin cannot be
/// named as a target, hence `*`; the configuration is the clinic's public text).
pub fn post(frame: &HtmlIFrameElement, config: &str, scene: Scene, seq: u32) {
    if let Some(window) = frame.content_window() {
        let data = message(&[
            ("type", "preview".into()),
            ("config", config.into()),
            ("scene", scene.name().into()),
            ("seq", seq.into()),
        ]);
        let _ = window.post_message(&data, "*");
    }
}

/// What the frame said: it is ready for configurations, or it has drawn number `seq`.
pub enum FromFrame {
    Hello,
    Previewed(u32),
    /// The frame could not start the WebAssembly (usually a missing CORS header).
    Failed,
}

/// Listens on this window for messages from `frame` only (its window, whatever its origin).
pub fn listen(
    frame: HtmlIFrameElement,
    on_message: impl Fn(FromFrame) + 'static,
) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "message", move |event| {
        let Some(event) = event.dyn_ref::<MessageEvent>() else {
            return;
        };
        let from_frame = match (event.source(), frame.content_window()) {
            (Some(source), Some(frame_window)) => Object::is(&source, &frame_window),
            _ => false,
        };
        if !from_frame {
            return;
        }
        let data = event.data();
        if is_ours(&data, "hello") {
            on_message(FromFrame::Hello);
        } else if is_ours(&data, "failed") {
            on_message(FromFrame::Failed);
        } else if is_ours(&data, "previewed") {
            let seq = field(&data, "seq").and_then(|v| v.as_f64()).unwrap_or(0.0);
            on_message(FromFrame::Previewed(seq as u32));
        }
    }))
}

thread_local! {
    static FRAME_LISTENER: RefCell<Option<EventListener>> = const { RefCell::new(None) };
}

/// The preview frame's side: show each configuration and scene the parent sends, and say
/// when it is drawn. Links do nothing here, so a click in the preview never leaves it.
pub fn run_in_frame(root: Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(parent) = window.parent().ok().flatten() else {
        return;
    };
    let listener = EventListener::new(&window, "message", {
        let parent = parent.clone();
        move |event| {
            let Some(event) = event.dyn_ref::<MessageEvent>() else {
                return;
            };
            let from_parent = event.source().is_some_and(|s| Object::is(&s, &parent));
            let data = event.data();
            if !from_parent || !is_ours(&data, "preview") {
                return;
            }
            let config = field(&data, "config")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let scene = field(&data, "scene")
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            let seq = field(&data, "seq").unwrap_or(JsValue::from(0));
            carestep_widget::preview::show(root.clone(), &config, &scene);
            let _ =
                parent.post_message(&message(&[("type", "previewed".into()), ("seq", seq)]), "*");
        }
    });
    FRAME_LISTENER.with(|l| *l.borrow_mut() = Some(listener));
    if let Some(document) = window.document() {
        let links = EventListener::new_with_options(
            &document,
            "click",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            |event| {
                let on_link = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|e| e.closest("a[href]").ok().flatten())
                    .is_some();
                if on_link {
                    event.prevent_default();
                }
            },
        );
        links.forget();
    }
    let _ = parent.post_message(&message(&[("type", "hello".into())]), "*");
}
