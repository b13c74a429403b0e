//! Shared code of the `iam-ecs` benchmarks: the corpus, loaded into memory
//! once, and the workloads, each one pass over a whole set of documents.
//!
//! Every workload of a comparison reads or writes the same bytes: a
//! document is in a set only when `serde_json::Value` and `iam-ecs` both
//! read it, and the iam-rs comparison runs both sides on the policies
//! iam-rs reads. The criterion benches (`benches/*.rs`) and the `ratios`
//! binary call the same functions.

pub mod eval;

use std::fmt;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use iam_ecs::ecs::{ContainerDefinition, Document, TaskDefinition};
use iam_ecs::policy::{CheckOptions, IdentityPolicy, IdentityStatement, PolicyDocument};
use iam_ecs::policy::{TrustPolicy, TrustStatement};
use iam_ecs::RoleArn;
use serde_json::Value;

/// The guide's task role, in the source account (12-digit example account).
pub const TASK_ROLE: &str = "arn:aws:iam::111122223333:role/my-ECS-task-role";
/// The guide's destination role, in the destination account.
pub const DESTINATION_ROLE: &str = "arn:aws:iam::444455556666:role/destination-account-role";

/// One policy of the corpus.
#[derive(Debug, Clone)]
pub struct PolicyText {
    /// Where it comes from: a file name or `aws-docs-policies.jsonl:LINE`.
    pub name: String,
    /// The verbatim text.
    pub text: String,
    /// The options it is checked with: managed policies and the guides'
    /// identity examples as identity policies, trust examples as trust
    /// policies, resource examples as resource-based policies.
    pub options: CheckOptions,
}

/// One task definition of the corpus.
#[derive(Debug, Clone)]
pub struct TaskText {
    /// The path under `task-definitions/`.
    pub name: String,
    /// The verbatim text.
    pub text: String,
}

/// A document left out of a set, and why.
#[derive(Debug, Clone)]
pub struct Skipped {
    /// Where it comes from.
    pub name: String,
    /// The reader that refused it and its message.
    pub reason: String,
}

/// The corpus, in memory.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The corpus folder.
    pub dir: PathBuf,
    /// Managed policies first (sorted by file name), then the AWS docs
    /// examples in file order.
    pub policies: Vec<PolicyText>,
    /// How many of `policies` are managed policies.
    pub managed_count: usize,
    /// Policies that `serde_json::Value` or `iam-ecs` could not read.
    pub policies_skipped: Vec<Skipped>,
    /// Indexes into `policies` of the ones iam-rs reads.
    pub iam_rs_readable: Vec<usize>,
    /// Policies (of `policies`) that iam-rs cannot read, with its error.
    pub iam_rs_unreadable: Vec<Skipped>,
    /// Task definitions, `fragments/` excluded, sorted by path.
    pub task_definitions: Vec<TaskText>,
    /// Task definitions that `serde_json::Value` or `iam-ecs` could not
    /// read.
    pub task_definitions_skipped: Vec<Skipped>,
}

/// Why the corpus could not be loaded.
#[derive(Debug)]
pub struct LoadError(String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

fn io_err(path: &Path, e: std::io::Error) -> LoadError {
    LoadError(format!("{}: {e}", path.display()))
}

/// The corpus folder: `IAM_ECS_CORPUS`, else `../shared/corpus` beside the
/// repository root (this crate is `<repo>/benches`).
pub fn corpus_dir() -> PathBuf {
    match std::env::var_os("IAM_ECS_CORPUS") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
    }
}

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_err(dir, e))?;
    for entry in entries {
        let path = entry.map_err(|e| io_err(dir, e))?.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "fragments") {
                continue;
            }
            json_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| io_err(path, e))
}

fn options_for(kind: &str) -> CheckOptions {
    match kind {
        "trust" => CheckOptions::trust(),
        "resource" => CheckOptions::resource(),
        _ => CheckOptions::identity(),
    }
}

impl Corpus {
    /// Loads the corpus from [`corpus_dir`].
    ///
    /// # Errors
    /// When a folder or file cannot be read, or holds no document.
    pub fn load() -> Result<Self, LoadError> {
        Self::load_from(&corpus_dir())
    }

    /// Loads the corpus from `dir`.
    ///
    /// # Errors
    /// When a folder or file cannot be read, or holds no document.
    pub fn load_from(dir: &Path) -> Result<Self, LoadError> {
        let mut candidates = Vec::new();

        let managed = dir.join("managed-policies/policies");
        let mut files = Vec::new();
        json_files(&managed, &mut files)?;
        files.sort();
        for path in &files {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            candidates.push((true, name, read(path)?, CheckOptions::identity()));
        }

        let examples = dir.join("policy-examples/aws-docs-policies.jsonl");
        for (i, line) in read(&examples)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record: Value = serde_json::from_str(line)
                .map_err(|e| LoadError(format!("{}:{}: {e}", examples.display(), i + 1)))?;
            let text = record["text"].as_str().unwrap_or_default().to_owned();
            let kind = record["kind"].as_str().unwrap_or_default();
            let name = format!("aws-docs-policies.jsonl:{}", i + 1);
            candidates.push((false, name, text, options_for(kind)));
        }

