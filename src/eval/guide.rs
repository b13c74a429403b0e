//! The guide's step 4, answered offline: [`CrossAccountSetup::verify`]
//! evaluates the requests the guide's `aws sts get-caller-identity
//! --profile cross-account` depends on against the generated policies.

use super::explain::{Decision, Evaluation};
use super::request::{ContextValue, PrincipalKind, Request};
use crate::cross_account::CrossAccountSetup;
use std::fmt;

/// One request of a [`GuideVerification`], with the answer the guide
/// needs and the answer the policies give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideCheck {
    /// What the request shows, in a few words.
    pub title: String,
    /// The request.
    pub request: Request,
    /// The decision the setup needs.
    pub expected: Decision,
    /// What the policies decide, with the explanation.
    pub evaluation: Evaluation,
}

impl GuideCheck {
    /// Whether the policies decide what the setup needs.
    pub fn passed(&self) -> bool {
        self.evaluation.decision == self.expected
    }
}

/// The offline verification of a cross-account setup; see
/// [`CrossAccountSetup::verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuideVerification {
    /// The requests, in the order the task meets them.
    pub checks: Vec<GuideCheck>,
}

impl GuideVerification {
    /// Whether every request is decided as the setup needs.
    pub fn passed(&self) -> bool {
        self.checks.iter().all(GuideCheck::passed)
    }
}

/// The checks with their explanations, for a person (what `iam-ecs
/// cross-account` prints).
impl fmt::Display for GuideVerification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Offline verification (iam_ecs::eval, the IAM evaluation logic; no AWS account needed):"
        )?;
        for (i, c) in self.checks.iter().enumerate() {
            let mark = if c.passed() { "ok  " } else { "FAIL" };
            writeln!(
                f,
                "{mark} {}. {}: {} (needed: {})",
                i + 1,
                c.title,
                c.evaluation.decision,
                c.expected
            )?;
            writeln!(
                f,
                "     {} calls {} on {}",
                c.request.principal.as_str(),
                c.request.action,
                c.request.resource
            )?;
            for line in c.evaluation.to_string().lines() {
                writeln!(f, "     | {line}")?;
            }
        }
        Ok(())
    }
}

