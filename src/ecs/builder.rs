//! Builders for task definitions and containers (STYLE.md "Builders":
//! consuming setters named after the JSON keys, first error kept and
//! returned by `build`).

use super::check::{image_problem, name_problem};
use super::model::*;
use super::size::{parse_cpu, parse_memory, FargateSize};
use super::vocab::*;
use crate::code::Code;
use crate::error::{Error, Result};
use crate::finding::Finding;
use crate::json::{Map, Pointer};
use crate::RoleArn;

/// The JSON key at the top of a finding's path, as one of `keys`, for
/// [`Error::Build`]; `fallback` when there is none.
fn field_of(
    finding: &Finding,
    keys: &'static [&'static str],
    fallback: &'static str,
) -> &'static str {
    let first = finding
        .path
        .as_str()
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    keys.iter()
        .copied()
        .find(|k| *k == first)
        .unwrap_or(fallback)
}

/// The first error finding as an [`Error::Build`] with the finding's
/// code and pointer.
fn first_error(
    findings: &[Finding],
    ty: &'static str,
    keys: &'static [&'static str],
    fallback: &'static str,
) -> Result<()> {
    match findings.iter().find(|f| f.is_error()) {
        Some(f) => Err(
            Error::build(ty, field_of(f, keys, fallback), f.message.clone())
                .with_place(Some(f.code), f.path.clone()),
        ),
        None => Ok(()),
    }
}

/// A setter's error about `field`, with the code the check reports for
/// the same problem and the pointer `at`.
fn setter_error(
    ty: &'static str,
    field: &'static str,
    reason: String,
    code: Code,
    at: Pointer,
) -> Error {
    Error::build(ty, field, reason).with_place(Some(code), at)
}

/// Builds a [`TaskDefinition`]; from [`TaskDefinition::builder`].
///
/// Setters are named after the JSON keys. The first invalid value is kept
/// and returned by [`build`](Self::build), which also runs
/// [`TaskDefinition::check`] and refuses a definition with an error
/// finding, so a built task definition passes its own check. The output
/// has the guide's member order: `containerDefinitions`, `family`,
/// `taskRoleArn`, then the model's order.
///
/// ```
/// use iam_ecs::ecs::{ContainerDefinition, FargateSize, LogConfiguration, PortMapping, TaskDefinition};
/// use iam_ecs::RoleArn;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let td = TaskDefinition::builder()
///     .family("web")
///     .execution_role_arn(RoleArn::parse("arn:aws:iam::111122223333:role/ecsTaskExecutionRole")?)
///     .fargate(FargateSize::new(512, 1024)?)
///     .container(
///         ContainerDefinition::builder("web", "nginx:1.27")
///             .port_mapping(PortMapping::tcp(80))
///             .log_configuration(LogConfiguration::awslogs("/ecs/web", "us-east-1", "web"))
///             .build()?,
///     )
///     .build()?;
/// assert!(td.check().is_empty());
/// assert_eq!(td.network_mode.as_ref().map(|m| m.as_str()), Some("awsvpc"));
///
/// let err = TaskDefinition::builder().family("my app").build().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "TaskDefinition: invalid family: family \"my app\" has \" \" at position 2: expected 1 to 255 letters, digits, underscores and hyphens [invalid-family at /family]",
/// );
/// assert_eq!(err.code(), Some(iam_ecs::Code::InvalidFamily));
/// assert_eq!(err.pointer().map(|p| p.as_str()), Some("/family"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct TaskDefinitionBuilder {
    td: TaskDefinition,
    error: Option<Error>,
}

