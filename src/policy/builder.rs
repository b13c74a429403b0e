//! Builders for identity and trust policies, and helpers for the
//! documents users write most.

use crate::json::record::Layout;
use crate::json::Pointer;
use crate::policy::check::{action_problem, TRUST_ACTIONS};
use crate::policy::{
    CheckOptions, Condition, ConditionValue, Effect, OneOrMany, PolicyDocument, Principal,
    PrincipalMap, Statement, Statements,
};
use crate::{
    AccountId, AccountRootArn, ArnPattern, Code, Error, Finding, Partition, Region, Result,
    RoleArn, ServicePrincipal,
};

const CURRENT_VERSION: &str = "2012-10-17";

/// What both statement builders share.
#[derive(Debug, Clone)]
struct StatementParts {
    ty: &'static str,
    sid: Option<String>,
    effect: Effect,
    principal: Vec<(usize, Vec<String>)>,
    principal_array: bool,
    action: Vec<String>,
    not_action: Vec<String>,
    action_array: bool,
    resource: Vec<String>,
    not_resource: Vec<String>,
    resource_array: bool,
    condition: Condition,
    error: Option<Pending>,
}

/// A setter's error, kept until `build()` knows where its statement is.
#[derive(Debug, Clone)]
struct Pending {
    /// The type that was given the value (`IdentityStatement`, ...).
    ty: &'static str,
    /// The element, as in [`Error::Build`].
    field: &'static str,
    reason: String,
    code: Option<Code>,
    /// The index of the statement, for a statement setter's error.
    statement: Option<usize>,
    /// The pointer below the statement (or the document): `/Action`.
    below: Pointer,
}

impl Pending {
    /// The error, its pointer under `/Statement` (an array unless `one`).
    fn into_error(self, one: bool) -> Error {
        let at = match self.statement {
            Some(_) if one => format!("/Statement{}", self.below),
            Some(i) => format!("/Statement/{i}{}", self.below),
            None => self.below.to_string(),
        };
        Error::build(self.ty, self.field, self.reason).with_place(self.code, Pointer::from_raw(at))
    }
}

/// A layout that lists the fields of `set` in declaration order: what
/// reading the builder's output records, so that a built document equals
/// the same document read from its JSON without writing and reading it.
fn written(set: u128) -> Layout {
    let mut layout = Layout::with_capacity(set.count_ones() as usize);
    let mut rest = set;
    while rest != 0 {
        // A record has at most 128 fields, so the index fits in a u8.
        layout.push_field(rest.trailing_zeros() as u8);
        rest &= rest - 1;
    }
    layout
}

impl StatementParts {
    fn new(ty: &'static str, effect: Effect) -> Self {
        StatementParts {
            ty,
            sid: None,
            effect,
            principal: Vec::new(),
            principal_array: false,
            action: Vec::new(),
            not_action: Vec::new(),
            action_array: false,
            resource: Vec::new(),
            not_resource: Vec::new(),
            resource_array: false,
            condition: Condition::new(),
            error: None,
        }
    }

    fn fail(&mut self, field: &'static str, reason: String, code: Option<Code>, below: Pointer) {
        if self.error.is_none() {
            self.error = Some(Pending {
                ty: self.ty,
                field,
                reason,
                code,
                statement: None,
                below,
            });
        }
    }

    fn action(&mut self, not: bool, a: &str, trust: bool) {
        let field = if not { "NotAction" } else { "Action" };
        if let Some(reason) = action_problem(a) {
            self.fail(
                field,
                format!("invalid action {a:?}: {reason}"),
                Some(Code::InvalidAction),
                Pointer::root().key(field),
            );
            return;
        }
        if trust {
            let lower = a.to_ascii_lowercase();
            if !TRUST_ACTIONS.contains(&lower.as_str()) {
                self.fail(
                    field,
                    format!(
                        "action {a:?} in a trust policy: expected sts:AssumeRole, \
                         sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, \
                         sts:SetSourceIdentity or sts:SetContext"
                    ),
                    Some(Code::UnsupportedActionInPolicy),
                    Pointer::root().key(field),
                );
                return;
            }
        }
        let list = if not {
            &mut self.not_action
        } else {
            &mut self.action
        };
        list.push(a.to_owned());
    }

