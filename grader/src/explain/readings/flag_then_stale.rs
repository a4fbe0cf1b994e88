//! A thread saw a flag's new value, then stale data written before the flag.

use super::super::Explainer;
use super::super::record::thread_label;
use super::{Writes, acquires, releases};

impl Explainer<'_> {
    /// A thread saw a flag's new value, then read stale data written before the flag.
    pub(super) fn flag_then_stale(&self, writes: &Writes) -> Option<String> {
        let stale = self.stale_loads(writes);
        for &(l, w) in &stale {
            let load = self.ev(l);
            let writer = self.ev(w).thread;
            // An earlier load by the same thread, of another atomic, that read a value the
            // same writer wrote after its write of the data.
            let flag = (0..l).rev().find_map(|f| {
                let e = self.ev(f);
                if e.thread != load.thread || e.obj == load.obj || !e.op.is_read() {
                    return None;
                }
                let (newest, fw) = self.newest(writes, e.obj, f);
                let fw = fw?;
                (fw > w && self.ev(fw).thread == writer && newest.as_ref() == e.read_value())
                    .then_some((f, fw))
            });
            let Some((f, fw)) = flag else { continue };
            let (fe, we, fwe) = (self.ev(f), self.ev(w), self.ev(fw));
            let store_order = self.order(fw);
            let load_order = self.order(f);
            let why = match (releases(&store_order), acquires(&load_order)) {
                (false, false) => format!(
                    "the store of {flag} is {store_order} and the load that saw it is \
                     {load_order}, and only a Release store read by an Acquire load makes what \
                     was written before the store visible to the reader",
                    flag = self.name(fe.obj)
                ),
                (false, true) => format!(
                    "the store of {} is {store_order}, so it publishes nothing written before \
                     it (a Release store would)",
                    self.name(fe.obj)
                ),
                (true, false) => format!(
                    "the load of {} is {load_order}, so it receives nothing the store published \
                     (an Acquire load would)",
                    self.name(fe.obj)
                ),
                (true, true) => "no Release store read by an Acquire load ordered them".to_string(),
            };
            return Some(format!(
                "{t} saw {flag} == {fv} ({fl}) but then read {data} == {dv} ({dl}), although {u} \
                 had stored {wv} into {data} ({wl}) before it stored {fv} into {flag} ({fwl}): \
                 nothing made the store of {data} visible before the store of {flag}; {why}.",
                t = thread_label(load.thread),
                flag = self.name(fe.obj),
                fv = fe.read_value().cloned().unwrap_or_default(),
                fl = self.line(&fe.loc),
                data = self.name(load.obj),
                dv = load.read_value().cloned().unwrap_or_default(),
                dl = self.line(&load.loc),
                u = thread_label(writer),
                wv = we.written().unwrap_or_default(),
                wl = self.line(&we.loc),
                fwl = self.line(&fwe.loc),
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
            ("AtomicI64", "i64", "/w/x.rs:1:1", "0"),
            ("AtomicBool", "bool", "/w/x.rs:2:1", "false"),
        ])
        .step(1, Op::Store, 1, "Relaxed", "-40", "-", "/w/x.rs:3:13")
        .step(1, Op::Store, 2, "Release", "true", "-", "/w/x.rs:4:12")
        .step(0, Op::Load, 2, "Relaxed", "true", "-", "/w/x.rs:5:12")
        .step(0, Op::Load, 1, "Relaxed", "0", "-", "/w/x.rs:6:13")
        .end();
        let (reading, sentence) = read(&record, "\n\nself.offset.store(1);\nself.ready.store(1);\nself.ready.load(1);\nself.offset.load(1);\n").expect("a reading");
        assert_eq!(reading, "flag_then_stale");
        assert_eq!(
            sentence,
            "main saw ready == true (line 5) but then read offset == 0 (line 6), although \
             thread 1 had stored -40 into offset (line 3) before it stored true into ready \
             (line 4): nothing made the store of offset visible before the store of ready; \
             the load of ready is Relaxed, so it receives nothing the store published (an \
             Acquire load would)."
        );
    }
}