impl CrossAccountSetup {
    /// Answers the guide's verify step offline, the way IAM evaluates it:
    ///
    /// 1. the task's role session
    ///    (`arn:PARTITION:sts::SOURCE:assumed-role/TASK_ROLE/task-session`)
    ///    calling `sts:AssumeRole` on the destination role (with the
    ///    profile's external ID, if any) is `Allowed` by the task role's
    ///    identity policy and the destination trust policy;
    /// 2. `ecs-tasks.amazonaws.com` assuming the task role for a task of
    ///    the source account (`aws:SourceAccount`, `aws:SourceArn`) is
    ///    `Allowed` by the task role's trust policy;
    /// 3. the same for a task of another account is `ImplicitlyDenied`.
    ///
    /// ```
    /// use iam_ecs::cross_account::CrossAccountSpec;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let setup = CrossAccountSpec::guide_example().generate()?;
    /// let verification = setup.verify();
    /// assert!(verification.passed());
    /// assert_eq!(verification.checks.len(), 3);
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// A setup whose task definition has no parseable `taskRoleArn`
    /// (which [`check`](CrossAccountSetup::check) reports) gets one failed
    /// check saying so.
    pub fn verify(&self) -> GuideVerification {
        let destination = self.cli_profile.role_arn().to_string();
        let task_role = self
            .task_definition
            .task_role_arn
            .clone()
            .unwrap_or_default();
        let parts: Vec<&str> = task_role.splitn(6, ':').collect();
        let principal = PrincipalKind::parse(&task_role, None);
        let (partition, source) = match (parts.as_slice(), &principal) {
            ([_, p, "iam", "", a, _], Ok(PrincipalKind::Role { .. })) => {
                (p.to_string(), a.to_string())
            }
            _ => {
                let mut request =
                    Request::new(PrincipalKind::Anonymous, "sts:AssumeRole", &destination);
                request.resource_policy = Some(self.destination_trust_policy.clone());
                let evaluation = super::evaluate(&request);
                return GuideVerification {
                    checks: vec![GuideCheck {
                        title: format!("the task definition's taskRoleArn {task_role:?} is not a role ARN; nothing can be verified"),
                        request,
                        expected: Decision::Allowed,
                        evaluation: Evaluation {
                            decision: Decision::ImplicitlyDenied,
                            ..evaluation
                        },
                    }],
                };
            }
        };
        let role_name = task_role.rsplit('/').next().unwrap_or_default();
        let session =
            format!("arn:{partition}:sts::{source}:assumed-role/{role_name}/task-session");
        let mut checks = Vec::new();

        // 1. The task's session assumes the destination role.
        let who =
            PrincipalKind::parse(&session, Some(&task_role)).unwrap_or(PrincipalKind::Anonymous);
        let mut r = Request::new(who, "sts:AssumeRole", &destination);
        r.identity_policies = vec![self.task_role_identity_policy.clone()];
        r.resource_policy = Some(self.destination_trust_policy.clone());
        r.context
            .insert("aws:PrincipalArn", ContextValue::Single(task_role.clone()));
        r.context
            .insert("aws:PrincipalAccount", ContextValue::Single(source.clone()));
        if let Some(id) = self.cli_profile.external_id() {
            r.context.insert(
                "sts:ExternalId",
                ContextValue::Single(id.as_str().to_owned()),
            );
        }
        checks.push(check(
            "the task's role session assumes the destination role (aws sts get-caller-identity --profile cross-account)",
            r,
            Decision::Allowed,
        ));

        // 2 and 3. ECS assumes the task role, for a task of the source
        // account and of another one.
        let region = source_arn_region(self).unwrap_or_else(|| "us-east-1".to_owned());
        let other = if source == "999999999999" {
            "888888888888"
        } else {
            "999999999999"
        };
        for (account, expected, title) in [
            (
                source.as_str(),
                Decision::Allowed,
                "ecs-tasks.amazonaws.com assumes the task role for a task of the source account",
            ),
            (
                other,
                Decision::ImplicitlyDenied,
                "ecs-tasks.amazonaws.com assumes the task role for a task of another account",
            ),
        ] {
            let mut r = Request::new(
                PrincipalKind::Service("ecs-tasks.amazonaws.com".to_owned()),
                "sts:AssumeRole",
                &task_role,
            );
            r.resource_policy = Some(self.task_role_trust_policy.clone());
            r.context.insert(
                "aws:SourceAccount",
                ContextValue::Single(account.to_owned()),
            );
            r.context.insert(
                "aws:SourceArn",
                ContextValue::Single(format!(
                    "arn:{partition}:ecs:{region}:{account}:task/default/0123456789abcdef0123456789abcdef"
                )),
            );
            checks.push(check(title, r, expected));
        }
        GuideVerification { checks }
    }
}

fn check(title: &str, request: Request, expected: Decision) -> GuideCheck {
    let evaluation = super::evaluate(&request);
    GuideCheck {
        title: title.to_owned(),
        request,
        expected,
        evaluation,
    }
}

/// The region the task role's trust policy scopes `aws:SourceArn` to,
/// when it names one.
fn source_arn_region(setup: &CrossAccountSetup) -> Option<String> {
    for st in setup.task_role_trust_policy.statements() {
        let Some(cond) = &st.condition else { continue };
        for (_, block) in cond {
            for (key, values) in block {
                if !key.eq_ignore_ascii_case("aws:SourceArn") {
                    continue;
                }
                for v in values {
                    let parts: Vec<&str> = v.text().splitn(6, ':').collect();
                    if let Some(r) = parts.get(3) {
                        if !r.is_empty() && !r.contains(['*', '?']) {
                            return Some((*r).to_owned());
                        }
                    }
                }
            }
        }
    }
    None
}
