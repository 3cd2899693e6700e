//! What client generators need of the document (and what several refuse without): no
//! boolean schemas, a schema for every body (binary ones typed as strings of their content
//! type), a tag on every operation, unique operation ids.

use serde_json::Value;

use super::app;

/// Every schema position of `v`, with its JSON pointer.
fn schemas<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let here = format!("{at}/{k}");
                if k == "schema" || k == "items" || k == "x-itemSchema" || k == "itemSchema" {
                    out.push((here.clone(), child));
                }
                if (k == "properties" || k == "schemas")
                    && let Value::Object(props) = child
                {
                    for (name, s) in props {
                        out.push((format!("{here}/{name}"), s));
                    }
                }
                schemas(child, here, out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                schemas(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn documents() -> Vec<(&'static str, Value)> {
    #[cfg_attr(
        not(all(feature = "templates", feature = "validate")),
        allow(unused_mut, reason = "the showcase is only there with both features")
    )]
    let mut docs = vec![("sample", app::api().openapi())];
    #[cfg(all(feature = "templates", feature = "validate"))]
    docs.push(("showcase", crate::examples::showcase::api().openapi()));
    docs
}

#[test]
fn no_schema_is_a_boolean() {
    for (name, doc) in documents() {
        let mut all = Vec::new();
        schemas(&doc, String::new(), &mut all);
        assert!(all.len() > 50, "{name}: {} schemas", all.len());
        let booleans: Vec<&String> = all
            .iter()
            .filter(|(_, s)| s.is_boolean())
            .map(|(p, _)| p)
            .collect();
        assert!(
            booleans.is_empty(),
            "{name}: boolean schemas at {booleans:?}"
        );
    }
}

#[test]
fn every_body_has_a_schema_and_binary_ones_say_their_content_type() {
    for (name, doc) in documents() {
        let mut binary = 0;
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                for (status, response) in op["responses"].as_object().unwrap() {
                    let Some(content) = response.get("content").and_then(Value::as_object) else {
                        continue;
                    };
                    for (media, body) in content {
                        let what = format!("{name}: {method} {path} {status} {media}");
                        let schema = body
                            .get("schema")
                            .or_else(|| body.get("x-itemSchema"))
                            .unwrap_or_else(|| panic!("{what}: no schema"));
                        if let Some(ct) = schema.get("contentMediaType") {
                            binary += 1;
                            assert_eq!(schema["type"], "string", "{what}");
                            let expected = if media.contains('*') {
                                "application/octet-stream"
                            } else {
                                media
                            };
                            assert_eq!(ct, expected, "{what}");
                        }
                    }
                }
            }
        }
        assert!(binary > 0, "{name}: no binary body");
    }
}

#[test]
fn every_operation_has_a_tag_and_a_unique_id() {
    for (name, doc) in documents() {
        let mut ids = std::collections::BTreeSet::new();
        for (path, item) in doc["paths"].as_object().unwrap() {
            for (method, op) in item.as_object().unwrap() {
                let tags = op["tags"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{name}: {method} {path}: no tags"));
                assert!(
                    !tags.is_empty()
                        && tags
                            .iter()
                            .all(|t| t.as_str().is_some_and(|t| !t.is_empty()))
                );
                let id = op["operationId"].as_str().unwrap().to_owned();
                assert!(ids.insert(id.clone()), "{name}: operation id {id} twice");
            }
        }
    }
}

/// The showcase groups its routes by course section, which is what Swagger UI shows.
#[cfg(all(feature = "templates", feature = "validate"))]
#[test]
fn the_showcase_groups_its_routes_by_course_section() {
    let doc = crate::examples::showcase::api().openapi();
    let tag = |path: &str, method: &str| {
        doc["paths"][path][method]["tags"][0]
            .as_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(tag("/models/items", "get"), "6.1.1 response_model");
    assert_eq!(tag("/fields/users", "get"), "6.1.2 include / exclude");
    assert_eq!(tag("/download/report", "get"), "6.2 Response classes");
    // Views of one name in the two sections are told apart by their module.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    assert!(
        schemas.contains_key("response_models.UserOut")
            && schemas.contains_key("include_exclude.UserOut")
    );
    assert!(!schemas.contains_key("UserOut2"));
}

/// Two types of one name that are not views (which the document names by module): a
/// name with a number that depends on route order would reach client generators, so
/// building the document stops and names both types.
mod clash {
    use axum::Json;
    use response_model::routing::{ApiRouter, get};

    pub(crate) mod a {
        #[derive(serde::Serialize, schemars::JsonSchema)]
        pub(crate) struct Item {
            pub(crate) id: i64,
        }
    }
    pub(crate) mod b {
        #[derive(serde::Serialize, schemars::JsonSchema)]
        pub(crate) struct Item {
            pub(crate) name: String,
        }
    }

    async fn first() -> Json<a::Item> {
        Json(a::Item { id: 1 })
    }
    async fn second() -> Json<b::Item> {
        Json(b::Item { name: "x".into() })
    }

    #[test]
    #[should_panic(expected = "two types are named `Item` in the OpenAPI document")]
    fn an_unresolved_clash_stops_the_document_and_names_both_types() {
        let _ = ApiRouter::<()>::new()
            .route("/a", get(first))
            .route("/b", get(second))
            .openapi();
    }

    #[test]
    fn the_message_names_both_rust_types() {
        let result = std::panic::catch_unwind(|| {
            ApiRouter::<()>::new()
                .route("/a", get(first))
                .route("/b", get(second))
                .openapi()
        });
        let message = result.unwrap_err();
        let message = message.downcast_ref::<String>().unwrap();
        assert!(
            message.contains("clash::b::Item") && message.contains("clash::a::Item"),
            "{message}"
        );
        assert!(message.contains("#[schemars(rename"), "{message}");
    }
}
