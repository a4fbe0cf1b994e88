//! std's `mpsc` in a loom build, over the shim's `Mutex` and `Condvar` (so every send and
//! receive is model-checked and recorded like any lock and wait). loom's own `mpsc` has no
//! disconnection (a `recv` after every `Sender` is dropped blocks for ever), no iterators,
//! no `sync_channel` and no `recv_timeout`.
//!
//! `recv_timeout` is a timed wait on the channel's condvar: in the model's pass with
//! timeouts (`condvar.rs`) it times out at once while the channel is empty and open, as it
//! may on real threads whatever its length (a sender slower than the timeout), and many
//! times in a row (`condvar::STREAK`), so a receiver that takes a timeout, or a count of
//! them, as "nothing more will come" fails, and one that receives again after it makes
//! progress (after the streak, a retry waits for real).
//!
//! Not modelled: a `sync_channel(0)` send whose receiver is dropped before it took the value
//! returns `Ok` (std's returns `Err`).

use super::{Arc, Condvar, Mutex};
use ::std::collections::VecDeque;
use ::std::fmt;
use ::std::time::Duration;

pub use ::std::sync::mpsc::{RecvError, RecvTimeoutError, SendError, TryRecvError, TrySendError};

struct State<T> {
    queue: VecDeque<T>,
    senders: usize,
    receiver: bool,
    /// Values taken by the receiver so far (a rendezvous send waits for its own).
    taken: u64,
    sent: u64,
    /// Threads waiting on `ready` and on `room`: a notify only when one waits (an
    /// explanation then shows no wakeup of nobody).
    receiving: usize,
    sending: usize,
}

struct Chan<T> {
    state: Mutex<State<T>>,
    /// A value came, or the last sender went.
    ready: Condvar,
    /// Room (or a value taken), or the receiver went.
    room: Condvar,
    /// `sync_channel`'s bound.
    bound: Option<usize>,
}

#[track_caller]
fn new_chan<T>(bound: Option<usize>) -> Arc<Chan<T>> {
    Arc::new(Chan {
        state: Mutex::for_channel(State {
            queue: VecDeque::new(),
            senders: 1,
            receiver: true,
            taken: 0,
            sent: 0,
            receiving: 0,
            sending: 0,
        }),
        ready: Condvar::for_channel("Receiver"),
        room: Condvar::for_channel("SyncSender"),
        bound,
    })
}

/// std's `mpsc::channel`.
#[track_caller]
pub fn channel<T>() -> (Sender<T>, Receiver<T>) {
    let chan = new_chan(None);
    (
        Sender {
            chan: Arc::clone(&chan),
        },
        Receiver {
            chan,
            _std: ::std::marker::PhantomData,
        },
    )
}

/// std's `mpsc::sync_channel`: `send` waits while `bound` values are queued (with 0, until
/// the receiver took the value).
#[track_caller]
pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {
    let chan = new_chan(Some(bound));
    (
        SyncSender {
            chan: Arc::clone(&chan),
        },
        Receiver {
            chan,
            _std: ::std::marker::PhantomData,
        },
    )
}

impl<T> Chan<T> {
    #[track_caller]
    fn send(&self, value: T, wait: bool) -> Result<(), TrySendError<T>> {
        let mut state = self.state.lock().unwrap();
        if let Some(bound) = self.bound {
            while state.receiver && state.queue.len() >= bound.max(1) {
                if !wait {
                    return Err(TrySendError::Full(value));
                }
                state.sending += 1;
                state = self.room.wait(state).unwrap();
                state.sending -= 1;
            }
            if bound == 0 && !wait && state.receiver && state.receiving == 0 {
                // A rendezvous `try_send` hands the value over only to a receiver already
                // waiting in `recv` (std's too); with none, there is no room.
                return Err(TrySendError::Full(value));
            }
        }
        if !state.receiver {
            return Err(TrySendError::Disconnected(value));
        }
        state.queue.push_back(value);
        state.sent += 1;
        let ticket = state.sent;
        if state.receiving > 0 {
            self.ready.notify_all();
        }
        // A blocking rendezvous send waits until the receiver took its value; a `try_send`
        // gave it to a receiver that is waiting, which takes it when it wakes.
        if self.bound == Some(0) && wait {
            while state.receiver && state.taken < ticket {
                state.sending += 1;
                state = self.room.wait(state).unwrap();
                state.sending -= 1;
            }
        }
        Ok(())
    }

    /// The next value, if one is queued: `Ok(None)` while senders remain.
    #[track_caller]
    fn take(&self, state: &mut State<T>) -> Result<Option<T>, RecvError> {
        match state.queue.pop_front() {
            Some(value) => {
                state.taken += 1;
                if state.sending > 0 {
                    self.room.notify_all();
                }
                Ok(Some(value))
            }
            None if state.senders == 0 => Err(RecvError),
            None => Ok(None),
        }
    }

    #[track_caller]
    fn recv(&self) -> Result<T, RecvError> {
        let mut state = self.state.lock().unwrap();
        loop {
            if let Some(value) = self.take(&mut state)? {
                return Ok(value);
            }
            state.receiving += 1;
            state = self.ready.wait(state).unwrap();
            state.receiving -= 1;
        }
    }

