//! The targets: a generator and a property each (see `mod.rs`).

use std::path::Path;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use axum::routing::get;
use http::{HeaderValue, Request, StatusCode, header};
use proptest::collection::vec;
use proptest::prelude::*;
use response_model::responses::{
    Attachment, Event, FileDir, FileLayer, FileResponse, Redirect, Templates, event_stream,
};
use tower::ServiceExt;

use super::fuzz;

// ---- shared ---------------------------------------------------------------------------

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// 2000 bytes, each `i % 251`, so any slice is recognisable.
fn content() -> Vec<u8> {
    (0..2000u32).map(|i| (i % 251) as u8).collect()
}

struct Reply {
    status: StatusCode,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

fn send(rt: &tokio::runtime::Runtime, app: &Router, req: Request<Body>) -> Reply {
    rt.block_on(async {
        let res = app.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap()
            .to_vec();
        Reply {
            status: parts.status,
            headers: parts.headers,
            body,
        }
    })
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// `bytes a-b/total` -> (a, b, total).
fn content_range(value: &str) -> (u64, u64, u64) {
    let rest = value
        .strip_prefix("bytes ")
        .unwrap_or_else(|| panic!("{value}"));
    let (span, total) = rest.split_once('/').unwrap_or_else(|| panic!("{value}"));
    let (a, b) = span.split_once('-').unwrap_or_else(|| panic!("{value}"));
    (
        a.parse().unwrap(),
        b.parse().unwrap(),
        total.parse().unwrap(),
    )
}

// ---- range, conditionals --------------------------------------------------------------

struct FileApp {
    _dir: tempfile::TempDir,
    app: Router,
    etag: String,
    last_modified: String,
}

fn file_app(rt: &tokio::runtime::Runtime) -> FileApp {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.bin");
    std::fs::write(&path, content()).unwrap();
    let app = Router::new()
        .route(
            "/file",
            get(move || std::future::ready(FileResponse::new(path.clone()))),
        )
        .layer(FileLayer::new());
    let r = send(rt, &app, Request::get("/file").body(Body::empty()).unwrap());
    let header = |name| r.headers[name].to_str().unwrap().to_owned();
    FileApp {
        etag: header(header::ETAG),
        last_modified: header(header::LAST_MODIFIED),
        _dir: dir,
        app,
    }
}

fn number() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0u64..2100).prop_map(|n| n.to_string()),
        1 => Just("1999".to_owned()),
        1 => Just("2000".to_owned()),
        1 => Just("18446744073709551615".to_owned()),
        1 => Just("18446744073709551616".to_owned()),
        1 => Just("99999999999999999999999999".to_owned()),
        1 => Just(String::new()),
        1 => "[0-9]{1,30}",
        1 => "[+-]?[0-9 ]{0,4}",
    ]
}

fn range_header() -> impl Strategy<Value = String> {
    let spec = (
        number(),
        prop_oneof![Just("-"), Just("--"), Just(""), Just(" - "), Just("-+")],
        number(),
    )
        .prop_map(|(a, d, b)| format!("{a}{d}{b}"));
    let unit = prop_oneof![
        6 => Just("bytes="),
        1 => Just("bytes ="),
        1 => Just(" bytes="),
        1 => Just("BYTES="),
        1 => Just("items="),
        1 => Just(""),
        1 => Just("bytes=,"),
    ];
    let sep = prop_oneof![Just(","), Just(", "), Just(" ,"), Just(";"), Just(",,")];
    prop_oneof![
        6 => (unit, vec(spec, 0..8), sep).prop_map(|(u, specs, sep)| format!("{u}{}", specs.join(sep))),
        1 => "[ -~]{0,40}",
        1 => any::<String>(),
    ]
}

