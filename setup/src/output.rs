//! What the admin takes away: the configuration file, the iframe and inline snippets (with
//! the base URL they typed and this version's Subresource Integrity hashes) and the
//! Content-Security-Policy sources their page needs. Each piece has a Copy button.

use carestep_config::ClinicConfig;
use carestep_engine::Level;
use serde_json::Value;

/// This release's version (the set-up page ships in the same release as the widget).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// What the release build wrote into `setup.html`: the loaders' SRI hashes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Release {
    pub sri_embed: String,
    pub sri_inline: String,
}

impl Release {
    /// Reads `<meta name="carestep-sri-embed" content="sha384-…">` and its inline twin.
    pub fn from_page() -> Release {
        let read = |name: &str| {
            web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| {
                    d.query_selector(&["meta[name=\"", name, "\"]"].concat())
                        .ok()
                        .flatten()
                })
                .and_then(|m| m.get_attribute("content"))
                .filter(|v| v.starts_with("sha384-"))
                .unwrap_or_default()
        };
        Release {
            sri_embed: read("carestep-sri-embed"),
            sri_inline: read("carestep-sri-inline"),
        }
    }
}

/// The configuration on one line, for the snippet: an editor's automatic paragraphs
/// cannot land inside it. The `$schema` line is for editors of the file, not the page.
pub fn one_line(config: &str) -> String {
    match serde_json::from_str::<Value>(config) {
        Ok(Value::Object(mut map)) => {
            map.shift_remove("$schema");
            Value::Object(map).to_string()
        }
        Ok(other) => other.to_string(),
        Err(_) => config.to_owned(),
    }
}

/// `text` safe inside HTML text and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The base URL with exactly one trailing slash.
pub fn normalise_base(base: &str) -> String {
    let base = base.trim();
    if base.ends_with('/') {
        base.to_owned()
    } else {
        [base, "/"].concat()
    }
}

/// What is wrong with the base URL the admin typed, if anything: the snippets need the
/// folder's full address, and an `http:` loader is blocked on an `https:` page.
pub fn base_problem(base: &str) -> Option<&'static str> {
    let base = base.trim();
    let local = |rest: &str| {
        let host = rest.split(['/', ':']).next().unwrap_or_default();
        matches!(host, "localhost" | "127.0.0.1" | "[::1]")
    };
    match (base.strip_prefix("https://"), base.strip_prefix("http://")) {
        (Some(rest), _) if !rest.is_empty() && !rest.starts_with('/') => None,
        (_, Some(rest)) if local(rest) => None,
        (_, Some(_)) => Some("Use the https:// address: browsers block an http:// script on an https:// page."),
        _ => Some("Give the folder's full address, starting with https://, e.g. https://clinic.example/carestep-0.1.0/."),
    }
}

/// The origin (`https://clinic.example`) of a base URL, for the CSP lines.
pub fn origin(base: &str) -> String {
    let Some((scheme, rest)) = base.split_once("://") else {
        return "'self'".to_owned();
    };
    let host = rest.split('/').next().unwrap_or_default();
    [scheme, "://", host].concat()
}

/// The placeholder: what visitors see until the self-check is ready, and if it cannot
/// start. It holds the crisis numbers and the clinic's phone, written by the page from the
/// validated configuration (never the admin's raw text).
fn placeholder(config: Option<&ClinicConfig>) -> String {
    let mut lines = String::from("  <p>In crisis? ");
    match config {
        Some(c) if !c.crisis().uses_us_numbers() => {}
        _ => lines.push_str(
            "Call or text <a href=\"tel:988\">988</a> · Call <a href=\"tel:911\">911</a>. ",
        ),
    }
    if let Some(config) = config {
        for line in config.crisis().lines() {
            if let Some(phone) = &line.phone {
                let intro = [escape_html(&line.label).as_str(), ": "].concat();
                lines.push_str(&call(&intro, phone, ". "));
            }
        }
        if let Some(clinic) = config.clinic() {
            if let Some(phone) = &clinic.phone {
                let intro = ["To talk to ", &escape_html(&clinic.name), ", call "].concat();
                lines.push_str(&call(&intro, phone, "."));
            }
        }
    }
    let trimmed = lines.trim_end().to_owned();
    ["<div data-carestep>\n", &trimmed, "</p>\n</div>\n"].concat()
}

/// `{intro}<a href="tel:…">(555) 014-2000</a>{end}`; `intro` is already HTML.
fn call(intro: &str, phone: &carestep_config::Phone, end: &str) -> String {
    [
        intro,
        "<a href=\"",
        phone.tel_url().as_str(),
        "\">",
        &escape_html(phone.display()),
        "</a>",
        end,
    ]
    .concat()
}

