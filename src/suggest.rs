//! "Did you mean" suggestions for a key the model does not have: the
//! closest modelled key by edit distance, used by the task-definition and
//! the policy checks alike (`requiresCompatibilites` ->
//! `requiresCompatibilities`, `Efect` -> `Effect`).
//!
//! The distance is the optimal string alignment distance (insertions,
//! deletions, substitutions and swaps of two neighbouring characters each
//! cost one) between the keys compared without regard to ASCII case, plus
//! nothing for a difference in case alone: `effect` suggests `Effect`. A
//! key is suggested when its distance is at most a third of the shorter
//! key's length (at least one), so that short keys (`x`) suggest nothing.

/// The key of `candidates` closest to `word`, if one is close enough
/// (see the module documentation); the first of equally close keys.
pub(crate) fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut best: Option<(usize, &'a str)> = None;
    for &candidate in candidates {
        let cand: Vec<char> = candidate.chars().map(|c| c.to_ascii_lowercase()).collect();
        let limit = (word.len().min(cand.len()) / 3).max(1);
        // Lengths further apart than the limit cannot be within it.
        if word.len().abs_diff(cand.len()) > limit {
            continue;
        }
        let d = distance(&word, &cand);
        let better = match best {
            Some((b, _)) => d < b,
            None => true,
        };
        if d <= limit && better {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, k)| k)
}

/// The optimal string alignment distance between `a` and `b`.
fn distance(a: &[char], b: &[char]) -> usize {
    // Three rows: the one before the previous (for swaps), the previous
    // and the current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// ` (did you mean "KEY"?)` for the closest of `candidates` to `word`, or
/// nothing.
pub(crate) fn did_you_mean(word: &str, candidates: &[&str]) -> String {
    closest(word, candidates)
        .map(|k| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance(&a, &b)
    }

    #[test]
    fn distances() {
        assert_eq!(d("", ""), 0);
        assert_eq!(d("", "abc"), 3);
        assert_eq!(d("abc", ""), 3);
        assert_eq!(d("kitten", "sitting"), 3);
        assert_eq!(d("Efect", "Effect"), 1);
        assert_eq!(d("Actoin", "Action"), 1);
        assert_eq!(d("ca", "abc"), 3);
        assert_eq!(d("requiresCompatibilites", "requiresCompatibilities"), 1);
    }

    #[test]
    fn suggestions() {
        let keys = ["Version", "Id", "Statement"];
        assert_eq!(closest("Statment", &keys), Some("Statement"));
        assert_eq!(closest("statement", &keys), Some("Statement"));
        assert_eq!(closest("Versoin", &keys), Some("Version"));
        assert_eq!(closest("x", &keys), None);
        assert_eq!(closest("Foo", &keys), None);
        assert_eq!(closest("ID", &keys), Some("Id"));
        let td = ["cpu", "memory", "requiresCompatibilities", "family"];
        assert_eq!(
            closest("requiresCompatibilites", &td),
            Some("requiresCompatibilities")
        );
        assert_eq!(closest("cpus", &td), Some("cpu"));
        assert_eq!(closest("colour", &td), None);
        assert_eq!(did_you_mean("memroy", &td), " (did you mean \"memory\"?)");
        assert_eq!(did_you_mean("zzz", &td), "");
    }

    #[test]
    fn non_ascii_keys_do_not_panic() {
        assert_eq!(closest("Éffect", &["Effect"]), Some("Effect"));
        assert_eq!(closest("日本", &["Effect"]), None);
    }
}
