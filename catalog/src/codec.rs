//! The embedded encoding: `IAMCAT2\n`, the length of the deflated index,
//! the deflated index, then each chunk of services deflated on its own.
//!
//! The index holds the date and source, a text of the service prefixes and
//! names, the global keys and the ARN service fields, then each chunk's
//! number of services and deflated length, the Adler-32 checksum of all the
//! chunks' bytes, each service (prefix, name, and where its actions,
//! resource types and keys are in its chunk's arrays), the global keys,
//! and (ARN service field, chunk) pairs. A chunk holds its services'
//! arrays: a text, the actions, resource types, keys, string lists and
//! resource references. Numbers are LEB128: each string a zigzag delta
//! from where the previous one ended, each range a delta from where the
//! previous range of its array ended, so that most take one byte.
//!
//! Decoding checks every offset, so bad data is an error, never a panic;
//! [`decode_lazy`] checks the index and the chunks' checksum and leaves
//! the chunks to [`decode_chunk`], which checks the rest.

use std::sync::OnceLock;

use super::{
    cmp_fold, key_type_code, key_type_from_code, slice, text_at, AccessLevel, Act, Catalog, Chunk,
    Error, Key, Pools, Res, Src, Svc, R, S,
};

const MAGIC: &[u8] = b"IAMCAT2\n";
/// The most bytes a part of the data may inflate to.
const LIMIT: usize = 64 << 20;
/// The deflate level (fixed, so that the output is deterministic).
const LEVEL: u8 = 10;

struct Writer {
    out: Vec<u8>,
    end: u32,
    cursors: [u32; 5],
}

impl Writer {
    fn new() -> Self {
        Writer {
            out: Vec::new(),
            end: 0,
            cursors: [0; 5],
        }
    }

    fn u(&mut self, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(b);
                return;
            }
            self.out.push(b | 0x80);
        }
    }

    fn z(&mut self, v: i64) {
        self.u(((v << 1) ^ (v >> 63)) as u64);
    }

    fn bytes(&mut self, b: &[u8]) {
        self.u(b.len() as u64);
        self.out.extend_from_slice(b);
    }

    fn s(&mut self, s: S) {
        self.z(i64::from(s.off) - i64::from(self.end));
        self.u(u64::from(s.len));
        self.end = s.off + s.len;
    }

    fn r(&mut self, array: usize, r: R) {
        self.z(i64::from(r.start) - i64::from(self.cursors[array]));
        self.u(u64::from(r.len));
        self.cursors[array] = r.start + r.len;
    }
}

// The arrays ranges point into.
const ACTIONS: usize = 0;
const RESOURCES: usize = 1;
const KEYS: usize = 2;
const STRS: usize = 3;
const REFS: usize = 4;

fn key_code(k: &Key) -> u64 {
    u64::from(key_type_code(k.ty)) << 1 | u64::from(k.multi)
}

/// A chunk's arrays, not yet deflated.
fn encode_pools(p: &Pools) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(p.text.as_bytes());
    w.u(p.actions.len() as u64);
    for a in &p.actions {
        w.s(a.name);
        w.u(u64::from(a.level.code()));
        w.r(REFS, a.res);
        w.r(STRS, a.keys);
        w.r(STRS, a.deps);
    }
    w.u(p.resources.len() as u64);
    for r in &p.resources {
        w.s(r.name);
        w.r(STRS, r.arns);
        w.r(STRS, r.keys);
    }
    w.u(p.keys.len() as u64);
    for k in &p.keys {
        w.s(k.name);
        w.u(key_code(k));
    }
    w.u(p.strs.len() as u64);
    for s in &p.strs {
        w.s(*s);
    }
    w.u(p.refs.len() as u64);
    for r in &p.refs {
        w.u(u64::from(*r));
    }
    w.out
}

