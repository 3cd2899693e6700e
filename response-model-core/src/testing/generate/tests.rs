//! The generated requests, read back from the wire as a server reads them and checked
//! part by part against the document with a validator compiled here (formats on): valid
//! requests have no refused part, invalid ones exactly one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use http::{HeaderMap, HeaderValue, Request};
use percent_encoding::percent_decode_str;
use serde_json::{Value, json};

use super::{Generated, requests};
use crate::testing::contract::{Contract, OperationRef};
use crate::testing::oas30;

/// The document of a snapshot (`tests/snapshots/<name>.snap`: insta's header, then the
/// document as served).
fn snapshot(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/snapshots")
        .join(format!("{name}.snap"));
    let text = std::fs::read_to_string(&path).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    serde_json::from_str(body).unwrap()
}

/// Runs `f` to its end (a body read whole).
fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(f)
}

/// A request as a server reads it.
struct Read {
    /// Path parameters, percent-decoded, by name.
    path: BTreeMap<String, String>,
    /// The query's pairs, decoded.
    query: Vec<(String, String)>,
    /// Every header.
    headers: HeaderMap,
    /// The `Cookie` header's pairs.
    cookies: Vec<(String, String)>,
    /// The `Content-Type`.
    content_type: Option<String>,
    /// The body, whole.
    body: Vec<u8>,
}

