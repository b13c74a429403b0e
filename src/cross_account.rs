//! The guide as one call: everything an ECS task in one account needs to
//! assume an IAM role in another account, generated together and checked
//! to agree.
//!
//! A [`CrossAccountSpec`] names the two accounts, the two roles, the task
//! and the CLI profile; [`CrossAccountSpec::generate`] gives the five
//! artifacts of a [`CrossAccountSetup`]:
//!
//! 1. the task role's trust policy (`ecs-tasks.amazonaws.com`, scoped with
//!    `aws:SourceAccount` and `aws:SourceArn`; the guide leaves it out, a
//!    real setup needs it);
//! 2. the task role's identity policy, in the guide's exact shape;
//! 3. the destination role's trust policy, in the guide's exact shape;
//! 4. the task definition, in the guide's exact shape;
//! 5. the AWS CLI profile with `credential_source = EcsContainer`.
//!
//! [`CrossAccountSetup::check`] runs each artifact's own checks and the
//! checks that only the whole can make (same partition, two accounts,
//! matching role ARNs, the external ID on both sides or neither). The
//! fields of a setup are public, so a setup assembled from files, or
//! edited after generation, is checked the same way.
//! [`CrossAccountSetup::verify`] answers the guide's verify step offline
//! (`iam_ecs::eval`): the task's session may assume the destination role,
//! and ECS may assume the task role for the source account's tasks only.
//!
//! ```
//! use iam_ecs::cross_account::CrossAccountSpec;
//!
//! # fn main() -> Result<(), iam_ecs::Error> {
//! let setup = CrossAccountSpec::builder()
//!     .source_account("111122223333")
//!     .destination_account("444455556666")
//!     .build()?
//!     .generate()?;
//! assert_eq!(
//!     setup.task_role_identity_policy.to_json_string(),
//!     r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/destination-account-role"}}"#
//! );
//! assert!(setup.check().iter().all(|f| !f.finding.is_error()));
//! # Ok(())
//! # }
//! ```

use crate::code::Code;
use crate::ecs::{ContainerDefinition, TaskDefinition};
use crate::error::Error;
use crate::finding::{Finding, Severity};
use crate::json::Pointer;
use crate::policy::{
    self, CheckOptions, ConditionValue, IdentityStatement, PolicyDocument, Principal, TrustPolicy,
    TrustStatement,
};
use crate::profile::{CliProfile, ExternalId, ProfileName, RoleSessionName, SessionDuration};
use crate::{AccountId, Partition, Region, RoleArn, RoleName, RolePath};
use std::fmt;

/// The five documents of a cross-account setup, as named in findings and
/// written by `iam-ecs cross-account --out DIR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Artifact {
    /// The task role's trust policy.
    TaskRoleTrustPolicy,
    /// The task role's identity policy.
    TaskRoleIdentityPolicy,
    /// The destination role's trust policy.
    DestinationTrustPolicy,
    /// The task definition.
    TaskDefinition,
    /// The AWS CLI config profile.
    CliProfile,
}

impl Artifact {
    /// All five, in the order the guide uses them (with the task role's
    /// trust policy first).
    pub const ALL: [Artifact; 5] = [
        Artifact::TaskRoleTrustPolicy,
        Artifact::TaskRoleIdentityPolicy,
        Artifact::DestinationTrustPolicy,
        Artifact::TaskDefinition,
        Artifact::CliProfile,
    ];

    /// The file name used for it: `task-role-trust-policy.json`,
    /// `task-role-identity-policy.json`, `destination-trust-policy.json`,
    /// `task-definition.json`, `aws-config`.
    pub const fn file_name(self) -> &'static str {
        match self {
            Artifact::TaskRoleTrustPolicy => "task-role-trust-policy.json",
            Artifact::TaskRoleIdentityPolicy => "task-role-identity-policy.json",
            Artifact::DestinationTrustPolicy => "destination-trust-policy.json",
            Artifact::TaskDefinition => "task-definition.json",
            Artifact::CliProfile => "aws-config",
        }
    }
}

impl fmt::Display for Artifact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// A finding about one artifact of a [`CrossAccountSetup`]; the finding's
/// path is a JSON Pointer into that artifact (for the CLI profile, `""`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ArtifactFinding {
    /// Which document the finding is about.
    pub artifact: Artifact,
    /// The finding.
    pub finding: Finding,
}

