// Grader-owned tests for map_reduce.
use super::{map_reduce, word_counts};

use ::std::collections::HashSet;
use ::std::sync::Mutex;
use ::std::thread::{self, ThreadId};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `map_reduce` must keep this signature.
    let _: fn(&[u64], usize, fn(&u64) -> u64, fn(u64, u64) -> u64) -> ::std::option::Option<u64> =
        map_reduce;
    // `word_counts` must keep this signature.
    let _: fn(&[&str], usize) -> ::std::collections::HashMap<::std::string::String, usize> =
        word_counts;
}

/// Records which threads call `map`. With a meeting (`crate::__checks::Rendezvous`), each
/// thread's first call waits there until `n` threads are mapping at once: chunks that are not
/// mapped at the same time never all get there, and the check says the work ran serially.
struct Mappers {
    threads: Mutex<HashSet<ThreadId>>,
    meeting: ::core::option::Option<crate::__checks::Rendezvous>,
}

impl Mappers {
    fn new() -> Mappers {
        Mappers {
            threads: Mutex::new(HashSet::new()),
            meeting: ::core::option::Option::None,
        }
    }

    fn meeting(n: usize) -> Mappers {
        Mappers {
            meeting: ::core::option::Option::Some(crate::__checks::Rendezvous::new(n)),
            ..Mappers::new()
        }
    }

    /// Called by `map`: notes the thread and, on its first call, meets the others.
    fn arrive(&self) {
        let first = self
            .threads
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(thread::current().id());
        if let (true, ::core::option::Option::Some(meeting)) = (first, &self.meeting) {
            meeting.arrive();
        }
    }

    fn threads(&self) -> usize {
        self.threads.lock().unwrap_or_else(|e| e.into_inner()).len()
    }
}

#[test]
fn chunks_are_mapped_at_the_same_time() {
    let items: Vec<u64> = (0..100).collect();
    let mappers = Mappers::meeting(4);
    let total = map_reduce(
        &items,
        4,
        |x| {
            mappers.arrive();
            *x
        },
        |a, b| a + b,
    );
    if let ::core::option::Option::Some(meeting) = &mappers.meeting {
        meeting.assert_parallel(&::std::format!(
            "the 4 chunks' maps (100 items on 4 threads; {} thread(s) mapped): spawn every \
             chunk's thread before joining any",
            mappers.threads()
        ));
    }
    ::std::assert_eq!(total, Some(4950), "0 + 1 + ... + 99");
    ::std::assert_eq!(
        mappers.threads(),
        4,
        "100 items on 4 threads: 4 threads should do the mapping"
    );
}

#[test]
fn every_thread_given_maps_a_chunk_when_there_are_enough_items() {
    // Chunks of `len.div_ceil(threads)` items: as many chunks as threads whenever there are
    // enough items, and all of them mapped at once. A chunk size one too big (`len / threads
    // + 1`, say) makes fewer chunks when `threads` divides `len`, and a thread given idles.
    for (len, threads) in [(8, 4), (12, 4), (6, 3), (6, 6), (4, 2)] {
        let items: Vec<u64> = (1..=len).collect();
        let chunks = (len as usize).div_ceil((len as usize).div_ceil(threads));
        let mappers = Mappers::meeting(chunks);
        let total = map_reduce(
            &items,
            threads,
            |x| {
                mappers.arrive();
                *x
            },
            |a, b| a + b,
        );
        let met = mappers.meeting.as_ref().is_some_and(|m| m.met());
        ::std::assert!(
            met,
            "{len} items on {threads} threads make {chunks} chunks of {} items \
             (`len.div_ceil(threads)`), and each chunk's thread should map at the same time as \
             the others, but no {chunks} threads were ever mapping at once ({} thread(s) \
             mapped): is the chunk size too big, leaving a thread it was given idle?",
            (len as usize).div_ceil(threads),
            mappers.threads()
        );
        ::std::assert_eq!(
            total,
            Some(len * (len + 1) / 2),
            "{len} items on {threads} threads: wrong total"
        );
    }
}

#[test]
fn never_more_threads_than_asked() {
    for (len, threads) in [
        (10, 4),
        (5, 4),
        (3, 8),
        (100, 3),
        (7, 7),
        (1, 4),
        (9, 2),
        (6, 0),
    ] {
        let items: Vec<u64> = (1..=len).collect();
        let mappers = Mappers::new();
        let total = map_reduce(
            &items,
            threads,
            |x| {
                mappers.arrive();
                *x * 2
            },
            |a, b| a + b,
        );
        ::std::assert_eq!(
            total,
            Some(len * (len + 1)),
            "{len} items on {threads} threads: wrong total"
        );
        let allowed = threads.max(1);
        ::std::assert!(
            mappers.threads() <= allowed,
            "{len} items on {threads} threads: map ran on {} different threads, at most {allowed} allowed",
            mappers.threads()
        );
    }
}

#[test]
fn an_empty_slice_gives_none() {
    let items: Vec<u64> = Vec::new();
    ::std::assert_eq!(map_reduce(&items, 4, |x| *x, |a, b| a + b), None);
}

#[test]
fn results_are_combined_in_item_order() {
    // Joining strings is associative but not commutative: partial results must be
    // combined in chunk order.
    let items: Vec<u32> = (0..37).collect();
    let expected = items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    for threads in [1, 2, 5, 8] {
        let joined = map_reduce(&items, threads, |i| i.to_string(), |a, b| a + "," + &b);
        ::std::assert_eq!(
            joined.as_deref(),
            Some(expected.as_str()),
            "with {threads} threads, out of order"
        );
    }
}

#[test]
fn word_counts_of_a_log() {
    let lines: Vec<String> = (0..60)
        .map(|i| {
            ::std::format!(
                "GET /page{} {}",
                i % 3,
                if i % 4 == 0 { "error" } else { "ok" }
            )
        })
        .collect();
    let lines: Vec<&str> = lines.iter().map(|l| l.as_str()).collect();
    let counts = word_counts(&lines, 4);
    ::std::assert_eq!(counts.get("GET"), Some(&60));
    ::std::assert_eq!(counts.get("/page0"), Some(&20));
    ::std::assert_eq!(counts.get("error"), Some(&15));
    ::std::assert_eq!(counts.get("ok"), Some(&45));
    ::std::assert_eq!(counts.len(), 6, "GET, three pages, ok and error");
}

#[test]
fn results_are_combined_in_item_order_when_the_first_chunk_finishes_last() {
    // The first item takes a while to map, so the first chunk's thread finishes after the
    // others: partial results combined as their threads finish (into a shared accumulator,
    // say) come out of order. Combine them in the order of the chunks.
    let items: Vec<u32> = (0..29).collect();
    let expected = items
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",");
    for threads in [3, 4] {
        let joined = map_reduce(
            &items,
            threads,
            |i| {
                if *i == 0 {
                    thread::sleep(::std::time::Duration::from_millis(60));
                }
                i.to_string()
            },
            |a, b| a + "," + &b,
        );
        ::std::assert_eq!(
            joined.as_deref(),
            Some(expected.as_str()),
            "with {threads} threads, where the first chunk's thread finished last: the partial \
             results must be combined in the order of the chunks, not in the order their \
             threads finished"
        );
    }
}
