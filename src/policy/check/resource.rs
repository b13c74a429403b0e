//! `Resource` and `NotResource`: where they may appear, each ARN (or
//! `*`), and account IDs taken from the AWS documentation.

#[cfg(test)]
use super::action::pattern_covers;
use super::action::{bytes_cover, hash_bytes, FirstByHash, NONE};
use super::{statement::value_loc, Checker, PolicyKind};
use crate::bytes::eq;
use crate::check::Loc;
use crate::code::Code;
use crate::policy::OneOrMany;
use crate::ArnPattern;

/// Account IDs used in AWS documentation examples.
const EXAMPLE_ACCOUNTS: [&str; 2] = ["111122223333", "123456789012"];

impl Checker<'_> {
    /// `Resource` or `NotResource` (`key`), at `at`.
    pub(super) fn resources(&mut self, key: &'static str, res: &OneOrMany<String>, at: &Loc) {
        if self.opts.kind == PolicyKind::Trust || res.is_empty() {
            // Not checked value by value: counted for the size here.
            let sum = res.iter().map(|r| crate::policy::size::string_len(r)).sum();
            self.value_chars += crate::policy::size::list_len(res.is_array(), res.len(), sum);
        }
        if self.opts.kind == PolicyKind::Trust {
            self.sink.report(
                Code::RoleTrustPolicySyntaxErrorResource,
                at,
                format!(
                    "{key} in a role trust policy: a trust policy applies to its role, remove \
                     {key}"
                ),
            );
            return;
        }
        if res.is_empty() {
            self.sink.report(
                Code::EmptyArrayResource,
                at,
                format!("empty {key} array: expected at least one ARN or \"*\""),
            );
            return;
        }
        // For each resource, the index of one that covers it (taken out of
        // the kept buffers for the loop, and put back after it).
        let mut by = std::mem::take(&mut self.actions_scratch.resource_by);
        redundant_resources_into(
            res.as_slice(),
            res.len() > 16,
            &mut by,
            &mut self.actions_scratch.first,
        );
        // The characters of the list's values, for the size count.
        let mut chars = 0;
        for (j, r) in res.iter().enumerate() {
            let covered_by = by.get(j).copied().filter(|&i| i != NONE);
            let vat = value_loc(at, res, j);
            chars += self.chars_len(r, &vat);
            if r == "*" {
                if let Some(i) = covered_by {
                    self.redundant_resource(key, r, &res.as_slice()[i], i, &vat);
                }
                continue;
            }
            if super::text::has_variable(r) && !self.variables(r, key, &vat) {
                continue;
            }
            match ArnPattern::validate(shorten(r)) {
                Ok(fields) => {
                    self.example_account(fields.account, &vat);
                    let service = fields.service;
                    if service != "*" && crate::bytes::has_wildcard(service.as_bytes()) {
                        self.sink.report(
                            Code::WildcardInServiceName,
                            &vat,
                            format!(
                                "{key} {r:?} has a wildcard in its service {service:?}: it can \
                                 match other services' resources; name the service"
                            ),
                        );
                    }
                    if let Some(i) = covered_by {
                        self.redundant_resource(key, r, &res.as_slice()[i], i, &vat);
                    }
                }
                Err(reason) => {
                    self.sink.report(
                        reason.code().unwrap_or(Code::InvalidArnResource),
                        &vat,
                        format!("{key} {r:?} is not an ARN or \"*\": {reason}"),
                    );
                }
            }
        }
        self.actions_scratch.resource_by = by;
        self.value_chars += crate::policy::size::list_len(res.is_array(), res.len(), chars);
    }

    /// `redundant-resource` at `r` (at `at`), which `by` at index `i` of
    /// the same `key` covers.
    fn redundant_resource(&mut self, key: &str, r: &str, by: &str, i: usize, at: &Loc) {
        let message = if r == by {
            format!("resource {r:?} is redundant: {key} already lists it at index {i}; remove one")
        } else {
            format!(
                "resource {r:?} is redundant: {by:?} at index {i} of the same {key} matches every \
                 resource it matches; remove {r:?}, or list only the resources meant"
            )
        };
        self.sink.report(Code::RedundantResource, at, message);
    }

    /// `example-account-id` when `account` is one of the documentation's.
    pub(super) fn example_account(&mut self, account: &str, at: &Loc) {
        if EXAMPLE_ACCOUNTS.contains(&account) {
            self.sink.report(
                Code::ExampleAccountId,
                at,
                format!(
                    "account {account} is an example from the AWS documentation: replace it with \
                     a real account ID"
                ),
            );
        }
    }
}

