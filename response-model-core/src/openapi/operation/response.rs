//! The responses of an operation: [`Responses`] by [`StatusKey`], each a [`ResponseDoc`]
//! with its [`HeaderDoc`]s and bodies.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use http::StatusCode;
use serde_json::{Map, Value, json};

use super::{MediaDoc, RenderCx};

/// A key of an operation's `responses`: an exact status, a range (`2XX`), or `default`
/// (a status chosen at run time).
///
/// ```
/// use response_model::openapi::StatusKey;
/// assert_eq!(StatusKey::from(http::StatusCode::CREATED).to_string(), "201");
/// assert_eq!(StatusKey::Range(3).to_string(), "3XX");
/// assert_eq!(StatusKey::Default.to_string(), "default");
/// assert!(StatusKey::Default.matches(418));
/// assert!(StatusKey::Range(3).matches(307));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum StatusKey {
    /// One status code.
    Code(u16),
    /// Every status of a class: `Range(3)` is `3XX`.
    Range(u8),
    /// Any status not listed otherwise.
    Default,
}

impl StatusKey {
    /// Whether a response with `status` is described by this key.
    pub fn matches(self, status: u16) -> bool {
        match self {
            StatusKey::Code(c) => c == status,
            StatusKey::Range(r) => status / 100 == u16::from(r),
            StatusKey::Default => true,
        }
    }
}

impl From<StatusCode> for StatusKey {
    fn from(s: StatusCode) -> Self {
        StatusKey::Code(s.as_u16())
    }
}

impl fmt::Display for StatusKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusKey::Code(c) => write!(f, "{c}"),
            StatusKey::Range(r) => write!(f, "{r}XX"),
            StatusKey::Default => f.write_str("default"),
        }
    }
}

/// A response header: its description and schema.
///
/// ```
/// use response_model::openapi::HeaderDoc;
/// let h = HeaderDoc::new("Where the resource moved to").required();
/// assert!(h.is_required());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderDoc {
    description: Cow<'static, str>,
    required: bool,
    schema: Value,
}

impl HeaderDoc {
    /// A string header, present on some responses.
    pub fn new(description: impl Into<Cow<'static, str>>) -> Self {
        Self {
            description: description.into(),
            required: false,
            schema: json!({"type": "string"}),
        }
    }

    /// The header's value described by `schema` (a JSON Schema of a scalar) instead of a
    /// plain string.
    pub fn with_schema(mut self, schema: Value) -> Self {
        self.schema = schema;
        self
    }

    /// Present on every response of this status.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Whether the header is always present.
    pub fn is_required(&self) -> bool {
        self.required
    }

    fn render(&self) -> Value {
        let mut m = Map::new();
        m.insert("description".into(), Value::from(self.description.as_ref()));
        if self.required {
            m.insert("required".into(), Value::Bool(true));
        }
        m.insert("schema".into(), self.schema.clone());
        Value::Object(m)
    }
}

/// One response: description, headers, and body per media type.
///
/// ```
/// use response_model::openapi::{HeaderDoc, MediaDoc, ResponseDoc};
/// let r = ResponseDoc::new("Moved")
///     .header("Location", HeaderDoc::new("The new URL").required())
///     .content("text/plain", MediaDoc::text());
/// assert!(r.media("text/plain").is_some());
/// assert!(r.header_doc("location").is_some());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseDoc {
    /// What the document says: the one description, or the list of those merged.
    description: Cow<'static, str>,
    /// The distinct descriptions merged into this response, in order; empty while the
    /// description is the status's reason phrase ([`ResponseDoc::for_status`]), which any
    /// other description replaces.
    merged: Vec<Cow<'static, str>>,
    headers: BTreeMap<String, HeaderDoc>,
    content: BTreeMap<String, MediaDoc>,
}

impl ResponseDoc {
    /// A response with no body and no headers.
    pub fn new(description: impl Into<Cow<'static, str>>) -> Self {
        let description = description.into();
        Self {
            merged: vec![description.clone()],
            description,
            headers: BTreeMap::new(),
            content: BTreeMap::new(),
        }
    }

    /// The standard reason phrase of `status` as the description (`200` -> `OK`); merged
    /// with a response that has a description of its own, it gives way to it.
    pub fn for_status(status: StatusCode) -> Self {
        let mut doc = Self::new(status.canonical_reason().unwrap_or("Response"));
        doc.merged.clear();
        doc
    }

    /// Adds a body of `media_type` (merged with a body already there: `anyOf`).
    pub fn content(mut self, media_type: &str, media: MediaDoc) -> Self {
        match self.content.get_mut(media_type) {
            Some(m) => m.merge(media),
            None => {
                self.content.insert(media_type.to_owned(), media);
            }
        }
        self
    }

