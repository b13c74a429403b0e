//! Matching: wildcard patterns (`*` and `?`), actions, resources, ARNs
//! component by component, and the `Principal` / `NotPrincipal` element.

use super::request::{is_account_id, PrincipalKind};
use super::variables::{Piece, Resolved};
use crate::policy::{Principal, PrincipalMap};

/// One element of a wildcard pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    /// A byte to match.
    Byte(u8),
    /// `*`: any run of characters, including none.
    Star,
    /// `?`: exactly one character.
    One,
}

/// A wildcard pattern: policy text as written (where `*` and `?` are
/// wildcards), or a value with substituted variables, whose substituted
/// parts are literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pattern<'a> {
    /// Text as written.
    Plain(&'a str),
    /// Tokens of a value with variables.
    Toks(Vec<Tok>),
}

impl<'a> Pattern<'a> {
    /// The pattern of a resolved value.
    pub(crate) fn from_resolved(resolved: &Resolved<'a>) -> Pattern<'a> {
        if let [Piece::Text(t)] = resolved.as_slice() {
            return Pattern::Plain(t);
        }
        let mut toks = Vec::new();
        for p in resolved {
            match p {
                Piece::Text(t) => toks.extend(t.bytes().map(wild_tok)),
                Piece::Literal(l) => toks.extend(l.bytes().map(Tok::Byte)),
            }
        }
        Pattern::Toks(toks)
    }

    fn len(&self) -> usize {
        match self {
            Pattern::Plain(s) => s.len(),
            Pattern::Toks(t) => t.len(),
        }
    }

    fn at(&self, i: usize) -> Tok {
        match self {
            Pattern::Plain(s) => wild_tok(s.as_bytes()[i]),
            Pattern::Toks(t) => t[i],
        }
    }

    /// Whether the pattern matches `text` (`fold`: ASCII case-insensitive).
    pub(crate) fn matches(&self, text: &str, fold: bool) -> bool {
        glob(self, 0, self.len(), text.as_bytes(), fold)
    }

    /// The pattern split at its first five `:` bytes: the six components
    /// of an ARN, as (start, end) ranges; `None` when there are fewer.
    fn arn_parts(&self) -> Option<[(usize, usize); 6]> {
        let mut parts = [(0, 0); 6];
        let mut start = 0;
        let mut n = 0;
        for i in 0..self.len() {
            if n < 5 && self.at(i) == Tok::Byte(b':') {
                parts[n] = (start, i);
                n += 1;
                start = i + 1;
            }
        }
        if n < 5 {
            return None;
        }
        parts[5] = (start, self.len());
        Some(parts)
    }

    /// ARN matching: each of the six colon-separated components matched on
    /// its own, so that `*` does not cross a colon (the resource component
    /// is everything after the fifth colon). `None` when the pattern or the
    /// text is not an ARN (fewer than six components, or not `arn` first).
    pub(crate) fn matches_arn(&self, text: &str) -> Option<bool> {
        let pattern = self.arn_parts()?;
        let parts = arn_parts(text)?;
        let (s, e) = pattern[0];
        if e - s != 3 || !glob(self, s, e, b"arn", false) {
            return None;
        }
        Some(
            pattern
                .iter()
                .zip(parts.iter())
                .all(|(&(s, e), part)| glob(self, s, e, part.as_bytes(), false)),
        )
    }

    /// Whether the pattern is exactly `*`.
    pub(crate) fn is_star(&self) -> bool {
        self.len() == 1 && self.at(0) == Tok::Star
    }
}

fn wild_tok(b: u8) -> Tok {
    match b {
        b'*' => Tok::Star,
        b'?' => Tok::One,
        b => Tok::Byte(b),
    }
}

/// The six components of an ARN, when `text` is one.
pub(crate) fn arn_parts(text: &str) -> Option<[&str; 6]> {
    let mut it = text.splitn(6, ':');
    let parts = [
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
        it.next()?,
    ];
    (parts[0] == "arn").then_some(parts)
}

/// The length of the UTF-8 character that starts with `b`.
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Wildcard matching of `pat[from..to]` against `text`: `*` matches any
/// run of characters and `?` one character; linear backtracking to the
/// last `*`, so the cost is bounded by the product of the lengths.
fn glob(pat: &Pattern<'_>, from: usize, to: usize, text: &[u8], fold: bool) -> bool {
    let (mut p, mut t) = (from, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < to {
            match pat.at(p) {
                Tok::Star => {
                    star = Some((p, t));
                    p += 1;
                    continue;
                }
                Tok::One => {
                    t = (t + char_len(text[t])).min(text.len());
                    p += 1;
                    continue;
                }
                Tok::Byte(b) => {
                    let same = if fold {
                        b.eq_ignore_ascii_case(&text[t])
                    } else {
                        b == text[t]
                    };
                    if same {
                        p += 1;
                        t += 1;
                        continue;
                    }
                }
            }
        }
        match star {
            Some((sp, st)) => {
                let next = (st + char_len(text[st])).min(text.len());
                star = Some((sp, next));
                p = sp + 1;
                t = next;
            }
            None => return false,
        }
    }
    while p < to && pat.at(p) == Tok::Star {
        p += 1;
    }
    p == to
}

/// [`glob`] for policy text as written, ASCII case-insensitive: the
/// action matcher, specialised (no token decoding) because every request
/// runs it on every `Action` entry.
fn glob_plain(pat: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pat.len() {
            match pat[p] {
                b'*' => {
                    star = Some((p, t));
                    p += 1;
                    continue;
                }
                b'?' => {
                    t = (t + char_len(text[t])).min(text.len());
                    p += 1;
                    continue;
                }
                b if b.eq_ignore_ascii_case(&text[t]) => {
                    p += 1;
                    t += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sp, st)) => {
                let next = (st + char_len(text[st])).min(text.len());
                star = Some((sp, next));
                p = sp + 1;
                t = next;
            }
            None => return false,
        }
    }
    while p < pat.len() && pat[p] == b'*' {
        p += 1;
    }
    p == pat.len()
}

