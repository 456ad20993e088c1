//! The clinic configuration, tested through its public API: the demo clinic's
//! configuration, a table of broken configurations (each asserting the exact
//! path, problem and allowed values of every error), the fallback shown to
//! visitors, `offer_for` over every combination of offered levels, and
//! property tests that no input panics.

use carestep_config::{ClinicConfig, ConfigError, ConfigErrors, Locale, UrlScheme};
use carestep_engine::{Level, Module, ModuleSet};
use proptest::prelude::*;

const DEMO: &str = include_str!("config/demo-clinic.json");

const URLS: &str = "https:, tel:, sms:, mailto: URLs";
const LEVELS: &str = "self_care, outpatient, iop, php, inpatient";
const COLOURS: &str = "#rgb or #rrggbb hex colours, for example #1d5c8c";

fn load(text: &str) -> ClinicConfig {
    ClinicConfig::from_json(text).unwrap_or_else(|e| panic!("config should be valid, got:\n{e}"))
}

/// Asserts the exact list of errors: (path, problem, allowed).
fn check_errors(text: &str, expected: &[(&str, &str, Option<&str>)]) {
    let errors = match ClinicConfig::from_json(text) {
        Ok(_) => panic!("config should be rejected: {text}"),
        Err(e) => e.errors,
    };
    let got: Vec<(&str, &str, Option<&str>)> = errors
        .iter()
        .map(|e| (e.path.as_str(), e.problem.as_str(), e.allowed.as_deref()))
        .collect();
    assert_eq!(got, expected, "config: {text}");
}

/// A minimal valid program at `level`, as JSON.
fn program(level: &str) -> String {
    format!(
        r#"{{"level": "{level}", "name": "Program {level}", "cta": {{"label": "Book", "url": "https://clinic.example/{level}"}}}}"#
    )
}

// ------------------------------------------------------------ the demo clinic

#[test]
fn demo_clinic_configuration_is_valid_and_complete() {
    let c = load(DEMO);
    let clinic = c.clinic().expect("the demo names its clinic");
    assert_eq!(clinic.name, "Riverbend Community Mental Health");
    let phone = clinic.phone.as_ref().expect("phone");
    assert_eq!(phone.display(), "(555) 014-2000");
    assert_eq!(phone.tel_url().as_str(), "tel:5550142000");
    assert_eq!(
        clinic.contact_url.as_ref().map(|u| u.as_str()),
        Some("https://riverbend.example/contact")
    );

    let levels: Vec<Level> = c.programs().iter().map(|p| p.level).collect();
    assert_eq!(levels, [Level::Outpatient, Level::Iop, Level::Php]);
    let iop = c.offer_for(Level::Iop).expect("IOP offered");
    assert_eq!(iop.name, "Riverbend Intensive Outpatient Program");
    assert_eq!(iop.cta.label, "Book an IOP assessment");
    assert_eq!(iop.cta.url.scheme(), UrlScheme::Https);
    assert_eq!(iop.therapies.len(), 4);
    assert!(iop
        .schedule
        .as_deref()
        .is_some_and(|s| s.contains("12 hours")));
    assert!(iop.credentials.is_some());
    let php = c.offer_for(Level::Php).expect("PHP offered");
    assert_eq!(php.cta.url.as_str(), "tel:+1-555-014-2000");
    assert_eq!(php.cta.url.scheme(), UrlScheme::Tel);

    assert_eq!(c.crisis().country(), "US");
    assert!(c.crisis().uses_us_numbers());
    let lines = c.crisis().all_lines();
    let dial: Vec<Option<&str>> = lines
        .iter()
        .map(|l| l.phone.as_ref().map(|p| p.dial()))
        .collect();
    assert_eq!(dial, [Some("988"), Some("911"), Some("5550142999")]);
    assert_eq!(
        lines[0]
            .sms
            .as_ref()
            .map(|p| p.sms_url().as_str().to_owned()),
        Some("sms:988".into())
    );
    assert_eq!(lines[2].label, "Riverbend 24-hour crisis line");

    assert_eq!(c.quick_exit_url().as_str(), "https://www.weather.gov/");
    assert_eq!(c.locale(), Locale::En);
    assert_eq!(*c.modules(), ModuleSet::default_deployment());
    assert!(c.module_permissions().is_empty());
    assert_eq!(
        c.theme_vars(),
        [
            ("--cs-primary", "#1f5f5b".to_owned()),
            ("--cs-on-primary", "#ffffff".to_owned()),
            ("--cs-text", "#1b1b1b".to_owned()),
            ("--cs-background", "#ffffff".to_owned()),
            ("--cs-error", "#b42318".to_owned()),
            ("--cs-radius", "8px".to_owned()),
            (
                "--cs-font",
                "system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif".to_owned()
            ),
        ]
    );
}

