//! The port's behaviour, route by route, as the template's own tests and code define it:
//! statuses, `detail` strings, hostile tokens, Python-made hashes and tokens, and no secret
//! in any body. Each check runs on SQLite, and on PostgreSQL when `TEST_POSTGRES_URL` (or
//! a `postgres://` `DATABASE_URL`) names a database.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

mod common;
mod fixtures {
    pub(crate) mod python;
}

use common::{ADMIN_PASSWORD, Answer, Backend, SECRET, Send, TestApp, random_email, unique};
use fixtures::python;
use full_stack::db::NewUser;
use http::{Method, Request};
use serde_json::{Value, json};

const V1: &str = "/api/v1";

fn p(path: &str) -> String {
    format!("{V1}{path}")
}

/// A JWT signed with `key` (HS256 unless `alg` says otherwise).
fn jwt(claims: &Value, key: &str, alg: jsonwebtoken::Algorithm) -> String {
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(alg),
        claims,
        &jsonwebtoken::EncodingKey::from_secret(key.as_bytes()),
    )
    .unwrap()
}

fn b64(v: &Value) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let bytes = v.to_string().into_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        let len = chunk.len() + 1;
        for i in 0..len {
            out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

async fn check_login(app: &TestApp) {
    let a = app
        .login(&app.admin_email, ADMIN_PASSWORD)
        .await
        .expect(200);
    assert_eq!(a.body["token_type"], "bearer");
    let token = a.body["access_token"].as_str().unwrap();
    // HS256 with SECRET_KEY, `sub` the user's id, `exp` 8 days away.
    let claims = full_stack::security::decode(token, SECRET).unwrap();
    let me = app.get(&p("/users/me"), Some(token)).await.expect(200);
    assert_eq!(claims["sub"], me.body["id"]);
    let exp = claims["exp"].as_i64().unwrap();
    let in8days = chrono::Utc::now().timestamp() + 8 * 24 * 3600;
    assert!((in8days - exp).abs() < 60, "exp {exp}");

    app.login(&app.admin_email, "incorrect")
        .await
        .detail(400, "Incorrect email or password");
    app.login(&random_email(), "whatever-password")
        .await
        .detail(400, "Incorrect email or password");
    let missing = app
        .call(
            Method::POST,
            &p("/login/access-token"),
            None,
            Send::Form(&[("username", "x")]),
        )
        .await
        .expect(422);
    assert_eq!(
        missing.body["detail"][0]["loc"],
        json!(["body", "password"])
    );

    let t = app
        .call(
            Method::POST,
            &p("/login/test-token"),
            Some(token),
            Send::None,
        )
        .await
        .expect(200);
    assert_eq!(t.body["email"], app.admin_email);
    assert!(t.body.get("hashed_password").is_none());
    let none = app
        .call(Method::POST, &p("/login/test-token"), None, Send::None)
        .await
        .detail(401, "Not authenticated");
    assert_eq!(none.headers["www-authenticate"], "Bearer");
}

async fn check_inactive(app: &TestApp) {
    let admin = app.admin_token().await;
    let (email, password, token, id) = app.new_user().await;
    app.call(
        Method::PATCH,
        &p(&format!("/users/{id}")),
        Some(&admin),
        Send::Json(json!({"is_active": false})),
    )
    .await
    .expect(200);
    app.login(&email, &password)
        .await
        .detail(400, "Inactive user");
    app.get(&p("/users/me"), Some(&token))
        .await
        .detail(400, "Inactive user");
}

async fn check_password_recovery(app: &TestApp) {
    let admin = app.admin_token().await;
    let (email, _, token, _) = app.new_user().await;
    for who in [email.as_str(), "nobody@example.com"] {
        let a = app
            .call(
                Method::POST,
                &p(&format!("/password-recovery/{who}")),
                None,
                Send::None,
            )
            .await
            .expect(200);
        assert_eq!(
            a.body,
            json!({"message": "If that email is registered, we sent a password recovery link"})
        );
    }

    // The HTML of the email, for superusers.
    let html = app
        .call(
            Method::POST,
            &p(&format!("/password-recovery-html-content/{email}")),
            Some(&admin),
            Send::None,
        )
        .await
        .expect(200);
    assert!(
        html.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(html.text.contains("reset-password?token="), "{}", html.text);
    assert_eq!(
        html.headers["subject"],
        format!("Full Stack Test - Password recovery for user {email}").as_str()
    );
    app.call(
        Method::POST,
        &p("/password-recovery-html-content/nobody@example.com"),
        Some(&admin),
        Send::None,
    )
    .await
    .detail(
        404,
        "The user with this username does not exist in the system.",
    );
    app.call(
        Method::POST,
        &p(&format!("/password-recovery-html-content/{email}")),
        Some(&token),
        Send::None,
    )
    .await
    .detail(403, "The user doesn't have enough privileges");
}

async fn check_reset_password(app: &TestApp) {
    let (email, _, _, _) = app.new_user().await;
    let reset = |token: String, new_password: &str| {
        app.call(
            Method::POST,
            &p("/reset-password/"),
            None,
            Send::Json(json!({"token": token, "new_password": new_password})),
        )
    };
    reset("invalid".into(), "changethis")
        .await
        .detail(400, "Invalid token");
    let hours = chrono::Duration::hours(48);
    let token = full_stack::security::create_password_reset_token(&email, hours, SECRET).unwrap();
    // The template's token: a float `exp`, an int `nbf`.
    let claims = full_stack::security::decode(&token, SECRET).unwrap();
    assert!(claims["exp"].is_f64(), "{claims:?}");
    assert!(claims["nbf"].is_i64(), "{claims:?}");
    let short = reset(token.clone(), "short").await.expect(422);
    assert_eq!(short.body["detail"][0]["type"], "string_too_short");
    reset(token.clone(), "brand-new-password")
        .await
        .expect(200)
        .body
        .eq(&json!({"message": "Password updated successfully"}))
        .then_some(())
        .unwrap();
    app.token(&email, "brand-new-password").await;
    // The template does not refuse a token used before: it is valid until it expires.
    reset(token.clone(), "newer-password").await.expect(200);
    app.token(&email, "newer-password").await;
    let other =
        full_stack::security::create_password_reset_token("nobody@example.com", hours, SECRET)
            .unwrap();
    reset(other, "brand-new-password")
        .await
        .detail(400, "Invalid token");
    let foreign =
        full_stack::security::create_password_reset_token(&email, hours, "another key").unwrap();
    reset(foreign, "brand-new-password")
        .await
        .detail(400, "Invalid token");
}

/// The template's Python made these tokens; the server reads them with the same key.
async fn check_python_reset_tokens(backend: &Backend) {
    let app = TestApp::with(backend, &[("SECRET_KEY", python::RESET_KEY)]).await;
    if app
        .state
        .db
        .user_by_email("reset@example.com")
        .await
        .unwrap()
        .is_none()
    {
        app.state
            .db
            .create_user(NewUser {
                email: "reset@example.com".into(),
                is_active: true,
                is_superuser: false,
                full_name: None,
                hashed_password: python::ARGON2.into(),
            })
            .await
            .unwrap();
    }
    let send = |token: &str| {
        app.call(
            Method::POST,
            &p("/reset-password/"),
            None,
            Send::Json(json!({"token": token, "new_password": "set-by-python-token"})),
        )
    };
    send(python::EXPIRED_RESET_TOKEN)
        .await
        .detail(400, "Invalid token");
    send(python::RESET_TOKEN).await.expect(200);
    app.token("reset@example.com", "set-by-python-token").await;
}

async fn check_hostile_tokens(app: &TestApp) {
    let (_, _, token, id) = app.new_user().await;
    let now = chrono::Utc::now().timestamp();
    let hs256 = jsonwebtoken::Algorithm::HS256;
    let forged = [
        // Another key.
        jwt(
            &json!({"sub": id, "exp": now + 600}),
            "not the server's key",
            hs256,
        ),
        // Another algorithm, the right key.
        jwt(
            &json!({"sub": id, "exp": now + 600}),
            SECRET,
            jsonwebtoken::Algorithm::HS512,
        ),
        // Expired.
        jwt(&json!({"sub": id, "exp": now - 1}), SECRET, hs256),
        // `exp` that is not a number.
        jwt(&json!({"sub": id, "exp": "tomorrow"}), SECRET, hs256),
        // `alg: none`, no signature.
        format!(
            "{}.{}.",
            b64(&json!({"alg": "none", "typ": "JWT"})),
            b64(&json!({"sub": id, "exp": now + 600}))
        ),
        // Not a JWT.
        "garbage".to_owned(),
        // The right token with its signature changed.
        format!("{}x", &token[..token.len() - 1]),
    ];
    for bad in &forged {
        app.get(&p("/users/me"), Some(bad))
            .await
            .detail(403, "Could not validate credentials");
    }
    // A token whose user does not exist.
    let ghost = jwt(
        &json!({"sub": uuid::Uuid::new_v4().to_string(), "exp": now + 600}),
        SECRET,
        hs256,
    );
    app.get(&p("/users/me"), Some(&ghost))
        .await
        .detail(404, "User not found");
    // Malformed `Authorization` headers: 401, but `Bearer` with no token is a token that
    // does not decode (403), as `OAuth2PasswordBearer` reads it in the template.
    for header in ["Basic abc", "token", ""] {
        let req = Request::get(p("/users/me"))
            .header("authorization", header)
            .body(axum::body::Body::empty())
            .unwrap();
        app.send(req).await.detail(401, "Not authenticated");
    }
    for header in ["Bearer", "Bearer "] {
        let req = Request::get(p("/users/me"))
            .header("authorization", header)
            .body(axum::body::Body::empty())
            .unwrap();
        app.send(req)
            .await
            .detail(403, "Could not validate credentials");
    }
    app.get(&p("/users/me"), None)
        .await
        .detail(401, "Not authenticated");
}

async fn check_users(app: &TestApp) {
    let admin = app.admin_token().await;
    let (email, password, token, id) = app.new_user().await;

    let me = app.get(&p("/users/me"), Some(&admin)).await.expect(200);
    assert_eq!(me.body["is_active"], true);
    assert_eq!(me.body["is_superuser"], true);
    assert_eq!(me.body["email"], app.admin_email);
    let keys: Vec<&str> = me
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "email",
            "is_active",
            "is_superuser",
            "full_name",
            "id",
            "created_at"
        ]
    );
    let me = app.get(&p("/users/me"), Some(&token)).await.expect(200);
    assert_eq!(me.body["is_superuser"], false);
    assert_eq!(me.body["email"], email);

    // Listing: superusers only.
    let list = app.get(&p("/users/"), Some(&admin)).await.expect(200);
    assert!(list.body["count"].as_i64().unwrap() >= 2);
    assert!(list.body["data"].as_array().unwrap().len() >= 2);
    let page = app
        .get(&p("/users/?skip=0&limit=1"), Some(&admin))
        .await
        .expect(200);
    assert_eq!(page.body["data"].as_array().unwrap().len(), 1);
    app.get(&p("/users/"), Some(&token))
        .await
        .detail(403, "The user doesn't have enough privileges");
    app.get(&p("/users/?limit=abc"), Some(&admin))
        .await
        .expect(422);

    // Creation by a superuser.
    let new_email = random_email();
    let create = |email: String, password: &str, token: &str| {
        app.call(
            Method::POST,
            &p("/users/"),
            Some(token),
            Send::Json(json!({"email": email, "password": password})),
        )
    };
    let created = create(new_email.clone(), "password-123", &admin)
        .await
        .expect(200);
    assert_eq!(created.body["email"], new_email);
    assert_eq!(created.body["is_active"], true);
    create(new_email.clone(), "password-123", &admin)
        .await
        .detail(
            400,
            "The user with this email already exists in the system.",
        );
    create(random_email(), "password-123", &token)
        .await
        .detail(403, "The user doesn't have enough privileges");
    let long = create(random_email(), &"x".repeat(129), &admin)
        .await
        .expect(422);
    assert_eq!(long.body["detail"][0]["type"], "string_too_long");
    assert_eq!(long.body["detail"][0]["loc"], json!(["body", "password"]));
    let short = create(random_email(), "short", &admin).await.expect(422);
    assert_eq!(short.body["detail"][0]["input"], "**********");
    assert!(!short.text.contains("\"short\""), "{}", short.text);
    // A missing field's input is the whole body: its password is masked too.
    let missing = app
        .call(
            Method::POST,
            &p("/users/signup"),
            None,
            Send::Json(json!({"password": "never-echoed-1"})),
        )
        .await
        .expect(422);
    assert_eq!(missing.body["detail"][0]["type"], "missing");
    assert_eq!(
        missing.body["detail"][0]["input"],
        json!({"password": "**********"})
    );
    create("not-an-email".into(), "password-123", &admin)
        .await
        .expect(422);
    // An empty bearer token: one that does not decode.
    create(random_email(), "password-123", "").await.expect(403);

    // Sign-up.
    app.call(
        Method::POST,
        &p("/users/signup"),
        None,
        Send::Json(json!({"email": email, "password": "password-123"})),
    )
    .await
    .detail(400, "The user with this email already exists in the system");
    let full = app
        .call(
            Method::POST,
            &p("/users/signup"),
            None,
            Send::Json(json!({"email": random_email(), "password": "password-123", "full_name": "Full Name"})),
        )
        .await
        .expect(200);
    assert_eq!(full.body["full_name"], "Full Name");
    // An email with spaces around it, as Pydantic's `EmailStr` reads it: trimmed, and its
    // domain lowercased.
    let spaced = random_email();
    let (local, domain) = spaced.split_once('@').unwrap();
    let signed = app
        .call(
            Method::POST,
            &p("/users/signup"),
            None,
            Send::Json(json!({"email": format!(" {local}@{} ", domain.to_uppercase()), "password": "password-123"})),
        )
        .await
        .expect(200);
    assert_eq!(
        signed.body["email"],
        format!("{local}@{}", domain.to_lowercase())
    );

    // Reading by id.
    app.get(&p(&format!("/users/{id}")), Some(&token))
        .await
        .expect(200);
    let created_id = created.body["id"].as_str().unwrap();
    app.get(&p(&format!("/users/{created_id}")), Some(&token))
        .await
        .detail(403, "The user doesn't have enough privileges");
    let nobody = uuid::Uuid::new_v4();
    app.get(&p(&format!("/users/{nobody}")), Some(&token))
        .await
        .detail(403, "The user doesn't have enough privileges");
    app.get(&p(&format!("/users/{nobody}")), Some(&admin))
        .await
        .detail(404, "User not found");
    let other = app
        .get(&p(&format!("/users/{created_id}")), Some(&admin))
        .await
        .expect(200);
    assert_eq!(other.body["email"], new_email);

    // Changing oneself: only the fields sent.
    let changed_email = random_email();
    let a = app
        .call(
            Method::PATCH,
            &p("/users/me"),
            Some(&token),
            Send::Json(json!({"full_name": "Updated Name", "email": changed_email})),
        )
        .await
        .expect(200);
    assert_eq!(a.body["email"], changed_email);
    assert_eq!(a.body["full_name"], "Updated Name");
    let a = app
        .call(
            Method::PATCH,
            &p("/users/me"),
            Some(&token),
            Send::Json(json!({})),
        )
        .await
        .expect(200);
    assert_eq!(a.body["full_name"], "Updated Name");
    app.call(
        Method::PATCH,
        &p("/users/me"),
        Some(&token),
        Send::Json(json!({"email": new_email})),
    )
    .await
    .detail(409, "User with this email already exists");
    let a = app
        .call(
            Method::PATCH,
            &p("/users/me"),
            Some(&token),
            Send::Json(json!({"full_name": null})),
        )
        .await
        .expect(200);
    assert_eq!(a.body["full_name"], Value::Null);
    let long = app
        .call(
            Method::PATCH,
            &p("/users/me"),
            Some(&token),
            Send::Json(json!({"full_name": "n".repeat(256)})),
        )
        .await
        .expect(422);
    assert_eq!(long.body["detail"][0]["type"], "string_too_long");

    // Own password.
    let change = |current: &str, new: &str| {
        app.call(
            Method::PATCH,
            &p("/users/me/password"),
            Some(&token),
            Send::Json(json!({"current_password": current, "new_password": new})),
        )
    };
    change("wrong-password", "another-password")
        .await
        .detail(400, "Incorrect password");
    change(&password, &password)
        .await
        .detail(400, "New password cannot be the same as the current one");
    let ok = change(&password, "another-password").await.expect(200);
    assert_eq!(ok.body, json!({"message": "Password updated successfully"}));
    app.token(&changed_email, "another-password").await;

    // A superuser's changes: only the fields sent.
    let a = app
        .call(
            Method::PATCH,
            &p(&format!("/users/{created_id}")),
            Some(&admin),
            Send::Json(json!({"full_name": "Updated_full_name"})),
        )
        .await
        .expect(200);
    assert_eq!(a.body["full_name"], "Updated_full_name");
    assert_eq!(a.body["email"], new_email);
    assert_eq!(a.body["is_active"], true);
    app.call(
        Method::PATCH,
        &p(&format!("/users/{created_id}")),
        Some(&admin),
        Send::Json(json!({"password": "reset-by-admin"})),
    )
    .await
    .expect(200);
    app.token(&new_email, "reset-by-admin").await;
    app.call(
        Method::PATCH,
        &p(&format!("/users/{nobody}")),
        Some(&admin),
        Send::Json(json!({"full_name": "x"})),
    )
    .await
    .detail(404, "The user with this id does not exist in the system");
    app.call(
        Method::PATCH,
        &p(&format!("/users/{created_id}")),
        Some(&admin),
        Send::Json(json!({"email": changed_email})),
    )
    .await
    .detail(409, "User with this email already exists");
    app.call(
        Method::PATCH,
        &p(&format!("/users/{created_id}")),
        Some(&token),
        Send::Json(json!({"full_name": "x"})),
    )
    .await
    .detail(403, "The user doesn't have enough privileges");

    // Deleting.
    let admin_id = app.get(&p("/users/me"), Some(&admin)).await.body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.call(Method::DELETE, &p("/users/me"), Some(&admin), Send::None)
        .await
        .detail(403, "Super users are not allowed to delete themselves");
    app.call(
        Method::DELETE,
        &p(&format!("/users/{admin_id}")),
        Some(&admin),
        Send::None,
    )
    .await
    .detail(403, "Super users are not allowed to delete themselves");
    app.call(
        Method::DELETE,
        &p(&format!("/users/{nobody}")),
        Some(&admin),
        Send::None,
    )
    .await
    .detail(404, "User not found");
    app.call(
        Method::DELETE,
        &p(&format!("/users/{created_id}")),
        Some(&token),
        Send::None,
    )
    .await
    .detail(403, "The user doesn't have enough privileges");
    let gone = app
        .call(
            Method::DELETE,
            &p(&format!("/users/{created_id}")),
            Some(&admin),
            Send::None,
        )
        .await
        .expect(200);
    assert_eq!(gone.body, json!({"message": "User deleted successfully"}));
    let bye = app
        .call(Method::DELETE, &p("/users/me"), Some(&token), Send::None)
        .await
        .expect(200);
    assert_eq!(bye.body, json!({"message": "User deleted successfully"}));
    // The deleted user's token names no one.
    app.get(&p("/users/me"), Some(&token))
        .await
        .detail(404, "User not found");
}

