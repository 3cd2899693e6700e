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
//! use response_model_core::{FieldInfo, FieldList};
//! use response_model_core::{Selection, Selected};
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

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::request::Parts;
use http::{HeaderValue, StatusCode, header};
use serde::Serialize;
use serde::ser::{
    SerializeMap, SerializeSeq, SerializeStruct, SerializeStructVariant, SerializeTuple,
    SerializeTupleStruct, SerializeTupleVariant, Serializer,
};
use serde_json::Value;

use crate::encoder::json_response;
use crate::model::ResponseValidationError;
use crate::view::{FieldInfo, FieldList};

/// At most this many names across `fields` and `exclude`: bounds the work one request
/// can ask for.
const MAX_NAMES: usize = 256;

/// Selected sub-fields of one field; `None` means the whole field.
type Node = BTreeMap<&'static str, Option<Tree>>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Tree(Node);

impl Tree {
    /// Adds a checked path. For `include`, naming a field whole wins over naming some of its
    /// sub-fields (the union); for `exclude`, dropping it whole wins likewise.
    fn insert(&mut self, path: &[&'static str]) {
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        let entry = self.0.entry(first).or_insert_with(|| Some(Tree::default()));
        if rest.is_empty() {
            *entry = None;
        } else if let Some(sub) = entry {
            sub.insert(rest);
        }
    }
}

/// Request-time field selection for the model `M`: an extractor reading `?fields=` (keep
/// only these) and `?exclude=` (drop these) from the query string.
///
/// - Names are `M`'s wire names, comma-separated, and may repeat the parameter
///   (`?fields=id&fields=name`). Nested fields are dotted: `items.name` (the field `items`
///   must hold a model whose field list `M` knows, see [`FieldInfo::nested`]).
/// - Both may be given: `fields` is applied first, then `exclude`.
/// - Without either, every field of `M` is kept.
/// - An unknown name, a name inside a field that has no sub-fields, an empty list or a
///   query that is not valid percent-encoded UTF-8 is rejected with a [`SelectionError`]
///   (`400`, JSON).
///
/// Apply it with [`Selection::apply`] (a value, a list, an `Option`) or [`Selection::apply_at`]
/// (the list inside a pagination wrapper). The filter runs while the value is encoded (a
/// serializer adapter, with the app's default [`JsonEncoder`](crate::JsonEncoder)), so:
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
/// use response_model_core::Selection;
/// use response_model_core::{FieldInfo, FieldList};
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
    _model: PhantomData<fn() -> M>,
}

impl<M> Clone for Selection<M> {
    fn clone(&self) -> Self {
        Self {
            include: self.include.clone(),
            exclude: self.exclude.clone(),
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
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert!(Selection::<P>::all().is_all());
    /// ```
    pub fn all() -> Self {
        Self {
            include: None,
            exclude: Tree::default(),
            _model: PhantomData,
        }
    }

    /// `true` when neither `fields` nor `exclude` was given.
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x", "y"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// assert!(!Selection::<P>::from_query("fields=x").unwrap().is_all());
    /// assert!(Selection::<P>::from_query("page=2").unwrap().is_all());
    /// ```
    pub fn is_all(&self) -> bool {
        self.include.is_none() && self.exclude.0.is_empty()
    }

    /// Parses and checks a raw query string (without `?`); parameters other than `fields`
    /// and `exclude` are ignored. This is what the extractor does with the request URI.
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
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
        Ok(Self {
            include,
            exclude: exclude.unwrap_or_default(),
            _model: PhantomData,
        })
    }

    /// Filters the JSON form of `value` (an `M`, a `Vec<M>`, an `Option<M>`...): every
    /// object at the top (or in the top-level array) keeps only the selected fields, and
    /// nested selections (`items.name`) reach into nested objects and arrays.
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
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
        let mode = Mode::Select(self.top_level());
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
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
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
        let Some(path) = parse_pointer(pointer) else {
            return Selected::new(Err(ResponseValidationError::select(
                model,
                format!("`{pointer}` is not a JSON pointer; write it like \"/items\" (RFC 6901)"),
            )));
        };
        if path.is_empty() {
            return self.apply(value);
        }
        let reached = Cell::new(false);
        let mode = Mode::Seek {
            path: &path,
            level: self.top_level(),
            reached: &reached,
        };
        let body = encode_filtered(model, &value, mode, Some((&reached, pointer)));
        Selected::new(body)
    }

