//! What the variants need of their types, checked through items defined in the generated
//! block: a failed bound names these items and the user's tokens, never a `__private` path.
//! Each is emitted only where a variant uses it (an unused one would warn in the user's
//! crate).

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::private;
use crate::internals::api_error::ast::ErrorEnum;
use crate::internals::api_error::check::{Answer, Body, CheckedVariant};

pub(super) fn generate(input: &ErrorEnum, variants: &[CheckedVariant]) -> TokenStream {
    let p = private(input);
    let mut out = TokenStream::new();
    // At the enum's name, not at the derive: rustc then reads the blanket impl as the
    // user's, and does not add "consider manually implementing" to a missing `Display`.
    let at_enum = input.input.ident.span();
    if variants.iter().any(|v| uses_display(&v.answer)) {
        out.extend(quote_spanned! {at_enum=>
            #[diagnostic::on_unimplemented(
                message = "`{Self}` needs `Display`: a variant without `body` or `detail` sends it as `{{\"detail\": ...}}`, and a 5xx variant logs it",
                label = "this variant sends or logs the enum's `Display`",
                note = "derive it with `thiserror::Error` and `#[error(\"...\")]` on each variant, or implement `std::fmt::Display`"
            )]
            trait ApiErrorDisplay: ::core::fmt::Display {}
            impl<T: ::core::fmt::Display + ?::core::marker::Sized> ApiErrorDisplay for T {}
            // The enum's `Display`, as a variant sends or logs it.
            fn display<E: ApiErrorDisplay>(error: &E) -> &dyn ::core::fmt::Display {
                error
            }
        });
    }
    if variants.iter().any(|v| {
        matches!(
            v.answer,
            Answer::Status {
                body: Body::Field(_),
                ..
            }
        )
    }) {
        out.extend(quote! {
            // A variant's field, sent as its JSON body.
            fn body_response<T: #p::Serialize>(status: u16, body: &T) -> #p::Response {
                #p::error_body_response(status, body)
            }
            // The schema of a variant's field, documented as its body.
            fn body_schema<T: #p::JsonSchema>(cx: &mut #p::DocContext) -> #p::SchemaDoc {
                cx.register_output::<T>()
            }
        });
    }
    out
}

/// Whether the variant sends (no `body`/`detail`) or logs (5xx) the enum's `Display`.
fn uses_display(answer: &Answer) -> bool {
    match answer {
        Answer::Status { status, body, .. } => *status >= 500 || matches!(body, Body::Display),
        Answer::Transparent(_) => false,
    }
}
