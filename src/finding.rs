//! Findings: what `check` says about a document.

use std::fmt;

use crate::code::Code;
use crate::json::Pointer;

/// How serious a [`Finding`] is, as IAM Access Analyzer grades its own
/// findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Severity {
    /// AWS rejects the document (or the first task launch fails).
    Error,
    /// AWS accepts it, but it grants more access than it seems to.
    SecurityWarning,
    /// AWS accepts it, but it probably does not do what was meant.
    Warning,
    /// AWS accepts it; it could be written better.
    Suggestion,
}

impl Severity {
    /// The kebab-case name used in text and JSON output: `error`,
    /// `security-warning`, `warning`, `suggestion`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Severity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One thing `check` found in a document: how serious it is, a stable
/// code, where it is and what is wrong.
///
/// Displays like a compiler diagnostic:
/// `error[invalid-account-id] /Statement/0/Principal/AWS: ...`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// What the finding is about: a stable code from the registry,
    /// written as its kebab-case name and listed in `docs/checks.md`.
    pub code: Code,
    /// RFC 6901 JSON Pointer of the offending value (`""` for the whole
    /// document); serialized as its string.
    pub path: Pointer,
    /// What was found and what was expected.
    pub message: String,
}

impl Finding {
    /// A new finding.
    pub fn new(severity: Severity, code: Code, path: Pointer, message: impl Into<String>) -> Self {
        Finding {
            severity,
            code,
            path,
            message: message.into(),
        }
    }

    /// A new finding with the code's default severity
    /// ([`Code::severity`]).
    pub fn of(code: Code, path: Pointer, message: impl Into<String>) -> Self {
        Finding::new(code.severity(), code, path, message)
    }

    /// Whether this finding means AWS would reject the document.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = match self.path.as_str() {
            "" => "(document)",
            p => p,
        };
        write!(
            f,
            "{}[{}] {}: {}",
            self.severity, self.code, path, self.message
        )
    }
}

impl serde::Serialize for Finding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("code", &self.code)?;
        m.serialize_entry("path", self.path.as_str())?;
        m.serialize_entry("message", &self.message)?;
        m.end()
    }
}

/// Whether any of `findings` is an [`Severity::Error`].
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(Finding::is_error)
}
