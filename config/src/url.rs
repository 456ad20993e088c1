//! Links and phone numbers from the configuration, checked once so that the
//! widget can put them in `href` without a second thought.
//!
//! A link in the widget is one click away from a distressed visitor. A
//! `javascript:` URL would run the configuration's text as code inside the
//! widget (where the answers live), `data:` can draw a fake page, and `http:`
//! leaks which page the visitor came from to anyone on the network. So only
//! four schemes exist here — `https:` for web pages and `tel:`, `sms:`,
//! `mailto:` for getting in touch — and the only way to hold a URL is a
//! [`SafeUrl`], which can be built only through that check.

use std::fmt;

use super::text::{digits_value, has_byte, last_byte, quote, split_at_byte, trimmed_within};

/// The allowed-values text shown with every URL error.
pub(crate) const ALLOWED_URLS: &str = "https:, tel:, sms:, mailto: URLs";
/// The allowed-values text for the quick-exit URL.
pub(crate) const ALLOWED_HTTPS: &str = "https: URLs";

/// The neutral site the quick exit goes to unless the clinic chooses one.
pub(crate) const DEFAULT_QUICK_EXIT: &str = "https://www.weather.gov/";

/// [`DEFAULT_QUICK_EXIT`] as a [`SafeUrl`]. Built directly because it is a
/// constant; a unit test checks that it passes [`SafeUrl::parse_https`].
pub(crate) fn default_quick_exit() -> SafeUrl {
    SafeUrl(DEFAULT_QUICK_EXIT.to_owned())
}

/// Longest URL accepted; real booking links are far shorter.
const MAX_URL_CHARS: usize = 2000;

/// A URL that passed the check: trimmed, one of the allowed schemes (written
/// in lowercase), no spaces or control characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SafeUrl(String);

/// The scheme of a [`SafeUrl`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlScheme {
    Https,
    Tel,
    Sms,
    Mailto,
}

/// Why a text is not an acceptable URL (the value, quoted, is part of `problem`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlError {
    pub problem: String,
    pub allowed: &'static str,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (allowed: {})", self.problem, self.allowed)
    }
}

impl std::error::Error for UrlError {}

impl SafeUrl {
    /// Accepts an `https:`, `tel:`, `sms:` or `mailto:` URL, after trimming.
    pub fn parse(input: &str) -> Result<SafeUrl, UrlError> {
        check(input, ALLOWED_URLS)
    }

