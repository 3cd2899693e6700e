#![doc = include_str!("../README.md")]

pub use response_model_core::*;
pub use response_model_derive::ResponseModel;

/// Everything a handler module usually needs: `use response_model::prelude::*;`.
///
/// ```
/// use response_model::prelude::*;
/// fn _takes_a_view<V: View>() {}
/// ```
pub mod prelude {
    pub use response_model_core::openapi::{ApiRouter, DocsConfig};
    pub use response_model_core::responses::html::Html;
    pub use response_model_core::responses::json::{FastJson, JsonResponse};
    pub use response_model_core::responses::redirect::Redirect;
    #[cfg(feature = "templates")]
    pub use response_model_core::responses::template::{TemplateResponse, Templates};
    pub use response_model_core::responses::text::PlainText;
    pub use response_model_core::{
        Created, FieldInfo, Fields, JsonEncoder, Model, ModelFields, ResponseValidationError,
        Selected, Tristate, View,
    };
    pub use response_model_derive::ResponseModel;
}

#[doc(hidden)]
pub mod __private {
    pub use response_model_core::__private::*;
}
