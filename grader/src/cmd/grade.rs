//! `workbook grade`: a class's submissions, graded in parallel, into one report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::app::App;
use crate::cache;
use crate::catalogue::Exercise;
use crate::cli::GradeArgs;
use crate::explain;
use crate::grade::{self, Grader, SlotLock, SubmissionGrade};
use crate::report::{self, ClassReport, Format};
use crate::submission::{self, Submission};
use crate::text::{Style, YELLOW};

pub fn run(app: &App, args: GradeArgs) -> Result<ExitCode> {
    let workbook = &app.workbook;
    if args.clear_cache {
        let n = cache::clear(&workbook.scratch())?;
        eprintln!(
            "Cleared the verdict cache ({n} entr{}).",
            if n == 1 { "y" } else { "ies" }
        );
        if args.paths.is_empty() {
            return Ok(ExitCode::SUCCESS);
        }
    }
    if args.merge {
        return merge(app, &args);
    }
    let format = Format::from(args.format);
    let gradescope = format == Format::Gradescope
        || args
            .report
            .iter()
            .any(|(f, _)| Format::from(*f) == Format::Gradescope);
    if gradescope && args.paths.len() != 1 {
        bail!(
            "--format gradescope writes one submission's results.json; got {} paths (run it once \
             per submission)",
            args.paths.len()
        );
    }
    let exercises = selected(app, &args.only)?;
    let extra_checks = args
        .checks
        .as_deref()
        .map(|dir| extra_checks(dir, &exercises))
        .transpose()?;
    let mut submissions = args
        .paths
        .iter()
        .map(|p| Submission::open(p))
        .collect::<Result<Vec<_>>>()?;
    submission::disambiguate(&mut submissions);
    let class_size = submissions.len();
    // Each submission keeps its place in the whole class, so that merged shards keep order.
    let mut indices: Vec<usize> = (0..class_size).collect();
    if let Some((k, n)) = args.shard {
        let (kept, mine): (Vec<_>, Vec<_>) = submissions
            .into_iter()
            .enumerate()
            .filter(|(_, s)| shard_of(&s.name, n) == k)
            .unzip();
        indices = kept;
        submissions = mine;
    }
    // Fail on an unwritable output before grading, not after; replace it only when done.
    let output = args.output.as_deref().map(Output::create).transpose()?;
    let reports = args
        .report
        .iter()
        .map(|(format, path)| Ok((Format::from(*format), Output::create(path)?)))
        .collect::<Result<Vec<_>>>()?;

    let (sandbox, mode) = crate::sandbox::from_request(args.sandbox)?;
    if let Some(note) = crate::sandbox::notice(&mode, args.sandbox) {
        eprintln!("{note}");
    }
    let options = grade::Options {
        timeout: args.timeout.map(Duration::from_secs_f64),
        memory_bytes: Some(args.memory * 1024 * 1024),
        extra_checks,
        sandbox,
        no_cache: args.no_cache,
        seed: args.seed,
    };
    let grader = Grader::new(workbook, exercises, options);
    let started = Instant::now();
    eprintln!("Preparing the build (the first time, loom and trybuild take a minute or two)...");
    grader.warm_up()?;
    let jobs = args
        .jobs
        .map(|j| j as usize)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(submissions.len());
    let mut grades = grade_all(&grader, &submissions, jobs)?;
    for (grade, index) in grades.iter_mut().zip(indices) {
        grade.index = index;
    }
    let stats = &grader.cache;
    eprintln!(
        "Graded {} submission{} in {:.1} s: {} file{} built and checked, {} from the cache{}.",
        grades.len(),
        if grades.len() == 1 { "" } else { "s" },
        started.elapsed().as_secs_f64(),
        stats.graded.load(Ordering::Relaxed),
        if stats.graded.load(Ordering::Relaxed) == 1 {
            ""
        } else {
            "s"
        },
        stats.hits.load(Ordering::Relaxed),
        match stats.corrupt.load(Ordering::Relaxed) {
            0 => String::new(),
            n => format!(" ({n} damaged cache entries graded again)"),
        }
    );

    let fingerprint = grader.fingerprint();
    let report = ClassReport {
        exercises: &grader.exercises,
        submissions: &grades,
        sandbox: &mode,
        fingerprint: &fingerprint,
        shard: args.shard.map(|(k, n)| report::Shard {
            k,
            n,
            of: class_size,
        }),
        seed: args.seed,
    };
    emit(&report, format, output, reports)
}

