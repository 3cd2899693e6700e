//! FastAPI's `OAuth2PasswordRequestForm`: the login form of the OAuth2 password flow.

use axum::extract::{FromRequest, Request};
use schemars::JsonSchema;
use serde_json::{Value, json};

use crate::extract::{ErrorDetail, RequestError};
use crate::openapi::{ApiInput, DocContext, OperationDoc};

/// What `grant_type` must be when it is sent (FastAPI's `Form(pattern="^password$")`).
const GRANT_TYPE_PATTERN: &str = "^password$";

/// The login form of the OAuth2 password flow, as FastAPI's `OAuth2PasswordRequestForm`:
/// an `application/x-www-form-urlencoded` body with `username` and `password`
/// (required), `grant_type` (optional, `password` when sent), `scope` (several scopes
/// separated by spaces, `""` by default), `client_id` and `client_secret` (optional).
///
/// Read as [`Form`](crate::extract::Form) reads a form, with FastAPI's answers: a missing
/// or empty `username` or `password` is Pydantic's 422 `missing` at
/// `["body", "username"]`, a `grant_type` other than `password` is
/// `string_pattern_mismatch` with `ctx: {"pattern": "^password$"}`, every problem of the
/// form at once, in the order of the fields; a request without a form `Content-Type`
/// has no fields. Documented as a required `application/x-www-form-urlencoded` body
/// whose schema is the component `Body_{operation_id}`, as FastAPI names it (`password`
/// and `client_secret` with `format: password`), and the 422.
///
/// `Debug` never prints the password or the client secret.
///
/// ```
/// use response_model::security::OAuth2PasswordRequestForm;
/// use response_model::routing::{ApiRouter, post};
/// use response_model::Model;
///
/// async fn login(form: OAuth2PasswordRequestForm) -> Model<serde_json::Value> {
///     // Check form.username and form.password here, then issue a token.
///     Model(serde_json::json!({"access_token": form.username, "token_type": "bearer", "scopes": form.scopes()}))
/// }
///
/// let doc = ApiRouter::<()>::new().route("/login/access-token", post(login)).openapi();
/// let body = &doc["paths"]["/login/access-token"]["post"]["requestBody"]["content"];
/// assert_eq!(
///     body["application/x-www-form-urlencoded"]["schema"]["$ref"],
///     "#/components/schemas/Body_login"
/// );
/// let schema = &doc["components"]["schemas"]["Body_login"];
/// assert_eq!(schema["properties"]["password"]["format"], "password");
/// assert_eq!(schema["required"], serde_json::json!(["username", "password"]));
///
/// let form = OAuth2PasswordRequestForm::new("johndoe", "hunter2");
/// assert!(!format!("{form:?}").contains("hunter2"));
/// ```
#[derive(Clone, Default, JsonSchema)]
#[schemars(description = "The login form of the OAuth2 password flow.")]
pub struct OAuth2PasswordRequestForm {
    /// `password` when sent (the OAuth2 specification requires it; this form, as FastAPI's,
    /// lets it out: [`OAuth2PasswordRequestFormStrict`] requires it).
    #[schemars(
        description = "The OAuth2 grant type: `password` when sent.",
        extend("pattern" = GRANT_TYPE_PATTERN)
    )]
    pub grant_type: Option<String>,
    /// The user's name (the OAuth2 specification's exact field name).
    #[schemars(description = "The user's name.")]
    pub username: String,
    /// The user's password.
    #[schemars(extend("format" = "password"))]
    pub password: String,
    /// Scopes separated by spaces (`"items:read items:write"`): see
    /// [`scopes`](Self::scopes).
    #[serde(default)]
    #[schemars(description = "Scopes separated by spaces (`items:read items:write`).")]
    pub scope: String,
    /// The client's id, if sent in the form (the specification prefers HTTP Basic).
    pub client_id: Option<String>,
    /// The client's secret, if sent in the form.
    #[schemars(extend("format" = "password"))]
    pub client_secret: Option<String>,
}

