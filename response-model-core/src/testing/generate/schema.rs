//! Values for a JSON Schema: a proptest strategy built from the schema (3.1's JSON Schema
//! 2020-12, or a 3.0 Schema Object read as such: `nullable`, boolean `exclusiveMinimum`),
//! and the validator that says whether a value is one the document allows.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use proptest::prelude::*;
use proptest::strategy::Union;
use serde_json::{Map, Value, json};

use super::pattern;
use crate::testing::oas30;

/// `$ref`s followed before a schema is generated in its smallest form (required
/// properties only, no optional items, `null` where allowed): recursion ends.
const MAX_DEPTH: usize = 4;
/// Past this, a schema that still recurses gets `null` (and the value is refused by the
/// validator, so the part is left out or taken from an example).
const HARD_DEPTH: usize = 12;
/// Generated strings are no longer than this, unless `minLength` needs more.
pub(super) const MAX_STRING: usize = 20;
/// Arrays get no more items than this, unless `minItems` needs more.
const MAX_ITEMS: usize = 4;
/// Numbers without bounds stay within plus or minus this.
const NUMBER_SPAN: f64 = 1e6;

/// The characters a string may be made of, by where it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Charset {
    /// A JSON body, a query or a path (percent-encoded): printable text, some of it
    /// beyond ASCII.
    Text,
    /// A header's value: visible ASCII.
    Header,
    /// A cookie's value: RFC 6265's `cookie-octet`s.
    Cookie,
}

/// The document's components (as 3.1 reads them, or converted for 3.0), the `$ref`s
/// resolved in them, and validators compiled once per schema.
pub(super) struct Schemas {
    /// The document, whose `#/components/...` the schemas' `$ref`s point into.
    doc: Value,
    /// A 3.0 document: its schemas are converted before they are compiled.
    is_3_0: bool,
    /// What every compiled schema carries (`components`, converted for 3.0).
    components: Value,
    /// Validators by their schema's text (`None`: it does not compile).
    compiled: RefCell<HashMap<String, Option<Rc<jsonschema::Validator>>>>,
}

impl Schemas {
    /// The schemas of `doc` (an OpenAPI 3.0 or 3.1 document).
    pub(super) fn new(doc: &Value) -> Self {
        let is_3_0 = doc["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with("3.0"));
        let components = with_format_ranges(&if is_3_0 {
            oas30::components(&doc["components"])
        } else {
            doc.get("components").cloned().unwrap_or_else(|| json!({}))
        });
        Self {
            doc: doc.clone(),
            is_3_0,
            components,
            compiled: RefCell::new(HashMap::new()),
        }
    }

    /// `value`, or what its `$ref` (`#/...` of the document) points at; whether it was one.
    pub(super) fn resolve<'a>(&'a self, value: &'a Value) -> (&'a Value, bool) {
        match value.get("$ref").and_then(Value::as_str) {
            Some(r) => match r.strip_prefix('#').and_then(|p| self.doc.pointer(p)) {
                Some(target) => (target, true),
                None => (value, false),
            },
            None => (value, false),
        }
    }

    /// `value` with its `$ref`s followed (up to a few) and merged with the keywords beside
    /// them.
    pub(super) fn deref(&self, value: &Value) -> Value {
        let mut current = value.clone();
        for _ in 0..MAX_DEPTH {
            let (target, followed) = self.resolve(&current);
            if !followed {
                break;
            }
            let target = target.clone();
            current = merge_siblings(&target, &current);
        }
        current
    }

    /// Whether `value` is valid for `schema` (formats checked); the first error if not.
    /// A schema that does not compile accepts nothing.
    pub(super) fn check(&self, schema: &Value, value: &Value) -> Result<(), String> {
        let Some(validator) = self.validator(schema) else {
            return Err("the schema does not compile".to_owned());
        };
        match validator.iter_errors(value).next() {
            None => Ok(()),
            Some(e) => Err(e.to_string()),
        }
    }

    /// `schema` compiled (with the components, formats checked), once.
    fn validator(&self, schema: &Value) -> Option<Rc<jsonschema::Validator>> {
        let key = schema.to_string();
        if let Some(v) = self.compiled.borrow().get(&key) {
            return v.clone();
        }
        let root = if self.is_3_0 {
            json!({
                "$schema": oas30::DRAFT4,
                "allOf": [with_format_ranges(&oas30::to_json_schema(schema))],
                "components": self.components,
            })
        } else {
            json!({
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "allOf": [with_format_ranges(schema)],
                "components": self.components,
            })
        };
        let compiled = jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
            .ok()
            .map(Rc::new);
        self.compiled.borrow_mut().insert(key, compiled.clone());
        compiled
    }

