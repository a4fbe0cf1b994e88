// Grader-owned tests for mutex_counter, on real threads: the loom model (loom.rs) checks every
// interleaving of two clerks under the model checker; this checks the same property with std's
// own Mutex and real contention, so that code which behaves differently under the model
// checker (e.g. branching on `std::any::type_name`) cannot pass.
use super::TicketMachine;
use ::std::sync::{Arc, Barrier};
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
/// rounds of clerks started together by a barrier, until a ticket repeats, the time is up or
/// `MAX_TICKETS` are taken (an answer may log every ticket: its output must stay small).
#[test]
fn stress_clerks_on_real_threads_get_different_tickets() {
    const CLERKS: usize = 4;
    const EACH: usize = 25;
    const FOR: ::std::time::Duration = ::std::time::Duration::from_millis(400);
    const MAX_TICKETS: usize = 8_000;
    let start = Arc::new(Barrier::new(CLERKS));
    let began = ::std::time::Instant::now();
    let mut round = 0;
    while round * CLERKS * EACH < MAX_TICKETS && began.elapsed() < FOR {
        round += 1;
        let machine = Arc::new(TicketMachine::new());
        let clerks: ::std::vec::Vec<_> = (0..CLERKS)
            .map(|_| {
                let machine = Arc::clone(&machine);
                let start = Arc::clone(&start);
                thread::spawn(move || {
                    start.wait();
                    (0..EACH)
                        .map(|_| machine.take())
                        .collect::<::std::vec::Vec<u64>>()
                })
            })
            .collect();
        let mut tickets: ::std::vec::Vec<u64> = clerks
            .into_iter()
            .flat_map(|clerk| clerk.join().unwrap())
            .collect();
        tickets.sort_unstable();
        let total = (CLERKS * EACH) as u64;
        ::std::assert!(
            tickets.windows(2).all(|w| w[0] != w[1]),
            "{CLERKS} clerks on real threads (round {round}) handed out the same ticket \
             number twice: an update was lost"
        );
        ::std::assert!(
            tickets.iter().copied().eq(1..=total),
            "{CLERKS} clerks took {total} tickets: they must be numbered 1 to {total}"
        );
        ::std::assert_eq!(
            machine.issued(),
            total,
            "{total} tickets were taken, so {total} must be counted"
        );
    }
}