    fn resource(&mut self, not: bool, r: &str) {
        let field = if not { "NotResource" } else { "Resource" };
        if r != "*" {
            // Checked in place: the pattern itself is not kept.
            if let Err(reason) = ArnPattern::validate(r) {
                self.fail(
                    field,
                    format!("{r:?} is not an ARN or \"*\": {reason}"),
                    reason.code(),
                    Pointer::root().key(field),
                );
                return;
            }
        }
        let list = if not {
            &mut self.not_resource
        } else {
            &mut self.resource
        };
        list.push(r.to_owned());
    }

    fn principal(&mut self, key: usize, v: &str) {
        match self.principal.iter_mut().find(|(k, _)| *k == key) {
            Some((_, values)) => values.push(v.to_owned()),
            None => self.principal.push((key, vec![v.to_owned()])),
        }
    }

    fn into_statement(self) -> Statement {
        let shape =
            |v: Vec<String>, array: bool| (!v.is_empty()).then(|| OneOrMany::from_vec(v, array));
        let principal = (!self.principal.is_empty()).then(|| {
            let mut map = PrincipalMap::default();
            for (k, v) in self.principal {
                let v = Some(OneOrMany::from_vec(v, self.principal_array));
                match k {
                    0 => map.aws = v,
                    1 => map.federated = v,
                    2 => map.service = v,
                    _ => map.canonical_user = v,
                }
            }
            map.layout = written(map.set_fields());
            Principal::Map(Box::new(map))
        });
        let mut statement = Statement {
            sid: self.sid,
            effect: Some(self.effect),
            principal,
            action: shape(self.action, self.action_array),
            not_action: shape(self.not_action, self.action_array),
            resource: shape(self.resource, self.resource_array),
            not_resource: shape(self.not_resource, self.resource_array),
            condition: (!self.condition.is_empty()).then_some(self.condition),
            ..Statement::default()
        };
        statement.layout = written(statement.set_fields());
        statement
    }
}

macro_rules! common_statement_setters {
    ($trust:expr) => {
        /// Sets `Sid`, the statement ID (letters and digits only in IAM).
        pub fn sid(mut self, sid: impl Into<String>) -> Self {
            self.parts.sid = Some(sid.into());
            self
        }

        /// Adds an action to `Action`, such as `sts:AssumeRole` or
        /// `s3:Get*`. One action is written as a string, several as an
        /// array (see `action_array`). An invalid action is kept as the
        /// builder's error, returned by the policy's `build()`.
        pub fn action(mut self, action: impl AsRef<str>) -> Self {
            self.parts.action(false, action.as_ref(), $trust);
            self
        }

        /// Adds several actions to `Action`.
        pub fn actions<I>(mut self, actions: I) -> Self
        where
            I: IntoIterator,
            I::Item: AsRef<str>,
        {
            for a in actions {
                self.parts.action(false, a.as_ref(), $trust);
            }
            self
        }

        /// Adds an action to `NotAction`.
        pub fn not_action(mut self, action: impl AsRef<str>) -> Self {
            self.parts.action(true, action.as_ref(), $trust);
            self
        }

        /// Writes `Action` / `NotAction` as an array even with one value.
        pub fn action_array(mut self) -> Self {
            self.parts.action_array = true;
            self
        }

        /// Adds `value` to condition `key` under `operator`, such as
        /// `("StringEquals", "aws:SourceAccount", "111122223333")`.
        /// Operators and keys are kept in the order first added; a key
        /// given twice gets an array of values.
        pub fn condition(
            mut self,
            operator: &str,
            key: &str,
            value: impl Into<ConditionValue>,
        ) -> Self {
            self.parts.condition.insert(operator, key, value.into());
            self
        }

        /// Sets condition `key` under `operator` to an array of `values`
        /// (an array even with one value).
        pub fn condition_values<I>(mut self, operator: &str, key: &str, values: I) -> Self
        where
            I: IntoIterator,
            I::Item: Into<ConditionValue>,
        {
            let values = values.into_iter().map(Into::into).collect();
            self.parts
                .condition
                .set(operator, key, OneOrMany::Many(values));
            self
        }
    };
}