/// Whether an `Action` / `NotAction` entry matches the action: the whole
/// `service:action` compared case-insensitively, `*` and `?` wildcards.
pub(crate) fn action_matches(pattern: &str, action: &str) -> bool {
    // The wildcard match stops at the first byte that differs before a
    // `*`, which for most entries is in the service prefix.
    pattern == "*" || glob_plain(pattern.as_bytes(), action.as_bytes())
}

/// Whether a `Resource` / `NotResource` entry (after substitution)
/// matches the resource: `*` matches everything; when both are ARNs, each
/// component on its own (a `*` does not cross a colon); otherwise the
/// whole text. Case-sensitive.
pub(crate) fn resource_matches(pattern: &Pattern<'_>, resource: &str) -> bool {
    if pattern.is_star() {
        return true;
    }
    if let Pattern::Plain(p) = pattern {
        if !p.bytes().any(|b| b == b'*' || b == b'?') {
            // Without wildcards, component-wise and whole-text matching are
            // both equality.
            return *p == resource;
        }
    }
    match pattern.matches_arn(resource) {
        Some(m) => m,
        None => pattern.matches(resource, false),
    }
}

/// How a resource-based policy statement names the principal that
/// matched, which decides whether a boundary and a session policy limit
/// the grant (reference_policies_evaluation-logic.md, the principal table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Grant {
    /// The account (`"111122223333"`, `arn:aws:iam::111122223333:root`):
    /// delegates to the account's identity policies.
    Account,
    /// `"*"`: everyone; limited like a role ARN (choice, docs silent).
    Star,
    /// The role ARN of a role session: limited by the boundary and the
    /// session policy.
    RoleArn,
    /// A service principal (or web identity provider) by name.
    Service,
    /// The user, role-session or federated-user ARN itself: not limited.
    Direct,
}

/// Is `value` an account principal (`123456789012` or
/// `arn:PARTITION:iam::123456789012:root`)? Returns the account.
fn account_of(value: &str) -> Option<&str> {
    if is_account_id(value) {
        return Some(value);
    }
    let p = arn_parts(value)?;
    (p[2] == "iam" && p[3].is_empty() && p[5] == "root" && is_account_id(p[4])).then_some(p[4])
}

