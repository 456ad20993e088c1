//! The clinic's configuration: one small JSON object, typed and validated here
//! once, for both the widget (in the browser) and `carestep check-config`.
//!
//! ```
//! use carestep_config::ClinicConfig;
//! use carestep_engine::Level;
//!
//! let config = ClinicConfig::from_json(r#"{
//!     "clinic": {"name": "Riverbend Community Mental Health", "phone": "(555) 010-4477"},
//!     "programs": [{"level": "iop", "name": "Evening IOP",
//!                   "cta": {"label": "Book an assessment", "url": "https://riverbend.example/iop"}}]
//! }"#).unwrap();
//! assert_eq!(config.offer_for(Level::Iop).unwrap().name, "Evening IOP");
//! assert!(config.offer_for(Level::Outpatient).is_none());
//!
//! let errors = ClinicConfig::from_json(r#"{"quick_exit_url": "javascript:alert(1)"}"#).unwrap_err();
//! assert_eq!(
//!     errors.to_string(),
//!     r#"quick_exit_url: "javascript:alert(1)" is not allowed (allowed: https: URLs)"#
//! );
//! ```
//!
//! # Design
//!
//! - **Every problem at once, each with its path.** The text is read into a
//!   plain JSON tree (by `json.rs`, a small strict reader that also keeps
//!   serde_json out of the wasm) and then walked by hand,
//!   collecting a [`ConfigError`] (path such as `programs[1].cta.url`, what is
//!   wrong, what is allowed) for every problem instead of stopping at the first.
//!   A web admin fixes the whole block in one go. Unknown and repeated fields
//!   are errors too: a misspelt field would otherwise be silently ignored.
//! - **Visitors are never left with nothing.** When the configuration is wrong,
//!   [`ConfigErrors::fallback`] still carries the clinic name, phone, crisis
//!   lines and quick-exit link if those parts were valid (defaults otherwise),
//!   so the widget can show crisis help and a way to call the clinic.
//! - **URLs are restricted** to `https:`, `tel:`, `sms:` and `mailto:` (the
//!   quick exit to `https:`), through [`SafeUrl`], which cannot be built any
//!   other way: a `javascript:` link would run code inside the widget where the
//!   answers live, `data:` can fake a page, and `http:` exposes the visit on
//!   the network. See [`url`].
//! - **Colours and other theme values are restricted** to tiny grammars
//!   (`#rgb`/`#rrggbb`, a px/rem radius, a list of font names) because they end
//!   up in CSS, where free text could inject rules or load a tracker; colours
//!   must also meet WCAG 2.2 AA contrast. See [`theme`].
//! - **Text is plain text.** The widget renders every string as text, never as
//!   HTML; here text is trimmed, limited in length, and refused if it contains
//!   control characters or invisible text-direction overrides (which could
//!   make a name display as something else).
//! - **Clinical safety is not configurable.** A clinic offers levels of care,
//!   but [`ClinicConfig::offer_for`] only ever returns a program for the exact
//!   level suggested — never a lower level to fit what the clinic sells. Crisis
//!   help cannot be "offered" as a program, the suicide screen cannot be turned
//!   off, and a licensed instrument is switched on only with a written
//!   statement of the permission the clinic holds (`docs/methodology.md`,
//!   Instruments: each module's rights holder and default).
//! - **Editors get a JSON Schema** of the same fields,
//!   `schema/carestep-config.schema.json`, which a configuration names in its
//!   `"$schema"` member (accepted and ignored here). Its test (`schema/test/`)
//!   feeds the fixtures and ~3,600 generated configurations to both the schema
//!   and `carestep check-config`, and fails if they ever disagree; a change
//!   to a rule here needs the same change there.

mod json;
mod text;
pub mod theme;
pub mod url;

use std::fmt;

pub use theme::{Colour, FontStack, Radius, Theme};
pub use url::{Phone, SafeUrl, UrlError, UrlScheme};

use carestep_engine::{Level, Module, ModuleSet};
use json::Json;
use text::{hex, is_bidi_control, quote, too_long, too_many};
use url::default_quick_exit;

/// A validated clinic configuration. Build it with [`ClinicConfig::from_json`]
/// (or take the [`Default`]); it cannot hold an unchecked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicConfig {
    clinic: Option<Clinic>,
    programs: Vec<Program>,
    crisis: Crisis,
    quick_exit_url: SafeUrl,
    theme: Theme,
    locale: Locale,
    modules: ModuleSet,
    permissions: Vec<ModulePermission>,
}

/// Who the clinic is and how to reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clinic {
    pub name: String,
    pub phone: Option<Phone>,
    pub contact_url: Option<SafeUrl>,
}

/// A program the clinic offers at one level of care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    pub level: Level,
    pub name: String,
    pub cta: Cta,
    /// Answers to the "questions to ask any program" on the result page.
    pub schedule: Option<String>,
    pub therapies: Vec<String>,
    pub credentials: Option<String>,
    /// The program's own answer to "What results can you show?", e.g.
    /// "In 2025, 7 in 10 people who finished the program reported fewer symptoms".
    pub outcomes: Option<String>,
}

