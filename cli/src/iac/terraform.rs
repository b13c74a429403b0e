//! Terraform plans in JSON (`terraform show -json PLAN`): the resources
//! of `planned_values.root_module` and of its `child_modules`, recursively.
//!
//! Policies are JSON strings: `aws_iam_role` (`assume_role_policy` as a
//! trust policy, `inline_policy[].policy` as identity policies),
//! `aws_iam_policy`, `aws_iam_role_policy`, `aws_iam_user_policy`,
//! `aws_iam_group_policy` (`policy`, identity), and the resource policies
//! of `aws_s3_bucket_policy`, `aws_sqs_queue_policy`,
//! `aws_sns_topic_policy` and `aws_kms_key` (`policy`).
//! `aws_ecs_task_definition` becomes a register input: its
//! `container_definitions` string, and its task-level arguments under the
//! ECS API's member names ([`ecs_key`]).
//!
//! A value unknown until apply (`true` in the resource change's
//! `after_unknown`; `planned_values` leaves it out) is never reported as
//! invalid: a policy that is unknown is not checked, and an unknown
//! task-level argument is a placeholder whose findings are dropped; both
//! are listed in the notes. Data sources are not checked.

use super::{problem, skip_notes, Extracted, Format, Node, Place, Value, Writer};
use iam_ecs::json::Json;
use iam_ecs::DocumentKind;

/// What notes call a value unknown until apply.
const UNKNOWN: &str = "a value unknown until apply";

/// Whether `json` is a plan: `format_version` with `planned_values`,
/// `resource_changes` or `terraform_version`.
pub fn is_plan(json: &Json) -> bool {
    json.as_object().is_some_and(|o| {
        o.get("format_version").is_some()
            && ["planned_values", "resource_changes", "terraform_version"]
                .iter()
                .any(|k| o.get(k).is_some())
    })
}

/// The documents of the plan `json`.
pub fn extract(json: &Json) -> Result<Extracted, String> {
    if !is_plan(json) {
        return Err("expected a Terraform plan (`terraform show -json`: an object with \"format_version\" and \"planned_values\"), found none of those keys".to_owned());
    }
    let mut out = Extracted {
        format: Format::TerraformPlan,
        documents: Vec::new(),
        problems: Vec::new(),
        notes: Vec::new(),
    };
    let mut skipped = Vec::new();
    if let Some(root) = json.pointer("/planned_values/root_module") {
        module(
            json,
            root,
            "/planned_values/root_module",
            &mut out,
            &mut skipped,
        );
    }
    out.notes = skip_notes(&skipped);
    Ok(out)
}

/// The resources of the module `m` at `ptr`, then its child modules.
fn module(
    plan: &Json,
    m: &Json,
    ptr: &str,
    out: &mut Extracted,
    skipped: &mut Vec<(String, String)>,
) {
    if let Some(resources) = m.pointer("/resources").and_then(Json::as_array) {
        for (i, r) in resources.iter().enumerate() {
            resource(plan, r, &format!("{ptr}/resources/{i}"), out, skipped);
        }
    }
    if let Some(children) = m.pointer("/child_modules").and_then(Json::as_array) {
        for (i, c) in children.iter().enumerate() {
            module(plan, c, &format!("{ptr}/child_modules/{i}"), out, skipped);
        }
    }
}

/// The `after_unknown` of the resource change of `address`.
fn after_unknown<'a>(plan: &'a Json, address: &str) -> Option<&'a Json> {
    plan.pointer("/resource_changes")?
        .as_array()?
        .iter()
        .find(|c| c.pointer("/address").and_then(Json::as_str) == Some(address))?
        .pointer("/change/after_unknown")
}

