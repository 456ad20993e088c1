//! The handoff code: one person's answers in a short text a visitor can show
//! a clinician (typed, or as a QR code), with nothing sent anywhere.
//!
//! A code holds the clinical model version, the deployment's module set,
//! every answer (a code or "declined"; items not asked are left out) and the
//! date to the day. Nothing else: no score, no free text, no identity. The
//! engine reads no clock; the caller gives the date.
//!
//! ```text
//! CS1-08GP-Y9KB-…      "CS" + format version (one Crockford base32 digit),
//!                      then the payload in Crockford base32, grouped in fours
//! payload bytes:
//!   [0]      model version, major << 4 | minor      (0x02 for "0.2")
//!   [1..3]   module set, big-endian u16: bit i = Module::ALL[i]
//!            (gate = bit 0 … context = bit 13; bits 14–15 must be 0)
//!   [3..5]   date, big-endian u16: days since 2000-01-01
//!   [5..n-4] the answers: one unsigned integer N, big-endian, no leading
//!            zero byte (N = 0 is no bytes)
//!   [n-4..n] CRC-32C (Castagnoli) of bytes [0..n-4], little-endian
//! ```
//!
//! The answers integer is a mixed-radix number over the items the flow asks,
//! in order: `N = d0 + r0·(d1 + r1·(d2 + …))`. The decoder recomputes the
//! path from the answers decoded so far (every trigger precedes what it
//! gates, so the path up to an item depends only on earlier answers), so an
//! item the questionnaire would not ask cannot even be written. For a
//! choice item with k options the digit has radix k + 2: 0 = not answered,
//! 1 = declined, 2 + i = the i-th listed option. The count item
//! (`nida_sq.1`) has radix 3 (not answered, declined, a count); a count c is
//! followed by L (radix 17, the number of hexadecimal digits of c, 0 for
//! c = 0) and then c's L hexadecimal digits (radix 16, least significant
//! first; the last one is never 0). Items after the last answered one cost
//! nothing.
//!
//! A damaged or mistyped code fails the CRC (any one changed character and
//! any swap of two neighbouring characters change a run of at most 24
//! consecutive bits of the CRC's bit order, and CRC-32C detects every such
//! burst) or the length and padding checks; a code that passes them is then
//! checked against the model version, the module set and the flow, so it
//! never decodes to answers other than the ones encoded.
//!
//! Decoding forgives what people do when they type: case, spaces and
//! dashes are ignored, and O is read as 0, I and L as 1.

use std::fmt;

use crate::answers::{Answers, Response};
use crate::flow::path;
use crate::ids::{ItemId, Module, ModuleSet};
use crate::questionnaire::{item, AnswerKind};
use crate::MODEL_VERSION;

/// The format version this engine writes and reads (the `1` in `CS1-`).
pub const FORMAT_VERSION: u8 = 1;

/// The start of every code this engine writes.
pub const PREFIX: &str = "CS1-";

/// Crockford's base32 alphabet (no I, L, O, U).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Header bytes before the answers: model version, module set, date.
const HEADER: usize = 5;
/// CRC bytes after the answers.
const CHECK: usize = 4;

/// The modules a code can name: bit i is `Module::ALL[i]`.
const KNOWN_MODULE_BITS: u16 = (1 << Module::COUNT) - 1;

// ---------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------

/// A calendar date (proleptic Gregorian), to the day, from
/// [`Date::FIRST`] to [`Date::LAST`] (what a code can hold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Days from 0000-03-01 to 2000-01-01 in [`days_from_civil`]'s count.
const DAYS_TO_2000: i64 = 730_425;

/// Days since 0000-03-01 (Howard Hinnant's `days_from_civil`, shifted).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

impl Date {
    /// The first date a code can hold.
    pub const FIRST: Date = Date {
        year: 2000,
        month: 1,
        day: 1,
    };
    /// The last date a code can hold (2000-01-01 + 65,535 days).
    pub const LAST: Date = Date {
        year: 2179,
        month: 6,
        day: 6,
    };

