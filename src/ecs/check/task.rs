//! The task definition itself: its required members, the Fargate
//! requirements, `family`, task `cpu` and `memory`, `pidMode`, `ipcMode`,
//! `placementConstraints`, `proxyConfiguration`, `inferenceAccelerators`,
//! `ephemeralStorage` and `runtimePlatform`; and the entry points for a
//! register input and a described revision (describe output is in
//! [`described`](mod@super::described)).
//!
//! A described revision ([`RegisteredTaskDefinition`]) is checked in place
//! as the register input it stands for: its first members are
//! [`TaskDefinition`]'s, in the same order (both are declared with
//! `with_task_definition_members!`), so member `i` of either is
//! `TaskDefinition`'s member `i`, and its read-only members, which come
//! after, are passed over.

use super::{
    container, members, name_problem, network, require, roles, simple_check, tags, volume, Check,
    Cx, Task,
};
use crate::check::{has, walk, Loc, Reporter};
use crate::code::Code;
use crate::ecs::model::with_task_definition_members;
use crate::ecs::size::{lookup, parse_cpu, parse_memory};
use crate::ecs::{
    EphemeralStorage, IpcMode, PidMode, ProxyConfiguration, RegisteredTaskDefinition,
    TaskDefinition,
};
use crate::finding::Finding;
use crate::json::record::{Member, RawMember, Record};

/// The member enum of [`TaskDefinition`].
type TM = <TaskDefinition as Record>::Member;

/// Declares [`TaskMembers`] and implements [`TaskRecord`] from the task
/// definition's members (given by `with_task_definition_members!`).
macro_rules! task_members {
    ([$($(#[$doc:meta])* $field:ident : $ty:ty = $key:literal,)*]) => {
        /// A task definition's members, borrowed from a [`TaskRecord`].
        // Not every member has a check (`enableFaultInjection`).
        #[allow(dead_code)]
        pub(crate) struct TaskMembers<'a> {
            $(pub(crate) $field: &'a Option<$ty>,)*
        }

        impl TaskRecord for TaskDefinition {
            fn members(&self) -> TaskMembers<'_> {
                TaskMembers { $($field: &self.$field,)* }
            }
        }

        impl TaskRecord for RegisteredTaskDefinition {
            fn members(&self) -> TaskMembers<'_> {
                TaskMembers { $($field: &self.$field,)* }
            }
        }
    };
}

with_task_definition_members!(task_members! {});

/// A record whose first members are a task definition's, in the same
/// order: [`TaskDefinition`], and [`RegisteredTaskDefinition`], whose
/// read-only members come after them.
pub(crate) trait TaskRecord: Record {
    /// The task definition's members.
    fn members(&self) -> TaskMembers<'_>;

    /// This record's member for the task definition member `m`.
    fn member(m: TM) -> Self::Member {
        Self::MEMBERS[m.index()]
    }

    /// The task definition member that `m` is, or `None` for a read-only
    /// member.
    fn task_member(m: Self::Member) -> Option<TM> {
        TaskDefinition::MEMBERS.get(m.index()).copied()
    }

    /// The keys of the read-only members.
    fn read_only_keys() -> &'static [&'static str] {
        &Self::KEYS[TaskDefinition::KEYS.len()..]
    }
}

/// Whether `keys` starts with `prefix`.
const fn starts_with(keys: &[&str], prefix: &[&str]) -> bool {
    if keys.len() < prefix.len() {
        return false;
    }
    let mut i = 0;
    while i < prefix.len() {
        let (a, b) = (keys[i].as_bytes(), prefix[i].as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut j = 0;
        while j < a.len() {
            if a[j] != b[j] {
                return false;
            }
            j += 1;
        }
        i += 1;
    }
    true
}

const _: () = assert!(
    starts_with(RegisteredTaskDefinition::KEYS, TaskDefinition::KEYS),
    "a described revision's first members are the task definition's"
);

/// The findings of a register input, in document order.
pub(crate) fn task_definition(td: &TaskDefinition) -> Vec<Finding> {
    let mut cx = Cx::new(Task::of(td));
    check(&mut cx, td, &Loc::Root);
    cx.into_findings()
}

/// The findings of a described revision as a register input, in document
/// order.
pub(crate) fn registered(r: &RegisteredTaskDefinition) -> Vec<Finding> {
    let mut cx = Cx::described(Task::of(r));
    check(&mut cx, r, &Loc::Root);
    cx.into_findings()
}

/// The [`Reporter`] of a task record's own members: raw members under a
/// read-only key are passed over, as a register input does not have them.
struct Register<'c, 'a> {
    cx: &'c mut Cx<'a>,
    read_only: &'static [&'static str],
}

