// send_bound: `unsafe impl Send`, and promising only what is true.
//
// Solution: `MyBox<T>` owns its `T` like `Box<T>` does, so it gets the bounds `Box<T>` has:
// Send when `T` is Send, Sync when `T` is Sync. Each `unsafe impl` carries the argument for
// why it is sound, in a `// SAFETY:` comment, for the next reader to check.
//
// `MyBox<T>` owns a heap value through a raw pointer, as code does that hands values to C
// or manages its own memory. Raw pointers are neither Send nor Sync, so the compiler makes
// `MyBox` neither, whatever `T` is, until we promise otherwise with `unsafe impl`.

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
        // Rebuilding the Box and dropping it drops the `T` and frees its memory; without it,
        // every `MyBox` would leak its value.
        // SAFETY: `ptr` came from `Box::leak` and nothing else frees it.
        drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });
    }
}

// SAFETY: a `MyBox<T>` is the only owner of its `T`, and no other pointer to the value
// exists (nothing is shared with the thread it came from). Moving the box to another
// thread moves the `T` there, which is sound exactly when `T: Send`.
unsafe impl<T: Send> Send for MyBox<T> {}

// SAFETY: through a `&MyBox<T>` a thread can only get a `&T` (`get`); changing the value
// needs `&mut MyBox<T>`. So sharing the box shares the `T`, sound exactly when `T: Sync`.
unsafe impl<T: Sync> Sync for MyBox<T> {}

fn main() {
    let mut scores = MyBox::new(vec![3, 1, 2]);
    scores.get_mut().push(5);
    let sum = thread::spawn(move || scores.get().iter().sum::<i32>()).join().unwrap();
    println!("sum: {sum}");
}
