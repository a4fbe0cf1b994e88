// message: an `Arc<HitCounter>` must go to handler threads through `spawn_with` and count every hit: `HitCounter` must be Send and Sync.
use ::std::sync::Arc;

fn main() {
    let counter = Arc::new(HitCounter::new());
    let handlers: Vec<_> = (0..4)
        .map(|i| {
            spawn_with(&counter, move |c: &HitCounter| {
                for _ in 0..250 {
                    c.record(if i % 2 == 0 { "/" } else { "/api" });
                }
            })
        })
        .collect();
    for handler in handlers {
        handler.join().unwrap();
    }
    ::std::assert_eq!(counter.hits("/"), 500);
    ::std::assert_eq!(counter.hits("/api"), 500);
    ::std::assert_eq!(counter.hits("/missing"), 0);
    let total: u64 = counter.with_counts(|counts| counts.values().sum());
    ::std::assert_eq!(total, 1000);
}
