//! One lock let go of before the next was taken, and another thread saw half an update.

use super::super::Explainer;
use super::super::record::thread_label;
use super::Writes;

impl Explainer<'_> {
    /// A thread let go of one lock before taking the next, and another thread took the first
    /// in between: it saw an update half done.
    pub(super) fn half_way(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        // The learner's own takes first: a check's lock after the learner's code is blamed
        // only if none in the learner's file fits.
        let order = (0..events.len())
            .rev()
            .filter(|&d| self.in_learner(&self.ev(d).loc))
            .chain(
                (0..events.len())
                    .rev()
                    .filter(|&d| !self.in_learner(&self.ev(d).loc)),
            );
        for d in order {
            let de = self.ev(d);
            if !de.takes() {
                continue;
            }
            // The same thread's last release before this lock, of another lock.
            let Some(b) = (0..d).rev().find(|&b| {
                let e = self.ev(b);
                e.thread == de.thread && e.op.is_unlock()
            }) else {
                continue;
            };
            let be = self.ev(b);
            if be.obj == de.obj {
                continue;
            }
            let Some(c) = (b + 1..d).find(|&c| {
                let e = self.ev(c);
                e.thread != de.thread && e.obj == be.obj && e.takes()
            }) else {
                continue;
            };
            let ce = self.ev(c);
            return Some(format!(
                "{t} let go of {first} (taken at {fl}) before it took {second} ({sl}); in \
                 between, {u} took {first} ({cl}) and saw {t}'s update half done. Hold every \
                 lock the update needs for the whole update.",
                t = thread_label(de.thread),
                first = self.name(be.obj),
                fl = self.line(&be.loc),
                second = self.name(de.obj),
                sl = self.line(&de.loc),
                u = thread_label(ce.thread),
                cl = self.line(&ce.loc),
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
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
            ("Mutex", "i64", "/w/x.rs:1:1", "-"),
        ])
        .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:3:9")
        .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:9")
        .step(2, Op::Lock, 1, "-", "-", "-", "/w/x.rs:7:9")
        .step(2, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:7:9")
        .step(1, Op::Lock, 2, "-", "-", "-", "/w/x.rs:4:9")
        .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "half_way");
        assert_eq!(
            sentence,
            "thread 1 let go of Mutex #1 (taken at line 3) before it took Mutex #2 (line \
             4); in between, thread 2 took Mutex #1 (line 7) and saw thread 1's update half \
             done. Hold every lock the update needs for the whole update. (Mutex #1: the \
             1st Mutex<i64> created at line 1; Mutex #2: the 2nd Mutex<i64> created at line \
             1.)"
        );
    }
}
