//! `#[derive(ResponseModel)]`: the views it generates (exact JSON for every option, field
//! lists, conversions), their JSON Schemas (the derive's table equal to schemars' derive), the serde attributes they carry, `exclude_unset`
//! over `Tristate`, and hygiene in the user's crate (of `#[derive(ApiError)]` too).

mod exclude_unset;
// `pub`: the module denies warnings and its items are `pub`, as in a user's crate; they
// must be reachable from the crate root (`unreachable_pub`).
pub mod hygiene;
mod schema;
mod schema_table;
mod serde_attrs;
mod views;
