//! OpenAPI 3.1 from handler types (in progress).
