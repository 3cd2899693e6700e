//! Operations, parameters, bodies, responses, security and components of two documents.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use serde_json::{Map, Value};

use super::schema::At;
use super::{ChangeKind, Diff, Direction, Doc, join};

/// What a missing map or value reads as (`'static`, so it lives as long as the documents).
static EMPTY: LazyLock<Map<String, Value>> = LazyLock::new(Map::new);
static NULL: Value = Value::Null;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// An operation of a document.
struct Operation<'a> {
    /// `GET /items/{item_id}`.
    label: String,
    /// `/paths/~1items~1{item_id}/get`.
    pointer: String,
    /// The pointer of its path item (where path-level parameters are).
    item_pointer: String,
    /// The path with each `{name}` written `{}`: `/items/{id}` and `/items/{item_id}` are
    /// the same URL to a client.
    key: (String, &'static str),
    /// The names of the path's parameters, in order.
    path_params: Vec<String>,
    op: &'a Value,
    item: &'a Value,
}

fn operations<'a>(doc: &Doc<'a>) -> Vec<Operation<'a>> {
    let Some(paths) = doc.root.get("paths").and_then(Value::as_object) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (path, item) in paths {
        let item_pointer = join("/paths", path);
        let (item, item_pointer) = doc.deref(item, item_pointer);
        let (template, path_params) = template(path);
        for method in METHODS {
            let Some(op) = item.get(method).filter(|op| op.is_object()) else {
                continue;
            };
            out.push(Operation {
                label: format!("{} {path}", method.to_ascii_uppercase()),
                pointer: join(&item_pointer, method),
                item_pointer: item_pointer.clone(),
                key: (template.clone(), method),
                path_params: path_params.clone(),
                op,
                item,
            });
        }
    }
    out
}

/// `/items/{item_id}/tags/{tag}` -> (`/items/{}/tags/{}`, [`item_id`, `tag`]).
fn template(path: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(path.len());
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str("{}");
        names.push(rest[open + 1..open + close].to_owned());
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    (out, names)
}

fn str_list(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

fn is_required(v: &Value) -> bool {
    v.get("required").and_then(Value::as_bool) == Some(true)
}

/// A response status a client generated from the old document does not turn into an
/// error of its own when it is new: an error status.
fn is_error_status(status: &str) -> bool {
    status.starts_with('4') || status.starts_with('5')
}

/// `text/plain; charset=utf-8` -> `text/plain`.
fn essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase()
}

/// A parameter of an operation: where it is, by what it is matched.
struct Param<'a> {
    /// (`in`, name; a header's lower-cased, a path parameter's position).
    key: (String, String),
    name: String,
    value: &'a Value,
    pointer: String,
}

impl<'a> Diff<'a> {
    /// Both documents, compared.
    pub(super) fn documents(&mut self) {
        let old_ok = readable(self.old.root);
        let new_ok = readable(self.new.root);
        if !old_ok || !new_ok {
            let which = match (old_ok, new_ok) {
                (false, false) => "neither document is",
                (false, true) => "the old document is not",
                _ => "the new document is not",
            };
            self.push(
                String::new(),
                ChangeKind::Unreadable,
                true,
                format!("{which} an OpenAPI 3.x document (an object with `openapi: 3.x`): nothing was compared"),
            );
            return;
        }
        let old_ops = operations(&self.old);
        let new_ops = operations(&self.new);
        for old in &old_ops {
            match new_ops.iter().find(|n| n.key == old.key) {
                Some(new) => self.operation(old, new),
                None => self.push(
                    old.pointer.clone(),
                    ChangeKind::OperationRemoved,
                    true,
                    format!(
                        "{} was removed: clients generated from the old document still call it",
                        old.label
                    ),
                ),
            }
        }
        for new in &new_ops {
            if !old_ops.iter().any(|o| o.key == new.key) {
                self.push(
                    new.pointer.clone(),
                    ChangeKind::OperationAdded,
                    false,
                    format!("{} was added", new.label),
                );
            }
        }
        self.schema_components();
        self.security_schemes();
    }

