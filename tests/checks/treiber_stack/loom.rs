// Grader-owned loom models for treiber_stack.
use super::Stack;
use crate::std::sync::Arc;
use crate::std::thread;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Stack::new` must keep this signature.
    let _: fn() -> Stack<u32> = Stack::new;
    // `Stack::push` must keep this signature.
    let _: fn(&Stack<u32>, u32) = Stack::push;
    // `Stack::pop` must keep this signature.
    let _: fn(&Stack<u32>) -> ::std::option::Option<u32> = Stack::pop;
}

/// Pops everything left, in order.
fn drain(stack: &Stack<u32>) -> Vec<u32> {
    let mut out = Vec::new();
    while let Some(v) = stack.pop() {
        out.push(v);
    }
    out
}

#[test]
fn step1_one_thread_gets_jobs_back_last_in_first_out() {
    crate::std::__workbook::model(|| {
        let stack = Stack::new();
        ::std::assert_eq!(stack.pop(), None, "a new stack is empty");
        stack.push(1);
        stack.push(2);
        stack.push(3);
        ::std::assert_eq!(
            drain(&stack),
            ::std::vec![3, 2, 1],
            "a stack gives back the newest job first"
        );
        stack.push(4);
        ::std::assert_eq!(
            drain(&stack),
            ::std::vec![4],
            "a stack can be used again after it was emptied"
        );
    });
}

#[test]
fn step2_two_pushes_at_once_both_land() {
    crate::std::__workbook::model(|| {
        let stack = Arc::new(Stack::new());
        let other = Arc::clone(&stack);
        let t = thread::spawn(move || other.push(1));
        stack.push(2);
        t.join().unwrap();
        let mut jobs = drain(&stack);
        jobs.sort();
        ::std::assert_eq!(
            jobs,
            ::std::vec![1, 2],
            "two threads pushed one job each: a push was lost"
        );
    });
}

#[test]
fn step3_a_pop_racing_a_push_sees_the_whole_node() {
    crate::std::__workbook::model(|| {
        let stack = Arc::new(Stack::new());
        stack.push(1);
        let other = Arc::clone(&stack);
        let t = thread::spawn(move || other.push(2));
        let popped = stack.pop();
        t.join().unwrap();
        ::std::assert!(
            popped == Some(1) || popped == Some(2),
            "the stack held a job, but pop returned {popped:?}"
        );
        let mut jobs: Vec<u32> = popped.into_iter().chain(drain(&stack)).collect();
        jobs.sort();
        ::std::assert_eq!(
            jobs,
            ::std::vec![1, 2],
            "every job pushed must be popped exactly once"
        );
    });
}

#[test]
fn step4_two_pops_at_once_take_different_jobs() {
    crate::std::__workbook::model(|| {
        let stack = Arc::new(Stack::new());
        stack.push(1);
        stack.push(2);
        let other = Arc::clone(&stack);
        let t = thread::spawn(move || other.pop());
        let mine = stack.pop();
        let theirs = t.join().unwrap();
        ::std::assert!(
            mine.is_some() && theirs.is_some(),
            "two jobs, two pops: each must get one ({mine:?}, {theirs:?})"
        );
        ::std::assert_ne!(mine, theirs, "two workers popped the same job");
        ::std::assert_eq!(
            stack.pop(),
            None,
            "both jobs were taken, the stack must be empty"
        );
    });
}

#[test]
fn step5_a_push_and_two_pops_at_once() {
    crate::std::__workbook::model(|| {
        let stack = Arc::new(Stack::new());
        stack.push(1);
        let pusher = {
            let stack = Arc::clone(&stack);
            thread::spawn(move || stack.push(2))
        };
        let popper = {
            let stack = Arc::clone(&stack);
            thread::spawn(move || stack.pop())
        };
        let mine = stack.pop();
        pusher.join().unwrap();
        let theirs = popper.join().unwrap();
        let mut jobs: Vec<u32> = mine
            .into_iter()
            .chain(theirs)
            .chain(drain(&stack))
            .collect();
        jobs.sort();
        ::std::assert_eq!(
            jobs,
            ::std::vec![1, 2],
            "every job pushed must be popped exactly once"
        );
    });
}
