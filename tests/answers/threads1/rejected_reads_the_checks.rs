// verdict: rejected
// Cheat: reads the grader's check file at compile time (to learn the expected answers, or
// to print it in its own feedback). The gate refuses the read and never shows the file.
const CHECKS: &str = include_str!("../../tests/checks/threads1/test.rs");

pub fn count_errors(chunks: Vec<Vec<String>>) -> usize {
    CHECKS.len() % 7 + chunks.len()
}

fn main() {
    println!("errors: {}", count_errors(Vec::new()));
}
