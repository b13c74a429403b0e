//! Properties of issue 6 that the other property tests do not cover:
//! checks are deterministic across independent reads (same input, same
//! findings, same order); findings, and so passing, survive a round trip
//! (compact and pretty); and the builders (policy, ECS, cross-account)
//! never produce a document that their own check rejects.
//!
//! Already covered elsewhere: display/parse round trips of every value
//! type (`test_id_proptest.rs`), write/read round trips of generated
//! policies (`test_policy_prop.rs`) and task definitions
//! (`test_ecs_prop.rs`).

mod util;

use iam_ecs::cross_account::CrossAccountSpec;
use iam_ecs::ecs::{ContainerDefinition, Document, FargateSize, PortMapping, TaskDefinition};
use iam_ecs::has_errors;
use iam_ecs::json::Json;
use iam_ecs::policy::{
    CheckOptions, IdentityPolicy, IdentityStatement, PolicyDocument, TrustPolicy, TrustStatement,
};
use proptest::prelude::*;
use util::{lines, object, KINDS};

// ----- strategies -----------------------------------------------------------

fn quoted(values: &'static [&'static str]) -> BoxedStrategy<String> {
    prop::sample::select(values)
        .prop_map(|v| serde_json::to_string(v).unwrap())
        .boxed()
}

/// A scalar or an array of the values.
fn one_or_many(values: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        quoted(values),
        prop::collection::vec(quoted(values), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
    ]
    .boxed()
}

/// Members, some of which may be left out, shuffled (order is part of the
/// document, and of the order of findings).
fn members(
    parts: Vec<(&'static str, BoxedStrategy<String>)>,
) -> impl Strategy<Value = Vec<(String, String)>> {
    let strategies: Vec<_> = parts
        .into_iter()
        .map(|(k, s)| {
            prop::option::weighted(0.7, s).prop_map(move |v| v.map(|v| (k.to_owned(), v)))
        })
        .collect();
    strategies
        .prop_map(|v| v.into_iter().flatten().collect::<Vec<_>>())
        .prop_shuffle()
}

const ACTIONS: &[&str] = &[
    "sts:AssumeRole",
    "sts:TagSession",
    "s3:GetObject",
    "S3:getobject",
    "iam:PassRole",
    "*",
    "s3",
    "ec2:Describe*",
    "sts:AssumeRoleWithSAML",
];
const RESOURCES: &[&str] = &[
    "*",
    "arn:aws:s3:::bucket/*",
    "arn:aws:iam::444455556666:role/r",
    "arn:aws:iam::1111222233334444:role/r",
    "arn:aws:s3:::b/${aws:username}",
    "arn:aws:s3:::b/${aws:username",
    "bucket",
];
const AWS: &[&str] = &[
    "arn:aws:iam::444455556666:root",
    "444455556666",
    "*",
    "arn:aws:iam::44445555666:root",
    "arn:aws:sts::444455556666:assumed-role/r/s",
];
const SERVICES: &[&str] = &[
    "ecs-tasks.amazonaws.com",
    "rolesanywhere.amazonaws.com",
    "Ecs-Tasks",
];
const FEDERATED: &[&str] = &[
    "arn:aws:iam::444455556666:saml-provider/P",
    "cognito-identity.amazonaws.com",
    "x",
];

fn principal() -> BoxedStrategy<String> {
    prop_oneof![
        Just("\"*\"".to_owned()),
        members(vec![
            ("AWS", one_or_many(AWS)),
            ("Service", one_or_many(SERVICES)),
            ("Federated", one_or_many(FEDERATED)),
            ("service", one_or_many(SERVICES)),
        ])
        .prop_map(object),
    ]
    .boxed()
}

fn condition() -> BoxedStrategy<String> {
    let key = prop::sample::select(
        &[
            "aws:SourceAccount",
            "aws:SourceArn",
            "sts:ExternalId",
            "nocolon",
            "aws:sourceaccount",
        ][..],
    );
    let value = prop_oneof![
        one_or_many(&["444455556666", "${aws:username}", "x"]),
        Just("true".to_owned()),
        Just("1e400".to_owned()),
        Just("[1,\"1\"]".to_owned()),
    ];
    let block = prop::collection::vec((key, value), 0..3)
        .prop_map(|kv| object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()));
    let op = prop::sample::select(
        &[
            "StringEquals",
            "ArnLike",
            "Bool",
            "NullIfExists",
            "ForAnyValue:StringLike",
            "Bogus",
        ][..],
    );
    prop::collection::vec((op, block), 0..3)
        .prop_map(|ops| object(ops.into_iter().map(|(o, b)| (o.to_owned(), b)).collect()))
        .boxed()
}

