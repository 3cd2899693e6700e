//! [`Conformance`]: every documented operation of an app called in-process, every answer
//! checked against the document.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use http::{HeaderMap, HeaderName, HeaderValue, Method, header};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

use super::contract::{Contract, OperationRef};
use super::generate;
use crate::routing::{ApiRouter, OpenApiVersion};

/// At most this much of a body is read: a stream that goes on is checked on its head.
const HEAD: usize = 1 << 20;

/// How long a body is read before what came is checked as the head of a stream.
const READ_FOR: Duration = Duration::from_secs(5);

/// The conformance check of an app: every documented operation is called in-process (a
/// `oneshot` on the router, no socket), and each answer is checked against the document
/// by a [`Contract`] (status documented for the operation, `Content-Type` a documented
/// media type, required headers there and valid, the body valid for the status's schema),
/// in both renderings the router can serve (OpenAPI 3.1 and 3.0.3).
///
/// Requests come from the [`Case`]s you give (a table: path parameters, query, body,
/// headers such as a bearer token, and the status each must be answered with) and, for
/// [`generated`](Self::generated) requests per operation, from the document itself: its
/// examples and defaults first, then values generated from the input schemas, including
/// values the schemas refuse. A request the document allows must not be refused as
/// invalid (a `422`), fail (a `500`), nor be answered with a status the operation does not
/// document; one it refuses must get a `4xx`, never a `5xx` or a success. The seed is fixed (`0`) so CI is
/// reproducible; [`seed`](Self::seed) and a higher count make a longer run.
///
/// The [`Report`] lists each operation with the statuses produced, every failure and why
/// (the JSON path of the first schema error), operations never called, documented
/// statuses never produced, and routes the router serves that the document does not list.
///
/// ```
/// use axum::Json;
/// use response_model::extract::Path;
/// use response_model::routing::{ApiRouter, get};
/// use response_model::testing::{Case, Conformance};
///
/// async fn read_item(Path(id): Path<u32>) -> Json<u32> { Json(id) }
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let api: ApiRouter = ApiRouter::new().route("/items/{id}", get(read_item));
/// let report = Conformance::new(api)
///     .case(Case::get("/items/3").status(200))
///     .case(Case::get("/items/x").status(422))
///     .generated(8)
///     .run()
///     .await;
/// report.assert_ok();
/// assert_eq!(report.statuses("read_item"), [200, 422]);
/// # });
/// ```
#[must_use = "a conformance check does nothing until `run().await`"]
pub struct Conformance {
    router: Router,
    contracts: Vec<Contract>,
    routed: Vec<String>,
    cases: Vec<Case>,
    unreachable: Vec<(String, String, String)>,
    generated: usize,
    seed: u64,
    headers: HeaderMap,
    exhaustive: bool,
}

impl fmt::Debug for Conformance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Conformance")
            .field("cases", &self.cases.len())
            .field("generated", &self.generated)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

impl Conformance {
    /// The check of `api`: its router, checked against its document in both renderings.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let check = Conformance::new(ApiRouter::new());
    /// # let _ = check;
    /// ```
    pub fn new(api: ApiRouter) -> Self {
        let main = api.openapi();
        let other = match main["openapi"].as_str() {
            Some(v) if v.starts_with("3.0") => OpenApiVersion::V3_1,
            _ => OpenApiVersion::V3_0,
        };
        let routed = api.routed_paths().to_vec();
        let other = api.openapi_version(other);
        let second = other.openapi();
        let mut check = Self::from_parts(main, other.into_router());
        check.contracts.push(Contract::from_document(second));
        check.routed = routed;
        check
    }

    /// The check of a router and the document it publishes (another framework's app, a
    /// router built without [`ApiRouter`], a committed document).
    ///
    /// ```
    /// use axum::routing::get;
    /// use response_model::testing::Conformance;
    /// use serde_json::json;
    ///
    /// let app = axum::Router::new().route("/n", get(|| async { "1" }));
    /// let doc = json!({"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}});
    /// let check = Conformance::from_parts(doc, app);
    /// # let _ = check;
    /// ```
    pub fn from_parts(document: Value, router: Router) -> Self {
        Self {
            router: router.layer(axum::middleware::from_fn(keep_matched_path)),
            contracts: vec![Contract::from_document(document)],
            routed: Vec::new(),
            cases: Vec::new(),
            unreachable: Vec::new(),
            generated: 0,
            seed: 0,
            headers: HeaderMap::new(),
            exhaustive: false,
        }
    }

