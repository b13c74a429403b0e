//! Issue 14 item 6 through the real binary: the policies and task
//! definitions inside CloudFormation templates (JSON and YAML) and a
//! Terraform plan, written by hand from the CloudFormation and Terraform
//! documentation (`fixtures/iac/`), each with known defects at known
//! lines: findings at the right pointer (and line and column in YAML),
//! none on intrinsic or unknown values, and notes naming those skipped.

use iam_ecs::json::Json;
use std::path::PathBuf;
use std::process::Output;

mod common;

use common::{stderr, stdout};

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/iac")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn run(args: &[&str], stdin: Option<&str>) -> Output {
    common::run(args, stdin.map(str::as_bytes))
}

/// One finding of `--format json`.
#[derive(Debug, PartialEq, Eq)]
struct F {
    severity: String,
    code: String,
    path: String,
    message: String,
    line: Option<i64>,
    column: Option<i64>,
}

fn findings(args: &[&str], stdin: Option<&str>) -> (Output, Vec<F>) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = run(&all, stdin);
    let text = stdout(&out);
    let json = Json::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}\n{}", stderr(&out)));
    let s = |f: &Json, k: &str| {
        f.pointer(&format!("/{k}"))
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let n = |f: &Json, k: &str| match f.pointer(&format!("/{k}")) {
        Some(Json::Number(n)) => n.as_i64(),
        _ => None,
    };
    let list = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|f| F {
            severity: s(f, "severity"),
            code: s(f, "code"),
            path: s(f, "path"),
            message: s(f, "message"),
            line: n(f, "line"),
            column: n(f, "column"),
        })
        .collect();
    (out, list)
}

/// `(code, path)` of each finding.
fn codes_paths(found: &[F]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str()))
        .collect()
}

const TEMPLATE_FINDINGS: [(&str, &str); 4] = [
    (
        "invalid-principal",
        "/Resources/TaskRole/Properties/AssumeRolePolicyDocument/Statement/0/Principal/AWS",
    ),
    (
        "missing-effect",
        "/Resources/TaskRole/Properties/Policies/0/PolicyDocument/Statement/0",
    ),
    (
        "invalid-policy-element",
        "/Resources/TaskRole/Properties/Policies/0/PolicyDocument/Statement/0/Efect",
    ),
    ("fargate-size", "/Resources/TaskDefinition/Properties/Cpu"),
];

