//! `Form<T>`: an `application/x-www-form-urlencoded` body read as FastAPI reads `Form()`
//! fields.

use axum::extract::{FromRequest, Request};
use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::error::{self, ErrorDetail, Loc, RequestError};

/// The most fields one request reports: each report reads the form once more.
pub(super) const MAX_REPORTED: usize = 64;

/// A URL-encoded form body (`application/x-www-form-urlencoded`), read as FastAPI reads
/// `Form()` fields, with its 422 JSON rejection where axum's `Form` answers in
/// `text/plain`.
///
/// As FastAPI (Starlette reads a form only from a form content type):
/// - a request without `Content-Type: application/x-www-form-urlencoded` has no fields,
///   so each required field is `missing` (422, never 415);
/// - an empty value (`username=`) is a missing value, as FastAPI's `Form()` takes it;
/// - every field's problem is reported at once, at `["body", "<field>"]`, in the order
///   `T` declares its fields, with the client's value as `input` (for a missing field,
///   the fields received, as FastAPI's form model: `{"price": "abc"}`);
/// - values are read as Pydantic reads them: a `bool` is `true`/`false`, `1`/`0`,
///   `yes`/`no`, `on`/`off`, numbers may have surrounding spaces.
///
/// `multipart/form-data` is not read (the fields are then missing, as for any other
/// content type): a form with files needs a multipart extractor.
///
/// Documented as a required `application/x-www-form-urlencoded` request body with `T`'s
/// schema (deserialize contract) and the 422 `HTTPValidationError`-shaped body.
///
/// ```
/// use response_model::extract::Form;
/// use response_model::routing::{ApiRouter, post};
///
/// #[derive(serde::Deserialize, schemars::JsonSchema)]
/// struct Login { username: String, remember: Option<bool> }
///
/// async fn login(Form(form): Form<Login>) -> String {
///     format!("{} {:?}", form.username, form.remember)
/// }
///
/// let doc = ApiRouter::<()>::new().route("/login", post(login)).openapi();
/// let body = &doc["paths"]["/login"]["post"]["requestBody"];
/// assert_eq!(body["required"], true);
/// assert!(body["content"]["application/x-www-form-urlencoded"]["schema"].is_object());
/// assert!(doc["paths"]["/login"]["post"]["responses"]["422"].is_object());
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Form<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Form<T> {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let fields = form_fields(req, state).await?;
        from_fields(&fields).map(Form)
    }
}