impl OAuth2PasswordRequestForm {
    /// A form with this username and password, and nothing else (for tests and for
    /// calling a handler directly).
    ///
    /// ```
    /// use response_model::security::OAuth2PasswordRequestForm;
    /// let form = OAuth2PasswordRequestForm::new("johndoe", "secret");
    /// assert_eq!(form.username, "johndoe");
    /// assert!(form.scopes().is_empty());
    /// ```
    pub fn new(username: impl Into<String>, password: impl Into<String>) -> Self {
        Self {
            username: username.into(),
            password: password.into(),
            ..Self::default()
        }
    }

    /// The scopes asked for: `scope` split on spaces (FastAPI's `form_data.scopes`).
    ///
    /// ```
    /// use response_model::security::OAuth2PasswordRequestForm;
    /// let mut form = OAuth2PasswordRequestForm::new("johndoe", "secret");
    /// form.scope = "items:read  me".to_owned();
    /// assert_eq!(form.scopes(), ["items:read", "me"]);
    /// ```
    pub fn scopes(&self) -> Vec<&str> {
        self.scope.split_whitespace().collect()
    }

    /// The form read from `fields`, requiring `grant_type` if `strict`; every problem
    /// found, in the order of the fields.
    fn read(fields: &[(String, String)], strict: bool) -> Result<Self, RequestError> {
        // Starlette's form gives a repeated field's last value.
        let get = |name: &str| {
            fields
                .iter()
                .rev()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let mut details = Vec::new();
        let missing = |details: &mut Vec<ErrorDetail>, name: &str| {
            details.push(ErrorDetail::new(
                "missing",
                ["body", name],
                "Field required",
            ));
        };
        let grant_type = get("grant_type");
        match &grant_type {
            Some(g) if g != "password" => {
                let mut d = ErrorDetail::new(
                    "string_pattern_mismatch",
                    ["body", "grant_type"],
                    format!("String should match pattern '{GRANT_TYPE_PATTERN}'"),
                );
                d.input = Value::from(g.as_str());
                if let Value::Object(ctx) = json!({ "pattern": GRANT_TYPE_PATTERN }) {
                    d.ctx = Some(ctx);
                }
                details.push(d);
            }
            None if strict => missing(&mut details, "grant_type"),
            _ => {}
        }
        let username = get("username");
        if username.is_none() {
            missing(&mut details, "username");
        }
        let password = get("password");
        if password.is_none() {
            missing(&mut details, "password");
        }
        match (username, password) {
            (Some(username), Some(password)) if details.is_empty() => Ok(Self {
                grant_type,
                username,
                password,
                scope: get("scope").unwrap_or_default(),
                client_id: get("client_id"),
                client_secret: get("client_secret"),
            }),
            _ => Err(RequestError::from_details(details)),
        }
    }
}

impl std::fmt::Debug for OAuth2PasswordRequestForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuth2PasswordRequestForm")
            .field("grant_type", &self.grant_type)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("scope", &self.scope)
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl<S: Send + Sync> FromRequest<S> for OAuth2PasswordRequestForm {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let fields = crate::extract::form_fields(req, state).await?;
        Self::read(&fields, false)
    }
}

/// A URL-encoded login form, with the 422 its reading can give. Its schema is the
/// component `Body_{operation_id}`, as FastAPI names it (`Body_login-login_access_token`
/// in the full-stack template), so a client generated from either document has the same
/// type name.
impl ApiInput for OAuth2PasswordRequestForm {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        document_login_form::<Self>(cx, op);
    }
}

/// A login form's body, named after its operation.
fn document_login_form<T: JsonSchema>(cx: &mut DocContext, op: &mut OperationDoc) {
    let schema = cx.inline_input::<T>();
    crate::extract::document_form_body(
        cx,
        op,
        mime::APPLICATION_WWW_FORM_URLENCODED.as_ref(),
        schema,
    );
    op.name_body_after_operation();
}

