// verdict: test-failed
// Wrong: right for every image but the empty one, where the chunk length is 0 and
// `chunks_mut(0)` panics.
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    let chunk_len = pixels.len().div_ceil(workers);
    let filter = &filter;
    thread::scope(|s| {
        for chunk in pixels.chunks_mut(chunk_len) {
            s.spawn(move || {
                for pixel in chunk {
                    *pixel = filter(*pixel);
                }
            });
        }
    });
}

fn main() {}
