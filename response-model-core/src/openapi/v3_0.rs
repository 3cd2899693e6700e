//! The OpenAPI 3.0.3 rendering of a 3.1 document, for the generators that read only 3.0
//! (progenitor, older openapi-generator templates).
//!
//! A real conversion, not a relabel: 3.0's Schema Object is a restricted JSON Schema
//! draft 4 dialect, so every schema is rewritten into it, and fields 3.0 does not have are
//! dropped (the official 3.0 JSON Schema refuses unknown fields):
//!
//! | 3.1 | 3.0.3 |
//! |---|---|
//! | `"type": ["string", "null"]` | `"type": "string", "nullable": true` |
//! | `"anyOf": [{"$ref": ..}, {"type": "null"}]` | `"allOf": [{"$ref": ..}], "nullable": true` |
//! | `"const": x` | `"enum": [x]` |
//! | `"examples": [x, ..]` | `"example": x` |
//! | `"$ref"` with siblings | `"allOf": [{"$ref": ..}]` with the siblings |
//! | `"exclusiveMinimum": n` | `"minimum": n, "exclusiveMinimum": true` |
//! | `"contentMediaType"` (a binary body) | `"format": "binary"` (`"byte"` for base64) |
//! | `"prefixItems"` (a tuple) | `"items"` of any of them, with the tuple's length |
//! | `true` / `false` schemas | `{}` / `{"not": {}}` |
//! | 3.2's `itemSchema` of a stream | the `x-itemSchema` extension |
//!
//! Keywords 3.0 has no equivalent for (`$schema`, `$comment`, `if`/`then`/`else`,
//! `dependentSchemas`, `unevaluatedProperties`, `propertyNames`, `contains`, ...) are left
//! out: the 3.0 document then allows a little more than the 3.1 one, never less.

use serde_json::{Map, Value, json};

/// The fields of a 3.0 Schema Object (besides `x-` extensions).
const SCHEMA_FIELDS: &[&str] = &[
    "title",
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxProperties",
    "minProperties",
    "required",
    "enum",
    "type",
    "not",
    "allOf",
    "oneOf",
    "anyOf",
    "items",
    "properties",
    "additionalProperties",
    "description",
    "format",
    "default",
    "nullable",
    "discriminator",
    "readOnly",
    "writeOnly",
    "example",
    "externalDocs",
    "deprecated",
    "xml",
];

/// `doc` (an OpenAPI 3.1 or 3.2 document of this crate) rendered as OpenAPI 3.0.3.
pub(crate) fn downgrade(mut doc: Value) -> Value {
    let Some(root) = doc.as_object_mut() else {
        return doc;
    };
    root.insert("openapi".into(), Value::from("3.0.3"));
    root.remove("jsonSchemaDialect");
    root.remove("webhooks");
    if let Some(info) = root.get_mut("info").and_then(Value::as_object_mut) {
        info.remove("summary");
        if let Some(license) = info.get_mut("license").and_then(Value::as_object_mut) {
            license.remove("identifier");
        }
    }
    if let Some(paths) = root.get_mut("paths").and_then(Value::as_object_mut) {
        for item in paths.values_mut() {
            path_item(item);
        }
    }
    if let Some(components) = root.get_mut("components").and_then(Value::as_object_mut) {
        components.remove("pathItems");
        if let Some(schemas) = components.get_mut("schemas").and_then(Value::as_object_mut) {
            for s in schemas.values_mut() {
                schema(s);
            }
        }
        for kind in ["responses", "requestBodies", "parameters", "headers"] {
            if let Some(map) = components.get_mut(kind).and_then(Value::as_object_mut) {
                for v in map.values_mut() {
                    match kind {
                        "responses" => response(v),
                        "requestBodies" => content_holder(v),
                        _ => parameter(v),
                    }
                }
            }
        }
    }
    doc
}

fn path_item(item: &mut Value) {
    let Some(item) = item.as_object_mut() else {
        return;
    };
    if let Some(params) = item.get_mut("parameters").and_then(Value::as_array_mut) {
        params.iter_mut().for_each(parameter);
    }
    for (key, op) in item.iter_mut() {
        if key == "parameters" || !op.is_object() {
            continue;
        }
        operation(op);
    }
}

fn operation(op: &mut Value) {
    let Some(op) = op.as_object_mut() else {
        return;
    };
    if let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) {
        params.iter_mut().for_each(parameter);
    }
    if let Some(body) = op.get_mut("requestBody") {
        content_holder(body);
    }
    if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
        responses.values_mut().for_each(response);
    }
}

/// A Parameter or Header Object: a `schema`, or a `content` map.
fn parameter(p: &mut Value) {
    if let Some(s) = p.get_mut("schema") {
        schema(s);
    }
    content_holder(p);
    examples_of(p);
}

fn response(r: &mut Value) {
    content_holder(r);
    if let Some(headers) = r.get_mut("headers").and_then(Value::as_object_mut) {
        headers.values_mut().for_each(parameter);
    }
}

