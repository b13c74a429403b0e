//! Snapshot-testing generated policies with insta: the exact bytes, as
//! serde_json's pretty writer produces them.
//!
//! ```text
//! cargo test --example snapshot_test
//! ```
//!
//! Use `insta::assert_snapshot!` on `to_json_pretty()` (the document's own
//! bytes), not `assert_json_snapshot!` (which re-serializes through
//! insta's writer). New or changed snapshots are reviewed with
//! `cargo insta review`.

use iam_ecs::policy;
use iam_ecs::RoleArn;

fn destination_role() -> RoleArn {
    RoleArn::new(
        iam_ecs::Partition::Aws,
        iam_ecs::AccountId::from_static("444455556666"),
        iam_ecs::RolePath::ROOT,
        iam_ecs::RoleName::from_static("destination-account-role"),
    )
}

fn main() {
    println!(
        "{}",
        policy::allow_assume_role(&destination_role()).to_json_pretty()
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_policy_snapshot() {
        let doc = policy::allow_assume_role(&destination_role());
        insta::assert_snapshot!(doc.to_json_pretty(), @r#"
        {
          "Version": "2012-10-17",
          "Statement": {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": "arn:aws:iam::444455556666:role/destination-account-role"
          }
        }
        "#);
    }
}