/// The documents of one resource.
fn resource(
    plan: &Json,
    r: &Json,
    ptr: &str,
    out: &mut Extracted,
    skipped: &mut Vec<(String, String)>,
) {
    if r.pointer("/mode").and_then(Json::as_str) == Some("data") {
        return;
    }
    let (Some(ty), Some(address), Some(values)) = (
        r.pointer("/type").and_then(Json::as_str),
        r.pointer("/address").and_then(Json::as_str),
        r.pointer("/values"),
    ) else {
        return;
    };
    let values_ptr = format!("{ptr}/values");
    let mut node = Node::from_json(values, &values_ptr, false, false);
    if let Some(unknown) = after_unknown(plan, address) {
        mark_unknown(&mut node, unknown);
    }
    let policy = |out: &mut Extracted,
                  skipped: &mut Vec<(String, String)>,
                  kind: DocumentKind,
                  attr: &str,
                  value: Option<&Node>| {
        let Some(value) = value else { return };
        let address = format!("{address} ({attr})");
        match &value.value {
            Value::Unknown(what) => {
                skipped.push((format!("{} [{address}]", value.ptr), what.clone()))
            }
            Value::String(s) if !s.is_empty() => match Json::parse(s) {
                Ok(json) => {
                    let doc = Node::from_json(&json, &value.ptr, true, false);
                    out.documents
                        .push(Writer::document(kind, &doc, Some(address), skipped));
                }
                Err(e) => out.problems.push(problem(
                    Place {
                        pointer: value.ptr.clone(),
                        line_col: None,
                    },
                    Some(&address),
                    format!("the policy is a string that is not JSON: {e}"),
                )),
            },
            _ => {}
        }
    };
    match ty {
        "aws_iam_role" => {
            policy(
                out,
                skipped,
                DocumentKind::TrustPolicy,
                "assume_role_policy",
                node.get("assume_role_policy"),
            );
            if let Some(Node {
                value: Value::Array(items),
                ..
            }) = node.get("inline_policy")
            {
                for (i, item) in items.iter().enumerate() {
                    policy(
                        out,
                        skipped,
                        DocumentKind::IdentityPolicy,
                        &format!("inline_policy[{i}].policy"),
                        item.get("policy"),
                    );
                }
            }
        }
        "aws_iam_policy"
        | "aws_iam_role_policy"
        | "aws_iam_user_policy"
        | "aws_iam_group_policy" => policy(
            out,
            skipped,
            DocumentKind::IdentityPolicy,
            "policy",
            node.get("policy"),
        ),
        "aws_s3_bucket_policy"
        | "aws_sqs_queue_policy"
        | "aws_sns_topic_policy"
        | "aws_kms_key" => policy(
            out,
            skipped,
            DocumentKind::ResourcePolicy,
            "policy",
            node.get("policy"),
        ),
        "aws_ecs_task_definition" => {
            let td = task_definition(out, &node, address);
            out.documents.push(Writer::document(
                DocumentKind::TaskDefinition,
                &td,
                Some(address.to_owned()),
                skipped,
            ));
        }
        _ => {}
    }
}

/// Marks the values `true` in `unknown` (an `after_unknown`) as unknown,
/// adding those `planned_values` left out.
fn mark_unknown(node: &mut Node, unknown: &Json) {
    match unknown {
        Json::Bool(true) => node.value = Value::Unknown(UNKNOWN.to_owned()),
        Json::Object(o) => {
            if let Value::Null = node.value {
                node.value = Value::Object(Vec::new());
            }
            if let Value::Object(members) = &mut node.value {
                for (k, u) in o.iter() {
                    match members.iter_mut().find(|(m, _)| m == k) {
                        Some((_, child)) => mark_unknown(child, u),
                        None if *u == Json::Bool(true) => members.push((
                            k.clone(),
                            Node {
                                value: Value::Unknown(UNKNOWN.to_owned()),
                                ptr: format!("{}/{}", node.ptr, super::escape(k)),
                                at: None,
                            },
                        )),
                        None => {}
                    }
                }
            }
        }
        Json::Array(items) => {
            if let Value::Array(nodes) = &mut node.value {
                for (n, u) in nodes.iter_mut().zip(items) {
                    mark_unknown(n, u);
                }
            }
        }
        _ => {}
    }
}

