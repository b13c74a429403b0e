//! Policy size as IAM counts it against its quotas.
//!
//! The rule (RULES.md section 3, checked against Access Analyzer's own
//! numbers in the corpus): the number of characters of the compact JSON
//! text that are not whitespace (U+0020, U+0009, U+000A, U+000D; whitespace
//! inside strings is not counted either). Access Analyzer reports one more
//! than this for every unchanged document it sized.
//!
//! The count is taken without writing the text: [`Count`] is a
//! `serde::Serializer` that adds up what serde_json's compact writer would
//! write, token by token (the document's `Serialize` impl is the single
//! description of its JSON). Writing the text only to count it cost as much
//! as the rest of `check`. The document and its statements are walked
//! directly ([`count`], tested against [`Count`] of the whole document);
//! principals, conditions and raw members go through [`Count`].

use serde::ser::{self, Serialize};

use crate::bytes::{any_word, eq, HI, LO};
use crate::json::record::{Layout, Record, SlotRef};
use crate::policy::{
    Condition, ConditionValue, OneOrMany, PolicyDocument, Principal, Statement, Statements,
};

/// The non-whitespace characters of `doc`'s compact JSON text.
///
/// The document, its statements and their strings are walked directly
/// (what serde_json writes for them, in any order: the count does not
/// depend on it); principals, conditions and raw members are counted
/// through their `Serialize` impls ([`serde_count`]).
pub(crate) fn count(doc: &PolicyDocument) -> usize {
    count_parts(doc, true)
}

/// [`count`] without the values of the statements' `Sid`, `Action`,
/// `NotAction`, `Resource`, `NotResource` and `Condition` (their keys and
/// punctuation counted): the policy check adds the characters of each of those values
/// ([`list_len`], [`plain_string_len`]) from its own scans of them, which
/// tell a plain string's length without a second scan.
pub(crate) fn count_without_checked_values(doc: &PolicyDocument) -> usize {
    count_parts(doc, false)
}

/// [`count`], with the values the check counts ([`count_without_checked_values`])
/// or without.
fn count_parts(doc: &PolicyDocument, checked: bool) -> usize {
    record_len(doc, |i| match i {
        0 => doc.version.as_deref().map_or(0, string_len),
        1 => doc.id.as_deref().map_or(0, string_len),
        _ => match &doc.statement {
            Some(Statements::One(s)) => statement_len(s, checked),
            Some(Statements::Many(v)) => seq_len(v.iter().map(|s| statement_len(s, checked))),
            None => 0,
        },
    })
}

/// The characters of a one-or-many value whose elements have `sum`
/// characters in all: an array of `n` adds its brackets and commas.
pub(crate) fn list_len(array: bool, n: usize, sum: usize) -> usize {
    if array {
        2 + n.saturating_sub(1) + sum
    } else {
        sum
    }
}

/// [`count`] through the document's `Serialize` impl only, the reference
/// of the direct walk.
#[cfg(test)]
pub(crate) fn count_by_serde(doc: &PolicyDocument) -> usize {
    serde_count(doc)
}

/// The characters of a statement (without the values of `Sid`, `Action`,
/// `NotAction`, `Resource`, `NotResource` and `Condition` unless
/// `checked`).
fn statement_len(s: &Statement, checked: bool) -> usize {
    let strings = |v: &Option<OneOrMany<String>>| match v {
        Some(OneOrMany::One(x)) => string_len(x),
        Some(OneOrMany::Many(v)) => seq_len(v.iter().map(|x| string_len(x))),
        None => 0,
    };
    if !checked {
        // Only Effect and the principals have a value to count: looked up
        // in a table by field index rather than through the `match` below
        // (an indirect jump per member, in the members' varying order).
        let values = [
            0,
            s.effect.map_or(0, |e| e.as_str().len() + 2),
            s.principal.as_ref().map_or(0, principal_len),
            s.not_principal.as_ref().map_or(0, principal_len),
            0,
            0,
            0,
            0,
            0,
        ];
        const _: () = assert!(Statement::KEYS.len() == 9, "one value per field");
        return record_len(s, |i| values.get(usize::from(i)).copied().unwrap_or(0));
    }
    record_len(s, |i| match i {
        0 => s.sid.as_deref().map_or(0, string_len),
        1 => s.effect.map_or(0, |e| string_len(e.as_str())),
        2 => s.principal.as_ref().map_or(0, principal_len),
        3 => s.not_principal.as_ref().map_or(0, principal_len),
        4 => strings(&s.action),
        5 => strings(&s.not_action),
        6 => strings(&s.resource),
        7 => strings(&s.not_resource),
        _ => s.condition.as_ref().map_or(0, condition_len),
    })
}