#[test]
fn empty_object_is_the_default_configuration() {
    let c = load("{}");
    assert_eq!(c, ClinicConfig::default());
    assert!(c.clinic().is_none());
    assert!(c.programs().is_empty());
    assert_eq!(c.crisis().all_lines().len(), 2, "988 and 911");
    assert_eq!(c.quick_exit_url().as_str(), "https://www.weather.gov/");
    assert_eq!(*c.modules(), ModuleSet::default_deployment());
    // Optional fields may be blanked with null.
    assert_eq!(
        load(r#"{"theme": null, "crisis": {"lines": null}, "programs": null}"#),
        c
    );
}

#[test]
fn text_and_urls_are_trimmed() {
    let c = load(
        r#"{"clinic": {"name": "  Riverbend  ", "phone": " 555-0100 ", "contact_url": "  HTTPS://riverbend.example/contact  "},
            "quick_exit_url": " https://www.weather.gov/ ",
            "programs": [{"level": " iop ", "name": " IOP ", "cta": {"label": " Book ", "url": "\thttps://riverbend.example/iop\n"}}]}"#,
    );
    let clinic = c.clinic().unwrap();
    assert_eq!(clinic.name, "Riverbend");
    assert_eq!(clinic.phone.as_ref().unwrap().display(), "555-0100");
    assert_eq!(
        clinic.contact_url.as_ref().unwrap().as_str(),
        "https://riverbend.example/contact"
    );
    let iop = c.offer_for(Level::Iop).unwrap();
    assert_eq!((iop.name.as_str(), iop.cta.label.as_str()), ("IOP", "Book"));
    assert_eq!(iop.cta.url.as_str(), "https://riverbend.example/iop");
}

#[test]
fn programs_may_state_their_outcomes_as_plain_text() {
    let c = load(
        r#"{"programs": [{"level": "iop", "name": "IOP", "cta": {"label": "Go", "url": "https://a.example/"},
            "outcomes": "  In 2025, 7 in 10 people who finished the program reported fewer symptoms  "},
            {"level": "php", "name": "PHP", "cta": {"label": "Go", "url": "https://a.example/"}, "outcomes": null},
            {"level": "outpatient", "name": "OP", "cta": {"label": "Go", "url": "https://a.example/"}}]}"#,
    );
    assert_eq!(
        c.offer_for(Level::Iop).unwrap().outcomes.as_deref(),
        Some("In 2025, 7 in 10 people who finished the program reported fewer symptoms")
    );
    assert_eq!(c.offer_for(Level::Php).unwrap().outcomes, None);
    assert_eq!(c.offer_for(Level::Outpatient).unwrap().outcomes, None);
    // 200 characters (not bytes) is the limit, as for the schedule.
    let at_limit = "é".repeat(200);
    let c = load(&format!(
        r#"{{"programs": [{{"level": "iop", "name": "IOP", "cta": {{"label": "Go", "url": "https://a.example/"}}, "outcomes": "{at_limit}"}}]}}"#
    ));
    assert_eq!(c.programs()[0].outcomes.as_deref(), Some(at_limit.as_str()));

    let long = "x".repeat(201);
    let cta = r#""cta": {"label": "Go", "url": "https://a.example/"}"#;
    check_errors(
        &format!(
            r#"{{"programs": [{{"level": "self_care", "name": "A", {cta}, "outcomes": "{long}"}},
                {{"level": "outpatient", "name": "B", {cta}, "outcomes": "Fewer\nsymptoms"}},
                {{"level": "iop", "name": "C", {cta}, "outcomes": "\u202eDhP"}},
                {{"level": "php", "name": "D", {cta}, "outcomes": "   "}},
                {{"level": "inpatient", "name": "E", {cta}, "outcomes": ["70%"]}}]}}"#
        ),
        &[
            (
                "programs[0].outcomes",
                "is too long (201 characters; at most 200)",
                None,
            ),
            (
                "programs[1].outcomes",
                "contains a control character (U+000A); use plain text on one line",
                None,
            ),
            (
                "programs[2].outcomes",
                "contains an invisible text-direction character (U+202E)",
                None,
            ),
            ("programs[3].outcomes", "is empty", None),
            ("programs[4].outcomes", "expected text, found a list", None),
        ],
    );
}

