//! Typed records that round-trip losslessly.
//!
//! A record is a struct of `Option` fields, one per JSON member the model
//! knows, plus a [`Layout`] that remembers how the object was written: the
//! order of its members and every member the model could not take (a key
//! it does not know, a second copy of a key, a value of the wrong JSON
//! type). Writing follows the layout, then adds fields set since in the
//! order they are declared; a record made by a builder has an empty layout
//! and so comes out in declaration order.
//!
//! Reading never fails: whatever does not fit is kept as raw JSON with the
//! reason, and `check` turns the reasons into findings with JSON Pointers.
//!
//! The [`record!`](crate::json::record::record) macro writes the struct,
//! its reader and its `Serialize`.

use super::parse::Parser;
use super::{Json, Number, Object};

/// Why a member was kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Why {
    /// The model has no field with this key.
    Unknown,
    /// The key already occurred in this object.
    Duplicate,
    /// The value does not have the JSON type the field takes.
    Mismatch(Mismatch),
}

/// Where, below a member, its value stopped fitting, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Mismatch {
    /// Pointer suffix relative to the member's value (`""` or `/2/name`).
    pub at: String,
    /// What the field takes, for example `an integer`.
    pub expected: &'static str,
    /// What was found, for example `a string`.
    pub found: &'static str,
}

impl Mismatch {
    pub(crate) fn new(expected: &'static str, found: &Json) -> Self {
        Mismatch {
            at: String::new(),
            expected,
            found: found.type_name(),
        }
    }

    /// The same mismatch one level further out, under `token`.
    pub(crate) fn under(mut self, token: &str) -> Self {
        self.at = format!("/{}{}", super::pointer::escape(token), self.at);
        self
    }
}

/// A member kept as raw JSON.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct RawMember {
    pub key: String,
    pub value: Json,
    pub why: Why,
}

/// One member of an object as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// A typed field, by its index in declaration order.
    Field(u8),
    /// A member kept as raw JSON.
    Raw(Box<RawMember>),
}

/// One member of an object as it was written, as [`Layout::slots`] gives
/// it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SlotRef<'a> {
    /// A typed field, by its index in declaration order.
    Field(u8),
    /// A member kept as raw JSON.
    Raw(&'a RawMember),
}

/// How an object was written; see the module docs.
///
/// Most objects are typed fields only, few of them, so their order is
/// packed into one word (`Packed`: the count in the low four bits, then
/// five bits per field index), with no allocation and nothing to follow
/// from the record; an object with a raw member, more than
/// [`PACKED_MAX`] members or a field index above 30 keeps a vector of
/// slots (`Slots`), as does one made with room for more than
/// [`PACKED_MAX`]. Equality and hashing compare the slots, not the form.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    repr: Repr,
}

#[derive(Debug, Clone)]
enum Repr {
    Packed(u64),
    Slots(Vec<Slot>),
}

/// How many fields a packed [`Layout`] holds: 12 indexes of five bits
/// after a four-bit count.
const PACKED_MAX: u64 = 12;

impl Default for Layout {
    fn default() -> Self {
        Layout {
            repr: Repr::Packed(0),
        }
    }
}

impl PartialEq for Layout {
    fn eq(&self, other: &Self) -> bool {
        let mut a = self.slots();
        let mut b = other.slots();
        loop {
            match (a.next(), b.next()) {
                (None, None) => return true,
                (Some(SlotRef::Field(x)), Some(SlotRef::Field(y))) if x == y => {}
                (Some(SlotRef::Raw(x)), Some(SlotRef::Raw(y))) if x == y => {}
                _ => return false,
            }
        }
    }
}

impl Eq for Layout {}

impl std::hash::Hash for Layout {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        for slot in self.slots() {
            match slot {
                SlotRef::Field(i) => (0u8, i).hash(state),
                SlotRef::Raw(r) => (1u8, r).hash(state),
            }
        }
    }
}

/// The slots of a [`Layout`] in order ([`Layout::slots`]).
#[derive(Clone)]
pub(crate) struct Slots<'a> {
    /// Packed field indexes still to give, five bits each.
    packed: u64,
    /// How many of them.
    left: u64,
    /// The slots of an unpacked layout.
    spill: std::slice::Iter<'a, Slot>,
}

