//! The form's model: what the clinic's web admin has typed, field by field, as text.
//!
//! The model never decides whether a value is valid. [`Model::to_config`] writes the
//! configuration JSON from it, and the page runs that text through the same validator the
//! widget and `carestep check-config` use ([`carestep_config::ClinicConfig::from_json`]);
//! [`Placement`] then puts each error on the field it names. Every field is known by its
//! *form path* (`clinic.name`, `programs.iop.cta.url`, `crisis.lines.0.phone`,
//! `modules.dast10.permission`), which is also its element id (see [`field_id`]).

use carestep_engine::{Level, Module, ModuleSet};
use serde_json::{Map, Value};

/// The levels a clinic can offer a program at, least intensive first (as the validator
/// allows them).
pub const PROGRAM_LEVELS: [Level; 5] = [
    Level::SelfCare,
    Level::Outpatient,
    Level::Iop,
    Level::Php,
    Level::Inpatient,
];

/// The text fields of a program, in the order the form shows them.
pub const PROGRAM_TEXT: [&str; 7] = [
    "name",
    "cta.label",
    "cta.url",
    "schedule",
    "therapies",
    "credentials",
    "outcomes",
];

/// The text fields of a crisis line.
pub const LINE_TEXT: [&str; 4] = ["label", "phone", "sms", "hours"];

/// The theme's fields.
pub const THEME_TEXT: [&str; 5] = ["primary", "text", "background", "radius", "font"];

/// The configuration's JSON Schema, as the release names it (next to setup.html).
pub const SCHEMA: &str = "carestep-config.schema.json";

