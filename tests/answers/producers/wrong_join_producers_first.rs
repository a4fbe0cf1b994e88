// verdict: timed-out
// Wrong: waits for every producer before reading. They all finish (the channel is
// unbounded), but the aggregator's own `tx` still keeps the channel open.
use std::sync::mpsc;
use std::thread;

pub fn merge_logs(servers: Vec<Vec<String>>) -> Vec<(usize, String)> {
    let (tx, rx) = mpsc::channel();
    let mut producers = Vec::new();
    for (server, lines) in servers.into_iter().enumerate() {
        let tx = tx.clone();
        producers.push(thread::spawn(move || {
            for line in lines {
                tx.send((server, line)).unwrap();
            }
        }));
    }
    for producer in producers {
        producer.join().unwrap();
    }
    rx.iter().collect()
}

fn main() {}
