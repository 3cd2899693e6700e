//! No password or token in a 422 body.
//!
//! Pydantic's 422 echoes each bad field's `input`, and a `missing` field's input is the
//! whole object around it: a too-short password, or a sign-up without an email, would be
//! sent back with the password in it (the template does so). This layer masks the inputs
//! of the secret fields below before a 422 leaves, as Pydantic shows a `SecretStr`.
// The library has no way to mark a request field secret for its 422s (a `secret` of
// `ResponseModel` is about responses), so the port does it on the way out (#19).

use axum::body::Body;
use axum::response::Response;
use http::{StatusCode, header};
use serde_json::Value;

/// The fields whose values are never echoed.
const SECRET_FIELDS: &[&str] = &[
    "password",
    "new_password",
    "current_password",
    "token",
    "client_secret",
];

/// How a masked value reads.
const MASK: &str = "**********";

fn is_secret(name: &str) -> bool {
    SECRET_FIELDS.contains(&name)
}

/// Masks every secret field of `value`, at any depth.
fn mask_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if is_secret(key) {
                    *v = Value::String(MASK.into());
                } else {
                    mask_fields(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_fields),
        _ => {}
    }
}

/// Masks the secret inputs of one error of a 422's `detail`.
fn mask_detail(detail: &mut Value) {
    let secret_loc = detail["loc"]
        .as_array()
        .and_then(|loc| loc.last())
        .and_then(Value::as_str)
        .is_some_and(is_secret);
    let Some(error) = detail.as_object_mut() else {
        return;
    };
    if let Some(input) = error.get_mut("input") {
        if secret_loc {
            *input = Value::String(MASK.into());
        } else {
            mask_fields(input);
        }
    }
}

/// The response, its secret inputs masked if it is a 422 with Pydantic's body.
pub async fn redact_secret_inputs(res: Response) -> Response {
    if res.status() != StatusCode::UNPROCESSABLE_ENTITY {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 1 << 20).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!("a 422 body could not be read: {e}");
            parts.headers.remove(header::CONTENT_LENGTH);
            return Response::from_parts(parts, Body::empty());
        }
    };
    let Ok(mut json) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    if let Some(details) = json.get_mut("detail").and_then(Value::as_array_mut) {
        details.iter_mut().for_each(mask_detail);
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(json.to_string()))
}