#[test]
fn a_yaml_template_has_its_findings_at_the_right_pointer_line_and_column() {
    let (out, found) = findings(&[&fixture("template.yaml")], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(codes_paths(&found), TEMPLATE_FINDINGS);
    let lines: Vec<(Option<i64>, Option<i64>)> = found.iter().map(|f| (f.line, f.column)).collect();
    // Line 23 `AWS: arn:...`, line 34 `- Efect: Allow`, line 63 `Cpu: 256`
    // (the lines the fixture's description names).
    assert_eq!(
        lines,
        [
            (Some(23), Some(20)),
            (Some(34), Some(17)),
            (Some(34), Some(24)),
            (Some(63), Some(12)),
        ]
    );
    let text = std::fs::read_to_string(fixture("template.yaml")).unwrap();
    let line = |n: usize| text.lines().nth(n - 1).unwrap();
    assert!(line(23).contains("1111222233334444"));
    assert!(line(34).contains("Efect"));
    assert!(line(63).trim() == "Cpu: 256");
    assert!(found[2].message.ends_with("(did you mean \"Effect\"?)"));
    // The text form starts with FILE:LINE:COL.
    let text_out = run(&["check", &fixture("template.yaml")], None);
    assert!(stdout(&text_out)
        .lines()
        .any(|l| l.ends_with("expected 12 digits, found 16")
            && l.contains("template.yaml:23:20: error[invalid-principal] /Resources/TaskRole/")));
}

#[test]
fn a_json_template_has_the_same_findings_at_the_same_pointers() {
    let (out, found) = findings(&[&fixture("template.json")], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes_paths(&found), TEMPLATE_FINDINGS);
    // The JSON reader is located by pointer (issue 14 part A); the
    // messages match the YAML template's.
    let (_, yaml) = findings(&[&fixture("template.yaml")], None);
    let messages = |v: &[F]| v.iter().map(|f| f.message.clone()).collect::<Vec<_>>();
    assert_eq!(messages(&found), messages(&yaml));
}

#[test]
fn intrinsic_values_are_never_findings_and_are_listed_in_notes() {
    for name in ["template.yaml", "template.json"] {
        let (out, found) = findings(&[&fixture(name)], None);
        let err = stderr(&out);
        for skipped in [
            "/Resources/TaskRole/Properties/AssumeRolePolicyDocument/Statement/1/Principal/AWS: skipped Fn::Sub",
            "/Resources/TaskRole/Properties/Policies/0/PolicyDocument/Statement/0/Resource: skipped Fn::Sub",
            "/Resources/BucketPolicy/Properties/PolicyDocument/Statement/0/Resource/0: skipped Fn::GetAtt",
            "/Resources/BucketPolicy/Properties/PolicyDocument/Statement/0/Resource/1: skipped Fn::Join",
            "/Resources/TaskDefinition/Properties/TaskRoleArn: skipped Fn::GetAtt",
            "/Resources/TaskDefinition/Properties/ContainerDefinitions/0/LogConfiguration/Options/awslogs-group: skipped Ref",
            "/Resources/ExecutionRole/Properties/AssumeRolePolicyDocument/Statement/0/Condition/StringEquals/aws:SourceAccount: skipped Ref",
        ] {
            assert!(
                err.lines().any(|l| l.contains("note: ") && l.contains(skipped)),
                "{name}: no note {skipped:?} in\n{err}"
            );
        }
        assert!(err.contains("checked as a CloudFormation template (5 document(s))"));
        // No finding on an intrinsic value or under one, and none names
        // the placeholder.
        for f in &found {
            assert!(!f.path.contains("Statement/1/Principal"), "{f:?}");
            assert!(!f.path.ends_with("/Resource"), "{f:?}");
            assert!(!f.path.contains("TaskRoleArn"), "{f:?}");
            assert!(!f.message.contains("iam-ecs-unknown"), "{f:?}");
        }
        // An execution role given by an intrinsic satisfies awslogs on
        // Fargate; its condition key satisfies the confused-deputy check.
        assert!(found
            .iter()
            .all(|f| f.code != "fargate-execution-role-required"
                && f.code != "restrict-access-to-service-principal"));
    }
}

#[test]
fn a_terraform_plan_names_the_address_and_the_pointer_inside_the_document() {
    let (out, found) = findings(&[&fixture("plan.json")], None);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        codes_paths(&found),
        [
            ("invalid-principal", "/Statement/0/Principal/AWS"),
            ("missing-effect", "/Statement/0"),
            ("invalid-policy-element", "/Statement/0/Efect"),
            ("fargate-size", "/cpu"),
        ]
    );
    assert!(found[0]
        .message
        .starts_with("module.app.aws_iam_role.task (assume_role_policy): invalid AWS principal"));
    assert!(found[2].message.starts_with(
        "module.app.aws_iam_role.task (inline_policy[0].policy): unknown element \"Efect\""
    ));
    assert!(found[3]
        .message
        .starts_with("module.app.aws_ecs_task_definition.web: cpu \"256\""));
    let err = stderr(&out);
    assert!(
        err.contains("checked as a Terraform plan (3 document(s))"),
        "{err}"
    );
    for skipped in [
        "/planned_values/root_module/resources/0/values/policy [aws_s3_bucket_policy.assets (policy)]: skipped a value unknown until apply",
        "/planned_values/root_module/child_modules/0/resources/1/values/execution_role_arn [module.app.aws_ecs_task_definition.web]: skipped a value unknown until apply",
    ] {
        assert!(err.contains(skipped), "no note {skipped:?} in\n{err}");
    }
    // The data source's policy (with its own `Efect`) is not checked, and
    // the execution role unknown until apply satisfies awslogs on Fargate.
    assert!(found
        .iter()
        .all(|f| !f.message.contains("data.aws_iam_policy")));
    assert!(found
        .iter()
        .all(|f| f.code != "fargate-execution-role-required"));
}

