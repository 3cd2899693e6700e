//! Uploads as FastAPI reads them (#18): `extract::Multipart<T>` with `UploadFile` fields
//! (FastAPI's `UploadFile = File()` and `Form()` parameters) and axum's own `Multipart`, on
//! the wire (the file's name, content type and bytes reach the handler; Pydantic's 422 for
//! a missing or wrong field; Starlette's reading of a body that is not multipart; 400 and
//! 413 in JSON, never axum's `text/plain`) and in the document (`multipart/form-data`,
//! files as binary strings: `contentMediaType` in 3.1, `format: binary` in 3.0; both
//! renderings valid against the official schemas).

use axum::Router;
use axum::body::Body;
use axum::extract::multipart::MultipartError;
use http::header::CONTENT_TYPE;
use http::{Request, StatusCode};
use response_model::Model;
use response_model::extract::{Multipart, UploadFile};
use response_model::routing::{ApiRouter, OpenApiVersion, post};
use serde_json::{Value, json};

use crate::common::{BOUNDARY, Part, Reply, multipart_body, multipart_req, send, serve};
use crate::openapi::{assert_valid, oas_schema};

/// FastAPI's `file: UploadFile = File(...)`, `note: str | None = Form(None)`.
#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Upload {
    file: UploadFile,
    note: Option<String>,
}

/// Several files of one name, an optional file, and typed text fields.
#[derive(serde::Deserialize, schemars::JsonSchema)]
struct Album {
    photos: Vec<UploadFile>,
    cover: Option<UploadFile>,
    year: u16,
    tags: Vec<String>,
}

fn info(file: &UploadFile) -> Value {
    json!({
        "filename": file.filename(),
        "content_type": file.content_type(),
        "size": file.size(),
        "text": String::from_utf8_lossy(file.bytes()),
    })
}

async fn upload(Multipart(form): Multipart<Upload>) -> Model<Value> {
    Model(json!({"file": info(&form.file), "note": form.note}))
}

async fn album(Multipart(form): Multipart<Album>) -> Model<Value> {
    Model(json!({
        "photos": form.photos.iter().map(info).collect::<Vec<_>>(),
        "cover": form.cover.as_ref().map(info),
        "year": form.year,
        "tags": form.tags,
    }))
}

/// axum's `Multipart`, read part by part.
async fn raw(mut form: axum::extract::Multipart) -> Result<String, MultipartError> {
    let mut names = Vec::new();
    while let Some(field) = form.next_field().await? {
        let name = field.name().unwrap_or_default().to_owned();
        let len = field.bytes().await?.len();
        names.push(format!("{name}:{len}"));
    }
    Ok(names.join(","))
}

fn api() -> ApiRouter {
    ApiRouter::new()
        .route("/upload", post(upload))
        .route("/album", post(album))
        .route("/raw", post(raw))
}

fn app() -> Router {
    api().into_router()
}