    /// Adds a request and the status it must be answered with (cases run in the order
    /// given, before generated requests).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// use response_model::testing::{Case, Conformance};
    /// let check = Conformance::new(ApiRouter::new()).case(Case::get("/nope").status(404));
    /// # let _ = check;
    /// ```
    pub fn case(mut self, case: Case) -> Self {
        self.cases.push(case);
        self
    }

    /// Adds every case of a table.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// use response_model::testing::{Case, Conformance};
    /// let table = [Case::get("/a").status(404), Case::get("/b").status(404)];
    /// let check = Conformance::new(ApiRouter::new()).cases(table);
    /// # let _ = check;
    /// ```
    pub fn cases(mut self, cases: impl IntoIterator<Item = Case>) -> Self {
        self.cases.extend(cases);
        self
    }

    /// Generates `count` requests for every documented operation (default `0`: only the
    /// cases run): from examples and defaults first, then from the input schemas, about
    /// one in four with one part made invalid.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let check = Conformance::new(ApiRouter::new()).generated(32);
    /// # let _ = check;
    /// ```
    pub fn generated(mut self, count: usize) -> Self {
        self.generated = count;
        self
    }

    /// The seed of the generated requests (default `0`): the same seed sends the same
    /// requests.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let seed = std::env::var("CONFORMANCE_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    /// let check = Conformance::new(ApiRouter::new()).generated(256).seed(seed);
    /// # let _ = check;
    /// ```
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// A header every generated request carries (a bearer token, an API key); never made
    /// invalid.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let check = Conformance::new(ApiRouter::new()).header("authorization", "Bearer t0ken");
    /// # let _ = check;
    /// ```
    ///
    /// # Panics
    ///
    /// If `name` or `value` is not a valid header name or value: a mistake in the test.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let (name, value) = header_pair(name, value);
        self.headers.append(name, value);
        self
    }

    /// A documented status no request can produce (a `500` only a broken disk gives), with
    /// why: listed as such in the report instead of as never produced. `status` is the
    /// key the document uses: `"500"`, `"5XX"` or `"default"`.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let check = Conformance::new(ApiRouter::new())
    ///     .unreachable("read_file", "500", "only an unreadable file gives it");
    /// # let _ = check;
    /// ```
    pub fn unreachable(mut self, operation_id: &str, status: &str, why: &str) -> Self {
        self.unreachable
            .push((operation_id.to_owned(), status.to_owned(), why.to_owned()));
        self
    }

    /// Every documented status of every operation must be produced (or listed as
    /// [`unreachable`](Self::unreachable)), so every operation called: gaps fail
    /// [`Report::assert_ok`] too. (A status listed as unreachable that a request produced
    /// fails any check; routes served and not documented are listed, never failed: a
    /// health check may be undocumented on purpose.)
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// let check = Conformance::new(ApiRouter::new()).exhaustive();
    /// # let _ = check;
    /// ```
    pub fn exhaustive(mut self) -> Self {
        self.exhaustive = true;
        self
    }

    /// Sends every case, then the generated requests, and checks every answer.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let report = Conformance::new(ApiRouter::new()).run().await;
    /// assert!(report.is_ok(), "{report}");
    /// # });
    /// ```
    pub async fn run(mut self) -> Report {
        let main = &self.contracts[0];
        let mut report = Report {
            title: format!(
                "{} {} (OpenAPI {})",
                main.document()["info"]["title"].as_str().unwrap_or("API"),
                main.document()["info"]["version"].as_str().unwrap_or(""),
                self.contracts
                    .iter()
                    .filter_map(|c| c.document()["openapi"].as_str())
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            seed: self.seed,
            ..Report::default()
        };
        for (op, obj) in main.operations() {
            let keys = obj["responses"]
                .as_object()
                .map(|r| r.keys().cloned().collect())
                .unwrap_or_default();
            report.operations.insert(
                op.label(),
                OperationReport {
                    id: op.id.clone(),
                    documented: keys,
                    ..OperationReport::default()
                },
            );
        }
        let cases = std::mem::take(&mut self.cases);
        for (index, case) in cases.into_iter().enumerate() {
            report.cases += 1;
            let label = format!("case {}: {}", index + 1, case.line);
            let expected = case.status;
            let operation = case.operation;
            let sent = self.send(case.request).await;
            if let Some(id) = operation {
                let reached = self.operation_of(&sent);
                if reached.as_ref().and_then(|op| op.id.as_deref()) != Some(id.as_str()) {
                    let reached = reached
                        .map_or_else(|| "no documented operation".to_owned(), |op| op.label());
                    report.failures.push(Failure {
                        request: label.clone(),
                        problem: format!("reached {reached}, the case expects `{id}`"),
                    });
                }
            }
            if let Some(expected) = expected
                && sent.status != expected
            {
                report.failures.push(Failure {
                    request: label.clone(),
                    problem: format!("answered {}, the case expects {expected}", sent.status),
                });
            }
            self.check(&mut report, &label, &sent, None);
        }
        if self.generated > 0 {
            let ops: Vec<OperationRef> = main.operations().map(|(op, _)| op).collect();
            for op in ops {
                let requests =
                    generate::requests(main, &op, self.seed, self.generated, &self.headers);
                for g in requests {
                    report.generated += 1;
                    let label = format!("generated for {}: {}", op.label(), g.what);
                    let sent = self.send(g.request).await;
                    self.check(&mut report, &label, &sent, Some(g.valid));
                }
            }
        }
        self.finish(&mut report);
        report
    }

    /// Sends `req` and reads its answer (the head of a stream that goes on).
    async fn send(&self, req: Request) -> Sent {
        let method = req.method().clone();
        let path = req.uri().path().to_owned();
        let res = match self.router.clone().oneshot(req).await {
            Ok(res) => res,
            Err(never) => match never {},
        };
        let matched = res.extensions().get::<Matched>().map(|m| m.0.clone());
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let is_sse = headers
            .get(header::CONTENT_TYPE)
            .is_some_and(|ct| ct.as_bytes().starts_with(b"text/event-stream"));
        let (body, truncated, error) = read_body(res.into_body(), is_sse).await;
        Sent {
            method,
            path,
            matched,
            status,
            headers,
            body,
            truncated,
            error,
        }
    }

    /// The documented operation that answered: the route axum matched, else the
    /// document's path the request's path fits.
    fn operation_of(&self, sent: &Sent) -> Option<OperationRef> {
        let main = &self.contracts[0];
        sent.matched
            .as_deref()
            .and_then(|route| main.template_of_route(route))
            .and_then(|t| main.operation_at(sent.method.as_str(), &t))
            .or_else(|| main.operation_for(&sent.method, &sent.path))
    }

    /// Checks an answer against every rendering, and what a generated request
    /// (`valid`: the document allows it) must be answered with.
    fn check(&self, report: &mut Report, label: &str, sent: &Sent, valid: Option<bool>) {
        let main = &self.contracts[0];
        let Some(op) = self.operation_of(sent) else {
            // Not a documented operation (a fallback's 404, a docs page, an undocumented
            // route): nothing to check it against.
            return;
        };
        let status = sent.status;
        let mut fail = |problem: String| {
            report.failures.push(Failure {
                request: label.to_owned(),
                problem,
            });
        };
        if let Some(error) = &sent.error {
            fail(format!(
                "{} -> {status}: the body failed: {error}",
                op.label()
            ));
        }
        for contract in &self.contracts {
            let rendering = contract.document()["openapi"].as_str().unwrap_or("?");
            let Some(op) = contract.operation_at(&op.method, &op.path) else {
                fail(format!(
                    "{}: not in the OpenAPI {rendering} rendering",
                    op.label()
                ));
                continue;
            };
            let result = contract
                .check_head(&op, status, &sent.headers)
                .and_then(|check| {
                    contract.check_body(&op, status, &check, &sent.body, sent.truncated)
                });
            if let Err(v) = result {
                fail(format!("{v} [OpenAPI {rendering}]"));
            }
        }
        match valid {
            // A refusal of what the document allows (422), or an internal error: a
            // documented 503 (a maintenance page) is what the document promises.
            Some(true) if status == 422 || status == 500 => fail(format!(
                "{} -> {status}: a request the document allows was refused{}",
                op.label(),
                body_hint(&sent.body)
            )),
            Some(true)
                if (400..500).contains(&status) && main.response_key(&op, status).is_none() =>
            {
                // Already reported as an undocumented status.
            }
            Some(false) if !(400..500).contains(&status) => fail(format!(
                "{} -> {status}: a request the document refuses was not answered with a 4xx{}",
                op.label(),
                body_hint(&sent.body)
            )),
            _ => {}
        }
        let media = sent
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|ct| ct.to_str().ok())
            .map(|ct| ct.split(';').next().unwrap_or_default().trim().to_owned())
            .unwrap_or_default();
        let entry = report.operations.entry(op.label()).or_default();
        entry.answers.insert((status, media));
        if let Some(key) = main.response_key(&op, status) {
            entry.produced.insert(key);
        }
    }

    /// The gaps: operations never called, documented statuses never produced, routes
    /// served and not documented.
    fn finish(&self, report: &mut Report) {
        let main = &self.contracts[0];
        let documented: BTreeSet<String> = main.document()["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(p, _)| p.clone())
            .collect();
        for route in &self.routed {
            let as_documented = route.replace("{*", "{");
            if !documented.contains(&as_documented) {
                report.undocumented_routes.insert(route.clone());
            }
        }
        for (label, op) in &mut report.operations {
            for key in &op.documented {
                let why = self
                    .unreachable
                    .iter()
                    .find(|(id, status, _)| op.id.as_deref() == Some(id.as_str()) && status == key);
                match (op.produced.contains(key), why) {
                    (true, Some(_)) => report.failures.push(Failure {
                        request: label.clone(),
                        problem: format!(
                            "{label}: status {key} is listed as unreachable, and a request produced it"
                        ),
                    }),
                    (false, Some((_, _, why))) => {
                        op.unreachable.insert(key.clone(), why.clone());
                    }
                    (false, None) => {
                        op.never.insert(key.clone());
                    }
                    (true, None) => {}
                }
            }
        }
        for (id, status, _) in &self.unreachable {
            let known = report
                .operations
                .values()
                .any(|op| op.id.as_deref() == Some(id.as_str()) && op.documented.contains(status));
            if !known {
                report.failures.push(Failure {
                    request: format!("unreachable({id}, {status})"),
                    problem: format!("no operation `{id}` documents the status {status}"),
                });
            }
        }
        report.exhaustive = self.exhaustive;
    }
}

