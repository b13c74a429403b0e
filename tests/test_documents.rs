//! Documents that fit std and serde (`FromStr`, `Display`, `Deserialize`)
//! and editing what was read (`push_statement`, `statements_mut`,
//! `push_container`, `containers_mut`).

mod util;

use iam_ecs::ecs::{
    ContainerDefinition, DescribedTaskDefinition, Document, RegisteredTaskDefinition,
    TaskDefinition,
};
use iam_ecs::json::Json;
use iam_ecs::policy::{
    IdentityPolicy, IdentityStatement, OneOrMany, PolicyDocument, Statement, TrustPolicy,
    TrustStatement,
};
use iam_ecs::{RoleArn, ServicePrincipal};
use serde::Deserialize;
use std::fmt::Display;
use std::str::FromStr;

const GUIDE_TRUST: &str = include_str!("fixtures/guide/destination-trust-policy.json");
const GUIDE_IDENTITY: &str = include_str!("fixtures/guide/task-role-identity-policy.json");
const GUIDE_TASK: &str = include_str!("fixtures/guide/example-task-def.json");

const DESCRIBED: &str = r#"{"taskDefinition":{"taskDefinitionArn":"arn:aws:ecs:us-east-1:111122223333:task-definition/web:3","containerDefinitions":[{"name":"web","image":"nginx","memory":128}],"family":"web","revision":3,"status":"ACTIVE","registeredAt":1.7e9},"tags":[{"key":"team","value":"a"}]}"#;
const REGISTERED: &str = r#"{"family":"web","revision":3,"containerDefinitions":[{"image":"nginx","name":"web","cpu":1.0}],"status":"ACTIVE"}"#;

/// Policies whose exact bytes are easy to lose: key order, duplicate keys,
/// number spellings, escapes, one statement vs an array, unknown members.
const TRICKY_POLICIES: &[&str] = &[
    r#"{"Statement":{"Resource":"*","Effect":"Allow","Action":"s3:ListAllMyBuckets"},"Version":"2012-10-17"}"#,
    r#"{"Version":"2012-10-17","Version":"2008-10-17","Statement":[]}"#,
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Effect":"Deny"}]}"#,
    r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":1.0,"aws:MultiFactorAuthAge":1e3,"x:big":123456789012345678901234567890,"x:neg":-0,"x:exp":2.50E+02}}}]}"#,
    r#"{"Statement":{"Sid":"a\"b\\c\n\t\u0001","Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/\u001f"}}"#,
    r#"{"Statement":{"Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"],"Condition":{"Bool":{"aws:SecureTransport":"true"},"Bool":{"aws:SecureTransport":true}}}}"#,
    r#"{"Id":"x","Unknown":[1,{"a":null},true],"Statement":"not an object"}"#,
    r#"{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"iam:*","NotResource":["a","b"]},7]}"#,
    r#"{}"#,
];

/// Task definitions with the same kinds of traps.
const TRICKY_TASKS: &[&str] = &[
    r#"{"family":"f","family":"g","containerDefinitions":[{"name":"a","image":"i","cpu":1.0,"memory":1e3,"memoryReservation":-0}]}"#,
    r#"{"containerDefinitions":[{"image":"i","name":"a","environment":[{"value":"\"q\"\\","name":"X"}],"dockerLabels":{"k":"v","k":"w"}}],"unknown":{"z":1,"a":2}}"#,
    r#"{"containerDefinitions":{"name":"not an array"},"cpu":256}"#,
];

#[derive(Debug, Deserialize)]
struct Holder<T> {
    name: String,
    doc: T,
    #[serde(default = "Vec::new")]
    more: Vec<T>,
}

/// The document inside `{"name": .., "doc": .., "more": [..]}`, read with
/// serde_json from text, from bytes and from a reader.
#[track_caller]
fn read_held<T>(text: &str) -> Vec<T>
where
    T: for<'de> Deserialize<'de>,
{
    let outer =
        format!("{{\n  \"name\": \"n\",\n  \"doc\": {text},\n  \"more\": [ {text} , {text} ]\n}}");
    let from_str: Holder<T> = serde_json::from_str(&outer).unwrap();
    let from_slice: Holder<T> = serde_json::from_slice(outer.as_bytes()).unwrap();
    let from_reader: Holder<T> = serde_json::from_reader(outer.as_bytes()).unwrap();
    assert_eq!(from_str.name, "n");
    let mut out = vec![from_str.doc, from_slice.doc, from_reader.doc];
    out.extend(from_str.more);
    out
}

