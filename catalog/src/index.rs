//! A lookup index over a [`Catalog`], built from its public API as the
//! catalogue checks need it and kept with it, for the check's hot questions
//! (issue 12): whether `service:Name` is an action (a hash lookup instead
//! of two binary searches), the ARN templates and condition keys of an
//! action, and the ARN formats of a service field whose literal beginning
//! agrees with a resource's (so that a resource is compared with the few
//! formats that can fit, not all of its service's).
//!
//! It is built in parts, so that a check decodes only the chunks of the
//! catalogue it looks into: a top part from what the catalogue knows
//! without decoding (the service prefixes and their chunks, the ARN service
//! fields), then one [`Index`] per chunk of services (its actions) and one
//! per ARN service field (its formats, from the chunks that have some), each
//! on its first use.

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use iam_ecs::policy::{ArnFormat, KeyInfo};

use crate::{text_at, Catalog};

/// The index cell of a [`Catalog`]: empty until the first use, and not part
/// of the catalogue's value (a clone starts empty, comparisons ignore it).
#[derive(Default)]
pub(crate) struct IndexCell(OnceLock<Top>);

impl IndexCell {
    /// The index of `cat` (whose cell this is): its top part built on first
    /// use, the others as they are asked for.
    pub(crate) fn get<'a>(&'a self, cat: &'a Catalog) -> Lookup<'a> {
        Lookup {
            cat,
            top: self.0.get_or_init(|| Top::build(cat)),
        }
    }

    /// How many parts have been built: (chunks, ARN service fields).
    #[cfg(test)]
    fn built(&self) -> (usize, usize) {
        self.0.get().map_or((0, 0), |t| {
            let n = |v: &[OnceLock<Index>]| v.iter().filter(|x| x.get().is_some()).count();
            (n(&t.chunks), n(&t.field_ix))
        })
    }
}

impl Clone for IndexCell {
    fn clone(&self) -> Self {
        IndexCell::default()
    }
}

impl PartialEq for IndexCell {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for IndexCell {}

impl fmt::Debug for IndexCell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "IndexCell(built)"
        } else {
            "IndexCell(empty)"
        })
    }
}

/// The top part: what the catalogue knows without decoding a chunk.
struct Top {
    /// The lowercased prefixes and ARN service fields.
    text: String,
    /// Each service's lowercased prefix, chunk and number in its chunk, in
    /// the catalogue's order.
    services: Vec<(Str, u32, u32)>,
    service_table: Table,
    /// The services whose prefix has at most sixteen bytes, by the prefix
    /// as two words ([`short_key`], lowercased): (words, length, service +
    /// 1, 0 for an empty slot), a power of two long, probed linearly.
    short: Vec<(u64, u64, u32, u32)>,
    /// Each ARN service field, lowercased, once.
    fields: Vec<Str>,
    field_table: Table,
    /// The fields of at most sixteen bytes as `short` keeps the services.
    short_fields: Vec<(u64, u64, u32, u32)>,
    /// The index of each chunk, built on first use.
    chunks: Box<[OnceLock<Index>]>,
    /// The index of each of `fields` (its formats), built on first use.
    field_ix: Box<[OnceLock<Index>]>,
    /// The global condition keys, on first use.
    globals: OnceLock<Keys>,
}

impl Top {
    fn build(cat: &Catalog) -> Top {
        let mut text = String::new();
        let services: Vec<(Str, u32, u32)> = cat
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let p = Index::push(&mut text, text_at(&cat.text, s.prefix), true);
                let first = cat
                    .chunks
                    .get(s.chunk as usize)
                    .map_or(i, |c| c.services.range().start);
                (p, s.chunk, i.saturating_sub(first) as u32)
            })
            .collect();
        let mut service_table = Table::with_entries(services.len());
        for (i, &(p, ..)) in services.iter().enumerate() {
            let k = &text[p.off as usize..(p.off + p.len) as usize];
            service_table.insert(hash(k.as_bytes()), i as u32, |e| {
                let q = services[e as usize].0;
                &text[q.off as usize..(q.off + q.len) as usize] == k
            });
        }
        let short = short_table(services.iter().map(|&(p, ..)| Self::bytes(&text, p)));
        // `arn_fields` is sorted by field ignoring case: each field once.
        let mut fields: Vec<Str> = Vec::new();
        for (f, _) in &cat.arn_fields {
            let f = text_at(&cat.text, *f);
            let same = fields.last().is_some_and(|&l| {
                text[l.off as usize..(l.off + l.len) as usize].eq_ignore_ascii_case(f)
            });
            if !same {
                fields.push(Index::push(&mut text, f, true));
            }
        }
        let mut field_table = Table::with_entries(fields.len());
        for (i, _) in fields.iter().enumerate() {
            field_table.insert(
                hash(Self::str(&text, fields[i]).as_bytes()),
                i as u32,
                |_| false,
            );
        }
        let short_fields = short_table(fields.iter().map(|&f| Self::bytes(&text, f)));
        Top {
            short_fields,
            chunks: (0..cat.chunks.len()).map(|_| OnceLock::new()).collect(),
            field_ix: (0..fields.len()).map(|_| OnceLock::new()).collect(),
            globals: OnceLock::new(),
            text,
            services,
            service_table,
            short,
            fields,
            field_table,
        }
    }

    fn str(text: &str, s: Str) -> &str {
        &text[s.off as usize..(s.off + s.len) as usize]
    }

    /// `s` in `text`, as bytes (no check of UTF-8 boundaries).
    fn bytes(text: &str, s: Str) -> &[u8] {
        text.as_bytes()
            .get(s.off as usize..(s.off + s.len) as usize)
            .unwrap_or_default()
    }

    /// The number of the service whose prefix (ignoring case) is
    /// `prefix`: a prefix of at most eight bytes compared as one word.
    #[inline]
    fn service_of(&self, prefix: &str) -> Option<u32> {
        let b = prefix.as_bytes();
        let Some((w, v)) = short_key(b) else {
            return self.service(hash(b), prefix);
        };
        self.service_words(lower_word(w), lower_word(v), b.len() as u32)
    }

    /// The number of the service whose prefix of `n` (at most sixteen)
    /// bytes, lowercased, is the words `w` and `v` ([`short_key`]).
    fn service_words(&self, w: u64, v: u64, n: u32) -> Option<u32> {
        short_find(&self.short, w, v, n)
    }

    /// The number of the service whose prefix (ignoring case) is `prefix`,
    /// `h` being [`hash`] of it.
    fn service(&self, h: u64, prefix: &str) -> Option<u32> {
        self.service_table.find(h, |e| {
            self.services
                .get(e as usize)
                .is_some_and(|s| eq_lower(Self::bytes(&self.text, s.0), prefix.as_bytes()))
        })
    }
}

/// The index of a catalogue, as [`IndexCell::get`] gives it.
#[derive(Clone, Copy)]
pub(crate) struct Lookup<'a> {
    cat: &'a Catalog,
    top: &'a Top,
}

/// An action found in the index: its chunk's index and its number there.
#[derive(Clone, Copy)]
pub(crate) struct ActRef<'a> {
    ix: &'a Index,
    a: u32,
    /// Its chunk.
    chunk: u32,
}

