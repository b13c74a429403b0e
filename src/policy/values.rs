//! [`OneOrMany`]: an element that takes one value or an array of values,
//! remembering which was written.

use crate::json::parse::Parser;
use crate::json::record::{FromJson, Mismatch};
use crate::json::Json;

/// One value or an array of values, as written: `"Action": "s3:GetObject"`
/// is [`OneOrMany::One`], `"Action": ["s3:GetObject"]` is
/// [`OneOrMany::Many`] with one element. The IAM grammar allows both
/// wherever an element takes a list; the shape is kept on a round trip.
///
/// ```
/// use iam_ecs::policy::OneOrMany;
///
/// let mut actions = OneOrMany::One("s3:GetObject".to_string());
/// actions.push("s3:PutObject".to_string());
/// assert_eq!(actions.as_slice(), ["s3:GetObject", "s3:PutObject"]);
/// assert!(matches!(actions, OneOrMany::Many(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum OneOrMany<T> {
    /// A single value written without brackets.
    One(T),
    /// An array (possibly with one element, or none).
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, one or many, in order.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }

    /// Iterates over the values in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// The number of values.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// Whether this is an empty array.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// Whether the values are written as an array.
    pub fn is_array(&self) -> bool {
        matches!(self, OneOrMany::Many(_))
    }

    /// Adds a value at the end; a single value becomes a two-element array.
    pub fn push(&mut self, value: T) {
        match self {
            OneOrMany::Many(v) => v.push(value),
            OneOrMany::One(_) => {
                let OneOrMany::One(first) = std::mem::replace(self, OneOrMany::Many(Vec::new()))
                else {
                    unreachable!("matched One above")
                };
                *self = OneOrMany::Many(vec![first, value]);
            }
        }
    }

    /// `values` as a scalar when there is exactly one and `array` is false,
    /// else as an array: the shape builders use.
    pub(crate) fn from_vec(mut values: Vec<T>, array: bool) -> Self {
        if values.len() == 1 && !array {
            OneOrMany::One(values.remove(0))
        } else {
            OneOrMany::Many(values)
        }
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: FromJson> FromJson for OneOrMany<T> {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() == Some(b'[') {
            Ok(<Vec<T>>::read(p)?.map(OneOrMany::Many))
        } else {
            Ok(T::read(p)?.map(OneOrMany::One))
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Array(_) => <Vec<T>>::mismatch(value),
            other => T::mismatch(other),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::Array(_) => <Vec<T>>::from_json(value).map(OneOrMany::Many),
            other => T::from_json(other).map(OneOrMany::One),
        }
    }
}

impl<T: serde::Serialize> serde::Serialize for OneOrMany<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(v) => v.serialize(s),
            OneOrMany::Many(v) => v.serialize(s),
        }
    }
}