impl Catalog {
    /// The data in the embedded encoding (the index and each chunk of
    /// services deflated).
    pub fn encode(&self) -> Vec<u8> {
        let blobs: Vec<Vec<u8>> = (0..self.chunks.len())
            .map(|i| {
                let raw = encode_pools(self.pools(i as u32));
                miniz_oxide::deflate::compress_to_vec(&raw, LEVEL)
            })
            .collect();
        let chunks = blobs.concat();
        let mut w = Writer::new();
        w.bytes(self.date.as_bytes());
        w.bytes(self.source.as_bytes());
        w.bytes(self.text.as_bytes());
        w.u(self.chunks.len() as u64);
        for (c, b) in self.chunks.iter().zip(&blobs) {
            w.u(u64::from(c.services.len));
            w.u(b.len() as u64);
        }
        w.u(u64::from(adler2::adler32_slice(&chunks)));
        w.u(self.services.len() as u64);
        for c in &self.chunks {
            w.cursors = [0; 5];
            for s in slice(&self.services, c.services) {
                w.s(s.prefix);
                w.s(s.name);
                w.r(ACTIONS, s.actions);
                w.r(RESOURCES, s.resources);
                w.r(KEYS, s.keys);
            }
        }
        w.u(self.globals.len() as u64);
        for k in &self.globals {
            w.s(k.name);
            w.u(key_code(k));
        }
        w.u(self.arn_fields.len() as u64);
        for (f, c) in &self.arn_fields {
            w.s(*f);
            w.u(u64::from(*c));
        }
        let index = miniz_oxide::deflate::compress_to_vec(&w.out, LEVEL);
        let mut out = Writer::new();
        out.out.extend_from_slice(MAGIC);
        out.bytes(&index);
        out.out.extend_from_slice(&chunks);
        out.out
    }

    /// Reads data in the embedded encoding, every chunk decoded and
    /// checked at once.
    pub fn decode(data: &[u8]) -> Result<Catalog, Error> {
        let cat = decode_index(data)?;
        for (i, c) in cat.chunks.iter().enumerate() {
            let bytes = data
                .get(c.at.range())
                .ok_or_else(|| Error::new("catalogue data", "a chunk past the end of the data"))?;
            let part = format!("chunk {i}");
            let p = decode_chunk(bytes, slice(&cat.services, c.services), &part)?;
            // Just made, so empty.
            let _ = c.pools.set(p);
        }
        Ok(cat)
    }
}

/// Reads the index of `data` (checking it and the chunks' checksum); each
/// chunk is decoded when first looked into.
pub(crate) fn decode_lazy(data: &'static [u8]) -> Result<Catalog, Error> {
    let mut cat = decode_index(data)?;
    cat.src = Src(data);
    Ok(cat)
}

fn inflate(data: &[u8], part: &str) -> Result<Vec<u8>, Error> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(data, LIMIT)
        .map_err(|e| Error::new("catalogue data", format!("{part}: cannot inflate: {e:?}")))
}

