// Grader-owned tests for scoped_borrow (std threads, under the exercise's time limit): the
// searches run at the same time, and the lines found are the log's own.
use super::{Pattern, first_matches};

use ::std::string::String;
use ::std::sync::atomic::{AtomicBool, Ordering};
use ::std::vec::Vec;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `first_matches` must have this signature (the header's), for `&str` patterns...
    let _: for<'a> fn(&'a [String], &[&'static str]) -> Vec<::core::option::Option<&'a str>> =
        first_matches;
    // ...and for any other `Pattern + Sync`, such as these checks' own.
    let _: for<'a> fn(&'a [String], &[Meets<'static>]) -> Vec<::core::option::Option<&'a str>> =
        first_matches;
}

/// A pattern that is in the lines containing `word`. The first time it looks at a line, it
/// waits at `meeting` for the other patterns' searches to be there too: only searches that
/// run at the same time all get there.
struct Meets<'m> {
    word: String,
    meeting: &'m crate::__checks::Rendezvous,
    arrived: AtomicBool,
}

impl Pattern for Meets<'_> {
    fn is_in(&self, line: &str) -> bool {
        if !self.arrived.swap(true, Ordering::SeqCst) {
            self.meeting.arrive();
        }
        line.contains(self.word.as_str())
    }
}

/// A log drawn from the run's seed: lines naming a few request ids, some more than once, so
/// that the first line of each can be told from the later ones. Returns the log and the ids.
fn drawn_log(rng: &mut crate::__checks::Rng) -> (Vec<String>, Vec<String>) {
    let ids: Vec<String> = (0..8)
        .map(|_| ::std::format!("req-{:016x};", rng.next_u64()))
        .collect();
    let lines = rng.range(20, 60);
    let log = (0..lines)
        .map(|i| {
            let level = ["INFO", "WARN", "ERROR"][rng.below(3) as usize];
            let id = &ids[rng.below(ids.len() as u64) as usize];
            ::std::format!("{:02}:{:02} {level} {id} line {i}", 9 + i / 60, i % 60)
        })
        .collect();
    (log, ids)
}

#[test]
fn the_searches_run_at_the_same_time_and_find_the_log_s_own_lines() {
    let mut rng = crate::__checks::Rng::new(0x5c0b);
    let (log, ids) = drawn_log(&mut rng);
    // Some of the ids (one of them maybe in no line), and one that is in no line at all.
    let searched = rng.range(3, 6) as usize;
    let mut words: Vec<String> = (0..searched)
        .map(|_| ids[rng.below(ids.len() as u64) as usize].clone())
        .collect();
    words.push(::std::format!("req-{:016x};", rng.next_u64()));
    let meeting = crate::__checks::Rendezvous::new(words.len());
    let patterns: Vec<Meets<'_>> = words
        .iter()
        .map(|word| Meets {
            word: word.clone(),
            meeting: &meeting,
            arrived: AtomicBool::new(false),
        })
        .collect();

    let found = first_matches(&log, &patterns);

    meeting.assert_parallel(&::std::format!(
        "the {} searches (one scoped thread per pattern: spawn them all, then join them)",
        words.len()
    ));
    let expected: Vec<::core::option::Option<&str>> = words
        .iter()
        .map(|w| {
            log.iter()
                .map(String::as_str)
                .find(|line| line.contains(w.as_str()))
        })
        .collect();
    ::std::assert_eq!(
        found,
        expected,
        "one entry per pattern, in order: the first line of the log containing it, or None"
    );
    for (line, index) in found.iter().zip(0..) {
        if let ::core::option::Option::Some(line) = line {
            ::std::assert!(
                log.iter().any(|l| ::std::ptr::eq(l.as_str(), *line)),
                "the line found for pattern {index} is a copy: the lines found must borrow \
                 from the log"
            );
        }
    }
}