impl<'a> Iterator for Slots<'a> {
    type Item = SlotRef<'a>;
    fn next(&mut self) -> Option<SlotRef<'a>> {
        if self.left > 0 {
            let i = (self.packed & 31) as u8;
            self.packed >>= 5;
            self.left -= 1;
            return Some(SlotRef::Field(i));
        }
        self.spill.next().map(|s| match s {
            Slot::Field(i) => SlotRef::Field(*i),
            Slot::Raw(r) => SlotRef::Raw(r),
        })
    }
}

impl Layout {
    pub(crate) fn with_capacity(n: usize) -> Self {
        if n as u64 <= PACKED_MAX {
            Layout::default()
        } else {
            Layout {
                repr: Repr::Slots(Vec::with_capacity(n)),
            }
        }
    }

    /// The members as written, in order.
    pub(crate) fn slots(&self) -> Slots<'_> {
        match &self.repr {
            Repr::Packed(w) => Slots {
                packed: w >> 4,
                left: w & 15,
                spill: [].iter(),
            },
            Repr::Slots(v) => Slots {
                packed: 0,
                left: 0,
                spill: v.iter(),
            },
        }
    }

    /// How many members were written.
    pub(crate) fn len(&self) -> usize {
        match &self.repr {
            Repr::Packed(w) => (w & 15) as usize,
            Repr::Slots(v) => v.len(),
        }
    }

    /// Adds a slot that the packed form cannot take (or to a layout
    /// already unpacked), unpacking first.
    fn push_slot(&mut self, slot: Slot) {
        match &mut self.repr {
            Repr::Slots(v) => v.push(slot),
            Repr::Packed(w) => {
                let (mut bits, n) = (*w >> 4, *w & 15);
                let mut v = Vec::with_capacity(n as usize + 4);
                for _ in 0..n {
                    v.push(Slot::Field((bits & 31) as u8));
                    bits >>= 5;
                }
                v.push(slot);
                self.repr = Repr::Slots(v);
            }
        }
    }

    pub(crate) fn push_field(&mut self, index: u8) {
        if let Repr::Packed(w) = &mut self.repr {
            let n = *w & 15;
            if n < PACKED_MAX && index <= 30 {
                *w = (*w + 1) | (u64::from(index) << (4 + 5 * n));
                return;
            }
        }
        self.push_slot(Slot::Field(index));
    }

    pub(crate) fn push_raw(&mut self, key: String, value: Json, why: Why) {
        self.push_slot(Slot::Raw(Box::new(RawMember { key, value, why })));
    }

    /// The members kept as raw JSON.
    pub(crate) fn raw(&self) -> impl Iterator<Item = &RawMember> {
        self.slots().filter_map(|s| match s {
            SlotRef::Raw(r) => Some(r),
            SlotRef::Field(_) => None,
        })
    }

    /// Whether nothing was kept raw.
    pub(crate) fn is_clean(&self) -> bool {
        self.raw().next().is_none()
    }

    /// Whether `raw` is a later copy of a key whose field (`keys[i]`) is no
    /// longer set (`set` has bit `i` clear): the field was removed after
    /// reading, and its extra copies go with it. Such a member is neither
    /// written nor checked.
    pub(crate) fn is_stale(raw: &RawMember, keys: &[&str], set: u128) -> bool {
        raw.why == Why::Duplicate
            && keys
                .iter()
                .position(|k| *k == raw.key)
                .is_some_and(|i| set & (1u128 << i) == 0)
    }
}

/// The member enum of a record: one variant per field, in declaration
/// order (generated by [`record!`]).
pub(crate) trait Member: Copy + 'static {
    /// The field's index in declaration order.
    fn index(self) -> usize;
}

/// A record made by [`record!`], as the check framework sees it.
pub(crate) trait Record {
    /// The record's member enum.
    type Member: Member;
    /// The JSON keys, in declaration order.
    const KEYS: &'static [&'static str];
    /// Every member, in declaration order (`MEMBERS[i].index() == i`).
    const MEMBERS: &'static [Self::Member];
    /// How the object was written.
    fn layout(&self) -> &Layout;
    /// The fields that are set, as a bit set by declaration index.
    fn set_fields(&self) -> u128;
    /// Whether the field of `member` is set.
    fn is_set(&self, member: Self::Member) -> bool;
}

