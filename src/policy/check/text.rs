//! What applies to text wherever it occurs: the characters IAM accepts
//! and the syntax of policy variables (`${aws:username}`).

use super::Checker;
use crate::check::Loc;
use crate::code::Code;
use crate::json::Json;

impl Checker<'_> {
    /// `invalid-character` for the first character of `s` outside
    /// U+0009, U+000A, U+000D, U+0020-U+00FF.
    pub(super) fn chars(&mut self, s: &str, at: &Loc) {
        // Fast path: bytes below 0xC4 that are not control characters are
        // all allowed (U+0100 and up start with a byte of 0xC4 or more).
        // Faster still, eight bytes at a time: printable ASCII.
        if !crate::bytes::any_word(s.as_bytes(), b'a', |w| {
            crate::bytes::less(w, 0x20) | (w & 0x8080_8080_8080_8080)
        }) {
            return;
        }
        if !s
            .bytes()
            .any(|b| b >= 0xC4 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')))
        {
            return;
        }
        if let Some((pos, c)) = s.chars().enumerate().find(|&(_, c)| !allowed_char(c)) {
            self.sink.report(
                Code::InvalidCharacter,
                at,
                format!(
                    "character U+{:04X} at position {pos}: policies may contain only U+0009, U+000A, \
                     U+000D and U+0020 to U+00FF",
                    u32::from(c)
                ),
            );
        }
    }

    /// [`Checker::chars`], and the characters `s` adds to the policy size
    /// as a JSON string ([`crate::policy::size::string_len`]): for plain
    /// text, which has no character to report, one scan for both.
    pub(super) fn chars_len(&mut self, s: &str, at: &Loc) -> usize {
        if let Some(n) = crate::policy::size::plain_string_len(s) {
            return n;
        }
        self.chars(s, at);
        crate::policy::size::string_len(s)
    }

    /// [`Checker::chars`] for every string and key of a value kept as
    /// written.
    pub(super) fn json_chars(&mut self, v: &Json, at: &Loc) {
        match v {
            Json::String(s) => self.chars(s, at),
            Json::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.json_chars(x, &at.index(i));
                }
            }
            Json::Object(o) => {
                for (k, x) in o.iter() {
                    let kat = at.key(k);
                    self.chars(k, &kat);
                    self.json_chars(x, &kat);
                }
            }
            _ => {}
        }
    }

    /// The policy variables of `text` (which has one), named `label` in
    /// messages: `variable-unsupported-in-version` under Version
    /// 2008-10-17, else the first syntax problem. Whether they are fine.
    pub(super) fn variables(&mut self, text: &str, label: &str, at: &Loc) -> bool {
        if self.version_2008 {
            self.sink.report(
                Code::VariableUnsupportedInVersion,
                at,
                format!(
                    "policy variable in {text:?} with Version 2008-10-17: expected Version \
                     2012-10-17 (2008-10-17 reads ${{...}} literally)"
                ),
            );
            return false;
        }
        match variable_problem(text) {
            Some((code, msg)) => {
                self.sink
                    .report(code, at, format!("{label} {text:?}: {msg}"));
                false
            }
            None => true,
        }
    }
}

fn allowed_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')
}

/// Whether `s` has a policy variable's `${`. A byte scan: `str::contains`
/// sets up a substring searcher per call, which costs more than the scan
/// on a policy's short strings.
pub(super) fn has_variable(s: &str) -> bool {
    // Most strings have no `$` at all: look for one word at a time first.
    let b = s.as_bytes();
    crate::bytes::any_word(b, 0, |w| crate::bytes::eq(w, b'$')) && b.windows(2).any(|w| w == b"${")
}

/// A policy variable problem in `s`: `(code, message)`.
fn variable_problem(s: &str) -> Option<(Code, String)> {
    let mut rest = s;
    // Byte searches: `str::find` sets up a substring searcher per call,
    // which costs more than the scan of a resource or a value.
    while let Some(open) = rest.as_bytes().windows(2).position(|w| w == b"${") {
        let after = &rest[open + 2..];
        let Some(close) = after.bytes().position(|b| b == b'}') else {
            return Some((
                Code::MissingBraceInVariable,
                "policy variable \"${\" has no closing \"}\"".into(),
            ));
        };
        let inner = &after[..close];
        rest = &after[close + 1..];
        if inner.trim().is_empty() {
            return Some((
                Code::EmptyVariable,
                "empty policy variable \"${}\": expected a name such as ${aws:username}".into(),
            ));
        }
        if matches!(inner, "*" | "?" | "$") {
            continue;
        }
        let (name, default) = match inner.split_once(',') {
            Some((n, d)) => (n, Some(d)),
            None => (inner, None),
        };
        if name.contains(' ') {
            return Some((
                Code::UnsupportedSpaceInVariable,
                format!("space in policy variable \"${{{inner}}}\": expected none"),
            ));
        }
        if let Some(d) = default {
            let d = d.strip_prefix(' ').unwrap_or(d);
            if d.len() < 2 || !d.starts_with('\'') || !d.ends_with('\'') {
                return Some((
                    Code::MissingQuoteInVariable,
                    format!(
                        "default value of policy variable \"${{{inner}}}\": expected it in single quotes"
                    ),
                ));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variables() {
        assert_eq!(variable_problem("a/${aws:username}/*"), None);
        assert_eq!(variable_problem("${aws:PrincipalTag/team, 'x'}"), None);
        assert_eq!(variable_problem("a/${*}"), None);
        assert_eq!(variable_problem("a/${}").unwrap().0, Code::EmptyVariable);
        assert_eq!(
            variable_problem("a/${aws:username").unwrap().0,
            Code::MissingBraceInVariable
        );
        assert_eq!(
            variable_problem("${aws:x, y}").unwrap().0,
            Code::MissingQuoteInVariable
        );
        assert_eq!(
            variable_problem("${aws: x}").unwrap().0,
            Code::UnsupportedSpaceInVariable
        );
    }
}
