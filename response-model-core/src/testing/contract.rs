//! [`Contract`]: a document made ready to check real responses against it.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};

use http::{HeaderMap, Method, header};
use serde_json::{Value, json};

use super::oas30;
use crate::routing::ApiRouter;

/// An OpenAPI document (3.1 or 3.0) made ready to check real responses against it: its
/// operations found by method and path, each schema compiled once, on first use.
///
/// A response is checked as a client generated from the document would read it: its
/// status is documented for the operation (the exact code, its `NXX` range, or
/// `default`), its `Content-Type` is one of the documented media types, every documented
/// required header is there and every documented header's value is valid for its schema,
/// and the body is valid for the status's schema (JSON; JSON Lines and server-sent events
/// item by item against `itemSchema`; text as a string; binary bodies are not read, nor
/// the body of a `default` response without content, which is how an opaque handler's
/// answer is documented).
///
/// ```
/// use axum::Json;
/// use http::{HeaderMap, Method, header};
/// use response_model::routing::{ApiRouter, get};
/// use response_model::testing::Contract;
///
/// async fn count() -> Json<u32> { Json(3) }
///
/// let api: ApiRouter = ApiRouter::new().route("/count", get(count));
/// let contract = Contract::new(&api);
/// let mut headers = HeaderMap::new();
/// headers.insert(header::CONTENT_TYPE, "application/json".parse()?);
/// // What the handler sends passes; a string where the document says integer does not.
/// contract.check(&Method::GET, "/count", 200, &headers, b"3")?;
/// let err = contract.check(&Method::GET, "/count", 200, &headers, b"\"3\"").unwrap_err();
/// assert!(err.to_string().contains("is not of type \"integer\""), "{err}");
/// // A status the document does not list.
/// assert!(contract.check(&Method::GET, "/count", 418, &headers, b"3").is_err());
/// # Ok::<_, Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Contract {
    inner: Arc<Inner>,
}

struct Inner {
    doc: Value,
    is_3_0: bool,
    /// The components every compiled schema carries (converted to draft 4 for 3.0).
    components: Value,
    /// Concrete paths to document paths; a second router reads a last `{param}` as
    /// catching the rest of the path (axum's `{*rest}`, documented as `{rest}`).
    paths: matchit::Router<String>,
    tails: matchit::Router<String>,
    /// Compiled schemas by their JSON pointer in the document.
    compiled: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

impl fmt::Debug for Contract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Contract")
            .field("openapi", &self.inner.doc["openapi"])
            .field("title", &self.inner.doc["info"]["title"])
            .finish_non_exhaustive()
    }
}

