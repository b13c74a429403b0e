//! `check`: what IAM would reject in a policy document, and what it would
//! accept but is risky. Every code is listed in `docs/checks.md` with its
//! AWS source.

use crate::code::Code;
use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::finding::{Finding, Severity};
use crate::json::record::{Layout, RawMember, Slot, Why};
use crate::json::{Json, Pointer};
use crate::policy::{
    Condition, ConditionValue, Effect, OneOrMany, PolicyDocument, Principal, PrincipalMap,
    Statement, Statements,
};
use crate::{AccountRootArn, Arn, ArnPattern, AssumedRoleArn, Error, RoleArn, ServicePrincipal};

/// What kind of policy a document is; the rules differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
}

impl PolicyKind {
    /// `identity`, `trust` or `resource`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PolicyKind::Identity => "identity",
            PolicyKind::Trust => "trust",
            PolicyKind::Resource => "resource",
        }
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
pub struct CheckOptions {
    /// The kind of policy.
    pub kind: PolicyKind,
    /// The most characters (whitespace not counted) the document may have;
    /// `None` checks no size.
    pub size_quota: Option<usize>,
}

impl CheckOptions {
    /// An identity policy, held to the managed-policy quota of 6,144
    /// characters.
    pub const fn identity() -> Self {
        CheckOptions {
            kind: PolicyKind::Identity,
            size_quota: Some(6144),
        }
    }

    /// A role trust policy, held to the default quota of 2,048 characters
    /// (adjustable in AWS up to 4,096; pass the account's value with
    /// [`CheckOptions::size_quota`]).
    pub const fn trust() -> Self {
        CheckOptions {
            kind: PolicyKind::Trust,
            size_quota: Some(2048),
        }
    }

    /// A resource-based policy, with no size quota (each service has its
    /// own).
    pub const fn resource() -> Self {
        CheckOptions {
            kind: PolicyKind::Resource,
            size_quota: None,
        }
    }

    /// The same options with another size quota (`None`: no size check).
    #[must_use]
    pub const fn size_quota(mut self, quota: Option<usize>) -> Self {
        self.size_quota = quota;
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
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let doc = PolicyDocument::from_json_str(
    ///     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::5555666677778888:role/destination-account-role"}}"#,
    /// )?;
    /// let findings = doc.check(&CheckOptions::identity());
    /// assert_eq!(findings[0].code, "invalid-arn-account");
    /// assert_eq!(findings[0].path, "/Statement/Resource");
    /// # Ok(())
    /// # }
    /// ```
    pub fn check(&self, opts: &CheckOptions) -> Vec<Finding> {
        let mut c = Checker {
            opts,
            out: Vec::new(),
            version_2008: self.version.as_deref() == Some("2008-10-17"),
        };
        c.document(self);
        c.out
    }
}

struct Checker<'a> {
    opts: &'a CheckOptions,
    out: Vec<Finding>,
    version_2008: bool,
}

/// The STS actions a role trust policy may allow (lowercase), RULES.md
/// section 4.
const TRUST_ACTIONS: [&str; 6] = [
    "sts:assumerole",
    "sts:assumerolewithsaml",
    "sts:assumerolewithwebidentity",
    "sts:tagsession",
    "sts:setsourceidentity",
    "sts:setcontext",
];

/// Service principals IAM refuses in a trust policy although they are
/// well formed (observed `MalformedPolicyDocument: Invalid principal in
/// policy`, corpus `bad-inputs.jsonl`).
const UNASSUMABLE_SERVICES: [&str; 1] = ["tagging.amazonaws.com"];

/// Account IDs used in AWS documentation examples.
const EXAMPLE_ACCOUNTS: [&str; 2] = ["111122223333", "123456789012"];

/// Where a statement is, `/Statement` or `/Statement/i`: turned into a
/// [`Pointer`] only when a finding is emitted, since most statements have
/// none.
#[derive(Clone, Copy)]
struct At(Option<usize>);

impl At {
    fn ptr(self) -> Pointer {
        let p = Pointer::root().key("Statement");
        match self.0 {
            Some(i) => p.index(i),
            None => p,
        }
    }

    fn key(self, key: &str) -> Pointer {
        self.ptr().key(key)
    }
}

/// The Sids seen so far: a list while there are few (no hashing), a set
/// once there are many (a 10 MB policy has tens of thousands of Sids).
#[derive(Default)]
struct Sids<'d> {
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

impl Checker<'_> {
    fn push(&mut self, severity: Severity, code: Code, path: impl Into<String>, message: String) {
        self.out.push(Finding::new(
            severity,
            code,
            Pointer::from_raw(path.into()),
            message,
        ));
    }

    fn error(&mut self, code: Code, path: impl Into<String>, message: String) {
        self.push(Severity::Error, code, path, message);
    }

    // ----- document -------------------------------------------------------

    fn document(&mut self, doc: &PolicyDocument) {
        let root = Pointer::root();
        if doc.version.is_none() && !has_raw(&doc.layout, "Version") {
            self.push(
                Severity::Warning,
                Code::MissingVersion,
                "",
                "missing Version: expected \"Version\": \"2012-10-17\" (policy variables and some \
                 condition features need it)"
                    .into(),
            );
        }
        match &doc.statement {
            None if !has_raw(&doc.layout, "Statement") => self.error(
                Code::MissingStatement,
                "",
                "missing Statement: expected a statement object or a non-empty array of them"
                    .into(),
            ),
            Some(Statements::Many(v)) if v.is_empty() => self.error(
                Code::MissingStatement,
                "/Statement",
                "empty Statement array: expected at least one statement".into(),
            ),
            _ => {}
        }
        if let Some(quota) = self.opts.size_quota {
            let size = doc.size();
            if size > quota {
                let (code, what) = match self.opts.kind {
                    PolicyKind::Identity => {
                        (Code::PolicySizeExceedsIdentityPolicyQuota, "identity")
                    }
                    PolicyKind::Trust => {
                        (Code::PolicySizeExceedsRoleTrustPolicyQuota, "role trust")
                    }
                    PolicyKind::Resource => {
                        (Code::PolicySizeExceedsResourcePolicyQuota, "resource")
                    }
                };
                self.error(
                    code,
                    "",
                    format!(
                        "the {what} policy has {size} characters excluding whitespace (Access \
                         Analyzer reports {}): expected at most {quota}",
                        size + 1
                    ),
                );
            }
        }
        let mut sids = Sids::default();
        for slot in doc.layout.slots() {
            match slot {
                Slot::Field(0) => {
                    if let Some(v) = &doc.version {
                        self.chars(v, || root.key("Version"));
                        if v != "2012-10-17" && v != "2008-10-17" {
                            self.error(
                                Code::InvalidVersion,
                                "/Version",
                                format!(
                                    "invalid Version {v:?}: expected \"2012-10-17\" or \"2008-10-17\""
                                ),
                            );
                        }
                    }
                }
                Slot::Field(1) => {
                    if let Some(id) = &doc.id {
                        self.chars(id, || root.key("Id"));
                        if self.opts.kind == PolicyKind::Identity {
                            self.error(
                                Code::UnsupportedId,
                                "/Id",
                                format!(
                                    "Id {id:?} in an identity policy: the Id element is only for \
                                     resource-based policies, remove it"
                                ),
                            );
                        }
                    }
                }
                Slot::Field(_) => self.statements(doc, &mut sids),
                Slot::Raw(raw) if Layout::is_stale(raw, PolicyDocument::KEYS, doc.set_fields()) => {
                }
                Slot::Raw(raw) => {
                    self.raw_member(raw, &root, "policy document", PolicyDocument::KEYS)
                }
            }
        }
        // Fields set after reading (builders) have no slot.
        if doc.layout.slots().is_empty() {
            if let Some(v) = &doc.version {
                if v != "2012-10-17" && v != "2008-10-17" {
                    self.error(
                        Code::InvalidVersion,
                        "/Version",
                        format!("invalid Version {v:?}: expected \"2012-10-17\" or \"2008-10-17\""),
                    );
                }
            }
            if doc.id.is_some() && self.opts.kind == PolicyKind::Identity {
                self.error(
                    Code::UnsupportedId,
                    "/Id",
                    "Id in an identity policy: the Id element is only for resource-based \
                     policies, remove it"
                        .into(),
                );
            }
            self.statements(doc, &mut sids);
        }
    }

