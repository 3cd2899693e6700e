//! `ApiRouter`: an `axum::Router` that records each route's operation from its handler's
//! types.

mod document;
mod method;
mod slashes;

use std::convert::Infallible;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, Route};
use serde_json::Value;
use tower::{Layer, Service};

use super::serve::{DocsConfig, Documents, add_docs_routes};
pub use document::OpenApiVersion;
use document::{build_document, to_json};
pub use method::{ApiMethodRouter, RouteInfo, delete, get, head, options, patch, post, put, trace};
use method::{IdRule, OpEntry};

/// An `axum::Router` that documents each route from its handler's types, and serves the
/// document (`/openapi.json`), Swagger UI (`/docs`), ReDoc (`/redoc`) and Scalar
/// (`/scalar`) with [`with_docs`](Self::with_docs).
///
/// ```
/// use axum::Json;
/// use axum::extract::Path;
/// use response_model::routing::{ApiRouter, get};
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
    servers: Vec<String>,
    openapi_version: OpenApiVersion,
    docs: Option<DocsConfig>,
    tag: Option<String>,
    id_rule: Option<IdRule>,
    /// Every path routed by `route`, `route_undocumented`, `nest` and `merge`, for
    /// `redirect_slashes`.
    paths: Vec<String>,
    redirect_slashes: bool,
    /// A fallback was set with [`fallback`](Self::fallback).
    has_fallback: bool,
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
    /// # use response_model::routing::ApiRouter;
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
            servers: Vec::new(),
            openapi_version: OpenApiVersion::default(),
            docs: None,
            tag: None,
            id_rule: None,
            paths: Vec::new(),
            redirect_slashes: false,
            has_fallback: false,
        }
    }

    /// The tag of every operation of this router that names none with
    /// [`ApiMethodRouter::tag`] (Swagger UI groups operations by tag). Without it an
    /// operation is tagged with the prefix it is [`nest`](Self::nest)ed under, else with
    /// its handler's module: every operation has a tag.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// async fn list() -> &'static str { "[]" }
    /// let users = ApiRouter::new().route("/", get(list)).tag("users");
    /// let app: ApiRouter = ApiRouter::new().nest("/users", users).route("/items", get(list));
    /// let doc = app.openapi();
    /// assert_eq!(doc["paths"]["/users"]["get"]["tags"][0], "users");
    /// ```
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        let tag = tag.into();
        for (_, op) in &mut self.ops {
            op.meta.default_tag.get_or_insert_with(|| tag.clone());
        }
        self.tag = Some(tag);
        self
    }

    /// Adds the methods of `method_router` at `path` (axum syntax: `{id}`, `{*rest}`).
    /// Routing the same path again adds methods to it, as axum does.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get, post};
    /// async fn read() -> String { String::new() }
    /// async fn write() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/a", get(read)).route("/a", post(write));
    /// let doc = app.openapi();
    /// assert!(doc["paths"]["/a"]["get"].is_object() && doc["paths"]["/a"]["post"].is_object());
    /// ```
    pub fn route(mut self, path: &str, method_router: ApiMethodRouter<S>) -> Self {
        self.router = self.router.route(path, method_router.router);
        self.paths.push(path.to_owned());
        let tag = self.tag.clone();
        let rule = self.id_rule.clone();
        self.ops.extend(method_router.ops.into_iter().map(|mut op| {
            if let Some(tag) = &tag {
                op.meta.default_tag.get_or_insert_with(|| tag.clone());
            }
            if let Some(rule) = &rule {
                op.meta.id_rule.get_or_insert_with(|| rule.clone());
            }
            (path.to_owned(), op)
        }));
        self
    }

    /// Names every operation of this router by `rule`, FastAPI's
    /// `generate_unique_id_function`: the template's `{tag}-{function_name}`
    /// (`users-read_user_me`), so generated clients get the method names it chose
    /// (`UsersService.readUserMe`). It applies to the routes added before and after the
    /// call, nested ones included; an id set on a route with
    /// [`operation_id`](ApiMethodRouter::operation_id) wins, and a nested router's own
    /// rule wins over this one for its routes (as in FastAPI). Without a rule an operation
    /// is named after its handler (`read_user_me`). Two operations given the same id are
    /// told apart as FastAPI's defaults are (`{id}{path}_{method}`), so the document stays
    /// valid.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get, post};
    ///
    /// async fn read_user_me() -> &'static str { "{}" }
    /// async fn login_access_token() -> &'static str { "{}" }
    ///
    /// let users = ApiRouter::new().route("/users/me", get(read_user_me)).tag("users");
    /// let login = ApiRouter::new().route("/login/access-token", post(login_access_token)).tag("login");
    /// let api: ApiRouter = ApiRouter::new()
    ///     .nest("/api/v1", users.merge(login))
    ///     .operation_ids(|route| format!("{}-{}", route.tag(), route.name().unwrap_or("op")));
    /// let doc = api.openapi();
    /// assert_eq!(doc["paths"]["/api/v1/users/me"]["get"]["operationId"], "users-read_user_me");
    /// assert_eq!(doc["paths"]["/api/v1/login/access-token"]["post"]["operationId"], "login-login_access_token");
    /// ```
    pub fn operation_ids<F>(mut self, rule: F) -> Self
    where
        F: Fn(&RouteInfo<'_>) -> String + Send + Sync + 'static,
    {
        let rule = IdRule(std::sync::Arc::new(rule));
        for (_, op) in &mut self.ops {
            op.meta.id_rule.get_or_insert_with(|| rule.clone());
        }
        self.id_rule = Some(rule);
        self
    }

    /// Adds a plain axum route that the document leaves out (FastAPI's
    /// `include_in_schema=False`): the escape hatch for handlers whose types cannot be
    /// documented.
    ///
    /// ```
    /// use axum::response::{IntoResponse, Response};
    /// use response_model::routing::{ApiRouter, get};
    /// async fn raw() -> Response { "raw".into_response() }
    /// let app: ApiRouter = ApiRouter::new().route_undocumented("/raw", axum::routing::get(raw));
    /// assert!(app.openapi()["paths"].as_object().unwrap().is_empty());
    /// ```
    pub fn route_undocumented(mut self, path: &str, method_router: MethodRouter<S>) -> Self {
        self.router = self.router.route(path, method_router);
        self.paths.push(path.to_owned());
        self
    }

    /// Nests `router` under `path`: its routes and operations are prefixed. Its title and
    /// docs settings are dropped (the outer router's apply).
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// async fn list() -> String { String::new() }
    /// let users = ApiRouter::new().route("/", get(list)).route("/{id}", get(list));
    /// let app: ApiRouter = ApiRouter::new().nest("/users", users);
    /// let doc = app.openapi();
    /// assert!(doc["paths"]["/users"].is_object());
    /// assert!(doc["paths"]["/users/{id}"].is_object());
    /// ```
    pub fn nest(mut self, path: &str, router: ApiRouter<S>) -> Self {
        let prefix = path.trim_end_matches('/');
        let prefix_tag = prefix
            .split('/')
            .find(|s| !s.is_empty() && !s.starts_with('{'));
        let nested = |p: &str| {
            if p == "/" {
                prefix.to_owned()
            } else {
                format!("{prefix}{p}")
            }
        };
        self.paths.extend(router.paths.iter().map(|p| nested(p)));
        self.ops.extend(router.ops.into_iter().map(|(p, mut op)| {
            if let Some(tag) = self.tag.as_deref().or(prefix_tag) {
                op.meta.default_tag.get_or_insert_with(|| tag.to_owned());
            }
            if let Some(rule) = &self.id_rule {
                op.meta.id_rule.get_or_insert_with(|| rule.clone());
            }
            (nested(&p), op)
        }));
        self.router = self.router.nest(path, router.router);
        self
    }

    /// Merges the routes and operations of `other` into this router.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// async fn a() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/a", get(a)).merge(ApiRouter::new().route("/b", get(a)));
    /// assert_eq!(app.openapi()["paths"].as_object().unwrap().len(), 2);
    /// ```
    pub fn merge(mut self, other: ApiRouter<S>) -> Self {
        self.paths.extend(other.paths);
        let rule = self.id_rule.clone();
        self.ops.extend(other.ops.into_iter().map(|(p, mut op)| {
            if let Some(rule) = &rule {
                op.meta.id_rule.get_or_insert_with(|| rule.clone());
            }
            (p, op)
        }));
        self.router = self.router.merge(other.router);
        self
    }

    /// Merges a plain `axum::Router`; its routes are served but not documented.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
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
    /// use response_model::routing::ApiRouter;
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
    /// use response_model::routing::ApiRouter;
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
        self.has_fallback = true;
        self
    }

    /// Applies a tower layer to every route added so far (as `axum::Router::layer`).
    ///
    /// ```
    /// use response_model::encoder::JsonEncoder;
    /// use response_model::routing::{ApiRouter, get};
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

    /// Runs the auth extractor `E` before every route added so far, and documents it on
    /// each: axum's `route_layer(middleware::from_extractor::<E>())`, FastAPI's
    /// `APIRouter(dependencies=[Depends(get_current_user)])`.
    ///
    /// The layer is the one axum builds (`from_extractor` or `from_extractor_with_state`),
    /// so what is documented is what runs: a request `E` refuses gets `E`'s rejection and
    /// never reaches the handler, and every operation behind the layer carries `E`'s
    /// requirement and the responses of its rejection, without an argument per handler.
    /// Routes added after the call, or outside this router, are neither guarded nor
    /// documented as such. `E` must say which scheme it reads ([`ApiSecurity`]): a layer
    /// whose extractor documents no scheme does not compile.
    ///
    /// ```
    /// use axum::middleware::from_extractor;
    /// use response_model::routing::{ApiRouter, get};
    /// use response_model::security::BearerToken;
    ///
    /// async fn list() -> &'static str { "[]" }
    /// async fn health() -> &'static str { "ok" }
    ///
    /// let private = ApiRouter::new()
    ///     .route("/items", get(list))
    ///     .security_layer(from_extractor::<BearerToken>());
    /// let app: ApiRouter = ApiRouter::new().route("/health", get(health)).merge(private);
    /// let doc = app.openapi();
    /// assert_eq!(doc["paths"]["/items"]["get"]["security"], serde_json::json!([{"HTTPBearer": []}]));
    /// assert_eq!(doc["paths"]["/items"]["get"]["responses"]["401"]["description"], "Not authenticated");
    /// assert!(doc["paths"]["/health"]["get"].get("security").is_none());
    /// ```
    ///
    /// [`ApiSecurity`]: crate::security::ApiSecurity
    pub fn security_layer<E, T>(mut self, layer: axum::middleware::FromExtractorLayer<E, T>) -> Self
    where
        E: crate::security::ApiSecurity + 'static,
        axum::middleware::FromExtractorLayer<E, T>: Layer<Route> + Clone + Send + Sync + 'static,
        <axum::middleware::FromExtractorLayer<E, T> as Layer<Route>>::Service:
            Service<Request> + Clone + Send + Sync + 'static,
        <<axum::middleware::FromExtractorLayer<E, T> as Layer<Route>>::Service as Service<
            Request,
        >>::Response: IntoResponse + 'static,
        <<axum::middleware::FromExtractorLayer<E, T> as Layer<Route>>::Service as Service<
            Request,
        >>::Error: Into<Infallible> + 'static,
        <<axum::middleware::FromExtractorLayer<E, T> as Layer<Route>>::Service as Service<
            Request,
        >>::Future: Send + 'static,
    {
        self.router = self.router.route_layer(layer);
        for (_, op) in &mut self.ops {
            op.meta
                .layer_inputs
                .push(<E as crate::openapi::ApiInput>::document);
        }
        self
    }

    /// States that every route added so far needs no credential (`security: []`, see
    /// [`ApiMethodRouter::public`]); a route guarded by an extractor or a
    /// [`security_layer`](Self::security_layer) cannot be public, and building the document
    /// fails naming it.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// async fn page() -> &'static str { "" }
    /// let open = ApiRouter::new().route("/health", get(page)).route("/version", get(page)).public();
    /// let doc = ApiRouter::<()>::new().merge(open).openapi();
    /// assert_eq!(doc["paths"]["/version"]["get"]["security"], serde_json::json!([]));
    /// ```
    pub fn public(mut self) -> Self {
        for (_, op) in &mut self.ops {
            op.meta.public = true;
        }
        self
    }

    /// Provides the state, turning this into a router that needs none (`S2`, usually
    /// `()`), as `axum::Router::with_state`.
    ///
    /// ```
    /// use axum::extract::State;
    /// use response_model::routing::{ApiRouter, get};
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
            servers: self.servers,
            openapi_version: self.openapi_version,
            docs: self.docs,
            tag: self.tag,
            id_rule: self.id_rule,
            paths: self.paths,
            redirect_slashes: self.redirect_slashes,
            has_fallback: self.has_fallback,
        }
    }

    /// Answers a request whose path is routed only with the other trailing slash
    /// (`/items` where `/items/` is routed, or the reverse) with `307 Temporary Redirect`
    /// to the routed spelling, query kept, as FastAPI does (Starlette's `redirect_slashes`,
    /// on by default there; off by default here, as in axum, where `/items` and `/items/`
    /// are two paths). A 307 keeps the method and the body, so a `POST /items` reaches
    /// `POST /items/`. Unlike Starlette, the `Location` is the path (and query) alone,
    /// not an absolute URL made from the `Host` header, and it keeps the prefix the app
    /// is nested under (axum's `OriginalUri`). The root `/` is never redirected.
    ///
    /// It applies to the paths routed on this router (documented or not, nested
    /// `ApiRouter`s included) and the docs pages; a plain `axum::Router` merged with
    /// [`merge_undocumented`](Self::merge_undocumented) or a service nested with
    /// [`nest_service_undocumented`](Self::nest_service_undocumented) keeps its own
    /// paths. The redirect is not an operation, so the document lists no 307.
    ///
    /// ```
    /// use axum::body::Body;
    /// use http::{Request, StatusCode, header};
    /// use response_model::routing::{ApiRouter, get};
    /// use tower::ServiceExt;
    ///
    /// async fn list() -> &'static str { "[]" }
    ///
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let app: axum::Router = ApiRouter::new().route("/items/", get(list)).redirect_slashes().into_router();
    /// let res = app.oneshot(Request::get("/items?skip=2").body(Body::empty())?).await?;
    /// assert_eq!(res.status(), StatusCode::TEMPORARY_REDIRECT);
    /// assert_eq!(res.headers()[header::LOCATION], "/items/?skip=2");
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    pub fn redirect_slashes(mut self) -> Self {
        self.redirect_slashes = true;
        self
    }

    /// Sets the document's `info.title`.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// assert_eq!(ApiRouter::<()>::new().title("Shop").openapi()["info"]["title"], "Shop");
    /// ```
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = title.into();
        self
    }

    /// Sets the document's `info.version` (your API's version).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// assert_eq!(ApiRouter::<()>::new().version("2.0").openapi()["info"]["version"], "2.0");
    /// ```
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Sets the document's `info.description`.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// let doc = ApiRouter::<()>::new().description("Sells things.").openapi();
    /// assert_eq!(doc["info"]["description"], "Sells things.");
    /// ```
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds a URL to the document's `servers`: where the operations' paths are served from
    /// (FastAPI's `root_path` and `servers=`). An app nested under a prefix
    /// (`Router::nest("/v1", app)`) says so with `.server("/v1")`, so that Swagger UI's "Try
    /// it out" and generated clients call `/v1/items`, not `/items`; a relative URL is
    /// resolved against the document's own URL. Without one the document lists no servers
    /// (the operations are served from the host's root).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// let doc = ApiRouter::<()>::new().server("/v1").openapi();
    /// assert_eq!(doc["servers"], serde_json::json!([{"url": "/v1"}]));
    /// ```
    pub fn server(mut self, url: impl Into<String>) -> Self {
        self.servers.push(url.into());
        self
    }

    /// Chooses the OpenAPI version written (default 3.1.0).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, OpenApiVersion};
    /// let doc = ApiRouter::<()>::new().openapi_version(OpenApiVersion::V3_1).openapi();
    /// assert_eq!(doc["openapi"], "3.1.0");
    /// ```
    pub fn openapi_version(mut self, version: OpenApiVersion) -> Self {
        self.openapi_version = version;
        self
    }

    /// Serves the document at `/openapi.json`, Swagger UI at `/docs`, ReDoc at `/redoc` and
    /// Scalar at `/scalar` when converted [`into_router`](Self::into_router).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// let app: axum::Router = ApiRouter::new().with_docs().into_router();
    /// ```
    pub fn with_docs(self) -> Self {
        self.docs(DocsConfig::default())
    }

    /// Serves the document and the UIs at the paths of `config`.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, DocsConfig};
    /// let config = DocsConfig::default().openapi_path("/api.json").without_redoc();
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
    /// # use response_model::routing::{ApiRouter, get};
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
            &self.servers,
            self.openapi_version,
        )
    }

    /// Every path routed by `route`, `route_undocumented`, `nest` and `merge`, in axum's
    /// spelling (`/files/{*path}`): what the conformance check compares with the document.
    #[cfg(feature = "testing")]
    pub(crate) fn routed_paths(&self) -> &[String] {
        &self.paths
    }

    /// The OpenAPI document as pretty-printed JSON: the same bytes on every run for the
    /// same routes.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// let json = ApiRouter::<()>::new().openapi_json();
    /// assert!(json.contains("\"openapi\": \"3.1.0\""));
    /// assert_eq!(json, ApiRouter::<()>::new().openapi_json());
    /// ```
    pub fn openapi_json(&self) -> String {
        to_json(&self.openapi())
    }

    /// The plain `axum::Router`, with the docs routes if [`with_docs`](Self::with_docs) or
    /// [`docs`](Self::docs) was called. Where no route answers, it answers as FastAPI:
    /// `404 {"detail": "Not Found"}` (unless [`fallback`](Self::fallback) set yours) and,
    /// for a routed path without the method, `405 {"detail": "Method Not Allowed"}` with
    /// `Allow` listing the methods that are routed (`HEAD` too, which axum answers for
    /// every `GET`).
    ///
    /// ```
    /// use axum::body::Body;
    /// use http::{Request, header};
    /// use response_model::routing::{ApiRouter, get};
    /// use tower::ServiceExt;
    ///
    /// async fn ping() -> &'static str { "pong" }
    /// let app: axum::Router = ApiRouter::new().route("/ping", get(ping)).into_router();
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let res = app.clone().oneshot(Request::get("/nope").body(Body::empty())?).await?;
    /// assert_eq!(res.status(), 404);
    /// let body = axum::body::to_bytes(res.into_body(), 1024).await?;
    /// assert_eq!(body, r#"{"detail":"Not Found"}"#);
    /// let res = app.oneshot(Request::delete("/ping").body(Body::empty())?).await?;
    /// assert_eq!(res.status(), 405);
    /// assert_eq!(res.headers()[header::ALLOW], "GET,HEAD");
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// # }).unwrap();
    /// ```
    pub fn into_router(self) -> Router<S> {
        let redirect = self.redirect_slashes.then(|| {
            let docs = self.docs.iter().flat_map(DocsConfig::page_paths);
            slashes::Routed::new(self.paths.iter().map(String::as_str).chain(docs))
        });
        let router = self.into_router_and_docs();
        match redirect {
            Some(routed) => slashes::layer(router, routed),
            None => router,
        }
    }

    fn into_router_and_docs(self) -> Router<S> {
        let has_fallback = self.has_fallback;
        let mut router = self.with_docs_routes();
        // FastAPI's answers where no route matches, as JSON: 404 `{"detail": "Not Found"}`
        // (unless a fallback of yours answers), and 405 `{"detail": "Method Not Allowed"}`
        // with axum's `Allow` header.
        if !has_fallback {
            router = router.fallback(not_found);
        }
        router.method_not_allowed_fallback(method_not_allowed)
    }

    fn with_docs_routes(self) -> Router<S> {
        match &self.docs {
            Some(config) => {
                let documents = Documents {
                    main: self.openapi_json(),
                    v3_0: config.serves_3_0().then(|| {
                        to_json(&build_document(
                            &self.ops,
                            &self.title,
                            &self.version,
                            self.description.as_deref(),
                            &self.servers,
                            OpenApiVersion::V3_0,
                        ))
                    }),
                };
                add_docs_routes(self.router, config, documents, &self.title)
            }
            None => self.router,
        }
    }
}

/// No route has the path: FastAPI's JSON 404.
async fn not_found() -> crate::HttpError<404> {
    crate::HttpError::new("Not Found")
}

/// The path is routed, not for this method: FastAPI's JSON 405 (axum adds `Allow`).
async fn method_not_allowed() -> crate::HttpError<405> {
    crate::HttpError::new("Method Not Allowed")
}

impl<S> From<ApiRouter<S>> for Router<S>
where
    S: Clone + Send + Sync + 'static,
{
    fn from(api: ApiRouter<S>) -> Self {
        api.into_router()
    }
}