impl fmt::Display for ArtifactFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.artifact, self.finding)
    }
}

/// What a cross-account setup is made from. Every value is validated when
/// it is given; [`CrossAccountSpec::builder`] fills in the guide's names
/// for everything but the two accounts.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CrossAccountSpec {
    partition: Partition,
    region: Option<Region>,
    source_account: AccountId,
    task_role_name: RoleName,
    task_role_path: RolePath,
    destination_account: AccountId,
    destination_role_name: RoleName,
    destination_role_path: RolePath,
    family: String,
    container_name: String,
    image: String,
    container_cpu: i64,
    container_memory: i64,
    profile_name: ProfileName,
    external_id: Option<ExternalId>,
    role_session_name: Option<RoleSessionName>,
    duration_seconds: Option<SessionDuration>,
}

impl CrossAccountSpec {
    /// A builder with the guide's names: task role `my-ECS-task-role`,
    /// destination role `destination-account-role` (both at path `/`),
    /// family `verify-assume-cross-account-role`, container `test` running
    /// `your-test-image` with cpu 100 and memory 200, profile
    /// `cross-account`, partition `aws`. The two accounts have no default.
    pub fn builder() -> CrossAccountSpecBuilder {
        CrossAccountSpecBuilder::default()
    }

    /// The guide's scenario with the documentation example accounts
    /// `111122223333` (source) and `444455556666` (destination) in place of
    /// the guide's invalid 16-digit ones.
    pub fn guide_example() -> CrossAccountSpec {
        let mut b = CrossAccountSpec::builder();
        b.source_account = Some(Ok(AccountId::from_static("111122223333")));
        b.destination_account = Some(Ok(AccountId::from_static("444455556666")));
        b.spec().expect("the guide's example values are valid")
    }

    /// The task role's ARN, `arn:PARTITION:iam::SOURCE:role/PATH/NAME`.
    pub fn task_role_arn(&self) -> RoleArn {
        RoleArn::new(
            self.partition,
            self.source_account.clone(),
            self.task_role_path.clone(),
            self.task_role_name.clone(),
        )
    }

    /// The destination role's ARN.
    pub fn destination_role_arn(&self) -> RoleArn {
        RoleArn::new(
            self.partition,
            self.destination_account.clone(),
            self.destination_role_path.clone(),
            self.destination_role_name.clone(),
        )
    }

    /// The partition both accounts are in.
    pub fn partition(&self) -> Partition {
        self.partition
    }

    /// The source account (where the task runs).
    pub fn source_account(&self) -> &AccountId {
        &self.source_account
    }

    /// The destination account (which owns the role the task assumes).
    pub fn destination_account(&self) -> &AccountId {
        &self.destination_account
    }

    /// Produces the five artifacts.
    ///
    /// # Errors
    /// [`Error::Build`] when the container or task definition cannot be
    /// built from the given family, name, image, cpu and memory (for
    /// example memory below 6 MiB), naming the field.
    pub fn generate(&self) -> Result<CrossAccountSetup, Error> {
        self.generate_parts().map(|(setup, _)| setup)
    }

    /// As [`generate`](Self::generate), and also the setup's findings:
    /// the same list as [`CrossAccountSetup::check`] on the result (no
    /// errors for a setup generated from a valid spec), taken from the
    /// checks the builders run rather than checking the documents again.
    ///
    /// ```
    /// use iam_ecs::cross_account::CrossAccountSpec;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let spec = CrossAccountSpec::guide_example();
    /// let (setup, findings) = spec.generate_with_findings()?;
    /// assert_eq!(findings, setup.check());
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// As [`generate`](Self::generate).
    pub fn generate_with_findings(
        &self,
    ) -> Result<(CrossAccountSetup, Vec<ArtifactFinding>), Error> {
        let (setup, [identity, destination, task_definition]) = self.generate_parts()?;
        let trust = setup.task_role_trust_policy.check(&CheckOptions::trust());
        let out = setup.with_cross_check([trust, identity, destination, task_definition]);
        Ok((setup, out))
    }

