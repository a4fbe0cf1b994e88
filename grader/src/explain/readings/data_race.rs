//! Two threads' accesses to an `UnsafeCell`, neither ordered before the other: a data race.

use super::super::Explainer;
use super::super::record::{Op, thread_label};
use super::{Writes, acquires, releases};

fn is_cell(op: Op) -> bool {
    matches!(
        op,
        Op::CellGet | Op::CellRead | Op::CellGetMut | Op::CellIntoInner
    )
}

impl Explainer<'_> {
    /// The execution ends at an access to an `UnsafeCell` whose previous access was another
    /// thread's, with no Release-to-Acquire pair and no lock from that thread to this one in
    /// between (loom stops at the access that races: it is the last recorded). When such a
    /// pair exists, loom's report (the verdict's message) is left to speak.
    pub(super) fn data_race(&self, writes: &Writes) -> Option<String> {
        let events = &self.record.events;
        let r = events.len().checked_sub(1)?;
        let re = self.ev(r);
        if !is_cell(re.op) {
            return None;
        }
        // The access it races with: the latest of another thread that is not a read, when
        // this one is a read (two reads never race), else the latest of another thread.
        let p = (0..r).rev().find(|&i| {
            let e = self.ev(i);
            is_cell(e.op)
                && e.obj == re.obj
                && e.thread != re.thread
                && !(re.op == Op::CellRead && e.op == Op::CellRead)
        })?;
        let pe = self.ev(p);
        // An access of this thread's own after that one, which conflicts with it (not two
        // reads), and was not reported: it was ordered after that one, and so is this one.
        if (p + 1..r).any(|i| {
            let e = self.ev(i);
            is_cell(e.op)
                && e.obj == re.obj
                && e.thread == re.thread
                && !(e.op == Op::CellRead && pe.op == Op::CellRead)
        }) {
            return None;
        }
        // After its access, what the earlier thread wrote and the later one read.
        let mut handed = None;
        for i in p + 1..r {
            let e = self.ev(i);
            if e.thread != re.thread {
                continue;
            }
            if matches!(e.op, Op::Lock | Op::Read | Op::Write) || e.took() {
                let unlocked = (p + 1..i).any(|j| {
                    let u = self.ev(j);
                    u.thread == pe.thread && u.op.is_unlock() && u.obj == e.obj
                });
                if unlocked {
                    return None;
                }
            }
            // The write it read: the earlier thread's, after its access, with that value.
            let Some(value) = e.read_value() else {
                continue;
            };
            let Some(&(w, _, _)) = writes.get(&e.obj).and_then(|ws| {
                ws.iter()
                    .rev()
                    .find(|(j, t, v)| *j > p && *j < i && *t == pe.thread && v == value)
            }) else {
                continue;
            };
            if releases(&self.order(w)) && acquires(&self.order(i)) {
                return None;
            }
            // The pair to name: the first whose read acquires (an Acquire read of a write that
            // releases nothing, e.g. a Relaxed store after a Release read-modify-write), else
            // the first.
            match handed {
                Some((_, j)) if acquires(&self.order(j)) => {}
                Some(_) if !acquires(&self.order(i)) => {}
                _ => handed = Some((w, i)),
            }
        }
        let (t, u) = (thread_label(re.thread), thread_label(pe.thread));
        let mut sentence = format!(
            "data race on {x}: {t}'s {rop} of it ({rl}) is not ordered after {u}'s {pop} of it \
             ({pl}), so the two accesses can overlap (undefined behaviour).",
            x = self.name(re.obj),
            rop = re.op.action(),
            rl = self.line(&re.loc),
            pop = pe.op.action(),
            pl = self.line(&pe.loc),
        );
        match handed {
            Some((w, i)) => sentence.push_str(&format!(
                " {t} saw {u}'s {wop} of {y} ({wl}, {wo}) with its {iop} ({il}, {io}), but that \
                 pair is not a Release write read by an Acquire read, so it does not order {u}'s \
                 access before {t}'s.",
                wop = self.ev(w).op.action(),
                y = self.name(self.ev(w).obj),
                wl = self.line(&self.ev(w).loc),
                wo = self.order(w),
                iop = self.ev(i).op.action(),
                il = self.line(&self.ev(i).loc),
                io = self.order(i),
            )),
            None => sentence.push_str(&format!(
                " Nothing {u} did after its access (a Release write, an unlock) was seen by \
                 {t} before its own."
            )),
        }
        Some(sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::record::{Op, fixture};
    use super::super::read;

    const SOURCE: &str = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";

    #[test]
    fn its_fixture_is_read() {
        let record = fixture::record(&[
            ("UnsafeCell", "u64", "/w/x.rs:1:1", "-"),
            ("AtomicUsize", "usize", "/w/x.rs:2:1", "0"),
        ])
        .step(1, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:8:9")
        .step(1, Op::Store, 2, "Relaxed", "1", "-", "/w/x.rs:9:9")
        .step(2, Op::Load, 2, "Acquire", "1", "-", "/w/x.rs:4:9")
        .step(2, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:5:9")
        .end();
        let (reading, sentence) = read(&record, SOURCE).expect("a reading");
        assert_eq!(reading, "data_race");
        assert_eq!(
            sentence,
            "data race on UnsafeCell #1: thread 2's get of it (line 5) is not ordered after \
             thread 1's get of it (line 8), so the two accesses can overlap (undefined \
             behaviour). thread 2 saw thread 1's store of AtomicUsize #1 (line 9, Relaxed) \
             with its load (line 4, Acquire), but that pair is not a Release write read by an \
             Acquire read, so it does not order thread 1's access before thread 2's. \
             (UnsafeCell #1: the UnsafeCell<u64> created at line 1; AtomicUsize #1: the \
             AtomicUsize created at line 2.)"
        );
    }

    #[test]
    fn a_write_after_both_threads_read_races_the_other_threads_read() {
        let record = fixture::record(&[("UnsafeCell", "u64", "/w/x.rs:1:1", "-")])
            .step(0, Op::CellRead, 1, "-", "-", "-", "/w/x.rs:3:9")
            .step(1, Op::CellRead, 1, "-", "-", "-", "/w/x.rs:3:9")
            .step(1, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:6:9")
            .end();
        let (reading, sentence) = read(&record, SOURCE).expect("a reading");
        assert_eq!(reading, "data_race");
        assert!(
            sentence.starts_with(
                "data race on UnsafeCell #1: thread 1's get of it (line 6) is not ordered \
                 after main's get of it (line 3)"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn the_acquire_read_of_a_relaxed_write_is_named_before_a_relaxed_read() {
        // Drepper's unlock with a Relaxed store: the other thread's Relaxed load read the
        // Release fetch_sub, then its Acquire swap read the Relaxed store. The pair to name is
        // the swap's: it is the one meant to hand the value over.
        let record = fixture::record(&[
            ("UnsafeCell", "u64", "/w/x.rs:1:1", "-"),
            ("AtomicU32", "u32", "/w/x.rs:2:1", "0"),
        ])
        .step(0, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:8:9")
        .step(0, Op::FetchSub, 2, "Release", "2", "1", "/w/x.rs:9:9")
        .step(0, Op::Store, 2, "Relaxed", "0", "-", "/w/x.rs:10:9")
        .step(1, Op::Load, 2, "Relaxed", "1", "-", "/w/x.rs:4:9")
        .step(1, Op::Swap, 2, "Acquire", "0", "2", "/w/x.rs:5:9")
        .step(1, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:6:9")
        .end();
        let (reading, sentence) = read(&record, SOURCE).expect("a reading");
        assert_eq!(reading, "data_race");
        assert!(
            sentence.contains(
                "thread 1 saw main's store of AtomicU32 #1 (line 10, Relaxed) with its swap \
                 (line 5, Acquire)"
            ),
            "{sentence}"
        );
    }

    #[test]
    fn two_reads_are_no_race() {
        let record = fixture::record(&[("UnsafeCell", "u64", "/w/x.rs:1:1", "-")])
            .step(0, Op::CellRead, 1, "-", "-", "-", "/w/x.rs:3:9")
            .step(1, Op::CellRead, 1, "-", "-", "-", "/w/x.rs:4:9")
            .end();
        assert_ne!(read(&record, SOURCE).map(|r| r.0), Some("data_race"));
    }

    #[test]
    fn a_release_acquire_pair_in_between_is_not_called_a_race() {
        let record = fixture::record(&[
            ("UnsafeCell", "u64", "/w/x.rs:1:1", "-"),
            ("AtomicUsize", "usize", "/w/x.rs:2:1", "0"),
        ])
        .step(1, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:8:9")
        .step(1, Op::Store, 2, "Release", "1", "-", "/w/x.rs:9:9")
        .step(2, Op::Load, 2, "Acquire", "1", "-", "/w/x.rs:4:9")
        .step(2, Op::CellGet, 1, "-", "-", "-", "/w/x.rs:5:9")
        .end();
        assert_ne!(read(&record, SOURCE).map(|r| r.0), Some("data_race"));
    }
}
