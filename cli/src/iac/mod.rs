//! Policies and task definitions inside infrastructure as code: AWS
//! CloudFormation templates (JSON and YAML, [`cloudformation`]) and
//! Terraform plans (`terraform show -json`, [`terraform`]).
//!
//! [`extract`] finds the embedded documents of a file and gives each as
//! the JSON the library reads ([`Embedded::text`]), with its kind and a
//! map from pointers in that JSON back to the file
//! ([`Embedded::place`]). Values not known offline (CloudFormation
//! intrinsic functions such as `!Ref` or `{"Fn::Sub": ...}`, Terraform
//! values unknown until apply) are never reported as invalid: each is
//! written as a unique placeholder string, every finding at or under a
//! placeholder (or naming one) is dropped, and the skipped values are
//! listed in [`Extracted::notes`].

pub mod cloudformation;
pub mod terraform;

use iam_ecs::json::{Json, Pointer};
use iam_ecs::{Code, DocumentKind, Finding, Severity};
use std::collections::HashMap;

/// The prefix of the placeholder written for a value not known offline.
const PLACEHOLDER: &str = "iam-ecs-unknown-";

/// What kind of file `--kind` forces, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forced {
    /// Detect (`--kind auto`): templates and plans by their keys, YAML by
    /// the file name (`.yaml`, `.yml`, `.template`) or its content.
    Auto,
    /// `--kind cloudformation`.
    CloudFormation,
    /// `--kind terraform-plan`.
    TerraformPlan,
}

/// Which infrastructure-as-code format a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An AWS CloudFormation template.
    CloudFormation,
    /// A Terraform plan in JSON (`terraform show -json PLAN`).
    TerraformPlan,
}

impl Format {
    /// How notes name it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::CloudFormation => "a CloudFormation template",
            Format::TerraformPlan => "a Terraform plan",
        }
    }
}

/// A line and a column, 1-based, the column in characters.
pub type LineCol = (usize, usize);

/// Where a value of an embedded document is in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The RFC 6901 pointer in the file: the value itself in a template;
    /// in a plan, the attribute whose string holds the document.
    pub pointer: String,
    /// The line and column of the value, where the reader knows them (YAML
    /// templates); JSON files are located by `pointer`.
    pub line_col: Option<LineCol>,
}

/// One policy or task definition found in a file.
#[derive(Debug, Clone)]
pub struct Embedded {
    /// What to check it as.
    pub kind: DocumentKind,
    /// The document as JSON text, as the library reads it (placeholders
    /// for unknown values; a CloudFormation task definition's properties
    /// under the ECS API's member names).
    pub text: String,
    /// The Terraform resource address and attribute
    /// (`module.app.aws_iam_role.task assume_role_policy`), or `None` in a
    /// template, whose findings carry the template pointer.
    pub address: Option<String>,
    /// Each pointer of `text` with its place in the file.
    places: HashMap<String, Place>,
    /// The pointers of `text` that hold a placeholder.
    unknown: Vec<String>,
    /// Whether this is a CloudFormation `AWS::ECS::TaskDefinition`, whose
    /// unknown members are worded as template properties.
    pub(crate) cloudformation_ecs: bool,
}

/// A finding of an embedded document, placed in the file.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The finding: its path is the pointer in the template (CloudFormation)
    /// or in the embedded document (Terraform, whose message starts with
    /// the address).
    pub finding: Finding,
    /// Where it is in the file.
    pub place: Place,
}

/// What [`extract`] found in a file.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The file's format.
    pub format: Format,
    /// The embedded documents, in file order.
    pub documents: Vec<Embedded>,
    /// Values that could not be read as documents (a policy string that is
    /// not JSON), as findings.
    pub problems: Vec<Placed>,
    /// One line per value skipped as not known offline, and per document
    /// not checked.
    pub notes: Vec<String>,
}

