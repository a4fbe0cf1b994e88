// scoped_threads: split a slice into disjoint `&mut` chunks, one thread per chunk.
//
// Solution: the chunk length is the image length divided by `workers`, rounded up, so there
// are at most `workers` chunks (fewer when the image is small). Each chunk goes to its own
// scoped thread; `scope` joins them all before it returns.
//
// A photo editor applies a filter (brighten, invert, threshold...) to every pixel of an
// image. The image is a `&mut [u8]` that `apply_filter` only borrows: `thread::spawn` cannot
// take that borrow (its threads may outlive the function), but `thread::scope` can. And
// several threads may each write their own part of the slice at the same time: `chunks_mut`
// hands out non-overlapping `&mut` chunks, so no two threads ever get a mutable borrow of
// the same pixel, and the borrow checker accepts it.
//
// How it is checked: tests (under a time limit) filter images and record which threads ran
// the filter: the work must be spread over `workers` threads, which run at the same time (a
// test's filter waits until every worker is inside it at once). On images and worker counts
// drawn per run, no thread may filter more than `len / workers` pixels, rounded up, and at
// most `workers` threads may run.

use std::thread;

/// Applies `filter` to every pixel, in place, using `workers` threads.
pub fn apply_filter<F>(pixels: &mut [u8], workers: usize, filter: F)
where
    // `Sync`: all the threads call the same filter through a shared reference.
    F: Fn(u8) -> u8 + Sync,
{
    if pixels.is_empty() {
        // `chunks_mut(0)` panics: an empty image needs no threads at all.
        return;
    }
    let chunk_len = pixels.len().div_ceil(workers);
    // Each closure below is `move`, so that it owns its `chunk` (a `&mut [u8]` that lives
    // only for one turn of the loop). It must not own the filter itself, which would move it
    // into the first closure: every closure gets a copy of this shared reference instead.
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

fn main() {
    let mut image: Vec<u8> = (0..=255).collect();
    apply_filter(&mut image, 4, |p| 255 - p);
    println!("first pixels after inverting: {:?}", &image[..4]);
}
