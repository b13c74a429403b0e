//! `iam-ecs fmt`: documents written back through the library.

use crate::check::detect;
use crate::inputs::{self, Input};
use iam_ecs::json::Json;
use iam_ecs::policy::PolicyDocument;
use iam_ecs::{ecs, DocumentKind};
use std::path::Path;
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
    /// Change no file: list the files whose formatted text differs and
    /// exit 1 when there is one.
    #[arg(long, conflicts_with = "write")]
    check: bool,
    /// Rewrite the files that change, in place (atomically: a temporary
    /// file beside each, renamed over it); a file that cannot be read as
    /// JSON is left untouched.
    #[arg(long)]
    write: bool,
    /// No notes about files skipped or rewritten.
    #[arg(long, short)]
    quiet: bool,
    /// Files or directories to format (directories are walked for *.json,
    /// .gitignore respected); `-` reads standard input. Without --check or
    /// --write, one file, printed to standard output.
    #[arg(required = true, value_name = "PATH")]
    files: Vec<String>,
}

/// The formatted text of `bytes` (a policy, a task definition, or any
/// other JSON when `any` is true), with a final newline; `Ok(None)` when
/// it holds no document and `any` is false.
fn format(bytes: &[u8], minify: bool, any: bool) -> Result<Option<String>, String> {
    let json = Json::from_slice(bytes).map_err(|e| e.to_string())?;
    let text = match detect(&json) {
        Some(DocumentKind::TaskDefinition) => {
            let doc = ecs::Document::from_json(json).map_err(|e| e.to_string())?;
            write(&doc, minify)
        }
        Some(_) => {
            let doc = PolicyDocument::from_json(json).map_err(|e| e.to_string())?;
            write(&doc, minify)
        }
        None if any => write(&json, minify),
        None => return Ok(None),
    }
    .map_err(|e| e.to_string())?;
    Ok(Some(text + "\n"))
}

fn write<T: serde::Serialize>(value: &T, minify: bool) -> serde_json::Result<String> {
    if minify {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    }
}

/// Replaces `path`'s contents with `text` atomically: writes a temporary
/// file in the same directory (same file system), gives it the original's
/// permissions, and renames it over the original.
fn replace(path: &Path, text: &str) -> Result<(), String> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.iam-ecs-fmt-{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        let permissions = std::fs::metadata(path)?.permissions();
        std::fs::set_permissions(&tmp, permissions)?;
        std::fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("{}: cannot write: {e}", path.display())
    })
}

/// Runs `iam-ecs fmt`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let inputs = inputs::expand(&args.files)?;
    let named_one = args.files.len() == 1 && inputs.len() == 1 && !inputs[0].walked;
    if !args.check && !args.write && !named_one {
        eprintln!(
            "error: fmt prints one file; pass --check or --write for several files or a directory"
        );
        return Ok(ExitCode::from(2));
    }
    if args.write && inputs.iter().any(|i| i.path.is_none()) {
        eprintln!("error: --write cannot rewrite standard input (`-`); pass --check, or leave out --write to print it");
        return Ok(ExitCode::from(2));
    }
    let mut failed = false;
    let mut changed: Vec<String> = Vec::new();
    for input in &inputs {
        if let Err(e) = format_one(input, &args, &mut changed) {
            eprintln!("error: {}: {e}", input.name());
            failed = true;
        }
    }
    if args.check {
        for name in &changed {
            outln!("{name}");
        }
        if !changed.is_empty() && !args.quiet {
            eprintln!("{} file(s) would be reformatted", changed.len());
        }
    }
    Ok(if failed || (args.check && !changed.is_empty()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Formats one input: prints it, or notes that it would change
/// (`--check`), or rewrites it (`--write`).
fn format_one(input: &Input, args: &Args, changed: &mut Vec<String>) -> Result<(), String> {
    let name = input.name();
    let bytes = input.read().map_err(|e| {
        // `read` names the file already.
        e.strip_prefix(&format!("{name}: "))
            .unwrap_or(&e)
            .to_owned()
    })?;
    if input.walked && !input.is_json_file() {
        if !args.quiet {
            eprintln!("{name}: note: skipped: fmt formats JSON only");
        }
        return Ok(());
    }
    let Some(text) = format(&bytes, args.minify, !input.walked)? else {
        if !args.quiet {
            eprintln!("{name}: note: skipped: neither a policy nor a task definition");
        }
        return Ok(());
    };
    if !args.check && !args.write {
        out!("{text}");
        return Ok(());
    }
    if text.as_bytes() == bytes.as_slice() {
        return Ok(());
    }
    if args.write {
        if let Some(path) = &input.path {
            replace(path, &text)?;
            if !args.quiet {
                eprintln!("{name}: reformatted");
            }
        }
    } else {
        changed.push(name);
    }
    Ok(())
}
