//! [`Request`]: who asks to do what to which resource, with which context
//! keys, and the policies that apply, read from the JSON format of
//! `../shared/eval-cases/README.md`.

use crate::json::{Json, Object, Pointer};
use crate::policy::PolicyDocument;

/// A request that [`Request::from_json_str`] or [`Request::from_json`]
/// could not read: where in the request (a JSON Pointer), what was
/// expected there and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid request at {}: expected {expected}, found {found}", if .at.is_root() { "(document)" } else { .at.as_str() })]
pub struct RequestError {
    /// Where in the request the problem is (`/principal`,
    /// `/context/aws:TagKeys/1`, `""` for the whole request).
    pub at: Pointer,
    /// What the format takes there.
    pub expected: String,
    /// What was found.
    pub found: String,
}

impl RequestError {
    fn new(at: Pointer, expected: impl Into<String>, found: impl Into<String>) -> Self {
        RequestError {
            at,
            expected: expected.into(),
            found: found.into(),
        }
    }
}

/// The value of one request context key: one string or a set of strings.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ContextValue {
    /// A single-valued key (`"aws:SourceAccount": "111122223333"`).
    Single(String),
    /// A multivalued key (`"aws:TagKeys": ["team", "env"]`), possibly
    /// empty.
    Multi(Vec<String>),
}

impl ContextValue {
    /// The values, one or many.
    pub fn values(&self) -> &[String] {
        match self {
            ContextValue::Single(s) => std::slice::from_ref(s),
            ContextValue::Multi(v) => v,
        }
    }
}

/// The request context: condition keys and their values. Key names are
/// case-insensitive (`aws:SourceIp` and `aws:sourceip` are one key).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Context {
    /// (name as written, name in ASCII lower case, value), in order.
    entries: Vec<(String, String, ContextValue)>,
}

impl Context {
    /// An empty context.
    pub fn new() -> Self {
        Context::default()
    }

    /// Sets `key` to `value`, replacing a key of the same name in any case.
    pub fn insert(&mut self, key: &str, value: ContextValue) {
        let lower = key.to_ascii_lowercase();
        if let Some(e) = self.entries.iter_mut().find(|e| e.1 == lower) {
            e.2 = value;
        } else {
            self.entries.push((key.to_owned(), lower, value));
        }
    }

    /// The value of `key`, looked up case-insensitively.
    pub fn get(&self, key: &str) -> Option<&ContextValue> {
        self.entries
            .iter()
            .find(|e| e.1.len() == key.len() && e.1.eq_ignore_ascii_case(key))
            .map(|e| &e.2)
    }

    /// The keys and values in the order they were set, names as written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ContextValue)> {
        self.entries.iter().map(|e| (e.0.as_str(), &e.2))
    }

    /// The number of keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// One level of an AWS Organizations hierarchy (the root, an OU, the
/// account) and the SCPs or RCPs attached there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgLevel {
    /// The level's name as given (`r-examplerootid`, `ou-...`, an account
    /// ID).
    pub level: String,
    /// The policies attached at this level.
    pub policies: Vec<PolicyDocument>,
}

/// Who makes a request, as read from the request's `principal`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    /// `"anonymous"`: an unauthenticated request.
    Anonymous,
    /// A service principal such as `ecs-tasks.amazonaws.com` (or another
    /// name that is not an ARN, such as a web identity provider).
    Service(String),
    /// `arn:PARTITION:iam::ACCOUNT:root`, the account's root user.
    Root {
        /// The root user's ARN.
        arn: String,
        /// The account ID.
        account: String,
    },
    /// `arn:PARTITION:iam::ACCOUNT:user/PATH/NAME`.
    User {
        /// The user's ARN.
        arn: String,
        /// The account ID.
        account: String,
    },
    /// `arn:PARTITION:iam::ACCOUNT:role/PATH/NAME`, a role acting as itself.
    Role {
        /// The role's ARN.
        arn: String,
        /// The account ID.
        account: String,
    },
    /// `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE/SESSION`.
    AssumedRole {
        /// The session's ARN.
        arn: String,
        /// The account ID.
        account: String,
        /// The role behind the session: `sessionIssuer` when the request
        /// gives it, else `arn:PARTITION:iam::ACCOUNT:role/ROLE` (no path).
        role_arn: String,
    },
    /// `arn:PARTITION:sts::ACCOUNT:federated-user/NAME` (a
    /// `GetFederationToken` session).
    FederatedUser {
        /// The session's ARN.
        arn: String,
        /// The account ID.
        account: String,
    },
}

