//! What `#[handler]` accepts: a free, non-generic `async fn` whose argument types are
//! spelled out, as the generated struct and impls name them.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::spanned::Spanned;
use syn::{FnArg, ItemFn, Signature};

use crate::internals::ctxt::Ctxt;
use crate::internals::types::find_impl_trait;

/// axum implements `Handler` for fns of up to 16 arguments, and so does `ApiHandler`.
const MAX_ARGS: usize = 16;

/// The item as a fn; any other item (or unparsable tokens) is reported: `None`.
pub(super) fn parse_fn(cx: &Ctxt, item: TokenStream) -> Option<ItemFn> {
    match syn::parse2::<syn::Item>(item) {
        Ok(syn::Item::Fn(func)) => Some(func),
        Ok(other) => {
            cx.error_at(
                item_keyword_span(&other),
                "#[handler] goes on an `async fn` handler, e.g. `#[handler] async fn get_user(Path(id): Path<u32>) -> Json<User>`",
            );
            None
        }
        Err(err) => {
            cx.syn_error(err);
            None
        }
    }
}

/// The span of the item's keyword (`struct`, `impl`, ...): past its attributes and
/// visibility, so the error points at what the item is.
fn item_keyword_span(item: &syn::Item) -> Span {
    let mut tokens = item.to_token_stream().into_iter().peekable();
    while let Some(tt) = tokens.next() {
        match &tt {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                // `#[...]` (or `#![...]`)
                if matches!(tokens.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '!') {
                    tokens.next();
                }
                tokens.next();
            }
            TokenTree::Ident(i) if i == "pub" => {
                if matches!(tokens.peek(), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis)
                {
                    tokens.next();
                }
            }
            other => return other.span(),
        }
    }
    item.span()
}

/// Every rule of the fn, each mistake at its token: the signature's qualifiers and
/// generics first, then the arguments.
pub(super) fn check_fn(cx: &Ctxt, func: &ItemFn) {
    check_qualifiers(cx, &func.sig);
    check_generics(cx, &func.sig);
    if let Some(variadic) = &func.sig.variadic {
        cx.error_spanned_by(variadic, "a handler cannot be variadic");
    }
    check_args(cx, &func.sig);
}

/// `async`, and neither `unsafe` nor `extern`: axum calls the fn and awaits it.
fn check_qualifiers(cx: &Ctxt, sig: &Signature) {
    if sig.asyncness.is_none() {
        cx.error_spanned_by(
            sig.fn_token,
            format_args!(
                "#[handler] needs an `async fn`: axum calls a handler and awaits what it returns; write `async fn {}`",
                sig.ident
            ),
        );
    }
    if let Some(unsafety) = &sig.unsafety {
        cx.error_spanned_by(
            unsafety,
            "a handler cannot be an `unsafe fn`: axum calls it like any fn; remove `unsafe` and use `unsafe { ... }` blocks in its body",
        );
    }
    if let Some(abi) = &sig.abi {
        cx.error_spanned_by(abi, "a handler cannot have an `extern` ABI; remove it");
    }
}

/// No generics and no `where`: the generated struct names each argument type.
fn check_generics(cx: &Ctxt, sig: &Signature) {
    if !sig.generics.params.is_empty() {
        cx.error_spanned_by(
            &sig.generics,
            "#[handler] does not support generic handlers: the generated struct names each argument type; write a non-generic `async fn` per type (it can call a generic fn), or drop #[handler] and set the summary on the route: `get(handler).summary(\"...\")`",
        );
    }
    if let Some(where_clause) = &sig.generics.where_clause {
        cx.error_spanned_by(
            where_clause,
            "#[handler] does not support `where` clauses: the generated struct names each argument type; use concrete types, or drop #[handler] and set the summary on the route: `get(handler).summary(\"...\")`",
        );
    }
}

/// No `self`, no `impl Trait` argument, at most [`MAX_ARGS`] arguments (reported once, at
/// the first one too many).
fn check_args(cx: &Ctxt, sig: &Signature) {
    for (i, arg) in sig.inputs.iter().enumerate() {
        match arg {
            FnArg::Receiver(receiver) => cx.error_spanned_by(
                receiver,
                "#[handler] goes on a free `async fn`, not a method: a handler has no `self`; take what it needs as an extractor (`State(app): State<AppState>`)",
            ),
            FnArg::Typed(pat_type) => {
                if let Some(found) = find_impl_trait(&pat_type.ty) {
                    cx.error_spanned_by(
                        found,
                        "#[handler] needs each argument's type spelled out (the generated `Handler` impl names it): replace `impl Trait` with the concrete extractor type",
                    );
                }
            }
        }
        if i == MAX_ARGS {
            cx.error_spanned_by(
                arg,
                format_args!(
                    "a handler takes at most {MAX_ARGS} arguments (axum's limit), this one has {}: group extractors into a struct of your own that implements `FromRequestParts` (and `ApiInput`, to document what it reads)",
                    sig.inputs.len()
                ),
            );
        }
    }
}
