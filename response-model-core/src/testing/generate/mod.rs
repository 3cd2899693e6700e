//! Requests generated from an operation's document: its parameters' and request body's
//! JSON Schemas made into proptest strategies, the values put on the wire as a client
//! would send them, some of them made invalid in exactly one part.
//!
//! Every value is checked against its schema (formats included) before it is called
//! valid, and every invalid part is checked to be refused by its schema: a value the
//! generator got wrong is generated again (or, at last, taken from the document's
//! examples, or the optional part left out), never passed off as what it is not.

mod invalid;
mod pattern;
mod schema;
mod wire;

use axum::body::Body;
use http::header::{CONTENT_TYPE, COOKIE};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::Value;

use super::contract::{Contract, OperationRef};
use schema::{Builder, Charset, Schemas, short};
use wire::Location;

/// One generated request for an operation.
#[derive(Debug)]
pub(crate) struct Generated {
    /// The request, ready for `oneshot`.
    pub(crate) request: Request<Body>,
    /// Every part of it is valid for the document (else exactly one part is not).
    pub(crate) valid: bool,
    /// What was generated, for the report: `query limit=-3 (below minimum 1)`, or
    /// `valid: path item_id=0, body {..}` (at most about 200 characters).
    pub(crate) what: String,
}

/// One in this many generated requests (after the first) has one part made invalid.
const INVALID_EVERY: usize = 4;
/// Tries for a value its schema accepts (or refuses), before giving up on the part.
const ATTEMPTS: usize = 12;
/// The longest `what`.
const MAX_WHAT: usize = 200;
/// A path segment's characters left as they are: RFC 3986's unreserved but `.` (so that
/// no segment reads as `.` or `..`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');
/// Why a parameter's texts cannot be sent (an empty path segment routes elsewhere).
const UNSENDABLE: [&str; 3] = [
    "an empty path segment",
    "not a header value",
    "not a cookie value",
];
/// The boundary of generated multipart bodies.
const BOUNDARY: &str = "response-model-generated-boundary";

/// `count` requests for the operation `op` of `contract`'s document, from `seed` (the
/// same seed gives the same requests): the first built from the document's examples and
/// defaults (where there are none, from the schemas), then schema-valid generated ones,
/// and, about one in four, requests with exactly one part made invalid (a path, query,
/// header or cookie parameter or the body: wrong type, out of range, too long or short,
/// not matching its pattern or format, outside its enum, a missing required field or
/// parameter, a field a closed object does not declare, a malformed JSON body).
/// `headers` are added to every request (a bearer token, say) and never made invalid;
/// a header or cookie parameter they give is not generated. A path parameter is never
/// left out nor empty (the request would reach another route, or none).
///
/// Fewer than `count` come back only when a request cannot be put on the wire (an
/// operation whose path template this crate cannot fill).
pub(crate) fn requests(
    contract: &Contract,
    op: &OperationRef,
    seed: u64,
    count: usize,
    headers: &HeaderMap,
) -> Vec<Generated> {
    let doc = contract.document();
    let schemas = Schemas::new(doc);
    let plan = Plan::new(&schemas, doc, op, contract.operation_object(op));
    let mut generator = Generator::new(&schemas, &plan, headers);
    let config = Config {
        max_local_rejects: 2_000,
        ..Config::default()
    };
    // The operation is part of the seed: operations of one shape get different values.
    let seed = op
        .label()
        .bytes()
        .fold(seed ^ 0xCBF2_9CE4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
        });
    let mut runner = TestRunner::new_with_rng(
        config,
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes(seed)),
    );
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let mut built = None;
        for _ in 0..ATTEMPTS {
            let draft = match i {
                0 => generator.valid(&mut runner, true),
                i if i % INVALID_EVERY == INVALID_EVERY - 1 => {
                    let draft = generator.valid(&mut runner, false);
                    generator.invalidate(&mut runner, draft)
                }
                _ => generator.valid(&mut runner, false),
            };
            if let Ok(request) = draft.request(&plan, headers) {
                built = Some(Generated {
                    request,
                    valid: draft.valid,
                    what: draft.what(&plan, &generator.notes),
                });
                break;
            }
        }
        out.extend(built);
    }
    out
}

