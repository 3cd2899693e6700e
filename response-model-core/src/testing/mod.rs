//! Contract testing for your own app (the `testing` feature): what your routes answer,
//! checked against the document they publish.
//!
//! - [`Contract`]: the document, ready to check responses against (schemas compiled once):
//!   the operation a request reached, whether its status is documented, its `Content-Type`
//!   a documented media type, its required headers there and valid, its body valid for the
//!   status's schema.
//! - [`Conformance`]: every documented operation of your app called in-process, from a
//!   table of [`Case`]s and from requests generated from the document (examples, then
//!   values from the input schemas, including values they refuse), every answer checked
//!   by a [`Contract`]; the [`Report`] lists each operation's statuses, every failure and
//!   why, operations never called, statuses never produced, routes not documented.
//! - [`compare_documents`] and [`assert_compatible`]: the breaking-change check. The
//!   document your app builds now is compared with the one committed in your repository
//!   (`openapi.json`), and every change is classified as safe or breaking for a client
//!   generated from the committed one: a removed operation, property, enum value or
//!   status, a response property made optional or nullable, a new required request field
//!   or parameter, a changed type, format, media type or security requirement, a renamed
//!   component, tag or operation id. A one-line test fails on a breaking change unless
//!   `info.version`'s major part went up, lists each change with its JSON pointer
//!   ([`ChangeReport`]), writes the file on its first run (a missing file fails under
//!   CI), and rewrites it when [`UPDATE_VAR`] (`RESPONSE_MODEL_UPDATE_OPENAPI=1`) is set. A property added to a response is safe
//!   when the old schema is open, and breaking when it is closed
//!   (`additionalProperties: false`: generated clients deny unknown fields); an added
//!   error status is safe, an added success status is not (see [`compare_documents`]).
//! - [`ValidateResponses`]: a tower layer for the router your tests (or a debug build)
//!   serve: every response of a documented route is checked against the document as it
//!   passes (status, media type, required headers, a JSON body against its schema, each
//!   JSON Lines item and each server-sent event against `itemSchema` as the stream flows,
//!   never held whole). What disagrees is logged with `tracing` (the operation, the status,
//!   the schema and body paths, never the body's values), and, with
//!   [`fail_on_violation`](ValidateResponses::fail_on_violation), answered with the 500 of
//!   a [`ResponseValidationError`](crate::ResponseValidationError), so the test fails:
//!   `let validate = ValidateResponses::new(&api).fail_on_violation();` then
//!   `api.into_router().layer(validate)`.
//!
//! Add it as a dev-dependency's feature, so production builds do not pay for it:
//!
//! ```toml
//! [dev-dependencies]
//! response-model = { version = "0.1", features = ["testing"] }
//! ```

mod breaking;
mod conformance;
mod contract;
mod generate;
mod oas30;
mod validate;

pub use breaking::{
    Change, ChangeKind, ChangeReport, UPDATE_VAR, assert_compatible, assert_compatible_document,
    compare_documents,
};
pub use conformance::{Case, Conformance, Failure, Report};
pub use contract::{Contract, Violation};
pub use validate::{ValidateResponses, ValidateResponsesService};
