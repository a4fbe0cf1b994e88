// Grader-owned tests for store_buffering, on real threads: the loom models (loom.rs) check every
// interleaving under the model checker; these stress tests (run after the models pass) check
// the same properties with std's own types and real contention, so that code which behaves
// differently under the model checker (e.g. branching on `std::any::type_name`) cannot pass.
// (Real hardware shows some reorderings rarely or never, x86 a store buffer but no other: the
// model is what finds an ordering bug; these fail code that is right only while model-checked.)
use super::Doorbell;

/// The exercise's API exactly as these checks call it, never called itself: a learner who
/// changes a signature (a return type whose `==` is always true, a generic that infers something
/// else) gets a compile error here, naming the item, instead of checks that compare something else.
#[allow(dead_code)]
fn api() {
    // `Doorbell::new` must keep this signature.
    let _: fn() -> Doorbell = Doorbell::new;
    // `Doorbell::worker_may_sleep` must keep this signature.
    let _: fn(&Doorbell) -> bool = Doorbell::worker_may_sleep;
    // `Doorbell::post_work` must keep this signature.
    let _: fn(&Doorbell) -> bool = Doorbell::post_work;
}

/// Doorbells per round: both threads go through them in order, so they race on each one.
const BELLS: usize = 1_000;

/// Each side alone, and one after the other on one thread: with nothing to race, each answer
/// is exact. (A worker that never sleeps, or a producer that always rings, never loses a
/// wakeup, but it is not the doorbell the exercise asks for.)
#[test]
fn each_side_alone_and_one_after_the_other() {
    ::std::assert!(
        Doorbell::new().worker_may_sleep(),
        "no work was ever posted: the worker may sleep (`worker_may_sleep` must return true)"
    );
    ::std::assert!(
        !Doorbell::new().post_work(),
        "the worker never went to sleep: the producer must not ring (`post_work` must \
         return false)"
    );
    let bell = Doorbell::new();
    ::std::assert!(
        bell.worker_may_sleep(),
        "no work was posted before the worker checked: it may sleep"
    );
    ::std::assert!(
        bell.post_work(),
        "the worker had gone to sleep before the producer posted work: the producer must ring"
    );
    let bell = Doorbell::new();
    ::std::assert!(
        !bell.post_work(),
        "the worker was not sleeping when the producer posted work: no need to ring"
    );
    ::std::assert!(
        !bell.worker_may_sleep(),
        "work was posted before the worker checked: it must stay up (`worker_may_sleep` must \
         return false)"
    );
}

/// `worker_and_producer_never_both_miss_each_other` on real threads.
#[test]
fn stress_worker_and_producer_never_both_miss_each_other() {
    crate::__checks::rounds(|round| {
        let bells: ::std::sync::Arc<::std::vec::Vec<Doorbell>> =
            ::std::sync::Arc::new((0..BELLS).map(|_| Doorbell::new()).collect());
        let shared = ::std::sync::Arc::clone(&bells);
        let seen = crate::__checks::together(2, move |i| {
            shared
                .iter()
                .map(|bell| {
                    if i == 0 {
                        bell.worker_may_sleep()
                    } else {
                        bell.post_work()
                    }
                })
                .collect::<::std::vec::Vec<bool>>()
        });
        for k in 0..BELLS {
            let (sleeps, rings) = (seen[0][k], seen[1][k]);
            ::std::assert!(
                !(sleeps && !rings),
                "lost wakeup on real threads (round {round}): the worker read no work and the \
                 producer read no sleeping worker"
            );
        }
    });
}
