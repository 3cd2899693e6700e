#![cfg(feature = "templates")]
//! JSON, fast JSON, HTML, templates, plain text and redirects (issue 4): the course
//! example's endpoints through `oneshot` and over a real socket, the classes' contracts
//! (same bytes from both JSON encoders, escaping, template errors, refused redirect
//! targets) and the failures a request can cause.

use std::collections::BTreeMap;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::Query;
use axum::response::{AppendHeaders, IntoResponse, Response};
use axum::routing::get;
use http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, LOCATION, SET_COOKIE};
use http::{Method, Request, StatusCode};
use proptest::prelude::*;
use response_model::JsonEncoder;
use response_model::Model;
use response_model::responses::FastJson;
use response_model::responses::Html;
use response_model::responses::PlainText;
use response_model::responses::minijinja::{UndefinedBehavior, context};
use response_model::responses::{InvalidRedirect, Redirect, RedirectStatus};
use response_model::responses::{TemplateResponse, Templates};
use serde::{Serialize, Serializer};
use serde_json::json;

use crate::common::{
    GENERIC_500, JSON, Logs, Reply, TEXT, client, get_path, json_req, reply, send, serve,
};
use crate::examples::response_classes as example;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/templates");
const HTML: &str = "text/html; charset=utf-8";

fn example_app() -> Router {
    example::routes(Templates::new(example::TEMPLATE_DIR))
}

// ---- JSON ------------------------------------------------------------------------------

#[tokio::test]
async fn json_implicit_items() {
    let r = get_path(&example_app(), "/items").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"items":["a","b"]}"#);
}

#[tokio::test]
async fn json_explicit_created_with_header() {
    let r = send(
        &example_app(),
        Request::post("/items").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert_eq!(r.header("x-item-id"), "42");
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"message":"created","id":42}"#);
}

#[tokio::test]
async fn json_check_flag_true_false_and_python_spellings() {
    let app = example_app();
    for path in [
        "/check",
        "/check?flag=true",
        "/check?flag=True",
        "/check?flag=1",
        "/check?flag=yes",
    ] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert_eq!(r.text(), r#"{"status":"ok"}"#, "{path}");
    }
    for path in [
        "/check?flag=false",
        "/check?flag=False",
        "/check?flag=0",
        "/check?flag=off",
    ] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), JSON);
        assert_eq!(r.text(), r#"{"error":"flag is False"}"#, "{path}");
    }
}

#[tokio::test]
async fn json_check_bad_query_is_422_naming_the_field() {
    let app = example_app();
    for (path, input) in [("/check?flag=maybe", "maybe"), ("/check?flag=", "")] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), JSON);
        let detail = r.json()["detail"].as_str().unwrap().to_owned();
        assert!(
            detail.contains("flag: input should be a valid boolean"),
            "{detail}"
        );
        assert!(detail.contains(&format!("got {input:?}")), "{detail}");
    }
}

#[tokio::test]
async fn json_status_headers_and_cookies_from_tuples() {
    let app = Router::new().route(
        "/",
        get(|| async {
            (
                StatusCode::ACCEPTED,
                [("x-request-id", "abc")],
                AppendHeaders([
                    (SET_COOKIE, "session=s1; HttpOnly; Path=/"),
                    (SET_COOKIE, "theme=dark"),
                ]),
                Model::<_>(json!({"ok": true})),
            )
        }),
    );
    let r = get_path(&app, "/").await;
    assert_eq!(r.status, StatusCode::ACCEPTED);
    assert_eq!(r.header("x-request-id"), "abc");
    let cookies: Vec<_> = r.headers.get_all(SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["session=s1; HttpOnly; Path=/", "theme=dark"]);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    assert_eq!(r.text(), r#"{"ok":true}"#);
}

#[tokio::test]
async fn json_encode_failure_is_a_logged_generic_500() {
    let logs = Logs::capture();
    // A map whose keys are not strings cannot be JSON: both encoders refuse it.
    let bad = || BTreeMap::from([((1, 2), "secret-value")]);
    let app = Router::new()
        .route("/std", get(move || async move { Model::<_>(bad()) }))
        .route("/fast", get(move || async move { FastJson(bad()) }));
    for path in ["/std", "/fast"] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(r.header(CONTENT_TYPE), TEXT);
        assert_eq!(r.text(), GENERIC_500);
    }
    let logged = logs.text();
    assert_eq!(
        logged.matches("response serialization failed").count(),
        2,
        "{logged}"
    );
    assert!(!logged.contains("secret-value"), "{logged}");
}