/// A statement of an identity policy: `Effect`, `Action`, `Resource`,
/// `Condition`. It has no principal setter: identity policies must not
/// name a `Principal`.
///
/// ```
/// use iam_ecs::policy::IdentityStatement;
///
/// let s = IdentityStatement::allow()
///     .action("s3:GetObject")
///     .resource("arn:aws:s3:::my-bucket/*");
/// # let _ = s;
/// ```
///
/// ```compile_fail
/// use iam_ecs::policy::IdentityStatement;
///
/// let s = IdentityStatement::allow().principal_aws("*");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct IdentityStatement {
    parts: StatementParts,
}

impl IdentityStatement {
    /// A statement with `"Effect": "Allow"`.
    pub fn allow() -> Self {
        IdentityStatement {
            parts: StatementParts::new("IdentityStatement", Effect::Allow),
        }
    }

    /// A statement with `"Effect": "Deny"`.
    pub fn deny() -> Self {
        IdentityStatement {
            parts: StatementParts::new("IdentityStatement", Effect::Deny),
        }
    }

    common_statement_setters!(false);

    /// Adds a resource to `Resource`: `*` or an ARN, which may use the
    /// wildcards `*` and `?` and, in the resource part, policy variables.
    /// A [`RoleArn`] or any other string-like value works.
    pub fn resource(mut self, resource: impl AsRef<str>) -> Self {
        self.parts.resource(false, resource.as_ref());
        self
    }

    /// Adds several resources to `Resource`.
    pub fn resources<I>(mut self, resources: I) -> Self
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        for r in resources {
            self.parts.resource(false, r.as_ref());
        }
        self
    }

    /// Adds a resource to `NotResource`.
    pub fn not_resource(mut self, resource: impl AsRef<str>) -> Self {
        self.parts.resource(true, resource.as_ref());
        self
    }

    /// Writes `Resource` / `NotResource` as an array even with one value.
    pub fn resource_array(mut self) -> Self {
        self.parts.resource_array = true;
        self
    }
}

/// A statement of a role trust policy: `Effect`, `Principal`, `Action`
/// (STS actions only), `Condition`. It has no resource setter: trust
/// policies must not name a `Resource`.
///
/// ```
/// use iam_ecs::policy::TrustStatement;
/// use iam_ecs::ServicePrincipal;
///
/// let s = TrustStatement::allow()
///     .principal_service(ServicePrincipal::ECS_TASKS)
///     .action("sts:AssumeRole");
/// # let _ = s;
/// ```
///
/// ```compile_fail
/// use iam_ecs::policy::TrustStatement;
///
/// let s = TrustStatement::allow().resource("*");
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct TrustStatement {
    parts: StatementParts,
}

impl TrustStatement {
    /// A statement with `"Effect": "Allow"`.
    pub fn allow() -> Self {
        TrustStatement {
            parts: StatementParts::new("TrustStatement", Effect::Allow),
        }
    }

    /// A statement with `"Effect": "Deny"`.
    pub fn deny() -> Self {
        TrustStatement {
            parts: StatementParts::new("TrustStatement", Effect::Deny),
        }
    }

    common_statement_setters!(true);

    /// Adds an `AWS` principal: a [`RoleArn`], an
    /// [`AccountRootArn`], an [`AssumedRoleArn`](crate::AssumedRoleArn),
    /// an IAM user ARN, a 12-digit account ID, or `*` (with a condition).
    pub fn principal_aws(mut self, principal: impl AsRef<str>) -> Self {
        self.parts.principal(0, principal.as_ref());
        self
    }

    /// Adds a `Federated` principal: a SAML or OIDC provider ARN, or a
    /// web identity provider such as `cognito-identity.amazonaws.com`.
    pub fn principal_federated(mut self, principal: impl AsRef<str>) -> Self {
        self.parts.principal(1, principal.as_ref());
        self
    }

    /// Adds a `Service` principal, such as
    /// [`ServicePrincipal::ECS_TASKS`].
    pub fn principal_service(mut self, principal: impl AsRef<str>) -> Self {
        self.parts.principal(2, principal.as_ref());
        self
    }

    /// Writes every principal value as an array even when there is one
    /// (`"Service": ["ecs-tasks.amazonaws.com"]`, as the ECS guide does).
    pub fn principal_array(mut self) -> Self {
        self.parts.principal_array = true;
        self
    }

