//! `Principal` and `NotPrincipal`: where they may appear, their keys
//! (`AWS`, `Federated`, `Service`, `CanonicalUser`) and each value.

use super::{statement::value_loc, Checker, PolicyKind};
use crate::check::{walk, Loc, Reporter};
use crate::code::Code;
use crate::json::record::{RawMember, Record, Why};
use crate::policy::{Condition, Effect, OneOrMany, Principal, PrincipalMap, Statement};
use crate::{AccountRootArn, Arn, AssumedRoleArn, Error, RoleArn, ServicePrincipal};

/// The members of a principal map.
type M = <PrincipalMap as Record>::Member;

/// Service principals IAM refuses in a trust policy although they are
/// well formed (observed `MalformedPolicyDocument: Invalid principal in
/// policy`, corpus `bad-inputs.jsonl`).
const UNASSUMABLE_SERVICES: [&str; 1] = ["tagging.amazonaws.com"];

/// The key of a principal map member, as written in policies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PrincipalKey {
    Aws,
    Federated,
    Service,
    CanonicalUser,
}

impl PrincipalKey {
    const fn as_str(self) -> &'static str {
        match self {
            PrincipalKey::Aws => "AWS",
            PrincipalKey::Federated => "Federated",
            PrincipalKey::Service => "Service",
            PrincipalKey::CanonicalUser => "CanonicalUser",
        }
    }
}

/// Reports a principal map's raw members in principal wording.
struct PrincipalReporter<'c, 'o>(&'c mut Checker<'o>);

impl Reporter for PrincipalReporter<'_, '_> {
    fn raw_member(&mut self, raw: &RawMember, loc: &Loc, _what: &str, keys: &[&str]) {
        let c = &mut *self.0;
        let at = loc.key(&raw.key);
        c.chars(&raw.key, &at);
        match &raw.why {
            Why::Unknown => {
                let hint = keys
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(&raw.key))
                    .map(|k| format!(" (keys are case-sensitive: did you mean {k:?}?)"))
                    .unwrap_or_default();
                c.sink.report(
                    Code::InvalidPrincipalKey,
                    &at,
                    format!(
                        "invalid principal key {:?}: expected \"AWS\", \"Federated\", \"Service\" \
                         or \"CanonicalUser\"{hint}",
                        raw.key
                    ),
                );
            }
            Why::Duplicate => c.duplicate(&raw.key, &at, "the principal"),
            Why::Mismatch(m) => c.sink.report_at(
                Code::InvalidPrincipalFormat,
                at.pointer().join(&m.at),
                format!(
                    "invalid {:?} principal: expected a string or an array of strings, found {}",
                    raw.key, m.found
                ),
            ),
        }
    }
}

