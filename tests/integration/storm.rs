//! A disconnect storm: a crowd of clients opens the showcase's endless-feeling streams
//! (`/export/large-csv`, a million rows from a blocking producer; `/events`, an SSE
//! stream), reads the first bytes, and leaves at once. Afterwards no producer of theirs is
//! left: the blocking producers are counted by `StreamingResponse::running_producers`,
//! the runtime's tasks by tokio's `num_alive_tasks`, both back to what they were.
//!
//! The suite runs it with 200 clients once; `scripts/storm.sh` with 1,000 in release,
//! three storms in a row (`STORM_CLIENTS` sets the crowd, `STORM_ROUNDS` the storms), and
//! then measures memory where it means something: the resident set of the showcase's own
//! release binary as the benchmarks run it, on jemalloc (`benches/showcase.rs`,
//! `scripts/storm_crowd.py`). `HEAP=1` runs this test under valgrind's massif, which
//! shows the heap back where it was after each storm.

use std::time::{Duration, Instant};

use response_model::responses::StreamingResponse;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::examples::showcase;

fn clients() -> usize {
    std::env::var("STORM_CLIENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200)
}

/// Opens `path`, and reads until the body has started.
async fn open(addr: std::net::SocketAddr, path: &str) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0_u8; 4096];
    let body_started = |got: &[u8]| {
        got.windows(4)
            .position(|w| w == b"\r\n\r\n")
            .is_some_and(|end| got.len() > end + 4)
    };
    while !body_started(&got) {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(n > 0, "{path}: closed before its body");
        got.extend_from_slice(&buf[..n]);
    }
    assert!(got.starts_with(b"HTTP/1.1 200"), "{path}");
    stream
}

async fn settle(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "gave up waiting for: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crowd_that_leaves_at_once_leaves_nothing_behind() {
    let n = clients();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(response_model::serve(listener, showcase::app()).into_future());
    let metrics = tokio::runtime::Handle::current().metrics();

    // One of each first, so what is allocated once (the flusher, the pools) is counted
    // in the baseline.
    drop(open(addr, "/export/large-csv").await);
    drop(open(addr, "/events").await);
    settle("the warm-up to end", || {
        StreamingResponse::running_producers() == 0
    })
    .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let tasks_before = metrics.num_alive_tasks();

    let rounds: usize = std::env::var("STORM_ROUNDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    for round in 1..=rounds {
        let started = Instant::now();
        let crowd: Vec<TcpStream> = futures_util::future::join_all((0..n).map(|i| {
            let path = if i % 2 == 0 {
                "/export/large-csv"
            } else {
                "/events"
            };
            open(addr, path)
        }))
        .await;
        let csv = n.div_ceil(2);
        let running = StreamingResponse::running_producers();
        assert!(running >= csv, "{running} producers for {csv} CSV clients");

        drop(crowd);
        settle("every producer to stop", || {
            StreamingResponse::running_producers() == 0
        })
        .await;
        settle("the connections' tasks to end", || {
            metrics.num_alive_tasks() <= tasks_before
        })
        .await;
        let settled = started.elapsed();
        println!(
            "storm {round}: {n} clients ({csv} CSV, {} SSE); {running} producers while connected; \
             0 producers and {} tasks (baseline {tasks_before}) {settled:?} after they left",
            n - csv,
            metrics.num_alive_tasks(),
        );
        // Under massif (`HEAP=1 scripts/storm.sh`), a pause after each storm that lets the
        // blocking pool's idle threads go (tokio keeps them 10 s), so that its snapshots
        // show the heap as it is left.
        if std::env::var_os("STORM_PAUSE").is_some() {
            tokio::time::sleep(Duration::from_secs(12)).await;
        }
    }
}
