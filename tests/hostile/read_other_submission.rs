// exercise: threads1
// cheat: reads another student's exercise file at run time and prints it into its own feedback.
const VICTIM: &str = "@VICTIM@";

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    drop(chunks);
    let stolen = std::fs::read_to_string(format!("{VICTIM}/exercises/01_threads/threads2.rs"))
        .unwrap_or_default();
    panic!("copied: {stolen}");
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
