//! A lock let go of and taken again between reading and writing what it protects.

use super::super::Explainer;
use super::super::record::thread_label;
use super::Writes;

impl Explainer<'_> {
    /// A thread let go of a lock between reading and writing what it protects.
    /// A thread let go of a lock between reading and writing what it protects. A `try_lock`
    /// that took the lock counts as taking it. The learner's own takes are looked at first:
    /// a check's lock after the learner's code (reading the result) is blamed only if no
    /// take in the learner's file fits.
    pub(super) fn relocked(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for learner_only in [true, false] {
            for d in (0..events.len()).rev() {
                let de = self.ev(d);
                if !de.takes() || (learner_only && !self.in_learner(&de.loc)) {
                    continue;
                }
                // The same thread's previous release of that lock, and someone else's take
                // between that release and this one.
                let Some(b) = (0..d).rev().find(|&b| {
                    let e = self.ev(b);
                    e.thread == de.thread && e.obj == de.obj && e.op.is_unlock()
                }) else {
                    continue;
                };
                let Some(c) = (b + 1..d).find(|&c| {
                    let e = self.ev(c);
                    e.thread != de.thread && e.obj == de.obj && e.takes()
                }) else {
                    continue;
                };
                let (be, ce) = (self.ev(b), self.ev(c));
                return Some(format!(
                    "{t} let go of {lock} (taken at {first}) and took it again at {again}; in \
                     between, {u} took it ({other}): what {t} read under the first lock was out \
                     of date by the time it wrote under the second. Read and update under one \
                     lock.",
                    t = thread_label(de.thread),
                    lock = self.name(de.obj),
                    first = self.line(&be.loc),
                    again = self.line(&de.loc),
                    u = thread_label(ce.thread),
                    other = self.line(&ce.loc),
                ));
            }
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
        let record = fixture::record(&[("Mutex", "u64", "/w/x.rs:1:1", "-")])
            .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(2, Op::Lock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(2, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:4:16")
            .end();
        let (reading, sentence) = read(
            &record,
            "\n\nlet n = *self.last.lock();\n    *self.last.lock() = n + 1;\n",
        )
        .expect("a reading");
        assert_eq!(reading, "relocked");
        assert_eq!(
            sentence,
            "thread 1 let go of last (taken at line 3) and took it again at line 4; in \
             between, thread 2 took it (line 3): what thread 1 read under the first lock \
             was out of date by the time it wrote under the second. Read and update under \
             one lock."
        );
    }

    /// A check made under a `try_lock`, let go of, and the debit under a second `try_lock`:
    /// the learner's relock is blamed, not the lock the check takes afterwards to read.
    #[test]
    fn a_try_lock_relock_is_blamed_before_the_checks_lock() {
        let record = fixture::record(&[("Mutex", "i64", "/w/x.rs:1:1", "-")])
            .step(1, Op::TryLock, 1, "-", "true", "-", "/w/x.rs:3:20")
            .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(2, Op::TryLock, 1, "-", "true", "-", "/w/x.rs:3:20")
            .step(2, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:20")
            .step(1, Op::TryLock, 1, "-", "true", "-", "/w/x.rs:4:20")
            .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:20")
            .step(2, Op::TryLock, 1, "-", "true", "-", "/w/x.rs:4:20")
            .step(2, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:4:20")
            .step(0, Op::Lock, 1, "-", "-", "-", "/w/checks/loom.rs:9:5")
            .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "relocked");
        assert!(
            sentence.starts_with(
                "thread 2 let go of Mutex #1 (taken at line 3) and took it again at line 4; in \
                 between, thread 1 took it (line 4)"
            ),
            "{sentence}"
        );
    }
}