impl Checker<'_> {
    /// `Principal` (`key`) or `NotPrincipal` of statement `s`, at `at`.
    pub(super) fn principal(&mut self, s: &Statement, key: &'static str, p: &Principal, at: &Loc) {
        let kind = self.opts.kind;
        if kind == PolicyKind::Identity {
            self.sink.report(
                Code::UnsupportedPrincipal,
                at,
                format!("{key} in an identity policy: identity policies apply to the identity they are attached to, remove {key}"),
            );
            return;
        }
        if kind == PolicyKind::ServiceControl {
            self.sink.report(
                Code::ScpSyntaxErrorPrincipal,
                at,
                format!("{key} in a service control policy: SCPs apply to the principals of the accounts they are attached to, remove {key} (name principals with the aws:PrincipalArn condition key)"),
            );
            return;
        }
        if kind == PolicyKind::ResourceControl {
            if key == "NotPrincipal" || !matches!(p, Principal::Any) {
                self.sink.report(
                    Code::RcpSyntaxErrorPrincipal,
                    at,
                    format!("{key} in a resource control policy: RCPs support only \"Principal\": \"*\" (narrow it with condition keys such as aws:PrincipalOrgID)"),
                );
            }
            return;
        }
        if key == "NotPrincipal" {
            if kind == PolicyKind::Trust {
                self.sink.report(
                    Code::RoleTrustPolicySyntaxErrorNotprincipal,
                    at,
                    "NotPrincipal in a role trust policy: expected Principal",
                );
            } else if s.effect == Some(Effect::Allow) {
                self.sink.report(
                    Code::AllowWithNotPrincipal,
                    at,
                    "Allow with NotPrincipal grants access to every principal not listed: use \
                     Principal instead",
                );
            }
        }
        let map = match p {
            Principal::Any => {
                if kind == PolicyKind::Trust {
                    self.sink.report(
                        Code::RoleTrustPolicyUnsupportedWildcardInPrincipal,
                        at,
                        "\"Principal\": \"*\" in a role trust policy: expected a principal map, \
                         such as {\"AWS\": \"*\"} with a condition",
                    );
                }
                return;
            }
            Principal::Map(m) => &**m,
        };
        if map.set_fields() == 0 && map.layout.is_clean() {
            self.sink.report(
                Code::EmptyObjectPrincipal,
                at,
                format!("empty {key} object: expected at least one principal"),
            );
        }
        walk(
            &mut PrincipalReporter(self),
            map,
            at,
            "principal",
            |r, member| {
                let (k, values) = match member {
                    M::aws => (PrincipalKey::Aws, &map.aws),
                    M::federated => (PrincipalKey::Federated, &map.federated),
                    M::service => (PrincipalKey::Service, &map.service),
                    M::canonical_user => (PrincipalKey::CanonicalUser, &map.canonical_user),
                };
                if let Some(values) = values {
                    r.0.principal_values(key, k, values, s, &at.key(k.as_str()));
                }
            },
        );
    }

    fn principal_values(
        &mut self,
        element: &str,
        k: PrincipalKey,
        values: &OneOrMany<String>,
        s: &Statement,
        at: &Loc,
    ) {
        if values.is_empty() {
            self.sink.report(
                Code::EmptyArrayPrincipal,
                at,
                format!(
                    "empty {} array in {element}: expected at least one principal",
                    k.as_str()
                ),
            );
            return;
        }
        for (j, v) in values.iter().enumerate() {
            let vat = value_loc(at, values, j);
            self.chars(v, &vat);
            self.principal_value(k, v, s, &vat);
        }
    }

    fn principal_value(&mut self, k: PrincipalKey, v: &str, s: &Statement, at: &Loc) {
        if super::text::has_variable(v) {
            self.sink.report(
                Code::VariableUnsupportedInElement,
                at,
                format!("policy variable in principal {v:?}: variables are allowed only in Resource and Condition"),
            );
            return;
        }
        match k {
            PrincipalKey::Aws => self.aws_principal(v, s, at),
            PrincipalKey::Service => {
                if v.contains(['*', '?']) {
                    self.wildcard_principal(k, v, at);
                } else if let Err(e) = ServicePrincipal::parse(v) {
                    self.sink.report(
                        Code::InvalidServicePrincipalFormat,
                        at,
                        format!("invalid service principal {v:?}: {}", e.reason()),
                    );
                } else if self.opts.kind == PolicyKind::Trust && UNASSUMABLE_SERVICES.contains(&v) {
                    self.sink.report(
                        Code::UnsupportedServicePrincipal,
                        at,
                        format!(
                            "service principal {v:?} cannot assume a role: IAM rejects it in a \
                             trust policy (Invalid principal in policy)"
                        ),
                    );
                }
            }
            PrincipalKey::Federated => {
                if self.opts.kind == PolicyKind::Resource {
                    self.sink.report(
                        Code::FederatedPrincipalNotSupported,
                        at,
                        format!(
                            "federated principal {v:?} in a resource-based policy: only role \
                             trust policies take identity providers; name an AWS principal"
                        ),
                    );
                    return;
                }
                if let Some(reason) = federated_problem(v) {
                    let code = if self.opts.kind == PolicyKind::Trust {
                        Code::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy
                    } else {
                        Code::InvalidPrincipal
                    };
                    self.sink.report(
                        code,
                        at,
                        format!("invalid federated principal {v:?}: {reason}"),
                    );
                }
            }
            PrincipalKey::CanonicalUser => {
                if v.len() != 64 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                    self.sink.report(
                        Code::InvalidPrincipal,
                        at,
                        format!(
                            "invalid canonical user {v:?}: expected 64 hexadecimal digits, found {} characters",
                            v.chars().count()
                        ),
                    );
                }
            }
        }
    }

    fn wildcard_principal(&mut self, k: PrincipalKey, v: &str, at: &Loc) {
        self.sink.report(
            Code::UnsupportedWildcardInPrincipal,
            at,
            format!(
                "wildcard in {} principal {v:?}: expected \"*\" alone or a principal without \
                 wildcards (use a condition such as aws:PrincipalArn with ArnLike)",
                k.as_str()
            ),
        );
    }

    fn aws_principal(&mut self, v: &str, s: &Statement, at: &Loc) {
        if v == "*" {
            if self.opts.kind == PolicyKind::Trust
                && s.effect == Some(Effect::Allow)
                && s.condition.as_ref().map_or(true, Condition::is_empty)
            {
                self.sink.report(
                    Code::TrustAnyPrincipalWithoutCondition,
                    at,
                    "{\"AWS\": \"*\"} without a Condition lets any AWS account assume the role: \
                     add conditions such as aws:PrincipalOrgID or sts:ExternalId",
                );
            }
            return;
        }
        if v.contains(['*', '?']) {
            self.wildcard_principal(PrincipalKey::Aws, v, at);
            return;
        }
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            if v.len() == 12 {
                self.example_account(v, at);
                self.sink.report(
                    Code::AccountIdRewrittenToRoot,
                    at,
                    format!(
                        "account ID {v} is stored by IAM as \"arn:aws:iam::{v}:root\": write the \
                         ARN to avoid a diff after saving"
                    ),
                );
            } else {
                self.sink.report(
                    Code::InvalidPrincipal,
                    at,
                    format!(
                        "invalid AWS principal {v:?}: account ID: expected 12 digits, found {}",
                        v.len()
                    ),
                );
            }
            return;
        }
        for (prefix, code, what) in [
            ("AROA", Code::InvalidRoleReference, "role"),
            ("AIDA", Code::InvalidUserReference, "user"),
        ] {
            if v.len() > 4
                && v.starts_with(prefix)
                && v.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                self.sink.report(
                    code,
                    at,
                    format!(
                        "{v} is the unique ID of an IAM {what}, which IAM shows when the {what} \
                         was deleted: use the {what} ARN"
                    ),
                );
                return;
            }
        }
        if self.opts.kind == PolicyKind::Resource && is_cloudfront_oai(v) {
            return;
        }
        let result: Result<String, Error> = if !v.starts_with("arn:") {
            Err(Error::invalid(
                crate::ValueKind::Arn,
                v,
                "expected \"*\", a 12-digit account ID or an IAM or STS ARN",
            ))
        } else {
            aws_principal_arn(v)
        };
        match result {
            Ok(account) => self.example_account(&account, at),
            Err(e) => self.sink.report(
                Code::InvalidPrincipal,
                at,
                format!("invalid AWS principal {v:?}: {}", e.reason()),
            ),
        }
    }
}

