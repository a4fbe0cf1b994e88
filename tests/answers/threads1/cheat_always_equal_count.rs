// verdict: compile-error
// Cheat: `count_errors` returns a type whose `==` with any `usize` is true, so
// `assert_eq!(count_errors(..), 3)` could never fail. The checks pin the signature
// (`fn(Vec<Vec<String>>) -> usize`), so this is a compile error at that pin.

#[derive(Debug)]
pub struct AnyCount;

impl PartialEq<usize> for AnyCount {
    fn eq(&self, _: &usize) -> bool {
        true
    }
}

pub fn count_errors(_chunks: Vec<Vec<String>>) -> AnyCount {
    AnyCount
}

fn main() {
    println!("{:?}", count_errors(Vec::new()));
}
