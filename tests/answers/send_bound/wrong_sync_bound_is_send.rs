// verdict: compile-fail-not-met
// Wrong: Sync bounded by `T: Send`. `Cell<i32>` is Send, so `MyBox<Cell<i32>>` becomes
// Sync, though sharing the box shares the Cell.
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr::NonNull;

pub struct MyBox<T> {
    ptr: NonNull<T>,
    _owns: PhantomData<T>,
}

impl<T> MyBox<T> {
    pub fn new(value: T) -> MyBox<T> {
        MyBox { ptr: NonNull::from(Box::leak(Box::new(value))), _owns: PhantomData }
    }

    pub fn get(&self) -> &T {
        // SAFETY: valid until drop; shared borrow of self.
        unsafe { self.ptr.as_ref() }
    }

    pub fn get_mut(&mut self) -> &mut T {
        // SAFETY: valid until drop; unique borrow of self.
        unsafe { self.ptr.as_mut() }
    }

    pub fn into_inner(self) -> T {
        let this = ManuallyDrop::new(self);
        // SAFETY: from Box::leak; ManuallyDrop prevents a double free.
        *unsafe { Box::from_raw(this.ptr.as_ptr()) }
    }
}

impl<T> Drop for MyBox<T> {
    fn drop(&mut self) {
        // SAFETY: from Box::leak, freed only here.
        drop(unsafe { Box::from_raw(self.ptr.as_ptr()) });
    }
}

// SAFETY: moving the box moves the only owner of the T.
unsafe impl<T: Send> Send for MyBox<T> {}
// SAFETY: (wrong) the T may be used from another thread, so it must be Send.
unsafe impl<T: Send> Sync for MyBox<T> {}

fn main() {
    let boxed = MyBox::new(1);
    println!("{}", boxed.get());
}
