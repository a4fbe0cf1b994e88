// verdict: pass
// Right: the channel is made inside a block that returns only the receiver, so the
// original `tx` is dropped at the end of the block, before the receiving loop starts.
use std::sync::mpsc;
use std::thread;

pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let rx = {
        let (tx, rx) = mpsc::channel();
        for (server, lines) in servers.into_iter().enumerate() {
            let tx = tx.clone();
            thread::spawn(move || {
                for line in lines {
                    tx.send((server, line)).unwrap();
                }
            });
        }
        rx
    };
    rx.iter().collect()
}

fn main() {}
