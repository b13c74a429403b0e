//! Helpers shared by the fuzz targets.
#![allow(dead_code)]

use iam_ecs::json::Json;
use iam_ecs::Finding;

/// Whether `pointer` names a value in `json`. [`Json::pointer`] follows
/// the first member of a duplicated key; a finding inside a later copy
/// (a duplicate is kept raw and still checked) names a path that exists
/// only through that copy, so every member with the key is tried.
pub fn resolves(json: &Json, pointer: &str) -> bool {
    if json.pointer(pointer).is_some() {
        return true;
    }
    let Some(rest) = pointer.strip_prefix('/') else {
        return pointer.is_empty();
    };
    let tokens: Vec<String> = rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    walk(json, &tokens)
}

fn walk(json: &Json, tokens: &[String]) -> bool {
    let Some((first, rest)) = tokens.split_first() else {
        return true;
    };
    match json {
        Json::Object(o) => o
            .iter()
            .filter(|(k, _)| k == first)
            .any(|(_, v)| walk(v, rest)),
        Json::Array(a) => {
            if first.len() > 1 && first.starts_with('0') {
                return false;
            }
            first
                .parse::<usize>()
                .ok()
                .and_then(|i| a.get(i))
                .is_some_and(|v| walk(v, rest))
        }
        _ => false,
    }
}

/// Asserts that every finding's path resolves in `json`.
#[track_caller]
pub fn assert_paths_resolve(json: &Json, findings: &[Finding], input: &str) {
    for f in findings {
        assert!(
            f.path.is_empty() || f.path.starts_with('/'),
            "finding path is not a JSON Pointer: {f}\ninput: {input}"
        );
        assert!(
            resolves(json, &f.path),
            "finding path does not exist in the input: {f}\ninput: {input}"
        );
    }
}

/// Asserts that [`iam_ecs::json::Locator`] finds every finding's value in
/// `text` (the input `json` was read from): the nearest value the file has
/// always, and where the pointer names a value through first members, a
/// span whose text reads back as that very value.
#[track_caller]
pub fn assert_located(text: &str, json: &Json, findings: &[Finding]) {
    let locator = iam_ecs::json::Locator::new(text);
    for f in findings {
        let (span, _) = locator
            .locate_nearest(&f.path)
            .unwrap_or_else(|| panic!("no place for {f}\ninput: {text}"));
        assert!(
            span.start <= span.end && span.end <= text.len(),
            "span out of the text for {f}: {span:?}\ninput: {text}"
        );
        if let Some(value) = json.pointer(&f.path) {
            let span = locator
                .locate(&f.path)
                .unwrap_or_else(|| panic!("{} not located\ninput: {text}", f.path));
            let found = Json::parse(&text[span.start..span.end]).unwrap_or_else(|e| {
                panic!("span of {} is not a value: {e}\ninput: {text}", f.path)
            });
            assert_eq!(
                &found, value,
                "span of {} reads back as another value",
                f.path
            );
        }
    }
}
