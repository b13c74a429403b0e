//! `Action` and `NotAction`: the syntax of each action, the actions a
//! trust policy may allow, repeated actions; action matching.

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
            // `[]`, for the size count.
            self.value_chars += 2;
            self.sink.report(
                Code::EmptyArrayAction,
                at,
                format!("empty {key} array: expected at least one action"),
            );
            return;
        }
        let trust = self.opts.kind == PolicyKind::Trust && key == "Action";
        // One scan of each action's bytes ([`scan_action`]) serves the
        // syntax check, the wildcard test and the service-prefix test.
        let s = &mut self.actions_scratch;
        s.flags.clear();
        let mut any = 0;
        s.flags.extend(actions.iter().map(|a| {
            let f = scan_action(a);
            any |= f;
            f
        }));
        s.any_wild = any & WILD != 0;
        // One action alone is covered by none.
        let single = actions.len() == 1;
        if !single {
            redundant_into(actions.as_slice(), s);
        }
        // The two answers taken out of the `Checker` for the loop (moving
        // two vectors, not all the buffers) and put back after it.
        let (all_flags, by) = (std::mem::take(&mut s.flags), std::mem::take(&mut s.by));
        // The characters of the list's JSON text, for the size count: a
        // well-formed action has only letters, digits, `-`, `:`, `*` and
        // `?`, one character each.
        let chars: usize = actions
            .iter()
            .zip(&all_flags)
            .map(|(a, &f)| {
                if f & OK != 0 {
                    2 + a.len()
                } else {
                    crate::policy::size::string_len(a)
                }
            })
            .sum();
        self.value_chars += crate::policy::size::list_len(actions.is_array(), actions.len(), chars);
        for (j, a) in actions.iter().enumerate() {
            let covered_by = Some(if single { NONE } else { by[j] }).filter(|&i| i != NONE);
            let vat = value_loc(at, actions, j);
            let mut flags = all_flags[j];
            // A well-formed action is printable ASCII without "${", so the
            // character and variable checks can only find something in
            // one that is not.
            if flags & OK == 0 {
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
                // Not reached (the scan and the reasons agree); the test of
                // the service prefix written out in full.
                if let Some((service, _)) = a.split_once(':') {
                    if service != "*" && crate::bytes::has_wildcard(service.as_bytes()) {
                        flags |= SERVICE_WILD;
                    }
                }
            }
            if flags & SERVICE_WILD != 0 {
                let service = a.split_once(':').map_or(a.as_str(), |(s, _)| s);
                self.sink.report(
                    Code::WildcardInServiceName,
                    &vat,
                    format!(
                        "action {a:?} has a wildcard in its service prefix {service:?}: it \
                         can match other services, present and future; name the service"
                    ),
                );
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
        self.actions_scratch.flags = all_flags;
        self.actions_scratch.by = by;
    }
}

/// The most pattern comparisons `redundant_actions` makes for one list
/// (a list of a million wildcards is not compared pairwise; exact repeats
/// are still found).
const COVER_BUDGET: usize = 1 << 22;

/// No index, in [`ActionScratch::by`].
pub(super) const NONE: usize = usize::MAX;

/// Buffers of [`Checker::actions`] (and of the resource lists' search
/// for repeats), kept in the [`Checker`] so that the lists of one
/// document reuse them.
#[derive(Default)]
pub(super) struct ActionScratch {
    /// [`scan_action`] of each action of the list.
    flags: Vec<u8>,
    /// Whether one of `flags` has [`WILD`].
    any_wild: bool,
    /// For each action, the index of one that covers it ([`NONE`]: none).
    by: Vec<usize>,
    /// The first index of each case-folded hash ([`repeats_into`]).
    pub(super) first: FirstByHash,
    /// The well-formed wildcard actions.
    wild: Vec<usize>,
    /// (head key, index) of the well-formed actions, sorted.
    keyed: Vec<(u64, usize)>,
    /// The actions one wildcard is compared with.
    candidates: Vec<usize>,
    /// For each resource of a `Resource` or `NotResource` list, the index
    /// of one that covers it ([`NONE`]: none), `redundant_resources_into`'s
    /// answer; it shares `first` with the action lists.
    pub(super) resource_by: Vec<usize>,
    /// The catalogue formats that a statement's resources fit, end to end
    /// (each resource's a range of them: `catalog::Fit::fitting`).
    pub(super) fitting: super::catalog::Formats,
}

