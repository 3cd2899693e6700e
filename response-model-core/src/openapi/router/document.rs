//! The OpenAPI document built from the routes' operations.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::method::{OpEntry, RouteInfo};
use crate::openapi::operation::{
    MediaDoc, OperationDoc, ParamLocation, ParameterDoc, RenderCx, ResponseDoc,
};
use crate::openapi::schema::{Components, DocContext, SchemaDoc, openapi_path};
use crate::security::SecurityScheme;

/// Which OpenAPI version the document is written in.
///
/// 3.1 and 3.2 differ in one place: streams (`text/event-stream`, JSON Lines) carry their
/// item schema as 3.2's `itemSchema`, or, in 3.1, as a `string` body with the item schema
/// under the `x-itemSchema` extension (3.1 has no field for it). 3.0.3, for generators that
/// read only 3.0 (progenitor among them), is the same document converted: every schema
/// rewritten into 3.0's dialect (`nullable`, one-value `enum`s, `example`, `format:
/// binary`, `$ref` siblings under `allOf`), not relabelled.
///
/// ```
/// use response_model::routing::{ApiRouter, OpenApiVersion};
/// let doc = ApiRouter::<()>::new().openapi_version(OpenApiVersion::V3_0).openapi();
/// assert_eq!(doc["openapi"], "3.0.3");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OpenApiVersion {
    /// OpenAPI 3.0.3.
    V3_0,
    /// OpenAPI 3.1.0 (the default).
    #[default]
    V3_1,
    /// OpenAPI 3.2.0.
    V3_2,
}

impl OpenApiVersion {
    fn as_str(self) -> &'static str {
        match self {
            OpenApiVersion::V3_0 => "3.0.3",
            OpenApiVersion::V3_1 => "3.1.0",
            OpenApiVersion::V3_2 => "3.2.0",
        }
    }
}

/// Pretty JSON. Every map of the document is built in a fixed order, so the bytes are
/// the same on every run: insertion order with serde_json's `preserve_order` (the
/// `preserve-order` feature, on by default), sorted keys without it.
pub(crate) fn to_json(v: &Value) -> String {
    #[allow(clippy::expect_used, reason = "a `Value`'s map keys are strings")]
    serde_json::to_string_pretty(v).expect("a serde_json::Value always serializes")
}

/// `crate::module::get_user` -> `get_user`; `None` for closures and other unnamed types.
fn fn_name(type_name: &str) -> Option<&str> {
    let last = type_name.rsplit("::").next()?;
    let is_ident = !last.is_empty()
        && last.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !last.starts_with(|c: char| c.is_ascii_digit());
    (is_ident && !type_name.contains('{')).then_some(last)
}

/// The module a handler is defined in (`app::users::get_user` -> `users`; a closure's is
/// the module of the fn it is written in); `default` for a type name with no module.
fn module_name(type_name: &str) -> &str {
    let path = type_name.split('<').next().unwrap_or(type_name);
    let named: Vec<&str> = path
        .split("::")
        .filter(|s| !s.starts_with('{') && !s.is_empty())
        .collect();
    match named.len() {
        0 | 1 => "default",
        // The last named segment is the fn (a closure's `{{closure}}` is left out above,
        // so its fn is last too); the one before it, the module.
        n => named[n - 2],
    }
}

/// FastAPI's default summary: `get_user` -> `Get User`.
fn title_case(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A path as it goes into a deduplicated operation id, as FastAPI's: `/items/{id}` ->
/// `_items__id_`.
fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// One route's operation as it goes into the document.
struct Built<'a> {
    path: &'a str,
    entry: &'a OpEntry,
    op: OperationDoc,
}

