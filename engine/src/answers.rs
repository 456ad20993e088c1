//! A person's answers, and the `carestep score` input format `{"answers": {ID: VALUE}}`.
//!
//! [`Answers::from_json`] is the one gate every outside answer set passes
//! through (the command-line tool, tests, a saved copy): it rejects anything
//! that is not exactly the input contract (item ids, their codes, `"declined"`,
//! whole numbers only: README.md, "The command-line tool") with one clear line ([`InputError`]), and never panics.
//!
//! serde_json accepts duplicate keys silently (the last one wins), which would
//! let `{"phq9.9": 3, "phq9.9": 0}` hide an answer, so objects are read as
//! lists of members and the keys checked here. Values are kept as raw JSON
//! text ([`RawValue`]) and numbers are judged on their exact decimal text:
//! serde_json would round them to an f64 first (`1.0000000000000001` → 1,
//! `1e-400` → 0), hiding a fractional value.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

use crate::ids::ItemId;
use crate::questionnaire::{item, AnswerKind};

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Response {
    /// The item's numeric code, or the count for count items (`nida_sq.1`).
    /// A count has no upper limit (the input contract); one above `u64::MAX` is
    /// stored as `u64::MAX` (saturated), which is harmless because scoring
    /// only asks whether the count is at least 1.
    Value(u64),
    /// The person was asked and chose not to answer ("Skip this question").
    Declined,
}

impl Response {
    /// The value, if this is not a declined answer.
    pub fn value(self) -> Option<u64> {
        match self {
            Response::Value(v) => Some(v),
            Response::Declined => None,
        }
    }
}

impl Serialize for Response {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Response::Value(v) => s.serialize_u64(*v),
            Response::Declined => s.serialize_str("declined"),
        }
    }
}

/// The answers given so far: at most one [`Response`] per item. An absent
/// item was not asked.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Answers {
    slots: [Option<Response>; ItemId::COUNT],
}

impl Default for Answers {
    fn default() -> Self {
        Answers::new()
    }
}

impl fmt::Debug for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.iter().map(|(id, r)| (id.as_str(), r)))
            .finish()
    }
}

impl Answers {
    pub fn new() -> Self {
        Answers {
            slots: [None; ItemId::COUNT],
        }
    }

    pub fn get(&self, id: ItemId) -> Option<Response> {
        self.slots[id.index()]
    }

    /// The value of an item, `None` when it is absent or declined.
    pub fn value(&self, id: ItemId) -> Option<u64> {
        self.get(id).and_then(Response::value)
    }

    /// Records an answer after checking the code against the item's options.
    pub fn set(&mut self, id: ItemId, r: Response) -> Result<(), InputError> {
        if let Response::Value(v) = r {
            check_code(id, v)?;
        }
        self.slots[id.index()] = Some(r);
        Ok(())
    }

    pub fn remove(&mut self, id: ItemId) {
        self.slots[id.index()] = None;
    }

    /// Whether no item has an answer.
    pub fn is_empty(&self) -> bool {
        self.slots.iter().all(Option::is_none)
    }

    /// The answered items in administration order.
    pub fn iter(&self) -> impl Iterator<Item = (ItemId, Response)> + '_ {
        ItemId::ALL
            .iter()
            .zip(self.slots.iter())
            .filter_map(|(&id, r)| r.map(|r| (id, r)))
    }

    /// Parses the `carestep score` input `{"answers": {"phq9.1": 2, "asq.1": "declined", ...}}`
    /// with every check of the input contract. `null` means "not asked". A
    /// `nida_sq.1` count above `u64::MAX` is accepted and stored as
    /// `u64::MAX` (see [`Response::Value`]).
    pub fn from_json(text: &str) -> Result<Answers, InputError> {
        // Syntax first, so a truncated file is always reported as such (with
        // its position) and never as whichever content error comes first.
        if let Err(e) = serde_json::from_str::<IgnoredAny>(text) {
            return Err(syntax_error(&e));
        }
        Answers::from_checked_json(text)
    }

    /// The same format as [`Answers::from_json`], pretty-printed, items in
    /// administration order.
    pub fn to_json(&self) -> String {
        let mut out = String::from("{\n  \"answers\": {");
        let mut first = true;
        for (id, r) in self.iter() {
            out.push_str(if first { "\n" } else { ",\n" });
            first = false;
            let v = match r {
                Response::Value(v) => v.to_string(),
                Response::Declined => "\"declined\"".to_string(),
            };
            out.push_str(&format!("    \"{}\": {}", id.as_str(), v));
        }
        out.push_str(if first { "}\n}\n" } else { "\n  }\n}\n" });
        out
    }
}