/// `FromStr`, `Display` and `{:#}` agree with `from_json_str`,
/// `to_json_string` and serde_json's pretty writer, and serde_json reading
/// the document from a bigger input writes it back exactly as the crate's
/// reader does.
#[track_caller]
fn assert_document<T>(text: &str, read: fn(&str) -> iam_ecs::Result<T>)
where
    T: FromStr<Err = iam_ecs::Error>
        + Display
        + serde::Serialize
        + for<'de> Deserialize<'de>
        + PartialEq
        + std::fmt::Debug,
{
    let direct = read(text).unwrap();
    let compact = serde_json::to_string(&direct).unwrap();
    let pretty = serde_json::to_string_pretty(&direct).unwrap();
    assert_eq!(compact, util::strip_ws(&compact), "sanity");

    let parsed: T = text.parse().unwrap();
    assert_eq!(parsed, direct);
    assert_eq!(parsed.to_string(), compact);
    assert_eq!(format!("{parsed:#}"), pretty);

    for held in read_held::<T>(text) {
        assert_eq!(held.to_string(), compact, "read through serde from {text}");
        assert_eq!(held, direct);
    }
    // Top level, too.
    let top: T = serde_json::from_str(text).unwrap();
    assert_eq!(top.to_string(), compact);
}

#[test]
fn policies_parse_display_and_deserialize_as_the_crate_reads_them() {
    for text in [GUIDE_TRUST, GUIDE_IDENTITY] {
        assert_document(text, PolicyDocument::from_json_str);
        let doc: PolicyDocument = text.parse().unwrap();
        assert_eq!(doc.to_string(), doc.to_json_string());
        assert_eq!(format!("{doc:#}"), doc.to_json_pretty());
        assert_eq!(doc.to_string(), util::strip_ws(text));
    }
    for text in TRICKY_POLICIES {
        assert_document(text, PolicyDocument::from_json_str);
    }
}

#[test]
fn tricky_policies_come_back_byte_for_byte_through_a_derived_struct() {
    // Everything but escapes is kept as written: these have no escapes
    // that serde_json would write differently.
    for text in TRICKY_POLICIES {
        for doc in read_held::<PolicyDocument>(text) {
            assert_eq!(doc.to_string(), *text);
        }
    }
}

#[test]
fn escapes_are_written_as_the_crate_writes_them() {
    // `\u00e9` and `\/` are read as the characters they stand for and
    // written as serde_json writes those: the same as the crate's reader.
    let text = r#"{"Statement":{"Sid":"\u00e9\/","Effect":"Allow"}}"#;
    let doc: PolicyDocument = serde_json::from_str(text).unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":{"Sid":"é/","Effect":"Allow"}}"#
    );
    assert_eq!(doc, PolicyDocument::from_json_str(text).unwrap());
}

#[test]
fn task_definitions_parse_display_and_deserialize_as_the_crate_reads_them() {
    assert_document(GUIDE_TASK, TaskDefinition::from_json_str);
    let td: TaskDefinition = GUIDE_TASK.parse().unwrap();
    assert_eq!(td.to_string(), util::strip_ws(GUIDE_TASK));
    assert_eq!(format!("{td:#}"), td.to_json_pretty());
    for text in TRICKY_TASKS {
        assert_document(text, TaskDefinition::from_json_str);
        for td in read_held::<TaskDefinition>(text) {
            assert_eq!(td.to_string(), *text);
        }
    }

    assert_document(DESCRIBED, DescribedTaskDefinition::from_json_str);
    let described: DescribedTaskDefinition = DESCRIBED.parse().unwrap();
    assert_eq!(described.to_string(), DESCRIBED);
    assert_eq!(format!("{described:#}"), described.to_json_pretty());

    assert_document(REGISTERED, RegisteredTaskDefinition::from_json_str);
    let registered: RegisteredTaskDefinition = REGISTERED.parse().unwrap();
    assert_eq!(registered.to_string(), REGISTERED);
    assert_eq!(registered.to_string(), registered.to_json_string());

    for text in [GUIDE_TASK, DESCRIBED, REGISTERED, TRICKY_TASKS[0]] {
        assert_document(text, Document::from_json_str);
        let doc: Document = text.parse().unwrap();
        assert_eq!(doc.to_string(), util::strip_ws(text));
        assert_eq!(format!("{doc:#}"), doc.to_json_pretty());
    }
    let kinds: Vec<_> = [GUIDE_TASK, DESCRIBED, REGISTERED]
        .iter()
        .map(|t| serde_json::from_str::<Document>(t).unwrap().kind())
        .collect();
    assert_eq!(
        kinds,
        [
            iam_ecs::ecs::TaskDefinitionKind::RegisterInput,
            iam_ecs::ecs::TaskDefinitionKind::DescribeOutput,
            iam_ecs::ecs::TaskDefinitionKind::Registered,
        ]
    );
}

