//! `iam-ecs simulate`: would AWS allow this request? Offline, with the
//! explanation (`iam_ecs::eval`).

use crate::inputs::Input;
use iam_ecs::eval::{evaluate, Decision, Request};
use std::process::ExitCode;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// The decision, the reason, each layer's verdict, the deciding
    /// statements, why other statements did not apply, missing keys.
    Text,
    /// One JSON object: `decision`, `deciding` (`[{"policy",
    /// "statement"}]`), `missingContextKeys`, `reason`, `layers`,
    /// `statements`.
    Json,
}

/// Arguments of `iam-ecs simulate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// How to print the answer.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// The request (the format of eval-cases/README.md); `-` reads
    /// standard input.
    #[arg(value_name = "FILE")]
    file: String,
}

/// Runs `simulate`: exit 0 when allowed, 1 when denied, 2 when the
/// request cannot be read (the message names the JSON Pointer).
pub fn run(args: Args) -> Result<ExitCode, String> {
    let input = Input {
        path: (args.file != "-").then(|| args.file.clone().into()),
        walked: false,
    };
    let name = input.name();
    let bytes = match input.read() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let request = match std::str::from_utf8(&bytes)
        .map_err(|e| format!("not UTF-8 text: {e}"))
        .and_then(|text| Request::from_json_str(text).map_err(|e| e.to_string()))
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {name}: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let answer = evaluate(&request);
    match args.format {
        Format::Text => out!("{answer}"),
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&answer.to_json()).map_err(|e| e.to_string())?
        ),
    }
    Ok(ExitCode::from(match answer.decision {
        Decision::Allowed => 0,
        Decision::ImplicitlyDenied | Decision::ExplicitlyDenied => 1,
    }))
}
