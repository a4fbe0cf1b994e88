// Grader-owned tests for mutex_counter, on real threads: the loom model (loom.rs) checks every
// interleaving of two clerks under the model checker; this checks the same property with std's
// own Mutex and real contention, so that code which behaves differently under the model
// checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::TicketMachine;
use ::std::sync::Arc;
use ::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `TicketMachine::new` must keep this signature.
    let _: fn() -> TicketMachine = TicketMachine::new;
    // `TicketMachine::take` must keep this signature.
    let _: fn(&TicketMachine) -> u64 = TicketMachine::take;
    // `TicketMachine::issued` must keep this signature.
    let _: fn(&TicketMachine) -> u64 = TicketMachine::issued;
}

/// Clerks on real threads, the property of the loom model `two_clerks_get_different_tickets`:
/// rounds of four clerks on a fresh machine, who take tickets two at a time, at the same
/// instant: each time, the first of two spins at a barrier until a second has come (so both
/// are running, each on a core), then both call `take` (a clerk left alone at the barrier for
/// long takes no ticket, and comes again). A `take` that reads under one lock and
/// writes under another (or is right only while model-checked) lets the second read the same
/// number before the first has written its own, and hands it out twice. Timing decides which
/// calls were made at the same instant (within `SAME_INSTANT_NS` (`SameInstant`), after a small random delay
/// of the later one, so that the two meet in every order): the rounds go on until `OVERLAPS`
/// such pairs were seen (`Overlap`), and if they never are (a machine too busy to run two at
/// once) the test says so, and does not pass. `MAX_TICKETS` tickets are taken in all, no
/// more (an answer may log every ticket, and its output must stay small: the grader keeps
/// 256 KiB of a check's output, and the runner's own record of the result comes after it) and
/// no fewer, all on pairs (a duplicate needs one clerk to lock in the instant between the
/// other's two locks, which a few pairs in a hundred show).
#[test]
fn stress_clerks_on_real_threads_get_different_tickets() {
    use ::std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
    const CLERKS: usize = 4;
    /// Tickets each clerk takes in a round, at least (while any are left).
    const EACH: usize = 25;
    /// How long a round goes on taking the tickets left.
    const ROUND_FOR: ::std::time::Duration = ::std::time::Duration::from_millis(2_000);
    const MAX_TICKETS: usize = 8_000;
    let overlap = Arc::new(crate::__checks::Overlap::new());
    // Tickets left to take, in all rounds.
    let left = Arc::new(AtomicUsize::new(MAX_TICKETS));
    let mut rng = crate::__checks::Rng::new(0x71c4);
    crate::__checks::rounds_overlapping(
        "the clerks' `take` calls made two at a time (within 150 ns of each other)",
        &overlap,
        |round| {
            if left.load(SeqCst) == 0 {
                // Every ticket allowed is taken: the check ends when its time is up.
                thread::sleep(::std::time::Duration::from_millis(5));
                return;
            }
            let machine = Arc::new(TicketMachine::new());
            let pairs = Arc::new(crate::__checks::SameInstant::new(&overlap));
            let seeds: [u64; CLERKS] = ::core::array::from_fn(|_| rng.next_u64());
            let (shared, budget) = (Arc::clone(&machine), Arc::clone(&left));
            let taken = crate::__checks::together(CLERKS, move |i| {
                let began = ::std::time::Instant::now();
                let mut caller = pairs.caller(i, seeds[i]);
                let mut tickets = ::std::vec::Vec::new();
                // Every ticket allowed, in this round: a duplicate needs the second clerk to
                // get the lock in the instant between the first one's two locks, so one pair
                // in a few hundred shows it, and every pair counts. For `ROUND_FOR`, and on
                // until `EACH` are taken (not beyond twice that time: other rounds follow).
                loop {
                    let time = began.elapsed();
                    if time >= ROUND_FOR * 2 || (time >= ROUND_FOR && tickets.len() >= EACH) {
                        break;
                    }
                    // A clerk left alone at the barrier (the other was held up, in a log
                    // line's write, say) takes no ticket, and comes again: the tickets allowed
                    // are spent on pairs.
                    let ::core::option::Option::Some(pair) = caller.meet() else {
                        continue;
                    };
                    if budget
                        .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
                        .is_err()
                    {
                        break;
                    }
                    tickets.push(pair.call(|| shared.take()));
                }
                tickets
            });
            let counts: ::std::vec::Vec<usize> = taken.iter().map(|t| t.len()).collect();
            let mut tickets: ::std::vec::Vec<u64> = taken.into_iter().flatten().collect();
            tickets.sort_unstable();
            let total = tickets.len() as u64;
            let twice: ::std::vec::Vec<u64> = tickets
                .windows(2)
                .filter(|w| w[0] == w[1])
                .map(|w| w[0])
                .collect();
            ::std::assert!(
                twice.is_empty(),
                "{CLERKS} clerks on real threads (round {round}), taking tickets two at a time \
                 at the same instant ({counts:?} each), handed out the same ticket number \
                 twice ({} times, e.g. ticket {}): an update was lost",
                twice.len(),
                twice[0]
            );
            ::std::assert!(
                tickets.iter().copied().eq(1..=total),
                "{CLERKS} clerks took {total} tickets (round {round}): they must be numbered \
                 1 to {total}"
            );
            ::std::assert_eq!(
                machine.issued(),
                total,
                "{total} tickets were taken (round {round}), so {total} must be counted"
            );
        },
    );
}
