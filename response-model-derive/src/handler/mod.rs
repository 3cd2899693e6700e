//! `#[handler]`: an `async fn` becomes a unit struct of the same name that is an axum
//! `Handler` (delegating to the fn, now `name::call`) and whose `ApiHandler` carries the
//! doc comment as the operation's summary and description.
//!
//! Options here, then `check.rs` (what the item must be) and `codegen.rs` (the generated
//! items); the doc comment is read by `internals/docs.rs`, as for `#[derive(ApiError)]`.

mod check;
mod codegen;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::Path;
use syn::parse::Parser;

use crate::internals::attr::{default_crate_path, parse_crate_path};
use crate::internals::ctxt::Ctxt;
use crate::internals::symbol::{CRATE, DESCRIPTION, SUMMARY, given_twice};

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let krate = parse_options(&cx, args);
    let func = check::parse_fn(&cx, item.clone());
    if let Some(func) = &func {
        check::check_fn(&cx, func);
    }
    match (cx.check(), func) {
        (Ok(()), Some(func)) => codegen::generate(&func, &krate),
        (checked, _) => {
            // The item unchanged, so the only errors are ours.
            let mut out = checked
                .err()
                .map(|e| e.to_compile_error())
                .unwrap_or_default();
            out.extend(item);
            out
        }
    }
}

/// `crate = path` (or `crate = "path"`), nothing else: `summary` and `description` are
/// refused with a pointer to the doc comment, anything else with the one option there is.
/// The first mistake ends parsing (the item is then emitted unchanged anyway).
fn parse_options(cx: &Ctxt, args: TokenStream) -> Path {
    let mut krate: Option<Path> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident(CRATE) {
            let path = parse_crate_path(meta.input)?;
            if krate.is_some() {
                return Err(meta.error(given_twice(CRATE)));
            }
            krate = Some(path);
            Ok(())
        } else if meta.path.is_ident(SUMMARY) || meta.path.is_ident(DESCRIPTION) {
            let key = meta.path.to_token_stream().to_string();
            Err(meta.error(format_args!(
                "#[handler] takes no `{key}`: the {key} comes from the doc comment (summary: its first paragraph, description: the rest), or set it on the route: `get(handler).{key}(\"...\")`"
            )))
        } else {
            let key = meta.path.to_token_stream().to_string().replace(' ', "");
            Err(meta.error(format_args!(
                "unknown #[handler] option `{key}`; the only option is `crate = path` (where `response_model` is re-exported); summary and description come from the doc comment, tags and the rest from the route: `get(handler).tag(\"...\")`"
            )))
        }
    });
    if let Err(err) = parser.parse2(args) {
        cx.syn_error(err);
    }
    krate.unwrap_or_else(default_crate_path)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    /// `tests/expand/handler/NAME.rs`: each `#[handler]` fn, expanded.
    #[test]
    fn expansions_match_snapshots() {
        crate::snapshots::assert_expansions("handler", 1, |file| {
            let mut out = proc_macro2::TokenStream::new();
            for item in file.items {
                let syn::Item::Fn(mut func) = item else {
                    continue;
                };
                let pos = func
                    .attrs
                    .iter()
                    .position(|a| a.path().is_ident("handler"))
                    .unwrap();
                let attr = func.attrs.remove(pos);
                let args = match attr.meta {
                    syn::Meta::List(list) => list.tokens,
                    _ => proc_macro2::TokenStream::new(),
                };
                out.extend(super::expand(args, quote::ToTokens::to_token_stream(&func)));
            }
            out
        });
    }
}