    /// Requires the caller to pass this external ID:
    /// `"StringEquals": {"sts:ExternalId": external_id}`. The ID must have
    /// 2 to 1,224 characters from `A-Z a-z 0-9 +=,.@:/-` and `_`
    /// (STS `externalIdType`); anything else becomes the builder's error.
    pub fn external_id(mut self, external_id: impl AsRef<str>) -> Self {
        let id = external_id.as_ref();
        let n = id.chars().count();
        let bad = id
            .chars()
            .enumerate()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || "+=,.@:/-_".contains(c)));
        let at = || {
            Pointer::root()
                .key("Condition")
                .key("StringEquals")
                .key("sts:ExternalId")
        };
        if !(2..=1224).contains(&n) {
            self.parts.fail(
                "Condition",
                format!("external ID {id:?}: expected 2 to 1224 characters, found {n}"),
                None,
                at(),
            );
        } else if let Some((pos, c)) = bad {
            self.parts.fail(
                "Condition",
                format!(
                    "external ID {id:?}: expected letters, digits and +=,.@:/-_, found {:?} at position {pos}",
                    c.to_string()
                ),
                None,
                at(),
            );
        } else {
            self.parts
                .condition
                .insert("StringEquals", "sts:ExternalId", id.into());
        }
        self
    }
}

/// The statement, checked as a one-statement policy built with `options`
/// is checked: the first error of a setter, then the first error finding
/// (with the policy builder's own error handling). Written exactly as the
/// policy builders write it.
fn checked_statement(parts: StatementParts, options: CheckOptions) -> Result<Statement> {
    let ty = parts.ty;
    let mut d = DocumentParts::new(ty, options);
    d.add(parts);
    let built = match d.build()?.0.statement {
        Some(Statements::Many(v)) => v.into_iter().next(),
        Some(Statements::One(s)) => Some(s),
        None => None,
    };
    built.ok_or_else(|| Error::build(ty, "Statement", "expected one statement, found none"))
}

/// The statement, checked as [`IdentityPolicy::builder`] checks it, for
/// [`PolicyDocument::push_statement`] or any list of statements.
///
/// ```
/// use iam_ecs::policy::{IdentityStatement, Statement};
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let s = Statement::try_from(IdentityStatement::allow().action("s3:ListBucket").resource("arn:aws:s3:::b"))?;
/// assert_eq!(serde_json::to_string(&s).unwrap(), r#"{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}"#);
///
/// let err = Statement::try_from(IdentityStatement::allow().action("s3")).unwrap_err();
/// assert!(err.to_string().starts_with("IdentityStatement: invalid Action: "), "{err}");
/// # Ok(())
/// # }
/// ```
///
/// # Errors
/// [`Error::Build`] naming `IdentityStatement` and the field: the first
/// invalid value given to a setter (an action such as `"s3"`, a resource
/// that is neither `*` nor an ARN), or the first error
/// [`PolicyDocument::check`] finds in an identity policy of this one
/// statement (no `Resource`, no `Action`, an invalid `Sid`, ...).
impl TryFrom<IdentityStatement> for Statement {
    type Error = Error;
    fn try_from(statement: IdentityStatement) -> Result<Statement> {
        checked_statement(statement.parts, CheckOptions::identity())
    }
}

/// The statement, checked as [`TrustPolicy::builder`] checks it, for
/// [`PolicyDocument::push_statement`] or any list of statements.
///
/// # Errors
/// [`Error::Build`] naming `TrustStatement` and the field: the first
/// invalid value given to a setter (an action other than the STS ones a
/// trust policy allows, an invalid external ID), or the first error
/// [`PolicyDocument::check`] finds in a trust policy of this one
/// statement (no principal, an account ID that is not 12 digits, ...).
impl TryFrom<TrustStatement> for Statement {
    type Error = Error;
    fn try_from(statement: TrustStatement) -> Result<Statement> {
        checked_statement(statement.parts, CheckOptions::trust())
    }
}

/// What both policy builders share.
#[derive(Debug, Clone)]
struct DocumentParts {
    ty: &'static str,
    version: Option<String>,
    id: Option<String>,
    statements: Vec<Statement>,
    single: bool,
    options: CheckOptions,
    error: Option<Pending>,
}

