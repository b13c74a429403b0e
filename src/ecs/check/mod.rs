//! Offline checks of a task definition: what `RegisterTaskDefinition` or
//! the first task launch would reject (RULES.md section 5). Every code is
//! listed in `docs/checks.md`.
//!
//! The rules are on the crate's check framework ([`crate::check`]), in
//! files named after the element they look at:
//!
//! - [`task`]: the task definition's own members (`family`,
//!   `containerDefinitions` present, `cpu`, `memory`, the Fargate
//!   requirements, `pidMode`, `ipcMode`, `placementConstraints`,
//!   `proxyConfiguration`, `inferenceAccelerators`, `ephemeralStorage`,
//!   `runtimePlatform`), for a register input and, in place, for a
//!   described revision; [`described`](mod@described): describe output;
//! - [`container`]: the `containerDefinitions` list and each container
//!   (`name`, `image`, `cpu`, `memory`, `secrets`, `dependsOn`, timeouts,
//!   `privileged`, `restartPolicy`, ...); [`linux`]: `linuxParameters`,
//!   `ulimits`, `systemControls`;
//! - [`network`]: `networkMode` and what it allows: `portMappings`,
//!   `links`, `hostname`, `extraHosts`;
//! - [`volume`]: `volumes` and what mounts them: `mountPoints`,
//!   `volumesFrom`;
//! - [`health`]: `healthCheck`; [`logging`]: `logConfiguration` and
//!   `firelensConfiguration`; [`tags`]: `tags`; [`roles`]: `taskRoleArn`
//!   and `executionRoleArn`.
//!
//! This module holds what they share: the facts about the whole task
//! ([`Task`]), the context ([`Cx`], the ECS [`Reporter`], which words the
//! members a record could not take), the [`Check`] trait for nested
//! values (with closed vocabularies and string maps), and
//! [`simple_check!`] for records with no rule of their own.
//!
//! Findings come out in document order: each object is walked in the order
//! its members were written (then fields set since, in declaration order),
//! and findings about a missing member come first, at the object's
//! pointer. Pointers are built only when a finding is emitted.

mod container;
mod described;
mod health;
mod linux;
mod logging;
mod network;
mod roles;
mod tags;
mod task;
mod volume;

use std::collections::{HashMap, HashSet};

use super::size::parse_memory;
use super::vocab::Vocabulary;
use super::{Compatibility, ContainerDefinition, NetworkMode, OsFamily, TaskDefinition};
use crate::check::{has, walk, Loc, Reporter, Sink};
use crate::code::Code;
use crate::finding::Finding;
use crate::json::record::{Member, RawMember, Record, Why};
use crate::json::Map;
use crate::json::Pointer;
use task::TaskRecord;

pub(crate) use container::image_problem;
pub(crate) use described::described;
pub(crate) use task::{registered, task_definition};

/// Facts about the whole task that the member checks need.
pub(crate) struct Task<'a> {
    pub(crate) network_mode: Option<&'a NetworkMode>,
    pub(crate) fargate: bool,
    /// The misspelt key (`requiresCompatibilites`) that made `fargate`
    /// true, when `requiresCompatibilities` itself is absent.
    pub(crate) fargate_by_typo: Option<&'a str>,
    pub(crate) windows: bool,
    pub(crate) execution_role: bool,
    /// Whether the task has a `memory` member (parsed or not).
    pub(crate) task_memory_set: bool,
    pub(crate) task_memory: Option<u32>,
    /// The container names in order (for messages).
    pub(crate) names: Vec<Option<&'a str>>,
    /// Each container name with the index of its first container, so that
    /// lookups stay linear in the number of containers.
    pub(crate) first_of_name: HashMap<&'a str, usize>,
    pub(crate) containers: &'a [ContainerDefinition],
    /// The volume names in order (for messages), and as a set.
    pub(crate) volumes: Vec<&'a str>,
    pub(crate) volume_set: HashSet<&'a str>,
    /// (container, mapping) -> (host port, protocol) for mappings whose
    /// host port an earlier mapping already took.
    pub(crate) duplicate_ports: HashMap<(usize, usize), (i64, String)>,
}