impl<'a> Lookup<'a> {
    /// The index of chunk `c`, built on first use.
    fn chunk(&self, c: u32) -> &'a Index {
        self.top.chunks[c as usize].get_or_init(|| {
            let r = self.cat.chunks[c as usize].services.range();
            Index::build(self.cat, r, None)
        })
    }

    /// Whether a service has the prefix `prefix` (ignoring case), without
    /// decoding its chunk.
    pub(crate) fn has_service(&self, prefix: &str) -> bool {
        self.top.service_of(prefix).is_some()
    }

    /// The action `service:name` (ignoring case): the service found in the
    /// top part, then the name among the actions of that service in its
    /// chunk (the service is not compared again).
    pub(crate) fn action(&self, service: &str, name: &str) -> Option<ActRef<'a>> {
        let s = self.top.service_of(service)?;
        self.action_of(s, name)
    }

    /// The action `action` whose first colon is at `colon` (ignoring
    /// case), as [`Lookup::action`] finds it: a service of at most sixteen
    /// bytes in an action of sixteen or more is read as the action's first
    /// two words, masked.
    #[inline]
    pub(crate) fn action_at(&self, action: &str, colon: usize) -> Option<ActRef<'a>> {
        let b = action.as_bytes();
        let (Some(x), Some(y), true) = (b.get(..8), b.get(8..16), colon <= 16) else {
            let (service, name) = (action.get(..colon)?, action.get(colon + 1..)?);
            return self.action(service, name);
        };
        let word = |x: &[u8]| {
            let mut a = [0u8; 8];
            a.copy_from_slice(x);
            u64::from_le_bytes(a)
        };
        // The first `n` bytes of a word (all when `n` is eight or more).
        let keep = |w: u64, n: usize| {
            if n >= 8 {
                w
            } else {
                w & ((1u64 << (8 * n)) - 1)
            }
        };
        let (w, v) = (keep(word(x), colon), keep(word(y), colon.saturating_sub(8)));
        let s = self
            .top
            .service_words(lower_word(w), lower_word(v), colon as u32)?;
        self.action_of(s, action.get(colon + 1..)?)
    }

    /// The action `name` of the service numbered `s`.
    #[inline]
    fn action_of(&self, s: u32, name: &str) -> Option<ActRef<'a>> {
        let &(_, chunk, svc) = self.top.services.get(s as usize)?;
        let ix = self.chunk(chunk);
        let a = ix.action_h(svc, name.as_bytes())?;
        Some(ActRef { ix, a, chunk })
    }

    /// What the catalogue says of condition key `name`, as
    /// [`Catalog::condition_key`] answers: the keys of its service, then
    /// the global keys.
    pub(crate) fn condition_key(&self, name: &str) -> Option<KeyInfo> {
        let svc = &name[..crate::service_catalog::first_colon(name.as_bytes())?];
        if let Some(s) = self.top.service_of(svc) {
            let chunk = self.top.services[s as usize].1;
            let first = self.cat.chunks[chunk as usize].services.range().start;
            let keys = self.chunk(chunk).services[s as usize - first]
                .keys
                .get_or_init(|| match self.cat.services().nth(s as usize) {
                    Some(svc) => Keys::build(svc.condition_keys()),
                    None => Keys::build(std::iter::empty()),
                });
            if let Some(k) = keys.find(name) {
                return Some(k);
            }
        }
        self.top
            .globals
            .get_or_init(|| Keys::build(self.cat.global_keys()))
            .find(name)
    }

    /// The action whose [`ActRef::id`] is `id`.
    pub(crate) fn by_id(&self, id: u64) -> Option<ActRef<'a>> {
        let (chunk, a) = ((id >> 32) as u32, id as u32);
        if chunk as usize >= self.top.chunks.len() {
            return None;
        }
        let ix = self.chunk(chunk);
        ((a as usize) < ix.actions.len()).then_some(ActRef { ix, a, chunk })
    }

    /// The action `pattern` (`service:Name`, no wildcard).
    pub(crate) fn literal_action(&self, pattern: &str) -> Option<ActRef<'a>> {
        let (s, n) = pattern.split_once(':')?;
        self.action(s, n)
    }

    /// Calls `f` with the prefix of each service that has an action `name`
    /// (ignoring case), in the catalogue's order (every chunk is looked
    /// into).
    pub(crate) fn services_with_action(&self, name: &str, f: &mut dyn FnMut(&str)) {
        // The name hashed once for all the chunks.
        let h = hash_name(0, name.as_bytes());
        for (c, chunk) in self.cat.chunks.iter().enumerate() {
            let start = chunk.services.range().start;
            self.chunk(c as u32)
                .services_with_action(h, name.as_bytes(), &mut |s| {
                    if let Some(svc) = self.cat.services.get(start + s as usize) {
                        f(text_at(&self.cat.text, svc.prefix));
                    }
                });
        }
    }

    /// Whether the action pattern `service:name` with a literal service
    /// and a wildcard in `name` matches an action (`None` for another
    /// pattern), as [`Index::matches_any_in`] answers in the chunk of the
    /// service.
    pub(crate) fn matches_any(&self, pattern: &str) -> Option<bool> {
        let (svc, name) = pattern.split_once(':')?;
        if crate::service_catalog::wild(svc) {
            return None;
        }
        // The service found once, its number in its chunk given.
        let Some(s) = self.top.service_of(svc) else {
            return Some(false);
        };
        let chunk = self.top.services[s as usize].1;
        let first = self.cat.chunks[chunk as usize].services.range().start;
        Some(self.chunk(chunk).matches_any_in(s as usize - first, name))
    }

    /// Calls `f` with each ARN template of the service field `field`
    /// (ignoring case) whose resource part may meet `resource`, as
    /// [`Index::field_templates_near`] does, with the index of the field
    /// (built on first use from the chunks that have formats of it).
    pub(crate) fn arn_templates(
        &self,
        field: &str,
        resource: Option<&str>,
        f: &mut dyn FnMut(&str) -> bool,
    ) {
        if let Some(ix) = self.field(field) {
            ix.field_templates_near(resource, |t| f(ix.get(ix.templates[t as usize].text)));
        }
    }

    /// As [`Lookup::arn_templates`] near `resource`, each template split
    /// (those that are no ARN left out).
    pub(crate) fn arn_formats(
        &self,
        field: &str,
        resource: &str,
        f: &mut dyn FnMut(&ArnFormat<'a>) -> bool,
    ) {
        if let Some(ix) = self.field(field) {
            ix.field_templates_near(Some(resource), |t| ix.format(t).is_some_and(|x| f(&x)));
        }
    }

    /// The index of the ARN service field `field` (ignoring case), built
    /// on first use from the chunks that have formats of it.
    fn field(&self, field: &str) -> Option<&'a Index> {
        let top = self.top;
        let b = field.as_bytes();
        let i = match short_key(b) {
            Some((w, v)) => short_find(
                &top.short_fields,
                lower_word(w),
                lower_word(v),
                b.len() as u32,
            ),
            None => top.field_table.find(hash(b), |e| {
                eq_lower(Top::bytes(&top.text, top.fields[e as usize]), b)
            }),
        }?;
        Some(top.field_ix[i as usize].get_or_init(|| {
            Index::build(
                self.cat,
                0..0,
                Some(Top::str(&top.text, top.fields[i as usize])),
            )
        }))
    }
}

impl<'a> ActRef<'a> {
    /// A number for the action, unique in the catalogue: its chunk and its
    /// number there.
    pub(crate) fn id(&self) -> u64 {
        u64::from(self.chunk) << 32 | u64::from(self.a)
    }

    /// As [`Index::action_resources`].
    pub(crate) fn action_resources(&self, f: &mut dyn FnMut(&str, &str) -> bool) -> bool {
        self.ix.action_resources(self.a, f)
    }

    /// As [`ActRef::action_resources`], each template split (those that
    /// are no ARN left out), without the resource type.
    pub(crate) fn action_formats(&self, f: &mut dyn FnMut(&ArnFormat<'a>) -> bool) {
        let ix = self.ix;
        for ty in ix.types_of(self.a) {
            for &t in &ix.type_templates[ty.templates.start as usize..ty.templates.end as usize] {
                if ix.format(t).is_some_and(|x| f(&x)) {
                    return;
                }
            }
        }
    }

    /// The prefix of its service, lowercased.
    pub(crate) fn prefix(&self) -> &str {
        let svc = self.ix.actions[self.a as usize].svc;
        self.ix.get(self.ix.services[svc as usize].lower)
    }

    /// Whether a name of its chunk has a wildcard (`*`, `?`; no AWS name
    /// has): then a pattern may find an action by its text.
    pub(crate) fn wild_names(&self) -> bool {
        self.ix.wild_names
    }

    /// As [`Index::takes_only_star`].
    pub(crate) fn takes_only_star(&self) -> bool {
        self.ix.takes_only_star(self.a)
    }

    /// As [`Index::supports_key`].
    pub(crate) fn supports_key(&self, key: &str) -> bool {
        self.ix.supports_key(self.a, key)
    }
}

/// A string in [`Index::text`].
#[derive(Clone, Copy, Default)]
struct Str {
    off: u32,
    len: u32,
}

/// An open-addressing hash table of entry numbers, keyed by text ignoring
/// ASCII case (FNV-1a of the lowercased bytes).
#[derive(Default)]
struct Table {
    /// (The high half of the entry's hash, entry number + 1), the number
    /// 0 for an empty slot; a power of two long. A probe compares the
    /// texts only when the hashes' halves agree.
    slots: Vec<(u32, u32)>,
}

const K: u64 = 0x517c_c1b7_2722_0a95;

/// A hash of `bytes` that ignores ASCII case (each byte's 0x20 bit set:
/// case variants collide, as they must), eight bytes at a time.
fn hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ (u64::from_le_bytes(w) | 0x2020_2020_2020_2020)).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // The last bytes as a little-endian word, without a copy.
        let w = rest
            .iter()
            .rev()
            .fold(0u64, |w, &c| (w << 8) | u64::from(c));
        h = (h.rotate_left(5) ^ (w | 0x2020_2020_2020_2020)).wrapping_mul(K);
    }
    h ^ (h >> 29)
}

