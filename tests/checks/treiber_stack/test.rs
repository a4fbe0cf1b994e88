// Grader-owned real-thread stress tests for treiber_stack (std build): the models' property
// on real threads with std's own atomics, so code that is right only while model-checked fails.
use super::Stack;

#[test]
fn stress_real_threads_push_and_pop_lose_and_duplicate_nothing() {
    const THREADS: usize = 4;
    let mut rng = crate::__checks::Rng::new(0x7e1b);
    crate::__checks::rounds(|round| {
        let each = rng.range(50, 300);
        let base = rng.next_u64() >> 20;
        let stack = ::std::sync::Arc::new(Stack::<u64>::new());
        let shared = ::std::sync::Arc::clone(&stack);
        // Each thread pushes its own jobs and pops one after each push: pushes and pops of
        // four threads on one head, at once.
        let popped = crate::__checks::together(THREADS, move |t| {
            let mut got = ::std::vec::Vec::new();
            for i in 0..each {
                shared.push(base + (t as u64) * 1_000_000 + i);
                if let ::std::option::Option::Some(v) = shared.pop() {
                    got.push(v);
                }
            }
            got
        });
        let mut all: ::std::vec::Vec<u64> = popped.into_iter().flatten().collect();
        while let ::std::option::Option::Some(v) = stack.pop() {
            all.push(v);
        }
        all.sort_unstable();
        let mut pushed: ::std::vec::Vec<u64> = (0..THREADS as u64)
            .flat_map(|t| (0..each).map(move |i| base + t * 1_000_000 + i))
            .collect();
        pushed.sort_unstable();
        if all != pushed {
            // A node popped twice may sit twice in the stack's list of retired nodes: dropping
            // the stack would free it twice (or walk a cycle). Leak it: the verdict is above.
            ::core::mem::forget(stack);
            let twice = all.windows(2).find(|w| w[0] == w[1]).map(|w| w[0]);
            let lost = pushed.iter().find(|v| all.binary_search(v).is_err());
            ::std::panic!(
                "round {round}: {THREADS} threads each pushed {each} jobs and popped one after \
                 each push; {} jobs came back out of {} pushed (a job popped twice: {twice:?}, \
                 a job lost: {lost:?}). A push or pop must change the head only if it is still \
                 the head it read",
                all.len(),
                pushed.len()
            );
        }
    });
}

/// A job that counts its drops in `drops`.
struct Job {
    drops: ::std::sync::Arc<::std::sync::atomic::AtomicUsize>,
}

impl ::core::ops::Drop for Job {
    fn drop(&mut self) {
        self.drops
            .fetch_add(1, ::std::sync::atomic::Ordering::SeqCst);
    }
}

#[test]
fn a_dropped_stack_drops_each_job_left_on_it_once() {
    let mut rng = crate::__checks::Rng::new(0xd809);
    let pushed = rng.range(3, 60) as usize;
    let popped = rng.range(1, pushed as u64) as usize;
    let drops = ::std::sync::Arc::new(::std::sync::atomic::AtomicUsize::new(0));
    let count = || drops.load(::std::sync::atomic::Ordering::SeqCst);
    let stack = Stack::new();
    for _ in 0..pushed {
        stack.push(Job {
            drops: ::std::sync::Arc::clone(&drops),
        });
    }
    let taken: ::std::vec::Vec<Job> = (0..popped).filter_map(|_| stack.pop()).collect();
    ::std::assert_eq!(taken.len(), popped, "{pushed} jobs pushed, {popped} popped");
    ::std::assert_eq!(
        count(),
        0,
        "{pushed} jobs pushed and {popped} popped: nothing may be dropped yet (a popped job \
         belongs to the worker that popped it)"
    );
    ::core::mem::drop(stack);
    ::std::assert_eq!(
        count(),
        pushed - popped,
        "{pushed} jobs pushed, {popped} popped, then the stack was dropped: the {} jobs still \
         on it must be dropped with it, each once (a job never dropped is a leak)",
        pushed - popped
    );
    ::core::mem::drop(taken);
    ::std::assert_eq!(
        count(),
        pushed,
        "the {popped} popped jobs are dropped once each, by the worker that holds them"
    );
}
