//! `--format sarif`: the findings as one SARIF 2.1.0 log, as GitHub code
//! scanning (`github/codeql-action/upload-sarif`) reads it.
//!
//! One run; the tool `iam-ecs` with its version and one rule per code that
//! has a finding (id = the code, the summary from the code registry, the
//! default level from its default severity, and help pointing to its
//! section of `docs/checks.md`); one result per finding with its level,
//! message, the file relative to the working directory (`%SRCROOT%`) and
//! the region of the value its pointer names. Columns count Unicode code
//! points (`columnKind`), as the text output does. The pointer is the
//! result's logical location.

use crate::output::Located;
use iam_ecs::{Code, Scope, Severity};
use serde_json::{json, Map, Value};
use std::path::Path;

/// The SARIF level of a severity: security warnings are warnings (tagged
/// `security` on their rule), suggestions are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Suggestion => "note",
        _ => "warning",
    }
}

/// The heading of `docs/checks.md` whose table lists `code`, and its
/// anchor as GitHub forms it (lower case, spaces as `-`, punctuation
/// dropped).
fn docs_section(code: Code) -> (&'static str, &'static str) {
    match code.applies_to().first() {
        Some(Scope::TaskDefinition) => ("ECS task definitions", "ecs-task-definitions"),
        Some(Scope::CrossAccountSetup) => ("Cross-account setups", "cross-account-setups"),
        Some(Scope::File) => ("Files given to the command", "files-given-to-the-command"),
        _ => ("Every policy check", "every-policy-check"),
    }
}

/// The base of the repository's web pages, from the package's
/// `repository` field; empty when it has none.
const REPOSITORY: &str = env!("CARGO_PKG_REPOSITORY");

/// One rule object; `helpUri` under `repository` (a repository's web
/// address) when it is not empty.
fn rule(code: Code, repository: &str) -> Value {
    let (heading, anchor) = docs_section(code);
    let mut rule = json!({
        "id": code.as_str(),
        "name": code.as_str(),
        "shortDescription": {"text": code.summary()},
        "fullDescription": {"text": format!("{} (source: {})", code.summary(), code.source())},
        "help": {"text": format!("See docs/checks.md, section \"{heading}\", row `{code}`.")},
        "defaultConfiguration": {"level": level(code.severity())},
    });
    if code.severity() == Severity::SecurityWarning {
        rule["properties"] = json!({"tags": ["security"]});
    }
    if !repository.is_empty() {
        rule["helpUri"] = Value::String(format!(
            "{}/blob/main/docs/checks.md#{anchor}",
            repository.trim_end_matches('/')
        ));
    }
    rule
}

/// A relative path as a URI reference: `/`-separated, with every byte
/// outside RFC 3986's unreserved characters percent-encoded.
fn uri_reference(path: &Path) -> String {
    let mut out = String::new();
    for (i, part) in path.components().enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in part.as_os_str().to_string_lossy().bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The artifact location of `file`: relative to `cwd` under `%SRCROOT%`
/// when it is inside it, else an absolute `file://` URI; `None` for
/// standard input.
fn artifact_location(file: &str, cwd: &Path) -> Option<Value> {
    if file == "<stdin>" {
        return None;
    }
    let abs = std::path::absolute(cwd.join(file)).ok()?;
    let abs: std::path::PathBuf = abs
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    Some(match abs.strip_prefix(cwd) {
        Ok(rel) => json!({"uri": uri_reference(rel), "uriBaseId": "%SRCROOT%"}),
        Err(_) => {
            json!({"uri": format!("file:///{}", uri_reference(abs.strip_prefix("/").unwrap_or(&abs)))})
        }
    })
}

/// The SARIF log of `findings`, paths relative to `cwd`.
pub fn log(findings: &[Located], cwd: &Path) -> Value {
    let mut codes: Vec<Code> = Vec::new();
    for l in findings {
        if !codes.contains(&l.finding.code) {
            codes.push(l.finding.code);
        }
    }
    let results: Vec<Value> = findings
        .iter()
        .map(|l| {
            let f = &l.finding;
            let index = codes.iter().position(|&c| c == f.code).unwrap_or(0);
            let mut result = Map::new();
            result.insert("ruleId".into(), json!(f.code.as_str()));
            result.insert("ruleIndex".into(), json!(index));
            result.insert("level".into(), json!(level(f.severity)));
            result.insert("message".into(), json!({"text": f.message}));
            let mut location = Map::new();
            if let Some(artifact) = artifact_location(&l.file, cwd) {
                let mut physical = Map::new();
                physical.insert("artifactLocation".into(), artifact);
                if let Some(s) = l.span {
                    physical.insert(
                        "region".into(),
                        json!({
                            "startLine": s.line,
                            "startColumn": s.column,
                            "endLine": s.end_line,
                            "endColumn": s.end_column,
                            "byteOffset": s.start,
                            "byteLength": s.end - s.start,
                        }),
                    );
                }
                location.insert("physicalLocation".into(), Value::Object(physical));
            }
            let pointer = match f.path.as_str() {
                "" => "(document)",
                p => p,
            };
            location.insert(
                "logicalLocations".into(),
                json!([{"fullyQualifiedName": pointer, "kind": "value"}]),
            );
            result.insert("locations".into(), json!([Value::Object(location)]));
            if f.severity != f.code.severity() {
                result.insert(
                    "properties".into(),
                    json!({"severity": f.severity.as_str()}),
                );
            }
            Value::Object(result)
        })
        .collect();
    let root = uri_reference(cwd.strip_prefix("/").unwrap_or(cwd));
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "iam-ecs",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": codes.iter().map(|&c| rule(c, REPOSITORY)).collect::<Vec<_>>(),
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": format!("file:///{root}/")}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references_relative_to_the_working_directory() {
        let cwd = Path::new("/repo");
        assert_eq!(
            artifact_location("./a b/p.json", cwd),
            Some(json!({"uri": "a%20b/p.json", "uriBaseId": "%SRCROOT%"}))
        );
        assert_eq!(
            artifact_location("/repo/x/é.json", cwd),
            Some(json!({"uri": "x/%C3%A9.json", "uriBaseId": "%SRCROOT%"}))
        );
        assert_eq!(
            artifact_location("/other/p.json", cwd),
            Some(json!({"uri": "file:///other/p.json"}))
        );
        assert_eq!(artifact_location("<stdin>", cwd), None);
    }

    #[test]
    fn the_help_uri_names_the_section_when_the_repository_is_known() {
        let r = rule(Code::MissingPrincipal, "https://example.org/iam-ecs/");
        assert_eq!(
            r["helpUri"],
            "https://example.org/iam-ecs/blob/main/docs/checks.md#every-policy-check"
        );
        assert_eq!(r["id"], iam_ecs::Code::MissingPrincipal.as_str());
        assert_eq!(r["defaultConfiguration"]["level"], "error");
        assert!(rule(Code::MissingPrincipal, "").get("helpUri").is_none());
    }

    #[test]
    fn levels_and_sections() {
        assert_eq!(level(Severity::SecurityWarning), "warning");
        assert_eq!(level(Severity::Suggestion), "note");
        assert_eq!(
            docs_section(Code::InvalidJson).1,
            "files-given-to-the-command"
        );
        assert_eq!(docs_section(Code::InvalidVersion).1, "every-policy-check");
    }
}
