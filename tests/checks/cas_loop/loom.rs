// Grader-owned loom models for cas_loop.
use super::LatencyMonitor;
use crate::std::sync::Arc;
use crate::std::thread;

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

#[test]
fn the_slowest_request_is_kept() {
    crate::std::__workbook::model(|| {
        let monitor = Arc::new(LatencyMonitor::new());
        let m = Arc::clone(&monitor);
        let slow = thread::spawn(move || m.record(50));
        monitor.record(30); // a new peak or not, depending on who comes first
        let slow = slow.join().unwrap();
        ::std::assert_eq!(
            monitor.peak(),
            50,
            "50 and 30 were recorded: the peak must be 50"
        );
        ::std::assert!(
            slow,
            "50 is higher than every other time: `record(50)` must return true"
        );
    });
}

#[test]
fn a_lower_time_never_counts_as_a_peak() {
    crate::std::__workbook::model(|| {
        let monitor = Arc::new(LatencyMonitor::new());
        ::std::assert!(
            monitor.record(40),
            "40 is the first time recorded: a new peak"
        );
        let m = Arc::clone(&monitor);
        let higher = thread::spawn(move || m.record(70));
        let lower = monitor.record(20);
        ::std::assert!(
            higher.join().unwrap(),
            "70 is higher than every other time: a new peak"
        );
        ::std::assert!(
            !lower,
            "20 is lower than the peak of 40 recorded before it: not a new peak"
        );
        ::std::assert_eq!(
            monitor.peak(),
            70,
            "40, 70 and 20 were recorded: the peak must be 70"
        );
    });
}

#[test]
fn three_threads_race_to_raise_the_peak() {
    crate::std::__workbook::model(|| {
        let monitor = Arc::new(LatencyMonitor::new());
        let threads: Vec<_> = [10, 30]
            .into_iter()
            .map(|micros| {
                let m = Arc::clone(&monitor);
                thread::spawn(move || m.record(micros))
            })
            .collect();
        monitor.record(20);
        let results: Vec<bool> = threads.into_iter().map(|t| t.join().unwrap()).collect();
        ::std::assert!(
            results[1],
            "30 is higher than every other time: `record(30)` must return true"
        );
        ::std::assert_eq!(
            monitor.peak(),
            30,
            "10, 30 and 20 were recorded: the peak must be 30"
        );
    });
}
