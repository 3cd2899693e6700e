//! `Multipart<T>`: a `multipart/form-data` body read as FastAPI reads `File()` and `Form()`
//! parameters, and [`UploadFile`], the type of its file fields.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;

use axum::extract::multipart::MultipartError;
use axum::extract::{FromRequest, Request};
use bytes::Bytes;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer, StringDeserializer};
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::error::RequestError;
use super::form::{Reading, form_fields, read_every_field};
use crate::lax;

/// Starlette's limits on one form: at most this many files, and this many other fields.
const MAX_FILES: usize = 1000;
const MAX_FIELDS: usize = 1000;

/// FastAPI's answer to a body it cannot parse (`routing.py`: any error reading the form).
const PARSE_ERROR: &str = "There was an error parsing the body";

/// The struct name [`UploadFile`] asks a deserializer for: the multipart reader answers
/// it with the file, a text field with FastAPI's error. Not a name a Rust struct can have.
const UPLOAD_FILE: &str = "$response_model::UploadFile";
const UPLOAD_FILE_FIELDS: &[&str] = &["filename", "content_type", "content"];

/// A file of a `multipart/form-data` body: FastAPI's `UploadFile`, as a field of a
/// [`Multipart<T>`] form.
///
/// A part is a file when its `Content-Disposition` has a `filename` (as Starlette tells
/// them apart); its bytes are in memory, up to the body limit (axum's `DefaultBodyLimit`,
/// 2 MiB unless the route raises it). Documented as a binary string:
/// `{"type": "string", "contentMediaType": "application/octet-stream"}` in OpenAPI 3.1,
/// `{"type": "string", "format": "binary"}` in 3.0, as FastAPI documents it. A list of
/// files is `Vec<UploadFile>`, an optional one `Option<UploadFile>`.
///
/// | FastAPI | here |
/// |---|---|
/// | `file.filename` | [`file.filename()`](Self::filename) |
/// | `file.content_type` | [`file.content_type()`](Self::content_type) |
/// | `file.size` | [`file.size()`](Self::size) |
/// | `await file.read()` | [`file.bytes()`](Self::bytes) |
///
/// ```
/// use response_model::extract::UploadFile;
///
/// let file = UploadFile::new("notes.txt", "hello").with_content_type("text/plain");
/// assert_eq!(file.filename(), "notes.txt");
/// assert_eq!(file.content_type(), Some("text/plain"));
/// assert_eq!(file.size(), 5);
/// assert_eq!(&file.bytes()[..], b"hello");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadFile {
    filename: String,
    content_type: Option<String>,
    bytes: Bytes,
}

impl UploadFile {
    /// A file named `filename` holding `bytes`, without a content type (for a handler's
    /// tests; the extractor makes them from the request).
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// let file = UploadFile::new("a.bin", vec![0u8, 1, 2]);
    /// assert_eq!(file.content_type(), None);
    /// ```
    pub fn new(filename: impl Into<String>, bytes: impl Into<Bytes>) -> Self {
        Self {
            filename: filename.into(),
            content_type: None,
            bytes: bytes.into(),
        }
    }

    /// The same file with the content type its part declared.
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// let file = UploadFile::new("a.png", vec![0x89]).with_content_type("image/png");
    /// assert_eq!(file.content_type(), Some("image/png"));
    /// ```
    #[must_use]
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's name, as the client sent it (`filename` of the part's
    /// `Content-Disposition`; possibly empty). Never use it as a path as it is.
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// assert_eq!(UploadFile::new("report.pdf", "").filename(), "report.pdf");
    /// ```
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// The part's `Content-Type`, if it had one (the client's claim, not checked).
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// assert_eq!(UploadFile::new("a", "").content_type(), None);
    /// ```
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The size of the file in bytes.
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// assert_eq!(UploadFile::new("a", "abc").size(), 3);
    /// ```
    pub fn size(&self) -> usize {
        self.bytes.len()
    }

    /// The file's content.
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// assert_eq!(UploadFile::new("a", "abc").bytes(), "abc");
    /// ```
    pub fn bytes(&self) -> &Bytes {
        &self.bytes
    }