#[test]
fn kind_forces_the_format_and_bad_templates_are_errors_that_name_the_place() {
    // Forced on standard input.
    let yaml = std::fs::read_to_string(fixture("template.yaml")).unwrap();
    let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(&yaml));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(codes_paths(&found), TEMPLATE_FINDINGS);
    let plan = std::fs::read_to_string(fixture("plan.json")).unwrap();
    let (_, found) = findings(&["--kind", "terraform-plan", "-"], Some(&plan));
    assert_eq!(found.len(), 4);
    // A plan forced as a template has no Resources.
    let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(&plan));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found[0].code, "invalid-document");
    assert!(found[0].message.contains("\"Resources\""), "{found:?}");
    // Broken YAML names the line.
    let (out, found) = findings(
        &["--kind", "cloudformation", "-"],
        Some("Resources:\n  R: [1, 2\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found[0].code, "invalid-document");
    assert!(found[0].message.contains("line"), "{found:?}");
    // A template forced as a plan.
    let (_, found) = findings(
        &["--kind", "terraform-plan", &fixture("template.json")],
        None,
    );
    assert_eq!(found[0].code, "invalid-document");
    assert!(found[0].message.contains("format_version"), "{found:?}");
}

#[test]
fn a_policy_string_that_is_not_json_is_an_error_at_its_attribute() {
    let plan = r#"{"format_version":"1.2","planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","mode":"managed","type":"aws_iam_policy","name":"p","values":{"policy":"{\"Version\":"}}]}}}"#;
    let (out, found) = findings(&["-"], Some(plan));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code, "invalid-json");
    assert!(found[0]
        .message
        .starts_with("aws_iam_policy.p (policy): the policy is a string that is not JSON"));
}

#[test]
fn cloudformation_properties_map_to_ecs_members_and_free_form_maps_stay_as_written() {
    // Scalars converted to the ECS types (Cpu 1024 -> "1024",
    // ContainerPort "80" -> 80, Essential "true" -> true); DockerLabels
    // keys kept; a misspelt property is an unknown member with its
    // suggestion, at the template's key.
    let yaml = "\
Resources:
  TD:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: web
      RequiresCompatibilites: [FARGATE]
      Cpu: 1024
      Memory: 2048
      ContainerDefinitions:
        - Name: web
          Image: nginx
          Essential: \"true\"
          PortMappings:
            - ContainerPort: \"80\"
          DockerLabels:
            Some.Label: 1
          Ulimits:
            - Name: nofile
              SoftLimit: 1024
              HardLimit: 512
";
    let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(yaml));
    assert_eq!(out.status.code(), Some(1));
    let got: Vec<(&str, &str, Option<i64>)> = found
        .iter()
        .map(|f| (f.code.as_str(), f.path.as_str(), f.line))
        .collect();
    assert_eq!(
        got,
        [
            ("fargate-network-mode", "/Resources/TD/Properties", Some(5)),
            (
                "unknown-field",
                "/Resources/TD/Properties/RequiresCompatibilites",
                Some(6)
            ),
            (
                "ulimit-soft-above-hard",
                "/Resources/TD/Properties/ContainerDefinitions/0/Ulimits/0/SoftLimit",
                Some(19)
            ),
        ],
        "{found:#?}"
    );
    assert_eq!(
        found[1].message,
        "unknown property \"RequiresCompatibilites\" in task definition: CloudFormation rejects a property the resource type's schema does not have (did you mean \"RequiresCompatibilities\"?); the Fargate checks ran as if it were spelled \"RequiresCompatibilities\""
    );
    assert_eq!(found[1].severity, "error");
}

#[test]
fn policies_given_by_intrinsics_or_as_json_strings() {
    // `Policies` items and whole documents given by intrinsic functions
    // are skipped with a note; a policy written as a JSON string is
    // checked, its findings inside the string.
    let yaml = r#"Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: !If [IsProd, !Ref ProdTrust, !Ref DevTrust]
      Policies:
        - !If
          - IsProd
          - PolicyName: p
            PolicyDocument: {}
          - !Ref AWS::NoValue
        - PolicyName: s
          PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Sid":""}]}'
  Queue:
    Type: AWS::SQS::QueuePolicy
    Properties: !If [IsProd, {}, {}]
"#;
    let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(yaml));
    let err = stderr(&out);
    for note in [
        "/Resources/Role/Properties/AssumeRolePolicyDocument: skipped Fn::If",
        "/Resources/Role/Properties/Policies/0: skipped Fn::If",
        "/Resources/Queue/Properties: skipped Fn::If",
    ] {
        assert!(err.contains(note), "no note {note:?} in\n{err}");
    }
    assert_eq!(
        codes_paths(&found),
        [("empty-sid-value", "/Statement/0/Sid")],
        "{found:#?}"
    );
    assert!(found[0]
        .message
        .starts_with("/Resources/Role/Properties/Policies/1/PolicyDocument (a JSON string): "));
    assert_eq!(found[0].line, Some(13));
}

