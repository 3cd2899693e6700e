//! The examples' server (`examples/common/serve.rs`) has the timeouts a public server
//! needs: headers sent a byte at a time are cut off, an idle keep-alive connection is
//! closed, and neither cuts a response that is merely slow. Raw TCP, so nothing in
//! between hides what the server does.

use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::examples::showcase::serve::{Limits, serve_on};

const LIMIT: Duration = Duration::from_millis(800);

async fn start() -> std::net::SocketAddr {
    let app = Router::new()
        .route("/ping", get(|| async { "pong" }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(LIMIT * 3).await;
                "done"
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve_on(listener, app, Limits { header_read: LIMIT }));
    addr
}

/// Reads until the server closes the connection (or `within` runs out: `None`).
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut got = Vec::new();
    let mut buf = [0_u8; 1024];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.checked_duration_since(Instant::now())?;
        match tokio::time::timeout(left, stream.read(&mut buf)).await {
            Err(_) => return None,
            Ok(Ok(0) | Err(_)) => return Some(got),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_cut_off() {
    let addr = start().await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let started = Instant::now();
    let request =
        b"GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    let mut cut_off = false;
    for byte in request {
        if stream.write_all(&[*byte]).await.is_err() {
            cut_off = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        if started.elapsed() > LIMIT * 4 {
            break;
        }
    }
    let rest = closed_within(&mut stream, LIMIT * 2).await;
    assert!(
        cut_off || rest.is_some(),
        "the slow client was never cut off"
    );
    assert!(
        !String::from_utf8_lossy(&rest.unwrap_or_default()).contains("pong"),
        "the slow request was served"
    );
    assert!(started.elapsed() < LIMIT * 5, "{:?}", started.elapsed());
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let addr = start().await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0_u8; 1024];
    let n = stream.read(&mut buf).await.unwrap();
    let head = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.ends_with("pong"), "{head}");
    // Kept alive, then left silent: closed once the limit passes, not before.
    let idle = Instant::now();
    let rest = closed_within(&mut stream, LIMIT * 4).await;
    assert_eq!(
        rest.as_deref(),
        Some(&b""[..]),
        "the idle connection stayed open"
    );
    assert!(
        idle.elapsed() >= LIMIT / 2,
        "closed too early: {:?}",
        idle.elapsed()
    );
}

#[tokio::test]
async fn a_slow_handler_is_not_cut_by_the_header_timeout() {
    let addr = start().await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let all = closed_within(&mut stream, LIMIT * 6).await.unwrap();
    let text = String::from_utf8_lossy(&all);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with("done"), "{text}");
}
