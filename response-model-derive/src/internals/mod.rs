//! Parse, check and plan: everything between the user's tokens and codegen.

pub(crate) mod api_error;
pub(crate) mod ast;
pub(crate) mod attr;
pub(crate) mod case;
pub(crate) mod check;
pub(crate) mod ctxt;
pub(crate) mod docs;
pub(crate) mod plan;
pub(crate) mod symbol;
pub(crate) mod types;
