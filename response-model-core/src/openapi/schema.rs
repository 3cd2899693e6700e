//! Schemas under the two serde contracts, and the merge that names components.
//!
//! schemars 1.x picks the contract per generator, so a [`DocContext`] holds two: responses
//! are generated under the serialize contract, request bodies and parameters under the
//! deserialize contract. Both write their components to `#/components/schemas/`; when one
//! type comes out differently under the two contracts, [`finish_components`] gives it two
//! names, `Name-Input` and `Name-Output` (as FastAPI does), and rewrites each side's `$ref`s.

use std::collections::{BTreeMap, BTreeSet};

use schemars::generate::{SchemaGenerator, SchemaSettings};
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::{Map, Value};

/// Where components live in the document; the generators write `$ref`s to this path.
pub(crate) const COMPONENTS_REF: &str = "#/components/schemas/";

/// Which contract a schema was generated under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Side {
    /// Deserialize contract: request bodies and parameters.
    Input,
    /// Serialize contract: responses.
    Output,
}

/// A JSON Schema in the document, with the contract it was generated under (which decides
/// the component names its `$ref`s point at).
///
/// Made by [`DocContext::register_output`], [`DocContext::register_input`] or, for a schema
/// that names no component, [`SchemaDoc::plain`].
///
/// ```
/// use response_model::openapi::SchemaDoc;
/// let text = SchemaDoc::plain(serde_json::json!({"type": "string"}));
/// assert_eq!(text.value()["type"], "string");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaDoc {
    pub(crate) side: Side,
    pub(crate) value: Value,
}

impl SchemaDoc {
    /// A schema written by hand. It must not `$ref` a component (use the context's
    /// functions for types).
    pub fn plain(value: Value) -> Self {
        Self {
            side: Side::Output,
            value,
        }
    }

    /// The schema as generated (its `$ref`s not yet renamed).
    pub fn value(&self) -> &Value {
        &self.value
    }
}

/// What documenting one operation can see: the route's path and the two schema generators
/// shared by the whole document (so components are generated once).
///
/// ```
/// use response_model::openapi::DocContext;
/// let mut cx = DocContext::new("/items/{item_id}");
/// assert_eq!(cx.path_params(), ["item_id"]);
/// let s = cx.register_output::<Vec<u32>>();
/// assert_eq!(s.value()["type"], "array");
/// ```
pub struct DocContext {
    ser: SchemaGenerator,
    de: SchemaGenerator,
    path: String,
    /// Per contract (output, input): the component name schemars gave each registered
    /// type, with the type's own name and id: how a clash of two names is found.
    registered: [Vec<Registered>; 2],
}

/// A type registered as a component: the name it got, the name it asked for, its id.
#[derive(Clone, Debug)]
struct Registered {
    given: String,
    asked: String,
    id: String,
}

impl std::fmt::Debug for DocContext {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocContext")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().with(|s| {
        s.definitions_path = "/components/schemas".into();
        s.meta_schema = None;
    })
}

/// `minLength: 1` on each required text property of the object schema `schema`, and
/// `minItems: 1` on each required list property, where it sets none of its own (see
/// [`DocContext::require_form_values`]). A file (a binary string) is left alone.
fn require_form_values(schema: &mut Value) {
    let required: Vec<String> = schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    for name in required {
        let Some(Value::Object(prop)) = props.get_mut(&name) else {
            continue;
        };
        let is = |ty: &str| match prop.get("type") {
            Some(Value::String(t)) => t == ty,
            Some(Value::Array(ts)) => ts.iter().any(|t| t == ty),
            _ => false,
        };
        let is_file = prop.contains_key("contentMediaType")
            || prop.get("format").is_some_and(|f| f == "binary");
        if is("array") {
            prop.entry("minItems").or_insert(1.into());
        } else if is("string") && !is_file {
            prop.entry("minLength").or_insert(1.into());
        }
    }
}

