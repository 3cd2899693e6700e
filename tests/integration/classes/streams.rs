//! StreamingResponse, SSE and JSON Lines: coalescing, slow producers, disconnects and
//! errors mid-stream, over `oneshot` bodies and real sockets.

use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use axum::routing::get;
use bytes::Bytes;
use futures_util::{StreamExt, stream};
use http::StatusCode;
use http_body_util::BodyExt;
use response_model::responses::JsonLines;
use response_model::responses::StreamingResponse;
use response_model::responses::{Event, KeepAlive, Sse, event_stream};

use crate::common::{reply, serve, wait_until};
use crate::examples::files_streams::{self, PyFloat};

const CHUNK_SIZE: usize = StreamingResponse::CHUNK_SIZE;

/// Reads frames until `n` bytes have come, failing with `what` after 10 s.
async fn read_at_least(body: &mut Body, n: usize, what: &str) -> Vec<u8> {
    let mut got = Vec::new();
    let read = async {
        while got.len() < n {
            got.extend_from_slice(&frame(body).await.unwrap().unwrap());
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .unwrap_or_else(|_| panic!("gave up waiting: {what}"));
    got
}

/// Polls the body's next data frame.
async fn frame(body: &mut Body) -> Option<Result<Bytes, axum::Error>> {
    loop {
        match body.frame().await? {
            Ok(frame) => {
                if let Ok(data) = frame.into_data() {
                    return Some(Ok(data));
                }
            }
            Err(err) => return Some(Err(err)),
        }
    }
}

async fn all_frames(body: &mut Body) -> Vec<Bytes> {
    let mut frames = Vec::new();
    while let Some(data) = frame(body).await {
        frames.push(data.unwrap());
    }
    frames
}

// --- the course's CSV -------------------------------------------------------------------

#[test]
fn py_float_writes_what_python_repr_writes() {
    // Expected strings printed by CPython 3's repr().
    for (value, python) in [
        (1.5, "1.5"),
        (3.0, "3.0"),
        (4.5, "4.5"),
        (1_500_000.0, "1500000.0"),
        (1e16, "1e+16"),
        (1e15, "1000000000000000.0"),
        (9_999_999_999_999_998.0, "9999999999999998.0"),
        (1e-4, "0.0001"),
        (1e-5, "1e-05"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1e22, "1e+22"),
        (1.5e-7, "1.5e-07"),
        (123_456_789_012_345_680.0, "1.2345678901234568e+17"),
        (-0.0, "-0.0"),
        (0.0, "0.0"),
        (f64::INFINITY, "inf"),
        (f64::NEG_INFINITY, "-inf"),
        (f64::NAN, "nan"),
        (2.5e-300, "2.5e-300"),
        (f64::MAX, "1.7976931348623157e+308"),
        (-1234.5, "-1234.5"),
    ] {
        assert_eq!(PyFloat(value).to_string(), python, "{value:e}");
    }
}

/// Records each write (each `writeln!`) as one item.
#[derive(Default)]
struct Items(Vec<String>);

impl std::io::Write for Items {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.push(String::from_utf8(buf.to_vec()).unwrap());
        Ok(buf.len())
    }
    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
        self.0.push(args.to_string());
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_csv_is_one_row_per_item() {
    let mut items = Items::default();
    files_streams::write_csv(&mut items, 4).unwrap();
    let rows = items.0;
    assert_eq!(
        rows,
        [
            "id,name,score\n",
            "1,User1,1.5\n",
            "2,User2,3.0\n",
            "3,User3,4.5\n",
            "4,User4,6.0\n"
        ]
    );
}

#[tokio::test]
async fn large_csv_streams_a_million_course_rows() {
    let base = serve(files_streams::app()).await;
    let res = reqwest::get(format!("{base}/export/large-csv"))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"],
        r#"attachment; filename="data.csv""#
    );
    assert!(res.headers().get("content-length").is_none());
    let body = res.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 1_000_001);
    assert_eq!(
        lines[..4],
        ["id,name,score", "1,User1,1.5", "2,User2,3.0", "3,User3,4.5"]
    );
    assert_eq!(lines[1_000_000], "1000000,User1000000,1500000.0");
    assert!(body.ends_with("1500000.0\n"));
}

// --- coalescing and slow producers -------------------------------------------------------

