//! Build script: tells the corpus tests whether the shared corpus is here.
//!
//! The tests that read `../shared/corpus` (or `IAM_ECS_CORPUS`) carry
//! `#[cfg_attr(iam_ecs_no_corpus, ignore = "...")]`: without the corpus
//! they are reported as ignored, with the reason, in `cargo test`'s own
//! output, never as passed. Under `CI=true` the cfg is never set, so a
//! missing corpus fails them instead. Nothing here changes the command.

include!("../corpus_cfg.rs");

fn main() {
    println!("cargo::rerun-if-changed=../corpus_cfg.rs");
    corpus_cfg("../../shared/corpus", "the command's corpus tests");
}