/// The characters of a `Principal` or `NotPrincipal`: `"*"`, or its map
/// walked as a record.
fn principal_len(p: &Principal) -> usize {
    let strings = |v: &Option<OneOrMany<String>>| match v {
        Some(OneOrMany::One(x)) => string_len(x),
        Some(OneOrMany::Many(v)) => seq_len(v.iter().map(|x| string_len(x))),
        None => 0,
    };
    match p {
        Principal::Any => string_len("*"),
        Principal::Map(m) => record_len(&**m, |i| match i {
            0 => strings(&m.aws),
            1 => strings(&m.federated),
            2 => strings(&m.service),
            _ => strings(&m.canonical_user),
        }),
    }
}

/// The characters of one condition value (what `ConditionValue`'s
/// `Serialize` writes), a number through [`serde_count`].
pub(crate) fn condition_value_len(v: &ConditionValue) -> usize {
    match v {
        ConditionValue::String(s) => string_len(s),
        ConditionValue::Bool(b) => {
            if *b {
                4
            } else {
                5
            }
        }
        ConditionValue::Number(n) => serde_count(n),
    }
}

/// The characters of a `Condition`: its blocks and values walked directly
/// (what `Map`'s and `ConditionValue`'s `Serialize` write).
fn condition_len(c: &Condition) -> usize {
    let value_len = condition_value_len;
    let values_len = |v: &OneOrMany<ConditionValue>| match v {
        OneOrMany::One(x) => value_len(x),
        OneOrMany::Many(v) => seq_len(v.iter().map(value_len)),
    };
    seq_len(c.iter().map(|(op, block)| {
        string_len(op) + 1 + seq_len(block.iter().map(|(k, v)| string_len(k) + 1 + values_len(v)))
    }))
}

/// The characters of an array of elements of these lengths.
fn seq_len(lens: impl ExactSizeIterator<Item = usize>) -> usize {
    2 + lens.len().saturating_sub(1) + lens.sum::<usize>()
}

/// The characters of a record (`record!`) as its `Serialize` impl writes
/// it: the members in its layout (a field when set, a raw member unless
/// stale), then the set fields the layout does not place; `field(i)` is
/// the length of the value of the set field `i`.
fn record_len<R: Record>(r: &R, field: impl Fn(u8) -> usize) -> usize {
    let layout = r.layout();
    let set = r.set_fields();
    let written = layout.field_mask();
    // The model's keys are plain ASCII words: quoted, two more characters
    // (`keys_are_plain` below).
    let entry = |i: u8| R::KEYS[usize::from(i)].len() + 3 + field(i);
    let (mut n, mut entries) = (2, 0usize);
    for slot in layout.slots() {
        match slot {
            SlotRef::Field(i) => {
                if set & (1u128 << i) != 0 {
                    n += entry(i);
                    entries += 1;
                }
            }
            SlotRef::Raw(raw) => {
                if !Layout::is_stale(raw, R::KEYS, set) {
                    n += string_len(&raw.key) + 1 + serde_count(&raw.value);
                    entries += 1;
                }
            }
        }
    }
    for i in 0..R::KEYS.len() as u8 {
        if set & (1u128 << i) != 0 && written & (1u128 << i) == 0 {
            n += entry(i);
            entries += 1;
        }
    }
    n + entries.saturating_sub(1)
}

/// The characters serde_json's compact writer would write for `v`.
fn serde_count<T: Serialize + ?Sized>(v: &T) -> usize {
    let mut c = Count::default();
    // Counting cannot fail: every `Serialize` impl of the document's types
    // serializes through the methods below, none of which errors.
    let _ = v.serialize(&mut c);
    c.n
}

/// What each byte of a string's text adds once serde_json has escaped it:
/// `"` and `\` become two characters (`\"`, `\\`); backspace, tab, line
/// feed, form feed and carriage return two (`\b`, `\t`, `\n`, `\f`, `\r`,
/// so an escaped tab is no longer whitespace); other control characters
/// six (`\u001f`); a space none (it is whitespace); a UTF-8 continuation
/// byte none (each character counts once); anything else one.
const STRING_WEIGHT: [u8; 256] = {
    let mut w = [1u8; 256];
    let mut b = 0;
    while b < 0x20 {
        w[b] = 6;
        b += 1;
    }
    w[0x08] = 2;
    w[b'\t' as usize] = 2;
    w[b'\n' as usize] = 2;
    w[0x0C] = 2;
    w[b'\r' as usize] = 2;
    w[b' ' as usize] = 0;
    w[b'"' as usize] = 2;
    w[b'\\' as usize] = 2;
    let mut b = 0x80;
    while b < 0xC0 {
        w[b] = 0;
        b += 1;
    }
    w
};

