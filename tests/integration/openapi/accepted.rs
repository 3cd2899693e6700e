//! Every request the document allows is accepted (issue 20): the rules the server checks
//! on a request are written into the schema it documents, so a request a client builds
//! from the document never gets a 4xx the document did not promise.
//!
//! - garde's rules on the showcase's request bodies (`UserPatch`, `NewItem`, `NewUser`) are
//!   in the document, in both renderings, and the server's bounds are the document's: a
//!   value at a bound is accepted, one past it refused.
//! - `?fields=`/`?exclude=` are documented with a `pattern` that admits exactly the values
//!   the server accepts: compared, value by value, on the showcase's selection operations
//!   and on a nested and a self-holding model, by hand and with generated strings, with
//!   both of the `jsonschema` crate's regex engines; the pattern is a valid ECMA-262 regex.

use std::sync::OnceLock;

use axum::Router;
use http::{Method, StatusCode};
use jsonschema::{PatternOptions, Validator};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use response_model::prelude::*;
use response_model::routing::{ApiRouter, OpenApiVersion, get};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Value, json};

use crate::common::{get_req, json_req, send};
use crate::examples::showcase;

// ---- garde rules in the request schemas --------------------------------------------

fn showcase_schemas(version: OpenApiVersion) -> Value {
    let doc = showcase::api().openapi_version(version).openapi();
    doc["components"]["schemas"].clone()
}

/// The rules of one property: the keywords that constrain a value (its type, a number's
/// `format: double` and docs aside).
fn rules(schema: &Value, property: &str) -> Value {
    let mut p = schema["properties"][property].clone();
    let string = p["type"] == "string"
        || p["type"]
            .as_array()
            .is_some_and(|t| t.contains(&json!("string")));
    if let Some(obj) = p.as_object_mut() {
        obj.retain(|k, _| match k.as_str() {
            "minLength" | "maxLength" | "minimum" | "maximum" | "pattern" => true,
            "format" => string,
            _ => false,
        });
    }
    p
}

#[test]
fn showcase_request_bodies_document_every_garde_rule() {
    for version in [OpenApiVersion::V3_1, OpenApiVersion::V3_0] {
        let schemas = showcase_schemas(version);
        let patch = &schemas["UserPatch"];
        // `Option` fields whose rules were once in `inner(..)`, which schemars does not
        // read on an `Option`: documented as any string or null.
        assert_eq!(
            rules(patch, "name"),
            json!({"minLength": 1, "maxLength": 50}),
            "{version:?}"
        );
        assert_eq!(
            rules(patch, "email"),
            json!({"format": "email"}),
            "{version:?}"
        );
        let item = &schemas["NewItem"];
        assert_eq!(rules(item, "name"), json!({"minLength": 1}), "{version:?}");
        assert_eq!(
            rules(item, "price"),
            json!({"minimum": 0.01}),
            "{version:?}"
        );
        assert_eq!(rules(item, "tax"), json!({"minimum": 0.0}), "{version:?}");
        let user = &schemas["NewUser"];
        assert_eq!(
            rules(user, "name"),
            json!({"minLength": 1, "maxLength": 50}),
            "{version:?}"
        );
        assert_eq!(
            rules(user, "email"),
            json!({"format": "email"}),
            "{version:?}"
        );
        assert_eq!(
            rules(user, "password"),
            json!({"minLength": 8}),
            "{version:?}"
        );
    }
    // Still nullable: a rule on an `Option` checks the value when there is one.
    let schemas = showcase_schemas(OpenApiVersion::V3_1);
    assert_eq!(
        schemas["UserPatch"]["properties"]["name"]["type"],
        json!(["string", "null"])
    );
    assert_eq!(
        schemas["NewItem"]["properties"]["tax"]["type"],
        json!(["number", "null"])
    );
}

/// The status of `method uri` with the JSON `body` on a fresh showcase.
async fn status_of(app: &Router, method: Method, uri: &str, body: Value) -> StatusCode {
    send(app, json_req(method, uri, &body.to_string()))
        .await
        .status
}

