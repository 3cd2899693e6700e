//! FastAPI's 422 body, `{"detail": [{"type", "loc", "msg", "input", "ctx"}]}`, and the
//! reading of serde's and garde's errors as Pydantic's error types.

use axum::response::{IntoResponse, Response};
use http::StatusCode;
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value, json};

/// One step of an error's location: a field name or a list index, as in Pydantic's
/// `loc` (`["body", "items", 0, "price"]`).
///
/// ```
/// use response_model::extract::Loc;
/// assert_eq!(serde_json::to_value([Loc::from("items"), Loc::from(0)]).unwrap(), serde_json::json!(["items", 0]));
/// assert_eq!(Loc::from("body"), "body");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(inline, description = "A field name or a list index.")]
pub enum Loc {
    /// A field or a map key (`"price"`), or the part of the request (`"body"`).
    Key(String),
    /// An index in a list.
    Index(usize),
}

impl From<&str> for Loc {
    fn from(key: &str) -> Self {
        Loc::Key(key.to_owned())
    }
}

impl From<String> for Loc {
    fn from(key: String) -> Self {
        Loc::Key(key)
    }
}

impl From<usize> for Loc {
    fn from(index: usize) -> Self {
        Loc::Index(index)
    }
}

impl PartialEq<&str> for Loc {
    fn eq(&self, other: &&str) -> bool {
        matches!(self, Loc::Key(k) if k == other)
    }
}

impl PartialEq<str> for Loc {
    fn eq(&self, other: &str) -> bool {
        matches!(self, Loc::Key(k) if k == other)
    }
}

/// One validation error, in FastAPI's field order.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    rename = "ValidationError",
    description = "One problem with the request: what failed (`type`, Pydantic's error type), where (`loc`), why (`msg`), the offending input, and the constraint (`ctx`) when there is one."
)]
#[non_exhaustive]
pub struct ErrorDetail {
    /// What failed, as Pydantic names it: `missing`, `int_parsing`, `bool_parsing`,
    /// `string_too_short`, `greater_than_equal`, `json_invalid`, `value_error`, ...
    #[serde(rename = "type")]
    pub kind: String,
    /// Where: `["path", "user_id"]`, `["query", "limit"]`, `["body", "items", 0, "price"]`.
    pub loc: Vec<Loc>,
    /// Why, for a person.
    pub msg: String,
    /// The offending input (the value at `loc`; for a missing field, the object that lacks
    /// it; `null` when there is none).
    pub input: Value,
    /// The constraint that failed, when there is one: `{"min_length": 3}`, `{"ge": 1}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ctx: Option<Map<String, Value>>,
}

impl ErrorDetail {
    /// An error of Pydantic type `kind` at `loc`.
    ///
    /// ```
    /// use response_model::extract::ErrorDetail;
    /// let d = ErrorDetail::new("missing", ["query", "q"], "Field required");
    /// assert_eq!(d.loc, ["query", "q"]);
    /// assert!(d.input.is_null());
    /// ```
    pub fn new<L: Into<Loc>>(
        kind: &str,
        loc: impl IntoIterator<Item = L>,
        msg: impl Into<String>,
    ) -> Self {
        Self {
            kind: kind.to_owned(),
            loc: loc.into_iter().map(Into::into).collect(),
            msg: msg.into(),
            input: Value::Null,
            ctx: None,
        }
    }
}

/// The body of a rejected request: FastAPI's `{"detail": [...]}`.
///
/// ```
/// use axum::response::IntoResponse;
/// use response_model::extract::RequestError;
/// let res = RequestError::new("missing", ["query", "q"], "Field required").into_response();
/// assert_eq!(res.status(), 422);
/// ```
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(
    rename = "HTTPValidationError",
    description = "A request the server could not read: one entry per problem (FastAPI's 422 body)."
)]
#[non_exhaustive]
pub struct RequestError {
    /// The errors, one per problem found.
    pub detail: Vec<ErrorDetail>,
    #[serde(skip)]
    #[schemars(skip)]
    status: StatusCode,
}

