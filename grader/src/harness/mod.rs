//! The generated build package: one cargo package, outside the workspace, with a plain bin
//! target per exercise (a second, loom-flavoured one for loom exercises, one per compile_pass
//! case). No target is a test build (`cfg(test)` is false everywhere, as in trybuild's builds).
//!
//! Why generated: the learner's file is compiled as it is (`include!`, inside `mod <name>`),
//! together with checks that come from the grader's own copy (`tests/checks/<name>/`), so
//! nothing a learner or a student edits changes how they are checked. Every target's `fn main`
//! is the grader's runner (`shim/runner.rs`): it calls the `#[test] fn`s the harness listed in
//! the trusted check files (their copies here have the attribute removed) and prints evidence
//! of each result that the learner's code cannot forge (`checks/evidence.rs`). For loom
//! targets, a `mod std` at the crate root re-exporting the shim makes the learner's plain
//! `std::sync` / `std::thread` paths resolve to loom. The runner, the checks' support and the
//! shim are prebuilt library crates every target links (`runtime.rs`).
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
mod cell_reads;
mod checkfile;
pub mod libraries;
mod runtime;

use crate::fsutil::write_if_changed;
pub use checkfile::strip_tests;
use checkfile::{read, rename_main};
pub use runtime::{LOOM_STD_CRATE, RT_CRATE, Runtime};

/// The `[dependencies]` exercise builds link against, pinned by the workspace's Cargo.lock.
const DEPS_MANIFEST: &str = include_str!("../../harness/Cargo.toml");
const LOCK: &str = include_str!("../../../Cargo.lock");
/// The `std` shim for loom builds, by path under its crate's `src/` (`runtime.rs`): its root,
/// the crate root (re-exported as `mod std` in loom targets), and the files it names by
/// `#[path]` (see the root's header).
const LOOM_SHIM_ROOT: &str = "loom_shim.rs";
const LOOM_SHIM: &[(&str, &str)] = &[
    (LOOM_SHIM_ROOT, include_str!("../../shim/loom_std.rs")),
    (
        "loom_std/record_format.rs",
        include_str!("../../shim/loom_std/record_format.rs"),
    ),
    (
        "loom_std/recorder.rs",
        include_str!("../../shim/loom_std/recorder.rs"),
    ),
    (
        "loom_std/cell.rs",
        include_str!("../../shim/loom_std/cell.rs"),
    ),
    (
        "loom_std/sync.rs",
        include_str!("../../shim/loom_std/sync.rs"),
    ),
    (
        "loom_std/condvar.rs",
        include_str!("../../shim/loom_std/condvar.rs"),
    ),
    (
        "loom_std/atomic.rs",
        include_str!("../../shim/loom_std/atomic.rs"),
    ),
    (
        "loom_std/thread.rs",
        include_str!("../../shim/loom_std/thread.rs"),
    ),
    (
        "loom_std/mpsc.rs",
        include_str!("../../shim/loom_std/mpsc.rs"),
    ),
    (
        "loom_std/freed.rs",
        include_str!("../../shim/loom_std/freed.rs"),
    ),
];
/// A program that runs trybuild over the cases named in `WORKBOOK_CASES`.
const TRYBUILD_DRIVER: &str = include_str!("../../shim/trybuild_driver.rs");
/// The `cargo` the trybuild driver runs: the real one, less the runs the cases do not need.
const TRYBUILD_CARGO: &str = include_str!("../../shim/trybuild_cargo.rs");

/// Build profile: no debug info (smaller, faster cold builds) and loom's hot crates optimised,
/// which makes model checking ~3x faster for a one-off cost (measured: 3.3x faster models for
/// ~12 s more on a cold build).
///
/// Every crate a loom target links is one codegen unit, and the crates loom needs only for its
/// `LOOM_LOG` subscriber (tracing-subscriber's env filter: regex-automata, regex-syntax,
/// matchers, sharded-slab) are built at opt-level 1: every loom save links all of them (rust-lld
/// extracts nearly every object of each rlib), and their sixteen unoptimised codegen units of
/// generic code each were most of what it parsed. Measured with callgrind on a bank_transfer
/// save's loom link, rust-lld's instructions: 140.7 M before, 114.7 M with one codegen unit
/// each, 89.7 M with opt-level 1 for those five too. It costs the cold build of loom's crates
/// (once per target directory) CPU: 28.4 s -> 36.9 s user + system, and one core each for
/// those crates. The litmus tests build loom with this profile too, in the same target directory.
pub const LOOM_PROFILE: &str = r#"
[profile.dev]
debug = 0

