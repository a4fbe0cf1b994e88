//! Store buffering: each of two threads stored one atomic, then missed the other's store.

use super::super::Explainer;
use super::super::record::{Event, Op, thread_label};
use super::Writes;

impl Explainer<'_> {
    /// Store buffering: each of two threads stored to one atomic and then loaded the other,
    /// and neither load saw the other thread's store.
    pub(super) fn stores_crossed(&self, _writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        // (store index, load index) of one thread: a store, then its next load of another atomic.
        let mut pairs = Vec::new();
        for (l, le) in events.iter().enumerate() {
            if le.op != Op::Load {
                continue;
            }
            let store = (0..l).rev().find(|&s| {
                let e = &events[s];
                e.thread == le.thread && e.op == Op::Store && e.obj != le.obj
            });
            if let Some(s) = store {
                pairs.push((s, l));
            }
        }
        for (x, &(s1, l1)) in pairs.iter().enumerate() {
            for &(s2, l2) in &pairs[x + 1..] {
                let (a, b) = (self.ev(s1), self.ev(s2));
                let (la, lb) = (self.ev(l1), self.ev(l2));
                // Each load read the value from before the other thread's store.
                let before = |store: usize| {
                    let obj = self.ev(store).obj;
                    (0..store)
                        .rev()
                        .map(|i| self.ev(i))
                        .find(|e| e.obj == obj && e.written().is_some())
                        .and_then(Event::written)
                        .or_else(|| self.record.objects.get(obj.wrapping_sub(1))?.init.clone())
                };
                let crossed = a.thread != b.thread
                    && la.obj == b.obj
                    && lb.obj == a.obj
                    && la.a != b.a
                    && lb.a != a.a
                    && la.a == before(s2)
                    && lb.a == before(s1);
                if !crossed {
                    continue;
                }
                let part = |s: usize, l: usize| {
                    let (se, le) = (self.ev(s), self.ev(l));
                    format!(
                        "{} stored {} into {} ({}) and then read {} == {} ({})",
                        thread_label(se.thread),
                        se.a.clone().unwrap_or_default(),
                        self.name(se.obj),
                        self.line(&se.loc),
                        self.name(le.obj),
                        le.a.clone().unwrap_or_default(),
                        self.line(&le.loc),
                    )
                };
                return Some(format!(
                    "{}; {}: each load missed the other thread's store, which no order of the \
                     four steps explains. Only SeqCst on all four accesses (or a SeqCst fence \
                     between each store and its load) forbids this; here the stores are {}/{} \
                     and the loads {}/{}.",
                    part(s1, l1),
                    part(s2, l2),
                    self.order(s1),
                    self.order(s2),
                    self.order(l1),
                    self.order(l2),
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
        let record = fixture::record(&[
            ("AtomicBool", "bool", "/w/x.rs:1:1", "false"),
            ("AtomicBool", "bool", "/w/x.rs:2:1", "false"),
        ])
        .step(1, Op::Store, 1, "SeqCst", "true", "-", "/w/x.rs:5:13")
        .step(2, Op::Store, 2, "SeqCst", "true", "-", "/w/x.rs:9:15")
        .step(1, Op::Load, 2, "Relaxed", "false", "-", "/w/x.rs:6:15")
        .step(2, Op::Load, 1, "SeqCst", "false", "-", "/w/x.rs:10:13")
        .end();
        let (reading, sentence) = read(&record, "\n\n\n\nself.posted.store(1);\nself.sleeping.load(1);\n\n\nself.sleeping.store(1);\nself.posted.load(1);\n").expect("a reading");
        assert_eq!(reading, "stores_crossed");
        assert_eq!(
            sentence,
            "thread 1 stored true into posted (line 5) and then read sleeping == false \
             (line 6); thread 2 stored true into sleeping (line 9) and then read posted == \
             false (line 10): each load missed the other thread's store, which no order of \
             the four steps explains. Only SeqCst on all four accesses (or a SeqCst fence \
             between each store and its load) forbids this; here the stores are \
             SeqCst/SeqCst and the loads Relaxed/SeqCst."
        );
    }
}
