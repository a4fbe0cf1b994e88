// verdict: pass
// Right: the chunks cut off one by one with `split_at_mut`, which also hands out two
// non-overlapping `&mut` halves; the scope joins the threads.
use std::thread;

pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    F: Fn(u8) -> u8 + Sync,
{
    let chunk_len = pixels.len().div_ceil(workers).max(1);
    let filter = &filter;
    thread::scope(|s| {
        let mut rest = pixels;
        while !rest.is_empty() {
            let (chunk, tail) = rest.split_at_mut(chunk_len.min(rest.len()));
            rest = tail;
            s.spawn(move || chunk.iter_mut().for_each(|p| *p = filter(*p)));
        }
    });
}

fn main() {}
