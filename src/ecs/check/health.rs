//! Health checks (`healthCheck`): a command that starts with `CMD` or
//! `CMD-SHELL`, and `interval`, `timeout`, `retries` and `startPeriod` in
//! their ranges.

use super::{members, require, Check, Cx};
use crate::check::Loc;
use crate::code::Code;
use crate::ecs::HealthCheck;
use crate::json::record::Record;

/// The member enum of [`HealthCheck`].
type M = <HealthCheck as Record>::Member;

impl Check for HealthCheck {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        const WHAT: &str = "health check";
        require(cx, self, M::command, loc, WHAT);
        members(cx, self, loc, WHAT, |cx, m, at| {
            let (value, range, default) = match m {
                M::command => {
                    if let Some(command) = &self.command {
                        command_starts_right(cx, command, at);
                    }
                    return;
                }
                M::interval => (self.interval, 5..=300, 30),
                M::timeout => (self.timeout, 2..=60, 5),
                M::retries => (self.retries, 1..=10, 3),
                M::start_period => (self.start_period, 0..=300, 0),
            };
            if let Some(v) = value {
                if !range.contains(&v) {
                    let key = super::key::<HealthCheck>(m);
                    cx.report(
                        Code::HealthCheckRange,
                        at,
                        format!(
                            "{key} is {v}: expected {} to {} ({default} when omitted)",
                            range.start(),
                            range.end()
                        ),
                    );
                }
            }
        });
    }
}

/// The health check `command` starts with `CMD` or `CMD-SHELL`.
fn command_starts_right(cx: &mut Cx, command: &[String], at: &Loc) {
    match command.first().map(String::as_str) {
        Some("CMD" | "CMD-SHELL") => {}
        first => cx.report(
            Code::HealthCheckCommand,
            at,
            format!(
                "health check command starts with {}: expected \"CMD\" or \"CMD-SHELL\" first",
                first.map_or("nothing".to_owned(), |f| format!("{f:?}"))
            ),
        ),
    }
}
