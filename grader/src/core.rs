//! The workbook grader: catalogue -> exercise -> checks -> verdict -> presentation.
//!
//! - `catalogue`: info.toml, the exercises and how each is checked.
//! - `workbook`, `state`: a workbook on disk and the learner's progress.
//! - `harness`, `build`, `process`: compiling an exercise with its grader-owned checks, and
//!   running programs under limits; `sandbox`: what student code may touch while it runs.
//! - `checks`: one module per check mode; each returns a `Verdict` and never prints.
//! - `submission`, `grade`: a student's submission (only its exercise files, copied) and
//!   grading it with the grader's own checks, into scores as data.
//! - `gate`: refuses learner code that acts outside its exercise, before it is built.
//! - `explain`: the failing loom execution the shim recorded, as steps and a reading:
//!   `record` (the shim's lines as typed events, in the format `grader/shim/loom_std/
//!   record_format.rs` defines for both sides), `names`, `steps`, `deadlock`, and
//!   `readings/` (one file each, listed once in priority order).
//! - `audit`: the exercise audit (`dev check`): shipped files, solutions and recorded answers
//!   (find/replace edits of the exercise, or marked rewrites) each get their declared verdict.
//! - `mutants`: mechanical mistakes applied to each solution and graded like answers
//!   (`dev mutants`); survivors are reported, or recorded as equivalent with a reason.
//!   `audit` and `mutants` (and `cmd`'s `dev` commands) are built only with the `dev`
//!   feature (grader/Cargo.toml), which `cargo test` enables.
//! - `editor`: the editor package (every exercise and solution file as a target, for
//!   rust-analyzer), generated from the catalogue; `dev check` says when it is stale.
//! - `app`: the learner's progress and every rule that changes it (next exercise, hints,
//!   recording a verdict, reset); `cmd` and `watch` both use it and never each other.
//! - `text`, `render`, `report`, `cmd`, `watch`: presentation; they never re-run checks.
//!   `text` wraps, indents, links and colours under an explicit `Style`; `render` turns
//!   verdicts, hints and exercise rows into words; `report` is one file per grade format.
//!
//! This file is the root of the `workbook-core` package (grader/core/Cargo.toml): everything
//! but the command line (`cli`, `cmd`, `watch`, in lib.rs), which is a crate of its own so that
//! cargo compiles the two in parallel (the command line's front end while this crate is
//! still generating code) in the last, otherwise serial, step of a fresh clone's build.

pub mod app;
#[cfg(feature = "dev")]
pub mod audit;
pub mod build;
pub mod cache;
pub mod catalogue;
pub mod checks;
pub mod editor;
pub mod explain;
pub mod fsutil;
pub mod gate;
pub mod grade;
pub mod harness;
#[cfg(feature = "dev")]
pub mod mutants;
pub mod process;
pub mod render;
pub mod report;
pub mod sandbox;
pub mod state;
pub mod submission;
pub mod text;
pub mod verdict;
pub mod workbook;
