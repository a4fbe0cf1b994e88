//! Fixtures for step wording: every op's sentence, folding and numbering.

use super::super::record::{self, fixture};
use super::*;

const OBJECTS: &[(&str, &str, &str, &str)] = &[
    ("AtomicI64", "i64", "/w/x.rs:1:1", "0"),
    ("Mutex", "i64", "/w/x.rs:2:1", "-"),
    ("RwLock", "i64", "/w/x.rs:3:1", "-"),
    ("Condvar", "", "/w/x.rs:4:1", "-"),
    ("UnsafeCell", "u64", "/w/x.rs:5:1", "-"),
];

/// The step one event makes: (action, text, location).
fn wording(op: Op, obj: usize, order: &str, a: &str, b: &str) -> (String, String, bool) {
    let text = fixture::record(OBJECTS)
        .step(1, op, obj, order, a, b, "/w/x.rs:7:5")
        .end();
    let record = record::parse(&text).unwrap();
    assert!(record.rejected.is_empty(), "{:?}", record.rejected);
    let steps = Explainer::new(&record, &|_| None, "/x.rs").steps();
    let [step] = steps.as_slice() else {
        panic!("{steps:?}")
    };
    assert_eq!(step.thread, "thread 1");
    (
        step.action.clone(),
        step.text.clone(),
        step.location.is_some(),
    )
}

