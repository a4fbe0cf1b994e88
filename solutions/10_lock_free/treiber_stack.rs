// treiber_stack: a lock-free stack, built on one atomic pointer and compare_exchange.
//
// Solution: push and pop are both "read the head, prepare the change, swap the head only if it
// is still what we read" loops. compare_exchange does the check and the swap as one atomic
// step, so no other thread's push or pop can slip in between them; if one did, the CAS fails,
// hands back the new head, and we try again with it.
//
// A job scheduler keeps urgent jobs on a stack (last in, first out): any thread may push a
// job, and any worker may pop one. There is no lock: the stack is a linked list of nodes and
// one `AtomicPtr` to the top node (the head).
//
// How it is checked: loom runs pushes and pops on two threads under every interleaving, then
// a stress test pushes and pops on four real threads and checks that no job is lost or doubled.
// A test also counts drops: a dropped stack drops each job left on it, once.

use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ptr;
use std::sync::Arc;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::thread;

struct Node<T> {
    value: ManuallyDrop<T>,
    /// The node below this one. Written only before the node is published, so a plain
    /// pointer would do with the same orderings; it is atomic so that the model checker sees
    /// every read of it and reports a read of a node that was not properly published.
    next: AtomicPtr<Node<T>>,
    /// Link in the list of popped nodes (see `take`); only the thread that popped the node
    /// writes it, and only `drop` reads it.
    retired_next: *mut Node<T>,
}

/// A lock-free LIFO stack.
///
/// Memory: a popped node is not freed at once (another thread may still be reading its
/// `next`); it goes to a list of retired nodes that is freed when the stack is dropped.
pub struct Stack<T> {
    head: AtomicPtr<Node<T>>,
    retired: AtomicPtr<Node<T>>,
    /// The stack owns values of type T (and drops them), as far as the compiler is concerned.
    _owns: PhantomData<T>,
}

// SAFETY: values move in on one thread and out on another, so T must be Send. No `&T` is ever
// handed out, so sharing the stack needs no `T: Sync` (the same bounds as `Mutex<T>`).
unsafe impl<T: Send> Send for Stack<T> {}
unsafe impl<T: Send> Sync for Stack<T> {}

impl<T> Stack<T> {
    pub fn new() -> Stack<T> {
        Stack {
            head: AtomicPtr::new(ptr::null_mut()),
            retired: AtomicPtr::new(ptr::null_mut()),
            _owns: PhantomData,
        }
    }

    /// Puts `value` on top of the stack.
    pub fn push(&self, value: T) {
        let node = Box::into_raw(Box::new(Node {
            value: ManuallyDrop::new(value),
            next: AtomicPtr::new(ptr::null_mut()),
            retired_next: ptr::null_mut(),
        }));
        // Relaxed: we only need a guess of the head here; the CAS below checks it.
        let mut head = self.head.load(Ordering::Relaxed);
        loop {
            // SAFETY: `node` is ours alone until the CAS below publishes it.
            // Relaxed: the Release CAS that publishes the node also publishes this store.
            unsafe { (*node).next.store(head, Ordering::Relaxed) };
            // Success, Release: publishes the node (its value and its `next`). A popper that
            // reads this head with Acquire then sees the whole node. Relaxed here would let a
            // popper see the pointer before the node's contents.
            // Failure, Relaxed: we only read the new head to try again; we do not look inside it.
            // `_weak` may fail spuriously; that costs one more turn of the loop, nothing else.
            match self.head.compare_exchange_weak(head, node, Ordering::Release, Ordering::Relaxed)
            {
                Ok(_) => return,
                Err(current) => head = current,
            }
        }
    }