    /// Accepts an `https:` URL only, after trimming (the quick-exit target: it
    /// must replace the page with another web page).
    pub fn parse_https(input: &str) -> Result<SafeUrl, UrlError> {
        let url = check(input, ALLOWED_HTTPS)?;
        if url.scheme() == UrlScheme::Https {
            Ok(url)
        } else {
            Err(UrlError {
                problem: quote(input.trim()) + " is not allowed here: it must be a web page",
                allowed: ALLOWED_HTTPS,
            })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn scheme(&self) -> UrlScheme {
        // Built only by `check`, which lowercases the scheme.
        if self.0.starts_with("https:") {
            UrlScheme::Https
        } else if self.0.starts_with("tel:") {
            UrlScheme::Tel
        } else if self.0.starts_with("sms:") {
            UrlScheme::Sms
        } else {
            UrlScheme::Mailto
        }
    }
}

impl fmt::Display for SafeUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check(input: &str, allowed: &'static str) -> Result<SafeUrl, UrlError> {
    let url =
        trimmed_within(input, MAX_URL_CHARS).map_err(|problem| UrlError { problem, allowed })?;
    let fail = |why: &str| {
        Err(UrlError {
            problem: quote(url) + " " + why,
            allowed,
        })
    };
    if url.chars().any(char::is_control) {
        return fail("contains a control character");
    }
    if url.chars().any(char::is_whitespace) {
        return fail("contains a space (write it as %20)");
    }
    let Some((scheme, rest)) = split_at_byte(url, b':') else {
        return fail("is not a full URL (it needs a scheme such as https://)");
    };
    let scheme_ok = scheme
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok {
        return fail("is not a full URL (it needs a scheme such as https://)");
    }
    let scheme = scheme.to_ascii_lowercase();
    let valid = match scheme.as_str() {
        "https" => check_https(rest),
        "tel" => check_phone_target(rest, false),
        "sms" => check_phone_target(rest, true),
        "mailto" => check_mailto(rest),
        "http" => return fail("is not allowed: use https://"),
        _ => return fail("is not allowed"),
    };
    match valid {
        Ok(()) => Ok(SafeUrl(scheme + ":" + rest)),
        Err(why) => fail(why),
    }
}

fn check_https(rest: &str) -> Result<(), &'static str> {
    let Some(after) = rest.strip_prefix("//") else {
        return Err("is not a valid web address (expected https://host/...)");
    };
    let end = after
        .bytes()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(after.len());
    let authority = &after[..end];
    if has_byte(authority, b'@') {
        return Err("must not contain a user name or password before the host");
    }
    let (host, port) = match last_byte(authority, b':') {
        Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
        None => (authority, None),
    };
    if let Some(port) = port {
        let in_range = (1..=5).contains(&port.len())
            && port.bytes().all(|b| b.is_ascii_digit())
            && digits_value(port) <= 65535;
        if !in_range {
            return Err("has an invalid port");
        }
    }
    let host_ok = !host.is_empty()
        && host
            .chars()
            // Non-ASCII letters are left to the browser's IDNA processing.
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.' || !c.is_ascii())
        && !matches!(host.as_bytes().first(), Some(b'.' | b'-'))
        && !matches!(host.as_bytes().last(), Some(b'.' | b'-'))
        && !host.as_bytes().windows(2).any(|pair| pair == b"..")
        && (has_byte(host, b'.') || host.eq_ignore_ascii_case("localhost"));
    if !host_ok {
        return Err("has no valid host name (expected https://host.example/...)");
    }
    Ok(())
}

/// `tel:` and `sms:` targets: a number with the RFC 3966 visual separators;
/// `sms:` may carry a `?body=` query.
fn check_phone_target(rest: &str, allow_query: bool) -> Result<(), &'static str> {
    let number = match split_at_byte(rest, b'?') {
        Some((number, _)) if allow_query => number,
        Some(_) => return Err("must not have a query (?...)"),
        None => rest,
    };
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let body = number.strip_prefix("+").unwrap_or(number);
    let chars_ok = body
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'.' | b'(' | b')'));
    if !chars_ok || !(MIN_DIGITS..=MAX_DIGITS).contains(&digits) {
        return Err("is not a valid phone number (3 to 15 digits, optionally a leading +, and - . ( ) as separators)");
    }
    Ok(())
}

fn check_mailto(rest: &str) -> Result<(), &'static str> {
    let address = split_at_byte(rest, b'?').map_or(rest, |(address, _)| address);
    match split_at_byte(address, b'@') {
        Some((local, domain))
            if !local.is_empty()
                && !has_byte(domain, b'@')
                && has_byte(domain, b'.')
                && !domain.starts_with(".")
                && !domain.ends_with(".") =>
        {
            Ok(())
        }
        _ => Err("is not a valid e-mail link (expected mailto:name@example.org)"),
    }
}

const MIN_DIGITS: usize = 3;
const MAX_DIGITS: usize = 15;
const MAX_PHONE_CHARS: usize = 30;

/// A phone number as the clinic writes it ("(555) 010-4477"), with the digits
/// the `tel:` and `sms:` links are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone {
    display: String,
    /// An optional leading `+` and 3 to 15 digits.
    dial: String,
}

impl Phone {
    /// Accepts digits, spaces and `+ - . ( )` (a `+` only in front), with 3 to
    /// 15 digits, after trimming. Letters ("1-800-FLOWERS") and extensions are
    /// refused because a `tel:` link cannot dial them reliably.
    pub fn parse(input: &str) -> Result<Phone, String> {
        let display = trimmed_within(input, MAX_PHONE_CHARS)?;
        let body = display.strip_prefix("+").unwrap_or(display);
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        {
            return Err(
                quote(display) + " is not a phone number: use only digits, spaces and + - . ( )"
            );
        }
        let mut digits = String::new();
        for b in body.bytes().filter(u8::is_ascii_digit) {
            digits.push(char::from(b));
        }
        if !(MIN_DIGITS..=MAX_DIGITS).contains(&digits.len()) {
            let unit = if digits.len() == 1 {
                " digit"
            } else {
                " digits"
            };
            return Err(format!(
                "{} is not a phone number: it has {}{unit} (3 to 15 needed)",
                quote(display),
                digits.len()
            ));
        }
        let plus = if display.starts_with("+") { "+" } else { "" };
        Ok(Phone {
            display: display.to_owned(),
            dial: plus.to_owned() + &digits,
        })
    }