impl TaskDefinitionBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    fn fail(self, field: &'static str, reason: String, code: Code) -> Self {
        self.fail_at(field, reason, code, Pointer::root().key(field))
    }

    fn fail_at(mut self, field: &'static str, reason: String, code: Code, at: Pointer) -> Self {
        if self.error.is_none() {
            self.error = Some(setter_error("TaskDefinition", field, reason, code, at));
        }
        self
    }

    /// Adds a container (`containerDefinitions`).
    pub fn container(mut self, container: ContainerDefinition) -> Self {
        self.td
            .container_definitions
            .get_or_insert_with(Vec::new)
            .push(container);
        self
    }

    /// Adds containers (`containerDefinitions`).
    pub fn containers(mut self, containers: impl IntoIterator<Item = ContainerDefinition>) -> Self {
        self.td
            .container_definitions
            .get_or_insert_with(Vec::new)
            .extend(containers);
        self
    }

    /// Sets the family: up to 255 letters, digits, underscores and hyphens.
    pub fn family(mut self, family: impl Into<String>) -> Self {
        let family = family.into();
        if let Some(reason) = name_problem(&family) {
            return self.fail(
                "family",
                format!("family {family:?} {reason}"),
                Code::InvalidFamily,
            );
        }
        self.td.family = Some(family);
        self
    }

    /// Sets the task role (`taskRoleArn`).
    pub fn task_role_arn(mut self, arn: RoleArn) -> Self {
        self.td.task_role_arn = Some(arn.as_str().to_owned());
        self
    }

    /// Sets the task execution role (`executionRoleArn`).
    pub fn execution_role_arn(mut self, arn: RoleArn) -> Self {
        self.td.execution_role_arn = Some(arn.as_str().to_owned());
        self
    }

    /// Sets the network mode (`networkMode`).
    pub fn network_mode(mut self, mode: NetworkMode) -> Self {
        self.td.network_mode = Some(mode);
        self
    }

    /// Adds a volume (`volumes`).
    pub fn volume(mut self, volume: Volume) -> Self {
        self.td.volumes.get_or_insert_with(Vec::new).push(volume);
        self
    }

    /// Adds a placement constraint (`placementConstraints`).
    pub fn placement_constraint(mut self, constraint: TaskDefinitionPlacementConstraint) -> Self {
        self.td
            .placement_constraints
            .get_or_insert_with(Vec::new)
            .push(constraint);
        self
    }

    /// Adds a launch type to `requiresCompatibilities` (once).
    pub fn requires_compatibility(mut self, compatibility: Compatibility) -> Self {
        let list = self
            .td
            .requires_compatibilities
            .get_or_insert_with(Vec::new);
        if !list.contains(&compatibility) {
            list.push(compatibility);
        }
        self
    }

    /// Asks for a Fargate task of `size`: adds `FARGATE` to
    /// `requiresCompatibilities`, sets `cpu` and `memory` (in CPU units and
    /// MiB) and, unless set, `networkMode` `awsvpc`.
    pub fn fargate(mut self, size: FargateSize) -> Self {
        self = self.requires_compatibility(Compatibility::Fargate);
        self.td.cpu = Some(size.cpu().to_string());
        self.td.memory = Some(size.memory().to_string());
        if self.td.network_mode.is_none() {
            self.td.network_mode = Some(NetworkMode::Awsvpc);
        }
        self
    }

    /// Sets task-level `cpu`, in any form ECS takes (`"1024"`, `"1 vCPU"`).
    pub fn cpu(mut self, cpu: impl Into<String>) -> Self {
        let cpu = cpu.into();
        if parse_cpu(&cpu).is_none() {
            return self.fail(
                "cpu",
                format!("cpu {cpu:?} is not a CPU value: expected CPU units such as \"1024\" or vCPUs such as \"1 vCPU\""),
                Code::InvalidTaskCpu,
            );
        }
        self.td.cpu = Some(cpu);
        self
    }

    /// Sets task-level `memory`, in any form ECS takes (`"2048"`, `"2 GB"`).
    pub fn memory(mut self, memory: impl Into<String>) -> Self {
        let memory = memory.into();
        if parse_memory(&memory).is_none() {
            return self.fail(
                "memory",
                format!("memory {memory:?} is not a memory value: expected MiB such as \"2048\" or GB such as \"2 GB\""),
                Code::InvalidTaskMemory,
            );
        }
        self.td.memory = Some(memory);
        self
    }

    /// Adds a tag (`tags`).
    pub fn tag(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.td
            .tags
            .get_or_insert_with(Vec::new)
            .push(Tag::new(key, value));
        self
    }

    /// Sets the process namespace (`pidMode`).
    pub fn pid_mode(mut self, mode: PidMode) -> Self {
        self.td.pid_mode = Some(mode);
        self
    }

    /// Sets the IPC namespace (`ipcMode`).
    pub fn ipc_mode(mut self, mode: IpcMode) -> Self {
        self.td.ipc_mode = Some(mode);
        self
    }

    /// Sets the App Mesh proxy (`proxyConfiguration`).
    pub fn proxy_configuration(mut self, proxy: ProxyConfiguration) -> Self {
        self.td.proxy_configuration = Some(proxy);
        self
    }

    /// Adds an Elastic Inference accelerator (`inferenceAccelerators`).
    pub fn inference_accelerator(mut self, accelerator: InferenceAccelerator) -> Self {
        self.td
            .inference_accelerators
            .get_or_insert_with(Vec::new)
            .push(accelerator);
        self
    }

    /// Sets Fargate ephemeral storage in GiB, 21-200 (`ephemeralStorage`).
    pub fn ephemeral_storage(mut self, size_in_gib: i64) -> Self {
        if !(21..=200).contains(&size_in_gib) {
            return self.fail_at(
                "ephemeralStorage",
                format!("sizeInGiB is {size_in_gib}: expected 21 to 200 GiB"),
                Code::EphemeralStorageSize,
                Pointer::root().key("ephemeralStorage").key("sizeInGiB"),
            );
        }
        self.td.ephemeral_storage = Some(EphemeralStorage {
            size_in_gib: Some(size_in_gib),
            ..EphemeralStorage::default()
        });
        self
    }

    /// Sets the operating system and CPU architecture (`runtimePlatform`).
    pub fn runtime_platform(mut self, platform: RuntimePlatform) -> Self {
        self.td.runtime_platform = Some(platform);
        self
    }

    /// Sets `enableFaultInjection`.
    pub fn enable_fault_injection(mut self, enable: bool) -> Self {
        self.td.enable_fault_injection = Some(enable);
        self
    }

    /// The task definition.
    ///
    /// # Errors
    /// [`Error::Build`] for the first invalid value given to a setter; for
    /// a missing `family` or no containers; and for the first error
    /// finding of [`TaskDefinition::check`] (a Fargate size that needs
    /// `awsvpc`, secrets without an execution role, duplicate container
    /// names, ...), naming the top-level member it is under. The error's
    /// [`Error::code`] is the finding code the check reports for the same
    /// problem and its [`Error::pointer`] is where the problem is
    /// (`/containerDefinitions/0/memory`).
    pub fn build(self) -> Result<TaskDefinition> {
        self.build_with_findings().map(|(td, _)| td)
    }

    /// As [`build`](Self::build), and also the findings of the check
    /// `build` runs: warnings (never errors; an error finding makes it
    /// fail as `build` does), the same list as [`TaskDefinition::check`],
    /// so that a caller (a `build.rs`, say) does not have to check the
    /// task definition again to see them.
    ///
    /// ```
    /// use iam_ecs::ecs::{ContainerDefinition, TaskDefinition};
    /// use iam_ecs::Code;
    ///
    /// # fn main() -> Result<(), iam_ecs::Error> {
    /// let (td, findings) = TaskDefinition::builder()
    ///     .family("web")
    ///     .container(ContainerDefinition::builder("web", "nginx").memory(512).build()?)
    ///     .tag("team", "web")
    ///     .build_with_findings()?;
    /// assert_eq!(td.family.as_deref(), Some("web"));
    /// assert!(findings.iter().all(|f| !f.is_error()));
    /// # Ok(())
    /// # }
    /// ```
    ///
    /// # Errors
    /// As [`build`](Self::build).
    pub fn build_with_findings(self) -> Result<(TaskDefinition, Vec<Finding>)> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.td.family.is_none() {
            return Err(setter_error(
                "TaskDefinition",
                "family",
                "missing: expected a family name".into(),
                Code::MissingField,
                Pointer::root().key("family"),
            ));
        }
        if !self
            .td
            .container_definitions
            .as_ref()
            .is_some_and(|c| !c.is_empty())
        {
            return Err(setter_error(
                "TaskDefinition",
                "containerDefinitions",
                "expected at least one container, found none".into(),
                Code::NoContainers,
                Pointer::root().key("containerDefinitions"),
            ));
        }
        let findings = self.td.check();
        first_error(
            &findings,
            "TaskDefinition",
            TaskDefinition::KEYS,
            "containerDefinitions",
        )?;
        Ok((self.td, findings))
    }
}

