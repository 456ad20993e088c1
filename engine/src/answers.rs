//! A person's answers, and the Part 5 input format `{"answers": {ID: VALUE}}`.
//!
//! [`Answers::from_json`] is the one gate every outside answer set passes
//! through (the command-line tool, tests, a saved copy): it rejects anything
//! that is not exactly the contract of clinical-model.md Part 5 and §5.1
//! item 10 with one clear line ([`InputError`]), and never panics.
//!
//! serde_json accepts duplicate keys silently (the last one wins), which would
//! let `{"phq9.9": 3, "phq9.9": 0}` hide an answer, so the answers object is
//! read with our own visitor that tracks the keys it has seen.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserializer, Serialize, Serializer};

use crate::ids::ItemId;
use crate::questionnaire::{item, AnswerKind};

/// The answer to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Response {
    /// The item's numeric code, or the count for count items (`nida_sq.1`).
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

    /// Parses the Part 5 input `{"answers": {"phq9.1": 2, "asq.1": "declined", ...}}`
    /// with every check of §5.1 item 10. `null` means "not asked".
    pub fn from_json(text: &str) -> Result<Answers, InputError> {
        // Syntax first, so a truncated file is always reported as such (with
        // its position) and never as whichever content error comes first.
        if let Err(e) = serde_json::from_str::<IgnoredAny>(text) {
            return Err(syntax_error(&e));
        }
        let failure = RefCell::new(None);
        let mut answers = Answers::new();
        let mut de = serde_json::Deserializer::from_str(text);
        let result = TopSeed {
            answers: &mut answers,
            failure: &failure,
        }
        .deserialize(&mut de);
        match (result, failure.into_inner()) {
            (Ok(()), None) => Ok(answers),
            (_, Some(e)) => Err(e),
            // Not reachable after the syntax pass; kept total rather than
            // trusting that.
            (Err(e), None) => Err(syntax_error(&e)),
        }
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
    /// The inner object of the Part 5 input (`{"phq9.1": 2, ...}`).
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
    /// A number with a fractional part.
    NotWhole { id: ItemId, value: String },
    /// A negative count.
    Negative { id: ItemId, value: String },
    /// A count too large to represent.
    TooLarge { id: ItemId, value: String },
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
            InputError::TooLarge { id, value } => {
                write!(f, "{id}: {value} is too large; expected {}", expected(*id))
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

/// Records our typed error and returns a placeholder serde error that stops
/// the parse; `from_json` then reports the typed one.
fn fail<E: de::Error>(slot: &RefCell<Option<InputError>>, e: InputError) -> E {
    let mut s = slot.borrow_mut();
    if s.is_none() {
        *s = Some(e);
    }
    E::custom("rejected")
}

struct TopSeed<'a> {
    answers: &'a mut Answers,
    failure: &'a RefCell<Option<InputError>>,
}

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

macro_rules! reject_non_objects {
    ($err:expr) => {
        fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
            Err(fail(self.failure, $err(format!("the boolean {v}"))))
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
            Err(fail(self.failure, $err(format!("the number {v}"))))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
            Err(fail(self.failure, $err(format!("the number {v}"))))
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
            Err(fail(self.failure, $err(format!("the number {v:?}"))))
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
            Err(fail(
                self.failure,
                $err(format!("the string {}", quoted(v))),
            ))
        }
        fn visit_unit<E: de::Error>(self) -> Result<(), E> {
            Err(fail(self.failure, $err("null".to_string())))
        }
        fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
            Err(fail(self.failure, $err("an array".to_string())))
        }
    };
}

impl<'de> Visitor<'de> for TopSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object {\"answers\": {...}}")
    }

    reject_non_objects!(|found| InputError::NotAnObject { found });

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen_answers = false;
        while let Some(key) = map.next_key::<KeyString>()? {
            let key = key.0;
            if key != "answers" {
                return Err(fail(self.failure, InputError::UnexpectedKey { key }));
            }
            if seen_answers {
                return Err(fail(
                    self.failure,
                    InputError::DuplicateKey {
                        key,
                        in_answers: false,
                    },
                ));
            }
            seen_answers = true;
            map.next_value_seed(AnswersSeed {
                answers: &mut *self.answers,
                failure: self.failure,
            })?;
        }
        if !seen_answers {
            return Err(fail(self.failure, InputError::MissingAnswers));
        }
        Ok(())
    }
}

