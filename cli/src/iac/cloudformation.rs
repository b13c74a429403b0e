//! AWS CloudFormation templates, JSON and YAML: the policies of
//! `AWS::IAM::Role` (`AssumeRolePolicyDocument` as a trust policy,
//! `Policies[].PolicyDocument` as identity policies), `AWS::IAM::Policy`,
//! `AWS::IAM::ManagedPolicy`, `AWS::IAM::User` and `AWS::IAM::Group`
//! (`Policies[].PolicyDocument`), the resource policies of
//! `AWS::S3::BucketPolicy`, `AWS::SQS::QueuePolicy`,
//! `AWS::SNS::TopicPolicy` (`PolicyDocument`) and `AWS::KMS::Key`
//! (`KeyPolicy`), and `AWS::ECS::TaskDefinition`, whose properties are
//! mapped to the ECS API's members ([`ecs_key`]).
//!
//! YAML is read with `saphyr-parser` (YAML 1.2), keeping each value's
//! line and column; the short intrinsic tags (`!Ref`, `!Sub`, `!GetAtt`,
//! ...) and any other local tag are values not known offline, as are the
//! JSON forms (`{"Ref": ...}`, `{"Fn::...": ...}`).

use super::{escape, intrinsic_of, skip_notes, Extracted, Format, Node, Value, Writer};
use iam_ecs::json::Json;
use iam_ecs::DocumentKind;
use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use std::collections::HashMap;

/// Nesting deeper than this is an error (the JSON reader's limit is of
/// the same order).
const MAX_DEPTH: usize = 256;
/// More nodes than this (aliases expanded) is an error: an alias bomb.
const MAX_NODES: usize = 1_000_000;

/// Whether `json` is a template: `AWSTemplateFormatVersion`, or
/// `Resources` whose members are objects with a string `Type`.
pub fn is_template(json: &Json) -> bool {
    let Some(top) = json.as_object() else {
        return false;
    };
    if top.get("AWSTemplateFormatVersion").is_some() {
        return true;
    }
    top.get("Resources")
        .and_then(Json::as_object)
        .is_some_and(|r| {
            !r.is_empty()
                && r.iter().all(|(_, v)| {
                    v.pointer("/Type")
                        .and_then(Json::as_str)
                        .is_some_and(|t| t.contains("::"))
                })
        })
}

/// The documents of the template `bytes` (JSON, else YAML).
pub fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("a template is UTF-8 text: {e}"))?;
    let root = match Json::parse(text) {
        Ok(json) => Node::from_json(&json, "", false, true),
        Err(json_error) => {
            let looks_json = text.trim_start().starts_with('{');
            read_yaml(text).map_err(|e| {
                if looks_json {
                    format!("not a JSON template ({json_error}) nor a YAML one ({e})")
                } else {
                    format!("not a YAML template: {e}")
                }
            })?
        }
    };
    documents(&root)
}

/// The resource types whose policies or task definitions are checked.
const TYPES: &[&str] = &[
    "AWS::IAM::Role",
    "AWS::IAM::User",
    "AWS::IAM::Group",
    "AWS::IAM::Policy",
    "AWS::IAM::ManagedPolicy",
    "AWS::S3::BucketPolicy",
    "AWS::SQS::QueuePolicy",
    "AWS::SNS::TopicPolicy",
    "AWS::KMS::Key",
    "AWS::ECS::TaskDefinition",
];

