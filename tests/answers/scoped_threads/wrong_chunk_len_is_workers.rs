// verdict: test-failed
// Wrong: `chunks_mut` takes the length of a chunk, not the number of chunks: 1000 pixels
// with 4 workers make 250 chunks of 4 pixels, and 250 threads.
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    let filter = &filter;
    thread::scope(|s| {
        for chunk in pixels.chunks_mut(workers) {
            s.spawn(move || {
                for pixel in chunk {
                    *pixel = filter(*pixel);
                }
            });
        }
    });
}

fn main() {}