    fn top_level(&self) -> Level<'_> {
        Level {
            info: M::fields(),
            include: self.include.as_ref(),
            exclude: Some(&self.exclude),
        }
    }
}

/// Splits an RFC 6901 pointer into unescaped keys; `None` if it does not start with `/`.
fn parse_pointer(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|s| s.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Encodes `value` through the selection with the app's default encoder. Non-generic but
/// for the `Serialize` call: the filter is a serializer adapter, so field order is kept and
/// no intermediate `serde_json::Value` is built.
fn encode_filtered<T: Serialize + ?Sized>(
    model: &'static str,
    value: &T,
    mode: Mode<'_>,
    seek: Option<(&Cell<bool>, &str)>,
) -> Result<Vec<u8>, ResponseValidationError> {
    let bytes = crate::encoder::encode(&Filtered(value, mode))
        .map_err(|e| ResponseValidationError::encode(model, e.to_string()))?;
    match seek {
        Some((reached, pointer)) if !reached.get() => Err(ResponseValidationError::select(
            model,
            format!(
                "the value has nothing at the JSON pointer `{pointer}`; pass the pointer of its item list, like \"/items\""
            ),
        )),
        _ => Ok(bytes),
    }
}

fn parse_query(
    query: &str,
    info: &'static [FieldInfo],
) -> Result<(Option<Tree>, Option<Tree>), SelectionError> {
    let mut include: Option<Tree> = None;
    let mut exclude: Option<Tree> = None;
    let mut count = 0usize;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key)?;
        let param = match key.as_str() {
            "fields" => Param::Fields,
            "exclude" => Param::Exclude,
            _ => continue,
        };
        let value = decode(raw_value)?;
        let tree = match param {
            Param::Fields => include.get_or_insert_with(Tree::default),
            Param::Exclude => exclude.get_or_insert_with(Tree::default),
        };
        for name in value.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            count += 1;
            if count > MAX_NAMES {
                return Err(SelectionError::new(ErrorKind::TooMany));
            }
            let path = check_path(param, name, info)?;
            tree.insert(&path);
        }
    }
    for (param, tree) in [(Param::Fields, &include), (Param::Exclude, &exclude)] {
        if tree.as_ref().is_some_and(|t| t.0.is_empty()) {
            return Err(SelectionError::new(ErrorKind::Empty { param }));
        }
    }
    Ok((include, exclude))
}

/// `application/x-www-form-urlencoded` decoding of one query component: `+` is a space.
fn decode(raw: &str) -> Result<String, SelectionError> {
    let spaced = raw.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| SelectionError::new(ErrorKind::Malformed))
}

/// Resolves a dotted name against the field lists, returning the `'static` names.
fn check_path(
    param: Param,
    name: &str,
    info: &'static [FieldInfo],
) -> Result<Vec<&'static str>, SelectionError> {
    let mut level = Some(info);
    let mut path = Vec::new();
    for (depth, segment) in name.split('.').enumerate() {
        let Some(fields) = level else {
            return Err(SelectionError::new(ErrorKind::NotNested {
                param,
                field: name.to_owned(),
                parent: path.join("."),
            }));
        };
        let Some(found) = fields.iter().find(|f| f.name == segment) else {
            let allowed: Vec<&'static str> = fields.iter().map(|f| f.name).collect();
            let suggestion = if segment.is_empty() {
                None
            } else {
                did_you_mean(segment, &allowed)
            };
            return Err(SelectionError::new(ErrorKind::Unknown {
                param,
                field: name.to_owned(),
                parent: (depth > 0).then(|| path.join(".")),
                suggestion,
                allowed,
            }));
        };
        path.push(found.name);
        level = found.nested.map(|f| f());
    }
    Ok(path)
}

/// The closest allowed name within a small edit distance (Levenshtein), if any.
fn did_you_mean(name: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let limit = (name.chars().count() / 3).max(1);
    allowed
        .iter()
        .map(|a| (edit_distance(name, a), *a))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
/// transpositions (`emial` -> `email` is one edit).
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

impl<M: FieldList, S: Send + Sync> FromRequestParts<S> for Selection<M> {
    type Rejection = SelectionError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::from_query(parts.uri.query().unwrap_or_default())
    }
}

