//! Any bytes through our JSON reader (`Json::from_slice`) and through
//! serde_json, the reference: the same bytes are accepted or rejected, and
//! what is accepted reads to the same tree (the same strings, keys
//! included, after unescaping; the same numbers; the same arrays and
//! objects, members in the same order, duplicates included; the same
//! booleans and nulls).
//!
//! Two differences are allowed, and only where serde_json itself says that
//! is why it refused (see `docs/fuzzing.md`):
//!
//! - a number beyond `f64` (`1e400`, `-1e400`, 400 digits): ours keeps its
//!   text, serde_json (without `arbitrary_precision`) rejects the document
//!   with "number out of range";
//! - exactly 128 levels of nested arrays and objects: ours reads up to
//!   `json::MAX_DEPTH` (128) levels, serde_json's default recursion limit
//!   reads at most 127 ("recursion limit exceeded").
//!
//! In both cases the structure is still compared, against serde_json run
//! without its recursion limit on the input with each number beyond `f64`
//! replaced by `0`; the replaced numbers must be exactly the ones ours
//! reads as beyond `f64`, with the text written in the input.
//!
//! serde_json is built with `float_roundtrip` (in `fuzz/Cargo.toml`): its
//! default float parser may be one unit in the last place off, while Rust's
//! `str::parse::<f64>` (which `Number::as_f64` uses) rounds correctly.
#![no_main]

use iam_ecs::json::{Json, Number, MAX_DEPTH};
use libfuzzer_sys::fuzz_target;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::VecDeque;
use std::fmt;

