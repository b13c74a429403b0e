//! Offline policy evaluation: would AWS allow this request, and why?
//!
//! [`evaluate`] answers for one [`Request`] (principal, action,
//! resource, context keys, and the policies that apply by layer: identity
//! policies, the resource policy or role trust policy, a permissions
//! boundary, a session policy, SCPs per level of the principal's account,
//! RCPs per level of the resource's account) the way IAM's documented
//! evaluation logic does, with an [`Evaluation`]: the [`Decision`], the
//! verdict of each layer in each account, the deciding statements as
//! (policy label, JSON Pointer), the first element of each other statement
//! that did not match with the values compared, and the condition keys the
//! policies test but the request does not carry.
//!
//! The rules, each with its AWS source, and every point where the
//! documentation is silent with the choice made, are in
//! `docs/evaluation.md`. In short:
//! - an explicit `Deny` anywhere wins; every SCP level must allow; RCPs
//!   only deny (`RCPFullAWSAccess` is implied);
//! - same account: identity policies or the resource policy may allow,
//!   except role trust policies and KMS key policies, which must allow the
//!   principal themselves; a grant to a role ARN is bounded by the
//!   permissions boundary and session policy, a grant to a user, role
//!   session or federated-user ARN is not;
//! - cross-account: both accounts must allow; an account principal
//!   delegates to that account's identity policies;
//! - it never fails open: a statement that cannot be evaluated grants
//!   nothing, and a `Deny` that cannot be evaluated applies.
//!
//! ```
//! use iam_ecs::eval::{evaluate, Decision, Request};
//!
//! let request = Request::from_json_str(r#"{
//!   "principal": "arn:aws:sts::111122223333:assumed-role/my-ECS-task-role/s1",
//!   "action": "sts:AssumeRole",
//!   "resource": "arn:aws:iam::444455556666:role/destination-account-role",
//!   "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "arn:aws:iam::444455556666:role/destination-account-role"}}],
//!   "resourcePolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/my-ECS-task-role"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"sts:ExternalId": "12345"}}}]}
//! }"#)?;
//! let answer = evaluate(&request);
//! assert_eq!(answer.decision, Decision::ImplicitlyDenied);
//! assert_eq!(answer.missing_context_keys, ["sts:ExternalId"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod conditions;
mod explain;
mod guide;
mod layers;
mod matching;
mod request;
mod variables;

pub use explain::{
    Decision, Evaluation, LayerVerdict, Outcome, StatementRef, StatementTrace, Verdict,
};
pub use guide::{GuideCheck, GuideVerification};
pub use request::{Context, ContextValue, OrgLevel, PrincipalKind, Request, RequestError};

/// Evaluates a request, with the full explanation.
pub fn evaluate(request: &Request) -> Evaluation {
    layers::evaluate(request, true)
}

/// Evaluates a request for its decision and deciding statements only
/// (no layer verdicts, traces or missing keys): the same answer as
/// [`evaluate`], cheaper.
pub fn decide(request: &Request) -> Evaluation {
    layers::evaluate(request, false)
}
