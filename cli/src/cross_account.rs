//! `iam-ecs cross-account`: the guide's five artifacts.

use iam_ecs::cross_account::{Artifact, CrossAccountSpec};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `iam-ecs cross-account`. Without arguments: the guide's
/// scenario with the example accounts 111122223333 and 444455556666.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The account that runs the ECS task (default: the example
    /// 111122223333).
    #[arg(long, value_name = "ACCOUNT")]
    source_account: Option<String>,
    /// The task role's name.
    #[arg(long, value_name = "NAME", default_value = "my-ECS-task-role")]
    task_role: String,
    /// The task role's path.
    #[arg(long, value_name = "PATH", default_value = "/")]
    task_role_path: String,
    /// The account that owns the role to assume (default: the example
    /// 444455556666).
    #[arg(long, value_name = "ACCOUNT")]
    destination_account: Option<String>,
    /// The destination role's name.
    #[arg(long, value_name = "NAME", default_value = "destination-account-role")]
    destination_role: String,
    /// The destination role's path.
    #[arg(long, value_name = "PATH", default_value = "/")]
    destination_role_path: String,
    /// The partition of both accounts.
    #[arg(long, value_name = "PARTITION", default_value = "aws")]
    partition: String,
    /// The region the task runs in (scopes the task role's aws:SourceArn;
    /// default every region).
    #[arg(long, value_name = "REGION")]
    region: Option<String>,
    /// The task definition family.
    #[arg(
        long,
        value_name = "FAMILY",
        default_value = "verify-assume-cross-account-role"
    )]
    family: String,
    /// The container name.
    #[arg(long, value_name = "NAME", default_value = "test")]
    container: String,
    /// The container image.
    #[arg(long, value_name = "IMAGE", default_value = "your-test-image")]
    image: String,
    /// The container's CPU units.
    #[arg(long, value_name = "N", default_value_t = 100)]
    cpu: i64,
    /// The container's memory in MiB.
    #[arg(long, value_name = "N", default_value_t = 200)]
    memory: i64,
    /// The AWS CLI profile name.
    #[arg(long, value_name = "NAME", default_value = "cross-account")]
    profile: String,
    /// An external ID, required by the destination trust policy and passed
    /// by the profile.
    #[arg(long, value_name = "ID")]
    external_id: Option<String>,
    /// The profile's role_session_name.
    #[arg(long, value_name = "NAME")]
    session_name: Option<String>,
    /// The profile's duration_seconds (900 to 43200).
    #[arg(long, value_name = "SECONDS")]
    duration: Option<String>,
    /// Write the five files, the offline verification (verification.txt)
    /// and its requests (verify-request-N.json) into this directory instead
    /// of printing them.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

/// Runs `iam-ecs cross-account`.
pub fn run(args: Args) -> Result<ExitCode, String> {
    let examples = args.source_account.is_none() || args.destination_account.is_none();
    let mut b = CrossAccountSpec::builder()
        .source_account(args.source_account.as_deref().unwrap_or("111122223333"))
        .destination_account(
            args.destination_account
                .as_deref()
                .unwrap_or("444455556666"),
        )
        .task_role_name(&args.task_role)
        .task_role_path(&args.task_role_path)
        .destination_role_name(&args.destination_role)
        .destination_role_path(&args.destination_role_path)
        .partition(&args.partition)
        .family(args.family)
        .container_name(args.container)
        .image(args.image)
        .container_cpu(args.cpu)
        .container_memory(args.memory)
        .profile_name(&args.profile);
    if let Some(r) = &args.region {
        b = b.region(r);
    }
    if let Some(x) = &args.external_id {
        b = b.external_id(x);
    }
    if let Some(x) = &args.session_name {
        b = b.role_session_name(x);
    }
    if let Some(x) = &args.duration {
        b = b.duration_seconds(x);
    }
    let spec = match b.build() {
        Ok(spec) => spec,
        Err(e) => {
            // A value given on the command line: a usage error naming the
            // flag as written.
            eprintln!("error: {}", usage_error(&e));
            return Ok(ExitCode::from(2));
        }
    };
    let setup = spec.generate().map_err(|e| e.to_string())?;
    if examples {
        eprintln!(
            "note: using the example account{} {} (AWS's documentation placeholders); pass --source-account and --destination-account for real ones",
            if args.source_account.is_none() && args.destination_account.is_none() { "s" } else { "" },
            match (&args.source_account, &args.destination_account) {
                (None, None) => "111122223333 (source) and 444455556666 (destination)",
                (None, Some(_)) => "111122223333 (source)",
                _ => "444455556666 (destination)",
            }
        );
    }
    let findings = setup.check();
    for f in &findings {
        eprintln!("{f}");
    }
    let verification = setup.verify();
    match &args.out {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
            for artifact in Artifact::ALL {
                let path = dir.join(artifact.file_name());
                std::fs::write(&path, setup.render(artifact))
                    .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            // The offline verification, and its requests for `iam-ecs simulate`.
            let path = dir.join("verification.txt");
            std::fs::write(&path, verification.to_string())
                .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
            eprintln!("wrote {}", path.display());
            for (i, c) in verification.checks.iter().enumerate() {
                let path = dir.join(format!("verify-request-{}.json", i + 1));
                std::fs::write(&path, c.request.to_json_string() + "\n")
                    .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
                eprintln!("wrote {}", path.display());
            }
            let dir_text = dir.display().to_string();
            out!("{}", setup.commands(&dir_text));
            outln!();
            for line in verification.to_string().lines() {
                outln!("# {line}");
            }
        }
        None => {
            for (i, artifact) in Artifact::ALL.into_iter().enumerate() {
                if i > 0 {
                    outln!();
                }
                outln!("# {}", artifact.file_name());
                out!("{}", setup.render(artifact));
            }
            outln!();
            outln!("# verification");
            out!("{verification}");
        }
    }
    Ok(
        if findings.iter().any(|f| f.finding.is_error()) || !verification.passed() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        },
    )
}

/// The flag of a `CrossAccountSpec` field, as written on the command line.
fn flag(field: &str) -> Option<&'static str> {
    Some(match field {
        "source_account" => "--source-account",
        "destination_account" => "--destination-account",
        "task_role_name" => "--task-role",
        "task_role_path" => "--task-role-path",
        "destination_role_name" => "--destination-role",
        "destination_role_path" => "--destination-role-path",
        "partition" => "--partition",
        "region" => "--region",
        "profile_name" => "--profile",
        "external_id" => "--external-id",
        "role_session_name" => "--session-name",
        "duration_seconds" => "--duration",
        _ => return None,
    })
}

/// A specification error as a usage error: `--source-account: invalid
/// account ID ...` (the library's message when the field has no flag).
fn usage_error(e: &iam_ecs::Error) -> String {
    match e {
        iam_ecs::Error::Build { field, reason, .. } => match flag(field) {
            Some(flag) => format!("{flag}: {reason}"),
            None => e.to_string(),
        },
        _ => e.to_string(),
    }
}