fn statement() -> impl Strategy<Value = String> {
    members(vec![
        ("Sid", quoted(&["S1", "S1", "", "bad sid"])),
        ("Effect", quoted(&["Allow", "Allow", "Deny", "allow"])),
        ("Principal", principal()),
        ("Action", one_or_many(ACTIONS)),
        ("NotAction", one_or_many(ACTIONS)),
        ("Resource", one_or_many(RESOURCES)),
        ("Condition", condition()),
        ("Effect", quoted(&["Deny"])),
    ])
    .prop_map(object)
}

fn policy_text() -> impl Strategy<Value = String> {
    let statements = prop_oneof![
        statement().boxed(),
        prop::collection::vec(statement(), 0..4)
            .prop_map(|v| format!("[{}]", v.join(",")))
            .boxed(),
    ];
    members(vec![
        (
            "Version",
            quoted(&["2012-10-17", "2012-10-17", "2008-10-17", "1"]),
        ),
        ("Id", quoted(&["id"])),
        ("Statement", statements.boxed()),
    ])
    .prop_map(object)
}

fn container_text() -> impl Strategy<Value = String> {
    members(vec![
        ("name", quoted(&["app", "app", "web", "bad name"])),
        ("image", quoted(&["nginx", "nginx:{{tag}}", ""])),
        (
            "cpu",
            prop::sample::select(&["128", "0", "-1", "1e3"][..])
                .prop_map(str::to_owned)
                .boxed(),
        ),
        (
            "memory",
            prop::sample::select(&["512", "4", "99999999999999999999"][..])
                .prop_map(str::to_owned)
                .boxed(),
        ),
        (
            "memoryReservation",
            prop::sample::select(&["256", "1024"][..])
                .prop_map(str::to_owned)
                .boxed(),
        ),
        (
            "essential",
            prop::sample::select(&["true", "false", "\"true\""][..])
                .prop_map(str::to_owned)
                .boxed(),
        ),
        (
            "portMappings",
            prop::sample::select(
                &[
                    r#"[{"containerPort":80,"hostPort":80},{"containerPort":81,"hostPort":80}]"#,
                    r#"[{"containerPort":80}]"#,
                    r#"[{"containerPort":70000}]"#,
                ][..],
            )
            .prop_map(str::to_owned)
            .boxed(),
        ),
        (
            "dependsOn",
            quoted(&["x"])
                .prop_map(|_| r#"[{"containerName":"web","condition":"START"}]"#.to_owned())
                .boxed(),
        ),
        (
            "secrets",
            Just(
                r#"[{"name":"S","valueFrom":"arn:aws:ssm:us-east-1:444455556666:parameter/p"}]"#
                    .to_owned(),
            )
            .boxed(),
        ),
        (
            "dockerLabels",
            Just(r#"{"a":"1","a":"2"}"#.to_owned()).boxed(),
        ),
    ])
    .prop_map(object)
}

fn task_text() -> impl Strategy<Value = String> {
    members(vec![
        ("family", quoted(&["f", "f", "", "bad family"])),
        (
            "containerDefinitions",
            prop::collection::vec(container_text(), 0..3)
                .prop_map(|v| format!("[{}]", v.join(",")))
                .boxed(),
        ),
        (
            "networkMode",
            quoted(&["awsvpc", "bridge", "host", "weird"]),
        ),
        ("requiresCompatibilities", one_or_many(&["FARGATE", "EC2"])),
        ("cpu", quoted(&["256", "1 vCPU", "3"])),
        ("memory", quoted(&["512", "2 GB", "1000"])),
        (
            "executionRoleArn",
            quoted(&["arn:aws:iam::444455556666:role/e", ""]),
        ),
        (
            "taskRoleArn",
            quoted(&["arn:aws:iam::1111222233334444:role/t", "t"]),
        ),
        ("revision", Just("3".to_owned()).boxed()),
    ])
    .prop_map(object)
}

// ----- helpers --------------------------------------------------------------

fn reread_policy(text: &str) -> PolicyDocument {
    PolicyDocument::from_json_str(text).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Two independent reads of the same text (from text, from bytes, from
    /// a parsed tree) give the same findings in the same order, for every
    /// kind of policy.
    #[test]
    fn policy_checks_are_deterministic(text in policy_text()) {
        let a = reread_policy(&text);
        let b = PolicyDocument::from_slice(text.as_bytes()).unwrap();
        let c = PolicyDocument::from_json(Json::parse(&text).unwrap()).unwrap();
        for k in KINDS {
            let first = lines(&a.check(&k));
            prop_assert_eq!(&first, &lines(&b.check(&k)));
            prop_assert_eq!(&first, &lines(&c.check(&k)));
            prop_assert_eq!(&first, &lines(&a.clone().check(&k)));
        }
    }

    /// Findings survive a round trip (compact and pretty), so a document
    /// that passes still passes.
    #[test]
    fn policy_findings_survive_a_round_trip(text in policy_text()) {
        let doc = reread_policy(&text);
        for written in [doc.to_json_string(), doc.to_json_pretty()] {
            let again = reread_policy(&written);
            for k in KINDS {
                let before = doc.check(&k);
                let after = again.check(&k);
                prop_assert_eq!(has_errors(&before), has_errors(&after));
                prop_assert_eq!(before, after);
            }
        }
    }

    #[test]
    fn task_definition_checks_are_deterministic(text in task_text()) {
        let a = TaskDefinition::from_json_str(&text).unwrap();
        let b = TaskDefinition::from_slice(text.as_bytes()).unwrap();
        let first = lines(&a.check());
        prop_assert_eq!(&first, &lines(&b.check()));
        prop_assert_eq!(&first, &lines(&a.clone().check()));
        let d1 = Document::from_json_str(&text).unwrap();
        let d2 = Document::from_json(Json::parse(&text).unwrap()).unwrap();
        prop_assert_eq!(lines(&d1.check()), lines(&d2.check()));
    }

    #[test]
    fn task_definition_findings_survive_a_round_trip(text in task_text()) {
        let td = TaskDefinition::from_json_str(&text).unwrap();
        let doc = Document::from_json_str(&text).unwrap();
        for written in [td.to_json_string(), td.to_json_pretty()] {
            let again = TaskDefinition::from_json_str(&written).unwrap();
            prop_assert_eq!(has_errors(&td.check()), has_errors(&again.check()));
            prop_assert_eq!(td.check(), again.check());
        }
        for written in [doc.to_json_string(), doc.to_json_pretty()] {
            let again = Document::from_json_str(&written).unwrap();
            prop_assert_eq!(doc.check(), again.check());
        }
    }

    /// Policy builders with principals of every type, conditions, Deny,
    /// NotAction, Sids and both versions: `build()` errors or gives a
    /// document its own check passes, before and after a round trip.
    #[test]
    fn policy_builders_never_produce_what_their_check_rejects(
        actions in prop::collection::vec(prop::sample::select(ACTIONS), 0..3),
        not_actions in prop::collection::vec(prop::sample::select(ACTIONS), 0..2),
        resources in prop::collection::vec(prop::sample::select(RESOURCES), 0..3),
        aws in prop::collection::vec(prop::sample::select(AWS), 0..2),
        services in prop::collection::vec(prop::sample::select(SERVICES), 0..2),
        federated in prop::collection::vec(prop::sample::select(FEDERATED), 0..2),
        cond in prop::option::of((
            prop::sample::select(&["StringEquals", "ArnLike", "Bool", "Bogus"][..]),
            prop::sample::select(&["aws:SourceAccount", "aws:SourceArn", "nocolon"][..]),
            prop::sample::select(&["444455556666", "${aws:username}", "arn:aws:ecs:*:444455556666:*"][..]),
        )),
        sid in prop::option::of(prop::sample::select(&["S1", "", "bad sid"][..])),
        deny in any::<bool>(),
        old_version in any::<bool>(),
        external_id in prop::option::of("[A-Za-z0-9+=,.@:/_-]{0,6}"),
        arrays in any::<bool>(),
    ) {
        let mut s = if deny { IdentityStatement::deny() } else { IdentityStatement::allow() };
        s = s.actions(&actions).resources(&resources);
        for a in &not_actions {
            s = s.not_action(a);
        }
        if let Some((o, k, v)) = cond {
            s = s.condition(o, k, v);
        }
        if let Some(sid) = sid {
            s = s.sid(sid);
        }
        if arrays {
            s = s.action_array().resource_array();
        }
        let mut b = IdentityPolicy::builder().statement(s);
        if old_version {
            b = b.version("2008-10-17");
        }
        if let Ok(doc) = b.build() {
            let opts = CheckOptions::identity();
            prop_assert!(!has_errors(&doc.check(&opts)), "{}", doc.to_json_string());
            let again = reread_policy(&doc.to_json_pretty());
            prop_assert_eq!(&again, &doc);
            prop_assert!(!has_errors(&again.check(&opts)));
        }

        let mut t = if deny { TrustStatement::deny() } else { TrustStatement::allow() };
        t = t.actions(&actions);
        for p in &aws {
            t = t.principal_aws(p);
        }
        for p in &services {
            t = t.principal_service(p);
        }
        for p in &federated {
            t = t.principal_federated(p);
        }
        if let Some((o, k, v)) = cond {
            t = t.condition(o, k, v);
        }
        if let Some(e) = &external_id {
            t = t.external_id(e);
        }
        if arrays {
            t = t.principal_array();
        }
        let mut b = TrustPolicy::builder().statement(t).id("trust");
        if old_version {
            b = b.version("2008-10-17");
        }
        if let Ok(doc) = b.build() {
            let opts = CheckOptions::trust();
            prop_assert!(!has_errors(&doc.check(&opts)), "{}", doc.to_json_string());
            let again = reread_policy(&doc.to_json_string());
            prop_assert_eq!(&again, &doc);
            prop_assert!(!has_errors(&again.check(&opts)));
        }
    }

    /// ECS builders: a container and a task definition that build pass
    /// their own check, before and after a round trip.
    #[test]
    fn ecs_builders_never_produce_what_their_check_rejects(
        names in prop::collection::vec(prop::sample::select(&["app", "web", "bad name", ""][..]), 1..3),
        image in prop::sample::select(&["nginx", "111122223333.dkr.ecr.us-east-1.amazonaws.com/a:1", "nginx:{{t}}"][..]),
        cpu in prop::option::of(-1i64..5000),
        memory in prop::option::of(-1i64..5000),
        reservation in prop::option::of(-1i64..5000),
        ports in prop::collection::vec((0u16..3, 0u16..3), 0..3),
        depends in prop::option::of(prop::sample::select(&["app", "web", "db"][..])),
        secret in any::<bool>(),
        fargate in prop::option::of(prop::sample::select(FargateSize::ALL)),
        family in prop::sample::select(&["f", "bad family"][..]),
        execution_role in any::<bool>(),
    ) {
        let mut containers = Vec::new();
        for name in &names {
            let mut b = ContainerDefinition::builder(*name, image);
            if let Some(v) = cpu { b = b.cpu(v); }
            if let Some(v) = memory { b = b.memory(v); }
            if let Some(v) = reservation { b = b.memory_reservation(v); }
            for &(c, h) in &ports {
                b = b.port_mapping(PortMapping::new(80 + c, 80 + h, iam_ecs::ecs::TransportProtocol::Tcp));
            }
            if let Some(d) = depends {
                b = b.depends_on(d, iam_ecs::ecs::ContainerCondition::Start);
            }
            if secret {
                b = b.secret("S", "arn:aws:ssm:us-east-1:444455556666:parameter/p");
            }
            let Ok(c) = b.build() else { return Ok(()) };
            containers.push(c);
        }
        let mut b = TaskDefinition::builder().family(family).containers(containers);
        if let Some(size) = fargate {
            b = b.fargate(size);
        }
        if execution_role {
            b = b.execution_role_arn(iam_ecs::RoleArn::parse("arn:aws:iam::444455556666:role/ecsTaskExecutionRole").unwrap());
        }
        if let Ok(td) = b.build() {
            prop_assert!(!has_errors(&td.check()), "{}", td.to_json_string());
            let again = TaskDefinition::from_json_str(&td.to_json_pretty()).unwrap();
            prop_assert_eq!(again.to_json_string(), td.to_json_string());
            prop_assert_eq!(again.check(), td.check());
        }
    }

    /// Cross-account: a specification that builds generates artifacts that
    /// pass their own checks and the cross-checks.
    #[test]
    fn cross_account_specs_never_produce_what_their_checks_reject(
        source in "[0-9]{12}",
        destination in "[0-9]{12}",
        region in prop::option::of(prop::sample::select(&["us-east-1", "eu-west-3", "cn-north-1"][..])),
        partition in prop::option::of(prop::sample::select(&["aws", "aws-cn"][..])),
        role in prop::option::of("[A-Za-z0-9_+=,.@-]{1,64}"),
        path in prop::option::of(prop::sample::select(&["/", "/team/", "/a/b/"][..])),
        external_id in prop::option::of("[A-Za-z0-9+=,.@:/_-]{2,40}"),
        memory in prop::option::of(0i64..1000),
    ) {
        let mut b = CrossAccountSpec::builder().source_account(&source).destination_account(&destination);
        if let Some(r) = region { b = b.region(r); }
        if let Some(p) = partition { b = b.partition(p); }
        if let Some(r) = &role { b = b.destination_role_name(r).task_role_name(r); }
        if let Some(p) = path { b = b.task_role_path(p).destination_role_path(p); }
        if let Some(e) = &external_id { b = b.external_id(e); }
        if let Some(m) = memory { b = b.container_memory(m); }
        let Ok(spec) = b.build() else { return Ok(()) };
        let Ok(setup) = spec.generate() else { return Ok(()) };
        let findings = setup.check();
        prop_assert!(
            !findings.iter().any(|f| f.finding.is_error()),
            "{:#?}",
            findings.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        for (doc, opts) in [
            (&setup.task_role_trust_policy, CheckOptions::trust()),
            (&setup.task_role_identity_policy, CheckOptions::identity()),
            (&setup.destination_trust_policy, CheckOptions::trust()),
        ] {
            let again = reread_policy(&doc.to_json_pretty());
            prop_assert_eq!(&again, doc);
            prop_assert!(!has_errors(&again.check(&opts)));
        }
        let td = TaskDefinition::from_json_str(&setup.task_definition.to_json_pretty()).unwrap();
        prop_assert!(!has_errors(&td.check()));
    }
}
