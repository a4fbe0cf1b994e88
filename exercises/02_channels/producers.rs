// producers: many senders, one receiver, and a channel that must close.
//
// Several web servers stream their access-log lines to one aggregator. Each server is a
// producer thread with its own `Sender`, a clone of the channel's first one (`tx.clone()`);
// the aggregator, the calling thread, owns the single `Receiver` ("mpsc": multiple producer,
// single consumer). Lines from one server arrive in the order that server sent them; lines
// from different servers interleave in whatever order the threads happen to run.
//
// Iterating over a receiver ends only when the channel is closed: when EVERY `Sender` has
// been dropped. A producer's clone is dropped when its thread finishes. If any `Sender` is
// still alive somewhere, the receiver cannot know that no more lines will come, and waits.
//
// What to do: `merge_logs` never returns (run it: it hangs). Find the `Sender` that keeps the
// channel open and fix it, so that the aggregator stops once every server is done.
//
// How it is checked: tests call `merge_logs` under a time limit (7 s): a receiver that waits
// for ever is killed, with the verdict "timed out". The servers of one test wait for each
// other when their first line is read: the producers must run at the same time. And one
// server goes quiet for a few seconds between two lines: the aggregator must wait for the
// channel to close, not for a silence. A loom model (two servers of one line each) also lets
// every timed wait time out at any moment: however long a silence it waits for, a collector
// that stops on one misses a line.

use std::sync::mpsc;
use std::thread;

/// Merges the lines of every server into one stream of `(server index, line)`. A server is
/// any source of lines, read as they come (a `Vec` in `main`, a socket, a log being written):
/// its producer's `for line in lines` may wait for the next one.
pub fn merge_logs<S>(servers: Vec<S>) -> Vec<(usize, String)>
where
    S: IntoIterator<Item = String> + Send + 'static,
{
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

    // TODO: this loop never ends, although every producer finishes. Which `Sender` is still
    // alive when the last line has arrived?
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
