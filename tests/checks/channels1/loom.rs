// Grader-owned loom model for channels1: when the collector stops. The real-thread tests
// (test.rs) pause the source for a few seconds; a collector that stops after a longer
// silence (`recv_timeout` of 3 s, a minute) would pass them. In a model a timed wait may time
// out at any point, as it may on real threads whatever its length (a source slower than the
// timeout): loom_std/condvar.rs. So the collector must receive until the channel closes.
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

/// Every record arrives, whenever the parser thread gets to send it: the model runs the
/// parser at every point relative to the collector, and times the collector's timed waits
/// out while the parser has not finished.
#[test]
fn every_record_arrives_however_slow_the_parser() {
    crate::std::__workbook::model(|| {
        let raw = ::std::vec!["INFO up".to_string(), "ERROR disk full".to_string()];
        let got: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
            run_pipeline(raw)
                .into_iter()
                .map(|r| (r.level, r.message))
                .collect();
        ::std::assert_eq!(
            got,
            ::std::vec![
                ("INFO".to_string(), "up".to_string()),
                ("ERROR".to_string(), "disk full".to_string())
            ],
            "the collector returned before every record arrived: it must receive until the \
             channel closes (every `Sender` dropped), not stop when none came for a while"
        );
    });
}