/// Checks one answer to a ranged request: 200 whole, 206 whose every part is the file's
/// own bytes, 416 naming the length; nothing else.
fn check_ranged(r: &Reply, ctx: &str) {
    let file = content();
    match r.status {
        StatusCode::OK => assert_eq!(r.body, file, "{ctx}: a 200 that is not the file"),
        StatusCode::PARTIAL_CONTENT => {
            let ct = r.headers[header::CONTENT_TYPE].to_str().unwrap();
            if let Some(boundary) = ct.strip_prefix("multipart/byteranges; boundary=") {
                let mut at = 0;
                let mut parts = 0;
                while let Some(h) = find(&r.body, b"Content-Range: ", at) {
                    let end = find(&r.body, b"\r\n", h).unwrap();
                    let value = std::str::from_utf8(&r.body[h + 15..end]).unwrap();
                    let (a, b, total) = content_range(value);
                    assert!(a <= b && b < 2000 && total == 2000, "{ctx}: part {value}");
                    let data = find(&r.body, b"\r\n\r\n", end).unwrap() + 4;
                    let len = usize::try_from(b - a + 1).unwrap();
                    assert_eq!(
                        &r.body[data..data + len],
                        &file[a as usize..=b as usize],
                        "{ctx}: part {value}"
                    );
                    at = data + len;
                    parts += 1;
                }
                assert!(parts >= 2, "{ctx}: a multipart of {parts} parts");
                assert!(
                    find(&r.body, format!("--{boundary}--").as_bytes(), 0).is_some(),
                    "{ctx}: no closing boundary"
                );
            } else {
                let value = r.headers[header::CONTENT_RANGE].to_str().unwrap();
                let (a, b, total) = content_range(value);
                assert!(a <= b && b < 2000 && total == 2000, "{ctx}: {value}");
                assert_eq!(r.body, &file[a as usize..=b as usize], "{ctx}: {value}");
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE => {
            assert_eq!(r.headers[header::CONTENT_RANGE], "bytes */2000", "{ctx}");
        }
        other => panic!("{ctx}: answered {other}"),
    }
}

#[test]
fn range() {
    let rt = runtime();
    let f = file_app(&rt);
    let if_range = [
        None,
        Some(f.etag.clone()),
        Some("\"stale\"".to_owned()),
        Some(f.last_modified.clone()),
        Some("W/\"weak\"".to_owned()),
        Some("garbage".to_owned()),
    ];
    let strategy = (range_header(), 0..if_range.len())
        .prop_map(move |(range, i)| serde_json::to_string(&(range, i)).unwrap());
    fuzz("range", strategy, |input| {
        // Corpus lines are plain Range values; generated ones carry an If-Range choice.
        let (range, choice): (String, usize) =
            serde_json::from_str(input).unwrap_or_else(|_| (input.to_owned(), 0));
        let Ok(value) = HeaderValue::from_str(&range) else {
            return;
        };
        let mut req = Request::get("/file").header(header::RANGE, value);
        if let Some(Some(v)) = if_range.get(choice) {
            req = req.header(header::IF_RANGE, v);
        }
        let r = send(&rt, &f.app, req.body(Body::empty()).unwrap());
        check_ranged(&r, &format!("Range: {range:?}"));
    });
}

fn etag_list() -> impl Strategy<Value = String> {
    let tag = prop_oneof![
        Just("*".to_owned()),
        "\"[a-z0-9-]{0,12}\"",
        "W/\"[a-z0-9-]{0,12}\"",
        "[a-z0-9\" /W]{0,12}",
    ];
    prop_oneof![
        3 => (vec(tag, 0..4), prop_oneof![Just(","), Just(", "), Just(" ")]).prop_map(|(t, s)| t.join(s)),
        1 => "[ -~]{0,40}",
    ]
}

fn http_date() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u64..4_000_000_000).prop_map(|s| {
            httpdate::fmt_http_date(std::time::UNIX_EPOCH + std::time::Duration::from_secs(s))
        }),
        1 => Just("Thu, 01 Jan 1970 00:00:00 GMT".to_owned()),
        1 => Just("Sunday, 06-Nov-94 08:49:37 GMT".to_owned()),
        1 => Just("Sun Nov  6 08:49:37 1994".to_owned()),
        1 => "[ -~]{0,40}",
    ]
}