    /// Adds a header. Names compare case-insensitively; a header already documented is
    /// kept.
    pub fn header(mut self, name: &str, header: HeaderDoc) -> Self {
        if self.header_doc(name).is_none() {
            self.headers.insert(name.to_owned(), header);
        }
        self
    }

    /// The description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The body documented for `media_type`.
    pub fn media(&self, media_type: &str) -> Option<&MediaDoc> {
        self.content.get(media_type)
    }

    /// The documented media types, sorted.
    pub fn media_types(&self) -> impl Iterator<Item = &str> {
        self.content.keys().map(String::as_str)
    }

    /// The header documented as `name` (any case).
    pub fn header_doc(&self, name: &str) -> Option<&HeaderDoc> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    /// The one merge rule (see [`Responses`]): every distinct description is kept, bodies
    /// of one media type become `anyOf` (an identical one once), headers are united.
    fn merge(&mut self, other: ResponseDoc) {
        for d in other.merged {
            if !self.merged.contains(&d) {
                self.merged.push(d);
            }
        }
        match self.merged.as_slice() {
            [] => {}
            [one] => self.description.clone_from(one),
            many => self.description = Cow::Owned(bullets(many)),
        }
        // Two bodies at one status (`Either<Json<T>, FileResponse>` at 200): a header only
        // one of them sends is not required of the status (only the file has an `ETag`).
        // A description declared on the route has no body and weakens nothing.
        let two_bodies = !self.content.is_empty() && !other.content.is_empty();
        if two_bodies {
            for (name, h) in &mut self.headers {
                if !other.headers.keys().any(|k| k.eq_ignore_ascii_case(name)) {
                    h.required = false;
                }
            }
        }
        for (name, mut h) in other.headers {
            match self
                .headers
                .iter_mut()
                .find(|(k, _)| k.eq_ignore_ascii_case(&name))
            {
                Some((_, mine)) => mine.required &= h.required,
                None => {
                    if two_bodies {
                        h.required = false;
                    }
                    self.headers.insert(name, h);
                }
            }
        }
        for (mt, media) in other.content {
            match self.content.get_mut(&mt) {
                Some(m) => m.merge(media),
                None => {
                    self.content.insert(mt, media);
                }
            }
        }
    }

    fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        m.insert("description".into(), Value::from(self.description.as_ref()));
        if !self.headers.is_empty() {
            let h: Map<String, Value> = self
                .headers
                .iter()
                .map(|(k, v)| (k.clone(), v.render()))
                .collect();
            m.insert("headers".into(), Value::Object(h));
        }
        if !self.content.is_empty() {
            let c: Map<String, Value> = self
                .content
                .iter()
                .map(|(k, v)| (k.clone(), v.render(cx)))
                .collect();
            m.insert("content".into(), Value::Object(c));
        }
        Value::Object(m)
    }
}

/// `texts` as a Markdown list, each item's other lines indented under it (blank lines left
/// blank).
fn bullets(texts: &[Cow<'static, str>]) -> String {
    let mut out = String::new();
    for (n, text) in texts.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push('-');
        for (i, line) in text.lines().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if !line.is_empty() {
                out.push_str(if i == 0 { " " } else { "  " });
                out.push_str(line);
            }
        }
    }
    out
}

/// The responses of an operation, by status.
///
/// Adding a response for a status that is already there merges them, by the one rule every
/// source of responses meets through (`Result<T, E>`, `Either`, extractors' rejections, the
/// variants of a `#[derive(ApiError)]` enum): headers are united, bodies of one media type
/// become `anyOf` (an identical body is kept once; `anyOf`, not `oneOf`, as two bodies
/// may overlap), and every distinct description is kept (two or more as a Markdown list;
/// a status's reason phrase gives way to a description of its own).
///
/// ```
/// use http::StatusCode;
/// use response_model::openapi::{MediaDoc, ResponseDoc, Responses, SchemaDoc, StatusKey};
/// let mut r = Responses::new()
///     .with(StatusCode::OK, ResponseDoc::for_status(StatusCode::OK).content("text/plain", MediaDoc::text()))
///     .with(StatusCode::NOT_FOUND, ResponseDoc::for_status(StatusCode::NOT_FOUND));
/// assert_eq!(r.keys().collect::<Vec<_>>(), [StatusKey::Code(200), StatusKey::Code(404)]);
///
/// // Another 200 with a body of the same media type: the two schemas become `anyOf`.
/// let number = MediaDoc::schema(SchemaDoc::plain(serde_json::json!({"type": "number"})));
/// r.merge(Responses::single(StatusCode::OK, ResponseDoc::new("OK").content("text/plain", number)));
/// assert_eq!(r.len(), 2);
/// let body = r.get(StatusCode::OK).unwrap().media("text/plain").unwrap().body_schema().unwrap();
/// assert_eq!(body.value()["anyOf"].as_array().unwrap().len(), 2);
///
/// // Two descriptions at one status are both kept; a reason phrase gives way.
/// r.merge(Responses::single(StatusCode::NOT_FOUND, ResponseDoc::new("No such user.")));
/// r.merge(Responses::single(StatusCode::NOT_FOUND, ResponseDoc::new("No such team.")));
/// let not_found = r.get(StatusCode::NOT_FOUND).unwrap();
/// assert_eq!(not_found.description(), "- No such user.\n- No such team.");
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Responses {
    by_status: BTreeMap<StatusKey, ResponseDoc>,
}

