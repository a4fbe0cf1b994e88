//! Checking one exercise: build, then each check mode in turn, stopping at the first that
//! fails. Checks return verdicts; they never print.

mod compile_fail;
pub mod evidence;
mod learner_terms;
mod loom;
pub mod output;
pub mod seed;
mod test;

pub use compile_fail::PassBuilds;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::build::{self, Build, MAX_ERRORS_SHOWN};
use crate::catalogue::{CheckMode, Exercise};
use crate::harness::Harness;
use crate::process::Limits;
use crate::verdict::{Outcome, Verdict};

/// Cold builds of loom and trybuild take ~30-60 s on two cores; a learner's own code can
/// make rustc slow too, but not this slow.
pub const COLD_BUILD_TIMEOUT: Duration = Duration::from_secs(900);

/// The executables an exercise's checks run. `combined`: they hold many exercises (grading),
/// and each run names its exercise (`--exercise NAME`): one process per exercise all the same.
#[derive(Debug, Clone)]
pub struct Targets {
    pub std: PathBuf,
    pub loom: Option<PathBuf>,
    pub trybuild: Option<PathBuf>,
    pub passes: PassBuilds,
    pub combined: bool,
}

pub use loom::ModelTimes;

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
    /// How many loom models of one exercise may run at once: a save's verdict comes sooner
    /// on a machine with cores to spare. Grading sets 1: it already grades a submission per
    /// core, and every limit is wall-clock time.
    pub parallel: usize,
    /// The checks' seed (`--seed`); None draws a fresh one for every run (`seed.rs`).
    pub seed: Option<u64>,
    /// The time each stress test may take (`--stress-ms` to the runner); None: the checks'
    /// own (`checks_support.rs`'s `FOR`, 400 ms), as grading and the audit use.
    pub stress_budget: Option<Duration>,
    /// Where each loom model's wall-clock time goes when an author asks (`dev check` prints
    /// them); None for every learner-facing command.
    pub model_times: Option<std::sync::Arc<loom::ModelTimes>>,
}

/// The stress budget of a learner's save (watch, run): a stress test is the models'
/// property on real threads, there to fail code that behaves otherwise only when not
/// model-checked; in the save loop a shorter run keeps the verdict quick, and grading runs
/// the full budget.
pub const SAVE_STRESS_BUDGET: Duration = Duration::from_millis(150);

impl Checker {
    pub fn new(harness: Harness, display_root: &Path) -> Checker {
        Checker {
            harness,
            display_root: display_root.to_path_buf(),
            timeout: None,
            memory_bytes: None,
            output_bytes: 256 * 1024,
            build_timeout: COLD_BUILD_TIMEOUT,
            sandbox: crate::sandbox::auto(),
            parallel: std::thread::available_parallelism().map_or(1, |n| n.get().min(4)),
            seed: None,
            stress_budget: None,
            model_times: None,
        }
    }

    /// Checks `exercise` compiled from `source` in targets already built.
    pub fn check_built(&self, exercise: &Exercise, source: &Path, targets: &Targets) -> Outcome {
        let start = Instant::now();
        let verdict = self.relativize(
            self.run_built(exercise, source, targets)
                .unwrap_or_else(|e| Verdict::error(format!("{e:#}"))),
        );
        Outcome {
            exercise: exercise.name.clone(),
            verdict,
            duration: start.elapsed(),
        }
    }

