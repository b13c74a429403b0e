//! Container definitions: the `containerDefinitions` list (not empty, at
//! most 10, one essential), and each container's `name`, `image`, `cpu`,
//! `memory`, `memoryReservation`, `secrets`, `dependsOn`, `startTimeout`
//! and `stopTimeout`, `privileged`, `restartPolicy`, and the small records
//! nested in it. What a container's network, volume, Linux, health check
//! and logging members must be is in [`network`], [`volume`], [`linux`],
//! [`health`] and [`logging`].
//!
//! [`network`]: super::network
//! [`volume`]: super::volume
//! [`linux`]: super::linux
//! [`health`]: super::health
//! [`logging`]: super::logging

use super::{
    members, name_problem, network, require, simple_check, unknown_container, volume, Check, Cx,
    Task,
};
use crate::check::{has, Loc};
use crate::code::Code;
use crate::ecs::{
    ContainerCondition, ContainerDefinition, ContainerDependency, ContainerRestartPolicy,
};
use crate::finding::Finding;
use crate::json::record::Record;

/// The member enum of [`ContainerDefinition`].
type M = <ContainerDefinition as Record>::Member;

/// What messages call a container definition.
const WHAT: &str = "container definition";

/// `containerDefinitions`: at least one container, at most 10, each
/// checked, and at least one essential.
pub(super) fn containers(cx: &mut Cx, containers: &Option<Vec<ContainerDefinition>>, at: &Loc) {
    let Some(containers) = containers else {
        return;
    };
    if containers.is_empty() {
        cx.report(
            Code::NoContainers,
            at,
            "containerDefinitions is empty: expected at least one container (Container list cannot be empty)",
        );
        return;
    }
    if containers.len() > 10 {
        cx.report(
            Code::TooManyContainers,
            at,
            format!(
                "task has {} containers: expected at most 10 per task definition (ECS quota)",
                containers.len()
            ),
        );
    }
    for (i, c) in containers.iter().enumerate() {
        container(cx, c, i, &at.index(i));
    }
    if !containers.iter().any(is_essential) {
        cx.report(
            Code::NoEssentialContainer,
            at,
            format!(
                "none of the {} containers is essential: expected at least one with \"essential\" true or omitted (All tasks must have at least one essential container)",
                containers.len()
            ),
        );
    }
}

/// The container `c`, the task's container `index`, at `loc`.
fn container(cx: &mut Cx, c: &ContainerDefinition, index: usize, loc: &Loc) {
    for m in [M::name, M::image] {
        if !has(c, m) {
            let key = super::key::<ContainerDefinition>(m);
            cx.missing(
                loc,
                WHAT,
                key,
                &format!(" by ECS (Container.{key} should not be null or empty)"),
            );
        }
    }
    if !cx.task.task_memory_set && !has(c, M::memory) && !has(c, M::memory_reservation) {
        cx.report(
            Code::ContainerMemoryRequired,
            loc,
            format!(
                "container {} sets neither \"memory\" nor \"memoryReservation\" and the task has no \"memory\": expected at least one of them",
                display_name(c)
            ),
        );
    }
    members(cx, c, loc, WHAT, |cx, m, at| member(cx, c, index, m, at));
}

impl ContainerDefinition {
    /// Checks this container on its own, as the only container of an EC2
    /// task with no task-level memory; for [`ContainerDefinitionBuilder`].
    /// Members that name other containers or volumes are not checked.
    ///
    /// [`ContainerDefinitionBuilder`]: crate::ecs::ContainerDefinitionBuilder
    pub(crate) fn check_alone(&self) -> Vec<Finding> {
        let mut cx = Cx::new(Task::alone(std::slice::from_ref(self)));
        members(&mut cx, self, &Loc::Root, WHAT, |cx, m, at| {
            if !matches!(m, M::depends_on | M::mount_points | M::volumes_from) {
                member(cx, self, 0, m, at);
            }
        });
        cx.into_findings()
    }
}

/// How messages name container `c`.
pub(super) fn display_name(c: &ContainerDefinition) -> String {
    match &c.name {
        Some(n) => format!("{n:?}"),
        None => "(unnamed)".to_owned(),
    }
}

/// Whether the task stops when `c` stops (`essential` true or omitted).
fn is_essential(c: &ContainerDefinition) -> bool {
    c.essential != Some(false)
}