/// How many crisis lines the form offers (the validator allows five).
pub const MAX_LINES: usize = 5;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProgramForm {
    pub offered: bool,
    /// In [`PROGRAM_TEXT`] order; `therapies` is one therapy per line.
    pub text: [String; 7],
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModuleForm {
    pub module: Module,
    pub on: bool,
    pub permission: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// name, phone, contact_url
    pub clinic: [String; 3],
    /// One per level of [`PROGRAM_LEVELS`].
    pub programs: [ProgramForm; 5],
    pub country: String,
    /// Always [`MAX_LINES`] rows; blank rows are left out of the configuration.
    pub lines: Vec<[String; 4]>,
    pub quick_exit_url: String,
    /// In [`THEME_TEXT`] order.
    pub theme: [String; 5],
    /// Every module a clinic can switch (not the always-on gate and context questions).
    pub modules: Vec<ModuleForm>,
}

/// The modules the form lists: all but the two that are always on.
pub fn switchable_modules() -> impl Iterator<Item = Module> {
    Module::ALL
        .into_iter()
        .filter(|m| !matches!(m, Module::Gate | Module::Context))
}

impl Default for Model {
    fn default() -> Model {
        let defaults = ModuleSet::default_deployment();
        Model {
            clinic: Default::default(),
            programs: Default::default(),
            country: "US".to_owned(),
            lines: vec![Default::default(); MAX_LINES],
            quick_exit_url: String::new(),
            theme: Default::default(),
            modules: switchable_modules()
                .map(|module| ModuleForm {
                    module,
                    on: defaults.contains(module),
                    permission: String::new(),
                })
                .collect(),
        }
    }
}

const CLINIC_TEXT: [&str; 3] = ["name", "phone", "contact_url"];

/// The element id of the field at `path` (`programs.iop.cta.url` → `f-programs-iop-cta-url`).
pub fn field_id(path: &str) -> String {
    let mut id = String::from("f-");
    id.extend(path.chars().map(|c| if c == '.' { '-' } else { c }));
    id
}

fn program_index(level: &str) -> Option<usize> {
    PROGRAM_LEVELS.iter().position(|l| l.as_str() == level)
}

fn position(names: &[&str], name: &str) -> Option<usize> {
    names.iter().position(|n| *n == name)
}

impl Model {
    /// The text of the field at `path`, or `None` for a path the form has no text field for.
    pub fn get(&self, path: &str) -> Option<&str> {
        if path == "quick_exit_url" {
            return Some(&self.quick_exit_url);
        }
        let (head, rest) = path.split_once('.')?;
        Some(match head {
            "clinic" => &self.clinic[position(&CLINIC_TEXT, rest)?],
            "crisis" if rest == "country" => &self.country,
            "crisis" => {
                let (line, field) = rest.strip_prefix("lines.")?.split_once('.')?;
                &self.lines.get(line.parse::<usize>().ok()?)?[position(&LINE_TEXT, field)?]
            }
            "theme" => &self.theme[position(&THEME_TEXT, rest)?],
            "programs" => {
                let (level, field) = rest.split_once('.')?;
                &self.programs[program_index(level)?].text[position(&PROGRAM_TEXT, field)?]
            }
            "modules" => {
                let (name, field) = rest.split_once('.')?;
                if field != "permission" {
                    return None;
                }
                &self
                    .modules
                    .iter()
                    .find(|m| m.module.as_str() == name)?
                    .permission
            }
            _ => return None,
        })
    }

    /// Sets the text field at `path`; unknown paths change nothing.
    pub fn set(&mut self, path: &str, value: String) {
        if path == "quick_exit_url" {
            self.quick_exit_url = value;
            return;
        }
        let Some((head, rest)) = path.split_once('.') else {
            return;
        };
        let slot: Option<&mut String> = match head {
            "clinic" => position(&CLINIC_TEXT, rest).map(|i| &mut self.clinic[i]),
            "crisis" if rest == "country" => Some(&mut self.country),
            "crisis" => rest
                .strip_prefix("lines.")
                .and_then(|r| r.split_once('.'))
                .and_then(|(line, field)| {
                    let i = position(&LINE_TEXT, field)?;
                    Some(&mut self.lines.get_mut(line.parse::<usize>().ok()?)?[i])
                }),
            "theme" => position(&THEME_TEXT, rest).map(|i| &mut self.theme[i]),
            "programs" => rest.split_once('.').and_then(|(level, field)| {
                let i = position(&PROGRAM_TEXT, field)?;
                Some(&mut self.programs[program_index(level)?].text[i])
            }),
            "modules" => rest
                .strip_suffix(".permission")
                .and_then(|name| self.modules.iter_mut().find(|m| m.module.as_str() == name))
                .map(|m| &mut m.permission),
            _ => None,
        };
        if let Some(slot) = slot {
            *slot = value;
        }
    }

    /// Every text field's path, in the order the form shows them (programs that are not
    /// offered and modules that are off show no fields).
    pub fn field_paths(&self) -> Vec<String> {
        let mut paths: Vec<String> = CLINIC_TEXT
            .iter()
            .map(|f| ["clinic.", f].concat())
            .collect();
        for (level, program) in PROGRAM_LEVELS.iter().zip(&self.programs) {
            paths.push(["programs.", level.as_str(), ".offered"].concat());
            if program.offered {
                for field in PROGRAM_TEXT {
                    paths.push(["programs.", level.as_str(), ".", field].concat());
                }
            }
        }
        paths.push("crisis.country".to_owned());
        for i in 0..self.lines.len() {
            for field in LINE_TEXT {
                paths.push(format!("crisis.lines.{i}.{field}"));
            }
        }
        paths.push("quick_exit_url".to_owned());
        for field in THEME_TEXT {
            paths.push(["theme.", field].concat());
        }
        for m in &self.modules {
            paths.push(["modules.", m.module.as_str(), ".on"].concat());
            if m.on && m.module.is_licensed() {
                paths.push(["modules.", m.module.as_str(), ".permission"].concat());
            }
        }
        paths
    }

    /// The configuration JSON for this form, and how the validator's paths map to the
    /// form's (`programs[1]` is the second program *written*, which is the form's
    /// `programs.iop` if only outpatient and IOP are offered).
    pub fn to_config(&self) -> (String, Placement) {
        let mut root = Map::new();
        // Editors that read JSON Schema complete and check the fields (the schema ships
        // next to setup.html in the release); the snippet leaves this line out.
        root.insert("$schema".into(), SCHEMA.into());
        let mut placement = Placement::default();
        let blank = |s: &String| s.trim().is_empty();

        if !self.clinic.iter().all(blank) {
            let mut clinic = Map::new();
            // The name is required once there is a clinic: written even when empty, so the
            // validator names the field.
            clinic.insert("name".into(), self.clinic[0].clone().into());
            for (i, field) in CLINIC_TEXT.iter().enumerate().skip(1) {
                put_text(&mut clinic, field, &self.clinic[i]);
            }
            root.insert("clinic".into(), clinic.into());
        }

        let mut programs = Vec::new();
        for (level, program) in PROGRAM_LEVELS.iter().zip(&self.programs) {
            if !program.offered {
                continue;
            }
            placement.map(
                format!("programs[{}]", programs.len()),
                ["programs.", level.as_str()].concat(),
            );
            programs.push(program_json(*level, program));
        }
        if !programs.is_empty() {
            root.insert("programs".into(), programs.into());
        }

        let mut lines = Vec::new();
        for (i, line) in self.lines.iter().enumerate() {
            if line.iter().all(blank) {
                continue;
            }
            placement.map(
                format!("crisis.lines[{}]", lines.len()),
                format!("crisis.lines.{i}"),
            );
            let mut entry = Map::new();
            entry.insert("label".into(), line[0].clone().into());
            for (j, field) in LINE_TEXT.iter().enumerate().skip(1) {
                put_text(&mut entry, field, &line[j]);
            }
            lines.push(Value::Object(entry));
        }
        if self.country.trim() != "US" || !lines.is_empty() {
            let mut crisis = Map::new();
            crisis.insert("country".into(), self.country.clone().into());
            if !lines.is_empty() {
                crisis.insert("lines".into(), lines.into());
            }
            root.insert("crisis".into(), crisis.into());
        }

        put_text(&mut root, "quick_exit_url", &self.quick_exit_url);

        let mut theme = Map::new();
        for (i, field) in THEME_TEXT.iter().enumerate() {
            put_text(&mut theme, field, &self.theme[i]);
        }
        if !theme.is_empty() {
            root.insert("theme".into(), theme.into());
        }

        let defaults = ModuleSet::default_deployment();
        let mut modules = Map::new();
        for m in &self.modules {
            if m.on == defaults.contains(m.module) {
                continue;
            }
            let value = match (m.on, m.module.is_licensed()) {
                (false, _) => Value::Bool(false),
                (true, false) => Value::Bool(true),
                (true, true) => {
                    let mut permission = Map::new();
                    permission.insert("permission".into(), m.permission.clone().into());
                    permission.into()
                }
            };
            modules.insert(m.module.as_str().into(), value);
        }
        if !modules.is_empty() {
            root.insert("modules".into(), modules.into());
        }

        let text = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or_default();
        (text, placement)
    }

    /// Fills a form from a configuration a clinic already has (pasted or opened), as far as
    /// its JSON can be read. Nothing here judges the values: the page validates the text
    /// itself and places its errors with the returned [`Placement`]. Fields the form does
    /// not have are listed in the second value, so the page can say they were left out.
    pub fn from_config(text: &str) -> Option<(Model, Placement, Vec<String>)> {
        let Value::Object(root) = serde_json::from_str::<Value>(text).ok()? else {
            return None;
        };
        let mut model = Model::default();
        let mut placement = Placement::default();
        let mut dropped = Vec::new();
        for (key, value) in &root {
            match (key.as_str(), value) {
                ("$schema", _) => {}
                ("clinic", Value::Object(clinic)) => {
                    for (field, value) in clinic {
                        match position(&CLINIC_TEXT, field) {
                            Some(i) => model.clinic[i] = as_text(value),
                            None => dropped.push(["clinic.", field].concat()),
                        }
                    }
                }
                ("programs", Value::Array(programs)) => {
                    for (i, program) in programs.iter().enumerate() {
                        let level = program.get("level").and_then(Value::as_str);
                        let Some(index) = level.and_then(program_index) else {
                            dropped.push(format!("programs[{i}]"));
                            continue;
                        };
                        let level = PROGRAM_LEVELS[index].as_str();
                        placement.map(format!("programs[{i}]"), ["programs.", level].concat());
                        let form = &mut model.programs[index];
                        form.offered = true;
                        read_program(form, program, &mut dropped, i);
                    }
                }
                ("crisis", Value::Object(crisis)) => {
                    if let Some(country) = crisis.get("country") {
                        model.country = as_text(country);
                    }
                    let lines = crisis.get("lines").and_then(Value::as_array);
                    for (i, line) in lines.into_iter().flatten().enumerate().take(MAX_LINES) {
                        placement.map(format!("crisis.lines[{i}]"), format!("crisis.lines.{i}"));
                        for (j, field) in LINE_TEXT.iter().enumerate() {
                            if let Some(value) = line.get(field) {
                                model.lines[i][j] = as_text(value);
                            }
                        }
                    }
                }
                ("quick_exit_url", value) => model.quick_exit_url = as_text(value),
                ("theme", Value::Object(theme)) => {
                    for (field, value) in theme {
                        if let Some(i) = position(&THEME_TEXT, field) {
                            model.theme[i] = as_text(value);
                        }
                    }
                }
                ("modules", Value::Object(modules)) => {
                    for (name, value) in modules {
                        let Some(m) = model.modules.iter_mut().find(|m| m.module.as_str() == name)
                        else {
                            continue;
                        };
                        match value {
                            Value::Bool(on) => m.on = *on,
                            Value::Object(permission) => {
                                m.on = true;
                                m.permission = permission
                                    .get("permission")
                                    .map(as_text)
                                    .unwrap_or_default();
                            }
                            _ => {}
                        }
                    }
                }
                ("locale", _) => {}
                (key, _) => dropped.push(key.to_owned()),
            }
        }
        Some((model, placement, dropped))
    }
}

fn read_program(form: &mut ProgramForm, program: &Value, dropped: &mut Vec<String>, i: usize) {
    let Value::Object(fields) = program else {
        return;
    };
    for (field, value) in fields {
        match (field.as_str(), value) {
            ("level", _) => {}
            ("cta", Value::Object(cta)) => {
                if let Some(label) = cta.get("label") {
                    form.text[1] = as_text(label);
                }
                if let Some(url) = cta.get("url") {
                    form.text[2] = as_text(url);
                }
            }
            ("therapies", Value::Array(list)) => {
                form.text[4] = list.iter().map(as_text).collect::<Vec<_>>().join("\n");
            }
            (name, value) => match position(&PROGRAM_TEXT, name) {
                Some(j) => form.text[j] = as_text(value),
                None => dropped.push(format!("programs[{i}].{name}")),
            },
        }
    }
}

/// A string as itself; anything else as its JSON text, so a wrong type stays visible in
/// the field.
fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn put_text(map: &mut Map<String, Value>, key: &str, value: &str) {
    if !value.trim().is_empty() {
        map.insert(key.into(), value.into());
    }
}

fn program_json(level: Level, program: &ProgramForm) -> Value {
    let t = &program.text;
    let mut entry = Map::new();
    entry.insert("level".into(), level.as_str().into());
    entry.insert("name".into(), t[0].clone().into());
    let mut cta = Map::new();
    cta.insert("label".into(), t[1].clone().into());
    cta.insert("url".into(), t[2].clone().into());
    entry.insert("cta".into(), cta.into());
    put_text(&mut entry, "schedule", &t[3]);
    let therapies: Vec<Value> = t[4]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Value::from(l.trim()))
        .collect();
    if !therapies.is_empty() {
        entry.insert("therapies".into(), therapies.into());
    }
    put_text(&mut entry, "credentials", &t[5]);
    put_text(&mut entry, "outcomes", &t[6]);
    entry.into()
}

