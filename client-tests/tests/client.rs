#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // reason: tests
//! The showcase, called through the client progenitor generated from its 3.0 document:
//! every route a JSON client can call (the endless streams `/events` and `/ai/stream`
//! and the million-row `/export/large-csv` aside), with the typed results and the
//! documented errors.
//!
//! Statuses progenitor cannot type next to another body of the same group (see
//! `build.rs`) and redirects (progenitor treats only 2XX as success) come back as
//! `Error::UnexpectedResponse`; the tests then read their status and body by hand.

use futures_util::TryStreamExt;
use progenitor_client::{ByteStream, ClientInfo, Error, ResponseValue};
use response_model_client_tests::{Client, types};
use response_model_examples::{showcase, users_db};
use serde_json::{Value, json};

/// The showcase on `127.0.0.1:0`, and a generated client for it that does not follow
/// redirects (so a `307` is seen as the document says it).
async fn client() -> Client {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = showcase::app(users_db::pool("sqlite::memory:").unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    Client::new_with_client(&format!("http://{addr}"), http)
}

async fn bytes(body: ResponseValue<ByteStream>) -> Vec<u8> {
    let chunks: Vec<_> = body.into_inner().into_inner().try_collect().await.unwrap();
    chunks.concat()
}

/// The status and body of a response progenitor did not type.
async fn unexpected<T, E>(
    result: Result<T, Error<E>>,
) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    match result {
        Err(Error::UnexpectedResponse(res)) => {
            let status = res.status().as_u16();
            let headers = res.headers().clone();
            (status, headers, res.bytes().await.unwrap().to_vec())
        }
        Err(other) => panic!(
            "expected a response progenitor did not type, got status {:?}",
            other.status()
        ),
        Ok(_) => panic!("expected a response progenitor did not type, got a success"),
    }
}

#[tokio::test]
async fn response_models_section() {
    let c = client().await;
    let user = c.get_user_models_users_user_id_get(1).await.unwrap();
    assert_eq!(user.status(), 200);
    let user = user.into_inner();
    assert_eq!(
        (user.id, user.name.as_str(), user.email.as_str()),
        (1, "Alice", "alice@x.com")
    );

    let items = c.list_items_models_items_get().await.unwrap().into_inner();
    let prices: Vec<f64> = items.iter().map(|i| i.price).collect();
    assert_eq!(prices, [75000.0, 30000.0]);

    let body = types::ItemOut {
        id: 3,
        name: "Pen".into(),
        price: 1.5,
    };
    let created = c.create_item_models_items_post(&body).await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.into_inner().name, "Pen");

    let item = c
        .get_item(5)
        .await
        .unwrap()
        .into_inner()
        .expect("item 5 exists");
    assert_eq!(item.id, 5);
    assert!(c.get_item(999).await.unwrap().into_inner().is_none());
}

