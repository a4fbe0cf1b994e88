// Grader-owned tests for barrier_phases. The closures passed to `simulate` record what ran
// when in a `Log`, and the test reads it after `simulate` returns. Worker 0 is the slowest
// and `end_of_step` takes a few milliseconds, so a worker that does not wait is caught; and in
// one test, one step (drawn per run) has a worker or the bookkeeping far slower than the rest,
// so that only a real barrier keeps the phases apart, not a pause that is long enough for
// the usual step.
// That a step is ended exactly once is checked in `stress_*` tests, after the loom model: a
// step's ender chosen by a count bumped and then read again in two steps ends a step twice
// when two workers finish it at the same instant, which real threads do only when the OS
// preempts one between the two steps (on a busy machine): the model catches it every time.
// The other tests check that some `end_of_step` ran, never that only one did.
use super::simulate;
use ::std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use ::std::sync::{Arc, Mutex};
use ::std::time::Duration;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `simulate` must keep this signature.
    let _: fn(usize, usize, fn(usize, usize), fn(usize)) = simulate;
}

/// Steps that stall, and for how long: `Slow::NONE` for none.
#[derive(Clone, Copy)]
struct Slow {
    /// Two steps, in each of which one worker works slowly: two different workers in two
    /// different steps, so that at least one of them is not the worker that ends the step.
    work: [(usize, usize); 2],
    /// The step whose `end_of_step` is slow.
    end_step: usize,
    ms: u64,
}

impl Slow {
    const NONE: Slow = Slow {
        work: [(usize::MAX, 0); 2],
        end_step: usize::MAX,
        ms: 0,
    };
}

struct Log {
    workers: usize,
    slow: Slow,
    /// Each step must be ended exactly once (stress tests), not only at least once.
    exactly_once: bool,
    started: Vec<AtomicUsize>,
    finished: Vec<AtomicUsize>,
    ended: Vec<AtomicUsize>,
    problems: Mutex<Vec<String>>,
}

impl Log {
    fn new(workers: usize, steps: usize, slow: Slow, exactly_once: bool) -> Arc<Log> {
        let counters = || (0..steps).map(|_| AtomicUsize::new(0)).collect();
        Arc::new(Log {
            workers,
            slow,
            exactly_once,
            started: counters(),
            finished: counters(),
            ended: counters(),
            problems: Mutex::new(Vec::new()),
        })
    }

    fn problem(&self, p: String) {
        self.problems.lock().unwrap().push(p);
    }

    fn work(&self, id: usize, step: usize) {
        self.started[step].fetch_add(1, SeqCst);
        if step > 0 {
            let done = self.finished[step - 1].load(SeqCst);
            if done != self.workers {
                self.problem(::std::format!(
                    "worker {id} started step {step} when only {done} of {} workers had finished step {}",
                    self.workers,
                    step - 1
                ));
            }
            // Not ended yet (or, in a stress test, not exactly once).
            let ended = self.ended[step - 1].load(SeqCst);
            if ended == 0 || (self.exactly_once && ended != 1) {
                self.problem(::std::format!(
                    "worker {id} started step {step} before end_of_step({}) had returned",
                    step - 1
                ));
            }
        }
        // Worker 0 is the slowest: 2 ms per other worker, each step.
        ::std::thread::sleep(Duration::from_millis(2 * (self.workers - 1 - id) as u64));
        if self.slow.work.contains(&(step, id)) {
            ::std::thread::sleep(Duration::from_millis(self.slow.ms));
        }
        self.finished[step].fetch_add(1, SeqCst);
    }

    fn end_of_step(&self, step: usize) {
        let done = self.finished[step].load(SeqCst);
        if done != self.workers {
            self.problem(::std::format!(
                "end_of_step({step}) ran when only {done} of {} workers had finished step {step}",
                self.workers
            ));
        }
        // Bookkeeping takes a while: workers that do not wait for it get caught.
        ::std::thread::sleep(Duration::from_millis(5));
        if step == self.slow.end_step {
            ::std::thread::sleep(Duration::from_millis(self.slow.ms));
        }
        if self.ended[step].fetch_add(1, SeqCst) != 0 && self.exactly_once {
            self.problem(::std::format!("end_of_step({step}) ran more than once"));
        }
    }

