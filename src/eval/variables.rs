//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'x'}`,
//! and the literals `${*}`, `${?}`, `${$}`, substituted in `Resource`,
//! `NotResource` and String and ARN condition values of policies with
//! `"Version": "2012-10-17"` (IAM User Guide,
//! reference_policies_variables.md).

use super::request::{Context, ContextValue};

/// One piece of a value after substitution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Text written in the policy: `*` and `?` in it are wildcards for the
    /// operators that take them.
    Text(&'a str),
    /// A substituted value or a literal `${*}`: never a wildcard.
    Literal(String),
}

/// A value after substitution.
pub(crate) type Resolved<'a> = Vec<Piece<'a>>;

/// Why a value could not be resolved: the key of the variable that has no
/// value (and no default).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unresolved(pub String);

/// Whether `text` contains a variable reference under a 2012 policy.
pub(crate) fn has_variables(text: &str) -> bool {
    text.contains("${")
}

/// Substitutes the variables of `text`. With `substitute` false (a policy
/// whose `Version` is `2008-10-17` or absent) the text is kept as written.
/// Each key read is passed to `seen` (for the missing-keys list).
///
/// # Errors
/// [`Unresolved`] when a variable names a key the context does not have
/// (or has as a set of values) and gives no default.
pub(crate) fn resolve<'a>(
    text: &'a str,
    substitute: bool,
    ctx: &Context,
    seen: &mut dyn FnMut(&str, bool),
) -> Result<Resolved<'a>, Unresolved> {
    if !substitute || !has_variables(text) {
        return Ok(vec![Piece::Text(text)]);
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            break;
        };
        let inner = &after[..end];
        if start > 0 {
            out.push(Piece::Text(&rest[..start]));
        }
        match inner {
            "*" | "?" | "$" => out.push(Piece::Literal(inner.to_owned())),
            _ => {
                let (key, default) = split_default(inner);
                let present = match ctx.get(key) {
                    Some(ContextValue::Single(v)) => Some(v.clone()),
                    _ => None,
                };
                seen(key, present.is_some());
                match (present, default) {
                    (Some(v), _) => out.push(Piece::Literal(v)),
                    (None, Some(d)) => out.push(Piece::Literal(d.to_owned())),
                    (None, None) => return Err(Unresolved(key.to_owned())),
                }
            }
        }
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// `key, 'default'` into the key and the default; a key alone has none.
fn split_default(inner: &str) -> (&str, Option<&str>) {
    if let Some((key, d)) = inner.split_once(',') {
        let d = d.trim();
        if d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'') {
            return (key.trim(), Some(&d[1..d.len() - 1]));
        }
    }
    (inner.trim(), None)
}

/// The resolved value as plain text (for the equality operators).
pub(crate) fn text(resolved: &Resolved<'_>) -> String {
    let mut s = String::new();
    for p in resolved {
        match p {
            Piece::Text(t) => s.push_str(t),
            Piece::Literal(l) => s.push_str(l),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context {
        let mut c = Context::new();
        c.insert("aws:username", ContextValue::Single("David".into()));
        c.insert("aws:TagKeys", ContextValue::Multi(vec!["a".into()]));
        c
    }

    fn r(text: &str) -> Result<String, Unresolved> {
        resolve(text, true, &ctx(), &mut |_, _| {}).map(|v| super::text(&v))
    }

    #[test]
    fn substitutes_keys_case_insensitively_and_defaults() {
        assert_eq!(r("a/${aws:username}/*").unwrap(), "a/David/*");
        assert_eq!(r("a/${AWS:UserName}").unwrap(), "a/David");
        assert_eq!(
            r("b-${aws:PrincipalTag/team, 'company-wide'}").unwrap(),
            "b-company-wide"
        );
        assert_eq!(r("${aws:username , 'x'}").unwrap(), "David");
        assert_eq!(r("x${aws:nothing}"), Err(Unresolved("aws:nothing".into())));
        // A set of values cannot be substituted.
        assert_eq!(r("${aws:TagKeys}"), Err(Unresolved("aws:TagKeys".into())));
    }

    #[test]
    fn special_literals_are_literal_pieces() {
        let v = resolve("a${*}b${?}${$}", true, &ctx(), &mut |_, _| {}).unwrap();
        assert_eq!(
            v,
            [
                Piece::Text("a"),
                Piece::Literal("*".into()),
                Piece::Text("b"),
                Piece::Literal("?".into()),
                Piece::Literal("$".into())
            ]
        );
    }

    #[test]
    fn version_2008_keeps_text() {
        let v = resolve("a/${aws:username}", false, &ctx(), &mut |_, _| {}).unwrap();
        assert_eq!(v, [Piece::Text("a/${aws:username}")]);
        // An unclosed reference is text.
        assert_eq!(r("a${b").unwrap(), "a${b");
    }
}