/// A ChaCha seed (32 bytes) from `seed`, spread by SplitMix64 so that near seeds differ.
fn seed_bytes(seed: u64) -> Vec<u8> {
    let mut state = seed;
    let mut out = Vec::with_capacity(32);
    for _ in 0..4 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        out.extend_from_slice(&z.to_le_bytes());
    }
    out
}

/// A random index below `n` (`n` > 0).
fn pick(runner: &mut TestRunner, n: usize) -> usize {
    let n64 = u64::try_from(n).unwrap_or(u64::MAX).max(1);
    usize::try_from(runner.rng().next_u64() % n64).unwrap_or(0)
}

/// `items` in a random order.
fn shuffle<T>(runner: &mut TestRunner, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = pick(runner, i + 1);
        items.swap(i, j);
    }
}

/// `candidates` in a random order; two times in three, those that miss a constraint
/// first (else a wrong type, the easiest change, would be most of them).
fn order<T>(runner: &mut TestRunner, candidates: &mut [T], constraint: impl Fn(&T) -> bool) {
    shuffle(runner, candidates);
    if pick(runner, 3) != 0 {
        candidates.sort_by_key(|c| !constraint(c));
    }
}

/// A documented parameter.
struct Param {
    /// Its name (a header's, a cookie's, a query key, a path template's `{name}`).
    name: String,
    /// Where it goes.
    location: Location,
    /// It must be sent (a path parameter always is).
    required: bool,
    /// Its schema (a `content` parameter's media type's).
    schema: Value,
    /// The document's example of it (the parameter's, else its schema's or the default).
    example: Option<Value>,
}

/// How a request body is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// `application/json` or `+json`: the value as JSON.
    Json,
    /// `application/x-www-form-urlencoded`: an object's fields, URL-encoded.
    Form,
    /// `multipart/form-data`: an object's fields, one part each (files as files).
    Multipart,
    /// `text/*`: the value's text.
    Text,
    /// Any other media type: the value's text, sent as it is, never checked.
    Bytes,
}

/// A documented request body, in the media type chosen for it.
struct BodySpec {
    /// The documented media type, as the document spells it.
    media: String,
    /// How it goes on the wire.
    kind: BodyKind,
    /// It must be sent.
    required: bool,
    /// Its schema.
    schema: Value,
    /// The document's example of it (the media type's, else its schema's).
    example: Option<Value>,
    /// Multipart fields that are files (`contentMediaType`, 3.0's `format: binary`).
    files: Vec<String>,
}

/// What an operation takes.
struct Plan {
    /// The operation's method.
    method: Method,
    /// The document's path (`/items/{item_id}`).
    template: String,
    /// Its parameters, the path item's included.
    params: Vec<Param>,
    /// Its request body, if it takes one.
    body: Option<BodySpec>,
}

impl Plan {
    /// What the operation `op` (its operation object `object`) of `doc` takes.
    fn new(schemas: &Schemas, doc: &Value, op: &OperationRef, object: &Value) -> Self {
        let method =
            Method::from_bytes(op.method.to_ascii_uppercase().as_bytes()).unwrap_or(Method::GET);
        let mut params: Vec<Param> = Vec::new();
        // Operation parameters override the path item's (same name and place).
        let path_level = doc["paths"][&op.path]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let op_level = object["parameters"].as_array().cloned().unwrap_or_default();
        for raw in path_level.iter().chain(op_level.iter()) {
            let (p, _) = schemas.resolve(raw);
            let Some(location) = p["in"].as_str().and_then(Location::parse) else {
                continue;
            };
            let Some(name) = p["name"].as_str() else {
                continue;
            };
            let schema = p
                .get("schema")
                .or_else(|| {
                    p["content"]
                        .as_object()
                        .and_then(|c| c.values().next())
                        .and_then(|m| m.get("schema"))
                })
                .cloned()
                .unwrap_or(Value::Bool(true));
            let example = p
                .get("example")
                .cloned()
                .or_else(|| first_example(&p["examples"]))
                .or_else(|| schemas.example(&schema));
            let param = Param {
                name: name.to_owned(),
                location,
                required: location == Location::Path || p["required"] == true,
                schema,
                example,
            };
            params.retain(|q| !(q.name == param.name && q.location == param.location));
            params.push(param);
        }
        let body = Self::body(schemas, object);
        Self {
            method,
            template: op.path.clone(),
            params,
            body,
        }
    }

