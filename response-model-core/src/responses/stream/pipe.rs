//! The bounded byte buffer a blocking producer's thread shares with the body it feeds.
//!
//! Who wakes whom, and when. Each wake-up of a parked thread is a context switch, and with
//! a wake-up per row or per chunk they were much of what a fast producer cost over rows
//! batched by hand (issue #21, BENCHMARKS.md "Downloads"):
//!
//! - the producer wakes the body only when the buffer is full (two chunks: its next item
//!   would wait for room), when it wrote an item of a chunk or more, or when it ends;
//! - bytes short of that are the timer's business: the first byte written into an empty
//!   buffer sets its linger deadline ([`LINGER`] later), and the
//!   [`Flusher`](super::flusher::Flusher) wakes the body when it passes, so a producer
//!   that then blocks holds nothing back for longer than that;
//! - the timer reads the deadline when it wakes, without the lock while the deadline is
//!   still ahead: a deadline withdrawn (the buffer was sent) or moved on (a new buffer
//!   started) costs it one look, and a pipe has at most one entry in its list;
//! - the body wakes a producer waiting for room only once less than a chunk is left, so
//!   the producer then writes a whole chunk before it can wait again.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, Weak};
use std::task::Waker;
use std::time::Instant;

use axum::BoxError;
use bytes::BytesMut;

use super::CHUNK_SIZE;
use super::flusher::{LINGER, flusher, stamp, unstamp};

/// How many bytes a blocking producer may run ahead of the body before it waits: two
/// chunks, so it keeps producing while the server writes the previous chunk (on two cores
/// the two then overlap instead of taking turns), memory stays bounded, and a producer
/// whose client has gone has run at most this far ahead of the server's writes. (Four
/// chunks measured no faster, before and after the wake-ups were cut, issue #21.)
const PIPE_CAPACITY: usize = 2 * CHUNK_SIZE;

/// What the producer thread and the body share.
pub(super) struct Pipe {
    pub(super) state: Mutex<PipeState>,
    /// Signalled when the body took enough of the buffer for the producer to go on, or
    /// went away.
    pub(super) space: Condvar,
    /// `linger_until` as the timer reads it without the lock (see [`stamp`]; 0: none).
    /// Written under the lock with it; a stale read is an earlier deadline or none, so the
    /// timer may look too early, never too late.
    due: AtomicU64,
    /// This pipe, as the timer holds it.
    me: Weak<Pipe>,
}

/// What the pipe's lock guards.
#[derive(Default)]
pub(super) struct PipeState {
    pub(super) buf: BytesMut,
    /// The body's waker, set while it waits for a full pipe (or the end of its linger).
    pub(super) waker: Option<Waker>,
    /// While `buf` holds bytes: when the body sends them even if they are not a chunk.
    pub(super) linger_until: Option<Instant>,
    /// The timer holds an entry for this pipe, due at or before `linger_until`.
    pub(super) timer_armed: bool,
    /// The producer waits for room.
    pub(super) producer_waiting: bool,
    /// The producer finished (normally, with an error, or by panicking).
    pub(super) done: bool,
    pub(super) error: Option<BoxError>,
    /// The body was dropped: the producer must stop.
    pub(super) closed: bool,
}

/// The body is gone (the client left): the producer must stop.
pub(super) struct Closed;

/// What the producer does once it has released the lock.
enum After {
    Nothing,
    Wake(Waker),
    Arm(Instant),
}

impl Pipe {
    pub(super) fn new() -> std::sync::Arc<Self> {
        std::sync::Arc::new_cyclic(|me| Self {
            state: Mutex::new(PipeState::default()),
            space: Condvar::new(),
            due: AtomicU64::new(0),
            me: me.clone(),
        })
    }

    pub(super) fn lock(&self) -> MutexGuard<'_, PipeState> {
        // The only user code run under this lock is a row's `Display` impls
        // (`Pipe::push_fmt`): a panic there leaves whole bytes in the buffer, so a
        // poisoned lock still holds consistent state.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends one item's bytes for the body (waiting while the buffer is full). One lock
    /// per item: the bytes are the body's at once (sent when they make a chunk, or when
    /// their linger ends), so a producer that then blocks never holds them back.
    pub(super) fn push(&self, bytes: &[u8]) -> Result<(), Closed> {
        if bytes.is_empty() {
            return Ok(());
        }
        self.append(bytes.len(), |buf| buf.extend_from_slice(bytes))
    }

    /// Formats one row straight into the buffer (no intermediate copy). Only the row's
    /// `Display` impls run under the lock; if one fails, the bytes it wrote stay, and the
    /// writer's error then ends the body with an error after them.
    pub(super) fn push_fmt(
        &self,
        args: std::fmt::Arguments<'_>,
    ) -> Result<std::fmt::Result, Closed> {
        self.append(64, |buf| std::fmt::Write::write_fmt(buf, args))
    }