/// A value that can be read from JSON without losing anything.
pub(crate) trait FromJson: Sized {
    /// `None` when [`FromJson::from_json`] would take `value`; otherwise
    /// where it does not fit and what was expected.
    fn mismatch(value: &Json) -> Option<Mismatch>;

    /// Takes `value`, or gives it back with the mismatch.
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)>;

    /// Reads the value at the parser's cursor: the typed value, or the
    /// value as [`Json`] with the mismatch. Only a JSON syntax error is an
    /// `Err`. The default reads a generic value and converts it; types on
    /// the hot path read themselves directly and, on a mismatch, go back
    /// and read the value generically.
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        Ok(Self::from_json(p.value()?))
    }

    /// Reads an array of values of this type (the cursor is at `[`), as
    /// `Vec<Self>`'s [`FromJson::read`] does: the vector, or the array as
    /// [`Json`] with the mismatch of its first element that does not fit.
    fn read_array(p: &mut Parser<'_>) -> crate::Result<Result<Vec<Self>, (Json, Mismatch)>> {
        let mark = p.mark();
        p.begin_array()?;
        let mut items = Vec::new();
        let mut first = true;
        while p.next_element(first)? {
            first = false;
            match Self::read(p)? {
                Ok(item) => items.push(item),
                Err(_) => return reread(p, mark),
            }
        }
        Ok(Ok(items))
    }
}