/// Writes `report` to stdout or `--output`, and to every `--report`.
fn emit(
    report: &ClassReport,
    format: Format,
    output: Option<Output>,
    reports: Vec<(Format, Output)>,
) -> Result<ExitCode> {
    // Files get no colours; stdout gets them when it is a terminal.
    for (format, file) in reports {
        file.finish(|out| report::write(format, report, Style::PLAIN, out))?;
    }
    match output {
        Some(output) => output.finish(|out| report::write(format, report, Style::PLAIN, out))?,
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            report::write(format, report, Style::stdout(), &mut out)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The shard (1..=n) a submission belongs to: a hash of its name, so that it does not move
/// when submissions are added, removed or listed in another order.
pub fn shard_of(name: &str, n: u32) -> u32 {
    let hash = cache::hash(&[name.as_bytes()]);
    let head = u64::from_str_radix(&hash[..16], 16).unwrap_or(0);
    (head % u64::from(n)) as u32 + 1
}

/// `--merge`: shards' JSON reports as one report, in the class's order. Shards of another
/// grader, catalogue, settings or class, or a missing or repeated shard, are refused.
fn merge(app: &App, args: &GradeArgs) -> Result<ExitCode> {
    let format = Format::from(args.format);
    let output = args.output.as_deref().map(Output::create).transpose()?;
    let reports = args
        .report
        .iter()
        .map(|(format, path)| Ok((Format::from(*format), Output::create(path)?)))
        .collect::<Result<Vec<_>>>()?;
    let mut shards = Vec::new();
    for path in &args.paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("--merge: cannot read {}", path.display()))?;
        let shard = report::json::read(&text)
            .with_context(|| format!("--merge: {} is not a JSON grade report", path.display()))?;
        shards.push((path, shard));
    }
    let (first_path, first) = &shards[0];
    let names = |r: &report::json::Report| {
        r.exercises
            .iter()
            .map(|e| (e.name.clone(), e.points))
            .collect::<Vec<_>>()
    };
    let mut seen = std::collections::BTreeSet::new();
    for (path, shard) in &shards {
        let differs = if shard.fingerprint.grader != first.fingerprint.grader {
            Some("another grader version")
        } else if shard.fingerprint.catalogue != first.fingerprint.catalogue
            || names(shard) != names(first)
        {
            Some("another catalogue, checks, limits, seed or sandbox")
        } else if shard.sandbox != first.sandbox {
            Some("another sandbox")
        } else {
            None
        };
        if let Some(what) = differs {
            bail!(
                "--merge: {} was graded with {what} than {}; grade every shard with the same grader",
                path.display(),
                first_path.display()
            );
        }
        match (shard.shard, first.shard) {
            (Some(s), Some(f)) if s.n == f.n && s.of == f.of => {
                if !seen.insert(s.k) {
                    bail!("--merge: shard {}/{} is given twice", s.k, s.n);
                }
            }
            _ => bail!(
                "--merge: {} and {} are not shards of one class (`--shard K/N` of the same \
                 submissions)",
                path.display(),
                first_path.display()
            ),
        }
    }
    if let Some(f) = first.shard
        && seen.len() != f.n as usize
    {
        let missing: Vec<String> = (1..=f.n)
            .filter(|k| !seen.contains(k))
            .map(|k| format!("{k}/{}", f.n))
            .collect();
        bail!("--merge: shards missing: {}", missing.join(", "));
    }
    let exercises = first
        .exercises
        .iter()
        .map(|info| {
            let mut exercise = app.workbook.exercise(&info.name)?.clone();
            exercise.points = info.points;
            Ok(exercise)
        })
        .collect::<Result<Vec<_>>>()?;
    let fingerprint = first.fingerprint.clone();
    let sandbox = first.sandbox.clone();
    // Shards graded under another `--seed` have another catalogue fingerprint (the seed is
    // part of every exercise's context), so they were refused above.
    let seed = first
        .seed
        .as_deref()
        .and_then(|s| crate::checks::seed::parse(s).ok());
    let mut grades: Vec<SubmissionGrade> = shards
        .into_iter()
        .flat_map(|(_, s)| s.submissions)
        .map(|s| s.into_grade())
        .collect();
    grades.sort_by_key(|g| g.index);
    if (format == Format::Gradescope || reports.iter().any(|(f, _)| *f == Format::Gradescope))
        && grades.len() != 1
    {
        bail!(
            "--format gradescope writes one submission's results.json; the shards hold {}",
            grades.len()
        );
    }
    let report = ClassReport {
        exercises: &exercises,
        submissions: &grades,
        sandbox: &sandbox,
        fingerprint: &fingerprint,
        shard: None,
        seed,
    };
    emit(&report, format, output, reports)
}