impl PrincipalKind {
    /// Reads a principal: `anonymous`, an IAM or STS ARN, or a service
    /// principal. `issuer` is the request's optional `sessionIssuer`.
    ///
    /// # Errors
    /// A [`RequestError`] at `/principal` (or `/sessionIssuer`) for an ARN
    /// that is not one of the principal forms.
    pub fn parse(text: &str, issuer: Option<&str>) -> Result<PrincipalKind, RequestError> {
        const EXPECTED: &str = "\"anonymous\", a service principal, or an IAM user, role or root ARN, an assumed-role or federated-user session ARN";
        let at = || Pointer::root().key("principal");
        if text == "anonymous" {
            return Ok(PrincipalKind::Anonymous);
        }
        if !text.starts_with("arn:") {
            if text.is_empty() || text.contains(['*', '?', ' ', ':']) {
                return Err(RequestError::new(at(), EXPECTED, format!("{text:?}")));
            }
            return Ok(PrincipalKind::Service(text.to_owned()));
        }
        let parts: Vec<&str> = text.splitn(6, ':').collect();
        let bad = || RequestError::new(at(), EXPECTED, format!("{text:?}"));
        if parts.len() != 6 || parts[1].is_empty() || !parts[3].is_empty() {
            return Err(bad());
        }
        let (service, account, res) = (parts[2], parts[4], parts[5]);
        if !is_account_id(account) || text.contains(['*', '?']) {
            return Err(bad());
        }
        let account = account.to_owned();
        match service {
            "iam" if res == "root" => Ok(PrincipalKind::Root {
                arn: text.to_owned(),
                account,
            }),
            "iam" if named(res, "user/") => Ok(PrincipalKind::User {
                arn: text.to_owned(),
                account,
            }),
            "iam" if named(res, "role/") => Ok(PrincipalKind::Role {
                arn: text.to_owned(),
                account,
            }),
            "sts" => {
                if let Some(rest) = res.strip_prefix("assumed-role/") {
                    let (role, session) = rest.split_once('/').ok_or_else(bad)?;
                    if role.is_empty() || session.is_empty() || session.contains('/') {
                        return Err(bad());
                    }
                    let derived = format!("arn:{}:iam::{account}:role/{role}", parts[1]);
                    let role_arn = match issuer {
                        None => derived,
                        Some(i) => {
                            let ok = i
                                .starts_with(&format!("arn:{}:iam::{account}:role/", parts[1]))
                                && i.rsplit('/').next() == Some(role);
                            if !ok {
                                return Err(RequestError::new(
                                    Pointer::root().key("sessionIssuer"),
                                    format!("the ARN of role {role:?} of account {account} (with its path)"),
                                    format!("{i:?}"),
                                ));
                            }
                            i.to_owned()
                        }
                    };
                    Ok(PrincipalKind::AssumedRole {
                        arn: text.to_owned(),
                        account,
                        role_arn,
                    })
                } else if let Some(name) = res.strip_prefix("federated-user/") {
                    if name.is_empty() || name.contains('/') {
                        return Err(bad());
                    }
                    Ok(PrincipalKind::FederatedUser {
                        arn: text.to_owned(),
                        account,
                    })
                } else {
                    Err(bad())
                }
            }
            _ => Err(bad()),
        }
    }

    /// The principal as the request's `principal` member writes it.
    pub fn as_str(&self) -> &str {
        match self {
            PrincipalKind::Anonymous => "anonymous",
            PrincipalKind::Service(name) => name,
            PrincipalKind::Root { arn, .. }
            | PrincipalKind::User { arn, .. }
            | PrincipalKind::Role { arn, .. }
            | PrincipalKind::AssumedRole { arn, .. }
            | PrincipalKind::FederatedUser { arn, .. } => arn,
        }
    }

    /// The account the principal belongs to; `None` for a service
    /// principal and an anonymous request.
    pub fn account(&self) -> Option<&str> {
        match self {
            PrincipalKind::Anonymous | PrincipalKind::Service(_) => None,
            PrincipalKind::Root { account, .. }
            | PrincipalKind::User { account, .. }
            | PrincipalKind::Role { account, .. }
            | PrincipalKind::AssumedRole { account, .. }
            | PrincipalKind::FederatedUser { account, .. } => Some(account),
        }
    }
}

/// `user/NAME` or `user/PATH/NAME` with a non-empty name.
fn named(res: &str, prefix: &str) -> bool {
    res.strip_prefix(prefix)
        .and_then(|r| r.rsplit('/').next())
        .is_some_and(|n| !n.is_empty())
}