async fn check_items(app: &TestApp) {
    let admin = app.admin_token().await;
    let (_, _, token, user_id) = app.new_user().await;
    let (_, _, other_token, _) = app.new_user().await;

    let create = |token: &str, body: Value| {
        app.call(Method::POST, &p("/items/"), Some(token), Send::Json(body))
    };
    let item = create(&token, json!({"title": "Foo", "description": "Fighters"}))
        .await
        .expect(200);
    assert_eq!(item.body["title"], "Foo");
    assert_eq!(item.body["owner_id"], user_id);
    let keys: Vec<&str> = item
        .body
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        ["title", "description", "id", "owner_id", "created_at"]
    );
    let id = item.body["id"].as_str().unwrap().to_owned();
    let empty = create(&token, json!({"title": ""})).await.expect(422);
    assert_eq!(empty.body["detail"][0]["type"], "string_too_short");
    create(&token, json!({"description": "no title"}))
        .await
        .expect(422);
    create(&other_token, json!({"title": "Bar"}))
        .await
        .expect(200);

    // Lists: one's own, or everyone's for a superuser.
    let mine = app.get(&p("/items/"), Some(&token)).await.expect(200);
    assert_eq!(mine.body["count"], 1);
    assert_eq!(mine.body["data"][0]["id"], id.as_str());
    let all = app.get(&p("/items/"), Some(&admin)).await.expect(200);
    assert!(all.body["count"].as_i64().unwrap() >= 2);

    let path = p(&format!("/items/{id}"));
    let nobody = p(&format!("/items/{}", uuid::Uuid::new_v4()));
    app.get(&path, Some(&token)).await.expect(200);
    app.get(&path, Some(&admin)).await.expect(200);
    app.get(&path, Some(&other_token))
        .await
        .detail(403, "Not enough permissions");
    app.get(&nobody, Some(&token))
        .await
        .detail(404, "Item not found");
    let bad = app
        .get(&p("/items/not-a-uuid"), Some(&token))
        .await
        .expect(422);
    assert_eq!(bad.body["detail"][0]["loc"], json!(["path", "id"]));

    // Changing: only the fields sent.
    let put = |path: &str, token: &str, body: Value| {
        app.call(Method::PUT, path, Some(token), Send::Json(body))
    };
    let a = put(&path, &token, json!({"description": "changed"}))
        .await
        .expect(200);
    assert_eq!(a.body["title"], "Foo");
    assert_eq!(a.body["description"], "changed");
    let a = put(&path, &token, json!({"title": "Baz"}))
        .await
        .expect(200);
    assert_eq!(a.body["description"], "changed");
    let a = put(&path, &token, json!({"description": null}))
        .await
        .expect(200);
    assert_eq!(a.body["description"], Value::Null);
    put(&path, &other_token, json!({"title": "x"}))
        .await
        .detail(403, "Not enough permissions");
    put(&nobody, &token, json!({"title": "x"}))
        .await
        .detail(404, "Item not found");

    // Deleting.
    app.call(Method::DELETE, &path, Some(&other_token), Send::None)
        .await
        .detail(403, "Not enough permissions");
    app.call(Method::DELETE, &nobody, Some(&token), Send::None)
        .await
        .detail(404, "Item not found");
    let done = app
        .call(Method::DELETE, &path, Some(&token), Send::None)
        .await
        .expect(200);
    assert_eq!(done.body, json!({"message": "Item deleted successfully"}));
    app.get(&path, Some(&token))
        .await
        .detail(404, "Item not found");

    // A user's items go with them.
    let kept = create(&other_token, json!({"title": "Kept"}))
        .await
        .expect(200);
    let kept_id = kept.body["id"].as_str().unwrap().to_owned();
    app.call(
        Method::DELETE,
        &p("/users/me"),
        Some(&other_token),
        Send::None,
    )
    .await
    .expect(200);
    assert!(
        app.state
            .db
            .item(kept_id.parse().unwrap())
            .await
            .unwrap()
            .is_none()
    );
    app.get(&p("/items/"), None)
        .await
        .detail(401, "Not authenticated");
}

