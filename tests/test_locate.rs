//! `json::Locator` on generated documents: every value the reader reads is
//! located at text that reads back as that value, at the line and column
//! counted independently, whatever the whitespace, escapes and duplicate
//! keys; and hostile text and pointers never panic.

use iam_ecs::json::{Json, Locator, Pointer};
use proptest::prelude::*;

/// Whitespace JSON allows between tokens.
fn ws() -> impl Strategy<Value = String> {
    prop::sample::select(&["", " ", "\n", "\n  ", "\r\n\t", "  \n\n "][..]).prop_map(str::to_owned)
}

/// A key as written in the text (escapes, `~` and `/`, non-ASCII,
/// duplicates likely from the small set).
fn key() -> impl Strategy<Value = &'static str> {
    prop::sample::select(
        &[
            "\"a\"",
            "\"b\"",
            "\"~\"",
            "\"a/b~1\"",
            "\"\"",
            "\"é\"",
            "\"\\u00e9\"",
            "\"\\\"q\\\"\"",
            "\"0\"",
            "\"x y\"",
        ][..],
    )
}

fn document() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("-0.50e+3".to_owned()),
        (0u32..1000).prop_map(|n| n.to_string()),
        prop::sample::select(&["\"\"", "\"é—x\"", "\"\\n\\u2028\"", "\"{[,]}\""][..])
            .prop_map(str::to_owned),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec((ws(), inner.clone(), ws()), 0..5).prop_map(|items| {
                let body: Vec<String> =
                    items.iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                format!("[{}]", body.join(","))
            }),
            prop::collection::vec((ws(), key(), ws(), ws(), inner, ws()), 0..5).prop_map(
                |members| {
                    let body: Vec<String> = members
                        .iter()
                        .map(|(a, k, b, c, v, d)| format!("{a}{k}{b}:{c}{v}{d}"))
                        .collect();
                    format!("{{{}}}", body.join(","))
                }
            ),
        ]
    })
}

/// Every pointer of `json`; of duplicate keys only the first member's
/// (the one a pointer names, as in `Json::pointer`).
fn pointers(json: &Json, at: Pointer, out: &mut Vec<Pointer>) {
    out.push(at.clone());
    match json {
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, at.index(i), out);
            }
        }
        Json::Object(o) => {
            let mut seen = std::collections::HashSet::new();
            for (k, v) in o.iter() {
                if seen.insert(k) {
                    pointers(v, at.key(k), out);
                }
            }
        }
        _ => {}
    }
}

/// Line and column (1-based, column in characters) of byte `at`, counted
/// directly.
fn line_column(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

proptest! {
    #[test]
    fn every_value_is_located_at_its_own_text(
        lead in ws(), doc in document(), trail in ws()
    ) {
        let text = format!("{lead}{doc}{trail}");
        let json = Json::parse(&text).expect("generated JSON");
        let locator = Locator::new(&text);
        let mut all = Vec::new();
        pointers(&json, Pointer::root(), &mut all);
        for p in &all {
            let span = locator.locate(p).unwrap_or_else(|| panic!("{p} not located in {text:?}"));
            let value = Json::parse(&text[span.start..span.end]).expect("the span is one value");
            prop_assert_eq!(Some(&value), json.pointer(p), "{} in {:?}", p, text);
            prop_assert_eq!((span.line, span.column), line_column(&text, span.start));
            prop_assert_eq!((span.end_line, span.end_column), line_column(&text, span.end));
        }
        // All at once, in one pass: the same spans.
        let texts: Vec<&str> = all.iter().map(|p| p.as_str()).collect();
        let one_by_one: Vec<_> = texts.iter().map(|p| locator.locate(p)).collect();
        prop_assert_eq!(locator.locate_all(&texts), one_by_one);
        // One past the last element, and a member no object has.
        for p in &all {
            if let Some(Json::Array(items)) = json.pointer(p) {
                prop_assert!(locator.locate(&p.index(items.len())).is_none());
            }
            let absent = p.key("absent");
            prop_assert!(locator.locate(&absent).is_none());
            prop_assert_eq!(locator.locate_nearest(&absent).map(|(_, at)| at), Some(p.as_str()));
        }
    }

    #[test]
    fn arbitrary_text_and_pointers_never_panic(text in ".{0,64}", pointer in "(/[a-z0-9~]{0,3}){0,4}") {
        let locator = Locator::new(&text);
        if let Some(span) = locator.locate(&pointer) {
            prop_assert!(span.start <= span.end && span.end <= text.len());
        }
        let _ = locator.locate_nearest(&pointer);
        let _ = locator.line_column(text.len() + 1);
    }
}