/// A call to action: the button text and where it leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cta {
    pub label: String,
    pub url: SafeUrl,
}

/// Where crisis help comes from: the country's numbers (built in for the
/// United States only) and the clinic's own lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crisis {
    country: String,
    lines: Vec<CrisisLine>,
}

/// One crisis line: call and/or text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrisisLine {
    pub label: String,
    pub phone: Option<Phone>,
    pub sms: Option<Phone>,
    pub hours: Option<String>,
}

/// The languages the widget can be shown in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    En,
}

/// A licensed module the clinic switched on, with its permission statement
/// (shown on the methodology page and kept for audit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModulePermission {
    pub module: Module,
    pub statement: String,
}

/// One problem in the configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Where, e.g. `programs[1].cta.url`; empty for the whole configuration.
    pub path: String,
    /// What is wrong, e.g. `"javascript:alert(1)" is not allowed`.
    pub problem: String,
    /// What would be accepted, e.g. `https:, tel:, sms:, mailto: URLs`.
    pub allowed: Option<String>,
}

/// Every problem found, plus what can still be shown to visitors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigErrors {
    pub errors: Vec<ConfigError>,
    pub fallback: Fallback,
}

/// What a broken configuration still gives visitors: each part is the
/// configured value if that part was itself valid, the default otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fallback {
    pub clinic_name: Option<String>,
    pub phone: Option<Phone>,
    pub crisis: Crisis,
    pub quick_exit_url: SafeUrl,
}

// ---------------------------------------------------------------- limits

/// Larger than any sensible configuration; stops runaway input early.
const MAX_CONFIG_BYTES: usize = 100_000;
/// After this many problems the rest are only counted.
const MAX_ERRORS: usize = 50;
const MAX_CLINIC_NAME: usize = 100;
const MAX_PROGRAM_NAME: usize = 100;
const MAX_LABEL: usize = 60;
const MAX_SCHEDULE: usize = 200;
const MAX_THERAPIES: usize = 12;
const MAX_THERAPY: usize = 60;
const MAX_CREDENTIALS: usize = 300;
const MAX_OUTCOMES: usize = 200;
const MAX_CRISIS_LINES: usize = 5;
const MAX_CRISIS_LABEL: usize = 100;
const MAX_HOURS: usize = 60;
const MAX_PERMISSION: usize = 300;

const DEFAULT_COUNTRY: &str = "US";

/// Levels a clinic can offer as a program, least intensive first.
const OFFERABLE: [Level; 5] = [
    Level::SelfCare,
    Level::Outpatient,
    Level::Iop,
    Level::Php,
    Level::Inpatient,
];

const ROOT_FIELDS: &[&str] = &[
    "clinic",
    "programs",
    "crisis",
    "quick_exit_url",
    "theme",
    "locale",
    "modules",
];
/// `"$schema"`: where an editor finds the JSON Schema that completes and
/// checks field names. Accepted at the top level (as text) and otherwise
/// ignored; not listed among the allowed fields, since it is not a setting.
const SCHEMA_FIELD: &str = "$schema";
const CLINIC_FIELDS: &[&str] = &["name", "phone", "contact_url"];
const PROGRAM_FIELDS: &[&str] = &[
    "level",
    "name",
    "cta",
    "schedule",
    "therapies",
    "credentials",
    "outcomes",
];
const CTA_FIELDS: &[&str] = &["label", "url"];
const CRISIS_FIELDS: &[&str] = &["country", "lines"];
const LINE_FIELDS: &[&str] = &["label", "phone", "sms", "hours"];
const THEME_FIELDS: &[&str] = &["primary", "text", "background", "radius", "font"];
const PERMISSION_FIELDS: &[&str] = &["permission"];

// ---------------------------------------------------------------- public API

impl ClinicConfig {
    /// Parses and validates a configuration. On failure, every problem found
    /// is returned (up to 50, then a count), with a fallback for visitors.
    // The error carries the fallback by value: it is the widget's contract,
    // and it is built once per page load, so its size does not matter.
    #[allow(clippy::result_large_err)]
    pub fn from_json(text: &str) -> Result<ClinicConfig, ConfigErrors> {
        let mut v = Validator::default();
        let config = if text.len() > MAX_CONFIG_BYTES {
            v.error(
                "",
                format!(
                    "the configuration is too long ({} bytes; at most {MAX_CONFIG_BYTES})",
                    text.len()
                ),
                None,
            );
            None
        } else if text.trim().is_empty() {
            v.error(
                "",
                "the configuration is empty",
                Some("a JSON object such as {\"clinic\": {\"name\": \"…\"}}"),
            );
            None
        } else {
            match json::parse(text) {
                Ok(root) => Some(v.root(&root)),
                Err(e) => {
                    // A page editor (WordPress's automatic paragraphs, a visual tab) that
                    // rewrote the block leaves HTML tags in it: say so, and how to fix it.
                    if let Some(tags) = editor_tags(text) {
                        v.error(
                            "",
                            "contains HTML tags (".to_owned()
                                + &tags
                                + ") that the page's editor inserted into the configuration",
                            Some(EDITOR_FIX),
                        );
                    }
                    v.error(
                        "",
                        format!(
                            "JSON syntax error at line {}, column {}: {}",
                            e.line, e.column, e.message
                        ),
                        None,
                    );
                    None
                }
            }
        };
        match config {
            Some(config) if v.errors.is_empty() => Ok(config),
            _ => Err(v.into_errors()),
        }
    }