/// Twelve ASCII digits.
pub(crate) fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// One request to evaluate, with the policies that apply to it by layer.
///
/// ```
/// use iam_ecs::eval::{evaluate, Decision, Request};
///
/// let request = Request::from_json_str(r#"{
///   "principal": "arn:aws:iam::123456789012:user/Bob",
///   "action": "s3:GetObject",
///   "resource": "arn:aws:s3:::example-bucket/report.csv",
///   "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::example-bucket/*"}}]
/// }"#)?;
/// let answer = evaluate(&request);
/// assert_eq!(answer.decision, Decision::Allowed);
/// assert_eq!(answer.deciding[0].policy, "identityPolicies[0]");
/// assert_eq!(answer.deciding[0].statement, "/Statement");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Who makes the request.
    pub principal: PrincipalKind,
    /// `service:Action`, one action, no wildcard.
    pub action: String,
    /// The resource ARN, or `*`.
    pub resource: String,
    /// The account that owns the resource, when the request gives it.
    pub resource_account: Option<String>,
    /// The request context keys.
    pub context: Context,
    /// The principal's identity-based policies.
    pub identity_policies: Vec<PolicyDocument>,
    /// The resource's policy (a role's trust policy for `sts:AssumeRole*`).
    pub resource_policy: Option<PolicyDocument>,
    /// The principal's permissions boundary.
    pub permissions_boundary: Option<PolicyDocument>,
    /// The session policy of the principal's session.
    pub session_policy: Option<PolicyDocument>,
    /// SCPs of the principal's account, from the root down; `None` when
    /// the account is in no organisation.
    pub service_control_policies: Option<Vec<OrgLevel>>,
    /// RCPs of the resource's account other than `RCPFullAWSAccess`,
    /// from the root down.
    pub resource_control_policies: Option<Vec<OrgLevel>>,
}

const MEMBERS: &[&str] = &[
    "principal",
    "action",
    "resource",
    "resourceAccount",
    "sessionIssuer",
    "context",
    "identityPolicies",
    "resourcePolicy",
    "permissionsBoundary",
    "sessionPolicy",
    "serviceControlPolicies",
    "resourceControlPolicies",
];

impl Request {
    /// A request with no context and no policies.
    pub fn new(principal: PrincipalKind, action: &str, resource: &str) -> Request {
        Request {
            principal,
            action: action.to_owned(),
            resource: resource.to_owned(),
            resource_account: None,
            context: Context::new(),
            identity_policies: Vec::new(),
            resource_policy: None,
            permissions_boundary: None,
            session_policy: None,
            service_control_policies: None,
            resource_control_policies: None,
        }
    }

    /// Reads a request from JSON text in the format of
    /// `eval-cases/README.md`.
    ///
    /// # Errors
    /// A [`RequestError`] naming the pointer of what is wrong: text that
    /// is not JSON (at `""`, with the line and column), a member that is
    /// missing, unknown or of the wrong type, a principal that is none of
    /// the principal forms, an action that is not `service:Action`.
    pub fn from_json_str(text: &str) -> Result<Request, RequestError> {
        let json = Json::parse(text)
            .map_err(|e| RequestError::new(Pointer::root(), "a JSON object", e.to_string()))?;
        Request::from_json(&json)
    }