/// What an `AWS` principal value grants the request's principal, if it
/// names it.
fn aws_value(value: &str, who: &PrincipalKind) -> Option<Grant> {
    if value == "*" {
        return Some(Grant::Star);
    }
    if let Some(account) = account_of(value) {
        return (who.account() == Some(account)).then_some(Grant::Account);
    }
    match who {
        PrincipalKind::User { arn, .. }
        | PrincipalKind::FederatedUser { arn, .. }
        | PrincipalKind::Role { arn, .. }
            if arn == value =>
        {
            Some(Grant::Direct)
        }
        PrincipalKind::AssumedRole { arn, role_arn, .. } => {
            if arn == value {
                Some(Grant::Direct)
            } else if role_arn == value {
                Some(Grant::RoleArn)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// The result of matching a `Principal` element.
pub(crate) enum PrincipalMatch {
    /// It names the principal, with the strongest grant among its entries.
    Names(Grant),
    /// It does not name the principal.
    Not,
    /// It cannot be read (a member of the wrong type or an unknown
    /// principal type): the statement cannot be evaluated.
    Unreadable(String),
}

/// Whether `Principal` names the request's principal.
pub(crate) fn principal_names(principal: &Principal, who: &PrincipalKind) -> PrincipalMatch {
    let map = match principal {
        Principal::Any => return PrincipalMatch::Names(Grant::Star),
        Principal::Map(m) => m,
    };
    if let Some(raw) = map.layout.raw().next() {
        return PrincipalMatch::Unreadable(format!(
            "the principal type {:?} cannot be read",
            raw.key
        ));
    }
    let mut best: Option<Grant> = None;
    let mut take = |g: Grant| best = Some(best.map_or(g, |b| b.max(g)));
    for v in map.aws.iter().flat_map(|v| v.iter()) {
        if let Some(g) = aws_value(v, who) {
            take(g);
        }
    }
    if let PrincipalKind::Service(name) = who {
        let by_name = map
            .service
            .iter()
            .chain(map.federated.iter())
            .flat_map(|v| v.iter())
            .any(|v| v == name);
        if by_name {
            take(Grant::Service);
        }
    }
    match best {
        Some(g) => PrincipalMatch::Names(g),
        None => PrincipalMatch::Not,
    }
}

/// Whether the principal is exempt from a `NotPrincipal` statement.
///
/// With `Deny`, the principal is exempt only when every identity AWS may
/// check is listed: its own ARN, the role ARN of a role session, and its
/// account (reference_policies_elements_notprincipal.md: "you must also
/// specify the account ARN of the not-denied principal"), and never when
/// it has a permissions boundary (the NotPrincipal page's warning). With
/// `Allow`, one listed identity exempts it. Both are the readings that
/// grant less.
pub(crate) fn not_principal_exempts(
    map: &Principal,
    who: &PrincipalKind,
    deny: bool,
    has_boundary: bool,
) -> Result<bool, String> {
    let map: &PrincipalMap = match map {
        Principal::Any => return Ok(true),
        Principal::Map(m) => m,
    };
    if let Some(raw) = map.layout.raw().next() {
        return Err(format!("the principal type {:?} cannot be read", raw.key));
    }
    if deny && has_boundary {
        return Ok(false);
    }
    let aws: Vec<&str> = map
        .aws
        .iter()
        .flat_map(|v| v.iter())
        .map(String::as_str)
        .collect();
    if aws.contains(&"*") {
        return Ok(true);
    }
    let account_listed = |a: &str| aws.iter().any(|v| account_of(v) == Some(a));
    let listed = |arn: &str| aws.contains(&arn);
    let identities: Vec<bool> = match who {
        PrincipalKind::Anonymous => vec![false],
        PrincipalKind::Service(name) => vec![map
            .service
            .iter()
            .chain(map.federated.iter())
            .flat_map(|v| v.iter())
            .any(|v| v == name)],
        PrincipalKind::Root { account, .. } => vec![account_listed(account)],
        PrincipalKind::User { arn, account }
        | PrincipalKind::Role { arn, account }
        | PrincipalKind::FederatedUser { arn, account } => {
            vec![listed(arn), account_listed(account)]
        }
        PrincipalKind::AssumedRole {
            arn,
            account,
            role_arn,
        } => vec![listed(arn) || listed(role_arn), account_listed(account)],
    };
    Ok(if deny {
        identities.iter().all(|&b| b)
    } else {
        identities.iter().any(|&b| b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Pattern<'_> {
        Pattern::Plain(s)
    }

    #[test]
    fn star_and_question_mark() {
        assert!(p("a*c").matches("abbbc", false));
        assert!(p("a*c").matches("ac", false));
        assert!(!p("a*c").matches("ab", false));
        assert!(p("file?.txt").matches("file1.txt", false));
        assert!(!p("file?.txt").matches("file12.txt", false));
        assert!(
            p("?").matches("é", false),
            "? is one character, not one byte"
        );
        assert!(!p("??").matches("é", false));
        assert!(p("*").matches("", false));
        assert!(!p("").matches("a", false));
        assert!(p("a*b*c").matches("aXbYbZc", false));
    }

    #[test]
    fn the_action_matcher_agrees_with_the_general_one() {
        let pats = [
            "*",
            "s3:*",
            "s3:Get*",
            "S3:get?bject",
            "*:*",
            "iam:*AccessKey*",
            "a*b*c",
            "?",
            "",
            "é*",
            "s3:GetObject",
        ];
        let texts = [
            "s3:GetObject",
            "S3:GETOBJECT",
            "iam:CreateAccessKey",
            "abc",
            "aXbYc",
            "é",
            "",
            "ec2:Run",
        ];
        for p in pats {
            for t in texts {
                assert_eq!(
                    glob_plain(p.as_bytes(), t.as_bytes()),
                    Pattern::Plain(p).matches(t, true),
                    "{p} {t}"
                );
            }
        }
    }

    #[test]
    fn actions_are_case_insensitive() {
        assert!(action_matches("IAM:listaccesskeys", "iam:ListAccessKeys"));
        assert!(action_matches("iam:*AccessKey*", "iam:CreateAccessKey"));
        assert!(action_matches("s3:Get*", "s3:GetObject"));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(action_matches("*", "anything:At"));
    }

    #[test]
    fn arn_components_are_matched_on_their_own() {
        // The documented counter-example: `*` in the region does not reach
        // across the account into the resource.
        let pat = p("arn:aws:someservice:*:111122223333:finance/*");
        let text = "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
        assert_eq!(pat.matches_arn(text), Some(false));
        assert!(
            pat.matches(text, false),
            "a plain wildcard match would say yes"
        );
        assert_eq!(
            p("arn:aws:ecs:us-west-2:111122223333:*")
                .matches_arn("arn:aws:ecs:us-west-2:111122223333:task/c/1"),
            Some(true)
        );
        assert_eq!(
            p("arn:aws:iam::*").matches_arn("arn:aws:iam::1:role/x"),
            None
        );
        assert_eq!(p("arn:aws:s3:::b/*").matches_arn("not-an-arn"), None);
    }

    #[test]
    fn resources() {
        assert!(resource_matches(
            &p("arn:aws:s3:::B/*/test/*"),
            "arn:aws:s3:::B/1/2/test/4/o.jpg"
        ));
        assert!(!resource_matches(
            &p("arn:aws:s3:::B/*/test/*"),
            "arn:aws:s3:::B/test/o.jpg"
        ));
        assert!(!resource_matches(&p("arn:aws:s3:::*"), "*"));
        assert!(resource_matches(&p("*"), "*"));
        assert!(!resource_matches(
            &p("arn:aws:s3:::b/report.csv"),
            "arn:aws:s3:::b/Report.csv"
        ));
    }

    #[test]
    fn literal_pieces_are_not_wildcards() {
        let resolved = vec![Piece::Text("a/"), Piece::Literal("*".into())];
        let pat = Pattern::from_resolved(&resolved);
        assert!(pat.matches("a/*", false));
        assert!(!pat.matches("a/b", false));
    }
}
