//! `response_model::serve` (what the examples serve with) has the timeouts a public
//! server needs: headers sent a byte at a time are cut off, an idle keep-alive connection
//! is closed, and neither cuts a response that is merely slow. It hands handlers the
//! peer's address, and a graceful shutdown lets the request in flight finish. Raw TCP, so
//! nothing in between hides what the server does.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ConnectInfo;
use axum::routing::get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LIMIT: Duration = Duration::from_millis(800);

fn app() -> Router {
    Router::new()
        .route("/ping", get(|| async { "pong" }))
        .route(
            "/slow",
            get(|| async {
                tokio::time::sleep(LIMIT * 3).await;
                "done"
            }),
        )
        .route(
            "/peer",
            get(|ConnectInfo(peer): ConnectInfo<SocketAddr>| async move { peer.to_string() }),
        )
}

async fn start() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(
        response_model::serve(listener, app())
            .header_read_timeout(LIMIT)
            .into_future(),
    );
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

#[tokio::test]
async fn handlers_see_the_peer_address() {
    let addr = start().await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let local = stream.local_addr().unwrap();
    stream
        .write_all(b"GET /peer HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let all = closed_within(&mut stream, LIMIT * 2).await.unwrap();
    let text = String::from_utf8_lossy(&all);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with(&local.to_string()), "{text}");
}

#[tokio::test]
async fn a_graceful_shutdown_finishes_the_request_in_flight_then_stops() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(
        response_model::serve(listener, app())
            .header_read_timeout(LIMIT)
            .with_graceful_shutdown(async move {
                let _ = stopped.await;
            })
            .into_future(),
    );
    let mut slow = TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /slow HTTP/1.1\r\nHost: localhost\r\n\r\n")
        .await
        .unwrap();
    tokio::time::sleep(LIMIT / 4).await;
    stop.send(()).unwrap();
    // The request in flight is answered, and its connection then closed (not kept alive).
    let all = closed_within(&mut slow, LIMIT * 6).await.unwrap();
    let text = String::from_utf8_lossy(&all);
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(text.ends_with("done"), "{text}");
    // Then the server is done, and no longer accepts.
    tokio::time::timeout(LIMIT * 2, server)
        .await
        .expect("the server did not stop")
        .unwrap()
        .unwrap();
    assert!(TcpStream::connect(addr).await.is_err(), "still accepting");
}