// ---- fast JSON -------------------------------------------------------------------------

/// Serializes as the name of the serializer that encoded it: proof of which library ran.
struct WhoEncodes;

impl Serialize for WhoEncodes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(std::any::type_name::<S>())
    }
}

#[tokio::test]
async fn fast_json_per_route_and_app_wide_default_really_use_sonic() {
    let routes = || {
        Router::new()
            .route("/plain", get(|| async { Model::<_>(WhoEncodes) }))
            .route("/fast", get(|| async { FastJson(WhoEncodes) }))
            .route("/axum", get(|| async { axum::Json(WhoEncodes) }))
    };
    let standard = routes();
    let fast_default = routes().layer(JsonEncoder::Fast.layer());

    let who = |r: Reply| r.json().as_str().unwrap().to_owned();
    assert!(who(get_path(&standard, "/plain").await).contains("serde_json"));
    assert!(who(get_path(&standard, "/fast").await).contains("sonic_rs"));
    assert!(who(get_path(&fast_default, "/plain").await).contains("sonic_rs"));
    assert!(who(get_path(&fast_default, "/fast").await).contains("sonic_rs"));
    // axum's own Json ignores the layer (serde_json always): use Model to follow it.
    assert!(who(get_path(&fast_default, "/axum").await).contains("serde_json"));
}

#[tokio::test]
async fn fast_json_big_data_and_users_match_serde_json_bytes() {
    let app = example_app();
    let r = get_path(&app, "/big-data").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    let expected = serde_json::to_vec(&json!({"items": (0..10_000).collect::<Vec<_>>()})).unwrap();
    assert_eq!(r.body, expected);

    let r = get_path(&app, "/users").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), JSON);
    let users: Vec<_> = (0..1000)
        .map(|i| json!({"id": i, "name": format!("User {i}")}))
        .collect();
    assert_eq!(r.body, serde_json::to_vec(&users).unwrap());
}

fn same_bytes<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    let standard = serde_json::to_vec(value).unwrap();
    let fast = JsonEncoder::Fast.to_vec(value).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&fast),
        String::from_utf8_lossy(&standard),
        "sonic-rs and serde_json disagree"
    );
    standard
}

#[test]
fn fast_json_floats_match_serde_json() {
    let cases: [(f64, &str); 10] = [
        (75000.0, "75000.0"),
        (0.1, "0.1"),
        (1e300, "1e+300"),
        (-0.0, "-0.0"),
        (1.5, "1.5"),
        (1e-7, "1e-7"),
        (1e15, "1000000000000000.0"),
        (1e16, "1e+16"),
        (f64::MAX, "1.7976931348623157e+308"),
        (5e-324, "5e-324"),
    ];
    for (value, text) in cases {
        assert_eq!(same_bytes(&value), text.as_bytes(), "{value:?}");
    }
    for (value, text) in [
        (0.1f32, "0.1"),
        (16_777_216.0f32, "16777216.0"),
        (1e30f32, "1e+30"),
    ] {
        assert_eq!(same_bytes(&value), text.as_bytes(), "{value:?}");
    }
}

