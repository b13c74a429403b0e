//! Offline checks of a task definition: what `RegisterTaskDefinition` or
//! the first task launch would reject (RULES.md section 5). Every code is
//! listed in `docs/checks.md`.
//!
//! Findings come out in document order: each object is walked in the order
//! its members were written (then fields set since, in declaration order),
//! and findings about a missing member come first, at the object's
//! pointer. Pointers are built only when a finding is emitted.

use crate::code::Code;
use std::collections::{HashMap, HashSet};

use super::model::*;
use super::size::{lookup, parse_cpu, parse_memory};
use super::vocab::*;
use crate::finding::{Finding, Severity};
use crate::json::record::{Layout, Slot};
use crate::json::Pointer;
use crate::{RoleArn, RoleName};

/// A place in the document, turned into a [`Pointer`] only when needed.
#[derive(Clone, Copy)]
pub(crate) enum Loc<'a> {
    Root,
    Key(&'a Loc<'a>, &'a str),
    Index(&'a Loc<'a>, usize),
}

impl<'a> Loc<'a> {
    pub(crate) fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc::Key(self, key)
    }

    pub(crate) fn index(&'a self, index: usize) -> Loc<'a> {
        Loc::Index(self, index)
    }

    pub(crate) fn pointer(&self) -> Pointer {
        match self {
            Loc::Root => Pointer::root(),
            Loc::Key(parent, key) => parent.pointer().key(key),
            Loc::Index(parent, index) => parent.pointer().index(*index),
        }
    }
}

/// Where findings go.
pub(crate) struct Out {
    pub(crate) findings: Vec<Finding>,
}

impl Out {
    fn push(&mut self, severity: Severity, code: Code, loc: &Loc, message: String) {
        self.findings
            .push(Finding::new(severity, code, loc.pointer(), message));
    }

    fn error(&mut self, code: Code, loc: &Loc, message: String) {
        self.push(Severity::Error, code, loc, message);
    }

    fn warning(&mut self, code: Code, loc: &Loc, message: String) {
        self.push(Severity::Warning, code, loc, message);
    }

    fn missing(&mut self, loc: &Loc, what: &str, key: &str, extra: &str) {
        self.error(
            Code::MissingField,
            loc,
            format!("{what} has no {key:?}: expected it, as it is required{extra}"),
        );
    }
}

/// Facts about the whole task that the member checks need.
pub(crate) struct Cx<'a> {
    network_mode: Option<&'a NetworkMode>,
    fargate: bool,
    windows: bool,
    execution_role: bool,
    /// Whether the task has a `memory` member (parsed or not).
    task_memory_set: bool,
    task_memory: Option<u32>,
    /// The container names in order (for messages).
    names: Vec<Option<&'a str>>,
    /// Each container name with the index of its first container, so that
    /// lookups stay linear in the number of containers.
    first_of_name: HashMap<&'a str, usize>,
    containers: &'a [ContainerDefinition],
    /// The volume names in order (for messages), and as a set.
    volumes: Vec<&'a str>,
    volume_set: HashSet<&'a str>,
    /// (container, mapping) -> (host port, protocol) for mappings whose
    /// host port an earlier mapping already took.
    duplicate_ports: HashMap<(usize, usize), (i64, String)>,
}

/// A check of one value at one place.
pub(crate) trait Check {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out);
}

/// An absent value has nothing to check.
impl<T: Check> Check for Option<T> {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        if let Some(v) = self {
            v.check(cx, loc, out);
        }
    }
}

impl<T: Check> Check for Vec<T> {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        for (i, item) in self.iter().enumerate() {
            item.check(cx, &loc.index(i), out);
        }
    }
}

/// A string map (`dockerLabels`, log `options`, `driverOpts`, `labels`)
/// keeps duplicate keys as written; JSON readers disagree on which copy
/// wins (AWS forbids them), so each later copy is an error.
impl<T> Check for crate::json::record::Entries<T> {
    fn check(&self, _cx: &Cx, loc: &Loc, out: &mut Out) {
        let mut seen = HashSet::new();
        for (key, _) in &self.0 {
            if !seen.insert(key.as_str()) {
                out.error(
                    Code::DuplicateKey,
                    &loc.key(key),
                    format!(
                        "key {key:?} appears more than once in the map: expected each key once"
                    ),
                );
            }
        }
    }
}

/// The unknown-value warning for a closed vocabulary.
pub(crate) fn check_vocab(value: &str, known: &[&str], is_known: bool, loc: &Loc, out: &mut Out) {
    if !is_known {
        out.warning(
            Code::UnknownValue,
            loc,
            format!(
                "{value:?} is not a value the ECS model knows: expected one of {}; kept as written, but ECS rejects values it does not know",
                known.join(", ")
            ),
        );
    }
}

/// Walks an object's members in written order: `field` is called with the
/// key of every modelled member (also those set after reading, and those
/// absent: the callback ignores `None`), and each raw member gets its
/// layout finding (unknown field, duplicate key, type mismatch) in place.
pub(crate) fn walk(
    layout: &Layout,
    set: u128,
    keys: &'static [&'static str],
    loc: &Loc,
    what: &str,
    out: &mut Out,
    field: impl FnMut(&'static str, &mut Out),
) {
    walk_except(layout, set, keys, &[], loc, what, out, field);
}

/// [`walk`], passing over the members whose key is in `skip` (modelled or
/// raw) as if they were absent.
#[allow(clippy::too_many_arguments)]
fn walk_except(
    layout: &Layout,
    set: u128,
    keys: &'static [&'static str],
    skip: &[&str],
    loc: &Loc,
    what: &str,
    out: &mut Out,
    mut field: impl FnMut(&'static str, &mut Out),
) {
    let mut raws = Vec::new();
    if !layout.is_clean() {
        layout.findings(&loc.pointer(), what, keys, set, &mut raws);
    }
    // One finding per raw member, in order.
    let mut raws = raws.into_iter();
    for slot in layout.slots() {
        match slot {
            Slot::Field(i) => {
                let key = keys[usize::from(*i)];
                if !skip.contains(&key) {
                    field(key, out);
                }
            }
            Slot::Raw(raw) if Layout::is_stale(raw, keys, set) => {}
            Slot::Raw(raw) => {
                let finding = raws.next();
                if !skip.contains(&raw.key.as_str()) {
                    out.findings.extend(finding);
                }
            }
        }
    }
    for (i, key) in keys.iter().enumerate() {
        if !layout.has_field(i as u8) && !skip.contains(key) {
            field(key, out);
        }
    }
}

/// Whether a member with `key` was kept raw (so a `None` field is not
/// missing, just mistyped).
///
/// A later copy of a key (`Why::Duplicate`) does not count: while the field
/// is set it is not missing, and once it is removed its copies go with it.
fn raw_has(layout: &Layout, key: &str) -> bool {
    layout
        .raw()
        .any(|r| r.key == key && r.why != crate::json::record::Why::Duplicate)
}

