// message: an `Arc<HitCounter>` must go to handler threads through `spawn_with` and count every hit, also when handlers record the same path at the same moment: `HitCounter` must be Send and Sync, and `record` must read and update a count under one guard.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::sync::Arc;

fn main() {
    // Each handler records this many hits, two handlers per path, all starting at once (a
    // barrier), so that two of them often record the same path at the same moment.
    const EACH: u64 = 20_000;
    let counter = Arc::new(HitCounter::new());
    let start = Arc::new(::std::sync::Barrier::new(4));
    let handlers: ::std::vec::Vec<_> = (0..4)
        .map(|i| {
            let start = Arc::clone(&start);
            spawn_with(&counter, move |c: &HitCounter| {
                start.wait();
                for _ in 0..EACH {
                    c.record(if i % 2 == 0 { "/" } else { "/api" });
                }
            })
        })
        .collect();
    for handler in handlers {
        handler.join().unwrap();
    }
    for path in ["/", "/api"] {
        ::std::assert_eq!(
            counter.hits(path),
            2 * EACH,
            "two handlers recorded {EACH} hits on {path} each, at the same time: hits were lost \
             (a count read under one lock and written back under another)"
        );
    }
    ::std::assert_eq!(counter.hits("/missing"), 0);
    let total: u64 = counter.with_counts(|counts| counts.values().sum());
    ::std::assert_eq!(total, 4 * EACH);
}

/// The API as the cases use it: a changed signature fails here, naming the item.
#[allow(dead_code)]
fn api() {
    // `HitCounter::new`, `record`, `hits` and `with_counts` must keep these signatures.
    let _: fn() -> HitCounter = HitCounter::new;
    let _: fn(&HitCounter, &str) = HitCounter::record;
    let _: fn(&HitCounter, &str) -> u64 = HitCounter::hits;
    let _: fn(
        &HitCounter,
        fn(&::std::collections::HashMap<::std::string::String, u64>) -> u64,
    ) -> u64 = HitCounter::with_counts;
    // `spawn_with` must keep this signature (here with `T = HitCounter`, `R = u64`).
    let _: fn(&Arc<HitCounter>, fn(&HitCounter) -> u64) -> ::std::thread::JoinHandle<u64> =
        spawn_with;
    // `flush_in_background` must keep this signature.
    let _: fn(
        &Arc<::std::sync::Mutex<::std::vec::Vec<::std::string::String>>>,
    ) -> ::std::thread::JoinHandle<::std::vec::Vec<::std::string::String>> = flush_in_background;
}
