//! [`ApiInput`] for axum's extractors: parameters, request bodies and the responses of
//! their rejections.

use axum::extract::{
    ConnectInfo, Extension, Form, Json, MatchedPath, OriginalUri, Path, Query, RawQuery, Request,
    State,
};
use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, Uri, Version};
use schemars::JsonSchema;
use serde_json::{Value, json};

use super::ApiInput;
use crate::openapi::operation::{
    MediaDoc, OperationDoc, ParamLocation, ParameterDoc, ResponseDoc, Responses,
};
use crate::openapi::schema::{DocContext, SchemaDoc, Side};

/// Extractors that read nothing the document describes.
macro_rules! no_input_docs {
    ($($ty:ty),* $(,)?) => {$(
        impl ApiInput for $ty {}
    )*};
}
no_input_docs!(
    HeaderMap,
    Method,
    Uri,
    Version,
    String,
    Bytes,
    axum::body::Body,
    http::request::Parts,
    http::Extensions,
    OriginalUri,
    MatchedPath,
    RawQuery,
);
impl<S> ApiInput for State<S> {}
impl<T> ApiInput for Extension<T> {}
impl<T> ApiInput for ConnectInfo<T> {}
impl<B> ApiInput for Request<B> {}

/// An optional extractor: what `T` documents, with its request body not required.
impl<T: ApiInput> ApiInput for Option<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let had_body = op.has_request_body();
        op.with_optional_security(|op| T::document(cx, op));
        if !had_body {
            op.request_body_optional();
        }
    }
}

/// `Result<T, T::Rejection>`: the handler answers the rejection itself, so `T`'s
/// parameters and body are documented, not its rejection responses (the handler's return
/// type documents what it answers instead).
impl<T: ApiInput, E> ApiInput for Result<T, E> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let mut inner = OperationDoc::new();
        T::document(cx, &mut inner);
        op.add_inputs_of(inner);
    }
}

/// An extractor's rejection as axum answers it: a plain-text body.
fn rejection(status: StatusCode, why: &'static str) -> Responses {
    Responses::single(
        status,
        ResponseDoc::new(why).content("text/plain", MediaDoc::text()),
    )
}

/// One parameter per property of an object schema, its description moved onto the
/// parameter; `false` when the schema has no properties.
fn property_params(schema: &Value, location: ParamLocation, op: &mut OperationDoc) -> bool {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return false;
    };
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    for (name, prop) in props {
        let mut prop = prop.clone();
        let description = prop
            .as_object_mut()
            .and_then(|o| o.remove("description"))
            .and_then(|d| d.as_str().map(str::to_owned));
        let mut p = ParameterDoc::new(
            name.clone(),
            location,
            SchemaDoc {
                side: Side::Input,
                value: prop,
            },
        )
        .required(required.contains(&name.as_str()));
        if let Some(d) = description {
            p = p.description(d);
        }
        op.add_parameter(p);
    }
    true
}

/// Path parameters from `T`'s schema: a struct's properties by name, a tuple's items in
/// path order, one value for a one-segment path, else a string per segment.
fn document_path(cx: &mut DocContext, op: &mut OperationDoc, schema: Value) {
    let names = cx.path_params();
    if property_params(&schema, ParamLocation::Path, op) {
        return;
    }
    let items: Vec<Value> = match schema.get("prefixItems").and_then(Value::as_array) {
        Some(items) => items.clone(),
        None if names.len() == 1 => vec![schema],
        // A map or sequence of every segment: each one a string.
        None => names.iter().map(|_| json!({"type": "string"})).collect(),
    };
    for (name, item) in names.into_iter().zip(items) {
        op.add_parameter(ParameterDoc::new(
            name,
            ParamLocation::Path,
            SchemaDoc {
                side: Side::Input,
                value: item,
            },
        ));
    }
    op.responses_mut().merge(rejection(
        StatusCode::BAD_REQUEST,
        "Invalid path parameters",
    ));
}

/// Path parameters: a struct's fields by name, a tuple's items in path order, or one value.
impl<T: JsonSchema> ApiInput for Path<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.input_object_schema::<T>();
        document_path(cx, op, schema);
    }
}

