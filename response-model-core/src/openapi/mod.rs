//! OpenAPI 3.1 from handler types (in progress).

mod view_docs;