/// Builds a [`ContainerDefinition`]; from [`ContainerDefinition::builder`].
///
/// `build` checks the container on its own (name, image, memory,
/// health check ranges, ...); the task's [`build`](TaskDefinitionBuilder::build)
/// checks it against the rest of the task.
///
/// ```
/// use iam_ecs::ecs::ContainerDefinition;
///
/// # fn main() -> Result<(), iam_ecs::Error> {
/// let c = ContainerDefinition::builder("app", "nginx").memory(512).memory_reservation(256).build()?;
/// assert_eq!(
///     serde_json::to_string(&c).unwrap(),
///     r#"{"name":"app","image":"nginx","memory":512,"memoryReservation":256}"#,
/// );
///
/// let err = ContainerDefinition::builder("app", "nginx").memory(4).build().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "ContainerDefinition: invalid memory: memory is 4 MiB: expected at least 6 MiB (Docker 20.10 and later need 6 MiB) [container-memory-too-low at /memory]",
/// );
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct ContainerDefinitionBuilder {
    c: ContainerDefinition,
    error: Option<Error>,
}

impl ContainerDefinitionBuilder {
    fn list<T>(field: &mut Option<Vec<T>>) -> &mut Vec<T> {
        field.get_or_insert_with(Vec::new)
    }

