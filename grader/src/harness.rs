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
/// The `std` shim for loom builds, by path under the package's `src/`: its root, mounted as
/// `mod std`, and the files it names by `#[path]` (see the root's header).
const LOOM_SHIM: &[(&str, &str)] = &[
    ("loom_shim.rs", include_str!("../shim/loom_std.rs")),
    (
        "loom_std/record_format.rs",
        include_str!("../shim/loom_std/record_format.rs"),
    ),
    (
        "loom_std/recorder.rs",
        include_str!("../shim/loom_std/recorder.rs"),
    ),
    ("loom_std/sync.rs", include_str!("../shim/loom_std/sync.rs")),
    (
        "loom_std/condvar.rs",
        include_str!("../shim/loom_std/condvar.rs"),
    ),
    (
        "loom_std/atomic.rs",
        include_str!("../shim/loom_std/atomic.rs"),
    ),
    (
        "loom_std/thread.rs",
        include_str!("../shim/loom_std/thread.rs"),
    ),
];
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
/// Modules of a teacher's extra checks (`grade --checks DIR`), beside the shipped ones.
pub const EXTRA_TESTS_MODULE: &str = "workbook_teacher_tests";
pub const EXTRA_LOOM_MODULE: &str = "workbook_teacher_loom";
/// Targets holding every exercise of the package, one module each (grading): one rustc
/// invocation for all is several times faster than one per exercise (WORKBOOK.md).
pub const COMBINED_BIN: &str = "workbook-all";
pub const COMBINED_LOOM_BIN: &str = "workbook-all-loom";