/// The ECS member of the Terraform argument `key` (snake case to camel
/// case, with the schema's exceptions).
pub fn ecs_key(key: &str) -> String {
    match key {
        "size_in_gib" => return "sizeInGiB".to_owned(),
        "configure_at_launch" => return "configuredAtLaunch".to_owned(),
        "volume" => return "volumes".to_owned(),
        "inference_accelerator" => return "inferenceAccelerators".to_owned(),
        _ => {}
    }
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.push(c.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The task-level arguments the ECS API has, in the order a register
/// input is written.
const TASK_ARGUMENTS: &[&str] = &[
    "family",
    "task_role_arn",
    "execution_role_arn",
    "network_mode",
    "volume",
    "placement_constraints",
    "requires_compatibilities",
    "cpu",
    "memory",
    "tags",
    "pid_mode",
    "ipc_mode",
    "proxy_configuration",
    "inference_accelerator",
    "ephemeral_storage",
    "runtime_platform",
    "enable_fault_injection",
];

/// Blocks Terraform holds as a list of at most one object, which ECS
/// holds as the object.
const SINGLE_BLOCKS: &[&str] = &[
    "proxy_configuration",
    "ephemeral_storage",
    "runtime_platform",
    "docker_volume_configuration",
    "efs_volume_configuration",
    "authorization_config",
    "fsx_windows_file_server_volume_configuration",
];

/// Maps ECS keeps as written (keys and string values).
const FREE_FORM: &[&str] = &["driver_opts", "labels"];

/// The register input of an `aws_ecs_task_definition`'s values `node`.
fn task_definition(out: &mut Extracted, node: &Node, address: &str) -> Node {
    let mut members = Vec::new();
    if let Some(cd) = node.get("container_definitions") {
        let value = match &cd.value {
            Value::String(s) => match Json::parse(s) {
                Ok(json) => Some(Node::from_json(&json, &cd.ptr, true, false)),
                Err(e) => {
                    out.problems.push(problem(
                        Place {
                            pointer: cd.ptr.clone(),
                            line_col: None,
                        },
                        Some(&format!("{address} (container_definitions)")),
                        format!("container_definitions is a string that is not JSON: {e}"),
                    ));
                    None
                }
            },
            Value::Unknown(_) => Some(cd.clone()),
            _ => None,
        };
        if let Some(v) = value {
            members.push(("containerDefinitions".to_owned(), v));
        }
    }
    for &arg in TASK_ARGUMENTS {
        let Some(v) = node.get(arg) else { continue };
        let v = match arg {
            "tags" => tags(v),
            "proxy_configuration" => proxy(v),
            "volume" => volumes(v),
            _ => argument(v, arg),
        };
        if let Some(v) = v {
            members.push((ecs_key(arg), v));
        }
    }
    Node {
        value: Value::Object(members),
        ptr: node.ptr.clone(),
        at: None,
    }
}

/// An argument (or block) as ECS holds it: `None` when unset (null, an
/// empty string or an empty block list).
fn argument(v: &Node, key: &str) -> Option<Node> {
    let value = match &v.value {
        Value::Null => return None,
        Value::String(s) if s.is_empty() => return None,
        Value::Array(items) if items.is_empty() => return None,
        Value::Array(items) if SINGLE_BLOCKS.contains(&key) => return argument(&items[0], ""),
        Value::Array(items) => Value::Array(items.iter().filter_map(|i| argument(i, "")).collect()),
        Value::Object(members) if FREE_FORM.contains(&key) => Value::Object(members.clone()),
        Value::Object(members) => Value::Object(
            members
                .iter()
                .filter_map(|(k, m)| argument(m, k).map(|m| (ecs_key(k), m)))
                .collect(),
        ),
        other => other.clone(),
    };
    Some(Node {
        value,
        ptr: v.ptr.clone(),
        at: None,
    })
}

/// `volume` blocks: `host_path` becomes `host.sourcePath`.
fn volumes(v: &Node) -> Option<Node> {
    let mut out = argument(v, "volume")?;
    if let Value::Array(items) = &mut out.value {
        for item in items {
            if let Value::Object(members) = &mut item.value {
                if let Some(i) = members.iter().position(|(k, _)| k == "hostPath") {
                    let (_, path) = members.remove(i);
                    let ptr = path.ptr.clone();
                    members.push((
                        "host".to_owned(),
                        Node {
                            value: Value::Object(vec![("sourcePath".to_owned(), path)]),
                            ptr,
                            at: None,
                        },
                    ));
                }
            }
        }
    }
    Some(out)
}

/// The members of a map as ECS's list of `{NAME: key, "value": value}`
/// objects (`name` is `"key"` for tags, `"name"` for proxy properties),
/// each placed where its value is.
fn pairs(members: &[(String, Node)], name: &str) -> Vec<Node> {
    members
        .iter()
        .map(|(k, val)| Node {
            value: Value::Object(vec![
                (
                    name.to_owned(),
                    Node {
                        value: Value::String(k.clone()),
                        ptr: val.ptr.clone(),
                        at: None,
                    },
                ),
                ("value".to_owned(), val.clone()),
            ]),
            ptr: val.ptr.clone(),
            at: None,
        })
        .collect()
}

/// `tags` (a map) as ECS's list of `{key, value}`.
fn tags(v: &Node) -> Option<Node> {
    let Value::Object(members) = &v.value else {
        return argument(v, "tags");
    };
    if members.is_empty() {
        return None;
    }
    let items = pairs(members, "key");
    Some(Node {
        value: Value::Array(items),
        ptr: v.ptr.clone(),
        at: None,
    })
}

/// `proxy_configuration`: its `properties` map as ECS's list of
/// `{name, value}`.
fn proxy(v: &Node) -> Option<Node> {
    let mut out = argument(v, "proxy_configuration")?;
    if let Value::Object(members) = &mut out.value {
        if let Some((_, props)) = members.iter_mut().find(|(k, _)| k == "properties") {
            if let Value::Object(map) = &props.value {
                props.value = Value::Array(pairs(map, "name"));
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecs_keys() {
        assert_eq!(ecs_key("task_role_arn"), "taskRoleArn");
        assert_eq!(ecs_key("size_in_gib"), "sizeInGiB");
        assert_eq!(ecs_key("volume"), "volumes");
        assert_eq!(ecs_key("file_system_id"), "fileSystemId");
        assert_eq!(ecs_key("family"), "family");
    }

    #[test]
    fn unknown_values_are_marked_and_added() {
        let values = Json::parse(r#"{"a":"x","b":[{"c":1}]}"#).unwrap();
        let mut node = Node::from_json(&values, "/v", false, false);
        mark_unknown(
            &mut node,
            &Json::parse(r#"{"a":false,"b":[{"c":true}],"d":true}"#).unwrap(),
        );
        assert_eq!(node.get("a").unwrap().value, Value::String("x".into()));
        let Value::Array(b) = &node.get("b").unwrap().value else {
            panic!("array")
        };
        assert_eq!(b[0].get("c").unwrap().value, Value::Unknown(UNKNOWN.into()));
        assert_eq!(node.get("d").unwrap().ptr, "/v/d");
    }
}