    /// Sets `cpu`: CPU units reserved for the container.
    pub fn cpu(mut self, cpu: i64) -> Self {
        self.c.cpu = Some(cpu);
        self
    }

    /// Sets `memory`: the hard limit in MiB (at least 6).
    pub fn memory(mut self, mib: i64) -> Self {
        self.c.memory = Some(mib);
        self
    }

    /// Sets `memoryReservation`: the soft limit in MiB.
    pub fn memory_reservation(mut self, mib: i64) -> Self {
        self.c.memory_reservation = Some(mib);
        self
    }

    /// Sets `essential` (true when omitted).
    pub fn essential(mut self, essential: bool) -> Self {
        self.c.essential = Some(essential);
        self
    }

    /// Sets private registry credentials (`repositoryCredentials`).
    pub fn repository_credentials(mut self, credentials_parameter: impl Into<String>) -> Self {
        self.c.repository_credentials = Some(RepositoryCredentials {
            credentials_parameter: Some(credentials_parameter.into()),
            ..RepositoryCredentials::default()
        });
        self
    }

    /// Adds a link, `name:alias` (`links`; bridge mode only).
    pub fn link(mut self, link: impl Into<String>) -> Self {
        Self::list(&mut self.c.links).push(link.into());
        self
    }

    /// Adds a port mapping (`portMappings`).
    pub fn port_mapping(mut self, mapping: PortMapping) -> Self {
        Self::list(&mut self.c.port_mappings).push(mapping);
        self
    }

    /// Sets the restart policy (`restartPolicy`).
    pub fn restart_policy(mut self, policy: ContainerRestartPolicy) -> Self {
        self.c.restart_policy = Some(policy);
        self
    }