#[test]
fn a_top_level_schema_reference_is_accepted_and_ignored() {
    // Editors read "$schema" to complete and check field names; the widget
    // ignores it, whatever it says.
    for reference in [
        r#""./carestep-config.schema.json""#,
        r#""urn:carestep:config""#,
        r#""""#,
        "null",
    ] {
        assert_eq!(
            load(&format!(r#"{{"$schema": {reference}}}"#)),
            ClinicConfig::default()
        );
    }
    let with = load(&format!(
        r#"{{"$schema": "../../schema/carestep-config.schema.json", "programs": [{}]}}"#,
        program("iop")
    ));
    let without = load(&format!(r#"{{"programs": [{}]}}"#, program("iop")));
    assert_eq!(with, without);
    // It is still checked like any field: text, once, and only at the top
    // level. It is not a setting, so the list of allowed fields omits it.
    check_errors(
        r#"{"$schema": 3, "clinic": {"name": "R", "$schema": "x"}, "$schemas": "x"}"#,
        &[
            ("[\"$schemas\"]", "unknown field", Some(ROOT)),
            ("[\"$schema\"]", "expected text, found a number", None),
            (
                "clinic[\"$schema\"]",
                "unknown field",
                Some("name, phone, contact_url"),
            ),
        ],
    );
    check_errors(
        r#"{"$schema": "a.json", "$schema": "b.json"}"#,
        &[("[\"$schema\"]", "is given more than once", None)],
    );
}

// ------------------------------------------------------------ offer_for

#[test]
fn offer_for_returns_exactly_the_level_asked_for_and_never_another() {
    let offerable = ["self_care", "outpatient", "iop", "php", "inpatient"];
    // Every subset of offerable levels, in both list orders.
    for mask in 0u32..(1 << offerable.len()) {
        let chosen: Vec<&str> = (0..offerable.len())
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| offerable[i])
            .collect();
        for order in [chosen.clone(), chosen.iter().rev().copied().collect()] {
            let programs: Vec<String> = order.iter().map(|l| program(l)).collect();
            let c = load(&format!(r#"{{"programs": [{}]}}"#, programs.join(",")));
            for level in Level::ALL {
                let offered = chosen.contains(&level.as_str());
                match c.offer_for(level) {
                    Some(p) => {
                        assert!(offered, "{level:?} not offered but got {:?}", p.level);
                        assert_eq!(p.level, level);
                        assert_eq!(p.name, format!("Program {}", level.as_str()));
                    }
                    None => assert!(!offered, "{level:?} offered but not returned"),
                }
            }
        }
    }
}

// ------------------------------------------------------------ broken configs

#[test]
fn urls_with_disallowed_schemes_are_refused_with_path_and_allowed_list() {
    let text = format!(
        r#"{{"clinic": {{"name": "R", "contact_url": "data:text/html,<script>x</script>"}},
            "programs": [{}, {{"level": "iop", "name": "IOP", "cta": {{"label": "Go", "url": "javascript:alert(1)"}}}},
                         {{"level": "php", "name": "PHP", "cta": {{"label": "Go", "url": "http://riverbend.example/php"}}}}],
            "quick_exit_url": "tel:911"}}"#,
        program("outpatient")
    );
    check_errors(
        &text,
        &[
            (
                "clinic.contact_url",
                r#""data:text/html,<script>x</script>" is not allowed"#,
                Some(URLS),
            ),
            (
                "programs[1].cta.url",
                r#""javascript:alert(1)" is not allowed"#,
                Some(URLS),
            ),
            (
                "programs[2].cta.url",
                r#""http://riverbend.example/php" is not allowed: use https://"#,
                Some(URLS),
            ),
            (
                "quick_exit_url",
                r#""tel:911" is not allowed here: it must be a web page"#,
                Some("https: URLs"),
            ),
        ],
    );
}

#[test]
fn display_is_one_line_per_error_in_the_documented_form() {
    let text = format!(
        r#"{{"programs": [{}, {{"level": "iop", "name": "IOP", "cta": {{"label": "Go", "url": " javascript:alert(1) "}}}}], "locale": "es"}}"#,
        program("outpatient")
    );
    let e = ClinicConfig::from_json(&text).unwrap_err();
    assert_eq!(
        e.to_string(),
        "programs[1].cta.url: \"javascript:alert(1)\" is not allowed (allowed: https:, tel:, sms:, mailto: URLs)\n\
         locale: \"es\" is not available (allowed: en)"
    );
    let single = ConfigError {
        path: String::new(),
        problem: "the configuration is empty".into(),
        allowed: None,
    };
    assert_eq!(single.to_string(), "the configuration is empty");
}

#[test]
fn unknown_and_repeated_fields_are_errors_that_list_the_allowed_names() {
    check_errors(
        r##"{"clinic": {"nmae": "Riverbend"}, "colour": "#fff", "quickExitUrl": "https://a.example/",
            "theme": {"primary": "#1d5c8c", "accent": "#fff"},
            "programs": [{"level": "iop", "name": "IOP", "cta": {"label": "Go", "url": "https://a.example/", "target": "_blank"}, "price": "$"}],
            "crisis": {"lines": [{"label": "L", "phone": "555-0100", "email": "x"}]},
            "clinic name": "x", "locale": "en", "locale": "en"}"##,
        &[
            // The top level is checked for names first, then each part in turn.
            ("colour", "unknown field", Some(ROOT)),
            (
                "quickExitUrl",
                "unknown field (did you mean quick_exit_url?)",
                Some(ROOT),
            ),
            ("[\"clinic name\"]", "unknown field", Some(ROOT)),
            ("locale", "is given more than once", None),
            (
                "clinic.nmae",
                "unknown field",
                Some("name, phone, contact_url"),
            ),
            ("clinic.name", "is required", None),
            (
                "programs[0].price",
                "unknown field",
                Some("level, name, cta, schedule, therapies, credentials, outcomes"),
            ),
            (
                "programs[0].cta.target",
                "unknown field",
                Some("label, url"),
            ),
            (
                "crisis.lines[0].email",
                "unknown field",
                Some("label, phone, sms, hours"),
            ),
            (
                "theme.accent",
                "unknown field",
                Some("primary, text, background, radius, font"),
            ),
        ],
    );
}

const ROOT: &str = "clinic, programs, crisis, quick_exit_url, theme, locale, modules";

#[test]
fn wrong_types_say_what_was_expected_and_found() {
    check_errors(
        r#"{"clinic": {"name": 42, "phone": 5550100}, "programs": {"level": "iop"}, "crisis": {"lines": "988"},
            "quick_exit_url": true, "theme": {"radius": 8}, "locale": ["en"],
            "modules": {"depression": "yes", "dast10": 1}}"#,
        &[
            ("clinic.name", "expected text, found a number", None),
            ("clinic.phone", "expected text, found a number", None),
            ("programs", "expected a list, found an object", None),
            ("crisis.lines", "expected a list, found text", None),
            ("quick_exit_url", "expected text, found true/false", None),
            ("theme.radius", "expected text, found a number", None),
            ("locale", "expected text, found a list", None),
            (
                "modules.depression",
                "expected true or false, found text",
                None,
            ),
            (
                "modules.dast10",
                "expected false or {\"permission\": \"…\"}, found a number",
                None,
            ),
        ],
    );
    check_errors(
        r#"{"programs": [{"level": 2, "name": ["IOP"], "cta": "https://a.example/", "therapies": "CBT", "schedule": {}}], "modules": []}"#,
        &[
            ("programs[0].level", "expected text, found a number", None),
            ("programs[0].name", "expected text, found a list", None),
            ("programs[0].cta", "expected an object, found text", None),
            (
                "programs[0].schedule",
                "expected text, found an object",
                None,
            ),
            (
                "programs[0].therapies",
                "expected a list of text, found text",
                None,
            ),
            ("modules", "expected an object, found a list", None),
        ],
    );
}

#[test]
fn programs_need_their_fields_and_an_offerable_level() {
    check_errors(
        &format!(
            r#"{{"programs": [{}, {}, {{"level": "crisis_now", "name": "Crisis", "cta": {{"label": "Call", "url": "tel:988"}}}},
                {{"level": "out_of_scope", "name": "Teens", "cta": {{"label": "Go", "url": "https://a.example/"}}}},
                {{"level": "intensive", "name": "X", "cta": {{"label": "Go", "url": "https://a.example/"}}}},
                {}, {{"level": "php"}}]}}"#,
            program("iop"),
            program("outpatient"),
            program("iop"),
        ),
        &[
            (
                "programs[2].level",
                "\"crisis_now\" cannot be offered as a program: crisis help is always 988, 911 and the lines under crisis.lines",
                Some(LEVELS),
            ),
            (
                "programs[3].level",
                "\"out_of_scope\" cannot be offered as a program: it is the result for visitors under 18",
                Some(LEVELS),
            ),
            ("programs[4].level", "\"intensive\" is not a level of care", Some(LEVELS)),
            ("programs[5].level", "\"iop\" is already offered by programs[0]", Some("one program per level")),
            ("programs[6].name", "is required", None),
            ("programs[6].cta", "is required", None),
        ],
    );
    check_errors(
        r#"{"programs": [{"level": "iop", "name": "IOP", "cta": {"label": "", "url": null},
            "therapies": ["CBT", "", 3]}]}"#,
        &[
            ("programs[0].cta.label", "is empty", None),
            ("programs[0].cta.url", "is required", None),
            ("programs[0].therapies[1]", "is empty", None),
            (
                "programs[0].therapies[2]",
                "expected text, found a number",
                None,
            ),
        ],
    );
}

