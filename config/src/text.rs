//! The small text helpers that every part of the configuration check shares:
//! quoting a value for a message, the common message shapes, and byte-level
//! searches and conversions.
//!
//! Most are written out by hand rather than taken from `std` because of the
//! WebAssembly: `{:?}`, `{:x}`, `str::parse` and the generic pattern searchers
//! each link their own code into the widget's bundle (bench/ANALYSIS.md A.1).

/// A value quoted for a message, shortened so the message stays one line.
/// Quotes, backslashes and control characters are escaped as in JSON, so a
/// message never breaks a line or hides a character. (Written out rather than
/// `{:?}`, whose Unicode tables would cost the wasm kilobytes.)
pub(crate) fn quote(value: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from('"');
    for (i, c) in value.chars().enumerate() {
        if i == MAX {
            out.push_str("\"…");
            return out;
        }
        escape_into(&mut out, c, '"');
    }
    out.push('"');
    out
}

/// A character quoted for a message: `';'`.
pub(crate) fn quote_char(c: char) -> String {
    let mut out = String::from('\'');
    escape_into(&mut out, c, '\'');
    out.push('\'');
    out
}

/// Bidirectional overrides and isolates: invisible, and able to make text
/// display in a different order than it is stored ("Trojan Source").
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `input` trimmed, if that is not empty and has at most `max` characters;
/// otherwise the problem: `is empty` or `is too long (…)`. The first check of a
/// URL, a phone number and a font list.
pub(crate) fn trimmed_within(input: &str, max: usize) -> Result<&str, String> {
    let text = input.trim();
    if text.is_empty() {
        return Err("is empty".into());
    }
    let length = text.chars().count();
    if length > max {
        return Err(too_long(length, max));
    }
    Ok(text)
}

/// `is too long (61 characters; at most 60)`.
pub(crate) fn too_long(length: usize, max: usize) -> String {
    format!("is too long ({length} characters; at most {max})")
}

/// `has 13 entries (at most 12)`, for `what` = `" entries"`.
pub(crate) fn too_many(count: usize, what: &str, max: usize) -> String {
    format!("has {count}{what} (at most {max})")
}

fn escape_into(out: &mut String, c: char, quote: char) {
    if c == quote || c == '\\' {
        out.push('\\');
        out.push(c);
    } else if c.is_control() || is_bidi_control(c) {
        out.push_str("\\u");
        out.push_str(&hex(u32::from(c), 4));
    } else {
        out.push(c);
    }
}

// Searching for an ASCII byte, rather than with `split_once(char)`,
// `contains(char)` and `rfind(char)`, keeps the generic pattern searchers out
// of the wasm (about 2 KB). For the same reason prefixes and suffixes in this
// configuration check are written as `&str` (`strip_prefix("+")`, not
// `strip_prefix('+')`) or compared as bytes: the `char`, `[char; N]` and
// closure patterns each link their own code (together about 0.7 KB).

/// `text` split around the first `byte` (ASCII), like `split_once`.
pub(crate) fn split_at_byte(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((&text[..at], &text[at + 1..]))
}

/// Whether `text` contains `byte` (ASCII).
pub(crate) fn has_byte(text: &str, byte: u8) -> bool {
    text.bytes().any(|b| b == byte)
}

/// Where the last `byte` (ASCII) is in `text`, like `rfind`.
pub(crate) fn last_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().rposition(|b| b == byte)
}

/// The value of a run of ASCII digits, which the caller has checked (a few
/// lines instead of `str::parse`, which the wasm would otherwise carry).
/// Saturates rather than overflowing.
pub(crate) fn digits_value(digits: &str) -> u32 {
    digits.bytes().fold(0, |n: u32, b| {
        n.saturating_mul(10)
            .saturating_add(u32::from(b.wrapping_sub(b'0')))
    })
}

/// `value` in lowercase hexadecimal, zero-padded to at least `min_digits`
/// (1 or more), like `format!("{value:0min_digits$x}")`. Written out because the `{:x}`
/// formatters link their own code into the wasm for each integer type.
pub(crate) fn hex(value: u32, min_digits: u32) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::new();
    for place in (0..8).rev() {
        let digit = (value >> (place * 4)) & 0xf;
        if digit != 0 || place < min_digits || !out.is_empty() {
            out.push(char::from(DIGITS[digit as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_matches_the_standard_formatter() {
        // Every code point (what `\u` escapes and `U+` names print), and the
        // whole range of a colour.
        for value in (0..=0x10_ffff).chain([0xff_ffff, u32::MAX]) {
            assert_eq!(hex(value, 4), format!("{value:04x}"));
        }
        for value in 0..=0xff_ffff {
            assert_eq!(hex(value, 6), format!("{value:06x}"));
        }
    }

    #[test]
    fn quoted_values_stay_on_one_line_and_show_hidden_characters() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("line\nbreak\u{202e}"), r#""line\u000abreak\u202e""#);
        assert_eq!(quote(&"x".repeat(61)), format!("\"{}\"…", "x".repeat(60)));
        assert_eq!(quote(&"é".repeat(60)), format!("\"{}\"", "é".repeat(60)));
        assert_eq!(quote_char('\''), r"'\''");
        assert_eq!(quote_char(';'), "';'");
    }
}
