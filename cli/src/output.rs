//! How findings are printed: the text form editors and CI annotations
//! parse (`FILE:LINE:COL: severity[code] /pointer: message`), the JSON
//! array, and colour.
//!
//! A finding is printed with the file it is in and, when the command could
//! tell, the span of the value its pointer names in that file
//! ([`iam_ecs::json::Locator`]). A document embedded in another file (a
//! policy inside a CloudFormation template or a Terraform plan) reports
//! findings whose pointer is the full pointer into the outer file, so the
//! same [`Located`] serves it.

use iam_ecs::json::{Locator, Span};
use iam_ecs::{Finding, Severity};
use std::io::IsTerminal;

/// One finding, the file it is in, and where in that file.
#[derive(Debug, Clone)]
pub struct Located {
    /// The file as named on the command line (or found by walking a
    /// directory); `<stdin>` for standard input.
    pub file: String,
    /// The finding; its pointer is into the whole file.
    pub finding: Finding,
    /// The span of the value at the finding's pointer (or at its nearest
    /// ancestor the file has), when the file's text is known.
    pub span: Option<Span>,
}

impl Located {
    /// Findings in `file`, each located in `text` (the file as read) when
    /// there is one.
    pub fn all(file: &str, text: Option<&str>, findings: Vec<Finding>) -> Vec<Located> {
        let spans: Vec<Option<Span>> = match text {
            Some(text) => {
                let pointers: Vec<&str> = findings.iter().map(|f| f.path.as_str()).collect();
                Locator::new(text)
                    .locate_nearest_all(&pointers)
                    .into_iter()
                    .map(|found| found.map(|(span, _)| span))
                    .collect()
            }
            None => vec![None; findings.len()],
        };
        findings
            .into_iter()
            .zip(spans)
            .map(|(finding, span)| Located {
                file: file.to_owned(),
                span,
                finding,
            })
            .collect()
    }

    /// The text form: `FILE:LINE:COL: severity[code] /pointer: message`,
    /// or `FILE: severity[code] ...` when the place is unknown; the
    /// severity coloured when `color`.
    pub fn text(&self, color: bool) -> String {
        let place = match self.span {
            Some(s) => format!("{}:{}:{}", self.file, s.line, s.column),
            None => self.file.clone(),
        };
        let line = format!("{place}: {}", self.finding);
        if !color {
            return line;
        }
        let severity = self.finding.severity.as_str();
        let paint = match self.finding.severity {
            Severity::Error => "\x1b[1;31m",
            Severity::SecurityWarning => "\x1b[1;35m",
            Severity::Warning => "\x1b[1;33m",
            _ => "\x1b[1;36m",
        };
        let rest = &line[place.len() + 2..];
        format!(
            "\x1b[1m{place}:\x1b[0m {paint}{severity}\x1b[0m{}",
            &rest[severity.len()..]
        )
    }
}

impl serde::Serialize for Located {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("file", &self.file)?;
        m.serialize_entry("severity", &self.finding.severity)?;
        m.serialize_entry("code", &self.finding.code)?;
        m.serialize_entry("path", self.finding.path.as_str())?;
        m.serialize_entry("message", &self.finding.message)?;
        if let Some(span) = &self.span {
            m.serialize_entry("line", &span.line)?;
            m.serialize_entry("column", &span.column)?;
            m.serialize_entry("endLine", &span.end_line)?;
            m.serialize_entry("endColumn", &span.end_column)?;
        }
        m.end()
    }
}

/// When to colour the text output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// When standard output is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always (for CI logs that render ANSI colour).
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour what is written to standard output.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_ecs::json::Pointer;
    use iam_ecs::Code;

    fn finding(path: Pointer) -> Finding {
        Finding::new(Severity::Error, Code::InvalidVersion, path, "bad")
    }

    #[test]
    fn text_names_file_line_and_column_of_the_pointer_or_its_parent() {
        let text = "{\n  \"Version\": \"2013\"\n}";
        let located = Located::all(
            "p.json",
            Some(text),
            vec![
                finding(Pointer::root().key("Version")),
                finding(Pointer::root().key("Statement")),
            ],
        );
        assert_eq!(
            located[0].text(false),
            "p.json:2:14: error[invalid-version] /Version: bad"
        );
        assert_eq!(
            located[1].text(false),
            "p.json:1:1: error[invalid-version] /Statement: bad"
        );
        assert_eq!(
            located[0].text(true),
            "\x1b[1mp.json:2:14:\x1b[0m \x1b[1;31merror\x1b[0m[invalid-version] /Version: bad"
        );
        let unknown = Located::all("p.json", None, vec![finding(Pointer::root())]);
        assert_eq!(
            unknown[0].text(false),
            "p.json: error[invalid-version] (document): bad"
        );
    }
}
