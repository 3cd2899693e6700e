//! RFC 9110's conditional requests and ranges: from the request's `If-*` and `Range`
//! headers and the file's validators, what to answer ([`Outcome`]).

use std::ops::RangeInclusive;

use http::{HeaderMap, HeaderName, Method, Request, header};
use httpdate::HttpDate;

use super::serve::Meta;

/// More ranges than this in one request are ignored (whole file sent), which keeps a
/// `bytes=0-0,2-2,4-4,...` request from turning into thousands of parts.
const MAX_RANGES: usize = 16;

/// What of the request the file response needs.
pub(super) struct RequestInfo {
    pub(super) method: Method,
    headers: HeaderMap,
}

impl RequestInfo {
    /// Copies what the outcome depends on: the request itself moves into the handler.
    pub(super) fn of<B>(req: &Request<B>) -> Self {
        let mut headers = HeaderMap::new();
        for name in [
            header::RANGE,
            header::IF_RANGE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::IF_UNMODIFIED_SINCE,
        ] {
            for value in req.headers().get_all(&name) {
                headers.append(name.clone(), value.clone());
            }
        }
        Self {
            method: req.method().clone(),
            headers,
        }
    }

    fn header(&self, name: &HeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// A list header (`If-None-Match: "a", "b"` may come as several lines).
    fn joined(&self, name: &HeaderName) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    }
}

/// What to answer, from the validators and the request headers.
pub(super) enum Outcome {
    Full,
    NotModified,
    PreconditionFailed,
    Unsatisfiable,
    Single(RangeInclusive<u64>),
    Multi(Vec<RangeInclusive<u64>>),
}

/// Weak (`If-None-Match`) or strong (`If-Match`, `If-Range`) comparison of our ETag with
/// a list of entity tags (RFC 9110 section 8.8.3.2).
fn etag_matches(list: &str, etag: &str, weak: bool) -> bool {
    list.split(',').map(str::trim).any(|tag| {
        if tag == "*" {
            return true;
        }
        match tag.strip_prefix("W/") {
            Some(opaque) => weak && opaque == etag,
            None => tag == etag,
        }
    })
}

fn parse_date(value: Option<&str>) -> Option<HttpDate> {
    value.and_then(|v| v.parse::<HttpDate>().ok())
}

/// What to answer, in RFC 9110 section 13.2.2's order: the preconditions (412, 304), then
/// `Range` (206, 416).
pub(super) fn decide(req: &RequestInfo, meta: &Meta) -> Outcome {
    let get_or_head = req.method == Method::GET || req.method == Method::HEAD;
    // RFC 9110 section 13.2.2, steps 1 to 4.
    if let Some(list) = req.joined(&header::IF_MATCH) {
        if !etag_matches(&list, &meta.etag_str, false) {
            return Outcome::PreconditionFailed;
        }
    } else if let (Some(since), Some(modified)) = (
        parse_date(req.header(&header::IF_UNMODIFIED_SINCE)),
        meta.last_modified,
    ) && modified > since
    {
        return Outcome::PreconditionFailed;
    }
    if let Some(list) = req.joined(&header::IF_NONE_MATCH) {
        if etag_matches(&list, &meta.etag_str, true) {
            return if get_or_head {
                Outcome::NotModified
            } else {
                Outcome::PreconditionFailed
            };
        }
    } else if get_or_head
        && let (Some(since), Some(modified)) = (
            parse_date(req.header(&header::IF_MODIFIED_SINCE)),
            meta.last_modified,
        )
        && modified <= since
    {
        return Outcome::NotModified;
    }
    // Step 5: Range, when If-Range (if any) still holds.
    let Some(range) = req.header(&header::RANGE).filter(|_| get_or_head) else {
        return Outcome::Full;
    };
    if let Some(if_range) = req.headers.get(header::IF_RANGE) {
        let Ok(if_range) = if_range.to_str() else {
            return Outcome::Full;
        };
        let holds = if if_range.starts_with('"') || if_range.starts_with("W/") {
            etag_matches(if_range, &meta.etag_str, false)
        } else {
            parse_date(Some(if_range)).is_some_and(|d| Some(d) == meta.last_modified)
        };
        if !holds {
            return Outcome::Full;
        }
    }
    ranges(range, meta.len)
}

/// RFC 9110 section 14: satisfiable ranges in request order; anything we choose not to
/// honour (malformed, reversed, overlapping, too many) is answered with the full file.
fn ranges(header: &str, len: u64) -> Outcome {
    use http_range_header::{EndPosition, StartPosition};
    let Ok(parsed) = http_range_header::parse_range_header(header) else {
        return Outcome::Full;
    };
    if parsed.ranges.len() > MAX_RANGES {
        return Outcome::Full;
    }
    let mut satisfiable = Vec::with_capacity(parsed.ranges.len());
    for range in parsed.ranges {
        let (start, end) = match (range.start, range.end) {
            (StartPosition::Index(start), EndPosition::Index(end)) => {
                if end < start {
                    return Outcome::Full;
                }
                (start, end)
            }
            (StartPosition::Index(start), EndPosition::LastByte) => (start, u64::MAX),
            (StartPosition::FromLast(suffix), _) => (len.saturating_sub(suffix), u64::MAX),
        };
        if start >= len {
            continue;
        }
        satisfiable.push(start..=end.min(len - 1));
    }
    let mut sorted: Vec<_> = satisfiable.iter().map(|r| (*r.start(), *r.end())).collect();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[1].0 <= w[0].1) {
        return Outcome::Full;
    }
    match satisfiable.len() {
        0 => Outcome::Unsatisfiable,
        1 => satisfiable
            .pop()
            .map_or(Outcome::Unsatisfiable, Outcome::Single),
        _ => Outcome::Multi(satisfiable),
    }
}