/// The embedded documents of the file `name` (`bytes`), or `None` when it
/// is neither a CloudFormation template nor a Terraform plan (and `forced`
/// is [`Forced::Auto`]). `Some(Err)` names what is wrong with a file that
/// is one (or was forced to be one) but cannot be read.
pub fn extract(name: &str, bytes: &[u8], forced: Forced) -> Option<Result<Extracted, String>> {
    match forced {
        Forced::CloudFormation => Some(cloudformation::extract(bytes)),
        Forced::TerraformPlan => Some(match Json::from_slice(bytes) {
            Ok(json) => terraform::extract(&json),
            Err(e) => Err(format!("not JSON, as a Terraform plan is: {e}")),
        }),
        Forced::Auto => {
            let yaml_name = [".yaml", ".yml", ".template"]
                .iter()
                .any(|ext| name.to_ascii_lowercase().ends_with(ext));
            // Cheap tests first: most files are neither.
            let text = std::str::from_utf8(bytes).ok()?;
            let cfn_keys = text.contains("AWSTemplateFormatVersion") || text.contains("Resources");
            let plan_keys = text.contains("\"format_version\"");
            if !(cfn_keys || plan_keys || yaml_name) {
                return None;
            }
            match Json::parse(text) {
                Ok(json) => {
                    if plan_keys && terraform::is_plan(&json) {
                        Some(terraform::extract(&json))
                    } else if cfn_keys && cloudformation::is_template(&json) {
                        Some(cloudformation::extract(bytes))
                    } else {
                        None
                    }
                }
                // Not JSON: a YAML template, when the name or the
                // content says so.
                Err(_) if yaml_name || cfn_keys => match cloudformation::extract(bytes) {
                    Ok(e) => Some(Ok(e)),
                    Err(e) if yaml_name => Some(Err(e)),
                    Err(_) => None,
                },
                Err(_) => None,
            }
        }
    }
}

impl Embedded {
    /// Checks the document and [`place`](Self::place)s its findings: a task
    /// definition always as register input (what a template or plan
    /// registers), a policy with `policy`.
    pub fn check(&self, policy: impl FnOnce(Json) -> Vec<Finding>) -> Vec<Placed> {
        let invalid = |e: iam_ecs::Error| {
            vec![Finding::new(
                Severity::Error,
                Code::InvalidDocument,
                Pointer::root(),
                e.to_string(),
            )]
        };
        let findings = if self.kind == DocumentKind::TaskDefinition {
            match iam_ecs::ecs::TaskDefinition::from_json_str(&self.text) {
                Ok(td) => td.check(),
                Err(e) => invalid(e),
            }
        } else {
            match Json::parse(&self.text) {
                Ok(json) => policy(json),
                Err(e) => invalid(e),
            }
        };
        self.place(findings)
    }

    /// Places the library's `findings` on this document in the file:
    /// drops those at or under a placeholder (or naming one), rewrites a
    /// template finding's path to the template pointer, and starts a plan
    /// finding's message with the address.
    pub fn place(&self, findings: Vec<Finding>) -> Vec<Placed> {
        findings
            .into_iter()
            .filter(|f| !self.about_unknown(f))
            .map(|f| {
                let place = self.place_of(f.path.as_str());
                let message = if self.cloudformation_ecs && f.code == Code::UnknownField {
                    unknown_property(&place.pointer, &f.message)
                } else {
                    f.message
                };
                let finding = match &self.address {
                    None => Finding::new(f.severity, f.code, pointer_of(&place.pointer), message),
                    Some(address) => {
                        Finding::new(f.severity, f.code, f.path, format!("{address}: {message}"))
                    }
                };
                Placed { finding, place }
            })
            .collect()
    }

    /// Whether `f` is at or under a placeholder, or names one.
    fn about_unknown(&self, f: &Finding) -> bool {
        f.message.contains(PLACEHOLDER)
            || self.unknown.iter().any(|u| {
                f.path.as_str() == u
                    || (f.path.starts_with(u.as_str()) && f.path[u.len()..].starts_with('/'))
            })
    }