/// Writes the range of every fixed-width integer of a document (`format: uint32`, what
/// schemars says of a `u32`) as `minimum`/`maximum`, where its schema gives none: the
/// server refuses `4294967296` for a `u32`, so the document says so, for the tools that
/// read bounds and not formats (schemathesis found `?offset=4294967296` refused by a
/// schema that allowed it). 64-bit formats keep their range in the format alone: the
/// OpenAPI format registry defines it, and their bounds are not numbers every client reads
/// exactly.
pub(crate) fn bound_integers(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            let is_integer = match obj.get("type") {
                Some(Value::String(t)) => t == "integer",
                Some(Value::Array(ts)) => ts.iter().any(|t| t == "integer"),
                _ => false,
            };
            let range: Option<(i64, i64)> = match obj.get("format").and_then(Value::as_str) {
                _ if !is_integer => None,
                Some("int8") => Some((i8::MIN.into(), i8::MAX.into())),
                Some("int16") => Some((i16::MIN.into(), i16::MAX.into())),
                Some("int32") => Some((i32::MIN.into(), i32::MAX.into())),
                Some("uint8") => Some((0, u8::MAX.into())),
                Some("uint16") => Some((0, u16::MAX.into())),
                Some("uint32") => Some((0, u32::MAX.into())),
                _ => None,
            };
            if let Some((min, max)) = range {
                obj.entry("minimum").or_insert(min.into());
                obj.entry("maximum").or_insert(max.into());
            }
            obj.values_mut().for_each(bound_integers);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_integers),
        _ => {}
    }
}

impl DocContext {
    /// A context for documenting the route at `path` (axum syntax: `{id}`, `{*rest}`).
    pub fn new(path: &str) -> Self {
        Self {
            ser: settings().for_serialize().into_generator(),
            de: settings().for_deserialize().into_generator(),
            path: path.to_owned(),
            registered: [Vec::new(), Vec::new()],
        }
    }

    pub(crate) fn set_path(&mut self, path: &str) {
        path.clone_into(&mut self.path);
    }

    /// The route's path, as given to the router.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Names of the path's parameters, in order (`/a/{x}/b/{*y}` -> `["x", "y"]`).
    pub fn path_params(&self) -> Vec<String> {
        path_params(&self.path)
    }

    /// `T`'s schema under the serialize contract (what a response body holds): skipped
    /// fields absent, `skip_serializing_if` fields optional and not nullable. Named types
    /// become components and are referenced.
    pub fn register_output<T: JsonSchema + ?Sized>(&mut self) -> SchemaDoc {
        let mut schema = self.ser.subschema_for::<T>();
        record::<T>(&mut self.registered[0], &schema);
        OptionalNotNull.transform(&mut schema);
        let mut value = schema.to_value();
        crate::tristate::fold_inner_rules(&mut value);
        SchemaDoc {
            side: Side::Output,
            value,
        }
    }

    /// `T`'s response schema with every field a selection can drop optional (the objects
    /// of `T` or of its items, and the models nested in them): what a body filtered by a
    /// request-time field selection (`?fields=`) holds. The components are left as they
    /// are; this schema holds inline copies of them.
    pub(crate) fn register_selected_output<T: JsonSchema + ?Sized>(&mut self) -> SchemaDoc {
        let mut schema = T::json_schema(&mut self.ser);
        OptionalNotNull.transform(&mut schema);
        let mut value = schema.to_value();
        crate::tristate::fold_inner_rules(&mut value);
        let mut defs = self.ser.definitions().clone();
        defs.values_mut()
            .for_each(crate::tristate::fold_inner_rules);
        relax_required(&mut value, &defs, SELECTION_DEPTH, &mut 256);
        SchemaDoc {
            side: Side::Output,
            value,
        }
    }

    /// `T`'s schema under the deserialize contract (what a request body may hold).
    pub fn register_input<T: JsonSchema + ?Sized>(&mut self) -> SchemaDoc {
        let schema = self.de.subschema_for::<T>();
        record::<T>(&mut self.registered[1], &schema);
        let mut value = schema.to_value();
        crate::tristate::fold_inner_rules(&mut value);
        crate::tristate::strip_tristate_comments(&mut value);
        SchemaDoc {
            side: Side::Input,
            value,
        }
    }

