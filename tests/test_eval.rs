//! `iam_ecs::eval`: one test per layer rule, written from the IAM User
//! Guide's evaluation-logic pages, the never-fail-open rule, and the
//! properties of issue 13 (proptest).

#[path = "util/label.rs"]
mod label;

use iam_ecs::eval::{decide, evaluate, Decision, Evaluation, Outcome, Request};
use iam_ecs::policy::{Effect, PolicyDocument};
use label::label_pointer;
use proptest::prelude::*;
use serde_json::{json, Value};

use Decision::{Allowed, ExplicitlyDenied, ImplicitlyDenied};

const USER: &str = "arn:aws:iam::111122223333:user/Bob";
const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/app/s1";
const ROLE: &str = "arn:aws:iam::111122223333:role/app";
const OBJECT: &str = "arn:aws:s3:::bucket/key.txt";

fn allow(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": action, "Resource": resource}]})
}

fn deny(action: &str, resource: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": action, "Resource": resource}]})
}

fn grant(principal: Value, action: &str) -> Value {
    json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": principal, "Action": action, "Resource": "*"}]})
}

fn eval(v: Value) -> Evaluation {
    let r = Request::from_json_str(&v.to_string()).unwrap_or_else(|e| panic!("{e}: {v}"));
    let full = evaluate(&r);
    let fast = decide(&r);
    assert_eq!(full.decision, fast.decision);
    assert_eq!(full.deciding, fast.deciding);
    full
}

fn d(v: Value) -> Decision {
    eval(v).decision
}

// reference_policies_evaluation-logic.md: "By default, all requests are
// implicitly denied" (root user excepted), "An explicit deny in any of
// these policies overrides the allow".
#[test]
fn default_deny_and_explicit_deny_wins() {
    assert_eq!(
        d(json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT})),
        ImplicitlyDenied
    );
    let r = json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
        "identityPolicies": [allow("s3:*", "*"), deny("s3:GetObject", "*")]});
    let e = eval(r);
    assert_eq!(e.decision, ExplicitlyDenied);
    assert_eq!(e.deciding[0].policy, "identityPolicies[1]");
    assert_eq!(e.deciding[0].statement, "/Statement/0");
    assert_eq!(
        d(
            json!({"principal": "arn:aws:iam::111122223333:root", "action": "s3:GetObject", "resource": OBJECT})
        ),
        Allowed
    );
}

// Permissions boundaries and session policies intersect with identity
// policies (access_policies_boundaries.md; access_policies.md, session
// policies).
#[test]
fn boundary_and_session_policy_intersect() {
    let base = |boundary: Option<Value>, session: Option<Value>| {
        let mut r = json!({"principal": SESSION, "action": "s3:GetObject", "resource": OBJECT,
            "identityPolicies": [allow("s3:GetObject", "*")]});
        if let Some(b) = boundary {
            r["permissionsBoundary"] = b;
        }
        if let Some(s) = session {
            r["sessionPolicy"] = s;
        }
        d(r)
    };
    assert_eq!(base(None, None), Allowed);
    assert_eq!(base(Some(allow("s3:*", "*")), None), Allowed);
    assert_eq!(base(Some(allow("ec2:*", "*")), None), ImplicitlyDenied);
    assert_eq!(base(None, Some(allow("ec2:*", "*"))), ImplicitlyDenied);
    assert_eq!(
        base(
            Some(allow("s3:*", "*")),
            Some(allow("s3:GetObject", OBJECT))
        ),
        Allowed
    );
    // A boundary or session policy never grants on its own.
    let r = json!({"principal": SESSION, "action": "s3:GetObject", "resource": OBJECT,
        "permissionsBoundary": allow("*", "*"), "sessionPolicy": allow("*", "*")});
    assert_eq!(d(r), ImplicitlyDenied);
}