#[test]
fn conditionals() {
    let rt = runtime();
    let f = file_app(&rt);
    let names = [
        header::IF_NONE_MATCH,
        header::IF_MATCH,
        header::IF_MODIFIED_SINCE,
        header::IF_UNMODIFIED_SINCE,
    ];
    let etag = f.etag.clone();
    let modified = f.last_modified.clone();
    let value = prop_oneof![
        etag_list(),
        http_date(),
        Just(etag.clone()),
        Just(format!("W/{etag}")),
        Just(modified),
    ];
    let strategy = vec((0..names.len(), value), 1..4)
        .prop_map(|headers| serde_json::to_string(&headers).unwrap());
    fuzz("conditionals", strategy, |input| {
        let headers: Vec<(usize, String)> = serde_json::from_str(input).unwrap();
        let mut req = Request::get("/file");
        for (i, v) in &headers {
            if let Ok(v) = HeaderValue::from_str(v) {
                req = req.header(&names[*i % names.len()], v);
            }
        }
        let r = send(&rt, &f.app, req.body(Body::empty()).unwrap());
        match r.status {
            StatusCode::OK => assert_eq!(r.body, content(), "{input}"),
            StatusCode::NOT_MODIFIED | StatusCode::PRECONDITION_FAILED => {
                assert!(r.body.is_empty(), "{input}");
            }
            other => panic!("{input}: answered {other}"),
        }
    });
}

// ---- ?fields= / ?exclude= -------------------------------------------------------------

mod selection_app {
    use response_model::{ResponseModel, Selected, Selection};
    use serde::Serialize;

    #[derive(Serialize, schemars::JsonSchema, ResponseModel)]
    #[response_model(view(UserOut))]
    pub(super) struct User {
        pub(super) id: u32,
        pub(super) name: String,
        pub(super) email: String,
        #[response_model(secret)]
        pub(super) hashed_password: String,
    }

    pub(super) async fn users(fields: Selection<UserOut>) -> Selected<Vec<UserOut>> {
        let users = vec![User {
            id: 1,
            name: "Ann".into(),
            email: "ann@x.com".into(),
            hashed_password: "h".into(),
        }];
        fields.apply(users.into_iter().map(UserOut::from).collect::<Vec<_>>())
    }
}

fn query() -> impl Strategy<Value = String> {
    let name = prop_oneof![
        Just("id"),
        Just("name"),
        Just("email"),
        Just("hashed_password"),
        Just("emial"),
        Just(""),
        Just("%FF"),
        Just("%2C"),
        Just("id%00"),
        Just("ID"),
        Just(" id"),
        Just("*"),
    ];
    let param = (
        prop_oneof![
            Just("fields"),
            Just("exclude"),
            Just("field"),
            Just("fields[]")
        ],
        prop_oneof![Just("="), Just(""), Just("==")],
        vec(name, 0..5),
        prop_oneof![Just(","), Just("%2C"), Just(", ")],
    )
        .prop_map(|(k, eq, names, sep)| format!("{k}{eq}{}", names.join(sep)));
    prop_oneof![
        4 => (vec(param, 0..4), prop_oneof![Just("&"), Just(";"), Just("&&")]).prop_map(|(p, s)| p.join(s)),
        1 => "[ -~]{0,40}",
    ]
}

#[test]
fn selection() {
    let rt = runtime();
    let app = Router::new().route("/users", get(selection_app::users));
    fuzz("selection", query(), |q| {
        // A query is what the URI holds: skip what cannot be one.
        let Ok(uri) = format!("/users?{q}").parse::<http::Uri>() else {
            return;
        };
        let r = send(&rt, &app, Request::get(uri).body(Body::empty()).unwrap());
        let body: serde_json::Value = serde_json::from_slice(&r.body)
            .unwrap_or_else(|e| panic!("{q:?}: {} not JSON: {e}", r.status));
        match r.status {
            StatusCode::OK => {
                for key in body[0].as_object().unwrap().keys() {
                    assert!(
                        ["id", "name", "email"].contains(&key.as_str()),
                        "{q:?}: {key}"
                    );
                }
            }
            StatusCode::BAD_REQUEST => {
                assert!(
                    body["detail"].as_str().is_some_and(|d| !d.is_empty()),
                    "{q:?}: {body}"
                );
                // The fields offered are the view's: never the secret one.
                if let Some(allowed) = body.get("allowed") {
                    assert!(
                        !allowed.to_string().contains("hashed_password"),
                        "{q:?}: {body}"
                    );
                }
            }
            other => panic!("{q:?}: answered {other}"),
        }
    });
}

