//! Statements and layers: which statements of which policies apply, and
//! how the layers combine (reference_policies_evaluation-logic.md,
//! reference_policies_evaluation-logic-cross-account.md,
//! access_policies_boundaries.md, access_policies.md#policies_session).

use super::conditions::{self, CondEnv};
use super::explain::{
    Decision, Evaluation, LayerVerdict, Outcome, StatementRef, StatementTrace, Verdict,
};
use super::matching::{self, Grant, Pattern, PrincipalMatch};
use super::request::{PrincipalKind, Request};
use super::variables;
use crate::json::record::Why;
use crate::json::Pointer;
use crate::policy::{Effect, PolicyDocument, Statement, Statements};

/// What kind of policy a statement is in: which elements it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Identity policy, boundary, session policy: no principal, needs
    /// `Resource`.
    Identity,
    /// SCP: no principal, needs `Resource`.
    Scp,
    /// Resource-based policy (trust and key policies too): needs a
    /// principal; `Resource` optional (the resource it is attached to).
    Resource,
    /// RCP: needs a principal.
    Rcp,
}

/// The result of one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Res {
    /// Applies, with the grant when a principal element named the caller.
    Applies(Option<Grant>),
    NoMatch,
    Unknown,
}

/// The request as the statements see it.
struct Env<'r> {
    req: &'r Request,
    explain: bool,
    has_boundary: bool,
}

/// What evaluating one policy gives.
#[derive(Default)]
struct PolicyResult {
    allows: Vec<(StatementRef, Option<Grant>)>,
    denies: Vec<StatementRef>,
}

/// Collects traces and missing keys when explaining.
struct Sink {
    traces: Vec<StatementTrace>,
    missing: Vec<String>,
}

impl Sink {
    fn missing(&mut self, key: &str) {
        if !self.missing.iter().any(|k| k.eq_ignore_ascii_case(key)) {
            self.missing.push(key.to_owned());
        }
    }
}

type Failure = (Pointer, String);

fn fail(explain: bool, at: Pointer, detail: impl FnOnce() -> String) -> Failure {
    (at, if explain { detail() } else { String::new() })
}

