//! `iam-ecs check`: findings for policy and task-definition files.

use crate::config::Config;
use crate::iac;
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
    #[command(flatten)]
    catalog: crate::catalog::CheckArgs,
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
    /// Checked: its findings (kept ones), with `--kind auto` what it was
    /// read as, and notes (values of a template or plan not known
    /// offline, and skipped).
    Checked {
        located: Vec<Located>,
        detected: Option<String>,
        notes: Vec<String>,
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
    span_at(bytes, *line, *column)
}

/// An empty span at `line` and `column` (1-based, the column in
/// characters) of `bytes`, when the text has that line.
fn span_at(bytes: &[u8], line: usize, column: usize) -> Option<Span> {
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
            notes: Vec::new(),
        };
        let bytes = match input.read() {
            Ok(b) => b,
            Err(e) => return file_error(Code::UnreadableFile, e, None),
        };
        let kind = self
            .args
            .kind
            .or_else(|| input.path.as_deref().and_then(|p| self.config.kind_for(p)))
            .unwrap_or(Kind::Auto);
        let forced = match kind {
            Kind::Auto => Some(iac::Forced::Auto),
            Kind::Cloudformation => Some(iac::Forced::CloudFormation),
            Kind::TerraformPlan => Some(iac::Forced::TerraformPlan),
            _ => None,
        };
        if let Some(extracted) = forced.and_then(|f| iac::extract(&name, &bytes, f)) {
            return match extracted {
                Ok(x) => self.embedded(input, &bytes, x, kind == Kind::Auto),
                // A YAML file found by walking that is not a template
                // holds no document of ours.
                Err(e) if input.walked && kind == Kind::Auto => {
                    Outcome::Skipped(format!("not a CloudFormation template: {e}"))
                }
                Err(e) => file_error(Code::InvalidDocument, e, None),
            };
        }
        let json = match Json::from_slice(&bytes) {
            Ok(j) => j,
            Err(e) => {
                if input.walked && !input.is_json_file() {
                    return Outcome::Skipped(
                        "neither JSON nor a CloudFormation template".to_owned(),
                    );
                }
                let span = error_span(&bytes, &e);
                return file_error(Code::InvalidJson, e.to_string(), span);
            }
        };
        let (kind, detected) = match kind {
            // A template or plan forced by --kind was read by
            // `iac::extract` above; what reaches here is told by its keys.
            Kind::Auto | Kind::Cloudformation | Kind::TerraformPlan => match detect(&json) {
                Some(k) => (k, Some(article(k))),
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
            notes: Vec::new(),
        }
    }

    /// The findings of the documents of a template or plan (`x`, read
    /// from `bytes`): each placed at its line and column (YAML) or at the
    /// value its file pointer names (JSON).
    fn embedded(&self, input: &Input, bytes: &[u8], x: iac::Extracted, auto: bool) -> Outcome {
        let name = input.name();
        let placed: Vec<iac::Placed> = x
            .problems
            .into_iter()
            .chain(x.documents.iter().flat_map(|d| {
                d.check(|json| {
                    self.check_document(d.kind, json).unwrap_or_else(|message| {
                        vec![Finding::new(
                            Severity::Error,
                            Code::InvalidDocument,
                            Pointer::root(),
                            message,
                        )]
                    })
                })
            }))
            .filter(|p| self.keeps(input, p.finding.code))
            .collect();
        // YAML places carry their line and column; JSON ones are located
        // by their file pointer, in one pass.
        let pointers: Vec<&str> = placed
            .iter()
            .filter(|p| p.place.line_col.is_none())
            .map(|p| p.place.pointer.as_str())
            .collect();
        let mut located_json = match std::str::from_utf8(bytes) {
            Ok(text) if !pointers.is_empty() => iam_ecs::json::Locator::new(text)
                .locate_nearest_all(&pointers)
                .into_iter()
                .map(|found| found.map(|(span, _)| span))
                .collect(),
            _ => vec![None; pointers.len()],
        }
        .into_iter();
        let spans: Vec<Option<Span>> = placed
            .iter()
            .map(|p| match p.place.line_col {
                Some((l, c)) => span_at(bytes, l, c),
                None => located_json.next().flatten(),
            })
            .collect();
        let located = placed
            .into_iter()
            .zip(spans)
            .map(|(p, span)| Located {
                file: name.clone(),
                finding: p.finding,
                span,
            })
            .collect();
        Outcome::Checked {
            located,
            detected: auto
                .then(|| format!("{} ({} document(s))", x.format.as_str(), x.documents.len())),
            notes: x.notes,
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
        Ok(doc.check(&self.args.catalog.apply(options)))
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
    args.catalog.load()?;
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
            Outcome::Checked {
                located,
                detected,
                notes,
            } => {
                checked += 1;
                if let (Some(kind), false) = (detected, args.quiet) {
                    eprintln!("{}: note: checked as {kind} (--kind auto)", input.name());
                }
                if !args.quiet {
                    for note in notes {
                        eprintln!("{}: note: {note}", input.name());
                    }
                }
                if args.format == Format::Text {
                    for l in &located {
                        outln!("{}", l.text(color));
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
            outln!("{text}");
        }
        Format::Sarif => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the working directory: {e}"))?;
            let log = crate::sarif::log(&all, &cwd);
            let text = serde_json::to_string_pretty(&log).map_err(|e| e.to_string())?;
            outln!("{text}");
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