impl Reporter for Register<'_, '_> {
    fn raw_member(&mut self, raw: &RawMember, loc: &Loc, what: &str, keys: &[&str]) {
        if !self.read_only.contains(&raw.key.as_str()) {
            self.cx.raw_member(raw, loc, what, keys);
        }
    }
}

/// The checks of the task definition `record` at `loc`; `cx` has its
/// facts.
pub(super) fn check<R: TaskRecord>(cx: &mut Cx, record: &R, loc: &Loc) {
    const WHAT: &str = "task definition";
    let td = record.members();
    require(cx, record, R::member(TM::family), loc, WHAT);
    require(cx, record, R::member(TM::container_definitions), loc, WHAT);
    if cx.task.fargate {
        if !has(record, R::member(TM::network_mode)) {
            cx.report(
                Code::FargateNetworkMode,
                loc,
                "task requires FARGATE but has no \"networkMode\" (so \"bridge\"): Fargate only supports network mode \"awsvpc\"",
            );
        }
        for (m, code) in [
            (TM::cpu, Code::FargateCpuRequired),
            (TM::memory, Code::FargateMemoryRequired),
        ] {
            if !has(record, R::member(m)) {
                let key = super::key::<TaskDefinition>(m);
                cx.report(
                    code,
                    loc,
                    format!("task requires FARGATE but has no task-level {key:?}: Fargate requires that {key:?} be defined at the task level"),
                );
            }
        }
    }
    let mut own = Register {
        cx,
        read_only: R::read_only_keys(),
    };
    walk(&mut own, record, loc, WHAT, |own, member| {
        if let Some(m) = R::task_member(member) {
            let at = loc.key(super::key::<R>(member));
            check_member(own.cx, &td, m, &at);
        }
    });
}

/// The checks of the task definition's member `m`, at `at`.
fn check_member(cx: &mut Cx, td: &TaskMembers, m: TM, at: &Loc) {
    let key = super::key::<TaskDefinition>(m);
    match m {
        TM::container_definitions => container::containers(cx, td.container_definitions, at),
        TM::family => {
            if let Some(family) = td.family {
                if let Some(reason) = name_problem(family) {
                    cx.report(
                        Code::InvalidFamily,
                        at,
                        format!("family {family:?} {reason}"),
                    );
                }
            }
        }
        TM::task_role_arn => roles::role(cx, key, td.task_role_arn, at),
        TM::execution_role_arn => roles::role(cx, key, td.execution_role_arn, at),
        TM::network_mode => network::network_mode(cx, td.network_mode, at),
        TM::volumes => volume::volumes(cx, td.volumes, at),
        TM::placement_constraints => {
            let Some(pcs) = td.placement_constraints else {
                return;
            };
            if cx.task.fargate && !pcs.is_empty() {
                cx.report(
                    Code::FargatePlacementConstraints,
                    at,
                    format!("task requires FARGATE but has {} placement constraint(s): expected none (Fargate does not support task placement constraints)", pcs.len()),
                );
            }
            pcs.check(cx, at);
        }
        TM::requires_compatibilities => td.requires_compatibilities.check(cx, at),
        TM::cpu => task_cpu(cx, td, at),
        TM::memory => task_memory(cx, td, at),
        TM::tags => {
            if let Some(t) = td.tags {
                tags::tags(cx, t, at);
            }
        }
        TM::pid_mode => pid_mode(cx, td.pid_mode, at),
        TM::ipc_mode => ipc_mode(cx, td.ipc_mode, at),
        TM::proxy_configuration => td.proxy_configuration.check(cx, at),
        TM::inference_accelerators => td.inference_accelerators.check(cx, at),
        TM::ephemeral_storage => td.ephemeral_storage.check(cx, at),
        TM::runtime_platform => td.runtime_platform.check(cx, at),
        TM::enable_fault_injection => {}
    }
}

/// Task `cpu`: a CPU value; on Fargate, a Fargate size with `memory`
/// (at least 1 vCPU for Windows); elsewhere 128 to 196608 units; at least
/// the containers' `cpu` in total (not for Windows).
fn task_cpu(cx: &mut Cx, td: &TaskMembers, at: &Loc) {
    let Some(text) = td.cpu else { return };
    let Some(cpu) = parse_cpu(text) else {
        cx.report(
            Code::InvalidTaskCpu,
            at,
            format!("cpu {text:?} is not a CPU value: expected CPU units such as \"1024\" or vCPUs such as \"1 vCPU\""),
        );
        return;
    };
    if cx.task.fargate {
        if let Some(memory) = td.memory.as_deref().and_then(parse_memory) {
            match lookup(cpu, memory) {
                Err(reason) => cx.report(
                    Code::FargateSize,
                    at,
                    format!("cpu {text:?} ({cpu} CPU units) with memory {:?} ({memory} MiB) is not a Fargate task size: {reason}", td.memory.as_deref().unwrap_or_default()),
                ),
                Ok(size) => {
                    if cx.task.windows && !size.supports_windows() {
                        cx.report(
                            Code::FargateWindowsSize,
                            at,
                            format!("cpu is {cpu} CPU units but the task runs Windows containers on Fargate: expected 1024, 2048 or 4096 (The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate)"),
                        );
                    }
                }
            }
        }
    } else if !cx.task.windows && !(128..=196_608).contains(&cpu) {
        cx.report(
            Code::TaskCpuRange,
            at,
            format!(
                "cpu {text:?} is {cpu} CPU units: expected 128 (0.125 vCPU) to 196608 (192 vCPU)"
            ),
        );
    }
    if !cx.task.windows {
        // In i128: container values are any i64, and their sum must
        // not overflow (fuzz build_statement).
        let total: i128 = cx
            .task
            .containers
            .iter()
            .filter_map(|c| c.cpu)
            .map(i128::from)
            .sum();
        if total > i128::from(cpu) {
            cx.report(
                Code::ContainerCpuSumAboveTask,
                at,
                format!("containers reserve {total} CPU units in total, more than the task's {cpu}: expected the sum of container cpu to be at most the task cpu"),
            );
        }
    }
}