/// Evaluates one statement.
fn statement(
    st: &Statement,
    kind: Kind,
    substitute: bool,
    env: &Env<'_>,
    sink: &mut Sink,
) -> (Res, Option<Failure>) {
    let ex = env.explain;
    let root = Pointer::root;
    if let Some(raw) = st.layout.raw().next() {
        let why = match &raw.why {
            Why::Unknown => "is not a statement element".to_owned(),
            Why::Duplicate => "is written twice".to_owned(),
            Why::Mismatch(m) => format!(
                "expected {} at {}{}, found {}",
                m.expected, raw.key, m.at, m.found
            ),
        };
        return (
            Res::Unknown,
            Some(fail(ex, root().key(&raw.key), || {
                format!("{:?} {why}", raw.key)
            })),
        );
    }
    if st.effect.is_none() {
        return (
            Res::Unknown,
            Some(fail(ex, root().key("Effect"), || {
                "no Effect (taken as Deny)".to_owned()
            })),
        );
    }
    let who = &env.req.principal;
    // Principal.
    let mut grant = None;
    match (kind, &st.principal, &st.not_principal) {
        (Kind::Identity | Kind::Scp, None, None) => {}
        (Kind::Identity | Kind::Scp, _, _) => {
            let key = if st.principal.is_some() {
                "Principal"
            } else {
                "NotPrincipal"
            };
            return (
                Res::Unknown,
                Some(fail(ex, root().key(key), || {
                    format!("{key} is not allowed in this kind of policy")
                })),
            );
        }
        (_, Some(p), None) => match matching::principal_names(p, who) {
            PrincipalMatch::Names(g) => grant = Some(g),
            PrincipalMatch::Not => {
                return (
                    Res::NoMatch,
                    Some(fail(ex, root().key("Principal"), || {
                        format!("does not name {}", describe_principal(who))
                    })),
                )
            }
            PrincipalMatch::Unreadable(why) => {
                return (
                    Res::Unknown,
                    Some(fail(ex, root().key("Principal"), || why)),
                )
            }
        },
        (_, None, Some(np)) => {
            let deny = st.effect == Some(Effect::Deny);
            match matching::not_principal_exempts(np, who, deny, env.has_boundary) {
                Ok(true) => {
                    return (
                        Res::NoMatch,
                        Some(fail(ex, root().key("NotPrincipal"), || {
                            format!("lists {} (and its account)", describe_principal(who))
                        })),
                    )
                }
                Ok(false) => grant = Some(Grant::Star),
                Err(why) => {
                    return (
                        Res::Unknown,
                        Some(fail(ex, root().key("NotPrincipal"), || why)),
                    )
                }
            }
        }
        (_, p, _) => {
            let why = if p.is_some() {
                "both Principal and NotPrincipal"
            } else {
                "neither Principal nor NotPrincipal (a resource-based policy statement needs one)"
            };
            return (Res::Unknown, Some(fail(ex, root(), || why.to_owned())));
        }
    }
    // Action.
    let action = env.req.action.as_str();
    match (&st.action, &st.not_action) {
        (Some(a), None) => {
            if !a.iter().any(|p| matching::action_matches(p, action)) {
                return (
                    Res::NoMatch,
                    Some(fail(ex, root().key("Action"), || {
                        format!("{action:?} matches none of {}", quoted_list(a.as_slice()))
                    })),
                );
            }
        }
        (None, Some(na)) => {
            if let Some(i) = na.iter().position(|p| matching::action_matches(p, action)) {
                let at = if na.is_array() {
                    root().key("NotAction").index(i)
                } else {
                    root().key("NotAction")
                };
                return (
                    Res::NoMatch,
                    Some(fail(ex, at, || {
                        format!("{action:?} is excluded by {:?}", na.as_slice()[i])
                    })),
                );
            }
        }
        (a, _) => {
            let why = if a.is_some() {
                "both Action and NotAction"
            } else {
                "neither Action nor NotAction"
            };
            return (Res::Unknown, Some(fail(ex, root(), || why.to_owned())));
        }
    }
    // Resource.
    let resource = env.req.resource.as_str();
    let ctx = &env.req.context;
    let mut seen = |key: &str, present: bool| {
        if ex && !present {
            sink.missing(key);
        }
    };
    match (&st.resource, &st.not_resource) {
        (Some(r), None) => {
            let hit = r
                .iter()
                .any(|p| resource_entry_matches(p, substitute, resource, ctx, &mut seen));
            if !hit {
                return (
                    Res::NoMatch,
                    Some(fail(ex, root().key("Resource"), || {
                        format!(
                            "{resource:?} matches none of {}",
                            resolved_list(r.as_slice(), substitute, env)
                        )
                    })),
                );
            }
        }
        (None, Some(nr)) => {
            let hit = nr
                .iter()
                .position(|p| resource_entry_matches(p, substitute, resource, ctx, &mut seen));
            if let Some(i) = hit {
                let at = if nr.is_array() {
                    root().key("NotResource").index(i)
                } else {
                    root().key("NotResource")
                };
                return (
                    Res::NoMatch,
                    Some(fail(ex, at, || {
                        format!("{resource:?} is excluded by {:?}", nr.as_slice()[i])
                    })),
                );
            }
        }
        (None, None) if matches!(kind, Kind::Resource | Kind::Rcp) => {}
        (r, _) => {
            let why = if r.is_some() {
                "both Resource and NotResource"
            } else {
                "neither Resource nor NotResource"
            };
            return (Res::Unknown, Some(fail(ex, root(), || why.to_owned())));
        }
    }
    // Condition.
    if let Some(cond) = &st.condition {
        let cenv = CondEnv {
            ctx,
            substitute,
            explain: ex,
        };
        let result = conditions::evaluate(cond, &cenv, &mut |k| {
            if ex {
                sink.missing(k);
            }
        });
        if let Err(f) = result {
            let res = if f.unknown {
                Res::Unknown
            } else {
                Res::NoMatch
            };
            return (res, Some((f.at, f.detail)));
        }
    }
    (Res::Applies(grant), None)
}

/// Whether one `Resource` / `NotResource` entry matches, its variables
/// substituted; an entry with a variable that cannot be resolved matches
/// nothing (reference_policies_variables.md line 251).
fn resource_entry_matches(
    entry: &str,
    substitute: bool,
    resource: &str,
    ctx: &super::request::Context,
    seen: &mut dyn FnMut(&str, bool),
) -> bool {
    if !substitute || !variables::has_variables(entry) {
        return matching::resource_matches(&Pattern::Plain(entry), resource);
    }
    match variables::resolve(entry, substitute, ctx, seen) {
        Ok(v) => matching::resource_matches(&Pattern::from_resolved(&v), resource),
        Err(_) => false,
    }
}