    /// The JSON types a value of `schema` may have (through `$ref`, `allOf`, `anyOf`,
    /// `oneOf`, `enum`, `const`); empty when any type is.
    pub(super) fn types(&self, schema: &Value) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_types(schema, 0, &mut out);
        out
    }

    /// Adds `schema`'s types to `out`.
    fn collect_types(&self, schema: &Value, depth: usize, out: &mut Vec<String>) {
        if depth > MAX_DEPTH {
            return;
        }
        let schema = self.deref(schema);
        let mut push = |t: &str| {
            if !out.iter().any(|o| o == t) {
                out.push(t.to_owned());
            }
        };
        match &schema["type"] {
            Value::String(t) => push(t),
            Value::Array(list) => list.iter().filter_map(Value::as_str).for_each(&mut push),
            _ => {}
        }
        if schema["nullable"] == true && self.is_3_0 {
            push("null");
        }
        for v in schema["enum"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(schema.get("const"))
        {
            push(json_type(v));
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for sub in schema[key].as_array().into_iter().flatten() {
                self.collect_types(sub, depth + 1, out);
            }
        }
        if out.is_empty() {
            if schema.get("properties").is_some() {
                out.push("object".to_owned());
            } else if schema.get("items").is_some() {
                out.push("array".to_owned());
            }
        }
    }

    /// The example the document gives in `schema` (or a `$ref`'d one): `example`, the
    /// first of `examples`, or `default`.
    pub(super) fn example(&self, schema: &Value) -> Option<Value> {
        let schema = self.deref(schema);
        schema
            .get("example")
            .or_else(|| schema["examples"].get(0))
            .or_else(|| schema.get("default"))
            .cloned()
    }
}