/// Implements [`Check`] for a record whose only checks are required
/// members, raw members and nested values.
macro_rules! simple_check {
    ($ty:ty, $what:literal, [$($req:ident = $rkey:literal),*], [$($nf:ident = $nkey:literal),*]) => {
        impl Check for $ty {
            #[allow(unused_variables)]
            fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
                $(
                    if self.$req.is_none() && !raw_has(&self.layout, $rkey) {
                        out.missing(loc, $what, $rkey, "");
                    }
                )*
                walk(&self.layout, self.set_fields(), Self::KEYS, loc, $what, out, |key, out| {
                    $(
                        if key == $nkey {
                            if let Some(v) = &self.$nf {
                                v.check(cx, &loc.key($nkey), out);
                            }
                        }
                    )*
                });
            }
        }
    };
}

simple_check!(
    TaskDefinitionPlacementConstraint,
    "placement constraint",
    [],
    [r#type = "type"]
);
simple_check!(
    RuntimePlatform,
    "runtime platform",
    [],
    [
        cpu_architecture = "cpuArchitecture",
        operating_system_family = "operatingSystemFamily"
    ]
);
simple_check!(
    InferenceAccelerator,
    "inference accelerator",
    [device_name = "deviceName", device_type = "deviceType"],
    []
);
simple_check!(
    RepositoryCredentials,
    "repository credentials",
    [credentials_parameter = "credentialsParameter"],
    []
);
simple_check!(KeyValuePair, "name/value pair", [], []);
simple_check!(
    EnvironmentFile,
    "environment file",
    [value = "value", r#type = "type"],
    [r#type = "type"]
);
simple_check!(
    Secret,
    "secret",
    [name = "name", value_from = "valueFrom"],
    []
);
simple_check!(
    HostEntry,
    "host entry",
    [hostname = "hostname", ip_address = "ipAddress"],
    []
);
simple_check!(SystemControl, "system control", [], []);
simple_check!(
    ResourceRequirement,
    "resource requirement",
    [value = "value", r#type = "type"],
    [r#type = "type"]
);
simple_check!(
    FirelensConfiguration,
    "FireLens configuration",
    [r#type = "type"],
    [r#type = "type", options = "options"]
);
simple_check!(HostVolumeProperties, "host volume", [], []);
simple_check!(
    DockerVolumeConfiguration,
    "Docker volume configuration",
    [],
    [
        scope = "scope",
        driver_opts = "driverOpts",
        labels = "labels"
    ]
);
simple_check!(
    EfsVolumeConfiguration,
    "EFS volume configuration",
    [file_system_id = "fileSystemId"],
    [
        transit_encryption = "transitEncryption",
        authorization_config = "authorizationConfig"
    ]
);
simple_check!(
    S3FilesVolumeConfiguration,
    "S3 Files volume configuration",
    [file_system_arn = "fileSystemArn"],
    []
);
simple_check!(
    FsxWindowsFileServerVolumeConfiguration,
    "FSx for Windows File Server volume configuration",
    [
        file_system_id = "fileSystemId",
        root_directory = "rootDirectory",
        authorization_config = "authorizationConfig"
    ],
    [authorization_config = "authorizationConfig"]
);
simple_check!(
    FsxWindowsFileServerAuthorizationConfig,
    "FSx for Windows File Server authorization configuration",
    [
        credentials_parameter = "credentialsParameter",
        domain = "domain"
    ],
    []
);
simple_check!(
    EfsAuthorizationConfig,
    "EFS authorization configuration",
    [],
    [iam = "iam"]
);
simple_check!(KernelCapabilities, "kernel capabilities", [], []);
simple_check!(
    Device,
    "device",
    [host_path = "hostPath"],
    [permissions = "permissions"]
);
simple_check!(
    Tmpfs,
    "tmpfs mount",
    [container_path = "containerPath", size = "size"],
    []
);
simple_check!(
    LinuxParameters,
    "Linux parameters",
    [],
    [
        capabilities = "capabilities",
        devices = "devices",
        tmpfs = "tmpfs"
    ]
);

impl Check for Ulimit {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "ulimit";
        for (key, present) in [
            ("name", self.name.is_some()),
            ("softLimit", self.soft_limit.is_some()),
            ("hardLimit", self.hard_limit.is_some()),
        ] {
            if !present && !raw_has(&self.layout, key) {
                out.missing(loc, WHAT, key, "");
            }
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| match key {
                "name" => {
                    self.name.check(cx, &loc.key(key), out);
                }
                "softLimit" => {
                    if let (Some(soft), Some(hard)) = (self.soft_limit, self.hard_limit) {
                        if soft > hard {
                            out.error(
                            Code::UlimitSoftAboveHard,
                            &loc.key(key),
                            format!("softLimit {soft} is above hardLimit {hard}: expected softLimit <= hardLimit"),
                        );
                        }
                    }
                }
                _ => {}
            },
        );
    }
}

impl Check for ProxyConfiguration {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "proxy configuration";
        if self.container_name.is_none() && !raw_has(&self.layout, "containerName") {
            out.missing(loc, WHAT, "containerName", "");
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| match key {
                "type" => {
                    if let Some(v) = &self.r#type {
                        v.check(cx, &loc.key(key), out);
                    }
                }
                "containerName" => {
                    if let Some(name) = &self.container_name {
                        unknown_container(cx, name, "proxy configuration", &loc.key(key), out);
                    }
                }
                "properties" => {
                    self.properties.check(cx, &loc.key(key), out);
                }
                _ => {}
            },
        );
    }
}

impl Check for EphemeralStorage {
    fn check(&self, _cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "ephemeral storage";
        if self.size_in_gib.is_none() && !raw_has(&self.layout, "sizeInGiB") {
            out.missing(loc, WHAT, "sizeInGiB", "");
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| {
                if let ("sizeInGiB", Some(size)) = (key, self.size_in_gib) {
                    if !(21..=200).contains(&size) {
                        out.error(
                            Code::EphemeralStorageSize,
                            &loc.key(key),
                            format!("sizeInGiB is {size}: expected 21 to 200 GiB"),
                        );
                    }
                }
            },
        );
    }
}

impl Check for ContainerRestartPolicy {
    fn check(&self, _cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "restart policy";
        if self.enabled.is_none() && !raw_has(&self.layout, "enabled") {
            out.missing(loc, WHAT, "enabled", "");
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| match key {
                "ignoredExitCodes" => {
                    if let Some(codes) = &self.ignored_exit_codes {
                        if codes.len() > 50 {
                            out.error(
                                Code::RestartPolicy,
                                &loc.key(key),
                                format!(
                                    "ignoredExitCodes has {} codes: expected at most 50",
                                    codes.len()
                                ),
                            );
                        }
                    }
                }
                "restartAttemptPeriod" => {
                    if let Some(p) = self.restart_attempt_period {
                        if !(60..=1800).contains(&p) {
                            out.error(
                                Code::RestartPolicy,
                                &loc.key(key),
                                format!("restartAttemptPeriod is {p}: expected 60 to 1800 seconds"),
                            );
                        }
                    }
                }
                _ => {}
            },
        );
    }
}

impl Check for HealthCheck {
    fn check(&self, _cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "health check";
        if self.command.is_none() && !raw_has(&self.layout, "command") {
            out.missing(loc, WHAT, "command", "");
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| {
                let (value, range, default) = match key {
                    "command" => {
                        if let Some(command) = &self.command {
                            match command.first().map(String::as_str) {
                            Some("CMD" | "CMD-SHELL") => {}
                            first => out.error(
                                Code::HealthCheckCommand,
                                &loc.key(key),
                                format!(
                                    "health check command starts with {}: expected \"CMD\" or \"CMD-SHELL\" first",
                                    first.map_or("nothing".to_owned(), |f| format!("{f:?}"))
                                ),
                            ),
                        }
                        }
                        return;
                    }
                    "interval" => (self.interval, 5..=300, 30),
                    "timeout" => (self.timeout, 2..=60, 5),
                    "retries" => (self.retries, 1..=10, 3),
                    "startPeriod" => (self.start_period, 0..=300, 0),
                    _ => return,
                };
                if let Some(v) = value {
                    if !range.contains(&v) {
                        out.error(
                            Code::HealthCheckRange,
                            &loc.key(key),
                            format!(
                                "{key} is {v}: expected {} to {} ({default} when omitted)",
                                range.start(),
                                range.end()
                            ),
                        );
                    }
                }
            },
        );
    }
}

impl Check for Volume {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            "volume",
            out,
            |key, out| {
                let at = loc.key(key);
                match key {
                    "name" => {
                        if let Some(name) = &self.name {
                            if let Some(reason) = name_problem(name) {
                                out.error(
                                    Code::InvalidVolumeName,
                                    &at,
                                    format!("volume name {name:?} {reason}"),
                                );
                            }
                        }
                    }
                    "host" => {
                        if let Some(host) = &self.host {
                            host.check(cx, &at, out);
                            if cx.fargate {
                                if let Some(path) = &host.source_path {
                                    out.error(
                                    Code::FargateHostVolume,
                                    &at.key("sourcePath"),
                                    format!("host volume has sourcePath {path:?} but the task requires FARGATE: expected no sourcePath (host.sourcePath should not be set for volumes in Fargate)"),
                                );
                                }
                            }
                        }
                    }
                    "dockerVolumeConfiguration" => {
                        self.docker_volume_configuration.check(cx, &at, out);
                    }
                    "efsVolumeConfiguration" => {
                        self.efs_volume_configuration.check(cx, &at, out);
                    }
                    "s3filesVolumeConfiguration" => {
                        self.s3files_volume_configuration.check(cx, &at, out);
                    }
                    "fsxWindowsFileServerVolumeConfiguration" => {
                        self.fsx_windows_file_server_volume_configuration
                            .check(cx, &at, out);
                    }
                    _ => {}
                }
            },
        );
    }
}

impl Check for LogConfiguration {
    fn check(&self, cx: &Cx, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "log configuration";
        if self.log_driver.is_none() && !raw_has(&self.layout, "logDriver") {
            out.missing(loc, WHAT, "logDriver", "");
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| {
                let at = loc.key(key);
                match key {
                    "logDriver" => {
                        let Some(driver) = &self.log_driver else {
                            return;
                        };
                        driver.check(cx, &at, out);
                        if cx.fargate
                            && driver.is_known()
                            && !matches!(
                                driver,
                                LogDriver::Awslogs | LogDriver::Splunk | LogDriver::Awsfirelens
                            )
                        {
                            out.error(
                            Code::FargateLogDriver,
                            &at,
                            format!("log driver {:?} is not available on Fargate: expected awslogs, splunk or awsfirelens", driver.as_str()),
                        );
                        }
                        if cx.fargate && *driver == LogDriver::Awslogs && !cx.execution_role {
                            out.error(
                            Code::FargateExecutionRoleRequired,
                            &at,
                            "log driver \"awslogs\" on Fargate needs the task execution role: expected an \"executionRoleArn\" in the task definition".to_owned(),
                        );
                        }
                    }
                    "secretOptions" => {
                        if let Some(secrets) = &self.secret_options {
                            if !secrets.is_empty() && !cx.execution_role {
                                out.error(
                                Code::SecretsNeedExecutionRole,
                                &at,
                                "log configuration has secretOptions but the task has no \"executionRoleArn\": expected the task execution role that reads the secrets".to_owned(),
                            );
                            }
                            secrets.check(cx, &at, out);
                        }
                    }
                    "options" => {
                        self.options.check(cx, &at, out);
                    }
                    _ => {}
                }
            },
        );
    }
}

/// Each name with the index where it first occurs.
fn first_indexes<'a>(names: impl IntoIterator<Item = Option<&'a str>>) -> HashMap<&'a str, usize> {
    let mut first = HashMap::new();
    for (i, name) in names.into_iter().enumerate() {
        if let Some(name) = name {
            first.entry(name).or_insert(i);
        }
    }
    first
}