/// Whether `lower` (lowercased) is `s` ignoring ASCII case: eight bytes
/// at a time, the last word overlapping the one before.
fn eq_lower(lower: &[u8], s: &[u8]) -> bool {
    let n = s.len();
    if lower.len() != n {
        return false;
    }
    if n < 8 {
        return lower
            .iter()
            .zip(s)
            .all(|(a, b)| *a == b.to_ascii_lowercase());
    }
    let word = |b: &[u8], i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let mut i = 0;
    loop {
        if word(lower, i) != lower_word(word(s, i)) {
            return false;
        }
        if i + 8 == n {
            return true;
        }
        i = (i + 8).min(n - 8);
    }
}

/// The eight bytes of `w` with ASCII capitals lowercased, as
/// [`u8::to_ascii_lowercase`] does byte by byte: a byte below 0x80 is a
/// capital when adding 0x3f sets its high bit (it is at least `A`) and
/// adding 0x25 does not (it is below `[`); no sum carries into the next
/// byte.
fn lower_word(w: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = w & !HI;
    let capital = (x + 0x3f * L) & !(x + 0x25 * L) & !w & HI;
    w | capital >> 2
}

/// The 0x20 bit of each byte of `w` that is a lowercase ASCII letter, as
/// [`lower_word`] finds capitals: a byte below 0x80 is one when adding 0x1f
/// sets its high bit (it is at least `a`) and adding 0x05 does not (it is
/// below `{`).
fn lowercase_letters(w: u64) -> u64 {
    const L: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let x = w & !HI;
    ((x + 0x1f * L) & !(x + 0x05 * L) & !w & HI) >> 2
}

/// The first (at most eight) bytes of `b` as a big-endian word, zero below
/// them: words compare as the bytes do, a prefix of a text below it (for
/// texts without a zero byte; equal words say nothing).
fn sort_key(b: &[u8]) -> u64 {
    let mut a = [0u8; 8];
    let n = b.len().min(8);
    a[..n].copy_from_slice(&b[..n]);
    u64::from_be_bytes(a)
}

/// The word of `b` at byte `i` (below its length), as [`Index::name_words`]
/// keeps it (lowercased there): eight bytes loaded as a little-endian word,
/// the last (fewer) bytes as the word that ends with them shifted down
/// (zero above them), a name of fewer than eight as [`head_word`].
#[inline(always)]
fn name_word(b: &[u8], i: usize) -> u64 {
    let n = b.len();
    if let Some(x) = b.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(x);
        u64::from_le_bytes(a)
    } else if n >= 8 {
        let mut a = [0u8; 8];
        a.copy_from_slice(&b[n - 8..]);
        u64::from_le_bytes(a) >> (8 * (i + 8 - n))
    } else {
        head_word(b).0
    }
}

/// The hash of the action `name` (ignoring ASCII case) of the service
/// numbered `service` in its chunk, from the name's words
/// ([`name_word`]).
#[inline(always)]
fn hash_name(service: u32, name: &[u8]) -> u64 {
    let mut h = (u64::from(service) << 32 | name.len() as u64).wrapping_mul(K);
    let mut i = 0;
    while i < name.len() {
        h = (h.rotate_left(5) ^ (name_word(name, i) | 0x2020_2020_2020_2020)).wrapping_mul(K);
        i += 8;
    }
    h ^ (h >> 32)
}

/// A table of texts of at most sixteen bytes (lowercased), by their words
/// ([`short_key`]): (words, length, number in `texts` + 1, 0 for an empty
/// slot), a power of two long, probed linearly. Of equal texts the first is
/// kept (as the hashed tables keep it); longer texts are left out.
fn short_table<'t>(texts: impl ExactSizeIterator<Item = &'t [u8]>) -> Vec<(u64, u64, u32, u32)> {
    let mut short = vec![(0u64, 0u64, 0u32, 0u32); (texts.len() * 2).next_power_of_two().max(16)];
    let mask = short.len() - 1;
    for (i, b) in texts.enumerate() {
        let Some((w, v)) = short_key(b) else {
            continue;
        };
        let n = b.len() as u32;
        let mut at = short_slot(w, v, n) & mask;
        while short[at].3 != 0 && (short[at].0, short[at].1, short[at].2) != (w, v, n) {
            at = (at + 1) & mask;
        }
        if short[at].3 == 0 {
            short[at] = (w, v, n, i as u32 + 1);
        }
    }
    short
}

/// The number of the text of `n` (at most sixteen) bytes, lowercased, whose
/// words are `w` and `v`, in a [`short_table`].
#[inline]
fn short_find(short: &[(u64, u64, u32, u32)], w: u64, v: u64, n: u32) -> Option<u32> {
    let mask = short.len().checked_sub(1)?;
    let mut at = short_slot(w, v, n) & mask;
    loop {
        let (sw, sv, sn, e) = *short.get(at)?;
        if e == 0 {
            return None;
        }
        if sw == w && sv == v && sn == n {
            return Some(e - 1);
        }
        at = (at + 1) & mask;
    }
}

/// The slot of a short prefix (its words and length) in [`Top::short`],
/// before the mask.
fn short_slot(w: u64, v: u64, n: u32) -> usize {
    ((w ^ v.rotate_left(29))
        .wrapping_add(u64::from(n))
        .wrapping_mul(K)
        >> 40) as usize
}

/// A prefix of at most sixteen bytes as two little-endian words (zero
/// above its bytes; [`head_word`] of its first eight bytes and of the
/// rest), `None` for a longer one.
fn short_key(b: &[u8]) -> Option<(u64, u64)> {
    match b.len() {
        0..=8 => Some((head_word(b).0, 0)),
        9..=16 => Some((head_word(&b[..8]).0, head_word(&b[8..]).0)),
        _ => None,
    }
}

impl Table {
    fn with_entries(n: usize) -> Self {
        Table {
            slots: vec![(0, 0); (n * 2).next_power_of_two().max(16)],
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Inserts entry `e` under hash `h`, unless `same` says an entry there
    /// already has its key.
    fn insert(&mut self, h: u64, e: u32, mut same: impl FnMut(u32) -> bool) {
        let tag = (h >> 32) as u32;
        let mut i = h as usize & self.mask();
        loop {
            match self.slots[i] {
                (_, 0) => {
                    self.slots[i] = (tag, e + 1);
                    return;
                }
                (t, x) if t == tag && same(x - 1) => return,
                _ => i = (i + 1) & self.mask(),
            }
        }
    }

    /// The entry under hash `h` for which `is` holds.
    fn find(&self, h: u64, mut is: impl FnMut(u32) -> bool) -> Option<u32> {
        let tag = (h >> 32) as u32;
        let mask = self.mask();
        let mut i = h as usize & mask;
        loop {
            match *self.slots.get(i)? {
                (_, 0) => return None,
                (t, x) if t == tag && is(x - 1) => return Some(x - 1),
                _ => i = (i + 1) & mask,
            }
        }
    }
}

/// Condition keys (a service's, or the global ones) by name, as
/// [`Catalog::condition_key`] finds them: a name equal ignoring case by
/// hash, else the first templated key (in the catalogue's order) that
/// the name is an instance of.
#[derive(Default)]
struct Keys {
    /// The names as the catalogue spells them.
    text: String,
    /// Each key's name and what the checks ask of it.
    keys: Vec<(Str, KeyInfo)>,
    table: Table,
    /// The templated keys, in order.
    templated: Vec<u32>,
}

impl Keys {
    fn build<'k>(keys: impl Iterator<Item = crate::ConditionKey<'k>>) -> Keys {
        let mut x = Keys::default();
        for k in keys {
            let name = Index::push(&mut x.text, k.name(), false);
            if crate::is_template(k.name()) {
                x.templated.push(x.keys.len() as u32);
            }
            x.keys.push((
                name,
                KeyInfo {
                    ty: k.key_type(),
                    multivalued: k.multivalued(),
                },
            ));
        }
        let mut table = Table::with_entries(x.keys.len());
        for (i, &(n, _)) in x.keys.iter().enumerate() {
            let k = Top::str(&x.text, n);
            // The first of the names equal ignoring case is kept.
            table.insert(hash(k.as_bytes()), i as u32, |e| {
                Top::str(&x.text, x.keys[e as usize].0).eq_ignore_ascii_case(k)
            });
        }
        x.table = table;
        x
    }

    fn find(&self, name: &str) -> Option<KeyInfo> {
        let exact = self.table.find(hash(name.as_bytes()), |e| {
            Top::bytes(&self.text, self.keys[e as usize].0).eq_ignore_ascii_case(name.as_bytes())
        });
        if let Some(e) = exact {
            return Some(self.keys[e as usize].1);
        }
        self.templated
            .iter()
            .map(|&i| self.keys[i as usize])
            .find(|&(n, _)| crate::template_matches(Top::str(&self.text, n), name))
            .map(|(_, info)| info)
    }
}

struct Svc {
    /// The prefix, lowercased.
    lower: Str,
    /// Its actions, in [`Index::actions`].
    actions: Range<u32>,
    /// Its condition keys, on first use.
    keys: OnceLock<Keys>,
}

/// A slot of [`Index::action_slots`].
#[derive(Clone, Copy, Default)]
struct ActSlot {
    /// The high half of the action's [`hash_name`] and the length of its
    /// name.
    tag_len: u64,
    /// Its service, in [`Index::services`].
    svc: u32,
    /// Its number + 1, 0 for an empty slot.
    entry: u32,
    /// [`Act::words`].
    words: u32,
}

struct Act {
    /// `prefix:name`, lowercased.
    lower: Str,
    /// Its service, in [`Index::services`].
    svc: u32,
    /// Where its colon is in `lower`.
    colon: u32,
    /// Its resource types, in [`Index::act_types`].
    types: Range<u32>,
    /// The condition keys it supports (its own), in [`Index::keys_of`].
    keys: Range<u32>,
    /// Where its name's words start in [`Index::name_words`].
    words: u32,
}

struct Type {
    name: Str,
    /// Its ARN templates, in [`Index::type_templates`].
    templates: Range<u32>,
    /// Its condition keys, in [`Index::keys_of`].
    keys: Range<u32>,
}

struct Key {
    /// As the catalogue spells it.
    name: Str,
    /// Whether a placeholder stands in it (see `crate::placeholder_match`).
    template: bool,
    /// How long a key must be to be it or an instance of it: its length,
    /// or that of its literal run ([`crate::literal_run`]) when templated.
    need: u32,
    /// The first (at most eight) bytes of that length, lowercased, as
    /// [`head_word`] gives them: a key is compared with it only when its
    /// own first bytes are these.
    head: u64,
}

struct Template {
    text: Str,
    /// The literal beginning of its resource part (up to the first `*`,
    /// `?` or `$`), lowercased; `None` when the text is no ARN (no five
    /// colons after `arn`).
    lit: Option<Str>,
    /// Its fields, as [`ArnFormat::new`] splits it (`None`: no ARN).
    split: Option<Split>,
}

/// The fields of an ARN template, as [`ArnFormat::new`] splits it, each
/// kept on its own: [`Split::format`] borrows them as they are (slicing one
/// text would check each cut again on every use).
struct Split {
    text: Box<str>,
    service: Box<str>,
    region: Box<str>,
    account: Box<str>,
    resource: Box<str>,
    literal: usize,
    key: u64,
}

impl Split {
    fn of(text: &str) -> Option<Split> {
        let f = ArnFormat::new(text)?;
        Some(Split {
            text: text.into(),
            service: f.service.into(),
            region: f.region.into(),
            account: f.account.into(),
            resource: f.resource.into(),
            literal: f.literal,
            key: f.key,
        })
    }

