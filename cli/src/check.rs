//! `iam-ecs check`: findings for policy and task-definition files.

use crate::{display_name, read_input};
use iam_ecs::ecs;
use iam_ecs::json::{Json, Pointer};
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::{Code, DocumentKind, Finding, Severity};
use std::process::ExitCode;

/// What to check a file as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// Tell from the keys: a task definition, a trust policy (a
    /// `Principal` and no `Resource`), a resource policy, or an identity
    /// policy (no `Principal`).
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
    #[command(flatten)]
    catalog: crate::catalog::CheckArgs,
    /// Files to check; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
}

/// One finding with the file it is in.
struct Reported {
    file: String,
    finding: Finding,
}

impl serde::Serialize for Reported {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("file", &self.file)?;
        m.serialize_entry("severity", &self.finding.severity)?;
        m.serialize_entry("code", &self.finding.code)?;
        m.serialize_entry("path", &self.finding.path.as_str())?;
        m.serialize_entry("message", &self.finding.message)?;
        m.end()
    }
}

/// Checks one file: its findings, and the kind it was checked as (for the
/// note printed with `--kind auto`).
fn check_file(path: &str, args: &Args) -> (Vec<Finding>, Option<DocumentKind>) {
    let unreadable = |code: Code, message: String| {
        vec![Finding::new(
            Severity::Error,
            code,
            Pointer::root(),
            message,
        )]
    };
    let bytes = match read_input(path) {
        Ok(b) => b,
        Err(e) => return (unreadable(Code::UnreadableFile, e), None),
    };
    let json = match Json::from_slice(&bytes) {
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
                            "expected a policy (with \"Statement\") or a task definition (with \"containerDefinitions\" or \"family\"), found {} without those keys: pass --kind",
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
    };
    let findings = match kind {
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
                doc.check(&args.catalog.apply(options))
            }
            Err(e) => unreadable(Code::InvalidDocument, e.to_string()),
        },
    };
    (findings, Some(kind))
}

/// Runs `iam-ecs check`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    args.catalog.load()?;
    let mut all: Vec<Reported> = Vec::new();
    for path in &args.files {
        let file = display_name(path).to_owned();
        let (findings, kind) = check_file(path, &args);
        if let (Kind::Auto, Some(kind)) = (args.kind, kind) {
            eprintln!("{file}: note: checked as {} (--kind auto)", article(kind));
        }
        if args.format == Format::Text {
            for f in &findings {
                println!("{file}: {f}");
            }
        }
        all.extend(findings.into_iter().map(|finding| Reported {
            file: file.clone(),
            finding,
        }));
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
