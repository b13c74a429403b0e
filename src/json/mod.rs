//! Lossless JSON: the tree every document is read into and written from.
//!
//! [`Json`] keeps what `serde_json::Value` throws away without its
//! `preserve_order` and `arbitrary_precision` features (which would change
//! serde_json for every other crate in a build): the order of object
//! members, duplicate keys, and the exact text of numbers. Reading then
//! writing a document gives back the same bytes, up to insignificant
//! whitespace and the spelling of string escapes (written as serde_json
//! writes them: `"\u00e9"` comes back as `"é"`).
//!
//! Writing goes through serde: `serde_json::to_string(&json)` and
//! `serde_json::to_string_pretty(&json)` give the compact and pretty forms,
//! as do `json.to_string()` and `format!("{json:#}")`.
//! Numbers are written through `serde_json::value::RawValue`, so other
//! serializers see them as strings wrapped in a `$serde_json::private::RawValue` struct; use serde_json.
//!
//! Reading goes through this crate's reader: [`Json::parse`] (or `parse`),
//! and `Deserialize`, which with serde_json reads the value's own text
//! (through `RawValue`) and so loses nothing either; other deserializers
//! are read generically (see [`Json`]'s `Deserialize` for what that
//! keeps). Every document type of the crate deserializes the same way.
//!
//! ```
//! use iam_ecs::json::Json;
//!
//! let text = r#"{"b":1.50,"a":[true,"x"],"b":null}"#;
//! let json = Json::parse(text)?;
//! assert_eq!(serde_json::to_string(&json).unwrap(), text);
//! # Ok::<(), iam_ecs::Error>(())
//! ```

pub(crate) mod de;
pub(crate) mod edit;
mod locate;
mod map;
pub(crate) mod parse;
mod pointer;
pub(crate) mod record;
mod ser;

pub(crate) use ser::{display, to_compact, to_pretty};

pub use locate::{locate, Locator, Span};
pub use map::Map;
pub use parse::MAX_DEPTH;
pub use pointer::Pointer;

use std::fmt;

/// A JSON value that remembers how it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Json {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, kept as written.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, members in the order written, duplicates kept.
    Object(Object),
}

impl Json {
    /// Reads one JSON document from text.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) with the line and column for
    /// anything that is not one RFC 8259 JSON value: `{"a":}`, trailing
    /// commas, comments, a leading byte-order mark, nesting deeper than
    /// [`MAX_DEPTH`], trailing characters after the value.
    pub fn parse(text: &str) -> crate::Result<Json> {
        parse::parse(text)
    }

    /// Reads one JSON document from bytes, which must be UTF-8.
    ///
    /// # Errors
    /// As [`Json::parse`], and for bytes that are not UTF-8 (the error
    /// gives the position of the first bad byte).
    pub fn from_slice(bytes: &[u8]) -> crate::Result<Json> {
        parse::parse_bytes(bytes)
    }

    /// The name of this value's JSON type, as used in messages: `null`,
    /// `a boolean`, `a number`, `a string`, `an array`, `an object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The value at an RFC 6901 JSON Pointer (`""` is the whole value).
    /// With duplicate keys, the first member wins.
    pub fn pointer(&self, pointer: &str) -> Option<&Json> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        let mut at = self;
        for token in rest.split('/') {
            let token = pointer::unescape(token);
            at = match at {
                Json::Object(o) => o.get(&token)?,
                Json::Array(a) => {
                    if token.len() > 1 && token.starts_with('0') {
                        return None;
                    }
                    a.get(token.parse::<usize>().ok()?)?
                }
                _ => return None,
            };
        }
        Some(at)
    }
}

/// The compact JSON text, as `serde_json::to_string` writes it; with
/// `{:#}`, the pretty text of `serde_json::to_string_pretty`, as
/// `serde_json::Value` does.
///
/// ```
/// use iam_ecs::json::Json;
///
/// let json: Json = r#"{"a": [1.0, "x"]}"#.parse()?;
/// assert_eq!(json.to_string(), r#"{"a":[1.0,"x"]}"#);
/// assert_eq!(format!("{json:#}"), "{\n  \"a\": [\n    1.0,\n    \"x\"\n  ]\n}");
/// # Ok::<(), iam_ecs::Error>(())
/// ```
impl fmt::Display for Json {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        display(self, f)
    }
}

/// Reads one JSON document, as [`Json::parse`].
impl std::str::FromStr for Json {
    type Err = crate::Error;
    fn from_str(text: &str) -> crate::Result<Json> {
        Json::parse(text)
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Self {
        Json::String(s.to_owned())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

impl From<bool> for Json {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<i64> for Json {
    fn from(n: i64) -> Self {
        Json::Number(Number::from(n))
    }
}

/// A JSON number, kept as the text it was written with (`1.50` stays
/// `1.50`, `1e400` stays `1e400`, `12345678901234567890123` is not
/// rounded).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Number(String);

impl Number {
    /// Checks that `text` is an RFC 8259 number and keeps it.
    ///
    /// # Errors
    /// [`Error::Json`](crate::Error::Json) for `01`, `1.`, `.5`, `+1`,
    /// `1e`, `NaN` and anything else that is not a JSON number.
    pub fn parse(text: &str) -> crate::Result<Number> {
        match parse::number_len(text.as_bytes(), 0) {
            Some(n) if n == text.len() => Ok(Number(text.to_owned())),
            // The position of the first byte that is not part of a number.
            valid => {
                let at = valid.unwrap_or(0).min(text.len());
                let at = (0..=at)
                    .rev()
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(0);
                Err(crate::Error::Json {
                    reason: format!("expected a number, found {text:?}").into(),
                    line: 1,
                    column: text[..at].chars().count() + 1,
                })
            }
        }
    }

    /// The number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as an `i64`, when it is written exactly as Rust writes
    /// that integer (so `-0`, `1.0` and `1e3` are not, and nothing is
    /// rounded or changed on the way back).
    pub fn as_i64(&self) -> Option<i64> {
        Number::canonical_i64(&self.0)
    }

    /// `text` as an `i64` when it is written exactly as Rust writes that
    /// integer.
    pub(crate) fn canonical_i64(text: &str) -> Option<i64> {
        let n: i64 = text.parse().ok()?;
        (itoa_len(n) == text.len()).then_some(n)
    }

    /// The value as an `f64` (may round; for checks, not for writing).
    pub fn as_f64(&self) -> Option<f64> {
        self.0.parse().ok()
    }
}

/// Length of `n` written in decimal: equal to the text's length exactly
/// when the text is the canonical form (parse already accepted it).
fn itoa_len(n: i64) -> usize {
    let mut len = usize::from(n < 0);
    let mut m = n.unsigned_abs();
    loop {
        len += 1;
        m /= 10;
        if m == 0 {
            return len;
        }
    }
}

impl From<i64> for Number {
    fn from(n: i64) -> Self {
        Number(n.to_string())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A JSON object: members in the order written, duplicate keys kept (AWS
/// rejects them, so checks report them; they are not lost on a round trip).
pub type Object = Map<Json>;

impl From<Object> for Json {
    fn from(o: Object) -> Self {
        Json::Object(o)
    }
}
