//! [`ValidateResponses`]: a tower layer that checks every response of a documented route
//! against the document while tests run.
//!
//! How a response is read (issue #20, point 2):
//! - The head (status, `Content-Type`, documented headers) is checked as soon as the inner
//!   service answers ([`Contract::check_head`]).
//! - A body that must be whole to be checked (JSON, text with a schema, an empty body):
//!   of known length, it is read into memory up to the layer's cap, checked, and passed
//!   on as it came (same bytes, same length), so a wrong one can still become a 500; of
//!   unknown length (a stream of text, tokens as they come), it is not held back: it
//!   passes as it comes, a copy is kept up to the cap, and it is checked when it ends.
//!   A longer one passes unchecked, with a warning.
//! - A stream of items (JSON Lines, server-sent events) is never held whole: its body is
//!   wrapped, and each item is checked when the frame that completes it passes. Only the
//!   unfinished item is kept between frames.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::body::Body;
use axum::extract::MatchedPath;
use bytes::{Bytes, BytesMut};
use futures_util::future::BoxFuture;
use http::{HeaderMap, Method, Request, Response, header};
use http_body::{Body as _, Frame, SizeHint};
use http_body_util::BodyExt;
use tower::{Layer, Service};

use super::contract::{BodyCheck, Contract, LineItems, OperationRef, Schema, Violation};
use crate::routing::ApiRouter;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What a body that must be whole to be checked may weigh by default: 1 MiB.
const DEFAULT_MAX_BODY: usize = 1 << 20;

/// A tower layer that checks every response of a documented route against the OpenAPI
/// document, for tests and debug builds: FastAPI's response validation, done by the
/// document rather than by the handler's model, so what is checked is what a client
/// generated from the document reads.
///
/// Each response of an operation the document lists is checked as
/// [`Contract::check`] does: its status is documented, its `Content-Type` is a documented
/// media type, every documented required header is there and valid, and its body is
/// valid for the status's schema. A JSON (or text) body of known length is read whole
/// before it passes, up to [`max_body_bytes`](Self::max_body_bytes) (1 MiB unless set; a
/// longer one passes unchecked, with a warning); one of unknown length (a text stream)
/// passes as it comes, a copy kept up to the cap, and is checked when it ends; a JSON
/// Lines or server-sent events body is checked item by item (each line, each event
/// against `itemSchema`) as its frames pass, never held whole. A body sent with a
/// `Content-Encoding` (compressed by a layer inside this one) is not read. A response
/// that agrees with the document passes on unchanged: same status, headers and bytes.
///
/// A response that does not agree with the document is logged with `tracing::warn!`: the
/// operation, the status, the documented response (`response`, a JSON pointer into the
/// document), where in the schema and in the body they part (`schema_path`,
/// `instance_path`), and what is wrong, without any value of the body or of a header (the
/// schema's error messages quote values, a secret field's too, so they are replaced by
/// the failing keyword; `RESPONSE_MODEL_LOG_VALUES=1` logs them whole, for development).
/// With [`fail_on_violation`](Self::fail_on_violation) it is logged with
/// `tracing::error!`, and the response is replaced by the 500 a failed
/// [`ResponseValidationError`](crate::ResponseValidationError) answers
/// (`Internal Server Error`, `text/plain`), so the test that made the request fails; a
/// stream found wrong when its first frames are already sent is ended with an error
/// instead (the client sees a broken stream), after the items that were right, and so is
/// a body of unknown length found wrong when it ends.
///
/// Responses of routes the document does not list pass untouched: the docs pages,
/// [`route_undocumented`](ApiRouter::route_undocumented) routes, the 404 and 405 answers
/// of paths and methods no route serves. A `HEAD` request that axum answers from a `GET`
/// route is checked as that `GET`, without its (absent) body.
///
/// Apply it with `Router::layer` on the router your app serves, as any tower layer: each
/// route then knows its route (axum's [`MatchedPath`]) and is checked against that
/// operation. Around a whole service (`ServiceBuilder`, or `layer.layer(router)`) the
/// operation is found by matching the request's path against the document's paths
/// (an undocumented route whose path also matches a documented template, `/items/new`
/// beside `/items/{id}`, is then checked as that operation; use `Router::layer` there).
///
/// The layer is a separate type behind the `testing` feature: an app that does not add
/// it does not pay for it. What it costs per request when added is measured in
/// `BENCHMARKS.md`.
///
/// ```
/// use axum::Json;
/// use axum::body::Body;
/// use http::Request;
/// use response_model::routing::{ApiRouter, get};
/// use response_model::testing::ValidateResponses;
/// use tower::ServiceExt;
///
/// async fn count() -> Json<u32> { Json(3) }
///
/// let api: ApiRouter = ApiRouter::new().route("/count", get(count)).with_docs();
/// let validate = ValidateResponses::new(&api).fail_on_violation();
/// let app: axum::Router = api.into_router().layer(validate);
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let res = app.clone().oneshot(Request::get("/count").body(Body::empty())?).await?;
/// assert_eq!(res.status(), 200);
/// let body = axum::body::to_bytes(res.into_body(), 1024).await?;
/// assert_eq!(body, "3");
/// // Undocumented routes pass untouched.
/// let res = app.oneshot(Request::get("/docs").body(Body::empty())?).await?;
/// assert_eq!(res.status(), 200);
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct ValidateResponses {
    contract: Contract,
    fail: bool,
    max_body: usize,
}

