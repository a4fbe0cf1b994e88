//! The loom check: every model in `tests/checks/<name>/loom.rs`, each in its own process
//! (a loom deadlock aborts the process and would take the other models with it), with the
//! exercise's preemption bound and a wall-clock limit, judged from the runner's evidence.

use std::path::Path;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::Result;

use super::evidence::{self, Ending};
use super::output::{self, Panic};
use crate::catalogue::Exercise;
use crate::explain;
use crate::harness::{EXTRA_LOOM_MODULE, LOOM_MODULE};
use crate::process::Limits;
use crate::verdict::Verdict;

/// loom's environment variables. The shim ignores their values (every setting is fixed in
/// code), but loom's `Builder::new()` parses them first and panics on a malformed one.
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

/// The wall-clock time of each model run, by name, in the order they ended.
pub type ModelTimes = Mutex<Vec<(String, Duration)>>;

/// How the models of one check run: how many at once, and where their times go.
#[derive(Clone, Copy)]
pub struct Pace<'a> {
    pub parallel: usize,
    pub times: Option<&'a ModelTimes>,
}

/// Runs each model of `models` (their runner names, `workbook_loom::name`) in a process of its
/// own: all of `exe`, or those of `exercise` in a crate of many exercises (`combined`).
pub fn check(
    exe: &Path,
    combined: bool,
    models: &[String],
    exercise: &Exercise,
    source: &Path,
    limits: Limits,
    pace: Pace,
) -> Result<Verdict> {
    let Pace { parallel, times } = pace;
    if models.is_empty() {
        return Ok(Verdict::error(format!(
            "no loom models found for `{}` (tests/checks/{}/loom.rs)",
            exercise.name, exercise.name
        )));
    }
    let verdicts = in_order(models.len(), parallel, |i| {
        let start = Instant::now();
        let verdict = run_model(exe, combined, &models[i], exercise, source, limits);
        if let Some(times) = times {
            times
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push((shown_name(&models[i]), start.elapsed()));
        }
        verdict
    });
    for verdict in verdicts {
        let verdict = verdict?;
        if !verdict.passed() {
            return Ok(verdict);
        }
    }
    Ok(Verdict::Pass)
}

/// Runs `run(0)`, `run(1)`, ... on up to `parallel` threads, taken in order, and returns the
/// results up to and including the first that is not a pass (an error or a failed verdict),
/// in order: the same results as running them one by one and stopping at the first failure
/// (those after it are not started once it is known, and not reported if they ran).
fn in_order(
    count: usize,
    parallel: usize,
    run: impl Fn(usize) -> Result<Verdict> + Sync,
) -> Vec<Result<Verdict>> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    // The index of the first failure known so far: no run after it is started.
    let first_failure = AtomicUsize::new(usize::MAX);
    let results: Mutex<Vec<Option<Result<Verdict>>>> =
        Mutex::new((0..count).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..parallel.clamp(1, count.max(1)) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= count || i > first_failure.load(Ordering::SeqCst) {
                        return;
                    }
                    let result = run(i);
                    if !matches!(result, Ok(ref v) if v.passed()) {
                        first_failure.fetch_min(i, Ordering::SeqCst);
                    }
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut out = Vec::new();
    for result in results.into_iter().flatten() {
        let failed = !matches!(result, Ok(ref v) if v.passed());
        out.push(result);
        if failed {
            break;
        }
    }
    out
}

/// Models are shown by their own name, without the module that holds them.
fn shown_name(model: &str) -> String {
    [LOOM_MODULE, EXTRA_LOOM_MODULE]
        .iter()
        .find_map(|m| model.strip_prefix(&format!("{m}::")))
        .unwrap_or(model)
        .to_string()
}

