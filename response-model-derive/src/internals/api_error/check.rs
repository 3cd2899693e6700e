//! The rules of `#[derive(ApiError)]`, each mistake reported into the [`Ctxt`] at its
//! token; what passes is the checked model codegen reads ([`Answer`] per variant).

use syn::{Fields, LitStr, Variant};

use super::ast::{ErrorEnum, ErrorVariant};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{BODY, DETAIL, STATUS, TRANSPARENT};

/// A variant that passed every rule, and what it answers.
pub(crate) struct CheckedVariant<'c> {
    pub(crate) variant: &'c Variant,
    pub(crate) answer: Answer<'c>,
}

pub(crate) enum Answer<'c> {
    /// Its own status (checked to be in 400..=599) and body, documented with
    /// `description` (its doc comment; `""` for the status's reason).
    Status {
        status: u16,
        body: Body<'c>,
        description: String,
    },
    /// Its one field answers and documents (another error type).
    Transparent(&'c syn::Field),
}

/// What a variant with a status sends.
pub(crate) enum Body<'c> {
    /// `{"detail": <the enum's Display>}`.
    Display,
    /// `{"detail": "<literal>"}`.
    Detail(&'c LitStr),
    /// Its one field, as JSON.
    Field(&'c syn::Field),
}

/// Every variant's rules, in declaration order; the variants that passed.
pub(crate) fn check<'c>(cx: &Ctxt, input: &'c ErrorEnum) -> Vec<CheckedVariant<'c>> {
    input
        .variants
        .iter()
        .filter_map(|v| {
            let answer = check_variant(cx, v)?;
            Some(CheckedVariant {
                variant: v.original,
                answer,
            })
        })
        .collect()
}

fn check_variant<'c>(cx: &Ctxt, v: &'c ErrorVariant) -> Option<Answer<'c>> {
    let attrs = &v.attrs;
    let ident = &v.original.ident;
    if let Some(transparent) = &attrs.transparent {
        let mut ok = true;
        for key in [
            attrs.status.as_ref().map(|(k, _)| k),
            attrs.body.as_ref(),
            attrs.detail.as_ref().map(|(k, _)| k),
        ]
        .into_iter()
        .flatten()
        {
            let mut err = syn::Error::new_spanned(
                transparent,
                format_args!(
                    "a `{TRANSPARENT}` variant answers with its field's own status and body: remove `{STATUS}`, `{BODY}` and `{DETAIL}`"
                ),
            );
            err.combine(syn::Error::new_spanned(
                key,
                format_args!("`{}` given here", quote::quote!(#key)),
            ));
            cx.syn_error(err);
            ok = false;
        }
        let Some(field) = only_field(&v.original.fields) else {
            cx.error_spanned_by(
                transparent,
                format_args!(
                    "`{TRANSPARENT}` answers as the variant's one field (another error type), and `{ident}` has {} fields",
                    v.original.fields.len()
                ),
            );
            return None;
        };
        return ok.then_some(Answer::Transparent(field));
    }
    let status = match &attrs.status {
        Some((_, lit)) => check_status(cx, lit),
        // A status that did not parse was reported where it is written.
        None if attrs.broken => None,
        None => {
            cx.error_spanned_by(
                ident,
                format_args!(
                    "`{ident}` has no status: add `#[api_error(status = 404)]` (any error status in 400..=599) above it, or `#[api_error(transparent)]` for a variant that wraps another error type"
                ),
            );
            None
        }
    };
    let body = check_body(cx, v);
    Some(Answer::Status {
        status: status?,
        body: body?,
        description: v.doc.whole(),
    })
}

/// An error status, 400..=599.
fn check_status(cx: &Ctxt, lit: &syn::LitInt) -> Option<u16> {
    let Ok(code) = lit.base10_parse::<u16>() else {
        cx.error_spanned_by(
            lit,
            format_args!(
                "`{lit}` is not an error status: use one in 400..=599 (a success is the handler's `Ok` type)"
            ),
        );
        return None;
    };
    if (400..=599).contains(&code) {
        Some(code)
    } else {
        cx.error_spanned_by(
            lit,
            format_args!(
                "`{code}` is not an error status: use one in 400..=599 (a success is the handler's `Ok` type)"
            ),
        );
        None
    }
}

/// One body at most: `body` (then the variant has exactly one field) or `detail`.
fn check_body<'c>(cx: &Ctxt, v: &'c ErrorVariant) -> Option<Body<'c>> {
    let attrs = &v.attrs;
    match (&attrs.body, &attrs.detail) {
        (Some(body), Some((detail, _))) => {
            let mut err = syn::Error::new_spanned(
                detail,
                format_args!(
                    "a variant has one body: `{BODY}` (its field) or `{DETAIL} = \"...\"`, not both; keep one"
                ),
            );
            err.combine(syn::Error::new_spanned(
                body,
                format_args!("`{BODY}` given here"),
            ));
            cx.syn_error(err);
            None
        }
        (Some(body), None) => {
            let ident = &v.original.ident;
            match only_field(&v.original.fields) {
                Some(field) => Some(Body::Field(field)),
                None => {
                    cx.error_spanned_by(
                        body,
                        format_args!(
                            "`{BODY}` sends the variant's one field as the JSON body, and `{ident}` has {} fields: wrap them in one struct, `{ident}(MyBody)`",
                            v.original.fields.len()
                        ),
                    );
                    None
                }
            }
        }
        (None, Some((_, lit))) => Some(Body::Detail(lit)),
        (None, None) => Some(Body::Display),
    }
}

/// The one field of a variant, if it has exactly one.
pub(crate) fn only_field(fields: &Fields) -> Option<&syn::Field> {
    match fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed.first(),
        Fields::Named(f) if f.named.len() == 1 => f.named.first(),
        _ => None,
    }
}
