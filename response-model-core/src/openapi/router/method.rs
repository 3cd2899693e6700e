//! [`ApiMethodRouter`]: the methods of one path, from [`get`], [`post`], ... and their
//! chained twins, with the builder that completes the operation added last.

use axum::handler::Handler;
use axum::routing::MethodRouter;
use http::Method;

use crate::openapi::operation::OperationDoc;
use crate::openapi::schema::DocContext;
use crate::openapi::traits::ApiHandler;

/// What a route's builder adds to an operation.
#[derive(Clone, Debug, Default)]
pub(super) struct OpMeta {
    pub(super) summary: Option<String>,
    pub(super) description: Option<String>,
    pub(super) tags: Vec<String>,
    /// The tag of an operation given none: its router's [`tag`](crate::routing::ApiRouter::tag),
    /// or the prefix it was nested under.
    pub(super) default_tag: Option<String>,
    /// Responses the route declares (FastAPI's `responses={...}`), in order.
    pub(super) declared: Vec<Declared>,
    pub(super) operation_id: Option<String>,
    /// The operation-id rule of the innermost router that set one
    /// ([`ApiRouter::operation_ids`](crate::routing::ApiRouter::operation_ids)).
    pub(super) id_rule: Option<IdRule>,
    pub(super) deprecated: bool,
    /// Stated public: `security: []`.
    pub(super) public: bool,
    /// What the extractors run by layers around the route document (its
    /// [`security_layer`](crate::routing::ApiRouter::security_layer)s), innermost first.
    pub(super) layer_inputs: Vec<fn(&mut DocContext, &mut OperationDoc)>,
}

/// An operation-id rule, shared by the operations of the router that set it.
#[derive(Clone)]
pub(super) struct IdRule(pub(super) std::sync::Arc<dyn Fn(&RouteInfo<'_>) -> String + Send + Sync>);

impl std::fmt::Debug for IdRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdRule(..)")
    }
}

/// What an operation-id rule ([`ApiRouter::operation_ids`](crate::routing::ApiRouter::operation_ids))
/// is given of a route: FastAPI's `APIRoute` as `generate_unique_id_function` sees it.
///
/// ```
/// use response_model::routing::{ApiRouter, RouteInfo, get};
///
/// async fn read_items() -> &'static str { "[]" }
///
/// fn rule(route: &RouteInfo<'_>) -> String {
///     format!("{} {} {} {}", route.method(), route.path(), route.tag(), route.name().unwrap_or("anon"))
/// }
/// let app: ApiRouter = ApiRouter::new().route("/items/", get(read_items)).tag("items").operation_ids(rule);
/// assert_eq!(app.openapi()["paths"]["/items/"]["get"]["operationId"], "GET /items/ items read_items");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct RouteInfo<'a> {
    pub(super) method: &'a Method,
    pub(super) path: &'a str,
    pub(super) tags: &'a [String],
    pub(super) name: Option<&'a str>,
}

impl<'a> RouteInfo<'a> {
    /// The HTTP method (`GET`, ...).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// # async fn h() -> &'static str { "" }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h)).operation_ids(|r| r.method().as_str().to_lowercase());
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["operationId"], "get");
    /// ```
    pub fn method(&self) -> &'a Method {
        self.method
    }

    /// The path as the document writes it, prefixes included (`/api/v1/items/{id}`).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// # async fn h() -> &'static str { "" }
    /// let inner = ApiRouter::new().route("/items/{id}", get(h));
    /// let app: ApiRouter = ApiRouter::new().nest("/api", inner).operation_ids(|r| r.path().to_owned());
    /// assert_eq!(app.openapi()["paths"]["/api/items/{id}"]["get"]["operationId"], "/api/items/{id}");
    /// ```
    pub fn path(&self) -> &'a str {
        self.path
    }

    /// The operation's tags, as the document writes them (never empty).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// # async fn h() -> &'static str { "" }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).tag("a").tag("b")).operation_ids(|r| r.tags().join("+"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["operationId"], "a+b");
    /// ```
    pub fn tags(&self) -> &'a [String] {
        self.tags
    }

    /// The first tag (FastAPI's `route.tags[0]`).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// # async fn h() -> &'static str { "" }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h)).tag("login").operation_ids(|r| r.tag().to_owned());
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["operationId"], "login");
    /// ```
    pub fn tag(&self) -> &'a str {
        self.tags.first().map_or("default", String::as_str)
    }

    /// The handler's function name (FastAPI's `route.name`), `None` for a closure.
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// async fn read_user_me() -> &'static str { "" }
    /// let app: ApiRouter = ApiRouter::new()
    ///     .route("/me", get(read_user_me))
    ///     .route("/anon", get(|| async { "" }))
    ///     .operation_ids(|r| r.name().unwrap_or("anonymous").to_owned());
    /// let doc = app.openapi();
    /// assert_eq!(doc["paths"]["/me"]["get"]["operationId"], "read_user_me");
    /// assert_eq!(doc["paths"]["/anon"]["get"]["operationId"], "anonymous");
    /// ```
    pub fn name(&self) -> Option<&'a str> {
        self.name
    }
}

