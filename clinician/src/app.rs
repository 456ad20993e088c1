//! The clinician page's one component: three ways to read a code (typed, an image of its QR
//! code, the camera), one clear message next to the way that failed, and the report with
//! its FHIR download once a code is read.

use crate::scan::{self, Camera, CameraError, ImageError};
use carestep_engine::handoff::{self, Handoff};
use carestep_engine::{assess, fhir, path};
use carestep_ui::dom;
use carestep_ui::parts::{h2, p, primary_button, secondary_button};
use carestep_widget::components::report::report;
use carestep_widget::messages::date_in_words;
use carestep_widget::summary::Summary;
use gloo::timers::callback::Interval;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement};
use yew::prelude::*;

// The page's words.
const TITLE: &str = "Read a CareStep code";
const INTRO: &str = "A person who took the CareStep self-check can show you a code for their answers, as text or as a QR code. Read it here to see their full report. The code is read in this browser: nothing on this page is sent anywhere or stored.";
const TYPED_LABEL: &str = "Type the code";
const TYPED_HINT: &str = "It starts with CS1. Capitals, spaces and dashes do not matter, and O and 0, I and 1 are read alike.";
const SHOW: &str = "Show the report";
const QR_TITLE: &str = "Or read its QR code";
const IMAGE_LABEL: &str = "Open a photo or screenshot of the QR code";
const IMAGE_HINT: &str = "The picture is read on this device and not kept.";
const IMAGE_READING: &str = "Reading the picture…";
const IMAGE_NOT_IMAGE: &str =
    "This file could not be read as a picture: choose a photo or screenshot (PNG, JPEG, …)";
const IMAGE_NO_CODE: &str = "No QR code could be read in this picture: make sure the whole QR code is in it, sharp and not too small";
const CAMERA_HINT: &str = "Your browser asks before the camera is used. It is used only while you scan, and nothing is recorded.";
const CAMERA_START: &str = "Use the camera";
const CAMERA_STOP: &str = "Stop the camera";
const CAMERA_STARTING: &str = "Starting the camera…";
const CAMERA_ON: &str = "Point the camera at the QR code.";
const CAMERA_VIEW: &str = "What the camera sees";
const CAMERA_UNSUPPORTED: &str = "This browser does not offer a camera to this page (it needs a current browser and an https address): type the code or open a picture of it instead";
const CAMERA_REFUSED: &str = "The camera was not allowed: allow it for this page in your browser, or type the code or open a picture of it instead";
const CAMERA_NONE: &str =
    "No camera was found on this device: type the code or open a picture of it instead";
const CAMERA_FAILED: &str =
    "The camera could not be started: type the code or open a picture of it instead";
const REPORT_TITLE: &str = "Report";
const REPORT_CODE: &str = "Code:";
const FHIR_INTRO: &str = "For the record: the answers, scores and suggested level as FHIR R4 (a Bundle of Questionnaires, QuestionnaireResponses and Observations), made on this device.";
const FHIR_DOWNLOAD: &str = "Download for the record (FHIR)";
const FHIR_SAVED: &str = "The FHIR file was made on this device.";
const FHIR_FAILED: &str = "The FHIR file could not be made in this browser.";
const ANOTHER: &str = "Read another code";
const ERROR_PREFIX: &str = "Error: ";

/// Which way of reading a message belongs to (it is shown next to that control).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Typed,
    Image,
    Camera,
}

/// A code that was read: what it holds, its report, and its text as read.
struct Read {
    handoff: Handoff,
    summary: Summary,
    code: String,
}

