//! Statements: the required and exclusive elements, `Sid`, each element in
//! the order written, and the checks that look at a whole statement
//! (`iam:PassRole` or `sts:AssumeRole` on `*`, what a trust statement's
//! principals need).

use std::collections::HashSet;

use super::action::{hash_bytes, wild_match};
use super::{Checker, PolicyKind};
use crate::check::{has, walk, Loc};
use crate::code::Code;
use crate::json::record::Record;
use crate::policy::{ConditionValue, Effect, OneOrMany, Principal, Statement};

/// The actions [`Checker::star_resource`] looks for on `"*"`, lowercase,
/// in the order of its table.
const STAR_TARGETS: [&str; 3] = [
    "iam:passrole",
    "iam:createservicelinkedrole",
    "sts:assumerole",
];

/// A family of [`Checker::star_resource`]'s findings: the codes for the
/// target named on `"*"`, reached through a wildcard on `"*"`, with
/// NotResource (named, through a wildcard), and through NotAction (on
/// `"*"`, with NotResource).
struct StarFamily {
    named: Code,
    wild: Option<Code>,
    not_resource: Option<(Code, Code)>,
    not_action: Option<(Code, Code)>,
    label: &'static str,
    verb: &'static str,
    keys: &'static [&'static str],
}

/// The families, in the order of [`STAR_TARGETS`] (AA's pass-role and
/// create-slr checks, and sts:AssumeRole on `"*"`).
const STAR_FAMILIES: [StarFamily; 3] = [
    StarFamily {
        named: Code::PassRoleWithStarInResource,
        wild: Some(Code::PassRoleWithStarInActionAndResource),
        not_resource: Some((
            Code::PassRoleWithNotResource,
            Code::PassRoleWithStarInActionAndNotResource,
        )),
        not_action: Some((
            Code::PassRoleWithStarInResourceAndNotAction,
            Code::PassRoleWithNotActionAndNotResource,
        )),
        label: "iam:PassRole",
        verb: "any role can be passed; name the roles or add an iam:PassedToService condition",
        keys: &["iam:PassedToService", "iam:AssociatedResourceArn"],
    },
    StarFamily {
        named: Code::CreateSlrWithStarInResource,
        wild: Some(Code::CreateSlrWithStarInActionAndResource),
        not_resource: Some((
            Code::CreateSlrWithNotResource,
            Code::CreateSlrWithStarInActionAndNotResource,
        )),
        not_action: Some((
            Code::CreateSlrWithStarInResourceAndNotAction,
            Code::CreateSlrWithNotActionAndNotResource,
        )),
        label: "iam:CreateServiceLinkedRole",
        verb: "any service-linked role can be created; name the roles or add an \
               iam:AWSServiceName condition",
        keys: &["iam:AWSServiceName"],
    },
    StarFamily {
        named: Code::AssumeRoleWithStarInResource,
        wild: None,
        not_resource: None,
        not_action: None,
        label: "sts:AssumeRole",
        verb: "any role can be assumed; name the roles",
        keys: &[],
    },
];

/// The members of a statement.
type M = <Statement as Record>::Member;

