//! Watch mode's warm-up: loom and trybuild (the crates loom and compile-fail checks link
//! against) build in the background while the learner reads the first exercise, which, like
//! every std-only exercise, is checked without them (`Harness::needs_deps`). Started once the
//! first check has ended, so that the two never share the machine's cores. A loom or
//! compile-fail check started before the warm-up ends waits for it through cargo's own lock
//! on the shared target directory, and only then.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use serde::Deserialize;

use super::Event;
use crate::build::{cargo, scrub_env};
use crate::harness::{DEPS_FEATURE, Harness, TRYBUILD_BIN, TRYBUILD_CARGO_BIN};

/// Where the warm-up is, as watch shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warm {
    /// Crates built so far, of about `total`.
    Building {
        done: usize,
        total: usize,
    },
    Ready,
    /// cargo failed: the first loom or compile-fail check shows why, as its verdict.
    Failed,
}

impl Warm {
    /// The one line watch shows (none once ready).
    pub fn line(&self) -> Option<String> {
        match self {
            Warm::Building { done, total } => {
                let count = if *total > 0 {
                    format!("{done}/{total}")
                } else {
                    done.to_string()
                };
                Some(format!(
                    "Building loom and trybuild in the background ({count} crates): \
                     loom and compile-fail checks wait for them."
                ))
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
    let total = crates_to_build(harness);
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--message-format=json",
        "--quiet",
        "--features",
        DEPS_FEATURE,
        "--bin",
        &harness.target_name(TRYBUILD_BIN),
        "--bin",
        &harness.target_name(TRYBUILD_CARGO_BIN),
        "--manifest-path",
    ])
    .arg(harness.dir.join("Cargo.toml"))
    .current_dir(&harness.dir)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    scrub_env(&mut cmd, &harness.target_dir);
    let Ok(mut child) = cmd.spawn() else {
        let _ = tx.send(Event::Warm(Warm::Failed));
        return;
    };
    let mut built = HashSet::new();
    let mut shown = false;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let Ok(msg) = serde_json::from_str::<Message>(&line) else {
                continue;
            };
            if msg.reason != "compiler-artifact" {
                continue;
            }
            // Nothing to show when everything was built already.
            if msg.fresh && !shown {
                continue;
            }
            // The package itself (the trybuild driver) is not one of the crates counted.
            if let Some(id) = msg.package_id.filter(|id| !id.contains("/harness/")) {
                built.insert(id);
            }
            shown = true;
            let done = built.len().min(total);
            let _ = tx.send(Event::Warm(Warm::Building { done, total }));
        }
    }
    let ok = child.wait().is_ok_and(|s| s.success());
    let _ = tx.send(Event::Warm(if ok { Warm::Ready } else { Warm::Failed }));
}
