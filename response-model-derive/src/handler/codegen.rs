//! The generated items for a checked handler fn: the unit struct, the fn as its `call`,
//! compile-time checks of what axum needs, and the `Handler` and `ApiHandler` impls.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Ident, ItemFn, Path, ReturnType, Type};

use crate::internals::docs::DocComment;
use crate::internals::symbol::{CFG, DEPRECATED, DOC};
use crate::internals::types::find_impl_trait;

pub(super) fn generate(func: &ItemFn, krate: &Path) -> TokenStream {
    let handler = Handler::new(func, krate);
    let unit_struct = handler.unit_struct();
    let call = handler.call_fn();
    let checks = handler.checks();
    let handler_impl = handler.handler_impl();
    let docs_impl = handler.docs_impl();
    quote! {
        #unit_struct

        #call

        #checks

        #handler_impl

        #docs_impl
    }
}

/// What the generated items need of the fn.
struct Handler<'a> {
    func: &'a ItemFn,
    name: &'a Ident,
    /// `cfg` applies to everything generated, so a disabled handler leaves nothing behind.
    cfg_attrs: Vec<&'a Attribute>,
    /// `#[deprecated]` on the fn: it stays on `name::call` (calling it directly warns), the
    /// operation is documented `deprecated: true`, and the generated items that call it
    /// allow the lint (`allow_deprecated`), so routing the handler warns no one.
    deprecated: bool,
    /// `#[allow(deprecated)]` when the fn is deprecated, else nothing.
    allow_deprecated: TokenStream,
    arg_types: Vec<&'a Type>,
    ret: Return<'a>,
    /// `krate::__private`, where the runtime's support items are.
    private: TokenStream,
    /// Errors of the delegation (a future that is not `Send`, a return type that is not
    /// `IntoResponse`) point at the fn's name.
    span: Span,
}

/// The fn's return type, as far as a bound can name it.
enum Return<'a> {
    /// No `->`: `()`.
    Unit,
    /// A type written out.
    Named(&'a Type),
    /// A type with an `impl Trait` in it, which cannot be named in a bound.
    Opaque,
}

impl<'a> Return<'a> {
    fn of(output: &'a ReturnType) -> Self {
        match output {
            ReturnType::Default => Return::Unit,
            ReturnType::Type(_, ty) if find_impl_trait(ty).is_none() => Return::Named(ty),
            ReturnType::Type(..) => Return::Opaque,
        }
    }

    /// The type, for bounds; `None` when it can't be named.
    fn nameable(&self) -> Option<TokenStream> {
        match self {
            Return::Unit => Some(quote!(())),
            Return::Named(ty) => Some(ty.to_token_stream()),
            Return::Opaque => None,
        }
    }
}