    /// The file's content, taken out.
    ///
    /// ```
    /// # use response_model::extract::UploadFile;
    /// let bytes: bytes::Bytes = UploadFile::new("a", "abc").into_bytes();
    /// assert_eq!(bytes, "abc");
    /// ```
    pub fn into_bytes(self) -> Bytes {
        self.bytes
    }
}

/// A binary string, as FastAPI documents `UploadFile` (3.0's `format: binary` is made
/// from it by the 3.0 rendering). Always inline: it is not a component.
impl JsonSchema for UploadFile {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "UploadFile".into()
    }

    fn schema_id() -> Cow<'static, str> {
        "response_model::UploadFile".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "contentMediaType": "application/octet-stream",
        })
    }
}

/// Read from a part of a [`Multipart<T>`] body that has a `filename`; a text field in its
/// place is FastAPI's `value_error` ("Expected UploadFile, received: <class 'str'>").
impl<'de> Deserialize<'de> for UploadFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct(UPLOAD_FILE, UPLOAD_FILE_FIELDS, FileVisitor)
    }
}

struct FileVisitor;

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum FileKey {
    Filename,
    ContentType,
    Content,
}

impl<'de> Visitor<'de> for FileVisitor {
    type Value = UploadFile;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a file of a multipart/form-data body")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UploadFile, A::Error> {
        let mut file = UploadFile::new(String::new(), Bytes::new());
        while let Some(key) = map.next_key::<FileKey>()? {
            match key {
                FileKey::Filename => file.filename = map.next_value()?,
                FileKey::ContentType => file.content_type = Some(map.next_value()?),
                FileKey::Content => file.bytes = map.next_value::<Content>()?.0,
            }
        }
        Ok(file)
    }
}

/// A file's bytes, moved through serde (`visit_byte_buf`), not copied.
struct Content(Bytes);

impl<'de> Deserialize<'de> for Content {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct BytesVisitor;
        impl Visitor<'_> for BytesVisitor {
            type Value = Content;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("bytes")
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Content, E> {
                Ok(Content(Bytes::from(v)))
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Content, E> {
                Ok(Content(Bytes::copy_from_slice(v)))
            }
        }
        deserializer.deserialize_byte_buf(BytesVisitor)
    }
}

/// A `multipart/form-data` body read into `T`, as FastAPI reads `File()` and `Form()`
/// parameters: each field of `T` is a part of the form, [`UploadFile`] for a file,
/// `Vec<UploadFile>` for several files of one name, any other type for a text field
/// (read as [`Form<T>`](super::Form) reads one). Answers with FastAPI's errors, never
/// axum's `text/plain`.
///
/// | FastAPI | here |
/// |---|---|
/// | `file: UploadFile = File()` | `file: UploadFile` |
/// | `files: list[UploadFile] = File()` | `files: Vec<UploadFile>` |
/// | `file: UploadFile \| None = None` | `file: Option<UploadFile>` |
/// | `note: str = Form()` | `note: String` |
///
/// As FastAPI (Starlette reads a form only from a form content type):
/// - a missing field or file is Pydantic's 422 `missing` at `["body", "<field>"]` (every
///   field's problem at once, in the order `T` declares its fields), a text field where a
///   file is expected a `value_error` ("Expected UploadFile, received: <class 'str'>");
/// - a request that is not `multipart/form-data` has no files: a URL-encoded body's text
///   fields are read (as [`Form<T>`](super::Form) reads them), any other body has no
///   fields, so each required one is `missing` (422, never 415);
/// - an empty text field (`note=""`) is a missing one; a field sent twice is its last
///   value, unless `T` takes a list;
/// - a multipart body without a boundary, or that cannot be parsed, is a 400; a body
///   over the limit (axum's `DefaultBodyLimit`) a 413; at most 1000 files and 1000 other
///   fields (Starlette's limits, 400 beyond).
///
/// Documented as a required `multipart/form-data` request body with `T`'s schema
/// (deserialize contract; the component is named after `T`, where FastAPI writes
/// `Body_<operation id>`) and the 422 `HTTPValidationError`-shaped body.
///
/// ```
/// use response_model::extract::{Multipart, UploadFile};
/// use response_model::routing::{ApiRouter, post};
/// use tower::ServiceExt;
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Upload {
///     file: UploadFile,
///     note: Option<String>,
/// }
///
/// async fn upload(Multipart(form): Multipart<Upload>) -> String {
///     format!("{} ({} bytes)", form.file.filename(), form.file.size())
/// }
///
/// let api = ApiRouter::<()>::new().route("/upload", post(upload));
/// let doc = api.openapi();
/// let body = &doc["paths"]["/upload"]["post"]["requestBody"];
/// assert_eq!(body["required"], true);
/// assert_eq!(
///     body["content"]["multipart/form-data"]["schema"]["$ref"],
///     "#/components/schemas/Upload"
/// );
/// assert_eq!(
///     doc["components"]["schemas"]["Upload"]["properties"]["file"],
///     serde_json::json!({"type": "string", "contentMediaType": "application/octet-stream"})
/// );
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let body = "--X\r\n\
///     Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\
///     Content-Type: text/plain\r\n\r\n\
///     hello\r\n\
///     --X--\r\n";
/// let req = http::Request::post("/upload")
///     .header("content-type", "multipart/form-data; boundary=X")
///     .body(axum::body::Body::from(body))
///     .unwrap();
/// let res = api.into_router().oneshot(req).await.unwrap();
/// assert_eq!(res.status(), 200);
/// let text = axum::body::to_bytes(res.into_body(), 1024).await.unwrap();
/// assert_eq!(text, "a.txt (5 bytes)");
/// # });
/// ```
#[derive(Clone, Debug, Default)]
pub struct Multipart<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Multipart<T> {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let parts = if multipart_content_type(req.headers()) {
            multipart_parts(req, state).await?
        } else {
            // As Starlette's `request.form()`: a URL-encoded body's fields, none of any
            // other body (the same reading as `Form<T>`'s).
            form_fields(req, state)
                .await?
                .into_iter()
                .map(|(k, v)| (k, Part::Text(v)))
                .collect()
        };
        from_parts(&parts).map(Multipart)
    }
}

