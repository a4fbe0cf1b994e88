// Grader-owned tests for threads2: the report, with the checks' own parser (never the file's
// `parse_cents`), and (with a parser that waits for the other lines' threads) that the lines
// are parsed at the same time.
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
    let _: fn(::std::vec::Vec<::std::string::String>, fn(&str) -> u64) -> BatchReport = run_batch;
    // `BatchReport::total_cents` must keep this field.
    let _: fn(&BatchReport) -> &u64 = |r| &r.total_cents;
    // `BatchReport::failed` must keep this field.
    let _: fn(&BatchReport) -> &::std::vec::Vec<usize> = |r| &r.failed;
}

/// While set, panics are not printed: the jobs' panics are expected, and a panic escaping
/// `run_batch` is reported by `run` in words instead.
static QUIET: AtomicBool = AtomicBool::new(false);

/// The checks' parser, the same as the exercise's `parse_cents`: "12.50" is 1250 cents, "7" is
/// 700; anything else panics.
fn cents(line: &str) -> u64 {
    let line = line.trim();
    let (units, cents) = line.split_once('.').unwrap_or((line, "00"));
    let number = |digits: &str| -> u64 {
        digits
            .parse()
            .unwrap_or_else(|_| ::std::panic!("`{line}` is not a price"))
    };
    ::std::assert!(
        cents.len() == 2,
        "`{line}`: a price has two digits after the point"
    );
    number(units) * 100 + number(cents)
}

fn run(lines: &[&str]) -> BatchReport {
    run_with(lines, cents)
}

/// `run_batch(lines, parse)`, with the jobs' panics kept quiet; a panic that escapes
/// `run_batch` fails the check with a message that says so.
fn run_with(lines: &[&str], parse: fn(&str) -> u64) -> BatchReport {
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
    let result = panic::catch_unwind(move || run_batch(lines, parse));
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

/// A free item costs 0 cents: a good line, whose thread did not panic. A 0 is not a failure;
/// only `join()`'s `Err` says a line failed.
#[test]
fn a_free_item_is_not_a_failure() {
    let report = run(&["0.00", "oops", "1.25", "0"]);
    ::std::assert_eq!(
        report.failed,
        ::std::vec![1],
        "only line 1 is not a price; lines 0 and 3 are prices of 0 cents (free items), which \
         their threads parsed without a panic: a line failed when its `join()` returned `Err`, \
         not when its value is 0"
    );
    ::std::assert_eq!(report.total_cents, 125, "0 + 125 + 0 cents");
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

/// How many lines the witness batch has: their threads must all be parsing at once.
const TOGETHER: usize = 4;

/// Where the witness batch's lines wait for each other.
static MEETING: ::std::sync::LazyLock<crate::__checks::Rendezvous> =
    ::std::sync::LazyLock::new(|| crate::__checks::Rendezvous::new(TOGETHER));

/// The witness batch's parser: waits at `MEETING` until every line is being parsed, which
/// happens only when the lines' threads run at the same time; then parses as `cents` does (a
/// bad line panics, after the meeting).
fn meets_then_parses(line: &str) -> u64 {
    MEETING.arrive();
    cents(line)
}

/// Spawning every thread before joining any is what lets the lines meet; a thread joined
/// right after it was spawned (or parsing on the calling thread) handles the lines one after
/// another, and the meeting gives up after a wait.
#[test]
fn the_lines_are_parsed_at_the_same_time() {
    let report = run_with(&["4.00", "n/a", "0.50", "1"], meets_then_parses);
    ::std::assert_eq!(
        fields(report),
        (550, ::std::vec![1]),
        "400 + 50 + 100 cents; line 1 is not a price"
    );
    MEETING.assert_parallel(&::std::format!(
        "the {TOGETHER} lines (one thread per line: spawn them all, then join them)"
    ));
}

/// How many lines the reversed batch has, and how many of its threads have finished parsing.
const REVERSED: usize = 6;
static FINISHED: ::std::sync::Mutex<usize> = ::std::sync::Mutex::new(0);
static ONE_FINISHED: ::std::sync::Condvar = ::std::sync::Condvar::new();

/// Counts its thread as finished when dropped: when the parse returned or panicked.
struct Finishes;

impl ::core::ops::Drop for Finishes {
    fn drop(&mut self) {
        *FINISHED.lock().unwrap_or_else(|e| e.into_inner()) += 1;
        ONE_FINISHED.notify_all();
    }
}

/// The reversed batch's parser: line `i` ("i:price") waits until every later line's thread
/// has finished (for up to `PATIENCE`: lines parsed one after another give up), so that the
/// threads finish in the reverse of the input order; then parses as `cents` does.
fn finishes_in_reverse(line: &str) -> u64 {
    let (index, price) = line.split_once(':').unwrap_or(("0", line));
    let index: usize = index.parse().unwrap_or(0);
    let began = ::std::time::Instant::now();
    let mut finished = FINISHED.lock().unwrap_or_else(|e| e.into_inner());
    while *finished < REVERSED - 1 - index {
        let ::core::option::Option::Some(left) =
            crate::__checks::PATIENCE.checked_sub(began.elapsed())
        else {
            break;
        };
        finished = ONE_FINISHED
            .wait_timeout(finished, left)
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    drop(finished);
    let _finishes = Finishes;
    cents(price)
}

/// The lines' threads finish in the reverse of the input order (the last line first): a
/// report that records failures as the threads finish (say, sent back through a channel)
/// lists them backwards. `failed` holds the failed lines' indices in increasing order.
#[test]
fn failures_are_reported_in_input_order_whatever_order_the_threads_finish_in() {
    let prices = ["x", "1.00", "??", "2.50", "n/a", "0.25"];
    let lines: ::std::vec::Vec<::std::string::String> = prices
        .iter()
        .enumerate()
        .map(|(i, p)| ::std::format!("{i}:{p}"))
        .collect();
    let lines: ::std::vec::Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
    let report = run_with(&lines, finishes_in_reverse);
    ::std::assert_eq!(
        fields(report),
        (375, ::std::vec![0, 2, 4]),
        "lines 0, 2 and 4 are not prices, the others add up to 100 + 250 + 25 cents; the \
         threads finished last line first, and `failed` must still list the lines in \
         increasing order"
    );
}
