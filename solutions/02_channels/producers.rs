// producers: many senders, one receiver, and a channel that must close.
//
// Solution: the aggregator drops its own `tx` once every producer has a clone. From then on
// the producers hold the only senders, and the channel closes when the last of them
// finishes. Without the `drop`, `tx` would live until the end of `merge_logs`, that is,
// until after the loop that waits for it to go away.
//
// Several web servers stream their access-log lines to one aggregator. Each server is a
// producer thread with its own `Sender`, a clone of the channel's first one (`tx.clone()`);
// the aggregator, the calling thread, owns the single `Receiver`. Lines from one server
// arrive in the order that server sent them; lines from different servers interleave in
// whatever order the threads happen to run.
//
// How it is checked: tests call `merge_logs` under a short time limit (3 s): a receiver that
// waits for ever is killed, with the verdict "timed out".

use std::sync::mpsc;
use std::thread;

/// Merges the lines of every server into one stream of `(server index, line)`.
pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let (tx, rx) = mpsc::channel();

    for (server, lines) in servers.into_iter().enumerate() {
        // Every producer owns a Sender of its own.
        let tx = tx.clone();
        thread::spawn(move || {
            for line in lines {
                tx.send((server, line)).unwrap();
            }
        });
    }

    // The aggregator sends nothing itself: its Sender would only keep the channel open.
    drop(tx);
    rx.iter().collect()
}

fn main() {
    let servers = vec![
        vec!["GET /".to_string(), "GET /about".to_string()],
        vec!["POST /login".to_string()],
        vec!["GET /health".to_string(), "GET /health".to_string()],
    ];
    for (server, line) in merge_logs(servers) {
        println!("server {server}: {line}");
    }
}
