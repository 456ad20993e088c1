//! A small, strict JSON reader for the clinic configuration.
//!
//! Why not `serde_json::Value`: the configuration is parsed inside the widget's
//! WebAssembly, where every kilobyte is paid by each visitor, and this reader
//! does exactly what the configuration needs and no more:
//! - every syntax error carries a line and column, with a message aimed at a
//!   web admin (trailing commas, comments and single quotes are named as such);
//! - objects keep all their members in order, so a field written twice is
//!   reported instead of silently keeping the last one (`serde_json::Value`
//!   keeps the last);
//! - numbers are kept as their source text: the configuration has no numeric
//!   fields, so no floating-point parsing code is needed;
//! - nesting is limited, so no input can exhaust the stack.
//!
//! It accepts exactly RFC 8259 JSON (plus a leading byte-order mark); the tests
//! compare it with `serde_json` on generated inputs.

use super::text::{last_byte, quote_char};

/// A parsed JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Json {
    Null,
    Bool(bool),
    /// The number's source text, already checked against the JSON grammar.
    Number(String),
    String(String),
    Array(Vec<Json>),
    /// Members in source order, duplicates included.
    Object(Vec<(String, Json)>),
}

impl Json {
    /// How the value is described to an admin in "expected X, found Y".
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "true/false",
            Json::Number(_) => "a number",
            Json::String(_) => "text",
            Json::Array(_) => "a list",
            Json::Object(_) => "an object",
        }
    }
}

