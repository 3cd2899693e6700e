//! Parsing of `#[api_error(...)]` on the enum and on its variants.
//!
//! Parsing records what was written, with the tokens to point at; whether it makes sense
//! (a status in range, one body, a field to send) is `check.rs`'s business. Every mistake
//! goes into the [`Ctxt`] and parsing goes on, so one compile reports them all.

use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitInt, LitStr, Path};

use crate::internals::attr::{parse_crate_path, skip_meta, unknown};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{
    API_ERROR, API_ERROR_ENUM_OPTIONS, API_ERROR_VARIANT_OPTIONS, BODY, CRATE, DETAIL, STATUS,
    TRANSPARENT, given_twice,
};

/// Everything written on the enum.
#[derive(Default)]
pub(crate) struct EnumAttrs {
    pub(crate) krate: Option<Path>,
}

/// Everything written on one variant, each option with its key (to point at).
#[derive(Default)]
pub(crate) struct VariantAttrs {
    /// An option could not be parsed (reported): the rules that need the whole attribute
    /// (such as "no status") are not checked, so the one mistake is not reported twice.
    pub(crate) broken: bool,
    /// `status = 404`.
    pub(crate) status: Option<(Path, LitInt)>,
    /// `body`.
    pub(crate) body: Option<Path>,
    /// `detail = "..."`.
    pub(crate) detail: Option<(Path, LitStr)>,
    /// `transparent`.
    pub(crate) transparent: Option<Path>,
}

impl EnumAttrs {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = EnumAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(API_ERROR)) {
            if let Err(err) = attr.parse_nested_meta(|meta| out.parse_option(cx, &meta)) {
                cx.syn_error(err);
            }
        }
        out
    }

    fn parse_option(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        if meta.path.is_ident(CRATE) {
            let path = parse_crate_path(meta.input)?;
            if self.krate.is_some() {
                cx.error_spanned_by(&meta.path, given_twice(CRATE));
            } else {
                self.krate = Some(path);
            }
            return Ok(());
        }
        if API_ERROR_VARIANT_OPTIONS
            .iter()
            .any(|o| meta.path.is_ident(o))
        {
            cx.error_spanned_by(
                &meta.path,
                format_args!(
                    "`{}` belongs on each variant, such as `#[api_error(status = 404)]` above the variant; on the enum the one option is `crate = path`",
                    key_name(meta)
                ),
            );
        } else {
            cx.error_spanned_by(
                &meta.path,
                unknown(
                    "`api_error` option",
                    &key_name(meta),
                    API_ERROR_ENUM_OPTIONS,
                    " (`crate = path`, where `response_model` is re-exported), the one option on the enum; statuses and bodies go on each variant",
                ),
            );
        }
        skip_meta(meta)
    }
}

impl VariantAttrs {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut out = VariantAttrs::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(API_ERROR)) {
            if let Err(err) = attr.parse_nested_meta(|meta| out.parse_option(cx, &meta)) {
                cx.syn_error(err);
                out.broken = true;
            }
        }
        out
    }

    fn parse_option(&mut self, cx: &Ctxt, meta: &ParseNestedMeta) -> syn::Result<()> {
        let key = meta.path.clone();
        if key.is_ident(STATUS) {
            let value = meta.value()?;
            if !value.peek(LitInt) {
                let wrong: syn::Expr = value.parse()?;
                cx.error_spanned_by(wrong, "expected an integer status, such as `status = 404`");
                self.broken = true;
                return Ok(());
            }
            let lit: LitInt = value.parse()?;
            once(cx, &mut self.status, (key, lit), STATUS);
        } else if key.is_ident(BODY) {
            once(cx, &mut self.body, key, BODY);
        } else if key.is_ident(DETAIL) {
            let value = meta.value()?;
            if !value.peek(LitStr) {
                let wrong: syn::Expr = value.parse()?;
                cx.error_spanned_by(
                    wrong,
                    "expected the message as a string: `detail = \"Item not found\"`",
                );
                self.broken = true;
                return Ok(());
            }
            let lit: LitStr = value.parse()?;
            once(cx, &mut self.detail, (key, lit), DETAIL);
        } else if key.is_ident(TRANSPARENT) {
            once(cx, &mut self.transparent, key, TRANSPARENT);
        } else if key.is_ident(CRATE) {
            cx.error_spanned_by(
                &key,
                "`crate` belongs on the enum: `#[api_error(crate = path)]` above it",
            );
            return skip_meta(meta);
        } else {
            cx.error_spanned_by(
                &key,
                unknown(
                    "`api_error` option",
                    &key_name(meta),
                    API_ERROR_VARIANT_OPTIONS,
                    " (`status = 404`; `body`: the variant's one field is the JSON body; `detail = \"...\"`: the message instead of `Display`; `transparent`: the variant's one field answers)",
                ),
            );
            self.broken = true;
            return skip_meta(meta);
        }
        Ok(())
    }
}

/// Sets an option given once; a second one is reported at its key (the first is kept).
fn once<T: KeyOf>(cx: &Ctxt, slot: &mut Option<T>, value: T, word: &str) {
    if slot.is_some() {
        cx.error_spanned_by(value.key(), given_twice(word));
    } else {
        *slot = Some(value);
    }
}

/// The key token of a parsed option.
trait KeyOf {
    fn key(&self) -> &Path;
}

impl KeyOf for Path {
    fn key(&self) -> &Path {
        self
    }
}

impl<T> KeyOf for (Path, T) {
    fn key(&self) -> &Path {
        &self.0
    }
}

/// The option's name as written, for "unknown option" messages.
fn key_name(meta: &ParseNestedMeta) -> syn::Ident {
    meta.path
        .get_ident()
        .cloned()
        .unwrap_or_else(|| syn::Ident::new("option", proc_macro2::Span::call_site()))
}
