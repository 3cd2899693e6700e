//! The one private module: every item here is named by generated code (the derives',
//! `#[handler]`'s and this crate's `macro_rules!`), through `::response_model::__private`
//! (or the `crate = path` override). Not public API: no stability promises. An item no
//! macro emits does not belong here.

#[doc(hidden)]
pub use ::axum::response::{IntoResponse, Response};
#[doc(hidden)]
pub use ::core::marker::PhantomData;
#[doc(hidden)]
pub use ::schemars::{self, JsonSchema};
#[doc(hidden)]
pub use ::serde::{self, Serialize};

#[doc(hidden)]
pub use crate::openapi::{
    ApiHandler, ApiInput, ApiResponse, DocContext, OperationDoc, Responses, SchemaDoc,
};
#[doc(hidden)]
pub use crate::tristate::Tristate;
#[doc(hidden)]
pub use crate::view::{FieldInfo, FieldList, View, ViewOf};

use crate::http_error::{Detail, error_status};
use crate::openapi::{MediaDoc, ResponseDoc};

// ---- `#[derive(ResponseModel)]` --------------------------------------------------------

/// `skip_serializing_if` of an `exclude_defaults` field.
#[inline]
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A 200 JSON response of a view (non-generic body: one copy per crate, not per view).
#[inline]
pub fn view_response<T: Serialize + ?Sized>(value: &T) -> Response {
    crate::encoder::json_response(::http::StatusCode::OK, value)
}

/// Everything a `nest(field = View)` needs from the pair (model `M`, view `V`), behind
/// one bound: a wrong `nest` is then one error at the user's token, however many places
/// the generated code uses the pair (identical diagnostics are merged by rustc).
pub struct Nest<M, V> {
    /// Model into view.
    pub convert: fn(M) -> V,
    /// The model's field list.
    pub full_fields: fn() -> &'static [FieldInfo],
    /// The view's field list.
    pub view_fields: fn() -> &'static [FieldInfo],
}

/// See [`Nest`].
pub const fn nest<M, V: ViewOf<M>>() -> Nest<M, V> {
    Nest {
        convert: V::from_full,
        full_fields: V::full_fields,
        view_fields: V::view_fields,
    }
}

/// The schema of `T` for a view field that is always sent: `T`'s own, but not an
/// `Option` to schemars, so the field is required under either contract (an always-sent
/// `Option` is `null`, never absent).
pub struct Required<T: ?Sized>(PhantomData<T>);

impl<T: JsonSchema + ?Sized> JsonSchema for Required<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> ::std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> ::std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        T::json_schema(generator)
    }
}

/// One key of a view's object schema, a row of the `const` table the derive writes for a
/// view instead of a schemars derive: [`object_schema`] builds every view's schema from
/// its table in one non-generic body.
pub struct SchemaField {
    name: &'static str,
    schema: fn(&mut ::schemars::SchemaGenerator) -> ::schemars::Schema,
    is_option: fn() -> bool,
    presence: Presence,
    title: &'static str,
    description: &'static str,
    checks: &'static [Check],
}

/// One of schemars' validation keys on a field (`#[schemars(length(max = 255), email)]`),
/// inserted after the doc comment's title and description, as schemars' derive does.
pub struct Check {
    /// The JSON type the schema must have for the key to apply (`"string"`, `"array"`,
    /// `"number"`, which an `"integer"` also takes); empty: always (`format`).
    pub ty: &'static str,
    /// The keyword (`maxLength`, `minimum`, `format`, ...).
    pub key: &'static str,
    /// Its value.
    pub value: CheckValue,
}

