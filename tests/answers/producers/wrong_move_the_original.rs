// verdict: compile-error
// Wrong: no clone, the original `tx` moves into the first producer's closure, and the next
// turn of the loop has no `tx` left to move (E0382: use of moved value).
use std::sync::mpsc;
use std::thread;

pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let (tx, rx) = mpsc::channel();
    for (server, lines) in servers.into_iter().enumerate() {
        thread::spawn(move || {
            for line in lines {
                tx.send((server, line)).unwrap();
            }
        });
    }
    rx.iter().collect()
}

fn main() {}