/// Grades every submission, `jobs` at a time, each worker in its own scratch slot. Reports
/// progress on stderr as submissions finish; returns grades in the order given.
fn grade_all(
    grader: &Grader,
    submissions: &[Submission],
    jobs: usize,
) -> Result<Vec<SubmissionGrade>> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<SubmissionGrade>>> = Mutex::new(vec![None; submissions.len()]);
    let total = submissions.len();
    std::thread::scope(|scope| -> Result<()> {
        let workers: Vec<_> = (0..jobs.max(1))
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    let lock = SlotLock::acquire(grader.workbook)?;
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(submission) = submissions.get(i) else {
                            return Ok(());
                        };
                        let graded = grader
                            .grade(lock.slot, submission)
                            .with_context(|| format!("grading {}", submission.path.display()))?;
                        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                        eprintln!(
                            "[{n:>width$}/{total}] {}: {}/{} points ({:.1} s)",
                            graded.name,
                            graded.score(),
                            graded.max_score(),
                            graded.duration.as_secs_f64(),
                            width = total.to_string().len()
                        );
                        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(graded);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("a grading worker panicked")))?;
        }
        Ok(())
    })?;
    Ok(results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect())
}

/// The exercises `--only` names (all when empty), in catalogue order.
fn selected(app: &App, only: &[String]) -> Result<Vec<Exercise>> {
    let catalogue = &app.workbook.catalogue;
    if only.is_empty() {
        return Ok(catalogue.exercises.clone());
    }
    for name in only {
        app.workbook
            .exercise(name.trim())
            .with_context(|| "--only".to_string())?;
    }
    Ok(catalogue
        .exercises
        .iter()
        .filter(|e| only.iter().any(|n| n.trim() == e.name))
        .cloned()
        .collect())
}

/// Validates `--checks DIR`: a directory whose subdirectories are exercise names.
fn extra_checks(dir: &Path, exercises: &[Exercise]) -> Result<PathBuf> {
    if !dir.is_dir() {
        bail!("--checks {}: no such directory", dir.display());
    }
    let dir = dir
        .canonicalize()
        .with_context(|| format!("--checks {}", dir.display()))?;
    for entry in std::fs::read_dir(&dir).with_context(|| format!("--checks {}", dir.display()))? {
        let entry = entry?;
        if !entry.path().is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        if !exercises.iter().any(|e| e.name == name) {
            bail!(
                "--checks {}: `{name}` is not an exercise being graded (its checks would never run)",
                dir.display()
            );
        }
        let loom = entry.path().join("loom.rs");
        if let Ok(text) = std::fs::read_to_string(&loom) {
            // Not an error: the checks still grade, but students lose the explanation.
            for line in explain::unrecorded_models(&text) {
                eprintln!(
                    "{} {}:{line}: loom::model gives no schedule when it fails; call {} to show it",
                    Style::stderr().paint("note:", YELLOW.bold()),
                    loom.display(),
                    explain::RECORDED_MODEL
                );
            }
        }
    }
    Ok(dir)
}

/// The report file, written beside its final path and renamed into place when complete
/// (a device such as /dev/null, or a pipe, is written directly).
struct Output {
    path: PathBuf,
    temp: Option<tempfile::NamedTempFile>,
}

impl Output {
    fn create(path: &Path) -> Result<Output> {
        if path.exists() && !path.is_file() && !path.is_dir() {
            return Ok(Output {
                path: path.to_path_buf(),
                temp: None,
            });
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if path.is_dir() {
            bail!("--output {}: is a directory", path.display());
        }
        let temp = tempfile::Builder::new()
            .prefix(".workbook-report")
            .tempfile_in(dir)
            .with_context(|| format!("--output {}: cannot write there", path.display()))?;
        Ok(Output {
            path: path.to_path_buf(),
            temp: Some(temp),
        })
    }

    fn finish(self, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
        let cannot = || format!("cannot write {}", self.path.display());
        let Some(mut temp) = self.temp else {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .open(&self.path)
                .with_context(cannot)?;
            write(&mut file)?;
            return file.flush().with_context(cannot);
        };
        write(temp.as_file_mut())?;
        temp.as_file_mut().flush().with_context(cannot)?;
        // A temporary file is private (0600); a report is an ordinary file.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = temp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
        temp.persist(&self.path).with_context(cannot)?;
        Ok(())
    }
}
