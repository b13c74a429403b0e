// Shared by `build.rs` and `cli/build.rs` (each `include!`s it): sets the
// cfg `iam_ecs_no_corpus` when the shared corpus is missing and CI is not
// `true`, so that the corpus tests are reported as ignored with the reason.

/// Looks for the corpus (`IAM_ECS_CORPUS`, else `relative` from the
/// package's manifest directory) and tells cargo; `what` names the tests in
/// the warning.
fn corpus_cfg(relative: &str, what: &str) {
    println!("cargo::rustc-check-cfg=cfg(iam_ecs_no_corpus)");
    println!("cargo::rerun-if-env-changed=IAM_ECS_CORPUS");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-changed=build.rs");
    let dir = match std::env::var_os("IAM_ECS_CORPUS") {
        Some(d) => std::path::PathBuf::from(d),
        None => std::path::PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default())
            .join(relative),
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
        "cargo::warning=corpus not found at {}: {what} are reported as ignored (set IAM_ECS_CORPUS)",
        dir.display()
    );
}
