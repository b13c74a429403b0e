//! `iam-ecs`: generate the guide's cross-account setup and check IAM
//! policies and ECS task definitions offline.
//!
//! Exit codes: 0 when no finding at or above `--fail-on` (default: no
//! error finding), 1 when any such finding or a file that cannot be read
//! or parsed, 2 on a usage error (including a bad config file).
#![forbid(unsafe_code)]

/// `println!` to standard output, through [`write_out`].
macro_rules! outln {
    () => {
        $crate::write_out(format_args!(""), true)
    };
    ($($arg:tt)*) => {
        $crate::write_out(format_args!($($arg)*), true)
    };
}

/// `print!` to standard output, through [`write_out`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_out(format_args!($($arg)*), false)
    };
}

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

/// Writes to standard output (and a newline when `newline`). When the
/// reader has gone (a closed pipe: `iam-ecs actions '*' | head`) the
/// command stops quietly with status 141, as a process ended by SIGPIPE
/// would, instead of panicking; another write error ends it with status 1
/// and a message.
fn write_out(args: std::fmt::Arguments<'_>, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let written = out.write_fmt(args).and_then(|()| {
        if newline {
            out.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("error: cannot write to standard output: {e}");
        std::process::exit(1);
    }
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
