//! `Valid<E>`: a request value checked against its garde constraints, failures answered as
//! Pydantic's 422 errors (`string_too_short` with `ctx: {"min_length": 3}`, ...).

use std::borrow::Cow;
use std::fmt::Display;

use axum::extract::{FromRequest, FromRequestParts, Request};
use garde::Validate;
use garde::i18n::{I18n, InvalidCreditCard, InvalidEmail, InvalidPhoneNumber, InvalidUrl, IpKind};
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};

use super::error::{ErrorDetail, Loc, RequestError, value_at};
use super::wire::{self, Broken, Step};
use super::{Form, Json, Path, Query, from_json_bytes, json_body};

/// A request value that passed its garde constraints: `Valid(Json(item))`,
/// `Valid(Query(params))`, `Valid(Path(id))`, `Valid(Form(login))`. Pydantic checks a
/// request's `Field(...)` constraints before the handler runs; so does this, with the same
/// answer: 422 and one error per broken constraint, each with Pydantic's type, the full
/// `loc`, the input and the constraint in `ctx`.
///
/// | garde rule | Pydantic `type` | `ctx` |
/// |---|---|---|
/// | `length(min = 3)` on a string / a list or map | `string_too_short` / `too_short` | `{"min_length": 3}` (a list's: `{"field_type": "List", "min_length": 3, "actual_length": 0}`; a map's `"Dictionary"`) |
/// | `length(max = 50)` | `string_too_long` / `too_long` | `{"max_length": 50}` |
/// | `range(min = 1)` | `greater_than_equal` | `{"ge": 1}` |
/// | `range(max = 100)` | `less_than_equal` | `{"le": 100}` |
/// | `pattern("^a")` | `string_pattern_mismatch` | `{"pattern": "^a"}` |
/// | `email` | `value_error` (`value is not a valid email address: ...`) | `{"reason": ...}` |
/// | `url` | `url_parsing` | `{"error": ...}` |
/// | any other, or a custom rule | `value_error` | `{"error": <its message>}` |
///
/// Pydantic and JSON Schema count a string's length in characters; garde's `length`
/// counts bytes unless told otherwise: write `length(chars, max = 255)` for the same
/// limit as `Field(max_length=255)` on non-ASCII text (the document says `maxLength: 255`
/// either way).
///
/// Messages are Pydantic's, word for word: `String should have at least 1 character`
/// (singular for 1), `List should have at least 2 items after validation, not 0`, and for
/// `email` the reason Python's `email-validator` gives (`An email address must have an
/// @-sign.`, `There must be something after the @-sign.`, ...) where it is one of the
/// common ones. Whether an address is valid is still garde's call, and garde accepts some
/// that `email-validator` refuses (`a@b`, `.a@b.com`).
///
/// # `loc` names the wire
///
/// garde names a field by its Rust name; the 422 names it as the client sent it, with the
/// client's value as `input`: a `#[serde(rename_all = "camelCase")]` field is `fullName`,
/// a `#[serde(flatten)]` field's fields are at their parent's level (`["body", "email"]`,
/// not `["body", "base", "email"]`), list items by index (`["body", "items", 1, "sku"]`).
/// A field renamed to a name no `rename_all` rule makes (`#[serde(rename = "pw")]` on
/// `password`) is found by the broken rule itself when exactly one value of its object
/// could have broken it; when several could, the location keeps garde's name.
///
/// # What the document shows of your garde rules
///
/// schemars reads the garde rules it knows from the same attribute and writes them into
/// the request's schema, so a client sees the limits the server checks: `length` is
/// `minLength`/`maxLength` on a string (`minItems`/`maxItems` on a list), `range` is
/// `minimum`/`maximum`, `pattern` is `pattern`, `contains` a `pattern` of the escaped text,
/// and `email`, `url`, `ip`, `ipv4`, `ipv6` are `format`s. For a `Query` or `Path` struct,
/// each field's rules land on its parameter's schema.
///
/// - **`inner(..)` on an `Option` is not seen.** schemars applies `inner(..)` to a list's
///   `items` only, so `#[garde(inner(length(min = 1)))] name: Option<String>` is checked on
///   the wire and documented as any string or `null`. Write the rule on the field:
///   `#[garde(length(chars, min = 1))] name: Option<String>`. garde checks a direct rule on
///   an `Option` against the value when there is one (and passes `None`), exactly as
///   `inner(..)` does, and schemars writes it next to the `null`. (`inner(..)` on a
///   list of strings is documented, on its `items`.)
/// - **`length` counts bytes unless told otherwise**, where JSON Schema counts characters:
///   write `length(chars, ..)` for a limit that means on the wire what the document says.
/// - **Rules schemars does not know are not documented**: `ascii`, `alphanumeric`,
///   `prefix`, `suffix`, `credit_card`, `phone_number`, `matches`, `custom`. Say them in the
///   schema yourself with a schemars attribute on the field, e.g.
///   `#[schemars(extend("pattern" = "^[a-z0-9]+$"))]` for `alphanumeric` on lower-case ids,
///   or a doc comment where no keyword fits.
///
/// A [`Tristate<T>`](crate::Tristate) takes both forms, documented either way
/// (`#[garde(inner(length(min = 1, max = 255)))]`, see its "Validation").
///
/// ```
/// use response_model::openapi::input_schema;
///
/// #[derive(serde::Deserialize, garde::Validate, schemars::JsonSchema)]
/// struct ItemPatch {
///     #[garde(length(chars, min = 1, max = 50))]
///     name: Option<String>,
///     #[garde(range(min = 0.0))]
///     tax: Option<f64>,
///     // Checked, but not in the document: write `length(chars, max = 50)` instead.
///     #[garde(inner(length(chars, max = 50)))]
///     note: Option<String>,
/// }
///
/// let schema = input_schema::<ItemPatch>();
/// let props = &schema["properties"];
/// assert_eq!(props["name"]["type"], serde_json::json!(["string", "null"]));
/// assert_eq!(props["name"]["minLength"], 1);
/// assert_eq!(props["name"]["maxLength"], 50);
/// assert_eq!(props["tax"]["minimum"], 0.0);
/// assert_eq!(props["note"].get("maxLength"), None);
/// ```
///
/// The document describes the same 422 body ([`RequestError`]). Requires the `validate`
/// feature.
///
/// ```
/// use axum::{Router, routing::post};
/// use response_model::extract::{Json, Valid};
///
/// #[derive(serde::Deserialize, garde::Validate)]
/// struct NewUser {
///     #[garde(length(min = 3))]
///     name: String,
///     #[garde(range(min = 18))]
///     age: u8,
/// }
///
/// async fn create(Valid(Json(user)): Valid<Json<NewUser>>) -> String {
///     user.name
/// }
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// use tower::ServiceExt;
/// let app: Router = Router::new().route("/users", post(create));
/// let req = http::Request::post("/users")
///     .header("content-type", "application/json")
///     .body(axum::body::Body::from(r#"{"name": "Al", "age": 12}"#))
///     .unwrap();
/// let res = app.oneshot(req).await.unwrap();
/// assert_eq!(res.status(), 422);
/// let body = axum::body::to_bytes(res.into_body(), usize::MAX).await.unwrap();
/// let body: serde_json::Value = serde_json::from_slice(&body).unwrap();
/// // One entry per broken rule (in garde's order: by path).
/// let name = body["detail"].as_array().unwrap().iter().find(|d| d["loc"][1] == "name").unwrap();
/// assert_eq!(name["type"], "string_too_short");
/// assert_eq!(name["ctx"], serde_json::json!({"min_length": 3}));
/// let age = body["detail"].as_array().unwrap().iter().find(|d| d["loc"][1] == "age").unwrap();
/// assert_eq!(age["type"], "greater_than_equal");
/// assert_eq!(age["input"], 12);
/// # }
/// ```
#[derive(Clone, Copy, Debug, Default)]
pub struct Valid<E>(pub E);

