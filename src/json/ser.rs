//! Writing [`Json`] through serde, so that serde_json's compact and pretty
//! writers produce the output.

use super::{Json, Number};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => s.serialize_unit(),
            Json::Bool(b) => s.serialize_bool(*b),
            Json::Number(n) => n.serialize(s),
            Json::String(v) => s.serialize_str(v),
            Json::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(o) => o.serialize(s),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Canonical integers go through the serializer's own integer path;
        // anything else is written verbatim through RawValue, which borrows
        // the text (it was validated when it was read).
        if let Some(n) = self.as_i64() {
            return s.serialize_i64(n);
        }
        let raw: &serde_json::value::RawValue =
            serde_json::from_str(&self.0).map_err(S::Error::custom)?;
        raw.serialize(s)
    }
}

/// `value` as serde_json's compact text. For this crate's documents,
/// writing cannot fail: keys are strings, numbers were validated when they
/// were read or made, and nothing else can go wrong writing to memory.
pub(crate) fn to_compact<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("documents of this crate always serialize")
}

/// Writes `value` for `Display`: compact, or pretty with `{:#}` (as
/// `serde_json::Value` does).
pub(crate) fn display<T: Serialize + ?Sized>(
    value: &T,
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result {
    let text = if f.alternate() {
        to_pretty(value)
    } else {
        to_compact(value)
    };
    f.write_str(&text)
}

/// `value` as serde_json's pretty text; see [`to_compact`].
pub(crate) fn to_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("documents of this crate always serialize")
}
