//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The shared corpus: `IAM_ECS_CORPUS` when set, else `../shared/corpus`
/// beside the repository. `None` (with a note on stderr) when it is not
/// there; under `CI=true` a missing corpus fails the test instead, so CI
/// cannot pass without running the corpus tests.
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