impl Serialize for Answers {
    /// The inner object of the `carestep score` input (`{"phq9.1": 2, ...}`).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter().map(|(id, r)| (id.as_str(), r)))
    }
}

/// Why an answer set was rejected. `Display` is one line naming the problem
/// and the item id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not JSON (1-based line and column from the parser).
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// The top-level value is not an object.
    NotAnObject { found: String },
    /// The top-level object has no `answers` key.
    MissingAnswers,
    /// A top-level key other than `answers`.
    UnexpectedKey { key: String },
    /// The same key twice (`in_answers` tells whether inside `answers`).
    DuplicateKey { key: String, in_answers: bool },
    /// `answers` is not an object.
    AnswersNotObject { found: String },
    /// A key in `answers` that is not an item id.
    UnknownId { id: String },
    /// A value that is not a number, `"declined"` or `null`.
    WrongType { id: ItemId, found: String },
    /// A number whose exact value is not an integer (`2.5`, `1e-400`,
    /// `1.0000000000000001`). Number `value`s in these errors are the number
    /// as typed (shortened if long).
    NotWhole { id: ItemId, value: String },
    /// A negative count.
    Negative { id: ItemId, value: String },
    /// A code that is not one of the item's options.
    OutOfRange { id: ItemId, value: String },
}

impl std::error::Error for InputError {}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "input is not valid JSON: {message} at line {line}, column {column}"
            ),
            InputError::NotAnObject { found } => write!(
                f,
                "input must be a JSON object {{\"answers\": {{...}}}}, found {found}"
            ),
            InputError::MissingAnswers => {
                write!(
                    f,
                    "input has no \"answers\" object (expected {{\"answers\": {{...}}}})"
                )
            }
            InputError::UnexpectedKey { key } => write!(
                f,
                "unexpected top-level key {} (the only allowed key is \"answers\")",
                quoted(key)
            ),
            InputError::DuplicateKey { key, in_answers } => {
                if *in_answers {
                    write!(f, "duplicate item id {} in \"answers\"", quoted(key))
                } else {
                    write!(f, "duplicate top-level key {}", quoted(key))
                }
            }
            InputError::AnswersNotObject { found } => write!(
                f,
                "\"answers\" must be an object mapping item ids to answers, found {found}"
            ),
            InputError::UnknownId { id } => write!(f, "unknown item id {}", quoted(id)),
            InputError::WrongType { id, found } => {
                write!(f, "{id}: expected {}, found {found}", expected(*id))
            }
            InputError::NotWhole { id, value } => {
                write!(
                    f,
                    "{id}: {value} is not a whole number; expected {}",
                    expected(*id)
                )
            }
            InputError::Negative { id, value } => {
                write!(f, "{id}: {value} is negative; expected {}", expected(*id))
            }
            InputError::OutOfRange { id, value } => {
                write!(
                    f,
                    "{id}: {value} is not an allowed code; expected {}",
                    expected(*id)
                )
            }
        }
    }
}

/// What a valid value for the item looks like, e.g. `one of 0, 1, 2, 3 or "declined"`.
fn expected(id: ItemId) -> String {
    match item(id).answer {
        AnswerKind::Choices(cs) => {
            let mut codes: Vec<u8> = cs.iter().map(|c| c.code).collect();
            codes.sort_unstable();
            let list: Vec<String> = codes.iter().map(u8::to_string).collect();
            format!("one of {} or \"declined\"", list.join(", "))
        }
        AnswerKind::Count => "a whole number of times (0 or more) or \"declined\"".to_string(),
    }
}