    /// Checks `exercise` compiled from `source` (the harness's package must be prepared for
    /// it: `Harness::prepare_package` or `prepare`; the exercise's own targets are written
    /// here, from the file as it is now).
    pub fn check(&self, exercise: &Exercise, source: &Path) -> Outcome {
        let start = Instant::now();
        let verdict = if source.is_file() {
            match gate(exercise, source) {
                Ok(()) => self
                    .harness
                    .refresh(exercise, source)
                    .and_then(|()| self.run_checks(exercise, source))
                    .unwrap_or_else(|e| Verdict::error(format!("{e:#}"))),
                Err(refused) => refused,
            }
        } else {
            Verdict::error(format!("{} is missing", self.shown(source)))
        };
        let verdict = self.relativize(verdict);
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
        let pass_cases = self.harness.pass_cases(exercise)?;
        let pass_bins: Vec<String> = pass_cases.iter().map(|c| c.bin.clone()).collect();
        if exercise.has(CheckMode::CompileFail) {
            bins.push(crate::harness::TRYBUILD_BIN.to_string());
            bins.push(crate::harness::TRYBUILD_CARGO_BIN.to_string());
            bins.extend(pass_bins.iter().cloned());
        }
        // trybuild's cases need only its driver: when that is built already, trybuild runs
        // beside the build (and ends before any check runs the learner's code). If it cannot
        // start, the check starts it after the build (and says why if it fails again).
        let mut early =
            compile_fail::Started::early(&self.harness, exercise, source, self.limits(exercise))
                .unwrap_or(None);
        // A loom exercise's std tests that run before its models start as soon as their target
        // is built, while the loom target still builds (it takes longer: it links loom's
        // crates); their verdict is used only once the build is known to have succeeded.
        let std_first = self.std_tests_first(exercise)?;
        let limits = self.limits(exercise);
        let (build, std_verdict) = std::thread::scope(|scope| {
            let mut std_run = None;
            let build = build::build_streaming(
                &self.harness,
                &bins,
                self.build_timeout,
                &mut |bin, exe| {
                    let Some((plain, split)) = &std_first else {
                        return;
                    };
                    if bin != std_bin || std_run.is_some() {
                        return;
                    }
                    let exe = exe.to_path_buf();
                    std_run = Some(scope.spawn(move || {
                        test::check(
                            &exe,
                            None,
                            source,
                            plain,
                            *split,
                            self.stress_budget,
                            limits,
                        )
                    }));
                },
            );
            let std_verdict = std_run.map(|run| {
                run.join()
                    .unwrap_or_else(|_| Err(anyhow::anyhow!("the std tests' thread panicked")))
            });
            (build, std_verdict)
        });
        let build = build?;
        if let Some(early) = &mut early {
            early.finish();
        }
        let (exes, pass_errors) = match build {
            Build::Built(exes) => (exes, Vec::new()),
            // Only compile_pass cases failed: that is those cases' verdict, not a compile error.
            Build::Rejected {
                errors,
                failed_targets,
                built,
            } if failed_targets.iter().all(|t| pass_bins.contains(t)) => (built, errors),
            Build::Rejected {
                errors,
                failed_targets,
                ..
            } => {
                // Code that compiles with std but not against loom needs its own explanation.
                let std_ok = !failed_targets.contains(&std_bin);
                return Ok(self.compile_error(errors, std_ok, &pass_cases));
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
            passes: pass_builds(
                &pass_bins,
                &exes,
                &learner_terms::errors_in_learner_terms(pass_errors, &pass_cases),
            ),
            combined: false,
        };
        // Built as run from: the std tests' verdict stands for the target built.
        let std_verdict = std_verdict.filter(|_| exes.get(&std_bin) == Some(&targets.std));
        self.run_started(exercise, source, &targets, early, std_verdict)
    }

    /// The std tests of a loom exercise (all but its stress tests) when they are its first
    /// check to run, before its models: they may start before the loom target is built.
    /// None for any other exercise (a compile-fail one starts trybuild beside the build).
    fn std_tests_first(&self, exercise: &Exercise) -> anyhow::Result<Option<StdTests>> {
        if !exercise.has(CheckMode::Loom) || exercise.has(CheckMode::CompileFail) {
            return Ok(None);
        }
        let first = exercise
            .checks
            .iter()
            .find(|m| matches!(m, CheckMode::Run | CheckMode::Test | CheckMode::Loom));
        if !matches!(first, Some(CheckMode::Run | CheckMode::Test)) {
            return Ok(None);
        }
        let (stress, plain) = self.std_checks(exercise)?;
        let split = (!stress.is_empty()).then_some(false);
        Ok((!plain.is_empty()).then_some((plain, split)))
    }

    /// The std checks of `exercise`: (its stress tests, which run after a loom exercise's
    /// models, the others).
    fn std_checks(&self, exercise: &Exercise) -> anyhow::Result<(Vec<String>, Vec<String>)> {
        Ok(self
            .harness
            .expected_checks(exercise, false)?
            .into_iter()
            .partition(|name| exercise.has(CheckMode::Loom) && is_stress(name)))
    }

    /// Runs the checks of `exercise` on already built targets.
    pub fn run_built(
        &self,
        exercise: &Exercise,
        source: &Path,
        targets: &Targets,
    ) -> anyhow::Result<Verdict> {
        self.run_started(exercise, source, targets, None, None)
    }

    /// `run_built`, with trybuild's run over the compile_fail cases already started.
    fn run_started(
        &self,
        exercise: &Exercise,
        source: &Path,
        targets: &Targets,
        mut trybuild: Option<compile_fail::Started>,
        mut std_verdict: Option<anyhow::Result<Verdict>>,
    ) -> anyhow::Result<Verdict> {
        let limits = self.limits(exercise);
        let missing =
            |what: &str| anyhow::anyhow!("the {what} target of `{}` was not built", exercise.name);
        // A loom exercise's stress tests (`stress_*` in test.rs: the models' property on real
        // threads) run after its models: a bug both can find gets loom's explained verdict
        // every time, and the stress tests fail code that passes only while model-checked.
        let (stress, plain) = self.std_checks(exercise)?;
        let split = (!stress.is_empty()).then_some(false);
        let std_exercise = targets.combined.then_some(exercise.name.as_str());
        for mode in &exercise.checks {
            let verdict = match mode {
                CheckMode::Run | CheckMode::Test => {
                    // One executable serves both (run mode adds a check that calls main).
                    if *mode == CheckMode::Run && exercise.has(CheckMode::Test) {
                        continue;
                    }
                    if plain.is_empty() && !stress.is_empty() {
                        continue;
                    }
                    // Already run, beside the build (`run_checks`).
                    if let Some(verdict) = std_verdict.take() {
                        verdict?
                    } else {
                        test::check(
                            &targets.std,
                            std_exercise,
                            source,
                            &plain,
                            split,
                            self.stress_budget,
                            limits,
                        )?
                    }
                }
                CheckMode::CompileFail => compile_fail::check(
                    &self.harness,
                    exercise,
                    source,
                    targets.trybuild.as_deref(),
                    trybuild.take(),
                    &targets.passes,
                    limits,
                )?,
                CheckMode::Loom => loom::check(
                    targets.loom.as_deref().ok_or_else(|| missing("loom"))?,
                    targets.combined,
                    &self.harness.expected_checks(exercise, true)?,
                    exercise,
                    source,
                    limits,
                    loom::Pace {
                        parallel: self.parallel,
                        times: self.model_times.as_deref(),
                    },
                )?,
            };
            if !verdict.passed() {
                return Ok(verdict);
            }
        }
        if !stress.is_empty() {
            return test::check(
                &targets.std,
                std_exercise,
                source,
                &stress,
                Some(true),
                self.stress_budget,
                limits,
            );
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
            seed: self.seed,
            libraries: None,
        }
    }

    /// The build's errors, those of compile_pass bins among them (their cases built with the
    /// exercise) in the learner's terms: the case's file, the learner's item names.
    fn compile_error(
        &self,
        errors: Vec<build::CompileError>,
        compiles_with_std: bool,
        pass_cases: &[crate::harness::PassCase],
    ) -> Verdict {
        let count = errors.len();
        let mut message: Vec<String> = errors
            .into_iter()
            .take(MAX_ERRORS_SHOWN)
            .map(|e| {
                self.relative(&learner_terms::in_learner_terms(
                    e.rendered.trim_end(),
                    pass_cases,
                ))
            })
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

    /// Paths in messages relative to the learner's workbook, as they would type them, and no
    /// absolute path of the grader's own (its scratch, build and target directories, the
    /// checks a teacher keeps elsewhere): a student's feedback shows none of them.
    fn relative(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (prefix, shown) in self.path_map() {
            text = text.replace(&prefix, &shown);
        }
        text
    }

    /// (absolute directory with a trailing `/`, what to show instead), most specific first.
    fn path_map(&self) -> Vec<(String, String)> {
        let h = &self.harness;
        let mut map: Vec<(PathBuf, &str)> = vec![
            (h.copies_dir(false), "tests/checks"),
            (h.copies_dir(true), TEACHER_CHECKS),
            (h.checks_dir.clone(), "tests/checks"),
            (self.display_root.clone(), ""),
            (h.dir.clone(), ""),
            (h.target_dir.clone(), "target"),
        ];
        if let Some(extra) = &h.extra_checks_dir {
            map.push((extra.clone(), TEACHER_CHECKS));
        }
        // The scratch directory holding every harness (`<scratch>/harness/<set>`).
        if let Some(scratch) = h.dir.parent().and_then(Path::parent) {
            map.push((scratch.to_path_buf(), ""));
        }
        let mut map: Vec<(String, String)> = map
            .into_iter()
            .filter(|(dir, _)| dir.is_absolute() && dir.parent().is_some())
            .map(|(dir, shown)| {
                let shown = if shown.is_empty() {
                    String::new()
                } else {
                    format!("{shown}/")
                };
                (format!("{}/", dir.display()), shown)
            })
            .collect();
        map.sort_by_key(|(prefix, _)| std::cmp::Reverse(prefix.len()));
        map
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
            Verdict::Inconclusive { check, failures } => Verdict::Inconclusive {
                check,
                failures: failures
                    .into_iter()
                    .map(|mut f| {
                        f.message = rel(f.message);
                        f
                    })
                    .collect(),
            },
            Verdict::Interleaving {
                model,
                message,
                location,
                steps,
                reading,
                serial,
            } => Verdict::Interleaving {
                serial,
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
                ran,
                must_compile,
            } => Verdict::CompileFailNotMet {
                case,
                message,
                detail: rel(detail),
                ran,
                must_compile,
            },
            Verdict::Crashed { check, message } => Verdict::Crashed {
                check,
                message: rel(message),
            },
            Verdict::NotImplemented {
                check,
                location,
                macro_name,
            } => Verdict::NotImplemented {
                check,
                location: rel(location),
                macro_name,
            },
            Verdict::CompileError { errors, message } => Verdict::CompileError {
                errors,
                message: rel(message),
            },
            Verdict::LoomLimit { model, message } => Verdict::LoomLimit {
                model,
                message: rel(message),
            },
            Verdict::Error { message } => Verdict::Error {
                message: rel(message),
            },
            Verdict::Rejected { message } => Verdict::Rejected {
                message: rel(message),
            },
            Verdict::TimedOut {
                check,
                seconds,
                running,
            } => Verdict::TimedOut {
                check,
                seconds,
                running: running.map(rel),
            },
            Verdict::Pass => Verdict::Pass,
        }
    }
}

/// The gate, before anything is built: a refusal is the verdict (the checks' result could
/// not be trusted), so nothing of the file is compiled or run.
fn gate(exercise: &Exercise, source: &Path) -> Result<(), Verdict> {
    let text = std::fs::read_to_string(source)
        .map_err(|e| Verdict::error(format!("cannot read the exercise file: {e}")))?;
    match crate::gate::inspect(&text, &exercise.allow) {
        Ok(_) => Ok(()),
        Err(refusal) => Err(Verdict::Rejected {
            message: refusal.to_string(),
        }),
    }
}

/// A loom exercise's std tests run before its models: their names, and whether the run leaves
/// out stress tests (`test::check`'s `stress`).
type StdTests = (Vec<String>, Option<bool>);

/// How messages name a teacher's extra checks (`grade --checks DIR`), wherever they live.
const TEACHER_CHECKS: &str = "teacher-checks";

/// The compile_pass bins as built: each one's executable, or the first error of its build.
pub fn pass_builds(
    bins: &[String],
    exes: &std::collections::HashMap<String, PathBuf>,
    errors: &[build::CompileError],
) -> PassBuilds {
    let mut passes = PassBuilds::default();
    for bin in bins {
        if let Some(exe) = exes.get(bin) {
            passes.built.insert(bin.clone(), exe.clone());
        } else if let Some(e) = errors
            .iter()
            .find(|e| e.target.as_deref() == Some(bin.as_str()))
            .or(errors.first())
        {
            passes.errors.insert(bin.clone(), e.rendered.clone());
        }
    }
    passes
}

const LOOM_UNSUPPORTED: &str = "Your code compiles with std, but not against loom, the model \
checker this exercise uses: loom has no `static` atomics or locks (their `new` is not const) \
and no `OnceLock`. Create shared state in a function and pass it in.";

/// A stress test: a check whose own name starts with `stress_` (the runner's rule too).
fn is_stress(check: &str) -> bool {
    check
        .rsplit("::")
        .next()
        .is_some_and(|n| n.starts_with("stress_"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::TestFailure;

    /// A grading checker: the teacher's workbook, a submission's copies in scratch, a
    /// teacher's hidden checks elsewhere, a shared target directory.
    fn grading_checker() -> Checker {
        let scratch = Path::new("/srv/course/target/workbook");
        let harness = Harness::new(scratch, "grade-0", Path::new("/srv/course/tests/checks"))
            .with_extra_checks(Some(PathBuf::from("/home/teacher/hidden")));
        Checker::new(harness, &scratch.join("grade/slot-0/copies"))
    }

    #[test]
    fn no_grader_path_reaches_a_students_message() {
        let checker = grading_checker();
        let h = &checker.harness;
        let message = format!(
            "at {}/threads1/test.rs:9:5\nsee {}/threads1/test.rs:3:1 and {}/threads1/test.rs:4:1\n\
             in {}/exercises/01_threads/threads1.rs:5:9, built in {}/src/threads1.rs:2:1 \
             from {}/debug/threads1 (scratch {}/grade/slot-0/lock) \
             and {}/threads1/test.rs:1:1",
            h.copies_dir(false).display(),
            h.copies_dir(true).display(),
            h.checks_dir.display(),
            checker.display_root.display(),
            h.dir.display(),
            h.target_dir.display(),
            "/srv/course/target/workbook",
            "/home/teacher/hidden",
        );
        let verdict = checker.relativize(Verdict::TestFailed {
            failures: vec![TestFailure {
                test: "workbook_tests::a".into(),
                message: message.clone(),
            }],
            output: String::new(),
        });
        let Verdict::TestFailed { failures, .. } = verdict else {
            unreachable!()
        };
        let shown = &failures[0].message;
        assert!(
            !shown.contains("/srv/") && !shown.contains("/home/"),
            "{shown}"
        );
        assert!(
            shown.starts_with("at tests/checks/threads1/test.rs:9:5\n"),
            "{shown}"
        );
        assert!(
            shown.contains(
                "see teacher-checks/threads1/test.rs:3:1 and tests/checks/threads1/test.rs:4:1"
            ),
            "{shown}"
        );
        assert!(
            shown.contains("in exercises/01_threads/threads1.rs:5:9"),
            "{shown}"
        );
        for verdict in [
            Verdict::error(message.clone()),
            Verdict::Crashed {
                check: "test".into(),
                message: message.clone(),
            },
            Verdict::CompileError {
                errors: 1,
                message: message.clone(),
            },
        ] {
            let shown = format!("{:?}", checker.relativize(verdict));
            assert!(
                !shown.contains("/srv/") && !shown.contains("/home/"),
                "{shown}"
            );
        }
    }
}