impl ActionScratch {
    /// Whether the buffers are small enough to keep for the next document
    /// (room for at most 4,096 actions; a larger one is freed).
    pub(super) fn is_small(&self) -> bool {
        const KEPT: usize = 4096;
        self.flags.capacity() <= KEPT
            && self.by.capacity() <= KEPT
            && self.wild.capacity() <= KEPT
            && self.keyed.capacity() <= KEPT
            && self.candidates.capacity() <= KEPT
            && self.resource_by.capacity() <= KEPT
            && self.fitting.capacity() <= KEPT
            && self.first.slots.capacity() <= 4 * KEPT
            && self.first.hashes.capacity() <= 4 * KEPT
    }
}

/// The actions of `values` that another one of the list covers, as
/// (index, index of one that covers it), in increasing order of index:
/// an action equal (ignoring ASCII case) to an earlier one, or one that a
/// wildcard action of the list covers (every action it matches, the
/// wildcard matches too, [`covers`]); of two that cover each other, the
/// later one. Only well-formed actions are compared with wildcards.
#[cfg(test)]
fn redundant_actions(values: &[String]) -> Vec<(usize, usize)> {
    let mut s = ActionScratch::default();
    s.flags.extend(values.iter().map(|a| scan_action(a)));
    s.any_wild = s.flags.iter().any(|&f| f & WILD != 0);
    redundant_into(values, &mut s);
    pairs(&s.by)
}

/// The (index, index) pairs of `by` that are set.
#[cfg(test)]
fn pairs(by: &[usize]) -> Vec<(usize, usize)> {
    by.iter()
        .enumerate()
        .filter(|&(_, &i)| i != NONE)
        .map(|(j, &i)| (j, i))
        .collect()
}

