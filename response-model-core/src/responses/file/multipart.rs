//! The body of a 206 with several ranges: `multipart/byteranges` (RFC 9110 section 14.6).

use std::hash::{BuildHasher, Hasher};
use std::io;
use std::ops::RangeInclusive;

use axum::BoxError;
use axum::body::Body;
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use http::{HeaderValue, StatusCode, header};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::FileResponse;
use super::conditional::Outcome;
use super::serve::{Meta, finish};
use crate::responses::stream::CHUNK_SIZE;

/// A boundary no file is likely to contain: 128 random bits from std's hasher keys.
fn boundary() -> String {
    let random = || {
        std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish()
    };
    format!("{:016x}{:016x}", random(), random())
}

/// 206 `multipart/byteranges` (RFC 9110 section 14.6): each part has its Content-Type and
/// Content-Range; parts are read from the file one after the other.
pub(super) fn multipart(
    file: FileResponse,
    meta: &Meta,
    handle: tokio::fs::File,
    ranges: Vec<RangeInclusive<u64>>,
    head: bool,
) -> Response {
    let boundary = boundary();
    let part_type = file
        .content_type()
        .and_then(|v| v.to_str().ok().map(str::to_owned))
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    let mut segments = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut length = 0u64;
    for (i, range) in ranges.iter().enumerate() {
        let head_of_part = format!(
            "{}--{boundary}\r\nContent-Type: {part_type}\r\nContent-Range: bytes {}-{}/{}\r\n\r\n",
            if i == 0 { "" } else { "\r\n" },
            range.start(),
            range.end(),
            meta.len
        );
        length += head_of_part.len() as u64 + (range.end() - range.start() + 1);
        segments.push(Segment::Bytes(Bytes::from(head_of_part)));
        segments.push(Segment::File(range.clone()));
    }
    let tail = format!("\r\n--{boundary}--\r\n");
    length += tail.len() as u64;
    segments.push(Segment::Bytes(Bytes::from(tail)));

    let body = if head {
        Body::empty()
    } else {
        Body::from_stream(segment_stream(handle, segments))
    };
    let mut res = finish(file, meta, Outcome::Full, body, true);
    *res.status_mut() = StatusCode::PARTIAL_CONTENT;
    let h = res.headers_mut();
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    if let Ok(value) = HeaderValue::try_from(format!("multipart/byteranges; boundary={boundary}")) {
        h.insert(header::CONTENT_TYPE, value);
    }
    res
}

/// One piece of the multipart body: a part's head (or the closing boundary), or a range
/// read from the file.
enum Segment {
    Bytes(Bytes),
    File(RangeInclusive<u64>),
}

/// The multipart body: each range read after one seek, in pieces of at most
/// [`CHUNK_SIZE`]. A file that shrank while it was sent fails the body, so the client never
/// takes a short part for a whole one.
fn segment_stream(
    file: tokio::fs::File,
    segments: Vec<Segment>,
) -> impl futures_util::Stream<Item = Result<Bytes, BoxError>> + Send {
    struct State {
        file: tokio::fs::File,
        segments: std::vec::IntoIter<Segment>,
        remaining: u64,
    }
    let state = State {
        file,
        segments: segments.into_iter(),
        remaining: 0,
    };
    futures_util::stream::try_unfold(state, |mut state| async move {
        loop {
            if state.remaining > 0 {
                let want = usize::try_from(state.remaining)
                    .unwrap_or(CHUNK_SIZE)
                    .min(CHUNK_SIZE);
                let mut buf = BytesMut::with_capacity(want);
                let read = (&mut state.file)
                    .take(want as u64)
                    .read_buf(&mut buf)
                    .await?;
                if read == 0 {
                    return Err(BoxError::from("the file shrank while it was being sent"));
                }
                state.remaining -= read as u64;
                return Ok(Some((buf.freeze(), state)));
            }
            match state.segments.next() {
                None => return Ok(None),
                Some(Segment::Bytes(bytes)) => return Ok(Some((bytes, state))),
                Some(Segment::File(range)) => {
                    state.file.seek(io::SeekFrom::Start(*range.start())).await?;
                    state.remaining = range.end() - range.start() + 1;
                }
            }
        }
    })
}
