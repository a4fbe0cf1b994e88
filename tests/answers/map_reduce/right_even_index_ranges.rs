// verdict: pass
// Right, another way: n = min(threads, len) ranges of nearly equal size from index
// arithmetic, fold instead of reduce inside each thread.
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
    let n = threads.max(1).min(items.len());
    if n == 0 {
        return None;
    }
    let (map, reduce) = (&map, &reduce);
    thread::scope(|s| {
        let mut handles = Vec::with_capacity(n);
        for i in 0..n {
            let part = &items[i * items.len() / n..(i + 1) * items.len() / n];
            handles.push(s.spawn(move || {
                let mut iter = part.iter();
                let first = map(iter.next()?);
                Some(iter.fold(first, |acc, item| reduce(acc, map(item))))
            }));
        }
        let mut partials = handles.into_iter().map(|h| h.join().unwrap());
        let first = partials.next().flatten()?;
        Some(partials.flatten().fold(first, reduce))
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
