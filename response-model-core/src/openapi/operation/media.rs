//! [`MediaDoc`]: the body of one media type, of a response or of a request.

use serde_json::{Map, Value, json};

use super::RenderCx;
use crate::openapi::schema::SchemaDoc;

/// A media type of a response or request body: its schema, and for streams of items
/// (`text/event-stream`, JSON Lines) the schema of one item.
///
/// ```
/// use response_model::openapi::{SchemaDoc, MediaDoc};
/// let item = SchemaDoc::plain(serde_json::json!({"type": "integer"}));
/// let media = MediaDoc::stream(item);
/// assert!(media.item_schema().is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MediaDoc {
    schema: Option<SchemaDoc>,
    item_schema: Option<SchemaDoc>,
    example: Option<Value>,
}

impl MediaDoc {
    /// A body described by `schema`.
    pub fn schema(schema: SchemaDoc) -> Self {
        Self {
            schema: Some(schema),
            item_schema: None,
            example: None,
        }
    }

    /// The same body with an example value (the Media Type Object's `example`).
    pub fn with_example(mut self, example: Value) -> Self {
        self.example = Some(example);
        self
    }

    /// A body of bytes of `media_type` (a file, an image, an octet stream): a string of that
    /// content type, `{"type": "string", "contentMediaType": ..}`, which 3.0 writes as
    /// `format: binary`. Client generators then type it as bytes, where a body with no
    /// schema would be dropped. `*/*` (chosen at run time) is `application/octet-stream`.
    pub fn binary(media_type: &str) -> Self {
        let media_type = if media_type.contains('*') {
            mime::APPLICATION_OCTET_STREAM.as_ref()
        } else {
            media_type
        };
        Self::schema(SchemaDoc::plain(
            json!({"type": "string", "contentMediaType": media_type}),
        ))
    }

    /// A text body: `{"type": "string"}`.
    pub fn text() -> Self {
        Self::schema(SchemaDoc::plain(json!({"type": "string"})))
    }

    /// A stream whose items each match `item`. The document writes it as OpenAPI 3.2's
    /// `itemSchema`, or, in a 3.1 document, as a `string` body with the item schema under
    /// the `x-itemSchema` extension (see [`OpenApiVersion`](crate::routing::OpenApiVersion)).
    pub fn stream(item: SchemaDoc) -> Self {
        Self {
            schema: None,
            item_schema: Some(item),
            example: None,
        }
    }

    /// The schema of the whole body, if any.
    pub fn body_schema(&self) -> Option<&SchemaDoc> {
        self.schema.as_ref()
    }

    pub(crate) fn schema_mut(&mut self) -> Option<&mut SchemaDoc> {
        self.schema.as_mut()
    }

    /// The schema of one item of a stream, if this is one.
    pub fn item_schema(&self) -> Option<&SchemaDoc> {
        self.item_schema.as_ref()
    }

    pub(super) fn merge(&mut self, other: MediaDoc) {
        fn union(a: &mut Option<SchemaDoc>, b: Option<SchemaDoc>) {
            match (a.as_mut(), b) {
                (_, None) => {}
                (None, b) => *a = b,
                (Some(x), Some(y)) if *x == y => {}
                (Some(x), Some(y)) => {
                    let mut alts = match x.value.get("anyOf") {
                        Some(Value::Array(v))
                            if x.value.as_object().is_some_and(|o| o.len() == 1) =>
                        {
                            v.clone()
                        }
                        _ => vec![x.value.clone()],
                    };
                    if !alts.contains(&y.value) {
                        alts.push(y.value);
                    }
                    x.value = json!({ "anyOf": alts });
                }
            }
        }
        union(&mut self.schema, other.schema);
        union(&mut self.item_schema, other.item_schema);
        if self.example.is_none() {
            self.example = other.example;
        }
    }

    pub(super) fn render(&self, cx: &RenderCx<'_>) -> Value {
        let mut m = Map::new();
        if let Some(s) = &self.schema {
            m.insert("schema".into(), cx.components.render(s));
        }
        if let Some(example) = &self.example {
            m.insert("example".into(), example.clone());
        }
        if let Some(item) = &self.item_schema {
            let item = cx.components.render(item);
            match cx.version {
                crate::openapi::OpenApiVersion::V3_2 => {
                    m.insert("itemSchema".into(), item);
                }
                // 3.0 is rendered as 3.1, then converted.
                crate::openapi::OpenApiVersion::V3_0 | crate::openapi::OpenApiVersion::V3_1 => {
                    m.entry("schema")
                        .or_insert_with(|| json!({"type": "string"}));
                    m.insert("x-itemSchema".into(), item);
                }
            }
        }
        Value::Object(m)
    }
}
