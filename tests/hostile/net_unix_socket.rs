// exercise: threads1
// cheat: connects to a Unix socket on the grader's file system (an ssh-agent's, a container
// runtime's, D-Bus: here one the test listens on, named after the run's marker) and sends a
// message: a network namespace cuts no file-system socket, and Landlock does not control them.
use std::io::Write;

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    let sent = chunks.len();
    if let Ok(mut stream) = std::os::unix::net::UnixStream::connect("/tmp/@MARKER@.sock") {
        let _ = stream.write_all(format!("a submission got out ({sent} chunks)\n").as_bytes());
    }
    0
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
