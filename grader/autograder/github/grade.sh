#!/usr/bin/env bash
# Grades one student's workbook in CI and writes the reports a workflow uploads:
#   grade.sh GRADER_DIR SUBMISSION_DIR REPORTS_DIR
# GRADER_DIR is the teacher's copy of the workbook (its checks are the ones that count);
# SUBMISSION_DIR the student's checkout. Writes REPORTS_DIR/{grade.json,junit.xml,grade.txt}
# and, under GitHub Actions, the table to the job summary. Exits 0 whatever the score
# (the score is in the reports); non-zero only if grading itself failed.
set -euo pipefail

grader="$(cd "$1" && pwd)"
submission="$(cd "$2" && pwd)"
mkdir -p "$3"
reports="$(cd "$3" && pwd)"

# WORKBOOK_BIN: an already built grader (the project's tests use it).
workbook="${WORKBOOK_BIN:-}"
if [ -z "$workbook" ]; then
    cargo build --quiet --locked --manifest-path "$grader/Cargo.toml" --package workbook
    workbook="${CARGO_TARGET_DIR:-$grader/target}/debug/workbook"
fi

# One grading run, three views of it: JSON is the record, JUnit for test dashboards, text
# for people. WORKBOOK_GRADE_ARGS adds options (e.g. "--only threads1,threads2").
# shellcheck disable=SC2086
"$workbook" -C "$grader" grade "$submission" ${WORKBOOK_GRADE_ARGS:-} \
    --report "json:$reports/grade.json" --report "junit:$reports/junit.xml" \
    --format text --output "$reports/grade.txt"

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    {
        echo '## Workbook grade'
        echo '```'
        cat "$reports/grade.txt"
        echo '```'
    } >>"$GITHUB_STEP_SUMMARY"
fi
head -n 1 "$reports/grade.txt"