/// An object with a `content` map of Media Type Objects.
fn content_holder(v: &mut Value) {
    let Some(content) = v.get_mut("content").and_then(Value::as_object_mut) else {
        return;
    };
    for media in content.values_mut() {
        let Some(media) = media.as_object_mut() else {
            continue;
        };
        if let Some(mut item) = media.remove("itemSchema") {
            schema(&mut item);
            media.insert("x-itemSchema".into(), item);
        }
        if let Some(s) = media.get_mut("schema") {
            schema(s);
        }
        media.remove("itemEncoding");
        media.remove("prefixEncoding");
    }
}

/// 3.0 names the value of an example `example`; a parameter's `examples` map is kept.
fn examples_of(v: &mut Value) {
    if let Some(obj) = v.as_object_mut()
        && let Some(Value::Array(list)) = obj.get("examples")
    {
        let first = list.first().cloned();
        obj.remove("examples");
        if let Some(first) = first {
            obj.entry("example").or_insert(first);
        }
    }
}

/// Rewrites a JSON Schema (2020-12, as schemars writes it) into a 3.0 Schema Object.
pub(crate) fn schema(s: &mut Value) {
    match s {
        Value::Bool(true) => {
            *s = json!({});
            return;
        }
        Value::Bool(false) => {
            *s = json!({"not": {}});
            return;
        }
        Value::Object(_) => {}
        _ => return,
    }
    let Value::Object(obj) = s else { return };

    for key in ["properties"] {
        if let Some(map) = obj.get_mut(key).and_then(Value::as_object_mut) {
            map.values_mut().for_each(schema);
        }
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(list) = obj.get_mut(key).and_then(Value::as_array_mut) {
            list.iter_mut().for_each(schema);
        }
    }
    for key in ["items", "not", "additionalProperties"] {
        if let Some(sub) = obj.get_mut(key) {
            if key == "additionalProperties" && sub.is_boolean() {
                continue;
            }
            schema(sub);
        }
    }
    tuple(obj);
    nullable_type(obj);
    nullable_any_of(obj);
    if let Some(value) = obj.remove("const") {
        obj.insert("enum".into(), Value::Array(vec![value]));
    }
    if let Some(Value::Array(list)) = obj.remove("examples")
        && let Some(first) = list.into_iter().next()
    {
        obj.entry("example").or_insert(first);
    }
    exclusive_bound(obj, "exclusiveMinimum", "minimum");
    exclusive_bound(obj, "exclusiveMaximum", "maximum");
    // The media type itself stays on the Media Type Object.
    if obj.remove("contentMediaType").is_some() {
        let encoding = obj.remove("contentEncoding");
        obj.entry("type").or_insert(Value::from("string"));
        let format = match encoding.as_ref().and_then(Value::as_str) {
            Some("base64") => "byte",
            _ => "binary",
        };
        obj.insert("format".into(), Value::from(format));
    }
    obj.retain(|k, _| k == "$ref" || k.starts_with("x-") || SCHEMA_FIELDS.contains(&k.as_str()));
    ref_siblings(obj);
}

/// `"type": ["T", "null"]` -> `"type": "T", "nullable": true`; several non-null types
/// become an `anyOf` of one type each.
fn nullable_type(obj: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = obj.get("type") else {
        return;
    };
    let null = types.iter().any(|t| t == "null");
    let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
    match rest.len() {
        0 => {
            obj.remove("type");
        }
        1 => {
            obj.insert("type".into(), rest[0].clone());
        }
        _ => {
            obj.remove("type");
            let any: Vec<Value> = rest.into_iter().map(|t| json!({"type": t})).collect();
            obj.insert("anyOf".into(), Value::Array(any));
        }
    }
    if null {
        obj.insert("nullable".into(), Value::Bool(true));
    }
}

/// An `anyOf`/`oneOf` with a `{"type": "null"}` branch: the branch goes, `nullable`
/// comes; a single remaining `$ref` is wrapped in `allOf` (3.0 ignores `$ref` siblings).
fn nullable_any_of(obj: &mut Map<String, Value>) {
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(list)) = obj.get_mut(key) else {
            continue;
        };
        let before = list.len();
        list.retain(|s| !is_null_schema(s));
        if list.len() == before {
            continue;
        }
        obj.insert("nullable".into(), Value::Bool(true));
        let Some(Value::Array(list)) = obj.get(key) else {
            continue;
        };
        if list.len() == 1 {
            let only = list[0].clone();
            obj.remove(key);
            match only {
                Value::Object(inner) if inner.contains_key("$ref") => {
                    obj.insert("allOf".into(), Value::Array(vec![Value::Object(inner)]));
                }
                Value::Object(inner) => {
                    for (k, v) in inner {
                        obj.entry(k).or_insert(v);
                    }
                }
                _ => {}
            }
        }
    }
}

