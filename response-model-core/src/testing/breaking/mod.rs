//! The breaking-change check: two versions of an OpenAPI document compared, every change
//! classified as safe or breaking for a client generated from the old one.
//!
//! The classifier works on the documents as JSON (`serde_json::Value`), 3.1 and 3.0 alike
//! (a 3.0 schema is read as the 3.1 schema it stands for: `nullable`, `allOf` around a
//! single `$ref`, boolean `exclusiveMinimum`), so a committed 3.0 document can be compared
//! with a 3.1 one. oxidecomputer's `drift` was considered and not used: it reads 3.0 only
//! (through `openapiv3`, which refuses 3.1's `type: [T, "null"]`), and does not look at
//! security requirements, tags or component names.
//!
//! - `operations.rs`: operations matched by method and path, their ids, tags, security,
//!   parameters, request bodies, responses and headers; components (renames).
//! - `schema.rs`: two schemas compared through `$ref`s in a direction (request or
//!   response), with a visited set for recursive types.
//! - `check.rs`: the test helpers that compare with a committed file.

use std::collections::HashSet;
use std::fmt;

use serde_json::Value;

mod check;
mod operations;
mod schema;

pub use check::{UPDATE_VAR, assert_compatible, assert_compatible_document};

/// What changed between two documents. Whether it breaks a client often depends on where
/// it happened (a field added to a request or to a response): [`Change::breaking`] says.
///
/// ```
/// use response_model::testing::{ChangeKind, compare_documents};
/// use serde_json::json;
///
/// let old = json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1.0.0"},
///     "paths": {"/a": {"get": {"responses": {"200": {"description": "OK"}}}}}});
/// let new = json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1.0.0"}, "paths": {}});
/// let report = compare_documents(&old, &new);
/// assert_eq!(report.changes()[0].kind, ChangeKind::OperationRemoved);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ChangeKind {
    /// An operation (method and path) is gone.
    OperationRemoved,
    /// A new operation.
    OperationAdded,
    /// `operationId` changed (or appeared, or went): generated methods are named after it.
    OperationIdChanged,
    /// The operation's tags changed: generators group methods by (the first) tag.
    TagsChanged,
    /// The security requirement of an operation changed (added, another scheme, other
    /// scopes, or removed).
    SecurityChanged,
    /// The definition of a security scheme changed (its type, location, name, flows).
    SecuritySchemeChanged,
    /// A parameter is gone.
    ParameterRemoved,
    /// A new parameter.
    ParameterAdded,
    /// A path parameter has another name (the same position in the path).
    ParameterRenamed,
    /// An operation no longer takes a request body.
    RequestBodyRemoved,
    /// An operation takes a request body it did not take.
    RequestBodyAdded,
    /// A media type of a request or response body is gone.
    MediaTypeRemoved,
    /// A new media type for a request or response body.
    MediaTypeAdded,
    /// A documented response status is gone.
    StatusRemoved,
    /// A new documented response status.
    StatusAdded,
    /// A response header is gone.
    HeaderRemoved,
    /// A new response header.
    HeaderAdded,
    /// An object property is gone.
    PropertyRemoved,
    /// A new object property.
    PropertyAdded,
    /// A property, parameter, header or body became required.
    MadeRequired,
    /// A property, parameter, header or body is no longer required.
    MadeOptional,
    /// A value may now be `null`.
    MadeNullable,
    /// A value may no longer be `null`.
    MadeNonNullable,
    /// The JSON type of a value changed.
    TypeChanged,
    /// The `format` of a value changed (appeared, went, or is another).
    FormatChanged,
    /// A value of an `enum` (or a `const`) is gone.
    EnumValueRemoved,
    /// A new value of an `enum`.
    EnumValueAdded,
    /// A constraint narrows what is allowed (`maxLength`, `minimum`, `pattern`, an `enum`
    /// where any value went, ...).
    ConstraintTightened,
    /// A constraint allows more than it did.
    ConstraintRelaxed,
    /// An object no longer allows properties it does not list (`additionalProperties:
    /// false`).
    AdditionalPropertiesClosed,
    /// An object now allows properties it does not list.
    AdditionalPropertiesOpened,
    /// A branch of an `anyOf`/`oneOf` is gone.
    VariantRemoved,
    /// A new branch of an `anyOf`/`oneOf`.
    VariantAdded,
    /// A component (a schema or a security scheme) is gone.
    ComponentRemoved,
    /// A schema component has another name (the same schema under a new name).
    ComponentRenamed,
    /// A new component.
    ComponentAdded,
    /// A difference this check does not classify finer (a keyword it does not read, a
    /// schema nested too deeply): counted as breaking.
    Other,
    /// A document that is not an OpenAPI 3.x document: nothing could be compared.
    Unreadable,
}

