//! `iam-ecs.toml`: settings for `iam-ecs check` kept beside the files it
//! checks.
//!
//! ```toml
//! # Exit 1 on findings at or above this severity (as --fail-on).
//! fail-on = "security-warning"
//! # Codes never reported (as --ignore) ...
//! ignore = ["redundant-action"]
//! # ... or only these (as --select; empty or absent: every code).
//! select = []
//!
//! # Size quotas in characters (as --trust-quota for trust policies).
//! [quotas]
//! trust = 4096
//!
//! # Per path glob, relative to this file's directory (`*` stays inside
//! # one directory, `**` crosses them): the kind the files are checked as
//! # when --kind is not given, and more ignored codes. Every matching
//! # entry's codes are ignored; the last matching entry's kind wins.
//! [[paths]]
//! glob = "trust/**/*.json"
//! kind = "trust"
//! ignore = ["missing-version"]
//! ```
//!
//! Unknown keys, unknown codes, unknown kinds and bad globs are errors
//! naming the file and the key.

use crate::check::{FailOn, Kind};
use clap::ValueEnum;
use globset::{Glob, GlobBuilder, GlobMatcher};
use iam_ecs::Code;
use std::path::{Path, PathBuf};

/// The file name looked for from the working directory upwards.
pub const FILE_NAME: &str = "iam-ecs.toml";

/// The file as written.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    fail_on: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    quotas: Quotas,
    #[serde(default)]
    paths: Vec<RawPath>,
}

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPath {
    glob: String,
    kind: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
}

/// Policy size quotas in characters, whitespace not counted; `None` keeps
/// the library's default for that kind.
#[derive(Debug, Default, Clone, Copy, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quotas {
    /// Identity policies (default 6,144).
    pub identity: Option<usize>,
    /// Role trust policies (default 2,048).
    pub trust: Option<usize>,
    /// Resource policies (default none).
    pub resource: Option<usize>,
    /// Service control policies (default 5,120).
    pub scp: Option<usize>,
    /// Resource control policies (default 5,120).
    pub rcp: Option<usize>,
}

/// One `[[paths]]` entry, read.
#[derive(Debug)]
struct PathRule {
    matcher: GlobMatcher,
    kind: Option<Kind>,
    ignore: Vec<Code>,
}

/// The settings, read and checked.
#[derive(Debug, Default)]
pub struct Config {
    /// The directory globs are relative to.
    base: PathBuf,
    /// `fail-on`.
    pub fail_on: Option<FailOn>,
    /// `ignore`.
    pub ignore: Vec<Code>,
    /// `select`.
    pub select: Vec<Code>,
    /// `[quotas]`.
    pub quotas: Quotas,
    paths: Vec<PathRule>,
}

