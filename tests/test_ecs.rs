//! ECS task definitions: the guide's file, builders, the Fargate table,
//! findings asserted verbatim.

mod util;

use iam_ecs::ecs::*;
use iam_ecs::{AccountId, Partition, RoleArn, RoleName, RolePath, Severity};
use util::{lines, strip_ws, valid_accounts};

const GUIDE: &str = include_str!("fixtures/guide/example-task-def.json");

fn guide_built() -> TaskDefinition {
    let role = RoleArn::new(
        Partition::Aws,
        AccountId::parse("111122223333").unwrap(),
        RolePath::default(),
        RoleName::parse("my-ECS-task-role").unwrap(),
    );
    TaskDefinition::builder()
        .container(
            ContainerDefinition::builder("test", "your-test-image")
                .cpu(100)
                .memory(200)
                .essential(true)
                .build()
                .unwrap(),
        )
        .family("verify-assume-cross-account-role")
        .task_role_arn(role)
        .build()
        .unwrap()
}

#[track_caller]
fn findings_of(json: &str) -> Vec<String> {
    lines(&TaskDefinition::from_json_str(json).unwrap().check())
}

#[test]
fn the_guide_built_with_builders_matches_the_guide_byte_for_byte() {
    let td = guide_built();
    let expected = strip_ws(&valid_accounts(GUIDE));
    assert_eq!(td.to_json_string(), expected);
    assert_eq!(
        serde_json::to_string_pretty(&td).unwrap(),
        td.to_json_pretty()
    );
    assert!(td.check().is_empty(), "{:?}", td.check());
    insta::assert_snapshot!(td.to_json_pretty());
}

#[test]
fn the_guide_file_round_trips_and_its_16_digit_account_is_an_error() {
    let td = TaskDefinition::from_json_str(GUIDE).unwrap();
    assert_eq!(td.to_json_string(), strip_ws(GUIDE));
    assert_eq!(td.to_json_pretty() + "\n", GUIDE);
    assert_eq!(
        lines(&td.check()),
        ["error[invalid-role-arn] /taskRoleArn: taskRoleArn: invalid role ARN \"arn:aws:iam::1111222233334444:role/my-ECS-task-role\": account \"1111222233334444\": expected 12 digits, found 16"]
    );
    let f = &td.check()[0];
    assert_eq!(
        (f.severity, f.code.as_str(), f.path.as_str()),
        (Severity::Error, "invalid-role-arn", "/taskRoleArn")
    );
    assert!(f.message.contains("16"));
    assert_eq!(
        Document::from_json_str(GUIDE).unwrap().kind(),
        TaskDefinitionKind::RegisterInput
    );
}

#[test]
fn the_guide_container_keeps_the_model_order() {
    // name, image, cpu, memory, essential: the model's order, which the
    // guide follows.
    let names: Vec<&str> = ContainerDefinition::KEYS
        .iter()
        .copied()
        .filter(|k| ["name", "image", "cpu", "memory", "essential"].contains(k))
        .collect();
    assert_eq!(names, ["name", "image", "cpu", "memory", "essential"]);
    assert_eq!(
        &TaskDefinition::KEYS[..3],
        ["containerDefinitions", "family", "taskRoleArn"]
    );
}

