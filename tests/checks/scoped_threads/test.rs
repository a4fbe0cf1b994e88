// Grader-owned tests for scoped_threads.
use super::apply_filter;

use ::std::collections::HashSet;
use ::std::sync::Mutex;
use ::std::thread::ThreadId;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `apply_filter` must keep this signature.
    let _: fn(&mut [u8], usize, fn(u8) -> u8) = apply_filter;
}

/// Filters `pixels` with `f`, and returns how many different threads ran the filter.
fn filter_counting_threads(pixels: &mut [u8], workers: usize, f: fn(u8) -> u8) -> usize {
    let seen: Mutex<HashSet<ThreadId>> = Mutex::new(HashSet::new());
    apply_filter(pixels, workers, |p| {
        seen.lock().unwrap().insert(::std::thread::current().id());
        f(p)
    });
    seen.into_inner().unwrap().len()
}

fn image(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i % 256) as u8).collect()
}

fn invert(p: u8) -> u8 {
    255 - p
}

#[test]
fn every_pixel_is_filtered() {
    let mut pixels = image(1000);
    filter_counting_threads(&mut pixels, 4, invert);
    let expected: Vec<u8> = image(1000).into_iter().map(invert).collect();
    ::std::assert!(
        pixels == expected,
        "every pixel must be inverted exactly once"
    );
}

#[test]
fn the_work_is_split_across_the_workers() {
    let mut pixels = image(1000);
    let threads = filter_counting_threads(&mut pixels, 4, invert);
    ::std::assert_eq!(
        threads,
        4,
        "1000 pixels with 4 workers: the filter ran on {threads} different thread(s), it must run on 4 (one per chunk)"
    );
}

#[test]
fn uneven_lengths_still_use_the_workers() {
    let mut pixels = image(10);
    let threads = filter_counting_threads(&mut pixels, 3, |p| p.saturating_add(100));
    ::std::assert_eq!(
        pixels,
        ::std::vec![100, 101, 102, 103, 104, 105, 106, 107, 108, 109],
        "every pixel brightened by 100"
    );
    ::std::assert_eq!(
        threads,
        3,
        "10 pixels with 3 workers: chunks of 4, 4 and 2 pixels, each on its own thread"
    );
}

#[test]
fn more_workers_than_pixels() {
    let mut pixels = ::std::vec![10, 20];
    let threads = filter_counting_threads(&mut pixels, 8, invert);
    ::std::assert_eq!(pixels, ::std::vec![245, 235]);
    ::std::assert!(
        threads <= 2,
        "2 pixels need at most 2 threads, the filter ran on {threads}"
    );
}

#[test]
fn an_empty_image_is_fine() {
    let mut pixels: Vec<u8> = Vec::new();
    filter_counting_threads(&mut pixels, 4, invert);
    ::std::assert!(pixels.is_empty());
}

/// The concurrency witness: on each thread's first pixel the filter waits until all 4
/// workers are inside it at once, which happens only if the chunks are filtered at the same
/// time. Threads spawned and joined one after another (`s.spawn(..).join()` in the loop) use
/// 4 threads but never run together: the witness gives up after a while and says so.
#[test]
fn the_workers_filter_at_the_same_time() {
    let mut pixels = image(1000);
    let meeting = crate::__checks::Rendezvous::new(4);
    let arrived: Mutex<HashSet<ThreadId>> = Mutex::new(HashSet::new());
    apply_filter(&mut pixels, 4, |p| {
        let first = arrived
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(::std::thread::current().id());
        if first {
            meeting.arrive();
        }
        invert(p)
    });
    meeting.assert_parallel("1000 pixels with 4 workers: the 4 chunks");
    let expected: Vec<u8> = image(1000).into_iter().map(invert).collect();
    ::std::assert!(
        pixels == expected,
        "every pixel must be inverted exactly once"
    );
}

/// Images and worker counts drawn per run: however many pixels and workers, the filter runs
/// on at most `workers` threads, each filtering at most `len / workers` pixels rounded up
/// (chunks of nearly equal length), and every pixel exactly once. A chunk length computed
/// as `len / workers + 1` (too long when `workers` divides `len`: fewer threads than asked)
/// or rounded down (one chunk too many) fails on some of these shapes.
#[test]
fn drawn_shapes_split_into_nearly_equal_chunks() {
    let mut rng = crate::__checks::Rng::new(0x5c7d);
    for _ in 0..40 {
        let workers = rng.range(1, 9) as usize;
        // Often a multiple of `workers`, where a chunk length one too long shows.
        let len = if rng.below(2) == 0 {
            workers * rng.range(1, 40) as usize
        } else {
            rng.below(300) as usize
        };
        let mut pixels = image(len);
        let per_thread: Mutex<::std::collections::HashMap<ThreadId, usize>> =
            Mutex::new(::std::collections::HashMap::new());
        apply_filter(&mut pixels, workers, |p| {
            *per_thread
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .entry(::std::thread::current().id())
                .or_insert(0) += 1;
            invert(p)
        });
        let expected: Vec<u8> = image(len).into_iter().map(invert).collect();
        ::std::assert!(
            pixels == expected,
            "{len} pixels with {workers} workers: every pixel must be inverted exactly once"
        );
        let per_thread = per_thread.into_inner().unwrap_or_else(|e| e.into_inner());
        let most = per_thread.values().copied().max().unwrap_or(0);
        let longest = len.div_ceil(workers);
        ::std::assert!(
            per_thread.len() <= workers && most <= longest,
            "{len} pixels with {workers} workers: the filter ran on {} thread(s), the busiest \
             filtering {most} pixels; it must run on at most {workers} threads with at most \
             {longest} pixels each ({len} / {workers}, rounded up: chunks of nearly equal length)",
            per_thread.len()
        );
    }
}
