//! Views carry the serde attributes that shape the wire, so a view serializes each field
//! exactly as the model would; field lists use the wire names.

use response_model::prelude::*;
use response_model::view::FieldList;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::json;

fn upper<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.to_uppercase())
}

#[derive(Serialize, Deserialize, JsonSchema, Default, PartialEq, Debug)]
struct Meta {
    region: String,
}

#[derive(Serialize, JsonSchema, ResponseModel)]
// clippy's `duplicated_attributes` reads two views naming one field as a repeated
// attribute; see the attribute reference.
#[allow(
    clippy::duplicated_attributes,
    reason = "several views name the same fields"
)]
#[serde(rename_all = "camelCase")]
#[response_model(
    view(AccountOut, exclude(internal_note)),
    view(
        AccountKebab,
        include(user_id, display_name),
        rename_all = "kebab-case"
    ),
    view(
        AccountDe,
        include(user_id, display_name),
        derive(Deserialize, PartialEq)
    ),
    view(AccountDefaults, include(user_id, score, tags), exclude_defaults)
)]
struct Account {
    user_id: u32,
    #[serde(rename = "name")]
    display_name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(serialize_with = "upper")]
    #[schemars(with = "String")]
    code: String,
    #[serde(flatten)]
    meta: Meta,
    #[serde(default)]
    score: i32,
    #[serde(skip)]
    #[schemars(skip)]
    #[allow(dead_code, reason = "an internal field no view shows")]
    internal_note: String,
}

fn account() -> Account {
    Account {
        user_id: 7,
        display_name: "Ann".into(),
        tags: vec![],
        code: "ab".into(),
        meta: Meta {
            region: "eu".into(),
        },
        score: 0,
        internal_note: "n".into(),
    }
}

#[test]
fn wire_shaping_attributes_are_carried() {
    let v = serde_json::to_value(AccountOut::from(account())).unwrap();
    assert_eq!(
        v,
        json!({"userId":7,"name":"Ann","code":"AB","region":"eu","score":0})
    );
    // The model's own wire form agrees, minus the excluded field (skipped anyway).
    assert_eq!(v, serde_json::to_value(account()).unwrap());
    assert_eq!(
        AccountOut::NAMES,
        ["userId", "name", "tags", "code", "score"]
    );
    assert_eq!(Account::NAMES, ["userId", "name", "tags", "code", "score"]);
}

#[test]
fn view_rename_all_overrides_and_explicit_rename_wins() {
    let v = serde_json::to_value(AccountKebab::from(account())).unwrap();
    assert_eq!(v, json!({"user-id":7,"name":"Ann"}));
    assert_eq!(AccountKebab::NAMES, ["user-id", "name"]);
}

#[test]
fn extra_derives_apply_to_the_view() {
    let de: AccountDe =
        serde_json::from_value(json!({"userId": 7, "name": "Ann", "x": 1})).unwrap();
    assert!(de == AccountDe::from(account()));
}

#[test]
fn exclude_defaults_skips_defaults_only() {
    let v = serde_json::to_value(AccountDefaults::from(account())).unwrap();
    assert_eq!(v, json!({"userId":7}));
    let mut a = account();
    a.score = 3;
    a.tags = vec!["t".into()];
    let v = serde_json::to_value(AccountDefaults::from(a)).unwrap();
    assert_eq!(v, json!({"userId":7,"tags":["t"],"score":3}));
}
