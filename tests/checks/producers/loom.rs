// Grader-owned loom model for producers: when the aggregator stops. The real-thread tests
// (test.rs) pause a server for a few seconds; an aggregator that stops after a longer
// silence (`recv_timeout` of 3 s, a minute) would pass them. In a model a timed wait may time
// out at any point, as it may on real threads whatever its length (a server slower than the
// timeout): loom_std/condvar.rs. So the aggregator must receive until the channel closes.
use super::merge_logs;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `merge_logs` must keep this signature.
    let _: fn(
        ::std::vec::Vec<::std::vec::Vec<::std::string::String>>,
    ) -> ::std::vec::Vec<(usize, ::std::string::String)> = merge_logs;
}

/// Every line of both servers arrives, whenever their producers get to send it: the model
/// runs the producers at every point relative to the aggregator, and times the aggregator's
/// timed waits out while a producer has not finished.
#[test]
fn every_line_arrives_however_slow_the_servers() {
    crate::std::__workbook::model(|| {
        let servers = ::std::vec![
            ::std::vec!["GET /".to_string()],
            ::std::vec!["POST /login".to_string()],
        ];
        let mut got = merge_logs(servers);
        got.sort();
        ::std::assert_eq!(
            got,
            ::std::vec![(0, "GET /".to_string()), (1, "POST /login".to_string())],
            "the aggregator returned before every line arrived: it must receive until the \
             channel closes (every `Sender` dropped), not stop when none came for a while"
        );
    });
}
