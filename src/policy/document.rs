//! The document and statement model: [`PolicyDocument`], [`Statements`],
//! [`Statement`], [`Effect`].

use crate::json::de::document_traits;
use crate::json::parse::Parser;
use crate::json::record::{read_array_buffered, record, FromJson, Mismatch};
use crate::json::Json;
use crate::policy::{Condition, OneOrMany, Principal};
use crate::{Error, Result};

record! {
    /// An IAM policy document: an identity policy, a role trust policy or
    /// a resource-based policy.
    ///
    /// Reading keeps everything as written (key order, one value vs an
    /// array, `true` vs `"true"`, number text, members the model does not
    /// know, duplicate keys), so that writing gives back the same JSON up
    /// to insignificant whitespace. Whether the document is valid is a
    /// separate question, answered by [`PolicyDocument::check`].
    ///
    /// ```
    /// use iam_ecs::policy::{CheckOptions, PolicyDocument};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let text = r#"{"Statement":{"Resource":"*","Effect":"Allow","Action":"s3:ListAllMyBuckets"},"Version":"2012-10-17"}"#;
    /// let doc = PolicyDocument::from_json_str(text)?;
    /// assert_eq!(doc.to_json_string(), text);
    /// assert!(doc.check(&CheckOptions::identity()).is_empty());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # With std and serde
    ///
    /// A document parses with [`str::parse`] (as
    /// [`from_json_str`](PolicyDocument::from_json_str)) and displays as
    /// its compact JSON, or with `{:#}` as its pretty JSON (as
    /// `serde_json::Value` does: the bytes of
    /// [`to_json_string`](PolicyDocument::to_json_string) and
    /// [`to_json_pretty`](PolicyDocument::to_json_pretty)).
    /// [`push_statement`](PolicyDocument::push_statement) adds a
    /// statement, checked as the policy builders check it:
    ///
    /// ```
    /// use iam_ecs::policy::{IdentityStatement, PolicyDocument};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
    /// let mut doc: PolicyDocument = text.parse()?;
    /// assert_eq!(doc.to_string(), text);
    ///
    /// // The single statement object becomes an array of two.
    /// doc.push_statement(IdentityStatement::allow().action("s3:ListBucket").resource("arn:aws:s3:::b"))?;
    /// assert_eq!(
    ///     format!("{doc:#}"),
    ///     r#"{
    ///   "Version": "2012-10-17",
    ///   "Statement": [
    ///     {
    ///       "Effect": "Allow",
    ///       "Action": "s3:GetObject",
    ///       "Resource": "arn:aws:s3:::b/*"
    ///     },
    ///     {
    ///       "Effect": "Allow",
    ///       "Action": "s3:ListBucket",
    ///       "Resource": "arn:aws:s3:::b"
    ///     }
    ///   ]
    /// }"#,
    /// );
    /// assert_eq!(format!("{doc:#}"), doc.to_json_pretty());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// As a field of a `#[derive(Deserialize)]` struct read with
    /// serde_json, a document is read from its own text by this crate's
    /// reader, so it is written back byte for byte (up to insignificant
    /// whitespace): key order, duplicate keys, number spelling. Other
    /// deserializers (`serde_json::from_value`, other formats, values
    /// buffered by `#[serde(flatten)]` or untagged enums) go through a
    /// generic value and lose what it loses; see
    /// [`Json`](crate::json::Json)'s `Deserialize`.
    ///
    /// ```
    /// use iam_ecs::policy::PolicyDocument;
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Role {
    ///     name: String,
    ///     trust: PolicyDocument,
    /// }
    ///
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// // Keys out of order, a duplicate key, a number spelled 3.60e3.
    /// let policy = r#"{"Statement":[{"Principal":{"Service":"ecs-tasks.amazonaws.com"},"Effect":"Allow","Action":"sts:AssumeRole","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3.60e3}}}],"Version":"2012-10-17","Version":"2012-10-17"}"#;
    /// let role: Role = serde_json::from_str(&format!(r#"{{"name": "app", "trust": {policy}}}"#))?;
    /// assert_eq!(role.name, "app");
    /// assert_eq!(role.trust.to_string(), policy);
    ///
    /// // The crate's message, with serde_json's position in the input.
    /// let err = serde_json::from_str::<Role>(r#"{"name": "app", "trust": []}"#).err().unwrap();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid JSON at line 1, column 1: expected a policy document (a JSON object), found an array at line 1 column 28",
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub struct PolicyDocument {
        /// `Version`: the policy language version, `2012-10-17` (current)
        /// or `2008-10-17`. Optional, but recommended.
        version: String = "Version",
        /// `Id`: an identifier for the policy. Optional; only for
        /// resource-based (and role trust) policies.
        id: String = "Id",
        /// `Statement`: one statement object or an array of them. Required.
        statement: Statements = "Statement",
    }
}

impl PolicyDocument {
    /// Reads a policy document from JSON text.
    ///
    /// Anything that is valid JSON and an object is read: members that do
    /// not fit the model are kept as written and reported by
    /// [`PolicyDocument::check`].
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not JSON (`not json`, `{"a":}`,
    /// trailing commas, comments) or whose top-level value is not an
    /// object (`[]`, `"x"`).
    pub fn from_json_str(text: &str) -> Result<Self> {
        crate::json::record::read_document(text, "a policy document (a JSON object)")
    }

    /// Reads a policy document from UTF-8 bytes.
    ///
    /// # Errors
    /// As [`PolicyDocument::from_json_str`], and for bytes that are not
    /// UTF-8.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        Self::from_json_str(crate::json::parse::utf8(bytes)?)
    }

