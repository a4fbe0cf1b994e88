// verdict: test-failed
// Cheat: no threads, no arithmetic, and a `PartialEq` for `Summary` that says every two
// summaries are equal. The checks used to compare whole `Summary` values with the learner's
// `==`; they now compare the fields with std's, and the zeros are caught.

#[derive(Debug)]
pub struct Summary {
    pub mean: f64,
    pub max: f64,
}

impl PartialEq for Summary {
    fn eq(&self, _: &Summary) -> bool {
        true
    }
}

pub fn summarize(_readings: Vec<f64>) -> Summary {
    Summary { mean: 0.0, max: 0.0 }
}

fn main() {
    println!("{:?}", summarize(vec![1.0]));
}