        let mut policies = Vec::new();
        let mut policies_skipped = Vec::new();
        let mut managed_count = 0;
        for (is_managed, name, text, options) in candidates {
            let refused = match serde_json::from_str::<Value>(&text) {
                Err(e) => Some(format!("serde_json::Value: {e}")),
                Ok(_) => PolicyDocument::from_json_str(&text)
                    .err()
                    .map(|e| format!("iam-ecs: {e}")),
            };
            match refused {
                Some(reason) => policies_skipped.push(Skipped { name, reason }),
                None => {
                    managed_count += usize::from(is_managed);
                    policies.push(PolicyText {
                        name,
                        text,
                        options,
                    });
                }
            }
        }

        let mut iam_rs_readable = Vec::new();
        let mut iam_rs_unreadable = Vec::new();
        for (i, p) in policies.iter().enumerate() {
            match iam_rs::IAMPolicy::from_json(&p.text) {
                Ok(_) => iam_rs_readable.push(i),
                Err(e) => iam_rs_unreadable.push(Skipped {
                    name: p.name.clone(),
                    reason: e.to_string(),
                }),
            }
        }

        let td_dir = dir.join("task-definitions");
        let mut files = Vec::new();
        json_files(&td_dir, &mut files)?;
        files.sort();
        let mut task_definitions = Vec::new();
        let mut task_definitions_skipped = Vec::new();
        for path in &files {
            let name = path
                .strip_prefix(&td_dir)
                .unwrap_or(path)
                .to_string_lossy()
                .into_owned();
            let text = read(path)?;
            let refused = match serde_json::from_str::<Value>(&text) {
                Err(e) => Some(format!("serde_json::Value: {e}")),
                Ok(_) => Document::from_json_str(&text)
                    .err()
                    .map(|e| format!("iam-ecs: {e}")),
            };
            match refused {
                Some(reason) => task_definitions_skipped.push(Skipped { name, reason }),
                None => task_definitions.push(TaskText { name, text }),
            }
        }