#[test]
fn fast_json_non_finite_floats_are_null() {
    let value = json!([f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
    assert_eq!(same_bytes(&value), b"[null,null,null]");
    assert_eq!(same_bytes(&[f64::NAN, f64::INFINITY]), b"[null,null]");
    assert_eq!(same_bytes(&f32::NEG_INFINITY), b"null");
}

#[test]
fn fast_json_string_escaping_matches_serde_json() {
    let controls: String = (0u8..0x20).map(char::from).collect();
    assert_eq!(
        same_bytes(&controls),
        br#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#
    );
    assert_eq!(same_bytes("</script>"), br#""</script>""#);
    assert_eq!(
        same_bytes(r#"quote " back \ slash /"#),
        br#""quote \" back \\ slash /""#
    );
    assert_eq!(same_bytes("\u{7f}"), "\"\u{7f}\"".as_bytes());
    assert_eq!(
        same_bytes("é \u{2028}\u{2029} 😀 \u{fffd} 日本"),
        "\"é \u{2028}\u{2029} 😀 \u{fffd} 日本\"".as_bytes()
    );
}

#[test]
fn fast_json_chrono_time_uuid_and_other_serde_values_match() {
    let when = chrono::DateTime::parse_from_rfc3339("2024-01-02T03:04:05.123456789+02:00").unwrap();
    let utc = when.with_timezone(&chrono::Utc);
    let id = uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap();
    let value = (
        when,
        utc,
        chrono::NaiveDate::from_ymd_opt(2024, 2, 29).unwrap(),
        id,
    );
    assert_eq!(
        same_bytes(&value),
        br#"["2024-01-02T03:04:05.123456789+02:00","2024-01-02T01:04:05.123456789Z","2024-02-29","67e55044-10b1-426f-9247-bb680e5fe0c8"]"#
    );

    // The `time` crate: its default (compact) form and its RFC 3339 form.
    #[derive(Serialize)]
    struct Stamped {
        #[serde(with = "time::serde::rfc3339")]
        at: time::OffsetDateTime,
        raw: time::OffsetDateTime,
        day: time::Date,
        took: time::Duration,
    }
    let stamped = Stamped {
        at: time::macros::datetime!(2024-01-02 03:04:05.123456789 +02:00),
        raw: time::macros::datetime!(2024-01-02 03:04:05 UTC),
        day: time::macros::date!(2024 - 02 - 29),
        took: time::Duration::new(90, 500),
    };
    assert_eq!(
        String::from_utf8(same_bytes(&stamped)).unwrap(),
        serde_json::to_string(&stamped).unwrap()
    );
    assert!(
        serde_json::to_string(&stamped)
            .unwrap()
            .starts_with(r#"{"at":"2024-01-02T03:04:05.123456789+02:00","#)
    );

    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    enum Kind {
        Unit,
        NewType(i8),
        Tuple(u8, u8),
        Struct { big: u128, small: i128 },
    }
    #[derive(Serialize)]
    struct Row {
        kinds: Vec<Kind>,
        by_id: BTreeMap<i64, Option<bool>>,
        bytes: Vec<u8>,
        unit: (),
        ch: char,
    }
    let row = Row {
        kinds: vec![
            Kind::Unit,
            Kind::NewType(-1),
            Kind::Tuple(1, 2),
            Kind::Struct {
                big: u128::MAX,
                small: i128::MIN,
            },
        ],
        by_id: BTreeMap::from([(-2, None), (7, Some(true))]),
        bytes: b"ab".to_vec(),
        unit: (),
        ch: '"',
    };
    assert_eq!(
        String::from_utf8(same_bytes(&row)).unwrap(),
        r#"{"kinds":["unit",{"newType":-1},{"tuple":[1,2]},{"struct":{"big":340282366920938463463374607431768211455,"small":-170141183460469231731687303715884105728}}],"by_id":{"-2":null,"7":true},"bytes":[97,98],"unit":null,"ch":"\""}"#
    );
}

#[test]
fn fast_json_serde_json_raw_values_are_written_as_serde_json_writes_them() {
    // sonic-rs alone writes `{"$serde_json::private::RawValue":"..."}` here.
    let raw = serde_json::value::RawValue::from_string(r#"{"a": [1, 2.50]}"#.to_owned()).unwrap();
    let value = json!({"before": 1});
    #[derive(Serialize)]
    struct Doc<'a> {
        raw: &'a serde_json::value::RawValue,
        value: serde_json::Value,
    }
    let doc = Doc { raw: &raw, value };
    assert_eq!(
        same_bytes(&doc),
        br#"{"raw":{"a": [1, 2.50]},"value":{"before":1}}"#
    );
    // Look-alikes that are plain data stay plain data.
    let key = BTreeMap::from([("$serde_json::private::RawValue", "x")]);
    assert_eq!(
        same_bytes(&key),
        br#"{"$serde_json::private::RawValue":"x"}"#
    );
    let text = r#"{"$serde_json::private::RawValue":1}"#;
    assert_eq!(
        same_bytes(text),
        br#""{\"$serde_json::private::RawValue\":1}""#
    );
}

#[tokio::test]
async fn fast_json_response_bytes_equal_json_response_bytes() {
    let value = json!({"price": 75000.0, "tiny": 0.1, "huge": 1e300, "neg_zero": -0.0,
                       "html": "</script><b>é</b>\u{1}", "nested": [{"a": [1, 2.5, null]}]});
    let a = reply(Model::<_>(value.clone()).into_response()).await;
    let b = reply(FastJson(value).into_response()).await;
    assert_eq!(a.header(CONTENT_TYPE), JSON);
    assert_eq!(b.header(CONTENT_TYPE), JSON);
    assert_eq!(a.body, b.body);
    // A `json!` map keeps its keys' order, as a Python dict does (feature
    // `preserve-order`, on by default); serde_json sorts them without it.
    let expected = if cfg!(feature = "preserve-order") {
        r#"{"price":75000.0,"tiny":0.1,"huge":1e+300,"neg_zero":-0.0,"html":"</script><b>é</b>\u0001","nested":[{"a":[1,2.5,null]}]}"#
    } else {
        r#"{"html":"</script><b>é</b>\u0001","huge":1e+300,"neg_zero":-0.0,"nested":[{"a":[1,2.5,null]}],"price":75000.0,"tiny":0.1}"#
    };
    assert_eq!(b.text(), expected);
}

proptest! {
    #[test]
    fn fast_json_any_f64_matches_serde_json(value in any::<f64>()) {
        prop_assert_eq!(JsonEncoder::Fast.to_vec(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn fast_json_any_f32_matches_serde_json(value in any::<f32>()) {
        prop_assert_eq!(JsonEncoder::Fast.to_vec(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn fast_json_any_string_matches_serde_json(value in any::<String>()) {
        prop_assert_eq!(JsonEncoder::Fast.to_vec(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }

    #[test]
    fn fast_json_any_map_matches_serde_json(
        value in proptest::collection::btree_map(any::<String>(), (any::<i64>(), any::<f64>(), any::<Option<u64>>()), 0..8)
    ) {
        prop_assert_eq!(JsonEncoder::Fast.to_vec(&value).unwrap(), serde_json::to_vec(&value).unwrap());
    }
}

// ---- HTML and templates ----------------------------------------------------------------

#[tokio::test]
async fn html_health_and_maintenance() {
    let app = example_app();
    let r = get_path(&app, "/health").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), example::HEALTH_PAGE);
    assert!(r.text().contains("<h1>✅ Service is healthy</h1>"));

    let r = get_path(&app, "/maintenance").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), "<h1>Under Maintenance</h1>");
}

const DASHBOARD: &str = "<!DOCTYPE html>
<html>
  <head>
    <meta charset=\"utf-8\">
    <title>Dashboard</title>
  </head>
  <body>
    <h1>Welcome, Alice!</h1>
    <ul>
      <li>Item 1</li>
      <li>Item 2</li>
      <li>Item 3</li>
    </ul>
  </body>
</html>";

#[tokio::test]
async fn template_dashboard() {
    let r = get_path(&example_app(), "/dashboard").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), HTML);
    assert_eq!(r.text(), DASHBOARD);
}

#[test]
fn template_dir_does_not_depend_on_the_working_directory() {
    assert!(std::path::Path::new(example::TEMPLATE_DIR).is_absolute());
    let html = Templates::new(example::TEMPLATE_DIR)
        .render(
            "dashboard.html",
            context! { user => "Alice", items => [1, 2, 3] },
        )
        .unwrap();
    assert_eq!(html, DASHBOARD);
}

#[test]
fn template_autoescape_on_for_html_only() {
    let templates = Templates::new(FIXTURES);
    let text = r#"<script>alert("x") & 'y'</script>"#;
    assert_eq!(
        templates.render("escape.html", context! { text }).unwrap(),
        "<p>&lt;script&gt;alert(&quot;x&quot;) &amp; &#x27;y&#x27;&lt;&#x2f;script&gt;</p>"
    );
    assert_eq!(
        templates.render("escape.txt", context! { text }).unwrap(),
        text
    );
}

#[test]
fn template_context_from_any_serializable_value() {
    #[derive(Serialize)]
    struct Ctx {
        name: &'static str,
    }
    let templates = Templates::new(FIXTURES);
    assert_eq!(
        templates.render("page.html", Ctx { name: "Bob" }).unwrap(),
        "<main><b>Bob</b></main>"
    );
    let map = BTreeMap::from([("name", "Eve & co")]);
    assert_eq!(
        templates.render("page.html", map).unwrap(),
        "<main><b>Eve &amp; co</b></main>"
    );
}

#[tokio::test]
async fn template_errors_are_logged_generic_500s() {
    let logs = Logs::capture();
    let lenient = Templates::new(FIXTURES);
    let strict = Templates::new(FIXTURES)
        .configure(|env| env.set_undefined_behavior(UndefinedBehavior::Strict));
    let ctx = || context! { name => "Ann", password => "hunter2-secret" };

    let cases: [(&Templates, &str, &str); 5] = [
        (&lenient, "missing.html", "template not found"),
        (&lenient, "broken.html", "syntax error"),
        (&lenient, "bad_filter.html", "unknown filter"),
        (&strict, "undefined.html", "undefined value"),
        (&lenient, "../../integration/main.rs", "template not found"),
    ];
    // The traversal target exists: only the name check stops it.
    assert!(
        std::path::Path::new(FIXTURES)
            .join("../../integration/main.rs")
            .is_file()
    );
    for (templates, name, reason) in cases {
        let r = reply(templates.response(name, ctx()).into_response()).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{name}");
        assert_eq!(r.header(CONTENT_TYPE), TEXT, "{name}");
        assert_eq!(r.text(), GENERIC_500, "{name}");
        let logged = logs.text();
        assert!(logged.contains(reason), "{name}: {logged}");
    }
    let logged = logs.text();
    assert_eq!(
        logged.matches("template rendering failed").count(),
        5,
        "{logged}"
    );
    assert!(!logged.contains("hunter2-secret"), "{logged}");

    // Lenient (Jinja2's default): an undefined variable renders as nothing.
    let r = reply(lenient.response("undefined.html", ctx()).into_response()).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.text(), "<p>Hello Ann!</p>");
}

#[tokio::test]
async fn template_error_through_a_router_is_500() {
    let templates = Templates::new(FIXTURES);
    let app = Router::new()
        .route(
            "/broken",
            get(
                |axum::extract::State(t): axum::extract::State<Templates>| async move {
                    t.response("broken.html", ())
                },
            ),
        )
        .with_state(templates);
    let r = get_path(&app, "/broken").await;
    assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(r.text(), GENERIC_500);
}

#[test]
fn templates_are_read_once_without_auto_reload() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("t.html"), "v1").unwrap();
    let templates = Templates::new(dir.path());
    assert_eq!(templates.render("t.html", ()).unwrap(), "v1");
    std::fs::write(dir.path().join("t.html"), "version two").unwrap();
    assert_eq!(templates.render("t.html", ()).unwrap(), "v1");
    std::fs::remove_file(dir.path().join("t.html")).unwrap();
    // Kept in memory: the file is not read again.
    assert_eq!(templates.clone().render("t.html", ()).unwrap(), "v1");
}

#[test]
fn templates_auto_reload_sees_edits_of_templates_and_includes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.html"),
        r#"[{% include "part.html" %}]"#,
    )
    .unwrap();
    std::fs::write(dir.path().join("part.html"), "a").unwrap();
    let templates = Templates::new(dir.path()).auto_reload(true);
    assert_eq!(templates.render("page.html", ()).unwrap(), "[a]");

    std::fs::write(dir.path().join("part.html"), "bb").unwrap();
    assert_eq!(templates.render("page.html", ()).unwrap(), "[bb]");

    std::fs::write(
        dir.path().join("page.html"),
        r#"<{% include "part.html" %}>!"#,
    )
    .unwrap();
    assert_eq!(templates.render("page.html", ()).unwrap(), "<bb>!");

    std::fs::remove_file(dir.path().join("part.html")).unwrap();
    let err = templates.render("page.html", ()).unwrap_err();
    assert_eq!(
        err.kind(),
        response_model::responses::minijinja::ErrorKind::TemplateNotFound
    );
}

// ---- plain text ------------------------------------------------------------------------

#[tokio::test]
async fn text_ping_and_csv_attachment() {
    let app = example_app();
    let r = get_path(&app, "/ping").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "pong");

    let r = get_path(&app, "/export/csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(
        r.header(CONTENT_DISPOSITION),
        r#"attachment; filename="data.csv""#
    );
    assert_eq!(r.text(), "id,name,price\n1,Laptop,75000\n2,Phone,30000");
}

#[tokio::test]
async fn text_of_bytes_is_still_text_plain() {
    let r = reply(PlainText(Bytes::from_static(b"raw")).into_response()).await;
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "raw");
    let r = reply(PlainText(vec![b'h', b'i']).into_response()).await;
    assert_eq!(r.header(CONTENT_TYPE), TEXT);
    assert_eq!(r.text(), "hi");
}