[profile.dev.package.loom]
opt-level = 2
codegen-units = 1
[profile.dev.package.generator]
opt-level = 2
codegen-units = 1
[profile.dev.package.scoped-tls]
opt-level = 2
codegen-units = 1
[profile.dev.package.tracing]
opt-level = 2
codegen-units = 1
[profile.dev.package.tracing-core]
opt-level = 2
codegen-units = 1
[profile.dev.package.tracing-subscriber]
opt-level = 1
codegen-units = 1
[profile.dev.package.regex-automata]
opt-level = 1
codegen-units = 1
[profile.dev.package.regex-syntax]
opt-level = 1
codegen-units = 1
[profile.dev.package.matchers]
opt-level = 1
codegen-units = 1
[profile.dev.package.sharded-slab]
opt-level = 1
codegen-units = 1
[profile.dev.package.nu-ansi-term]
codegen-units = 1
[profile.dev.package.thread_local]
codegen-units = 1
[profile.dev.package.smallvec]
codegen-units = 1
[profile.dev.package.tracing-log]
codegen-units = 1
[profile.dev.package.lazy_static]
codegen-units = 1
[profile.dev.package.once_cell]
codegen-units = 1
[profile.dev.package.log]
codegen-units = 1
[profile.dev.package.libc]
codegen-units = 1
[profile.dev.package.cfg-if]
codegen-units = 1
[profile.dev.package.pin-project-lite]
codegen-units = 1
"#;
/// The runtime crates (`runtime.rs`) change only with the grader: one codegen unit, not
/// incremental (an incremental build splits them into ~120 objects, which every save linked;
/// threads1's link: 56.8 M -> 51.7 M instructions).
const RUNTIME_PROFILE: &str = r#"
[profile.dev.package.workbook-rt]
codegen-units = 1
incremental = false
[profile.dev.package.workbook-loom-std]
codegen-units = 1
incremental = false
"#;

