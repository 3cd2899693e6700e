//! What one operation says: parameters, request body, responses.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use http::StatusCode;
use serde_json::{Map, Value, json};

use super::schema::{Components, SchemaDoc};

/// A key of an operation's `responses`: an exact status, a range (`2XX`), or `default`
/// (a status chosen at run time).
///
/// ```
/// use response_model_core::openapi::StatusKey;
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
    ///
    /// ```
    /// # use response_model_core::openapi::StatusKey;
    /// assert!(StatusKey::Code(200).matches(200));
    /// assert!(!StatusKey::Range(2).matches(301));
    /// ```
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

/// A media type of a response or request body: its schema, and for streams of items
/// (`text/event-stream`, JSON Lines) the schema of one item.
///
/// ```
/// use response_model_core::openapi::{SchemaDoc, MediaDoc};
/// let item = SchemaDoc::plain(serde_json::json!({"type": "integer"}));
/// let media = MediaDoc::stream(item);
/// assert!(media.item_schema().is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MediaDoc {
    schema: Option<SchemaDoc>,
    item_schema: Option<SchemaDoc>,
}

impl MediaDoc {
    /// A body described by `schema`.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, MediaDoc};
    /// let m = MediaDoc::schema(SchemaDoc::plain(serde_json::json!({"type": "string"})));
    /// assert!(m.item_schema().is_none());
    /// ```
    pub fn schema(schema: SchemaDoc) -> Self {
        Self {
            schema: Some(schema),
            item_schema: None,
        }
    }

    /// A body of any bytes (a file, an octet stream): no schema.
    ///
    /// ```
    /// # use response_model_core::openapi::MediaDoc;
    /// assert_eq!(MediaDoc::any(), MediaDoc::default());
    /// ```
    pub fn any() -> Self {
        Self::default()
    }

    /// A text body: `{"type": "string"}`.
    ///
    /// ```
    /// # use response_model_core::openapi::MediaDoc;
    /// assert_eq!(MediaDoc::text().body_schema().unwrap().value()["type"], "string");
    /// ```
    pub fn text() -> Self {
        Self::schema(SchemaDoc::plain(json!({"type": "string"})))
    }

    /// A stream whose items each match `item`. The document writes it as OpenAPI 3.2's
    /// `itemSchema`, or, in a 3.1 document, as a `string` body with the item schema under
    /// the `x-itemSchema` extension (see [`OpenApiVersion`](super::OpenApiVersion)).
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, MediaDoc};
    /// let m = MediaDoc::stream(SchemaDoc::plain(serde_json::json!({"type": "integer"})));
    /// assert!(m.body_schema().is_none());
    /// ```
    pub fn stream(item: SchemaDoc) -> Self {
        Self {
            schema: None,
            item_schema: Some(item),
        }
    }

    /// The schema of the whole body, if any.
    ///
    /// ```
    /// # use response_model_core::openapi::MediaDoc;
    /// assert!(MediaDoc::any().body_schema().is_none());
    /// ```
    pub fn body_schema(&self) -> Option<&SchemaDoc> {
        self.schema.as_ref()
    }

    /// The schema of one item of a stream, if this is one.
    ///
    /// ```
    /// # use response_model_core::openapi::MediaDoc;
    /// assert!(MediaDoc::text().item_schema().is_none());
    /// ```
    pub fn item_schema(&self) -> Option<&SchemaDoc> {
        self.item_schema.as_ref()
    }

    fn merge(&mut self, other: MediaDoc) {
        fn union(a: &mut Option<SchemaDoc>, b: Option<SchemaDoc>) {
            match (a.as_mut(), b) {
                (_, None) => {}
                (None, b) => *a = b,
                (Some(x), Some(y)) if *x == y => {}
                (Some(x), Some(y)) => {
                    let mut alts = match x.value.get("anyOf") {
                        Some(Value::Array(v))
                            if x.value.as_object().is_some_and(|o| o.len() == 1) =>
                        {
                            v.clone()
                        }
                        _ => vec![x.value.clone()],
                    };
                    if !alts.contains(&y.value) {
                        alts.push(y.value);
                    }
                    x.value = json!({ "anyOf": alts });
                }
            }
        }
        union(&mut self.schema, other.schema);
        union(&mut self.item_schema, other.item_schema);
    }

    fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        if let Some(s) = &self.schema {
            m.insert("schema".into(), cx.components.render(s));
        }
        if let Some(item) = &self.item_schema {
            let item = cx.components.render(item);
            match cx.version {
                super::OpenApiVersion::V3_2 => {
                    m.insert("itemSchema".into(), item);
                }
                super::OpenApiVersion::V3_1 => {
                    m.entry("schema")
                        .or_insert_with(|| json!({"type": "string"}));
                    m.insert("x-itemSchema".into(), item);
                }
            }
        }
        Value::Object(m)
    }
}

