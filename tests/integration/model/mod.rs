//! `Model<T>` responses, FastAPI-style validation, `Tristate`/exclude_unset, request-time
//! field selection, and the course 6.1 examples, through `Router::oneshot`.

// garde constraints: feature `validate`.
#[cfg(feature = "validate")]
mod constraints;
mod course;
mod defaulted;
mod response;
mod selection;
mod statuses;
mod tristate;
mod validate;

use http::StatusCode;
use http_body_util::BodyExt;
use response_model::view::{FieldInfo, FieldList};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::common::{GENERIC_500, Reply, TEXT};

/// Every string and number in `value` (the data a 500 must not leak).
fn leaves(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Number(n) => out.push(n.to_string()),
        Value::Array(items) => items.iter().for_each(|v| leaves(v, out)),
        Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                leaves(v, out);
            }
        }
        _ => {}
    }
}

/// The generic 500 and nothing of `data` in it.
fn assert_generic_500(reply: &Reply, data: &Value) {
    assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(reply.content_type(), TEXT);
    assert_eq!(reply.text(), GENERIC_500);
    let mut data_leaves = Vec::new();
    leaves(data, &mut data_leaves);
    for leaf in data_leaves {
        assert!(
            !reply.text().contains(&leaf)
                && !reply
                    .headers
                    .iter()
                    .any(|(_, v)| v.as_bytes() == leaf.as_bytes()),
            "the 500 leaks `{leaf}`"
        );
    }
}

// ---------------------------------------------------------------------------------------
// models used by several modules

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct ItemOut {
    id: i64,
    name: String,
    price: f64,
}

fn laptop() -> ItemOut {
    ItemOut {
        id: 1,
        name: "Laptop".into(),
        price: 75000.0,
    }
}

struct UserInDB {
    id: i64,
    name: String,
    email: String,
    hashed_password: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
struct UserOut {
    id: i64,
    name: String,
    email: String,
}

impl From<UserInDB> for UserOut {
    fn from(u: UserInDB) -> Self {
        let _ = u.hashed_password;
        UserOut {
            id: u.id,
            name: u.name,
            email: u.email,
        }
    }
}

impl FieldList for UserOut {
    const NAMES: &'static [&'static str] = &["id", "name", "email"];
    fn fields() -> &'static [FieldInfo] {
        const F: &[FieldInfo] = &[
            FieldInfo::leaf("id"),
            FieldInfo::leaf("name"),
            FieldInfo::leaf("email"),
        ];
        F
    }
}

/// The body of `res` as text, read on a runtime of its own (property tests are not async).
fn body_text(res: axum::response::Response) -> String {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let bytes = rt.block_on(res.into_body().collect()).unwrap().to_bytes();
    String::from_utf8(bytes.to_vec()).unwrap()
}
