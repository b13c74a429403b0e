//! Property tests: generated documents round-trip, checks never panic,
//! builders never produce a document their own check rejects.

mod util;

use iam_ecs::json::Json;
use iam_ecs::policy::{
    CheckOptions, IdentityPolicy, IdentityStatement, PolicyDocument, TrustPolicy, TrustStatement,
};
use proptest::prelude::*;
use util::{object, KINDS};

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9:*/${}._ -]{0,12}",
        Just("*".to_string()),
        Just("sts:AssumeRole".to_string()),
        Just("arn:aws:iam::111122223333:role/r".to_string()),
        "\\PC{0,4}",
    ]
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        string().prop_map(|s| Json::String(s).to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("null".to_string()),
        prop_oneof![
            Just("1"),
            Just("-0"),
            Just("1.50"),
            Just("1e400"),
            Just("12345678901234567890123")
        ]
        .prop_map(str::to_string),
    ]
}

fn one_or_many(item: BoxedStrategy<String>) -> BoxedStrategy<String> {
    prop_oneof![
        item.clone(),
        prop::collection::vec(item, 0..3).prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("Sid"),
            Just("Effect"),
            Just("Principal"),
            Just("NotPrincipal"),
            Just("Action"),
            Just("NotAction"),
            Just("Resource"),
            Just("NotResource"),
            Just("Condition"),
            Just("AWS"),
            Just("Service"),
            Just("StringEquals"),
            Just("effect"),
        ]
        .prop_map(str::to_string),
        string(),
    ]
}

fn value() -> BoxedStrategy<String> {
    let leaf = one_or_many(scalar().boxed());
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec((key(), inner.clone()), 0..4).prop_map(object),
            prop::collection::vec(inner, 0..3).prop_map(|v| format!("[{}]", v.join(","))),
        ]
    })
    .boxed()
}

fn statement() -> impl Strategy<Value = String> {
    prop::collection::vec((key(), value()), 0..7).prop_map(object)
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop_oneof![
            Just("\"2012-10-17\""),
            Just("\"2008-10-17\""),
            Just("1")
        ]),
        prop::option::of(string()),
        prop_oneof![
            statement(),
            prop::collection::vec(statement(), 0..3).prop_map(|v| format!("[{}]", v.join(","))),
            value(),
        ],
        prop::collection::vec((key(), value()), 0..2),
    )
        .prop_map(|(v, id, st, extra)| {
            let mut m = Vec::new();
            if let Some(v) = v {
                m.push(("Version".to_string(), v.to_string()));
            }
            m.push(("Statement".to_string(), st));
            if let Some(id) = id {
                m.push(("Id".to_string(), Json::String(id).to_string()));
            }
            m.extend(extra);
            object(m)
        })
}

proptest! {
    #[test]
    fn generated_documents_round_trip_and_checks_do_not_panic(text in document()) {
        let doc = PolicyDocument::from_json_str(&text).unwrap();
        let written = doc.to_json_string();
        // serde_json writes strings its own way (escapes); compare through
        // a second round.
        let again = PolicyDocument::from_json_str(&written).unwrap();
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(again.to_json_string(), written.clone());
        prop_assert_eq!(PolicyDocument::from_json_str(&doc.to_json_pretty()).unwrap(), doc.clone());
        for k in KINDS {
            let first = doc.check(&k);
            prop_assert_eq!(first, doc.check(&k));
        }
    }

    #[test]
    fn arbitrary_json_objects_check_without_panicking(text in value()) {
        if let Ok(doc) = PolicyDocument::from_json_str(&text) {
            for k in KINDS {
                let _ = doc.check(&k);
            }
        }
    }

    #[test]
    fn builders_never_produce_a_document_their_check_rejects(
        sid in prop::option::of("[A-Za-z0-9]{1,8}"),
        actions in prop::collection::vec("[a-z0-9-]{1,8}:[A-Za-z*]{1,10}", 1..4),
        resources in prop::collection::vec(prop_oneof![
            Just("*".to_string()),
            "arn:aws:s3:::[a-z0-9-]{3,10}/[a-z*]{0,5}",
            "arn:aws:iam::[0-9]{12}:role/[A-Za-z0-9_+=,.@-]{1,20}",
        ], 1..3),
        account in "[0-9]{12}",
        role in "[A-Za-z0-9_+=,.@-]{1,64}",
        external in prop::option::of("[A-Za-z0-9+=,.@:/_-]{2,40}"),
        single in any::<bool>(),
    ) {
        let mut s = IdentityStatement::allow().actions(&actions).resources(&resources);
        if let Some(sid) = &sid {
            s = s.sid(sid.clone());
        }
        let mut b = IdentityPolicy::builder().statement(s);
        if single {
            b = b.single_statement();
        }
        let doc = b.build().unwrap();
        prop_assert!(!iam_ecs::has_errors(&doc.check(&CheckOptions::identity())));
        prop_assert_eq!(PolicyDocument::from_json_str(&doc.to_json_string()).unwrap().to_json_string(), doc.to_json_string());

        let arn = format!("arn:aws:iam::{account}:role/{role}");
        let mut t = TrustStatement::allow().principal_aws(&arn).action("sts:AssumeRole");
        if let Some(e) = &external {
            t = t.external_id(e);
        }
        let doc = TrustPolicy::builder().statement(t).build().unwrap();
        prop_assert!(!iam_ecs::has_errors(&doc.check(&CheckOptions::trust())));
        prop_assert_eq!(PolicyDocument::from_json_str(&doc.to_json_string()).unwrap(), doc.clone());
    }
}