/// A response header: its description and schema.
///
/// ```
/// use response_model_core::openapi::HeaderDoc;
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
    ///
    /// ```
    /// # use response_model_core::openapi::HeaderDoc;
    /// assert!(!HeaderDoc::new("x").is_required());
    /// ```
    pub fn new(description: impl Into<Cow<'static, str>>) -> Self {
        Self {
            description: description.into(),
            required: false,
            schema: json!({"type": "string"}),
        }
    }

    /// Present on every response of this status.
    ///
    /// ```
    /// # use response_model_core::openapi::HeaderDoc;
    /// assert!(HeaderDoc::new("x").required().is_required());
    /// ```
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }

    /// Whether the header is always present.
    ///
    /// ```
    /// # use response_model_core::openapi::HeaderDoc;
    /// assert!(!HeaderDoc::new("x").is_required());
    /// ```
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
/// use response_model_core::openapi::{HeaderDoc, MediaDoc, ResponseDoc};
/// let r = ResponseDoc::new("Moved")
///     .header("Location", HeaderDoc::new("The new URL").required())
///     .content("text/plain", MediaDoc::text());
/// assert!(r.media("text/plain").is_some());
/// assert!(r.header_doc("location").is_some());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseDoc {
    description: Cow<'static, str>,
    headers: BTreeMap<String, HeaderDoc>,
    content: BTreeMap<String, MediaDoc>,
}

impl ResponseDoc {
    /// A response with no body and no headers.
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert_eq!(ResponseDoc::new("No Content").description(), "No Content");
    /// ```
    pub fn new(description: impl Into<Cow<'static, str>>) -> Self {
        Self {
            description: description.into(),
            headers: BTreeMap::new(),
            content: BTreeMap::new(),
        }
    }

    /// The standard reason phrase of `status` as the description (`200` -> `OK`).
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert_eq!(ResponseDoc::for_status(http::StatusCode::CREATED).description(), "Created");
    /// ```
    pub fn for_status(status: StatusCode) -> Self {
        Self::new(status.canonical_reason().unwrap_or("Response"))
    }

    /// Adds a body of `media_type` (merged with a body already there: `anyOf`).
    ///
    /// ```
    /// # use response_model_core::openapi::{MediaDoc, ResponseDoc};
    /// let r = ResponseDoc::new("OK").content("text/html", MediaDoc::text());
    /// assert_eq!(r.media_types().collect::<Vec<_>>(), ["text/html"]);
    /// ```
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
    ///
    /// ```
    /// # use response_model_core::openapi::{HeaderDoc, ResponseDoc};
    /// let r = ResponseDoc::new("OK").header("Content-Disposition", HeaderDoc::new("attachment"));
    /// assert!(r.header_doc("content-disposition").is_some());
    /// ```
    pub fn header(mut self, name: &str, header: HeaderDoc) -> Self {
        if self.header_doc(name).is_none() {
            self.headers.insert(name.to_owned(), header);
        }
        self
    }

    /// The description.
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert_eq!(ResponseDoc::new("x").description(), "x");
    /// ```
    pub fn description(&self) -> &str {
        &self.description
    }