    /// The clinic's program at exactly this level, if it offers one. Never a
    /// program at another level: a visitor who needs PHP is not to be sent to
    /// the clinic's outpatient program because that is what it sells.
    pub fn offer_for(&self, level: Level) -> Option<&Program> {
        self.programs.iter().find(|p| p.level == level)
    }

    /// The clinic, or `None` for the neutral default (no clinic named).
    pub fn clinic(&self) -> Option<&Clinic> {
        self.clinic.as_ref()
    }

    /// All programs, in the order the configuration lists them.
    pub fn programs(&self) -> &[Program] {
        &self.programs
    }

    pub fn crisis(&self) -> &Crisis {
        &self.crisis
    }

    pub fn quick_exit_url(&self) -> &SafeUrl {
        &self.quick_exit_url
    }

    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The theme as CSS custom properties, for `style.setProperty(name, value)`.
    pub fn theme_vars(&self) -> Vec<(&'static str, String)> {
        self.theme.vars()
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// The modules this deployment asks (always including gate, context and a
    /// suicide screen).
    pub fn modules(&self) -> &ModuleSet {
        &self.modules
    }

    /// The licensed modules switched on, with the permission statements given.
    pub fn module_permissions(&self) -> &[ModulePermission] {
        &self.permissions
    }
}

impl Default for ClinicConfig {
    /// No clinic named (the widget uses neutral wording), no programs, the US
    /// crisis numbers, a neutral quick-exit site, the default theme, English,
    /// and the permission-free default modules (`docs/methodology.md#about`).
    fn default() -> ClinicConfig {
        ClinicConfig {
            clinic: None,
            programs: Vec::new(),
            crisis: Crisis::default(),
            quick_exit_url: default_quick_exit(),
            theme: Theme::default(),
            locale: Locale::En,
            modules: ModuleSet::default_deployment(),
            permissions: Vec::new(),
        }
    }
}

impl Crisis {
    /// The ISO 3166 two-letter country code, uppercase.
    pub fn country(&self) -> &str {
        &self.country
    }

    /// Whether the built-in United States numbers (988, 911) apply.
    pub fn uses_us_numbers(&self) -> bool {
        self.country == "US"
    }

    /// The clinic's own crisis lines, as configured.
    pub fn lines(&self) -> &[CrisisLine] {
        &self.lines
    }

    /// Every line to show: the built-in US lines first (when the country is
    /// the US), then the clinic's own.
    pub fn all_lines(&self) -> Vec<CrisisLine> {
        let mut all = if self.uses_us_numbers() {
            us_lines()
        } else {
            Vec::new()
        };
        all.extend(self.lines.iter().cloned());
        all
    }
}

impl Default for Crisis {
    fn default() -> Crisis {
        Crisis {
            country: DEFAULT_COUNTRY.into(),
            lines: Vec::new(),
        }
    }
}

/// The United States numbers every US deployment shows.
fn us_lines() -> Vec<CrisisLine> {
    vec![
        CrisisLine {
            label: "988 Suicide & Crisis Lifeline".into(),
            phone: Phone::parse("988").ok(),
            sms: Phone::parse("988").ok(),
            hours: Some("24/7".into()),
        },
        CrisisLine {
            label: "Emergency services".into(),
            phone: Phone::parse("911").ok(),
            sms: None,
            hours: Some("24/7".into()),
        },
    ]
}

impl Locale {
    pub const ALL: &'static [Locale] = &[Locale::En];

    /// The BCP 47 tag, for the `lang` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::En => "en",
        }
    }
}

impl Default for Fallback {
    fn default() -> Fallback {
        Fallback {
            clinic_name: None,
            phone: None,
            crisis: Crisis::default(),
            quick_exit_url: default_quick_exit(),
        }
    }
}

/// One line: `path: problem (allowed: …)`.
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.problem)?;
        if let Some(allowed) = &self.allowed {
            write!(f, " (allowed: {allowed})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigError {}

/// One error per line.
impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ConfigErrors {}

// ---------------------------------------------------------------- validation

/// Walks the JSON tree, building the configuration and collecting problems.
#[derive(Default)]
struct Validator {
    errors: Vec<ConfigError>,
    /// Problems beyond `MAX_ERRORS`, only counted.
    more: usize,
    salvage: Salvage,
}

/// The parts of a configuration visitors need, kept as soon as each is valid.
#[derive(Default)]
struct Salvage {
    clinic_name: Option<String>,
    phone: Option<Phone>,
    country: Option<String>,
    lines: Vec<CrisisLine>,
    quick_exit_url: Option<SafeUrl>,
}

type Members = [(String, Json)];

/// The first value of a field; `null` counts as absent, so an admin can blank
/// an optional field by writing `null`.
fn field<'a>(members: &'a Members, key: &str) -> Option<&'a Json> {
    members
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .filter(|v| **v != Json::Null)
}