/// The index: every service, the global keys, the chunks not decoded.
fn decode_index(data: &[u8]) -> Result<Catalog, Error> {
    if !data.starts_with(MAGIC) {
        return Err(Error::new(
            "catalogue data",
            "expected the header IAMCAT2 (this iam-ecs's encoding)",
        ));
    }
    let mut head = Reader::new(data, "the data");
    head.at = MAGIC.len();
    let n = head.count()?;
    let Some(index) = data.get(head.at..head.at + n) else {
        return Err(head.err("expected the index, found the end"));
    };
    let body = head.at + n;
    let raw = inflate(index, "the index")?;
    let mut r = Reader::new(&raw, "the index");
    let date = r.string()?;
    let source = r.string()?;
    let text = r.string()?;
    r.text_len = text.len() as u32;
    let mut cat = Catalog::empty(date, source);
    let n = r.count()?;
    let mut at = body;
    let mut first = 0u32;
    for _ in 0..n {
        let services = r.u32()?;
        let len = r.u32()? as usize;
        let end = at
            .checked_add(len)
            .filter(|e| *e <= data.len())
            .ok_or_else(|| r.err("a chunk past the end of the data"))?;
        cat.chunks.push(Chunk {
            services: R {
                start: first,
                len: services,
            },
            at: R {
                start: at as u32,
                len: len as u32,
            },
            pools: OnceLock::new(),
        });
        first = first
            .checked_add(services)
            .ok_or_else(|| r.err("more than 2^32 services"))?;
        at = end;
    }
    if at != data.len() {
        return Err(r.err("expected the chunks to end where the data does"));
    }
    let sum = r.u()?;
    if u64::from(adler2::adler32_slice(&data[body..])) != sum {
        return Err(r.err("the chunks' checksum differs from the index's: corrupt data"));
    }
    let n = r.count()?;
    if n != first as usize {
        return Err(r.err(&format!(
            "expected {first} services (the chunks' total), found {n}"
        )));
    }
    cat.services.reserve(n);
    for (i, c) in cat.chunks.iter().enumerate() {
        r.cursors = [0; 5];
        for _ in 0..c.services.len {
            let prefix = r.s(&text)?;
            cat.services.push(Svc {
                key: super::fold_key(text_at(&text, prefix)),
                prefix,
                name: r.s(&text)?,
                chunk: i as u32,
                actions: r.r(ACTIONS)?,
                resources: r.r(RESOURCES)?,
                keys: r.r(KEYS)?,
            });
        }
    }
    let sorted = cat.services.windows(2).all(|w| {
        w[0].key
            .cmp(&w[1].key)
            .then_with(|| cmp_fold(text_at(&text, w[0].prefix), text_at(&text, w[1].prefix)))
            == std::cmp::Ordering::Less
    });
    if !sorted {
        return Err(r.err("expected the services sorted by prefix, each once"));
    }
    cat.globals = r.keys(&text)?;
    let n = r.count()?;
    for _ in 0..n {
        let field = r.s(&text)?;
        let chunk = r.u32()?;
        if chunk as usize >= cat.chunks.len() {
            return Err(r.err("expected a chunk number"));
        }
        cat.arn_fields.push((field, chunk));
    }
    let sorted = cat.arn_fields.windows(2).all(|w| {
        cmp_fold(text_at(&text, w[0].0), text_at(&text, w[1].0)) != std::cmp::Ordering::Greater
    });
    if !sorted {
        return Err(r.err("expected the ARN service fields sorted"));
    }
    if r.at != raw.len() {
        return Err(r.err("expected the end of the index"));
    }
    cat.text = text;
    Ok(cat)
}

/// Decodes a chunk's arrays (`part` names it in errors), checking that
/// every range of `services` (its services) and of the arrays is within
/// its array.
pub(crate) fn decode_chunk(data: &[u8], services: &[Svc], part: &str) -> Result<Pools, Error> {
    let raw = inflate(data, part)?;
    let mut r = Reader::new(&raw, part);
    let text = r.string()?;
    r.text_len = text.len() as u32;
    let n = r.count()?;
    let mut actions = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.s(&text)?;
        let level = AccessLevel::from_code(r.u()? as u8)
            .ok_or_else(|| r.err("expected an access level code 0 to 4"))?;
        actions.push(Act {
            key: super::fold_key(text_at(&text, name)),
            name,
            level,
            res: r.r(REFS)?,
            keys: r.r(STRS)?,
            deps: r.r(STRS)?,
        });
    }
    let n = r.count()?;
    let mut resources = Vec::with_capacity(n);
    for _ in 0..n {
        resources.push(Res {
            name: r.s(&text)?,
            arns: r.r(STRS)?,
            keys: r.r(STRS)?,
        });
    }
    let keys = r.keys(&text)?;
    let n = r.count()?;
    let mut strs = Vec::with_capacity(n);
    for _ in 0..n {
        strs.push(r.s(&text)?);
    }
    let n = r.count()?;
    let mut refs = Vec::with_capacity(n);
    for _ in 0..n {
        refs.push(r.u32()?);
    }
    if r.at != raw.len() {
        return Err(r.err("expected the end of the chunk"));
    }
    // Every range within its array.
    let within = |x: R, len: usize| x.range().end <= len;
    let ok = services.iter().all(|s| {
        within(s.actions, actions.len())
            && within(s.resources, resources.len())
            && within(s.keys, keys.len())
            && actions[s.actions.range()].iter().all(|a| {
                within(a.res, refs.len())
                    && within(a.keys, strs.len())
                    && within(a.deps, strs.len())
                    && refs[a.res.range()]
                        .iter()
                        .all(|x| (x >> 1) < s.resources.len)
            })
    }) && resources
        .iter()
        .all(|x| within(x.arns, strs.len()) && within(x.keys, strs.len()));
    if !ok {
        return Err(r.err("a range past the end of its array"));
    }
    let mut p = Pools {
        text,
        actions,
        resources,
        keys,
        strs,
        refs,
        arn_index: Vec::new(),
    };
    p.build_arn_index();
    Ok(p)
}