    /// The request body, in the media type a generated request uses: JSON first, then
    /// forms, then text, then anything.
    fn body(schemas: &Schemas, object: &Value) -> Option<BodySpec> {
        let (rb, _) = schemas.resolve(&object["requestBody"]);
        let content = rb["content"].as_object()?;
        let rank = |media: &str| -> (u8, BodyKind) {
            let essence = media
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            match essence.as_str() {
                "application/json" => (0, BodyKind::Json),
                e if e.ends_with("+json") => (1, BodyKind::Json),
                "application/x-www-form-urlencoded" => (2, BodyKind::Form),
                "multipart/form-data" => (3, BodyKind::Multipart),
                e if e.starts_with("text/") => (4, BodyKind::Text),
                _ => (5, BodyKind::Bytes),
            }
        };
        let (media, mt) = content.iter().min_by_key(|(m, _)| rank(m).0)?;
        let kind = rank(media).1;
        let schema = mt.get("schema").cloned().unwrap_or(Value::Bool(true));
        let example = mt
            .get("example")
            .cloned()
            .or_else(|| first_example(&mt["examples"]))
            .or_else(|| schemas.example(&schema));
        let resolved = schemas.deref(&schema);
        let files = resolved["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(_, s)| {
                let s = schemas.deref(s);
                let is_file = |s: &Value| {
                    s.get("contentMediaType").is_some()
                        || s.get("contentEncoding").is_some()
                        || s["format"] == "binary"
                };
                is_file(&s) || s.get("items").is_some_and(|i| is_file(&schemas.deref(i)))
            })
            .map(|(n, _)| n.clone())
            .collect();
        Some(BodySpec {
            media: media.clone(),
            kind,
            required: rb["required"] == true,
            schema,
            example,
            files,
        })
    }
}

/// The value of the first entry of an `examples` map (`{"name": {"value": ..}}`).
fn first_example(examples: &Value) -> Option<Value> {
    examples
        .as_object()
        .and_then(|m| m.values().find_map(|e| e.get("value")))
        .cloned()
}

/// A body as sent.
#[derive(Debug, Clone)]
enum BodyWire {
    /// No body (and no `Content-Type`).
    Absent,
    /// A value, encoded as the media type says.
    Value(Value),
    /// Bytes that are not what the media type says (a malformed JSON body).
    Raw(Vec<u8>),
}

/// A request before it is put together: each parameter's texts (`None`: left out), the
/// body, and what was done.
#[derive(Debug, Clone)]
struct Draft {
    /// Per parameter of the plan, its texts (`None`: left out).
    params: Vec<Option<Vec<String>>>,
    /// The body.
    body: BodyWire,
    /// Every part is valid.
    valid: bool,
    /// Built from the document's examples.
    examples: bool,
    /// The invalid part: what it is and how it is wrong.
    broken: Option<String>,
}

/// Generates the parts of one operation's requests.
struct Generator<'a> {
    /// The document's schemas, and their validators.
    schemas: &'a Schemas,
    /// What the operation takes.
    plan: &'a Plan,
    /// Per parameter: its strategy, and its strategy from the document's examples.
    params: Vec<(BoxedStrategy<Value>, BoxedStrategy<Value>)>,
    /// The body's strategy, and its strategy from the document's examples.
    body: Option<(BoxedStrategy<Value>, BoxedStrategy<Value>)>,
    /// What the generator could not honour, for the report.
    notes: Vec<String>,
    /// Per parameter: the caller's headers give it (a header, or a cookie of their
    /// `Cookie`), so it is never made invalid.
    given: Vec<bool>,
}

