//! Every request of `../shared/eval-cases/cases.jsonl` (answers stated by
//! AWS's documentation, each citing its page) through `iam_ecs::eval`:
//! the decision, and the deciding statements where the case gives them.

use iam_ecs::eval::{decide, evaluate, Request};
use std::path::{Path, PathBuf};

#[path = "util/eval_cases.rs"]
mod eval_cases;

fn cases_file() -> Option<PathBuf> {
    eval_cases::cases_file(Path::new(env!("CARGO_MANIFEST_DIR")))
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "the shared corpus (and eval-cases beside it) is missing: set IAM_ECS_CORPUS"
)]
fn corpus_every_eval_case_agrees() {
    let Some(file) = cases_file() else { return };
    let text = std::fs::read_to_string(&file).unwrap();
    let mut failures = Vec::new();
    let mut n = 0;
    for (line_no, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        n += 1;
        let case: serde_json::Value = serde_json::from_str(line).unwrap();
        let name = case["name"].as_str().unwrap();
        let request = Request::from_json_str(&case["request"].to_string())
            .unwrap_or_else(|e| panic!("line {}: {name}: {e}", line_no + 1));
        let answer = evaluate(&request);
        let fast = decide(&request);
        assert_eq!(
            answer.decision, fast.decision,
            "{name}: evaluate and decide differ"
        );
        assert_eq!(
            answer.deciding, fast.deciding,
            "{name}: evaluate and decide differ"
        );
        let expected = case["expected"]["decision"].as_str().unwrap();
        if answer.decision.as_str() != expected {
            failures.push(format!(
                "{name}: expected {expected}, got {}\n{answer}",
                answer.decision
            ));
            continue;
        }
        if let Some(deciding) = case["expected"].get("deciding") {
            let got: Vec<serde_json::Value> = answer
                .deciding
                .iter()
                .map(|d| serde_json::json!({"policy": d.policy, "statement": d.statement.as_str()}))
                .collect();
            if &serde_json::Value::Array(got.clone()) != deciding {
                failures.push(format!("{name}: deciding expected {deciding}, got {got:?}"));
            }
        }
    }
    assert!(n >= 120, "only {n} cases read from {}", file.display());
    assert!(
        failures.is_empty(),
        "{} of {n} cases disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{n} of {n} eval cases agree");
}
