// Grader-owned tests for false_sharing.
use super::{PaddedCounter, serve};
use ::std::mem::{align_of, size_of};
use ::std::sync::atomic::AtomicU64;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `PaddedCounter::new` must keep this signature.
    let _: fn() -> PaddedCounter = PaddedCounter::new;
    // `serve` must keep this signature.
    let _: fn(usize, u64) -> u64 = serve;
}

const LINE: usize = 64;

/// The 64-byte line that holds the start of this counter's `requests`.
fn line_of(counter: &PaddedCounter) -> usize {
    (&counter.requests as *const AtomicU64 as usize) / LINE
}

#[test]
fn a_counter_starts_on_a_cache_line_boundary() {
    ::std::assert!(
        align_of::<PaddedCounter>() >= LINE,
        "align_of::<PaddedCounter>() is {}: a counter may start in the middle of a line that \
         holds other data; it must be at least {LINE}",
        align_of::<PaddedCounter>()
    );
}

#[test]
fn a_counter_fills_whole_cache_lines() {
    let size = size_of::<PaddedCounter>();
    ::std::assert!(
        size >= LINE && size % LINE == 0,
        "size_of::<PaddedCounter>() is {size}: a counter must fill whole {LINE}-byte lines"
    );
}

#[test]
fn counters_side_by_side_use_different_lines() {
    let counters: [PaddedCounter; 4] = ::std::array::from_fn(|_| PaddedCounter::new());
    for (i, a) in counters.iter().enumerate() {
        for (j, b) in counters.iter().enumerate().skip(i + 1) {
            ::std::assert_ne!(
                line_of(a),
                line_of(b),
                "counters {i} and {j} of an array share a {LINE}-byte line (false sharing)"
            );
        }
    }
    let in_a_vec: Vec<PaddedCounter> = (0..4).map(|_| PaddedCounter::new()).collect();
    for pair in in_a_vec.windows(2) {
        ::std::assert_ne!(
            line_of(&pair[0]),
            line_of(&pair[1]),
            "two counters next to each other in a Vec share a line"
        );
    }
}

#[test]
fn the_counts_still_add_up() {
    ::std::assert_eq!(
        serve(4, 10_000),
        40_000,
        "4 workers serving 10,000 requests each"
    );
    ::std::assert_eq!(serve(1, 5), 5);
    ::std::assert_eq!(serve(0, 5), 0, "no workers, no requests");
}
