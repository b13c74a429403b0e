//! `redundant-statement`: a statement that gives exactly the permissions
//! of an earlier one (AA *Redundant statement*).
//!
//! Two statements are identical here when they have the same `Effect`,
//! the same `Principal` and `NotPrincipal` (the same form, each principal
//! type's values as a set, compared exactly), the same `Action` and
//! `NotAction` (as sets, ignoring case, as IAM matches actions), the same
//! `Resource` and `NotResource` (as sets, compared exactly: ARNs are
//! case-sensitive) and equal `Condition` elements (the same operators,
//! keys ignoring case, each key's values as a set). Order and duplicates
//! inside a list do not matter; the `Sid` does not. The rule is
//! conservative: a statement with a member the model could not take, a
//! principal map with one, or a `Condition` with an operator or a key
//! written twice is never reported, and `"*"` is not taken to equal
//! `{"AWS": "*"}` nor an account ID its root ARN.
//!
//! Cost: one cheap signature per statement (a few bytes of each string,
//! no allocation), its actions' only when the rest agrees with another
//! statement's, and statements compared in full only when both agree. Up
//! to 64 statements the signatures stay on the stack; a longer array
//! takes one vector of them.

use super::Checker;
// `FOLD` is or'ed into sampled bytes to ignore ASCII case (and a little
// more: a signature only has to agree for equal inputs).
use crate::bytes::FOLD;
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{
    Condition, ConditionValue, OneOrMany, PolicyDocument, Principal, PrincipalMap, Statement,
    Statements,
};

/// Statements compared pairwise without a vector.
const SMALL: usize = 64;

/// The most distinct statements of one signature a later one is compared
/// with (a bound on the work an adversarial document can cause).
const REPRESENTATIVES: usize = 32;

/// The most operators, or keys under one operator, a statement may have
/// to be compared (the check for repeated ones is quadratic).
const MAX_CONDITION_ENTRIES: usize = 64;

impl Checker<'_> {
    /// Reports each statement of `doc` identical to an earlier one, at
    /// the later statement.
    pub(super) fn redundant_statements(&mut self, doc: &PolicyDocument) {
        let Some(Statements::Many(v)) = &doc.statement else {
            return;
        };
        let n = v.len();
        if n < 2 {
            return;
        }
        if n <= SMALL {
            // The signature without the actions first; the actions' only
            // for statements whose other members agree with another's
            // (most statements differ there, and action lists are long).
            let mut sigs = [0u64; SMALL];
            let mut actions = [0u64; SMALL];
            for (sig, s) in sigs.iter_mut().zip(v) {
                *sig = signature(s);
            }
            let mut action_sig = |k: usize| {
                if actions[k] == 0 {
                    actions[k] = actions_sig(&v[k]);
                }
                actions[k]
            };
            for j in 1..n {
                if sigs[j] == 0 {
                    continue;
                }
                let earlier = (0..j).find(|&i| {
                    sigs[i] == sigs[j] && action_sig(i) == action_sig(j) && same(&v[i], &v[j])
                });
                if let Some(i) = earlier {
                    self.report_redundant(v, i, j);
                }
            }
            return;
        }
        let mut order: Vec<(u64, usize)> = v
            .iter()
            .enumerate()
            .map(|(i, s)| match signature(s) {
                0 => (0, i),
                sig => (combine(sig, actions_sig(s)) | 1, i),
            })
            .filter(|(sig, _)| *sig != 0)
            .collect();
        order.sort_unstable();
        let mut found: Vec<(usize, usize)> = Vec::new();
        for group in order.chunk_by(|a, b| a.0 == b.0) {
            let mut reps = [0usize; REPRESENTATIVES];
            let mut nreps = 0;
            for &(_, j) in group {
                match reps[..nreps].iter().find(|&&i| same(&v[i], &v[j])) {
                    Some(&i) => found.push((j, i)),
                    None if nreps < REPRESENTATIVES => {
                        reps[nreps] = j;
                        nreps += 1;
                    }
                    None => {}
                }
            }
        }
        found.sort_unstable();
        for (j, i) in found {
            self.report_redundant(v, i, j);
        }
    }

    fn report_redundant(&mut self, v: &[Statement], earlier: usize, later: usize) {
        let sid = |k: usize| match &v[k].sid {
            Some(s) => format!(" (Sid {s:?})"),
            None => String::new(),
        };
        let root = Loc::Root;
        let statements = root.key("Statement");
        self.sink.report(
            Code::RedundantStatement,
            &statements.index(later),
            format!(
                "statement /Statement/{later}{} gives the same permissions as /Statement/{earlier}{} \
                 (same Effect, principals, actions, resources and conditions): remove one of them; \
                 an edit to one copy would leave the other in force",
                sid(later),
                sid(earlier)
            ),
        );
    }
}