impl<S, T> FromRequest<S> for Valid<Json<T>>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
    T::Context: Default,
{
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = json_body(req, state).await?;
        let value: T = from_json_bytes(&bytes)?;
        check(&value, "body", || {
            serde_json::from_slice(&bytes).unwrap_or(Value::Null)
        })?;
        Ok(Valid(Json(value)))
    }
}

impl<S, T> FromRequestParts<S> for Valid<Query<T>>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
    T::Context: Default,
{
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(value) = Query::<T>::from_request_parts(parts, state).await?;
        let query = parts.uri.query().unwrap_or_default().to_owned();
        check(&value, "query", || {
            pairs_as_object(form_urlencoded::parse(query.as_bytes()))
        })?;
        Ok(Valid(Query(value)))
    }
}

impl<S, T> FromRequest<S> for Valid<Form<T>>
where
    S: Send + Sync,
    T: DeserializeOwned + Validate,
    T::Context: Default,
{
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let fields = super::form_fields(req, state).await?;
        let value: T = super::form::from_fields(&fields)?;
        check(&value, "body", || super::form::received(&fields))?;
        Ok(Valid(Form(value)))
    }
}

impl<S, T> FromRequestParts<S> for Valid<Path<T>>
where
    S: Send + Sync,
    T: DeserializeOwned + Send + Validate,
    T::Context: Default,
{
    type Rejection = RequestError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Path(value) = Path::<T>::from_request_parts(parts, state).await?;
        let params = super::path_params(parts, state).await;
        let single = match params.as_slice() {
            [(name, _)] => Some(name.clone()),
            _ => None,
        };
        let inputs = || {
            pairs_as_object(
                params
                    .iter()
                    .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v.as_str()))),
            )
        };
        // A single value validated as itself has an empty garde path: name it.
        check(&value, "path", inputs).map_err(|mut e| {
            if let Some(name) = &single {
                for d in &mut e.detail {
                    if d.loc.len() == 1 {
                        d.loc.push(Loc::Key(name.clone()));
                        if let Value::Object(m) = &inputs() {
                            d.input = m.get(name).cloned().unwrap_or(Value::Null);
                        }
                    }
                }
            }
            e
        })?;
        Ok(Valid(Path(value)))
    }
}

