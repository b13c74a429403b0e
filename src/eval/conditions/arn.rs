//! ARN condition operators: `ArnEquals`, `ArnLike`, `ArnNotEquals`,
//! `ArnNotLike`. Both `ArnEquals` and `ArnLike` match "each of the six
//! colon-delimited components of the ARN ... separately", with `*` and
//! `?` in each (reference_policies_elements_condition_operators.md, ARN).

use crate::eval::matching::Pattern;
use crate::eval::variables::Resolved;

/// Whether the request ARN matches the policy ARN; `None` when either is
/// not an ARN (the comparison cannot be made).
pub(crate) fn compare(policy: &Resolved<'_>, request: &str) -> Option<bool> {
    Pattern::from_resolved(policy).matches_arn(request)
}

/// As [`compare`], for a policy value without variables.
pub(crate) fn compare_plain(policy: &str, request: &str) -> Option<bool> {
    Pattern::Plain(policy).matches_arn(request)
}
