//! The compile-fail check: trybuild cases in `tests/checks/<name>/compile_fail/` must not
//! compile against the learner's code, and those in `compile_pass/` must compile and run. The
//! compile_pass cases are the grader's own bins (built with the exercise's other targets, run
//! by its runner, judged from evidence like every check); only compile_fail goes to trybuild.
//!
//! trybuild's usual `.stderr` snapshots would embed the learner's own text (the type they
//! chose, how they laid out the struct) and reject correct answers. Instead trybuild runs
//! with `TRYBUILD=overwrite`, which accepts any compile error and writes it down, and each
//! case states what its error must contain in header comments:
//!
//! ```text
//! // expect: E0277
//! // expect: cannot be sent between threads safely
//! // message: `Token` can still be sent to another thread; it must not be `Send`.
//! ```

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread;

use anyhow::{Context, Result};

use super::evidence::{self, Ending};
use super::learner_terms::in_learner_terms;
use super::output::{self, strip_ansi};
use crate::build::scrub_env;
use crate::catalogue::{CheckMode, Exercise};
use crate::fsutil::write_if_changed;
use crate::harness::{Harness, PASS_CHECK, PassCase, TRYBUILD_BIN, TRYBUILD_CARGO_BIN};
use crate::process::{self, Exit, Limits};
use crate::verdict::Verdict;

struct Case {
    name: String,
    path: PathBuf,
    expect: Vec<String>,
    message: String,
}

/// The compile_pass bins of an exercise, as built: bin -> executable, or its first error.
#[derive(Debug, Clone, Default)]
pub struct PassBuilds {
    pub built: HashMap<String, PathBuf>,
    pub errors: HashMap<String, String>,
}

pub fn check(
    harness: &Harness,
    exercise: &Exercise,
    source: &Path,
    driver: Option<&Path>,
    started: Option<Started>,
    passes: &PassBuilds,
    limits: Limits,
) -> Result<Verdict> {
    let started = match started {
        Some(started) => started,
        None => Started::new(harness, exercise, source, limits)?,
    };
    let pass_cases = harness.pass_cases(exercise)?;
    if started.cases.is_empty() && pass_cases.is_empty() {
        return Ok(Verdict::error(format!(
            "no compile-fail cases found for `{}` (tests/checks/{}/compile_fail/)",
            exercise.name, exercise.name
        )));
    }
    if !started.cases.is_empty() {
        let started = if !matches!(started.run, Run::NotStarted) {
            started
        } else {
            let Some(driver) = driver else {
                anyhow::bail!("the trybuild driver was not built");
            };
            started.spawn(harness, driver)?
        };
        if let Some(verdict) = started.judge()? {
            return Ok(verdict);
        }
    }
    for case in &pass_cases {
        let verdict = judge_pass(case, passes, exercise, limits)?;
        if !verdict.passed() {
            return Ok(verdict);
        }
    }
    Ok(Verdict::Pass)
}

/// trybuild's run over an exercise's compile_fail cases, on a thread of its own: started
/// before the build of the exercise's targets when its driver (and that driver's cargo) are
/// built already, since the cases need nothing else the build makes; else once the build has
/// built them. Dropping it waits for the run to end: a run left going would write its cases'
/// `.stderr` files into the next check's.
pub struct Started {
    cases: Vec<Case>,
    limits: Limits,
    run: Run,
}

enum Run {
    NotStarted,
    Running(thread::JoinHandle<Result<process::Output>>),
    Ended(Result<process::Output>),
}

impl Started {
    /// The cases, written, and no run yet.
    fn new(
        harness: &Harness,
        exercise: &Exercise,
        source: &Path,
        limits: Limits,
    ) -> Result<Started> {
        Ok(Started {
            cases: write_cases(harness, exercise, source)?,
            limits: trybuild_limits(limits),
            run: Run::NotStarted,
        })
    }

    /// Starts trybuild over `exercise`'s compile_fail cases now, if it has some and the
    /// driver and its cargo are built and not older than their sources (a driver of another
    /// grader version is rebuilt by the build); None: the check starts it after the build.
    pub fn early(
        harness: &Harness,
        exercise: &Exercise,
        source: &Path,
        limits: Limits,
    ) -> Result<Option<Started>> {
        if !exercise.has(CheckMode::CompileFail) {
            return Ok(None);
        }
        let bins = harness.target_dir.join("debug");
        let fresh = |bin: &str| {
            let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
            let exe = modified(&bins.join(harness.target_name(bin)));
            let src = modified(&harness.dir.join("src").join(format!("{bin}.rs")));
            matches!((exe, src), (Some(exe), Some(src)) if exe >= src)
        };
        if !fresh(TRYBUILD_BIN) || !fresh(TRYBUILD_CARGO_BIN) {
            return Ok(None);
        }
        let started = Started::new(harness, exercise, source, limits)?;
        if started.cases.is_empty() {
            return Ok(None);
        }
        let driver = bins.join(harness.target_name(TRYBUILD_BIN));
        started.spawn(harness, &driver).map(Some)
    }

