// exercise: threads1
// cheat: burns every core (240 spinning threads) for as long as its check may run, hoping to
// starve the checks of the student graded beside it: the victim's stress tests and meetings
// must still get their verdicts, whatever the load.
use std::thread;

fn burn() {
    let mut x = 0u64;
    loop {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
        std::hint::black_box(x);
    }
}

pub fn count_errors(chunks: Vec<Vec<String>>, _is_error: fn(&str) -> bool) -> usize {
    drop(chunks);
    for _ in 0..240 {
        let _ = thread::Builder::new().stack_size(64 * 1024).spawn(burn);
    }
    burn();
    0
}

fn main() {
    println!("errors: {}", count_errors(Vec::new(), |line| line.starts_with("ERROR")));
}