struct AnswersSeed<'a> {
    answers: &'a mut Answers,
    failure: &'a RefCell<Option<InputError>>,
}

impl<'de> DeserializeSeed<'de> for AnswersSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for AnswersSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of answers")
    }

    reject_non_objects!(|found| InputError::AnswersNotObject { found });

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; ItemId::COUNT];
        while let Some(key) = map.next_key::<KeyString>()? {
            let Some(id) = ItemId::parse(&key.0) else {
                return Err(fail(self.failure, InputError::UnknownId { id: key.0 }));
            };
            if std::mem::replace(&mut seen[id.index()], true) {
                return Err(fail(
                    self.failure,
                    InputError::DuplicateKey {
                        key: key.0,
                        in_answers: true,
                    },
                ));
            }
            let r = map.next_value_seed(ValueSeed {
                id,
                failure: self.failure,
            })?;
            if let Some(r) = r {
                self.answers.slots[id.index()] = Some(r);
            }
        }
        Ok(())
    }
}

/// A map key, borrowed or owned (keys with escapes arrive owned).
struct KeyString(String);

impl<'de> de::Deserialize<'de> for KeyString {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = KeyString;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyString, E> {
                Ok(KeyString(v.to_string()))
            }
        }
        d.deserialize_str(V)
    }
}

/// One answer value: a whole number, `"declined"`, or `null` (not asked).
struct ValueSeed<'a> {
    id: ItemId,
    failure: &'a RefCell<Option<InputError>>,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Option<Response>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl ValueSeed<'_> {
    fn number<E: de::Error>(self, v: u64) -> Result<Option<Response>, E> {
        check_code(self.id, v).map_err(|e| fail(self.failure, e))?;
        Ok(Some(Response::Value(v)))
    }

    fn wrong<E: de::Error>(self, found: String) -> E {
        fail(self.failure, InputError::WrongType { id: self.id, found })
    }

    fn is_count(&self) -> bool {
        item(self.id).answer == AnswerKind::Count
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Option<Response>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an answer code, \"declined\" or null")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.number(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        if let Ok(u) = u64::try_from(v) {
            return self.number(u);
        }
        let (id, value) = (self.id, v.to_string());
        Err(fail(
            self.failure,
            if self.is_count() {
                InputError::Negative { id, value }
            } else {
                InputError::OutOfRange { id, value }
            },
        ))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        let (id, value) = (self.id, format!("{v:?}"));
        // JSON cannot spell NaN or infinities, but a total function should
        // not rely on that.
        if !v.is_finite() || v.fract() != 0.0 {
            return Err(fail(self.failure, InputError::NotWhole { id, value }));
        }
        if v < 0.0 {
            let e = if self.is_count() {
                InputError::Negative { id, value }
            } else {
                InputError::OutOfRange { id, value }
            };
            return Err(fail(self.failure, e));
        }
        // 2^64 is exactly representable; anything at or above it does not
        // fit in a u64.
        if v >= 18_446_744_073_709_551_616.0 {
            let e = if self.is_count() {
                InputError::TooLarge { id, value }
            } else {
                InputError::OutOfRange { id, value }
            };
            return Err(fail(self.failure, e));
        }
        // Whole, non-negative and below 2^64: the conversion is exact (-0.0
        // becomes 0).
        self.number(v as u64)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v == "declined" {
            Ok(Some(Response::Declined))
        } else {
            Err(self.wrong(format!("the string {}", quoted(v))))
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(self.wrong(format!("the boolean {v}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.wrong("an array".to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(self.wrong("an object".to_string()))
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
