// verdict: test-failed
// Wrong: `len / threads` rounds down: 10 items on 4 threads make chunks of 2, so 5 threads;
// 3 items on 8 threads make a chunk size of 0, and `chunks(0)` panics.
use std::collections::HashMap;
use std::thread;

/// Maps every item with `map` and combines the results with `reduce`, on up to `threads`
/// threads (0 counts as 1). Returns None for an empty slice.
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
    let chunk_size = items.len() / threads;
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