    /// The body documented for `media_type`.
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert!(ResponseDoc::new("x").media("text/plain").is_none());
    /// ```
    pub fn media(&self, media_type: &str) -> Option<&MediaDoc> {
        self.content.get(media_type)
    }

    /// The documented media types, sorted.
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert_eq!(ResponseDoc::new("x").media_types().count(), 0);
    /// ```
    pub fn media_types(&self) -> impl Iterator<Item = &str> {
        self.content.keys().map(String::as_str)
    }

    /// The header documented as `name` (any case).
    ///
    /// ```
    /// # use response_model_core::openapi::ResponseDoc;
    /// assert!(ResponseDoc::new("x").header_doc("Location").is_none());
    /// ```
    pub fn header_doc(&self, name: &str) -> Option<&HeaderDoc> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    fn merge(&mut self, other: ResponseDoc) {
        // The first description is kept: it names the status.
        for (name, h) in other.headers {
            if self.header_doc(&name).is_none() {
                self.headers.insert(name, h);
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

/// The responses of an operation, by status.
///
/// Adding a response for a status that is already there merges them: headers are united
/// and bodies of one media type become `anyOf` (how `Result<T, E>` documents both sides).
///
/// ```
/// use http::StatusCode;
/// use response_model_core::openapi::{MediaDoc, ResponseDoc, Responses, StatusKey};
/// let r = Responses::new()
///     .with(StatusCode::OK, ResponseDoc::for_status(StatusCode::OK).content("text/plain", MediaDoc::text()))
///     .with(StatusCode::NOT_FOUND, ResponseDoc::for_status(StatusCode::NOT_FOUND));
/// assert_eq!(r.keys().collect::<Vec<_>>(), [StatusKey::Code(200), StatusKey::Code(404)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Responses {
    by_status: BTreeMap<StatusKey, ResponseDoc>,
}

impl Responses {
    /// No responses.
    ///
    /// ```
    /// # use response_model_core::openapi::Responses;
    /// assert!(Responses::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// One response.
    ///
    /// ```
    /// # use response_model_core::openapi::{ResponseDoc, Responses};
    /// let r = Responses::single(http::StatusCode::NO_CONTENT, ResponseDoc::new("No Content"));
    /// assert_eq!(r.len(), 1);
    /// ```
    pub fn single(status: impl Into<StatusKey>, response: ResponseDoc) -> Self {
        Self::new().with(status, response)
    }

    /// Adds (merges) a response for `status`.
    ///
    /// ```
    /// # use response_model_core::openapi::{ResponseDoc, Responses, StatusKey};
    /// let r = Responses::new().with(StatusKey::Default, ResponseDoc::new("Any"));
    /// assert!(r.get(StatusKey::Default).is_some());
    /// ```
    pub fn with(mut self, status: impl Into<StatusKey>, response: ResponseDoc) -> Self {
        self.insert(status, response);
        self
    }

    /// Adds (merges) a response for `status`.
    ///
    /// ```
    /// # use response_model_core::openapi::{ResponseDoc, Responses};
    /// let mut r = Responses::new();
    /// r.insert(http::StatusCode::OK, ResponseDoc::new("OK"));
    /// assert_eq!(r.len(), 1);
    /// ```
    pub fn insert(&mut self, status: impl Into<StatusKey>, response: ResponseDoc) {
        let key = status.into();
        match self.by_status.get_mut(&key) {
            Some(r) => r.merge(response),
            None => {
                self.by_status.insert(key, response);
            }
        }
    }

    /// Adds every response of `other` (merging equal statuses).
    ///
    /// ```
    /// # use response_model_core::openapi::{ResponseDoc, Responses};
    /// let mut a = Responses::single(http::StatusCode::OK, ResponseDoc::new("OK"));
    /// a.merge(Responses::single(http::StatusCode::GONE, ResponseDoc::new("Gone")));
    /// assert_eq!(a.len(), 2);
    /// ```
    pub fn merge(&mut self, other: Responses) {
        for (k, v) in other.by_status {
            self.insert(k, v);
        }
    }

    /// Every response moved under `default`: what `(StatusCode, T)` documents, since its
    /// status is chosen at run time.
    ///
    /// ```
    /// # use response_model_core::openapi::{ResponseDoc, Responses, StatusKey};
    /// let r = Responses::single(http::StatusCode::OK, ResponseDoc::new("OK")).into_default();
    /// assert_eq!(r.keys().collect::<Vec<_>>(), [StatusKey::Default]);
    /// ```
    pub fn into_default(self) -> Self {
        let mut out = Responses::new();
        for (_, mut v) in self.by_status {
            v.description = Cow::Borrowed("Response (status chosen at run time)");
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
    /// # use response_model_core::openapi::{HeaderDoc, ResponseDoc, Responses};
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
    ///
    /// ```
    /// # use response_model_core::openapi::Responses;
    /// assert!(Responses::new().get(http::StatusCode::OK).is_none());
    /// ```
    pub fn get(&self, status: impl Into<StatusKey>) -> Option<&ResponseDoc> {
        self.by_status.get(&status.into())
    }

    /// The documented statuses, sorted (codes, ranges, then `default`).
    ///
    /// ```
    /// # use response_model_core::openapi::Responses;
    /// assert_eq!(Responses::new().keys().count(), 0);
    /// ```
    pub fn keys(&self) -> impl Iterator<Item = StatusKey> + '_ {
        self.by_status.keys().copied()
    }

    /// How many statuses are documented.
    ///
    /// ```
    /// # use response_model_core::openapi::Responses;
    /// assert_eq!(Responses::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.by_status.len()
    }

    /// Whether nothing is documented.
    ///
    /// ```
    /// # use response_model_core::openapi::Responses;
    /// assert!(Responses::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.by_status.is_empty()
    }

    fn render(&self, cx: &RenderCx<'_>) -> Value {
        let m: Map<String, Value> = self
            .by_status
            .iter()
            .map(|(k, v)| (k.to_string(), v.render(cx)))
            .collect();
        Value::Object(m)
    }
}

/// Where a parameter is read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ParamLocation {
    /// A path segment: `/items/{id}`.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation.
///
/// ```
/// use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
/// let p = ParameterDoc::new("q", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({"type": "string"})));
/// assert_eq!(p.name(), "q");
/// assert!(!p.is_required());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterDoc {
    name: String,
    location: ParamLocation,
    required: bool,
    description: Option<String>,
    schema: SchemaDoc,
}

impl ParameterDoc {
    /// A parameter; path parameters are always required, others optional until
    /// [`required`](Self::required).
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// let p = ParameterDoc::new("id", ParamLocation::Path, SchemaDoc::plain(serde_json::json!({})));
    /// assert!(p.is_required());
    /// ```
    pub fn new(name: impl Into<String>, location: ParamLocation, schema: SchemaDoc) -> Self {
        Self {
            name: name.into(),
            location,
            required: location == ParamLocation::Path,
            description: None,
            schema,
        }
    }

