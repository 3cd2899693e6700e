//! Two schemas compared in a direction: what a client generated from the old one sends
//! (a request) or reads (a response), and whether the new one still agrees.

use std::borrow::Cow;
use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::{ChangeKind, Diff, Direction, Doc, join};

/// Inline schemas nested deeper than this are compared for equality only (a hostile
/// document cannot exhaust the stack).
const MAX_DEPTH: usize = 64;

/// Keywords that describe a value and constrain nothing a client relies on.
pub(super) fn is_annotation(key: &str) -> bool {
    matches!(
        key,
        "title"
            | "description"
            | "default"
            | "example"
            | "examples"
            | "deprecated"
            | "readOnly"
            | "writeOnly"
            | "externalDocs"
            | "xml"
            | "$comment"
            | "$schema"
            | "$id"
            | "contentMediaType"
            | "contentEncoding"
    ) || key.starts_with("x-")
}

/// Keywords this module compares; any other keyword that differs is [`ChangeKind::Other`].
const READ: &[&str] = &[
    "type",
    "format",
    "enum",
    "const",
    "nullable",
    "properties",
    "required",
    "additionalProperties",
    "unevaluatedProperties",
    "items",
    "prefixItems",
    "anyOf",
    "oneOf",
    "allOf",
    "$ref",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "multipleOf",
    "$defs",
    "definitions",
];

/// Where two schemas are: their pointers, and how to name the value in a sentence.
#[derive(Debug, Clone)]
pub(super) struct At {
    old: String,
    new: String,
    /// What holds the value when no component does: `the request body of POST /items`.
    owner: String,
    /// The component the value is in, once a `$ref` was followed.
    component: Option<String>,
    /// From the owner or component to the value: `address.city`, `tags[]`.
    path: String,
}

impl At {
    pub(super) fn new(old: String, new: String, owner: String) -> Self {
        At {
            old,
            new,
            owner,
            component: None,
            path: String::new(),
        }
    }

    /// The value in a sentence: `` `Item.name` ``, `the 200 response of GET /items`.
    fn what(&self) -> String {
        match (&self.component, self.path.is_empty()) {
            (Some(c), true) => format!("`{c}`"),
            (Some(c), false) => format!("`{c}.{}`", self.path),
            (None, true) => self.owner.clone(),
            (None, false) => format!("`{}` of {}", self.path, self.owner),
        }
    }

    /// The schema under `keyword` (one or more reference tokens) on both sides.
    fn child(&self, tokens: &[&str], path: String) -> At {
        let mut at = self.clone();
        for t in tokens {
            at.old = join(&at.old, t);
            at.new = join(&at.new, t);
        }
        at.path = path;
        at
    }

    fn property(&self, name: &str) -> At {
        let path = if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        };
        self.child(&["properties", name], path)
    }

    fn suffixed(&self, suffix: &str) -> String {
        format!("{}{suffix}", self.path)
    }
}

/// A schema as 3.1 writes it: 3.0's `nullable`, boolean `exclusiveMinimum`/`Maximum` and
/// `allOf` around a single schema (how 3.0 puts siblings beside a `$ref`) rewritten; the
/// boolean schemas as objects. One level only: children are read when they are reached.
fn canon<'a>(v30: bool, v: Cow<'a, Value>) -> Cow<'a, Value> {
    let map = match &*v {
        Value::Bool(true) => return Cow::Owned(json!({})),
        Value::Bool(false) => return Cow::Owned(json!({"not": {}})),
        Value::Object(map) => map,
        _ => return v,
    };
    let from_30 = v30
        && (map.contains_key("nullable")
            || map
                .get("format")
                .is_some_and(|f| f == "binary" || f == "byte")
            || map.get("exclusiveMinimum").is_some_and(Value::is_boolean)
            || map.get("exclusiveMaximum").is_some_and(Value::is_boolean));
    let v = if from_30 {
        Cow::Owned(upgrade_30(map.clone()))
    } else {
        v
    };
    let single = v.as_object().is_some_and(|map| {
        map.get("allOf")
            .and_then(Value::as_array)
            .is_some_and(|a| a.len() == 1)
            && map.keys().all(|k| k == "allOf" || is_annotation(k))
    });
    if !single {
        return v;
    }
    match v {
        Cow::Borrowed(b) => Cow::Borrowed(b.get("allOf").and_then(|a| a.get(0)).unwrap_or(b)),
        Cow::Owned(mut o) => Cow::Owned(
            o.get_mut("allOf")
                .and_then(|a| a.get_mut(0))
                .map(Value::take)
                .unwrap_or_default(),
        ),
    }
}

