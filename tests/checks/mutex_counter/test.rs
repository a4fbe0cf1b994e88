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

/// The barrier's last pairings whose first clerk's call time is kept, tagged with the first
/// clerk's number in the bits above `NS_BITS` (nanoseconds since the round began, below).
const PAIRS_KEPT: usize = 64;
/// No clerk waiting at the barrier.
const NONE: u64 = u64::MAX;
const NS_BITS: u32 = 40;
const NS_MASK: u64 = (1 << NS_BITS) - 1;

/// How close together (in nanoseconds) two clerks' `take` calls count as made at the same
/// instant: two calls that close both reach the lock before either has written its ticket.
const SAME_INSTANT_NS: u64 = 150;

/// Clerks on real threads, the property of the loom model `two_clerks_get_different_tickets`:
/// rounds of four clerks on a fresh machine, who take tickets two at a time, at the same
/// instant: each time, the first of two spins at a barrier until a second has come (so both
/// are running, each on a core), then both call `take` (a clerk left alone at the barrier for
/// long takes no ticket, and comes again). A `take` that reads under one lock and
/// writes under another (or is right only while model-checked) lets the second read the same
/// number before the first has written its own, and hands it out twice. Timing decides which
/// calls were made at the same instant (within `SAME_INSTANT_NS`, after a small random delay
/// of the later one, so that the two meet in every order): the rounds go on until `OVERLAPS`
/// such pairs were seen (`Overlap`), and if they never are (a machine too busy to run two at
/// once) the test says so, and does not pass. `MAX_TICKETS` tickets are taken in all, no
/// more (an answer may log every ticket, and its output must stay small: the grader keeps
/// 256 KiB of a check's output, and the runner's own record of the result comes after it) and
/// no fewer, all on pairs (a duplicate needs one clerk to lock in the instant between the
/// other's two locks, which a few pairs in a hundred show).
#[test]
fn stress_clerks_on_real_threads_get_different_tickets() {
    use ::std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::SeqCst};
    const CLERKS: usize = 4;
    /// Tickets each clerk takes in a round, at least (while any are left).
    const EACH: usize = 25;
    /// How long a round goes on taking the tickets left.
    const ROUND_FOR: ::std::time::Duration = ::std::time::Duration::from_millis(2_000);
    const MAX_TICKETS: usize = 8_000;
    /// How long a clerk waits at the barrier for another (spins) before it goes on alone.
    const BARRIER_SPINS: u32 = 4_096;
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
            // The clerk waiting for another at the barrier (its number), if any.
            let waiting = Arc::new(AtomicU64::new(NONE));
            // When the first of each recent pair called `take`, tagged with its number.
            let calls: Arc<[AtomicU64; PAIRS_KEPT]> =
                Arc::new(::core::array::from_fn(|_| AtomicU64::new(u64::MAX)));
            let base = ::std::time::Instant::now();
            let seeds: [u64; CLERKS] = ::core::array::from_fn(|_| rng.next_u64() | 1);
            let (shared, witness, budget) =
                (Arc::clone(&machine), Arc::clone(&overlap), Arc::clone(&left));
            let taken = crate::__checks::together(CLERKS, move |i| {
                let began = ::std::time::Instant::now();
                let mut jitter = seeds[i];
                let mut tickets = ::std::vec::Vec::new();
                let mut tries: u64 = 0;
                // Every ticket allowed, in this round: a duplicate needs the second clerk to
                // get the lock in the instant between the first one's two locks, so one pair
                // in a few hundred shows it, and every pair counts. For `ROUND_FOR`, and on
                // until `EACH` are taken (not beyond twice that time: other rounds follow).
                loop {
                    let time = began.elapsed();
                    if time >= ROUND_FOR * 2 || (time >= ROUND_FOR && tickets.len() >= EACH) {
                        break;
                    }
                    // Pairing: the first to come waits in `waiting` (its own number), spinning
                    // (a yield would hand the core to another process), so that both are
                    // running when the second comes and takes it out; alone for too long (the
                    // other was held up, in a log line's write, say), it leaves: no ticket,
                    // come again. The tickets allowed are spent on pairs.
                    tries += 1;
                    let me = tries << 2 | i as u64;
                    let (pair, later) = match waiting.compare_exchange(NONE, me, SeqCst, SeqCst) {
                        ::core::result::Result::Ok(_) => {
                            let mut spins = 0;
                            while waiting.load(SeqCst) == me && spins < BARRIER_SPINS {
                                ::std::hint::spin_loop();
                                spins += 1;
                            }
                            if waiting.compare_exchange(me, NONE, SeqCst, SeqCst).is_ok() {
                                continue;
                            }
                            (me, false)
                        }
                        ::core::result::Result::Err(first) => {
                            if waiting
                                .compare_exchange(first, NONE, SeqCst, SeqCst)
                                .is_err()
                            {
                                continue;
                            }
                            (first, true)
                        }
                    };
                    if budget
                        .fetch_update(SeqCst, SeqCst, |n| n.checked_sub(1))
                        .is_err()
                    {
                        break;
                    }
                    // The later one waits 0 to 7 spins: the other sees it come a little after
                    // it did, by an amount that differs between machines.
                    if later {
                        jitter ^= jitter << 13;
                        jitter ^= jitter >> 7;
                        jitter ^= jitter << 17;
                        for _ in 0..jitter % 8 {
                            ::std::hint::spin_loop();
                        }
                    }
                    // When the first calls, tagged with its pairing (the first one's number).
                    let called = base.elapsed().as_nanos() as u64 & NS_MASK;
                    let slot = &calls[pair as usize % PAIRS_KEPT];
                    if !later {
                        slot.store(pair << NS_BITS | called, SeqCst);
                    }
                    tickets.push(shared.take());
                    // Each pair once, by its later one, once its own call has returned (the
                    // first wrote its time before it called).
                    let first = slot.load(SeqCst);
                    if later
                        && first >> NS_BITS == pair
                        && (first & NS_MASK).abs_diff(called) < SAME_INSTANT_NS
                    {
                        witness.saw();
                    }
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