    /// The date, if it exists and a code can hold it.
    pub fn new(year: i32, month: u32, day: u32) -> Result<Date, HandoffError> {
        let bad = || HandoffError::BadDate {
            text: format!("{year:04}-{month:02}-{day:02}"),
        };
        if !(1..=12).contains(&month) || day == 0 {
            return Err(bad());
        }
        let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
        // A real date survives the round trip through the day count.
        let days = days_from_civil(y, m, d);
        if civil_from_days(days) != (y, m, d) {
            return Err(bad());
        }
        Date::from_days_since_2000(days - DAYS_TO_2000).ok_or_else(bad)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, HandoffError> {
        let bad = || HandoffError::BadDate {
            text: text.to_string(),
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [y, m, d] = parts[..] else {
            return Err(bad());
        };
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && digits(m, 2) && digits(d, 2)) {
            return Err(bad());
        }
        let n = |s: &str| s.parse::<u32>().map_err(|_| bad());
        Date::new(n(y)? as i32, n(m)?, n(d)?).map_err(|_| bad())
    }

    /// The date `days` days after 1970-01-01 (what a clock gives), if a code
    /// can hold it.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        // 1970-01-01 is 10,957 days before 2000-01-01.
        Date::from_days_since_2000(days.checked_sub(10_957)?)
    }

    fn from_days_since_2000(days: i64) -> Option<Date> {
        if !(0..=i64::from(u16::MAX)).contains(&days) {
            return None;
        }
        let (y, m, d) = civil_from_days(days + DAYS_TO_2000);
        Some(Date {
            year: y as u16,
            month: m as u8,
            day: d as u8,
        })
    }

    fn days_since_2000(self) -> u16 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        ) - DAYS_TO_2000;
        // Every Date is in range by construction.
        days.clamp(0, i64::from(u16::MAX)) as u16
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

/// Why a code could not be written or read. `Display` is one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoffError {
    /// Encoding: a date that does not exist or that a code cannot hold.
    BadDate { text: String },
    /// Encoding: an answer to an item the flow does not ask in this
    /// deployment, given the other answers.
    NotAsked { id: ItemId },
    /// Decoding: nothing but spaces and dashes.
    Empty,
    /// Decoding: the text does not start with `CS`.
    NoPrefix,
    /// Decoding: a character outside the code's alphabet.
    BadCharacter { ch: char, position: usize },
    /// Decoding: a format version this engine does not read.
    UnknownVersion { version: u8 },
    /// Decoding: the length, padding or check does not match: a mistyped,
    /// truncated or damaged code.
    Damaged,
    /// Decoding: made with another clinical model version.
    ModelVersion { found: String },
    /// Decoding: the module set has bits this engine does not know, or
    /// lacks the always-on modules.
    ForeignModules { bits: u16 },
    /// Decoding: the answers are not what the questionnaire could have
    /// asked (more answers than questions, an item off the path, a code
    /// not in its item's options, a count not in canonical form).
    NotOnFlow { detail: String },
}

impl std::error::Error for HandoffError {}

impl fmt::Display for HandoffError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandoffError::BadDate { text } => write!(
                f,
                "{text:?} is not a date from {} to {} (YYYY-MM-DD)",
                Date::FIRST,
                Date::LAST
            ),
            HandoffError::NotAsked { id } => write!(
                f,
                "{id}: this answer cannot go in a code: the questionnaire does not ask it in this deployment, given the other answers"
            ),
            HandoffError::Empty => write!(f, "no code given"),
            HandoffError::NoPrefix => write!(
                f,
                "not a CareStep handoff code: it should start with {PREFIX}"
            ),
            HandoffError::BadCharacter { ch, position } => write!(
                f,
                "character {ch:?} at position {position} is not used in CareStep codes (they use 0-9 and A-Z without U)"
            ),
            HandoffError::UnknownVersion { version } => write!(
                f,
                "this is a version {version} handoff code (CS{}-); this CareStep reads version {FORMAT_VERSION} ({PREFIX}) codes only",
                ALPHABET[usize::from(*version) & 31] as char
            ),
            HandoffError::Damaged => write!(
                f,
                "the code is damaged or mistyped (its check does not match): compare every character with the original"
            ),
            HandoffError::ModelVersion { found } => write!(
                f,
                "the code was made with clinical model {found}; this CareStep uses model {MODEL_VERSION} and cannot read it"
            ),
            HandoffError::ForeignModules { bits } => write!(
                f,
                "the code names a module set this CareStep does not know (module bits {bits:#06x})"
            ),
            HandoffError::NotOnFlow { detail } => write!(
                f,
                "the code holds answers the questionnaire could not have produced: {detail}"
            ),
        }
    }
}