#[tokio::test]
async fn ready_stream_items_are_coalesced_into_64k_writes() {
    let items = stream::iter((0..20_000).map(|i| format!("{i:09}\n")));
    let mut body = StreamingResponse::new(items).into_response().into_body();
    let frames = all_frames(&mut body).await;
    let total: usize = frames.iter().map(Bytes::len).sum();
    assert_eq!(total, 200_000);
    // 200,000 bytes in 64 KiB writes: 65,530 bytes fit in each of the first three.
    let sizes: Vec<usize> = frames.iter().map(Bytes::len).collect();
    assert_eq!(sizes, [65_530, 65_530, 65_530, 3_410]);
    let joined: Vec<u8> = frames.concat();
    assert!(joined.starts_with(b"000000000\n000000001\n"));
    assert!(joined.ends_with(b"000019999\n"));
}

#[tokio::test]
async fn large_items_pass_through_and_order_is_kept() {
    let big = Bytes::from(vec![b'x'; CHUNK_SIZE + 1]);
    let items = stream::iter([
        Bytes::from_static(b"a"),
        big.clone(),
        Bytes::from_static(b"b"),
    ]);
    let mut body = StreamingResponse::new(items).into_response().into_body();
    let frames = all_frames(&mut body).await;
    assert_eq!(
        frames,
        [Bytes::from_static(b"a"), big, Bytes::from_static(b"b")]
    );
}

#[tokio::test]
async fn a_slow_async_producer_is_not_held_back() {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<&'static str>(1);
    let items = stream::poll_fn(move |cx| rx.poll_recv(cx));
    let mut body = StreamingResponse::new(items).into_response().into_body();
    tx.send("first ").await.unwrap();
    // The producer has nothing more ready: what it gave is handed over now.
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "first ");
    tx.send("second").await.unwrap();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "second");
    drop(tx);
    assert!(frame(&mut body).await.is_none());
}

#[tokio::test]
async fn a_slow_blocking_producer_is_not_held_back() {
    let (tx, rx) = std::sync::mpsc::channel::<&'static str>();
    let mut body = StreamingResponse::blocking(rx).into_response().into_body();
    tx.send("first ").unwrap();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "first ");
    tx.send("second").unwrap();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "second");
    drop(tx);
    assert!(frame(&mut body).await.is_none());
}

#[tokio::test]
async fn a_burst_is_sent_while_the_blocking_producer_stalls_after_it() {
    // Ten rows at once, then the iterator blocks (a slow query): the rows must reach the
    // body while it is still blocked, not when it resumes.
    let (tx, rx) = std::sync::mpsc::channel::<&'static str>();
    let rows = (0..10).map(|i| format!("row {i}\n"));
    let items = rows.chain(rx.into_iter().map(str::to_owned));
    let mut body = StreamingResponse::blocking(items)
        .into_response()
        .into_body();
    let got = read_at_least(
        &mut body,
        60,
        "the burst is sent while the producer is blocked",
    )
    .await;
    assert_eq!(
        got,
        b"row 0\nrow 1\nrow 2\nrow 3\nrow 4\nrow 5\nrow 6\nrow 7\nrow 8\nrow 9\n"
    );
    tx.send("last\n").unwrap();
    drop(tx);
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "last\n");
    assert!(frame(&mut body).await.is_none());
}

#[tokio::test]
async fn a_fast_blocking_producer_fills_64k_before_waiting() {
    // 1 KiB items; when the iterator is asked for item 64, items 0..64 are in the buffer.
    let (filled_tx, filled_rx) = tokio::sync::oneshot::channel::<()>();
    let mut filled_tx = Some(filled_tx);
    let items = (0..200u32).map(move |i| {
        if i == 64
            && let Some(tx) = filled_tx.take()
        {
            tx.send(()).unwrap();
        }
        vec![(i % 256) as u8; 1024]
    });
    let mut body = StreamingResponse::blocking(items)
        .into_response()
        .into_body();
    // The first poll starts the producer; the buffer is empty then, or holds a little.
    let first = frame(&mut body).await.unwrap().unwrap();
    filled_rx.await.unwrap();
    let mut got = first.len();
    let second = frame(&mut body).await.unwrap().unwrap();
    got += second.len();
    // Whatever the first poll took (a little, or most of a chunk if the producer filled
    // it while the body lingered), the second took the rest of the first 64 items: two
    // frames, not 64.
    assert!(got >= 64 * 1024, "{} + {}", first.len(), second.len());
    let rest = all_frames(&mut body).await;
    let total = got + rest.iter().map(Bytes::len).sum::<usize>();
    assert_eq!(total, 200 * 1024);
    assert!(rest.iter().all(|f| f.len() <= CHUNK_SIZE + 1024));
}