/// `schema` (and every schema in it) with the range of its integer `format` written as
/// `minimum`/`maximum` where it gives none: a JSON Schema validator reads `format` on
/// strings only, and the document says an `int32` or a `uint32` (`u32`) is no larger.
pub(crate) fn with_format_ranges(schema: &Value) -> Value {
    match schema {
        Value::Array(items) => Value::Array(items.iter().map(with_format_ranges).collect()),
        Value::Object(obj) => {
            let mut out: Map<String, Value> = obj
                .iter()
                .map(|(k, v)| (k.clone(), with_format_ranges(v)))
                .collect();
            let integer = match &obj.get("type") {
                Some(Value::String(t)) => t == "integer",
                Some(Value::Array(list)) => list.iter().any(|t| t == "integer"),
                _ => false,
            };
            let format = obj.get("format").and_then(Value::as_str);
            let known = matches!(
                format,
                Some(
                    "int8"
                        | "int16"
                        | "int32"
                        | "int64"
                        | "uint8"
                        | "uint16"
                        | "uint32"
                        | "uint64"
                        | "uint"
                )
            );
            if integer && known {
                let (lo, hi) = format_range(format);
                out.entry("minimum").or_insert_with(|| int_value(lo));
                out.entry("maximum").or_insert_with(|| int_value(hi));
            }
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The JSON type of `v` (`integer` for a number without a fraction).
pub(super) fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// `target` (what a `$ref` points at) with the keywords beside the `$ref` in `at`.
fn merge_siblings(target: &Value, at: &Value) -> Value {
    let mut siblings = at.as_object().cloned().unwrap_or_default();
    siblings.remove("$ref");
    if siblings.is_empty() {
        return target.clone();
    }
    merge(target, &Value::Object(siblings))
}

/// The schema a value must satisfy to satisfy both `a` and `b` (for `allOf`): properties
/// and required names joined, bounds the tighter, types and enums intersected, the rest
/// `b`'s over `a`'s.
pub(super) fn merge(a: &Value, b: &Value) -> Value {
    let (Some(a), Some(b)) = (a.as_object(), b.as_object()) else {
        return if b.is_object() { b.clone() } else { a.clone() };
    };
    let mut out = a.clone();
    for (key, bv) in b {
        let merged = match (key.as_str(), out.get(key)) {
            (_, None) => bv.clone(),
            ("properties", Some(Value::Object(ap))) => {
                let mut props = ap.clone();
                for (name, s) in bv.as_object().into_iter().flatten() {
                    let joined = match props.get(name) {
                        Some(existing) => merge(existing, s),
                        None => s.clone(),
                    };
                    props.insert(name.clone(), joined);
                }
                Value::Object(props)
            }
            ("required", Some(Value::Array(ar))) => {
                let mut names = ar.clone();
                for n in bv.as_array().into_iter().flatten() {
                    if !names.contains(n) {
                        names.push(n.clone());
                    }
                }
                Value::Array(names)
            }
            ("minimum" | "minLength" | "minItems" | "minProperties", Some(av)) => {
                match (av.as_f64(), bv.as_f64()) {
                    (Some(x), Some(y)) if x >= y => av.clone(),
                    _ => bv.clone(),
                }
            }
            ("maximum" | "maxLength" | "maxItems" | "maxProperties", Some(av)) => {
                match (av.as_f64(), bv.as_f64()) {
                    (Some(x), Some(y)) if x <= y => av.clone(),
                    _ => bv.clone(),
                }
            }
            ("additionalProperties", Some(av)) if *av == false => av.clone(),
            ("type", Some(av)) => {
                let list = |v: &Value| -> Vec<Value> {
                    match v {
                        Value::Array(l) => l.clone(),
                        other => vec![other.clone()],
                    }
                };
                let bl = list(bv);
                let both: Vec<Value> = list(av)
                    .into_iter()
                    .filter(|t| {
                        bl.contains(t) || (*t == "number" && bl.contains(&json!("integer")))
                    })
                    .map(|t| {
                        if t == "number" && !bl.contains(&t) {
                            json!("integer")
                        } else {
                            t
                        }
                    })
                    .collect();
                match both.len() {
                    0 => bv.clone(),
                    1 => both[0].clone(),
                    _ => Value::Array(both),
                }
            }
            ("enum", Some(Value::Array(ae))) => {
                let be = bv.as_array().cloned().unwrap_or_default();
                Value::Array(ae.iter().filter(|v| be.contains(v)).cloned().collect())
            }
            _ => bv.clone(),
        };
        out.insert(key.clone(), merged);
    }
    Value::Object(out)
}

/// Builds the strategy of a schema; what could not be honoured is noted.
pub(super) struct Builder<'a> {
    /// Where `$ref`s point.
    schemas: &'a Schemas,
    /// What strings are made of.
    charset: Charset,
    /// The document's examples and defaults where it gives them, and optional properties
    /// only where they have one.
    examples: bool,
    /// What the generator could not honour (an unsupported `pattern`), for the report.
    pub(super) notes: Vec<String>,
}

impl<'a> Builder<'a> {
    /// A builder for values going to `charset`'s place; `examples`: see the field.
    pub(super) fn new(schemas: &'a Schemas, charset: Charset, examples: bool) -> Self {
        Self {
            schemas,
            charset,
            examples,
            notes: Vec::new(),
        }
    }

    /// The strategy of `schema`'s values.
    pub(super) fn strategy(&mut self, schema: &Value) -> BoxedStrategy<Value> {
        self.build(schema, 0)
    }

    /// The strategy of `schema`, `depth` `$ref`s down.
    fn build(&mut self, schema: &Value, depth: usize) -> BoxedStrategy<Value> {
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(false) => return Just(Value::Null).boxed(),
            _ => return any_scalar(self.charset),
        };
        if depth > HARD_DEPTH {
            return Just(Value::Null).boxed();
        }
        if self.examples
            && let Some(example) = obj
                .get("example")
                .or_else(|| obj.get("examples").and_then(|e| e.get(0)))
                .or_else(|| obj.get("default"))
        {
            return Just(example.clone()).boxed();
        }
        if obj.contains_key("$ref") {
            let (target, followed) = self.schemas.resolve(schema);
            if followed {
                let merged = merge_siblings(target, schema);
                return self.build(&merged, depth + 1);
            }
            return any_scalar(self.charset);
        }
        if let Some(Value::Array(all)) = obj.get("allOf") {
            let mut base = obj.clone();
            base.remove("allOf");
            let mut merged = Value::Object(base);
            let mut deeper = depth;
            for sub in all {
                let sub = if sub.get("$ref").is_some() {
                    deeper = depth + 1;
                    self.schemas.deref(sub)
                } else {
                    sub.clone()
                };
                merged = merge(&merged, &sub);
            }
            return self.build(&merged, deeper);
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(Value::Array(branches)) = obj.get(key) {
                let mut base = obj.clone();
                base.remove(key);
                let base = Value::Object(base);
                let minimal = depth >= MAX_DEPTH;
                let mut chosen: Vec<&Value> = branches.iter().collect();
                if minimal {
                    // The branches that do not recurse, when there are some.
                    let flat: Vec<&Value> = branches
                        .iter()
                        .filter(|b| !b.to_string().contains("$ref"))
                        .collect();
                    if !flat.is_empty() {
                        chosen = flat;
                    }
                }
                let arms: Vec<BoxedStrategy<Value>> = chosen
                    .into_iter()
                    .map(|b| self.build(&merge(&base, b), depth))
                    .collect();
                if arms.is_empty() {
                    return Just(Value::Null).boxed();
                }
                return Union::new(arms).boxed();
            }
        }
        if let Some(c) = obj.get("const") {
            return Just(c.clone()).boxed();
        }
        if let Some(Value::Array(values)) = obj.get("enum") {
            if values.is_empty() {
                return Just(Value::Null).boxed();
            }
            return proptest::sample::select(values.clone()).boxed();
        }
        let mut types: Vec<String> = match obj.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(list)) => list
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => vec![implied_type(obj).to_owned()],
        };
        if obj.get("nullable") == Some(&Value::Bool(true)) && !types.iter().any(|t| t == "null") {
            types.push("null".to_owned());
        }
        if depth >= MAX_DEPTH && types.iter().any(|t| t == "null") {
            return Just(Value::Null).boxed();
        }
        let arms: Vec<(u32, BoxedStrategy<Value>)> = types
            .iter()
            .map(|t| {
                let weight = if t == "null" { 1 } else { 3 };
                (weight, self.typed(t, obj, depth))
            })
            .collect();
        match arms.len() {
            0 => any_scalar(self.charset),
            1 => arms
                .into_iter()
                .map(|(_, s)| s)
                .next()
                .unwrap_or_else(|| any_scalar(self.charset)),
            _ => Union::new_weighted(arms).boxed(),
        }
    }

    /// The strategy of `obj`'s values of the JSON type `ty`.
    fn typed(&mut self, ty: &str, obj: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        match ty {
            "null" => Just(Value::Null).boxed(),
            "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
            "integer" => integers(obj),
            "number" => numbers(obj),
            "string" => self.strings(obj),
            "array" => self.arrays(obj, depth),
            "object" => self.objects(obj, depth),
            _ => any_scalar(self.charset),
        }
    }

    /// Strings: of the pattern, else the format, else plain; within the lengths.
    fn strings(&mut self, obj: &Map<String, Value>) -> BoxedStrategy<Value> {
        let min = usize_of(obj.get("minLength")).unwrap_or(0);
        let max = usize_of(obj.get("maxLength"));
        let within = move |s: &String| {
            let n = s.chars().count();
            n >= min && max.is_none_or(|m| n <= m)
        };
        if let Some(p) = obj.get("pattern").and_then(Value::as_str) {
            return match pattern::strategy(p, self.charset) {
                Ok(s) => s
                    .prop_filter("length", within)
                    .prop_map(Value::String)
                    .boxed(),
                Err(e) => {
                    self.notes.push(format!(
                        "pattern `{}` not supported by the generator ({e}); examples used",
                        short(p, 40)
                    ));
                    match obj
                        .get("example")
                        .or_else(|| obj.get("examples").and_then(|e| e.get(0)))
                        .or_else(|| obj.get("default"))
                    {
                        Some(example) => Just(example.clone()).boxed(),
                        None => plain_string(self.charset, min, max)
                            .prop_map(Value::String)
                            .boxed(),
                    }
                }
            };
        }
        if let Some(f) = obj.get("format").and_then(Value::as_str)
            && let Some(s) = format_strategy(f)
        {
            return s
                .prop_filter("length", within)
                .prop_map(Value::String)
                .boxed();
        }
        plain_string(self.charset, min, max)
            .prop_map(Value::String)
            .boxed()
    }

    /// Arrays: a few items, within `minItems`/`maxItems`, unique if asked.
    fn arrays(&mut self, obj: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let min = usize_of(obj.get("minItems")).unwrap_or(0);
        let max = usize_of(obj.get("maxItems"))
            .unwrap_or(usize::MAX)
            .min(min.max(MAX_ITEMS));
        let max = if depth >= MAX_DEPTH {
            min
        } else {
            max.max(min)
        };
        if let Some(Value::Array(prefix)) = obj.get("prefixItems") {
            let items: Vec<BoxedStrategy<Value>> =
                prefix.iter().map(|s| self.build(s, depth)).collect();
            return items.prop_map(Value::Array).boxed();
        }
        let item = match obj.get("items") {
            Some(s) => self.build(s, depth),
            None => any_scalar(self.charset),
        };
        let vec = proptest::collection::vec(item, min..=max);
        if obj.get("uniqueItems") == Some(&Value::Bool(true)) {
            return vec
                .prop_map(|items| {
                    let mut unique: Vec<Value> = Vec::with_capacity(items.len());
                    for v in items {
                        if !unique.contains(&v) {
                            unique.push(v);
                        }
                    }
                    unique
                })
                .prop_filter("minItems once duplicates are gone", move |v| v.len() >= min)
                .prop_map(Value::Array)
                .boxed();
        }
        vec.prop_map(Value::Array).boxed()
    }

    /// Objects: the required properties, some optional ones, now and then an undeclared
    /// one where the object is open.
    fn objects(&mut self, obj: &Map<String, Value>, depth: usize) -> BoxedStrategy<Value> {
        let minimal = depth >= MAX_DEPTH;
        let required: Vec<String> = obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect();
        let empty = Map::new();
        let props = obj
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut entries: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
        for (name, sub) in props {
            let key = name.clone();
            // A request leaves out what only responses carry (OpenAPI's `readOnly`).
            let read_only = self.schemas.deref(sub)["readOnly"] == true;
            if read_only && !required.contains(name) {
                continue;
            }
            if required.contains(name) {
                entries.push(
                    self.build(sub, depth)
                        .prop_map(move |v| Some((key.clone(), v)))
                        .boxed(),
                );
            } else if self.examples {
                if self.schemas.example(sub).is_some() {
                    entries.push(
                        self.build(sub, depth)
                            .prop_map(move |v| Some((key.clone(), v)))
                            .boxed(),
                    );
                }
            } else if !minimal {
                entries.push(
                    proptest::option::weighted(0.5, self.build(sub, depth))
                        .prop_map(move |v| v.map(|v| (key.clone(), v)))
                        .boxed(),
                );
            }
        }
        // Required names no property describes: any value.
        for name in required.iter().filter(|n| !props.contains_key(*n)) {
            let key = name.clone();
            entries.push(
                any_scalar(self.charset)
                    .prop_map(move |v| Some((key.clone(), v)))
                    .boxed(),
            );
        }
        let additional = obj.get("additionalProperties");
        let closed = additional == Some(&Value::Bool(false))
            || obj.contains_key("patternProperties")
            || obj.contains_key("propertyNames")
            || obj.contains_key("unevaluatedProperties");
        if !closed && !self.examples && !minimal {
            let value = match additional {
                Some(s @ Value::Object(_)) => self.build(s, depth),
                _ => any_scalar(self.charset),
            };
            // A map (`HashMap<String, T>`: no properties) gets a few entries; a struct,
            // now and then, a field it does not declare (clients may send one).
            let names: Vec<String> = (0..3)
                .map(|i| format!("extra_{i}"))
                .filter(|n| !props.contains_key(n))
                .collect();
            let chance = if props.is_empty() { 0.6 } else { 0.15 };
            for name in names.into_iter().take(if props.is_empty() { 3 } else { 1 }) {
                entries.push(
                    proptest::option::weighted(chance, value.clone())
                        .prop_map(move |v| v.map(|v| (name.clone(), v)))
                        .boxed(),
                );
            }
        }
        entries
            .prop_map(|list| Value::Object(list.into_iter().flatten().collect()))
            .boxed()
    }
}