/// At most this many entries of a list are written in an explanation.
const LIST_MAX: usize = 8;

/// `["a", "b", ...]`, the first [`LIST_MAX`] entries and how many more.
fn quoted_list(items: &[String]) -> String {
    let mut parts: Vec<String> = items
        .iter()
        .take(LIST_MAX)
        .map(|p| format!("{p:?}"))
        .collect();
    if items.len() > LIST_MAX {
        parts.push(format!("... {} more", items.len() - LIST_MAX));
    }
    format!("[{}]", parts.join(", "))
}

fn resolved_list(items: &[String], substitute: bool, env: &Env<'_>) -> String {
    let mut parts: Vec<String> = items
        .iter()
        .take(LIST_MAX)
        .map(|p| {
            if substitute && variables::has_variables(p) {
                match variables::resolve(p, true, &env.req.context, &mut |_, _| {}) {
                    Ok(v) => format!("{:?} (from {p:?})", variables::text(&v)),
                    Err(u) => format!("{p:?} (unresolved: no {}; matches nothing)", u.0),
                }
            } else {
                format!("{p:?}")
            }
        })
        .collect();
    if items.len() > LIST_MAX {
        parts.push(format!("... {} more", items.len() - LIST_MAX));
    }
    format!("[{}]", parts.join(", "))
}

fn describe_principal(who: &PrincipalKind) -> String {
    match who {
        PrincipalKind::Anonymous => "the anonymous caller".to_owned(),
        PrincipalKind::Service(s) => format!("the service principal {s}"),
        PrincipalKind::Root { account, .. } => format!("the root user of {account}"),
        PrincipalKind::User { arn, .. }
        | PrincipalKind::Role { arn, .. }
        | PrincipalKind::FederatedUser { arn, .. } => arn.clone(),
        PrincipalKind::AssumedRole { arn, role_arn, .. } => format!("{arn} (role {role_arn})"),
    }
}

/// Evaluates every statement of one policy.
fn policy(
    doc: &PolicyDocument,
    label: &str,
    kind: Kind,
    env: &Env<'_>,
    sink: &mut Sink,
) -> PolicyResult {
    let mut out = PolicyResult::default();
    let substitute = doc.version.as_deref() == Some("2012-10-17");
    // A Statement element that cannot be read, or written twice (which of
    // the two would IAM read?), makes the whole policy unreadable.
    let statement_raw = doc.layout.raw().any(|r| r.key == "Statement");
    let at_doc = |ptr: Pointer| StatementRef {
        policy: label.to_owned(),
        statement: ptr,
    };
    if statement_raw {
        // A Statement element that cannot be read: it may hold a Deny.
        let r = at_doc(Pointer::root().key("Statement"));
        if env.explain {
            sink.traces.push(StatementTrace {
                at: r.clone(),
                effect: None,
                outcome: Outcome::Unevaluable {
                    element: Pointer::root(),
                    detail: "the Statement element cannot be read, or is written twice (taken as a Deny)"
                        .to_owned(),
                },
            });
        }
        out.denies.push(r);
        return out;
    }
    let (list, one) = match &doc.statement {
        Some(Statements::One(s)) => (std::slice::from_ref(s), true),
        Some(Statements::Many(v)) => (v.as_slice(), false),
        None => (&[][..], false),
    };
    for (i, st) in list.iter().enumerate() {
        let (res, failure) = statement(st, kind, substitute, env, sink);
        // One allocation: this runs for every statement that applies.
        let ptr = || {
            Pointer::from_raw(if one {
                "/Statement".to_owned()
            } else {
                format!("/Statement/{i}")
            })
        };
        let deny = st.effect != Some(Effect::Allow);
        match res {
            Res::Applies(g) if !deny => out.allows.push((at_doc(ptr()), g)),
            Res::Applies(_) | Res::Unknown if deny => out.denies.push(at_doc(ptr())),
            _ => {}
        }
        if env.explain {
            let outcome = match (res, failure) {
                (Res::Applies(_), _) => Outcome::Applies,
                (Res::NoMatch, Some((element, detail))) => {
                    Outcome::DoesNotApply { element, detail }
                }
                (Res::Unknown, Some((element, detail))) => Outcome::Unevaluable { element, detail },
                (_, None) => Outcome::Unevaluable {
                    element: Pointer::root(),
                    detail: String::new(),
                },
            };
            sink.traces.push(StatementTrace {
                at: at_doc(ptr()),
                effect: st.effect,
                outcome,
            });
        }
    }
    out
}