async fn check_utils(app: &TestApp) {
    let health = app.get(&p("/utils/health-check/"), None).await.expect(200);
    assert_eq!(health.body, json!(true));
    let admin = app.admin_token().await;
    let (_, _, token, _) = app.new_user().await;
    // No SMTP server: the send fails in the background, the answer is the template's.
    let sent = app
        .call(
            Method::POST,
            &p("/utils/test-email/?email_to=a@example.com"),
            Some(&admin),
            Send::None,
        )
        .await
        .expect(201);
    assert_eq!(sent.body, json!({"message": "Test email sent"}));
    app.call(
        Method::POST,
        &p("/utils/test-email/?email_to=nope"),
        Some(&admin),
        Send::None,
    )
    .await
    .expect(422);
    app.call(
        Method::POST,
        &p("/utils/test-email/?email_to=a@example.com"),
        Some(&token),
        Send::None,
    )
    .await
    .detail(403, "The user doesn't have enough privileges");
    app.call(
        Method::POST,
        &p("/utils/test-email/?email_to=a@example.com"),
        None,
        Send::None,
    )
    .await
    .detail(401, "Not authenticated");
}

async fn check_private(app: &TestApp) {
    let email = random_email();
    let a = app
        .call(
            Method::POST,
            &p("/private/users/"),
            None,
            Send::Json(
                json!({"email": email, "password": "password123", "full_name": "Pollo Listo"}),
            ),
        )
        .await
        .expect(200);
    let id: uuid::Uuid = a.body["id"].as_str().unwrap().parse().unwrap();
    let row = app.state.db.user(id).await.unwrap().unwrap();
    assert_eq!(row.email, email);
    assert_eq!(row.full_name.as_deref(), Some("Pollo Listo"));
}