impl ValidateResponses {
    /// A layer that checks responses against `api`'s document, logging what disagrees.
    ///
    /// ```
    /// use response_model::routing::{ApiRouter, get};
    /// use response_model::testing::ValidateResponses;
    ///
    /// async fn ping() -> &'static str { "pong" }
    /// let api: ApiRouter = ApiRouter::new().route("/ping", get(ping));
    /// let validate = ValidateResponses::new(&api);
    /// let app: axum::Router = api.into_router().layer(validate);
    /// ```
    pub fn new<S>(api: &ApiRouter<S>) -> Self
    where
        S: Clone + Send + Sync + 'static,
    {
        Self::from_contract(Contract::new(api))
    }

    /// A layer that checks responses against `contract`'s document: the one of an
    /// `ApiRouter`, or any OpenAPI 3.0 or 3.1 document (a committed `openapi.json`).
    ///
    /// ```
    /// use axum::body::Body;
    /// use http::Request;
    /// use response_model::testing::{Contract, ValidateResponses};
    /// use serde_json::json;
    /// use tower::ServiceExt;
    ///
    /// // The document says `/n` answers an integer; the route sends a string.
    /// let contract = Contract::from_document(json!({
    ///     "openapi": "3.1.0",
    ///     "info": {"title": "T", "version": "1"},
    ///     "paths": {"/n": {"get": {"responses": {"200": {
    ///         "description": "OK",
    ///         "content": {"application/json": {"schema": {"type": "integer"}}},
    ///     }}}}},
    /// }));
    /// let app = axum::Router::new()
    ///     .route("/n", axum::routing::get(|| async { axum::Json("three") }))
    ///     .layer(ValidateResponses::from_contract(contract).fail_on_violation());
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let res = app.oneshot(Request::get("/n").body(Body::empty())?).await?;
    /// assert_eq!(res.status(), 500);
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_contract(contract: Contract) -> Self {
        Self {
            contract,
            fail: false,
            max_body: DEFAULT_MAX_BODY,
        }
    }

