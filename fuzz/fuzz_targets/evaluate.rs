//! Any bytes as an `iam-ecs simulate` request through `iam_ecs::eval`: no
//! panic; `decide` and `evaluate` agree and are deterministic; every
//! deciding statement's pointer exists in its policy in the input; the
//! explanation renders; the request's JSON reads back to the same request.
#![no_main]

use iam_ecs::eval::{decide, evaluate, Request};
use iam_ecs::json::Json;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/util/label.rs"]
mod label;

use label::label_pointer;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = Json::from_slice(data) else {
        return;
    };
    let Ok(request) = Request::from_json(&json) else {
        return;
    };
    let full = evaluate(&request);
    let fast = decide(&request);
    assert_eq!(full.decision, fast.decision, "decide and evaluate disagree");
    assert_eq!(full.deciding, fast.deciding, "decide and evaluate disagree");
    assert_eq!(full, evaluate(&request), "evaluate is not deterministic");
    for d in &full.deciding {
        let policy = json
            .pointer(&label_pointer(&d.policy))
            .unwrap_or_else(|| panic!("no policy {} in the input", d.policy));
        assert!(
            policy.pointer(d.statement.as_str()).is_some(),
            "deciding pointer {} {} does not exist",
            d.policy,
            d.statement
        );
    }
    for s in &full.statements {
        let policy = json
            .pointer(&label_pointer(&s.at.policy))
            .unwrap_or_else(|| panic!("no policy {} in the input", s.at.policy));
        assert!(policy.pointer(s.at.statement.as_str()).is_some());
    }
    let _ = full.to_string();
    let _ = full.to_json().to_string();
    let text = request.to_json_string();
    let back = Request::from_json_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(back, request, "the request's JSON does not read back");
});
