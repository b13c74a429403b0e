//! Logging: a container's `logConfiguration` (a log driver Fargate
//! supports; the execution role that `awslogs` on Fargate and
//! `secretOptions` need; duplicate option keys) and its
//! `firelensConfiguration`.

use super::{members, require, simple_check, Check, Cx};
use crate::check::Loc;
use crate::code::Code;
use crate::ecs::{LogConfiguration, LogDriver};
use crate::json::record::Record;

/// The member enum of [`LogConfiguration`].
type M = <LogConfiguration as Record>::Member;

impl Check for LogConfiguration {
    fn check(&self, cx: &mut Cx, loc: &Loc) {
        const WHAT: &str = "log configuration";
        require(cx, self, M::log_driver, loc, WHAT);
        members(cx, self, loc, WHAT, |cx, m, at| match m {
            M::log_driver => {
                if let Some(driver) = &self.log_driver {
                    log_driver(cx, driver, at);
                }
            }
            M::secret_options => {
                if let Some(secrets) = &self.secret_options {
                    if !secrets.is_empty() && !cx.task.execution_role {
                        cx.report(
                            Code::SecretsNeedExecutionRole,
                            at,
                            "log configuration has secretOptions but the task has no \"executionRoleArn\": expected the task execution role that reads the secrets",
                        );
                    }
                    secrets.check(cx, at);
                }
            }
            M::options => self.options.check(cx, at),
        });
    }
}

/// `logDriver`: a known driver; on Fargate, one Fargate supports, and for
/// `awslogs` the execution role.
fn log_driver(cx: &mut Cx, driver: &LogDriver, at: &Loc) {
    driver.check(cx, at);
    if cx.task.fargate
        && driver.is_known()
        && !matches!(
            driver,
            LogDriver::Awslogs | LogDriver::Splunk | LogDriver::Awsfirelens
        )
    {
        cx.report(
            Code::FargateLogDriver,
            at,
            format!("log driver {:?} is not available on Fargate: expected awslogs, splunk or awsfirelens", driver.as_str()),
        );
    }
    if cx.task.fargate && *driver == LogDriver::Awslogs && !cx.task.execution_role {
        cx.report(
            Code::FargateExecutionRoleRequired,
            at,
            "log driver \"awslogs\" on Fargate needs the task execution role: expected an \"executionRoleArn\" in the task definition",
        );
    }
}

simple_check!(
    crate::ecs::FirelensConfiguration,
    "FireLens configuration",
    required: [r#type],
    nested: [r#type, options]
);
