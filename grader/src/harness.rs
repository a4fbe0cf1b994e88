//! The generated build package: one cargo package, outside the workspace, with a test target
//! per exercise (and a second, loom-flavoured one for loom exercises).
//!
//! Why generated: the learner's file is compiled as it is (`include!`), together with checks
//! that come from the grader's own copy (`tests/checks/<name>/`), so nothing a learner or a
//! student edits changes how they are checked. For loom targets, a `mod std` shim at the
//! crate root makes the learner's plain `std::sync` / `std::thread` paths resolve to loom.
//!
//! Why one package per source set (the learner's `exercises/`, `solutions/`, each graded
//! submission): every set has its own generated sources, but all share one cargo target
//! directory, so loom, trybuild and their dependencies build once. Files are written only
//! when their contents change: a rewrite would make cargo rebuild on every run.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::catalogue::{CheckMode, Exercise};

/// The `[dependencies]` exercise builds link against, pinned by the workspace's Cargo.lock.
const DEPS_MANIFEST: &str = include_str!("../harness/Cargo.toml");
const LOCK: &str = include_str!("../../Cargo.lock");
/// The `std` shim for loom builds.
const LOOM_SHIM: &str = include_str!("../shim/loom_std.rs");
/// A libtest entry point that runs trybuild over the cases named in `WORKBOOK_CASES`.
const TRYBUILD_DRIVER: &str = include_str!("../shim/trybuild_driver.rs");

/// Build profile: no debug info (smaller, faster cold builds) and loom's hot crates optimised,
/// which makes model checking ~3x faster for a one-off cost (WORKBOOK.md, build latency).
const PROFILE: &str = r#"
[profile.dev]
debug = 0

[profile.dev.package.loom]
opt-level = 2
[profile.dev.package.generator]
opt-level = 2
[profile.dev.package.scoped-tls]
opt-level = 2
[profile.dev.package.tracing]
opt-level = 2
[profile.dev.package.tracing-core]
opt-level = 2
"#;

pub const TARGET_DIR_VAR: &str = "WORKBOOK_TARGET_DIR";
pub const TRYBUILD_BIN: &str = "workbook-trybuild";
/// Module names of the grader-owned checks inside a generated target.
pub const TESTS_MODULE: &str = "workbook_tests";
pub const LOOM_MODULE: &str = "workbook_loom";

/// One generated package.
#[derive(Debug, Clone)]
pub struct Harness {
    /// The package directory.
    pub dir: PathBuf,
    /// The cargo target directory, shared by every harness of a workbook.
    pub target_dir: PathBuf,
    /// Where the grader-owned checks live (`<grader root>/tests/checks`).
    pub checks_dir: PathBuf,
    package: String,
}

