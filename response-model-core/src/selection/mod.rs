//! Include/exclude chosen at request time: `?fields=id,name` and `?exclude=email`, checked
//! against a model's wire field list ([`FieldList`]).
//!
//! FastAPI's `response_model_include`/`response_model_exclude` are fixed per route and
//! silently ignore unknown names. [`Selection<M>`] is an extractor that reads the selection
//! from the query string and rejects a name `M` does not have with a `400` that names it and
//! lists the allowed ones; secret fields are not in `M`'s list, so they can neither be
//! selected nor be seen in that list.
//!
//! ```
//! use axum::{Router, routing::get};
//! use response_model::view::{FieldInfo, FieldList};
//! use response_model::{Selection, Selected};
//! use serde::Serialize;
//!
//! #[derive(Serialize)]
//! struct UserOut { id: i64, name: String, email: String }
//! impl FieldList for UserOut {
//!     const NAMES: &'static [&'static str] = &["id", "name", "email"];
//!     fn fields() -> &'static [FieldInfo] {
//!         const F: &[FieldInfo] =
//!             &[FieldInfo::leaf("id"), FieldInfo::leaf("name"), FieldInfo::leaf("email")];
//!         F
//!     }
//! }
//!
//! // GET /users?fields=id,name -> [{"id":1,"name":"Alice"}]
//! async fn list_users(fields: Selection<UserOut>) -> Selected<Vec<UserOut>> {
//!     let users = vec![UserOut { id: 1, name: "Alice".into(), email: "a@x.com".into() }];
//!     fields.apply(users)
//! }
//! let app: Router = Router::new().route("/users", get(list_users));
//! ```

mod error;
mod filter;
mod query;

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;
use serde_json::Value;

use crate::model::ResponseValidationError;
use crate::view::FieldList;

pub use error::SelectionError;
use error::selection_error_doc;
use filter::{Level, Marks, Mode, encode_filtered};
use query::{Tree, parse_query};

/// Request-time field selection for the model `M`: an extractor reading `?fields=` (keep
/// only these) and `?exclude=` (drop these) from the query string.
///
/// - Names are `M`'s wire names, comma-separated, and may repeat the parameter
///   (`?fields=id&fields=name`). Nested fields are dotted: `items.name` (the field `items`
///   must hold a model whose field list `M` knows, see [`FieldInfo::nested`](crate::view::FieldInfo::nested)).
/// - Both may be given: `fields` is applied first, then `exclude`.
/// - Without either, every field of `M` is kept.
/// - An unknown name, a name inside a field that has no sub-fields, an empty list or a
///   query that is not valid percent-encoded UTF-8 is rejected with a [`SelectionError`]
///   (`400`, JSON).
/// - The document describes both parameters with a `pattern` read off `M`'s field lists,
///   which admits exactly the values accepted here (commas, whitespace around names and
///   empty items included), so a client that follows the document gets the 400 only past
///   the limit of 256 names.
///
/// Apply it with [`Selection::apply`] (a value, a list, an `Option`) or [`Selection::apply_at`]
/// (the list inside a pagination wrapper). The filter runs while the value is encoded (a
/// serializer adapter, with the app's default [`JsonEncoder`](crate::encoder::JsonEncoder)), so:
///
/// - fields keep their declared order and nothing is copied into an intermediate
///   `serde_json::Value`;
/// - the top-level objects only ever hold keys of `M`'s field list, even if the value has
///   more (selecting from a full model instead of its view cannot bring a secret back), and
///   so do nested objects a nested selection (`items.name`) applies to;
/// - a field kept whole is written as it serializes: pass the view (whose nested fields
///   are views too), not the full model.
///
/// Limits: a `#[serde(flatten)]`ed field's keys are not in the field list, so they are
/// dropped wherever a selection applies; a nested selection (`a.b`) reaches into objects and
/// lists of objects, not into maps of models.
///
/// ```
/// use response_model::Selection;
/// use response_model::view::{FieldInfo, FieldList};
/// # struct UserOut;
/// # impl FieldList for UserOut {
/// #     const NAMES: &'static [&'static str] = &["id", "name", "email"];
/// #     fn fields() -> &'static [FieldInfo] {
/// #         const F: &[FieldInfo] = &[FieldInfo::leaf("id"), FieldInfo::leaf("name"), FieldInfo::leaf("email")];
/// #         F
/// #     }
/// # }
/// let user = serde_json::json!({"id": 1, "name": "Alice", "email": "a@x.com"});
///
/// let fields = Selection::<UserOut>::from_query("exclude=email").unwrap();
/// assert_eq!(fields.apply(&user).into_value().unwrap(), serde_json::json!({"id": 1, "name": "Alice"}));
///
/// let err = Selection::<UserOut>::from_query("fields=id,emial").unwrap_err();
/// assert_eq!(err.to_string(), "unknown field `emial` in `fields`; did you mean `email`? allowed: id, name, email");
/// ```
pub struct Selection<M> {
    include: Option<Tree>,
    exclude: Tree,
    /// What the two trees decide for each of `M`'s fields, made once.
    marks: Option<Marks>,
    _model: PhantomData<fn() -> M>,
}