#[test]
fn fargate_table_every_valid_pair_and_every_neighbour() {
    let valid: Vec<(u32, u32)> = FargateSize::ALL
        .iter()
        .map(|s| (s.cpu(), s.memory()))
        .collect();
    let expected_rows: [(u32, &[u32]); 7] = [
        (256, &[512, 1024, 2048]),
        (512, &[1024, 2048, 3072, 4096]),
        (1024, &[2048, 3072, 4096, 5120, 6144, 7168, 8192]),
        (
            2048,
            &[
                4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384,
            ],
        ),
        (
            4096,
            &[
                8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456,
                20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720,
            ],
        ),
        (
            8192,
            &[
                16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440,
            ],
        ),
        (
            16384,
            &[
                32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688,
                122880,
            ],
        ),
    ];
    let listed: Vec<(u32, u32)> = expected_rows
        .iter()
        .flat_map(|(c, ms)| ms.iter().map(move |m| (*c, *m)))
        .collect();
    assert_eq!(valid, listed);
    for &(cpu, memory) in &valid {
        let size = FargateSize::new(cpu, memory).unwrap();
        assert_eq!(size.supports_windows(), [1024, 2048, 4096].contains(&cpu));
        // Accepted by check too, in every spelling.
        for (c, m) in [
            (cpu.to_string(), memory.to_string()),
            (
                format!("{} vCPU", f64::from(cpu) / 1024.0),
                format!("{} GB", f64::from(memory) / 1024.0),
            ),
        ] {
            let td = TaskDefinition::builder()
                .family("f")
                .requires_compatibility(Compatibility::Fargate)
                .network_mode(NetworkMode::Awsvpc)
                .cpu(c.clone())
                .memory(m.clone())
                .container(
                    ContainerDefinition::builder("app", "nginx")
                        .build()
                        .unwrap(),
                )
                .build();
            assert!(td.is_ok(), "{c} / {m}: {td:?}");
        }
    }
    // Neighbours: one step (and one MiB) either side, and the CPU values
    // next to each row.
    let mut rejected = 0;
    for &(cpu, memory) in &valid {
        for m in [1, 512, 1024, 4096]
            .into_iter()
            .flat_map(|d| [memory.checked_sub(d), Some(memory + d)])
            .flatten()
        {
            if !valid.contains(&(cpu, m)) {
                assert!(FargateSize::new(cpu, m).is_err(), "{cpu}/{m}");
                let td = TaskDefinition::from_json_str(&format!(
                    r#"{{"family":"f","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"{cpu}","memory":"{m}","containerDefinitions":[{{"name":"a","image":"nginx"}}]}}"#
                ))
                .unwrap();
                assert!(
                    td.check().iter().any(|f| f.code == "fargate-size"),
                    "{cpu}/{m}"
                );
                rejected += 1;
            }
        }
        for c in [cpu - 1, cpu + 1, cpu / 2 + cpu, 128, 32768] {
            if !valid.contains(&(c, memory)) {
                assert!(FargateSize::new(c, memory).is_err(), "{c}/{memory}");
                rejected += 1;
            }
        }
    }
    assert!(rejected > 500, "{rejected}");
    assert_eq!(
        FargateSize::new(8192, 20480 + 1024).unwrap_err().to_string(),
        "invalid Fargate size \"8192 CPU units, 21504 MiB\": 8192 CPU units allow 16384 to 61440 MiB in steps of 4096"
    );
    assert_eq!(
        FargateSize::new(300, 1024).unwrap_err().to_string(),
        "invalid Fargate size \"300 CPU units, 1024 MiB\": expected CPU units of 256, 512, 1024, 2048, 4096, 8192 or 16384, found 300"
    );
}

#[test]
fn cpu_and_memory_spellings() {
    for (text, units) in [
        ("1024", 1024),
        ("1 vCPU", 1024),
        ("1 vcpu", 1024),
        (".25 vcpu", 256),
        ("0.5 vCPU", 512),
        ("16 vCPU", 16384),
    ] {
        assert_eq!(parse_cpu(text), Some(units), "{text}");
    }
    for (text, mib) in [
        ("2048", 2048),
        ("2 GB", 2048),
        ("2gb", 2048),
        (".5 gb", 512),
        ("1GB", 1024),
        ("120 GB", 122880),
    ] {
        assert_eq!(parse_memory(text), Some(mib), "{text}");
    }
    for bad in ["", "1 cpu", "1.5.1 vcpu", "0x10", "1e3", "-1", "1 GiB"] {
        assert_eq!(parse_cpu(bad), None, "{bad}");
        assert_eq!(parse_memory(bad), None, "{bad}");
    }
}

