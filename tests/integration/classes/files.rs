//! FileResponse, FileLayer and FileDir: headers and bodies through `oneshot`, ranges,
//! conditionals, HEAD, traversal and missing files over a real socket.

use std::path::{Path, PathBuf};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::response::{AppendHeaders, IntoResponse};
use axum::routing::get;
use http::{Request, StatusCode, header};
use response_model::responses::media::{ImageWebp, TextCsv};
use response_model::responses::{BackgroundTask, FileDir, FileDirError, FileLayer, FileResponse};

use crate::common::{client, get_req, reply, send, serve, wait_until};
use crate::examples::files_streams;

/// 2000 bytes, each `i % 251`, so any slice is recognisable.
fn content() -> Vec<u8> {
    (0..2000u32).map(|i| (i % 251) as u8).collect()
}

fn data_file() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data.bin");
    std::fs::write(&path, content()).unwrap();
    (dir, path)
}

fn file_app(path: PathBuf) -> Router {
    Router::new()
        .route(
            "/file",
            get(move || {
                let path = path.clone();
                async move { FileResponse::new(path) }
            }),
        )
        .layer(FileLayer::new())
}

// --- headers and bodies (oneshot) -----------------------------------------------------

#[tokio::test]
async fn report_download_has_course_headers_and_the_whole_pdf() {
    let pdf = std::fs::read(files_streams::asset("reports/monthly_report.pdf")).unwrap();
    let r = send(&files_streams::app(), get_req("/download/report")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(
        r.headers[header::CONTENT_DISPOSITION],
        r#"attachment; filename="report.pdf""#
    );
    assert_eq!(r.headers[header::ACCEPT_RANGES], "bytes");
    assert_eq!(
        r.headers[header::CONTENT_LENGTH],
        pdf.len().to_string().as_str()
    );
    assert!(r.headers[header::ETAG].to_str().unwrap().starts_with('"'));
    let modified = r.headers[header::LAST_MODIFIED].to_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc2822(modified).is_ok(),
        "{modified}"
    );
    assert_eq!(r.body, pdf);
    assert!(r.body.starts_with(b"%PDF-1.4"));
}

#[tokio::test]
async fn non_ascii_filename_gets_ascii_fallback_and_utf8_filename_star() {
    let (_dir, path) = data_file();
    let app = Router::new().route(
        "/cv",
        get(move || {
            let path = path.clone();
            async move { FileResponse::new(path).filename("résumé.pdf") }
        }),
    );
    let r = send(&app, get_req("/cv")).await;
    assert_eq!(
        r.headers[header::CONTENT_DISPOSITION],
        r#"attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf"#
    );
    // The MIME type follows the client-visible name.
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/pdf");
}

#[tokio::test]
async fn quotes_in_filenames_cannot_break_the_header() {
    let (_dir, path) = data_file();
    let res = FileResponse::new(path)
        .filename("a\"b\r\n.txt")
        .inline()
        .into_response();
    // A quote is percent-encoded in `filename*`; control characters are no part of a
    // name a client should save (RFC 6266 4.3): `_` in both forms.
    assert_eq!(
        res.headers()[header::CONTENT_DISPOSITION],
        "inline; filename=\"a_b__.txt\"; filename*=UTF-8''a%22b__.txt"
    );
}

#[tokio::test]
async fn mime_is_guessed_from_the_extension_or_set_explicitly() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.png", "a.csv", "a.unknownext"] {
        std::fs::write(dir.path().join(name), b"x").unwrap();
    }
    let ct = |res: axum::response::Response| res.headers()[header::CONTENT_TYPE].clone();
    assert_eq!(
        ct(FileResponse::new(dir.path().join("a.png")).into_response()),
        "image/png"
    );
    assert_eq!(
        ct(FileResponse::new(dir.path().join("a.csv")).into_response()),
        "text/csv; charset=utf-8"
    );
    assert_eq!(
        ct(FileResponse::new(dir.path().join("a.unknownext")).into_response()),
        "application/octet-stream"
    );
    assert_eq!(
        ct(FileResponse::new(dir.path().join("a.png"))
            .media_type("image/webp")
            .into_response()),
        "image/webp"
    );
    // A typed media type wins over the extension and is what the document lists.
    let typed = FileResponse::new(dir.path().join("a.png")).media::<ImageWebp>();
    assert_eq!(ct(typed.into_response()), "image/webp");
    assert_eq!(
        ct(FileResponse::new(dir.path().join("a.unknownext"))
            .media::<TextCsv>()
            .into_response()),
        "text/csv; charset=utf-8"
    );
}