/// [`string_len`] of a plain string, `None` for another: plain is ASCII
/// from `#` up other than backslash (no escape, no whitespace, no
/// control character, one character per byte), which weighs one per byte.
/// (A byte below 0x23, which takes in the quote and the rarely written
/// `!`, or from 0x80 up is flagged by `(w - 0x23..) | w` having its high
/// bit set: `less` or'ed with the high bits, in fewer operations; one range
/// instead of a range and a quote test.)
pub(crate) fn plain_string_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let special = |w: u64| (w.wrapping_sub(LO * 0x23) | w) & HI | eq(w, b'\\');
    (!any_word(b, b'a', special)).then_some(2 + b.len())
}

/// The characters of `s` written as a JSON string, quotes included. (Not
/// inlined: its word loop inlined into the callers' folds measured slower.)
#[inline(never)]
pub(crate) fn string_len(s: &str) -> usize {
    if let Some(n) = plain_string_len(s) {
        return n;
    }
    let b = s.as_bytes();
    2 + b
        .iter()
        .map(|&c| usize::from(STRING_WEIGHT[usize::from(c)]))
        .sum::<usize>()
}

/// The non-whitespace characters of text written verbatim (a number's
/// text, through serde_json's `RawValue`).
fn raw_len(s: &str) -> usize {
    s.bytes()
        .filter(|&b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r') && (b & 0xC0) != 0x80)
        .count()
}

/// The characters of an integer's decimal text.
fn int_len(n: i128) -> usize {
    let mut len = usize::from(n < 0) + 1;
    let mut m = n.unsigned_abs();
    while m >= 10 {
        m /= 10;
        len += 1;
    }
    len
}

/// serde_json's marker for a `RawValue`: a struct of this name with one
/// field of this name, whose string is written verbatim.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Counts the characters serde_json's compact writer would write.
#[derive(Default)]
struct Count {
    n: usize,
    /// Inside a `RawValue`: the next string is written verbatim.
    raw: bool,
}

impl Count {
    /// A value other than a string in a map key: serde_json quotes it.
    fn quoted(&mut self, key: bool) {
        if key {
            self.n += 2;
        }
    }
}

/// A sequence, map or struct being counted: `first` is false once an
/// element was written (the next one needs a comma).
struct Compound<'a> {
    c: &'a mut Count,
    first: bool,
    /// How many characters the closing adds: `]` or `}`, and one more
    /// `}` for an enum variant's wrapping object.
    close: usize,
}

impl Compound<'_> {
    fn comma(&mut self) {
        if !self.first {
            self.c.n += 1;
        }
        self.first = false;
    }
}

type Error = serde_json::Error;

