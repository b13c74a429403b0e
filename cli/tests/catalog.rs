//! The service catalogue in the command: `check` with and without it,
//! `actions`, `catalog info`.

use std::process::Output;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run(args, Some(stdin))
}

fn out(o: &Output) -> String {
    common::stdout(o)
}

fn err(o: &Output) -> String {
    common::stderr(o)
}

const TYPO: &[u8] =
    br#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObjects","Resource":"*"}}"#;

#[test]
fn check_uses_the_catalogue_by_default() {
    let date = iam_ecs_catalog::Catalog::embedded().date();
    let o = run(&["check", "-"], TYPO);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).starts_with(&format!(
        "<stdin>:1:64: warning[invalid-action] /Statement/Action: action \"s3:GetObjects\" does not exist: did you mean \"s3:GetObject\"? (a warning: the service catalogue is of {date}"
    )), "{}", out(&o));
    let o = run(&["check", "--strict-catalog", "-"], TYPO);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        out(&o),
        "<stdin>:1:64: error[invalid-action] /Statement/Action: action \"s3:GetObjects\" does not exist: did you mean \"s3:GetObject\"?\n"
    );
    let o = run(&["check", "--no-catalog", "-"], TYPO);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(out(&o), "");
    // --no-catalog and --strict-catalog contradict each other.
    let o = run(&["check", "--no-catalog", "--strict-catalog", "-"], TYPO);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn check_merges_a_catalogue_directory() {
    let d = std::env::temp_dir().join(format!("iam-ecs-cli-catalog-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("v1/s3")).unwrap();
    std::fs::write(
        d.join("v1/s3/s3.json"),
        r#"{"Name":"s3","Actions":[{"Name":"GetObjects"}],"Version":"v1.4"}"#,
    )
    .unwrap();
    let dir = d.to_string_lossy().into_owned();
    let o = run(&["check", "--strict-catalog", "--catalog", &dir, "-"], TYPO);
    assert_eq!(o.status.code(), Some(0), "{}{}", out(&o), err(&o));
    assert_eq!(out(&o), "");
    let o = run(&["check", "--catalog", "/nonexistent/dir", "-"], TYPO);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("/nonexistent/dir/v1"), "{}", err(&o));
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn actions_lists_what_patterns_match() {
    let o = run(&["actions", "S3:getobject"], b"");
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    assert!(text.starts_with("s3:GetObject (Read)\n  resource accesspointobject: arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}\n  resource object: arn:${Partition}:s3:::${BucketName}/${ObjectName}\n  condition keys: "), "{text}");
    let o = run(
        &[
            "actions",
            "iam:*RolePolicy",
            "--access-level",
            "permissions-management",
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["action"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"iam:PutRolePolicy") && names.contains(&"iam:DeleteRolePolicy"),
        "{names:?}"
    );
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["access_level"] == "Permissions management"));
    let o = run(&["actions", "s3:*", "--resource-type", "bucket"], b"");
    assert!(out(&o).contains("s3:ListBucket (List)\n"));
    assert!(!out(&o).contains("s3:GetObject (Read)\n"));
    // A pattern that matches nothing: exit 1, named.
    let o = run(&["actions", "s3:GetObject", "s3:Nothing*"], b"");
    assert_eq!(o.status.code(), Some(1));
    assert!(out(&o).starts_with("s3:GetObject (Read)"));
    assert!(err(&o).contains("error: \"s3:Nothing*\" matches no action in the catalogue of "));
}

#[test]
fn catalog_info_gives_date_source_and_counts() {
    let o = run(&["catalog", "info"], b"");
    assert_eq!(o.status.code(), Some(0));
    let text = out(&o);
    let cat = iam_ecs_catalog::Catalog::embedded();
    assert!(
        text.starts_with(&format!(
            "date: {}\nsource: AWS Service Authorization Reference",
            cat.date()
        )),
        "{text}"
    );
    assert!(text.contains("\nservices: 451\nactions: 20965\n"), "{text}");
}