#[test]
fn a_typed_media_type_is_documented_for_200_and_206() {
    use response_model::openapi::{ApiResponse, DocContext, Responses};
    fn media<R: ApiResponse>(status: StatusCode) -> Vec<String> {
        let r: Responses = R::responses(&mut DocContext::new("/"));
        let doc = r.get(status).unwrap();
        doc.media_types().map(str::to_owned).collect()
    }
    assert_eq!(
        media::<FileResponse<ImageWebp>>(StatusCode::OK),
        ["image/webp"]
    );
    assert_eq!(
        media::<FileResponse<ImageWebp>>(StatusCode::PARTIAL_CONTENT),
        ["image/webp", "multipart/byteranges"]
    );
    assert_eq!(media::<FileResponse>(StatusCode::OK), ["*/*"]);
    let text = <FileResponse<TextCsv> as ApiResponse>::responses(&mut DocContext::new("/"));
    let schema = text.get(StatusCode::OK).unwrap().media("text/csv").unwrap();
    assert_eq!(schema.body_schema().unwrap().value()["type"], "string");
}

#[tokio::test]
async fn without_the_layer_a_full_200_is_served_and_range_is_ignored() {
    let (_dir, path) = data_file();
    let app = Router::new().route(
        "/file",
        get(move || {
            let path = path.clone();
            async move { FileResponse::new(path) }
        }),
    );
    let req = Request::get("/file")
        .header(header::RANGE, "bytes=0-9")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.get(header::ACCEPT_RANGES).is_none());
    assert!(r.headers.get(header::ETAG).is_some());
    assert_eq!(r.headers[header::CONTENT_LENGTH], "2000");
    assert_eq!(r.body, content());
}

#[tokio::test]
async fn missing_files_and_directories_are_404_with_and_without_the_layer() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.pdf");
    let directory = dir.path().to_path_buf();
    for target in [missing, directory] {
        let plain = FileResponse::new(&target).into_response();
        assert_eq!(plain.status(), StatusCode::NOT_FOUND);
        let r = send(&file_app(target.clone()), get_req("/file")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
        assert_eq!(r.headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(r.body, &br#"{"detail":"Not Found"}"#[..]);
    }
}

#[tokio::test]
async fn headers_and_status_around_the_file_are_kept_by_the_layer() {
    let (_dir, path) = data_file();
    let app = Router::new()
        .route(
            "/file",
            get(move || {
                let path = path.clone();
                async move {
                    (
                        [(header::CACHE_CONTROL, "max-age=60")],
                        [("x-file", "1")],
                        AppendHeaders([(header::SET_COOKIE, "a=1"), (header::SET_COOKIE, "b=2")]),
                        FileResponse::new(path),
                    )
                }
            }),
        )
        .layer(FileLayer::new());
    let r = send(&app, get_req("/file")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers[header::CACHE_CONTROL], "max-age=60");
    assert_eq!(r.headers["x-file"], "1");
    let cookies: Vec<_> = r.headers.get_all(header::SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    assert_eq!(r.body.len(), 2000);
    let req = Request::get("/file")
        .header(header::RANGE, "bytes=0-1")
        .body(Body::empty())
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.headers[header::CACHE_CONTROL], "max-age=60");
    assert_eq!(r.body[..], [0, 1]);
}

#[tokio::test]
async fn an_invalid_header_is_a_bare_500() {
    let (_dir, path) = data_file();
    let res = ([("x-bad", "line\nbreak")], FileResponse::new(path)).into_response();
    assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = reply(res).await.body;
    // axum's answer to a header that is not HTTP: the reason, never the file.
    assert!(!body.is_empty() && body.len() < 200, "{body:?}");
}

// --- ranges over a socket ---------------------------------------------------------------

async fn range(base: &str, value: &str) -> reqwest::Response {
    client()
        .get(format!("{base}/file"))
        .header("range", value)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn single_open_and_suffix_ranges_are_206() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    let all = content();
    for (value, start, end) in [
        ("bytes=0-9", 0usize, 9usize),
        ("bytes=1000-", 1000, 1999),
        ("bytes=-10", 1990, 1999),
        ("bytes=1990-5000", 1990, 1999),
        ("bytes=-5000", 0, 1999),
    ] {
        let res = range(&base, value).await;
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT, "{value}");
        assert_eq!(
            res.headers()["content-range"],
            format!("bytes {start}-{end}/2000").as_str(),
            "{value}"
        );
        assert_eq!(
            res.headers()["content-length"],
            (end - start + 1).to_string().as_str()
        );
        assert_eq!(res.headers()["accept-ranges"], "bytes");
        assert_eq!(
            &res.bytes().await.unwrap()[..],
            &all[start..=end],
            "{value}"
        );
    }
}

#[tokio::test]
async fn several_ranges_are_multipart_byteranges() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    let all = content();
    let res = range(&base, "bytes=0-4,10-14, 1995-").await;
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    let boundary = content_type
        .strip_prefix("multipart/byteranges; boundary=")
        .expect("multipart content type")
        .to_owned();
    let length: usize = res.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let body = res.bytes().await.unwrap().to_vec();
    assert_eq!(body.len(), length);

    let mut expected = Vec::new();
    for (i, (start, end)) in [(0usize, 4usize), (10, 14), (1995, 1999)]
        .into_iter()
        .enumerate()
    {
        if i > 0 {
            expected.extend_from_slice(b"\r\n");
        }
        expected.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {start}-{end}/2000\r\n\r\n"
            )
            .as_bytes(),
        );
        expected.extend_from_slice(&all[start..=end]);
    }
    expected.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    assert_eq!(body, expected);
}