#[tokio::test]
async fn the_server_accepts_what_the_rules_in_the_document_allow() {
    let app = showcase::app();
    // JSON Schema counts characters, so the server does too (`length(chars, ..)`): 50
    // two-byte characters are within `maxLength: 50`.
    let wide = |n: usize| "é".repeat(n);
    let patch = |body| status_of(&app, Method::PATCH, "/db/users/1", body);
    assert_eq!(patch(json!({"name": wide(50)})).await, StatusCode::OK);
    assert_eq!(
        patch(json!({"name": wide(51)})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        patch(json!({"name": ""})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(patch(json!({"name": null})).await, StatusCode::OK);
    assert_eq!(
        patch(json!({"email": "not an email"})).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(patch(json!({"email": null})).await, StatusCode::OK);

    let add = |body| status_of(&app, Method::POST, "/db/users/1/items", body);
    let item = |tax: Value| json!({"name": "Pen", "price": 0.01, "tax": tax});
    assert_eq!(add(item(json!(0.0))).await, StatusCode::CREATED);
    assert_eq!(add(item(json!(null))).await, StatusCode::CREATED);
    assert_eq!(
        add(item(json!(-0.5))).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );

    let create = |body| status_of(&app, Method::POST, "/db/users", body);
    let user = |name: String, password: String| json!({"name": name, "email": "wide@example.com", "password": password});
    assert_eq!(
        create(user(wide(51), "12345678".into())).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Eight characters, sixteen bytes: `minLength: 8` is met, and so is the server's rule.
    assert_eq!(create(user(wide(50), wide(8))).await, StatusCode::CREATED);
    assert_eq!(
        create(user("Wide".into(), wide(7))).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

// ---- `?fields=` / `?exclude=` ------------------------------------------------------------

/// The schema of the query parameter `name` of the operation at `path` (GET).
fn parameter_schema(doc: &Value, path: &str, name: &str) -> Value {
    let params = doc["paths"][path]["get"]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("GET {path} has no parameters"));
    params
        .iter()
        .find(|p| p["name"] == name && p["in"] == "query")
        .unwrap_or_else(|| panic!("GET {path} has no query parameter `{name}`"))["schema"]
        .clone()
}

/// Validators of `schema` under both of the `jsonschema` crate's regex engines
/// (`fancy-regex`, its default, and `regex`), after checking that its `pattern` is a valid
/// ECMA-262 regular expression (JSON Schema's `format: regex`).
fn validators(schema: &Value) -> [Validator; 2] {
    let pattern = schema["pattern"].as_str().expect("a pattern");
    let is_regex = jsonschema::options()
        .should_validate_formats(true)
        .build(&json!({"type": "string", "format": "regex"}))
        .unwrap();
    assert!(
        is_regex.is_valid(&json!(pattern)),
        "not an ECMA-262 regex: {pattern}"
    );
    [
        jsonschema::options()
            .with_pattern_options(PatternOptions::fancy_regex())
            .build(schema)
            .expect("the schema compiles with fancy-regex"),
        jsonschema::options()
            .with_pattern_options(PatternOptions::regex())
            .build(schema)
            .expect("the schema compiles with regex"),
    ]
}

/// Whether the document admits `value` for the parameter: both engines must agree.
fn admits(validators: &[Validator; 2], value: &str) -> bool {
    let [fancy, plain] = validators;
    let (a, b) = (fancy.is_valid(&json!(value)), plain.is_valid(&json!(value)));
    assert_eq!(a, b, "the regex engines disagree on {value:?}");
    a
}

/// Whether the server refuses `?{param}={value}` on `path` with a 400 (anything else
/// means the selection was accepted).
async fn refused(app: &Router, path: &str, param: &str, value: &str) -> bool {
    let query = utf8_percent_encode(value, NON_ALPHANUMERIC);
    let reply = send(app, get_req(&format!("{path}?{param}={query}"))).await;
    assert!(
        reply.status.is_success() || reply.status == StatusCode::BAD_REQUEST,
        "GET {path}?{param}={value:?}: {} {}",
        reply.status,
        reply.text()
    );
    reply.status == StatusCode::BAD_REQUEST
}

/// For each value: the document admits it exactly when the server accepts it.
async fn assert_agree(app: &Router, doc: &Value, path: &str, values: &[&str]) {
    for param in ["fields", "exclude"] {
        let schema = parameter_schema(doc, path, param);
        let validators = validators(&schema);
        for value in values {
            let admitted = admits(&validators, value);
            let accepted = !refused(app, path, param, value).await;
            assert_eq!(
                admitted,
                accepted,
                "GET {path}?{param}={value:?}: the document {} it, the server {} it (pattern {})",
                if admitted { "admits" } else { "refuses" },
                if accepted { "accepts" } else { "refuses" },
                schema["pattern"]
            );
        }
    }
}

/// Values of `?fields=`/`?exclude=` for a view of `id`, `name`, `email` and a fourth
/// field: ones the server accepts and ones it refuses, whitespace and commas included.
const FLAT_VALUES: &[&str] = &[
    "id",
    "id,name",
    "name,id,email",
    " id , name ",
    "id,,name",
    ",id",
    "id,",
    "\tid\u{3000}",
    "name,name",
    "0",
    "nope",
    "",
    ",",
    " ",
    " , ",
    "id,nope",
    "ID",
    "id.name",
    "items.name",
    "id.",
    ".id",
    "id name",
    "id;name",
    "id\u{feff}",
    "emai",
    "email+",
];

#[tokio::test]
async fn showcase_selection_parameters_admit_exactly_what_the_server_accepts() {
    let app = showcase::app();
    for version in [OpenApiVersion::V3_1, OpenApiVersion::V3_0] {
        let doc = showcase::api().openapi_version(version).openapi();
        let mut values = FLAT_VALUES.to_vec();
        values.extend(["role", "id,name,email,role"]);
        assert_agree(&app, &doc, "/fields/users", &values).await;
        let mut values = FLAT_VALUES.to_vec();
        values.extend(["is_active", "is_active, email"]);
        assert_agree(&app, &doc, "/db/users", &values).await;
    }
}

// A nested model and one that holds itself, with names a regex must escape.

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(LineOut))]
struct Line {
    sku: String,
    #[serde(rename = "unit price (€)")]
    unit_price: f64,
    #[serde(rename = "qty+")]
    qty: u32,
    // Never selectable: `.` splits a name.
    #[serde(rename = "a.b")]
    dotted: u32,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(OrderOut, nest(lines = LineOut, parts = PartOut)))]
struct Order {
    id: i64,
    lines: Vec<Line>,
    parts: Option<Part>,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
#[response_model(view(PartOut, nest(children = PartOut)))]
struct Part {
    name: String,
    children: Vec<Part>,
}

fn part(depth: usize) -> Part {
    Part {
        name: format!("p{depth}"),
        children: if depth == 0 {
            Vec::new()
        } else {
            vec![part(depth - 1)]
        },
    }
}

async fn order(fields: Selection<OrderOut>) -> Selected<OrderOut> {
    fields.apply(OrderOut::from(Order {
        id: 1,
        lines: vec![Line {
            sku: "pen".into(),
            unit_price: 1.5,
            qty: 2,
            dotted: 0,
        }],
        parts: Some(part(6)),
    }))
}

fn nested_api() -> ApiRouter {
    ApiRouter::new().route("/orders/1", get(order))
}

#[tokio::test]
async fn nested_names_are_admitted_exactly_as_the_server_accepts_them() {
    let app = nested_api().into_router();
    let values = [
        "id",
        "lines",
        "lines.sku",
        "lines.unit price (€)",
        " lines.qty+ ,id",
        "lines.sku,lines.qty+,parts.name",
        "parts.children.name",
        "parts.children.children.children",
        "parts.children.children.name",
        "lines.",
        "lines.nope",
        "lines..sku",
        "lines. sku",
        "lines.sku.x",
        "id.x",
        "sku",
        "lines.a.b",
        "lines.a",
        "lines.unit price",
        "lines.qty",
        "lines.qty++",
        "parts.children.nope",
    ];
    for version in [OpenApiVersion::V3_1, OpenApiVersion::V3_0] {
        let doc = nested_api().openapi_version(version).openapi();
        assert_agree(&app, &doc, "/orders/1", &values).await;
    }
}

#[tokio::test]
async fn a_model_that_holds_itself_is_documented_to_four_levels() {
    // The server follows `children` as deep as it goes; the document spells out names of
    // four levels, so deeper ones are refused by the document and still accepted: the
    // document admits fewer values than the server, never more.
    let app = nested_api().into_router();
    let doc = nested_api().openapi();
    let validators = validators(&parameter_schema(&doc, "/orders/1", "fields"));
    assert!(admits(&validators, "parts.children.children.children"));
    let deep = "parts.children.children.children.name";
    assert!(!admits(&validators, deep));
    assert!(!refused(&app, "/orders/1", "fields", deep).await);
}

#[test]
fn the_whitespace_around_a_name_is_what_the_server_trims() {
    // Every code point of the Basic Multilingual Plane (where all of Unicode's
    // `White_Space` is) and some beyond, before a name: the document admits it exactly
    // when the server's parser does.
    let doc = showcase::api().openapi();
    let validators = validators(&parameter_schema(&doc, "/fields/users", "fields"));
    let chars = (0u32..=0xFFFF)
        .chain([0x1_0000, 0x1_F600, 0x10_FFFF])
        .filter_map(char::from_u32)
        .filter(|c| *c != ',');
    for c in chars {
        let value = format!("{c}id");
        let query = format!("fields={}", utf8_percent_encode(&value, NON_ALPHANUMERIC));
        let accepted =
            Selection::<response_model_examples::include_exclude::UserOut>::from_query(&query)
                .is_ok();
        assert_eq!(
            admits(&validators, &value),
            accepted,
            "U+{:04X} before a name",
            c as u32
        );
    }
}

/// The showcase app and its `fields` validators, built once for the generated cases.
fn generated_fixture() -> &'static (Router, [Validator; 2], tokio::runtime::Runtime) {
    static FIXTURE: OnceLock<(Router, [Validator; 2], tokio::runtime::Runtime)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let doc = nested_api().openapi();
        let validators = validators(&parameter_schema(&doc, "/orders/1", "fields"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        (nested_api().into_router(), validators, runtime)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    /// Strings built from the pieces names are made of (and the separators the parser
    /// reads): the document admits each exactly when the server accepts it.
    #[test]
    fn generated_values_are_admitted_exactly_when_accepted(
        pieces in proptest::collection::vec(
            prop_oneof![
                Just("id"), Just("lines"), Just("parts"), Just("sku"), Just("name"),
                Just("children"), Just("qty+"), Just("unit price (€)"), Just("x"),
                Just("."), Just(","), Just(" "), Just("\t"), Just("0"),
            ],
            0..8,
        )
    ) {
        let value: String = pieces.concat();
        let (app, validators, runtime) = generated_fixture();
        let accepted = !runtime.block_on(refused(app, "/orders/1", "fields", &value));
        prop_assert_eq!(admits(validators, &value), accepted, "value {:?}", value);
    }
}

#[test]
fn a_request_the_document_allows_gets_no_400() {
    // The same property seen from a client: a value drawn from the pattern itself.
    let doc = showcase::api().openapi();
    let schema = parameter_schema(&doc, "/fields/users", "fields");
    let pattern = schema["pattern"].as_str().unwrap();
    // Without the anchors, the pattern is a regex proptest can draw strings from.
    let body = pattern
        .strip_prefix('^')
        .and_then(|p| p.strip_suffix('$'))
        .unwrap();
    let strategy = proptest::string::string_regex(body).unwrap();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for _ in 0..256 {
        let value = strategy.new_tree(&mut runner).unwrap().current();
        let query = format!("fields={}", utf8_percent_encode(&value, NON_ALPHANUMERIC));
        assert!(
            Selection::<response_model_examples::include_exclude::UserOut>::from_query(&query)
                .is_ok(),
            "the document admits {value:?}, the server refuses it"
        );
    }
}
