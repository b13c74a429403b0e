//! `Action` and `NotAction`: the syntax of each action, the actions a
//! trust policy may allow, repeated actions; action matching.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::{statement::value_loc, Checker, PolicyKind};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::OneOrMany;

/// The STS actions a role trust policy may allow (lowercase), RULES.md
/// section 4.
pub(crate) const TRUST_ACTIONS: [&str; 6] = [
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:tagsession",
    "sts:setsourceidentity",
    "sts:setcontext",
];

impl Checker<'_> {
    /// `Action` or `NotAction` (`key`), at `at`.
    pub(super) fn actions(&mut self, key: &'static str, actions: &OneOrMany<String>, at: &Loc) {
        if actions.is_empty() {
            self.sink.report(
                Code::EmptyArrayAction,
                at,
                format!("empty {key} array: expected at least one action"),
            );
            return;
        }
        let trust = self.opts.kind == PolicyKind::Trust && key == "Action";
        // Sorted indexes, consumed in step with `j`.
        let repeated = repeated_ignoring_case(actions.as_slice());
        let mut repeated = repeated.iter().peekable();
        for (j, a) in actions.iter().enumerate() {
            let duplicate = repeated.next_if_eq(&&j).is_some();
            let vat = value_loc(at, actions, j);
            // A well-formed action is printable ASCII without "${", so the
            // character and variable checks can only find something in
            // one that is not.
            if !action_ok(a) {
                self.chars(a, &vat);
                if super::text::has_variable(a) {
                    self.sink.report(
                        Code::VariableUnsupportedInElement,
                        &vat,
                        format!(
                            "policy variable in {key} {a:?}: variables are allowed only in \
                             Resource and Condition"
                        ),
                    );
                    continue;
                }
                if let Some(reason) = action_reason(a) {
                    self.sink.report(
                        Code::InvalidAction,
                        &vat,
                        format!("invalid action {a:?}: {reason}"),
                    );
                    continue;
                }
            }
            if trust && !TRUST_ACTIONS.iter().any(|t| wild_match(a, t)) {
                self.sink.report(
                    Code::UnsupportedActionInPolicy,
                    &vat,
                    format!(
                        "action {a:?} in a role trust policy: expected sts:AssumeRole, \
                         sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, \
                         sts:SetSourceIdentity or sts:SetContext"
                    ),
                );
            }
            if duplicate {
                self.sink.report(
                    Code::DuplicateAction,
                    &vat,
                    format!("action {a:?} appears more than once in {key} (actions ignore case)"),
                );
            }
        }
    }
}

/// The indexes of values equal (ignoring ASCII case) to an earlier one, in
/// increasing order, in linear time: managed policies list thousands of
/// actions.
fn repeated_ignoring_case(values: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    let earlier = |j: usize| {
        values[..j]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&values[j]))
    };
    if values.len() <= 16 {
        out.extend((1..values.len()).filter(|&j| earlier(j)));
        return out;
    }
    // The first index of each case-folded hash. A value whose hash was
    // seen is a repeat if it equals that first value, or (on a hash
    // collision, which practically never happens) any earlier one.
    let mut first: HashMap<u64, usize, BuildHasherDefault<Prehashed>> =
        HashMap::with_capacity_and_hasher(values.len(), BuildHasherDefault::default());
    for (j, v) in values.iter().enumerate() {
        match first.entry(case_folded_hash(v)) {
            Entry::Vacant(e) => {
                e.insert(j);
            }
            Entry::Occupied(e) => {
                if values[*e.get()].eq_ignore_ascii_case(v) || earlier(j) {
                    out.push(j);
                }
            }
        }
    }
    out
}