#[test]
fn a_template_task_definition_is_always_register_input() {
    // `Status` is a read-only member of a described revision; in a
    // template it is a property the schema does not have: an error, not
    // the warning of describe output.
    let yaml = "Resources:\n  TD:\n    Type: AWS::ECS::TaskDefinition\n    Properties:\n      Family: web\n      Status: ACTIVE\n      ContainerDefinitions:\n        - {Name: web, Image: nginx, Memory: 512}\n";
    let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(yaml));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        codes_paths(&found),
        [("unknown-field", "/Resources/TD/Properties/Status")]
    );
    assert_eq!(found[0].severity, "error");
    assert_eq!((found[0].line, found[0].column), (Some(6), Some(15)));
}

/// Every property of the `AWS::ECS::TaskDefinition` resource reference
/// (written out from the CloudFormation User Guide), with CloudFormation's
/// scalar spellings: none is an unknown member or of the wrong type once
/// mapped to the ECS API's members.
const EVERY_PROPERTY: &str = r#"Resources:
  TD:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: every-property
      Cpu: 1024
      Memory: "2048"
      EnableFaultInjection: false
      EphemeralStorage: {SizeInGiB: 30}
      ExecutionRoleArn: arn:aws:iam::111122223333:role/exec
      TaskRoleArn: arn:aws:iam::111122223333:role/task
      InferenceAccelerators: [{DeviceName: d, DeviceType: eia2.medium}]
      IpcMode: task
      PidMode: task
      NetworkMode: bridge
      PlacementConstraints: [{Type: memberOf, Expression: "attribute:ecs.instance-type =~ t3.*"}]
      ProxyConfiguration:
        Type: APPMESH
        ContainerName: app
        ProxyConfigurationProperties: [{Name: IgnoredUID, Value: 1337}]
      RequiresCompatibilities: [EC2]
      RuntimePlatform: {CpuArchitecture: X86_64, OperatingSystemFamily: LINUX}
      Tags: [{Key: team, Value: web}]
      Volumes:
        - Name: docker
          ConfiguredAtLaunch: false
          DockerVolumeConfiguration: {Autoprovision: true, Driver: local, DriverOpts: {type: nfs}, Labels: {a: 1}, Scope: shared}
        - Name: efs
          EFSVolumeConfiguration:
            FilesystemId: fs-12345678
            RootDirectory: /
            TransitEncryption: ENABLED
            TransitEncryptionPort: 2049
            AuthorizationConfig: {AccessPointId: fsap-1234, IAM: ENABLED}
        - Name: fsx
          FSxWindowsFileServerVolumeConfiguration:
            FileSystemId: fs-0123456789abcdef0
            RootDirectory: share
            AuthorizationConfig: {CredentialsParameter: "arn:aws:secretsmanager:us-east-1:111122223333:secret:x", Domain: example.com}
        - Name: host
          Host: {SourcePath: /data}
      ContainerDefinitions:
        - Name: app
          Image: nginx:1.27
          Command: [nginx, -g, daemon off;]
          Cpu: 256
          CredentialSpecs: ["credentialspec:arn:aws:s3:::bucket/spec.json"]
          DependsOn: [{Condition: START, ContainerName: side}]
          DisableNetworking: false
          DnsSearchDomains: [example.com]
          DnsServers: [10.0.0.2]
          DockerLabels: {com.example.team: web, version: 2}
          DockerSecurityOptions: ["no-new-privileges"]
          EntryPoint: [sh, -c]
          Environment: [{Name: PORT, Value: 8080}]
          EnvironmentFiles: [{Type: s3, Value: "arn:aws:s3:::bucket/app.env"}]
          Essential: "true"
          ExtraHosts: [{Hostname: db, IpAddress: 10.0.0.5}]
          HealthCheck: {Command: [CMD-SHELL, "curl -f http://localhost/"], Interval: 30, Retries: 3, StartPeriod: 10, Timeout: 5}
          Hostname: app
          Interactive: false
          Links: ["side:side"]
          LinuxParameters:
            Capabilities: {Add: [SYS_PTRACE], Drop: [NET_RAW]}
            Devices: [{HostPath: /dev/fuse, ContainerPath: /dev/fuse, Permissions: [read]}]
            InitProcessEnabled: true
            MaxSwap: 512
            SharedMemorySize: 64
            Swappiness: 10
            Tmpfs: [{ContainerPath: /tmp, MountOptions: [rw], Size: 64}]
          LogConfiguration:
            LogDriver: awslogs
            Options: {awslogs-group: /ecs/app, awslogs-region: us-east-1, awslogs-stream-prefix: app}
            SecretOptions: [{Name: token, ValueFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/token"}]
          Memory: 512
          MemoryReservation: 256
          MountPoints: [{ContainerPath: /data, ReadOnly: true, SourceVolume: host}]
          PortMappings: [{AppProtocol: http, ContainerPort: "80", HostPort: 8080, Name: web, Protocol: tcp}]
          Privileged: false
          PseudoTerminal: false
          ReadonlyRootFilesystem: true
          RepositoryCredentials: {CredentialsParameter: "arn:aws:secretsmanager:us-east-1:111122223333:secret:reg"}
          ResourceRequirements: [{Type: GPU, Value: 1}]
          RestartPolicy: {Enabled: true, IgnoredExitCodes: [0], RestartAttemptPeriod: 300}
          Secrets: [{Name: DB_PASSWORD, ValueFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/db"}]
          StartTimeout: 60
          StopTimeout: 30
          SystemControls: [{Namespace: net.core.somaxconn, Value: 1024}]
          Ulimits: [{Name: nofile, SoftLimit: 1024, HardLimit: 4096}]
          User: 1000
          VersionConsistency: enabled
          VolumesFrom: [{SourceContainer: side, ReadOnly: true}]
          WorkingDirectory: /app
        - Name: side
          Image: busybox
          Memory: 64
          FirelensConfiguration: {Type: fluentbit, Options: {enable-ecs-log-metadata: "true"}}
"#;

#[test]
fn every_task_definition_property_maps_to_an_ecs_member_of_its_type() {
    let (_, found) = findings(&["--kind", "cloudformation", "-"], Some(EVERY_PROPERTY));
    let shape: Vec<&F> = found
        .iter()
        .filter(|f| f.code == "unknown-field" || f.code == "type-mismatch")
        .collect();
    assert!(shape.is_empty(), "{shape:#?}");
    assert!(found.is_empty(), "{found:#?}");
    // The mapped members are read as the ECS members: values wrong for
    // them are reported at the template's properties.
    let broken = EVERY_PROPERTY
        .replace("IAM: ENABLED", "IAM: ENABLD")
        .replace("HardLimit: 4096", "HardLimit: 512")
        .replace("SizeInGiB: 30", "SizeInGiB: 300");
    let (_, found) = findings(&["--kind", "cloudformation", "-"], Some(&broken));
    assert_eq!(
        codes_paths(&found),
        [
            (
                "ephemeral-storage-size",
                "/Resources/TD/Properties/EphemeralStorage/SizeInGiB"
            ),
            (
                "unknown-value",
                "/Resources/TD/Properties/Volumes/1/EFSVolumeConfiguration/AuthorizationConfig/IAM"
            ),
            (
                "ulimit-soft-above-hard",
                "/Resources/TD/Properties/ContainerDefinitions/0/Ulimits/0/SoftLimit"
            ),
        ],
        "{found:#?}"
    );
}

#[test]
fn terraform_task_arguments_map_to_ecs_members() {
    let values = r#"{
      "family": "tf", "cpu": "1024", "memory": "2048", "network_mode": "awsvpc",
      "requires_compatibilities": ["FARGATE"], "ipc_mode": null, "pid_mode": "task",
      "task_role_arn": "arn:aws:iam::111122223333:role/task",
      "execution_role_arn": "arn:aws:iam::111122223333:role/exec",
      "ephemeral_storage": [{"size_in_gib": 300}],
      "runtime_platform": [{"cpu_architecture": "ARM64", "operating_system_family": "LINUX"}],
      "placement_constraints": [],
      "proxy_configuration": [{"type": "APPMESH", "container_name": "envoy", "properties": {"IgnoredUID": "1337"}}],
      "inference_accelerator": [],
      "tags": {"team": "web", "aws:owner": "x"},
      "enable_fault_injection": false, "skip_destroy": false, "track_latest": false,
      "volume": [
        {"name": "efs", "host_path": null, "configure_at_launch": false,
         "docker_volume_configuration": [],
         "efs_volume_configuration": [{"file_system_id": "fs-1234", "root_directory": "/", "transit_encryption": "ENABLED", "transit_encryption_port": 0, "authorization_config": [{"access_point_id": "fsap-1", "iam": "ENABLED"}]}],
         "fsx_windows_file_server_volume_configuration": []},
        {"name": "host", "host_path": "/data", "configure_at_launch": false, "docker_volume_configuration": [], "efs_volume_configuration": [], "fsx_windows_file_server_volume_configuration": []}
      ],
      "container_definitions": "[{\"name\":\"app\",\"image\":\"nginx\",\"essential\":true,\"mountPoints\":[{\"sourceVolume\":\"efs\",\"containerPath\":\"/efs\"}]},{\"name\":\"envoy\",\"image\":\"envoy\",\"essential\":false}]"
    }"#;
    let plan = format!(
        r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{{"address":"aws_ecs_task_definition.tf","mode":"managed","type":"aws_ecs_task_definition","name":"tf","values":{values}}}]}}}}}}"#
    );
    let (_, found) = findings(&["--kind", "terraform-plan", "-"], Some(&plan));
    // Fargate and a host path, a reserved tag prefix, ephemeral storage
    // over 200 GiB: each at its ECS member, named with the address.
    assert_eq!(
        codes_paths(&found),
        [
            ("fargate-host-volume", "/volumes/1/host/sourcePath"),
            ("reserved-tag-prefix", "/tags/1/key"),
            ("ephemeral-storage-size", "/ephemeralStorage/sizeInGiB"),
        ],
        "{found:#?}"
    );
    assert!(found
        .iter()
        .all(|f| f.message.starts_with("aws_ecs_task_definition.tf: ")));
}