/// The document: every operation built against one [`DocContext`] (so each component is
/// generated once), operation ids made unique, then the components finished (named per
/// contract) and the paths rendered with their final names.
pub(super) fn build_document(
    ops: &[(String, OpEntry)],
    title: &str,
    version: &str,
    description: Option<&str>,
    servers: &[String],
    openapi_version: OpenApiVersion,
) -> Value {
    let mut cx = DocContext::new("/");
    let mut built: Vec<Built<'_>> = ops
        .iter()
        .map(|(path, entry)| build_operation(&mut cx, path, entry))
        .collect();
    dedupe_operation_ids(&mut built);

    let mut components = cx.finish();
    for b in &mut built {
        let mut schemas = std::mem::take(&mut components.schemas);
        b.op.lift_body_named_after_operation(&components, &mut schemas);
        components.schemas = schemas;
    }
    let paths = render_paths(&built, &components, openapi_version);

    let mut doc = Map::new();
    doc.insert("openapi".into(), Value::from(openapi_version.as_str()));
    doc.insert("info".into(), info(title, version, description));
    if !servers.is_empty() {
        let servers = servers
            .iter()
            .map(|url| serde_json::json!({"url": url}))
            .collect();
        doc.insert("servers".into(), Value::Array(servers));
    }
    doc.insert("paths".into(), Value::Object(paths));
    let schemes = security_schemes(&built);
    if !components.schemas.is_empty() || !schemes.is_empty() {
        let mut c = Map::new();
        if !components.schemas.is_empty() {
            let schemas: Map<String, Value> = components.schemas.clone().into_iter().collect();
            c.insert("schemas".into(), Value::Object(schemas));
        }
        if !schemes.is_empty() {
            c.insert("securitySchemes".into(), Value::Object(schemes));
        }
        doc.insert("components".into(), Value::Object(c));
    }
    let mut doc = Value::Object(doc);
    crate::openapi::schema::bound_integers(&mut doc);
    match openapi_version {
        OpenApiVersion::V3_0 => super::super::v3_0::downgrade(doc),
        OpenApiVersion::V3_1 | OpenApiVersion::V3_2 => doc,
    }
}

/// Every scheme the operations require, by name, in the order first required.
#[allow(
    clippy::panic,
    reason = "building the document (at startup) cannot go on with one name for two schemes; like axum's overlapping routes"
)]
fn security_schemes(built: &[Built<'_>]) -> Map<String, Value> {
    let mut seen: Vec<SecurityScheme> = Vec::new();
    for scheme in built.iter().flat_map(|b| b.op.security_schemes()) {
        match seen.iter().find(|s| s.name() == scheme.name()) {
            Some(s) if *s == scheme => {}
            Some(s) => panic!(
                "two different security schemes are named `{}` in the OpenAPI document \
                 ({s:?} and {scheme:?}); give one a name of its own with \
                 `SecurityScheme::named(\"...\")`",
                scheme.name()
            ),
            None => seen.push(scheme),
        }
    }
    seen.iter()
        .map(|s| (s.name().to_owned(), s.to_value()))
        .collect()
}

/// What the handler's types document at `path`, completed by the route's builder.
fn build_operation<'a>(cx: &mut DocContext, path: &'a str, entry: &'a OpEntry) -> Built<'a> {
    cx.set_path(path);
    let mut op = (entry.build)(cx);
    for input in &entry.meta.layer_inputs {
        input(cx, &mut op);
    }
    apply_meta(&mut op, path, entry);
    state_public(&mut op, path, entry);
    declare_responses(&mut op, cx, entry);
    declare_path_params(&mut op, cx);
    Built { path, entry, op }
}

/// `security: []` where the route says it is public, refused where a credential is
/// required.
#[allow(
    clippy::panic,
    reason = "building the document (at startup) cannot state that a guarded route is public"
)]
fn state_public(op: &mut OperationDoc, path: &str, entry: &OpEntry) {
    if !entry.meta.public {
        return;
    }
    if !op.allows_anonymous() {
        panic!(
            "`{} {path}` is marked `.public()` but requires {}: a public operation takes no \
             credential; remove `.public()`, or take the extractor as an `Option<_>`, or add \
             the route outside the `security_layer`",
            entry.method,
            op.security_value().unwrap_or_default()
        );
    }
    op.public = true;
}

/// The responses the route declares, over what its types document.
fn declare_responses(op: &mut OperationDoc, cx: &mut DocContext, entry: &OpEntry) {
    for d in &entry.meta.declared {
        let mut doc = ResponseDoc::new(d.description.clone());
        if let Some(body) = d.body {
            doc = doc.content(mime::APPLICATION_JSON.as_ref(), MediaDoc::schema(body(cx)));
        }
        if let Some(example) = &d.example {
            let media = MediaDoc::default().with_example(example.clone());
            doc = doc.content(mime::APPLICATION_JSON.as_ref(), media);
            // An example describes a body: the documented response keeps its description.
            op.responses_mut().insert(d.status, doc);
            continue;
        }
        op.responses_mut().declare(d.status, doc);
    }
}

