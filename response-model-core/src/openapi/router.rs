//! `ApiRouter`: an `axum::Router` that records each route's operation from its handler's
//! types.

use std::collections::{BTreeMap, BTreeSet};
use std::convert::Infallible;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, Route};
use http::Method;
use serde_json::{Map, Value};
use tower::{Layer, Service};

use super::operation::{OperationDoc, ParamLocation, ParameterDoc, RenderCx};
use super::schema::{DocContext, SchemaDoc, openapi_path};
use super::serve::{DocsConfig, add_docs_routes};
use super::traits::ApiHandler;

/// Which OpenAPI version the document is written in.
///
/// The only difference this crate makes: streams (`text/event-stream`, JSON Lines)
/// carry their item schema as 3.2's `itemSchema`, or, in 3.1, as a `string` body with
/// the item schema under the `x-itemSchema` extension (3.1 has no field for it).
///
/// ```
/// use response_model_core::openapi::{ApiRouter, OpenApiVersion};
/// let doc = ApiRouter::<()>::new().openapi_version(OpenApiVersion::V3_2).openapi();
/// assert_eq!(doc["openapi"], "3.2.0");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OpenApiVersion {
    /// OpenAPI 3.1.0 (the default).
    #[default]
    V3_1,
    /// OpenAPI 3.2.0.
    V3_2,
}

impl OpenApiVersion {
    fn as_str(self) -> &'static str {
        match self {
            OpenApiVersion::V3_1 => "3.1.0",
            OpenApiVersion::V3_2 => "3.2.0",
        }
    }
}

/// What a route's builder adds to an operation.
#[derive(Clone, Debug, Default)]
struct OpMeta {
    summary: Option<String>,
    description: Option<String>,
    tags: Vec<String>,
    operation_id: Option<String>,
    deprecated: bool,
}

#[derive(Clone, Debug)]
struct OpEntry {
    method: Method,
    build: fn(&mut DocContext) -> OperationDoc,
    handler_name: &'static str,
    meta: OpMeta,
}

/// The methods of one path, each handler documented from its types: what [`get`],
/// [`post`], ... return, passed to [`ApiRouter::route`]. The builder methods
/// ([`summary`](Self::summary), [`tag`](Self::tag), ...) apply to the method added last.
///
/// ```
/// use response_model_core::openapi::{ApiRouter, get};
/// async fn list() -> String { "[]".into() }
/// async fn create() -> String { "{}".into() }
/// let app: ApiRouter = ApiRouter::new().route(
///     "/items",
///     get(list).summary("List items").tag("items")
///         .post(create).summary("Create an item").tag("items"),
/// );
/// let doc = app.openapi();
/// assert_eq!(doc["paths"]["/items"]["get"]["summary"], "List items");
/// assert_eq!(doc["paths"]["/items"]["post"]["tags"][0], "items");
/// ```
#[must_use]
pub struct ApiMethodRouter<S = ()> {
    router: MethodRouter<S>,
    ops: Vec<OpEntry>,
}