/// The `MatchedPath` of a request, kept on its response (the check reads which
/// operation answered from it).
#[derive(Clone)]
struct Matched(String);

async fn keep_matched_path(req: Request, next: Next) -> Response {
    let matched = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| Matched(m.as_str().to_owned()));
    let mut res = next.run(req).await;
    if let Some(m) = matched {
        res.extensions_mut().insert(m);
    }
    res
}

/// An answer as it came: its body read whole, or its head.
struct Sent {
    method: Method,
    path: String,
    matched: Option<String>,
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
    truncated: bool,
    error: Option<String>,
}

/// The body, or its head: for an event stream up to its first complete event, for a long
/// body its first [`HEAD`] bytes, for a slow one what came within [`READ_FOR`] (`true`:
/// the body went on; dropping it ends the stream).
async fn read_body(mut body: Body, is_sse: bool) -> (Vec<u8>, bool, Option<String>) {
    let mut buf = Vec::new();
    let deadline = tokio::time::Instant::now() + READ_FOR;
    loop {
        let frame = match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => return (buf, true, None),
            Ok(None) => return (buf, false, None),
            Ok(Some(Err(e))) => return (buf, true, Some(e.to_string())),
            Ok(Some(Ok(frame))) => frame,
        };
        if let Ok(data) = frame.into_data() {
            buf.extend_from_slice(&data);
        }
        if is_sse && let Some(end) = buf.windows(2).position(|w| w == b"\n\n") {
            buf.truncate(end + 2);
            return (buf, true, None);
        }
        if buf.len() > HEAD {
            return (buf, true, None);
        }
    }
}