/// A user-supplied string quoted and escaped onto one line, shortened if long.
fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        let head: String = s.chars().take(MAX).collect();
        let q = format!("{head:?}");
        // Drop only the closing quote, then mark the cut inside the quotes.
        format!("{}…\"", q.strip_suffix('"').unwrap_or(&q))
    } else {
        format!("{s:?}")
    }
}

fn check_code(id: ItemId, v: u64) -> Result<(), InputError> {
    if item(id).answer.accepts(v) {
        Ok(())
    } else {
        Err(InputError::OutOfRange {
            id,
            value: v.to_string(),
        })
    }
}

fn syntax_error(e: &serde_json::Error) -> InputError {
    // serde_json's Display appends " at line L column C"; we state the
    // position ourselves.
    let full = e.to_string();
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    };
    InputError::Syntax {
        line: e.line(),
        column: e.column(),
        message,
    }
}

/// An object's members in document order, values as raw JSON text.
/// Duplicate keys are kept (serde_json's maps would silently keep the last).
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de: 'a, 'a> de::Deserialize<'de> for Members<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Members<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'a>, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(V(std::marker::PhantomData))
    }
}

/// The members of `raw` (a slice of `text`) if it is an object, else `None`.
fn members<'a>(
    raw: &'a RawValue,
    text: &str,
) -> Option<Result<Vec<(String, &'a RawValue)>, InputError>> {
    let slice = raw.get();
    if !slice.starts_with('{') {
        return None;
    }
    // The syntax pass does not decode strings, so a key with a lone
    // surrogate escape (`"\ud800"`) fails only here; report it at its
    // position in the whole input, not in the slice.
    Some(
        serde_json::from_str::<Members>(slice)
            .map(|m| m.0)
            .map_err(|e| {
                let mut err = syntax_error(&e);
                if let InputError::Syntax { line, column, .. } = &mut err {
                    let offset = (slice.as_ptr() as usize).wrapping_sub(text.as_ptr() as usize);
                    if let Some(before) = text.get(..offset) {
                        if *line == 1 {
                            *column += before.len() - before.rfind('\n').map_or(0, |i| i + 1);
                        }
                        *line += before.matches('\n').count();
                    }
                }
                err
            }),
    )
}

/// How a value that has the wrong type is named in an error line.
fn describe(raw: &str) -> String {
    match raw.as_bytes().first() {
        Some(b'n') => "null".to_string(),
        Some(b't') => "the boolean true".to_string(),
        Some(b'f') => "the boolean false".to_string(),
        Some(b'[') => "an array".to_string(),
        Some(b'{') => "an object".to_string(),
        Some(b'"') => match serde_json::from_str::<String>(raw) {
            Ok(s) => format!("the string {}", quoted(&s)),
            Err(_) => "a string".to_string(),
        },
        _ => format!("the number {}", as_typed(raw)),
    }
}

/// A number as the person typed it, shortened if long (like [`quoted`]).
fn as_typed(number: &str) -> String {
    const MAX: usize = 40;
    if number.chars().count() > MAX {
        format!("{}…", number.chars().take(MAX).collect::<String>())
    } else {
        number.to_string()
    }
}

/// The exact value of a JSON number token, decided on its decimal text.
/// serde_json would first round it to an f64, which turns
/// `1.0000000000000001` into 1 and `1e-400` into 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exact {
    /// Not an integer.
    Fraction,
    /// A negative integer (`-0` is zero, not negative).
    Negative,
    /// A non-negative integer; `None` when it exceeds `u64::MAX`.
    Whole(Option<u64>),
}

