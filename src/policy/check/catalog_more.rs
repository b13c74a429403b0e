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
use super::condition::{parse_operator, Family};
use super::{statement::value_loc, Checker};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{
    Condition, ConditionValue, Effect, KeyType, OneOrMany, ServiceCatalog, Statement,
};

/// The most actions of one service in one `Action` list that the
/// catalogue expansion compares (a longer list of one service is left to
/// the syntactic check, so that the work stays bounded).
const MAX_GROUP: usize = 256;

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
    /// the catalogue run only with it.
    pub(super) fn catalog_more(&mut self, s: &Statement, at: &Loc) {
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
            self.redundant_by_catalog(cat, actions, &at.key("Action"));
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
        at: &Loc,
    ) {
        let list = actions.as_slice();
        // Well-formed actions with a literal service, by service; actions
        // with a wildcard in the service (or `*`) only cover by syntax.
        let mut literal: Vec<(usize, &str, &str)> = Vec::new();
        let mut wild_service: Vec<usize> = Vec::new();
        for (j, a) in list.iter().enumerate() {
            if super::action_problem(a).is_some() {
                continue;
            }
            match a.split_once(':') {
                Some((svc, name)) if !svc.contains(['*', '?']) => literal.push((j, svc, name)),
                _ => wild_service.push(j),
            }
        }
        if !literal.iter().any(|(_, _, n)| n.contains(['*', '?'])) {
            return;
        }
        literal.sort_by(|a, b| {
            a.1.bytes()
                .map(|c| c.to_ascii_lowercase())
                .cmp(b.1.bytes().map(|c| c.to_ascii_lowercase()))
                .then(a.0.cmp(&b.0))
        });
        let mut found: Vec<(usize, usize)> = Vec::new();
        for group in literal.chunk_by(|a, b| a.1.eq_ignore_ascii_case(b.1)) {
            if group.len() < 2 || group.len() > MAX_GROUP {
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

/// The redundant wildcard actions of one service's `group` (index,
/// service, name) of `list`, as (index, index of one that covers it)
/// into `found`; `wild_service` are the list's actions with a wildcard
/// service, which cover by syntax only.
fn redundant_in_group(
    cat: &dyn ServiceCatalog,
    list: &[String],
    group: &[(usize, &str, &str)],
    wild_service: &[usize],
    found: &mut Vec<(usize, usize)>,
) {
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
    let candidate: Vec<bool> = (0..m)
        .map(|q| group[q].2.contains(['*', '?']) && !syntactic(q))
        .collect();
    if !candidate.contains(&true) {
        return;
    }
    // For each action x of the group: how many catalogue actions it
    // matches, and bit y of `outside[x]` when one of them is not matched
    // by y (so x's actions are all y's when the bit is clear).
    let words = m.div_ceil(64);
    let mut count = vec![0usize; m];
    let mut outside = vec![0u64; m * words];
    let mut bits = vec![0u64; words];
    cat.for_each_action(group[0].1, &mut |name| {
        bits.iter_mut().for_each(|b| *b = 0);
        let mut any = false;
        for (x, (_, _, pat)) in group.iter().enumerate() {
            if covers(pat, name) {
                bits[x / 64] |= 1 << (x % 64);
                any = true;
            }
        }
        if !any {
            return;
        }
        for x in 0..m {
            if bits[x / 64] >> (x % 64) & 1 == 1 {
                count[x] += 1;
                for (o, b) in outside[x * words..(x + 1) * words].iter_mut().zip(&bits) {
                    *o |= !b;
                }
            }
        }
    });
    let within = |x: usize, y: usize| outside[x * words + y / 64] >> (y % 64) & 1 == 0;
    for q in (0..m).filter(|&q| candidate[q] && count[q] > 0) {
        // The first action that matches all of q's: one that matches more,
        // or the same when it is an earlier candidate (of two that match
        // the same actions, the later is reported).
        let by = (0..m).find(|&p| {
            p != q
                && count[p] > 0
                && within(q, p)
                && (!within(p, q) || (candidate[p] && group[p].0 < group[q].0))
        });
        if let Some(p) = by {
            found.push((group[q].0, group[p].0));
        }
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
    let lower = name.to_ascii_lowercase();
    if !(lower.contains("kmskey") || lower.contains("kms-key")) {
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