#[tokio::test]
async fn include_exclude_section_and_the_400_of_a_bad_selection() {
    let c = client().await;
    let public = c.get_user_public(7).await.unwrap().into_inner();
    assert_eq!((public.id, public.name.as_str()), (7, "Alice"));
    let out = c
        .get_user_fields_users_uid_get(7)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(out.id, 7);
    let profile = c.get_profile().await.unwrap().into_inner();
    assert!(!profile.email.is_empty());

    let page = c
        .list_users(None, Some(&"id,name".parse().unwrap()))
        .await
        .unwrap()
        .into_inner();
    assert!(!page.items.is_empty());
    for item in &page.items {
        assert!(item.id.is_some() && item.name.is_some(), "{item:?}");
        assert!(item.email.is_none() && item.role.is_none(), "{item:?}");
    }
    let page = c
        .list_users(Some(&"email".parse().unwrap()), None)
        .await
        .unwrap()
        .into_inner();
    assert!(
        page.items
            .iter()
            .all(|i| i.email.is_none() && i.id.is_some())
    );

    // The document's `pattern` admits exactly the selections the server accepts: the
    // generated type refuses an empty one and an unknown name before any request is made,
    // and takes what the server takes (whitespace, empty items).
    assert!("".parse::<types::ListUsersFields>().is_err());
    assert!("emial".parse::<types::ListUsersFields>().is_err());
    assert!("id,,nope".parse::<types::ListUsersFields>().is_err());
    let spaced = c
        .list_users(None, Some(&" id , ,name".parse().unwrap()))
        .await
        .unwrap()
        .into_inner();
    assert!(
        spaced
            .items
            .iter()
            .all(|i| i.name.is_some() && i.email.is_none())
    );
    // The server's 400 for an unknown name, sent by hand, reads as the documented body.
    let res = c
        .client()
        .get(format!("{}/fields/users?exclude=emial", c.baseurl()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 400);
    let err: types::SelectionError = res.json().await.unwrap();
    assert_eq!(err.field.as_deref(), Some("emial"));
    assert_eq!(err.did_you_mean.as_deref(), Some("email"));
    // The limit of names (the description's "at most 256") is the one 400 the pattern
    // does not say: it comes back typed.
    let many: Vec<&str> = std::iter::repeat_n("id", 257).collect();
    match c
        .list_users(Some(&many.join(",").parse().unwrap()), None)
        .await
    {
        Err(Error::ErrorResponse(err)) => {
            assert_eq!(err.status(), 400);
            assert!(err.into_inner().detail.contains("256"));
        }
        other => panic!("expected the documented 400, got {other:?}"),
    }
}

#[tokio::test]
async fn json_response_classes() {
    let c = client().await;
    let items = c.list_items_items_get().await.unwrap().into_inner();
    assert_eq!(items, json!({"items": ["a", "b"]}));
    let big = c.get_big_data().await.unwrap().into_inner();
    assert_eq!(big.items.len(), 10_000);
    let users = c.get_users().await.unwrap().into_inner();
    assert!(!users.is_empty());
    let ok = c.check(Some(true)).await.unwrap().into_inner();
    assert_eq!(ok, json!({"status": "ok"}));
    // `Err(Model::<_, 400>(..))`: the 400 is in the type and the document.
    match c.check(Some(false)).await {
        Err(Error::ErrorResponse(err)) => {
            assert_eq!(err.status(), 400);
            assert_eq!(err.into_inner(), json!({"error": "flag is False"}));
        }
        other => panic!("expected the documented 400, got {other:?}"),
    }
    // `(XItemId, Model<_, 201>)`: the 201 and its header are in the type and the document.
    let created = c.create_item_items_post().await.unwrap();
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["x-item-id"], "42");
}

#[tokio::test]
async fn text_html_and_file_classes() {
    let c = client().await;
    assert_eq!(bytes(c.ping().await.unwrap()).await, b"pong");
    let csv = c.export_csv().await.unwrap();
    assert!(
        csv.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("data.csv")
    );
    assert!(bytes(csv).await.starts_with(b"id,name,price\n"));
    let health = bytes(c.health_page().await.unwrap()).await;
    assert!(String::from_utf8(health).unwrap().contains("<"));
    let dashboard = bytes(c.dashboard().await.unwrap()).await;
    assert!(!dashboard.is_empty());
    // `WithStatus<503, Html<..>>`: the documented 503, an error response to the client.
    match c.maintenance_page().await {
        Err(Error::ErrorResponse(res)) => assert_eq!(res.status(), 503),
        Err(other) => panic!("expected the documented 503, got {:?}", other.status()),
        Ok(_) => panic!("expected the documented 503, got a success"),
    }

    let pdf = bytes(c.download_report().await.unwrap()).await;
    assert!(pdf.starts_with(b"%PDF"));
    let export = bytes(c.export_user_data(42).await.unwrap()).await;
    assert_eq!(export, b"id,user_id\n1,42");
    let png = bytes(c.get_avatar("1").await.unwrap()).await;
    assert!(png.starts_with(b"\x89PNG"));
    // A name that leaves the avatars folder: the documented 404, `{"detail": "Not Found"}`.
    let (status, _, body) = unexpected(c.get_avatar("../Cargo.toml").await).await;
    assert_eq!(status, 404);
    assert_eq!(
        serde_json::from_slice::<Value>(&body).unwrap(),
        json!({"detail": "Not Found"})
    );
}

