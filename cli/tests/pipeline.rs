//! The command in CI pipelines, through the real binary: FILE:LINE:COL
//! text, SARIF (validated against the SARIF 2.1.0 schema), --fail-on,
//! --ignore/--select, iam-ecs.toml, directory walks, colour, and
//! fmt --check/--write.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_iam-ecs");

/// A trust policy, pretty-printed, whose only finding is a security
/// warning: `{"AWS": "*"}` without a condition, at line 6, column 28.
const ANY_PRINCIPAL: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"AWS": "*"},
      "Action": "sts:AssumeRole"
    }
  ]
}
"#;

/// [`ANY_PRINCIPAL`] as `fmt` writes it.
const ANY_PRINCIPAL_FORMATTED: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": "*"
      },
      "Action": "sts:AssumeRole"
    }
  ]
}
"#;

/// An identity policy with an error: the account of the resource ARN has
/// 13 digits (line 7, column 19).
const BAD_ACCOUNT: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sts:AssumeRole",
      "Resource": "arn:aws:iam::1234567890123:role/x"
    }
  ]
}
"#;

/// A new empty directory for one test, not inside any iam-ecs.toml's
/// reach but the ones the test writes (the temp dir has none above it).
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iam-ecs-pipeline-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
    std::fs::write(&path, text).expect("written");
    path
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn text_names_file_line_and_column_of_the_value_in_a_pretty_printed_file() {
    let dir = temp_dir("text");
    write(&dir, "trust.json", ANY_PRINCIPAL);
    write(&dir, "identity.json", BAD_ACCOUNT);
    let o = run_in(&dir, &["check", "trust.json", "identity.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].starts_with("trust.json:6:28: security-warning[trust-any-principal-without-condition] /Statement/0/Principal/AWS: "),
        "{out}"
    );
    assert!(
        lines[1]
            .starts_with("identity.json:7:19: error[invalid-arn-account] /Statement/0/Resource: "),
        "{out}"
    );
    // Line 7, column 19 is where the value's text starts.
    let line7 = BAD_ACCOUNT.lines().nth(6).expect("line 7");
    assert!(line7[18..].starts_with("\"arn:aws:iam::1234567890123"));

    // JSON output: the same place, and the end of the value.
    let o = run_in(&dir, &["check", "--format", "json", "identity.json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let item = &v[0];
    assert_eq!(item["file"], "identity.json");
    assert_eq!(
        (
            &item["line"],
            &item["column"],
            &item["endLine"],
            &item["endColumn"]
        ),
        (
            &serde_json::json!(7),
            &serde_json::json!(19),
            &serde_json::json!(7),
            &serde_json::json!(19 + "\"arn:aws:iam::1234567890123:role/x\"".len())
        )
    );
}

#[test]
fn a_finding_about_a_missing_member_is_placed_at_the_object_it_is_missing_from() {
    let dir = temp_dir("missing");
    write(
        &dir,
        "p.json",
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n",
    );
    let o = run_in(&dir, &["check", "--color", "never", "p.json"]);
    let out = stdout(&o);
    assert!(
        out.contains("p.json:4:5: error[missing-action] /Statement/0"),
        "{out}"
    );
}

/// Validates `log` against the SARIF 2.1.0 schema, formats included.
fn assert_valid_sarif(log: &serde_json::Value) {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{log:#}");
}

#[test]
fn sarif_output_is_valid_sarif_2_1_0_with_rules_levels_and_regions() {
    let dir = temp_dir("sarif");
    write(&dir, "policies/trust.json", ANY_PRINCIPAL);
    write(&dir, "policies/identity.json", BAD_ACCOUNT);
    write(&dir, "broken dir/broken.json", "{\"Statement\": [}");
    let o = run_in(
        &dir,
        &[
            "check",
            "--format",
            "sarif",
            "policies",
            "broken dir/broken.json",
            "missing.json",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("SARIF is JSON");
    assert_valid_sarif(&log);
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "iam-ecs");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let ids: Vec<&str> = rules
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    // One rule per code used, in order of first use (the walk sorts by name).
    assert_eq!(
        ids,
        [
            "invalid-arn-account",
            "trust-any-principal-without-condition",
            "invalid-json",
            "unreadable-file"
        ]
    );
    assert_eq!(rules[1]["defaultConfiguration"]["level"], "warning");
    assert_eq!(rules[1]["properties"]["tags"][0], "security");
    assert!(rules[2]["help"]["text"]
        .as_str()
        .expect("help")
        .contains("Files given to the command"));
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 4);
    let identity = &results[0];
    assert_eq!(identity["ruleId"], "invalid-arn-account");
    assert_eq!(identity["level"], "error");
    let physical = &identity["locations"][0]["physicalLocation"];
    assert_eq!(
        physical["artifactLocation"]["uri"],
        "policies/identity.json"
    );
    assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(physical["region"]["startLine"], 7);
    assert_eq!(physical["region"]["startColumn"], 19);
    assert_eq!(
        identity["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "/Statement/0/Resource"
    );
    assert_eq!(results[1]["level"], "warning");
    let broken = &results[2]["locations"][0]["physicalLocation"];
    assert_eq!(
        broken["artifactLocation"]["uri"],
        "broken%20dir/broken.json"
    );
    assert_eq!(broken["region"]["startColumn"], 16);
    // An unreadable file has a location without a region.
    let missing = &results[3]["locations"][0]["physicalLocation"];
    assert_eq!(missing["artifactLocation"]["uri"], "missing.json");
    assert!(missing.get("region").is_none());
}

#[test]
fn sarif_with_no_findings_is_valid_and_empty() {
    let dir = temp_dir("sarif-empty");
    write(
        &dir,
        "ok.json",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
    );
    let o = run_in(&dir, &["check", "--format", "sarif", "ok.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let log: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_valid_sarif(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

#[test]
fn the_schema_rejects_what_is_not_sarif() {
    // The validation above can fail: a result without a message, a level
    // SARIF does not have, a column of 0.
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sarif-schema-2.1.0.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    for bad in [
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "r"}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "security-warning"}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a"}, "region": {"startLine": 1, "startColumn": 0}}}]}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "rules": [{"id": "r", "helpUri": "not a uri"}]}}}]}),
    ] {
        assert!(!validator.is_valid(&bad), "{bad}");
    }
}

#[test]
fn fail_on_security_warning_fails_and_ignore_removes_the_finding() {
    let dir = temp_dir("fail-on");
    write(&dir, "trust.json", ANY_PRINCIPAL);
    let o = run_in(&dir, &["check", "trust.json"]);
    assert_eq!(o.status.code(), Some(0), "the default fails on errors only");
    let o = run_in(
        &dir,
        &["check", "--fail-on", "security-warning", "trust.json"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("security-warning["));
    let o = run_in(&dir, &["check", "--fail-on", "warning", "trust.json"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "security-warning",
            "--ignore",
            "trust-any-principal-without-condition",
            "trust.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    // --select keeps only the codes named.
    let o = run_in(
        &dir,
        &[
            "check",
            "--fail-on",
            "suggestion",
            "--select",
            "invalid-arn-account",
            "trust.json",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
}

#[test]
fn usage_errors_name_the_flag_as_written() {
    let dir = temp_dir("usage");
    write(&dir, "trust.json", ANY_PRINCIPAL);
    for (args, flag) in [
        (
            &["check", "--ignore", "no-such-code", "trust.json"][..],
            "--ignore <CODE>",
        ),
        (
            &["check", "--select", "Invalid", "trust.json"],
            "--select <CODE>",
        ),
        (
            &["check", "--fail-on", "warnings", "trust.json"],
            "--fail-on <SEVERITY>",
        ),
        (
            &["check", "--color", "sometimes", "trust.json"],
            "--color <WHEN>",
        ),
    ] {
        let o = run_in(&dir, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains(flag), "{args:?}: {}", stderr(&o));
    }
    let o = run_in(&dir, &["check", "--ignore", "no-such-code", "trust.json"]);
    assert!(
        stderr(&o).contains("unknown finding code \"no-such-code\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_config_file_applies_per_glob_and_is_found_from_a_subdirectory() {
    let dir = temp_dir("config");
    write(
        &dir,
        "iam-ecs.toml",
        r#"fail-on = "security-warning"

[[paths]]
glob = "legacy/**"
ignore = ["trust-any-principal-without-condition"]

[[paths]]
glob = "roles/*.json"
kind = "trust"
"#,
    );
    write(&dir, "trust.json", ANY_PRINCIPAL);
    write(&dir, "legacy/old/trust.json", ANY_PRINCIPAL);
    // An identity policy (no Principal) checked as a trust policy.
    write(&dir, "roles/r.json", BAD_ACCOUNT);
    write(&dir, "sub/placeholder.txt", "");

    // fail-on from the config: the warning outside legacy/ fails.
    let o = run_in(&dir, &["check", "trust.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The same file under legacy/ has the code ignored.
    let o = run_in(&dir, &["check", "legacy/old/trust.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    // Found by walking up from a subdirectory, globs still relative to
    // the config's directory.
    let o = run_in(&dir.join("sub"), &["check", "../legacy/old/trust.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let o = run_in(&dir.join("sub"), &["check", "../trust.json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    // The kind per glob: roles/r.json is read as a trust policy (no
    // auto-detection note), which needs a Principal.
    let o = run_in(&dir, &["check", "roles/r.json"]);
    assert!(!stderr(&o).contains("--kind auto"), "{}", stderr(&o));
    assert!(stdout(&o).contains("[missing-principal]"), "{}", stdout(&o));
    // --kind on the command line wins over the config.
    let o = run_in(&dir, &["check", "--kind", "identity", "roles/r.json"]);
    assert!(
        !stdout(&o).contains("[missing-principal]"),
        "{}",
        stdout(&o)
    );
    // --fail-on on the command line wins over the config.
    let o = run_in(&dir, &["check", "--fail-on", "error", "trust.json"]);
    assert_eq!(o.status.code(), Some(0));

    // --config names another file; an unknown code in it is a usage error
    // naming the file and the key.
    write(
        &dir,
        "other.toml",
        "[[paths]]\nglob = \"*\"\nignore = [\"nope\"]\n",
    );
    let o = run_in(&dir, &["check", "--config", "other.toml", "trust.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("other.toml: paths[0].ignore: unknown finding code \"nope\""),
        "{}",
        stderr(&o)
    );
    write(&dir, "typo.toml", "fail_on = \"error\"\n");
    let o = run_in(&dir, &["check", "--config", "typo.toml", "trust.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown field `fail_on`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_directory_is_walked_respecting_gitignore_and_skipping_non_documents() {
    let dir = temp_dir("walk");
    write(&dir, "repo/.gitignore", "build/\n");
    write(&dir, "repo/a/identity.json", BAD_ACCOUNT);
    write(&dir, "repo/b/trust.json", ANY_PRINCIPAL);
    write(&dir, "repo/build/generated.json", BAD_ACCOUNT);
    write(
        &dir,
        "repo/package.json",
        "{\"name\": \"x\", \"version\": \"1.0.0\"}",
    );
    write(&dir, "repo/template.yaml", "Resources: {}\n");
    write(&dir, "repo/config.yaml", "key: value\n");
    write(&dir, "repo/notes.txt", "not looked at");
    write(&dir, "repo/c/broken.json", "{\"Statement\": [");
    let o = run_in(&dir, &["check", "repo"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    let err = stderr(&o);
    assert!(
        out.contains("repo/a/identity.json:7:19: error[invalid-arn-account]"),
        "{out}"
    );
    assert!(
        out.contains("repo/b/trust.json:6:28: security-warning["),
        "{out}"
    );
    assert!(
        out.contains("repo/c/broken.json:1:16: error[invalid-json]"),
        "{out}"
    );
    assert!(
        !out.contains("build/"),
        "the .gitignore'd directory was read: {out}"
    );
    assert!(
        !out.contains("package.json") && !out.contains("notes.txt"),
        "{out}"
    );
    assert!(
        err.contains("repo/package.json: note: skipped: an object that is neither a policy"),
        "{err}"
    );
    assert!(
        err.contains("repo/config.yaml: note: skipped: not a CloudFormation template: expected a \"Resources\" section, found none"),
        "{err}"
    );
    assert!(
        err.contains(
            "repo/template.yaml: note: checked as a CloudFormation template (0 document(s))"
        ),
        "{err}"
    );
    assert!(
        err.contains("4 file(s) checked, 2 skipped: 2 error(s), 1 other finding(s)"),
        "{err}"
    );
    // --quiet drops the per-file notes.
    let o = run_in(&dir, &["check", "--quiet", "repo"]);
    assert!(!stderr(&o).contains("note:"), "{}", stderr(&o));
    assert_eq!(stdout(&o), out);
    // A file named on the command line that holds no document is an
    // error, not a note.
    let o = run_in(&dir, &["check", "repo/package.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[unknown-document-kind]"));
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let dir = temp_dir("color");
    write(&dir, "identity.json", BAD_ACCOUNT);
    let o = run_in(&dir, &["check", "--color", "always", "identity.json"]);
    assert!(
        stdout(&o).contains("\x1b[1;31merror\x1b[0m"),
        "{}",
        stdout(&o)
    );
    // Standard output is a pipe here: auto means no colour.
    for args in [
        &["check", "identity.json"][..],
        &["check", "--color", "never", "identity.json"],
    ] {
        let o = run_in(&dir, args);
        assert!(!stdout(&o).contains('\x1b'), "{args:?}");
        assert!(stdout(&o).starts_with("identity.json:7:19: error["));
    }
}

#[test]
fn fmt_check_lists_the_files_that_would_change_and_changes_none() {
    let dir = temp_dir("fmt-check");
    let compact = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
    write(&dir, "d/ugly.json", compact);
    write(&dir, "d/pretty.json", ANY_PRINCIPAL_FORMATTED);
    let o = run_in(&dir, &["fmt", "--check", "d"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "d/ugly.json\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("d/ugly.json")).unwrap(),
        compact
    );
    let o = run_in(&dir, &["fmt", "--check", "d/pretty.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert_eq!(stdout(&o), "");
    // Compact is what --minify writes: the compact file passes that check.
    let o = run_in(&dir, &["fmt", "--check", "--minify", "d/ugly.json"]);
    assert_eq!(o.status.code(), Some(1), "a final newline is missing");
    write(&dir, "d/min.json", &format!("{compact}\n"));
    let o = run_in(&dir, &["fmt", "--check", "--minify", "d/min.json"]);
    assert_eq!(o.status.code(), Some(0));
    // Several files without --check or --write is a usage error.
    let o = run_in(&dir, &["fmt", "d"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--check or --write"), "{}", stderr(&o));
}

#[test]
fn fmt_write_rewrites_in_place_and_leaves_unparsable_files_untouched() {
    let dir = temp_dir("fmt-write");
    let compact = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":1.50}}}]}"#;
    let broken = "{\"Statement\": [\n  {\"Effect\": \"Allow\",}\n]}";
    write(&dir, "d/ugly.json", compact);
    write(&dir, "d/pretty.json", ANY_PRINCIPAL_FORMATTED);
    write(&dir, "d/broken.json", broken);
    write(&dir, "d/package.json", "{\"name\":\"x\"}");
    let before = std::fs::metadata(dir.join("d/pretty.json"))
        .unwrap()
        .modified()
        .unwrap();
    let o = run_in(&dir, &["fmt", "--write", "d"]);
    assert_eq!(o.status.code(), Some(1), "the broken file is an error");
    let err = stderr(&o);
    assert!(
        err.contains("error: d/broken.json: invalid JSON at line 2, column 22"),
        "{err}"
    );
    assert!(err.contains("d/ugly.json: reformatted"), "{err}");
    assert!(!err.contains("d/pretty.json: reformatted"), "{err}");
    // Untouched: the broken file, the non-document JSON found by walking.
    assert_eq!(
        std::fs::read_to_string(dir.join("d/broken.json")).unwrap(),
        broken
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("d/package.json")).unwrap(),
        "{\"name\":\"x\"}"
    );
    assert_eq!(
        std::fs::metadata(dir.join("d/pretty.json"))
            .unwrap()
            .modified()
            .unwrap(),
        before
    );
    let ugly = std::fs::read_to_string(dir.join("d/ugly.json")).unwrap();
    assert!(
        ugly.starts_with("{\n  \"Version\": \"2012-10-17\",\n"),
        "{ugly}"
    );
    assert!(ugly.contains("1.50"), "numbers kept as written: {ugly}");
    assert!(ugly.ends_with("}\n"));
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.join("d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 4, "{names:?}");
    // Now formatted: --check passes on all but the broken file.
    let o = run_in(&dir, &["fmt", "--check", "d/ugly.json", "d/pretty.json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    // Standard input cannot be rewritten.
    let o = run_in(&dir, &["fmt", "--write", "-"]);
    assert_eq!(o.status.code(), Some(2));
}
