//! The size quota of each policy kind (see `docs/checks.md` for the
//! counting rule).

use super::{Checker, PolicyKind};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::PolicyDocument;

impl Checker<'_> {
    /// `policy-size-exceeds-*-quota` when the document is larger than the
    /// quota of the options.
    ///
    /// Called after the walk of the document, which added up the
    /// characters of its `Sid`, `Action`, `NotAction`, `Resource`,
    /// `NotResource` and `Condition` values in `value_chars`.
    pub(super) fn size(&mut self, doc: &PolicyDocument) {
        let Some(quota) = self.opts.size_quota else {
            return;
        };
        let size = crate::policy::size::count_without_checked_values(doc) + self.value_chars;
        debug_assert_eq!(
            size,
            doc.size(),
            "the size count with the values the walk counted"
        );
        if size <= quota {
            return;
        }
        let (code, what) = match self.opts.kind {
            PolicyKind::Identity => (Code::PolicySizeExceedsIdentityPolicyQuota, "identity"),
            PolicyKind::Trust => (Code::PolicySizeExceedsRoleTrustPolicyQuota, "role trust"),
            PolicyKind::Resource => (Code::PolicySizeExceedsResourcePolicyQuota, "resource"),
            PolicyKind::ServiceControl => (Code::PolicySizeExceedsScpQuota, "service control"),
            PolicyKind::ResourceControl => (Code::PolicySizeExceedsRcpQuota, "resource control"),
        };
        self.sink.report(
            code,
            &Loc::Root,
            format!(
                "the {what} policy has {size} characters excluding whitespace (Access Analyzer \
                 reports {}): expected at most {quota}",
                size + 1
            ),
        );
    }
}