/// The JSON of a value after [`Selection::apply`]: a 200 `application/json` response, or the
/// logged 500 of a [`ResponseValidationError`] if the value could not be encoded or the
/// pointer found nothing. `T` is the type that was filtered (for documentation).
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model_core::Selection;
/// # use response_model_core::{FieldInfo, FieldList};
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
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// let v = Selection::<P>::all().apply(Some(serde_json::json!({"x": 1}))).into_value().unwrap();
    /// assert_eq!(v, serde_json::json!({"x": 1}));
    /// ```
    pub fn into_value(self) -> Result<Value, ResponseValidationError> {
        let bytes = self.body?;
        serde_json::from_slice(&bytes)
            .map_err(|e| ResponseValidationError::encode(std::any::type_name::<T>(), e.to_string()))
    }

    /// The JSON text that is sent, or why there is none.
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
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
/// # use response_model_core::Selection;
/// # use response_model_core::{FieldInfo, FieldList};
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
            Ok(bytes) => (
                StatusCode::OK,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static(mime::APPLICATION_JSON.as_ref()),
                )],
                bytes,
            )
                .into_response(),
            Err(err) => err.into_response(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "SelectionParam")]
enum Param {
    Fields,
    Exclude,
}

impl Param {
    fn name(self) -> &'static str {
        match self {
            Param::Fields => "fields",
            Param::Exclude => "exclude",
        }
    }
}

/// A `?fields=`/`?exclude=` selection the model does not allow: the rejection of
/// [`Selection`], answered with `400` and a JSON body:
///
/// ```json
/// {"detail": "unknown field `emial` in `fields`; did you mean `email`? allowed: id, name, email",
///  "param": "fields", "field": "emial", "did_you_mean": "email", "allowed": ["id", "name", "email"]}
/// ```
///
/// (`param`, `field`, `did_you_mean` and `allowed` appear when they apply; `allowed` lists
/// the names at the level where the unknown one was found.)
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model_core::Selection;
/// # use response_model_core::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let err = Selection::<P>::from_query("fields=").unwrap_err();
/// assert_eq!(err.to_string(), "`fields` names no field; give a comma-separated list such as `fields=x`, or leave it out");
/// assert_eq!(err.into_response().status(), 400);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SelectionError {
    kind: ErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum ErrorKind {
    Unknown {
        param: Param,
        field: String,
        parent: Option<String>,
        suggestion: Option<&'static str>,
        allowed: Vec<&'static str>,
    },
    NotNested {
        param: Param,
        field: String,
        parent: String,
    },
    Empty {
        param: Param,
    },
    Malformed,
    TooMany,
}

impl SelectionError {
    fn new(kind: ErrorKind) -> Self {
        Self { kind }
    }

    /// The name as the client wrote it (`items.nmae`), when the error is about one.
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert_eq!(Selection::<P>::from_query("exclude=z").unwrap_err().field(), Some("z"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Unknown { field, .. } | ErrorKind::NotNested { field, .. } => Some(field),
            _ => None,
        }
    }

    /// The names allowed where the unknown one was found (secret fields are never listed).
    ///
    /// ```
    /// # use response_model_core::Selection;
    /// # use response_model_core::{FieldInfo, FieldList};
    /// # struct P;
    /// # impl FieldList for P {
    /// #     const NAMES: &'static [&'static str] = &["x"];
    /// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert_eq!(Selection::<P>::from_query("fields=password").unwrap_err().allowed(), ["x"]);
    /// ```
    pub fn allowed(&self) -> &[&'static str] {
        match &self.kind {
            ErrorKind::Unknown { allowed, .. } => allowed,
            _ => &[],
        }
    }
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Unknown {
                param,
                field,
                parent,
                suggestion,
                allowed,
            } => {
                write!(f, "unknown field `{field}` in `{}`", param.name())?;
                if let Some(s) = suggestion {
                    match parent {
                        Some(p) => write!(f, "; did you mean `{p}.{s}`?")?,
                        None => write!(f, "; did you mean `{s}`?")?,
                    }
                }
                match parent {
                    Some(p) => write!(f, " allowed in `{p}`: {}", allowed.join(", ")),
                    None => write!(f, " allowed: {}", allowed.join(", ")),
                }
            }
            ErrorKind::NotNested {
                param,
                field,
                parent,
            } => write!(
                f,
                "`{field}` in `{}`: `{parent}` has no sub-fields; select `{parent}` itself",
                param.name()
            ),
            ErrorKind::Empty { param } => {
                let example = match param {
                    Param::Fields => "fields=x",
                    Param::Exclude => "exclude=x",
                };
                write!(
                    f,
                    "`{}` names no field; give a comma-separated list such as `{example}`, or leave it out",
                    param.name()
                )
            }
            ErrorKind::Malformed => f.write_str(
                "the query string is not valid percent-encoded UTF-8; encode `fields`/`exclude` values with UTF-8",
            ),
            ErrorKind::TooMany => write!(
                f,
                "`fields` and `exclude` name more than {MAX_NAMES} fields; name fewer"
            ),
        }
    }
}

