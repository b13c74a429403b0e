//! Checks that read several elements of one statement together: condition
//! keys that mean something only with an effect or another key
//! (`s3:prefix`, `dynamodb:Attributes`), the OIDC and GitHub conditions a
//! federated trust needs, principals a trust policy lists twice, and the
//! condition keys a service principal should be scoped with.

use super::statement::value_loc;
use super::Checker;
use crate::check::Loc;
use crate::code::Code;
use crate::policy::{Condition, ConditionValue, Effect, OneOrMany, Principal, Statement};

/// The condition keys that scope a service principal against the confused
/// deputy problem (IAM-UG `confused-deputy`).
const SOURCE_KEYS: [&str; 4] = [
    "aws:SourceArn",
    "aws:SourceAccount",
    "aws:SourceOrgID",
    "aws:SourceOrgPaths",
];

/// The host of GitHub's OIDC provider.
const GITHUB: &str = "token.actions.githubusercontent.com";

/// Each (operator, key, values) of a condition.
fn keys(c: &Condition) -> impl Iterator<Item = (&str, &str, &OneOrMany<ConditionValue>)> {
    c.iter()
        .flat_map(|(op, b)| b.iter().map(move |(k, v)| (op.as_str(), k.as_str(), v)))
}

impl Checker<'_> {
    /// The checks of statement `s` (at `at`) that combine its effect and
    /// its condition keys.
    pub(super) fn together(&mut self, s: &Statement, at: &Loc) {
        let Some(cond) = &s.condition else {
            return;
        };
        let cat = at.key("Condition");
        let mut select = false;
        let mut attributes = None;
        for (op, key, _) in keys(cond) {
            if key.eq_ignore_ascii_case("dynamodb:Select") {
                select = true;
            } else if key.eq_ignore_ascii_case("dynamodb:Attributes") && attributes.is_none() {
                attributes = Some((op, key));
            } else if key.eq_ignore_ascii_case("s3:prefix") {
                let base = op.rsplit(':').next().unwrap_or(op);
                let negated = base.starts_with("StringNot");
                let deny = s.effect == Some(Effect::Deny);
                if base.starts_with("String") && deny != negated {
                    self.sink.report(
                        Code::S3PrefixInNegativeContext,
                        &cat.key(op).key(key),
                        format!(
                            "s3:prefix under {op:?} in {} statement: a request with a shorter \
                             prefix does not match, and can still list the objects; allow with \
                             StringLike, or deny with StringNotLike",
                            if deny { "a Deny" } else { "an Allow" }
                        ),
                    );
                }
            }
        }
        if let (Some((op, key)), false) = (attributes, select) {
            self.sink.report(
                Code::DynamodbAttributesWithoutSelect,
                &cat.key(op).key(key),
                "dynamodb:Attributes without dynamodb:Select: a read that names no attributes \
                 returns whole items; add \"StringEquals\": {\"dynamodb:Select\": \
                 \"SPECIFIC_ATTRIBUTES\"}",
            );
        }
    }

    /// The checks of an `Allow` statement of a trust policy on its
    /// federated (OIDC) and assumed-role principals.
    pub(super) fn trust_together(&mut self, s: &Statement, at: &Loc) {
        let Some(Principal::Map(map)) = &s.principal else {
            return;
        };
        let pat = at.key("Principal");
        if let Some(fed) = &map.federated {
            let fat = pat.key("Federated");
            for (j, v) in fed.iter().enumerate() {
                if let Some(host) = oidc_host(v) {
                    self.oidc(s, host, &value_loc(&fat, fed, j), at);
                }
            }
        }
        if let Some(aws) = &map.aws {
            let aat = pat.key("AWS");
            for (j, v) in aws.iter().enumerate() {
                let Some((head, role)) = session_role(v) else {
                    continue;
                };
                let parent = aws.iter().find(|r| {
                    r.strip_prefix(head.as_str()).is_some_and(|rest| {
                        rest.strip_prefix("role/")
                            .is_some_and(|p| p.rsplit('/').next() == Some(role))
                    })
                });
                if let Some(parent) = parent {
                    self.sink.report(
                        Code::RedundantPrincipalInRoleTrustPolicy,
                        &value_loc(&aat, aws, j),
                        format!(
                            "assumed-role principal {v:?} is redundant: its role {parent:?} is \
                             listed too; remove the session"
                        ),
                    );
                }
            }
        }
    }

    /// An OIDC provider `host` trusted by `s` (its principal at `at`).
    fn oidc(&mut self, s: &Statement, host: &str, at: &Loc, sat: &Loc) {
        let provider_key = |k: &str| {
            k.len() > host.len()
                && k.as_bytes()[..host.len()].eq_ignore_ascii_case(host.as_bytes())
                && k.as_bytes()[host.len()] == b':'
        };
        let cond = s.condition.as_ref();
        let cat = sat.key("Condition");
        let mut any = false;
        let mut sub = false;
        for (op, key, values) in cond.into_iter().flat_map(keys) {
            if !provider_key(key) {
                continue;
            }
            any = true;
            let name = &key[host.len() + 1..];
            let oat = cat.key(op);
            let kat = oat.key(key);
            if name.eq_ignore_ascii_case("aud") {
                if op.starts_with("ForAnyValue:") {
                    self.sink.report(
                        Code::ForanyvalueWithAudienceClaimType,
                        &kat,
                        format!(
                            "{key} is single-valued: ForAnyValue: with it can allow too much; \
                             remove \"ForAnyValue:\""
                        ),
                    );
                } else if op.starts_with("ForAllValues:") {
                    self.sink.report(
                        Code::ConfirmAudienceClaimType,
                        &kat,
                        format!(
                            "{key} names the audience of the token: if the provider sends one \
                             audience, remove \"ForAllValues:\""
                        ),
                    );
                }
            }
            if host.eq_ignore_ascii_case(GITHUB) && name.eq_ignore_ascii_case("sub") {
                sub = true;
                for (j, v) in values.iter().enumerate() {
                    if matches!(v, ConditionValue::String(t) if t.contains('*')) {
                        self.sink.report(
                            Code::SpecificGithubRepoAndBranchRecommended,
                            &value_loc(&kat, values, j),
                            format!(
                                "{key} value {} has a wildcard: workflows of more repositories \
                                 or branches than meant can assume the role; name the \
                                 repository and branch (repo:ORG/REPO:ref:refs/heads/BRANCH)",
                                match v {
                                    ConditionValue::String(t) => format!("{t:?}"),
                                    _ => String::new(),
                                }
                            ),
                        );
                    }
                }
            }
        }
        if host.eq_ignore_ascii_case(GITHUB) {
            if !sub {
                self.sink.report(
                    Code::MissingGithubRepoConditionKey,
                    at,
                    format!(
                        "GitHub's OIDC provider trusted without a {GITHUB}:sub condition: any \
                         repository's workflow can assume the role; add {GITHUB}:sub with the \
                         repository and branch"
                    ),
                );
            }
        } else if !any {
            self.sink.report(
                Code::MissingConditionKeyForOidcPrincipal,
                at,
                format!(
                    "OIDC provider {host} trusted without a condition on its keys ({host}:aud, \
                     {host}:sub): any identity of the provider can assume the role"
                ),
            );
        }
    }

    /// A statement whose principal is a service, scoped by another key
    /// (`aws:Referer`) and by none of [`SOURCE_KEYS`].
    pub(super) fn service_scope(&mut self, s: &Statement, at: &Loc) {
        let Some(Principal::Map(map)) = &s.principal else {
            return;
        };
        let (Some(service), Some(cond)) = (&map.service, &s.condition) else {
            return;
        };
        if keys(cond).any(|(_, k, _)| SOURCE_KEYS.iter().any(|w| w.eq_ignore_ascii_case(k))) {
            return;
        }
        let Some((op, key, _)) = keys(cond).find(|(_, k, _)| k.eq_ignore_ascii_case("aws:Referer"))
        else {
            return;
        };
        let first = service.iter().next().map_or("", String::as_str);
        self.sink.report(
            Code::RecommendedConditionKeyForServicePrincipal,
            &at.key("Condition").key(op).key(key),
            format!(
                "service principal {first} scoped by {key}: use aws:SourceArn, \
                 aws:SourceAccount, aws:SourceOrgID or aws:SourceOrgPaths (the caller sets \
                 {key})"
            ),
        );
    }
}

/// The provider host of an OIDC federated principal: the part after
/// `oidc-provider/` of a provider ARN, or a bare host (`accounts.google.com`,
/// `cognito-identity.amazonaws.com`); `None` for SAML providers.
fn oidc_host(v: &str) -> Option<&str> {
    if v.contains(":saml-provider/") {
        return None;
    }
    if let Some((_, host)) = v.split_once(":oidc-provider/") {
        return Some(host);
    }
    (!v.starts_with("arn:") && v.contains('.')).then_some(v)
}

/// `arn:PART:sts::ACCOUNT:assumed-role/ROLE/SESSION` as
/// (`arn:PART:iam::ACCOUNT:`, `ROLE`).
fn session_role(v: &str) -> Option<(String, &str)> {
    let rest = v.strip_prefix("arn:")?;
    let (partition, rest) = rest.split_once(':')?;
    let rest = rest.strip_prefix("sts::")?;
    let (account, rest) = rest.split_once(':')?;
    let rest = rest.strip_prefix("assumed-role/")?;
    let (role, session) = rest.split_once('/')?;
    if role.is_empty() || session.is_empty() {
        return None;
    }
    Some((format!("arn:{partition}:iam::{account}:"), role))
}
