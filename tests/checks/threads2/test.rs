// Grader-owned tests for threads2.
use super::{BatchReport, run_batch};

use ::std::panic;
use ::std::sync::Once;
use ::std::sync::atomic::{AtomicBool, Ordering};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `run_batch` must keep this signature.
    let _: fn(::std::vec::Vec<::std::string::String>) -> BatchReport = run_batch;
    // `BatchReport::total_cents` must keep this field.
    let _: fn(&BatchReport) -> &u64 = |r| &r.total_cents;
    // `BatchReport::failed` must keep this field.
    let _: fn(&BatchReport) -> &::std::vec::Vec<usize> = |r| &r.failed;
}

/// While set, panics are not printed: the jobs' panics are expected, and a panic escaping
/// `run_batch` is reported by `run` in words instead.
static QUIET: AtomicBool = AtomicBool::new(false);

fn run(lines: &[&str]) -> BatchReport {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.load(Ordering::SeqCst) {
                default(info)
            }
        }));
    });
    let lines: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    QUIET.store(true, Ordering::SeqCst);
    let result = panic::catch_unwind(move || run_batch(lines));
    QUIET.store(false, Ordering::SeqCst);
    match result {
        Ok(report) => report,
        Err(_) => ::std::panic!(
            "run_batch itself panicked: a job's panic came back through `join()` and was unwrapped. \
             A failed line must be reported in `failed` while the batch carries on."
        ),
    }
}

/// What the checks compare: the fields themselves, with std's `==`, never the learner's own
/// `PartialEq` (an `eq` that is always true would make every comparison pass).
fn fields(r: BatchReport) -> (u64, ::std::vec::Vec<usize>) {
    (r.total_cents, r.failed)
}

#[test]
fn good_lines_are_added_up() {
    let report = run(&["12.50", "0.99", "3"]);
    ::std::assert_eq!(
        fields(report),
        fields(BatchReport {
            total_cents: 1649,
            failed: ::std::vec![]
        }),
        "1250 + 99 + 300 cents, no failures"
    );
}

#[test]
fn one_bad_line_is_reported_and_the_rest_counted() {
    let report = run(&["1.00", "one euro", "2.00"]);
    ::std::assert_eq!(
        report.failed,
        ::std::vec![1],
        "line 1 is not a price, so its thread panicked"
    );
    ::std::assert_eq!(
        report.total_cents,
        300,
        "the good lines 0 and 2 still count"
    );
}

#[test]
fn every_failure_is_reported_in_order() {
    let report = run(&["x", "1.00", "2.5", "3.00", "??", "0.25"]);
    ::std::assert_eq!(
        report.failed,
        ::std::vec![0, 2, 4],
        "lines 0, 2 and 4 are not prices"
    );
    ::std::assert_eq!(
        report.total_cents,
        425,
        "the good lines add up to 100 + 300 + 25 cents"
    );
}

#[test]
fn a_batch_of_bad_lines_reports_them_all() {
    let report = run(&["a", "b"]);
    ::std::assert_eq!(
        fields(report),
        fields(BatchReport {
            total_cents: 0,
            failed: ::std::vec![0, 1]
        })
    );
}

#[test]
fn an_empty_batch_is_fine() {
    ::std::assert_eq!(
        fields(run(&[])),
        fields(BatchReport {
            total_cents: 0,
            failed: ::std::vec![]
        })
    );
}
