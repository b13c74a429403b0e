//! [`Map`]: the one ordered map of the crate. A JSON object
//! ([`Object`](super::Object)), a policy's `Condition` and each of its
//! operator blocks, and the string maps of a task definition
//! (`dockerLabels`, log `options`, ...) are all maps of string keys to
//! values that keep their members in the order written, duplicates
//! included: AWS rejects duplicate keys, so checks report them, and they
//! are never lost on a round trip.

use super::record::{FromJson, Mismatch};
use super::Json;

/// An ordered map of string keys to values: members in the order written,
/// duplicate keys kept.
///
/// ```
/// use iam_ecs::json::Map;
///
/// let mut labels: Map<String> = Map::new();
/// labels.push("team", "web");
/// labels.push("tier", "front");
/// assert_eq!(labels.get("tier").map(String::as_str), Some("front"));
/// assert_eq!(serde_json::to_string(&labels).unwrap(), r#"{"team":"web","tier":"front"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Map<V> {
    members: Vec<(String, V)>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map {
            members: Vec::new(),
        }
    }
}

impl<V> Map<V> {
    /// An empty map.
    pub fn new() -> Self {
        Map::default()
    }

    /// The value of the first member named `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The value of the first member named `key`, to change it.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.members
            .iter_mut()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Appends a member, even if one with the same key exists.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<V>) {
        self.members.push((key.into(), value.into()));
    }

    /// The members, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, (String, V)> {
        self.members.iter()
    }

    /// The members, in order, to change their values (or keys).
    pub fn iter_mut(&mut self) -> std::slice::IterMut<'_, (String, V)> {
        self.members.iter_mut()
    }

    /// The keys, in order, duplicates included.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(k, _)| k.as_str())
    }

    /// The number of members, duplicates counted.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether the map has no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// Keys that occur more than once, each named once, in order of their
    /// second occurrence, with the index of that occurrence.
    pub fn duplicate_keys(&self) -> Vec<(usize, &str)> {
        let mut out: Vec<(usize, &str)> = Vec::new();
        for (i, (k, _)) in self.members.iter().enumerate() {
            if self.members[..i].iter().any(|(p, _)| p == k) && !out.iter().any(|(_, d)| *d == k) {
                out.push((i, k));
            }
        }
        out
    }

    /// The value of the first member named `key`, appended with
    /// `V::default()` when there is none.
    pub(crate) fn entry_or_default(&mut self, key: &str) -> &mut V
    where
        V: Default,
    {
        let i = match self.members.iter().position(|(k, _)| k == key) {
            Some(i) => i,
            None => {
                self.members.push((key.to_owned(), V::default()));
                self.members.len() - 1
            }
        };
        &mut self.members[i].1
    }
}

impl<V> From<Vec<(String, V)>> for Map<V> {
    fn from(members: Vec<(String, V)>) -> Self {
        Map { members }
    }
}

impl<V> FromIterator<(String, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        Map {
            members: iter.into_iter().collect(),
        }
    }
}

impl<'a, V> IntoIterator for &'a Map<V> {
    type Item = &'a (String, V);
    type IntoIter = std::slice::Iter<'a, (String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.iter()
    }
}

impl<V> IntoIterator for Map<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.members.into_iter()
    }
}

impl<V: serde::Serialize> serde::Serialize for Map<V> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.members.len()))?;
        for (k, v) in &self.members {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A map of typed values reads an object whose every value fits `T`;
/// anything else is a mismatch at the first value that does not fit.
impl<T: FromJson> FromJson for Map<T> {
    /// Reads the object member by member (a policy's `Condition` and its
    /// blocks), without a generic [`Json`] object in between; at a value
    /// that does not fit `T`, goes back and reads the object generically.
    fn read(p: &mut super::parse::Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() != Some(b'{') {
            return Ok(Self::from_json(p.value()?));
        }
        let mark = p.mark();
        p.begin_object()?;
        let mut members = Vec::new();
        let mut first = true;
        while let Some(key) = p.next_key(first)? {
            first = false;
            match T::read(p)? {
                Ok(v) => members.push((key.into_owned(), v)),
                Err(_) => return super::record::reread(p, mark),
            }
        }
        Ok(Ok(Map { members }))
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Object(o) => o
                .iter()
                .find_map(|(k, v)| T::mismatch(v).map(|m| m.under(k))),
            other => Some(Mismatch::new("an object", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        if let Some(m) = Self::mismatch(&value) {
            return Err((value, m));
        }
        match value {
            // `mismatch` accepted every value, so each conversion succeeds.
            Json::Object(o) => Ok(o
                .into_iter()
                .filter_map(|(k, v)| T::from_json(v).ok().map(|v| (k, v)))
                .collect()),
            other => {
                let m = Mismatch::new("an object", &other);
                Err((other, m))
            }
        }
    }
}
