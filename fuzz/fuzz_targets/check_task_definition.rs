//! Any bytes through the task definition checks (register input, and any
//! ECS document with its register input): no panic, deterministic
//! findings, and every finding's path names a value in the input.
#![no_main]

mod common;

use iam_ecs::ecs::{Document, TaskDefinition};
use iam_ecs::json::Json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = Json::from_slice(data) else {
        return;
    };
    let input = String::from_utf8_lossy(data);
    let Ok(td) = TaskDefinition::from_json(json.clone()) else {
        return;
    };
    let findings = td.check();
    assert_eq!(findings, td.check(), "check is not deterministic");
    common::assert_paths_resolve(&json, &findings, &input);
    let _ = td.fargate_size();

    let doc = Document::from_json(json.clone()).expect("an object reads");
    let findings = doc.check();
    assert_eq!(findings, doc.check(), "check is not deterministic");
    common::assert_paths_resolve(&json, &findings, &input);
    let _ = doc.into_register_input().check();
});
