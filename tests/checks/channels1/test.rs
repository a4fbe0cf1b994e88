// Grader-owned tests for channels1.
use super::*;

fn lines(raw: &[&str]) -> Vec<String> {
    raw.iter().map(|l| l.to_string()).collect()
}

fn record(level: &str, message: &str) -> LogRecord {
    LogRecord {
        level: level.to_string(),
        message: message.to_string(),
    }
}

#[test]
fn every_record_arrives_in_order() {
    let raw = lines(&["INFO service started", "WARN slow disk", "ERROR disk full"]);
    assert_eq!(
        run_pipeline(raw),
        vec![
            record("INFO", "service started"),
            record("WARN", "slow disk"),
            record("ERROR", "disk full")
        ],
        "the collector must receive all three records, in the order they were sent"
    );
}

#[test]
fn comments_and_blank_lines_are_not_records() {
    let raw = lines(&[
        "# nightly run",
        "INFO start",
        "",
        "   ",
        "# end of part 1",
        "ERROR timeout",
        "#",
    ]);
    assert_eq!(
        run_pipeline(raw),
        vec![record("INFO", "start"), record("ERROR", "timeout")],
        "7 raw lines but only 2 records: receive until the channel closes, not a fixed number of times"
    );
}

#[test]
fn a_log_without_records() {
    assert_eq!(
        run_pipeline(lines(&["# only a comment", ""])),
        vec![],
        "no records, and no waiting for one"
    );
    assert_eq!(run_pipeline(Vec::new()), vec![]);
}

#[test]
fn a_long_log() {
    let raw: Vec<String> = (0..2000).map(|i| format!("INFO request {i}")).collect();
    let records = run_pipeline(raw);
    assert_eq!(records.len(), 2000, "2000 records were sent");
    assert!(
        records
            .iter()
            .enumerate()
            .all(|(i, r)| r.message == format!("request {i}")),
        "records from one sender arrive in the order they were sent"
    );
}
