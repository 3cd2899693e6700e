//! File, streaming and SSE endpoints of course section 6.2 (6.2.5 FileResponse and
//! 6.2.7 StreamingResponse), at the course's paths; the `response_classes` example serves
//! them beside the other classes.
//!
//! The files served ship in `examples/assets/` and are found from `CARGO_MANIFEST_DIR`, so
//! the example works from any working directory.

use std::convert::Infallible;
use std::fmt;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::Router;
use axum::extract::{Path, Query};
use futures_util::{Stream, stream};
use response_model::responses::Attachment;
use response_model::responses::PlainText;
use response_model::responses::StreamingResponse;
use response_model::responses::WithStatus;
use response_model::responses::media::{ApplicationPdf, ImagePng, TextCsv, TextPlain};
use response_model::responses::{BackgroundTask, FileDir, FileDirError, FileLayer, FileResponse};
use response_model::responses::{Event, KeepAliveStream, Sse, event_stream};
use response_model::routing::{ApiRouter, get};

/// The routes, documented from the handlers' types, with the [`FileLayer`] that gives
/// file responses ranges and conditional requests.
pub fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/download/report", get(download_report))
        .route("/export/{user_id}", get(export_user_data))
        .route("/avatar/{user_id}", get(get_avatar))
        .route("/export/large-csv", get(stream_large_csv))
        .route("/events", get(sse_events))
        .route("/ai/stream", get(ai_stream))
        .layer(FileLayer::new())
}

/// The app with `/openapi.json`, `/docs` and `/redoc`.
pub fn app() -> Router {
    api().with_docs().into_router()
}

/// `examples/assets/<relative>`: the files these routes serve.
pub fn asset(relative: &str) -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets")
        .join(relative)
}

// --- 6.2.5 FileResponse ---------------------------------------------------------------

/// `return FileResponse(path=path, filename="report.pdf", media_type="application/pdf")`
async fn download_report() -> FileResponse<ApplicationPdf> {
    FileResponse::new(asset("reports/monthly_report.pdf"))
        .filename("report.pdf")
        .media::<ApplicationPdf>()
}

/// Distinguishes concurrent exports of one user (the course's fixed
/// `/tmp/export_{user_id}.csv` would let one request delete another's file).
static EXPORTS: AtomicU64 = AtomicU64::new(0);

/// The generated file's path: `<tmp>/export_<user_id>_<pid>_<n>.csv`.
fn export_path(user_id: i64) -> PathBuf {
    let n = EXPORTS.fetch_add(1, Ordering::Relaxed);
    std::env::temp_dir().join(format!("export_{user_id}_{}_{n}.csv", std::process::id()))
}

/// Generates the file, serves it, and deletes it once the body is sent
/// (the course's `background=None  # optionally clean up with BackgroundTask`). A file that
/// cannot be written is Starlette's bare 500, as the document of `FileResponse` says.
async fn export_user_data(
    Path(user_id): Path<i64>,
) -> Result<FileResponse<TextCsv>, WithStatus<500, PlainText<&'static str>>> {
    let path = export_path(user_id);
    if let Err(err) = tokio::fs::write(&path, format!("id,user_id\n1,{user_id}")).await {
        tracing::error!(error = %err, "could not write the export");
        return Err(WithStatus(PlainText("Internal Server Error")));
    }
    let cleanup = path.clone();
    Ok(FileResponse::new(path)
        .filename(format!("user_{user_id}_export.csv"))
        .media::<TextCsv>()
        .background(BackgroundTask::new(async move {
            if let Err(err) = tokio::fs::remove_file(&cleanup).await {
                tracing::warn!(error = %err, "could not delete the export");
            }
        })))
}

