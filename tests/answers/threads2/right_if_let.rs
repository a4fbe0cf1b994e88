// verdict: pass
// Right: `if let Ok` / `else` instead of `match`.
use std::thread;

/// What a batch did: the sum of the good prices, and the indices of the lines that failed.
#[derive(Debug, PartialEq)]
pub struct BatchReport {
    pub total_cents: u64,
    pub failed: Vec<usize>,
}

/// Converts a price such as "12.50" or "7" to cents (1250, 700).
/// Panics if the line is not a price: that is the library's way of saying "bad input".
pub fn parse_cents(line: &str) -> u64 {
    let line = line.trim();
    let (units, cents) = line.split_once('.').unwrap_or((line, "00"));
    let number = |digits: &str| -> u64 {
        digits
            .parse()
            .unwrap_or_else(|_| panic!("`{line}` is not a price"))
    };
    assert!(
        cents.len() == 2,
        "`{line}`: a price has two digits after the point"
    );
    number(units) * 100 + number(cents)
}

/// Parses every line on its own thread and reports the total and the lines that failed.
pub fn run_batch(lines: Vec<String>) -> BatchReport {
    let handles: Vec<_> = lines
        .into_iter()
        .map(|line| thread::spawn(move || parse_cents(&line)))
        .collect();

    let mut report = BatchReport {
        total_cents: 0,
        failed: Vec::new(),
    };
    for (index, handle) in handles.into_iter().enumerate() {
        if let Ok(cents) = handle.join() {
            report.total_cents += cents;
        } else {
            report.failed.push(index);
        }
    }
    report
}

fn main() {}
