//! The form: one labelled native control per configuration field, grouped in fieldsets,
//! each with a hint and, when the validator names it, its error in the validator's words.

use crate::model::{
    field_id, Model, LINE_TEXT, MAX_LINES, PROGRAM_LEVELS, PROGRAM_TEXT, THEME_TEXT,
};
use carestep_config::theme::{ratio_text, Colour, MIN_CONTRAST};
use carestep_engine::Level;
use carestep_ui::parts::{p, secondary_button};
use std::collections::BTreeMap;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What the form says back to the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// A text field at this form path has a new value.
    Text(String, String),
    /// A checkbox at this form path (`programs.iop.offered`, `modules.dast10.on`).
    Toggle(String, bool),
    /// Show one more crisis line row.
    AddLine,
}

/// Everything a field needs: the model, the errors by form path, and where edits go.
pub struct Fields<'a> {
    pub model: &'a Model,
    pub errors: &'a BTreeMap<String, Vec<String>>,
    pub on_edit: &'a Callback<Edit>,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Text,
    Url,
    Tel,
    Area,
}

impl Fields<'_> {
    fn field(&self, path: &str, label: &'static str, hint: &'static str, kind: Kind) -> Html {
        let id = field_id(path);
        let value = self.model.get(path).unwrap_or_default().to_owned();
        let errors = self.errors.get(path);
        let hint_id = [id.as_str(), "-hint"].concat();
        let error_id = [id.as_str(), "-error"].concat();
        let described = match errors {
            Some(_) => [hint_id.as_str(), " ", error_id.as_str()].concat(),
            None => hint_id.clone(),
        };
        let invalid = if errors.is_some() { "true" } else { "false" };
        let class = if errors.is_some() {
            "field field-invalid"
        } else {
            "field"
        };
        let path_owned = path.to_owned();
        let on_edit = self.on_edit.clone();
        let control = if kind == Kind::Area {
            let oninput = Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                on_edit.emit(Edit::Text(path_owned.clone(), value));
            });
            html! {
                <textarea id={id.clone()} name={id.clone()} rows="3" {value} {oninput}
                    aria-describedby={described} aria-invalid={invalid} />
            }
        } else {
            let oninput = Callback::from(move |e: InputEvent| {
                let value = e.target_unchecked_into::<HtmlInputElement>().value();
                on_edit.emit(Edit::Text(path_owned.clone(), value));
            });
            let (ty, autocomplete) = match kind {
                Kind::Url => ("url", "url"),
                Kind::Tel => ("tel", "tel"),
                _ => ("text", "off"),
            };
            html! {
                <input id={id.clone()} name={id.clone()} type={ty} {autocomplete} spellcheck="false"
                    {value} {oninput} aria-describedby={described} aria-invalid={invalid} />
            }
        };
        html! {
            <div class={class}>
                <label for={id.clone()}>{ label }</label>
                <p class="hint" id={hint_id}>{ hint }</p>
                if let Some(errors) = errors {
                    <p class="field-error" id={error_id}>
                        { for errors.iter().map(|e| html! { <span>{ "Error: " }{ e.clone() }</span> }) }
                    </p>
                }
                { control }
            </div>
        }
    }

    fn checkbox(&self, path: &str, label: String, checked: bool) -> Html {
        let id = field_id(path);
        let path_owned = path.to_owned();
        let on_edit = self.on_edit.clone();
        let onchange = Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_edit.emit(Edit::Toggle(path_owned.clone(), checked));
        });
        let errors = self.errors.get(path);
        let error_id = [id.as_str(), "-error"].concat();
        html! {
            <div class={if errors.is_some() { "field field-check field-invalid" } else { "field field-check" }}>
                if let Some(errors) = errors {
                    <p class="field-error" id={error_id.clone()}>
                        { for errors.iter().map(|e| html! { <span>{ "Error: " }{ e.clone() }</span> }) }
                    </p>
                }
                <input type="checkbox" id={id.clone()} name={id.clone()} {checked} {onchange}
                    aria-describedby={errors.map(|_| error_id)}
                    aria-invalid={if errors.is_some() { "true" } else { "false" }} />
                <label for={id}>{ label }</label>
            </div>
        }
    }
}

/// The level's name as the form shows it.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::SelfCare => "Self-care (looking after yourself, with resources)",
        Level::Outpatient => "Outpatient (weekly therapy or counseling)",
        Level::Iop => "Intensive outpatient program (IOP)",
        Level::Php => "Day treatment program (partial hospitalization, PHP)",
        Level::Inpatient => "Inpatient care",
        Level::CrisisNow => "Crisis help now",
        Level::OutOfScope => "Under 18",
    }
}