    /// The number as the clinic wrote it, for showing.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// The number to dial: an optional `+` and digits only.
    pub fn dial(&self) -> &str {
        &self.dial
    }

    /// `tel:` link that calls this number.
    pub fn tel_url(&self) -> SafeUrl {
        // `dial` is digits with an optional leading '+', a valid tel: target.
        SafeUrl("tel:".to_owned() + &self.dial)
    }

    /// `sms:` link that opens a text message to this number.
    pub fn sms_url(&self) -> SafeUrl {
        SafeUrl("sms:".to_owned() + &self.dial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_four_schemes_and_normalises() {
        let cases = [
            (
                "https://riverbend.example/book?x=1#top",
                "https://riverbend.example/book?x=1#top",
                UrlScheme::Https,
            ),
            (
                "  HTTPS://Riverbend.example  ",
                "https://Riverbend.example",
                UrlScheme::Https,
            ),
            (
                "https://localhost:8080/",
                "https://localhost:8080/",
                UrlScheme::Https,
            ),
            (
                "https://a.example:65535",
                "https://a.example:65535",
                UrlScheme::Https,
            ),
            ("tel:+1-555-010-4477", "tel:+1-555-010-4477", UrlScheme::Tel),
            (
                "sms:741741?body=HOME",
                "sms:741741?body=HOME",
                UrlScheme::Sms,
            ),
            (
                "mailto:intake@riverbend.example?subject=Intake",
                "mailto:intake@riverbend.example?subject=Intake",
                UrlScheme::Mailto,
            ),
        ];
        for (input, stored, scheme) in cases {
            let url = SafeUrl::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!((url.as_str(), url.scheme()), (stored, scheme));
        }
    }

    #[test]
    fn refuses_everything_else_with_a_reason() {
        let cases = [
            ("javascript:alert(1)", "\"javascript:alert(1)\" is not allowed"),
            (" JavaScript:alert(1)", "\"JavaScript:alert(1)\" is not allowed"),
            ("data:text/html,<b>x</b>", "\"data:text/html,<b>x</b>\" is not allowed"),
            ("http://riverbend.example", "\"http://riverbend.example\" is not allowed: use https://"),
            ("/contact", "\"/contact\" is not a full URL (it needs a scheme such as https://)"),
            ("riverbend.example", "\"riverbend.example\" is not a full URL (it needs a scheme such as https://)"),
            ("https://river bend.example", "\"https://river bend.example\" contains a space (write it as %20)"),
            ("https://a.example/\u{7}", "\"https://a.example/\\u0007\" contains a control character"),
            ("https:riverbend.example", "\"https:riverbend.example\" is not a valid web address (expected https://host/...)"),
            ("https://user@evil.example", "\"https://user@evil.example\" must not contain a user name or password before the host"),
            ("https://intranet/", "\"https://intranet/\" has no valid host name (expected https://host.example/...)"),
            ("https://a.example:99999/", "\"https://a.example:99999/\" has an invalid port"),
            ("https://a.example:65536/", "\"https://a.example:65536/\" has an invalid port"),
            ("https://a.example:/", "\"https://a.example:/\" has an invalid port"),
            ("https://a.example:080808/", "\"https://a.example:080808/\" has an invalid port"),
            ("https://a..example/", "\"https://a..example/\" has no valid host name (expected https://host.example/...)"),
            ("mailto:a@b@c.example", "\"mailto:a@b@c.example\" is not a valid e-mail link (expected mailto:name@example.org)"),
            ("mailto:@c.example", "\"mailto:@c.example\" is not a valid e-mail link (expected mailto:name@example.org)"),
            ("tel:call-us", "\"tel:call-us\" is not a valid phone number (3 to 15 digits, optionally a leading +, and - . ( ) as separators)"),
            ("tel:12", "\"tel:12\" is not a valid phone number (3 to 15 digits, optionally a leading +, and - . ( ) as separators)"),
            ("tel:911?x", "\"tel:911?x\" must not have a query (?...)"),
            ("mailto:nobody", "\"mailto:nobody\" is not a valid e-mail link (expected mailto:name@example.org)"),
            ("https://.a.example/", "\"https://.a.example/\" has no valid host name (expected https://host.example/...)"),
            ("https://-a.example/", "\"https://-a.example/\" has no valid host name (expected https://host.example/...)"),
            ("https://a.example./", "\"https://a.example./\" has no valid host name (expected https://host.example/...)"),
            ("https://a.example-/", "\"https://a.example-/\" has no valid host name (expected https://host.example/...)"),
            ("mailto:a@.example", "\"mailto:a@.example\" is not a valid e-mail link (expected mailto:name@example.org)"),
            ("mailto:a@example.", "\"mailto:a@example.\" is not a valid e-mail link (expected mailto:name@example.org)"),
            ("1https://a.example", "\"1https://a.example\" is not a full URL (it needs a scheme such as https://)"),
            ("+tel:911", "\"+tel:911\" is not a full URL (it needs a scheme such as https://)"),
            ("é:x", "\"é:x\" is not a full URL (it needs a scheme such as https://)"),
            ("   ", "is empty"),
        ];
        for (input, problem) in cases {
            let e = SafeUrl::parse(input).unwrap_err();
            assert_eq!(
                (e.problem.as_str(), e.allowed),
                (problem, ALLOWED_URLS),
                "input {input:?}"
            );
        }
    }

    #[test]
    fn the_default_quick_exit_passes_the_check() {
        assert_eq!(
            SafeUrl::parse_https(DEFAULT_QUICK_EXIT),
            Ok(default_quick_exit())
        );
    }

    #[test]
    fn quick_exit_is_https_only() {
        assert!(SafeUrl::parse_https("https://www.weather.gov/").is_ok());
        let e = SafeUrl::parse_https("tel:911").unwrap_err();
        assert_eq!(
            e.problem,
            "\"tel:911\" is not allowed here: it must be a web page"
        );
        assert_eq!(e.allowed, ALLOWED_HTTPS);
        let e = SafeUrl::parse_https("javascript:history.back()").unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"javascript:history.back()\" is not allowed (allowed: https: URLs)"
        );
    }

    #[test]
    fn phone_numbers_keep_the_display_and_dial_the_digits() {
        let p = Phone::parse(" (555) 010-4477 ").unwrap();
        assert_eq!(p.display(), "(555) 010-4477");
        assert_eq!(p.tel_url().as_str(), "tel:5550104477");
        assert_eq!(p.sms_url().as_str(), "sms:5550104477");
        let p = Phone::parse("+44 20 7946 0958").unwrap();
        assert_eq!(p.tel_url().as_str(), "tel:+442079460958");
        // What Phone builds must also pass the URL check.
        assert_eq!(SafeUrl::parse(p.tel_url().as_str()).unwrap(), p.tel_url());
        assert_eq!(Phone::parse("988").unwrap().dial(), "988");
    }

    #[test]
    fn phone_numbers_refused() {
        let cases = [
            (
                "1-800-FLOWERS",
                "\"1-800-FLOWERS\" is not a phone number: use only digits, spaces and + - . ( )",
            ),
            (
                "555 0100 ext 12",
                "\"555 0100 ext 12\" is not a phone number: use only digits, spaces and + - . ( )",
            ),
            (
                "5+5",
                "\"5+5\" is not a phone number: use only digits, spaces and + - . ( )",
            ),
            (
                "12",
                "\"12\" is not a phone number: it has 2 digits (3 to 15 needed)",
            ),
            (
                "7",
                "\"7\" is not a phone number: it has 1 digit (3 to 15 needed)",
            ),
            (
                "1234567890123456",
                "\"1234567890123456\" is not a phone number: it has 16 digits (3 to 15 needed)",
            ),
            ("", "is empty"),
            (
                "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6",
                "is too long (31 characters; at most 30)",
            ),
        ];
        for (input, problem) in cases {
            assert_eq!(Phone::parse(input).unwrap_err(), problem, "input {input:?}");
        }
    }
}