/// The type a schema without `type` describes, by its keywords.
fn implied_type(obj: &Map<String, Value>) -> &'static str {
    let has = |keys: &[&str]| keys.iter().any(|k| obj.contains_key(*k));
    if has(&["properties", "required", "additionalProperties"]) {
        "object"
    } else if has(&["items", "prefixItems", "minItems", "maxItems"]) {
        "array"
    } else if has(&["minLength", "maxLength", "pattern", "format"]) {
        "string"
    } else if has(&[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ]) {
        "number"
    } else {
        "any"
    }
}

/// A JSON number as a `usize`.
fn usize_of(v: Option<&Value>) -> Option<usize> {
    v.and_then(Value::as_u64)
        .map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// The first `n` characters of `s`, and `…` if there were more.
pub(super) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(n).collect();
    out.push('…');
    out
}

/// A bound of a number: its value, and whether it is exclusive.
pub(super) type Bound = (f64, bool);

/// Lower and upper bounds of a number schema: (value, exclusive) each, read from 2020-12
/// (`exclusiveMinimum: 3`) and draft 4 / 3.0 (`minimum: 3, exclusiveMinimum: true`).
pub(super) fn bounds(obj: &Map<String, Value>) -> (Option<Bound>, Option<Bound>) {
    let side = |incl: &str, excl: &str| -> Option<Bound> {
        let inclusive = obj.get(incl).and_then(Value::as_f64);
        match obj.get(excl) {
            Some(Value::Bool(true)) => inclusive.map(|v| (v, true)),
            Some(Value::Number(n)) => {
                let e = n.as_f64()?;
                match inclusive {
                    Some(i) if (incl == "minimum" && i > e) || (incl == "maximum" && i < e) => {
                        Some((i, false))
                    }
                    _ => Some((e, true)),
                }
            }
            _ => inclusive.map(|v| (v, false)),
        }
    };
    (
        side("minimum", "exclusiveMinimum"),
        side("maximum", "exclusiveMaximum"),
    )
}

