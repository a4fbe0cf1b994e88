// Grader-owned real-thread stress tests for treiber_stack (std build): the models' property
// on real threads with std's own atomics, so code that is right only while model-checked fails.
use super::Stack;

#[test]
fn stress_real_threads_push_and_pop_lose_and_duplicate_nothing() {
    const THREADS: usize = 4;
    let mut rng = crate::__checks::Rng::new(0x7e1b);
    // Counts the pushes and pops that ran while another thread's did: the verdict needs
    // enough of them (a round whose threads the OS ran one after another proves nothing).
    let overlap = ::std::sync::Arc::new(crate::__checks::Overlap::new());
    crate::__checks::rounds_overlapping("the pushes and pops", &overlap, |round| {
        let each = rng.range(50, 300);
        let base = rng.next_u64() >> 20;
        let stack = ::std::sync::Arc::new(Stack::<u64>::new());
        let shared = ::std::sync::Arc::clone(&stack);
        let witness = ::std::sync::Arc::clone(&overlap);
        // Each thread pushes its own jobs and pops one after each push: pushes and pops of
        // four threads on one head, at once.
        let results = crate::__checks::together(THREADS, move |t| {
            let began = ::std::time::Instant::now();
            let mut got = ::std::vec::Vec::new();
            let mut i = 0;
            while witness.more(i, each, began) {
                witness.op(|| shared.push(base + ((t as u64) << 40) + i));
                if let ::std::option::Option::Some(v) = witness.op(|| shared.pop()) {
                    got.push(v);
                }
                i += 1;
            }
            (i, got)
        });
        let counts: ::std::vec::Vec<u64> = results.iter().map(|r| r.0).collect();
        // How many times each job came back (a count per thread and job: no sort, so that a
        // long round's check is short beside the round).
        let mut seen: ::std::vec::Vec<::std::vec::Vec<u32>> =
            counts.iter().map(|&n| ::std::vec![0; n as usize]).collect();
        let mut stray = ::std::option::Option::None;
        let mut came_back = 0u64;
        let mut tally = |v: u64| {
            came_back += 1;
            let (t, i) = ((v.wrapping_sub(base) >> 40) as usize, v.wrapping_sub(base) & 0xff_ffff_ffff);
            match seen.get_mut(t).and_then(|s| s.get_mut(i as usize)) {
                ::std::option::Option::Some(n) => *n += 1,
                ::std::option::Option::None => stray = ::std::option::Option::Some(v),
            }
        };
        for r in results {
            r.1.into_iter().for_each(&mut tally);
        }
        while let ::std::option::Option::Some(v) = stack.pop() {
            tally(v);
        }
        let job = |t: usize, i: usize| base + ((t as u64) << 40) + i as u64;
        let find = |want: fn(u32) -> bool| {
            seen.iter().enumerate().find_map(|(t, s)| {
                s.iter().position(|&n| want(n)).map(|i| job(t, i))
            })
        };
        let twice = find(|n| n > 1);
        let lost = find(|n| n == 0);
        let pushed: u64 = counts.iter().sum();
        if twice.is_some() || lost.is_some() || stray.is_some() {
            // A node popped twice may sit twice in the stack's list of retired nodes: dropping
            // the stack would free it twice (or walk a cycle). Leak it: the verdict is above.
            ::core::mem::forget(stack);
            ::std::panic!(
                "round {round}: {THREADS} threads pushed {counts:?} jobs and popped one after \
                 each push; {came_back} jobs came back out of {pushed} pushed (a job popped \
                 twice: {twice:?}, a job lost: {lost:?}{}). A push or pop must change the head \
                 only if it is still the head it read",
                stray.map_or(::std::string::String::new(), |v| ::std::format!(", a job never pushed: {v}"))
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