impl<'a> Task<'a> {
    /// The facts of the task definition `record`.
    pub(crate) fn of<R: TaskRecord>(record: &'a R) -> Self {
        type TM = <TaskDefinition as Record>::Member;
        let td = record.members();
        let containers = td.container_definitions.as_deref().unwrap_or(&[]);
        let fargate = td
            .requires_compatibilities
            .as_ref()
            .is_some_and(|c| c.contains(&Compatibility::Fargate));
        // A misspelt `requiresCompatibilities` that says FARGATE: the
        // Fargate checks run on what the document says.
        let fargate_by_typo = if has(record, R::member(TM::requires_compatibilities)) {
            None
        } else {
            fargate_typo(record)
        };
        let windows = td
            .runtime_platform
            .as_ref()
            .and_then(|p| p.operating_system_family.as_ref())
            .is_some_and(OsFamily::is_windows);
        let mode = td.network_mode.as_ref();
        let volumes = || {
            td.volumes
                .iter()
                .flatten()
                .filter_map(|v| v.name.as_deref())
        };
        Task {
            network_mode: mode,
            fargate: fargate || fargate_by_typo.is_some(),
            fargate_by_typo,
            windows,
            execution_role: td
                .execution_role_arn
                .as_deref()
                .is_some_and(|r| !r.is_empty()),
            task_memory_set: has(record, R::member(TM::memory)),
            task_memory: td.memory.as_deref().and_then(parse_memory),
            names: containers.iter().map(|c| c.name.as_deref()).collect(),
            first_of_name: first_indexes(containers.iter().map(|c| c.name.as_deref())),
            containers,
            volumes: volumes().collect(),
            volume_set: volumes().collect(),
            duplicate_ports: network::duplicate_host_ports(containers, mode),
        }
    }

    /// The facts of a task with no members (describe output without a
    /// task definition).
    pub(crate) fn none() -> Self {
        Task::alone(&[])
    }

    /// The facts of an EC2 task of `containers` alone, with no task-level
    /// memory and an execution role: what a container is checked against
    /// on its own.
    pub(crate) fn alone(containers: &'a [ContainerDefinition]) -> Self {
        Task {
            network_mode: None,
            fargate: false,
            fargate_by_typo: None,
            windows: false,
            execution_role: true,
            task_memory_set: true,
            task_memory: None,
            names: containers.iter().map(|c| c.name.as_deref()).collect(),
            first_of_name: first_indexes(containers.iter().map(|c| c.name.as_deref())),
            containers,
            volumes: Vec::new(),
            volume_set: HashSet::new(),
            duplicate_ports: HashMap::new(),
        }
    }
}

/// The first unknown member of `record` whose closest modelled key is
/// `requiresCompatibilities` and whose value is an array with
/// `"FARGATE"`.
fn fargate_typo<R: TaskRecord>(record: &R) -> Option<&str> {
    const KEY: &str = "requiresCompatibilities";
    record
        .layout()
        .raw()
        .filter(|r| r.why == Why::Unknown)
        .find(|r| {
            crate::suggest::closest(&r.key, R::KEYS) == Some(KEY)
                && r.value
                    .as_array()
                    .is_some_and(|a| a.iter().any(|v| v.as_str() == Some("FARGATE")))
        })
        .map(|r| r.key.as_str())
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

/// The check context of one task definition: the facts about the task
/// that member checks need, and where findings go. It is the ECS
/// [`Reporter`]: it words the members a record could not take.
pub(crate) struct Cx<'a> {
    /// Facts about the whole task.
    pub(crate) task: Task<'a>,
    /// Whether the document is `RegisterTaskDefinition` input (unknown
    /// members are errors) rather than describe output (warnings).
    register_input: bool,
    sink: Sink,
}

impl<'a> Cx<'a> {
    /// A context for register input with the facts of `task` and no
    /// findings yet.
    pub(crate) fn new(task: Task<'a>) -> Self {
        Cx {
            task,
            register_input: true,
            sink: Sink::default(),
        }
    }

    /// A context for describe output (or a described revision) with the
    /// facts of `task`: unknown members are warnings there.
    pub(crate) fn described(task: Task<'a>) -> Self {
        Cx {
            register_input: false,
            ..Cx::new(task)
        }
    }

    /// The findings, in the order reported.
    pub(crate) fn into_findings(self) -> Vec<Finding> {
        self.sink.into_findings()
    }

    /// Reports `code` at `loc`, with the code's severity.
    pub(crate) fn report(&mut self, code: Code, loc: &Loc, message: impl Into<String>) {
        self.sink.report(code, loc, message);
    }