/// Query or path pairs as a JSON object (the first value of a repeated name), to echo
/// the input of an error.
fn pairs_as_object<'a>(pairs: impl Iterator<Item = (Cow<'a, str>, Cow<'a, str>)>) -> Value {
    let mut m = Map::new();
    for (k, v) in pairs {
        m.entry(k.into_owned())
            .or_insert_with(|| Value::from(v.into_owned()));
    }
    Value::Object(m)
}

/// `value`'s constraints, checked with garde's messages replaced by coded ones, then read
/// as Pydantic's errors at `root`; `inputs` gives the request's values (only on failure).
fn check<T>(value: &T, root: &str, inputs: impl FnOnce() -> Value) -> Result<(), RequestError>
where
    T: Validate + DeserializeOwned,
    T::Context: Default,
{
    let Err(report) = garde::with_i18n(Coded, || value.validate()) else {
        return Ok(());
    };
    let inputs = inputs();
    let read = wire::Input::read::<T>(&inputs);
    let errors: Vec<(Vec<Step>, &garde::Error)> = report
        .iter()
        .map(|(path, error)| (steps(path), error))
        .collect();
    // Where the client sent each (serde's names): by name first, then, for a field renamed
    // to a name no rule makes, by the rule among the keys no other error took; else
    // garde's names (#18).
    let named: Vec<Option<Vec<Loc>>> = errors
        .iter()
        .map(|(steps, _)| wire::by_name(&read, steps))
        .collect();
    let claimed: std::collections::HashSet<Vec<Loc>> = named.iter().flatten().cloned().collect();
    let detail = errors
        .iter()
        .zip(named)
        .map(|((steps, error), named)| {
            let at = named
                .or_else(|| wire::by_rule(&read, steps, broken(error.message()), &claimed))
                .unwrap_or_else(|| {
                    steps
                        .iter()
                        .map(|s| match s {
                            Step::Key(k) => Loc::Key(k.clone()),
                            Step::Index(i) => Loc::Index(*i),
                        })
                        .collect()
                });
            let mut loc = vec![Loc::from(root)];
            loc.extend(at);
            let input = value_at(&inputs, &loc).clone();
            pydantic(error.message(), loc, input)
        })
        .collect();
    Err(RequestError::from_details(detail))
}

/// garde's path, outermost step first.
fn steps(path: &garde::error::Path) -> Vec<Step> {
    path.__iter()
        .rev()
        .filter_map(|(kind, component)| match kind {
            garde::error::Kind::Index => Some(match component.parse::<usize>() {
                Ok(i) => Step::Index(i),
                Err(_) => Step::Key(component.to_string()),
            }),
            garde::error::Kind::Key => Some(Step::Key(component.to_string())),
            garde::error::Kind::None => None,
        })
        .collect()
}