impl<'a> Generator<'a> {
    /// The strategies of `plan`'s parts.
    fn new(schemas: &'a Schemas, plan: &'a Plan, headers: &HeaderMap) -> Self {
        let mut notes = Vec::new();
        let mut both = |schema: &Value, charset: Charset| {
            let mut random = Builder::new(schemas, charset, false);
            let s = random.strategy(schema);
            let mut examples = Builder::new(schemas, charset, true);
            let e = examples.strategy(schema);
            for note in random.notes {
                if !notes.contains(&note) {
                    notes.push(note);
                }
            }
            (s, e)
        };
        let params = plan
            .params
            .iter()
            .map(|p| both(&p.schema, p.location.charset()))
            .collect();
        let body = plan.body.as_ref().map(|b| both(&b.schema, Charset::Text));
        let cookies: Vec<&str> = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.split_once('=').map(|(k, _)| k.trim()))
            .collect();
        let given = plan
            .params
            .iter()
            .map(|p| match p.location {
                Location::Header => headers.contains_key(p.name.as_str()),
                Location::Cookie => cookies.contains(&p.name.as_str()),
                Location::Path | Location::Query => false,
            })
            .collect();
        Self {
            schemas,
            plan,
            params,
            body,
            notes,
            given,
        }
    }

    /// A draft whose every part is valid (`examples`: the document's examples and
    /// defaults first, optional parts only where the document gives one).
    fn valid(&mut self, runner: &mut TestRunner, examples: bool) -> Draft {
        let mut draft = Draft {
            params: Vec::with_capacity(self.plan.params.len()),
            body: BodyWire::Absent,
            valid: true,
            examples,
            broken: None,
        };
        for i in 0..self.plan.params.len() {
            // The caller's headers carry it as they are.
            if self.given[i] {
                draft.params.push(None);
                continue;
            }
            let (texts, ok) = self.valid_param(runner, i, examples);
            draft.valid &= ok;
            draft.params.push(texts);
        }
        if self.plan.body.is_some() {
            let (body, ok) = self.valid_body(runner, examples);
            draft.valid &= ok;
            draft.body = body;
        }
        draft
    }

    /// Adds `note` to what the report says of every request (once).
    fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// A valid value of parameter `i` (`None`: left out), and whether one was found.
    fn valid_param(
        &mut self,
        runner: &mut TestRunner,
        i: usize,
        examples: bool,
    ) -> (Option<Vec<String>>, bool) {
        let p = &self.plan.params[i];
        let leave_out = !p.required
            && if examples {
                p.example.is_none()
            } else {
                pick(runner, 2) == 0
            };
        if leave_out {
            return (None, true);
        }
        for attempt in 0..ATTEMPTS {
            let value = match (&p.example, examples && attempt == 0) {
                (Some(example), true) => Some(example.clone()),
                _ => {
                    let strategy = if examples && attempt < ATTEMPTS / 2 {
                        &self.params[i].1
                    } else {
                        &self.params[i].0
                    };
                    strategy.new_tree(runner).ok().map(|t| t.current())
                }
            };
            let Some(value) = value else { continue };
            let texts = Some(wire::texts(p.location, &value)).filter(|t| !t.is_empty());
            if texts.is_none() && p.required {
                continue;
            }
            match self.param_error(i, texts.as_ref()) {
                None => return (texts, true),
                Some(why) if examples && attempt == 0 && p.example.is_some() => {
                    let note = format!(
                        "the document's example of {} {} is not valid ({})",
                        p.location.name(),
                        p.name,
                        short(&why, 60)
                    );
                    self.note(note);
                }
                Some(_) => {}
            }
        }
        let note = format!("no valid value found for {} {}", p.location.name(), p.name);
        self.note(note);
        (None, !p.required)
    }

    /// A valid body, and whether one was found.
    fn valid_body(&mut self, runner: &mut TestRunner, examples: bool) -> (BodyWire, bool) {
        let Some(spec) = &self.plan.body else {
            return (BodyWire::Absent, true);
        };
        if !spec.required && !examples && pick(runner, 4) == 0 {
            return (BodyWire::Absent, true);
        }
        for attempt in 0..ATTEMPTS {
            let value = match (&spec.example, examples && attempt == 0) {
                (Some(example), true) => Some(example.clone()),
                _ => self.body.as_ref().and_then(|(random, from_examples)| {
                    let strategy = if examples && attempt < ATTEMPTS / 2 {
                        from_examples
                    } else {
                        random
                    };
                    strategy.new_tree(runner).ok().map(|t| t.current())
                }),
            };
            let Some(value) = value else { continue };
            let body = BodyWire::Value(value);
            match self.body_error(&body) {
                None => return (body, true),
                Some(why) if examples && attempt == 0 && spec.example.is_some() => {
                    let note = format!(
                        "the document's example of the body is not valid ({})",
                        short(&why, 60)
                    );
                    self.note(note);
                }
                Some(_) => {}
            }
        }
        self.note("no valid body found".to_owned());
        (BodyWire::Absent, !spec.required)
    }

    /// Why parameter `i`'s `texts` are not what the document allows (`None`: they are).
    fn param_error(&self, i: usize, texts: Option<&Vec<String>>) -> Option<String> {
        let p = &self.plan.params[i];
        let Some(texts) = texts else {
            return p.required.then(|| "missing (required)".to_owned());
        };
        // What cannot be sent at all is neither valid nor usefully invalid.
        match p.location {
            Location::Path if texts.len() != 1 || texts[0].is_empty() => {
                return Some(UNSENDABLE[0].to_owned());
            }
            Location::Header | Location::Cookie
                if texts.iter().any(|t| HeaderValue::from_str(t).is_err()) =>
            {
                return Some(UNSENDABLE[1].to_owned());
            }
            Location::Cookie if texts.iter().any(|t| t.contains([';', ' ', ',', '"'])) => {
                return Some(UNSENDABLE[2].to_owned());
            }
            _ => {}
        }
        match wire::read(self.schemas, &p.schema, p.location, texts) {
            None => p.required.then(|| "missing (required)".to_owned()),
            Some(value) => self.schemas.check(&p.schema, &value).err(),
        }
    }

    /// Why `body` is not what the document allows (`None`: it is).
    fn body_error(&self, body: &BodyWire) -> Option<String> {
        let spec = self.plan.body.as_ref()?;
        match body {
            BodyWire::Absent => spec.required.then(|| "missing (required)".to_owned()),
            BodyWire::Raw(_) => Some("not JSON".to_owned()),
            BodyWire::Value(value) => {
                let read = match spec.kind {
                    BodyKind::Json => value.clone(),
                    BodyKind::Form | BodyKind::Multipart => {
                        if !value.is_object() {
                            return Some("not an object, as a form must be".to_owned());
                        }
                        wire::read_form(self.schemas, &spec.schema, &wire::form_fields(value))
                    }
                    BodyKind::Text => Value::String(wire::scalar_text(value)),
                    BodyKind::Bytes => return None,
                };
                self.schemas.check(&spec.schema, &read).err()
            }
        }
    }

    /// `draft` with exactly one part made invalid, when some part can be; else as it is.
    fn invalidate(&mut self, runner: &mut TestRunner, mut draft: Draft) -> Draft {
        if !draft.valid {
            return draft;
        }
        let mut slots: Vec<Option<usize>> = (0..self.plan.params.len())
            .filter(|i| !self.given[*i])
            .map(Some)
            .collect();
        if self.plan.body.is_some() {
            slots.push(None);
        }
        shuffle(runner, &mut slots);
        for slot in slots {
            match slot {
                Some(i) => {
                    let p = &self.plan.params[i];
                    let current = draft.params[i]
                        .as_ref()
                        .and_then(|t| wire::read(self.schemas, &p.schema, p.location, t));
                    let mut candidates =
                        invalid::candidates(self.schemas, &p.schema, current.as_ref(), true);
                    if p.required && p.location != Location::Path {
                        candidates.push(invalid::Candidate {
                            at: String::new(),
                            value: None,
                            shown: "removed".to_owned(),
                            why: "missing (required)".to_owned(),
                            constraint: true,
                        });
                    }
                    order(runner, &mut candidates, |c| c.constraint);
                    for c in candidates {
                        let texts = c.value.as_ref().map(|v| wire::texts(p.location, v));
                        let texts = texts.filter(|t| !t.is_empty());
                        // Left out is no change for an optional parameter; what cannot
                        // be sent is no test of the server.
                        let Some(why) = self.param_error(i, texts.as_ref()) else {
                            continue;
                        };
                        if UNSENDABLE.contains(&why.as_str()) {
                            continue;
                        }
                        let shown = match &texts {
                            Some(t) => format!("{}={}", p.name, short(&t.join("&"), 40)),
                            None => p.name.clone(),
                        };
                        draft.broken = Some(format!("{} {shown} ({})", p.location.name(), c.why));
                        draft.params[i] = texts;
                        draft.valid = false;
                        return draft;
                    }
                }
                None => {
                    let Some(spec) = &self.plan.body else {
                        continue;
                    };
                    let current = match &draft.body {
                        BodyWire::Value(v) => Some(v.clone()),
                        _ => None,
                    };
                    let mut candidates: Vec<(BodyWire, String, bool)> =
                        invalid::candidates(self.schemas, &spec.schema, current.as_ref(), false)
                            .into_iter()
                            .map(|c| {
                                let at = if c.at.is_empty() {
                                    String::new()
                                } else {
                                    format!(" {}", c.at)
                                };
                                let body = match c.value {
                                    Some(v) => BodyWire::Value(v),
                                    None => BodyWire::Absent,
                                };
                                (
                                    body,
                                    format!("body{at}={} ({})", c.shown, c.why),
                                    c.constraint,
                                )
                            })
                            .collect();
                    if spec.kind == BodyKind::Json {
                        let text = current
                            .as_ref()
                            .map_or_else(|| "{}".to_owned(), Value::to_string);
                        let cut = text.len().div_ceil(2).max(1);
                        let mut malformed = text.as_bytes()[..cut.min(text.len())].to_vec();
                        malformed.extend_from_slice(b"\",");
                        candidates.push((
                            BodyWire::Raw(malformed),
                            "body malformed JSON (cut short)".to_owned(),
                            true,
                        ));
                    }
                    if spec.required {
                        candidates.push((
                            BodyWire::Absent,
                            "body missing (required)".to_owned(),
                            true,
                        ));
                    }
                    order(runner, &mut candidates, |c| c.2);
                    for (body, why, _) in candidates {
                        if self.body_error(&body).is_some() {
                            draft.body = body;
                            draft.broken = Some(why);
                            draft.valid = false;
                            return draft;
                        }
                    }
                }
            }
        }
        draft
    }
}