    /// Makes the schema of a form body (`application/x-www-form-urlencoded` or
    /// `multipart/form-data`; a component it refers to, or itself) say what a form can
    /// send: an empty value is a missing one (FastAPI's `Form()`, and this crate's forms),
    /// so a required text field needs one character (`minLength: 1`); a list is sent one
    /// value or part an item, so a required list needs one item (`minItems: 1`). Without
    /// them the document allowed requests the server refuses with "Field required"
    /// (schemathesis and the conformance check found both).
    pub(crate) fn require_form_values(&mut self, schema: &mut SchemaDoc) {
        let component = schema
            .value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(COMPONENTS_REF))
            .map(str::to_owned);
        match component.and_then(|name| self.de.definitions_mut().get_mut(&name)) {
            Some(component) => require_form_values(component),
            None => require_form_values(&mut schema.value),
        }
    }

    /// `T`'s own schema under the deserialize contract, inline (`T` is not made a
    /// component; what it refers to is).
    pub(crate) fn inline_input<T: JsonSchema + ?Sized>(&mut self) -> SchemaDoc {
        SchemaDoc {
            side: Side::Input,
            value: T::json_schema(&mut self.de).to_value(),
        }
    }

    /// `T`'s own schema under the deserialize contract with a top-level `$ref` resolved:
    /// what parameters (`Path`, `Query`) are read from. `T` itself is not made a component.
    pub(crate) fn input_object_schema<T: JsonSchema + ?Sized>(&mut self) -> Value {
        let mut schema = T::json_schema(&mut self.de).to_value();
        crate::tristate::fold_inner_rules(&mut schema);
        let mut resolved = resolve_ref(&schema, self.de.definitions());
        crate::tristate::fold_inner_rules(&mut resolved);
        crate::tristate::strip_tristate_comments(&mut resolved);
        resolved
    }

    /// Both contracts' components, transformed, merged and named. Consumes the generators.
    pub(crate) fn finish(mut self) -> Components {
        let mut ser = self.ser.take_definitions(false);
        for schema in ser.values_mut() {
            if let Ok(s) = <&mut Schema>::try_from(schema) {
                OptionalNotNull.transform(s);
            }
        }
        let mut de = self.de.take_definitions(false);
        ser.values_mut()
            .chain(de.values_mut())
            .for_each(crate::tristate::fold_inner_rules);
        de.values_mut()
            .for_each(crate::tristate::strip_tristate_comments);
        let (ser_renames, de_renames) = super::names::qualify(&mut ser, &mut de);
        for (registered, renames) in self.registered.iter().zip([&ser_renames, &de_renames]) {
            refuse_unresolved_clashes(registered, renames);
        }
        let mut components = finish_components(ser, de);
        components.qualified = [ser_renames, de_renames];
        components
    }
}

/// Remembers the component name schemars gave `T` (a `$ref`), if it made one.
fn record<T: JsonSchema + ?Sized>(registered: &mut Vec<Registered>, schema: &Schema) {
    let Some(given) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix(COMPONENTS_REF))
    else {
        return;
    };
    registered.push(Registered {
        given: given.to_owned(),
        asked: T::schema_name().into_owned(),
        id: T::schema_id().into_owned(),
    });
}

/// Two types that ask for one component name, which schemars tells apart with a number
/// (`Item2`) that depends on the order routes are documented in, and which no view
/// qualification renamed: the document refuses to be built, naming both types, rather than
/// give client generators a name that changes.
#[allow(
    clippy::panic,
    reason = "building the document (at startup) cannot go on with an unstable name; like axum's overlapping routes"
)]
fn refuse_unresolved_clashes(registered: &[Registered], renames: &super::names::Renames) {
    for r in registered {
        if r.given == r.asked || renames.contains_key(&r.given) {
            continue;
        }
        let other = registered
            .iter()
            .find(|o| o.given == r.asked && o.id != r.id)
            .map_or_else(|| "another type".to_owned(), |o| format!("`{}`", o.id));
        panic!(
            "two types are named `{}` in the OpenAPI document: `{}` and {other}; give one a \
             name of its own with `#[schemars(rename = \"...\")]` (for a view: \
             `view({}, name = \"...\")`)",
            r.asked, r.id, r.asked
        );
    }
}

fn resolve_ref(schema: &Value, defs: &Map<String, Value>) -> Value {
    let target = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix(COMPONENTS_REF))
        .and_then(|name| defs.get(name));
    match target {
        Some(t) => t.clone(),
        None => schema.clone(),
    }
}

/// How deep a field selection is documented: `?fields=a.b.c` reaches three levels of
/// nested models; deeper models keep their component (and its `required`).
const SELECTION_DEPTH: usize = 4;

