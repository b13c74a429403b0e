//! Property test: `PolicyDocument::size` (counted without writing the
//! text) equals its definition, the non-whitespace characters of the
//! compact JSON text, on generated documents with every kind of string
//! (escapes, control characters, spaces, non-ASCII) and number.

use iam_ecs::json::Json;
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use proptest::prelude::*;

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9:*/${}._ -]{0,12}",
        Just("sts:AssumeRole".to_string()),
        Just("arn:aws:iam::111122223333:role/r".to_string()),
        // Anything, control characters, quotes and backslashes included.
        any::<String>(),
        "[\\x00-\\x20\"\\\\\u{7f}\u{80}\u{a0}\u{fffd}]{0,6}",
    ]
}

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        string().prop_map(|s| Json::String(s).to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("null".to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        prop_oneof![
            Just("-0"),
            Just("1.50"),
            Just("1e400"),
            Just("-2.5E-3"),
            Just("12345678901234567890123")
        ]
        .prop_map(str::to_string),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop_oneof![
            Just("Sid"),
            Just("Effect"),
            Just("Principal"),
            Just("Action"),
            Just("NotAction"),
            Just("Resource"),
            Just("NotResource"),
            Just("Condition"),
            Just("AWS"),
            Just("Service"),
            Just("StringEquals"),
            Just("NumericLessThan"),
            Just("aws:SourceAccount"),
        ]
        .prop_map(str::to_string),
        string(),
    ]
}

fn object(members: Vec<(String, String)>) -> String {
    let body: Vec<String> = members
        .into_iter()
        .map(|(k, v)| format!("{}: {v}", Json::String(k)))
        .collect();
    format!("{{ {} }}", body.join(" ,\n\t"))
}

fn value() -> BoxedStrategy<String> {
    scalar()
        .boxed()
        .prop_recursive(3, 32, 4, |inner| {
            prop_oneof![
                prop::collection::vec((key(), inner.clone()), 0..4).prop_map(object),
                prop::collection::vec(inner, 0..4).prop_map(|v| format!("[ {} ]", v.join(", "))),
            ]
        })
        .boxed()
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::option::of(prop_oneof![Just("\"2012-10-17\""), Just("1")]),
        prop_oneof![
            prop::collection::vec((key(), value()), 0..8).prop_map(object),
            prop::collection::vec(prop::collection::vec((key(), value()), 0..8), 0..3).prop_map(
                |v| format!(
                    "[{}]",
                    v.into_iter().map(object).collect::<Vec<_>>().join(",")
                )
            ),
            value(),
        ],
        prop::collection::vec((key(), value()), 0..2),
    )
        .prop_map(|(v, st, extra)| {
            let mut m = Vec::new();
            if let Some(v) = v {
                m.push(("Version".to_string(), v.to_string()));
            }
            m.push(("Statement".to_string(), st));
            m.extend(extra);
            object(m)
        })
}

/// The definition of the size.
fn chars_excluding_whitespace(text: &str) -> usize {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '\t' | '\n' | '\r'))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn size_is_the_non_whitespace_characters_of_the_compact_text(text in document()) {
        let doc = PolicyDocument::from_json_str(&text).unwrap();
        prop_assert_eq!(doc.size(), chars_excluding_whitespace(&doc.to_json_string()));
    }

    /// The check counts the size its own way (the values it scans anyway,
    /// `Sid`, `Action`, `NotAction`, `Resource`, `NotResource` and
    /// `Condition`, are counted as it checks them, the rest by the
    /// document's count): its
    /// size finding, with a quota of 0, names the same number, for every
    /// kind (a trust policy's `Resource` is not checked value by value).
    #[test]
    fn the_check_counts_the_same_size(text in document()) {
        let doc = PolicyDocument::from_json_str(&text).unwrap();
        let expected = format!("has {} characters excluding whitespace", doc.size());
        for opts in [
            CheckOptions::identity(),
            CheckOptions::trust(),
            CheckOptions::resource(),
            CheckOptions::scp(),
            CheckOptions::rcp(),
        ] {
            let findings = doc.check(&opts.size_quota(Some(0)));
            let size = findings
                .iter()
                .find(|f| f.code.as_str().starts_with("policy-size-exceeds-"))
                .map(|f| f.message.clone());
            prop_assert!(
                size.as_deref().is_some_and(|m| m.contains(&expected)),
                "{:?} has no size finding with {:?}",
                size,
                expected
            );
        }
    }
}