impl<'a> ser::Serializer for &'a mut Count {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.n += if v { 4 } else { 5 };
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.n += int_len(v);
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.n += v.to_string().len();
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        // Floats do not occur in documents read from text (numbers keep
        // their text); serde_json's own float formatting is the reference.
        self.n += serde_json::to_string(&v)?.len();
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.n += serde_json::to_string(&v)?.len();
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.n += if self.raw { raw_len(v) } else { string_len(v) };
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        // An array of numbers.
        self.n += 2 + v.len().saturating_sub(1);
        for b in v {
            self.n += int_len(i128::from(*b));
        }
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.n += 4;
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        // {"variant":value}
        self.n += 3 + string_len(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.n += 1;
        Ok(Compound {
            c: self,
            first: true,
            close: 1,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        // {"variant":[...]}
        self.n += 3 + string_len(variant);
        Ok(Compound {
            c: self,
            first: true,
            close: 2,
        })
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        self.n += 1;
        Ok(Compound {
            c: self,
            first: true,
            close: 1,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        if name == RAW_VALUE_TOKEN {
            // Its one field is the text, written as is, without braces.
            return Ok(Compound {
                c: self,
                first: true,
                close: 0,
            });
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        // {"variant":{...}}
        self.n += 3 + string_len(variant);
        Ok(Compound {
            c: self,
            first: true,
            close: 2,
        })
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.c)
    }
    fn end(self) -> Result<(), Error> {
        self.c.n += self.close;
        Ok(())
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey(&mut *self.c))?;
        // The colon.
        self.c.n += 1;
        Ok(())
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.c)
    }
    fn end(self) -> Result<(), Error> {
        self.c.n += self.close;
        Ok(())
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        if self.close == 0 {
            // A RawValue's text.
            self.c.raw = true;
            let counted = value.serialize(&mut *self.c);
            self.c.raw = false;
            return counted;
        }
        ser::SerializeMap::serialize_entry(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ser::SerializeMap::serialize_entry(self, key, value)
    }
    fn end(self) -> Result<(), Error> {
        ser::SerializeMap::end(self)
    }
}

/// A map key: serde_json writes strings as strings and quotes numbers and
/// booleans; it refuses anything else, as this does.
struct MapKey<'a>(&'a mut Count);

impl MapKey<'_> {
    fn quoted(self, counted: Result<(), Error>) -> Result<(), Error> {
        self.0.quoted(true);
        counted
    }
}

fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.n += string_len(v);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        let counted = self.0.serialize_bool(v);
        self.quoted(counted)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        let counted = self.0.serialize_i128(v);
        self.quoted(counted)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.serialize_i128(i128::from(v))
    }
    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        let counted = self.0.serialize_u128(v);
        self.quoted(counted)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        let counted = self.0.serialize_f32(v);
        self.quoted(counted)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        let counted = self.0.serialize_f64(v);
        self.quoted(counted)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn string_len_agrees_with_the_table(s in "[ -~\t\n\u{1}\u{7f}\u{e9}\u{100}\"\\\\]{0,20}") {
            let table = 2 + s
                .bytes()
                .map(|c| usize::from(STRING_WEIGHT[usize::from(c)]))
                .sum::<usize>();
            proptest::prop_assert_eq!(string_len(&s), table);
        }
    }

    /// The definition: the non-whitespace characters of serde_json's
    /// compact text.
    fn reference<T: Serialize>(v: &T) -> usize {
        serde_json::to_string(v)
            .unwrap()
            .chars()
            .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
            .count()
    }

    fn counted<T: Serialize>(v: &T) -> usize {
        let mut c = Count::default();
        v.serialize(&mut c).unwrap();
        c.n
    }

    #[test]
    fn conditions_count_as_serde_counts_them() {
        let texts = [
            r#"{}"#,
            r#"{"Bool":{}}"#,
            r#"{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"n":[1.5e3,-0,"x y"]}}"#,
            r#"{"StringLike":{"k\"ey":["a\u0001b","\u00e9 \t"],"k":true},"StringLike":{"k":[]}}"#,
        ];
        for t in texts {
            let json = crate::json::Json::parse(t).unwrap();
            let c = <Condition as crate::json::record::FromJson>::from_json(json).unwrap();
            assert_eq!(condition_len(&c), serde_count(&c), "{t}");
            assert_eq!(condition_len(&c), reference(&c), "{t}");
        }
        for t in [
            r#""*""#,
            r#"{}"#,
            r#"{"AWS":["a","b\"c"],"Service":"s","CanonicalUser":[],"Federated":"f"}"#,
            r#"{"service":"x","AWS":"a","AWS":"b","Service":[1]}"#,
        ] {
            let json = crate::json::Json::parse(t).unwrap();
            let p = <Principal as crate::json::record::FromJson>::from_json(json).unwrap();
            assert_eq!(principal_len(&p), serde_count(&p), "{t}");
            assert_eq!(principal_len(&p), reference(&p), "{t}");
        }
    }

    #[test]
    fn keys_are_plain() {
        use crate::json::record::Record;
        use crate::policy::PrincipalMap;
        for k in PolicyDocument::KEYS
            .iter()
            .chain(<Statement as Record>::KEYS)
            .chain(<PrincipalMap as Record>::KEYS)
        {
            assert_eq!(string_len(k), 2 + k.len(), "{k}");
        }
    }

    #[test]
    fn strings_count_as_serde_json_escapes_them() {
        for b in 0..=0x7Fu8 {
            let s = format!("a{}b", char::from(b));
            assert_eq!(counted(&s), reference(&s), "byte {b:#04x}");
        }
        for s in ["", " ", "é", "日本", "\u{10FFFF}", "a b\t\"\\\u{7f}\u{80}"] {
            assert_eq!(counted(&s), reference(&s), "{s:?}");
        }
    }

    #[test]
    fn numbers_and_other_values_count_as_serde_json_writes_them() {
        for n in [0i64, 7, -7, 10, -10, 99, 100, i64::MAX, i64::MIN] {
            assert_eq!(counted(&n), reference(&n), "{n}");
        }
        assert_eq!(counted(&u128::MAX), reference(&u128::MAX));
        assert_eq!(counted(&i128::MIN), reference(&i128::MIN));
        for f in [1.5f64, -0.0, 1e300, f64::NAN] {
            assert_eq!(counted(&f), reference(&f), "{f}");
        }
        for raw in ["1.50", "-0", "1e400", "12345678901234567890123", "[1, 2]"] {
            let v: &serde_json::value::RawValue = serde_json::from_str(raw).unwrap();
            assert_eq!(counted(&v), reference(&v), "{raw}");
        }
        let value =
            serde_json::json!({"a": [1, "x", null, true, false, {}, []], "b c": {"d": 1.5}});
        assert_eq!(counted(&value), reference(&value));
        let bytes = serde_bytes_like(&[0, 9, 10, 255]);
        assert_eq!(counted(&bytes), reference(&bytes));
        let keys: std::collections::BTreeMap<i32, bool> = [(-1, true), (20, false)].into();
        assert_eq!(counted(&keys), reference(&keys));
        for shape in 0..7 {
            assert_eq!(
                counted(&Shape(shape)),
                reference(&Shape(shape)),
                "shape {shape}"
            );
        }
    }

    /// The serde shapes no document type uses, so that the counter stays
    /// right if one comes to use them.
    struct Shape(u8);

    impl Serialize for Shape {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            use ser::{SerializeStruct, SerializeStructVariant, SerializeTupleVariant};
            match self.0 {
                0 => s.serialize_unit_variant("E", 0, "Unit"),
                1 => s.serialize_newtype_variant("E", 1, "New", &[1, 2]),
                2 => {
                    let mut t = s.serialize_tuple_variant("E", 2, "Tup", 2)?;
                    t.serialize_field("x")?;
                    t.serialize_field(&3)?;
                    t.end()
                }
                3 => {
                    let mut t = s.serialize_struct_variant("E", 3, "St", 2)?;
                    t.serialize_field("a", &'c')?;
                    t.serialize_field("b \"", &())?;
                    t.end()
                }
                4 => {
                    let mut t = s.serialize_struct("S", 2)?;
                    t.serialize_field("a", &Some(1u8))?;
                    t.serialize_field("b", &None::<u8>)?;
                    t.end()
                }
                5 => (1, "two", [3.5f32]).serialize(s),
                _ => s.serialize_newtype_struct("N", "x y"),
            }
        }
    }

    fn serde_bytes_like(b: &[u8]) -> Bytes<'_> {
        Bytes(b)
    }

    struct Bytes<'a>(&'a [u8]);

    impl Serialize for Bytes<'_> {
        fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }

    /// The direct walk counts what the `Serialize` impls count: members
    /// in any order, unknown and repeated ones, fields set after reading
    /// (not in the layout), every kind of value.
    #[test]
    fn the_walk_agrees_with_serde() {
        let texts = [
            r#"{}"#,
            r#"{"Statement":[]}"#,
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}}"#,
            r#"{"Statement":[{"Sid":"a b\"\u0001\u00e9","Effect":"Deny","NotAction":["a:b","c:d"],"NotResource":[],"Principal":{"AWS":["1","2"]},"Condition":{"StringEquals":{"k":["v",1,true,null]}}}],"Id":"x"}"#,
            r#"{"Statement":{"Effect":"Allow","Effect":"Deny","Foo":[1,{"a":2.50}],"NotPrincipal":"*","Action":[]},"Bar":null,"Version":7}"#,
            r#"{"Statement":[{"Action":"a:b","Resource":"r","Action":"c:d"},{},{"Effect":"Maybe"}],"Statement":1}"#,
        ];
        for text in texts {
            let mut doc = PolicyDocument::from_json_str(text).unwrap();
            assert_eq!(count(&doc), count_by_serde(&doc), "{text}");
            // Set after reading: fields the layout does not place.
            doc.id = Some("new id".into());
            doc.push_statement(crate::policy::Statement::default())
                .unwrap();
            for s in doc.statements_mut() {
                s.sid = Some("S".into());
                s.resource = Some(OneOrMany::One("*".into()));
            }
            assert_eq!(count(&doc), count_by_serde(&doc), "{text} edited");
        }
    }
}
