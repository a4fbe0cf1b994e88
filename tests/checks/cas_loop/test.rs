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

/// `the_slowest_request_is_kept` on real threads, with the records of each monitor as close
/// together as they can be: the threads take tickets from one counter, four per monitor (the
/// `j`th ticket of monitor `k` records that monitor's `j`th time, drawn per round), so the four
/// records of a monitor run at once or right after one another, whichever threads make them.
/// A record that writes over a higher time lowers that monitor's peak for good. On a busy
/// machine the OS may run a round's threads one after another: the rounds go on until enough
/// records overlapped another thread's (`Overlap`), and if that never happens the test says
/// so (it does not pass).
#[test]
fn stress_records_of_one_monitor_at_once_keep_the_highest() {
    const THREADS: usize = 4;
    const MONITORS: usize = 20_000;
    let mut rng = crate::__checks::Rng::new(0xca5_1002);
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the records", &overlap, |round| {
        // Four different times per monitor (the low bits tell them apart).
        let times: ::std::sync::Arc<::std::vec::Vec<[u64; 4]>> = ::std::sync::Arc::new(
            (0..MONITORS)
                .map(|_| ::core::array::from_fn(|j| rng.range(1, 1 << 38) << 2 | j as u64))
                .collect(),
        );
        let monitors: ::std::sync::Arc<::std::vec::Vec<LatencyMonitor>> =
            ::std::sync::Arc::new((0..MONITORS).map(|_| LatencyMonitor::new()).collect());
        let tickets = ::std::sync::Arc::new(::std::sync::atomic::AtomicUsize::new(0));
        let (shared, each, witness) = (
            ::std::sync::Arc::clone(&monitors),
            ::std::sync::Arc::clone(&times),
            ::std::sync::Arc::clone(&overlap),
        );
        let results = crate::__checks::together(THREADS, move |_| {
            let began = ::std::time::Instant::now();
            let mut done = ::std::vec::Vec::new();
            while witness.more(done.len() as u64, 1_000, began) {
                let ticket = tickets.fetch_add(1, ::std::sync::atomic::Ordering::Relaxed);
                if ticket >= MONITORS * 4 {
                    break;
                }
                let (k, j) = (ticket / 4, ticket % 4);
                let raised = witness.op(|| shared[k].record(each[k][j]));
                done.push((k, j, raised));
            }
            done
        });
        let mut highest_raised = ::std::vec![::std::option::Option::None; MONITORS];
        let mut recorded = ::std::vec![0u8; MONITORS];
        for &(k, j, raised) in results.iter().flatten() {
            recorded[k] += 1;
            if times[k][j] == *times[k].iter().max().unwrap() {
                highest_raised[k] = ::std::option::Option::Some(raised);
            }
        }
        for k in (0..MONITORS).filter(|&k| recorded[k] == 4) {
            let highest = *times[k].iter().max().unwrap();
            ::std::assert_eq!(
                monitors[k].peak(),
                highest,
                "{:?} were recorded into one monitor by {THREADS} threads at once on real \
                 threads (round {round}): the peak must be the highest, {highest}",
                times[k]
            );
            ::std::assert_eq!(
                highest_raised[k],
                ::std::option::Option::Some(true),
                "{:?} were recorded into one monitor by {THREADS} threads at once on real \
                 threads (round {round}): `record({highest})` must return true",
                times[k]
            );
        }
    });
}