impl<S> std::fmt::Debug for ApiMethodRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiMethodRouter")
            .field(
                "methods",
                &self.ops.iter().map(|o| &o.method).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

fn entry<H, M>(method: Method) -> OpEntry
where
    H: ApiHandler<M>,
{
    OpEntry {
        method,
        build: H::operation,
        handler_name: std::any::type_name::<H>(),
        meta: OpMeta::default(),
    }
}

macro_rules! method_fns {
    ($($name:ident $method:ident $upper:literal;)+) => {$(
        #[doc = concat!("A `", $upper, "` route documented from `handler`'s types (axum's [`axum::routing::", stringify!($name), "`]).")]
        ///
        /// ```
        #[doc = concat!("use response_model_core::openapi::{ApiRouter, ", stringify!($name), "};")]
        /// async fn handler() -> &'static str { "ok" }
        #[doc = concat!("let app: ApiRouter = ApiRouter::new().route(\"/x\", ", stringify!($name), "(handler));")]
        #[doc = concat!("assert!(app.openapi()[\"paths\"][\"/x\"][\"", stringify!($name), "\"].is_object());")]
        /// ```
        pub fn $name<H, T, M, S>(handler: H) -> ApiMethodRouter<S>
        where
            H: Handler<T, S> + ApiHandler<M>,
            T: 'static,
            S: Clone + Send + Sync + 'static,
        {
            ApiMethodRouter {
                router: axum::routing::$name(handler),
                ops: vec![entry::<H, M>(Method::$method)],
            }
        }
    )+};
}

method_fns! {
    get GET "GET";
    post POST "POST";
    put PUT "PUT";
    patch PATCH "PATCH";
    delete DELETE "DELETE";
    head HEAD "HEAD";
    options OPTIONS "OPTIONS";
    trace TRACE "TRACE";
}

macro_rules! chain_methods {
    ($($name:ident $method:ident $upper:literal, after $base:ident;)+) => {
        impl<S> ApiMethodRouter<S>
        where
            S: Clone + Send + Sync + 'static,
        {$(
            #[doc = concat!("Adds a `", $upper, "` handler on the same path, documented from its types.")]
            ///
            /// ```
            #[doc = concat!("use response_model_core::openapi::{ApiRouter, ", stringify!($base), "};")]
            /// async fn a() -> &'static str { "" }
            #[doc = concat!("let app: ApiRouter = ApiRouter::new().route(\"/x\", ", stringify!($base), "(a).", stringify!($name), "(a));")]
            #[doc = concat!("assert!(app.openapi()[\"paths\"][\"/x\"][\"", stringify!($name), "\"].is_object());")]
            /// ```
            pub fn $name<H, T, M>(mut self, handler: H) -> Self
            where
                H: Handler<T, S> + ApiHandler<M>,
                T: 'static,
            {
                self.router = self.router.$name(handler);
                self.ops.push(entry::<H, M>(Method::$method));
                self
            }
        )+}
    };
}

chain_methods! {
    get GET "GET", after post;
    post POST "POST", after get;
    put PUT "PUT", after get;
    patch PATCH "PATCH", after get;
    delete DELETE "DELETE", after get;
    head HEAD "HEAD", after get;
    options OPTIONS "OPTIONS", after get;
    trace TRACE "TRACE", after get;
}

impl<S> ApiMethodRouter<S> {
    /// Applies `f` to the builder data of the operation added last (there is always one:
    /// every constructor adds an operation).
    fn with_last(mut self, f: impl FnOnce(&mut OpMeta)) -> Self {
        if let Some(e) = self.ops.last_mut() {
            f(&mut e.meta);
        }
        self
    }

    /// Sets the summary of the operation added last. It wins over the first paragraph of a
    /// `#[handler]`'s doc comment, which wins over the default: the handler's name,
    /// `get_user` -> `Get User`, as FastAPI.
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).summary("Home"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["summary"], "Home");
    /// ```
    pub fn summary(self, summary: impl Into<String>) -> Self {
        let summary = summary.into();
        self.with_last(|m| m.summary = Some(summary))
    }

    /// Sets the description of the operation added last (it wins over the paragraphs of a
    /// `#[handler]`'s doc comment after the first).
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).description("The home page."));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["description"], "The home page.");
    /// ```
    pub fn description(self, description: impl Into<String>) -> Self {
        let description = description.into();
        self.with_last(|m| m.description = Some(description))
    }

    /// Adds a tag to the operation added last.
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).tag("pages").tag("public"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["tags"], serde_json::json!(["pages", "public"]));
    /// ```
    pub fn tag(self, tag: impl Into<String>) -> Self {
        let tag = tag.into();
        self.with_last(|m| m.tags.push(tag))
    }

    /// Sets the operation id of the operation added last (default: the handler's name).
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).operation_id("home"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["operationId"], "home");
    /// ```
    pub fn operation_id(self, id: impl Into<String>) -> Self {
        let id = id.into();
        self.with_last(|m| m.operation_id = Some(id))
    }

    /// Marks the operation added last as deprecated.
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).deprecated());
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["deprecated"], true);
    /// ```
    pub fn deprecated(self) -> Self {
        self.with_last(|m| m.deprecated = true)
    }
}

