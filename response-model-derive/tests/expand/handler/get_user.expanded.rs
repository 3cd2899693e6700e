/// Get a user
/// by id.
///
/// Looks the user up.
#[allow(non_camel_case_types)]
#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
pub struct get_user;
impl get_user {
    /// The handler's body, called directly (no extraction): `get_user::call(...).await`.
    #[allow(clippy::unused_async)]
    pub async fn call(State(db): State<Db>, Path(id): Path<u32>) -> Json<User> {
        db.get(id)
    }
}
const _: () = {
    fn handler_future_is_send<F: ::core::future::Future + ::core::marker::Send>(
        future: F,
    ) -> F {
        future
    }
    let _ = |__arg1: State<Db>, __arg2: Path<u32>| {
        handler_future_is_send(get_user::call(__arg1, __arg2))
    };
    const fn handler_returns_response<T: ::response_model::__private::IntoResponse>() {}
    handler_returns_response::<Json<User>>();
};
impl<
    __ResponseModelS,
    __ResponseModelM,
> ::response_model::__private::Handler<
    (__ResponseModelM, State<Db>, Path<u32>),
    __ResponseModelS,
> for get_user
where
    __ResponseModelS: ::core::marker::Send + ::core::marker::Sync + 'static,
    State<
        Db,
    >: ::response_model::__private::FromRequestParts<__ResponseModelS>
        + ::core::marker::Send,
    Path<
        u32,
    >: ::response_model::__private::FromRequest<__ResponseModelS, __ResponseModelM>
        + ::core::marker::Send,
    for<'__response_model> Json<User>: ::response_model::__private::IntoResponse,
{
    type Future = ::response_model::__private::HandlerFuture;
    fn call(
        self,
        req: ::response_model::__private::Request,
        state: __ResponseModelS,
    ) -> Self::Future {
        <_ as ::response_model::__private::Handler<
            (__ResponseModelM, State<Db>, Path<u32>),
            __ResponseModelS,
        >>::call(get_user::call, req, state)
    }
}
impl ::response_model::__private::ApiHandler<(State<Db>, Path<u32>)> for get_user
where
    for<'__response_model> State<Db>: ::response_model::__private::ApiInput,
    for<'__response_model> Path<u32>: ::response_model::__private::ApiInput,
    for<'__response_model> Json<User>: ::response_model::__private::ApiResponse,
{
    fn operation(
        cx: &mut ::response_model::__private::DocContext,
    ) -> ::response_model::__private::OperationDoc {
        ::response_model::__private::handler_operation::<
            (State<Db>, Path<u32>),
            _,
        >(
            get_user::call,
            cx,
            ::core::option::Option::Some("Get a user by id."),
            ::core::option::Option::Some("Looks the user up."),
        )
    }
}
#[allow(non_camel_case_types)]
#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
pub(crate) struct health;
impl health {
    /// The handler's body, called directly (no extraction): `health::call(...).await`.
    pub(crate) async fn call() -> &'static str {
        "ok"
    }
}
const _: () = {
    fn handler_future_is_send<F: ::core::future::Future + ::core::marker::Send>(
        future: F,
    ) -> F {
        future
    }
    let _ = || { handler_future_is_send(health::call()) };
    const fn handler_returns_response<T: my::rm::__private::IntoResponse>() {}
    handler_returns_response::<&'static str>();
};
impl<__ResponseModelS> my::rm::__private::Handler<((),), __ResponseModelS> for health
where
    for<'__response_model> &'static str: my::rm::__private::IntoResponse,
{
    type Future = my::rm::__private::HandlerFuture;
    fn call(
        self,
        req: my::rm::__private::Request,
        state: __ResponseModelS,
    ) -> Self::Future {
        <_ as my::rm::__private::Handler<
            ((),),
            __ResponseModelS,
        >>::call(health::call, req, state)
    }
}
impl my::rm::__private::ApiHandler<()> for health
where
    for<'__response_model> &'static str: my::rm::__private::ApiResponse,
{
    fn operation(
        cx: &mut my::rm::__private::DocContext,
    ) -> my::rm::__private::OperationDoc {
        my::rm::__private::handler_operation::<
            (),
            _,
        >(health::call, cx, ::core::option::Option::None, ::core::option::Option::None)
    }
}
/// An `impl Trait` return type: no `HandlerDocs`, no `IntoResponse` bound.
#[allow(non_camel_case_types)]
#[derive(::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug)]
struct raw;
impl raw {
    /// The handler's body, called directly (no extraction): `raw::call(...).await`.
    async fn call(Json(body): Json<Value>) -> impl IntoResponse {
        body.to_string()
    }
}
const _: () = {
    fn handler_future_is_send<F: ::core::future::Future + ::core::marker::Send>(
        future: F,
    ) -> F {
        future
    }
    let _ = |__arg1: Json<Value>| { handler_future_is_send(raw::call(__arg1)) };
};
impl<
    __ResponseModelS,
    __ResponseModelM,
> ::response_model::__private::Handler<(__ResponseModelM, Json<Value>), __ResponseModelS>
for raw
where
    __ResponseModelS: ::core::marker::Send + ::core::marker::Sync + 'static,
    Json<
        Value,
    >: ::response_model::__private::FromRequest<__ResponseModelS, __ResponseModelM>
        + ::core::marker::Send,
{
    type Future = ::response_model::__private::HandlerFuture;
    fn call(
        self,
        req: ::response_model::__private::Request,
        state: __ResponseModelS,
    ) -> Self::Future {
        <_ as ::response_model::__private::Handler<
            (__ResponseModelM, Json<Value>),
            __ResponseModelS,
        >>::call(raw::call, req, state)
    }
}