// ---------------------------------------------------------------------------
// Encode and decode
// ---------------------------------------------------------------------------

/// What a code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub answers: Answers,
    pub modules: ModuleSet,
    pub date: Date,
}

impl Handoff {
    /// The code's text form; see [`encode`].
    pub fn encode(&self) -> Result<String, HandoffError> {
        encode(&self.answers, &self.modules, self.date)
    }
}

/// The handoff code of these answers, asked in this deployment on this
/// date, e.g. `CS1-08GP-Y9KB-…`. Fails when an answer is to an item the
/// flow would not ask (see [`crate::prune`]), so every code decodes.
pub fn encode(answers: &Answers, modules: &ModuleSet, date: Date) -> Result<String, HandoffError> {
    let asked = path(answers, modules);
    if let Some((id, _)) = answers.iter().find(|(id, _)| !asked.contains(id)) {
        return Err(HandoffError::NotAsked { id });
    }
    // The digits, least significant first.
    let mut digits: Vec<(u32, u32)> = Vec::with_capacity(asked.len() + 17);
    for &id in &asked {
        let r = answers.get(id);
        match item(id).answer {
            AnswerKind::Choices(cs) => {
                let d = match r {
                    None => 0,
                    Some(Response::Declined) => 1,
                    Some(Response::Value(v)) => {
                        let i = cs
                            .iter()
                            .position(|c| u64::from(c.code) == v)
                            .ok_or(HandoffError::NotAsked { id })?;
                        2 + i as u32
                    }
                };
                digits.push((cs.len() as u32 + 2, d));
            }
            AnswerKind::Count => match r {
                None => digits.push((3, 0)),
                Some(Response::Declined) => digits.push((3, 1)),
                Some(Response::Value(v)) => {
                    digits.push((3, 2));
                    let nibbles = (64 - v.leading_zeros()).div_ceil(4);
                    digits.push((17, nibbles));
                    for k in 0..nibbles {
                        digits.push((16, ((v >> (4 * k)) & 15) as u32));
                    }
                }
            },
        }
    }
    // Horner, most significant digit first; N little-endian base 256.
    let mut n: Vec<u8> = Vec::new();
    for &(radix, digit) in digits.iter().rev() {
        mul_add(&mut n, radix, digit);
    }
    let mut bytes = Vec::with_capacity(HEADER + n.len() + CHECK);
    bytes.push(model_version_byte(MODEL_VERSION).unwrap_or(0xFF));
    bytes.extend_from_slice(&module_bits(modules).to_be_bytes());
    bytes.extend_from_slice(&date.days_since_2000().to_be_bytes());
    bytes.extend(n.iter().rev());
    let crc = crc32c(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    Ok(text_form(&bytes))
}

/// Reads a handoff code (forgiving case, spaces, dashes and O/0, I/1, L/1).
/// Never panics; a code that is not exactly one [`encode`] wrote is
/// rejected with one line saying why.
pub fn decode(code: &str) -> Result<Handoff, HandoffError> {
    // Normalise, remembering each character's place in what was typed.
    let mut chars: Vec<(usize, char)> = Vec::new();
    for (i, ch) in code.chars().enumerate() {
        let c = match ch.to_ascii_uppercase() {
            ' ' | '-' | '\t' | '\n' | '\r' => continue,
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        };
        chars.push((i + 1, c));
    }
    if chars.is_empty() {
        return Err(HandoffError::Empty);
    }
    if chars.len() < 2 || chars[0].1 != 'C' || chars[1].1 != 'S' {
        return Err(HandoffError::NoPrefix);
    }
    let mut values = Vec::with_capacity(chars.len());
    for &(position, ch) in &chars[2..] {
        let v = ALPHABET
            .iter()
            .position(|&a| a as char == ch)
            .ok_or(HandoffError::BadCharacter { ch, position })?;
        values.push(v as u8);
    }
    let Some((&version, payload)) = values.split_first() else {
        return Err(HandoffError::Damaged);
    };
    if version != FORMAT_VERSION {
        return Err(HandoffError::UnknownVersion { version });
    }
    let bytes = from_base32(payload).ok_or(HandoffError::Damaged)?;
    if bytes.len() < HEADER + CHECK {
        return Err(HandoffError::Damaged);
    }
    let (body, check) = bytes.split_at(bytes.len() - CHECK);
    if crc32c(body).to_le_bytes() != check {
        return Err(HandoffError::Damaged);
    }
    if Some(body[0]) != model_version_byte(MODEL_VERSION) {
        return Err(HandoffError::ModelVersion {
            found: format!("{}.{}", body[0] >> 4, body[0] & 15),
        });
    }
    let bits = u16::from_be_bytes([body[1], body[2]]);
    let modules = modules_from_bits(bits).ok_or(HandoffError::ForeignModules { bits })?;
    let date = Date::from_days_since_2000(i64::from(u16::from_be_bytes([body[3], body[4]])))
        .ok_or(HandoffError::Damaged)?;
    let big_endian = &body[HEADER..];
    if big_endian.first() == Some(&0) {
        return Err(not_on_flow("the answers are not in canonical form"));
    }
    let mut n: Vec<u8> = big_endian.iter().rev().copied().collect();
    let answers = decode_answers(&mut n, &modules)?;
    Ok(Handoff {
        answers,
        modules,
        date,
    })
}

fn not_on_flow(detail: impl Into<String>) -> HandoffError {
    HandoffError::NotOnFlow {
        detail: detail.into(),
    }
}

/// Reads the answers digit by digit along the path the answers read so far
/// give; `n` must be used up exactly.
fn decode_answers(n: &mut Vec<u8>, modules: &ModuleSet) -> Result<Answers, HandoffError> {
    let mut answers = Answers::new();
    let mut next = 0;
    while let Some(id) = path(&answers, modules)
        .into_iter()
        .find(|id| id.index() >= next)
    {
        next = id.index() + 1;
        let response = match item(id).answer {
            AnswerKind::Choices(cs) => match div_rem(n, cs.len() as u32 + 2) {
                0 => None,
                1 => Some(Response::Declined),
                d => Some(Response::Value(u64::from(cs[d as usize - 2].code))),
            },
            AnswerKind::Count => match div_rem(n, 3) {
                0 => None,
                1 => Some(Response::Declined),
                _ => {
                    let nibbles = div_rem(n, 17);
                    let mut v = 0u64;
                    let mut last = 0;
                    for k in 0..nibbles {
                        last = div_rem(n, 16);
                        v |= u64::from(last) << (4 * k);
                    }
                    if nibbles > 0 && last == 0 {
                        return Err(not_on_flow(format!(
                            "{id}: the count is not in canonical form"
                        )));
                    }
                    Some(Response::Value(v))
                }
            },
        };
        if let Some(r) = response {
            answers.set(id, r).map_err(|e| not_on_flow(e.to_string()))?;
        }
    }
    if !n.is_empty() {
        return Err(not_on_flow(
            "it has more answers than the questionnaire asks in its deployment",
        ));
    }
    // The decoder cannot place an answer off the path; checked again so
    // that no change to the flow can make it.
    let asked = path(&answers, modules);
    if let Some((id, _)) = answers.iter().find(|(id, _)| !asked.contains(id)) {
        return Err(not_on_flow(format!(
            "{id} is not asked in this deployment, given the other answers"
        )));
    }
    Ok(answers)
}

// ---------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------

/// `"0.2"` → `0x02`; `None` unless both parts are 0–15.
fn model_version_byte(v: &str) -> Option<u8> {
    let (major, minor) = v.split_once('.')?;
    let (major, minor) = (major.parse::<u8>().ok()?, minor.parse::<u8>().ok()?);
    (major < 16 && minor < 16).then_some(major << 4 | minor)
}

fn module_bits(modules: &ModuleSet) -> u16 {
    modules.iter().fold(0, |bits, m| bits | 1 << (m as u16))
}

/// The module set of these bits: `None` for unknown bits, or without gate
/// or context (a [`ModuleSet`] always holds both).
fn modules_from_bits(bits: u16) -> Option<ModuleSet> {
    let always = 1 << Module::Gate as u16 | 1 << Module::Context as u16;
    if bits & !KNOWN_MODULE_BITS != 0 || bits & always != always {
        return None;
    }
    let set = Module::ALL
        .iter()
        .filter(|&&m| bits & (1 << m as u16) != 0)
        .fold(ModuleSet::minimal(), |s, &m| s.with(m));
    Some(set)
}

/// `n = n · radix + digit`, `n` little-endian base 256 without high zeros.
fn mul_add(n: &mut Vec<u8>, radix: u32, digit: u32) {
    let mut carry = digit;
    for b in n.iter_mut() {
        let v = u32::from(*b) * radix + carry;
        *b = (v & 0xFF) as u8;
        carry = v >> 8;
    }
    while carry > 0 {
        n.push((carry & 0xFF) as u8);
        carry >>= 8;
    }
}

/// `n = n / radix`, returning the remainder.
fn div_rem(n: &mut Vec<u8>, radix: u32) -> u32 {
    let mut rem = 0u32;
    for b in n.iter_mut().rev() {
        let v = rem << 8 | u32::from(*b);
        *b = (v / radix) as u8;
        rem = v % radix;
    }
    while n.last() == Some(&0) {
        n.pop();
    }
    rem
}

/// CRC-32C (Castagnoli; reflected, init and final xor 0xFFFFFFFF).
fn crc32c(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0x82F6_3B78
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `CS1-` and the bytes in base32 (zero padding bits), grouped in fours.
fn text_form(bytes: &[u8]) -> String {
    let mut digits = Vec::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = acc << 8 | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            digits.push(ALPHABET[((acc >> bits) & 31) as usize]);
        }
    }
    if bits > 0 {
        digits.push(ALPHABET[((acc << (5 - bits)) & 31) as usize]);
    }
    let mut out = String::from(PREFIX);
    for (i, group) in digits.chunks(4).enumerate() {
        if i > 0 {
            out.push('-');
        }
        out.extend(group.iter().map(|&c| c as char));
    }
    out
}