/// The CloudFormation property of the ECS member `key` (the inverse of
/// [`ecs_key`]): the exceptions, else the first letter in upper case.
pub fn property_of(key: &str) -> String {
    match key {
        "efsVolumeConfiguration" => "EFSVolumeConfiguration".to_owned(),
        "fsxWindowsFileServerVolumeConfiguration" => {
            "FSxWindowsFileServerVolumeConfiguration".to_owned()
        }
        "s3filesVolumeConfiguration" => "S3FilesVolumeConfiguration".to_owned(),
        "properties" => "ProxyConfigurationProperties".to_owned(),
        "iam" => "IAM".to_owned(),
        _ => {
            let mut chars = key.chars();
            match chars.next() {
                Some(c) => c.to_ascii_uppercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        }
    }
}

/// The documents of the template `root`.
fn documents(root: &Node) -> Result<Extracted, String> {
    let Value::Object(_) = &root.value else {
        return Err("expected a template (an object with \"Resources\"), found something else at the top level".to_owned());
    };
    let mut out = Extracted {
        format: Format::CloudFormation,
        documents: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    let mut skipped = Vec::new();
    let Some(resources) = root.get("Resources") else {
        return Err("expected a \"Resources\" section, found none".to_owned());
    };
    let Value::Object(resources) = &resources.value else {
        return Err(format!(
            "{}: expected \"Resources\" to be an object",
            resources.ptr
        ));
    };
    for (_, resource) in resources {
        let Some(ty) = resource.get("Type").and_then(Node::as_str) else {
            continue;
        };
        let Some(props) = resource.get("Properties") else {
            continue;
        };
        if let Value::Unknown(f) = &props.value {
            if TYPES.contains(&ty) {
                skipped.push((props.ptr.clone(), f.clone()));
            }
            continue;
        }
        let mut doc = |kind: DocumentKind, node: Option<&Node>| {
            if let Some(node) = node {
                add(&mut out, &mut skipped, kind, node);
            }
        };
        match ty {
            "AWS::IAM::Role" => {
                doc(
                    DocumentKind::TrustPolicy,
                    props.get("AssumeRolePolicyDocument"),
                );
                inline_policies(props, &mut doc);
            }
            "AWS::IAM::User" | "AWS::IAM::Group" => inline_policies(props, &mut doc),
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                doc(DocumentKind::IdentityPolicy, props.get("PolicyDocument"));
            }
            "AWS::S3::BucketPolicy" | "AWS::SQS::QueuePolicy" | "AWS::SNS::TopicPolicy" => {
                doc(DocumentKind::ResourcePolicy, props.get("PolicyDocument"));
            }
            "AWS::KMS::Key" => doc(DocumentKind::ResourcePolicy, props.get("KeyPolicy")),
            "AWS::ECS::TaskDefinition" => {
                let td = to_ecs(props, Context::Task);
                let mut e = Writer::document(DocumentKind::TaskDefinition, &td, None, &mut skipped);
                e.cloudformation_ecs = true;
                out.documents.push(e);
            }
            _ => {}
        }
    }
    out.notes = skip_notes(&skipped);
    Ok(out)
}

/// `Policies[].PolicyDocument` as identity policies.
fn inline_policies(props: &Node, doc: &mut impl FnMut(DocumentKind, Option<&Node>)) {
    match props.get("Policies") {
        Some(Node {
            value: Value::Array(items),
            ..
        }) => {
            for item in items {
                match &item.value {
                    // A policy given by an intrinsic function (`!If`).
                    Value::Unknown(_) => doc(DocumentKind::IdentityPolicy, Some(item)),
                    _ => doc(DocumentKind::IdentityPolicy, item.get("PolicyDocument")),
                }
            }
        }
        Some(
            n @ Node {
                value: Value::Unknown(_),
                ..
            },
        ) => doc(DocumentKind::IdentityPolicy, Some(n)),
        _ => {}
    }
}

/// Adds the policy `node` (an object, a JSON string, or a value not
/// known offline) to `out`.
fn add(out: &mut Extracted, skipped: &mut Vec<(String, String)>, kind: DocumentKind, node: &Node) {
    match &node.value {
        Value::Unknown(f) => skipped.push((node.ptr.clone(), f.clone())),
        // A `Json` property may be given as a string of JSON.
        Value::String(s) => match Json::parse(s) {
            Ok(json) => {
                let mut inner = Node::from_json(&json, &node.ptr, true, false);
                // Every value inside is at the string.
                set_at(&mut inner, node.at);
                let mut e = Writer::document(kind, &inner, None, skipped);
                e.address = Some(format!("{} (a JSON string)", node.ptr));
                out.documents.push(e);
            }
            Err(e) => out.problems.push(super::problem(
                super::Place {
                    pointer: node.ptr.clone(),
                    line_col: node.at,
                },
                None,
                format!("the policy is a string that is not JSON: {e}"),
            )),
        },
        _ => out
            .documents
            .push(Writer::document(kind, node, None, skipped)),
    }
}

/// Where in a task definition a value is, for key names and scalar types.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    /// The task definition's own properties.
    Task,
    /// Anything below them.
    Nested,
    /// A free-form map (`DockerLabels`, `Options`, `DriverOpts`,
    /// `Labels`): keys as written, values strings.
    FreeForm,
}

