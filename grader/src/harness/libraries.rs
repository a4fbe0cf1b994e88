//! The shared libraries a check executable loads, and where its loader finds them.
//!
//! Why check targets link shared libraries: the grader's runtime crates (`runtime.rs`: the
//! runner and support, `workbook_rt`; the loom shim with loom and every crate loom needs,
//! `workbook_loom_std`) are built as Rust `dylib`s, so a save's link of a target refers to
//! them instead of copying their objects, and loom's crates', into a new executable
//! (bank_transfer, rustc of the loom target on a save: 0.10 -> 0.08 s with the shim alone
//! shared; its failing save to verdict 1.38-1.48x -> 1.28x the std floor, CPU 1.67-1.78x ->
//! 1.56x, `bench/save_to_verdict.sh`, old and new grader in turn).
//! A Rust dylib links std dynamically too, so an executable needs the runtime's libraries,
//! beside its dependencies (`debug/deps`), and std's, in the toolchain's target library
//! directory. None is in the system's directories: the check's process gets the search path
//! from the grader, and the sandbox lets it read exactly those files. Every check of a target
//! directory gets the same files (a loom exercise's std tests may open the loom shim's
//! library too), so what a program can open never tells a model from real threads.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result, bail};

use super::runtime::library_files;
use crate::process::Libraries;

/// The libraries of the check executable `exe` (cargo's `debug/<bin>` or
/// `debug/deps/<bin>`), found once per dependency directory and runtime build.
pub fn of(exe: &Path) -> Result<&'static Libraries> {
    type Built = (PathBuf, u128, u128);
    static MEMO: Mutex<Vec<(Built, &'static Libraries)>> = Mutex::new(Vec::new());
    let dir = exe
        .parent()
        .with_context(|| format!("`{}` has no directory", exe.display()))?;
    let deps = if dir.ends_with("deps") {
        dir.to_path_buf()
    } else {
        dir.join("deps")
    };
    let (rt, shim) = library_files();
    let rt = deps.join(rt);
    let Some(built) = modified(&rt) else {
        bail!(
            "the grader's runtime library {} is missing (was the check target built?)",
            rt.display()
        );
    };
    // The loom shim's where loom targets are built (not in a std-only target directory).
    let shim = deps.join(shim);
    let shim_built = modified(&shim).unwrap_or(0);
    let key = (deps.clone(), built, shim_built);
    let mut memo = MEMO.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, found)) = memo.iter().find(|(k, _)| *k == key) {
        return Ok(found);
    }
    let std_dir = std_libdir(&rt, built)?;
    let mut files = vec![rt];
    if shim_built != 0 {
        files.push(shim);
    }
    files.extend(std_libraries(&std_dir)?);
    let found: &'static Libraries = Box::leak(Box::new(Libraries {
        // std's first: the loader then never looks for std's library among the builds.
        search_path: vec![std_dir, deps.clone()],
        files,
    }));
    memo.push((key, found));
    Ok(found)
}

/// When `path` was last written, in nanoseconds; None if it is missing.
fn modified(path: &Path) -> Option<u128> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    Some(time.duration_since(UNIX_EPOCH).ok()?.as_nanos())
}

/// std's shared libraries in the toolchain's target library directory `dir`.
fn std_libraries(dir: &Path) -> Result<Vec<PathBuf>> {
    let prefix = format!("{}std-", std::env::consts::DLL_PREFIX);
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix) && n.ends_with(std::env::consts::DLL_SUFFIX)
            })
        })
        .collect();
    if files.is_empty() {
        bail!("no std shared library in {}", dir.display());
    }
    files.sort();
    Ok(files)
}

