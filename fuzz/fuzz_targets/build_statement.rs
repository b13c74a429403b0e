//! An `Arbitrary` plan drives the policy builders (identity and trust),
//! the ECS container and task builders, and the cross-account
//! specification: `build()` either errors or yields a document that reads
//! back equal (same bytes, compact and pretty) and that its own check does
//! not reject with an error.
#![no_main]

use arbitrary::Arbitrary;
use iam_ecs::cross_account::CrossAccountSpec;
use iam_ecs::ecs::{
    Compatibility, ContainerCondition, ContainerDefinition, FargateSize, HealthCheck,
    LogConfiguration, NetworkMode, PortMapping, ResourceType, TaskDefinition, TransportProtocol,
    UlimitName,
};
use iam_ecs::has_errors;
use iam_ecs::policy::{
    CheckOptions, ConditionValue, IdentityPolicy, IdentityStatement, PolicyDocument, TrustPolicy,
    TrustStatement,
};
use iam_ecs::RoleArn;
use libfuzzer_sys::fuzz_target;

/// A string: one of a few meaningful values, or arbitrary text, or a
/// meaningful value with arbitrary text appended.
#[derive(Arbitrary, Debug)]
enum Text {
    Known(u8),
    Raw(String),
    Suffixed(u8, String),
}

impl Text {
    fn pick(&self, known: &[&str]) -> String {
        match self {
            Text::Known(i) => known[usize::from(*i) % known.len()].to_owned(),
            Text::Raw(s) => s.clone(),
            Text::Suffixed(i, s) => format!("{}{s}", known[usize::from(*i) % known.len()]),
        }
    }
}

const ACTIONS: &[&str] = &[
    "sts:AssumeRole",
    "sts:TagSession",
    "sts:AssumeRoleWithSAML",
    "sts:AssumeRoleWithWebIdentity",
    "sts:SetSourceIdentity",
    "s3:GetObject",
    "s3:Get*",
    "iam:PassRole",
    "*",
    "ec2:Describe?nstances",
    "s3",
    "",
];
const RESOURCES: &[&str] = &[
    "*",
    "arn:aws:s3:::my-bucket/*",
    "arn:aws:iam::444455556666:role/destination-account-role",
    "arn:aws:s3:::bucket/${aws:username}/*",
    "arn:aws-cn:ec2:cn-north-1:111122223333:instance/*",
    "arn:aws:iam::1111222233334444:role/x",
    "arn:aws:sqs:us-east-1:444455556666:queue",
    "arn:",
    "",
];
const PRINCIPALS_AWS: &[&str] = &[
    "arn:aws:iam::444455556666:role/my-ECS-task-role",
    "arn:aws:iam::444455556666:root",
    "444455556666",
    "*",
    "arn:aws:sts::444455556666:assumed-role/r/s",
    "arn:aws:iam::444455556666:user/u",
    "AROAEXAMPLEID",
    "",
];
const PRINCIPALS_SERVICE: &[&str] = &[
    "ecs-tasks.amazonaws.com",
    "rolesanywhere.amazonaws.com",
    "tagging.amazonaws.com",
    "lambda.amazonaws.com",
    "",
];
const PRINCIPALS_FEDERATED: &[&str] = &[
    "arn:aws:iam::444455556666:saml-provider/MyProvider",
    "arn:aws:iam::444455556666:oidc-provider/token.actions.githubusercontent.com",
    "cognito-identity.amazonaws.com",
    "",
];
const OPERATORS: &[&str] = &[
    "StringEquals",
    "StringLike",
    "ArnLike",
    "Bool",
    "NumericLessThan",
    "ForAnyValue:StringEquals",
    "NullIfExists",
    "Null",
    "DateGreaterThan",
    "IpAddress",
    "",
];
const KEYS: &[&str] = &[
    "aws:SourceAccount",
    "aws:SourceArn",
    "sts:ExternalId",
    "aws:PrincipalOrgID",
    "aws:MultiFactorAuthPresent",
    "s3:prefix",
    "nocolon",
    "",
];
const SIDS: &[&str] = &["Stmt1", "AllowAll", "", "with space"];
const NAMES: &[&str] = &["app", "web-1", "my_container", "", "bad name"];
const IMAGES: &[&str] = &[
    "nginx",
    "public.ecr.aws/nginx/nginx:latest",
    "111122223333.dkr.ecr.us-east-1.amazonaws.com/app:1",
    "nginx:{{tag}}",
    "",
];
const ACCOUNTS: &[&str] = &["111122223333", "444455556666", "1111222233334444", ""];
const REGIONS: &[&str] = &[
    "us-east-1",
    "eu-west-3",
    "cn-north-1",
    "us-gov-west-1",
    "xx",
];

