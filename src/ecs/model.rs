//! The `RegisterTaskDefinition` input and every shape reachable from it in
//! the botocore ECS model (`ecs/2014-11-13/service-2.json`), as lossless
//! records.
//!
//! Field order is the order a built document is written in: the model's
//! order, except that [`TaskDefinition`] starts with
//! `containerDefinitions, family, taskRoleArn` as the AWS guide writes it.

use super::vocab::*;
use crate::json::record::record;
use crate::json::Map;

/// Calls `$callback! { $($args)* [members] }` with the members of a task
/// definition, declared here once, in the order a built task definition
/// is written: [`TaskDefinition`] is made of them, and
/// `RegisteredTaskDefinition` (describe output) of them followed by its
/// read-only members (both with `task_definition_record!`); the checks
/// borrow them from either (`check::task::TaskMembers`).
macro_rules! with_task_definition_members {
    ($callback:ident ! { $($args:tt)* }) => {
        $callback! { $($args)* [
            /// The containers that make up the task. Required (at least one).
            container_definitions: Vec<$crate::ecs::ContainerDefinition> = "containerDefinitions",
            /// The family name: up to 255 letters, digits, underscores and hyphens. Required.
            family: String = "family",
            /// The short name or ARN of the IAM role the containers can assume. Optional.
            task_role_arn: String = "taskRoleArn",
            /// The ARN of the role the ECS agent uses to pull images, read secrets and send logs. Optional.
            execution_role_arn: String = "executionRoleArn",
            /// The Docker networking mode (`bridge` on Linux EC2 when omitted; `awsvpc` on Fargate). Optional.
            network_mode: $crate::ecs::NetworkMode = "networkMode",
            /// Data volumes the containers can mount. Optional.
            volumes: Vec<$crate::ecs::Volume> = "volumes",
            /// Placement constraints for the task (not on Fargate). Optional.
            placement_constraints: Vec<$crate::ecs::TaskDefinitionPlacementConstraint> = "placementConstraints",
            /// The launch types the definition is validated against. Optional.
            requires_compatibilities: Vec<$crate::ecs::Compatibility> = "requiresCompatibilities",
            /// Task CPU as a string: units (`"1024"`) or vCPUs (`"1 vCPU"`). Optional (required on Fargate).
            cpu: String = "cpu",
            /// Task memory as a string: MiB (`"2048"`) or GB (`"2 GB"`). Optional (required on Fargate).
            memory: String = "memory",
            /// Tags for the task definition, at most 50. Optional.
            tags: Vec<$crate::ecs::Tag> = "tags",
            /// The process namespace (`host` or `task`). Optional.
            pid_mode: $crate::ecs::PidMode = "pidMode",
            /// The IPC namespace (`host`, `task` or `none`; not on Fargate). Optional.
            ipc_mode: $crate::ecs::IpcMode = "ipcMode",
            /// The App Mesh proxy configuration. Optional.
            proxy_configuration: $crate::ecs::ProxyConfiguration = "proxyConfiguration",
            /// Elastic Inference accelerators for the task. Optional.
            inference_accelerators: Vec<$crate::ecs::InferenceAccelerator> = "inferenceAccelerators",
            /// Ephemeral storage for a Fargate task, 21-200 GiB. Optional.
            ephemeral_storage: $crate::ecs::EphemeralStorage = "ephemeralStorage",
            /// The operating system and CPU architecture the task runs on. Optional.
            runtime_platform: $crate::ecs::RuntimePlatform = "runtimePlatform",
            /// Whether fault injection is enabled for the task. Optional.
            enable_fault_injection: bool = "enableFaultInjection",
        ] }
    };
}
pub(crate) use with_task_definition_members;

/// A `record!` whose fields are the task definition's members (see
/// `with_task_definition_members!`) followed by the `$extra` fields.
macro_rules! task_definition_record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($extra:tt)* }
        [ $($members:tt)* ]
    ) => {
        $crate::json::record::record! {
            $(#[$meta])*
            pub struct $name { $($members)* $($extra)* }
        }
    };
}
pub(crate) use task_definition_record;

