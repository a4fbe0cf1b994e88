// verdict: test-failed
// Wrong: receives once per raw line, but comments and blank lines send nothing: once the
// parser is done, `recv()` returns `Err` (the channel is closed) and `unwrap` panics.
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
    Some(LogRecord {
        level: level.to_string(),
        message: message.to_string(),
    })
}

/// Parses `raw` on a parser thread and returns the records, in order, on the calling thread.
pub fn run_pipeline(raw: Vec<String>) -> Vec<LogRecord> {
    let (tx, rx) = mpsc::channel::<LogRecord>();
    let expected = raw.len();
    let parser = thread::spawn(move || {
        for line in raw {
            if let Some(record) = parse(&line) {
                tx.send(record).unwrap();
            }
        }
    });

    let mut records = Vec::new();
    for _ in 0..expected {
        records.push(rx.recv().unwrap());
    }
    parser.join().unwrap();
    records
}

fn main() {}
