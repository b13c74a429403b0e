//! Wildcard matching of action patterns, ignoring ASCII case: `*` any run
//! of characters, `?` any one.

/// Whether `text` matches `pattern`.
pub(crate) fn matches(pattern: &str, text: &str) -> bool {
    let (p, t) = (pattern.as_bytes(), text.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == b'?' || p[i].eq_ignore_ascii_case(&t[j])) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == b'*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == b'*')
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn wildcards_ignore_case() {
        assert!(matches("Get*", "getObject"));
        assert!(matches("*", ""));
        assert!(matches("G?t*t", "GetObject"));
        assert!(!matches("Get", "GetObject"));
        assert!(!matches("*Put", "GetObject"));
        assert!(matches("*Object*", "GetObjectAcl"));
    }
}