impl Draft {
    /// The request, or why it cannot be put on the wire.
    fn request(&self, plan: &Plan, headers: &HeaderMap) -> Result<Request<Body>, String> {
        let mut path = plan.template.clone();
        let mut query = form_urlencoded::Serializer::new(String::new());
        let mut has_query = false;
        let mut cookies: Vec<String> = Vec::new();
        let mut header_params: Vec<(HeaderName, HeaderValue)> = Vec::new();
        for (p, texts) in plan.params.iter().zip(&self.params) {
            let Some(texts) = texts else { continue };
            match p.location {
                Location::Path => {
                    let text = texts.first().map_or("", String::as_str);
                    let encoded = utf8_percent_encode(text, SEGMENT).to_string();
                    path = path.replace(&format!("{{{}}}", p.name), &encoded);
                }
                Location::Query => {
                    for t in texts {
                        query.append_pair(&p.name, t);
                        has_query = true;
                    }
                }
                Location::Header => {
                    let name =
                        HeaderName::from_bytes(p.name.as_bytes()).map_err(|e| e.to_string())?;
                    // The caller's headers win: they are never made invalid.
                    if headers.contains_key(&name) {
                        continue;
                    }
                    for t in texts {
                        let value = HeaderValue::from_str(t).map_err(|e| e.to_string())?;
                        header_params.push((name.clone(), value));
                    }
                }
                Location::Cookie => {
                    for t in texts {
                        cookies.push(format!("{}={t}", p.name));
                    }
                }
            }
        }
        if path.contains('{') {
            return Err(format!(
                "the path `{path}` has a parameter the document does not describe"
            ));
        }
        let uri = if has_query {
            format!("{path}?{}", query.finish())
        } else {
            path
        };
        let mut builder = Request::builder().method(plan.method.clone()).uri(uri);
        let Some(map) = builder.headers_mut() else {
            return Err("the request could not be built".to_owned());
        };
        map.extend(headers.clone());
        for (name, value) in header_params {
            map.append(name, value);
        }
        if !cookies.is_empty() {
            let mut all: Vec<String> = map
                .get_all(COOKIE)
                .iter()
                .filter_map(|v| v.to_str().ok().map(str::to_owned))
                .collect();
            all.extend(cookies);
            let value = HeaderValue::from_str(&all.join("; ")).map_err(|e| e.to_string())?;
            map.insert(COOKIE, value);
        }
        let body = match (&self.body, &plan.body) {
            (BodyWire::Absent, _) | (_, None) => Body::empty(),
            (BodyWire::Raw(bytes), Some(spec)) => {
                map.insert(CONTENT_TYPE, content_type(&spec.media)?);
                Body::from(bytes.clone())
            }
            (BodyWire::Value(value), Some(spec)) => {
                let (media, bytes) = encode_body(spec, value);
                map.insert(CONTENT_TYPE, content_type(&media)?);
                Body::from(bytes)
            }
        };
        builder.body(body).map_err(|e| e.to_string())
    }

