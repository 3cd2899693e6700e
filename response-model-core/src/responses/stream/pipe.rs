//! The bounded byte buffer a blocking producer's thread shares with the body it feeds.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::task::Waker;

use axum::BoxError;
use bytes::BytesMut;

use super::CHUNK_SIZE;

/// How many bytes a blocking producer may run ahead of the body before it waits: two
/// chunks, so it keeps producing while the server writes the previous chunk (on two cores
/// the two then overlap instead of taking turns), memory stays bounded, and a producer
/// whose client has gone has run at most this far ahead of the server's writes. (Four
/// chunks measured no faster.)
const PIPE_CAPACITY: usize = 2 * CHUNK_SIZE;

/// What the producer thread and the body share.
pub(super) struct Pipe {
    pub(super) state: Mutex<PipeState>,
    /// Signalled when the body took the buffer or went away.
    pub(super) space: Condvar,
}

/// What the pipe's lock guards.
#[derive(Default)]
pub(super) struct PipeState {
    pub(super) buf: BytesMut,
    /// The body's waker, set while it waits for bytes.
    pub(super) waker: Option<Waker>,
    /// The body waits for a full chunk (it is lingering), not for the next byte.
    pub(super) wants_full: bool,
    /// The producer finished (normally, with an error, or by panicking).
    pub(super) done: bool,
    pub(super) error: Option<BoxError>,
    /// The body was dropped: the producer must stop.
    pub(super) closed: bool,
}

/// The body is gone (the client left): the producer must stop.
pub(super) struct Closed;

impl Pipe {
    pub(super) fn lock(&self) -> MutexGuard<'_, PipeState> {
        // The only user code run under this lock is a row's `Display` impls
        // (`Pipe::push_fmt`): a panic there leaves whole bytes in the buffer, so a
        // poisoned lock still holds consistent state.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Appends one item's bytes for the body (waiting while the buffer is full) and wakes
    /// the body if it waits for them. One lock per item: the bytes are the body's at once,
    /// so a producer that then blocks never holds them back.
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

    /// The body of [`push`](Self::push): waits for room, appends, wakes the body if it
    /// waits for these bytes.
    fn append<R>(
        &self,
        len_hint: usize,
        write: impl FnOnce(&mut BytesMut) -> R,
    ) -> Result<R, Closed> {
        let (out, waker) = {
            let mut state = self.lock();
            while state.buf.len() >= PIPE_CAPACITY && !state.closed {
                state = self
                    .space
                    .wait(state)
                    .unwrap_or_else(PoisonError::into_inner);
            }
            if state.closed {
                return Err(Closed);
            }
            if state.buf.capacity() - state.buf.len() < len_hint {
                state.buf.reserve(CHUNK_SIZE.max(len_hint));
            }
            let before = state.buf.len();
            let out = write(&mut state.buf);
            let waker = if state.buf.len() == before
                || (state.wants_full && state.buf.len() < CHUNK_SIZE)
            {
                None
            } else {
                state.waker.take()
            };
            (out, waker)
        };
        if let Some(waker) = waker {
            waker.wake();
        }
        Ok(out)
    }

    /// Ends the body with `err` after the bytes pushed before it.
    pub(super) fn fail(&self, err: BoxError) {
        self.lock().error = Some(err);
    }
}
