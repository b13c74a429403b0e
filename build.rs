//! Build script: tells the corpus tests whether the shared corpus is here.
//!
//! The tests that read `../shared/corpus` (or `IAM_ECS_CORPUS`) carry
//! `#[cfg_attr(iam_ecs_no_corpus, ignore = "...")]`: without the corpus
//! they are reported as ignored, with the reason, in `cargo test`'s own
//! output, never as passed. Under `CI=true` the cfg is never set, so a
//! missing corpus fails them instead. Nothing here changes the library.

use std::path::PathBuf;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(iam_ecs_no_corpus)");
    println!("cargo::rerun-if-env-changed=IAM_ECS_CORPUS");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-changed=build.rs");
    let dir = match std::env::var_os("IAM_ECS_CORPUS") {
        Some(d) => PathBuf::from(d),
        None => PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
            .join("../shared/corpus"),
    };
    let readme = dir.join("README.md");
    if readme.is_file() {
        // Rerun if the corpus goes away.
        println!("cargo::rerun-if-changed={}", readme.display());
        return;
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        return;
    }
    println!("cargo::rustc-cfg=iam_ecs_no_corpus");
    println!(
        "cargo::warning=corpus not found at {}: the corpus tests are reported as ignored (set IAM_ECS_CORPUS)",
        dir.display()
    );
}