/// The checks of member `m` of container `c` (the task's container
/// `index`), at `at`.
fn member(cx: &mut Cx, c: &ContainerDefinition, index: usize, m: M, at: &Loc) {
    match m {
        M::name => name(cx, c, index, at),
        M::image => image(cx, c, at),
        M::repository_credentials => c.repository_credentials.check(cx, at),
        M::cpu => {
            if let Some(cpu) = c.cpu {
                if cpu < 0 {
                    cx.report(
                        Code::InvalidContainerCpu,
                        at,
                        format!("cpu is {cpu}: expected 0 or more CPU units"),
                    );
                }
            }
        }
        M::memory => memory(cx, c, at),
        M::memory_reservation => {
            if let (Some(r), Some(m)) = (c.memory_reservation, c.memory) {
                if r > m {
                    cx.report(
                        Code::MemoryReservationAboveMemory,
                        at,
                        format!("memoryReservation is {r} MiB, above memory {m} MiB: expected memory >= memoryReservation"),
                    );
                }
            }
        }
        M::links => network::links(cx, c, at),
        M::port_mappings => network::port_mappings(cx, c, index, at),
        M::restart_policy => c.restart_policy.check(cx, at),
        M::environment => c.environment.check(cx, at),
        M::environment_files => c.environment_files.check(cx, at),
        M::mount_points => volume::mount_points(cx, c, at),
        M::volumes_from => volume::volumes_from(cx, c, at),
        M::linux_parameters => c.linux_parameters.check(cx, at),
        M::secrets => {
            let Some(secrets) = &c.secrets else { return };
            if !secrets.is_empty() && !cx.task.execution_role {
                cx.report(
                    Code::SecretsNeedExecutionRole,
                    at,
                    format!("container {} has secrets but the task has no \"executionRoleArn\": expected the task execution role (When you are specifying container secrets, you must also specify a value for 'executionRoleArn')", display_name(c)),
                );
            }
            secrets.check(cx, at);
        }
        M::depends_on => {
            let Some(deps) = &c.depends_on else { return };
            for (i, dep) in deps.iter().enumerate() {
                dependency(cx, c, dep, &at.index(i));
            }
        }
        M::start_timeout => timeout(cx, m, c.start_timeout, at),
        M::stop_timeout => timeout(cx, m, c.stop_timeout, at),
        M::version_consistency => c.version_consistency.check(cx, at),
        M::hostname => network::hostname(cx, c, at),
        M::privileged => {
            if c.privileged == Some(true) && cx.task.fargate {
                cx.report(
                    Code::FargatePrivileged,
                    at,
                    "privileged is true but the task requires FARGATE: expected false or omitted (not supported on Fargate)",
                );
            }
        }
        M::extra_hosts => network::extra_hosts(cx, c, at),
        M::docker_labels => c.docker_labels.check(cx, at),
        M::ulimits => c.ulimits.check(cx, at),
        M::log_configuration => c.log_configuration.check(cx, at),
        M::health_check => c.health_check.check(cx, at),
        M::system_controls => c.system_controls.check(cx, at),
        M::resource_requirements => c.resource_requirements.check(cx, at),
        M::firelens_configuration => c.firelens_configuration.check(cx, at),
        M::essential
        | M::entry_point
        | M::command
        | M::user
        | M::working_directory
        | M::disable_networking
        | M::readonly_root_filesystem
        | M::dns_servers
        | M::dns_search_domains
        | M::docker_security_options
        | M::interactive
        | M::pseudo_terminal
        | M::credential_specs => {}
    }
}

/// `name`: a valid name, not used by an earlier container.
fn name(cx: &mut Cx, c: &ContainerDefinition, index: usize, at: &Loc) {
    let Some(name) = &c.name else { return };
    if let Some(reason) = name_problem(name) {
        cx.report(
            Code::InvalidContainerName,
            at,
            format!("container name {name:?} {reason}"),
        );
    } else if cx
        .task
        .first_of_name
        .get(name.as_str())
        .is_some_and(|&first| first < index)
    {
        cx.report(
            Code::DuplicateContainerName,
            at,
            format!("container name {name:?} is used by an earlier container: expected unique names (Container names must be unique within a Task Definition)"),
        );
    }
}