/// `redundant_actions` into `s.by` (one entry per action, [`NONE`] for
/// one not covered), with the flags of `s.flags`.
fn redundant_into(values: &[String], s: &mut ActionScratch) {
    let ActionScratch {
        flags,
        any_wild,
        by,
        first,
        wild,
        keyed,
        candidates,
        resource_by: _,
        fitting: _,
    } = s;
    by.clear();
    by.resize(values.len(), NONE);
    repeats_into(values, by, first);
    if !*any_wild {
        return;
    }
    wild.clear();
    wild.extend((0..values.len()).filter(|&i| flags[i] & (OK | WILD) == OK | WILD));
    if wild.is_empty() {
        return;
    }
    // A wildcard covers only actions that start with its literal head
    // (the bytes before its first wildcard, ignoring case). In a long
    // list, the well-formed actions are sorted by their first eight bytes
    // (lowercased, big-endian, so that the number order is the text
    // order) and a head's candidates are the run that shares its first
    // eight bytes, found by binary search; in a short one, a scan.
    keyed.clear();
    if values.len() * wild.len() > 512 {
        keyed.extend(
            (0..values.len())
                .filter(|&j| flags[j] & OK != 0)
                .map(|j| (head_key(values[j].as_bytes()), j)),
        );
        // By key only: the candidates of a head are sorted by index
        // after, so the order among equal keys does not matter.
        keyed.sort_unstable_by_key(|&(k, _)| k);
    }
    let mut budget = COVER_BUDGET;
    for &i in wild.iter() {
        let w = values[i].as_bytes();
        let h = w
            .iter()
            .position(|&b| b == b'*' || b == b'?')
            .unwrap_or(w.len());
        let head = &w[..h];
        let starts = |j: usize| {
            let v = values[j].as_bytes();
            v.len() >= h && v[..h].eq_ignore_ascii_case(head)
        };
        candidates.clear();
        if keyed.is_empty() {
            candidates.extend((0..values.len()).filter(|&j| flags[j] & OK != 0 && starts(j)));
        } else {
            let lo = head_key(head);
            let free = 8usize.saturating_sub(h);
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
        for &j in candidates.iter() {
            // The heads are equal letters (no wildcards): the rest decides.
            if j == i || !bytes_cover(&w[h..], &values[j].as_bytes()[h..], true) {
                continue;
            }
            // Two that cover each other: the later one is redundant.
            let (later, earlier) = if covers(&values[j], &values[i]) {
                (i.max(j), i.min(j))
            } else {
                (j, i)
            };
            if by[later] == NONE {
                by[later] = earlier;
            }
        }
    }
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
    bytes_cover(p.as_bytes(), q.as_bytes(), fold)
}

/// [`pattern_covers`] of bytes.
pub(super) fn bytes_cover(p: &[u8], q: &[u8], fold: bool) -> bool {
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
#[cfg(test)]
fn repeated_ignoring_case(values: &[String]) -> Vec<(usize, usize)> {
    let mut by = vec![NONE; values.len()];
    repeats_into(values, &mut by, &mut FirstByHash::default());
    pairs(&by)
}

/// `repeated_ignoring_case` into `by` (as long as `values`, all
/// [`NONE`]), with `first` as the table of hashes.
fn repeats_into(values: &[String], by: &mut [usize], first: &mut FirstByHash) {
    let earlier = |j: usize| values[..j].iter().position(|w| eq_fold(w, &values[j]));
    if values.len() <= 16 {
        for (j, b) in by.iter_mut().enumerate().skip(1) {
            if let Some(i) = earlier(j) {
                *b = i;
            }
        }
        return;
    }
    // The first index of each case-folded hash. A value whose hash was
    // seen is a repeat if it equals that first value, or (on a hash
    // collision, which practically never happens) any earlier one.
    first.clear(values.len());
    for (j, v) in values.iter().enumerate() {
        if let Some(f) = first.first_or_insert(case_folded_hash(v), j) {
            if values[f].eq_ignore_ascii_case(v) {
                by[j] = f;
            } else if let Some(f) = earlier(j) {
                by[j] = f;
            }
        }
    }
}

/// `a.eq_ignore_ascii_case(b)`, most unequal pairs told apart eight
/// bytes at a time: equal ignoring case implies equal with bit 5 set in
/// every byte, so words that differ so are unequal; words that agree
/// are confirmed byte by byte.
fn eq_fold(a: &str, b: &str) -> bool {
    use crate::bytes::FOLD;
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() != y.len() {
        return false;
    }
    let word = |c: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        u64::from_le_bytes(w) | FOLD
    };
    let differ = x
        .chunks_exact(8)
        .zip(y.chunks_exact(8))
        .any(|(p, q)| word(p) != word(q));
    !differ && a.eq_ignore_ascii_case(b)
}

/// The first index of each hash of a list, for [`repeats_into`] (what a
/// `HashMap<u64, usize>` of first indexes answers, in a table cleared and
/// probed with less work): open addressing with linear probing, `slots`
/// holding an index plus one (0: empty), `hashes` the hash of each index
/// inserted, in order.
#[derive(Default)]
pub(super) struct FirstByHash {
    slots: Vec<usize>,
    hashes: Vec<u64>,
}

impl FirstByHash {
    /// Empties the table for a list of `n` values (at most half full).
    pub(super) fn clear(&mut self, n: usize) {
        let cap = n.saturating_mul(2).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(cap, 0);
        self.hashes.clear();
        self.hashes.reserve(n);
    }

    /// The first index inserted with the hash `h`; `None` after inserting
    /// `j` (the next index, each index inserted once, in order) with it.
    #[inline]
    pub(super) fn first_or_insert(&mut self, h: u64, j: usize) -> Option<usize> {
        debug_assert_eq!(j, self.hashes.len());
        self.hashes.push(h);
        let mask = self.slots.len() - 1;
        // The hash's high bits mixed into the low ones that pick the slot.
        let mut k = ((h ^ (h >> 32)) as usize) & mask;
        loop {
            match self.slots[k] {
                0 => {
                    self.slots[k] = j + 1;
                    return None;
                }
                s if self.hashes[s - 1] == h => return Some(s - 1),
                _ => k = (k + 1) & mask,
            }
        }
    }
}

/// A hash of the bytes with ASCII case folded (bit 5 set, which also
/// merges some punctuation: only equal hashes are compared, and the
/// comparison decides), eight bytes at a time.
fn case_folded_hash(s: &str) -> u64 {
    hash_bytes(s, crate::bytes::FOLD)
}

/// A hash of the bytes of `s`, each word or'ed with `fold` first
/// ([`case_folded_hash`]; 0 for an exact hash), eight bytes at a time.
pub(super) fn hash_bytes(s: &str, fold: u64) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = s.as_bytes();
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ (u64::from_le_bytes(w) | fold))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    // The last bytes: in a value of eight or more, the last eight read as
    // a word (overlapping the last whole one); in a shorter one, shifted in
    // (a copy would call memcpy).
    let rest = chunks.remainder();
    let w = if rest.is_empty() {
        0
    } else if b.len() >= 8 {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[b.len() - 8..]);
        u64::from_le_bytes(w)
    } else {
        rest.iter().rev().fold(0, |w, &c| (w << 8) | u64::from(c))
    };
    h = (h ^ (w | fold)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// In [`scan_action`]'s answer: the action is well-formed ([`action_ok`]).
const OK: u8 = 1;
/// In [`scan_action`]'s answer: a well-formed action with a wildcard.
const WILD: u8 = 2;
/// In [`scan_action`]'s answer: a well-formed action whose service prefix
/// (other than `*`) has a wildcard.
const SERVICE_WILD: u8 = 4;

/// Whether `a` is an action: `*`, or `prefix:name` where the prefix has
/// letters, digits and hyphens and the name letters and digits, both with
/// the wildcards `*` and `?`. One pass over the bytes, for the common case;
/// [`action_problem`] says why not.
fn action_ok(a: &str) -> bool {
    scan_action(a) & OK != 0
}

/// One pass over the bytes of `a`: [`OK`] when it is an action
/// ([`action_ok`]), with [`WILD`] when it has a wildcard and
/// [`SERVICE_WILD`] when its service prefix, other than `*`, has one; 0
/// when it is not an action.
fn scan_action(a: &str) -> u8 {
    let b = a.as_bytes();
    if b.len() > 1023 {
        return scan_action_by_parts(b);
    }
    // The common case, `service:Name` of letters and digits only, in one
    // pass without a branch per byte: each byte's class ([`ACTION_SUM`])
    // added up, eight bytes a step, a count of each class in its own bit
    // field (at most 1,023 bytes: no field overflows into the next).
    let mut sum = 0u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        sum += c.iter().map(|&x| ACTION_SUM[usize::from(x)]).sum::<u64>();
    }
    for &x in chunks.remainder() {
        sum += ACTION_SUM[usize::from(x)];
    }
    if sum == 1 {
        // One `:`, the rest letters and digits: an action unless the `:`
        // begins or ends it.
        return if b[0] == b':' || b[b.len() - 1] == b':' {
            0
        } else {
            OK
        };
    }
    if sum >> 52 != 0 || sum & 0xFFFF_FFFF != 1 {
        // A byte allowed nowhere, or not one `:` (none, or a second one in
        // the name), and not `*`.
        return if b == b"*" { OK | WILD } else { 0 };
    }
    // Wildcards or hyphens: which side of the `:` they are on decides.
    scan_action_by_parts(b)
}

