//! Code generation: reads only checked plans. One generated artifact, one file.
//! `#[derive(ResponseModel)]`'s files are here, `#[derive(ApiError)]`'s under `api_error/`.

pub(crate) mod api_error;
mod fallback;
mod fields_impl;
mod from_impl;
mod into_response;
mod schema_table;
mod std_impls;
mod view_struct;

use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::Generics;

use crate::internals::ast::Container;
use crate::internals::plan::ViewPlan;

pub(crate) use fallback::stubs;

pub(crate) fn expand(cont: &Container, plans: &[ViewPlan]) -> TokenStream {
    let tables: Vec<_> = plans
        .iter()
        .map(|p| schema_table::generate(cont, p))
        .collect();
    let structs = plans
        .iter()
        .zip(&tables)
        .map(|(p, t)| view_struct::generate(cont, p, t.is_some()));
    let impls = plans.iter().zip(&tables).map(|(p, table)| {
        let from = from_impl::generate(cont, p);
        let fields = fields_impl::view(cont, p);
        let response = into_response::generate(cont, p);
        let std = std_impls::generate(cont, p);
        quote!(#from #fields #response #std #table)
    });
    let model_fields = fields_impl::model(cont, plans);
    let nest = nest_helper(cont, plans);
    quote! {
        #(#structs)*
        #[doc(hidden)]
        const _: () = {
            #nest
            #model_fields
            #(#impls)*
        };
    }
}

/// The one bound every `nest(field = View)` goes through, defined in the generated block
/// so that a wrong `nest` is reported as "required by a bound in `nest`" at the user's
/// tokens, with no `__private` path in the message.
fn nest_helper(cont: &Container, plans: &[ViewPlan]) -> TokenStream {
    if !plans
        .iter()
        .any(|p| p.fields.iter().any(|f| f.nest.is_some()))
    {
        return TokenStream::new();
    }
    let krate = &cont.krate;
    quote! {
        const fn nest<M, V: #krate::__private::ViewOf<M>>() -> #krate::__private::Nest<M, V> {
            #krate::__private::nest::<M, V>()
        }
    }
}

/// The model's where predicates plus `extra`, as a `where` clause (empty if none).
fn where_with(generics: &Generics, extra: Vec<TokenStream>) -> TokenStream {
    let preds: Vec<TokenStream> = generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter())
        .map(ToTokens::to_token_stream)
        .chain(extra)
        .collect();
    if preds.is_empty() {
        quote!()
    } else {
        quote!(where #(#preds,)*)
    }
}

/// A path under the facade's `__private` module as a string, for serde/schemars
/// attributes that take paths as strings.
fn private_path_str(cont: &Container, item: &str) -> syn::LitStr {
    let krate = &cont.krate;
    let path = quote!(#krate::__private::).to_string().replace(' ', "");
    syn::LitStr::new(&format!("{path}{item}"), proc_macro2::Span::call_site())
}

/// A path under the facade's root as a string (a public item, such as `Defaulted`), for
/// serde attributes that take paths as strings.
fn root_path_str(cont: &Container, item: &str) -> syn::LitStr {
    let krate = &cont.krate;
    let path = quote!(#krate::).to_string().replace(' ', "");
    syn::LitStr::new(&format!("{path}{item}"), proc_macro2::Span::call_site())
}