/// The bytes of base32 digits; `None` unless the length is one
/// [`text_form`] writes and the padding bits are zero.
fn from_base32(digits: &[u8]) -> Option<Vec<u8>> {
    let n = digits.len();
    let len = n * 5 / 8;
    if (len * 8).div_ceil(5) != n {
        return None;
    }
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &d in digits {
        acc = (acc << 5 | u32::from(d)) & 0xFFFF;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    (acc & ((1 << bits) - 1) == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes a code around any payload (a valid check), as a foreign or
    /// faulty encoder would.
    fn raw(model: u8, modules: u16, days: u16, n_big_endian: &[u8]) -> String {
        let mut bytes = vec![model];
        bytes.extend_from_slice(&modules.to_be_bytes());
        bytes.extend_from_slice(&days.to_be_bytes());
        bytes.extend_from_slice(n_big_endian);
        let crc = crc32c(&bytes);
        bytes.extend_from_slice(&crc.to_le_bytes());
        text_form(&bytes)
    }

    fn default_bits() -> u16 {
        module_bits(&ModuleSet::default_deployment())
    }

    #[test]
    fn crc32c_check_value() {
        assert_eq!(crc32c(b"123456789"), 0xE306_9283);
    }

    #[test]
    fn model_version_is_encodable() {
        assert_eq!(model_version_byte(MODEL_VERSION), Some(0x02));
        assert_eq!(model_version_byte("1.15"), Some(0x1F));
        assert_eq!(model_version_byte("0.16"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(Date::FIRST.days_since_2000(), 0);
        assert_eq!(Date::LAST.days_since_2000(), u16::MAX);
        assert_eq!(Date::from_days_since_2000(65_535), Some(Date::LAST));
        assert_eq!(Date::from_days_since_2000(65_536), None);
        assert_eq!(Date::from_unix_days(0), None);
        assert_eq!(
            Date::from_unix_days(20_000).map(|d| d.to_string()),
            Some("2024-10-04".to_string())
        );
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2100-02-29",
            "1999-12-31",
            "2179-06-07",
            "2024-13-01",
            "2024-00-10",
            "2024-1-01",
            "24-01-01",
            "2024-01-01x",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Date::parse("2024-02-30").unwrap_err().to_string(),
            "\"2024-02-30\" is not a date from 2000-01-01 to 2179-06-06 (YYYY-MM-DD)"
        );
        // Every day of the range survives its day count.
        for days in 0..=i64::from(u16::MAX) {
            let d = Date::from_days_since_2000(days).unwrap();
            assert_eq!(i64::from(d.days_since_2000()), days);
            assert_eq!(
                Date::new(i32::from(d.year), u32::from(d.month), u32::from(d.day)),
                Ok(d)
            );
        }
    }

    #[test]
    fn big_number_pieces() {
        let mut n = Vec::new();
        for (r, d) in [(6, 5), (17, 16), (3, 0), (256, 255)] {
            mul_add(&mut n, r, d);
        }
        assert_eq!(div_rem(&mut n, 256), 255);
        assert_eq!(div_rem(&mut n, 3), 0);
        assert_eq!(div_rem(&mut n, 17), 16);
        assert_eq!(div_rem(&mut n, 6), 5);
        assert!(n.is_empty());
    }

    #[test]
    fn base32_round_trip_and_strict_padding() {
        for len in 0..40usize {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            let text = text_form(&bytes);
            let digits: Vec<u8> = text[PREFIX.len()..]
                .bytes()
                .filter(|&b| b != b'-')
                .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u8)
                .collect();
            assert_eq!(from_base32(&digits), Some(bytes.clone()));
            if let Some(last) = digits.last() {
                if (digits.len() * 5) % 8 != 0 {
                    let mut padded = digits.clone();
                    *padded.last_mut().unwrap() = last ^ 1;
                    assert_eq!(from_base32(&padded), None, "nonzero padding, len {len}");
                }
            }
        }
    }

    #[test]
    fn an_empty_journey_round_trips() {
        let date = Date::new(2026, 12, 5).unwrap();
        let code = encode(&Answers::new(), &ModuleSet::default_deployment(), date).unwrap();
        let h = decode(&code).unwrap();
        assert_eq!(h.answers, Answers::new());
        assert_eq!(h.modules, ModuleSet::default_deployment());
        assert_eq!(h.date, date);
    }

    #[test]
    fn a_foreign_model_version_is_named() {
        let code = raw(0x13, default_bits(), 0, &[]);
        assert_eq!(
            decode(&code).unwrap_err().to_string(),
            "the code was made with clinical model 1.3; this CareStep uses model 0.2 and cannot read it"
        );
    }

    #[test]
    fn foreign_module_sets_are_rejected() {
        for bits in [
            default_bits() | 1 << 14,
            default_bits() | 1 << 15,
            default_bits() & !1,
            default_bits() & !(1 << 13),
        ] {
            let code = raw(0x02, bits, 0, &[]);
            assert_eq!(
                decode(&code),
                Err(HandoffError::ForeignModules { bits }),
                "{bits:#x}"
            );
        }
        // Every known set is accepted.
        for optional in 0u16..(1 << 12) {
            let bits = optional << 1 | 1 | 1 << 13;
            let code = raw(0x02, bits, 0, &[]);
            let h = decode(&code).unwrap();
            assert_eq!(module_bits(&h.modules), bits);
        }
    }

    #[test]
    fn answers_beyond_the_questionnaire_are_rejected() {
        // Every digit 0 (nothing answered) but a large N: digits left over.
        let code = raw(0x02, default_bits(), 0, &[0xFF; 40]);
        assert_eq!(
            decode(&code).unwrap_err().to_string(),
            "the code holds answers the questionnaire could not have produced: it has more answers than the questionnaire asks in its deployment"
        );
        // A leading zero byte is not canonical.
        let code = raw(0x02, default_bits(), 0, &[0, 1]);
        assert!(matches!(decode(&code), Err(HandoffError::NotOnFlow { .. })));
    }

    #[test]
    fn a_count_with_a_leading_zero_digit_is_rejected() {
        // Only the drugs module, so nida_sq.1 comes right after the gate
        // and context… build the digits by hand along the path.
        let modules = ModuleSet::minimal().with(Module::Drugs);
        let mut answers = Answers::new();
        answers.set(ItemId::CtxAdult, Response::Value(0)).unwrap();
        answers
            .set(ItemId::CtxEmergency, Response::Value(0))
            .unwrap();
        let asked = path(&answers, &modules);
        let mut digits = Vec::new();
        for id in asked {
            match (id, item(id).answer) {
                (ItemId::CtxAdult | ItemId::CtxEmergency, AnswerKind::Choices(cs)) => {
                    digits.push((cs.len() as u32 + 2, 2))
                }
                (ItemId::NidaSq1, _) => {
                    // a count of 5 written with two hex digits: 5, 0
                    digits.extend([(3, 2), (17, 2), (16, 5), (16, 0)]);
                }
                (_, AnswerKind::Choices(cs)) => digits.push((cs.len() as u32 + 2, 0)),
                (_, AnswerKind::Count) => unreachable!(),
            }
        }
        let mut n = Vec::new();
        for &(r, d) in digits.iter().rev() {
            mul_add(&mut n, r, d);
        }
        let be: Vec<u8> = n.iter().rev().copied().collect();
        let code = raw(0x02, module_bits(&modules), 0, &be);
        assert_eq!(
            decode(&code).unwrap_err().to_string(),
            "the code holds answers the questionnaire could not have produced: nida_sq.1: the count is not in canonical form"
        );
    }

    #[test]
    fn off_path_answers_are_not_encoded() {
        let mut a = Answers::new();
        a.set(ItemId::Phq9_10, Response::Value(1)).unwrap();
        let date = Date::FIRST;
        assert_eq!(
            encode(&a, &ModuleSet::default_deployment(), date),
            Err(HandoffError::NotAsked {
                id: ItemId::Phq9_10
            })
        );
        let mut a = Answers::new();
        a.set(ItemId::Cssrs1, Response::Value(1)).unwrap();
        assert_eq!(
            encode(&a, &ModuleSet::default_deployment(), date)
                .unwrap_err()
                .to_string(),
            "cssrs.1: this answer cannot go in a code: the questionnaire does not ask it in this deployment, given the other answers"
        );
    }

    #[test]
    fn text_errors() {
        assert_eq!(decode(" - - "), Err(HandoffError::Empty));
        assert_eq!(decode("XY1-0000"), Err(HandoffError::NoPrefix));
        assert_eq!(
            decode("CS1-00U0"),
            Err(HandoffError::BadCharacter {
                ch: 'U',
                position: 7
            })
        );
        assert_eq!(
            decode("CS2-0000-0000").unwrap_err().to_string(),
            "this is a version 2 handoff code (CS2-); this CareStep reads version 1 (CS1-) codes only"
        );
        assert_eq!(decode("CS"), Err(HandoffError::Damaged));
        assert_eq!(decode("CS1-0000"), Err(HandoffError::Damaged));
    }
}