/// `unknown-container` when `name` names no container of the task.
fn unknown_container(cx: &Cx, name: &str, what: &str, loc: &Loc, out: &mut Out) {
    if !cx.first_of_name.contains_key(name) {
        out.error(
            Code::UnknownContainer,
            loc,
            format!(
                "{what} names container {name:?}, which is not in the task: expected one of {}",
                quoted_list(cx.names.iter().flatten().copied())
            ),
        );
    }
}

fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|s| format!("{s:?}")).collect();
    if items.is_empty() {
        "none (the task has no named containers)".to_owned()
    } else {
        items.join(", ")
    }
}

/// Why `name` is not up to 255 letters, digits, underscores and hyphens
/// (the rule for families, container names and volume names).
pub(crate) fn name_problem(name: &str) -> Option<String> {
    const RULE: &str = "expected 1 to 255 letters, digits, underscores and hyphens";
    if name.is_empty() {
        return Some(format!("is empty: {RULE}"));
    }
    if let Some((pos, c)) = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Some(format!(
            "has {:?} at position {pos}: {RULE}",
            String::from(c)
        ));
    }
    if name.len() > 255 {
        return Some(format!("has {} characters: {RULE}", name.len()));
    }
    None
}

/// Why `image` is not an image reference ECS accepts (botocore
/// `ContainerDefinition.image`).
pub(crate) fn image_problem(image: &str) -> Option<String> {
    const RULE: &str = "expected letters, digits, hyphens, underscores, colons, periods, slashes and number signs, then optionally @sha256: and 64 hex digits";
    if image.trim().is_empty() {
        return Some("is empty: expected an image such as \"nginx:latest\"".to_owned());
    }
    let (name, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some((pos, c)) = name
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || "-_:./#".contains(*c)))
    {
        return Some(format!(
            "has {:?} at position {pos}: {RULE}",
            String::from(c)
        ));
    }
    let count = name.chars().count();
    if count > 255 {
        return Some(format!(
            "has {count} characters before any digest: expected at most 255"
        ));
    }
    if name.is_empty() {
        return Some(
            "has no repository before \"@\": expected repository@sha256:digest".to_owned(),
        );
    }
    if let Some(digest) = digest {
        let hex = digest.strip_prefix("sha256:");
        match hex {
            Some(h) if h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {}
            _ => {
                return Some(format!(
                    "has digest {digest:?}: expected \"sha256:\" followed by exactly 64 hex digits"
                ))
            }
        }
    }
    None
}

