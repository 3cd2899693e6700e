//! Checking a real body against an OpenAPI **3.0.3** schema with the `jsonschema` crate.
//!
//! A 3.0 Schema Object is not a JSON Schema: it is a restricted dialect of JSON Schema
//! draft 4 (draft wright-00) with keywords of its own. To apply one, [`to_json_schema`]
//! rewrites it into a draft 4 schema that accepts exactly what the 3.0 schema does:
//!
//! | 3.0.3 Schema Object | draft 4 JSON Schema | why |
//! |---|---|---|
//! | `"type": "T", "nullable": true` | `"type": ["T", "null"]` | `nullable` adds `null` to the type; other keywords (`enum`, `minimum`, ...) keep their meaning |
//! | `"nullable": true` without `type` (`"allOf": [{"$ref": ..}]`) | `"anyOf": [<the rest>, {"type": "null"}]` | see below |
//! | `"nullable": false` | (dropped) | the default |
//! | `"example"`, `"description"`, `"title"`, `"default"`, `"deprecated"`, `"readOnly"`, `"writeOnly"`, `"externalDocs"`, `"xml"`, `x-*` | (dropped) | annotations: they constrain nothing |
//! | `"format"` (`int64`, `double`, `binary`, ...) | kept | draft 4 ignores the formats it does not know |
//! | `"minimum"` + `"exclusiveMinimum": true` (and maximum) | kept | draft 4 has the same boolean form |
//! | `"allOf"`/`"anyOf"`/`"oneOf"`/`"not"`/`"items"`/`"properties"`/`"additionalProperties"` | kept, their schemas converted | |
//! | `"$ref": "#/components/schemas/X"` | kept | resolved against the wrapper of [`body_schema`], which carries the converted components |
//! | anything else | the test fails | a keyword this conversion does not know must be added here first |
//!
//! `nullable` without `type`: the letter of 3.0.3 says `nullable` only adds `null` to the
//! type "if type is explicitly defined within the same Schema Object", so
//! `{"nullable": true, "allOf": [{"$ref": ..}]}` would not accept `null`. That form is
//! nevertheless how 3.0 documents (and this crate's 3.0 rendering, and the generators that
//! read it: progenitor, openapi-generator) spell a nullable reference, since `$ref`
//! ignores its siblings; the check reads it as they do: the reference, or `null`.
//!
//! A 3.0 schema is also checked to be of 3.0's form while it is converted: `type` is one
//! name, never a list, and there are no boolean schemas.

use serde_json::{Map, Value, json};

/// The draft 4 meta-schema's URI: the `$schema` of every converted schema.
pub(crate) const DRAFT4: &str = "http://json-schema.org/draft-04/schema#";

/// 3.0 keywords with the same meaning in draft 4 that hold no subschema.
const KEPT: &[&str] = &[
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
    "format",
    "$ref",
];

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
];

/// The draft 4 JSON Schema that accepts what the 3.0 Schema Object `schema` accepts (the
/// table in the module docs). Panics on what is not a 3.0 Schema Object, or on a keyword
/// the conversion does not know.
pub(crate) fn to_json_schema(schema: &Value) -> Value {
    let Value::Object(obj) = schema else {
        panic!("a 3.0 schema is an object (3.0 has no boolean schemas): {schema}");
    };
    let mut out = Map::new();
    let mut nullable = false;
    for (key, value) in obj {
        match key.as_str() {
            "nullable" => nullable = value.as_bool().expect("`nullable` is a boolean"),
            "type" => {
                assert!(
                    value.is_string(),
                    "3.0's `type` is one name, not {value}, in {schema}"
                );
                out.insert(key.clone(), value.clone());
            }
            "properties" => {
                let props = value
                    .as_object()
                    .expect("`properties` is an object")
                    .iter()
                    .map(|(name, s)| (name.clone(), to_json_schema(s)))
                    .collect();
                out.insert(key.clone(), Value::Object(props));
            }
            "allOf" | "anyOf" | "oneOf" => {
                let list = value
                    .as_array()
                    .unwrap_or_else(|| panic!("`{key}` is a list"))
                    .iter()
                    .map(to_json_schema)
                    .collect();
                out.insert(key.clone(), Value::Array(list));
            }
            "items" | "not" => {
                out.insert(key.clone(), to_json_schema(value));
            }
            "additionalProperties" => {
                let converted = match value {
                    Value::Bool(_) => value.clone(),
                    _ => to_json_schema(value),
                };
                out.insert(key.clone(), converted);
            }
            k if KEPT.contains(&k) => {
                out.insert(key.clone(), value.clone());
            }
            k if ANNOTATIONS.contains(&k) || k.starts_with("x-") => {}
            other => panic!(
                "the 3.0 keyword `{other}` is not known to the conversion (tests/integration/openapi/oas30.rs): \
                 add it to the table, in {schema}"
            ),
        }
    }
    if !nullable {
        return Value::Object(out);
    }
    if let Some(ty) = out.get_mut("type") {
        *ty = json!([ty.clone(), "null"]);
        return Value::Object(out);
    }
    if out.is_empty() {
        return Value::Object(out);
    }
    json!({"anyOf": [Value::Object(out), {"type": "null"}]})
}

/// `schema` of a 3.0 document, converted, inside a draft 4 root that carries the
/// document's converted `components/schemas`, so its `$ref`s resolve.
pub(crate) fn body_schema(schema: &Value, components: &Value) -> Value {
    let schemas: Map<String, Value> = components["schemas"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(name, s)| (name.clone(), to_json_schema(s)))
        .collect();
    json!({
        "$schema": DRAFT4,
        "allOf": [to_json_schema(schema)],
        "components": {"schemas": schemas},
    })
}

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
        to_json_schema(&json!({"type": "integer", "nullable": false, "format": "int64"})),
        json!({"type": "integer", "format": "int64"})
    );
    // Nested schemas are converted too; draft 4's boolean exclusive bounds stay.
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
#[should_panic(expected = "3.0's `type` is one name")]
fn a_3_1_type_list_is_not_a_3_0_schema() {
    to_json_schema(&json!({"type": ["string", "null"]}));
}

#[test]
#[should_panic(expected = "not known to the conversion")]
fn an_unknown_keyword_fails_the_conversion() {
    to_json_schema(&json!({"type": "object", "discriminator": {"propertyName": "kind"}}));
}

#[test]
fn a_converted_schema_refuses_what_3_0_refuses() {
    let components = json!({"schemas": {
        "A": {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
    }});
    let nullable_ref = json!({"nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]});
    let v = jsonschema::validator_for(&body_schema(&nullable_ref, &components)).unwrap();
    assert!(v.is_valid(&json!({"n": 1})));
    assert!(v.is_valid(&Value::Null));
    assert!(!v.is_valid(&json!({"n": "1"})));
    assert!(!v.is_valid(&json!({})));
    // Without `nullable`, `null` is refused.
    let plain = json!({"$ref": "#/components/schemas/A"});
    let v = jsonschema::validator_for(&body_schema(&plain, &components)).unwrap();
    assert!(!v.is_valid(&Value::Null));
    // Every converted schema is a valid draft 4 schema.
    assert!(jsonschema::meta::validate(&body_schema(&nullable_ref, &components)).is_ok());
}