/// An `axum::Router` that documents each route from its handler's types, and serves the
/// document (`/openapi.json`), Swagger UI (`/docs`) and ReDoc (`/redoc`) with
/// [`with_docs`](Self::with_docs).
///
/// ```
/// use axum::Json;
/// use axum::extract::Path;
/// use response_model_core::openapi::{ApiRouter, get};
///
/// async fn get_item(Path(item_id): Path<u32>) -> Json<u32> { Json(item_id) }
///
/// let api = ApiRouter::new().route("/items/{item_id}", get(get_item)).title("Shop");
/// let doc = api.openapi();
/// assert_eq!(doc["info"]["title"], "Shop");
/// assert_eq!(doc["paths"]["/items/{item_id}"]["get"]["operationId"], "get_item");
/// let app: axum::Router = api.with_docs().into_router();
/// ```
#[must_use]
pub struct ApiRouter<S = ()> {
    router: Router<S>,
    ops: Vec<(String, OpEntry)>,
    title: String,
    version: String,
    description: Option<String>,
    openapi_version: OpenApiVersion,
    docs: Option<DocsConfig>,
}

impl<S> std::fmt::Debug for ApiRouter<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiRouter")
            .field("title", &self.title)
            .field("operations", &self.ops.len())
            .finish_non_exhaustive()
    }
}

