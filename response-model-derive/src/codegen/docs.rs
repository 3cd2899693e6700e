//! `impl ApiResponse` for each view: what `Model<View>` documents (it answers with the
//! same bytes), through one non-generic helper of the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use crate::internals::ast::Container;
use crate::internals::plan::ViewPlan;

pub(super) fn generate(cont: &Container, plan: &ViewPlan) -> TokenStream {
    let krate = &cont.krate;
    let name = &plan.attr.name;
    let (impl_g, ty_g, _) = cont.input.generics.split_for_impl();
    let preds = cont
        .input
        .generics
        .where_clause
        .iter()
        .flat_map(|w| w.predicates.iter());
    quote! {
        #[automatically_derived]
        impl #impl_g #krate::__private::ApiResponse for #name #ty_g
        where
            Self: #krate::__private::JsonSchema,
            #(#preds,)*
        {
            // Inline: compiled where a route is documented, not where the view is defined.
            #[inline]
            fn responses(
                __cx: &mut #krate::__private::DocContext,
            ) -> #krate::__private::Responses {
                #krate::__private::view_responses(__cx.register_output::<Self>())
            }
        }
    }
}