/// `r` itself, or when it is longer than an API ARN (2,048 characters,
/// a limit of API parameters, not of policy resources) its first five
/// fields and the first character of its resource, so that the fields are
/// still checked.
fn shorten(r: &str) -> &str {
    if r.len() <= 2048 {
        return r;
    }
    match r.match_indices(':').nth(4) {
        Some((i, _)) if r.len() > i + 1 => {
            let end = i + 1 + r[i + 1..].chars().next().map_or(0, char::len_utf8);
            &r[..end]
        }
        _ => r,
    }
}

/// The most pattern steps [`redundant_resources_into`] spends on one list: each
/// comparison of a wildcard ARN with another counts the product of their
/// lengths (the bound of [`pattern_covers`]), so a list of thousands of
/// hostile wildcards is not compared pairwise. Exact repeats are still
/// found, in linear time.
const COVER_BUDGET: usize = 1 << 26;

/// The six `:`-separated fields of an ARN pattern (`arn`, partition,
/// service, region, account, resource; the resource keeps its `:`), or
/// `None` for `*` and what is not split so (or is longer than an API ARN,
/// which [`shorten`] cuts).
fn arn_fields(r: &str) -> Option<[&str; 5]> {
    if r.len() > 2048 || !r.starts_with("arn:") {
        return None;
    }
    // The first four `:` after `arn:` end the four middle fields; the
    // resource is the rest.
    let b = r.as_bytes();
    let mut fields = [""; 5];
    let (mut k, mut start) = (0, 4);
    for (i, &c) in b.iter().enumerate().skip(4) {
        if c == b':' {
            fields[k] = &r[start..i];
            k += 1;
            start = i + 1;
            if k == 4 {
                fields[4] = &r[start..];
                return Some(fields);
            }
        }
    }
    None
}

/// [`arn_fields`] as it was first written, the reference of its property
/// test.
#[cfg(test)]
fn arn_fields_by_split(r: &str) -> Option<[&str; 5]> {
    if r.len() > 2048 {
        return None;
    }
    let mut it = r.splitn(6, ':');
    if it.next()? != "arn" {
        return None;
    }
    Some([it.next()?, it.next()?, it.next()?, it.next()?, it.next()?])
}

/// Whether the resource pattern `p` covers `q`: every resource `q`
/// matches, `p` matches too. `*` covers everything; otherwise field by
/// field, as IAM matches ARNs (a wildcard stays within its field, except
/// in the resource field, the rest of the ARN, where `*` spans `/` and
/// `:`), case-sensitively.
/// The first `skip` fields are not compared: the caller knows them equal
/// and without wildcards ([`head_fields`]).
fn resource_covers(
    p: &str,
    fp: Option<&[&str; 5]>,
    q: &str,
    fq: Option<&[&str; 5]>,
    skip: usize,
) -> bool {
    if p == "*" {
        return true;
    }
    match (fp, fq) {
        // The resource field first: two ARNs of a list mostly differ
        // there, and the fields before are mostly equal or `*`.
        (Some(fp), Some(fq)) if q != "*" => {
            (skip > 4 || field_covers(fp[4], fq[4]))
                && fp[..4]
                    .iter()
                    .zip(&fq[..4])
                    .skip(skip)
                    .all(|(a, b)| field_covers(a, b))
        }
        _ => false,
    }
}