    /// Runs the driver over the cases, on a thread.
    fn spawn(mut self, harness: &Harness, driver: &Path) -> Result<Started> {
        for case in &self.cases {
            let _ = fs::remove_file(case.path.with_extension("stderr"));
        }
        let list: Vec<String> = self
            .cases
            .iter()
            .map(|c| c.path.display().to_string())
            .collect();
        let mut cmd = Command::new(driver);
        scrub_env(&mut cmd, &harness.target_dir);
        cmd.env("CARGO_MANIFEST_DIR", &harness.dir);
        cmd.env("TRYBUILD", "overwrite");
        cmd.env("WORKBOOK_CASES", list.join("\n"));
        cmd.env("RUST_BACKTRACE", "0");
        // trybuild's cargo: the real one, less the runs the cases do not need (see
        // shim/trybuild_cargo.rs). Built beside the driver; without it, the real one.
        let shim = driver.with_file_name(harness.target_name(TRYBUILD_CARGO_BIN));
        if shim.is_file() {
            cmd.env("WORKBOOK_REAL_CARGO", crate::build::cargo());
            cmd.env("CARGO", shim);
        }
        cmd.current_dir(&harness.dir);
        let limits = self.limits;
        self.run = Run::Running(thread::spawn(move || process::run(cmd, limits)));
        Ok(self)
    }

    /// Waits for the run to end, if one is going: called once the build is done, so that no
    /// learner program runs while trybuild does.
    pub fn finish(&mut self) {
        if let Run::Running(_) = self.run
            && let Run::Running(run) = std::mem::replace(&mut self.run, Run::NotStarted)
        {
            let out = run
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the thread running trybuild panicked")));
            self.run = Run::Ended(out);
        }
    }

    /// The run's outcome: the first case whose expectation it did not meet, if any.
    fn judge(mut self) -> Result<Option<Verdict>> {
        self.finish();
        let out = match std::mem::replace(&mut self.run, Run::NotStarted) {
            Run::Ended(out) => out?,
            _ => anyhow::bail!("trybuild was not started"),
        };
        if out.exit == Exit::TimedOut {
            return Ok(Some(Verdict::TimedOut {
                check: "compile-fail".into(),
                seconds: self.limits.timeout.as_secs_f64(),
                running: None,
            }));
        }
        for case in &self.cases {
            let verdict = judge_fail(case)?;
            if !verdict.passed() {
                return Ok(Some(verdict));
            }
        }
        Ok(None)
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        self.finish();
    }
}

/// trybuild compiles: it gets the build's patience, not a test's.
fn trybuild_limits(limits: Limits) -> Limits {
    Limits {
        timeout: limits.timeout.max(std::time::Duration::from_secs(300)),
        // rustc, not the learner's code, runs here: no need of a memory limit, and rustc maps
        // more address space than it uses.
        memory_bytes: None,
        // A build, not student code (compile_pass programs run sandboxed once the runner runs them).
        sandbox: None,
        ..limits
    }
}