/// Role ARN findings for `taskRoleArn` / `executionRoleArn`.
fn check_role(key: &str, value: &str, loc: &Loc, out: &mut Out) {
    if value.is_empty() {
        out.warning(
            Code::EmptyRoleArn,
            loc,
            format!(
                "{key} is empty: ECS treats it as no role; expected a role ARN, or no {key} member"
            ),
        );
        return;
    }
    if value.starts_with("arn:") {
        if let Err(e) = RoleArn::parse(value) {
            out.error(Code::InvalidRoleArn, loc, format!("{key}: {e}"));
        }
        return;
    }
    match RoleName::parse(value) {
        Ok(_) => out.warning(
            Code::RoleNameNotArn,
            loc,
            format!("{key} {value:?} is a role name, not an ARN: ECS accepts it and looks the role up in its own account; expected a full role ARN such as \"arn:aws:iam::111122223333:role/{value}\""),
        ),
        Err(e) => out.error(
            Code::InvalidRoleArn,
            loc,
            format!("{key}: {e}: expected a role ARN or a role name"),
        ),
    }
}

fn is_essential(c: &ContainerDefinition) -> bool {
    c.essential != Some(false)
}

/// The host port a mapping takes, if any: `hostPort`, or `containerPort`
/// under `awsvpc` / `host`; `0` and absent mean dynamic under `bridge`.
fn host_port(m: &PortMapping, mode: Option<&NetworkMode>) -> Option<i64> {
    let static_mode = matches!(mode, Some(NetworkMode::Awsvpc | NetworkMode::Host));
    match m.host_port {
        Some(p) if p != 0 => Some(p),
        _ if static_mode => m.container_port,
        _ => None,
    }
}

/// The members of a task definition that its checks read, borrowed: from
/// a [`TaskDefinition`], or from a described revision
/// (`RegisteredTaskDefinition`, which has the same members of the same
/// types plus read-only ones) without copying it into one. Built with
/// [`task_ref!`].
pub(crate) struct TaskRef<'a> {
    pub(crate) container_definitions: &'a Option<Vec<ContainerDefinition>>,
    pub(crate) family: &'a Option<String>,
    pub(crate) task_role_arn: &'a Option<String>,
    pub(crate) execution_role_arn: &'a Option<String>,
    pub(crate) network_mode: &'a Option<NetworkMode>,
    pub(crate) volumes: &'a Option<Vec<Volume>>,
    pub(crate) placement_constraints: &'a Option<Vec<TaskDefinitionPlacementConstraint>>,
    pub(crate) requires_compatibilities: &'a Option<Vec<Compatibility>>,
    pub(crate) cpu: &'a Option<String>,
    pub(crate) memory: &'a Option<String>,
    pub(crate) tags: &'a Option<Vec<Tag>>,
    pub(crate) pid_mode: &'a Option<PidMode>,
    pub(crate) ipc_mode: &'a Option<IpcMode>,
    pub(crate) proxy_configuration: &'a Option<ProxyConfiguration>,
    pub(crate) inference_accelerators: &'a Option<Vec<InferenceAccelerator>>,
    pub(crate) ephemeral_storage: &'a Option<EphemeralStorage>,
    pub(crate) runtime_platform: &'a Option<RuntimePlatform>,
    pub(crate) layout: &'a Layout,
    /// The record's set fields (`set_fields`), by field index.
    pub(crate) set: u128,
    /// The record's keys, by field index into `layout`.
    pub(crate) keys: &'static [&'static str],
    /// Members passed over as if absent: a described revision's read-only
    /// ones, which a register input does not have.
    pub(crate) skip: &'static [&'static str],
}

/// The [`TaskRef`] of `$record`, a record with a task definition's members
/// and the keys `$keys`, passing over the members in `$skip`.
macro_rules! task_ref {
    ($record:expr, $keys:expr, $skip:expr) => {{
        let r = $record;
        $crate::ecs::check::TaskRef {
            container_definitions: &r.container_definitions,
            family: &r.family,
            task_role_arn: &r.task_role_arn,
            execution_role_arn: &r.execution_role_arn,
            network_mode: &r.network_mode,
            volumes: &r.volumes,
            placement_constraints: &r.placement_constraints,
            requires_compatibilities: &r.requires_compatibilities,
            cpu: &r.cpu,
            memory: &r.memory,
            tags: &r.tags,
            pid_mode: &r.pid_mode,
            ipc_mode: &r.ipc_mode,
            proxy_configuration: &r.proxy_configuration,
            inference_accelerators: &r.inference_accelerators,
            ephemeral_storage: &r.ephemeral_storage,
            runtime_platform: &r.runtime_platform,
            layout: &r.layout,
            set: r.set_fields(),
            keys: $keys,
            skip: $skip,
        }
    }};
}
pub(crate) use task_ref;

impl TaskDefinition {
    /// The checks, appending to `out`, with `loc` the task definition's
    /// place in the document.
    pub(crate) fn check_at(&self, loc: &Loc, out: &mut Out) {
        task_ref!(self, Self::KEYS, &[]).check_at(loc, out);
    }
}

