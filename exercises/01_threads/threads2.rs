// threads2: a thread that panics, and a batch that keeps going.
//
// A nightly import converts price lines from uploaded files into cents, one thread per line.
// The parser is library code you cannot change (`run_batch` takes it as `parse`: `main` passes
// `parse_cents`, another import passes its own), and like much library code it panics on
// input it cannot handle. A panic ends only the thread it happens on: the other
// threads run on, and the thread's `JoinHandle::join()` returns `Err` instead of `Ok(value)`.
// Today `run_batch` calls `unwrap()` on that `Err`, which carries the panic into the caller:
// one bad line crashes the whole import.
//
// What to do: finish `run_batch` so that a line whose thread panicked is reported in
// `failed` (its index in the input, in increasing order) and the batch carries on; the prices
// of all the other lines are added up in `total_cents`.
//
// How it is checked: tests (under a time limit) call `run_batch` with good and bad lines and a
// parser of their own. One parser waits until every line's thread is parsing at once: the
// lines must be parsed at the same time, each on its own thread (spawn them all, then join
// them; a thread joined right after it was spawned fails, after a wait). Another makes the
// threads finish last line first: `failed` must still be in increasing order.

use std::thread;

/// What a batch did: the sum of the good prices, and the indices of the lines that failed.
#[derive(Debug, PartialEq)]
pub struct BatchReport {
    pub total_cents: u64,
    pub failed: Vec<usize>,
}

/// Converts a price such as "12.50" or "7" to cents (1250, 700).
/// Panics if the line is not a price: that is the library's way of saying "bad input".
pub fn parse_cents(line: &str) -> u64 {
    let line = line.trim();
    let (units, cents) = line.split_once('.').unwrap_or((line, "00"));
    let number = |digits: &str| -> u64 {
        digits.parse().unwrap_or_else(|_| panic!("`{line}` is not a price"))
    };
    assert!(cents.len() == 2, "`{line}`: a price has two digits after the point");
    number(units) * 100 + number(cents)
}

/// Parses every line with `parse`, each on its own thread, and reports the total and the
/// lines that failed.
pub fn run_batch(lines: Vec<String>, parse: fn(&str) -> u64) -> BatchReport {
    let handles: Vec<_> =
        lines.into_iter().map(|line| thread::spawn(move || parse(&line))).collect();

    let mut report = BatchReport { total_cents: 0, failed: Vec::new() };
    for (index, handle) in handles.into_iter().enumerate() {
        // TODO: `join()` returns `Err` when the thread panicked. Record `index` in
        // `report.failed` in that case, instead of unwrapping the error into a crash.
        report.total_cents += handle.join().unwrap();
    }
    report
}

fn main() {
    let lines = vec!["12.50".to_string(), "twelve".to_string(), "0.99".to_string()];
    let report = run_batch(lines, parse_cents);
    println!("total: {} cents, failed lines: {:?}", report.total_cents, report.failed);
}