impl Harness {
    /// `scratch` is the grader's scratch directory; `set` names the source set
    /// (`exercises`, `solutions`, a submission's key).
    pub fn new(scratch: &Path, set: &str, checks_dir: &Path) -> Harness {
        // `WORKBOOK_TARGET_DIR` lets several workbooks (the project's tests make many) share
        // one build of loom and trybuild.
        let target_dir = std::env::var_os(TARGET_DIR_VAR)
            .map(PathBuf::from)
            .unwrap_or_else(|| scratch.join("target"));
        let dir = scratch.join("harness").join(set);
        // Unique per directory: trybuild keys its scratch project on the package name.
        let mut hash = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&dir, &mut hash);
        let package = format!(
            "workbook-{}-{:08x}",
            set.replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
            std::hash::Hasher::finish(&hash) as u32
        );
        Harness {
            dir,
            target_dir,
            checks_dir: checks_dir.to_path_buf(),
            package,
        }
    }

    pub fn std_bin(exercise: &Exercise) -> String {
        exercise.name.clone()
    }

    pub fn loom_bin(exercise: &Exercise) -> String {
        format!("{}__loom", exercise.name)
    }

    pub fn checks_for(&self, exercise: &Exercise) -> PathBuf {
        self.checks_dir.join(&exercise.name)
    }

    /// Writes the package for these exercises, each compiled from the given source file
    /// (an absolute path). Only files whose contents changed are written.
    pub fn prepare(&self, sources: &[(&Exercise, PathBuf)]) -> Result<()> {
        let src = self.dir.join("src");
        fs::create_dir_all(&src)
            .with_context(|| format!("cannot create the build directory {}", src.display()))?;
        let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
        files.insert(self.dir.join("Cargo.toml"), self.manifest(sources));
        files.insert(self.dir.join("Cargo.lock"), LOCK.to_string());
        files.insert(src.join("loom_shim.rs"), LOOM_SHIM.to_string());
        files.insert(
            src.join(format!("{TRYBUILD_BIN}.rs")),
            TRYBUILD_DRIVER.to_string(),
        );
        for (exercise, source) in sources {
            files.insert(
                src.join(format!("{}.rs", Self::std_bin(exercise))),
                self.std_root(exercise, source),
            );
            if exercise.has(CheckMode::Loom) {
                files.insert(
                    src.join(format!("{}.rs", Self::loom_bin(exercise))),
                    self.loom_root(exercise, source),
                );
            }
        }
        for (path, contents) in files {
            write_if_changed(&path, &contents)?;
        }
        Ok(())
    }

    fn manifest(&self, sources: &[(&Exercise, PathBuf)]) -> String {
        let deps = DEPS_MANIFEST
            .rsplit_once("[dependencies]")
            .map(|(_, deps)| deps.trim())
            .unwrap_or_default();
        let mut m = format!(
            "# Generated by the workbook grader: edits are overwritten.\n\
             [package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\
             autobins = false\nautotests = false\nautobenches = false\nautoexamples = false\n\n\
             [dependencies]\n{deps}\n{PROFILE}\n# Its own workspace: never part of the one around it.\n[workspace]\n",
            self.package
        );
        let mut bin = |name: &str| {
            let _ = write!(
                m,
                "\n[[bin]]\nname = \"{name}\"\npath = \"src/{name}.rs\"\n"
            );
        };
        bin(TRYBUILD_BIN);
        for (exercise, _) in sources {
            bin(&Self::std_bin(exercise));
            if exercise.has(CheckMode::Loom) {
                bin(&Self::loom_bin(exercise));
            }
        }
        m
    }

    fn std_root(&self, exercise: &Exercise, source: &Path) -> String {
        let mut root = format!("{PRELUDE}{}", include(source));
        if exercise.has(CheckMode::Test) {
            let tests = self.checks_for(exercise).join("test.rs");
            let _ = write!(
                root,
                "#[cfg(test)]\n#[path = {:?}]\nmod {TESTS_MODULE};\n",
                tests.display().to_string()
            );
        }
        if exercise.has(CheckMode::Run) {
            root.push_str("#[cfg(test)]\n#[test]\nfn workbook_run_main() {\n    main()\n}\n");
        }
        root
    }

    fn loom_root(&self, exercise: &Exercise, source: &Path) -> String {
        let models = self.checks_for(exercise).join("loom.rs");
        format!(
            "{PRELUDE}#[path = \"loom_shim.rs\"]\nmod std;\n{}#[cfg(test)]\n#[path = {:?}]\nmod {LOOM_MODULE};\n",
            include(source),
            models.display().to_string()
        )
    }
}

const PRELUDE: &str =
    "// Generated by the workbook grader: edits are overwritten.\n#![allow(dead_code, unused)]\n";

/// The learner's file, compiled as it is. `include!` keeps its path and line numbers in
/// every compiler message and loom location.
fn include(source: &Path) -> String {
    format!("include!({:?});\n", source.display().to_string())
}

/// Writes `contents` unless the file already holds exactly that (keeps cargo's fingerprints).
pub fn write_if_changed(path: &Path, contents: &str) -> Result<()> {
    if fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(());
    }
    fs::write(path, contents).with_context(|| format!("cannot write {}", path.display()))
}