    /// Reads a request from a parsed JSON value; see
    /// [`Request::from_json_str`].
    ///
    /// # Errors
    /// As [`Request::from_json_str`].
    pub fn from_json(json: &Json) -> Result<Request, RequestError> {
        let root = Pointer::root();
        let obj = json
            .as_object()
            .ok_or_else(|| RequestError::new(root.clone(), "a JSON object", json.type_name()))?;
        for (i, (k, _)) in obj.iter().enumerate() {
            if !MEMBERS.contains(&k.as_str()) {
                return Err(RequestError::new(
                    root.key(k),
                    format!("one of the members {}", MEMBERS.join(", ")),
                    format!("the unknown member {k:?}"),
                ));
            }
            if obj.iter().take(i).any(|(k2, _)| k2 == k) {
                return Err(RequestError::new(
                    root.key(k),
                    "each member once",
                    format!("a second {k:?}"),
                ));
            }
        }
        let principal_text = required_str(obj, "principal")?;
        let issuer = optional_str(obj, "sessionIssuer")?;
        let principal = PrincipalKind::parse(principal_text, issuer)?;
        let action = required_str(obj, "action")?;
        let valid_action = action
            .split_once(':')
            .is_some_and(|(s, a)| !s.is_empty() && !a.is_empty() && !action.contains(['*', '?']));
        if !valid_action {
            return Err(RequestError::new(
                root.key("action"),
                "service:Action (one action, no wildcard)",
                format!("{action:?}"),
            ));
        }
        let resource = required_str(obj, "resource")?;
        if resource.is_empty() {
            return Err(RequestError::new(
                root.key("resource"),
                "a resource ARN or \"*\"",
                "an empty string",
            ));
        }
        let resource_account = optional_str(obj, "resourceAccount")?;
        if let Some(a) = resource_account {
            if !is_account_id(a) {
                return Err(RequestError::new(
                    root.key("resourceAccount"),
                    "an account ID (12 digits)",
                    format!("{a:?}"),
                ));
            }
        }
        let mut request = Request::new(principal, action, resource);
        request.resource_account = resource_account.map(str::to_owned);
        if let Some(ctx) = obj.get("context") {
            let at = root.key("context");
            let ctx = ctx
                .as_object()
                .ok_or_else(|| RequestError::new(at.clone(), "an object", ctx.type_name()))?;
            for (k, v) in ctx {
                let at = at.key(k);
                if request.context.get(k).is_some() {
                    return Err(RequestError::new(
                        at,
                        "each context key once (key names are case-insensitive)",
                        format!("a second {k:?}"),
                    ));
                }
                let value = match v {
                    Json::String(s) => ContextValue::Single(s.clone()),
                    Json::Array(items) => {
                        let mut vs = Vec::with_capacity(items.len());
                        for (i, item) in items.iter().enumerate() {
                            match item {
                                Json::String(s) => vs.push(s.clone()),
                                other => {
                                    return Err(RequestError::new(
                                        at.index(i),
                                        "a string (numbers, booleans and dates are written as strings)",
                                        other.type_name(),
                                    ))
                                }
                            }
                        }
                        ContextValue::Multi(vs)
                    }
                    other => {
                        return Err(RequestError::new(
                            at,
                            "a string or an array of strings (numbers, booleans and dates are written as strings)",
                            other.type_name(),
                        ))
                    }
                };
                request.context.insert(k, value);
            }
        }
        if let Some(v) = obj.get("identityPolicies") {
            request.identity_policies = policies(v, &root.key("identityPolicies"))?;
        }
        request.resource_policy = optional_policy(obj, "resourcePolicy")?;
        request.permissions_boundary = optional_policy(obj, "permissionsBoundary")?;
        request.session_policy = optional_policy(obj, "sessionPolicy")?;
        request.service_control_policies = levels(obj, "serviceControlPolicies")?;
        request.resource_control_policies = levels(obj, "resourceControlPolicies")?;
        Ok(request)
    }

