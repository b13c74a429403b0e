//! `Resource` and `NotResource`: where they may appear, each ARN (or
//! `*`), and account IDs taken from the AWS documentation.

use super::{statement::value_loc, Checker, PolicyKind};
use crate::check::Loc;
use crate::code::Code;
use crate::policy::OneOrMany;
use crate::ArnPattern;

/// Account IDs used in AWS documentation examples.
const EXAMPLE_ACCOUNTS: [&str; 2] = ["111122223333", "123456789012"];

impl Checker<'_> {
    /// `Resource` or `NotResource` (`key`), at `at`.
    pub(super) fn resources(&mut self, key: &'static str, res: &OneOrMany<String>, at: &Loc) {
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
        for (j, r) in res.iter().enumerate() {
            let vat = value_loc(at, res, j);
            self.chars(r, &vat);
            if r == "*" {
                continue;
            }
            if super::text::has_variable(r) && !self.variables(r, key, &vat) {
                continue;
            }
            match ArnPattern::validate(shorten(r)) {
                Ok(fields) => self.example_account(fields.account, &vat),
                Err(reason) => {
                    self.sink.report(
                        reason.code().unwrap_or(Code::InvalidArnResource),
                        &vat,
                        format!("{key} {r:?} is not an ARN or \"*\": {reason}"),
                    );
                }
            }
        }
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