impl<'a> Handler<'a> {
    fn new(func: &'a ItemFn, krate: &Path) -> Self {
        let deprecated = func.attrs.iter().any(|a| a.path().is_ident(DEPRECATED));
        Handler {
            func,
            name: &func.sig.ident,
            cfg_attrs: func
                .attrs
                .iter()
                .filter(|a| a.path().is_ident(CFG))
                .collect(),
            deprecated,
            allow_deprecated: if deprecated {
                quote!(#[allow(deprecated)])
            } else {
                TokenStream::new()
            },
            arg_types: func
                .sig
                .inputs
                .iter()
                .filter_map(|a| match a {
                    FnArg::Typed(t) => Some(&*t.ty),
                    FnArg::Receiver(_) => None,
                })
                .collect(),
            ret: Return::of(&func.sig.output),
            private: quote!(#krate::__private),
            span: func.sig.ident.span(),
        }
    }

    /// The struct, carrying the fn's doc comment.
    fn unit_struct(&self) -> TokenStream {
        let Handler {
            name,
            cfg_attrs,
            span,
            ..
        } = self;
        let vis = &self.func.vis;
        let doc_attrs = self.func.attrs.iter().filter(|a| a.path().is_ident(DOC));
        // The struct is defined at the fn's name, where diagnostics about it then point.
        let unit_struct = quote_spanned! {*span=>
            #[allow(non_camel_case_types)]
            #[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
            #vis struct #name;
        };
        quote! {
            #(#doc_attrs)*
            #(#cfg_attrs)*
            #unit_struct
        }
    }

    /// `impl name { fn call }`: the fn itself, renamed, with its other attributes.
    fn call_fn(&self) -> TokenStream {
        let Handler {
            func,
            name,
            cfg_attrs,
            ..
        } = self;
        let vis = &func.vis;
        let other_attrs = func.attrs.iter().filter(|a| !a.path().is_ident(DOC));
        let mut sig = func.sig.clone();
        sig.ident = Ident::new("call", name.span());
        let block = &func.block;
        let call_doc = format!(
            " The handler's body, called directly (no extraction): `{name}::call(...).await`."
        );
        quote! {
            #(#cfg_attrs)*
            impl #name {
                #[doc = #call_doc]
                #(#other_attrs)*
                #vis #sig #block
            }
        }
    }

    /// What axum needs of the fn, checked where rustc explains it best: a future that is not
    /// `Send` (rustc names the value held across an `.await`), at the fn's name; a return
    /// type that is not `IntoResponse`, at the return type.
    fn checks(&self) -> TokenStream {
        let Handler {
            name,
            cfg_attrs,
            arg_types,
            private,
            span,
            allow_deprecated,
            ..
        } = self;
        let arg_idents: Vec<Ident> = (1..=arg_types.len())
            .map(|i| format_ident!("__arg{}", i))
            .collect();
        let ret_check = match self.ret {
            Return::Named(ty) => {
                quote_spanned! {ty.span()=>
                    const fn handler_returns_response<T: #private::IntoResponse>() {}
                    handler_returns_response::<#ty>();
                }
            }
            Return::Unit | Return::Opaque => TokenStream::new(),
        };
        quote_spanned! {*span=>
            #(#cfg_attrs)*
            #allow_deprecated
            const _: () = {
                // Defined here, not in `__private`, so that a failed check names these fns
                // and the user's tokens, with no hidden path in the message.
                fn handler_future_is_send<F: ::core::future::Future + ::core::marker::Send>(
                    future: F,
                ) -> F {
                    future
                }
                #ret_check
                let _ = |#(#arg_idents: #arg_types),*| {
                    handler_future_is_send(#name::call(#(#arg_idents),*))
                };
            };
        }
    }

    /// `Handler` for the struct, delegating to `name::call` (axum's impl for fns).
    fn handler_impl(&self) -> TokenStream {
        let Handler {
            name,
            cfg_attrs,
            arg_types,
            private,
            span,
            ..
        } = self;
        let allow_deprecated = &self.allow_deprecated;
        let state = format_ident!("__ResponseModelS");
        let via = format_ident!("__ResponseModelM");
        // With an unnameable return type the delegation itself reports a bad one.
        let ret_bound = self.ret.nameable().map(
            |ret| quote_spanned!(*span=> for<'__response_model> #ret: #private::IntoResponse,),
        );
        match arg_types.split_last() {
            None => quote_spanned! {*span=>
                #(#cfg_attrs)*
                #allow_deprecated
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
            Some((last, init)) => quote_spanned! {*span=>
                #(#cfg_attrs)*
                #allow_deprecated
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
        }
    }

    /// `ApiHandler` with the doc comment's summary and description; none when the return
    /// type can't be named (its bound would have to name it).
    fn docs_impl(&self) -> Option<TokenStream> {
        let Handler {
            name,
            cfg_attrs,
            arg_types,
            private,
            span,
            ..
        } = self;
        let ret = self.ret.nameable()?;
        let doc = DocComment::from_attrs(&self.func.attrs);
        let summary = option_str(doc.summary.as_deref());
        let description = option_str(doc.description.as_deref());
        let allow_deprecated = &self.allow_deprecated;
        let operation = if self.deprecated {
            quote!(deprecated_handler_operation)
        } else {
            quote!(handler_operation)
        };
        Some(quote_spanned! {*span=>
            #(#cfg_attrs)*
            #allow_deprecated
            impl #private::ApiHandler<(#(#arg_types,)*)> for #name
            where
                #(for<'__response_model> #arg_types: #private::ApiInput,)*
                for<'__response_model> #ret: #private::ApiResponse,
            {
                fn operation(cx: &mut #private::DocContext) -> #private::OperationDoc {
                    #private::#operation::<(#(#arg_types,)*), _>(
                        #name::call,
                        cx,
                        #summary,
                        #description,
                    )
                }
            }
        })
    }
}

/// `Some("...")` / `None` as an expression.
fn option_str(s: Option<&str>) -> TokenStream {
    match s {
        Some(s) => quote!(::core::option::Option::Some(#s)),
        None => quote!(::core::option::Option::None),
    }
}
