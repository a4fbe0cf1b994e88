//! Checking one exercise: build, then each check mode in turn, stopping at the first that
//! fails. Checks return verdicts; they never print.

mod compile_fail;
mod loom;
pub mod output;
mod test;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, Build, MAX_ERRORS_SHOWN};
use crate::catalogue::{CheckMode, Exercise};
use crate::harness::Harness;
use crate::process::Limits;
use crate::verdict::{Outcome, Verdict};

/// Cold builds of loom and trybuild take ~30-60 s on two cores; a learner's own code can
/// make rustc slow too, but not this slow.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(900);

/// The executables an exercise's checks run, and the module path of its tests in them:
/// empty for an exercise's own targets, `<name>::` in a crate of many exercises (grading).
#[derive(Debug, Clone)]
pub struct Targets {
    pub std: PathBuf,
    pub loom: Option<PathBuf>,
    pub trybuild: Option<PathBuf>,
    pub prefix: String,
}

/// How exercises are checked: where they are built, and the limits of each run.
#[derive(Debug, Clone)]
pub struct Checker {
    pub harness: Harness,
    /// Paths in messages are shown relative to this directory (the learner's workbook).
    pub display_root: PathBuf,
    /// Overrides each exercise's own time limit (`grade --timeout`).
    pub timeout: Option<Duration>,
    pub memory_bytes: Option<u64>,
    pub output_bytes: usize,
    pub build_timeout: Duration,
    /// The sandbox of every run of student code (None: `--sandbox off`).
    pub sandbox: Option<crate::sandbox::Sandbox>,
}

impl Checker {
    pub fn new(harness: Harness, display_root: &Path) -> Checker {
        Checker {
            harness,
            display_root: display_root.to_path_buf(),
            timeout: None,
            memory_bytes: None,
            output_bytes: 256 * 1024,
            build_timeout: BUILD_TIMEOUT,
            sandbox: crate::sandbox::auto(),
        }
    }

    /// Checks `exercise` compiled from `source` in targets already built.
    pub fn check_built(&self, exercise: &Exercise, source: &Path, targets: &Targets) -> Outcome {
        let start = Instant::now();
        let verdict = self
            .run_built(exercise, source, targets)
            .unwrap_or_else(|e| Verdict::error(format!("{e:#}")));
        Outcome {
            exercise: exercise.name.clone(),
            verdict,
            duration: start.elapsed(),
        }
    }

    /// Checks `exercise` compiled from `source` (the harness must be prepared for it).
    pub fn check(&self, exercise: &Exercise, source: &Path) -> Outcome {
        let start = Instant::now();
        let verdict = if source.is_file() {
            self.run_checks(exercise, source)
                .unwrap_or_else(|e| Verdict::error(format!("{e:#}")))
        } else {
            Verdict::error(format!("{} is missing", self.shown(source)))
        };
        Outcome {
            exercise: exercise.name.clone(),
            verdict,
            duration: start.elapsed(),
        }
    }

    fn run_checks(&self, exercise: &Exercise, source: &Path) -> anyhow::Result<Verdict> {
        let std_bin = Harness::std_bin(exercise);
        let loom_bin = Harness::loom_bin(exercise);
        // One cargo invocation per save. The std target is always built, even for loom-only
        // exercises: it is what rustc's lints see (e.g. `invalid_atomic_ordering` on a Release
        // load), which the loom shim's atomic wrappers would hide.
        let mut bins = vec![std_bin.clone()];
        if exercise.has(CheckMode::Loom) {
            bins.push(loom_bin.clone());
        }
        if exercise.has(CheckMode::CompileFail) {
            bins.push(crate::harness::TRYBUILD_BIN.to_string());
        }
        let exes = match build::build(&self.harness, &bins, self.build_timeout)? {
            Build::Built(exes) => exes,
            Build::Rejected {
                errors,
                failed_targets,
            } => {
                // Code that compiles with std but not against loom needs its own explanation.
                let std_ok = !failed_targets.contains(&std_bin);
                return Ok(self.compile_error(errors, std_ok));
            }
            Build::TimedOut { seconds } => {
                return Ok(Verdict::TimedOut {
                    check: "build".into(),
                    seconds,
                    running: None,
                });
            }
            Build::Failed(message) => {
                return Ok(Verdict::error(self.relative(&output::strip_ansi(&message))));
            }
        };
        let targets = Targets {
            std: exes[&std_bin].clone(),
            loom: exes.get(&loom_bin).cloned(),
            trybuild: exes.get(crate::harness::TRYBUILD_BIN).cloned(),
            prefix: String::new(),
        };
        self.run_built(exercise, source, &targets)
    }