/// One generated package.
#[derive(Debug, Clone)]
pub struct Harness {
    /// The package directory.
    pub dir: PathBuf,
    /// The cargo target directory, shared by every harness of a workbook.
    pub target_dir: PathBuf,
    /// Where the grader-owned checks live (`<grader root>/tests/checks`).
    pub checks_dir: PathBuf,
    /// A teacher's extra checks, laid out like `checks_dir` (`grade --checks DIR`).
    pub extra_checks_dir: Option<PathBuf>,
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
            extra_checks_dir: None,
            package,
        }
    }

    /// Adds a teacher's extra checks, merged with the shipped ones.
    pub fn with_extra_checks(mut self, dir: Option<PathBuf>) -> Harness {
        self.extra_checks_dir = dir;
        self
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

    /// Every directory of checks for `exercise`: the shipped one, then the teacher's.
    pub fn check_dirs(&self, exercise: &Exercise) -> Vec<PathBuf> {
        let mut dirs = vec![self.checks_for(exercise)];
        if let Some(extra) = &self.extra_checks_dir {
            dirs.push(extra.join(&exercise.name));
        }
        dirs
    }

    /// The teacher's extra check file `file` (`test.rs`, `loom.rs`) for `exercise`, if any.
    pub fn extra_check(&self, exercise: &Exercise, file: &str) -> Option<PathBuf> {
        let path = self
            .extra_checks_dir
            .as_ref()?
            .join(&exercise.name)
            .join(file);
        path.is_file().then_some(path)
    }

    /// Writes the package for these exercises, each compiled from the given source file
    /// (an absolute path). Only files whose contents changed are written.
    pub fn prepare(&self, sources: &[(&Exercise, PathBuf)]) -> Result<()> {
        self.prepare_combined(sources, None)
    }

    /// Like `prepare`, and also the combined targets (`COMBINED_BIN`, `COMBINED_LOOM_BIN`)
    /// holding the exercises named in `members`, for checking many exercises with one build.
    pub fn prepare_combined(
        &self,
        sources: &[(&Exercise, PathBuf)],
        members: Option<&[&str]>,
    ) -> Result<()> {
        let combined: Option<Vec<(&Exercise, PathBuf)>> = members.map(|names| {
            sources
                .iter()
                .filter(|(e, _)| names.contains(&e.name.as_str()))
                .map(|(e, p)| (*e, p.clone()))
                .collect()
        });
        let src = self.dir.join("src");
        fs::create_dir_all(&src)
            .with_context(|| format!("cannot create the build directory {}", src.display()))?;
        let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
        files.insert(
            self.dir.join("Cargo.toml"),
            self.manifest(sources, combined.as_deref()),
        );
        files.insert(self.dir.join("Cargo.lock"), LOCK.to_string());
        fs::create_dir_all(src.join("loom_std"))
            .with_context(|| format!("cannot create the build directory {}", src.display()))?;
        for (file, text) in LOOM_SHIM {
            files.insert(src.join(file), text.to_string());
        }
        files.insert(
            src.join(format!("{TRYBUILD_BIN}.rs")),
            TRYBUILD_DRIVER.to_string(),
        );
        if let Some(members) = &combined {
            files.insert(
                src.join(format!("{COMBINED_BIN}.rs")),
                self.combined_root(members, false),
            );
            files.insert(
                src.join(format!("{COMBINED_LOOM_BIN}.rs")),
                self.combined_root(members, true),
            );
        }
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

    fn manifest(
        &self,
        sources: &[(&Exercise, PathBuf)],
        combined: Option<&[(&Exercise, PathBuf)]>,
    ) -> String {
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
        if combined.is_some() {
            bin(COMBINED_BIN);
            bin(COMBINED_LOOM_BIN);
        }
        for (exercise, _) in sources {
            bin(&Self::std_bin(exercise));
            if exercise.has(CheckMode::Loom) {
                bin(&Self::loom_bin(exercise));
            }
        }
        m
    }

    fn std_root(&self, exercise: &Exercise, source: &Path) -> String {
        format!("{PRELUDE}{}", self.std_body(exercise, source))
    }

    /// The learner's file and the checks that run on its std build.
    fn std_body(&self, exercise: &Exercise, source: &Path) -> String {
        let mut body = include(source);
        if exercise.has(CheckMode::Test) {
            body += &module(TESTS_MODULE, &self.checks_for(exercise).join("test.rs"));
            if let Some(extra) = self.extra_check(exercise, "test.rs") {
                body += &module(EXTRA_TESTS_MODULE, &extra);
            }
        }
        if exercise.has(CheckMode::Run) {
            body.push_str("#[cfg(test)]\n#[test]\nfn workbook_run_main() {\n    main()\n}\n");
        }
        body
    }

    fn loom_root(&self, exercise: &Exercise, source: &Path) -> String {
        format!(
            "{PRELUDE}#[path = \"loom_shim.rs\"]\nmod std;\n{}",
            self.loom_body(exercise, source)
        )
    }

    /// The learner's file and its loom models; `std` must resolve to the shim.
    fn loom_body(&self, exercise: &Exercise, source: &Path) -> String {
        let mut body = include(source);
        body += &module(LOOM_MODULE, &self.checks_for(exercise).join("loom.rs"));
        if let Some(extra) = self.extra_check(exercise, "loom.rs") {
            body += &module(EXTRA_LOOM_MODULE, &extra);
        }
        body
    }

    /// Every exercise as a module of one crate. The learner's file was written as a crate
    /// root; as a module it sees the same names, except `crate::` paths (no exercise uses
    /// them). In the loom flavour each module gets its own `std`, re-exporting the shim at
    /// the root, so that `use std::sync::Mutex` inside the module still means loom's.
    fn combined_root(&self, sources: &[(&Exercise, PathBuf)], loom: bool) -> String {
        let mut root = PRELUDE.to_string();
        if loom {
            root.push_str("#[path = \"loom_shim.rs\"]\nmod std;\n");
        }
        for (exercise, source) in sources {
            let body = if !loom {
                self.std_body(exercise, source)
            } else if exercise.has(CheckMode::Loom) {
                format!(
                    "mod std {{\n    pub use crate::std::*;\n}}\n{}",
                    self.loom_body(exercise, source)
                )
            } else {
                continue;
            };
            let _ = write!(root, "\nmod {} {{\n{body}}}\n", exercise.name);
        }
        root.push_str("\n#[cfg(not(test))]\nfn main() {}\n");
        root
    }
}

/// A test-only module from a file outside the package.
fn module(name: &str, path: &Path) -> String {
    format!(
        "#[cfg(test)]\n#[path = {:?}]\nmod {name};\n",
        path.display().to_string()
    )
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
