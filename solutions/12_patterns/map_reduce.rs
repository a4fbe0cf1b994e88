// map_reduce: split a slice into chunks, map each chunk on its own scoped thread, combine.
//
// A log analyser has a big slice of records and a question about all of them: total bytes
// served, error counts per endpoint, a word frequency table. Map-reduce answers it in
// parallel: cut the slice into one chunk per thread, let each thread `map` its records and
// fold them into one partial result, then `reduce` the partial results into the answer.
//
// `std::thread::scope` makes this easy: threads spawned in a scope may borrow the slice
// (and `map` and `reduce`) because the scope joins them all before it returns. No `Arc`, no
// copying the data. `slice::chunks(n)` cuts a slice into pieces of at most n items.
//
// `reduce` must be associative but need not be commutative (think of joining strings), so
// combine the partial results in the order of the chunks.
//
// Solution: chunks of `len.div_ceil(threads)` items (so at most `threads` chunks, none
// empty), one scoped thread each, every thread spawned before the first join, partial
// results joined and reduced in chunk order.

use std::collections::HashMap;
use std::thread;

/// Maps every item with `map` and combines the results with `reduce`, in item order, on
/// `threads` threads at once (0 counts as 1), one per chunk of `items.len().div_ceil(threads)`
/// items (so fewer only when there are too few items), whatever the machine's number of cores.
/// Returns None for an empty slice.
pub fn map_reduce<T, R, M, F>(items: &[T], threads: usize, map: M, reduce: F) -> Option<R>
where
    T: Sync,
    R: Send,
    M: Fn(&T) -> R + Sync,
    F: Fn(R, R) -> R + Sync,
{
    let threads = threads.max(1);
    if items.is_empty() {
        return None;
    }
    // Rounding up gives at most `threads` chunks; rounding down (len / threads) can give
    // more chunks than threads, or a chunk size of 0 when there are fewer items than threads.
    let chunk_size = items.len().div_ceil(threads);
    // Each thread gets shared references: the closures are `Sync`, so `&M` and `&F` are `Send`.
    let (map, reduce) = (&map, &reduce);
    thread::scope(|s| {
        // Collect the handles first: a lazy `map(spawn).map(join)` chain would join each
        // thread before spawning the next, and the chunks would run one at a time.
        let handles: Vec<_> = items
            .chunks(chunk_size)
            .map(|chunk| s.spawn(move || chunk.iter().map(map).reduce(reduce)))
            .collect();
        handles
            .into_iter()
            // Every chunk is non-empty, so every partial result is Some.
            .filter_map(|handle| handle.join().expect("map or reduce panicked"))
            .reduce(reduce)
    })
}

/// Word frequencies of some log lines: a map-reduce where the partial results are tables.
pub fn word_counts(lines: &[&str], threads: usize) -> HashMap<String, usize> {
    let count_line = |line: &&str| {
        let mut counts = HashMap::new();
        for word in line.split_whitespace() {
            *counts.entry(word.to_string()).or_insert(0) += 1;
        }
        counts
    };
    let merge = |mut left: HashMap<String, usize>, right: HashMap<String, usize>| {
        for (word, n) in right {
            *left.entry(word).or_insert(0) += n;
        }
        left
    };
    map_reduce(lines, threads, count_line, merge).unwrap_or_default()
}

fn main() {
    let sizes: Vec<u64> = (1..=1000).collect();
    let total = map_reduce(&sizes, 4, |bytes| *bytes, |a, b| a + b);
    println!("bytes served: {total:?}");
    let log = ["GET /index ok", "GET /login error", "POST /login ok"];
    println!("{:?}", word_counts(&log, 2));
}