    /// The place of the pointer `inner` of the document: that of its
    /// deepest known ancestor, with the rest appended in a template.
    fn place_of(&self, inner: &str) -> Place {
        let mut prefix = inner;
        loop {
            if let Some(place) = self.places.get(prefix) {
                let rest = &inner[prefix.len()..];
                return Place {
                    pointer: if self.address.is_none() {
                        format!("{}{rest}", place.pointer)
                    } else {
                        place.pointer.clone()
                    },
                    line_col: place.line_col,
                };
            }
            match prefix.rfind('/') {
                Some(i) => prefix = &prefix[..i],
                None => {
                    return Place {
                        pointer: String::new(),
                        line_col: None,
                    }
                }
            }
        }
    }
}

/// The message of an `unknown-field` finding on a CloudFormation task
/// definition, at the template pointer `ptr`: the property as written,
/// CloudFormation's rule (a resource type's schema does not allow other
/// properties), and the suggestion as a property name.
fn unknown_property(ptr: &str, message: &str) -> String {
    let key = unescape(ptr.rsplit('/').next().unwrap_or_default());
    let what = message
        .split_once(" in ")
        .and_then(|(_, rest)| rest.split_once(": "))
        .map_or("the resource", |(what, _)| what);
    let mut out = format!(
        "unknown property {key:?} in {what}: CloudFormation rejects a property the resource type's schema does not have"
    );
    if let Some((_, rest)) = message.split_once("(did you mean \"") {
        if let Some((suggestion, _)) = rest.split_once('"') {
            out.push_str(&format!(
                " (did you mean {:?}?)",
                cloudformation::property_of(suggestion)
            ));
        }
    }
    if message.contains("the Fargate checks ran") {
        out.push_str("; the Fargate checks ran as if it were spelled \"RequiresCompatibilities\"");
    }
    out
}

/// A [`Pointer`] from the text of an RFC 6901 pointer.
pub fn pointer_of(text: &str) -> Pointer {
    text.split('/')
        .skip(1)
        .fold(Pointer::root(), |p, t| p.key(&unescape(t)))
}

/// An RFC 6901 reference token unescaped.
fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// An RFC 6901 reference token escaped.
pub(crate) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// A value of a template or plan, with where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) value: Value,
    /// The pointer in the file (for a value inside a string that holds
    /// JSON, the pointer of the string).
    pub(crate) ptr: String,
    /// Line and column, where known (YAML).
    pub(crate) at: Option<LineCol>,
}

/// A value: JSON's, or one not known offline.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// A number as written (valid JSON number text).
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in the order written, duplicates kept.
    Object(Vec<(String, Node)>),
    /// Not known offline: a CloudFormation intrinsic function (its name,
    /// `Fn::Sub`, `Ref`) or a Terraform value unknown until apply.
    Unknown(String),
}

impl Node {
    /// The member `key` of an object (the first, if repeated).
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// A node read from JSON at the file pointer `ptr` (every value
    /// inside gets `ptr` too when `flat`, for JSON held in a string);
    /// CloudFormation intrinsic functions become [`Value::Unknown`] when
    /// `intrinsics`.
    pub(crate) fn from_json(json: &Json, ptr: &str, flat: bool, intrinsics: bool) -> Node {
        let child = |key: &str| {
            if flat {
                ptr.to_owned()
            } else {
                format!("{ptr}/{}", escape(key))
            }
        };
        let value = match json {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(n) => Value::Number(n.as_str().to_owned()),
            Json::String(s) => Value::String(s.clone()),
            Json::Array(items) => Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Node::from_json(v, &child(&i.to_string()), flat, intrinsics))
                    .collect(),
            ),
            Json::Object(o) => {
                let members: Vec<(String, Node)> = o
                    .iter()
                    .map(|(k, v)| (k.clone(), Node::from_json(v, &child(k), flat, intrinsics)))
                    .collect();
                match intrinsic_of(&members) {
                    Some(name) if intrinsics => Value::Unknown(name),
                    _ => Value::Object(members),
                }
            }
        };
        Node {
            value,
            ptr: ptr.to_owned(),
            at: None,
        }
    }
}