/// `parent.key`, or `parent["odd key"]` when the key is not a plain name.
fn child(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    match (parent.is_empty(), plain) {
        (true, true) => key.to_owned(),
        (false, true) => parent.to_owned() + "." + key,
        (_, false) => parent.to_owned() + "[" + &quote(key) + "]",
    }
}

/// `a, b, c`: the names of every value, for an "allowed" list.
fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    let mut out = String::new();
    for (i, &value) in all.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name(value));
    }
    out
}

fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// A field name compared loosely, to suggest `quick_exit_url` for `quickExitURL`.
fn loose(name: &str) -> String {
    // ASCII only: every allowed name is ASCII (and Unicode case tables would
    // cost the wasm kilobytes for nothing).
    let mut out = String::new();
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out
}

/// Checks a piece of plain text: trimmed, non-empty, no control or
/// text-direction characters, at most `max` characters.
fn check_text(raw: &str, max: usize) -> Result<String, String> {
    let text = raw.trim();
    if text.is_empty() {
        return Err("is empty".into());
    }
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err("contains a control character (".to_owned()
            + &code_point(c)
            + "); use plain text on one line");
    }
    if let Some(c) = text.chars().find(|&c| is_bidi_control(c)) {
        return Err(
            "contains an invisible text-direction character (".to_owned() + &code_point(c) + ")",
        );
    }
    let length = text.chars().count();
    if length > max {
        return Err(too_long(length, max));
    }
    Ok(text.to_owned())
}

/// `U+00AD`: a character named by its code point, for a message.
fn code_point(c: char) -> String {
    "U+".to_owned() + &hex(u32::from(c), 4).to_ascii_uppercase()
}

impl Validator {
    fn error(&mut self, path: &str, problem: impl Into<String>, allowed: Option<&str>) {
        if self.errors.len() >= MAX_ERRORS {
            self.more += 1;
            return;
        }
        self.errors.push(ConfigError {
            path: path.to_owned(),
            problem: problem.into(),
            allowed: allowed.map(str::to_owned),
        });
    }

