//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod access_analyzer;

use std::path::PathBuf;

use iam_ecs::json::Json;
use iam_ecs::policy::CheckOptions;
use iam_ecs::{Finding, RoleArn};

/// The shared corpus: `IAM_ECS_CORPUS` when set, else `../shared/corpus`
/// beside the repository. `None` (with a note on stderr) when it is not
/// there; under `CI=true` a missing corpus fails the test instead, so CI
/// cannot pass without running the corpus tests. The tests that need
/// nothing but the corpus also carry `#[cfg_attr(iam_ecs_no_corpus,
/// ignore = ...)]`: the build script (`build.rs`) sets that cfg when the
/// corpus is missing outside `CI=true`, so `cargo test` reports them as
/// ignored, with the reason, rather than as passed.
#[track_caller]
pub fn corpus_dir() -> Option<PathBuf> {
    let dir = match std::env::var_os("IAM_ECS_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    if dir.join("README.md").is_file() {
        return Some(dir);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "corpus not found at {}: set IAM_ECS_CORPUS (CI=true makes this a failure)",
            dir.display()
        );
    }
    eprintln!(
        "note: corpus not found at {}; set IAM_ECS_CORPUS to run the corpus tests",
        dir.display()
    );
    None
}

/// The files under `dir` (recursively) whose names end with `ext`, sorted.
pub fn files_with_ext(dir: &std::path::Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The check options of every policy kind: identity, trust, resource.
pub const KINDS: [CheckOptions; 3] = [
    CheckOptions::identity(),
    CheckOptions::trust(),
    CheckOptions::resource(),
];

/// The guide's text with its 16-digit example accounts, which AWS
/// rejects, replaced by valid ones: `1111222233334444` by `111122223333`
/// and `5555666677778888` by `444455556666`.
pub fn valid_accounts(text: &str) -> String {
    text.replace("1111222233334444", "111122223333")
        .replace("5555666677778888", "444455556666")
}

/// The guide's destination account role, in the account of
/// [`valid_accounts`].
pub fn destination_role() -> RoleArn {
    "arn:aws:iam::444455556666:role/destination-account-role"
        .parse()
        .unwrap()
}

/// Findings as the lines they display as (`error[code] /path: message`).
pub fn lines(findings: &[Finding]) -> Vec<String> {
    findings.iter().map(ToString::to_string).collect()
}

/// Every finding's path names a value in `text`.
#[track_caller]
pub fn paths_resolve(text: &str, findings: &[Finding]) {
    let json = Json::parse(text).unwrap();
    for f in findings {
        assert!(
            json.pointer(&f.path).is_some(),
            "{f} does not point into {text}"
        );
    }
}

/// The compact JSON text of an object with these members, in order: each
/// key is written as a JSON string, each value is already JSON text.
pub fn object(members: Vec<(String, String)>) -> String {
    let body: Vec<String> = members
        .into_iter()
        .map(|(k, v)| format!("{}:{v}", serde_json::to_string(&k).unwrap()))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// Removes JSON-insignificant whitespace (outside strings).
pub fn strip_ws(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_str = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_str {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_str = false;
            }
        } else if c == '"' {
            in_str = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}