#[test]
fn findings_for_bad_task_definitions_verbatim() {
    let table: &[(&str, &[&str])] = &[
        (
            r#"{"family":"f","containerDefinitions":[]}"#,
            &["error[no-containers] /containerDefinitions: containerDefinitions is empty: expected at least one container (Container list cannot be empty)"],
        ),
        (
            r#"{"containerDefinitions":[{"name":"a","image":"nginx","memory":64}]}"#,
            &["error[missing-field] (document): task definition has no \"family\": expected it, as it is required"],
        ),
        (
            r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"essential":false},{"name":"b","image":"nginx","memory":64,"essential":false}]}"#,
            &["error[no-essential-container] /containerDefinitions: none of the 2 containers is essential: expected at least one with \"essential\" true or omitted (All tasks must have at least one essential container)"],
        ),
        (
            r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx@sha256:abc","memory":64}]}"#,
            &["error[invalid-image] /containerDefinitions/0/image: image \"nginx@sha256:abc\" has digest \"sha256:abc\": expected \"sha256:\" followed by exactly 64 hex digits"],
        ),
        (
            r#"{"family":"f","cpu":"1024","memory":"2 GB","containerDefinitions":[{"name":"a","image":"nginx","cpu":800},{"name":"b","image":"nginx","cpu":800}]}"#,
            &["error[container-cpu-sum-above-task] /cpu: containers reserve 1600 CPU units in total, more than the task's 1024: expected the sum of container cpu to be at most the task cpu"],
        ),
        (
            r#"{"family":"f","cpu":"2 cores","memory":"lots","containerDefinitions":[{"name":"a","image":"nginx"}]}"#,
            &[
                "error[invalid-task-cpu] /cpu: cpu \"2 cores\" is not a CPU value: expected CPU units such as \"1024\" or vCPUs such as \"1 vCPU\"",
                "error[invalid-task-memory] /memory: memory \"lots\" is not a memory value: expected MiB such as \"2048\" or GB such as \"2 GB\"",
            ],
        ),
        (
            r#"{"family":"f","requiresCompatibilities":["FARGATE"],"containerDefinitions":[{"name":"a","image":"nginx","stopTimeout":300}]}"#,
            &[
                "error[fargate-network-mode] (document): task requires FARGATE but has no \"networkMode\" (so \"bridge\"): Fargate only supports network mode \"awsvpc\"",
                "error[fargate-cpu-required] (document): task requires FARGATE but has no task-level \"cpu\": Fargate requires that \"cpu\" be defined at the task level",
                "error[fargate-memory-required] (document): task requires FARGATE but has no task-level \"memory\": Fargate requires that \"memory\" be defined at the task level",
                "error[container-memory-required] /containerDefinitions/0: container \"a\" sets neither \"memory\" nor \"memoryReservation\" and the task has no \"memory\": expected at least one of them",
                "error[fargate-timeout] /containerDefinitions/0/stopTimeout: stopTimeout is 300 seconds but the task requires FARGATE: expected 2 to 120",
            ],
        ),
        (
            r#"{"family":"f","networkMode":"awsvpc","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"links":["b:b"],"extraHosts":[{"hostname":"h","ipAddress":"10.0.0.1"}]}]}"#,
            &[
                "error[network-mode-links] /containerDefinitions/0/links: container has links but networkMode is \"awsvpc\": links are only supported with \"bridge\"",
                "error[network-mode-extra-hosts] /containerDefinitions/0/extraHosts: container sets extraHosts but networkMode is \"awsvpc\": expected no extraHosts (not supported with awsvpc)",
            ],
        ),
        (
            r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"dependsOn":[{"containerName":"b","condition":"SUCCESS"},{"containerName":"zz","condition":"START"}]},{"name":"b","image":"busybox","memory":64}]}"#,
            &[
                "error[dependency-on-essential] /containerDefinitions/0/dependsOn/0/condition: condition \"SUCCESS\" waits for container \"b\" to exit, but it is essential: expected START or HEALTHY, or a container with \"essential\": false",
                "error[unknown-container] /containerDefinitions/0/dependsOn/1/containerName: dependsOn names container \"zz\", which is not in the task: expected one of \"a\", \"b\"",
            ],
        ),
        (
            r#"{"family":"f","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"healthCheck":{"command":["curl","-f","http://localhost/"],"interval":1,"retries":11}}]}"#,
            &[
                "error[health-check-command] /containerDefinitions/0/healthCheck/command: health check command starts with \"curl\": expected \"CMD\" or \"CMD-SHELL\" first",
                "error[health-check-range] /containerDefinitions/0/healthCheck/interval: interval is 1: expected 5 to 300 (30 when omitted)",
                "error[health-check-range] /containerDefinitions/0/healthCheck/retries: retries is 11: expected 1 to 10 (3 when omitted)",
            ],
        ),
        (
            r#"{"family":"f","taskRoleArn":"ecsTaskRole","containerDefinitions":[{"name":"a","image":"nginx","memory":64}],"tags":[{"key":"aws:team","value":"x"},{"key":"t","value":"a"},{"key":"t","value":"b"}]}"#,
            &[
                "warning[role-name-not-arn] /taskRoleArn: taskRoleArn \"ecsTaskRole\" is a role name, not an ARN: ECS accepts it and looks the role up in its own account; expected a full role ARN such as \"arn:aws:iam::111122223333:role/ecsTaskRole\"",
                "error[reserved-tag-prefix] /tags/0/key: tag key \"aws:team\" starts with \"aws:\": expected no aws: prefix in any case (reserved for AWS use)",
                "error[duplicate-tag-key] /tags/2/key: tag key \"t\" is used by an earlier tag: expected each tag key once",
            ],
        ),
        (
            r#"{"family":"f","executionRoleArn":"arn:aws-xx:iam::111122223333:role/r","networkMode":"brige","containerDefinitions":[{"name":"a","image":"nginx","memory":64,"essential":"yes","colour":"red"}]}"#,
            &[
                "error[invalid-role-arn] /executionRoleArn: executionRoleArn: invalid role ARN \"arn:aws-xx:iam::111122223333:role/r\": partition \"aws-xx\": expected one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f, aws-eusc",
                "warning[unknown-value] /networkMode: \"brige\" is not a value the ECS model knows: expected one of bridge, host, awsvpc, none; kept as written, but ECS rejects values it does not know",
                "error[type-mismatch] /containerDefinitions/0/essential: expected a boolean (true or false), found a string",
                "error[unknown-field] /containerDefinitions/0/colour: unknown member \"colour\" in container definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\")",
            ],
        ),
        (
            r#"{"family":"f","volumes":[{"name":"v"},{"name":"v"}],"containerDefinitions":[{"name":"a","image":"nginx","memory":64,"mountPoints":[{"sourceVolume":"w","containerPath":"/w"}],"volumesFrom":[{"sourceContainer":"b"}]}]}"#,
            &[
                "error[duplicate-volume-name] /volumes/1/name: volume name \"v\" is used by an earlier volume: expected unique volume names",
                "error[unknown-volume] /containerDefinitions/0/mountPoints/0/sourceVolume: mount point names volume \"w\", which is not in the task's volumes: expected one of \"v\", \"v\"",
                "error[unknown-container] /containerDefinitions/0/volumesFrom/0/sourceContainer: volumesFrom names container \"b\", which is not in the task: expected one of \"a\"",
            ],
        ),
    ];
    for (json, expected) in table {
        assert_eq!(findings_of(json), *expected, "{json}");
    }
}

