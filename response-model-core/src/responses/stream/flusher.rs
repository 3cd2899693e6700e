//! The process-wide timer thread that wakes a blocking body whose small buffer has waited
//! long enough to grow.

use std::sync::{Condvar, Mutex, OnceLock, PoisonError};
use std::task::Waker;
use std::time::{Duration, Instant};

/// How long a blocking producer's small output may wait to grow into a full chunk.
///
/// Without it, the server (which polls the body again as soon as it has buffered a frame)
/// takes a few rows at a time from a fast producer and writes them as tiny chunks, which
/// made the course's 1M-row CSV four times slower than hand-batched rows. A producer that
/// fills a chunk within this time wakes the body at once; one that does not (a slow
/// producer) has its bytes sent after at most this delay.
pub(super) const LINGER: Duration = Duration::from_millis(1);

/// One process-wide thread that wakes lingering bodies at their deadline. A thread of our
/// own rather than `tokio::time`, which panics on runtimes built without the time driver.
pub(super) struct Flusher {
    due: Mutex<Vec<(Instant, Waker)>>,
    changed: Condvar,
}

/// The flusher, started on first use; `None` if its thread could not be spawned, and then
/// bodies send a small buffer at once instead of lingering.
pub(super) fn flusher() -> Option<&'static Flusher> {
    static FLUSHER: OnceLock<Option<&'static Flusher>> = OnceLock::new();
    *FLUSHER.get_or_init(|| {
        let flusher: &'static Flusher = Box::leak(Box::new(Flusher {
            due: Mutex::new(Vec::new()),
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
    /// Wakes `waker` at `at`. The thread is only disturbed when `at` is the new earliest
    /// deadline; otherwise it is asleep until an earlier one anyway.
    pub(super) fn wake_at(&self, at: Instant, waker: Waker) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        let earliest = due.iter().map(|(t, _)| *t).min();
        due.push((at, waker));
        drop(due);
        if earliest.is_none_or(|e| at < e) {
            self.changed.notify_one();
        }
    }

    /// The thread: wakes the due wakers outside the lock (a woken body may register again at
    /// once), then sleeps until the next deadline or until an earlier one is added.
    fn run(&self) {
        let mut due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            let now = Instant::now();
            let mut ready = Vec::new();
            due.retain(|(at, waker)| {
                if *at <= now {
                    ready.push(waker.clone());
                    false
                } else {
                    true
                }
            });
            if !ready.is_empty() {
                drop(due);
                ready.into_iter().for_each(Waker::wake);
                due = self.due.lock().unwrap_or_else(PoisonError::into_inner);
                continue;
            }
            due = match due.iter().map(|(t, _)| *t).min() {
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