/// A response declared on a route: its status, description and, if any, the body's
/// schema (a fn so the schema is made in the document's context).
#[derive(Clone, Debug)]
pub(super) struct Declared {
    pub(super) status: http::StatusCode,
    pub(super) description: String,
    pub(super) body: Option<fn(&mut DocContext) -> crate::openapi::SchemaDoc>,
    /// A JSON example of the body.
    pub(super) example: Option<serde_json::Value>,
}

/// One documented method of a route: how its operation is built, and what the route's
/// builder adds to it.
#[derive(Clone, Debug)]
pub(super) struct OpEntry {
    pub(super) method: Method,
    pub(super) build: fn(&mut DocContext) -> OperationDoc,
    pub(super) handler_name: &'static str,
    pub(super) meta: OpMeta,
}

/// The methods of one path, each handler documented from its types: what [`get`],
/// [`post`], ... return, passed to [`ApiRouter::route`](crate::routing::ApiRouter::route). The builder methods
/// ([`summary`](Self::summary), [`tag`](Self::tag), ...) apply to the method added last.
///
/// ```
/// use response_model::routing::{ApiRouter, get};
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
    pub(super) router: MethodRouter<S>,
    pub(super) ops: Vec<OpEntry>,
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

/// The entry of handler `H` under `method`. `H::operation` is kept as a function, so the
/// operation (and its schemas) is only built when the document is asked for.
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

