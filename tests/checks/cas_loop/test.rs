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

/// `three_threads_race_to_raise_the_peak` on real threads: the highest time is kept and
/// counts as a new peak, whoever comes first.
#[test]
fn stress_threads_race_to_raise_the_peak() {
    crate::__checks::rounds(|round| {
        let monitors: ::std::sync::Arc<::std::vec::Vec<LatencyMonitor>> =
            ::std::sync::Arc::new((0..MONITORS).map(|_| LatencyMonitor::new()).collect());
        let shared = ::std::sync::Arc::clone(&monitors);
        let times = [10, 40, 20, 30];
        let peaks = crate::__checks::together(4, move |i| {
            shared
                .iter()
                .map(|m| m.record(times[i]))
                .collect::<::std::vec::Vec<bool>>()
        });
        for (k, monitor) in monitors.iter().enumerate() {
            ::std::assert!(
                peaks[1][k],
                "40 is higher than every other time recorded at once on real threads (round \
                 {round}): `record(40)` must return true"
            );
            ::std::assert_eq!(
                monitor.peak(),
                40,
                "10, 40, 20 and 30 were recorded at once on real threads (round {round}): the \
                 peak must be 40"
            );
        }
    });
}