impl RequestError {
    /// A 422 with one error.
    ///
    /// ```
    /// # use response_model::extract::RequestError;
    /// let e = RequestError::new("json_invalid", ["body"], "JSON decode error");
    /// assert_eq!(e.detail[0].loc, ["body"]);
    /// ```
    pub fn new<L: Into<Loc>>(
        kind: &str,
        loc: impl IntoIterator<Item = L>,
        msg: impl Into<String>,
    ) -> Self {
        Self::from_details(vec![ErrorDetail::new(kind, loc, msg)])
    }

    /// A 422 with these errors.
    ///
    /// ```
    /// # use response_model::extract::{ErrorDetail, RequestError};
    /// let e = RequestError::from_details(vec![
    ///     ErrorDetail::new("missing", ["body", "name"], "Field required"),
    ///     ErrorDetail::new("missing", ["body", "price"], "Field required"),
    /// ]);
    /// assert_eq!(e.detail.len(), 2);
    /// ```
    pub fn from_details(detail: Vec<ErrorDetail>) -> Self {
        Self {
            detail,
            status: StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    /// The same error with the offending input echoed.
    ///
    /// ```
    /// # use response_model::extract::RequestError;
    /// let e = RequestError::new("int_parsing", ["path", "id"], "not a number").with_input("abc");
    /// assert_eq!(e.detail[0].input, "abc");
    /// ```
    pub fn with_input(mut self, input: impl Into<Value>) -> Self {
        if let Some(d) = self.detail.last_mut() {
            d.input = input.into();
        }
        self
    }

    /// The same error with the constraint that failed (`ctx`).
    ///
    /// ```
    /// # use response_model::extract::RequestError;
    /// let e = RequestError::new("greater_than_equal", ["query", "limit"], "Input should be greater than or equal to 1")
    ///     .with_ctx(serde_json::json!({"ge": 1}));
    /// assert_eq!(e.detail[0].ctx.as_ref().unwrap()["ge"], 1);
    /// ```
    pub fn with_ctx(mut self, ctx: Value) -> Self {
        if let (Some(d), Value::Object(ctx)) = (self.detail.last_mut(), ctx) {
            d.ctx = Some(ctx);
        }
        self
    }

    /// The same error answered with another status (e.g. 415 for a missing content type).
    ///
    /// ```
    /// # use response_model::extract::RequestError;
    /// let e = RequestError::new("json_invalid", ["body"], "no JSON").with_status(http::StatusCode::UNSUPPORTED_MEDIA_TYPE);
    /// assert_eq!(e.status(), 415);
    /// ```
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The status this error answers with.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// A body that could not be read (it broke off, it is over the limit): the status
    /// `status` with FastAPI's JSON body, never axum's `text/plain`.
    pub(crate) fn unreadable(status: StatusCode, why: impl Into<String>) -> Self {
        Self::new("value_error", ["body"], why).with_status(status)
    }
}

impl IntoResponse for RequestError {
    fn into_response(self) -> Response {
        crate::encoder::json_response(self.status(), &self)
    }
}

// ---- serde's errors as Pydantic's --------------------------------------------------------

/// What a serde error message says, as Pydantic would say it: its type, message and
/// constraint, and the field it names when it is about a missing or unknown field.
pub(crate) struct Pydantic {
    pub(crate) kind: &'static str,
    pub(crate) msg: String,
    pub(crate) ctx: Option<Value>,
    /// The field a `missing` or `extra_forbidden` error names (not yet in the path).
    pub(crate) field: Option<String>,
}

impl Pydantic {
    fn new(kind: &'static str, msg: impl Into<String>) -> Self {
        Self {
            kind,
            msg: msg.into(),
            ctx: None,
            field: None,
        }
    }

    fn ctx(mut self, ctx: Value) -> Self {
        self.ctx = Some(ctx);
        self
    }

    /// The error at `loc` with `input`.
    pub(crate) fn detail(self, mut loc: Vec<Loc>, input: Value) -> ErrorDetail {
        if let Some(field) = self.field {
            loc.push(Loc::Key(field));
        }
        let mut detail = ErrorDetail {
            kind: self.kind.to_owned(),
            loc,
            msg: self.msg,
            input,
            ctx: match self.ctx {
                Some(Value::Object(m)) => Some(m),
                _ => None,
            },
        };
        reword_for_input(&mut detail);
        detail
    }
}

/// The words of an error that Pydantic reads from the input, once `detail.input` is the
/// client's value: a `uuid_parsing`'s reason (the uuid crate's own words change between
/// its versions; pydantic-core's are fixed).
pub(crate) fn reword_for_input(detail: &mut ErrorDetail) {
    if detail.kind == "uuid_parsing"
        && let Some(text) = detail.input.as_str()
    {
        let error = uuid_error(text);
        detail.msg = format!("Input should be a valid UUID, {error}");
        detail.ctx = Some(one_entry("error", Value::from(error)));
    }
}

fn one_entry(key: &str, value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(key.to_owned(), value);
    m
}

/// The kinds of value serde's "expected ..." names.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Expected {
    Int,
    Float,
    Bool,
    Str,
    List,
    Object,
    Other,
}

fn expected_kind(expected: &str) -> Expected {
    let e = expected.trim();
    match e {
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64" | "i128"
        | "isize" | "an integer" | "integer" => Expected::Int,
        "f32" | "f64" | "a number" | "number" => Expected::Float,
        "a boolean" | "bool" => Expected::Bool,
        "a string" | "a borrowed string" | "a character" | "char" | "String" | "str" => {
            Expected::Str
        }
        _ if e.starts_with("a sequence")
            || e.starts_with("a tuple")
            || e.starts_with("an array") =>
        {
            Expected::List
        }
        _ if e.starts_with("struct ") || e.starts_with("a map") || e.starts_with("a dict") => {
            Expected::Object
        }
        _ => Expected::Other,
    }
}

/// The bounds of a Rust integer type serde names, for an out-of-range value.
fn int_bounds(ty: &str) -> Option<(i128, i128)> {
    Some(match ty.trim() {
        "u8" => (0, u8::MAX.into()),
        "u16" => (0, u16::MAX.into()),
        "u32" => (0, u32::MAX.into()),
        "u64" | "usize" => (0, u64::MAX.into()),
        "i8" => (i8::MIN.into(), i8::MAX.into()),
        "i16" => (i16::MIN.into(), i16::MAX.into()),
        "i32" => (i32::MIN.into(), i32::MAX.into()),
        "i64" | "isize" => (i64::MIN.into(), i64::MAX.into()),
        _ => return None,
    })
}

fn json_number(n: i128) -> Value {
    i64::try_from(n)
        .map(Value::from)
        .or_else(|_| u64::try_from(n).map(Value::from))
        .unwrap_or_else(|_| Value::from(n.to_string()))
}

/// The text between the first pair of backticks after `prefix` (serde quotes names so).
fn quoted<'a>(message: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = message.strip_prefix(prefix)?;
    let rest = rest.strip_prefix('`')?;
    rest.split_once('`').map(|(name, _)| name)
}

