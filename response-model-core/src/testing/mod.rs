//! Contract testing for your own app (the `testing` feature): what your routes answer,
//! checked against the document they publish.
//!
//! - [`Contract`]: the document, ready to check responses against (schemas compiled once):
//!   the operation a request reached, whether its status is documented, its `Content-Type`
//!   a documented media type, its required headers there and valid, its body valid for the
//!   status's schema.
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
// Requests generated from the document, for the conformance check (next).
#[allow(dead_code)]
mod generate;
mod oas30;

pub use contract::{Contract, Violation};
