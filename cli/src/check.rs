//! `iam-ecs check`: findings for policy and task-definition files.

use crate::config::Config;
use crate::inputs::{self, Input};
use crate::output::{ColorChoice, Located};
use iam_ecs::ecs;
use iam_ecs::json::{Json, Pointer, Span};
use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs::{Code, DocumentKind, Finding, Severity};
use std::path::PathBuf;
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
    /// One line per finding: `FILE:LINE:COL: severity[code] /pointer: message`.
    Text,
    /// One JSON array of `{"file", "severity", "code", "path", "message",
    /// "line", "column", "endLine", "endColumn"}`.
    Json,
    /// SARIF 2.1.0, for code-scanning views (GitHub code scanning).
    Sarif,
}

/// The least severe finding that makes the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Errors only (AWS would reject the document).
    Error,
    /// Errors and security warnings.
    SecurityWarning,
    /// Errors, security warnings and warnings.
    Warning,
    /// Any finding.
    Suggestion,
}

impl FailOn {
    /// The severity at or above which a finding fails the run.
    fn threshold(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::SecurityWarning => Severity::SecurityWarning,
            FailOn::Warning => Severity::Warning,
            FailOn::Suggestion => Severity::Suggestion,
        }
    }
}

/// A finding code given on the command line.
fn parse_code(text: &str) -> Result<Code, String> {
    text.parse::<Code>().map_err(|e| e.to_string())
}

/// Arguments of `iam-ecs check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// What to check the files as (default: the config file's kind for
    /// the file's path, else auto).
    #[arg(long, value_enum)]
    kind: Option<Kind>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The role trust policy size quota in characters, whitespace not
    /// counted (AWS's default is 2,048; it can be raised).
    #[arg(long, value_name = "N")]
    trust_quota: Option<usize>,
    /// Exit 1 when a finding at or above this severity remains (default
    /// error, or the config file's `fail-on`).
    #[arg(long, value_enum, value_name = "SEVERITY")]
    fail_on: Option<FailOn>,
    /// Do not report this finding code (repeatable; added to the config
    /// file's).
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    ignore: Vec<Code>,
    /// Report only these finding codes (repeatable; replaces the config
    /// file's `select`).
    #[arg(long, value_name = "CODE", value_parser = parse_code)]
    select: Vec<Code>,
    /// The config file (default: the nearest iam-ecs.toml in the working
    /// directory or a parent).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// No per-file notes (the kind detected, files skipped).
    #[arg(long, short)]
    quiet: bool,
    /// Colour the text output.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Files or directories to check (directories are walked for *.json,
    /// *.yaml, *.yml and *.template, .gitignore respected); `-` reads
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    files: Vec<String>,
}

/// What the command makes of one input.
enum Outcome {
    /// Checked: its findings (kept ones) and, with `--kind auto`, the kind
    /// it was read as.
    Checked {
        located: Vec<Located>,
        detected: Option<DocumentKind>,
    },
    /// Found by walking and holding no document: why.
    Skipped(String),
}

/// The kind of document `json` holds, as `--kind auto` tells it. The one
/// place inputs are told apart: other inputs that hold documents
/// (CloudFormation templates, Terraform plans) are to be detected here.
pub fn detect(json: &Json) -> Option<DocumentKind> {
    DocumentKind::detect(json)
}

/// The span of the line and column an [`iam_ecs::Error::Json`] names in
/// `bytes` (an empty span there), when it names one.
fn error_span(bytes: &[u8], error: &iam_ecs::Error) -> Option<Span> {
    let iam_ecs::Error::Json { line, column, .. } = error else {
        return None;
    };
    let (line, column) = (*line, *column);
    let text = String::from_utf8_lossy(bytes);
    let line_start = match line.checked_sub(2) {
        None => 0,
        Some(n) => text.match_indices('\n').nth(n)?.0 + 1,
    };
    let start = line_start
        + text[line_start..]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len() - line_start, |(i, _)| i);
    Some(Span {
        start,
        end: start,
        line,
        column,
        end_line: line,
        end_column: column,
    })
}

/// Settings that apply to every file of a run.
struct Run<'a> {
    args: &'a Args,
    config: Config,
}

