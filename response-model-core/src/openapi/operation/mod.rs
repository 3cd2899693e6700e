//! What one operation says: parameters, request body, responses.

mod media;
mod parameter;
mod response;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::schema::Components;
use crate::security::SecurityScheme;
pub use media::MediaDoc;
pub use parameter::{ParamLocation, ParameterDoc};
pub use response::{HeaderDoc, ResponseDoc, Responses, StatusKey};

/// A request body: its media types and whether it is required.
#[derive(Clone, Debug, PartialEq)]
struct RequestBodyDoc {
    required: bool,
    content: BTreeMap<String, MediaDoc>,
    /// Its schemas become the component `Body_{operation_id}` (FastAPI's name for a body
    /// made of several form fields, as the OAuth2 login form's).
    named_after_operation: bool,
}

/// What an operation says. Built by the handler's types ([`ApiHandler`](super::ApiHandler)),
/// then completed by the route's builder (summary, description, tags, operation id).
///
/// ```
/// use response_model::openapi::{DocContext, OperationDoc, ApiResponse};
/// let mut cx = DocContext::new("/");
/// let mut op = OperationDoc::new();
/// op.responses_mut().merge(<String as ApiResponse>::responses(&mut cx));
/// assert!(op.responses().get(http::StatusCode::OK).is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OperationDoc {
    pub(crate) summary: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) tags: Vec<String>,
    pub(crate) operation_id: Option<String>,
    pub(crate) deprecated: bool,
    parameters: Vec<ParameterDoc>,
    request_body: Option<RequestBodyDoc>,
    responses: Responses,
    /// The security requirement: alternatives (any one suffices), each a set of schemes
    /// that are all needed, with their scopes. Empty: none stated.
    security: Vec<Alternative>,
    /// Inside [`with_optional_security`](Self::with_optional_security): the inputs being
    /// documented are an `Option<_>`'s.
    optional_inputs: bool,
    /// Stated public (`security: []`) by the route's builder.
    pub(crate) public: bool,
}

/// One alternative of a security requirement: every scheme in it is needed.
pub(crate) type Alternative = Vec<(SecurityScheme, Vec<&'static str>)>;

/// `a` and `b` both needed: every alternative of one joined with every one of the other.
fn both(a: Vec<Alternative>, b: Vec<Alternative>) -> Vec<Alternative> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out: Vec<Alternative> = Vec::new();
    for x in &a {
        for y in &b {
            let mut alt = x.clone();
            for (scheme, scopes) in y {
                add_to(&mut alt, *scheme, scopes);
            }
            if !out.contains(&alt) {
                out.push(alt);
            }
        }
    }
    out
}