impl DocumentParts {
    fn new(ty: &'static str, options: CheckOptions) -> Self {
        DocumentParts {
            ty,
            version: Some(CURRENT_VERSION.to_owned()),
            id: None,
            statements: Vec::new(),
            single: false,
            options,
            error: None,
        }
    }

    fn add(&mut self, mut parts: StatementParts) {
        if let Some(mut e) = parts.error.take() {
            if self.error.is_none() {
                e.statement = Some(self.statements.len());
                self.error = Some(e);
            }
        }
        self.statements.push(parts.into_statement());
    }

    fn version(&mut self, v: &str) {
        if v == "2012-10-17" || v == "2008-10-17" {
            self.version = Some(v.to_owned());
        } else if self.error.is_none() {
            self.error = Some(Pending {
                ty: self.ty,
                field: "Version",
                reason: format!("invalid Version {v:?}: expected \"2012-10-17\" or \"2008-10-17\""),
                code: Some(Code::InvalidVersion),
                statement: None,
                below: Pointer::root().key("Version"),
            });
        }
    }

    /// Whether `Statement` is written as one object.
    fn one(&self) -> bool {
        self.single && self.statements.len() == 1
    }

    /// The document, with the layout reading its JSON would give (see
    /// [`written`]).
    fn into_document(self) -> PolicyDocument {
        let statement = if self.one() {
            self.statements.into_iter().next().map(Statements::One)
        } else {
            Some(Statements::Many(self.statements))
        };
        let mut doc = PolicyDocument {
            version: self.version,
            id: self.id,
            statement,
            ..PolicyDocument::default()
        };
        doc.layout = written(doc.set_fields());
        doc
    }

    fn build(self) -> Result<(PolicyDocument, Vec<Finding>)> {
        let one = self.one();
        if let Some(e) = self.error {
            return Err(e.into_error(one));
        }
        if self.single && self.statements.len() != 1 {
            return Err(Error::build(
                self.ty,
                "Statement",
                format!(
                    "single_statement() needs exactly one statement, found {}",
                    self.statements.len()
                ),
            )
            .with_place(None, Pointer::root().key("Statement")));
        }
        let ty = self.ty;
        let options = self.options;
        let doc = self.into_document();
        let findings = doc.check(&options);
        if let Some(f) = findings.iter().find(|f| f.is_error()) {
            let field = field_of(f.path.as_str());
            return Err(
                Error::build(ty, field, f.message.clone()).with_place(Some(f.code), f.path.clone())
            );
        }
        Ok((doc, findings))
    }
}

/// The element a finding's pointer is about, for [`Error::Build`].
fn field_of(path: &str) -> &'static str {
    let tokens: Vec<&str> = path.split('/').collect();
    Statement::KEYS
        .iter()
        .chain(PolicyDocument::KEYS)
        .find(|want| tokens.contains(want))
        .copied()
        .unwrap_or("Statement")
}

/// Entry point for identity policies: [`IdentityPolicy::builder`].
#[derive(Debug, Clone, Copy)]
pub struct IdentityPolicy;

impl IdentityPolicy {
    /// A builder for an identity policy with `"Version": "2012-10-17"`.
    ///
    /// ```
    /// use iam_ecs::policy::{IdentityPolicy, IdentityStatement};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let doc = IdentityPolicy::builder()
    ///     .statement(IdentityStatement::allow().action("s3:ListAllMyBuckets").resource("*"))
    ///     .build()?;
    /// assert_eq!(
    ///     doc.to_json_string(),
    ///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder() -> IdentityPolicyBuilder {
        IdentityPolicyBuilder {
            parts: DocumentParts::new("IdentityPolicy", CheckOptions::identity()),
        }
    }
}

/// Builds an identity policy; see [`IdentityPolicy::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct IdentityPolicyBuilder {
    parts: DocumentParts,
}

/// Entry point for role trust policies: [`TrustPolicy::builder`].
#[derive(Debug, Clone, Copy)]
pub struct TrustPolicy;