/// Which way the self-check goes on the clinic's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The recommended one: a sandboxed iframe.
    Iframe,
    /// Shadow DOM in the page: less private, for sites that cannot show an iframe.
    Inline,
}

/// The snippet for `mode`: the placeholder, the configuration on one line, and the loader
/// with this release's Subresource Integrity hash.
pub fn snippet(
    mode: Mode,
    config_text: &str,
    config: Option<&ClinicConfig>,
    base: &str,
    sri: &str,
) -> String {
    let base = escape_html(&normalise_base(base));
    let (what, before_src, loader, after_sri) = match mode {
        Mode::Iframe => (
            " self-check (sandboxed iframe) -->\n",
            "</script>\n<script src=\"",
            "embed/carestep-embed.js",
            "\" crossorigin=\"anonymous\" defer></script>\n",
        ),
        Mode::Inline => (
            " self-check (inline; scripts on this page can read the answers) -->\n",
            "</script>\n<script type=\"module\" src=\"",
            "embed/carestep-inline.js",
            "\" crossorigin=\"anonymous\"></script>\n",
        ),
    };
    [
        "<!-- CareStep ",
        VERSION,
        what,
        &placeholder(config),
        "<script type=\"application/json\" id=\"carestep-config\">",
        &escape_script(&one_line(config_text)),
        before_src,
        &base,
        loader,
        "\" integrity=\"",
        sri,
        after_sri,
    ]
    .concat()
}

/// Configuration text inside `<script>`: `</` would end the element early, so it is
/// written `<\/` (the same string to a JSON reader).
fn escape_script(json: &str) -> String {
    json.replace("</", "<\\/")
}

/// The sources the clinic's own page must allow, for each mode.
pub fn csp_lines(base: &str) -> String {
    let origin = origin(&normalise_base(base));
    [
        "# Sandboxed iframe: add to your page's Content-Security-Policy\n",
        "script-src ",
        &origin,
        "; frame-src ",
        &origin,
        ";\n\n# Inline mode instead:\n",
        "script-src ",
        &origin,
        " 'wasm-unsafe-eval'; style-src ",
        &origin,
        "; connect-src ",
        &origin,
        ";\n",
    ]
    .concat()
}

/// The level a program's preview button shows.
pub fn level_short(level: Level) -> &'static str {
    match level {
        Level::SelfCare => "Self-care",
        Level::Outpatient => "Outpatient",
        Level::Iop => "IOP",
        Level::Php => "Day program (PHP)",
        Level::Inpatient => "Inpatient",
        Level::CrisisNow => "Crisis",
        Level::OutOfScope => "Under 18",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_carries_the_configuration_on_one_line_and_the_phone_in_the_placeholder() {
        let text =
            "{\n  \"$schema\": \"x.json\",\n  \"clinic\": {\"name\": \"A & B <Care>\", \"phone\": \"(555) 014-2000\"}\n}";
        let config = ClinicConfig::from_json(text).unwrap();
        let snippet = snippet(
            Mode::Iframe,
            text,
            Some(&config),
            "https://c.example/carestep-1.0.0",
            "sha384-x",
        );
        assert!(snippet.contains(r#"<script type="application/json" id="carestep-config">{"clinic":{"name":"A & B <Care>","phone":"(555) 014-2000"}}</script>"#), "{snippet}");
        assert!(
            snippet.contains("To talk to A &amp; B &lt;Care&gt;, call <a href=\"tel:"),
            "{snippet}"
        );
        assert!(snippet.contains("src=\"https://c.example/carestep-1.0.0/embed/carestep-embed.js\" integrity=\"sha384-x\""));
        assert!(snippet.contains("<a href=\"tel:988\">988</a>"));
    }

    #[test]
    fn a_closing_script_tag_in_the_configuration_cannot_end_the_block() {
        let text = r#"{"clinic": {"name": "</script><script>alert(1)</script>"}}"#;
        let snippet = snippet(Mode::Inline, text, None, "https://c.example/x/", "sha384-y");
        assert_eq!(snippet.matches("</script>").count(), 2, "{snippet}");
    }

    #[test]
    fn the_base_url_must_be_a_full_https_address() {
        assert_eq!(base_problem("https://c.example/carestep-1.0.0/"), None);
        assert_eq!(base_problem("http://127.0.0.1:8080/"), None);
        assert!(base_problem("www.c.example/carestep-1.0.0")
            .unwrap()
            .contains("full address"));
        assert!(base_problem("http://c.example/x/")
            .unwrap()
            .contains("https://"));
        assert!(base_problem("https://").is_some());
    }

    #[test]
    fn csp_lines_name_the_bundle_origin() {
        let lines = csp_lines("https://c.example/carestep-1.0.0/");
        assert!(lines.contains("script-src https://c.example; frame-src https://c.example;"));
        assert!(lines.contains("'wasm-unsafe-eval'"));
    }
}