    fn statements<'d>(&mut self, doc: &'d PolicyDocument, sids: &mut Sids<'d>) {
        match &doc.statement {
            Some(Statements::One(s)) => self.statement(s, At(None), sids),
            Some(Statements::Many(v)) => {
                for (i, s) in v.iter().enumerate() {
                    self.statement(s, At(Some(i)), sids);
                }
            }
            None => {}
        }
    }

    // ----- statement ------------------------------------------------------

    fn statement<'d>(&mut self, s: &'d Statement, at: At, sids: &mut Sids<'d>) {
        let kind = self.opts.kind;
        let here = || at.ptr();
        if s.effect.is_none() && !has_raw(&s.layout, "Effect") {
            self.error(
                Code::MissingEffect,
                here(),
                "statement has no Effect: expected \"Effect\": \"Allow\" or \"Deny\"".into(),
            );
        }
        let has_action = s.action.is_some() || has_raw(&s.layout, "Action");
        let has_not_action = s.not_action.is_some() || has_raw(&s.layout, "NotAction");
        if !has_action && !has_not_action {
            self.error(
                Code::MissingAction,
                here(),
                "statement has no Action or NotAction: expected one of them".into(),
            );
        }
        if has_action && has_not_action {
            self.combination(at, "Action", "NotAction");
        }
        let has_resource = s.resource.is_some() || has_raw(&s.layout, "Resource");
        let has_not_resource = s.not_resource.is_some() || has_raw(&s.layout, "NotResource");
        if kind == PolicyKind::Identity && !has_resource && !has_not_resource {
            self.error(
                Code::MissingResource,
                here(),
                "statement has no Resource or NotResource: expected one of them in an identity \
                 policy"
                    .into(),
            );
        }
        if kind != PolicyKind::Trust && has_resource && has_not_resource {
            self.combination(at, "Resource", "NotResource");
        }
        let has_principal = s.principal.is_some() || has_raw(&s.layout, "Principal");
        let has_not_principal = s.not_principal.is_some() || has_raw(&s.layout, "NotPrincipal");
        if kind != PolicyKind::Identity && !has_principal && !has_not_principal {
            self.error(
                Code::MissingPrincipal,
                here(),
                format!(
                    "statement has no Principal: expected one in a {} policy",
                    if kind == PolicyKind::Trust {
                        "role trust"
                    } else {
                        "resource-based"
                    }
                ),
            );
        }
        if kind != PolicyKind::Identity && has_principal && has_not_principal {
            self.combination(at, "Principal", "NotPrincipal");
        }

        let mut done = [false; 9];
        for slot in s.layout.slots() {
            match slot {
                Slot::Field(i) => {
                    done[usize::from(*i)] = true;
                    self.statement_field(s, *i, at, sids);
                }
                Slot::Raw(raw) if Layout::is_stale(raw, Statement::KEYS, s.set_fields()) => {}
                Slot::Raw(raw) => self.raw_member(raw, &at.ptr(), "statement", Statement::KEYS),
            }
        }
        for i in 0..9u8 {
            if !done[usize::from(i)] {
                self.statement_field(s, i, at, sids);
            }
        }
        self.statement_whole(s, at);
    }

    fn combination(&mut self, at: At, a: &str, b: &str) {
        self.error(
            Code::UnsupportedElementCombination,
            at.ptr(),
            format!("statement has both {a} and {b}: expected only one of them"),
        );
    }

    fn statement_field<'d>(&mut self, s: &'d Statement, i: u8, at: At, sids: &mut Sids<'d>) {
        match i {
            0 => {
                if let Some(sid) = &s.sid {
                    self.sid(sid, at, sids);
                }
            }
            1 => {}
            2 | 3 => {
                let (key, p) = if i == 2 {
                    ("Principal", &s.principal)
                } else {
                    ("NotPrincipal", &s.not_principal)
                };
                if let Some(p) = p {
                    self.principal(s, key, p, at);
                }
            }
            4 | 5 => {
                let (key, a) = if i == 4 {
                    ("Action", &s.action)
                } else {
                    ("NotAction", &s.not_action)
                };
                if let Some(a) = a {
                    self.actions(key, a, at);
                }
            }
            6 | 7 => {
                let (key, r) = if i == 6 {
                    ("Resource", &s.resource)
                } else {
                    ("NotResource", &s.not_resource)
                };
                if let Some(r) = r {
                    self.resources(key, r, at);
                }
            }
            _ => {
                if let Some(c) = &s.condition {
                    self.condition(c, at);
                }
            }
        }
    }

    fn sid<'d>(&mut self, sid: &'d str, at: At, sids: &mut Sids<'d>) {
        let p = || at.key("Sid");
        self.chars(sid, p);
        if sid.is_empty() {
            self.push(
                Severity::Suggestion,
                Code::EmptySidValue,
                p(),
                "empty Sid: expected a statement ID of letters and digits, or no Sid".into(),
            );
            return;
        }
        // Other services' resource-based policies allow more characters
        // (IAM-UG reference_policies_elements_sid); IAM's own do not.
        let iam = self.opts.kind != PolicyKind::Resource;
        if let Some((pos, c)) = sid
            .chars()
            .filter(|_| iam)
            .enumerate()
            .find(|(_, c)| !c.is_ascii_alphanumeric())
        {
            self.error(
                Code::UnsupportedSid,
                p(),
                format!(
                    "invalid Sid {sid:?}: expected letters A-Z, a-z and digits 0-9 only, found {:?} \
                     at position {pos}",
                    c.to_string()
                ),
            );
        }
        if !sids.insert(sid) {
            self.error(
                Code::UniqueSidsRequired,
                p(),
                format!("Sid {sid:?} is used by another statement: expected each Sid once"),
            );
        }
    }

    // ----- Action ---------------------------------------------------------

    fn actions(&mut self, key: &'static str, actions: &OneOrMany<String>, at: At) {
        if actions.is_empty() {
            self.error(
                Code::EmptyArrayAction,
                at.key(key),
                format!("empty {key} array: expected at least one action"),
            );
            return;
        }
        let trust = self.opts.kind == PolicyKind::Trust && key == "Action";
        // Sorted indexes, consumed in step with `j`.
        let repeated = repeated_ignoring_case(actions.as_slice());
        let mut repeated = repeated.iter().peekable();
        for (j, a) in actions.iter().enumerate() {
            let duplicate = repeated.next_if_eq(&&j).is_some();
            let p = || value_ptr(at.key(key), actions, j);
            // A well-formed action is printable ASCII without "${", so the
            // character and variable checks can only find something in
            // one that is not.
            if !action_ok(a) {
                self.chars(a, p);
                if has_variable(a) {
                    self.error(
                        Code::VariableUnsupportedInElement,
                        p(),
                        format!(
                            "policy variable in {key} {a:?}: variables are allowed only in \
                             Resource and Condition"
                        ),
                    );
                    continue;
                }
                if let Some(reason) = action_problem(a) {
                    self.error(
                        Code::InvalidAction,
                        p(),
                        format!("invalid action {a:?}: {reason}"),
                    );
                    continue;
                }
            }
            if trust && !TRUST_ACTIONS.iter().any(|t| wild_match(a, t)) {
                self.error(
                    Code::UnsupportedActionInPolicy,
                    p(),
                    format!(
                        "action {a:?} in a role trust policy: expected sts:AssumeRole, \
                         sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, \
                         sts:SetSourceIdentity or sts:SetContext"
                    ),
                );
            }
            if duplicate {
                self.push(
                    Severity::Warning,
                    Code::DuplicateAction,
                    p(),
                    format!("action {a:?} appears more than once in {key} (actions ignore case)"),
                );
            }
        }
    }

    // ----- Resource -------------------------------------------------------

    fn resources(&mut self, key: &'static str, res: &OneOrMany<String>, at: At) {
        if self.opts.kind == PolicyKind::Trust {
            self.error(
                Code::RoleTrustPolicySyntaxErrorResource,
                at.key(key),
                format!(
                    "{key} in a role trust policy: a trust policy applies to its role, remove \
                     {key}"
                ),
            );
            return;
        }
        if res.is_empty() {
            self.error(
                Code::EmptyArrayResource,
                at.key(key),
                format!("empty {key} array: expected at least one ARN or \"*\""),
            );
            return;
        }
        for (j, r) in res.iter().enumerate() {
            let p = || value_ptr(at.key(key), res, j);
            self.chars(r, p);
            if r == "*" {
                continue;
            }
            if has_variable(r) {
                if self.version_2008 {
                    self.error(
                        Code::VariableUnsupportedInVersion,
                        p(),
                        format!(
                            "policy variable in {r:?} with Version 2008-10-17: expected Version \
                             2012-10-17 (2008-10-17 reads ${{...}} literally)"
                        ),
                    );
                    continue;
                }
                if let Some((code, msg)) = variable_problem(r) {
                    self.error(code, p(), format!("{key} {r:?}: {msg}"));
                    continue;
                }
            }
            match ArnPattern::validate(shorten(r)) {
                Ok(fields) => self.example_account(fields.account, p),
                Err(reason) => {
                    self.error(
                        arn_code(&reason.to_string()),
                        p(),
                        format!("{key} {r:?} is not an ARN or \"*\": {reason}"),
                    );
                }
            }
        }
    }

    fn example_account(&mut self, account: &str, p: impl Fn() -> Pointer) {
        if EXAMPLE_ACCOUNTS.contains(&account) {
            self.push(
                Severity::Warning,
                Code::ExampleAccountId,
                p(),
                format!(
                    "account {account} is an example from the AWS documentation: replace it with \
                     a real account ID"
                ),
            );
        }
    }

    // ----- Principal ------------------------------------------------------

    fn principal(&mut self, s: &Statement, key: &'static str, p: &Principal, at: At) {
        let kind = self.opts.kind;
        let ptr = || at.key(key);
        if kind == PolicyKind::Identity {
            self.error(
                Code::UnsupportedPrincipal,
                ptr(),
                format!("{key} in an identity policy: identity policies apply to the identity they are attached to, remove {key}"),
            );
            return;
        }
        if key == "NotPrincipal" {
            if kind == PolicyKind::Trust {
                self.error(
                    Code::RoleTrustPolicySyntaxErrorNotprincipal,
                    ptr(),
                    "NotPrincipal in a role trust policy: expected Principal".into(),
                );
            } else if s.effect == Some(Effect::Allow) {
                self.push(
                    Severity::SecurityWarning,
                    Code::AllowWithNotPrincipal,
                    ptr(),
                    "Allow with NotPrincipal grants access to every principal not listed: use \
                     Principal instead"
                        .into(),
                );
            }
        }
        let map = match p {
            Principal::Any => {
                if kind == PolicyKind::Trust {
                    self.error(
                        Code::RoleTrustPolicyUnsupportedWildcardInPrincipal,
                        ptr(),
                        "\"Principal\": \"*\" in a role trust policy: expected a principal map, \
                         such as {\"AWS\": \"*\"} with a condition"
                            .into(),
                    );
                }
                return;
            }
            Principal::Map(m) => m,
        };
        let entries = map.entries();
        if entries.is_empty() && map.layout.is_clean() {
            self.error(
                Code::EmptyObjectPrincipal,
                ptr(),
                format!("empty {key} object: expected at least one principal"),
            );
        }
        let set = map.set_fields();
        for slot_raw in map
            .layout
            .raw()
            .filter(|r| !Layout::is_stale(r, PrincipalMap::KEYS, set))
        {
            self.raw_principal_member(slot_raw, &ptr());
        }
        for (k, values) in entries {
            if values.is_empty() {
                self.error(
                    Code::EmptyArrayPrincipal,
                    ptr().key(k),
                    format!("empty {k} array in {key}: expected at least one principal"),
                );
                continue;
            }
            for (j, v) in values.iter().enumerate() {
                let vp = || value_ptr(ptr().key(k), values, j);
                self.chars(v, vp);
                self.principal_value(k, v, s, vp);
            }
        }
    }

    fn raw_principal_member(&mut self, raw: &RawMember, at: &Pointer) {
        let p = at.key(&raw.key);
        self.chars(&raw.key, || p.clone());
        match &raw.why {
            Why::Unknown => {
                let hint = PrincipalMap::KEYS
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(&raw.key))
                    .map(|k| format!(" (keys are case-sensitive: did you mean {k:?}?)"))
                    .unwrap_or_default();
                self.error(
                    Code::InvalidPrincipalKey,
                    p,
                    format!(
                        "invalid principal key {:?}: expected \"AWS\", \"Federated\", \"Service\" \
                         or \"CanonicalUser\"{hint}",
                        raw.key
                    ),
                );
            }
            Why::Duplicate => self.duplicate(raw, p, "the principal"),
            Why::Mismatch(m) => self.error(
                Code::InvalidPrincipalFormat,
                format!("{p}{}", m.at),
                format!(
                    "invalid {:?} principal: expected a string or an array of strings, found {}",
                    raw.key, m.found
                ),
            ),
        }
    }

    fn principal_value(
        &mut self,
        k: &'static str,
        v: &str,
        s: &Statement,
        p: impl Fn() -> Pointer + Copy,
    ) {
        if has_variable(v) {
            self.error(
                Code::VariableUnsupportedInElement,
                p(),
                format!("policy variable in principal {v:?}: variables are allowed only in Resource and Condition"),
            );
            return;
        }
        match k {
            "AWS" => self.aws_principal(v, s, p),
            "Service" => {
                if v.contains(['*', '?']) {
                    self.wildcard_principal(k, v, p);
                } else if let Err(e) = ServicePrincipal::parse(v) {
                    self.error(
                        Code::InvalidServicePrincipalFormat,
                        p(),
                        format!("invalid service principal {v:?}: {}", reason_of(&e)),
                    );
                } else if self.opts.kind == PolicyKind::Trust && UNASSUMABLE_SERVICES.contains(&v) {
                    self.error(
                        Code::UnsupportedServicePrincipal,
                        p(),
                        format!(
                            "service principal {v:?} cannot assume a role: IAM rejects it in a \
                             trust policy (Invalid principal in policy)"
                        ),
                    );
                }
            }
            "Federated" => {
                if let Some(reason) = federated_problem(v) {
                    let code = if self.opts.kind == PolicyKind::Trust {
                        Code::InvalidFederatedPrincipalSyntaxInRoleTrustPolicy
                    } else {
                        Code::InvalidPrincipal
                    };
                    self.error(
                        code,
                        p(),
                        format!("invalid federated principal {v:?}: {reason}"),
                    );
                }
            }
            _ => {
                if v.len() != 64 || !v.bytes().all(|b| b.is_ascii_hexdigit()) {
                    self.error(
                        Code::InvalidPrincipal,
                        p(),
                        format!(
                            "invalid canonical user {v:?}: expected 64 hexadecimal digits, found {} characters",
                            v.chars().count()
                        ),
                    );
                }
            }
        }
    }

    fn wildcard_principal(&mut self, k: &str, v: &str, p: impl Fn() -> Pointer) {
        self.error(
            Code::UnsupportedWildcardInPrincipal,
            p(),
            format!(
                "wildcard in {k} principal {v:?}: expected \"*\" alone or a principal without \
                 wildcards (use a condition such as aws:PrincipalArn with ArnLike)"
            ),
        );
    }

    fn aws_principal(&mut self, v: &str, s: &Statement, p: impl Fn() -> Pointer + Copy) {
        if v == "*" {
            if self.opts.kind == PolicyKind::Trust
                && s.effect == Some(Effect::Allow)
                && s.condition.as_ref().map_or(true, Condition::is_empty)
            {
                self.push(
                    Severity::SecurityWarning,
                    Code::TrustAnyPrincipalWithoutCondition,
                    p(),
                    "{\"AWS\": \"*\"} without a Condition lets any AWS account assume the role: \
                     add conditions such as aws:PrincipalOrgID or sts:ExternalId"
                        .into(),
                );
            }
            return;
        }
        if v.contains(['*', '?']) {
            self.wildcard_principal("AWS", v, p);
            return;
        }
        if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
            if v.len() == 12 {
                self.example_account(v, p);
                self.push(
                    Severity::Suggestion,
                    Code::AccountIdRewrittenToRoot,
                    p(),
                    format!(
                        "account ID {v} is stored by IAM as \"arn:aws:iam::{v}:root\": write the \
                         ARN to avoid a diff after saving"
                    ),
                );
            } else {
                self.error(
                    Code::InvalidPrincipal,
                    p(),
                    format!(
                        "invalid AWS principal {v:?}: account ID: expected 12 digits, found {}",
                        v.len()
                    ),
                );
            }
            return;
        }
        for (prefix, code, what) in [
            ("AROA", Code::InvalidRoleReference, "role"),
            ("AIDA", Code::InvalidUserReference, "user"),
        ] {
            if v.len() > 4
                && v.starts_with(prefix)
                && v.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            {
                self.push(
                    Severity::Warning,
                    code,
                    p(),
                    format!(
                        "{v} is the unique ID of an IAM {what}, which IAM shows when the {what} \
                         was deleted: use the {what} ARN"
                    ),
                );
                return;
            }
        }
        let result: Result<String, Error> = if !v.starts_with("arn:") {
            Err(Error::invalid(
                crate::ValueKind::Arn,
                v,
                "expected \"*\", a 12-digit account ID or an IAM or STS ARN",
            ))
        } else {
            aws_principal_arn(v)
        };
        match result {
            Ok(account) => self.example_account(&account, p),
            Err(e) => self.error(
                Code::InvalidPrincipal,
                p(),
                format!("invalid AWS principal {v:?}: {}", reason_of(&e)),
            ),
        }
    }

    // ----- Condition ------------------------------------------------------

    fn condition(&mut self, c: &Condition, at: At) {
        let cp = || at.key("Condition");
        if c.is_empty() {
            self.push(
                Severity::Suggestion,
                Code::EmptyObjectCondition,
                cp(),
                "empty Condition object: it does not affect the policy".into(),
            );
            return;
        }
        for (i, (op, block)) in c.iter().enumerate() {
            let op_ptr = || cp().key(op);
            self.chars(op, op_ptr);
            if c.iter().take(i).any(|(o, _)| o == op) {
                self.error(
                    Code::DuplicateKey,
                    op_ptr(),
                    format!("condition operator {op:?} appears more than once in the Condition: expected each key once"),
                );
            }
            let parsed = parse_operator(op);
            match &parsed {
                Err(reason) => self.error(
                    Code::InvalidConditionOperator,
                    op_ptr(),
                    format!("invalid condition operator {op:?}: {reason}"),
                ),
                Ok(o) if o.family == Family::Null && o.if_exists => self.error(
                    Code::NullWithIfExists,
                    op_ptr(),
                    format!("condition operator {op:?}: Null cannot take the IfExists suffix"),
                ),
                Ok(o) if o.family == Family::Null && o.qualified => self.push(
                    Severity::Suggestion,
                    Code::NullWithQualifier,
                    op_ptr(),
                    format!(
                        "condition operator {op:?}: Null with ForAllValues or ForAnyValue always \
                         returns the same result"
                    ),
                ),
                Ok(_) => {}
            }
            if block.is_empty() {
                self.push(
                    Severity::Suggestion,
                    Code::EmptyObjectCondition,
                    op_ptr(),
                    format!("empty {op:?} block: it does not affect the policy"),
                );
            }
            for (ki, (key, values)) in block.iter().enumerate() {
                let kp = || op_ptr().key(key);
                self.chars(key, kp);
                match block.iter().take(ki).find(|(k, _)| k.eq_ignore_ascii_case(key)) {
                    Some((k, _)) if k == key => self.error(
                        Code::DuplicateKey,
                        kp(),
                        format!("condition key {key:?} appears more than once under {op:?}: expected each key once"),
                    ),
                    Some(_) => self.error(
                        Code::DuplicateKeysWithDifferentCase,
                        kp(),
                        format!(
                            "condition key {key:?} appears more than once under {op:?} with different capitalization: condition keys ignore case, keep one"
                        ),
                    ),
                    None => {}
                }
                if !condition_key_ok(key) {
                    self.error(
                        Code::InvalidConditionKeyFormat,
                        kp(),
                        format!(
                            "invalid condition key {key:?}: expected the format service:keyname"
                        ),
                    );
                }
                if values.is_empty() {
                    self.push(
                        Severity::Suggestion,
                        Code::EmptyArrayCondition,
                        kp(),
                        format!("no values for condition key {key:?}: the condition does not affect the policy"),
                    );
                    continue;
                }
                let first = values.as_slice()[0].type_name();
                if values.iter().any(|v| v.type_name() != first) {
                    self.error(
                        Code::InvalidConditionDataType,
                        kp(),
                        format!(
                            "condition key {key:?} mixes JSON types: expected values of one type (strings, booleans or numbers)"
                        ),
                    );
                }
                for (j, v) in values.iter().enumerate() {
                    let vp = || value_ptr(op_ptr().key(key), values, j);
                    let ConditionValue::String(text) = v else {
                        continue;
                    };
                    self.chars(text, vp);
                    if has_variable(text) {
                        if self.version_2008 {
                            self.error(
                                Code::VariableUnsupportedInVersion,
                                vp(),
                                format!(
                                    "policy variable in {text:?} with Version 2008-10-17: expected Version 2012-10-17 (2008-10-17 reads ${{...}} literally)"
                                ),
                            );
                        } else if let Some((code, msg)) = variable_problem(text) {
                            self.error(code, vp(), format!("condition value {text:?}: {msg}"));
                        } else if let Ok(o) = &parsed {
                            if !matches!(o.family, Family::String | Family::Arn) {
                                self.error(
                                    Code::InvalidVariableForOperator,
                                    vp(),
                                    format!(
                                        "policy variable in {text:?} under {op:?}: variables work only with String and ARN operators"
                                    ),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    // ----- whole-statement checks -----------------------------------------

    fn statement_whole(&mut self, s: &Statement, at: At) {
        let allow = s.effect == Some(Effect::Allow);
        let actions: &[String] = s.action.as_ref().map_or(&[], OneOrMany::as_slice);
        // iam:PassRole / sts:AssumeRole on "*".
        if allow && self.opts.kind != PolicyKind::Trust {
            if let Some(res) = &s.resource {
                if let Some(j) = res.iter().position(|r| r == "*") {
                    for (target, code, label) in [
                        (
                            "iam:passrole",
                            Code::PassRoleWithStarInResource,
                            "iam:PassRole",
                        ),
                        (
                            "sts:assumerole",
                            Code::AssumeRoleWithStarInResource,
                            "sts:AssumeRole",
                        ),
                    ] {
                        if actions.iter().any(|a| wild_match(a, target)) {
                            self.push(
                                Severity::SecurityWarning,
                                code,
                                value_ptr(at.key("Resource"), res, j),
                                format!(
                                    "{label} allowed on \"*\": any role can be {}; name the roles",
                                    if label == "iam:PassRole" {
                                        "passed"
                                    } else {
                                        "assumed"
                                    }
                                ),
                            );
                        }
                    }
                }
            }
        }
        if self.opts.kind != PolicyKind::Trust || !allow {
            return;
        }
        let Some(Principal::Map(map)) = &s.principal else {
            return;
        };
        let services: &[String] = map.service.as_ref().map_or(&[], OneOrMany::as_slice);
        let federated: &[String] = map.federated.as_ref().map_or(&[], OneOrMany::as_slice);
        let has = |name: &str| actions.iter().any(|a| a.eq_ignore_ascii_case(name));
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
                self.push(
                    Severity::SecurityWarning,
                    Code::RestrictAccessToServicePrincipal,
                    at.key("Principal").key("Service"),
                    "ecs-tasks.amazonaws.com trusted without aws:SourceAccount or aws:SourceArn: \
                     add them against the confused deputy problem (ECS Developer Guide, task IAM role)"
                        .into(),
                );
            }
        }
        // Mismatched action for principal.
        let saml = |v: &String| v.contains(":saml-provider/");
        let oidc = |v: &String| !saml(v);
        let others = map.aws.is_some() || !services.is_empty() || map.canonical_user.is_some();
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
            if has(action) && (!ok || others) {
                let a = s.action.as_ref().map_or(0, |a| {
                    a.iter()
                        .position(|x| x.eq_ignore_ascii_case(action))
                        .unwrap_or(0)
                });
                let actions_v = s
                    .action
                    .as_ref()
                    .unwrap_or(&OneOrMany::Many(Vec::new()))
                    .clone();
                self.error(
                    Code::MismatchedActionForPrincipal,
                    value_ptr(at.key("Action"), &actions_v, a),
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
                let path = if s.action.is_some() || has_raw(&s.layout, "Action") {
                    at.key("Action")
                } else {
                    at.ptr()
                };
                self.error(
                    Code::MissingActionForRolesAnywhereTrustPolicy,
                    path,
                    format!(
                        "rolesanywhere.amazonaws.com needs sts:AssumeRole, sts:SetSourceIdentity and sts:TagSession: add {}",
                        missing.join(", ")
                    ),
                );
            }
        }
    }

    // ----- raw members, characters ----------------------------------------

    fn raw_member(&mut self, raw: &RawMember, at: &Pointer, what: &str, keys: &[&str]) {
        let p = at.key(&raw.key);
        self.chars(&raw.key, || p.clone());
        self.json_chars(&raw.value, &p);
        match &raw.why {
            Why::Unknown => {
                let hint = keys
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(&raw.key))
                    .map(|k| format!(" (element names are case-sensitive: did you mean {k:?}?)"))
                    .unwrap_or_default();
                self.error(
                    Code::InvalidPolicyElement,
                    p,
                    format!(
                        "unknown element {:?} in the {what}: expected one of {}{hint}",
                        raw.key,
                        keys.join(", ")
                    ),
                );
            }
            Why::Duplicate => self.duplicate(raw, p, &format!("the {what}")),
            Why::Mismatch(m) => {
                let path = format!("{p}{}", m.at);
                match (raw.key.as_str(), &raw.value) {
                    ("Effect", Json::String(e)) => self.error(
                        Code::InvalidEffect,
                        path,
                        format!(
                            "invalid Effect {e:?}: expected \"Allow\" or \"Deny\" (case-sensitive)"
                        ),
                    ),
                    ("Principal" | "NotPrincipal", _) => self.error(
                        Code::InvalidPrincipalFormat,
                        path,
                        format!(
                            "invalid {}: expected {}, found {}",
                            raw.key, m.expected, m.found
                        ),
                    ),
                    _ => self.error(
                        Code::DataTypeMismatch,
                        path,
                        format!(
                            "invalid {}: expected {}, found {}",
                            raw.key, m.expected, m.found
                        ),
                    ),
                }
            }
        }
    }

    fn duplicate(&mut self, raw: &RawMember, p: Pointer, what: &str) {
        self.error(
            Code::DuplicateKey,
            p,
            format!(
                "key {:?} appears more than once in {what}: expected each key once",
                raw.key
            ),
        );
    }

    /// `invalid-character` for the first character of `s` outside
    /// U+0009, U+000A, U+000D, U+0020-U+00FF.
    fn chars(&mut self, s: &str, p: impl Fn() -> Pointer) {
        // Fast path: bytes below 0xC4 that are not control characters are
        // all allowed (U+0100 and up start with a byte of 0xC4 or more).
        // Faster still, eight bytes at a time: printable ASCII.
        if !crate::bytes::any_word(s.as_bytes(), b'a', |w| {
            crate::bytes::less(w, 0x20) | (w & 0x8080_8080_8080_8080)
        }) {
            return;
        }
        if !s
            .bytes()
            .any(|b| b >= 0xC4 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')))
        {
            return;
        }
        if let Some((pos, c)) = s.chars().enumerate().find(|&(_, c)| !allowed_char(c)) {
            self.error(
                Code::InvalidCharacter,
                p(),
                format!(
                    "character U+{:04X} at position {pos}: policies may contain only U+0009, U+000A, \
                     U+000D and U+0020 to U+00FF",
                    u32::from(c)
                ),
            );
        }
    }

    fn json_chars(&mut self, v: &Json, p: &Pointer) {
        match v {
            Json::String(s) => self.chars(s, || p.clone()),
            Json::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    self.json_chars(x, &p.index(i));
                }
            }
            Json::Object(o) => {
                for (k, x) in o.iter() {
                    let kp = p.key(k);
                    self.chars(k, || kp.clone());
                    self.json_chars(x, &kp);
                }
            }
            _ => {}
        }
    }
}

fn allowed_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{FF}')
}

fn has_raw(layout: &Layout, key: &str) -> bool {
    layout
        .raw()
        .any(|r| r.key == key && !matches!(r.why, Why::Duplicate | Why::Unknown))
}

/// The indexes of values equal (ignoring ASCII case) to an earlier one, in
/// increasing order, in linear time: managed policies list thousands of
/// actions.
fn repeated_ignoring_case(values: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    let earlier = |j: usize| {
        values[..j]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(&values[j]))
    };
    if values.len() <= 16 {
        out.extend((1..values.len()).filter(|&j| earlier(j)));
        return out;
    }
    // The first index of each case-folded hash. A value whose hash was
    // seen is a repeat if it equals that first value, or (on a hash
    // collision, which practically never happens) any earlier one.
    let mut first: HashMap<u64, usize, BuildHasherDefault<Prehashed>> =
        HashMap::with_capacity_and_hasher(values.len(), BuildHasherDefault::default());
    for (j, v) in values.iter().enumerate() {
        match first.entry(case_folded_hash(v)) {
            Entry::Vacant(e) => {
                e.insert(j);
            }
            Entry::Occupied(e) => {
                if values[*e.get()].eq_ignore_ascii_case(v) || earlier(j) {
                    out.push(j);
                }
            }
        }
    }
    out
}

/// A hash of the bytes with ASCII case folded (bit 5 set, which also
/// merges some punctuation: only equal hashes are compared, and the
/// comparison decides), eight bytes at a time.
fn case_folded_hash(s: &str) -> u64 {
    const FOLD: u64 = 0x2020_2020_2020_2020;
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let b = s.as_bytes();
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ (u64::from_le_bytes(w) | FOLD))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    // The last bytes shifted in (a copy would call memcpy).
    let w = chunks
        .remainder()
        .iter()
        .rev()
        .fold(0, |w, &c| (w << 8) | u64::from(c));
    h = (h ^ (w | FOLD)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// A `Hasher` for keys that are already hashes ([`case_folded_hash`]).
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used; hash anything else plainly.
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The pointer of value `j` of the member at `p`: `p` for a scalar,
/// `p/j` for an array.
fn value_ptr<T>(p: Pointer, values: &OneOrMany<T>, j: usize) -> Pointer {
    if values.is_array() {
        p.index(j)
    } else {
        p
    }
}

/// `r` itself, or when it is longer than an API ARN (2,048 characters,
/// a limit of API parameters, not of policy resources) its first five
/// fields and the first character of its resource, so that the fields are
/// still checked.
fn shorten(r: &str) -> &str {
    if r.len() <= 2048 {
        return r;
    }
    match r.match_indices(':').nth(4) {
        Some((i, _)) if r.len() > i + 1 => {
            let end = i + 1 + r[i + 1..].chars().next().map_or(0, char::len_utf8);
            &r[..end]
        }
        _ => r,
    }
}

/// The reason text of an identifier error.
fn reason_of(e: &Error) -> String {
    match e {
        Error::Invalid { reason, .. } => reason.to_string(),
        other => other.to_string(),
    }
}

/// The Access Analyzer-style code for an ARN parse failure.
fn arn_code(reason: &str) -> Code {
    if reason.starts_with("expected \"arn:\"") {
        Code::InvalidArnPrefix
    } else if reason.starts_with("expected 6 fields") {
        Code::MissingArnField
    } else if reason.starts_with("partition") {
        Code::InvalidPartition
    } else if reason.starts_with("service") {
        Code::InvalidArnService
    } else if reason.starts_with("region") {
        Code::InvalidArnRegion
    } else if reason.starts_with("account") {
        Code::InvalidArnAccount
    } else if reason.contains("policy variable") {
        Code::MissingBraceInVariable
    } else {
        Code::InvalidArnResource
    }
}

/// What is wrong with an IAM or STS principal ARN; the account on success.
fn aws_principal_arn(v: &str) -> Result<String, Error> {
    let arn = Arn::parse(v)?;
    let res = arn.resource();
    match arn.service() {
        "iam" if res == "root" => AccountRootArn::parse(v).map(|a| a.account().to_string()),
        "iam" if res.starts_with("role/") => RoleArn::parse(v).map(|a| a.account().to_string()),
        "sts" if res.starts_with("assumed-role/") => {
            AssumedRoleArn::parse(v).map(|a| a.account().to_string())
        }
        "iam" | "sts" => {
            crate::AccountId::parse(arn.account()).map_err(|e| {
                Error::invalid(
                    crate::ValueKind::Arn,
                    v,
                    format!("account {:?}: {}", arn.account(), reason_of(&e)),
                )
            })?;
            if arn.service() == "iam"
                && !["user/", "federated-user/"]
                    .iter()
                    .any(|p| res.starts_with(p))
            {
                return Err(Error::invalid(
                    crate::ValueKind::Arn,
                    v,
                    format!("expected root, role/, user/ or federated-user/ after the account, found {res:?}"),
                ));
            }
            Ok(arn.account().to_string())
        }
        other => Err(Error::invalid(
            crate::ValueKind::Arn,
            v,
            format!("service {other:?}: expected an iam or sts ARN"),
        )),
    }
}

/// Why `v` is not a `Federated` principal: a SAML or OIDC provider ARN,
/// or a web identity provider's domain.
fn federated_problem(v: &str) -> Option<String> {
    if v.starts_with("arn:") {
        let arn = match Arn::parse(v) {
            Ok(a) => a,
            Err(e) => return Some(reason_of(&e)),
        };
        if arn.service() != "iam" {
            return Some(format!("service {:?}: expected iam", arn.service()));
        }
        if let Err(e) = crate::AccountId::parse(arn.account()) {
            return Some(format!("account {:?}: {}", arn.account(), reason_of(&e)));
        }
        let res = arn.resource();
        let ok = ["saml-provider/", "oidc-provider/"]
            .iter()
            .any(|p| res.strip_prefix(p).is_some_and(|rest| !rest.is_empty()));
        return (!ok).then(|| {
            format!("expected saml-provider/NAME or oidc-provider/HOST after the account, found {res:?}")
        });
    }
    let dns = !v.is_empty()
        && v.contains('.')
        && v.split('.').all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        });
    (!dns).then(|| {
        "expected a SAML or OIDC provider ARN (arn:aws:iam::ACCOUNT:saml-provider/NAME) or a web \
         identity provider such as cognito-identity.amazonaws.com"
            .to_owned()
    })
}

