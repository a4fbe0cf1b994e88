//! A read, another thread's write, then a write based on the stale read.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// A thread read an atomic, another thread wrote it, then the first wrote it based on
    /// what it had read: the other write is lost (a store) or the check was stale (an RMW).
    pub(super) fn lost_update(&self, writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        for s in (0..events.len()).rev() {
            let se = self.ev(s);
            if se.written().is_none() {
                continue;
            }
            let read = (0..s).rev().find(|&r| {
                let e = self.ev(r);
                e.thread == se.thread
                    && e.obj == se.obj
                    && (e.op.is_read() || e.written().is_some())
            });
            let Some(r) =
                read.filter(|&r| self.ev(r).op.is_read() && self.ev(r).written().is_none())
            else {
                continue;
            };
            let between = writes.get(&se.obj).and_then(|w| {
                w.iter()
                    .rev()
                    .find(|(j, t, _)| *j > r && *j < s && *t != se.thread)
            });
            let re = self.ev(r);
            let rv = re.read_value().cloned().unwrap_or_default();
            // Another thread's write the read came after, in the record, yet did not see (a
            // Relaxed load may read an older value): a plain store that follows overwrites it
            // too. (A read-modify-write reads the newest value itself.)
            let missed = || match self.newest(writes, se.obj, r) {
                (Some(v), Some(j))
                    if se.op == Op::Store && v != rv && self.ev(j).thread != se.thread =>
                {
                    Some(j)
                }
                _ => None,
            };
            let (w, stale) = match between {
                Some(&(w, _, _)) => (w, false),
                None => match missed() {
                    Some(w) => (w, true),
                    None => continue,
                },
            };
            let we = self.ev(w);
            let name = self.name(se.obj);
            let base = if stale {
                format!(
                    "{t} read {name} == {rv} ({rl}), not the {wv} that {u} had written ({wl})",
                    t = thread_label(se.thread),
                    rl = self.line(&re.loc),
                    u = thread_label(we.thread),
                    wv = we.written().unwrap_or_default(),
                    wl = self.line(&we.loc),
                )
            } else {
                format!(
                    "{t} read {name} == {rv} ({rl}), then {u} changed it to {wv} ({wl})",
                    t = thread_label(se.thread),
                    rl = self.line(&re.loc),
                    u = thread_label(we.thread),
                    wv = we.written().unwrap_or_default(),
                    wl = self.line(&we.loc),
                )
            };
            return Some(if se.op == Op::Store {
                format!(
                    "{base}, and then {t} stored {sv} ({sl}), computed from the value it had \
                     read: {u}'s update was overwritten. A load and a store are two steps; a \
                     single read-modify-write (fetch_add, compare_exchange) is one.",
                    t = thread_label(se.thread),
                    sv = se.written().unwrap_or_default(),
                    sl = self.line(&se.loc),
                    u = thread_label(we.thread),
                )
            } else {
                format!(
                    "{base}, and then {t} went on with {op} ({sl}) as if its check still held: \
                     the check and the update must be one atomic step (a compare_exchange loop).",
                    t = thread_label(se.thread),
                    op = se.op.action(),
                    sl = self.line(&se.loc),
                )
            });
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
        let record = fixture::record(&[("AtomicU64", "u64", "/w/x.rs:1:1", "0")])
            .step(1, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .step(2, Op::FetchAdd, 1, "Relaxed", "0", "1", "/w/x.rs:5:15")
            .step(1, Op::Store, 1, "Relaxed", "1", "-", "/w/x.rs:4:15")
            .end();
        let (reading, sentence) = read(&record, "\n\nlet n = self.hits.load(1);\n    self.hits.store(n + 1);\n    self.hits.fetch_add(1);\n").expect("a reading");
        assert_eq!(reading, "lost_update");
        assert_eq!(
            sentence,
            "thread 1 read hits == 0 (line 3), then thread 2 changed it to 1 (line 5), and \
             then thread 1 stored 1 (line 4), computed from the value it had read: thread \
             2's update was overwritten. A load and a store are two steps; a single \
             read-modify-write (fetch_add, compare_exchange) is one."
        );
    }

    /// A Relaxed load that did not see another thread's newer write, then a store computed
    /// from it: that write is overwritten, though it came before the load in the record.
    #[test]
    fn a_stale_load_then_a_store_is_a_lost_update() {
        let record = fixture::record(&[("AtomicU32", "u32", "/w/x.rs:1:1", "0")])
            .step(0, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:3:15")
            .step(0, Op::Store, 1, "Relaxed", "2", "-", "/w/x.rs:4:15")
            .step(0, Op::FetchSub, 1, "Relaxed", "2", "0", "/w/x.rs:5:15")
            .step(1, Op::Load, 1, "Relaxed", "2", "-", "/w/x.rs:3:15")
            .step(1, Op::Store, 1, "Relaxed", "4", "-", "/w/x.rs:4:15")
            .end();
        let source = "\n\nlet n = self.hits.load(1);\n    self.hits.store(n + 1);\n    self.hits.fetch_sub(2);\n";
        let (reading, sentence) = read(&record, source).expect("a reading");
        assert_eq!(reading, "lost_update");
        assert_eq!(
            sentence,
            "thread 1 read hits == 2 (line 3), not the 0 that main had written (line 5), and \
             then thread 1 stored 4 (line 4), computed from the value it had read: main's \
             update was overwritten. A load and a store are two steps; a single \
             read-modify-write (fetch_add, compare_exchange) is one."
        );
    }
}
