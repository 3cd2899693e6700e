//! An OpenAPI **3.0** Schema Object as the JSON Schema (draft 4) that accepts the same
//! values, so a 3.0 document's bodies can be checked with a JSON Schema validator.
//!
//! | 3.0 Schema Object | draft 4 JSON Schema |
//! |---|---|
//! | `"type": "T", "nullable": true` | `"type": ["T", "null"]` |
//! | `"nullable": true` without `type` (`{"allOf": [{"$ref": ..}]}`) | `{"anyOf": [<the rest>, {"type": "null"}]}` |
//! | annotations (`example`, `description`, `x-*`, ...) | dropped |
//! | `properties`, `items`, `allOf`/`anyOf`/`oneOf`/`not`, `additionalProperties` | kept, their schemas converted |
//! | anything else (`minimum` + boolean `exclusiveMinimum`, `format`, `$ref`, ...) | kept: draft 4 reads them alike, or ignores them |
//!
//! `nullable` without `type`: 3.0.3's letter adds `null` only where `type` is given, but
//! `{"nullable": true, "allOf": [{"$ref": ..}]}` is how 3.0 documents (this crate's
//! included) and the generators that read them spell a nullable reference, so it is read
//! as they read it: the reference, or `null`.

use serde_json::{Map, Value, json};

/// The draft 4 meta-schema's URI: the `$schema` of every converted schema.
pub(crate) const DRAFT4: &str = "http://json-schema.org/draft-04/schema#";

/// 3.0 keywords that annotate and constrain nothing.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "default",
    "example",
    "deprecated",
    "readOnly",
    "writeOnly",
    "externalDocs",
    "xml",
    "discriminator",
];

/// The draft 4 JSON Schema accepting what the 3.0 Schema Object `schema` accepts.
pub(crate) fn to_json_schema(schema: &Value) -> Value {
    let Value::Object(obj) = schema else {
        return schema.clone();
    };
    let mut out = Map::new();
    let mut nullable = false;
    for (key, value) in obj {
        let converted = match key.as_str() {
            "nullable" => {
                nullable = value.as_bool() == Some(true);
                continue;
            }
            "properties" | "patternProperties" => match value {
                Value::Object(props) => Value::Object(
                    props
                        .iter()
                        .map(|(name, s)| (name.clone(), to_json_schema(s)))
                        .collect(),
                ),
                other => other.clone(),
            },
            "allOf" | "anyOf" | "oneOf" => match value {
                Value::Array(list) => Value::Array(list.iter().map(to_json_schema).collect()),
                other => other.clone(),
            },
            "items" | "not" | "additionalProperties" => to_json_schema(value),
            k if ANNOTATIONS.contains(&k) || k.starts_with("x-") => continue,
            _ => value.clone(),
        };
        out.insert(key.clone(), converted);
    }
    if !nullable || out.is_empty() {
        return Value::Object(out);
    }
    if let Some(ty) = out.get_mut("type") {
        if let Value::String(_) = ty {
            *ty = json!([ty.clone(), "null"]);
        }
        return Value::Object(out);
    }
    json!({"anyOf": [Value::Object(out), {"type": "null"}]})
}

/// The document's `components`, each schema converted.
pub(crate) fn components(components: &Value) -> Value {
    let schemas: Map<String, Value> = components["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, s)| (name.clone(), to_json_schema(s)))
        .collect();
    json!({"schemas": schemas})
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::*;

    #[test]
    fn nullable_becomes_a_null_type_or_a_null_branch() {
        assert_eq!(
            to_json_schema(&json!({"type": "string", "nullable": true, "example": "x"})),
            json!({"type": ["string", "null"]})
        );
        assert_eq!(
            to_json_schema(&json!({
                "nullable": true,
                "allOf": [{"$ref": "#/components/schemas/A"}],
                "description": "d",
            })),
            json!({"anyOf": [{"allOf": [{"$ref": "#/components/schemas/A"}]}, {"type": "null"}]})
        );
        assert_eq!(
            to_json_schema(&json!({
                "type": "object",
                "properties": {"a": {"type": "number", "minimum": 0, "exclusiveMinimum": true, "nullable": true}},
                "additionalProperties": {"type": "array", "items": {"type": "string", "x-rust": 1}},
            })),
            json!({
                "type": "object",
                "properties": {"a": {"type": ["number", "null"], "minimum": 0, "exclusiveMinimum": true}},
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            })
        );
    }

    #[test]
    fn a_converted_schema_refuses_what_3_0_refuses() {
        let components = components(&json!({"schemas": {
            "A": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
        }}));
        let root = |schema: &Value| json!({"$schema": DRAFT4, "allOf": [to_json_schema(schema)], "components": components});
        let nullable_ref = json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]});
        let v = jsonschema::validator_for(&root(&nullable_ref)).unwrap();
        assert!(v.is_valid(&json!({"n": 1})));
        assert!(v.is_valid(&Value::Null));
        assert!(!v.is_valid(&json!({"n": "1"})));
        assert!(!v.is_valid(&json!({})));
        // Without `nullable`, `null` is refused.
        let v =
            jsonschema::validator_for(&root(&json!({"$ref": "#/components/schemas/A"}))).unwrap();
        assert!(!v.is_valid(&Value::Null));
        // Every converted schema is a valid draft 4 schema.
        assert!(jsonschema::meta::validate(&root(&nullable_ref)).is_ok());
    }
}
