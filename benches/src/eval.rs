//! Policy evaluation workloads (issue 13): for each managed policy of the
//! corpus, requests built from its own actions and resources, evaluated
//! by `iam_ecs::eval` and by iam-rs's `PolicyEvaluator` on the same
//! inputs.

use std::hint::black_box;

use iam_ecs::eval::{Decision, PrincipalKind, Request};
use iam_ecs::policy::PolicyDocument;

use crate::Corpus;

/// The caller of every request: a user of the account the ARNs name.
pub const CALLER: &str = "arn:aws:iam::123456789012:user/bench";
/// The resource used when a statement's resource is `*` or does not give
/// an ARN once its wildcards are filled in.
pub const FALLBACK_RESOURCE: &str = "arn:aws:s3:::bench-bucket/object";

/// At most this many requests per policy.
pub const PER_POLICY: usize = 4;

/// One request in both libraries' forms, and the policy's index.
pub struct EvalCase {
    /// The managed policy's name.
    pub policy: String,
    /// The action.
    pub action: String,
    /// The resource ARN.
    pub resource: String,
}

/// The request set: both libraries read the policy, and iam-rs reads
/// the resource ARN. Each side holds one copy of each policy and
/// evaluates that policy's requests against it.
pub struct EvalSet {
    /// The requests.
    pub cases: Vec<EvalCase>,
    /// iam-ecs: per policy, a request holding the policy as the caller's
    /// identity policy, and the (action, resource) pairs to put in it.
    pub ours: Vec<(Request, Vec<(String, String)>)>,
    /// iam-rs: per policy, an evaluator holding the policy, and its
    /// requests.
    pub theirs: Vec<(iam_rs::PolicyEvaluator, Vec<iam_rs::IAMRequest>)>,
    /// How many managed policies gave at least one request.
    pub policies: usize,
    /// Managed policies left out (no usable Action, or a reader refused).
    pub skipped: usize,
}

/// `*` and `?` filled in with `x`: a concrete name the pattern matches.
fn concrete(pattern: &str) -> String {
    pattern.replace(['*', '?'], "x")
}

/// Builds the request set from the corpus's managed policies.
pub fn build(corpus: &Corpus) -> EvalSet {
    let mut set = EvalSet {
        cases: Vec::new(),
        ours: Vec::new(),
        theirs: Vec::new(),
        policies: 0,
        skipped: 0,
    };
    let caller = PrincipalKind::parse(CALLER, None).expect("a user ARN");
    for p in &corpus.policies[..corpus.managed_count] {
        let (Ok(doc), Ok(theirs)) = (
            PolicyDocument::from_json_str(&p.text),
            iam_rs::IAMPolicy::from_json(&p.text),
        ) else {
            set.skipped += 1;
            continue;
        };
        let mut pairs: Vec<(String, String)> = Vec::new();
        for st in doc.statements() {
            let Some(actions) = &st.action else { continue };
            let resources: Vec<String> = st
                .resource
                .as_ref()
                .map(|r| r.iter().cloned().collect())
                .unwrap_or_default();
            for (i, a) in actions.iter().enumerate() {
                let action = if a == "*" {
                    "s3:GetObject".to_owned()
                } else {
                    concrete(a)
                };
                let r = resources
                    .get(i % resources.len().max(1))
                    .map(String::as_str)
                    .unwrap_or("*");
                let mut resource = concrete(r);
                if iam_rs::Arn::parse(&resource).is_err() || !resource.starts_with("arn:") {
                    resource = FALLBACK_RESOURCE.to_owned();
                }
                if !pairs
                    .iter()
                    .any(|(a2, r2)| *a2 == action && *r2 == resource)
                {
                    pairs.push((action, resource));
                }
                if pairs.len() == PER_POLICY {
                    break;
                }
            }
            if pairs.len() == PER_POLICY {
                break;
            }
        }
        if pairs.is_empty() {
            set.skipped += 1;
            continue;
        }
        set.policies += 1;
        let mut template = Request::new(caller.clone(), "", "");
        template.identity_policies = vec![doc];
        let mut ours = Vec::new();
        let mut requests = Vec::new();
        for (action, resource) in pairs {
            let Ok(arn) = iam_rs::Arn::parse(&resource) else {
                continue;
            };
            let principal = iam_rs::Principal::Aws(iam_rs::PrincipalId::String(CALLER.to_owned()));
            requests.push(iam_rs::IAMRequest::new(principal, action.clone(), arn));
            ours.push((action.clone(), resource.clone()));
            set.cases.push(EvalCase {
                policy: p.name.clone(),
                action,
                resource,
            });
        }
        set.ours.push((template, ours));
        set.theirs.push((
            iam_rs::PolicyEvaluator::with_policies(vec![theirs]),
            requests,
        ));
    }
    set
}

/// One pass of `f` (`decide` or `evaluate`) over every request of the
/// set; returns how many were allowed.
fn ours_pass(
    set: &mut [(Request, Vec<(String, String)>)],
    f: fn(&Request) -> iam_ecs::eval::Evaluation,
) -> usize {
    let mut allowed = 0;
    for (request, pairs) in set.iter_mut() {
        for (action, resource) in pairs.iter() {
            request.action.clone_from(action);
            request.resource.clone_from(resource);
            allowed += usize::from(f(black_box(request)).decision == Decision::Allowed);
        }
    }
    allowed
}

/// One pass of `iam_ecs::eval::decide` (decision and deciding
/// statements) over the set; returns how many were allowed.
pub fn ours_decide(set: &mut [(Request, Vec<(String, String)>)]) -> usize {
    ours_pass(set, iam_ecs::eval::decide)
}

/// One pass of `iam_ecs::eval::evaluate` (with the full explanation).
pub fn ours_evaluate(set: &mut [(Request, Vec<(String, String)>)]) -> usize {
    ours_pass(set, iam_ecs::eval::evaluate)
}

/// One pass of iam-rs's `PolicyEvaluator::evaluate`; returns how many
/// were allowed.
pub fn theirs_evaluate(set: &[(iam_rs::PolicyEvaluator, Vec<iam_rs::IAMRequest>)]) -> usize {
    set.iter()
        .flat_map(|(e, rs)| rs.iter().map(move |r| (e, r)))
        .filter(|(e, r)| matches!(e.evaluate(black_box(r)), Ok(res) if res.decision == iam_rs::Decision::Allow))
        .count()
}