/// Whether `s` has a policy variable's `${`. A byte scan: `str::contains`
/// sets up a substring searcher per call, which costs more than the scan
/// on a policy's short strings.
fn has_variable(s: &str) -> bool {
    // Most strings have no `$` at all: look for one with memchr first.
    let b = s.as_bytes();
    crate::bytes::any_word(b, 0, |w| crate::bytes::eq(w, b'$')) && b.windows(2).any(|w| w == b"${")
}

/// Whether `a` is an action: `*`, or `prefix:name` where the prefix has
/// letters, digits and hyphens and the name letters and digits, both with
/// the wildcards `*` and `?`. One pass over the bytes, for the common case;
/// [`action_problem`] says why not.
fn action_ok(a: &str) -> bool {
    if a == "*" {
        return true;
    }
    let b = a.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    if colon == 0 || colon + 1 >= b.len() {
        return false;
    }
    // Table lookups without early exit: bit 0, not allowed in the name;
    // bit 1, not allowed in the prefix.
    let bad = |acc: u8, &c: &u8| acc | ACTION_BYTE[usize::from(c)];
    b[..colon].iter().fold(0, bad) & 2 == 0 && b[colon + 1..].iter().fold(0, bad) & 1 == 0
}

/// For [`action_ok`]: bit 0 for a byte not allowed in an action name
/// (letters, digits, `*`, `?`), bit 1 for one not allowed in a service
/// prefix (those and `-`).
const ACTION_BYTE: [u8; 256] = {
    let mut t = [3u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b.is_ascii_alphanumeric() || b == b'*' || b == b'?' {
            t[c] = 0;
        }
        c += 1;
    }
    t[b'-' as usize] = 1;
    t
};

