//! The workbook grader: catalogue -> exercise -> checks -> verdict -> presentation.
//!
//! - `catalogue`: info.toml, the exercises and how each is checked.
//! - `workbook`, `state`: a workbook on disk and the learner's progress.
//! - `harness`, `build`, `process`: compiling an exercise with its grader-owned checks, and
//!   running programs under limits; `sandbox`: what student code may touch while it runs.
//! - `checks`: one module per check mode; each returns a `Verdict` and never prints.
//! - `submission`, `grade`: a student's submission (only its exercise files, copied) and
//!   grading it with the grader's own checks, into scores as data.
//! - `explain`: the failing loom execution the shim recorded, as steps and a reading.
//! - `render`, `report`, `cmd`, `watch`: presentation; they never re-run checks.

pub mod audit;
pub mod build;
pub mod catalogue;
pub mod checks;
pub mod cli;
pub mod cmd;
pub mod explain;
pub mod grade;
pub mod harness;
pub mod process;
pub mod render;
pub mod report;
pub mod sandbox;
pub mod state;
pub mod submission;
pub mod verdict;
pub mod watch;
pub mod workbook;
