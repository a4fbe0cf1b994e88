// Grader-owned loom models for mutex_counter.
use super::*;
// The model's own imports, whatever the learner's file imports (loom's, through the shim).
use crate::std::sync::Arc;
use crate::std::thread;

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
        assert_ne!(
            mine, theirs,
            "two clerks handed out the same ticket number: an update was lost"
        );
        let mut both = [mine, theirs];
        both.sort();
        assert_eq!(both, [1, 2], "the first two tickets must be 1 and 2");
        assert_eq!(machine.issued(), 2, "two tickets were taken, so two must be counted");
    });
}