/// [`FromJson::read_array`] through `buffer`, a vector kept from one array
/// to the next (and one document to the next), so that a long array grows
/// no vector by doubling (each step a new allocation and a copy of what
/// was read): its items are moved into one vector of the exact length at
/// the end. A buffer grown beyond `kept` items is freed rather than kept.
/// Only for arrays whose items hold no array of the same type (the buffer
/// is taken while the array is read). `item` reads one element into the
/// default value it is given, in its place in the buffer (a large item,
/// such as a statement, is not built elsewhere and then copied in):
/// `false` when the element does not fit and nothing was read (the array
/// is then read again generically).
pub(crate) fn read_array_buffered<T: FromJson + Default>(
    p: &mut Parser<'_>,
    buffer: &'static std::thread::LocalKey<std::cell::Cell<Vec<T>>>,
    kept: usize,
    mut item: impl FnMut(&mut Parser<'_>, &mut T) -> crate::Result<bool>,
) -> crate::Result<Result<Vec<T>, (Json, Mismatch)>> {
    let mark = p.mark();
    p.begin_array()?;
    let mut items = buffer.take();
    items.clear();
    let mut first = true;
    let fits = loop {
        if !p.next_element(first)? {
            break true;
        }
        first = false;
        items.push(T::default());
        let at = items.len() - 1;
        if !item(p, &mut items[at])? {
            break false;
        }
    };
    // Moved out into a vector of the exact length (one copy of the bytes),
    // keeping the buffer (`mem::take` would give it away).
    let out = if fits {
        let mut v = Vec::with_capacity(items.len());
        v.append(&mut items);
        Some(v)
    } else {
        items.clear();
        None
    };
    if items.capacity() <= kept {
        buffer.set(items);
    }
    match out {
        Some(v) => Ok(Ok(v)),
        None => reread(p, mark),
    }
}

thread_local! {
    /// The strings of the array [`String`]'s [`FromJson::read_array`] is
    /// reading, kept from one array to the next (and one document to the
    /// next) so that a long array grows no vector by doubling: its strings
    /// are moved into one vector of the exact length at the end.
    static STRINGS: std::cell::Cell<Vec<String>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most strings [`STRINGS`] keeps room for between arrays (a larger
/// buffer is freed rather than kept).
const STRINGS_KEPT: usize = 4096;

/// Reads the value at `mark` again, generically, and returns it with its
/// mismatch: the slow path of a direct read that found a value it cannot
/// take.
pub(crate) fn reread<T: FromJson>(
    p: &mut Parser<'_>,
    mark: (usize, usize),
) -> crate::Result<Result<T, (Json, Mismatch)>> {
    p.rewind(mark);
    Ok(T::from_json(p.value()?))
}

impl FromJson for String {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() == Some(b'"') {
            Ok(Ok(p.string_value()?))
        } else {
            Ok(Self::from_json(p.value()?))
        }
    }
    fn read_array(p: &mut Parser<'_>) -> crate::Result<Result<Vec<Self>, (Json, Mismatch)>> {
        // The string read inline: through `String::read`'s `Result` it
        // measured 2.4 M instructions more per corpus pass.
        read_array_buffered(p, &STRINGS, STRINGS_KEPT, |p, slot| {
            if p.peek() == Some(b'"') {
                *slot = p.string_value()?;
                Ok(true)
            } else {
                Ok(false)
            }
        })
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::String(_) => None,
            other => Some(Mismatch::new("a string", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::String(s) => Ok(s),
            other => {
                let m = Mismatch::new("a string", &other);
                Err((other, m))
            }
        }
    }
}

impl FromJson for bool {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        match p.bool_value() {
            Some(b) => Ok(Ok(b)),
            None => Ok(Self::from_json(p.value()?)),
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Bool(_) => None,
            other => Some(Mismatch::new("a boolean (true or false)", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::Bool(b) => Ok(b),
            other => {
                let m = Mismatch::new("a boolean (true or false)", &other);
                Err((other, m))
            }
        }
    }
}

impl FromJson for i64 {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        let mark = p.mark();
        match p.number_text() {
            Some(text) => match Number::canonical_i64(text) {
                Some(n) => Ok(Ok(n)),
                None => reread(p, mark),
            },
            None => Ok(Self::from_json(p.value()?)),
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Number(n) if n.as_i64().is_some() => None,
            Json::Number(_) => Some(Mismatch {
                at: String::new(),
                expected: "an integer",
                found: "a number that is not an integer written plainly",
            }),
            other => Some(Mismatch::new("an integer", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        if let Json::Number(n) = &value {
            if let Some(i) = n.as_i64() {
                return Ok(i);
            }
        }
        let m = Self::mismatch(&value).unwrap_or(Mismatch::new("an integer", &value));
        Err((value, m))
    }
}

impl FromJson for Number {
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Number(_) => None,
            other => Some(Mismatch::new("a number", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        match value {
            Json::Number(n) => Ok(n),
            other => {
                let m = Mismatch::new("a number", &other);
                Err((other, m))
            }
        }
    }
}

impl FromJson for Json {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        Ok(Ok(p.value()?))
    }
    fn mismatch(_: &Json) -> Option<Mismatch> {
        None
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        Ok(value)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn read(p: &mut Parser<'_>) -> crate::Result<Result<Self, (Json, Mismatch)>> {
        if p.peek() != Some(b'[') {
            return Ok(Self::from_json(p.value()?));
        }
        T::read_array(p)
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, item)| T::mismatch(item).map(|m| m.under(&i.to_string()))),
            other => Some(Mismatch::new("an array", other)),
        }
    }
    fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
        if let Some(m) = Self::mismatch(&value) {
            return Err((value, m));
        }
        match value {
            // `mismatch` accepted every element, so each conversion succeeds.
            Json::Array(items) => Ok(items
                .into_iter()
                .filter_map(|item| T::from_json(item).ok())
                .collect()),
            other => {
                let m = Mismatch::new("an array", &other);
                Err((other, m))
            }
        }
    }
}

/// Reads an object member by member: each key the record knows goes to its
/// field (once), everything else is kept raw. `index` maps a key to its
/// field; a record has at most 128 fields. Used by [`record!`].
pub(crate) fn read_members(
    object: Object,
    index: impl Fn(&str) -> Option<u8>,
    layout: &mut Layout,
    mut take: impl FnMut(u8, Json) -> Result<(), (Json, Mismatch)>,
) {
    let mut seen: u128 = 0;
    for (key, value) in object {
        match index(&key) {
            Some(i) => {
                let bit = 1u128 << i;
                if seen & bit != 0 {
                    layout.push_raw(key, value, Why::Duplicate);
                } else {
                    match take(i, value) {
                        Ok(()) => {
                            seen |= bit;
                            layout.push_field(i);
                        }
                        Err((value, m)) => layout.push_raw(key, value, Why::Mismatch(m)),
                    }
                }
            }
            None => layout.push_raw(key, value, Why::Unknown),
        }
    }
}

/// Reads a whole document of record type `T` from `text`: the typed value,
/// or [`Error::Json`](crate::Error::Json) for text that is not JSON or
/// whose top level is not what `T` takes (`expected` names it, as in
/// `expected an object, found an array`).
pub(crate) fn read_document<T: FromJson>(text: &str, expected: &str) -> crate::Result<T> {
    let mut p = Parser::new(text)?;
    let out = match T::read(&mut p)? {
        Ok(v) => v,
        Err((json, _)) => {
            return Err(super::parse::top_level_error(
                text,
                format!("expected {expected}, found {}", json.type_name()),
            ))
        }
    };
    p.finish()?;
    Ok(out)
}

/// Reads an object straight from the parser (the cursor is at `{`), as
/// [`read_members`] does from a parsed [`Object`]. Used by [`record!`].
pub(crate) fn read_members_from(
    p: &mut Parser<'_>,
    index: impl Fn(&str) -> Option<u8>,
    layout: &mut Layout,
    mut take: impl FnMut(u8, &mut Parser<'_>) -> crate::Result<Result<(), (Json, Mismatch)>>,
) -> crate::Result<()> {
    let mut seen: u128 = 0;
    p.begin_object()?;
    let mut first = true;
    while let Some(key) = p.next_key(first)? {
        first = false;
        match index(&key) {
            Some(i) => {
                let bit = 1u128 << i;
                if seen & bit != 0 {
                    let value = p.value()?;
                    layout.push_raw(key.into_owned(), value, Why::Duplicate);
                } else {
                    match take(i, p)? {
                        Ok(()) => {
                            seen |= bit;
                            layout.push_field(i);
                        }
                        Err((value, m)) => {
                            layout.push_raw(key.into_owned(), value, Why::Mismatch(m))
                        }
                    }
                }
            }
            None => {
                let value = p.value()?;
                layout.push_raw(key.into_owned(), value, Why::Unknown);
            }
        }
    }
    Ok(())
}

impl Layout {
    /// The keys as written, in order: `names[i]` for field `i`, the key of
    /// each raw member.
    pub(crate) fn keys<'a>(
        &'a self,
        names: &'static [&'static str],
    ) -> impl Iterator<Item = &'a str> + Clone {
        self.slots().map(move |s| match s {
            SlotRef::Field(i) => names.get(usize::from(i)).copied().unwrap_or_default(),
            SlotRef::Raw(r) => r.key.as_str(),
        })
    }

    /// The fields that have a slot, as a bit set.
    pub(crate) fn field_mask(&self) -> u128 {
        self.slots().fold(0, |m, s| match s {
            SlotRef::Field(i) => m | (1u128 << i),
            SlotRef::Raw(_) => m,
        })
    }
}

/// Defines a lossless record: the struct (public `Option` fields plus a
/// hidden [`Layout`]), `KEYS`, [`FromJson`], `from_object` and `Serialize`.
///
/// ```text
/// record! {
///     /// A port mapping.
///     pub struct PortMapping {
///         /// The port in the container. Optional.
///         container_port: i64 = "containerPort",
///     }
/// }
/// ```
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $(
                $(#[$fmeta:meta])*
                $field:ident : $ty:ty = $key:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                pub $field: Option<$ty>,
            )*
            pub(crate) layout: $crate::json::record::Layout,
        }

        const _: () = {
            /// The record's members, one per field, named after it.
            #[allow(non_camel_case_types, clippy::enum_variant_names, dead_code)]
            #[derive(Clone, Copy, Debug, PartialEq, Eq)]
            #[repr(u8)]
            pub enum __Field { $($field,)* }

            impl $crate::json::record::Member for __Field {
                fn index(self) -> usize {
                    self as usize
                }
            }

            impl $crate::json::record::Record for $name {
                type Member = __Field;
                const KEYS: &'static [&'static str] = &[$($key),*];
                const MEMBERS: &'static [__Field] = &[$(__Field::$field),*];
                fn layout(&self) -> &$crate::json::record::Layout {
                    &self.layout
                }
                fn set_fields(&self) -> u128 {
                    $name::set_fields(self)
                }
                fn is_set(&self, member: __Field) -> bool {
                    match member {
                        $(__Field::$field => self.$field.is_some(),)*
                    }
                }
            }

            const _: () = assert!(
                [$(__Field::$field),*].len() <= 128,
                "a record has at most 128 fields"
            );

            impl $name {
                /// The JSON keys this type models, in the order it writes them.
                pub const KEYS: &'static [&'static str] = &[$($key),*];

                /// Reads an object; never fails (see the `json::record` docs).
                pub(crate) fn from_object(object: $crate::json::Object) -> Self {
                    let mut out = Self {
                        layout: $crate::json::record::Layout::with_capacity(object.len()),
                        ..Self::default()
                    };
                    let mut layout = std::mem::take(&mut out.layout);
                    $crate::json::record::read_members(object, Self::__index, &mut layout, |i, value| {
                        $(
                            if i == __Field::$field as u8 {
                                out.$field = Some(
                                    <$ty as $crate::json::record::FromJson>::from_json(value)?,
                                );
                                return Ok(());
                            }
                        )*
                        Err((value, $crate::json::record::Mismatch {
                            at: String::new(),
                            expected: "a known field",
                            found: "an unknown one",
                        }))
                    });
                    out.layout = layout;
                    out
                }

                /// Reads an object straight from the parser (the cursor is at
                /// `{`); only a JSON syntax error fails.
                #[allow(dead_code)]
                pub(crate) fn read_object(
                    p: &mut $crate::json::parse::Parser<'_>,
                ) -> $crate::Result<Self> {
                    let mut out = Self::default();
                    Self::read_object_into(p, &mut out)?;
                    Ok(out)
                }

                /// [`Self::read_object`] into `out`, a default value (the
                /// fields read are set, the layout replaced), in place.
                #[allow(dead_code)]
                pub(crate) fn read_object_into(
                    p: &mut $crate::json::parse::Parser<'_>,
                    out: &mut Self,
                ) -> $crate::Result<()> {
                    let mut layout = $crate::json::record::Layout::with_capacity(8);
                    $crate::json::record::read_members_from(p, Self::__index, &mut layout, |i, p| {
                        $(
                            if i == __Field::$field as u8 {
                                return Ok(
                                    <$ty as $crate::json::record::FromJson>::read(p)?
                                        .map(|v| out.$field = Some(v)),
                                );
                            }
                        )*
                        Ok(Err(($crate::json::Json::Null, $crate::json::record::Mismatch {
                            at: String::new(),
                            expected: "a known field",
                            found: "an unknown one",
                        })))
                    })?;
                    out.layout = layout;
                    Ok(())
                }

                fn __index(key: &str) -> Option<u8> {
                    match key {
                        $($key => Some(__Field::$field as u8),)*
                        _ => None,
                    }
                }

                /// The fields that are set, as a bit set by declaration index.
                pub(crate) fn set_fields(&self) -> u128 {
                    let mut set = 0u128;
                    $(
                        if self.$field.is_some() {
                            set |= 1u128 << (__Field::$field as u8);
                        }
                    )*
                    set
                }

                fn __write_field<M: serde::ser::SerializeMap>(
                    &self,
                    i: u8,
                    map: &mut M,
                ) -> Result<(), M::Error> {
                    $(
                        if i == __Field::$field as u8 {
                            if let Some(v) = &self.$field {
                                map.serialize_entry($key, v)?;
                            }
                            return Ok(());
                        }
                    )*
                    Ok(())
                }
            }

            impl $crate::json::record::FromJson for $name {
                fn read(
                    p: &mut $crate::json::parse::Parser<'_>,
                ) -> $crate::Result<Result<Self, ($crate::json::Json, $crate::json::record::Mismatch)>> {
                    if p.peek() == Some(b'{') {
                        Ok(Ok(Self::read_object(p)?))
                    } else {
                        Ok(<Self as $crate::json::record::FromJson>::from_json(p.value()?))
                    }
                }
                fn mismatch(value: &$crate::json::Json) -> Option<$crate::json::record::Mismatch> {
                    match value {
                        $crate::json::Json::Object(_) => None,
                        other => Some($crate::json::record::Mismatch::new("an object", other)),
                    }
                }
                fn from_json(
                    value: $crate::json::Json,
                ) -> Result<Self, ($crate::json::Json, $crate::json::record::Mismatch)> {
                    match value {
                        $crate::json::Json::Object(o) => Ok(Self::from_object(o)),
                        other => {
                            let m = $crate::json::record::Mismatch::new("an object", &other);
                            Err((other, m))
                        }
                    }
                }
            }

            impl serde::Serialize for $name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    use serde::ser::SerializeMap;
                    let mut map = s.serialize_map(None)?;
                    let written = self.layout.field_mask();
                    let set = self.set_fields();
                    for slot in self.layout.slots() {
                        match slot {
                            $crate::json::record::SlotRef::Field(i) => self.__write_field(i, &mut map)?,
                            $crate::json::record::SlotRef::Raw(raw) => {
                                if !$crate::json::record::Layout::is_stale(raw, Self::KEYS, set) {
                                    map.serialize_entry(&raw.key, &raw.value)?
                                }
                            }
                        }
                    }
                    $(
                        if self.$field.is_some() && written & (1u128 << (__Field::$field as u8)) == 0 {
                            self.__write_field(__Field::$field as u8, &mut map)?;
                        }
                    )*
                    map.end()
                }
            }
        };
    };
}