// ---- FileDir --------------------------------------------------------------------------

const SECRET: &[u8] = b"TOP-SECRET-OUTSIDE-THE-BASE";

fn dir_name() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        Just(".."),
        Just("."),
        Just("inside.txt"),
        Just("sub"),
        Just("deep.txt"),
        Just("secret.txt"),
        Just("link"),
        Just("uplink"),
        Just("%2e%2e"),
        Just("%2E%2E"),
        Just("%252e%252e"),
        Just("..%2f"),
        Just("..%5c"),
        Just("%c0%ae%c0%ae"),
        Just("%e0%80%ae"),
        Just("\u{0}"),
        Just("%00"),
        Just("\\"),
        Just("C:"),
        Just("c:\\windows"),
        Just("\u{ff0f}"),
        Just("\u{ff0e}\u{ff0e}"),
        Just("\u{2025}"),
        Just("~"),
        Just(""),
    ];
    let sep = prop_oneof![Just("/"), Just("\\"), Just("%2f"), Just("%5c"), Just("//")];
    prop_oneof![
        5 => (prop_oneof![Just(""), Just("/"), Just("\\")], vec(segment, 1..6), sep)
            .prop_map(|(lead, segs, sep)| format!("{lead}{}", segs.join(sep))),
        1 => any::<String>(),
    ]
}

#[test]
fn file_dir() {
    let rt = runtime();
    let root = tempfile::tempdir().unwrap();
    let base = root.path().join("base");
    std::fs::create_dir_all(base.join("sub")).unwrap();
    std::fs::write(base.join("inside.txt"), b"inside").unwrap();
    std::fs::write(base.join("sub/deep.txt"), b"deep").unwrap();
    std::fs::write(root.path().join("secret.txt"), SECRET).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(root.path().join("secret.txt"), base.join("link")).unwrap();
        std::os::unix::fs::symlink(root.path(), base.join("uplink")).unwrap();
    }
    let canonical_base = std::fs::canonicalize(&base).unwrap();
    let dir = Arc::new(FileDir::new(&base));
    fuzz("file_dir", dir_name(), |name| {
        rt.block_on(async {
            if let Ok(path) = dir.resolve(name).await {
                assert!(
                    path.starts_with(&canonical_base),
                    "{name:?} resolved to {}",
                    path.display()
                );
                let bytes = std::fs::read(&path).unwrap();
                assert_ne!(bytes, SECRET, "{name:?} reached the secret");
            }
            if let Ok(file) = dir.file(name).await {
                let res = file.into_response();
                let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                    .await
                    .unwrap();
                assert_ne!(&body[..], SECRET, "{name:?} served the secret");
            }
        });
    });
    assert!(Path::new(&root.path().join("secret.txt")).exists());
}

// ---- redirects ------------------------------------------------------------------------

