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
        // Sorted by index, consumed in step with `j`.
        let redundant = redundant_actions(actions.as_slice());
        let mut redundant = redundant.iter().peekable();
        for (j, a) in actions.iter().enumerate() {
            let covered_by = redundant.next_if(|r| r.0 == j).map(|r| r.1);
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
            if let Some((service, _)) = a.split_once(':') {
                if service != "*" && crate::bytes::has_wildcard(service.as_bytes()) {
                    self.sink.report(
                        Code::WildcardInServiceName,
                        &vat,
                        format!(
                            "action {a:?} has a wildcard in its service prefix {service:?}: it \
                             can match other services, present and future; name the service"
                        ),
                    );
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
            if let Some(i) = covered_by {
                let by = &actions.as_slice()[i];
                let message = if by.eq_ignore_ascii_case(a) {
                    format!(
                        "action {a:?} is redundant: {key} already lists {by:?} at index {i} \
                         (actions ignore case); remove one"
                    )
                } else {
                    format!(
                        "action {a:?} is redundant: {by:?} at index {i} of the same {key} \
                         covers it; remove {a:?}"
                    )
                };
                self.sink.report(Code::RedundantAction, &vat, message);
            }
        }
    }
}

/// The most pattern comparisons [`redundant_actions`] makes for one list
/// (a list of a million wildcards is not compared pairwise; exact repeats
/// are still found).
const COVER_BUDGET: usize = 1 << 22;

/// The actions of `values` that another one of the list covers, as
/// (index, index of one that covers it), in increasing order of index:
/// an action equal (ignoring ASCII case) to an earlier one, or one that a
/// wildcard action of the list covers (every action it matches, the
/// wildcard matches too, [`covers`]); of two that cover each other, the
/// later one. Only well-formed actions are compared with wildcards.
fn redundant_actions(values: &[String]) -> Vec<(usize, usize)> {
    let repeats = repeated_ignoring_case(values);
    let wild: Vec<usize> = (0..values.len())
        .filter(|&i| crate::bytes::has_wildcard(values[i].as_bytes()) && action_ok(&values[i]))
        .collect();
    if wild.is_empty() {
        return repeats;
    }
    let mut by: Vec<Option<usize>> = vec![None; values.len()];
    for &(j, i) in &repeats {
        by[j] = Some(i);
    }
    // A wildcard covers only actions that start with its literal head
    // (the bytes before its first wildcard, ignoring case). In a long
    // list, the well-formed actions are sorted by their first eight bytes
    // (lowercased, big-endian, so that the number order is the text
    // order) and a head's candidates are the run that shares its first
    // eight bytes, found by binary search; in a short one, a scan.
    let keyed: Vec<(u64, usize)> = if values.len() * wild.len() > 512 {
        let mut k: Vec<(u64, usize)> = (0..values.len())
            .filter(|&j| action_ok(&values[j]))
            .map(|j| (head_key(values[j].as_bytes()), j))
            .collect();
        k.sort_unstable();
        k
    } else {
        Vec::new()
    };
    let mut budget = COVER_BUDGET;
    let mut candidates = Vec::new();
    for &i in &wild {
        let w = &values[i];
        let head = &w.as_bytes()[..w
            .bytes()
            .position(|b| b == b'*' || b == b'?')
            .unwrap_or(w.len())];
        let starts = |j: usize| {
            let v = values[j].as_bytes();
            v.len() >= head.len() && v[..head.len()].eq_ignore_ascii_case(head)
        };
        candidates.clear();
        if keyed.is_empty() {
            candidates.extend((0..values.len()).filter(|&j| starts(j) && action_ok(&values[j])));
        } else {
            let lo = head_key(head);
            let free = 8usize.saturating_sub(head.len());
            let hi = lo
                | if free == 8 {
                    u64::MAX
                } else {
                    (1u64 << (8 * free)) - 1
                };
            let from = keyed.partition_point(|&(k, _)| k < lo);
            let to = keyed.partition_point(|&(k, _)| k <= hi);
            candidates.extend(
                keyed[from..to]
                    .iter()
                    .map(|&(_, j)| j)
                    .filter(|&j| starts(j)),
            );
            candidates.sort_unstable();
        }
        if candidates.len() > budget {
            break;
        }
        budget -= candidates.len();
        for &j in &candidates {
            if j == i || !covers(w, &values[j]) {
                continue;
            }
            // Two that cover each other: the later one is redundant.
            let (later, earlier) = if covers(&values[j], w) {
                (i.max(j), i.min(j))
            } else {
                (j, i)
            };
            by[later].get_or_insert(earlier);
        }
    }
    by.into_iter()
        .enumerate()
        .filter_map(|(j, i)| Some((j, i?)))
        .collect()
}

