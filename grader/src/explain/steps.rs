//! Steps: each recorded event as a numbered step in words (`stores -40 into offset
//! (Relaxed)`), runs of repeated steps folded, and the operations the threads were blocked
//! in as the last steps of a deadlock.

use super::record::{Event, Loc, Op, Wait, thread_label};
use super::{Explainer, MAX_STEPS};
use crate::verdict::Step;

impl Explainer<'_> {
    /// The steps, repeated runs folded, at most `MAX_STEPS` (the last ones).
    pub fn steps(&self) -> Vec<Step> {
        let events = &self.record.events;
        // Fold runs: a block of `p` events repeated back to back becomes one block.
        let mut folded: Vec<(usize, usize, usize)> = Vec::new(); // (event index, times, group)
        let mut i = 0;
        while i < events.len() {
            let mut best = (1, 1); // (period, repetitions)
            for p in 1..=4 {
                let mut reps = 1;
                while i + (reps + 1) * p <= events.len()
                    && (0..p).all(|k| same(&events[i + k], &events[i + reps * p + k]))
                {
                    reps += 1;
                }
                if reps > 1 && reps * p > best.0 * best.1 {
                    best = (p, reps);
                }
            }
            let (p, reps) = best;
            for k in 0..p {
                let times = if k == p - 1 { reps } else { 1 };
                folded.push((i + k, times, if k == p - 1 { p } else { 1 }));
            }
            i += p * reps;
        }
        let skip = folded.len().saturating_sub(MAX_STEPS);
        folded
            .into_iter()
            .enumerate()
            .skip(skip)
            .map(|(n, (e, times, group))| {
                let event = &events[e];
                // A single event can itself stand for a run (the shim folds identical ones).
                let times = if group == 1 {
                    times * event.count
                } else {
                    times
                };
                // Operations cut before the record count one step each: the numbers stay
                // honest about how long the run was (not exact: those were never folded).
                self.step(self.record.dropped + n + 1, event, times, group)
            })
            .collect()
    }

    /// The operations the threads are stuck in, as final steps (a deadlock's last word).
    pub fn blocked_steps(&self, after: usize) -> Vec<Step> {
        let mut waits: Vec<&Wait> = self.record.waits.iter().collect();
        waits.sort_by_key(|w| w.thread);
        waits
            .into_iter()
            .enumerate()
            .map(|(i, w)| {
                let name = self.name(w.obj);
                let text = match w.op {
                    Op::Lock => format!("tries to lock {name}: blocked"),
                    Op::Read => format!("tries to lock {name} for reading: blocked"),
                    Op::Write => format!("tries to lock {name} for writing: blocked"),
                    Op::Join => format!("waits for {} to finish: blocked", thread_label(w.obj)),
                    Op::Wait => format!("waits on {name}: blocked"),
                    other => format!("{} {name}: blocked", other.name()),
                };
                Step {
                    step: after + i + 1,
                    thread: thread_label(w.thread),
                    action: w.op.name().to_string(),
                    object: Some(if w.op == Op::Join {
                        thread_label(w.obj)
                    } else {
                        name
                    }),
                    ordering: None,
                    value: None,
                    text,
                    location: w.loc.as_ref().map(Loc::shown),
                    times: 1,
                    group: 1,
                }
            })
            .collect()
    }

    pub(super) fn step(&self, n: usize, e: &Event, times: usize, group: usize) -> Step {
        let name = self.name(e.obj);
        let a = e.a.clone().unwrap_or_default();
        let b = e.b.clone().unwrap_or_default();
        let order = e.order.clone();
        let ord = order
            .as_deref()
            .map(|o| format!(" ({o})"))
            .unwrap_or_default();
        let mut location = e.loc.as_ref().map(Loc::shown);
        let (object, value, text) = match e.op {
            Op::Spawn => (
                Some(thread_label(e.obj)),
                None,
                format!("spawns {}", thread_label(e.obj)),
            ),
            Op::Join => (
                Some(thread_label(e.obj)),
                None,
                format!("joins {} (it has finished)", thread_label(e.obj)),
            ),
            Op::Load => (
                Some(name.clone()),
                Some(a.clone()),
                format!("loads {name}: {a}{ord}"),
            ),
            Op::Store => (
                Some(name.clone()),
                Some(a.clone()),
                format!("stores {a} into {name}{ord}"),
            ),
            op @ (Op::Swap
            | Op::FetchAdd
            | Op::FetchSub
            | Op::FetchAnd
            | Op::FetchNand
            | Op::FetchOr
            | Op::FetchXor
            | Op::FetchMax
            | Op::FetchMin
            | Op::FetchUpdate) => (
                Some(name.clone()),
                Some(format!("{a} -> {b}")),
                format!("{} on {name}: {a} -> {b}{ord}", op.name()),
            ),
            Op::Cas => (
                Some(name.clone()),
                Some(format!("{a} -> {b}")),
                format!("compare_exchange on {name} succeeds: {a} -> {b}{ord}"),
            ),
            Op::CasFail => (
                Some(name.clone()),
                Some(a.clone()),
                format!("compare_exchange on {name} fails: expected {b}, found {a}{ord}"),
            ),
            Op::CasSpurious => (
                Some(name.clone()),
                Some(a.clone()),
                format!(
                    "compare_exchange_weak on {name} fails spuriously: expected {b}, found {a}{ord} (a weak exchange may fail even when the value matches)"
                ),
            ),
            Op::Fence => (None, None, format!("fence{ord}")),
            Op::Lock => (Some(name.clone()), None, format!("locks {name}")),
            Op::Read => (
                Some(name.clone()),
                None,
                format!("locks {name} for reading"),
            ),
            Op::Write => (
                Some(name.clone()),
                None,
                format!("locks {name} for writing"),
            ),
            op @ (Op::TryLock | Op::TryRead | Op::TryWrite) => (
                Some(name.clone()),
                Some(a.clone()),
                if e.took() {
                    format!("{} on {name} succeeds", op.name())
                } else {
                    format!("{} on {name} fails: another thread holds it", op.name())
                },
            ),
            Op::Unlock | Op::ReadUnlock | Op::WriteUnlock => {
                let taken = self.line(&e.loc);
                location = None;
                (
                    Some(name.clone()),
                    None,
                    format!("unlocks {name} (taken at {taken})"),
                )
            }
            Op::Wait => {
                let mutex = self.name(e.mutex().unwrap_or(0));
                (
                    Some(name.clone()),
                    None,
                    format!("waits on {name}, letting go of {mutex}"),
                )
            }
            Op::Woken => {
                let mutex = self.name(e.mutex().unwrap_or(0));
                (
                    Some(name.clone()),
                    None,
                    format!("wakes up from {name}, holding {mutex} again"),
                )
            }
            Op::CellGet => (
                Some(name.clone()),
                None,
                format!("takes a pointer into {name} (counted as a write)"),
            ),
            Op::CellGetMut => (Some(name.clone()), None, format!("borrows {name} mutably")),
            Op::CellIntoInner => (
                Some(name.clone()),
                None,
                format!("takes the value out of {name}"),
            ),
            Op::Spurious => {
                let mutex = self.name(e.mutex().unwrap_or(0));
                (
                    Some(name.clone()),
                    None,
                    format!(
                        "returns from {name} without any notify (a spurious wakeup), \
                         holding {mutex} again"
                    ),
                )
            }
            Op::NotifyOne | Op::NotifyAll => {
                let waiting = self.woke(e);
                let who = match waiting {
                    0 => "nobody is waiting yet: this wakeup is lost".to_string(),
                    1 => "wakes 1 waiting thread".to_string(),
                    n => format!("wakes {n} waiting threads"),
                };
                (
                    Some(name.clone()),
                    Some(waiting.to_string()),
                    format!("{} on {name} ({who})", e.op.name()),
                )
            }
        };
        Step {
            step: n,
            thread: thread_label(e.thread),
            action: e.op.action().to_string(),
            object,
            ordering: order,
            value,
            text,
            location,
            times,
            group,
        }
    }
}

fn same(x: &Event, y: &Event) -> bool {
    x.thread == y.thread
        && x.op == y.op
        && x.obj == y.obj
        && x.a == y.a
        && x.b == y.b
        && x.loc == y.loc
}

#[cfg(test)]
mod tests {
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
            // An unlock says where the lock was taken in its text, not as its location.
            assert_eq!(located, !op.is_unlock(), "{op:?}");
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
}