/// ` ({"detail": ...})`: the head of an answer's body, for the report.
fn body_hint(body: &[u8]) -> String {
    if body.is_empty() {
        return String::new();
    }
    let text = String::from_utf8_lossy(body);
    let mut head: String = text.chars().take(300).collect();
    if head.len() < text.len() {
        head.push('…');
    }
    format!(": {head}")
}

/// `name: value` as a header, or a panic saying which: a malformed header in a test is
/// the test's mistake.
#[allow(
    clippy::panic,
    reason = "a malformed header in a test is the test's mistake"
)]
fn header_pair(name: &str, value: &str) -> (HeaderName, HeaderValue) {
    match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
        (Ok(name), Ok(value)) => (name, value),
        _ => panic!("`{name}: {value}` is not a valid header"),
    }
}

/// One request of a [`Conformance`] table and the status it must be answered with.
///
/// ```
/// use response_model::testing::Case;
/// use serde_json::json;
///
/// let table = [
///     Case::get("/items/2").status(200),
///     Case::post("/items").json(&json!({"name": "x", "price": 2.5})).status(201),
///     Case::get("/users/me").bearer("t0ken").status(200),
///     Case::post("/login").form(&[("username", "ada"), ("password", "pw")]).status(200),
/// ];
/// # let _ = table;
/// ```
#[must_use]
pub struct Case {
    request: Request,
    status: Option<u16>,
    operation: Option<String>,
    line: String,
}

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Case")
            .field("request", &self.line)
            .field("status", &self.status)
            .finish()
    }
}