    /// The text of a JSON string; anything else is reported as not text.
    fn string<'a>(&mut self, value: &'a Json, path: &str) -> Option<&'a str> {
        match value {
            Json::String(raw) => Some(raw),
            other => {
                self.wrong_type(path, "text", other);
                None
            }
        }
    }

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Json) {
        self.error(
            path,
            "expected ".to_owned() + expected + ", found " + found.kind(),
            None,
        );
    }

    fn into_errors(mut self) -> ConfigErrors {
        if self.more > 0 {
            self.errors.push(ConfigError {
                path: String::new(),
                problem: format!("… and {} more problems", self.more),
                allowed: None,
            });
        }
        let s = self.salvage;
        let country = s.country.unwrap_or_else(|| DEFAULT_COUNTRY.into());
        // A country other than the US with no valid line of its own would show
        // no crisis help at all; the US numbers are better than nothing.
        let crisis = if country == DEFAULT_COUNTRY || !s.lines.is_empty() {
            Crisis {
                country,
                lines: s.lines,
            }
        } else {
            Crisis::default()
        };
        ConfigErrors {
            errors: self.errors,
            fallback: Fallback {
                clinic_name: s.clinic_name,
                phone: s.phone,
                crisis,
                quick_exit_url: s.quick_exit_url.unwrap_or_else(default_quick_exit),
            },
        }
    }

    /// The members of an object, after reporting unknown and repeated fields.
    fn object<'a>(
        &mut self,
        value: &'a Json,
        path: &str,
        allowed: &[&'static str],
    ) -> Option<&'a Members> {
        let Json::Object(members) = value else {
            self.wrong_type(path, "an object", value);
            return None;
        };
        for (i, (key, _)) in members.iter().enumerate() {
            let at = child(path, key);
            let known =
                allowed.iter().any(|a| a == key) || (path.is_empty() && key == SCHEMA_FIELD);
            if !known {
                let problem = match allowed.iter().find(|a| loose(a) == loose(key)) {
                    Some(similar) => "unknown field (did you mean ".to_owned() + similar + "?)",
                    None => "unknown field".to_owned(),
                };
                self.error(&at, problem, Some(&names(allowed, |name| name)));
            } else if members[..i].iter().any(|(k, _)| k == key) {
                self.error(&at, "is given more than once", None);
            }
        }
        Some(members)
    }

    /// A required field: reports `is required` when absent or null.
    fn required<'a>(&mut self, members: &'a Members, path: &str, key: &str) -> Option<&'a Json> {
        let value = field(members, key);
        if value.is_none() {
            self.error(&child(path, key), "is required", None);
        }
        value
    }

    fn text(&mut self, value: &Json, path: &str, max: usize) -> Option<String> {
        let raw = self.string(value, path)?;
        match check_text(raw, max) {
            Ok(text) => Some(text),
            Err(problem) => {
                self.error(path, problem, None);
                None
            }
        }
    }

    /// A required text field (`is required` when absent or null), checked.
    fn required_text(
        &mut self,
        members: &Members,
        path: &str,
        key: &str,
        max: usize,
    ) -> Option<String> {
        let value = self.required(members, path, key)?;
        self.text(value, &child(path, key), max)
    }

    fn optional_text(
        &mut self,
        members: &Members,
        path: &str,
        key: &str,
        max: usize,
    ) -> Option<String> {
        field(members, key).and_then(|v| self.text(v, &child(path, key), max))
    }

    fn url(&mut self, value: &Json, path: &str) -> Option<SafeUrl> {
        let raw = self.string(value, path)?;
        match SafeUrl::parse(raw) {
            Ok(url) => Some(url),
            Err(e) => {
                self.error(path, e.problem, Some(e.allowed));
                None
            }
        }
    }

    fn phone(&mut self, value: &Json, path: &str) -> Option<Phone> {
        let raw = self.string(value, path)?;
        match Phone::parse(raw) {
            Ok(phone) => Some(phone),
            Err(problem) => {
                self.error(path, problem, None);
                None
            }
        }
    }

    fn root(&mut self, root: &Json) -> ClinicConfig {
        let mut config = ClinicConfig::default();
        if !matches!(root, Json::Object(_)) {
            self.error(
                "",
                "the configuration must be a JSON object {…}, found ".to_owned() + root.kind(),
                None,
            );
            return config;
        }
        let Some(members) = self.object(root, "", ROOT_FIELDS) else {
            return config;
        };
        if let Some(v) = field(members, SCHEMA_FIELD) {
            // Any text: it is only read by editors.
            self.string(v, &child("", SCHEMA_FIELD));
        }
        if let Some(v) = field(members, "clinic") {
            config.clinic = self.clinic(v, "clinic");
        }
        if let Some(v) = field(members, "programs") {
            config.programs = self.programs(v, "programs");
        }
        if let Some(v) = field(members, "crisis") {
            config.crisis = self.crisis(v, "crisis");
        }
        if let Some(v) = field(members, "quick_exit_url") {
            if let Some(url) = self.quick_exit(v, "quick_exit_url") {
                config.quick_exit_url = url;
            }
        }
        if let Some(v) = field(members, "theme") {
            config.theme = self.theme(v, "theme");
        }
        if let Some(v) = field(members, "locale") {
            if let Some(locale) = self.locale(v, "locale") {
                config.locale = locale;
            }
        }
        if let Some(v) = field(members, "modules") {
            let (modules, permissions) = self.modules(v, "modules");
            config.modules = modules;
            config.permissions = permissions;
        }
        config
    }

    fn clinic(&mut self, value: &Json, path: &str) -> Option<Clinic> {
        let members = self.object(value, path, CLINIC_FIELDS)?;
        let name = self.required_text(members, path, "name", MAX_CLINIC_NAME);
        let phone = field(members, "phone").and_then(|v| self.phone(v, &child(path, "phone")));
        let contact_url =
            field(members, "contact_url").and_then(|v| self.url(v, &child(path, "contact_url")));
        self.salvage.clinic_name = name.clone();
        self.salvage.phone = phone.clone();
        Some(Clinic {
            name: name?,
            phone,
            contact_url,
        })
    }

    fn programs(&mut self, value: &Json, path: &str) -> Vec<Program> {
        let Json::Array(items) = value else {
            self.wrong_type(path, "a list", value);
            return Vec::new();
        };
        let mut programs = Vec::new();
        // Levels already offered, with the index that offered them.
        let mut offered: Vec<(Level, usize)> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let at = index(path, i);
            let Some(members) = self.object(item, &at, PROGRAM_FIELDS) else {
                continue;
            };
            let level = self
                .required(members, &at, "level")
                .and_then(|v| self.level(v, &child(&at, "level")));
            if let Some(level) = level {
                if let Some((_, first)) = offered.iter().find(|(l, _)| *l == level) {
                    self.error(
                        &child(&at, "level"),
                        quote(level.as_str()) + " is already offered by " + &index(path, *first),
                        Some("one program per level"),
                    );
                } else {
                    offered.push((level, i));
                }
            }
            let name = self.required_text(members, &at, "name", MAX_PROGRAM_NAME);
            let cta = self
                .required(members, &at, "cta")
                .and_then(|v| self.cta(v, &child(&at, "cta")));
            let schedule = self.optional_text(members, &at, "schedule", MAX_SCHEDULE);
            let therapies = field(members, "therapies")
                .map(|v| self.therapies(v, &child(&at, "therapies")))
                .unwrap_or_default();
            let credentials = self.optional_text(members, &at, "credentials", MAX_CREDENTIALS);
            let outcomes = self.optional_text(members, &at, "outcomes", MAX_OUTCOMES);
            if let (Some(level), Some(name), Some(cta)) = (level, name, cta) {
                programs.push(Program {
                    level,
                    name,
                    cta,
                    schedule,
                    therapies,
                    credentials,
                    outcomes,
                });
            }
        }
        programs
    }

    fn level(&mut self, value: &Json, path: &str) -> Option<Level> {
        let raw = self.string(value, path)?;
        let name = raw.trim();
        if let Some(level) = OFFERABLE.iter().find(|l| l.as_str() == name) {
            return Some(*level);
        }
        let why = if name == Level::CrisisNow.as_str() {
            " cannot be offered as a program: crisis help is always 988, 911 and the lines under crisis.lines"
        } else if name == Level::OutOfScope.as_str() {
            " cannot be offered as a program: it is the result for visitors under 18"
        } else {
            " is not a level of care"
        };
        let problem = quote(name) + why;
        let allowed = names(&OFFERABLE, Level::as_str);
        self.error(path, problem, Some(&allowed));
        None
    }

    fn cta(&mut self, value: &Json, path: &str) -> Option<Cta> {
        let members = self.object(value, path, CTA_FIELDS)?;
        let label = self.required_text(members, path, "label", MAX_LABEL);
        let url = self
            .required(members, path, "url")
            .and_then(|v| self.url(v, &child(path, "url")));
        Some(Cta {
            label: label?,
            url: url?,
        })
    }

    fn therapies(&mut self, value: &Json, path: &str) -> Vec<String> {
        let Json::Array(items) = value else {
            self.wrong_type(path, "a list of text", value);
            return Vec::new();
        };
        if items.len() > MAX_THERAPIES {
            self.error(path, too_many(items.len(), " entries", MAX_THERAPIES), None);
            return Vec::new();
        }
        let mut therapies = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(therapy) = self.text(item, &index(path, i), MAX_THERAPY) {
                therapies.push(therapy);
            }
        }
        therapies
    }

    fn crisis(&mut self, value: &Json, path: &str) -> Crisis {
        let Some(members) = self.object(value, path, CRISIS_FIELDS) else {
            return Crisis::default();
        };
        let country = match field(members, "country") {
            None => Some(DEFAULT_COUNTRY.to_owned()),
            Some(v) => self.country(v, &child(path, "country")),
        };
        self.salvage.country = country.clone();
        let lines_path = child(path, "lines");
        let mut lines = Vec::new();
        let mut lines_given = false;
        match field(members, "lines") {
            None => {}
            Some(Json::Array(items)) if items.len() > MAX_CRISIS_LINES => {
                lines_given = true;
                self.error(
                    &lines_path,
                    too_many(items.len(), " lines", MAX_CRISIS_LINES),
                    None,
                );
            }
            Some(Json::Array(items)) => {
                lines_given = !items.is_empty();
                for (i, item) in items.iter().enumerate() {
                    if let Some(line) = self.crisis_line(item, &index(&lines_path, i)) {
                        lines.push(line);
                    }
                }
            }
            Some(other) => {
                lines_given = true;
                self.wrong_type(&lines_path, "a list", other);
            }
        }
        self.salvage.lines = lines.clone();
        let country = country.unwrap_or_else(|| DEFAULT_COUNTRY.into());
        if country != DEFAULT_COUNTRY && !lines_given {
            self.error(
                &lines_path,
                "country ".to_owned()
                    + &country
                    + " needs at least one crisis line: CareStep only knows the United States numbers (988, 911)",
                None,
            );
        }
        Crisis { country, lines }
    }

    fn country(&mut self, value: &Json, path: &str) -> Option<String> {
        let raw = self.string(value, path)?;
        let code = raw.trim();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Some(code.to_ascii_uppercase())
        } else {
            self.error(
                path,
                quote(code) + " is not a two-letter country code",
                Some("ISO 3166 codes such as US, CA, GB"),
            );
            None
        }
    }

    fn crisis_line(&mut self, value: &Json, path: &str) -> Option<CrisisLine> {
        let members = self.object(value, path, LINE_FIELDS)?;
        let label = self.required_text(members, path, "label", MAX_CRISIS_LABEL);
        let phone_value = field(members, "phone");
        let sms_value = field(members, "sms");
        let phone = phone_value.and_then(|v| self.phone(v, &child(path, "phone")));
        let sms = sms_value.and_then(|v| self.phone(v, &child(path, "sms")));
        let hours = self.optional_text(members, path, "hours", MAX_HOURS);
        if phone_value.is_none() && sms_value.is_none() {
            self.error(path, "needs a phone or sms number (or both)", None);
            return None;
        }
        if phone.is_none() && sms.is_none() {
            return None;
        }
        Some(CrisisLine {
            label: label?,
            phone,
            sms,
            hours,
        })
    }

    fn quick_exit(&mut self, value: &Json, path: &str) -> Option<SafeUrl> {
        let raw = self.string(value, path)?;
        match SafeUrl::parse_https(raw) {
            Ok(url) => {
                self.salvage.quick_exit_url = Some(url.clone());
                Some(url)
            }
            Err(e) => {
                self.error(path, e.problem, Some(e.allowed));
                None
            }
        }
    }

    fn theme(&mut self, value: &Json, path: &str) -> Theme {
        let mut theme = Theme::default();
        let Some(members) = self.object(value, path, THEME_FIELDS) else {
            return theme;
        };
        let mut colours_ok = true;
        let mut colour = |v: &mut Validator, key: &str, slot: &mut Colour| -> bool {
            let Some(value) = field(members, key) else {
                return false;
            };
            let at = child(path, key);
            let Some(raw) = v.string(value, &at) else {
                colours_ok = false;
                return true;
            };
            match Colour::parse(raw) {
                Ok(c) => *slot = c,
                Err(problem) => {
                    v.error(&at, problem, Some(theme::ALLOWED_COLOURS));
                    colours_ok = false;
                }
            }
            true
        };
        let primary_given = colour(self, "primary", &mut theme.primary);
        let text_given = colour(self, "text", &mut theme.text);
        let background_given = colour(self, "background", &mut theme.background);
        // Contrast is judged only between valid colours, so one typo does not
        // bring a second, confusing error.
        if colours_ok {
            let pairs = [
                ("text", theme.text, text_given),
                ("primary", theme.primary, primary_given),
            ];
            for (key, fg, fg_given) in pairs {
                let ratio = fg.contrast(theme.background);
                if ratio >= theme::MIN_CONTRAST {
                    continue;
                }
                let the_default = |given: bool| if given { "" } else { "the default " };
                // Blame the field the admin wrote (the foreground if given).
                let at = if fg_given || !background_given {
                    key
                } else {
                    "background"
                };
                self.error(
                    &child(path, at),
                    the_default(fg_given).to_owned()
                        + key
                        + " colour "
                        + &fg.css()
                        + " on "
                        + the_default(background_given)
                        + "background "
                        + &theme.background.css()
                        + " has a contrast ratio of "
                        + &theme::ratio_text(ratio)
                        + "; at least 4.5:1 is needed (WCAG 2.2 AA)",
                    None,
                );
            }
        }
        if let Some(v) = field(members, "radius") {
            let at = child(path, "radius");
            match self.string(v, &at).map(Radius::parse) {
                Some(Ok(r)) => theme.radius = r,
                Some(Err(problem)) => self.error(&at, problem, Some(theme::ALLOWED_RADIUS)),
                None => {}
            }
        }
        if let Some(v) = field(members, "font") {
            let at = child(path, "font");
            match self.string(v, &at).map(FontStack::parse) {
                Some(Ok(f)) => theme.font = f,
                Some(Err(problem)) => self.error(&at, problem, Some(theme::ALLOWED_FONT)),
                None => {}
            }
        }
        theme
    }

    fn locale(&mut self, value: &Json, path: &str) -> Option<Locale> {
        let raw = self.string(value, path)?;
        let tag = raw.trim();
        let found = Locale::ALL
            .iter()
            .find(|l| l.as_str().eq_ignore_ascii_case(tag));
        if found.is_none() {
            let allowed = names(Locale::ALL, Locale::as_str);
            self.error(path, quote(tag) + " is not available", Some(&allowed));
        }
        found.copied()
    }

    fn modules(&mut self, value: &Json, path: &str) -> (ModuleSet, Vec<ModulePermission>) {
        let mut set = ModuleSet::default_deployment();
        let mut permissions = Vec::new();
        let Json::Object(members) = value else {
            self.wrong_type(path, "an object", value);
            return (set, permissions);
        };
        let errors_before = self.errors.len() + self.more;
        // Entries that failed; the cross-module checks skip them so that one
        // mistake does not produce a second error.
        let mut failed: Vec<Module> = Vec::new();
        for (i, (name, value)) in members.iter().enumerate() {
            let at = child(path, name);
            // Looked up in `Module::ALL` (a table) rather than with
            // `Module::parse` (a string match, larger in the wasm).
            let Some(module) = Module::ALL.iter().copied().find(|m| m.as_str() == name) else {
                let hint = instrument_module(name)
                    .map(|m| {
                        " (did you mean ".to_owned() + m.as_str() + "? modules are named by topic)"
                    })
                    .unwrap_or_default();
                let allowed = names(&Module::ALL, Module::as_str);
                self.error(&at, "unknown module".to_owned() + &hint, Some(&allowed));
                continue;
            };
            if members[..i].iter().any(|(k, _)| k == name) {
                self.error(&at, "is given more than once", None);
                failed.push(module);
                continue;
            }
            let before = self.errors.len() + self.more;
            match self.module_entry(module, value, &at) {
                Some(ModuleChoice::On(permission)) => {
                    set = set.with(module);
                    permissions.extend(permission);
                }
                Some(ModuleChoice::Off) => set = set.without(module),
                None if self.errors.len() + self.more > before => failed.push(module),
                None => {}
            }
        }
        let ok = |m: Module| !failed.contains(&m);
        if ok(Module::SuicideAsq)
            && ok(Module::SuicideCssrs)
            && !set.contains(Module::SuicideAsq)
            && !set.contains(Module::SuicideCssrs)
        {
            self.error(
                &child(path, Module::SuicideAsq.as_str()),
                "cannot be turned off unless suicide_cssrs is on: a suicide screen is always asked",
                None,
            );
        }
        let needs = [
            (
                Module::AlcoholFull,
                Module::Alcohol,
                "the full AUDIT continues from the AUDIT-C questions",
            ),
            (
                Module::Dast10,
                Module::Drugs,
                "the DAST-10 is asked only after the drug-use question",
            ),
        ];
        for (module, base, why) in needs {
            if ok(module) && ok(base) && set.contains(module) && !set.contains(base) {
                self.error(
                    &child(path, base.as_str()),
                    "cannot be turned off while ".to_owned() + module.as_str() + " is on: " + why,
                    None,
                );
            }
        }
        if self.errors.len() + self.more > errors_before {
            // Nothing from a broken modules block is used.
            return (ModuleSet::default_deployment(), Vec::new());
        }
        (set, permissions)
    }

    /// One `"module": value` entry; `None` means "no change" or an error.
    fn module_entry(&mut self, module: Module, value: &Json, path: &str) -> Option<ModuleChoice> {
        let always_on = matches!(module, Module::Gate | Module::Context);
        match value {
            Json::Null => None,
            Json::Bool(false) if always_on => {
                self.error(path, "cannot be turned off", None);
                None
            }
            Json::Bool(false) => Some(ModuleChoice::Off),
            Json::Bool(true) if !module.is_licensed() => Some(ModuleChoice::On(None)),
            Json::Bool(true) => {
                let holder = module.rights_holder().unwrap_or("its rights holder");
                self.error(
                    path,
                    "is a licensed instrument: to turn it on, state the permission you hold from "
                        .to_owned()
                        + holder,
                    Some(LICENSED_ALLOWED),
                );
                None
            }
            Json::Object(_) if !module.is_licensed() => {
                self.error(path, "needs no permission: use true or false", None);
                None
            }
            Json::Object(_) => {
                let members = self.object(value, path, PERMISSION_FIELDS)?;
                let statement = self.required_text(members, path, "permission", MAX_PERMISSION)?;
                Some(ModuleChoice::On(Some(ModulePermission {
                    module,
                    statement,
                })))
            }
            other if module.is_licensed() => {
                self.wrong_type(path, "false or {\"permission\": \"…\"}", other);
                None
            }
            other => {
                self.wrong_type(path, "true or false", other);
                None
            }
        }
    }
}

