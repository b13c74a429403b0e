//! Access Analyzer parity (issue 11): AWS's real `validate-policy`
//! findings for 76 managed policies, reproduced offline.
//!
//! `managed-policies/access-analyzer-findings/` holds the output of
//! `accessanalyzer validate-policy --policy-type IDENTITY_POLICY` (run
//! 2024-12-05) for 76 of the managed policies in `managed-policies/policies/`
//! (2025-02-22). Each policy is checked with `CheckOptions::identity()` and
//! compared with AWS's findings:
//!
//! - An AWS finding is *reproduced* when one of ours has its issue code in
//!   kebab case, its severity, and a pointer that is one of its locations
//!   (AWS gives one location per value involved: for `redundant-action`
//!   every action of the group, for `pass-role-with-star-in-resource` the
//!   action and the resource; ours points at one of them).
//! - Left out: AWS findings with a location that no longer exists in the
//!   document (changed since the run), and the identity size finding (AWS
//!   counts against 10,240 characters; ours holds managed policies to
//!   6,144, what `CreatePolicy` enforces; `test_policy_corpus` compares the
//!   sizes).
//! - Re-anchored: an AWS finding whose values the document has moved since
//!   the run. AWS's locations carry the span of the text it was sent
//!   (Python `json.dumps` of the document); at an array element whose
//!   string no longer has that length, the document changed. When all the
//!   finding's locations are elements of one array, the one shift of their
//!   indices that gives every location a string of its span's length and
//!   puts the value the message names at one of them is taken (ViewOnlyAccess:
//!   `ses:List*` and `ses:ListDedicatedIpPools`, AWS's 286 and 287, are at
//!   293 and 294 in the version of 2024-12-19); with no such shift, or
//!   more than one, the finding is left out.
//! - An *extra* is a finding of ours under a code of AWS's check reference
//!   (`aws-docs/access-analyzer-policy-checks-current.json`) on one of these
//!   76 policies that reproduces no AWS finding.
//!
//! The test prints the figure and every miss and extra, and holds the
//! figure measured when it was last improved as a floor, so a regression
//! fails.

mod util;

use iam_ecs::policy::CheckOptions;
use util::corpus_dir;

/// AWS findings reproduced, at least.
const REPRODUCED_FLOOR: usize = 77;
/// Findings of ours under AWS codes that AWS did not report: none.
const EXTRA_CEILING: usize = 0;

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn access_analyzer_findings_reproduced() {
    let Some(dir) = corpus_dir() else { return };
    let util::access_analyzer::Parity {
        expected,
        reproduced,
        extra,
    } = util::access_analyzer::compare(&dir, &CheckOptions::identity());
    assert_eq!(expected, 85, "the AWS findings compared");
    assert!(
        reproduced >= REPRODUCED_FLOOR,
        "reproduced {reproduced}, fewer than the floor {REPRODUCED_FLOOR}"
    );
    assert_eq!(
        extra, EXTRA_CEILING,
        "extra findings under AWS codes (none since session 18)"
    );
}