fn run_model(
    exe: &Path,
    combined: bool,
    model: &str,
    exercise: &Exercise,
    source: &Path,
    limits: Limits,
) -> Result<Verdict> {
    let mut cmd = Command::new(exe);
    if combined {
        cmd.args(["--exercise", &exercise.name]);
    }
    cmd.args(["--check", model]);
    // The bound travels as an argument, which nothing in the process can change: the shim's
    // model entry (loom_std/recorder.rs) sets every loom setting in code and ignores `LOOM_*`.
    cmd.args(["--loom-preemptions", &exercise.loom_preemptions.to_string()]);
    // loom's `Builder::new()` still parses these (and panics on a malformed one) before the
    // shim overwrites them: the grader's own environment must not break a model.
    for var in LOOM_ENV {
        cmd.env_remove(var);
    }
    let (out, nonce) = evidence::run(cmd, limits)?;
    let name = shown_name(model);
    let expected = [model.to_string()];
    let ending = evidence::judge(&out, &nonce, &expected);
    // A panic of the model itself is its failure, even when the process then aborted (a
    // panic while unwinding): loom's report of it is what explains the failure.
    let own_panic = evidence::panic_of(&out.stderr, &nonce, model);
    if matches!(ending, Ending::Failed(_) | Ending::Crashed(_))
        && let Some(verdict) = super::test::not_implemented("loom", &out.stderr, source)
    {
        return Ok(verdict);
    }
    match (ending, own_panic) {
        (Ending::Passed, _) => Ok(Verdict::Pass),
        (Ending::TimedOut { .. }, _) => Ok(Verdict::LoomLimit {
            model: name,
            message: format!(
                "model checking did not finish in {} s: too many interleavings to explore, or a \
                 thread that never stops (a loop waiting for a value that never comes)",
                limits.timeout.as_secs_f64()
            ),
        }),
        (Ending::Failed(_), Some(first)) | (Ending::Crashed(_), Some(first)) => {
            Ok(classify(name, &first, &out.stderr, source))
        }
        (Ending::Failed(_), None) => {
            let first = output::panics(&out.stderr)
                .into_iter()
                .next()
                .unwrap_or(Panic {
                    location: String::new(),
                    message: "the model failed without a panic message".into(),
                });
            Ok(classify(name, &first, &out.stderr, source))
        }
        // A model's threads always run one at a time: nothing of the support module's
        // overlap witness belongs in one, but its verdict stays what it said.
        (Ending::Inconclusive(failures), _) => Ok(Verdict::Inconclusive {
            check: "loom".into(),
            failures,
        }),
        (Ending::Crashed(message), None) => Ok(Verdict::Crashed {
            check: "loom".into(),
            message: format!("model `{name}`: {message}"),
        }),
    }
}

/// The first panic of a failing model decides the verdict; later ones are loom unwinding.
/// The shim's record of the failing execution (in `stderr`) explains it.
/// `source` is the learner's file as built: its own name, not the exercise's, tells its lines
/// from the checks' (an audited answer or a mutant is built from `<answer>.rs`), so that every
/// explanation says "line N" for them, as the learner reads it.
fn classify(model: String, panic: &Panic, stderr: &str, source: &Path) -> Verdict {
    let learner_file = format!(
        "/{}",
        source.file_name().unwrap_or_default().to_string_lossy()
    );
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
        let message = match explain::spinning(stderr, &learner_file, &sources) {
            Some(spin) => spin,
            None => BRANCHES.to_string(),
        };
        return Verdict::LoomLimit { model, message };
    }
    let mut location =
        (!panic.location.contains("/.cargo/registry/")).then(|| panic.location.clone());
    let mut message = panic.message.clone();
    if let Some(race) = data_race(&panic.message) {
        location = race.1;
        message = race.0;
    }
    let explanation = explain::explain(stderr, &learner_file, &sources, None);
    Verdict::Interleaving {
        model,
        message,
        location,
        steps: explanation.steps,
        reading: explanation.reading,
        serial: explanation.serial,
    }
}

/// loom gave up on a model that keeps looping, and the record names no loop.
const BRANCHES: &str = "a thread keeps looping and the program never gets anywhere. Either a \
spin loop never lets the other threads run (call `std::hint::spin_loop()` or \
`std::thread::yield_now()` inside it), or a retry loop keeps waiting for something that cannot \
happen, e.g. while it still holds a lock the other thread needs (release it before retrying)";