with_task_definition_members!(task_definition_record! {
    /// A task definition as `RegisterTaskDefinition` takes it (botocore
    /// `RegisterTaskDefinitionRequest`), the document of
    /// `aws ecs register-task-definition --cli-input-json`.
    ///
    /// Read one with [`TaskDefinition::from_json_str`], build one with
    /// [`TaskDefinition::builder`], check it with [`TaskDefinition::check`].
    pub struct TaskDefinition {}
});

record! {
    /// One container of a task (botocore `ContainerDefinition`). ECS
    /// requires `name` and `image` although the model marks none required.
    pub struct ContainerDefinition {
        /// The container name: up to 255 letters, digits, underscores and hyphens. Required by ECS.
        name: String = "name",
        /// The image, `repository-url/image:tag` or `repository-url/image@sha256:<digest>`. Required by ECS.
        image: String = "image",
        /// Credentials for a private registry. Optional.
        repository_credentials: RepositoryCredentials = "repositoryCredentials",
        /// CPU units reserved for the container. Optional.
        cpu: i64 = "cpu",
        /// Hard memory limit in MiB; the container is killed above it. Optional.
        memory: i64 = "memory",
        /// Soft memory limit (reservation) in MiB. Optional.
        memory_reservation: i64 = "memoryReservation",
        /// Links to other containers, `name:alias` (bridge mode only). Optional.
        links: Vec<String> = "links",
        /// Ports the container exposes. Optional.
        port_mappings: Vec<PortMapping> = "portMappings",
        /// Whether the task stops when this container stops (true when omitted). Optional.
        essential: bool = "essential",
        /// When ECS restarts the container in place. Optional.
        restart_policy: ContainerRestartPolicy = "restartPolicy",
        /// The Docker entry point. Optional.
        entry_point: Vec<String> = "entryPoint",
        /// The command passed to the container. Optional.
        command: Vec<String> = "command",
        /// Environment variables. Optional.
        environment: Vec<KeyValuePair> = "environment",
        /// S3 files of environment variables. Optional.
        environment_files: Vec<EnvironmentFile> = "environmentFiles",
        /// Volumes mounted into the container. Optional.
        mount_points: Vec<MountPoint> = "mountPoints",
        /// Volumes mounted from other containers. Optional.
        volumes_from: Vec<VolumeFrom> = "volumesFrom",
        /// Linux-specific settings (capabilities, devices, tmpfs, swap). Optional.
        linux_parameters: LinuxParameters = "linuxParameters",
        /// Secrets exposed as environment variables (needs `executionRoleArn`). Optional.
        secrets: Vec<Secret> = "secrets",
        /// Containers that must reach a state before this one starts. Optional.
        depends_on: Vec<ContainerDependency> = "dependsOn",
        /// Seconds to wait for dependencies before giving up (2-120 on Fargate). Optional.
        start_timeout: i64 = "startTimeout",
        /// Seconds before the container is killed if it does not exit (at most 120 on Fargate). Optional.
        stop_timeout: i64 = "stopTimeout",
        /// Whether image tags are resolved to digests. Optional.
        version_consistency: VersionConsistency = "versionConsistency",
        /// The container's hostname (not with `awsvpc`). Optional.
        hostname: String = "hostname",
        /// The user (and group) the container runs as. Optional.
        user: String = "user",
        /// The working directory for the command. Optional.
        working_directory: String = "workingDirectory",
        /// Whether networking is turned off in the container. Optional.
        disable_networking: bool = "disableNetworking",
        /// Whether the container gets elevated privileges (not on Fargate). Optional.
        privileged: bool = "privileged",
        /// Whether the root file system is read-only. Optional.
        readonly_root_filesystem: bool = "readonlyRootFilesystem",
        /// DNS servers for the container. Optional.
        dns_servers: Vec<String> = "dnsServers",
        /// DNS search domains for the container. Optional.
        dns_search_domains: Vec<String> = "dnsSearchDomains",
        /// Extra `/etc/hosts` entries (not with `awsvpc`). Optional.
        extra_hosts: Vec<HostEntry> = "extraHosts",
        /// Security options (SELinux, AppArmor, credential specs). Optional.
        docker_security_options: Vec<String> = "dockerSecurityOptions",
        /// Whether stdin is kept open (`docker run -i`). Optional.
        interactive: bool = "interactive",
        /// Whether a TTY is allocated (`docker run -t`). Optional.
        pseudo_terminal: bool = "pseudoTerminal",
        /// Docker labels. Optional.
        docker_labels: Map<String> = "dockerLabels",
        /// Resource limits (`nofile`, ...). Optional.
        ulimits: Vec<Ulimit> = "ulimits",
        /// Where the container's logs go. Optional.
        log_configuration: LogConfiguration = "logConfiguration",
        /// A Docker health check. Optional.
        health_check: HealthCheck = "healthCheck",
        /// Namespaced kernel parameters. Optional.
        system_controls: Vec<SystemControl> = "systemControls",
        /// GPUs, inference accelerators or Neuron devices for the container. Optional.
        resource_requirements: Vec<ResourceRequirement> = "resourceRequirements",
        /// FireLens log router settings. Optional.
        firelens_configuration: FirelensConfiguration = "firelensConfiguration",
        /// Credential spec ARNs for Active Directory (at most one). Optional.
        credential_specs: Vec<String> = "credentialSpecs",
    }
}