impl TrustPolicy {
    /// A builder for a role trust policy with `"Version": "2012-10-17"`.
    ///
    /// ```
    /// use iam_ecs::policy::{TrustPolicy, TrustStatement};
    /// use iam_ecs::RoleArn;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let role: RoleArn = "arn:aws:iam::111122223333:role/my-ECS-task-role".parse()?;
    /// let doc = TrustPolicy::builder()
    ///     .statement(TrustStatement::allow().principal_aws(&role).action("sts:AssumeRole"))
    ///     .build()?;
    /// assert_eq!(
    ///     doc.to_json_string(),
    ///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/my-ECS-task-role"},"Action":"sts:AssumeRole"}]}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn builder() -> TrustPolicyBuilder {
        TrustPolicyBuilder {
            parts: DocumentParts::new("TrustPolicy", CheckOptions::trust()),
        }
    }
}

/// Builds a role trust policy; see [`TrustPolicy::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct TrustPolicyBuilder {
    parts: DocumentParts,
}

macro_rules! policy_builder {
    ($builder:ident, $stmt:ident) => {
        impl $builder {
            /// Sets `Version`: `2012-10-17` (the default) or `2008-10-17`.
            pub fn version(mut self, version: &str) -> Self {
                self.parts.version(version);
                self
            }

            /// Leaves `Version` out (not recommended: Access Analyzer warns).
            pub fn no_version(mut self) -> Self {
                self.parts.version = None;
                self
            }

            /// Adds a statement; the first error of any statement is the
            /// error `build()` returns.
            pub fn statement(mut self, statement: $stmt) -> Self {
                self.parts.add(statement.parts);
                self
            }

            /// Adds several statements.
            pub fn statements(mut self, statements: impl IntoIterator<Item = $stmt>) -> Self {
                for s in statements {
                    self.parts.add(s.parts);
                }
                self
            }

            /// Writes `Statement` as a single object instead of an array;
            /// `build()` then requires exactly one statement.
            pub fn single_statement(mut self) -> Self {
                self.parts.single = true;
                self
            }

            /// The size quota `build()` holds the document to (`None`: no
            /// size check).
            pub fn size_quota(mut self, quota: Option<usize>) -> Self {
                self.parts.options = self.parts.options.size_quota(quota);
                self
            }

            /// Builds the document and checks it: it has no error findings.
            ///
            /// # Errors
            /// [`Error::Build`] naming this type and the field: the first
            /// invalid value given to a setter (an action such as `"s3"`
            /// or `"s3:Get Object"`, a resource that is neither `*` nor an
            /// ARN, a version other than the two IAM knows), no statement
            /// (or not exactly one with `single_statement`), or the first
            /// error [`PolicyDocument::check`] finds in the result (such
            /// as a principal with an 11-digit account, an invalid `Sid`,
            /// an unknown condition operator, a size over the quota).
            ///
            /// The error's [`Error::code`] is the finding code the check
            /// reports for the same problem (`None` for an external ID or
            /// a statement count), and its [`Error::pointer`] is where the
            /// problem is in the document, under the statement:
            /// `/Statement/2/Action` for a setter of the third statement,
            /// the finding's own pointer for a check.
            pub fn build(self) -> Result<PolicyDocument> {
                self.parts.build().map(|(doc, _)| doc)
            }

            /// As [`build`](Self::build), and also the findings of the
            /// check `build` runs: warnings and suggestions (never
            /// errors; an error finding makes it fail as `build` does),
            /// the same list as [`PolicyDocument::check`] with this
            /// builder's options, so that a caller (a `build.rs`, say)
            /// does not have to check the document again to see them.
            ///
            /// # Errors
            /// As [`build`](Self::build).
            pub fn build_with_findings(self) -> Result<(PolicyDocument, Vec<Finding>)> {
                self.parts.build()
            }
        }
    };
}

policy_builder!(IdentityPolicyBuilder, IdentityStatement);
policy_builder!(TrustPolicyBuilder, TrustStatement);

impl TrustPolicyBuilder {
    /// Sets `Id`, allowed in a trust policy (a resource-based policy).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.parts.id = Some(id.into());
        self
    }
}