impl<T: JsonSchema> crate::openapi::ApiInput for Multipart<T> {
    fn document(cx: &mut crate::openapi::DocContext, op: &mut crate::openapi::OperationDoc) {
        super::form::document_form_as::<T>(cx, op, mime::MULTIPART_FORM_DATA.as_ref());
    }
}

/// Starlette reads parts from `multipart/form-data` (its parameters, the boundary first
/// of them, allowed).
fn multipart_content_type(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| m.essence_str() == mime::MULTIPART_FORM_DATA.as_ref())
}

/// One part of a form: a text field, or a file (a part with a `filename`).
enum Part {
    Text(String),
    /// Taken by the reading that uses it, so that the file moves into `T`; a later
    /// reading (which only looks for the next error) sees an empty file.
    File(Cell<Option<UploadFile>>),
}

/// The parts of a `multipart/form-data` body, in order, without the empty text fields
/// (FastAPI's `Form()` reads `""` as absent).
async fn multipart_parts<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<Vec<(String, Part)>, RequestError> {
    let mut multipart = axum::extract::Multipart::from_request(req, state)
        .await
        .map_err(|_| parse_error("Missing boundary in multipart."))?;
    let (mut files, mut fields) = (0, 0);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        // Starlette fails on a part without a name.
        let Some(name) = field.name().map(str::to_owned) else {
            return Err(parse_error(PARSE_ERROR));
        };
        if let Some(filename) = field.file_name().map(str::to_owned) {
            files += 1;
            if files > MAX_FILES {
                return Err(parse_error(format!(
                    "Too many files. Maximum number of files is {MAX_FILES}."
                )));
            }
            let content_type = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.map_err(unreadable)?;
            let file = UploadFile {
                filename,
                content_type,
                bytes,
            };
            parts.push((name, Part::File(Cell::new(Some(file)))));
        } else {
            fields += 1;
            if fields > MAX_FIELDS {
                return Err(parse_error(format!(
                    "Too many fields. Maximum number of fields is {MAX_FIELDS}."
                )));
            }
            let text = field.text().await.map_err(unreadable)?;
            if !text.is_empty() {
                parts.push((name, Part::Text(text)));
            }
        }
    }
    Ok(parts)
}

/// A 400 for a body that is not a form Starlette can parse.
fn parse_error(why: impl Into<String>) -> RequestError {
    RequestError::unreadable(http::StatusCode::BAD_REQUEST, why)
}

