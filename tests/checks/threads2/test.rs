// Grader-owned tests for threads2.
use super::*;

use std::panic;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

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
        Err(_) => panic!(
            "run_batch itself panicked: a job's panic came back through `join()` and was unwrapped. \
             A failed line must be reported in `failed` while the batch carries on."
        ),
    }
}

#[test]
fn good_lines_are_added_up() {
    let report = run(&["12.50", "0.99", "3"]);
    assert_eq!(
        report,
        BatchReport {
            total_cents: 1649,
            failed: vec![]
        },
        "1250 + 99 + 300 cents, no failures"
    );
}

#[test]
fn one_bad_line_is_reported_and_the_rest_counted() {
    let report = run(&["1.00", "one euro", "2.00"]);
    assert_eq!(
        report.failed,
        vec![1],
        "line 1 is not a price, so its thread panicked"
    );
    assert_eq!(
        report.total_cents, 300,
        "the good lines 0 and 2 still count"
    );
}

#[test]
fn every_failure_is_reported_in_order() {
    let report = run(&["x", "1.00", "2.5", "3.00", "??", "0.25"]);
    assert_eq!(
        report.failed,
        vec![0, 2, 4],
        "lines 0, 2 and 4 are not prices"
    );
    assert_eq!(
        report.total_cents, 425,
        "the good lines add up to 100 + 300 + 25 cents"
    );
}

#[test]
fn a_batch_of_bad_lines_reports_them_all() {
    let report = run(&["a", "b"]);
    assert_eq!(
        report,
        BatchReport {
            total_cents: 0,
            failed: vec![0, 1]
        }
    );
}

#[test]
fn an_empty_batch_is_fine() {
    assert_eq!(
        run(&[]),
        BatchReport {
            total_cents: 0,
            failed: vec![]
        }
    );
}