    /// The format (whose split this is).
    fn format(&self) -> ArnFormat<'_> {
        ArnFormat {
            text: &self.text,
            service: &self.service,
            region: &self.region,
            account: &self.account,
            resource: &self.resource,
            literal: self.literal,
            key: self.key,
        }
    }
}

struct Field {
    /// The ARN service field, lowercased.
    lower: Str,
    /// Its templates in the order of [`Catalog::arn_templates`], in
    /// [`Index::field_templates`].
    templates: Range<u32>,
}

/// The index of some services (a chunk's) or of one ARN service field's
/// formats: see the [module documentation](self).
pub(crate) struct Index {
    text: String,
    services: Vec<Svc>,
    service_table: Table,
    actions: Vec<Act>,
    /// The actions by [`hash_name`] of their service and name, with what
    /// tells them apart, a power of two long, probed linearly.
    action_slots: Vec<ActSlot>,
    /// Each action's name (lowercased, without the prefix) as
    /// little-endian words ([`name_word`]), each with the 0x20 bit of each
    /// of its bytes that is a letter (a name's byte may differ from it by
    /// that bit alone): its words start at [`Act::words`].
    name_words: Vec<(u64, u64)>,
    types: Vec<Type>,
    act_types: Vec<u32>,
    type_templates: Vec<u32>,
    keys: Vec<Key>,
    keys_of: Vec<u32>,
    templates: Vec<Template>,
    fields: Vec<Field>,
    field_table: Table,
    field_templates: Vec<u32>,
    /// The formats of the field (of this index's one field) in groups, each
    /// in the order of `field_templates`: group 0 all of them, group 1 those
    /// with an empty literal beginning or no ARN, then one group for each
    /// first byte (lowercased) of a literal beginning: the formats that
    /// begin with it and those of group 1. A resource is compared with the
    /// group of its literal beginning's first byte only.
    near: Vec<Near>,
    /// Each group's range in `near`.
    near_groups: Vec<(u32, u32)>,
    /// The group of each first byte (lowercased) of a resource's literal
    /// beginning: 256 entries (none in an index of no field).
    near_of: Box<[u16]>,
    /// The action numbers, each service's (the range of its actions)
    /// sorted by lowercased name, each with its name's first eight bytes as
    /// [`Index::name_key`] gives them (a binary search compares words).
    by_name: Vec<(u64, u32)>,
    /// ([`hash_name`] of the name without the prefix and of no service,
    /// action number) of every
    /// action, sorted: the actions of one name, in the order of their
    /// services.
    by_hash: Vec<(u64, u32)>,
    /// Whether an action name has a wildcard (`*`, `?`).
    wild_names: bool,
}

/// A format in [`Index::near`]: the first (at most eight) bytes of its
/// literal beginning, lowercased, as a little-endian word, and how many
/// ([`NO_LIT`] when the text is no ARN), so that most formats are passed
/// over on one comparison of words; and its number in [`Index::templates`].
#[derive(Clone, Copy)]
struct Near {
    head: u64,
    /// The next (at most eight) bytes, as `head` and `n` the first ones.
    head2: u64,
    t: u32,
    n: u8,
    n2: u8,
}

/// What [`Index::build`] collects: the text, the condition keys and the
/// templates, each stored once.
#[derive(Default)]
struct Builder<'c> {
    text: String,
    keys: Vec<Key>,
    key_ids: HashMap<&'c str, u32, BuildHasherDefault<Fold>>,
    templates: Vec<Template>,
    template_ids: HashMap<&'c str, u32, BuildHasherDefault<Fold>>,
}

/// [`hash`] as a [`Hasher`], for the builder's maps.
#[derive(Default)]
struct Fold(u64);

impl Hasher for Fold {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0 = (self.0.rotate_left(5) ^ hash(bytes)).wrapping_mul(K);
    }
}

impl<'c> Builder<'c> {
    /// Adds the resource type `r` (its name, templates and keys) to
    /// `types`; its number there.
    fn resource_type(
        &mut self,
        r: crate::ResourceType<'c>,
        types: &mut Vec<Type>,
        type_templates: &mut Vec<u32>,
        keys_of: &mut Vec<u32>,
    ) -> u32 {
        let name = Index::push(&mut self.text, r.name(), false);
        let t0 = type_templates.len() as u32;
        for t in r.arn_templates() {
            type_templates.push(self.template(t));
        }
        let k0 = keys_of.len() as u32;
        for k in r.condition_keys() {
            keys_of.push(self.key(k));
        }
        types.push(Type {
            name,
            templates: t0..type_templates.len() as u32,
            keys: k0..keys_of.len() as u32,
        });
        types.len() as u32 - 1
    }

    fn key(&mut self, k: &'c str) -> u32 {
        if let Some(&i) = self.key_ids.get(k) {
            return i;
        }
        let name = Index::push(&mut self.text, k, false);
        let template = crate::is_template(k);
        let need = if template {
            crate::literal_run(k.as_bytes())
        } else {
            k.len()
        };
        self.keys.push(Key {
            name,
            template,
            need: need as u32,
            head: lower_word(head_word(&k.as_bytes()[..need]).0),
        });
        let i = self.keys.len() as u32 - 1;
        self.key_ids.insert(k, i);
        i
    }

    fn template(&mut self, t: &'c str) -> u32 {
        if let Some(&i) = self.template_ids.get(t) {
            return i;
        }
        let text = Index::push(&mut self.text, t, false);
        let lit = resource_part(t).map(|r| Index::push(&mut self.text, &r[..literal_len(r)], true));
        self.templates.push(Template {
            text,
            lit,
            split: Split::of(t),
        });
        let i = self.templates.len() as u32 - 1;
        self.template_ids.insert(t, i);
        i
    }
}

/// [`Near::n`] of a format that is no ARN (compared with every
/// resource).
const NO_LIT: u8 = u8::MAX;

