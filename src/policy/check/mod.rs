//! `check`: what IAM would reject in a policy document, and what it would
//! accept but is risky. Every code is in the registry (`crate::Code`) and
//! listed in `docs/checks.md` with its AWS source.
//!
//! The rules are grouped by the element they look at: the document and
//! its members here, then [`statement`], [`principal`], [`action`],
//! [`resource`], [`condition`], [`text`] (characters and policy
//! variables, wherever they occur) and [`size`]. They run on the shared
//! framework (`crate::check`): members in the order written, each raw
//! member reported once by [`Checker`]'s [`Reporter`] impl.

mod action;
mod catalog;
mod catalog_more;
mod condition;
mod principal;
mod redundant_statement;
mod region;
mod resource;
mod size;
mod statement;
mod text;
mod together;
mod values;
mod wildcard_condition;

pub(crate) use action::{action_problem, covers, TRUST_ACTIONS};

use crate::check::{has, walk, Loc, Reporter, Sink};
use crate::code::Code;
use crate::finding::Finding;
use crate::json::record::{RawMember, Record, Why};
use crate::json::Json;
use crate::policy::{CatalogRef, PolicyDocument, ServiceCatalog, Statements};

use statement::Sids;

/// What kind of policy a document is; the rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PolicyKind {
    /// An identity-based policy (managed or inline, attached to a user,
    /// group or role): no `Principal`, `Resource` required.
    Identity,
    /// A role trust policy (`AssumeRolePolicyDocument`): `Principal`
    /// required, no `Resource`, no `NotPrincipal`, STS actions only.
    Trust,
    /// Another resource-based policy (bucket, queue, key policy, ...):
    /// `Principal` required.
    Resource,
    /// An AWS Organizations service control policy (SCP): no `Principal`
    /// or `NotPrincipal`; since September 2025 the rest of the IAM policy
    /// language (conditions, resource ARNs, `NotAction` and
    /// `NotResource` with either effect, wildcards anywhere in actions).
    ServiceControl,
    /// An AWS Organizations resource control policy (RCP): `Principal`
    /// `"*"` only, no `NotPrincipal` or `NotAction`, and `Allow` only as
    /// `RCPFullAWSAccess` has it (every resource, no condition).
    ResourceControl,
}

impl PolicyKind {
    /// `identity`, `trust`, `resource`, `scp` or `rcp`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Trust => "trust",
            PolicyKind::Resource => "resource",
            PolicyKind::ServiceControl => "scp",
            PolicyKind::ResourceControl => "rcp",
        }
    }

    /// Whether this is an AWS Organizations policy (SCP or RCP): a
    /// guardrail that grants nothing, so the checks of what a policy
    /// grants (`pass-role-*`, `create-slr-*`) do not apply.
    pub const fn is_organizations(self) -> bool {
        matches!(
            self,
            PolicyKind::ServiceControl | PolicyKind::ResourceControl
        )
    }
}

/// How to check a document: its kind and the size quota to hold it to.
///
/// ```
/// use iam_ecs::policy::{CheckOptions, PolicyKind};
///
/// let opts = CheckOptions::trust().size_quota(Some(4096));
/// assert_eq!(opts.kind, PolicyKind::Trust);
/// assert_eq!(opts.size_quota, Some(4096));
/// assert_eq!(CheckOptions::identity().size_quota, Some(6144));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CheckOptions {
    /// The kind of policy.
    pub kind: PolicyKind,
    /// The most characters (whitespace not counted) the document may have;
    /// `None` checks no size.
    pub size_quota: Option<usize>,
    /// The service catalogue the catalogue checks use (unknown actions,
    /// condition keys, resource ARNs); `None` runs none of them.
    pub catalog: Option<CatalogRef>,
    /// Whether a finding that rests only on a name being absent from the
    /// catalogue is reported with its AWS severity (error) rather than as
    /// a warning.
    pub strict_catalog: bool,
}

impl CheckOptions {
    /// An identity policy, held to the managed-policy quota of 6,144
    /// characters.
    pub const fn identity() -> Self {
        CheckOptions {
            kind: PolicyKind::Identity,
            size_quota: Some(6144),
            catalog: None,
            strict_catalog: false,
        }
    }

    /// A role trust policy, held to the default quota of 2,048 characters
    /// (adjustable in AWS up to 4,096; pass the account's value with
    /// [`CheckOptions::size_quota`]).
    pub const fn trust() -> Self {
        CheckOptions {
            kind: PolicyKind::Trust,
            size_quota: Some(2048),
            catalog: None,
            strict_catalog: false,
        }
    }

    /// A resource-based policy, with no size quota (each service has its
    /// own).
    pub const fn resource() -> Self {
        CheckOptions {
            kind: PolicyKind::Resource,
            size_quota: None,
            catalog: None,
            strict_catalog: false,
        }
    }

