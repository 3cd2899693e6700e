//! `FastJson` and `JsonEncoder::Fast` (sonic-rs, FastAPI's ORJSONResponse): really used
//! where asked, and byte for byte what serde_json writes, for every kind of value.

use std::collections::BTreeMap;

use axum::Router;
use axum::response::IntoResponse;
use axum::routing::get;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use proptest::prelude::*;
use response_model::Model;
use response_model::encoder::JsonEncoder;
use response_model::responses::FastJson;
use serde::{Serialize, Serializer};
use serde_json::json;

use super::course::example_app;
use crate::common::{JSON, Reply, get_path, reply};

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