fn is_null_schema(s: &Value) -> bool {
    s.as_object()
        .is_some_and(|o| o.get("type") == Some(&Value::from("null")) && o.len() == 1)
        || s.get("const") == Some(&Value::Null)
        || s.get("enum") == Some(&json!([null]))
}

/// 3.1's numeric `exclusiveMinimum: n` is 3.0's `minimum: n, exclusiveMinimum: true`.
fn exclusive_bound(obj: &mut Map<String, Value>, exclusive: &str, inclusive: &str) {
    if let Some(bound) = obj.get(exclusive).filter(|v| v.is_number()).cloned() {
        obj.insert(inclusive.into(), bound);
        obj.insert(exclusive.into(), Value::Bool(true));
    }
}

/// A tuple (`prefixItems`) becomes an array of any of its item schemas, of its length.
fn tuple(obj: &mut Map<String, Value>) {
    let Some(Value::Array(items)) = obj.remove("prefixItems") else {
        return;
    };
    let len = items.len();
    let mut items: Vec<Value> = items;
    items.iter_mut().for_each(schema);
    let item = if items.len() == 1 {
        items.remove(0)
    } else {
        json!({"anyOf": items})
    };
    obj.insert("items".into(), item);
    obj.entry("minItems").or_insert(Value::from(len));
    obj.entry("maxItems").or_insert(Value::from(len));
}

/// A `$ref` next to other keywords (a description, a default) is wrapped in `allOf`:
/// 3.0 ignores every sibling of `$ref`.
fn ref_siblings(obj: &mut Map<String, Value>) {
    if obj.len() > 1
        && let Some(reference) = obj.remove("$ref")
    {
        let all_of = obj
            .entry("allOf")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(list) = all_of {
            list.insert(0, json!({"$ref": reference}));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(v: Value) -> Value {
        let mut v = v;
        schema(&mut v);
        v
    }

    #[test]
    fn nullable_types_and_refs() {
        assert_eq!(
            conv(json!({"type": ["string", "null"]})),
            json!({"type": "string", "nullable": true})
        );
        assert_eq!(
            conv(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]})),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "nullable": true})
        );
        assert_eq!(
            conv(json!({"type": ["integer", "string"]})),
            json!({"anyOf": [{"type": "integer"}, {"type": "string"}]})
        );
        assert_eq!(
            conv(json!({"$ref": "#/components/schemas/A", "description": "d"})),
            json!({"allOf": [{"$ref": "#/components/schemas/A"}], "description": "d"})
        );
    }

    #[test]
    fn keywords_3_0_lacks() {
        assert_eq!(conv(json!({"const": "a"})), json!({"enum": ["a"]}));
        assert_eq!(conv(json!({"examples": [1, 2]})), json!({"example": 1}));
        assert_eq!(
            conv(json!({"type": "integer", "exclusiveMinimum": 0})),
            json!({"type": "integer", "minimum": 0, "exclusiveMinimum": true})
        );
        assert_eq!(
            conv(json!({"type": "string", "contentMediaType": "image/png"})),
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(
            conv(json!({"$schema": "x", "if": {}, "type": "object"})),
            json!({"type": "object"})
        );
        assert_eq!(conv(json!(true)), json!({}));
        assert_eq!(conv(json!(false)), json!({"not": {}}));
        assert_eq!(
            conv(
                json!({"type": "array", "prefixItems": [{"type": "integer"}, {"type": "string"}]})
            ),
            json!({"type": "array", "items": {"anyOf": [{"type": "integer"}, {"type": "string"}]}, "minItems": 2, "maxItems": 2})
        );
    }

    #[test]
    fn nested_schemas_are_converted() {
        assert_eq!(
            conv(json!({
                "type": "object",
                "properties": {"a": {"type": ["string", "null"]}},
                "additionalProperties": {"const": 1},
                "items": {"examples": ["x"]},
            })),
            json!({
                "type": "object",
                "properties": {"a": {"type": "string", "nullable": true}},
                "additionalProperties": {"enum": [1]},
                "items": {"example": "x"},
            })
        );
    }

    #[test]
    fn the_document_is_relabelled_and_streams_keep_their_item() {
        let doc = downgrade(json!({
            "openapi": "3.2.0",
            "info": {"title": "t", "version": "1", "summary": "s"},
            "paths": {"/e": {"get": {"responses": {"200": {
                "description": "ok",
                "content": {"text/event-stream": {"itemSchema": {"const": 1}}},
                "headers": {"X": {"schema": {"type": ["string", "null"]}}},
            }}}}},
        }));
        assert_eq!(doc["openapi"], "3.0.3");
        assert!(doc["info"].get("summary").is_none());
        let r = &doc["paths"]["/e"]["get"]["responses"]["200"];
        assert_eq!(
            r["content"]["text/event-stream"]["x-itemSchema"],
            json!({"enum": [1]})
        );
        assert_eq!(r["headers"]["X"]["schema"]["nullable"], true);
    }
}