#[tokio::test]
async fn a_writer_is_one_item_per_write_and_is_not_held_back() {
    use std::io::Write;
    // Two rows, then the writer blocks (a slow query): the rows reach the body while it
    // is blocked; one `writeln!` of several pieces is one item, never split.
    let (tx, rx) = std::sync::mpsc::channel::<&'static str>();
    let mut body = StreamingResponse::blocking_writer(move |out| {
        for (id, name) in [(1, "one"), (2, "two")] {
            writeln!(out, "{id},{name}")?;
        }
        for row in rx {
            out.write_all(row.as_bytes())?;
        }
        Ok(())
    })
    .into_response()
    .into_body();
    let got = read_at_least(
        &mut body,
        12,
        "the rows are sent while the writer is blocked",
    )
    .await;
    assert_eq!(got, b"1,one\n2,two\n");
    tx.send("3,three\n").unwrap();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "3,three\n");
    drop(tx);
    assert!(frame(&mut body).await.is_none());
}

#[tokio::test]
async fn a_fast_writer_is_coalesced_into_64k_writes() {
    use std::io::Write;
    let (done_tx, done_rx) = tokio::sync::oneshot::channel::<()>();
    let mut body = StreamingResponse::blocking_writer(move |out| {
        for i in 0..10_000 {
            writeln!(out, "{i:>9}")?;
        }
        let _ = done_tx.send(());
        Ok(())
    })
    .into_response()
    .into_body();
    // The first poll starts the writer; 100 KB fit in the pipe (two chunks), so it
    // finishes without waiting for the body.
    let mut first = Vec::new();
    if let Some(Some(Ok(f))) = futures_util::FutureExt::now_or_never(body.frame()) {
        first.extend_from_slice(&f.into_data().unwrap());
    }
    tokio::time::timeout(Duration::from_secs(10), done_rx)
        .await
        .expect("the writer finishes without the body being polled")
        .unwrap();
    // What the writer wrote since then leaves in full 64 KiB frames, not 10,000 writes.
    let rest = all_frames(&mut body).await;
    let (last, full) = rest.split_last().unwrap();
    assert!(full.iter().all(|f| f.len() == CHUNK_SIZE), "{rest:?}");
    assert!(last.len() <= CHUNK_SIZE);
    let all: Vec<u8> = first
        .into_iter()
        .chain(rest.iter().flat_map(|f| f.to_vec()))
        .collect();
    assert_eq!(all.len(), 10_000 * 10);
    assert_eq!(&all[..20], b"        0\n        1\n");
    assert_eq!(&all[all.len() - 10..], b"     9999\n");
}

#[tokio::test]
async fn a_writer_error_or_panic_is_a_body_error_after_the_bytes_before_it() {
    use std::io::Write;
    let mut body = StreamingResponse::blocking_writer(|out| {
        writeln!(out, "row 1")?;
        Err(std::io::Error::other("disk full"))
    })
    .into_response()
    .into_body();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "row 1\n");
    let err = frame(&mut body).await.unwrap().unwrap_err();
    assert!(err.to_string().contains("disk full"), "{err}");

    let mut body = StreamingResponse::blocking_writer(|out| {
        writeln!(out, "row 1")?;
        panic!("producer bug");
    })
    .into_response()
    .into_body();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "row 1\n");
    let err = frame(&mut body).await.unwrap().unwrap_err();
    assert!(err.to_string().contains("panicked"), "{err}");
}

#[tokio::test]
async fn a_row_whose_display_fails_ends_the_body_with_an_error() {
    use std::io::Write;
    struct Broken;
    impl std::fmt::Display for Broken {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }
    let mut body = StreamingResponse::blocking_writer(|out| {
        writeln!(out, "{},ok", 1)?;
        writeln!(out, "{},{}", 2, Broken)?;
        writeln!(out, "never")
    })
    .into_response()
    .into_body();
    let mut got = Vec::new();
    let err = loop {
        match frame(&mut body).await.unwrap() {
            Ok(bytes) => got.extend_from_slice(&bytes),
            Err(err) => break err,
        }
    };
    assert!(err.to_string().contains("formatter error"), "{err}");
    // The rows before it, then at most the part of the broken row written before it failed.
    assert!(got.starts_with(b"1,ok\n"), "{got:?}");
    assert!(!got.windows(5).any(|w| w == b"never"));
}

