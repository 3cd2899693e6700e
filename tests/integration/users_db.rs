//! The users_db example (`examples/src/users_db.rs`) over a real socket: SQLite through
//! sqlx, every status its document lists (the database failure too, by dropping its
//! tables), no secret in any body, and the file-backed database kept across restarts.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::common::{Logs, client, serve};
use crate::examples::users_db;

/// A fresh in-memory database, served; its pool, to break it.
async fn start() -> (String, users_db::Db) {
    let db = users_db::pool("sqlite::memory:").unwrap();
    let base = serve(users_db::api(db.clone()).into_router()).await;
    (base, db)
}

async fn call(base: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
    let mut req = client().request(method, format!("{base}{path}"));
    if let Some(body) = body {
        req = req.json(&body);
    }
    let res = req.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(
        !text.contains("notreallyhashed"),
        "{path} leaked a password hash: {text}"
    );
    let json = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}: {text}"))
    };
    (status, json)
}

#[tokio::test]
async fn the_users_lifecycle_over_a_socket() {
    let (base, _db) = start().await;
    let (s, page) = call(&base, Method::GET, "/users?limit=1", None).await;
    assert_eq!(s, 200);
    assert_eq!(
        page,
        json!({"items": [{"id": 1, "name": "Alice", "email": "alice@example.com", "is_active": true}],
               "total": 2, "limit": 1, "offset": 0})
    );
    let (_, page) = call(&base, Method::GET, "/users?fields=id,name&offset=1", None).await;
    assert_eq!(page["items"], json!([{"id": 2, "name": "Bob"}]));

    let carol = json!({"name": "Carol", "email": "carol@example.com", "password": "correct horse"});
    let (s, user) = call(&base, Method::POST, "/users", Some(carol.clone())).await;
    assert_eq!(s, 201);
    assert_eq!(
        user,
        json!({"id": 3, "name": "Carol", "email": "carol@example.com", "is_active": true})
    );
    let (s, body) = call(&base, Method::POST, "/users", Some(carol)).await;
    assert_eq!(s, 409);
    assert_eq!(
        body,
        json!({"detail": "Email already registered", "email": "carol@example.com"})
    );

    let (s, body) = call(
        &base,
        Method::POST,
        "/users",
        Some(json!({"name": "Dan", "email": "dan", "password": "correct horse"})),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(body["detail"][0]["type"], "value_error");
    assert_eq!(body["detail"][0]["loc"], json!(["body", "email"]));
    assert_eq!(body["detail"][0]["input"], "dan");

    let (s, user) = call(
        &base,
        Method::PATCH,
        "/users/3",
        Some(json!({"name": "Caroline", "is_active": false})),
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(
        (&user["name"], &user["is_active"], &user["email"]),
        (
            &json!("Caroline"),
            &json!(false),
            &json!("carol@example.com")
        )
    );
    let (s, _) = call(
        &base,
        Method::PATCH,
        "/users/3",
        Some(json!({"email": "bob@example.com"})),
    )
    .await;
    assert_eq!(s, 409);

    let (s, item) = call(
        &base,
        Method::POST,
        "/users/3/items",
        Some(json!({"name": "Baz", "price": 50.2, "tax": 10.5})),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(item["owner_id"], 3);
    let (_, items) = call(&base, Method::GET, "/users/3/items", None).await;
    assert_eq!(items.as_array().unwrap().len(), 1);

    let (s, user) = call(
        &base,
        Method::POST,
        "/login",
        Some(json!({"email": "carol@example.com", "password": "correct horse"})),
    )
    .await;
    assert_eq!((s, &user["id"]), (StatusCode::OK, &json!(3)));
    let (s, body) = call(
        &base,
        Method::POST,
        "/login",
        Some(json!({"email": "carol@example.com", "password": "wrong"})),
    )
    .await;
    assert_eq!(s, 401);
    assert_eq!(body, json!({"detail": "Incorrect email or password"}));

    let (s, body) = call(&base, Method::DELETE, "/users/3", None).await;
    assert_eq!((s, body), (StatusCode::NO_CONTENT, Value::Null));
    let (s, body) = call(&base, Method::GET, "/users/3", None).await;
    assert_eq!(
        (s, body),
        (StatusCode::NOT_FOUND, json!({"detail": "User 3 not found"}))
    );
    // Its items went with it.
    let (s, _) = call(&base, Method::GET, "/users/3/items", None).await;
    assert_eq!(s, 404);
    let (s, body) = call(&base, Method::GET, "/users/x", None).await;
    assert_eq!(s, 422);
    assert_eq!(body["detail"][0]["type"], "int_parsing");
    let (s, body) = call(&base, Method::GET, "/users?fields=hashed_password", None).await;
    assert_eq!(s, 400, "{body}");
}

/// The cookie a sign-in sets and a sign-out deletes, the card in either media type, and
/// an item put twice (201, then 200), over a socket.
#[tokio::test]
async fn cookies_media_types_and_run_time_statuses_over_a_socket() {
    let (base, _db) = start().await;
    let res = client()
        .post(format!("{base}/login"))
        .json(&json!({"email": "alice@example.com", "password": "supersecret"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["set-cookie"],
        "session=user-1; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600"
    );
    let res = client()
        .post(format!("{base}/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 204);
    let deleted = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        deleted.starts_with("session=; SameSite=Lax; Path=/; Max-Age=0; Expires="),
        "{deleted}"
    );
    // A failed sign-in sets no cookie.
    let res = client()
        .post(format!("{base}/login"))
        .json(&json!({"email": "alice@example.com", "password": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 401);
    assert!(res.headers().get("set-cookie").is_none());

    let (s, card) = call(&base, Method::GET, "/users/1/card", None).await;
    assert_eq!(s, 200);
    assert_eq!(card["email"], "alice@example.com");
    let res = client()
        .get(format!("{base}/users/1/card"))
        .header("accept", "text/html;q=0.9, application/xml;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "application/xml");
    assert_eq!(
        res.text().await.unwrap(),
        r#"<?xml version="1.0" encoding="UTF-8"?><user id="1" active="true"><name>Alice</name><email>alice@example.com</email></user>"#
    );
    // Text is escaped.
    let (s, _) = call(
        &base,
        Method::PATCH,
        "/users/2",
        Some(json!({"name": "Bob <&> \"B\""})),
    )
    .await;
    assert_eq!(s, 200);
    let xml = client()
        .get(format!("{base}/users/2/card"))
        .header("accept", "application/xml")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        xml.contains("<name>Bob &lt;&amp;&gt; &quot;B&quot;</name>"),
        "{xml}"
    );
    let (s, _) = call(&base, Method::GET, "/users/9/card", None).await;
    assert_eq!(s, 404);

    let pen = json!({"name": "Pen", "price": 1.5});
    let (s, item) = call(&base, Method::PUT, "/users/1/items/70", Some(pen)).await;
    assert_eq!(s, 201);
    assert_eq!(
        item,
        json!({"id": 70, "owner_id": 1, "name": "Pen", "description": null, "price": 1.5, "tax": null})
    );
    let pen = json!({"name": "Red pen", "price": 2.0});
    let (s, item) = call(&base, Method::PUT, "/users/1/items/70", Some(pen.clone())).await;
    assert_eq!((s, &item["name"]), (StatusCode::OK, &json!("Red pen")));
    let (s, body) = call(&base, Method::PUT, "/users/2/items/70", Some(pen.clone())).await;
    assert_eq!(
        (s, body),
        (
            StatusCode::CONFLICT,
            json!({"detail": "Item 70 belongs to another user"})
        )
    );
    let (s, _) = call(&base, Method::PUT, "/users/9/items/71", Some(pen)).await;
    assert_eq!(s, 404);
    let (s, body) = call(
        &base,
        Method::PUT,
        "/users/1/items/71",
        Some(json!({"name": "Free", "price": 0})),
    )
    .await;
    assert_eq!(s, 422);
    assert_eq!(body["detail"][0]["loc"], json!(["body", "price"]));
}

/// Every route documents a 500 for a database failure: dropping the tables makes each
/// answer it, with nothing of the cause in the body and the cause in the log.
#[tokio::test]
async fn a_database_failure_is_a_500_that_says_nothing_of_it() {
    let logs = Logs::capture();
    let (base, db) = start().await;
    // Opens (and migrates) the connection, then breaks the schema under it.
    assert_eq!(call(&base, Method::GET, "/users/1", None).await.0, 200);
    sqlx::raw_sql("DROP TABLE items; DROP TABLE users")
        .execute(&db)
        .await
        .unwrap();
    let new_user = json!({"name": "Eve", "email": "eve@example.com", "password": "correct horse"});
    let cases = [
        (Method::GET, "/users", None),
        (Method::POST, "/users", Some(new_user)),
        (Method::GET, "/users/1", None),
        (Method::GET, "/users/1/public", None),
        (Method::PATCH, "/users/1", Some(json!({"name": "A"}))),
        (Method::DELETE, "/users/1", None),
        (Method::GET, "/users/1/items", None),
        (
            Method::POST,
            "/users/1/items",
            Some(json!({"name": "Bar", "price": 1})),
        ),
        (
            Method::POST,
            "/login",
            Some(json!({"email": "alice@example.com", "password": "x"})),
        ),
        (Method::GET, "/users/1/card", None),
        (
            Method::PUT,
            "/users/1/items/5",
            Some(json!({"name": "Bar", "price": 1})),
        ),
    ];
    for (method, path, body) in cases {
        let (s, body) = call(&base, method.clone(), path, body).await;
        assert_eq!(s, 500, "{method} {path}");
        assert_eq!(
            body,
            json!({"detail": "Internal Server Error"}),
            "{method} {path}"
        );
    }
    let text = logs.text();
    assert!(text.contains("no such table"), "{text}");
    assert!(text.contains("status=500"), "{text}");
}

/// The file in `DATABASE_URL` is created and migrated once, and kept: a second pool on
/// it (a restart) sees what the first wrote.
#[tokio::test]
async fn a_file_database_is_created_migrated_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("users.db").display());
    {
        let base = serve(users_db::api(users_db::pool(&url).unwrap()).into_router()).await;
        let body = json!({"name": "Fay", "email": "fay@example.com", "password": "correct horse"});
        assert_eq!(call(&base, Method::POST, "/users", Some(body)).await.0, 201);
    }
    let base = serve(users_db::api(users_db::pool(&url).unwrap()).into_router()).await;
    let (s, page) = call(&base, Method::GET, "/users", None).await;
    assert_eq!(s, 200);
    assert_eq!(page["total"], 3, "{page}");
    assert_eq!(page["items"][2]["name"], "Fay");
}

/// The showcase serves the example under `/db`, in its document.
#[cfg(feature = "templates")]
#[test]
fn the_showcase_documents_it_under_db() {
    let doc = crate::examples::showcase::api().openapi();
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/db/users",
        "/db/users/{id}",
        "/db/users/{id}/public",
        "/db/users/{id}/items",
        "/db/users/{id}/items/{item_id}",
        "/db/users/{id}/card",
        "/db/login",
        "/db/logout",
    ] {
        assert!(paths.contains_key(path), "{path}");
    }
    let get = &doc["paths"]["/db/users/{id}"]["get"];
    assert_eq!(
        get["responses"]["404"]["description"],
        "No user has this id."
    );
    // The page is generic: `Page<UserOut>`, whose items `?fields=` may cut down (so none
    // is required), and never with the hash.
    let page = &doc["paths"]["/db/users"]["get"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    let item = &page["properties"]["items"]["items"];
    let keys: Vec<&str> = item["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["id", "name", "email", "is_active"], "{page}");
    assert!(item.get("required").is_none(), "{page}");
    assert_eq!(page["properties"]["total"]["type"], "integer");
}