/// A type mismatch, for what `expected` names and what was `unexpected`
/// (`string "abc"`, `floating point `3.5``, `null`, ...).
fn mismatch(expected: Expected, unexpected: &str) -> Pydantic {
    let from_string = unexpected.starts_with("string ");
    let from_float = unexpected.starts_with("floating point");
    match expected {
        Expected::Int if from_string => Pydantic::new(
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        ),
        Expected::Int if from_float => Pydantic::new(
            "int_from_float",
            "Input should be a valid integer, got a number with a fractional part",
        ),
        Expected::Int => Pydantic::new("int_type", "Input should be a valid integer"),
        Expected::Float if from_string => Pydantic::new(
            "float_parsing",
            "Input should be a valid number, unable to parse string as a number",
        ),
        Expected::Float => Pydantic::new("float_type", "Input should be a valid number"),
        Expected::Bool if from_string => Pydantic::new(
            "bool_parsing",
            "Input should be a valid boolean, unable to interpret input",
        ),
        Expected::Bool => Pydantic::new("bool_type", "Input should be a valid boolean"),
        Expected::Str => Pydantic::new("string_type", "Input should be a valid string"),
        Expected::List => Pydantic::new("list_type", "Input should be a valid list"),
        Expected::Object => Pydantic::new(
            "model_attributes_type",
            "Input should be a valid dictionary or object to extract fields from",
        ),
        Expected::Other => Pydantic::new(
            "value_error",
            format!("Value error, invalid type: {unexpected}"),
        ),
    }
}