// --- headers, status, errors --------------------------------------------------------------

response_model::responses::media::media_type! {
    /// A media type declared by the application.
    Parquet = "application/vnd.apache.parquet";
}

#[tokio::test]
async fn a_typed_media_type_is_sent_and_documented() {
    use response_model::openapi::{ApiResponse, DocContext, Responses, StatusKey};
    use response_model::responses::media::{AnyMedia, TextCsv};
    let res = (
        StatusCode::CREATED,
        [("x-one", "1")],
        StreamingResponse::blocking(["a,b\n"]).media::<TextCsv>(),
    )
        .into_response();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(res.headers()["x-one"], "1");
    assert_eq!(reply(res).await.body, "a,b\n");
    let res = StreamingResponse::new(stream::iter(["PAR1"]))
        .media::<Parquet>()
        .into_response();
    assert_eq!(
        res.headers()["content-type"],
        "application/vnd.apache.parquet"
    );

    // The class always answers 200: documented as 200 (a tuple's status is `default`).
    let default = |r: Responses| {
        assert!(r.get(StatusKey::Default).is_none());
        let doc = r.get(StatusCode::OK).unwrap().clone();
        let media: Vec<String> = doc.media_types().map(str::to_owned).collect();
        (doc, media)
    };
    let tuple = <(StatusCode, StreamingResponse<TextCsv>)>::responses(&mut DocContext::new("/"));
    assert_eq!(tuple.keys().collect::<Vec<_>>(), [StatusKey::Default]);
    let (csv, media) = default(StreamingResponse::<TextCsv>::responses(
        &mut DocContext::new("/"),
    ));
    assert_eq!(media, ["text/csv"]);
    let schema = csv.media("text/csv").unwrap().body_schema().unwrap();
    assert_eq!(schema.value()["type"], "string");
    let (parquet, media) = default(StreamingResponse::<Parquet>::responses(
        &mut DocContext::new("/"),
    ));
    assert_eq!(media, ["application/vnd.apache.parquet"]);
    let bytes = parquet.media("application/vnd.apache.parquet").unwrap();
    // Bytes: a string of that content type, so generators type it (3.0: format binary).
    assert_eq!(
        bytes.body_schema().unwrap().value(),
        &serde_json::json!({"type": "string", "contentMediaType": "application/vnd.apache.parquet"})
    );
    let (_, media) = default(StreamingResponse::<AnyMedia>::responses(
        &mut DocContext::new("/"),
    ));
    assert_eq!(media, ["*/*"]);
}

#[tokio::test]
async fn status_media_type_and_headers_are_set() {
    let res = (
        StatusCode::CREATED,
        [("x-one", "1"), ("cache-control", "no-store")],
        StreamingResponse::new(stream::iter(["a"])).media_type("application/x-custom"),
    )
        .into_response();
    assert_eq!(res.status(), StatusCode::CREATED);
    assert_eq!(res.headers()["content-type"], "application/x-custom");
    assert_eq!(res.headers()["x-one"], "1");
    assert_eq!(res.headers()["cache-control"], "no-store");
    let res = StreamingResponse::new(stream::iter(["a"])).into_response();
    assert!(res.headers().get("content-type").is_none());
    let res = (
        [("bad header", "x")],
        StreamingResponse::new(stream::iter(["a"])),
    )
        .into_response();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
}

fn failing_routes() -> Router {
    Router::new()
        .route(
            "/async",
            get(|| async {
                StreamingResponse::try_new(stream::iter([
                    Ok("row 1\n".to_owned()),
                    Err(std::io::Error::other("database went away")),
                    Ok("never\n".to_owned()),
                ]))
            }),
        )
        .route(
            "/blocking",
            get(|| async {
                StreamingResponse::try_blocking([
                    Ok("row 1\n".to_owned()),
                    Err(std::io::Error::other("disk full")),
                ])
            }),
        )
        .route(
            "/panicking",
            get(|| async {
                StreamingResponse::blocking((0..3).map(|i| {
                    if i == 1 {
                        panic!("producer bug");
                    }
                    format!("row {i}\n")
                }))
            }),
        )
}