/// The rule a [`Coded`] message (or a custom rule's own) says was broken, as far as
/// [`wire::by_rule`] can check an input against it.
fn broken(message: &str) -> Broken {
    let Some((rule, arg)) = message.strip_prefix(MARK).and_then(|m| m.split_once(MARK)) else {
        return Broken::Any;
    };
    let count = || arg.parse::<usize>().ok();
    let number = || arg.parse::<f64>().ok();
    match rule {
        "length_lower_than" => count().map_or(Broken::Any, Broken::TooShort),
        "length_greater_than" => count().map_or(Broken::Any, Broken::TooLong),
        "range_lower_than" => number().map_or(Broken::Any, Broken::Below),
        "range_greater_than" => number().map_or(Broken::Any, Broken::Above),
        "pattern_no_match"
        | "email_invalid"
        | "url_invalid"
        | "contains_missing"
        | "prefix_missing"
        | "suffix_missing"
        | "phone_number_invalid"
        | "ip_invalid"
        | "credit_card_invalid"
        | "ascii_invalid"
        | "alphanumeric_invalid" => Broken::Text,
        _ => Broken::Any,
    }
}

/// A marker no human message starts with: what [`Coded`] writes before a rule's name.
const MARK: char = '\u{0}';

/// garde's messages as `\0rule\0argument`, so the rule and its bound can be read back.
struct Coded;

fn code(rule: &str, arg: impl Display) -> Cow<'static, str> {
    Cow::Owned(format!("{MARK}{rule}{MARK}{arg}"))
}

impl I18n for Coded {
    fn length_lower_than(&self, min: usize) -> Cow<'static, str> {
        code("length_lower_than", min)
    }
    fn length_greater_than(&self, max: usize) -> Cow<'static, str> {
        code("length_greater_than", max)
    }
    fn range_lower_than(&self, min: &dyn Display) -> Cow<'static, str> {
        code("range_lower_than", min)
    }
    fn range_greater_than(&self, max: &dyn Display) -> Cow<'static, str> {
        code("range_greater_than", max)
    }
    fn credit_card_invalid(&self, reason: InvalidCreditCard) -> Cow<'static, str> {
        code("credit_card_invalid", reason)
    }
    fn pattern_no_match(&self, pattern: &dyn Display) -> Cow<'static, str> {
        code("pattern_no_match", pattern)
    }
    fn contains_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        code("contains_missing", pattern)
    }
    fn url_invalid(&self, reason: InvalidUrl) -> Cow<'static, str> {
        code("url_invalid", reason)
    }
    fn prefix_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        code("prefix_missing", pattern)
    }
    fn suffix_missing(&self, pattern: &dyn Display) -> Cow<'static, str> {
        code("suffix_missing", pattern)
    }
    fn phone_number_invalid(&self, reason: InvalidPhoneNumber) -> Cow<'static, str> {
        code("phone_number_invalid", reason)
    }
    fn ip_invalid(&self, kind: IpKind) -> Cow<'static, str> {
        code("ip_invalid", kind)
    }
    fn matches_field_mismatch(&self, field: &dyn Display) -> Cow<'static, str> {
        code("matches_field_mismatch", field)
    }
    fn email_invalid(&self, reason: InvalidEmail) -> Cow<'static, str> {
        code("email_invalid", reason)
    }
    fn ascii_invalid(&self) -> Cow<'static, str> {
        code("ascii_invalid", "")
    }
    fn alphanumeric_invalid(&self) -> Cow<'static, str> {
        code("alphanumeric_invalid", "")
    }
    fn required_not_set(&self) -> Cow<'static, str> {
        code("required_not_set", "")
    }
}

/// A bound as JSON: a number when it reads as one, else its text.
fn bound(arg: &str) -> Value {
    if let Ok(i) = arg.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = arg.parse::<u64>() {
        return Value::from(u);
    }
    match arg.parse::<f64>() {
        Ok(f) if f.is_finite() => Value::from(f),
        _ => Value::from(arg),
    }
}

