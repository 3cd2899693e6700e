//! Contract testing for your own app (the `testing` feature): what your routes answer,
//! checked against the document they publish.
//!
//! - [`Contract`]: the document, ready to check responses against (schemas compiled once):
//!   the operation a request reached, whether its status is documented, its `Content-Type`
//!   a documented media type, its required headers there and valid, its body valid for the
//!   status's schema.
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

// The layer and the conformance check, which use every part, land next.
#[allow(dead_code)]
mod contract;
mod oas30;
mod validate;

pub use contract::{Contract, Violation};
pub use validate::{ValidateResponses, ValidateResponsesService};
