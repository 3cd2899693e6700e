//! Generates the client from the checked-in OpenAPI 3.0 document of the showcase
//! (`showcase-openapi-3.0.json`), as a user of progenitor's build-script mode would.
//!
//! progenitor 0.15 types one success body and one error body per operation: it stops
//! (`assertion failed: response_types.len() <= 1`, `progenitor-impl` `method.rs`) on an
//! operation whose error responses have different bodies, such as a JSON `400` next to
//! Starlette's `text/plain` `500`, or a `400` and a `422` of two schemas. The document is
//! right to list them (the server sends each), so [`for_progenitor`] leaves, in the copy
//! progenitor reads, the first body kind of each group and drops the other statuses; the
//! client then returns those as `Error::UnexpectedResponse`, which the tests read by hand.
//!
//! progenitor 0.15 sends request bodies of four media types only (JSON, URL-encoded form,
//! octet-stream, text: `BodyContentType` in `progenitor-impl` `method.rs`) and stops
//! (`unexpected content type: multipart/form-data`) on an upload. [`for_progenitor`]
//! leaves such operations out of its copy, so the client has no method for them; the
//! snapshot (and the served document) keeps them.

use std::path::Path;

use serde_json::Value;

fn main() {
    let src = Path::new("showcase-openapi-3.0.json");
    println!("cargo:rerun-if-changed={}", src.display());
    let text = match std::fs::read_to_string(src) {
        Ok(text) => text,
        Err(err) => fail(&format!("cannot read {}: {err}", src.display())),
    };
    let doc: Value = match serde_json::from_str(&text) {
        Ok(doc) => doc,
        Err(err) => fail(&format!("{} is not JSON: {err}", src.display())),
    };
    let spec: openapiv3::OpenAPI = match serde_json::from_value(for_progenitor(doc)) {
        Ok(spec) => spec,
        Err(err) => fail(&format!(
            "{} is not an OpenAPI 3.0 document: {err}",
            src.display()
        )),
    };
    let mut generator = progenitor::Generator::default();
    let tokens = match generator.generate_tokens(&spec) {
        Ok(tokens) => tokens,
        Err(err) => fail(&format!("progenitor cannot generate a client: {err}")),
    };
    let file = match syn::parse2(tokens) {
        Ok(file) => file,
        Err(err) => fail(&format!(
            "progenitor generated code that does not parse: {err}"
        )),
    };
    let out = match std::env::var("OUT_DIR") {
        Ok(dir) => Path::new(&dir).join("client.rs"),
        Err(err) => fail(&format!("OUT_DIR: {err}")),
    };
    if let Err(err) = std::fs::write(&out, prettyplease::unparse(&file)) {
        fail(&format!("cannot write {}: {err}", out.display()));
    }
}

/// Which group progenitor puts a status in, as its `is_success_or_default` /
/// `is_error_or_default` do (`default` is in both).
fn groups(status: &str) -> (bool, bool) {
    match status {
        "default" => (true, true),
        "101" | "2XX" => (true, false),
        "4XX" | "5XX" => (false, true),
        s => match s.parse::<u16>() {
            Ok(200..=299) => (true, false),
            Ok(400..=599) => (false, true),
            _ => (false, false),
        },
    }
}

/// What progenitor makes of a response's body: the JSON schema, "raw" bytes, or none.
fn kind(response: &Value) -> Value {
    let content = response.get("content").and_then(Value::as_object);
    match content {
        Some(c) => match c.get("application/json") {
            Some(media) => media.get("schema").cloned().unwrap_or(Value::Null),
            None if c.is_empty() => Value::from("none"),
            None => Value::from("raw"),
        },
        None => Value::from("none"),
    }
}

/// An operation whose request body is `multipart/form-data` (progenitor cannot send it).
fn sends_multipart(op: &Value) -> bool {
    op.pointer("/requestBody/content/multipart~1form-data")
        .is_some()
}

/// The document with, in each operation, one body kind per group, and without the
/// operations progenitor cannot send (see the crate docs).
fn for_progenitor(mut doc: Value) -> Value {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return doc;
    };
    for item in paths.values_mut().filter_map(Value::as_object_mut) {
        item.retain(|_, op| !sends_multipart(op));
        for op in item.values_mut().filter_map(Value::as_object_mut) {
            let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
                continue;
            };
            let mut statuses: Vec<String> = responses.keys().cloned().collect();
            statuses.sort();
            let mut kept: [Option<Value>; 2] = [None, None];
            for status in statuses {
                let (success, error) = groups(&status);
                let k = kind(&responses[&status]);
                let mut keep = true;
                for (slot, member) in kept.iter_mut().zip([success, error]) {
                    if !member {
                        continue;
                    }
                    match slot {
                        Some(first) if *first != k => keep = false,
                        Some(_) => {}
                        None => *slot = Some(k.clone()),
                    }
                }
                if !keep {
                    responses.remove(&status);
                }
            }
        }
    }
    doc
}

fn fail(why: &str) -> ! {
    eprintln!("{why}");
    std::process::exit(1);
}