/// A response that does not agree with its document, or a request the document does not
/// know: what was sent, what the document says, and where in the body and the schema
/// they part.
///
/// ```
/// use http::{HeaderMap, Method};
/// use response_model::routing::ApiRouter;
/// use response_model::testing::Contract;
///
/// let contract = Contract::new(&ApiRouter::<()>::new());
/// let err = contract.check(&Method::GET, "/nope", 200, &HeaderMap::new(), b"").unwrap_err();
/// assert_eq!(err.to_string(), "GET /nope -> 200: the document has no operation GET /nope");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Violation {
    /// `GET /items/{item_id}` and, when the document gives one, ` (read_item)`.
    pub operation: String,
    /// The status sent.
    pub status: u16,
    /// What is wrong, in words.
    pub message: String,
    /// Where in the body (a JSON pointer; `""` for the whole body or no body).
    pub instance_path: String,
    /// Where in the documented schema the body fails (a JSON pointer, empty when no schema
    /// is involved).
    pub schema_path: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {}: {}", self.operation, self.status, self.message)?;
        if !self.schema_path.is_empty() {
            write!(
                f,
                " (at `{}` of the body; schema `{}`)",
                self.instance_path, self.schema_path
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}

/// The operation a request reached, as the document names it.
#[derive(Debug, Clone)]
pub(crate) struct OperationRef {
    /// The document's path (`/items/{item_id}`).
    pub(crate) path: String,
    /// Lower-case, as the document keys it.
    pub(crate) method: String,
    pub(crate) id: Option<String>,
}

impl OperationRef {
    /// `GET /items/{item_id} (read_item)`.
    pub(crate) fn label(&self) -> String {
        let method = self.method.to_ascii_uppercase();
        match &self.id {
            Some(id) => format!("{method} {} ({id})", self.path),
            None => format!("{method} {}", self.path),
        }
    }
}

/// A compiled schema and where it is in the document.
#[derive(Clone)]
pub(crate) struct Schema {
    validator: Arc<jsonschema::Validator>,
}

/// What a documented response says of its body, its status and media type matched.
#[derive(Clone)]
pub(crate) enum BodyCheck {
    /// No content documented: the body must be empty.
    Empty,
    /// Not read: a binary body, or a media type without a schema.
    Any,
    /// One JSON value.
    Json(Schema),
    /// A text body, as a string.
    Text(Schema),
    /// JSON Lines: each line a JSON value for the item schema.
    JsonLines(Schema),
    /// Server-sent events: each event (an object of its fields) for the item schema, and
    /// its `data` parsed as JSON for `contentSchema` when the item schema gives one.
    Sse { event: Schema, data: Option<Schema> },
}

/// Escapes a JSON pointer token (RFC 6901).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

impl Contract {
    /// The contract of `api`'s document, in the OpenAPI version the router renders.
    ///
    /// ```
    /// use response_model::routing::ApiRouter;
    /// use response_model::testing::Contract;
    ///
    /// let contract = Contract::new(&ApiRouter::<()>::new().title("Shop"));
    /// assert_eq!(contract.document()["info"]["title"], "Shop");
    /// ```
    pub fn new<S>(api: &ApiRouter<S>) -> Self
    where
        S: Clone + Send + Sync + 'static,
    {
        Self::from_document(api.openapi())
    }

    /// The contract of a document: one this crate built, or any OpenAPI 3.0 or 3.1
    /// document (a committed `openapi.json`, another framework's).
    ///
    /// ```
    /// use response_model::testing::Contract;
    /// use serde_json::json;
    ///
    /// let contract = Contract::from_document(json!({
    ///     "openapi": "3.0.3",
    ///     "info": {"title": "T", "version": "1"},
    ///     "paths": {"/n": {"get": {"responses": {"200": {
    ///         "description": "OK",
    ///         "content": {"application/json": {"schema": {"type": "integer", "nullable": true}}},
    ///     }}}}},
    /// }));
    /// let mut headers = http::HeaderMap::new();
    /// headers.insert(http::header::CONTENT_TYPE, "application/json".parse()?);
    /// contract.check(&http::Method::GET, "/n", 200, &headers, b"null")?;
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_document(doc: Value) -> Self {
        let is_3_0 = doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.0"));
        let components = if is_3_0 {
            oas30::components(&doc["components"])
        } else {
            doc.get("components").cloned().unwrap_or_else(|| json!({}))
        };
        let mut paths = matchit::Router::new();
        let mut tails = matchit::Router::new();
        for template in doc["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            // A path matchit refuses (two parameters in one segment) is found only by
            // its document path ([`Contract::operation_at`]).
            let _ = paths.insert(template.clone(), template.clone());
            if let Some(start) = template.rfind("/{")
                && template.ends_with('}')
            {
                let tail = format!("{}/{{*{}", &template[..start], &template[start + 2..]);
                let _ = tails.insert(tail, template.clone());
            }
        }
        Self {
            inner: Arc::new(Inner {
                doc,
                is_3_0,
                components,
                paths,
                tails,
                compiled: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The document.
    ///
    /// ```
    /// # use response_model::routing::ApiRouter;
    /// # use response_model::testing::Contract;
    /// let contract = Contract::new(&ApiRouter::<()>::new());
    /// assert_eq!(contract.document()["openapi"], "3.1.0");
    /// ```
    pub fn document(&self) -> &Value {
        &self.inner.doc
    }

    /// Checks a response to `method path` (a concrete path, `/items/3`, without its query)
    /// against the document: the operation is documented, `status` is documented for it,
    /// and `headers` and `body` are what the documented response says. The first
    /// disagreement is returned.
    ///
    /// ```
    /// use http::{HeaderMap, Method};
    /// use response_model::routing::{ApiRouter, delete};
    /// use response_model::testing::Contract;
    ///
    /// async fn remove() {}
    /// let contract = Contract::new(&ApiRouter::<()>::new().route("/items/{id}", delete(remove)));
    /// contract.check(&Method::DELETE, "/items/7", 200, &HeaderMap::new(), b"")?;
    /// let err = contract.check(&Method::DELETE, "/items/7", 200, &HeaderMap::new(), b"{}").unwrap_err();
    /// assert!(err.message.contains("no body is documented"), "{err}");
    /// # Ok::<_, Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(
        &self,
        method: &Method,
        path: &str,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), Violation> {
        let Some(op) = self.operation_for(method, path) else {
            return Err(Violation {
                operation: format!("{method} {path}"),
                status,
                message: format!("the document has no operation {method} {path}"),
                instance_path: String::new(),
                schema_path: String::new(),
            });
        };
        let check = self.check_head(&op, status, headers)?;
        self.check_body(&op, status, &check, body, false)
    }

    /// The documented operation `method path` reaches (`path` concrete, without query).
    pub(crate) fn operation_for(&self, method: &Method, path: &str) -> Option<OperationRef> {
        let inner = &self.inner;
        let template = inner
            .paths
            .at(path)
            .or_else(|_| inner.tails.at(path))
            .ok()
            .map(|m| m.value.clone())
            .or_else(|| inner.doc["paths"].get(path).map(|_| path.to_owned()))?;
        self.operation_at(method.as_str(), &template)
    }

    /// The documented operation at the document path `template`.
    pub(crate) fn operation_at(&self, method: &str, template: &str) -> Option<OperationRef> {
        let method = method.to_ascii_lowercase();
        let op = self.inner.doc["paths"].get(template)?.get(&method)?;
        Some(OperationRef {
            path: template.to_owned(),
            id: op["operationId"].as_str().map(str::to_owned),
            method,
        })
    }

    /// The document path of an axum route path (`/files/{*path}` -> `/files/{path}`), if
    /// the document has it.
    pub(crate) fn template_of_route(&self, route: &str) -> Option<String> {
        let template = route.replace("{*", "{");
        self.inner.doc["paths"].get(&template).map(|_| template)
    }

    /// Every documented operation: (path, method, operation object).
    pub(crate) fn operations(&self) -> impl Iterator<Item = (OperationRef, &Value)> {
        const METHODS: [&str; 8] = [
            "get", "put", "post", "delete", "options", "head", "patch", "trace",
        ];
        self.inner.doc["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(path, item)| {
                METHODS.iter().filter_map(move |m| {
                    item.get(*m).map(|op| {
                        (
                            OperationRef {
                                path: path.clone(),
                                method: (*m).to_owned(),
                                id: op["operationId"].as_str().map(str::to_owned),
                            },
                            op,
                        )
                    })
                })
            })
    }

    /// The operation object of `op`.
    pub(crate) fn operation_object(&self, op: &OperationRef) -> &Value {
        &self.inner.doc["paths"][&op.path][&op.method]
    }

    /// The key of the documented response `status` falls under: the exact code, its
    /// `NXX` range, or `default`.
    pub(crate) fn response_key(&self, op: &OperationRef, status: u16) -> Option<String> {
        let responses = &self.operation_object(op)["responses"];
        [
            status.to_string(),
            format!("{}XX", status / 100),
            "default".to_owned(),
        ]
        .into_iter()
        .find(|k| responses.get(k).is_some())
    }

    fn violation(&self, op: &OperationRef, status: u16, message: String) -> Violation {
        Violation {
            operation: op.label(),
            status,
            message,
            instance_path: String::new(),
            schema_path: String::new(),
        }
    }

    /// Checks the status and headers of a response to `op`; what its body must be.
    pub(crate) fn check_head(
        &self,
        op: &OperationRef,
        status: u16,
        headers: &HeaderMap,
    ) -> Result<BodyCheck, Violation> {
        let Some(key) = self.response_key(op, status) else {
            let documented: Vec<&String> = self.operation_object(op)["responses"]
                .as_object()
                .into_iter()
                .flat_map(|r| r.keys())
                .collect();
            return Err(self.violation(
                op,
                status,
                format!("status {status} is not documented (documented: {documented:?})"),
            ));
        };
        let base = format!(
            "/paths/{}/{}/responses/{}",
            escape(&op.path),
            op.method,
            escape(&key)
        );
        let resp = &self.operation_object(op)["responses"][&key];
        let resp = self.resolve(resp);
        for (name, h) in resp["headers"].as_object().into_iter().flatten() {
            let h = self.resolve(h);
            if h["required"] == true && !headers.contains_key(name.as_str()) {
                return Err(self.violation(
                    op,
                    status,
                    format!("the required header `{name}` is missing"),
                ));
            }
            let Some(schema) = h.get("schema") else {
                continue;
            };
            let pointer = format!("{base}/headers/{}/schema", escape(name));
            for value in headers.get_all(name.as_str()) {
                let Ok(text) = value.to_str() else {
                    return Err(self.violation(
                        op,
                        status,
                        format!("the header `{name}` is not text"),
                    ));
                };
                let compiled = self.compile(op, status, &pointer, schema)?;
                self.validate(op, status, &compiled, &header_value(schema, text))
                    .map_err(|mut v| {
                        v.message = format!("header `{name}: {text}`: {}", v.message);
                        v
                    })?;
            }
        }
        let content = resp
            .get("content")
            .and_then(Value::as_object)
            .filter(|c| !c.is_empty());
        let Some(content) = content else {
            // `default` without content is what an opaque handler (`Response`) is
            // documented with: its type says nothing of its status or body, so its body
            // is not checked. Any other response without content has no body.
            if key == "default" {
                return Ok(BodyCheck::Any);
            }
            return Ok(BodyCheck::Empty);
        };
        let Some(ct) = headers.get(header::CONTENT_TYPE) else {
            let documented: Vec<&String> = content.keys().collect();
            return Err(self.violation(
                op,
                status,
                format!("no `Content-Type` (documented: {documented:?})"),
            ));
        };
        let ct = ct.to_str().unwrap_or_default();
        let essence = ct
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let wildcard = essence
            .split_once('/')
            .map(|(ty, _)| format!("{ty}/*"))
            .unwrap_or_default();
        let Some((media_key, media)) = content
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&essence))
            .or_else(|| content.iter().find(|(k, _)| **k == wildcard))
            .or_else(|| content.iter().find(|(k, _)| *k == "*/*"))
        else {
            let documented: Vec<&String> = content.keys().collect();
            return Err(self.violation(
                op,
                status,
                format!("`Content-Type: {ct}` is not a documented media type (documented: {documented:?})"),
            ));
        };
        let media_base = format!("{base}/content/{}", escape(media_key));
        let schema = media.get("schema");
        let binary = schema.is_some_and(|s| {
            s.get("contentMediaType").is_some() || (self.inner.is_3_0 && s["format"] == "binary")
        });
        if binary {
            return Ok(BodyCheck::Any);
        }
        let item = ["itemSchema", "x-itemSchema"]
            .into_iter()
            .find_map(|k| media.get(k).map(|s| (k, s)));
        if let Some((item_key, item)) = item {
            let pointer = format!("{media_base}/{item_key}");
            let compiled = self.compile(op, status, &pointer, item)?;
            if essence == "text/event-stream" {
                let data = match self.resolve(item)["properties"]["data"].get("contentSchema") {
                    Some(s) => Some(self.compile(
                        op,
                        status,
                        &format!("{pointer}/properties/data/contentSchema"),
                        s,
                    )?),
                    None => None,
                };
                return Ok(BodyCheck::Sse {
                    event: compiled,
                    data,
                });
            }
            return Ok(BodyCheck::JsonLines(compiled));
        }
        let Some(schema) = schema else {
            return Ok(BodyCheck::Any);
        };
        let compiled = self.compile(op, status, &format!("{media_base}/schema"), schema)?;
        if essence == "application/json" || essence.ends_with("+json") {
            Ok(BodyCheck::Json(compiled))
        } else {
            Ok(BodyCheck::Text(compiled))
        }
    }

    /// Checks a whole body (or, `truncated`, the head of one: its complete lines).
    pub(crate) fn check_body(
        &self,
        op: &OperationRef,
        status: u16,
        check: &BodyCheck,
        body: &[u8],
        truncated: bool,
    ) -> Result<(), Violation> {
        let text = || {
            std::str::from_utf8(body)
                .map_err(|_| self.violation(op, status, "the body is not UTF-8".to_owned()))
        };
        match check {
            BodyCheck::Any => Ok(()),
            BodyCheck::Empty if body.is_empty() => Ok(()),
            BodyCheck::Empty => Err(self.violation(
                op,
                status,
                format!("no body is documented, and {} bytes were sent", body.len()),
            )),
            BodyCheck::Json(schema) => {
                if truncated {
                    return Err(self.violation(
                        op,
                        status,
                        "the JSON body is too long to check".to_owned(),
                    ));
                }
                let value: Value = serde_json::from_slice(body).map_err(|e| {
                    self.violation(op, status, format!("the body is not JSON: {e}"))
                })?;
                self.validate(op, status, schema, &value)
            }
            BodyCheck::Text(schema) => {
                let text = text()?;
                self.validate(op, status, schema, &Value::String(text.to_owned()))
            }
            BodyCheck::JsonLines(schema) => {
                let text = text()?;
                let complete = match truncated {
                    true => text.rfind('\n').map_or("", |end| &text[..end]),
                    false => text,
                };
                for line in complete.lines().filter(|l| !l.trim().is_empty()) {
                    self.check_line(op, status, schema, line)?;
                }
                Ok(())
            }
            BodyCheck::Sse { event, data } => {
                let text = text()?;
                let mut blocks: Vec<&str> = text.split("\n\n").collect();
                if truncated && !text.ends_with("\n\n") {
                    blocks.pop();
                }
                for block in blocks {
                    self.check_event(op, status, event, data.as_ref(), block)?;
                }
                Ok(())
            }
        }
    }

    /// Checks one JSON Lines item.
    pub(crate) fn check_line(
        &self,
        op: &OperationRef,
        status: u16,
        schema: &Schema,
        line: &str,
    ) -> Result<(), Violation> {
        let value: Value = serde_json::from_str(line).map_err(|e| {
            self.violation(op, status, format!("a JSON Lines item is not JSON: {e}"))
        })?;
        self.validate(op, status, schema, &value)
    }

    /// Checks one server-sent event (its block of `field: value` lines, no blank line).
    pub(crate) fn check_event(
        &self,
        op: &OperationRef,
        status: u16,
        event: &Schema,
        data: Option<&Schema>,
        block: &str,
    ) -> Result<(), Violation> {
        let mut fields = serde_json::Map::new();
        let mut data_lines: Vec<&str> = Vec::new();
        for line in block.lines() {
            // A comment line (`: keep-alive`) carries no field.
            if line.starts_with(':') || line.is_empty() {
                continue;
            }
            let (k, v) = line.split_once(':').unwrap_or((line, ""));
            let v = v.strip_prefix(' ').unwrap_or(v);
            match k {
                "data" => data_lines.push(v),
                "retry" => {
                    let value = v.parse::<u64>().map_or_else(|_| json!(v), |n| json!(n));
                    fields.insert(k.to_owned(), value);
                }
                _ => {
                    fields.insert(k.to_owned(), json!(v));
                }
            }
        }
        if fields.is_empty() && data_lines.is_empty() {
            return Ok(());
        }
        if !data_lines.is_empty() {
            fields.insert("data".to_owned(), json!(data_lines.join("\n")));
        }
        self.validate(op, status, event, &Value::Object(fields.clone()))?;
        if let (Some(schema), Some(Value::String(text))) = (data, fields.get("data")) {
            let value: Value = serde_json::from_str(text).map_err(|e| {
                self.violation(op, status, format!("an event's data is not JSON: {e}"))
            })?;
            self.validate(op, status, schema, &value)?;
        }
        Ok(())
    }

    /// `value` against `schema`; the first error, with where it is.
    pub(crate) fn validate(
        &self,
        op: &OperationRef,
        status: u16,
        schema: &Schema,
        value: &Value,
    ) -> Result<(), Violation> {
        match schema.validator.iter_errors(value).next() {
            None => Ok(()),
            Some(e) => Err(Violation {
                operation: op.label(),
                status,
                message: e.to_string(),
                instance_path: e.instance_path().to_string(),
                schema_path: e.schema_path().to_string(),
            }),
        }
    }

    /// The schema at `pointer` of the document (`schema` is its value), compiled once.
    fn compile(
        &self,
        op: &OperationRef,
        status: u16,
        pointer: &str,
        schema: &Value,
    ) -> Result<Schema, Violation> {
        let cache = &self.inner.compiled;
        if let Some(v) = cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(pointer)
        {
            return Ok(Schema {
                validator: v.clone(),
            });
        }
        let inner = &self.inner;
        let root = if inner.is_3_0 {
            json!({
                "$schema": oas30::DRAFT4,
                "allOf": [oas30::to_json_schema(schema)],
                "components": inner.components,
            })
        } else {
            json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "allOf": [schema],
                "components": inner.components,
            })
        };
        // Formats (`email`, `uuid`, `date-time`) are checked in both renderings, as a
        // client reads them (2020-12 makes them annotations unless asked).
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
            .map_err(|e| {
                self.violation(
                    op,
                    status,
                    format!("the documented schema at `{pointer}` does not compile: {e}"),
                )
            })?;
        let validator = Arc::new(validator);
        cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(pointer.to_owned(), validator.clone());
        Ok(Schema { validator })
    }

    /// `value`, or what its `$ref` (to `#/components/...`) points at.
    fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        match value.get("$ref").and_then(Value::as_str) {
            Some(r) => r
                .strip_prefix('#')
                .and_then(|p| self.inner.doc.pointer(p))
                .unwrap_or(value),
            None => value,
        }
    }
}

