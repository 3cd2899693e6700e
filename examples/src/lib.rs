//! The examples of `response-model`, one module per section of FastAPI's responses course.
//! Each module builds its app (`app()`, documented routes in `api()`); each binary in
//! `examples/` (`cargo run --example <name>`) builds one and serves it:
//!
//! | module | course section | needs the feature |
//! |---|---|---|
//! | [`response_models`] | 6.1.1 `response_model`, lists, `Optional`, `status_code` | |
//! | [`include_exclude`] | 6.1.2 include / exclude / exclude_none, `?fields=` | |
//! | [`files_streams`] | 6.2.5 files, 6.2.7 streams and SSE | |
//! | [`response_classes`] | 6.2 every response class at the course's paths (with `files_streams`) | `templates` |
//! | [`uploads`] | `UploadFile = File()` and `Form()`: `multipart/form-data` uploads | |
//! | [`users_db`] | users and items on SQLite (sqlx), typed errors, garde-validated bodies | `validate` |
//! | [`showcase`] | all of them on one server, with `/docs` (`users_db` under `/db`) | both |
//!
//! The features are `response-model`'s (all on by default here), so that a test build of
//! `response-model` without its features compiles only the examples that need none.

pub mod files_streams;
pub mod include_exclude;
#[cfg(feature = "templates")]
pub mod response_classes;
pub mod response_models;
#[cfg(all(feature = "templates", feature = "validate"))]
pub mod showcase;
pub mod uploads;
#[cfg(feature = "validate")]
pub mod users_db;
