// exercise: threads1
// cheat: opens a TCP connection to a loopback listener while it is checked and sends a message.
use std::io::Write;

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    let sent = chunks.len();
    if let Ok(mut stream) = std::net::TcpStream::connect("127.0.0.1:@PORT@") {
        let _ = stream.write_all(format!("a submission got out ({sent} chunks)\n").as_bytes());
    }
    0
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
