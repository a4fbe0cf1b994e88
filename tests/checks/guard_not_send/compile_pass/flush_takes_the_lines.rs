// message: `flush_in_background` must return every line in order and leave the log empty and usable.
// Every name but the exercise's own items is written as a full path: the learner's `pub` items
// come in through a glob and could stand in for `Send`, `drop` or `Box` otherwise.
use ::std::sync::{Arc, Mutex};

fn main() {
    let log = Arc::new(Mutex::new(::std::vec![
        "GET / 200".to_string(),
        "POST /login 302".to_string()
    ]));
    let flushed = flush_in_background(&log).join().unwrap();
    ::std::assert_eq!(
        flushed,
        ::std::vec!["GET / 200".to_string(), "POST /login 302".to_string()]
    );
    ::std::assert!(
        log.lock().unwrap().is_empty(),
        "the flushed lines must be gone from the log"
    );
    log.lock().unwrap().push("GET /about 200".to_string());
    let again = flush_in_background(&log).join().unwrap();
    ::std::assert_eq!(again, ::std::vec!["GET /about 200".to_string()]);
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