#[test]
fn json_parses_displays_and_deserializes_exactly() {
    let texts = TRICKY_POLICIES.iter().chain(TRICKY_TASKS).copied().chain([
        DESCRIBED, REGISTERED, "[]", "1e3", "-0.0", r#""x""#, "null", "true",
    ]);
    for text in texts {
        assert_document(text, Json::parse);
        let json: Json = serde_json::from_str(text).unwrap();
        assert_eq!(json.to_string(), text);
    }
    let json: Json = GUIDE_TASK.parse().unwrap();
    assert_eq!(
        format!("{json:#}"),
        serde_json::to_string_pretty(&json).unwrap()
    );
    assert_eq!(json.to_string(), util::strip_ws(GUIDE_TASK));
}

#[test]
fn deserialize_errors_carry_the_crate_message() {
    #[track_caller]
    fn err<T: for<'de> Deserialize<'de> + std::fmt::Debug>(text: &str) -> String {
        serde_json::from_str::<Holder<T>>(text)
            .unwrap_err()
            .to_string()
    }
    assert_eq!(
        err::<PolicyDocument>(r#"{"name":"n","doc":[]}"#),
        "invalid JSON at line 1, column 1: expected a policy document (a JSON object), found an array at line 1 column 21",
    );
    assert_eq!(
        err::<PolicyDocument>(r#"{"name":"n","doc":"x"}"#),
        "invalid JSON at line 1, column 1: expected a policy document (a JSON object), found a string at line 1 column 22",
    );
    for expected_object in [
        err::<TaskDefinition>(r#"{"name":"n","doc":1}"#),
        err::<DescribedTaskDefinition>(r#"{"name":"n","doc":1}"#),
        err::<RegisteredTaskDefinition>(r#"{"name":"n","doc":1}"#),
        err::<Document>(r#"{"name":"n","doc":1}"#),
    ] {
        assert_eq!(
            expected_object,
            "invalid JSON at line 1, column 1: expected an object, found a number at line 1 column 20",
        );
    }
    // serde_json rejects what is not JSON before the crate sees it.
    assert_eq!(
        err::<PolicyDocument>(r#"{"name":"n","doc":{"a":}}"#),
        "expected value at line 1 column 24",
    );
    // What serde_json lets through and the crate's reader does not: the
    // line and column count from the start of the document, serde_json
    // adds its position in the whole input.
    assert_eq!(
        err::<PolicyDocument>(r#"{"name":"n","doc":{"Sid":"\ud800"}}"#),
        "invalid JSON at line 1, column 15: expected a low surrogate after \\uD800, found none (a lone surrogate is not text) at line 1 column 35",
    );
    assert_eq!(
        err::<Json>(r#"{"name":"n","doc":["\udc00"]}"#),
        "invalid JSON at line 1, column 9: expected a Unicode scalar value, found the lone low surrogate \\uDC00 at line 1 column 29",
    );
    // Bad input never panics, whatever the type.
    for text in ["", "{", r#"{"doc":{}}"#, r#"{"name":"n","doc":nul}"#] {
        assert!(serde_json::from_str::<Holder<PolicyDocument>>(text).is_err());
        assert!(serde_json::from_str::<Holder<Document>>(text).is_err());
        assert!(serde_json::from_str::<Holder<Json>>(text).is_err());
    }
}

#[test]
fn from_value_reads_what_the_value_kept() {
    // A serde_json::Value has sorted its keys, kept the last duplicate and
    // parsed its numbers: the document is read from what is left.
    let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"NumericLessThan":{"k":1e3,"k":2.50}}}}"#;
    let value: serde_json::Value = serde_json::from_str(text).unwrap();
    let doc: PolicyDocument = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(doc.to_string(), value.to_string());
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":{"Action":"s3:*","Condition":{"NumericLessThan":{"k":2.5}},"Effect":"Allow","Resource":"*"},"Version":"2012-10-17"}"#
    );
    let json = Json::deserialize(&value).unwrap();
    assert_eq!(json.to_string(), value.to_string());
}

#[test]
fn other_deserializers_are_read_generically() {
    // serde buffers the input of an untagged enum, so the document is read
    // from serde's generic value: order and duplicates kept, numbers as
    // serde_json writes the Rust numbers.
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Policy { policy: PolicyDocument },
    }
    let text = r#"{"policy":{"Version":"2012-10-17","Statement":[],"Version":"x","Id":1e3,"Sid":1.50,"n":-7,"b":18446744073709551615}}"#;
    let Either::Policy { policy } = serde_json::from_str(text).unwrap();
    assert_eq!(
        policy.to_string(),
        r#"{"Version":"2012-10-17","Statement":[],"Version":"x","Id":1000.0,"Sid":1.5,"n":-7,"b":18446744073709551615}"#
    );

    // A deserializer that is not serde_json at all.
    use serde::de::value::{Error, MapDeserializer};
    let members = [("Version", "2012-10-17"), ("Id", "a"), ("Id", "b")];
    let doc =
        PolicyDocument::deserialize(MapDeserializer::<_, Error>::new(members.into_iter())).unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Version":"2012-10-17","Id":"a","Id":"b"}"#
    );

    let err = PolicyDocument::deserialize(serde::de::value::StrDeserializer::<Error>::new("x"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid JSON at line 1, column 1: expected a policy document (a JSON object), found a string"
    );
    let err =
        Json::deserialize(serde::de::value::F64Deserializer::<Error>::new(f64::NAN)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid value: floating point `NaN`, expected a finite number"
    );
}

#[test]
fn a_document_serialized_and_deserialized_is_unchanged() {
    for text in TRICKY_POLICIES
        .iter()
        .chain([&GUIDE_TRUST, &GUIDE_IDENTITY])
    {
        let doc = PolicyDocument::from_json_str(text).unwrap();
        let again: PolicyDocument =
            serde_json::from_str(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(again, doc);
        let again: PolicyDocument =
            serde_json::from_str(&serde_json::to_string_pretty(&doc).unwrap()).unwrap();
        assert_eq!(again, doc);
    }
    for text in TRICKY_TASKS.iter().chain([&GUIDE_TASK, &DESCRIBED]) {
        let doc = Document::from_json_str(text).unwrap();
        let again: Document = serde_json::from_str(&doc.to_json_pretty()).unwrap();
        assert_eq!(again, doc);
    }
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn corpus_documents_read_through_serde_as_the_crate_reads_them() {
    let Some(dir) = util::corpus_dir() else {
        return;
    };
    let policies = util::files_with_ext(&dir.join("managed-policies/policies"), ".json");
    assert!(policies.len() > 1000, "{}", policies.len());
    for path in policies {
        let text = std::fs::read_to_string(&path).unwrap();
        let direct = PolicyDocument::from_json_str(&text).unwrap();
        let held: Holder<PolicyDocument> =
            serde_json::from_str(&format!(r#"{{"name":"n","doc":{text}}}"#)).unwrap();
        assert_eq!(held.doc, direct, "{}", path.display());
        assert_eq!(held.doc.to_string(), direct.to_json_string());
    }
    let tasks = util::files_with_ext(&dir.join("task-definitions"), ".json");
    assert!(tasks.len() > 50, "{}", tasks.len());
    for path in tasks {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(direct) = Document::from_json_str(&text) else {
            // Template files that are not JSON.
            assert!(serde_json::from_str::<Document>(&text).is_err());
            continue;
        };
        let held: Holder<Document> =
            serde_json::from_str(&format!(r#"{{"name":"n","doc":{text}}}"#)).unwrap();
        assert_eq!(held.doc, direct, "{}", path.display());
        assert_eq!(held.doc.to_string(), direct.to_json_string());
    }
}

// ---- push_statement and friends ----

#[test]
fn pushing_onto_a_single_statement_makes_an_array() {
    let mut doc: PolicyDocument = GUIDE_IDENTITY.parse().unwrap();
    doc.push_statement(
        IdentityStatement::allow()
            .action("s3:ListBucket")
            .resource("arn:aws:s3:::b"),
    )
    .unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::5555666677778888:role/destination-account-role"},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::b"}]}"#
    );
    assert_eq!(doc.statements().len(), 2);
}

#[test]
fn pushing_onto_an_array_appends_and_keeps_everything_else() {
    let text = r#"{"Statement":[{"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Effect":"Allow","Action":"sts:AssumeRole","X":1.0}],"Version":"2012-10-17","Extra":[1e3]}"#;
    let mut doc: PolicyDocument = text.parse().unwrap();
    doc.push_statement(
        TrustStatement::allow()
            .principal_service(ServicePrincipal::ECS_TASKS)
            .action("sts:AssumeRole"),
    )
    .unwrap()
    .push_statement(
        TrustStatement::deny()
            .principal_aws("arn:aws:iam::444455556666:root")
            .action("sts:TagSession"),
    )
    .unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":[{"Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Effect":"Allow","Action":"sts:AssumeRole","X":1.0},{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"},{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"sts:TagSession"}],"Version":"2012-10-17","Extra":[1e3]}"#
    );
}

#[test]
fn a_pushed_statement_is_the_builders_statement() {
    let stmt = || {
        IdentityStatement::allow()
            .sid("List")
            .actions(["s3:ListBucket", "s3:GetBucketLocation"])
            .resource("arn:aws:s3:::b")
            .condition("StringEquals", "aws:PrincipalAccount", "111122223333")
    };
    let built = IdentityPolicy::builder().statement(stmt()).build().unwrap();

    let mut pushed: PolicyDocument = r#"{"Version":"2012-10-17","Statement":[]}"#.parse().unwrap();
    pushed.push_statement(stmt()).unwrap();
    assert_eq!(pushed.to_string(), built.to_string());
    assert_eq!(format!("{pushed:#}"), format!("{built:#}"));
    assert_eq!(pushed, built);
    // And equal to the same document read back.
    assert_eq!(
        pushed,
        pushed.to_string().parse::<PolicyDocument>().unwrap()
    );

    let converted = Statement::try_from(stmt()).unwrap();
    assert_eq!(converted, built.statements()[0]);

    let trust = || {
        TrustStatement::allow()
            .principal_aws(RoleArn::parse("arn:aws:iam::111122223333:role/r").unwrap())
            .principal_array()
            .action("sts:AssumeRole")
            .external_id("ext-1")
    };
    let built = TrustPolicy::builder().statement(trust()).build().unwrap();
    let mut pushed: PolicyDocument = r#"{"Version":"2012-10-17","Statement":[]}"#.parse().unwrap();
    pushed.push_statement(trust()).unwrap();
    assert_eq!(pushed.to_string(), built.to_string());
    assert_eq!(pushed, built);
}

#[test]
fn a_statement_value_is_pushed_as_it_is() {
    let mut doc: PolicyDocument = r#"{"Statement":[]}"#.parse().unwrap();
    let mut s = Statement::default();
    s.effect = Some(iam_ecs::policy::Effect::Deny);
    s.not_action = Some(OneOrMany::Many(vec!["iam:*".into()]));
    s.resource = Some(OneOrMany::One("*".into()));
    doc.push_statement(s.clone()).unwrap();
    // A statement copied from another document keeps its own key order.
    let other: PolicyDocument =
        r#"{"Statement":{"Resource":"*","Action":"s3:*","Effect":"Allow"}}"#
            .parse()
            .unwrap();
    doc.push_statement(other.statements()[0].clone()).unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":[{"Effect":"Deny","NotAction":["iam:*"],"Resource":"*"},{"Resource":"*","Action":"s3:*","Effect":"Allow"}]}"#
    );
    assert_eq!(doc.statements()[0], s);
}

#[test]
fn pushing_onto_a_document_without_statement_adds_an_array_at_the_end() {
    let mut doc: PolicyDocument = r#"{"Version":"2012-10-17","Id":"x"}"#.parse().unwrap();
    doc.push_statement(IdentityStatement::allow().action("s3:*").resource("*"))
        .unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Version":"2012-10-17","Id":"x","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
    );

    let mut empty = PolicyDocument::default();
    empty
        .push_statement(IdentityStatement::allow().action("s3:*").resource("*"))
        .unwrap();
    assert_eq!(
        empty.to_string(),
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#
    );
}

