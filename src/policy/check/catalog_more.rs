//! More checks of issue 12 (docs/checks.md, "Catalogue checks: choices"):
//!
//! - `redundant-action` by catalogue expansion: a wildcard action whose
//!   catalogue actions another action of the same `Action` list all
//!   matches, when the patterns alone do not show it (that is
//!   [`action`](super::action)'s finding).
//! - `missing-paired-condition-keys`: a condition key that AWS says to use
//!   only with a companion key, without it (needs no catalogue).
//! - `invalid-kms-key-value`: a value that is not a KMS key ARN for a
//!   service condition key that the catalogue types `ARN` and whose name
//!   says it holds a KMS key.

use super::action::covers;
use super::catalog::Resolved;
use super::condition::{parse_operator, Family};
use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{
    has_wildcard, Condition, ConditionValue, Effect, KeyType, OneOrMany, ServiceCatalog, Statement,
};

/// The most actions of one service in one `Action` list that the
/// catalogue expansion compares (a longer list of one service is left to
/// the syntactic check, so that the work stays bounded).
const MAX_GROUP: usize = 256;

/// The longest `Action` list that the catalogue expansion looks at.
const MAX_LIST: usize = 4096;

/// The condition keys that AWS says to use only with a companion key:
/// (key, the keys that pair with it, the source).
const PAIRED_KEYS: [(&str, &[&str], &str); 2] = [
    (
        "aws:VpcSourceIp",
        &["aws:SourceVpc"],
        "Access Analyzer's policy check reference, Missing paired condition keys",
    ),
    (
        "aws:Ec2InstanceSourcePrivateIPv4",
        &["aws:Ec2InstanceSourceVpc"],
        "the IAM User Guide, aws:Ec2InstanceSourcePrivateIPv4: \"you must use this condition key with its companion key aws:Ec2InstanceSourceVpc\"",
    ),
];