/// `scheme` (with `scopes`) needed in `alt`; the scopes of one scheme named twice add up.
fn add_to(alt: &mut Alternative, scheme: SecurityScheme, scopes: &[&'static str]) {
    match alt.iter_mut().find(|(s, _)| s.name() == scheme.name()) {
        Some((_, have)) => {
            for s in scopes {
                if !have.contains(s) {
                    have.push(s);
                }
            }
        }
        None => alt.push((scheme, scopes.to_vec())),
    }
}

impl OperationDoc {
    /// An empty operation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the summary. The route builder's [`summary`](crate::routing::ApiMethodRouter::summary)
    /// still wins; this one wins over the default made from the handler's name.
    /// `#[handler]` sets it from the doc comment's first paragraph.
    pub fn set_summary(&mut self, summary: impl Into<String>) {
        self.summary = Some(summary.into());
    }

    /// The summary, if one is set.
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// Sets the description (CommonMark). The route builder's
    /// [`description`](crate::routing::ApiMethodRouter::description) still wins. `#[handler]` sets
    /// it from the doc comment's paragraphs after the first.
    pub fn set_description(&mut self, description: impl Into<String>) {
        self.description = Some(description.into());
    }

    /// The description, if one is set.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// Adds a parameter; one with the same name and location replaces it.
    pub fn add_parameter(&mut self, param: ParameterDoc) {
        self.parameters
            .retain(|p| !(p.name == param.name && p.location == param.location));
        self.parameters.push(param);
    }

    /// The parameters documented so far.
    pub fn parameters(&self) -> &[ParameterDoc] {
        &self.parameters
    }

    /// Adds a request body of `media_type`.
    ///
    /// ```
    /// # use response_model::openapi::{DocContext, MediaDoc, OperationDoc};
    /// let mut cx = DocContext::new("/");
    /// let mut op = OperationDoc::new();
    /// op.add_request_body("application/json", MediaDoc::schema(cx.register_input::<Vec<i32>>()), true);
    /// assert!(op.has_request_body());
    /// ```
    pub fn add_request_body(&mut self, media_type: &str, media: MediaDoc, required: bool) {
        let body = self.request_body.get_or_insert_with(|| RequestBodyDoc {
            required,
            content: BTreeMap::new(),
            named_after_operation: false,
        });
        body.required &= required;
        match body.content.get_mut(media_type) {
            Some(m) => m.merge(media),
            None => {
                body.content.insert(media_type.to_owned(), media);
            }
        }
    }

    /// Moves the parameters and request body of `other` into this operation, leaving its
    /// responses: what an extractor whose rejection the handler handles documents.
    pub(crate) fn add_inputs_of(&mut self, other: OperationDoc) {
        for p in other.parameters {
            self.add_parameter(p);
        }
        if let Some(body) = other.request_body {
            for (mt, media) in body.content {
                self.add_request_body(&mt, media, body.required);
            }
        }
    }

    /// Names the request body's schema after the operation, `Body_{operation_id}`, as
    /// FastAPI names a body of several form fields; its schema must be inline (no `$ref`
    /// at the top).
    pub(crate) fn name_body_after_operation(&mut self) {
        if let Some(b) = &mut self.request_body {
            b.named_after_operation = true;
        }
    }

    /// Moves a body named after the operation into `schemas`, as `Body_{operation_id}`,
    /// and refers to it there. Nothing without an operation id (the schema stays inline).
    pub(crate) fn lift_body_named_after_operation(
        &mut self,
        components: &super::schema::Components,
        schemas: &mut BTreeMap<String, Value>,
    ) {
        let (Some(id), Some(body)) = (&self.operation_id, &mut self.request_body) else {
            return;
        };
        if !body.named_after_operation {
            return;
        }
        // A component's name is `[a-zA-Z0-9._-]+`; an id may hold more (a rule's choice).
        let id: String = id
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        let name = format!("Body_{id}");
        for media in body.content.values_mut() {
            if let Some(schema) = media.schema_mut() {
                let mut value = components.render(schema);
                if let Some(obj) = value.as_object_mut() {
                    obj.insert("title".into(), Value::from(name.clone()));
                }
                schemas.insert(name.clone(), value);
                *schema = super::schema::SchemaDoc::plain(serde_json::json!({
                    "$ref": format!("#/components/schemas/{name}")
                }));
            }
        }
    }

    /// Makes the request body optional (an `Option<Json<T>>` extractor).
    pub(crate) fn request_body_optional(&mut self) {
        if let Some(b) = &mut self.request_body {
            b.required = false;
        }
    }

    /// Requires `scheme` with `scopes` (OAuth2 scopes; empty for other schemes) on top of
    /// whatever is already required: what an [`ApiSecurity`](crate::security::ApiSecurity)
    /// extractor documents.
    ///
    /// ```
    /// use response_model::openapi::OperationDoc;
    /// use response_model::security::SecurityScheme;
    ///
    /// let mut op = OperationDoc::new();
    /// op.require_security(SecurityScheme::http_bearer(), &[]);
    /// op.require_security(SecurityScheme::api_key(response_model::security::ApiKeyLocation::Header, "x-tenant"), &[]);
    /// assert_eq!(op.security_value(), Some(serde_json::json!([{"HTTPBearer": [], "APIKeyHeader": []}])));
    /// ```
    pub fn require_security(&mut self, scheme: SecurityScheme, scopes: &[&'static str]) {
        let req = vec![vec![(scheme, scopes.to_vec())]];
        self.security = both(std::mem::take(&mut self.security), req);
    }

    /// Documents `inputs` (an optional extractor's) with their security made optional: the
    /// requirement they add becomes "it, or anonymous" (`{}`), as FastAPI documents a
    /// dependency with `auto_error=False`.
    pub(crate) fn with_optional_security(&mut self, inputs: impl FnOnce(&mut Self)) {
        let before = std::mem::take(&mut self.security);
        let outer = std::mem::replace(&mut self.optional_inputs, true);
        inputs(self);
        self.optional_inputs = outer;
        let mut added = std::mem::take(&mut self.security);
        if !added.is_empty() {
            added.push(Vec::new());
        }
        self.security = both(before, added);
    }

    /// Whether the inputs being documented are an `Option<_>`'s.
    pub(crate) fn documents_optional_inputs(&self) -> bool {
        self.optional_inputs
    }

    /// Whether some alternative of the requirement needs no credential (`{}`): the
    /// operation lets anonymous callers in.
    pub(crate) fn allows_anonymous(&self) -> bool {
        self.security.is_empty() || self.security.iter().any(Vec::is_empty)
    }

    /// The schemes the requirement names, each once.
    pub(crate) fn security_schemes(&self) -> impl Iterator<Item = SecurityScheme> + '_ {
        self.security.iter().flatten().map(|(s, _)| *s)
    }

    /// The operation's `security` as the document writes it, if it states one.
    pub fn security_value(&self) -> Option<Value> {
        if self.security.is_empty() {
            return self.public.then(|| Value::Array(Vec::new()));
        }
        let alts = self
            .security
            .iter()
            .map(|alt| {
                let m: Map<String, Value> = alt
                    .iter()
                    .map(|(s, scopes)| {
                        let scopes = scopes.iter().map(|s| Value::from(*s)).collect();
                        (s.name().to_owned(), Value::Array(scopes))
                    })
                    .collect();
                Value::Object(m)
            })
            .collect();
        Some(Value::Array(alts))
    }

    /// Whether a request body is documented.
    pub fn has_request_body(&self) -> bool {
        self.request_body.is_some()
    }

    /// The responses.
    pub fn responses(&self) -> &Responses {
        &self.responses
    }

    /// The responses, to add to.
    pub fn responses_mut(&mut self) -> &mut Responses {
        &mut self.responses
    }

    pub(crate) fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        if !self.tags.is_empty() {
            m.insert(
                "tags".into(),
                Value::Array(self.tags.iter().map(|t| Value::from(t.as_str())).collect()),
            );
        }
        if let Some(s) = &self.summary {
            m.insert("summary".into(), Value::from(s.as_str()));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), Value::from(d.as_str()));
        }
        if let Some(id) = &self.operation_id {
            m.insert("operationId".into(), Value::from(id.as_str()));
        }
        if self.deprecated {
            m.insert("deprecated".into(), Value::Bool(true));
        }
        if !self.parameters.is_empty() {
            let mut params: Vec<&ParameterDoc> = self.parameters.iter().collect();
            // Path parameters first, in path order; then the rest by location, each in the
            // order they were documented (a struct's field order, as FastAPI lists them,
            // with the `preserve-order` feature). The sort is stable.
            let order = super::schema::path_params(cx.path);
            params.sort_by_key(|p| {
                let pos = order
                    .iter()
                    .position(|n| *n == p.name)
                    .unwrap_or(usize::MAX);
                (p.location, pos)
            });
            m.insert(
                "parameters".into(),
                Value::Array(params.iter().map(|p| p.render(cx)).collect()),
            );
        }
        if let Some(body) = &self.request_body {
            let c: Map<String, Value> = body
                .content
                .iter()
                .map(|(k, v)| (k.clone(), v.render(cx)))
                .collect();
            let mut b = Map::new();
            b.insert("content".into(), Value::Object(c));
            if body.required {
                b.insert("required".into(), Value::Bool(true));
            }
            m.insert("requestBody".into(), Value::Object(b));
        }
        m.insert("responses".into(), self.responses.render(cx));
        if let Some(security) = self.security_value() {
            m.insert("security".into(), security);
        }
        Value::Object(m)
    }
}

/// What rendering needs: final component names, the target version and the route.
pub(crate) struct RenderCx<'a> {
    pub(crate) components: &'a Components,
    pub(crate) version: super::OpenApiVersion,
    pub(crate) path: &'a str,
}
