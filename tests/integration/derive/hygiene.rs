//! Generated code (`#[derive(ResponseModel)]`'s and `#[derive(ApiError)]`'s) works whatever
//! the user has in scope and is lint-clean in the user's crate: prelude names are shadowed, and every warning is an error here (including the
//! workspace's `missing_docs`).
#![deny(warnings)]

/// A module where the prelude's names mean something else.
pub mod shadowed {
    #![allow(dead_code, reason = "the shadows only need to exist")]
    use response_model::{ApiError, ResponseModel};

    /// Shadows `Result`.
    pub struct Result;
    /// Shadows `Option`.
    pub struct Option;
    /// Shadows `Ok`.
    pub struct Ok;
    /// Shadows `String`.
    pub struct String;
    /// Shadows `Box`.
    pub struct Box;
    /// Shadows `Vec`.
    pub struct Vec;
    /// Shadows `From`.
    pub trait From {}
    /// Shadows `Clone`.
    pub trait Clone {}
    /// Shadows `Default`.
    pub trait Default {}

    /// Shadows `Display`.
    pub trait Display {}
    /// Shadows `Response`.
    pub struct Response;
    /// Shadows `Responses`.
    pub struct Responses;

    /// An item.
    #[derive(Debug, serde::Serialize, schemars::JsonSchema, ResponseModel)]
    #[response_model(view(ItemOut, exclude(cost)))]
    pub struct Item {
        /// Name.
        pub name: ::std::string::String,
        /// Cost.
        pub cost: u32,
    }

    /// A user.
    #[derive(serde::Serialize, ResponseModel)]
    #[response_model(
        view(UserOut, exclude(flag), nest(items = ItemOut, boxed = ItemOut, maybe = ItemOut)),
        view(UserSlim, include(id, bio, count), exclude_none),
        view(UserDefaults, include(id, count), exclude_defaults),
    )]
    pub struct User {
        /// Id.
        pub id: i64,
        /// Bio.
        pub bio: ::core::option::Option<::std::string::String>,
        /// Count.
        pub count: u32,
        /// Flag.
        pub flag: bool,
        /// Items.
        pub items: ::std::vec::Vec<Item>,
        /// Boxed.
        pub boxed: ::std::boxed::Box<Item>,
        /// Maybe.
        pub maybe: ::core::option::Option<Item>,
        /// Secret.
        #[response_model(secret)]
        pub token: ::std::string::String,
    }

    /// Uses the re-exported crate path.
    #[derive(serde::Serialize, ResponseModel)]
    #[response_model(crate = crate::rm_alias, view(AliasOut, include(a)))]
    pub struct Aliased {
        /// A.
        pub a: u8,
        /// B.
        pub b: u8,
    }

    /// What reading an item fails with: every kind of variant.
    #[derive(Debug, ApiError)]
    pub enum ItemError {
        /// No such item.
        #[api_error(status = 404)]
        Missing,
        /// The item is locked; here it is.
        #[api_error(status = 423, body)]
        Locked(Item),
        /// The store failed.
        #[api_error(status = 503, detail = "Try again later")]
        Store {
            /// Why.
            cause: ::std::string::String,
        },
        /// The item's page failed.
        #[api_error(status = 500, body)]
        Page {
            /// What is left of it.
            item: Item,
        },
        /// A plain HTTP error.
        #[api_error(transparent)]
        Http(response_model::HttpError<400>),
    }

    impl ::core::fmt::Display for ItemError {
        fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("item error")
        }
    }

    /// Uses the re-exported crate path.
    #[derive(Debug, ApiError)]
    #[api_error(crate = crate::rm_alias)]
    pub enum AliasError {
        /// Bad.
        #[api_error(status = 400, detail = "Bad request")]
        Bad,
    }
}

use shadowed::*;

#[test]
fn shadowed_prelude_and_crate_path() {
    let item = || Item {
        name: "n".into(),
        cost: 1,
    };
    let user = User {
        id: 1,
        bio: None,
        count: 0,
        flag: true,
        items: vec![item()],
        boxed: std::boxed::Box::new(item()),
        maybe: None,
        token: "t".into(),
    };
    let out = UserOut::from(user);
    let cloned = out.clone();
    assert_eq!(
        serde_json::to_string(&cloned).unwrap(),
        r#"{"id":1,"bio":null,"count":0,"items":[{"name":"n"}],"boxed":{"name":"n"},"maybe":null}"#
    );
    assert!(format!("{out:?}").starts_with("UserOut { id: 1"));
    let slim = UserSlim::from(User {
        id: 2,
        bio: None,
        count: 0,
        flag: false,
        items: vec![],
        boxed: std::boxed::Box::new(item()),
        maybe: None,
        token: "t".into(),
    });
    assert_eq!(
        serde_json::to_string(&slim).unwrap(),
        r#"{"id":2,"count":0}"#
    );
    let alias = AliasOut::from(Aliased { a: 1, b: 2 });
    assert_eq!(serde_json::to_string(&alias).unwrap(), r#"{"a":1}"#);
}

#[test]
fn api_error_in_a_shadowed_scope() {
    use axum::response::IntoResponse;
    use response_model::openapi::{ApiResponse, DocContext};

    let statuses = |e: ItemError| e.into_response().status().as_u16();
    assert_eq!(statuses(ItemError::Missing), 404);
    let item = || Item {
        name: "n".into(),
        cost: 1,
    };
    assert_eq!(statuses(ItemError::Locked(item())), 423);
    let cause = "disk".into();
    assert_eq!(statuses(ItemError::Store { cause }), 503);
    assert_eq!(statuses(ItemError::Page { item: item() }), 500);
    let http = response_model::HttpError::new("no");
    assert_eq!(statuses(ItemError::Http(http)), 400);
    assert_eq!(AliasError::Bad.into_response().status().as_u16(), 400);

    let mut cx = DocContext::new("/items");
    let keys: std::vec::Vec<std::string::String> = ItemError::responses(&mut cx)
        .keys()
        .map(|k| k.to_string())
        .collect();
    assert_eq!(keys, ["400", "404", "423", "500", "503"]);
    assert_eq!(AliasError::responses(&mut cx).len(), 1);
}