record! {
    /// A data volume of a task (botocore `Volume`).
    pub struct Volume {
        /// The volume name, referenced by `mountPoints.sourceVolume`. Optional.
        name: String = "name",
        /// A bind mount on the host (no `sourcePath` on Fargate). Optional.
        host: HostVolumeProperties = "host",
        /// A Docker volume. Optional.
        docker_volume_configuration: DockerVolumeConfiguration = "dockerVolumeConfiguration",
        /// An Amazon EFS file system. Optional.
        efs_volume_configuration: EfsVolumeConfiguration = "efsVolumeConfiguration",
        /// An Amazon S3 Files file system. Optional.
        s3files_volume_configuration: S3FilesVolumeConfiguration = "s3filesVolumeConfiguration",
        /// An Amazon FSx for Windows File Server file system. Optional.
        fsx_windows_file_server_volume_configuration: FsxWindowsFileServerVolumeConfiguration = "fsxWindowsFileServerVolumeConfiguration",
        /// Whether the volume is configured when the task is launched. Optional.
        configured_at_launch: bool = "configuredAtLaunch",
    }
}

record! {
    /// A task placement constraint (botocore `TaskDefinitionPlacementConstraint`).
    pub struct TaskDefinitionPlacementConstraint {
        /// The constraint kind (`memberOf`). Optional.
        r#type: PlacementConstraintType = "type",
        /// A cluster query language expression. Optional.
        expression: String = "expression",
    }
}

record! {
    /// A tag (botocore `Tag`).
    pub struct Tag {
        /// The key, 1-128 characters. Optional in the model, needed in practice.
        key: String = "key",
        /// The value, 0-256 characters. Optional.
        value: String = "value",
    }
}

record! {
    /// The App Mesh proxy configuration (botocore `ProxyConfiguration`).
    pub struct ProxyConfiguration {
        /// The proxy type (`APPMESH`). Optional.
        r#type: ProxyConfigurationType = "type",
        /// The name of the container that is the proxy. Required.
        container_name: String = "containerName",
        /// The proxy's settings as name/value pairs. Optional.
        properties: Vec<KeyValuePair> = "properties",
    }
}

record! {
    /// An Elastic Inference accelerator (botocore `InferenceAccelerator`).
    pub struct InferenceAccelerator {
        /// The device name, referenced by a resource requirement. Required.
        device_name: String = "deviceName",
        /// The accelerator type, such as `eia2.medium`. Required.
        device_type: String = "deviceType",
    }
}