    /// An AWS Organizations service control policy, held to the SCP quota
    /// of 5,120 characters (Organizations User Guide,
    /// `orgs_reference_limits`).
    ///
    /// ```
    /// use iam_ecs::policy::{CheckOptions, PolicyKind};
    ///
    /// assert_eq!(CheckOptions::scp().kind, PolicyKind::ServiceControl);
    /// assert_eq!(CheckOptions::scp().size_quota, Some(5120));
    /// assert_eq!(CheckOptions::rcp().size_quota, Some(5120));
    /// ```
    pub const fn scp() -> Self {
        CheckOptions {
            kind: PolicyKind::ServiceControl,
            size_quota: Some(5120),
            catalog: None,
            strict_catalog: false,
        }
    }

    /// An AWS Organizations resource control policy, held to 5,120
    /// characters (the SCP quota; the RCP figure is unverified, see
    /// `docs/checks.md`).
    pub const fn rcp() -> Self {
        CheckOptions {
            kind: PolicyKind::ResourceControl,
            size_quota: Some(5120),
            catalog: None,
            strict_catalog: false,
        }
    }

    /// The options for a policy of `kind`, with that kind's default
    /// quota.
    pub const fn of(kind: PolicyKind) -> Self {
        match kind {
            PolicyKind::Identity => CheckOptions::identity(),
            PolicyKind::Trust => CheckOptions::trust(),
            PolicyKind::Resource => CheckOptions::resource(),
            PolicyKind::ServiceControl => CheckOptions::scp(),
            PolicyKind::ResourceControl => CheckOptions::rcp(),
        }
    }

    /// The same options with another size quota (`None`: no size check).
    #[must_use]
    pub const fn size_quota(mut self, quota: Option<usize>) -> Self {
        self.size_quota = quota;
        self
    }

    /// The same options with a service catalogue (`None`: no catalogue
    /// checks).
    #[must_use]
    pub const fn catalog(mut self, catalog: Option<&'static dyn ServiceCatalog>) -> Self {
        self.catalog = match catalog {
            Some(c) => Some(CatalogRef(c)),
            None => None,
        };
        self
    }

    /// The same options, strict about the catalogue or not (see the
    /// field `strict_catalog`).
    #[must_use]
    pub const fn strict_catalog(mut self, strict: bool) -> Self {
        self.strict_catalog = strict;
        self
    }
}

impl PolicyDocument {
    /// Checks the document offline and returns what IAM would reject
    /// (errors) and what it would accept but is risky or pointless
    /// (security warnings, warnings, suggestions), in document order.
    /// Every code is documented in `docs/checks.md`.
    ///
    /// ```
    /// use iam_ecs::policy::{CheckOptions, PolicyDocument};
    /// use iam_ecs::Code;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let doc = PolicyDocument::from_json_str(
    ///     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::5555666677778888:role/destination-account-role"}}"#,
    /// )?;
    /// let findings = doc.check(&CheckOptions::identity());
    /// assert_eq!(findings[0].code, Code::InvalidArnAccount);
    /// assert_eq!(findings[0].path, "/Statement/Resource");
    /// # Ok(())
    /// # }
    /// ```
    pub fn check(&self, opts: &CheckOptions) -> Vec<Finding> {
        let mut c = Checker {
            opts,
            sink: Sink::default(),
            version_2008: self.version.as_deref() == Some("2008-10-17"),
            actions_scratch: ACTIONS_SCRATCH.take(),
            value_chars: 0,
            size_finding: None,
        };
        c.document(self);
        if c.actions_scratch.is_small() {
            ACTIONS_SCRATCH.set(std::mem::take(&mut c.actions_scratch));
        }
        let mut findings = c.sink.into_findings();
        if let Some((at, size)) = c.size_finding {
            findings.splice(at..at, size);
        }
        findings
    }
}

thread_local! {
    /// The buffers of [`Checker::actions`], kept from one document's check
    /// to the next (a check allocates them once per thread, not once per
    /// document).
    static ACTIONS_SCRATCH: std::cell::Cell<action::ActionScratch> =
        std::cell::Cell::new(action::ActionScratch::default());
}

/// The state of one check of one document.
pub(crate) struct Checker<'a> {
    opts: &'a CheckOptions,
    sink: Sink,
    /// Whether `Version` is `2008-10-17`, where `${...}` is plain text.
    version_2008: bool,
    /// Buffers the action lists of the document reuse.
    actions_scratch: action::ActionScratch,
    /// The characters of the document's `Sid`, `Action`, `NotAction`,
    /// `Resource`, `NotResource` and `Condition` values checked so far,
    /// for the size count.
    value_chars: usize,
    /// The size finding, checked after the walk (which counts the
    /// actions' characters), and how many findings come before it.
    size_finding: Option<(usize, Vec<Finding>)>,
}

/// The members of a policy document.
type DocumentMember = <PolicyDocument as Record>::Member;

/// The two versions IAM accepts.
fn version_ok(v: &str) -> bool {
    v == "2012-10-17" || v == "2008-10-17"
}

