//! A read that saw another thread's write through a pair too weak to carry the rest.

use super::super::Explainer;
use super::super::record::thread_label;
use super::{Writes, acquires, releases};

impl Explainer<'_> {
    /// A thread went on after reading what another wrote, through a pair of accesses too
    /// weak to carry the writer's other writes (a lock handed over with Relaxed, say).
    pub(super) fn unpublished(&self, writes: &Writes) -> Option<String> {
        for r in (0..self.record.events.len()).rev() {
            let re = self.ev(r);
            if !re.op.is_read() && re.written().is_none() {
                continue;
            }
            let (newest, w) = self.newest(writes, re.obj, r);
            let Some(w) = w else { continue };
            let we = self.ev(w);
            if we.thread == re.thread || newest.as_ref() != re.read_value() {
                continue;
            }
            let (wo, ro) = (self.order(w), self.order(r));
            if releases(&wo) && acquires(&ro) {
                continue;
            }
            return Some(format!(
                "{t} went on after its {op} of {x} ({rl}, {ro}) saw what {u} wrote ({wl}, {wo}), \
                 but that pair is not a Release write read by an Acquire read, so {u}'s other \
                 writes before it were not visible to {t}.",
                t = thread_label(re.thread),
                op = re.op.action(),
                x = self.name(re.obj),
                rl = self.line(&re.loc),
                u = thread_label(we.thread),
                wl = self.line(&we.loc),
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
        let record = fixture::record(&[("AtomicBool", "bool", "/w/x.rs:1:1", "true")])
            .step(1, Op::Store, 1, "Relaxed", "false", "-", "/w/x.rs:3:20")
            .step(2, Op::Cas, 1, "Acquire", "false", "true", "/w/x.rs:6:14")
            .end();
        let (reading, sentence) = read(
            &record,
            "\n\nself.locked.store(false);\n\n\n    self.locked.compare_exchange(false, true);\n",
        )
        .expect("a reading");
        assert_eq!(reading, "unpublished");
        assert_eq!(
            sentence,
            "thread 2 went on after its compare_exchange of AtomicBool #1 (line 6, Acquire) \
             saw what thread 1 wrote (line 3, Relaxed), but that pair is not a Release \
             write read by an Acquire read, so thread 1's other writes before it were not \
             visible to thread 2. (AtomicBool #1: the AtomicBool created at line 1.)"
        );
    }
}
