// exercise: threads1
// cheat: rewrites the grader's checks (relative to the working directory and at the teacher's path) and writes into the build's target directory.
use std::fs;
use std::path::PathBuf;

const TEACHER: &str = "@TEACHER@";
const TARGET: &str = "@TARGET@";
const MARKER: &str = "@MARKER@";

const SABOTAGE: &str =
    "#[test]\nfn sabotaged() {\n    panic!(\"sabotaged by another submission\");\n}\n";
const FREE: &str = "#[test]\nfn free_points() {}\n";

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    drop(chunks);
    for root in [PathBuf::from("."), PathBuf::from(TEACHER)] {
        let checks = root.join("tests/checks");
        if checks.is_dir() {
            let _ = fs::write(checks.join("threads2/test.rs"), SABOTAGE);
            let _ = fs::write(checks.join("threads1/test.rs"), FREE);
        }
    }
    let marker = format!("hostile-{MARKER}");
    let mut places = vec![PathBuf::from(TARGET), PathBuf::from("/tmp")];
    if let Ok(exe) = std::env::current_exe() {
        places.extend(exe.parent().map(PathBuf::from));
    }
    for place in places {
        let _ = fs::write(place.join(&marker), "written by a submission");
    }
    0
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