/// Hashes made by pwdlib: verified; bcrypt and outdated Argon2 replaced on login, a
/// current Argon2 kept.
async fn check_python_hashes(app: &TestApp) {
    for (hash, rehashed) in [
        (python::ARGON2, false),
        (python::BCRYPT, true),
        (python::ARGON2_OTHER_PARAMS, true),
    ] {
        let email = random_email();
        let user = app
            .state
            .db
            .create_user(NewUser {
                email: email.clone(),
                is_active: true,
                is_superuser: false,
                full_name: None,
                hashed_password: hash.into(),
            })
            .await
            .unwrap();
        app.login(&email, "not the password")
            .await
            .detail(400, "Incorrect email or password");
        assert_eq!(
            app.state
                .db
                .user(user.id)
                .await
                .unwrap()
                .unwrap()
                .hashed_password,
            hash
        );
        app.token(&email, python::PASSWORD).await;
        let stored = app
            .state
            .db
            .user(user.id)
            .await
            .unwrap()
            .unwrap()
            .hashed_password;
        if rehashed {
            assert!(
                stored.starts_with("$argon2id$v=19$m=65536,t=3,p=4$"),
                "{stored}"
            );
            assert_ne!(stored, hash);
        } else {
            assert_eq!(stored, hash);
        }
        app.token(&email, python::PASSWORD).await;
    }
}

