//! "Check my hosting": the page fetches the bundle's own files from the server it was
//! loaded from and reads the headers that decide whether the self-check can start. Each
//! finding is one line; a problem comes with its fix and the recipe line that adds it
//! (the recipes are `hosting/` in the release; the end-to-end suite holds every line quoted
//! here to be in them).
//!
//! These are the only requests the set-up page makes after it has loaded, and they go only
//! to the folder the page itself came from.

use gloo::net::http::Request;
use web_sys::RequestCache;

/// How one finding turned out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Works, but could be better (caching).
    Warn,
    /// The self-check will not work for visitors until this is fixed.
    Fail,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub status: Status,
    /// One line: what was found.
    pub line: String,
    /// What to do, in words (problems only).
    pub fix: Option<&'static str>,
    /// The recipe lines that do it: nginx, Apache, Caddy.
    pub recipe: Option<[&'static str; 3]>,
}

pub const FIX_WASM: [&str; 3] = [
    "default_type application/wasm;",
    "AddType application/wasm .wasm",
    "header @carestep_wasm Content-Type \"application/wasm\"",
];
pub const FIX_CORS: [&str; 3] = [
    "add_header Access-Control-Allow-Origin \"*\";",
    "Header set Access-Control-Allow-Origin \"*\"",
    "Access-Control-Allow-Origin \"*\"",
];
pub const FIX_CACHE: [&str; 3] = [
    "add_header Cache-Control \"public, max-age=31536000, immutable\";",
    "Header set Cache-Control \"public, max-age=31536000, immutable\"",
    "Cache-Control \"public, max-age=31536000, immutable\"",
];

/// The bundle's files the check reads, relative to `setup.html`.
const WASM: &str = "carestep-widget_bg.wasm";
const JS: &str = "carestep-widget.js";
const FRAME: &str = "embed/frame.html";

struct Seen {
    status: u16,
    content_type: String,
    cors: Option<String>,
    cache: Option<String>,
    csp: Option<String>,
    frame_options: Option<String>,
}

async fn head_of(file: &str) -> Result<Seen, String> {
    let response = Request::get(file)
        .cache(RequestCache::NoStore)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let headers = response.headers();
    Ok(Seen {
        status: response.status(),
        content_type: headers.get("content-type").unwrap_or_default(),
        cors: headers.get("access-control-allow-origin"),
        cache: headers.get("cache-control"),
        csp: headers.get("content-security-policy"),
        frame_options: headers.get("x-frame-options"),
    })
}

/// Runs every check, in the order a visitor's browser meets the files.
pub async fn check() -> Vec<Finding> {
    let mut findings = Vec::new();
    let (wasm, js, frame) = (head_of(WASM).await, head_of(JS).await, head_of(FRAME).await);
    for (file, seen) in [(WASM, &wasm), (JS, &js), (FRAME, &frame)] {
        match seen {
            Err(error) => findings.push(fail(
                ["Could not fetch ", file, ": ", error].concat(),
                "Upload the whole folder from the zip, unchanged, and open setup.html from it.",
                None,
            )),
            Ok(seen) if seen.status != 200 => findings.push(fail(
                [
                    file,
                    " answered HTTP ",
                    &seen.status.to_string(),
                    " instead of 200",
                ]
                .concat(),
                "Upload the whole folder from the zip, unchanged, and open setup.html from it.",
                None,
            )),
            Ok(_) => {}
        }
    }
    if !findings.is_empty() {
        return findings;
    }
    let (Ok(wasm), Ok(js), Ok(frame)) = (wasm, js, frame) else {
        return findings;
    };
    findings.push(wasm_type(&wasm.content_type));
    findings.push(cors(&wasm, &js));
    findings.push(caching(wasm.cache.as_deref()));
    findings.push(csp(frame.csp.as_deref(), frame.frame_options.as_deref()));
    findings
}

fn ok(line: String) -> Finding {
    Finding {
        status: Status::Ok,
        line,
        fix: None,
        recipe: None,
    }
}

fn fail(line: String, fix: &'static str, recipe: Option<[&'static str; 3]>) -> Finding {
    Finding {
        status: Status::Fail,
        line,
        fix: Some(fix),
        recipe,
    }
}

fn wasm_type(content_type: &str) -> Finding {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if essence.eq_ignore_ascii_case("application/wasm") {
        ok("The .wasm file is sent with Content-Type: application/wasm.".into())
    } else {
        let shown = if essence.is_empty() {
            "no Content-Type header at all".to_owned()
        } else {
            ["Content-Type: ", essence].concat()
        };
        fail(
            [
                "The .wasm file is sent with ",
                &shown,
                ", not Content-Type: application/wasm: browsers refuse to start it.",
            ]
            .concat(),
            "Send .wasm files with the header Content-Type: application/wasm.",
            Some(FIX_WASM),
        )
    }
}