    /// Reports that the object at `loc` (named `what`) has no `key`.
    pub(crate) fn missing(&mut self, loc: &Loc, what: &str, key: &str, extra: &str) {
        self.report(
            Code::MissingField,
            loc,
            format!("{what} has no {key:?}: expected it, as it is required{extra}"),
        );
    }
}

impl Reporter for Cx<'_> {
    /// Unknown keys are errors in register input (the AWS CLI and SDKs
    /// validate the input against the model and reject a member it does
    /// not have: `Unknown parameter in input`) and warnings in describe
    /// output (which AWS wrote, so a newer member than the model's); both
    /// with the closest modelled key. Duplicate keys and type mismatches
    /// are errors (a mismatch is reported where, below the member, the
    /// value stopped fitting).
    fn raw_member(&mut self, raw: &RawMember, loc: &Loc, what: &str, keys: &[&str]) {
        let at = loc.key(&raw.key);
        match &raw.why {
            Why::Unknown => {
                let mut hint = crate::suggest::did_you_mean(&raw.key, keys);
                if self.task.fargate_by_typo == Some(raw.key.as_str()) {
                    hint.push_str(
                        "; the Fargate checks ran as if it were spelled \"requiresCompatibilities\"",
                    );
                }
                if self.register_input {
                    self.report(
                        Code::UnknownField,
                        &at,
                        format!(
                            "unknown member {:?} in {what}: the AWS CLI and SDKs reject it (\"Unknown parameter in input\"){hint}",
                            raw.key
                        ),
                    );
                } else {
                    self.sink.report_with(
                        crate::finding::Severity::Warning,
                        Code::UnknownField,
                        &at,
                        format!(
                            "unknown field {:?} in {what}: kept as written, but AWS may reject it{hint}",
                            raw.key
                        ),
                    );
                }
            }
            Why::Duplicate => self.report(
                Code::DuplicateKey,
                &at,
                format!(
                    "key {:?} appears more than once in {what}: expected each key once",
                    raw.key
                ),
            ),
            Why::Mismatch(m) => self.sink.report_at(
                Code::TypeMismatch,
                Pointer::from_raw(format!("{}{}", at.pointer(), m.at)),
                format!("expected {}, found {}", m.expected, m.found),
            ),
        }
    }
}

/// The JSON key of `member` of the record `R`.
pub(crate) fn key<R: Record>(member: R::Member) -> &'static str {
    R::KEYS[member.index()]
}

/// [`walk`]s `record` (the object at `loc`, named `what`), giving `visit`
/// each member with its place.
pub(crate) fn members<R: Record, C: Reporter>(
    cx: &mut C,
    record: &R,
    loc: &Loc,
    what: &str,
    mut visit: impl FnMut(&mut C, R::Member, &Loc),
) {
    walk(cx, record, loc, what, |cx, member| {
        visit(cx, member, &loc.key(key::<R>(member)));
    });
}

/// Reports `member` missing from `record` (the object at `loc`, named
/// `what`) unless it [`has`] it.
pub(crate) fn require<R: Record>(
    cx: &mut Cx,
    record: &R,
    member: R::Member,
    loc: &Loc,
    what: &str,
) {
    if !has(record, member) {
        cx.missing(loc, what, key::<R>(member), "");
    }
}

/// A check of one value at one place.
pub(crate) trait Check {
    /// Reports what is wrong with the value at `loc`.
    fn check(&self, cx: &mut Cx, loc: &Loc);
}

/// An absent value has nothing to check.
impl<T: Check> Check for Option<T> {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        if let Some(v) = self {
            v.check(cx, loc);
        }
    }
}

impl<T: Check> Check for Vec<T> {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        for (i, item) in self.iter().enumerate() {
            item.check(cx, &loc.index(i));
        }
    }
}

