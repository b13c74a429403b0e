//! The first catalogue check of a one-statement s3 policy on a freshly
//! decoded embedded catalogue (issue 12): how long it takes and how many
//! of the catalogue's chunks it decodes. `cargo run --release --bin
//! first_check [runs]`; prints each run's time and the median.

use std::time::Instant;

use iam_ecs::policy::{CheckOptions, PolicyDocument};
use iam_ecs_catalog::Catalog;

const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::example-bucket/*"}]}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runs: usize = std::env::args()
        .nth(1)
        .map_or(Ok(15), |a| a.parse())
        .map_err(|e| format!("runs: {e}"))?;
    let mut times = Vec::new();
    for _ in 0..runs {
        let t0 = Instant::now();
        let cat: &'static Catalog = Box::leak(Box::new(Catalog::decode_embedded()?));
        let decode = t0.elapsed();
        let t1 = Instant::now();
        let doc = PolicyDocument::from_json_str(POLICY)?;
        let opts = CheckOptions::identity().catalog(Some(cat));
        let findings = doc.check(&opts);
        let check = t1.elapsed();
        let (decoded, chunks) = cat.decoded_chunks();
        println!(
            "decode_embedded {:.3} ms, first check {:.3} ms ({} findings), chunks decoded {decoded}/{chunks}",
            decode.as_secs_f64() * 1e3,
            check.as_secs_f64() * 1e3,
            findings.len()
        );
        times.push(check.as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    if let Some(m) = times.get(times.len() / 2) {
        println!("median first check over {runs} runs: {m:.3} ms");
    }
    Ok(())
}
