//! `docs/checks.md` is generated from the code registry and is current, no
//! source file spells a finding code as a string, and the README's
//! examples run (as doctests, in the library).

use iam_ecs::{Code, Scope};

mod util;

/// Whether a code that applies to a scope belongs to a group.
type Belongs = fn(&Scope) -> bool;

/// The groups of `docs/checks.md`, each a generated table: the marker
/// name and whether a code belongs to it.
const GROUPS: [(&str, Belongs); 4] = [
    ("policy", |s| {
        matches!(
            s,
            Scope::IdentityPolicy
                | Scope::TrustPolicy
                | Scope::ResourcePolicy
                | Scope::ServiceControlPolicy
                | Scope::ResourceControlPolicy
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

/// `docs` with the text between the markers of the generated table
/// `name` replaced by `content`.
fn replace_section(docs: &mut String, source: &str, name: &str, content: &str) {
    let begin =
        format!("<!-- generated from {source}: {name} (BLESS=1 cargo test --test test_docs) -->\n");
    let end = format!("<!-- end {name} -->");
    let from = docs
        .find(&begin)
        .unwrap_or_else(|| panic!("no marker {begin:?}"))
        + begin.len();
    let to = from
        + docs[from..]
            .find(&end)
            .unwrap_or_else(|| panic!("no marker {end:?}"));
    docs.replace_range(from..to, content);
}

/// `docs` with every generated table replaced by the registry's, and the
/// table of Access Analyzer's issue codes by `docs/aws-issue-codes.tsv`'s.
fn regenerate(docs: &str) -> String {
    let mut out = docs.to_owned();
    for (name, belongs) in GROUPS {
        replace_section(&mut out, "src/code.rs", name, &table(belongs));
    }
    let (aws, _) = aws_table(&aws_issue_codes());
    replace_section(&mut out, AWS_CODES, "aws", &aws);
    out
}

/// The list of Access Analyzer's issue codes, relative to the repository.
const AWS_CODES: &str = "docs/aws-issue-codes.tsv";

/// What `docs/aws-issue-codes.tsv` may say of a code that is not in the
/// registry.
const STATUSES: [&str; 3] = ["catalogue", "not applicable", "not yet"];

/// One line of `docs/aws-issue-codes.tsv`.
struct AwsCode {
    /// AWS's issue code, `UPPER_SNAKE`.
    issue: String,
    /// AWS's grade, as `Severity` displays it.
    grade: String,
    /// Empty when the registry has the code, else one of [`STATUSES`].
    status: String,
    /// Why (for `catalogue`, `not applicable`, `not yet`), or a note.
    reason: String,
}

impl AwsCode {
    /// The registry's code of the same kebab-case name, if any.
    fn code(&self) -> Option<Code> {
        self.issue.to_lowercase().replace('_', "-").parse().ok()
    }
}

/// The lines of `docs/aws-issue-codes.tsv`, checked against the registry:
/// a code is implemented exactly when `Code` has its kebab-case name.
fn aws_issue_codes() -> Vec<AwsCode> {
    let path = format!("{}/{AWS_CODES}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [issue, grade, status, reason] = fields[..] else {
            panic!("{AWS_CODES}: not 4 tab-separated fields: {line:?}");
        };
        let row = AwsCode {
            issue: issue.to_owned(),
            grade: grade.to_owned(),
            status: status.to_owned(),
            reason: reason.to_owned(),
        };
        match (row.code(), status) {
            (Some(_), "") => {}
            (Some(code), _) => panic!(
                "{AWS_CODES}: {issue} is implemented (`{code}` is in the registry): \
                 empty its status {status:?}"
            ),
            (None, "") => panic!(
                "{AWS_CODES}: {issue} has no status but the registry has no `{}`",
                issue.to_lowercase().replace('_', "-")
            ),
            (None, s) if !STATUSES.contains(&s) => {
                panic!("{AWS_CODES}: {issue}: status {s:?} is not one of {STATUSES:?}")
            }
            (None, _) if reason.is_empty() => panic!("{AWS_CODES}: {issue}: no reason"),
            (None, _) => {}
        }
        rows.push(row);
    }
    rows
}

/// The Markdown table of Access Analyzer's issue codes and the counts
/// implemented, catalogue, not applicable, not yet.
fn aws_table(rows: &[AwsCode]) -> (String, [usize; 4]) {
    let mut counts = [0; 4];
    let mut body = String::new();
    for row in rows {
        let (status, ours) = match row.code() {
            Some(code) => {
                counts[0] += 1;
                let severity = code.severity().to_string();
                let ours = if severity == row.grade {
                    format!("`{code}`")
                } else {
                    format!("`{code}`, **{severity}**")
                };
                ("implemented", ours)
            }
            None => {
                let i = STATUSES.iter().position(|s| *s == row.status).unwrap();
                counts[i + 1] += 1;
                (STATUSES[i], String::new())
            }
        };
        body.push_str(&format!(
            "| `{}` | {} | {status} | {ours} | {} |\n",
            row.issue, row.grade, row.reason
        ));
    }
    let [implemented, catalogue, na, not_yet] = counts;
    let head = format!(
        "{} issue codes: {implemented} implemented, {catalogue} need the service \
         catalogue, {na} not applicable, {not_yet} not yet.\n\n\
         | AWS issue code | AWS grade | status | ours (default severity where it differs) | reason or note |\n\
         | --- | --- | --- | --- | --- |\n",
        rows.len()
    );
    (head + &body, counts)
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

/// `docs/aws-issue-codes.tsv` lists each issue code once, and the counts
/// by status are printed.
#[test]
fn the_aws_issue_code_table_lists_each_code_once() {
    let rows = aws_issue_codes();
    let (_, [implemented, catalogue, na, not_yet]) = aws_table(&rows);
    println!(
        "{} AWS issue codes: {implemented} implemented, {catalogue} catalogue, \
         {na} not applicable, {not_yet} not yet",
        rows.len()
    );
    let mut listed = std::collections::BTreeSet::new();
    for row in &rows {
        assert!(
            listed.insert(row.issue.as_str()),
            "{} listed twice",
            row.issue
        );
    }
}

/// `docs/aws-issue-codes.tsv` lists exactly the issue codes of the
/// corpus's index of Access Analyzer's checks, with AWS's grades.
#[test]
#[cfg_attr(
    iam_ecs_no_corpus,
    ignore = "corpus not found: set IAM_ECS_CORPUS (the shared corpus; see tests/util)"
)]
fn the_aws_issue_code_table_lists_every_code_of_the_index() {
    let Some(corpus) = util::corpus_dir() else {
        return;
    };
    let rows = aws_issue_codes();
    let listed: std::collections::BTreeSet<&str> =
        rows.iter().map(|row| row.issue.as_str()).collect();
    let index = corpus.join("aws-docs/access-analyzer-policy-checks-current.json");
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(index).unwrap()).unwrap();
    let mut grades = std::collections::BTreeMap::new();
    for check in index.as_array().unwrap() {
        let issue = check["issue_code"].as_str().unwrap();
        let grade = match check["finding_type"].as_str().unwrap() {
            "ERROR" => "error",
            "SECURITY_WARNING" => "security-warning",
            "GENERAL_WARNING" => "warning",
            "SUGGESTION" => "suggestion",
            other => panic!("{issue}: finding type {other:?}"),
        };
        grades.insert(issue, grade);
    }
    let missing: Vec<_> = grades.keys().filter(|c| !listed.contains(*c)).collect();
    assert!(
        missing.is_empty(),
        "in the index, not in {AWS_CODES}: {missing:?}"
    );
    for row in &rows {
        let grade = grades
            .get(row.issue.as_str())
            .unwrap_or_else(|| panic!("{AWS_CODES} lists {}, not in the index", row.issue));
        assert_eq!(row.grade, *grade, "{}: AWS's grade", row.issue);
    }
    assert_eq!(rows.len(), 153);
}
