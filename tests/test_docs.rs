//! `docs/checks.md` is generated from the code registry and is current, no
//! source file spells a finding code as a string, and the README's
//! examples run (as doctests, in the library).

use iam_ecs::{Code, Scope};

/// Whether a code that applies to a scope belongs to a group.
type Belongs = fn(&Scope) -> bool;

/// The groups of `docs/checks.md`, each a generated table: the marker
/// name and whether a code belongs to it.
const GROUPS: [(&str, Belongs); 4] = [
    ("policy", |s| {
        matches!(
            s,
            Scope::IdentityPolicy | Scope::TrustPolicy | Scope::ResourcePolicy
        )
    }),
    ("ecs", |s| *s == Scope::TaskDefinition),
    ("cross-account", |s| *s == Scope::CrossAccountSetup),
    ("file", |s| *s == Scope::File),
];

/// The Markdown table of the codes of one group, in registry order.
fn table(belongs: Belongs) -> String {
    let mut out = String::from(
        "| code | severity | applies to | what | source |\n| --- | --- | --- | --- | --- |\n",
    );
    for &code in Code::ALL {
        let scopes: Vec<&str> = code
            .applies_to()
            .iter()
            .filter(|s| belongs(s))
            .map(|s| s.as_str())
            .collect();
        if scopes.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            code,
            code.severity(),
            scopes.join(", "),
            code.summary(),
            code.source()
        ));
    }
    out
}

/// `docs` with every generated table replaced by the registry's.
fn regenerate(docs: &str) -> String {
    let mut out = docs.to_owned();
    for (name, belongs) in GROUPS {
        let begin = format!(
            "<!-- generated from src/code.rs: {name} (BLESS=1 cargo test --test test_docs) -->\n"
        );
        let end = format!("<!-- end {name} -->");
        let from = out
            .find(&begin)
            .unwrap_or_else(|| panic!("no marker {begin:?}"))
            + begin.len();
        let to = from
            + out[from..]
                .find(&end)
                .unwrap_or_else(|| panic!("no marker {end:?}"));
        out.replace_range(from..to, &table(belongs));
    }
    out
}

#[test]
fn docs_checks_md_is_generated_from_the_registry() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/checks.md");
    let docs = std::fs::read_to_string(path).unwrap();
    let fresh = regenerate(&docs);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(path, &fresh).unwrap();
        return;
    }
    assert!(
        docs == fresh,
        "docs/checks.md is stale: run `BLESS=1 cargo test --test test_docs`"
    );
    for &code in Code::ALL {
        assert!(
            docs.contains(&format!("| `{code}` |")),
            "{code} not in a table"
        );
    }
}

/// The string literals of `source` outside comments.
fn literals(source: &str) -> Vec<&str> {
    let mut found = Vec::new();
    for line in source.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        found.extend(line.split('"').skip(1).step_by(2));
    }
    found
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_source_file_spells_a_code_as_a_string() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("cli/src"), &mut files);
    assert!(files.len() > 30, "only {} files", files.len());
    let mut spelled = Vec::new();
    for file in files.iter().filter(|f| !f.ends_with("src/code.rs")) {
        let source = std::fs::read_to_string(file).unwrap();
        for literal in literals(&source) {
            if literal.parse::<Code>().is_ok() {
                spelled.push(format!("{} spells {literal:?}", file.display()));
            }
        }
    }
    assert!(spelled.is_empty(), "name the Code instead: {spelled:#?}");
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