// ---- status, headers and cookies on every class ------------------------------------------

#[tokio::test]
async fn every_class_takes_status_headers_and_cookies() {
    fn dressed(inner: impl IntoResponse) -> Response {
        (
            StatusCode::IM_A_TEAPOT,
            [("x-extra", "1")],
            AppendHeaders([(SET_COOKIE, "a=1"), (SET_COOKIE, "b=2")]),
            inner,
        )
            .into_response()
    }
    let templates = Templates::new(FIXTURES);
    let cases: Vec<(Response, &str, &str)> = vec![
        (dressed(Model::<_>([1])), JSON, "[1]"),
        (dressed(FastJson([2])), JSON, "[2]"),
        (dressed(Html("<i>x</i>")), HTML, "<i>x</i>"),
        (
            dressed(templates.response("escape.html", context! { text => "t" })),
            HTML,
            "<p>t</p>",
        ),
        (dressed(PlainText("t")), TEXT, "t"),
    ];
    for (res, content_type, body) in cases {
        let r = reply(res).await;
        assert_eq!(r.status, StatusCode::IM_A_TEAPOT);
        assert_eq!(r.header("x-extra"), "1");
        assert_eq!(
            r.headers.get_all(SET_COOKIE).iter().collect::<Vec<_>>(),
            ["a=1", "b=2"]
        );
        assert_eq!(r.header(CONTENT_TYPE), content_type);
        assert_eq!(r.text(), body);
    }
    // A redirect keeps its own status; the cookie of a login rides along.
    let r = reply(
        (
            AppendHeaders([(SET_COOKIE, "session=s1; HttpOnly")]),
            Redirect::<303>::to("/dashboard"),
        )
            .into_response(),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(LOCATION), "/dashboard");
    assert_eq!(r.header(SET_COOKIE), "session=s1; HttpOnly");
}