/// Pydantic's `uuid_parsing`, for the parser's `error`.
fn uuid_parsing(error: &str) -> Pydantic {
    Pydantic::new(
        "uuid_parsing",
        format!("Input should be a valid UUID, {error}"),
    )
    .ctx(json!({ "error": error }))
}

/// Why `input` is not a UUID, in the words pydantic-core's parser (the `uuid` crate it
/// is built with) uses: the first character that is neither a hex digit nor `-` (counted
/// from 1, after a `{` or `urn:uuid:` prefix), else the length of a simple UUID, else the
/// number of groups, else the first group of the wrong length.
pub(crate) fn uuid_error(input: &str) -> String {
    let (body, offset, simple) =
        if let Some(inner) = input.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            (inner, 1, false)
        } else if let Some(inner) = input.strip_prefix("urn:uuid:") {
            (inner, "urn:uuid:".len(), false)
        } else {
            (input, 0, true)
        };
    let mut hyphens = Vec::new();
    for (index, c) in body.char_indices() {
        if c == '-' {
            hyphens.push(index);
        } else if !c.is_ascii_hexdigit() {
            return format!(
                "invalid character: expected an optional prefix of `urn:uuid:` followed by \
                 [0-9a-fA-F-], found `{c}` at {}",
                index + offset + 1
            );
        }
    }
    if hyphens.is_empty() && simple {
        return format!(
            "invalid length: expected length 32 for simple format, found {}",
            input.len()
        );
    }
    if hyphens.len() != 4 {
        return format!(
            "invalid group count: expected 5, found {}",
            hyphens.len() + 1
        );
    }
    const STARTS: [usize; 5] = [0, 9, 14, 19, 24];
    const LENGTHS: [usize; 5] = [8, 4, 4, 4, 12];
    for group in 0..4 {
        if hyphens[group] != STARTS[group + 1] - 1 {
            return format!(
                "invalid group length in group {group}: expected {}, found {}",
                LENGTHS[group],
                hyphens[group].saturating_sub(STARTS[group])
            );
        }
    }
    format!(
        "invalid group length in group 4: expected 12, found {}",
        input.len().saturating_sub(STARTS[4])
    )
}