impl<'a> TaskRef<'a> {
    /// The facts the member checks need.
    fn context(&self) -> Cx<'a> {
        let containers = self.container_definitions.as_deref().unwrap_or(&[]);
        let fargate = self
            .requires_compatibilities
            .as_ref()
            .is_some_and(|c| c.contains(&Compatibility::Fargate));
        let windows = self
            .runtime_platform
            .as_ref()
            .and_then(|p| p.operating_system_family.as_ref())
            .is_some_and(OsFamily::is_windows);
        let mode = self.network_mode.as_ref();
        let mut seen: HashSet<(i64, String)> = HashSet::new();
        let mut duplicate_ports = HashMap::new();
        for (ci, c) in containers.iter().enumerate() {
            for (pi, m) in c.port_mappings.iter().flatten().enumerate() {
                let Some(port) = host_port(m, mode) else {
                    continue;
                };
                let proto = m
                    .protocol
                    .as_ref()
                    .map_or("tcp", TransportProtocol::as_str)
                    .to_owned();
                if seen.contains(&(port, proto.clone())) {
                    duplicate_ports.insert((ci, pi), (port, proto));
                } else {
                    seen.insert((port, proto));
                }
            }
        }
        Cx {
            network_mode: mode,
            fargate,
            windows,
            execution_role: self
                .execution_role_arn
                .as_deref()
                .is_some_and(|r| !r.is_empty()),
            task_memory_set: self.memory.is_some() || raw_has(self.layout, "memory"),
            task_memory: self.memory.as_deref().and_then(parse_memory),
            names: containers.iter().map(|c| c.name.as_deref()).collect(),
            first_of_name: first_indexes(containers.iter().map(|c| c.name.as_deref())),
            containers,
            volumes: self
                .volumes
                .iter()
                .flatten()
                .filter_map(|v| v.name.as_deref())
                .collect(),
            volume_set: self
                .volumes
                .iter()
                .flatten()
                .filter_map(|v| v.name.as_deref())
                .collect(),
            duplicate_ports,
        }
    }

    /// The checks, appending to `out`, with `loc` the task definition's
    /// place in the document.
    pub(crate) fn check_at(&self, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "task definition";
        let cx = self.context();
        if self.family.is_none() && !raw_has(self.layout, "family") {
            out.missing(loc, WHAT, "family", "");
        }
        if self.container_definitions.is_none() && !raw_has(self.layout, "containerDefinitions") {
            out.missing(loc, WHAT, "containerDefinitions", "");
        }
        if cx.fargate {
            if self.network_mode.is_none() && !raw_has(self.layout, "networkMode") {
                out.error(
                    Code::FargateNetworkMode,
                    loc,
                    "task requires FARGATE but has no \"networkMode\" (so \"bridge\"): Fargate only supports network mode \"awsvpc\"".to_owned(),
                );
            }
            for (key, field) in [("cpu", self.cpu), ("memory", self.memory)] {
                if field.is_none() && !raw_has(self.layout, key) {
                    out.error(
                        if key == "cpu" { Code::FargateCpuRequired } else { Code::FargateMemoryRequired },
                        loc,
                        format!("task requires FARGATE but has no task-level {key:?}: Fargate requires that {key:?} be defined at the task level"),
                    );
                }
            }
        }
        walk_except(
            self.layout,
            self.set,
            self.keys,
            self.skip,
            loc,
            WHAT,
            out,
            |key, out| {
                let at = loc.key(key);
                self.check_member(&cx, key, &at, out);
            },
        );
    }

    fn check_member(&self, cx: &Cx, key: &'static str, at: &Loc, out: &mut Out) {
        match key {
            "containerDefinitions" => {
                let Some(containers) = &self.container_definitions else {
                    return;
                };
                if containers.is_empty() {
                    out.error(
                        Code::NoContainers,
                        at,
                        "containerDefinitions is empty: expected at least one container (Container list cannot be empty)".to_owned(),
                    );
                    return;
                }
                if containers.len() > 10 {
                    out.warning(
                        Code::TooManyContainers,
                        at,
                        format!("task has {} containers: expected at most 10 per task definition (ECS quota)", containers.len()),
                    );
                }
                for (i, c) in containers.iter().enumerate() {
                    c.check_container(cx, i, &at.index(i), out);
                }
                if !containers.iter().any(is_essential) {
                    out.error(
                        Code::NoEssentialContainer,
                        at,
                        format!(
                            "none of the {} containers is essential: expected at least one with \"essential\" true or omitted (All tasks must have at least one essential container)",
                            containers.len()
                        ),
                    );
                }
            }
            "family" => {
                if let Some(family) = &self.family {
                    if let Some(reason) = name_problem(family) {
                        out.error(
                            Code::InvalidFamily,
                            at,
                            format!("family {family:?} {reason}"),
                        );
                    }
                }
            }
            "taskRoleArn" => {
                if let Some(v) = &self.task_role_arn {
                    check_role(key, v, at, out);
                }
            }
            "executionRoleArn" => {
                if let Some(v) = &self.execution_role_arn {
                    check_role(key, v, at, out);
                }
            }
            "networkMode" => {
                let Some(mode) = &self.network_mode else {
                    return;
                };
                mode.check(cx, at, out);
                if cx.fargate && *mode != NetworkMode::Awsvpc {
                    out.error(
                        Code::FargateNetworkMode,
                        at,
                        format!("networkMode is {:?} but the task requires FARGATE: expected \"awsvpc\" (Fargate only supports network mode \"awsvpc\")", mode.as_str()),
                    );
                }
            }
            "volumes" => {
                let Some(volumes) = &self.volumes else { return };
                let mut names = HashSet::new();
                for (i, v) in volumes.iter().enumerate() {
                    let vat = at.index(i);
                    v.check(cx, &vat, out);
                    if let Some(name) = &v.name {
                        if !names.insert(name.as_str()) {
                            out.error(
                                Code::DuplicateVolumeName,
                                &vat.key("name"),
                                format!("volume name {name:?} is used by an earlier volume: expected unique volume names"),
                            );
                        }
                    }
                }
            }
            "placementConstraints" => {
                let Some(pcs) = &self.placement_constraints else {
                    return;
                };
                if cx.fargate && !pcs.is_empty() {
                    out.error(
                        Code::FargatePlacementConstraints,
                        at,
                        format!("task requires FARGATE but has {} placement constraint(s): expected none (Fargate does not support task placement constraints)", pcs.len()),
                    );
                }
                pcs.check(cx, at, out);
            }
            "requiresCompatibilities" => {
                self.requires_compatibilities.check(cx, at, out);
            }
            "cpu" => self.check_task_cpu(cx, at, out),
            "memory" => self.check_task_memory(cx, at, out),
            "tags" => {
                if let Some(tags) = &self.tags {
                    check_tags(tags, at, out);
                }
            }
            "pidMode" => {
                let Some(mode) = &self.pid_mode else { return };
                mode.check(cx, at, out);
                if cx.fargate && *mode == PidMode::Host {
                    out.error(
                        Code::FargatePidMode,
                        at,
                        "pidMode is \"host\" but the task requires FARGATE: expected \"task\" (the only value Fargate supports)".to_owned(),
                    );
                }
            }
            "ipcMode" => {
                let Some(mode) = &self.ipc_mode else { return };
                mode.check(cx, at, out);
                if cx.fargate {
                    out.error(
                        Code::FargateIpcMode,
                        at,
                        format!("ipcMode is {:?} but the task requires FARGATE: expected no ipcMode (Tasks using the Fargate launch type do not support ipcMode)", mode.as_str()),
                    );
                }
            }
            "proxyConfiguration" => {
                self.proxy_configuration.check(cx, at, out);
            }
            "inferenceAccelerators" => {
                self.inference_accelerators.check(cx, at, out);
            }
            "ephemeralStorage" => {
                self.ephemeral_storage.check(cx, at, out);
            }
            "runtimePlatform" => {
                self.runtime_platform.check(cx, at, out);
            }
            _ => {}
        }
    }

    fn check_task_cpu(&self, cx: &Cx, at: &Loc, out: &mut Out) {
        let Some(text) = &self.cpu else { return };
        let Some(cpu) = parse_cpu(text) else {
            out.error(
                Code::InvalidTaskCpu,
                at,
                format!("cpu {text:?} is not a CPU value: expected CPU units such as \"1024\" or vCPUs such as \"1 vCPU\""),
            );
            return;
        };
        if cx.fargate {
            if let Some(memory) = self.memory.as_deref().and_then(parse_memory) {
                match lookup(cpu, memory) {
                    Err(reason) => out.error(
                        Code::FargateSize,
                        at,
                        format!("cpu {text:?} ({cpu} CPU units) with memory {:?} ({memory} MiB) is not a Fargate task size: {reason}", self.memory.as_deref().unwrap_or_default()),
                    ),
                    Ok(size) => {
                        if cx.windows && !size.supports_windows() {
                            out.error(
                                Code::FargateWindowsSize,
                                at,
                                format!("cpu is {cpu} CPU units but the task runs Windows containers on Fargate: expected 1024, 2048 or 4096 (The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate)"),
                            );
                        }
                    }
                }
            }
        } else if !cx.windows && !(128..=196_608).contains(&cpu) {
            out.error(
                Code::TaskCpuRange,
                at,
                format!("cpu {text:?} is {cpu} CPU units: expected 128 (0.125 vCPU) to 196608 (192 vCPU)"),
            );
        }
        if !cx.windows {
            // In i128: container values are any i64, and their sum must
            // not overflow (fuzz build_statement).
            let total: i128 = cx
                .containers
                .iter()
                .filter_map(|c| c.cpu)
                .map(i128::from)
                .sum();
            if total > i128::from(cpu) {
                out.error(
                    Code::ContainerCpuSumAboveTask,
                    at,
                    format!("containers reserve {total} CPU units in total, more than the task's {cpu}: expected the sum of container cpu to be at most the task cpu"),
                );
            }
        }
    }

    fn check_task_memory(&self, _cx: &Cx, at: &Loc, out: &mut Out) {
        let Some(text) = &self.memory else { return };
        let Some(memory) = parse_memory(text) else {
            out.error(
                Code::InvalidTaskMemory,
                at,
                format!("memory {text:?} is not a memory value: expected MiB such as \"2048\" or GB such as \"2 GB\""),
            );
            return;
        };
        let windows = _cx.windows;
        if windows {
            return;
        }
        let total: i128 = _cx
            .containers
            .iter()
            .filter_map(|c| c.memory_reservation.or(c.memory))
            .map(i128::from)
            .sum();
        if total > i128::from(memory) {
            out.error(
                Code::ContainerMemorySumAboveTask,
                at,
                format!("containers reserve {total} MiB in total (memoryReservation, else memory), more than the task's {memory} MiB: expected the sum to be at most the task memory"),
            );
        }
    }
}