#[tokio::test]
async fn unsatisfiable_ranges_are_416_with_the_size() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    for value in ["bytes=2000-", "bytes=5000-6000", "bytes=2000-2001,3000-"] {
        let res = range(&base, value).await;
        assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE, "{value}");
        assert_eq!(res.headers()["content-range"], "bytes */2000");
        assert!(res.bytes().await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn malformed_overlapping_or_foreign_ranges_are_ignored_with_a_full_200() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    for value in [
        "bytes=abc",
        "bytes=9-0",
        "items=0-5",
        "bytes=",
        "bytes=--5",
        "bytes=0-10,5-20",
        "bytes=0-0,2-2,4-4,6-6,8-8,10-10,12-12,14-14,16-16,18-18,20-20,22-22,24-24,26-26,28-28,30-30,32-32",
    ] {
        let res = range(&base, value).await;
        assert_eq!(res.status(), StatusCode::OK, "{value}");
        assert!(res.headers().get("content-range").is_none());
        assert_eq!(res.bytes().await.unwrap().to_vec(), content(), "{value}");
    }
}

// --- conditionals over a socket -----------------------------------------------------------

#[tokio::test]
async fn etag_and_last_modified_answer_304_and_if_range_and_412() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    let url = format!("{base}/file");
    let first = client().get(&url).send().await.unwrap();
    let etag = first.headers()["etag"].to_str().unwrap().to_owned();
    let modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();

    let send = |headers: Vec<(&'static str, String)>| {
        let mut req = client().get(&url);
        for (name, value) in headers {
            req = req.header(name, value);
        }
        req.send()
    };

    for inm in [
        etag.clone(),
        format!("W/{etag}"),
        format!("\"other\", {etag}"),
        "*".into(),
    ] {
        let res = send(vec![("if-none-match", inm.clone())]).await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{inm}");
        assert_eq!(res.headers()["etag"], etag.as_str());
        assert!(res.bytes().await.unwrap().is_empty());
    }
    let res = send(vec![("if-none-match", "\"other\"".into())])
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    let res = send(vec![("if-modified-since", modified.clone())])
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    let res = send(vec![(
        "if-modified-since",
        "Thu, 01 Jan 1998 00:00:00 GMT".into(),
    )])
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    // If-None-Match wins over If-Modified-Since (RFC 9110 section 13.2.2).
    let res = send(vec![
        ("if-none-match", "\"other\"".into()),
        ("if-modified-since", modified.clone()),
    ])
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // If-Range: the range only while the validator still matches.
    let ranged =
        |if_range: String| send(vec![("range", "bytes=0-9".into()), ("if-range", if_range)]);
    let res = ranged(etag.clone()).await.unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap().len(), 10);
    let res = ranged(modified.clone()).await.unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    for stale in [
        "\"stale\"".to_owned(),
        format!("W/{etag}"),
        "Thu, 01 Jan 1998 00:00:00 GMT".into(),
    ] {
        let res = ranged(stale.clone()).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "{stale}");
        assert_eq!(res.bytes().await.unwrap().len(), 2000);
    }

    let res = send(vec![("if-match", "\"stale\"".into())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
    let res = send(vec![("if-match", etag.clone())]).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let res = send(vec![(
        "if-unmodified-since",
        "Thu, 01 Jan 1998 00:00:00 GMT".into(),
    )])
    .await
    .unwrap();
    assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
}

#[tokio::test]
async fn head_sends_the_get_headers_without_a_body() {
    let (_dir, path) = data_file();
    let base = serve(file_app(path)).await;
    let url = format!("{base}/file");
    let res = client().head(&url).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-length"], "2000");
    assert_eq!(res.headers()["accept-ranges"], "bytes");
    assert!(res.headers().get("etag").is_some());
    assert!(res.bytes().await.unwrap().is_empty());

    let res = client()
        .head(&url)
        .header("range", "bytes=-10")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.headers()["content-length"], "10");
    assert_eq!(res.headers()["content-range"], "bytes 1990-1999/2000");
    assert!(res.bytes().await.unwrap().is_empty());

    let res = client()
        .head(&url)
        .header("range", "bytes=0-1,5-6")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert!(res.bytes().await.unwrap().is_empty());
}

