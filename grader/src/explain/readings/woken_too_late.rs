//! A waiter woken after another thread took the mutex and used up its condition.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// A thread woken from a condvar found its condition changed by another thread that got
    /// the mutex first.
    pub(super) fn woken_too_late(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for w in (0..events.len()).rev() {
            let we = self.ev(w);
            if we.op != Op::Woken {
                continue;
            }
            let Some(mutex) = we.mutex() else {
                continue;
            };
            let Some(n) = (0..w)
                .rev()
                .find(|&n| self.ev(n).obj == we.obj && self.ev(n).op.is_notify())
            else {
                continue;
            };
            // From the notifier's change (its last hold of the mutex before notifying).
            let notifier = self.ev(n).thread;
            let change = (0..n)
                .rev()
                .find(|&c| {
                    let e = self.ev(c);
                    e.thread == notifier && e.obj == mutex && matches!(e.op, Op::Lock | Op::Unlock)
                })
                .unwrap_or(n);
            let Some(o) = (change..w).find(|&o| {
                let e = self.ev(o);
                e.thread != we.thread && e.obj == mutex && e.thread != notifier && e.op == Op::Lock
            }) else {
                continue;
            };
            let oe = self.ev(o);
            return Some(format!(
                "{t} was woken from {cv} ({wl}) by {notifier}'s notify ({nl}), but after \
                 {notifier} made its change and before {t} had {m} back, {u} took {m} ({ol}) and \
                 used up what {t} was woken for: when a wait returns, check the condition \
                 again (`while`, not `if`).",
                t = thread_label(we.thread),
                cv = self.name(we.obj),
                wl = self.line(&we.loc),
                notifier = self.who(n),
                nl = self.line(&self.ev(n).loc),
                m = self.name(mutex),
                u = thread_label(oe.thread),
                ol = self.line(&oe.loc),
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[
            ("Mutex", "u64", "/w/x.rs:1:1", "-"),
            ("Condvar", "", "/w/x.rs:2:1", "-"),
        ])
        .step(1, Op::Wait, 2, "-", "-", "1", "/w/x.rs:5:9")
        .step(2, Op::Lock, 1, "-", "-", "-", "/w/x.rs:8:9")
        .step(2, Op::NotifyOne, 2, "-", "-", "-", "/w/x.rs:9:9")
        .step(2, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:8:9")
        .step(3, Op::Lock, 1, "-", "-", "-", "/w/x.rs:12:9")
        .step(3, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:12:9")
        .step(1, Op::Woken, 2, "-", "-", "1", "/w/x.rs:5:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "woken_too_late");
        assert_eq!(
            sentence,
            "thread 1 was woken from Condvar #1 (line 5) by thread 2's notify (line 9), but \
             after thread 2 made its change and before thread 1 had Mutex #1 back, thread 3 \
             took Mutex #1 (line 12) and used up what thread 1 was woken for: when a wait \
             returns, check the condition again (`while`, not `if`). (Mutex #1: the \
             Mutex<u64> created at line 1; Condvar #1: the Condvar created at line 2.)"
        );
    }
}