/// The identity policy that lets its holder assume `role`, in the shape of
/// the guide's `task-role-identity-policy.json`: a single `Statement`
/// object, `Action` and `Resource` as strings.
///
/// ```
/// use iam_ecs::RoleArn;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let role: RoleArn = "arn:aws:iam::444455556666:role/destination-account-role".parse()?;
/// let doc = iam_ecs::policy::allow_assume_role(&role);
/// assert!(doc.to_json_string().starts_with(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow""#));
/// # Ok(())
/// # }
/// ```
pub fn allow_assume_role(role: &RoleArn) -> PolicyDocument {
    let s = IdentityStatement::allow()
        .action("sts:AssumeRole")
        .resource(role);
    let mut d = DocumentParts::new("IdentityPolicy", CheckOptions::identity());
    d.single = true;
    d.add(s.parts);
    d.into_document()
}

fn trust_one(s: TrustStatement) -> PolicyDocument {
    let mut d = DocumentParts::new("TrustPolicy", CheckOptions::trust());
    d.add(s.parts);
    d.into_document()
}

/// The trust policy that lets `role` assume the role it is attached to, in
/// the shape of the guide's `destination-trust-policy.json`.
///
/// ```
/// use iam_ecs::RoleArn;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let role: RoleArn = "arn:aws:iam::111122223333:role/my-ECS-task-role".parse()?;
/// let doc = iam_ecs::policy::trust_principal_role(&role);
/// assert_eq!(
///     doc.to_json_string(),
///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/my-ECS-task-role"},"Action":"sts:AssumeRole"}]}"#,
/// );
/// # Ok(())
/// # }
/// ```
pub fn trust_principal_role(role: &RoleArn) -> PolicyDocument {
    trust_one(
        TrustStatement::allow()
            .principal_aws(role)
            .action("sts:AssumeRole"),
    )
}

/// The trust policy that lets `account` (its root ARN,
/// `arn:PARTITION:iam::ACCOUNT:root`, so every principal the account
/// allows) assume the role.
///
/// ```
/// use iam_ecs::{AccountId, Partition};
///
/// let doc = iam_ecs::policy::trust_principal_account(Partition::Aws, &AccountId::from_static("444455556666"));
/// assert!(doc.to_json_string().contains(r#""AWS":"arn:aws:iam::444455556666:root""#));
/// ```
pub fn trust_principal_account(partition: Partition, account: &AccountId) -> PolicyDocument {
    let root = AccountRootArn::new(partition, account.clone());
    trust_one(
        TrustStatement::allow()
            .principal_aws(&root)
            .action("sts:AssumeRole"),
    )
}

/// The trust policy that lets a service assume the role.
///
/// ```
/// use iam_ecs::ServicePrincipal;
///
/// let doc = iam_ecs::policy::trust_principal_service(&ServicePrincipal::ECS_TASKS);
/// assert!(doc.to_json_string().contains(r#""Service":"ecs-tasks.amazonaws.com""#));
/// ```
pub fn trust_principal_service(service: &ServicePrincipal) -> PolicyDocument {
    trust_one(
        TrustStatement::allow()
            .principal_service(service)
            .action("sts:AssumeRole"),
    )
}

/// The ECS task role trust policy as the ECS Developer Guide gives it
/// (`task-iam-roles`): `ecs-tasks.amazonaws.com` may assume the role, only
/// for tasks of `account`, scoped with `aws:SourceArn` (`ArnLike`, every
/// cluster in `region`, or in every region when `None`) and
/// `aws:SourceAccount` (`StringEquals`) against the confused deputy
/// problem.
///
/// ```
/// use iam_ecs::{AccountId, Partition, Region};
///
/// let doc = iam_ecs::policy::ecs_task_role_trust(
///     Partition::Aws,
///     &AccountId::from_static("111122223333"),
///     Some(&Region::from_static("us-west-2")),
/// );
/// assert_eq!(
///     doc.to_json_string(),
///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:us-west-2:111122223333:*"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#,
/// );
/// ```
pub fn ecs_task_role_trust(
    partition: Partition,
    account: &AccountId,
    region: Option<&Region>,
) -> PolicyDocument {
    let region = region.map_or("*", Region::as_str);
    let source_arn = format!("arn:{}:ecs:{region}:{account}:*", partition.as_str());
    trust_one(
        TrustStatement::allow()
            .principal_service(ServicePrincipal::ecs_tasks(partition))
            .principal_array()
            .action("sts:AssumeRole")
            .condition("ArnLike", "aws:SourceArn", source_arn)
            .condition("StringEquals", "aws:SourceAccount", account.as_str()),
    )
}
