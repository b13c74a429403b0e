//! Statements: the required and exclusive elements, `Sid`, each element in
//! the order written, and the checks that look at a whole statement
//! (`iam:PassRole` or `sts:AssumeRole` on `*`, what a trust statement's
//! principals need).

use std::collections::HashSet;

use super::{action::wild_match, Checker, PolicyKind};
use crate::check::{has, walk, Loc};
use crate::code::Code;
use crate::json::record::Record;
use crate::policy::{ConditionValue, Effect, OneOrMany, Principal, Statement};

/// The members of a statement.
type M = <Statement as Record>::Member;

/// The Sids seen so far: a list while there are few (no hashing), a set
/// once there are many (a 10 MB policy has tens of thousands of Sids).
#[derive(Default)]
pub(super) struct Sids<'d> {
    few: Vec<&'d str>,
    many: HashSet<&'d str>,
}

impl<'d> Sids<'d> {
    /// Adds `sid`: false if it was there.
    fn insert(&mut self, sid: &'d str) -> bool {
        if self.many.is_empty() {
            if self.few.contains(&sid) {
                return false;
            }
            if self.few.len() < 16 {
                self.few.push(sid);
                return true;
            }
            self.many.extend(self.few.drain(..));
        }
        self.many.insert(sid)
    }
}

/// The place of value `j` of a one-or-many element at `at`: `at` itself
/// for a single value, `at/j` in an array.
pub(super) fn value_loc<'a, T>(at: &'a Loc<'a>, values: &OneOrMany<T>, j: usize) -> Loc<'a> {
    if values.is_array() {
        at.index(j)
    } else {
        *at
    }
}