// ---- redirects -------------------------------------------------------------------------

#[tokio::test]
async fn redirects_of_the_course() {
    let app = example_app();
    let login = json_req(
        Method::POST,
        "/login",
        r#"{"username":"alice","password":"pw"}"#,
    );
    let cases = [
        (
            get_path(&app, "/").await,
            StatusCode::TEMPORARY_REDIRECT,
            "/docs",
        ),
        (
            get_path(&app, "/old-path").await,
            StatusCode::MOVED_PERMANENTLY,
            "/new-path",
        ),
        (send(&app, login).await, StatusCode::SEE_OTHER, "/dashboard"),
        (
            get_path(&app, "/v1/users").await,
            StatusCode::PERMANENT_REDIRECT,
            "/v2/users",
        ),
    ];
    for (r, status, location) in cases {
        assert_eq!(r.status, status, "{location}");
        assert_eq!(r.header(LOCATION), location);
        assert!(r.body.is_empty());
    }
}

#[tokio::test]
async fn redirect_login_without_a_json_body_is_4xx() {
    let app = example_app();
    let r = send(&app, Request::post("/login").body(Body::empty()).unwrap()).await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = send(&app, json_req(Method::POST, "/login", "[1]")).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.header(LOCATION), "<absent>");
}

#[test]
fn redirect_statuses_are_in_the_type() {
    assert_eq!(
        <Redirect as RedirectStatus>::STATUS,
        StatusCode::TEMPORARY_REDIRECT
    );
    assert_eq!(
        <Redirect<301> as RedirectStatus>::STATUS,
        StatusCode::MOVED_PERMANENTLY
    );
    assert_eq!(<Redirect<302> as RedirectStatus>::STATUS, StatusCode::FOUND);
    assert_eq!(
        <Redirect<303> as RedirectStatus>::STATUS,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        <Redirect<307> as RedirectStatus>::STATUS,
        StatusCode::TEMPORARY_REDIRECT
    );
    assert_eq!(
        <Redirect<308> as RedirectStatus>::STATUS,
        StatusCode::PERMANENT_REDIRECT
    );
}