/// The range an integer `format` gives (this crate writes `uint32` with `minimum: 0`).
pub(super) fn format_range(format: Option<&str>) -> (i128, i128) {
    match format {
        Some("int8") => (i8::MIN.into(), i8::MAX.into()),
        Some("int16") => (i16::MIN.into(), i16::MAX.into()),
        Some("int32") => (i32::MIN.into(), i32::MAX.into()),
        Some("uint8") => (0, u8::MAX.into()),
        Some("uint16") => (0, u16::MAX.into()),
        Some("uint32") => (0, u32::MAX.into()),
        Some("uint64" | "uint") => (0, u64::MAX.into()),
        _ => (i64::MIN.into(), i64::MAX.into()),
    }
}

/// The inclusive integer range a schema allows.
pub(super) fn integer_range(obj: &Map<String, Value>) -> (i128, i128) {
    let (flo, fhi) = format_range(obj.get("format").and_then(Value::as_str));
    let (lo, hi) = bounds(obj);
    let lo = lo.map_or(flo, |(v, excl)| {
        let c = if excl { v.floor() + 1.0 } else { v.ceil() };
        clamp_to_i128(c).max(flo)
    });
    let hi = hi.map_or(fhi, |(v, excl)| {
        let c = if excl { v.ceil() - 1.0 } else { v.floor() };
        clamp_to_i128(c).min(fhi)
    });
    (lo, hi)
}

