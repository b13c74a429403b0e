//! `iam-ecs fmt`: a document written back through the library.

use crate::{display_name, read_input};
use iam_ecs::json::Json;
use iam_ecs::policy::PolicyDocument;
use iam_ecs::{ecs, DocumentKind};
use std::process::ExitCode;

/// Arguments of `iam-ecs fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write compact JSON (serde_json's `to_string`).
    #[arg(long, conflicts_with = "pretty")]
    minify: bool,
    /// Write pretty JSON (serde_json's `to_string_pretty`; the default).
    #[arg(long)]
    pretty: bool,
    /// The file to format; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: String,
}

/// Runs `iam-ecs fmt`: reads the document (policy, task definition, or
/// any other JSON) losslessly and prints it, changing only whitespace.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let name = display_name(&args.file).to_owned();
    let bytes = read_input(&args.file)?;
    let json = Json::from_slice(&bytes).map_err(|e| format!("{name}: {e}"))?;
    let text = match DocumentKind::detect(&json) {
        Some(DocumentKind::TaskDefinition) => {
            let doc = ecs::Document::from_json(json).map_err(|e| format!("{name}: {e}"))?;
            write(&doc, args.minify)
        }
        Some(_) => {
            let doc = PolicyDocument::from_json(json).map_err(|e| format!("{name}: {e}"))?;
            write(&doc, args.minify)
        }
        None => write(&json, args.minify),
    }
    .map_err(|e| format!("{name}: {e}"))?;
    println!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn write<T: serde::Serialize>(value: &T, minify: bool) -> serde_json::Result<String> {
    if minify {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    }
}