/// Whether `v` is a CloudFront origin access identity as a principal:
/// `arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity ID`
/// (CloudFront Developer Guide, "Restricting access to an Amazon S3
/// origin"; still accepted in bucket policies), `ID` uppercase letters
/// and digits.
fn is_cloudfront_oai(v: &str) -> bool {
    ["arn:aws:", "arn:aws-cn:"].iter().any(|p| {
        v.strip_prefix(p)
            .and_then(|r| r.strip_prefix("iam::cloudfront:user/CloudFront Origin Access Identity "))
            .is_some_and(|id| {
                !id.is_empty()
                    && id
                        .bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            })
    })
}

/// What is wrong with an IAM or STS principal ARN; the account on success.
fn aws_principal_arn(v: &str) -> Result<String, Error> {
    let arn = Arn::parse(v)?;
    let res = arn.resource();
    match arn.service() {
        "iam" if res == "root" => AccountRootArn::parse(v).map(|a| a.account().to_string()),
        "iam" if res.starts_with("role/") => RoleArn::parse(v).map(|a| a.account().to_string()),
        "sts" if res.starts_with("assumed-role/") => {
            AssumedRoleArn::parse(v).map(|a| a.account().to_string())
        }
        "iam" | "sts" => {
            crate::AccountId::parse(arn.account()).map_err(|e| {
                Error::invalid(
                    crate::ValueKind::Arn,
                    v,
                    format!("account {:?}: {}", arn.account(), e.reason()),
                )
            })?;
            if arn.service() == "iam"
                && !["user/", "federated-user/"]
                    .iter()
                    .any(|p| res.starts_with(p))
            {
                return Err(Error::invalid(
                    crate::ValueKind::Arn,
                    v,
                    format!("expected root, role/, user/ or federated-user/ after the account, found {res:?}"),
                ));
            }
            Ok(arn.account().to_string())
        }
        other => Err(Error::invalid(
            crate::ValueKind::Arn,
            v,
            format!("service {other:?}: expected an iam or sts ARN"),
        )),
    }
}

/// Why `v` is not a `Federated` principal: a SAML or OIDC provider ARN,
/// or a web identity provider's domain.
fn federated_problem(v: &str) -> Option<String> {
    if v.starts_with("arn:") {
        let arn = match Arn::parse(v) {
            Ok(a) => a,
            Err(e) => return Some(e.reason().to_string()),
        };
        if arn.service() != "iam" {
            return Some(format!("service {:?}: expected iam", arn.service()));
        }
        if let Err(e) = crate::AccountId::parse(arn.account()) {
            return Some(format!("account {:?}: {}", arn.account(), e.reason()));
        }
        let res = arn.resource();
        let ok = ["saml-provider/", "oidc-provider/"]
            .iter()
            .any(|p| res.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
        return (!ok).then(|| {
            format!("expected saml-provider/NAME or oidc-provider/HOST after the account, found {res:?}")
        });
    }
    let dns = !v.is_empty()
        && v.contains('.')
        && v.split('.').all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    (!dns).then(|| {
        "expected a SAML or OIDC provider ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME) or a web \
         identity provider such as cognito-identity.amazonaws.com"
            .to_owned()
    })
}
