//! The registry of finding codes: every check the library (and the
//! command) can report, with its kebab-case name, default severity, the
//! documents it applies to, a one-line summary and its AWS source.
//!
//! `docs/checks.md` is generated from this table (`BLESS=1 cargo test
//! --test test_docs`), and a test fails when the file is stale. No other
//! file spells a code as a string.

use std::fmt;
use std::str::FromStr;

use crate::finding::Severity;

/// What a check looks at: one kind of document, or the file itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Scope {
    /// An IAM identity-based policy.
    IdentityPolicy,
    /// An IAM role trust policy.
    TrustPolicy,
    /// Another resource-based policy (bucket, queue, key policy, ...).
    ResourcePolicy,
    /// An AWS Organizations service control policy (SCP).
    ServiceControlPolicy,
    /// An AWS Organizations resource control policy (RCP).
    ResourceControlPolicy,
    /// An ECS task definition (register input or describe output).
    TaskDefinition,
    /// The guide's cross-account setup as a whole
    /// ([`CrossAccountSetup`](crate::cross_account::CrossAccountSetup)).
    CrossAccountSetup,
    /// A file given to the command, before it is read as a document.
    File,
}

impl Scope {
    /// How `docs/checks.md` names it: `identity`, `trust`, `resource`,
    /// `scp`, `rcp`, `task definition`, `cross-account setup`, `file`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Scope::IdentityPolicy => "identity",
            Scope::TrustPolicy => "trust",
            Scope::ResourcePolicy => "resource",
            Scope::ServiceControlPolicy => "scp",
            Scope::ResourceControlPolicy => "rcp",
            Scope::TaskDefinition => "task definition",
            Scope::CrossAccountSetup => "cross-account setup",
            Scope::File => "file",
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($(
        $variant:ident = $name:literal, $severity:ident, [$($scope:ident),+],
        $summary:literal,
        $source:literal;
    )+) => {
        /// A finding code: what a [`Finding`](crate::Finding) is about.
        ///
        /// Serialized and displayed as its kebab-case name
        /// ([`Code::as_str`]), read back with [`FromStr`]. Where IAM Access
        /// Analyzer has the same check, the name is its issue code in kebab
        /// case. Each variant's documentation is its one-line summary; the
        /// full table with sources is `docs/checks.md`.
        ///
        /// ```
        /// use iam_ecs::{Code, Scope, Severity};
        ///
        /// let code: Code = "invalid-arn-account".parse().unwrap();
        /// assert_eq!(code, Code::InvalidArnAccount);
        /// assert_eq!(code.as_str(), "invalid-arn-account");
        /// assert_eq!(code.severity(), Severity::Error);
        /// assert!(code.applies_to().contains(&Scope::TrustPolicy));
        /// assert!("no-such-code".parse::<Code>().is_err());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = $summary]
                $variant,
            )+
        }

        impl Code {
            /// Every code, in the order of `docs/checks.md`.
            pub const ALL: &'static [Code] = &[$(Code::$variant),+];

            /// The kebab-case name, for example `invalid-arn-account`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)+
                }
            }

            /// The severity findings with this code have unless a check
            /// says otherwise in its documentation.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$variant => Severity::$severity,)+
                }
            }

            /// The documents this check applies to.
            pub const fn applies_to(self) -> &'static [Scope] {
                match self {
                    $(Code::$variant => &[$(Scope::$scope),+],)+
                }
            }

            /// What the check finds, in one line (Markdown).
            pub const fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)+
                }
            }

            /// The AWS source the check rests on (Markdown; "RULES" is
            /// `RULES.md` of the project's shared material, "AA" an IAM
            /// Access Analyzer policy check).
            pub const fn source(self) -> &'static str {
                match self {
                    $(Code::$variant => $source,)+
                }
            }
        }

        impl FromStr for Code {
            type Err = UnknownCode;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(Code::$variant),)+
                    _ => Err(UnknownCode(s.to_owned())),
                }
            }
        }
    };
}