    /// Each step ended at least once (the stress tests: exactly once, `run_exactly_once`).
    fn run(workers: usize, steps: usize) -> Arc<Log> {
        Log::run_slow(workers, steps, Slow::NONE, false)
    }

    fn run_exactly_once(workers: usize, steps: usize) -> Arc<Log> {
        Log::run_slow(workers, steps, Slow::NONE, true)
    }

    fn run_slow(workers: usize, steps: usize, slow: Slow, exactly_once: bool) -> Arc<Log> {
        let log = Log::new(workers, steps, slow, exactly_once);
        let (w, e) = (Arc::clone(&log), Arc::clone(&log));
        simulate(
            workers,
            steps,
            move |id, step| w.work(id, step),
            move |step| e.end_of_step(step),
        );
        log
    }

    fn assert_ok(&self) {
        let problems = self.problems.lock().unwrap();
        let shown: Vec<&String> = problems.iter().take(5).collect();
        ::std::assert!(
            problems.is_empty(),
            "{} problem(s), the first ones:\n{}",
            problems.len(),
            shown
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        for step in 0..self.started.len() {
            ::std::assert_eq!(
                self.finished[step].load(SeqCst),
                self.workers,
                "every worker must run step {step} once"
            );
            let ended = self.ended[step].load(SeqCst);
            if self.exactly_once {
                ::std::assert_eq!(ended, 1, "end_of_step({step}) must run exactly once");
            } else {
                ::std::assert!(ended > 0, "end_of_step({step}) must run, once");
            }
        }
    }
}

#[test]
fn four_workers_stay_in_lock_step() {
    Log::run(4, 4).assert_ok();
}

#[test]
fn two_workers_many_steps() {
    Log::run(2, 12).assert_ok();
}

#[test]
fn a_single_worker_still_ends_every_step() {
    Log::run(1, 3).assert_ok();
}

#[test]
fn zero_steps_end_nothing() {
    Log::run(3, 0).assert_ok();
}

/// Slow steps drawn per run: in two steps, one worker (a different one each time) takes far
/// longer than the others, and in a third the bookkeeping takes as long. A worker that pauses
/// instead of waiting at the barrier starts the next step too early in one of them (or ends
/// a step before a slow worker has finished it), unless its pause is that long in every
/// step, and then the steps do not fit in the time limit.
#[test]
fn unpredictable_slow_steps_hold_everyone_back() {
    const STEPS: u64 = 25;
    const WORKERS: u64 = 3;
    let mut rng = crate::__checks::Rng::new(0xba77_1e5);
    let first = rng.range(1, STEPS - 1);
    let second = (first + rng.range(1, STEPS - 2)) % (STEPS - 1) + 1;
    let who = rng.below(WORKERS);
    let slow = Slow {
        work: [
            (first as usize, who as usize),
            (second as usize, ((who + 1) % WORKERS) as usize),
        ],
        end_step: rng.range(1, STEPS - 1) as usize,
        ms: 250,
    };
    Log::run_slow(WORKERS as usize, STEPS as usize, slow, false).assert_ok();
}

/// The workers are threads that run each step side by side: in the second step, every worker's
/// `work` waits for the others' to be running too. A `simulate` that calls `work` for one
/// worker after another (on one thread, or joining each worker's thread before starting the
/// next) keeps the lock-step trivially, but runs nothing at the same time.
#[test]
fn the_workers_of_a_step_run_at_the_same_time() {
    const WORKERS: usize = 3;
    let meeting = Arc::new(crate::__checks::Rendezvous::new(WORKERS));
    let inside = Arc::clone(&meeting);
    simulate(
        WORKERS,
        2,
        move |_id, step| {
            if step == 1 {
                inside.arrive();
            }
        },
        |_step| {},
    );
    meeting.assert_parallel(&::std::format!(
        "the {WORKERS} workers' work in step 1 (one thread per worker, all running each step)"
    ));
}

/// Each step is ended exactly once, by one worker (four workers, then two over many steps),
/// after the loom model `two_workers_two_steps_in_lock_step` (see the top of this file).
#[test]
fn stress_each_step_is_ended_exactly_once() {
    Log::run_exactly_once(4, 4).assert_ok();
    Log::run_exactly_once(2, 12).assert_ok();
}