impl Exact {
    /// `None` when `text` is not a JSON number (`-? int frac? exp?`).
    fn of(text: &str) -> Option<Exact> {
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let (negative, rest) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match rest.split_once(['e', 'E']) {
            Some((m, e)) => (m, Some(e)),
            None => (rest, None),
        };
        let (int, frac) = match mantissa.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (mantissa, None),
        };
        if !digits(int) || frac.is_some_and(|f| !digits(f)) {
            return None;
        }
        let frac = frac.unwrap_or("");
        // The exponent saturates far beyond any length a text can have, so
        // `1e99999999999999999999` needs no big-number arithmetic.
        const CAP: i64 = 1 << 53;
        let exponent = match exponent {
            None => 0,
            Some(e) => {
                let (sign, e) = match e.as_bytes().first() {
                    Some(b'-') => (-1, &e[1..]),
                    Some(b'+') => (1, &e[1..]),
                    _ => (1, e),
                };
                if !digits(e) {
                    return None;
                }
                sign * e
                    .bytes()
                    .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(CAP))
            }
        };
        // value = significant digits × 10^scale, with the significant digits
        // stripped of leading and trailing zeros.
        let all = format!("{int}{frac}");
        let significant = all.trim_start_matches('0').trim_end_matches('0');
        if significant.is_empty() {
            return Some(Exact::Whole(Some(0)));
        }
        let trailing_zeros = all.trim_start_matches('0').len() - significant.len();
        let len = |n: usize| i64::try_from(n).unwrap_or(CAP);
        let scale = exponent - len(frac.len()) + len(trailing_zeros);
        if scale < 0 {
            return Some(Exact::Fraction);
        }
        if negative {
            return Some(Exact::Negative);
        }
        // The significant digits are at least 1, so 10^20 or more (scale
        // ≥ 20) is beyond u64::MAX ≈ 1.8 × 10^19.
        let value = (scale < 20)
            .then(|| {
                let v = significant.bytes().try_fold(0u64, |v, b| {
                    v.checked_mul(10)?.checked_add(u64::from(b - b'0'))
                })?;
                (0..scale).try_fold(v, |v, _| v.checked_mul(10))
            })
            .flatten();
        Some(Exact::Whole(value))
    }
}

/// One answer value: a whole number, `"declined"`, or `null` (not asked).
fn response(id: ItemId, raw: &RawValue) -> Result<Option<Response>, InputError> {
    let text = raw.get();
    match text.as_bytes().first() {
        Some(b'n') => Ok(None),
        Some(b'"') if serde_json::from_str::<String>(text).is_ok_and(|s| s == "declined") => {
            Ok(Some(Response::Declined))
        }
        Some(b'-' | b'0'..=b'9') => number(id, text).map(|v| Some(Response::Value(v))),
        _ => Err(InputError::WrongType {
            id,
            found: describe(text),
        }),
    }
}

/// A number answer, checked on its exact value (the input contract); errors echo
/// the number as typed. A code above every option, however large, is "not
/// an allowed code"; a count above `u64::MAX` is saturated.
fn number(id: ItemId, text: &str) -> Result<u64, InputError> {
    let value = as_typed(text);
    let count = item(id).answer == AnswerKind::Count;
    match Exact::of(text) {
        // Not reachable after the syntax pass; kept total.
        None => Err(InputError::WrongType {
            id,
            found: describe(text),
        }),
        Some(Exact::Fraction) => Err(InputError::NotWhole { id, value }),
        Some(Exact::Negative) if count => Err(InputError::Negative { id, value }),
        // No upper limit on a count: saturate (see `Response::Value`).
        Some(Exact::Whole(None)) if count => Ok(u64::MAX),
        Some(Exact::Whole(Some(v))) if item(id).answer.accepts(v) => Ok(v),
        Some(_) => Err(InputError::OutOfRange { id, value }),
    }
}

