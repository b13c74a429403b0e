//! Where `../shared/eval-cases/cases.jsonl` is, for the tests of the
//! library and of the command (`cli/tests/simulate.rs` includes this file
//! by path).

use std::path::{Path, PathBuf};

/// `IAM_ECS_CORPUS/../eval-cases/cases.jsonl`, else
/// `shared/eval-cases/cases.jsonl` beside the repository (`repo` is the
/// repository's root); under `CI=true` a missing file fails.
pub fn cases_file(repo: &Path) -> Option<PathBuf> {
    let dir = match std::env::var_os("IAM_ECS_CORPUS") {
        Some(d) => PathBuf::from(d).join("../eval-cases"),
        None => repo.join("../shared/eval-cases"),
    };
    let file = dir.join("cases.jsonl");
    if file.is_file() {
        return Some(file);
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!(
            "eval cases not found at {} (CI=true makes this a failure)",
            file.display()
        );
    }
    eprintln!("note: eval cases not found at {}; skipped", file.display());
    None
}
