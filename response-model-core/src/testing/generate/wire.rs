//! Values as they go on the wire (text in a path, a query, a header, a cookie, a form) and
//! back: the value a server reads from that text, as the schema types it.

use serde_json::{Map, Value};

use super::schema::{Charset, Schemas};

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Location {
    /// A segment of the path, percent-encoded.
    Path,
    /// The query string, form-urlencoded.
    Query,
    /// A header.
    Header,
    /// A `Cookie` header's pair.
    Cookie,
}

impl Location {
    /// The `in` of a Parameter Object.
    pub(super) fn parse(text: &str) -> Option<Self> {
        match text {
            "path" => Some(Self::Path),
            "query" => Some(Self::Query),
            "header" => Some(Self::Header),
            "cookie" => Some(Self::Cookie),
            _ => None,
        }
    }

    /// As the document names it.
    pub(super) fn name(self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Header => "header",
            Self::Cookie => "cookie",
        }
    }

    /// The characters a generated string may have here.
    pub(super) fn charset(self) -> Charset {
        match self {
            Self::Path | Self::Query => Charset::Text,
            Self::Header => Charset::Header,
            Self::Cookie => Charset::Cookie,
        }
    }
}

/// A scalar's text: a string as itself, a number or boolean as JSON writes it, anything
/// else as JSON.
pub(super) fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// `value`'s texts at `location` (OpenAPI's default styles, as FastAPI reads them): an
/// array is one repeated key per item in a query (`form`, exploded) and its items joined
/// by commas elsewhere (`simple`); `null` is no text at all (the parameter is left out).
pub(super) fn texts(location: Location, value: &Value) -> Vec<String> {
    match value {
        Value::Null => Vec::new(),
        Value::Array(items) if location == Location::Query => {
            items.iter().map(scalar_text).collect()
        }
        Value::Array(items) => vec![items.iter().map(scalar_text).collect::<Vec<_>>().join(",")],
        other => vec![scalar_text(other)],
    }
}

/// The value a server reads from a parameter's `texts` at `location`, typed as
/// `schema` says; `None` when there is none.
pub(super) fn read(
    schemas: &Schemas,
    schema: &Value,
    location: Location,
    texts: &[String],
) -> Option<Value> {
    let first = texts.first()?;
    let types = schemas.types(schema);
    if types.iter().any(|t| t == "array") {
        let items = schemas
            .deref(schema)
            .get("items")
            .cloned()
            .unwrap_or(Value::Bool(true));
        let item_types = schemas.types(&items);
        let parts: Vec<&str> = match location {
            Location::Query => texts.iter().map(String::as_str).collect(),
            _ if first.is_empty() => Vec::new(),
            _ => first.split(',').collect(),
        };
        return Some(Value::Array(
            parts.into_iter().map(|t| coerce(&item_types, t)).collect(),
        ));
    }
    Some(coerce(&types, first))
}

/// `text` as the JSON value of the first of `types` it reads as; the string otherwise.
pub(super) fn coerce(types: &[String], text: &str) -> Value {
    for ty in types {
        match ty.as_str() {
            "integer" | "number" => {
                // As a JSON number (no `+`, no leading zeros, no `NaN`).
                if let Ok(n @ Value::Number(_)) = serde_json::from_str::<Value>(text)
                    && (ty == "number" || n.is_i64() || n.is_u64())
                {
                    return n;
                }
            }
            "boolean" => match text {
                "true" => return Value::Bool(true),
                "false" => return Value::Bool(false),
                _ => {}
            },
            "object" | "array" => {
                if let Ok(v @ (Value::Object(_) | Value::Array(_))) =
                    serde_json::from_str::<Value>(text)
                {
                    return v;
                }
            }
            _ => {}
        }
    }
    Value::String(text.to_owned())
}

/// A form's fields (URL-encoded or multipart) from an object: each property's texts, in
/// order (an array a repeated field, `null` left out).
pub(super) fn form_fields(value: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, v) in value.as_object().into_iter().flatten() {
        for text in texts(Location::Query, v) {
            out.push((name.clone(), text));
        }
    }
    out
}

/// The object a server reads from a form's `fields`, typed as `schema`'s properties say.
pub(super) fn read_form(schemas: &Schemas, schema: &Value, fields: &[(String, String)]) -> Value {
    let resolved = schemas.deref(schema);
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in fields {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    let mut out = Map::new();
    for name in names {
        let texts: Vec<String> = fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .collect();
        let value = match resolved["properties"].get(name) {
            Some(sub) => read(schemas, sub, Location::Query, &texts),
            None if texts.len() == 1 => texts.into_iter().next().map(Value::String),
            None => Some(Value::Array(texts.into_iter().map(Value::String).collect())),
        };
        if let Some(v) = value {
            out.insert(name.to_owned(), v);
        }
    }
    Value::Object(out)
}