impl Checker<'_> {
    /// The checks of this file for statement `s` at `at`; those that need
    /// the catalogue run only with it, `ids` being its `Action` list as the
    /// catalogue resolved it.
    pub(super) fn catalog_more(&mut self, s: &Statement, at: &Loc, ids: &[Resolved]) {
        if let Some(c) = &s.condition {
            if s.effect == Some(Effect::Allow) {
                self.paired_keys(c, &at.key("Condition"));
            }
        }
        let Some(cat) = self.opts.catalog else {
            return;
        };
        let cat = cat.get();
        if let Some(actions) = &s.action {
            self.redundant_by_catalog(cat, actions, ids, &at.key("Action"));
        }
        if let Some(c) = &s.condition {
            self.kms_key_values(cat, c, &at.key("Condition"));
        }
    }

    /// `redundant-action` by catalogue expansion in the `Action` list
    /// `actions` at `at`.
    fn redundant_by_catalog(
        &mut self,
        cat: &dyn ServiceCatalog,
        actions: &OneOrMany<String>,
        ids: &[Resolved],
        at: &Loc,
    ) {
        let list = actions.as_slice();
        if list.len() > MAX_LIST {
            return;
        }
        // Only an action of a literal service with a wildcard other than
        // one `*` at the end can make a finding ([`redundant_in_group`]).
        let inner = |(j, a): (usize, &String)| {
            // An action the catalogue resolved (or found absent) has no
            // wildcard.
            if matches!(ids.get(j), Some(Resolved::Id(_) | Resolved::Absent)) {
                return false;
            }
            let b = a.as_bytes();
            // Most actions have no wildcard but a last `*`: a scan eight
            // bytes at a time passes them over.
            let body = &b[..b.len().saturating_sub(1)];
            if !crate::bytes::has_wildcard(body) && b.last() != Some(&b'?') {
                return false;
            }
            b.iter()
                .position(|&c| c == b':')
                .is_some_and(|c| !has_wildcard(&a[..c]) && !head_and_star(&a[c + 1..]))
        };
        if !list.iter().enumerate().any(inner) {
            return;
        }
        // Well-formed actions with a literal service (index, service,
        // name, whether the name has a wildcard); actions with a wildcard
        // in the service (or `*`) only cover by syntax.
        let mut literal: Vec<Entry> = Vec::new();
        let mut wild_service: Vec<usize> = Vec::new();
        let mut any_wild = false;
        for (j, a) in list.iter().enumerate() {
            if super::action_problem(a).is_some() {
                continue;
            }
            match a.split_once(':') {
                Some((svc, name)) if !has_wildcard(svc) => {
                    let wild = has_wildcard(name);
                    any_wild |= wild;
                    literal.push((j, svc, name, wild));
                }
                _ => wild_service.push(j),
            }
        }
        if !any_wild {
            return;
        }
        // By service: bytewise when no service has a capital (the usual
        // case), else ignoring case.
        if literal
            .iter()
            .any(|e| e.1.bytes().any(|b| b.is_ascii_uppercase()))
        {
            literal.sort_by(|a, b| {
                a.1.bytes()
                    .map(|c| c.to_ascii_lowercase())
                    .cmp(b.1.bytes().map(|c| c.to_ascii_lowercase()))
                    .then(a.0.cmp(&b.0))
            });
        } else {
            literal.sort_unstable_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(&b.0)));
        }
        let mut found: Vec<(usize, usize)> = Vec::new();
        for group in literal.chunk_by(|a, b| a.1.eq_ignore_ascii_case(b.1)) {
            if group.len() < 2 || group.len() > MAX_GROUP || !group.iter().any(|e| e.3) {
                continue;
            }
            redundant_in_group(cat, list, group, &wild_service, &mut found);
        }
        found.sort_unstable();
        for (q, p) in found {
            let (a, by) = (&list[q], &list[p]);
            self.sink.report(
                Code::RedundantAction,
                &value_loc(at, actions, q),
                format!(
                    "action {a:?} is redundant: {by:?} at index {p} of the same Action matches \
                     every action that it matches in the service catalogue of {} (a newer \
                     action may differ); remove {a:?}",
                    cat.date()
                ),
            );
        }
    }

    /// `missing-paired-condition-keys` in the condition `c` (at `at`) of an
    /// `Allow` statement.
    fn paired_keys(&mut self, c: &Condition, at: &Loc) {
        let has = |key: &str| {
            c.iter()
                .any(|(_, block)| block.iter().any(|(k, _)| k.eq_ignore_ascii_case(key)))
        };
        for (op, block) in c.iter() {
            // `Null` tests whether the key is there, not its value.
            if parse_operator(op).is_ok_and(|o| o.family == Family::Null) {
                continue;
            }
            let op_at = at.key(op);
            for (key, _) in block.iter() {
                let Some((_, pairs, _)) = PAIRED_KEYS
                    .iter()
                    .find(|(k, _, _)| k.eq_ignore_ascii_case(key))
                else {
                    continue;
                };
                if pairs.iter().any(|p| has(p)) {
                    continue;
                }
                self.sink.report(
                    Code::MissingPairedConditionKeys,
                    &op_at.key(key),
                    format!(
                        "condition key {key} can allow too much without {}: it names no VPC, \
                         and private IP addresses are not unique across VPCs; add {} to the \
                         same Condition",
                        pairs.join(", "),
                        pairs.join(" or ")
                    ),
                );
            }
        }
    }

    /// `invalid-kms-key-value` in the condition `c` (at `at`).
    fn kms_key_values(&mut self, cat: &dyn ServiceCatalog, c: &Condition, at: &Loc) {
        for (op, block) in c.iter() {
            let Ok(o) = parse_operator(op) else {
                continue;
            };
            // A pattern (`...Like`, and `Arn...`, whose values may hold
            // wildcards) is compared only when it has no wildcard.
            let patterns = o.like || o.family == Family::Arn;
            if !matches!(o.family, Family::String | Family::Arn) {
                continue;
            }
            let op_at = at.key(op);
            for (key, values) in block.iter() {
                if !is_kms_key_arn_key(cat, key) {
                    continue;
                }
                let key_at = op_at.key(key);
                for (j, v) in values.iter().enumerate() {
                    let ConditionValue::String(v) = v else {
                        continue;
                    };
                    if v.contains("${") || (patterns && v.contains(['*', '?'])) {
                        continue;
                    }
                    if is_kms_arn(v) {
                        continue;
                    }
                    self.sink.report(
                        Code::InvalidKmsKeyValue,
                        &value_loc(&key_at, values, j),
                        format!(
                            "condition key {key} takes a KMS key ARN \
                             (arn:PARTITION:kms:REGION:ACCOUNT:key/KEY-ID), found {v:?}: no \
                             request has this value"
                        ),
                    );
                }
            }
        }
    }
}

