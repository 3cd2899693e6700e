//! The body of a blocking producer (an iterator or a writer function) run on tokio's
//! blocking pool, fed through a [`Pipe`].

use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};
use std::time::Instant;

use axum::BoxError;
use bytes::Bytes;
use http_body::Frame;

use super::CHUNK_SIZE;
use super::flusher::{LINGER, flusher};
use super::pipe::Pipe;

/// A blocking producer, run once on the blocking pool.
type Producer = Box<dyn FnOnce(&Pipe) + Send>;

/// Body of a blocking iterator or writer (see `StreamingResponse`'s docs).
pub(super) struct BlockingBody {
    /// The producer, until the first poll moves it to the blocking pool.
    producer: Option<Producer>,
    pipe: Arc<Pipe>,
}

impl BlockingBody {
    pub(super) fn new<I, T, E>(iter: I) -> Self
    where
        I: Iterator<Item = Result<T, E>> + Send + 'static,
        T: AsRef<[u8]>,
        E: Into<BoxError>,
    {
        Self::with_producer(Box::new(move |pipe: &Pipe| produce(iter, pipe)))
    }

    pub(super) fn with_producer(producer: Producer) -> Self {
        Self {
            producer: Some(producer),
            pipe: Pipe::new(),
        }
    }
}

impl Drop for BlockingBody {
    fn drop(&mut self) {
        self.pipe.lock().closed = true;
        self.pipe.space.notify_all();
    }
}

/// The blocking producers started and not yet ended, in this process.
static RUNNING: AtomicUsize = AtomicUsize::new(0);

/// See [`StreamingResponse::running_producers`](super::StreamingResponse::running_producers).
pub(super) fn running() -> usize {
    RUNNING.load(Ordering::Relaxed)
}

/// Marks the pipe done when the producer ends, however it ends (a panicking iterator
/// becomes a body error instead of a body that never ends), and counts it out.
struct ProducerGuard(Arc<Pipe>);

impl ProducerGuard {
    fn new(pipe: Arc<Pipe>) -> Self {
        RUNNING.fetch_add(1, Ordering::Relaxed);
        Self(pipe)
    }
}

