// verdict: test-failed
// Wrong: the chunk length is rounded down, which makes one chunk too many when the length
// does not divide evenly (10 pixels, 3 workers: 3 + 3 + 3 + 1), and a chunk length of 0 when
// there are more workers than pixels (`chunks_mut(0)` panics).
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    let filter = &filter;
    thread::scope(|s| {
        for chunk in pixels.chunks_mut(pixels.len() / workers) {
            s.spawn(move || {
                for pixel in chunk {
                    *pixel = filter(*pixel);
                }
            });
        }
    });
}

fn main() {}