/// What to do when an editor inserted HTML into the configuration block.
const EDITOR_FIX: &str = "the configuration on one line, as setup.html writes it, pasted into a Custom HTML block (or code block); on WordPress, the CareStep plugin";

/// The paragraph and line-break tags a page editor inserts (`<p>`, `</p>`, `<br />` …), as
/// they appear, in order, each once; `None` when there are none.
fn editor_tags(text: &str) -> Option<String> {
    let mut found: Vec<&str> = Vec::new();
    for (i, _) in text.match_indices('<') {
        let rest = &text[i..];
        let end = match rest.find('>') {
            Some(end) if end <= 12 => end,
            _ => continue,
        };
        let tag = &rest[..=end];
        let name = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .trim_end_matches('>')
            .trim_end_matches('/')
            .split_whitespace()
            .next()
            .unwrap_or("");
        let editor_tag = ["p", "br", "div", "span", "code", "pre"]
            .iter()
            .any(|t| name.eq_ignore_ascii_case(t));
        if editor_tag && !found.contains(&tag) {
            found.push(tag);
        }
    }
    (!found.is_empty()).then(|| found.join(", "))
}

const LICENSED_ALLOWED: &str =
    "false, or {\"permission\": \"…\"} naming the permission or licence you hold";

enum ModuleChoice {
    On(Option<ModulePermission>),
    Off,
}

/// Instrument names (compared loosely) and the module each belongs to.
const INSTRUMENT_MODULES: &[(&str, Module)] = &[
    ("phq9", Module::Depression),
    ("phq", Module::Depression),
    ("gad7", Module::Anxiety),
    ("gad", Module::Anxiety),
    ("asq", Module::SuicideAsq),
    ("suicide", Module::SuicideAsq),
    ("cssrs", Module::SuicideCssrs),
    ("pcptsd5", Module::Trauma),
    ("ptsd", Module::Trauma),
    ("auditc", Module::Alcohol),
    ("audit", Module::AlcoholFull),
    ("nidasq", Module::Drugs),
    ("nida", Module::Drugs),
    ("dast", Module::Dast10),
    ("mdq", Module::Bipolar),
    ("wsas", Module::Functioning),
    ("k6", Module::Distress),
    ("kessler", Module::Distress),
];

/// The module an instrument's name belongs to, for a helpful hint.
fn instrument_module(name: &str) -> Option<Module> {
    let name = loose(name);
    INSTRUMENT_MODULES
        .iter()
        .find(|(instrument, _)| *instrument == name)
        .map(|&(_, module)| module)
}