/// One 3.0 Schema Object's keywords as 3.1's (its children are left as they are).
fn upgrade_30(mut map: Map<String, Value>) -> Value {
    for (bound, exclusive) in [
        ("minimum", "exclusiveMinimum"),
        ("maximum", "exclusiveMaximum"),
    ] {
        match map.get(exclusive).and_then(Value::as_bool) {
            Some(true) => match map.remove(bound) {
                Some(b) => {
                    map.insert(exclusive.to_owned(), b);
                }
                None => {
                    map.remove(exclusive);
                }
            },
            Some(false) => {
                map.remove(exclusive);
            }
            None => {}
        }
    }
    // 3.1's `contentMediaType`/`contentEncoding` (annotations) for a binary or base64
    // string.
    if map.get("type").and_then(Value::as_str) == Some("string")
        && matches!(
            map.get("format").and_then(Value::as_str),
            Some("binary" | "byte")
        )
    {
        map.remove("format");
    }
    let nullable = map.remove("nullable").and_then(|n| n.as_bool()) == Some(true);
    if !nullable {
        return Value::Object(map);
    }
    match map.get("type").cloned() {
        Some(Value::String(t)) => {
            map.insert("type".to_owned(), json!([t, "null"]));
            Value::Object(map)
        }
        // `{"nullable": true, "allOf": [{"$ref": ..}]}`: the reference, or null.
        _ => json!({"anyOf": [Value::Object(map), {"type": "null"}]}),
    }
}

/// `{"type": "null"}` (annotations aside).
fn is_null_schema(v: &Value) -> bool {
    v.get("type").and_then(Value::as_str) == Some("null")
        && v.as_object()
            .is_some_and(|m| m.keys().all(|k| k == "type" || is_annotation(k)))
}

/// Whether `v` admits `null`, and the schema of the rest: `type: [T, "null"]` -> `type:
/// T`; `anyOf: [X, {"type": "null"}]` -> `X` (with the reference token to it).
fn split_null<'a>(v: Cow<'a, Value>) -> (bool, Cow<'a, Value>, Option<String>) {
    let Some(map) = v.as_object() else {
        return (false, v, None);
    };
    if let Some(Value::Array(types)) = map.get("type")
        && types.len() > 1
        && types.iter().any(|t| t == "null")
    {
        let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        let mut map = map.clone();
        let ty = match <[Value; 1]>::try_from(rest) {
            Ok([one]) => one,
            Err(rest) => Value::Array(rest),
        };
        map.insert("type".to_owned(), ty);
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            values.retain(|x| !x.is_null());
        }
        return (true, Cow::Owned(Value::Object(map)), None);
    }
    for key in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = map.get(key) else {
            continue;
        };
        if branches.len() < 2 || !branches.iter().any(is_null_schema) {
            continue;
        }
        let rest: Vec<usize> = (0..branches.len())
            .filter(|i| !is_null_schema(&branches[*i]))
            .collect();
        let alone = map.keys().all(|k| k == key || is_annotation(k));
        if let ([i], true) = (rest.as_slice(), alone) {
            let i = *i;
            let token = format!("{key}/{i}");
            let rest = match v {
                Cow::Borrowed(b) => Cow::Borrowed(b.get(key).and_then(|a| a.get(i)).unwrap_or(b)),
                Cow::Owned(mut o) => Cow::Owned(
                    o.get_mut(key)
                        .and_then(|a| a.get_mut(i))
                        .map(Value::take)
                        .unwrap_or_default(),
                ),
            };
            return (true, rest, Some(token));
        }
        let kept: Vec<Value> = rest.iter().map(|i| branches[*i].clone()).collect();
        let mut map = map.clone();
        map.insert(key.to_owned(), Value::Array(kept));
        return (true, Cow::Owned(Value::Object(map)), None);
    }
    if let Some(Value::Array(values)) = map.get("enum")
        && values.iter().any(Value::is_null)
    {
        let mut map = map.clone();
        if let Some(Value::Array(values)) = map.get_mut("enum") {
            values.retain(|x| !x.is_null());
        }
        return (true, Cow::Owned(Value::Object(map)), None);
    }
    (false, v, None)
}

/// A schema with its `$ref`s followed (each step read as 3.1): the schema, the component
/// it is (if it is one), whether a reference was followed; or the reference that does
/// not resolve.
struct Resolved<'a> {
    schema: Cow<'a, Value>,
    component: Option<String>,
    followed: bool,
}

fn resolve<'a>(
    doc: &Doc<'a>,
    mut v: Cow<'a, Value>,
    pointer: &mut String,
) -> Result<Resolved<'a>, String> {
    let mut component = None;
    let mut followed = false;
    for _ in 0..16 {
        v = canon(doc.v30, v);
        let Some(reference) = v.get("$ref").and_then(Value::as_str) else {
            return Ok(Resolved {
                schema: v,
                component,
                followed,
            });
        };
        let Some((target, at)) = doc.resolve(reference) else {
            return Err(reference.to_owned());
        };
        component = at
            .strip_prefix("/components/schemas/")
            .map(|name| name.replace("~1", "/").replace("~0", "~"));
        *pointer = at;
        followed = true;
        v = Cow::Borrowed(target);
    }
    Err("a cycle of references".to_owned())
}