pub(crate) use record;

#[cfg(test)]
mod tests {
    use super::*;

    record! {
        /// A test record.
        pub struct Sample {
            /// A string.
            name: String = "name",
            /// An integer.
            count: i64 = "count",
            /// A list.
            tags: Vec<String> = "tags",
            /// A nested record.
            inner: Sample2 = "inner",
        }
    }

    record! {
        /// Nested.
        pub struct Sample2 {
            /// A flag.
            on: bool = "on",
        }
    }

    fn read(text: &str) -> Sample {
        match Json::parse(text).unwrap() {
            Json::Object(o) => Sample::from_object(o),
            _ => unreachable!("test input is an object"),
        }
    }

    #[test]
    fn round_trips_order_unknowns_duplicates_and_mismatches() {
        let text = r#"{"x":1,"count":2,"name":"a","tags":["a",3],"count":5,"inner":{"on":true,"z":null},"count2":1.0}"#;
        let s = read(text);
        assert_eq!(serde_json::to_string(&s).unwrap(), text);
        assert_eq!(s.count, Some(2));
        assert_eq!(s.name.as_deref(), Some("a"));
        assert_eq!(s.tags, None);
        assert_eq!(s.inner.as_ref().and_then(|i| i.on), Some(true));
        let raw: Vec<(&str, &Why)> = s.layout.raw().map(|r| (r.key.as_str(), &r.why)).collect();
        let tags = Why::Mismatch(Mismatch {
            at: "/1".to_owned(),
            expected: "a string",
            found: "a number",
        });
        assert_eq!(
            raw,
            [
                ("x", &Why::Unknown),
                ("tags", &tags),
                ("count", &Why::Duplicate),
                ("count2", &Why::Unknown),
            ]
        );
    }