    fn operation(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let label = &new.label;
        // The operation id names the generated method.
        let old_id = old.op.get("operationId").and_then(Value::as_str);
        let new_id = new.op.get("operationId").and_then(Value::as_str);
        if old_id != new_id {
            let show = |id: Option<&str>| id.map_or("none".to_owned(), |id| format!("`{id}`"));
            self.push(
                if new_id.is_some() {
                    join(&new.pointer, "operationId")
                } else {
                    join(&old.pointer, "operationId")
                },
                ChangeKind::OperationIdChanged,
                true,
                format!(
                    "the operation id of {label} changed from {} to {}: generated clients name the method after it",
                    show(old_id),
                    show(new_id)
                ),
            );
        }
        // Tags group methods (openapi-generator's `ItemsApi`, progenitor's tag traits),
        // by the first tag where a generator takes one.
        let old_tags = str_list(old.op.get("tags"));
        let new_tags = str_list(new.op.get("tags"));
        if old_tags != new_tags {
            let breaking = old_tags.first() != new_tags.first()
                || old_tags.iter().any(|t| !new_tags.contains(t));
            let pointer = if new.op.get("tags").is_some() {
                join(&new.pointer, "tags")
            } else {
                join(&old.pointer, "tags")
            };
            let why = if breaking {
                ": generators that group methods by tag move or rename the method"
            } else {
                ""
            };
            self.push(
                pointer,
                ChangeKind::TagsChanged,
                breaking,
                format!("the tags of {label} changed from {old_tags:?} to {new_tags:?}{why}"),
            );
        }
        self.security(old, new);
        self.parameters(old, new);
        self.request_body(old, new);
        self.responses(old, new);
    }