#[allow(
    clippy::cast_possible_truncation,
    reason = "clamped to the i64/u64 span first; the fraction is gone (floor/ceil)"
)]
/// `v` (whole) as an `i128`, within `i64::MIN..=u64::MAX`.
fn clamp_to_i128(v: f64) -> i128 {
    v.clamp(i64::MIN as f64, u64::MAX as f64) as i128
}

/// An integer as JSON (`i64`, else `u64`).
pub(super) fn int_value(n: i128) -> Value {
    i64::try_from(n)
        .map(Value::from)
        .or_else(|_| u64::try_from(n).map(Value::from))
        .unwrap_or(Value::Null)
}

/// Integers within the schema's bounds and format, the bounds themselves often.
fn integers(obj: &Map<String, Value>) -> BoxedStrategy<Value> {
    let (lo, hi) = integer_range(obj);
    if lo > hi {
        return Just(Value::Null).boxed();
    }
    let step = obj
        .get("multipleOf")
        .and_then(Value::as_u64)
        .filter(|m| *m > 1)
        .map(i128::from);
    if let Some(m) = step {
        let (klo, khi) = (
            lo.div_euclid(m) + i128::from(lo.rem_euclid(m) != 0),
            hi.div_euclid(m),
        );
        if klo > khi {
            return Just(Value::Null).boxed();
        }
        let near =
            (klo.max(-10)..=khi.min(10).max(klo.max(-10))).prop_map(move |k| int_value(k * m));
        return Union::new_weighted(vec![
            (1, Just(int_value(klo * m)).boxed()),
            (1, Just(int_value(khi * m)).boxed()),
            (2, near.boxed()),
            (2, (klo..=khi).prop_map(move |k| int_value(k * m)).boxed()),
        ])
        .boxed();
    }
    let small_lo = lo.max(-10);
    let small_hi = hi.min(10);
    let mut arms: Vec<(u32, BoxedStrategy<Value>)> = vec![
        (1, Just(int_value(lo)).boxed()),
        (1, Just(int_value(hi)).boxed()),
        (1, Just(int_value((lo + 1).min(hi))).boxed()),
        (1, Just(int_value((hi - 1).max(lo))).boxed()),
        (2, (lo..=hi).prop_map(int_value).boxed()),
    ];
    if small_lo <= small_hi {
        // Small values (ids that exist, counts a test uses) most often.
        arms.push((4, (small_lo..=small_hi).prop_map(int_value).boxed()));
    }
    Union::new_weighted(arms).boxed()
}