// The principal table of reference_policies_evaluation-logic.md: a
// same-account resource policy that names a role ARN is bounded by the
// boundary and session policy; one that names the session, a user or a
// federated user ARN is not.
#[test]
fn principal_type_table() {
    let with = |principal: &str, named: &str| {
        d(
            json!({"principal": principal, "action": "s3:GetObject", "resource": OBJECT,
            "resourceAccount": "111122223333",
            "resourcePolicy": grant(json!({"AWS": named}), "s3:GetObject"),
            "permissionsBoundary": allow("ec2:*", "*")}),
        )
    };
    assert_eq!(with(SESSION, ROLE), ImplicitlyDenied);
    assert_eq!(with(SESSION, SESSION), Allowed);
    assert_eq!(with(USER, USER), Allowed);
    // The account delegates to identity policies, which the boundary bounds.
    assert_eq!(with(USER, "111122223333"), ImplicitlyDenied);
}

// Role trust policies and KMS key policies must allow the principal
// themselves, even in the same account (id_roles_compare-resource-policies.md,
// KMS key policies page); other resource policies can allow alone.
#[test]
fn trust_and_key_policies_must_allow() {
    let role = "arn:aws:iam::111122223333:role/target";
    let r = json!({"principal": USER, "action": "sts:AssumeRole", "resource": role,
        "identityPolicies": [allow("sts:AssumeRole", role)],
        "resourcePolicy": grant(json!({"AWS": "arn:aws:iam::111122223333:user/Alice"}), "sts:AssumeRole")});
    assert_eq!(d(r), ImplicitlyDenied);
    let key = "arn:aws:kms:us-east-1:111122223333:key/k";
    let r = json!({"principal": USER, "action": "kms:Decrypt", "resource": key,
        "identityPolicies": [allow("kms:Decrypt", key)]});
    assert_eq!(
        d(r.clone()),
        ImplicitlyDenied,
        "no key policy given: nothing in the key policy allows, and it must"
    );
    let mut r2 = r;
    r2["resourcePolicy"] = grant(
        json!({"AWS": "arn:aws:iam::111122223333:user/Other"}),
        "kms:*",
    );
    assert_eq!(d(r2.clone()), ImplicitlyDenied);
    r2["resourcePolicy"] = grant(json!({"AWS": "arn:aws:iam::111122223333:root"}), "kms:*");
    assert_eq!(d(r2), Allowed);
}

// reference_policies_evaluation-logic-cross-account.md: both accounts
// must allow.
#[test]
fn cross_account_needs_both() {
    let bucket = "arn:aws:s3:::other/key";
    let base = json!({"principal": USER, "action": "s3:GetObject", "resource": bucket, "resourceAccount": "444455556666"});
    let mut only_identity = base.clone();
    only_identity["identityPolicies"] = json!([allow("s3:GetObject", "*")]);
    assert_eq!(d(only_identity.clone()), ImplicitlyDenied);
    let mut only_resource = base.clone();
    only_resource["resourcePolicy"] = grant(json!({"AWS": USER}), "s3:GetObject");
    assert_eq!(d(only_resource.clone()), ImplicitlyDenied);
    let mut both = only_identity;
    both["resourcePolicy"] = grant(json!({"AWS": "111122223333"}), "s3:GetObject");
    let e = eval(both);
    assert_eq!(e.decision, Allowed);
    assert_eq!(e.layers.len(), 2);
    assert!(e
        .layers
        .iter()
        .any(|l| l.account.as_deref() == Some("444455556666")));
}