/// `request`, to `template`'s operation, read back.
fn read(template: &str, request: Request<axum::body::Body>) -> Read {
    let (parts, body) = request.into_parts();
    let body = block_on(axum::body::to_bytes(body, usize::MAX))
        .unwrap()
        .to_vec();
    let mut path = BTreeMap::new();
    let segments: Vec<&str> = parts.uri.path().split('/').collect();
    let names: Vec<&str> = template.split('/').collect();
    assert_eq!(segments.len(), names.len(), "{} for {template}", parts.uri);
    for (segment, name) in segments.iter().zip(&names) {
        if let Some(name) = name.strip_prefix('{').and_then(|n| n.strip_suffix('}')) {
            let text = percent_decode_str(segment).decode_utf8().unwrap();
            path.insert(name.to_owned(), text.into_owned());
        } else {
            assert_eq!(segment, name, "{}", parts.uri);
        }
    }
    let query = form_urlencoded::parse(parts.uri.query().unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let cookies = parts
        .headers
        .get_all(http::header::COOKIE)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split("; "))
        .filter_map(|c| c.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    Read {
        path,
        query,
        content_type: parts
            .headers
            .get(http::header::CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned()),
        headers: parts.headers,
        cookies,
        body,
    }
}

/// A multipart body's fields: (name, text), files as their contents.
fn multipart_fields(content_type: &str, body: &[u8]) -> Vec<(String, String)> {
    let boundary = content_type.split("boundary=").nth(1).unwrap();
    let text = std::str::from_utf8(body).unwrap();
    let mut out = Vec::new();
    for part in text.split(&format!("--{boundary}")) {
        let Some((head, content)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let name = head
            .split("name=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        out.push((name.to_owned(), content.trim_end_matches("\r\n").to_owned()));
    }
    out
}

/// Validates values against a document's schemas; a validator compiled by the test, not
/// the one the generator uses.
struct Checker {
    /// The document.
    doc: Value,
    /// Its schemas are 3.0's, converted before they are compiled.
    is_3_0: bool,
    /// Validators by their schema's text.
    compiled:
        std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<jsonschema::Validator>>>,
}

impl Checker {
    /// The checker of `doc`.
    fn new(doc: &Value) -> Self {
        Self {
            doc: doc.clone(),
            is_3_0: doc["openapi"].as_str().unwrap().starts_with("3.0"),
            compiled: std::cell::RefCell::default(),
        }
    }

    /// `value` against `schema`.
    fn check(&self, schema: &Value, value: &Value) -> Result<(), String> {
        let key = schema.to_string();
        let cached = self.compiled.borrow().get(&key).cloned();
        let validator = match cached {
            Some(v) => v,
            None => {
                let v = std::rc::Rc::new(self.compile(schema));
                self.compiled.borrow_mut().insert(key, v.clone());
                v
            }
        };
        validator
            .validate(value)
            .map_err(|e| format!("{value}: {e}"))
    }

    /// `schema`, with the document's components, formats checked.
    fn compile(&self, schema: &Value) -> jsonschema::Validator {
        let root = if self.is_3_0 {
            json!({
                "$schema": "http://json-schema.org/draft-04/schema#",
                "allOf": [oas30::to_json_schema(schema)],
                "components": oas30::components(&self.doc["components"]),
            })
        } else {
            json!({"allOf": [schema], "components": self.doc["components"]})
        };
        // The integer formats' ranges, as the document means them (`format` alone is
        // read on strings only).
        let root = super::schema::with_format_ranges(&root);
        jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
            .unwrap()
    }

    /// `schema` with its `$ref`s followed.
    fn resolve(&self, schema: &Value) -> Value {
        let mut s = schema.clone();
        while let Some(r) = s.get("$ref").and_then(Value::as_str) {
            s = self.doc.pointer(&r[1..]).unwrap().clone();
        }
        s
    }

    /// The types a parameter's text may be read as.
    fn types(&self, schema: &Value) -> Vec<String> {
        let s = self.resolve(schema);
        let mut types: Vec<String> = match &s["type"] {
            Value::String(t) => vec![t.clone()],
            Value::Array(l) => l.iter().map(|t| t.as_str().unwrap().to_owned()).collect(),
            _ => Vec::new(),
        };
        for key in ["anyOf", "oneOf", "allOf"] {
            for sub in s[key].as_array().into_iter().flatten() {
                types.extend(self.types(sub));
            }
        }
        if let Some(Value::Array(values)) = s.get("enum") {
            for v in values {
                types.push(
                    match v {
                        Value::Number(_) => "number",
                        Value::Bool(_) => "boolean",
                        _ => "string",
                    }
                    .to_owned(),
                );
            }
        }
        types
    }

    /// `text` read as a value of `schema`.
    fn typed(&self, schema: &Value, text: &str) -> Value {
        for ty in self.types(schema) {
            match ty.as_str() {
                "integer" | "number" => {
                    if let Ok(n @ Value::Number(_)) = serde_json::from_str(text) {
                        return n;
                    }
                }
                "boolean" if text == "true" || text == "false" => return json!(text == "true"),
                _ => {}
            }
        }
        json!(text)
    }

    /// A parameter's texts as the value its schema describes.
    fn param(&self, schema: &Value, query: bool, texts: &[String]) -> Value {
        let s = self.resolve(schema);
        if self.types(schema).iter().any(|t| t == "array") {
            let items = s.get("items").cloned().unwrap_or(json!({}));
            let list: Vec<&str> = if query {
                texts.iter().map(String::as_str).collect()
            } else {
                texts[0].split(',').collect()
            };
            return Value::Array(list.iter().map(|t| self.typed(&items, t)).collect());
        }
        self.typed(schema, &texts[0])
    }
}

/// The parts of `read` the document refuses, in words.
fn refused_parts(
    checker: &Checker,
    op: &Value,
    path_item: &Value,
    template: &str,
    read: &Read,
) -> Vec<String> {
    let mut refused = Vec::new();
    let params = path_item["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(op["parameters"].as_array().into_iter().flatten());
    for p in params {
        let p = checker.resolve(p);
        let name = p["name"].as_str().unwrap();
        let schema = &p["schema"];
        let texts: Vec<String> = match p["in"].as_str().unwrap() {
            "path" => read.path.get(name).cloned().into_iter().collect(),
            "query" => read
                .query
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect(),
            "header" => read
                .headers
                .get_all(name)
                .iter()
                .map(|v| v.to_str().unwrap().to_owned())
                .collect(),
            "cookie" => read
                .cookies
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect(),
            other => panic!("{other}"),
        };
        if texts.is_empty() {
            if p["required"] == true || p["in"] == "path" {
                refused.push(format!("{name} missing"));
            }
            continue;
        }
        let value = checker.param(schema, p["in"] == "query", &texts);
        if let Err(e) = checker.check(schema, &value) {
            refused.push(format!("{} {name}: {e}", p["in"]));
        }
    }
    let rb = checker.resolve(&op["requestBody"]);
    if let Some(content) = rb["content"].as_object() {
        match &read.content_type {
            None => {
                assert!(
                    read.body.is_empty(),
                    "{template}: a body without a content type"
                );
                if rb["required"] == true {
                    refused.push("body missing".to_owned());
                }
            }
            Some(ct) => {
                let essence = ct.split(';').next().unwrap();
                let schema = &content[essence]["schema"];
                let value: Result<Value, String> = match essence {
                    "application/json" => {
                        serde_json::from_slice(&read.body).map_err(|e| e.to_string())
                    }
                    "application/x-www-form-urlencoded" | "multipart/form-data" => {
                        let fields: Vec<(String, String)> = if essence == "multipart/form-data" {
                            multipart_fields(ct, &read.body)
                        } else {
                            form_urlencoded::parse(&read.body)
                                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                                .collect()
                        };
                        let props = checker.resolve(schema)["properties"].clone();
                        let mut obj = serde_json::Map::new();
                        for (name, _) in &fields {
                            if obj.contains_key(name) {
                                continue;
                            }
                            let texts: Vec<String> = fields
                                .iter()
                                .filter(|(k, _)| k == name)
                                .map(|(_, v)| v.clone())
                                .collect();
                            let value = match props.get(name) {
                                Some(sub) => checker.param(sub, true, &texts),
                                None => json!(texts[0]),
                            };
                            obj.insert(name.clone(), value);
                        }
                        Ok(Value::Object(obj))
                    }
                    other => panic!("{template}: media type {other}"),
                };
                match value {
                    Err(e) => refused.push(format!("body: {e}")),
                    Ok(v) => {
                        if let Err(e) = checker.check(schema, &v) {
                            refused.push(format!("body: {e}"));
                        }
                    }
                }
            }
        }
    }
    refused
}

/// Every operation of `doc`, `count` requests from each of `seeds`: valid requests have
/// no refused part, invalid ones exactly one. The number of (valid, invalid) requests.
fn check_document(doc: &Value, seeds: std::ops::Range<u64>, count: usize) -> (usize, usize) {
    let contract = Contract::from_document(doc.clone());
    let checker = Checker::new(doc);
    let mut headers = HeaderMap::new();
    headers.insert(
        http::header::AUTHORIZATION,
        HeaderValue::from_static("Bearer t0ken"),
    );
    let (mut valid, mut invalid) = (0, 0);
    let ops: Vec<(OperationRef, Value)> =
        contract.operations().map(|(r, o)| (r, o.clone())).collect();
    for (op, object) in &ops {
        for seed in seeds.clone() {
            for Generated {
                request,
                valid: is_valid,
                what,
            } in requests(&contract, op, seed, count, &headers)
            {
                assert!(what.chars().count() <= 201, "{what}");
                assert_eq!(request.method().as_str().to_ascii_lowercase(), op.method);
                assert_eq!(
                    request.headers()[http::header::AUTHORIZATION],
                    "Bearer t0ken"
                );
                let read = read(&op.path, request);
                let refused =
                    refused_parts(&checker, object, &doc["paths"][&op.path], &op.path, &read);
                let label = op.label();
                if is_valid {
                    valid += 1;
                    assert!(
                        refused.is_empty(),
                        "{label}, seed {seed}: `{what}` is called valid; refused: {refused:?}"
                    );
                } else {
                    invalid += 1;
                    assert_eq!(
                        refused.len(),
                        1,
                        "{label}, seed {seed}: `{what}` should break one part; refused: {refused:?}"
                    );
                }
            }
        }
    }
    (valid, invalid)
}

#[test]
fn showcase_requests_are_what_they_claim() {
    let (valid, invalid) = check_document(&snapshot("openapi_showcase"), 0..4, 16);
    assert!(invalid > 40, "{valid} valid, {invalid} invalid");
    assert!(valid > invalid * 2, "{valid} valid, {invalid} invalid");
}

#[test]
fn sample_requests_are_what_they_claim() {
    let (valid, invalid) = check_document(&snapshot("openapi_sample"), 0..4, 16);
    assert!(invalid > 20, "{valid} valid, {invalid} invalid");
}

/// Schemas with every keyword the generator honours, and recursion.
fn tricky() -> Value {
    json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{code}": {
                "parameters": [
                    {"name": "code", "in": "path", "required": true,
                     "schema": {"type": "string", "pattern": "^[A-Z]{2}-\\d{3}$"}},
                ],
                "post": {
                    "parameters": [
                        {"name": "limit", "in": "query", "required": true,
                         "schema": {"type": "integer", "format": "uint32", "minimum": 1, "maximum": 100}},
                        {"name": "ratio", "in": "query",
                         "schema": {"type": "number", "exclusiveMinimum": 0, "maximum": 1}},
                        {"name": "tags", "in": "query",
                         "schema": {"type": "array", "items": {"type": "string", "enum": ["a", "b", "c"]}, "maxItems": 3, "uniqueItems": true}},
                        {"name": "x-trace", "in": "header", "required": true,
                         "schema": {"type": "string", "format": "uuid"}},
                        {"name": "session", "in": "cookie",
                         "schema": {"type": "string", "minLength": 4, "maxLength": 12}},
                        {"name": "when", "in": "query",
                         "schema": {"type": ["string", "null"], "format": "date-time"}},
                    ],
                    "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
                    "responses": {"200": {"description": "OK"}},
                },
            },
        },
        "components": {"schemas": {
            "Thing": {
                "type": "object",
                "additionalProperties": false,
                "required": ["name", "email", "size", "tree", "kind", "step"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": 5},
                    "email": {"type": "string", "format": "email"},
                    "site": {"type": "string", "format": "uri"},
                    "born": {"type": "string", "format": "date"},
                    "size": {"type": "integer", "format": "int8"},
                    "step": {"type": "integer", "multipleOf": 5, "minimum": -20, "maximum": 20},
                    "price": {"type": "number", "multipleOf": 0.01, "minimum": 0.01, "maximum": 1000},
                    "kind": {"allOf": [{"$ref": "#/components/schemas/Kind"}]},
                    "tree": {"$ref": "#/components/schemas/Tree"},
                    "next": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
                    "meta": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}},
                    "choice": {"oneOf": [{"type": "string", "const": "auto"}, {"type": "integer", "minimum": 1}]},
                    "code": {"type": "string", "pattern": "^[a-f0-9]{4,8}$"},
                },
            },
            "Kind": {"type": "string", "enum": ["small", "large"]},
            "Tree": {
                "type": "object",
                "required": ["label", "children"],
                "properties": {
                    "label": {"type": "string", "maxLength": 3},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
                },
            },
            "Node": {
                "type": "object",
                "required": ["value", "next"],
                "properties": {
                    "value": {"type": "integer"},
                    "next": {"anyOf": [{"$ref": "#/components/schemas/Node"}, {"type": "null"}]},
                },
            },
        }},
    })
}