/// The ECS API member of the CloudFormation property `key`: the
/// exceptions of the `AWS::ECS::TaskDefinition` schema, else the first
/// letter in lower case (`ContainerDefinitions` -> `containerDefinitions`).
pub fn ecs_key(key: &str) -> String {
    match key {
        "EFSVolumeConfiguration" => "efsVolumeConfiguration".to_owned(),
        "FSxWindowsFileServerVolumeConfiguration" => {
            "fsxWindowsFileServerVolumeConfiguration".to_owned()
        }
        "S3FilesVolumeConfiguration" => "s3filesVolumeConfiguration".to_owned(),
        "ProxyConfigurationProperties" => "properties".to_owned(),
        "FilesystemId" => "fileSystemId".to_owned(),
        "IAM" => "iam".to_owned(),
        _ => {
            let mut chars = key.chars();
            match chars.next() {
                Some(c) => c.to_ascii_lowercase().to_string() + chars.as_str(),
                None => String::new(),
            }
        }
    }
}

/// Members the ECS API types as integers, booleans, and strings
/// (CloudFormation converts a scalar to the property's type, so
/// `Cpu: 256` is the string `"256"` at the task level and `"80"` the
/// integer 80 for a `ContainerPort`).
const INTEGERS: &[&str] = &[
    "containerPort",
    "hostPort",
    "cpu",
    "memory",
    "memoryReservation",
    "startTimeout",
    "stopTimeout",
    "softLimit",
    "hardLimit",
    "sizeInGiB",
    "interval",
    "timeout",
    "retries",
    "startPeriod",
    "size",
    "maxSwap",
    "swappiness",
    "sharedMemorySize",
    "transitEncryptionPort",
    "restartAttemptPeriod",
];
const BOOLEANS: &[&str] = &[
    "essential",
    "privileged",
    "readOnly",
    "readonlyRootFilesystem",
    "disableNetworking",
    "interactive",
    "pseudoTerminal",
    "initProcessEnabled",
    "autoprovision",
    "enabled",
    "configuredAtLaunch",
    "enableFaultInjection",
];
const STRINGS: &[&str] = &["value", "user", "hostname", "name", "family"];