/// The signature of a statement's `Action` and `NotAction`.
fn actions_sig(s: &Statement) -> u64 {
    combine(
        list_sig(s.action.as_ref(), FOLD),
        list_sig(s.not_action.as_ref(), FOLD),
    ) | 1
}

/// A statement's signature but for its actions ([`actions_sig`]): equal
/// for identical statements (in the sense of the module docs), 0 for one
/// that is never reported.
fn signature(s: &Statement) -> u64 {
    if !s.layout.is_clean() {
        return 0;
    }
    let Some(effect) = s.effect else {
        return 0;
    };
    let mut h = mix(effect as u64 + 1);
    for p in [&s.principal, &s.not_principal] {
        let Some(ph) = principal_sig(p.as_ref()) else {
            return 0;
        };
        h = combine(h, ph);
    }
    // Which of Action and NotAction is there; their values are in
    // `actions_sig`.
    h = combine(
        h,
        u64::from(s.action.is_some()) + 2 * u64::from(s.not_action.is_some()),
    );
    h = combine(h, list_sig(s.resource.as_ref(), 0));
    h = combine(h, list_sig(s.not_resource.as_ref(), 0));
    match &s.condition {
        None => h = combine(h, 1),
        Some(c) => match condition_sig(c) {
            Some(ch) => h = combine(h, ch),
            None => return 0,
        },
    }
    h | 1
}

fn mix(x: u64) -> u64 {
    let x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

fn combine(h: u64, part: u64) -> u64 {
    mix(h ^ part.rotate_left(17))
}

/// A string's sample: its length and first and last eight bytes, folded
/// without mixing (min and max of samples only have to agree for equal
/// sets; a collision only costs a full comparison).
fn sample(s: &[u8], fold: u64) -> u64 {
    let n = s.len();
    let (a, b) = match (s.first_chunk::<8>(), s.last_chunk::<8>()) {
        (Some(first), Some(last)) => (u64::from_le_bytes(*first), u64::from_le_bytes(*last)),
        _ => {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(s);
            let x = u64::from_le_bytes(buf);
            (x, 0)
        }
    };
    ((a | fold) ^ (b | fold).rotate_left(29)) ^ (n as u64).rotate_left(50)
}

/// A set's signature: the least and greatest sample (both ignore order
/// and duplicates).
fn set_sig<'a>(items: impl Iterator<Item = u64> + 'a) -> u64 {
    let (lo, hi) = items.fold((u64::MAX, 0), |(lo, hi), x| (lo.min(x), hi.max(x)));
    combine(lo, hi)
}

fn list_sig(list: Option<&OneOrMany<String>>, fold: u64) -> u64 {
    match list {
        None => 2,
        Some(l) => set_sig(l.iter().map(|s| sample(s.as_bytes(), fold))),
    }
}

fn principal_sig(p: Option<&Principal>) -> Option<u64> {
    Some(match p {
        None => 3,
        Some(Principal::Any) => 4,
        Some(Principal::Map(m)) => {
            if !m.layout.is_clean() {
                return None;
            }
            [&m.aws, &m.federated, &m.service, &m.canonical_user]
                .into_iter()
                .fold(5, |h, l| combine(h, list_sig(l.as_ref(), 0)))
        }
    })
}

fn value_sample(v: &ConditionValue) -> u64 {
    let tag = match v {
        ConditionValue::String(_) => 1,
        ConditionValue::Bool(_) => 2,
        ConditionValue::Number(_) => 3,
    };
    sample(v.text().as_bytes(), 0) ^ tag
}

