//! `#[derive(ApiError)]`: an error enum whose variants name their statuses and bodies.
//!
//! Each variant carries `#[api_error(status = 404)]` and, optionally, one of `body` (its
//! one field is the JSON body) or `detail = "..."` (FastAPI's `{"detail": ...}` with that
//! text instead of the enum's `Display`); or `#[api_error(transparent)]`, which answers
//! and documents as its one field (another error type). The derive emits `IntoResponse`
//! and `ApiResponse`; every mistake is reported at its token, all of them in one compile.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, LitInt, LitStr, Path, Variant};

use crate::handler::docs::{doc_lines, summary_and_description};
use crate::internals::attr::{default_crate_path, parse_crate_path};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::CRATE;

const API_ERROR: &str = "api_error";
const STATUS: &str = "status";
const BODY: &str = "body";
const DETAIL: &str = "detail";
const TRANSPARENT: &str = "transparent";

/// What a variant sends.
enum Body {
    /// `{"detail": <Display of the enum>}`.
    Display,
    /// `{"detail": "<literal>"}`.
    Detail(LitStr),
    /// Its one field, as JSON.
    Field(Box<syn::Type>),
}

struct ErrorVariant<'a> {
    variant: &'a Variant,
    /// `None` for a transparent variant.
    status: Option<u16>,
    body: Body,
    description: String,
}

/// The one field of a variant, if it has exactly one.
fn only_field(fields: &Fields) -> Option<&syn::Field> {
    match fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed.first(),
        Fields::Named(f) if f.named.len() == 1 => f.named.first(),
        _ => None,
    }
}

pub(crate) fn derive(input: &DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    let krate = container_options(&cx, input);
    let variants = match &input.data {
        Data::Enum(data) => data
            .variants
            .iter()
            .filter_map(|v| parse_variant(&cx, v))
            .collect::<Vec<_>>(),
        Data::Struct(s) => {
            cx.error_at(
                s.struct_token.span,
                "#[derive(ApiError)] is for an enum of errors, one status per variant; for a single error with a known status use `HttpError<STATUS>`",
            );
            Vec::new()
        }
        Data::Union(u) => {
            cx.error_at(
                u.union_token.span,
                "#[derive(ApiError)] is for an enum of errors, one status per variant",
            );
            Vec::new()
        }
    };
    if let Err(e) = cx.check() {
        return e.to_compile_error();
    }
    generate(input, &krate, &variants)
}

/// `#[api_error(crate = path)]` on the enum.
fn container_options(cx: &Ctxt, input: &DeriveInput) -> Path {
    let mut krate: Option<Path> = None;
    for attr in input.attrs.iter().filter(|a| a.path().is_ident(API_ERROR)) {
        let r = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(CRATE) {
                let path = parse_crate_path(meta.input)?;
                if krate.replace(path).is_some() {
                    return Err(meta.error("`crate` is given twice"));
                }
                Ok(())
            } else if meta.path.is_ident(STATUS)
                || meta.path.is_ident(BODY)
                || meta.path.is_ident(DETAIL)
            {
                Err(meta.error(
                    "this option belongs on each variant: `#[api_error(status = 404)]` above the variant",
                ))
            } else {
                Err(meta.error("unknown `api_error` option on the enum: the only one is `crate = path`"))
            }
        });
        if let Err(e) = r {
            cx.syn_error(e);
        }
    }
    krate.unwrap_or_else(default_crate_path)
}