#[test]
fn hostile_yaml_is_an_error_not_a_hang_or_a_crash() {
    let mut bomb = String::from("Resources:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g"])
    {
        bomb.push_str(&format!(
            "  {name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    let deep = format!("Resources: {}1{}\n", "[".repeat(5000), "]".repeat(5000));
    for (text, expected) in [
        (bomb.as_str(), "aliases"),
        (deep.as_str(), "recursion limit"),
        ("Resources: !Ref\n  x: [\n", "line"),
        ("Resources:\n  ? [a, b]\n  : 1\n", "not a scalar"),
    ] {
        let (out, found) = findings(&["--kind", "cloudformation", "-"], Some(text));
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].code, "invalid-document");
        assert!(found[0].message.contains(expected), "{found:?}");
    }
}

/// JSON templates and plans are located by the file pointer of each
/// finding (`iam_ecs::json::Locator`): the known defects at their lines.
#[test]
fn json_templates_and_plans_have_their_findings_at_the_right_lines() {
    let text = |name: &str| {
        let o = run(&["check", "-q", &fixture(name)], None);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        stdout(&o)
    };
    let out = text("template.json");
    for (line, code) in [
        (18, "error[invalid-principal]"),
        (38, "error[invalid-policy-element]"),
        (79, "error[fargate-size]"),
    ] {
        assert!(
            out.lines()
                .any(|l| l.contains(&format!("template.json:{line}:")) && l.contains(code)),
            "no {code} at line {line} in\n{out}"
        );
    }
    let src = std::fs::read_to_string(fixture("template.json")).unwrap();
    assert!(src.lines().nth(17).unwrap().contains("1111222233334444"));
    assert!(src.lines().nth(37).unwrap().contains("Efect"));
    let out = text("plan.json");
    let src = std::fs::read_to_string(fixture("plan.json")).unwrap();
    for (code, needle) in [
        ("error[invalid-principal]", "assume_role_policy"),
        ("error[fargate-size]", "\"cpu\""),
    ] {
        let l = out
            .lines()
            .find(|l| l.contains(code))
            .unwrap_or_else(|| panic!("{out}"));
        let line: usize = l.split(':').nth(1).unwrap().parse().unwrap();
        assert!(
            src.lines().nth(line - 1).unwrap().contains(needle),
            "{code} at line {line}, which does not hold {needle}"
        );
    }
}
