//! Linux settings of a container: `linuxParameters` (capabilities,
//! devices, tmpfs mounts), `ulimits` (a known name, the soft limit at most
//! the hard one) and `systemControls`.

use super::{members, require, simple_check, Check, Cx};
use crate::check::Loc;
use crate::code::Code;
use crate::ecs::Ulimit;
use crate::json::record::Record;

/// A `ulimits` entry: a known name, and a soft limit at most the hard one.
impl Check for Ulimit {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        type M = <Ulimit as Record>::Member;
        const WHAT: &str = "ulimit";
        for m in [M::name, M::soft_limit, M::hard_limit] {
            require(cx, self, m, loc, WHAT);
        }
        members(cx, self, loc, WHAT, |cx, m, at| match m {
            M::name => self.name.check(cx, at),
            M::soft_limit => {
                if let (Some(soft), Some(hard)) = (self.soft_limit, self.hard_limit) {
                    if soft > hard {
                        cx.report(
                            Code::UlimitSoftAboveHard,
                            at,
                            format!("softLimit {soft} is above hardLimit {hard}: expected softLimit <= hardLimit"),
                        );
                    }
                }
            }
            M::hard_limit => {}
        });
    }
}

simple_check!(crate::ecs::SystemControl, "system control", required: [], nested: []);
simple_check!(
    crate::ecs::LinuxParameters,
    "Linux parameters",
    required: [],
    nested: [capabilities, devices, tmpfs]
);
simple_check!(
    crate::ecs::KernelCapabilities,
    "kernel capabilities",
    required: [],
    nested: []
);
simple_check!(
    crate::ecs::Device,
    "device",
    required: [host_path],
    nested: [permissions]
);
simple_check!(
    crate::ecs::Tmpfs,
    "tmpfs mount",
    required: [container_path, size],
    nested: []
);
