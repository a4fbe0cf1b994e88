//! JUnit XML, as CI systems read it: `<testsuites>` with one `<testsuite>` per submission
//! and one `<testcase>` per exercise; a failing exercise carries a `<failure>` whose `type`
//! is the verdict kind and whose text is the verdict in words. Points and the sandbox mode
//! go in properties.

use std::io::Write;

use anyhow::Result;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::ClassReport;

pub fn write(report: &ClassReport, out: &mut dyn Write) -> Result<()> {
    let mut xml = Writer::new_with_indent(out, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let tests: usize = report.submissions.iter().map(|s| s.exercises.len()).sum();
    let failures: usize = report.submissions.iter().map(failed).sum();
    let time: f64 = report
        .submissions
        .iter()
        .map(|s| s.duration.as_secs_f64())
        .sum();
    let mut root = BytesStart::new("testsuites");
    root.push_attribute(("name", "workbook grade"));
    root.push_attribute(("tests", tests.to_string().as_str()));
    root.push_attribute(("failures", failures.to_string().as_str()));
    root.push_attribute(("time", format!("{time:.3}").as_str()));
    xml.write_event(Event::Start(root))?;
    for s in report.submissions {
        let mut suite = BytesStart::new("testsuite");
        suite.push_attribute(("name", s.name.as_str()));
        suite.push_attribute(("tests", s.exercises.len().to_string().as_str()));
        suite.push_attribute(("failures", failed(s).to_string().as_str()));
        suite.push_attribute(("errors", "0"));
        suite.push_attribute(("time", format!("{:.3}", s.duration.as_secs_f64()).as_str()));
        xml.write_event(Event::Start(suite))?;
        xml.write_event(Event::Start(BytesStart::new("properties")))?;
        for (name, value) in [
            ("path", s.path.display().to_string()),
            ("score", s.score().to_string()),
            ("max_score", s.max_score().to_string()),
            ("sandbox", report.sandbox.to_string()),
        ] {
            let mut p = BytesStart::new("property");
            p.push_attribute(("name", name));
            p.push_attribute(("value", value.as_str()));
            xml.write_event(Event::Empty(p))?;
        }
        xml.write_event(Event::End(BytesEnd::new("properties")))?;
        for g in &s.exercises {
            let mut case = BytesStart::new("testcase");
            case.push_attribute(("classname", s.name.as_str()));
            case.push_attribute(("name", g.outcome.exercise.as_str()));
            case.push_attribute((
                "time",
                format!("{:.3}", g.outcome.duration.as_secs_f64()).as_str(),
            ));
            if g.outcome.verdict.passed() {
                xml.write_event(Event::Empty(case))?;
                continue;
            }
            xml.write_event(Event::Start(case))?;
            let verdict = &g.outcome.verdict;
            let mut failure = BytesStart::new("failure");
            // The verdict's headline, not its kind's: a compile_pass case that compiled and
            // failed when run is not a compile-time expectation (`Verdict::headline`).
            failure.push_attribute((
                "message",
                format!("{} (0 of {} points)", verdict.headline(), g.max_points).as_str(),
            ));
            failure.push_attribute(("type", verdict.kind().name()));
            xml.write_event(Event::Start(failure))?;
            xml.write_event(Event::Text(BytesText::new(&xml_safe(&super::message(
                &g.outcome.verdict,
            )))))?;
            xml.write_event(Event::End(BytesEnd::new("failure")))?;
            xml.write_event(Event::End(BytesEnd::new("testcase")))?;
        }
        xml.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    xml.write_event(Event::End(BytesEnd::new("testsuites")))?;
    writeln!(xml.get_mut())?;
    Ok(())
}

fn failed(s: &crate::grade::SubmissionGrade) -> usize {
    s.exercises
        .iter()
        .filter(|g| !g.outcome.verdict.passed())
        .count()
}

/// XML 1.0 cannot carry most control characters, even escaped; a program's output can.
fn xml_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\t' | '\r') {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}
