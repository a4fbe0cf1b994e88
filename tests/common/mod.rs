//! Helpers shared by the project's integration tests.
#![allow(dead_code)] // each test crate uses some of these helpers

use std::path::{Path, PathBuf};

/// The repository root (the workbook these tests check).
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// The grader's build directory for loom and trybuild, shared by every test's workbook copy
/// (`WORKBOOK_TARGET_DIR`), so that each test does not build them again.
pub fn shared_target() -> PathBuf {
    repo().join("target/workbook/target")
}

/// A child's output as text.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Copies a file or a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    }
}

/// A temporary copy of this workbook's catalogue, exercises, solutions and checks.
pub fn copy_workbook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in [
        "info.toml",
        "exercises",
        "solutions",
        "tests/checks",
        "editor",
    ] {
        copy_tree(&repo().join(entry), &dir.path().join(entry));
    }
    dir
}
