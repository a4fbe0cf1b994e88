//! Small file-system helpers shared by the modules that write generated files (the harness,
//! submission copies, recorded answers' applied code).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Writes `contents` unless the file already holds exactly that: a rewrite with the same
/// bytes would still change its mtime and make cargo rebuild on every check.
pub fn write_if_changed(path: &Path, contents: &str) -> Result<()> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_leave_the_file_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.rs");
        write_if_changed(&path, "a").unwrap();
        let old = fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_if_changed(&path, "a").unwrap();
        assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), old);
        write_if_changed(&path, "b").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "b");
    }
}
