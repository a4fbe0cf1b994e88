// verdict: compile-error
// Wrong: `thread::spawn` instead of a scope. Its closures must be `'static`, and neither a
// chunk borrowed from the caller's image nor a reference to the filter is: the borrows would
// escape the function (E0521, E0597).
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    if pixels.is_empty() {
        return;
    }
    let chunk_len = pixels.len().div_ceil(workers);
    let filter = &filter;
    let mut handles = Vec::new();
    for chunk in pixels.chunks_mut(chunk_len) {
        handles.push(thread::spawn(move || {
            for pixel in chunk {
                *pixel = filter(*pixel);
            }
        }));
    }
    for handle in handles {
        handle.join().unwrap();
    }
}

fn main() {}
