//! A lock let go of before the update was finished (a last resort).

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// The execution failed before a thread took its next lock: it released one and did
    /// nothing more, and another thread took what it released. (It may also simply have
    /// been done: a last resort.)
    pub(super) fn released_early(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for b in (0..events.len()).rev() {
            let be = self.ev(b);
            if !be.op.is_unlock() || events[b + 1..].iter().any(|e| e.thread == be.thread) {
                continue;
            }
            let joined = events[b + 1..]
                .iter()
                .any(|e| e.op == Op::Join && e.obj == be.thread);
            let Some(c) = (b + 1..events.len()).find(|&c| {
                let e = self.ev(c);
                e.thread != be.thread && e.obj == be.obj && e.takes()
            }) else {
                continue;
            };
            if joined {
                continue;
            }
            let ce = self.ev(c);
            return Some(format!(
                "{t} let go of {first} (taken at {fl}) before it had finished, and {u} took \
                 {first} ({cl}) and saw {t}'s update half done. Hold every lock the update \
                 needs for the whole update.",
                t = thread_label(be.thread),
                first = self.name(be.obj),
                fl = self.line(&be.loc),
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
        let record = fixture::record(&[("Mutex", "u64", "/w/x.rs:1:1", "-")])
            .step(1, Op::Lock, 1, "-", "-", "-", "/w/x.rs:3:9")
            .step(1, Op::Unlock, 1, "-", "-", "-", "/w/x.rs:3:9")
            .step(2, Op::Lock, 1, "-", "-", "-", "/w/x.rs:6:9")
            .end();
        let (reading, sentence) = read(&record, "").expect("a reading");
        assert_eq!(reading, "released_early");
        assert_eq!(
            sentence,
            "thread 1 let go of Mutex #1 (taken at line 3) before it had finished, and \
             thread 2 took Mutex #1 (line 6) and saw thread 1's update half done. Hold \
             every lock the update needs for the whole update. (Mutex #1: the Mutex<u64> \
             created at line 1.)"
        );
    }
}