fn target() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("/"),
        Just("//evil.example"),
        Just("https://example.com/"),
        Just("javascript:alert(1)"),
        Just("\r\n"),
        Just("\r"),
        Just("\n"),
        Just("\u{0}"),
        Just("\t"),
        Just("%0d%0a"),
        Just("Set-Cookie: a=b"),
        Just("caf\u{e9}"),
        Just("\u{2028}"),
        Just("\u{7f}"),
        Just(" "),
        Just("?q=a b&c=d"),
        Just("#frag"),
        Just("abc"),
    ];
    prop_oneof![
        4 => vec(piece, 0..6).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

#[test]
fn redirect() {
    fuzz("redirect", target(), |t| {
        let tried = Redirect::<307>::try_to(t);
        let res = Redirect::<307>::to(t).into_response();
        match res.status() {
            StatusCode::TEMPORARY_REDIRECT => {
                assert!(tried.is_ok(), "{t:?}");
                let location = res.headers()[header::LOCATION].as_bytes();
                assert!(
                    location.iter().all(|b| (0x21..0x7f).contains(b)),
                    "{t:?}: Location {:?}",
                    String::from_utf8_lossy(location)
                );
            }
            StatusCode::INTERNAL_SERVER_ERROR => {
                assert!(tried.is_err(), "{t:?}");
                assert!(res.headers().get(header::LOCATION).is_none(), "{t:?}");
            }
            other => panic!("{t:?}: answered {other}"),
        }
    });
}

// ---- SSE ------------------------------------------------------------------------------

/// The events of an SSE body as a client reads them (WHATWG HTML, "event stream
/// interpretation"): each a list of (field, value).
fn sse_parse(body: &str) -> Vec<Vec<(String, String)>> {
    sse_blocks(body, false)
}

/// The blank-line separated blocks of an SSE body, each a list of (field, value) as the
/// WHATWG parser splits a line (at the first `:`, one leading space of the value dropped);
/// with `comments`, a comment line is kept as (`:`, its text, read the same way).
fn sse_blocks(body: &str, comments: bool) -> Vec<Vec<(String, String)>> {
    let mut events = Vec::new();
    let mut fields = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let line = &rest[..end];
        rest = &rest[end..];
        if let Some(r) = rest.strip_prefix("\r\n") {
            rest = r;
        } else if !rest.is_empty() {
            rest = &rest[1..];
        }
        if line.is_empty() {
            if !fields.is_empty() {
                events.push(std::mem::take(&mut fields));
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix(':') {
            if comments {
                let text = comment.strip_prefix(' ').unwrap_or(comment);
                fields.push((":".to_owned(), text.to_owned()));
            }
            continue;
        }
        let (name, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.strip_prefix(' ').unwrap_or(value);
        fields.push((name.to_owned(), value.to_owned()));
    }
    events
}

fn sse_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\n"),
        Just("\r"),
        Just("\r\n"),
        Just("\n\n"),
        Just("event: injected"),
        Just("id: 7"),
        Just("retry: 1"),
        Just("data: x"),
        Just(":"),
        Just(" "),
        Just("\u{2028}"),
        Just("\u{0}"),
        Just("text"),
    ];
    prop_oneof![
        4 => vec(piece, 0..8).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

#[test]
fn sse() {
    let rt = runtime();
    fuzz("sse", sse_text(), |text| {
        let body = rt.block_on(async {
            let events = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(
                Event::default().data(text),
            )]);
            let res = event_stream(events).into_response();
            let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            String::from_utf8(bytes.to_vec()).unwrap()
        });
        let events = sse_parse(&body);
        if text.is_empty() {
            // axum writes no `data` field for empty data: nothing is dispatched.
            assert!(events.is_empty(), "{text:?}: {events:?}");
            return;
        }
        assert_eq!(events.len(), 1, "{text:?} became {events:?}");
        assert!(
            events[0].iter().all(|(name, _)| name == "data"),
            "{text:?} started another field: {events:?}"
        );
        let data: Vec<&str> = events[0].iter().map(|(_, v)| v.as_str()).collect();
        // Each line of the text is one `data` line, a line ending at CRLF, CR or LF as the
        // WHATWG parser ends them (axum's `Event` wrote a `\r\n` as two; see #17).
        assert_eq!(data, sse_lines(text), "{text:?}");
    });
}

/// `text` split into lines as the WHATWG event-stream parser splits them: at CRLF, CR or
/// LF ("a\n" is "a" and "").
fn sse_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    loop {
        let Some(end) = rest.find(['\r', '\n']) else {
            lines.push(rest);
            return lines;
        };
        lines.push(&rest[..end]);
        let skip = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + skip..];
    }
}