/// Decimal places of `m`'s shortest form (`0.01` -> 2).
fn decimals(m: f64) -> i32 {
    let text = format!("{m}");
    text.split_once('.')
        .map_or(0, |(_, f)| i32::try_from(f.len()).unwrap_or(0))
}

/// `x` rounded to `places` decimals.
fn round_to(x: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (x * scale).round() / scale
}

/// A finite `f64` as JSON.
fn float_value(x: f64) -> Value {
    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
}

/// Numbers within the schema's bounds, the bounds often, short decimals otherwise.
fn numbers(obj: &Map<String, Value>) -> BoxedStrategy<Value> {
    let (lo, hi) = bounds(obj);
    let nudge = |v: f64| (v.abs() * 1e-9).max(1e-6);
    let lo_v = lo.map(|(v, excl)| if excl { v + nudge(v) } else { v });
    let hi_v = hi.map(|(v, excl)| if excl { v - nudge(v) } else { v });
    let lo = lo_v.unwrap_or_else(|| hi_v.map_or(-NUMBER_SPAN, |h| h.min(0.0) - NUMBER_SPAN));
    let hi = hi_v.unwrap_or_else(|| lo_v.map_or(NUMBER_SPAN, |l| l.max(0.0) + NUMBER_SPAN));
    if lo > hi || !lo.is_finite() || !hi.is_finite() {
        return Just(Value::Null).boxed();
    }
    if let Some(m) = obj
        .get("multipleOf")
        .and_then(Value::as_f64)
        .filter(|m| *m > 0.0)
    {
        let places = decimals(m);
        let klo = (lo / m).ceil();
        let khi = (hi / m).floor();
        if klo > khi {
            return Just(Value::Null).boxed();
        }
        return (klo..=khi)
            .prop_map(move |k| float_value(round_to(k.round() * m, places)))
            .boxed();
    }
    let within = move |x: f64| if (lo..=hi).contains(&x) { x } else { lo };
    let mut arms: Vec<(u32, BoxedStrategy<Value>)> = vec![
        (1, Just(float_value(lo)).boxed()),
        (1, Just(float_value(hi)).boxed()),
        (
            3,
            (lo..=hi)
                .prop_map(move |x| float_value(within(round_to(x, 2))))
                .boxed(),
        ),
        (
            2,
            (lo..=hi)
                .prop_map(move |x| float_value(within(x.round())))
                .boxed(),
        ),
    ];
    if (lo..=hi).contains(&0.0) {
        arms.push((1, Just(float_value(0.0)).boxed()));
    }
    Union::new_weighted(arms).boxed()
}

/// A character for `charset`: mostly letters and digits, some punctuation, for text a
/// few beyond ASCII.
fn char_strategy(charset: Charset) -> BoxedStrategy<char> {
    const TEXT_PUNCT: &[char] = &[
        ' ', '-', '_', '.', '@', '/', '+', '%', '&', '=', '?', '#', ',', ':', ';', '\'', '"', '\\',
        '!', '~', '*', '(', ')', '<', '>', '[', ']', '{', '}', '$', '^', '|', '`',
    ];
    const HEADER_PUNCT: &[char] = &[
        '-', '_', '.', '@', '/', '+', '%', '&', '=', '?', '#', ':', ';', '!', '~', '*', '(', ')',
        '<', '>', '[', ']', '{', '}', '$', '^', '|', '`', '\'',
    ];
    const COOKIE_PUNCT: &[char] = &[
        '-', '_', '.', '~', '!', '#', '$', '&', '\'', '(', ')', '*', '+', '/', ':', '<', '=', '>',
        '?', '@', '[', ']', '^', '`', '{', '|', '}',
    ];
    const BEYOND_ASCII: &[char] = &['é', 'ß', 'ñ', 'ü', 'Ж', 'λ', '中', '日', '✓', '€', '😀'];
    let mut arms: Vec<(u32, BoxedStrategy<char>)> = vec![
        (8, proptest::char::range('a', 'z').boxed()),
        (2, proptest::char::range('A', 'Z').boxed()),
        (2, proptest::char::range('0', '9').boxed()),
    ];
    match charset {
        Charset::Text => {
            arms.push((2, proptest::sample::select(TEXT_PUNCT).boxed()));
            arms.push((1, proptest::sample::select(BEYOND_ASCII).boxed()));
        }
        Charset::Header => arms.push((2, proptest::sample::select(HEADER_PUNCT).boxed())),
        Charset::Cookie => arms.push((2, proptest::sample::select(COOKIE_PUNCT).boxed())),
    }
    Union::new_weighted(arms).boxed()
}

