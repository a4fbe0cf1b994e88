//! The deadlock reading: replaying the record to find which locks each blocked thread
//! holds, what it waits for, and why nothing can go on (a lock cycle, a lost wakeup, a
//! notify that woke the wrong waiter, a waiter left alone).

use std::collections::BTreeMap;

use super::Explainer;
use super::record::{Loc, Op, thread_label};
use crate::verdict::{BlockedThread, HeldLock};

/// A lock a thread holds: (object, where it took it, ` (read)` / ` (write)` / ``).
type Held = (usize, Option<Loc>, &'static str);

impl Explainer<'_> {
    /// The locks each blocked thread holds and what it waits for, and the cycle in words.
    pub fn deadlock(&self, threads: &mut [BlockedThread]) -> Option<String> {
        // Replay: who holds which lock, taken where.
        let mut holds: BTreeMap<usize, Vec<Held>> = BTreeMap::new();
        for e in &self.record.events {
            let held = holds.entry(e.thread).or_default();
            match e.op {
                Op::Lock | Op::Read | Op::Write => held.push((e.obj, e.loc.clone(), e.op.mode())),
                Op::TryLock | Op::TryRead | Op::TryWrite if e.took() => {
                    held.push((e.obj, e.loc.clone(), e.op.mode()));
                }
                Op::Woken | Op::Spurious | Op::TimedOut => {
                    if let Some(m) = e.mutex() {
                        held.push((m, e.loc.clone(), ""));
                    }
                }
                Op::Wait => {
                    if let Some(m) = e.mutex()
                        && let Some(p) = held.iter().rposition(|h| h.0 == m)
                    {
                        held.remove(p);
                    }
                }
                op if op.is_unlock() => {
                    if let Some(p) = held.iter().rposition(|h| h.0 == e.obj) {
                        held.remove(p);
                    }
                }
                _ => {}
            }
        }
        let mut parts = Vec::new();
        let mut lost_wakeup = None;
        let alone = threads.len() == 1;
        for t in threads.iter_mut() {
            let held = holds.get(&t.thread).cloned().unwrap_or_default();
            t.holds = held
                .iter()
                .map(|(obj, loc, mode)| HeldLock {
                    lock: format!("{}{mode}", self.name(*obj)),
                    location: loc.as_ref().map(Loc::shown),
                })
                .collect();
            let wait = self.record.waits.iter().find(|w| w.thread == t.thread);
            let who = thread_label(t.thread);
            let holding = if held.is_empty() {
                "holds no lock".to_string()
            } else {
                let list: Vec<String> = held
                    .iter()
                    .map(|(obj, loc, mode)| {
                        format!("{}{mode} ({})", self.name(*obj), self.line(loc))
                    })
                    .collect();
                format!("holds {}", list.join(" and "))
            };
            let Some(wait) = wait else {
                parts.push(format!("{who} {holding}"));
                continue;
            };
            let what = match wait.op {
                Op::Lock | Op::Read | Op::Write => {
                    format!("{}{}", self.name(wait.obj), wait.op.mode())
                }
                Op::Join => format!("{} to finish", thread_label(wait.obj)),
                Op::Wait => format!("a notify on {}", self.name(wait.obj)),
                Op::Park | Op::ParkTimeout => "an unpark".to_string(),
                other => format!("{} {}", other.name(), self.name(wait.obj)),
            };
            t.waits_for = Some(what.clone());
            let mut part = format!(
                "{who} {holding} and waits for {what} ({})",
                self.line(&wait.loc)
            );
            if self.is_lock(wait.obj) && held.iter().any(|h| h.0 == wait.obj) {
                part.push_str(", which it holds itself");
            }
            if wait.op == Op::Wait {
                let last_notify = self
                    .record
                    .events
                    .iter()
                    .rev()
                    // A thread's own notify before its own wait was never meant for it.
                    .find(|e| e.obj == wait.obj && e.op.is_notify() && e.thread != t.thread);
                if lost_wakeup.is_some() {
                    // One story is enough.
                } else if let Some(n) = last_notify.filter(|n| self.woke(n) == 0) {
                    lost_wakeup = Some(format!(
                        "{}'s {} on {} ({}) came before {who} was waiting, so it woke nobody, \
                         and nothing notifies again. Make the change a waiter checks for under \
                         the mutex it waits with, then notify",
                        thread_label(n.thread),
                        n.op.name(),
                        self.name(n.obj),
                        self.line(&n.loc)
                    ));
                } else if let Some(stolen) = self.wrong_wakeup(wait.obj, t.thread) {
                    lost_wakeup = Some(stolen);
                } else if alone {
                    // loom calls it a deadlock once every thread left is blocked: here that
                    // is this one alone, so every other thread has finished.
                    lost_wakeup = Some(format!(
                        "every other thread has finished, so no notify on {} can ever come. \
                         What {who} waits for can no longer happen: the loop around the wait \
                         must also stop when that is so",
                        self.name(wait.obj)
                    ));
                }
            }
            parts.push(part);
        }
        if parts.is_empty() {
            return None;
        }
        let mut reading = parts.join("; ");
        let lock_cycle = self
            .record
            .waits
            .iter()
            .filter(|w| threads.iter().any(|t| t.thread == w.thread))
            .all(|w| self.is_lock(w.obj));
        if let Some(lost) = lost_wakeup {
            reading.push_str(&format!(": {lost}."));
        } else if lock_cycle && threads.len() > 1 {
            reading.push_str(": each waits for a lock another holds, so none can go on. Take the locks in one order everywhere.");
        } else if lock_cycle {
            reading.push_str(": it waits for itself.");
        } else {
            reading.push('.');
        }
        Some(reading)
    }

    /// A notify_one on a condvar that two kinds of waiters share woke the wrong one: it went
    /// back to waiting, and `blocked` (still waiting) was never woken.
    fn wrong_wakeup(&self, cv: usize, blocked: usize) -> Option<String> {
        let events = &self.record.events;
        for (n, ne) in events.iter().enumerate().rev() {
            if ne.op != Op::NotifyOne || ne.obj != cv {
                continue;
            }
            let blocked_waiting = events[..n]
                .iter()
                .rposition(|e| e.thread == blocked && e.obj == cv && e.op == Op::Wait)
                .is_some_and(|w| {
                    !events[w..n]
                        .iter()
                        .any(|e| e.thread == blocked && e.op == Op::Woken)
                });
            if !blocked_waiting {
                continue;
            }
            let w = (n + 1..events.len())
                .find(|&w| events[w].op == Op::Woken && events[w].obj == cv)?;
            let woken = events[w].thread;
            if woken == blocked {
                continue;
            }
            let again = (w + 1..events.len()).find(|&a| {
                let e = &events[a];
                e.thread == woken && (e.op == Op::Wait || e.op.is_notify())
            })?;
            if events[again].op != Op::Wait || events[again].obj != cv {
                continue;
            }
            return Some(format!(
                "{}'s notify_one on {} ({}) woke {}, which went back to waiting ({}), not {}, \
                 which could have gone on: when waiters wait for different things on one \
                 condvar, notify_one can wake the wrong one (notify_all, or one condvar per \
                 condition)",
                thread_label(ne.thread),
                self.name(cv),
                self.line(&ne.loc),
                thread_label(woken),
                self.line(&events[again].loc),
                thread_label(blocked),
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::explain;
    use super::super::record::fixture;
    use super::*;

    fn threads(ids: &[usize]) -> Vec<BlockedThread> {
        ids.iter()
            .map(|&thread| BlockedThread {
                thread,
                ..BlockedThread::default()
            })
            .collect()
    }

    #[test]
    fn a_lock_cycle_is_spelled_out() {
        let text = fixture::record(&[
            ("Mutex", "i64", "/w/b.rs:1:1", "-"),
            ("Mutex", "i64", "/w/b.rs:1:1", "-"),
        ])
        .step(0, Op::Spawn, 1, "-", "-", "-", "/w/loom.rs:13:17")
        .step(0, Op::Lock, 2, "-", "-", "-", "/w/b.rs:33:41")
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/b.rs:33:41")
        .wait(0, Op::Lock, 1, "/w/b.rs:34:37")
        .wait(1, Op::Lock, 2, "/w/b.rs:34:37")
        .end();
        let mut threads = threads(&[0, 1]);
        let e = explain(&text, "/b.rs", &|_| None, Some(&mut threads));
        assert_eq!(
            e.reading.unwrap(),
            "main holds Mutex #2 (line 33) and waits for Mutex #1 (line 34); thread 1 holds \
             Mutex #1 (line 33) and waits for Mutex #2 (line 34): each waits for a lock another \
             holds, so none can go on. Take the locks in one order everywhere. (Mutex #1: the \
             1st Mutex<i64> created at line 1; Mutex #2: the 2nd Mutex<i64> created at line 1.)"
        );
        assert_eq!(threads[0].holds[0].lock, "Mutex #2");
        assert_eq!(threads[0].waits_for.as_deref(), Some("Mutex #1"));
    }

    #[test]
    fn a_thread_that_locks_what_it_holds_waits_for_itself() {
        let text = fixture::record(&[("RwLock", "i64", "/w/r.rs:1:1", "-")])
            .step(0, Op::TryRead, 1, "-", "true", "-", "/w/r.rs:5:9")
            .wait(0, Op::Write, 1, "/w/r.rs:6:9")
            .end();
        let mut threads = threads(&[0]);
        let e = explain(&text, "/r.rs", &|_| None, Some(&mut threads));
        assert_eq!(
            e.reading.unwrap(),
            "main holds RwLock #1 (read) (line 5) and waits for RwLock #1 (write) (line 6), \
             which it holds itself: it waits for itself. (RwLock #1: the RwLock<i64> created at \
             line 1.)"
        );
    }

    #[test]
    fn a_notify_before_anyone_waits_is_a_lost_wakeup() {
        let text = fixture::record(&[
            ("Mutex", "bool", "/w/q.rs:1:1", "-"),
            ("Condvar", "", "/w/q.rs:2:1", "-"),
        ])
        .step(0, Op::Spawn, 1, "-", "-", "-", "/w/loom.rs:3:1")
        .step(1, Op::NotifyOne, 2, "-", "-", "-", "/w/q.rs:8:5")
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/q.rs:10:5")
        .step(0, Op::Wait, 2, "-", "-", "1", "/w/q.rs:11:5")
        .wait(0, Op::Wait, 2, "/w/q.rs:11:5")
        .end();
        let mut threads = threads(&[0]);
        let e = explain(&text, "/q.rs", &|_| None, Some(&mut threads));
        assert_eq!(
            e.reading.unwrap(),
            "main holds no lock and waits for a notify on Condvar #1 (line 11): thread 1's \
             notify_one on Condvar #1 (line 8) came before main was waiting, so it woke nobody, \
             and nothing notifies again. Make the change a waiter checks for under the mutex it \
             waits with, then notify. (Condvar #1: the Condvar created at line 2.)"
        );
    }

    #[test]
    fn a_notify_one_that_wakes_the_wrong_waiter_is_named() {
        let text = fixture::record(&[
            ("Mutex", "u32", "/w/q.rs:1:1", "-"),
            ("Condvar", "", "/w/q.rs:2:1", "-"),
        ])
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/q.rs:20:5")
        .step(2, Op::Wait, 2, "-", "-", "1", "/w/q.rs:30:5")
        .step(0, Op::NotifyOne, 2, "-", "-", "-", "/w/q.rs:40:5")
        .step(2, Op::Woken, 2, "-", "-", "1", "/w/q.rs:30:5")
        .step(2, Op::Wait, 2, "-", "-", "1", "/w/q.rs:30:5")
        .wait(1, Op::Wait, 2, "/w/q.rs:20:5")
        .wait(2, Op::Wait, 2, "/w/q.rs:30:5")
        .end();
        let mut threads = threads(&[1, 2]);
        let e = explain(&text, "/q.rs", &|_| None, Some(&mut threads));
        let r = e.reading.unwrap();
        assert!(
            r.contains(
                "main's notify_one on Condvar #1 (line 40) woke thread 2, which went back to \
                 waiting (line 30), not thread 1, which could have gone on"
            ),
            "{r}"
        );
    }

    #[test]
    fn a_waiter_left_alone_is_not_blamed_on_its_own_notify() {
        let text = fixture::record(&[
            ("Mutex", "State", "/w/q.rs:1:1", "-"),
            ("Condvar", "", "/w/q.rs:2:1", "-"),
        ])
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/q.rs:10:5")
        .step(0, Op::NotifyOne, 2, "-", "-", "-", "/w/q.rs:11:5")
        .step(0, Op::Unlock, 1, "-", "-", "-", "/w/q.rs:12:5")
        .step(0, Op::Lock, 1, "-", "-", "-", "/w/q.rs:20:5")
        .step(0, Op::Wait, 2, "-", "-", "1", "/w/q.rs:21:5")
        .wait(0, Op::Wait, 2, "/w/q.rs:21:5")
        .end();
        let mut threads = vec![BlockedThread::default()];
        let e = explain(&text, "/q.rs", &|_| None, Some(&mut threads));
        let r = e.reading.unwrap();
        assert!(
            r.starts_with(
                "main holds no lock and waits for a notify on Condvar #1 (line 21): every other \
                 thread has finished, so no notify on Condvar #1 can ever come"
            ),
            "{r}"
        );
        assert!(!r.contains("came before"), "{r}");
    }
}
