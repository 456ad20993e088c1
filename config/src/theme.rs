//! The clinic's theme: three colours, a corner radius and a font list.
//!
//! Why so narrow: everything here ends up in CSS. Arbitrary CSS text would let
//! a configuration inject rules (`red; background: url(https://tracker/...)`
//! makes a network request and breaks the no-request promise; `}` escapes the
//! declaration), so each value has a tiny grammar that cannot express anything
//! but itself: colours are `#rgb`/`#rrggbb` only, the radius is a number of
//! `px` or `rem`, and the font list allows only letters, digits, spaces,
//! hyphens, commas and quotes. The widget sets the values as CSS custom
//! properties with `style.setProperty`, never as a `<style>` text.
//!
//! Colours are also held to WCAG 2.2 AA contrast (4.5:1), because the widget
//! is for people reading through distress, on phones, often in sunlight: the
//! text and the primary colour must each stand out from the background.

use std::fmt;

use super::text::{
    digits_value, has_byte, hex, quote, quote_char, split_at_byte, too_many, trimmed_within,
};

pub(crate) const ALLOWED_COLOURS: &str = "#rgb or #rrggbb hex colours, for example #1d5c8c";
pub(crate) const ALLOWED_RADIUS: &str = "a length from 0 to 32px or 0 to 2rem, for example 8px";
pub(crate) const ALLOWED_FONT: &str =
    "font family names separated by commas, using letters, digits, spaces, hyphens and quotes";

/// WCAG 2.2 success criterion 1.4.3 (AA) for normal text.
pub const MIN_CONTRAST: f64 = 4.5;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub const WHITE: Colour = Colour::rgb(0xff, 0xff, 0xff);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Colour {
        Colour { r, g, b }
    }

    /// Accepts `#rgb` or `#rrggbb` (any case), after trimming.
    pub fn parse(input: &str) -> Result<Colour, String> {
        let text = input.trim();
        let colour = text.strip_prefix("#").and_then(parse_hex);
        colour.ok_or_else(|| quote(text) + " is not a colour")
    }

    /// `#rrggbb`, lowercase: the colour as CSS and in messages. (What
    /// `Display` prints; built directly so that the widget and the messages
    /// need no formatter for it.)
    pub fn css(self) -> String {
        let rgb = u32::from_be_bytes([0, self.r, self.g, self.b]);
        "#".to_owned() + &hex(rgb, 6)
    }

    /// WCAG relative luminance (0 = black, 1 = white).
    pub fn luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let s = f64::from(channel) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(self, other: Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (light, dark) = if a >= b { (a, b) } else { (b, a) };
        (light + 0.05) / (dark + 0.05)
    }
}

/// The digits of `#rgb` or `#rrggbb`.
fn parse_hex(hex: &str) -> Option<Colour> {
    // The value of the digit at byte `i`; `None` if it is not a hex digit.
    // (`to_digit` rather than `u8::from_str_radix`, which is larger in the wasm.)
    let digit = |i: usize| {
        let b = *hex.as_bytes().get(i)?;
        char::from(b).to_digit(16).map(|d| d as u8)
    };
    let pair = |i: usize| Some(digit(i)? * 16 + digit(i + 1)?);
    match hex.len() {
        3 => Some(Colour::rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
        6 => Some(Colour::rgb(pair(0)?, pair(2)?, pair(4)?)),
        _ => None,
    }
}

/// `#rrggbb`, lowercase (as [`Colour::css`]).
impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.css())
    }
}

/// A contrast ratio for a message, rounded down to two decimals so that a
/// failing ratio is never shown as "4.50:1". Integer formatting keeps the
/// float formatter out of the wasm.
pub fn ratio_text(ratio: f64) -> String {
    let hundredths = (ratio * 100.0) as u32;
    format!("{}.{:02}:1", hundredths / 100, hundredths % 100)
}

/// A corner radius in `px` or `rem`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Radius(String);

