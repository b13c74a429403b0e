//! A bare `*` under `StringLike` or `StringNotLike`: AA's
//! `redundant-key-due-to-wildcard-in-condition`,
//! `redundant-statement-due-to-wildcard-in-condition`,
//! and `equivalent-to-null-true` (not `equivalent-to-null-false`, see
//! below).
//!
//! `*` (or `**`, any value of stars only) matches every string, so:
//!
//! | operator | key present | key absent | finding |
//! | --- | --- | --- | --- |
//! | `StringLike` | true | false | (`Null: false`: not reported); redundant key if always present |
//! | `StringNotLike` | false | true | `Null: true`; never matches if always present |
//! | `StringLikeIfExists` | true | true | redundant key |
//! | `StringNotLikeIfExists` | false | true | `Null: true`; never matches if always present |
//! | `ForAllValues:StringLike[IfExists]` | true | true | redundant key |
//! | `ForAnyValue:StringNotLike` | false | false | never matches |
//!
//! Absent keys: IAM-UG `reference_policies_elements_condition_operators`
//! (false, true for a negated operator, true with `IfExists`);
//! `ForAllValues` is true and `ForAnyValue` false for no values or an
//! empty set (`reference_policies_multi-value-conditions`). The other
//! qualified forms depend on whether a key with an empty set counts as
//! null, which no source says, and are not reported; nor is an
//! unqualified operator on a multivalued global key (its meaning is not
//! documented; `missing-qualifier` is reported). "Always present" is
//! only what the IAM User Guide says of a global key
//! (`global_keys::always_present`); a service key's presence is unknown,
//! so it gets only the `Null` suggestion.
//!
//! `StringLike` with `*` on a key that may be absent is `Null: false`,
//! but Access Analyzer's own findings on the 76 managed policies of the
//! corpus (2024-12-05) have no `equivalent-to-null-false` on the 10 such
//! conditions there (all on tag keys), so it is not reported: no finding
//! AWS would not give. Reasoning in `docs/checks.md`.

use super::condition::{Family, Operator};
use super::Checker;
use crate::check::Loc;
use crate::code::Code;
use crate::policy::global_keys;
use crate::policy::{ConditionValue, OneOrMany};

/// What a condition key with a bare `*` amounts to.
enum Outcome {
    /// True whatever the request.
    Always(&'static str),
    /// False whatever the request.
    Never(&'static str),
    /// True exactly when the key is absent.
    NullTrue,
}

/// Whether `t` is a pattern of stars only, which matches every string.
fn all_stars(t: &str) -> bool {
    !t.is_empty() && t.bytes().all(|b| b == b'*')
}

impl Checker<'_> {
    /// The findings of a bare `*` among the values of `key` under the
    /// operator `op` (read as `o`), at `at`.
    pub(super) fn wildcard_condition(
        &mut self,
        op: &str,
        o: &Operator,
        key: &str,
        values: &OneOrMany<ConditionValue>,
        at: &Loc,
    ) {
        if o.family != Family::String || !o.like {
            return;
        }
        if !values
            .iter()
            .any(|v| matches!(v, ConditionValue::String(t) if all_stars(t)))
        {
            return;
        }
        let negated = op.contains("NotLike");
        let unqualified_multi = !o.qualified && global_keys::lookup(key).is_some_and(|k| k.multi);
        let always = global_keys::always_present(key);
        let outcome = match (o.qualified, o.for_all, negated, o.if_exists) {
            _ if unqualified_multi => return,
            (false, _, false, true) => Outcome::Always("IfExists is true when the key is absent"),
            (false, _, false, false) if always => Outcome::Always("every request has the key"),
            // `Null: false`, which AA did not report (module docs).
            (false, _, false, false) => return,
            (false, _, true, _) if always => Outcome::Never("every request has the key"),
            (false, _, true, _) => Outcome::NullTrue,
            (true, true, false, _) => {
                Outcome::Always("ForAllValues is true when the key has no values")
            }
            (true, false, true, false) => {
                Outcome::Never("ForAnyValue is false when the key has no values")
            }
            _ => return,
        };
        match outcome {
            Outcome::Always(why) => self.sink.report(
                Code::RedundantKeyDueToWildcardInCondition,
                at,
                format!(
                    "condition key {key} under {op:?} always matches (\"*\" matches every value, \
                     and {why}): the key is redundant, remove it"
                ),
            ),
            Outcome::Never(why) => self.sink.report(
                Code::RedundantStatementDueToWildcardInCondition,
                at,
                format!(
                    "condition key {key} under {op:?} never matches (\"*\" matches every value, \
                     and {why}): the statement never applies; remove the key or the statement"
                ),
            ),
            Outcome::NullTrue => self.sink.report(
                Code::EquivalentToNullTrue,
                at,
                format!(
                    "condition key {key} under {op:?} with \"*\" is true only when the key is \
                     absent: write \"Null\": {{\"{key}\": \"true\"}} instead"
                ),
            ),
        }
    }
}
