//! The body of an async stream: small items coalesced into chunks.

use std::pin::Pin;
use std::task::{Context, Poll};

use axum::BoxError;
use bytes::{Bytes, BytesMut};
use futures_util::Stream;
use http_body::Frame;

use super::CHUNK_SIZE;

pin_project_lite::pin_project! {
    /// Body of an async stream: polls the stream while it has items ready and hands
    /// them over as one buffer (see `StreamingResponse`'s docs).
    pub(super) struct Coalesce<S> {
        #[pin]
        stream: S,
        buf: BytesMut,
        // An item too large to copy, waiting until `buf` has been handed over.
        big: Option<Bytes>,
        error: Option<BoxError>,
        done: bool,
    }
}

impl<S> Coalesce<S> {
    pub(super) fn new(stream: S) -> Self {
        Self {
            stream,
            buf: BytesMut::new(),
            big: None,
            error: None,
            done: false,
        }
    }
}

impl<S, T, E> http_body::Body for Coalesce<S>
where
    S: Stream<Item = Result<T, E>>,
    T: Into<Bytes>,
    E: Into<BoxError>,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let mut this = self.project();
        loop {
            if this.buf.is_empty()
                && let Some(big) = this.big.take()
            {
                return Poll::Ready(Some(Ok(Frame::data(big))));
            }
            if *this.done {
                if !this.buf.is_empty() {
                    return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                }
                return Poll::Ready(this.error.take().map(Err));
            }
            match this.stream.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(item))) => {
                    let item: Bytes = item.into();
                    if item.len() >= CHUNK_SIZE {
                        if this.buf.is_empty() {
                            return Poll::Ready(Some(Ok(Frame::data(item))));
                        }
                        *this.big = Some(item);
                        return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                    }
                    if this.buf.len() + item.len() > CHUNK_SIZE {
                        let out = this.buf.split().freeze();
                        this.buf.reserve(CHUNK_SIZE);
                        this.buf.extend_from_slice(&item);
                        return Poll::Ready(Some(Ok(Frame::data(out))));
                    }
                    if this.buf.capacity() == 0 {
                        this.buf.reserve(CHUNK_SIZE);
                    }
                    this.buf.extend_from_slice(&item);
                }
                Poll::Ready(Some(Err(err))) => {
                    *this.error = Some(err.into());
                    *this.done = true;
                }
                Poll::Ready(None) => *this.done = true,
                Poll::Pending => {
                    if this.buf.is_empty() {
                        return Poll::Pending;
                    }
                    return Poll::Ready(Some(Ok(Frame::data(this.buf.split().freeze()))));
                }
            }
        }
    }
}
