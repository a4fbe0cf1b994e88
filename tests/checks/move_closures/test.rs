// Grader-owned tests for move_closures.
use super::{Summary, summarize};

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `summarize` must keep this signature.
    let _: fn(::std::vec::Vec<f64>) -> Summary = summarize;
    // `Summary::mean` must keep this field.
    let _: fn(&Summary) -> &f64 = |s| &s.mean;
    // `Summary::max` must keep this field.
    let _: fn(&Summary) -> &f64 = |s| &s.max;
}

/// What the checks compare: the fields themselves, with std's `==`, never the learner's own
/// `PartialEq` (an `eq` that is always true would make every comparison pass).
fn fields(s: Summary) -> (f64, f64) {
    (s.mean, s.max)
}

#[test]
fn mean_and_max_of_a_day() {
    let summary = summarize(::std::vec![-2.5, 1.0, 6.5, 3.0]);
    ::std::assert_eq!(
        fields(summary),
        fields(Summary {
            mean: 2.0,
            max: 6.5
        }),
        "(-2.5 + 1 + 6.5 + 3) / 4 = 2, and 6.5 is the warmest"
    );
}

#[test]
fn a_cold_day_has_a_negative_maximum() {
    let summary = summarize(::std::vec![-8.0, -3.0, -4.0]);
    ::std::assert_eq!(
        fields(summary),
        fields(Summary {
            mean: -5.0,
            max: -3.0
        })
    );
}

#[test]
fn a_single_reading_is_its_own_mean_and_max() {
    ::std::assert_eq!(
        fields(summarize(::std::vec![12.25])),
        fields(Summary {
            mean: 12.25,
            max: 12.25
        })
    );
}

/// Readings that record which threads read them (the first `deref` on each thread).
#[derive(Clone)]
struct Watched {
    readings: ::std::vec::Vec<f64>,
    readers: ::std::sync::Arc<::std::sync::Mutex<::std::vec::Vec<::std::thread::ThreadId>>>,
}

impl ::core::ops::Deref for Watched {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        let me = ::std::thread::current().id();
        let mut readers = self.readers.lock().unwrap_or_else(|e| e.into_inner());
        if !readers.contains(&me) {
            readers.push(me);
        }
        &self.readings
    }
}

/// The concurrency witness: the readings are read on the threads `summarize` spawns, not all
/// on the calling thread before (or instead of) spawning them.
#[test]
fn the_spawned_threads_do_the_work() {
    let readers = ::std::sync::Arc::new(::std::sync::Mutex::new(::std::vec::Vec::new()));
    let watched = Watched {
        readings: ::std::vec![4.0, -1.0, 9.0, 0.0],
        readers: ::std::sync::Arc::clone(&readers),
    };
    let summary = summarize(watched);
    ::std::assert_eq!(
        fields(summary),
        fields(Summary {
            mean: 3.0,
            max: 9.0
        })
    );
    let me = ::std::thread::current().id();
    let readers = readers.lock().unwrap_or_else(|e| e.into_inner());
    let spawned = readers.iter().filter(|t| **t != me).count();
    ::std::assert!(
        readers.len() >= 2 && spawned >= 1,
        "the readings were read on {} thread(s), {spawned} of them spawned by `summarize`: the \
         work ran on the calling thread, one piece after another, not on two threads at once. \
         Move the readings (or a copy) into each closure and compute inside the threads",
        readers.len()
    );
}