#[test]
fn text_is_plain_single_line_and_limited_in_length() {
    let long = "R".repeat(101);
    check_errors(
        &format!(
            r#"{{"clinic": {{"name": "{long}"}}, "programs": [{{"level": "iop", "name": "Evening\u0007IOP", "schedule": "Mon\nTue",
                "credentials": "\u202eDhP", "cta": {{"label": "Go", "url": "https://a.example/"}}}}]}}"#
        ),
        &[
            (
                "clinic.name",
                "is too long (101 characters; at most 100)",
                None,
            ),
            (
                "programs[0].name",
                "contains a control character (U+0007); use plain text on one line",
                None,
            ),
            (
                "programs[0].schedule",
                "contains a control character (U+000A); use plain text on one line",
                None,
            ),
            (
                "programs[0].credentials",
                "contains an invisible text-direction character (U+202E)",
                None,
            ),
        ],
    );
    // 100 characters (not bytes) is fine, and markup is just text: the widget
    // renders it as text, never as HTML.
    let name = "é".repeat(100);
    assert_eq!(
        load(&format!(r#"{{"clinic": {{"name": "{name}"}}}}"#))
            .clinic()
            .unwrap()
            .name,
        name
    );
    let c = load(r#"{"clinic": {"name": "<b>Riverbend</b> & <script>alert(1)</script>"}}"#);
    assert_eq!(
        c.clinic().unwrap().name,
        "<b>Riverbend</b> & <script>alert(1)</script>"
    );
}

#[test]
fn licensed_modules_need_a_permission_statement() {
    let holder = |m: Module| {
        m.rights_holder()
            .expect("licensed modules name their rights holder")
    };
    let allowed = "false, or {\"permission\": \"…\"} naming the permission or licence you hold";
    check_errors(
        r#"{"modules": {"dast10": true, "bipolar": {"permission": "  "}, "functioning": {"licence": "x"},
            "distress": {"permission": "x"}, "suicide_cssrs": true, "k6": true}}"#,
        &[
            (
                "modules.dast10",
                &format!(
                    "is a licensed instrument: to turn it on, state the permission you hold from {}",
                    holder(Module::Dast10)
                ),
                Some(allowed),
            ),
            ("modules.bipolar.permission", "is empty", None),
            ("modules.functioning.licence", "unknown field", Some("permission")),
            ("modules.functioning.permission", "is required", None),
            ("modules.distress", "needs no permission: use true or false", None),
            (
                "modules.suicide_cssrs",
                &format!(
                    "is a licensed instrument: to turn it on, state the permission you hold from {}",
                    holder(Module::SuicideCssrs)
                ),
                Some(allowed),
            ),
            (
                "modules.k6",
                "unknown module (did you mean distress? modules are named by topic)",
                Some("gate, depression, anxiety, suicide_asq, suicide_cssrs, trauma, alcohol, alcohol_full, drugs, dast10, bipolar, functioning, distress, context"),
            ),
        ],
    );
}