#[test]
fn every_op_has_its_wording() {
    let fetches = [
        Op::FetchAdd,
        Op::FetchSub,
        Op::FetchAnd,
        Op::FetchNand,
        Op::FetchOr,
        Op::FetchXor,
        Op::FetchMax,
        Op::FetchMin,
        Op::FetchUpdate,
    ];
    let mut cases: Vec<(Op, usize, &str, &str, &str, &str, String)> = vec![
        (
            Op::Spawn,
            1,
            "-",
            "-",
            "-",
            "spawn",
            "spawns thread 1".into(),
        ),
        (
            Op::Join,
            2,
            "-",
            "-",
            "-",
            "join",
            "joins thread 2 (it has finished)".into(),
        ),
        (
            Op::Load,
            1,
            "Relaxed",
            "5",
            "-",
            "load",
            "loads AtomicI64 #1: 5 (Relaxed)".into(),
        ),
        (
            Op::Store,
            1,
            "Release",
            "5",
            "-",
            "store",
            "stores 5 into AtomicI64 #1 (Release)".into(),
        ),
        (
            Op::Swap,
            1,
            "AcqRel",
            "1",
            "2",
            "swap",
            "swap on AtomicI64 #1: 1 -> 2 (AcqRel)".into(),
        ),
        (
            Op::Cas,
            1,
            "SeqCst",
            "1",
            "2",
            "compare_exchange",
            "compare_exchange on AtomicI64 #1 succeeds: 1 -> 2 (SeqCst)".into(),
        ),
        (
            Op::CasFail,
            1,
            "Acquire",
            "3",
            "1",
            "compare_exchange",
            "compare_exchange on AtomicI64 #1 fails: expected 1, found 3 (Acquire)".into(),
        ),
        (
            Op::CasSpurious,
            1,
            "Acquire",
            "1",
            "1",
            "compare_exchange_weak",
            "compare_exchange_weak on AtomicI64 #1 fails spuriously: expected 1, found 1 \
             (Acquire) (a weak exchange may fail even when the value matches)"
                .into(),
        ),
        (
            Op::Fence,
            0,
            "SeqCst",
            "-",
            "-",
            "fence",
            "fence (SeqCst)".into(),
        ),
        (Op::Lock, 2, "-", "-", "-", "lock", "locks Mutex #1".into()),
        (
            Op::Read,
            3,
            "-",
            "-",
            "-",
            "read",
            "locks RwLock #1 for reading".into(),
        ),
        (
            Op::Write,
            3,
            "-",
            "-",
            "-",
            "write",
            "locks RwLock #1 for writing".into(),
        ),
        (
            Op::TryLock,
            2,
            "-",
            "true",
            "-",
            "try_lock",
            "try_lock on Mutex #1 succeeds".into(),
        ),
        (
            Op::TryRead,
            3,
            "-",
            "false",
            "-",
            "try_read",
            "try_read on RwLock #1 fails: another thread holds it".into(),
        ),
        (
            Op::TryWrite,
            3,
            "-",
            "true",
            "-",
            "try_write",
            "try_write on RwLock #1 succeeds".into(),
        ),
        (
            Op::Unlock,
            2,
            "-",
            "-",
            "-",
            "unlock",
            "unlocks Mutex #1 (taken at line 7)".into(),
        ),
        (
            Op::ReadUnlock,
            3,
            "-",
            "-",
            "-",
            "read_unlock",
            "unlocks RwLock #1 (taken at line 7)".into(),
        ),
        (
            Op::WriteUnlock,
            3,
            "-",
            "-",
            "-",
            "write_unlock",
            "unlocks RwLock #1 (taken at line 7)".into(),
        ),
        (
            Op::Wait,
            4,
            "-",
            "-",
            "2",
            "wait",
            "waits on Condvar #1, letting go of Mutex #1".into(),
        ),
        (
            Op::Woken,
            4,
            "-",
            "-",
            "2",
            "woken",
            "wakes up from Condvar #1, holding Mutex #1 again".into(),
        ),
        (
            Op::Spurious,
            4,
            "-",
            "-",
            "2",
            "spurious",
            "returns from Condvar #1 without any notify (a spurious wakeup), holding \
             Mutex #1 again"
                .into(),
        ),
        (
            Op::NotifyOne,
            4,
            "-",
            "-",
            "-",
            "notify_one",
            "notify_one on Condvar #1 (nobody is waiting yet: this wakeup is lost)".into(),
        ),
        (
            Op::NotifyAll,
            4,
            "-",
            "-",
            "-",
            "notify_all",
            "notify_all on Condvar #1 (nobody is waiting yet: this wakeup is lost)".into(),
        ),
        (
            Op::CellGet,
            5,
            "-",
            "-",
            "-",
            "get",
            "takes a pointer into UnsafeCell #1 (counted as a write)".into(),
        ),
        (
            Op::CellRead,
            5,
            "-",
            "-",
            "-",
            "get",
            "takes a pointer into UnsafeCell #1 to read it".into(),
        ),
        (
            Op::Park,
            0,
            "-",
            "-",
            "-",
            "park",
            "parks until it is unparked".into(),
        ),
        (
            Op::ParkTimeout,
            0,
            "-",
            "-",
            "-",
            "park_timeout",
            "parks with a timeout, until it is unparked".into(),
        ),
        (
            Op::TimedOut,
            0,
            "-",
            "-",
            "-",
            "timed_out",
            "park_timeout times out, never unparked (on real threads a timeout may run out \
             at any point: whoever would unpark it may be slower)"
                .into(),
        ),
        (
            Op::TimedOut,
            4,
            "-",
            "-",
            "2",
            "timed_out",
            "times out on Condvar #1, no notify yet (on real threads a timeout may run out \
             at any point: whoever would notify may be slower), holding Mutex #1 again"
                .into(),
        ),
        (
            Op::Unpark,
            2,
            "-",
            "-",
            "-",
            "unpark",
            "unparks thread 2".into(),
        ),
        (
            Op::CellGetMut,
            5,
            "-",
            "-",
            "-",
            "get_mut",
            "borrows UnsafeCell #1 mutably".into(),
        ),
        (
            Op::CellIntoInner,
            5,
            "-",
            "-",
            "-",
            "into_inner",
            "takes the value out of UnsafeCell #1".into(),
        ),
        (
            Op::Freed,
            5,
            "-",
            "-",
            "-",
            "freed",
            "drops UnsafeCell #1, and the memory it is in is freed".into(),
        ),
        (
            Op::UsedFreed,
            5,
            "-",
            "-",
            "-",
            "used_freed",
            "uses UnsafeCell #1, already freed (a use after free)".into(),
        ),
    ];
    for op in fetches {
        let text = format!("{} on AtomicI64 #1: 1 -> 2 (SeqCst)", op.name());
        cases.push((op, 1, "SeqCst", "1", "2", op.name(), text));
    }
    for &op in Op::ALL {
        assert!(
            cases.iter().any(|c| c.0 == op),
            "no wording test for {op:?}"
        );
    }
    for (op, obj, order, a, b, action, text) in cases {
        let (got_action, got_text, located) = wording(op, obj, order, a, b);
        assert_eq!((got_action.as_str(), got_text), (action, text), "{op:?}");
        // An unlock says where the lock was taken in its text, not as its location; a drop
        // (the shim's line) is located at its thread's step before it, and here has none.
        assert_eq!(located, !op.is_unlock() && op != Op::Freed, "{op:?}");
    }
}

