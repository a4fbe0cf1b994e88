//! Compiling exercise targets: one cargo invocation per check, all needed targets at once
//! (one build per save: building two artifacts per save costs twice one build, and cargo's own
//! overhead is small next to rustc's, ~10 ms). Every
//! target is a plain bin built by `cargo build`: none is a test build.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::Result;
use serde::Deserialize;

use crate::harness::Harness;
use crate::process::{self, Exit, Limits};

/// How many compiler errors a learner sees: the first ones are the ones to fix.
pub const MAX_ERRORS_SHOWN: usize = 3;

#[derive(Debug)]
pub enum Build {
    /// Every target compiled: bin name -> executable.
    Built(HashMap<String, PathBuf>),
    /// rustc rejected the code: the errors (deduplicated), in the order rustc gave them, and
    /// the targets that compiled all the same.
    Rejected {
        errors: Vec<CompileError>,
        failed_targets: Vec<String>,
        built: HashMap<String, PathBuf>,
    },
    /// The build did not finish in time.
    TimedOut { seconds: f64 },
    /// cargo itself failed (no rustc error to show): its message.
    Failed(String),
}

/// One compiler error: as rustc rendered it (with ANSI colours), and the files its primary
/// spans point into (to tell which exercise of a many-exercise crate it belongs to), and the
/// target whose build reported it first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub rendered: String,
    pub files: Vec<PathBuf>,
    pub target: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    reason: String,
    #[serde(default)]
    target: Option<Target>,
    #[serde(default)]
    executable: Option<PathBuf>,
    #[serde(default)]
    message: Option<Diagnostic>,
}

#[derive(Deserialize)]
struct Target {
    name: String,
}

#[derive(Deserialize)]
struct Diagnostic {
    level: String,
    message: String,
    rendered: Option<String>,
    #[serde(default)]
    spans: Vec<Span>,
}

#[derive(Deserialize)]
struct Span {
    file_name: PathBuf,
    is_primary: bool,
}

/// Builds the executables of `bins` in `harness`.
pub fn build(harness: &Harness, bins: &[String], timeout: Duration) -> Result<Build> {
    let mut cmd = Command::new(cargo());
    cmd.args([
        "build",
        "--message-format=json-diagnostic-rendered-ansi",
        "--quiet",
        // Build every target that compiles, even when another does not (a loom-only compile
        // error still shows the std lints; a compile_pass case that does not compile is that
        // case's failure, not the exercise's).
        "--keep-going",
    ]);
    for bin in bins {
        cmd.args(["--bin", &harness.target_name(bin)]);
    }
    // Only builds that need loom or trybuild enable them, in the shared target directory; the
    // rest build in a directory of their own, never waiting for a build of those crates.
    // Each checker's crates only for the targets that link them (`Harness::feature_of`).
    let mut features: Vec<&str> = bins.iter().filter_map(|b| Harness::feature_of(b)).collect();
    features.sort_unstable();
    features.dedup();
    let target_dir = if features.is_empty() {
        harness.std_target_dir()
    } else {
        cmd.args(["--features", &features.join(",")]);
        harness.target_dir.clone()
    };
    // Results are keyed by the bin's own name, not the package-unique target name.
    let bin_of = |target: String| {
        harness
            .bin_of_target(&target)
            .map(str::to_string)
            .unwrap_or(target)
    };
    cmd.arg("--manifest-path")
        .arg(harness.dir.join("Cargo.toml"));
    cmd.current_dir(&harness.dir);
    scrub_env(&mut cmd, &target_dir);
    let limits = Limits {
        output_bytes: 8 * 1024 * 1024,
        ..Limits::with_timeout(timeout)
    };
    let out = process::run(cmd, limits)?;
    if out.exit == Exit::TimedOut {
        return Ok(Build::TimedOut {
            seconds: timeout.as_secs_f64(),
        });
    }
    let mut executables = HashMap::new();
    let mut errors: Vec<CompileError> = Vec::new();
    let mut failed_targets = Vec::new();
    for line in out.stdout.lines() {
        let Ok(msg) = serde_json::from_str::<Message>(line) else {
            continue;
        };
        match msg.reason.as_str() {
            "compiler-artifact" => {
                if let (Some(t), Some(exe)) = (msg.target, msg.executable) {
                    executables.insert(bin_of(t.name), exe);
                }
            }
            "compiler-message" => {
                let Some(d) = msg.message else { continue };
                if d.level != "error" || d.message.starts_with("aborting due to") {
                    continue;
                }
                let target = msg.target.map(|t| bin_of(t.name));
                if let Some(t) = &target
                    && !failed_targets.contains(t)
                {
                    failed_targets.push(t.clone());
                }
                let files = d
                    .spans
                    .into_iter()
                    .filter(|s| s.is_primary)
                    .map(|s| s.file_name)
                    .collect();
                let rendered = d.rendered.unwrap_or(d.message);
                if !errors.iter().any(|e| e.rendered == rendered) {
                    errors.push(CompileError {
                        rendered,
                        files,
                        target,
                    });
                }
            }
            _ => {}
        }
    }
    if !errors.is_empty() {
        return Ok(Build::Rejected {
            errors,
            failed_targets,
            built: executables,
        });
    }
    if !out.success() || bins.iter().any(|b| !executables.contains_key(b)) {
        let text = out.stderr.trim();
        let text = if text.is_empty() {
            "cargo failed without saying why"
        } else {
            text
        };
        return Ok(Build::Failed(
            text.lines().take(20).collect::<Vec<_>>().join("\n"),
        ));
    }
    Ok(Build::Built(executables))
}