/// `node` (a task definition's properties, or a value below them) with
/// the ECS API's member names and scalar types.
fn to_ecs(node: &Node, cx: Context) -> Node {
    let value = match &node.value {
        Value::Object(members) => Value::Object(
            members
                .iter()
                .map(|(k, v)| {
                    if cx == Context::FreeForm {
                        return (k.clone(), to_ecs(v, Context::FreeForm));
                    }
                    let key = ecs_key(k);
                    let inner = if matches!(
                        k.as_str(),
                        "DockerLabels" | "Options" | "DriverOpts" | "Labels"
                    ) {
                        Context::FreeForm
                    } else {
                        Context::Nested
                    };
                    let v = coerce(to_ecs(v, inner), &key, cx);
                    (key, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| to_ecs(v, cx)).collect()),
        other if cx == Context::FreeForm => match other {
            Value::Number(n) => Value::String(n.clone()),
            Value::Bool(b) => Value::String(b.to_string()),
            o => o.clone(),
        },
        other => other.clone(),
    };
    Node {
        value,
        ptr: node.ptr.clone(),
        at: node.at,
    }
}

/// The scalar `v` of the member `key` converted to the type ECS takes.
fn coerce(mut v: Node, key: &str, cx: Context) -> Node {
    let task_string = cx == Context::Task && matches!(key, "cpu" | "memory");
    v.value = match v.value {
        Value::Number(n) if task_string || STRINGS.contains(&key) => Value::String(n),
        Value::Bool(b) if STRINGS.contains(&key) => Value::String(b.to_string()),
        Value::String(s) if !task_string && INTEGERS.contains(&key) && s.parse::<i64>().is_ok() => {
            Value::Number(s.trim_start_matches('+').to_owned())
        }
        Value::String(s)
            if BOOLEANS.contains(&key)
                && matches!(s.to_ascii_lowercase().as_str(), "true" | "false") =>
        {
            Value::Bool(s.eq_ignore_ascii_case("true"))
        }
        other => other,
    };
    v
}

/// The short forms of the intrinsic functions and condition functions.
const SHORT_FUNCTIONS: &[&str] = &[
    "Ref",
    "Condition",
    "Sub",
    "GetAtt",
    "Join",
    "If",
    "Select",
    "Split",
    "FindInMap",
    "ImportValue",
    "Base64",
    "Cidr",
    "GetAZs",
    "Equals",
    "Not",
    "And",
    "Or",
    "Transform",
    "Length",
    "ToJsonString",
];

/// The YAML template `text` as a node tree with lines and columns.
pub(crate) fn read_yaml(text: &str) -> Result<Node, String> {
    let mut r = YamlReader {
        parser: Parser::new_from_str(text),
        anchors: HashMap::new(),
        nodes: 0,
    };
    loop {
        let (event, span) = r.next()?;
        match event {
            Event::StreamStart | Event::DocumentStart(_) => {}
            Event::StreamEnd => return Err("the YAML stream has no document".to_owned()),
            Event::Nothing | Event::DocumentEnd => {}
            event => return r.node(event, span, String::new(), 0),
        }
    }
}

struct YamlReader<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
}

impl<'a> YamlReader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), String> {
        match self.parser.next() {
            Some(Ok(e)) => Ok(e),
            Some(Err(e)) => Err(e.to_string()),
            None => Err("unexpected end of the YAML stream".to_owned()),
        }
    }

    /// The node that starts with `event`, at the file pointer `ptr`.
    fn node(
        &mut self,
        event: Event<'a>,
        span: Span,
        ptr: String,
        depth: usize,
    ) -> Result<Node, String> {
        let at = Some((span.start.line(), span.start.col() + 1));
        if depth > MAX_DEPTH {
            return Err(format!(
                "nesting deeper than {MAX_DEPTH} at line {} column {}",
                span.start.line(),
                span.start.col() + 1
            ));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!("more than {MAX_NODES} values (aliases expanded)"));
        }
        let (value, anchor) = match event {
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return Err(format!(
                        "an alias to an unknown anchor at line {} column {}",
                        span.start.line(),
                        span.start.col() + 1
                    ));
                };
                self.nodes += count(target);
                if self.nodes > MAX_NODES {
                    return Err(format!("more than {MAX_NODES} values (aliases expanded)"));
                }
                let mut copy = target.clone();
                rebase(&mut copy, &target.ptr.clone(), &ptr);
                copy.at = at;
                return Ok(copy);
            }
            Event::Scalar(text, style, anchor, tag) => {
                (scalar(&text, style, tag.as_deref()), anchor)
            }
            Event::SequenceStart(anchor, tag) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if event == Event::SequenceEnd {
                        break;
                    }
                    let child = format!("{ptr}/{}", items.len());
                    items.push(self.node(event, span, child, depth + 1)?);
                }
                (tagged(Value::Array(items), tag.as_deref()), anchor)
            }
            Event::MappingStart(anchor, tag) => {
                let mut members: Vec<(String, Node)> = Vec::new();
                loop {
                    let (event, kspan) = self.next()?;
                    if event == Event::MappingEnd {
                        break;
                    }
                    let key = match event {
                        Event::Scalar(k, _, _, _) => k.into_owned(),
                        _ => {
                            return Err(format!(
                                "a mapping key that is not a scalar at line {} column {}",
                                kspan.start.line(),
                                kspan.start.col() + 1
                            ))
                        }
                    };
                    let (event, vspan) = self.next()?;
                    let child = format!("{ptr}/{}", escape(&key));
                    let v = self.node(event, vspan, child, depth + 1)?;
                    members.push((key, v));
                }
                let value = match tag.as_deref() {
                    None => match intrinsic_of(&members) {
                        Some(name) => Value::Unknown(name),
                        None => Value::Object(members),
                    },
                    t => tagged(Value::Object(members), t),
                };
                (value, anchor)
            }
            other => return Err(format!("unexpected YAML event {other:?}")),
        };
        let node = Node { value, ptr, at };
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Ok(node)
    }
}

