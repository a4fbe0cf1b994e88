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
        merge_logs(Vec::new()),
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
