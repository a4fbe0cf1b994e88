// Grader-owned tests for cas_loop, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::LatencyMonitor;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `LatencyMonitor::new` must keep this signature.
    let _: fn() -> LatencyMonitor = LatencyMonitor::new;
    // `LatencyMonitor::record` must keep this signature.
    let _: fn(&LatencyMonitor, u64) -> bool = LatencyMonitor::record;
    // `LatencyMonitor::peak` must keep this signature.
    let _: fn(&LatencyMonitor) -> u64 = LatencyMonitor::peak;
}

/// Monitors per round: each thread goes through them in order, so the threads race on each.
const MONITORS: usize = 500;

/// One thread records times drawn per run, with repeats: each `record` must say whether its
/// time is higher than every time recorded before it (an equal time is not a new peak), and
/// `peak` must be the highest so far.
#[test]
fn one_thread_records_times_one_after_another() {
    let mut rng = crate::__checks::Rng::new(0xca5_1009);
    let monitor = LatencyMonitor::new();
    let mut highest = 0;
    let mut recorded = ::std::vec::Vec::new();
    for _ in 0..200 {
        let micros = rng.range(1, 40);
        let expected = micros > highest;
        let got = monitor.record(micros);
        recorded.push(micros);
        ::std::assert_eq!(
            got,
            expected,
            "one thread recorded {recorded:?}: `record({micros})` must return {expected}, since \
             the highest time before it was {highest} (a time equal to the peak is not higher)"
        );
        highest = highest.max(micros);
        ::std::assert_eq!(
            monitor.peak(),
            highest,
            "one thread recorded {recorded:?}: the peak must be {highest}"
        );
    }
}

/// `three_threads_race_to_raise_the_peak` on real threads: the highest time is kept and
/// counts as a new peak, whoever comes first.
#[test]
fn stress_threads_race_to_raise_the_peak() {
    crate::__checks::rounds(|round| {
        let monitors: ::std::sync::Arc<::std::vec::Vec<LatencyMonitor>> =
            ::std::sync::Arc::new((0..MONITORS).map(|_| LatencyMonitor::new()).collect());
        let shared = ::std::sync::Arc::clone(&monitors);
        // Four different times, drawn per round, the highest on a random thread.
        let mut rng = crate::__checks::Rng::new(0xca5_1001 ^ round as u64);
        let mut drawn = ::std::vec::Vec::new();
        while drawn.len() < 4 {
            let t = rng.range(1, 1_000_000);
            if !drawn.contains(&t) {
                drawn.push(t);
            }
        }
        let times: [u64; 4] = [drawn[0], drawn[1], drawn[2], drawn[3]];
        let highest = *times.iter().max().unwrap();
        let top = times.iter().position(|&t| t == highest).unwrap();
        let peaks = crate::__checks::together(4, move |i| {
            shared
                .iter()
                .map(|m| m.record(times[i]))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, monitor) in monitors.iter().enumerate() {
            ::std::assert!(
                peaks[top][k],
                "{times:?} were recorded at once on real threads (round {round}): {highest} is \
                 higher than every other, so `record({highest})` must return true"
            );
            ::std::assert_eq!(
                monitor.peak(),
                highest,
                "{times:?} were recorded at once on real threads (round {round}): the peak must \
                 be {highest}"
            );
        }
    });
}