    #[track_caller]
    fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        let mut state = self.state.lock().unwrap();
        loop {
            match self.take(&mut state) {
                Ok(Some(value)) => return Ok(value),
                Err(RecvError) => return Err(RecvTimeoutError::Disconnected),
                Ok(None) => {}
            }
            state.receiving += 1;
            let (next, waited) = self.ready.wait_timeout(state, timeout).unwrap();
            state = next;
            state.receiving -= 1;
            if waited.timed_out() && state.queue.is_empty() && state.senders > 0 {
                return Err(RecvTimeoutError::Timeout);
            }
        }
    }

    #[track_caller]
    fn try_recv(&self) -> Result<T, TryRecvError> {
        let mut state = self.state.lock().unwrap();
        match self.take(&mut state) {
            Ok(Some(value)) => Ok(value),
            Ok(None) => Err(TryRecvError::Empty),
            Err(RecvError) => Err(TryRecvError::Disconnected),
        }
    }
}

/// std's `mpsc::Sender`.
pub struct Sender<T> {
    chan: Arc<Chan<T>>,
}

impl<T> Sender<T> {
    #[track_caller]
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        self.chan.send(value, true).map_err(|e| match e {
            TrySendError::Full(v) | TrySendError::Disconnected(v) => SendError(v),
        })
    }
}

/// std's `mpsc::SyncSender`.
pub struct SyncSender<T> {
    chan: Arc<Chan<T>>,
}

impl<T> SyncSender<T> {
    #[track_caller]
    pub fn send(&self, value: T) -> Result<(), SendError<T>> {
        self.chan.send(value, true).map_err(|e| match e {
            TrySendError::Full(v) | TrySendError::Disconnected(v) => SendError(v),
        })
    }

    #[track_caller]
    pub fn try_send(&self, value: T) -> Result<(), TrySendError<T>> {
        self.chan.send(value, false)
    }
}

macro_rules! sender_common {
    ($sender:ident) => {
        impl<T> Clone for $sender<T> {
            #[track_caller]
            fn clone(&self) -> $sender<T> {
                self.chan.state.lock().unwrap().senders += 1;
                $sender {
                    chan: Arc::clone(&self.chan),
                }
            }
        }

        impl<T> Drop for $sender<T> {
            fn drop(&mut self) {
                let mut state = self.chan.state.lock().unwrap();
                state.senders -= 1;
                if state.senders == 0 && state.receiving > 0 {
                    self.chan.ready.notify_all();
                }
            }
        }

        impl<T> fmt::Debug for $sender<T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($sender)).finish_non_exhaustive()
            }
        }
    };
}

sender_common!(Sender);
sender_common!(SyncSender);

/// std's `mpsc::Receiver`.
pub struct Receiver<T> {
    chan: Arc<Chan<T>>,
    /// std's auto traits exactly: not `Sync` (a shared receiver does not compile in either
    /// build), and nothing else a program can test tells the builds apart.
    _std: ::std::marker::PhantomData<::std::sync::mpsc::Receiver<T>>,
}

impl<T> Receiver<T> {
    #[track_caller]
    pub fn recv(&self) -> Result<T, RecvError> {
        self.chan.recv()
    }

    #[track_caller]
    pub fn try_recv(&self) -> Result<T, TryRecvError> {
        self.chan.try_recv()
    }

    #[track_caller]
    pub fn recv_timeout(&self, timeout: Duration) -> Result<T, RecvTimeoutError> {
        self.chan.recv_timeout(timeout)
    }

    pub fn iter(&self) -> Iter<'_, T> {
        Iter { rx: self }
    }

    pub fn try_iter(&self) -> TryIter<'_, T> {
        TryIter { rx: self }
    }
}

impl<T> Drop for Receiver<T> {
    fn drop(&mut self) {
        let mut state = self.chan.state.lock().unwrap();
        state.receiver = false;
        if state.sending > 0 {
            self.chan.room.notify_all();
        }
    }
}

impl<T> fmt::Debug for Receiver<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Receiver").finish_non_exhaustive()
    }
}

/// std's `mpsc::Iter`: `recv` until the channel is closed.
pub struct Iter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

impl<T> Iterator for Iter<'_, T> {
    type Item = T;

    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.recv().ok()
    }
}

/// std's `mpsc::TryIter`: what is queued now.
pub struct TryIter<'a, T: 'a> {
    rx: &'a Receiver<T>,
}

impl<T> Iterator for TryIter<'_, T> {
    type Item = T;

    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.try_recv().ok()
    }
}

/// std's `mpsc::IntoIter`.
pub struct IntoIter<T> {
    rx: Receiver<T>,
}

impl<T> Iterator for IntoIter<T> {
    type Item = T;

    #[track_caller]
    fn next(&mut self) -> Option<T> {
        self.rx.recv().ok()
    }
}

impl<'a, T> IntoIterator for &'a Receiver<T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;

    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

impl<T> IntoIterator for Receiver<T> {
    type Item = T;
    type IntoIter = IntoIter<T>;

    fn into_iter(self) -> IntoIter<T> {
        IntoIter { rx: self }
    }
}

macro_rules! debug_iter {
    ($($ty:ident),*) => {$(
        impl<T> fmt::Debug for $ty<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($ty)).field("rx", &self.rx).finish()
            }
        }
    )*};
}

debug_iter!(Iter, TryIter);

impl<T> fmt::Debug for IntoIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IntoIter").field("rx", &self.rx).finish()
    }
}