impl Config {
    /// `--config FILE` when given, else the nearest `iam-ecs.toml` in the
    /// working directory or one of its parents, else no settings.
    ///
    /// # Errors
    /// The file cannot be read or is not valid (the message names it).
    pub fn load(explicit: Option<&Path>) -> Result<Config, String> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => {
                let cwd = std::env::current_dir()
                    .map_err(|e| format!("cannot read the working directory: {e}"))?;
                cwd.ancestors()
                    .map(|d| d.join(FILE_NAME))
                    .find(|p| p.is_file())
            }
        };
        match path {
            None => Ok(Config::default()),
            Some(path) => {
                let text = std::fs::read_to_string(&path)
                    .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
                let base = std::path::absolute(&path)
                    .ok()
                    .and_then(|p| p.parent().map(Path::to_path_buf))
                    .unwrap_or_default();
                Config::parse(&text, base).map_err(|e| format!("{}: {e}", path.display()))
            }
        }
    }

    /// Reads the settings from `text`, globs relative to `base`.
    fn parse(text: &str, base: PathBuf) -> Result<Config, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())?;
        let fail_on = raw
            .fail_on
            .map(|s| {
                FailOn::from_str(&s, false).map_err(|_| {
                    format!(
                        "fail-on: expected one of error, security-warning, warning, suggestion, found {s:?}"
                    )
                })
            })
            .transpose()?;
        let mut paths = Vec::new();
        for (i, p) in raw.paths.into_iter().enumerate() {
            let key = format!("paths[{i}]");
            let glob: Glob = GlobBuilder::new(&p.glob)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("{key}.glob: {e}"))?;
            let kind = p
                .kind
                .map(|k| {
                    Kind::from_str(&k, false).map_err(|_| {
                        format!(
                            "{key}.kind: expected one of {}, found {k:?}",
                            Kind::value_variants()
                                .iter()
                                .filter_map(|v| v.to_possible_value())
                                .map(|v| v.get_name().to_owned())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                })
                .transpose()?;
            paths.push(PathRule {
                matcher: glob.compile_matcher(),
                kind,
                ignore: codes(&format!("{key}.ignore"), &p.ignore)?,
            });
        }
        Ok(Config {
            base,
            fail_on,
            ignore: codes("ignore", &raw.ignore)?,
            select: codes("select", &raw.select)?,
            quotas: raw.quotas,
            paths,
        })
    }

    /// The `[[paths]]` entries that match `file` (a path as given on the
    /// command line or found by walking), relative to the config's
    /// directory. A file outside that directory matches none.
    fn matching(&self, file: &Path) -> impl Iterator<Item = &PathRule> {
        let relative = std::path::absolute(file).ok().and_then(|abs| {
            let abs = normalize(&abs);
            abs.strip_prefix(&self.base).ok().map(Path::to_path_buf)
        });
        self.paths
            .iter()
            .filter(move |r| relative.as_ref().is_some_and(|p| r.matcher.is_match(p)))
    }

    /// The kind `file` is checked as when `--kind` is not given.
    pub fn kind_for(&self, file: &Path) -> Option<Kind> {
        self.matching(file).filter_map(|r| r.kind).last()
    }

    /// Whether `code` is ignored in `file` by a `[[paths]]` entry.
    pub fn ignored_in(&self, file: &Path, code: Code) -> bool {
        self.matching(file).any(|r| r.ignore.contains(&code))
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (the path need
/// not exist and symbolic links are not followed).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The codes of a list under `key`.
fn codes(key: &str, names: &[String]) -> Result<Vec<Code>, String> {
    names
        .iter()
        .map(|n| n.parse::<Code>().map_err(|e| format!("{key}: {e}")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, PathBuf::from("/repo"))
    }

    #[test]
    fn unknown_codes_keys_kinds_and_globs_are_errors_naming_the_key() {
        assert_eq!(
            parse("ignore = [\"no-such-code\"]").unwrap_err(),
            "ignore: unknown finding code \"no-such-code\": expected one of the codes in docs/checks.md"
        );
        assert!(parse("[[paths]]\nglob = \"*\"\nignore = [\"x\"]")
            .unwrap_err()
            .starts_with("paths[0].ignore: unknown finding code \"x\""));
        assert!(parse("[[paths]]\nglob = \"*\"\nkind = \"policy\"")
            .unwrap_err()
            .starts_with("paths[0].kind: expected one of auto, identity, trust"));
        assert!(parse("[[paths]]\nglob = \"a[\"")
            .unwrap_err()
            .starts_with("paths[0].glob: "));
        let e = parse("ignor = []").unwrap_err();
        assert!(e.contains("unknown field `ignor`"), "{e}");
        let e = parse("[quotas]\ntrus = 1").unwrap_err();
        assert!(e.contains("unknown field `trus`"), "{e}");
        let e = parse("fail-on = \"warnings\"").unwrap_err();
        assert!(e.starts_with("fail-on: expected one of"), "{e}");
    }

    #[test]
    fn globs_match_relative_to_the_config_directory() {
        let c = parse(
            "ignore = [\"missing-version\"]\n[quotas]\ntrust = 4096\n\
             [[paths]]\nglob = \"trust/**/*.json\"\nkind = \"trust\"\nignore = [\"invalid-version\"]\n\
             [[paths]]\nglob = \"trust/special/*.json\"\nkind = \"resource\"\n",
        )
        .unwrap();
        assert_eq!(c.ignore, [Code::MissingVersion]);
        assert_eq!(c.quotas.trust, Some(4096));
        assert_eq!(
            c.kind_for(Path::new("/repo/trust/a.json")),
            Some(Kind::Trust)
        );
        assert_eq!(
            c.kind_for(Path::new("/repo/trust/x/../special/b.json")),
            Some(Kind::Resource)
        );
        assert_eq!(c.kind_for(Path::new("/repo/a.json")), None);
        assert_eq!(c.kind_for(Path::new("/elsewhere/trust/a.json")), None);
        assert!(c.ignored_in(Path::new("/repo/trust/a/b.json"), Code::InvalidVersion));
        assert!(!c.ignored_in(Path::new("/repo/b.json"), Code::InvalidVersion));
    }
}