    /// The body of [`push`](Self::push): waits for room, appends, then wakes the body if
    /// the pipe is full or the item was a chunk or more, or arms the timer if these are
    /// the first bytes the body waits for.
    fn append<R>(
        &self,
        len_hint: usize,
        write: impl FnOnce(&mut BytesMut) -> R,
    ) -> Result<R, Closed> {
        let (out, after) = {
            let mut state = self.lock();
            if state.buf.len() >= PIPE_CAPACITY && !state.closed {
                state.producer_waiting = true;
                while state.buf.len() >= PIPE_CAPACITY && !state.closed {
                    state = self
                        .space
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
                state.producer_waiting = false;
            }
            if state.closed {
                return Err(Closed);
            }
            if state.buf.capacity() - state.buf.len() < len_hint {
                state.buf.reserve(CHUNK_SIZE.max(len_hint));
            }
            let before = state.buf.len();
            let out = write(&mut state.buf);
            let len = state.buf.len();
            let mut after = After::Nothing;
            if len > before {
                if before == 0 {
                    self.set_linger(&mut state, Some(Instant::now() + LINGER));
                }
                if state.waker.is_some() {
                    if len >= PIPE_CAPACITY || len - before >= CHUNK_SIZE || flusher().is_none() {
                        // A full pipe or a large item (or no timer thread: the body does
                        // not linger).
                        after = state.waker.take().map_or(After::Nothing, After::Wake);
                    } else if before == 0
                        && !state.timer_armed
                        && let Some(until) = state.linger_until
                    {
                        state.timer_armed = true;
                        after = After::Arm(until);
                    }
                }
            }
            (out, after)
        };
        match after {
            After::Nothing => {}
            After::Wake(waker) => waker.wake(),
            After::Arm(until) => self.arm(until),
        }
        Ok(out)
    }

    /// Asks the timer to look at this pipe at `until` (the caller set `timer_armed`).
    pub(super) fn arm(&self, until: Instant) {
        if let Some(flusher) = flusher() {
            flusher.arm(until, self.me.clone());
        }
    }

    /// Sets the buffer's linger deadline (under the lock), and its copy for the timer.
    pub(super) fn set_linger(&self, state: &mut PipeState, until: Option<Instant>) {
        state.linger_until = until;
        self.due.store(until.map_or(0, stamp), Ordering::Relaxed);
    }

    /// The timer's look at this pipe, at `now`: wakes the body if its linger is over, and
    /// returns when to look again if the deadline has moved on (a new buffer started).
    /// A deadline still ahead is read without the lock, which the producer holds most of
    /// the time while it writes fast.
    pub(super) fn on_timer(&self, now: Instant) -> Option<Instant> {
        let due = self.due.load(Ordering::Relaxed);
        if due > stamp(now) {
            return Some(unstamp(due));
        }
        let waker = {
            let mut state = self.lock();
            match state.linger_until {
                Some(until) if until > now && !state.done && !state.closed => {
                    return Some(until);
                }
                Some(_) if !state.done && !state.closed => {
                    state.timer_armed = false;
                    state.waker.take()
                }
                _ => {
                    state.timer_armed = false;
                    None
                }
            }
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        None
    }

    /// Ends the body with `err` after the bytes pushed before it.
    pub(super) fn fail(&self, err: BoxError) {
        self.lock().error = Some(err);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;
    use std::task::Wake;
    use std::time::Duration;

    use super::*;

    /// Counts its wake-ups.
    #[derive(Default)]
    struct Count(AtomicUsize);

    impl Wake for Count {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The timer keeps a pipe whose deadline moved on, drops one whose deadline was
    /// withdrawn, and wakes the body once when it passes.
    #[test]
    fn the_timer_follows_the_deadline_the_pipe_holds_now() {
        let pipe = Pipe::new();
        let count = Arc::new(Count::default());
        let t0 = Instant::now();
        let ms = Duration::from_millis(1);
        {
            let mut state = pipe.lock();
            state.waker = Some(Waker::from(Arc::clone(&count)));
            state.timer_armed = true;
            pipe.set_linger(&mut state, Some(t0 + 5 * ms));
        }
        // Moved on (a new buffer started after the entry was made): look again then.
        assert_eq!(pipe.on_timer(t0 + ms), Some(t0 + 5 * ms));
        assert_eq!(count.0.load(Ordering::Relaxed), 0);
        // Withdrawn (the buffer was sent): the entry goes, the body is not woken.
        pipe.set_linger(&mut pipe.lock(), None);
        assert_eq!(pipe.on_timer(t0 + 6 * ms), None);
        assert!(!pipe.lock().timer_armed);
        assert_eq!(count.0.load(Ordering::Relaxed), 0);
        // Passed: the body is woken, once.
        {
            let mut state = pipe.lock();
            state.timer_armed = true;
            pipe.set_linger(&mut state, Some(t0 + 7 * ms));
        }
        assert_eq!(pipe.on_timer(t0 + 8 * ms), None);
        assert_eq!(count.0.load(Ordering::Relaxed), 1);
        assert!(!pipe.lock().timer_armed);
        assert_eq!(pipe.on_timer(t0 + 9 * ms), None);
        assert_eq!(count.0.load(Ordering::Relaxed), 1);
    }

    /// The producer wakes a waiting body only when the pipe is full (or for a large item);
    /// its first bytes arm the timer instead.
    #[test]
    fn the_producer_wakes_the_body_only_for_a_full_pipe() {
        if flusher().is_none() {
            return;
        }
        let pipe = Pipe::new();
        let count = Arc::new(Count::default());
        pipe.lock().waker = Some(Waker::from(Arc::clone(&count)));
        let row = [b'x'; 100];
        let rows_in_a_full_pipe = PIPE_CAPACITY.div_ceil(row.len());
        for _ in 0..rows_in_a_full_pipe - 1 {
            assert!(pipe.push(&row).is_ok());
        }
        assert_eq!(count.0.load(Ordering::Relaxed), 0);
        {
            let state = pipe.lock();
            assert!(state.timer_armed, "the first bytes armed the timer");
            assert!(state.linger_until.is_some());
        }
        assert!(pipe.push(&row).is_ok());
        assert_eq!(count.0.load(Ordering::Relaxed), 1);

        // An item of a chunk or more wakes the body at once.
        let pipe = Pipe::new();
        pipe.lock().waker = Some(Waker::from(Arc::clone(&count)));
        assert!(pipe.push(&vec![b'y'; CHUNK_SIZE]).is_ok());
        assert_eq!(count.0.load(Ordering::Relaxed), 2);
    }
}