/// The engine's one-line message as a sentence on the page: a capital first letter.
fn sentence(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn read_code(code: &str) -> Result<Read, String> {
    let handoff = handoff::decode(code).map_err(|e| sentence(&e.to_string()))?;
    let assessment = assess(&handoff.answers);
    let asked = path(&handoff.answers, &handoff.modules);
    let summary = Summary::new(
        &assessment,
        &handoff.answers,
        &asked,
        date_in_words(
            u32::from(handoff.date.year()),
            u32::from(handoff.date.month()),
            u32::from(handoff.date.day()),
        ),
    );
    Ok(Read {
        code: handoff.encode().unwrap_or_else(|_| code.to_owned()),
        handoff,
        summary,
    })
}

/// The camera while it runs: the stream and the timer that reads its frames.
#[derive(Default)]
struct CameraRun {
    /// The user asked for the camera and has not stopped it.
    wanted: bool,
    camera: Option<Camera>,
    timer: Option<Interval>,
}

impl CameraRun {
    fn stop(&mut self) {
        self.wanted = false;
        if let Some(timer) = self.timer.take() {
            // The interval is cleared now; its closure is dropped after the current task,
            // since this may run inside that very closure (a frame that held the code).
            let closure = timer.cancel();
            wasm_bindgen_futures::spawn_local(async move { drop(closure) });
        }
        if let Some(camera) = self.camera.take() {
            camera.stop();
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CameraState {
    Off,
    Starting,
    On,
}

fn focus(id: &str) {
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

/// The page.
#[function_component]
pub fn App() -> Html {
    let typed = use_state(String::new);
    let error = use_state(|| None::<(Source, String)>);
    let read = use_state(|| None::<Rc<Read>>);
    let image_status = use_state(|| "");
    let camera_state = use_state(|| CameraState::Off);
    let fhir_note = use_state(|| "");
    let camera = use_mut_ref(CameraRun::default);
    let view = use_node_ref();

    let stop_camera = {
        let (camera, camera_state) = (camera.clone(), camera_state.clone());
        Callback::from(move |_: ()| {
            camera.borrow_mut().stop();
            camera_state.set(CameraState::Off);
        })
    };

    // A text read one way or another: the report (and the camera off, whichever way it
    // was read), or the message next to that way.
    let accept = {
        let (error, read, typed, fhir_note, stop_camera) = (
            error.clone(),
            read.clone(),
            typed.clone(),
            fhir_note.clone(),
            stop_camera.clone(),
        );
        Callback::from(
            move |(source, text): (Source, String)| match read_code(&text) {
                Ok(r) => {
                    stop_camera.emit(());
                    typed.set(r.code.clone());
                    error.set(None);
                    fhir_note.set("");
                    read.set(Some(Rc::new(r)));
                }
                Err(message) => {
                    error.set(Some((source, message)));
                    read.set(None);
                }
            },
        )
    };

    // Ready for use (the end-to-end tests wait for it).
    use_effect_with((), |_| {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("clinician"))
        {
            let _ = root.set_attribute("data-ready", "true");
        }
    });

    // Focus follows what happened: the report's heading, or the control with the message.
    {
        let (error, read) = (error.clone(), read.clone());
        use_effect_with(
            (
                read.as_ref().map(|r| r.code.clone()),
                error.as_ref().map(|e| e.clone()),
            ),
            move |_| {
                if read.is_some() {
                    focus("report-title");
                } else if let Some((source, _)) = &*error {
                    focus(match source {
                        Source::Typed => "code",
                        Source::Image => "code-image",
                        Source::Camera => "camera-button",
                    });
                }
            },
        );
    }

    let on_input = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let on_submit = {
        let (typed, accept) = (typed.clone(), accept.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            accept.emit((Source::Typed, (*typed).clone()));
        })
    };
    let on_image = {
        let (accept, error, image_status) = (accept.clone(), error.clone(), image_status.clone());
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let (accept, error, image_status) =
                (accept.clone(), error.clone(), image_status.clone());
            image_status.set(IMAGE_READING);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = scan::read_file(file).await;
                image_status.set("");
                match outcome {
                    Ok(text) => accept.emit((Source::Image, text)),
                    Err(ImageError::NotAnImage) => {
                        error.set(Some((Source::Image, IMAGE_NOT_IMAGE.to_owned())))
                    }
                    Err(ImageError::NoCode) => {
                        error.set(Some((Source::Image, IMAGE_NO_CODE.to_owned())))
                    }
                }
            });
        })
    };
    let on_camera = {
        let (camera, camera_state, accept, error, view, stop_camera) = (
            camera.clone(),
            camera_state.clone(),
            accept.clone(),
            error.clone(),
            view.clone(),
            stop_camera.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *camera_state != CameraState::Off {
                stop_camera.emit(());
                return;
            }
            camera_state.set(CameraState::Starting);
            if matches!(&*error, Some((Source::Camera, _))) {
                error.set(None);
            }
            camera.borrow_mut().wanted = true;
            let (camera, camera_state, accept, error, view) = (
                camera.clone(),
                camera_state.clone(),
                accept.clone(),
                error.clone(),
                view.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match Camera::start().await {
                    // Stopped while it was starting: off at once.
                    Ok(started) if !camera.borrow().wanted => started.stop(),
                    Ok(started) => {
                        let run: Rc<RefCell<CameraRun>> = camera.clone();
                        run.borrow_mut().camera = Some(started);
                        camera_state.set(CameraState::On);
                        let frames = camera.clone();
                        let timer = Interval::new(200, move || {
                            let Some(canvas) = view.cast::<HtmlCanvasElement>() else {
                                return;
                            };
                            let text = frames
                                .borrow()
                                .camera
                                .as_ref()
                                .and_then(|c| c.read_frame(&canvas));
                            if let Some(text) = text {
                                // A CareStep code ends the scan (`accept` stops the
                                // camera); another QR code's message shows while it
                                // goes on.
                                accept.emit((Source::Camera, text));
                            }
                        });
                        run.borrow_mut().timer = Some(timer);
                    }
                    Err(e) => {
                        camera_state.set(CameraState::Off);
                        let message = match e {
                            CameraError::Unsupported => CAMERA_UNSUPPORTED,
                            CameraError::Refused => CAMERA_REFUSED,
                            CameraError::NoCamera => CAMERA_NONE,
                            CameraError::Failed => CAMERA_FAILED,
                        };
                        error.set(Some((Source::Camera, message.to_owned())));
                    }
                }
            });
        })
    };
    let on_another = {
        let (read, typed, error) = (read.clone(), typed.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            read.set(None);
            typed.set(String::new());
            error.set(None);
            focus("code");
        })
    };

    let error_for = |source: Source| -> Option<String> {
        match &*error {
            Some((s, message)) if *s == source => Some(message.clone()),
            _ => None,
        }
    };
    let typed_error = error_for(Source::Typed);
    let image_error = error_for(Source::Image);
    let camera_error = error_for(Source::Camera);
    let camera_on = *camera_state != CameraState::Off;

    html! {
        <div class="cs-screen clinician">
            <h1>{ TITLE }</h1>
            { p(INTRO) }

            <form class="clinician-typed" onsubmit={on_submit} novalidate=true>
                { field(
                    "code",
                    TYPED_LABEL,
                    TYPED_HINT,
                    typed_error.as_deref(),
                    html! {
                        <input type="text" id="code" name="code" class="clinician-code"
                            value={(*typed).clone()} oninput={on_input}
                            autocomplete="off" autocapitalize="characters" spellcheck="false"
                            aria-describedby={describedby("code", typed_error.is_some())}
                            aria-invalid={typed_error.is_some().then_some("true")}/>
                    },
                ) }
                <div class="cs-actions">
                    <button type="submit" class="cs-button">{ SHOW }</button>
                </div>
            </form>

            { h2(QR_TITLE) }
            { field(
                "code-image",
                IMAGE_LABEL,
                IMAGE_HINT,
                image_error.as_deref(),
                html! {
                    <input type="file" id="code-image" accept="image/*" onchange={on_image}
                        aria-describedby={describedby("code-image", image_error.is_some())}
                        aria-invalid={image_error.is_some().then_some("true")}/>
                },
            ) }
            <p class="clinician-status" role="status">{ *image_status }</p>

            <div class={classes!("field", camera_error.is_some().then_some("field-invalid"))}>
                <p class="hint" id="camera-button-hint">{ CAMERA_HINT }</p>
                if let Some(message) = camera_error.as_deref() {
                    { error_message("camera-button", message) }
                }
                <button type="button" id="camera-button" class="cs-button cs-button-secondary"
                    onclick={on_camera}
                    aria-describedby={describedby("camera-button", camera_error.is_some())}>
                    { if camera_on { CAMERA_STOP } else { CAMERA_START } }
                </button>
                <p class="clinician-status" role="status">
                    { match *camera_state {
                        CameraState::Off => "",
                        CameraState::Starting => CAMERA_STARTING,
                        CameraState::On => CAMERA_ON,
                    } }
                </p>
                <canvas ref={view} class="clinician-camera" hidden={*camera_state != CameraState::On}
                    role="img" aria-label={CAMERA_VIEW}></canvas>
            </div>

            if let Some(r) = read.as_ref() {
                { report_section(r, &fhir_note, on_another) }
            }
        </div>
    }
}