/// [`OAuth2PasswordRequestForm`] with `grant_type` required (FastAPI's
/// `OAuth2PasswordRequestFormStrict`): a form without `grant_type=password` is a 422
/// (`missing`, or `string_pattern_mismatch`). Dereferences to the form.
///
/// ```
/// use response_model::security::OAuth2PasswordRequestFormStrict;
/// use response_model::routing::{ApiRouter, post};
///
/// async fn login(form: OAuth2PasswordRequestFormStrict) -> String {
///     form.username.clone()
/// }
///
/// let doc = ApiRouter::<()>::new().route("/token", post(login)).openapi();
/// let schema = &doc["components"]["schemas"]["Body_login"];
/// assert_eq!(schema["required"], serde_json::json!(["grant_type", "username", "password"]));
/// ```
#[derive(Clone, Debug)]
pub struct OAuth2PasswordRequestFormStrict(pub OAuth2PasswordRequestForm);

/// [`OAuth2PasswordRequestForm`]'s schema with `grant_type` a required string.
impl JsonSchema for OAuth2PasswordRequestFormStrict {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "OAuth2PasswordRequestFormStrict".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = OAuth2PasswordRequestForm::json_schema(generator);
        schema.insert(
            "description".to_owned(),
            json!("The login form of the OAuth2 password flow, `grant_type` required."),
        );
        schema.insert(
            "required".to_owned(),
            json!(["grant_type", "username", "password"]),
        );
        if let Some(Value::Object(properties)) = schema.get_mut("properties") {
            properties.insert(
                "grant_type".to_owned(),
                json!({
                    "description": "Always `password`.",
                    "type": "string",
                    "pattern": GRANT_TYPE_PATTERN,
                }),
            );
        }
        schema
    }
}

impl OAuth2PasswordRequestFormStrict {
    /// The form, owned.
    ///
    /// ```
    /// # use response_model::security::OAuth2PasswordRequestFormStrict;
    /// fn username(form: OAuth2PasswordRequestFormStrict) -> String {
    ///     form.into_inner().username
    /// }
    /// ```
    pub fn into_inner(self) -> OAuth2PasswordRequestForm {
        self.0
    }
}

impl std::ops::Deref for OAuth2PasswordRequestFormStrict {
    type Target = OAuth2PasswordRequestForm;
    fn deref(&self) -> &OAuth2PasswordRequestForm {
        &self.0
    }
}

impl<S: Send + Sync> FromRequest<S> for OAuth2PasswordRequestFormStrict {
    type Rejection = RequestError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let fields = crate::extract::form_fields(req, state).await?;
        OAuth2PasswordRequestForm::read(&fields, true).map(Self)
    }
}

/// A URL-encoded login form with `grant_type` required, with the 422 its reading can give.
impl ApiInput for OAuth2PasswordRequestFormStrict {
    fn document(cx: &mut DocContext, op: &mut OperationDoc) {
        document_login_form::<Self>(cx, op);
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]
    use super::*;

    fn fields(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn problems_in_field_order() {
        let e =
            OAuth2PasswordRequestForm::read(&fields(&[("grant_type", "x")]), false).unwrap_err();
        let got: Vec<&str> = e.detail.iter().map(|d| d.kind.as_str()).collect();
        assert_eq!(got, ["string_pattern_mismatch", "missing", "missing"]);
        let e =
            OAuth2PasswordRequestForm::read(&fields(&[("username", "a"), ("password", "b")]), true)
                .unwrap_err();
        assert_eq!(e.detail[0].loc, ["body", "grant_type"]);
        let f = OAuth2PasswordRequestForm::read(
            &fields(&[("username", "a"), ("password", "b"), ("scope", "x y")]),
            false,
        )
        .unwrap();
        assert_eq!(f.scopes(), ["x", "y"]);
    }
}