/// A string map (`dockerLabels`, log `options`, `driverOpts`, `labels`)
/// keeps duplicate keys as written; JSON readers disagree on which copy
/// wins (AWS forbids them), so each later copy is an error.
impl<T> Check for Map<T> {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        let mut seen = HashSet::new();
        for key in self.keys() {
            if !seen.insert(key) {
                cx.report(
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

/// A value of a closed vocabulary that the model does not list is kept,
/// with a warning.
impl<V: Vocabulary> Check for V {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        if !self.is_known() {
            cx.report(
                Code::UnknownValue,
                loc,
                format!(
                    "{:?} is not a value the ECS model knows: expected one of {}; kept as written, but ECS rejects values it does not know",
                    self.as_str(),
                    V::KNOWN.join(", ")
                ),
            );
        }
    }
}

/// Implements [`Check`] for a record whose only checks are its required
/// members, its raw members and its nested values:
/// `simple_check!(Type, "what", required: [members], nested: [members]);`.
macro_rules! simple_check {
    ($ty:ty, $what:literal, required: [$($req:ident),*], nested: [$($nested:ident),*] $(,)?) => {
        impl $crate::ecs::check::Check for $ty {
            fn check(&self, cx: &mut $crate::ecs::check::Cx, loc: &$crate::check::Loc) {
                #[allow(unused_imports)]
                use $crate::ecs::check::Check as _;
                #[allow(dead_code)]
                type M = <$ty as $crate::json::record::Record>::Member;
                $($crate::ecs::check::require(cx, self, M::$req, loc, $what);)*
                $crate::ecs::check::members(cx, self, loc, $what, |_cx, member, _at| {
                    #[allow(unreachable_patterns, clippy::match_single_binding)]
                    match member {
                        $(M::$nested => self.$nested.check(_cx, _at),)*
                        _ => {}
                    }
                });
            }
        }
    };
}
pub(crate) use simple_check;

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

/// `unknown-container` when `name` names no container of the task.
pub(crate) fn unknown_container(cx: &mut Cx, name: &str, what: &str, loc: &Loc) {
    if !cx.task.first_of_name.contains_key(name) {
        let expected = quoted_list(cx.task.names.iter().flatten().copied());
        cx.report(
            Code::UnknownContainer,
            loc,
            format!("{what} names container {name:?}, which is not in the task: expected one of {expected}"),
        );
    }
}

/// The items quoted and joined with commas, or a note that there are none.
pub(crate) fn quoted_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.map(|s| format!("{s:?}")).collect();
    if items.is_empty() {
        "none (the task has no named containers)".to_owned()
    } else {
        items.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use crate::ecs::TaskDefinition;

    #[test]
    fn members_that_do_not_fit_are_reported_once_in_place() {
        let text = r#"{"x":1,"family":"f","containerDefinitions":[{"name":"a","image":"i","memory":"9","cpu":1,"cpu":2,"portMappings":[{"containerPort":80},{"containerPort":"81"}]}],"family":"g","y":2}"#;
        let mut td = TaskDefinition::from_json_str(text).unwrap();
        let lines: Vec<String> = td.check().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "error[unknown-field] /x: unknown member \"x\" in task definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\")",
                "error[type-mismatch] /containerDefinitions/0/memory: expected an integer, found a string",
                "error[duplicate-key] /containerDefinitions/0/cpu: key \"cpu\" appears more than once in container definition: expected each key once",
                "error[type-mismatch] /containerDefinitions/0/portMappings/1/containerPort: expected an integer, found a string",
                "error[duplicate-key] /family: key \"family\" appears more than once in task definition: expected each key once",
                "error[unknown-field] /y: unknown member \"y\" in task definition: the AWS CLI and SDKs reject it (\"Unknown parameter in input\")",
            ]
        );
        // A removed field takes its later copies with it: the family is
        // missing, and its second copy is neither checked nor reported.
        td.family = None;
        let findings = td.check();
        assert_eq!(findings[0].code, crate::Code::MissingField);
        assert_eq!(findings[0].path, "");
        assert!(findings.iter().all(|f| f.path != "/family"));
    }

    #[test]
    fn a_removed_task_definition_is_missing_even_with_later_copies() {
        use crate::ecs::DescribedTaskDefinition;
        let text = r#"{"taskDefinition":{"family":"f"},"taskDefinition":{"family":"g"}}"#;
        let mut d = DescribedTaskDefinition::from_json_str(text).unwrap();
        assert!(d.check().iter().any(|f| f.to_string()
            == "error[duplicate-key] /taskDefinition: key \"taskDefinition\" appears more than once in describe-task-definition output: expected each key once"));
        d.task_definition = None;
        let lines: Vec<String> = d.check().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            ["error[missing-field] (document): describe-task-definition output has no \"taskDefinition\": expected it, as it is required"]
        );
    }
}