/// serde's message (without serde_json's ` at line L column C`) read as Pydantic's
/// error: the texts of `serde::de::Error`'s provided constructors, and this crate's own
/// lax reading of query strings (`input should be a valid integer, got "abc"`).
pub(crate) fn classify(message: &str) -> Pydantic {
    if let Some(field) = quoted(message, "missing field ") {
        let mut p = Pydantic::new("missing", "Field required");
        p.field = Some(field.to_owned());
        return p;
    }
    if let Some(field) = quoted(message, "unknown field ") {
        let mut p = Pydantic::new("extra_forbidden", "Extra inputs are not permitted");
        p.field = Some(field.to_owned());
        return p;
    }
    // The uuid crate's `Deserialize` (its message is replaced by Pydantic's once the input
    // is known: `Pydantic::detail`).
    if let Some(error) = message.strip_prefix("UUID parsing failed: ") {
        return uuid_parsing(error);
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let expected = rest
            .split_once("expected ")
            .map(|(_, e)| e.trim_start_matches("one of "))
            .unwrap_or("");
        let options: Vec<String> = expected
            .split(", ")
            .flat_map(|o| o.split(" or "))
            .map(|o| o.trim_matches('`'))
            .filter(|o| !o.is_empty())
            .map(|o| format!("'{o}'"))
            .collect();
        let expected = match options.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} or {last}", init.join(", ")),
        };
        return Pydantic::new("enum", format!("Input should be {expected}"))
            .ctx(json!({ "expected": expected }));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((unexpected, expected)) = rest.rsplit_once(", expected ")
    {
        if expected.contains("UUID") {
            return Pydantic::new(
                "uuid_type",
                "UUID input should be a string, bytes or UUID object",
            );
        }
        return mismatch(expected_kind(expected), unexpected);
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((unexpected, expected)) = rest.rsplit_once(", expected ")
    {
        if let Some((lo, hi)) = int_bounds(expected)
            && let Some(n) = unexpected
                .strip_prefix("integer `")
                .and_then(|n| n.strip_suffix('`'))
                .and_then(|n| n.parse::<i128>().ok())
        {
            return if n < lo {
                Pydantic::new(
                    "greater_than_equal",
                    format!("Input should be greater than or equal to {lo}"),
                )
                .ctx(json!({ "ge": json_number(lo) }))
            } else {
                Pydantic::new(
                    "less_than_equal",
                    format!("Input should be less than or equal to {hi}"),
                )
                .ctx(json!({ "le": json_number(hi) }))
            };
        }
        return mismatch(expected_kind(expected), unexpected);
    }
    if let Some(rest) = message.strip_prefix("input should be a valid ") {
        let what = rest.split_once(',').map_or(rest, |(w, _)| w);
        let kind = match what {
            "integer" => Expected::Int,
            "number" => Expected::Float,
            "boolean" => Expected::Bool,
            _ => Expected::Other,
        };
        return mismatch(kind, "string ");
    }
    // A number too large for its type, as the standard library's parsers say it.
    if message.contains("number too large") || message.contains("number too small") {
        return Pydantic::new(
            "int_parsing",
            "Input should be a valid integer, unable to parse string as an integer",
        );
    }
    if message.starts_with("invalid digit") || message.starts_with("cannot parse integer") {
        return mismatch(Expected::Int, "string ");
    }
    if message.starts_with("invalid float literal") {
        return mismatch(Expected::Float, "string ");
    }
    Pydantic::new("value_error", format!("Value error, {message}")).ctx(json!({ "error": message }))
}

/// A path segment or query value that did not parse as `type_name` (a Rust type's name,
/// as `std::any::type_name` writes it).
pub(crate) fn parse_failure(type_name: &str) -> Pydantic {
    let short = type_name.rsplit("::").next().unwrap_or(type_name);
    match expected_kind(short) {
        Expected::Other => Pydantic::new(
            "value_error",
            format!("Value error, cannot parse the input as `{short}`"),
        ),
        kind => mismatch(kind, "string "),
    }
}

/// The location of a serde_path_to_error path, after `root` (`"body"`, `"query"`).
pub(crate) fn loc_of(root: &str, path: &serde_path_to_error::Path) -> Vec<Loc> {
    use serde_path_to_error::Segment;
    let mut loc = vec![Loc::from(root)];
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => loc.push(Loc::Index(*index)),
            Segment::Map { key } => loc.push(Loc::Key(key.clone())),
            Segment::Enum { variant } => loc.push(Loc::Key(variant.clone())),
            Segment::Unknown => {}
        }
    }
    loc
}