/// `image`: an image reference ECS accepts; from Amazon ECR on Fargate,
/// with the execution role that pulls it.
fn image(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    let Some(image) = &c.image else { return };
    if let Some(reason) = image_problem(image) {
        cx.report(Code::InvalidImage, at, format!("image {image:?} {reason}"));
    } else if cx.task.fargate && !cx.task.execution_role && image.contains(".dkr.ecr.") {
        cx.report(
            Code::FargateExecutionRoleRequired,
            at,
            "image is in Amazon ECR and the task requires FARGATE, which pulls it with the task execution role: expected an \"executionRoleArn\"",
        );
    }
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

/// Container `memory`: at least 6 MiB, at most the task's (not for
/// Windows).
fn memory(cx: &mut Cx, c: &ContainerDefinition, at: &Loc) {
    let Some(memory) = c.memory else { return };
    if memory < 6 {
        cx.report(
            Code::ContainerMemoryTooLow,
            at,
            format!("memory is {memory} MiB: expected at least 6 MiB (Docker 20.10 and later need 6 MiB)"),
        );
    }
    if let Some(task) = cx.task.task_memory {
        if !cx.task.windows && memory > i64::from(task) {
            cx.report(
                Code::ContainerMemoryExceedsTask,
                at,
                format!("memory is {memory} MiB, more than the task's {task} MiB: expected at most the task memory"),
            );
        }
    }
}

/// `startTimeout` or `stopTimeout` (member `m`): 2 to 120 seconds on
/// Fargate, else not negative.
fn timeout(cx: &mut Cx, m: M, value: Option<i64>, at: &Loc) {
    let Some(v) = value else { return };
    let key = super::key::<ContainerDefinition>(m);
    if cx.task.fargate && !(2..=120).contains(&v) {
        cx.report(
            Code::FargateTimeout,
            at,
            format!("{key} is {v} seconds but the task requires FARGATE: expected 2 to 120"),
        );
    } else if v < 0 {
        cx.report(
            Code::InvalidTimeout,
            at,
            format!("{key} is {v} seconds: expected 0 or more"),
        );
    }
}

/// A `dependsOn` entry of container `c`: another container of the task,
/// and a condition it can reach.
fn dependency(cx: &mut Cx, c: &ContainerDefinition, dep: &ContainerDependency, loc: &Loc) {
    type D = <ContainerDependency as Record>::Member;
    const WHAT: &str = "container dependency";
    require(cx, dep, D::container_name, loc, WHAT);
    require(cx, dep, D::condition, loc, WHAT);
    let target = dep.container_name.as_deref().and_then(|n| {
        cx.task
            .containers
            .iter()
            .find(|c| c.name.as_deref() == Some(n))
    });
    members(cx, dep, loc, WHAT, |cx, m, at| match m {
        D::container_name => {
            let Some(name) = &dep.container_name else {
                return;
            };
            if c.name.as_deref() == Some(name.as_str()) {
                cx.report(
                    Code::UnknownContainer,
                    at,
                    format!("container {name:?} depends on itself: expected another container of the task"),
                );
            } else {
                unknown_container(cx, name, "dependsOn", at);
            }
        }
        D::condition => {
            let Some(cond) = &dep.condition else { return };
            cond.check(cx, at);
            let Some(target) = target else { return };
            let tname = display_name(target);
            match cond {
                ContainerCondition::Complete | ContainerCondition::Success
                    if is_essential(target) =>
                {
                    cx.report(
                        Code::DependencyOnEssential,
                        at,
                        format!("condition {:?} waits for container {tname} to exit, but it is essential: expected START or HEALTHY, or a container with \"essential\": false", cond.as_str()),
                    );
                }
                ContainerCondition::Healthy if target.health_check.is_none() => {
                    cx.report(
                        Code::DependencyWithoutHealthCheck,
                        at,
                        format!("condition \"HEALTHY\" waits for container {tname}, which has no healthCheck: expected a health check on it"),
                    );
                }
                _ => {}
            }
        }
    });
}

/// `restartPolicy`: at most 50 ignored exit codes, an attempt period of
/// 60 to 1800 seconds.
impl Check for ContainerRestartPolicy {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        type M = <ContainerRestartPolicy as Record>::Member;
        const WHAT: &str = "restart policy";
        require(cx, self, M::enabled, loc, WHAT);
        members(cx, self, loc, WHAT, |cx, m, at| match m {
            M::enabled => {}
            M::ignored_exit_codes => {
                if let Some(codes) = &self.ignored_exit_codes {
                    if codes.len() > 50 {
                        cx.report(
                            Code::RestartPolicy,
                            at,
                            format!(
                                "ignoredExitCodes has {} codes: expected at most 50",
                                codes.len()
                            ),
                        );
                    }
                }
            }
            M::restart_attempt_period => {
                if let Some(p) = self.restart_attempt_period {
                    if !(60..=1800).contains(&p) {
                        cx.report(
                            Code::RestartPolicy,
                            at,
                            format!("restartAttemptPeriod is {p}: expected 60 to 1800 seconds"),
                        );
                    }
                }
            }
        });
    }
}

simple_check!(
    crate::ecs::RepositoryCredentials,
    "repository credentials",
    required: [credentials_parameter],
    nested: []
);
simple_check!(crate::ecs::KeyValuePair, "name/value pair", required: [], nested: []);
simple_check!(
    crate::ecs::EnvironmentFile,
    "environment file",
    required: [value, r#type],
    nested: [r#type]
);
simple_check!(
    crate::ecs::Secret,
    "secret",
    required: [name, value_from],
    nested: []
);
simple_check!(
    crate::ecs::ResourceRequirement,
    "resource requirement",
    required: [value, r#type],
    nested: [r#type]
);
