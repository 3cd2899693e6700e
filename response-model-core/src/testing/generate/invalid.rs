//! Values a schema refuses, each one step from a valid value: the wrong type, a bound
//! crossed, a length, pattern, format or enum missed, a required field removed, an
//! undeclared field added to a closed object; in the value itself or in one of its
//! fields or items. The caller keeps only those the validator does refuse.

use serde_json::{Map, Value, json};

use super::schema::{Schemas, bounds, int_value, integer_range, merge, short};

/// How deep into a valid value's fields and items a change is made.
const MAX_DEPTH: usize = 4;

/// A value one step from valid.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    /// Where the change is (a JSON pointer into the value; empty for the value itself).
    pub(super) at: String,
    /// The whole value, changed (`None`: left out).
    pub(super) value: Option<Value>,
    /// What the changed place holds now (`removed`), shortened.
    pub(super) shown: String,
    /// How it is wrong, in a few words.
    pub(super) why: String,
    /// A constraint missed (a bound, a length, a pattern, a format, an enum, a required
    /// or undeclared field), rather than only the wrong type.
    pub(super) constraint: bool,
}

/// Changes to `current` (a valid value of `schema`, if there is one) that its schema
/// should refuse; `text`: the value goes on the wire as text (a parameter), where every
/// value is a string and `null` means left out.
pub(super) fn candidates(
    schemas: &Schemas,
    schema: &Value,
    current: Option<&Value>,
    text: bool,
) -> Vec<Candidate> {
    let mut edits: Vec<(String, Option<Value>, String)> = Vec::new();
    node(schemas, schema, current, String::new(), 0, text, &mut edits);
    edits
        .into_iter()
        .filter_map(|(at, replacement, why)| {
            let shown = replacement
                .as_ref()
                .map_or_else(|| "removed".to_owned(), |v| short(&v.to_string(), 40));
            let constraint = !why.contains(" is expected");
            let value = match (at.is_empty(), current) {
                (true, _) => replacement,
                (false, Some(root)) => Some(apply(root, &at, replacement)?),
                (false, None) => return None,
            };
            Some(Candidate {
                at,
                value,
                shown,
                why,
                constraint,
            })
        })
        .collect()
}

/// `root` with the value at `pointer` replaced (`None`: removed from its object).
fn apply(root: &Value, pointer: &str, replacement: Option<Value>) -> Option<Value> {
    let mut out = root.clone();
    match replacement {
        Some(v) => *out.pointer_mut(pointer)? = v,
        None => {
            let (parent, key) = pointer.rsplit_once('/')?;
            let key = key.replace("~1", "/").replace("~0", "~");
            out.pointer_mut(parent)?.as_object_mut()?.remove(&key)?;
        }
    }
    Some(out)
}

/// `token` as a JSON pointer's (RFC 6901).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `schema` with `$ref`s followed and `allOf` merged.
fn flatten(schemas: &Schemas, schema: &Value) -> Map<String, Value> {
    let mut resolved = schemas.deref(schema);
    if let Some(Value::Array(all)) = resolved.get("allOf").cloned() {
        if let Some(obj) = resolved.as_object_mut() {
            obj.remove("allOf");
        }
        for sub in &all {
            resolved = merge(&resolved, &schemas.deref(sub));
        }
    }
    resolved.as_object().cloned().unwrap_or_default()
}

/// A string of `n` `a`s.
fn a_string(n: usize) -> Value {
    Value::String("a".repeat(n))
}

