//! `iam-ecs`: generate the guide's cross-account setup and check IAM
//! policies and ECS task definitions offline.
//!
//! Exit codes: 0 when no finding at or above `--fail-on` (default: no
//! error finding), 1 when any such finding or a file that cannot be read
//! or parsed, 2 on a usage error (including a bad config file).
#![forbid(unsafe_code)]

mod actions;
mod catalog;
mod check;
mod config;
mod cross_account;
mod fmt;
mod iac;
mod inputs;
mod output;
mod sarif;
mod simulate;

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
    /// Check policy and task-definition files and directories; exit 1 on
    /// any finding at or above --fail-on (default: error).
    Check(check::Args),
    /// Write documents back through the library, losslessly (normalises
    /// whitespace only): print one, or --check or --write many.
    Fmt(fmt::Args),
    /// Would AWS allow this request? Evaluate it offline against the
    /// policies it carries; exit 0 allowed, 1 denied, 2 unreadable.
    Simulate(simulate::Args),
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
        Command::Simulate(args) => simulate::run(args),
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
