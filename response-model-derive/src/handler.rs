//! `#[handler]`: an `async fn` becomes a unit struct of the same name that is an axum
//! `Handler` (delegating to the fn, now `name::call`) and whose `HandlerDocs` carries the
//! doc comment as the operation's summary and description.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::parse::Parser;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Attribute, Expr, ExprLit, FnArg, ItemFn, Lit, Meta, Path, ReturnType, Type};

use crate::internals::ctxt::Ctxt;

/// axum implements `Handler` for fns of up to 16 arguments, and so does `HandlerDocs`.
const MAX_ARGS: usize = 16;

pub(crate) fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let cx = Ctxt::new();
    let krate = parse_args(&cx, args);
    let func = match syn::parse2::<syn::Item>(item.clone()) {
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
    };
    if let Some(func) = &func {
        check_fn(&cx, func);
    }
    match (cx.check(), func) {
        (Ok(()), Some(func)) => generate(&func, &krate),
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

/// `crate = path` (or `crate = "path"`), nothing else.
fn parse_args(cx: &Ctxt, args: TokenStream) -> Path {
    let mut krate: Option<Path> = None;
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("crate") {
            let value = meta.value()?;
            let path = if value.peek(syn::LitStr) {
                value.parse::<syn::LitStr>()?.parse::<Path>()?
            } else {
                value.call(Path::parse_mod_style)?
            };
            if krate.is_some() {
                return Err(meta.error("`crate` is given twice; keep one"));
            }
            krate = Some(path);
            Ok(())
        } else if meta.path.is_ident("summary") || meta.path.is_ident("description") {
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
    krate.unwrap_or_else(|| syn::parse_quote!(::response_model))
}

/// The span of the item's keyword (`struct`, `impl`, ...): past its attributes and
/// visibility.
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

/// Finds `impl Trait` in a type.
struct ImplTraitFinder<'a> {
    found: Option<&'a syn::TypeImplTrait>,
}

impl<'a> Visit<'a> for ImplTraitFinder<'a> {
    fn visit_type_impl_trait(&mut self, node: &'a syn::TypeImplTrait) {
        if self.found.is_none() {
            self.found = Some(node);
        }
    }
}

fn find_impl_trait(ty: &Type) -> Option<&syn::TypeImplTrait> {
    let mut finder = ImplTraitFinder { found: None };
    finder.visit_type(ty);
    finder.found
}

fn check_fn(cx: &Ctxt, func: &ItemFn) {
    let sig = &func.sig;
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
    if let Some(variadic) = &sig.variadic {
        cx.error_spanned_by(variadic, "a handler cannot be variadic");
    }
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
                    "a handler takes at most {MAX_ARGS} arguments (axum's limit), this one has {}: group extractors into a struct of your own that implements `FromRequestParts` (and `InputDocs`, to document what it reads)",
                    sig.inputs.len()
                ),
            );
        }
    }
}

/// The doc comment's text, one entry per line (`#[doc = "..."]` literals only; a computed
/// `#[doc = include_str!(..)]` cannot be read by a macro and is skipped).
fn doc_lines(attrs: &[Attribute]) -> Vec<String> {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let Meta::NameValue(nv) = &attr.meta
            && let Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) = &nv.value
        {
            lines.extend(s.value().split('\n').map(str::to_owned));
        }
    }
    lines
}

/// Summary (the first paragraph, lines joined by spaces) and description (the other
/// paragraphs, Markdown kept, the common indentation removed) of a doc comment.
pub(crate) fn summary_and_description(lines: &[String]) -> (Option<String>, Option<String>) {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let unindented: Vec<&str> = lines
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                ""
            } else {
                l.get(indent..).unwrap_or(l.as_str()).trim_end()
            }
        })
        .collect();
    let mut rest = unindented.iter().skip_while(|l| l.is_empty()).peekable();
    // A heading (`# Get a user`) is a block of its own: the summary, without its markers.
    let summary = match rest.next_if(|l| l.starts_with('#')) {
        Some(heading) => Some(heading.trim_start_matches('#').trim().to_owned()),
        None => {
            let mut lines = Vec::new();
            while let Some(line) = rest.next_if(|l| !l.is_empty()) {
                lines.push(line.trim());
            }
            (!lines.is_empty()).then(|| lines.join(" "))
        }
    };
    let remaining: Vec<&str> = rest.copied().collect();
    let start = remaining.iter().position(|l| !l.is_empty());
    let end = remaining.iter().rposition(|l| !l.is_empty());
    let description = match (start, end) {
        (Some(s), Some(e)) => Some(remaining[s..=e].join("\n")),
        _ => None,
    };
    (summary, description)
}