const PROGRAM_LABELS: [(&str, &str, Kind); 7] = [
    ("Program name", "As visitors know it, e.g. Evening Intensive Outpatient Program.", Kind::Text),
    ("Button text", "What the button on the result says, e.g. Request an IOP assessment.", Kind::Text),
    ("Button link", "Where the button leads: an https: page, or tel:+15550142010 to call.", Kind::Url),
    ("Schedule", "Days, hours and format, e.g. Mon, Tue, Thu 5:30–8:30 pm, in person or by video.", Kind::Text),
    ("Therapies", "One per line, e.g. CBT.", Kind::Area),
    ("Who provides care", "Credentials of the team, e.g. licensed therapists (LCSW, LPC) and a psychiatrist.", Kind::Area),
    (
        "What results can you show?",
        "Your answer to the result page's question, e.g. how many finish the program, or how symptoms change.",
        Kind::Area,
    ),
];

/// The whole form.
pub fn form(fields: &Fields, lines_shown: usize) -> Html {
    html! {
        <>
            { clinic(fields) }
            { programs(fields) }
            { crisis(fields, lines_shown) }
            { quick_exit(fields) }
            { theme(fields) }
            { modules(fields) }
        </>
    }
}

fn section(id: &'static str, heading: &'static str, intro: &'static str, body: Html) -> Html {
    html! {
        <section class="setup-section" aria-labelledby={id}>
            <h2 id={id}>{ heading }</h2>
            { p(intro) }
            { body }
        </section>
    }
}

fn clinic(f: &Fields) -> Html {
    section(
        "s-clinic",
        "Your clinic",
        "Shown on the start screen and the result, so a visitor always has a way to reach you.",
        html! {
            <>
                { f.field("clinic.name", "Clinic name", "e.g. Riverbend Community Mental Health.", Kind::Text) }
                { f.field("clinic.phone", "Phone number", "The number visitors can call, e.g. (555) 014-2000.", Kind::Tel) }
                { f.field("clinic.contact_url", "Contact page", "A page with every way to reach you, e.g. https://riverbend.example/contact.", Kind::Url) }
            </>
        },
    )
}

fn programs(f: &Fields) -> Html {
    let body = PROGRAM_LEVELS.iter().zip(&f.model.programs).map(|(level, program)| {
        let base = ["programs.", level.as_str()].concat();
        let legend_id = ["legend-", level.as_str()].concat();
        html! {
            <fieldset class="setup-program" aria-labelledby={legend_id.clone()}>
                <legend id={legend_id}>{ level_name(*level) }</legend>
                { f.checkbox(&[base.as_str(), ".offered"].concat(),
                    ["We offer a program at this level: ", level_name(*level)].concat(), program.offered) }
                if program.offered {
                    { for PROGRAM_TEXT.iter().zip(PROGRAM_LABELS).map(|(field, (label, hint, kind))| {
                        f.field(&[base.as_str(), ".", field].concat(), label, hint, kind)
                    }) }
                }
            </fieldset>
        }
    });
    section(
        "s-programs",
        "Your programs",
        "When the self-check suggests a level you offer, the result shows your program and its button. \
         It never suggests a lower level to fit what you offer.",
        html! { <>{ for body }</> },
    )
}

fn crisis(f: &Fields, lines_shown: usize) -> Html {
    const LINE_LABELS: [(&str, &str, Kind); 4] = [
        (
            "Name of the line",
            "e.g. Riverbend after-hours crisis line.",
            Kind::Text,
        ),
        (
            "Phone number to call",
            "e.g. (555) 014-2999. Give a number to call, to text, or both.",
            Kind::Tel,
        ),
        (
            "Number to text",
            "Leave empty if the line takes no texts.",
            Kind::Tel,
        ),
        ("Hours", "e.g. 24/7, or weekdays 5 pm to 9 am.", Kind::Text),
    ];
    let rows = (0..lines_shown.min(MAX_LINES)).map(|i| {
        let legend_id = ["legend-line-", &i.to_string()].concat();
        html! {
            <fieldset class="setup-line" aria-labelledby={legend_id.clone()}>
                <legend id={legend_id}>{ ["Your crisis line ", &(i + 1).to_string()].concat() }</legend>
                { for LINE_TEXT.iter().zip(LINE_LABELS).map(|(field, (label, hint, kind))| {
                    f.field(&["crisis.lines.", &i.to_string(), ".", field].concat(), label, hint, kind)
                }) }
            </fieldset>
        }
    });
    let on_edit = f.on_edit.clone();
    let add = Callback::from(move |_: MouseEvent| on_edit.emit(Edit::AddLine));
    section(
        "s-crisis",
        "Crisis help",
        "Every screen shows the crisis numbers. In the United States the 988 Lifeline and 911 are \
         built in; add your own lines here.",
        html! {
            <>
                { f.field("crisis.country", "Country", "Two letters, e.g. US. The 988 and 911 numbers are built in for US only.", Kind::Text) }
                { for rows }
                if lines_shown < MAX_LINES {
                    { secondary_button("Add a crisis line", add) }
                }
            </>
        },
    )
}