    /// The request as compact JSON text in the format
    /// [`Request::from_json_str`] reads (for `iam-ecs simulate`); the
    /// policies are written as they were read, so reading the text back
    /// gives an equal request.
    pub fn to_json_string(&self) -> String {
        let s = |t: &str| serde_json::Value::from(t).to_string();
        let levels = |ls: &[OrgLevel]| -> String {
            let items: Vec<String> = ls
                .iter()
                .map(|l| {
                    let ps: Vec<String> = l
                        .policies
                        .iter()
                        .map(PolicyDocument::to_json_string)
                        .collect();
                    format!(
                        r#"{{"level":{},"policies":[{}]}}"#,
                        s(&l.level),
                        ps.join(",")
                    )
                })
                .collect();
            format!("[{}]", items.join(","))
        };
        let mut out = vec![format!(r#""principal":{}"#, s(self.principal.as_str()))];
        if let PrincipalKind::AssumedRole { role_arn, .. } = &self.principal {
            out.push(format!(r#""sessionIssuer":{}"#, s(role_arn)));
        }
        out.push(format!(r#""action":{}"#, s(&self.action)));
        out.push(format!(r#""resource":{}"#, s(&self.resource)));
        if let Some(a) = &self.resource_account {
            out.push(format!(r#""resourceAccount":{}"#, s(a)));
        }
        let ctx: Vec<String> = self
            .context
            .iter()
            .map(|(k, v)| {
                let v = match v {
                    ContextValue::Single(x) => s(x),
                    ContextValue::Multi(xs) => {
                        format!(
                            "[{}]",
                            xs.iter().map(|x| s(x)).collect::<Vec<_>>().join(",")
                        )
                    }
                };
                format!("{}:{v}", s(k))
            })
            .collect();
        out.push(format!(r#""context":{{{}}}"#, ctx.join(",")));
        let ids: Vec<String> = self
            .identity_policies
            .iter()
            .map(PolicyDocument::to_json_string)
            .collect();
        out.push(format!(r#""identityPolicies":[{}]"#, ids.join(",")));
        for (k, v) in [
            ("resourcePolicy", &self.resource_policy),
            ("permissionsBoundary", &self.permissions_boundary),
            ("sessionPolicy", &self.session_policy),
        ] {
            if let Some(d) = v {
                out.push(format!(r#""{k}":{}"#, d.to_json_string()));
            }
        }
        if let Some(ls) = &self.service_control_policies {
            out.push(format!(r#""serviceControlPolicies":{}"#, levels(ls)));
        }
        if let Some(ls) = &self.resource_control_policies {
            out.push(format!(r#""resourceControlPolicies":{}"#, levels(ls)));
        }
        format!("{{{}}}", out.join(","))
    }

    /// The account that owns the resource: `resourceAccount`, else the
    /// account the resource ARN names, else the principal's account
    /// (`None` only for a service principal or an anonymous request on a
    /// resource whose ARN names no account).
    pub fn resource_account(&self) -> Option<&str> {
        if let Some(a) = &self.resource_account {
            return Some(a);
        }
        let mut parts = self.resource.splitn(6, ':');
        let named = (parts.next() == Some("arn"))
            .then(|| parts.nth(3))
            .flatten()
            .filter(|a| is_account_id(a));
        named.or_else(|| self.principal.account())
    }
}

fn required_str<'a>(obj: &'a Object, key: &str) -> Result<&'a str, RequestError> {
    match obj.get(key) {
        Some(Json::String(s)) => Ok(s),
        Some(other) => Err(RequestError::new(
            Pointer::root().key(key),
            "a string",
            other.type_name(),
        )),
        None => Err(RequestError::new(
            Pointer::root(),
            format!("the member {key:?}"),
            "none",
        )),
    }
}

fn optional_str<'a>(obj: &'a Object, key: &str) -> Result<Option<&'a str>, RequestError> {
    match obj.get(key) {
        None => Ok(None),
        Some(_) => required_str(obj, key).map(Some),
    }
}

fn policy(v: &Json, at: &Pointer) -> Result<PolicyDocument, RequestError> {
    match v {
        Json::Object(_) => PolicyDocument::from_json(v.clone())
            .map_err(|e| RequestError::new(at.clone(), "a policy document", e.to_string())),
        other => Err(RequestError::new(
            at.clone(),
            "a policy document (a JSON object)",
            other.type_name(),
        )),
    }
}

fn optional_policy(obj: &Object, key: &str) -> Result<Option<PolicyDocument>, RequestError> {
    obj.get(key)
        .map(|v| policy(v, &Pointer::root().key(key)))
        .transpose()
}

fn policies(v: &Json, at: &Pointer) -> Result<Vec<PolicyDocument>, RequestError> {
    let items = v.as_array().ok_or_else(|| {
        RequestError::new(at.clone(), "an array of policy documents", v.type_name())
    })?;
    items
        .iter()
        .enumerate()
        .map(|(i, p)| policy(p, &at.index(i)))
        .collect()
}

fn levels(obj: &Object, key: &str) -> Result<Option<Vec<OrgLevel>>, RequestError> {
    let Some(v) = obj.get(key) else {
        return Ok(None);
    };
    let at = Pointer::root().key(key);
    let items = v.as_array().ok_or_else(|| {
        RequestError::new(
            at.clone(),
            "an array of levels ({\"level\": ..., \"policies\": [...]})",
            v.type_name(),
        )
    })?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = at.index(i);
        let o = item
            .as_object()
            .ok_or_else(|| RequestError::new(at.clone(), "an object", item.type_name()))?;
        if let Some((i, k)) = o.duplicate_keys().first() {
            return Err(RequestError::new(
                at.key(k),
                "each member once",
                format!("a second {k:?} (member {i})"),
            ));
        }
        if let Some((k, _)) = o.iter().find(|(k, _)| k != "level" && k != "policies") {
            return Err(RequestError::new(
                at.key(k),
                "the members \"level\" and \"policies\"",
                format!("the unknown member {k:?}"),
            ));
        }
        let level = match o.get("level") {
            Some(Json::String(s)) => s.clone(),
            Some(other) => {
                return Err(RequestError::new(
                    at.key("level"),
                    "a string",
                    other.type_name(),
                ))
            }
            None => return Err(RequestError::new(at, "the member \"level\"", "none")),
        };
        let policies = match o.get("policies") {
            Some(p) => policies(p, &at.key("policies"))?,
            None => return Err(RequestError::new(at, "the member \"policies\"", "none")),
        };
        out.push(OrgLevel { level, policies });
    }
    Ok(Some(out))
}