/// What [`scan_action`] adds for each byte: 1 for `:`, `1 << 32` for a
/// wildcard, `1 << 42` for `-`, `1 << 52` for a byte allowed nowhere in an
/// action; 0 for a letter or digit.
const ACTION_SUM: [u64; 256] = {
    let mut t = [1u64 << 52; 256];
    let mut c = 0;
    while c < 256 {
        if (c as u8).is_ascii_alphanumeric() {
            t[c] = 0;
        }
        c += 1;
    }
    t[b':' as usize] = 1;
    t[b'*' as usize] = 1 << 32;
    t[b'?' as usize] = 1 << 32;
    t[b'-' as usize] = 1 << 42;
    t
};

/// [`scan_action`] by the service prefix and the name, with their own
/// byte classes ([`ACTION_BYTE`]): for wildcards and hyphens, and the
/// reference of the one-pass sum.
fn scan_action_by_parts(b: &[u8]) -> u8 {
    if b == b"*" {
        return OK | WILD;
    }
    // Table lookups without early exit (but at the first `:`): bit 0, not
    // allowed in the name; bit 1, not allowed in the prefix; bit 2, a
    // wildcard.
    let mut prefix = 0;
    let mut colon = 0;
    while colon < b.len() && b[colon] != b':' {
        prefix |= ACTION_BYTE[usize::from(b[colon])];
        colon += 1;
    }
    if colon == 0 || colon + 1 >= b.len() {
        return 0;
    }
    let name = b[colon + 1..]
        .iter()
        .fold(0, |acc, &c| acc | ACTION_BYTE[usize::from(c)]);
    if prefix & 2 != 0 || name & 1 != 0 {
        return 0;
    }
    let mut flags = OK;
    if (prefix | name) & 4 != 0 {
        flags |= WILD;
    }
    if prefix & 4 != 0 && &b[..colon] != b"*" {
        flags |= SERVICE_WILD;
    }
    flags
}