impl Case {
    /// A request with `method` to `uri` (path and query, `/items?limit=2`), no body.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::new(http::Method::OPTIONS, "/items").status(200);
    /// # let _ = case;
    /// ```
    ///
    /// # Panics
    ///
    /// If `uri` is not a valid request target: a mistake in the test.
    #[allow(
        clippy::panic,
        reason = "a malformed URI in a test is the test's mistake"
    )]
    pub fn new(method: Method, uri: &str) -> Self {
        let line = format!("{method} {uri}");
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap_or_else(|e| panic!("`{line}`: {e}"));
        Self {
            request,
            status: None,
            operation: None,
            line,
        }
    }

    /// `GET uri`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::get("/items?skip=1&limit=2").status(200);
    /// # let _ = case;
    /// ```
    pub fn get(uri: &str) -> Self {
        Self::new(Method::GET, uri)
    }

    /// `POST uri`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::post("/items").json(&serde_json::json!({"name": "x"})).status(422);
    /// # let _ = case;
    /// ```
    pub fn post(uri: &str) -> Self {
        Self::new(Method::POST, uri)
    }

    /// `PUT uri`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::put("/touch").status(200);
    /// # let _ = case;
    /// ```
    pub fn put(uri: &str) -> Self {
        Self::new(Method::PUT, uri)
    }

    /// `PATCH uri`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::patch("/users/1").json(&serde_json::json!({"name": "Ada"})).status(200);
    /// # let _ = case;
    /// ```
    pub fn patch(uri: &str) -> Self {
        Self::new(Method::PATCH, uri)
    }

    /// `DELETE uri`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::delete("/items/1").status(204);
    /// # let _ = case;
    /// ```
    pub fn delete(uri: &str) -> Self {
        Self::new(Method::DELETE, uri)
    }

    /// Any request you build (a body that breaks off in transit, a stream, odd headers).
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let req = http::Request::post("/login")
    ///     .header("content-type", "application/x-www-form-urlencoded")
    ///     .body(axum::body::Body::from("username=ada"))?;
    /// let case = Case::request(req).status(422);
    /// # let _ = case;
    /// # Ok::<_, http::Error>(())
    /// ```
    pub fn request(request: Request) -> Self {
        let line = format!("{} {}", request.method(), request.uri());
        Self {
            request,
            status: None,
            operation: None,
            line,
        }
    }

    /// The status the answer must have.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::get("/items/999").status(404);
    /// # let _ = case;
    /// ```
    pub fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The operation (by `operationId`) the request must reach: a typo in the path that
    /// reaches another route fails the case instead of checking the wrong operation.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::get("/items/2").operation("read_item").status(200);
    /// # let _ = case;
    /// ```
    pub fn operation(mut self, operation_id: &str) -> Self {
        self.operation = Some(operation_id.to_owned());
        self
    }

    /// Adds a header.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::get("/items").header("x-token", "secret").status(200);
    /// # let _ = case;
    /// ```
    ///
    /// # Panics
    ///
    /// If `name` or `value` is not a valid header name or value: a mistake in the test.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let (name, value) = header_pair(name, value);
        self.request.headers_mut().append(name, value);
        self
    }

    /// Adds `Authorization: Bearer {token}`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::get("/users/me").bearer("t0ken").status(200);
    /// # let _ = case;
    /// ```
    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }

    /// A body of `content_type`.
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::post("/notes").body("text/plain", "hello").status(201);
    /// # let _ = case;
    /// ```
    pub fn body(mut self, content_type: &str, body: impl Into<Body>) -> Self {
        *self.request.body_mut() = body.into();
        self.header("content-type", content_type)
    }

    /// A JSON body (`Content-Type: application/json`).
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::post("/items").json(&serde_json::json!({"name": "x", "price": 1.5}));
    /// # let _ = case;
    /// ```
    pub fn json(self, body: &impl serde::Serialize) -> Self {
        let text = serde_json::to_string(body).unwrap_or_default();
        self.body("application/json", text)
    }

    /// A form body (`application/x-www-form-urlencoded`).
    ///
    /// ```
    /// # use response_model::testing::Case;
    /// let case = Case::post("/login").form(&[("username", "ada"), ("password", "pw")]);
    /// # let _ = case;
    /// ```
    pub fn form(self, fields: &[(&str, &str)]) -> Self {
        let text = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        self.body("application/x-www-form-urlencoded", text)
    }
}