/// The value at `loc` (after its root) in `value`, `null` where there is none.
pub(crate) fn value_at<'a>(value: &'a Value, loc: &[Loc]) -> &'a Value {
    let mut at = value;
    for step in loc.iter().skip(1) {
        at = match (step, at) {
            (Loc::Key(k), Value::Object(m)) => m.get(k).unwrap_or(&Value::Null),
            (Loc::Index(i), Value::Array(a)) => a.get(*i).unwrap_or(&Value::Null),
            _ => &Value::Null,
        };
    }
    at
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    #[test]
    fn serde_messages_read_as_pydantic_types() {
        for (message, kind) in [
            ("missing field `name`", "missing"),
            ("unknown field `nmae`, expected `name`", "extra_forbidden"),
            ("invalid type: string \"abc\", expected u32", "int_parsing"),
            (
                "invalid type: floating point `3.5`, expected i64",
                "int_from_float",
            ),
            ("invalid type: boolean `true`, expected u8", "int_type"),
            ("invalid type: string \"x\", expected f64", "float_parsing"),
            (
                "invalid type: integer `1`, expected a string",
                "string_type",
            ),
            (
                "invalid type: string \"x\", expected a boolean",
                "bool_parsing",
            ),
            ("invalid type: map, expected a sequence", "list_type"),
            (
                "invalid type: sequence, expected struct Item",
                "model_attributes_type",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "greater_than_equal",
            ),
            (
                "invalid value: integer `300`, expected u8",
                "less_than_equal",
            ),
            ("unknown variant `big`, expected `small` or `large`", "enum"),
            (
                "input should be a valid boolean, got \"maybe\"",
                "bool_parsing",
            ),
            ("input should be a valid integer, got \"x\"", "int_parsing"),
            ("invalid digit found in string", "int_parsing"),
            ("something of the user's own", "value_error"),
            (
                "UUID parsing failed: invalid character: found `x` at 0",
                "uuid_parsing",
            ),
            (
                "invalid type: integer `5`, expected a formatted UUID string",
                "uuid_type",
            ),
        ] {
            assert_eq!(classify(message).kind, kind, "{message}");
        }
    }

    /// pydantic-core's words (as FastAPI answers them), whatever the uuid crate's version.
    #[test]
    fn uuid_errors_are_pydantic_cores() {
        let char = |c: char, at: usize| {
            format!(
                "invalid character: expected an optional prefix of `urn:uuid:` followed by \
                 [0-9a-fA-F-], found `{c}` at {at}"
            )
        };
        for (input, error) in [
            ("x", char('x', 1)),
            ("incorrect-file-id", char('i', 1)),
            ("course_id", char('o', 2)),
            ("{0b6f1d36-63d8-4c7f-a0a4-3b0f8f4c2a5g}", char('g', 37)),
            (
                "",
                "invalid length: expected length 32 for simple format, found 0".to_owned(),
            ),
            (
                "0b6f1d3663d84c7fa0a43b0f8f4c2a5",
                "invalid length: expected length 32 for simple format, found 31".to_owned(),
            ),
            (
                "0b6f1d36-63d8",
                "invalid group count: expected 5, found 2".to_owned(),
            ),
            (
                "0b6f1d3-663d8-4c7f-a0a4-3b0f8f4c2a51",
                "invalid group length in group 0: expected 8, found 7".to_owned(),
            ),
            (
                "10c25fc2-835b-4ef3-bb3d-bf44fe496e",
                "invalid group length in group 4: expected 12, found 10".to_owned(),
            ),
        ] {
            assert_eq!(uuid_error(input), error, "{input:?}");
        }
        let mut d = classify("UUID parsing failed: invalid character: found `x` at 0")
            .detail(vec![Loc::from("path"), Loc::from("id")], Value::from("x"));
        assert_eq!(
            d.msg,
            format!("Input should be a valid UUID, {}", char('x', 1))
        );
        d.input = Value::from("123");
        reword_for_input(&mut d);
        assert_eq!(
            d.ctx.unwrap()["error"],
            "invalid length: expected length 32 for simple format, found 3"
        );
    }

    #[test]
    fn constraints_are_in_ctx() {
        let p = classify("invalid value: integer `-1`, expected u32");
        assert_eq!(p.ctx, Some(json!({"ge": 0})));
        assert_eq!(p.msg, "Input should be greater than or equal to 0");
        let p = classify("unknown variant `big`, expected one of `a`, `b`, `c`");
        assert_eq!(p.msg, "Input should be 'a', 'b' or 'c'");
        let p = classify("missing field `price`");
        let d = p.detail(vec![Loc::from("body"), Loc::from(0)], Value::Null);
        assert_eq!(
            serde_json::to_value(&d.loc).unwrap(),
            json!(["body", 0, "price"])
        );
    }
}