#[tokio::test]
async fn redirect_302_relative_absolute_and_encoded_targets() {
    let cases = [
        ("/relative/path?x=1#frag", "/relative/path?x=1#frag"),
        ("../up", "../up"),
        (
            "https://example.com:8443/a/b?c=d&e=f#g",
            "https://example.com:8443/a/b?c=d&e=f#g",
        ),
        ("//cdn.example.com/x", "//cdn.example.com/x"),
        ("/search?q=café au lait", "/search?q=caf%C3%A9%20au%20lait"),
        ("/already%20encoded", "/already%20encoded"),
        (
            r#"/a"b<c>d\e^f`g{h|i}j"#,
            "/a%22b%3Cc%3Ed%5Ce%5Ef%60g%7Bh%7Ci%7Dj",
        ),
        ("/keep:@!$&'()*+,;=[]~-._", "/keep:@!$&'()*+,;=[]~-._"),
    ];
    for (target, location) in cases {
        let r = reply(Redirect::<302>::to(target).into_response()).await;
        assert_eq!(r.status, StatusCode::FOUND, "{target}");
        assert_eq!(r.header(LOCATION), location, "{target}");
        assert!(r.body.is_empty());
        assert_eq!(
            Redirect::<302>::try_to(target).unwrap().location(),
            Some(location)
        );
    }
}