impl<S> Default for ApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<S> ApiRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    /// An empty router (document title `API`, version `0.1.0`).
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// let doc = ApiRouter::<()>::new().openapi();
    /// assert_eq!(doc["openapi"], "3.1.0");
    /// assert_eq!(doc["info"]["version"], "0.1.0");
    /// ```
    pub fn new() -> Self {
        Self {
            router: Router::new(),
            ops: Vec::new(),
            title: "API".to_owned(),
            version: "0.1.0".to_owned(),
            description: None,
            openapi_version: OpenApiVersion::default(),
            docs: None,
        }
    }

    /// Adds the methods of `method_router` at `path` (axum syntax: `{id}`, `{*rest}`).
    /// Routing the same path again adds methods to it, as axum does.
    ///
    /// ```
    /// use response_model_core::openapi::{ApiRouter, get, post};
    /// async fn read() -> String { String::new() }
    /// async fn write() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/a", get(read)).route("/a", post(write));
    /// let doc = app.openapi();
    /// assert!(doc["paths"]["/a"]["get"].is_object() && doc["paths"]["/a"]["post"].is_object());
    /// ```
    pub fn route(mut self, path: &str, method_router: ApiMethodRouter<S>) -> Self {
        self.router = self.router.route(path, method_router.router);
        self.ops.extend(
            method_router
                .ops
                .into_iter()
                .map(|op| (path.to_owned(), op)),
        );
        self
    }

    /// Adds a plain axum route that the document leaves out (FastAPI's
    /// `include_in_schema=False`): the escape hatch for handlers whose types cannot be
    /// documented.
    ///
    /// ```
    /// use axum::response::{IntoResponse, Response};
    /// use response_model_core::openapi::{ApiRouter, get};
    /// async fn raw() -> Response { "raw".into_response() }
    /// let app: ApiRouter = ApiRouter::new().route_undocumented("/raw", axum::routing::get(raw));
    /// assert!(app.openapi()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn route_undocumented(mut self, path: &str, method_router: MethodRouter<S>) -> Self {
        self.router = self.router.route(path, method_router);
        self
    }

    /// Nests `router` under `path`: its routes and operations are prefixed. Its title and
    /// docs settings are dropped (the outer router's apply).
    ///
    /// ```
    /// use response_model_core::openapi::{ApiRouter, get};
    /// async fn list() -> String { String::new() }
    /// let users = ApiRouter::new().route("/", get(list)).route("/{id}", get(list));
    /// let app: ApiRouter = ApiRouter::new().nest("/users", users);
    /// let doc = app.openapi();
    /// assert!(doc["paths"]["/users"].is_object());
    /// assert!(doc["paths"]["/users/{id}"].is_object());
    /// ```
    pub fn nest(mut self, path: &str, router: ApiRouter<S>) -> Self {
        let prefix = path.trim_end_matches('/');
        self.ops.extend(router.ops.into_iter().map(|(p, op)| {
            let full = if p == "/" {
                prefix.to_owned()
            } else {
                format!("{prefix}{p}")
            };
            (full, op)
        }));
        self.router = self.router.nest(path, router.router);
        self
    }

    /// Merges the routes and operations of `other` into this router.
    ///
    /// ```
    /// use response_model_core::openapi::{ApiRouter, get};
    /// async fn a() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/a", get(a)).merge(ApiRouter::new().route("/b", get(a)));
    /// assert_eq!(app.openapi()["paths"].as_object().unwrap().len(), 2);
    /// ```
    pub fn merge(mut self, other: ApiRouter<S>) -> Self {
        self.ops.extend(other.ops);
        self.router = self.router.merge(other.router);
        self
    }

    /// Merges a plain `axum::Router`; its routes are served but not documented.
    ///
    /// ```
    /// use response_model_core::openapi::{ApiRouter, get};
    /// let plain = axum::Router::new().route("/health", axum::routing::get(|| async { "ok" }));
    /// let app: ApiRouter = ApiRouter::new().merge_undocumented(plain);
    /// assert!(app.openapi()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn merge_undocumented(mut self, other: Router<S>) -> Self {
        self.router = self.router.merge(other);
        self
    }

    /// Serves a tower service under `path` (as `axum::Router::nest_service`: static files,
    /// another app); it is not documented.
    ///
    /// ```
    /// use response_model_core::openapi::ApiRouter;
    /// let assets = tower_http::services::ServeDir::new("assets");
    /// let app: ApiRouter = ApiRouter::new().nest_service_undocumented("/assets", assets);
    /// assert!(app.openapi()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn nest_service_undocumented<T>(mut self, path: &str, service: T) -> Self
    where
        T: Service<Request, Error = Infallible> + Clone + Send + Sync + 'static,
        T::Response: IntoResponse,
        T::Future: Send + 'static,
    {
        self.router = self.router.nest_service(path, service);
        self
    }

    /// Sets the handler of requests no route matches (as `axum::Router::fallback`); it is
    /// not documented.
    ///
    /// ```
    /// use http::StatusCode;
    /// use response_model_core::openapi::ApiRouter;
    /// async fn not_found() -> (StatusCode, &'static str) { (StatusCode::NOT_FOUND, "nothing here") }
    /// let app: ApiRouter = ApiRouter::new().fallback(not_found);
    /// assert!(app.openapi()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn fallback<H, T>(mut self, handler: H) -> Self
    where
        H: Handler<T, S>,
        T: 'static,
    {
        self.router = self.router.fallback(handler);
        self
    }

    /// Applies a tower layer to every route added so far (as `axum::Router::layer`).
    ///
    /// ```
    /// use response_model_core::JsonEncoder;
    /// use response_model_core::openapi::{ApiRouter, get};
    /// async fn a() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/a", get(a)).layer(JsonEncoder::Fast.layer());
    /// assert!(app.openapi()["paths"]["/a"].is_object());
    /// ```
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<Route> + Clone + Send + Sync + 'static,
        L::Service: Service<Request> + Clone + Send + Sync + 'static,
        <L::Service as Service<Request>>::Response: IntoResponse + 'static,
        <L::Service as Service<Request>>::Error: Into<Infallible> + 'static,
        <L::Service as Service<Request>>::Future: Send + 'static,
    {
        self.router = self.router.layer(layer);
        self
    }

    /// Provides the state, turning this into a router that needs none (`S2`, usually
    /// `()`), as `axum::Router::with_state`.
    ///
    /// ```
    /// use axum::extract::State;
    /// use response_model_core::openapi::{ApiRouter, get};
    /// async fn count(State(n): State<u32>) -> String { n.to_string() }
    /// let app: ApiRouter<()> = ApiRouter::new().route("/n", get(count)).with_state(7);
    /// assert!(app.openapi()["paths"]["/n"]["get"].is_object());
    /// ```
    pub fn with_state<S2>(self, state: S) -> ApiRouter<S2> {
        ApiRouter {
            router: self.router.with_state(state),
            ops: self.ops,
            title: self.title,
            version: self.version,
            description: self.description,
            openapi_version: self.openapi_version,
            docs: self.docs,
        }
    }

    /// Sets the document's `info.title`.
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// assert_eq!(ApiRouter::<()>::new().title("Shop").openapi()["info"]["title"], "Shop");
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets the document's `info.version` (your API's version).
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// assert_eq!(ApiRouter::<()>::new().version("2.0").openapi()["info"]["version"], "2.0");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Sets the document's `info.description`.
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// let doc = ApiRouter::<()>::new().description("Sells things.").openapi();
    /// assert_eq!(doc["info"]["description"], "Sells things.");
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Chooses the OpenAPI version written (default 3.1.0).
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, OpenApiVersion};
    /// let doc = ApiRouter::<()>::new().openapi_version(OpenApiVersion::V3_1).openapi();
    /// assert_eq!(doc["openapi"], "3.1.0");
    /// ```
    pub fn openapi_version(mut self, version: OpenApiVersion) -> Self {
        self.openapi_version = version;
        self
    }

    /// Serves the document at `/openapi.json`, Swagger UI at `/docs` and ReDoc at `/redoc`
    /// when converted [`into_router`](Self::into_router).
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// let app: axum::Router = ApiRouter::new().with_docs().into_router();
    /// ```
    pub fn with_docs(self) -> Self {
        self.docs(DocsConfig::default())
    }

    /// Serves the document and the UIs at the paths of `config`.
    ///
    /// ```
    /// use response_model_core::openapi::{ApiRouter, DocsConfig};
    /// let config = DocsConfig::default().openapi_path("/api.json").redoc_path(None);
    /// let app: axum::Router = ApiRouter::new().docs(config).into_router();
    /// ```
    pub fn docs(mut self, config: DocsConfig) -> Self {
        self.docs = Some(config);
        self
    }

    /// The OpenAPI document: `openapi`, `info`, `paths` (in the order routes were added),
    /// `components` (sorted by name), with schema properties in field order (feature
    /// `preserve-order`, on by default; without it serde_json sorts every map's keys).
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn ping() -> &'static str { "pong" }
    /// let doc = ApiRouter::<()>::new().route("/ping", get(ping)).openapi();
    /// assert_eq!(
    ///     doc["paths"]["/ping"]["get"]["responses"]["200"]["content"]["text/plain"]["schema"]["type"],
    ///     "string"
    /// );
    /// ```
    pub fn openapi(&self) -> Value {
        build_document(
            &self.ops,
            &self.title,
            &self.version,
            self.description.as_deref(),
            self.openapi_version,
        )
    }

    /// The OpenAPI document as pretty-printed JSON: the same bytes on every run for the
    /// same routes.
    ///
    /// ```
    /// # use response_model_core::openapi::ApiRouter;
    /// let json = ApiRouter::<()>::new().openapi_json();
    /// assert!(json.contains("\"openapi\": \"3.1.0\""));
    /// assert_eq!(json, ApiRouter::<()>::new().openapi_json());
    /// ```
    pub fn openapi_json(&self) -> String {
        to_json(&self.openapi())
    }

    /// The plain `axum::Router`, with the docs routes if [`with_docs`](Self::with_docs) or
    /// [`docs`](Self::docs) was called.
    ///
    /// ```
    /// # use response_model_core::openapi::{ApiRouter, get};
    /// async fn ping() -> &'static str { "pong" }
    /// let app: axum::Router = ApiRouter::new().route("/ping", get(ping)).into_router();
    /// ```
    pub fn into_router(self) -> Router<S> {
        match &self.docs {
            Some(config) => {
                let json = self.openapi_json();
                add_docs_routes(self.router, config, json, &self.title)
            }
            None => self.router,
        }
    }
}