#[test]
fn licensed_modules_with_permission_are_turned_on_and_recorded() {
    let c = load(
        r#"{"modules": {"suicide_cssrs": {"permission": "Licensed from the Columbia Lighthouse Project, 2026"},
            "suicide_asq": false, "distress": true, "dast10": {"permission": " Licensed from CAMH, agreement 2026-114 "},
            "trauma": false, "gate": true}}"#,
    );
    let expected = ModuleSet::default_deployment()
        .with(Module::SuicideCssrs)
        .without(Module::SuicideAsq)
        .with(Module::Distress)
        .with(Module::Dast10)
        .without(Module::Trauma);
    assert_eq!(*c.modules(), expected);
    let recorded: Vec<(Module, &str)> = c
        .module_permissions()
        .iter()
        .map(|p| (p.module, p.statement.as_str()))
        .collect();
    assert_eq!(
        recorded,
        [
            (
                Module::SuicideCssrs,
                "Licensed from the Columbia Lighthouse Project, 2026"
            ),
            (Module::Dast10, "Licensed from CAMH, agreement 2026-114"),
        ]
    );
}

#[test]
fn safety_modules_cannot_be_turned_off() {
    check_errors(
        r#"{"modules": {"gate": false, "context": false}}"#,
        &[
            ("modules.gate", "cannot be turned off", None),
            ("modules.context", "cannot be turned off", None),
        ],
    );
    check_errors(
        r#"{"modules": {"suicide_asq": false}}"#,
        &[(
            "modules.suicide_asq",
            "cannot be turned off unless suicide_cssrs is on: a suicide screen is always asked",
            None,
        )],
    );
    // A C-SSRS entry that is itself wrong is reported once, not twice.
    let errors =
        ClinicConfig::from_json(r#"{"modules": {"suicide_asq": false, "suicide_cssrs": true}}"#)
            .unwrap_err()
            .errors;
    assert_eq!(
        errors.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(),
        ["modules.suicide_cssrs"]
    );
    check_errors(
        r#"{"modules": {"alcohol": false, "alcohol_full": {"permission": "WHO letter 2026-02"},
            "drugs": false, "dast10": {"permission": "CAMH agreement 2026-114"}}}"#,
        &[
            (
                "modules.alcohol",
                "cannot be turned off while alcohol_full is on: the full AUDIT continues from the AUDIT-C questions",
                None,
            ),
            (
                "modules.drugs",
                "cannot be turned off while dast10 is on: the DAST-10 is asked only after the drug-use question",
                None,
            ),
        ],
    );
    check_errors(
        r#"{"modules": {"anxiety": false, "anxiety": true}}"#,
        &[("modules.anxiety", "is given more than once", None)],
    );
}