/// `avatars/{user_id}.png`, else `avatars/default.png`. The name comes from the client,
/// so it goes through [`FileDir`]: `/avatar/..%2F..%2Fsecret` is refused with a 404.
async fn get_avatar(Path(user_id): Path<String>) -> Result<FileResponse<ImagePng>, FileDirError> {
    let avatars = FileDir::new(asset("avatars"));
    match avatars.file(&format!("{user_id}.png")).await {
        Ok(file) => Ok(file.media::<ImagePng>()),
        Err(FileDirError::NotFound) => {
            Ok(FileResponse::new(asset("avatars/default.png")).media::<ImagePng>())
        }
        Err(refused) => Err(refused),
    }
}

// --- 6.2.7 StreamingResponse ----------------------------------------------------------

/// An `f64` written as Python's `repr` writes it (`3.0`, `1e+16`, `1.5e-07`, `inf`,
/// `nan`), which is what the course's f-string `{i * 1.5}` puts in the CSV.
#[derive(Clone, Copy, Debug)]
pub struct PyFloat(pub f64);

impl fmt::Display for PyFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("nan");
        }
        if x.is_infinite() {
            return f.write_str(if x > 0.0 { "inf" } else { "-inf" });
        }
        // Rust's `Debug` and Python's `repr` both print the shortest digits that round-trip
        // and switch to scientific notation outside 1e-4 <= |x| < 1e16; only the exponent
        // is spelled differently (`1e16` / `1e+16`, `1e-5` / `1e-05`).
        let abs = x.abs();
        if abs == 0.0 || (1e-4..1e16).contains(&abs) {
            return write!(f, "{x:?}");
        }
        let sci = format!("{x:e}");
        let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
        let (sign, digits) = match exponent.strip_prefix('-') {
            Some(digits) => ('-', digits),
            None => ('+', exponent),
        };
        write!(f, "{mantissa}e{sign}{digits:0>2}")
    }
}

/// The course's `def generate_csv()`: a header, then one row per `writeln!` where Python
/// has `yield f"{i},User{i},{i * 1.5}\n"`. Written against any `io::Write`, so tests can
/// run it into a `Vec`; the route runs it into the response.
pub fn write_csv(out: &mut impl Write, rows: u32) -> io::Result<()> {
    writeln!(out, "id,name,score")?;
    for i in 1..=rows {
        writeln!(out, "{i},User{i},{}", PyFloat(f64::from(i) * 1.5))?;
    }
    Ok(())
}

/// 1,000,000 rows from a blocking generator, one row per item, on the blocking pool; the
/// generator stops at its next row if the client leaves.
async fn stream_large_csv() -> (Attachment, StreamingResponse<TextCsv>) {
    (
        Attachment::new("data.csv"),
        StreamingResponse::blocking_writer(|out| write_csv(out, 1_000_000)).media::<TextCsv>(),
    )
}

/// `data: Event {i}` ten times, one second apart.
fn event_generator() -> impl Stream<Item = Result<Event, Infallible>> + Send + 'static {
    stream::unfold(0u32, |i| async move {
        if i >= 10 {
            return None;
        }
        if i > 0 {
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        Some((Ok(Event::default().data(format!("Event {i}"))), i + 1))
    })
}

async fn sse_events() -> Sse<KeepAliveStream<impl Stream<Item = Result<Event, Infallible>>>> {
    event_stream(event_generator())
}

#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Prompt {
    #[serde(default = "hello")]
    prompt: String,
}

fn hello() -> String {
    "hello".to_owned()
}

/// The course's `stream_llm_tokens`: one word (and a space) every 100 ms.
fn stream_llm_tokens(prompt: &str) -> impl Stream<Item = String> + Send + 'static {
    let words: Vec<String> = format!("This is a streamed response for: {prompt}")
        .split_whitespace()
        .map(|word| format!("{word} "))
        .collect();
    stream::unfold((words.into_iter(), true), |(mut words, first)| async move {
        let word = words.next()?;
        if !first {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Some((word, (words, false)))
    })
}

async fn ai_stream(Query(Prompt { prompt }): Query<Prompt>) -> StreamingResponse<TextPlain> {
    StreamingResponse::new(stream_llm_tokens(&prompt)).media::<TextPlain>()
}