/// One change between two documents: where, what, whether it breaks a client generated
/// from the old document, and why, in a sentence.
///
/// ```
/// use response_model::testing::compare_documents;
/// use serde_json::json;
///
/// let old = json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1.0.0"}, "paths": {}});
/// let mut new = old.clone();
/// new["paths"]["/a"]["get"] = json!({"responses": {"200": {"description": "OK"}}});
/// let report = compare_documents(&old, &new);
/// let change = &report.changes()[0];
/// assert!(!change.breaking);
/// assert_eq!(change.pointer, "/paths/~1a/get");
/// assert_eq!(change.to_string(), "/paths/~1a/get: GET /a was added");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Change {
    /// A JSON pointer (RFC 6901) to where the change is: into the new document, or into
    /// the old one for what was removed.
    pub pointer: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Whether a client generated from the old document can break on it.
    pub breaking: bool,
    /// What changed and why it is (or is not) breaking, in a sentence.
    pub message: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "(document)"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {}", self.message)
    }
}

/// Every change between two documents, in the order they were found, with the two
/// documents' `info.version`. Its `Display` lists the breaking changes, then the safe
/// ones, one per line with its pointer.
///
/// ```
/// use response_model::testing::compare_documents;
/// use serde_json::json;
///
/// let doc = |version: &str, paths| json!({"openapi": "3.1.0",
///     "info": {"title": "A", "version": version}, "paths": paths});
/// let op = json!({"responses": {"200": {"description": "OK"}}});
/// let old = doc("1.2.0", json!({"/a": {"get": op}}));
/// let new = doc("2.0.0", json!({"/b": {"get": op}}));
/// let report = compare_documents(&old, &new);
/// assert!(report.has_breaking());
/// assert!(report.is_major_bump());
/// assert_eq!(
///     report.to_string(),
///     "breaking: /paths/~1a/get: GET /a was removed: clients generated from the old document still call it\n\
///      safe: /paths/~1b/get: GET /b was added\n"
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeReport {
    changes: Vec<Change>,
    old_version: Option<String>,
    new_version: Option<String>,
}

impl ChangeReport {
    /// Every change, in the order found (operations in the old document's order, then
    /// components).
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1"}});
    /// assert!(compare_documents(&doc, &doc).changes().is_empty());
    /// ```
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The changes that break a client generated from the old document.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1"}});
    /// assert_eq!(compare_documents(&doc, &doc).breaking().count(), 0);
    /// ```
    pub fn breaking(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| c.breaking)
    }

    /// The changes a client generated from the old document does not notice.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1"}});
    /// assert_eq!(compare_documents(&doc, &doc).safe().count(), 0);
    /// ```
    pub fn safe(&self) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(|c| !c.breaking)
    }

    /// Whether any change is breaking.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1"}});
    /// assert!(!compare_documents(&doc, &doc).has_breaking());
    /// ```
    pub fn has_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.breaking)
    }

    /// Whether the two documents are the same, for a client (annotations such as
    /// `description` and `example` aside).
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1"}});
    /// assert!(compare_documents(&doc, &doc).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The old document's `info.version`.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1.4.0"}});
    /// assert_eq!(compare_documents(&doc, &doc).old_version(), Some("1.4.0"));
    /// ```
    pub fn old_version(&self) -> Option<&str> {
        self.old_version.as_deref()
    }

    /// The new document's `info.version`.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// let doc = serde_json::json!({"openapi": "3.1.0", "info": {"title": "A", "version": "1.4.0"}});
    /// assert_eq!(compare_documents(&doc, &doc).new_version(), Some("1.4.0"));
    /// ```
    pub fn new_version(&self) -> Option<&str> {
        self.new_version.as_deref()
    }

    /// Whether the new `info.version` is a breaking release after the old one, as cargo
    /// reads semver: a higher major part, or for `0.x` a higher minor part (`0.3.0` after
    /// `0.2.5`), or for `0.0.x` a higher patch. A leading `v` is allowed; a version that
    /// is not numbers separated by dots is never a bump.
    ///
    /// ```
    /// use response_model::testing::compare_documents;
    /// use serde_json::json;
    /// let doc = |v: &str| json!({"openapi": "3.1.0", "info": {"title": "A", "version": v}});
    /// assert!(compare_documents(&doc("1.9.0"), &doc("2.0.0")).is_major_bump());
    /// assert!(compare_documents(&doc("0.2.5"), &doc("0.3.0")).is_major_bump());
    /// assert!(!compare_documents(&doc("1.2.0"), &doc("1.3.0")).is_major_bump());
    /// ```
    pub fn is_major_bump(&self) -> bool {
        match (&self.old_version, &self.new_version) {
            (Some(old), Some(new)) => check::is_major_bump(old, new),
            _ => false,
        }
    }
}