/// Why `a` is not an action (see [`action_ok`]).
pub(crate) fn action_problem(a: &str) -> Option<String> {
    if action_ok(a) {
        None
    } else {
        action_reason(a)
    }
}

/// The rule of [`action_ok`] character by character, with the reason.
fn action_reason(a: &str) -> Option<String> {
    if a == "*" {
        return None;
    }
    let Some((prefix, name)) = a.split_once(':') else {
        return Some("expected \"*\" or service:ActionName, found no \":\"".into());
    };
    if prefix.is_empty() {
        return Some("expected a service prefix before \":\"".into());
    }
    if name.is_empty() {
        return Some("expected an action name after \":\"".into());
    }
    let bad_prefix = prefix
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '*' | '?')));
    if let Some((pos, c)) = bad_prefix {
        return Some(format!(
            "expected letters, digits, hyphens and wildcards in the service prefix, found {:?} at position {pos}",
            c.to_string()
        ));
    }
    let bad_name = name
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '*' | '?')));
    if let Some((pos, c)) = bad_name {
        return Some(format!(
            "expected letters, digits and wildcards in the action name, found {:?} at position {}",
            c.to_string(),
            prefix.chars().count() + 1 + pos
        ));
    }
    None
}

/// Whether `pattern` (with `*` and `?`) matches `text`, ignoring ASCII
/// case. `text` is lowercase.
pub(crate) fn wild_match(pattern: &str, text: &str) -> bool {
    let p = pattern.as_bytes();
    let t = text.as_bytes();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == b'?' || p[pi].to_ascii_lowercase() == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == b'*' {
        pi += 1;
    }
    pi == p.len()
}