/// Strings of `charset` between `min` and `max` characters (at most [`MAX_STRING`] unless
/// `min` needs more); the shortest and longest often.
pub(super) fn plain_string(
    charset: Charset,
    min: usize,
    max: Option<usize>,
) -> BoxedStrategy<String> {
    let hi = max.unwrap_or(usize::MAX).min(min.max(MAX_STRING)).max(min);
    let of = move |range: std::ops::RangeInclusive<usize>| {
        proptest::collection::vec(char_strategy(charset), range)
            .prop_map(String::from_iter)
            .boxed()
    };
    Union::new_weighted(vec![
        (1, of(min..=min)),
        (1, of(hi..=hi)),
        (4, of(min..=hi)),
    ])
    .boxed()
}

/// Strings of a known `format`, as the validators of JSON Schema and of Rust's parsers
/// (`chrono`, `uuid`, garde's email) read them.
fn format_strategy(format: &str) -> Option<BoxedStrategy<String>> {
    let regex = |r: &str| proptest::string::string_regex(r).ok().map(|s| s.boxed());
    match format {
        "email" | "idn-email" => regex(
            "[a-z][a-z0-9]{0,7}(\\.[a-z0-9]{1,5})?@[a-z][a-z0-9]{0,7}\\.(com|org|net|io|example)",
        ),
        "uuid" => regex("[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"),
        "date" => Some(date().boxed()),
        "date-time" => Some(
            (
                date(),
                0u32..24,
                0u32..60,
                0u32..60,
                proptest::bool::weighted(0.3),
            )
                .prop_map(|(d, h, m, s, frac)| {
                    let frac = if frac { ".123" } else { "" };
                    format!("{d}T{h:02}:{m:02}:{s:02}{frac}Z")
                })
                .boxed(),
        ),
        "time" => Some(
            (0u32..24, 0u32..60, 0u32..60)
                .prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}Z"))
                .boxed(),
        ),
        "partial-time" => Some(
            (0u32..24, 0u32..60, 0u32..60)
                .prop_map(|(h, m, s)| format!("{h:02}:{m:02}:{s:02}"))
                .boxed(),
        ),
        "uri" | "url" | "iri" => regex("https://[a-z]{1,10}\\.example\\.com(/[a-z0-9]{1,8}){0,3}"),
        "uri-reference" | "iri-reference" => regex("/[a-z0-9]{1,8}(/[a-z0-9]{1,8}){0,2}"),
        "hostname" | "idn-hostname" => regex("[a-z][a-z0-9]{0,8}(\\.[a-z][a-z0-9]{0,8}){0,2}"),
        "ipv4" => Some(
            any::<[u8; 4]>()
                .prop_map(|[a, b, c, d]| format!("{a}.{b}.{c}.{d}"))
                .boxed(),
        ),
        "ipv6" => Some(
            any::<[u16; 8]>()
                .prop_map(|g| {
                    g.iter()
                        .map(|x| format!("{x:x}"))
                        .collect::<Vec<_>>()
                        .join(":")
                })
                .boxed(),
        ),
        "byte" => regex("([A-Za-z0-9+/]{4}){1,4}"),
        "duration" => regex("P[1-9][0-9]?D"),
        _ => None,
    }
}

/// `YYYY-MM-DD`, a day every month has.
fn date() -> impl Strategy<Value = String> {
    (1970u32..2100, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// A small value of any type (a schema that says nothing).
fn any_scalar(charset: Charset) -> BoxedStrategy<Value> {
    Union::new_weighted(vec![
        (1, Just(Value::Null).boxed()),
        (1, any::<bool>().prop_map(Value::Bool).boxed()),
        (2, (-100i64..=100).prop_map(Value::from).boxed()),
        (
            3,
            plain_string(charset, 0, Some(8))
                .prop_map(Value::String)
                .boxed(),
        ),
    ])
    .boxed()
}