/// The redundant wildcard actions of one service's `group` ([`Entry`])
/// of `list`, as (index, index of one that covers it)
/// into `found`; `wild_service` are the list's actions with a wildcard
/// service, which cover by syntax only.
fn redundant_in_group(
    cat: &dyn ServiceCatalog,
    list: &[String],
    group: &[Entry],
    wild_service: &[usize],
    found: &mut Vec<(usize, usize)>,
) {
    // When every action of the group is literal or a literal head and one
    // trailing `*` (`Describe*`), the catalogue finds nothing the syntax
    // does not: of two heads, one extends the other (syntactic cover, or
    // the same actions, the broader one reported by syntax) or they match
    // no common action; a literal matched by a pattern is syntactic too.
    if group.iter().all(|e| head_and_star(e.2)) {
        return;
    }
    let m = group.len();
    // The wildcard actions that no other action covers by syntax (those
    // are the syntactic check's).
    let syntactic = |q: usize| {
        let a = &list[group[q].0];
        group
            .iter()
            .enumerate()
            .any(|(p, x)| p != q && covers(&list[x.0], a))
            || wild_service.iter().any(|&w| covers(&list[w], a))
    };
    let candidates: Vec<usize> = (0..m).filter(|&q| group[q].3 && !syntactic(q)).collect();
    if candidates.is_empty() {
        return;
    }
    // For each candidate q: how many catalogue actions it matches, and bit
    // p of `outside[q]` when one of them is not matched by action p of the
    // group (so q's actions are all p's when the bit is clear). Only the
    // actions a candidate matches are compared with the whole group.
    let words = m.div_ceil(64);
    let mut count = vec![0usize; candidates.len()];
    let mut outside = vec![0u64; candidates.len() * words];
    let mut bits = vec![0u64; words];
    let svc = group[0].1;
    // The first byte of each candidate's name, lowercased (0 for a
    // wildcard): most catalogue actions differ from every candidate there.
    let head = |n: &str| match n.as_bytes().first() {
        Some(b'*' | b'?') | None => 0,
        Some(b) => b.to_ascii_lowercase(),
    };
    let all_heads: Vec<u8> = group.iter().map(|e| head(e.2)).collect();
    let heads: Vec<u8> = candidates.iter().map(|&q| all_heads[q]).collect();
    // The literal end of each action's name (after its last wildcard),
    // which every catalogue action that it matches ends with: compared
    // before the match (`*HumanLoop` against every action of a service).
    let tails: Vec<&[u8]> = group
        .iter()
        .map(|e| {
            let b = e.2.as_bytes();
            let from = b
                .iter()
                .rposition(|&c| c == b'*' || c == b'?')
                .map_or(0, |i| i + 1);
            &b[from..]
        })
        .collect();
    // Whether group action x matches the catalogue action `name`.
    let matches = |x: usize, name: &str| {
        let (t, n) = (tails[x], name.as_bytes());
        n.len() >= t.len()
            && n[n.len() - t.len()..].eq_ignore_ascii_case(t)
            && covers(group[x].2, name)
    };
    cat.for_each_action(svc, &mut |name| {
        let h = head(name);
        let hit = candidates
            .iter()
            .zip(&heads)
            .any(|(&q, &c)| (c == 0 || c == h) && matches(q, name));
        if !hit {
            return;
        }
        bits.iter_mut().for_each(|b| *b = 0);
        for x in 0..m {
            if (all_heads[x] == 0 || all_heads[x] == h) && matches(x, name) {
                bits[x / 64] |= 1 << (x % 64);
            }
        }
        for (c, &q) in candidates.iter().enumerate() {
            if bits[q / 64] >> (q % 64) & 1 == 1 {
                count[c] += 1;
                for (o, b) in outside[c * words..(c + 1) * words].iter_mut().zip(&bits) {
                    *o |= !b;
                }
            }
        }
    });
    // Whether the catalogue actions of group action p are all matched by
    // q (asked only for a p that matches all of a candidate's).
    let within_q = |p: usize, q: usize| {
        let mut all = true;
        cat.for_each_action(svc, &mut |name| {
            if all && matches(p, name) && !matches(q, name) {
                all = false;
            }
        });
        all
    };
    for (c, &q) in candidates.iter().enumerate() {
        if count[c] == 0 {
            continue;
        }
        // The first action that matches all of q's: one that matches
        // more, or the same when it is an earlier candidate (of two that
        // match the same actions, the later is reported).
        let by = (0..m).find(|&p| {
            p != q
                && outside[c * words + p / 64] >> (p % 64) & 1 == 0
                && (!within_q(p, q) || (candidates.contains(&p) && group[p].0 < group[q].0))
        });
        if let Some(p) = by {
            found.push((group[q].0, group[p].0));
        }
    }
}