/// Query parameters from the properties of `T`'s schema.
fn document_query(op: &mut OperationDoc, mut schema: Value) {
    // A query string has no `null`: an optional field is simply absent.
    let required: Vec<Value> = schema
        .get("required")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        for (name, prop) in props.iter_mut() {
            if !required.contains(&Value::from(name.as_str())) {
                crate::openapi::schema::strip_null(prop);
            }
        }
    }
    property_params(&schema, ParamLocation::Query, op);
    op.responses_mut()
        .merge(rejection(StatusCode::BAD_REQUEST, "Invalid query string"));
}

/// Query parameters: one per field of `T` (required unless optional or defaulted).
impl<T: JsonSchema> ApiInput for Query<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.input_object_schema::<T>();
        document_query(op, schema);
    }
}

/// A required request body and the rejections of a body that is not readable, not of the
/// media type, or not of the schema.
fn document_body(op: &mut OperationDoc, media_type: &str, schema: SchemaDoc, syntax: &'static str) {
    op.add_request_body(media_type, MediaDoc::schema(schema), true);
    let mut r = rejection(StatusCode::BAD_REQUEST, syntax);
    r.merge(rejection(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "Missing or wrong Content-Type",
    ));
    r.merge(rejection(
        StatusCode::UNPROCESSABLE_ENTITY,
        "The body does not match the schema",
    ));
    // axum buffers the body up to its limit (`DefaultBodyLimit`, 2 MiB by default).
    r.merge(rejection(
        StatusCode::PAYLOAD_TOO_LARGE,
        "The body is larger than the limit",
    ));
    op.responses_mut().merge(r);
}

/// A JSON request body of `T` under the deserialize contract, and the rejections of a bad
/// body (400, 415, 422 in `text/plain`, as axum answers them).
impl<T: JsonSchema> ApiInput for Json<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.register_input::<T>();
        document_body(
            op,
            mime::APPLICATION_JSON.as_ref(),
            schema,
            "The body is not valid JSON",
        );
    }
}

/// A form body (`application/x-www-form-urlencoded`) of `T`.
impl<T: JsonSchema> ApiInput for Form<T> {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        let schema = cx.register_input::<T>();
        document_body(
            op,
            mime::APPLICATION_WWW_FORM_URLENCODED.as_ref(),
            schema,
            "The form could not be read",
        );
    }
}

/// axum's `Multipart`: a required `multipart/form-data` body whose parts the handler reads
/// one by one, so the document says only that it is an object (for a form described by its
/// fields, [`extract::Multipart<T>`](crate::extract::Multipart)), and axum's `text/plain`
/// 400 for a request that is not multipart. What reading a part can fail with is the
/// handler's to answer: `MultipartError` documents its statuses when it is returned.
///
/// ```
/// use axum::extract::Multipart;
/// use axum::extract::multipart::MultipartError;
/// use response_model::routing::{ApiRouter, post};
///
/// async fn upload(mut form: Multipart) -> Result<String, MultipartError> {
///     let mut names = Vec::new();
///     while let Some(field) = form.next_field().await? {
///         names.push(field.name().unwrap_or_default().to_owned());
///     }
///     Ok(names.join(","))
/// }
///
/// let doc = ApiRouter::<()>::new().route("/upload", post(upload)).openapi();
/// let op = &doc["paths"]["/upload"]["post"];
/// assert_eq!(op["requestBody"]["required"], true);
/// assert_eq!(
///     op["requestBody"]["content"]["multipart/form-data"]["schema"],
///     serde_json::json!({"type": "object"})
/// );
/// assert!(op["responses"]["400"]["content"]["text/plain"].is_object());
/// assert!(op["responses"]["413"].is_object());
/// ```
impl ApiInput for axum::extract::Multipart {
    fn document(_cx: &mut DocContext, op: &mut OperationDoc) {
        op.add_request_body(
            mime::MULTIPART_FORM_DATA.as_ref(),
            MediaDoc::schema(SchemaDoc::plain(json!({"type": "object"}))),
            true,
        );
        op.responses_mut().merge(rejection(
            StatusCode::BAD_REQUEST,
            "Not a multipart/form-data request with a boundary",
        ));
    }
}