/// A JSON value as serde_json's parser hands it to a visitor: every object
/// member in order, duplicates kept (which `serde_json::Value` cannot show).
#[derive(Debug)]
enum Tree {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    String(String),
    Array(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Tree, D::Error> {
        d.deserialize_any(TreeVisitor)
    }
}

struct TreeVisitor;

impl<'de> Visitor<'de> for TreeVisitor {
    type Value = Tree;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Tree, E> {
        Ok(Tree::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Tree, E> {
        Ok(Tree::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Tree, E> {
        Ok(Tree::U64(n))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Tree, E> {
        Ok(Tree::I64(n))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Tree, E> {
        Ok(Tree::F64(n))
    }
    fn visit_str<E>(self, s: &str) -> Result<Tree, E> {
        Ok(Tree::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Tree, E> {
        Ok(Tree::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
        let mut members = Vec::new();
        while let Some(member) = map.next_entry::<String, Tree>()? {
            members.push(member);
        }
        Ok(Tree::Object(members))
    }
}

/// serde_json without its recursion limit: only called on input nested at
/// most `MAX_DEPTH` deep, so the stack is safe.
fn unlimited<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    de.disable_recursion_limit();
    let value = T::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// What a scan of the raw bytes finds, independently of both readers.
struct Scan {
    /// The input with every number beyond `f64` replaced by `0`.
    masked: Vec<u8>,
    /// The text of every number, in document order.
    numbers: VecDeque<String>,
    /// The deepest nesting of `[` and `{` outside strings.
    depth: usize,
}

/// Whether `t` is exactly one RFC 8259 number (written here, not taken
/// from either reader).
fn is_json_number(t: &[u8]) -> bool {
    let digits = |i: &mut usize| {
        let start = *i;
        while t.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    let mut i = usize::from(t.first() == Some(&b'-'));
    if t.get(i) == Some(&b'0') {
        i += 1;
    } else if !digits(&mut i) {
        return false;
    }
    if t.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if matches!(t.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(t.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == t.len()
}

/// Whether the number `t` is beyond what an `f64` holds.
fn beyond_f64(t: &str) -> bool {
    t.parse::<f64>().is_ok_and(f64::is_infinite)
}

/// Scans any bytes: strings run from `"` to the next `"` not escaped by a
/// `\`; outside them, a run of number characters that is one JSON number
/// is a number. Replacing one number token by another keeps valid JSON
/// valid and invalid JSON invalid.
fn scan(data: &[u8]) -> Scan {
    let mut masked = Vec::with_capacity(data.len());
    let mut numbers = VecDeque::new();
    let (mut depth, mut deepest) = (0i64, 0i64);
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < data.len() && data[i] != b'"' {
                    i += if data[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(data.len());
                masked.extend_from_slice(&data[start..i]);
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while i < data.len()
                    && matches!(data[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                {
                    i += 1;
                }
                let token = &data[start..i];
                match std::str::from_utf8(token) {
                    Ok(t) if is_json_number(token) => {
                        numbers.push_back(t.to_owned());
                        if beyond_f64(t) {
                            masked.push(b'0');
                        } else {
                            masked.extend_from_slice(token);
                        }
                    }
                    _ => masked.extend_from_slice(token),
                }
            }
            b => {
                match b {
                    b'[' | b'{' => {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                    b']' | b'}' => depth -= 1,
                    _ => {}
                }
                masked.push(b);
                i += 1;
            }
        }
    }
    Scan {
        masked,
        numbers,
        depth: usize::try_from(deepest).unwrap_or(0),
    }
}

/// Nesting depth of arrays and objects: 0 for a scalar.
fn depth(json: &Json) -> usize {
    match json {
        Json::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Json::Object(o) => 1 + o.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
        _ => 0,
    }
}

fn has_beyond_f64(json: &Json) -> bool {
    match json {
        Json::Number(n) => beyond_f64(n.as_str()),
        Json::Array(a) => a.iter().any(has_beyond_f64),
        Json::Object(o) => o.iter().any(|(_, v)| has_beyond_f64(v)),
        _ => false,
    }
}

/// What serde_json makes of the number ours read as `n`: a `u64` for an
/// integer that fits one, an `i64` for a negative integer that fits one
/// (but `-0`, which serde_json reads as the float `-0.0`), else the `f64`,
/// compared bit for bit. A number beyond `f64` was replaced by `0`.
#[derive(Debug, PartialEq)]
enum Expected {
    U64(u64),
    I64(i64),
    F64Bits(u64),
}

fn expected(n: &Number) -> Expected {
    let t = n.as_str();
    if beyond_f64(t) {
        return Expected::U64(0);
    }
    if let Ok(u) = t.parse::<u64>() {
        return Expected::U64(u);
    }
    if t != "-0" {
        if let Ok(i) = t.parse::<i64>() {
            return Expected::I64(i);
        }
    }
    let f: f64 = t.parse().expect("a JSON number parses as f64");
    Expected::F64Bits(f.to_bits())
}

fn of_value(n: &serde_json::Number) -> Expected {
    if let Some(u) = n.as_u64() {
        Expected::U64(u)
    } else if let Some(i) = n.as_i64() {
        Expected::I64(i)
    } else {
        Expected::F64Bits(n.as_f64().expect("a number").to_bits())
    }
}

/// Ours against serde_json's parse as the visitor saw it: everything in
/// document order, and each number's text as the scan found it.
fn compare_tree(ours: &Json, theirs: &Tree, numbers: &mut VecDeque<String>, at: &str) {
    match (ours, theirs) {
        (Json::Null, Tree::Null) => {}
        (Json::Bool(a), Tree::Bool(b)) => assert_eq!(a, b, "boolean at {at}"),
        (Json::Number(n), t) => {
            let got = match t {
                Tree::U64(u) => Expected::U64(*u),
                Tree::I64(i) => Expected::I64(*i),
                Tree::F64(f) => Expected::F64Bits(f.to_bits()),
                other => panic!("at {at}: ours read the number {n}, serde_json {other:?}"),
            };
            assert_eq!(expected(n), got, "number {n} at {at}");
            let written = numbers.pop_front().expect("the scan found this number");
            assert_eq!(n.as_str(), written, "number at {at} not kept as written");
        }
        (Json::String(a), Tree::String(b)) => assert_eq!(a, b, "string at {at}"),
        (Json::Array(a), Tree::Array(b)) => {
            assert_eq!(a.len(), b.len(), "array length at {at}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare_tree(x, y, numbers, &format!("{at}/{i}"));
            }
        }
        (Json::Object(a), Tree::Object(b)) => {
            assert_eq!(a.len(), b.len(), "member count at {at}");
            for ((ka, va), (kb, vb)) in a.iter().zip(b) {
                assert_eq!(ka, kb, "key at {at}");
                compare_tree(va, vb, numbers, &format!("{at}/{ka}"));
            }
        }
        (a, b) => panic!("at {at}: ours read {a:?}, serde_json {b:?}"),
    }
}

/// Ours against `serde_json::Value`, which keeps one member per key, the
/// last one written (its key order is not the document's, so members are
/// found by key).
fn compare_value(ours: &Json, theirs: &serde_json::Value, at: &str) {
    use serde_json::Value;
    match (ours, theirs) {
        (Json::Null, Value::Null) => {}
        (Json::Bool(a), Value::Bool(b)) => assert_eq!(a, b, "boolean at {at}"),
        (Json::Number(a), Value::Number(b)) => {
            assert_eq!(expected(a), of_value(b), "number {a} at {at}")
        }
        (Json::String(a), Value::String(b)) => assert_eq!(a, b, "string at {at}"),
        (Json::Array(a), Value::Array(b)) => {
            assert_eq!(a.len(), b.len(), "array length at {at}");
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare_value(x, y, &format!("{at}/{i}"));
            }
        }
        (Json::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&str> = Vec::new();
            for (k, _) in a {
                if !keys.contains(&k.as_str()) {
                    keys.push(k);
                }
            }
            assert_eq!(keys.len(), b.len(), "distinct keys at {at}");
            for k in keys {
                let last = a.iter().rev().find(|(m, _)| m == k).map(|(_, v)| v);
                let theirs = b.get(k).unwrap_or_else(|| panic!("key {k:?} at {at}"));
                compare_value(last.expect("a member"), theirs, &format!("{at}/{k}"));
            }
        }
        (a, b) => panic!("at {at}: ours read {a:?}, serde_json {b:?}"),
    }
}

fn is_allowed_refusal(e: &serde_json::Error) -> bool {
    let m = e.to_string();
    m.starts_with("recursion limit exceeded") || m.starts_with("number out of range")
}

fuzz_target!(|data: &[u8]| {
    let ours = Json::from_slice(data);
    // serde_json as every user gets it (recursion limit 128).
    let strict = serde_json::from_slice::<serde_json::Value>(data);
    let scan = scan(data);

    let json = match ours {
        Ok(json) => json,
        Err(ours) => {
            if let Ok(v) = &strict {
                panic!("ours rejects what serde_json reads ({v:?}): {ours}");
            }
            // serde_json refused too; if only for a reason of its own, it
            // must refuse the masked input within our depth limit as well.
            if let Err(e) = &strict {
                if is_allowed_refusal(e) && scan.depth <= MAX_DEPTH {
                    if let Ok(v) = unlimited::<serde_json::Value>(&scan.masked) {
                        panic!("ours rejects what serde_json reads ({v:?}) once it may: {ours}");
                    }
                }
            }
            return;
        }
    };

    let deep = depth(&json);
    let beyond = has_beyond_f64(&json);
    assert!(deep <= MAX_DEPTH, "ours read {deep} levels");
    assert_eq!(scan.depth, deep, "nesting depth");
    match &strict {
        Ok(v) => {
            assert!(
                deep < 128 && !beyond,
                "serde_json read {deep} levels or a number beyond f64"
            );
            compare_value(&json, v, "");
        }
        Err(e) => {
            let m = e.to_string();
            assert!(
                (m.starts_with("recursion limit exceeded") && deep == 128)
                    || (m.starts_with("number out of range") && beyond),
                "serde_json rejects what ours reads: {m}\nours: {json:?}"
            );
        }
    }

    // The whole structure, whatever serde_json's limits: values as
    // `serde_json::Value` sees them, and every member in order.
    let value: serde_json::Value =
        unlimited(&scan.masked).expect("serde_json reads the masked input");
    compare_value(&json, &value, "");
    let tree: Tree = unlimited(&scan.masked).expect("serde_json reads the masked input");
    let mut numbers = scan.numbers;
    compare_tree(&json, &tree, &mut numbers, "");
    assert!(
        numbers.is_empty(),
        "the scan found numbers ours did not read"
    );
});