/// [`pattern_covers`] of one ARN field (case-sensitive), without the
/// comparison loop for the common cases: `*` covers every field (the
/// loop's star takes any run), and a field covers itself (each of its
/// letters and `?` matches itself, each `*` takes the other's `*`). The
/// loop starts after the equal words of eight bytes without a wildcard
/// that begin both (before a `*` of `a`, equal letters only advance it).
fn field_covers(a: &str, b: &str) -> bool {
    if a == "*" || a == b {
        return true;
    }
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let word = |s: &[u8], k: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[k..k + 8]);
        u64::from_le_bytes(w)
    };
    let mut k = 0;
    while k + 8 <= a.len() && k + 8 <= b.len() {
        let x = word(a, k);
        if x != word(b, k) || eq(x, b'*') | eq(x, b'?') != 0 {
            break;
        }
        k += 8;
    }
    bytes_cover(&a[k..], &b[k..], false)
}

/// How many of the fields `fw` of `w` end, with the `:` after them,
/// within its first `h` bytes: in a value that starts with those bytes
/// (and `h` is at most the position of the first wildcard of `w`) the same
/// fields are the same text, without wildcards, which covers itself.
fn head_fields(w: &str, fw: Option<&[&str; 5]>, h: usize) -> usize {
    fw.map_or(0, |f| {
        f.iter()
            .take_while(|x| (x.as_ptr() as usize - w.as_ptr() as usize) + x.len() < h)
            .count()
    })
}

/// The resources of `values` that another one of the list covers, as
/// (index, index of one that covers it), in increasing order of index: a
/// repeat of an earlier one, or one that a wildcard resource of the list
/// covers ([`resource_covers`]); of two that cover each other, the later
/// one. Within [`COVER_BUDGET`]. Repeats are found with a table of
/// hashes (`hashed`, as the check does for a list of more than 16) or by
/// a scan.
#[cfg(test)]
fn redundant_resources_by(values: &[String], hashed: bool) -> Vec<(usize, usize)> {
    let mut by = Vec::new();
    redundant_resources_into(values, hashed, &mut by, &mut FirstByHash::default());
    by.into_iter()
        .enumerate()
        .filter(|&(_, i)| i != NONE)
        .collect()
}