pub const TARGET_DIR_VAR: &str = "WORKBOOK_TARGET_DIR";
/// The package feature that enables every checker's crates (loom's and trybuild's): the
/// combined bins of grading build with it.
pub const DEPS_FEATURE: &str = "checkers";
/// The features of each checker, which `DEPS_FEATURE` enables both of: loom and the loom shim
/// (loom bins), trybuild (its driver). Each target requires only its own, so that a loom
/// build never waits for trybuild's crates nor a compile-fail build for loom's (the warm-up
/// builds loom's first: `watch/warm.rs`), and cargo's work on each save covers only the
/// crates that save links (measured on a bank_transfer save, cargo's own instructions: 188 M
/// with both, 141 M with loom's alone).
pub const LOOM_FEATURE: &str = "loom";
pub const TRYBUILD_FEATURE: &str = "trybuild";
/// Where builds without the checkers' crates go, inside the shared target directory: a
/// directory of its own, so that they never wait for cargo's lock on a build of loom and
/// trybuild (the background warm-up in watch mode, a loom exercise's first build).
const STD_TARGET_SUBDIR: &str = "std-only";
pub const TRYBUILD_BIN: &str = "workbook-trybuild";
/// The `cargo` trybuild runs (`shim/trybuild_cargo.rs`), built with the driver and beside it
/// (it needs no crate, but no build has one without the other).
pub const TRYBUILD_CARGO_BIN: &str = "workbook-trybuild-cargo";
/// A bin that links the loom shim and does nothing: building it builds loom's crates alone
/// (the warm-up, the audit's lanes), before any exercise's loom target is written.
pub const LOOM_DEPS_BIN: &str = "workbook-loom-deps";
/// Module names of the grader-owned checks inside a generated target.
pub const TESTS_MODULE: &str = "workbook_tests";
pub const LOOM_MODULE: &str = "workbook_loom";
/// Modules of a teacher's extra checks (`grade --checks DIR`), beside the shipped ones.
pub const EXTRA_TESTS_MODULE: &str = "workbook_teacher_tests";
pub const EXTRA_LOOM_MODULE: &str = "workbook_teacher_loom";
/// Targets holding every exercise of the package, one module each (grading): one rustc
/// invocation for all is several times faster than one per exercise (measured: ~2 s for
/// all 41 against ~0.2 s each).
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

    /// The cargo target of the bin `name`: unique to this package, because cargo puts every
    /// package's bins side by side in the shared target directory (`target/debug/NAME`), where
    /// two harnesses (two submissions graded at once) would overwrite each other's.
    pub fn target_name(&self, name: &str) -> String {
        format!("{name}{}", self.target_suffix())
    }

    /// The bin named by cargo target `target`, if it is one of this package's.
    pub fn bin_of_target<'t>(&self, target: &'t str) -> Option<&'t str> {
        target.strip_suffix(&self.target_suffix())
    }

    fn target_suffix(&self) -> String {
        format!("--{}", self.package)
    }

    /// Whether the bin `name` links against loom or trybuild (and so requires `DEPS_FEATURE`
    /// and builds in the shared target directory): loom bins, the combined loom bin, the
    /// trybuild driver (and its cargo). Every other bin is plain std.
    pub fn needs_deps(name: &str) -> bool {
        Self::feature_of(name).is_some()
    }

    /// The checker's feature the bin `name` requires (`LOOM_FEATURE`, `TRYBUILD_FEATURE`),
    /// if any.
    pub fn feature_of(name: &str) -> Option<&'static str> {
        if name == TRYBUILD_BIN || name == TRYBUILD_CARGO_BIN {
            Some(TRYBUILD_FEATURE)
        } else if name == COMBINED_LOOM_BIN || name == LOOM_DEPS_BIN || name.ends_with(LOOM_SUFFIX)
        {
            Some(LOOM_FEATURE)
        } else {
            None
        }
    }

    /// The grader's runtime crates linked into every check target, shared by every harness
    /// of this target directory (`runtime.rs`).
    pub fn runtime(&self) -> Runtime {
        Runtime::new(&self.target_dir, &loom_spec())
    }

    /// The target directory of builds that need neither loom nor trybuild.
    pub fn std_target_dir(&self) -> PathBuf {
        self.target_dir.join(STD_TARGET_SUBDIR)
    }

    pub fn std_bin(exercise: &Exercise) -> String {
        exercise.name.clone()
    }

    pub fn loom_bin(exercise: &Exercise) -> String {
        format!("{}{LOOM_SUFFIX}", exercise.name)
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

    /// The package for these exercises without any exercise's own targets: its manifest (a
    /// target per exercise) and the files all share. `Checker::check` writes the targets of
    /// the exercise it checks (`refresh`): a save or a `run` writes and reads one exercise's
    /// files, not every exercise's (~0.2-0.7 s under load for all of them).
    pub fn prepare_package(&self, sources: &[(&Exercise, PathBuf)]) -> Result<()> {
        let mut files = BTreeMap::new();
        self.package_files(sources, None, &mut files)?;
        write_all(files)
    }

    /// Writes the targets of `exercise` compiled from `source` again where they changed:
    /// the roots embed what is read from the learner's file (the `UnsafeCell` read sites
    /// of `cell_reads.rs`), so every check of a saved file needs its own.
    pub fn refresh(&self, exercise: &Exercise, source: &Path) -> Result<()> {
        let mut files = BTreeMap::new();
        self.exercise_files(exercise, source, &mut files)?;
        write_all(files)
    }

    /// Like `prepare`, and also the combined targets (`COMBINED_BIN`, `COMBINED_LOOM_BIN`)
    /// holding the exercises named in `members`, for checking many exercises with one build.
    pub fn prepare_combined(
        &self,
        sources: &[(&Exercise, PathBuf)],
        members: Option<&[&str]>,
    ) -> Result<()> {
        let mut files: BTreeMap<PathBuf, String> = BTreeMap::new();
        self.package_files(sources, members, &mut files)?;
        for (exercise, source) in sources {
            self.exercise_files(exercise, source, &mut files)?;
        }
        write_all(files)
    }

    /// The manifest, the lock file, the files every target shares and the combined targets
    /// of `members`; the runtime crates are written here too (`runtime.rs`).
    fn package_files(
        &self,
        sources: &[(&Exercise, PathBuf)],
        members: Option<&[&str]>,
        files: &mut BTreeMap<PathBuf, String>,
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
        let mut pass_bins = Vec::new();
        for (exercise, _) in sources {
            pass_bins.extend(self.pass_cases(exercise)?.into_iter().map(|c| c.bin));
        }
        files.insert(
            self.dir.join("Cargo.toml"),
            self.manifest(sources, combined.as_deref(), &pass_bins),
        );
        files.insert(self.dir.join("Cargo.lock"), LOCK.to_string());
        self.runtime().write()?;
        // compile_pass bins still mount the runner as a module of their own (`pass_root`).
        files.insert(src.join(RUNNER_FILE), RUNNER.to_string());
        files.insert(
            src.join(format!("{TRYBUILD_BIN}.rs")),
            TRYBUILD_DRIVER.to_string(),
        );
        files.insert(
            src.join(format!("{TRYBUILD_CARGO_BIN}.rs")),
            TRYBUILD_CARGO.to_string(),
        );
        files.insert(
            src.join(format!("{LOOM_DEPS_BIN}.rs")),
            format!("{PRELUDE}extern crate {LOOM_STD_CRATE};\nfn main() {{}}\n"),
        );
        if let Some(members) = &combined {
            let root = self.root(members, false, files)?;
            files.insert(src.join(format!("{COMBINED_BIN}.rs")), root);
            let root = self.root(members, true, files)?;
            files.insert(src.join(format!("{COMBINED_LOOM_BIN}.rs")), root);
        }
        Ok(())
    }

    /// The roots of `exercise`'s own targets (std, loom, each compile_pass case) and the
    /// copies of its check files.
    fn exercise_files(
        &self,
        exercise: &Exercise,
        source: &Path,
        files: &mut BTreeMap<PathBuf, String>,
    ) -> Result<()> {
        let src = self.dir.join("src");
        let one = [(exercise, source.to_path_buf())];
        let root = self.root(&one, false, files)?;
        files.insert(src.join(format!("{}.rs", Self::std_bin(exercise))), root);
        if exercise.has(CheckMode::Loom) {
            let root = self.root(&one, true, files)?;
            files.insert(src.join(format!("{}.rs", Self::loom_bin(exercise))), root);
        }
        for case in self.pass_cases(exercise)? {
            let root = pass_root(&case, source)?;
            files.insert(src.join(format!("{}.rs", case.bin)), root);
        }
        Ok(())
    }

    fn manifest(
        &self,
        sources: &[(&Exercise, PathBuf)],
        combined: Option<&[(&Exercise, PathBuf)]>,
        pass_bins: &[String],
    ) -> String {
        let mut m = format!(
            "# Generated by the workbook grader: edits are overwritten.\n\
             [package]\nname = \"{}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\
             autobins = false\nautotests = false\nautobenches = false\nautoexamples = false\n\n\
             {}\n{LOOM_PROFILE}{RUNTIME_PROFILE}\n# Its own workspace: never part of the one around it.\n[workspace]\n",
            self.package,
            deps_manifest(&self.runtime())
        );
        let mut bin = |name: &str| {
            let _ = write!(
                m,
                "\n[[bin]]\nname = \"{}\"\npath = \"src/{name}.rs\"\n",
                self.target_name(name)
            );
            if let Some(feature) = Self::feature_of(name) {
                let _ = writeln!(m, "required-features = [{feature:?}]");
            }
        };
        bin(TRYBUILD_BIN);
        bin(TRYBUILD_CARGO_BIN);
        bin(LOOM_DEPS_BIN);
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
        for name in pass_bins {
            bin(name);
        }
        m
    }

    /// The grader-owned check files of `exercise` for one flavour: (module, original file,
    /// where its copy goes, how messages name it), the shipped ones first.
    fn check_files(&self, exercise: &Exercise, loom: bool) -> Vec<CheckFile> {
        let (file, shipped, teacher) = if loom {
            ("loom.rs", LOOM_MODULE, EXTRA_LOOM_MODULE)
        } else {
            ("test.rs", TESTS_MODULE, EXTRA_TESTS_MODULE)
        };
        let mut found = Vec::new();
        let wanted = if loom {
            exercise.has(CheckMode::Loom)
        } else {
            exercise.has(CheckMode::Test)
        };
        if wanted {
            found.push(CheckFile {
                module: shipped,
                original: self.checks_for(exercise).join(file),
                copy: self.copies_dir(false).join(&exercise.name).join(file),
            });
            if let Some(extra) = self.extra_check(exercise, file) {
                found.push(CheckFile {
                    module: teacher,
                    original: extra,
                    copy: self.copies_dir(true).join(&exercise.name).join(file),
                });
            }
        }
        found
    }

    /// Where the copies of check files (with their `#[test]` attributes removed) are written:
    /// messages map these back to `tests/checks/` (or the teacher's `checks/`).
    pub fn copies_dir(&self, teacher: bool) -> PathBuf {
        self.dir
            .join(if teacher { "teacher_checks" } else { "checks" })
    }

    /// Every check the runner of `exercise`'s std (or loom) flavour must report, by the name
    /// it reports (`workbook_tests::counts_errors`): read from the trusted check files, never
    /// from the built program.
    pub fn expected_checks(&self, exercise: &Exercise, loom: bool) -> Result<Vec<String>> {
        let mut names = Vec::new();
        for file in self.check_files(exercise, loom) {
            let (_, found) = strip_tests(&read(&file.original)?, &file.original)?;
            names.extend(found.into_iter().map(|n| format!("{}::{n}", file.module)));
        }
        if !loom && exercise.has(CheckMode::Run) {
            names.push(RUN_CHECK.to_string());
        }
        Ok(names)
    }

    /// One crate root: the runner, and each exercise as a module holding the learner's file
    /// and its checks. The learner's file was written as a crate root; as a module it sees
    /// the same names, except `crate::` paths (no exercise uses them). In the loom flavour the
    /// shim is the root's `std` and each module gets its own `std` re-exporting it, so that
    /// `use std::sync::Mutex` inside the module still means loom's.
    fn root(
        &self,
        sources: &[(&Exercise, PathBuf)],
        loom: bool,
        files: &mut BTreeMap<PathBuf, String>,
    ) -> Result<String> {
        let mut root = PRELUDE.to_string();
        // The grader's runtime crates (`runtime.rs`), under the names the checks use.
        if loom {
            let _ = writeln!(root, "mod std {{\n    pub use ::{LOOM_STD_CRATE}::*;\n}}");
        }
        let _ = writeln!(root, "use ::{RT_CRATE}::{RUNNER_MODULE};");
        let _ = writeln!(root, "use ::{RT_CRATE}::__checks;");
        let mut registry = String::new();
        for (exercise, source) in sources {
            if loom && !exercise.has(CheckMode::Loom) {
                continue;
            }
            let mut body = String::new();
            if loom {
                body.push_str("mod std {\n    pub use crate::std::*;\n}\n");
                body.push_str(LOOM_THREAD_LOCAL);
            }
            body += &include(source);
            let mut groups = Vec::new();
            for file in self.check_files(exercise, loom) {
                let text = read(&file.original)?;
                let (mut copy, names) = strip_tests(&text, &file.original)?;
                let _ = write!(
                    copy,
                    "\n// Generated by the workbook grader: the checks above, for its runner.\n\
                     pub(crate) const {REGISTRY}: &[(&::core::primitive::str, fn())] = &[{}];\n",
                    names
                        .iter()
                        .map(|n| format!("({:?}, {n})", format!("{}::{n}", file.module)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                files.insert(file.copy.clone(), copy);
                let _ = writeln!(
                    body,
                    "#[path = {:?}]\npub(crate) mod {};",
                    file.copy.display().to_string(),
                    file.module
                );
                groups.push(format!("{}::{}::{REGISTRY}", exercise.name, file.module));
            }
            if !loom && exercise.has(CheckMode::Run) {
                let _ = writeln!(
                    body,
                    "pub(crate) mod {RUN_MODULE} {{\n    pub(crate) const {REGISTRY}: &[(&::core::primitive::str, fn())] = &[({RUN_CHECK:?}, run_main)];\n    fn run_main() {{\n        super::main()\n    }}\n}}"
                );
                groups.push(format!("{}::{RUN_MODULE}::{REGISTRY}", exercise.name));
            }
            let _ = write!(root, "\nmod {} {{\n{body}}}\n", exercise.name);
            let _ = writeln!(
                registry,
                "        ({:?}, &[{}]),",
                exercise.name,
                groups.join(", ")
            );
        }
        let reads = if loom {
            cell_reads::register(sources)?
        } else {
            String::new()
        };
        let _ = write!(
            root,
            "\nfn main() {{\n{reads}    {RUNNER_MODULE}::main(&[\n{registry}    ])\n}}\n"
        );
        Ok(root)
    }

    /// The compile_pass cases of `exercise` (shipped, then a teacher's), each built as a bin
    /// of its own and run by the runner.
    pub fn pass_cases(&self, exercise: &Exercise) -> Result<Vec<PassCase>> {
        let mut cases = Vec::new();
        if !exercise.has(CheckMode::CompileFail) {
            return Ok(cases);
        }
        for (i, dir) in self.check_dirs(exercise).into_iter().enumerate() {
            let Ok(entries) = fs::read_dir(dir.join("compile_pass")) else {
                continue;
            };
            let mut paths: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "rs"))
                .collect();
            paths.sort();
            for path in paths {
                let stem = path
                    .file_stem()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                let owner = if i == 0 { "pass" } else { "teacher_pass" };
                let bin = format!(
                    "{}__{owner}__{}",
                    exercise.name,
                    stem.replace(|c: char| !c.is_ascii_alphanumeric() && c != '_', "_")
                );
                let shown = if i == 0 {
                    format!("tests/checks/{}/compile_pass/{stem}.rs", exercise.name)
                } else {
                    format!("checks/{}/compile_pass/{stem}.rs", exercise.name)
                };
                cases.push(PassCase {
                    name: stem,
                    bin,
                    path,
                    shown,
                });
            }
        }
        Ok(cases)
    }
}

/// One check file of an exercise, as the harness mounts it.
struct CheckFile {
    module: &'static str,
    original: PathBuf,
    copy: PathBuf,
}

/// A compile_pass case: its file, the bin that holds it, and how messages name its file.
#[derive(Debug, Clone)]
pub struct PassCase {
    pub name: String,
    pub bin: String,
    pub path: PathBuf,
    /// The case's path as a learner or teacher reads it (`tests/checks/...`).
    pub shown: String,
}

const LOOM_SUFFIX: &str = "__loom";

/// The runner's only check in a compile_pass bin.
pub const PASS_CHECK: &str = "compile_pass";
/// The check that calls a run-mode exercise's `main`.
pub const RUN_CHECK: &str = "workbook_run_main";
const RUN_MODULE: &str = "workbook_run";
/// The const each generated checks module lists its checks in.
const REGISTRY: &str = "WORKBOOK_CHECKS";
const RUNNER_FILE: &str = "workbook_runner.rs";
const RUNNER_MODULE: &str = "workbook_runner";
/// The runner: the `fn main` of every check executable.
const RUNNER: &str = include_str!("../../shim/runner.rs");
/// The check files' support module (`crate::__checks`: stress rounds, the seed, witnesses).
const SUPPORT_FILE: &str = "workbook_checks.rs";
const SUPPORT: &str = include_str!("../../shim/checks_support.rs");
/// The support's heap watch (its global allocator), which the support names by `#[path]`.
const SUPPORT_HEAP_FILE: &str = "workbook_checks_heap.rs";
const SUPPORT_HEAP: &str = include_str!("../../shim/checks_heap.rs");

/// Writes each file whose contents changed.
fn write_all(files: BTreeMap<PathBuf, String>) -> Result<()> {
    for (path, contents) in files {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        write_if_changed(&path, &contents)?;
    }
    Ok(())
}

/// A compile_pass bin's root: the case itself (its `fn main` renamed, on its own line, so
/// every line number stays the case's), then the learner's file as `mod exercise` and the
/// runner. Appended, not prepended: a case may start with inner attributes.
fn pass_root(case: &PassCase, source: &Path) -> Result<String> {
    let text = read(&case.path)?;
    let renamed = rename_main(&text)
        .with_context(|| format!("the compile_pass case {} has no `fn main()`", case.shown))?;
    Ok(format!(
        "{renamed}\n// Generated by the workbook grader: the exercise and the runner.\n\
         #[allow(dead_code, unused)]\nmod exercise {{\n    {}}}\n#[allow(unused_imports)]\nuse exercise::*;\n\
         #[path = {RUNNER_FILE:?}]\n#[allow(dead_code, unused)]\nmod {RUNNER_MODULE};\n\
         fn main() {{\n    {RUNNER_MODULE}::main(&[(\"exercise\", &[&[({PASS_CHECK:?}, workbook_case_main)]])])\n}}\n",
        include(source)
    ))
}

/// Put before a learner's file in a loom target: a plain `thread_local!` names std's through
/// the prelude, which no `mod std` replaces; a macro of the module's own (textual scope comes
/// before the prelude) makes it the shim's, as `std::thread_local!` and `use
/// std::thread_local` are (`shim/loom_std/thread.rs`). Public for the litmus suite, which
/// mounts a program as the harness mounts a learner's file.
pub const LOOM_THREAD_LOCAL: &str = "macro_rules! thread_local {\n    ($($t:tt)*) => { crate::std::thread_local! { $($t)* } };\n}\n";

const PRELUDE: &str =
    "// Generated by the workbook grader: edits are overwritten.\n#![allow(dead_code, unused)]\n";

/// loom's entry in `DEPS_MANIFEST`.
fn loom_spec() -> toml::Value {
    let parsed: toml::Table = DEPS_MANIFEST
        .parse()
        .expect("grader/harness/Cargo.toml is valid TOML");
    parsed["dependencies"]["loom"].clone()
}

/// The `[dependencies]` and the `[features]` that enable the optional ones: the checkers'
/// crates (their versions from `DEPS_MANIFEST`, pinned by `LOCK`) and the loom shim, each
/// optional, and the runtime crate every target links.
fn deps_manifest(runtime: &Runtime) -> String {
    let parsed: toml::Table = DEPS_MANIFEST
        .parse()
        .expect("grader/harness/Cargo.toml is valid TOML");
    let mut deps = toml::Table::new();
    let (mut loom, mut trybuild) = (Vec::new(), Vec::new());
    let path = |dir: &Path| {
        toml::Table::from_iter([(
            "path".to_string(),
            toml::Value::String(dir.display().to_string()),
        )])
    };
    // Each runtime crate under its crate's name, whatever its library's (`runtime.rs`).
    let mut rt = path(&runtime.rt);
    rt.insert(
        "package".into(),
        toml::Value::String(runtime::RT_PACKAGE.into()),
    );
    deps.insert(RT_CRATE.to_string(), toml::Value::Table(rt));
    let mut shim = path(&runtime.loom_std);
    shim.insert("optional".into(), toml::Value::Boolean(true));
    shim.insert(
        "package".into(),
        toml::Value::String(runtime::LOOM_STD_PACKAGE.into()),
    );
    deps.insert(LOOM_STD_CRATE.to_string(), toml::Value::Table(shim));
    loom.push(toml::Value::String(format!("dep:{LOOM_STD_CRATE}")));
    if let Some(toml::Value::Table(listed)) = parsed.get("dependencies") {
        for (name, spec) in listed {
            let mut spec = match spec {
                toml::Value::Table(t) => t.clone(),
                version => toml::Table::from_iter([("version".to_string(), version.clone())]),
            };
            spec.insert("optional".into(), toml::Value::Boolean(true));
            deps.insert(name.clone(), toml::Value::Table(spec));
            // loom for the loom targets; every other crate is trybuild's.
            let feature = if name == "loom" {
                &mut loom
            } else {
                &mut trybuild
            };
            feature.push(toml::Value::String(format!("dep:{name}")));
        }
    }
    let both = [LOOM_FEATURE, TRYBUILD_FEATURE]
        .map(|f| toml::Value::String(f.to_string()))
        .to_vec();
    let features = toml::Table::from_iter([
        (DEPS_FEATURE.to_string(), toml::Value::Array(both)),
        (LOOM_FEATURE.to_string(), toml::Value::Array(loom)),
        (TRYBUILD_FEATURE.to_string(), toml::Value::Array(trybuild)),
    ]);
    let doc = toml::Table::from_iter([
        ("dependencies".to_string(), toml::Value::Table(deps)),
        ("features".to_string(), toml::Value::Table(features)),
    ]);
    toml::to_string(&doc).expect("a table serialises")
}

/// The learner's file, compiled as it is. `include!` keeps its path and line numbers in
/// every compiler message and loom location.
fn include(source: &Path) -> String {
    format!("include!({:?});\n", source.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::VerdictKind;

    fn exercise(checks: Vec<CheckMode>) -> Exercise {
        Exercise {
            name: "ex".into(),
            path: "exercises/ex.rs".into(),
            topic: String::new(),
            checks,
            points: 1,
            concepts: Vec::new(),
            hints: Vec::new(),
            fails_with: VerdictKind::ALL[0],
            timeout: 10.0,
            loom_preemptions: 2,
            allow: Vec::new(),
        }
    }

    /// A save's check writes that exercise's targets from the file as saved (watch mode
    /// prepares the package once, then checks saves for as long as it runs).
    #[test]
    fn a_refresh_rewrites_the_targets_from_the_saved_file() {
        let scratch = tempfile::tempdir().unwrap();
        let checks = scratch.path().join("checks");
        fs::create_dir_all(checks.join("ex")).unwrap();
        fs::write(checks.join("ex/test.rs"), "#[test]\nfn t() {}\n").unwrap();
        fs::write(checks.join("ex/loom.rs"), "#[test]\nfn m() {}\n").unwrap();
        let source = scratch.path().join("ex.rs");
        let read = "fn f(c: &std::cell::UnsafeCell<u8>) -> u8 { unsafe { *c.get() } }\n";
        fs::write(&source, read).unwrap();
        let ex = exercise(vec![CheckMode::Test, CheckMode::Loom]);
        let harness = Harness::new(scratch.path(), "t", &checks);
        harness.prepare_package(&[(&ex, source.clone())]).unwrap();
        let loom_root = harness.dir.join("src/ex__loom.rs");
        // The package names the exercise's targets; only a check writes them.
        let manifest = fs::read_to_string(harness.dir.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&harness.target_name("ex__loom")),
            "{manifest}"
        );
        assert!(!loom_root.exists());
        harness.refresh(&ex, &source).unwrap();
        let site = |line: usize| format!("({:?}, {line}, ", source.display().to_string());
        let root = fs::read_to_string(&loom_root).unwrap();
        assert!(root.contains(&site(1)), "{root}");
        assert!(
            root.contains(&format!("pub use ::{LOOM_STD_CRATE}::*;")),
            "{root}"
        );
        assert!(harness.dir.join("src/ex.rs").is_file());
        // The learner adds a line above: the read is on line 2 now, and only there.
        fs::write(&source, format!("// a note\n{read}")).unwrap();
        harness.refresh(&ex, &source).unwrap();
        let root = fs::read_to_string(&loom_root).unwrap();
        assert!(
            root.contains(&site(2)) && !root.contains(&site(1)),
            "{root}"
        );
    }

    /// The runtime crates are shared by every harness of a target directory, named by their
    /// contents, and written whole.
    #[test]
    fn the_runtime_crates_are_shared_and_complete() {
        let scratch = tempfile::tempdir().unwrap();
        let a = Harness::new(scratch.path(), "a", &scratch.path().join("checks"));
        let b = Harness::new(scratch.path(), "b", &scratch.path().join("checks"));
        a.prepare(&[]).unwrap();
        b.prepare(&[]).unwrap();
        let (ra, rb) = (a.runtime(), b.runtime());
        assert_eq!(ra.rt, rb.rt);
        assert!(ra.rt.starts_with(&a.target_dir));
        let lib = fs::read_to_string(ra.loom_std.join("src/lib.rs")).unwrap();
        assert_eq!(lib, LOOM_SHIM[0].1);
        for (file, text) in &LOOM_SHIM[1..] {
            assert_eq!(
                fs::read_to_string(ra.loom_std.join("src").join(file)).unwrap(),
                *text
            );
        }
        assert_eq!(
            fs::read_to_string(ra.rt.join("src").join(RUNNER_FILE)).unwrap(),
            RUNNER
        );
        let manifest: toml::Table = fs::read_to_string(ra.loom_std.join("Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(manifest["dependencies"]["loom"], loom_spec());
    }
}
