//! The shim's tracked `UnsafeCell` in a real loom build: a `get()` at a call site the grader
//! reads as shared-only (`grader/src/harness/cell_reads.rs`) is checked as a read, so two
//! threads reading at once pass; a read racing a write and two writes are data races naming
//! both lines; a site the grader cannot be sure of stays a write.

mod common;

use workbook::verdict::Verdict;
use workbook::workbook::Workbook;

/// The learner's file of these fixtures (compiled as spsc_ring's, whose gate allows `unsafe`).
const SOURCE: &str = "\
use std::cell::UnsafeCell;
use std::sync::atomic::AtomicBool;

pub struct Shared {
    value: UnsafeCell<u64>,
    ready: AtomicBool,
}

unsafe impl Sync for Shared {}

impl Shared {
    pub fn new() -> Shared {
        Shared { value: UnsafeCell::new(7), ready: AtomicBool::new(false) }
    }

    pub fn read(&self) -> u64 {
        unsafe { *self.value.get() }
    }

    pub fn peek(&self) -> &u64 {
        unsafe { &*self.value.get() }
    }

    pub fn read_kept(&self) -> u64 {
        let p = self.value.get();
        unsafe { *p }
    }

    pub fn write(&self, v: u64) {
        unsafe { *self.value.get() = v }
    }
}
";

/// A model in which a spawned thread does `first` while the main thread does `second`.
fn model(first: &str, second: &str) -> String {
    format!(
        "use super::Shared;\n\
         use crate::std::sync::Arc;\n\
         use crate::std::thread;\n\n\
         #[test]\n\
         fn two_threads() {{\n\
         \x20   crate::std::__workbook::model(|| {{\n\
         \x20       let s = Arc::new(Shared::new());\n\
         \x20       let other = Arc::clone(&s);\n\
         \x20       let t = thread::spawn(move || {{\n\
         \x20           let _ = other.{first};\n\
         \x20       }});\n\
         \x20       let _ = s.{second};\n\
         \x20       t.join().unwrap();\n\
         \x20   }});\n\
         }}\n"
    )
}

/// The verdict of `SOURCE` under the model.
fn verdict(case: &str, first: &str, second: &str) -> Verdict {
    let wb = Workbook::open(&common::repo()).unwrap();
    let exercise = wb.exercise("spsc_ring").unwrap();
    let dir = wb.scratch().join("cell-reads").join(case);
    let checks = dir.join("checks");
    std::fs::create_dir_all(checks.join("spsc_ring")).unwrap();
    std::fs::write(checks.join("spsc_ring/loom.rs"), model(first, second)).unwrap();
    let file = dir.join("spsc_ring.rs");
    std::fs::write(&file, SOURCE).unwrap();
    let set = format!("cell-reads-{case}");
    let harness = workbook::harness::Harness::new(&wb.scratch(), &set, &checks);
    harness.prepare(&[(exercise, file.clone())]).unwrap();
    let checker = workbook::checks::Checker::new(harness, &wb.root);
    checker.check(exercise, &file).verdict
}

fn line(text: &str) -> usize {
    SOURCE.lines().position(|l| l.contains(text)).expect("in SOURCE") + 1
}

/// The data race's reading, which must name both lines.
fn race(v: &Verdict, a: usize, b: usize) {
    let shown = workbook::render::details(v);
    let Verdict::Interleaving { reading, .. } = v else {
        panic!("not an interleaving:\n{shown}");
    };
    let reading = reading.as_deref().unwrap_or_else(|| panic!("no reading:\n{shown}"));
    assert!(reading.starts_with("data race on"), "{reading}");
    for l in [a, b] {
        assert!(reading.contains(&format!("line {l}")), "line {l}: {reading}");
    }
}

#[test]
fn two_reads_at_read_sites_are_no_race() {
    let v = verdict("reads", "read()", "peek()");
    assert!(v.passed(), "{}", workbook::render::details(&v));
}

#[test]
fn a_read_racing_a_write_is_a_data_race_naming_both_lines() {
    let v = verdict("read-write", "write(1)", "read()");
    race(&v, line("*self.value.get() = v"), line("unsafe { *self.value.get() }"));
}

#[test]
fn two_writes_race() {
    let v = verdict("writes", "write(1)", "write(2)");
    let l = line("*self.value.get() = v");
    race(&v, l, l);
}

#[test]
fn a_site_not_read_as_shared_stays_a_write() {
    let v = verdict("kept", "read_kept()", "read_kept()");
    let l = line("let p = self.value.get();");
    race(&v, l, l);
}
