//! Any bytes through `PolicyDocument::check` for every policy kind: no
//! panic, the same findings in the same order every time, and every
//! finding's path names a value that exists in the input, which
//! `json::Locator` finds in the text.
#![no_main]

mod common;

use iam_ecs::json::Json;
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::DocumentKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = Json::from_slice(data) else {
        return;
    };
    let _ = DocumentKind::detect(&json);
    let Ok(doc) = PolicyDocument::from_json(json.clone()) else {
        return;
    };
    let input = String::from_utf8_lossy(data);
    for opts in [
        CheckOptions::identity(),
        CheckOptions::trust(),
        CheckOptions::resource(),
        CheckOptions::trust().size_quota(Some(16)),
    ] {
        let findings = doc.check(&opts);
        assert_eq!(findings, doc.check(&opts), "check is not deterministic");
        common::assert_paths_resolve(&json, &findings, &input);
        if let Ok(text) = std::str::from_utf8(data) {
            common::assert_located(text, &json, &findings);
        }
        for f in &findings {
            assert!(!f.message.is_empty() && !f.code.as_str().is_empty());
            let _ = f.to_string();
        }
    }
    let _ = doc.size();
});