/// Sets the line and column of `node` and of every value inside it.
fn set_at(node: &mut Node, at: Option<super::LineCol>) {
    node.at = at;
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| set_at(n, at)),
        Value::Object(members) => members.iter_mut().for_each(|(_, n)| set_at(n, at)),
        _ => {}
    }
}

/// The number of nodes in `node`.
fn count(node: &Node) -> usize {
    1 + match &node.value {
        Value::Array(items) => items.iter().map(count).sum(),
        Value::Object(members) => members.iter().map(|(_, v)| count(v)).sum(),
        _ => 0,
    }
}

/// Moves `node` (a copy made for an alias) from the pointer `from` to `to`.
fn rebase(node: &mut Node, from: &str, to: &str) {
    if let Some(rest) = node.ptr.strip_prefix(from) {
        node.ptr = format!("{to}{rest}");
    }
    match &mut node.value {
        Value::Array(items) => items.iter_mut().for_each(|n| rebase(n, from, to)),
        Value::Object(members) => members.iter_mut().for_each(|(_, n)| rebase(n, from, to)),
        _ => {}
    }
}

/// The value of a collection with `tag`: an intrinsic function or another
/// local tag is not known offline; a core-schema tag leaves it as is.
fn tagged(value: Value, tag: Option<&Tag>) -> Value {
    match tag {
        Some(t) if t.handle == "!" => Value::Unknown(function(&t.suffix)),
        Some(t) if !t.is_yaml_core_schema() => Value::Unknown(format!("{}{}", t.handle, t.suffix)),
        _ => value,
    }
}

/// How notes name the function of the short tag `!suffix`.
fn function(suffix: &str) -> String {
    match suffix {
        "Ref" | "Condition" => suffix.to_owned(),
        s if SHORT_FUNCTIONS.contains(&s) => format!("Fn::{s}"),
        s => format!("!{s}"),
    }
}

/// A scalar's value: a tagged one as its tag says, a quoted or block one
/// a string, a plain one by the YAML 1.2 core schema (null, booleans,
/// numbers; a number that is not valid JSON, such as `0x1F` or `.inf`,
/// stays a string).
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(t) = tag {
        if t.handle == "!" {
            return Value::Unknown(function(&t.suffix));
        }
        if !t.is_yaml_core_schema() {
            return Value::Unknown(format!("{}{}", t.handle, t.suffix));
        }
        return match t.suffix.as_str() {
            "str" => Value::String(text.to_owned()),
            _ => plain(text),
        };
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    plain(text)
}

/// A plain scalar by the YAML 1.2 core schema.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        t if is_json_number(t) => Value::Number(t.to_owned()),
        t => Value::String(t.to_owned()),
    }
}

