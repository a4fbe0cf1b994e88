// Grader-owned loom models for mutex_counter.
use super::TicketMachine;
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

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

#[test]
fn two_clerks_get_different_tickets() {
    crate::std::__workbook::model(|| {
        let machine = Arc::new(TicketMachine::new());
        let clerk = {
            let machine = Arc::clone(&machine);
            thread::spawn(move || machine.take())
        };
        let mine = machine.take();
        let theirs = clerk.join().unwrap();
        ::std::assert_ne!(
            mine,
            theirs,
            "two clerks handed out the same ticket number: an update was lost"
        );
        let mut both = [mine, theirs];
        both.sort();
        ::std::assert_eq!(both, [1, 2], "the first two tickets must be 1 and 2");
        ::std::assert_eq!(
            machine.issued(),
            2,
            "two tickets were taken, so two must be counted"
        );
    });
}

/// Three clerks, one ticket each: a `take` whose read and write are two critical sections
/// only some of the time (a fast path under one guard, a slow path under two) loses an
/// update only when a third clerk takes a ticket inside the slow path's gap.
#[test]
fn two_clerks_get_different_tickets_and_three_do_too() {
    crate::std::__workbook::model(|| {
        let machine = Arc::new(TicketMachine::new());
        let clerks: ::std::vec::Vec<_> = (0..2)
            .map(|_| {
                let machine = Arc::clone(&machine);
                thread::spawn(move || machine.take())
            })
            .collect();
        let mut tickets = ::std::vec![machine.take()];
        tickets.extend(clerks.into_iter().map(|c| c.join().unwrap()));
        tickets.sort();
        ::std::assert_eq!(
            tickets,
            [1, 2, 3],
            "three clerks took one ticket each: they must get 1, 2 and 3 (a number handed out \
             twice is an update lost)"
        );
        ::std::assert_eq!(
            machine.issued(),
            3,
            "three tickets were taken, so three must be counted"
        );
    });
}