impl Run<'_> {
    fn check(&self, input: &Input) -> Outcome {
        let name = input.name();
        let file_error = |code: Code, message: String, span: Option<Span>| Outcome::Checked {
            located: vec![Located {
                file: name.clone(),
                finding: Finding::new(Severity::Error, code, Pointer::root(), message),
                span,
            }],
            detected: None,
        };
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => return file_error(Code::UnreadableFile, e, None),
        };
        let json = match Json::from_slice(&bytes) {
            Ok(j) => j,
            Err(e) => {
                let is_json = input
                    .path
                    .as_ref()
                    .and_then(|p| p.extension())
                    .is_some_and(|e| e == "json");
                if input.walked && !is_json {
                    return Outcome::Skipped(
                        "not JSON (YAML templates are not read yet)".to_owned(),
                    );
                }
                let span = error_span(&bytes, &e);
                return file_error(Code::InvalidJson, e.to_string(), span);
            }
        };
        let kind = self
            .args
            .kind
            .or_else(|| input.path.as_deref().and_then(|p| self.config.kind_for(p)))
            .unwrap_or(Kind::Auto);
        let (kind, detected) = match kind {
            Kind::Auto => match detect(&json) {
                Some(k) => (k, Some(k)),
                None if input.walked => {
                    return Outcome::Skipped(format!(
                        "{} that is neither a policy (\"Statement\") nor a task definition (\"containerDefinitions\", \"family\")",
                        json.type_name()
                    ))
                }
                None => return file_error(
                    Code::UnknownDocumentKind,
                    format!(
                        "expected a policy (with \"Statement\") or a task definition (with \"containerDefinitions\" or \"family\"), found {} without those keys: pass --kind",
                        json.type_name()
                    ),
                    None,
                ),
            },
            Kind::Identity => (DocumentKind::IdentityPolicy, None),
            Kind::Trust => (DocumentKind::TrustPolicy, None),
            Kind::Resource => (DocumentKind::ResourcePolicy, None),
            Kind::Scp => (DocumentKind::ServiceControlPolicy, None),
            Kind::Rcp => (DocumentKind::ResourceControlPolicy, None),
            Kind::TaskDefinition => (DocumentKind::TaskDefinition, None),
        };
        let findings = match self.check_document(kind, json) {
            Ok(f) => f,
            Err(message) => return file_error(Code::InvalidDocument, message, None),
        };
        let findings = findings
            .into_iter()
            .filter(|f| self.keeps(input, f.code))
            .collect();
        // `bytes` parsed as JSON, so they are UTF-8.
        let text = std::str::from_utf8(&bytes).ok();
        Outcome::Checked {
            located: Located::all(&name, text, findings),
            detected,
        }
    }

    /// The findings of one document of a known kind.
    fn check_document(&self, kind: DocumentKind, json: Json) -> Result<Vec<Finding>, String> {
        let quotas = &self.config.quotas;
        let with = |options: CheckOptions, quota: Option<usize>| match quota {
            Some(q) => options.size_quota(Some(q)),
            None => options,
        };
        if kind == DocumentKind::TaskDefinition {
            return ecs::Document::from_json(json)
                .map(|doc| doc.check())
                .map_err(|e| e.to_string());
        }
        let doc = PolicyDocument::from_json(json).map_err(|e| e.to_string())?;
        let options = match kind {
            DocumentKind::IdentityPolicy => with(CheckOptions::identity(), quotas.identity),
            DocumentKind::TrustPolicy => with(
                CheckOptions::trust(),
                self.args.trust_quota.or(quotas.trust),
            ),
            DocumentKind::ServiceControlPolicy => with(CheckOptions::scp(), quotas.scp),
            DocumentKind::ResourceControlPolicy => with(CheckOptions::rcp(), quotas.rcp),
            _ => with(CheckOptions::resource(), quotas.resource),
        };
        Ok(doc.check(&options))
    }

    /// Whether a finding of `code` in `input` is reported: selected (by
    /// `--select`, else the config's `select`, else every code) and not
    /// ignored (by `--ignore`, the config's `ignore`, or a `[[paths]]`
    /// entry matching the file).
    fn keeps(&self, input: &Input, code: Code) -> bool {
        let select = if self.args.select.is_empty() {
            &self.config.select
        } else {
            &self.args.select
        };
        if !select.is_empty() && !select.contains(&code) {
            return false;
        }
        if self.args.ignore.contains(&code) || self.config.ignore.contains(&code) {
            return false;
        }
        !input
            .path
            .as_deref()
            .is_some_and(|p| self.config.ignored_in(p, code))
    }
}

/// Runs `iam-ecs check`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let config = match Config::load(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let inputs = inputs::expand(&args.files)?;
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    let run = Run {
        args: &args,
        config,
    };
    let color = args.format == Format::Text && args.color.enabled();
    let mut all: Vec<Located> = Vec::new();
    let (mut checked, mut skipped) = (0usize, 0usize);
    for input in &inputs {
        match run.check(input) {
            Outcome::Skipped(why) => {
                skipped += 1;
                if !args.quiet {
                    eprintln!("{}: note: skipped: {why}", input.name());
                }
            }
            Outcome::Checked { located, detected } => {
                checked += 1;
                if let (Some(kind), false) = (detected, args.quiet) {
                    eprintln!(
                        "{}: note: checked as {} (--kind auto)",
                        input.name(),
                        article(kind)
                    );
                }
                if args.format == Format::Text {
                    for l in &located {
                        println!("{}", l.text(color));
                    }
                }
                all.extend(located);
            }
        }
    }
    match args.format {
        Format::Text => {}
        Format::Json => {
            let text = serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?;
            println!("{text}");
        }
        Format::Sarif => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            let log = crate::sarif::log(&all, &cwd);
            let text = serde_json::to_string_pretty(&log).map_err(|e| e.to_string())?;
            println!("{text}");
        }
    }
    let threshold = fail_on.threshold();
    let failing = all
        .iter()
        .filter(|l| l.finding.severity <= threshold)
        .count();
    if args.format == Format::Text {
        let errors = all.iter().filter(|l| l.finding.is_error()).count();
        let skipped_note = if skipped > 0 {
            format!(", {skipped} skipped")
        } else {
            String::new()
        };
        eprintln!(
            "{checked} file(s) checked{skipped_note}: {errors} error(s), {} other finding(s)",
            all.len() - errors
        );
    }
    Ok(if failing > 0 {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_are_placed_at_their_line_and_column() {
        let bytes = "{\n  \"é\": [}".as_bytes();
        let err = Json::from_slice(bytes).unwrap_err();
        let span = error_span(bytes, &err).unwrap();
        assert_eq!((span.line, span.column), (2, 9));
        assert_eq!(&bytes[span.start..], b"}");
    }

    #[test]
    fn fail_on_thresholds_order_as_severities() {
        assert!(Severity::Error <= FailOn::SecurityWarning.threshold());
        assert!(Severity::SecurityWarning <= FailOn::SecurityWarning.threshold());
        assert!(Severity::Warning > FailOn::SecurityWarning.threshold());
        assert!(Severity::Suggestion <= FailOn::Suggestion.threshold());
        assert!(Severity::SecurityWarning > FailOn::Error.threshold());
    }
}