#[test]
fn a_removed_statement_does_not_bring_back_its_duplicates() {
    let mut doc: PolicyDocument =
        r#"{"Statement":{"Sid":"A","Effect":"Allow"},"Statement":{"Sid":"B","Effect":"Allow"},"Id":"x"}"#
            .parse()
            .unwrap();
    assert_eq!(doc.statements().len(), 1);
    doc.statement = None;
    assert_eq!(doc.to_string(), r#"{"Id":"x"}"#);
    doc.push_statement(IdentityStatement::allow().action("s3:*").resource("*"))
        .unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}],"Id":"x"}"#
    );

    // While the statement is there, its duplicate stays as written.
    let mut doc: PolicyDocument =
        r#"{"Statement":{"Sid":"A","Effect":"Allow"},"Statement":{"Sid":"B"}}"#
            .parse()
            .unwrap();
    doc.push_statement(IdentityStatement::allow().action("s3:*").resource("*"))
        .unwrap();
    assert_eq!(
        doc.to_string(),
        r#"{"Statement":[{"Sid":"A","Effect":"Allow"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}],"Statement":{"Sid":"B"}}"#
    );
}

#[test]
fn push_statement_errors() {
    let errors = [
        (
            r#"{"Statement":"x"}"#,
            "PolicyDocument: invalid Statement: cannot add a statement to a member kept as written: expected an object or an array of objects at /Statement, found a string",
        ),
        (
            r#"{"Statement":[{"Effect":"Allow"},1]}"#,
            "PolicyDocument: invalid Statement: cannot add a statement to a member kept as written: expected an object at /Statement/1, found a number",
        ),
    ];
    for (text, message) in errors {
        let mut doc: PolicyDocument = text.parse().unwrap();
        let err = doc
            .push_statement(IdentityStatement::allow().action("s3:*").resource("*"))
            .unwrap_err();
        assert_eq!(err.to_string(), message);
        assert_eq!(doc.to_string(), text, "unchanged");
    }

    let builder_errors = [
        (
            IdentityStatement::allow().action("s3").resource("*"),
            "IdentityStatement: invalid Action: invalid action \"s3\": expected \"*\" or service:ActionName, found no \":\" [invalid-action at /Statement/1/Action]",
        ),
        (
            IdentityStatement::allow().action("s3:GetObject"),
            "",
        ),
        (
            IdentityStatement::allow()
                .action("s3:GetObject")
                .resource("not an arn"),
            "",
        ),
    ];
    for (stmt, message) in builder_errors {
        let mut doc: PolicyDocument = GUIDE_IDENTITY.parse().unwrap();
        let err = doc.push_statement(stmt).unwrap_err();
        assert!(
            err.to_string().starts_with("IdentityStatement: invalid "),
            "{err}"
        );
        if !message.is_empty() {
            assert_eq!(err.to_string(), message);
        }
        assert_eq!(doc.to_string(), util::strip_ws(GUIDE_IDENTITY), "unchanged");
    }

    let mut doc: PolicyDocument = GUIDE_TRUST.parse().unwrap();
    for stmt in [
        TrustStatement::allow().action("sts:AssumeRole"),
        TrustStatement::allow()
            .principal_aws("arn:aws:iam::111122223333:root")
            .action("s3:GetObject"),
        TrustStatement::allow()
            .principal_aws("arn:aws:iam::1111222233334444:root")
            .action("sts:AssumeRole"),
    ] {
        let err = doc.push_statement(stmt).unwrap_err();
        assert!(
            err.to_string().starts_with("TrustStatement: invalid "),
            "{err}"
        );
    }
    assert_eq!(doc.to_string(), util::strip_ws(GUIDE_TRUST), "unchanged");
}