/// The first (at most eight) bytes of `b` as a little-endian word, zero
/// above them, and how many.
fn head_word(b: &[u8]) -> (u64, u8) {
    let n = b.len().min(8);
    // In at most two loads: for four to seven bytes the first four and the
    // last four (an overlapping byte is the same in both), for one to
    // three the first, middle and last.
    let w4 = |i: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&b[i..i + 4]);
        u64::from(u32::from_le_bytes(w))
    };
    let w = match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => w4(0) | w4(n - 4) << (8 * (n - 4)),
        _ => {
            let mut w = [0u8; 8];
            w.copy_from_slice(&b[..8]);
            u64::from_le_bytes(w)
        }
    };
    (w, n as u8)
}

/// The resource part of an ARN (after the fifth colon, the first field
/// being `arn`), as the policy check reads it.
fn resource_part(text: &str) -> Option<&str> {
    let mut colons = 0;
    for (i, c) in text.bytes().enumerate() {
        if c == b':' {
            if colons == 0 && &text[..i] != "arn" {
                return None;
            }
            colons += 1;
            if colons == 5 {
                return Some(&text[i + 1..]);
            }
        }
    }
    None
}

/// The length of the literal beginning of a pattern: up to the first `*`,
/// `?` or `$`.
fn literal_len(s: &str) -> usize {
    const L: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of `w` that is `c`, exactly.
    let at = |w: u64, c: u8| {
        let x = w ^ (L * u64::from(c));
        !(((x & LOW7) + LOW7) | x) & !LOW7
    };
    let b = s.as_bytes();
    let mut i = 0;
    // Eight bytes at a time, then the last ones one by one.
    while let Some(x) = b.get(i..i + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(x);
        let w = u64::from_le_bytes(a);
        let m = at(w, b'*') | at(w, b'?') | at(w, b'$');
        if m != 0 {
            return i + m.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    b[i..]
        .iter()
        .position(|c| matches!(c, b'*' | b'?' | b'$'))
        .map_or(b.len(), |k| i + k)
}

impl Index {
    fn get(&self, s: Str) -> &str {
        &self.text[s.off as usize..(s.off + s.len) as usize]
    }

    fn push(text: &mut String, s: &str, lower: bool) -> Str {
        let off = text.len() as u32;
        if lower {
            text.extend(s.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            text.push_str(s);
        }
        Str {
            off,
            len: s.len() as u32,
        }
    }

    /// The index of the services numbered `range` in `cat` and of the
    /// formats of the ARN service field `field`.
    fn build(cat: &Catalog, range: Range<usize>, field: Option<&str>) -> Index {
        let mut b = Builder::default();
        let mut services = Vec::new();
        let mut actions = Vec::new();
        let mut types = Vec::new();
        let mut act_types = Vec::new();
        let mut type_templates = Vec::new();
        let mut keys_of = Vec::new();
        for s in cat.services().skip(range.start).take(range.len()) {
            let lower = Index::push(&mut b.text, s.prefix(), true);
            // The service's resource types, by the address of their name.
            let mut names: Vec<(usize, u32)> = Vec::new();
            for r in s.resource_types() {
                let i = b.resource_type(r, &mut types, &mut type_templates, &mut keys_of);
                names.push((r.name().as_ptr() as usize, i));
            }
            let a0 = actions.len() as u32;
            for a in s.actions() {
                let off = b.text.len() as u32;
                Index::push(&mut b.text, s.prefix(), true);
                b.text.push(':');
                Index::push(&mut b.text, a.name(), true);
                let lower = Str {
                    off,
                    len: b.text.len() as u32 - off,
                };
                let k0 = keys_of.len() as u32;
                for k in a.condition_keys() {
                    keys_of.push(b.key(k));
                }
                let r0 = act_types.len() as u32;
                for (r, _) in a.resource_types() {
                    let addr = r.name().as_ptr() as usize;
                    let ty = match names.iter().find(|x| x.0 == addr) {
                        Some(&(_, i)) => i,
                        // Not one of the service's (by address): its own
                        // entry.
                        None => b.resource_type(r, &mut types, &mut type_templates, &mut keys_of),
                    };
                    act_types.push(ty);
                }
                actions.push(Act {
                    lower,
                    svc: services.len() as u32,
                    colon: s.prefix().len() as u32,
                    types: r0..act_types.len() as u32,
                    keys: k0..keys_of.len() as u32,
                    words: 0,
                });
            }
            services.push(Svc {
                lower,
                actions: a0..actions.len() as u32,
                keys: OnceLock::new(),
            });
        }
        // The formats of the field: every template of it, those of resource
        // types no action takes too.
        let field_names: Vec<String> = field.iter().map(|f| f.to_ascii_lowercase()).collect();
        let mut fields = Vec::new();
        let mut field_templates = Vec::new();
        for f in &field_names {
            let start = field_templates.len() as u32;
            for t in cat.arn_templates(f) {
                field_templates.push(b.template(t));
            }
            let lower = Index::push(&mut b.text, f, true);
            fields.push(Field {
                lower,
                templates: start..field_templates.len() as u32,
            });
        }
        let mut index = Index {
            text: b.text,
            services,
            service_table: Table::default(),
            actions,
            action_slots: Vec::new(),
            name_words: Vec::new(),
            types,
            act_types,
            type_templates,
            keys: b.keys,
            keys_of,
            templates: b.templates,
            fields,
            field_table: Table::default(),
            field_templates,
            near: Vec::new(),
            near_groups: Vec::new(),
            near_of: Box::default(),
            by_name: Vec::new(),
            by_hash: Vec::new(),
            wild_names: false,
        };
        index.wild_names = (0..index.actions.len() as u32)
            .any(|a| crate::service_catalog::wild(index.action_name_lower(a)));
        let mut table = Table::with_entries(index.services.len());
        for (i, s) in index.services.iter().enumerate() {
            let k = index.get(s.lower);
            let h = hash(k.as_bytes());
            table.insert(h, i as u32, |e| {
                index.get(index.services[e as usize].lower) == k
            });
        }
        index.service_table = table;
        let mut slots =
            vec![ActSlot::default(); (index.actions.len() * 2).next_power_of_two().max(16)];
        let mask = slots.len() - 1;
        let mut name_words = Vec::new();
        for (i, a) in index.actions.iter_mut().enumerate() {
            let k = &index.text[a.lower.off as usize..(a.lower.off + a.lower.len) as usize];
            let n = &k.as_bytes()[a.colon as usize + 1..];
            a.words = name_words.len() as u32;
            let mut j = 0;
            while j < n.len() {
                let w = name_word(n, j);
                name_words.push((w, lowercase_letters(w)));
                j += 8;
            }
            // A name met again (none in the data) is found as its first
            // entry: a probe meets that one first.
            let h = hash_name(a.svc, n);
            let mut at = h as usize & mask;
            while slots[at].entry != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = ActSlot {
                tag_len: (h >> 32) << 32 | n.len() as u64,
                svc: a.svc,
                entry: i as u32 + 1,
                words: a.words,
            };
        }
        index.name_words = name_words;
        index.action_slots = slots;
        // Each service's actions by name, for patterns.
        let mut by_name: Vec<(u64, u32)> = (0..index.actions.len() as u32)
            .map(|a| (index.name_key(a), a))
            .collect();
        for sv in &index.services {
            by_name[sv.actions.start as usize..sv.actions.end as usize].sort_by(|x, y| {
                // The first eight bytes as words first (they order as
                // the bytes do), the bytes when they agree.
                x.0.cmp(&y.0).then_with(|| {
                    index
                        .action_name_bytes(x.1)
                        .cmp(index.action_name_bytes(y.1))
                })
            });
        }
        index.by_name = by_name;
        let mut by_hash: Vec<(u64, u32)> = (0..index.actions.len() as u32)
            .map(|a| (hash_name(0, index.action_name_bytes(a)), a))
            .collect();
        by_hash.sort_unstable();
        index.by_hash = by_hash;
        let mut table = Table::with_entries(index.fields.len());
        for (i, f) in index.fields.iter().enumerate() {
            let k = index.get(f.lower);
            table.insert(hash(k.as_bytes()), i as u32, |_| false);
        }
        index.field_table = table;
        if let Some(field) = index.fields.first() {
            index.group_formats(field.templates.clone());
        }
        index
    }

    /// The number of the action `name` (ignoring case) of the service
    /// numbered `svc` here.
    fn action_h(&self, svc: u32, name: &[u8]) -> Option<u32> {
        let h = hash_name(svc, name);
        let want = (h >> 32) << 32 | name.len() as u64;
        let mask = self.action_slots.len().checked_sub(1)?;
        let mut at = h as usize & mask;
        loop {
            let slot = self.action_slots.get(at)?;
            if slot.entry == 0 {
                return None;
            }
            if slot.tag_len == want && slot.svc == svc && self.words_equal(slot.words, name) {
                return Some(slot.entry - 1);
            }
            at = (at + 1) & mask;
        }
    }

    /// Calls `f` with the number (here) of each service that has an action
    /// `name` (ignoring case), in order.
    fn services_with_action(&self, h: u64, name: &[u8], f: &mut dyn FnMut(u32)) {
        let lo = self.by_hash.partition_point(|x| x.0 < h);
        for &(x, a) in &self.by_hash[lo..] {
            if x != h {
                break;
            }
            let act = &self.actions[a as usize];
            if (act.lower.len - act.colon - 1) as usize == name.len()
                && self.words_equal(act.words, name)
            {
                f(act.svc);
            }
        }
    }

    /// Whether the name whose words start at `from` in `name_words` is
    /// `name` (of its length) ignoring case: the words differ at most in
    /// the 0x20 bit of the stored name's letters (lowercase).
    #[inline]
    fn words_equal(&self, from: u32, name: &[u8]) -> bool {
        let from = from as usize;
        let n = name.len().div_ceil(8);
        let Some(words) = self.name_words.get(from..from + n) else {
            return false;
        };
        words
            .iter()
            .enumerate()
            .all(|(j, &(w, letters))| (name_word(name, 8 * j) ^ w) & !letters == 0)
    }

    /// The first eight bytes of the name (lowercased) of action `a` as
    /// [`sort_key`] gives them: its first word in `name_words`, big-endian.
    fn name_key(&self, a: u32) -> u64 {
        let Some(x) = self.actions.get(a as usize) else {
            return 0;
        };
        if x.lower.len == x.colon + 1 {
            // An empty name has no word.
            return 0;
        }
        self.name_words
            .get(x.words as usize)
            .map_or(0, |w| w.0.swap_bytes())
    }

    /// [`Index::action_name_lower`] as bytes (one bounds check, no check of
    /// UTF-8 boundaries).
    fn action_name_bytes(&self, a: u32) -> &[u8] {
        let act = &self.actions[a as usize];
        let from = act.lower.off as usize + act.colon as usize + 1;
        self.text
            .as_bytes()
            .get(from..(act.lower.off + act.lower.len) as usize)
            .unwrap_or_default()
    }

    /// The name (lowercased, without the prefix) of action `a`.
    fn action_name_lower(&self, a: u32) -> &str {
        let act = &self.actions[a as usize];
        let full = self.get(act.lower);
        &full[act.colon as usize + 1..]
    }

    /// Whether the action name pattern `np` (with a wildcard) matches an
    /// action of the service numbered `s` here: the names that start with its literal beginning, found by
    /// a binary search of the sorted names; a pattern whose one wildcard
    /// is a last `*` matches exactly those.
    fn matches_any_in(&self, s: usize, np: &str) -> bool {
        let Some(sv) = self.services.get(s) else {
            return false;
        };
        let r = &sv.actions;
        let names = &self.by_name[r.start as usize..r.end as usize];
        let b = np.as_bytes();
        let cut = b
            .iter()
            .position(|&c| c == b'*' || c == b'?')
            .unwrap_or(b.len());
        let lit = &b[..cut];
        // Names (lowercased) against the literal beginning, lowercased as
        // compared.
        let before = |n: &[u8]| {
            for (x, y) in n.iter().zip(lit) {
                let y = y.to_ascii_lowercase();
                if *x != y {
                    return *x < y;
                }
            }
            n.len() < lit.len()
        };
        // The names before the literal beginning: those whose first eight
        // bytes (as a word that orders as the bytes do) are below its
        // own, and those whose eight bytes are its own and that come
        // before it byte by byte.
        let kl = lower_word(sort_key(lit));
        let start = names.partition_point(|&(k, a)| {
            if k == kl {
                before(self.action_name_bytes(a))
            } else {
                k < kl
            }
        });
        let mut heads = names[start..]
            .iter()
            .map(|&(_, a)| (a, self.action_name_bytes(a)))
            .take_while(|(_, n)| n.len() >= lit.len() && n[..lit.len()].eq_ignore_ascii_case(lit));
        if cut + 1 == b.len() && b[cut] == b'*' {
            // `Get*`: every name with the head matches.
            return heads.next().is_some();
        }
        // The literal tail (after the last wildcard) ends every name the
        // pattern matches: compared before the match.
        let tail = &b[b
            .iter()
            .rposition(|&c| c == b'*' || c == b'?')
            .map_or(0, |i| i + 1)..];
        heads.any(|(a, nb)| {
            nb.len() >= cut + tail.len()
                && nb[nb.len() - tail.len()..].eq_ignore_ascii_case(tail)
                && iam_ecs::policy::action_matches(np, self.action_name_lower(a))
        })
    }

    /// Calls `f(resource type, ARN template)` for each template of each
    /// resource type of action `a`, until `f` returns `true` (then
    /// `true`).
    fn action_resources(&self, a: u32, f: &mut dyn FnMut(&str, &str) -> bool) -> bool {
        for ty in self.types_of(a) {
            let name = self.get(ty.name);
            for &t in &self.type_templates[ty.templates.start as usize..ty.templates.end as usize] {
                if f(name, self.get(self.templates[t as usize].text)) {
                    return true;
                }
            }
        }
        false
    }

    /// Template `t` split, if it is an ARN.
    fn format(&self, t: u32) -> Option<ArnFormat<'_>> {
        let t = &self.templates[t as usize];
        Some(t.split.as_ref()?.format())
    }

    fn types_of(&self, a: u32) -> impl Iterator<Item = &Type> + '_ {
        let r = &self.actions[a as usize].types;
        self.act_types[r.start as usize..r.end as usize]
            .iter()
            .map(move |&t| &self.types[t as usize])
    }

    /// Whether action `a` takes no resource type.
    fn takes_only_star(&self, a: u32) -> bool {
        self.actions[a as usize].types.is_empty()
    }

    /// Whether action `a` supports condition key `key`, as
    /// [`crate::Action::supports_key`] answers.
    fn supports_key(&self, a: u32, key: &str) -> bool {
        // The key's first eight bytes, lowercased: a catalogued key is
        // compared only when their first bytes agree (both its equality
        // and its placeholder match need its literal run to begin the key).
        let kw = lower_word(head_word(key.as_bytes()).0);
        let any = |r: &Range<u32>| {
            self.keys_of[r.start as usize..r.end as usize]
                .iter()
                .any(|&k| {
                    let k = &self.keys[k as usize];
                    let n = k.need.min(8);
                    let mask = if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
                    if k.need as usize > key.len() || (kw ^ k.head) & mask != 0 {
                        return false;
                    }
                    Top::bytes(&self.text, k.name).eq_ignore_ascii_case(key.as_bytes())
                        || (k.template
                            && crate::placeholder_match_run(self.get(k.name), key, k.need as usize))
                })
        };
        any(&self.actions[a as usize].keys) || self.types_of(a).any(|t| any(&t.keys))
    }

    /// Builds [`Index::near`] and its groups from the formats numbered
    /// `range` in `field_templates`.
    fn group_formats(&mut self, range: Range<u32>) {
        let all: Vec<Near> = self.field_templates[range.start as usize..range.end as usize]
            .iter()
            .map(|&t| {
                let l = self.templates[t as usize].lit;
                let (head, n) = match l {
                    Some(l) => head_word(self.get(l).as_bytes()),
                    None => (0, NO_LIT),
                };
                let (head2, n2) = head_word(
                    l.and_then(|l| self.get(l).as_bytes().get(8..))
                        .unwrap_or_default(),
                );
                Near {
                    head,
                    head2,
                    t,
                    n,
                    n2,
                }
            })
            .collect();
        // Whether a format is in the group of first byte `b` (`None`:
        // group 1).
        let fits = |x: &Near, b: Option<u8>| x.n == 0 || x.n == NO_LIT || Some(x.head as u8) == b;
        let mut near = all.clone();
        let mut groups = vec![(0, near.len() as u32)];
        let add = |b: Option<u8>, near: &mut Vec<Near>, groups: &mut Vec<(u32, u32)>| {
            let start = near.len() as u32;
            near.extend(all.iter().filter(|x| fits(x, b)));
            groups.push((start, near.len() as u32));
        };
        add(None, &mut near, &mut groups);
        let mut of = vec![1u16; 256];
        for x in &all {
            let b = x.head as u8;
            if x.n != 0 && x.n != NO_LIT && of[b as usize] == 1 {
                of[b as usize] = groups.len() as u16;
                add(Some(b), &mut near, &mut groups);
            }
        }
        // A capital finds the group of its lowercase letter.
        for c in b'A'..=b'Z' {
            of[c as usize] = of[c.to_ascii_lowercase() as usize];
        }
        self.near = near;
        self.near_groups = groups;
        self.near_of = of.into_boxed_slice();
    }

    /// Calls `f` with the number of each ARN template of the service field
    /// of this index whose resource part may meet `resource` (their
    /// literal beginnings agree; `None`: every template), in the order of
    /// [`Catalog::arn_templates`], until `f` returns `true`.
    fn field_templates_near(&self, resource: Option<&str>, mut f: impl FnMut(u32) -> bool) {
        let lit = resource.map(|r| &r.as_bytes()[..literal_len(r)]);
        // The group of the literal beginning's first byte (all formats for
        // an empty one: every format agrees with it).
        let group = match lit.and_then(|l| l.first()) {
            Some(&b) => self.near_of.get(b as usize).copied().unwrap_or(0),
            None => 0,
        };
        let Some(&(lo, hi)) = self.near_groups.get(group as usize) else {
            return;
        };
        let Some(items) = self.near.get(lo as usize..hi as usize) else {
            return;
        };
        // The resource's literal beginning: its first eight bytes as a word
        // (lowercased), the rest compared only when eight agree.
        // The next eight as a word too, the rest compared only when
        // sixteen agree.
        let word = |l: &[u8]| {
            let (w, n) = head_word(l);
            (lower_word(w), n)
        };
        let head = lit.map(|l| (word(l), word(l.get(8..).unwrap_or_default())));
        let mask = |n: u8| if n == 8 { !0 } else { (1u64 << (8 * n)) - 1 };
        for &Near {
            head: tw,
            head2: tw2,
            t,
            n: tn,
            n2: tn2,
        } in items
        {
            if let (Some(r), Some(((rw, rn), (rw2, rn2))), true) = (lit, head, tn != NO_LIT) {
                // The literal beginnings agree on their common length.
                if (tw ^ rw) & mask(tn.min(rn)) != 0 {
                    continue;
                }
                if tn == 8 && rn == 8 {
                    if (tw2 ^ rw2) & mask(tn2.min(rn2)) != 0 {
                        continue;
                    }
                    if tn2 == 8 && rn2 == 8 {
                        let tl = self.templates[t as usize]
                            .lit
                            .map_or(&[][..], |l| self.get(l).as_bytes());
                        let m = tl.len().min(r.len());
                        if !tl[16..m].eq_ignore_ascii_case(&r[16..m]) {
                            continue;
                        }
                    }
                }
            }
            if f(t) {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index finds condition keys as [`Catalog::condition_key`] does:
    /// every key of every service and every global key, in capitals, the
    /// templated ones filled in, and names that are not there.
    #[test]
    fn condition_keys_agree_with_the_catalogue() {
        let cat = Catalog::embedded();
        let cell = IndexCell::default();
        let ix = cell.get(cat);
        let mut names: Vec<String> = Vec::new();
        let mut add = |k: &str| {
            names.push(k.to_owned());
            names.push(k.to_ascii_uppercase());
            for (open, close) in [("${", '}'), ("<", '>')] {
                if let Some(i) = k.find(open) {
                    if let Some(j) = k[i..].find(close) {
                        names.push(format!("{}Team{}", &k[..i], &k[i + j + 1..]));
                        names.push(format!("{}{}", &k[..i], &k[i + j + 1..]));
                    }
                }
            }
            names.push(format!("{k}x"));
            names.push(k[..k.len() - 1].to_owned());
        };
        for s in cat.services() {
            for k in s.condition_keys() {
                add(k.name());
            }
        }
        for k in cat.global_keys() {
            add(k.name());
        }
        names.extend(["nosuch:key", "s3", "", ":", "s3:", "aws:"].map(String::from));
        for n in &names {
            let theirs = cat.condition_key(n).map(|k| KeyInfo {
                ty: k.key_type(),
                multivalued: k.multivalued(),
            });
            assert_eq!(ix.condition_key(n), theirs, "{n}");
        }
        assert!(names.len() > 10_000, "{}", names.len());
    }

    /// The index answers as the catalogue's own lookups, for every action
    /// and service, and for names that are not there.
    #[test]
    fn index_agrees_with_the_catalogue() {
        let cat = Catalog::embedded();
        let cell = IndexCell::default();
        let ix = cell.get(cat);
        let probes = [
            "aws:ResourceTag/Owner",
            "aws:RequestTag/Owner",
            "aws:TagKeys",
            "s3:prefix",
            "s3:ExistingObjectTag/Team",
            "ec2:ResourceTag/x",
            "kms:EncryptionContext:aws:s3:arn",
            "iam:PassedToService",
            "aws:RequestTag/",
        ];
        for s in cat.services() {
            assert!(ix.has_service(&s.prefix().to_ascii_uppercase()));
            for a in s.actions() {
                let n = ix
                    .action(s.prefix(), &a.name().to_ascii_lowercase())
                    .unwrap();
                assert_eq!(n.takes_only_star(), a.resource_types().len() == 0);
                let mut mine = Vec::new();
                n.action_resources(&mut |ty, t| {
                    mine.push((ty.to_owned(), t.to_owned()));
                    false
                });
                let theirs: Vec<(String, String)> = a
                    .resource_types()
                    .flat_map(|(r, _)| {
                        r.arn_templates()
                            .map(move |t| (r.name().to_owned(), t.to_owned()))
                    })
                    .collect();
                assert_eq!(mine, theirs, "{a}");
                let own = a.condition_keys().chain(
                    a.resource_types()
                        .flat_map(|(r, _)| r.condition_keys())
                        .collect::<Vec<_>>(),
                );
                for k in own
                    .map(str::to_owned)
                    .chain(probes.iter().map(|p| (*p).to_owned()))
                {
                    assert_eq!(n.supports_key(&k), a.supports_key(&k), "{a} {k}");
                }
            }
            assert!(ix.action(s.prefix(), "NoSuchActionAnywhere").is_none());
            for r in s.resource_types() {
                for t in r.arn_templates() {
                    let field = t.split(':').nth(2).unwrap_or("");
                    let mut mine = Vec::new();
                    ix.arn_templates(&field.to_ascii_uppercase(), None, &mut |x| {
                        mine.push(x.to_owned());
                        false
                    });
                    let theirs: Vec<&str> = cat.arn_templates(field).collect();
                    assert_eq!(mine, theirs);
                }
            }
        }
        for p in [
            "s3:Get*",
            "s3:get*",
            "S3:*Object",
            "s3:?etObject",
            "s3:Nope*",
            "ec2:Describe*",
            "ec2:*",
            "nosuch:*",
            "iam:Pass*",
            "iam:*Role*",
            "s3:",
            "s3:*",
            "kms:Re*crypt",
        ] {
            assert_eq!(
                ix.matches_any(p),
                Some(cat.actions_matching(p).next().is_some()),
                "{p}"
            );
        }
        assert_eq!(ix.matches_any("*:Get*"), None);
        // Heads of every length of some actions of every service, with a
        // last `*` (the fast path), a `?` or an inner `*` (the match).
        for s in cat.services() {
            for a in s.actions().step_by(7) {
                let n = a.name();
                for cut in 0..=n.len() {
                    let (head, tail) = n.split_at(cut);
                    for p in [
                        format!("{}:{head}*", s.prefix()),
                        format!("{}:{}*", s.prefix(), head.to_ascii_uppercase()),
                        format!("{}:{head}x*", s.prefix()),
                        format!("{}:{head}?*", s.prefix()),
                        format!("{}:{head}*{tail}", s.prefix()),
                        format!("{}:{head}*{tail}x", s.prefix()),
                    ] {
                        assert_eq!(
                            ix.matches_any(&p),
                            Some(cat.actions_matching(&p).next().is_some()),
                            "{p}"
                        );
                    }
                }
            }
        }
        for name in [
            "GetObject",
            "createtags",
            "ListTagsForResource",
            "NoSuchAction",
        ] {
            let mut mine = Vec::new();
            ix.services_with_action(name, &mut |p| mine.push(p.to_owned()));
            let theirs: Vec<String> = cat
                .services()
                .filter(|s| s.action(name).is_some())
                .map(|s| s.prefix().to_owned())
                .collect();
            assert_eq!(mine, theirs, "{name}");
            assert_eq!(mine.is_empty(), name == "NoSuchAction", "{name}");
        }
        assert!(!ix.has_service("nosuch"));
        assert!(ix.action("nosuch", "GetObject").is_none());
        assert!(ix.literal_action("s3").is_none());
        // Only the formats whose literal beginning agrees.
        let mut near = Vec::new();
        ix.arn_templates("s3", Some("job/x"), &mut |t| {
            near.push(t.to_owned());
            false
        });
        assert!(
            near.iter().any(|t| t.ends_with(":job/${JobId}")),
            "{near:?}"
        );
        assert!(
            near.iter().any(|t| t.ends_with(":::${BucketName}")),
            "{near:?}"
        );
        assert!(!near.iter().any(|t| t.contains("accesspoint/")), "{near:?}");
    }

    /// The formats given split are the templates given as text, split as
    /// the check splits them, near a resource and for each action.
    #[test]
    fn formats_are_the_templates_split() {
        let cat = Catalog::embedded();
        let ix = cat.index.get(cat);
        for s in cat.services() {
            for r in s.resource_types() {
                for t in r.arn_templates() {
                    let Some(f) = ArnFormat::new(t) else {
                        continue;
                    };
                    let upper = f.resource.to_ascii_uppercase();
                    let cut = &f.resource[..f.resource.len().min(9)];
                    let longer = format!("{}z{}", &f.resource[..f.literal], f.resource);
                    for near in [f.resource, "*", "x/y", "", &upper, cut, &longer] {
                        // Every template of the field whose literal
                        // beginning agrees with the resource's, compared
                        // byte by byte.
                        let want: Vec<String> = cat
                            .arn_templates(f.service)
                            .filter(|x| {
                                let Some(r) = resource_part(x) else {
                                    return true;
                                };
                                let (a, b) = (&r[..literal_len(r)], &near[..literal_len(near)]);
                                let n = a.len().min(b.len());
                                a.as_bytes()[..n].eq_ignore_ascii_case(&b.as_bytes()[..n])
                            })
                            .map(str::to_owned)
                            .collect();
                        let mut got = Vec::new();
                        ix.arn_templates(f.service, Some(near), &mut |x| {
                            got.push(x.to_owned());
                            false
                        });
                        assert_eq!(got, want, "{t} {near}");
                        let mut texts = Vec::new();
                        ix.arn_templates(f.service, Some(near), &mut |x| {
                            texts.extend(ArnFormat::new(x).map(|x| format!("{x:?}")));
                            false
                        });
                        let mut split = Vec::new();
                        ix.arn_formats(f.service, near, &mut |x| {
                            split.push(format!("{x:?}"));
                            false
                        });
                        assert_eq!(split, texts, "{t} {near}");
                    }
                }
            }
            for a in s.actions() {
                let n = ix.action(s.prefix(), a.name()).unwrap();
                let mut texts = Vec::new();
                n.action_resources(&mut |_, x| {
                    texts.extend(ArnFormat::new(x).map(|x| format!("{x:?}")));
                    false
                });
                let mut split = Vec::new();
                n.action_formats(&mut |x| {
                    split.push(format!("{x:?}"));
                    false
                });
                assert_eq!(split, texts, "{a}");
            }
        }
    }

    /// An action found from its text and colon is the one found from its
    /// service and name, for every action (in capitals, and misspelt).
    #[test]
    fn actions_are_found_from_their_text() {
        let cat = Catalog::embedded();
        let ix = cat.index.get(cat);
        let id = |a: Option<ActRef>| a.map(|a| a.id());
        for s in cat.services() {
            for a in s.actions() {
                let p = s.prefix();
                for (svc, name) in [
                    (p.to_owned(), a.name().to_owned()),
                    (p.to_ascii_uppercase(), a.name().to_owned()),
                    (p.to_owned(), format!("{}x", a.name())),
                    (format!("{p}x"), a.name().to_owned()),
                    (p[..p.len() - 1].to_owned(), a.name().to_owned()),
                    (format!("{p}\0"), String::new()),
                ] {
                    let text = format!("{svc}:{name}");
                    assert_eq!(
                        id(ix.action_at(&text, svc.len())),
                        id(ix.action(&svc, &name)),
                        "{text}"
                    );
                }
            }
        }
        // A name whose byte differs from the action's in the 0x20 bit alone
        // is the action only when that byte is a letter.
        for s in cat.services().step_by(5) {
            for a in s.actions().step_by(3) {
                let name = a.name().as_bytes();
                for i in 0..name.len() {
                    let mut other = name.to_vec();
                    other[i] ^= 0x20;
                    let Ok(other) = String::from_utf8(other) else {
                        continue;
                    };
                    let text = format!("{}:{other}", s.prefix());
                    assert_eq!(
                        ix.action_at(&text, s.prefix().len()).is_some(),
                        name[i].is_ascii_alphabetic(),
                        "{text}"
                    );
                }
            }
        }
        assert!(ix.action_at(":GetObjectAndMore", 0).is_none());
        assert!(ix.action_at("s3:GetObjectAndMore", 2).is_none());
        assert!(ix.action_at("s3:GetObject", 2).is_some());
        assert!(ix.action_at("s3:getobjectretention", 2).is_some());
    }

    /// The word-wise comparison agrees with the byte-wise one.
    #[test]
    fn words_compare_as_bytes() {
        for b in 0..=255u8 {
            let w = u64::from_le_bytes([b, b'A', b'z', b'[', b'@', 0x80 | b'A', b'Z', b]);
            let want = u64::from_le_bytes(
                [b, b'A', b'z', b'[', b'@', 0x80 | b'A', b'Z', b].map(|c| c.to_ascii_lowercase()),
            );
            assert_eq!(lower_word(w), want, "{b}");
            let letters = [b, b'A', b'z', b'[', b'@', 0x80 | b'A', b'Z', b].map(|c| {
                if c.is_ascii_lowercase() {
                    0x20
                } else {
                    0
                }
            });
            assert_eq!(lowercase_letters(w), u64::from_le_bytes(letters), "{b}");
        }
        let names = [
            "",
            "a",
            "GetObject",
            "getobjecT",
            "ListBucketMultipartUploads",
        ];
        for x in names {
            for y in names {
                for cut in 0..y.len() {
                    let lower = y.to_ascii_lowercase();
                    let z = &x[..x.len().min(cut + 9)];
                    assert_eq!(
                        eq_lower(lower.as_bytes(), z.as_bytes()),
                        lower.eq_ignore_ascii_case(z),
                        "{y} {z}"
                    );
                }
            }
        }
        assert!(!eq_lower(b"getobjecu", b"GetObjecT"));
        // The head word is the first eight bytes, little-endian, zero above.
        let bytes: Vec<u8> = (1..=12u32).map(|i| (i * 29 + 3) as u8).collect();
        for n in 0..=12 {
            let b = &bytes[..n];
            let want = b[..n.min(8)]
                .iter()
                .rev()
                .fold(0u64, |w, &c| (w << 8) | u64::from(c));
            assert_eq!(head_word(b), (want, n.min(8) as u8), "{n}");
        }
        assert!(!eq_lower(
            b"listbucketmultipartuploadz",
            b"ListBucketMultipartUploads"
        ));
        // The literal beginning found eight bytes at a time is the one
        // found byte by byte, for each wildcard at each place.
        for n in 0..20 {
            for c in [b'*', b'?', b'$', b'a', 0x80 | b'*', b'*' - 1, b'+'] {
                for at in 0..n {
                    let mut t = vec![b'x'; n];
                    t[at] = c;
                    let t = String::from_utf8_lossy(&t).into_owned();
                    let want = t
                        .bytes()
                        .position(|c| matches!(c, b'*' | b'?' | b'$'))
                        .unwrap_or(t.len());
                    assert_eq!(literal_len(&t), want, "{t:?}");
                }
            }
        }
    }

    /// A check of one action and one resource decodes only the chunks it
    /// looks into: the action's, and those with formats of the resource's
    /// ARN service field.
    #[test]
    fn the_index_decodes_only_what_is_asked() {
        let cat = Catalog::decode_embedded().unwrap();
        let total = cat.chunks.len();
        assert!(total > 2, "{total} chunks");
        assert_eq!(cat.decoded_chunks(), (0, total));
        let ix = cat.index.get(&cat);
        assert!(ix.has_service("s3"));
        assert!(ix.has_service("ec2"));
        assert!(!ix.has_service("nosuch"));
        assert_eq!(cat.decoded_chunks().0, 0, "services need no chunk");
        let a = ix.action("s3", "GetObject").unwrap();
        assert!(!a.takes_only_star());
        assert_eq!(cat.decoded_chunks().0, 1);
        assert_eq!(cat.index.built(), (1, 0));
        let mut n = 0;
        ix.arn_templates("s3", Some("my-bucket/key"), &mut |_| {
            n += 1;
            false
        });
        assert!(n > 0);
        let s3_chunks: std::collections::BTreeSet<u32> = cat
            .arn_fields
            .iter()
            .filter(|(f, _)| crate::text_at(&cat.text, *f).eq_ignore_ascii_case("s3"))
            .map(|&(_, c)| c)
            .chain([cat.service("s3").unwrap().svc.chunk])
            .collect();
        assert_eq!(cat.decoded_chunks().0, s3_chunks.len());
        assert_eq!(cat.index.built(), (1, 1));
        assert!(ix.matches_any("s3:Get*").unwrap());
        assert_eq!(cat.index.built(), (1, 1));
        assert!(cat.decoded_chunks().0 < total);
    }
}
