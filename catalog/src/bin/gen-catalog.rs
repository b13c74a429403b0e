//! Generates the embedded catalogue `catalog/data/catalog.bin` from the
//! corpus: `cargo run -p iam-ecs-catalog --bin gen-catalog -- "$IAM_ECS_CORPUS"`.
//! Deterministic: the same corpus gives the same bytes.

use std::path::PathBuf;
use std::process::ExitCode;

use iam_ecs_catalog::Catalog;

fn main() -> ExitCode {
    let Some(corpus) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: gen-catalog CORPUS_DIR [OUT]");
        return ExitCode::from(2);
    };
    let out = std::env::args_os()
        .nth(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/catalog.bin"));
    let cat = match Catalog::from_authorization_reference(&corpus.join("iam-definition")) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let bytes = cat.encode();
    // What is embedded decodes, every chunk of it, to the same data: the
    // lazy decoding of each chunk at run time then cannot fail.
    match Catalog::decode(&bytes) {
        Ok(again) if again == cat => {}
        Ok(_) => {
            eprintln!("error: the encoded catalogue decodes to other data");
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: the encoded catalogue does not decode: {e}");
            return ExitCode::from(1);
        }
    }
    let (s, a, r, k) = cat.counts();
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {}: cannot write: {e}", out.display());
        return ExitCode::from(1);
    }
    println!(
        "{}: {} bytes; data of {}; {s} services, {a} actions, {r} resource types, {k} condition keys",
        out.display(),
        bytes.len(),
        cat.date()
    );
    ExitCode::SUCCESS
}
