//! Any bytes through the task definition readers (register input and any
//! ECS document): no panic; read, write, read again gives equal values and
//! identical bytes, compact and pretty, and nothing the JSON tree holds is
//! lost.
#![no_main]

use iam_ecs::ecs::{Document, TaskDefinition};
use iam_ecs::json::Json;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(td) = TaskDefinition::from_slice(data) else {
        if let Ok(json) = Json::from_slice(data) {
            assert!(json.as_object().is_none(), "an object did not read");
        }
        return;
    };
    let json = Json::from_slice(data).expect("a document that reads is JSON");
    let written = serde_json::to_string(&json).unwrap();

    let compact = td.to_json_string();
    assert_eq!(compact, written);
    let again = TaskDefinition::from_json_str(&compact).expect("own compact output reads");
    assert_eq!(again, td);
    assert_eq!(again.to_json_string(), compact);

    let pretty = td.to_json_pretty();
    let from_pretty = TaskDefinition::from_json_str(&pretty).expect("own pretty output reads");
    assert_eq!(from_pretty, td);
    assert_eq!(from_pretty.to_json_pretty(), pretty);

    let doc = Document::from_slice(data).expect("an object reads as a document");
    assert_eq!(doc.to_json_string(), written);
    let doc_again = Document::from_json_str(&doc.to_json_string()).expect("reads");
    assert_eq!(doc_again, doc);
    let doc_pretty = Document::from_json_str(&doc.to_json_pretty()).expect("reads");
    assert_eq!(doc_pretty, doc);
    assert_eq!(doc_pretty.to_json_pretty(), doc.to_json_pretty());

    // The register input of a described document writes and reads back.
    let input = doc.into_register_input();
    let text = input.to_json_string();
    let input_again = TaskDefinition::from_json_str(&text).expect("reads");
    assert_eq!(input_again.to_json_string(), text);
});