    /// The setup, and the findings of the identity policy, the
    /// destination trust policy and the task definition from their
    /// builders.
    fn generate_parts(&self) -> Result<(CrossAccountSetup, [Vec<Finding>; 3]), Error> {
        let task_role = self.task_role_arn();
        let destination_role = self.destination_role_arn();

        let task_role_trust_policy =
            policy::ecs_task_role_trust(self.partition, &self.source_account, self.region.as_ref());

        let (task_role_identity_policy, identity_findings) = policy::IdentityPolicy::builder()
            .statement(
                IdentityStatement::allow()
                    .action("sts:AssumeRole")
                    .resource(&destination_role),
            )
            .single_statement()
            .build_with_findings()?;

        let mut trust = TrustStatement::allow()
            .principal_aws(&task_role)
            .action("sts:AssumeRole");
        if let Some(id) = &self.external_id {
            trust = trust.external_id(id);
        }
        let (destination_trust_policy, destination_findings) = TrustPolicy::builder()
            .statement(trust)
            .build_with_findings()?;

        let container = ContainerDefinition::builder(&self.container_name, &self.image)
            .cpu(self.container_cpu)
            .memory(self.container_memory)
            .essential(true)
            .build()?;
        let (task_definition, task_definition_findings) = TaskDefinition::builder()
            .container(container)
            .family(&self.family)
            .task_role_arn(task_role)
            .build_with_findings()?;

        let mut profile = CliProfile::builder(self.profile_name.as_str(), destination_role);
        if let Some(id) = &self.external_id {
            profile = profile.external_id(id.clone());
        }
        if let Some(name) = &self.role_session_name {
            profile = profile.role_session_name(name.clone());
        }
        if let Some(d) = self.duration_seconds {
            profile = profile.duration_seconds(d);
        }

        let setup = CrossAccountSetup {
            task_role_trust_policy,
            task_role_identity_policy,
            destination_trust_policy,
            task_definition,
            cli_profile: profile.build()?,
        };
        Ok((
            setup,
            [
                identity_findings,
                destination_findings,
                task_definition_findings,
            ],
        ))
    }
}

/// Builds a [`CrossAccountSpec`]. Setters take text and parse it; the first
/// invalid value is kept and returned by [`build`](Self::build), naming the
/// field.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct CrossAccountSpecBuilder {
    partition: Option<Result<Partition, Error>>,
    region: Option<Result<Region, Error>>,
    source_account: Option<Result<AccountId, Error>>,
    task_role_name: Option<Result<RoleName, Error>>,
    task_role_path: Option<Result<RolePath, Error>>,
    destination_account: Option<Result<AccountId, Error>>,
    destination_role_name: Option<Result<RoleName, Error>>,
    destination_role_path: Option<Result<RolePath, Error>>,
    family: Option<String>,
    container_name: Option<String>,
    image: Option<String>,
    container_cpu: Option<i64>,
    container_memory: Option<i64>,
    profile_name: Option<Result<ProfileName, Error>>,
    external_id: Option<Result<ExternalId, Error>>,
    role_session_name: Option<Result<RoleSessionName, Error>>,
    duration_seconds: Option<Result<SessionDuration, Error>>,
}

