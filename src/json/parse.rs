//! The reader: RFC 8259 JSON into [`Json`], keeping order, duplicates and
//! number text, with an error that names the line and column.

use super::{Json, Number, Object};
use crate::Error;
use std::borrow::Cow;

/// The deepest nesting of arrays and objects the reader accepts. Real
/// policies and task definitions nest fewer than 10 levels; the limit keeps
/// hostile input from exhausting the stack.
pub const MAX_DEPTH: usize = 128;

pub(super) fn parse_bytes(bytes: &[u8]) -> crate::Result<Json> {
    parse(utf8(bytes)?)
}

pub(super) fn parse(text: &str) -> crate::Result<Json> {
    let mut p = Parser::new(text)?;
    let value = p.value()?;
    p.finish()?;
    Ok(value)
}

/// Checks that `bytes` are UTF-8, with the JSON error the reader gives.
pub(crate) fn utf8(bytes: &[u8]) -> crate::Result<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.valid_up_to();
            let prefix = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            let (line, column) = line_column(prefix, at);
            Err(Error::Json {
                reason: format!(
                    "expected UTF-8 text, found the byte 0x{:02x} that is not valid UTF-8",
                    bytes[at]
                )
                .into(),
                line,
                column,
            })
        }
    }
}

/// Length of the JSON number starting at `at`, if one starts there.
pub(super) fn number_len(b: &[u8], at: usize) -> Option<usize> {
    let mut i = at;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return None;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return None;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    Some(i - at)
}