fn parse_variant<'a>(cx: &Ctxt, variant: &'a Variant) -> Option<ErrorVariant<'a>> {
    let mut status: Option<u16> = None;
    let mut body: Option<(Span, Body)> = None;
    let mut transparent: Option<Span> = None;
    let mut ok = true;
    for attr in variant
        .attrs
        .iter()
        .filter(|a| a.path().is_ident(API_ERROR))
    {
        let r = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(STATUS) {
                let lit: LitInt = meta.value()?.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected an integer status, such as `status = 404`")
                })?;
                let code: u16 = lit.base10_parse().map_err(|_| {
                    syn::Error::new(lit.span(), "expected an integer status, such as `status = 404`")
                })?;
                if !(400..=599).contains(&code) {
                    return Err(syn::Error::new(
                        lit.span(),
                        format_args!(
                            "`{code}` is not an error status: use one in 400..=599 (a success is the handler's `Ok` type)"
                        ),
                    ));
                }
                if status.replace(code).is_some() {
                    return Err(meta.error("`status` is given twice"));
                }
                Ok(())
            } else if meta.path.is_ident(BODY) {
                let span = meta.path.span();
                let ty = match &variant.fields {
                    Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed[0].ty.clone(),
                    Fields::Named(f) if f.named.len() == 1 => f.named[0].ty.clone(),
                    fields => {
                        return Err(meta.error(format_args!(
                            "`body` sends the variant's one field as the JSON body, and `{}` has {} fields: wrap them in one struct, `{}(MyBody)`",
                            variant.ident,
                            fields.len(),
                            variant.ident
                        )));
                    }
                };
                set_body(&mut body, span, Body::Field(Box::new(ty)))
                    .map_err(|m| meta.error(m))
            } else if meta.path.is_ident(DETAIL) {
                let lit: LitStr = meta.value()?.parse().map_err(|e| {
                    syn::Error::new(e.span(), "expected the message as a string: `detail = \"Item not found\"`")
                })?;
                set_body(&mut body, lit.span(), Body::Detail(lit)).map_err(|m| meta.error(m))
            } else if meta.path.is_ident(TRANSPARENT) {
                if only_field(&variant.fields).is_none() {
                    return Err(meta.error(format_args!(
                        "`transparent` answers as the variant's one field (another error type), and `{}` has {} fields",
                        variant.ident,
                        variant.fields.len()
                    )));
                }
                transparent = Some(meta.path.span());
                Ok(())
            } else if meta.path.is_ident(CRATE) {
                Err(meta.error("`crate` belongs on the enum: `#[api_error(crate = path)]` above it"))
            } else {
                Err(meta.error(
                    "unknown `api_error` option: expected `status = 404`, `body` (the variant's one field is the JSON body), `detail = \"...\"` (the message instead of `Display`) or `transparent` (the variant's one field answers)",
                ))
            }
        });
        if let Err(e) = r {
            cx.syn_error(e);
            ok = false;
        }
    }
    if let Some(span) = transparent {
        if status.is_some() || body.is_some() {
            cx.error_at(
                span,
                "a `transparent` variant answers with its field's own status and body: remove `status`, `body` and `detail`",
            );
            return None;
        }
        return ok.then_some(ErrorVariant {
            variant,
            status: None,
            body: Body::Display,
            description: String::new(),
        });
    }
    let Some(status) = status else {
        if ok {
            cx.error_spanned_by(
                &variant.ident,
                format_args!(
                    "`{}` has no status: add `#[api_error(status = 404)]` (any error status in 400..=599) above it, or `#[api_error(transparent)]` for a variant that wraps another error type",
                    variant.ident
                ),
            );
        }
        return None;
    };
    let (summary, rest) = summary_and_description(&doc_lines(&variant.attrs));
    let description = match (summary, rest) {
        (Some(s), Some(r)) => format!("{s}\n\n{r}"),
        (Some(s), None) => s,
        (None, Some(r)) => r,
        (None, None) => String::new(),
    };
    Some(ErrorVariant {
        variant,
        status: Some(status),
        body: body.map_or(Body::Display, |(_, b)| b),
        description,
    })
}

fn set_body(slot: &mut Option<(Span, Body)>, span: Span, body: Body) -> Result<(), String> {
    if slot.is_some() {
        return Err(
            "a variant has one body: `body` (its field) or `detail = \"...\"`, not both".into(),
        );
    }
    *slot = Some((span, body));
    Ok(())
}