#[test]
fn tricky_schemas_give_values_that_validate() {
    let (valid, invalid) = check_document(&tricky(), 0..64, 8);
    assert!(
        valid >= 64 * 6 && invalid >= 64,
        "{valid} valid, {invalid} invalid"
    );
}

#[test]
fn a_3_0_document_is_read_as_3_0() {
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/n/{id}": {"put": {
            "parameters": [
                {"name": "id", "in": "path", "required": true,
                 "schema": {"type": "integer", "minimum": 0, "exclusiveMinimum": true, "maximum": 9}},
                {"name": "q", "in": "query", "schema": {"type": "string", "nullable": true, "minLength": 2}},
            ],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
                "nullable": true, "allOf": [{"$ref": "#/components/schemas/P"}],
            }}}},
            "responses": {"200": {"description": "OK"}},
        }}},
        "components": {"schemas": {"P": {
            "type": "object",
            "required": ["a"],
            "properties": {
                "a": {"type": "number", "minimum": 1, "exclusiveMinimum": true, "example": 2.5},
                "b": {"type": "string", "nullable": true, "enum": ["x", "y", null]},
            },
        }}},
    });
    let (valid, invalid) = check_document(&doc, 0..32, 8);
    assert!(valid > 0 && invalid > 0);
    // No id is 0 (an exclusive minimum in 3.0's boolean form).
    let contract = Contract::from_document(doc);
    let op = contract.operation_at("put", "/n/{id}").unwrap();
    for g in requests(&contract, &op, 1, 40, &HeaderMap::new()) {
        if g.valid {
            assert_ne!(g.request.uri().path(), "/n/0", "{}", g.what);
        }
    }
}