    /// Reads a policy document from a parsed JSON value.
    ///
    /// # Errors
    /// [`Error::Shape`] when the value is not an object.
    pub fn from_json(json: Json) -> Result<Self> {
        match json {
            Json::Object(o) => Ok(Self::from_object(o)),
            other => Err(Error::Shape {
                expected: "a policy document (a JSON object)",
                found: other.type_name(),
            }),
        }
    }

    /// The compact JSON text, exactly as `serde_json::to_string` writes
    /// this document.
    pub fn to_json_string(&self) -> String {
        // Serializing a tree of strings, booleans and validated numbers
        // into a String cannot fail.
        crate::json::to_compact(self)
    }

    /// The pretty JSON text (two-space indent), exactly as
    /// `serde_json::to_string_pretty` writes this document.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_pretty(self)
    }

    /// The statements, whether `Statement` is one object or an array
    /// (empty when it is absent or kept raw).
    pub fn statements(&self) -> &[Statement] {
        match &self.statement {
            Some(Statements::One(s)) => std::slice::from_ref(s),
            Some(Statements::Many(v)) => v,
            None => &[],
        }
    }

    /// The statements, to change in place, whatever the shape of
    /// `Statement` (empty when it is absent or kept raw). A changed member
    /// stays where it was written; a member set that was not there is
    /// written after the statement's other members.
    ///
    /// ```
    /// use iam_ecs::policy::{OneOrMany, PolicyDocument};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut doc: PolicyDocument = r#"{"Statement":{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}}"#.parse()?;
    /// for s in doc.statements_mut() {
    ///     s.resource = Some(OneOrMany::One("arn:aws:s3:::b/*".to_owned()));
    ///     s.sid = Some("Read".to_owned());
    /// }
    /// assert_eq!(
    ///     doc.to_string(),
    ///     r#"{"Statement":{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b/*","Sid":"Read"}}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn statements_mut(&mut self) -> &mut [Statement] {
        match &mut self.statement {
            Some(Statements::One(s)) => std::slice::from_mut(s),
            Some(Statements::Many(v)) => v,
            None => &mut [],
        }
    }

    /// Adds a statement at the end of `Statement` and returns the
    /// document, so that pushes chain.
    ///
    /// `statement` is a [`Statement`], added as it is (not checked), or a
    /// statement builder, [`IdentityStatement`](crate::policy::IdentityStatement)
    /// or [`TrustStatement`](crate::policy::TrustStatement), checked as
    /// the policy builders check it and written exactly as they write it
    /// (through `Statement`'s `TryFrom` of the builder).
    ///
    /// Whatever the shape of `Statement`:
    /// - an array gets one more element;
    /// - a single statement object becomes an array of two:
    ///   `"Statement": {...}` is written `"Statement": [{...}, {...}]`;
    /// - a document without `Statement` gets an array of one, written
    ///   after the members the document has.
    ///
    /// The rest of the document is kept as written (key order, unknown
    /// members, number spelling). Only the statement is checked, not the
    /// document it joins: call [`check`](PolicyDocument::check) for that
    /// (duplicate `Sid`s, the size quota).
    ///
    /// ```
    /// use iam_ecs::policy::{PolicyDocument, TrustStatement};
    /// use iam_ecs::ServicePrincipal;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut doc: PolicyDocument = r#"{"Version":"2012-10-17","Statement":[]}"#.parse()?;
    /// doc.push_statement(
    ///     TrustStatement::allow().principal_service(ServicePrincipal::ECS_TASKS).action("sts:AssumeRole"),
    /// )?;
    /// assert_eq!(
    ///     doc.to_string(),
    ///     r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
    /// );
    ///
    /// let err = doc.push_statement(TrustStatement::allow().action("s3:GetObject")).unwrap_err();
    /// assert!(err.to_string().starts_with("TrustStatement: invalid Action: "), "{err}");
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// - The builder's [`Error::Build`] for a statement its policy
    ///   builder would reject: an invalid action (`"s3"`) or resource, an
    ///   identity statement without `Resource`, a trust statement without
    ///   a principal or with an action other than the STS ones, an error
    ///   [`check`](PolicyDocument::check) finds in a document of that one
    ///   statement. The document is then unchanged.
    /// - [`Error::Build`] naming `PolicyDocument` and `Statement` when
    ///   `Statement` is kept as written because it does not fit the model
    ///   (`"Statement": "x"`, `"Statement": [{...}, 1]`): there is no
    ///   list to add to without losing what was written.
    pub fn push_statement<S>(&mut self, statement: S) -> Result<&mut Self>
    where
        S: TryInto<Statement>,
        Error: From<S::Error>,
    {
        let index = match &self.statement {
            Some(Statements::Many(v)) => v.len(),
            Some(Statements::One(_)) => 1,
            None => 0,
        };
        let statement = statement
            .try_into()
            .map_err(|e| Error::from(e).in_statement(index))?;
        self.statement = Some(match self.statement.take() {
            Some(Statements::Many(mut v)) => {
                v.push(statement);
                Statements::Many(v)
            }
            Some(Statements::One(first)) => Statements::Many(vec![first, statement]),
            None => {
                crate::json::edit::prepare_to_set(
                    &mut self.layout,
                    "PolicyDocument",
                    "Statement",
                    "a statement",
                )?;
                Statements::Many(vec![statement])
            }
        });
        Ok(self)
    }

    /// Keeps only the statements for which `keep` returns `true`, in
    /// order. `Statement` keeps its place and its shape, except that a
    /// single statement object that is not kept leaves an empty array
    /// (`"Statement": []`, which [`check`](PolicyDocument::check)
    /// reports). Nothing happens when `Statement` is absent or kept raw.
    ///
    /// ```
    /// use iam_ecs::policy::PolicyDocument;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut doc: PolicyDocument = r#"{"Statement":[{"Sid":"A","Effect":"Allow"},{"Sid":"B","Effect":"Deny"}]}"#.parse()?;
    /// doc.retain_statements(|s| s.sid.as_deref() != Some("A"));
    /// assert_eq!(doc.to_string(), r#"{"Statement":[{"Sid":"B","Effect":"Deny"}]}"#);
    /// # Ok(())
    /// # }
    /// ```
    pub fn retain_statements(&mut self, mut keep: impl FnMut(&Statement) -> bool) {
        match &mut self.statement {
            Some(Statements::Many(v)) => v.retain(keep),
            Some(Statements::One(s)) if !keep(s) => {
                self.statement = Some(Statements::Many(Vec::new()));
            }
            Some(Statements::One(_)) | None => {}
        }
    }

    /// The size IAM counts against its quotas: the number of characters of
    /// the compact JSON text that are not whitespace (see
    /// `docs/checks.md`). IAM Access Analyzer reports one more than this.
    pub fn size(&self) -> usize {
        crate::policy::size::count(self)
    }
}

