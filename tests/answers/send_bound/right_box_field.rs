// verdict: pass
// Right, and simpler where it is possible: hold a `Box<T>` and write no `unsafe` at all. The
// compiler derives Send and Sync from the field, with exactly the bounds the solution writes
// by hand (`Box<T>` is Send when T is Send, Sync when T is Sync).
pub struct MyBox<T> {
    value: Box<T>,
}

impl<T> MyBox<T> {
    pub fn new(value: T) -> MyBox<T> {
        MyBox { value: Box::new(value) }
    }

    pub fn get(&self) -> &T {
        &self.value
    }

    pub fn get_mut(&mut self) -> &mut T {
        &mut self.value
    }

    pub fn into_inner(self) -> T {
        *self.value
    }
}

fn main() {
    let boxed = MyBox::new(1);
    println!("{}", boxed.get());
}