/// A [`Check`]'s value, as the attribute's literal gives it.
#[derive(Clone, Copy)]
pub enum CheckValue {
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A string (a `format`).
    Str(&'static str),
}

impl Check {
    fn apply(&self, schema: &mut ::schemars::Schema) {
        let has = |ty: &str| match schema.get("type") {
            Some(::serde_json::Value::Array(tys)) => tys.iter().any(|t| t.as_str() == Some(ty)),
            Some(::serde_json::Value::String(t)) => t == ty,
            _ => false,
        };
        let applies = self.ty.is_empty() || has(self.ty) || (self.ty == "number" && has("integer"));
        if applies {
            let value = match self.value {
                CheckValue::Int(v) => ::serde_json::Value::from(v),
                CheckValue::Float(v) => ::serde_json::Value::from(v),
                CheckValue::Str(v) => ::serde_json::Value::from(v),
            };
            schema.insert(self.key.into(), value);
        }
    }
}

impl SchemaField {
    /// The key `name` holding a `T`; `title` and `description` are the field's doc comment
    /// as schemars reads it (a `# heading` first line is the title), each left out when
    /// empty; `checks` its schemars validation keys. One bound, so a field type that is
    /// not `JsonSchema` is one error.
    pub const fn of<T: JsonSchema + ?Sized>(
        name: &'static str,
        presence: Presence,
        title: &'static str,
        description: &'static str,
        checks: &'static [Check],
    ) -> Self {
        Self {
            name,
            schema: subschema::<T>,
            is_option: T::_schemars_private_is_option,
            presence,
            title,
            description,
            checks,
        }
    }
}

/// When a key is in `required`, as schemars' derive decides it for the view's field.
#[derive(Clone, Copy)]
pub enum Presence {
    /// Required, but may be absent under the deserialize contract when the type is an
    /// `Option` to schemars.
    Plain,
    /// Always required: an `Option` that is always sent (`null`, never absent).
    Required,
    /// Never required: a field with `default` and `skip_serializing_if`.
    Optional,
}

/// A view's object schema: its keys in order, whether it is `closed`, and its Rust path
/// (JSON Schema's `$comment`, which the document reads to tell two views of one name
/// apart).
pub struct ObjectSchema {
    /// The keys, in declaration order.
    pub fields: &'static [SchemaField],
    /// `additionalProperties: false`.
    pub closed: bool,
    /// `rust: <module path>::<name>`.
    pub comment: &'static str,
}

/// The schema of a view from its table: the same JSON, key for key, as schemars' derive
/// gives the same struct (the snapshot tests hold both paths to it).
pub fn object_schema(
    generator: &mut ::schemars::SchemaGenerator,
    object: &ObjectSchema,
) -> ::schemars::Schema {
    use ::serde_json::{Map, Value};
    let mut map = Map::new();
    map.insert("type".into(), "object".into());
    if object.closed {
        map.insert("additionalProperties".into(), false.into());
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    let deserialize = generator.contract().is_deserialize();
    for field in object.fields {
        let mut schema = (field.schema)(generator);
        for (key, text) in [("title", field.title), ("description", field.description)] {
            if !text.is_empty() {
                schema.insert(key.into(), text.into());
            }
        }
        for check in field.checks {
            check.apply(&mut schema);
        }
        properties.insert(field.name.into(), schema.into());
        let optional = match field.presence {
            Presence::Plain => deserialize && (field.is_option)(),
            Presence::Required => false,
            Presence::Optional => true,
        };
        if !optional {
            required.push(Value::from(field.name));
        }
    }
    if !object.fields.is_empty() {
        map.insert("properties".into(), Value::Object(properties));
    }
    if !required.is_empty() {
        map.insert("required".into(), Value::Array(required));
    }
    map.insert("$comment".into(), object.comment.into());
    ::schemars::Schema::from(map)
}

/// A field type's schema, as a `fn` pointer for a [`SchemaField`].
fn subschema<T: JsonSchema + ?Sized>(
    generator: &mut ::schemars::SchemaGenerator,
) -> ::schemars::Schema {
    generator.subschema_for::<T>()
}

// ---- `#[handler]` ---------------------------------------------------------------------

#[doc(hidden)]
pub use ::axum::extract::{FromRequest, FromRequestParts, Request};
#[doc(hidden)]
pub use ::axum::handler::Handler;

/// The future of axum's `Handler` impls for `async fn`s, which a `#[handler]` delegates to.
pub type HandlerFuture =
    ::core::pin::Pin<Box<dyn ::core::future::Future<Output = Response> + Send + 'static>>;

/// The operation of the fn item `handler` (what `ApiRouter` would document without the
/// attribute), with the summary and description of its doc comment.
pub fn handler_operation<M, H: ApiHandler<M>>(
    handler: H,
    cx: &mut DocContext,
    summary: Option<&str>,
    description: Option<&str>,
) -> OperationDoc {
    let _ = handler;
    let mut op = H::operation(cx);
    set_handler_docs(&mut op, summary, description);
    op
}

/// [`handler_operation`], marked `deprecated: true`: the fn has `#[deprecated]`.
pub fn deprecated_handler_operation<M, H: ApiHandler<M>>(
    handler: H,
    cx: &mut DocContext,
    summary: Option<&str>,
    description: Option<&str>,
) -> OperationDoc {
    let mut op = handler_operation(handler, cx, summary, description);
    op.deprecated = true;
    op
}

fn set_handler_docs(op: &mut OperationDoc, summary: Option<&str>, description: Option<&str>) {
    if let Some(s) = summary {
        op.set_summary(s);
    }
    if let Some(d) = description {
        op.set_description(d);
    }
}

// ---- `#[derive(ApiError)]` -------------------------------------------------------------

/// A variant's response: `body` as JSON with `status` (checked by the derive to be in
/// 400..=599).
pub fn error_body_response<T: Serialize + ?Sized>(status: u16, body: &T) -> Response {
    crate::encoder::json_response(error_status(status), body)
}

/// A variant's response: `{"detail": detail}` with `status`.
pub fn error_detail_response(status: u16, detail: &str) -> Response {
    crate::encoder::json_response(error_status(status), &Detail { detail })
}

/// A variant's response: `{"detail": error.to_string()}` with `status`.
pub fn error_display_response(status: u16, error: &dyn ::core::fmt::Display) -> Response {
    error_detail_response(status, &error.to_string())
}

/// Logs a server error (5xx) before it is answered: its status and its `Display`, which
/// the client may not see (`detail = "..."`).
pub fn log_server_error(status: u16, type_name: &str, error: &dyn ::core::fmt::Display) {
    tracing::error!(status, error_type = type_name, error = %error, "server error");
}

/// The schema of FastAPI's `{"detail": "..."}` body.
pub fn detail_schema(cx: &mut DocContext) -> SchemaDoc {
    cx.register_output::<Detail<'static>>()
}

/// One variant's response, which the derive merges with the others through
/// [`Responses::merge`]: `status` with its `description` (`""`: the status's reason) and a
/// JSON body of `schema`, with `{"detail": detail}` as its example when the detail is a
/// literal.
pub fn error_responses(
    status: u16,
    description: &'static str,
    schema: SchemaDoc,
    detail: Option<&'static str>,
) -> Responses {
    let code = error_status(status);
    let doc = if description.is_empty() {
        ResponseDoc::for_status(code)
    } else {
        ResponseDoc::new(description)
    };
    let mut media = MediaDoc::schema(schema);
    if let Some(detail) = detail {
        media = media.with_example(::serde_json::json!({ "detail": detail }));
    }
    Responses::single(code, doc.content(mime::APPLICATION_JSON.as_ref(), media))
}

// ---- `media_type!` ----------------------------------------------------------------------

#[doc(hidden)]
pub use crate::responses::media::MediaType;

/// `true` when `s` can be a `Content-Type`: visible ASCII, spaces or tabs (what
/// `HeaderValue` accepts), with a `/` after a non-empty type.
pub const fn is_valid_media_type(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut slash = None;
    while i < bytes.len() {
        let b = bytes[i];
        if !(b == b'\t' || (b >= 0x20 && b < 0x7f)) {
            return false;
        }
        if b == b'/' && slash.is_none() {
            slash = Some(i);
        }
        i += 1;
    }
    match slash {
        Some(at) => at > 0 && at + 1 < bytes.len(),
        None => false,
    }
}

// ---- `response_header!` ----------------------------------------------------------------

#[doc(hidden)]
pub use crate::openapi::ApiParts;
#[doc(hidden)]
pub use ::axum::response::{IntoResponseParts, ResponseParts};

/// A lowercase HTTP token (RFC 9110 `tchar`s): what `HeaderName` takes as is.
pub const fn is_valid_header_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    if bytes.is_empty() {
        return false;
    }
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let ok = b.is_ascii_lowercase()
            || b.is_ascii_digit()
            || matches!(
                b,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        if !ok {
            return false;
        }
        i += 1;
    }
    true
}

/// Starlette's bare 500, as a response part's error.
pub type HeaderError = (::http::StatusCode, &'static str);

/// Writes `name: value` (from `Display`); a value that is not a header value (a line
/// break) is a logged bare 500.
pub fn insert_header(
    mut res: ResponseParts,
    name: &'static str,
    value: &dyn ::core::fmt::Display,
) -> Result<ResponseParts, HeaderError> {
    match ::http::HeaderValue::try_from(value.to_string()) {
        Ok(v) => {
            res.headers_mut()
                .insert(::http::HeaderName::from_static(name), v);
            Ok(res)
        }
        Err(_) => {
            tracing::error!(
                header = name,
                "a typed header's value is not a header value"
            );
            Err((
                ::http::StatusCode::INTERNAL_SERVER_ERROR,
                "Internal Server Error",
            ))
        }
    }
}

/// The header `name` on every response, required, with `T`'s schema.
pub fn document_header<T: JsonSchema>(
    _cx: &mut DocContext,
    responses: Responses,
    name: &str,
    description: &str,
) -> Responses {
    let mut schema = crate::openapi::output_schema::<T>();
    if let Some(obj) = schema.as_object_mut() {
        obj.remove("$schema");
        obj.remove("title");
    }
    responses.with_header(
        name,
        crate::openapi::HeaderDoc::new(description.to_owned())
            .with_schema(schema)
            .required(),
    )
}
