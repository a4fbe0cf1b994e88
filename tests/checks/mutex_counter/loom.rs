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
