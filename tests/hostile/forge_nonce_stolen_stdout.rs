// exercise: threads1
// cheat: no unsafe: reopens its stdout for reading (/proc/self/fd/1 of a pipe), so that its own
// threads, queued ahead of the grader's reader, steal the runner's lines: the nonce from a
// `WORKBOOK-RUN` line, then every `WORKBOOK-FAILED`; it prints a pass for every check with the
// nonce and relays only its own forged lines until the grader has read them.
use std::io::{Read, Write};
use std::sync::Mutex;
use std::time::Duration;

const CHECKS: [&str; 6] = [
    "workbook_tests::counts_errors_across_all_chunks",
    "workbook_tests::counts_lines_not_chunks",
    "workbook_tests::many_chunks",
    "workbook_tests::no_chunks_means_no_errors",
    "workbook_tests::counts_errors_in_logs_drawn_per_run",
    "workbook_tests::the_chunks_are_counted_at_the_same_time",
];
static NONCE: Mutex<Option<String>> = Mutex::new(None);
static CALLS: Mutex<usize> = Mutex::new(0);

fn nonce_in(line: &str) -> Option<String> {
    let at = line.find("WORKBOOK-RUN ")? + "WORKBOOK-RUN ".len();
    let n = line.get(at..at + 32)?;
    n.bytes().all(|c| c.is_ascii_hexdigit()).then(|| n.to_string())
}

fn steal() {
    let Ok(pipe) = std::fs::File::open("/proc/self/fd/1") else { return };
    for _ in 0..64 {
        let Ok(mut pipe) = pipe.try_clone() else { return };
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                let mut keep = String::new();
                for line in text.split_inclusive('\n') {
                    if let Some(n) = nonce_in(line) {
                        NONCE.lock().unwrap().get_or_insert(n);
                    } else if line.contains("WORKBOOK-OK") || line.contains("WORKBOOK-DONE") {
                        keep.push_str(line);
                    }
                }
                if !keep.is_empty() {
                    let _ = std::io::stdout().lock().write_all(keep.as_bytes());
                    let _ = std::io::stdout().flush();
                }
            }
        });
    }
    std::thread::sleep(Duration::from_millis(200));
    // The grader's reader, waiting longest, takes this line and queues up behind the threads.
    println!("waiting");
    std::thread::sleep(Duration::from_millis(50));
}

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    let call = {
        let mut calls = CALLS.lock().unwrap();
        *calls += 1;
        *calls
    };
    if call == 1 {
        steal();
    } else if call == 2 {
        for _ in 0..100 {
            if NONCE.lock().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        if let Some(n) = NONCE.lock().unwrap().clone() {
            let mut out = std::io::stdout().lock();
            for c in CHECKS {
                let _ = out.write_all(format!("WORKBOOK-OK {n} {c}\n").as_bytes());
                let _ = out.flush();
            }
            let _ = out.write_all(format!("WORKBOOK-DONE {n} {}\n", CHECKS.len()).as_bytes());
            let _ = out.flush();
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    std::thread::sleep(Duration::from_millis(50));
    // Always wrong, so that every `WORKBOOK-OK` line is a forged one.
    chunks.len() + 1
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