/// How the validator's paths (`programs[1].cta.url`) map onto the form's
/// (`programs.iop.cta.url`), and which field an error belongs on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Placement {
    /// (prefix in the configuration, the same place in the form)
    prefixes: Vec<(String, String)>,
}

impl Placement {
    fn map(&mut self, config: String, form: String) {
        self.prefixes.push((config, form));
    }

    /// The form path of a validator path: indexed prefixes replaced, `[i]` → `.i`.
    pub fn form_path(&self, config_path: &str) -> String {
        for (config, form) in &self.prefixes {
            if let Some(rest) = config_path.strip_prefix(config.as_str()) {
                if rest.is_empty() || rest.starts_with('.') || rest.starts_with('[') {
                    return [form.as_str(), &bracket_to_dot(rest)].concat();
                }
            }
        }
        bracket_to_dot(config_path)
    }

    /// The field an error at `config_path` belongs on: the field itself, else the first
    /// field inside it (an error about a whole program sits on its first field), else its
    /// nearest enclosing field. `None` when nothing in the form matches (the error is then
    /// shown in the summary only).
    pub fn field_for(&self, config_path: &str, fields: &[String]) -> Option<String> {
        let mut path = self.form_path(config_path);
        // `programs.iop.therapies.2` is the therapies box; `modules.dast10` is its switch.
        loop {
            if path.is_empty() {
                return None;
            }
            if fields.contains(&path) {
                return Some(path);
            }
            let inside = [path.as_str(), "."].concat();
            if let Some(first) = fields.iter().find(|f| f.starts_with(&inside)) {
                // A module's own error belongs on its switch, not its permission box.
                let on = [path.as_str(), ".on"].concat();
                if fields.contains(&on) && !config_path.ends_with("permission") {
                    return Some(on);
                }
                return Some(first.clone());
            }
            match path.rfind('.') {
                Some(i) => path.truncate(i),
                None => path.clear(),
            }
        }
    }
}

