// message: the counts `with_counts` hands to `report` must not change while it runs, and a `record` on another thread meanwhile must not fail: hold the lock while `report` runs, or hand it a copy (a RefCell made `Sync` by force panics or races here instead).
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::sync::Arc;
use ::std::sync::mpsc::{self, RecvTimeoutError};
use ::std::time::Duration;

fn main() {
    let counter = Arc::new(HitCounter::new());
    counter.record("/");
    let (done_tx, done_rx) = mpsc::channel();
    let recorder = counter.with_counts(|counts| {
        let recorder = spawn_with(&counter, move |c: &HitCounter| {
            c.record("/");
            done_tx.send(()).unwrap();
        });
        // While this thread reads, the recorder either waits (the lock is held) or records
        // into the counter while `report` reads a copy; either way `counts` stays as it was.
        match done_rx.recv_timeout(Duration::from_millis(100)) {
            ::core::result::Result::Err(RecvTimeoutError::Timeout)
            | ::core::result::Result::Ok(()) => {}
            ::core::result::Result::Err(RecvTimeoutError::Disconnected) => {
                ::std::panic!(
                    "recording a hit on another thread failed while the counts were being read"
                )
            }
        }
        ::std::assert_eq!(
            counts.get("/"),
            ::core::option::Option::Some(&1),
            "the counts changed while `report` was reading them"
        );
        recorder
    });
    recorder.join().expect("the recorder thread must not panic");
    ::std::assert_eq!(counter.hits("/"), 2);
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