async fn check_cors(app: &TestApp) {
    let preflight = |origin: &str| {
        Request::builder()
            .method(Method::OPTIONS)
            .uri(p("/items/"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type",
            )
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let ok = app.send(preflight("http://localhost:5173")).await;
    assert_eq!(
        ok.headers["access-control-allow-origin"],
        "http://localhost:5173"
    );
    assert_eq!(ok.headers["access-control-allow-credentials"], "true");
    let other = app.send(preflight("https://evil.example")).await;
    assert!(other.headers.get("access-control-allow-origin").is_none());
}

async fn all_checks(backend: &Backend) {
    let app = TestApp::new(backend).await;
    check_login(&app).await;
    check_inactive(&app).await;
    check_password_recovery(&app).await;
    check_reset_password(&app).await;
    check_hostile_tokens(&app).await;
    check_users(&app).await;
    check_items(&app).await;
    check_utils(&app).await;
    check_private(&app).await;
    check_python_hashes(&app).await;
    check_cors(&app).await;
    app.assert_no_secret_sent(&[
        python::PASSWORD,
        "password-123",
        "another-password",
        "never-echoed-1",
    ]);
    check_python_reset_tokens(backend).await;
}

macro_rules! on_sqlite {
    ($($name:ident),* $(,)?) => {$(
        #[tokio::test]
        async fn $name() {
            let app = TestApp::new(&Backend::Sqlite).await;
            super::$name(&app).await;
            app.assert_no_secret_sent(&[python::PASSWORD]);
        }
    )*};
}

mod sqlite {
    use super::*;

    on_sqlite!(
        check_login,
        check_inactive,
        check_password_recovery,
        check_reset_password,
        check_hostile_tokens,
        check_users,
        check_items,
        check_utils,
        check_private,
        check_python_hashes,
        check_cors,
    );

    #[tokio::test]
    async fn python_reset_tokens() {
        check_python_reset_tokens(&Backend::Sqlite).await;
    }
}

/// Every check on PostgreSQL, in one test (they share the database).
#[tokio::test]
async fn postgres() {
    let Some(url) = common::postgres_url() else {
        return;
    };
    all_checks(&Backend::Postgres(url)).await;
}

#[tokio::test]
async fn private_routes_only_in_development() {
    let app = TestApp::with(&Backend::Sqlite, &[("FASTAPI_ENV", "production")]).await;
    app.call(
        Method::POST,
        &p("/private/users/"),
        None,
        Send::Json(json!({"email": "a@b.c", "password": "x", "full_name": "y"})),
    )
    .await
    .expect(404);
    let doc = app.get(&p("/openapi.json"), None).await.expect(200);
    assert!(doc.body["paths"].get("/api/v1/private/users/").is_none());
    let _ = unique("x");
    let _: Option<Answer> = None;
}

/// The private route checks what it stores: a user it creates comes back as a
/// `UserPublic`, whose email is documented as one; a taken email is the sign-up's 400, where
/// the template's database refuses it with a 500.
#[tokio::test]
async fn the_private_route_refuses_a_malformed_or_taken_email() {
    let app = TestApp::new(&Backend::Sqlite).await;
    let email = random_email();
    let user = json!({"email": email, "password": "long-enough", "full_name": "F"});
    app.call(
        Method::POST,
        &p("/private/users/"),
        None,
        Send::Json(user.clone()),
    )
    .await
    .expect(200);
    app.call(Method::POST, &p("/private/users/"), None, Send::Json(user))
        .await
        .detail(400, "The user with this email already exists in the system");
    let malformed = json!({"email": "ki", "password": "long-enough", "full_name": "F"});
    let answer = app
        .call(
            Method::POST,
            &p("/private/users/"),
            None,
            Send::Json(malformed),
        )
        .await
        .expect(422);
    assert_eq!(answer.body["detail"][0]["loc"], json!(["body", "email"]));
}

/// The document as the template's generated client reads it.
#[tokio::test]
async fn the_document_names_operations_as_the_template() {
    let app = TestApp::new(&Backend::Sqlite).await;
    let doc = app.get(&p("/openapi.json"), None).await.expect(200).body;
    let expected = [
        (
            "post",
            "/login/access-token",
            "login-login_access_token",
            false,
        ),
        ("post", "/login/test-token", "login-test_token", true),
        (
            "post",
            "/password-recovery/{email}",
            "login-recover_password",
            false,
        ),
        ("post", "/reset-password/", "login-reset_password", false),
        (
            "post",
            "/password-recovery-html-content/{email}",
            "login-recover_password_html_content",
            true,
        ),
        ("get", "/users/", "users-read_users", true),
        ("post", "/users/", "users-create_user", true),
        ("get", "/users/me", "users-read_user_me", true),
        ("patch", "/users/me", "users-update_user_me", true),
        ("delete", "/users/me", "users-delete_user_me", true),
        (
            "patch",
            "/users/me/password",
            "users-update_password_me",
            true,
        ),
        ("post", "/users/signup", "users-register_user", false),
        ("get", "/users/{user_id}", "users-read_user_by_id", true),
        ("patch", "/users/{user_id}", "users-update_user", true),
        ("delete", "/users/{user_id}", "users-delete_user", true),
        ("post", "/utils/test-email/", "utils-test_email", true),
        ("get", "/utils/health-check/", "utils-health_check", false),
        ("get", "/items/", "items-read_items", true),
        ("post", "/items/", "items-create_item", true),
        ("get", "/items/{id}", "items-read_item", true),
        ("put", "/items/{id}", "items-update_item", true),
        ("delete", "/items/{id}", "items-delete_item", true),
        ("post", "/private/users/", "private-create_user", false),
    ];
    let count: usize = doc["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|ops| ops.as_object().unwrap().len())
        .sum();
    assert_eq!(count, expected.len());
    for (method, path, id, secured) in expected {
        let op = &doc["paths"][p(path)][method];
        assert_eq!(op["operationId"], id, "{method} {path}");
        assert_eq!(op["tags"][0], id.split('-').next().unwrap());
        if secured {
            assert_eq!(
                op["security"],
                json!([{"OAuth2PasswordBearer": []}]),
                "{id}"
            );
            assert!(op["responses"]["401"].is_object(), "{id}");
        } else {
            assert!(op.get("security").is_none(), "{id}");
        }
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["OAuth2PasswordBearer"]["flows"]["password"]["tokenUrl"],
        "/api/v1/login/access-token"
    );
    assert!(doc["paths"][p("/utils/test-email/")]["post"]["responses"]["201"].is_object());
    let html =
        &doc["paths"][p("/password-recovery-html-content/{email}")]["post"]["responses"]["200"];
    assert!(html["content"]["text/html"].is_object(), "{html}");
    let user = &doc["components"]["schemas"]["UserPublic"]["properties"];
    assert_eq!(user["id"]["format"], "uuid");
    assert_eq!(user["created_at"]["format"], "date-time");
    assert_eq!(user["email"]["format"], "email");
    assert!(!doc.to_string().contains("hashed_password"));
    // The components the template's generated client names its types after.
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    for name in [
        "Body_login-login_access_token",
        "HTTPValidationError",
        "ItemCreate",
        "ItemPublic",
        "ItemUpdate",
        "ItemsPublic",
        "Message",
        "NewPassword",
        "PrivateUserCreate",
        "Token",
        "UpdatePassword",
        "UserCreate",
        "UserPublic",
        "UserRegister",
        "UserUpdate",
        "UserUpdateMe",
        "UsersPublic",
        "ValidationError",
    ] {
        assert!(
            schemas.contains_key(name),
            "{name} missing from {:?}",
            schemas.keys()
        );
    }
    let form = &doc["paths"][p("/login/access-token")]["post"]["requestBody"]["content"];
    assert_eq!(
        form["application/x-www-form-urlencoded"]["schema"]["$ref"],
        "#/components/schemas/Body_login-login_access_token"
    );
}

/// FastAPI's `redirect_slashes`: the other spelling of a routed path is a 307 to it.
#[tokio::test]
async fn a_missing_or_extra_trailing_slash_is_redirected() {
    let app = TestApp::new(&Backend::Sqlite).await;
    let a = app.get(&p("/items?skip=1"), None).await.expect(307);
    assert_eq!(a.headers["location"], "/api/v1/items/?skip=1");
    let a = app.get(&p("/users/me/"), None).await.expect(307);
    assert_eq!(a.headers["location"], "/api/v1/users/me");
}