    /// Sets the entry point (`entryPoint`).
    pub fn entry_point<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.c.entry_point = Some(args.into_iter().map(Into::into).collect());
        self
    }

    /// Sets the command (`command`).
    pub fn command<S: Into<String>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.c.command = Some(args.into_iter().map(Into::into).collect());
        self
    }

    /// Adds an environment variable (`environment`).
    pub fn environment(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        Self::list(&mut self.c.environment).push(KeyValuePair::new(name, value));
        self
    }

    /// Adds an S3 environment file (`environmentFiles`).
    pub fn environment_file(mut self, s3_object_arn: impl Into<String>) -> Self {
        Self::list(&mut self.c.environment_files).push(EnvironmentFile {
            value: Some(s3_object_arn.into()),
            r#type: Some(EnvironmentFileType::S3),
            ..EnvironmentFile::default()
        });
        self
    }

    /// Adds a mount point (`mountPoints`).
    pub fn mount_point(mut self, mount: MountPoint) -> Self {
        Self::list(&mut self.c.mount_points).push(mount);
        self
    }

    /// Mounts the volumes of another container (`volumesFrom`).
    pub fn volumes_from(mut self, source_container: impl Into<String>, read_only: bool) -> Self {
        Self::list(&mut self.c.volumes_from).push(VolumeFrom {
            source_container: Some(source_container.into()),
            read_only: Some(read_only),
            ..VolumeFrom::default()
        });
        self
    }

    /// Sets Linux parameters (`linuxParameters`).
    pub fn linux_parameters(mut self, params: LinuxParameters) -> Self {
        self.c.linux_parameters = Some(params);
        self
    }

    /// Adds a secret (`secrets`; the task needs an `executionRoleArn`).
    pub fn secret(mut self, name: impl Into<String>, value_from: impl Into<String>) -> Self {
        Self::list(&mut self.c.secrets).push(Secret::new(name, value_from));
        self
    }

    /// Adds a dependency on another container (`dependsOn`).
    pub fn depends_on(
        mut self,
        container_name: impl Into<String>,
        condition: ContainerCondition,
    ) -> Self {
        Self::list(&mut self.c.depends_on)
            .push(ContainerDependency::new(container_name, condition));
        self
    }

    /// Sets `startTimeout` in seconds (2-120 on Fargate).
    pub fn start_timeout(mut self, seconds: i64) -> Self {
        self.c.start_timeout = Some(seconds);
        self
    }

    /// Sets `stopTimeout` in seconds (at most 120 on Fargate).
    pub fn stop_timeout(mut self, seconds: i64) -> Self {
        self.c.stop_timeout = Some(seconds);
        self
    }

    /// Sets `versionConsistency`.
    pub fn version_consistency(mut self, value: VersionConsistency) -> Self {
        self.c.version_consistency = Some(value);
        self
    }

    /// Sets `hostname` (not with `awsvpc`).
    pub fn hostname(mut self, hostname: impl Into<String>) -> Self {
        self.c.hostname = Some(hostname.into());
        self
    }

    /// Sets `user`.
    pub fn user(mut self, user: impl Into<String>) -> Self {
        self.c.user = Some(user.into());
        self
    }

    /// Sets `workingDirectory`.
    pub fn working_directory(mut self, dir: impl Into<String>) -> Self {
        self.c.working_directory = Some(dir.into());
        self
    }

    /// Sets `disableNetworking`.
    pub fn disable_networking(mut self, value: bool) -> Self {
        self.c.disable_networking = Some(value);
        self
    }

    /// Sets `privileged` (not on Fargate).
    pub fn privileged(mut self, value: bool) -> Self {
        self.c.privileged = Some(value);
        self
    }

    /// Sets `readonlyRootFilesystem`.
    pub fn readonly_root_filesystem(mut self, value: bool) -> Self {
        self.c.readonly_root_filesystem = Some(value);
        self
    }

    /// Adds a DNS server (`dnsServers`).
    pub fn dns_server(mut self, server: impl Into<String>) -> Self {
        Self::list(&mut self.c.dns_servers).push(server.into());
        self
    }

    /// Adds a DNS search domain (`dnsSearchDomains`).
    pub fn dns_search_domain(mut self, domain: impl Into<String>) -> Self {
        Self::list(&mut self.c.dns_search_domains).push(domain.into());
        self
    }

    /// Adds an `/etc/hosts` entry (`extraHosts`; not with `awsvpc`).
    pub fn extra_host(
        mut self,
        hostname: impl Into<String>,
        ip_address: impl Into<String>,
    ) -> Self {
        Self::list(&mut self.c.extra_hosts).push(HostEntry {
            hostname: Some(hostname.into()),
            ip_address: Some(ip_address.into()),
            ..HostEntry::default()
        });
        self
    }

    /// Adds a Docker security option (`dockerSecurityOptions`).
    pub fn docker_security_option(mut self, option: impl Into<String>) -> Self {
        Self::list(&mut self.c.docker_security_options).push(option.into());
        self
    }

    /// Sets `interactive`.
    pub fn interactive(mut self, value: bool) -> Self {
        self.c.interactive = Some(value);
        self
    }

    /// Sets `pseudoTerminal`.
    pub fn pseudo_terminal(mut self, value: bool) -> Self {
        self.c.pseudo_terminal = Some(value);
        self
    }

    /// Adds a Docker label (`dockerLabels`).
    pub fn docker_label(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.c
            .docker_labels
            .get_or_insert_with(Map::default)
            .push(key, value);
        self
    }

    /// Adds a ulimit (`ulimits`).
    pub fn ulimit(mut self, name: UlimitName, soft_limit: i64, hard_limit: i64) -> Self {
        Self::list(&mut self.c.ulimits).push(Ulimit {
            name: Some(name),
            soft_limit: Some(soft_limit),
            hard_limit: Some(hard_limit),
            ..Ulimit::default()
        });
        self
    }

    /// Sets the log configuration (`logConfiguration`).
    pub fn log_configuration(mut self, config: LogConfiguration) -> Self {
        self.c.log_configuration = Some(config);
        self
    }

    /// Sets the health check (`healthCheck`).
    pub fn health_check(mut self, check: HealthCheck) -> Self {
        self.c.health_check = Some(check);
        self
    }

    /// Adds a kernel parameter (`systemControls`).
    pub fn system_control(
        mut self,
        namespace: impl Into<String>,
        value: impl Into<String>,
    ) -> Self {
        Self::list(&mut self.c.system_controls).push(SystemControl {
            namespace: Some(namespace.into()),
            value: Some(value.into()),
            ..SystemControl::default()
        });
        self
    }

    /// Adds a resource requirement (`resourceRequirements`), such as
    /// `(ResourceType::Gpu, "1")`.
    pub fn resource_requirement(mut self, kind: ResourceType, value: impl Into<String>) -> Self {
        Self::list(&mut self.c.resource_requirements).push(ResourceRequirement {
            value: Some(value.into()),
            r#type: Some(kind),
            ..ResourceRequirement::default()
        });
        self
    }

    /// Sets the FireLens configuration (`firelensConfiguration`).
    pub fn firelens_configuration(mut self, config: FirelensConfiguration) -> Self {
        self.c.firelens_configuration = Some(config);
        self
    }

    /// Adds a credential spec ARN (`credentialSpecs`).
    pub fn credential_spec(mut self, spec: impl Into<String>) -> Self {
        Self::list(&mut self.c.credential_specs).push(spec.into());
        self
    }

    /// The container.
    ///
    /// # Errors
    /// [`Error::Build`] naming the field: a name that is not 1-255
    /// letters, digits, underscores and hyphens (`"my app"`), an image ECS
    /// rejects (`""`, `"nginx:{{tag}}"`, a digest that is not 64 hex
    /// digits), and the container's own error findings (memory below
    /// 6 MiB, `memoryReservation` above `memory`, health check ranges,
    /// dependencies on itself).
    pub fn build(self) -> Result<ContainerDefinition> {
        if let Some(e) = self.error {
            return Err(e);
        }
        first_error(
            &self.c.check_alone(),
            "ContainerDefinition",
            ContainerDefinition::KEYS,
            "name",
        )?;
        Ok(self.c)
    }
}

