//! What a broken input still emits next to its `compile_error!`s: a stand-in for each
//! view name, so the user's uses of `UserOut` don't add a cascade of "cannot find type"
//! errors to the one mistake that matters.

use proc_macro2::TokenStream;
use quote::quote;
use syn::GenericParam;

use crate::internals::ast::Container;

pub(crate) fn stubs(cont: &Container) -> TokenStream {
    let krate = &cont.krate;
    let model_ident = &cont.input.ident;
    let vis = &cont.input.vis;
    let generics = &cont.input.generics;
    let (impl_g, ty_g, where_clause) = generics.split_for_impl();
    let params = generics.params.iter().map(|p| match p {
        GenericParam::Type(t) => {
            let i = &t.ident;
            quote!(#i,)
        }
        GenericParam::Lifetime(l) => {
            let l = &l.lifetime;
            quote!(&#l (),)
        }
        GenericParam::Const(c) => {
            let i = &c.ident;
            quote!([(); #i],)
        }
    });
    let phantom = quote!(#krate::__private::PhantomData<fn() -> (#(#params)*)>);
    let mut seen = Vec::new();
    let views = cont.views.iter().filter(|v| {
        let fresh = v.name != *model_ident && !seen.contains(&&v.name);
        seen.push(&v.name);
        fresh
    });
    let views = views.map(|v| {
        let name = &v.name;
        quote! {
            #[doc(hidden)]
            #vis struct #name #generics #where_clause (#phantom);
            const _: () = {
                impl #impl_g ::core::convert::From<#model_ident #ty_g> for #name #ty_g #where_clause {
                    fn from(_: #model_ident #ty_g) -> Self {
                        ::core::unreachable!()
                    }
                }
                impl #impl_g #krate::__private::IntoResponse for #name #ty_g #where_clause {
                    fn into_response(self) -> #krate::__private::Response {
                        ::core::unreachable!()
                    }
                }
            };
        }
    });
    quote!(#(#views)*)
}