/// A body over the limit is a 413; any other failure to read it (malformed, broken off)
/// FastAPI's 400.
fn unreadable(e: MultipartError) -> RequestError {
    if e.status() == http::StatusCode::PAYLOAD_TOO_LARGE {
        RequestError::unreadable(e.status(), e.body_text())
    } else {
        parse_error(PARSE_ERROR)
    }
}

/// `parts` read into `T`, or Pydantic's error for each field that is missing or bad.
fn from_parts<T: DeserializeOwned>(parts: &[(String, Part)]) -> Result<T, RequestError> {
    read_every_field(
        |stand_ins| read_parts(parts, stand_ins),
        |field, index, missing| {
            let mut values = parts.iter().filter(|(k, _)| k == field).map(|(_, p)| p);
            let part = match index {
                _ if missing => None,
                Some(i) => values.nth(i),
                None => values.last(),
            };
            match part {
                Some(Part::Text(text)) => Value::from(text.as_str()),
                // A file (its bytes are not echoed), or nothing.
                _ => Value::Null,
            }
        },
    )
}

/// One reading of `parts` into `T`: the parts of one name together (a list field takes
/// them all, any other field the last), a stand-in for each field in `stand_ins`.
fn read_parts<T: DeserializeOwned>(parts: &[(String, Part)], stand_ins: &[String]) -> Reading<T> {
    let mut names: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&Part>> = HashMap::new();
    for (name, part) in parts {
        if stand_ins.contains(name) {
            continue;
        }
        groups
            .entry(name.as_str())
            .or_insert_with(|| {
                names.push(name.as_str());
                Vec::new()
            })
            .push(part);
    }
    let entries = names
        .into_iter()
        .map(|name| (name, Entry::Parts(groups.remove(name).unwrap_or_default())))
        .chain(stand_ins.iter().map(|k| (k.as_str(), Entry::StandIn)));
    let map = MapDeserializer::<_, de::value::Error>::new(entries);
    serde_path_to_error::deserialize(map).map_err(|e| {
        let why = e.inner().to_string();
        (e.path().clone(), why)
    })
}

/// The value of one field of the form: its parts (at least one), or a stand-in.
enum Entry<'a> {
    Parts(Vec<&'a Part>),
    StandIn,
}

impl<'a> Entry<'a> {
    /// What a field that is not a list reads: its last part (Starlette's `form.get`).
    fn last(self) -> One<'a> {
        match self {
            Entry::Parts(parts) => parts.last().map_or(One::StandIn, |p| One::of(p)),
            Entry::StandIn => One::StandIn,
        }
    }
}

/// One value: a text field, a file, or a stand-in for a field already reported.
enum One<'a> {
    Text(&'a str),
    File(&'a Cell<Option<UploadFile>>),
    StandIn,
}

impl<'a> One<'a> {
    fn of(part: &'a Part) -> Self {
        match part {
            Part::Text(text) => One::Text(text),
            Part::File(file) => One::File(file),
        }
    }
}

impl<'de, 'a> IntoDeserializer<'de, de::value::Error> for Entry<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, 'a> IntoDeserializer<'de, de::value::Error> for One<'a> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

/// A text value, read as Pydantic reads one (`lax`: `yes` is `true`, ` 7 ` is `7`).
fn text(t: &str) -> lax::Value<'_> {
    lax::Value(Cow::Borrowed(t))
}

/// Methods of `Deserializer` that take only a visitor, read from the field's last part.
macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            self.last().$method(visitor)
        }
    )*};
}