#[tokio::test]
async fn an_error_mid_stream_aborts_the_connection() {
    let base = serve(failing_routes()).await;
    for path in ["/async", "/blocking", "/panicking"] {
        // The server aborts the connection: depending on what it had flushed, the client
        // sees a failed request or a body that breaks off; never a complete response.
        let outcome = async {
            let mut res = reqwest::get(format!("{base}{path}")).await?;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let mut received = Vec::new();
            while let Some(chunk) = res.chunk().await? {
                received.extend_from_slice(&chunk);
            }
            Ok::<_, reqwest::Error>(received)
        }
        .await;
        match outcome {
            Ok(received) => panic!("{path}: ended like a success with {received:?}"),
            Err(err) => assert!(
                err.is_request() || err.is_body() || err.is_decode(),
                "{path}: {err:?}"
            ),
        }
    }
}

#[tokio::test]
async fn an_error_is_a_body_error_after_the_bytes_before_it() {
    let mut body = StreamingResponse::try_new(stream::iter([
        Ok::<_, std::io::Error>("a"),
        Err(std::io::Error::other("boom")),
    ]))
    .into_response()
    .into_body();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "a");
    let err = frame(&mut body).await.unwrap().unwrap_err();
    assert!(err.to_string().contains("boom"), "{err}");
}

// --- disconnects --------------------------------------------------------------------------

/// Counts what a producer yields and notices when it is dropped.
#[derive(Clone, Default)]
struct Probe {
    yielded: Arc<AtomicUsize>,
    dropped: Arc<AtomicBool>,
    /// `yielded` when the server dropped the response body (it noticed the client left).
    at_body_drop: Arc<std::sync::Mutex<Option<usize>>>,
}

/// Records `yielded` in the probe when it is dropped.
struct BodyDropRecorder(Probe);

impl Drop for BodyDropRecorder {
    fn drop(&mut self) {
        let yielded = self.0.yielded.load(Ordering::SeqCst);
        *self.0.at_body_drop.lock().unwrap() = Some(yielded);
    }
}

/// `res` with a body that records, when the server drops it, what had been yielded.
fn recorded(res: impl IntoResponse, probe: &Probe) -> axum::response::Response {
    let recorder = BodyDropRecorder(probe.clone());
    res.into_response().map(|body| {
        Body::from_stream(body.into_data_stream().map(move |frame| {
            let _keep = &recorder;
            frame
        }))
    })
}

struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// 1 KiB items, a million of them (1 GB) unless the client leaves.
fn probe_iter(probe: &Probe) -> impl Iterator<Item = Vec<u8>> + Send + 'static {
    let yielded = Arc::clone(&probe.yielded);
    let flag = DropFlag(Arc::clone(&probe.dropped));
    (0..1_000_000).map(move |_| {
        let _keep = &flag;
        yielded.fetch_add(1, Ordering::SeqCst);
        vec![b'x'; 1024]
    })
}