struct Reader<'a> {
    b: &'a [u8],
    /// What is read, for errors (`the index`, `chunk 3`).
    part: &'a str,
    at: usize,
    end: u32,
    cursors: [u32; 5],
    text_len: u32,
}

impl<'a> Reader<'a> {
    fn new(b: &'a [u8], part: &'a str) -> Self {
        Reader {
            b,
            part,
            at: 0,
            end: 0,
            cursors: [0; 5],
            text_len: 0,
        }
    }

    fn err(&self, what: &str) -> Error {
        Error::new(
            "catalogue data",
            format!(
                "{}: {what} at byte {} of {}",
                self.part,
                self.at,
                self.b.len()
            ),
        )
    }

    /// A count, then as many keys (names in `text`).
    fn keys(&mut self, text: &str) -> Result<Vec<Key>, Error> {
        let n = self.count()?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.s(text)?;
            let code = self.u()?;
            let ty = key_type_from_code((code >> 1) as u8)
                .ok_or_else(|| self.err("expected a key type code 0 to 6"))?;
            keys.push(Key {
                name,
                ty,
                multi: code & 1 == 1,
                template: super::is_template(text_at(text, name)),
            });
        }
        Ok(keys)
    }

    fn u(&mut self) -> Result<u64, Error> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.b.get(self.at) else {
                return Err(self.err("expected a number, found the end"));
            };
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("expected a number of at most ten bytes"))
    }

    fn z(&mut self) -> Result<i64, Error> {
        let u = self.u()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    fn u32(&mut self) -> Result<u32, Error> {
        let v = self.u()?;
        u32::try_from(v).map_err(|_| self.err("expected a 32-bit number"))
    }

    fn count(&mut self) -> Result<usize, Error> {
        let n = self.u32()? as usize;
        if n > self.b.len() {
            return Err(self.err("expected a count no larger than the data"));
        }
        Ok(n)
    }

    fn string(&mut self) -> Result<String, Error> {
        let n = self.count()?;
        let Some(bytes) = self.b.get(self.at..self.at + n) else {
            return Err(self.err("expected a string, found the end"));
        };
        self.at += n;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.err("expected UTF-8 text"))
    }

    fn s(&mut self, text: &str) -> Result<S, Error> {
        let off = i64::from(self.end) + self.z()?;
        let len = self.u32()?;
        let off = u32::try_from(off).map_err(|_| self.err("a string before the text"))?;
        let end = off
            .checked_add(len)
            .filter(|e| *e <= self.text_len)
            .ok_or_else(|| self.err("a string past the end of the text"))?;
        if !text.is_char_boundary(off as usize) || !text.is_char_boundary(end as usize) {
            return Err(self.err("a string inside a character"));
        }
        self.end = end;
        Ok(S { off, len })
    }

    fn r(&mut self, array: usize) -> Result<R, Error> {
        let start = i64::from(self.cursors[array]) + self.z()?;
        let start = u32::try_from(start).map_err(|_| self.err("a range before its array"))?;
        let len = self.u32()?;
        let end = start
            .checked_add(len)
            .ok_or_else(|| self.err("a range past 2^32"))?;
        self.cursors[array] = end;
        Ok(R { start, len })
    }
}