/// [`redundant_resources_by`] into `by`, kept from one list to the next:
/// for each value, the index of one that covers it ([`NONE`]: none);
/// empty for a list of fewer than two. `first` is the table of hashes.
fn redundant_resources_into(
    values: &[String],
    hashed: bool,
    by: &mut Vec<usize>,
    first: &mut FirstByHash,
) {
    by.clear();
    if values.len() < 2 {
        return;
    }
    by.resize(values.len(), NONE);
    let earlier = |j: usize| values[..j].iter().position(|w| *w == values[j]);
    if !hashed {
        for (j, b) in by.iter_mut().enumerate().skip(1) {
            if let Some(i) = earlier(j) {
                *b = i;
            }
        }
    } else {
        // The first index of each hash (exact, [`hash_bytes`]): a value
        // whose hash was seen is a repeat if it equals that first value,
        // or (on a collision) any earlier one.
        first.clear(values.len());
        for (j, v) in values.iter().enumerate() {
            if let Some(f) = first.first_or_insert(hash_bytes(v, 0), j) {
                by[j] = if values[f] == *v {
                    f
                } else {
                    earlier(j).unwrap_or(NONE)
                };
            }
        }
    }
    let is_wild = |v: &str| crate::bytes::has_wildcard(v.as_bytes());
    if values.iter().any(|v| is_wild(v)) {
        let fields: Vec<Option<[&str; 5]>> = values.iter().map(|v| arn_fields(v)).collect();
        let mut budget = COVER_BUDGET;
        'wild: for (i, w) in values.iter().enumerate() {
            if !is_wild(w) || by[i] != NONE || (w != "*" && fields[i].is_none()) {
                continue;
            }
            // What `w` covers starts with its literal head: the fields
            // before its first wildcard match only themselves, and the
            // field with it only what starts the same way.
            let head = &w.as_bytes()[..w
                .bytes()
                .position(|b| b == b'*' || b == b'?')
                .unwrap_or(w.len())];
            let skip = head_fields(w, fields[i].as_ref(), head.len());
            for (j, v) in values.iter().enumerate() {
                if j == i || by[j] != NONE || !v.as_bytes().starts_with(head) {
                    continue;
                }
                let cost = w.len().saturating_mul(v.len()).max(1);
                if cost > budget {
                    break 'wild;
                }
                budget -= cost;
                if !resource_covers(w, fields[i].as_ref(), v, fields[j].as_ref(), skip) {
                    continue;
                }
                // Two that cover each other: the later one is redundant.
                if j < i && resource_covers(v, fields[j].as_ref(), w, fields[i].as_ref(), 0) {
                    by[i] = j;
                    continue 'wild;
                }
                by[j] = i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte loop splits as `splitn` did.
        #[test]
        fn arn_fields_agree_with_splitting(r in "(arn|ar|arn:)?[a:*/\u{e9}]{0,12}") {
            proptest::prop_assert_eq!(arn_fields(&r), arn_fields_by_split(&r));
        }

        /// The shortcuts of [`field_covers`] answer as the comparison loop.
        #[test]
        fn field_shortcuts_agree(
            p in "[ab/*?]{0,20}",
            a in "[ab:/*?]{0,5}",
            b in "[ab:/*?]{0,5}"
        ) {
            let (pa, pb) = (format!("{p}{a}"), format!("{p}{b}"));
            proptest::prop_assert_eq!(field_covers(&pa, &pb), pattern_covers(&pa, &pb, false));
            proptest::prop_assert_eq!(field_covers(&a, &b), pattern_covers(&a, &b, false));
            proptest::prop_assert!(pattern_covers(&a, &a, false));
            proptest::prop_assert!(pattern_covers("*", &a, false));
        }

        /// The resource field first and the shortcuts answer as comparing
        /// every field in order with [`pattern_covers`].
        #[test]
        fn covers_agrees_with_every_field_in_order(
            w in "arn:[a*:]{0,4}:[ab:/*?]{0,6}|\\*",
            v in "arn:[a*:]{0,4}:[ab:/*?]{0,6}|\\*"
        ) {
            let (fw, fv) = (arn_fields(&w), arn_fields(&v));
            let reference = w == "*"
                || match (fw, fv) {
                    (Some(a), Some(b)) => a.iter().zip(&b).all(|(x, y)| pattern_covers(x, y, false)),
                    _ => false,
                };
            proptest::prop_assert_eq!(resource_covers(&w, fw.as_ref(), &v, fv.as_ref(), 0), reference);
        }

        /// Skipping the fields inside the literal head changes nothing.
        #[test]
        fn skipping_head_fields_agrees(
            w in "arn:[a:]{0,3}:[ab:*?]{0,6}|\\*",
            v in "arn:[a:]{0,3}:[ab:*?]{0,6}|\\*"
        ) {
            let h = w.bytes().position(|b| b == b'*' || b == b'?').unwrap_or(w.len());
            if v.as_bytes().starts_with(&w.as_bytes()[..h]) {
                let (fw, fv) = (arn_fields(&w), arn_fields(&v));
                let skip = head_fields(&w, fw.as_ref(), h);
                proptest::prop_assert_eq!(
                    resource_covers(&w, fw.as_ref(), &v, fv.as_ref(), skip),
                    resource_covers(&w, fw.as_ref(), &v, fv.as_ref(), 0)
                );
            }
        }

        /// The hashed search for repeats finds what a scan finds (short
        /// values collide in [`hash_bytes`] only by chance, so near-equal
        /// ones are drawn, wildcards included).
        #[test]
        fn hashed_repeats_agree_with_a_scan(
            v in proptest::collection::vec("[aA*:]{0,3}|arn:aws:s3:::[ab*]{0,2}|\\*", 0..60)
        ) {
            proptest::prop_assert_eq!(
                redundant_resources_by(&v, true),
                redundant_resources_by(&v, false)
            );
        }
    }
}