/// Drops `required` from the objects a field selection can filter: the top-level object
/// (or the items of a top-level array), and the models nested in their properties, down to
/// [`SELECTION_DEPTH`]. A `$ref` on the way is replaced by an inline copy of its component
/// (with the serialize-contract transform applied first, while `required` still says
/// which properties are optional).
///
/// `fuel` bounds the walk whatever the schema's shape (a model may hold itself).
fn relax_required(v: &mut Value, defs: &Map<String, Value>, depth: usize, fuel: &mut usize) {
    if depth == 0 || *fuel == 0 {
        return;
    }
    *fuel -= 1;
    if v.get("$ref").is_some() {
        let mut resolved = resolve_ref(v, defs);
        if let Ok(s) = <&mut Schema>::try_from(&mut resolved) {
            OptionalNotNull.transform(s);
        }
        if let (Some(target), Some(local)) = (resolved.as_object_mut(), v.as_object()) {
            for (k, val) in local {
                if k != "$ref" {
                    target.insert(k.clone(), val.clone());
                }
            }
        }
        *v = resolved;
    }
    let Some(obj) = v.as_object_mut() else {
        return;
    };
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for prop in props.values_mut() {
            relax_required(prop, defs, depth - 1, fuel);
        }
        obj.remove("required");
    }
    for key in ["items", "additionalProperties"] {
        if let Some(inner) = obj.get_mut(key) {
            relax_required(inner, defs, depth, fuel);
        }
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(alts)) = obj.get_mut(key) {
            for alt in alts {
                relax_required(alt, defs, depth, fuel);
            }
        }
    }
}

pub(crate) fn path_params(path: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        let name = after[..end].trim_start_matches('*');
        out.push(name.to_owned());
        rest = &after[end + 1..];
    }
    out
}

/// axum's path syntax to OpenAPI's: `{*rest}` -> `{rest}`.
pub(crate) fn openapi_path(path: &str) -> String {
    path.replace("{*", "{")
}

/// Under the serialize contract a property missing from `required` is one that
/// `skip_serializing_if` may omit; for an `Option` (`skip_serializing_if = "Option::is_none"`,
/// a view's `exclude_none`) that means a `None` is never written, so the property is
/// documented as not nullable. schemars keeps `null` in the type (it describes the Rust
/// type, not what serde writes); this removes it.
#[derive(Clone, Copy, Debug)]
struct OptionalNotNull;

impl Transform for OptionalNotNull {
    fn transform(&mut self, schema: &mut Schema) {
        if let Some(obj) = schema.as_object_mut() {
            let required: BTreeSet<String> = obj
                .get("required")
                .and_then(Value::as_array)
                .map(|r| {
                    r.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Object(props)) = obj.get_mut("properties") {
                for (name, prop) in props.iter_mut() {
                    // An optional `Tristate` (`exclude_unset`) is absent when unset and
                    // `null` when null: it keeps its `null`.
                    let tristate = prop.get("$comment")
                        == Some(&Value::from(crate::tristate::TRISTATE_COMMENT));
                    if tristate {
                        if let Some(p) = prop.as_object_mut() {
                            p.remove("$comment");
                        }
                    } else if !required.contains(name) {
                        strip_null(prop);
                    }
                }
            }
        }
        transform_subschemas(self, schema);
    }
}

fn is_null_schema(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.len() == 1 && o.get("type") == Some(&Value::from("null")))
}

pub(crate) fn strip_null(prop: &mut Value) {
    let Some(obj) = prop.as_object_mut() else {
        return;
    };
    if let Some(Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }
    if obj.get("const") == Some(&Value::Null) {
        return;
    }
    if let Some(Value::Array(en)) = obj.get_mut("enum") {
        en.retain(|v| !v.is_null());
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(alts)) = obj.get_mut(key) else {
            continue;
        };
        let before = alts.len();
        alts.retain(|a| !is_null_schema(a));
        if alts.len() == before {
            continue;
        }
        if alts.len() == 1 {
            let only = alts.remove(0);
            obj.remove(key);
            match only {
                Value::Object(inner) if !inner.keys().any(|k| obj.contains_key(k)) => {
                    obj.extend(inner);
                }
                other => {
                    obj.insert("allOf".into(), Value::Array(vec![other]));
                }
            }
        }
    }
}

