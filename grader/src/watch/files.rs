//! File events: which exercise files were saved.
//!
//! The whole `exercises/` tree is watched (not each file): editors that save by writing a
//! new file and renaming it over the old one (vim with backups, JetBrains "safe write",
//! VS Code) replace the inode a per-file watch would be attached to. Any event whose path is
//! an exercise file counts; swap, backup and lock files never match one, so they are ignored.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;

use anyhow::{Context, Result};
use notify::event::{AccessKind, AccessMode, EventKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::Event;

/// Starts watching `dir`; events for the given files (absolute path -> exercise index) are
/// sent as `Event::Saved`. The watcher stops when the returned value is dropped.
pub fn watch(
    dir: &Path,
    files: HashMap<PathBuf, usize>,
    tx: Sender<Event>,
) -> Result<RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(event) = res else { return };
        if !counts(&event.kind) {
            return;
        }
        for path in &event.paths {
            if let Some(&index) = files.get(path) {
                let _ = tx.send(Event::Saved(index));
            }
        }
    })
    .context("cannot start watching files")?;
    watcher
        .watch(dir, RecursiveMode::Recursive)
        .with_context(|| format!("cannot watch {}", dir.display()))?;
    Ok(watcher)
}

/// Reads and opens are not saves; everything else that touches the file may be one.
fn counts(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Remove(_) => false,
        _ => true,
    }
}