// --- background task ----------------------------------------------------------------------

fn exports_of(user_id: i64) -> Vec<PathBuf> {
    let prefix = format!("export_{user_id}_{}_", std::process::id());
    std::fs::read_dir(std::env::temp_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect()
}

#[tokio::test]
async fn export_is_served_then_deleted_by_the_background_task() {
    let base = serve(files_streams::app()).await;
    let user_id = 918_273_645;
    let mut res = client()
        .get(format!("{base}/export/{user_id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        res.headers()["content-disposition"],
        format!(r#"attachment; filename="user_{user_id}_export.csv""#).as_str()
    );
    // The file exists while the response is in flight... (the body is 29 bytes: one chunk)
    let chunk = res.chunk().await.unwrap().unwrap();
    assert_eq!(&chunk[..], format!("id,user_id\n1,{user_id}").as_bytes());
    assert!(res.chunk().await.unwrap().is_none());
    // ...and is gone once the body is over.
    wait_until("the export to be deleted", Duration::from_secs(5), || {
        exports_of(user_id).is_empty()
    })
    .await;
}

#[tokio::test]
async fn background_task_runs_even_when_there_is_no_body() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.csv");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let tx = std::sync::Arc::new(std::sync::Mutex::new(Some(tx)));
    let app = Router::new()
        .route(
            "/file",
            get(move || {
                let tx = tx.lock().unwrap().take();
                let missing = missing.clone();
                async move {
                    FileResponse::new(missing).background(BackgroundTask::new(async move {
                        if let Some(tx) = tx {
                            let _ = tx.send(());
                        }
                    }))
                }
            }),
        )
        .layer(FileLayer::new());
    let r = send(&app, get_req("/file")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    tokio::time::timeout(Duration::from_secs(5), rx)
        .await
        .expect("the task ran")
        .unwrap();
}

// --- avatars, FileDir and traversal -------------------------------------------------------

#[tokio::test]
async fn avatar_falls_back_to_the_default_png() {
    let png = std::fs::read(files_streams::asset("avatars/default.png")).unwrap();
    let base = serve(files_streams::app()).await;
    for id in ["42", "default"] {
        let res = client()
            .get(format!("{base}/avatar/{id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["content-type"], "image/png");
        assert_eq!(res.bytes().await.unwrap().to_vec(), png);
    }
}

#[tokio::test]
async fn traversal_attempts_are_404_and_leak_no_path() {
    let base = serve(files_streams::app()).await;
    for attempt in [
        "..%2Freports%2Fmonthly_report",
        "..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "%2e%2e%2freports%2fmonthly_report",
        "%252e%252e%252freports%252fmonthly_report",
        "%2Fetc%2Fpasswd",
        "..%5C..%5Cwindows",
        "a%2F..%2F..%2Freports%2Fmonthly_report",
        "%00",
    ] {
        let res = client()
            .get(format!("{base}/avatar/{attempt}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{attempt}");
        let body = res.text().await.unwrap();
        assert_eq!(body, r#"{"detail":"Not Found"}"#, "{attempt}");
    }
}

#[tokio::test]
async fn file_dir_refuses_every_way_out_and_serves_what_is_inside() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), b"secret").unwrap();
    let base = tempfile::tempdir().unwrap();
    std::fs::create_dir(base.path().join("sub")).unwrap();
    std::fs::write(base.path().join("sub/ok.txt"), b"ok").unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        base.path().join("link.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path(), base.path().join("linkdir")).unwrap();
    std::os::unix::fs::symlink(
        base.path().join("sub/ok.txt"),
        base.path().join("inner.txt"),
    )
    .unwrap();
    let dir = FileDir::new(base.path());

    let refused = [
        "../secret.txt",
        "sub/../../secret.txt",
        "link.txt",
        "linkdir/secret.txt",
        "%2e%2e/secret.txt",
        "..%2fsecret.txt",
        "sub%2f..%2f..%2fsecret.txt",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "sub\\..\\..\\secret.txt",
        "./sub/ok.txt",
        "ok\0.txt",
        "",
        "%ff",
    ];
    for name in refused {
        assert_eq!(
            dir.resolve(name).await,
            Err(FileDirError::Refused),
            "{name:?}"
        );
    }
    assert_eq!(dir.resolve("nope.txt").await, Err(FileDirError::NotFound));
    assert_eq!(dir.resolve("sub").await, Err(FileDirError::NotFound));
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap();
    assert_eq!(
        dir.resolve("sub/ok.txt").await.unwrap(),
        canonical(&base.path().join("sub/ok.txt"))
    );
    // A symlink that stays inside the base is fine.
    assert_eq!(
        dir.resolve("inner.txt").await.unwrap(),
        canonical(&base.path().join("sub/ok.txt"))
    );

    let res = FileDirError::Refused.into_response();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let body = reply(res).await.body;
    assert_eq!(&body[..], br#"{"detail":"Not Found"}"#);
}

// ---- faults: the file changes under the response ---------------------------------------

/// A file deleted once it is open is still sent whole (the open handle keeps it), with
/// and without the layer.
#[tokio::test]
async fn a_file_deleted_after_it_was_opened_is_sent_whole() {
    for layered in [true, false] {
        let (_dir, path) = data_file();
        let app = if layered {
            file_app(path.clone())
        } else {
            let p = path.clone();
            Router::new().route(
                "/file",
                get(move || std::future::ready(FileResponse::new(p.clone()))),
            )
        };
        let res = tower::ServiceExt::oneshot(app, get_req("/file"))
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        std::fs::remove_file(&path).unwrap();
        let body = axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(body.to_vec(), content(), "layered: {layered}");
    }
}

/// A file that shrinks after its `Content-Length` was sent ends the body with an error
/// (the connection is aborted) rather than ending it short; one that grows is cut at the
/// length announced. A range too.
#[tokio::test]
async fn a_file_that_changes_size_under_the_response_never_breaks_its_length() {
    let (_dir, path) = data_file();
    let res = tower::ServiceExt::oneshot(file_app(path.clone()), get_req("/file"))
        .await
        .unwrap();
    assert_eq!(res.headers()[header::CONTENT_LENGTH], "2000");
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(100)
        .unwrap();
    assert!(
        axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .is_err(),
        "a short body ended cleanly"
    );

    let (_dir, path) = data_file();
    let req = Request::get("/file")
        .header(header::RANGE, "bytes=1000-1999")
        .body(Body::empty())
        .unwrap();
    let res = tower::ServiceExt::oneshot(file_app(path.clone()), req)
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1500)
        .unwrap();
    assert!(
        axum::body::to_bytes(res.into_body(), usize::MAX)
            .await
            .is_err()
    );

    let (_dir, path) = data_file();
    let res = tower::ServiceExt::oneshot(file_app(path.clone()), get_req("/file"))
        .await
        .unwrap();
    let mut grown = content();
    grown.extend_from_slice(b"appended later");
    std::fs::write(&path, &grown).unwrap();
    let body = axum::body::to_bytes(res.into_body(), usize::MAX)
        .await
        .unwrap();
    assert_eq!(body.len(), 2000);
}

/// Over a socket, the shrunk file's response is cut off: the client sees an error, not a
/// complete short body.
#[tokio::test]
async fn a_shrunk_file_aborts_the_connection() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.bin");
    std::fs::write(&path, vec![7_u8; 8 * 1024 * 1024]).unwrap();
    let base = serve(file_app(path.clone())).await;
    let res = client().get(format!("{base}/file")).send().await.unwrap();
    assert_eq!(res.content_length(), Some(8 * 1024 * 1024));
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1024)
        .unwrap();
    assert!(
        res.bytes().await.is_err(),
        "the client got a clean short body"
    );
}