/// The document's components: one map, and how each side's names were renamed.
#[derive(Debug, Default)]
pub(crate) struct Components {
    pub(crate) schemas: BTreeMap<String, Value>,
    input_renames: BTreeSet<String>,
    output_renames: BTreeSet<String>,
    /// Views renamed after their module (output side, input side): see `names`.
    qualified: [super::names::Renames; 2],
}

impl Components {
    /// A schema of the document with its `$ref`s pointing at the final names.
    pub(crate) fn render(&self, schema: &SchemaDoc) -> Value {
        let mut v = schema.value.clone();
        let (qualified, renames) = match schema.side {
            Side::Input => (&self.qualified[1], &self.input_renames),
            Side::Output => (&self.qualified[0], &self.output_renames),
        };
        super::names::rename_refs(&mut v, qualified);
        super::names::strip_markers(&mut v);
        rewrite_refs(&mut v, renames, suffix(schema.side));
        no_boolean_schemas(&mut v);
        v
    }
}

/// `true` (any value, e.g. a `serde_json::Value` body) is written `{}`, and `false` is
/// `{"not": {}}`: valid JSON Schema either way, but several client generators refuse a
/// whole document with a boolean where they expect a Schema Object.
/// `additionalProperties: true` is left alone (generators read that one).
pub(crate) fn no_boolean_schemas(schema: &mut Value) {
    match schema {
        Value::Bool(true) => *schema = Value::Object(Map::new()),
        Value::Bool(false) => *schema = serde_json::json!({"not": {}}),
        Value::Object(obj) => {
            for (key, sub) in obj.iter_mut() {
                match key.as_str() {
                    "properties" | "$defs" | "patternProperties" => {
                        if let Value::Object(map) = sub {
                            map.values_mut().for_each(no_boolean_schemas);
                        }
                    }
                    "allOf" | "anyOf" | "oneOf" | "prefixItems" => {
                        if let Value::Array(list) = sub {
                            list.iter_mut().for_each(no_boolean_schemas);
                        }
                    }
                    "items" | "not" | "contains" | "propertyNames" => no_boolean_schemas(sub),
                    "additionalProperties" if sub.is_object() => no_boolean_schemas(sub),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

fn suffix(side: Side) -> &'static str {
    match side {
        Side::Input => "-Input",
        Side::Output => "-Output",
    }
}

fn rewrite_refs(v: &mut Value, renamed: &BTreeSet<String>, suffix: &str) {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r.strip_prefix(COMPONENTS_REF)
                && renamed.contains(name)
            {
                *r = format!("{COMPONENTS_REF}{name}{suffix}");
            }
            for child in map.values_mut() {
                rewrite_refs(child, renamed, suffix);
            }
        }
        Value::Array(items) => {
            for child in items {
                rewrite_refs(child, renamed, suffix);
            }
        }
        _ => {}
    }
}

/// Merges the two contracts' definitions. A name whose schemas differ (directly, or because
/// it refers to a name that was split) is split into `-Input`/`-Output`; the split spreads to
/// a fixpoint so every `$ref` points at a schema of its own side.
pub(crate) fn finish_components(ser: Map<String, Value>, de: Map<String, Value>) -> Components {
    let both: Vec<&String> = ser.keys().filter(|k| de.contains_key(*k)).collect();
    let mut split: BTreeSet<String> = BTreeSet::new();
    loop {
        let mut grew = false;
        for name in &both {
            if split.contains(*name) {
                continue;
            }
            let (mut s, mut d) = (ser[*name].clone(), de[*name].clone());
            rewrite_refs(&mut s, &split, "-Output");
            rewrite_refs(&mut d, &split, "-Input");
            if s != d {
                split.insert((*name).clone());
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    let mut schemas = BTreeMap::new();
    for (side, defs) in [(Side::Output, ser), (Side::Input, de)] {
        for (name, mut schema) in defs {
            rewrite_refs(&mut schema, &split, suffix(side));
            no_boolean_schemas(&mut schema);
            let key = if split.contains(&name) {
                format!("{name}{}", suffix(side))
            } else {
                name
            };
            schemas.insert(key, schema);
        }
    }
    Components {
        schemas,
        input_renames: split.clone(),
        output_renames: split,
        qualified: Default::default(),
    }
}

fn generator_for(settings: SchemaSettings) -> SchemaGenerator {
    settings
        .with(|s| s.meta_schema = Some("https://json-schema.org/draft/2020-12/schema".into()))
        .into_generator()
}

/// `T`'s JSON Schema as a response body holds it (serialize contract; components under
/// `$defs`), as the document describes it: what `View::json_schema()`-style inspection
/// prints.
///
/// ```
/// use serde::Serialize;
/// use schemars::JsonSchema;
///
/// #[derive(Serialize, JsonSchema)]
/// struct UserOut {
///     name: String,
///     #[serde(skip_serializing_if = "Option::is_none")]
///     bio: Option<String>,
/// }
///
/// let s = response_model::openapi::output_schema::<UserOut>();
/// assert_eq!(s["required"], serde_json::json!(["name"]));
/// // never `null`: a `None` is omitted.
/// assert_eq!(s["properties"]["bio"]["type"], "string");
/// ```
pub fn output_schema<T: JsonSchema + ?Sized>() -> Value {
    let mut schema =
        generator_for(SchemaSettings::draft2020_12().for_serialize()).into_root_schema_for::<T>();
    OptionalNotNull.transform(&mut schema);
    let mut value = schema.to_value();
    super::names::strip_markers(&mut value);
    crate::tristate::fold_inner_rules(&mut value);
    value
}

/// `T`'s JSON Schema as a request body may hold it (deserialize contract).
///
/// ```
/// use serde::Deserialize;
/// use schemars::JsonSchema;
///
/// #[derive(Deserialize, JsonSchema)]
/// struct ItemIn {
///     name: String,
///     #[serde(default)]
///     tags: Vec<String>,
/// }
///
/// let s = response_model::openapi::input_schema::<ItemIn>();
/// assert_eq!(s["required"], serde_json::json!(["name"]));
/// ```
pub fn input_schema<T: JsonSchema + ?Sized>() -> Value {
    let mut value = generator_for(SchemaSettings::draft2020_12().for_deserialize())
        .into_root_schema_for::<T>()
        .to_value();
    super::names::strip_markers(&mut value);
    crate::tristate::fold_inner_rules(&mut value);
    crate::tristate::strip_tristate_comments(&mut value);
    value
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // reason: tests
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strips_null_only_from_optional_properties() {
        let mut s: Schema = json!({
            "type": "object",
            "properties": {
                "a": {"type": ["string", "null"]},
                "b": {"type": ["string", "null"]},
                "c": {"anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}], "description": "d"}
            },
            "required": ["a"]
        })
        .try_into()
        .unwrap();
        OptionalNotNull.transform(&mut s);
        assert_eq!(
            s.to_value()["properties"],
            json!({
                "a": {"type": ["string", "null"]},
                "b": {"type": "string"},
                "c": {"$ref": "#/components/schemas/X", "description": "d"}
            })
        );
    }

    #[test]
    fn split_spreads_to_referrers() {
        let ser = json!({
            "Item": {"type": "object", "required": ["a"]},
            "Outer": {"properties": {"i": {"$ref": "#/components/schemas/Item"}}},
            "Same": {"type": "string"},
        });
        let de = json!({
            "Item": {"type": "object"},
            "Outer": {"properties": {"i": {"$ref": "#/components/schemas/Item"}}},
            "Same": {"type": "string"},
        });
        let (Value::Object(ser), Value::Object(de)) = (ser, de) else {
            unreachable!()
        };
        let c = finish_components(ser, de);
        let names: Vec<_> = c.schemas.keys().cloned().collect();
        assert_eq!(
            names,
            [
                "Item-Input",
                "Item-Output",
                "Outer-Input",
                "Outer-Output",
                "Same"
            ]
        );
        assert_eq!(
            c.schemas["Outer-Input"]["properties"]["i"]["$ref"],
            "#/components/schemas/Item-Input"
        );
        let r = c.render(&SchemaDoc {
            side: Side::Output,
            value: json!({"$ref": "#/components/schemas/Outer"}),
        });
        assert_eq!(r["$ref"], "#/components/schemas/Outer-Output");
    }

    #[test]
    fn path_params_in_order() {
        assert_eq!(path_params("/a/{x}/b/{*y}"), ["x", "y"]);
        assert_eq!(openapi_path("/a/{x}/b/{*y}"), "/a/{x}/b/{y}");
    }
}
