//! Every finding code the library can emit is documented in
//! `docs/checks.md`, and the README's examples run (as doctests, below).

/// The kebab-case string literals of `source` that look like finding codes
/// (they contain a `-` and only lowercase letters, digits and `-`).
fn codes_in(source: &str) -> Vec<&str> {
    let mut codes = Vec::new();
    for piece in source.split('"').skip(1).step_by(2) {
        let kebab = piece.contains('-')
            && !piece.starts_with('-')
            && !piece.ends_with('-')
            && piece
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if kebab && !codes.contains(&piece) {
            codes.push(piece);
        }
    }
    codes
}

/// Whether `docs` has a table row whose first cell names `code`.
fn documented(docs: &str, code: &str) -> bool {
    let quoted = format!("`{code}`");
    docs.lines().any(|line| {
        line.starts_with("| `")
            && line
                .split('|')
                .nth(1)
                .is_some_and(|cell| cell.contains(&quoted))
    })
}

#[test]
fn every_check_code_is_documented() {
    let root = env!("CARGO_MANIFEST_DIR");
    let docs = std::fs::read_to_string(format!("{root}/docs/checks.md")).unwrap();
    // (file, which of its kebab-case literals are codes)
    type IsCode = fn(&str) -> bool;
    let files: [(&str, IsCode); 4] = [
        ("src/policy/check.rs", |c| {
            !c.starts_with(|ch: char| ch.is_ascii_digit()) && c != "resource-based"
        }),
        ("src/ecs/check.rs", |_| true),
        ("src/cross_account.rs", |c| c.starts_with("cross-account-")),
        ("src/json/record.rs", |_| true),
    ];
    let mut missing = Vec::new();
    let mut total = 0;
    for (file, is_code) in files {
        let source = std::fs::read_to_string(format!("{root}/{file}")).unwrap();
        for code in codes_in(&source).into_iter().filter(|c| is_code(c)) {
            total += 1;
            if !documented(&docs, code) {
                missing.push(format!("{code} (from {file})"));
            }
        }
    }
    assert!(missing.is_empty(), "not in docs/checks.md: {missing:#?}");
    assert!(total > 120, "only {total} codes found");
}

/// The JSON shown in docs/guide.md is what the library generates for the
/// guide's scenario, byte for byte.
#[test]
fn the_guide_walkthrough_shows_the_generated_documents() {
    use iam_ecs::cross_account::{Artifact, CrossAccountSpec};
    let root = env!("CARGO_MANIFEST_DIR");
    let guide = std::fs::read_to_string(format!("{root}/docs/guide.md")).unwrap();
    let blocks: Vec<&str> = guide
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or_default())
        .collect();
    let setup = CrossAccountSpec::guide_example().generate().unwrap();
    let expected: Vec<String> = [
        Artifact::TaskRoleTrustPolicy,
        Artifact::TaskRoleIdentityPolicy,
        Artifact::DestinationTrustPolicy,
        Artifact::TaskDefinition,
    ]
    .into_iter()
    .map(|a| setup.render(a))
    .collect();
    assert_eq!(blocks, expected);
    let profile = guide
        .split("```ini\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    assert_eq!(profile, setup.render(Artifact::CliProfile));
}