/// A policy variable problem in `s`: `(code, message)`.
fn variable_problem(s: &str) -> Option<(Code, String)> {
    let mut rest = s;
    while let Some(open) = rest.find("${") {
        let after = &rest[open + 2..];
        let Some(close) = after.find('}') else {
            return Some((
                Code::MissingBraceInVariable,
                "policy variable \"${\" has no closing \"}\"".into(),
            ));
        };
        let inner = &after[..close];
        rest = &after[close + 1..];
        if inner.trim().is_empty() {
            return Some((
                Code::EmptyVariable,
                "empty policy variable \"${}\": expected a name such as ${aws:username}".into(),
            ));
        }
        if matches!(inner, "*" | "?" | "$") {
            continue;
        }
        let (name, default) = match inner.split_once(',') {
            Some((n, d)) => (n, Some(d)),
            None => (inner, None),
        };
        if name.contains(' ') {
            return Some((
                Code::UnsupportedSpaceInVariable,
                format!("space in policy variable \"${{{inner}}}\": expected none"),
            ));
        }
        if let Some(d) = default {
            let d = d.strip_prefix(' ').unwrap_or(d);
            if d.len() < 2 || !d.starts_with('\'') || !d.ends_with('\'') {
                return Some((
                    Code::MissingQuoteInVariable,
                    format!(
                        "default value of policy variable \"${{{inner}}}\": expected it in single quotes"
                    ),
                ));
            }
        }
    }
    None
}

