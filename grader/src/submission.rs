//! A student's submission for grading: a directory that is, or was, a clone of the workbook.
//!
//! Only exercise files are taken from it, at the paths the grader's own catalogue names, and
//! copied into the grader's scratch space: its `info.toml`, tests, `Cargo.toml` or any
//! `build.rs` are never read, so editing them gains nothing. Nothing is ever written into it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::catalogue::Exercise;
use crate::fsutil::write_if_changed;

/// Larger exercise files are refused: the biggest shipped one is a few KiB.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Submission {
    /// How reports name it: the directory's name (its path if two share a name).
    pub name: String,
    /// The path as the teacher gave it.
    pub path: PathBuf,
    /// The same, with symlinks resolved: files must resolve to inside it.
    root: PathBuf,
}

/// What was taken of one exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    /// Copied to this path in the grader's scratch space.
    File(PathBuf),
    /// Not taken; why, in one sentence.
    Refused(String),
}

impl Submission {
    /// Opens `path`. Any directory is a submission, even an empty one (its exercises are all
    /// missing), except a directory that holds workbooks and is none itself: a teacher who
    /// types `submissions` for `submissions/*` must hear about it, not get one empty row.
    pub fn open(path: &Path) -> Result<Submission> {
        let shown = path.display();
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{shown}: no such directory")
            }
            Err(e) => bail!("{shown}: cannot open it: {e}"),
        };
        if !meta.is_dir() {
            bail!("{shown} is not a directory (a submission is a student's workbook directory)");
        }
        let root = path
            .canonicalize()
            .map_err(|e| anyhow::anyhow!("{shown}: cannot open it: {e}"))?;
        if !root.join("exercises").is_dir() && !root.join("info.toml").exists() {
            let inner = workbooks_inside(&root);
            if let Some(first) = inner.first() {
                bail!(
                    "{shown} is not a workbook but holds {} (e.g. {first}); to grade each one, \
                     pass them all: `workbook grade {}/*`",
                    if inner.len() == 1 {
                        "one".to_string()
                    } else {
                        format!("{}", inner.len())
                    },
                    shown.to_string().trim_end_matches('/')
                );
            }
        }
        let name = root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| shown.to_string());
        Ok(Submission {
            name,
            path: path.to_path_buf(),
            root,
        })
    }

    /// Takes the exercise's file (at the catalogue's path) into `dest`, which mirrors the
    /// workbook layout. A file not taken is removed from `dest`, so a copy left there by an
    /// earlier submission is never graded as this one's.
    pub fn take(&self, exercise: &Exercise, dest: &Path) -> Result<Taken> {
        let target = dest.join(&exercise.path);
        let taken = self.read(&exercise.path);
        match taken {
            Ok(text) => {
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(|e| {
                        anyhow::anyhow!(
                            "cannot create the grading directory {}: {e}",
                            dir.display()
                        )
                    })?;
                }
                write_if_changed(&target, &text)?;
                Ok(Taken::File(target))
            }
            Err(why) => {
                let _ = fs::remove_file(&target);
                Ok(Taken::Refused(why))
            }
        }
    }

    /// The text of the file at `rel`, or why it cannot be graded.
    fn read(&self, rel: &Path) -> std::result::Result<String, String> {
        let shown = rel.display();
        let path = self.root.join(rel);
        let resolved = match path.canonicalize() {
            Ok(p) => p,
            Err(_) if path.symlink_metadata().is_ok() => {
                return Err(format!(
                    "{shown} is a symlink to a file that does not exist"
                ));
            }
            Err(_) => return Err(format!("{shown} is missing from the submission")),
        };
        if !resolved.starts_with(&self.root) {
            return Err(format!(
                "{shown} is a symlink to a file outside the submission; only the submission's \
                 own files are graded"
            ));
        }
        // Not `fs::read` straight away: a FIFO or a device would block or never end.
        let meta = fs::metadata(&resolved).map_err(|e| format!("{shown}: cannot read it: {e}"))?;
        if !meta.is_file() {
            return Err(format!("{shown} is not a regular file"));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!(
                "{shown} is larger than {} KiB; exercise files are a few KiB",
                MAX_FILE_BYTES / 1024
            ));
        }
        let mut bytes = Vec::new();
        fs::File::open(&resolved)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .map_err(|e| format!("{shown}: cannot read it: {e}"))?;
        String::from_utf8(bytes).map_err(|e| {
            format!(
                "{shown} is not UTF-8 text (invalid byte at offset {}); Rust source files must be UTF-8",
                e.utf8_error().valid_up_to()
            )
        })
    }
}

/// Names of the directories directly inside `dir` that look like workbooks.
fn workbooks_inside(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("exercises").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Gives submissions that share a directory name their paths as names instead.
pub fn disambiguate(submissions: &mut [Submission]) {
    let names: Vec<String> = submissions.iter().map(|s| s.name.clone()).collect();
    for s in submissions.iter_mut() {
        if names.iter().filter(|n| **n == s.name).count() > 1 {
            s.name = s.path.display().to_string();
        }
    }
}

/// Directory of the copies taken from one submission, inside the grader's scratch space.
pub fn copies_dir(slot_dir: &Path) -> PathBuf {
    slot_dir.join("submission")
}