impl<M> Clone for Selection<M> {
    fn clone(&self) -> Self {
        Self {
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            marks: self.marks,
            _model: PhantomData,
        }
    }
}

impl<M> fmt::Debug for Selection<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Selection")
            .field("model", &std::any::type_name::<M>())
            .field("include", &self.include)
            .field("exclude", &self.exclude)
            .finish()
    }
}

impl<M: FieldList> Default for Selection<M> {
    fn default() -> Self {
        Self::all()
    }
}

impl<M: FieldList> Selection<M> {
    /// No selection: every field of `M`.
    pub fn all() -> Self {
        Self::new(None, Tree::default())
    }

    /// The selection of these checked trees, decided for `M`'s fields.
    fn new(include: Option<Tree>, exclude: Tree) -> Self {
        let marks = Marks::of(M::fields(), include.as_ref(), Some(&exclude));
        Self {
            include,
            exclude,
            marks,
            _model: PhantomData,
        }
    }

    /// `true` when neither `fields` nor `exclude` was given.
    pub fn is_all(&self) -> bool {
        self.include.is_none() && self.exclude.0.is_empty()
    }

    /// Parses and checks a raw query string (without `?`); parameters other than `fields`
    /// and `exclude` are ignored. This is what the extractor does with the request URI.
    ///
    /// ```
    /// # use response_model::Selection;
    /// # use response_model::view::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x", "y"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let f = Selection::<P>::from_query("fields=x%2Cy&exclude=y").unwrap();
    /// let v = f.apply(serde_json::json!({"x": 1, "y": 2})).into_value().unwrap();
    /// assert_eq!(v, serde_json::json!({"x": 1}));
    /// ```
    pub fn from_query(query: &str) -> Result<Self, SelectionError> {
        let (include, exclude) = parse_query(query, M::fields())?;
        Ok(Self::new(include, exclude.unwrap_or_default()))
    }

    /// Filters the JSON form of `value` (an `M`, a `Vec<M>`, an `Option<M>`...): every
    /// object at the top (or in the top-level array) keeps only the selected fields, and
    /// nested selections (`items.name`) reach into nested objects and arrays.
    ///
    /// ```
    /// # use response_model::Selection;
    /// # use response_model::view::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x", "y"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let f = Selection::<P>::from_query("fields=y").unwrap();
    /// let rows = vec![serde_json::json!({"x": 1, "y": 2}), serde_json::json!({"x": 3, "y": 4})];
    /// assert_eq!(f.apply(rows).into_value().unwrap(), serde_json::json!([{"y": 2}, {"y": 4}]));
    /// ```
    pub fn apply<T: Serialize>(&self, value: T) -> Selected<T> {
        let level = self.top_level();
        let mode = Mode::Select(&level);
        Selected::new(encode_filtered(
            std::any::type_name::<M>(),
            &value,
            mode,
            None,
        ))
    }

    /// Like [`Selection::apply`], on the part of `value` at the JSON Pointer `pointer`
    /// (RFC 6901, object keys only): the item list of a pagination wrapper (`"/items"`),
    /// leaving the rest (`total`, `page`) as is. A pointer that finds nothing is a logged
    /// 500 ([`ResponseValidationError`]).
    ///
    /// ```
    /// # use response_model::Selection;
    /// # use response_model::view::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x", "y"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// #[derive(serde::Serialize)]
    /// struct Page<T> { items: Vec<T>, total: usize }
    ///
    /// let f = Selection::<P>::from_query("exclude=y").unwrap();
    /// let page = Page { items: vec![serde_json::json!({"x": 1, "y": 2})], total: 1 };
    /// assert_eq!(
    ///     f.apply_at("/items", page).into_bytes().unwrap(),
    ///     br#"{"items":[{"x":1}],"total":1}"#
    /// );
    /// ```
    pub fn apply_at<T: Serialize>(&self, pointer: &str, value: T) -> Selected<T> {
        let model = std::any::type_name::<M>();
        if pointer.is_empty() {
            return self.apply(value);
        }
        // The keys after the first `/`, still escaped: the filter compares them unescaped.
        let Some(path) = pointer.strip_prefix('/') else {
            return Selected::new(Err(ResponseValidationError::select(
                model,
                format!("`{pointer}` is not a JSON pointer; write it like \"/items\" (RFC 6901)"),
            )));
        };
        let reached = Cell::new(false);
        let level = self.top_level();
        let mode = Mode::seek(path, &level, &reached);
        let body = encode_filtered(model, &value, mode, Some((&reached, pointer)));
        Selected::new(body)
    }

    /// How the selection applies to the value handed to `apply`: `M`'s own fields.
    fn top_level(&self) -> Level<'_> {
        Level::with_marks(
            M::fields(),
            self.include.as_ref(),
            Some(&self.exclude),
            self.marks,
        )
    }
}

