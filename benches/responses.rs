//! Streaming and file benches, each against a baseline measured in the same run.
//!
//! ```text
//! cargo bench -p response-model-benches --bench responses
//! RM_BENCH_CSV_ONLY=1 cargo bench -p response-model-benches --bench responses   # the CSV part only
//! ```
//!
//! 1. The course's 1,000,000-row CSV, one row per item of a blocking producer, against an
//!    axum body whose rows are batched by hand into ~64 KiB strings. Target: at most 1.1x
//!    the baseline's time, and the server's peak RSS (VmHWM) under 16 MiB. Two producers,
//!    measured in the same run:
//!    - the example's `/export/large-csv`: a generator function writing one row per
//!      `writeln!` (Python's `yield`) through `StreamingResponse::blocking_writer`;
//!    - an iterator yielding one `String` per row through `StreamingResponse::blocking`
//!      (a heap allocation per row, which the generator alone already pays for).
//! 2. A 100 MB file through `FileResponse` + `FileLayer` against tower-http's `ServeFile`.
//!    Target: at least 0.9x its throughput.
//!
//! Each server runs as a separate process (this binary, re-executed with
//! `RM_BENCH_SERVER=<mode>`), so its peak RSS is its own; the client (reqwest) runs here.
//! Runs alternate between the two sides; the medians are compared (and the best runs,
//! which other load on a shared machine disturbs least, are printed too).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: a bench, not a server path
#![allow(missing_docs)] // reason: a bench binary

use std::convert::Infallible;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::routing::get;
use futures_util::{StreamExt, stream};
use response_model::responses::{FileLayer, FileResponse};
use response_model_examples::files_streams;
use tower_http::services::ServeFile;

const ROWS: u32 = 1_000_000;
const FILE_SIZE: usize = 100 * 1024 * 1024;
const CSV_ROUNDS: usize = 9;
const FILE_ROUNDS: usize = 9;

fn main() {
    if let Ok(mode) = std::env::var("RM_BENCH_SERVER") {
        server(&mode);
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(driver());
}

// --- servers ------------------------------------------------------------------------------

/// The course's rows as an iterator of one `String` per row.
fn csv_strings(rows: u32) -> impl Iterator<Item = String> + Send + 'static {
    std::iter::once("id,name,score\n".to_owned()).chain((1..=rows).map(|i| {
        // `format!` would grow its String two or three times per row; one allocation of
        // the right size is what the f-string costs in Python too.
        let mut row = String::with_capacity(48);
        let _ = writeln!(
            row,
            "{i},User{i},{}",
            files_streams::PyFloat(f64::from(i) * 1.5)
        );
        row
    }))
}

/// The baseline: the same rows, batched by hand into ~64 KiB strings.
fn batched_csv() -> Body {
    let mut next = 1u32;
    let mut header = true;
    let batches = std::iter::from_fn(move || {
        if next > ROWS {
            return None;
        }
        let mut buf = String::with_capacity(64 * 1024 + 64);
        if header {
            buf.push_str("id,name,score\n");
            header = false;
        }
        while next <= ROWS && buf.len() < 64 * 1024 {
            let i = next;
            let _ = writeln!(
                buf,
                "{i},User{i},{}",
                files_streams::PyFloat(f64::from(i) * 1.5)
            );
            next += 1;
        }
        Some(buf)
    });
    Body::from_stream(stream::iter(batches).map(Ok::<_, Infallible>))
}

fn server(mode: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let app = match mode {
            "csv-ours" => files_streams::app(),
            "csv-strings" => Router::new().route(
                "/export/large-csv",
                get(|| async {
                    response_model::responses::StreamingResponse::blocking(csv_strings(ROWS))
                }),
            ),
            "csv-batched" => {
                Router::new().route("/export/large-csv", get(|| async { batched_csv() }))
            }
            "file" => {
                let path = PathBuf::from(std::env::var("RM_BENCH_FILE").unwrap());
                let ours = path.clone();
                Router::new()
                    .route(
                        "/ours",
                        get(move || {
                            let ours = ours.clone();
                            async move { FileResponse::new(ours) }
                        }),
                    )
                    .route_service("/servefile", ServeFile::new(path))
                    .layer(FileLayer::new())
            }
            other => panic!("unknown server mode {other}"),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut out = std::io::stdout();
        writeln!(out, "PORT {port}").unwrap();
        out.flush().unwrap();
        axum::serve(listener, app).await.unwrap();
    });
}

// --- driver -------------------------------------------------------------------------------

struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(mode: &str, envs: &[(&str, String)]) -> Self {
        let mut cmd = Command::new(std::env::current_exe().unwrap());
        cmd.env("RM_BENCH_SERVER", mode).stdout(Stdio::piped());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line.trim().strip_prefix("PORT ").unwrap().to_owned();
        Self {
            child,
            base: format!("http://127.0.0.1:{port}"),
        }
    }

    /// Peak resident set size of the server process, in KiB.
    fn peak_rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Downloads `url`, returning (seconds, body bytes, last 64 body bytes).
