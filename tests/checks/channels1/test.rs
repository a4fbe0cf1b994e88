// Grader-owned tests for channels1.
use super::{LogRecord, run_pipeline};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `run_pipeline` must keep this signature.
    let _: fn(::std::vec::Vec<::std::string::String>) -> ::std::vec::Vec<LogRecord> = run_pipeline;
    // `LogRecord::level` must keep this field.
    let _: fn(&LogRecord) -> &::std::string::String = |r| &r.level;
    // `LogRecord::message` must keep this field.
    let _: fn(&LogRecord) -> &::std::string::String = |r| &r.message;
}

fn lines(raw: &[&str]) -> Vec<String> {
    raw.iter().map(|l| l.to_string()).collect()
}

/// What the checks compare: the fields themselves, with std's `==`, never the learner's own
/// `PartialEq` (an `eq` that is always true would make every comparison pass).
fn fields(
    records: ::std::vec::Vec<LogRecord>,
) -> ::std::vec::Vec<(::std::string::String, ::std::string::String)> {
    records.into_iter().map(|r| (r.level, r.message)).collect()
}

fn record(level: &str, message: &str) -> (::std::string::String, ::std::string::String) {
    (level.to_string(), message.to_string())
}

#[test]
fn every_record_arrives_in_order() {
    let raw = lines(&["INFO service started", "WARN slow disk", "ERROR disk full"]);
    ::std::assert_eq!(
        fields(run_pipeline(raw)),
        ::std::vec![
            record("INFO", "service started"),
            record("WARN", "slow disk"),
            record("ERROR", "disk full")
        ],
        "the collector must receive all three records, in the order they were sent"
    );
}

#[test]
fn comments_and_blank_lines_are_not_records() {
    let raw = lines(&[
        "# nightly run",
        "INFO start",
        "",
        "   ",
        "# end of part 1",
        "ERROR timeout",
        "#",
    ]);
    ::std::assert_eq!(
        fields(run_pipeline(raw)),
        ::std::vec![record("INFO", "start"), record("ERROR", "timeout")],
        "7 raw lines but only 2 records: receive until the channel closes, not a fixed number of times"
    );
}

#[test]
fn a_log_without_records() {
    ::std::assert_eq!(
        fields(run_pipeline(lines(&["# only a comment", ""]))),
        ::std::vec![],
        "no records, and no waiting for one"
    );
    ::std::assert_eq!(fields(run_pipeline(::std::vec::Vec::new())), ::std::vec![]);
}

#[test]
fn a_long_log() {
    let raw: Vec<String> = (0..2000)
        .map(|i| ::std::format!("INFO request {i}"))
        .collect();
    let records = run_pipeline(raw);
    ::std::assert_eq!(records.len(), 2000, "2000 records were sent");
    ::std::assert!(
        records
            .iter()
            .enumerate()
            .all(|(i, r)| r.message == ::std::format!("request {i}")),
        "records from one sender arrive in the order they were sent"
    );
}

/// How long the slow log goes quiet, well within the exercise's time limit. A collector that
/// stops after a `recv_timeout` of any length fails the loom model (loom.rs); this pause is for
/// one that measures the silence otherwise (an `Instant`, counted `try_recv`s), up to this long.
const SILENCE: ::std::time::Duration = ::std::time::Duration::from_millis(2500);

/// Lines read as they come: before the line numbered `quiet_before`, the source goes quiet for
/// `SILENCE` (a log file whose writer is busy), then goes on.
struct SlowLines {
    lines: ::std::vec::IntoIter<::std::string::String>,
    read: usize,
    quiet_before: usize,
}

impl ::core::iter::Iterator for SlowLines {
    type Item = ::std::string::String;

    fn next(&mut self) -> ::core::option::Option<::std::string::String> {
        if self.read == self.quiet_before {
            ::std::thread::sleep(SILENCE);
        }
        self.read += 1;
        self.lines.next()
    }
}

#[test]
fn records_after_a_silence_still_arrive() {
    let slow = SlowLines {
        lines: lines(&["INFO before the pause", "WARN after the pause", "ERROR last"]).into_iter(),
        read: 0,
        quiet_before: 1,
    };
    ::std::assert_eq!(
        fields(run_pipeline(slow)),
        ::std::vec![
            record("INFO", "before the pause"),
            record("WARN", "after the pause"),
            record("ERROR", "last")
        ],
        "the parser went quiet for {} ms between the first and the second line: the collector \
         must receive until the channel closes (every `Sender` dropped), not stop after a silence",
        SILENCE.as_millis()
    );
}
