//! Readings: one sentence on why a failing execution fails, from heuristics over the
//! recorded events, none specific to an exercise. Each reading is one file here, with a
//! fixture test (a record in, the sentence out); `READINGS` lists them once, in priority
//! order: the first that recognises the execution speaks. A new reading is a new file and
//! one line in that list.

mod both_read_then_wrote;
mod data_race;
mod flag_then_stale;
mod half_way;
mod lost_update;
mod released_early;
mod relocked;
mod serial;
mod spurious_cas;
mod spurious_wakeup;
mod stale_read;
mod stores_crossed;
mod timed_out;
mod unparked_then_changed;
mod unpublished;
mod used_after_free;
mod woken_too_late;

use std::collections::BTreeMap;

use super::Explainer;
use super::record::Op;

/// A reading: its sentence, if it recognises the execution.
type Reading = fn(&Explainer<'_>, &Writes) -> Option<String>;

/// Every reading, most specific first. (Closures: a method of `Explainer<'a>` is a fn
/// pointer for one `'a` only.)
const READINGS: &[(&str, Reading)] = &[
    // First: the execution ends at the use, and nothing after the free is the story.
    ("used_after_free", |ex, w| ex.used_after_free(w)),
    ("data_race", |ex, w| ex.data_race(w)),
    ("spurious_wakeup", |ex, w| ex.spurious_wakeup(w)),
    ("spurious_cas", |ex, w| ex.spurious_cas(w)),
    ("timed_out", |ex, w| ex.timed_out(w)),
    // Before every reading that blames an interleaving or an ordering: a serial run has none.
    (SERIAL, |ex, w| ex.serial(w)),
    ("stores_crossed", |ex, w| ex.stores_crossed(w)),
    ("flag_then_stale", |ex, w| ex.flag_then_stale(w)),
    ("both_read_then_wrote", |ex, w| ex.both_read_then_wrote(w)),
    ("lost_update", |ex, w| ex.lost_update(w)),
    // Before `relocked`: a lock let go of to park and taken again after is no bug.
    ("unparked_then_changed", |ex, w| ex.unparked_then_changed(w)),
    ("relocked", |ex, w| ex.relocked(w)),
    ("woken_too_late", |ex, w| ex.woken_too_late(w)),
    ("half_way", |ex, w| ex.half_way(w)),
    ("unpublished", |ex, w| ex.unpublished(w)),
    ("stale_read", |ex, w| ex.stale_read(w)),
    ("released_early", |ex, w| ex.released_early(w)),
];

/// The reading of a serial execution: the threads ran one after another.
pub const SERIAL: &str = "serial";

/// Each write to an atomic: (event index, thread, value after it).
type Writes = BTreeMap<usize, Vec<(usize, usize, String)>>;

impl Explainer<'_> {
    fn writes(&self) -> Writes {
        let mut writes: Writes = BTreeMap::new();
        for (i, e) in self.record.events.iter().enumerate() {
            if let Some(v) = e.written() {
                writes.entry(e.obj).or_default().push((i, e.thread, v));
            }
        }
        writes
    }

    /// The value a read at event `i` of `obj` would see if it saw the newest write, and that
    /// write (None: the initial value).
    fn newest(&self, writes: &Writes, obj: usize, i: usize) -> (Option<String>, Option<usize>) {
        let last = writes
            .get(&obj)
            .and_then(|w| w.iter().rev().find(|(j, _, _)| *j < i));
        match last {
            Some((j, _, v)) => (Some(v.clone()), Some(*j)),
            None => (
                self.record
                    .objects
                    .get(obj.wrapping_sub(1))
                    .and_then(|o| o.init.clone()),
                None,
            ),
        }
    }

    /// Loads that did not see the newest value: (load index, newest write index).
    fn stale_loads(&self, writes: &Writes) -> Vec<(usize, usize)> {
        let mut stale = Vec::new();
        for (i, e) in self.record.events.iter().enumerate() {
            let read = match e.op {
                Op::Load | Op::CasFail => e.a.as_ref(),
                _ => None,
            };
            let Some(read) = read else { continue };
            if let (Some(newest), Some(w)) = self.newest(writes, e.obj, i)
                && &newest != read
                && self.record.events[w].thread != e.thread
            {
                stale.push((i, w));
            }
        }
        stale
    }

    /// One sentence on why the failing execution fails, when a reading recognises it.
    pub fn reading(&self) -> Option<String> {
        self.first_reading().map(|(_, sentence)| sentence)
    }

    /// The first reading that recognises the execution: its name (`SERIAL` for a serial
    /// execution) and sentence.
    pub fn first_reading(&self) -> Option<(&'static str, String)> {
        let writes = self.writes();
        READINGS
            .iter()
            .find_map(|&(name, reading)| Some((name, reading(self, &writes)?)))
    }
}

fn releases(order: &str) -> bool {
    matches!(order, "Release" | "AcqRel" | "SeqCst")
}

fn acquires(order: &str) -> bool {
    matches!(order, "Acquire" | "AcqRel" | "SeqCst")
}

/// For each reading's fixture: which reading recognises `record` first, and its sentence
/// (with the legend, as a learner reads it). `source` is every file's text.
#[cfg(test)]
fn read(record: &str, source: &str) -> Option<(&'static str, String)> {
    let record = super::record::parse(record).unwrap();
    assert!(record.rejected.is_empty(), "{:?}", record.rejected);
    let source = source.to_string();
    let sources = move |_: &str| Some(source.clone());
    let ex = Explainer::new(&record, &sources, "/x.rs");
    ex.first_reading()
        .map(|(name, sentence)| (name, ex.with_legend(sentence)))
}
