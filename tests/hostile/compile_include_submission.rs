// exercise: threads1
// cheat: include_str! copies another student's exercise file in at compile time and prints it in its feedback.
const STOLEN: &str = include_str!("@VICTIM@/exercises/01_threads/threads2.rs");

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    drop(chunks);
    panic!("copied: {STOLEN}");
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
