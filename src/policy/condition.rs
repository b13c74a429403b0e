//! [`Condition`]: the `Condition` element, kept in the order written.

use crate::json::record::{FromJson, Mismatch};
use crate::json::{Json, Map, Number};
use crate::policy::OneOrMany;

/// The `Condition` element: condition operators (`StringEquals`,
/// `ForAnyValue:StringLike`, `ArnLikeIfExists`, ...), each with a block of
/// condition keys and values. Order and duplicates are kept as written.
///
/// ```
/// use iam_ecs::policy::{Condition, ConditionValue};
///
/// let mut c = Condition::new();
/// c.insert("StringEquals", "aws:SourceAccount", ConditionValue::from("111122223333"));
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"StringEquals":{"aws:SourceAccount":"111122223333"}}"#);
/// ```
///
/// It is a [`Map`] of blocks, so `get`, `iter`, `len` and `is_empty` are
/// the map's; `insert` and `set` below add values the way a builder does.
pub type Condition = Map<ConditionBlock>;

/// The keys and values under one condition operator: a [`Map`].
pub type ConditionBlock = Map<OneOrMany<ConditionValue>>;

/// One condition value: a string, a boolean or a number, kept as written
/// (`true` and `"true"` are different values here, and both round-trip).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ConditionValue {
    /// A JSON string.
    String(String),
    /// A JSON boolean.
    Bool(bool),
    /// A JSON number, as written.
    Number(Number),
}

impl Map<ConditionBlock> {
    /// Adds `value` under `operator` and `key`: to the existing block of
    /// the operator (at the end) or a new one; to the key's values (which
    /// become an array) or a new key written as a scalar.
    pub fn insert(&mut self, operator: &str, key: &str, value: ConditionValue) {
        let block = self.entry_or_default(operator);
        match block.get_mut(key) {
            Some(values) => values.push(value),
            None => block.push(key, OneOrMany::One(value)),
        }
    }

    /// Sets `key` under `operator` to `values`, replacing what was there,
    /// with the shape given.
    pub fn set(&mut self, operator: &str, key: &str, values: OneOrMany<ConditionValue>) {
        let block = self.entry_or_default(operator);
        match block.get_mut(key) {
            Some(v) => *v = values,
            None => block.push(key, values),
        }
    }
}

impl ConditionValue {
    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            ConditionValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The JSON type name used in messages: `a string`, `a boolean`,
    /// `a number`.
    pub fn type_name(&self) -> &'static str {
        match self {
            ConditionValue::String(_) => "a string",
            ConditionValue::Bool(_) => "a boolean",
            ConditionValue::Number(_) => "a number",
        }
    }

    /// The value as text: the string, `true`/`false`, or the number as
    /// written.
    pub fn text(&self) -> &str {
        match self {
            ConditionValue::String(s) => s,
            ConditionValue::Bool(true) => "true",
            ConditionValue::Bool(false) => "false",
            ConditionValue::Number(n) => n.as_str(),
        }
    }
}

impl From<&str> for ConditionValue {
    fn from(s: &str) -> Self {
        ConditionValue::String(s.to_owned())
    }
}

impl From<String> for ConditionValue {
    fn from(s: String) -> Self {
        ConditionValue::String(s)
    }
}

impl From<bool> for ConditionValue {
    fn from(b: bool) -> Self {
        ConditionValue::Bool(b)
    }
}

impl From<i64> for ConditionValue {
    fn from(n: i64) -> Self {
        ConditionValue::Number(Number::from(n))
    }
}

const VALUE_EXPECTED: &str = "a string, a boolean or a number";

impl FromJson for ConditionValue {
    /// A string (the usual value) read directly; anything else through a
    /// generic value.
    fn read(
        p: &mut crate::json::parse::Parser<'_>,
    ) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() == Some(b'"') {
            Ok(Ok(ConditionValue::String(p.string_value()?)))
        } else {
            Ok(Self::from_json(p.value()?))
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::String(_) | Json::Bool(_) | Json::Number(_) => None,
            other => Some(Mismatch::new(VALUE_EXPECTED, other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::String(s) => Ok(ConditionValue::String(s)),
            Json::Bool(b) => Ok(ConditionValue::Bool(b)),
            Json::Number(n) => Ok(ConditionValue::Number(n)),
            other => {
                let m = Mismatch::new(VALUE_EXPECTED, &other);
                Err((other, m))
            }
        }
    }
}

impl serde::Serialize for ConditionValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            ConditionValue::String(v) => s.serialize_str(v),
            ConditionValue::Bool(b) => s.serialize_bool(*b),
            ConditionValue::Number(n) => n.serialize(s),
        }
    }
}
