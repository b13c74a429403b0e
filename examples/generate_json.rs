//! A `build.rs`-style generator: write the policies and the task definition
//! as JSON files, failing the build on any error finding.
//!
//! In a real `build.rs`, add `iam-ecs` under `[build-dependencies]` and
//! write to `std::env::var("OUT_DIR")` (or a directory your deploy step
//! reads). Here the directory is the first argument:
//!
//! ```text
//! cargo run --example generate_json -- target/iam
//! ```

use iam_ecs::ecs::{ContainerDefinition, FargateSize, LogConfiguration, TaskDefinition};
use iam_ecs::policy::{self, CheckOptions, PolicyDocument};
use iam_ecs::{AccountId, Partition, Region, RoleArn, RoleName, RolePath};
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("OUT_DIR").ok())
        .unwrap_or_else(|| "target/iam".into());
    let out = Path::new(&out);
    std::fs::create_dir_all(out)?;

    let account = AccountId::parse("111122223333")?;
    let region = Region::parse("eu-west-1")?;
    let task_role = RoleArn::new(
        Partition::Aws,
        account.clone(),
        RolePath::ROOT,
        RoleName::parse("orders-task")?,
    );
    let execution_role = RoleArn::new(
        Partition::Aws,
        account.clone(),
        RolePath::ROOT,
        RoleName::parse("ecsTaskExecutionRole")?,
    );

    // The task role's trust policy, scoped against the confused deputy.
    let trust = policy::ecs_task_role_trust(Partition::Aws, &account, Some(&region));
    write_policy(
        out,
        "orders-task-trust.json",
        &trust,
        &CheckOptions::trust(),
    )?;

    // A Fargate task definition; only valid sizes can be constructed.
    let app = ContainerDefinition::builder(
        "orders",
        "111122223333.dkr.ecr.eu-west-1.amazonaws.com/orders:1.4.2",
    )
    .log_configuration(LogConfiguration::awslogs(
        "/ecs/orders",
        region.as_str(),
        "orders",
    ))
    .build()?;
    // `build_with_findings` hands back the check's findings with the
    // document: the build fails on an error, warnings are printed.
    let (task, findings) = TaskDefinition::builder()
        .container(app)
        .family("orders")
        .task_role_arn(task_role)
        .execution_role_arn(execution_role)
        .fargate(FargateSize::new(512, 1024)?)
        .build_with_findings()?;
    fail_on_errors("orders-task-definition.json", &findings)?;
    std::fs::write(
        out.join("orders-task-definition.json"),
        task.to_json_pretty() + "\n",
    )?;
    println!("wrote {}", out.display());
    Ok(())
}

fn write_policy(
    dir: &Path,
    name: &str,
    doc: &PolicyDocument,
    options: &CheckOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    fail_on_errors(name, &doc.check(options))?;
    std::fs::write(dir.join(name), doc.to_json_pretty() + "\n")?;
    Ok(())
}

/// In a build script, an error finding fails the build with the message;
/// warnings become `cargo:warning=` lines.
fn fail_on_errors(name: &str, findings: &[iam_ecs::Finding]) -> Result<(), String> {
    for f in findings {
        println!("cargo:warning={name}: {f}");
    }
    match findings.iter().find(|f| f.is_error()) {
        Some(f) => Err(format!("{name}: {f}")),
        None => Ok(()),
    }
}