#[derive(Arbitrary, Debug)]
enum Value {
    Text(Text),
    Bool(bool),
    Int(i64),
}

impl Value {
    fn get(&self) -> ConditionValue {
        match self {
            Value::Text(t) => ConditionValue::from(t.pick(RESOURCES)),
            Value::Bool(b) => ConditionValue::from(*b),
            Value::Int(n) => ConditionValue::from(*n),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Cond {
    operator: Text,
    key: Text,
    values: Vec<Value>,
    array: bool,
}

#[derive(Arbitrary, Debug)]
struct Common {
    deny: bool,
    sid: Option<Text>,
    actions: Vec<Text>,
    not_actions: Vec<Text>,
    action_array: bool,
    conditions: Vec<Cond>,
}

#[derive(Arbitrary, Debug)]
struct IdentityPlan {
    common: Common,
    resources: Vec<Text>,
    not_resources: Vec<Text>,
    resource_array: bool,
}

#[derive(Arbitrary, Debug)]
struct TrustPlan {
    common: Common,
    aws: Vec<Text>,
    service: Vec<Text>,
    federated: Vec<Text>,
    principal_array: bool,
    external_id: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct DocPlan {
    version: Option<Text>,
    no_version: bool,
    single: bool,
    quota: Option<u16>,
}

#[derive(Arbitrary, Debug)]
struct ContainerPlan {
    name: Text,
    image: Text,
    cpu: Option<i64>,
    memory: Option<i64>,
    memory_reservation: Option<i64>,
    essential: Option<bool>,
    ports: Vec<(u16, u16, bool)>,
    environment: Vec<(Text, Text)>,
    depends_on: Vec<(Text, u8)>,
    health_check: Option<Text>,
    awslogs: Option<(Text, Text)>,
    ulimit: Option<(u8, i64, i64)>,
    gpu: Option<Text>,
    secret: Option<(Text, Text)>,
    start_timeout: Option<i64>,
    stop_timeout: Option<i64>,
}

#[derive(Arbitrary, Debug)]
struct TaskPlan {
    family: Text,
    containers: Vec<ContainerPlan>,
    network_mode: Option<u8>,
    fargate: Option<u8>,
    compatibilities: Vec<u8>,
    cpu: Option<Text>,
    memory: Option<Text>,
    task_role: Option<Text>,
    execution_role: Option<Text>,
    ephemeral_storage: Option<i64>,
    tags: Vec<(Text, Text)>,
}

#[derive(Arbitrary, Debug)]
struct CrossPlan {
    source: Text,
    destination: Text,
    region: Option<Text>,
    partition: Option<Text>,
    family: Option<Text>,
    container: Option<Text>,
    image: Option<Text>,
    cpu: Option<i64>,
    memory: Option<i64>,
    external_id: Option<Text>,
}

#[derive(Arbitrary, Debug)]
struct Plan {
    identity: Vec<IdentityPlan>,
    identity_doc: DocPlan,
    trust: Vec<TrustPlan>,
    trust_doc: DocPlan,
    trust_id: Option<String>,
    task: Option<TaskPlan>,
    cross: Option<CrossPlan>,
}

macro_rules! apply_common {
    ($s:expr, $c:expr) => {{
        let mut s = $s;
        let c = $c;
        if let Some(sid) = &c.sid {
            s = s.sid(sid.pick(SIDS));
        }
        for a in &c.actions {
            s = s.action(a.pick(ACTIONS));
        }
        for a in &c.not_actions {
            s = s.not_action(a.pick(ACTIONS));
        }
        if c.action_array {
            s = s.action_array();
        }
        for cond in &c.conditions {
            let op = cond.operator.pick(OPERATORS);
            let key = cond.key.pick(KEYS);
            if cond.array {
                s = s.condition_values(&op, &key, cond.values.iter().map(Value::get));
            } else {
                for v in &cond.values {
                    s = s.condition(&op, &key, v.get());
                }
            }
        }
        s
    }};
}

macro_rules! apply_doc {
    ($b:expr, $d:expr) => {{
        let mut b = $b;
        let d = $d;
        if let Some(v) = &d.version {
            b = b.version(&v.pick(&["2012-10-17", "2008-10-17", ""]));
        }
        if d.no_version {
            b = b.no_version();
        }
        if d.single {
            b = b.single_statement();
        }
        if let Some(q) = d.quota {
            b = b.size_quota(Some(usize::from(q)));
        }
        b
    }};
}

/// A built policy reads back equal, writes the same bytes, and has no
/// error finding under the options it was built with.
fn verify_policy(doc: &PolicyDocument, opts: CheckOptions) {
    let compact = doc.to_json_string();
    let read = PolicyDocument::from_json_str(&compact).expect("built document reads");
    assert_eq!(&read, doc, "built document does not read back equal");
    assert_eq!(read.to_json_string(), compact);
    let pretty = PolicyDocument::from_json_str(&doc.to_json_pretty()).expect("reads");
    assert_eq!(&pretty, doc);
    let findings = doc.check(&opts);
    assert!(
        !has_errors(&findings),
        "built document fails its own check: {findings:#?}\n{compact}"
    );
    assert_eq!(read.check(&opts), findings);
}

fn verify_task(td: &TaskDefinition) {
    let compact = td.to_json_string();
    let read = TaskDefinition::from_json_str(&compact).expect("built task definition reads");
    assert_eq!(read.to_json_string(), compact);
    assert_eq!(
        TaskDefinition::from_json_str(&read.to_json_pretty()).expect("reads"),
        read
    );
    assert_eq!(
        TaskDefinition::from_json_str(&td.to_json_pretty())
            .expect("reads")
            .to_json_string(),
        compact
    );
    let findings = td.check();
    assert!(
        !has_errors(&findings),
        "built task definition fails its own check: {findings:#?}\n{compact}"
    );
    assert_eq!(read.check(), findings);
}

fn container(p: &ContainerPlan) -> Option<ContainerDefinition> {
    let mut b = ContainerDefinition::builder(p.name.pick(NAMES), p.image.pick(IMAGES));
    if let Some(v) = p.cpu {
        b = b.cpu(v);
    }
    if let Some(v) = p.memory {
        b = b.memory(v);
    }
    if let Some(v) = p.memory_reservation {
        b = b.memory_reservation(v);
    }
    if let Some(v) = p.essential {
        b = b.essential(v);
    }
    for &(c, h, udp) in p.ports.iter().take(8) {
        let proto = if udp {
            TransportProtocol::Udp
        } else {
            TransportProtocol::Tcp
        };
        b = b.port_mapping(PortMapping::new(c, h, proto));
    }
    for (k, v) in p.environment.iter().take(8) {
        b = b.environment(k.pick(&["PATH", "A", ""]), v.pick(&["x", ""]));
    }
    for (n, c) in p.depends_on.iter().take(4) {
        let cond = [
            ContainerCondition::Start,
            ContainerCondition::Complete,
            ContainerCondition::Success,
            ContainerCondition::Healthy,
        ][usize::from(*c) % 4]
            .clone();
        b = b.depends_on(n.pick(NAMES), cond);
    }
    if let Some(h) = &p.health_check {
        b = b.health_check(HealthCheck::cmd_shell(
            h.pick(&["curl -f http://localhost/"]),
        ));
    }
    if let Some((g, r)) = &p.awslogs {
        b = b.log_configuration(LogConfiguration::awslogs(
            g.pick(&["/ecs/app"]),
            r.pick(REGIONS),
            "ecs",
        ));
    }
    if let Some((n, soft, hard)) = p.ulimit {
        let name =
            [UlimitName::Nofile, UlimitName::Core, UlimitName::Memlock][usize::from(n) % 3].clone();
        b = b.ulimit(name, soft, hard);
    }
    if let Some(g) = &p.gpu {
        b = b.resource_requirement(ResourceType::Gpu, g.pick(&["1", "0", "x"]));
    }
    if let Some((n, v)) = &p.secret {
        b = b.secret(
            n.pick(&["DB_PASSWORD"]),
            v.pick(&["arn:aws:ssm:us-east-1:444455556666:parameter/db"]),
        );
    }
    if let Some(v) = p.start_timeout {
        b = b.start_timeout(v);
    }
    if let Some(v) = p.stop_timeout {
        b = b.stop_timeout(v);
    }
    b.build().ok()
}

fn task(p: &TaskPlan) {
    let mut b = TaskDefinition::builder().family(p.family.pick(NAMES));
    for c in p.containers.iter().take(4) {
        match container(c) {
            Some(c) => {
                // A container that builds reads back with the same bytes.
                let text = serde_json::to_string(&c).unwrap();
                let td = TaskDefinition::from_json_str(&format!(
                    "{{\"containerDefinitions\":[{text}]}}"
                ))
                .expect("reads");
                assert_eq!(
                    td.to_json_string(),
                    format!("{{\"containerDefinitions\":[{text}]}}")
                );
                b = b.container(c);
            }
            None => return,
        }
    }
    if let Some(m) = p.network_mode {
        let mode = [
            NetworkMode::Awsvpc,
            NetworkMode::Bridge,
            NetworkMode::Host,
            NetworkMode::None,
        ][usize::from(m) % 4]
            .clone();
        b = b.network_mode(mode);
    }
    for c in &p.compatibilities {
        let c = [
            Compatibility::Ec2,
            Compatibility::Fargate,
            Compatibility::External,
            Compatibility::ManagedInstances,
        ][usize::from(*c) % 4]
            .clone();
        b = b.requires_compatibility(c);
    }
    if let Some(i) = p.fargate {
        let all = FargateSize::ALL;
        b = b.fargate(all[usize::from(i) % all.len()]);
    }
    if let Some(c) = &p.cpu {
        b = b.cpu(c.pick(&["256", "1 vCPU", "1024", "0"]));
    }
    if let Some(m) = &p.memory {
        b = b.memory(m.pick(&["512", "2 GB", "1000", "0"]));
    }
    for (role, set_task) in [(&p.task_role, true), (&p.execution_role, false)] {
        if let Some(r) = role {
            let text = r.pick(&[
                "arn:aws:iam::444455556666:role/my-ECS-task-role",
                "arn:aws:iam::444455556666:role/ecsTaskExecutionRole",
            ]);
            let Ok(arn) = RoleArn::parse(&text) else {
                continue;
            };
            b = if set_task {
                b.task_role_arn(arn)
            } else {
                b.execution_role_arn(arn)
            };
        }
    }
    if let Some(e) = p.ephemeral_storage {
        b = b.ephemeral_storage(e);
    }
    for (k, v) in p.tags.iter().take(4) {
        b = b.tag(k.pick(&["team", "aws:x", ""]), v.pick(&["a", ""]));
    }
    if let Ok(td) = b.build() {
        verify_task(&td);
    }
}

fn cross(p: &CrossPlan) {
    let mut b = CrossAccountSpec::builder()
        .source_account(&p.source.pick(ACCOUNTS))
        .destination_account(&p.destination.pick(ACCOUNTS));
    if let Some(r) = &p.region {
        b = b.region(&r.pick(REGIONS));
    }
    if let Some(r) = &p.partition {
        b = b.partition(&r.pick(&["aws", "aws-cn", "aws-us-gov", "x"]));
    }
    if let Some(f) = &p.family {
        b = b.family(f.pick(NAMES));
    }
    if let Some(f) = &p.container {
        b = b.container_name(f.pick(NAMES));
    }
    if let Some(f) = &p.image {
        b = b.image(f.pick(IMAGES));
    }
    if let Some(v) = p.cpu {
        b = b.container_cpu(v);
    }
    if let Some(v) = p.memory {
        b = b.container_memory(v);
    }
    if let Some(e) = &p.external_id {
        b = b.external_id(&e.pick(&["a-secret-id", "x"]));
    }
    let Ok(spec) = b.build() else {
        return;
    };
    let Ok(setup) = spec.generate() else {
        return;
    };
    verify_policy(&setup.task_role_trust_policy, CheckOptions::trust());
    verify_policy(&setup.task_role_identity_policy, CheckOptions::identity());
    verify_policy(&setup.destination_trust_policy, CheckOptions::trust());
    verify_task(&setup.task_definition);
}

fuzz_target!(|plan: Plan| {
    if !plan.identity.is_empty() {
        let mut b = apply_doc!(IdentityPolicy::builder(), &plan.identity_doc);
        for s in plan.identity.iter().take(8) {
            let mut st = if s.common.deny {
                IdentityStatement::deny()
            } else {
                IdentityStatement::allow()
            };
            st = apply_common!(st, &s.common);
            for r in &s.resources {
                st = st.resource(r.pick(RESOURCES));
            }
            for r in &s.not_resources {
                st = st.not_resource(r.pick(RESOURCES));
            }
            if s.resource_array {
                st = st.resource_array();
            }
            b = b.statement(st);
        }
        if let Ok(doc) = b.build() {
            let quota = plan.identity_doc.quota.map(usize::from);
            let opts = match plan.identity_doc.quota {
                Some(_) => CheckOptions::identity().size_quota(quota),
                None => CheckOptions::identity(),
            };
            verify_policy(&doc, opts);
        }
    }
    if !plan.trust.is_empty() {
        let mut b = apply_doc!(TrustPolicy::builder(), &plan.trust_doc);
        if let Some(id) = &plan.trust_id {
            b = b.id(id.clone());
        }
        for s in plan.trust.iter().take(8) {
            let mut st = if s.common.deny {
                TrustStatement::deny()
            } else {
                TrustStatement::allow()
            };
            st = apply_common!(st, &s.common);
            for p in &s.aws {
                st = st.principal_aws(p.pick(PRINCIPALS_AWS));
            }
            for p in &s.service {
                st = st.principal_service(p.pick(PRINCIPALS_SERVICE));
            }
            for p in &s.federated {
                st = st.principal_federated(p.pick(PRINCIPALS_FEDERATED));
            }
            if s.principal_array {
                st = st.principal_array();
            }
            if let Some(e) = &s.external_id {
                st = st.external_id(e.pick(&["a-secret-id", "x"]));
            }
            b = b.statement(st);
        }
        if let Ok(doc) = b.build() {
            let opts = match plan.trust_doc.quota {
                Some(q) => CheckOptions::trust().size_quota(Some(usize::from(q))),
                None => CheckOptions::trust(),
            };
            verify_policy(&doc, opts);
        }
    }
    if let Some(t) = &plan.task {
        task(t);
    }
    if let Some(c) = &plan.cross {
        cross(c);
    }
});
