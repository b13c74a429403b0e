//! IAM roles: `taskRoleArn` and `executionRoleArn` are role ARNs (a bare
//! role name is accepted, with a warning; an empty one means no role).
//! What needs the execution role is checked where it is needed (`image`,
//! `secrets`, `logConfiguration`).

use super::Cx;
use crate::check::Loc;
use crate::code::Code;
use crate::{RoleArn, RoleName};

/// The role member `key` (`taskRoleArn` or `executionRoleArn`), at `loc`.
pub(super) fn role(cx: &mut Cx, key: &str, value: &Option<String>, loc: &Loc) {
    let Some(value) = value else { return };
    if value.is_empty() {
        cx.report(
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
            cx.report(Code::InvalidRoleArn, loc, format!("{key}: {e}"));
        }
        return;
    }
    match RoleName::parse(value) {
        Ok(_) => cx.report(
            Code::RoleNameNotArn,
            loc,
            format!("{key} {value:?} is a role name, not an ARN: ECS accepts it and looks the role up in its own account; expected a full role ARN such as \"arn:aws:iam::111122223333:role/{value}\""),
        ),
        Err(e) => cx.report(
            Code::InvalidRoleArn,
            loc,
            format!("{key}: {e}: expected a role ARN or a role name"),
        ),
    }
}