record! {
    /// Ephemeral storage for a Fargate task (botocore `EphemeralStorage`).
    pub struct EphemeralStorage {
        /// The size in GiB, 21-200. Required.
        size_in_gib: i64 = "sizeInGiB",
    }
}

record! {
    /// The platform a task runs on (botocore `RuntimePlatform`).
    pub struct RuntimePlatform {
        /// The CPU architecture (`X86_64` or `ARM64`). Optional.
        cpu_architecture: CpuArchitecture = "cpuArchitecture",
        /// The operating system family. Optional.
        operating_system_family: OsFamily = "operatingSystemFamily",
    }
}

record! {
    /// Private registry credentials (botocore `RepositoryCredentials`).
    pub struct RepositoryCredentials {
        /// The ARN of the secret holding the credentials. Required.
        credentials_parameter: String = "credentialsParameter",
    }
}

record! {
    /// A port the container exposes (botocore `PortMapping`).
    pub struct PortMapping {
        /// The port in the container, 1-65535. Optional (needed unless a range is given).
        container_port: i64 = "containerPort",
        /// The port on the host (absent or equal to `containerPort` with `awsvpc`/`host`). Optional.
        host_port: i64 = "hostPort",
        /// `tcp` (the default) or `udp`. Optional.
        protocol: TransportProtocol = "protocol",
        /// A name for Service Connect, up to 64 characters. Optional.
        name: String = "name",
        /// The application protocol for Service Connect. Optional.
        app_protocol: ApplicationProtocol = "appProtocol",
        /// A range of container ports such as `"8000-8100"`. Optional.
        container_port_range: String = "containerPortRange",
    }
}

record! {
    /// When ECS restarts a container in place (botocore `ContainerRestartPolicy`).
    pub struct ContainerRestartPolicy {
        /// Whether the restart policy is on. Required.
        enabled: bool = "enabled",
        /// Exit codes that do not trigger a restart, at most 50. Optional.
        ignored_exit_codes: Vec<i64> = "ignoredExitCodes",
        /// Seconds a container must run before a restart is attempted, 60-1800. Optional.
        restart_attempt_period: i64 = "restartAttemptPeriod",
    }
}

record! {
    /// A name/value pair (botocore `KeyValuePair`): an environment variable
    /// or a proxy property.
    pub struct KeyValuePair {
        /// The name. Optional.
        name: String = "name",
        /// The value. Optional.
        value: String = "value",
    }
}

record! {
    /// A file of environment variables in S3 (botocore `EnvironmentFile`).
    pub struct EnvironmentFile {
        /// The S3 object ARN. Required.
        value: String = "value",
        /// The file type (`s3`). Required.
        r#type: EnvironmentFileType = "type",
    }
}

record! {
    /// A volume mounted into a container (botocore `MountPoint`).
    pub struct MountPoint {
        /// The name of a volume of the task. Optional.
        source_volume: String = "sourceVolume",
        /// The path in the container. Optional.
        container_path: String = "containerPath",
        /// Whether the mount is read-only. Optional.
        read_only: bool = "readOnly",
    }
}

record! {
    /// Volumes mounted from another container (botocore `VolumeFrom`).
    pub struct VolumeFrom {
        /// The name of the container to mount volumes from. Optional.
        source_container: String = "sourceContainer",
        /// Whether the mounts are read-only. Optional.
        read_only: bool = "readOnly",
    }
}

