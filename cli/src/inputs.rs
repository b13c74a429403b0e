//! The files `check` and `fmt` are given: files, directories (walked) and
//! `-` (standard input).

use std::path::{Path, PathBuf};

/// The extensions a directory walk picks up.
pub const WALKED_EXTENSIONS: [&str; 4] = ["json", "yaml", "yml", "template"];

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path, or `None` for standard input.
    pub path: Option<PathBuf>,
    /// Whether it was found by walking a directory (rather than named):
    /// a file that holds no document is then skipped with a note.
    pub walked: bool,
}

impl Input {
    /// Whether the input is a file whose name ends in `.json`.
    pub fn is_json_file(&self) -> bool {
        self.path
            .as_ref()
            .and_then(|p| p.extension())
            .is_some_and(|e| e == "json")
    }

    /// The name findings and notes give it.
    pub fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_owned(),
        }
    }

    /// The file's bytes.
    ///
    /// # Errors
    /// It cannot be read (the message names it).
    pub fn read(&self) -> Result<Vec<u8>, String> {
        use std::io::Read;
        match &self.path {
            None => {
                let mut buf = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut buf)
                    .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
                Ok(buf)
            }
            Some(p) => std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display())),
        }
    }
}

/// The inputs named by `args`, in order: `-` is standard input (once), a
/// directory is walked (`.gitignore`, `.ignore` and hidden files respected
/// as git does, even outside a git repository; only files ending in
/// `.json`, `.yaml`, `.yml` or `.template`, sorted by name), anything
/// else is a file (read whatever its extension; a missing one is reported
/// when read).
///
/// # Errors
/// A directory that cannot be walked (the message names the entry).
pub fn expand(args: &[String]) -> Result<Vec<Input>, String> {
    let mut out = Vec::new();
    for arg in args {
        if arg == "-" {
            out.push(Input {
                path: None,
                walked: false,
            });
            continue;
        }
        let path = Path::new(arg);
        if !path.is_dir() {
            out.push(Input {
                path: Some(path.to_path_buf()),
                walked: false,
            });
            continue;
        }
        let walk = ignore::WalkBuilder::new(path)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            let entry = entry.map_err(|e| format!("{arg}: cannot walk: {e}"))?;
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let p = entry.into_path();
            let picked = p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| WALKED_EXTENSIONS.contains(&e));
            if picked {
                out.push(Input {
                    path: Some(p),
                    walked: true,
                });
            }
        }
    }
    Ok(out)
}
