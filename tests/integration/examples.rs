//! The examples, each compiled into the tests once: the tests call their apps and helpers.
//! The showcase loads the other examples again, for its routes, and `response_classes`
//! loads `files_streams`, which the file and stream tests need directly.
#![allow(
    dead_code,
    clippy::duplicate_mod,
    reason = "the examples' own `main`s are not run; some files are loaded twice, see above"
)]

#[cfg(feature = "templates")]
#[path = "../../examples/response_classes/main.rs"]
pub(crate) mod response_classes;

#[path = "../../examples/response_classes/files_streams.rs"]
pub(crate) mod files_streams;

#[path = "../../examples/response_models.rs"]
pub(crate) mod response_models;

#[path = "../../examples/include_exclude.rs"]
pub(crate) mod include_exclude;

#[cfg(feature = "templates")]
#[path = "../../examples/showcase.rs"]
pub(crate) mod showcase;