impl std::error::Error for SelectionError {}

/// The JSON body of a [`SelectionError`]; its schema is the document's.
#[derive(Serialize, schemars::JsonSchema)]
#[schemars(rename = "SelectionError")]
struct ErrorBody<'a> {
    /// What is wrong and how to fix it.
    detail: String,
    /// The query parameter at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<Param>,
    /// The name that was refused.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    /// The allowed name closest to the refused one.
    #[serde(skip_serializing_if = "Option::is_none")]
    did_you_mean: Option<String>,
    /// The names allowed where the refused one was found.
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed: Option<&'a [&'static str]>,
}

/// `400 Bad Request` with the JSON body shown on [`SelectionError`].
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model_core::Selection;
/// # use response_model_core::{FieldInfo, FieldList};
/// # struct P;
/// # impl FieldList for P {
/// #     const NAMES: &'static [&'static str] = &["x"];
/// #     fn fields() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let res = Selection::<P>::from_query("fields=%FF").unwrap_err().into_response();
/// assert_eq!(res.status(), 400);
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
impl IntoResponse for SelectionError {
    fn into_response(self) -> Response {
        let (param, did_you_mean, allowed) = match &self.kind {
            ErrorKind::Unknown {
                param,
                parent,
                suggestion,
                allowed,
                ..
            } => (
                Some(*param),
                suggestion.map(|s| match parent {
                    Some(p) => format!("{p}.{s}"),
                    None => s.to_owned(),
                }),
                Some(allowed.as_slice()),
            ),
            ErrorKind::NotNested { param, .. } | ErrorKind::Empty { param } => {
                (Some(*param), None, None)
            }
            ErrorKind::Malformed | ErrorKind::TooMany => (None, None, None),
        };
        let body = ErrorBody {
            detail: self.to_string(),
            param,
            field: self.field(),
            did_you_mean,
            allowed,
        };
        json_response(StatusCode::BAD_REQUEST, &body)
    }
}

// ---------------------------------------------------------------------------------------
// The filter: a serializer adapter. It sits between a value's `Serialize` impl and the JSON
// encoder and drops struct fields/map entries, so the declared field order is kept (a
// `serde_json::Value` would sort keys) and parts the selection does not touch are written
// straight through.

#[derive(Clone, Copy, Debug)]
struct Level<'a> {
    info: &'static [FieldInfo],
    include: Option<&'a Tree>,
    exclude: Option<&'a Tree>,
}

#[derive(Clone, Copy, Debug)]
enum Mode<'a> {
    /// Written as is.
    Raw,
    /// Objects here (and in arrays here) keep the fields `Level` selects.
    Select(Level<'a>),
    /// Walking object keys down `path` (`apply_at`); what is found there is `Select`ed.
    Seek {
        path: &'a [String],
        level: Level<'a>,
        reached: &'a Cell<bool>,
    },
}