codes! {
    InvalidCharacter = "invalid-character", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a string (or key) has a character outside U+0009, U+000A, U+000D, U+0020-U+00FF",
        "RULES 2 (IAM-UG `reference_iam-quotas`; botocore `policyDocumentType`)";
    PolicySizeExceedsIdentityPolicyQuota = "policy-size-exceeds-identity-policy-quota", Error, [IdentityPolicy],
        "identity policy larger than the quota (default 6,144, `CheckOptions::size_quota`)",
        "RULES 3; AA *Policy size exceeds identity policy quota*; IAM `LimitExceeded: Cannot exceed quota for PolicySize`";
    PolicySizeExceedsRoleTrustPolicyQuota = "policy-size-exceeds-role-trust-policy-quota", Error, [TrustPolicy],
        "trust policy larger than the quota (default 2,048)",
        "RULES 3, 4; AA *Policy size exceeds role trust policy quota*; IAM `Cannot exceed quota for ACLSizePerRole`";
    PolicySizeExceedsResourcePolicyQuota = "policy-size-exceeds-resource-policy-quota", Error, [ResourcePolicy],
        "resource policy larger than a quota the caller set (none by default)",
        "AA *Policy size exceeds resource policy quota*";
    PolicySizeExceedsScpQuota = "policy-size-exceeds-scp-quota", Error, [ServiceControlPolicy],
        "service control policy larger than the quota (default 5,120; counted without whitespace, see the counting rule)",
        "AA *Policy size exceeds SCP quota*; Organizations User Guide `orgs_reference_limits` (\"Service control policies: 5120 characters\")";
    PolicySizeExceedsRcpQuota = "policy-size-exceeds-rcp-quota", Error, [ResourceControlPolicy],
        "resource control policy larger than the quota (default 5,120, unverified; counted without whitespace)",
        "AA *Policy size exceeds RCP quota*; Organizations User Guide `orgs_reference_limits` (5,120 assumed as for SCPs)";
    InvalidVersion = "invalid-version", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`Version` is not `2012-10-17` or `2008-10-17`",
        "RULES 2.1; AA *Invalid version*";
    MissingStatement = "missing-statement", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "no `Statement`, or an empty array",
        "RULES 2.3; AA *Missing statement*";
    DuplicateKey = "duplicate-key", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy, TaskDefinition],
        "a key twice in one object (document, statement, principal, condition operator or key; in task definitions also the string maps `dockerLabels`, `options`, `driverOpts`, `labels`); kept, only the first copy is read",
        "RULES 2 (\"must not contain multiple instances of the same key\"); RFC 8259";
    DataTypeMismatch = "data-type-mismatch", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an element of the wrong JSON type (`\"Statement\": \"x\"`, `\"Action\": 1`, a condition value that is an object)",
        "AA *Data type mismatch*";
    InvalidPolicyElement = "invalid-policy-element", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an unknown element, including a known one in the wrong case (`\"effect\"`)",
        "RULES 2 (keys are case-sensitive literals); AA *Invalid policy element*";
    MissingEffect = "missing-effect", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "statement without `Effect`",
        "RULES 2.4; AA *Missing effect*";
    InvalidEffect = "invalid-effect", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`Effect` other than `Allow` / `Deny` (case-sensitive)",
        "RULES 2.4; AA *Invalid effect*";
    MissingAction = "missing-action", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "neither `Action` nor `NotAction`",
        "RULES 2.6; AA *Missing action*";
    UnsupportedElementCombination = "unsupported-element-combination", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`Action`+`NotAction`, `Resource`+`NotResource` or `Principal`+`NotPrincipal` in one statement",
        "RULES 2.6; AA *Unsupported element combination*";
    EmptyArrayAction = "empty-array-action", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`\"Action\": []`",
        "RULES 2.6; AA *Empty array action* (AA grades it a suggestion; IAM rejects a statement without actions)";
    InvalidAction = "invalid-action", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an action that is not `*` or `prefix:Name` (letters, digits, hyphens in the prefix, letters and digits in the name, `*`/`?` anywhere); existence is not checked",
        "RULES 2.6";
    VariableUnsupportedInElement = "variable-unsupported-in-element", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`${...}` in `Action`/`NotAction` or a principal",
        "RULES 2.9; AA *Variable unsupported in element*";
    MissingResource = "missing-resource", Error, [IdentityPolicy],
        "identity statement without `Resource`/`NotResource`",
        "RULES 2.7; AA *Missing resource*; IAM \"Policy statement must contain resources\"";
    EmptyArrayResource = "empty-array-resource", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`\"Resource\": []`",
        "RULES 2.7; AA *Empty array resource* (suggestion in AA)";
    InvalidArnPrefix = "invalid-arn-prefix", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource that is neither `*` nor starts with `arn:`",
        "RULES 2.7 (IAM: \"Resource x must be in ARN format or \\\"*\\\"\"); AA *Invalid ARN prefix*";
    MissingArnField = "missing-arn-field", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "fewer than six ARN fields",
        "AA *Missing ARN field*";
    InvalidPartition = "invalid-partition", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "unknown partition",
        "AA *Invalid partition*; RULES 1";
    InvalidArnService = "invalid-arn-service", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "service field not lowercase letters, digits, hyphens",
        "AA *Invalid ARN service case*";
    InvalidArnRegion = "invalid-arn-region", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a region in an IAM/STS ARN, or a region of no (or another) partition",
        "AA *Invalid ARN Region*; RULES 1";
    InvalidArnAccount = "invalid-arn-account", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "account field not 12 digits, `aws`, empty or a wildcard pattern (the guide's 16-digit accounts)",
        "AA *Invalid ARN account*; RULES 1";
    InvalidArnResource = "invalid-arn-resource", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "other ARN problems (control characters, ...)",
        "AA *Invalid ARN resource*";
    MissingBraceInVariable = "missing-brace-in-variable", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`${` without `}`",
        "RULES 2.9; AA *Missing brace in variable*";
    EmptyVariable = "empty-variable", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`${}`",
        "RULES 2.9; AA *Empty variable*";
    UnsupportedSpaceInVariable = "unsupported-space-in-variable", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a space in a variable name",
        "RULES 2.9; AA *Unsupported space in variable*";
    MissingQuoteInVariable = "missing-quote-in-variable", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a default value not in single quotes",
        "RULES 2.9; AA *Missing quote in variable*";
    VariableUnsupportedInVersion = "variable-unsupported-in-version", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a variable with `\"Version\": \"2008-10-17\"`",
        "RULES 2.9; AA *Variable unsupported in version*";
    UnsupportedSid = "unsupported-sid", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`Sid` with characters other than A-Z, a-z, 0-9 (identity and trust policies; other services' resource policies allow more)",
        "RULES 2.3; AA *Unsupported Sid*";
    UniqueSidsRequired = "unique-sids-required", Error, [IdentityPolicy, TrustPolicy],
        "two statements with one `Sid` in an IAM policy (identity or role trust)",
        "RULES 2.3; IAM-UG `reference_policies_elements_sid` (\"In IAM, the Sid value must be unique within a JSON policy\"); AA *Unique Sids required* (\"for some policy types\")";
    UnsupportedPrincipal = "unsupported-principal", Error, [IdentityPolicy],
        "`Principal`/`NotPrincipal` in an identity policy",
        "RULES 2.5; AA *Unsupported principal*; IAM \"Policy document should not specify a principal\"";
    MissingPrincipal = "missing-principal", Error, [TrustPolicy, ResourcePolicy, ResourceControlPolicy],
        "trust or resource statement without `Principal`",
        "RULES 4; AA *Missing principal*; IAM \"statement with no principals\"";
    RoleTrustPolicySyntaxErrorNotprincipal = "role-trust-policy-syntax-error-notprincipal", Error, [TrustPolicy],
        "`NotPrincipal` in a trust policy",
        "RULES 2.5, 4; AA same title";
    RoleTrustPolicyUnsupportedWildcardInPrincipal = "role-trust-policy-unsupported-wildcard-in-principal", Error, [TrustPolicy],
        "`\"Principal\": \"*\"` in a trust policy",
        "RULES 4; AA same title";
    RoleTrustPolicySyntaxErrorResource = "role-trust-policy-syntax-error-resource", Error, [TrustPolicy],
        "`Resource`/`NotResource` in a trust policy",
        "RULES 4; AA same title; IAM \"Has prohibited field Resource\"";
    UnsupportedActionInPolicy = "unsupported-action-in-policy", Error, [TrustPolicy],
        "a trust-policy action matching none of the six STS role actions",
        "RULES 4; AA *Unsupported action in policy*";
    InvalidPrincipalFormat = "invalid-principal-format", Error, [TrustPolicy, ResourcePolicy],
        "`Principal` that is neither `\"*\"` nor an object, or a principal value that is not a string / array of strings",
        "RULES 2.5; AA *Invalid principal format*";
    InvalidPrincipalKey = "invalid-principal-key", Error, [TrustPolicy, ResourcePolicy],
        "a principal key other than `AWS`, `Federated`, `Service`, `CanonicalUser` (case-sensitive: `\"service\"`)",
        "RULES 2.5; AA *Invalid principal key*";
    EmptyObjectPrincipal = "empty-object-principal", Error, [TrustPolicy, ResourcePolicy],
        "`\"Principal\": {}` or `{\"AWS\": []}`",
        "AA *Empty object/array principal*; IAM \"statement with no principals\"";
    EmptyArrayPrincipal = "empty-array-principal", Error, [TrustPolicy, ResourcePolicy],
        "`\"Principal\": {}` or `{\"AWS\": []}`",
        "AA *Empty object/array principal*; IAM \"statement with no principals\"";
    UnsupportedWildcardInPrincipal = "unsupported-wildcard-in-principal", Error, [TrustPolicy, ResourcePolicy],
        "`*`/`?` inside an AWS or Service principal other than `\"*\"`",
        "RULES 2.5; AA same title";
    InvalidPrincipal = "invalid-principal", Error, [TrustPolicy, ResourcePolicy],
        "an AWS principal that is not `*`, a 12-digit account, an IAM `root`/`role/`/`user/`/`federated-user/` ARN or an STS `assumed-role/` ARN (partition, empty region, 12-digit account, role name 1-64 characters, via `RoleArn`/`AccountRootArn`/`AssumedRoleArn`); a canonical user that is not 64 hex digits",
        "RULES 1, 4; IAM \"Invalid principal in policy\"";
    InvalidServicePrincipalFormat = "invalid-service-principal-format", Error, [TrustPolicy, ResourcePolicy],
        "a service principal not shaped `name.amazonaws.com` (or another partition's suffix)",
        "RULES 1; AA same title";
    UnsupportedServicePrincipal = "unsupported-service-principal", Error, [TrustPolicy],
        "a well-formed service principal IAM is known to refuse in a trust policy (`tagging.amazonaws.com`)",
        "`bad-inputs.jsonl` (observed \"Invalid principal in policy\")";
    InvalidFederatedPrincipalSyntaxInRoleTrustPolicy = "invalid-federated-principal-syntax-in-role-trust-policy", Error, [TrustPolicy],
        "a `Federated` value that is not a SAML/OIDC provider ARN (`saml-provider/`, `oidc-provider/`, 12-digit account) or a provider domain",
        "AA same title (code `invalid-principal` outside trust policies)";
    MismatchedActionForPrincipal = "mismatched-action-for-principal", Error, [TrustPolicy],
        "`sts:AssumeRoleWithSAML` without (only) SAML principals, `sts:AssumeRoleWithWebIdentity` without (only) OIDC principals",
        "RULES 4; AA same title";
    MissingActionForRolesAnywhereTrustPolicy = "missing-action-for-roles-anywhere-trust-policy", Error, [TrustPolicy],
        "`rolesanywhere.amazonaws.com` without `sts:AssumeRole`, `sts:SetSourceIdentity` and `sts:TagSession`",
        "RULES 4; AA same title";
    ScpSyntaxErrorPrincipal = "scp-syntax-error-principal", Error, [ServiceControlPolicy],
        "`Principal` or `NotPrincipal` in a service control policy",
        "AA *SCP syntax error principal*; Organizations User Guide `orgs_manage_policies_scps_syntax`";
    RcpSyntaxErrorPrincipal = "rcp-syntax-error-principal", Error, [ResourceControlPolicy],
        "a `Principal` other than `\"*\"`, or `NotPrincipal`, in a resource control policy",
        "AA *RCP syntax error principal*; Organizations User Guide `orgs_manage_policies_rcps_syntax`";
    RcpSyntaxErrorAllow = "rcp-syntax-error-allow", Error, [ResourceControlPolicy],
        "an `Allow` statement of a resource control policy with a `Resource` other than `\"*\"`, a `NotResource` or a `Condition`",
        "AA *RCP syntax error allow* (`Allow` is for `RCPFullAWSAccess` only); Organizations User Guide `orgs_manage_policies_rcps_syntax`";
    RcpSyntaxErrorNotaction = "rcp-syntax-error-notaction", Error, [ResourceControlPolicy],
        "`NotAction` in a resource control policy",
        "AA *RCP syntax error NotAction*; Organizations User Guide `orgs_manage_policies_rcps_syntax`";
    InvalidConditionOperator = "invalid-condition-operator", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an operator not in the table of RULES 2.8 (with optional `ForAllValues:`/`ForAnyValue:` and `IfExists`; case-sensitive)",
        "RULES 2.8; AA same title";
    NullWithIfExists = "null-with-if-exists", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`NullIfExists`",
        "RULES 2.8; AA same title";
    InvalidConditionKeyFormat = "invalid-condition-key-format", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition key not shaped `service:keyname`",
        "RULES 2.8; AA same title";
    DuplicateKeysWithDifferentCase = "duplicate-keys-with-different-case", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "two condition keys in one block that differ only in case",
        "RULES 2.8; AA same title";
    InvalidConditionDataType = "invalid-condition-data-type", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "values of different JSON types under one key",
        "RULES 2.8; AA same title";
    InvalidVariableForOperator = "invalid-variable-for-operator", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a variable under an operator other than String or ARN",
        "RULES 2.9; AA same title";
    TrustAnyPrincipalWithoutCondition = "trust-any-principal-without-condition", SecurityWarning, [TrustPolicy],
        "trust policy allowing `{\"AWS\": \"*\"}` with no `Condition`",
        "RULES 4 (aws-cdk #5746: `{\"AWS\":\"*\"}` with conditions is the usable spelling)";
    RestrictAccessToServicePrincipal = "restrict-access-to-service-principal", SecurityWarning, [TrustPolicy],
        "`ecs-tasks.amazonaws.com` trusted without `aws:SourceAccount`/`aws:SourceArn`",
        "RULES 4 (ECS-DG `task-iam-roles`, confused deputy); AA same title";
    PassRoleWithStarInResource = "pass-role-with-star-in-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:PassRole` (named, not through a wildcard) on `\"*\"`, without an `iam:PassedToService` or `iam:AssociatedResourceArn` condition",
        "AA *Pass role with star in resource*";
    PassRoleWithStarInActionAndResource = "pass-role-with-star-in-action-and-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:PassRole` through a wildcard action (`*`, `iam:*`, `iam:Pass*`) on `\"*\"`, without an `iam:PassedToService` or `iam:AssociatedResourceArn` condition",
        "AA same title";
    CreateSlrWithStarInResource = "create-slr-with-star-in-resource", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:CreateServiceLinkedRole` (named) on `\"*\"`, without an `iam:AWSServiceName` condition",
        "AA same title";
    CreateSlrWithStarInActionAndResource = "create-slr-with-star-in-action-and-resource", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:CreateServiceLinkedRole` through a wildcard action (`*`, `iam:*`, `iam:Create*`) on `\"*\"`, without an `iam:AWSServiceName` condition",
        "AA same title";
    AssumeRoleWithStarInResource = "assume-role-with-star-in-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "Allow of an action matching `sts:AssumeRole` on `\"*\"` (not in trust policies)",
        "issue 3; same reasoning as the PassRole check";
    AllowWithNotPrincipal = "allow-with-not-principal", SecurityWarning, [ResourcePolicy],
        "`Allow` with `NotPrincipal` (resource policies)",
        "RULES 2.5; AA same title";
    UnsupportedId = "unsupported-id", Warning, [IdentityPolicy],
        "`Id` in an identity policy (the grammar forbids it; no AWS check or observed rejection, so not an error)",
        "RULES 2, 2.2 (grammar: \"must not be included in identity-based policies\"); `bad-inputs.jsonl` (\"Exact IAM API response not verified\"); no AA check";
    UniqueSidsRecommended = "unique-sids-recommended", Warning, [ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "two statements with one `Sid` in a resource-based policy (some services require unique Sids, IAM's rule is for its own policies)",
        "AA *Unique Sids recommended*; IAM-UG `reference_policies_elements_sid` (SQS, SNS \"might ... have uniqueness requirements\")";
    TypeMismatchDate = "type-mismatch-date", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Date...` operator with a value that is neither an ISO 8601 date/time (`2020-01-01`, `2020-01-01T12:00:00Z`) nor epoch seconds (`\"bad\"`, `true`)",
        "IAM-UG `reference_policies_elements_condition_operators` (\"W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time\"); AA *Type mismatch date*";
    InvalidDateValue = "invalid-date-value", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Date...` operator with epoch seconds (`\"1700000000\"`, `1700000000`): accepted, but AA warns it may not resolve as expected and recommends `YYYY-MM-DD`",
        "AA *Invalid date value*; IAM-UG `reference_policies_elements_condition_operators` (epoch accepted)";
    MissingVersion = "missing-version", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "no `Version`",
        "RULES 2.1; AA *Missing version*";
    ExampleAccountId = "example-account-id", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "account `111122223333` or `123456789012` (AWS documentation examples) in a principal or resource",
        "IAM-UG examples; guide";
    InvalidRoleReference = "invalid-role-reference", Warning, [TrustPolicy, ResourcePolicy],
        "an `AROA...`/`AIDA...` unique ID as AWS principal (what IAM shows after the role/user was deleted)",
        "RULES 4; AA same titles";
    InvalidUserReference = "invalid-user-reference", Warning, [TrustPolicy, ResourcePolicy],
        "an `AROA...`/`AIDA...` unique ID as AWS principal (what IAM shows after the role/user was deleted)",
        "RULES 4; AA same titles";
    AccountIdRewrittenToRoot = "account-id-rewritten-to-root", Suggestion, [TrustPolicy, ResourcePolicy],
        "a bare 12-digit account as AWS principal, which IAM stores as `arn:aws:iam::ID:root` (drift in Terraform and others)",
        "IAM-UG `reference_policies_elements_principal`; PRIOR-ART (Terraform drift)";
    RedundantAction = "redundant-action", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an action of an `Action`/`NotAction` that another in the same list already covers: the same action again (actions ignore case) or one a wildcard matches (`ecs:DescribeClusters` beside `ecs:Describe*`); reported at the covered action, a later copy of an equal one",
        "RULES 2.6 (\"case insensitive\"); AA *Redundant action* (suggestion; its locations are every action of the group, it names a covered one)";
    StringLikeOperatorWithArnConditionKeys = "string-like-operator-with-arn-condition-keys", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an ARN-typed condition key under `StringLike`/`StringNotLike` (with `IfExists` or a set prefix): use `ArnLike`/`ArnNotLike`; global keys (`aws:PrincipalArn`, `aws:SourceArn`, ...) and the 178 service keys the Service Authorization Reference types ARN (`iam:AssociatedResourceArn`, `lambda:FunctionArn`), with the catalogue every service key it types ARN",
        "AA *String like operator with ARN condition keys*; global condition-key table and the table of service keys typed ARN (`scripts/gen-global-keys.py`, current pages of 2026-06-14)";
    ForallvaluesWithSingleValuedKey = "forallvalues-with-single-valued-key", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`ForAllValues:` with a single-valued global condition key (true when the key is absent)",
        "AA *ForAllValues with single valued key*; IAM-UG `reference_policies_condition-single-vs-multi-valued-context-keys`; global condition-key table";
    UntrustworthyConditionKey = "untrustworthy-condition-key", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition on `aws:referer` or `aws:UserAgent`, which the caller sets",
        "AA *Untrustworthy condition key* (lists no keys); IAM-UG `reference_policies_condition-keys` (both keys: the caller can spoof them)";
    InvalidGlobalConditionKey = "invalid-global-condition-key", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `aws:` condition key not in the global condition-key table (a warning naming the table's date, since newer keys are missing from it; AA grades it an error)",
        "AA *Invalid global condition key* (error); global condition-key table (`scripts/gen-global-keys.py`)";
    MissingQualifier = "missing-qualifier", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a multivalued global condition key (`aws:TagKeys`, `aws:CalledVia`, ...) under an operator without `ForAllValues:`/`ForAnyValue:` (`Null` excepted); IAM accepts it, so a warning where AA says error",
        "AA *Missing qualifier* (error); IAM-UG `reference_policies_condition-single-vs-multi-valued-context-keys`; global condition-key table";
    RedundantResource = "redundant-resource", Suggestion, [IdentityPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource of a `Resource`/`NotResource` that another in the same list already covers: the same ARN again, one a wildcard ARN matches field by field (`arn:aws:s3:::b/*` beside `arn:aws:s3:::b*`; `*` spans `/` and `:` only in the resource field; case-sensitive), or any beside `\"*\"`; reported at the covered resource, a later copy of an equal one",
        "IAM-UG `reference_policies_elements_resource` (wildcards within ARN segments); AA *Redundant resource* (suggestion; its locations are every resource of the group, it names one to remove)";
    EmptySidValue = "empty-sid-value", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`\"Sid\": \"\"`",
        "RULES 2.3; AA same title";
    NullWithQualifier = "null-with-qualifier", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`ForAllValues:Null` / `ForAnyValue:Null`",
        "AA same title";
    EmptyObjectCondition = "empty-object-condition", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`\"Condition\": {}` or an empty operator block",
        "AA same title";
    EmptyArrayCondition = "empty-array-condition", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition key with `[]`",
        "AA same title";
    // Issue 11, second part: logic-only Access Analyzer checks.
    EmptyArrayConditionForallvalues = "empty-array-condition-forallvalues", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`[]` for a key under `ForAllValues:`: true only when the key is absent (use `Null`)",
        "AA *Empty array condition ForAllValues*";
    EmptyArrayConditionForanyvalue = "empty-array-condition-foranyvalue", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`[]` for a key under `ForAnyValue:`: never true, the statement does nothing",
        "AA *Empty array condition ForAnyValue*";
    EmptyArrayConditionIfexists = "empty-array-condition-ifexists", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`[]` for a key under an `...IfExists` operator: true only when the key is absent (use `Null`)",
        "AA *Empty array condition IfExists*";
    InvalidConditionMultipleBoolean = "invalid-condition-multiple-boolean", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`Bool` with more than one value for a key",
        "AA *Invalid condition multiple Boolean*; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    TypeMismatchBoolean = "type-mismatch-boolean", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Bool` value that is not `true` or `false`",
        "AA *Type mismatch Boolean*; IAM-UG `reference_policies_elements_condition_operators` (Boolean)";
    TypeMismatchNumber = "type-mismatch-number", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Numeric...` value that is not a decimal number",
        "AA *Type mismatch number*";
    TypeMismatchString = "type-mismatch-string", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `BinaryEquals` value that is not base-64",
        "AA *Type mismatch string*; IAM-UG (BinaryEquals: \"base-64 encoded\")";
    TypeMismatchIpRange = "type-mismatch-ip-range", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `IpAddress`/`NotIpAddress` value that is not an IPv4 or IPv6 address or CIDR range",
        "AA *Type mismatch IP range*; IAM-UG (IP address operators, RFC 4632); AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    ImproveIpRange = "improve-ip-range", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a CIDR range with bits set after the prefix (`203.0.113.5/24`): IAM ignores them",
        "AA *Improve IP range*";
    PrivateIpAddress = "private-ip-address", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`IpAddress` on `aws:SourceIp` with only private ranges (RFC 1918, RFC 4193): never matches",
        "AA *Private IP address*; IAM-UG `aws:SourceIp` (public addresses only); AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    PrivateNotIpAddress = "private-not-ip-address", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`NotIpAddress` on `aws:SourceIp` with only private ranges: always matches",
        "AA *Private NotIpAddress*; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    PrivateIpAddressSubset = "private-ip-address-subset", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`IpAddress` on `aws:SourceIp` mixing private and public ranges",
        "AA *Private IP address subset*";
    PrivateNotIpAddressSubset = "private-not-ip-address-subset", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`NotIpAddress` on `aws:SourceIp` mixing private and public ranges",
        "AA *Private NotIpAddress subset*";
    InvalidVpcFormat = "invalid-vpc-format", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `aws:SourceVpc` value that is not `vpc-` and 8 or 17 letters and digits (patterns and variables aside)",
        "AA *Invalid vpc format*; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    InvalidVpceFormat = "invalid-vpce-format", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `aws:SourceVpce` value that is not `vpce-` and 8 or 17 letters and digits (patterns and variables aside)",
        "AA *Invalid vpce format*; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    WildcardWithoutLikeOperator = "wildcard-without-like-operator", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `*` or `?` in a value of a String operator other than `StringLike`/`StringNotLike` (compared as a character)",
        "AA *Wildcard without like operator*; IAM-UG (string operators)";
    RedundantConditionValueNum = "redundant-condition-value-num", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "several values under `NumericLessThan(Equals)`/`NumericGreaterThan(Equals)`: only the loosest bound counts",
        "AA *Redundant condition value num*";
    MissingTagKeyInCondition = "missing-tag-key-in-condition", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`aws:RequestTag`, `aws:ResourceTag` or `aws:PrincipalTag` (or a service's) without `/tag-key`",
        "AA *Missing tag key in condition*; IAM-UG `access_tags`; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    WildcardInServiceName = "wildcard-in-service-name", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `*` or `?` inside the service prefix of an action (`*code*:Get*`) or the service of a resource ARN (`arn:aws:*code*:...`), `*` alone aside",
        "AA *Wildcard in service name*";
    S3PrefixInNegativeContext = "s3-prefix-in-negative-context", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`s3:prefix` in a `Deny` statement under a positive String operator, or in an `Allow` under a negated one: a shorter prefix escapes it",
        "AA *S3 prefix in negative context*";
    DynamodbAttributesWithoutSelect = "dynamodb-attributes-without-select", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`dynamodb:Attributes` in a statement with no `dynamodb:Select` condition",
        "AA *DynamoDB attributes without select*";
    PassRoleWithNotResource = "pass-role-with-not-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:PassRole` (named) with `NotResource`",
        "AA *Pass role with NotResource*";
    PassRoleWithStarInActionAndNotResource = "pass-role-with-star-in-action-and-not-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:PassRole` through a wildcard action with `NotResource`",
        "AA same title";
    PassRoleWithNotActionAndNotResource = "pass-role-with-not-action-and-not-resource", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` with `NotAction` that does not exclude `iam:PassRole`, and `NotResource`",
        "AA same title";
    PassRoleWithStarInResourceAndNotAction = "pass-role-with-star-in-resource-and-not-action", SecurityWarning, [IdentityPolicy, ResourcePolicy],
        "`Allow` with `NotAction` that does not exclude `iam:PassRole`, on `\"*\"`, without an `iam:PassedToService` condition",
        "AA same title";
    CreateSlrWithNotResource = "create-slr-with-not-resource", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:CreateServiceLinkedRole` (named) with `NotResource`",
        "AA *Create SLR with NotResource*";
    CreateSlrWithStarInActionAndNotResource = "create-slr-with-star-in-action-and-not-resource", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` of `iam:CreateServiceLinkedRole` through a wildcard action with `NotResource`",
        "AA same title";
    CreateSlrWithNotActionAndNotResource = "create-slr-with-not-action-and-not-resource", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` with `NotAction` that does not exclude `iam:CreateServiceLinkedRole`, and `NotResource`",
        "AA same title";
    CreateSlrWithStarInResourceAndNotAction = "create-slr-with-star-in-resource-and-not-action", Warning, [IdentityPolicy, ResourcePolicy],
        "`Allow` with `NotAction` that does not exclude `iam:CreateServiceLinkedRole`, on `\"*\"`, without an `iam:AWSServiceName` condition",
        "AA same title";
    FederatedPrincipalNotSupported = "federated-principal-not-supported", Warning, [ResourcePolicy],
        "a `Federated` principal in a resource-based policy other than a role trust policy",
        "AA *Federated principal not supported*; IAM-UG `reference_policies_elements_principal`; AA grades it an error, IAM accepts the policy (no recorded rejection): a warning";
    MissingConditionKeyForOidcPrincipal = "missing-condition-key-for-oidc-principal", SecurityWarning, [TrustPolicy],
        "an OIDC `Federated` principal allowed `sts:AssumeRoleWithWebIdentity` with no condition on a key of that provider",
        "AA *Missing condition key for oidc principal*";
    MissingGithubRepoConditionKey = "missing-github-repo-condition-key", SecurityWarning, [TrustPolicy],
        "the GitHub OIDC provider trusted without a `token.actions.githubusercontent.com:sub` condition",
        "AA *Missing github repo condition key*; GitHub docs (configuring OpenID Connect in AWS)";
    SpecificGithubRepoAndBranchRecommended = "specific-github-repo-and-branch-recommended", Warning, [TrustPolicy],
        "a `token.actions.githubusercontent.com:sub` value with a `*` (`repo:org/*`)",
        "AA *Specific github repo and branch recommended*";
    ForanyvalueWithAudienceClaimType = "foranyvalue-with-audience-claim-type", SecurityWarning, [TrustPolicy],
        "`ForAnyValue:` on an OIDC `aud` key (single-valued)",
        "AA *ForAnyValue with audience claim type*";
    ConfirmAudienceClaimType = "confirm-audience-claim-type", Suggestion, [TrustPolicy],
        "`ForAllValues:` on an OIDC `aud` key: a qualifier fits only a provider that sends several audiences",
        "AA *Confirm audience claim type*";
    RedundantPrincipalInRoleTrustPolicy = "redundant-principal-in-role-trust-policy", Suggestion, [TrustPolicy],
        "an assumed-role session principal listed with its own role",
        "AA *Redundant principal in role trust policy*";
    RecommendedConditionKeyForServicePrincipal = "recommended-condition-key-for-service-principal", Suggestion, [ResourcePolicy, TrustPolicy],
        "a statement for a service principal conditioned on `aws:Referer` and on none of `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceOrgID`, `aws:SourceOrgPaths`",
        "AA *Recommended condition key for service principal*; IAM-UG `confused-deputy`";
    UnknownField = "unknown-field", Error, [TaskDefinition],
        "a member the botocore model does not have, with the closest member it has (`requiresCompatibilites`: did you mean `requiresCompatibilities`?); kept and written back as is. An error in register input (the AWS CLI and SDKs reject it: `Unknown parameter in input`), a warning in describe output (AWS wrote it: a member newer than the model)",
        "RULES.md appendix A (complete member lists); AWS CLI / botocore parameter validation (`Unknown parameter in input`)";
    TypeMismatch = "type-mismatch", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy, TaskDefinition],
        "task definitions: a value of the wrong JSON type (`\"essential\":\"yes\"`, `\"ulimits\":null`, `portMappings` as an object), kept as written (error); policies: a global condition key under an operator of another type (`aws:ViaAWSService` under `StringEquals`), reported as a warning, AA's grade",
        "botocore shapes (RULES.md appendix A); AWS CLI parameter validation; AA *Type mismatch* (general warning); global condition-key table";
    UnknownValue = "unknown-value", Warning, [TaskDefinition],
        "a closed-vocabulary value the model does not list (`\"networkMode\":\"brige\"`); kept as written, since AWS adds values",
        "botocore enums (RULES.md appendix A)";
    MissingField = "missing-field", Error, [TaskDefinition],
        "a model-required member is missing (`family`, `containerDefinitions`, `secrets[].valueFrom`, `ulimits[].hardLimit`, `efsVolumeConfiguration.fileSystemId`, ...), or a container has no `name` / `image` (ECS: `Container.name should not be null or empty.`)",
        "RULES.md 5.1, 5.2, appendix A (`required`)";
    InvalidFamily = "invalid-family", Error, [TaskDefinition],
        "family not 1-255 letters, digits, `_`, `-` (`Family contains invalid characters.`)",
        "RULES.md 5.1 `family`";
    NoContainers = "no-containers", Error, [TaskDefinition],
        "`containerDefinitions` is empty (`Container list cannot be empty.`)",
        "RULES.md 5.1 `containerDefinitions`";
    TooManyContainers = "too-many-containers", Warning, [TaskDefinition],
        "more than 10 containers (quota; marked unverified in RULES.md)",
        "RULES.md 5.1 `containerDefinitions`";
    NoEssentialContainer = "no-essential-container", Error, [TaskDefinition],
        "no container is essential (`essential` is true when omitted)",
        "RULES.md 5.2 `essential`; botocore `ContainerDefinition.essential`";
    InvalidContainerName = "invalid-container-name", Error, [TaskDefinition],
        "container name not 1-255 letters, digits, `_`, `-` (`Container.name contains invalid characters.`)",
        "RULES.md 5.2 `name`";
    DuplicateContainerName = "duplicate-container-name", Error, [TaskDefinition],
        "two containers with one name (`Container names must be unique within a Task Definition.`)",
        "RULES.md 5.1 `containerDefinitions`";
    InvalidImage = "invalid-image", Error, [TaskDefinition],
        "image empty, with a character outside letters, digits, `-_:./#`, over 255 characters before `@`, or a digest that is not `sha256:` + 64 hex digits",
        "RULES.md 5.2 `image`; botocore `ContainerDefinition.image`";
    InvalidContainerCpu = "invalid-container-cpu", Error, [TaskDefinition],
        "container `cpu` negative",
        "botocore `ContainerDefinition.cpu`";
    ContainerMemoryTooLow = "container-memory-too-low", Error, [TaskDefinition],
        "container `memory` below 6 MiB",
        "RULES.md 5.2 `memory`";
    MemoryReservationAboveMemory = "memory-reservation-above-memory", Error, [TaskDefinition],
        "`memoryReservation` greater than `memory`",
        "RULES.md 5.2 `memory` (PR #242: greater than or equal)";
    ContainerMemoryRequired = "container-memory-required", Error, [TaskDefinition],
        "a container sets neither `memory` nor `memoryReservation` and the task has no `memory` (`At least one of 'memory' or 'memoryReservation' must be specified.`)",
        "RULES.md 5.2 `memoryReservation`";
    ContainerMemoryExceedsTask = "container-memory-exceeds-task", Error, [TaskDefinition],
        "one container's `memory` above the task `memory` (`The 'memory' setting for container is greater than for the task`); not for Windows",
        "RULES.md 5.2 `memory`";
    ContainerMemorySumAboveTask = "container-memory-sum-above-task", Error, [TaskDefinition],
        "sum over containers of `memoryReservation` (else `memory`) above task `memory`; not for Windows",
        "RULES.md 5.2 `memoryReservation`";
    ContainerCpuSumAboveTask = "container-cpu-sum-above-task", Error, [TaskDefinition],
        "sum of container `cpu` above task `cpu`; not for Windows",
        "RULES.md 5.2 `cpu`";
    InvalidTaskCpu = "invalid-task-cpu", Error, [TaskDefinition],
        "task `cpu` is not units (`\"1024\"`) or vCPUs (`\"1 vCPU\"`, `\".25 vcpu\"`)",
        "RULES.md 5.1 `cpu`";
    InvalidTaskMemory = "invalid-task-memory", Error, [TaskDefinition],
        "task `memory` is not MiB (`\"2048\"`) or GB (`\"2 GB\"`, `\"2gb\"`, `\".5 gb\"`)",
        "RULES.md 5.1 `memory`";
    TaskCpuRange = "task-cpu-range", Error, [TaskDefinition],
        "non-Fargate, non-Windows task `cpu` outside 128-196608 units",
        "RULES.md 5.1 `cpu` (botocore 2026 doc)";
    FargateCpuRequired = "fargate-cpu-required", Error, [TaskDefinition],
        "Fargate task without task-level `cpu` (`Fargate requires that 'cpu' be defined at the task level.`)",
        "RULES.md 5.1 `cpu`, 5.3";
    FargateMemoryRequired = "fargate-memory-required", Error, [TaskDefinition],
        "Fargate task without task-level `memory`",
        "RULES.md 5.1 `memory`, 5.3";
    FargateSize = "fargate-size", Error, [TaskDefinition],
        "Fargate `cpu`/`memory` not a pair of the table (Linux rows incl. 8 and 16 vCPU) (`Invalid 'cpu' setting for task.`, `No Fargate configuration exists for given values.`)",
        "RULES.md 5.3";
    FargateWindowsSize = "fargate-windows-size", Error, [TaskDefinition],
        "Windows on Fargate with less than 1 vCPU",
        "RULES.md 5.3";
    FargateNetworkMode = "fargate-network-mode", Error, [TaskDefinition],
        "Fargate with `networkMode` other than `awsvpc`, or none (`Fargate only supports network mode 'awsvpc'.`)",
        "RULES.md 5.1 `networkMode`";
    FargateIpcMode = "fargate-ipc-mode", Error, [TaskDefinition],
        "Fargate with `ipcMode` (`Tasks using the Fargate launch type do not support ipcMode.`)",
        "RULES.md 5.1 `ipcMode`";
    FargatePidMode = "fargate-pid-mode", Error, [TaskDefinition],
        "Fargate with `pidMode` `host` (only `task` on Fargate)",
        "botocore `RegisterTaskDefinitionRequest.pidMode`";
    FargatePlacementConstraints = "fargate-placement-constraints", Error, [TaskDefinition],
        "Fargate with placement constraints (`Fargate does not support task placement constraints.`, reported)",
        "RULES.md 5.1 `placementConstraints`";
    FargateHostVolume = "fargate-host-volume", Error, [TaskDefinition],
        "Fargate with `volumes[].host.sourcePath` (`host.sourcePath should not be set for volumes in Fargate.`, reported)",
        "RULES.md 5.1 `volumes`";
    FargateTimeout = "fargate-timeout", Error, [TaskDefinition],
        "Fargate `startTimeout`/`stopTimeout` outside 2-120 s",
        "RULES.md 5.2 `startTimeout`, 5.3";
    InvalidTimeout = "invalid-timeout", Error, [TaskDefinition],
        "negative `startTimeout`/`stopTimeout`",
        "botocore `ContainerDefinition.stopTimeout`";
    FargatePrivileged = "fargate-privileged", Error, [TaskDefinition],
        "`privileged: true` on Fargate",
        "botocore `ContainerDefinition.privileged`";
    FargateLogDriver = "fargate-log-driver", Error, [TaskDefinition],
        "log driver other than `awslogs`, `splunk`, `awsfirelens` on Fargate",
        "botocore `LogConfiguration.logDriver`";
    FargateExecutionRoleRequired = "fargate-execution-role-required", Error, [TaskDefinition],
        "Fargate with `awslogs` or an ECR image and no `executionRoleArn`",
        "RULES.md 5.1 `executionRoleArn` (pulumi-awsx PR #517)";
    HostPortMismatch = "host-port-mismatch", Error, [TaskDefinition],
        "`awsvpc`/`host`: `hostPort` set and different from `containerPort` (`When networkMode=awsvpc, the host ports and container ports in port mappings must match.`)",
        "RULES.md 5.1 `networkMode`, 5.2 `portMappings`";
    NetworkModePortMappings = "network-mode-port-mappings", Error, [TaskDefinition],
        "`networkMode` `none` with port mappings",
        "RULES.md 5.1 `networkMode`";
    DuplicateHostPort = "duplicate-host-port", Error, [TaskDefinition],
        "one host port (per protocol) mapped twice in the task; implicit under `awsvpc`/`host` (`TCP host port '3000' is mapped multiple times in task.`)",
        "RULES.md 5.2 `portMappings`";
    InvalidContainerPort = "invalid-container-port", Error, [TaskDefinition],
        "mapping without `containerPort` (or `containerPortRange`), or outside 1-65535 (`Invalid 'containerPort' setting for container`)",
        "RULES.md 5.2 `portMappings`";
    InvalidHostPort = "invalid-host-port", Error, [TaskDefinition],
        "`hostPort` outside 0-65535",
        "RULES.md 5.2 `portMappings`";
    NetworkModeHostname = "network-mode-hostname", Error, [TaskDefinition],
        "`hostname` with `awsvpc` (`hostname is not supported on container when networkMode=awsvpc.`)",
        "RULES.md 5.2 `hostname`";
    NetworkModeLinks = "network-mode-links", Error, [TaskDefinition],
        "`links` with a `networkMode` other than `bridge`",
        "RULES.md 5.2 `links`; botocore `ContainerDefinition.links`";
    NetworkModeExtraHosts = "network-mode-extra-hosts", Error, [TaskDefinition],
        "`extraHosts` with `awsvpc`",
        "RULES.md 5.2 `extraHosts`";
    SecretsNeedExecutionRole = "secrets-need-execution-role", Error, [TaskDefinition],
        "container `secrets` or log `secretOptions` without `executionRoleArn` (`When you are specifying container secrets, you must also specify a value for 'executionRoleArn'.`)",
        "RULES.md 5.1 `executionRoleArn`, 5.2 `secrets`";
    UnknownContainer = "unknown-container", Error, [TaskDefinition],
        "`dependsOn[].containerName`, `volumesFrom[].sourceContainer` or `proxyConfiguration.containerName` names no container of the task (or the container itself)",
        "RULES.md 5.2 `dependsOn`, appendix A";
    DependencyOnEssential = "dependency-on-essential", Error, [TaskDefinition],
        "`COMPLETE`/`SUCCESS` dependency on an essential container",
        "RULES.md 5.2 `dependsOn`";
    DependencyWithoutHealthCheck = "dependency-without-health-check", Warning, [TaskDefinition],
        "`HEALTHY` dependency on a container with no `healthCheck`",
        "botocore `ContainerDependency.condition`";
    UnknownVolume = "unknown-volume", Error, [TaskDefinition],
        "`mountPoints[].sourceVolume` names no task volume",
        "botocore `MountPoint.sourceVolume`";
    InvalidVolumeName = "invalid-volume-name", Error, [TaskDefinition],
        "volume name not 1-255 letters, digits, `_`, `-`",
        "RULES.md 5.1 `volumes`";
    DuplicateVolumeName = "duplicate-volume-name", Error, [TaskDefinition],
        "two volumes with one name",
        "botocore `Volume.name`";
    HealthCheckCommand = "health-check-command", Error, [TaskDefinition],
        "health check command not starting with `CMD` or `CMD-SHELL`",
        "RULES.md 5.2 `healthCheck`";
    HealthCheckRange = "health-check-range", Error, [TaskDefinition],
        "`interval` 5-300, `timeout` 2-60, `retries` 1-10, `startPeriod` 0-300",
        "RULES.md 5.2 `healthCheck`";
    EphemeralStorageSize = "ephemeral-storage-size", Error, [TaskDefinition],
        "`ephemeralStorage.sizeInGiB` outside 21-200",
        "RULES.md 5.1 `ephemeralStorage`";
    RestartPolicy = "restart-policy", Error, [TaskDefinition],
        "more than 50 `ignoredExitCodes`, or `restartAttemptPeriod` outside 60-1800",
        "RULES.md 5.2 `restartPolicy`";
    UlimitSoftAboveHard = "ulimit-soft-above-hard", Error, [TaskDefinition],
        "ulimit `softLimit` above `hardLimit`",
        "Docker ulimit semantics (botocore `Ulimit`)";
    TooManyTags = "too-many-tags", Error, [TaskDefinition],
        "more than 50 tags",
        "RULES.md 5.1 `tags`";
    InvalidTag = "invalid-tag", Error, [TaskDefinition],
        "tag key not 1-128 or value over 256 characters, or a character outside letters, numbers, spaces and `_ . : / = + - @`",
        "RULES.md 5.1 `tags`, appendix A `Tag`";
    ReservedTagPrefix = "reserved-tag-prefix", Error, [TaskDefinition],
        "tag key or value starting with `aws:` in any case",
        "botocore `RegisterTaskDefinitionRequest.tags`";
    DuplicateTagKey = "duplicate-tag-key", Error, [TaskDefinition],
        "two tags with one key",
        "botocore `RegisterTaskDefinitionRequest.tags`";
    InvalidRoleArn = "invalid-role-arn", Error, [TaskDefinition],
        "`taskRoleArn`/`executionRoleArn` is an ARN that `RoleArn::parse` rejects (account not 12 digits, unknown partition, not `iam`, not `role/`, ...), or neither an ARN nor a valid role name; the message is the parse error",
        "RULES.md 1.3, 1.4, 5.1 `taskRoleArn`";
    RoleNameNotArn = "role-name-not-arn", Warning, [TaskDefinition],
        "a bare role name: ECS accepts it, resolved in the task definition's account",
        "RULES.md 5.1 `taskRoleArn`";
    EmptyRoleArn = "empty-role-arn", Warning, [TaskDefinition],
        "`taskRoleArn`/`executionRoleArn` is `\"\"` (ECS treats it as no role; botocore's own example does this)",
        "botocore `RegisterTaskDefinition` example";
    CrossAccountTaskRole = "cross-account-task-role", Error, [CrossAccountSetup],
        "no `taskRoleArn`, or one that is not a full role ARN with a 12-digit account (task definition)",
        "RULES.md 1.4, 5.1 `taskRoleArn`; the guide's step 3";
    CrossAccountPartitionMismatch = "cross-account-partition-mismatch", Error, [CrossAccountSetup],
        "the task role and the destination role are in different partitions (task definition)",
        "RULES.md 1.1 (\"You cannot delegate access between accounts in different partitions\")";
    CrossAccountSameAccount = "cross-account-same-account", Error, [CrossAccountSetup],
        "the task role and the destination role are in one account: not a cross-account setup (task definition)",
        "the guide's scenario (two accounts)";
    CrossAccountResourceMismatch = "cross-account-resource-mismatch", Error, [CrossAccountSetup],
        "no statement allows `sts:AssumeRole` on the CLI profile's `role_arn` (task role identity policy)",
        "RULES.md 4 (cross-account); the guide's step 1";
    CrossAccountPrincipalMismatch = "cross-account-principal-mismatch", Error, [CrossAccountSetup],
        "no statement names the task definition's `taskRoleArn` in `Principal.AWS` (destination trust policy)",
        "RULES.md 4 (cross-account); the guide's step 2";
    CrossAccountTaskRoleTrust = "cross-account-task-role-trust", Error, [CrossAccountSetup],
        "no statement lets `ecs-tasks.amazonaws.com` assume the task role, or its `aws:SourceAccount` is another account (task role trust policy)",
        "RULES.md 1.6, 4 (ECS task role, confused deputy)";
    CrossAccountExternalIdMismatch = "cross-account-external-id-mismatch", Error, [CrossAccountSetup],
        "`sts:ExternalId` on one side only, or different values (destination trust policy or CLI profile)",
        "RULES.md 1.5 (`externalIdType`), 6 (`external_id`); IAM-UG `id_roles_create_for-user_externalid`";
    UnreadableFile = "unreadable-file", Error, [File],
        "the command could not read the file (missing, a directory, not readable)",
        "the command";
    InvalidJson = "invalid-json", Error, [File],
        "the file is not JSON (RFC 8259) that the reader accepts; the message names the line and column",
        "RFC 8259; JSONTestSuite";
    UnknownDocumentKind = "unknown-document-kind", Error, [File],
        "`--kind auto` found neither a policy (`Statement`) nor a task definition (`containerDefinitions`, `family`, `taskDefinition`)",
        "the command";
    InvalidDocument = "invalid-document", Error, [File],
        "JSON of the requested kind that cannot be read as that document (for example a top level that is not an object)",
        "the command";
    // issue 12: the service catalogue (src/policy/check/catalog.rs).
    InvalidService = "invalid-service", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "the service prefix of a condition key is not in the service catalogue; a warning naming the catalogue's date unless `--strict-catalog`",
        "AA *Invalid service*; service catalogue (docs/catalog.md)";
    InvalidServiceInAction = "invalid-service-in-action", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "the service prefix of an action is not in the service catalogue (with a did-you-mean); a warning naming the catalogue's date unless `--strict-catalog`",
        "AA *Invalid service in action*; service catalogue (docs/catalog.md)";
    InvalidServiceConditionKey = "invalid-service-condition-key", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition key its service does not have in the service catalogue; a warning naming the catalogue's date unless `--strict-catalog`",
        "AA *Invalid service condition key*; service catalogue (docs/catalog.md)";
    UnsupportedActionForConditionKey = "unsupported-action-for-condition-key", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "actions of a service key's own service that the key does not apply to (the condition is not evaluated for them); a warning naming the catalogue's date unless `--strict-catalog`",
        "AA *Unsupported action for condition key*; service catalogue (docs/catalog.md)";
    ArnAccountNotAllowed = "arn-account-not-allowed", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource ARN with an account where every ARN format it fits has none (`arn:aws:s3::111122223333:bucket`): it never matches",
        "AA *ARN account not allowed*; service catalogue ARN formats";
    ArnRegionNotAllowed = "arn-region-not-allowed", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource ARN with a Region where every ARN format it fits has none (`arn:aws:iam:us-east-1:...`): it never matches",
        "AA *ARN Region not allowed*; service catalogue ARN formats";
    MissingArnAccount = "missing-arn-account", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource ARN without an account where every ARN format it fits has one",
        "AA *Missing ARN account*; service catalogue ARN formats";
    MissingArnRegion = "missing-arn-region", Error, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource ARN without a Region where every ARN format it fits has one",
        "AA *Missing ARN Region*; service catalogue ARN formats";
    ResourceFitsNoAction = "resource-fits-no-action", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a resource ARN that fits no resource type of any action of its statement (which action takes which types is said): the statement grants nothing on it",
        "service catalogue resource types per action (docs/catalog.md); IAM-UG `reference_policies_elements_resource`";
    AllowWithUnsupportedTagConditionKeyForService = "allow-with-unsupported-tag-condition-key-for-service", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `Allow` with a tag key (`aws:ResourceTag/`, `aws:RequestTag/`, `aws:TagKeys`) and actions that do not support it: they are not allowed; reported at the first such action",
        "AA *Allow with unsupported tag condition key for service*; service catalogue";
    AllowNotactionWithUnsupportedTagConditionKeyForService = "allow-notaction-with-unsupported-tag-condition-key-for-service", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `Allow` with `NotAction` and a tag key: only the actions that support the key are allowed",
        "AA *Allow NotAction with unsupported tag condition key for service*";
    DenyWithUnsupportedTagConditionKeyForService = "deny-with-unsupported-tag-condition-key-for-service", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Deny` with a tag key and actions that do not support it: they are not denied; reported at the first such action",
        "AA *Deny with unsupported tag condition key for service*; service catalogue";
    DenyNotactionWithUnsupportedTagConditionKeyForService = "deny-notaction-with-unsupported-tag-condition-key-for-service", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a `Deny` with `NotAction` and a tag key: the actions that do not support the key are not denied",
        "AA *Deny NotAction with unsupported tag condition key for service*";
    // issue 12 (session 17): more catalogue checks (src/policy/check/catalog_more.rs).
    MissingPairedConditionKeys = "missing-paired-condition-keys", SecurityWarning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `Allow` conditioned on a key that AWS says to pair with another, without it: `aws:VpcSourceIp` without `aws:SourceVpc`, `aws:Ec2InstanceSourcePrivateIPv4` without `aws:Ec2InstanceSourceVpc` (not under `Null`)",
        "AA *Missing paired condition keys* (names `aws:VpcSourceIp` and `aws:SourceVpc`); IAM-UG `reference_policies_condition-keys` (`aws:Ec2InstanceSourcePrivateIPv4`: \"use this condition key with its companion key\")";
    InvalidKmsKeyValue = "invalid-kms-key-value", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a value that is not a KMS key ARN (`arn:PARTITION:kms:REGION:ACCOUNT:key/ID`; an `alias/` ARN is accepted) for a service key the catalogue types `ARN` whose name says KMS key (`sagemaker:VolumeKmsKey`, `s3:x-amz-server-side-encryption-aws-kms-key-id`); values with a policy variable, and wildcard values of `...Like`/`Arn...`, are not checked",
        "AA *Invalid kms key value*; service catalogue key types (docs/checks.md)";
    // issue 11 (session 17): more logic-only Access Analyzer checks
    // (src/policy/check/redundant_statement.rs, wildcard_condition.rs,
    // region.rs; aws:ARN in condition.rs).
    UnsupportedGlobalConditionKey = "unsupported-global-condition-key", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`aws:ARN`, which is not a key of the request context: use `aws:PrincipalArn` or `aws:SourceArn` (AA grades it an error; IAM accepts the policy, so a warning; AA's *Deprecated global condition key* names the same key and is not reported besides)",
        "AA *Unsupported global condition key* (error) and *Deprecated global condition key* (general warning); IAM-UG `reference_policies_condition-keys` (no `aws:ARN`)";
    RedundantStatement = "redundant-statement", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a statement that gives the same permissions as an earlier one: same Effect, Principal/NotPrincipal, Action/NotAction (as sets, ignoring case), Resource/NotResource (as sets) and Condition (operators, keys ignoring case, values as sets); reported at the later statement, naming the earlier",
        "AA *Redundant statement* (suggestion)";
    RedundantKeyDueToWildcardInCondition = "redundant-key-due-to-wildcard-in-condition", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition key that always matches because of a bare `*` value: `StringLikeIfExists` (any key), `ForAllValues:StringLike[IfExists]` (any key), `StringLike` on a global key always in the request",
        "AA *Redundant key due to wildcard in condition* (suggestion); IAM-UG `reference_policies_elements_condition_operators` (absent keys, IfExists), `reference_policies_multi-value-conditions`, `reference_policies_condition-keys` (availability)";
    RedundantStatementDueToWildcardInCondition = "redundant-statement-due-to-wildcard-in-condition", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "a condition key that never matches because of a bare `*` value, so the statement never applies: `StringNotLike[IfExists]` on a global key always in the request, `ForAnyValue:StringNotLike` (any key)",
        "AA *Redundant statement due to wildcard in condition* (suggestion); IAM-UG `reference_policies_elements_condition_operators`, `reference_policies_multi-value-conditions`, `reference_policies_condition-keys` (availability)";
    EquivalentToNullTrue = "equivalent-to-null-true", Suggestion, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "`StringNotLike[IfExists]` with a bare `*` on a key that may be absent: true exactly when the key is absent, i.e. `\"Null\": {\"key\": \"true\"}`",
        "AA *Equivalent to null true* (suggestion); IAM-UG `reference_policies_elements_condition_operators` (negated operators on absent keys, Null)";
    InvalidRegion = "invalid-region", Warning, [IdentityPolicy, TrustPolicy, ResourcePolicy, ServiceControlPolicy, ResourceControlPolicy],
        "an `aws:RequestedRegion` value that is no Region of any partition (botocore `partitions.json` of 2026-08-07: its Regions, each partition's Region pattern, the pseudo-regions); a pattern under `StringLike` that can match none (a warning naming the data's date: Regions are added, and IAM accepts any string)",
        "AA *Invalid Region* (error); botocore `partitions.json` (RULES 1.2)";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.as_str()
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a finding code such as \"invalid-arn-account\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Code, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A string that names no [`Code`]; the error of `Code::from_str`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown finding code {0:?}: expected one of the codes in docs/checks.md")]
pub struct UnknownCode(String);

impl UnknownCode {
    /// The string that was not a code.
    pub fn input(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_kebab_case_and_parse_back() {
        let mut seen = std::collections::HashSet::new();
        for &code in Code::ALL {
            let name = code.as_str();
            assert!(seen.insert(name), "{name} twice");
            assert!(
                name.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{name}"
            );
            assert_eq!(name.parse::<Code>(), Ok(code));
            assert!(!code.summary().is_empty() && !code.source().is_empty());
        }
    }
}