/// The Sids seen so far: a list while there are few (no table, each
/// kept with a hash of its bytes so that most comparisons are of two
/// numbers), a set once there are many (a 10 MB policy has tens of
/// thousands of Sids).
/// (The list is an array in place: most documents have a few Sids, and
/// a vector would be allocated for each document.)
#[derive(Default)]
pub(super) struct Sids<'d> {
    few: [(u64, &'d str); 16],
    /// How many of `few` are used.
    len: usize,
    many: HashSet<&'d str>,
}

impl<'d> Sids<'d> {
    /// Adds `sid`: false if it was there.
    fn insert(&mut self, sid: &'d str) -> bool {
        if self.many.is_empty() {
            let h = hash_bytes(sid, 0);
            let few = &self.few[..self.len];
            if few.iter().any(|&(k, s)| k == h && s == sid) {
                return false;
            }
            if self.len < self.few.len() {
                self.few[self.len] = (h, sid);
                self.len += 1;
                return true;
            }
            self.many.extend(self.few.iter().map(|&(_, s)| s));
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
        self.together(s, at);
        self.catalog_statement(s, at);
        let allow = s.effect == Some(Effect::Allow);
        if kind == PolicyKind::ResourceControl && allow {
            self.rcp_allow(s, at);
        }
        if kind == PolicyKind::Trust && allow {
            self.trust_statement(s, at);
            self.trust_together(s, at);
        }
        if matches!(kind, PolicyKind::Trust | PolicyKind::Resource) && allow {
            self.service_scope(s, at);
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
        self.value_chars += self.chars_len(sid, at);
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
        // A byte test first: most Sids are letters and digits only, and
        // decoding characters costs more than testing bytes.
        let bad = iam && !sid.bytes().all(|b| b.is_ascii_alphanumeric());
        let first_bad = if bad {
            sid.chars()
                .enumerate()
                .find(|(_, c)| !c.is_ascii_alphanumeric())
        } else {
            None
        };
        if let Some((pos, c)) = first_bad {
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
        // Where the statement reaches everything: `"*"` in Resource, or
        // NotResource (which names what it does not reach).
        let star = s
            .resource
            .as_ref()
            .and_then(|res| Some((res, res.iter().position(|r| r == "*")?)));
        // An empty NotAction or NotResource is reported as empty, and
        // reaches nothing here.
        let not_resource = s.not_resource.as_ref().is_some_and(|n| !n.is_empty());
        if star.is_none() && !not_resource {
            return;
        }
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
        // One pass over the actions for the three targets: whether each is
        // named outright, and the first wildcard action that reaches it;
        // with NotAction, whether it is left out of the exclusions.
        let mut literal = [false; 3];
        let mut through: [Option<&String>; 3] = [None; 3];
        let (actions, not_action) = match (&s.action, &s.not_action) {
            (Some(a), _) => (a.as_slice(), false),
            (None, Some(n)) if !n.is_empty() => (n.as_slice(), true),
            (None, _) => return,
        };
        for a in actions {
            let b = a.as_bytes();
            // Every target starts with "i" or "s"; a pattern can also
            // reach one from a leading wildcard.
            if !matches!(b.first(), Some(b'i' | b'I' | b's' | b'S' | b'*' | b'?')) {
                continue;
            }
            if crate::bytes::has_wildcard(b) {
                for (t, target) in STAR_TARGETS.iter().enumerate() {
                    if through[t].is_none() && wild_match(a, target) {
                        through[t] = Some(a);
                    }
                }
            } else if let Some(t) = STAR_TARGETS.iter().position(|t| a.eq_ignore_ascii_case(t)) {
                literal[t] = true;
            }
        }
        let not_res_at = at.key("NotResource");
        for (t, family) in STAR_FAMILIES.iter().enumerate() {
            let (code, how, place, loc) = if not_action {
                // NotAction reaches the target unless it names it.
                if literal[t] || through[t].is_some() {
                    continue;
                }
                match (family.not_action, star) {
                    (Some((on_star, _)), Some((res, j))) if !conditioned(family.keys) => (
                        on_star,
                        " through NotAction (which does not exclude it)".to_owned(),
                        "\"*\"",
                        value_loc(&res_at, res, j),
                    ),
                    (Some((_, on_not_resource)), None) => (
                        on_not_resource,
                        " through NotAction (which does not exclude it)".to_owned(),
                        "every resource but those in NotResource",
                        not_res_at,
                    ),
                    _ => continue,
                }
            } else {
                if !literal[t] && through[t].is_none() {
                    continue;
                }
                let how = match (literal[t], through[t]) {
                    (false, Some(w)) => format!(" through {w:?}"),
                    _ => String::new(),
                };
                match star {
                    Some((res, j)) if !conditioned(family.keys) => {
                        let code = match (how.is_empty(), family.wild) {
                            (false, Some(code)) => code,
                            _ => family.named,
                        };
                        let how = if family.wild.is_some() {
                            how
                        } else {
                            String::new()
                        };
                        (code, how, "\"*\"", value_loc(&res_at, res, j))
                    }
                    Some(_) => continue,
                    None => match family.not_resource {
                        Some((named, wild)) => (
                            if how.is_empty() { named } else { wild },
                            how,
                            "every resource but those in NotResource",
                            not_res_at,
                        ),
                        None => continue,
                    },
                }
            };
            self.sink.report(
                code,
                &loc,
                format!("{} allowed{how} on {place}: {}", family.label, family.verb),
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The list of the first Sids (compared by hash, then text) and
        /// the set after them answer as one set.
        #[test]
        fn sids_agree_with_a_set(v in proptest::collection::vec("[ab]{0,3}", 0..40)) {
            let mut sids = Sids::default();
            let mut set = HashSet::new();
            for s in &v {
                proptest::prop_assert_eq!(sids.insert(s), set.insert(s.as_str()));
            }
        }
    }
}