impl<'a> Mode<'a> {
    /// What happens to the field `key` of an object in this mode; `None`: dropped.
    fn field(self, key: &str) -> Option<Mode<'a>> {
        match self {
            Mode::Raw => Some(Mode::Raw),
            Mode::Seek {
                path,
                level,
                reached,
            } => match path.split_first() {
                Some((first, rest)) if first == key => {
                    if rest.is_empty() {
                        reached.set(true);
                        Some(Mode::Select(level))
                    } else {
                        Some(Mode::Seek {
                            path: rest,
                            level,
                            reached,
                        })
                    }
                }
                _ => Some(Mode::Raw),
            },
            Mode::Select(level) => {
                // The allowlist: a key the model does not list never comes out.
                let info = level.info.iter().find(|f| f.name == key)?;
                let include = match level.include {
                    None => None,
                    Some(tree) => tree.0.get(key)?.as_ref(),
                };
                let exclude = match level.exclude.and_then(|t| t.0.get(key)) {
                    Some(None) => return None,
                    Some(Some(sub)) => Some(sub),
                    None => None,
                };
                match (include.is_some() || exclude.is_some(), info.nested) {
                    (true, Some(nested)) => Some(Mode::Select(Level {
                        info: nested(),
                        include,
                        exclude,
                    })),
                    _ => Some(Mode::Raw),
                }
            }
        }
    }

    /// Elements of an array: a list of models is selected element-wise.
    fn element(self) -> Mode<'a> {
        match self {
            Mode::Select(level) => Mode::Select(level),
            Mode::Raw | Mode::Seek { .. } => Mode::Raw,
        }
    }
}

struct Filtered<'a, T: ?Sized>(&'a T, Mode<'a>);

impl<T: Serialize + ?Sized> Serialize for Filtered<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Mode::Raw => self.0.serialize(serializer),
            mode => self.0.serialize(FilterSer {
                inner: serializer,
                mode,
            }),
        }
    }
}

struct FilterSer<'a, S> {
    inner: S,
    mode: Mode<'a>,
}

/// A map key as text (JSON object keys are strings; numbers and chars are written as text).
fn key_text<K: Serialize + ?Sized>(key: &K) -> Option<String> {
    match serde_json::to_value(key).ok()? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(fn $method(self, $($arg: $ty),*) -> Result<S::Ok, S::Error> {
            self.inner.$method($($arg),*)
        })*
    };
}

impl<'a, S: Serializer> Serializer for FilterSer<'a, S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Elements<'a, S::SerializeSeq>;
    type SerializeTuple = Elements<'a, S::SerializeTuple>;
    type SerializeTupleStruct = Elements<'a, S::SerializeTupleStruct>;
    type SerializeTupleVariant = Elements<'a, S::SerializeTupleVariant>;
    type SerializeMap = Entries<'a, S::SerializeMap>;
    type SerializeStruct = StructFields<'a, S::SerializeStruct>;
    type SerializeStructVariant = StructFields<'a, S::SerializeStructVariant>;

    forward! {
        serialize_bool(v: bool);
        serialize_i8(v: i8);
        serialize_i16(v: i16);
        serialize_i32(v: i32);
        serialize_i64(v: i64);
        serialize_i128(v: i128);
        serialize_u8(v: u8);
        serialize_u16(v: u16);
        serialize_u32(v: u32);
        serialize_u64(v: u64);
        serialize_u128(v: u128);
        serialize_f32(v: f32);
        serialize_f64(v: f64);
        serialize_char(v: char);
        serialize_str(v: &str);
        serialize_bytes(v: &[u8]);
        serialize_none();
        serialize_unit();
        serialize_unit_struct(name: &'static str);
        serialize_unit_variant(name: &'static str, index: u32, variant: &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<S::Ok, S::Error> {
        self.inner.serialize_some(&Filtered(value, self.mode))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_struct(name, &Filtered(value, self.mode))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<S::Ok, S::Error> {
        self.inner
            .serialize_newtype_variant(name, index, variant, &Filtered(value, self.mode))
    }

    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Ok(Elements(
            self.inner.serialize_seq(len)?,
            self.mode.element(),
        ))
    }

    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Ok(Elements(
            self.inner.serialize_tuple(len)?,
            self.mode.element(),
        ))
    }

    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        let inner = self.inner.serialize_tuple_struct(name, len)?;
        Ok(Elements(inner, self.mode.element()))
    }

    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        let inner = self
            .inner
            .serialize_tuple_variant(name, index, variant, len)?;
        Ok(Elements(inner, self.mode.element()))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        // Entries may be dropped: announce no length.
        Ok(Entries {
            inner: self.inner.serialize_map(None)?,
            mode: self.mode,
            next: None,
        })
    }

    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(StructFields(
            self.inner.serialize_struct(name, len)?,
            self.mode,
        ))
    }

    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        let inner = self
            .inner
            .serialize_struct_variant(name, index, variant, len)?;
        Ok(StructFields(inner, self.mode))
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

