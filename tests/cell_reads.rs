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

/// An `Arc` from scratch (`Box::into_raw`, `NonNull`, a Release decrement and an Acquire
/// fence) and a flag waited for with `park`/`unpark`: what the primitives exercises build.
const PRIMITIVES: &str = "\
use std::cell::UnsafeCell;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering, fence};
use std::thread::{self, Thread};

struct Inner {
    count: AtomicUsize,
    value: UnsafeCell<u64>,
}

pub struct Shared {
    ptr: NonNull<Inner>,
}

unsafe impl Send for Shared {}
unsafe impl Sync for Shared {}

impl Shared {
    pub fn new() -> Shared {
        let inner = Box::new(Inner { count: AtomicUsize::new(1), value: UnsafeCell::new(7) });
        Shared { ptr: NonNull::from(Box::leak(inner)) }
    }

    fn inner(&self) -> &Inner {
        unsafe { self.ptr.as_ref() }
    }

    pub fn read(&self) -> u64 {
        unsafe { *self.inner().value.get() }
    }
}

impl Clone for Shared {
    fn clone(&self) -> Shared {
        self.inner().count.fetch_add(1, Ordering::Relaxed);
        Shared { ptr: self.ptr }
    }
}

impl Drop for Shared {
    fn drop(&mut self) {
        if self.inner().count.fetch_sub(1, Ordering::Release) == 1 {
            fence(Ordering::Acquire);
            unsafe { *self.inner().value.get() = 0 };
            drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });
        }
    }
}

pub fn wait_for(flag: &AtomicBool) {
    while !flag.load(Ordering::Acquire) {
        thread::park();
    }
}

pub fn wait_a_little(flag: &AtomicBool) {
    while !flag.load(Ordering::Acquire) {
        thread::park_timeout(std::time::Duration::from_millis(1));
    }
}

pub fn set(flag: &AtomicBool, waiter: &Thread) {
    flag.store(true, Ordering::Release);
    waiter.unpark();
}
";

/// Runs `source` against the loom model `checks`.
fn verdict_of(case: &str, source: &str, checks_file: &str) -> Verdict {
    let wb = Workbook::open(&common::repo()).unwrap();
    // spsc_ring's entry (its gate allows `unsafe`), with only the loom model given here: its
    // shipped real-thread tests are not this fixture's.
    let mut exercise = wb.exercise("spsc_ring").unwrap().clone();
    exercise.checks = vec![workbook::catalogue::CheckMode::Loom];
    let exercise = &exercise;
    let dir = wb.scratch().join("cell-reads").join(case);
    let checks = dir.join("checks");
    std::fs::create_dir_all(checks.join("spsc_ring")).unwrap();
    std::fs::write(checks.join("spsc_ring/loom.rs"), checks_file).unwrap();
    let file = dir.join("spsc_ring.rs");
    std::fs::write(&file, source).unwrap();
    let set = format!("cell-reads-{case}");
    let harness = workbook::harness::Harness::new(&wb.scratch(), &set, &checks);
    harness.prepare(&[(exercise, file.clone())]).unwrap();
    let checker = workbook::checks::Checker::new(harness, &wb.root);
    checker.check(exercise, &file).verdict
}

#[test]
fn an_arc_from_scratch_and_park_unpark_build_and_pass() {
    let checks = "\
use super::{Shared, set, wait_a_little, wait_for};
use crate::std::sync::Arc;
use crate::std::sync::atomic::AtomicBool;
use crate::std::thread;

#[test]
fn clones_read_and_the_last_drop_frees() {
    crate::std::__workbook::model(|| {
        let s = Shared::new();
        let other = s.clone();
        let t = thread::spawn(move || other.read());
        assert_eq!(s.read(), 7);
        drop(s);
        assert_eq!(t.join().unwrap(), 7);
    });
}

#[test]
fn an_unpark_wakes_the_parked_thread() {
    crate::std::__workbook::model(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let me = thread::current();
        let other = Arc::clone(&flag);
        let t = thread::spawn(move || set(&other, &me));
        wait_for(&flag);
        wait_a_little(&flag);
        t.join().unwrap();
        assert_eq!(t_id(), thread::current().id());
    });
}

fn t_id() -> thread::ThreadId {
    thread::current().id()
}
";
    let v = verdict_of("primitives", PRIMITIVES, checks);
    assert!(v.passed(), "{}", workbook::render::details(&v));
    // Without the fence the last drop's write is not ordered after the other clone's read.
    let racy = PRIMITIVES.replace("fence(Ordering::Acquire);", "");
    let v = verdict_of("primitives-no-fence", &racy, checks);
    race_in(&racy, &v, "unsafe { *self.inner().value.get() }", "= 0 };");
}

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
    verdict_of(case, SOURCE, &model(first, second))
}

fn line(text: &str) -> usize {
    line_in(SOURCE, text)
}

fn line_in(source: &str, text: &str) -> usize {
    source
        .lines()
        .position(|l| l.contains(text))
        .expect("in the source")
        + 1
}

/// A data race between the lines holding `a` and `b` in `source`.
fn race_in(source: &str, v: &Verdict, a: &str, b: &str) {
    race(v, line_in(source, a), line_in(source, b));
}

/// The data race's reading, which must name both lines.
fn race(v: &Verdict, a: usize, b: usize) {
    let shown = workbook::render::details(v);
    let Verdict::Interleaving { reading, .. } = v else {
        panic!("not an interleaving:\n{shown}");
    };
    let reading = reading
        .as_deref()
        .unwrap_or_else(|| panic!("no reading:\n{shown}"));
    assert!(reading.starts_with("data race on"), "{reading}\n{shown}");
    for l in [a, b] {
        assert!(
            reading.contains(&format!("line {l}")),
            "line {l}: {reading}"
        );
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
    race(
        &v,
        line("*self.value.get() = v"),
        line("unsafe { *self.value.get() }"),
    );
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
