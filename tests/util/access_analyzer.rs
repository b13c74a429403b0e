//! The comparison of the Access Analyzer parity test
//! (`tests/test_access_analyzer.rs`, and with the service catalogue
//! `catalog/tests/access_analyzer.rs`): AWS's `validate-policy` findings
//! for 76 managed policies against ours. See the test file for the rules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use iam_ecs::json::Json;
use iam_ecs::policy::{CheckOptions, PolicyDocument};

use super::files_with_ext;

/// The figures of one comparison.
pub struct Parity {
    /// AWS findings compared.
    pub expected: usize,
    /// AWS findings reproduced.
    pub reproduced: usize,
    /// Findings of ours under AWS codes that reproduce none.
    pub extra: usize,
}

/// One AWS finding, as compared.
struct Aws {
    policy: String,
    code: String,
    severity: String,
    pointers: Vec<String>,
    details: String,
}

/// The RFC 6901 pointer of an Access Analyzer location path (elements
/// `{"value": k}`, `{"key": k}` or `{"index": i}`).
fn pointer(path: &[Json]) -> String {
    let mut out = String::new();
    for el in path {
        out.push('/');
        if let Some(Json::Number(i)) = el.pointer("/index") {
            out.push_str(i.as_str());
        } else {
            let k = el
                .pointer("/value")
                .or_else(|| el.pointer("/key"))
                .and_then(Json::as_str)
                .unwrap_or_else(|| panic!("unknown location element {el}"));
            out.push_str(&k.replace('~', "~0").replace('/', "~1"));
        }
    }
    out
}

/// The length of the text an Access Analyzer location spans
/// (`span.end.offset - span.start.offset`), for a location at an array
/// element (a location at an object member spans its key or its value,
/// which cannot be told apart).
fn span_len(location: &Json) -> Option<usize> {
    let path = location.pointer("/path").and_then(Json::as_array)?;
    path.last()?.pointer("/index")?;
    let offset = |which: &str| match location.pointer(&format!("/span/{which}/offset")) {
        Some(Json::Number(n)) => n.as_str().parse::<usize>().ok(),
        _ => None,
    };
    offset("end")?.checked_sub(offset("start")?)
}

/// The length of `s` as Python's `json.dumps` writes it (`ensure_ascii`:
/// what AWS was sent, see the corpus README): quotes, two-character
/// escapes, `\uXXXX` for other control characters and for every UTF-16
/// unit of a non-ASCII character.
fn py_dumps_len(s: &str) -> usize {
    2 + s
        .chars()
        .map(|c| match c {
            '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
            c if (c as u32) < 0x20 => 6,
            c if c.is_ascii() => 1,
            c => 6 * c.len_utf16(),
        })
        .sum::<usize>()
}

/// Whether a location's value at `pointer` in the document still has the
/// length of the text AWS's span covered; `None` when that cannot be told
/// (no span, or a value that is not a string).
fn same_length(json: &Json, pointer: &str, span: Option<usize>) -> Option<bool> {
    let text = json.pointer(pointer)?.as_str()?;
    Some(py_dumps_len(text) == span?)
}

/// Whether the document changed under a finding since AWS's run: some
/// location's string value no longer has the length AWS's span gives.
fn moved(json: &Json, pointers: &[String], spans: &[Option<usize>]) -> bool {
    pointers
        .iter()
        .zip(spans)
        .any(|(p, s)| same_length(json, p, *s) == Some(false))
}