#[test]
fn redirect_refuses_control_characters() {
    let cases: [(&str, usize, u8); 6] = [
        ("/a\r\nSet-Cookie: evil=1", 2, b'\r'),
        ("/a\nb", 2, b'\n'),
        ("\0", 0, 0),
        ("/tab\there", 4, b'\t'),
        ("/del\u{7f}", 4, 0x7f),
        ("https://example.com/\u{1b}[31m", 20, 0x1b),
    ];
    for (target, index, byte) in cases {
        let err = Redirect::<307>::try_to(target).unwrap_err();
        assert_eq!(
            err,
            InvalidRedirect::ControlCharacter { index, byte },
            "{target:?}"
        );
        assert!(
            err.to_string()
                .contains(&format!("0x{byte:02X} at byte {index}"))
        );
        assert_eq!(Redirect::<301>::to(target).location(), None);
    }
}

#[tokio::test]
async fn redirect_with_crlf_is_a_logged_500_never_sent() {
    let logs = Logs::capture();
    let app = Router::new()
        .route(
            "/to",
            get(|| async { Redirect::<302>::to("/x\r\nSet-Cookie: evil=1") }),
        )
        .route(
            "/try",
            get(|| async {
                Redirect::<302>::try_to("/x\r\nSet-Cookie: evil=1").map(|r| r.into_response())
            }),
        );
    for path in ["/to", "/try"] {
        let r = get_path(&app, path).await;
        assert_eq!(r.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert_eq!(r.header(LOCATION), "<absent>");
        assert_eq!(r.header(SET_COOKIE), "<absent>");
        assert_eq!(r.text(), GENERIC_500);
    }
    let logged = logs.text();
    assert_eq!(logged.matches("redirect refused").count(), 2, "{logged}");
    assert!(
        logged.contains("control character 0x0D at byte 2"),
        "{logged}"
    );
}

#[tokio::test]
async fn redirect_target_from_the_request_can_be_a_400() {
    #[derive(serde::Deserialize)]
    struct Next {
        next: String,
    }
    async fn go(Query(Next { next }): Query<Next>) -> Result<Redirect<303>, (StatusCode, String)> {
        Redirect::try_to(next).map_err(|err| (StatusCode::BAD_REQUEST, err.to_string()))
    }
    let app = Router::new().route("/go", get(go));
    let r = get_path(&app, "/go?next=%2Fhome").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.header(LOCATION), "/home");
    let r = get_path(&app, "/go?next=%2Fx%0D%0ASet-Cookie%3A%20a%3Db").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(r.header(SET_COOKIE), "<absent>");
    assert!(
        r.text()
            .starts_with("redirect target has the control character 0x0D at byte 2")
    );
}

#[tokio::test]
async fn example_app_merges_the_file_routes_without_clashes() {
    // `app()` panics at build time if two routes clash (e.g. `/export/csv` and the file
    // routes' `/export/{user_id}`); static paths win over parameters.
    let app = example::app();
    let r = get_path(&app, "/export/csv").await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(
        r.header(CONTENT_DISPOSITION),
        r#"attachment; filename="data.csv""#
    );
    let r = get_path(&app, "/dashboard").await;
    assert_eq!(r.text(), DASHBOARD);
}