impl fmt::Display for ChangeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.changes.is_empty() {
            return writeln!(f, "no changes");
        }
        for change in self.breaking() {
            writeln!(f, "breaking: {change}")?;
        }
        for change in self.safe() {
            writeln!(f, "safe: {change}")?;
        }
        Ok(())
    }
}

/// Compares two OpenAPI documents (3.1 or 3.0, as JSON) and classifies every change as
/// safe or breaking for a client generated from `old`.
///
/// Breaking: a removed operation, parameter, property, enum value, media type, response
/// status or header; a response property made optional or nullable; a new required
/// request field, parameter or body; a request property or parameter made required or no
/// longer nullable; a changed type or format; a request narrowed (a tighter `maxLength`,
/// a smaller `enum`) or a response widened (a new enum value, a new `anyOf` branch); a new
/// or different security requirement, a changed security scheme; a renamed (removed)
/// schema component, tag or operation id, since generated types and methods are named
/// after them.
///
/// Safe: added operations, optional request fields and parameters, response properties
/// when the old response schema is open (a schema with `additionalProperties: false` is
/// closed: a client generated from it refuses unknown fields, so a property added to it
/// breaks), error statuses (`4XX`/`5XX`), new request media types, relaxed request
/// constraints, narrowed responses, removed security requirements.
///
/// An added response status that is not an error (a `201` beside the `200`, a `default`)
/// is breaking: progenitor, openapi-generator and openapi-ts turn a status the old
/// document does not list into an "unexpected response" error, so a success the server
/// now sends would fail in the old client. An added error status is safe: the old client
/// already fails on it, with a less specific error.
///
/// A new media type beside a response's old ones is breaking (the document does not say
/// when the server picks it; a client generated from the old one cannot read it); a body
/// documented where there was none is safe.
///
/// Schemas are compared through `$ref`s, once per pair of schemas and direction (so
/// recursive types end). A change inside a component is reported once, at its pointer in
/// the component. Annotations (`description`, `title`, `example(s)`, `default`,
/// `deprecated`, `readOnly`/`writeOnly`, `x-*`) are not compared. This function never
/// panics: a document that is not an OpenAPI 3.x object is reported as
/// [`ChangeKind::Unreadable`].
///
/// ```
/// use response_model::testing::{ChangeKind, compare_documents};
/// use serde_json::json;
///
/// let doc = |props: serde_json::Value| json!({
///     "openapi": "3.1.0",
///     "info": {"title": "Items", "version": "1.0.0"},
///     "paths": {"/items/{id}": {"get": {
///         "operationId": "read_item",
///         "responses": {"200": {"description": "OK", "content": {"application/json": {
///             "schema": {"$ref": "#/components/schemas/Item"}}}}}}}},
///     "components": {"schemas": {"Item": {
///         "type": "object", "properties": props, "required": ["id"]}}},
/// });
/// let old = doc(json!({"id": {"type": "integer"}, "name": {"type": "string"}}));
/// let new = doc(json!({"id": {"type": "integer"}, "title": {"type": "string"}}));
/// let report = compare_documents(&old, &new);
/// let kinds: Vec<_> = report.changes().iter().map(|c| (c.kind, c.breaking, c.pointer.as_str())).collect();
/// assert_eq!(kinds, [
///     (ChangeKind::PropertyRemoved, true, "/components/schemas/Item/properties/name"),
///     // The schema is open (no `additionalProperties: false`): old clients ignore it.
///     (ChangeKind::PropertyAdded, false, "/components/schemas/Item/properties/title"),
/// ]);
/// ```
pub fn compare_documents(old: &Value, new: &Value) -> ChangeReport {
    let version = |doc: &Value| {
        doc.get("info")
            .and_then(|i| i.get("version"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    let mut diff = Diff::new(old, new);
    diff.documents();
    ChangeReport {
        changes: diff.changes,
        old_version: version(old),
        new_version: version(new),
    }
}

/// Request or response: which way a value travels decides whether a change breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Direction {
    /// The client sends it: the server may accept more, never less.
    Request,
    /// The client reads it: the server may send less, never more.
    Response,
}

impl Direction {
    fn noun(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }
}

/// One document being compared: its root, and whether its schemas are 3.0's dialect.
#[derive(Clone, Copy)]
pub(super) struct Doc<'a> {
    pub(super) root: &'a Value,
    pub(super) v30: bool,
}

impl<'a> Doc<'a> {
    fn new(root: &'a Value) -> Self {
        let v30 = root
            .get("openapi")
            .and_then(Value::as_str)
            .is_some_and(|v| v.starts_with("3.0"));
        Doc { root, v30 }
    }

    /// The value a local `$ref` (`#/components/schemas/Item`) points at, and its pointer.
    pub(super) fn resolve(&self, reference: &str) -> Option<(&'a Value, String)> {
        let pointer = reference.strip_prefix('#')?;
        if !(pointer.is_empty() || pointer.starts_with('/')) {
            return None;
        }
        self.root.pointer(pointer).map(|v| (v, pointer.to_owned()))
    }

    /// A value that may be a `$ref` (a parameter, a request body, a response, a header),
    /// followed to what it points at (a few steps at most: a cycle of references ends).
    pub(super) fn deref(&self, mut value: &'a Value, mut pointer: String) -> (&'a Value, String) {
        for _ in 0..8 {
            let Some(reference) = value.get("$ref").and_then(Value::as_str) else {
                break;
            };
            let Some((target, at)) = self.resolve(reference) else {
                break;
            };
            value = target;
            pointer = at;
        }
        (value, pointer)
    }
}

/// The comparison under way: both documents, the changes found, and the schema pairs
/// already compared.
pub(super) struct Diff<'a> {
    pub(super) old: Doc<'a>,
    pub(super) new: Doc<'a>,
    changes: Vec<Change>,
    reported: HashSet<(String, ChangeKind, bool, String)>,
    /// Schema pairs (old pointer, new pointer) compared in a direction: a recursive type,
    /// or a component used by many operations, is compared once.
    pub(super) visited: HashSet<(String, String, Direction)>,
}

impl<'a> Diff<'a> {
    fn new(old: &'a Value, new: &'a Value) -> Self {
        Diff {
            old: Doc::new(old),
            new: Doc::new(new),
            changes: Vec::new(),
            reported: HashSet::new(),
            visited: HashSet::new(),
        }
    }

    /// Records a change once (a component reached from several operations is reported at
    /// its own pointer, once).
    pub(super) fn push(
        &mut self,
        pointer: String,
        kind: ChangeKind,
        breaking: bool,
        message: String,
    ) {
        let key = (pointer, kind, breaking, message);
        if self.reported.insert(key.clone()) {
            let (pointer, kind, breaking, message) = key;
            self.changes.push(Change {
                pointer,
                kind,
                breaking,
                message,
            });
        }
    }
}

/// `base` followed by one reference token, escaped as RFC 6901 says (`~` -> `~0`, `/` ->
/// `~1`).
pub(super) fn join(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}
