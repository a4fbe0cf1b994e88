// Grader-owned loom models for lazy_init: two or three threads call `get_or_init` on one
// cell, every interleaving. Each `f` counts its runs: more than one is a failure. The value
// is in the cell's own `UnsafeCell`, which the shim tracks: a caller that reads it without
// acquiring the DONE that published it is reported as a data race, and a caller left asleep
// when the value is there (nobody woke it) as a deadlock. The last model has an f that
// panics (caught by its caller): the cell must go back to empty and wake its waiter.
use super::OnceCell;
use crate::std::sync::Arc;
use crate::std::sync::atomic::AtomicUsize;
use crate::std::thread;
use ::std::sync::atomic::Ordering::SeqCst;

/// The exercise's API exactly as these checks call it, never called itself.
#[allow(dead_code)]
fn api() {
    // `OnceCell::new`, `get` and `get_or_init` must keep these signatures.
    let _: fn() -> OnceCell<u64> = OnceCell::new;
    let _: fn(&OnceCell<u64>) -> ::std::option::Option<&u64> = OnceCell::get;
    let _: fn(&OnceCell<u64>, fn() -> u64) -> &u64 = OnceCell::get_or_init;
}

/// `get_or_init` with an f that counts its runs and computes `value`.
fn call(cell: &OnceCell<u64>, runs: &AtomicUsize, value: u64) -> u64 {
    *cell.get_or_init(|| {
        runs.fetch_add(1, SeqCst);
        value
    })
}

/// A caller on another thread, with its own value.
fn caller(
    cell: &Arc<OnceCell<u64>>,
    runs: &Arc<AtomicUsize>,
    value: u64,
) -> thread::JoinHandle<u64> {
    let (cell, runs) = (Arc::clone(cell), Arc::clone(runs));
    thread::spawn(move || call(&cell, &runs, value))
}

#[test]
fn step1_two_callers_run_f_once() {
    crate::std::__workbook::model(|| {
        let cell = Arc::new(OnceCell::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let other = caller(&cell, &runs, 2);
        let mine = call(&cell, &runs, 1);
        let theirs = other.join().unwrap();
        ::std::assert_eq!(
            runs.load(SeqCst),
            1,
            "two callers at once: f must run exactly once"
        );
        ::std::assert_eq!(
            mine,
            theirs,
            "both callers must get the one value in the cell"
        );
    });
}

#[test]
fn step2_get_sees_nothing_or_the_whole_value() {
    crate::std::__workbook::model(|| {
        let cell = Arc::new(OnceCell::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let other = caller(&cell, &runs, 5);
        if let ::std::option::Option::Some(&seen) = cell.get() {
            ::std::assert_eq!(seen, 5, "get gives the value f computed");
        }
        ::std::assert_eq!(
            other.join().unwrap(),
            5,
            "the only caller gets its own value"
        );
    });
}

#[test]
fn step3_three_callers_run_f_once_and_all_wake() {
    crate::std::__workbook::model(|| {
        let cell = Arc::new(OnceCell::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let others = [caller(&cell, &runs, 2), caller(&cell, &runs, 3)];
        let mine = call(&cell, &runs, 1);
        for other in others {
            ::std::assert_eq!(
                other.join().unwrap(),
                mine,
                "every caller gets the one value"
            );
        }
        ::std::assert_eq!(
            runs.load(SeqCst),
            1,
            "three callers at once: f must run exactly once"
        );
    });
}

/// One caller's f panics (caught by that caller, as a `catch_unwind` around a task would),
/// while another caller may be asleep waiting for it: the cell goes back to empty, the
/// waiter is woken and runs its own f. (A panic caught inside the model is never printed,
/// so the model's output stays its own.)
#[test]
fn step4_a_panicking_f_wakes_the_waiter_who_runs_its_own() {
    crate::std::__workbook::model(|| {
        let cell = Arc::new(OnceCell::new());
        let runs = Arc::new(AtomicUsize::new(0));
        let other = caller(&cell, &runs, 7);
        let mine = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| {
            *cell.get_or_init(|| ::std::panic!("f fails (on purpose)"))
        }));
        ::std::assert_eq!(
            other.join().unwrap(),
            7,
            "the other caller gets its own value: the panicking f left the cell empty"
        );
        if let ::std::result::Result::Ok(seen) = mine {
            ::std::assert_eq!(seen, 7, "a caller that found the value gets it");
        }
        ::std::assert_eq!(runs.load(SeqCst), 1, "the other caller's f ran once");
    });
}