document_traits!(PolicyDocument);

/// The `Statement` element: one statement object, or an array of them.
// One per document: boxing the single statement would only make matching
// on it clumsier.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Statements {
    /// `"Statement": { ... }`
    One(Statement),
    /// `"Statement": [ ... ]`
    Many(Vec<Statement>),
}

thread_local! {
    /// The buffer the statements of an array are read into
    /// ([`read_array_buffered`]): a policy's statement vector is allocated
    /// once, at its length, instead of grown by doubling.
    static STATEMENTS: std::cell::Cell<Vec<Statement>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most statements [`STATEMENTS`] keeps room for between documents.
const STATEMENTS_KEPT: usize = 256;

impl FromJson for Statements {
    fn read(p: &mut Parser<'_>) -> Result<std::result::Result<Self, (Json, Mismatch)>> {
        match p.peek() {
            Some(b'{') => Ok(Ok(Statements::One(Statement::read_object(p)?))),
            Some(b'[') => Ok(
                match read_array_buffered(p, &STATEMENTS, STATEMENTS_KEPT, |p, slot| {
                    // An element that is not an object makes the array
                    // read again generically (as `Statement::read` would
                    // not fit it either).
                    if p.peek() == Some(b'{') {
                        Statement::read_object_into(p, slot)?;
                        Ok(true)
                    } else {
                        Ok(false)
                    }
                })? {
                    Ok(v) => Ok(Statements::Many(v)),
                    Err((json, _)) => Self::from_json(json),
                },
            ),
            _ => Ok(Self::from_json(p.value()?)),
        }
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::Object(_) => None,
            Json::Array(_) => <Vec<Statement>>::mismatch(value),
            other => Some(Mismatch::new("an object or an array of objects", other)),
        }
    }
    fn from_json(value: Json) -> std::result::Result<Self, (Json, Mismatch)> {
        match value {
            Json::Object(o) => Ok(Statements::One(Statement::from_object(o))),
            Json::Array(_) => <Vec<Statement>>::from_json(value).map(Statements::Many),
            other => {
                let m = Mismatch::new("an object or an array of objects", &other);
                Err((other, m))
            }
        }
    }
}