/// Summary, description, tags, deprecation and operation id.
fn apply_meta(op: &mut OperationDoc, path: &str, entry: &OpEntry) {
    let name = fn_name(entry.handler_name);
    let meta = &entry.meta;
    // The route's builder, then what the handler documents (`#[handler]`'s doc
    // comment), then the handler's name.
    op.summary = meta
        .summary
        .clone()
        .or_else(|| op.summary.take())
        .or_else(|| name.map(title_case));
    op.description = meta.description.clone().or_else(|| op.description.take());
    op.tags = if meta.tags.is_empty() {
        let fallback = meta
            .default_tag
            .clone()
            .unwrap_or_else(|| module_name(entry.handler_name).to_owned());
        vec![fallback]
    } else {
        meta.tags.clone()
    };
    // The route's `.deprecated()`, or the handler's own `#[deprecated]` (`#[handler]`).
    op.deprecated = meta.deprecated || op.deprecated;
    // The route's `.operation_id(..)`, then its router's rule, then the handler's name.
    op.operation_id = meta.operation_id.clone().or_else(|| match &meta.id_rule {
        Some(rule) => Some((rule.0)(&RouteInfo {
            method: &entry.method,
            path,
            tags: &op.tags,
            name,
        })),
        None => name.map(str::to_owned),
    });
}

/// Every templated segment must be declared; a handler that does not extract it
/// still has it in its path.
fn declare_path_params(op: &mut OperationDoc, cx: &DocContext) {
    for p in cx.path_params() {
        if !op
            .parameters()
            .iter()
            .any(|q| q.location() == ParamLocation::Path && q.name() == p)
        {
            op.add_parameter(ParameterDoc::new(
                p,
                ParamLocation::Path,
                SchemaDoc::plain(serde_json::json!({"type": "string"})),
            ));
        }
    }
}

/// Operation ids must be unique: a duplicate made by default or by a router's rule gets
/// FastAPI's `{id}{path}_{method}`. An id set on the route's builder is left as it is.
fn dedupe_operation_ids(built: &mut [Built<'_>]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for Built { op, .. } in built.iter() {
        if let Some(id) = &op.operation_id {
            *seen.entry(id.clone()).or_default() += 1;
        }
    }
    let dup: BTreeSet<String> = seen
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(id, _)| id)
        .collect();
    for Built { path, entry, op } in built.iter_mut() {
        if let Some(id) = &op.operation_id
            && dup.contains(id)
            && entry.meta.operation_id.is_none()
        {
            op.operation_id = Some(format!(
                "{id}{}_{}",
                sanitize(path),
                entry.method.as_str().to_ascii_lowercase()
            ));
        }
    }
}

/// Paths in the order their first route was added, as FastAPI lists them.
fn render_paths(
    built: &[Built<'_>],
    components: &Components,
    openapi_version: OpenApiVersion,
) -> Map<String, Value> {
    let mut paths: Map<String, Value> = Map::new();
    for Built { path, entry, op } in built {
        let rcx = RenderCx {
            components,
            version: openapi_version,
            path,
        };
        let item = paths
            .entry(openapi_path(path))
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(item) = item {
            item.insert(entry.method.as_str().to_ascii_lowercase(), op.render(&rcx));
        }
    }
    paths
}

/// The `info` object.
fn info(title: &str, version: &str, description: Option<&str>) -> Value {
    let mut info = Map::new();
    info.insert("title".into(), Value::from(title));
    info.insert("version".into(), Value::from(version));
    if let Some(d) = description {
        info.insert("description".into(), Value::from(d));
    }
    Value::Object(info)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handler_is_tagged_with_its_module() {
        assert_eq!(module_name("app::users::get_user"), "users");
        assert_eq!(module_name("app::get_user"), "app");
        assert_eq!(module_name("get_user"), "default");
        assert_eq!(module_name("app::users::routes::{{closure}}"), "users");
        assert_eq!(module_name("app::users::Handler<app::x::Y>"), "users");
    }

    #[test]
    fn names_from_type_names() {
        assert_eq!(fn_name("my_app::routes::get_user"), Some("get_user"));
        assert_eq!(fn_name("my_app::main::{{closure}}"), None);
        assert_eq!(title_case("get_user_by_id"), "Get User By Id");
        assert_eq!(sanitize("/items/{id}"), "_items__id_");
    }
}