async fn disconnect_after_reading(base: &str, probe: &Probe) -> usize {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // A raw connection, so the close happens exactly here (a pooled client may keep reading
    // in a background task after the response is dropped). Closing with unread data sends
    // a reset at once.
    let addr = base.trim_start_matches("http://");
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    conn.write_all(b"GET /stream HTTP/1.1\r\nhost: test\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0; 64 * 1024];
    let mut read = 0;
    while read < 256 * 1024 {
        let n = conn.read(&mut buf).await.unwrap();
        assert!(n > 0, "the server closed the stream after {read} bytes");
        read += n;
    }
    drop(conn);
    let at_close = probe.yielded.load(Ordering::SeqCst);
    wait_until(
        "the producer to be dropped",
        Duration::from_secs(10),
        || probe.dropped.load(Ordering::SeqCst),
    )
    .await;
    let total = probe.yielded.load(Ordering::SeqCst);
    let at_body_drop = probe
        .at_body_drop
        .lock()
        .unwrap()
        .expect("the body was dropped");
    // Once the server drops the body (its write failed), the producer stops at its next
    // item: at most the one it was making.
    assert!(
        total - at_body_drop <= 1,
        "yielded {} items after the server dropped the body",
        total - at_body_drop
    );
    // Before the server notices, the producer can only fill what is between it and the
    // socket: the pipe (128 KiB) and hyper's write queue (up to ~400 KiB), never more.
    let after = total - at_close;
    assert!(
        after <= 600,
        "yielded {after} items (of 1 KiB) after the client left"
    );
    assert!(total < 100_000);
    println!(
        "disconnect: {after} items of 1 KiB after the client left, {} after the server dropped the body",
        total - at_body_drop
    );
    after
}

#[tokio::test]
async fn a_client_that_leaves_stops_a_blocking_producer() {
    let probe = Probe::default();
    let p = probe.clone();
    let app = Router::new().route(
        "/stream",
        get(move || {
            let p = p.clone();
            async move { recorded(StreamingResponse::blocking(probe_iter(&p)), &p) }
        }),
    );
    let base = serve(app).await;
    disconnect_after_reading(&base, &probe).await;
}

#[tokio::test]
async fn a_client_that_leaves_stops_a_writer() {
    use std::io::Write;
    let probe = Probe::default();
    let p = probe.clone();
    let seen_error = Arc::new(std::sync::Mutex::new(None));
    let seen = Arc::clone(&seen_error);
    let app = Router::new().route(
        "/stream",
        get(move || {
            let p = p.clone();
            let seen = Arc::clone(&seen);
            async move {
                let probe = p.clone();
                let writer = StreamingResponse::blocking_writer(move |out| {
                    let p = probe;
                    let _flag = DropFlag(Arc::clone(&p.dropped));
                    let row = [b'x'; 1024];
                    for _ in 0..1_000_000 {
                        p.yielded.fetch_add(1, Ordering::SeqCst);
                        if let Err(err) = out.write_all(&row) {
                            *seen.lock().unwrap() = Some(err.kind());
                            return Err(err);
                        }
                    }
                    Ok(())
                });
                recorded(writer, &p)
            }
        }),
    );
    let base = serve(app).await;
    disconnect_after_reading(&base, &probe).await;
    // The write after the client left failed with BrokenPipe, which stopped the writer.
    assert_eq!(
        *seen_error.lock().unwrap(),
        Some(std::io::ErrorKind::BrokenPipe)
    );
}

#[tokio::test]
async fn a_client_that_leaves_stops_an_async_producer() {
    let probe = Probe::default();
    let p = probe.clone();
    let app = Router::new().route(
        "/stream",
        get(move || {
            let p = p.clone();
            async move {
                // An async generator with an await point per item, like the course's.
                let items = stream::iter(probe_iter(&p)).then(|item| async move {
                    tokio::task::yield_now().await;
                    item
                });
                recorded(StreamingResponse::new(items), &p)
            }
        }),
    );
    let base = serve(app).await;
    disconnect_after_reading(&base, &probe).await;
}

// --- token streaming ----------------------------------------------------------------------

#[tokio::test]
async fn ai_stream_sends_words_as_they_come() {
    let base = serve(files_streams::app()).await;
    let mut res = reqwest::get(format!("{base}/ai/stream?prompt=hi%20there"))
        .await
        .unwrap();
    assert_eq!(res.headers()["content-type"], "text/plain; charset=utf-8");
    let mut chunks = Vec::new();
    while let Some(chunk) = res.chunk().await.unwrap() {
        chunks.push(String::from_utf8(chunk.to_vec()).unwrap());
    }
    assert_eq!(
        chunks.concat(),
        "This is a streamed response for: hi there "
    );
    // Each word leaves as soon as it is produced (100 ms apart), not at the end.
    assert!(chunks.len() > 1, "{chunks:?}");
    assert_eq!(chunks[0], "This ");

    let res = reqwest::get(format!("{base}/ai/stream")).await.unwrap();
    assert_eq!(
        res.text().await.unwrap(),
        "This is a streamed response for: hello "
    );
}

// --- SSE ----------------------------------------------------------------------------------

#[tokio::test]
async fn sse_writes_data_event_id_retry_comments_and_json() {
    let app = Router::new().route(
        "/sse",
        get(|| async {
            let events = [
                Event::default().data("line 1\nline 2"),
                Event::default()
                    .event("update")
                    .unwrap()
                    .id("7")
                    .unwrap()
                    .retry(Duration::from_millis(1500))
                    .data("x"),
                Event::default().comment("just a comment"),
                Event::default()
                    .json_data(serde_json::json!({"n": 1}))
                    .unwrap(),
            ];
            event_stream(stream::iter(events.map(Ok::<_, Infallible>)))
        }),
    );
    let base = serve(app).await;
    let res = reqwest::get(format!("{base}/sse")).await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    assert_eq!(res.headers()["cache-control"], "no-cache");
    assert_eq!(
        res.text().await.unwrap(),
        "data: line 1\ndata: line 2\n\n\
         event: update\nid: 7\nretry: 1500\ndata: x\n\n\
         : just a comment\n\n\
         data: {\"n\":1}\n\n"
    );
}

/// Text from a request cannot panic the worker or inject a field: an `event`/`id` with a
/// line break (or an `id` with NUL) is refused with an error the handler `?`s; `data`
/// and comments are split into lines of their own, CRLF as one line break.
#[tokio::test]
async fn sse_refuses_or_splits_what_the_grammar_cannot_say() {
    use response_model::responses::InvalidEvent;

    async fn echo(
        axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
    ) -> Result<impl IntoResponse, InvalidEvent> {
        let text = q.get("text").cloned().unwrap_or_default();
        let event = Event::default()
            .event(&text)?
            .id(&text)?
            .comment(&text)
            .data(&text);
        Ok(event_stream(stream::iter([Ok::<_, Infallible>(event)])))
    }
    let app = Router::new().route("/sse", get(echo));
    let r = crate::common::get_path(&app, "/sse?text=plain").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.text(),
        "event: plain\nid: plain\n: plain\ndata: plain\n\n"
    );
    // `?text=a%0Aevent%3A%20x`: refused, a logged 500, the worker alive.
    let r = crate::common::get_path(&app, "/sse?text=a%0Aevent%3A%20x").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    let r = crate::common::get_path(&app, "/sse?text=plain").await;
    assert_eq!(r.status, StatusCode::OK);

    for (text, field, index, byte) in [("a\nb", "event", 1, b'\n'), ("\rb", "event", 0, b'\r')] {
        let err = Event::default().event(text).unwrap_err();
        assert!(
            matches!(err, InvalidEvent::ControlCharacter { field: f, index: i, byte: b } if f == field && i == index && b == byte),
            "{text:?}: {err:?}"
        );
    }
    let err = Event::default().id("1\x002").unwrap_err();
    assert!(matches!(
        err,
        InvalidEvent::ControlCharacter {
            field: "id",
            index: 1,
            byte: 0
        }
    ));
    // NUL is allowed in an event name (clients keep it), refused only in an id.
    assert!(Event::default().event("a\0b").is_ok());

    let e = Event::default()
        .comment("one\r\ntwo\rthree")
        .data("x\r\ny\n");
    assert_eq!(
        e.to_bytes(),
        ": one\n: two\n: three\ndata: x\ndata: y\ndata: \n\n"
    );
    // A second `event`/`id`/`retry`/`data` never panics: fields add up as clients read them.
    let e = Event::default()
        .event("a")
        .and_then(|e| e.event("b"))
        .unwrap()
        .retry(Duration::from_millis(1))
        .retry(Duration::from_millis(2))
        .data("1")
        .data("2");
    assert_eq!(
        e.to_bytes(),
        "event: a\nevent: b\nretry: 1\nretry: 2\ndata: 1\ndata: 2\n\n"
    );
    // The keep-alive text is a comment too, split the same way.
    let mut body = Sse::new(stream::pending::<Result<Event, Infallible>>())
        .keep_alive(
            KeepAlive::new()
                .interval(Duration::from_millis(10))
                .text("a\nb"),
        )
        .into_response()
        .into_body();
    let got = read_at_least(&mut body, 9, "a keep-alive comment").await;
    assert_eq!(got, b": a\n: b\n\n");
}