/// The parts of a request that identify it.
fn fingerprint(g: Generated) -> String {
    let (parts, body) = g.request.into_parts();
    let body = block_on(axum::body::to_bytes(body, usize::MAX)).unwrap();
    format!(
        "{} {} {:?} {:?} {}",
        parts.method, parts.uri, parts.headers, body, g.valid
    )
}

#[test]
fn the_same_seed_gives_the_same_requests_another_seed_others() {
    let doc = tricky();
    let contract = Contract::from_document(doc);
    let op = contract.operation_at("post", "/things/{code}").unwrap();
    let run = |seed| {
        requests(&contract, &op, seed, 12, &HeaderMap::new())
            .into_iter()
            .map(fingerprint)
            .collect::<Vec<_>>()
    };
    assert_eq!(run(7), run(7));
    let (a, b) = (run(7), run(8));
    assert_eq!(a.len(), 12);
    // The first request comes from the schemas alike (no examples here), the others not.
    assert!(
        a.iter().zip(&b).skip(1).all(|(x, y)| x != y),
        "{a:#?}\n{b:#?}"
    );
}

#[test]
fn the_first_request_is_the_documents_examples() {
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/e/{id}": {"post": {
            "parameters": [
                {"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}, "example": 42},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 10}},
                {"name": "q", "in": "query", "schema": {"type": "string"}},
            ],
            "requestBody": {"required": true, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/B"},
            }}},
            "responses": {"200": {"description": "OK"}},
        }}},
        "components": {"schemas": {"B": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string", "examples": ["Pen"]},
                "price": {"type": "number", "default": 1.5},
                "note": {"type": "string"},
            },
        }}},
    });
    let contract = Contract::from_document(doc);
    let op = contract.operation_at("post", "/e/{id}").unwrap();
    let first = requests(&contract, &op, 3, 1, &HeaderMap::new()).remove(0);
    assert!(first.valid);
    assert!(first.what.starts_with("valid (examples)"), "{}", first.what);
    let (parts, body) = first.request.into_parts();
    assert_eq!(parts.uri, "/e/42?limit=10");
    let body: Value =
        serde_json::from_slice(&block_on(axum::body::to_bytes(body, 1 << 20)).unwrap()).unwrap();
    assert_eq!(body, json!({"name": "Pen", "price": 1.5}));
}

