// Grader-owned loom models for relaxed_flag.
use super::*;

#[test]
fn a_monitor_that_sees_finished_sees_every_row() {
    crate::std::__workbook::model(|| {
        let import = Arc::new(Import::new());
        let job = Arc::clone(&import);
        let importer = thread::spawn(move || {
            job.import_row();
            job.import_row();
            job.finish();
        });
        if let Some(rows) = import.final_rows() {
            assert_eq!(
                rows, 2,
                "the monitor saw `finished` but not the rows counted before it: nothing \
                 ordered the count before the flag for a thread that never locks the log"
            );
        }
        importer.join().unwrap();
        assert_eq!(import.final_rows(), Some(2), "after the importer was joined");
        assert_eq!(import.log(), vec!["import finished: 2 rows".to_string()]);
    });
}