    #[test]
    fn keys_are_the_declared_json_names_in_order() {
        assert_eq!(Sample::KEYS, ["name", "count", "tags", "inner"]);
        assert_eq!(Sample2::KEYS, ["on"]);
    }

    #[test]
    fn built_records_use_declaration_order_and_skip_absent_fields() {
        let s = Sample {
            inner: Some(Sample2 {
                on: Some(false),
                ..Sample2::default()
            }),
            name: Some("n".into()),
            ..Sample::default()
        };
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            r#"{"name":"n","inner":{"on":false}}"#
        );
    }

    #[test]
    fn fields_set_after_reading_come_after_the_written_ones() {
        let mut s = read(r#"{"count":1}"#);
        s.name = Some("later".into());
        s.count = None;
        assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"name":"later"}"#);
    }

    #[test]
    fn integers_that_are_not_plain_are_kept_raw() {
        for n in ["1.0", "-0", "1e3", "99999999999999999999"] {
            let text = format!(r#"{{"count":{n}}}"#);
            let s = read(&text);
            assert_eq!(s.count, None);
            assert_eq!(serde_json::to_string(&s).unwrap(), text);
        }
    }

    #[test]
    fn string_arrays_read_through_the_kept_buffer_see_only_their_own() {
        let direct = |text: &str| read_document::<Sample>(text, "an object").unwrap();
        let long: Vec<String> = (0..100).map(|i| format!("t{i}")).collect();
        let text = serde_json::json!({ "tags": long }).to_string();
        assert_eq!(direct(&text).tags.as_deref(), Some(&long[..]));
        // An array with an element that is not a string is kept raw, as
        // written; the strings read before it go nowhere.
        let text = r#"{"tags":["a","b",1,"c"],"name":"n"}"#;
        let s = direct(text);
        assert_eq!(s.tags, None);
        assert_eq!(s.name.as_deref(), Some("n"));
        assert_eq!(serde_json::to_string(&s).unwrap(), text);
        for text in [
            r#"{"tags":["x"]}"#,
            r#"{"tags":[]}"#,
            r#"{"tags":["y","z"]}"#,
        ] {
            let s = direct(text);
            assert_eq!(serde_json::to_string(&s).unwrap(), text);
            assert_eq!(s, read(text));
        }
        // A larger array than the buffer keeps room for between arrays.
        let huge: Vec<String> = (0..STRINGS_KEPT + 10).map(|i| i.to_string()).collect();
        let text = serde_json::json!({ "tags": huge }).to_string();
        assert_eq!(direct(&text).tags.map(|t| t.len()), Some(huge.len()));
        assert_eq!(
            direct(r#"{"tags":["q"]}"#).tags,
            Some(vec!["q".to_string()])
        );
    }

    /// What a layout was built from: `Some(i)` a field, `None` a raw member.
    fn build(pushes: &[Option<u8>]) -> Layout {
        let mut l = Layout::with_capacity(pushes.len());
        for (n, p) in pushes.iter().enumerate() {
            match p {
                Some(i) => l.push_field(*i),
                None => l.push_raw(format!("k{n}"), Json::Null, Why::Unknown),
            }
        }
        l
    }

    fn seen(l: &Layout) -> Vec<Option<u8>> {
        l.slots()
            .map(|s| match s {
                SlotRef::Field(i) => Some(i),
                SlotRef::Raw(_) => None,
            })
            .collect()
    }

    #[test]
    fn layouts_pack_small_field_orders_and_unpack_the_rest() {
        let packed = build(&[Some(3), Some(0), Some(8)]);
        assert!(matches!(packed.repr, Repr::Packed(_)));
        assert_eq!(seen(&packed), [Some(3), Some(0), Some(8)]);
        assert_eq!(packed.len(), 3);
        // Twelve fields pack, the thirteenth unpacks; an index above 30
        // and a raw member unpack too, keeping what came before.
        let twelve: Vec<_> = (0..12).map(Some).collect();
        assert!(matches!(build(&twelve).repr, Repr::Packed(_)));
        let thirteen: Vec<_> = (0..13).map(Some).collect();
        assert!(matches!(build(&thirteen).repr, Repr::Slots(_)));
        assert_eq!(seen(&build(&thirteen)), thirteen);
        assert_eq!(seen(&build(&[Some(1), Some(31)])), [Some(1), Some(31)]);
        assert_eq!(seen(&build(&[Some(30), None])), [Some(30), None]);
        assert_eq!(build(&[Some(2), None]).len(), 2);
    }

    proptest::proptest! {
        #[test]
        fn a_layout_gives_back_its_pushes_and_compares_by_them(
            a in proptest::collection::vec(proptest::option::weighted(0.9, 0u8..40), 0..20),
            b in proptest::collection::vec(proptest::option::weighted(0.9, 0u8..40), 0..20),
        ) {
            let (la, lb) = (build(&a), build(&b));
            proptest::prop_assert_eq!(seen(&la), a.clone());
            proptest::prop_assert_eq!(la.len(), a.len());
            // Raw members differ by key (their position), so two layouts
            // are equal exactly when their pushes are.
            proptest::prop_assert_eq!(la == lb, a == b);
            proptest::prop_assert_eq!(la.clone(), la);
        }
    }
}
