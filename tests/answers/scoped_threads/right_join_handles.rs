// verdict: pass
// Right: the scoped handles are kept and joined explicitly (the scope would join them
// anyway); `.max(1)` instead of an early return for the empty image.
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    let chunk_len = pixels.len().div_ceil(workers).max(1);
    let filter = &filter;
    thread::scope(|s| {
        let handles: Vec<_> = pixels
            .chunks_mut(chunk_len)
            .map(|chunk| {
                s.spawn(move || {
                    for pixel in chunk.iter_mut() {
                        *pixel = filter(*pixel);
                    }
                })
            })
            .collect();
        for handle in handles {
            handle.join().unwrap();
        }
    });
}

fn main() {}