impl ContainerDefinition {
    /// A builder for a container named `name` running `image`; see
    /// [`ContainerDefinitionBuilder`].
    pub fn builder(
        name: impl Into<String>,
        image: impl Into<String>,
    ) -> ContainerDefinitionBuilder {
        let (name, image) = (name.into(), image.into());
        let mut error = None;
        if let Some(reason) = name_problem(&name) {
            error = Some(setter_error(
                "ContainerDefinition",
                "name",
                format!("container name {name:?} {reason}"),
                Code::InvalidContainerName,
                Pointer::root().key("name"),
            ));
        } else if let Some(reason) = image_problem(&image) {
            error = Some(setter_error(
                "ContainerDefinition",
                "image",
                format!("image {image:?} {reason}"),
                Code::InvalidImage,
                Pointer::root().key("image"),
            ));
        }
        ContainerDefinitionBuilder {
            c: ContainerDefinition {
                name: Some(name),
                image: Some(image),
                ..ContainerDefinition::default()
            },
            error,
        }
    }

    /// Whether the container is essential (`essential` true or omitted).
    pub fn is_essential(&self) -> bool {
        self.essential != Some(false)
    }
}

impl PortMapping {
    /// A TCP mapping of `container_port`, with no host port (the host
    /// port is dynamic under `bridge` and equal under `awsvpc`).
    pub fn tcp(container_port: u16) -> Self {
        PortMapping {
            container_port: Some(i64::from(container_port)),
            ..PortMapping::default()
        }
    }