impl<S> From<ApiRouter<S>> for Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn from(api: ApiRouter<S>) -> Self {
        api.into_router()
    }
}

/// Pretty JSON. Every map of the document is built in a fixed order, so the bytes are
/// the same on every run: insertion order with serde_json's `preserve_order` (the
/// `preserve-order` feature, on by default), sorted keys without it.
pub(crate) fn to_json(v: &Value) -> String {
    #[allow(clippy::expect_used, reason = "a `Value`'s map keys are strings")]
    serde_json::to_string_pretty(v).expect("a serde_json::Value always serializes")
}

/// `crate::module::get_user` -> `get_user`; `None` for closures and other unnamed types.
fn fn_name(type_name: &str) -> Option<&str> {
    let last = type_name.rsplit("::").next()?;
    let is_ident = !last.is_empty()
        && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !last.starts_with(|c: char| c.is_ascii_digit());
    (is_ident && !type_name.contains('{')).then_some(last)
}

/// FastAPI's default summary: `get_user` -> `Get User`.
fn title_case(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn build_document(
    ops: &[(String, OpEntry)],
    title: &str,
    version: &str,
    description: Option<&str>,
    openapi_version: OpenApiVersion,
) -> Value {
    let mut cx = DocContext::new("/");
    let mut built: Vec<(String, &OpEntry, OperationDoc)> = Vec::with_capacity(ops.len());
    for (path, entry) in ops {
        cx.set_path(path);
        let mut op = (entry.build)(&mut cx);
        let name = fn_name(entry.handler_name);
        let meta = &entry.meta;
        // The route's builder, then what the handler documents (`#[handler]`'s doc
        // comment), then the handler's name.
        op.summary = meta
            .summary
            .clone()
            .or_else(|| op.summary.take())
            .or_else(|| name.map(title_case));
        op.description = meta.description.clone().or_else(|| op.description.take());
        op.tags.clone_from(&meta.tags);
        op.deprecated = meta.deprecated;
        op.operation_id = meta
            .operation_id
            .clone()
            .or_else(|| name.map(str::to_owned));
        // Every templated segment must be declared; a handler that does not extract it
        // still has it in its path.
        for p in cx.path_params() {
            if !op
                .parameters()
                .iter()
                .any(|q| q.location() == ParamLocation::Path && q.name() == p)
            {
                op.add_parameter(ParameterDoc::new(
                    p,
                    ParamLocation::Path,
                    SchemaDoc::plain(serde_json::json!({"type": "string"})),
                ));
            }
        }
        built.push((path.clone(), entry, op));
    }
    // Default operation ids must be unique: duplicates get FastAPI's `{name}{path}_{method}`.
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (_, _, op) in &built {
        if let Some(id) = &op.operation_id {
            *seen.entry(id.clone()).or_default() += 1;
        }
    }
    let dup: BTreeSet<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    for (path, entry, op) in &mut built {
        if let Some(id) = &op.operation_id
            && dup.contains(id)
            && entry.meta.operation_id.is_none()
        {
            op.operation_id = Some(format!(
                "{id}{}_{}",
                sanitize(path),
                entry.method.as_str().to_ascii_lowercase()
            ));
        }
    }

    let components = cx.finish();
    // Paths in the order their first route was added, as FastAPI lists them.
    let mut paths: Map<String, Value> = Map::new();
    for (path, entry, op) in &built {
        let rcx = RenderCx {
            components: &components,
            version: openapi_version,
            path,
        };
        let item = paths
            .entry(openapi_path(path))
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(entry.method.as_str().to_ascii_lowercase(), op.render(&rcx));
        }
    }

    let mut info = Map::new();
    info.insert("title".into(), Value::from(title));
    info.insert("version".into(), Value::from(version));
    if let Some(d) = description {
        info.insert("description".into(), Value::from(d));
    }
    let mut doc = Map::new();
    doc.insert("openapi".into(), Value::from(openapi_version.as_str()));
    doc.insert("info".into(), Value::Object(info));
    doc.insert("paths".into(), Value::Object(paths));
    if !components.schemas.is_empty() {
        let schemas: Map<String, Value> = components.schemas.clone().into_iter().collect();
        let mut c = Map::new();
        c.insert("schemas".into(), Value::Object(schemas));
        doc.insert("components".into(), Value::Object(c));
    }
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_type_names() {
        assert_eq!(fn_name("my_app::routes::get_user"), Some("get_user"));
        assert_eq!(fn_name("my_app::main::{{closure}}"), None);
        assert_eq!(title_case("get_user_by_id"), "Get User By Id");
        assert_eq!(sanitize("/items/{id}"), "_items__id_");
    }
}