/// A JSON syntax error, positioned for a human (1-based line and column,
/// the column counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Deeper nesting than this is refused; the configuration needs four levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// Parses one JSON document (surrounding whitespace allowed, nothing else).
pub(crate) fn parse(text: &str) -> Result<Json, SyntaxError> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    // A byte-order mark is invisible in editors; refusing it would only confuse.
    if text.starts_with("\u{feff}") {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.skip_ws()?;
    let value = p.value()?;
    p.skip_ws()?;
    if p.pos < p.bytes.len() {
        return Err(p.error_here("unexpected text after the end of the JSON value"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

type Parsed<T> = Result<T, SyntaxError>;

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error_at(&self, pos: usize, message: impl Into<String>) -> SyntaxError {
        let (line, column) = line_column(self.text, pos);
        SyntaxError {
            line,
            column,
            message: message.into(),
        }
    }

    fn error_here(&self, message: impl Into<String>) -> SyntaxError {
        self.error_at(self.pos, message)
    }

    /// "unexpected X" for the character at the cursor, or "unexpected end".
    fn unexpected(&self, expected: &str) -> SyntaxError {
        match self
            .text
            .get(self.pos..)
            .and_then(|rest| rest.chars().next())
        {
            None => self.error_here("unexpected end of the text, expected ".to_owned() + expected),
            Some('\'') => self.error_here("text must be in double quotes (\"), not single quotes"),
            Some(c) => self
                .error_here("unexpected ".to_owned() + &quote_char(c) + ", expected " + expected),
        }
    }

    fn skip_ws(&mut self) -> Parsed<()> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(self.error_here("comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self) -> Parsed<Json> {
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Parsed<Json> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_here(
                "unexpected word: expected a value (text must be in double quotes; true, false and null are lowercase)",
            ))
        }
    }

    fn enter(&mut self) -> Parsed<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error_here(format!("nested more than {MAX_DEPTH} levels deep")));
        }
        Ok(())
    }

    fn object(&mut self) -> Parsed<Json> {
        self.enter()?;
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Object(members));
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => {
                    return Err(self.error_here("trailing comma before '}'"));
                }
                _ => return Err(self.unexpected("a field name in double quotes")),
            }
            let key = self.string()?;
            self.skip_ws()?;
            if self.peek() != Some(b':') {
                return Err(self.unexpected("':' after the field name"));
            }
            self.pos += 1;
            self.skip_ws()?;
            let value = self.value()?;
            members.push((key, value));
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws()?;
                }
                Some(b'}') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Object(members));
                }
                _ => return Err(self.unexpected("',' or '}'")),
            }
        }
    }

    fn array(&mut self) -> Parsed<Json> {
        self.enter()?;
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws()?;
        if self.peek() == Some(b']') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(Json::Array(items));
        }
        loop {
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self.error_here("trailing comma before ']'"));
            }
            items.push(self.value()?);
            self.skip_ws()?;
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws()?;
                }
                Some(b']') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.unexpected("',' or ']'")),
            }
        }
    }

    /// A string starting at the cursor's '"'.
    fn string(&mut self) -> Parsed<String> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of ordinary characters in one go. The run stops only
            // at ASCII bytes, so both ends are character boundaries.
            let start = self.pos;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(&self.text[start..self.pos]);
            match self.peek() {
                None => return Err(self.error_at(open, "text is missing its closing double quote")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => {
                    return Err(self.error_here(
                        "line break or control character inside text (write a line break as \\n)",
                    ))
                }
            }
        }
    }

    /// An escape sequence at the cursor's '\\'.
    fn escape(&mut self) -> Parsed<char> {
        let at = self.pos;
        self.pos += 1;
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4(at)?;
                return match unit {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                            return Err(self.error_at(at, "invalid \\u escape: unpaired surrogate"));
                        }
                        self.pos += 2;
                        let low = self.hex4(at)?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.error_at(at, "invalid \\u escape: unpaired surrogate"));
                        }
                        let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.error_at(at, "invalid \\u escape"))
                    }
                    0xDC00..=0xDFFF => {
                        Err(self.error_at(at, "invalid \\u escape: unpaired surrogate"))
                    }
                    _ => {
                        char::from_u32(unit).ok_or_else(|| self.error_at(at, "invalid \\u escape"))
                    }
                };
            }
            _ => {
                return Err(self.error_at(
                    at,
                    "invalid escape: after \\ use one of \" \\ / b f n r t u",
                ))
            }
        };
        self.pos += 1;
        Ok(c)
    }

    fn hex4(&mut self, escape_at: usize) -> Parsed<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b) => (b as char).to_digit(16),
                None => None,
            };
            let Some(digit) = digit else {
                return Err(self.error_at(
                    escape_at,
                    "invalid \\u escape: expected 4 hexadecimal digits",
                ));
            };
            unit = unit * 16 + digit;
            self.pos += 1;
        }
        Ok(unit)
    }

    fn number(&mut self) -> Parsed<Json> {
        let start = self.pos;
        let invalid = |p: &Self| p.error_at(start, "invalid number");
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(invalid(self)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid(self));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(invalid(self));
            }
            self.digits();
        }
        Ok(Json::Number(self.text[start..self.pos].to_owned()))
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    let before = &text[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = last_byte(before, b'\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(members: &[(&str, Json)]) -> Json {
        Json::Object(
            members
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a": [1, -2.5e3, true, false, null], "b": "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"} "#)
            .unwrap();
        let expected = obj(&[
            (
                "a",
                Json::Array(vec![
                    Json::Number("1".into()),
                    Json::Number("-2.5e3".into()),
                    Json::Bool(true),
                    Json::Bool(false),
                    Json::Null,
                ]),
            ),
            ("b", Json::String("x\"\\/\u{8}\u{c}\n\r\té😀".into())),
        ]);
        assert_eq!(v, expected);
    }

    #[test]
    fn keeps_duplicate_members_in_order() {
        let v = parse(r#"{"a": 1, "a": 2}"#).unwrap();
        assert_eq!(
            v,
            obj(&[
                ("a", Json::Number("1".into())),
                ("a", Json::Number("2".into()))
            ])
        );
    }

    #[test]
    fn skips_a_byte_order_mark() {
        assert_eq!(parse("\u{feff}{}").unwrap(), Json::Object(vec![]));
    }

    fn check_error(text: &str, line: usize, column: usize, message: &str) {
        let e = parse(text).unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (line, column, message),
            "input {text:?}"
        );
    }

    #[test]
    fn syntax_errors_have_position_and_plain_message() {
        check_error("", 1, 1, "unexpected end of the text, expected a value");
        check_error("{\n  \"a\": 1,\n}", 3, 1, "trailing comma before '}'");
        check_error("[1,]", 1, 4, "trailing comma before ']'");
        check_error(
            "{\"a\" 1}",
            1,
            6,
            "unexpected '1', expected ':' after the field name",
        );
        check_error(
            "{\"a\": 1 \"b\": 2}",
            1,
            9,
            "unexpected '\"', expected ',' or '}'",
        );
        check_error(
            "{'a': 1}",
            1,
            2,
            "text must be in double quotes (\"), not single quotes",
        );
        check_error("{\"a\": tru}", 1, 7, "unexpected word: expected a value (text must be in double quotes; true, false and null are lowercase)");
        check_error("// hi\n{}", 1, 1, "comments are not allowed in JSON");
        check_error(
            "{} x",
            1,
            4,
            "unexpected text after the end of the JSON value",
        );
        check_error("\"abc", 1, 1, "text is missing its closing double quote");
        check_error(
            "\"a\nb\"",
            1,
            3,
            "line break or control character inside text (write a line break as \\n)",
        );
        check_error(
            "\"\\x\"",
            1,
            2,
            "invalid escape: after \\ use one of \" \\ / b f n r t u",
        );
        check_error(
            "\"\\ud800\"",
            1,
            2,
            "invalid \\u escape: unpaired surrogate",
        );
        check_error(
            "\"\\udc00\"",
            1,
            2,
            "invalid \\u escape: unpaired surrogate",
        );
        check_error(
            "\"\\u12\"",
            1,
            2,
            "invalid \\u escape: expected 4 hexadecimal digits",
        );
        check_error("-", 1, 1, "invalid number");
        check_error("1.", 1, 1, "invalid number");
        check_error("1e+", 1, 1, "invalid number");
        check_error(
            "01",
            1,
            2,
            "unexpected text after the end of the JSON value",
        );
        // Columns count characters, not bytes.
        check_error("{\"é\": x}", 1, 7, "unexpected 'x', expected a value");
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&deep).is_ok());
        let too_deep = "[".repeat(MAX_DEPTH + 1);
        let e = parse(&too_deep).unwrap_err();
        assert_eq!(e.message, "nested more than 64 levels deep");
        let very_deep = "[{\"a\":".repeat(100_000);
        assert!(parse(&very_deep).is_err());
    }

    /// Converts serde_json's tree to ours, for comparison. Numbers are
    /// compared by kind only: we keep the source text, serde_json the value.
    fn from_serde(v: &serde_json::Value) -> Json {
        use serde_json::Value;
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(_) => Json::Number(String::new()),
            Value::String(s) => Json::String(s.clone()),
            Value::Array(a) => Json::Array(a.iter().map(from_serde).collect()),
            Value::Object(o) => {
                Json::Object(o.iter().map(|(k, v)| (k.clone(), from_serde(v))).collect())
            }
        }
    }

    fn blank_numbers(v: Json) -> Json {
        match v {
            Json::Number(_) => Json::Number(String::new()),
            Json::Array(a) => Json::Array(a.into_iter().map(blank_numbers).collect()),
            Json::Object(o) => {
                Json::Object(o.into_iter().map(|(k, v)| (k, blank_numbers(v))).collect())
            }
            other => other,
        }
    }

    /// JSON-ish text: mostly the characters JSON is made of, so that both
    /// valid documents and near misses are common.
    fn jsonish() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let token = prop_oneof![
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just("[".to_owned()),
            Just("]".to_owned()),
            Just(",".to_owned()),
            Just(":".to_owned()),
            Just(" ".to_owned()),
            Just("\n".to_owned()),
            Just("\"a\"".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("\\u00e9".to_owned()),
            Just("\\ud83d\\ude00".to_owned()),
            Just("\\ud800".to_owned()),
            Just("true".to_owned()),
            Just("nul".to_owned()),
            Just("null".to_owned()),
            Just("-0.5e+3".to_owned()),
            Just("01".to_owned()),
            Just("1.".to_owned()),
            Just("é".to_owned()),
            Just("\t".to_owned()),
            Just("\u{1}".to_owned()),
            "[0-9]{1,3}".prop_map(|s| s),
        ];
        proptest::collection::vec(token, 0..24).prop_map(|t| t.concat())
    }

    /// Any JSON document as serde_json writes it (compact or pretty).
    fn any_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            any::<String>().prop_map(Value::String),
        ];
        leaf.prop_recursive(6, 48, 5, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                proptest::collection::vec((any::<String>(), inner), 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// A valid document with one character removed: a near miss.
    fn near_miss() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        (any_value(), any::<proptest::sample::Index>()).prop_map(|(v, at)| {
            let mut text = v.to_string();
            if !text.is_empty() {
                let (i, _) = text
                    .char_indices()
                    .nth(at.index(text.chars().count()))
                    .unwrap_or((0, ' '));
                text.remove(i);
            }
            text
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

        /// On JSON-ish text we accept exactly what serde_json accepts, and read
        /// the same tree (objects without repeated keys: serde_json merges them).
        #[test]
        fn agrees_with_serde_json(text in jsonish()) {
            let ours = parse(&text);
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            // The one intended difference: serde_json refuses numbers beyond
            // f64's range; RFC 8259 allows them, and we never convert numbers.
            proptest::prop_assume!(!theirs.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")));
            proptest::prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: ours {:?}, serde_json {:?}", text, ours, theirs);
            if let (Ok(ours), Ok(theirs)) = (ours, theirs) {
                if !has_repeated_keys(&ours) {
                    proptest::prop_assert_eq!(blank_numbers(ours), from_serde(&theirs));
                }
            }
        }

        /// Every document serde_json writes, we read back to the same tree.
        #[test]
        fn reads_what_serde_json_writes(text in jsonish()) {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) {
                for written in [value.to_string(), serde_json::to_string_pretty(&value).unwrap_or_default()] {
                    proptest::prop_assert_eq!(parse(&written).map(blank_numbers), Ok(from_serde(&value)));
                }
            }
        }

        #[test]
        fn reads_any_document_serde_json_writes(value in any_value()) {
            for written in [value.to_string(), serde_json::to_string_pretty(&value).unwrap_or_default()] {
                proptest::prop_assert_eq!(parse(&written).map(blank_numbers), Ok(from_serde(&value)));
            }
        }

        #[test]
        fn agrees_with_serde_json_on_near_misses(text in near_miss()) {
            let theirs = serde_json::from_str::<serde_json::Value>(&text);
            proptest::prop_assume!(!theirs.as_ref().is_err_and(|e| e.to_string().starts_with("number out of range")));
            proptest::prop_assert_eq!(parse(&text).is_ok(), theirs.is_ok(), "{:?}", text);
        }

        #[test]
        fn never_panics_on_any_text(text in ".*") {
            let _ = parse(&text);
        }
    }

    fn has_repeated_keys(v: &Json) -> bool {
        match v {
            Json::Array(a) => a.iter().any(has_repeated_keys),
            Json::Object(o) => {
                o.iter()
                    .enumerate()
                    .any(|(i, (k, _))| o[..i].iter().any(|(k2, _)| k2 == k))
                    || o.iter().any(|(_, v)| has_repeated_keys(v))
            }
            _ => false,
        }
    }
}
