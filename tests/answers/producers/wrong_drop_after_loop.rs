// verdict: timed-out
// Wrong: drops `tx`, but only after the loop that waits for the channel to close: the loop
// never gets there.
use std::sync::mpsc;
use std::thread;

pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let (tx, rx) = mpsc::channel();
    for (server, lines) in servers.into_iter().enumerate() {
        let tx = tx.clone();
        thread::spawn(move || {
            for line in lines {
                tx.send((server, line)).unwrap();
            }
        });
    }
    let merged = rx.iter().collect();
    drop(tx);
    merged
}

fn main() {}
