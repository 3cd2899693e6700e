//! What views are made of: the [`View`] trait every derived view implements, the pair
//! trait [`ViewOf`] that `nest(field = View)` relies on, and the field lists
//! ([`FieldList`], [`FieldInfo`]) a runtime selection (`?fields=`) is checked against.
//!
//! All of these are implemented by `#[derive(ResponseModel)]`; a handler module names only
//! [`View`] (also at the crate root).
//!
//! ```
//! use response_model::view::FieldList;
//! use response_model::ResponseModel;
//!
//! #[derive(serde::Serialize, schemars::JsonSchema, ResponseModel)]
//! #[response_model(view(UserOut, exclude(email)))]
//! struct User {
//!     id: u32,
//!     email: String,
//! }
//!
//! let names: Vec<&str> = UserOut::fields().iter().map(|f| f.name).collect();
//! assert_eq!(names, ["id"]);
//! ```

/// One field as it appears on the wire.
///
/// `nested` points at the field list of the model held by this field (through `Vec`,
/// `Option`, `Box` or maps), when the derive knows it: a field named in a view's
/// `nest(...)`. It is a function rather than a slice so recursive models
/// (`children: Vec<TreeOut>`) need no cyclic constant.
///
/// ```
/// use response_model::view::FieldInfo;
/// const ID: FieldInfo = FieldInfo::leaf("id");
/// assert_eq!(ID.name, "id");
/// assert!(ID.nested.is_none());
/// ```
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// The field's wire name (after `rename`/`rename_all`).
    pub name: &'static str,
    /// The field list of the model this field holds, if any.
    pub nested: Option<fn() -> &'static [FieldInfo]>,
}

impl FieldInfo {
    /// A field that holds no model.
    ///
    /// ```
    /// # use response_model::view::FieldInfo;
    /// assert_eq!(FieldInfo::leaf("name").name, "name");
    /// ```
    pub const fn leaf(name: &'static str) -> Self {
        Self { name, nested: None }
    }

    /// A field that holds a model whose fields `nested` lists.
    ///
    /// ```
    /// # use response_model::view::FieldInfo;
    /// fn item_fields() -> &'static [FieldInfo] {
    ///     const F: &[FieldInfo] = &[FieldInfo::leaf("name")];
    ///     F
    /// }
    /// let items = FieldInfo::nested("items", item_fields);
    /// assert_eq!(items.nested.map(|f| f().len()), Some(1));
    /// ```
    pub const fn nested(name: &'static str, nested: fn() -> &'static [FieldInfo]) -> Self {
        Self {
            name,
            nested: Some(nested),
        }
    }
}

/// The wire field names of a model or a view, implemented by `#[derive(ResponseModel)]`.
///
/// A model lists every field but its secret ones; a view lists the fields it holds.
/// Flattened fields (`#[serde(flatten)]`) are not listed: their names belong to the
/// flattened type.
///
/// ```
/// use response_model::view::{FieldInfo, FieldList};
/// struct Point;
/// impl FieldList for Point {
///     const NAMES: &'static [&'static str] = &["x", "y"];
///     fn fields() -> &'static [FieldInfo] {
///         const F: &[FieldInfo] = &[FieldInfo::leaf("x"), FieldInfo::leaf("y")];
///         F
///     }
/// }
/// assert_eq!(Point::NAMES, ["x", "y"]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no response field list",
    note = "derive it: `#[derive(Serialize, JsonSchema, ResponseModel)]` on the model; its views get it too"
)]
pub trait FieldList {
    /// Wire names, in declaration order.
    const NAMES: &'static [&'static str];
    /// Wire names with the field lists of nested models.
    fn fields() -> &'static [FieldInfo];
}

/// A response view generated from the full model `Self::FullModel`; `From<FullModel>` moves its fields.
///
/// A view that is also `JsonSchema` documents itself as a handler's return type
/// ([`ApiResponse`](crate::openapi::ApiResponse): 200 `application/json` with its schema,
/// as `Model<View>` does), through one impl for every view.
///
/// `#[derive(ResponseModel)]` implements it for every view it generates; by hand it reads:
///
/// ```
/// use response_model::view::{FieldInfo, FieldList};
/// use response_model::View;
///
/// struct UserInDB { id: i64, hashed_password: String }
/// struct UserOut { id: i64 }
///
/// impl From<UserInDB> for UserOut {
///     fn from(user: UserInDB) -> Self { UserOut { id: user.id } }
/// }
/// impl FieldList for UserOut {
///     const NAMES: &'static [&'static str] = &["id"];
///     fn fields() -> &'static [FieldInfo] {
///         const F: &[FieldInfo] = &[FieldInfo::leaf("id")];
///         F
///     }
/// }
/// impl View for UserOut { type FullModel = UserInDB; }
///
/// fn model_of<V: View>() -> &'static str { std::any::type_name::<V::FullModel>() }
/// assert!(model_of::<UserOut>().ends_with("UserInDB"));
/// # let _ = UserInDB { id: 1, hashed_password: String::new() }.hashed_password;
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a response view",
    note = "views are declared on the model: `#[response_model(view({Self}, ...))]`"
)]
pub trait View: From<Self::FullModel> + FieldList {
    /// The full model this view is generated from.
    type FullModel;
}

/// `V` is a view of `M`: what `nest(field = V)` requires of the field's model type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a view of `{M}`",
    label = "`nest` maps this field through `{Self}`",
    note = "`nest(field = View)` needs a field whose type holds a model deriving ResponseModel (directly or in Vec, Option, Box, HashMap, BTreeMap) and a view declared on that model"
)]
pub trait ViewOf<M> {
    /// Converts the model into this view (`From<M>`).
    fn from_full(model: M) -> Self;
    /// The field list of the model `M`.
    fn full_fields() -> &'static [FieldInfo];
    /// The field list of this view.
    fn view_fields() -> &'static [FieldInfo];
}

impl<V: View> ViewOf<V::FullModel> for V
where
    V::FullModel: FieldList,
{
    fn from_full(model: V::FullModel) -> Self {
        V::from(model)
    }
    fn full_fields() -> &'static [FieldInfo] {
        <V::FullModel as FieldList>::fields()
    }
    fn view_fields() -> &'static [FieldInfo] {
        <V as FieldList>::fields()
    }
}
