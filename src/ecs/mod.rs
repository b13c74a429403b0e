//! Amazon ECS task definitions: the complete `RegisterTaskDefinition`
//! model, read and written losslessly, built with typed builders, and
//! checked offline.
//!
//! - [`TaskDefinition`] is the `RegisterTaskDefinition` input (the file
//!   given to `aws ecs register-task-definition --cli-input-json`), with
//!   every member of the botocore model and of every shape reachable from
//!   it ([`ContainerDefinition`], [`PortMapping`], [`Volume`], ...).
//! - Reading keeps everything: key order at every level, number spelling,
//!   unknown members (reported by `check` as warnings) and duplicate keys;
//!   writing gives the same bytes back, up to insignificant whitespace.
//! - Every document type parses with `parse`, displays as its JSON
//!   (`{:#}` for pretty) and deserializes exactly with serde_json;
//!   [`TaskDefinition::containers_mut`] and
//!   [`TaskDefinition::push_container`] edit one that was read.
//! - [`DescribedTaskDefinition`] reads `describe-task-definition` output
//!   and [`into_register_input`](DescribedTaskDefinition::into_register_input)
//!   drops its read-only members; [`Document`] reads either kind.
//! - [`TaskDefinition::check`] reports what ECS would reject (rules and
//!   sources in `RULES.md` section 5; codes in `docs/checks.md`).
//!
//! ```
//! use iam_ecs::ecs::{ContainerDefinition, TaskDefinition};
//! use iam_ecs::RoleArn;
//!
//! # fn main() -> Result<(), iam_ecs::Error> {
//! let td = TaskDefinition::builder()
//!     .container(
//!         ContainerDefinition::builder("test", "your-test-image")
//!             .cpu(100)
//!             .memory(200)
//!             .essential(true)
//!             .build()?,
//!     )
//!     .family("verify-assume-cross-account-role")
//!     .task_role_arn(RoleArn::parse("arn:aws:iam::111122223333:role/my-ECS-task-role")?)
//!     .build()?;
//! assert_eq!(
//!     td.to_json_string(),
//!     r#"{"containerDefinitions":[{"name":"test","image":"your-test-image","cpu":100,"memory":200,"essential":true}],"family":"verify-assume-cross-account-role","taskRoleArn":"arn:aws:iam::111122223333:role/my-ECS-task-role"}"#,
//! );
//!
//! // The guide's own file has a 16-digit account.
//! let guide = TaskDefinition::from_json_str(&td.to_json_string().replace("111122223333", "1111222233334444"))?;
//! let findings = guide.check();
//! assert_eq!(findings[0].path, "/taskRoleArn");
//! assert!(findings[0].message.contains("expected 12 digits, found 16"));
//! # Ok(())
//! # }
//! ```

mod builder;
pub(crate) mod check;
mod described;
mod model;
mod size;
mod vocab;

pub use builder::{ContainerDefinitionBuilder, TaskDefinitionBuilder};
pub use described::{
    Attribute, DescribedTaskDefinition, Document, RegisteredTaskDefinition, TaskDefinitionKind,
    READ_ONLY_KEYS,
};
pub use model::{
    ContainerDefinition, ContainerDependency, ContainerRestartPolicy, Device,
    DockerVolumeConfiguration, EfsAuthorizationConfig, EfsVolumeConfiguration, EnvironmentFile,
    EphemeralStorage, FirelensConfiguration, FsxWindowsFileServerAuthorizationConfig,
    FsxWindowsFileServerVolumeConfiguration, HealthCheck, HostEntry, HostVolumeProperties,
    InferenceAccelerator, KernelCapabilities, KeyValuePair, LinuxParameters, LogConfiguration,
    MountPoint, PortMapping, ProxyConfiguration, RepositoryCredentials, ResourceRequirement,
    RuntimePlatform, S3FilesVolumeConfiguration, Secret, SystemControl, Tag, TaskDefinition,
    TaskDefinitionPlacementConstraint, Tmpfs, Ulimit, Volume, VolumeFrom,
};
pub use size::{parse_cpu, parse_memory, FargateSize};
pub use vocab::{
    ApplicationProtocol, Compatibility, ContainerCondition, CpuArchitecture,
    DeviceCgroupPermission, EfsAuthorizationConfigIam, EfsTransitEncryption, EnvironmentFileType,
    FirelensConfigurationType, IpcMode, LogDriver, NetworkMode, OsFamily, PidMode,
    PlacementConstraintType, ProxyConfigurationType, ResourceType, Scope, TargetType,
    TaskDefinitionStatus, TransportProtocol, UlimitName, VersionConsistency,
};