fn option_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}

fn generate(func: &ItemFn, krate: &Path) -> TokenStream {
    let name = &func.sig.ident;
    let vis = &func.vis;
    let (doc_attrs, other_attrs): (Vec<&Attribute>, Vec<&Attribute>) =
        func.attrs.iter().partition(|a| a.path().is_ident("doc"));
    // `cfg` applies to everything generated, so a disabled handler leaves nothing behind.
    let cfg_attrs: Vec<&Attribute> = func
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .collect();
    let (summary, description) = summary_and_description(&doc_lines(&func.attrs));
    let summary = option_str(summary.as_deref());
    let description = option_str(description.as_deref());

    let mut sig = func.sig.clone();
    sig.ident = syn::Ident::new("call", name.span());
    let block = &func.block;
    let call_doc =
        format!(" The handler's body, called directly (no extraction): `{name}::call(...).await`.");

    let arg_types: Vec<&Type> = func
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            FnArg::Typed(t) => Some(&*t.ty),
            FnArg::Receiver(_) => None,
        })
        .collect();

    let private = quote!(#krate::__private);
    let state = format_ident!("__ResponseModelS");
    let via = format_ident!("__ResponseModelM");
    // Errors of the delegation (a future that is not `Send`, a return type that is not
    // `IntoResponse`) point at the fn's name.
    let span = name.span();

    // The return type, unless `impl Trait` (which cannot be named in a bound).
    let ret: Option<TokenStream> = match &func.sig.output {
        ReturnType::Default => Some(quote!(())),
        ReturnType::Type(_, ty) if find_impl_trait(ty).is_none() => Some(ty.to_token_stream()),
        ReturnType::Type(..) => None,
    };
    // What axum needs of the fn, checked where rustc explains it best: a future that is not
    // `Send` (rustc names the value held across an `.await`), at the fn's name; a return
    // type that is not `IntoResponse`, at the return type.
    let arg_idents: Vec<syn::Ident> = (1..=arg_types.len())
        .map(|i| format_ident!("__arg{}", i))
        .collect();
    let ret_check = match &func.sig.output {
        ReturnType::Type(_, ty) if find_impl_trait(ty).is_none() => {
            quote_spanned!(ty.span()=> #private::handler_returns_response::<#ty>();)
        }
        _ => TokenStream::new(),
    };
    let checks = quote_spanned! {span=>
        #(#cfg_attrs)*
        const _: () = {
            let _ = |#(#arg_idents: #arg_types),*| {
                #private::handler_future_is_send(#name::call(#(#arg_idents),*))
            };
            #ret_check
        };
    };
    // With an unnameable return type the delegation itself reports a bad one.
    let ret_bound = ret
        .as_ref()
        .map(|ret| quote_spanned!(span=> for<'__response_model> #ret: #private::IntoResponse,));

    let handler_impl = match arg_types.split_last() {
        None => quote_spanned! {span=>
            #(#cfg_attrs)*
            impl<#state> #private::Handler<((),), #state> for #name
            where
                #ret_bound
            {
                type Future = #private::HandlerFuture;

                fn call(self, req: #private::Request, state: #state) -> Self::Future {
                    <_ as #private::Handler<((),), #state>>::call(#name::call, req, state)
                }
            }
        },
        Some((last, init)) => quote_spanned! {span=>
            #(#cfg_attrs)*
            impl<#state, #via> #private::Handler<(#via, #(#init,)* #last,), #state> for #name
            where
                #state: ::core::marker::Send + ::core::marker::Sync + 'static,
                #(#init: #private::FromRequestParts<#state> + ::core::marker::Send,)*
                #last: #private::FromRequest<#state, #via> + ::core::marker::Send,
                #ret_bound
            {
                type Future = #private::HandlerFuture;

                fn call(self, req: #private::Request, state: #state) -> Self::Future {
                    <_ as #private::Handler<(#via, #(#init,)* #last,), #state>>::call(
                        #name::call,
                        req,
                        state,
                    )
                }
            }
        },
    };

    let docs_impl = ret.map(|ret| {
        quote_spanned! {span=>
            #(#cfg_attrs)*
            impl #private::HandlerDocs<(#(#arg_types,)*)> for #name
            where
                #(for<'__response_model> #arg_types: #private::InputDocs,)*
                for<'__response_model> #ret: #private::ResponseDocs,
            {
                fn operation(cx: &mut #private::DocContext) -> #private::OperationDoc {
                    #private::handler_operation::<(#(#arg_types,)*), _>(
                        #name::call,
                        cx,
                        #summary,
                        #description,
                    )
                }
            }
        }
    });

    // The struct is defined at the fn's name, where diagnostics about it then point.
    let unit_struct = quote_spanned! {span=>
        #[allow(non_camel_case_types)]
        #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
        #vis struct #name;
    };
    quote! {
        #(#doc_attrs)*
        #(#cfg_attrs)*
        #unit_struct

        #(#cfg_attrs)*
        impl #name {
            #[doc = #call_doc]
            #(#other_attrs)*
            #vis #sig #block
        }

        #checks

        #handler_impl

        #docs_impl
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "tests")]

    use super::summary_and_description;

    fn split(doc: &str) -> (Option<String>, Option<String>) {
        let lines: Vec<String> = doc.lines().map(str::to_owned).collect();
        summary_and_description(&lines)
    }

    #[test]
    fn first_paragraph_is_the_summary() {
        let (s, d) = split(" Get a user\n by id.\n\n Looks it up.\n\n ```\n let x = 1;\n ```\n");
        assert_eq!(s.as_deref(), Some("Get a user by id."));
        assert_eq!(d.as_deref(), Some("Looks it up.\n\n```\nlet x = 1;\n```"));
    }

    #[test]
    fn relative_indentation_is_kept() {
        let (s, d) = split("\n  Summary.\n\n  - a\n    - b\n");
        assert_eq!(s.as_deref(), Some("Summary."));
        assert_eq!(d.as_deref(), Some("- a\n  - b"));
    }

    /// `tests/expand/handler/NAME.rs` expands to `NAME.expanded.rs` (prettyplease), reviewed
    /// like code; `UPDATE_EXPAND=1` rewrites them after review.
    #[test]
    fn expansions_match_snapshots() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand/handler");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.to_string_lossy().into_owned();
            if !name.ends_with(".rs") || name.ends_with(".expanded.rs") {
                continue;
            }
            let file: syn::File = syn::parse_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
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
            let expanded = prettyplease::unparse(&syn::parse2(out).unwrap());
            let snapshot = path.with_extension("expanded.rs");
            if std::env::var_os("UPDATE_EXPAND").is_some() {
                std::fs::write(&snapshot, &expanded).unwrap();
            }
            let expected = std::fs::read_to_string(&snapshot).unwrap();
            assert_eq!(
                expanded, expected,
                "expansion of {name} changed; review and UPDATE_EXPAND=1"
            );
            checked += 1;
        }
        assert!(
            checked >= 1,
            "expected expansion inputs in {}",
            dir.display()
        );
    }

    #[test]
    fn no_doc_no_summary() {
        assert_eq!(split(""), (None, None));
        assert_eq!(split(" \n \n"), (None, None));
        assert_eq!(
            split(" Only a summary.\n"),
            (Some("Only a summary.".into()), None)
        );
    }

    #[test]
    fn a_heading_is_a_summary_without_its_markers() {
        let (s, d) = split(" # Get a user\n\n ## Errors\n 404 if missing.");
        assert_eq!(s.as_deref(), Some("Get a user"));
        assert_eq!(d.as_deref(), Some("## Errors\n404 if missing."));
        let (s, d) = split(" ## Get a user\n Looks it up.");
        assert_eq!(s.as_deref(), Some("Get a user"));
        assert_eq!(d.as_deref(), Some("Looks it up."));
    }
}