/// The condition's signature, `None` when an operator, or a key under
/// one, is written twice (or there are too many to tell cheaply).
fn condition_sig(c: &Condition) -> Option<u64> {
    if c.len() > MAX_CONDITION_ENTRIES {
        return None;
    }
    let mut sum = 7u64;
    for (i, (op, block)) in c.iter().enumerate() {
        if block.len() > MAX_CONDITION_ENTRIES || c.iter().take(i).any(|(o, _)| o == op) {
            return None;
        }
        let mut keys = 0u64;
        for (ki, (key, values)) in block.iter().enumerate() {
            if block
                .iter()
                .take(ki)
                .any(|(k, _)| k.eq_ignore_ascii_case(key))
            {
                return None;
            }
            let vs = set_sig(values.iter().map(value_sample));
            keys = keys.wrapping_add(combine(sample(key.as_bytes(), FOLD), vs));
        }
        // A sum: the order of operators and keys does not matter, and
        // none is repeated.
        sum = sum.wrapping_add(combine(sample(op.as_bytes(), 0), keys));
    }
    Some(sum)
}

/// Whether two statements whose signatures agree are identical.
fn same(a: &Statement, b: &Statement) -> bool {
    a.effect == b.effect
        && principal_eq(a.principal.as_ref(), b.principal.as_ref())
        && principal_eq(a.not_principal.as_ref(), b.not_principal.as_ref())
        && list_eq(a.action.as_ref(), b.action.as_ref(), true)
        && list_eq(a.not_action.as_ref(), b.not_action.as_ref(), true)
        && list_eq(a.resource.as_ref(), b.resource.as_ref(), false)
        && list_eq(a.not_resource.as_ref(), b.not_resource.as_ref(), false)
        && match (&a.condition, &b.condition) {
            (None, None) => true,
            (Some(x), Some(y)) => condition_eq(x, y),
            _ => false,
        }
}

fn principal_eq(a: Option<&Principal>, b: Option<&Principal>) -> bool {
    match (a, b) {
        (None, None) | (Some(Principal::Any), Some(Principal::Any)) => true,
        (Some(Principal::Map(x)), Some(Principal::Map(y))) => map_eq(x, y),
        _ => false,
    }
}

fn map_eq(x: &PrincipalMap, y: &PrincipalMap) -> bool {
    list_eq(x.aws.as_ref(), y.aws.as_ref(), false)
        && list_eq(x.federated.as_ref(), y.federated.as_ref(), false)
        && list_eq(x.service.as_ref(), y.service.as_ref(), false)
        && list_eq(x.canonical_user.as_ref(), y.canonical_user.as_ref(), false)
}

fn list_eq(a: Option<&OneOrMany<String>>, b: Option<&OneOrMany<String>>, ci: bool) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let eq = |x: &String, y: &String| {
                if ci {
                    x.eq_ignore_ascii_case(y)
                } else {
                    x == y
                }
            };
            let (a, b) = (a.as_slice(), b.as_slice());
            if a.len().saturating_mul(b.len()) <= 1024 {
                return a.iter().all(|x| b.iter().any(|y| eq(x, y)))
                    && b.iter().all(|y| a.iter().any(|x| eq(x, y)));
            }
            // Long lists: compare the sorted, deduplicated sets.
            let key = |s: &String| -> String {
                if ci {
                    s.to_ascii_lowercase()
                } else {
                    s.clone()
                }
            };
            let set = |l: &[String]| {
                let mut v: Vec<String> = l.iter().map(key).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            set(a) == set(b)
        }
        _ => false,
    }
}

/// Whether two value lists are the same set; long lists are taken as
/// different (unsure, so nothing is reported).
fn values_eq(a: &OneOrMany<ConditionValue>, b: &OneOrMany<ConditionValue>) -> bool {
    a.len().saturating_mul(b.len()) <= 4096
        && a.iter().all(|x| b.iter().any(|y| x == y))
        && b.iter().all(|y| a.iter().any(|x| x == y))
}

/// Whether two conditions, neither with a repeated operator or key (the
/// signature checked that), are equal.
fn condition_eq(a: &Condition, b: &Condition) -> bool {
    a.len() == b.len()
        && a.iter().all(|(op, x)| {
            b.get(op).is_some_and(|y| {
                x.len() == y.len()
                    && x.iter().all(|(k, xv)| {
                        y.iter()
                            .find(|(yk, _)| yk.eq_ignore_ascii_case(k))
                            .is_some_and(|(_, yv)| values_eq(xv, yv))
                    })
            })
        })
}
