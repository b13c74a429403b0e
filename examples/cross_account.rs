//! The guide's cross-account setup from Rust: one specification, five
//! artifacts, checked to agree.
//!
//! ```text
//! cargo run --example cross_account -- 111122223333 444455556666
//! ```

use iam_ecs::cross_account::{Artifact, CrossAccountSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let source = args.next().unwrap_or_else(|| "111122223333".into());
    let destination = args.next().unwrap_or_else(|| "444455556666".into());

    // Every value is validated as it is given: a 16-digit account like the
    // guide's 1111222233334444 fails here, naming the field.
    let spec = CrossAccountSpec::builder()
        .source_account(&source)
        .destination_account(&destination)
        .region("us-east-1")
        .build()?;
    let setup = spec.generate()?;

    for artifact in Artifact::ALL {
        println!("# {artifact}\n{}", setup.render(artifact));
    }

    // Each artifact's own checks plus the cross-checks (same partition, two
    // accounts, matching role ARNs, external ID on both sides or neither).
    let findings = setup.check();
    for f in &findings {
        eprintln!("{f}");
    }
    if findings.iter().any(|f| f.finding.is_error()) {
        return Err("the setup has errors".into());
    }
    Ok(())
}
