//! String condition operators: `StringEquals`, `StringNotEquals`
//! (case-sensitive), `StringEqualsIgnoreCase`, `StringNotEqualsIgnoreCase`,
//! `StringLike`, `StringNotLike` (`*` and `?` wildcards, case-sensitive).

use crate::eval::matching::Pattern;
use crate::eval::variables::{self, Resolved};

/// The three comparisons of the String family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StringOp {
    /// `StringEquals`: exact, case-sensitive.
    Equals,
    /// `StringEqualsIgnoreCase`.
    EqualsIgnoreCase,
    /// `StringLike`: wildcards, case-sensitive.
    Like,
}

/// Whether the request value matches the policy value (after
/// substitution).
pub(crate) fn compare(op: StringOp, policy: &Resolved<'_>, request: &str) -> bool {
    match op {
        StringOp::Equals => eq_pieces(policy, request),
        StringOp::EqualsIgnoreCase => {
            variables::text(policy).to_lowercase() == request.to_lowercase()
        }
        StringOp::Like => Pattern::from_resolved(policy).matches(request, false),
    }
}

/// As [`compare`], for a policy value without variables.
pub(crate) fn compare_plain(op: StringOp, policy: &str, request: &str) -> bool {
    match op {
        StringOp::Equals => policy == request,
        StringOp::EqualsIgnoreCase => policy
            .chars()
            .flat_map(char::to_lowercase)
            .eq(request.chars().flat_map(char::to_lowercase)),
        StringOp::Like => Pattern::Plain(policy).matches(request, false),
    }
}

/// Equality of the concatenated pieces with `request`, without building
/// the concatenation.
fn eq_pieces(policy: &Resolved<'_>, request: &str) -> bool {
    let mut rest = request;
    for p in policy {
        let t: &str = match p {
            variables::Piece::Text(t) => t,
            variables::Piece::Literal(l) => l,
        };
        match rest.strip_prefix(t) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::variables::Piece;

    fn one(s: &str) -> Resolved<'_> {
        vec![Piece::Text(s)]
    }

    #[test]
    fn families() {
        assert!(compare(StringOp::Equals, &one("JohnDoe"), "JohnDoe"));
        assert!(!compare(StringOp::Equals, &one("johndoe"), "JohnDoe"));
        assert!(compare(
            StringOp::EqualsIgnoreCase,
            &one("johndoe"),
            "JohnDoe"
        ));
        assert!(compare(StringOp::Like, &one("David/*"), "David/photos/"));
        assert!(!compare(
            StringOp::Like,
            &one("David/day-?/"),
            "David/day-17/"
        ));
        assert!(
            !compare(StringOp::Equals, &one("David/*"), "David/photos/"),
            "Equals has no wildcards"
        );
        let v = vec![Piece::Text("a-"), Piece::Literal("x".into())];
        assert!(compare(StringOp::Equals, &v, "a-x"));
        assert!(!compare(StringOp::Equals, &v, "a-xy"));
    }
}
