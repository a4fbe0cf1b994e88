//! The workbook grader. The command line (`cli`, `cmd`, `watch`) is here; the rest is the
//! `workbook-core` crate (its root, grader/src/core.rs, describes every module), re-exported
//! here under the same paths (`workbook::catalogue`, ...).

pub use workbook_core::{
    app, build, cache, catalogue, checks, editor, explain, fsutil, gate, grade, harness, process,
    render, report, sandbox, state, submission, text, verdict, workbook,
};
#[cfg(feature = "dev")]
pub use workbook_core::{audit, mutants};

pub mod cli;
pub mod cmd;
pub mod watch;
