// treiber_stack: a lock-free stack, built on one atomic pointer and compare_exchange.
//
// A job scheduler keeps urgent jobs on a stack (last in, first out): any thread may push a
// job, and any worker may pop one. There is no lock: the stack is a linked list of nodes and
// one `AtomicPtr` to the top node (the head). This is R. K. Treiber's classic design.
//
// `push` and `pop` below are written as for a single thread: read the head, then store a new
// one. With two threads, another push or pop can run between that load and that store, and
// its change is overwritten: a job is lost, or two workers pop the same job.
//
// What to do: rewrite `push` and `pop` as compare_exchange loops: read the head, prepare the
// change, and swap the head only if it still is what you read; if it is not, the CAS gives
// you the current head: try again with it. Then choose each memory ordering: a popper reads
// inside a node that another thread pushed, so the node must be published to it.
// Popped nodes are not freed before the stack is dropped (`take` explains why: the ABA
// problem and memory reclamation); leave `take` and `drop` as they are.
//
// How it is checked: loom runs pushes and pops on two threads under every interleaving, then
// a stress test pushes and pops on four real threads and checks that no job is lost or doubled.
// A test also counts drops: a dropped stack drops each job left on it, once.
// If it reports "Causality violation" on a node's `next`, a thread read inside a node whose
// pointer reached it without the node's contents: look at your orderings.
// If it reports "use after free", a thread read inside a node that another thread had already
// freed: a popped node must stay allocated while another thread may still hold a pointer to it.

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
        // TODO: another push can change the head between this load and the store below, and
        // the store then throws its node away. Use `compare_exchange_weak` in a loop, and
        // choose orderings that publish the node to the thread that pops it.
        let head = self.head.load(Ordering::Relaxed);
        // SAFETY: `node` is ours alone until it is published.
        unsafe { (*node).next.store(head, Ordering::Relaxed) };
        self.head.store(node, Ordering::Relaxed);
    }

    /// Takes the value on top of the stack, or None if it is empty.
    pub fn pop(&self) -> Option<T> {
        // TODO: two pops can both read the same head here and both return its job. Only the
        // thread whose compare_exchange unlinks the node may take it. Which ordering lets
        // this thread read inside a node that another thread pushed?
        let head = self.head.load(Ordering::Relaxed);
        if head.is_null() {
            return None;
        }
        // SAFETY: nodes are never freed while the stack is alive (see `take`).
        let next = unsafe { (*head).next.load(Ordering::Relaxed) };
        self.head.store(next, Ordering::Relaxed);
        // SAFETY: `take` needs a node that only this thread has unlinked (see the TODO above).
        Some(unsafe { self.take(head) })
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
