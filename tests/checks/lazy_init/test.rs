// Grader-owned tests for lazy_init: on one thread, the value, `get`, a panicking initialiser
// (the cell is left empty, and the next caller runs its own) and the value's drop; a
// panicking initialiser with another thread waiting for it; then (the `stress_` tests, run
// after the loom models pass) many real threads calling `get_or_init` at once.
use super::OnceCell;
use ::std::sync::Arc;
use ::std::sync::atomic::AtomicUsize;
use ::std::sync::atomic::Ordering::SeqCst;
use ::std::sync::mpsc;
use ::std::time::Duration;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `OnceCell::new`, `get` and `get_or_init` must keep these signatures.
    let _: fn() -> OnceCell<u64> = OnceCell::new;
    let _: fn(&OnceCell<u64>) -> ::std::option::Option<&u64> = OnceCell::get;
    let _: fn(&OnceCell<u64>, fn() -> u64) -> &u64 = OnceCell::get_or_init;
}

/// How long a caller may take to return once the cell can give it a value.
const PATIENCE: Duration = Duration::from_secs(2);

/// A value that counts its drops.
struct Counted {
    value: u64,
    drops: &'static AtomicUsize,
}

impl ::core::ops::Drop for Counted {
    fn drop(&mut self) {
        self.drops.fetch_add(1, SeqCst);
    }
}

#[test]
fn the_first_call_computes_the_value_and_later_calls_reuse_it() {
    let mut rng = crate::__checks::Rng::new(0x1a2f);
    let (first, other) = (rng.range(1, 1 << 40), rng.range(1 << 40, 1 << 41));
    let cell: OnceCell<u64> = OnceCell::new();
    ::std::assert!(
        cell.get().is_none(),
        "a new cell is empty: get gives nothing"
    );
    let runs = AtomicUsize::new(0);
    let got = *cell.get_or_init(|| {
        runs.fetch_add(1, SeqCst);
        first
    });
    ::std::assert_eq!(
        got,
        first,
        "the first get_or_init returns what its f computed"
    );
    let again = cell.get_or_init(|| {
        runs.fetch_add(1, SeqCst);
        other
    });
    ::std::assert_eq!(
        *again,
        first,
        "the value is computed once: later calls get the first"
    );
    ::std::assert_eq!(runs.load(SeqCst), 1, "the second call must not run its f");
    ::std::assert_eq!(
        cell.get().copied(),
        ::std::option::Option::Some(first),
        "get gives it"
    );
    ::std::assert!(
        ::core::ptr::eq(again, cell.get_or_init(|| other)),
        "every call reaches the same value in the cell, not a copy"
    );
}

#[test]
fn the_value_is_dropped_once_with_the_cell() {
    static DROPS: AtomicUsize = AtomicUsize::new(0);
    let cell = OnceCell::new();
    ::std::assert_eq!(
        cell.get_or_init(|| Counted {
            value: 3,
            drops: &DROPS
        })
        .value,
        3
    );
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        0,
        "the cell keeps its value until it is dropped"
    );
    ::core::mem::drop(cell);
    ::std::assert_eq!(
        DROPS.load(SeqCst),
        1,
        "the cell was dropped: its value is dropped once"
    );
    let empty: OnceCell<Counted> = OnceCell::new();
    ::core::mem::drop(empty);
    ::std::assert_eq!(DROPS.load(SeqCst), 1, "an empty cell has no value to drop");
}

/// An initialiser's panic, without the panic hook's message (`resume_unwind` does not call
/// it): one on the check's own thread would be held and never printed anyway, but one on a
/// thread the check spawned would be printed, and a check failing after it must report its
/// own message, not this one.
fn fail() -> u64 {
    ::std::panic::resume_unwind(::std::boxed::Box::new("the initialiser fails (on purpose)"))
}

/// Runs `get_or_init(|| value)` on another thread; its answer, if it came within PATIENCE.
fn call_elsewhere(cell: &Arc<OnceCell<u64>>, value: u64) -> ::std::option::Option<u64> {
    let (tx, rx) = mpsc::channel();
    let cell = Arc::clone(cell);
    ::std::thread::spawn(move || {
        let _ = tx.send(*cell.get_or_init(|| value));
    });
    rx.recv_timeout(PATIENCE).ok()
}

