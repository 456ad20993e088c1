//! The set-up page's one component: the form, the error summary, the preview, the output
//! and the hosting check, around one state.

use crate::form::{form, Edit, Fields};
use crate::hosting::{self, Finding, Status};
use crate::model::{field_id, Model, Placement, MAX_LINES, PROGRAM_LEVELS};
use crate::output::{self, csp_lines, snippet, Mode, Release, VERSION};
use crate::preview::{self, FromFrame, Scene};
use carestep_config::{ClinicConfig, ConfigError};
use carestep_ui::dom::{focus_id, save_text_file};
use carestep_ui::error_summary::error_summary_quiet;
use carestep_ui::parts::{actions, p, secondary_button};
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use web_sys::{HtmlIFrameElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A configuration the admin opened, whose own errors are shown until they change a field.
#[derive(Debug, Clone, PartialEq)]
struct Opened {
    text: String,
    placement: Placement,
}

#[derive(Debug, Clone, PartialEq)]
struct Page {
    model: Model,
    opened: Option<Opened>,
    /// What Open said: the file's name and what was read, or why it could not be.
    open_note: Option<String>,
    lines_shown: usize,
    scene: Scene,
    base_url: String,
    hosting: Hosting,
    /// Which output was just copied (announced).
    copied: Option<&'static str>,
    /// Counts Opens, so focus moves to the summary once per Open.
    opens: u32,
}

#[derive(Debug, Clone, PartialEq)]
enum Hosting {
    NotRun,
    Running,
    Done(Vec<Finding>),
}

enum Msg {
    Edit(Edit),
    Open { name: String, text: String },
    Scene(Scene),
    Base(String),
    Hosting(Hosting),
    Copied(&'static str),
}

impl Reducible for Page {
    type Action = Msg;
    fn reduce(self: Rc<Self>, action: Msg) -> Rc<Self> {
        let mut page = (*self).clone();
        page.copied = None;
        match action {
            Msg::Edit(edit) => {
                page.opened = None;
                match edit {
                    Edit::Text(path, value) => page.model.set(&path, value),
                    Edit::Toggle(path, on) => toggle(&mut page.model, &path, on),
                    Edit::AddLine => page.lines_shown = (page.lines_shown + 1).min(MAX_LINES),
                }
            }
            Msg::Open { name, text } => {
                page.opens += 1;
                match Model::from_config(&text) {
                    Some((model, placement, dropped)) => {
                        let shown = model
                            .lines
                            .iter()
                            .filter(|l| l.iter().any(|f| !f.trim().is_empty()))
                            .count();
                        page.lines_shown = shown.max(1);
                        page.model = model;
                        page.opened = Some(Opened { text, placement });
                        let mut note = ["Opened ", &name, "."].concat();
                        if !dropped.is_empty() {
                            note.push_str(
                                " The form has no place for these, so they are left out: ",
                            );
                            note.push_str(&dropped.join(", "));
                            note.push('.');
                        }
                        page.open_note = Some(note);
                    }
                    None => {
                        // Not a JSON object: the validator says exactly why (with line and column).
                        page.opened = Some(Opened {
                            text,
                            placement: Placement::default(),
                        });
                        page.open_note = Some(
                            ["Could not read ", &name, ": the form below is unchanged."].concat(),
                        );
                    }
                }
            }
            Msg::Scene(scene) => page.scene = scene,
            Msg::Base(base) => page.base_url = base,
            Msg::Hosting(hosting) => page.hosting = hosting,
            Msg::Copied(what) => page.copied = Some(what),
        }
        Rc::new(page)
    }
}

fn toggle(model: &mut Model, path: &str, on: bool) {
    let Some((group, rest)) = path.split_once('.') else {
        return;
    };
    let name = rest.split('.').next().unwrap_or_default();
    match group {
        "programs" => {
            if let Some(i) = PROGRAM_LEVELS.iter().position(|l| l.as_str() == name) {
                model.programs[i].offered = on;
            }
        }
        "modules" => {
            if let Some(m) = model.modules.iter_mut().find(|m| m.module.as_str() == name) {
                m.on = on;
            }
        }
        _ => {}
    }
}

/// The folder `setup.html` was loaded from: the snippets' default base URL.
fn page_folder() -> String {
    let href = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let href = href.split(['?', '#']).next().unwrap_or_default();
    match href.rfind('/') {
        Some(i) => href[..=i].to_owned(),
        None => href.to_owned(),
    }
}

/// The validator's verdict on the configuration shown: errors by form path, and those it
/// could not place on a field.
struct Verdict {
    config_text: String,
    config: Option<ClinicConfig>,
    errors: Vec<(ConfigError, Option<String>)>,
}

fn verdict(page: &Page) -> Verdict {
    let (config_text, placement) = page.model.to_config();
    let fields = page.model.field_paths();
    let (checked, placement) = match &page.opened {
        Some(opened) => (opened.text.clone(), opened.placement.clone()),
        None => (config_text.clone(), placement),
    };
    let (config, errors) = match ClinicConfig::from_json(&checked) {
        Ok(config) => (Some(config), Vec::new()),
        Err(errors) => {
            let placed = errors
                .errors
                .into_iter()
                .map(|e| {
                    let field = placement.field_for(&e.path, &fields);
                    (e, field)
                })
                .collect();
            (None, placed)
        }
    };
    let config = match (&page.opened, config) {
        // The output is always the form's; an opened file's own verdict only decides errors.
        (Some(_), _) => ClinicConfig::from_json(&config_text).ok(),
        (None, config) => config,
    };
    Verdict {
        config_text,
        config,
        errors,
    }
}

/// An error's words without its path: the field it sits on says where.
fn message(error: &ConfigError) -> String {
    match &error.allowed {
        Some(allowed) => [error.problem.as_str(), " (allowed: ", allowed, ")"].concat(),
        None => error.problem.clone(),
    }
}

#[component]
pub fn App() -> Html {
    let page = use_reducer(|| Page {
        model: Model::default(),
        opened: None,
        open_note: None,
        lines_shown: 1,
        scene: Scene::Start,
        base_url: page_folder(),
        hosting: Hosting::NotRun,
        copied: None,
        opens: 0,
    });
    let release = use_memo((), |_| Release::from_page());
    let host = use_node_ref();
    let frame_ref = use_node_ref();
    let frame_ready = use_state(|| false);
    let frame_failed = use_state(|| false);
    // The time from the admin's last change to the frame saying it redrew, and which draw
    // that was (the benchmark reads both: bench/preview.mjs).
    let preview_ms = use_state(|| None::<(f64, u32)>);
    let last_edit = use_mut_ref(|| None::<f64>);
    let seq = use_mut_ref(|| 0_u32);
    let reader = use_mut_ref(|| None::<FileReader>);
    let pasted = use_node_ref();

    let dispatch = {
        let page = page.clone();
        let last_edit = last_edit.clone();
        Callback::from(move |msg: Msg| {
            if matches!(msg, Msg::Edit(_) | Msg::Scene(_) | Msg::Open { .. }) {
                *last_edit.borrow_mut() = Some(now());
            }
            page.dispatch(msg);
        })
    };
    let on_edit = dispatch.reform(Msg::Edit);
    let verdict = verdict(&page);

    // The frame says hello when its WebAssembly is ready, and "previewed" after each draw.
    {
        let frame_ref = frame_ref.clone();
        let frame_ready = frame_ready.clone();
        let frame_failed = frame_failed.clone();
        let preview_ms = preview_ms.clone();
        let last_edit = last_edit.clone();
        let seq = seq.clone();
        use_effect_with((), move |_| {
            let listener = frame_ref.cast::<HtmlIFrameElement>().and_then(|frame| {
                preview::listen(frame, move |message| match message {
                    FromFrame::Hello => frame_ready.set(true),
                    FromFrame::Failed => frame_failed.set(true),
                    FromFrame::Previewed(n) if n == *seq.borrow() => {
                        if let Some(edit) = *last_edit.borrow() {
                            preview_ms.set(Some((now() - edit, n)));
                        }
                    }
                    FromFrame::Previewed(_) => {}
                })
            });
            move || drop(listener)
        });
    }
    // Every change of configuration or scene is sent to the frame once it is ready.
    {
        let frame_ref = frame_ref.clone();
        let seq = seq.clone();
        let deps = (verdict.config_text.clone(), page.scene, *frame_ready);
        use_effect_with(deps, move |(config, scene, ready)| {
            if *ready {
                if let Some(frame) = frame_ref.cast::<HtmlIFrameElement>() {
                    let n = *seq.borrow() + 1;
                    *seq.borrow_mut() = n;
                    preview::post(&frame, config, *scene, n);
                }
            }
        });
    }
    // After an Open, focus goes to the error summary (or the form's first field).
    {
        let host = host.clone();
        let has_errors = !verdict.errors.is_empty();
        use_effect_with(page.opens, move |opens| {
            if *opens > 0 {
                if let Some(host) = host.cast::<web_sys::Element>() {
                    if !(has_errors && focus_id(&host, "cs-error-summary")) {
                        focus_id(&host, "open-note");
                    }
                }
            }
        });
    }

    let mut by_field: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut entries = Vec::new();
    for (error, field) in &verdict.errors {
        let text = message(error);
        let target = match field {
            Some(path) => {
                by_field.entry(path.clone()).or_default().push(text.clone());
                field_id(path)
            }
            None => "f-open-text".to_owned(),
        };
        let label = if error.path.is_empty() {
            text
        } else {
            [error.path.as_str(), ": ", &text].concat()
        };
        entries.push((AttrValue::from(label), target));
    }

    let fields = Fields {
        model: &page.model,
        errors: &by_field,
        on_edit: &on_edit,
    };
    let summary = (!entries.is_empty())
        .then(|| error_summary_quiet("There is a problem with the configuration", entries));

    html! {
        <div class="cs-screen setup" ref={host}>
            <h1>{ "Set up your CareStep self-check" }</h1>
            <p class="setup-version">{ ["CareStep ", VERSION].concat() }</p>
            { p("Fill in the form. The preview shows the self-check as your visitors will see it. \
                 Then copy the snippet into a page of your site. Nothing you type here leaves this browser, \
                 and nothing is stored: download the configuration to keep it.") }
            { summary.unwrap_or_default() }
            { open_section(&page, &dispatch, reader, pasted) }
            <div class="setup-columns">
                <form class="setup-form" novalidate=true onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                    { form(&fields, page.lines_shown) }
                </form>
                { preview_panel(&page, &dispatch, frame_ref, *preview_ms, *frame_failed, *frame_ready) }
            </div>
            { output_section(&page, &verdict, &release, &dispatch) }
            { hosting_section(&page, &dispatch) }
            <div class="cs-visually-hidden" aria-live="polite">
                { page.copied.map(|what| [what, " copied."].concat()).unwrap_or_default() }
            </div>
        </div>
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_default()
}

fn open_section(
    page: &Page,
    dispatch: &Callback<Msg>,
    reader: Rc<RefCell<Option<FileReader>>>,
    pasted: NodeRef,
) -> Html {
    let open_pasted = {
        let dispatch = dispatch.clone();
        let pasted = pasted.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = pasted.cast::<HtmlTextAreaElement>() {
                dispatch.emit(Msg::Open {
                    name: "the pasted configuration".into(),
                    text: area.value(),
                });
            }
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            let file = gloo::file::File::from(file);
            let name = file.name();
            let dispatch = dispatch.clone();
            // Read in this browser; nothing is uploaded.
            let task = gloo::file::callbacks::read_as_text(&file, move |text| {
                let text = text.unwrap_or_default();
                dispatch.emit(Msg::Open { name, text });
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    html! {
        <section class="setup-section setup-open" aria-labelledby="s-open">
            <h2 id="s-open">{ "Already have a configuration?" }</h2>
            { p("Paste it, or choose the file. It is read in this browser; nothing is uploaded.") }
            <div class="field">
                <label for="f-open-text">{ "Your configuration (JSON)" }</label>
                <textarea id="f-open-text" rows="4" spellcheck="false" ref={pasted} />
            </div>
            { actions(secondary_button("Open the pasted configuration", open_pasted)) }
            <div class="field">
                <label for="f-open-file">{ "Or choose a configuration file" }</label>
                <input id="f-open-file" type="file" accept=".json,application/json" onchange={on_file} />
            </div>
            if let Some(note) = &page.open_note {
                <p id="open-note" tabindex="-1" class="setup-note">{ note.clone() }</p>
            }
        </section>
    }
}

fn preview_panel(
    page: &Page,
    dispatch: &Callback<Msg>,
    frame_ref: NodeRef,
    ms: Option<(f64, u32)>,
    failed: bool,
    ready: bool,
) -> Html {
    let buttons = Scene::all().into_iter().map(|scene| {
        let onclick = dispatch.reform(move |_: MouseEvent| Msg::Scene(scene));
        let pressed = if scene == page.scene { "true" } else { "false" };
        html! {
            <button type="button" class="cs-button cs-button-secondary" aria-pressed={pressed} {onclick}>
                { preview::label(scene) }
            </button>
        }
    });
    let seq = ms.map(|(_, seq)| seq.to_string());
    let ms = ms.map(|(ms, _)| format!("{ms:.1}"));
    html! {
        <section class="setup-preview" aria-labelledby="s-preview" data-preview-ms={ms} data-preview-seq={seq}
            data-preview-ready={ready.then_some("true")}>
            <h2 id="s-preview">{ "Preview" }</h2>
            { p("Show the screen you want to check. Results use made-up example answers for each level.") }
            <div class="setup-scenes" role="group" aria-label="Show in the preview">{ for buttons }</div>
            if failed {
                <p class="setup-warning" role="alert">{ "The preview could not start: your server may not send the \
                    headers the self-check needs. Press “Check my hosting” below to find out." }</p>
            }
            <iframe ref={frame_ref} class="setup-frame" src="preview.html" title="Preview of your self-check"
                sandbox="allow-scripts"></iframe>
        </section>
    }
}

fn copy_block(
    id: &'static str,
    label: &'static str,
    hint: &'static str,
    text: String,
    dispatch: &Callback<Msg>,
    extra: Html,
) -> Html {
    let copy = {
        let dispatch = dispatch.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            copy_text(&text, id);
            dispatch.emit(Msg::Copied(label));
        })
    };
    let rows = (text.lines().count().clamp(3, 16)).to_string();
    let hint_id = [id, "-hint"].concat();
    html! {
        <div class="field setup-output">
            <label for={id}>{ label }</label>
            <p class="hint" id={hint_id.clone()}>{ hint }</p>
            <textarea id={id} readonly=true rows={rows} spellcheck="false" aria-describedby={hint_id} value={text} />
            { actions(html! { <>{ secondary_button("Copy", copy) }{ extra }</> }) }
        </div>
    }
}

/// Copies through the Clipboard API; where it is missing (a page not served over https),
/// the text is selected so the admin can press Ctrl+C.
fn copy_text(text: &str, id: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = window.navigator().clipboard();
    let has_clipboard = !wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined();
    if has_clipboard {
        let _ = clipboard.write_text(text);
    }
    if let Some(area) = window
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(e).ok())
    {
        area.select();
    }
}

fn output_section(
    page: &Page,
    verdict: &Verdict,
    release: &Release,
    dispatch: &Callback<Msg>,
) -> Html {
    let on_base = dispatch
        .reform(|e: InputEvent| Msg::Base(e.target_unchecked_into::<HtmlInputElement>().value()));
    let download = {
        let text = verdict.config_text.clone();
        Callback::from(move |_: MouseEvent| {
            let _ = save_text_file("carestep-config.json", "application/json", &text);
        })
    };
    let config = verdict.config.as_ref();
    let problems = !verdict.errors.is_empty();
    let base_problem = output::base_problem(&page.base_url);
    html! {
        <section class="setup-section" aria-labelledby="s-output">
            <h2 id="s-output">{ "Put it on your site" }</h2>
            if problems {
                <p class="setup-warning">{ "Fix the problems listed at the top first: until then, visitors would see \
                    “The self-check isn't available right now” with your crisis numbers instead of the questions." }</p>
            }
            <div class={if base_problem.is_some() { "field field-invalid" } else { "field" }}>
                <label for="f-base">{ "Where this folder is on your site" }</label>
                <p class="hint" id="f-base-hint">{ "The address of the folder that holds setup.html, e.g. https://clinic.example/carestep-" }{ VERSION }{ "/." }</p>
                if let Some(problem) = base_problem {
                    <p class="field-error" id="f-base-error"><span>{ "Error: " }{ problem }</span></p>
                }
                <input id="f-base" type="url" value={page.base_url.clone()} oninput={on_base} spellcheck="false"
                    aria-describedby={if base_problem.is_some() { "f-base-hint f-base-error" } else { "f-base-hint" }}
                    aria-invalid={if base_problem.is_some() { "true" } else { "false" }} />
            </div>
            { copy_block("out-config", "Your configuration", "Keep this file: open it here next time to change something.",
                verdict.config_text.clone(), dispatch, secondary_button("Download carestep-config.json", download)) }
            { copy_block("out-iframe", "The snippet (recommended)", "Paste it where the self-check should appear, in an HTML block of your page. \
                It shows your phone and the crisis numbers until the self-check is ready.",
                snippet(Mode::Iframe, &verdict.config_text, config, &page.base_url, &release.sri_embed), dispatch, Html::default()) }
            { copy_block("out-inline", "The inline snippet (less private)", "Only for sites that cannot show an iframe: scripts on your page \
                (analytics, chat) can then read the answers.",
                snippet(Mode::Inline, &verdict.config_text, config, &page.base_url, &release.sri_inline), dispatch, Html::default()) }
            { copy_block("out-csp", "If your site sends a Content-Security-Policy", "Add these sources to it (for the snippet you use).",
                csp_lines(&page.base_url), dispatch, Html::default()) }
        </section>
    }
}

fn hosting_section(page: &Page, dispatch: &Callback<Msg>) -> Html {
    let run = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Msg::Hosting(Hosting::Running));
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let findings = hosting::check().await;
                dispatch.emit(Msg::Hosting(Hosting::Done(findings)));
            });
        })
    };
    let results = match &page.hosting {
        Hosting::NotRun => Html::default(),
        Hosting::Running => html! { <p>{ "Checking…" }</p> },
        Hosting::Done(findings) => html! {
            <ul class="setup-findings" aria-label="Hosting check">
                { for findings.iter().map(finding) }
            </ul>
        },
    };
    html! {
        <section class="setup-section" aria-labelledby="s-hosting">
            <h2 id="s-hosting">{ "Check my hosting" }</h2>
            { p("Asks your server for this folder's own files and reads the headers the self-check needs. \
                 Nothing else is requested, and nothing is sent anywhere else.") }
            { actions(secondary_button("Check my hosting", run)) }
            // A status region that is on the page before the results arrive, so screen
            // readers announce them.
            <div role="status" class="setup-hosting-results">{ results }</div>
        </section>
    }
}

fn finding(f: &Finding) -> Html {
    let (class, word) = match f.status {
        Status::Ok => ("finding-ok", "OK: "),
        Status::Warn => ("finding-warn", "Could be better: "),
        Status::Fail => ("finding-fail", "Problem: "),
    };
    html! {
        <li class={class}>
            <strong>{ word }</strong>{ f.line.clone() }
            if let Some(fix) = f.fix {
                <p>{ "Fix: " }{ fix }</p>
            }
            if let Some([nginx, apache, caddy]) = f.recipe {
                <p>{ "The recipe line (hosting/ in the zip): nginx " }<code>{ nginx }</code>
                   { " · Apache " }<code>{ apache }</code>{ " · Caddy " }<code>{ caddy }</code></p>
            }
        </li>
    }
}
