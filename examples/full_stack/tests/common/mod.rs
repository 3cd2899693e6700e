//! A test server: the port's router on a database, and a client that remembers every body
//! it received (to check that no secret ever left).

#![allow(dead_code, reason = "each test file uses part of the helpers")]
#![allow(unreachable_pub, missing_docs, reason = "a test module")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests"
)]

use std::sync::{Arc, Mutex};

use axum::body::Body;
use full_stack::config::Settings;
use full_stack::deps::AppState;
use http::{HeaderMap, Method, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// The superuser's password in every test app.
pub const ADMIN_PASSWORD: &str = "admin-password-123";
/// The key of every test app's tokens.
pub const SECRET: &str = "test-secret-key-that-is-long-enough-for-hs256";

/// Which database a test runs on.
#[derive(Clone, Debug)]
pub enum Backend {
    /// A fresh SQLite database in memory.
    Sqlite,
    /// The PostgreSQL database at this URL (shared between runs: every test uses fresh
    /// emails).
    Postgres(String),
}

/// The PostgreSQL URL of the tests: `TEST_POSTGRES_URL`, else a `postgres://` `DATABASE_URL`.
/// Without one, the PostgreSQL tests print why they are skipped; with `CI` set they fail.
pub fn postgres_url() -> Option<String> {
    let url = std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .or_else(|| {
            std::env::var("DATABASE_URL")
                .ok()
                .filter(|u| u.starts_with("postgres"))
        });
    if url.is_none() {
        let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false");
        assert!(
            !ci,
            "CI is set but no PostgreSQL database was given: set TEST_POSTGRES_URL=postgresql://user:password@host:port/db"
        );
        eprintln!(
            "SKIPPED: the PostgreSQL tests of full-stack need a database; run them with \
             TEST_POSTGRES_URL=postgresql://user:password@localhost:5432/db cargo test -p full-stack"
        );
    }
    url
}

pub fn unique(prefix: &str) -> String {
    format!("{prefix}-{}", uuid::Uuid::new_v4().simple())
}

pub fn random_email() -> String {
    format!("{}@example.com", unique("user"))
}

/// A request's body.
pub enum Send {
    None,
    Json(Value),
    Form(&'static [(&'static str, &'static str)]),
    FormOwned(Vec<(String, String)>),
}

/// A response: status, headers, body as JSON (or a string holding the text).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub text: String,
}

impl Answer {
    #[track_caller]
    pub fn expect(self, status: u16) -> Self {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.text);
        self
    }

    #[track_caller]
    pub fn detail(self, status: u16, detail: &str) -> Self {
        let s = self.expect(status);
        assert_eq!(s.body, json!({"detail": detail}));
        s
    }
}

pub struct TestApp {
    pub router: axum::Router,
    pub state: AppState,
    pub admin_email: String,
    bodies: Arc<Mutex<Vec<String>>>,
}

impl TestApp {
    /// A test app on `backend`, in development (the private route mounted) unless
    /// `production`.
    pub async fn new(backend: &Backend) -> Self {
        Self::with(backend, &[]).await
    }

    pub async fn with(backend: &Backend, extra: &[(&str, &str)]) -> Self {
        let admin_email = random_email();
        let db = match backend {
            Backend::Sqlite => "sqlite::memory:".to_owned(),
            Backend::Postgres(url) => url.clone(),
        };
        let mut vars: Vec<(String, String)> = vec![
            ("SECRET_KEY".into(), SECRET.into()),
            ("FIRST_SUPERUSER".into(), admin_email.clone()),
            ("FIRST_SUPERUSER_PASSWORD".into(), ADMIN_PASSWORD.into()),
            ("FASTAPI_ENV".into(), "development".into()),
            ("DATABASE_URL".into(), db),
            ("PROJECT_NAME".into(), "Full Stack Test".into()),
        ];
        for (k, v) in extra {
            vars.retain(|(name, _)| name != k);
            vars.push(((*k).into(), (*v).into()));
        }
        let settings = Settings::from_vars(vars).unwrap();
        let state = full_stack::state(settings).await.unwrap();
        Self {
            router: full_stack::app(state.clone()),
            state,
            admin_email,
            bodies: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// Builds the request now, so the future borrows only `self`.
    pub fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Send,
    ) -> impl Future<Output = Answer> + use<'_> {
        let mut req = Request::builder().method(method).uri(path);
        if let Some(token) = token {
            req = req.header("authorization", format!("Bearer {token}"));
        }
        let req = match body {
            Send::None => req.body(Body::empty()),
            Send::Json(v) => req
                .header("content-type", "application/json")
                .body(Body::from(v.to_string())),
            Send::Form(pairs) => req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form(pairs.iter().map(|(k, v)| (*k, *v))))),
            Send::FormOwned(pairs) => req
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(form(
                    pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
                ))),
        }
        .unwrap();
        self.send(req)
    }

    pub async fn send(&self, req: Request<Body>) -> Answer {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        self.bodies.lock().unwrap().push(text.clone());
        let body = serde_json::from_slice(&bytes).unwrap_or_else(|_| Value::String(text.clone()));
        Answer {
            status,
            headers,
            body,
            text,
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Answer {
        self.call(Method::GET, path, token, Send::None).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.call(
            Method::POST,
            "/api/v1/login/access-token",
            None,
            Send::FormOwned(vec![
                ("username".into(), email.into()),
                ("password".into(), password.into()),
            ]),
        )
        .await
    }

    pub async fn token(&self, email: &str, password: &str) -> String {
        let a = self.login(email, password).await.expect(200);
        a.body["access_token"].as_str().unwrap().to_owned()
    }

    pub async fn admin_token(&self) -> String {
        self.token(&self.admin_email.clone(), ADMIN_PASSWORD).await
    }

    /// A new user signed up through the API: (email, password, token, id).
    pub async fn new_user(&self) -> (String, String, String, String) {
        let email = random_email();
        let password = unique("pw");
        let a = self
            .call(
                Method::POST,
                "/api/v1/users/signup",
                None,
                Send::Json(json!({"email": email, "password": password})),
            )
            .await
            .expect(200);
        let id = a.body["id"].as_str().unwrap().to_owned();
        let token = self.token(&email, &password).await;
        (email, password, token, id)
    }

    /// The app's router, remembering every body it answers with (as [`Self::send`] does),
    /// for a caller that sends the requests itself (the conformance check).
    pub fn recording_router(&self) -> axum::Router {
        let bodies = self.bodies.clone();
        self.router.clone().layer(axum::middleware::from_fn(
            move |req, next: axum::middleware::Next| {
                let bodies = bodies.clone();
                async move {
                    let res = next.run(req).await;
                    let (parts, body) = res.into_parts();
                    let bytes = body.collect().await.unwrap().to_bytes();
                    bodies
                        .lock()
                        .unwrap()
                        .push(String::from_utf8_lossy(&bytes).into_owned());
                    axum::response::Response::from_parts(parts, Body::from(bytes))
                }
            },
        ))
    }

    /// Every body sent so far, to check that none holds a secret.
    pub fn assert_no_secret_sent(&self, secrets: &[&str]) {
        let bodies = self.bodies.lock().unwrap();
        assert!(!bodies.is_empty());
        for body in bodies.iter() {
            for needle in ["hashed_password", "$argon2", "$2b$", "$2a$", ADMIN_PASSWORD]
                .iter()
                .chain(secrets)
            {
                assert!(!body.contains(needle), "{needle:?} was sent: {body}");
            }
        }
    }
}

fn form<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    pairs
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