record! {
    /// Linux-specific container settings (botocore `LinuxParameters`).
    pub struct LinuxParameters {
        /// Kernel capabilities to add or drop. Optional.
        capabilities: KernelCapabilities = "capabilities",
        /// Host devices exposed to the container. Optional.
        devices: Vec<Device> = "devices",
        /// Whether an init process runs as PID 1. Optional.
        init_process_enabled: bool = "initProcessEnabled",
        /// The size of `/dev/shm` in MiB. Optional.
        shared_memory_size: i64 = "sharedMemorySize",
        /// tmpfs mounts. Optional.
        tmpfs: Vec<Tmpfs> = "tmpfs",
        /// Swap the container may use, in MiB. Optional.
        max_swap: i64 = "maxSwap",
        /// Swappiness, 0-100. Optional.
        swappiness: i64 = "swappiness",
    }
}

record! {
    /// A secret exposed to a container (botocore `Secret`).
    pub struct Secret {
        /// The environment variable (or log option) name. Required.
        name: String = "name",
        /// The Secrets Manager ARN or SSM parameter name or ARN. Required.
        value_from: String = "valueFrom",
    }
}

record! {
    /// A container this one waits for (botocore `ContainerDependency`).
    pub struct ContainerDependency {
        /// The name of the container depended on. Required.
        container_name: String = "containerName",
        /// The state to wait for. Required.
        condition: ContainerCondition = "condition",
    }
}

record! {
    /// An `/etc/hosts` entry (botocore `HostEntry`).
    pub struct HostEntry {
        /// The hostname. Required.
        hostname: String = "hostname",
        /// The IP address. Required.
        ip_address: String = "ipAddress",
    }
}

record! {
    /// A resource limit (botocore `Ulimit`).
    pub struct Ulimit {
        /// The resource limited. Required.
        name: UlimitName = "name",
        /// The soft limit. Required.
        soft_limit: i64 = "softLimit",
        /// The hard limit. Required.
        hard_limit: i64 = "hardLimit",
    }
}

record! {
    /// Where a container's logs go (botocore `LogConfiguration`).
    pub struct LogConfiguration {
        /// The log driver. Required.
        log_driver: LogDriver = "logDriver",
        /// Options for the driver. Optional.
        options: Map<String> = "options",
        /// Options read from secrets. Optional.
        secret_options: Vec<Secret> = "secretOptions",
    }
}

record! {
    /// A Docker health check (botocore `HealthCheck`).
    pub struct HealthCheck {
        /// The command, starting with `CMD` or `CMD-SHELL`. Required.
        command: Vec<String> = "command",
        /// Seconds between checks, 5-300 (30 when omitted). Optional.
        interval: i64 = "interval",
        /// Seconds before a check fails, 2-60 (5 when omitted). Optional.
        timeout: i64 = "timeout",
        /// Failures before the container is unhealthy, 1-10 (3 when omitted). Optional.
        retries: i64 = "retries",
        /// Grace period in seconds, 0-300. Optional.
        start_period: i64 = "startPeriod",
    }
}

record! {
    /// A namespaced kernel parameter (botocore `SystemControl`).
    pub struct SystemControl {
        /// The parameter, such as `net.core.somaxconn`. Optional.
        namespace: String = "namespace",
        /// Its value. Optional.
        value: String = "value",
    }
}

record! {
    /// A GPU, accelerator or Neuron device for a container (botocore
    /// `ResourceRequirement`).
    pub struct ResourceRequirement {
        /// The number of GPUs, or the accelerator's device name. Required.
        value: String = "value",
        /// The resource kind. Required.
        r#type: ResourceType = "type",
    }
}

record! {
    /// FireLens log router settings (botocore `FirelensConfiguration`).
    pub struct FirelensConfiguration {
        /// The log router (`fluentd` or `fluentbit`). Required.
        r#type: FirelensConfigurationType = "type",
        /// Options for the router. Optional.
        options: Map<String> = "options",
    }
}

record! {
    /// A bind mount on the host (botocore `HostVolumeProperties`).
    pub struct HostVolumeProperties {
        /// The path on the host (not allowed on Fargate). Optional.
        source_path: String = "sourcePath",
    }
}