fn quick_exit(f: &Fields) -> Html {
    section(
        "s-exit",
        "Quick exit",
        "A visitor who presses Quick exit (or Shift three times) leaves at once for this page.",
        f.field(
            "quick_exit_url",
            "Quick exit page",
            "An ordinary https: page, e.g. a weather site. Empty: https://www.weather.gov/.",
            Kind::Url,
        ),
    )
}

fn theme(f: &Fields) -> Html {
    const LABELS: [(&str, &str); 5] = [
        ("Main colour", "Buttons and links, e.g. #1f5e59."),
        ("Text colour", "e.g. #1b1b1b."),
        ("Background colour", "e.g. #ffffff."),
        ("Corner rounding", "e.g. 8px or 0.5rem."),
        (
            "Fonts",
            "Font names, separated by commas, e.g. Georgia, serif.",
        ),
    ];
    let fields = THEME_TEXT.iter().zip(LABELS).map(|(field, (label, hint))| {
        f.field(&["theme.", field].concat(), label, hint, Kind::Text)
    });
    section(
        "s-theme",
        "Look",
        "Colours must keep text readable: each pair below needs a contrast ratio of at least 4.5 to 1 \
         (WCAG 2.2 AA). Empty fields keep CareStep's own look.",
        html! {
            <>
                { for fields }
                { contrast(f.model) }
            </>
        },
    )
}

/// The live contrast ratio of each pair the validator holds to 4.5:1.
fn contrast(model: &Model) -> Html {
    let colour = |i: usize, default: &str| {
        let text = model.theme[i].trim();
        Colour::parse(if text.is_empty() { default } else { text }).ok()
    };
    // CareStep's defaults when a field is empty.
    let defaults = carestep_config::Theme::default();
    let (p_def, t_def, b_def) = (
        defaults.primary().css(),
        defaults.text().css(),
        defaults.background().css(),
    );
    let pairs = [
        ("Text on background", colour(1, &t_def), colour(2, &b_def)),
        (
            "Main colour on background",
            colour(0, &p_def),
            colour(2, &b_def),
        ),
    ];
    html! {
        <ul class="setup-contrast" aria-label="Contrast of each colour pair">
            { for pairs.iter().map(|(name, fg, bg)| {
                let line = match (fg, bg) {
                    (Some(fg), Some(bg)) => {
                        let ratio = fg.contrast(*bg);
                        let verdict = if ratio >= MIN_CONTRAST { "passes" } else { "too low, needs 4.5:1" };
                        [name, ": ", &ratio_text(ratio), " — ", verdict].concat()
                    }
                    _ => [name, ": not a colour yet"].concat(),
                };
                html! { <li>{ line }</li> }
            }) }
        </ul>
    }
}

fn modules(f: &Fields) -> Html {
    let rows = f.model.modules.iter().map(|m| {
        let base = ["modules.", m.module.as_str()].concat();
        let label = [m.module.title(), if m.module.on_by_default() { " — on by default" } else { "" }].concat();
        html! {
            <div class="setup-module">
                { f.checkbox(&[base.as_str(), ".on"].concat(), label, m.on) }
                if let Some(holder) = m.module.rights_holder() {
                    <p class="hint">
                        { "Licensed: its rights holder, " }{ holder }
                        { ", must give you written permission to use it in a self-check on your website. \
                           To turn it on, say which permission you hold." }
                    </p>
                    if m.on {
                        { f.field(&[base.as_str(), ".permission"].concat(), "Your permission",
                            "e.g. Licence agreement of 3 March 2026, ref. 1234. Kept in the configuration for audit.", Kind::Area) }
                    }
                }
            </div>
        }
    });
    section(
        "s-modules",
        "Questionnaires",
        "Which questionnaires the self-check asks. The eligibility questions, the suicide screen and the \
         questions about you are always asked.",
        html! { <>{ for rows }</> },
    )
}