// ---- real socket -----------------------------------------------------------------------

#[tokio::test]
async fn socket_every_class_of_the_example() {
    let base = serve(example_app()).await;
    let http = client();
    let get = |path: &str| http.get(format!("{base}{path}")).send();

    // JSON, implicit and explicit.
    let res = get("/items").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], JSON);
    assert_eq!(res.text().await.unwrap(), r#"{"items":["a","b"]}"#);
    let res = http.post(format!("{base}/items")).send().await.unwrap();
    assert_eq!(res.status(), 201);
    assert_eq!(res.headers()["x-item-id"], "42");
    assert_eq!(
        res.text().await.unwrap(),
        r#"{"message":"created","id":42}"#
    );
    let res = get("/check?flag=false").await.unwrap();
    assert_eq!(res.status(), 400);
    assert_eq!(res.text().await.unwrap(), r#"{"error":"flag is False"}"#);
    let res = get("/check?flag=maybe").await.unwrap();
    assert_eq!(res.status(), 422);

    // Fast JSON, per route and app-wide.
    let res = get("/big-data").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], JSON);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["items"].as_array().unwrap().len(), 10_000);
    assert_eq!(body["items"][9999], 9999);
    let res = get("/users").await.unwrap();
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body[999], json!({"id": 999, "name": "User 999"}));

    // HTML and templates.
    let res = get("/maintenance").await.unwrap();
    assert_eq!(res.status(), 503);
    assert_eq!(res.headers()[CONTENT_TYPE], HTML);
    assert_eq!(res.text().await.unwrap(), "<h1>Under Maintenance</h1>");
    let res = get("/dashboard").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()[CONTENT_TYPE], HTML);
    assert_eq!(res.text().await.unwrap(), DASHBOARD);

    // Plain text.
    let res = get("/ping").await.unwrap();
    assert_eq!(res.headers()[CONTENT_TYPE], TEXT);
    assert_eq!(res.text().await.unwrap(), "pong");
    let res = get("/export/csv").await.unwrap();
    assert_eq!(
        res.headers()[CONTENT_DISPOSITION],
        r#"attachment; filename="data.csv""#
    );
    assert_eq!(
        res.text().await.unwrap(),
        "id,name,price\n1,Laptop,75000\n2,Phone,30000"
    );

    // Redirects, not followed.
    for (path, status, location) in [
        ("/", 307, "/docs"),
        ("/old-path", 301, "/new-path"),
        ("/v1/users", 308, "/v2/users"),
    ] {
        let res = get(path).await.unwrap();
        assert_eq!(res.status(), status, "{path}");
        assert_eq!(res.headers()[LOCATION], location);
        assert_eq!(res.headers()["content-length"], "0");
        assert!(res.bytes().await.unwrap().is_empty());
    }
    let res = http
        .post(format!("{base}/login"))
        .json(&json!({"username": "alice", "password": "pw"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()[LOCATION], "/dashboard");
}

#[tokio::test]
async fn socket_bad_inputs_are_500s_without_details() {
    let app = Router::new()
        .route(
            "/crlf",
            get(|| async { Redirect::<302>::to("/x\r\nSet-Cookie: evil=1") }),
        )
        .route(
            "/template",
            get(|| async { Templates::new(FIXTURES).response("broken.html", ()) }),
        )
        .route(
            "/fast",
            get(|| async { FastJson(BTreeMap::from([((1, 2), 3)])) }),
        );
    let base = serve(app).await;
    let http = client();
    for path in ["/crlf", "/template", "/fast"] {
        let res = http.get(format!("{base}{path}")).send().await.unwrap();
        assert_eq!(res.status(), 500, "{path}");
        assert!(res.headers().get(LOCATION).is_none());
        assert!(res.headers().get(SET_COOKIE).is_none());
        assert_eq!(res.text().await.unwrap(), GENERIC_500);
    }
}

#[test]
fn template_response_html_accessor() {
    let templates = Templates::new(FIXTURES);
    let ok: TemplateResponse = templates.response("escape.html", context! { text => "<" });
    assert_eq!(ok.html(), Some("<p>&lt;</p>"));
    assert_eq!(templates.response("missing.html", ()).html(), None);
}