pub(crate) fn check_tags(tags: &[Tag], at: &Loc, out: &mut Out) {
    if tags.len() > 50 {
        out.error(
            Code::TooManyTags,
            at,
            format!("{} tags: expected at most 50", tags.len()),
        );
    }
    let mut keys: HashSet<&str> = HashSet::new();
    for (i, tag) in tags.iter().enumerate() {
        let tat = at.index(i);
        walk(
            &tag.layout,
            tag.set_fields(),
            Tag::KEYS,
            &tat,
            "tag",
            out,
            |key, out| {
                let (Some(value), max, min) = (match key {
                    "key" => (tag.key.as_deref(), 128, 1),
                    "value" => (tag.value.as_deref(), 256, 0),
                    _ => (None, 0, 0),
                }) else {
                    return;
                };
                let kat = tat.key(key);
                let len = value.chars().count();
                if len < min || len > max {
                    out.error(
                        Code::InvalidTag,
                        &kat,
                        format!("tag {key} has {len} characters: expected {min} to {max}"),
                    );
                } else if let Some((pos, c)) = value.chars().enumerate().find(|(_, c)| {
                    !(c.is_alphabetic()
                        || c.is_numeric()
                        || (c.is_whitespace() && !c.is_control())
                        || "_.:/=+-@".contains(*c))
                }) {
                    out.error(
                    Code::InvalidTag,
                    &kat,
                    format!(
                        "tag {key} {value:?} has {:?} at position {pos}: expected letters, numbers, spaces and _ . : / = + - @",
                        String::from(c)
                    ),
                );
                }
                if value.len() >= 4 && value[..4].eq_ignore_ascii_case("aws:") {
                    out.error(
                    Code::ReservedTagPrefix,
                    &kat,
                    format!("tag {key} {value:?} starts with \"aws:\": expected no aws: prefix in any case (reserved for AWS use)"),
                );
                }
                if key == "key" && !keys.insert(value) {
                    out.error(
                        Code::DuplicateTagKey,
                        &kat,
                        format!(
                        "tag key {value:?} is used by an earlier tag: expected each tag key once"
                    ),
                    );
                }
            },
        );
        if tag.key.is_none() && !raw_has(&tag.layout, "key") {
            out.missing(&tat, "tag", "key", "");
        }
    }
}

