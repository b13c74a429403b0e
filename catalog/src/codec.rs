//! The embedded encoding: the compiled arrays as LEB128 numbers (each
//! string as a zigzag delta from where the previous one ended, each range
//! as a delta from where the previous range of its array ended, so that
//! most are one byte), deflated. Decoding checks every offset, so bad data
//! is an error, never a panic.

use super::{
    key_type_code, key_type_from_code, AccessLevel, Act, Catalog, Error, Key, Res, Svc, R, S,
};

const MAGIC: &[u8] = b"IAMCAT1\n";
/// The most bytes the data may inflate to.
const LIMIT: usize = 64 << 20;

struct Writer {
    out: Vec<u8>,
    end: u32,
    cursors: [u32; 5],
}

impl Writer {
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

impl Catalog {
    /// The data in the embedded encoding (deflated).
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer {
            out: Vec::new(),
            end: 0,
            cursors: [0; 5],
        };
        w.out.extend_from_slice(MAGIC);
        w.bytes(self.date.as_bytes());
        w.bytes(self.source.as_bytes());
        w.bytes(self.text.as_bytes());
        w.u(self.services.len() as u64);
        for s in &self.services {
            w.s(s.prefix);
            w.s(s.name);
            w.r(ACTIONS, s.actions);
            w.r(RESOURCES, s.resources);
            w.r(KEYS, s.keys);
        }
        w.u(self.actions.len() as u64);
        for a in &self.actions {
            w.s(a.name);
            w.u(u64::from(a.level.code()));
            w.r(REFS, a.res);
            w.r(STRS, a.keys);
            w.r(STRS, a.deps);
        }
        w.u(self.resources.len() as u64);
        for r in &self.resources {
            w.s(r.name);
            w.r(STRS, r.arns);
            w.r(STRS, r.keys);
        }
        w.u(self.keys.len() as u64);
        for k in &self.keys {
            w.s(k.name);
            w.u(u64::from(key_type_code(k.ty)) << 1 | u64::from(k.multi));
        }
        w.r(KEYS, self.globals);
        w.u(self.strs.len() as u64);
        for s in &self.strs {
            w.s(*s);
        }
        w.u(self.refs.len() as u64);
        for r in &self.refs {
            w.u(u64::from(*r));
        }
        miniz_oxide::deflate::compress_to_vec(&w.out, 10)
    }

    /// Reads data in the embedded encoding.
    pub fn decode(data: &[u8]) -> Result<Catalog, Error> {
        let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(data, LIMIT)
            .map_err(|e| Error::new("catalogue data", format!("cannot inflate: {e:?}")))?;
        let mut r = Reader {
            b: &raw,
            at: 0,
            end: 0,
            cursors: [0; 5],
            text_len: 0,
        };
        if raw.get(..MAGIC.len()) != Some(MAGIC) {
            return Err(r.err("expected the header IAMCAT1"));
        }
        r.at = MAGIC.len();
        let date = r.string()?;
        let source = r.string()?;
        let text = r.string()?;
        r.text_len = text.len() as u32;
        let n = r.count()?;
        let mut services = Vec::with_capacity(n);
        for _ in 0..n {
            let prefix = r.s(&text)?;
            services.push(Svc {
                key: super::fold_key(&text[prefix.off as usize..][..prefix.len as usize]),
                prefix,
                name: r.s(&text)?,
                actions: r.r(ACTIONS)?,
                resources: r.r(RESOURCES)?,
                keys: r.r(KEYS)?,
            });
        }
        let n = r.count()?;
        let mut actions = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.s(&text)?;
            let level = AccessLevel::from_code(r.u()? as u8)
                .ok_or_else(|| r.err("expected an access level code 0 to 4"))?;
            actions.push(Act {
                key: super::fold_key(&text[name.off as usize..][..name.len as usize]),
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
        let n = r.count()?;
        let mut keys = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.s(&text)?;
            let code = r.u()?;
            let ty = key_type_from_code((code >> 1) as u8)
                .ok_or_else(|| r.err("expected a key type code 0 to 6"))?;
            keys.push(Key {
                name,
                ty,
                multi: code & 1 == 1,
                template: super::is_template(&text[name.off as usize..][..name.len as usize]),
            });
        }
        let globals = r.r(KEYS)?;
        let n = r.count()?;
        let mut strs = Vec::with_capacity(n);
        for _ in 0..n {
            strs.push(r.s(&text)?);
        }
        let n = r.count()?;
        let mut refs = Vec::with_capacity(n);
        for _ in 0..n {
            refs.push(r.u()? as u32);
        }
        if r.at != raw.len() {
            return Err(r.err("expected the end of the data"));
        }
        // Every range within its array.
        let within = |x: R, len: usize| x.start as usize + x.len as usize <= len;
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
            .all(|x| within(x.arns, strs.len()) && within(x.keys, strs.len()))
            && within(globals, keys.len());
        if !ok {
            return Err(r.err("a range past the end of its array"));
        }
        let mut cat = Catalog {
            date,
            source,
            text,
            services,
            actions,
            resources,
            keys,
            globals,
            strs,
            refs,
            arn_index: Vec::new(),
            index: Default::default(),
        };
        cat.build_arn_index();
        Ok(cat)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
    end: u32,
    cursors: [u32; 5],
    text_len: u32,
}

impl Reader<'_> {
    fn err(&self, what: &str) -> Error {
        Error::new(
            "catalogue data",
            format!("{what} at byte {} of {}", self.at, self.b.len()),
        )
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
