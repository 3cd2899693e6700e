//! `response_model::testing` (the `testing` feature): contract testing of users' apps.

mod conformance;
