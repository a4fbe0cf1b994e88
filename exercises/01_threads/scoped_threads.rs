// scoped_threads: split a slice into disjoint `&mut` chunks, one thread per chunk.
//
// A photo editor applies a filter (brighten, invert, threshold...) to every pixel of an
// image. The image is a `&mut [u8]` that `apply_filter` only borrows: `thread::spawn` cannot
// take that borrow (its threads may outlive the function), but `thread::scope` can. Every
// thread spawned on a scope is joined before `scope` returns, so borrows of the caller's data
// are allowed. And several threads may each write their own part of the slice at the same
// time: `chunks_mut` hands out non-overlapping `&mut` chunks, so no two threads ever get a
// mutable borrow of the same pixel, and the borrow checker accepts it.
//
// What to do: `apply_filter` works, but on one thread. Split `pixels` into `workers` chunks
// of (nearly) equal length and filter each chunk on its own scoped thread. `workers` is at
// least 1; an image may be empty, or smaller than `workers` pixels.
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
    // TODO: split `pixels` into `workers` chunks with `chunks_mut`, and run each chunk on its
    // own thread inside `thread::scope`. Watch out for an empty image.
    for pixel in pixels.iter_mut() {
        *pixel = filter(*pixel);
    }
}

fn main() {
    let mut image: Vec<u8> = (0..=255).collect();
    apply_filter(&mut image, 4, |p| 255 - p);
    println!("first pixels after inverting: {:?}", &image[..4]);
}