macro_rules! parsed_setters {
    ($($(#[$m:meta])* $name:ident: $ty:ty;)*) => {$(
        $(#[$m])*
        pub fn $name(mut self, value: &str) -> Self {
            self.$name = Some(value.parse::<$ty>());
            self
        }
    )*};
}

impl CrossAccountSpecBuilder {
    parsed_setters! {
        /// The partition of both accounts (default `aws`).
        partition: Partition;
        /// The region the task runs in, which scopes the task role's
        /// `aws:SourceArn` condition (default: every region, `*`).
        region: Region;
        /// The account that runs the task. Required.
        source_account: AccountId;
        /// The task role's name (default `my-ECS-task-role`).
        task_role_name: RoleName;
        /// The task role's path (default `/`).
        task_role_path: RolePath;
        /// The account that owns the role to assume. Required.
        destination_account: AccountId;
        /// The destination role's name (default `destination-account-role`).
        destination_role_name: RoleName;
        /// The destination role's path (default `/`).
        destination_role_path: RolePath;
        /// The CLI profile name (default `cross-account`).
        profile_name: ProfileName;
        /// An external ID required by the destination role's trust policy
        /// (`sts:ExternalId`) and passed by the CLI profile.
        external_id: ExternalId;
        /// The CLI profile's `role_session_name`.
        role_session_name: RoleSessionName;
        /// The CLI profile's `duration_seconds`, 900 to 43200.
        duration_seconds: SessionDuration;
    }

    /// The task definition family (default
    /// `verify-assume-cross-account-role`).
    pub fn family(mut self, family: impl Into<String>) -> Self {
        self.family = Some(family.into());
        self
    }

    /// The container name (default `test`).
    pub fn container_name(mut self, name: impl Into<String>) -> Self {
        self.container_name = Some(name.into());
        self
    }

    /// The container image (default `your-test-image`).
    pub fn image(mut self, image: impl Into<String>) -> Self {
        self.image = Some(image.into());
        self
    }

    /// The container's CPU units (default 100).
    pub fn container_cpu(mut self, cpu: i64) -> Self {
        self.container_cpu = Some(cpu);
        self
    }

    /// The container's memory hard limit in MiB (default 200).
    pub fn container_memory(mut self, mib: i64) -> Self {
        self.container_memory = Some(mib);
        self
    }

    fn spec(self) -> Result<CrossAccountSpec, Error> {
        fn field<T>(
            value: Option<Result<T, Error>>,
            name: &'static str,
            default: impl FnOnce() -> Option<T>,
        ) -> Result<T, Error> {
            match value {
                Some(Ok(v)) => Ok(v),
                Some(Err(e)) => Err(spec_error(name, &e)),
                None => default().ok_or_else(|| {
                    Error::build("CrossAccountSpec", name, "required, but not given")
                }),
            }
        }
        fn optional<T>(
            value: Option<Result<T, Error>>,
            name: &'static str,
        ) -> Result<Option<T>, Error> {
            value.transpose().map_err(|e| spec_error(name, &e))
        }
        Ok(CrossAccountSpec {
            partition: field(self.partition, "partition", || Some(Partition::Aws))?,
            region: optional(self.region, "region")?,
            source_account: field(self.source_account, "source_account", || None)?,
            task_role_name: field(self.task_role_name, "task_role_name", || {
                Some(RoleName::from_static("my-ECS-task-role"))
            })?,
            task_role_path: field(self.task_role_path, "task_role_path", || {
                Some(RolePath::ROOT)
            })?,
            destination_account: field(self.destination_account, "destination_account", || None)?,
            destination_role_name: field(
                self.destination_role_name,
                "destination_role_name",
                || Some(RoleName::from_static("destination-account-role")),
            )?,
            destination_role_path: field(
                self.destination_role_path,
                "destination_role_path",
                || Some(RolePath::ROOT),
            )?,
            family: self
                .family
                .unwrap_or_else(|| "verify-assume-cross-account-role".to_owned()),
            container_name: self.container_name.unwrap_or_else(|| "test".to_owned()),
            image: self.image.unwrap_or_else(|| "your-test-image".to_owned()),
            container_cpu: self.container_cpu.unwrap_or(100),
            container_memory: self.container_memory.unwrap_or(200),
            profile_name: field(self.profile_name, "profile_name", || {
                ProfileName::parse("cross-account").ok()
            })?,
            external_id: optional(self.external_id, "external_id")?,
            role_session_name: optional(self.role_session_name, "role_session_name")?,
            duration_seconds: optional(self.duration_seconds, "duration_seconds")?,
        })
    }

    /// The specification.
    ///
    /// # Errors
    /// [`Error::Build`] naming the field:
    /// - a value that did not parse (`source_account("1111222233334444")`:
    ///   16 digits), or a missing account;
    /// - the same account on both sides: that is not a cross-account setup
    ///   (a role in the same account is trusted through its own policies);
    /// - a region outside the partition (`cn-north-1` with `aws`).
    pub fn build(self) -> Result<CrossAccountSpec, Error> {
        let spec = self.spec()?;
        if spec.source_account == spec.destination_account {
            return Err(Error::build(
                "CrossAccountSpec",
                "destination_account",
                format!(
                    "expected an account other than the source account {}, found the same: that is not a cross-account setup",
                    spec.source_account
                ),
            ));
        }
        if let Some(region) = &spec.region {
            if region.partition() != spec.partition {
                return Err(Error::build(
                    "CrossAccountSpec",
                    "region",
                    format!(
                        "expected a region of partition {}, found {region} (partition {})",
                        spec.partition,
                        region.partition()
                    ),
                ));
            }
        }
        Ok(spec)
    }
}

/// The [`Error::Build`] for a value of field `name` that did not parse:
/// the parse error's message as the reason, and its code.
fn spec_error(name: &'static str, e: &Error) -> Error {
    Error::build("CrossAccountSpec", name, e.to_string()).with_code(e.code())
}

/// The five artifacts of a cross-account setup; see the module docs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossAccountSetup {
    /// The task role's trust policy: `ecs-tasks.amazonaws.com` may assume
    /// it, for tasks of the source account only.
    pub task_role_trust_policy: PolicyDocument,
    /// The task role's identity policy: `sts:AssumeRole` on the
    /// destination role.
    pub task_role_identity_policy: PolicyDocument,
    /// The destination role's trust policy: the task role may assume it.
    pub destination_trust_policy: PolicyDocument,
    /// The task definition whose `taskRoleArn` is the task role.
    pub task_definition: TaskDefinition,
    /// The profile the container uses to assume the destination role.
    pub cli_profile: CliProfile,
}

impl CrossAccountSetup {
    /// The artifact's text as written to its file: pretty JSON with a
    /// final newline, or the profile section.
    pub fn render(&self, artifact: Artifact) -> String {
        match artifact {
            Artifact::TaskRoleTrustPolicy => self.task_role_trust_policy.to_json_pretty() + "\n",
            Artifact::TaskRoleIdentityPolicy => {
                self.task_role_identity_policy.to_json_pretty() + "\n"
            }
            Artifact::DestinationTrustPolicy => {
                self.destination_trust_policy.to_json_pretty() + "\n"
            }
            Artifact::TaskDefinition => self.task_definition.to_json_pretty() + "\n",
            Artifact::CliProfile => self.cli_profile.to_string(),
        }
    }

    /// The AWS CLI commands that apply the setup, as a shell script that
    /// reads the artifacts from `dir` (as written by `iam-ecs
    /// cross-account --out DIR`): create the task role with its trust
    /// policy and identity policy in the source account, set the
    /// destination role's trust policy in the destination account,
    /// register the task definition, and, inside the running container,
    /// install the profile and verify with `aws sts get-caller-identity`.
    ///
    /// Every option is spelled with two ASCII hyphens (the guide prints
    /// `—cli-input-json` with an em dash, which the CLI does not accept).
    pub fn commands(&self, dir: &str) -> String {
        let file = |a: Artifact| format!("file://{dir}/{}", a.file_name());
        let task_role = self
            .task_definition
            .task_role_arn
            .as_deref()
            .and_then(|t| RoleArn::parse(t).ok());
        let destination = self.cli_profile.role_arn();
        let mut out = String::new();
        if let Some(role) = &task_role {
            out += &format!(
                "# In the source account {}: the task role, its trust and identity policies
",
                role.account()
            );
            out += &format!(
                "aws iam create-role --role-name {}{} --assume-role-policy-document {}
",
                role.name(),
                path_option(role),
                file(Artifact::TaskRoleTrustPolicy)
            );
            out += &format!(
                "aws iam put-role-policy --role-name {} --policy-name assume-{} --policy-document {}

",
                role.name(),
                destination.name(),
                file(Artifact::TaskRoleIdentityPolicy)
            );
        }
        out += &format!(
            "# In the destination account {}: the role's trust policy (this replaces it: merge in statements it already has)
",
            destination.account()
        );
        out += &format!(
            "aws iam update-assume-role-policy --role-name {} --policy-document {}

",
            destination.name(),
            file(Artifact::DestinationTrustPolicy)
        );
        out += "# In the source account: register the task definition, then run a task from it
";
        out += &format!(
            "aws ecs register-task-definition --cli-input-json {}

",
            file(Artifact::TaskDefinition)
        );
        out += "# Inside the running container (docker exec on EC2, ECS Exec on Fargate)
";
        out += &format!(
            "cat {dir}/{} >> ~/.aws/config
",
            Artifact::CliProfile.file_name()
        );
        out += "aws sts get-caller-identity
";
        out += &format!(
            "aws sts get-caller-identity --profile {}
",
            self.cli_profile.name()
        );
        out
    }

    /// Every artifact's own findings (trust policies checked as trust
    /// policies, the identity policy as an identity policy, the task
    /// definition's checks), then [`cross_check`](Self::cross_check).
    pub fn check(&self) -> Vec<ArtifactFinding> {
        self.with_cross_check([
            self.task_role_trust_policy.check(&CheckOptions::trust()),
            self.task_role_identity_policy
                .check(&CheckOptions::identity()),
            self.destination_trust_policy.check(&CheckOptions::trust()),
            self.task_definition.check(),
        ])
    }

    /// The findings of the task role trust policy, the identity policy,
    /// the destination trust policy and the task definition (in that
    /// order), each tagged with its artifact, then the cross-checks.
    fn with_cross_check(&self, own: [Vec<Finding>; 4]) -> Vec<ArtifactFinding> {
        let artifacts = [
            Artifact::TaskRoleTrustPolicy,
            Artifact::TaskRoleIdentityPolicy,
            Artifact::DestinationTrustPolicy,
            Artifact::TaskDefinition,
        ];
        let mut out: Vec<ArtifactFinding> = artifacts
            .into_iter()
            .zip(own)
            .flat_map(|(artifact, findings)| {
                findings
                    .into_iter()
                    .map(move |finding| ArtifactFinding { artifact, finding })
            })
            .collect();
        out.extend(self.cross_check());
        out
    }

    /// The checks only the whole setup can make, all errors:
    /// - `cross-account-task-role`: the task definition names no task role,
    ///   or one that is not a valid role ARN;
    /// - `cross-account-partition-mismatch`: the task role and the
    ///   destination role are in different partitions (AWS cannot delegate
    ///   across partitions);
    /// - `cross-account-same-account`: both roles are in one account;
    /// - `cross-account-resource-mismatch`: the identity policy does not
    ///   allow `sts:AssumeRole` on the profile's `role_arn`;
    /// - `cross-account-principal-mismatch`: the destination trust policy
    ///   does not name the task definition's `taskRoleArn`;
    /// - `cross-account-task-role-trust`: the task role's trust policy does
    ///   not let `ecs-tasks.amazonaws.com` assume it, or scopes it to
    ///   another account;
    /// - `cross-account-external-id-mismatch`: the external ID is on one
    ///   side only, or differs.
    pub fn cross_check(&self) -> Vec<ArtifactFinding> {
        let mut out = Vec::new();
        let mut push = |artifact: Artifact, code: Code, path: Pointer, message: String| {
            out.push(ArtifactFinding {
                artifact,
                finding: Finding::new(Severity::Error, code, path, message),
            })
        };
        let task_role_ptr = Pointer::root().key("taskRoleArn");
        let destination = self.cli_profile.role_arn();
        let task_role = match self.task_definition.task_role_arn.as_deref() {
            None => {
                push(
                    Artifact::TaskDefinition,
                    Code::CrossAccountTaskRole,
                    task_role_ptr.clone(),
                    "expected a taskRoleArn naming the task role, found none".into(),
                );
                None
            }
            Some(text) => match RoleArn::parse(text) {
                Ok(arn) => Some(arn),
                Err(e) => {
                    push(
                        Artifact::TaskDefinition,
                        Code::CrossAccountTaskRole,
                        task_role_ptr.clone(),
                        format!("expected the task role's full ARN: {e}"),
                    );
                    None
                }
            },
        };
        if let Some(task_role) = &task_role {
            if task_role.partition() != destination.partition() {
                push(
                    Artifact::TaskDefinition,
                    Code::CrossAccountPartitionMismatch,
                    task_role_ptr.clone(),
                    format!(
                        "the task role is in partition {} and the destination role {destination} in partition {}: AWS cannot delegate access across partitions",
                        task_role.partition(),
                        destination.partition()
                    ),
                );
            }
            if task_role.account() == destination.account() {
                push(
                    Artifact::TaskDefinition,
                    Code::CrossAccountSameAccount,
                    task_role_ptr.clone(),
                    format!(
                        "expected the task role and the destination role in two different accounts, found both in {}: that is not a cross-account setup",
                        task_role.account()
                    ),
                );
            }
        }

        // The identity policy must allow sts:AssumeRole on the destination.
        let allows_destination = self.task_role_identity_policy.statements().iter().any(|s| {
            s.effect == Some(policy::Effect::Allow)
                && s.action
                    .as_ref()
                    .is_some_and(|a| a.iter().any(|a| a.eq_ignore_ascii_case("sts:AssumeRole")))
                && s.resource
                    .as_ref()
                    .is_some_and(|r| r.iter().any(|r| r == destination.as_str()))
        });
        if !allows_destination {
            push(
                Artifact::TaskRoleIdentityPolicy,
                Code::CrossAccountResourceMismatch,
                Pointer::root().key("Statement"),
                format!(
                    "expected a statement allowing sts:AssumeRole on the destination role {destination} (the CLI profile's role_arn), found none"
                ),
            );
        }

        // The destination trust policy must name the task role.
        if let Some(task_role) = &task_role {
            let names_task_role = self.destination_trust_policy.statements().iter().any(|s| {
                s.effect == Some(policy::Effect::Allow)
                    && aws_principals(s).any(|p| p == task_role.as_str())
            });
            if !names_task_role {
                push(
                    Artifact::DestinationTrustPolicy,
                    Code::CrossAccountPrincipalMismatch,
                    Pointer::root().key("Statement"),
                    format!(
                        "expected a statement trusting the task definition's taskRoleArn {task_role} in Principal.AWS, found none"
                    ),
                );
            }
        }

        // The task role's trust policy must let ECS tasks of the source
        // account assume it.
        if let Some(task_role) = &task_role {
            let account = task_role.account().as_str();
            let ok = self.task_role_trust_policy.statements().iter().any(|s| {
                s.effect == Some(policy::Effect::Allow)
                    && service_principals(s).any(|p| p.starts_with("ecs-tasks.amazonaws.com"))
                    && condition_values(s, "aws:SourceAccount").all(|v| v == account)
            });
            if !ok {
                push(
                    Artifact::TaskRoleTrustPolicy,
                    Code::CrossAccountTaskRoleTrust,
                    Pointer::root().key("Statement"),
                    format!(
                        "expected a statement letting ecs-tasks.amazonaws.com assume the task role for account {account}, found none"
                    ),
                );
            }
        }

        // The external ID: both sides or neither, and equal.
        let trust_ids: Vec<&str> = self
            .destination_trust_policy
            .statements()
            .iter()
            .flat_map(|s| condition_values(s, "sts:ExternalId"))
            .collect();
        match (self.cli_profile.external_id(), trust_ids.as_slice()) {
            (None, []) => {}
            (Some(id), ids) if ids.contains(&id.as_str()) => {}
            (Some(id), []) => push(
                Artifact::DestinationTrustPolicy,
                Code::CrossAccountExternalIdMismatch,
                Pointer::root().key("Statement"),
                format!(
                    "the CLI profile passes external_id {:?}, but the destination trust policy has no sts:ExternalId condition: add it, or drop it from the profile",
                    id.as_str()
                ),
            ),
            (Some(id), ids) => push(
                Artifact::CliProfile,
                Code::CrossAccountExternalIdMismatch,
                Pointer::root(),
                format!(
                    "the CLI profile passes external_id {:?}, but the destination trust policy expects {ids:?}",
                    id.as_str()
                ),
            ),
            (None, ids) => push(
                Artifact::CliProfile,
                Code::CrossAccountExternalIdMismatch,
                Pointer::root(),
                format!(
                    "the destination trust policy requires sts:ExternalId {ids:?}, but the CLI profile has no external_id: assuming the role would be denied"
                ),
            ),
        }
        out
    }
}

/// ` --path /a/b/` for a role with a path, nothing for `/`.
fn path_option(role: &RoleArn) -> String {
    if role.path().as_str() == "/" {
        String::new()
    } else {
        format!(" --path {}", role.path())
    }
}

fn aws_principals(s: &policy::Statement) -> impl Iterator<Item = &str> {
    let map = match &s.principal {
        Some(Principal::Map(m)) => m.aws.as_ref(),
        _ => None,
    };
    map.into_iter().flat_map(|v| v.iter().map(String::as_str))
}

fn service_principals(s: &policy::Statement) -> impl Iterator<Item = &str> {
    let map = match &s.principal {
        Some(Principal::Map(m)) => m.service.as_ref(),
        _ => None,
    };
    map.into_iter().flat_map(|v| v.iter().map(String::as_str))
}

/// The values of condition key `key` (compared case-insensitively, as IAM
/// does) under any operator of statement `s`.
fn condition_values<'a>(s: &'a policy::Statement, key: &'a str) -> impl Iterator<Item = &'a str> {
    s.condition.iter().flat_map(move |c| {
        c.iter().flat_map(move |(_, block)| {
            block
                .iter()
                .filter(move |(k, _)| k.eq_ignore_ascii_case(key))
                .flat_map(|(_, values)| values.iter().map(ConditionValue::text))
        })
    })
}