record! {
    /// A Docker volume (botocore `DockerVolumeConfiguration`).
    pub struct DockerVolumeConfiguration {
        /// `task` or `shared`. Optional.
        scope: Scope = "scope",
        /// Whether the volume is created if missing (shared scope). Optional.
        autoprovision: bool = "autoprovision",
        /// The volume driver. Optional.
        driver: String = "driver",
        /// Driver options. Optional.
        driver_opts: Map<String> = "driverOpts",
        /// Docker labels for the volume. Optional.
        labels: Map<String> = "labels",
    }
}

record! {
    /// An Amazon EFS volume (botocore `EFSVolumeConfiguration`).
    pub struct EfsVolumeConfiguration {
        /// The file system ID. Required.
        file_system_id: String = "fileSystemId",
        /// The directory to mount as the root. Optional.
        root_directory: String = "rootDirectory",
        /// Whether traffic is encrypted in transit. Optional.
        transit_encryption: EfsTransitEncryption = "transitEncryption",
        /// The port for encrypted traffic. Optional.
        transit_encryption_port: i64 = "transitEncryptionPort",
        /// Access point and IAM settings. Optional.
        authorization_config: EfsAuthorizationConfig = "authorizationConfig",
    }
}

record! {
    /// An Amazon S3 Files volume (botocore `S3FilesVolumeConfiguration`).
    pub struct S3FilesVolumeConfiguration {
        /// The file system ARN. Required.
        file_system_arn: String = "fileSystemArn",
        /// The directory to mount as the root. Optional.
        root_directory: String = "rootDirectory",
        /// The port for encrypted traffic. Optional.
        transit_encryption_port: i64 = "transitEncryptionPort",
        /// The access point ARN. Optional.
        access_point_arn: String = "accessPointArn",
    }
}

record! {
    /// An Amazon FSx for Windows File Server volume (botocore
    /// `FSxWindowsFileServerVolumeConfiguration`).
    pub struct FsxWindowsFileServerVolumeConfiguration {
        /// The file system ID. Required.
        file_system_id: String = "fileSystemId",
        /// The directory to mount as the root. Required.
        root_directory: String = "rootDirectory",
        /// The credentials used to mount it. Required.
        authorization_config: FsxWindowsFileServerAuthorizationConfig = "authorizationConfig",
    }
}

record! {
    /// Kernel capabilities to add or drop (botocore `KernelCapabilities`).
    pub struct KernelCapabilities {
        /// Capabilities to add (only `SYS_PTRACE` on Fargate). Optional.
        add: Vec<String> = "add",
        /// Capabilities to drop. Optional.
        drop: Vec<String> = "drop",
    }
}

record! {
    /// A host device exposed to a container (botocore `Device`).
    pub struct Device {
        /// The path on the host. Required.
        host_path: String = "hostPath",
        /// The path in the container. Optional.
        container_path: String = "containerPath",
        /// cgroup permissions. Optional.
        permissions: Vec<DeviceCgroupPermission> = "permissions",
    }
}

record! {
    /// A tmpfs mount (botocore `Tmpfs`).
    pub struct Tmpfs {
        /// The path in the container. Required.
        container_path: String = "containerPath",
        /// The size in MiB. Required.
        size: i64 = "size",
        /// Mount options. Optional.
        mount_options: Vec<String> = "mountOptions",
    }
}

record! {
    /// EFS access point and IAM settings (botocore `EFSAuthorizationConfig`).
    pub struct EfsAuthorizationConfig {
        /// The access point ID. Optional.
        access_point_id: String = "accessPointId",
        /// Whether the task role is used to mount. Optional.
        iam: EfsAuthorizationConfigIam = "iam",
    }
}

record! {
    /// FSx for Windows File Server credentials (botocore
    /// `FSxWindowsFileServerAuthorizationConfig`).
    pub struct FsxWindowsFileServerAuthorizationConfig {
        /// The ARN of the secret or parameter holding the credentials. Required.
        credentials_parameter: String = "credentialsParameter",
        /// The Active Directory domain. Required.
        domain: String = "domain",
    }
}
