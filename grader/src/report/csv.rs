//! CSV: a gradebook a spreadsheet opens. One row per student, one column per exercise
//! (its points), then the total and the maximum, then the gate's integrity flags (information,
//! never points); the header names each exercise. A last column, `sandbox`, records how student
//! code was sandboxed (a column, not a comment line: spreadsheets and CSV readers take the first
//! line as the header). The last, `seed`, is the run's `--seed` (as verdicts print it, the value
//! `grade --seed` or `run --seed` takes back), empty when each file drew from a seed of its own
//! (made of its cache key: grading the file again draws the same; the JSON report has each one).

use std::io::Write;

use anyhow::Result;

use super::ClassReport;

pub fn write(report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    let mut csv = ::csv::Writer::from_writer(out);
    let mut header = vec!["student".to_string()];
    header.extend(report.exercises.iter().map(|e| e.name.clone()));
    header.push("total".into());
    header.push("max".into());
    header.push("flags".into());
    header.push("sandbox".into());
    header.push("seed".into());
    csv.write_record(&header)?;
    for s in report.submissions {
        let mut row = vec![s.name.clone()];
        row.extend(s.exercises.iter().map(|g| g.points.to_string()));
        row.push(s.score().to_string());
        row.push(s.max_score().to_string());
        row.push(s.flags_line());
        row.push(report.sandbox.to_string());
        row.push(report.seed.map(super::seed_text).unwrap_or_default());
        csv.write_record(&row)?;
    }
    csv.flush()?;
    Ok(())
}
