// send_bound: `unsafe impl Send`, and promising only what is true.
//
// `MyBox<T>` owns a heap value through a raw pointer, as code does that hands values to C
// or manages its own memory (a `Box<T>` would do all of this for you; the point here is the
// case where you hold a raw pointer). Raw pointers are neither Send nor Sync, so the
// compiler makes `MyBox` neither, whatever `T` is. To send a `MyBox<i32>` to another thread
// we have to implement `Send` ourselves, with `unsafe impl`: the compiler cannot check that
// promise, so it is ours to get right.
//
// The two impls below promise too much. `MyBox` owns its `T` just like `Box<T>` does:
// - moving a `MyBox<T>` to another thread moves the `T` there, so it is safe exactly when
//   `T` is Send. `MyBox<Rc<i32>>` must not be Send: with it, two threads could change the
//   same non-atomic reference count.
// - sharing a `&MyBox<T>` between threads only hands out `&T` (`get`), so it is safe exactly
//   when `T` is Sync.
//
// What to do: give each `unsafe impl` the bound that makes it true, and write a
// `// SAFETY:` comment above each one saying why it holds.
//
// How it is checked: at compile time. Programs that send a `MyBox<Rc<i32>>` to another
// thread, or share a `&MyBox<Cell<i32>>`, must be rejected; programs that send a
// `MyBox<i32>` or a `MyBox<Cell<i32>>`, or share a `&MyBox<i32>` or a
// `&MyBox<MutexGuard<i32>>` (Sync, not Send), or send and share a `MyBox<&String>` (a box of
// a borrow) with scoped threads, must compile and run; and one counts drops: a box (dropped
// here or on another thread) drops its value exactly once.

use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;
use std::thread;

pub struct MyBox<T> {
    ptr: NonNull<T>,
    /// Tells the compiler that a `MyBox<T>` owns a `T` (and drops it).
    _owns: PhantomData<T>,
}

impl<T> MyBox<T> {
    pub fn new(value: T) -> MyBox<T> {
        MyBox { ptr: NonNull::from(Box::leak(Box::new(value))), _owns: PhantomData }
    }

    pub fn get(&self) -> &T {
        // SAFETY: `ptr` came from a Box and stays valid until `drop`; `&self` rules out any
        // `&mut T` from `get_mut` for as long as this borrow lives.
        unsafe { self.ptr.as_ref() }
    }

    pub fn get_mut(&mut self) -> &mut T {
        // SAFETY: as in `get`, and `&mut self` makes this the only reference to the value.
        unsafe { self.ptr.as_mut() }
    }

    pub fn into_inner(self) -> T {
        let this = ManuallyDrop::new(self);
        // SAFETY: `ptr` came from `Box::leak`; `ManuallyDrop` keeps `drop` from freeing it a
        // second time.
        *unsafe { Box::from_raw(this.ptr.as_ptr()) }
    }
}

impl<T> Drop for MyBox<T> {
    fn drop(&mut self) {
        // SAFETY: `ptr` came from `Box::leak` and nothing else frees it.
        drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });
    }
}

// TODO: these promise Send and Sync for every `T`, even `Rc<i32>` or `Cell<i32>`. Add the
// bound that makes each promise true, and a `// SAFETY:` comment saying why.
unsafe impl<T> Send for MyBox<T> {}
unsafe impl<T> Sync for MyBox<T> {}

fn main() {
    let mut scores = MyBox::new(vec![3, 1, 2]);
    scores.get_mut().push(5);
    let sum = thread::spawn(move || scores.get().iter().sum::<i32>()).join().unwrap();
    println!("sum: {sum}");
}