fn cors(wasm: &Seen, js: &Seen) -> Finding {
    let allowed = |seen: &Seen| seen.cors.as_deref().map(str::trim) == Some("*");
    if allowed(wasm) && allowed(js) {
        ok(
            "Access-Control-Allow-Origin: * is sent, so the sandboxed iframe can load the widget."
                .into(),
        )
    } else {
        let missing = match (allowed(wasm), allowed(js)) {
            (false, false) => "the .wasm and .js files",
            (false, true) => "the .wasm file",
            _ => "the .js file",
        };
        fail(
            ["The header Access-Control-Allow-Origin: * is missing on ", missing,
             ": the sandboxed iframe cannot load the widget, and visitors keep only your placeholder."].concat(),
            "Send Access-Control-Allow-Origin: * on the folder's files (they are public and hold no visitor data).",
            Some(FIX_CORS),
        )
    }
}

fn caching(cache: Option<&str>) -> Finding {
    let value = cache.unwrap_or_default().to_ascii_lowercase();
    let max_age = value
        .split(',')
        .filter_map(|d| d.trim().strip_prefix("max-age="))
        .find_map(|n| n.trim().parse::<u64>().ok());
    let long = max_age.is_some_and(|s| s >= 86_400)
        && !value.contains("no-store")
        && !value.contains("no-cache");
    if long {
        ok(["Caching: ", cache.unwrap_or_default(), "."].concat())
    } else {
        let shown = cache
            .map(|c| ["Cache-Control: ", c].concat())
            .unwrap_or("no Cache-Control header".to_owned());
        Finding {
            status: Status::Warn,
            line: ["Caching: ", &shown, ". Visitors download the widget again on every visit."].concat(),
            fix: Some("The folder's name carries its version and its files never change, so they can be cached for a year."),
            recipe: Some(FIX_CACHE),
        }
    }
}

/// Whether a Content-Security-Policy sent with the frame page would stop the widget.
fn csp(policy: Option<&str>, frame_options: Option<&str>) -> Finding {
    if let Some(xfo) = frame_options {
        if xfo.trim().eq_ignore_ascii_case("deny") {
            return fail(
                "embed/frame.html is sent with X-Frame-Options: DENY: no page can show the self-check.".into(),
                "Remove X-Frame-Options for the CareStep folder (the recipes send none).",
                None,
            );
        }
    }
    let Some(policy) = policy else {
        return ok(
            "No Content-Security-Policy header on the frame page; its own <meta> policy applies."
                .into(),
        );
    };
    let mut blocked = Vec::new();
    for (directive, needs) in [
        ("script-src", ["'self'", "'wasm-unsafe-eval'"].as_slice()),
        ("style-src", ["'self'"].as_slice()),
        ("connect-src", ["'self'"].as_slice()),
    ] {
        let Some(sources) = sources(policy, directive) else {
            continue;
        };
        for need in needs {
            let unsafe_eval = *need == "'wasm-unsafe-eval'" && sources.contains(&"'unsafe-eval'");
            if !sources.contains(need) && !unsafe_eval && !sources.contains(&"*") {
                blocked.push([directive, " lacks ", need].concat());
            }
        }
    }
    if blocked.is_empty() {
        ok("The Content-Security-Policy header on the frame page lets the widget run.".into())
    } else {
        fail(
            [
                "The Content-Security-Policy header on embed/frame.html would block the widget: ",
                &blocked.join("; "),
                ".",
            ]
            .concat(),
            "Send the recipe's policy for the folder's pages instead of your site's.",
            None,
        )
    }
}

/// The sources of `directive`, falling back to `default-src` as browsers do; `None` when
/// neither is given (then nothing is restricted).
fn sources<'a>(policy: &'a str, directive: &str) -> Option<Vec<&'a str>> {
    let find = |name: &str| {
        policy.split(';').find_map(|d| {
            let mut words = d.split_whitespace();
            (words.next()?.eq_ignore_ascii_case(name)).then(|| words.collect::<Vec<_>>())
        })
    };
    find(directive).or_else(|| find("default-src"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recipes_policy_passes_and_a_site_policy_without_wasm_fails() {
        let recipe = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' data:";
        assert_eq!(csp(Some(recipe), None).status, Status::Ok);
        let site = "default-src 'self'";
        let finding = csp(Some(site), None);
        assert_eq!(finding.status, Status::Fail);
        assert!(
            finding.line.contains("script-src lacks 'wasm-unsafe-eval'"),
            "{}",
            finding.line
        );
        assert_eq!(csp(None, Some("DENY")).status, Status::Fail);
    }

    #[test]
    fn wasm_type_and_caching_verdicts() {
        assert_eq!(wasm_type("application/wasm").status, Status::Ok);
        let wrong = wasm_type("application/octet-stream");
        assert!(
            wrong.line.contains(
                "Content-Type: application/octet-stream, not Content-Type: application/wasm"
            ),
            "{}",
            wrong.line
        );
        assert_eq!(
            caching(Some("public, max-age=31536000, immutable")).status,
            Status::Ok
        );
        assert_eq!(caching(Some("no-store")).status, Status::Warn);
        assert_eq!(caching(None).status, Status::Warn);
    }
}