#[test]
fn an_unsupported_pattern_falls_back_to_the_example_and_says_so() {
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/u": {"get": {
            "parameters": [{"name": "name", "in": "query", "required": true, "schema": {
                "type": "string", "pattern": "^(?!admin)[a-z]+$", "example": "alice",
            }}],
            "responses": {"200": {"description": "OK"}},
        }}},
    });
    let contract = Contract::from_document(doc);
    let op = contract.operation_at("get", "/u").unwrap();
    for g in requests(&contract, &op, 0, 8, &HeaderMap::new()) {
        assert!(
            g.what.contains("not supported by the generator"),
            "{}",
            g.what
        );
        if g.valid {
            assert_eq!(g.request.uri(), "/u?name=alice");
        }
    }
}

#[test]
fn invalid_requests_name_their_broken_part() {
    let contract = Contract::from_document(tricky());
    let op = contract.operation_at("post", "/things/{code}").unwrap();
    let all = requests(&contract, &op, 11, 40, &HeaderMap::new());
    let broken: Vec<&str> = all
        .iter()
        .filter(|g| !g.valid)
        .map(|g| g.what.as_str())
        .collect();
    assert_eq!(broken.len(), 10, "{broken:#?}");
    for what in &broken {
        assert!(
            ["path ", "query ", "header ", "cookie ", "body"]
                .iter()
                .any(|p| what.starts_with(p)),
            "{what}"
        );
        assert!(what.contains('('), "{what}");
    }
}