impl serde::Serialize for Statements {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Statements::One(v) => v.serialize(s),
            Statements::Many(v) => v.serialize(s),
        }
    }
}

record! {
    /// One statement of a policy.
    pub struct Statement {
        /// `Sid`: a statement ID, letters and digits only in IAM. Optional.
        sid: String = "Sid",
        /// `Effect`: `Allow` or `Deny`. Required.
        effect: Effect = "Effect",
        /// `Principal`: who the statement applies to. Required in trust and
        /// resource-based policies, not allowed in identity policies.
        principal: Principal = "Principal",
        /// `NotPrincipal`: everyone except these. Not allowed in identity
        /// or role trust policies.
        not_principal: Principal = "NotPrincipal",
        /// `Action`: the actions, such as `sts:AssumeRole`. This or
        /// `NotAction` is required.
        action: OneOrMany<String> = "Action",
        /// `NotAction`: every action except these.
        not_action: OneOrMany<String> = "NotAction",
        /// `Resource`: ARNs or `*`. This or `NotResource` is required in
        /// identity policies; not allowed in role trust policies.
        resource: OneOrMany<String> = "Resource",
        /// `NotResource`: every resource except these.
        not_resource: OneOrMany<String> = "NotResource",
        /// `Condition`: when the statement applies. Optional.
        condition: Condition = "Condition",
    }
}

/// The `Effect` of a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Effect {
    /// `"Allow"`
    Allow,
    /// `"Deny"`
    Deny,
}

impl Effect {
    /// `Allow` or `Deny`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        }
    }
}

impl std::fmt::Display for Effect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

const EFFECT_EXPECTED: &str = "\"Allow\" or \"Deny\"";

impl FromJson for Effect {
    fn read(p: &mut Parser<'_>) -> Result<std::result::Result<Self, (Json, Mismatch)>> {
        if p.peek() == Some(b'"') {
            let mark = p.mark();
            match p.str_value()?.as_ref() {
                "Allow" => return Ok(Ok(Effect::Allow)),
                "Deny" => return Ok(Ok(Effect::Deny)),
                _ => p.rewind(mark),
            }
        }
        Ok(Self::from_json(p.value()?))
    }
    fn mismatch(value: &Json) -> Option<Mismatch> {
        match value {
            Json::String(s) if s == "Allow" || s == "Deny" => None,
            other => Some(Mismatch::new(EFFECT_EXPECTED, other)),
        }
    }
    fn from_json(value: Json) -> std::result::Result<Self, (Json, Mismatch)> {
        match value.as_str() {
            Some("Allow") => Ok(Effect::Allow),
            Some("Deny") => Ok(Effect::Deny),
            _ => {
                let m = Mismatch::new(EFFECT_EXPECTED, &value);
                Err((value, m))
            }
        }
    }
}

impl serde::Serialize for Effect {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
