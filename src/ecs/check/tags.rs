//! Tags (`tags` of a task definition or of describe output): at most 50,
//! keys of 1 to 128 and values of up to 256 allowed characters, no `aws:`
//! prefix, each key once.

use std::collections::HashSet;

use super::{members, require, Cx};
use crate::check::Loc;
use crate::code::Code;
use crate::ecs::Tag;
use crate::json::record::Record;

/// The member enum of [`Tag`].
type M = <Tag as Record>::Member;

/// The tags `tags`, at `at`.
pub(super) fn tags(cx: &mut Cx, tags: &[Tag], at: &Loc) {
    if tags.len() > 50 {
        cx.report(
            Code::TooManyTags,
            at,
            format!("{} tags: expected at most 50", tags.len()),
        );
    }
    let mut keys: HashSet<&str> = HashSet::new();
    for (i, tag) in tags.iter().enumerate() {
        let tat = at.index(i);
        members(cx, tag, &tat, "tag", |cx, m, kat| {
            let (value, max, min) = match m {
                M::key => (tag.key.as_deref(), 128, 1),
                M::value => (tag.value.as_deref(), 256, 0),
            };
            let Some(value) = value else { return };
            let key = super::key::<Tag>(m);
            let len = value.chars().count();
            if len < min || len > max {
                cx.report(
                    Code::InvalidTag,
                    kat,
                    format!("tag {key} has {len} characters: expected {min} to {max}"),
                );
            } else if let Some((pos, c)) = value.chars().enumerate().find(|(_, c)| {
                !(c.is_alphabetic()
                    || c.is_numeric()
                    || (c.is_whitespace() && !c.is_control())
                    || "_.:/=+-@".contains(*c))
            }) {
                cx.report(
                    Code::InvalidTag,
                    kat,
                    format!(
                        "tag {key} {value:?} has {:?} at position {pos}: expected letters, numbers, spaces and _ . : / = + - @",
                        String::from(c)
                    ),
                );
            }
            // By bytes: a character that is not ASCII may straddle byte 4.
            if value
                .as_bytes()
                .get(..4)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"aws:"))
            {
                cx.report(
                    Code::ReservedTagPrefix,
                    kat,
                    format!("tag {key} {value:?} starts with \"aws:\": expected no aws: prefix in any case (reserved for AWS use)"),
                );
            }
            if m == M::key && !keys.insert(value) {
                cx.report(
                    Code::DuplicateTagKey,
                    kat,
                    format!(
                        "tag key {value:?} is used by an earlier tag: expected each tag key once"
                    ),
                );
            }
        });
        // Reported after the tag's members, unlike other missing members.
        require(cx, tag, M::key, &tat, "tag");
    }
}

#[cfg(test)]
mod tests {
    use crate::ecs::TaskDefinition;

    #[test]
    fn a_character_across_byte_four_is_no_panic() {
        let td = TaskDefinition::from_json_str(
            r#"{"family":"f","containerDefinitions":[],"tags":[{"key":"abcé","value":"AWS:é"}]}"#,
        )
        .unwrap();
        let lines: Vec<String> = td.check().iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "error[no-containers] /containerDefinitions: containerDefinitions is empty: expected at least one container (Container list cannot be empty)",
                "error[reserved-tag-prefix] /tags/0/value: tag value \"AWS:é\" starts with \"aws:\": expected no aws: prefix in any case (reserved for AWS use)",
            ]
        );
    }
}
