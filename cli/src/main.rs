//! `iam-ecs`: generate the guide's cross-account setup and check IAM
//! policies and ECS task definitions offline.
//!
//! Exit codes: 0 when no error finding, 1 when any error finding or a file
//! that cannot be read or parsed, 2 on a usage error.
#![forbid(unsafe_code)]

mod actions;
mod catalog;
mod check;
mod cross_account;
mod fmt;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Generate and check AWS IAM policies, role trust policies and ECS task
/// definitions offline, as the exact JSON AWS documents.
#[derive(Debug, Parser)]
#[command(name = "iam-ecs", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the five artifacts of the cross-account guide: the task
    /// role's trust and identity policies, the destination role's trust
    /// policy, the task definition and the AWS CLI profile.
    CrossAccount(Box<cross_account::Args>),
    /// Check policy and task-definition files; exit 1 on any error finding.
    Check(check::Args),
    /// Write a document back through the library, losslessly (normalises
    /// whitespace only).
    Fmt(fmt::Args),
    /// The actions that patterns match, with access level, resource types
    /// (ARN templates) and condition keys; exit 1 when a pattern matches
    /// none.
    Actions(actions::Args),
    /// The service catalogue: `catalog info` prints its date, source and
    /// counts.
    Catalog(catalog::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::CrossAccount(args) => cross_account::run(*args),
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Actions(args) => actions::run(args),
        Command::Catalog(args) => catalog::run(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Reads a file, or standard input for `-`.
fn read_input(path: &str) -> Result<Vec<u8>, String> {
    use std::io::Read;
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))
    }
}

/// The name a file is reported under.
fn display_name(path: &str) -> &str {
    if path == "-" {
        "<stdin>"
    } else {
        path
    }
}
