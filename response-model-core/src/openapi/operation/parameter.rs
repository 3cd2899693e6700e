//! [`ParameterDoc`]: one parameter of an operation, and where it is read from.

use serde_json::{Map, Value};

use super::RenderCx;
use crate::openapi::schema::SchemaDoc;

/// Where a parameter is read from.
///
/// ```
/// use response_model::openapi::{ParamLocation, ParameterDoc, SchemaDoc};
/// // A path parameter is always required; the others are optional until `required(true)`.
/// let id = ParameterDoc::new("id", ParamLocation::Path, SchemaDoc::plain(serde_json::json!({})));
/// assert!(id.is_required());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ParamLocation {
    /// A path segment: `/items/{id}`.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

impl ParamLocation {
    fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// One parameter of an operation.
///
/// ```
/// use response_model::openapi::{SchemaDoc, ParamLocation, ParameterDoc};
/// let p = ParameterDoc::new("q", ParamLocation::Query, SchemaDoc::plain(serde_json::json!({"type": "string"})));
/// assert_eq!(p.name(), "q");
/// assert!(!p.is_required());
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterDoc {
    pub(super) name: String,
    pub(super) location: ParamLocation,
    required: bool,
    description: Option<String>,
    schema: SchemaDoc,
}

impl ParameterDoc {
    /// A parameter; path parameters are always required, others optional until
    /// [`required`](Self::required).
    pub fn new(name: impl Into<String>, location: ParamLocation, schema: SchemaDoc) -> Self {
        Self {
            name: name.into(),
            location,
            required: location == ParamLocation::Path,
            description: None,
            schema,
        }
    }

    /// Marks the parameter as required (or not).
    pub fn required(mut self, required: bool) -> Self {
        self.required = required || self.location == ParamLocation::Path;
        self
    }

    /// Sets the description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The parameter's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where it is read from.
    pub fn location(&self) -> ParamLocation {
        self.location
    }

    /// Whether the request must carry it.
    pub fn is_required(&self) -> bool {
        self.required
    }

    pub(super) fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        m.insert("name".into(), Value::from(self.name.as_str()));
        m.insert("in".into(), Value::from(self.location.as_str()));
        if self.required {
            m.insert("required".into(), Value::Bool(true));
        }
        if let Some(d) = &self.description {
            m.insert("description".into(), Value::from(d.as_str()));
        }
        m.insert("schema".into(), cx.components.render(&self.schema));
        Value::Object(m)
    }
}