impl Responses {
    /// No responses.
    pub fn new() -> Self {
        Self::default()
    }

    /// One response.
    pub fn single(status: impl Into<StatusKey>, response: ResponseDoc) -> Self {
        Self::new().with(status, response)
    }

    /// Adds (merges) a response for `status`.
    pub fn with(mut self, status: impl Into<StatusKey>, response: ResponseDoc) -> Self {
        self.insert(status, response);
        self
    }

    /// Adds (merges) a response for `status`.
    pub fn insert(&mut self, status: impl Into<StatusKey>, response: ResponseDoc) {
        let key = status.into();
        match self.by_status.get_mut(&key) {
            Some(r) => r.merge(response),
            None => {
                self.by_status.insert(key, response);
            }
        }
    }

    /// A response the route declares (`ApiMethodRouter::response`): merged into the one
    /// the types document for `status`, whose description it replaces, or added.
    pub(crate) fn declare(&mut self, status: StatusCode, response: ResponseDoc) {
        let key = StatusKey::from(status);
        match self.by_status.get_mut(&key) {
            Some(r) => {
                r.description.clone_from(&response.description);
                r.merged.clone_from(&response.merged);
                r.merge(response);
            }
            None => {
                self.by_status.insert(key, response);
            }
        }
    }

    /// Adds every response of `other` (merging equal statuses).
    pub fn merge(&mut self, other: Responses) {
        for (k, v) in other.by_status {
            self.insert(k, v);
        }
    }

    /// Every response moved under `default`: what `(StatusCode, T)` documents, since its
    /// status is chosen at run time.
    ///
    /// ```
    /// # use response_model::openapi::{ResponseDoc, Responses, StatusKey};
    /// let r = Responses::single(http::StatusCode::OK, ResponseDoc::new("OK")).into_default();
    /// assert_eq!(r.keys().collect::<Vec<_>>(), [StatusKey::Default]);
    /// ```
    pub fn into_default(self) -> Self {
        let mut out = Responses::new();
        for (_, mut v) in self.by_status {
            v.description = Cow::Borrowed("Response (status chosen at run time)");
            v.merged = vec![v.description.clone()];
            out.insert(StatusKey::Default, v);
        }
        if out.is_empty() {
            out.insert(
                StatusKey::Default,
                ResponseDoc::new("Response (status chosen at run time)"),
            );
        }
        out
    }

    /// Adds `header` to every response.
    ///
    /// ```
    /// # use response_model::openapi::{HeaderDoc, ResponseDoc, Responses};
    /// let r = Responses::single(http::StatusCode::OK, ResponseDoc::new("OK"))
    ///     .with_header("Set-Cookie", HeaderDoc::new("session"));
    /// assert!(r.get(http::StatusCode::OK).unwrap().header_doc("set-cookie").is_some());
    /// ```
    pub fn with_header(mut self, name: &str, header: HeaderDoc) -> Self {
        for r in self.by_status.values_mut() {
            if r.header_doc(name).is_none() {
                r.headers.insert(name.to_owned(), header.clone());
            }
        }
        self
    }

    /// The response for `status`.
    pub fn get(&self, status: impl Into<StatusKey>) -> Option<&ResponseDoc> {
        self.by_status.get(&status.into())
    }

    /// The documented statuses, sorted (codes, ranges, then `default`).
    pub fn keys(&self) -> impl Iterator<Item = StatusKey> + '_ {
        self.by_status.keys().copied()
    }

    /// How many statuses are documented.
    pub fn len(&self) -> usize {
        self.by_status.len()
    }

    /// Whether nothing is documented.
    pub fn is_empty(&self) -> bool {
        self.by_status.is_empty()
    }

    pub(super) fn render(&self, cx: &RenderCx<'_>) -> Value {
        let m: Map<String, Value> = self
            .by_status
            .iter()
            .map(|(k, v)| (k.to_string(), v.render(cx)))
            .collect();
        Value::Object(m)
    }
}
