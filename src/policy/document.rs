//! The document and statement model: [`PolicyDocument`], [`Statements`],
//! [`Statement`], [`Effect`].

use crate::json::de::document_traits;
use crate::json::parse::Parser;
use crate::json::record::{record, FromJson, Mismatch};
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
    ///
    /// ```
    /// use iam_ecs::policy::PolicyDocument;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}"#;
    /// let doc: PolicyDocument = text.parse()?;
    /// assert_eq!(doc.to_string(), text);
    /// assert_eq!(
    ///     format!("{doc:#}"),
    ///     r#"{
    ///   "Version": "2012-10-17",
    ///   "Statement": {
    ///     "Effect": "Allow",
    ///     "Action": "s3:GetObject",
    ///     "Resource": "arn:aws:s3:::b/*"
    ///   }
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
    /// [`Error::Json`] when the value is not an object.
    pub fn from_json(json: Json) -> Result<Self> {
        match json {
            Json::Object(o) => Ok(Self::from_object(o)),
            other => Err(Error::Json {
                reason: format!(
                    "expected a policy document (a JSON object), found {}",
                    other.type_name()
                )
                .into(),
                line: 1,
                column: 1,
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

impl FromJson for Statements {
    fn read(p: &mut Parser<'_>) -> Result<std::result::Result<Self, (Json, Mismatch)>> {
        match p.peek() {
            Some(b'{') => Ok(Ok(Statements::One(Statement::read_object(p)?))),
            Some(b'[') => Ok(match <Vec<Statement>>::read(p)? {
                Ok(v) => Ok(Statements::Many(v)),
                Err((json, _)) => Self::from_json(json),
            }),
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