    /// A mapping of `container_port` to `host_port` with `protocol`.
    pub fn new(container_port: u16, host_port: u16, protocol: TransportProtocol) -> Self {
        PortMapping {
            container_port: Some(i64::from(container_port)),
            host_port: Some(i64::from(host_port)),
            protocol: Some(protocol),
            ..PortMapping::default()
        }
    }
}

impl KeyValuePair {
    /// A name/value pair.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        KeyValuePair {
            name: Some(name.into()),
            value: Some(value.into()),
            ..KeyValuePair::default()
        }
    }
}

impl Secret {
    /// A secret: the variable `name` read from `value_from` (a Secrets
    /// Manager ARN or an SSM parameter name or ARN).
    pub fn new(name: impl Into<String>, value_from: impl Into<String>) -> Self {
        Secret {
            name: Some(name.into()),
            value_from: Some(value_from.into()),
            ..Secret::default()
        }
    }
}

impl Tag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag {
            key: Some(key.into()),
            value: Some(value.into()),
            ..Tag::default()
        }
    }
}

impl ContainerDependency {
    /// A dependency on `container_name` reaching `condition`.
    pub fn new(container_name: impl Into<String>, condition: ContainerCondition) -> Self {
        ContainerDependency {
            container_name: Some(container_name.into()),
            condition: Some(condition),
            ..ContainerDependency::default()
        }
    }
}

impl MountPoint {
    /// Mounts the task volume `source_volume` at `container_path`.
    pub fn new(
        source_volume: impl Into<String>,
        container_path: impl Into<String>,
        read_only: bool,
    ) -> Self {
        MountPoint {
            source_volume: Some(source_volume.into()),
            container_path: Some(container_path.into()),
            read_only: Some(read_only),
            ..MountPoint::default()
        }
    }
}

impl LogConfiguration {
    /// A configuration for `driver` with no options.
    pub fn new(driver: LogDriver) -> Self {
        LogConfiguration {
            log_driver: Some(driver),
            ..LogConfiguration::default()
        }
    }

    /// The `awslogs` driver sending to CloudWatch Logs `group` in
    /// `region`, streams named `stream_prefix/...`.
    pub fn awslogs(
        group: impl Into<String>,
        region: impl Into<String>,
        stream_prefix: impl Into<String>,
    ) -> Self {
        Self::new(LogDriver::Awslogs)
            .option("awslogs-group", group)
            .option("awslogs-region", region)
            .option("awslogs-stream-prefix", stream_prefix)
    }

    /// This configuration with one more driver option.
    #[must_use]
    pub fn option(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.options
            .get_or_insert_with(Map::default)
            .push(key, value);
        self
    }
}

impl HealthCheck {
    /// A health check running `command` with the container's shell
    /// (`["CMD-SHELL", command]`), default interval, timeout and retries.
    pub fn cmd_shell(command: impl Into<String>) -> Self {
        HealthCheck {
            command: Some(vec!["CMD-SHELL".to_owned(), command.into()]),
            ..HealthCheck::default()
        }
    }
}

impl Volume {
    /// A volume named `name` with no configuration (a bind mount managed
    /// by ECS; on Fargate, task storage).
    pub fn named(name: impl Into<String>) -> Self {
        Volume {
            name: Some(name.into()),
            ..Volume::default()
        }
    }
}

impl RuntimePlatform {
    /// A platform of `os` on `cpu`.
    pub fn new(os: OsFamily, cpu: CpuArchitecture) -> Self {
        RuntimePlatform {
            cpu_architecture: Some(cpu),
            operating_system_family: Some(os),
            ..RuntimePlatform::default()
        }
    }
}
