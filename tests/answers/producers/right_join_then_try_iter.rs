// verdict: pass
// Right, though it sidesteps the lesson: joins every producer, then drains the channel
// with `try_iter`, which never waits. It works only because `channel()` is unbounded (a
// producer never waits for the aggregator); dropping `tx` is the robust fix.
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
    rx.try_iter().collect()
}

fn main() {}
