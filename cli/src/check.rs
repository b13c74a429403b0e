//! `iam-ecs check`: findings for policy and task-definition files.

use crate::{display_name, iac, read_input};
use iam_ecs::ecs;
use iam_ecs::json::{Json, Pointer};
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::{Code, DocumentKind, Finding, Severity};
use std::process::ExitCode;

/// What to check a file as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Tell from the keys: a CloudFormation template (JSON or YAML) or a
    /// Terraform plan, a task definition, a trust policy (a `Principal`
    /// and no `Resource`), a resource policy, or an identity policy (no
    /// `Principal`).
    Auto,
    /// An IAM identity policy (managed-policy quota 6,144 characters).
    Identity,
    /// An IAM role trust policy (quota 2,048 characters unless
    /// `--trust-quota` says otherwise).
    Trust,
    /// A resource-based policy (no size quota).
    Resource,
    /// An AWS Organizations service control policy (quota 5,120
    /// characters; no Principal).
    Scp,
    /// An AWS Organizations resource control policy (quota 5,120
    /// characters; Principal "*", Deny statements).
    Rcp,
    /// An ECS task definition (register input or describe output).
    TaskDefinition,
    /// An AWS CloudFormation template, JSON or YAML: its policies and
    /// task definitions.
    Cloudformation,
    /// A Terraform plan in JSON (`terraform show -json PLAN`): its
    /// policies and task definitions.
    TerraformPlan,
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding: `FILE: severity[code] /pointer: message`.
    Text,
    /// One JSON array of `{"file", "severity", "code", "path", "message"}`.
    Json,
}

/// Arguments of `iam-ecs check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to check the files as.
    #[arg(long, value_enum, default_value_t = Kind::Auto)]
    kind: Kind,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The role trust policy size quota in characters, whitespace not
    /// counted (AWS's default is 2,048; it can be raised).
    #[arg(long, value_name = "N")]
    trust_quota: Option<usize>,
    /// Files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// One finding with the file it is in.
struct Reported {
    file: String,
    finding: Finding,
    /// Where a finding of a template or plan is in the file: the file
    /// pointer to locate (a plan's finding has the pointer inside the
    /// embedded document as its path) and, in YAML, the line and column.
    place: Option<iac::Place>,
}

impl serde::Serialize for Reported {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("file", &self.file)?;
        if let Some((line, column)) = self.place.as_ref().and_then(|p| p.line_col) {
            m.serialize_entry("line", &line)?;
            m.serialize_entry("column", &column)?;
        }
        m.serialize_entry("severity", &self.finding.severity)?;
        m.serialize_entry("code", &self.finding.code)?;
        m.serialize_entry("path", &self.finding.path.as_str())?;
        m.serialize_entry("message", &self.finding.message)?;
        m.end()
    }
}

/// What checking one file gave: its findings (with their line and column
/// where known), what it was checked as (for the note printed with
/// `--kind auto`), and notes (values skipped in a template or plan).
struct Checked {
    findings: Vec<(Finding, Option<iac::Place>)>,
    checked_as: Option<String>,
    notes: Vec<String>,
}

impl From<(Vec<Finding>, Option<DocumentKind>)> for Checked {
    fn from((findings, kind): (Vec<Finding>, Option<DocumentKind>)) -> Self {
        Checked {
            findings: findings.into_iter().map(|f| (f, None)).collect(),
            checked_as: kind.map(article),
            notes: Vec::new(),
        }
    }
}

/// Checks one file: a template or plan ([`iac`]), else one document.
fn check_file(path: &str, args: &Args) -> Checked {
    let forced = match args.kind {
        Kind::Auto => Some(iac::Forced::Auto),
        Kind::Cloudformation => Some(iac::Forced::CloudFormation),
        Kind::TerraformPlan => Some(iac::Forced::TerraformPlan),
        _ => None,
    };
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => {
            let f = Finding::new(Severity::Error, Code::UnreadableFile, Pointer::root(), e);
            return (vec![f], None).into();
        }
    };
    if let Some(extracted) = forced.and_then(|f| iac::extract(path, &bytes, f)) {
        return match extracted {
            Ok(x) => {
                let mut findings: Vec<(Finding, Option<iac::Place>)> = Vec::new();
                let placed = x.problems.into_iter().chain(
                    x.documents
                        .iter()
                        .flat_map(|d| d.check(|json| check_document(json, d.kind, args))),
                );
                findings.extend(placed.map(|p| (p.finding, Some(p.place))));
                Checked {
                    findings,
                    checked_as: Some(format!(
                        "{} ({} document(s))",
                        x.format.as_str(),
                        x.documents.len()
                    )),
                    notes: x.notes,
                }
            }
            Err(e) => (
                vec![Finding::new(
                    Severity::Error,
                    Code::InvalidDocument,
                    Pointer::root(),
                    e,
                )],
                None,
            )
                .into(),
        };
    }
    check_plain(&bytes, args).into()
}

