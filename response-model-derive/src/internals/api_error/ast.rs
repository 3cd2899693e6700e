//! The enum deriving `ApiError` as the derive sees it: its variants with their parsed
//! attributes and doc comments, each keeping a reference to the user's syntax so errors
//! point at it.

use syn::{Data, DeriveInput, Path, Variant};

use super::attr::{EnumAttrs, VariantAttrs};
use crate::internals::attr::default_crate_path;
use crate::internals::ctxt::Ctxt;
use crate::internals::docs::DocComment;

pub(crate) struct ErrorEnum<'a> {
    pub(crate) input: &'a DeriveInput,
    /// Where the facade crate is (`crate = path`, else `::response_model`).
    pub(crate) krate: Path,
    pub(crate) variants: Vec<ErrorVariant<'a>>,
}

pub(crate) struct ErrorVariant<'a> {
    pub(crate) original: &'a Variant,
    pub(crate) attrs: VariantAttrs,
    pub(crate) doc: DocComment,
}

impl<'a> ErrorEnum<'a> {
    /// Parses every attribute; an input that is not an enum is reported (and has no
    /// variants).
    pub(crate) fn from_ast(cx: &Ctxt, input: &'a DeriveInput) -> Self {
        let attrs = EnumAttrs::from_attrs(cx, &input.attrs);
        let variants = match &input.data {
            Data::Enum(data) => data
                .variants
                .iter()
                .map(|v| ErrorVariant {
                    original: v,
                    attrs: VariantAttrs::from_attrs(cx, &v.attrs),
                    doc: DocComment::from_attrs(&v.attrs),
                })
                .collect(),
            Data::Struct(s) => {
                cx.error_spanned_by(
                    s.struct_token,
                    "#[derive(ApiError)] is for an enum of errors, one status per variant; for a single error with a known status use `HttpError<STATUS>`",
                );
                Vec::new()
            }
            Data::Union(u) => {
                cx.error_spanned_by(
                    u.union_token,
                    "#[derive(ApiError)] is for an enum of errors, one status per variant",
                );
                Vec::new()
            }
        };
        ErrorEnum {
            input,
            krate: attrs.krate.unwrap_or_else(default_crate_path),
            variants,
        }
    }
}
