//! The documentation impl that `#[derive(ResponseModel)]` emits for each view.

/// Called once per generated view:
///
/// ```text
/// __view_docs! {
///     impl_generics: [<T>],           // may be empty: []
///     ty: [PageOut<T>],
///     where_predicates: [T: Clone,],  // may be empty: []
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! __view_docs {
    (
        impl_generics: [$($g:tt)*],
        ty: [$($t:tt)*],
        where_predicates: [$($w:tt)*] $(,)?
    ) => {};
}