impl<M: FieldList, S: Send + Sync> FromRequestParts<S> for Selection<M> {
    type Rejection = SelectionError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::from_query(parts.uri.query().unwrap_or_default())
    }
}

/// The `fields` and `exclude` query parameters (their description lists `M`'s fields)
/// and the 400 of a name `M` does not have.
impl<M: FieldList> crate::openapi::ApiInput for Selection<M> {
    fn document(cx: &mut crate::openapi::DocContext, op: &mut crate::openapi::OperationDoc) {
        use crate::openapi::{ParamLocation, ParameterDoc};
        let list = M::NAMES.join(", ");
        // Exactly the values the parser accepts (`query::pattern`, read off the same field
        // lists): a name the model does not have, or a list of none, is a 400 the document
        // does not allow. `minLength` says the same to tools that skip patterns.
        let schema = match query::pattern(M::fields()) {
            Some(pattern) => serde_json::json!({
                "type": "string",
                "minLength": 1,
                "pattern": pattern,
            }),
            // No name can be selected: every value is refused.
            None => serde_json::json!({"not": {}}),
        };
        for (name, verb) in [("fields", "keep"), ("exclude", "drop")] {
            op.add_parameter(
                ParameterDoc::new(
                    name,
                    ParamLocation::Query,
                    crate::openapi::SchemaDoc::plain(schema.clone()),
                )
                .description(format!(
                    "Comma-separated fields to {verb} (nested: `items.name`), at most {} in all; of: {list}.",
                    query::MAX_NAMES
                )),
            );
        }
        let errors = selection_error_doc(cx);
        op.responses_mut().merge(errors);
    }
}

/// The JSON of a value after [`Selection::apply`]: a 200 `application/json` response, or the
/// logged 500 of a [`ResponseValidationError`] if the value could not be encoded or the
/// pointer found nothing. `T` is the type that was filtered (for documentation).
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model::Selection;
/// # use response_model::view::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x", "y"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
/// # }
/// let res = Selection::<P>::all().apply(serde_json::json!({"x": 1})).into_response();
/// assert_eq!(res.status(), 200);
/// let res = Selection::<P>::all().apply_at("/nope", serde_json::json!({"x": 1})).into_response();
/// assert_eq!(res.status(), 500);
/// ```
#[must_use]
pub struct Selected<T> {
    body: Result<Vec<u8>, ResponseValidationError>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Selected<T> {
    fn new(body: Result<Vec<u8>, ResponseValidationError>) -> Self {
        Self {
            body,
            _type: PhantomData,
        }
    }

    /// The filtered JSON value, or why there is none.
    pub fn into_value(self) -> Result<Value, ResponseValidationError> {
        let bytes = self.body?;
        serde_json::from_slice(&bytes)
            .map_err(|e| ResponseValidationError::encode(std::any::type_name::<T>(), e.to_string()))
    }

    /// The JSON text that is sent, or why there is none.
    ///
    /// ```
    /// # use response_model::Selection;
    /// # use response_model::view::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["y", "x"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("y"), FieldInfo::leaf("x")]; F }
    /// # }
    /// #[derive(serde::Serialize)]
    /// struct Point { y: i32, x: i32, z: i32 }
    /// let sel = Selection::<P>::all().apply(Point { y: 1, x: 2, z: 3 });
    /// assert_eq!(sel.into_bytes().unwrap(), br#"{"y":1,"x":2}"#); // field order kept
    /// ```
    pub fn into_bytes(self) -> Result<Vec<u8>, ResponseValidationError> {
        self.body
    }
}

impl<T> fmt::Debug for Selected<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Selected")
            .field("body", &self.body)
            .finish()
    }
}

/// 200 `application/json`, or the logged 500.
///
/// ```
/// # use axum::response::IntoResponse;
/// # use response_model::Selection;
/// # use response_model::view::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let res = Selection::<P>::all().apply([1, 2]).into_response();
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
impl<T> IntoResponse for Selected<T> {
    fn into_response(self) -> Response {
        match self.body {
            Ok(bytes) => {
                // Built directly (200 is the default status): the tuple form would first set
                // `application/octet-stream` for the bytes, then replace it.
                let mut response = Response::new(axum::body::Body::from(bytes));
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(mime::APPLICATION_JSON.as_ref()),
                );
                response
            }
            Err(err) => err.into_response(),
        }
    }
}

/// A 200 JSON body of `T` whose fields are all optional (the request picks them, nested
/// ones too: `?fields=items.name`, down to four levels), and the 500 of a value that could
/// not be encoded.
impl<T: schemars::JsonSchema> crate::openapi::ApiResponse for Selected<T> {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        use crate::openapi::{MediaDoc, ResponseDoc, Responses};
        let schema = cx.register_selected_output::<T>();
        let mut r = Responses::single(
            StatusCode::OK,
            ResponseDoc::for_status(StatusCode::OK)
                .content(mime::APPLICATION_JSON.as_ref(), MediaDoc::schema(schema)),
        );
        r.merge(crate::encoder::internal_server_error_doc());
        r
    }
}