/// Whether `t` is an RFC 8259 number.
fn is_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = 0;
    if b.first() == Some(&b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(c) if c.is_ascii_digit() => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_keep_lines_columns_and_pointers() {
        let text = "A:\n  B: !Ref X\n  C: [1, \"2\", 0x1F, true, ~]\n  'd/e': &a {F: 1}\n  G: *a\n";
        let root = read_yaml(text).unwrap();
        let b = root.get("A").unwrap().get("B").unwrap();
        assert_eq!(b.value, Value::Unknown("Ref".into()));
        assert_eq!(b.at, Some((2, 6)));
        assert_eq!(b.ptr, "/A/B");
        let Value::Array(c) = &root.get("A").unwrap().get("C").unwrap().value else {
            panic!("an array")
        };
        let values: Vec<&Value> = c.iter().map(|n| &n.value).collect();
        assert_eq!(
            values,
            [
                &Value::Number("1".into()),
                &Value::String("2".into()),
                &Value::String("0x1F".into()),
                &Value::Bool(true),
                &Value::Null
            ]
        );
        assert_eq!(c[1].ptr, "/A/C/1");
        let g = root.get("A").unwrap().get("G").unwrap();
        assert_eq!(g.get("F").unwrap().ptr, "/A/G/F");
        assert_eq!(g.at, Some((5, 6)));
        let d = root.get("A").unwrap().get("d/e").unwrap();
        assert_eq!(d.ptr, "/A/d~1e");
    }

    #[test]
    fn long_form_intrinsics_and_unknown_tags_are_unknown() {
        let root = read_yaml("A: {\"Fn::Sub\": x}\nB: !Custom 1\nC: !GetAtt [R, Arn]\n").unwrap();
        assert_eq!(
            root.get("A").unwrap().value,
            Value::Unknown("Fn::Sub".into())
        );
        assert_eq!(
            root.get("B").unwrap().value,
            Value::Unknown("!Custom".into())
        );
        assert_eq!(
            root.get("C").unwrap().value,
            Value::Unknown("Fn::GetAtt".into())
        );
    }

    #[test]
    fn bad_yaml_is_an_error_with_its_place_and_never_a_panic() {
        assert!(read_yaml("a: [1, 2").unwrap_err().contains("line"));
        assert!(read_yaml("? [a]\n: 1\n")
            .unwrap_err()
            .contains("not a scalar"));
        let deep = format!("{}1{}", "[".repeat(400), "]".repeat(400));
        // The parser's own recursion limit, or ours.
        let e = read_yaml(&deep).unwrap_err();
        assert!(
            e.contains("recursion limit") || e.contains("nesting"),
            "{e}"
        );
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";
        assert!(read_yaml(bomb).unwrap_err().contains("aliases"));
    }

    #[test]
    fn every_prefix_of_the_fixtures_reads_or_fails_without_panicking() {
        for text in [
            include_str!("../../tests/fixtures/iac/template.yaml"),
            include_str!("../../tests/fixtures/iac/template.json"),
        ] {
            for (end, _) in text.char_indices().step_by(5) {
                if let Err(e) = extract(&text.as_bytes()[..end]) {
                    assert!(!e.is_empty());
                }
            }
            assert!(extract(text.as_bytes()).is_ok());
        }
        let plan = include_str!("../../tests/fixtures/iac/plan.json");
        for (end, _) in plan.char_indices().step_by(7) {
            if let Ok(json) = Json::parse(&plan[..end]) {
                let _ = super::super::terraform::extract(&json);
            }
        }
    }

    #[test]
    fn ecs_keys() {
        assert_eq!(ecs_key("ContainerDefinitions"), "containerDefinitions");
        assert_eq!(ecs_key("EFSVolumeConfiguration"), "efsVolumeConfiguration");
        assert_eq!(ecs_key("SizeInGiB"), "sizeInGiB");
        assert_eq!(ecs_key("ProxyConfigurationProperties"), "properties");
        assert_eq!(ecs_key(""), "");
    }

    #[test]
    fn json_numbers() {
        for ok in ["0", "-1", "1.5", "1e9", "2E-3", "10"] {
            assert!(is_json_number(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "0x1F",
            ".inf",
            "2012-10-17",
        ] {
            assert!(!is_json_number(bad), "{bad}");
        }
    }
}
