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
                    && (0..p).all(|k| events[i + k].same_step(&events[i + reps * p + k]))
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
                    Op::Park | Op::ParkTimeout => "parks: blocked, never unparked".to_string(),
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
            Op::CellRead => (
                Some(name.clone()),
                None,
                format!("takes a pointer into {name} to read it"),
            ),
            Op::CellGetMut => (Some(name.clone()), None, format!("borrows {name} mutably")),
            Op::Park => (None, None, "parks until it is unparked".to_string()),
            Op::ParkTimeout => (
                None,
                None,
                "parks with a timeout, until it is unparked".to_string(),
            ),
            Op::Unpark => (
                Some(thread_label(e.obj)),
                None,
                format!("unparks {}", thread_label(e.obj)),
            ),
            Op::CellIntoInner => (
                Some(name.clone()),
                None,
                format!("takes the value out of {name}"),
            ),
            Op::Freed => {
                // The shim records a drop at its own line: where the learner's code was is
                // this thread's step before it.
                let before = self.before_in_thread(e);
                location = before.as_ref().map(Loc::shown);
                let after = before
                    .map(|l| format!(" (after {})", self.line(&Some(l))))
                    .unwrap_or_default();
                (
                    Some(name.clone()),
                    None,
                    format!("drops {name}, and the memory it is in is freed{after}"),
                )
            }
            Op::UsedFreed => {
                let what = if e.obj == 0 {
                    "an atomic or cell".to_string()
                } else {
                    name.clone()
                };
                (
                    Some(what.clone()),
                    None,
                    format!("uses {what}, already freed (a use after free)"),
                )
            }
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
            Op::TimedOut if e.obj == 0 => (
                None,
                None,
                "park_timeout times out, never unparked (on real threads a timeout may run out \
                 at any point: whoever would unpark it may be slower)"
                    .to_string(),
            ),
            Op::TimedOut => {
                let mutex = self.name(e.mutex().unwrap_or(0));
                (
                    Some(name.clone()),
                    None,
                    format!(
                        "times out on {name}, no notify yet (on real threads a timeout may run \
                         out at any point: whoever would notify may be slower), holding {mutex} \
                         again"
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

impl Explainer<'_> {
    /// The location of the step before `e` of the same thread, if any.
    pub(super) fn before_in_thread(&self, e: &Event) -> Option<Loc> {
        let events = &self.record.events;
        let i = events.iter().position(|x| ::std::ptr::eq(x, e))?;
        events[..i]
            .iter()
            .rev()
            .find(|x| x.thread == e.thread && x.op != Op::Freed)
            .and_then(|x| x.loc.clone())
    }
}

#[cfg(test)]
mod tests;
