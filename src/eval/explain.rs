//! The answer: [`Decision`] and its [`Evaluation`] (the verdict of each
//! layer in each account, the deciding statements, why other statements
//! did not apply, the context keys the answer depends on).

use crate::json::Pointer;
use crate::policy::Effect;
use std::fmt;

/// What AWS would decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Some policy allows, every layer that must allow does, and nothing
    /// denies.
    Allowed,
    /// No `Deny` applies, but some layer that must allow has no
    /// applicable `Allow`.
    ImplicitlyDenied,
    /// A `Deny` statement applies.
    ExplicitlyDenied,
}

impl Decision {
    /// `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "Allowed",
            Decision::ImplicitlyDenied => "ImplicitlyDenied",
            Decision::ExplicitlyDenied => "ExplicitlyDenied",
        }
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A statement: the label of its policy (`identityPolicies[0]`,
/// `resourcePolicy`, `serviceControlPolicies[1][0]`, ...) and its JSON
/// Pointer in that policy (`/Statement/2`, or `/Statement` when
/// `Statement` is one object).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatementRef {
    /// The policy's label.
    pub policy: String,
    /// The statement's pointer, relative to the policy's root.
    pub statement: Pointer,
}

impl fmt::Display for StatementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.policy, self.statement)
    }
}

/// The verdict of one layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// An applicable `Allow` and no applicable `Deny`.
    Allow,
    /// No applicable `Allow` and no applicable `Deny`.
    ImplicitDeny,
    /// An applicable `Deny`.
    ExplicitDeny,
    /// Only `Deny` statements count in this layer (RCPs, with the implied
    /// `RCPFullAWSAccess`), and none applies.
    NoDeny,
}

impl Verdict {
    /// `Allow`, `implicit deny`, `explicit deny`, `no deny`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Verdict::Allow => "Allow",
            Verdict::ImplicitDeny => "implicit deny",
            Verdict::ExplicitDeny => "explicit deny",
            Verdict::NoDeny => "no deny",
        }
    }
}

/// The verdict of one layer in one account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerVerdict {
    /// The layer: `identity policies`, `resource policy`, `trust policy`,
    /// `key policy`, `permissions boundary`, `session policy`,
    /// `SCPs at LEVEL`, `RCPs at LEVEL`.
    pub layer: String,
    /// The account whose layer it is (`None` for a service principal's
    /// side).
    pub account: Option<String>,
    /// What the layer's statements say.
    pub verdict: Verdict,
    /// Whether the decision needed this layer to allow, and why
    /// (`required`, `not needed: the resource policy names the user`).
    pub role: String,
}

/// What became of one statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It applies to the request.
    Applies,
    /// It does not: the first element that did not match, relative to the
    /// statement, and the values compared (variables resolved).
    DoesNotApply {
        /// The element (`/Action`, `/Resource/1`, `/Condition/Bool/aws:SecureTransport`).
        element: Pointer,
        /// The values compared.
        detail: String,
    },
    /// It cannot be evaluated (an unparsable number, date, address, ARN
    /// or element): an `Allow` grants nothing, a `Deny` applies.
    Unevaluable {
        /// The element.
        element: Pointer,
        /// Why.
        detail: String,
    },
}

/// One statement of one policy and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementTrace {
    /// Which statement.
    pub at: StatementRef,
    /// Its effect; `None` when `Effect` cannot be read (then it is taken
    /// as a `Deny`).
    pub effect: Option<Effect>,
    /// Whether it applied, and if not, why.
    pub outcome: Outcome,
}

/// The decision with its explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The decision.
    pub decision: Decision,
    /// The statements of the deciding effect that applied: every `Deny`
    /// for `ExplicitlyDenied`, the `Allow`s for `Allowed`, none for
    /// `ImplicitlyDenied`.
    pub deciding: Vec<StatementRef>,
    /// The verdict of each layer in each account.
    pub layers: Vec<LayerVerdict>,
    /// Every statement evaluated and what became of it.
    pub statements: Vec<StatementTrace>,
    /// Condition keys (and policy-variable keys) that statements otherwise
    /// matching the request test but the request does not carry, as
    /// written in the policies, first occurrence first.
    pub missing_context_keys: Vec<String>,
    /// One sentence on why.
    pub reason: String,
}

impl Evaluation {
    /// The JSON form: `decision`, `deciding` (`[{"policy", "statement"}]`),
    /// `missingContextKeys`, `reason`, `layers`, `statements`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::json;
        let refj =
            |r: &StatementRef| json!({"policy": r.policy, "statement": r.statement.as_str()});
        json!({
            "decision": self.decision.as_str(),
            "deciding": self.deciding.iter().map(refj).collect::<Vec<_>>(),
            "missingContextKeys": self.missing_context_keys,
            "reason": self.reason,
            "layers": self.layers.iter().map(|l| json!({
                "layer": l.layer,
                "account": l.account,
                "verdict": l.verdict.as_str(),
                "role": l.role,
            })).collect::<Vec<_>>(),
            "statements": self.statements.iter().map(|s| {
                let (outcome, element, detail) = match &s.outcome {
                    Outcome::Applies => ("applies", None, None),
                    Outcome::DoesNotApply { element, detail } => ("does not apply", Some(element.as_str()), Some(detail.as_str())),
                    Outcome::Unevaluable { element, detail } => ("cannot be evaluated", Some(element.as_str()), Some(detail.as_str())),
                };
                json!({
                    "policy": s.at.policy,
                    "statement": s.at.statement.as_str(),
                    "effect": s.effect.map(|e| e.as_str()),
                    "outcome": outcome,
                    "element": element,
                    "detail": detail,
                })
            }).collect::<Vec<_>>(),
        })
    }
}

/// The text form, for a person: the decision and the reason, the layers,
/// the deciding statements, the statements that did not apply and why,
/// the missing context keys.
impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.decision, self.reason)?;
        if !self.layers.is_empty() {
            writeln!(f, "layers:")?;
            for l in &self.layers {
                let account = l.account.as_deref().unwrap_or("-");
                writeln!(
                    f,
                    "  {:<28} account {account:<12}  {:<13} {}",
                    l.layer,
                    l.verdict.as_str(),
                    l.role
                )?;
            }
        }
        if !self.deciding.is_empty() {
            writeln!(f, "deciding statements:")?;
            for d in &self.deciding {
                writeln!(f, "  {d}")?;
            }
        }
        let other: Vec<&StatementTrace> = self
            .statements
            .iter()
            .filter(|s| s.outcome != Outcome::Applies)
            .collect();
        if !other.is_empty() {
            writeln!(f, "statements that did not apply:")?;
            for s in other {
                match &s.outcome {
                    Outcome::DoesNotApply { element, detail } => writeln!(
                        f,
                        "  {} at {}{element}: {detail}",
                        s.at.policy, s.at.statement
                    )?,
                    Outcome::Unevaluable { element, detail } => writeln!(
                        f,
                        "  {} at {}{element}: cannot be evaluated: {detail}",
                        s.at.policy, s.at.statement
                    )?,
                    Outcome::Applies => {}
                }
            }
        }
        if !self.missing_context_keys.is_empty() {
            writeln!(
                f,
                "context keys tested but not in the request: {}",
                self.missing_context_keys.join(", ")
            )?;
        }
        Ok(())
    }
}
