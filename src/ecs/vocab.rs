//! Closed ECS vocabularies: string enums that still round-trip a value AWS
//! adds later (kept in an `Other` variant and reported as a warning).

use crate::json::record::{FromJson, Mismatch};
use crate::json::Json;

/// A closed vocabulary: a string enum that keeps a value it does not know
/// (made by `string_enum!`). What is done with an unknown value is up to
/// the caller (the checks report it).
pub(crate) trait Vocabulary {
    /// Every value the botocore model lists, in the model's order.
    const KNOWN: &'static [&'static str];
    /// The value as AWS writes it.
    fn as_str(&self) -> &str;
    /// Whether the value is one the model lists.
    fn is_known(&self) -> bool;
}

/// Defines a string enum with an `Other(String)` variant, `as_str`,
/// `KNOWN`, `From<&str>`, `From<String>`, `Display`, `FromJson`,
/// `Serialize` and [`Vocabulary`].
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $text:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                $variant,
            )*
            /// A value this crate does not know (AWS may have added it, or
            /// it is a typo), kept exactly as written.
            Other(String),
        }

        impl $name {
            /// Every value the botocore model lists, in the model's order.
            pub const KNOWN: &'static [&'static str] = &[$($text),*];

            /// The value as AWS writes it.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)*
                    $name::Other(s) => s,
                }
            }

            /// Whether the value is one the model lists (not [`Self::Other`]).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($text => $name::$variant,)*
                    other => $name::Other(other.to_owned()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($text => $name::$variant,)*
                    _ => $name::Other(s),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromJson for $name {
            fn read(
                p: &mut crate::json::parse::Parser<'_>,
            ) -> crate::Result<Result<Self, (Json, Mismatch)>> {
                if p.peek() != Some(b'"') {
                    return Ok(Self::from_json(p.value()?));
                }
                // Known values need no allocation.
                let text = p.str_value()?;
                Ok(Ok(match text.as_ref() {
                    $($text => $name::$variant,)*
                    _ => $name::Other(text.into_owned()),
                }))
            }
            fn mismatch(value: &Json) -> Option<Mismatch> {
                match value {
                    Json::String(_) => None,
                    other => Some(Mismatch::new("a string", other)),
                }
            }
            fn from_json(value: Json) -> Result<Self, (Json, Mismatch)> {
                match value {
                    Json::String(s) => Ok($name::from(s)),
                    other => {
                        let m = Mismatch::new("a string", &other);
                        Err((other, m))
                    }
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl Vocabulary for $name {
            const KNOWN: &'static [&'static str] = $name::KNOWN;
            fn as_str(&self) -> &str {
                $name::as_str(self)
            }
            fn is_known(&self) -> bool {
                $name::is_known(self)
            }
        }
    };
}

string_enum! {
    /// The Docker networking mode of a task's containers (botocore
    /// `NetworkMode`).
    pub enum NetworkMode {
        /// `bridge`: Docker's built-in virtual network (the Linux EC2 default).
        Bridge = "bridge",
        /// `host`: the host's network interface, no port remapping.
        Host = "host",
        /// `awsvpc`: an elastic network interface per task (required on Fargate).
        Awsvpc = "awsvpc",
        /// `none`: no external connectivity, no port mappings.
        None = "none",
    }
}

string_enum! {
    /// A launch type a task definition is validated against (botocore
    /// `Compatibility`).
    pub enum Compatibility {
        /// `EC2`
        Ec2 = "EC2",
        /// `FARGATE`
        Fargate = "FARGATE",
        /// `EXTERNAL` (ECS Anywhere)
        External = "EXTERNAL",
        /// `MANAGED_INSTANCES`
        ManagedInstances = "MANAGED_INSTANCES",
    }
}

string_enum! {
    /// The process namespace of a task's containers (botocore `PidMode`).
    pub enum PidMode {
        /// `host`
        Host = "host",
        /// `task`
        Task = "task",
    }
}

string_enum! {
    /// The IPC resource namespace of a task's containers (botocore `IpcMode`).
    pub enum IpcMode {
        /// `host`
        Host = "host",
        /// `task`
        Task = "task",
        /// `none`
        None = "none",
    }
}

string_enum! {
    /// The proxy type of a [`ProxyConfiguration`](super::ProxyConfiguration)
    /// (botocore `ProxyConfigurationType`).
    pub enum ProxyConfigurationType {
        /// `APPMESH`
        AppMesh = "APPMESH",
    }
}

string_enum! {
    /// The CPU architecture of a [`RuntimePlatform`](super::RuntimePlatform)
    /// (botocore `CPUArchitecture`).
    pub enum CpuArchitecture {
        /// `X86_64`
        X86_64 = "X86_64",
        /// `ARM64`
        Arm64 = "ARM64",
    }
}

string_enum! {
    /// The operating system of a [`RuntimePlatform`](super::RuntimePlatform)
    /// (botocore `OSFamily`).
    pub enum OsFamily {
        /// `WINDOWS_SERVER_2019_FULL`
        WindowsServer2019Full = "WINDOWS_SERVER_2019_FULL",
        /// `WINDOWS_SERVER_2019_CORE`
        WindowsServer2019Core = "WINDOWS_SERVER_2019_CORE",
        /// `WINDOWS_SERVER_2016_FULL`
        WindowsServer2016Full = "WINDOWS_SERVER_2016_FULL",
        /// `WINDOWS_SERVER_2004_CORE`
        WindowsServer2004Core = "WINDOWS_SERVER_2004_CORE",
        /// `WINDOWS_SERVER_2022_CORE`
        WindowsServer2022Core = "WINDOWS_SERVER_2022_CORE",
        /// `WINDOWS_SERVER_2022_FULL`
        WindowsServer2022Full = "WINDOWS_SERVER_2022_FULL",
        /// `WINDOWS_SERVER_2025_CORE`
        WindowsServer2025Core = "WINDOWS_SERVER_2025_CORE",
        /// `WINDOWS_SERVER_2025_FULL`
        WindowsServer2025Full = "WINDOWS_SERVER_2025_FULL",
        /// `WINDOWS_SERVER_20H2_CORE`
        WindowsServer20H2Core = "WINDOWS_SERVER_20H2_CORE",
        /// `LINUX`
        Linux = "LINUX",
    }
}

impl OsFamily {
    /// Whether this is one of the Windows Server families (including an
    /// unknown value starting with `WINDOWS`).
    pub fn is_windows(&self) -> bool {
        self.as_str().starts_with("WINDOWS")
    }
}

string_enum! {
    /// The protocol of a [`PortMapping`](super::PortMapping) (botocore
    /// `TransportProtocol`); `tcp` when omitted.
    pub enum TransportProtocol {
        /// `tcp`
        Tcp = "tcp",
        /// `udp`
        Udp = "udp",
    }
}

string_enum! {
    /// The application protocol of a port mapping, for Service Connect
    /// (botocore `ApplicationProtocol`).
    pub enum ApplicationProtocol {
        /// `http`
        Http = "http",
        /// `http2`
        Http2 = "http2",
        /// `grpc`
        Grpc = "grpc",
    }
}

string_enum! {
    /// Whether ECS resolves an image tag to a digest (botocore
    /// `VersionConsistency`); `enabled` when omitted.
    pub enum VersionConsistency {
        /// `enabled`
        Enabled = "enabled",
        /// `disabled`
        Disabled = "disabled",
    }
}

string_enum! {
    /// The kind of an [`EnvironmentFile`](super::EnvironmentFile) (botocore
    /// `EnvironmentFileType`).
    pub enum EnvironmentFileType {
        /// `s3`
        S3 = "s3",
    }
}

string_enum! {
    /// The state a [`ContainerDependency`](super::ContainerDependency) waits
    /// for (botocore `ContainerCondition`).
    pub enum ContainerCondition {
        /// `START`: the dependency has started.
        Start = "START",
        /// `COMPLETE`: the dependency has run to completion (any exit code).
        Complete = "COMPLETE",
        /// `SUCCESS`: the dependency has exited with code 0.
        Success = "SUCCESS",
        /// `HEALTHY`: the dependency passes its health check.
        Healthy = "HEALTHY",
    }
}

string_enum! {
    /// The resource a [`Ulimit`](super::Ulimit) limits (botocore `UlimitName`).
    pub enum UlimitName {
        /// `core`
        Core = "core",
        /// `cpu`
        Cpu = "cpu",
        /// `data`
        Data = "data",
        /// `fsize`
        Fsize = "fsize",
        /// `locks`
        Locks = "locks",
        /// `memlock`
        Memlock = "memlock",
        /// `msgqueue`
        Msgqueue = "msgqueue",
        /// `nice`
        Nice = "nice",
        /// `nofile`
        Nofile = "nofile",
        /// `nproc`
        Nproc = "nproc",
        /// `rss`
        Rss = "rss",
        /// `rtprio`
        Rtprio = "rtprio",
        /// `rttime`
        Rttime = "rttime",
        /// `sigpending`
        Sigpending = "sigpending",
        /// `stack`
        Stack = "stack",
    }
}

string_enum! {
    /// The log driver of a [`LogConfiguration`](super::LogConfiguration)
    /// (botocore `LogDriver`).
    pub enum LogDriver {
        /// `json-file`
        JsonFile = "json-file",
        /// `syslog`
        Syslog = "syslog",
        /// `journald`
        Journald = "journald",
        /// `gelf`
        Gelf = "gelf",
        /// `fluentd`
        Fluentd = "fluentd",
        /// `awslogs` (CloudWatch Logs)
        Awslogs = "awslogs",
        /// `splunk`
        Splunk = "splunk",
        /// `awsfirelens`
        Awsfirelens = "awsfirelens",
    }
}

string_enum! {
    /// The kind of a [`ResourceRequirement`](super::ResourceRequirement)
    /// (botocore `ResourceType`).
    pub enum ResourceType {
        /// `GPU`
        Gpu = "GPU",
        /// `InferenceAccelerator`
        InferenceAccelerator = "InferenceAccelerator",
        /// `NeuronDevice`
        NeuronDevice = "NeuronDevice",
    }
}

string_enum! {
    /// The log router of a [`FirelensConfiguration`](super::FirelensConfiguration)
    /// (botocore `FirelensConfigurationType`).
    pub enum FirelensConfigurationType {
        /// `fluentd`
        Fluentd = "fluentd",
        /// `fluentbit`
        Fluentbit = "fluentbit",
    }
}

string_enum! {
    /// The lifetime of a Docker volume (botocore `Scope`).
    pub enum Scope {
        /// `task`: removed when the task stops.
        Task = "task",
        /// `shared`: persists after the task stops.
        Shared = "shared",
    }
}

string_enum! {
    /// Whether EFS traffic is encrypted in transit (botocore
    /// `EFSTransitEncryption`).
    pub enum EfsTransitEncryption {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
    }
}

string_enum! {
    /// Whether the task role is used to mount an EFS file system (botocore
    /// `EFSAuthorizationConfigIAM`).
    pub enum EfsAuthorizationConfigIam {
        /// `ENABLED`
        Enabled = "ENABLED",
        /// `DISABLED`
        Disabled = "DISABLED",
    }
}

string_enum! {
    /// A cgroup permission of a [`Device`](super::Device) (botocore
    /// `DeviceCgroupPermission`).
    pub enum DeviceCgroupPermission {
        /// `read`
        Read = "read",
        /// `write`
        Write = "write",
        /// `mknod`
        Mknod = "mknod",
    }
}

string_enum! {
    /// The kind of a task placement constraint (botocore
    /// `TaskDefinitionPlacementConstraintType`).
    pub enum PlacementConstraintType {
        /// `memberOf`
        MemberOf = "memberOf",
    }
}

string_enum! {
    /// The status of a registered task definition revision (botocore
    /// `TaskDefinitionStatus`).
    pub enum TaskDefinitionStatus {
        /// `ACTIVE`
        Active = "ACTIVE",
        /// `INACTIVE`
        Inactive = "INACTIVE",
        /// `DELETE_IN_PROGRESS`
        DeleteInProgress = "DELETE_IN_PROGRESS",
    }
}

string_enum! {
    /// The kind of resource an [`Attribute`](super::Attribute) is attached
    /// to (botocore `TargetType`).
    pub enum TargetType {
        /// `container-instance`
        ContainerInstance = "container-instance",
    }
}