/// A finding whose values moved, re-anchored: when all its locations are
/// elements of one array (`.../Action/286`, `.../Action/287`), the one
/// shift of their indices that puts a value of each span's length at
/// every location, and the value the message names ("such as: X") at one
/// of them. `None` (the finding is left out) when no shift or more than
/// one fits.
fn re_anchor(
    json: &Json,
    pointers: &[String],
    spans: &[Option<usize>],
    details: &str,
) -> Option<Vec<String>> {
    let named = details
        .rsplit_once("such as: ")
        .map(|(_, x)| x.trim_end_matches('.'))?;
    let split = |p: &String| {
        let (parent, i) = p.rsplit_once('/')?;
        Some((parent.to_owned(), i.parse::<usize>().ok()?))
    };
    let parts: Vec<(String, usize)> = pointers.iter().map(split).collect::<Option<_>>()?;
    let parent = &parts.first()?.0;
    if parts.iter().any(|(p, _)| p != parent) {
        return None;
    }
    let len = json.pointer(parent)?.as_array()?.len();
    let fits = |d: isize| -> Option<Vec<String>> {
        let moved: Vec<String> = parts
            .iter()
            .map(|(_, i)| {
                let j = i.checked_add_signed(d).filter(|j| *j < len)?;
                Some(format!("{parent}/{j}"))
            })
            .collect::<Option<_>>()?;
        let lengths_fit = moved
            .iter()
            .zip(spans)
            .all(|(p, s)| same_length(json, p, *s) == Some(true));
        let names_it = moved
            .iter()
            .any(|p| json.pointer(p).and_then(Json::as_str) == Some(named));
        (lengths_fit && names_it).then_some(moved)
    };
    let len = isize::try_from(len).ok()?;
    let mut found = (-len..=len).filter(|d| *d != 0).filter_map(fits);
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

/// `SECURITY_WARNING` as `security-warning`.
fn kebab(s: &str) -> String {
    s.to_ascii_lowercase().replace('_', "-")
}

/// Compares AWS's findings with ours under `opts` (corpus at `dir`),
/// printing the figure and every miss and extra.
pub fn compare(dir: &Path, opts: &CheckOptions) -> Parity {
    let reference = Json::parse(
        &std::fs::read_to_string(dir.join("aws-docs/access-analyzer-policy-checks-current.json"))
            .unwrap(),
    )
    .unwrap();
    let aws_codes: BTreeSet<String> = reference
        .as_array()
        .unwrap()
        .iter()
        .map(|c| kebab(c.pointer("/issue_code").and_then(Json::as_str).unwrap()))
        .collect();
    let mm = dir.join("managed-policies");
    let files = files_with_ext(&mm.join("access-analyzer-findings"), ".json");
    assert_eq!(files.len(), 76);

    let mut expected: Vec<Aws> = Vec::new();
    let mut left_out = 0;
    let mut re_anchored = 0;
    // (policy, code, severity, pointer, message) of ours under AWS codes.
    let mut ours: Vec<(String, String, String, String, String)> = Vec::new();
    for f in &files {
        let name = f
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".json")
            .to_owned();
        let text = std::fs::read_to_string(mm.join("policies").join(format!("{name}.json")))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = Json::parse(&text).unwrap();
        let found = Json::parse(&std::fs::read_to_string(f).unwrap()).unwrap();
        for a in found.as_array().unwrap() {
            let code = kebab(a.pointer("/issueCode").and_then(Json::as_str).unwrap());
            if code == "policy-size-exceeds-identity-policy-quota" {
                continue;
            }
            let pointers: Vec<String> = a
                .pointer("/locations")
                .and_then(Json::as_array)
                .unwrap()
                .iter()
                .map(|l| pointer(l.pointer("/path").and_then(Json::as_array).unwrap()))
                .collect();
            if pointers.iter().any(|p| json.pointer(p).is_none()) {
                left_out += 1;
                continue;
            }
            let spans: Vec<Option<usize>> = a
                .pointer("/locations")
                .and_then(Json::as_array)
                .unwrap()
                .iter()
                .map(span_len)
                .collect();
            let details = a
                .pointer("/findingDetails")
                .and_then(Json::as_str)
                .unwrap()
                .to_owned();
            let pointers = if moved(&json, &pointers, &spans) {
                match re_anchor(&json, &pointers, &spans, &details) {
                    Some(p) => {
                        re_anchored += 1;
                        p
                    }
                    None => {
                        left_out += 1;
                        continue;
                    }
                }
            } else {
                pointers
            };
            expected.push(Aws {
                policy: name.clone(),
                code,
                severity: kebab(a.pointer("/findingType").and_then(Json::as_str).unwrap()),
                pointers,
                details,
            });
        }
        let doc = PolicyDocument::from_json_str(&text).unwrap();
        for finding in doc.check(opts) {
            if finding.code == "policy-size-exceeds-identity-policy-quota"
                || !aws_codes.contains(finding.code.as_str())
            {
                continue;
            }
            ours.push((
                name.clone(),
                finding.code.to_string(),
                finding.severity.to_string(),
                finding.path.to_string(),
                finding.message.clone(),
            ));
        }
    }

    let matches = |a: &Aws, o: &(String, String, String, String, String)| {
        a.policy == o.0 && a.code == o.1 && a.severity == o.2 && a.pointers.contains(&o.3)
    };
    let mut misses: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut reproduced = 0;
    for a in &expected {
        if ours.iter().any(|o| matches(a, o)) {
            reproduced += 1;
        } else {
            misses.entry(&a.code).or_default().push(format!(
                "{} {} {}: {}",
                a.policy,
                a.severity,
                a.pointers.join(" "),
                a.details
            ));
        }
    }
    let mut extras: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // Ours that reproduce an AWS finding another of ours reproduces too
    // (AWS groups values into one finding that we report one by one).
    let mut also = 0;
    let mut seen: BTreeSet<usize> = BTreeSet::new();
    for o in &ours {
        match expected.iter().position(|a| matches(a, o)) {
            None => extras
                .entry(&o.1)
                .or_default()
                .push(format!("{} {} {}: {}", o.0, o.2, o.3, o.4)),
            Some(i) => {
                if !seen.insert(i) {
                    also += 1;
                }
            }
        }
    }
    let extra: usize = extras.values().map(Vec::len).sum();
    eprintln!(
        "Access Analyzer parity: reproduced {reproduced} of {}, {extra} extra under AWS codes \
         ({left_out} AWS findings on paths no longer in the documents left out, {re_anchored} \
         re-anchored where the document moved their values; {also} more of ours on values AWS \
         reports in one finding)",
        expected.len()
    );
    for (title, list) in [("misses", &misses), ("extras", &extras)] {
        eprintln!("{title} by code:");
        for (code, items) in list {
            eprintln!("  {code}: {}", items.len());
            for i in items {
                eprintln!("    {i}");
            }
        }
    }
    Parity {
        expected: expected.len(),
        reproduced,
        extra,
    }
}