    /// Runs the checks of `exercise` on already built targets.
    pub fn run_built(
        &self,
        exercise: &Exercise,
        source: &Path,
        targets: &Targets,
    ) -> anyhow::Result<Verdict> {
        let limits = self.limits(exercise);
        let missing =
            |what: &str| anyhow::anyhow!("the {what} target of `{}` was not built", exercise.name);
        for mode in &exercise.checks {
            let verdict = match mode {
                CheckMode::Run | CheckMode::Test => {
                    // One test binary serves both (run mode adds a test that calls main).
                    if *mode == CheckMode::Run && exercise.has(CheckMode::Test) {
                        continue;
                    }
                    test::check(&targets.std, &targets.prefix, limits)?
                }
                CheckMode::CompileFail => compile_fail::check(
                    &self.harness,
                    exercise,
                    source,
                    targets
                        .trybuild
                        .as_deref()
                        .ok_or_else(|| missing("trybuild"))?,
                    limits,
                )?,
                CheckMode::Loom => loom::check(
                    targets.loom.as_deref().ok_or_else(|| missing("loom"))?,
                    &targets.prefix,
                    exercise,
                    limits,
                )?,
            };
            if !verdict.passed() {
                return Ok(self.relativize(verdict));
            }
        }
        Ok(Verdict::Pass)
    }

    fn limits(&self, exercise: &Exercise) -> Limits {
        let timeout = self
            .timeout
            .unwrap_or(Duration::from_secs_f64(exercise.timeout));
        Limits {
            timeout,
            output_bytes: self.output_bytes,
            memory_bytes: self.memory_bytes,
            sandbox: self.sandbox,
        }
    }

    fn compile_error(&self, errors: Vec<build::CompileError>, compiles_with_std: bool) -> Verdict {
        let count = errors.len();
        let mut message: Vec<String> = errors
            .into_iter()
            .take(MAX_ERRORS_SHOWN)
            .map(|e| self.relative(e.rendered.trim_end()))
            .collect();
        if count > MAX_ERRORS_SHOWN {
            message.push(format!("... and {} more errors", count - MAX_ERRORS_SHOWN));
        }
        if compiles_with_std {
            message.insert(0, LOOM_UNSUPPORTED.to_string());
        }
        Verdict::CompileError {
            errors: count,
            message: message.join("\n\n"),
        }
    }

    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.display_root)
            .unwrap_or(path)
            .display()
            .to_string()
    }

    /// Paths in messages relative to the learner's workbook, as they would type them.
    fn relative(&self, text: &str) -> String {
        let root = format!("{}/", self.display_root.display());
        text.replace(&root, "")
    }

    fn relativize(&self, verdict: Verdict) -> Verdict {
        let rel = |s: String| self.relative(&s);
        match verdict {
            Verdict::TestFailed { failures, output } => Verdict::TestFailed {
                failures: failures
                    .into_iter()
                    .map(|mut f| {
                        f.message = rel(f.message);
                        f
                    })
                    .collect(),
                output: rel(output),
            },
            Verdict::Interleaving {
                model,
                message,
                location,
                steps,
                reading,
            } => Verdict::Interleaving {
                model,
                message: rel(message),
                location: location.map(rel),
                steps: steps
                    .into_iter()
                    .map(|mut s| {
                        s.location = s.location.map(rel);
                        s
                    })
                    .collect(),
                reading: reading.map(rel),
            },
            Verdict::Deadlock {
                model,
                threads,
                steps,
                reading,
            } => Verdict::Deadlock {
                model,
                threads: threads
                    .into_iter()
                    .map(|mut t| {
                        t.location = t.location.map(rel);
                        for h in &mut t.holds {
                            h.location = h.location.take().map(rel);
                        }
                        t
                    })
                    .collect(),
                steps: steps
                    .into_iter()
                    .map(|mut s| {
                        s.location = s.location.map(rel);
                        s
                    })
                    .collect(),
                reading: reading.map(rel),
            },
            Verdict::CompileFailNotMet {
                case,
                message,
                detail,
            } => Verdict::CompileFailNotMet {
                case,
                message,
                detail: rel(detail),
            },
            Verdict::Crashed { check, message } => Verdict::Crashed {
                check,
                message: rel(message),
            },
            other => other,
        }
    }
}

const LOOM_UNSUPPORTED: &str = "Your code compiles with std, but not against loom, the model \
checker this exercise uses: loom has no `static` atomics or locks (their `new` is not const), \
no `thread::scope` and no `OnceLock`. Create shared state in a function and pass it in.";
