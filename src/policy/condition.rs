//! [`Condition`]: the `Condition` element, kept in the order written.

use crate::json::record::{FromJson, Mismatch};
use crate::json::{Json, Number};
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Condition {
    operators: Vec<(String, ConditionBlock)>,
}

/// The keys and values under one condition operator.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct ConditionBlock {
    keys: Vec<(String, OneOrMany<ConditionValue>)>,
}

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

impl Condition {
    /// An empty condition.
    pub fn new() -> Self {
        Condition::default()
    }

    /// The operators and their blocks, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, ConditionBlock)> {
        self.operators.iter()
    }

    /// The block of the first operator named `operator`.
    pub fn get(&self, operator: &str) -> Option<&ConditionBlock> {
        self.operators
            .iter()
            .find(|(k, _)| k == operator)
            .map(|(_, v)| v)
    }

    /// The number of operators.
    pub fn len(&self) -> usize {
        self.operators.len()
    }

    /// Whether there are no operators.
    pub fn is_empty(&self) -> bool {
        self.operators.is_empty()
    }

    /// Adds `value` under `operator` and `key`: to the existing block of
    /// the operator (at the end) or a new one; to the key's values (which
    /// become an array) or a new key written as a scalar.
    pub fn insert(&mut self, operator: &str, key: &str, value: ConditionValue) {
        let block = self.block_mut(operator);
        match block.keys.iter_mut().find(|(k, _)| k == key) {
            Some((_, values)) => values.push(value),
            None => block.keys.push((key.to_owned(), OneOrMany::One(value))),
        }
    }

    /// Sets `key` under `operator` to `values`, replacing what was there,
    /// with the shape given.
    pub fn set(&mut self, operator: &str, key: &str, values: OneOrMany<ConditionValue>) {
        let block = self.block_mut(operator);
        match block.keys.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = values,
            None => block.keys.push((key.to_owned(), values)),
        }
    }

    fn block_mut(&mut self, operator: &str) -> &mut ConditionBlock {
        let i = match self.operators.iter().position(|(k, _)| k == operator) {
            Some(i) => i,
            None => {
                self.operators
                    .push((operator.to_owned(), ConditionBlock::default()));
                self.operators.len() - 1
            }
        };
        &mut self.operators[i].1
    }
}

impl ConditionBlock {
    /// The keys and their values, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, OneOrMany<ConditionValue>)> {
        self.keys.iter()
    }

    /// The values of the first key named `key` (compared exactly).
    pub fn get(&self, key: &str) -> Option<&OneOrMany<ConditionValue>> {
        self.keys.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
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

fn object_mismatch<T: FromJson>(value: &Json) -> Option<Mismatch> {
    match value {
        Json::Object(o) => o
            .iter()
            .find_map(|(k, v)| T::mismatch(v).map(|m| m.under(k))),
        other => Some(Mismatch::new("an object", other)),
    }
}

impl FromJson for ConditionBlock {
    fn mismatch(value: &Json) -> Option<Mismatch> {
        object_mismatch::<OneOrMany<ConditionValue>>(value)
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        if let Some(m) = Self::mismatch(&value) {
            return Err((value, m));
        }
        let Json::Object(o) = value else {
            unreachable!("mismatch accepted only objects")
        };
        let keys = o
            .into_iter()
            .filter_map(|(k, v)| OneOrMany::from_json(v).ok().map(|v| (k, v)))
            .collect();
        Ok(ConditionBlock { keys })
    }
}

impl FromJson for Condition {
    fn mismatch(value: &Json) -> Option<Mismatch> {
        object_mismatch::<ConditionBlock>(value)
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        if let Some(m) = Self::mismatch(&value) {
            return Err((value, m));
        }
        let Json::Object(o) = value else {
            unreachable!("mismatch accepted only objects")
        };
        let operators = o
            .into_iter()
            .filter_map(|(k, v)| ConditionBlock::from_json(v).ok().map(|v| (k, v)))
            .collect();
        Ok(Condition { operators })
    }
}

fn write_pairs<S: serde::Serializer, V: serde::Serialize>(
    pairs: &[(String, V)],
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(pairs.len()))?;
    for (k, v) in pairs {
        map.serialize_entry(k, v)?;
    }
    map.end()
}

impl serde::Serialize for Condition {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        write_pairs(&self.operators, s)
    }
}

impl serde::Serialize for ConditionBlock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        write_pairs(&self.keys, s)
    }
}