/// The report of a code that was read, the FHIR download, and "Read another code".
fn report_section(
    r: &Rc<Read>,
    fhir_note: &UseStateHandle<&'static str>,
    on_another: Callback<MouseEvent>,
) -> Html {
    let on_fhir = {
        let (r, fhir_note) = (r.clone(), fhir_note.clone());
        Callback::from(move |_: MouseEvent| {
            let json = fhir::bundle_json(&r.handoff.answers, r.handoff.date);
            let name = ["carestep-fhir-", &r.handoff.date.to_string(), ".json"].concat();
            let ok = dom::save_text_file(&name, "application/fhir+json", &json).is_ok();
            fhir_note.set(if ok { FHIR_SAVED } else { FHIR_FAILED });
        })
    };
    html! {
        <section class="clinician-report" aria-labelledby="report-title">
            <h2 id="report-title" tabindex="-1">{ REPORT_TITLE }</h2>
            <p>{ REPORT_CODE }{ " " }<strong class="clinician-code-read" data-testid="code-read">{ r.code.clone() }</strong></p>
            { report(&r.summary) }
            { p(FHIR_INTRO) }
            <div class="cs-actions">
                { primary_button(FHIR_DOWNLOAD, on_fhir) }
                { secondary_button(ANOTHER, on_another) }
            </div>
            <p class="clinician-status" role="status">{ **fhir_note }</p>
        </section>
    }
}

/// `aria-describedby` of a control: its hint, and its error when it has one.
fn describedby(id: &str, has_error: bool) -> String {
    if has_error {
        [id, "-hint ", id, "-error"].concat()
    } else {
        [id, "-hint"].concat()
    }
}

/// The error message of a control, GOV.UK style: between the hint and the control.
fn error_message(id: &str, message: &str) -> Html {
    html! {
        <p class="field-error" id={[id, "-error"].concat()} data-testid="error">
            <span class="cs-visually-hidden">{ ERROR_PREFIX }</span>{ message.to_owned() }
        </p>
    }
}

/// A labelled control with its hint and, when it has one, its error.
fn field(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    error: Option<&str>,
    control: Html,
) -> Html {
    html! {
        <div class={classes!("field", error.is_some().then_some("field-invalid"))}>
            <label for={id}>{ label }</label>
            <p class="hint" id={[id, "-hint"].concat()}>{ hint }</p>
            if let Some(message) = error {
                { error_message(id, message) }
            }
            { control }
        </div>
    }
}
