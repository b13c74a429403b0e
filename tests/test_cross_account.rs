//! The guide as one call: the five artifacts, and every cross-check.

mod util;

use iam_ecs::cross_account::{Artifact, ArtifactFinding, CrossAccountSpec};
use iam_ecs::policy::{self, PolicyDocument};
use iam_ecs::profile::CliProfile;
use iam_ecs::RoleArn;
use util::{strip_ws, valid_accounts};

const GUIDE_IDENTITY: &str = include_str!("fixtures/guide/task-role-identity-policy.json");
const GUIDE_TRUST: &str = include_str!("fixtures/guide/destination-trust-policy.json");
const GUIDE_TASK_DEF: &str = include_str!("fixtures/guide/example-task-def.json");
const GUIDE_PROFILE: &str = include_str!("fixtures/guide/aws-cli-config");

fn errors(findings: &[ArtifactFinding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.finding.is_error())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_guide_example_reproduces_the_guides_documents() {
    let setup = CrossAccountSpec::guide_example().generate().unwrap();
    assert_eq!(
        setup.task_role_identity_policy.to_json_string(),
        strip_ws(&valid_accounts(GUIDE_IDENTITY))
    );
    assert_eq!(
        setup.destination_trust_policy.to_json_string(),
        strip_ws(&valid_accounts(GUIDE_TRUST))
    );
    assert_eq!(
        setup.task_definition.to_json_string(),
        strip_ws(&valid_accounts(GUIDE_TASK_DEF))
    );
    assert_eq!(setup.cli_profile.to_string(), valid_accounts(GUIDE_PROFILE));
    assert_eq!(
        setup.task_role_trust_policy.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":["ecs-tasks.amazonaws.com"]},"Action":"sts:AssumeRole","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:ecs:*:111122223333:*"},"StringEquals":{"aws:SourceAccount":"111122223333"}}}]}"#
    );
    assert_eq!(errors(&setup.check()), Vec::<String>::new());
    let rendered = setup.render(Artifact::TaskDefinition);
    assert!(rendered.ends_with("}\n"));
    assert_eq!(
        strip_ws(&rendered),
        strip_ws(&valid_accounts(GUIDE_TASK_DEF))
    );
}

#[test]
fn every_option_reaches_its_artifact() {
    let setup = CrossAccountSpec::builder()
        .partition("aws-cn")
        .region("cn-north-1")
        .source_account("012345678901")
        .task_role_name("task")
        .task_role_path("/ecs/")
        .destination_account("210987654321")
        .destination_role_name("dest")
        .destination_role_path("/x/y/")
        .family("fam")
        .container_name("app")
        .image("public.ecr.aws/docker/library/busybox:latest")
        .container_cpu(256)
        .container_memory(512)
        .profile_name("dest")
        .external_id("Unique-ID_123")
        .role_session_name("check")
        .duration_seconds("1800")
        .build()
        .unwrap()
        .generate()
        .unwrap();
    assert_eq!(
        setup.task_definition.to_json_string(),
        r#"{"containerDefinitions":[{"name":"app","image":"public.ecr.aws/docker/library/busybox:latest","cpu":256,"memory":512,"essential":true}],"family":"fam","taskRoleArn":"arn:aws-cn:iam::012345678901:role/ecs/task"}"#
    );
    assert_eq!(
        setup.destination_trust_policy.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws-cn:iam::012345678901:role/ecs/task"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"Unique-ID_123"}}}]}"#
    );
    assert_eq!(
        setup.task_role_identity_policy.to_json_string(),
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws-cn:iam::210987654321:role/x/y/dest"}}"#
    );
    assert!(setup
        .task_role_trust_policy
        .to_json_string()
        .contains(r#""aws:SourceArn":"arn:aws-cn:ecs:cn-north-1:012345678901:*""#));
    assert_eq!(
        setup.cli_profile.to_string(),
        "[profile dest]\nrole_arn = arn:aws-cn:iam::210987654321:role/x/y/dest\n\
         credential_source = EcsContainer\nexternal_id = Unique-ID_123\n\
         role_session_name = check\nduration_seconds = 1800\n"
    );
    assert_eq!(errors(&setup.check()), Vec::<String>::new());
}

#[test]
fn specification_errors_name_the_field() {
    let base = || {
        CrossAccountSpec::builder()
            .source_account("111122223333")
            .destination_account("444455556666")
    };
    let cases = [
        (
            CrossAccountSpec::builder().source_account("1111222233334444"),
            "CrossAccountSpec: invalid source_account: invalid account ID \"1111222233334444\": expected 12 digits, found 16",
        ),
        (
            base().destination_account("111122223333444"),
            "CrossAccountSpec: invalid destination_account: invalid account ID \"111122223333444\": expected 12 digits, found 15",
        ),
        (
            CrossAccountSpec::builder().destination_account("444455556666"),
            "CrossAccountSpec: invalid source_account: required, but not given",
        ),
        (
            base().destination_account("111122223333"),
            "CrossAccountSpec: invalid destination_account: expected an account other than the source account 111122223333, found the same: that is not a cross-account setup",
        ),
        (
            base().region("cn-north-1"),
            "CrossAccountSpec: invalid region: expected a region of partition aws, found cn-north-1 (partition aws-cn)",
        ),
        (
            base().profile_name("two words"),
            "CrossAccountSpec: invalid profile_name: invalid profile \"two words\": expected letters, digits and _+=,.@-, found \" \" at position 3",
        ),
        (
            base().duration_seconds("60"),
            "CrossAccountSpec: invalid duration_seconds: invalid session duration \"60\": expected 900 to 43200 seconds",
        ),
    ];
    for (builder, want) in cases {
        assert_eq!(builder.build().unwrap_err().to_string(), want);
    }
    let err = base()
        .container_memory(2)
        .build()
        .unwrap()
        .generate()
        .unwrap_err();
    assert!(err.to_string().contains("memory"), "{err}");
}

/// Runs the cross-checks after `edit` and returns the findings' lines.
fn cross(edit: impl FnOnce(&mut iam_ecs::cross_account::CrossAccountSetup)) -> Vec<String> {
    let mut setup = CrossAccountSpec::guide_example().generate().unwrap();
    edit(&mut setup);
    errors(&setup.cross_check())
}

fn role(text: &str) -> RoleArn {
    text.parse().unwrap()
}

#[test]
fn the_generated_setup_agrees_with_itself() {
    assert_eq!(cross(|_| {}), Vec::<String>::new());
}

#[test]
fn a_missing_or_bare_task_role_is_reported() {
    assert_eq!(
        cross(|s| s.task_definition.task_role_arn = None),
        ["task-definition.json: error[cross-account-task-role] /taskRoleArn: expected a taskRoleArn naming the task role, found none"]
    );
    assert_eq!(
        cross(|s| s.task_definition.task_role_arn = Some("my-ECS-task-role".into())),
        ["task-definition.json: error[cross-account-task-role] /taskRoleArn: expected the task role's full ARN: invalid role ARN \"my-ECS-task-role\": expected \"arn:\" at the start"]
    );
}

#[test]
fn roles_in_different_partitions_are_reported() {
    let cn_task = "arn:aws-cn:iam::111122223333:role/my-ECS-task-role";
    let found = cross(|s| {
        s.task_definition.task_role_arn = Some(cn_task.into());
        s.destination_trust_policy = policy::trust_principal_role(&role(cn_task));
    });
    assert_eq!(
        found,
        ["task-definition.json: error[cross-account-partition-mismatch] /taskRoleArn: the task role is in partition aws-cn and the destination role arn:aws:iam::444455556666:role/destination-account-role in partition aws: AWS cannot delegate access across partitions"]
    );
}

#[test]
fn both_roles_in_one_account_are_reported() {
    let same = role("arn:aws:iam::111122223333:role/destination-account-role");
    let found = cross(|s| {
        s.cli_profile = CliProfile::builder("cross-account", same.clone())
            .build()
            .unwrap();
        s.task_role_identity_policy = policy::allow_assume_role(&same);
    });
    assert_eq!(
        found,
        ["task-definition.json: error[cross-account-same-account] /taskRoleArn: expected the task role and the destination role in two different accounts, found both in 111122223333: that is not a cross-account setup"]
    );
}

#[test]
fn an_identity_policy_for_another_role_is_reported() {
    let found = cross(|s| {
        s.task_role_identity_policy =
            policy::allow_assume_role(&role("arn:aws:iam::444455556666:role/other"));
    });
    assert_eq!(
        found,
        ["task-role-identity-policy.json: error[cross-account-resource-mismatch] /Statement: expected a statement allowing sts:AssumeRole on the destination role arn:aws:iam::444455556666:role/destination-account-role (the CLI profile's role_arn), found none"]
    );
}

#[test]
fn a_trust_policy_for_another_principal_is_reported() {
    let found = cross(|s| {
        s.destination_trust_policy =
            policy::trust_principal_role(&role("arn:aws:iam::111122223333:role/other"));
    });
    assert_eq!(
        found,
        ["destination-trust-policy.json: error[cross-account-principal-mismatch] /Statement: expected a statement trusting the task definition's taskRoleArn arn:aws:iam::111122223333:role/my-ECS-task-role in Principal.AWS, found none"]
    );
}

#[test]
fn a_task_role_trust_for_another_account_is_reported() {
    let found = cross(|s| {
        s.task_role_trust_policy = policy::ecs_task_role_trust(
            iam_ecs::Partition::Aws,
            &iam_ecs::AccountId::from_static("999999999999"),
            None,
        );
    });
    assert_eq!(
        found,
        ["task-role-trust-policy.json: error[cross-account-task-role-trust] /Statement: expected a statement letting ecs-tasks.amazonaws.com assume the task role for account 111122223333, found none"]
    );
    let found = cross(|s| {
        s.task_role_trust_policy = policy::trust_principal_account(
            iam_ecs::Partition::Aws,
            &iam_ecs::AccountId::from_static("111122223333"),
        );
    });
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("cross-account-task-role-trust"));
}

#[test]
fn an_external_id_on_one_side_only_or_different_is_reported() {
    let dest = role("arn:aws:iam::444455556666:role/destination-account-role");
    let with_id = |id: &str| {
        CliProfile::builder("cross-account", dest.clone())
            .external_id(id)
            .build()
            .unwrap()
    };
    let trust_with_id = |id: &str| -> PolicyDocument {
        policy::TrustPolicy::builder()
            .statement(
                policy::TrustStatement::allow()
                    .principal_aws("arn:aws:iam::111122223333:role/my-ECS-task-role")
                    .action("sts:AssumeRole")
                    .external_id(id),
            )
            .build()
            .unwrap()
    };
    assert_eq!(
        cross(|s| s.cli_profile = with_id("abc123")),
        ["destination-trust-policy.json: error[cross-account-external-id-mismatch] /Statement: the CLI profile passes external_id \"abc123\", but the destination trust policy has no sts:ExternalId condition: add it, or drop it from the profile"]
    );
    assert_eq!(
        cross(|s| s.destination_trust_policy = trust_with_id("abc123")),
        ["aws-config: error[cross-account-external-id-mismatch] (document): the destination trust policy requires sts:ExternalId [\"abc123\"], but the CLI profile has no external_id: assuming the role would be denied"]
    );
    assert_eq!(
        cross(|s| {
            s.destination_trust_policy = trust_with_id("abc123");
            s.cli_profile = with_id("xyz789");
        }),
        ["aws-config: error[cross-account-external-id-mismatch] (document): the CLI profile passes external_id \"xyz789\", but the destination trust policy expects [\"abc123\"]"]
    );
    assert_eq!(
        cross(|s| {
            s.destination_trust_policy = trust_with_id("abc123");
            s.cli_profile = with_id("abc123");
        }),
        Vec::<String>::new()
    );
}

#[test]
fn artifacts_have_the_cli_file_names() {
    let names: Vec<&str> = Artifact::ALL.iter().map(|a| a.file_name()).collect();
    assert_eq!(
        names,
        [
            "task-role-trust-policy.json",
            "task-role-identity-policy.json",
            "destination-trust-policy.json",
            "task-definition.json",
            "aws-config"
        ]
    );
}

#[test]
fn commands_apply_the_setup_with_ascii_options() {
    let setup = CrossAccountSpec::guide_example().generate().unwrap();
    let script = setup.commands("out");
    assert_eq!(
        script,
        "# In the source account 111122223333: the task role, its trust and identity policies\n\
         aws iam create-role --role-name my-ECS-task-role --assume-role-policy-document file://out/task-role-trust-policy.json\n\
         aws iam put-role-policy --role-name my-ECS-task-role --policy-name assume-destination-account-role --policy-document file://out/task-role-identity-policy.json\n\
         \n\
         # In the destination account 444455556666: the role's trust policy (this replaces it: merge in statements it already has)\n\
         aws iam update-assume-role-policy --role-name destination-account-role --policy-document file://out/destination-trust-policy.json\n\
         \n\
         # In the source account: register the task definition, then run a task from it\n\
         aws ecs register-task-definition --cli-input-json file://out/task-definition.json\n\
         \n\
         # Inside the running container (docker exec on EC2, ECS Exec on Fargate)\n\
         cat out/aws-config >> ~/.aws/config\n\
         aws sts get-caller-identity\n\
         aws sts get-caller-identity --profile cross-account\n"
    );
    // The guide's em dash (U+2014) in `—cli-input-json` cannot occur.
    assert!(script.is_ascii());
    let pathed = CrossAccountSpec::builder()
        .source_account("111122223333")
        .destination_account("444455556666")
        .task_role_path("/ecs/")
        .build()
        .unwrap()
        .generate()
        .unwrap();
    assert!(pathed
        .commands("d")
        .contains("aws iam create-role --role-name my-ECS-task-role --path /ecs/ --assume-role-policy-document"));
}
