//! The JSON Pointer of an evaluation result's policy label, shared by
//! `tests/test_eval.rs` and the fuzz target `evaluate` (which includes this
//! file by path).

/// `identityPolicies[1]` → `/identityPolicies/1`,
/// `serviceControlPolicies[0][2]` → `/serviceControlPolicies/0/policies/2`.
pub fn label_pointer(label: &str) -> String {
    let (name, rest) = label.split_once('[').unwrap_or((label, ""));
    let idx: Vec<&str> = rest.split(['[', ']']).filter(|s| !s.is_empty()).collect();
    match idx.as_slice() {
        [] => format!("/{name}"),
        [i] => format!("/{name}/{i}"),
        [l, n] => format!("/{name}/{l}/policies/{n}"),
        _ => panic!("a label with more than two indexes: {label}"),
    }
}