/// One garde error (a [`Coded`] message, or a custom rule's own) as Pydantic's.
fn pydantic(message: &str, loc: Vec<Loc>, input: Value) -> ErrorDetail {
    let Some((rule, arg)) = message.strip_prefix(MARK).and_then(|m| m.split_once(MARK)) else {
        let mut d = ErrorDetail::new("value_error", loc, format!("Value error, {message}"));
        d.input = input;
        d.ctx = Some(one("error", Value::from(message)));
        return d;
    };
    // A collection's kind (Pydantic's `field_type`) and length; `None` for a string.
    let collection = match &input {
        Value::Array(a) => Some(("List", a.len())),
        Value::Object(m) => Some(("Dictionary", m.len())),
        _ => None,
    };
    let (kind, msg, ctx) = match (rule, collection) {
        ("length_lower_than", None) => (
            "string_too_short",
            format!("String should have at least {arg} character{}", plural(arg)),
            json!({ "min_length": bound(arg) }),
        ),
        ("length_lower_than", Some((field_type, n))) => (
            "too_short",
            format!(
                "{field_type} should have at least {arg} item{} after validation, not {n}",
                plural(arg)
            ),
            json!({ "field_type": field_type, "min_length": bound(arg), "actual_length": n }),
        ),
        ("length_greater_than", None) => (
            "string_too_long",
            format!("String should have at most {arg} character{}", plural(arg)),
            json!({ "max_length": bound(arg) }),
        ),
        ("length_greater_than", Some((field_type, n))) => (
            "too_long",
            format!(
                "{field_type} should have at most {arg} item{} after validation, not {n}",
                plural(arg)
            ),
            json!({ "field_type": field_type, "max_length": bound(arg), "actual_length": n }),
        ),
        ("range_lower_than", _) => (
            "greater_than_equal",
            format!("Input should be greater than or equal to {arg}"),
            json!({ "ge": bound(arg) }),
        ),
        ("range_greater_than", _) => (
            "less_than_equal",
            format!("Input should be less than or equal to {arg}"),
            json!({ "le": bound(arg) }),
        ),
        ("pattern_no_match", _) => (
            "string_pattern_mismatch",
            format!("String should match pattern '{arg}'"),
            json!({ "pattern": arg }),
        ),
        ("email_invalid", _) => {
            // email-validator's reason, as Pydantic's `EmailStr` gives it, where the input
            // shows it; else garde's.
            let reason = input
                .as_str()
                .and_then(super::email::reason)
                .unwrap_or_else(|| arg.to_owned());
            (
                "value_error",
                format!("value is not a valid email address: {reason}"),
                json!({ "reason": reason }),
            )
        }
        ("url_invalid", _) => (
            "url_parsing",
            format!("Input should be a valid URL, {arg}"),
            json!({ "error": arg }),
        ),
        (rule, _) => {
            let text = human(rule, arg);
            (
                "value_error",
                format!("Value error, {text}"),
                json!({ "error": text }),
            )
        }
    };
    let mut d = ErrorDetail::new(kind, loc, msg);
    d.input = input;
    if let Value::Object(ctx) = ctx {
        d.ctx = Some(ctx);
    }
    d
}

/// Pydantic's `{expected_plural}`: no `s` after a count of exactly 1.
fn plural(count: &str) -> &'static str {
    if count == "1" { "" } else { "s" }
}

/// garde's own English for the rules Pydantic has no type of.
fn human(rule: &str, arg: &str) -> String {
    match rule {
        "credit_card_invalid" => format!("not a valid credit card number: {arg}"),
        "contains_missing" => format!("does not contain \"{arg}\""),
        "prefix_missing" => format!("value does not begin with \"{arg}\""),
        "suffix_missing" => format!("does not end with \"{arg}\""),
        "phone_number_invalid" => format!("not a valid phone number: {arg}"),
        "ip_invalid" => format!("not a valid {arg} address"),
        "matches_field_mismatch" => format!("does not match {arg} field"),
        "ascii_invalid" => "not ascii".to_owned(),
        "alphanumeric_invalid" => "not alphanumeric".to_owned(),
        "required_not_set" => "not set".to_owned(),
        other => other.to_owned(),
    }
}

fn one(key: &str, value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(key.to_owned(), value);
    m
}

/// The document of a validated extractor: the extractor's own (its parameters or body,
/// and the 422 it already lists, whose body is the same [`RequestError`]).
mod docs {
    use crate::openapi::{ApiInput, DocContext, OperationDoc};

    use super::Valid;

    impl<E: ApiInput> ApiInput for Valid<E> {
        fn document(cx: &mut DocContext, op: &mut OperationDoc) {
            E::document(cx, op);
        }
    }
}