/// The strategies alone (no second try, no fallback): every component of [`tricky`] and
/// of the showcase, hundreds of values each, all valid for their schema.
#[test]
fn strategies_alone_give_valid_values() {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    use super::schema::{Builder, Charset, Schemas};

    for doc in [
        tricky(),
        snapshot("openapi_showcase"),
        snapshot("openapi_sample"),
    ] {
        let checker = Checker::new(&doc);
        let schemas = Schemas::new(&doc);
        let names: Vec<String> = doc["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        for name in names {
            let schema = json!({"$ref": format!("#/components/schemas/{name}")});
            let strategy = Builder::new(&schemas, Charset::Text, false).strategy(&schema);
            let mut runner = TestRunner::new_with_rng(
                Config::default(),
                TestRng::from_seed(RngAlgorithm::ChaCha, &[name.len() as u8; 32]),
            );
            for _ in 0..300 {
                let value = strategy.new_tree(&mut runner).unwrap().current();
                if let Err(e) = checker.check(&schema, &value) {
                    panic!("{name}: {e}");
                }
            }
        }
    }
}

#[test]
fn the_callers_headers_are_sent_as_given_and_never_broken() {
    let contract = Contract::from_document(tricky());
    let op = contract.operation_at("post", "/things/{code}").unwrap();
    let mut headers = HeaderMap::new();
    headers.insert("x-trace", HeaderValue::from_static("given"));
    headers.insert(
        http::header::COOKIE,
        HeaderValue::from_static("session=mine1"),
    );
    let all = requests(&contract, &op, 2, 60, &headers);
    assert_eq!(all.iter().filter(|g| !g.valid).count(), 15);
    for g in all {
        let values: Vec<_> = g.request.headers().get_all("x-trace").iter().collect();
        assert_eq!(values, ["given"], "{}", g.what);
        assert_eq!(
            g.request.headers()[http::header::COOKIE],
            "session=mine1",
            "{}",
            g.what
        );
        assert!(
            !g.what.starts_with("header") && !g.what.starts_with("cookie"),
            "{}",
            g.what
        );
    }
}

#[test]
fn integer_formats_bound_values_and_are_crossed() {
    let contract = Contract::from_document(snapshot("openapi_sample"));
    let op = contract.operation_at("get", "/items/{item_id}").unwrap();
    let mut whats = Vec::new();
    for seed in 0..20 {
        for g in requests(&contract, &op, seed, 8, &HeaderMap::new()) {
            let id: &str = g.request.uri().path().rsplit('/').next().unwrap();
            if g.valid {
                let id: u64 = id.parse().unwrap();
                assert!(id <= u64::from(u32::MAX), "{}", g.what);
            }
            whats.push(g.what);
        }
    }
    for expected in [
        "path item_id=4294967296 (above the maximum 4294967295)",
        "path item_id=-1 (below the minimum 0)",
        "path item_id=abc (a string where integer is expected)",
    ] {
        assert!(
            whats.iter().any(|w| w == expected),
            "{expected}: {whats:#?}"
        );
    }
}

#[test]
fn an_example_the_schema_refuses_is_replaced_and_reported() {
    let doc = json!({
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/n": {"get": {
            "parameters": [{"name": "n", "in": "query", "required": true,
                "schema": {"type": "integer", "minimum": 1}, "example": 0}],
            "responses": {"200": {"description": "OK"}},
        }}},
    });
    let contract = Contract::from_document(doc);
    let op = contract.operation_at("get", "/n").unwrap();
    let first = requests(&contract, &op, 0, 1, &HeaderMap::new()).remove(0);
    assert!(first.valid);
    assert_ne!(first.request.uri(), "/n?n=0");
    assert!(
        first
            .what
            .contains("the document's example of query n is not valid"),
        "{}",
        first.what
    );
}