/// A header's text as the JSON value its schema describes: a number for `integer` and
/// `number`, a boolean for `boolean` (when it reads as one), else the string.
fn header_value(schema: &Value, text: &str) -> Value {
    match schema["type"].as_str() {
        Some("integer" | "number") => {
            serde_json::from_str(text).unwrap_or_else(|_| Value::from(text))
        }
        Some("boolean") => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::from(text),
        },
        _ => Value::from(text),
    }
}

/// Splits a body that arrives in pieces into its complete lines (JSON Lines items, or
/// server-sent events' blocks with `separator` `\n\n`), keeping an unfinished one.
#[derive(Default)]
pub(crate) struct LineItems {
    pending: Vec<u8>,
}

impl LineItems {
    /// Adds `chunk`; nothing is returned until [`Self::take`].
    pub(crate) fn feed(&mut self, chunk: &[u8]) {
        self.pending.extend_from_slice(chunk);
    }

    /// The complete items so far, each without its separator; the rest is kept.
    pub(crate) fn take(&mut self, separator: &[u8]) -> Vec<Vec<u8>> {
        let mut items = Vec::new();
        let mut start = 0;
        while let Some(at) = self.pending[start..]
            .windows(separator.len())
            .position(|w| w == separator)
        {
            items.push(self.pending[start..start + at].to_vec());
            start += at + separator.len();
        }
        self.pending.drain(..start);
        items
    }

    /// What is left once the body ended.
    pub(crate) fn rest(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }
}