/// For [`scan_action`]: bit 0 for a byte not allowed in an action name
/// (letters, digits, `*`, `?`), bit 1 for one not allowed in a service
/// prefix (those and `-`), bit 2 for a wildcard.
const ACTION_BYTE: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() {
            t[c] = 0;
        }
        c += 1;
    }
    t[b'*' as usize] = 4;
    t[b'?' as usize] = 4;
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

    proptest::proptest! {
        #[test]
        fn eq_fold_is_eq_ignore_ascii_case(
            a in "[aA@`:*?{\\[-]{0,20}",
            b in "[aA@`:*?{\\[-]{0,20}",
        ) {
            proptest::prop_assert_eq!(eq_fold(&a, &b), a.eq_ignore_ascii_case(&b));
            let upper = a.to_ascii_uppercase();
            proptest::prop_assert!(eq_fold(&a, &upper));
        }
    }

    #[test]
    fn a_check_sees_nothing_of_the_previous_documents_buffers() {
        use crate::policy::{CheckOptions, PolicyDocument};
        let long: Vec<String> = (0..300)
            .map(|i| format!("\"s3:Get{i}\""))
            .chain([
                "\"s3:Get*\"".into(),
                "\"S3:get7\"".into(),
                "\"ec2:*\"".into(),
            ])
            .collect();
        let first = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":[{}],"Resource":"*"}}]}}"#,
            long.join(",")
        );
        let second = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:PassRole","sts:AssumeRole"],"Resource":"*"},{"Effect":"Deny","Action":"s3:Get7","Resource":"*"}]}"#;
        let check = |text: &str| {
            PolicyDocument::from_json_str(text)
                .unwrap()
                .check(&CheckOptions::identity())
        };
        let fresh = std::thread::spawn(move || check(second)).join().unwrap();
        assert!(check(&first).len() > 300);
        assert_eq!(check(second), fresh);
        // And the long list again, after the short one.
        let again = std::thread::spawn({
            let first = first.clone();
            move || check(&first)
        })
        .join()
        .unwrap();
        assert_eq!(check(&first), again);
    }

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

        /// The one-pass sum answers as the scan by parts, on short and
        /// long actions.
        #[test]
        fn action_sum_agrees_with_the_scan_by_parts(
            a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,12}|[a-z-]{1,8}:[a-zA-Z*?:-]{0,40}"
        ) {
            proptest::prop_assert_eq!(scan_action(&a), scan_action_by_parts(a.as_bytes()));
        }

        #[test]
        fn action_byte_scan_agrees_with_the_reasons(a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,6}") {
            proptest::prop_assert_eq!(action_ok(&a), action_reason(&a).is_none());
        }

        /// The one scan agrees with the separate tests it replaced: the
        /// reasons, a wildcard anywhere, a wildcard in a service prefix
        /// other than `*`.
        #[test]
        fn action_scan_agrees_with_separate_tests(a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,8}") {
            let flags = scan_action(&a);
            let ok = action_reason(&a).is_none();
            proptest::prop_assert_eq!(flags & OK != 0, ok);
            proptest::prop_assert_eq!(
                flags & WILD != 0,
                ok && crate::bytes::has_wildcard(a.as_bytes())
            );
            let service_wild = a.split_once(':').is_some_and(|(service, _)| {
                service != "*" && crate::bytes::has_wildcard(service.as_bytes())
            });
            proptest::prop_assert_eq!(flags & SERVICE_WILD != 0, ok && service_wild);
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