#[tokio::test]
async fn sse_keep_alive_comments_flow_while_the_producer_is_silent() {
    let app = Router::new().route(
        "/sse",
        get(|| async {
            let events = stream::iter([Ok::<_, Infallible>(Event::default().data("hello"))])
                .chain(stream::pending());
            Sse::new(events).keep_alive(
                KeepAlive::new()
                    .interval(Duration::from_millis(20))
                    .text("ping"),
            )
        }),
    );
    let base = serve(app).await;
    let mut res = reqwest::get(format!("{base}/sse")).await.unwrap();
    let mut text = String::new();
    let read = async {
        while text.matches(": ping\n\n").count() < 2 {
            let chunk = res.chunk().await.unwrap().unwrap();
            text.push_str(std::str::from_utf8(&chunk).unwrap());
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .expect("two keep-alive comments");
    assert!(
        text.starts_with("data: hello\n\n: ping\n\n: ping\n\n"),
        "{text:?}"
    );
}

#[tokio::test]
async fn course_events_arrive_one_by_one() {
    let base = serve(files_streams::app()).await;
    let mut res = reqwest::get(format!("{base}/events")).await.unwrap();
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    let mut text = String::new();
    while !text.contains("data: Event 1\n\n") {
        let chunk = res.chunk().await.unwrap().unwrap();
        text.push_str(std::str::from_utf8(&chunk).unwrap());
    }
    assert_eq!(text, "data: Event 0\n\ndata: Event 1\n\n");
}

#[tokio::test]
async fn a_client_that_leaves_stops_the_event_producer() {
    let dropped = Arc::new(AtomicBool::new(false));
    let d = Arc::clone(&dropped);
    let app = Router::new().route(
        "/sse",
        get(move || {
            let flag = DropFlag(Arc::clone(&d));
            async move {
                let events = stream::unfold((0u64, flag), |(i, flag)| async move {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    Some((
                        Ok::<_, Infallible>(Event::default().data(i.to_string())),
                        (i + 1, flag),
                    ))
                });
                event_stream(events)
            }
        }),
    );
    let base = serve(app).await;
    let mut res = reqwest::get(format!("{base}/sse")).await.unwrap();
    let first = res.chunk().await.unwrap().unwrap();
    assert_eq!(&first[..], b"data: 0\n\n");
    assert!(!dropped.load(Ordering::SeqCst));
    drop(res);
    wait_until(
        "the event stream to be dropped",
        Duration::from_secs(10),
        || dropped.load(Ordering::SeqCst),
    )
    .await;
}

// --- JSON Lines ---------------------------------------------------------------------------

#[derive(serde::Serialize)]
struct Row {
    id: u32,
    name: &'static str,
    score: f64,
}

#[tokio::test]
async fn json_lines_have_a_content_type_and_one_value_per_line() {
    let rows = || {
        (1..=3).map(|id| Row {
            id,
            name: "ü\"x",
            score: f64::from(id) * 1.5,
        })
    };
    for res in [
        JsonLines::new(stream::iter(rows())).into_response(),
        JsonLines::blocking(rows()).into_response(),
    ] {
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "application/jsonl");
        let body = reply(res).await.body;
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            "{\"id\":1,\"name\":\"ü\\\"x\",\"score\":1.5}\n\
             {\"id\":2,\"name\":\"ü\\\"x\",\"score\":3.0}\n\
             {\"id\":3,\"name\":\"ü\\\"x\",\"score\":4.5}\n"
        );
    }
    let res = (
        StatusCode::ACCEPTED,
        [("x-count", "1")],
        JsonLines::new(stream::iter([1])).media_type("application/x-ndjson"),
    )
        .into_response();
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert_eq!(res.headers()["content-type"], "application/x-ndjson");
    assert_eq!(res.headers()["x-count"], "1");
}

#[tokio::test]
async fn a_value_that_cannot_be_encoded_ends_json_lines_with_an_error() {
    use std::collections::BTreeMap;
    let good = BTreeMap::from([(vec![], 0)]);
    let bad = BTreeMap::from([(vec![1u8], 1)]); // a map with non-string keys
    let mut body = JsonLines::new(stream::iter([BTreeMap::new(), bad, good]))
        .into_response()
        .into_body();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "{}\n");
    assert!(frame(&mut body).await.unwrap().is_err());

    let mut body = JsonLines::try_new(stream::iter([
        Ok(1),
        Err(std::io::Error::other("cursor lost")),
    ]))
    .into_response()
    .into_body();
    assert_eq!(frame(&mut body).await.unwrap().unwrap(), "1\n");
    assert!(frame(&mut body).await.unwrap().is_err());
}