impl Answers {
    /// The body of [`Answers::from_json`] after the syntax pass.
    fn from_checked_json(text: &str) -> Result<Answers, InputError> {
        let top: &RawValue = serde_json::from_str(text).map_err(|e| syntax_error(&e))?;
        let top = members(top, text).ok_or_else(|| InputError::NotAnObject {
            found: describe(top.get()),
        })??;
        let mut answers = Answers::new();
        let mut seen_answers = false;
        for (key, value) in top {
            if key != "answers" {
                return Err(InputError::UnexpectedKey { key });
            }
            if std::mem::replace(&mut seen_answers, true) {
                return Err(InputError::DuplicateKey {
                    key,
                    in_answers: false,
                });
            }
            let entries = members(value, text).ok_or_else(|| InputError::AnswersNotObject {
                found: describe(value.get()),
            })??;
            let mut seen = [false; ItemId::COUNT];
            for (key, value) in entries {
                let Some(id) = ItemId::parse(&key) else {
                    return Err(InputError::UnknownId { id: key });
                };
                if std::mem::replace(&mut seen[id.index()], true) {
                    return Err(InputError::DuplicateKey {
                        key,
                        in_answers: true,
                    });
                }
                if let Some(r) = response(id, value)? {
                    answers.slots[id.index()] = Some(r);
                }
            }
        }
        if !seen_answers {
            return Err(InputError::MissingAnswers);
        }
        Ok(answers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_checks_codes() {
        let mut a = Answers::new();
        assert!(a.set(ItemId::Phq9_1, Response::Value(3)).is_ok());
        assert_eq!(
            a.set(ItemId::Phq9_1, Response::Value(4))
                .unwrap_err()
                .to_string(),
            "phq9.1: 4 is not an allowed code; expected one of 0, 1, 2, 3 or \"declined\""
        );
        assert!(a.set(ItemId::Audit9, Response::Value(1)).is_err());
        assert!(a.set(ItemId::Audit9, Response::Value(2)).is_ok());
        assert!(a.set(ItemId::NidaSq1, Response::Value(u64::MAX)).is_ok());
        assert!(a.set(ItemId::Asq1, Response::Declined).is_ok());
        assert_eq!(a.get(ItemId::Phq9_1), Some(Response::Value(3)));
        a.remove(ItemId::Phq9_1);
        assert_eq!(a.get(ItemId::Phq9_1), None);
    }

    #[test]
    fn deep_nesting_never_crashes() {
        // Valid but absurd: skipped without recursion, then rejected.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(
            Answers::from_json(&deep),
            Err(InputError::NotAnObject { .. })
        ));
        let deep = format!("{{\"answers\": {{\"phq9.1\": {}}}}}", "[".repeat(100_000));
        assert!(matches!(
            Answers::from_json(&deep),
            Err(InputError::Syntax { .. })
        ));
    }