#[test]
fn findings_come_in_document_order() {
    let td = TaskDefinition::from_json_str(
        r#"{"x":1,"family":"bad name","containerDefinitions":[{"name":"a","image":"nginx","memory":4}],"y":2}"#,
    )
    .unwrap();
    let paths: Vec<String> = td.check().into_iter().map(|f| f.path.to_string()).collect();
    assert_eq!(
        paths,
        ["/x", "/family", "/containerDefinitions/0/memory", "/y"]
    );
}

#[test]
fn described_output_becomes_a_register_input() {
    let text = r#"{
      "taskDefinition": {
        "taskDefinitionArn": "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7",
        "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128, "futureField": {"a": 1}}],
        "family": "web",
        "revision": 7,
        "status": "ACTIVE",
        "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
        "compatibilities": ["EC2"],
        "registeredAt": "2024-01-02T03:04:05.678000+00:00",
        "registeredBy": "arn:aws:sts::111122223333:assumed-role/admin/me",
        "cpu": "256"
      },
      "tags": [{"key": "team", "value": "web"}]
    }"#;
    let doc = Document::from_json_str(text).unwrap();
    assert_eq!(doc.kind(), TaskDefinitionKind::DescribeOutput);
    assert_eq!(doc.to_json_string(), strip_ws(text));
    assert_eq!(
        lines(&TaskDefinition::default().check()).len(),
        2,
        "an empty register input misses family and containers"
    );
    let findings: Vec<String> = doc.check().iter().map(ToString::to_string).collect();
    assert_eq!(
        findings,
        ["warning[unknown-field] /taskDefinition/containerDefinitions/0/futureField: unknown field \"futureField\" in container definition: kept as written, but AWS may reject it"]
    );
    let input = doc.into_register_input();
    assert_eq!(
        input.to_json_string(),
        r#"{"containerDefinitions":[{"name":"web","image":"nginx","memory":128,"futureField":{"a":1}}],"family":"web","cpu":"256","tags":[{"key":"team","value":"web"}]}"#
    );
    // A bare revision (no wrapper) is detected by its read-only members.
    let bare =
        Document::from_json_str(r#"{"family":"f","revision":1,"status":"INACTIVE"}"#).unwrap();
    assert_eq!(bare.kind(), TaskDefinitionKind::Registered);
    assert_eq!(
        bare.into_register_input().to_json_string(),
        r#"{"family":"f"}"#
    );
}