/// Task `memory`: a memory value, at least what the containers reserve in
/// total (not for Windows).
fn task_memory(cx: &mut Cx, td: &TaskMembers, at: &Loc) {
    let Some(text) = td.memory else { return };
    let Some(memory) = parse_memory(text) else {
        cx.report(
            Code::InvalidTaskMemory,
            at,
            format!("memory {text:?} is not a memory value: expected MiB such as \"2048\" or GB such as \"2 GB\""),
        );
        return;
    };
    if cx.task.windows {
        return;
    }
    let total: i128 = cx
        .task
        .containers
        .iter()
        .filter_map(|c| c.memory_reservation.or(c.memory))
        .map(i128::from)
        .sum();
    if total > i128::from(memory) {
        cx.report(
            Code::ContainerMemorySumAboveTask,
            at,
            format!("containers reserve {total} MiB in total (memoryReservation, else memory), more than the task's {memory} MiB: expected the sum to be at most the task memory"),
        );
    }
}

/// `pidMode`: a known value, not `host` on Fargate.
fn pid_mode(cx: &mut Cx, mode: &Option<PidMode>, at: &Loc) {
    let Some(mode) = mode else { return };
    mode.check(cx, at);
    if cx.task.fargate && *mode == PidMode::Host {
        cx.report(
            Code::FargatePidMode,
            at,
            "pidMode is \"host\" but the task requires FARGATE: expected \"task\" (the only value Fargate supports)",
        );
    }
}

/// `ipcMode`: a known value, and none on Fargate.
fn ipc_mode(cx: &mut Cx, mode: &Option<IpcMode>, at: &Loc) {
    let Some(mode) = mode else { return };
    mode.check(cx, at);
    if cx.task.fargate {
        cx.report(
            Code::FargateIpcMode,
            at,
            format!("ipcMode is {:?} but the task requires FARGATE: expected no ipcMode (Tasks using the Fargate launch type do not support ipcMode)", mode.as_str()),
        );
    }
}

/// `proxyConfiguration`: a `containerName` that names a container.
impl Check for ProxyConfiguration {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        type M = <ProxyConfiguration as Record>::Member;
        const WHAT: &str = "proxy configuration";
        require(cx, self, M::container_name, loc, WHAT);
        members(cx, self, loc, WHAT, |cx, member, at| match member {
            M::r#type => self.r#type.check(cx, at),
            M::container_name => {
                if let Some(name) = &self.container_name {
                    super::unknown_container(cx, name, WHAT, at);
                }
            }
            M::properties => self.properties.check(cx, at),
        });
    }
}

/// `ephemeralStorage`: 21 to 200 GiB.
impl Check for EphemeralStorage {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        type M = <EphemeralStorage as Record>::Member;
        const WHAT: &str = "ephemeral storage";
        require(cx, self, M::size_in_gib, loc, WHAT);
        members(cx, self, loc, WHAT, |cx, member, at| match member {
            M::size_in_gib => {
                if let Some(size) = self.size_in_gib {
                    if !(21..=200).contains(&size) {
                        cx.report(
                            Code::EphemeralStorageSize,
                            at,
                            format!("sizeInGiB is {size}: expected 21 to 200 GiB"),
                        );
                    }
                }
            }
        });
    }
}

simple_check!(
    crate::ecs::TaskDefinitionPlacementConstraint,
    "placement constraint",
    required: [],
    nested: [r#type]
);
simple_check!(
    crate::ecs::RuntimePlatform,
    "runtime platform",
    required: [],
    nested: [cpu_architecture, operating_system_family]
);
simple_check!(
    crate::ecs::InferenceAccelerator,
    "inference accelerator",
    required: [device_name, device_type],
    nested: []
);
