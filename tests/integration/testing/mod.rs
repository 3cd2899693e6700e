//! `response_model::testing` (the `testing` feature): the tools users test their own apps
//! with, tested here on small apps with faults put in on purpose, and on the examples.

// The breaking-change check between two versions of a document.
mod breaking;
// The conformance check: cases, generated requests, the report.
mod conformance;
// The layer validating responses as they are sent.
mod validate;