/// An action of an `Action` list: its index, service, name, and whether
/// the name has a wildcard.
type Entry<'a> = (usize, &'a str, &'a str, bool);

/// Whether the action name `n` is literal, or literal but for one `*` at
/// its end.
fn head_and_star(n: &str) -> bool {
    let b = n.as_bytes();
    match b.iter().position(|&c| c == b'*' || c == b'?') {
        None => true,
        Some(i) => i + 1 == b.len() && b[i] == b'*',
    }
}

/// Whether `key` is a service condition key that the catalogue types
/// `ARN` (or `ArrayOfARN`) and whose name says it holds a KMS key
/// (`KmsKey`, `KMSKeyArn`, `kms-key-id`, ignoring case).
fn is_kms_key_arn_key(cat: &dyn ServiceCatalog, key: &str) -> bool {
    let Some((svc, name)) = key.split_once(':') else {
        return false;
    };
    if svc.eq_ignore_ascii_case("aws") {
        return false;
    }
    // `kmskey` or `kms-key` in the name, ignoring case, without a copy.
    let has = |part: &[u8]| {
        name.as_bytes()
            .windows(part.len())
            .any(|w| w.eq_ignore_ascii_case(part))
    };
    if !(has(b"kmskey") || has(b"kms-key")) {
        return false;
    }
    cat.condition_key(key).is_some_and(|k| k.ty == KeyType::Arn)
}

/// Whether `v` is a KMS key (or alias) ARN:
/// `arn:PARTITION:kms:REGION:ACCOUNT:key/ID` with a Region, a 12-digit
/// account and an ID; `alias/NAME` is accepted too (some services compare
/// the value the request names, which may be an alias).
fn is_kms_arn(v: &str) -> bool {
    let mut f = v.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(res)) =
        (f.next(), f.next(), f.next(), f.next(), f.next(), f.next())
    else {
        return false;
    };
    let id = res
        .strip_prefix("key/")
        .or_else(|| res.strip_prefix("alias/"));
    !partition.is_empty()
        && service == "kms"
        && !region.is_empty()
        && account.len() == 12
        && account.bytes().all(|b| b.is_ascii_digit())
        && id.is_some_and(|i| !i.is_empty())
}

#[cfg(test)]
mod tests {
    use super::is_kms_arn;

    #[test]
    fn kms_arns() {
        assert!(is_kms_arn(
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
        ));
        assert!(is_kms_arn(
            "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1"
        ));
        assert!(is_kms_arn(
            "arn:aws:kms:us-east-1:111122223333:alias/my-key"
        ));
        assert!(!is_kms_arn("1234abcd-12ab-34cd-56ef-1234567890ab"));
        assert!(!is_kms_arn("alias/my-key"));
        assert!(!is_kms_arn("arn:aws:kms:us-east-1:111122223333:key/"));
        assert!(!is_kms_arn("arn:aws:kms::111122223333:key/1"));
        assert!(!is_kms_arn("arn:aws:kms:us-east-1:1111:key/1"));
        assert!(!is_kms_arn("arn:aws:s3:us-east-1:111122223333:key/1"));
        assert!(!is_kms_arn("arn:aws:kms:us-east-1:111122223333:grant/1"));
    }
}
