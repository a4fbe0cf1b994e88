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
// What to do: `map_reduce` below does all the work on the calling thread. Make it spawn one
// scoped thread per chunk, at most `threads` of them, and combine their results in order.
//
// How it is checked: tests call `map_reduce` and check the answers (combined in chunk order,
// also when the first chunk's thread finishes last), that the chunks really are mapped at
// the same time (one per thread given, when there are enough items), and that it never uses
// more threads than it was given.

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
    let _ = threads;
    // TODO: cut `items` into at most `threads` chunks, spawn a scoped thread per chunk
    // (`thread::scope(|s| ...)`, `s.spawn(...)`) that maps and reduces its chunk, then join
    // the threads in order and reduce their partial results. Spawn them all before joining
    // any, or they run one after another.
    items.iter().map(&map).reduce(&reduce)
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
