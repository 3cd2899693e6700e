//! Include/exclude chosen at request time: `?fields=id,name` and `?exclude=email`, checked
//! against a model's wire field list ([`ModelFields`]).
//!
//! FastAPI's `response_model_include`/`response_model_exclude` are fixed per route and
//! silently ignore unknown names. [`Fields<M>`] is an extractor that reads the selection
//! from the query string and rejects a name `M` does not have with a `400` that names it and
//! lists the allowed ones; secret fields are not in `M`'s list, so they can neither be
//! selected nor be seen in that list.
//!
//! ```
//! use axum::{Router, routing::get};
//! use response_model_core::{FieldInfo, ModelFields};
//! use response_model_core::select::{Fields, Selected};
//! use serde::Serialize;
//!
//! #[derive(Serialize)]
//! struct UserOut { id: i64, name: String, email: String }
//! impl ModelFields for UserOut {
//!     const FIELDS: &'static [&'static str] = &["id", "name", "email"];
//!     fn field_info() -> &'static [FieldInfo] {
//!         const F: &[FieldInfo] =
//!             &[FieldInfo::leaf("id"), FieldInfo::leaf("name"), FieldInfo::leaf("email")];
//!         F
//!     }
//! }
//!
//! // GET /users?fields=id,name -> [{"id":1,"name":"Alice"}]
//! async fn list_users(fields: Fields<UserOut>) -> Selected<Vec<UserOut>> {
//!     let users = vec![UserOut { id: 1, name: "Alice".into(), email: "a@x.com".into() }];
//!     fields.apply(users)
//! }
//! let app: Router = Router::new().route("/users", get(list_users));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use axum::extract::FromRequestParts;
use axum::response::{IntoResponse, Response};
use http::StatusCode;
use http::request::Parts;
use serde::Serialize;
use serde_json::Value;

use crate::encoder::json_response;
use crate::fields::{FieldInfo, ModelFields};
use crate::model::ResponseValidationError;

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
/// Apply it with [`Fields::apply`] (a value, a list, an `Option`) or [`Fields::apply_at`]
/// (the list inside a pagination wrapper). The output only ever holds keys of `M`'s field
/// list at the top level, even if the value has more.
///
/// ```
/// use response_model_core::select::Fields;
/// use response_model_core::{FieldInfo, ModelFields};
/// # struct UserOut;
/// # impl ModelFields for UserOut {
/// #     const FIELDS: &'static [&'static str] = &["id", "name", "email"];
/// #     fn field_info() -> &'static [FieldInfo] {
/// #         const F: &[FieldInfo] = &[FieldInfo::leaf("id"), FieldInfo::leaf("name"), FieldInfo::leaf("email")];
/// #         F
/// #     }
/// # }
/// let user = serde_json::json!({"id": 1, "name": "Alice", "email": "a@x.com"});
///
/// let fields = Fields::<UserOut>::from_query("exclude=email").unwrap();
/// assert_eq!(fields.apply(&user).into_value().unwrap(), serde_json::json!({"id": 1, "name": "Alice"}));
///
/// let err = Fields::<UserOut>::from_query("fields=id,emial").unwrap_err();
/// assert_eq!(err.to_string(), "unknown field `emial` in `fields`; did you mean `email`? allowed: id, name, email");
/// ```
pub struct Fields<M> {
    include: Option<Tree>,
    exclude: Tree,
    _model: PhantomData<fn() -> M>,
}

impl<M> Clone for Fields<M> {
    fn clone(&self) -> Self {
        Self {
            include: self.include.clone(),
            exclude: self.exclude.clone(),
            _model: PhantomData,
        }
    }
}

impl<M> fmt::Debug for Fields<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fields")
            .field("model", &std::any::type_name::<M>())
            .field("include", &self.include)
            .field("exclude", &self.exclude)
            .finish()
    }
}

impl<M: ModelFields> Default for Fields<M> {
    fn default() -> Self {
        Self::all()
    }
}

impl<M: ModelFields> Fields<M> {
    /// No selection: every field of `M`.
    ///
    /// ```
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert!(Fields::<P>::all().is_all());
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
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x", "y"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// assert!(!Fields::<P>::from_query("fields=x").unwrap().is_all());
    /// assert!(Fields::<P>::from_query("page=2").unwrap().is_all());
    /// ```
    pub fn is_all(&self) -> bool {
        self.include.is_none() && self.exclude.0.is_empty()
    }