    /// What was generated: the broken part, or every part, shortened.
    fn what(&self, plan: &Plan, notes: &[String]) -> String {
        let mut what = match &self.broken {
            Some(broken) => broken.clone(),
            None => {
                let mut parts: Vec<String> = Vec::new();
                for (p, texts) in plan.params.iter().zip(&self.params) {
                    if let Some(texts) = texts {
                        parts.push(format!(
                            "{} {}={}",
                            p.location.name(),
                            p.name,
                            short(&texts.join("&"), 30)
                        ));
                    }
                }
                match &self.body {
                    BodyWire::Value(v) => parts.push(format!("body {}", short(&v.to_string(), 60))),
                    BodyWire::Raw(_) => parts.push("body (raw)".to_owned()),
                    BodyWire::Absent => {}
                }
                let head = match (self.valid, self.examples) {
                    (true, true) => "valid (examples)",
                    (true, false) => "valid",
                    (false, _) => "not valid",
                };
                if parts.is_empty() {
                    format!("{head}: no parameters, no body")
                } else {
                    format!("{head}: {}", parts.join(", "))
                }
            }
        };
        if !notes.is_empty() {
            what.push_str("; ");
            what.push_str(&notes.join("; "));
        }
        short(&what, MAX_WHAT)
    }
}