/// The cargo that runs us (`cargo workbook ...` sets `CARGO`), else the one on PATH.
pub fn cargo() -> PathBuf {
    std::env::var_os("CARGO")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("cargo"))
}

/// The same build whatever the caller's environment: flags and target dirs set by the
/// learner's shell (or by the cargo that runs the grader) must not change how exercises
/// compile, nor make every run rebuild.
pub fn scrub_env(cmd: &mut Command, target_dir: &Path) {
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "CARGO_BUILD_RUSTFLAGS",
        "RUSTC_WRAPPER",
        "CARGO_BUILD_RUSTC_WRAPPER",
        "CARGO_PRIMARY_PACKAGE",
        "CARGO_MANIFEST_DIR",
        "CARGO_PKG_NAME",
        "CARGO_BUILD_TARGET_DIR",
        "CARGO_INCREMENTAL",
        "CARGO_PROFILE_DEV_DEBUG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("CARGO_TARGET_DIR", target_dir);
    cmd.env("CARGO_TERM_COLOR", "always");
}

#[cfg(test)]
mod tests {
    use crate::harness::{
        COMBINED_BIN, COMBINED_LOOM_BIN, DEPS_FEATURE, Harness, LOOM_DEPS_BIN, LOOM_FEATURE,
        TRYBUILD_BIN, TRYBUILD_CARGO_BIN, TRYBUILD_FEATURE,
    };

    /// loom, trybuild and the loom shim are optional, each checker's enabled by a feature of
    /// its own that exactly the targets needing it require: a std-only build never compiles
    /// them, a loom build never compiles trybuild's, nor a compile-fail build loom's.
    #[test]
    fn each_target_needs_only_its_own_checkers_crates() {
        let scratch = tempfile::tempdir().unwrap();
        let harness = Harness::new(scratch.path(), "t", &scratch.path().join("checks"));
        harness.prepare(&[]).unwrap();
        let text = std::fs::read_to_string(harness.dir.join("Cargo.toml")).unwrap();
        let manifest: toml::Table = text.parse().unwrap();
        let deps = manifest["dependencies"].as_table().unwrap();
        assert!(
            deps.contains_key("loom") && deps.contains_key("trybuild"),
            "{text}"
        );
        // Every dependency but the runner's crate, which every target links (the loom shim's
        // crate depends on loom: it is one of loom's crates).
        assert!(deps.contains_key("workbook-rt") && deps.contains_key("workbook-loom-std"));
        for (name, dep) in deps {
            let optional = dep.get("optional").and_then(|o| o.as_bool()) == Some(true);
            assert_eq!(optional, name != "workbook-rt", "{text}");
        }
        let enables = |feature: &str| -> Vec<String> {
            manifest["features"][feature]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(enables(LOOM_FEATURE), ["dep:workbook-loom-std", "dep:loom"]);
        assert_eq!(enables(TRYBUILD_FEATURE), ["dep:trybuild"]);
        assert_eq!(enables(DEPS_FEATURE), [LOOM_FEATURE, TRYBUILD_FEATURE]);
        let bins = manifest["bin"].as_array().unwrap();
        let required = |bin: &str| {
            let target = bins
                .iter()
                .find(|b| b["name"].as_str() == Some(&harness.target_name(bin)))
                .unwrap();
            target["required-features"].as_array().unwrap()[0]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(required(TRYBUILD_BIN), TRYBUILD_FEATURE);
        // trybuild's cargo is built with the driver, beside it.
        assert_eq!(required(TRYBUILD_CARGO_BIN), TRYBUILD_FEATURE);
        assert_eq!(required(LOOM_DEPS_BIN), LOOM_FEATURE);
        assert_eq!(Harness::feature_of(COMBINED_LOOM_BIN), Some(LOOM_FEATURE));
        assert_eq!(
            Harness::feature_of("bank_transfer__loom"),
            Some(LOOM_FEATURE)
        );
        assert!(!Harness::needs_deps("bank_transfer") && !Harness::needs_deps(COMBINED_BIN));
        assert!(!Harness::needs_deps("not_send__pass__still_usable"));
        assert_ne!(harness.std_target_dir(), harness.target_dir);
        assert!(harness.std_target_dir().starts_with(&harness.target_dir));
    }
}