/// The name of the intrinsic function an object is in a template: one
/// member `Ref`, `Fn::...`, or `Condition` with a string.
pub(crate) fn intrinsic_of(members: &[(String, Node)]) -> Option<String> {
    match members {
        [(k, v)]
            if k == "Ref"
                || k.starts_with("Fn::")
                || (k == "Condition" && matches!(v.value, Value::String(_))) =>
        {
            Some(k.clone())
        }
        _ => None,
    }
}

/// Builds an [`Embedded`] from a node.
pub(crate) struct Writer {
    text: String,
    places: HashMap<String, Place>,
    unknown: Vec<String>,
    /// `(file pointer, what)` of each value skipped.
    skipped: Vec<(String, String)>,
}

impl Writer {
    /// The document `node` as JSON, with its places.
    pub(crate) fn document(
        kind: DocumentKind,
        node: &Node,
        address: Option<String>,
        skipped: &mut Vec<(String, String)>,
    ) -> Embedded {
        let mut w = Writer {
            text: String::new(),
            places: HashMap::new(),
            unknown: Vec::new(),
            skipped: Vec::new(),
        };
        w.write(node, String::new());
        for (ptr, what) in w.skipped.drain(..) {
            let ptr = match &address {
                Some(a) => format!("{ptr} [{a}]"),
                None => ptr,
            };
            skipped.push((ptr, what));
        }
        Embedded {
            kind,
            text: w.text,
            address,
            places: w.places,
            unknown: w.unknown,
            cloudformation_ecs: false,
        }
    }

    fn write(&mut self, node: &Node, inner: String) {
        self.places.entry(inner.clone()).or_insert(Place {
            pointer: node.ptr.clone(),
            line_col: node.at,
        });
        match &node.value {
            Value::Null => self.text.push_str("null"),
            Value::Bool(b) => self.text.push_str(if *b { "true" } else { "false" }),
            Value::Number(n) => self.text.push_str(n),
            Value::String(s) => self.string(s),
            Value::Unknown(what) => {
                let placeholder = format!("{PLACEHOLDER}{}", self.unknown.len());
                self.string(&placeholder);
                self.unknown.push(inner);
                self.skipped.push((node.ptr.clone(), what.clone()));
            }
            Value::Array(items) => {
                self.text.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.text.push(',');
                    }
                    self.write(item, format!("{inner}/{i}"));
                }
                self.text.push(']');
            }
            Value::Object(members) => {
                self.text.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        self.text.push(',');
                    }
                    self.string(k);
                    self.text.push(':');
                    self.write(v, format!("{inner}/{}", escape(k)));
                }
                self.text.push('}');
            }
        }
    }

    fn string(&mut self, s: &str) {
        // serde_json writes a string as RFC 8259 JSON; it cannot fail.
        self.text
            .push_str(&serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned()));
    }
}

/// The note for the values skipped in a file, one line each.
pub(crate) fn skip_notes(skipped: &[(String, String)]) -> Vec<String> {
    skipped
        .iter()
        .map(|(ptr, what)| {
            let ptr = if ptr.is_empty() { "(document)" } else { ptr };
            format!("{ptr}: skipped {what}: not known offline, never reported as invalid")
        })
        .collect()
}

/// A finding about a value that could not be read as a document.
pub(crate) fn problem(place: Place, address: Option<&str>, message: String) -> Placed {
    let (path, message) = match address {
        Some(a) => (Pointer::root(), format!("{a}: {message}")),
        None => (pointer_of(&place.pointer), message),
    };
    Placed {
        finding: Finding::new(Severity::Error, Code::InvalidJson, path, message),
        place,
    }
}
