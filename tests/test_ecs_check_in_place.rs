//! A described revision (`RegisteredTaskDefinition`) is checked in place,
//! without being copied into a register input: the findings must be those
//! of the register input it stands for, `into_register_input().check()`,
//! in the same order, on generated documents (read-only, unknown,
//! mistyped and duplicate members, fields set after reading) and on the
//! corpus. The one difference is the grade of an unknown member: a
//! warning in a described revision, an error in register input (issue
//! 14), with its own wording; [`as_register_input`] maps it over.

mod util;

use iam_ecs::ecs::*;
use iam_ecs::{Code, Finding, Severity};
use proptest::prelude::*;

/// `findings` of a described revision as register input would word
/// them: each `unknown-field` warning becomes the error register input
/// reports (checked to be a warning first).
fn as_register_input(findings: Vec<Finding>) -> Vec<Finding> {
    findings
        .into_iter()
        .map(|f| {
            if f.code != Code::UnknownField {
                return f;
            }
            assert_eq!(f.severity, Severity::Warning, "{f}");
            let message = f
                .message
                .replacen("unknown field", "unknown member", 1)
                .replacen(
                    "kept as written, but AWS may reject it",
                    "the AWS CLI and SDKs reject it (\"Unknown parameter in input\")",
                    1,
                );
            Finding::new(Severity::Error, f.code, f.path, message)
        })
        .collect()
}

fn value() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        (-3i64..70_000).prop_map(|n| n.to_string()),
        Just("1.5".to_owned()),
        prop::sample::select(
            &[
                "\"awsvpc\"",
                "\"bridge\"",
                "\"FARGATE\"",
                "\"256\"",
                "\"1 vCPU\"",
                "\"2 GB\"",
                "\"app\"",
                "\"nginx\"",
                "\"host\"",
                "\"arn:aws:iam::111122223333:role/r\"",
                "\"ecsTaskExecutionRole\"",
                "\"\"",
            ][..]
        )
        .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(3, 32, 5, |inner| {
        let keys = prop_oneof![
            prop::sample::select(ContainerDefinition::KEYS),
            prop::sample::select(Tag::KEYS),
            prop::sample::select(Volume::KEYS),
            Just("x"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec((keys, inner), 0..5).prop_map(|m| {
                let body: Vec<String> = m.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

fn revision() -> impl Strategy<Value = String> {
    let key = prop_oneof![
        4 => prop::sample::select(RegisteredTaskDefinition::KEYS),
        1 => Just("unknownMember"),
    ];
    prop::collection::vec((key, value()), 0..10).prop_map(|members| {
        let body: Vec<String> = members.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
        format!("{{{}}}", body.join(","))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn a_revision_checks_as_its_register_input(text in revision(), set_after in 0u8..4) {
        let mut r = RegisteredTaskDefinition::from_json_str(&text).unwrap();
        // Fields set after reading have no place in the text as written.
        match set_after {
            1 => r.cpu = Some("x".into()),
            2 => {
                r.tags = Some(vec![Tag::default()]);
                r.family = None;
            }
            3 => r.revision = Some(7),
            _ => {}
        }
        prop_assert_eq!(as_register_input(r.check()), r.clone().into_register_input().check());
    }
}

#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn corpus_revisions_check_as_their_register_inputs() {
    let Some(dir) = util::corpus_dir() else {
        return;
    };
    let mut files = Vec::new();
    let mut stack = vec![dir.join("task-definitions")];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    let mut compared = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(doc) = Document::from_json_str(&text) else {
            continue;
        };
        let revision = match doc {
            Document::Registered(r) => r,
            Document::Described(d) => match d.task_definition {
                Some(r) => r,
                None => continue,
            },
            Document::Register(_) => continue,
        };
        assert_eq!(
            as_register_input(revision.check()),
            revision.clone().into_register_input().check(),
            "{}",
            path.display()
        );
        compared += 1;
    }
    assert!(compared > 0, "no described task definition in the corpus");
}