    /// Replaces a response that disagrees with the document by the 500 of a
    /// [`ResponseValidationError`](crate::ResponseValidationError) (`Internal Server
    /// Error`, `text/plain`), so the test that made the request fails, and logs why with
    /// `tracing::error!`. A stream found wrong after its first frames were sent ends with
    /// an error after the items that were right (a body of unknown length, checked when
    /// it ends, ends with an error instead of its end). Without it, responses pass unchanged and
    /// each disagreement is logged with `tracing::warn!`.
    ///
    /// ```
    /// use axum::body::Body;
    /// use axum::response::IntoResponse;
    /// use http::{Request, StatusCode};
    /// use response_model::testing::{Contract, ValidateResponses};
    /// use serde_json::json;
    /// use tower::ServiceExt;
    ///
    /// // The document lists `200` only; the route answers `418`.
    /// let contract = Contract::from_document(json!({
    ///     "openapi": "3.1.0",
    ///     "info": {"title": "T", "version": "1"},
    ///     "paths": {"/tea": {"get": {"responses": {"200": {"description": "OK"}}}}},
    /// }));
    /// let teapot = || async { StatusCode::IM_A_TEAPOT.into_response() };
    /// let app = axum::Router::new()
    ///     .route("/tea", axum::routing::get(teapot))
    ///     .layer(ValidateResponses::from_contract(contract).fail_on_violation());
    /// # tokio::runtime::Runtime::new()?.block_on(async {
    /// let res = app.oneshot(Request::get("/tea").body(Body::empty())?).await?;
    /// assert_eq!(res.status(), 500);
    /// let body = axum::body::to_bytes(res.into_body(), 1024).await?;
    /// assert_eq!(body, "Internal Server Error");
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// # })?;
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn fail_on_violation(mut self) -> Self {
        self.fail = true;
        self
    }