/// The JSON types a schema allows (`null` aside), read from `type` or, without it, from
/// its object or array keywords; `None` when nothing says.
fn types(v: &Value) -> Option<BTreeSet<String>> {
    match v.get("type") {
        Some(Value::String(t)) => Some(BTreeSet::from([t.clone()])),
        Some(Value::Array(list)) => {
            let set: BTreeSet<String> = list
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .map(str::to_owned)
                .collect();
            if set.is_empty() {
                Some(BTreeSet::from(["null".to_owned()]))
            } else {
                Some(set)
            }
        }
        _ if v.get("properties").is_some() => Some(BTreeSet::from(["object".to_owned()])),
        _ if v.get("items").is_some() || v.get("prefixItems").is_some() => {
            Some(BTreeSet::from(["array".to_owned()]))
        }
        _ => None,
    }
}

/// Every type of `narrow` is one of `wide`'s (an integer is a number).
fn covers(wide: &BTreeSet<String>, narrow: &BTreeSet<String>) -> bool {
    narrow
        .iter()
        .all(|t| wide.contains(t) || (t == "integer" && wide.contains("number")))
}

fn show_types(set: &BTreeSet<String>) -> String {
    let list: Vec<String> = set.iter().map(|t| format!("`{t}`")).collect();
    list.join(" or ")
}

/// The values an `enum` or a `const` allows (`null` aside), or an `anyOf`/`oneOf` whose
/// every branch is one (schemars writes documented unit variants so).
fn enum_values(v: &Value) -> Option<Vec<Value>> {
    if let Some(Value::Array(values)) = v.get("enum") {
        return Some(values.iter().filter(|x| !x.is_null()).cloned().collect());
    }
    if let Some(c) = v.get("const") {
        return Some(vec![c.clone()]);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(Value::Array(branches)) = v.get(key) {
            let mut out = Vec::new();
            for b in branches {
                if is_null_schema(b) {
                    continue;
                }
                let has = b.get("enum").is_some() || b.get("const").is_some();
                if !has || b.get("properties").is_some() {
                    return None;
                }
                out.extend(enum_values(b)?);
            }
            return (!out.is_empty()).then_some(out);
        }
    }
    None
}

/// The branches of an `anyOf`/`oneOf` (not an enum written as one), with their key.
fn alternatives(v: &Value) -> Option<(&'static str, &Vec<Value>)> {
    if enum_values(v).is_some() {
        return None;
    }
    ["anyOf", "oneOf"]
        .into_iter()
        .find_map(|key| v.get(key).and_then(Value::as_array).map(|a| (key, a)))
}

/// A schema with nothing but annotations: any value.
fn is_any(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|m| m.keys().all(|k| is_annotation(k)))
}

fn contains_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key("$ref") || m.values().any(contains_ref),
        Value::Array(a) => a.iter().any(contains_ref),
        _ => false,
    }
}

/// How a constraint moved.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Moved {
    /// Allows less.
    Tighter,
    /// Allows more.
    Looser,
    /// Allows other values (a pattern, a `multipleOf`): some less, some more.
    Other,
}

/// A lower (`min = true`) or upper bound and whether it is exclusive.
fn bound(v: &Value, min: bool) -> Option<(f64, bool)> {
    let (inclusive, exclusive) = if min {
        ("minimum", "exclusiveMinimum")
    } else {
        ("maximum", "exclusiveMaximum")
    };
    let a = v.get(inclusive).and_then(Value::as_f64).map(|x| (x, false));
    let b = v.get(exclusive).and_then(Value::as_f64).map(|x| (x, true));
    match (a, b) {
        (Some(a), Some(b)) => {
            let b_stricter = if min { b.0 >= a.0 } else { b.0 <= a.0 };
            Some(if b_stricter { b } else { a })
        }
        (a, b) => a.or(b),
    }
}

fn moved_bound(old: Option<(f64, bool)>, new: Option<(f64, bool)>, min: bool) -> Option<Moved> {
    match (old, new) {
        (None, None) => None,
        (None, Some(_)) => Some(Moved::Tighter),
        (Some(_), None) => Some(Moved::Looser),
        (Some(o), Some(n)) if o == n => None,
        (Some(o), Some(n)) => {
            let tighter = if o.0 == n.0 {
                n.1
            } else if min {
                n.0 > o.0
            } else {
                n.0 < o.0
            };
            Some(if tighter {
                Moved::Tighter
            } else {
                Moved::Looser
            })
        }
    }
}

impl<'a> Diff<'a> {
    /// Compares the schema `old` (of the old document) with `new`, reporting every change
    /// under `at`.
    pub(super) fn schema(
        &mut self,
        old: &'a Value,
        new: &'a Value,
        at: &At,
        dir: Direction,
        depth: usize,
    ) {
        self.schema_cow(
            Cow::Borrowed(old),
            Cow::Borrowed(new),
            at.clone(),
            dir,
            depth,
        );
    }

