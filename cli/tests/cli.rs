//! The real `iam-ecs` binary: exit codes, standard input, both output
//! formats, `--out`, and the corpus's bad inputs.

use iam_ecs::json::Json;
use std::path::{Path, PathBuf};

mod common;

use common::{run, stderr, stdout};

fn guide_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/guide")
        .join(name)
}

/// JSON text without insignificant whitespace.
fn strip_ws(text: &str) -> String {
    serde_json::to_string(&Json::parse(text).expect("valid JSON")).expect("writes")
}

fn guide_with_valid_accounts(name: &str) -> String {
    std::fs::read_to_string(guide_file(name))
        .expect("fixture")
        .replace("1111222233334444", "111122223333")
        .replace("5555666677778888", "444455556666")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iam-ecs-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn cross_account_out_writes_the_guides_documents() {
    let dir = temp_dir("out");
    let o = run(
        &[
            "cross-account",
            "--source-account",
            "111122223333",
            "--destination-account",
            "444455556666",
            "--out",
            dir.to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("written");
    assert_eq!(
        strip_ws(&read("task-role-identity-policy.json")),
        strip_ws(&guide_with_valid_accounts("task-role-identity-policy.json"))
    );
    assert_eq!(
        strip_ws(&read("destination-trust-policy.json")),
        strip_ws(&guide_with_valid_accounts("destination-trust-policy.json"))
    );
    assert_eq!(
        strip_ws(&read("task-definition.json")),
        strip_ws(&guide_with_valid_accounts("example-task-def.json"))
    );
    assert_eq!(
        read("aws-config"),
        guide_with_valid_accounts("aws-cli-config")
    );
    assert!(read("task-role-trust-policy.json").contains("ecs-tasks.amazonaws.com"));
    assert!(!stderr(&o).contains("example account"), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn cross_account_without_arguments_uses_and_names_the_example_accounts() {
    let o = run(&["cross-account"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(
        "note: using the example accounts 111122223333 (source) and 444455556666 (destination)"
    ));
    let out = stdout(&o);
    for name in [
        "# task-role-trust-policy.json",
        "# task-role-identity-policy.json",
        "# destination-trust-policy.json",
        "# task-definition.json",
        "# aws-config",
    ] {
        assert!(out.contains(name), "{name} missing from {out}");
    }
    assert!(out.contains("credential_source = EcsContainer"));
}

#[test]
fn cross_account_rejects_bad_values_naming_the_field() {
    let o = run(
        &["cross-account", "--source-account", "1111222233334444"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --source-account: invalid account ID \"1111222233334444\": expected 12 digits, found 16\n"
    );
    let o = run(
        &[
            "cross-account",
            "--source-account",
            "444455556666",
            "--destination-account",
            "444455556666",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: --destination-account: "),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("that is not a cross-account setup"));
    for (args, flag) in [
        (&["cross-account", "--duration", "5"][..], "--duration"),
        (&["cross-account", "--session-name", "x"], "--session-name"),
        (&["cross-account", "--external-id", "a"], "--external-id"),
        (&["cross-account", "--region", "mars-1"], "--region"),
        (&["cross-account", "--task-role", ""], "--task-role"),
    ] {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&o).starts_with(&format!("error: {flag}: ")),
            "{args:?}: {}",
            stderr(&o)
        );
        assert!(!stderr(&o).contains('_'), "{}", stderr(&o));
    }
}

#[test]
fn check_fails_each_of_the_guides_files_on_its_16_digit_account() {
    for (file, pointer) in [
        ("task-role-identity-policy.json", "/Statement/Resource"),
        (
            "destination-trust-policy.json",
            "/Statement/0/Principal/AWS",
        ),
        ("example-task-def.json", "/taskRoleArn"),
    ] {
        let path = guide_file(file);
        let o = run(&["check", path.to_str().expect("utf-8")], None);
        assert_eq!(o.status.code(), Some(1), "{file}");
        let out = stdout(&o);
        assert!(out.contains("error["), "{out}");
        assert!(out.contains(&format!(" {pointer}: ")), "{out}");
        assert!(out.contains("expected 12 digits, found 16"), "{out}");
    }
}

#[test]
fn check_passes_the_guides_files_with_valid_accounts_from_stdin() {
    for (file, kind) in [
        ("task-role-identity-policy.json", "an identity policy"),
        ("destination-trust-policy.json", "a trust policy"),
        ("example-task-def.json", "a task definition"),
    ] {
        let text = guide_with_valid_accounts(file);
        let o = run(&["check", "-"], Some(text.as_bytes()));
        assert_eq!(o.status.code(), Some(0), "{file}: {}", stdout(&o));
        assert!(
            stderr(&o).contains(&format!("<stdin>: note: checked as {kind} (--kind auto)")),
            "{}",
            stderr(&o)
        );
    }
}

#[test]
fn check_json_format_is_one_array_of_findings() {
    let identity = guide_file("task-role-identity-policy.json");
    let trust = guide_file("destination-trust-policy.json");
    let o = run(
        &[
            "check",
            "--format",
            "json",
            identity.to_str().expect("utf-8"),
            trust.to_str().expect("utf-8"),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON output");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for item in items {
        let keys: Vec<&str> = item
            .as_object()
            .expect("objects")
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted,
            [
                "code",
                "column",
                "endColumn",
                "endLine",
                "file",
                "line",
                "message",
                "path",
                "severity"
            ]
        );
        assert_eq!(item["severity"], "error");
    }
    assert_eq!(items[0]["path"], "/Statement/Resource");
    assert_eq!(items[1]["path"], "/Statement/0/Principal/AWS");
    assert_eq!(items[1]["code"], "invalid-principal");
}

#[test]
fn check_json_format_with_no_findings_is_an_empty_array() {
    let text = guide_with_valid_accounts("example-task-def.json");
    let o = run(&["check", "--format", "json", "-"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o).trim(), "[]");
}

#[test]
fn check_kind_overrides_detection() {
    // An identity policy checked as a trust policy has no principal.
    let text = guide_with_valid_accounts("task-role-identity-policy.json");
    let o = run(&["check", "--kind", "trust", "-"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error["), "{}", stdout(&o));
    assert!(!stderr(&o).contains("--kind auto"));
}

#[test]
fn check_kind_scp_and_rcp() {
    // An SCP with a Principal (Access Analyzer: SCP syntax error principal).
    let scp = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*"}}"#;
    let o = run(&["check", "--kind", "scp", "-"], Some(scp.as_bytes()));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error[scp-syntax-error-principal] /Statement/Principal: Principal in a service control policy"),
        "{}",
        stdout(&o)
    );
    // The same document is a valid RCP.
    let o = run(&["check", "--kind", "rcp", "-"], Some(scp.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o).trim(), "");
}

#[test]
fn check_trust_quota_is_a_parameter() {
    let text = guide_with_valid_accounts("destination-trust-policy.json");
    let o = run(
        &["check", "--trust-quota", "50", "-"],
        Some(text.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let o = run(
        &["check", "--trust-quota", "4096", "-"],
        Some(text.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn unreadable_and_unparseable_files_exit_1() {
    let o = run(&["check", "/nonexistent/policy.json"], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).starts_with("/nonexistent/policy.json: error[unreadable-file] (document): /nonexistent/policy.json: cannot read:"));
    let o = run(&["check", "-"], Some(b"{\"Statement\": [}"));
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stdout(&o),
        "<stdin>:1:16: error[invalid-json] (document): invalid JSON at line 1, column 16: expected a JSON value, found `}`\n"
    );
    let o = run(&["check", "-"], Some(b"[1, 2]"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error[unknown-document-kind]"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["check"][..],
        &["check", "--kind", "bogus", "x.json"],
        &["check", "--format", "yaml", "x.json"],
        &["fmt", "--minify", "--pretty", "x.json"],
        &["nonsense"],
        &[],
    ] {
        let o = run(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn fmt_writes_back_losslessly_in_both_forms() {
    let text = "{ \"Statement\" : [ {\"Resource\":\"*\", \"Action\":[\"s3:GetObject\"], \"Effect\":\"Allow\", \"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":1.50}}}],\n\"Version\":\"2012-10-17\" }";
    let o = run(&["fmt", "--minify", "-"], Some(text.as_bytes()));
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("{}\n", strip_ws(text)));
    let o = run(&["fmt", "-"], Some(text.as_bytes()));
    let pretty = stdout(&o);
    assert!(pretty.starts_with("{\n  \"Statement\": [\n"), "{pretty}");
    assert_eq!(strip_ws(&pretty), strip_ws(text));
    let task_def = guide_file("example-task-def.json");
    let o = run(&["fmt", task_def.to_str().expect("utf-8")], None);
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(&task_def).expect("fixture")
    );
    let o = run(&["fmt", "-"], Some(b"{\"a\":"));
    assert_eq!(o.status.code(), Some(1));
}

/// The shared corpus (see the library's tests/util).
fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("IAM_ECS_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    };
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    assert_ne!(
        std::env::var("CI").as_deref(),
        Ok("true"),
        "corpus not found at {}: set IAM_ECS_CORPUS",
        dir.display()
    );
    eprintln!("note: corpus not found at {}; skipped", dir.display());
    None
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn corpus_bad_inputs_through_the_command() {
    let Some(corpus) = corpus_dir() else { return };
    let text = std::fs::read_to_string(corpus.join("bad-inputs.jsonl")).expect("bad-inputs.jsonl");
    let dir = temp_dir("bad-inputs");
    let (mut checked, mut failures) = (0, Vec::new());
    for (n, line) in text.lines().enumerate() {
        let entry = Json::parse(line).expect("a JSON line");
        let entry = entry.as_object().expect("an object");
        let kind = entry.get("kind").and_then(Json::as_str).unwrap_or("");
        let flag = match kind {
            "identity" => "identity",
            "trust" => "trust",
            "taskdef" => "task-definition",
            _ => continue,
        };
        let doc = entry.get("doc").expect("doc");
        let raw = matches!(entry.get("doc_is_raw_text"), Some(Json::Bool(true)));
        let bytes = match (doc, raw) {
            (Json::String(s), true) => s.clone(),
            _ => serde_json::to_string(doc).expect("writes"),
        };
        let file = dir.join(format!("line-{}.json", n + 1));
        std::fs::write(&file, &bytes).expect("write");
        let o = run(
            &["check", "--kind", flag, file.to_str().expect("utf-8")],
            None,
        );
        let valid = matches!(entry.get("valid"), Some(Json::Bool(true)));
        // The one line whose own reasoning contradicts the table it cites:
        // 8 vCPU takes 16 to 60 GB in 4 GB steps, so 20 GB (20480 MiB) is
        // valid (RULES.md 5.3, ECS-DG AWS_Fargate); see the ECS corpus test.
        let valid =
            valid || (bytes.contains("\"cpu\":\"8192\"") && bytes.contains("\"memory\":\"20480\""));
        // `Id` in an identity policy: the line's own note says IAM's
        // response is not verified; graded a warning (issue 11,
        // docs/checks.md), so the command exits 0 but reports it.
        let id_line = kind == "identity" && bytes.contains("\"Id\":");
        let valid = valid || id_line;
        let want = if valid { 0 } else { 1 };
        checked += 1;
        if id_line && !stdout(&o).contains("warning[unsupported-id]") {
            failures.push(format!("line {}: no unsupported-id warning", n + 1));
        }
        if o.status.code() != Some(want) {
            failures.push(format!(
                "line {}: exit {:?}, expected {want}: {}",
                n + 1,
                o.status.code(),
                stdout(&o)
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "bad-inputs through `iam-ecs check`: {checked} lines, {} wrong",
        failures.len()
    );
    assert_eq!(checked, 73);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// A reader that goes away (`iam-ecs actions '*' | head -1`) ends the
/// command quietly with status 141, as SIGPIPE would, not with a panic.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(common::BIN)
        .args(["actions", "*"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // Close the reading end before the command has written its list
    // (thousands of actions, more than a pipe holds).
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("the binary finishes");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(141), "{err}");
}