    /// The most a body that must be whole to be checked (JSON, text) is read into memory
    /// for it: a longer one passes unchecked, with a `tracing::warn!`; one item of a
    /// stream longer than this ends the checking of that stream. 1 MiB unless set.
    ///
    /// ```
    /// use response_model::routing::ApiRouter;
    /// use response_model::testing::ValidateResponses;
    ///
    /// let api: ApiRouter = ApiRouter::new();
    /// let validate = ValidateResponses::new(&api).max_body_bytes(16 << 20);
    /// let app: axum::Router = api.into_router().layer(validate);
    /// ```
    pub fn max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body = limit;
        self
    }

    /// The documented operation a request reaches, and whether only the head of its
    /// response is checked (a `HEAD` request).
    fn target(&self, method: &Method, path: &str, route: Option<&MatchedPath>) -> Option<Target> {
        let contract = &self.contract;
        let find = |method: &Method| match route {
            // Per route (`Router::layer`): the route axum matched, so an undocumented
            // route is never taken for a documented template its path also matches.
            Some(route) => contract
                .template_of_route(route.as_str())
                .and_then(|template| contract.operation_at(method.as_str(), &template)),
            None => contract.operation_for(method, path),
        };
        let head_only = *method == Method::HEAD;
        let op = find(method).or_else(|| {
            // axum answers `HEAD` from the `GET` route, without its body.
            head_only.then(|| find(&Method::GET)).flatten()
        })?;
        Some(Target { op, head_only })
    }

    /// `res`, checked against `target`'s operation.
    async fn check(&self, target: Target, res: Response<Body>) -> Response<Body> {
        let status = res.status().as_u16();
        let op = target.op;
        let check = match self.contract.check_head(&op, status, res.headers()) {
            Ok(check) => check,
            Err(v) => return self.violated(&op, &v, res),
        };
        if target.head_only {
            return res;
        }
        if is_encoded(res.headers()) {
            tracing::debug!(
                operation = %op.label(),
                status,
                "response body not checked against the document: it has a Content-Encoding"
            );
            return res;
        }
        let items = match check {
            BodyCheck::Any => return res,
            BodyCheck::JsonLines(schema) => Items::Lines(schema),
            BodyCheck::Sse { event, data } => Items::Events { event, data },
            // A body of known length is read whole before it passes, so that a wrong one
            // can still be a 500; a stream of unknown length (a text stream, tokens) is
            // not held: it passes as it comes and is checked when it ends.
            whole @ (BodyCheck::Empty | BodyCheck::Json(_) | BodyCheck::Text(_)) => {
                if res.body().size_hint().exact().is_some() {
                    return self.check_whole(op, status, &whole, res).await;
                }
                Items::Whole(whole)
            }
        };
        let layer = self.clone();
        res.map(|body| {
            Body::new(CheckedItems {
                inner: body,
                layer,
                op,
                status,
                items,
                lines: LineItems::default(),
                pending: 0,
                state: StreamState::Checking,
            })
        })
    }

    /// A body of known length read whole (up to the cap), checked, and passed on as it
    /// came.
    async fn check_whole(
        &self,
        op: OperationRef,
        status: u16,
        check: &BodyCheck,
        res: Response<Body>,
    ) -> Response<Body> {
        let (parts, mut body) = res.into_parts();
        if body.size_hint().lower() > self.max_body as u64 {
            self.unchecked(&op, status);
            return Response::from_parts(parts, body);
        }
        let mut frames = VecDeque::new();
        let mut len = 0;
        let mut trailers = false;
        loop {
            match body.frame().await {
                None => break,
                Some(Ok(frame)) => {
                    match frame.data_ref() {
                        Some(data) => len += data.len(),
                        None => trailers = true,
                    }
                    frames.push_back(frame);
                    if len > self.max_body {
                        self.unchecked(&op, status);
                        let rest = Replay::new(frames, Tail::Rest(body));
                        return Response::from_parts(parts, Body::new(rest));
                    }
                }
                // The body failed before it was whole: what it sent is passed on, then
                // its error, as without the layer; there is nothing whole to check.
                Some(Err(e)) => {
                    let rest = Replay::new(frames, Tail::Failed(Some(e)));
                    return Response::from_parts(parts, Body::new(rest));
                }
            }
        }
        let bytes = whole(&frames, len);
        if let Err(v) = self.contract.check_body(&op, status, check, &bytes, false) {
            self.report(&op, &v, Part::Whole);
            if self.fail {
                return crate::encoder::internal_server_error();
            }
        }
        Response::from_parts(parts, replayed(frames, bytes, trailers))
    }

    /// Logs `v`; the 500 instead of `res` when failing on violations.
    fn violated(&self, op: &OperationRef, v: &Violation, res: Response<Body>) -> Response<Body> {
        self.report(op, v, Part::Whole);
        if self.fail {
            crate::encoder::internal_server_error()
        } else {
            res
        }
    }

    /// Logs a response that disagrees with the document, without the values of its body.
    fn report(&self, op: &OperationRef, v: &Violation, part: Part) {
        let response = self.response_pointer(op, v);
        let problem = problem(v, part);
        // The contract compiles each schema under `allOf`: the path within the
        // documented schema (the media type's `schema` or `itemSchema`) follows it.
        let schema_path = v
            .schema_path
            .strip_prefix("/allOf/0")
            .unwrap_or(&v.schema_path);
        if self.fail {
            let outcome = match part {
                Part::Whole => "answered 500 instead",
                Part::Item | Part::Streamed => "the stream is ended with an error",
            };
            tracing::error!(
                operation = %v.operation,
                status = v.status,
                response = %response,
                schema_path = %schema_path,
                instance_path = %v.instance_path,
                problem = %problem,
                "response does not match the OpenAPI document; {outcome}"
            );
        } else {
            tracing::warn!(
                operation = %v.operation,
                status = v.status,
                response = %response,
                schema_path = %schema_path,
                instance_path = %v.instance_path,
                problem = %problem,
                "response does not match the OpenAPI document"
            );
        }
    }

    /// The documented response `v` is about (`/paths/~1items/get/responses/200`), or
    /// `""` when its status is not documented.
    fn response_pointer(&self, op: &OperationRef, v: &Violation) -> String {
        self.contract
            .response_key(op, v.status)
            .map(|key| {
                format!(
                    "/paths/{}/{}/responses/{}",
                    escape(&op.path),
                    op.method,
                    escape(&key)
                )
            })
            .unwrap_or_default()
    }

    fn unchecked(&self, op: &OperationRef, status: u16) {
        tracing::warn!(
            operation = %op.label(),
            status,
            max_body_bytes = self.max_body,
            "response body not checked against the document: longer than the cap \
             (ValidateResponses::max_body_bytes)"
        );
    }
}