#[tokio::test]
async fn redirects_carry_their_documented_status_and_location() {
    let c = client().await;
    for (got, status, location) in [
        (unexpected(c.root().await).await, 307, "/docs"),
        (unexpected(c.old_path().await).await, 301, "/new-path"),
        (unexpected(c.users_v1().await).await, 308, "/v2/users"),
    ] {
        assert_eq!(got.0, status);
        assert_eq!(got.1["location"], location);
    }
    let (got, headers, _) = unexpected(c.login(&serde_json::Map::new()).await).await;
    assert_eq!(got, 303);
    assert_eq!(headers["location"], "/dashboard");
}

/// The users on SQLite (`/db`), through the generated client: typed bodies, the
/// constraints the document states (progenitor makes `name`, `password` and `limit`
/// types that check them), and each typed error.
#[tokio::test]
async fn users_on_sqlite_section() {
    let c = client().await;
    let page = c
        .browse_users(
            None,
            Some(&"id,name".parse().unwrap()),
            std::num::NonZeroU32::new(1),
            None,
        )
        .await
        .unwrap()
        .into_inner();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].name.as_deref(), Some("Alice"));
    assert_eq!(page.items[0].email, None);
    assert_eq!(page.total, Some(2));

    // The document's `minLength` is in the client's types: a short password is refused
    // before any request.
    assert!(types::NewUserPassword::try_from("short".to_owned()).is_err());
    let new_user = types::NewUser {
        name: "Carol".parse().unwrap(),
        email: "carol@example.com".into(),
        password: "correct horse".parse().unwrap(),
    };
    let created = c.create_user(&new_user).await.unwrap();
    assert_eq!(created.status(), 201);
    let carol = created.into_inner();
    assert_eq!((carol.id, carol.is_active), (3, true));
    // 409: the first error status progenitor types is the 400 (see build.rs), so the
    // conflict is read by hand, as documented.
    let (status, _, body) = unexpected(c.create_user(&new_user).await).await;
    assert_eq!(status, 409);
    let body: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        body,
        json!({"detail": "Email already registered", "email": "carol@example.com"})
    );

    let user = c.read_user(3).await.unwrap().into_inner();
    assert_eq!(user.name, "Carol");
    match c.read_user(99).await {
        Err(Error::ErrorResponse(e)) => {
            assert_eq!(e.status(), 404);
            assert_eq!(e.into_inner().detail, "User 99 not found");
        }
        other => panic!("expected a typed 404, got {:?}", other.map(|r| r.status())),
    }
    // `UserPatch.name`'s `minLength`/`maxLength` are in the document: the generated type
    // checks them.
    assert!("".parse::<types::UserPatchName>().is_err());
    assert!("x".repeat(51).parse::<types::UserPatchName>().is_err());
    let patch = types::UserPatch {
        name: Some("Caroline".parse().unwrap()),
        email: None,
        is_active: Some(false),
    };
    let user = c.update_user(3, &patch).await.unwrap().into_inner();
    assert_eq!((user.name.as_str(), user.is_active), ("Caroline", false));

    let item = types::NewItem {
        name: "Baz".parse().unwrap(),
        description: None,
        price: 50.2,
        tax: Some(10.5),
    };
    let item = c.add_user_item(3, &item).await.unwrap().into_inner();
    assert_eq!(item.owner_id, 3);
    let items = c.list_user_items(3).await.unwrap().into_inner();
    assert_eq!(items.len(), 1);

    let login = types::Login {
        email: "carol@example.com".into(),
        password: "correct horse".parse().unwrap(),
    };
    let signed_in = c.sign_in(&login).await.unwrap();
    let cookie = signed_in.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("session=user-3; HttpOnly"), "{cookie}");
    assert_eq!(signed_in.into_inner().id, 3);

    // The route behind the `session` cookie (the document's `APIKeyCookie` scheme): the
    // generated client sends the credential as its HTTP client's default header.
    let session = cookie.split(';').next().unwrap();
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(reqwest::header::COOKIE, session.parse().unwrap());
    let http = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let signed = Client::new_with_client(c.baseurl(), http);
    let me = signed.read_me().await.unwrap();
    assert_eq!(me.status(), 200);
    assert_eq!(me.into_inner().id, 3);
    // Without it: the documented 401, typed as the error body.
    match c.read_me().await {
        Err(Error::ErrorResponse(e)) => {
            assert_eq!(e.status(), 401);
            assert_eq!(e.headers()["www-authenticate"], "APIKey");
            assert_eq!(e.into_inner().detail, "Not authenticated");
        }
        other => panic!(
            "expected the documented 401, got {:?}",
            other.map(|r| r.status())
        ),
    }
    assert_eq!(c.sign_out().await.unwrap().status(), 204);

    // PUT: 201 when the item is new, 200 when it replaced one; both typed as the item.
    let pen = types::NewItem {
        name: "Pen".parse().unwrap(),
        description: None,
        price: 1.5,
        tax: None,
    };
    let put = c.put_user_item(3, 70, &pen).await.unwrap();
    assert_eq!(put.status(), 201);
    assert_eq!(put.into_inner().id, 70);
    let put = c.put_user_item(3, 70, &pen).await.unwrap();
    assert_eq!(put.status(), 200);
    // The card is JSON unless XML is asked for: the client reads the JSON one.
    let card = c.read_user_card(3).await.unwrap().into_inner();
    assert_eq!(card.email, "carol@example.com");

    assert_eq!(c.delete_user(3).await.unwrap().status(), 204);
    match c.delete_user(3).await {
        Err(Error::ErrorResponse(e)) => assert_eq!(e.status(), 404),
        other => panic!("expected a typed 404, got {:?}", other.map(|r| r.status())),
    }
}