    /// Marks the parameter as required (or not).
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// let p = ParameterDoc::new("q", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({}))).required(true);
    /// assert!(p.is_required());
    /// ```
    pub fn required(mut self, required: bool) -> Self {
        self.required = required || self.location == ParamLocation::Path;
        self
    }

    /// Sets the description.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// let p = ParameterDoc::new("q", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({}))).description("search text");
    /// assert_eq!(p.name(), "q");
    /// ```
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The parameter's name.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// assert_eq!(ParameterDoc::new("a", ParamLocation::Header, SchemaDoc::plain(serde_json::json!({}))).name(), "a");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where it is read from.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// let p = ParameterDoc::new("a", ParamLocation::Cookie, SchemaDoc::plain(serde_json::json!({})));
    /// assert_eq!(p.location(), ParamLocation::Cookie);
    /// ```
    pub fn location(&self) -> ParamLocation {
        self.location
    }

    /// Whether the request must carry it.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
    /// assert!(!ParameterDoc::new("a", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({}))).is_required());
    /// ```
    pub fn is_required(&self) -> bool {
        self.required
    }

    fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), Value::from(self.name.as_str()));
        m.insert("in".into(), Value::from(self.location.as_str()));
        if self.required {
            m.insert("required".into(), Value::Bool(true));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), Value::from(d.as_str()));
        }
        m.insert("schema".into(), cx.components.render(&self.schema));
        Value::Object(m)
    }
}