impl<S> Layer<S> for ValidateResponses {
    type Service = ValidateResponsesService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ValidateResponsesService {
            inner,
            layer: self.clone(),
        }
    }
}

/// The service of [`ValidateResponses`]: `S`, with each response of a documented route
/// checked against the document (its body as `axum::body::Body`).
///
/// ```
/// use axum::body::Body;
/// use http::Request;
/// use response_model::routing::{ApiRouter, get};
/// use response_model::testing::{ValidateResponses, ValidateResponsesService};
/// use tower::{Layer, ServiceExt};
///
/// async fn ping() -> &'static str { "pong" }
/// let api: ApiRouter = ApiRouter::new().route("/ping", get(ping));
/// // Around the whole app: the operation is found by the request's path.
/// let validate = ValidateResponses::new(&api);
/// let app: ValidateResponsesService<axum::Router> = validate.layer(api.into_router());
/// # tokio::runtime::Runtime::new()?.block_on(async {
/// let res = app.oneshot(Request::get("/ping").body(Body::empty())?).await?;
/// assert_eq!(res.status(), 200);
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct ValidateResponsesService<S> {
    inner: S,
    layer: ValidateResponses,
}

impl<S, ReqBody, ResBody> Service<Request<ReqBody>> for ValidateResponsesService<S>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ResBody: http_body::Body<Data = Bytes> + Send + 'static,
    ResBody::Error: Into<BoxError>,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Response<Body>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqBody>) -> Self::Future {
        let target = self
            .layer
            .target(
                req.method(),
                req.uri().path(),
                req.extensions().get::<MatchedPath>(),
            )
            .map(|target| (target, self.layer.clone()));
        let fut = self.inner.call(req);
        Box::pin(async move {
            let res = fut.await?.map(Body::new);
            Ok(match target {
                Some((target, layer)) => layer.check(target, res).await,
                None => res,
            })
        })
    }
}

/// The operation a request reached.
struct Target {
    op: OperationRef,
    /// A `HEAD` request: no body to check.
    head_only: bool,
}

/// What a violation is about.
#[derive(Clone, Copy)]
enum Part {
    /// The response's head, or its body read whole before it passed.
    Whole,
    /// One item of a stream (a JSON Lines item, an event).
    Item,
    /// A body of unknown length, checked when it ended.
    Streamed,
}

/// What a violation says, without a value of the body or of a header: the schema's
/// messages quote the value (`"hunter2" is not of type "integer"`), so they are replaced
/// by the keyword that failed unless `RESPONSE_MODEL_LOG_VALUES=1`. The contract's other
/// messages (status, media type, a missing header, JSON that does not parse) carry no
/// value.
fn problem(v: &Violation, part: Part) -> Cow<'_, str> {
    // Only a schema's error has a schema path (the contract's own messages have none).
    if v.schema_path.is_empty() || crate::redact::log_values() {
        return Cow::Borrowed(&v.message);
    }
    let keyword = v.schema_path.rsplit('/').next().unwrap_or_default();
    // A header's value is checked as `header `name: value`: <message>`.
    let header = v
        .message
        .strip_prefix("header `")
        .and_then(|rest| rest.split_once(':'));
    let subject = match (header, part) {
        (Some((name, _)), _) => format!("the header `{name}`"),
        (None, Part::Whole | Part::Streamed) => "the body".to_owned(),
        (None, Part::Item) => "an item of the stream".to_owned(),
    };
    Cow::Owned(format!(
        "{subject} fails the schema's `{keyword}` (the message is withheld: it may quote the \
         value; set RESPONSE_MODEL_LOG_VALUES=1 to log it)"
    ))
}

/// Escapes a JSON pointer token (RFC 6901).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// The body was encoded (compressed) by a layer inside this one: its bytes are not the
/// document's media type.
fn is_encoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_ENCODING)
        .is_some_and(|v| v != "identity")
}

