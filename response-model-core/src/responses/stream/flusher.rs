//! The process-wide timer thread that wakes a blocking body whose small buffer has waited
//! long enough to grow.

use std::sync::{Condvar, Mutex, OnceLock, PoisonError, Weak};
use std::time::{Duration, Instant};

use super::pipe::Pipe;

/// How long a blocking producer's small output may wait to grow into a full chunk.
///
/// Without it, the server (which polls the body again as soon as it has buffered a frame)
/// takes a few rows at a time from a fast producer and writes them as tiny chunks, which
/// made the course's 1M-row CSV four times slower than hand-batched rows. A producer that
/// fills the pipe (two chunks) within this time wakes the body at once; one that does not
/// (a slow producer) has its bytes sent after at most this delay. The delay runs from the
/// first byte written into an empty buffer, or from the moment the body took a chunk and
/// left bytes behind.
pub(super) const LINGER: Duration = Duration::from_millis(1);

/// `at` as a number the timer can read without a lock: nanoseconds after the first call,
/// plus one (0 means "no deadline").
pub(super) fn stamp(at: Instant) -> u64 {
    let nanos = at.saturating_duration_since(epoch()).as_nanos();
    u64::try_from(nanos).unwrap_or(u64::MAX - 1) + 1
}

/// The instant of a [`stamp`] (not 0).
pub(super) fn unstamp(stamp: u64) -> Instant {
    epoch() + Duration::from_nanos(stamp.saturating_sub(1))
}

fn epoch() -> Instant {
    static EPOCH: OnceLock<Instant> = OnceLock::new();
    *EPOCH.get_or_init(Instant::now)
}

/// One process-wide thread that looks at lingering pipes at their deadline. A thread of our
/// own rather than `tokio::time`, which panics on runtimes built without the time driver.
///
/// A deadline is not withdrawn here when its buffer is sent, nor moved when the next buffer
/// starts: the pipe keeps its current deadline itself, and the thread reads it when the
/// entry comes due ([`Pipe::on_timer`]). A fast producer's pipe therefore costs the thread
/// about one look per [`LINGER`], not one wake-up per chunk, and arming a pipe disturbs
/// the thread only when it brings the thread's next wake-up forward.
pub(super) struct Flusher {
    due: Mutex<Due>,
    changed: Condvar,
}

/// The entries and when the thread looks next.
struct Due {
    entries: Vec<(Instant, Weak<Pipe>)>,
    /// When the thread wakes by itself: `None` while it sleeps with no deadline, a past
    /// instant while it is awake.
    next: Option<Instant>,
}

/// The flusher, started on first use; `None` if its thread could not be spawned, and then
/// bodies send a small buffer at once instead of lingering.
pub(super) fn flusher() -> Option<&'static Flusher> {
    static FLUSHER: OnceLock<Option<&'static Flusher>> = OnceLock::new();
    *FLUSHER.get_or_init(|| {
        let flusher: &'static Flusher = Box::leak(Box::new(Flusher {
            due: Mutex::new(Due {
                entries: Vec::new(),
                next: None,
            }),
            changed: Condvar::new(),
        }));
        std::thread::Builder::new()
            .name("response-model-flush".into())
            .spawn(move || flusher.run())
            .map_err(|err| tracing::warn!(error = %err, "no flush thread: streams will not linger"))
            .ok()
            .map(|_| flusher)
    })
}

impl Flusher {
    /// Looks at `pipe` at `at`. The thread is only disturbed when `at` is earlier than the
    /// moment it wakes anyway.
    pub(super) fn arm(&self, at: Instant, pipe: Weak<Pipe>) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        due.entries.push((at, pipe));
        let notify = due.next.is_none_or(|next| at < next);
        if notify {
            due.next = Some(at);
        }
        drop(due);
        if notify {
            self.changed.notify_one();
        }
    }

    /// The thread: looks at the due pipes outside the lock (a pipe's look may wake its
    /// body, which may arm again at once), keeps the entries whose deadline moved on, then
    /// sleeps until the next one or until an earlier one is armed.
    fn run(&self) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let now = Instant::now();
            if due.entries.iter().any(|(at, _)| *at <= now) {
                let mut ready = Vec::new();
                due.entries.retain(|(at, pipe)| {
                    if *at <= now {
                        ready.push(pipe.clone());
                        false
                    } else {
                        true
                    }
                });
                due.next = Some(now);
                drop(due);
                let again: Vec<(Instant, Weak<Pipe>)> = ready
                    .into_iter()
                    .filter_map(|weak| {
                        let pipe = weak.upgrade()?;
                        pipe.on_timer(now).map(|at| (at, weak))
                    })
                    .collect();
                due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
                due.entries.extend(again);
                continue;
            }
            let next = due.entries.iter().map(|(at, _)| *at).min();
            due.next = next;
            due = match next {
                None => self
                    .changed
                    .wait(due)
                    .unwrap_or_else(PoisonError::into_inner),
                Some(next) => {
                    self.changed
                        .wait_timeout(due, next.saturating_duration_since(now))
                        .unwrap_or_else(PoisonError::into_inner)
                        .0
                }
            };
        }
    }
}