/// A request body: its media types and whether it is required.
#[derive(Clone, Debug, PartialEq)]
struct RequestBodyDoc {
    required: bool,
    content: BTreeMap<String, MediaDoc>,
}

/// What an operation says. Built by the handler's types ([`ApiHandler`](super::ApiHandler)),
/// then completed by the route's builder (summary, description, tags, operation id).
///
/// ```
/// use response_model_core::openapi::{DocContext, OperationDoc, ApiResponse};
/// let mut cx = DocContext::new("/");
/// let mut op = OperationDoc::new();
/// op.responses_mut().merge(<String as ApiResponse>::responses(&mut cx));
/// assert!(op.responses().get(http::StatusCode::OK).is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationDoc {
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) operation_id: Option<String>,
    pub(crate) deprecated: bool,
    parameters: Vec<ParameterDoc>,
    request_body: Option<RequestBodyDoc>,
    responses: Responses,
}

impl OperationDoc {
    /// An empty operation.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert!(OperationDoc::new().responses().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the summary. The route builder's [`summary`](super::ApiMethodRouter::summary)
    /// still wins; this one wins over the default made from the handler's name.
    /// `#[handler]` sets it from the doc comment's first paragraph.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// let mut op = OperationDoc::new();
    /// op.set_summary("Get a user");
    /// assert_eq!(op.summary(), Some("Get a user"));
    /// ```
    pub fn set_summary(&mut self, summary: impl Into<String>) {
        self.summary = Some(summary.into());
    }

    /// The summary, if one is set.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert_eq!(OperationDoc::new().summary(), None);
    /// ```
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// Sets the description (CommonMark). The route builder's
    /// [`description`](super::ApiMethodRouter::description) still wins. `#[handler]` sets
    /// it from the doc comment's paragraphs after the first.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// let mut op = OperationDoc::new();
    /// op.set_description("Looks the user up by id.\n\nA *missing* user is a 404.");
    /// assert_eq!(op.description(), Some("Looks the user up by id.\n\nA *missing* user is a 404."));
    /// ```
    pub fn set_description(&mut self, description: impl Into<String>) {
        self.description = Some(description.into());
    }

    /// The description, if one is set.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert_eq!(OperationDoc::new().description(), None);
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Adds a parameter; one with the same name and location replaces it.
    ///
    /// ```
    /// # use response_model_core::openapi::{SchemaDoc, OperationDoc, ParamLocation, ParameterDoc};
    /// let mut op = OperationDoc::new();
    /// op.add_parameter(ParameterDoc::new("q", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({}))));
    /// assert_eq!(op.parameters().len(), 1);
    /// ```
    pub fn add_parameter(&mut self, param: ParameterDoc) {
        self.parameters
            .retain(|p| !(p.name == param.name && p.location == param.location));
        self.parameters.push(param);
    }

    /// The parameters documented so far.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert!(OperationDoc::new().parameters().is_empty());
    /// ```
    pub fn parameters(&self) -> &[ParameterDoc] {
        &self.parameters
    }

