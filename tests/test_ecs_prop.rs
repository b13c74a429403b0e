//! Property tests: generated task definitions round-trip (value and
//! bytes); checks never panic on generated documents or arbitrary JSON.

use iam_ecs::ecs::*;
use proptest::prelude::*;

/// Arbitrary JSON text built from keys ECS knows (and some it does not),
/// with values of every JSON type, nested.
fn json_value(keys: &'static [&'static str]) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        prop_oneof![
            Just("1.5"),
            Just("-0"),
            Just("1e3"),
            Just("12345678901234567890")
        ]
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 :/._@{}-]{0,12}".prop_map(|s| format!("{s:?}")),
        prop_oneof![
            Just("\"awsvpc\""),
            Just("\"FARGATE\""),
            Just("\"256\""),
            Just("\"1 vCPU\""),
            Just("\"2 GB\""),
            Just("\"COMPLETE\""),
            Just("\"CMD-SHELL\""),
            Just("\"arn:aws:iam::111122223333:role/r\""),
            Just("\"arn:aws:iam::1111222233334444:role/r\""),
            Just("\"awslogs\""),
            Just("\"app\""),
        ]
        .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(keys).prop_map(str::to_owned),
                        "[a-z]{1,6}"
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|members| {
                let body: Vec<String> = members
                    .into_iter()
                    .map(|(k, v)| format!("{k:?}:{v}"))
                    .collect();
                format!("{{{}}}", body.join(","))
            }),
        ]
    })
}

fn all_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys: Vec<&'static str> = Vec::new();
        for set in [
            TaskDefinition::KEYS,
            ContainerDefinition::KEYS,
            PortMapping::KEYS,
            HealthCheck::KEYS,
            Volume::KEYS,
            LogConfiguration::KEYS,
            ContainerDependency::KEYS,
            Tag::KEYS,
            RegisteredTaskDefinition::KEYS,
        ] {
            keys.extend_from_slice(set);
        }
        keys
    })
}

/// A typed container built field by field.
fn container() -> impl Strategy<Value = ContainerDefinition> {
    (
        "[a-z][a-z0-9_-]{0,8}",
        prop::option::of(0i64..4096),
        prop::option::of(0i64..4096),
        prop::option::of(0i64..4096),
        prop::option::of(any::<bool>()),
        prop::collection::vec((1i64..70000, prop::option::of(0i64..70000)), 0..3),
        prop::collection::vec(("[A-Z_]{1,5}", ".{0,6}"), 0..3),
        prop::option::of(prop::sample::select(LogDriver::KNOWN)),
    )
        .prop_map(
            |(name, cpu, memory, reservation, essential, ports, env, driver)| {
                let mut c = ContainerDefinition::builder(name, "nginx:latest")
                    .build()
                    .unwrap();
                c.cpu = cpu;
                c.memory = memory;
                c.memory_reservation = reservation;
                c.essential = essential;
                if !ports.is_empty() {
                    c.port_mappings = Some(
                        ports
                            .into_iter()
                            .map(|(cp, hp)| {
                                let mut m = PortMapping::default();
                                m.container_port = Some(cp);
                                m.host_port = hp;
                                m
                            })
                            .collect(),
                    );
                }
                if !env.is_empty() {
                    c.environment = Some(
                        env.into_iter()
                            .map(|(k, v)| KeyValuePair::new(k, v))
                            .collect(),
                    );
                }
                c.log_configuration = driver.map(|d| LogConfiguration::new(LogDriver::from(d)));
                c
            },
        )
}

fn task_definition() -> impl Strategy<Value = TaskDefinition> {
    (
        prop::collection::vec(container(), 0..4),
        prop::option::of("[A-Za-z0-9_-]{1,12}"),
        prop::option::of(prop::sample::select(NetworkMode::KNOWN)),
        prop::option::of(prop::sample::select(
            &["256", "512", "1 vCPU", ".25 vcpu", "4096", "x"][..],
        )),
        prop::option::of(prop::sample::select(
            &["512", "1024", "2 GB", ".5 gb", "30720", "y"][..],
        )),
        any::<bool>(),
        prop::option::of(0i64..300),
    )
        .prop_map(
            |(containers, family, mode, cpu, memory, fargate, storage)| {
                let mut td = TaskDefinition::default();
                td.container_definitions = Some(containers);
                td.family = family;
                td.network_mode = mode.map(NetworkMode::from);
                td.cpu = cpu.map(str::to_owned);
                td.memory = memory.map(str::to_owned);
                if fargate {
                    td.requires_compatibilities = Some(vec![Compatibility::Fargate]);
                }
                td.ephemeral_storage = storage.map(|s| {
                    let mut e = EphemeralStorage::default();
                    e.size_in_gib = Some(s);
                    e
                });
                td
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_task_definitions_round_trip(td in task_definition()) {
        let text = td.to_json_string();
        let read = TaskDefinition::from_json_str(&text).unwrap();
        // Bytes: reading and writing changes nothing.
        prop_assert_eq!(read.to_json_string(), text.clone());
        prop_assert_eq!(TaskDefinition::from_json_str(&td.to_json_pretty()).unwrap().to_json_string(), text);
        // Value: every field survives, and a second read is identical.
        prop_assert_eq!(&read.family, &td.family);
        prop_assert_eq!(&read.cpu, &td.cpu);
        prop_assert_eq!(read.container_definitions.as_ref().map(Vec::len), td.container_definitions.as_ref().map(Vec::len));
        for (a, b) in read.container_definitions.iter().flatten().zip(td.container_definitions.iter().flatten()) {
            prop_assert_eq!((&a.name, a.cpu, a.memory, a.memory_reservation, a.essential), (&b.name, b.cpu, b.memory, b.memory_reservation, b.essential));
        }
        prop_assert_eq!(TaskDefinition::from_json_str(&read.to_json_string()).unwrap(), read.clone());
        // Checks agree on the built and the read value.
        prop_assert_eq!(read.check(), td.check());
    }

    #[test]
    fn checks_never_panic_and_documents_round_trip(text in json_value(all_keys())) {
        if let Ok(doc) = Document::from_json_str(&text) {
            prop_assert_eq!(doc.to_json_string(), text.clone());
            let findings = doc.check();
            prop_assert_eq!(&findings, &doc.check());
            for f in &findings {
                prop_assert!(f.path.is_empty() || f.path.starts_with('/'));
            }
            let input = doc.into_register_input();
            let _ = input.check();
        }
        if let Ok(td) = TaskDefinition::from_json_str(&text) {
            prop_assert_eq!(td.to_json_string(), text);
            let _ = td.check();
        }
    }

    #[test]
    fn task_definitions_from_keyed_json_never_panic(
        members in prop::collection::vec((prop::sample::select(TaskDefinition::KEYS), json_value(all_keys())), 0..8)
    ) {
        let body: Vec<String> = members.iter().map(|(k, v)| format!("{k:?}:{v}")).collect();
        let text = format!("{{{}}}", body.join(","));
        let td = TaskDefinition::from_json_str(&text).unwrap();
        prop_assert_eq!(td.to_json_string(), text);
        let _ = td.check();
    }
}