/// Whether the resource policy is a role trust policy (`sts:*` on a role)
/// or a KMS key policy: those must allow the principal themselves.
fn must_allow(req: &Request) -> Option<&'static str> {
    let service = req.action.split(':').next().unwrap_or_default();
    let parts = matching::arn_parts(&req.resource);
    match parts {
        Some(p)
            if service.eq_ignore_ascii_case("sts")
                && p[2] == "iam"
                && p[5].starts_with("role/") =>
        {
            Some("trust policy")
        }
        Some(p)
            if service.eq_ignore_ascii_case("kms") && p[2] == "kms" && p[5].starts_with("key/") =>
        {
            Some("key policy")
        }
        _ => None,
    }
}

/// `identityPolicies[i]`, without formatting for the usual few.
fn identity_label(i: usize) -> std::borrow::Cow<'static, str> {
    const LABELS: [&str; 4] = [
        "identityPolicies[0]",
        "identityPolicies[1]",
        "identityPolicies[2]",
        "identityPolicies[3]",
    ];
    match LABELS.get(i) {
        Some(l) => std::borrow::Cow::Borrowed(l),
        None => std::borrow::Cow::Owned(format!("identityPolicies[{i}]")),
    }
}

fn verdict(r: &PolicyResult) -> Verdict {
    if !r.denies.is_empty() {
        Verdict::ExplicitDeny
    } else if !r.allows.is_empty() {
        Verdict::Allow
    } else {
        Verdict::ImplicitDeny
    }
}

