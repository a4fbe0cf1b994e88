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

/// Where the watched readings' readers wait for each other: a thread's deref waits (up to
/// `PATIENCE`) until a reader on another thread is waiting too, which happens only if two
/// threads read the readings at the same time. A wait that times out gives up and lets the
/// thread go on; after two such, nobody waits any more (a serial answer finishes quickly),
/// and the test says what happened.
#[derive(Default)]
struct Meeting {
    state: ::std::sync::Mutex<MeetingState>,
    met_cv: ::std::sync::Condvar,
}

#[derive(Default)]
struct MeetingState {
    /// The thread waiting for another reader, if any.
    waiting: ::core::option::Option<::std::thread::ThreadId>,
    met: bool,
    gave_up: usize,
}

impl Meeting {
    fn arrive(&self) {
        let me = ::std::thread::current().id();
        let mut m = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if m.met || m.gave_up >= 2 {
            return;
        }
        match m.waiting {
            ::core::option::Option::Some(other) if other != me => {
                m.met = true;
                self.met_cv.notify_all();
                return;
            }
            ::core::option::Option::Some(_) => return,
            ::core::option::Option::None => m.waiting = ::core::option::Option::Some(me),
        }
        let began = ::std::time::Instant::now();
        while !m.met {
            let ::core::option::Option::Some(left) =
                crate::__checks::PATIENCE.checked_sub(began.elapsed())
            else {
                m.gave_up += 1;
                break;
            };
            m = self
                .met_cv
                .wait_timeout(m, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        if m.waiting == ::core::option::Option::Some(me) {
            m.waiting = ::core::option::Option::None;
        }
    }
}

/// Readings that record which threads read them (the first `deref` on each thread), and
/// whose readers on two threads wait for each other (`Meeting`).
#[derive(Clone)]
struct Watched {
    readings: ::std::vec::Vec<f64>,
    readers: ::std::sync::Arc<::std::sync::Mutex<::std::vec::Vec<::std::thread::ThreadId>>>,
    meeting: ::std::sync::Arc<Meeting>,
}

impl ::core::ops::Deref for Watched {
    type Target = [f64];

    fn deref(&self) -> &[f64] {
        let me = ::std::thread::current().id();
        {
            let mut readers = self.readers.lock().unwrap_or_else(|e| e.into_inner());
            if !readers.contains(&me) {
                readers.push(me);
            }
        }
        self.meeting.arrive();
        &self.readings
    }
}

/// The concurrency witness: the readings are read on the threads `summarize` spawns, not all
/// on the calling thread before (or instead of) spawning them, and by two threads at the same
/// time (a thread joined before the other is spawned reads them alone).
#[test]
fn the_spawned_threads_do_the_work() {
    let readers = ::std::sync::Arc::new(::std::sync::Mutex::new(::std::vec::Vec::new()));
    let meeting = ::std::sync::Arc::new(Meeting::default());
    let watched = Watched {
        readings: ::std::vec![4.0, -1.0, 9.0, 0.0],
        readers: ::std::sync::Arc::clone(&readers),
        meeting: ::std::sync::Arc::clone(&meeting),
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
    let met = meeting.state.lock().unwrap_or_else(|e| e.into_inner()).met;
    ::std::assert!(
        met,
        "the mean and the maximum: {}. The readings were read on {} threads, but never by two \
         at once (each reader waited {} ms for another): a thread joined before the next one \
         is spawned runs alone. Spawn both threads, then join them",
        crate::__checks::SERIAL,
        readers.len(),
        crate::__checks::PATIENCE.as_millis()
    );
}
