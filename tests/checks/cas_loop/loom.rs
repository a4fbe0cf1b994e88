// Grader-owned loom models for cas_loop.
use super::*;

#[test]
fn the_slowest_request_is_kept() {
    crate::std::__workbook::model(|| {
        let monitor = Arc::new(LatencyMonitor::new());
        let m = Arc::clone(&monitor);
        let slow = thread::spawn(move || m.record(50));
        monitor.record(30); // a new peak or not, depending on who comes first
        let slow = slow.join().unwrap();
        assert_eq!(monitor.peak(), 50, "50 and 30 were recorded: the peak must be 50");
        assert!(slow, "50 is higher than every other time: `record(50)` must return true");
    });
}

#[test]
fn a_lower_time_never_counts_as_a_peak() {
    crate::std::__workbook::model(|| {
        let monitor = Arc::new(LatencyMonitor::new());
        assert!(monitor.record(40), "40 is the first time recorded: a new peak");
        let m = Arc::clone(&monitor);
        let higher = thread::spawn(move || m.record(70));
        let lower = monitor.record(20);
        assert!(higher.join().unwrap(), "70 is higher than every other time: a new peak");
        assert!(!lower, "20 is lower than the peak of 40 recorded before it: not a new peak");
        assert_eq!(monitor.peak(), 70, "40, 70 and 20 were recorded: the peak must be 70");
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
        assert!(results[1], "30 is higher than every other time: `record(30)` must return true");
        assert_eq!(monitor.peak(), 30, "10, 30 and 20 were recorded: the peak must be 30");
    });
}