// SCPs: every level must allow, a level's Deny is explicit; RCPs only deny.
#[test]
fn scp_levels_and_rcps() {
    let r = |scp: Value| {
        d(
            json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
            "identityPolicies": [allow("*", "*")], "serviceControlPolicies": scp}),
        )
    };
    assert_eq!(
        r(
            json!([{"level": "r", "policies": [allow("*", "*")]}, {"level": "ou", "policies": [allow("s3:*", "*")]}])
        ),
        Allowed
    );
    assert_eq!(
        r(
            json!([{"level": "r", "policies": [allow("*", "*")]}, {"level": "ou", "policies": [allow("ec2:*", "*")]}])
        ),
        ImplicitlyDenied
    );
    assert_eq!(r(json!([{"level": "r", "policies": []}])), ImplicitlyDenied);
    assert_eq!(
        r(json!([{"level": "r", "policies": [allow("*", "*"), deny("s3:*", "*")]}])),
        ExplicitlyDenied
    );
    let rcp = |policies: Value| {
        d(
            json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
            "identityPolicies": [allow("*", "*")], "resourceControlPolicies": [{"level": "r", "policies": policies}]}),
        )
    };
    assert_eq!(rcp(json!([])), Allowed, "RCPFullAWSAccess is implied");
    let rcp_deny = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}]});
    assert_eq!(rcp(json!([rcp_deny])), ExplicitlyDenied);
    // SCPs do not apply to a service principal.
    let r = json!({"principal": "ecs-tasks.amazonaws.com", "action": "sts:AssumeRole", "resource": ROLE,
        "resourcePolicy": grant(json!({"Service": "ecs-tasks.amazonaws.com"}), "sts:AssumeRole"),
        "serviceControlPolicies": [{"level": "r", "policies": []}]});
    assert_eq!(d(r), Allowed);
}

// NotPrincipal with Deny: the principal's ARN and its account must both
// be listed, and a principal with a boundary is always denied
// (reference_policies_elements_notprincipal.md).
#[test]
fn not_principal_caveats() {
    let policy = |listed: Value| {
        json!({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "NotPrincipal": {"AWS": listed}, "Action": "s3:*", "Resource": "*"},
            {"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}]})
    };
    let r = |listed: Value, boundary: bool| {
        let mut v = json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT, "resourceAccount": "111122223333",
            "resourcePolicy": policy(listed)});
        if boundary {
            v["permissionsBoundary"] = allow("*", "*");
        }
        d(v)
    };
    assert_eq!(
        r(json!([USER, "arn:aws:iam::111122223333:root"]), false),
        Allowed
    );
    assert_eq!(
        r(json!([USER]), false),
        ExplicitlyDenied,
        "the account is not listed: the reading that grants less"
    );
    assert_eq!(
        r(json!(["arn:aws:iam::111122223333:root"]), false),
        ExplicitlyDenied
    );
    assert_eq!(
        r(json!([USER, "arn:aws:iam::111122223333:root"]), true),
        ExplicitlyDenied
    );
}

// It never fails open: an Allow that cannot be evaluated grants nothing;
// a Deny that cannot be evaluated applies.
#[test]
fn never_fails_open() {
    let with_condition = |effect: &str, cond: Value| {
        let mut st = json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]);
        if effect == "Deny" {
            st.as_array_mut().unwrap().push(
                json!({"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": cond}),
            );
        } else {
            st = json!([{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": cond}]);
        }
        eval(
            json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
            "context": {"n": "5", "ip": "10.0.0.1", "t": "2020-01-01T00:00:00Z"},
            "identityPolicies": [{"Version": "2012-10-17", "Statement": st}]}),
        )
    };
    for cond in [
        json!({"NumericNotEquals": {"n": "five"}}),
        json!({"NotIpAddress": {"ip": "10.0.0.0/99"}}),
        json!({"DateNotEquals": {"t": "someday"}}),
        json!({"ArnNotLike": {"n": "arn:aws:s3:::x"}}),
        json!({"StringEqualsSometimes": {"n": "5"}}),
    ] {
        let e = with_condition("Allow", cond.clone());
        assert_eq!(e.decision, ImplicitlyDenied, "{cond}");
        assert!(
            matches!(e.statements[0].outcome, Outcome::Unevaluable { .. }),
            "{cond}"
        );
        assert_eq!(
            with_condition("Deny", cond.clone()).decision,
            ExplicitlyDenied,
            "{cond}"
        );
    }
    // Found by fuzzing: a policy with two Statement members (the first not
    // a statement) is unreadable as a whole, at /Statement, which exists.
    let text = r#"{"principal": "arn:aws:iam::111122223333:user/Bob", "action": "s3:GetObject", "resource": "*",
        "identityPolicies": [{"Version": "2012-10-17", "Statement": "x", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}]}"#;
    let e = evaluate(&Request::from_json_str(text).unwrap());
    assert_eq!(e.decision, ExplicitlyDenied);
    assert_eq!(e.deciding[0].statement, "/Statement");
    let text = r#"{"principal": "arn:aws:iam::111122223333:user/Bob", "action": "s3:GetObject", "resource": "*",
        "serviceControlPolicies": [{"level": "r", "policies": [], "policies": []}]}"#;
    let err = Request::from_json_str(text).unwrap_err();
    assert_eq!(
        err.at.as_str(),
        "/serviceControlPolicies/0/policies",
        "{err}"
    );
    // A statement whose Effect cannot be read is taken as a Deny.
    let r = json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
        "identityPolicies": [allow("s3:*", "*"), {"Version": "2012-10-17", "Statement": [{"Effect": "deny", "Action": "s3:*", "Resource": "*"}]}]});
    assert_eq!(d(r), ExplicitlyDenied);
}

