//! `response_model::testing` (the `testing` feature): the tools users test their own apps
//! with, tested here on small apps and the examples.

// The breaking-change check between two versions of a document.
mod breaking;