    #[test]
    fn long_keys_are_cut_on_one_line() {
        let key = format!("{}\"{}", "x".repeat(39), "y".repeat(100));
        let e = Answers::from_json(&format!("{{\"answers\": {{{key:?}: 1}}}}")).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!("unknown item id \"{}\\\"…\"", "x".repeat(39))
        );
    }

    /// The item's response, or the error line.
    type Parsed = Result<Option<Response>, String>;

    /// Parses `{"answers": {ID: TEXT}}`.
    fn one(id: &str, text: &str) -> Parsed {
        let a = Answers::from_json(&format!(r#"{{"answers": {{"{id}": {text}}}}}"#))
            .map_err(|e| e.to_string())?;
        Ok(a.get(ItemId::parse(id).unwrap()))
    }

    #[test]
    fn wholeness_is_decided_on_the_exact_decimal_text() {
        const PHQ: &str = r#"expected one of 0, 1, 2, 3 or "declined""#;
        const COUNT: &str = r#"expected a whole number of times (0 or more) or "declined""#;
        let v = |x| Ok(Some(Response::Value(x)));
        let err = |id: &str, msg: &str, expected: &str| Err(format!("{id}: {msg}; {expected}"));
        #[rustfmt::skip]
        let table: &[(&str, &str, Parsed)] = &[
            // Whole values, however they are spelled.
            ("phq9.1", "2", v(2)),
            ("phq9.1", "2.0", v(2)),
            ("phq9.1", "2.000", v(2)),
            ("phq9.1", "20e-1", v(2)),
            ("phq9.1", "2E0", v(2)),
            ("phq9.1", "0.2e+1", v(2)),
            ("phq9.1", "-0", v(0)),
            ("phq9.1", "-0.0", v(0)),
            ("phq9.1", "0.0e5", v(0)),
            ("phq9.1", "0e-400", v(0)),
            ("nida_sq.1", "12.0", v(12)),
            ("nida_sq.1", "1e3", v(1000)),
            ("nida_sq.1", "18446744073709551615", v(u64::MAX)),
            // No upper limit on the count (the input contract): stored saturated.
            ("nida_sq.1", "18446744073709551616", v(u64::MAX)),
            ("nida_sq.1", "99999999999999999999", v(u64::MAX)),
            ("nida_sq.1", "1e20", v(u64::MAX)),
            ("nida_sq.1", "1.8446744073709551616e19", v(u64::MAX)),
            ("nida_sq.1", "1e400", v(u64::MAX)),
            ("nida_sq.1", "1e99999999999999999999", v(u64::MAX)),
            // Fractions, including those an f64 would round to a whole number.
            ("phq9.1", "2.5", err("phq9.1", "2.5 is not a whole number", PHQ)),
            ("phq9.1", "2.50", err("phq9.1", "2.50 is not a whole number", PHQ)),
            ("phq9.1", "1.0000000000000001", err("phq9.1", "1.0000000000000001 is not a whole number", PHQ)),
            ("phq9.1", "0.99999999999999999999", err("phq9.1", "0.99999999999999999999 is not a whole number", PHQ)),
            ("phq9.1", "1e-400", err("phq9.1", "1e-400 is not a whole number", PHQ)),
            ("phq9.1", "-0.5", err("phq9.1", "-0.5 is not a whole number", PHQ)),
            ("phq9.1", "25e-1", err("phq9.1", "25e-1 is not a whole number", PHQ)),
            ("nida_sq.1", "1.0000000000000001", err("nida_sq.1", "1.0000000000000001 is not a whole number", COUNT)),
            ("nida_sq.1", "-1e-400", err("nida_sq.1", "-1e-400 is not a whole number", COUNT)),
            // Whole but not allowed: the number is echoed as typed.
            ("phq9.1", "4.0", err("phq9.1", "4.0 is not an allowed code", PHQ)),
            ("phq9.1", "-1E0", err("phq9.1", "-1E0 is not an allowed code", PHQ)),
            ("phq9.1", "99999999999999999999", err("phq9.1", "99999999999999999999 is not an allowed code", PHQ)),
            ("phq9.1", "1e20", err("phq9.1", "1e20 is not an allowed code", PHQ)),
            ("phq9.1", "1e400", err("phq9.1", "1e400 is not an allowed code", PHQ)),
            ("nida_sq.1", "-1e400", err("nida_sq.1", "-1e400 is negative", COUNT)),
            ("nida_sq.1", "-2.0", err("nida_sq.1", "-2.0 is negative", COUNT)),
            ("nida_sq.1", "-30e-1", err("nida_sq.1", "-30e-1 is negative", COUNT)),
        ];
        for (id, text, want) in table {
            assert_eq!(&one(id, text), want, "{id}: {text}");
        }
        // A long number is echoed shortened, on one line.
        let long = format!("1.{}1", "0".repeat(100));
        assert_eq!(
            one("phq9.1", &long),
            err(
                "phq9.1",
                &format!("1.{}… is not a whole number", "0".repeat(38)),
                PHQ
            )
        );
    }

    #[test]
    fn undecodable_keys_are_syntax_errors_at_their_place_in_the_input() {
        for text in [
            r#"{"\ud800": {}}"#,
            r#"{"answers": {"\ud800": 1}}"#,
            "{\"answers\":\n  {\"phq9.1\": 1,\n   \"\\ud800\": 1}}",
            "{\"answers\":\n  {\"\\ud800\": 1}}",
        ] {
            // serde_json's own error for the same input, read in one pass.
            type Nested = std::collections::BTreeMap<String, IgnoredAny>;
            let want = serde_json::from_str::<std::collections::BTreeMap<String, Nested>>(text)
                .unwrap_err();
            assert_eq!(Answers::from_json(text), Err(syntax_error(&want)), "{text}");
        }
    }

    #[test]
    fn json_round_trip() {
        let text =
            r#"{"answers": {"phq9.1": 2, "asq.1": "declined", "nida_sq.1": 12.0, "gad7.1": null}}"#;
        let a = Answers::from_json(text).unwrap();
        assert_eq!(a.get(ItemId::Phq9_1), Some(Response::Value(2)));
        assert_eq!(a.get(ItemId::Asq1), Some(Response::Declined));
        assert_eq!(a.get(ItemId::NidaSq1), Some(Response::Value(12)));
        assert_eq!(a.get(ItemId::Gad7_1), None);
        assert_eq!(Answers::from_json(&a.to_json()).unwrap(), a);
        assert_eq!(
            Answers::from_json(&Answers::new().to_json()).unwrap(),
            Answers::new()
        );
    }
}