/// Evaluates the request; see [`crate::eval::evaluate`].
pub(crate) fn evaluate(req: &Request, explain: bool) -> Evaluation {
    let env = Env {
        req,
        explain,
        has_boundary: req.permissions_boundary.is_some(),
    };
    let mut sink = Sink {
        traces: Vec::new(),
        missing: Vec::new(),
    };
    let who = &req.principal;
    let p_account = who.account().map(str::to_owned);
    let r_account = req.resource_account().map(str::to_owned);
    let has_identity = p_account.is_some();
    let root = matches!(who, PrincipalKind::Root { .. });
    let federated = matches!(who, PrincipalKind::FederatedUser { .. });

    // Evaluate every policy that applies to this principal.
    let identity: Vec<PolicyResult> = if has_identity {
        req.identity_policies
            .iter()
            .enumerate()
            .map(|(i, d)| policy(d, &identity_label(i), Kind::Identity, &env, &mut sink))
            .collect()
    } else {
        Vec::new()
    };
    let boundary = req
        .permissions_boundary
        .as_ref()
        .filter(|_| has_identity)
        .map(|d| policy(d, "permissionsBoundary", Kind::Identity, &env, &mut sink));
    let session = req
        .session_policy
        .as_ref()
        .filter(|_| has_identity)
        .map(|d| policy(d, "sessionPolicy", Kind::Identity, &env, &mut sink));
    let scps: Option<Vec<Vec<PolicyResult>>> = req
        .service_control_policies
        .as_ref()
        .filter(|_| has_identity)
        .map(|levels| {
            levels
                .iter()
                .enumerate()
                .map(|(l, level)| {
                    level
                        .policies
                        .iter()
                        .enumerate()
                        .map(|(n, d)| {
                            policy(
                                d,
                                &format!("serviceControlPolicies[{l}][{n}]"),
                                Kind::Scp,
                                &env,
                                &mut sink,
                            )
                        })
                        .collect()
                })
                .collect()
        });
    let resource = req
        .resource_policy
        .as_ref()
        .map(|d| policy(d, "resourcePolicy", Kind::Resource, &env, &mut sink));
    let rcps: Option<Vec<Vec<PolicyResult>>> =
        req.resource_control_policies.as_ref().map(|levels| {
            levels
                .iter()
                .enumerate()
                .map(|(l, level)| {
                    level
                        .policies
                        .iter()
                        .enumerate()
                        .map(|(n, d)| {
                            policy(
                                d,
                                &format!("resourceControlPolicies[{l}][{n}]"),
                                Kind::Rcp,
                                &env,
                                &mut sink,
                            )
                        })
                        .collect()
                })
                .collect()
        });

    // Layer verdicts.
    let any_allow = |rs: &[PolicyResult]| rs.iter().any(|r| !r.allows.is_empty());
    let any_deny = |rs: &[PolicyResult]| rs.iter().any(|r| !r.denies.is_empty());
    let identity_allow = root || any_allow(&identity);
    let boundary_ok = boundary.as_ref().map_or(true, |b| !b.allows.is_empty());
    let session_ok = match &session {
        Some(s) => !s.allows.is_empty(),
        None => !federated,
    };
    let scp_levels: &[Vec<PolicyResult>] = scps.as_deref().unwrap_or_default();
    let scp_ok = scp_levels.iter().all(|l| any_allow(l));
    let principal_side = identity_allow && boundary_ok && session_ok;
    let rp_grant = resource
        .as_ref()
        .and_then(|r| r.allows.iter().filter_map(|(_, g)| *g).max());
    let strict = must_allow(req);
    let same = has_identity && p_account == r_account;
    let rp_name = strict.unwrap_or("resource policy");

    let resource_allows = if !has_identity {
        rp_grant.is_some()
    } else if same {
        let direct = match rp_grant {
            Some(Grant::Direct | Grant::Service) => true,
            Some(Grant::RoleArn | Grant::Star) => boundary_ok && session_ok,
            Some(Grant::Account) | None => false,
        };
        let via_account = rp_grant.is_some() && principal_side;
        if strict.is_some() {
            direct || via_account
        } else {
            direct || principal_side
        }
    } else {
        principal_side && rp_grant.is_some()
    };
    let allowed = resource_allows && scp_ok;

    // Deny anywhere wins. The policies in the order of the labels: identity,
    // boundary, session, SCPs, resource policy, RCPs.
    let rcp_levels: &[Vec<PolicyResult>] = rcps.as_deref().unwrap_or_default();
    let all_results = || {
        identity
            .iter()
            .chain(boundary.iter())
            .chain(session.iter())
            .chain(scp_levels.iter().flatten())
            .chain(resource.iter())
            .chain(rcp_levels.iter().flatten())
    };
    let denied = all_results().any(|r| !r.denies.is_empty());
    let decision = if denied {
        Decision::ExplicitlyDenied
    } else if allowed {
        Decision::Allowed
    } else {
        Decision::ImplicitlyDenied
    };
    let deciding: Vec<StatementRef> = match decision {
        Decision::ExplicitlyDenied => all_results()
            .flat_map(|r| r.denies.iter().cloned())
            .collect(),
        Decision::ImplicitlyDenied => Vec::new(),
        Decision::Allowed => all_results()
            .flat_map(|r| r.allows.iter().map(|(r, _)| r.clone()))
            .collect(),
    };
    let verdict_of = |rs: &[PolicyResult]| {
        if any_deny(rs) {
            Verdict::ExplicitDeny
        } else if any_allow(rs) {
            Verdict::Allow
        } else {
            Verdict::ImplicitDeny
        }
    };

    if !explain {
        return Evaluation {
            decision,
            deciding,
            layers: Vec::new(),
            statements: Vec::new(),
            missing_context_keys: Vec::new(),
            reason: String::new(),
        };
    }

    // The explanation.
    let mut layers = Vec::new();
    let mut reason: Option<String> = None;
    if decision == Decision::ExplicitlyDenied {
        reason = Some(format!(
            "a Deny statement applies ({}); an explicit deny in any policy wins",
            deciding
                .first()
                .map(ToString::to_string)
                .unwrap_or_default()
        ));
    }
    let needed = |b: bool| if b { "required" } else { "not needed" }.to_owned();
    if has_identity {
        let direct_grant = same
            && matches!(
                rp_grant,
                Some(Grant::Direct | Grant::Service | Grant::RoleArn | Grant::Star)
            );
        let identity_role = if root {
            "the root user has every permission its account's SCPs leave it".to_owned()
        } else if !same {
            "required: cross-account, the principal's account must allow".to_owned()
        } else if strict.is_some() {
            if direct_grant {
                format!("not needed: the {rp_name} names the principal")
            } else {
                format!("required: the {rp_name} names the account, which delegates to identity policies")
            }
        } else if direct_grant {
            "either this or the resource policy".to_owned()
        } else {
            needed(true)
        };
        let v = if root && !any_deny(&identity) {
            Verdict::Allow
        } else {
            verdict_of(&identity)
        };
        layers.push(LayerVerdict {
            layer: "identity policies".to_owned(),
            account: p_account.clone(),
            verdict: v,
            role: identity_role,
        });
        if let Some(b) = &boundary {
            let bounded = !(same && matches!(rp_grant, Some(Grant::Direct)));
            layers.push(LayerVerdict {
                layer: "permissions boundary".to_owned(),
                account: p_account.clone(),
                verdict: verdict(b),
                role: if bounded {
                    "required: it bounds the principal's permissions".to_owned()
                } else {
                    "not needed for the resource policy's grant to the principal's own ARN"
                        .to_owned()
                },
            });
        }
        if session.is_some() || federated {
            let v = session.as_ref().map_or(Verdict::ImplicitDeny, verdict);
            layers.push(LayerVerdict {
                layer: "session policy".to_owned(),
                account: p_account.clone(),
                verdict: v,
                role: if session.is_none() {
                    "required: a federated-user session without a session policy has no permissions"
                        .to_owned()
                } else {
                    "required: it bounds the session's permissions".to_owned()
                },
            });
        }
        if let Some(levels) = &req.service_control_policies {
            for (l, level) in levels.iter().enumerate() {
                layers.push(LayerVerdict {
                    layer: format!("SCPs at {}", level.level),
                    account: p_account.clone(),
                    verdict: verdict_of(&scp_levels[l]),
                    role: "required: every level must allow".to_owned(),
                });
            }
        }
        if reason.is_none() && !allowed {
            reason = Some(if !scp_ok {
                let l = scp_levels.iter().position(|l| !any_allow(l)).unwrap_or(0);
                format!(
                    "no SCP at level {} allows {}",
                    req.service_control_policies
                        .as_ref()
                        .map_or("", |ls| ls[l].level.as_str()),
                    req.action
                )
            } else if !boundary_ok && (!same || !matches!(rp_grant, Some(Grant::Direct))) {
                format!("the permissions boundary does not allow {}", req.action)
            } else if !session_ok && (!same || !matches!(rp_grant, Some(Grant::Direct))) {
                if session.is_none() {
                    "a federated-user session without a session policy has no permissions"
                        .to_owned()
                } else {
                    format!("the session policy does not allow {}", req.action)
                }
            } else if !same && rp_grant.is_none() {
                format!(
                    "cross-account: the {rp_name} of account {} does not allow the principal",
                    r_account.as_deref().unwrap_or("?")
                )
            } else if strict.is_some() && rp_grant.is_none() {
                format!("the {rp_name} does not allow the principal, and it must")
            } else {
                format!(
                    "no identity-based policy of account {} allows {} on {}",
                    p_account.as_deref().unwrap_or("?"),
                    req.action,
                    req.resource
                )
            });
        }
    } else if reason.is_none() && !allowed {
        reason = Some(format!(
            "the {rp_name} does not allow {}",
            describe_principal(who)
        ));
    }
    if let Some(r) = &resource {
        layers.push(LayerVerdict {
            layer: rp_name.to_owned(),
            account: r_account.clone(),
            verdict: verdict(r),
            role: if !has_identity {
                "required: the only policy that can allow this principal".to_owned()
            } else if !same {
                "required: cross-account, the resource's account must allow".to_owned()
            } else if strict.is_some() {
                format!("required: a {rp_name} must always allow the principal")
            } else {
                "either this or the identity policies (same account)".to_owned()
            },
        });
    }
    if let Some(levels) = &req.resource_control_policies {
        for (l, level) in levels.iter().enumerate() {
            layers.push(LayerVerdict {
                layer: format!("RCPs at {}", level.level),
                account: r_account.clone(),
                verdict: if !any_deny(&rcp_levels[l]) {
                    Verdict::NoDeny
                } else {
                    Verdict::ExplicitDeny
                },
                role: "only a Deny counts (RCPFullAWSAccess is implied)".to_owned(),
            });
        }
    }
    let reason = reason.unwrap_or_else(|| {
        if !has_identity {
            format!("the {rp_name} allows {}", describe_principal(who))
        } else if same {
            format!(
                "account {} allows {} on {}, and nothing denies it",
                p_account.as_deref().unwrap_or("?"),
                req.action,
                req.resource
            )
        } else {
            format!(
                "both accounts allow: {} (principal) and {} (resource), and nothing denies it",
                p_account.as_deref().unwrap_or("?"),
                r_account.as_deref().unwrap_or("?")
            )
        }
    });
    Evaluation {
        decision,
        deciding,
        layers,
        statements: sink.traces,
        missing_context_keys: sink.missing,
        reason,
    }
}