#[test]
fn a_panicking_initialiser_leaves_the_cell_empty() {
    let cell: Arc<OnceCell<u64>> = Arc::new(OnceCell::new());
    let panicked = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
        cell.get_or_init(fail);
    }));
    ::std::assert!(
        panicked.is_err(),
        "the initialiser's panic goes on to its caller"
    );
    ::std::assert!(
        cell.get().is_none(),
        "the initialiser panicked: the cell has no value"
    );
    // The next caller runs on another thread, so that a cell stuck in RUNNING makes it wait
    // there and not here.
    let next = call_elsewhere(&cell, 7);
    ::std::assert_eq!(
        next,
        ::std::option::Option::Some(7),
        "the initialiser panicked, and {} ms later the next get_or_init had still not \
         returned: the cell is stuck in RUNNING. A panic must put it back to UNINIT, so that \
         the next caller runs its own f",
        PATIENCE.as_millis()
    );
    ::std::assert_eq!(
        cell.get().copied(),
        ::std::option::Option::Some(7),
        "get gives it"
    );
}

/// A caller is waiting (asleep) while the initialiser runs, and the initialiser panics: the
/// waiter must be woken, find the cell empty, and run its own f. The initialiser panics only
/// once the other caller is about to call `get_or_init`, and 100 ms later (time to fall asleep).
/// A `stress_` test: it runs after the models (step4 checks the same property under every
/// interleaving), so that an answer whose waiter is lost only in some schedules (the reset
/// wakes the waiters before it empties the cell) gets the models' verdict every time, not
/// this test's when the real threads happen to take that schedule.
#[test]
fn stress_a_waiter_wakes_when_the_initialiser_panics() {
    let cell: Arc<OnceCell<u64>> = Arc::new(OnceCell::new());
    let (started_tx, started) = mpsc::channel();
    let (waiting_tx, waiting) = mpsc::channel::<()>();
    let first = {
        let cell = Arc::clone(&cell);
        ::std::thread::spawn(move || {
            ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
                cell.get_or_init(|| {
                    let _ = started_tx.send(());
                    let _ = waiting.recv_timeout(PATIENCE);
                    ::std::thread::sleep(Duration::from_millis(100));
                    fail()
                });
            }))
            .is_err()
        })
    };
    started
        .recv_timeout(PATIENCE)
        .expect("the first caller never ran its f");
    let (answer_tx, answer) = mpsc::channel();
    {
        let cell = Arc::clone(&cell);
        ::std::thread::spawn(move || {
            let _ = waiting_tx.send(());
            let _ = answer_tx.send(*cell.get_or_init(|| 11));
        });
    }
    let second = answer.recv_timeout(PATIENCE).ok();
    ::std::assert!(
        first
            .join()
            .expect("the first caller's thread panicked outside its f"),
        "the initialiser's panic goes on to its caller"
    );
    ::std::assert_eq!(
        second,
        ::std::option::Option::Some(11),
        "a caller waited while the initialiser ran, and the initialiser panicked: {} ms \
         later the waiter had still not returned. The panic must put the cell back to UNINIT \
         and wake the waiters, and one of them runs its own f",
        PATIENCE.as_millis()
    );
}

/// Real threads calling `get_or_init` at the same moment: f runs once, all get its value.
#[test]
fn stress_threads_calling_at_once_run_f_once() {
    const THREADS: usize = 4;
    crate::__checks::rounds(|round| {
        let cell: Arc<OnceCell<u64>> = Arc::new(OnceCell::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let got = {
            let (cell, runs) = (Arc::clone(&cell), Arc::clone(&runs));
            crate::__checks::together(THREADS, move |i| {
                *cell.get_or_init(|| {
                    runs.fetch_add(1, SeqCst);
                    (round * THREADS + i) as u64
                })
            })
        };
        ::std::assert_eq!(
            runs.load(SeqCst),
            1,
            "round {round}: {THREADS} threads called get_or_init at once: f must run once"
        );
        ::std::assert!(
            got.iter().all(|&v| v == got[0]),
            "round {round}: every caller must get the same value, got {got:?}"
        );
    });
}