/// The length of the run of bytes at the start of `bytes` that a string
/// copies as they are: everything but `"`, `\\` and control characters.
/// Words of eight bytes are tested at once; in the first word that has one
/// of those, the lowest flagged byte is the first special one (the word
/// tests of `crate::bytes` can only over-report bytes above a true hit),
/// so no byte loop is needed unless fewer than eight bytes are left.
fn plain_run(bytes: &[u8]) -> usize {
    use crate::bytes::{eq, less};
    let mut i = 0;
    for chunk in bytes.chunks_exact(8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        let hit = eq(w, b'"') | eq(w, b'\\') | less(w, 0x20);
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    i + bytes[i..]
        .iter()
        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
        .unwrap_or(bytes.len() - i)
}

/// The length of the run of JSON whitespace at the start of `bytes`,
/// with runs of spaces (indentation) skipped eight bytes at a time.
fn ws_run(bytes: &[u8]) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let mut i = 0;
    loop {
        match bytes.get(i) {
            Some(b' ') => loop {
                let Some(chunk) = bytes.get(i..i + 8) else {
                    while bytes.get(i) == Some(&b' ') {
                        i += 1;
                    }
                    break;
                };
                let mut w = [0u8; 8];
                w.copy_from_slice(chunk);
                // Bytes that are not a space have their high bit set in
                // `other`, exactly (no carry crosses a byte).
                let x = u64::from_le_bytes(w) ^ SPACES;
                let other = (((x & LOW7) + LOW7) | x) & !LOW7;
                if other != 0 {
                    i += (other.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            },
            Some(b'\t' | b'\n' | b'\r') => i += 1,
            _ => return i,
        }
    }
}

/// An [`Error::Json`] about the top-level value of `text`, at its first
/// byte (after leading whitespace).
pub(crate) fn top_level_error(text: &str, reason: impl Into<Cow<'static, str>>) -> Error {
    let pos = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let (line, column) = line_column(text, pos);
    Error::Json {
        reason: reason.into(),
        line,
        column,
    }
}

fn line_column(text: &str, pos: usize) -> (usize, usize) {
    let before = &text[..pos];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// The reader's cursor over one document. Typed records read themselves
/// straight from it (see `record::FromJson::read`), falling back to a
/// generic [`Json`] value, read from a saved position, for anything that
/// does not fit.
pub(crate) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    /// A cursor at the first value of `text` (after leading whitespace).
    ///
    /// # Errors
    /// A byte-order mark at the start.
    pub(crate) fn new(text: &'a str) -> crate::Result<Self> {
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            depth: 0,
        };
        if text.starts_with('\u{feff}') {
            return Err(p.error(
                "expected a JSON value, found a byte-order mark (U+FEFF): save the file as UTF-8 without a BOM",
            ));
        }
        p.skip_ws();
        Ok(p)
    }

    /// Checks that only whitespace follows the value just read.
    pub(crate) fn finish(&mut self) -> crate::Result<()> {
        self.skip_ws();
        if self.pos < self.bytes.len() {
            return Err(self.error_found("the end of the document"));
        }
        Ok(())
    }

    /// The next byte, after whitespace (which is skipped).
    pub(crate) fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.pos).copied()
    }

    /// The current position, to come back to with [`Parser::rewind`].
    pub(crate) fn mark(&self) -> (usize, usize) {
        (self.pos, self.depth)
    }

    /// Goes back to a position from [`Parser::mark`].
    pub(crate) fn rewind(&mut self, mark: (usize, usize)) {
        (self.pos, self.depth) = mark;
    }

    /// Reads any value as a generic [`Json`].
    pub(crate) fn value(&mut self) -> crate::Result<Json> {
        self.skip_ws();
        self.any(self.depth)
    }

    /// Reads a string value (the cursor must be at its opening quote).
    #[inline]
    pub(crate) fn string_value(&mut self) -> crate::Result<String> {
        self.skip_ws();
        self.string()
    }

    /// Reads a string value (the cursor must be at its opening quote),
    /// borrowed from the input when it has no escapes.
    pub(crate) fn str_value(&mut self) -> crate::Result<Cow<'a, str>> {
        self.skip_ws();
        self.string_cow()
    }

    /// Reads the number at the cursor, as written; `None` (nothing read)
    /// when no number starts here.
    pub(crate) fn number_text(&mut self) -> Option<&'a str> {
        self.skip_ws();
        let n = number_len(self.bytes, self.pos)?;
        let text = &self.text[self.pos..self.pos + n];
        self.pos += n;
        Some(text)
    }

    /// Reads `true` or `false`; `None` (nothing read) when neither is here.
    pub(crate) fn bool_value(&mut self) -> Option<bool> {
        self.skip_ws();
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"true") {
            self.pos += 4;
            Some(true)
        } else if rest.starts_with(b"false") {
            self.pos += 5;
            Some(false)
        } else {
            None
        }
    }

    /// Starts reading an array at `[`; then call [`Parser::next_element`]
    /// until it returns `false`.
    pub(crate) fn begin_array(&mut self) -> crate::Result<()> {
        self.skip_ws();
        self.depth += 1;
        self.enter(self.depth)?;
        self.pos += 1;
        Ok(())
    }

    /// Whether another element follows (the cursor is then at it); after
    /// `]` it returns `false` and the array is done. `first` is whether no
    /// element was read yet.
    pub(crate) fn next_element(&mut self, first: bool) -> crate::Result<bool> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b']') => {
                self.pos += 1;
                self.depth -= 1;
                Ok(false)
            }
            Some(b',') if !first => {
                self.pos += 1;
                self.skip_ws();
                Ok(true)
            }
            Some(_) if first => Ok(true),
            _ => Err(self.error_found("`,` or `]`")),
        }
    }

    /// Starts reading an object at `{`; then call [`Parser::next_key`]
    /// until it returns `None`.
    pub(crate) fn begin_object(&mut self) -> crate::Result<()> {
        self.skip_ws();
        self.depth += 1;
        self.enter(self.depth)?;
        self.pos += 1;
        Ok(())
    }

    /// The next member's key (the cursor is then at its value), or `None`
    /// after `}`. `first` is whether no member was read yet.
    pub(crate) fn next_key(&mut self, first: bool) -> crate::Result<Option<Cow<'a, str>>> {
        self.skip_ws();
        match self.bytes.get(self.pos) {
            Some(b'}') => {
                self.pos += 1;
                self.depth -= 1;
                return Ok(None);
            }
            Some(b',') if !first => {
                self.pos += 1;
                self.skip_ws();
            }
            Some(b'"') if first => {}
            _ if first => return Err(self.error_found("a string key")),
            _ => return Err(self.error_found("`,` or `}`")),
        }
        if self.bytes.get(self.pos) != Some(&b'"') {
            return Err(self.error_found("a string key"));
        }
        let key = self.string_cow()?;
        self.skip_ws();
        if self.bytes.get(self.pos) != Some(&b':') {
            return Err(self.error_found("`:`"));
        }
        self.pos += 1;
        self.skip_ws();
        Ok(Some(key))
    }

    pub(crate) fn error(&self, reason: impl Into<Cow<'static, str>>) -> Error {
        // `pos` may sit inside a multi-byte character only transiently; round
        // down to a boundary so the message never panics.
        let mut pos = self.pos.min(self.text.len());
        while !self.text.is_char_boundary(pos) {
            pos -= 1;
        }
        let (line, column) = line_column(self.text, pos);
        Error::Json {
            reason: reason.into(),
            line,
            column,
        }
    }

    pub(crate) fn error_found(&self, expected: &str) -> Error {
        let found = match self.text[self.pos..].chars().next() {
            None => "the end of the input".to_owned(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("{c:?}"),
            Some(c) => format!("`{c}`"),
        };
        self.error(format!("expected {expected}, found {found}"))
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        // Most calls find no whitespace at all: test one byte inline.
        if let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += ws_run(&self.bytes[self.pos..]);
        }
    }

    fn any(&mut self, depth: usize) -> crate::Result<Json> {
        match self.bytes.get(self.pos) {
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => match number_len(self.bytes, self.pos) {
                Some(n) => {
                    let text = &self.text[self.pos..self.pos + n];
                    self.pos += n;
                    Ok(Json::Number(Number(text.to_owned())))
                }
                None => Err(self.error(
                    "expected a number as JSON writes it (no leading zeros, `+`, `.5` or `1.`)",
                )),
            },
            _ => Err(self.error_found("a JSON value")),
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> crate::Result<Json> {
        if self.bytes[self.pos..].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error_found("a JSON value"))
        }
    }

    fn enter(&self, depth: usize) -> crate::Result<()> {
        if depth > MAX_DEPTH {
            Err(self.error(format!(
                "expected at most {MAX_DEPTH} levels of nested arrays and objects, found more"
            )))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> crate::Result<Json> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b']') {
            self.pos += 1;
            return Ok(Json::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.any(depth)?);
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Json::Array(items));
                }
                _ => return Err(self.error_found("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> crate::Result<Json> {
        self.enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.bytes.get(self.pos) == Some(&b'}') {
            self.pos += 1;
            return Ok(Json::Object(Object::from(members)));
        }
        loop {
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b'"') {
                return Err(self.error_found("a string key"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.bytes.get(self.pos) != Some(&b':') {
                return Err(self.error_found("`:`"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.any(depth)?;
            members.push((key, value));
            self.skip_ws();
            match self.bytes.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Json::Object(Object::from(members)));
                }
                _ => return Err(self.error_found("`,` or `}`")),
            }
        }
    }

    /// Reads a string starting at the opening quote.
    fn string(&mut self) -> crate::Result<String> {
        Ok(self.string_cow()?.into_owned())
    }

    /// Reads a string starting at the opening quote, borrowing it from the
    /// input when it has no escapes.
    #[inline]
    fn string_cow(&mut self) -> crate::Result<Cow<'a, str>> {
        self.pos += 1;
        let start = self.pos;
        // Fast path: no escapes. Find the first byte that ends the plain
        // run (a quote, a backslash or a control character) in one scan.
        self.pos += plain_run(&self.bytes[self.pos..]);
        if self.bytes.get(self.pos) == Some(&b'"') {
            let s = &self.text[start..self.pos];
            self.pos += 1;
            return Ok(Cow::Borrowed(s));
        }
        self.string_escaped(start)
    }

    /// The rest of [`Parser::string_cow`] from the first byte that ends the
    /// plain run at its start (`start`): escapes, or an error. Kept out of
    /// line so that the fast path stays small.
    #[cold]
    #[inline(never)]
    fn string_escaped(&mut self, start: usize) -> crate::Result<Cow<'a, str>> {
        match self.bytes.get(self.pos) {
            Some(b'\\') => {}
            Some(&b) => {
                return Err(self.error(format!(
                    "expected a string without raw control characters, found U+{:04X} (write it as an escape)",
                    b
                )))
            }
            None => return Err(self.error("expected `\"` to close the string, found the end of the input")),
        }
        let mut out = String::with_capacity(self.pos - start + 16);
        out.push_str(&self.text[start..self.pos]);
        loop {
            match self.bytes.get(self.pos) {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let c = match self.bytes.get(self.pos) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            let c = self.unicode_escape()?;
                            out.push(c);
                            continue;
                        }
                        _ => return Err(self.error_found("an escape (`\\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\uXXXX`)")),
                    };
                    out.push(c);
                    self.pos += 1;
                }
                Some(&b) if b < 0x20 => {
                    return Err(self.error(format!(
                        "expected a string without raw control characters, found U+{:04X} (write it as an escape)",
                        b
                    )))
                }
                Some(_) => {
                    // Copy a run of plain characters at once.
                    let run = self.pos;
                    self.pos += plain_run(&self.bytes[self.pos..]);
                    out.push_str(&self.text[run..self.pos]);
                }
                None => return Err(self.error("expected `\"` to close the string, found the end of the input")),
            }
        }
    }

    /// Reads the four hex digits after `\u` (and a low surrogate after a
    /// high one).
    fn unicode_escape(&mut self) -> crate::Result<char> {
        let hi = self.hex4()?;
        if (0xDC00..0xE000).contains(&hi) {
            return Err(self.error(format!(
                "expected a Unicode scalar value, found the lone low surrogate \\u{hi:04X}"
            )));
        }
        if (0xD800..0xDC00).contains(&hi) {
            if self.bytes.get(self.pos) == Some(&b'\\')
                && self.bytes.get(self.pos + 1) == Some(&b'u')
            {
                self.pos += 2;
                let lo = self.hex4()?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return char::from_u32(c)
                        .ok_or_else(|| self.error("expected a Unicode scalar value"));
                }
            }
            return Err(self.error(format!(
                "expected a low surrogate after \\u{hi:04X}, found none (a lone surrogate is not text)"
            )));
        }
        char::from_u32(hi).ok_or_else(|| self.error("expected a Unicode scalar value"))
    }

    fn hex4(&mut self) -> crate::Result<u32> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.bytes.get(self.pos) {
                Some(&b @ b'0'..=b'9') => b - b'0',
                Some(&b @ b'a'..=b'f') => b - b'a' + 10,
                Some(&b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error_found("four hex digits after `\\u`")),
            };
            v = v * 16 + u32::from(d);
            self.pos += 1;
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn errors_name_line_column_and_what_was_found() {
        assert_eq!(
            err("{\n  \"a\": }"),
            "invalid JSON at line 2, column 8: expected a JSON value, found `}`"
        );
        assert_eq!(
            err("[1,]"),
            "invalid JSON at line 1, column 4: expected a JSON value, found `]`"
        );
        assert_eq!(
            err("{\"a\":1} x"),
            "invalid JSON at line 1, column 9: expected the end of the document, found `x`"
        );
        assert_eq!(
            err("\u{feff}{}"),
            "invalid JSON at line 1, column 1: expected a JSON value, found a byte-order mark (U+FEFF): save the file as UTF-8 without a BOM"
        );
        assert_eq!(
            err("01"),
            "invalid JSON at line 1, column 2: expected the end of the document, found `1`"
        );
        assert_eq!(
            err("\"\\ud800\""),
            "invalid JSON at line 1, column 8: expected a low surrogate after \\uD800, found none (a lone surrogate is not text)"
        );
        assert_eq!(
            err(""),
            "invalid JSON at line 1, column 1: expected a JSON value, found the end of the input"
        );
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        assert_eq!(
            parse_bytes(b"{\"a\":\n\"\xff\"}").unwrap_err().to_string(),
            "invalid JSON at line 2, column 2: expected UTF-8 text, found the byte 0xff that is not valid UTF-8"
        );
    }

    #[test]
    fn whitespace_runs_end_at_the_first_other_byte() {
        for ws in [
            "",
            " ",
            "\n",
            "\r\n",
            "\t \t",
            "        ",
            "\n                 ",
            "  \n          \t   ",
        ] {
            for tail in ["", "!", "\"x\"", "!!!!!!!!!!", "\u{8}", "a        "] {
                let s = format!("{ws}{tail}");
                assert_eq!(ws_run(s.as_bytes()), ws.len(), "{s:?}");
            }
        }
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        for text in [
            "",
            "a",
            "abcdefgh",
            "abcdefghijklmnop",
            "é—x",
            "\u{7f}\u{ff}",
        ] {
            for (stop, special) in [
                (0usize, "\""),
                (3, "\\"),
                (7, "\n"),
                (8, "\u{1}"),
                (15, "\""),
            ] {
                let mut s: String = text.chars().cycle().take(stop).collect();
                let plain = s.len();
                s.push_str(special);
                s.push_str("tail\"");
                assert_eq!(plain_run(s.as_bytes()), plain, "{s:?}");
            }
            assert_eq!(plain_run(text.as_bytes()), text.len());
        }
    }

    #[test]
    fn depth_is_limited() {
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
        let deep = "[".repeat(100_000);
        assert_eq!(
            err(&deep),
            "invalid JSON at line 1, column 129: expected at most 128 levels of nested arrays and objects, found more"
        );
    }

    #[test]
    fn numbers_keep_their_text() {
        for n in [
            "0",
            "-0",
            "1.50",
            "1e400",
            "-12345678901234567890123",
            "2E-3",
        ] {
            assert_eq!(parse(n).unwrap(), Json::Number(Number(n.to_owned())));
        }
        for bad in ["+1", ".5", "1.", "1e", "-", "NaN", "Infinity"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