/// The body `event_stream` sends for `event`.
fn sse_body(rt: &tokio::runtime::Runtime, event: Event) -> String {
    rt.block_on(async {
        let events = futures_util::stream::iter([Ok::<_, std::convert::Infallible>(event)]);
        let res = event_stream(events).into_response();
        let bytes = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    })
}

/// A `retry` duration made from `text` (any `u64` of nanoseconds, so whole and
/// fractional milliseconds, zero and huge values all occur).
fn retry_of(text: &str) -> std::time::Duration {
    let nanos = text.bytes().fold(text.len() as u64, |h, b| {
        h.wrapping_mul(1_099_511_628_211).wrapping_add(u64::from(b))
    });
    std::time::Duration::from_nanos(nanos)
}

#[test]
fn sse_fields() {
    use response_model::responses::InvalidEvent;

    let rt = runtime();
    fuzz("sse_fields", sse_text(), |text| {
        let line_break = text.find(['\r', '\n']);
        let id_refused = text.find(['\r', '\n', '\0']);
        let refused_at = |result: Result<Event, InvalidEvent>, field: &str, at: Option<usize>| {
            match (result, at) {
                (Ok(event), None) => Some(event),
                (
                    Err(InvalidEvent::ControlCharacter {
                        field: f,
                        index,
                        byte,
                    }),
                    Some(at),
                ) => {
                    assert_eq!(
                        (f, index, byte),
                        (field, at, text.as_bytes()[at]),
                        "{text:?}"
                    );
                    None
                }
                (other, at) => {
                    panic!("{field} of {text:?}: {other:?}, expected a refusal at {at:?}")
                }
            }
        };
        let retry = retry_of(text);
        let millis = retry.as_millis().to_string();
        // Each field on its own, then all of them in one event: never a panic, and a
        // parser reads back exactly the fields given (no other field, no second event).
        let event = refused_at(Event::default().event(text), "event", line_break);
        let id = refused_at(Event::default().id(text), "id", id_refused);
        let mut expected = Vec::new();
        let mut all = Event::default();
        if let Some(event) = event {
            assert_eq!(
                sse_blocks(&sse_body(&rt, event), true),
                [vec![("event".to_owned(), text.to_owned())]],
                "{text:?}"
            );
            all = all.event(text).unwrap();
            expected.push(("event".to_owned(), text.to_owned()));
        }
        if let Some(id) = id {
            assert_eq!(
                sse_blocks(&sse_body(&rt, id), true),
                [vec![("id".to_owned(), text.to_owned())]],
                "{text:?}"
            );
            all = all.id(text).unwrap();
            expected.push(("id".to_owned(), text.to_owned()));
        }
        let retry_body = sse_body(&rt, Event::default().retry(retry));
        assert_eq!(
            sse_blocks(&retry_body, true),
            [vec![("retry".to_owned(), millis.clone())]],
            "{retry:?}"
        );
        assert!(millis.bytes().all(|b| b.is_ascii_digit()), "{millis}");
        all = all.retry(retry);
        expected.push(("retry".to_owned(), millis));

        // A comment is never a field: each of its lines is a comment line.
        let comment: Vec<(String, String)> = sse_lines(text)
            .into_iter()
            .map(|l| (":".to_owned(), l.to_owned()))
            .collect();
        let comment_body = sse_body(&rt, Event::default().comment(text));
        assert_eq!(
            sse_blocks(&comment_body, true),
            std::slice::from_ref(&comment),
            "{text:?}"
        );
        assert!(sse_parse(&comment_body).is_empty(), "{text:?}");
        all = all.comment(text);
        expected.extend(comment);

        all = all.data("end");
        expected.push(("data".to_owned(), "end".to_owned()));
        assert_eq!(
            sse_blocks(&sse_body(&rt, all), true),
            [expected],
            "{text:?}"
        );
    });
}