fn condition_key_ok(key: &str) -> bool {
    key.split_once(':')
        .is_some_and(|(svc, name)| !svc.is_empty() && !name.is_empty())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

struct Operator {
    family: Family,
    qualified: bool,
    if_exists: bool,
}

fn parse_operator(op: &str) -> Result<Operator, String> {
    let (qualified, rest) = match op
        .strip_prefix("ForAllValues:")
        .or_else(|| op.strip_prefix("ForAnyValue:"))
    {
        Some(r) => (true, r),
        None => (false, op),
    };
    let (if_exists, base) = match rest.strip_suffix("IfExists") {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let family = match base {
        "StringEquals"
        | "StringNotEquals"
        | "StringEqualsIgnoreCase"
        | "StringNotEqualsIgnoreCase"
        | "StringLike"
        | "StringNotLike" => Family::String,
        "NumericEquals"
        | "NumericNotEquals"
        | "NumericLessThan"
        | "NumericLessThanEquals"
        | "NumericGreaterThan"
        | "NumericGreaterThanEquals" => Family::Numeric,
        "DateEquals"
        | "DateNotEquals"
        | "DateLessThan"
        | "DateLessThanEquals"
        | "DateGreaterThan"
        | "DateGreaterThanEquals" => Family::Date,
        "Bool" => Family::Bool,
        "BinaryEquals" => Family::Binary,
        "IpAddress" | "NotIpAddress" => Family::Ip,
        "ArnEquals" | "ArnLike" | "ArnNotEquals" | "ArnNotLike" => Family::Arn,
        "Null" => Family::Null,
        _ => {
            return Err(
                "expected an operator such as StringEquals, ArnLike, Bool or Null, optionally \
                 with a ForAllValues: or ForAnyValue: prefix and an IfExists suffix"
                    .into(),
            )
        }
    };
    Ok(Operator {
        family,
        qualified,
        if_exists,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_match_ignoring_case() {
        assert!(wild_match("sts:Assume*", "sts:assumerole"));
        assert!(wild_match("*", "iam:passrole"));
        assert!(wild_match("iam:Pass?ole", "iam:passrole"));
        assert!(!wild_match("s3:*", "sts:assumerole"));
        assert!(!wild_match("sts:AssumeRole", "sts:assumerolewithsaml"));
    }

    #[test]
    fn repeated_values_ignore_case_in_long_and_short_lists() {
        let short: Vec<String> = ["a:B", "a:b", "c:d", "A:B"].map(String::from).into();
        assert_eq!(repeated_ignoring_case(&short), [1, 3]);
        let mut long: Vec<String> = (0..40).map(|i| format!("s3:Get{i}")).collect();
        long.push("S3:get7".into());
        long.push("s3:Get39".into());
        // Equal after folding bit 5 but not ignoring case: same hash.
        long.push("s3:get@".into());
        long.push("s3:get`".into());
        assert_eq!(repeated_ignoring_case(&long), [40, 41]);
    }

    proptest::proptest! {
        #[test]
        fn action_byte_scan_agrees_with_the_reasons(a in "[a-zA-Z0-9:*?$ {}\u{e9}-]{0,6}") {
            proptest::prop_assert_eq!(action_ok(&a), action_reason(&a).is_none());
        }

        #[test]
        fn repeated_agrees_with_a_quadratic_scan(
            v in proptest::collection::vec("[aAbB@`:]{0,3}", 0..40)
        ) {
            let quadratic: Vec<usize> = (1..v.len())
                .filter(|&j| v[..j].iter().any(|w| w.eq_ignore_ascii_case(&v[j])))
                .collect();
            proptest::prop_assert_eq!(repeated_ignoring_case(&v), quadratic);
        }
    }

    #[test]
    fn variables() {
        assert_eq!(variable_problem("a/${aws:username}/*"), None);
        assert_eq!(variable_problem("${aws:PrincipalTag/team, 'x'}"), None);
        assert_eq!(variable_problem("a/${*}"), None);
        assert_eq!(variable_problem("a/${}").unwrap().0, Code::EmptyVariable);
        assert_eq!(
            variable_problem("a/${aws:username").unwrap().0,
            Code::MissingBraceInVariable
        );
        assert_eq!(
            variable_problem("${aws:x, y}").unwrap().0,
            Code::MissingQuoteInVariable
        );
        assert_eq!(
            variable_problem("${aws: x}").unwrap().0,
            Code::UnsupportedSpaceInVariable
        );
    }
}