    fn schema_cow(
        &mut self,
        old: Cow<'a, Value>,
        new: Cow<'a, Value>,
        mut at: At,
        dir: Direction,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            if old != new {
                self.push(
                    at.new.clone(),
                    ChangeKind::Other,
                    true,
                    format!("{} changed, nested too deeply to compare", at.what()),
                );
            }
            return;
        }
        let (old_doc, new_doc) = (self.old, self.new);
        // Where the value is used: a nullability change is reported there (a `$ref`
        // made `anyOf: [$ref, null]` changed the use, not the component).
        let site = at.clone();
        let (o, n) = match (
            resolve(&old_doc, old.clone(), &mut at.old),
            resolve(&new_doc, new.clone(), &mut at.new),
        ) {
            (Ok(o), Ok(n)) => (o, n),
            (o, n) => {
                let show = |r: &Result<Resolved<'a>, String>| match r {
                    Ok(_) => None,
                    Err(reference) => Some(reference.clone()),
                };
                if show(&o) != show(&n) || old != new {
                    self.push(
                        at.new.clone(),
                        ChangeKind::Other,
                        true,
                        format!(
                            "{} refers to a schema that cannot be found ({}), and changed",
                            at.what(),
                            show(&n).or_else(|| show(&o)).unwrap_or_default()
                        ),
                    );
                }
                return;
            }
        };
        let mut followed = o.followed || n.followed;
        let mut component = n.component.or(o.component);
        let (old_null, o, o_token) = split_null(o.schema);
        let (new_null, n, n_token) = split_null(n.schema);
        self.nullability(old_null, new_null, &site, dir);
        // The non-null branch of an `anyOf` may be a reference in turn.
        let (o, n) = if o_token.is_some() || n_token.is_some() {
            if let Some(t) = &o_token {
                at.old = format!("{}/{t}", at.old);
            }
            if let Some(t) = &n_token {
                at.new = format!("{}/{t}", at.new);
            }
            let same = o == n;
            match (
                resolve(&old_doc, o, &mut at.old),
                resolve(&new_doc, n, &mut at.new),
            ) {
                (Ok(o), Ok(n)) => {
                    followed |= o.followed || n.followed;
                    component = n.component.or(o.component).or(component);
                    (o.schema, n.schema)
                }
                // The same reference that resolves nowhere on both sides: no change.
                (Err(a), Err(b)) if a == b && same => return,
                _ => {
                    self.push(
                        at.new.clone(),
                        ChangeKind::Other,
                        true,
                        format!("{} refers to a schema that cannot be found", at.what()),
                    );
                    return;
                }
            }
        } else {
            (o, n)
        };
        if followed && !self.visited.insert((at.old.clone(), at.new.clone(), dir)) {
            return;
        }
        if let Some(component) = component.filter(|_| followed) {
            at.component = Some(component);
            at.path = String::new();
        }
        self.body(&o, &n, &at, dir, depth);
    }

    fn nullability(&mut self, old: bool, new: bool, at: &At, dir: Direction) {
        let what = at.what();
        match (old, new, dir) {
            (false, true, Direction::Response) => self.push(
                at.new.clone(),
                ChangeKind::MadeNullable,
                true,
                format!(
                    "{what} may now be null in the response: clients generated from the old document do not expect null"
                ),
            ),
            (false, true, Direction::Request) => self.push(
                at.new.clone(),
                ChangeKind::MadeNullable,
                false,
                format!("{what} now accepts null in the request"),
            ),
            (true, false, Direction::Request) => self.push(
                at.new.clone(),
                ChangeKind::MadeNonNullable,
                true,
                format!(
                    "{what} no longer accepts null in the request: clients generated from the old document may send null"
                ),
            ),
            (true, false, Direction::Response) => self.push(
                at.new.clone(),
                ChangeKind::MadeNonNullable,
                false,
                format!("{what} is no longer null in the response"),
            ),
            _ => {}
        }
    }

    /// Two schemas, references followed and `null` split off.
    fn body(&mut self, o: &Value, n: &Value, at: &At, dir: Direction, depth: usize) {
        if o == n && !contains_ref(o) {
            return;
        }
        let what = at.what();
        if self.variants(o, n, at, dir, depth) {
            return;
        }
        // allOf of several schemas: compared one by one.
        match (
            o.get("allOf").and_then(Value::as_array),
            n.get("allOf").and_then(Value::as_array),
        ) {
            (Some(a), Some(b)) if a.len() == b.len() => {
                for (i, (a, b)) in a.iter().zip(b).enumerate() {
                    let child = at.child(&["allOf", &i.to_string()], at.path.clone());
                    self.schema_cow(
                        Cow::Owned(a.clone()),
                        Cow::Owned(b.clone()),
                        child,
                        dir,
                        depth + 1,
                    );
                }
            }
            (None, None) => {}
            _ => self.push(
                at.new.clone(),
                ChangeKind::Other,
                true,
                format!("the `allOf` of {what} changed"),
            ),
        }
        if !self.types(o, n, at, dir) {
            return;
        }
        self.format(o, n, at, dir);
        self.enums(o, n, at, dir);
        self.constraints(o, n, at, dir);
        self.object(o, n, at, dir, depth);
        self.array(o, n, at, dir, depth);
        let keys: BTreeSet<&String> = o
            .as_object()
            .into_iter()
            .chain(n.as_object())
            .flat_map(Map::keys)
            .collect();
        for key in keys {
            if READ.contains(&key.as_str()) || is_annotation(key) || o.get(key) == n.get(key) {
                continue;
            }
            let pointer = if n.get(key).is_some() {
                join(&at.new, key)
            } else {
                join(&at.old, key)
            };
            self.push(
                pointer,
                ChangeKind::Other,
                true,
                format!(
                    "`{key}` of {what} changed (a keyword this check does not classify: counted as breaking)"
                ),
            );
        }
    }

    /// `anyOf`/`oneOf` on either side: branches matched (by reference, then by equal
    /// schema, then by type), each pair compared, the rest added or removed. Returns
    /// whether it compared (nothing else is then).
    fn variants(&mut self, o: &Value, n: &Value, at: &At, dir: Direction, depth: usize) -> bool {
        let (oa, na) = (alternatives(o), alternatives(n));
        if oa.is_none() && na.is_none() {
            return false;
        }
        let branches =
            |alts: Option<(&'static str, &Vec<Value>)>, whole: &Value, base: &str| match alts {
                Some((key, list)) => list
                    .iter()
                    .enumerate()
                    .filter(|(_, b)| !is_null_schema(b))
                    .map(|(i, b)| (b.clone(), format!("{base}/{key}/{i}")))
                    .collect::<Vec<_>>(),
                None => vec![(whole.clone(), base.to_owned())],
            };
        let ob = branches(oa, o, &at.old);
        let nb = branches(na, n, &at.new);
        let reference = |v: &Value| v.get("$ref").and_then(Value::as_str).map(str::to_owned);
        let mut pairs: Vec<(usize, usize)> = Vec::new();
        let mut used = vec![false; nb.len()];
        let mut matched = vec![false; ob.len()];
        // First the same reference or the same schema, then the same type.
        let alike = |pass: usize, a: &Value, b: &Value| match pass {
            0 => reference(a).is_some() && reference(a) == reference(b) || a == b,
            _ => types(a).is_some() && types(a) == types(b),
        };
        for pass in 0..2 {
            for (i, (a, _)) in ob.iter().enumerate() {
                if matched[i] {
                    continue;
                }
                if let Some(j) = (0..nb.len()).find(|j| !used[*j] && alike(pass, a, &nb[*j].0)) {
                    used[j] = true;
                    matched[i] = true;
                    pairs.push((i, j));
                }
            }
        }
        let left_old: Vec<usize> = (0..ob.len()).filter(|i| !matched[*i]).collect();
        let left_new: Vec<usize> = (0..nb.len()).filter(|j| !used[*j]).collect();
        if let ([i], [j]) = (left_old.as_slice(), left_new.as_slice()) {
            matched[*i] = true;
            used[*j] = true;
            pairs.push((*i, *j));
        }
        pairs.sort_unstable();
        let what = at.what();
        let describe = |v: &Value| match (reference(v), types(v)) {
            (Some(r), _) => format!("`{}`", r.rsplit('/').next().unwrap_or(&r)),
            (None, Some(t)) => show_types(&t),
            (None, None) => "a schema".to_owned(),
        };
        for (i, j) in pairs {
            let mut child = at.clone();
            child.old.clone_from(&ob[i].1);
            child.new.clone_from(&nb[j].1);
            self.schema_cow(
                Cow::Owned(ob[i].0.clone()),
                Cow::Owned(nb[j].0.clone()),
                child,
                dir,
                depth + 1,
            );
        }
        for i in (0..ob.len()).filter(|i| !matched[*i]) {
            let breaking = dir == Direction::Request;
            let why = if breaking {
                ": clients generated from the old document may still send it"
            } else {
                ""
            };
            self.push(
                ob[i].1.clone(),
                ChangeKind::VariantRemoved,
                breaking,
                format!(
                    "{} is no longer one of the forms of {what} in the {}{why}",
                    describe(&ob[i].0),
                    dir.noun()
                ),
            );
        }
        for j in (0..nb.len()).filter(|j| !used[*j]) {
            let breaking = dir == Direction::Response;
            let why = if breaking {
                ": clients generated from the old document cannot read it"
            } else {
                ""
            };
            self.push(
                nb[j].1.clone(),
                ChangeKind::VariantAdded,
                breaking,
                format!(
                    "{} is a new form of {what} in the {}{why}",
                    describe(&nb[j].0),
                    dir.noun()
                ),
            );
        }
        true
    }

    /// Returns whether the types share anything (if not, nothing deeper is compared).
    fn types(&mut self, o: &Value, n: &Value, at: &At, dir: Direction) -> bool {
        let what = at.what();
        match (types(o), types(n)) {
            (Some(ot), Some(nt)) if ot != nt => {
                let safe = match dir {
                    Direction::Response => covers(&ot, &nt),
                    Direction::Request => covers(&nt, &ot),
                };
                let why = match (safe, dir) {
                    (true, _) => "",
                    (false, Direction::Response) => {
                        ": clients generated from the old document cannot read the new values"
                    }
                    (false, Direction::Request) => {
                        ": clients generated from the old document send values it refuses"
                    }
                };
                self.push(
                    join(&at.new, "type"),
                    ChangeKind::TypeChanged,
                    !safe,
                    format!(
                        "{what} changed type from {} to {} in the {}{why}",
                        show_types(&ot),
                        show_types(&nt),
                        dir.noun()
                    ),
                );
                covers(&ot, &nt) || covers(&nt, &ot)
            }
            (None, Some(nt)) if is_any(o) => {
                let breaking = dir == Direction::Request;
                self.push(
                    at.new.clone(),
                    ChangeKind::TypeChanged,
                    breaking,
                    format!(
                        "{what} was any value and is now {} in the {}",
                        show_types(&nt),
                        dir.noun()
                    ),
                );
                false
            }
            (Some(ot), None) if is_any(n) => {
                let breaking = dir == Direction::Response;
                self.push(
                    at.new.clone(),
                    ChangeKind::TypeChanged,
                    breaking,
                    format!(
                        "{what} was {} and is now any value in the {}",
                        show_types(&ot),
                        dir.noun()
                    ),
                );
                false
            }
            _ => true,
        }
    }

    fn format(&mut self, o: &Value, n: &Value, at: &At, dir: Direction) {
        let what = at.what();
        let (of, nf) = (
            o.get("format").and_then(Value::as_str),
            n.get("format").and_then(Value::as_str),
        );
        let (breaking, pointer, message) = match (of, nf) {
            (Some(a), Some(b)) if a != b => (
                true,
                join(&at.new, "format"),
                format!(
                    "{what} changed format from `{a}` to `{b}`: clients generated from the old document read and write it as `{a}`"
                ),
            ),
            (None, Some(b)) => (
                dir == Direction::Request,
                join(&at.new, "format"),
                format!("{what} now has format `{b}` in the {}", dir.noun()),
            ),
            (Some(a), None) => (
                dir == Direction::Response,
                join(&at.old, "format"),
                format!("{what} no longer has format `{a}` in the {}", dir.noun()),
            ),
            _ => return,
        };
        self.push(pointer, ChangeKind::FormatChanged, breaking, message);
    }

    fn enums(&mut self, o: &Value, n: &Value, at: &At, dir: Direction) {
        let what = at.what();
        let pointer = |v: &Value, base: &str| {
            if v.get("enum").is_some() {
                join(base, "enum")
            } else if v.get("const").is_some() {
                join(base, "const")
            } else {
                base.to_owned()
            }
        };
        match (enum_values(o), enum_values(n)) {
            (Some(ov), Some(nv)) => {
                for x in ov.iter().filter(|x| !nv.contains(x)) {
                    let breaking = dir == Direction::Request;
                    let why = if breaking {
                        ": clients generated from the old document may still send it"
                    } else {
                        ""
                    };
                    self.push(
                        pointer(o, &at.old),
                        ChangeKind::EnumValueRemoved,
                        breaking,
                        format!(
                            "{x} is no longer a value of {what} in the {}{why}",
                            dir.noun()
                        ),
                    );
                }
                for x in nv.iter().filter(|x| !ov.contains(x)) {
                    let breaking = dir == Direction::Response;
                    let why = if breaking {
                        ": clients generated from the old document cannot read it"
                    } else {
                        ""
                    };
                    self.push(
                        pointer(n, &at.new),
                        ChangeKind::EnumValueAdded,
                        breaking,
                        format!("{x} is a new value of {what} in the {}{why}", dir.noun()),
                    );
                }
            }
            (None, Some(nv)) => self.push(
                pointer(n, &at.new),
                ChangeKind::ConstraintTightened,
                dir == Direction::Request,
                format!(
                    "{what} is now one of {} in the {}",
                    Value::Array(nv),
                    dir.noun()
                ),
            ),
            (Some(ov), None) => self.push(
                pointer(o, &at.old),
                ChangeKind::ConstraintRelaxed,
                dir == Direction::Response,
                format!(
                    "{what} is no longer one of {} in the {}",
                    Value::Array(ov),
                    dir.noun()
                ),
            ),
            (None, None) => {}
        }
    }

    fn constraints(&mut self, o: &Value, n: &Value, at: &At, dir: Direction) {
        let mut moves: Vec<(&str, Moved)> = Vec::new();
        for (min, keys) in [(true, "minimum"), (false, "maximum")] {
            if let Some(m) = moved_bound(bound(o, min), bound(n, min), min) {
                moves.push((keys, m));
            }
        }
        let count = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64);
        for key in ["minLength", "minItems", "minProperties"] {
            let (a, b) = (count(o, key).unwrap_or(0.0), count(n, key).unwrap_or(0.0));
            if a != b {
                moves.push((key, if b > a { Moved::Tighter } else { Moved::Looser }));
            }
        }
        for key in ["maxLength", "maxItems", "maxProperties"] {
            let inf = f64::INFINITY;
            let (a, b) = (count(o, key).unwrap_or(inf), count(n, key).unwrap_or(inf));
            if a != b {
                moves.push((key, if b < a { Moved::Tighter } else { Moved::Looser }));
            }
        }
        let unique = |v: &Value| v.get("uniqueItems").and_then(Value::as_bool) == Some(true);
        match (unique(o), unique(n)) {
            (false, true) => moves.push(("uniqueItems", Moved::Tighter)),
            (true, false) => moves.push(("uniqueItems", Moved::Looser)),
            _ => {}
        }
        for key in ["pattern", "multipleOf"] {
            match (o.get(key), n.get(key)) {
                (None, Some(_)) => moves.push((key, Moved::Tighter)),
                (Some(_), None) => moves.push((key, Moved::Looser)),
                (Some(a), Some(b)) if a != b => moves.push((key, Moved::Other)),
                _ => {}
            }
        }
        let what = at.what();
        for (key, moved) in moves {
            let show = |v: &Value| {
                let (k1, k2) = match key {
                    "minimum" => ("minimum", "exclusiveMinimum"),
                    "maximum" => ("maximum", "exclusiveMaximum"),
                    k => (k, k),
                };
                let parts: Vec<String> = [k1, k2]
                    .iter()
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .filter_map(|k| v.get(*k).map(|x| format!("`{k}: {x}`")))
                    .collect();
                if parts.is_empty() {
                    "none".to_owned()
                } else {
                    parts.join(", ")
                }
            };
            let (kind, breaking, why) = match (moved, dir) {
                (Moved::Tighter, Direction::Request) => (
                    ChangeKind::ConstraintTightened,
                    true,
                    ": the server refuses values clients generated from the old document may send",
                ),
                (Moved::Tighter, Direction::Response) => {
                    (ChangeKind::ConstraintTightened, false, "")
                }
                (Moved::Looser, Direction::Response) => (
                    ChangeKind::ConstraintRelaxed,
                    true,
                    ": clients generated from the old document may refuse the values now sent",
                ),
                (Moved::Looser, Direction::Request) => (ChangeKind::ConstraintRelaxed, false, ""),
                (Moved::Other, Direction::Request) => (
                    ChangeKind::ConstraintTightened,
                    true,
                    ": the server refuses values clients generated from the old document may send",
                ),
                (Moved::Other, Direction::Response) => (
                    ChangeKind::ConstraintRelaxed,
                    true,
                    ": clients generated from the old document may refuse the values now sent",
                ),
            };
            let pointer = if n.get(key).is_some() {
                join(&at.new, key)
            } else if o.get(key).is_some() {
                join(&at.old, key)
            } else {
                at.new.clone()
            };
            self.push(
                pointer,
                kind,
                breaking,
                format!(
                    "{what}: {} became {} in the {}{why}",
                    show(o),
                    show(n),
                    dir.noun()
                ),
            );
        }
    }

    fn object(&mut self, o: &Value, n: &Value, at: &At, dir: Direction, depth: usize) {
        let is_object = |v: &Value| types(v).is_some_and(|t| t.contains("object"));
        if !is_object(o) && !is_object(n) {
            return;
        }
        let empty = Map::new();
        let props = |v: &'_ Value| {
            v.get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_else(|| empty.clone())
        };
        let (op, np) = (props(o), props(n));
        let required = |v: &Value, name: &str| {
            v.get("required")
                .and_then(Value::as_array)
                .is_some_and(|r| r.iter().any(|x| x == name))
        };
        let closed = |v: &Value| {
            v.get("additionalProperties") == Some(&Value::Bool(false))
                || v.get("additionalProperties").is_none()
                    && v.get("unevaluatedProperties") == Some(&Value::Bool(false))
        };
        for (name, os) in &op {
            let child = at.property(name);
            let what = child.what();
            let Some(ns) = np.get(name) else {
                let why = match dir {
                    Direction::Response => "clients generated from the old document expect it",
                    Direction::Request => "clients generated from the old document still send it",
                };
                self.push(
                    child.old.clone(),
                    ChangeKind::PropertyRemoved,
                    true,
                    format!("{what} was removed from the {}: {why}", dir.noun()),
                );
                continue;
            };
            match (required(o, name), required(n, name), dir) {
                (true, false, Direction::Response) => self.push(
                    child.new.clone(),
                    ChangeKind::MadeOptional,
                    true,
                    format!(
                        "{what} is no longer always in the response: clients generated from the old document expect it"
                    ),
                ),
                (true, false, Direction::Request) => self.push(
                    child.new.clone(),
                    ChangeKind::MadeOptional,
                    false,
                    format!("{what} is no longer required in the request"),
                ),
                (false, true, Direction::Request) => self.push(
                    child.new.clone(),
                    ChangeKind::MadeRequired,
                    true,
                    format!(
                        "{what} is now required in the request: clients generated from the old document may leave it out"
                    ),
                ),
                (false, true, Direction::Response) => self.push(
                    child.new.clone(),
                    ChangeKind::MadeRequired,
                    false,
                    format!("{what} is now always in the response"),
                ),
                _ => {}
            }
            self.schema_cow(
                Cow::Owned(os.clone()),
                Cow::Owned(ns.clone()),
                child,
                dir,
                depth + 1,
            );
        }
        for name in np.keys().filter(|k| !op.contains_key(*k)) {
            let child = at.property(name);
            let what = child.what();
            let (breaking, message) = match dir {
                Direction::Request if required(n, name) => (
                    true,
                    format!(
                        "{what} is a new required field of the request: clients generated from the old document do not send it"
                    ),
                ),
                Direction::Request => (
                    false,
                    format!("{what} is a new optional field of the request"),
                ),
                Direction::Response if closed(o) => (
                    true,
                    format!(
                        "{what} was added to a response whose old schema is closed (`additionalProperties: false`): clients generated from the old document refuse unknown fields"
                    ),
                ),
                Direction::Response => (
                    false,
                    format!(
                        "{what} was added to the response (its old schema is open: clients generated from the old document ignore it)"
                    ),
                ),
            };
            self.push(
                child.new.clone(),
                ChangeKind::PropertyAdded,
                breaking,
                message,
            );
        }
        self.additional(o, n, at, dir, depth, closed);
    }

    fn additional(
        &mut self,
        o: &Value,
        n: &Value,
        at: &At,
        dir: Direction,
        depth: usize,
        closed: impl Fn(&Value) -> bool,
    ) {
        /// What an object says of properties it does not list.
        enum Extra {
            Open,
            Closed,
            Schema,
        }
        // `None`: closed; `true`: anything; else the schema of the values.
        let read = |v: &Value| -> Option<Value> {
            match v.get("additionalProperties") {
                _ if closed(v) => None,
                Some(s @ Value::Object(m)) if !m.keys().all(|k| is_annotation(k)) => {
                    Some(s.clone())
                }
                _ => Some(Value::Bool(true)),
            }
        };
        let to_extra = |x: &Option<Value>| match x {
            None => Extra::Closed,
            Some(Value::Bool(true)) => Extra::Open,
            Some(_) => Extra::Schema,
        };
        let (ox, nx) = (read(o), read(n));
        let what = at.what();
        let pointer = join(&at.new, "additionalProperties");
        match (to_extra(&ox), to_extra(&nx)) {
            (Extra::Open | Extra::Schema, Extra::Closed) => {
                let breaking = dir == Direction::Request;
                let why = if breaking {
                    ": clients generated from the old document may send other properties"
                } else {
                    ""
                };
                self.push(
                    pointer,
                    ChangeKind::AdditionalPropertiesClosed,
                    breaking,
                    format!(
                        "{what} no longer allows properties it does not list in the {}{why}",
                        dir.noun()
                    ),
                );
            }
            (Extra::Closed, Extra::Open | Extra::Schema) => self.push(
                at.new.clone(),
                ChangeKind::AdditionalPropertiesOpened,
                false,
                format!(
                    "{what} now allows properties it does not list in the {}",
                    dir.noun()
                ),
            ),
            (Extra::Open, Extra::Schema) => self.push(
                pointer,
                ChangeKind::ConstraintTightened,
                dir == Direction::Request,
                format!(
                    "{what}: properties it does not list must now match a schema in the {}",
                    dir.noun()
                ),
            ),
            (Extra::Schema, Extra::Open) => self.push(
                join(&at.old, "additionalProperties"),
                ChangeKind::ConstraintRelaxed,
                dir == Direction::Response,
                format!(
                    "{what}: properties it does not list may now be any value in the {}",
                    dir.noun()
                ),
            ),
            (Extra::Schema, Extra::Schema) => {
                if let (Some(a), Some(b)) = (ox, nx) {
                    let child = at.child(
                        &["additionalProperties"],
                        at.suffixed(if at.path.is_empty() { "*" } else { ".*" }),
                    );
                    self.schema_cow(Cow::Owned(a), Cow::Owned(b), child, dir, depth + 1);
                }
            }
            _ => {}
        }
    }

    fn array(&mut self, o: &Value, n: &Value, at: &At, dir: Direction, depth: usize) {
        let what = at.what();
        match (o.get("items"), n.get("items")) {
            (Some(a), Some(b)) => {
                let child = at.child(&["items"], at.suffixed("[]"));
                self.schema_cow(
                    Cow::Owned(a.clone()),
                    Cow::Owned(b.clone()),
                    child,
                    dir,
                    depth + 1,
                );
            }
            (None, Some(_)) if o.get("prefixItems").is_none() => self.push(
                join(&at.new, "items"),
                ChangeKind::ConstraintTightened,
                dir == Direction::Request,
                format!(
                    "{what}: its items must now match a schema in the {}",
                    dir.noun()
                ),
            ),
            (Some(_), None) if n.get("prefixItems").is_none() => self.push(
                join(&at.old, "items"),
                ChangeKind::ConstraintRelaxed,
                dir == Direction::Response,
                format!(
                    "{what}: its items may now be any value in the {}",
                    dir.noun()
                ),
            ),
            _ => {}
        }
        match (
            o.get("prefixItems").and_then(Value::as_array),
            n.get("prefixItems").and_then(Value::as_array),
        ) {
            (Some(a), Some(b)) if a.len() == b.len() => {
                for (i, (a, b)) in a.iter().zip(b).enumerate() {
                    let child = at.child(
                        &["prefixItems", &i.to_string()],
                        at.suffixed(&format!("[{i}]")),
                    );
                    self.schema_cow(
                        Cow::Owned(a.clone()),
                        Cow::Owned(b.clone()),
                        child,
                        dir,
                        depth + 1,
                    );
                }
            }
            (None, None) => {}
            _ => self.push(
                at.new.clone(),
                ChangeKind::Other,
                true,
                format!("the tuple items (`prefixItems`) of {what} changed"),
            ),
        }
    }
}