#[test]
fn colours_are_hex_only_and_meet_contrast() {
    check_errors(
        r##"{"theme": {"primary": "blue", "text": "#12345", "background": "#fff; background: url(https://t.example/)"}}"##,
        &[
            ("theme.primary", "\"blue\" is not a colour", Some(COLOURS)),
            ("theme.text", "\"#12345\" is not a colour", Some(COLOURS)),
            (
                "theme.background",
                "\"#fff; background: url(https://t.example/)\" is not a colour",
                Some(COLOURS),
            ),
        ],
    );
    check_errors(
        r##"{"theme": {"primary": "#ff9900", "text": "#777777"}}"##,
        &[
            (
                "theme.text",
                "text colour #777777 on the default background #ffffff has a contrast ratio of 4.47:1; at least 4.5:1 is needed (WCAG 2.2 AA)",
                None,
            ),
            (
                "theme.primary",
                "primary colour #ff9900 on the default background #ffffff has a contrast ratio of 2.14:1; at least 4.5:1 is needed (WCAG 2.2 AA)",
                None,
            ),
        ],
    );
    // Only the background given: the defaults it clashes with are named, and
    // the error is put on the field the admin wrote.
    check_errors(
        r##"{"theme": {"background": "#000"}}"##,
        &[
            (
                "theme.background",
                "the default text colour #1b1b1b on background #000000 has a contrast ratio of 1.21:1; at least 4.5:1 is needed (WCAG 2.2 AA)",
                None,
            ),
            (
                "theme.background",
                "the default primary colour #1d5c8c on background #000000 has a contrast ratio of 2.96:1; at least 4.5:1 is needed (WCAG 2.2 AA)",
                None,
            ),
        ],
    );
    // A dark theme that passes: button text switches to the background colour.
    let c =
        load(r##"{"theme": {"primary": "#9FD3FF", "text": "#f0f0f0", "background": "#101820"}}"##);
    let vars = c.theme_vars();
    assert_eq!(vars[0], ("--cs-primary", "#9fd3ff".to_owned()));
    assert_eq!(vars[1], ("--cs-on-primary", "#101820".to_owned()));
    // …and errors, whose red would be 2.7:1 there, take the text colour.
    assert!(vars.contains(&("--cs-error", "#f0f0f0".to_owned())));
    // On a light tint the red stays.
    let c = load(r##"{"theme": {"background": "#f5f9ff"}}"##);
    assert!(c
        .theme_vars()
        .contains(&("--cs-error", "#b42318".to_owned())));
}

#[test]
fn radius_and_font_are_restricted() {
    check_errors(
        r#"{"theme": {"radius": "50%", "font": "Arial; } body { display: none"}}"#,
        &[
            ("theme.radius", "\"50%\" is not a length", Some("a length from 0 to 32px or 0 to 2rem, for example 8px")),
            (
                "theme.font",
                "\"Arial; } body { display: none\" contains ';', which a font list cannot contain",
                Some("font family names separated by commas, using letters, digits, spaces, hyphens and quotes"),
            ),
        ],
    );
    check_errors(
        r#"{"theme": {"radius": "100px"}}"#,
        &[(
            "theme.radius",
            "\"100px\" is too large",
            Some("a length from 0 to 32px or 0 to 2rem, for example 8px"),
        )],
    );
    let c =
        load(r#"{"theme": {"radius": "0.5rem", "font": "'Atkinson Hyperlegible', sans-serif"}}"#);
    assert_eq!(c.theme().radius().as_str(), "0.5rem");
    assert_eq!(
        c.theme().font().as_str(),
        "'Atkinson Hyperlegible', sans-serif"
    );
}

#[test]
fn crisis_lines_outside_the_us_must_be_given() {
    check_errors(
        r#"{"crisis": {"country": "ca"}}"#,
        &[(
            "crisis.lines",
            "country CA needs at least one crisis line: CareStep only knows the United States numbers (988, 911)",
            None,
        )],
    );
    check_errors(
        r#"{"crisis": {"country": "GB", "lines": []}}"#,
        &[(
            "crisis.lines",
            "country GB needs at least one crisis line: CareStep only knows the United States numbers (988, 911)",
            None,
        )],
    );
    check_errors(
        r#"{"crisis": {"country": "USA", "lines": [{"label": "Our line", "hours": "24/7"}, {"label": "Text us", "sms": "TEXT-HOME"}]}}"#,
        &[
            (
                "crisis.country",
                "\"USA\" is not a two-letter country code",
                Some("ISO 3166 codes such as US, CA, GB"),
            ),
            (
                "crisis.lines[0]",
                "needs a phone or sms number (or both)",
                None,
            ),
            (
                "crisis.lines[1].sms",
                "\"TEXT-HOME\" is not a phone number: use only digits, spaces and + - . ( )",
                None,
            ),
        ],
    );
    let c = load(
        r#"{"crisis": {"country": "GB", "lines": [{"label": "Samaritans", "phone": "116 123", "hours": "24/7"}]}}"#,
    );
    assert!(!c.crisis().uses_us_numbers());
    let lines = c.crisis().all_lines();
    assert_eq!(lines.len(), 1, "no US numbers outside the US");
    assert_eq!(
        lines[0].phone.as_ref().unwrap().tel_url().as_str(),
        "tel:116123"
    );
}

#[test]
fn only_english_is_available() {
    check_errors(
        r#"{"locale": "es"}"#,
        &[("locale", "\"es\" is not available", Some("en"))],
    );
    assert_eq!(load(r#"{"locale": " EN "}"#).locale(), Locale::En);
}

#[test]
fn html_an_editor_inserted_is_named_with_the_fix() {
    // WordPress's automatic paragraphs, on a configuration with a blank line in it.
    let broken = "{\n  \"clinic\": {\"name\": \"Riverbend\"},\n</p>\n<p>  \"quick_exit_url\": \"https://www.weather.gov/\"<br />\n}";
    let errors = ClinicConfig::from_json(broken).unwrap_err().errors;
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert_eq!(
        errors[0].problem,
        "contains HTML tags (</p>, <p>, <br />) that the page's editor inserted into the configuration"
    );
    assert_eq!(
        errors[0].allowed.as_deref(),
        Some("the configuration on one line, as setup.html writes it, pasted into a Custom HTML block (or code block); on WordPress, the CareStep plugin")
    );
    assert!(
        errors[1]
            .problem
            .starts_with("JSON syntax error at line 3, column 1"),
        "{errors:?}"
    );
    // Tags inside a valid configuration's text are only text: no such error.
    assert_eq!(
        load(r#"{"clinic": {"name": "Riverbend <p>"}}"#)
            .clinic()
            .unwrap()
            .name,
        "Riverbend <p>"
    );
    // A syntax error without tags says only where it is.
    let plain = ClinicConfig::from_json("{\"clinic\": 3 4}")
        .unwrap_err()
        .errors;
    assert_eq!(plain.len(), 1, "{plain:?}");
}

#[test]
fn json_syntax_errors_give_line_and_column() {
    check_errors(
        "{\n  \"clinic\": {\"name\": \"R\",}\n}",
        &[(
            "",
            "JSON syntax error at line 2, column 26: trailing comma before '}'",
            None,
        )],
    );
    check_errors(
        "{\"clinic\": {\"name\": 'Riverbend'}}",
        &[("", "JSON syntax error at line 1, column 21: text must be in double quotes (\"), not single quotes", None)],
    );
    check_errors(
        " \n\t",
        &[(
            "",
            "the configuration is empty",
            Some("a JSON object such as {\"clinic\": {\"name\": \"…\"}}"),
        )],
    );
    check_errors(
        "[]",
        &[(
            "",
            "the configuration must be a JSON object {…}, found a list",
            None,
        )],
    );
    let huge = format!("{{\"clinic\": {{\"name\": \"{}\"}}}}", " ".repeat(100_000));
    assert_eq!(huge.len(), 100_024);
    check_errors(
        &huge,
        &[(
            "",
            "the configuration is too long (100024 bytes; at most 100000)",
            None,
        )],
    );
}

#[test]
fn many_problems_are_all_reported_up_to_a_cap() {
    let fields: Vec<String> = (0..60).map(|i| format!("\"x{i}\": 1")).collect();
    let errors = ClinicConfig::from_json(&format!("{{{}}}", fields.join(",")))
        .unwrap_err()
        .errors;
    assert_eq!(errors.len(), 51);
    assert_eq!(errors[0].path, "x0");
    assert_eq!(errors[49].path, "x49");
    assert_eq!(errors[50].to_string(), "… and 10 more problems");
}

// ------------------------------------------------------------ fallback

fn fallback(text: &str) -> carestep_config::Fallback {
    ClinicConfig::from_json(text)
        .expect_err("config should be rejected")
        .fallback
}

#[test]
fn fallback_keeps_what_visitors_need_when_it_was_valid() {
    let f = fallback(
        r#"{"clinic": {"name": "Riverbend", "phone": "(541) 555-0142", "contact_url": "javascript:x"},
            "crisis": {"lines": [{"label": "Riverbend crisis line", "phone": "541-555-0199"}, {"label": "Broken", "phone": "call us"}]},
            "quick_exit_url": "https://www.google.com/", "theme": {"primary": "red"}}"#,
    );
    assert_eq!(f.clinic_name.as_deref(), Some("Riverbend"));
    assert_eq!(
        f.phone.as_ref().map(|p| p.tel_url().as_str().to_owned()),
        Some("tel:5415550142".into())
    );
    let labels: Vec<String> = f.crisis.all_lines().into_iter().map(|l| l.label).collect();
    assert_eq!(
        labels,
        [
            "988 Suicide & Crisis Lifeline",
            "Emergency services",
            "Riverbend crisis line"
        ]
    );
    assert_eq!(f.quick_exit_url.as_str(), "https://www.google.com/");
}

#[test]
fn fallback_uses_defaults_for_parts_that_were_invalid() {
    let f = fallback(
        r#"{"clinic": {"name": "", "phone": "call us"}, "quick_exit_url": "http://x.example/"}"#,
    );
    assert_eq!(f.clinic_name, None);
    assert_eq!(f.phone, None);
    assert_eq!(f.quick_exit_url.as_str(), "https://www.weather.gov/");
    assert!(f.crisis.uses_us_numbers());

    // A country without any valid line of its own falls back to the US numbers
    // rather than to no crisis help at all.
    let f = fallback(r#"{"crisis": {"country": "CA"}}"#);
    assert!(f.crisis.uses_us_numbers());
    assert_eq!(f.crisis.all_lines().len(), 2);
    let f = fallback(
        r#"{"crisis": {"country": "GB", "lines": [{"label": "Samaritans", "phone": "116 123"}]}, "locale": "cy"}"#,
    );
    assert_eq!(f.crisis.country(), "GB");
    assert_eq!(f.crisis.all_lines().len(), 1);

    // Nothing can be read from malformed JSON.
    assert_eq!(
        fallback("{\"clinic\": {\"name\": \"Riverbend\""),
        Default::default()
    );
}

// ------------------------------------------------------------ never panics

/// Any JSON value (depth-limited), as text.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Value::from),
        tricky_text().prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// Field names that reach the validator's code paths, plus arbitrary ones.
fn field_name() -> impl Strategy<Value = String> {
    const KNOWN: &[&str] = &[
        "clinic",
        "name",
        "phone",
        "contact_url",
        "programs",
        "level",
        "cta",
        "label",
        "url",
        "schedule",
        "therapies",
        "credentials",
        "outcomes",
        "$schema",
        "crisis",
        "country",
        "lines",
        "sms",
        "hours",
        "quick_exit_url",
        "theme",
        "primary",
        "text",
        "background",
        "radius",
        "font",
        "locale",
        "modules",
        "permission",
        "gate",
        "context",
        "suicide_asq",
        "suicide_cssrs",
        "dast10",
        "alcohol",
        "alcohol_full",
        "drugs",
        "distress",
    ];
    prop_oneof![
        4 => prop::sample::select(KNOWN).prop_map(str::to_owned),
        1 => ".{0,12}",
    ]
}

/// Text that reaches the interesting branches: level names, URLs of every
/// scheme, colours, phone numbers, controls, bidi characters, long strings.
fn tricky_text() -> impl Strategy<Value = String> {
    const SAMPLES: &[&str] = &[
        "iop",
        "php",
        "outpatient",
        "inpatient",
        "self_care",
        "crisis_now",
        "out_of_scope",
        "US",
        "GB",
        "en",
        "es",
        "https://a.example/",
        "http://a.example/",
        "javascript:alert(1)",
        "tel:988",
        "sms:741741?body=HOME",
        "mailto:a@b.example",
        "data:,x",
        "#fff",
        "#000000",
        "#777",
        "8px",
        "3rem",
        "Arial, sans-serif",
        "(541) 555-0142",
        "988",
        "\u{202e}x",
        "a\u{0}b",
        " ",
        "",
    ];
    prop_oneof![
        3 => prop::sample::select(SAMPLES).prop_map(str::to_owned),
        1 => any::<String>(),
        1 => "[ -~]{0,300}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = ClinicConfig::from_json(&text);
    }

    #[test]
    fn arbitrary_json_never_panics_and_errors_stay_one_line_each(value in any_json()) {
        let wrapped = serde_json::json!({ "clinic": value.clone(), "programs": [value.clone()], "modules": value.clone(),
                                          "crisis": value.clone(), "theme": value.clone() });
        for v in [value, wrapped] {
            if let Err(ConfigErrors { errors, .. }) = ClinicConfig::from_json(&v.to_string()) {
                prop_assert!(!errors.is_empty());
                for e in &errors {
                    prop_assert!(!e.to_string().contains('\n'), "multi-line error: {e}");
                }
            }
        }
    }

    /// Whatever is accepted keeps the promises the widget relies on.
    #[test]
    fn accepted_configurations_keep_their_invariants(
        levels in prop::collection::vec(prop::sample::select(&["self_care", "outpatient", "iop", "php", "inpatient", "crisis_now"][..]), 0..7),
        urls in prop::collection::vec(tricky_text(), 7),
        colours in prop::collection::vec(prop::sample::select(&["#fff", "#000", "#1d5c8c", "#767676", "#777777", "#ff9900", "#101820", "#9fd3ff"][..]), 3),
        modules in prop::collection::vec((prop::sample::select(Module::ALL.to_vec()), prop::sample::select(&["true", "false", "{\"permission\": \"Licensed 2026\"}"][..])), 0..6),
    ) {
        let programs: Vec<String> = levels.iter().zip(&urls).map(|(l, u)| format!(
            r#"{{"level": "{l}", "name": "P", "cta": {{"label": "Go", "url": {}}}}}"#, serde_json::Value::from(u.as_str()))).collect();
        let modules: Vec<String> = modules.iter().map(|(m, v)| format!("\"{}\": {v}", m.as_str())).collect();
        let text = format!(
            r#"{{"programs": [{}], "theme": {{"primary": "{}", "text": "{}", "background": "{}"}}, "modules": {{{}}}}}"#,
            programs.join(","), colours[0], colours[1], colours[2], modules.join(","));
        let Ok(c) = ClinicConfig::from_json(&text) else { return Ok(()) };
        for level in Level::ALL {
            if let Some(p) = c.offer_for(level) {
                prop_assert_eq!(p.level, level);
                prop_assert!(level != Level::CrisisNow && level != Level::OutOfScope);
            }
        }
        for p in c.programs() {
            let reparsed = carestep_config::SafeUrl::parse(p.cta.url.as_str());
            prop_assert_eq!(reparsed, Ok(p.cta.url.clone()));
        }
        let t = c.theme();
        prop_assert!(t.text().contrast(t.background()) >= 4.5);
        prop_assert!(t.primary().contrast(t.background()) >= 4.5);
        prop_assert!(t.on_primary().contrast(t.primary()) >= 4.5);
        let m = c.modules();
        prop_assert!(m.contains(Module::Gate) && m.contains(Module::Context));
        prop_assert!(m.contains(Module::SuicideAsq) || m.contains(Module::SuicideCssrs));
        for module in m.iter().filter(|m| m.is_licensed()) {
            prop_assert!(c.module_permissions().iter().any(|p| p.module == module));
        }
    }
}
