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
