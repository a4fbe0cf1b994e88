//! The gate over everything the workbook ships and records: no exercise, solution or recorded
//! answer is refused, except answers declared `rejected` (a refusal of a legitimate file means
//! a rule is too broad), and what the gate costs per file. Here, not in `gate`, because it
//! reads the workbook: the gate itself depends on nothing but its input.

/// A file the workbook ships or records: its path, code, whether it is declared `rejected`,
/// and the rules its exercise allows.
type Shipped = (std::path::PathBuf, String, bool, Vec<crate::gate::Rule>);

/// Every exercise and solution file, and the code of every recorded answer (edits
/// applied), with whether it is declared `rejected`: none but those may be refused (a
/// refusal of a legitimate file means a rule is too broad).
fn shipped_files() -> Vec<Shipped> {
    // CARGO_MANIFEST_DIR is grader/core/ (the workbook-core package): the repository is two up.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap();
    let wb = crate::workbook::Workbook::open(root).unwrap();
    let mut files = Vec::new();
    for exercise in &wb.catalogue.exercises {
        for set in [
            crate::workbook::SourceSet::Exercises,
            crate::workbook::SourceSet::Solutions,
        ] {
            let path = wb.source(exercise, set);
            let text = std::fs::read_to_string(&path).unwrap();
            files.push((path, text, false, exercise.allow.clone()));
        }
        for answer in super::answers(&wb, exercise).unwrap() {
            let rejected = answer.expected == crate::verdict::VerdictKind::Rejected;
            let allow = answer.exercise(exercise).allow;
            files.push((answer.file, answer.code, rejected, allow));
        }
    }
    files
}

#[test]
fn no_shipped_exercise_solution_or_answer_is_refused() {
    let files = shipped_files();
    assert!(files.len() > 100, "{} files", files.len());
    let mut refused = Vec::new();
    for (file, text, declared_rejected, allowed) in &files {
        match (crate::gate::inspect(text, allowed), declared_rejected) {
            (Err(r), false) => refused.push(format!("{}: {r}", file.display())),
            (Ok(_), true) => refused.push(format!(
                "{}: declared rejected but accepted",
                file.display()
            )),
            _ => {}
        }
    }
    assert!(refused.is_empty(), "{}", refused.join("\n"));
}

/// The gate's cost: `cargo test -p workbook-core --features dev --lib audit::gated::bench -- --ignored --nocapture`.
#[test]
#[ignore]
fn bench() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap();
    let (files, texts): (Vec<_>, Vec<String>) = shipped_files()
        .into_iter()
        .filter(|(f, _, _, _)| f.starts_with(root.join("exercises")))
        .map(|(f, text, _, _)| (f, text))
        .unzip();
    let rounds = 20;
    let mut slowest = (0.0f64, 0);
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for (i, t) in texts.iter().enumerate() {
            let one = std::time::Instant::now();
            let _ = std::hint::black_box(crate::gate::inspect(t, &[]));
            let ms = one.elapsed().as_secs_f64() * 1000.0;
            if ms > slowest.0 {
                slowest = (ms, i);
            }
        }
    }
    let per_file = start.elapsed().as_secs_f64() * 1000.0 / (rounds * texts.len()) as f64;
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "gate: {} exercise files, {bytes} bytes, {per_file:.3} ms per file on average, \
         slowest {:.3} ms ({})",
        texts.len(),
        slowest.0,
        files[slowest.1].file_name().unwrap().to_string_lossy()
    );
}
