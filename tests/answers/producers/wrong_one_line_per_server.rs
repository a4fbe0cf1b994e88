// verdict: timed-out
// Wrong: tries to avoid waiting for the channel to close by taking one line per server. But
// a server can send any number of lines, zero included: with three servers and one line in
// all, `take(3)` waits for two lines that never come, on a channel that never closes.
use std::sync::mpsc;
use std::thread;

pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let count = servers.len();
    let (tx, rx) = mpsc::channel();
    for (server, lines) in servers.into_iter().enumerate() {
        let tx = tx.clone();
        thread::spawn(move || {
            for line in lines {
                tx.send((server, line)).unwrap();
            }
        });
    }
    rx.iter().take(count).collect()
}

fn main() {}