// ---- Content-Disposition --------------------------------------------------------------

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .unwrap()
        .into_owned()
}

#[test]
fn content_disposition() {
    let names = prop_oneof![
        3 => vec(
            prop_oneof![
                Just("report"),
                Just(".csv"),
                Just("\""),
                Just("\\"),
                Just("/"),
                Just("../"),
                Just("\r\n"),
                Just("\u{0}"),
                Just(";"),
                Just("filename*=x"),
                Just("caf\u{e9}"),
                Just("\u{1f4c4}"),
                Just("%22"),
                Just(" "),
            ],
            0..6
        )
        .prop_map(|p| p.concat()),
        1 => any::<String>(),
    ];
    fuzz("content_disposition", names, |name| {
        for part in [Attachment::new(name), Attachment::new(name).inline()] {
            let value = part.header_value();
            let text = value
                .to_str()
                .unwrap_or_else(|_| panic!("{name:?}: not visible ASCII"));
            assert!(
                text.bytes().all(|b| b == b' ' || (0x21..0x7f).contains(&b)),
                "{name:?}: {text:?}"
            );
            let rest = text
                .strip_prefix("attachment; filename=\"")
                .or_else(|| text.strip_prefix("inline; filename=\""))
                .unwrap_or_else(|| panic!("{name:?}: {text:?}"));
            let (fallback, after) = rest.split_once('"').unwrap_or_else(|| panic!("{text:?}"));
            assert!(
                !fallback.contains(['/', '\\']),
                "{name:?}: a path in {text:?}"
            );
            match after.strip_prefix("; filename*=UTF-8''") {
                Some(encoded) => {
                    assert!(!encoded.contains([';', ' ', '"']), "{text:?}");
                    let decoded = percent_decode(encoded);
                    assert!(
                        !decoded.contains(['/', '\\']),
                        "{name:?}: a path in {decoded:?}"
                    );
                    assert!(
                        !decoded.chars().any(char::is_control),
                        "{name:?}: {decoded:?}"
                    );
                }
                None => assert_eq!(after, "", "{name:?}: {text:?}"),
            }
        }
    });
}

// ---- template names -------------------------------------------------------------------

#[test]
fn template_name() {
    let rt = runtime();
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("templates");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("page.html"), "<p>{{ name }}</p>").unwrap();
    std::fs::write(dir.join("sub/part.html"), "<i>part</i>").unwrap();
    std::fs::write(root.path().join("secret.html"), "TOP-SECRET-TEMPLATE").unwrap();
    let templates = Templates::new(&dir);
    let names = prop_oneof![
        4 => (prop_oneof![Just(""), Just("/"), Just("./")], vec(
            prop_oneof![
                Just(".."),
                Just("."),
                Just("page.html"),
                Just("sub"),
                Just("part.html"),
                Just("secret.html"),
                Just("templates"),
                Just("%2e%2e"),
                Just("\\"),
                Just("\u{0}"),
                Just("C:"),
                Just(""),
            ],
            1..5
        ), prop_oneof![Just("/"), Just("\\"), Just("//")])
            .prop_map(|(lead, p, sep)| format!("{lead}{}", p.join(sep))),
        1 => Just(root.path().join("secret.html").display().to_string()),
        1 => any::<String>(),
    ];
    fuzz("template_name", names, |name| {
        let (status, body) = rt.block_on(async {
            let res = templates
                .response(name, serde_json::json!({"name": "x"}))
                .into_response();
            let status = res.status();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            (status, String::from_utf8_lossy(&body).into_owned())
        });
        assert!(
            !body.contains("TOP-SECRET"),
            "{name:?} rendered a file outside the directory"
        );
        match status {
            StatusCode::OK => assert!(
                body == "<p>x</p>" || body == "<i>part</i>",
                "{name:?}: {body:?}"
            ),
            StatusCode::INTERNAL_SERVER_ERROR => {
                assert_eq!(body, "Internal Server Error", "{name:?}");
            }
            other => panic!("{name:?}: answered {other}"),
        }
    });
}
