//! The loom check: every model in `tests/checks/<name>/loom.rs`, each in its own process
//! (a loom deadlock aborts the process and would take the other models with it), with the
//! exercise's preemption bound and a wall-clock limit.

use std::path::Path;
use std::process::Command;

use anyhow::Result;

use super::output::{self, Panic};
use crate::catalogue::Exercise;
use crate::explain;
use crate::harness::{EXTRA_LOOM_MODULE, LOOM_MODULE};
use crate::process::{self, Exit, Limits};
use crate::verdict::Verdict;

/// loom settings a caller's environment could set: any of them could make a model end
/// early and silently pass (max duration, permutations), or change what it explores.
const LOOM_ENV: [&str; 8] = [
    "LOOM_MAX_PREEMPTIONS",
    "LOOM_MAX_BRANCHES",
    "LOOM_MAX_DURATION",
    "LOOM_MAX_PERMUTATIONS",
    "LOOM_CHECKPOINT_FILE",
    "LOOM_CHECKPOINT_INTERVAL",
    "LOOM_LOG",
    "LOOM_LOCATION",
];

/// Runs the models of `exe` under `prefix` (the exercise's module in a crate of many
/// exercises, else empty).
pub fn check(exe: &Path, prefix: &str, exercise: &Exercise, limits: Limits) -> Result<Verdict> {
    let mut list = Command::new(exe);
    list.args(["--list", "--format", "terse"]);
    let listed = process::run(list, limits)?;
    // The shipped models first, then a teacher's extra ones (`grade --checks`).
    let mut models: Vec<(String, String)> = Vec::new();
    for module in [LOOM_MODULE, EXTRA_LOOM_MODULE] {
        let module_prefix = format!("{prefix}{module}::");
        models.extend(
            output::listed_tests(&listed.stdout)
                .into_iter()
                .filter(|t| t.starts_with(&module_prefix))
                .map(|t| (t, module_prefix.clone())),
        );
    }
    if models.is_empty() {
        return Ok(Verdict::error(format!(
            "no loom models found for `{}` (tests/checks/{}/loom.rs)",
            exercise.name, exercise.name
        )));
    }
    for (model, prefix) in models {
        let verdict = run_model(exe, &model, &prefix, exercise, limits)?;
        if !verdict.passed() {
            return Ok(verdict);
        }
    }
    Ok(Verdict::Pass)
}

fn run_model(
    exe: &Path,
    model: &str,
    prefix: &str,
    exercise: &Exercise,
    limits: Limits,
) -> Result<Verdict> {
    let mut cmd = Command::new(exe);
    cmd.args([
        "--exact",
        model,
        "--nocapture",
        "--test-threads=1",
        "--color=never",
    ]);
    for var in LOOM_ENV {
        cmd.env_remove(var);
    }
    cmd.env(
        "LOOM_MAX_PREEMPTIONS",
        exercise.loom_preemptions.to_string(),
    );
    cmd.env("LOOM_LOCATION", "1");
    cmd.env("RUST_BACKTRACE", "0");
    let out = process::run(cmd, limits)?;
    let name = model.strip_prefix(prefix).unwrap_or(model).to_string();
    if out.exit == Exit::TimedOut {
        return Ok(Verdict::LoomLimit {
            model: name,
            message: format!(
                "model checking did not finish in {} s: too many interleavings to explore, or a \
                 thread that never stops (a loop waiting for a value that never comes)",
                limits.timeout.as_secs_f64()
            ),
        });
    }
    let panics = output::panics(&out.stderr);
    match panics.first() {
        None if out.success() => Ok(Verdict::Pass),
        None => Ok(super::test::crashed(&out)),
        Some(first) => Ok(classify(name, first, &out.stderr, exercise)),
    }
}

/// The first panic of a failing model decides the verdict; later ones are loom unwinding.
/// The shim's record of the failing execution (in `stderr`) explains it.
fn classify(model: String, panic: &Panic, stderr: &str, exercise: &Exercise) -> Verdict {
    let learner_file = format!("/{}.rs", exercise.name);
    let sources = |path: &str| std::fs::read_to_string(path).ok();
    if let Some(mut threads) = output::deadlocked_threads(&panic.message) {
        let explanation = explain::explain(stderr, &learner_file, &sources, Some(&mut threads));
        return Verdict::Deadlock {
            model,
            threads,
            steps: explanation.steps,
            reading: explanation.reading,
        };
    }
    if panic
        .message
        .contains("Model exceeded maximum number of branches")
    {
        return Verdict::LoomLimit {
            model,
            message: "a thread keeps looping and the program never gets anywhere. Either a spin \
                      loop never lets the other threads run (call `std::hint::spin_loop()` or \
                      `std::thread::yield_now()` inside it), or a retry loop keeps waiting for \
                      something that cannot happen, e.g. while it still holds a lock the other \
                      thread needs (release it before retrying)"
                .into(),
        };
    }
    let location = (!panic.location.contains("/.cargo/registry/")).then(|| panic.location.clone());
    let explanation = explain::explain(stderr, &learner_file, &sources, None);
    Verdict::Interleaving {
        model,
        message: panic.message.clone(),
        location,
        steps: explanation.steps,
        reading: explanation.reading,
    }
}