fn bracket_to_dot(path: &str) -> String {
    path.replace('[', ".").replace(']', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use carestep_config::ClinicConfig;

    fn filled() -> Model {
        let mut model = Model::default();
        model.set("clinic.name", "Riverbend".into());
        model.set("clinic.phone", "(555) 014-2000".into());
        model.programs[2].offered = true;
        model.set("programs.iop.name", "Evening IOP".into());
        model.set("programs.iop.cta.label", "Book".into());
        model.set(
            "programs.iop.cta.url",
            "https://riverbend.example/iop".into(),
        );
        model.set("programs.iop.therapies", "CBT\n\nDBT".into());
        model.set("crisis.lines.1.label", "After-hours line".into());
        model.set("crisis.lines.1.phone", "(555) 014-2999".into());
        model.set("theme.primary", "#1f5e59".into());
        model
    }

    #[test]
    fn a_filled_form_writes_a_configuration_the_validator_accepts() {
        let (text, _) = filled().to_config();
        let config = ClinicConfig::from_json(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        let iop = config.offer_for(Level::Iop).unwrap();
        assert_eq!(iop.name, "Evening IOP");
        assert_eq!(iop.therapies, ["CBT", "DBT"]);
        assert_eq!(config.crisis().lines()[0].label, "After-hours line");
    }

    #[test]
    fn the_empty_form_is_the_empty_configuration() {
        let text = Model::default().to_config().0;
        assert_eq!(text, "{\n  \"$schema\": \"carestep-config.schema.json\"\n}");
        assert_eq!(ClinicConfig::from_json(&text), Ok(ClinicConfig::default()));
    }

    #[test]
    fn every_error_of_a_broken_form_lands_on_its_field() {
        let mut model = filled();
        model.set("programs.iop.cta.url", "javascript:alert(1)".into());
        model.set("crisis.lines.1.phone", "12".into());
        model.set("theme.text", "#fff".into());
        model.set("quick_exit_url", "http://x.example".into());
        let licensed = model
            .modules
            .iter_mut()
            .find(|m| m.module == Module::Dast10);
        licensed.unwrap().on = true;
        let (text, placement) = model.to_config();
        let errors = ClinicConfig::from_json(&text).unwrap_err().errors;
        let fields = model.field_paths();
        let placed: Vec<String> = errors
            .iter()
            .map(|e| placement.field_for(&e.path, &fields).unwrap_or_default())
            .collect();
        for expected in [
            "programs.iop.cta.url",
            "crisis.lines.1.phone",
            "theme.text",
            "quick_exit_url",
            "modules.dast10.permission",
        ] {
            assert!(
                placed.iter().any(|p| p == expected),
                "{expected} in {placed:?} for {errors:?}"
            );
        }
        assert!(
            placed.iter().all(|p| !p.is_empty()),
            "{placed:?} for {errors:?}"
        );
    }

    #[test]
    fn an_opened_configuration_fills_the_form_and_maps_its_paths() {
        let text = r#"{"$schema": "carestep-config.schema.json",
            "clinic": {"name": "Riverbend", "phone": 5550142000},
            "programs": [{"level": "php", "name": "Day program", "cta": {"label": "Call", "url": "tel:+15550142010"}},
                         {"level": "iop", "name": "", "cta": {"label": "Book", "url": "ftp://x"}, "colour": "red"}],
            "modules": {"dast10": {"permission": "Licence 42"}}}"#;
        let (model, placement, dropped) = Model::from_config(text).unwrap();
        assert_eq!(model.get("clinic.phone"), Some("5550142000"));
        assert!(model.programs[3].offered && model.programs[2].offered);
        assert_eq!(model.get("programs.iop.cta.url"), Some("ftp://x"));
        assert_eq!(dropped, ["programs[1].colour"]);
        assert_eq!(
            placement.form_path("programs[1].cta.url"),
            "programs.iop.cta.url"
        );
        let fields = model.field_paths();
        let errors = ClinicConfig::from_json(text).unwrap_err().errors;
        for error in &errors {
            let field = placement.field_for(&error.path, &fields);
            assert!(field.is_some(), "{error} has no field");
        }
        assert!(errors.len() >= 3, "{errors:?}");
    }

    #[test]
    fn form_paths_round_trip_through_get_and_set() {
        let mut model = Model::default();
        for path in Model::default().field_paths() {
            if path.ends_with(".offered") || path.ends_with(".on") {
                continue;
            }
            model.set(&path, path.clone());
            assert_eq!(model.get(&path), Some(path.as_str()), "{path}");
        }
    }
}