fn generate(input: &DeriveInput, krate: &Path, variants: &[ErrorVariant<'_>]) -> TokenStream {
    let ident = &input.ident;
    let name = ident.to_string();
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let p = quote!(#krate::__private);

    let arms = variants.iter().map(|v| {
        let vident = &v.variant.ident;
        let span = vident.span();
        let field = only_field(&v.variant.fields);
        // The pattern binding the one field (by value, or by reference when `self` is
        // still needed to log), or none.
        let bind = |by_ref: bool| {
            let r = by_ref.then(|| quote!(ref));
            match (&v.variant.fields, field.and_then(|f| f.ident.as_ref())) {
                (Fields::Named(_), Some(name)) => quote!(Self::#vident { #r #name: __field }),
                _ => quote!(Self::#vident(#r __field)),
            }
        };
        let rest = match &v.variant.fields {
            Fields::Unit => quote!(Self::#vident),
            Fields::Unnamed(_) => quote!(Self::#vident(..)),
            Fields::Named(_) => quote!(Self::#vident { .. }),
        };
        // Spanned at the variant: a missing `Display` is reported there.
        let this = quote_spanned!(span=> &self);
        let Some(status) = v.status else {
            let pattern = bind(false);
            return quote! {
                #pattern => #p::IntoResponse::into_response(__field),
            };
        };
        let log = (status >= 500)
            .then(|| quote_spanned!(span=> #p::log_server_error(#status, #name, #this);));
        let (pattern, respond) = match &v.body {
            Body::Field(_) => (
                bind(log.is_some()),
                quote!(#p::error_body_response(#status, &__field)),
            ),
            Body::Detail(lit) => (rest, quote!(#p::error_detail_response(#status, #lit))),
            Body::Display => (
                rest,
                quote_spanned!(span=> #p::error_display_response(#status, #this)),
            ),
        };
        quote! {
            #pattern => {
                #log
                #respond
            }
        }
    });

    let docs = variants.iter().filter_map(|v| {
        let status = v.status?;
        let description = &v.description;
        let body = match &v.body {
            Body::Field(ty) => {
                quote_spanned!(ty.span()=> #p::body_schema::<#ty>)
            }
            Body::Display | Body::Detail(_) => quote!(#p::detail_schema),
        };
        let detail = match &v.body {
            Body::Detail(lit) => quote!(::core::option::Option::Some(#lit)),
            _ => quote!(::core::option::Option::None),
        };
        Some(quote! {
            #p::ErrorVariantDoc {
                status: #status,
                description: #description,
                body: #body,
                detail: #detail,
            }
        })
    });
    // A transparent variant's field documents its own responses (merged with these).
    let transparent = variants
        .iter()
        .filter(|v| v.status.is_none())
        .filter_map(|v| {
            let ty = &only_field(&v.variant.fields)?.ty;
            Some(quote_spanned! {ty.span()=>
                __responses.merge(<#ty as #p::ApiResponse>::responses(__cx));
            })
        });

    let empty = variants.is_empty().then(|| quote!(_ => match self {},));
    quote! {
        #[automatically_derived]
        impl #impl_generics #p::IntoResponse for #ident #ty_generics #where_clause {
            fn into_response(self) -> #p::Response {
                #[allow(unreachable_patterns, clippy::match_single_binding)]
                match self {
                    #(#arms)*
                    #empty
                }
            }
        }

        #[automatically_derived]
        impl #impl_generics #p::ApiResponse for #ident #ty_generics #where_clause {
            fn responses(__cx: &mut #p::DocContext) -> #p::Responses {
                #[allow(unused_mut)]
                let mut __responses = #p::error_enum_responses(__cx, &[#(#docs),*]);
                #(#transparent)*
                __responses
            }
        }
    }
}