/// The toolchain's target library directory, where std's shared library is, for the runtime
/// library `lib` built at `built`. Asking rustc costs ~25 ms of a save's CPU, at the moment
/// the targets compile on it, so the answer is kept beside the library, stamped with the
/// build it was asked for: the library is built again when the toolchain changes, and then
/// rustc is asked again. Written whole or not at all (a concurrent grader may read it).
fn std_libdir(lib: &Path, built: u128) -> Result<PathBuf> {
    let record = lib.with_extension("std-libdir");
    if let Ok(text) = std::fs::read_to_string(&record)
        && let Some((stamp, dir)) = text.split_once('\n')
        && stamp == built.to_string()
        && Path::new(dir).is_dir()
    {
        return Ok(PathBuf::from(dir));
    }
    let dir = ask_rustc().context("cannot find std's shared library, which loom checks load")?;
    if let Some(parent) = record.parent()
        && let Ok(tmp) = tempfile::NamedTempFile::new_in(parent)
        && std::fs::write(tmp.path(), format!("{built}\n{}", dir.display())).is_ok()
    {
        let _ = tmp.persist(&record);
    }
    Ok(dir)
}

/// What cargo's rustc (`RUSTC`, else `rustc`) says its target library directory is.
fn ask_rustc() -> Result<PathBuf> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let out = Command::new(&rustc)
        .args(["--print", "target-libdir"])
        .output()
        .context("cannot run `rustc --print target-libdir`")?;
    if !out.status.success() {
        bail!(
            "`rustc --print target-libdir` failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if !dir.is_dir() {
        bail!(
            "rustc's target library directory {} does not exist",
            dir.display()
        );
    }
    Ok(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_toolchain_has_one_std_shared_library() {
        let std = std_libraries(&ask_rustc().unwrap()).unwrap();
        assert_eq!(std.len(), 1, "{std:?}");
    }

    #[test]
    fn a_missing_runtime_library_is_said_in_one_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("deps")).unwrap();
        let err = of(&dir.path().join("bin")).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("runtime library"), "{text}");
        assert!(!text.contains('\n'), "{text}");
    }

    #[test]
    fn every_executable_of_a_target_directory_gets_the_same_libraries() {
        let (rt, shim) = library_files();
        let dir = tempfile::tempdir().unwrap();
        let deps = dir.path().join("debug/deps");
        std::fs::create_dir_all(&deps).unwrap();
        std::fs::write(deps.join(rt), "").unwrap();
        // A std-only target directory: the runner's library and std's.
        let std_only = of(&dir.path().join("debug/threads1")).unwrap();
        assert_eq!(std_only.files.len(), 2, "{std_only:?}");
        assert_eq!(std_only.files[0], deps.join(rt));
        assert_eq!(std_only.search_path, [ask_rustc().unwrap(), deps.clone()]);
        // With loom's: the shim's too, for the std target as for the loom one.
        std::fs::write(deps.join(shim), "").unwrap();
        let std_exe = of(&dir.path().join("debug/threads1")).unwrap();
        let loom_exe = of(&deps.join("threads1__loom")).unwrap();
        assert!(std::ptr::eq(std_exe, loom_exe));
        assert_eq!(std_exe.files[..2], [deps.join(rt), deps.join(shim)]);
        assert_eq!(std_exe.files.len(), 3, "{std_exe:?}");
    }

    #[test]
    fn the_recorded_std_directory_serves_only_the_shim_build_it_was_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let shim = dir.path().join("libshim.so");
        std::fs::write(&shim, "").unwrap();
        let built = modified(&shim).unwrap();
        let record = shim.with_extension("std-libdir");
        let rustc = ask_rustc().unwrap();
        // Another build's record (the shim was built again since): rustc is asked.
        std::fs::write(&record, format!("{}\n{}", built + 1, dir.path().display())).unwrap();
        assert_eq!(std_libdir(&shim, built).unwrap(), rustc);
        assert_eq!(
            std::fs::read_to_string(&record).unwrap(),
            format!("{built}\n{}", rustc.display())
        );
        // This build's record is what it says, without rustc.
        std::fs::write(&record, format!("{built}\n{}", dir.path().display())).unwrap();
        assert_eq!(std_libdir(&shim, built).unwrap(), dir.path());
        // A truncated one is asked again.
        std::fs::write(&record, format!("{built}")).unwrap();
        assert_eq!(std_libdir(&shim, built).unwrap(), rustc);
    }
}