impl Checker<'_> {
    pub(super) fn statement<'d>(&mut self, s: &'d Statement, at: &Loc, sids: &mut Sids<'d>) {
        let kind = self.opts.kind;
        if !has(s, M::effect) {
            self.sink.report(
                Code::MissingEffect,
                at,
                "statement has no Effect: expected \"Effect\": \"Allow\" or \"Deny\"",
            );
        }
        let has_action = has(s, M::action);
        let has_not_action = has(s, M::not_action);
        if !has_action && !has_not_action {
            self.sink.report(
                Code::MissingAction,
                at,
                "statement has no Action or NotAction: expected one of them",
            );
        }
        if has_action && has_not_action {
            self.combination(at, "Action", "NotAction");
        }
        let has_resource = has(s, M::resource);
        let has_not_resource = has(s, M::not_resource);
        if kind == PolicyKind::Identity && !has_resource && !has_not_resource {
            self.sink.report(
                Code::MissingResource,
                at,
                "statement has no Resource or NotResource: expected one of them in an identity \
                 policy",
            );
        }
        if kind != PolicyKind::Trust && has_resource && has_not_resource {
            self.combination(at, "Resource", "NotResource");
        }
        let has_principal = has(s, M::principal);
        let has_not_principal = has(s, M::not_principal);
        // SCPs have no principal (it is the accounts'); identity
        // policies neither (it is the identity's).
        let principal_kind = !matches!(kind, PolicyKind::Identity | PolicyKind::ServiceControl);
        if principal_kind && !has_principal && !has_not_principal {
            self.sink.report(
                Code::MissingPrincipal,
                at,
                format!(
                    "statement has no Principal: expected one in a {} policy",
                    match kind {
                        PolicyKind::Trust => "role trust",
                        PolicyKind::ResourceControl => "resource control",
                        _ => "resource-based",
                    }
                ),
            );
        }
        if principal_kind && has_principal && has_not_principal {
            self.combination(at, "Principal", "NotPrincipal");
        }

        walk(self, s, at, "statement", |c, member| match member {
            M::sid => {
                if let Some(sid) = &s.sid {
                    c.sid(sid, &at.key("Sid"), sids);
                }
            }
            M::effect => {}
            M::principal => {
                if let Some(p) = &s.principal {
                    c.principal(s, "Principal", p, &at.key("Principal"));
                }
            }
            M::not_principal => {
                if let Some(p) = &s.not_principal {
                    c.principal(s, "NotPrincipal", p, &at.key("NotPrincipal"));
                }
            }
            M::action => {
                if let Some(a) = &s.action {
                    c.actions("Action", a, &at.key("Action"));
                }
            }
            M::not_action => {
                if let Some(a) = &s.not_action {
                    if kind == PolicyKind::ResourceControl {
                        c.sink.report(
                            Code::RcpSyntaxErrorNotaction,
                            &at.key("NotAction"),
                            "NotAction in a resource control policy: RCPs support only Action, \
                             list the actions to deny",
                        );
                    }
                    c.actions("NotAction", a, &at.key("NotAction"));
                }
            }
            M::resource => {
                if let Some(r) = &s.resource {
                    c.resources("Resource", r, &at.key("Resource"));
                }
            }
            M::not_resource => {
                if let Some(r) = &s.not_resource {
                    c.resources("NotResource", r, &at.key("NotResource"));
                }
            }
            M::condition => {
                if let Some(cond) = &s.condition {
                    c.condition(cond, &at.key("Condition"));
                }
            }
        });
        self.star_resource(s, at);
        self.catalog_statement(s, at);
        if kind == PolicyKind::ResourceControl && s.effect == Some(Effect::Allow) {
            self.rcp_allow(s, at);
        }
        if kind == PolicyKind::Trust && s.effect == Some(Effect::Allow) {
            self.trust_statement(s, at);
        }
    }

    /// An `Allow` statement of an RCP: AWS accepts `Allow` only as the
    /// managed `RCPFullAWSAccess` has it, every principal (checked with
    /// the principal) and every resource, without a condition.
    fn rcp_allow(&mut self, s: &Statement, at: &Loc) {
        let why = "Allow in a resource control policy: RCPs allow only every principal (\"*\") on \
                   every resource (\"*\") without a Condition, as RCPFullAWSAccess; use Deny";
        if let Some(r) = &s.resource {
            if let Some(j) = r.iter().position(|r| r != "*") {
                let res_at = at.key("Resource");
                self.sink.report(
                    Code::RcpSyntaxErrorAllow,
                    &value_loc(&res_at, r, j),
                    format!("{why} (found Resource {:?})", r.as_slice()[j]),
                );
            }
        }
        if has(s, M::not_resource) {
            self.sink.report(
                Code::RcpSyntaxErrorAllow,
                &at.key("NotResource"),
                format!("{why} (found NotResource)"),
            );
        }
        if has(s, M::condition) {
            self.sink.report(
                Code::RcpSyntaxErrorAllow,
                &at.key("Condition"),
                format!("{why} (found Condition)"),
            );
        }
    }

    fn combination(&mut self, at: &Loc, a: &str, b: &str) {
        self.sink.report(
            Code::UnsupportedElementCombination,
            at,
            format!("statement has both {a} and {b}: expected only one of them"),
        );
    }

    fn sid<'d>(&mut self, sid: &'d str, at: &Loc, sids: &mut Sids<'d>) {
        self.chars(sid, at);
        if sid.is_empty() {
            self.sink.report(
                Code::EmptySidValue,
                at,
                "empty Sid: expected a statement ID of letters and digits, or no Sid",
            );
            return;
        }
        // Other services' resource-based policies allow more characters
        // (IAM-UG reference_policies_elements_sid); IAM's own do not.
        let iam = matches!(self.opts.kind, PolicyKind::Identity | PolicyKind::Trust);
        if let Some((pos, c)) = sid
            .chars()
            .filter(|_| iam)
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            self.sink.report(
                Code::UnsupportedSid,
                at,
                format!(
                    "invalid Sid {sid:?}: expected letters A-Z, a-z and digits 0-9 only, found {:?} \
                     at position {pos}",
                    c.to_string()
                ),
            );
        }
        if !sids.insert(sid) {
            // IAM requires unique Sids in its own policies; AA only
            // recommends them elsewhere (some services require them).
            if iam {
                self.sink.report(
                    Code::UniqueSidsRequired,
                    at,
                    format!(
                        "Sid {sid:?} is used by another statement: IAM requires each Sid once \
                         in a policy"
                    ),
                );
            } else {
                self.sink.report(
                    Code::UniqueSidsRecommended,
                    at,
                    format!(
                        "Sid {sid:?} is used by another statement: use each Sid once (some \
                         services require it)"
                    ),
                );
            }
        }
    }

    /// `iam:PassRole`, `iam:CreateServiceLinkedRole` or `sts:AssumeRole`
    /// allowed on `"*"` (not in trust policies, whose statements have no
    /// resource). As Access Analyzer: an action named outright is
    /// `...-with-star-in-resource`, one reached only through a wildcard
    /// (`*`, `iam:*`) `...-with-star-in-action-and-resource`; a condition on
    /// the key that restricts what the role is passed to (created for) is
    /// what AA's message asks for, and silences both.
    fn star_resource(&mut self, s: &Statement, at: &Loc) {
        if s.effect != Some(Effect::Allow)
            || self.opts.kind == PolicyKind::Trust
            || self.opts.kind.is_organizations()
        {
            return;
        }
        let actions: &[String] = s.action.as_ref().map_or(&[], OneOrMany::as_slice);
        let Some(res) = &s.resource else {
            return;
        };
        let Some(j) = res.iter().position(|r| r == "*") else {
            return;
        };
        let res_at = at.key("Resource");
        // A condition restricts the key when it must hold (no IfExists),
        // is not negated, and no value starts with a wildcard. Fitted to
        // AA's findings on the managed policies: it reports
        // `StringEqualsIfExists` on iam:PassedToService and `StringLike`
        // "*a4b.amazonaws.com" on iam:AWSServiceName, not `StringLike`
        // "ec2.amazonaws.com" nor ARN patterns ("arn:aws:ssm:...:automation-
        // definition/*") on iam:AssociatedResourceArn.
        let conditioned = |keys: &[&str]| {
            s.condition.as_ref().is_some_and(|c| {
                c.iter().any(|(op, b)| {
                    !op.ends_with("IfExists")
                        && !op.contains("Not")
                        && b.iter().any(|(k, values)| {
                            keys.iter().any(|want| k.eq_ignore_ascii_case(want))
                                && !values.is_empty()
                                && values.iter().all(|v| {
                                    matches!(v, ConditionValue::String(t) if !t.starts_with(['*', '?']))
                                })
                        })
                })
            })
        };
        for (target, named, wild, label, verb, keys) in [
            (
                "iam:passrole",
                Code::PassRoleWithStarInResource,
                Some(Code::PassRoleWithStarInActionAndResource),
                "iam:PassRole",
                "any role can be passed; name the roles or add an iam:PassedToService condition",
                &["iam:PassedToService", "iam:AssociatedResourceArn"][..],
            ),
            (
                "iam:createservicelinkedrole",
                Code::CreateSlrWithStarInResource,
                Some(Code::CreateSlrWithStarInActionAndResource),
                "iam:CreateServiceLinkedRole",
                "any service-linked role can be created; name the roles or add an \
                 iam:AWSServiceName condition",
                &["iam:AWSServiceName"][..],
            ),
            (
                "sts:assumerole",
                Code::AssumeRoleWithStarInResource,
                None,
                "sts:AssumeRole",
                "any role can be assumed; name the roles",
                &[][..],
            ),
        ] {
            let literal = actions.iter().any(|a| a.eq_ignore_ascii_case(target));
            let through = actions
                .iter()
                .find(|a| a.contains(['*', '?']) && wild_match(a, target));
            if (!literal && through.is_none()) || conditioned(keys) {
                continue;
            }
            let (code, how) = match (literal, wild, through) {
                (false, Some(code), Some(w)) => (code, format!(" through {w:?}")),
                _ => (named, String::new()),
            };
            self.sink.report(
                code,
                &value_loc(&res_at, res, j),
                format!("{label} allowed{how} on \"*\": {verb}"),
            );
        }
    }

    /// The checks of an `Allow` statement of a trust policy that depend on
    /// its principals and actions together.
    fn trust_statement(&mut self, s: &Statement, at: &Loc) {
        let Some(Principal::Map(map)) = &s.principal else {
            return;
        };
        let actions: &[String] = s.action.as_ref().map_or(&[], OneOrMany::as_slice);
        let services: &[String] = map.service.as_ref().map_or(&[], OneOrMany::as_slice);
        let federated: &[String] = map.federated.as_ref().map_or(&[], OneOrMany::as_slice);
        let has_action = |name: &str| actions.iter().any(|a| a.eq_ignore_ascii_case(name));
        // ECS tasks without aws:SourceAccount / aws:SourceArn.
        if services.iter().any(|v| v == "ecs-tasks.amazonaws.com") {
            let scoped = s.condition.as_ref().is_some_and(|c| {
                c.iter().any(|(_, b)| {
                    b.iter().any(|(k, _)| {
                        k.eq_ignore_ascii_case("aws:SourceAccount")
                            || k.eq_ignore_ascii_case("aws:SourceArn")
                    })
                })
            });
            if !scoped {
                self.sink.report(
                    Code::RestrictAccessToServicePrincipal,
                    &at.key("Principal").key("Service"),
                    "ecs-tasks.amazonaws.com trusted without aws:SourceAccount or aws:SourceArn: \
                     add them against the confused deputy problem (ECS Developer Guide, task IAM role)",
                );
            }
        }
        // Mismatched action for principal.
        let saml = |v: &String| v.contains(":saml-provider/");
        let oidc = |v: &String| !saml(v);
        let others = map.aws.is_some() || !services.is_empty() || map.canonical_user.is_some();
        let action_at = at.key("Action");
        for (action, ok, want) in [
            (
                "sts:AssumeRoleWithSAML",
                federated.iter().any(saml),
                "a SAML provider",
            ),
            (
                "sts:AssumeRoleWithWebIdentity",
                federated.iter().any(oidc),
                "an OIDC provider",
            ),
        ] {
            if has_action(action) && (!ok || others) {
                let loc = match &s.action {
                    Some(a) => {
                        let j = a
                            .iter()
                            .position(|x| x.eq_ignore_ascii_case(action))
                            .unwrap_or(0);
                        value_loc(&action_at, a, j)
                    }
                    None => action_at,
                };
                self.sink.report(
                    Code::MismatchedActionForPrincipal,
                    &loc,
                    format!("{action} is only for {want} principal: use sts:AssumeRole for AWS and service principals"),
                );
            }
        }
        // IAM Roles Anywhere needs three actions.
        if services.iter().any(|v| v == "rolesanywhere.amazonaws.com") {
            let missing: Vec<&str> = ["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"]
                .into_iter()
                .filter(|need| {
                    let lower = need.to_ascii_lowercase();
                    !actions.iter().any(|a| wild_match(a, &lower))
                })
                .collect();
            if !missing.is_empty() {
                // At Action when the statement has one, else at the statement.
                let loc = if has(s, M::action) { action_at } else { *at };
                self.sink.report(
                    Code::MissingActionForRolesAnywhereTrustPolicy,
                    &loc,
                    format!(
                        "rolesanywhere.amazonaws.com needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession: add {}",
                        missing.join(", ")
                    ),
                );
            }
        }
    }
}