    /// Adds a request body of `media_type`.
    ///
    /// ```
    /// # use response_model_core::openapi::{DocContext, MediaDoc, OperationDoc};
    /// let mut cx = DocContext::new("/");
    /// let mut op = OperationDoc::new();
    /// op.add_request_body("application/json", MediaDoc::schema(cx.register_input::<Vec<i32>>()), true);
    /// assert!(op.has_request_body());
    /// ```
    pub fn add_request_body(&mut self, media_type: &str, media: MediaDoc, required: bool) {
        let body = self.request_body.get_or_insert_with(|| RequestBodyDoc {
            required,
            content: BTreeMap::new(),
        });
        body.required &= required;
        match body.content.get_mut(media_type) {
            Some(m) => m.merge(media),
            None => {
                body.content.insert(media_type.to_owned(), media);
            }
        }
    }

    /// Moves the parameters and request body of `other` into this operation, leaving its
    /// responses: what an extractor whose rejection the handler handles documents.
    pub(crate) fn add_inputs_of(&mut self, other: OperationDoc) {
        for p in other.parameters {
            self.add_parameter(p);
        }
        if let Some(body) = other.request_body {
            for (mt, media) in body.content {
                self.add_request_body(&mt, media, body.required);
            }
        }
    }

    /// Makes the request body optional (an `Option<Json<T>>` extractor).
    pub(crate) fn request_body_optional(&mut self) {
        if let Some(b) = &mut self.request_body {
            b.required = false;
        }
    }

    /// Whether a request body is documented.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert!(!OperationDoc::new().has_request_body());
    /// ```
    pub fn has_request_body(&self) -> bool {
        self.request_body.is_some()
    }

    /// The responses.
    ///
    /// ```
    /// # use response_model_core::openapi::OperationDoc;
    /// assert!(OperationDoc::new().responses().is_empty());
    /// ```
    pub fn responses(&self) -> &Responses {
        &self.responses
    }

    /// The responses, to add to.
    ///
    /// ```
    /// # use response_model_core::openapi::{OperationDoc, ResponseDoc};
    /// let mut op = OperationDoc::new();
    /// op.responses_mut().insert(http::StatusCode::OK, ResponseDoc::new("OK"));
    /// assert_eq!(op.responses().len(), 1);
    /// ```
    pub fn responses_mut(&mut self) -> &mut Responses {
        &mut self.responses
    }

    pub(crate) fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        if !self.tags.is_empty() {
            m.insert(
                "tags".into(),
                Value::Array(self.tags.iter().map(|t| Value::from(t.as_str())).collect()),
            );
        }
        if let Some(s) = &self.summary {
            m.insert("summary".into(), Value::from(s.as_str()));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), Value::from(d.as_str()));
        }
        if let Some(id) = &self.operation_id {
            m.insert("operationId".into(), Value::from(id.as_str()));
        }
        if self.deprecated {
            m.insert("deprecated".into(), Value::Bool(true));
        }
        if !self.parameters.is_empty() {
            let mut params: Vec<&ParameterDoc> = self.parameters.iter().collect();
            // Path parameters first, in path order; then the rest by location, each in the
            // order they were documented (a struct's field order, as FastAPI lists them,
            // with the `preserve-order` feature). The sort is stable.
            let order = super::schema::path_params(cx.path);
            params.sort_by_key(|p| {
                let pos = order
                    .iter()
                    .position(|n| *n == p.name)
                    .unwrap_or(usize::MAX);
                (p.location, pos)
            });
            m.insert(
                "parameters".into(),
                Value::Array(params.iter().map(|p| p.render(cx)).collect()),
            );
        }
        if let Some(body) = &self.request_body {
            let c: Map<String, Value> = body
                .content
                .iter()
                .map(|(k, v)| (k.clone(), v.render(cx)))
                .collect();
            let mut b = Map::new();
            b.insert("content".into(), Value::Object(c));
            if body.required {
                b.insert("required".into(), Value::Bool(true));
            }
            m.insert("requestBody".into(), Value::Object(b));
        }
        m.insert("responses".into(), self.responses.render(cx));
        Value::Object(m)
    }
}

/// What rendering needs: final component names, the target version and the route.
pub(crate) struct RenderCx<'a> {
    pub(crate) components: &'a Components,
    pub(crate) version: super::OpenApiVersion,
    pub(crate) path: &'a str,
}