/// The data of `frames` as one buffer (no copy for a single frame).
fn whole(frames: &VecDeque<Frame<Bytes>>, len: usize) -> Bytes {
    let mut data = frames.iter().filter_map(Frame::data_ref);
    match (data.next(), data.next()) {
        (None, _) => Bytes::new(),
        (Some(one), None) => one.clone(),
        (Some(first), Some(second)) => {
            let mut buf = BytesMut::with_capacity(len);
            buf.extend_from_slice(first);
            buf.extend_from_slice(second);
            for more in data {
                buf.extend_from_slice(more);
            }
            buf.freeze()
        }
    }
}

/// The body of known length read whole, passed on: as one buffer of that length, or,
/// with trailers, its frames as they came.
fn replayed(frames: VecDeque<Frame<Bytes>>, bytes: Bytes, trailers: bool) -> Body {
    if !trailers {
        Body::from(bytes)
    } else {
        Body::new(Replay::new(frames, Tail::End))
    }
}

/// Frames already read, then what follows them.
struct Replay {
    frames: VecDeque<Frame<Bytes>>,
    tail: Tail,
}

enum Tail {
    End,
    /// The error the body ended with, until it is passed on.
    Failed(Option<axum::Error>),
    /// The rest of the body, not read.
    Rest(Body),
}

impl Replay {
    fn new(frames: VecDeque<Frame<Bytes>>, tail: Tail) -> Self {
        Self { frames, tail }
    }
}

impl http_body::Body for Replay {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        if let Some(frame) = this.frames.pop_front() {
            return Poll::Ready(Some(Ok(frame)));
        }
        match &mut this.tail {
            Tail::End => Poll::Ready(None),
            Tail::Failed(e) => Poll::Ready(e.take().map(Err)),
            Tail::Rest(body) => Pin::new(body).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
            && match &self.tail {
                Tail::End => true,
                Tail::Failed(e) => e.is_none(),
                Tail::Rest(body) => body.is_end_stream(),
            }
    }

    fn size_hint(&self) -> SizeHint {
        let held = self
            .frames
            .iter()
            .filter_map(Frame::data_ref)
            .map(|d| d.len() as u64)
            .sum::<u64>();
        let mut hint = SizeHint::new();
        match &self.tail {
            Tail::Rest(body) => {
                let rest = body.size_hint();
                hint.set_lower(rest.lower() + held);
                if let Some(upper) = rest.upper() {
                    hint.set_upper(upper + held);
                }
            }
            Tail::End | Tail::Failed(_) => hint.set_lower(held),
        }
        hint
    }
}

/// The schema of each item of a stream.
enum Items {
    /// JSON Lines: each line a JSON value.
    Lines(Schema),
    /// Server-sent events: each event's fields, and its `data` as JSON when documented.
    Events { event: Schema, data: Option<Schema> },
    /// A body of unknown length that must be whole to be checked (JSON, text, or none
    /// documented): a copy is kept, up to the cap, and checked when the body ends.
    Whole(BodyCheck),
}

impl Items {
    fn separator(&self) -> &'static [u8] {
        match self {
            Items::Lines(_) => b"\n",
            Items::Events { .. } => b"\n\n",
            Items::Whole(_) => b"",
        }
    }

    /// What a violation found in this stream is about.
    fn part(&self) -> Part {
        match self {
            Items::Lines(_) | Items::Events { .. } => Part::Item,
            Items::Whole(_) => Part::Streamed,
        }
    }
}

enum StreamState {
    /// Each item is checked as it completes.
    Checking,
    /// Frames pass unchecked: the stream ended, failed, or was found wrong (logged once).
    Passing,
    /// Found wrong, failing on violations: the error to send next, then the end.
    Failing(Option<axum::Error>),
}

/// A stream body whose items are checked as its frames pass.
struct CheckedItems {
    inner: Body,
    layer: ValidateResponses,
    op: OperationRef,
    status: u16,
    items: Items,
    lines: LineItems,
    /// The bytes of the unfinished item held in `lines`.
    pending: usize,
    state: StreamState,
}