/// A hash of the bytes with ASCII case folded (bit 5 set, which also
/// merges some punctuation: only equal hashes are compared, and the
/// comparison decides), eight bytes at a time.
fn case_folded_hash(s: &str) -> u64 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = s.as_bytes();
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ (u64::from_le_bytes(w) | FOLD))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    // The last bytes shifted in (a copy would call memcpy).
    let w = chunks
        .remainder()
        .iter()
        .rev()
        .fold(0, |w, &c| (w << 8) | u64::from(c));
    h = (h ^ (w | FOLD)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// A `Hasher` for keys that are already hashes ([`case_folded_hash`]).
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; hash anything else plainly.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Whether `a` is an action: `*`, or `prefix:name` where the prefix has
/// letters, digits and hyphens and the name letters and digits, both with
/// the wildcards `*` and `?`. One pass over the bytes, for the common case;
/// [`action_problem`] says why not.
fn action_ok(a: &str) -> bool {
    if a == "*" {
        return true;
    }
    let b = a.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    if colon == 0 || colon + 1 >= b.len() {
        return false;
    }
    // Table lookups without early exit: bit 0, not allowed in the name;
    // bit 1, not allowed in the prefix.
    let bad = |acc: u8, &c: &u8| acc | ACTION_BYTE[usize::from(c)];
    b[..colon].iter().fold(0, bad) & 2 == 0 && b[colon + 1..].iter().fold(0, bad) & 1 == 0
}

/// For [`action_ok`]: bit 0 for a byte not allowed in an action name
/// (letters, digits, `*`, `?`), bit 1 for one not allowed in a service
/// prefix (those and `-`).
const ACTION_BYTE: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'*' || b == b'?' {
            t[c] = 0;
        }
        c += 1;
    }
    t[b'-' as usize] = 1;
    t
};

/// Why `a` is not an action (see [`action_ok`]).
pub(crate) fn action_problem(a: &str) -> Option<String> {
    if action_ok(a) {
        None
    } else {
        action_reason(a)
    }
}

/// The rule of [`action_ok`] character by character, with the reason.
fn action_reason(a: &str) -> Option<String> {
    if a == "*" {
        return None;
    }
    let Some((prefix, name)) = a.split_once(':') else {
        return Some("expected \"*\" or service:ActionName, found no \":\"".into());
    };
    if prefix.is_empty() {
        return Some("expected a service prefix before \":\"".into());
    }
    if name.is_empty() {
        return Some("expected an action name after \":\"".into());
    }
    let bad_prefix = prefix
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '*' | '?')));
    if let Some((pos, c)) = bad_prefix {
        return Some(format!(
            "expected letters, digits, hyphens and wildcards in the service prefix, found {:?} at position {pos}",
            c.to_string()
        ));
    }
    let bad_name = name
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '*' | '?')));
    if let Some((pos, c)) = bad_name {
        return Some(format!(
            "expected letters, digits and wildcards in the action name, found {:?} at position {}",
            c.to_string(),
            prefix.chars().count() + 1 + pos
        ));
    }
    None
}

/// Whether `pattern` (with `*` and `?`) matches `text`, ignoring ASCII
/// case. `text` is lowercase.
pub(crate) fn wild_match(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi].to_ascii_lowercase() == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_ignoring_case() {
        assert!(wild_match("sts:Assume*", "sts:assumerole"));
        assert!(wild_match("*", "iam:passrole"));
        assert!(wild_match("iam:Pass?ole", "iam:passrole"));
        assert!(!wild_match("s3:*", "sts:assumerole"));
        assert!(!wild_match("sts:AssumeRole", "sts:assumerolewithsaml"));
    }

    #[test]
    fn repeated_values_ignore_case_in_long_and_short_lists() {
        let short: Vec<String> = ["a:B", "a:b", "c:d", "A:B"].map(String::from).into();
        assert_eq!(repeated_ignoring_case(&short), [1, 3]);
        let mut long: Vec<String> = (0..40).map(|i| format!("s3:Get{i}")).collect();
        long.push("S3:get7".into());
        long.push("s3:Get39".into());
        // Equal after folding bit 5 but not ignoring case: same hash.
        long.push("s3:get@".into());
        long.push("s3:get`".into());
        assert_eq!(repeated_ignoring_case(&long), [40, 41]);
    }

    proptest::proptest! {
        #[test]
        fn action_byte_scan_agrees_with_the_reasons(a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,6}") {
            proptest::prop_assert_eq!(action_ok(&a), action_reason(&a).is_none());
        }

        #[test]
        fn repeated_agrees_with_a_quadratic_scan(
            v in proptest::collection::vec("[aAbB@`:]{0,3}", 0..40)
        ) {
            let quadratic: Vec<usize> = (1..v.len())
                .filter(|&j| v[..j].iter().any(|w| w.eq_ignore_ascii_case(&v[j])))
                .collect();
            proptest::prop_assert_eq!(repeated_ignoring_case(&v), quadratic);
        }
    }
}