impl Checker<'_> {
    fn document(&mut self, doc: &PolicyDocument) {
        let root = Loc::Root;
        // The findings before the size's (the size is checked last, and
        // its finding put back in this place).
        let mut before = 0;
        if !has(doc, DocumentMember::version) {
            before += 1;
            self.sink.report(
                Code::MissingVersion,
                &root,
                "missing Version: expected \"Version\": \"2012-10-17\" (policy variables and some \
                 condition features need it)",
            );
        }
        match &doc.statement {
            None if !has(doc, DocumentMember::statement) => {
                before += 1;
                self.sink.report(
                    Code::MissingStatement,
                    &root,
                    "missing Statement: expected a statement object or a non-empty array of them",
                );
            }
            Some(Statements::Many(v)) if v.is_empty() => {
                before += 1;
                self.sink.report(
                    Code::MissingStatement,
                    &root.key("Statement"),
                    "empty Statement array: expected at least one statement",
                );
            }
            _ => {}
        }
        let mut sids = Sids::default();
        walk(
            self,
            doc,
            &root,
            "policy document",
            |c, member| match member {
                DocumentMember::version => {
                    if let Some(v) = &doc.version {
                        let at = root.key("Version");
                        c.chars(v, &at);
                        if !version_ok(v) {
                            c.sink.report(
                                Code::InvalidVersion,
                                &at,
                                format!(
                                "invalid Version {v:?}: expected \"2012-10-17\" or \"2008-10-17\""
                            ),
                            );
                        }
                    }
                }
                DocumentMember::id => {
                    if let Some(id) = &doc.id {
                        let at = root.key("Id");
                        c.chars(id, &at);
                        if c.opts.kind == PolicyKind::Identity {
                            c.sink.report(
                                Code::UnsupportedId,
                                &at,
                                format!(
                                    "Id {id:?} in an identity policy: the policy grammar allows Id \
                                 only in resource-based policies, remove it"
                                ),
                            );
                        }
                    }
                }
                DocumentMember::statement => {
                    let at = root.key("Statement");
                    match &doc.statement {
                        Some(Statements::One(s)) => c.statement(s, &at, &mut sids),
                        Some(Statements::Many(v)) => {
                            for (i, s) in v.iter().enumerate() {
                                c.statement(s, &at.index(i), &mut sids);
                            }
                        }
                        None => {}
                    }
                }
            },
        );
        self.redundant_statements(doc);
        // The size, into a sink of its own.
        let main = std::mem::take(&mut self.sink);
        self.size(doc);
        let size = std::mem::replace(&mut self.sink, main).into_findings();
        self.size_finding = Some((before, size));
    }

    /// `duplicate-key` for a later copy of a key.
    fn duplicate(&mut self, key: &str, at: &Loc, what: &str) {
        self.sink.report(
            Code::DuplicateKey,
            at,
            format!("key {key:?} appears more than once in {what}: expected each key once"),
        );
    }
}

impl Reporter for Checker<'_> {
    /// A policy element the model could not take: its characters, then
    /// `invalid-policy-element` (unknown), `duplicate-key`, or
    /// `invalid-effect` / `invalid-principal-format` / `data-type-mismatch`
    /// (a value of the wrong type).
    fn raw_member(&mut self, raw: &RawMember, loc: &Loc, what: &str, keys: &[&str]) {
        let at = loc.key(&raw.key);
        self.chars(&raw.key, &at);
        self.json_chars(&raw.value, &at);
        match &raw.why {
            Why::Unknown => {
                let hint = match crate::suggest::closest(&raw.key, keys) {
                    Some(k) if k.eq_ignore_ascii_case(&raw.key) => {
                        format!(" (element names are case-sensitive: did you mean {k:?}?)")
                    }
                    Some(k) => format!(" (did you mean {k:?}?)"),
                    None => String::new(),
                };
                self.sink.report(
                    Code::InvalidPolicyElement,
                    &at,
                    format!(
                        "unknown element {:?} in the {what}: expected one of {}{hint}",
                        raw.key,
                        keys.join(", ")
                    ),
                );
            }
            Why::Duplicate => self.duplicate(&raw.key, &at, &format!("the {what}")),
            Why::Mismatch(m) => {
                let path = at.pointer().join(&m.at);
                let (code, message) = match (raw.key.as_str(), &raw.value) {
                    ("Effect", Json::String(e)) => (
                        Code::InvalidEffect,
                        format!(
                            "invalid Effect {e:?}: expected \"Allow\" or \"Deny\" (case-sensitive)"
                        ),
                    ),
                    ("Principal" | "NotPrincipal", _) => (
                        Code::InvalidPrincipalFormat,
                        format!(
                            "invalid {}: expected {}, found {}",
                            raw.key, m.expected, m.found
                        ),
                    ),
                    _ => (
                        Code::DataTypeMismatch,
                        format!(
                            "invalid {}: expected {}, found {}",
                            raw.key, m.expected, m.found
                        ),
                    ),
                };
                self.sink.report_at(code, path, message);
            }
        }
    }
}
