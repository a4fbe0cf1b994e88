//! Compiler and run-time output of the compile_pass bins, in the learner's terms: each bin's
//! generated file (`src/<bin>.rs` in the grader's harness) named as the case it holds
//! (`tests/checks/<name>/compile_pass/<case>.rs`: the bin keeps the case's line numbers), and
//! the learner's items without the generated module that holds their file (`exercise::MyBox`
//! reads `MyBox`). The learner's own file is named by the usual path mapping
//! (`Checker::relative`).

use crate::harness::PassCase;

/// The module the generated bins and cases wrap the learner's file in.
const MODULE: &str = "exercise::";

/// `text` with every compile_pass bin's generated path replaced by its case's, and the
/// generated module left out of item paths.
pub fn in_learner_terms(text: &str, cases: &[PassCase]) -> String {
    let mut text = text.to_string();
    for case in cases {
        text = text.replace(&format!("src/{}.rs", case.bin), &case.shown);
    }
    without_module(&text)
}

/// The compile_pass bins' build errors in the learner's terms (an error of one bin may be
/// shown for another's case: every case's path is mapped).
pub fn errors_in_learner_terms(
    errors: Vec<crate::build::CompileError>,
    cases: &[PassCase],
) -> Vec<crate::build::CompileError> {
    errors
        .into_iter()
        .map(|mut e| {
            e.rendered = in_learner_terms(&e.rendered, cases);
            e
        })
        .collect()
}

/// `exercise::` left out where it starts a path (`exercise::Session`, `<exercise::X as T>`),
/// not inside one (`my::exercise::X`) or a longer name (`my_exercise::X`).
fn without_module(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (at, _) in text.match_indices(MODULE) {
        if at < from {
            continue;
        }
        let starts_path = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_' || c == ':'));
        if starts_path {
            out.push_str(&text[from..at]);
            from = at + MODULE.len();
        }
    }
    out.push_str(&text[from..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn case() -> PassCase {
        PassCase {
            name: "the_box_drops_its_value_once".into(),
            bin: "send_bound__pass__the_box_drops_its_value_once".into(),
            path: PathBuf::from("/srv/course/tests/checks/send_bound/compile_pass/x.rs"),
            shown: "tests/checks/send_bound/compile_pass/the_box_drops_its_value_once.rs".into(),
        }
    }

    /// rustc's error from a compile_pass bin (as `workbook run send_bound` got it with
    /// `unsafe impl<T: Send + Default> Send`): the case's path and line, the learner's types.
    #[test]
    fn a_pass_bins_error_names_the_case_and_the_learners_items() {
        let rendered = "error[E0277]: the trait bound `exercise::MyBox<Counted>: Send` is not satisfied\n  \
            --> src/send_bound__pass__the_box_drops_its_value_once.rs:28:38\n   |\n\
            28 |     let there = ::std::thread::spawn(move || {\n\
            note: required for `exercise::MyBox<Counted>` to implement `Send`\n  \
            --> /home/ada/workbook/exercises/07_send_sync/send_bound.rs:58:32\n\
            note: `my_exercise::X`, `a::exercise::Y`, <exercise::Z as Send>\n";
        let shown = in_learner_terms(rendered, &[case()]);
        assert!(!shown.contains("src/send_bound__pass__"), "{shown}");
        assert!(
            shown.contains(
                "--> tests/checks/send_bound/compile_pass/the_box_drops_its_value_once.rs:28:38"
            ),
            "{shown}"
        );
        assert!(shown.contains("`MyBox<Counted>: Send`"), "{shown}");
        assert!(shown.contains("for `MyBox<Counted>` to"), "{shown}");
        assert!(
            shown.contains("exercises/07_send_sync/send_bound.rs:58:32"),
            "{shown}"
        );
        assert!(
            shown.contains("`my_exercise::X`, `a::exercise::Y`, <Z as Send>"),
            "{shown}"
        );
    }

    #[test]
    fn text_without_the_module_is_unchanged() {
        let text = "error[E0308]: mismatched types\n --> exercises/01_threads/threads1.rs:3:5\n";
        assert_eq!(in_learner_terms(text, &[case()]), text);
        assert_eq!(without_module("exercise::"), "");
        assert_eq!(without_module("exercise::a exercise::b"), "a b");
        // A learner's own module of that name, inside the generated one, stays.
        assert_eq!(without_module("`exercise::exercise::X`"), "`exercise::X`");
    }
}