    /// Parses and checks a raw query string (without `?`); parameters other than `fields`
    /// and `exclude` are ignored. This is what the extractor does with the request URI.
    ///
    /// ```
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x", "y"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let f = Fields::<P>::from_query("fields=x%2Cy&exclude=y").unwrap();
    /// let v = f.apply(serde_json::json!({"x": 1, "y": 2})).into_value().unwrap();
    /// assert_eq!(v, serde_json::json!({"x": 1}));
    /// ```
    pub fn from_query(query: &str) -> Result<Self, SelectionError> {
        let (include, exclude) = parse_query(query, M::field_info())?;
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
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x", "y"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let f = Fields::<P>::from_query("fields=y").unwrap();
    /// let rows = vec![serde_json::json!({"x": 1, "y": 2}), serde_json::json!({"x": 3, "y": 4})];
    /// assert_eq!(f.apply(rows).into_value().unwrap(), serde_json::json!([{"y": 2}, {"y": 4}]));
    /// ```
    pub fn apply<T: Serialize>(&self, value: T) -> Selected<T> {
        Selected::new(self.select_value(serde_json::to_value(value), None))
    }

    /// Like [`Fields::apply`], on the part of `value` at the JSON Pointer `pointer`
    /// (RFC 6901): the item list of a pagination wrapper (`"/items"`), leaving the rest
    /// (`total`, `page`) as is. A pointer that finds nothing is a logged 500.
    ///
    /// ```
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x", "y"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let f = Fields::<P>::from_query("exclude=y").unwrap();
    /// let page = serde_json::json!({"items": [{"x": 1, "y": 2}], "total": 1});
    /// assert_eq!(
    ///     f.apply_at("/items", page).into_value().unwrap(),
    ///     serde_json::json!({"items": [{"x": 1}], "total": 1})
    /// );
    /// ```
    pub fn apply_at<T: Serialize>(&self, pointer: &str, value: T) -> Selected<T> {
        Selected::new(self.select_value(serde_json::to_value(value), Some(pointer)))
    }

    /// Filters a JSON value in place, as [`Fields::apply`] does.
    ///
    /// ```
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x", "y"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
    /// # }
    /// let mut v = serde_json::json!({"x": 1, "y": 2, "secret": 3});
    /// Fields::<P>::all().filter_value(&mut v);
    /// assert_eq!(v, serde_json::json!({"x": 1, "y": 2}));
    /// ```
    pub fn filter_value(&self, value: &mut Value) {
        filter(
            value,
            M::field_info(),
            self.include.as_ref(),
            Some(&self.exclude),
        );
    }

    fn select_value(
        &self,
        value: Result<Value, serde_json::Error>,
        pointer: Option<&str>,
    ) -> Result<Value, ResponseValidationError> {
        let model = std::any::type_name::<M>();
        let mut value = value.map_err(|e| ResponseValidationError::encode(model, e.to_string()))?;
        let target = match pointer {
            None => Some(&mut value),
            Some(p) => value.pointer_mut(p),
        };
        match target {
            Some(target) => self.filter_value(target),
            None => {
                return Err(ResponseValidationError::select(
                    model,
                    format!(
                        "the value has nothing at the JSON pointer `{}`; pass the pointer of its item list, like \"/items\"",
                        pointer.unwrap_or_default()
                    ),
                ));
            }
        }
        Ok(value)
    }
}

/// Keeps the keys of `value` (or of each object in an array) that are in `info`, selected
/// by `include` (`None`: all) and not dropped by `exclude`, recursing into a field when a
/// selection names its sub-fields. Scalars and `null` are left alone.
fn filter(
    value: &mut Value,
    info: &'static [FieldInfo],
    include: Option<&Tree>,
    exclude: Option<&Tree>,
) {
    match value {
        Value::Array(items) => {
            for item in items {
                filter(item, info, include, exclude);
            }
        }
        Value::Object(map) => map.retain(|key, field| {
            let Some(field_info) = info.iter().find(|f| f.name == key) else {
                return false;
            };
            let inc = match include.map(|t| t.0.get(key.as_str())) {
                None => None,
                Some(None) => return false,
                Some(Some(sub)) => sub.as_ref(),
            };
            let exc = match exclude.and_then(|t| t.0.get(key.as_str())) {
                Some(None) => return false,
                Some(Some(sub)) => Some(sub),
                None => None,
            };
            if (inc.is_some() || exc.is_some())
                && let Some(nested) = field_info.nested
            {
                filter(field, nested(), inc, exc);
            }
            true
        }),
        _ => {}
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

impl<M: ModelFields, S: Send + Sync> FromRequestParts<S> for Fields<M> {
    type Rejection = SelectionError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Self::from_query(parts.uri.query().unwrap_or_default())
    }
}

/// The JSON of a value after [`Fields::apply`]: a 200 `application/json` response, or the
/// logged 500 of a [`ResponseValidationError`] if the value could not be encoded or the
/// pointer found nothing. `T` is the type that was filtered (for documentation).
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model_core::select::Fields;
/// # use response_model_core::{FieldInfo, ModelFields};
/// # struct P;
/// # impl ModelFields for P {
/// #     const FIELDS: &'static [&'static str] = &["x", "y"];
/// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")]; F }
/// # }
/// let res = Fields::<P>::all().apply(serde_json::json!({"x": 1})).into_response();
/// assert_eq!(res.status(), 200);
/// let res = Fields::<P>::all().apply_at("/nope", serde_json::json!({"x": 1})).into_response();
/// assert_eq!(res.status(), 500);
/// ```
#[must_use]
pub struct Selected<T> {
    body: Result<Value, ResponseValidationError>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Selected<T> {
    fn new(body: Result<Value, ResponseValidationError>) -> Self {
        Self {
            body,
            _type: PhantomData,
        }
    }

    /// The filtered JSON value, or why there is none.
    ///
    /// ```
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// let v = Fields::<P>::all().apply(Some(serde_json::json!({"x": 1}))).into_value().unwrap();
    /// assert_eq!(v, serde_json::json!({"x": 1}));
    /// ```
    pub fn into_value(self) -> Result<Value, ResponseValidationError> {
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
/// # use response_model_core::select::Fields;
/// # use response_model_core::{FieldInfo, ModelFields};
/// # struct P;
/// # impl ModelFields for P {
/// #     const FIELDS: &'static [&'static str] = &["x"];
/// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let res = Fields::<P>::all().apply([1, 2]).into_response();
/// assert_eq!(res.headers()["content-type"], "application/json");
/// ```
impl<T> IntoResponse for Selected<T> {
    fn into_response(self) -> Response {
        match self.body {
            Ok(value) => json_response(StatusCode::OK, &value),
            Err(err) => err.into_response(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
/// [`Fields`], answered with `400` and a JSON body:
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
/// # use response_model_core::select::Fields;
/// # use response_model_core::{FieldInfo, ModelFields};
/// # struct P;
/// # impl ModelFields for P {
/// #     const FIELDS: &'static [&'static str] = &["x"];
/// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let err = Fields::<P>::from_query("fields=").unwrap_err();
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
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert_eq!(Fields::<P>::from_query("exclude=z").unwrap_err().field(), Some("z"));
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
    /// # use response_model_core::select::Fields;
    /// # use response_model_core::{FieldInfo, ModelFields};
    /// # struct P;
    /// # impl ModelFields for P {
    /// #     const FIELDS: &'static [&'static str] = &["x"];
    /// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
    /// # }
    /// assert_eq!(Fields::<P>::from_query("fields=password").unwrap_err().allowed(), ["x"]);
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

#[derive(Serialize)]
struct ErrorBody<'a> {
    detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    param: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    did_you_mean: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed: Option<&'a [&'static str]>,
}

/// `400 Bad Request` with the JSON body shown on [`SelectionError`].
///
/// ```
/// use axum::response::IntoResponse;
/// # use response_model_core::select::Fields;
/// # use response_model_core::{FieldInfo, ModelFields};
/// # struct P;
/// # impl ModelFields for P {
/// #     const FIELDS: &'static [&'static str] = &["x"];
/// #     fn field_info() -> &'static [FieldInfo] { const F: &[FieldInfo] = &[FieldInfo::leaf("x")]; F }
/// # }
/// let res = Fields::<P>::from_query("fields=%FF").unwrap_err().into_response();
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
                Some(param.name()),
                suggestion.map(|s| match parent {
                    Some(p) => format!("{p}.{s}"),
                    None => s.to_owned(),
                }),
                Some(allowed.as_slice()),
            ),
            ErrorKind::NotNested { param, .. } | ErrorKind::Empty { param } => {
                (Some(param.name()), None, None)
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