impl Radius {
    pub fn parse(input: &str) -> Result<Radius, String> {
        let text = input.trim();
        let lower = text.to_ascii_lowercase();
        let bad = || quote(text) + " is not a length";
        if lower == "0" {
            return Ok(Radius("0".into()));
        }
        let (number, max_thousandths) = if let Some(n) = lower.strip_suffix("px") {
            (n, 32_000)
        } else if let Some(n) = lower.strip_suffix("rem") {
            (n, 2_000)
        } else {
            return Err(bad());
        };
        let thousandths = parse_decimal(number).ok_or_else(bad)?;
        if thousandths > max_thousandths {
            return Err(quote(text) + " is too large");
        }
        Ok(Radius(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// "12" or "0.75" (at most 3 digits on each side) in thousandths.
fn parse_decimal(number: &str) -> Option<u32> {
    let (whole, fraction) = split_at_byte(number, b'.').unwrap_or((number, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty()
        || whole.len() > 3
        || fraction.len() > 3
        || (has_byte(number, b'.') && fraction.is_empty())
        || !digits_only(whole)
        || !digits_only(fraction)
    {
        return None;
    }
    let whole = digits_value(whole);
    let mut frac = 0;
    for (i, b) in fraction.bytes().enumerate() {
        frac += u32::from(b - b'0') * [100, 10, 1][i];
    }
    Some(whole * 1000 + frac)
}

const MAX_FONT_CHARS: usize = 200;
const MAX_FONT_FAMILIES: usize = 10;

/// A CSS `font-family` list. Only names of fonts already on the visitor's
/// device can be given, so choosing a font never causes a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontStack(String);

impl FontStack {
    pub fn parse(input: &str) -> Result<FontStack, String> {
        let text = trimmed_within(input, MAX_FONT_CHARS)?;
        if let Some(c) = text
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, ' ' | '-' | ',' | '"' | '\'')))
        {
            return Err(quote(text)
                + " contains "
                + &quote_char(c)
                + ", which a font list cannot contain");
        }
        // Commas are counted and split on with plain code: a `char` or closure
        // pattern brings a generic searcher into the wasm (see
        // `text::split_at_byte`).
        let count = text.bytes().filter(|&b| b == b',').count() + 1;
        if count > MAX_FONT_FAMILIES {
            return Err(too_many(count, " fonts", MAX_FONT_FAMILIES));
        }
        let mut stack = String::new();
        let mut rest = Some(text);
        while let Some(list) = rest {
            let (family, after) = match split_at_byte(list, b',') {
                Some((family, after)) => (family, Some(after)),
                None => (list, None),
            };
            rest = after;
            let family = family.trim();
            let quoted = family
                .strip_prefix("\"")
                .and_then(|f| f.strip_suffix("\""))
                .or_else(|| family.strip_prefix("'").and_then(|f| f.strip_suffix("'")));
            let name = quoted.unwrap_or(family);
            if name.trim().is_empty() || has_byte(name, b'"') || has_byte(name, b'\'') {
                return Err(quote(text) + " is not a valid font list (each name between commas must be non-empty, and quoted names need matching quotes)");
            }
            if !stack.is_empty() {
                stack.push_str(", ");
            }
            stack.push_str(family);
        }
        Ok(FontStack(stack))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A validated theme. Build it from the configuration; read it through
/// [`Theme::vars`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub(crate) primary: Colour,
    pub(crate) text: Colour,
    pub(crate) background: Colour,
    pub(crate) radius: Radius,
    pub(crate) font: FontStack,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme {
            // 7.09:1 on white; white on it 7.09:1.
            primary: Colour::rgb(0x1d, 0x5c, 0x8c),
            // 17.22:1 on white.
            text: Colour::rgb(0x1b, 0x1b, 0x1b),
            background: Colour::WHITE,
            radius: Radius("6px".into()),
            font: FontStack(
                "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, sans-serif".into(),
            ),
        }
    }
}

impl Theme {
    pub fn primary(&self) -> Colour {
        self.primary
    }

    pub fn text(&self) -> Colour {
        self.text
    }

    pub fn background(&self) -> Colour {
        self.background
    }

    /// The colour for text on a primary-coloured button: white when it has
    /// enough contrast, otherwise the background colour. The background always
    /// qualifies, because primary-on-background is itself held to 4.5:1 — so
    /// any primary that passes validation gets a readable button label.
    pub fn on_primary(&self) -> Colour {
        if Colour::WHITE.contrast(self.primary) >= MIN_CONTRAST {
            Colour::WHITE
        } else {
            self.background
        }
    }

    pub fn radius(&self) -> &Radius {
        &self.radius
    }

    pub fn font(&self) -> &FontStack {
        &self.font
    }

    /// The colour of error messages and of the error summary's border: the
    /// widget's red (#b42318, 6.5:1 on white) where it keeps 4.5:1 on the
    /// clinic's background, otherwise the clinic's text colour — itself held to
    /// 4.5:1 on the background — so a dark or coloured background never hides
    /// an error. (Errors are never told by colour alone: each message and the
    /// summary carry words.)
    pub fn error(&self) -> Colour {
        const RED: Colour = Colour::rgb(0xb4, 0x23, 0x18);
        if RED.contrast(self.background) >= MIN_CONTRAST {
            RED
        } else {
            self.text
        }
    }

    /// The CSS custom properties the widget sets with `style.setProperty`.
    /// Every value passed one of the narrow grammars above.
    pub fn vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("--cs-primary", self.primary.css()),
            ("--cs-on-primary", self.on_primary().css()),
            ("--cs-text", self.text.css()),
            ("--cs-background", self.background.css()),
            ("--cs-error", self.error().css()),
            ("--cs-radius", self.radius.0.clone()),
            ("--cs-font", self.font.0.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_channel_value_parses_in_both_cases_and_forms() {
        for v in 0..=255u8 {
            let c = Colour::rgb(v, 255 - v, v / 2);
            assert_eq!(Colour::parse(&c.to_string()), Ok(c));
            assert_eq!(Colour::parse(&c.to_string().to_uppercase()), Ok(c));
        }
        for d in 0..16u8 {
            let short = format!("#{d:x}{d:X}{d:x}");
            assert_eq!(
                Colour::parse(&short),
                Ok(Colour::rgb(d * 17, d * 17, d * 17))
            );
        }
    }

    #[test]
    fn colours_parse_in_both_forms() {
        assert_eq!(Colour::parse("#1D5C8C"), Ok(Colour::rgb(0x1d, 0x5c, 0x8c)));
        assert_eq!(Colour::parse(" #fa0 "), Ok(Colour::rgb(0xff, 0xaa, 0x00)));
        assert_eq!(Colour::rgb(0x1d, 0x5c, 0x8c).to_string(), "#1d5c8c");
        assert_eq!(Colour::rgb(0x1d, 0x5c, 0x8c).css(), "#1d5c8c");
        assert_eq!(Colour::rgb(0, 0x0a, 0xff).css(), "#000aff");
        for bad in [
            "red",
            "#12",
            "#1234",
            "#gggggg",
            "1d5c8c",
            "rgb(0,0,0)",
            "#fff;x",
            "#ффф",
            "#éa",
            "#+1f",
            "#1 f",
            "#12345g",
            "",
        ] {
            assert_eq!(
                Colour::parse(bad),
                Err(format!("{} is not a colour", quote(bad.trim()))),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn contrast_matches_known_wcag_values() {
        let black = Colour::rgb(0, 0, 0);
        assert_eq!(ratio_text(black.contrast(Colour::WHITE)), "21.00:1");
        assert_eq!(ratio_text(Colour::WHITE.contrast(Colour::WHITE)), "1.00:1");
        // #777777 on white is the classic near miss (4.478:1).
        let grey = Colour::parse("#777").unwrap();
        assert_eq!(ratio_text(grey.contrast(Colour::WHITE)), "4.47:1");
        assert!(grey.contrast(Colour::WHITE) < MIN_CONTRAST);
        // #767676 is the lightest grey that passes on white (4.54:1).
        let pass = Colour::parse("#767676").unwrap();
        assert_eq!(ratio_text(pass.contrast(Colour::WHITE)), "4.54:1");
        assert!(pass.contrast(Colour::WHITE) >= MIN_CONTRAST);
    }

    #[test]
    fn ratio_text_rounds_down() {
        assert_eq!(ratio_text(4.4999), "4.49:1");
        assert_eq!(ratio_text(12.0), "12.00:1");
    }

    #[test]
    fn radius_accepts_px_and_rem_in_range() {
        for (input, stored) in [
            ("8px", "8px"),
            ("0", "0"),
            (" 0.5REM ", "0.5rem"),
            ("32px", "32px"),
            ("2rem", "2rem"),
            ("1.125rem", "1.125rem"),
            ("007px", "007px"),
        ] {
            assert_eq!(
                Radius::parse(input).map(|r| r.as_str().to_owned()),
                Ok(stored.to_owned())
            );
        }
        for (input, problem) in [
            ("33px", "\"33px\" is too large"),
            ("2.5rem", "\"2.5rem\" is too large"),
            ("8", "\"8\" is not a length"),
            ("8 px", "\"8 px\" is not a length"),
            ("-1px", "\"-1px\" is not a length"),
            ("1.px", "\"1.px\" is not a length"),
            ("8em", "\"8em\" is not a length"),
            ("calc(1px)", "\"calc(1px)\" is not a length"),
            ("1e3px", "\"1e3px\" is not a length"),
            ("1000px", "\"1000px\" is not a length"),
            (".5rem", "\".5rem\" is not a length"),
            ("1.2345rem", "\"1.2345rem\" is not a length"),
        ] {
            assert_eq!(Radius::parse(input), Err(problem.to_owned()), "{input:?}");
        }
    }

    #[test]
    fn font_lists_are_names_only() {
        assert_eq!(
            FontStack::parse(" \"Source Sans 3\",Arial ,  sans-serif")
                .unwrap()
                .as_str(),
            "\"Source Sans 3\", Arial, sans-serif"
        );
        assert_eq!(
            FontStack::parse("Arial; background: url(x)"),
            Err(
                "\"Arial; background: url(x)\" contains ';', which a font list cannot contain"
                    .to_owned()
            )
        );
        assert_eq!(
            FontStack::parse("x}"),
            Err("\"x}\" contains '}', which a font list cannot contain".to_owned())
        );
        let unbalanced = "\"Open Sans, Arial";
        assert_eq!(
            FontStack::parse(unbalanced),
            Err(format!(
                "{} is not a valid font list (each name between commas must be non-empty, and quoted names need matching quotes)",
                quote(unbalanced)
            ))
        );
        assert!(FontStack::parse("Arial,,serif").is_err());
        assert!(FontStack::parse("Arial,").is_err());
        assert!(FontStack::parse(",Arial").is_err());
        assert_eq!(FontStack::parse("a,b , c").unwrap().as_str(), "a, b, c");
        assert!(FontStack::parse("'Open Sans\"").is_err());
        assert!(FontStack::parse(&["a"; 10].join(",")).is_ok());
        assert_eq!(
            FontStack::parse(&["a"; 11].join(",")),
            Err("has 11 fonts (at most 10)".to_owned())
        );
    }

    #[test]
    fn default_theme_passes_its_own_rules_and_puts_white_on_primary() {
        let t = Theme::default();
        assert!(t.text.contrast(t.background) >= MIN_CONTRAST);
        assert!(t.primary.contrast(t.background) >= MIN_CONTRAST);
        assert_eq!(t.on_primary(), Colour::WHITE);
        assert_eq!(FontStack::parse(t.font.as_str()).as_ref(), Ok(&t.font));
    }

    #[test]
    fn on_primary_falls_back_to_the_background_on_dark_themes() {
        let t = Theme {
            primary: Colour::parse("#9fd3ff").unwrap(),
            text: Colour::parse("#f0f0f0").unwrap(),
            background: Colour::parse("#101820").unwrap(),
            ..Theme::default()
        };
        assert!(Colour::WHITE.contrast(t.primary) < MIN_CONTRAST);
        assert_eq!(t.on_primary(), t.background);
        assert!(t.on_primary().contrast(t.primary) >= MIN_CONTRAST);
    }
}