/// A server one version ahead of the document: it answers the include/exclude section's
/// two user routes with a field the document does not have yet (`nickname`).
async fn newer_server() -> Client {
    use axum::Json;
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route(
            "/fields/users/{uid}",
            get(|| async {
                Json(json!({"id": 7, "name": "Alice", "email": "a@x.com", "role": "admin", "nickname": "Al"}))
            }),
        )
        .route(
            "/fields/users/{uid}/public",
            get(|| async { Json(json!({"id": 7, "name": "Alice", "nickname": "Al"})) }),
        );
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    Client::new(&format!("http://{addr}"))
}

#[tokio::test]
async fn an_added_field_breaks_no_client_unless_the_view_is_closed() {
    // The client was generated from the document before `nickname` was added.
    let c = newer_server().await;
    // `include_exclude.UserOut` is open (the default): the extra key is ignored.
    let out = c
        .get_user_fields_users_uid_get(7)
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (out.id, out.name.as_str(), out.role.as_str()),
        (7, "Alice", "admin")
    );
    // `include_exclude.UserPublic` is `closed`: its schema says `additionalProperties:
    // false`, progenitor generates `deny_unknown_fields`, and the response is refused.
    match c.get_user_public(7).await {
        Err(Error::InvalidResponsePayload(body, err)) => {
            assert!(body.starts_with(b"{\"id\":7"));
            assert!(err.to_string().contains("nickname"), "{err}");
        }
        other => panic!(
            "expected the closed view to refuse an unknown field, got {:?}",
            other.map(|r| r.into_inner())
        ),
    }
}
