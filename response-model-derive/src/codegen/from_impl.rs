//! `impl From<Model> for View`: moves each field; nested models are mapped through
//! their wrappers into their views.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Type;
use syn::spanned::Spanned;

use crate::internals::ast::Container;
use crate::internals::plan::{Omit, ViewPlan};
use crate::internals::types::{Settable, Wrapper, settable};

pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> TokenStream {
    let krate = &cont.krate;
    let model_ident = &cont.input.ident;
    let name = &plan.attr.name;
    let (impl_g, ty_g, where_clause) = cont.input.generics.split_for_impl();
    let inits = plan.fields.iter().map(|f| {
        let ident = f.field.ident;
        let value = quote!(__model.#ident);
        let value = match &f.nest {
            Some(nest) => convert(&nest.wrappers, &nest.leaf, nest.view, value),
            None => value,
        };
        // An unset field with a default is sent as its default, unless the view drops
        // unset fields (`exclude_unset`) or default ones (`exclude_defaults`).
        let value = match (&f.field.default_value, &f.omit) {
            (Some(_), Omit::WhenUnset(_) | Omit::WhenDefault) | (None, _) => value,
            (Some(expr), _) => match settable(&f.field.original.ty) {
                Some(Settable::Defaulted) => {
                    quote!(#krate::Defaulted::or_value_with(#value, || #expr))
                }
                _ => quote!(#krate::__private::Tristate::or_value_with(#value, || #expr)),
            },
        };
        quote!(#ident: #value)
    });
    let phantom = (!plan.unused.is_empty())
        .then(|| quote!(__response_model_phantom: #krate::__private::PhantomData,));
    quote! {
        #[automatically_derived]
        impl #impl_g ::core::convert::From<#model_ident #ty_g> for #name #ty_g #where_clause {
            #[inline]
            fn from(__model: #model_ident #ty_g) -> Self {
                Self {
                    #(#inits,)*
                    #phantom
                }
            }
        }
    }
}

fn convert(wrappers: &[Wrapper], leaf: &Type, view: &Type, expr: TokenStream) -> TokenStream {
    let Some((first, rest)) = wrappers.split_first() else {
        // Spanned on the user's `nest(field = View)` so a wrong view is reported there.
        return quote_spanned!(view.span()=> (nest::<#leaf, #view>().convert)(#expr));
    };
    match first {
        Wrapper::Option => {
            let inner = convert(rest, leaf, view, quote!(__v));
            quote!(::core::option::Option::map(#expr, |__v| #inner))
        }
        Wrapper::Vec => {
            let inner = convert(rest, leaf, view, quote!(__v));
            quote!(::core::iter::Iterator::collect(::core::iter::Iterator::map(
                ::core::iter::IntoIterator::into_iter(#expr),
                |__v| #inner,
            )))
        }
        Wrapper::Box => {
            let inner = convert(rest, leaf, view, quote!(*__b));
            quote!({
                let __b = #expr;
                ::std::boxed::Box::new(#inner)
            })
        }
        Wrapper::Map => {
            let inner = convert(rest, leaf, view, quote!(__v));
            quote!(::core::iter::Iterator::collect(::core::iter::Iterator::map(
                ::core::iter::IntoIterator::into_iter(#expr),
                |(__k, __v)| (__k, #inner),
            )))
        }
    }
}