/// `POST uri` with `body`, sent as `content_type` (none if `None`).
async fn post_body(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Reply {
    let mut req = Request::post(uri);
    if let Some(ct) = content_type {
        req = req.header(CONTENT_TYPE, ct);
    }
    send(&app(), req.body(body.into()).unwrap()).await
}

/// `POST uri` with the multipart body of `parts`.
async fn post_parts(uri: &str, parts: &[Part<'_>]) -> Reply {
    send(&app(), multipart_req(uri, parts)).await
}

fn missing(field: &str) -> Value {
    json!({"type": "missing", "loc": ["body", field], "msg": "Field required", "input": null})
}

/// Checks `r`'s body against the response the document promises for its status.
fn assert_documented(path: &str, r: &Reply) {
    let doc = api().openapi();
    let documented = &doc["paths"][path]["post"]["responses"][r.status.as_str()];
    let mut schema = documented["content"]["application/json"]["schema"].clone();
    assert!(
        schema.is_object(),
        "{path} {}: no JSON body documented",
        r.status
    );
    schema["components"] = doc["components"].clone();
    assert_valid(&schema, &r.json(), &format!("the {} body", r.status));
}

// ---- the wire ----------------------------------------------------------------------------

#[tokio::test]
async fn the_files_name_content_type_and_bytes_reach_the_handler() {
    let r = post_parts(
        "/upload",
        &[
            ("note", None, None, b"minutes"),
            (
                "file",
                Some("notes.txt"),
                Some("text/plain"),
                b"hello, world",
            ),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "file": {"filename": "notes.txt", "content_type": "text/plain", "size": 12, "text": "hello, world"},
            "note": "minutes",
        })
    );
    // Binary content is kept byte for byte, and a part without a content type has none.
    let bytes: Vec<u8> = (0..=255).collect();
    let r = post_parts("/upload", &[("file", Some("all.bin"), None, &bytes)]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["file"]["size"], 256);
    assert_eq!(r.json()["file"]["content_type"], Value::Null);
    assert_eq!(r.json()["note"], Value::Null);
}

#[tokio::test]
async fn a_real_client_uploads_over_a_socket() {
    let base = serve(app()).await;
    let form = reqwest::multipart::Form::new()
        .part(
            "file",
            reqwest::multipart::Part::bytes(b"\x89PNG\r\n".to_vec())
                .file_name("logo.png")
                .mime_str("image/png")
                .unwrap(),
        )
        .text("note", "the logo");
    let res = reqwest::Client::new()
        .post(format!("{base}/upload"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["file"]["filename"], "logo.png");
    assert_eq!(body["file"]["content_type"], "image/png");
    assert_eq!(body["file"]["size"], 6);
    assert_eq!(body["note"], "the logo");
}

#[tokio::test]
async fn lists_of_files_optional_files_and_typed_fields() {
    let r = post_parts(
        "/album",
        &[
            ("photos", Some("a.jpg"), Some("image/jpeg"), b"aa"),
            ("tags", None, None, b"sea"),
            ("photos", Some("b.jpg"), Some("image/jpeg"), b"bbb"),
            ("year", None, None, b" 2024 "),
            ("tags", None, None, b"sun"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let body = r.json();
    assert_eq!(body["photos"][0]["filename"], "a.jpg");
    assert_eq!(body["photos"][1]["filename"], "b.jpg");
    assert_eq!(body["photos"][1]["size"], 3);
    assert_eq!(body["cover"], Value::Null);
    assert_eq!(body["year"], 2024);
    assert_eq!(body["tags"], json!(["sea", "sun"]));
    // One photo is a list of one; a cover is read when sent.
    let r = post_parts(
        "/album",
        &[
            ("photos", Some("a.jpg"), None, b"aa"),
            ("cover", Some("c.jpg"), None, b"c"),
            ("year", None, None, b"1999"),
            ("tags", None, None, b"x"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    assert_eq!(r.json()["photos"].as_array().unwrap().len(), 1);
    assert_eq!(r.json()["cover"]["filename"], "c.jpg");
}

#[tokio::test]
async fn a_missing_file_is_pydantics_422() {
    let r = post_parts("/upload", &[("note", None, None, b"no file")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(r.json(), json!({"detail": [missing("file")]}));
    assert_documented("/upload", &r);
}

#[tokio::test]
async fn every_field_is_reported_in_declared_order() {
    let r = post_parts(
        "/album",
        &[
            ("year", None, None, b"soon"),
            ("cover", None, None, b"not a file"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let detail = r.json()["detail"].clone();
    let kinds: Vec<(&str, &Value)> = detail
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["type"].as_str().unwrap(), &d["loc"]))
        .collect();
    assert_eq!(
        kinds,
        [
            ("missing", &json!(["body", "photos"])),
            ("value_error", &json!(["body", "cover"])),
            ("int_parsing", &json!(["body", "year"])),
            ("missing", &json!(["body", "tags"])),
        ],
        "{detail}"
    );
    // FastAPI's words for a text field where a file is expected, and the client's value.
    assert_eq!(
        detail[1]["msg"],
        "Value error, Expected UploadFile, received: <class 'str'>"
    );
    assert_eq!(detail[1]["input"], "not a file");
    assert_eq!(detail[2]["input"], "soon");
    assert_documented("/album", &r);
}

#[tokio::test]
async fn an_item_of_a_list_is_located_by_its_index() {
    let r = post_parts(
        "/album",
        &[
            ("photos", Some("a.jpg"), None, b"a"),
            ("photos", None, None, b"not a file"),
            ("year", None, None, b"2024"),
            ("tags", None, None, b"x"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let detail = &r.json()["detail"][0];
    assert_eq!(detail["loc"], json!(["body", "photos", 1]));
    assert_eq!(detail["input"], "not a file");
}

#[tokio::test]
async fn an_empty_text_field_is_missing_and_the_last_value_wins() {
    let r = post_parts(
        "/upload",
        &[
            ("file", Some("a.txt"), None, b"a"),
            ("note", None, None, b"first"),
            ("note", None, None, b"last"),
        ],
    )
    .await;
    assert_eq!(r.json()["note"], "last");
    let r = post_parts(
        "/album",
        &[
            ("photos", Some("a.jpg"), None, b"a"),
            ("year", None, None, b""),
            ("tags", None, None, b"x"),
        ],
    )
    .await;
    assert_eq!(r.json(), json!({"detail": [missing("year")]}));
}

#[tokio::test]
async fn a_body_that_is_not_multipart_is_read_as_starlette_reads_it() {
    // JSON: no form at all, so every required field is missing (422, never 415).
    let r = post_body("/upload", Some("application/json"), r#"{"note": "x"}"#).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json(), json!({"detail": [missing("file")]}));
    // No content type: the same.
    let r = post_body("/upload", None, "file=x").await;
    assert_eq!(r.json(), json!({"detail": [missing("file")]}));
    // URL-encoded: its text fields are read (as `Form<T>` reads them), and a file field
    // holds text, which is not a file.
    let r = post_body(
        "/upload",
        Some("application/x-www-form-urlencoded"),
        "file=notes.txt&note=hi",
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        r.json(),
        json!({"detail": [{
            "type": "value_error",
            "loc": ["body", "file"],
            "msg": "Value error, Expected UploadFile, received: <class 'str'>",
            "input": "notes.txt",
            "ctx": {"error": "Expected UploadFile, received: <class 'str'>"},
        }]})
    );
    assert_documented("/upload", &r);
}

#[tokio::test]
async fn a_body_that_cannot_be_parsed_is_a_400_in_json() {
    // Starlette's words for a multipart content type without a boundary.
    let r = post_body("/upload", Some("multipart/form-data"), "--x--").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.content_type(), "application/json");
    assert_eq!(
        r.json()["detail"][0]["msg"],
        "Missing boundary in multipart."
    );
    assert_documented("/upload", &r);
    // A body that ends in the middle of a part: FastAPI's words.
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let cut = format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nab");
    let r = post_body("/upload", Some(&ct), cut).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    assert_eq!(
        r.json()["detail"][0]["msg"],
        "There was an error parsing the body"
    );
    assert_documented("/upload", &r);
    // A part without a name, as Starlette: the body cannot be read as a form.
    let nameless =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--{BOUNDARY}--\r\n");
    let r = post_body("/upload", Some(&ct), nameless).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.text());
    // Starlette's limit of 1000 files (and 1000 other fields) a form.
    let many: Vec<Part<'_>> = (0..1001)
        .map(|_| ("file", Some("f"), None, &b""[..]))
        .collect();
    let r = post_parts("/upload", &many).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        r.json()["detail"][0]["msg"],
        "Too many files. Maximum number of files is 1000."
    );
    let r = post_parts("/upload", &many[..1000]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_413_in_json() {
    let big = vec![b'x'; 2 * 1024 * 1024 + 1];
    let r = post_parts("/upload", &[("file", Some("big.bin"), None, &big)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.content_type(), "application/json");
    assert_documented("/upload", &r);
    // A route that raises the limit takes it.
    let app: Router = ApiRouter::new()
        .route("/upload", post(upload))
        .into_router()
        .layer(axum::extract::DefaultBodyLimit::max(4 * 1024 * 1024));
    let ct = format!("multipart/form-data; boundary={BOUNDARY}");
    let req = Request::post("/upload")
        .header(CONTENT_TYPE, ct)
        .body(Body::from(multipart_body(&[(
            "file",
            Some("big.bin"),
            None,
            &big,
        )])))
        .unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["file"]["size"], big.len());
}

#[tokio::test]
async fn axums_multipart_is_read_by_the_handler() {
    let r = post_parts(
        "/raw",
        &[("a", None, None, b"123"), ("b", Some("b.bin"), None, b"")],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "a:3,b:0");
    // axum's own rejection: the document says text/plain for it.
    let r = post_body("/raw", Some("application/json"), "{}").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.content_type().starts_with("text/plain"),
        "{}",
        r.content_type()
    );
    let doc = api().openapi();
    assert!(doc["paths"]["/raw"]["post"]["responses"]["400"]["content"]["text/plain"].is_object());
}

// ---- the document ------------------------------------------------------------------------

const MULTIPART: &str = "multipart/form-data";
const BINARY_3_1: &str = r#"{"type":"string","contentMediaType":"application/octet-stream"}"#;

fn binary_3_1() -> Value {
    serde_json::from_str(BINARY_3_1).unwrap()
}

#[test]
fn the_document_says_multipart_with_files_as_binary_strings() {
    let doc = api().openapi();
    let body = &doc["paths"]["/upload"]["post"]["requestBody"];
    assert_eq!(body["required"], true);
    assert_eq!(
        body["content"],
        json!({MULTIPART: {"schema": {"$ref": "#/components/schemas/Upload"}}})
    );
    let upload = &doc["components"]["schemas"]["Upload"];
    assert_eq!(upload["required"], json!(["file"]));
    assert_eq!(upload["properties"]["file"], binary_3_1());

    let album = &doc["components"]["schemas"]["Album"];
    // A required list is at least one part: an empty one cannot be sent.
    assert_eq!(
        album["properties"]["photos"],
        json!({"type": "array", "items": binary_3_1(), "minItems": 1})
    );
    assert_eq!(
        album["properties"]["tags"],
        json!({"type": "array", "items": {"type": "string"}, "minItems": 1})
    );
    let cover = &album["properties"]["cover"];
    assert_eq!(cover["contentMediaType"], "application/octet-stream");
    assert_eq!(cover["type"], json!(["string", "null"]));
    assert_eq!(album["required"], json!(["photos", "year", "tags"]));

    for path in ["/upload", "/album"] {
        let responses = &doc["paths"][path]["post"]["responses"];
        assert_eq!(
            responses["422"]["description"], "Validation Error",
            "{path}"
        );
        for status in ["400", "413", "422"] {
            assert_eq!(
                responses[status]["content"]["application/json"]["schema"]["$ref"],
                "#/components/schemas/HTTPValidationError",
                "{path} {status}"
            );
        }
        // Never 415: a wrong content type is a form without fields.
        assert!(responses.get("415").is_none(), "{path}");
    }

    // axum's Multipart: an object whose parts the handler reads.
    let raw = &doc["paths"]["/raw"]["post"];
    assert_eq!(raw["requestBody"]["required"], true);
    assert_eq!(
        raw["requestBody"]["content"][MULTIPART]["schema"],
        json!({"type": "object"})
    );
    for status in ["400", "413", "500"] {
        assert!(
            raw["responses"][status]["content"]["text/plain"].is_object(),
            "/raw {status}"
        );
    }
}

#[test]
fn the_3_0_rendering_says_format_binary() {
    let doc = api().openapi_version(OpenApiVersion::V3_0).openapi();
    let schemas = &doc["components"]["schemas"];
    let binary = json!({"type": "string", "format": "binary"});
    assert_eq!(schemas["Upload"]["properties"]["file"], binary);
    assert_eq!(
        schemas["Album"]["properties"]["photos"],
        json!({"type": "array", "items": binary, "minItems": 1})
    );
    assert_eq!(
        schemas["Album"]["properties"]["cover"],
        json!({"type": "string", "format": "binary", "nullable": true})
    );
    assert!(!doc.to_string().contains("contentMediaType"));
}

#[test]
fn both_renderings_are_valid() {
    for (version, name) in [(OpenApiVersion::V3_1, "3.1"), (OpenApiVersion::V3_0, "3.0")] {
        let doc = api().openapi_version(version).openapi();
        assert_valid(&oas_schema(name), &doc, &format!("the {name} document"));
        assert!(
            doc["paths"]["/upload"]["post"]["requestBody"]["content"][MULTIPART].is_object(),
            "{name}"
        );
    }
}