/// A compile_pass case must compile (as the grader's own bin, built with the exercise) and
/// run to the end under the runner, with evidence like every check.
fn judge_pass(
    case: &PassCase,
    passes: &PassBuilds,
    exercise: &Exercise,
    limits: Limits,
) -> Result<Verdict> {
    let text = fs::read_to_string(&case.path)
        .with_context(|| format!("cannot read {}", case.path.display()))?;
    let message = header(&text, "// message:").join(" ");
    let message = if message.is_empty() {
        format!("the case `{}` must compile and run", case.name)
    } else {
        message
    };
    let not_met = |detail: String| Verdict::CompileFailNotMet {
        case: case.name.clone(),
        message: message.clone(),
        detail,
        ran: false,
        must_compile: true,
    };
    let ran_and_failed = |what: String| Verdict::CompileFailNotMet {
        case: case.name.clone(),
        message: message.clone(),
        detail: format!("{RAN}{what}"),
        ran: true,
        must_compile: true,
    };
    let generated = format!("src/{}.rs", case.bin);
    let in_terms = |text: &str| in_learner_terms(text, std::slice::from_ref(case));
    if let Some(error) = passes.errors.get(&case.bin) {
        let error = in_terms(&strip_ansi(error));
        return Ok(not_met(format!("{DID_NOT_COMPILE}{}", error.trim_end())));
    }
    let Some(exe) = passes.built.get(&case.bin) else {
        anyhow::bail!(
            "the compile_pass case `{}` of `{}` was not built",
            case.name,
            exercise.name
        );
    };
    let (out, nonce) = evidence::run(Command::new(exe), limits)?;
    let ending = evidence::judge(&out, &nonce, &[PASS_CHECK.to_string()]);
    // Where it failed: the learner's line when a panic was raised there, else the case's.
    let shown = |text: &str| in_terms(text);
    let learner_file = format!("/{}.rs", exercise.name);
    let panics = output::panics(&out.stderr);
    let at = panics
        .iter()
        .find(|p| p.location.contains(&learner_file))
        .or_else(|| panics.iter().find(|p| p.location.contains(&generated)))
        .map(|p| format!("\n(at {})", shown(&p.location)))
        .unwrap_or_default();
    Ok(match ending {
        Ending::Passed => Verdict::Pass,
        Ending::Failed(failures) | Ending::Inconclusive(failures) => ran_and_failed(format!(
            "{}{at}",
            failures
                .first()
                .map(|f| shown(&f.message))
                .unwrap_or_default()
        )),
        Ending::TimedOut { .. } => ran_and_failed(format!(
            "it did not finish in {} s",
            limits.timeout.as_secs_f64()
        )),
        Ending::Crashed(why) => ran_and_failed(format!("{}{at}", shown(&why))),
    })
}

/// How the detail of a compile_pass case that failed when run begins.
const RAN: &str = "The case compiled against your code, but failed when it ran: ";

/// How the detail of a compile_pass case that did not compile begins (the errors follow).
const DID_NOT_COMPILE: &str =
    "This case must compile against your code, and it does not; the compiler said:\n";

fn header(body: &str, key: &str) -> Vec<String> {
    body.lines()
        .filter_map(|l| l.trim().strip_prefix(key).map(|v| v.trim().to_string()))
        .collect()
}

fn judge_fail(case: &Case) -> Result<Verdict> {
    let Ok(stderr) = fs::read_to_string(case.path.with_extension("stderr")) else {
        return Ok(Verdict::CompileFailNotMet {
            case: case.name.clone(),
            message: case.message.clone(),
            detail: "this case compiled, and it must not".into(),
            ran: false,
            must_compile: false,
        });
    };
    let missing: Vec<&String> = case
        .expect
        .iter()
        .filter(|e| !stderr.contains(e.as_str()))
        .collect();
    if missing.is_empty() {
        return Ok(Verdict::Pass);
    }
    let first_error = in_learner_terms(
        stderr
            .lines()
            .find(|l| l.starts_with("error"))
            .unwrap_or(""),
        &[],
    );
    Ok(Verdict::CompileFailNotMet {
        case: case.name.clone(),
        message: case.message.clone(),
        detail: format!(
            "it fails to compile, but not for the expected reason (expected {}); the compiler said: {first_error}",
            missing
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        ran: false,
        must_compile: false,
    })
}

/// Copies each compile_fail case into the harness, prefixed with the learner's code in a
/// module (`mod exercise`, as in the compile_pass bins).
fn write_cases(harness: &Harness, exercise: &Exercise, source: &Path) -> Result<Vec<Case>> {
    let out_dir = harness.dir.join("cases").join(&exercise.name);
    fs::create_dir_all(&out_dir).with_context(|| format!("cannot create {}", out_dir.display()))?;
    let mut cases = Vec::new();
    let dirs = harness.check_dirs(exercise);
    let sub = "compile_fail";
    for (owner, dir) in dirs.iter().enumerate() {
        let dir = dir.join(sub);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        for file in files {
            let body = fs::read_to_string(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let stem = file
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            let message = header(&body, "// message:").join(" ");
            // A teacher's case may share a shipped case's name.
            let owner = if owner == 0 { "" } else { "teacher__" };
            let path = out_dir.join(format!("{owner}{sub}__{stem}.rs"));
            let text = format!(
                "#[allow(dead_code, unused)]\nmod exercise {{\n    include!({:?});\n}}\n#[allow(unused_imports)]\nuse exercise::*;\n\n{body}",
                source.display().to_string()
            );
            write_if_changed(&path, &text)?;
            cases.push(Case {
                name: stem.clone(),
                path,
                expect: header(&body, "// expect:"),
                message: if message.is_empty() {
                    format!("the case `{stem}` did not behave as expected")
                } else {
                    message
                },
            });
        }
    }
    Ok(cases)
}