#[test]
fn builders_latch_the_first_error_and_name_the_field() {
    let err = TaskDefinition::builder()
        .family("ok")
        .cpu("lots")
        .memory("also bad")
        .build()
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "TaskDefinition: invalid cpu: cpu \"lots\" is not a CPU value: expected CPU units such as \"1024\" or vCPUs such as \"1 vCPU\" [invalid-task-cpu at /cpu]"
    );
    let err = TaskDefinition::builder().family("f").build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "TaskDefinition: invalid containerDefinitions: expected at least one container, found none [no-containers at /containerDefinitions]"
    );
    let err = ContainerDefinition::builder("a", "").build().unwrap_err();
    assert_eq!(err.to_string(), "ContainerDefinition: invalid image: image \"\" is empty: expected an image such as \"nginx:latest\" [invalid-image at /image]");
    // Secrets need an execution role: caught by build.
    let err = TaskDefinition::builder()
        .family("f")
        .container(
            ContainerDefinition::builder("a", "nginx")
                .memory(64)
                .secret("DB", "arn:aws:ssm:us-east-1:111122223333:parameter/db")
                .build()
                .unwrap(),
        )
        .build()
        .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "TaskDefinition: invalid containerDefinitions: container \"a\" has secrets"
        ),
        "{err}"
    );
    // A Fargate task by size.
    let td = TaskDefinition::builder()
        .family("f")
        .fargate(FargateSize::new(1024, 3072).unwrap())
        .execution_role_arn(RoleArn::parse("arn:aws:iam::111122223333:role/exec").unwrap())
        .container(
            ContainerDefinition::builder("a", "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1")
                .port_mapping(PortMapping::tcp(8080))
                .secret("DB", "arn:aws:ssm:us-east-1:111122223333:parameter/db")
                .health_check(HealthCheck::cmd_shell(
                    "curl -f http://localhost:8080/ || exit 1",
                ))
                .log_configuration(LogConfiguration::awslogs("/ecs/f", "us-east-1", "a"))
                .build()
                .unwrap(),
        )
        .ephemeral_storage(30)
        .tag("team", "web")
        .build()
        .unwrap();
    assert!(td.check().is_empty());
    assert_eq!(td.fargate_size(), FargateSize::new(1024, 3072).ok());
    assert_eq!(
        td.to_json_string(),
        r#"{"containerDefinitions":[{"name":"a","image":"111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1","portMappings":[{"containerPort":8080}],"secrets":[{"name":"DB","valueFrom":"arn:aws:ssm:us-east-1:111122223333:parameter/db"}],"logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"/ecs/f","awslogs-region":"us-east-1","awslogs-stream-prefix":"a"}},"healthCheck":{"command":["CMD-SHELL","curl -f http://localhost:8080/ || exit 1"]}}],"family":"f","executionRoleArn":"arn:aws:iam::111122223333:role/exec","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],"cpu":"1024","memory":"3072","tags":[{"key":"team","value":"web"}],"ephemeralStorage":{"sizeInGiB":30}}"#
    );
}

#[test]
fn unknown_enum_values_round_trip() {
    let text = r#"{"family":"f","networkMode":"quantum","containerDefinitions":[{"name":"a","image":"x","memory":64,"logConfiguration":{"logDriver":"new-driver"}}]}"#;
    let td = TaskDefinition::from_json_str(text).unwrap();
    assert_eq!(td.network_mode, Some(NetworkMode::Other("quantum".into())));
    assert_eq!(td.to_json_string(), text);
    assert_eq!(NetworkMode::from("awsvpc"), NetworkMode::Awsvpc);
    assert!(td.check().iter().all(|f| f.code == "unknown-value"));
}

#[test]
fn non_objects_are_errors() {
    for bad in ["[]", "1", "\"x\"", "{", ""] {
        assert!(TaskDefinition::from_json_str(bad).is_err(), "{bad}");
        assert!(Document::from_json_str(bad).is_err(), "{bad}");
    }
    assert_eq!(
        TaskDefinition::from_json_str("[]").unwrap_err().to_string(),
        "invalid JSON at line 1, column 1: expected an object, found an array"
    );
}

#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<TaskDefinition>();
    check::<ContainerDefinition>();
    check::<DescribedTaskDefinition>();
    check::<Document>();
    check::<FargateSize>();
    check::<TaskDefinitionBuilder>();
    check::<ContainerDefinitionBuilder>();
    check::<NetworkMode>();
}