/// Pushes onto `out` the changes (pointer, replacement, why) to `value`, at `at`, that
/// `schema` should refuse, and those of its fields and items.
#[allow(
    clippy::too_many_lines,
    reason = "one list of the ways a value can be wrong, read top to bottom"
)]
fn node(
    schemas: &Schemas,
    schema: &Value,
    value: Option<&Value>,
    at: String,
    depth: usize,
    text: bool,
    out: &mut Vec<(String, Option<Value>, String)>,
) {
    let obj = flatten(schemas, schema);
    let types = schemas.types(schema);
    let mut mine: Vec<(Value, String)> = Vec::new();
    let mut push = |v: Value, why: String| mine.push((v, why));
    let allowed = |t: &str| types.is_empty() || types.iter().any(|x| x == t);
    let listed = types.join(" or ");
    if !types.is_empty() {
        if !allowed("string") {
            push(json!("abc"), format!("a string where {listed} is expected"));
            if allowed("integer") && !allowed("number") {
                push(
                    json!(1.5),
                    "a fraction where an integer is expected".to_owned(),
                );
            }
        }
        if !text {
            if !allowed("integer") && !allowed("number") {
                push(json!(12345), format!("a number where {listed} is expected"));
            }
            if !allowed("boolean") {
                push(json!(true), format!("a boolean where {listed} is expected"));
            }
            if !allowed("object") {
                push(json!({}), format!("an object where {listed} is expected"));
            }
            if !allowed("array") {
                push(json!([]), format!("an array where {listed} is expected"));
            }
            if !allowed("null") {
                push(Value::Null, format!("null where {listed} is expected"));
            }
        }
    }
    if allowed("integer") && !allowed("number") {
        let (lo, hi) = integer_range(&obj);
        // Past a bound JSON cannot carry (`u64::MAX + 1`), nothing to send.
        if let below @ Value::Number(_) = int_value(lo - 1) {
            push(below, format!("below the minimum {lo}"));
        }
        if let above @ Value::Number(_) = int_value(hi + 1) {
            push(above, format!("above the maximum {hi}"));
        }
        if let Some(m) = obj
            .get("multipleOf")
            .and_then(Value::as_u64)
            .filter(|m| *m > 1)
        {
            let base = value.and_then(Value::as_i64).unwrap_or(0);
            push(json!(base + 1), format!("not a multiple of {m}"));
        }
    } else if allowed("number") {
        let (lo, hi) = bounds(&obj);
        if let Some((v, excl)) = lo {
            let below = if excl { v } else { v - 1.0 };
            if let Some(n) = serde_json::Number::from_f64(below) {
                push(Value::Number(n), format!("below the minimum {v}"));
            }
        }
        if let Some((v, excl)) = hi {
            let above = if excl { v } else { v + 1.0 };
            if let Some(n) = serde_json::Number::from_f64(above) {
                push(Value::Number(n), format!("above the maximum {v}"));
            }
        }
        if let Some(m) = obj
            .get("multipleOf")
            .and_then(Value::as_f64)
            .filter(|m| *m > 0.0)
            && let Some(n) = serde_json::Number::from_f64(m * 1.5)
        {
            push(Value::Number(n), format!("not a multiple of {m}"));
        }
    }
    if allowed("string") {
        let min = obj.get("minLength").and_then(Value::as_u64).unwrap_or(0);
        let max = obj.get("maxLength").and_then(Value::as_u64);
        let n = |x: u64| usize::try_from(x).unwrap_or(usize::MAX);
        if min > 0 {
            push(
                a_string(n(min - 1)),
                format!("shorter than minLength {min}"),
            );
        }
        if let Some(max) = max.filter(|m| *m < 10_000) {
            push(a_string(n(max + 1)), format!("longer than maxLength {max}"));
        }
        if let Some(p) = obj.get("pattern").and_then(Value::as_str) {
            let shown = short(p, 30);
            for s in ["!", "~", "0", "a", "A", "-", "zz zz", "%%%", "ab,cd", "9a"] {
                let padded = if (s.chars().count() as u64) < min {
                    format!("{s}{}", "!".repeat(n(min) - s.chars().count()))
                } else {
                    s.to_owned()
                };
                push(
                    Value::String(padded),
                    format!("not matching the pattern `{shown}`"),
                );
            }
        }
        if let Some(f) = obj.get("format").and_then(Value::as_str)
            && let Some(bad) = bad_format(f)
        {
            push(json!(bad), format!("not a valid {f}"));
        }
    }
    if let Some(c) = obj.get("const") {
        let other = match c {
            Value::String(s) => json!(format!("{s}-not")),
            Value::Number(n) => json!(n.as_f64().unwrap_or(0.0) + 1.0),
            Value::Bool(b) => json!(!b),
            _ => json!("not-the-const"),
        };
        push(other, "not the constant".to_owned());
    }
    if let Some(Value::Array(values)) = obj.get("enum") {
        push(json!("not-in-the-enum"), "outside the enum".to_owned());
        let top = values.iter().filter_map(Value::as_i64).max();
        if let Some(top) = top {
            push(json!(top + 1), "outside the enum".to_owned());
        }
    }
    if allowed("array") {
        let items = value.and_then(Value::as_array);
        let min = obj.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let max = obj.get("maxItems").and_then(Value::as_u64);
        let n = |x: u64| usize::try_from(x).unwrap_or(usize::MAX);
        if let Some(items) = items {
            if min > 0 {
                let fewer: Vec<Value> = items.iter().take(n(min - 1)).cloned().collect();
                push(Value::Array(fewer), format!("fewer than minItems {min}"));
            }
            if let (Some(max), Some(first)) = (max.filter(|m| *m < 1_000), items.first()) {
                let more = vec![first.clone(); n(max + 1)];
                push(Value::Array(more), format!("more than maxItems {max}"));
            }
            if obj.get("uniqueItems") == Some(&Value::Bool(true))
                && let Some(first) = items.first()
            {
                let mut twice = items.clone();
                twice.push(first.clone());
                push(
                    Value::Array(twice),
                    "a repeated item (uniqueItems)".to_owned(),
                );
            }
        }
    }
    out.extend(mine.into_iter().map(|(v, why)| (at.clone(), Some(v), why)));
    if allowed("array")
        && depth < MAX_DEPTH
        && let Some(first) = value.and_then(Value::as_array).and_then(|i| i.first())
        && let Some(item_schema) = obj.get("items")
    {
        node(
            schemas,
            item_schema,
            Some(first),
            format!("{at}/0"),
            depth + 1,
            text,
            out,
        );
    }
    if allowed("object") && !text {
        let map = value.and_then(Value::as_object);
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if let Some(map) = map {
            for name in &required {
                if map.contains_key(*name) {
                    out.push((
                        format!("{at}/{}", escape(name)),
                        None,
                        format!("the required field `{name}` missing"),
                    ));
                }
            }
            if obj.get("additionalProperties") == Some(&Value::Bool(false)) {
                let mut extra = map.clone();
                extra.insert("unexpected_field".to_owned(), json!(1));
                out.push((
                    at.clone(),
                    Some(Value::Object(extra)),
                    "a field `unexpected_field` the closed object does not declare".to_owned(),
                ));
            }
            if depth < MAX_DEPTH {
                let props = obj.get("properties").and_then(Value::as_object);
                for (name, v) in map {
                    if let Some(sub) = props.and_then(|p| p.get(name)) {
                        node(
                            schemas,
                            sub,
                            Some(v),
                            format!("{at}/{}", escape(name)),
                            depth + 1,
                            text,
                            out,
                        );
                    }
                }
            }
        }
    }
}

/// A string that is not of `format`.
fn bad_format(format: &str) -> Option<&'static str> {
    Some(match format {
        "email" | "idn-email" => "not-an-email",
        "uuid" => "not-a-uuid",
        "date" => "2024-13-45",
        "date-time" => "2024-13-45T25:61:00Z",
        "time" => "25:61:00Z",
        "uri" | "iri" => "not a uri",
        "ipv4" => "999.1.1.1",
        "ipv6" => "not:an:ipv6:::x",
        "hostname" | "idn-hostname" => "-bad-.host-",
        "duration" => "P1X",
        _ => return None,
    })
}
