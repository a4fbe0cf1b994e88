//! Watch mode's warm-up: loom and trybuild (the crates loom and compile-fail checks link
//! against) build in the background while the learner reads the first exercise, which, like
//! every std-only exercise, is checked without them (`Harness::needs_deps`). Started once the
//! first check has ended, so that the two never share the machine's cores. loom's crates
//! build first and trybuild's after (each behind a feature of its own, `Harness::feature_of`):
//! a loom check needs only loom's, and one started before they are ready waits for them
//! through cargo's own lock on the shared target directory, which it takes before trybuild's
//! build starts; a compile-fail check waits for both.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use serde::Deserialize;

use super::Event;
use crate::build::{cargo, scrub_env};
use crate::harness::{
    DEPS_FEATURE, Harness, LOOM_DEPS_BIN, LOOM_FEATURE, TRYBUILD_BIN, TRYBUILD_CARGO_BIN,
    TRYBUILD_FEATURE,
};

/// Where the warm-up is, as watch shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warm {
    /// Crates built so far, of about `total` (loom's and trybuild's); `loom`: loom's are
    /// ready, trybuild's are building.
    Building {
        done: usize,
        total: usize,
        loom: bool,
    },
    Ready,
    /// cargo failed: the first loom or compile-fail check shows why, as its verdict.
    Failed,
}

impl Warm {
    /// The one line watch shows (none once ready).
    pub fn line(&self) -> Option<String> {
        match self {
            Warm::Building { done, total, loom } => {
                let count = if *total > 0 {
                    format!("{done}/{total}")
                } else {
                    done.to_string()
                };
                Some(if *loom {
                    format!(
                        "Building trybuild in the background ({count} crates): compile-fail \
                         checks wait for it; loom checks are ready."
                    )
                } else {
                    format!(
                        "Building loom and trybuild in the background ({count} crates): loom \
                         checks wait for loom, compile-fail checks for both."
                    )
                })
            }
            Warm::Ready => None,
            Warm::Failed => Some(
                "Building loom and trybuild failed: a loom or compile-fail check shows why.".into(),
            ),
        }
    }
}

/// How many crates a build with the checkers' crates compiles on this machine, the package
/// itself apart (cargo's resolve for the host, with the feature on); 0 if cargo cannot say.
fn crates_to_build(harness: &Harness) -> usize {
    #[derive(Deserialize)]
    struct Metadata {
        resolve: Resolve,
    }
    #[derive(Deserialize)]
    struct Resolve {
        nodes: Vec<serde::de::IgnoredAny>,
    }
    let host = Command::new(std::env::var_os("RUSTC").unwrap_or("rustc".into()))
        .arg("-vV")
        .output()
        .ok()
        .and_then(|o| {
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find_map(|l| l.strip_prefix("host: ").map(str::to_string))
        });
    let mut cmd = Command::new(cargo());
    cmd.args([
        "metadata",
        "--format-version",
        "1",
        "--features",
        DEPS_FEATURE,
    ])
    .arg("--manifest-path")
    .arg(harness.dir.join("Cargo.toml"))
    .current_dir(&harness.dir)
    .stdin(Stdio::null())
    .stderr(Stdio::null());
    if let Some(host) = &host {
        cmd.args(["--filter-platform", host]);
    }
    scrub_env(&mut cmd, &harness.target_dir);
    cmd.output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| serde_json::from_slice::<Metadata>(&o.stdout).ok())
        .map_or(0, |m| m.resolve.nodes.len().saturating_sub(1))
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    package_id: Option<String>,
    #[serde(default)]
    fresh: bool,
}

/// Spawns the warm-up thread; it starts building when the returned sender sends (or is
/// dropped), and reports through `tx` as `Event::Warm`.
pub fn spawn(harness: Harness, tx: Sender<Event>) -> Sender<()> {
    let (go, wait) = mpsc::channel::<()>();
    thread::spawn(move || run(&harness, &tx, &wait));
    go
}

fn run(harness: &Harness, tx: &Sender<Event>, wait: &Receiver<()>) {
    let _ = wait.recv();
    let mut progress = Progress {
        total: crates_to_build(harness),
        built: HashSet::new(),
        shown: false,
        loom: false,
    };
    // loom's crates first: a loom check needs only them; trybuild's after.
    let loom = build(harness, LOOM_FEATURE, &[LOOM_DEPS_BIN], &mut progress, tx);
    progress.loom = loom;
    if loom && progress.shown {
        let _ = tx.send(Event::Warm(Warm::Building {
            done: progress.built.len().min(progress.total),
            total: progress.total,
            loom,
        }));
    }
    let trybuild = build(
        harness,
        TRYBUILD_FEATURE,
        &[TRYBUILD_BIN, TRYBUILD_CARGO_BIN],
        &mut progress,
        tx,
    );
    let _ = tx.send(Event::Warm(if loom && trybuild {
        Warm::Ready
    } else {
        Warm::Failed
    }));
}

/// The crates built so far, over both builds.
struct Progress {
    total: usize,
    built: HashSet<String>,
    /// Whether a line was shown yet: nothing to show when everything was built already.
    shown: bool,
    loom: bool,
}

/// Builds `bins` with `feature`, reporting each crate built; whether cargo succeeded.
fn build(
    harness: &Harness,
    feature: &str,
    bins: &[&str],
    progress: &mut Progress,
    tx: &Sender<Event>,
) -> bool {
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--message-format=json",
        "--quiet",
        "--features",
        feature,
    ]);
    for bin in bins {
        cmd.args(["--bin", &harness.target_name(bin)]);
    }
    cmd.arg("--manifest-path")
        .arg(harness.dir.join("Cargo.toml"))
        .current_dir(&harness.dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    scrub_env(&mut cmd, &harness.target_dir);
    let Ok(mut child) = cmd.spawn() else {
        return false;
    };
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let Ok(msg) = serde_json::from_str::<Message>(&line) else {
                continue;
            };
            if msg.reason != "compiler-artifact" {
                continue;
            }
            if msg.fresh && !progress.shown {
                continue;
            }
            // The package itself (its bins) is not one of the crates counted.
            if let Some(id) = msg.package_id.filter(|id| !id.contains("/harness/")) {
                progress.built.insert(id);
            }
            progress.shown = true;
            let _ = tx.send(Event::Warm(Warm::Building {
                done: progress.built.len().min(progress.total),
                total: progress.total,
                loom: progress.loom,
            }));
        }
    }
    child.wait().is_ok_and(|s| s.success())
}
