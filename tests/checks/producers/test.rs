// Grader-owned tests for producers.
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

fn servers(lines: &[&[&str]]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|s| s.iter().map(|l| l.to_string()).collect())
        .collect()
}

/// The lines of one server, in the order they arrived.
fn lines_of(merged: &[(usize, String)], server: usize) -> Vec<&str> {
    merged
        .iter()
        .filter(|(s, _)| *s == server)
        .map(|(_, l)| l.as_str())
        .collect()
}

#[test]
fn every_line_of_every_server_arrives() {
    let merged = merge_logs(servers(&[
        &["GET /", "GET /about"],
        &["POST /login"],
        &["GET /health", "GET /metrics"],
    ]));
    ::std::assert_eq!(merged.len(), 5, "five lines were sent in all");
    ::std::assert_eq!(lines_of(&merged, 0), ::std::vec!["GET /", "GET /about"]);
    ::std::assert_eq!(lines_of(&merged, 1), ::std::vec!["POST /login"]);
    ::std::assert_eq!(
        lines_of(&merged, 2),
        ::std::vec!["GET /health", "GET /metrics"]
    );
}

#[test]
fn a_quiet_server_sends_nothing() {
    let merged = merge_logs(servers(&[&[], &["GET /"], &[]]));
    ::std::assert_eq!(
        merged,
        ::std::vec![(1, "GET /".to_string())],
        "only server 1 had a line"
    );
}

#[test]
fn no_servers_no_lines() {
    ::std::assert_eq!(
        merge_logs(Vec::<Vec<String>>::new()),
        ::std::vec![],
        "with no producers, the channel closes at once"
    );
}

#[test]
fn many_busy_servers_keep_their_own_order() {
    let input: Vec<Vec<String>> = (0..8)
        .map(|s| {
            (0..300)
                .map(|i| ::std::format!("server {s} request {i}"))
                .collect()
        })
        .collect();
    let merged = merge_logs(input.clone());
    ::std::assert_eq!(merged.len(), 8 * 300, "8 servers sent 300 lines each");
    for (s, sent) in input.iter().enumerate() {
        let received = lines_of(&merged, s);
        ::std::assert!(
            received.iter().copied().eq(sent.iter().map(String::as_str)),
            "the lines of server {s} must arrive in the order that server sent them"
        );
    }
}

/// A server's lines, read as they come: `before_first` runs when its first line is asked for,
/// and before the line numbered `quiet_before` it goes quiet for `SILENCE`.
struct Source {
    lines: ::std::vec::IntoIter<String>,
    read: usize,
    before_first: ::core::option::Option<::std::sync::Arc<crate::__checks::Rendezvous>>,
    quiet_before: ::core::option::Option<usize>,
}

impl Source {
    fn new(lines: Vec<String>) -> Source {
        Source {
            lines: lines.into_iter(),
            read: 0,
            before_first: ::core::option::Option::None,
            quiet_before: ::core::option::Option::None,
        }
    }
}

impl ::core::iter::Iterator for Source {
    type Item = String;

    fn next(&mut self) -> ::core::option::Option<String> {
        if self.read == 0
            && let ::core::option::Option::Some(meeting) = &self.before_first
        {
            meeting.arrive();
        }
        if self.quiet_before == ::core::option::Option::Some(self.read) {
            ::std::thread::sleep(SILENCE);
        }
        self.read += 1;
        self.lines.next()
    }
}

/// How long the slow server goes quiet: longer than any timeout an aggregator that stops
/// after a silence would plausibly pick (`recv_timeout` of 100 ms, 500 ms, 1 s, 2 s), and
/// well within the exercise's time limit.
const SILENCE: ::std::time::Duration = ::std::time::Duration::from_millis(2500);

/// Four servers whose first lines wait for each other: only producers that run at the same
/// time all get there. Reading the servers one after another (on the calling thread, or a
/// producer joined right after it was spawned) fails after a wait.
#[test]
fn the_servers_are_read_at_the_same_time() {
    const TOGETHER: usize = 4;
    let meeting = ::std::sync::Arc::new(crate::__checks::Rendezvous::new(TOGETHER));
    let input: Vec<Vec<String>> = (0..TOGETHER)
        .map(|s| {
            (0..3)
                .map(|i| ::std::format!("server {s} request {i}"))
                .collect()
        })
        .collect();
    let sources: Vec<Source> = input
        .iter()
        .map(|lines| Source {
            before_first: ::core::option::Option::Some(::std::sync::Arc::clone(&meeting)),
            ..Source::new(lines.clone())
        })
        .collect();
    let merged = merge_logs(sources);
    meeting.assert_parallel(&::std::format!(
        "the {TOGETHER} servers (one producer thread each, all running while the aggregator receives)"
    ));
    for (s, sent) in input.iter().enumerate() {
        ::std::assert!(
            lines_of(&merged, s)
                .iter()
                .copied()
                .eq(sent.iter().map(String::as_str)),
            "every line of server {s} must arrive, in the order it was sent"
        );
    }
    ::std::assert_eq!(merged.len(), TOGETHER * 3);
}

/// One server goes quiet between its first and second line (a busy server), while the others
/// finish: the aggregator must receive until every `Sender` is dropped, not stop after a
/// silence (`recv_timeout`) or take what has arrived after a pause (`sleep`, `try_iter`).
#[test]
fn lines_after_a_silence_still_arrive() {
    let slow = Source {
        quiet_before: ::core::option::Option::Some(1),
        ..Source::new(
            servers(&[&["GET /before-the-pause", "GET /after-the-pause", "GET /last"]]).remove(0),
        )
    };
    let quick = Source::new(servers(&[&["POST /login", "GET /"]]).remove(0));
    let merged = merge_logs(::std::vec![slow, quick]);
    ::std::assert_eq!(
        lines_of(&merged, 0),
        ::std::vec!["GET /before-the-pause", "GET /after-the-pause", "GET /last"],
        "server 0 went quiet for {} ms between its first and second line: the aggregator must \
         receive until the channel closes (every `Sender` dropped), not stop after a silence",
        SILENCE.as_millis()
    );
    ::std::assert_eq!(lines_of(&merged, 1), ::std::vec!["POST /login", "GET /"]);
}