#[test]
fn a_notify_counts_the_waiters_it_woke() {
    let text = fixture::record(OBJECTS)
        .step(1, Op::Wait, 4, "-", "-", "2", "/w/x.rs:5:1")
        .step(2, Op::Wait, 4, "-", "-", "2", "/w/x.rs:5:1")
        .step(0, Op::NotifyAll, 4, "-", "-", "-", "/w/x.rs:6:1")
        .step(1, Op::Woken, 4, "-", "-", "2", "/w/x.rs:5:1")
        .step(2, Op::Woken, 4, "-", "-", "2", "/w/x.rs:5:1")
        .end();
    let record = record::parse(&text).unwrap();
    let steps = Explainer::new(&record, &|_| None, "/x.rs").steps();
    assert_eq!(
        steps[2].text,
        "notify_all on Condvar #1 (wakes 2 waiting threads)"
    );
    assert_eq!(steps[2].value.as_deref(), Some("2"));
}

#[test]
fn blocked_operations_are_the_last_steps() {
    let text = fixture::record(OBJECTS)
        .wait(0, Op::Join, 1, "/w/x.rs:9:1")
        .wait(1, Op::Lock, 2, "/w/x.rs:10:1")
        .wait(2, Op::Read, 3, "/w/x.rs:11:1")
        .wait(3, Op::Write, 3, "/w/x.rs:12:1")
        .wait(4, Op::Wait, 4, "/w/x.rs:13:1")
        .end();
    let record = record::parse(&text).unwrap();
    let steps = Explainer::new(&record, &|_| None, "/x.rs").blocked_steps(5);
    let texts: Vec<(usize, &str)> = steps.iter().map(|s| (s.step, s.text.as_str())).collect();
    assert_eq!(
        texts,
        [
            (6, "waits for thread 1 to finish: blocked"),
            (7, "tries to lock Mutex #1: blocked"),
            (8, "tries to lock RwLock #1 for reading: blocked"),
            (9, "tries to lock RwLock #1 for writing: blocked"),
            (10, "waits on Condvar #1: blocked"),
        ]
    );
    assert_eq!(steps[0].object.as_deref(), Some("thread 1"));
}

#[test]
fn repeated_steps_are_folded() {
    let mut b = fixture::record(&[("AtomicBool", "bool", "/w/x.rs:1:1", "false")]);
    for _ in 0..3 {
        b = b
            .step(0, Op::Load, 1, "Acquire", "false", "-", "/w/x.rs:2:1")
            .step(0, Op::Swap, 1, "Acquire", "false", "true", "/w/x.rs:3:1");
    }
    let record = record::parse(&b.end()).unwrap();
    let steps = Explainer::new(&record, &|_| None, "/x.rs").steps();
    assert_eq!(steps.len(), 2);
    assert_eq!((steps[1].times, steps[1].group), (3, 2));
}