async fn download(client: &reqwest::Client, url: &str) -> (f64, usize, Vec<u8>) {
    let start = Instant::now();
    let res = client.get(url).send().await.unwrap();
    assert!(res.status().is_success(), "{url}: {}", res.status());
    let mut body = res.bytes_stream();
    let mut len = 0;
    let mut tail = Vec::new();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.unwrap();
        len += chunk.len();
        tail.extend_from_slice(&chunk[chunk.len().saturating_sub(64)..]);
        if tail.len() > 64 {
            tail.drain(..tail.len() - 64);
        }
    }
    (start.elapsed().as_secs_f64(), len, tail)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// The producers alone, without a server: what one-row-per-item costs in itself.
fn producers_alone() {
    let start = Instant::now();
    let course: usize = csv_strings(ROWS).map(|row| row.len()).sum();
    let course_ms = start.elapsed().as_secs_f64() * 1e3;
    // The example's generator, each `writeln!` formatted straight into a buffer (as
    // `StreamWriter` does, without its lock), which is cleared every 64 KiB.
    struct Rows {
        out: Vec<u8>,
        total: usize,
    }
    impl std::io::Write for Rows {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.out.extend_from_slice(buf);
            Ok(buf.len())
        }
        fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> std::io::Result<()> {
            std::io::Write::write_fmt(&mut self.out, args)?;
            if self.out.len() >= 64 * 1024 {
                self.total += self.out.len();
                self.out.clear();
            }
            Ok(())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let start = Instant::now();
    let mut rows = Rows {
        out: Vec::with_capacity(64 * 1024 + 64),
        total: 0,
    };
    files_streams::write_csv(&mut rows, ROWS).unwrap();
    let writer_total = rows.total + rows.out.len();
    let writer_ms = start.elapsed().as_secs_f64() * 1e3;
    assert_eq!(writer_total, course);
    let start = Instant::now();
    let mut batched = 0;
    let mut buf = String::with_capacity(64 * 1024 + 64);
    for i in 1..=ROWS {
        let _ = writeln!(
            buf,
            "{i},User{i},{}",
            files_streams::PyFloat(f64::from(i) * 1.5)
        );
        if buf.len() >= 64 * 1024 {
            batched += buf.len();
            buf.clear();
        }
    }
    batched += buf.len();
    let batched_ms = start.elapsed().as_secs_f64() * 1e3;
    assert_eq!(course, batched + "id,name,score\n".len());
    println!(
        "producers alone: the example's writer (a writeln! per row) {writer_ms:.1} ms, an iterator of a String per row {course_ms:.1} ms, rows written into one buffer {batched_ms:.1} ms"
    );
}

/// The course generator drained through `StreamingResponse::blocking`'s body in-process
/// (no socket, no client): what the pipe to the blocking pool costs.
async fn pipe_alone() {
    use axum::response::IntoResponse;
    use http_body_util::BodyExt;
    let start = Instant::now();
    let mut body = response_model::responses::StreamingResponse::blocking(csv_strings(ROWS))
        .into_response()
        .into_body();
    let (mut len, mut frames) = (0, 0);
    while let Some(frame) = body.frame().await {
        len += frame.unwrap().into_data().map_or(0, |d| d.len());
        frames += 1;
    }
    println!(
        "pipe alone: a String per row through StreamingResponse::blocking, drained in-process: {:.1} ms ({len} bytes in {frames} frames)",
        start.elapsed().as_secs_f64() * 1e3
    );
}

/// CPU time this thread has run, in ns (Linux), to tell the pipe's own cost from time
/// spent waiting for a core on a busy machine.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// 1,000,000 ready-made 27-byte items through the pipe: its cost per item, alone (wall
/// time, and CPU time of the producer thread and of the thread draining the body).
async fn pipe_per_item() {
    use axum::response::IntoResponse;
    use http_body_util::BodyExt;
    use std::sync::{Arc, Mutex};
    const ROW: &[u8] = b"123456,User123456,185184.0\n";
    let producer_cpu = Arc::new(Mutex::new((None, None)));
    let cpu = Arc::clone(&producer_cpu);
    let start = Instant::now();
    let consumer_start = thread_cpu_ns();
    let items = (0..ROWS).map(move |i| {
        if i == 0 {
            cpu.lock().unwrap().0 = thread_cpu_ns();
        } else if i == ROWS - 1 {
            cpu.lock().unwrap().1 = thread_cpu_ns();
        }
        ROW
    });
    let mut body = response_model::responses::StreamingResponse::blocking(items)
        .into_response()
        .into_body();
    let mut len = 0;
    while let Some(frame) = body.frame().await {
        len += frame.unwrap().into_data().map_or(0, |d| d.len());
    }
    assert_eq!(len, ROW.len() * ROWS as usize);
    let per_item = |ns: f64| ns / f64::from(ROWS);
    let ns = per_item(start.elapsed().as_secs_f64() * 1e9);
    let cpu = |a: Option<u64>, b: Option<u64>| match (a, b) {
        (Some(a), Some(b)) => format!("{:.1} ns", per_item((b - a) as f64)),
        _ => "?".to_owned(),
    };
    let (p0, p1) = *producer_cpu.lock().unwrap();
    println!(
        "pipe per item: {ns:.1} ns (1,000,000 static 27-byte items, no formatting); CPU per item: producer thread {}, body {}",
        cpu(p0, p1),
        cpu(consumer_start, thread_cpu_ns())
    );
}

async fn driver() {
    let client = reqwest::Client::new();
    producers_alone();
    pipe_alone().await;
    pipe_per_item().await;

    // 1. CSV: the three servers' runs alternate.
    let ours = Server::start("csv-ours", &[]);
    let strings = Server::start("csv-strings", &[]);
    let batched = Server::start("csv-batched", &[]);
    let url = |s: &Server| format!("{}/export/large-csv", s.base);
    let (ours_url, strings_url, batched_url) = (url(&ours), url(&strings), url(&batched));
    let (_, expected_len, expected_tail) = download(&client, &batched_url).await;
    for u in [&ours_url, &strings_url] {
        let (_, len, tail) = download(&client, u).await;
        assert_eq!(
            (len, &tail),
            (expected_len, &expected_tail),
            "the CSVs are the same bytes"
        );
    }
    let (mut t_ours, mut t_strings, mut t_batched) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..CSV_ROUNDS {
        t_ours.push(download(&client, &ours_url).await.0);
        t_batched.push(download(&client, &batched_url).await.0);
        t_strings.push(download(&client, &strings_url).await.0);
    }
    let min = |xs: &[f64]| xs.iter().copied().fold(f64::INFINITY, f64::min);
    let (best_ours, best_strings, best_batched) = (min(&t_ours), min(&t_strings), min(&t_batched));
    let (m_ours, m_strings, m_batched) = (median(t_ours), median(t_strings), median(t_batched));
    let rss = |s: &Server| s.peak_rss_kib() as f64 / 1024.0;
    let (rss_ours, rss_strings, rss_batched) = (rss(&ours), rss(&strings), rss(&batched));
    drop((ours, strings, batched));
    println!("csv: 1,000,000 rows, {expected_len} bytes, median of {CSV_ROUNDS} runs each");
    println!(
        "  hand-batched axum Body::from_stream (baseline): {:.1} ms, server peak RSS {rss_batched:.1} MiB",
        m_batched * 1e3,
    );
    for (what, m, best, rss) in [
        (
            "the example: StreamingResponse::blocking_writer, a writeln! per row",
            m_ours,
            best_ours,
            rss_ours,
        ),
        (
            "StreamingResponse::blocking over an iterator of a String per row",
            m_strings,
            best_strings,
            rss_strings,
        ),
    ] {
        let ratio = m / m_batched;
        println!("  {what}: {:.1} ms, server peak RSS {rss:.1} MiB", m * 1e3);
        println!(
            "    time ratio / baseline = {ratio:.3} (target <= 1.10): {}; best runs {:.1} / {:.1} ms = {:.3}",
            verdict(ratio <= 1.10),
            best * 1e3,
            best_batched * 1e3,
            best / best_batched
        );
        println!(
            "    peak RSS {rss:.1} MiB (target < 16 MiB): {}",
            verdict(rss < 16.0)
        );
    }

    // 2. A 100 MB file (RM_BENCH_CSV_ONLY=1 skips it, to repeat the CSV runs quickly).
    if std::env::var_os("RM_BENCH_CSV_ONLY").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    let data: Vec<u8> = (0..FILE_SIZE).map(|i| (i % 251) as u8).collect();
    std::fs::write(&path, &data).unwrap();
    drop(data);
    let server = Server::start("file", &[("RM_BENCH_FILE", path.display().to_string())]);
    let ours_url = format!("{}/ours", server.base);
    let sf_url = format!("{}/servefile", server.base);
    for url in [&ours_url, &sf_url] {
        let (_, len, _) = download(&client, url).await; // warm the page cache
        assert_eq!(len, FILE_SIZE);
    }
    let (mut t_ours, mut t_sf) = (Vec::new(), Vec::new());
    for _ in 0..FILE_ROUNDS {
        t_ours.push(download(&client, &ours_url).await.0);
        t_sf.push(download(&client, &sf_url).await.0);
    }
    let mib = FILE_SIZE as f64 / (1024.0 * 1024.0);
    let (tp_ours, tp_sf) = (mib / median(t_ours), mib / median(t_sf));
    println!("file: 100 MiB download, median of {FILE_ROUNDS} runs each");
    println!("  FileResponse + FileLayer: {tp_ours:.0} MiB/s");
    println!("  tower-http ServeFile (baseline): {tp_sf:.0} MiB/s");
    let file_ratio = tp_ours / tp_sf;
    println!(
        "  throughput ratio ours/baseline = {file_ratio:.3} (target >= 0.90): {}",
        verdict(file_ratio >= 0.90)
    );
    std::thread::sleep(Duration::from_millis(10));
}

fn verdict(ok: bool) -> &'static str {
    if ok { "ok" } else { "MISSED" }
}