#[test]
fn statements_can_be_changed_and_removed_in_place() {
    let mut doc: PolicyDocument = GUIDE_TRUST.parse().unwrap();
    for s in doc.statements_mut() {
        s.sid = Some("Cross".into());
    }
    assert_eq!(
        doc.to_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::1111222233334444:role/my-ECS-task-role"},"Action":"sts:AssumeRole","Sid":"Cross"}]}"#
    );

    let mut one: PolicyDocument = GUIDE_IDENTITY.parse().unwrap();
    one.retain_statements(|_| true);
    assert_eq!(one.to_string(), util::strip_ws(GUIDE_IDENTITY));
    one.retain_statements(|_| false);
    assert_eq!(
        one.to_string(),
        r#"{"Version":"2012-10-17","Statement":[]}"#
    );
    assert!(one.statements().is_empty());

    let mut raw: PolicyDocument = r#"{"Statement":"x"}"#.parse().unwrap();
    assert!(raw.statements_mut().is_empty());
    raw.retain_statements(|_| false);
    assert_eq!(raw.to_string(), r#"{"Statement":"x"}"#);
}

// ---- containers ----

#[test]
fn containers_are_iterated_and_changed_in_place() {
    let mut td: TaskDefinition = GUIDE_TASK.parse().unwrap();
    let names: Vec<_> = td
        .containers()
        .iter()
        .filter_map(|c| c.name.as_deref())
        .collect();
    assert_eq!(names, ["test"]);
    td.containers_mut()[0].memory = Some(512);
    td.container_mut("test").unwrap().stop_timeout = Some(30);
    assert!(td.container_mut("nope").is_none());
    assert_eq!(
        td.to_string(),
        r#"{"containerDefinitions":[{"name":"test","image":"your-test-image","cpu":100,"memory":512,"essential":true,"stopTimeout":30}],"family":"verify-assume-cross-account-role","taskRoleArn":"arn:aws:iam::1111222233334444:role/my-ECS-task-role"}"#
    );

    let mut doc: Document = DESCRIBED.parse().unwrap();
    assert_eq!(doc.containers().len(), 1);
    doc.containers_mut()[0].image = Some("nginx:1.27".into());
    assert_eq!(
        doc.to_string(),
        DESCRIBED.replace(r#""nginx""#, r#""nginx:1.27""#)
    );

    let mut registered: Document = REGISTERED.parse().unwrap();
    assert_eq!(registered.containers()[0].name.as_deref(), Some("web"));
    registered.containers_mut()[0].name = Some("app".into());
    assert_eq!(
        registered.to_string(),
        REGISTERED.replace("web\",\"cpu", "app\",\"cpu")
    );

    let none: Document = r#"{"taskDefinition":{"family":"f"}}"#.parse().unwrap();
    assert!(none.containers().is_empty());
    let mut raw: TaskDefinition = TRICKY_TASKS[2].parse().unwrap();
    assert!(raw.containers().is_empty());
    assert!(raw.containers_mut().is_empty());
}

#[test]
fn containers_are_pushed_whatever_was_written() {
    let mut td: TaskDefinition = GUIDE_TASK.parse().unwrap();
    td.push_container(
        ContainerDefinition::builder("log", "fluent-bit")
            .memory(64)
            .essential(false),
    )
    .unwrap()
    .push_container(ContainerDefinition::builder("x", "y").build().unwrap())
    .unwrap();
    assert_eq!(
        td.to_string(),
        r#"{"containerDefinitions":[{"name":"test","image":"your-test-image","cpu":100,"memory":200,"essential":true},{"name":"log","image":"fluent-bit","memory":64,"essential":false},{"name":"x","image":"y"}],"family":"verify-assume-cross-account-role","taskRoleArn":"arn:aws:iam::1111222233334444:role/my-ECS-task-role"}"#
    );

    // The same containers built into a task are written the same way.
    let built = TaskDefinition::builder()
        .family("f")
        .container(
            ContainerDefinition::builder("a", "i")
                .cpu(10)
                .memory(64)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    let mut pushed: TaskDefinition = r#"{"containerDefinitions":[],"family":"f"}"#.parse().unwrap();
    pushed
        .push_container(ContainerDefinition::builder("a", "i").cpu(10).memory(64))
        .unwrap();
    assert_eq!(pushed.to_string(), built.to_string());

    let mut without: TaskDefinition = r#"{"family":"f","cpu":"256"}"#.parse().unwrap();
    without
        .push_container(ContainerDefinition::builder("a", "i"))
        .unwrap();
    assert_eq!(
        without.to_string(),
        r#"{"family":"f","cpu":"256","containerDefinitions":[{"name":"a","image":"i"}]}"#
    );

    let mut raw: TaskDefinition = TRICKY_TASKS[2].parse().unwrap();
    let err = raw
        .push_container(ContainerDefinition::builder("a", "i"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "TaskDefinition: invalid containerDefinitions: cannot add a container to a member kept as written: expected an array at /containerDefinitions, found an object"
    );
    assert_eq!(raw.to_string(), TRICKY_TASKS[2]);

    let mut td: TaskDefinition = GUIDE_TASK.parse().unwrap();
    let err = td
        .push_container(ContainerDefinition::builder("a", "i").memory(4))
        .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("ContainerDefinition: invalid memory: "),
        "{err}"
    );
    assert_eq!(td.to_string(), util::strip_ws(GUIDE_TASK), "unchanged");
}