use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::json::de::document_traits;
use crate::json::{Json, Object};

/// The object of a document, or an error naming what was found instead.
pub(crate) fn object_of(json: Json) -> Result<Object> {
    match json {
        Json::Object(o) => Ok(o),
        other => Err(Error::Shape {
            expected: "an object",
            found: other.type_name(),
        }),
    }
}

impl TaskDefinition {
    /// A builder for a task definition; see [`TaskDefinitionBuilder`].
    pub fn builder() -> TaskDefinitionBuilder {
        TaskDefinitionBuilder::new()
    }

    /// Reads a `RegisterTaskDefinition` input. Every object reads: members
    /// that do not fit the model are kept as written and reported by
    /// [`check`](Self::check).
    ///
    /// # Errors
    /// [`Error::Json`] for text that is not JSON (`{"family":}`, a
    /// trailing comma) or whose top level is not an object (`[]`).
    pub fn from_json_str(text: &str) -> Result<Self> {
        crate::json::record::read_document(text, "an object")
    }

    /// Reads a `RegisterTaskDefinition` input from UTF-8 bytes.
    ///
    /// # Errors
    /// As [`TaskDefinition::from_json_str`], and for bytes that are not
    /// UTF-8.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        Self::from_json_str(crate::json::parse::utf8(bytes)?)
    }

    /// Reads a parsed JSON value.
    ///
    /// # Errors
    /// [`Error::Shape`] when `json` is not an object.
    pub fn from_json(json: Json) -> Result<Self> {
        Ok(Self::from_object(object_of(json)?))
    }

    /// The task definition as compact JSON: exactly the bytes read (minus
    /// insignificant whitespace), or for a built one, the members in
    /// declaration order.
    pub fn to_json_string(&self) -> String {
        crate::json::to_compact(self)
    }

    /// The task definition as serde_json's pretty JSON (two-space indent),
    /// the same as `serde_json::to_string_pretty(&td)`.
    pub fn to_json_pretty(&self) -> String {
        crate::json::to_pretty(self)
    }

    /// What ECS would reject, and what it would accept but probably not as
    /// meant, in document order. Deterministic; never panics.
    ///
    /// ```
    /// use iam_ecs::ecs::TaskDefinition;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let td = TaskDefinition::from_json_str(
    ///     r#"{"family":"f","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc",
    ///        "cpu":"256","memory":"1000","containerDefinitions":[{"name":"app","image":"nginx"}]}"#,
    /// )?;
    /// let lines: Vec<String> = td.check().iter().map(ToString::to_string).collect();
    /// assert_eq!(lines, [
    ///     "error[fargate-size] /cpu: cpu \"256\" (256 CPU units) with memory \"1000\" (1000 MiB) \
    ///      is not a Fargate task size: 256 CPU units allow 512, 1024 or 2048 MiB",
    /// ]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn check(&self) -> Vec<Finding> {
        check::task_definition(self)
    }

    /// The container named `name`, if any.
    pub fn container(&self, name: &str) -> Option<&ContainerDefinition> {
        self.container_definitions
            .iter()
            .flatten()
            .find(|c| c.name.as_deref() == Some(name))
    }

    /// The container named `name`, to change in place, if any.
    pub fn container_mut(&mut self, name: &str) -> Option<&mut ContainerDefinition> {
        self.containers_mut()
            .iter_mut()
            .find(|c| c.name.as_deref() == Some(name))
    }

    /// The containers (`containerDefinitions`), in order; empty when the
    /// member is absent or kept raw (its value does not fit the model).
    pub fn containers(&self) -> &[ContainerDefinition] {
        self.container_definitions.as_deref().unwrap_or_default()
    }

    /// The containers, to change in place (empty when absent or kept
    /// raw). A changed member stays where it was written; a member set
    /// that was not there is written after the container's other members.
    ///
    /// ```
    /// use iam_ecs::ecs::TaskDefinition;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut td: TaskDefinition = r#"{"family":"f","containerDefinitions":[{"image":"nginx:1.26","name":"web"}]}"#.parse()?;
    /// for c in td.containers_mut() {
    ///     c.image = Some("nginx:1.27".to_owned());
    ///     c.essential = Some(true);
    /// }
    /// assert_eq!(
    ///     td.to_string(),
    ///     r#"{"family":"f","containerDefinitions":[{"image":"nginx:1.27","name":"web","essential":true}]}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    pub fn containers_mut(&mut self) -> &mut [ContainerDefinition] {
        self.container_definitions
            .as_deref_mut()
            .unwrap_or_default()
    }

    /// Adds a container at the end of `containerDefinitions` and returns
    /// the task definition, so that pushes chain. `container` is a
    /// [`ContainerDefinition`] (added as it is) or a
    /// [`ContainerDefinitionBuilder`], built and so checked on its own.
    /// A task definition without `containerDefinitions` gets an array of
    /// one, written after the members it has; the rest is kept as
    /// written. Only the container is checked, not the task it joins
    /// (duplicate names, Fargate sizes): call
    /// [`check`](TaskDefinition::check) for that.
    ///
    /// ```
    /// use iam_ecs::ecs::{ContainerDefinition, TaskDefinition};
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let mut td: TaskDefinition = r#"{"family":"f","containerDefinitions":[{"name":"web","image":"nginx"}]}"#.parse()?;
    /// td.push_container(ContainerDefinition::builder("log", "fluent-bit").memory(64))?;
    /// assert_eq!(
    ///     td.to_string(),
    ///     r#"{"family":"f","containerDefinitions":[{"name":"web","image":"nginx"},{"name":"log","image":"fluent-bit","memory":64}]}"#,
    /// );
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// - The builder's [`Error::Build`] (`ContainerDefinition`: an
    ///   invalid name, memory under 6 MiB, ...). The task definition is
    ///   then unchanged.
    /// - [`Error::Build`] naming `TaskDefinition` and
    ///   `containerDefinitions` when that member is kept as written
    ///   because it does not fit the model (`"containerDefinitions": {}`,
    ///   `[{...}, 1]`): there is no list to add to without losing what
    ///   was written.
    pub fn push_container<C>(&mut self, container: C) -> Result<&mut Self>
    where
        C: TryInto<ContainerDefinition>,
        Error: From<C::Error>,
    {
        let container = container.try_into()?;
        match &mut self.container_definitions {
            Some(v) => v.push(container),
            None => {
                crate::json::edit::prepare_to_set(
                    &mut self.layout,
                    "TaskDefinition",
                    "containerDefinitions",
                    "a container",
                )?;
                self.container_definitions = Some(vec![container]);
            }
        }
        Ok(self)
    }

    /// The [`FargateSize`] of this task's `cpu` and `memory`, when they
    /// parse and are a valid Fargate pair.
    pub fn fargate_size(&self) -> Option<FargateSize> {
        let cpu = parse_cpu(self.cpu.as_deref()?)?;
        let memory = parse_memory(self.memory.as_deref()?)?;
        FargateSize::new(cpu, memory).ok()
    }
}

document_traits!(TaskDefinition);

/// Builds the container ([`ContainerDefinitionBuilder::build`]), for
/// [`TaskDefinition::push_container`] or any list of containers.
///
/// # Errors
/// As [`ContainerDefinitionBuilder::build`].
impl TryFrom<ContainerDefinitionBuilder> for ContainerDefinition {
    type Error = Error;
    fn try_from(builder: ContainerDefinitionBuilder) -> Result<ContainerDefinition> {
        builder.build()
    }
}
