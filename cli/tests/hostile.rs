//! Hostile input through the real `iam-ecs` binary (issue 6): nesting far
//! deeper than any document, invalid UTF-8, a byte-order mark and a 10 MB
//! policy end in a clear message and exit 1, never a crash.

use std::process::Output;

mod common;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    common::run(args, Some(stdin))
}

fn output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn hostile_bytes_exit_1_with_the_readers_message() {
    let deep = "[".repeat(100_000);
    let deep_policy = format!(r#"{{"Version":"2012-10-17","Statement":{deep}"#);
    let cases: [(&[u8], &str); 5] = [
        (
            deep.as_bytes(),
            "invalid JSON at line 1, column 129: expected at most 128 levels of nested arrays and objects, found more",
        ),
        (
            deep_policy.as_bytes(),
            "expected at most 128 levels of nested arrays and objects, found more",
        ),
        (
            b"{\"Statement\":\"\xff\"}",
            "invalid JSON at line 1, column 15: expected UTF-8 text, found the byte 0xff that is not valid UTF-8",
        ),
        (
            b"\xef\xbb\xbf{}",
            "invalid JSON at line 1, column 1: expected a JSON value, found a byte-order mark (U+FEFF): save the file as UTF-8 without a BOM",
        ),
        (
            b"{\"Sid\":\"\x01\"}",
            "expected a string without raw control characters, found U+0001 (write it as an escape)",
        ),
    ];
    for (bytes, message) in cases {
        for kind in ["auto", "identity", "trust", "task-definition"] {
            let o = run(&["check", "--kind", kind, "-"], bytes);
            assert_eq!(o.status.code(), Some(1), "{kind}: {}", output(&o));
            assert!(output(&o).contains(message), "{kind}: {}", output(&o));
        }
        let o = run(&["fmt", "-"], bytes);
        assert_eq!(o.status.code(), Some(1), "fmt: {}", output(&o));
        assert!(output(&o).contains(message), "fmt: {}", output(&o));
    }
}

#[test]
fn a_10_mb_policy_is_checked_and_formatted() {
    let statement =
        r#"{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket/*"}"#;
    let n = (10 << 20) / statement.len() + 1;
    let text = format!(
        r#"{{"Version":"2012-10-17","Statement":[{}]}}"#,
        vec![statement; n].join(",")
    );
    // Valid but for its size.
    let o = run(&["check", "--kind", "identity", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", output(&o));
    let out = output(&o);
    assert!(
        out.contains("policy-size-exceeds-identity-policy-quota"),
        "{out}"
    );
    assert_eq!(
        out.lines().filter(|l| l.contains("error[")).count(),
        1,
        "{out}"
    );
    let o = run(&["check", "--kind", "resource", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["fmt", "-"], text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", output(&o));
    // Pretty by default: the same document once whitespace is removed
    // (no string in it holds whitespace).
    let written: String = String::from_utf8_lossy(&o.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(written == text, "fmt changed the 10 MB document");
}
