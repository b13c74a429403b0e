//! Reading [`Json`] and the documents through serde.
//!
//! serde_json can hand a deserializer's input over as the text it was
//! written with (`serde_json::value::RawValue`). Every `Deserialize` here
//! asks for that text and runs the crate's own reader on it, so nothing is
//! lost: key order, duplicate keys and the spelling of numbers survive,
//! exactly as with `from_json_str`. A deserializer that cannot hand text
//! over (another format, a buffered value) is read generically instead;
//! see [`Json`]'s `Deserialize` docs for what that keeps.

use super::{Json, Number, Object};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;

/// What a deserializer handed over.
pub(crate) enum Input<'de> {
    /// The value's JSON text, as written (serde_json).
    Text(Cow<'de, str>),
    /// The value, read generically from a deserializer that has no text.
    Value(Json),
}

/// Asks `d` for its input: the text when it is serde_json (through the
/// protocol `RawValue` uses), else the value read generically.
pub(crate) fn input<'de, D: Deserializer<'de>>(d: D) -> Result<Input<'de>, D::Error> {
    match raw_value_name() {
        Some(name) => d.deserialize_newtype_struct(name, InputVisitor { raw: Some(name) }),
        None => d.deserialize_any(InputVisitor { raw: None }),
    }
}

/// Reads a document of type `T` with `read` (the type's `from_json_str`)
/// from whatever `d` hands over; the crate's error, if any, becomes `d`'s
/// custom error with the crate's message.
pub(crate) fn document<'de, D, T>(d: D, read: fn(&str) -> crate::Result<T>) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let text = match input(d)? {
        Input::Text(text) => text,
        // Writing a Json and reading the text back loses nothing.
        Input::Value(json) => Cow::Owned(super::to_compact(&json)),
    };
    read(&text).map_err(de::Error::custom)
}

/// The newtype name serde_json's `RawValue` asks a deserializer for, to be
/// handed the value's text. It is private to serde_json, so rather than
/// copy it, it is learned once from `Box<RawValue>`'s own `Deserialize`.
/// `None` if that ever stops asking for a newtype (then every input is
/// read generically, and the tests that check exact bytes fail).
fn raw_value_name() -> Option<&'static str> {
    static NAME: OnceLock<Option<&'static str>> = OnceLock::new();
    *NAME.get_or_init(|| {
        let seen = Cell::new(None);
        let _ =
            <Box<serde_json::value::RawValue> as de::Deserialize>::deserialize(NameProbe(&seen));
        seen.get()
    })
}

/// A deserializer that records the name it is asked for as a newtype and
/// fails every request.
struct NameProbe<'a>(&'a Cell<Option<&'static str>>);

impl<'de> Deserializer<'de> for NameProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("probe"))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.set(Some(name));
        Err(de::Error::custom("probe"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

/// Takes the text of a raw value or any value generically. `raw` is the
/// key serde_json's raw value map uses (the same name).
#[derive(Clone, Copy)]
struct InputVisitor {
    raw: Option<&'static str>,
}

impl<'de> Visitor<'de> for InputVisitor {
    type Value = Input<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Null))
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Null))
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Bool(b)))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Number(Number::from(n))))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Number(Number(n.to_string()))))
    }

    fn visit_i128<E: de::Error>(self, n: i128) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Number(Number(n.to_string()))))
    }

    fn visit_u128<E: de::Error>(self, n: u128) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::Number(Number(n.to_string()))))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        if !n.is_finite() {
            return Err(E::invalid_value(
                de::Unexpected::Float(n),
                &"a finite number",
            ));
        }
        // serde_json's spelling of an f64 (`1.0`, `1e300`), which is JSON.
        let text = serde_json::to_string(&n).map_err(E::custom)?;
        Ok(Input::Value(Json::Number(Number(text))))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::String(s.to_owned())))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Input::Value(Json::String(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item);
        }
        Ok(Input::Value(Json::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(Key(first)) = map.next_key::<Key>()? else {
            return Ok(Input::Value(Json::Object(Object::new())));
        };
        if self.raw.is_some_and(|raw| first == raw) {
            // serde_json's raw value: one member whose value is the text.
            let RawText(text) = map.next_value()?;
            return Ok(Input::Text(text));
        }
        let mut members = Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096) + 1);
        members.push((first, map.next_value::<Json>()?));
        while let Some(Key(key)) = map.next_key::<Key>()? {
            members.push((key, map.next_value::<Json>()?));
        }
        Ok(Input::Value(Json::Object(Object::from(members))))
    }
}

/// An object key. Asked for as an identifier, which serde_json's raw value
/// map needs and other formats treat as a string.
struct Key(String);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string key")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(Key(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key, E> {
                Ok(Key(s))
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// The text of a raw value, borrowed when the deserializer lends it.
struct RawText<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for RawText<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON text")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(RawText(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(RawText(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
                Ok(RawText(Cow::Owned(s)))
            }
        }
        d.deserialize_str(TextVisitor)
    }
}

/// Reads any JSON value, keeping what the deserializer keeps.
///
/// With serde_json reading text (`from_str`, `from_slice`,
/// `from_reader`, a `Deserializer` over text) the value is exact, as
/// [`Json::parse`] reads it: member order, duplicate keys and number text
/// as written. Its errors carry the crate's message (the line and column
/// in that message count from the start of the value; serde_json adds the
/// position in the whole input).
///
/// Any other deserializer is read generically: member order and duplicate
/// keys as the deserializer delivers them, numbers as Rust numbers
/// (written as serde_json writes them, so `1e3` becomes `1000.0` and
/// `1.50` becomes `1.5`), non-finite floats and bytes rejected. That
/// includes `serde_json::from_value` (a `serde_json::Value` has already
/// sorted its keys, kept the last of duplicate keys and parsed its
/// numbers), values buffered by `#[serde(flatten)]` and untagged or
/// internally tagged enums, and other formats (which must be
/// self-describing). A single-member map whose key is serde_json's raw
/// value name is read as JSON text, which is how this crate's `Serialize`
/// writes numbers that are not plain integers to other formats.
///
/// ```
/// use iam_ecs::json::Json;
///
/// let text = r#"{"b":1.50,"a":[1e3,"\u00e9"],"b":null}"#;
/// let json: Json = serde_json::from_str(text).unwrap();
/// assert_eq!(json.to_string(), r#"{"b":1.50,"a":[1e3,"é"],"b":null}"#);
/// ```
impl<'de> de::Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match input(d)? {
            Input::Text(text) => Json::parse(&text).map_err(de::Error::custom),
            Input::Value(json) => Ok(json),
        }
    }
}

/// Implements `FromStr` (with the type's `from_json_str`), `Display`
/// (compact, `{:#}` pretty) and `Deserialize` (exact with serde_json, see
/// [`document`]) for a document type.
macro_rules! document_traits {
    ($ty:ty) => {
        /// Reads the document with `from_json_str`.
        impl std::str::FromStr for $ty {
            type Err = $crate::Error;
            fn from_str(text: &str) -> $crate::Result<Self> {
                Self::from_json_str(text)
            }
        }

        /// The compact JSON text (`to_json_string`); with `{:#}`, the
        /// pretty text (`to_json_pretty`), as `serde_json::Value` does.
        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                $crate::json::display(self, f)
            }
        }

        /// Reads the document exactly, as `from_json_str` does, from
        /// serde_json text; from other deserializers, through a generic
        /// value (see [`Json`](crate::json::Json)'s `Deserialize`).
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::json::de::document(d, Self::from_json_str)
            }
        }
    };
}

pub(crate) use document_traits;