/// Checks one file as one document: its findings, and the kind it was
/// checked as.
fn check_plain(bytes: &[u8], args: &Args) -> (Vec<Finding>, Option<DocumentKind>) {
    let unreadable = |code: Code, message: String| {
        vec![Finding::new(
            Severity::Error,
            code,
            Pointer::root(),
            message,
        )]
    };
    let json = match Json::from_slice(bytes) {
        Ok(j) => j,
        Err(e) => return (unreadable(Code::InvalidJson, e.to_string()), None),
    };
    let kind = match args.kind {
        Kind::Auto => match DocumentKind::detect(&json) {
            Some(k) => k,
            None => {
                return (
                    unreadable(
                        Code::UnknownDocumentKind,
                        format!(
                            "expected a policy (with \"Statement\"), a task definition (with \"containerDefinitions\" or \"family\"), a CloudFormation template (\"Resources\") or a Terraform plan (\"format_version\"), found {} without those keys: pass --kind",
                            json.type_name()
                        ),
                    ),
                    None,
                )
            }
        },
        Kind::Identity => DocumentKind::IdentityPolicy,
        Kind::Trust => DocumentKind::TrustPolicy,
        Kind::Resource => DocumentKind::ResourcePolicy,
        Kind::Scp => DocumentKind::ServiceControlPolicy,
        Kind::Rcp => DocumentKind::ResourceControlPolicy,
        Kind::TaskDefinition => DocumentKind::TaskDefinition,
        // Read by `iac` in `check_file`.
        Kind::Cloudformation | Kind::TerraformPlan => DocumentKind::TaskDefinition,
    };
    (check_document(json, kind, args), Some(kind))
}

/// The findings of the document `json` checked as `kind`.
fn check_document(json: Json, kind: DocumentKind, args: &Args) -> Vec<Finding> {
    let unreadable = |code: Code, message: String| {
        vec![Finding::new(
            Severity::Error,
            code,
            Pointer::root(),
            message,
        )]
    };
    match kind {
        DocumentKind::TaskDefinition => match ecs::Document::from_json(json) {
            Ok(doc) => doc.check(),
            Err(e) => unreadable(Code::InvalidDocument, e.to_string()),
        },
        policy_kind => match PolicyDocument::from_json(json) {
            Ok(doc) => {
                let options = match policy_kind {
                    DocumentKind::IdentityPolicy => CheckOptions::identity(),
                    DocumentKind::TrustPolicy => match args.trust_quota {
                        Some(q) => CheckOptions::trust().size_quota(Some(q)),
                        None => CheckOptions::trust(),
                    },
                    DocumentKind::ServiceControlPolicy => CheckOptions::scp(),
                    DocumentKind::ResourceControlPolicy => CheckOptions::rcp(),
                    _ => CheckOptions::resource(),
                };
                doc.check(&options)
            }
            Err(e) => unreadable(Code::InvalidDocument, e.to_string()),
        },
    }
}

/// Runs `iam-ecs check`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let mut all: Vec<Reported> = Vec::new();
    for path in &args.files {
        let file = display_name(path).to_owned();
        let checked = check_file(path, &args);
        if let (Kind::Auto, Some(kind)) = (args.kind, &checked.checked_as) {
            eprintln!("{file}: note: checked as {kind} (--kind auto)");
        }
        for note in &checked.notes {
            eprintln!("{file}: note: {note}");
        }
        if args.format == Format::Text {
            for (f, at) in &checked.findings {
                match at.as_ref().and_then(|p| p.line_col) {
                    Some((line, col)) => println!("{file}:{line}:{col}: {f}"),
                    None => println!("{file}: {f}"),
                }
            }
        }
        all.extend(
            checked
                .findings
                .into_iter()
                .map(|(finding, place)| Reported {
                    file: file.clone(),
                    finding,
                    place,
                }),
        );
    }
    if args.format == Format::Json {
        let text = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
        println!("{text}");
    }
    let errors = all.iter().filter(|r| r.finding.is_error()).count();
    if args.format == Format::Text {
        eprintln!(
            "{} file(s) checked: {errors} error(s), {} other finding(s)",
            args.files.len(),
            all.len() - errors
        );
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn article(kind: DocumentKind) -> String {
    let name = kind.as_str();
    if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {name}")
    } else {
        format!("a {name}")
    }
}