impl Drop for ProducerGuard {
    fn drop(&mut self) {
        RUNNING.fetch_sub(1, Ordering::Relaxed);
        let waker = {
            let mut state = self.0.lock();
            state.done = true;
            if std::thread::panicking() && state.error.is_none() {
                state.error = Some("the streaming producer panicked".into());
            }
            state.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

/// Runs an iterator on the producer thread: stops at the first `Err` (the body then ends
/// with it) or as soon as the body is gone.
fn produce<I, T, E>(iter: I, pipe: &Pipe)
where
    I: Iterator<Item = Result<T, E>>,
    T: AsRef<[u8]>,
    E: Into<BoxError>,
{
    for item in iter {
        match item {
            Ok(bytes) => {
                if pipe.push(bytes.as_ref()).is_err() {
                    return;
                }
            }
            Err(err) => return pipe.fail(err.into()),
        }
    }
}

impl http_body::Body for BlockingBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        if let Some(producer) = this.producer.take() {
            let Ok(runtime) = tokio::runtime::Handle::try_current() else {
                return Poll::Ready(Some(Err(
                    "StreamingResponse::blocking needs a tokio runtime".into(),
                )));
            };
            let guard = ProducerGuard::new(Arc::clone(&this.pipe));
            // The JoinHandle is not needed: the guard reports the end, however it comes.
            drop(runtime.spawn_blocking(move || producer(&guard.0)));
        }
        let mut state = this.pipe.lock();
        let len = state.buf.len();
        if len > 0 {
            // Less than a chunk waits for the producer until its linger deadline (set when
            // the first of these bytes was written), unless the producer has finished; the
            // timer is asked to wake the body then, and the producer wakes it earlier if
            // it fills the pipe.
            let now = Instant::now();
            let ready = len >= CHUNK_SIZE
                || state.done
                || state.linger_until.is_none_or(|until| now >= until)
                || flusher().is_none();
            if !ready {
                register(&mut state.waker, cx);
                let arm = if state.timer_armed {
                    None
                } else {
                    state.timer_armed = true;
                    state.linger_until
                };
                drop(state);
                if let Some(until) = arm {
                    this.pipe.arm(until);
                }
                return Poll::Pending;
            }
            // At most one chunk per frame; the rest stays for the next poll, and lingers
            // from now as a new buffer would.
            let out = state.buf.split_to(len.min(CHUNK_SIZE)).freeze();
            // The body does not wait now: nobody is to wake it until it says so again.
            state.waker = None;
            let left = state.buf.len();
            this.pipe
                .set_linger(&mut state, (left > 0).then(|| now + LINGER));
            // A producer waiting for room goes on once it can write a whole chunk.
            let wake_producer = state.producer_waiting && left < CHUNK_SIZE;
            drop(state);
            if wake_producer {
                this.pipe.space.notify_one();
            }
            return Poll::Ready(Some(Ok(Frame::data(out))));
        }
        if let Some(err) = state.error.take() {
            return Poll::Ready(Some(Err(err)));
        }
        if state.done {
            return Poll::Ready(None);
        }
        register(&mut state.waker, cx);
        Poll::Pending
    }
}

/// Leaves the body's waker in the pipe, cloning it only when it changed.
fn register(slot: &mut Option<std::task::Waker>, cx: &Context<'_>) {
    match slot {
        Some(waker) if waker.will_wake(cx.waker()) => {}
        _ => *slot = Some(cx.waker().clone()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "tests")]
    use std::sync::Weak;

    use http_body_util::BodyExt;

    use super::*;

    /// A body dropped after one frame frees its pipe once the producer has stopped.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_body_cut_off_frees_its_pipe() {
        let mut body =
            BlockingBody::new((0..1_000_000).map(|i| Ok::<_, BoxError>(format!("{i},row\n"))));
        let pipe: Weak<Pipe> = Arc::downgrade(&body.pipe);
        let frame = body.frame().await;
        assert!(frame.is_some());
        drop(frame);
        drop(body);
        for _ in 0..200 {
            if running() == 0 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        assert_eq!(running(), 0);
        assert!(
            pipe.upgrade().is_none(),
            "the pipe outlived its body and its producer: {} refs",
            pipe.strong_count()
        );
    }

    /// Reads `n` bytes from the body, failing after 10 s.
    async fn read(body: &mut BlockingBody, n: usize) -> Vec<u8> {
        let mut got = Vec::new();
        let read = async {
            while got.len() < n {
                let frame = body.frame().await.unwrap().unwrap();
                got.extend_from_slice(&frame.into_data().unwrap());
            }
        };
        tokio::time::timeout(std::time::Duration::from_secs(10), read)
            .await
            .unwrap_or_else(|_| panic!("only {} of {n} bytes came", got.len()));
        got
    }

    /// A burst of more than a chunk (the body takes a chunk and the rest lingers from then)
    /// and a burst of more than the pipe holds (the producer waits for room, then wakes
    /// the body) both reach the body while the producer is blocked after them.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_burst_is_all_sent_while_the_producer_stalls_after_it() {
        for burst in [100_000, 200_000] {
            let (release, stalled) = std::sync::mpsc::channel::<()>();
            let mut body = BlockingBody::with_producer(Box::new(move |pipe: &Pipe| {
                for i in 0..burst / 1000 {
                    let row = [b'0' + (i % 10) as u8; 1000];
                    if pipe.push(&row).is_err() {
                        return;
                    }
                }
                // A slow query: the rows above must not wait for it.
                let _ = stalled.recv();
            }));
            let got = read(&mut body, burst).await;
            assert_eq!(got.len(), burst);
            assert!(
                got.chunks(1000)
                    .enumerate()
                    .all(|(i, row)| row[0] == b'0' + (i % 10) as u8)
            );
            release.send(()).unwrap();
            assert!(body.frame().await.is_none());
        }
    }
}
