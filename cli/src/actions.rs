//! `iam-ecs actions`: the actions that patterns match, with their access
//! level, resource types (ARN templates) and condition keys.

use std::path::PathBuf;
use std::process::ExitCode;

use iam_ecs_catalog::{AccessLevel, Action};

/// An access level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Level {
    /// List.
    List,
    /// Read.
    Read,
    /// Write.
    Write,
    /// Permissions management.
    PermissionsManagement,
    /// Tagging.
    Tagging,
}

impl Level {
    fn level(self) -> AccessLevel {
        match self {
            Level::List => AccessLevel::List,
            Level::Read => AccessLevel::Read,
            Level::Write => AccessLevel::Write,
            Level::PermissionsManagement => AccessLevel::PermissionsManagement,
            Level::Tagging => AccessLevel::Tagging,
        }
    }
}

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One block per action.
    Text,
    /// One JSON array of actions.
    Json,
}

/// Arguments of `iam-ecs actions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Action patterns (`s3:Get*`, `ec2:*Instances`, `*:Tag*`); case is
    /// ignored.
    #[arg(required = true, value_name = "PATTERN")]
    patterns: Vec<String>,
    /// Only actions of this access level.
    #[arg(long, value_enum)]
    access_level: Option<Level>,
    /// Only actions that take this resource type (`bucket`, `role`).
    #[arg(long, value_name = "NAME")]
    resource_type: Option<String>,
    /// How to print.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Merge a newer copy of AWS's service reference over the embedded
    /// catalogue first.
    #[arg(long, value_name = "DIR")]
    catalog: Option<PathBuf>,
}

fn json(a: &Action) -> serde_json::Value {
    serde_json::json!({
        "action": a.to_string(),
        "access_level": a.access_level().as_str(),
        "resource_types": a.resource_types().map(|(r, required)| serde_json::json!({
            "name": r.name(),
            "required": required,
            "arns": r.arn_templates().collect::<Vec<_>>(),
            "condition_keys": r.condition_keys().collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "condition_keys": a.condition_keys().collect::<Vec<_>>(),
        "dependent_actions": a.dependent_actions().collect::<Vec<_>>(),
    })
}

fn text(a: &Action, out: &mut String) {
    use std::fmt::Write;
    let _ = writeln!(out, "{} ({})", a, a.access_level().as_str());
    for (r, required) in a.resource_types() {
        let arns: Vec<&str> = r.arn_templates().collect();
        let _ = writeln!(
            out,
            "  resource {}{}: {}",
            r.name(),
            if required { " (required)" } else { "" },
            arns.join(" | ")
        );
    }
    if a.resource_types().len() == 0 {
        let _ = writeln!(out, "  resource: * only");
    }
    let keys: Vec<&str> = a.condition_keys().collect();
    if !keys.is_empty() {
        let _ = writeln!(out, "  condition keys: {}", keys.join(", "));
    }
    let deps: Vec<&str> = a.dependent_actions().collect();
    if !deps.is_empty() {
        let _ = writeln!(out, "  dependent actions: {}", deps.join(", "));
    }
}

/// Runs `iam-ecs actions`: exit 1 when a pattern matches no action (after
/// the filters).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let cat = crate::catalog::load(args.catalog.as_ref())?;
    let mut out = String::new();
    let mut all = Vec::new();
    let mut empty = Vec::new();
    for p in &args.patterns {
        let mut n = 0;
        for a in cat.actions_matching(p) {
            if args
                .access_level
                .is_some_and(|l| l.level() != a.access_level())
            {
                continue;
            }
            if let Some(rt) = &args.resource_type {
                if !a
                    .resource_types()
                    .any(|(r, _)| r.name().eq_ignore_ascii_case(rt))
                {
                    continue;
                }
            }
            n += 1;
            match args.format {
                Format::Text => text(&a, &mut out),
                Format::Json => all.push(json(&a)),
            }
        }
        if n == 0 {
            empty.push(p.as_str());
        }
    }
    match args.format {
        Format::Text => out!("{out}"),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&all).map_err(|e| e.to_string())?
        ),
    }
    for p in &empty {
        eprintln!(
            "error: {p:?} matches no action in the catalogue of {} (with the filters given)",
            cat.date()
        );
    }
    Ok(if empty.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