/// `media` as a header value.
fn content_type(media: &str) -> Result<HeaderValue, String> {
    HeaderValue::from_str(media).map_err(|e| e.to_string())
}

/// The body's media type (a multipart one with its boundary) and bytes.
fn encode_body(spec: &BodySpec, value: &Value) -> (String, Vec<u8>) {
    match spec.kind {
        BodyKind::Json => (
            spec.media.clone(),
            serde_json::to_vec(value).unwrap_or_default(),
        ),
        BodyKind::Form => {
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (name, text) in wire::form_fields(value) {
                form.append_pair(&name, &text);
            }
            (spec.media.clone(), form.finish().into_bytes())
        }
        BodyKind::Multipart => {
            let mut out = Vec::new();
            for (name, text) in wire::form_fields(value) {
                out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
                let disposition = format!("Content-Disposition: form-data; name=\"{name}\"");
                if spec.files.contains(&name) {
                    out.extend_from_slice(
                        format!("{disposition}; filename=\"{name}.txt\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                            .as_bytes(),
                    );
                } else {
                    out.extend_from_slice(format!("{disposition}\r\n\r\n").as_bytes());
                }
                out.extend_from_slice(text.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
            (format!("multipart/form-data; boundary={BOUNDARY}"), out)
        }
        BodyKind::Text | BodyKind::Bytes => {
            (spec.media.clone(), wire::scalar_text(value).into_bytes())
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]
mod tests;
