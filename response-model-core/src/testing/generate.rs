//! Requests generated from an operation's documented inputs (placeholder until the
//! generator lands: no request is generated).

use axum::body::Body;
use http::HeaderMap;

use super::contract::{Contract, OperationRef};

/// One generated request for an operation.
pub(crate) struct Generated {
    pub(crate) request: http::Request<Body>,
    /// Every part of it is valid for the document (else exactly one part is not).
    pub(crate) valid: bool,
    /// What was generated, for the report.
    pub(crate) what: String,
}

/// `count` requests for `op`, from `seed`.
pub(crate) fn requests(
    _contract: &Contract,
    _op: &OperationRef,
    _seed: u64,
    _count: usize,
    _headers: &HeaderMap,
) -> Vec<Generated> {
    Vec::new()
}