/// What a [`Conformance`] check found: each operation with the statuses its answers had,
/// every failure, and the gaps. Its `Display` is the report a person reads.
///
/// ```
/// # use response_model::routing::ApiRouter;
/// # use response_model::testing::Conformance;
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let report = Conformance::new(ApiRouter::new()).run().await;
/// println!("{report}");
/// assert!(report.failures().next().is_none());
/// # });
/// ```
#[derive(Debug, Default)]
pub struct Report {
    title: String,
    seed: u64,
    cases: usize,
    generated: usize,
    exhaustive: bool,
    operations: BTreeMap<String, OperationReport>,
    failures: Vec<Failure>,
    undocumented_routes: BTreeSet<String>,
}

#[derive(Debug, Default)]
struct OperationReport {
    id: Option<String>,
    /// The documented response keys.
    documented: BTreeSet<String>,
    /// Every status answered, with the essence of its media type (`""` without one).
    answers: BTreeSet<(u16, String)>,
    /// The documented keys those statuses fell under.
    produced: BTreeSet<String>,
    never: BTreeSet<String>,
    unreachable: BTreeMap<String, String>,
}

/// One answer that did not agree with the document or with its case.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Failure {
    /// Which request: `case 3: GET /items/2`, or `generated for ...: <what was generated>`.
    pub request: String,
    /// What went wrong.
    pub problem: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n      request: {}", self.problem, self.request)
    }
}

impl Report {
    /// Whether nothing failed (and, for an [`exhaustive`](Conformance::exhaustive) check,
    /// nothing is missing).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// assert!(Conformance::new(ApiRouter::new()).run().await.is_ok());
    /// # });
    /// ```
    pub fn is_ok(&self) -> bool {
        self.failures.is_empty() && !(self.exhaustive && self.has_gaps())
    }

    fn has_gaps(&self) -> bool {
        self.operations.values().any(|op| !op.never.is_empty())
    }

    /// Panics with the whole report unless [`is_ok`](Self::is_ok): the line a test ends
    /// with.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// Conformance::new(ApiRouter::new()).run().await.assert_ok();
    /// # });
    /// ```
    ///
    /// # Panics
    ///
    /// When a check failed: that is its job in a test.
    #[allow(clippy::panic, reason = "an assertion for tests")]
    #[track_caller]
    pub fn assert_ok(&self) {
        if !self.is_ok() {
            panic!("the app does not conform to its document:\n{self}");
        }
    }