/// The function of each HTTP method, wrapping axum's of the same name.
macro_rules! method_fns {
    ($($name:ident $method:ident $upper:literal;)+) => {$(
        #[doc = concat!("A `", $upper, "` route documented from `handler`'s types (axum's [`axum::routing::", stringify!($name), "`]).")]
        ///
        /// ```
        #[doc = concat!("use response_model::routing::{ApiRouter, ", stringify!($name), "};")]
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

/// `ApiMethodRouter::get`, `::post`, ...: another method on the same path. `$base` is the
/// function the doctest starts the chain with (`get(a).get(a)` would be a duplicate).
macro_rules! chain_methods {
    ($($name:ident $method:ident $upper:literal, after $base:ident;)+) => {
        impl<S> ApiMethodRouter<S>
        where
            S: Clone + Send + Sync + 'static,
        {$(
            #[doc = concat!("Adds a `", $upper, "` handler on the same path, documented from its types.")]
            ///
            /// ```
            #[doc = concat!("use response_model::routing::{ApiRouter, ", stringify!($base), "};")]
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
    /// # use response_model::routing::{ApiRouter, get};
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
    /// # use response_model::routing::{ApiRouter, get};
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
    /// # use response_model::routing::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).tag("pages").tag("public"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["tags"], serde_json::json!(["pages", "public"]));
    /// ```
    pub fn tag(self, tag: impl Into<String>) -> Self {
        let tag = tag.into();
        self.with_last(|m| m.tags.push(tag))
    }

    /// Declares a response of the operation added last that its types do not say
    /// (FastAPI's `responses={403: {"description": "Not enough privileges"}}`): a status
    /// the types already document keeps its body and takes this description; another
    /// status is added, without a body. Declare only what the route really answers (a
    /// middleware's 403, say): the document is the route's promise.
    ///
    /// ```
    /// use http::StatusCode;
    /// use response_model::routing::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route(
    ///     "/admin",
    ///     get(h)
    ///         .response(StatusCode::FORBIDDEN, "Not enough privileges")
    ///         .response(StatusCode::OK, "The admin page"),
    /// );
    /// let doc = app.openapi();
    /// let responses = &doc["paths"]["/admin"]["get"]["responses"];
    /// assert_eq!(responses["403"]["description"], "Not enough privileges");
    /// assert_eq!(responses["200"]["description"], "The admin page");
    /// assert_eq!(responses["200"]["content"]["text/plain"]["schema"]["type"], "string");
    /// ```
    pub fn response(self, status: http::StatusCode, description: impl Into<String>) -> Self {
        let declared = Declared {
            status,
            description: description.into(),
            body: None,
            example: None,
        };
        self.with_last(|m| m.declared.push(declared))
    }

    /// Declares a response with a JSON body of `T` (FastAPI's
    /// `responses={404: {"model": Message}}`), merged into a status the types document, or
    /// added.
    ///
    /// ```
    /// use http::StatusCode;
    /// use response_model::routing::{ApiRouter, get};
    ///
    /// #[derive(serde::Serialize, schemars::JsonSchema)]
    /// struct Message { message: String }
    ///
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new()
    ///     .route("/items/{id}", get(h).response_body::<Message>(StatusCode::NOT_FOUND, "Not found"));
    /// let doc = app.openapi();
    /// let not_found = &doc["paths"]["/items/{id}"]["get"]["responses"]["404"];
    /// assert_eq!(not_found["content"]["application/json"]["schema"]["$ref"], "#/components/schemas/Message");
    /// ```
    pub fn response_body<T: schemars::JsonSchema>(
        self,
        status: http::StatusCode,
        description: impl Into<String>,
    ) -> Self {
        let declared = Declared {
            status,
            description: description.into(),
            body: Some(|cx| cx.register_output::<T>()),
            example: None,
        };
        self.with_last(|m| m.declared.push(declared))
    }

    /// An example of the JSON body the operation added last answers with `status`: a
    /// typed value, serialized as the wire serializes it (both encoders write the same
    /// text), shown by Swagger UI and ReDoc. It is merged into the documented response of
    /// that status, which keeps its description and schema; the description is that of
    /// the status when the types document none.
    ///
    /// ```
    /// use http::StatusCode;
    /// use response_model::Model;
    /// use response_model::routing::{ApiRouter, get};
    ///
    /// #[derive(serde::Serialize, schemars::JsonSchema)]
    /// struct Item { name: String, price: f64 }
    ///
    /// async fn read() -> Model<Item> { Model(Item { name: "Foo".into(), price: 50.2 }) }
    /// let app: ApiRouter = ApiRouter::new().route(
    ///     "/items/foo",
    ///     get(read).response_example(StatusCode::OK, Item { name: "Foo".into(), price: 50.2 }),
    /// );
    /// let doc = app.openapi();
    /// let ok = &doc["paths"]["/items/foo"]["get"]["responses"]["200"]["content"]["application/json"];
    /// assert_eq!(ok["example"], serde_json::json!({"name": "Foo", "price": 50.2}));
    /// ```
    #[allow(
        clippy::panic,
        reason = "building the routes (at startup): a value that cannot be serialized is no example"
    )]
    pub fn response_example(
        self,
        status: http::StatusCode,
        example: impl serde::Serialize,
    ) -> Self {
        let example = match serde_json::to_value(example) {
            Ok(value) => value,
            Err(err) => panic!("the example of a {status} response cannot be serialized: {err}"),
        };
        let declared = Declared {
            status,
            description: status.canonical_reason().unwrap_or("Response").to_owned(),
            body: None,
            example: Some(example),
        };
        self.with_last(|m| m.declared.push(declared))
    }

    /// Sets the operation id of the operation added last (default: the handler's name).
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).operation_id("home"));
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["operationId"], "home");
    /// ```
    pub fn operation_id(self, id: impl Into<String>) -> Self {
        let id = id.into();
        self.with_last(|m| m.operation_id = Some(id))
    }

    /// Marks the operation added last as deprecated (FastAPI's `deprecated=True`), as
    /// `#[deprecated]` on a `#[handler]` fn does.
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// async fn h() -> String { String::new() }
    /// let app: ApiRouter = ApiRouter::new().route("/", get(h).deprecated());
    /// assert_eq!(app.openapi()["paths"]["/"]["get"]["deprecated"], true);
    /// ```
    pub fn deprecated(self) -> Self {
        self.with_last(|m| m.deprecated = true)
    }

    /// States that the operation needs no credential: `security: []`, which overrides a
    /// document-wide requirement in the readers of the document (Swagger UI shows no lock,
    /// generators send no token), as OpenAPI means an empty list. It is a statement about
    /// the wire, so it is checked: an operation whose extractors or
    /// [`security_layer`](crate::routing::ApiRouter::security_layer)s require a credential
    /// cannot be public, and building the document fails with a message naming the route
    /// (an optional extractor, `Option<CurrentUser>`, lets anonymous callers in and is
    /// documented as it is).
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// async fn health() -> &'static str { "ok" }
    /// let app: ApiRouter = ApiRouter::new().route("/health", get(health).public());
    /// assert_eq!(app.openapi()["paths"]["/health"]["get"]["security"], serde_json::json!([]));
    /// ```
    pub fn public(self) -> Self {
        self.with_last(|m| m.public = true)
    }
}
