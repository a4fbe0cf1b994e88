// channels1: send values to another thread, and receive until the channel closes.
//
// Solution: the parser sends each record by value (it owns none of them afterwards); the
// collector iterates over the receiver. The loop ends by itself: the parser thread owns the
// only `Sender`, and drops it when it finishes, which closes the channel.
//
// A log pipeline has two stages. A parser thread turns raw lines into `LogRecord`s (it skips
// blank lines and `#` comments) and passes each record on to the collector, the calling
// thread, through a channel. `tx.send(value)` moves the value into the channel: the sender
// gives it up, and the receiver becomes its owner; nothing is shared, so nothing needs a lock.
//
// How it is checked: tests (under a time limit) run the pipeline on small logs, one of them
// with a pause of a few seconds between two lines, and a loom model runs the parser at every
// point relative to the collector, where a timed wait (`recv_timeout`) may time out at any
// moment, as it may on real threads whatever its length: the collector must wait for the
// channel to close, not for a silence.

use std::sync::mpsc;
use std::thread;

#[derive(Debug, PartialEq)]
pub struct LogRecord {
    pub level: String,
    pub message: String,
}

/// Parses "LEVEL message"; blank lines and lines starting with `#` are not records.
pub fn parse(line: &str) -> Option<LogRecord> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (level, message) = line.split_once(' ').unwrap_or((line, ""));
    Some(LogRecord { level: level.to_string(), message: message.to_string() })
}

/// Parses `raw` on a parser thread and returns the records, in order, on the calling thread.
/// `raw` is any source of lines, read as they come (a `Vec`, a file being written, a socket):
/// the parser's `for line in raw` may wait for the next one.
pub fn run_pipeline(raw: impl IntoIterator<Item = String> + Send + 'static) -> Vec<LogRecord> {
    let (tx, rx) = mpsc::channel::<LogRecord>();

    let parser = thread::spawn(move || {
        for line in raw {
            if let Some(record) = parse(&line) {
                // `send` fails only if the receiver is gone; here it lives until the end.
                tx.send(record).unwrap();
                // `record` has moved into the channel: using it here would not compile.
            }
        }
    });

    let mut records = Vec::new();
    // Blocks for each record; ends once the parser has dropped `tx` and the channel is empty.
    for record in rx {
        records.push(record);
    }

    parser.join().unwrap();
    records
}

fn main() {
    let raw = vec![
        "INFO service started".to_string(),
        "# nightly run".to_string(),
        "ERROR disk full".to_string(),
    ];
    for record in run_pipeline(raw) {
        println!("{record:?}");
    }
}