impl CheckedItems {
    /// Checks the items `data` completes; on a wrong one, the violation and how many
    /// bytes of `data` end the items before it.
    fn feed(&mut self, data: &Bytes) -> Result<(), (Violation, usize)> {
        if let Items::Whole(_) = self.items {
            self.lines.feed(data);
            self.pending += data.len();
            return Ok(());
        }
        let before = self.pending;
        let separator = self.items.separator();
        self.lines.feed(data);
        let mut end = 0;
        let mut good = 0;
        for item in self.lines.take(separator) {
            end += item.len() + separator.len();
            self.check_item(&item).map_err(|v| (v, good))?;
            good = end.saturating_sub(before);
        }
        self.pending = before + data.len() - end;
        Ok(())
    }

    fn check_item(&self, item: &[u8]) -> Result<(), Violation> {
        let contract = &self.layer.contract;
        if let Items::Whole(check) = &self.items {
            return contract.check_body(&self.op, self.status, check, item, false);
        }
        let Ok(text) = std::str::from_utf8(item) else {
            return Err(Violation {
                operation: self.op.label(),
                status: self.status,
                message: "an item of the stream is not UTF-8".to_owned(),
                instance_path: String::new(),
                schema_path: String::new(),
            });
        };
        match &self.items {
            Items::Lines(_) if text.trim().is_empty() => Ok(()),
            Items::Lines(schema) => contract.check_line(&self.op, self.status, schema, text),
            Items::Events { event, data } => {
                contract.check_event(&self.op, self.status, event, data.as_ref(), text)
            }
            Items::Whole(_) => Ok(()),
        }
    }

    /// A wrong item: logged; the stream passes on, or, failing on violations, ends with
    /// an error after the `good` bytes of `data`.
    fn wrong(
        &mut self,
        v: Violation,
        data: Option<Bytes>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        self.layer.report(&self.op, &v, self.items.part());
        if !self.layer.fail {
            self.state = StreamState::Passing;
            return Poll::Ready(data.map(|d| Ok(Frame::data(d))));
        }
        let error = axum::Error::new(v);
        match data.filter(|d| !d.is_empty()) {
            Some(good) => {
                self.state = StreamState::Failing(Some(error));
                Poll::Ready(Some(Ok(Frame::data(good))))
            }
            None => {
                self.state = StreamState::Failing(None);
                Poll::Ready(Some(Err(error)))
            }
        }
    }
}

impl http_body::Body for CheckedItems {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = &mut *self;
        match &mut this.state {
            StreamState::Failing(error) => return Poll::Ready(error.take().map(Err)),
            StreamState::Passing => return Pin::new(&mut this.inner).poll_frame(cx),
            StreamState::Checking => {}
        }
        match ready!(Pin::new(&mut this.inner).poll_frame(cx)) {
            Some(Ok(frame)) => {
                let Some(data) = frame.data_ref() else {
                    return Poll::Ready(Some(Ok(frame)));
                };
                let checked = this.feed(data);
                match checked {
                    Ok(()) if this.pending > this.layer.max_body => {
                        // One item longer than the cap: not held, not checked.
                        this.layer.unchecked(&this.op, this.status);
                        this.lines = LineItems::default();
                        this.state = StreamState::Passing;
                        Poll::Ready(Some(Ok(frame)))
                    }
                    Ok(()) => Poll::Ready(Some(Ok(frame))),
                    Err((v, good)) => {
                        let data = match this.layer.fail {
                            true => data.slice(..good),
                            false => data.clone(),
                        };
                        this.wrong(v, Some(data))
                    }
                }
            }
            Some(Err(e)) => {
                this.state = StreamState::Passing;
                Poll::Ready(Some(Err(e)))
            }
            None => {
                this.state = StreamState::Passing;
                let rest = this.lines.rest();
                match this.check_item(&rest) {
                    Ok(()) => Poll::Ready(None),
                    Err(v) => this.wrong(v, None),
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.state {
            StreamState::Failing(error) => error.is_none(),
            StreamState::Passing => self.inner.is_end_stream(),
            // Polled to its end, where the unfinished item (or the whole copy) is checked.
            StreamState::Checking => false,
        }
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}
