//! The last read that missed a newer write by another thread.

use super::super::Explainer;
use super::super::record::thread_label;
use super::Writes;

impl Explainer<'_> {
    /// The last read that missed a newer write by another thread.
    pub(super) fn stale_read(&self, writes: &Writes) -> Option<String> {
        let &(l, w) = self.stale_loads(writes).last()?;
        let (le, we) = (self.ev(l), self.ev(w));
        Some(format!(
            "{t} read {x} == {v} ({ll}, {o}) although {u} had already stored {wv} into it ({wl}): \
             nothing made that store visible to {t} yet.",
            t = thread_label(le.thread),
            x = self.name(le.obj),
            v = le.read_value().cloned().unwrap_or_default(),
            ll = self.line(&le.loc),
            o = self.order(l),
            u = thread_label(we.thread),
            wv = we.written().unwrap_or_default(),
            wl = self.line(&we.loc),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[("AtomicU32", "u32", "/w/x.rs:1:1", "0")])
            .step(1, Op::Store, 1, "Relaxed", "5", "-", "/w/x.rs:3:14")
            .step(2, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:4:14")
            .end();
        let (reading, sentence) =
            read(&record, "\n\nself.peak.store(5);\nself.peak.load(1);\n").expect("a reading");
        assert_eq!(reading, "stale_read");
        assert_eq!(
            sentence,
            "thread 2 read AtomicU32 #1 == 0 (line 4, Relaxed) although thread 1 had \
             already stored 5 into it (line 3): nothing made that store visible to thread 2 \
             yet. (AtomicU32 #1: the AtomicU32 created at line 1.)"
        );
    }
}
