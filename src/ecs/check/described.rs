//! Describe output (`{"taskDefinition": {...}, "tags": [...]}`): its
//! `taskDefinition`, checked in place as the register input it stands for,
//! and its `tags`.

use super::{members, require, tags, task, Cx, Task};
use crate::check::Loc;
use crate::ecs::DescribedTaskDefinition;
use crate::finding::Finding;
use crate::json::record::Record;

/// The findings of describe output: its described revision at
/// `/taskDefinition`, and its `tags`.
pub(crate) fn described(d: &DescribedTaskDefinition) -> Vec<Finding> {
    type M = <DescribedTaskDefinition as Record>::Member;
    const WHAT: &str = "describe-task-definition output";
    let mut cx = Cx::described(d.task_definition.as_ref().map_or_else(Task::none, Task::of));
    let root = Loc::Root;
    require(&mut cx, d, M::task_definition, &root, WHAT);
    members(&mut cx, d, &root, WHAT, |cx, member, at| match member {
        M::task_definition => {
            if let Some(r) = &d.task_definition {
                task::check(cx, r, at);
            }
        }
        M::tags => {
            if let Some(t) = &d.tags {
                tags::tags(cx, t, at);
            }
        }
    });
    cx.into_findings()
}
