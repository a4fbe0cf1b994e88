// verdict: pass
// Right, another way: spawns a thread for every chunk but the last, maps the last one on the
// calling thread meanwhile, then joins in order: the same parallelism with one spawn fewer.
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
    let chunk_size = items.len().div_ceil(threads);
    let (map, reduce) = (&map, &reduce);
    let mut chunks: Vec<&[T]> = items.chunks(chunk_size).collect();
    let last = chunks.pop().expect("items is not empty");
    thread::scope(|s| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| s.spawn(move || chunk.iter().map(map).reduce(reduce)))
            .collect();
        let tail = last.iter().map(map).reduce(reduce);
        handles
            .into_iter()
            .map(|h| h.join().unwrap())
            .chain(std::iter::once(tail))
            .flatten()
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