/// loom's report of a causality violation on an `UnsafeCell` (the shim's `std::cell`):
///
/// ```text
/// Causality violation: Concurrent read and write accesses to `UnsafeCell`.
///     created: src/x.rs:10:5
///        read: thread #1 @ src/x.rs:20:9
///       write: thread #0 @ src/x.rs:30:9
/// ```
///
/// as the verdict's message (both threads and lines) and location (the access loom stopped
/// at, the last one listed). None when the message is not one.
fn data_race(message: &str) -> Option<(String, Option<String>)> {
    let mut lines = message.lines();
    let head = lines.next()?;
    if !head.starts_with("Causality violation:") {
        return None;
    }
    let mut created = None;
    let mut accesses = Vec::new();
    for line in lines {
        let Some((key, value)) = line.trim().split_once(": ") else {
            continue;
        };
        if key == "created" {
            created = Some(value.to_string());
        } else if let Some((thread, at)) = value.split_once(" @ ") {
            let thread = thread.trim_start_matches("thread #");
            accesses.push((thread.to_string(), at.to_string()));
        } else {
            accesses.push((
                value.trim_start_matches("thread #").to_string(),
                String::new(),
            ));
        }
    }
    // Named as the steps name them (loom's thread 0 is the model's main thread).
    let shown = |(thread, at): &(String, String)| {
        let thread = match thread.parse() {
            Ok(n) => explain::record::thread_label(n),
            Err(_) => format!("thread {thread}"),
        };
        if at.is_empty() {
            thread
        } else {
            format!("{thread} at {at}")
        }
    };
    let what = created.map_or_else(
        || "an UnsafeCell".to_string(),
        |c| format!("the UnsafeCell created at {c}"),
    );
    let text = match accesses.as_slice() {
        [one, two] => format!(
            "data race on {what}: {} and {} access it, and neither access is ordered before the \
             other (no Release write read by an Acquire read, no lock, no join between them)",
            shown(one),
            shown(two)
        ),
        _ => format!(
            "data race on {what}: {}",
            head.trim_start_matches("Causality violation: ")
        ),
    };
    let location = accesses
        .last()
        .map(|(_, at)| at.clone())
        .filter(|at| !at.is_empty());
    Some((text, location))
}

#[cfg(test)]
mod tests {
    use super::{data_race, in_order};
    use crate::verdict::Verdict;

    #[test]
    fn models_side_by_side_give_the_one_by_one_results() {
        let fail = |i: usize| Verdict::error(format!("model {i}"));
        for parallel in 1..=4 {
            // Model 3 fails (5 and 6 fail too, but after it): the results stop at 3.
            let ran = std::sync::Mutex::new(Vec::new());
            let got = in_order(8, parallel, |i| {
                ran.lock().unwrap().push(i);
                std::thread::sleep(std::time::Duration::from_millis(5 * (8 - i as u64)));
                Ok(if [3, 5, 6].contains(&i) {
                    fail(i)
                } else {
                    Verdict::Pass
                })
            });
            let got: Vec<Verdict> = got.into_iter().map(|r| r.unwrap()).collect();
            assert_eq!(got, [Verdict::Pass, Verdict::Pass, Verdict::Pass, fail(3)]);
            // One by one, nothing after the failure starts (side by side, a model may have
            // been started before the failure was known: its result is not reported).
            if parallel == 1 {
                assert_eq!(ran.into_inner().unwrap(), [0, 1, 2, 3]);
            }
        }
        assert!(in_order(0, 2, |_| Ok(Verdict::Pass)).is_empty());
    }

    #[test]
    fn a_causality_violation_names_both_threads_and_lines() {
        let message = "Causality violation: Concurrent read and write accesses to `UnsafeCell`.\n    \
                       created: src/spsc_ring.rs:49:25\n       read: thread #1 @ \
                       src/spsc_ring.rs:89:31\n      write: thread #0 @ src/spsc_ring.rs:69:9";
        let (text, location) = data_race(message).expect("a data race");
        assert_eq!(
            text,
            "data race on the UnsafeCell created at src/spsc_ring.rs:49:25: thread 1 at \
             src/spsc_ring.rs:89:31 and main at src/spsc_ring.rs:69:9 access it, and \
             neither access is ordered before the other (no Release write read by an Acquire \
             read, no lock, no join between them)"
        );
        assert_eq!(location.as_deref(), Some("src/spsc_ring.rs:69:9"));
        assert_eq!(data_race("assertion `left == right` failed"), None);
    }
}