        if policies.is_empty() || task_definitions.is_empty() {
            return Err(LoadError(format!(
                "no documents under {} (set IAM_ECS_CORPUS)",
                dir.display()
            )));
        }
        Ok(Corpus {
            dir: dir.to_path_buf(),
            policies,
            managed_count,
            policies_skipped,
            iam_rs_readable,
            iam_rs_unreadable,
            task_definitions,
            task_definitions_skipped,
        })
    }

    /// The policies iam-rs reads.
    pub fn iam_rs_policies(&self) -> Vec<PolicyText> {
        self.iam_rs_readable
            .iter()
            .map(|&i| self.policies[i].clone())
            .collect()
    }

    /// One paragraph on what was loaded and left out.
    pub fn summary(&self) -> String {
        let bytes = |it: &mut dyn Iterator<Item = usize>| it.sum::<usize>();
        let policy_bytes = bytes(&mut self.policies.iter().map(|p| p.text.len()));
        let iam_bytes = bytes(
            &mut self
                .iam_rs_readable
                .iter()
                .map(|&i| self.policies[i].text.len()),
        );
        let td_bytes = bytes(&mut self.task_definitions.iter().map(|t| t.text.len()));
        let mut s = format!(
            "corpus {}\n\
             policies: {} ({} managed + {} AWS docs examples), {} bytes; {} left out (not JSON to serde_json or iam-ecs)\n\
             iam-rs reads {} of these {} policies ({} bytes); it cannot read {}\n\
             task definitions: {}, {} bytes; {} left out\n",
            self.dir.display(),
            self.policies.len(),
            self.managed_count,
            self.policies.len() - self.managed_count,
            policy_bytes,
            self.policies_skipped.len(),
            self.iam_rs_readable.len(),
            self.policies.len(),
            iam_bytes,
            self.iam_rs_unreadable.len(),
            self.task_definitions.len(),
            td_bytes,
            self.task_definitions_skipped.len(),
        );
        for k in &self.policies_skipped {
            s += &format!("  left out policy {}: {}\n", k.name, first_line(&k.reason));
        }
        for k in &self.iam_rs_unreadable {
            s += &format!(
                "  iam-rs cannot read {}: {}\n",
                k.name,
                first_line(&k.reason)
            );
        }
        for k in &self.task_definitions_skipped {
            s += &format!(
                "  left out task definition {}: {}\n",
                k.name,
                first_line(&k.reason)
            );
        }
        s
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Workloads. Each is one pass over a whole set and returns a number derived
// from every result, so that nothing is optimized away.

/// Reads every policy with `iam-ecs`.
pub fn policies_read(set: &[PolicyText]) -> usize {
    set.iter()
        .map(|p| {
            let doc = PolicyDocument::from_json_str(black_box(&p.text)).expect("read");
            doc.statements().len()
        })
        .sum()
}

/// Reads and checks every policy with `iam-ecs`; returns the number of
/// findings.
pub fn policies_read_check(set: &[PolicyText]) -> usize {
    set.iter()
        .map(|p| {
            let doc = PolicyDocument::from_json_str(black_box(&p.text)).expect("read");
            doc.check(&p.options).len()
        })
        .sum()
}

/// Parses every policy into a `serde_json::Value`: the floor.
pub fn policies_value_parse(set: &[PolicyText]) -> usize {
    set.iter()
        .map(|p| {
            let v: Value = serde_json::from_str(black_box(&p.text)).expect("read");
            usize::from(v.is_object())
        })
        .sum()
}

/// Reads and validates every policy with iam-rs (only call on the
/// policies it reads); returns how many it finds valid.
pub fn policies_iam_rs(set: &[PolicyText]) -> usize {
    use iam_rs::Validate;
    set.iter()
        .map(|p| {
            let policy = iam_rs::IAMPolicy::from_json(black_box(&p.text)).expect("iam-rs read");
            usize::from(policy.validate_result().is_ok())
        })
        .sum()
}

/// Every policy, read by `iam-ecs`, for the write benchmarks.
pub fn parse_policies(set: &[PolicyText]) -> Vec<PolicyDocument> {
    set.iter()
        .map(|p| PolicyDocument::from_json_str(&p.text).expect("read"))
        .collect()
}

/// Every JSON text, parsed into `serde_json::Value`s.
pub fn parse_values<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Value> {
    texts
        .into_iter()
        .map(|t| serde_json::from_str(t).expect("read"))
        .collect()
}

/// Writes every policy as compact JSON; returns the bytes written.
pub fn policies_write(docs: &[PolicyDocument]) -> usize {
    docs.iter()
        .map(|d| black_box(d).to_json_string().len())
        .sum()
}

/// Writes every policy as pretty JSON; returns the bytes written.
pub fn policies_write_pretty(docs: &[PolicyDocument]) -> usize {
    docs.iter()
        .map(|d| black_box(d).to_json_pretty().len())
        .sum()
}

/// `serde_json::to_string` of every value.
pub fn values_write(values: &[Value]) -> usize {
    values
        .iter()
        .map(|v| serde_json::to_string(black_box(v)).expect("write").len())
        .sum()
}

/// `serde_json::to_string_pretty` of every value.
pub fn values_write_pretty(values: &[Value]) -> usize {
    values
        .iter()
        .map(|v| {
            serde_json::to_string_pretty(black_box(v))
                .expect("write")
                .len()
        })
        .sum()
}

/// Reads every task definition with `iam-ecs` (either kind of document:
/// `RegisterTaskDefinition` input or `describe-task-definition` output).
pub fn task_definitions_read(set: &[TaskText]) -> usize {
    set.iter()
        .map(|t| {
            let doc = Document::from_json_str(black_box(&t.text)).expect("read");
            black_box(&doc);
            1
        })
        .sum()
}

/// Reads and checks every task definition; returns the number of findings.
pub fn task_definitions_read_check(set: &[TaskText]) -> usize {
    set.iter()
        .map(|t| {
            let doc = Document::from_json_str(black_box(&t.text)).expect("read");
            doc.check().len()
        })
        .sum()
}

/// Parses every task definition into a `serde_json::Value`.
pub fn task_definitions_value_parse(set: &[TaskText]) -> usize {
    set.iter()
        .map(|t| {
            let v: Value = serde_json::from_str(black_box(&t.text)).expect("read");
            usize::from(v.is_object())
        })
        .sum()
}

/// Every task definition, read by `iam-ecs`, for the write benchmarks.
pub fn parse_task_definitions(set: &[TaskText]) -> Vec<Document> {
    set.iter()
        .map(|t| Document::from_json_str(&t.text).expect("read"))
        .collect()
}

/// Writes every task definition as compact JSON.
pub fn task_definitions_write(docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| black_box(d).to_json_string().len())
        .sum()
}

/// Writes every task definition as pretty JSON.
pub fn task_definitions_write_pretty(docs: &[Document]) -> usize {
    docs.iter()
        .map(|d| black_box(d).to_json_pretty().len())
        .sum()
}

// ---------------------------------------------------------------------------
// The guide's documents, built from typed values and written.