struct Elements<'a, I>(I, Mode<'a>);

macro_rules! elements {
    ($($trait:ident::$method:ident),*) => {
        $(impl<I: $trait> $trait for Elements<'_, I> {
            type Ok = I::Ok;
            type Error = I::Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), I::Error> {
                self.0.$method(&Filtered(value, self.1))
            }
            fn end(self) -> Result<I::Ok, I::Error> {
                self.0.end()
            }
        })*
    };
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// The fields of a struct (or struct variant) being written.
struct StructFields<'a, I>(I, Mode<'a>);

macro_rules! struct_fields {
    ($($trait:ident),*) => {
        $(impl<I: $trait> $trait for StructFields<'_, I> {
            type Ok = I::Ok;
            type Error = I::Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), I::Error> {
                match self.1.field(key) {
                    Some(mode) => self.0.serialize_field(key, &Filtered(value, mode)),
                    None => self.0.skip_field(key),
                }
            }
            fn end(self) -> Result<I::Ok, I::Error> {
                self.0.end()
            }
        })*
    };
}

struct_fields!(SerializeStruct, SerializeStructVariant);

struct Entries<'a, I> {
    inner: I,
    mode: Mode<'a>,
    /// The decision for the value after the key just seen; `None`: skip it.
    next: Option<Mode<'a>>,
}

impl<I: SerializeMap> SerializeMap for Entries<'_, I> {
    type Ok = I::Ok;
    type Error = I::Error;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), I::Error> {
        self.next = match self.mode {
            Mode::Raw => Some(Mode::Raw),
            mode => key_text(key).and_then(|k| mode.field(&k)),
        };
        match self.next {
            Some(_) => self.inner.serialize_key(key),
            None => Ok(()),
        }
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), I::Error> {
        match self.next.take() {
            Some(mode) => self.inner.serialize_value(&Filtered(value, mode)),
            None => Ok(()),
        }
    }

    fn end(self) -> Result<I::Ok, I::Error> {
        self.inner.end()
    }
}

/// The 400 of a bad selection.
fn selection_error_doc(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
    use crate::openapi::{MediaDoc, ResponseDoc, Responses};
    Responses::single(
        StatusCode::BAD_REQUEST,
        ResponseDoc::new("Unknown or malformed field selection").content(
            mime::APPLICATION_JSON.as_ref(),
            MediaDoc::schema(cx.register_output::<ErrorBody<'static>>()),
        ),
    )
}

/// The 400 of a bad selection.
impl crate::openapi::ApiResponse for SelectionError {
    fn responses(cx: &mut crate::openapi::DocContext) -> crate::openapi::Responses {
        selection_error_doc(cx)
    }
}

/// The `fields` and `exclude` query parameters (their description lists `M`'s fields)
/// and the 400 of a name `M` does not have.
impl<M: FieldList> crate::openapi::ApiInput for Selection<M> {
    fn document(cx: &mut crate::openapi::DocContext, op: &mut crate::openapi::OperationDoc) {
        use crate::openapi::{ParamLocation, ParameterDoc};
        let list = M::NAMES.join(", ");
        for (name, verb) in [("fields", "keep"), ("exclude", "drop")] {
            op.add_parameter(
                ParameterDoc::new(name, ParamLocation::Query, cx.register_input::<String>())
                    .description(format!(
                        "Comma-separated fields to {verb} (nested: `items.name`); of: {list}."
                    )),
            );
        }
        let errors = selection_error_doc(cx);
        op.responses_mut().merge(errors);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("emial", "email"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("name", "name"), 0);
        assert_eq!(edit_distance("", "id"), 2);
        assert_eq!(edit_distance("nam", "name"), 1);
    }

    #[test]
    fn suggestion_needs_a_close_name() {
        assert_eq!(did_you_mean("emial", &["id", "email"]), Some("email"));
        assert_eq!(did_you_mean("zzzzzz", &["id", "email"]), None);
    }
}