/// A field: a list takes every part of its name, anything else the last one.
impl<'de> Deserializer<'de> for Entry<'_> {
    type Error = de::value::Error;

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Entry::Parts(parts) => {
                SeqDeserializer::new(parts.into_iter().map(One::of)).deserialize_any(visitor)
            }
            Entry::StandIn => lax::Field::StandIn.deserialize_seq(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            Entry::Parts(_) => visitor.visit_some(self),
            Entry::StandIn => visitor.visit_none(),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.last().deserialize_struct(name, fields, visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.last().deserialize_enum(name, variants, visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.last().deserialize_unit_struct(name, visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_unit deserialize_map deserialize_identifier deserialize_ignored_any
    }
}

/// Methods of `Deserializer` that take only a visitor: a text value reads as `lax` reads
/// it, a file as the map [`UploadFile`] reads, a stand-in as `lax`'s.
macro_rules! text_file_or_stand_in {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self {
                One::Text(t) => text(t).$method(visitor),
                One::File(_) => self.deserialize_any(visitor),
                One::StandIn => lax::Field::StandIn.$method(visitor),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for One<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_any(visitor),
            One::File(file) => visitor.visit_map(FileAccess::new(file.take().unwrap_or_else(
                // Taken by an earlier reading, which failed: the file is there, its bytes
                // no longer matter.
                || UploadFile::new(String::new(), Bytes::new()),
            ))),
            One::StandIn => lax::Field::StandIn.deserialize_any(visitor),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            // FastAPI's words (`UploadFile._validate`).
            One::Text(_) if name == UPLOAD_FILE => Err(de::Error::custom(
                "Expected UploadFile, received: <class 'str'>",
            )),
            One::Text(t) => text(t).deserialize_struct(name, fields, visitor),
            One::File(_) => self.deserialize_any(visitor),
            One::StandIn if name == UPLOAD_FILE => visitor.visit_map(FileAccess::new(
                UploadFile::new(String::new(), Bytes::new()),
            )),
            One::StandIn => lax::Field::StandIn.deserialize_struct(name, fields, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_option(visitor),
            One::File(_) => visitor.visit_some(self),
            One::StandIn => lax::Field::StandIn.deserialize_option(visitor),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_newtype_struct(name, visitor),
            One::File(_) => visitor.visit_newtype_struct(self),
            One::StandIn => lax::Field::StandIn.deserialize_newtype_struct(name, visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_enum(name, variants, visitor),
            One::File(_) => self.deserialize_any(visitor),
            One::StandIn => lax::Field::StandIn.deserialize_enum(name, variants, visitor),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_unit_struct(name, visitor),
            One::File(_) => self.deserialize_any(visitor),
            One::StandIn => lax::Field::StandIn.deserialize_unit_struct(name, visitor),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_tuple(len, visitor),
            One::File(_) => self.deserialize_any(visitor),
            One::StandIn => lax::Field::StandIn.deserialize_tuple(len, visitor),
        }
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self {
            One::Text(t) => text(t).deserialize_tuple_struct(name, len, visitor),
            One::File(_) => self.deserialize_any(visitor),
            One::StandIn => lax::Field::StandIn.deserialize_tuple_struct(name, len, visitor),
        }
    }

    text_file_or_stand_in! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64
        deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char deserialize_str
        deserialize_string deserialize_bytes deserialize_byte_buf deserialize_unit
        deserialize_seq deserialize_map deserialize_identifier deserialize_ignored_any
    }
}

/// A file as the map [`UploadFile`]'s visitor reads: `filename`, `content_type` (when the
/// part had one), `content`.
struct FileAccess {
    file: UploadFile,
    next: usize,
}

impl FileAccess {
    fn new(file: UploadFile) -> Self {
        Self { file, next: 0 }
    }
}

impl<'de> MapAccess<'de> for FileAccess {
    type Error = de::value::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        if self.next == 1 && self.file.content_type.is_none() {
            self.next = 2;
        }
        let Some(key) = UPLOAD_FILE_FIELDS.get(self.next) else {
            return Ok(None);
        };
        let key: StrDeserializer<'_, Self::Error> = key.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let field = self.next;
        self.next += 1;
        match field {
            0 => seed.deserialize(StringDeserializer::new(std::mem::take(
                &mut self.file.filename,
            ))),
            1 => seed.deserialize(StringDeserializer::new(
                self.file.content_type.take().unwrap_or_default(),
            )),
            _ => seed.deserialize(ByteBuf(std::mem::take(&mut self.file.bytes))),
        }
    }
}

/// A file's bytes as serde's byte buffer: `Bytes` into `Vec<u8>` and back, without a copy
/// when the buffer is not shared.
struct ByteBuf(Bytes);

impl<'de> Deserializer<'de> for ByteBuf {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_byte_buf(Vec::from(self.0))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        enum identifier ignored_any
    }
}
