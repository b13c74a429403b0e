//! Any bytes through the policy reader: no panic; what reads writes back
//! the bytes the lossless JSON tree writes, reads again to an equal value,
//! and writes the same bytes again, compact and pretty.
#![no_main]

use iam_ecs::json::Json;
use iam_ecs::policy::PolicyDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = PolicyDocument::from_slice(data) else {
        // A document that does not read is not JSON, or not an object.
        if let Ok(json) = Json::from_slice(data) {
            assert!(json.as_object().is_none(), "an object did not read");
        }
        return;
    };
    let json = Json::from_slice(data).expect("a document that reads is JSON");

    // Nothing lost: the document writes what the JSON tree writes.
    let compact = doc.to_json_string();
    assert_eq!(compact, serde_json::to_string(&json).unwrap());

    // Read, write, read again: equal values, identical bytes.
    let again = PolicyDocument::from_json_str(&compact).expect("own compact output reads");
    assert_eq!(again, doc);
    assert_eq!(again.to_json_string(), compact);
    assert_eq!(Json::parse(&compact).unwrap(), json);

    let pretty = doc.to_json_pretty();
    let from_pretty = PolicyDocument::from_json_str(&pretty).expect("own pretty output reads");
    assert_eq!(from_pretty, doc);
    assert_eq!(from_pretty.to_json_pretty(), pretty);
    assert_eq!(from_pretty.to_json_string(), compact);
});