    /// Every failure.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let report = Conformance::new(ApiRouter::new()).run().await;
    /// for failure in report.failures() {
    ///     eprintln!("{failure}");
    /// }
    /// # });
    /// ```
    pub fn failures(&self) -> impl Iterator<Item = &Failure> {
        self.failures.iter()
    }

    /// The statuses the operation `operation_id` answered with, in order.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let report = Conformance::new(ApiRouter::new()).run().await;
    /// assert!(report.statuses("read_item").is_empty());
    /// # });
    /// ```
    pub fn statuses(&self, operation_id: &str) -> Vec<u16> {
        let mut statuses: Vec<u16> = self
            .answers(operation_id)
            .into_iter()
            .map(|(status, _)| status)
            .collect();
        statuses.dedup();
        statuses
    }

    /// The distinct answers of the operation `operation_id`: each status with the essence
    /// of its `Content-Type` (`""` without one), in order.
    ///
    /// ```
    /// # use response_model::routing::{ApiRouter, get};
    /// # use response_model::testing::{Case, Conformance};
    /// async fn hello() -> &'static str { "hi" }
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let api: ApiRouter = ApiRouter::new().route("/hello", get(hello));
    /// let report = Conformance::new(api).case(Case::get("/hello")).run().await;
    /// assert_eq!(report.answers("hello"), [(200, "text/plain".to_owned())]);
    /// # });
    /// ```
    pub fn answers(&self, operation_id: &str) -> Vec<(u16, String)> {
        self.operations
            .values()
            .filter(|op| op.id.as_deref() == Some(operation_id))
            .flat_map(|op| op.answers.iter().cloned())
            .collect()
    }

    /// The documented statuses (response keys: `"404"`, `"default"`) no request produced
    /// and none was listed as unreachable, as `(operation, status)`.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let report = Conformance::new(ApiRouter::new()).run().await;
    /// assert!(report.never_produced().is_empty());
    /// # });
    /// ```
    pub fn never_produced(&self) -> Vec<(String, String)> {
        self.operations
            .iter()
            .flat_map(|(label, op)| op.never.iter().map(|k| (label.clone(), k.clone())))
            .collect()
    }

    /// Paths the router routes that the document does not list (`route_undocumented`).
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Conformance;
    /// # tokio::runtime::Runtime::new().unwrap().block_on(async {
    /// let report = Conformance::new(ApiRouter::new()).run().await;
    /// assert!(report.undocumented_routes().next().is_none());
    /// # });
    /// ```
    pub fn undocumented_routes(&self) -> impl Iterator<Item = &str> {
        self.undocumented_routes.iter().map(String::as_str)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "conformance of {}: {} operations, {} requests ({} cases, {} generated, seed {})",
            self.title,
            self.operations.len(),
            self.cases + self.generated,
            self.cases,
            self.generated,
            self.seed
        )?;
        if !self.failures.is_empty() {
            writeln!(f, "FAILED ({}):", self.failures.len())?;
            for failure in &self.failures {
                writeln!(f, "  ✗ {failure}")?;
            }
        }
        writeln!(
            f,
            "operations (statuses answered; documented, never produced):"
        )?;
        for (label, op) in &self.operations {
            let mut statuses: Vec<String> = op.answers.iter().map(|(s, _)| s.to_string()).collect();
            statuses.dedup();
            let called = if statuses.is_empty() {
                "never called".to_owned()
            } else {
                statuses.join(" ")
            };
            write!(f, "  {label}: {called}")?;
            if !op.never.is_empty() {
                let never: Vec<&str> = op.never.iter().map(String::as_str).collect();
                write!(f, "; never produced: {}", never.join(" "))?;
            }
            writeln!(f)?;
            for (key, why) in &op.unreachable {
                writeln!(f, "      {key} unreachable: {why}")?;
            }
        }
        if !self.undocumented_routes.is_empty() {
            let routes: Vec<&str> = self.undocumented_routes().collect();
            writeln!(f, "served, not documented: {}", routes.join(", "))?;
        }
        let verdict = match (self.is_ok(), self.exhaustive && self.has_gaps()) {
            (true, _) => "ok",
            (false, true) if self.failures.is_empty() => "FAILED: an exhaustive check has gaps",
            (false, _) => "FAILED",
        };
        write!(f, "{verdict}")
    }
}
