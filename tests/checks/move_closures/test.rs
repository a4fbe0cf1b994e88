// Grader-owned tests for move_closures.
use super::*;

#[test]
fn mean_and_max_of_a_day() {
    let summary = summarize(vec![-2.5, 1.0, 6.5, 3.0]);
    assert_eq!(
        summary,
        Summary {
            mean: 2.0,
            max: 6.5
        },
        "(-2.5 + 1 + 6.5 + 3) / 4 = 2, and 6.5 is the warmest"
    );
}

#[test]
fn a_cold_day_has_a_negative_maximum() {
    let summary = summarize(vec![-8.0, -3.0, -4.0]);
    assert_eq!(
        summary,
        Summary {
            mean: -5.0,
            max: -3.0
        }
    );
}

#[test]
fn a_single_reading_is_its_own_mean_and_max() {
    assert_eq!(
        summarize(vec![12.25]),
        Summary {
            mean: 12.25,
            max: 12.25
        }
    );
}