// Explanations: the first failing element with the values compared,
// variables resolved, and the missing context keys.
#[test]
fn explanation_names_element_and_values() {
    let r = json!({"principal": USER, "action": "s3:GetObject", "resource": "arn:aws:s3:::b/Adele/x",
        "context": {"aws:username": "Bob"},
        "identityPolicies": [{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"},
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "x"}}}]}]});
    let e = eval(r);
    assert_eq!(e.decision, ImplicitlyDenied);
    let outcome = |i: usize| match &e.statements[i].outcome {
        Outcome::DoesNotApply { element, detail } => (element.to_string(), detail.clone()),
        other => panic!("{other:?}"),
    };
    assert_eq!(outcome(0).0, "/Action");
    let (el, detail) = outcome(1);
    assert_eq!(el, "/Resource");
    assert!(
        detail.contains(r#""arn:aws:s3:::b/Bob/*" (from "arn:aws:s3:::b/${aws:username}/*")"#),
        "{detail}"
    );
    assert_eq!(
        outcome(2).0,
        "/Condition/StringEquals/aws:PrincipalTag~1team"
    );
    assert_eq!(e.missing_context_keys, ["aws:PrincipalTag/team"]);
    assert_eq!(e.statements[1].effect, Some(Effect::Allow));

    // Long lists are cut after eight entries.
    let actions: Vec<String> = (0..10).map(|i| format!("ec2:Action{i}")).collect();
    let e = eval(
        json!({"principal": USER, "action": "s3:GetObject", "resource": OBJECT,
        "identityPolicies": [{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": actions, "Resource": "*"}}]}),
    );
    match &e.statements[0].outcome {
        Outcome::DoesNotApply { element, detail } => {
            assert_eq!(element.as_str(), "/Action");
            assert!(
                detail.ends_with(r#""ec2:Action7", ... 2 more]"#),
                "{detail}"
            );
        }
        other => panic!("{other:?}"),
    }
}

// ---- properties ----

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

const PRINCIPALS: &[&str] = &[
    USER,
    SESSION,
    "arn:aws:iam::111122223333:root",
    "arn:aws:sts::111122223333:federated-user/fed",
    "arn:aws:iam::444455556666:user/Other",
    "ecs-tasks.amazonaws.com",
    "anonymous",
];
const ACTIONS: &[&str] = &[
    "s3:GetObject",
    "s3:PutObject",
    "sts:AssumeRole",
    "kms:Decrypt",
];
const RESOURCES: &[&str] = &[
    OBJECT,
    "arn:aws:iam::111122223333:role/app",
    "arn:aws:kms:us-east-1:444455556666:key/k",
    "*",
];
const ACTION_PATTERNS: &[&str] = &[
    "*",
    "s3:*",
    "s3:GetObject",
    "sts:AssumeRole",
    "kms:*",
    "S3:get*",
    "ec2:*",
];
const RESOURCE_PATTERNS: &[&str] = &[
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:iam::*:role/app",
    "arn:aws:s3:::${aws:username}/*",
    "arn:aws:kms:*:*:key/*",
];
const PRINCIPAL_VALUES: &[&str] = &[
    "*",
    USER,
    SESSION,
    ROLE,
    "111122223333",
    "arn:aws:iam::444455556666:root",
    "arn:aws:iam::111122223333:root",
];
const CONDITIONS: &[&str] = &[
    "",
    r#"{"StringEquals":{"aws:username":"Bob"}}"#,
    r#"{"NumericLessThan":{"n":"10"}}"#,
    r#"{"NumericLessThan":{"n":"ten"}}"#,
    r#"{"Bool":{"aws:SecureTransport":"true"}}"#,
    r#"{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#,
    r#"{"StringNotEqualsIfExists":{"aws:PrincipalTag/team":"red"}}"#,
    r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#,
    r#"{"Null":{"aws:TokenIssueTime":"true"}}"#,
];

fn statement(resource_policy: bool) -> impl Strategy<Value = Value> {
    (
        pick(&["Allow", "Deny"]),
        pick(ACTION_PATTERNS),
        any::<bool>(),
        pick(RESOURCE_PATTERNS),
        pick(PRINCIPAL_VALUES),
        0u8..3,
        pick(CONDITIONS),
    )
        .prop_map(
            move |(effect, action, not_action, resource, principal, principal_form, cond)| {
                let mut st = json!({"Effect": effect});
                st[if not_action { "NotAction" } else { "Action" }] = json!(action);
                st["Resource"] = json!(resource);
                if resource_policy {
                    match principal_form {
                        0 => st["Principal"] = json!({"AWS": principal}),
                        1 => st["Principal"] = json!("*"),
                        _ => st["NotPrincipal"] = json!({"AWS": [principal, "111122223333"]}),
                    }
                }
                if !cond.is_empty() {
                    st["Condition"] = serde_json::from_str(cond).unwrap();
                }
                st
            },
        )
}

fn policy(resource_policy: bool) -> impl Strategy<Value = Value> {
    proptest::collection::vec(statement(resource_policy), 0..4)
        .prop_map(|sts| json!({"Version": "2012-10-17", "Statement": sts}))
}

fn request() -> impl Strategy<Value = Value> {
    (
        pick(PRINCIPALS),
        pick(ACTIONS),
        pick(RESOURCES),
        proptest::collection::vec(policy(false), 0..3),
        proptest::option::of(policy(true)),
        proptest::option::of(policy(false)),
        proptest::option::of(policy(false)),
        proptest::option::of(proptest::collection::vec(policy(false), 1..3)),
        proptest::option::of(policy(true)),
        (any::<bool>(), any::<bool>()),
    )
        .prop_map(|(principal, action, resource, identity, rp, boundary, session, scp, rcp, (ctx_a, ctx_b))| {
            let mut r = json!({"principal": principal, "action": action, "resource": resource, "identityPolicies": identity});
            let mut ctx = serde_json::Map::new();
            if ctx_a {
                ctx.insert("aws:username".into(), json!("Bob"));
                ctx.insert("n".into(), json!("5"));
                ctx.insert("aws:SourceIp".into(), json!("10.1.2.3"));
            }
            if ctx_b {
                ctx.insert("aws:SecureTransport".into(), json!("true"));
                ctx.insert("aws:TagKeys".into(), json!(["a"]));
                ctx.insert("aws:PrincipalTag/team".into(), json!("blue"));
            }
            r["context"] = Value::Object(ctx);
            for (k, v) in [("resourcePolicy", rp), ("permissionsBoundary", boundary), ("sessionPolicy", session)] {
                if let Some(v) = v {
                    r[k] = v;
                }
            }
            if let Some(levels) = scp {
                r["serviceControlPolicies"] =
                    Value::Array(levels.into_iter().enumerate().map(|(i, p)| json!({"level": format!("l{i}"), "policies": [p]})).collect());
            }
            if let Some(p) = rcp {
                r["resourceControlPolicies"] = json!([{"level": "r", "policies": [p]}]);
            }
            r
        })
}

/// The statement arrays of the request's documents, by JSON Pointer.
fn documents(r: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(a) = r["identityPolicies"].as_array() {
        out.extend((0..a.len()).map(|i| format!("/identityPolicies/{i}")));
    }
    for k in ["resourcePolicy", "permissionsBoundary", "sessionPolicy"] {
        if r.get(k).is_some() {
            out.push(format!("/{k}"));
        }
    }
    if let Some(a) = r.get("serviceControlPolicies").and_then(Value::as_array) {
        out.extend((0..a.len()).map(|i| format!("/serviceControlPolicies/{i}/policies/0")));
    }
    if r.get("resourceControlPolicies").is_some() {
        out.push("/resourceControlPolicies/0/policies/0".into());
    }
    out
}

fn decision_of(r: &Value) -> Decision {
    decide(&Request::from_json_str(&r.to_string()).unwrap()).decision
}

fn with_statement(r: &Value, doc: &str, st: Value) -> Value {
    let mut r = r.clone();
    r.pointer_mut(&format!("{doc}/Statement"))
        .unwrap()
        .as_array_mut()
        .unwrap()
        .push(st);
    r
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn adding_a_deny_never_allows(r in request(), st in statement(true), which in any::<prop::sample::Index>()) {
        let docs = documents(&r);
        prop_assume!(!docs.is_empty());
        let doc = &docs[which.index(docs.len())];
        let mut st = st;
        st["Effect"] = json!("Deny");
        if !(doc == "/resourcePolicy" || doc.starts_with("/resourceControl")) {
            st.as_object_mut().unwrap().remove("Principal");
            st.as_object_mut().unwrap().remove("NotPrincipal");
        }
        let before = decision_of(&r);
        let after = decision_of(&with_statement(&r, doc, st));
        if before != Allowed {
            prop_assert_ne!(after, Allowed);
        }
        if before == ExplicitlyDenied {
            prop_assert_eq!(after, ExplicitlyDenied);
        }
    }

    #[test]
    fn adding_an_allow_never_denies_what_was_allowed(r in request(), st in statement(true), which in any::<prop::sample::Index>()) {
        let docs = documents(&r);
        prop_assume!(!docs.is_empty());
        let doc = &docs[which.index(docs.len())];
        let mut st = st;
        st["Effect"] = json!("Allow");
        if !(doc == "/resourcePolicy" || doc.starts_with("/resourceControl")) {
            st.as_object_mut().unwrap().remove("Principal");
            st.as_object_mut().unwrap().remove("NotPrincipal");
        }
        if decision_of(&r) == Allowed {
            prop_assert_eq!(decision_of(&with_statement(&r, doc, st)), Allowed);
        }
    }

    #[test]
    fn removing_a_layers_only_allow_never_allows(r in request(), which in any::<prop::sample::Index>()) {
        let docs = documents(&r);
        prop_assume!(!docs.is_empty());
        let doc = &docs[which.index(docs.len())];
        let sts = r.pointer(&format!("{doc}/Statement")).unwrap().as_array().unwrap().clone();
        let allows: Vec<usize> = (0..sts.len()).filter(|&i| sts[i]["Effect"] == "Allow").collect();
        prop_assume!(allows.len() == 1);
        let before = decision_of(&r);
        let mut removed = r.clone();
        removed.pointer_mut(&format!("{doc}/Statement")).unwrap().as_array_mut().unwrap().remove(allows[0]);
        if before != Allowed {
            prop_assert_ne!(decision_of(&removed), Allowed);
        }
    }

    #[test]
    fn decisions_are_deterministic_and_deciding_pointers_exist(r in request()) {
        let req = Request::from_json_str(&r.to_string()).unwrap();
        let a = evaluate(&req);
        let b = evaluate(&req);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.decision, decide(&req).decision);
        for s in &a.deciding {
            let doc = label_pointer(&s.policy);
            let policy = r.pointer(&doc).unwrap_or_else(|| panic!("{doc}"));
            let parsed: PolicyDocument = policy.to_string().parse().unwrap();
            prop_assert!(policy.pointer(s.statement.as_str()).is_some(), "{} {}", s.policy, s.statement);
            prop_assert!(!parsed.statements().is_empty());
        }
    }
}