    /// Takes the value on top of the stack, or None if it is empty.
    pub fn pop(&self) -> Option<T> {
        // Acquire: we are about to read inside the node; this pairs with the pusher's Release
        // CAS so that its writes to the node are visible.
        let mut head = self.head.load(Ordering::Acquire);
        loop {
            if head.is_null() {
                return None;
            }
            // SAFETY: nodes are never freed while the stack is alive (see `take`), so `head`
            // points to a live node even if another thread has popped it in the meantime.
            // Relaxed: `next` was written before the node was published, and the Acquire that
            // gave us `head` already made that write visible.
            let next = unsafe { (*head).next.load(Ordering::Relaxed) };
            // Succeeds only if `head` is still the top: then `next` is the right new top.
            // Failure, Acquire: the new head comes back to us and we read inside it next turn.
            // Success, Acquire: keeps the rule simple (every load that hands us a node we read
            // inside is Acquire). Relaxed would also do: the load that gave us `head` was Acquire.
            match self.head.compare_exchange_weak(head, next, Ordering::Acquire, Ordering::Acquire)
            {
                // SAFETY: our CAS unlinked `head`, so no other pop can return it.
                Ok(_) => return Some(unsafe { self.take(head) }),
                Err(current) => head = current,
            }
        }
    }

    /// Moves the value out of a node this thread has just unlinked, and keeps the node's
    /// memory until the stack is dropped.
    ///
    /// Why not free it now: another popper may have read this node as the head a moment ago
    /// and be about to read its `next`. Freeing it would make that a use-after-free, and if
    /// the allocator handed the same address to a later push, that popper's CAS could succeed
    /// with a stale `next` (the ABA problem). Production stacks reclaim memory with epochs
    /// (crossbeam-epoch) or hazard pointers; keeping every node until the end is the simplest
    /// safe scheme, at the cost of memory that grows with every pop.
    ///
    /// SAFETY: `node` must have been unlinked by this thread's successful CAS.
    unsafe fn take(&self, node: *mut Node<T>) -> T {
        // SAFETY: only the thread that unlinked the node reads its value, exactly once.
        let value = unsafe { ManuallyDrop::into_inner(ptr::read(&raw const (*node).value)) };
        // Relaxed: nobody follows the retired list until `drop`, which has `&mut self` and so
        // already happens after every push and pop.
        let older = self.retired.swap(node, Ordering::Relaxed);
        // SAFETY: only this thread writes `retired_next` of this node, and only `drop` reads it.
        unsafe { (*node).retired_next = older };
        value
    }
}

impl<T> Drop for Stack<T> {
    fn drop(&mut self) {
        // `&mut self`: no other thread can touch the stack now, so Relaxed loads are enough.
        // (`get_mut` would say so more plainly, but loom's AtomicPtr does not have it.)
        let mut node = self.head.load(Ordering::Relaxed);
        while !node.is_null() {
            // SAFETY: every node still on the stack came from Box::into_raw and is freed once.
            let mut boxed = unsafe { Box::from_raw(node) };
            node = boxed.next.load(Ordering::Relaxed);
            // The value is in a ManuallyDrop, so freeing the node does not drop it: drop it
            // here, or every job left on a dropped stack leaks.
            // SAFETY: this node was never popped, so its value is still inside.
            unsafe { ManuallyDrop::drop(&mut boxed.value) };
        }
        let mut node = self.retired.load(Ordering::Relaxed);
        while !node.is_null() {
            // SAFETY: retired nodes came from Box::into_raw; their values were moved out.
            let boxed = unsafe { Box::from_raw(node) };
            node = boxed.retired_next;
        }
    }
}

impl<T> Default for Stack<T> {
    fn default() -> Self {
        Stack::new()
    }
}

fn main() {
    let jobs = Arc::new(Stack::new());
    let pushers: Vec<_> = (0..4)
        .map(|t| {
            let jobs = Arc::clone(&jobs);
            thread::spawn(move || {
                for i in 0..1000 {
                    jobs.push(t * 1000 + i);
                }
            })
        })
        .collect();
    for p in pushers {
        p.join().unwrap();
    }
    let mut count = 0;
    while jobs.pop().is_some() {
        count += 1;
    }
    println!("popped {count} jobs (expected 4000)");
}