impl ContainerDefinition {
    fn check_container(&self, cx: &Cx, index: usize, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "container definition";
        for key in ["name", "image"] {
            let present = if key == "name" {
                self.name.is_some()
            } else {
                self.image.is_some()
            };
            if !present && !raw_has(&self.layout, key) {
                out.missing(
                    loc,
                    WHAT,
                    key,
                    &format!(" by ECS (Container.{key} should not be null or empty)"),
                );
            }
        }
        if !cx.task_memory_set
            && self.memory.is_none()
            && self.memory_reservation.is_none()
            && !raw_has(&self.layout, "memory")
            && !raw_has(&self.layout, "memoryReservation")
        {
            out.error(
                Code::ContainerMemoryRequired,
                loc,
                format!(
                    "container {} sets neither \"memory\" nor \"memoryReservation\" and the task has no \"memory\": expected at least one of them",
                    self.display_name()
                ),
            );
        }
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            loc,
            WHAT,
            out,
            |key, out| {
                let at = loc.key(key);
                self.check_member(cx, index, key, &at, out);
            },
        );
    }

    fn display_name(&self) -> String {
        match &self.name {
            Some(n) => format!("{n:?}"),
            None => "(unnamed)".to_owned(),
        }
    }

    fn check_member(&self, cx: &Cx, index: usize, key: &'static str, at: &Loc, out: &mut Out) {
        let mode = cx.network_mode;
        let mode_name = mode.map_or("", NetworkMode::as_str);
        match key {
            "dockerLabels" => {
                self.docker_labels.check(cx, at, out);
            }
            "name" => {
                let Some(name) = &self.name else { return };
                if let Some(reason) = name_problem(name) {
                    out.error(
                        Code::InvalidContainerName,
                        at,
                        format!("container name {name:?} {reason}"),
                    );
                } else if cx
                    .first_of_name
                    .get(name.as_str())
                    .is_some_and(|&first| first < index)
                {
                    out.error(
                        Code::DuplicateContainerName,
                        at,
                        format!("container name {name:?} is used by an earlier container: expected unique names (Container names must be unique within a Task Definition)"),
                    );
                }
            }
            "image" => {
                let Some(image) = &self.image else { return };
                if let Some(reason) = image_problem(image) {
                    out.error(Code::InvalidImage, at, format!("image {image:?} {reason}"));
                } else if cx.fargate && !cx.execution_role && image.contains(".dkr.ecr.") {
                    out.error(
                        Code::FargateExecutionRoleRequired,
                        at,
                        "image is in Amazon ECR and the task requires FARGATE, which pulls it with the task execution role: expected an \"executionRoleArn\"".to_owned(),
                    );
                }
            }
            "repositoryCredentials" => {
                self.repository_credentials.check(cx, at, out);
            }
            "cpu" => {
                if let Some(cpu) = self.cpu {
                    if cpu < 0 {
                        out.error(
                            Code::InvalidContainerCpu,
                            at,
                            format!("cpu is {cpu}: expected 0 or more CPU units"),
                        );
                    }
                }
            }
            "memory" => {
                let Some(memory) = self.memory else { return };
                if memory < 6 {
                    out.error(
                        Code::ContainerMemoryTooLow,
                        at,
                        format!("memory is {memory} MiB: expected at least 6 MiB (Docker 20.10 and later need 6 MiB)"),
                    );
                }
                if let Some(task) = cx.task_memory {
                    if !cx.windows && memory > i64::from(task) {
                        out.error(
                            Code::ContainerMemoryExceedsTask,
                            at,
                            format!("memory is {memory} MiB, more than the task's {task} MiB: expected at most the task memory"),
                        );
                    }
                }
            }
            "memoryReservation" => {
                if let (Some(r), Some(m)) = (self.memory_reservation, self.memory) {
                    if r > m {
                        out.error(
                            Code::MemoryReservationAboveMemory,
                            at,
                            format!("memoryReservation is {r} MiB, above memory {m} MiB: expected memory >= memoryReservation"),
                        );
                    }
                }
            }
            "links" => {
                let Some(links) = &self.links else { return };
                if !links.is_empty() {
                    if let Some(m) = mode.filter(|m| **m != NetworkMode::Bridge) {
                        out.error(
                            Code::NetworkModeLinks,
                            at,
                            format!("container has links but networkMode is {:?}: links are only supported with \"bridge\"", m.as_str()),
                        );
                    }
                }
            }
            "portMappings" => {
                let Some(mappings) = &self.port_mappings else {
                    return;
                };
                if mode == Some(&NetworkMode::None) && !mappings.is_empty() {
                    out.error(
                        Code::NetworkModePortMappings,
                        at,
                        format!("container has {} port mapping(s) but networkMode is \"none\": expected no port mappings", mappings.len()),
                    );
                }
                for (i, m) in mappings.iter().enumerate() {
                    self.check_port_mapping(cx, index, i, m, mode_name, &at.index(i), out);
                }
            }
            "restartPolicy" => {
                self.restart_policy.check(cx, at, out);
            }
            "environment" => {
                self.environment.check(cx, at, out);
            }
            "environmentFiles" => {
                self.environment_files.check(cx, at, out);
            }
            "mountPoints" => {
                let Some(mps) = &self.mount_points else {
                    return;
                };
                for (i, mp) in mps.iter().enumerate() {
                    let mat = at.index(i);
                    walk(
                        &mp.layout,
                        mp.set_fields(),
                        MountPoint::KEYS,
                        &mat,
                        "mount point",
                        out,
                        |key, out| {
                            if let ("sourceVolume", Some(v)) = (key, &mp.source_volume) {
                                if !cx.volume_set.contains(v.as_str()) {
                                    out.error(
                                    Code::UnknownVolume,
                                    &mat.key(key),
                                    format!("mount point names volume {v:?}, which is not in the task's volumes: expected one of {}", quoted_list(cx.volumes.iter().copied())),
                                );
                                }
                            }
                        },
                    );
                }
            }
            "volumesFrom" => {
                let Some(vfs) = &self.volumes_from else {
                    return;
                };
                for (i, vf) in vfs.iter().enumerate() {
                    let vat = at.index(i);
                    walk(
                        &vf.layout,
                        vf.set_fields(),
                        VolumeFrom::KEYS,
                        &vat,
                        "volumes-from entry",
                        out,
                        |key, out| {
                            if let ("sourceContainer", Some(name)) = (key, &vf.source_container) {
                                unknown_container(cx, name, "volumesFrom", &vat.key(key), out);
                            }
                        },
                    );
                }
            }
            "linuxParameters" => {
                self.linux_parameters.check(cx, at, out);
            }
            "secrets" => {
                let Some(secrets) = &self.secrets else { return };
                if !secrets.is_empty() && !cx.execution_role {
                    out.error(
                        Code::SecretsNeedExecutionRole,
                        at,
                        format!("container {} has secrets but the task has no \"executionRoleArn\": expected the task execution role (When you are specifying container secrets, you must also specify a value for 'executionRoleArn')", self.display_name()),
                    );
                }
                secrets.check(cx, at, out);
            }
            "dependsOn" => {
                let Some(deps) = &self.depends_on else { return };
                for (i, dep) in deps.iter().enumerate() {
                    self.check_dependency(cx, dep, &at.index(i), out);
                }
            }
            "startTimeout" | "stopTimeout" => {
                let v = if key == "startTimeout" {
                    self.start_timeout
                } else {
                    self.stop_timeout
                };
                if let Some(v) = v {
                    if cx.fargate && !(2..=120).contains(&v) {
                        out.error(
                            Code::FargateTimeout,
                            at,
                            format!("{key} is {v} seconds but the task requires FARGATE: expected 2 to 120"),
                        );
                    } else if v < 0 {
                        out.error(
                            Code::InvalidTimeout,
                            at,
                            format!("{key} is {v} seconds: expected 0 or more"),
                        );
                    }
                }
            }
            "versionConsistency" => {
                self.version_consistency.check(cx, at, out);
            }
            "hostname" if self.hostname.is_some() && mode == Some(&NetworkMode::Awsvpc) => {
                out.error(
                    Code::NetworkModeHostname,
                    at,
                    "container sets hostname but networkMode is \"awsvpc\": expected no hostname (hostname is not supported on container when networkMode=awsvpc)".to_owned(),
                );
            }
            "privileged" if self.privileged == Some(true) && cx.fargate => {
                out.error(
                    Code::FargatePrivileged,
                    at,
                    "privileged is true but the task requires FARGATE: expected false or omitted (not supported on Fargate)".to_owned(),
                );
            }
            "extraHosts" => {
                let Some(hosts) = &self.extra_hosts else {
                    return;
                };
                if !hosts.is_empty() && mode == Some(&NetworkMode::Awsvpc) {
                    out.error(
                        Code::NetworkModeExtraHosts,
                        at,
                        "container sets extraHosts but networkMode is \"awsvpc\": expected no extraHosts (not supported with awsvpc)".to_owned(),
                    );
                }
                hosts.check(cx, at, out);
            }
            "ulimits" => {
                self.ulimits.check(cx, at, out);
            }
            "logConfiguration" => {
                self.log_configuration.check(cx, at, out);
            }
            "healthCheck" => {
                self.health_check.check(cx, at, out);
            }
            "systemControls" => {
                self.system_controls.check(cx, at, out);
            }
            "resourceRequirements" => {
                self.resource_requirements.check(cx, at, out);
            }
            "firelensConfiguration" => {
                self.firelens_configuration.check(cx, at, out);
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn check_port_mapping(
        &self,
        cx: &Cx,
        ci: usize,
        pi: usize,
        m: &PortMapping,
        mode_name: &str,
        loc: &Loc,
        out: &mut Out,
    ) {
        if m.container_port.is_none()
            && m.container_port_range.is_none()
            && !raw_has(&m.layout, "containerPort")
            && !raw_has(&m.layout, "containerPortRange")
        {
            out.error(
                Code::InvalidContainerPort,
                loc,
                format!("port mapping of container {} has no containerPort: expected a containerPort from 1 to 65535 (or a containerPortRange)", self.display_name()),
            );
        }
        let duplicate = cx.duplicate_ports.get(&(ci, pi));
        let mut duplicate_reported = false;
        walk(
            &m.layout,
            m.set_fields(),
            PortMapping::KEYS,
            loc,
            "port mapping",
            out,
            |key, out| {
                let at = loc.key(key);
                match key {
                    "containerPort" => {
                        let Some(port) = m.container_port else { return };
                        if !(1..=65535).contains(&port) {
                            out.error(
                                Code::InvalidContainerPort,
                                &at,
                                format!("containerPort is {port}: expected 1 to 65535"),
                            );
                        }
                    }
                    "hostPort" => {
                        let Some(port) = m.host_port else { return };
                        if !(0..=65535).contains(&port) {
                            out.error(
                                Code::InvalidHostPort,
                                &at,
                                format!("hostPort is {port}: expected 0 to 65535"),
                            );
                        }
                        if matches!(
                            cx.network_mode,
                            Some(NetworkMode::Awsvpc | NetworkMode::Host)
                        ) {
                            if let Some(cport) = m.container_port.filter(|c| *c != port) {
                                out.error(
                                Code::HostPortMismatch,
                                &at,
                                format!("hostPort {port} differs from containerPort {cport}: with networkMode {mode_name:?} the host port must be omitted or equal to the container port"),
                            );
                            }
                        }
                    }
                    "protocol" => {
                        m.protocol.check(cx, &at, out);
                    }
                    "appProtocol" => {
                        m.app_protocol.check(cx, &at, out);
                    }
                    _ => {}
                }
                // The duplicate is reported at the member that sets the port.
                if let Some((port, proto)) = duplicate {
                    let sets_port = (key == "hostPort" && m.host_port.is_some_and(|p| p != 0))
                        || (key == "containerPort" && !m.host_port.is_some_and(|p| p != 0));
                    if sets_port && !duplicate_reported {
                        duplicate_reported = true;
                        out.error(
                        Code::DuplicateHostPort,
                        &at,
                        format!("{} host port {port} is mapped multiple times in the task: expected each host port once", proto.to_uppercase()),
                    );
                    }
                }
            },
        );
    }

    fn check_dependency(&self, cx: &Cx, dep: &ContainerDependency, loc: &Loc, out: &mut Out) {
        const WHAT: &str = "container dependency";
        for (key, present) in [
            ("containerName", dep.container_name.is_some()),
            ("condition", dep.condition.is_some()),
        ] {
            if !present && !raw_has(&dep.layout, key) {
                out.missing(loc, WHAT, key, "");
            }
        }
        let target = dep
            .container_name
            .as_deref()
            .and_then(|n| cx.containers.iter().find(|c| c.name.as_deref() == Some(n)));
        walk(
            &dep.layout,
            dep.set_fields(),
            ContainerDependency::KEYS,
            loc,
            WHAT,
            out,
            |key, out| {
                let at = loc.key(key);
                match key {
                    "containerName" => {
                        let Some(name) = &dep.container_name else {
                            return;
                        };
                        if self.name.as_deref() == Some(name.as_str()) {
                            out.error(
                            Code::UnknownContainer,
                            &at,
                            format!("container {name:?} depends on itself: expected another container of the task"),
                        );
                        } else {
                            unknown_container(cx, name, "dependsOn", &at, out);
                        }
                    }
                    "condition" => {
                        let Some(cond) = &dep.condition else { return };
                        cond.check(cx, &at, out);
                        let Some(target) = target else { return };
                        let tname = target.display_name();
                        match cond {
                            ContainerCondition::Complete | ContainerCondition::Success
                                if is_essential(target) =>
                            {
                                out.error(
                                Code::DependencyOnEssential,
                                &at,
                                format!("condition {:?} waits for container {tname} to exit, but it is essential: expected START or HEALTHY, or a container with \"essential\": false", cond.as_str()),
                            );
                            }
                            ContainerCondition::Healthy if target.health_check.is_none() => {
                                out.warning(
                                Code::DependencyWithoutHealthCheck,
                                &at,
                                format!("condition \"HEALTHY\" waits for container {tname}, which has no healthCheck: expected a health check on it"),
                            );
                            }
                            _ => {}
                        }
                    }
                    _ => {}
                }
            },
        );
    }

    /// Checks this container on its own, as the only container of an EC2
    /// task with no task-level memory; for [`ContainerDefinitionBuilder`].
    ///
    /// [`ContainerDefinitionBuilder`]: super::ContainerDefinitionBuilder
    pub(crate) fn check_alone(&self) -> Vec<Finding> {
        let containers = std::slice::from_ref(self);
        let cx = Cx {
            network_mode: None,
            fargate: false,
            windows: false,
            execution_role: true,
            task_memory_set: true,
            task_memory: None,
            names: vec![self.name.as_deref()],
            first_of_name: first_indexes([self.name.as_deref()]),
            containers,
            volumes: Vec::new(),
            volume_set: HashSet::new(),
            duplicate_ports: HashMap::new(),
        };
        let mut out = Out {
            findings: Vec::new(),
        };
        let root = Loc::Root;
        walk(
            &self.layout,
            self.set_fields(),
            Self::KEYS,
            &root,
            "container definition",
            &mut out,
            |key, out| {
                if matches!(key, "dependsOn" | "mountPoints" | "volumesFrom") {
                    return;
                }
                self.check_member(&cx, 0, key, &root.key(key), out);
            },
        );
        out.findings
    }
}