/// The fields of a URL-encoded form body, in order, percent-decoded, without the empty
/// ones (FastAPI's `Form()` reads `""` as absent); none without the form content type
/// (as Starlette's `request.form()`). A body that cannot be read is axum's status (400,
/// 413) with FastAPI's JSON body.
pub(crate) async fn form_fields<S: Send + Sync>(
    req: Request,
    state: &S,
) -> Result<Vec<(String, String)>, RequestError> {
    if !form_content_type(req.headers()) {
        return Ok(Vec::new());
    }
    let bytes = Bytes::from_request(req, state)
        .await
        .map_err(|r| RequestError::unreadable(r.status(), r.body_text()))?;
    Ok(form_urlencoded::parse(&bytes)
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// `fields` read into `T`, or Pydantic's error for each field that is missing or bad.
pub(super) fn from_fields<T: DeserializeOwned>(
    fields: &[(String, String)],
) -> Result<T, RequestError> {
    read_every_field(
        |stand_ins| crate::lax::from_form::<T>(fields, stand_ins),
        |field, _, missing| {
            if missing {
                // As FastAPI's form model: the fields received (the object that lacks it).
                received(fields)
            } else {
                // The client's value for the field (the last one, as Starlette's form reads).
                fields
                    .iter()
                    .rev()
                    .find(|(k, _)| k == field)
                    .map_or(Value::Null, |(_, v)| Value::from(v.as_str()))
            }
        },
    )
}

/// What one reading of a form body gives: `T`, or where serde stopped and why.
pub(crate) type Reading<T> = Result<T, (serde_path_to_error::Path, String)>;

/// `T` from a form's fields, or Pydantic's error for every field that is missing or bad
/// (FastAPI reports them all at once; serde stops at the first).
///
/// `read` reads the form once, with a stand-in value for each field named (one already
/// reported), so that the next reading finds the next problem. `input` gives the `input`
/// of an error: for `(field, index in a list, missing)`.
pub(crate) fn read_every_field<T: DeserializeOwned>(
    mut read: impl FnMut(&[String]) -> Reading<T>,
    input: impl Fn(&str, Option<usize>, bool) -> Value,
) -> Result<T, RequestError> {
    let mut details: Vec<ErrorDetail> = Vec::new();
    let mut reported: Vec<String> = Vec::new();
    loop {
        let (path, why) = match read(&reported) {
            Ok(value) if details.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(e) => e,
        };
        let p = error::classify(&why);
        let missing = p.field.is_some();
        let mut loc = error::loc_of("body", &path);
        // The field, and the item of a list field (`["body", "files", 1]`); nothing deeper.
        let keep = if matches!(loc.get(2), Some(Loc::Index(_))) {
            3
        } else {
            2
        };
        loc.truncate(keep);
        let mut detail = p.detail(loc, Value::Null);
        let (field, index) = match detail.loc.as_slice() {
            [_, Loc::Key(k)] => (k.clone(), None),
            [_, Loc::Key(k), Loc::Index(i)] => (k.clone(), Some(*i)),
            // A problem that names no field of the form: it is the last one to report.
            _ => {
                details.push(detail);
                break;
            }
        };
        if reported.contains(&field) {
            // The stand-in itself was refused (an enum, a nested struct): what was found
            // before is the answer.
            if details.is_empty() {
                details.push(detail);
            }
            break;
        }
        detail.input = input(&field, index, missing);
        error::reword_for_input(&mut detail);
        details.push(detail);
        reported.push(field);
        if reported.len() >= MAX_REPORTED {
            break;
        }
    }
    // FastAPI reports the fields in the order the model declares them (serde finds a bad
    // value in the body's order, a missing field after the whole body).
    let declared = crate::lax::struct_fields::<T>();
    details.sort_by_key(|d| match d.loc.get(1) {
        Some(Loc::Key(k)) => declared
            .iter()
            .position(|f| f == k)
            .unwrap_or(declared.len()),
        _ => declared.len(),
    });
    Err(RequestError::from_details(details))
}

/// The fields received, as the object FastAPI validates a form model from: a field sent
/// once is its value, a repeated one the list of its values.
pub(super) fn received(fields: &[(String, String)]) -> Value {
    let mut object = serde_json::Map::new();
    for (k, v) in fields {
        match object.get_mut(k) {
            None => {
                object.insert(k.clone(), Value::from(v.as_str()));
            }
            Some(Value::Array(values)) => values.push(Value::from(v.as_str())),
            Some(first) => *first = Value::Array(vec![first.take(), Value::from(v.as_str())]),
        }
    }
    Value::Object(object)
}

/// Starlette reads a form from `application/x-www-form-urlencoded` (parameters such as
/// `charset` allowed).
fn form_content_type(headers: &http::HeaderMap) -> bool {
    headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<mime::Mime>().ok())
        .is_some_and(|m| m.essence_str() == mime::APPLICATION_WWW_FORM_URLENCODED.as_ref())
}

/// The document of a form body: `application/x-www-form-urlencoded` with `T`'s input
/// schema, required, and the answers reading it can give.
pub(crate) fn document_form<T: schemars::JsonSchema>(
    cx: &mut crate::openapi::DocContext,
    op: &mut crate::openapi::OperationDoc,
) {
    document_form_as::<T>(cx, op, mime::APPLICATION_WWW_FORM_URLENCODED.as_ref());
}

/// The document of a form body of `media_type` (URL-encoded or multipart) with `T`'s
/// input schema, required, and the answers reading it can give.
pub(crate) fn document_form_as<T: schemars::JsonSchema>(
    cx: &mut crate::openapi::DocContext,
    op: &mut crate::openapi::OperationDoc,
    media_type: &str,
) {
    let schema = cx.register_input::<T>();
    document_form_body(cx, op, media_type, schema);
}

/// The document of a form body of `media_type` whose schema is `schema`.
pub(crate) fn document_form_body(
    cx: &mut crate::openapi::DocContext,
    op: &mut crate::openapi::OperationDoc,
    media_type: &str,
    mut schema: crate::openapi::SchemaDoc,
) {
    use crate::openapi::MediaDoc;
    use http::StatusCode;
    cx.require_form_values(&mut schema);
    op.add_request_body(media_type, MediaDoc::schema(schema), true);
    let mut r =
        super::docs::error_response(cx, StatusCode::UNPROCESSABLE_ENTITY, "Validation Error");
    // The body is buffered before it is read, as `Json`'s.
    r.merge(super::docs::error_response(
        cx,
        StatusCode::BAD_REQUEST,
        "The body could not be read",
    ));
    r.merge(super::docs::error_response(
        cx,
        StatusCode::PAYLOAD_TOO_LARGE,
        "The body is larger than the limit",
    ));
    op.responses_mut().merge(r);
}

impl<T: schemars::JsonSchema> crate::openapi::ApiInput for Form<T> {
    fn document(cx: &mut crate::openapi::DocContext, op: &mut crate::openapi::OperationDoc) {
        document_form::<T>(cx, op);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct F {
        name: String,
        age: u32,
        on: Option<bool>,
    }

    fn fields(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn every_field_is_reported() {
        let e = from_fields::<F>(&fields(&[("age", "x"), ("on", "maybe")])).unwrap_err();
        let kinds: Vec<(&str, String)> = e
            .detail
            .iter()
            .map(|d| (d.kind.as_str(), serde_json::to_string(&d.loc).unwrap()))
            .collect();
        assert_eq!(kinds.len(), 3, "{kinds:?}");
        assert!(kinds.contains(&("missing", r#"["body","name"]"#.to_owned())));
        assert!(kinds.contains(&("int_parsing", r#"["body","age"]"#.to_owned())));
        assert!(kinds.contains(&("bool_parsing", r#"["body","on"]"#.to_owned())));
        let age = e.detail.iter().find(|d| d.kind == "int_parsing").unwrap();
        assert_eq!(age.input, "x");
        let ok = from_fields::<F>(&fields(&[("name", "a"), ("age", " 7 "), ("on", "yes")]));
        assert_eq!(
            ok.unwrap(),
            F {
                name: "a".into(),
                age: 7,
                on: Some(true)
            }
        );
    }
}