    /// The operation's requirement (its own `security`, else the document's), as
    /// alternatives, each a set of schemes with their scopes. No alternative, or an empty
    /// one, lets an anonymous client in.
    fn security(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        type Requirement = Vec<BTreeMap<String, BTreeSet<String>>>;
        fn effective<'v>(op: &'v Value, root: &'v Value) -> (Requirement, bool) {
            let (list, own) = match op.get("security") {
                Some(list) => (list, true),
                None => (root.get("security").unwrap_or(&Value::Null), false),
            };
            let requirement = list
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .map(|alt| {
                    alt.iter()
                        .map(|(scheme, scopes)| {
                            (scheme.clone(), str_list(Some(scopes)).into_iter().collect())
                        })
                        .collect()
                })
                .collect();
            (requirement, own)
        }
        fn show(req: &Requirement) -> String {
            if req.is_empty() || (req.len() == 1 && req[0].is_empty()) {
                return "none".to_owned();
            }
            let alts: Vec<String> = req
                .iter()
                .map(|alt| {
                    if alt.is_empty() {
                        return "anonymous".to_owned();
                    }
                    let schemes: Vec<String> = alt
                        .iter()
                        .map(|(s, scopes)| {
                            if scopes.is_empty() {
                                format!("`{s}`")
                            } else {
                                let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
                                format!("`{s}` ({})", scopes.join(", "))
                            }
                        })
                        .collect();
                    schemes.join(" and ")
                })
                .collect();
            alts.join(" or ")
        }
        let (old_req, _) = effective(old.op, self.old.root);
        let (new_req, own) = effective(new.op, self.new.root);
        if old_req == new_req {
            return;
        }
        let anonymous = |req: &Requirement| req.is_empty() || req.iter().any(BTreeMap::is_empty);
        // Every way an old client authenticates (an old alternative) must still be
        // accepted: some new alternative asks for no scheme, and no scope, it does not.
        let covered = |alt: &BTreeMap<String, BTreeSet<String>>| {
            anonymous(&new_req)
                || new_req.iter().any(|n| {
                    n.iter().all(|(scheme, scopes)| {
                        alt.get(scheme).is_some_and(|have| scopes.is_subset(have))
                    })
                })
        };
        let old_alts: Vec<BTreeMap<String, BTreeSet<String>>> = if old_req.is_empty() {
            vec![BTreeMap::new()]
        } else {
            old_req.clone()
        };
        let breaking = !old_alts.iter().all(covered);
        // Where the new requirement is written; for one removed, where the old one was.
        let pointer = if own {
            join(&new.pointer, "security")
        } else if self.new.root.get("security").is_some() {
            "/security".to_owned()
        } else if old.op.get("security").is_some() {
            join(&old.pointer, "security")
        } else if self.old.root.get("security").is_some() {
            "/security".to_owned()
        } else {
            new.pointer.clone()
        };
        let message = if breaking && anonymous(&old_req) {
            format!(
                "{} now requires {}: clients generated from the old document send no credentials",
                new.label,
                show(&new_req)
            )
        } else if breaking {
            format!(
                "the security requirement of {} changed from {} to {}: clients generated from the old document send other credentials",
                new.label,
                show(&old_req),
                show(&new_req)
            )
        } else {
            format!(
                "the security requirement of {} was relaxed from {} to {}",
                new.label,
                show(&old_req),
                show(&new_req)
            )
        };
        self.push(pointer, ChangeKind::SecurityChanged, breaking, message);
    }

    fn params(doc: &Doc<'a>, op: &Operation<'a>) -> Vec<Param<'a>> {
        let mut out: Vec<Param<'a>> = Vec::new();
        let lists = [
            (
                op.item.get("parameters"),
                join(&op.item_pointer, "parameters"),
            ),
            (op.op.get("parameters"), join(&op.pointer, "parameters")),
        ];
        for (list, base) in lists {
            for (i, param) in list
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let (param, _) = doc.deref(param, String::new());
                let Some(name) = param.get("name").and_then(Value::as_str) else {
                    continue;
                };
                let location = param.get("in").and_then(Value::as_str).unwrap_or("query");
                let id = match location {
                    "header" => name.to_ascii_lowercase(),
                    // Matched by position: `{id}` renamed `{item_id}` is the same URL.
                    "path" => op
                        .path_params
                        .iter()
                        .position(|p| p == name)
                        .map_or_else(|| name.to_owned(), |i| format!("#{i}")),
                    _ => name.to_owned(),
                };
                let key = (location.to_owned(), id);
                let entry = Param {
                    key,
                    name: name.to_owned(),
                    value: param,
                    pointer: join(&base, &i.to_string()),
                };
                // An operation's parameter overrides the path item's of the same key.
                match out.iter_mut().find(|p| p.key == entry.key) {
                    Some(slot) => *slot = entry,
                    None => out.push(entry),
                }
            }
        }
        out
    }

    fn parameters(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let old_params = Self::params(&self.old, old);
        let new_params = Self::params(&self.new, new);
        let label = &new.label;
        for o in &old_params {
            let what = format!("{} parameter `{}`", o.key.0, o.name);
            let Some(n) = new_params.iter().find(|n| n.key == o.key) else {
                self.push(
                    o.pointer.clone(),
                    ChangeKind::ParameterRemoved,
                    true,
                    format!(
                        "{what} of {label} was removed: clients generated from the old document still send it"
                    ),
                );
                continue;
            };
            // Matched by position, a path parameter may have another name.
            if o.key.0 == "path" && n.name != o.name {
                self.push(
                    n.pointer.clone(),
                    ChangeKind::ParameterRenamed,
                    true,
                    format!(
                        "{what} of {label} was renamed `{}`: generated clients name the argument after it",
                        n.name
                    ),
                );
            }
            match (is_required(o.value), is_required(n.value)) {
                (false, true) => self.push(
                    n.pointer.clone(),
                    ChangeKind::MadeRequired,
                    true,
                    format!(
                        "{what} of {label} is now required: clients generated from the old document may leave it out"
                    ),
                ),
                (true, false) => self.push(
                    n.pointer.clone(),
                    ChangeKind::MadeOptional,
                    false,
                    format!("{what} of {label} is no longer required"),
                ),
                _ => {}
            }
            for key in ["style", "explode", "allowReserved"] {
                if o.value.get(key) != n.value.get(key) {
                    self.push(
                        join(&n.pointer, key),
                        ChangeKind::Other,
                        true,
                        format!(
                            "the `{key}` of {what} of {label} changed: clients generated from the old document write it the old way"
                        ),
                    );
                }
            }
            match (o.value.get("schema"), n.value.get("schema")) {
                (Some(os), Some(ns)) => {
                    let at = At::new(
                        join(&o.pointer, "schema"),
                        join(&n.pointer, "schema"),
                        format!("{what} of {label}"),
                    );
                    self.schema(os, ns, &at, Direction::Request, 0);
                }
                _ => {
                    if let (Some(oc), Some(nc)) = (o.value.get("content"), n.value.get("content")) {
                        self.content(
                            oc,
                            nc,
                            &join(&o.pointer, "content"),
                            &join(&n.pointer, "content"),
                            &format!("{what} of {label}"),
                            Direction::Request,
                        );
                    }
                }
            }
        }
        for n in &new_params {
            if old_params.iter().any(|o| o.key == n.key) {
                continue;
            }
            let what = format!("{} parameter `{}`", n.key.0, n.name);
            let required = is_required(n.value);
            let message = if required {
                format!(
                    "{what} of {label} is new and required: clients generated from the old document do not send it"
                )
            } else {
                format!("{what} of {label} is new and optional")
            };
            self.push(
                n.pointer.clone(),
                ChangeKind::ParameterAdded,
                required,
                message,
            );
        }
    }

    fn request_body(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let label = &new.label;
        let old_body = old
            .op
            .get("requestBody")
            .map(|b| self.old.deref(b, join(&old.pointer, "requestBody")));
        let new_body = new
            .op
            .get("requestBody")
            .map(|b| self.new.deref(b, join(&new.pointer, "requestBody")));
        let pointer = join(&new.pointer, "requestBody");
        match (old_body, new_body) {
            (None, None) => {}
            (Some(_), None) => self.push(
                join(&old.pointer, "requestBody"),
                ChangeKind::RequestBodyRemoved,
                true,
                format!(
                    "{label} no longer takes a request body: clients generated from the old document still send one"
                ),
            ),
            (None, Some((body, _))) => {
                let required = is_required(body);
                let message = if required {
                    format!(
                        "{label} now requires a request body: clients generated from the old document send none"
                    )
                } else {
                    format!("{label} now takes an optional request body")
                };
                self.push(pointer, ChangeKind::RequestBodyAdded, required, message);
            }
            (Some((ob, op)), Some((nb, np))) => {
                match (is_required(ob), is_required(nb)) {
                    (false, true) => self.push(
                        pointer,
                        ChangeKind::MadeRequired,
                        true,
                        format!(
                            "the request body of {label} is now required: clients generated from the old document may send none"
                        ),
                    ),
                    (true, false) => self.push(
                        pointer,
                        ChangeKind::MadeOptional,
                        false,
                        format!("the request body of {label} is no longer required"),
                    ),
                    _ => {}
                }
                if let (Some(oc), Some(nc)) = (ob.get("content"), nb.get("content")) {
                    self.content(
                        oc,
                        nc,
                        &join(&op, "content"),
                        &join(&np, "content"),
                        &format!("the request body of {label}"),
                        Direction::Request,
                    );
                }
            }
        }
    }

    /// The media types of a body, and each one's schema (and stream item schema).
    fn content(
        &mut self,
        old: &'a Value,
        new: &'a Value,
        old_ptr: &str,
        new_ptr: &str,
        what: &str,
        dir: Direction,
    ) {
        let old_map = old.as_object().unwrap_or(&EMPTY);
        let new_map = new.as_object().unwrap_or(&EMPTY);
        for (om, ov) in old_map {
            let found = new_map.iter().find(|(nm, _)| essence(nm) == essence(om));
            let Some((nm, nv)) = found else {
                let why = match dir {
                    Direction::Request => "clients generated from the old document still send it",
                    Direction::Response => "clients generated from the old document expect it",
                };
                self.push(
                    join(old_ptr, om),
                    ChangeKind::MediaTypeRemoved,
                    true,
                    format!("`{om}` is no longer a media type of {what}: {why}"),
                );
                continue;
            };
            let (op, np) = (join(old_ptr, om), join(new_ptr, nm));
            if let (Some(os), Some(ns)) = (ov.get("schema"), nv.get("schema")) {
                let at = At::new(
                    join(&op, "schema"),
                    join(&np, "schema"),
                    format!("{what} ({nm})"),
                );
                self.schema(os, ns, &at, dir, 0);
            }
            // A stream's items (3.2's `itemSchema`, 3.0's `x-itemSchema`).
            let item = |v: &'a Value| {
                v.get("itemSchema")
                    .map(|s| (s, "itemSchema"))
                    .or_else(|| v.get("x-itemSchema").map(|s| (s, "x-itemSchema")))
            };
            if let (Some((os, ok)), Some((ns, nk))) = (item(ov), item(nv)) {
                let at = At::new(
                    join(&op, ok),
                    join(&np, nk),
                    format!("each item of {what} ({nm})"),
                );
                self.schema(os, ns, &at, dir, 0);
            }
        }
        for (nm, _) in new_map {
            if old_map.keys().any(|om| essence(om) == essence(nm)) {
                continue;
            }
            // A request may be sent as before; a response may now come in a form the old
            // client cannot read, unless there was no body to read before.
            let breaking = dir == Direction::Response && !old_map.is_empty();
            let message = if breaking {
                format!(
                    "`{nm}` is a new media type of {what}: clients generated from the old document cannot read it"
                )
            } else {
                format!("`{nm}` is a new media type of {what}")
            };
            self.push(
                join(new_ptr, nm),
                ChangeKind::MediaTypeAdded,
                breaking,
                message,
            );
        }
    }

    fn responses(&mut self, old: &Operation<'a>, new: &Operation<'a>) {
        let label = &new.label;
        let old_map = old
            .op
            .get("responses")
            .and_then(Value::as_object)
            .unwrap_or(&EMPTY);
        let new_map = new
            .op
            .get("responses")
            .and_then(Value::as_object)
            .unwrap_or(&EMPTY);
        let old_base = join(&old.pointer, "responses");
        let new_base = join(&new.pointer, "responses");
        for (status, ov) in old_map {
            let Some(nv) = new_map.get(status) else {
                self.push(
                    join(&old_base, status),
                    ChangeKind::StatusRemoved,
                    true,
                    format!(
                        "{label} no longer documents a {status} response: clients generated from the old document expect it"
                    ),
                );
                continue;
            };
            let (ov, op) = self.old.deref(ov, join(&old_base, status));
            let (nv, np) = self.new.deref(nv, join(&new_base, status));
            let what = format!("the {status} response of {label}");
            let (oc, nc) = (
                ov.get("content").unwrap_or(&NULL),
                nv.get("content").unwrap_or(&NULL),
            );
            self.content(
                oc,
                nc,
                &join(&op, "content"),
                &join(&np, "content"),
                &what,
                Direction::Response,
            );
            self.headers(ov, nv, &op, &np, &what);
        }
        for status in new_map.keys() {
            if old_map.contains_key(status) {
                continue;
            }
            let breaking = !is_error_status(status);
            let message = if breaking {
                format!(
                    "{label} documents a new {status} response: clients generated from the old document take it for an unexpected answer (an error)"
                )
            } else {
                format!(
                    "{label} documents a new {status} response (an error, as any undocumented status already was)"
                )
            };
            self.push(
                join(&new_base, status),
                ChangeKind::StatusAdded,
                breaking,
                message,
            );
        }
    }

    fn headers(
        &mut self,
        old: &'a Value,
        new: &'a Value,
        old_ptr: &str,
        new_ptr: &str,
        what: &str,
    ) {
        let old_map = old
            .get("headers")
            .and_then(Value::as_object)
            .unwrap_or(&EMPTY);
        let new_map = new
            .get("headers")
            .and_then(Value::as_object)
            .unwrap_or(&EMPTY);
        let (old_base, new_base) = (join(old_ptr, "headers"), join(new_ptr, "headers"));
        for (name, oh) in old_map {
            let found = new_map.iter().find(|(n, _)| n.eq_ignore_ascii_case(name));
            let Some((new_name, nh)) = found else {
                self.push(
                    join(&old_base, name),
                    ChangeKind::HeaderRemoved,
                    true,
                    format!(
                        "header `{name}` of {what} was removed: clients generated from the old document read it"
                    ),
                );
                continue;
            };
            let (oh, op) = self.old.deref(oh, join(&old_base, name));
            let (nh, np) = self.new.deref(nh, join(&new_base, new_name));
            match (is_required(oh), is_required(nh)) {
                (true, false) => self.push(
                    np.clone(),
                    ChangeKind::MadeOptional,
                    true,
                    format!(
                        "header `{name}` of {what} is no longer required: clients generated from the old document expect it"
                    ),
                ),
                (false, true) => self.push(
                    np.clone(),
                    ChangeKind::MadeRequired,
                    false,
                    format!("header `{name}` of {what} is now always sent"),
                ),
                _ => {}
            }
            if let (Some(os), Some(ns)) = (oh.get("schema"), nh.get("schema")) {
                let at = At::new(
                    join(&op, "schema"),
                    join(&np, "schema"),
                    format!("header `{name}` of {what}"),
                );
                self.schema(os, ns, &at, Direction::Response, 0);
            }
        }
        for name in new_map.keys() {
            if !old_map.keys().any(|o| o.eq_ignore_ascii_case(name)) {
                self.push(
                    join(&new_base, name),
                    ChangeKind::HeaderAdded,
                    false,
                    format!("header `{name}` of {what} is new"),
                );
            }
        }
    }

    /// Schema components: a name gone is a generated type gone (renamed, when the same
    /// schema is there under a new name).
    fn schema_components(&mut self) {
        let schemas = |doc: &Doc<'a>| {
            doc.root
                .get("components")
                .and_then(|c| c.get("schemas"))
                .and_then(Value::as_object)
        };
        let old_map = schemas(&self.old).unwrap_or(&EMPTY);
        let new_map = schemas(&self.new).unwrap_or(&EMPTY);
        let added: Vec<&String> = new_map
            .keys()
            .filter(|n| !old_map.contains_key(*n))
            .collect();
        let mut renamed_to = BTreeSet::new();
        for (name, schema) in old_map {
            if new_map.contains_key(name) {
                continue;
            }
            let pointer = join("/components/schemas", name);
            let target = added.iter().find(|n| {
                !renamed_to.contains(**n)
                    && without_annotations(&new_map[n.as_str()]) == without_annotations(schema)
            });
            match target {
                Some(target) => {
                    renamed_to.insert((*target).clone());
                    self.push(
                        pointer,
                        ChangeKind::ComponentRenamed,
                        true,
                        format!(
                            "schema `{name}` was renamed `{target}`: clients generated from the old document name the type `{name}`"
                        ),
                    );
                }
                None => self.push(
                    pointer,
                    ChangeKind::ComponentRemoved,
                    true,
                    format!(
                        "schema `{name}` was removed (or renamed): clients generated from the old document have a type of that name"
                    ),
                ),
            }
        }
        for name in added {
            if renamed_to.contains(name) {
                continue;
            }
            self.push(
                join("/components/schemas", name),
                ChangeKind::ComponentAdded,
                false,
                format!("schema `{name}` was added"),
            );
        }
    }

    fn security_schemes(&mut self) {
        let schemes = |doc: &Doc<'a>| {
            doc.root
                .get("components")
                .and_then(|c| c.get("securitySchemes"))
                .and_then(Value::as_object)
        };
        let old_map = schemes(&self.old).unwrap_or(&EMPTY);
        let new_map = schemes(&self.new).unwrap_or(&EMPTY);
        for (name, old) in old_map {
            let pointer = join("/components/securitySchemes", name);
            match new_map.get(name) {
                None => self.push(
                    pointer,
                    ChangeKind::ComponentRemoved,
                    true,
                    format!(
                        "security scheme `{name}` was removed: clients generated from the old document authenticate with it"
                    ),
                ),
                Some(new) if without_annotations(old) != without_annotations(new) => self.push(
                    pointer,
                    ChangeKind::SecuritySchemeChanged,
                    true,
                    format!(
                        "security scheme `{name}` changed: clients generated from the old document send credentials the old way"
                    ),
                ),
                Some(_) => {}
            }
        }
        for name in new_map.keys() {
            if !old_map.contains_key(name) {
                self.push(
                    join("/components/securitySchemes", name),
                    ChangeKind::ComponentAdded,
                    false,
                    format!("security scheme `{name}` was added"),
                );
            }
        }
    }
}

/// An object with `openapi: "3.x"`.
fn readable(doc: &Value) -> bool {
    doc.get("openapi")
        .and_then(Value::as_str)
        .is_some_and(|v| v.starts_with("3."))
}

/// `value` without the keys that describe and constrain nothing, at every depth: two
/// components equal this way are the same schema.
fn without_annotations(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !super::schema::is_annotation(k))
                .map(|(k, v)| {
                    // The keys of `properties` are names, not keywords: all kept.
                    let v = match (k.as_str(), v) {
                        ("properties" | "patternProperties" | "$defs", Value::Object(named)) => {
                            Value::Object(
                                named
                                    .iter()
                                    .map(|(name, s)| (name.clone(), without_annotations(s)))
                                    .collect(),
                            )
                        }
                        _ => without_annotations(v),
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(list) => Value::Array(list.iter().map(without_annotations).collect()),
        other => other.clone(),
    }
}