/// Builds (with the checked builders) and writes the guide's two policies
/// with 12-digit accounts: the task role's identity policy (a single
/// `Statement` object) and the destination role's trust policy. Returns
/// both compact texts.
pub fn build_guide_policies() -> (String, String) {
    let task_role = RoleArn::parse(black_box(TASK_ROLE)).expect("role");
    let destination = RoleArn::parse(black_box(DESTINATION_ROLE)).expect("role");
    let identity = IdentityPolicy::builder()
        .statement(
            IdentityStatement::allow()
                .action("sts:AssumeRole")
                .resource(&destination),
        )
        .single_statement()
        .build()
        .expect("identity policy");
    let trust = TrustPolicy::builder()
        .statement(
            TrustStatement::allow()
                .principal_aws(&task_role)
                .action("sts:AssumeRole"),
        )
        .build()
        .expect("trust policy");
    (identity.to_json_string(), trust.to_json_string())
}

/// The same two documents as `serde_json::json!` values, written: the
/// floor (no checks; keys come out sorted, not in the guide's order).
pub fn build_guide_policies_value() -> (String, String) {
    let identity = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": {
            "Effect": "Allow",
            "Action": "sts:AssumeRole",
            "Resource": black_box(DESTINATION_ROLE),
        }
    });
    let trust = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "AWS": black_box(TASK_ROLE) },
            "Action": "sts:AssumeRole",
        }]
    });
    (
        serde_json::to_string(&identity).expect("write"),
        serde_json::to_string(&trust).expect("write"),
    )
}

/// Builds (checked) and writes the guide's task definition with a
/// 12-digit account.
pub fn build_guide_task_definition() -> String {
    let task_role = RoleArn::parse(black_box(TASK_ROLE)).expect("role");
    TaskDefinition::builder()
        .container(
            ContainerDefinition::builder("test", "your-test-image")
                .cpu(100)
                .memory(200)
                .essential(true)
                .build()
                .expect("container"),
        )
        .family("verify-assume-cross-account-role")
        .task_role_arn(task_role)
        .build()
        .expect("task definition")
        .to_json_string()
}

/// The same task definition as a `serde_json::json!` value, written.
pub fn build_guide_task_definition_value() -> String {
    let td = serde_json::json!({
        "containerDefinitions": [{
            "name": "test",
            "image": "your-test-image",
            "cpu": 100,
            "memory": 200,
            "essential": true,
        }],
        "family": "verify-assume-cross-account-role",
        "taskRoleArn": black_box(TASK_ROLE),
    });
    serde_json::to_string(&td).expect("write")
}

/// Panics unless the built documents and their `json!` twins are the same
/// JSON (and the built ones are the guide's bytes, accounts replaced), so
/// that both sides of the build benchmarks do the same job.
pub fn assert_build_outputs_agree() {
    let same = |a: &str, b: &str| {
        let a: Value = serde_json::from_str(a).expect("json");
        let b: Value = serde_json::from_str(b).expect("json");
        assert_eq!(a, b);
    };
    let (identity, trust) = build_guide_policies();
    let (identity_v, trust_v) = build_guide_policies_value();
    same(&identity, &identity_v);
    same(&trust, &trust_v);
    same(
        &build_guide_task_definition(),
        &build_guide_task_definition_value(),
    );
    assert_eq!(
        identity,
        r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::444455556666:role/destination-account-role"}}"#
    );
    assert_eq!(
        trust,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/my-ECS-task-role"},"Action":"sts:AssumeRole"}]}"#
    );
    assert_eq!(
        build_guide_task_definition(),
        r#"{"containerDefinitions":[{"name":"test","image":"your-test-image","cpu":100,"memory":200,"essential":true}],"family":"verify-assume-cross-account-role","taskRoleArn":"arn:aws:iam::111122223333:role/my-ECS-task-role"}"#
    );
}

/// A policy whose statement array is about `bytes` long: statements with a
/// Sid each (so Sid uniqueness is checked across all of them), actions (one
/// repeated in another case), a resource and a condition. The same shape
/// as the 10 MB test in `tests/test_hostile.rs`.
pub fn big_policy(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes + 512);
    out.push_str(r#"{"Version":"2012-10-17","Statement":["#);
    let mut i = 0;
    while out.len() < bytes {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"Sid":"S{i}","Effect":"Allow","Action":["s3:GetObject","s3:PutObject","s3:getobject"],"Resource":"arn:aws:s3:::bucket-{i}/*","Condition":{{"StringEquals":{{"aws:SourceAccount":"444455556666"}}}}}}"#
        ));
        i += 1;
    }
    out.push_str("]}");
    out
}

/// Reads, checks and writes one policy text; a number that depends on all
/// three, so none is optimised away.
pub fn read_check_write(text: &str) -> usize {
    let doc = PolicyDocument::from_json_str(black_box(text)).expect("big policy reads");
    let findings = doc.check(&CheckOptions::identity());
    findings.len() + doc.to_json_string().len()
}