/// The first eight bytes of `b` lowercased, as a big-endian number
/// (shorter strings padded with zero bytes): numbers compare as the
/// strings' beginnings do.
fn head_key(b: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    for (d, s) in w.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    u64::from_be_bytes(w)
}

/// Whether the action pattern `p` covers the pattern `q` (ignoring ASCII
/// case): every action `q` matches, `p` matches too. A `*` of `p` takes
/// any run of `q`, wildcards included; a `?` of `p` one character of `q`
/// other than `*`; a letter of `p` only the same letter of `q`. Sound (no
/// pattern is said to cover one it does not); a few equivalent spellings
/// (`a*?` and `a?*`) are not recognised.
pub(crate) fn covers(p: &str, q: &str) -> bool {
    pattern_covers(p, q, true)
}

/// [`covers`], ignoring ASCII case when `fold` (actions) or not (ARNs).
/// The loop is the usual one-star backtracking match: at most
/// `p.len() * q.len()` steps, linear on patterns with few stars.
pub(crate) fn pattern_covers(p: &str, q: &str, fold: bool) -> bool {
    let p = p.as_bytes();
    let q = q.as_bytes();
    let one = |pc: u8, qc: u8| match pc {
        b'?' => qc != b'*',
        _ => qc != b'*' && qc != b'?' && (pc == qc || (fold && pc.eq_ignore_ascii_case(&qc))),
    };
    let (mut pi, mut qi) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while qi < q.len() {
        if pi < p.len() && p[pi] != b'*' && one(p[pi], q[qi]) {
            pi += 1;
            qi += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, qi));
            pi += 1;
        } else if let Some((sp, sq)) = star {
            pi = sp + 1;
            qi = sq + 1;
            star = Some((sp, sq + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// The values equal (ignoring ASCII case) to an earlier one, as (index,
/// index of the first equal one), in increasing order, in linear time:
/// managed policies list thousands of actions.
fn repeated_ignoring_case(values: &[String]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let earlier = |j: usize| {
        values[..j]
            .iter()
            .position(|w| w.eq_ignore_ascii_case(&values[j]))
    };
    if values.len() <= 16 {
        out.extend((1..values.len()).filter_map(|j| Some((j, earlier(j)?))));
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
                let f = *e.get();
                if values[f].eq_ignore_ascii_case(v) {
                    out.push((j, f));
                } else if let Some(f) = earlier(j) {
                    out.push((j, f));
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

/// Whether `pattern` (with `*` and `?`) matches the action `text` (no
/// wildcards), ignoring ASCII case: [`covers`] of a concrete action.
pub(crate) fn wild_match(pattern: &str, text: &str) -> bool {
    covers(pattern, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An independent wildcard matcher (the one the checks used before
    /// [`covers`] served both), the reference the properties compare with.
    fn reference_match(pattern: &str, text: &str) -> bool {
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
        assert_eq!(repeated_ignoring_case(&short), [(1, 0), (3, 0)]);
        let mut long: Vec<String> = (0..40).map(|i| format!("s3:Get{i}")).collect();
        long.push("S3:get7".into());
        long.push("s3:Get39".into());
        // Equal after folding bit 5 but not ignoring case: same hash.
        long.push("s3:get@".into());
        long.push("s3:get`".into());
        assert_eq!(repeated_ignoring_case(&long), [(40, 7), (41, 39)]);
    }

    #[test]
    fn wildcards_cover_the_actions_they_match() {
        assert!(covers("ecs:Describe*", "ecs:DescribeClusters"));
        assert!(covers("ECS:describe*", "ecs:DescribeClusters"));
        assert!(covers("*", "s3:GetObject"));
        assert!(covers("ec2:*", "ec2:Describe*"));
        assert!(covers("ec2:Describe*", "ec2:Describe*"));
        assert!(covers("s3:Get?bject", "s3:GetObject"));
        assert!(!covers("s3:GetObject", "s3:Get?bject"));
        assert!(!covers("ec2:Describe*", "ec2:*"));
        assert!(!covers("ecs:Describe*", "ec2:DescribeVpcs"));
        assert!(!covers("s3:Get?", "s3:Get*"));
        let v: Vec<String> = [
            "ecs:DescribeClusters",
            "ecs:Describe*",
            "sns:List*",
            "SNS:listTopics",
            "ecs:describe*",
            "ec2:Allocate*",
            "ec2:Allocate*",
        ]
        .map(String::from)
        .into();
        assert_eq!(redundant_actions(&v), [(0, 1), (3, 2), (4, 1), (6, 5)]);
    }

    proptest::proptest! {
        #[test]
        fn covering_is_sound(p in "[ab*?]{0,5}", q in "[ab*?]{0,5}", t in "[ab]{0,6}") {
            // A pattern that covers another matches every text it matches.
            if covers(&p, &q) && reference_match(&q, &t) {
                proptest::prop_assert!(reference_match(&p, &t), "{p} covers {q} but not {t}");
            }
        }

        #[test]
        fn matching_an_action_agrees_with_the_reference(p in "[aAb:*?]{0,6}", t in "[ab:]{0,6}") {
            proptest::prop_assert_eq!(wild_match(&p, &t), reference_match(&p, &t));
        }

        #[test]
        fn action_byte_scan_agrees_with_the_reasons(a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,6}") {
            proptest::prop_assert_eq!(action_ok(&a), action_reason(&a).is_none());
        }

        #[test]
        fn repeated_agrees_with_a_quadratic_scan(
            v in proptest::collection::vec("[aAbB@`:]{0,3}", 0..40)
        ) {
            let quadratic: Vec<(usize, usize)> = (1..v.len())
                .filter_map(|j| Some((j, v[..j].iter().position(|w| w.eq_ignore_ascii_case(&v[j]))?)))
                .collect();
            proptest::prop_assert_eq!(repeated_ignoring_case(&v), quadratic);
        }

        /// The prefiltered search (a scan in short lists, a binary search
        /// over the sorted heads in long ones) finds what comparing every
        /// wildcard with every action finds.
        #[test]
        fn redundant_agrees_with_comparing_every_pair(
            v in proptest::collection::vec("(s3|S3|ec2|e\\*|\\*):(Get|get|List|L\\?st|\\*)[ab*?]{0,2}|\\*", 0..70)
        ) {
            let mut by: Vec<Option<usize>> = vec![None; v.len()];
            for (j, i) in repeated_ignoring_case(&v) {
                by[j] = Some(i);
            }
            for (i, w) in v.iter().enumerate() {
                if !(crate::bytes::has_wildcard(w.as_bytes()) && action_ok(w)) {
                    continue;
                }
                for (j, x) in v.iter().enumerate() {
                    if j == i || !action_ok(x) || !covers(w, x) {
                        continue;
                    }
                    let (later, earlier) = if covers(x, w) { (i.max(j), i.min(j)) } else { (j, i) };
                    by[later].get_or_insert(earlier);
                }
            }
            let pairs: Vec<(usize, usize)> =
                by.into_iter().enumerate().filter_map(|(j, i)| Some((j, i?))).collect();
            proptest::prop_assert_eq!(redundant_actions(&v), pairs);
        }
    }
}
