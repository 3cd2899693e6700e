//! Settings read from the environment, as the template's `app/core/config.py` reads them
//! (pydantic-settings: the variable's name is the field's, an empty variable is unset).

use std::collections::HashMap;
use std::fmt;

/// What a setting's value can be wrong with; the server does not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A variable's value does not parse as its type.
    #[error("{name}: {reason}")]
    Invalid {
        /// The variable.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A secret left at the template's placeholder outside development.
    #[error(
        "The value of {0} is \"changethis\", for security, please change it, at least for deployments."
    )]
    DefaultSecret(&'static str),
}

/// Where the rows live: the template's PostgreSQL, or SQLite when `DATABASE_URL` is not a
/// PostgreSQL URL.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// `postgres://`, `postgresql://` (or the template's `postgresql+psycopg://`).
    Postgres(String),
    /// `sqlite:` URLs; `sqlite::memory:` when `DATABASE_URL` is unset.
    Sqlite(String),
}

/// The URL holds a password: only its kind is printed.
impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Postgres(_) => f.write_str("Postgres(..)"),
            DatabaseUrl::Sqlite(url) => write!(f, "Sqlite({url:?})"),
        }
    }
}

impl DatabaseUrl {
    /// Reads a `DATABASE_URL` value.
    ///
    /// ```
    /// use full_stack::config::DatabaseUrl;
    /// assert_eq!(
    ///     DatabaseUrl::parse("postgresql+psycopg://app:pw@db/app"),
    ///     DatabaseUrl::Postgres("postgresql://app:pw@db/app".into()),
    /// );
    /// assert_eq!(DatabaseUrl::parse("app.db"), DatabaseUrl::Sqlite("sqlite://app.db?mode=rwc".into()));
    /// ```
    pub fn parse(url: &str) -> Self {
        for scheme in ["postgres://", "postgresql://"] {
            if url.starts_with(scheme) {
                return DatabaseUrl::Postgres(url.to_owned());
            }
        }
        // SQLAlchemy's driver suffix, as the template writes it.
        if let Some((_, tail)) = url
            .strip_prefix("postgresql+")
            .and_then(|rest| rest.split_once("://"))
        {
            return DatabaseUrl::Postgres(format!("postgresql://{tail}"));
        }
        if url.starts_with("sqlite:") {
            return DatabaseUrl::Sqlite(url.to_owned());
        }
        DatabaseUrl::Sqlite(format!("sqlite://{url}?mode=rwc"))
    }
}

/// The settings of the template's `Settings` class, one field per variable.
#[derive(Clone)]
#[allow(
    non_snake_case,
    reason = "the environment variables' names, as the template has them"
)]
pub struct Settings {
    /// `API_V1_STR`, the API's prefix (`/api/v1`).
    pub API_V1_STR: String,
    /// `SECRET_KEY`, the HS256 key of every token. Unset: a random key for this process
    /// (tokens do not outlive it), with a warning.
    pub SECRET_KEY: String,
    /// `ACCESS_TOKEN_EXPIRE_MINUTES` (8 days).
    pub ACCESS_TOKEN_EXPIRE_MINUTES: i64,
    /// `FRONTEND_HOST`, allowed by CORS and the base of the links in emails.
    pub FRONTEND_HOST: String,
    /// `BACKEND_CORS_ORIGINS`: more origins for CORS (comma-separated, or a JSON list).
    pub BACKEND_CORS_ORIGINS: Vec<String>,
    /// `FASTAPI_ENV=development` (or the older template's `ENVIRONMENT=local`): the
    /// private routes are mounted and the placeholder secrets only warn.
    pub development: bool,
    /// `PROJECT_NAME`, the document's title and the emails' subject prefix.
    pub PROJECT_NAME: String,
    /// `DATABASE_URL`.
    pub DATABASE_URL: DatabaseUrl,
    /// `SMTP_TLS` (STARTTLS), on by default.
    pub SMTP_TLS: bool,
    /// `SMTP_SSL` (TLS from the first byte), used when `SMTP_TLS` is off.
    pub SMTP_SSL: bool,
    /// `SMTP_PORT` (587).
    pub SMTP_PORT: u16,
    /// `SMTP_HOST`; no email is sent without it.
    pub SMTP_HOST: Option<String>,
    /// `SMTP_USER`.
    pub SMTP_USER: Option<String>,
    /// `SMTP_PASSWORD`.
    pub SMTP_PASSWORD: Option<String>,
    /// `EMAILS_FROM_EMAIL`; no email is sent without it.
    pub EMAILS_FROM_EMAIL: Option<String>,
    /// `EMAILS_FROM_NAME` (`PROJECT_NAME` when unset).
    pub EMAILS_FROM_NAME: String,
    /// `EMAIL_RESET_TOKEN_EXPIRE_HOURS` (48).
    pub EMAIL_RESET_TOKEN_EXPIRE_HOURS: i64,
    /// `EMAIL_TEST_USER`.
    pub EMAIL_TEST_USER: String,
    /// `FIRST_SUPERUSER`, created on start (`admin@example.com` when unset).
    pub FIRST_SUPERUSER: String,
    /// `FIRST_SUPERUSER_PASSWORD`; unset: no first superuser is created (a warning says so).
    pub FIRST_SUPERUSER_PASSWORD: Option<String>,
}

/// Secrets are never printed.
impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("API_V1_STR", &self.API_V1_STR)
            .field("FRONTEND_HOST", &self.FRONTEND_HOST)
            .field("BACKEND_CORS_ORIGINS", &self.BACKEND_CORS_ORIGINS)
            .field("development", &self.development)
            .field("PROJECT_NAME", &self.PROJECT_NAME)
            .field("DATABASE_URL", &self.DATABASE_URL)
            .field("SMTP_HOST", &self.SMTP_HOST)
            .field("SMTP_PORT", &self.SMTP_PORT)
            .field("EMAILS_FROM_EMAIL", &self.EMAILS_FROM_EMAIL)
            .field("FIRST_SUPERUSER", &self.FIRST_SUPERUSER)
            .finish_non_exhaustive()
    }
}

/// The variables, empty ones dropped (pydantic-settings' `env_ignore_empty=True`).
struct Env(HashMap<String, String>);

impl Env {
    fn get(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    fn or(&self, name: &str, default: &str) -> String {
        self.get(name).unwrap_or_else(|| default.to_owned())
    }

    fn parse<T: std::str::FromStr>(&self, name: &'static str, default: T) -> Result<T, ConfigError>
    where
        T::Err: fmt::Display,
    {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|e: T::Err| ConfigError::Invalid {
                name,
                reason: e.to_string(),
            }),
        }
    }

    /// A bool as Pydantic reads one.
    fn flag(&self, name: &'static str, default: bool) -> Result<bool, ConfigError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "t" | "yes" | "y" | "on" => Ok(true),
            "0" | "false" | "f" | "no" | "n" | "off" => Ok(false),
            _ => Err(ConfigError::Invalid {
                name,
                reason: format!("{v:?} is not a boolean"),
            }),
        }
    }
}

/// `a,b` or `["a","b"]`, each without a trailing slash (the template's `parse_cors`).
fn origins(value: &str) -> Result<Vec<String>, ConfigError> {
    let value = value.trim();
    let list: Vec<String> = if value.starts_with('[') {
        serde_json::from_str(value).map_err(|e| ConfigError::Invalid {
            name: "BACKEND_CORS_ORIGINS",
            reason: e.to_string(),
        })?
    } else {
        value.split(',').map(|s| s.trim().to_owned()).collect()
    };
    Ok(list
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(|s| s.trim_end_matches('/').to_owned())
        .collect())
}

fn random_key() -> String {
    use rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl Settings {
    /// The settings from this process's environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_vars(std::env::vars())
    }

    /// The settings from `vars` (the environment, or a test's list).
    ///
    /// ```
    /// use full_stack::config::Settings;
    /// let s = Settings::from_vars([("FASTAPI_ENV", "development"), ("SECRET_KEY", "changethis")]).unwrap();
    /// assert!(s.development);
    /// assert_eq!(s.ACCESS_TOKEN_EXPIRE_MINUTES, 60 * 24 * 8);
    /// assert!(Settings::from_vars([("SECRET_KEY", "changethis")]).is_err());
    /// ```
    pub fn from_vars<K: Into<String>, V: Into<String>>(
        vars: impl IntoIterator<Item = (K, V)>,
    ) -> Result<Self, ConfigError> {
        let env = Env(vars
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .filter(|(_, v)| !v.is_empty())
            .collect());
        let development = env.get("FASTAPI_ENV").as_deref() == Some("development")
            || env.get("ENVIRONMENT").as_deref() == Some("local");
        let secret_key = match env.get("SECRET_KEY") {
            Some(key) => key,
            None => {
                tracing::warn!(
                    "SECRET_KEY is not set: a random key is used, tokens are valid until this process ends"
                );
                random_key()
            }
        };
        let project_name = env.or("PROJECT_NAME", "Full Stack FastAPI Project");
        let settings = Settings {
            API_V1_STR: env.or("API_V1_STR", "/api/v1"),
            SECRET_KEY: secret_key,
            ACCESS_TOKEN_EXPIRE_MINUTES: env.parse("ACCESS_TOKEN_EXPIRE_MINUTES", 60 * 24 * 8)?,
            FRONTEND_HOST: env.or("FRONTEND_HOST", "http://localhost:5173"),
            BACKEND_CORS_ORIGINS: env
                .get("BACKEND_CORS_ORIGINS")
                .map_or(Ok(Vec::new()), |v| origins(&v))?,
            development,
            DATABASE_URL: env
                .get("DATABASE_URL")
                .map_or(DatabaseUrl::Sqlite("sqlite::memory:".into()), |u| {
                    DatabaseUrl::parse(&u)
                }),
            SMTP_TLS: env.flag("SMTP_TLS", true)?,
            SMTP_SSL: env.flag("SMTP_SSL", false)?,
            SMTP_PORT: env.parse("SMTP_PORT", 587)?,
            SMTP_HOST: env.get("SMTP_HOST"),
            SMTP_USER: env.get("SMTP_USER"),
            SMTP_PASSWORD: env.get("SMTP_PASSWORD"),
            EMAILS_FROM_EMAIL: env.get("EMAILS_FROM_EMAIL"),
            EMAILS_FROM_NAME: env.or("EMAILS_FROM_NAME", &project_name),
            PROJECT_NAME: project_name,
            EMAIL_RESET_TOKEN_EXPIRE_HOURS: env.parse("EMAIL_RESET_TOKEN_EXPIRE_HOURS", 48)?,
            EMAIL_TEST_USER: env.or("EMAIL_TEST_USER", "test@example.com"),
            FIRST_SUPERUSER: env.or("FIRST_SUPERUSER", "admin@example.com"),
            FIRST_SUPERUSER_PASSWORD: env.get("FIRST_SUPERUSER_PASSWORD"),
        };
        settings.check_default_secret("SECRET_KEY", Some(&settings.SECRET_KEY))?;
        if let DatabaseUrl::Postgres(url) = &settings.DATABASE_URL {
            settings.check_default_secret("DATABASE_URL password", url_password(url))?;
        }
        settings.check_default_secret(
            "FIRST_SUPERUSER_PASSWORD",
            settings.FIRST_SUPERUSER_PASSWORD.as_deref(),
        )?;
        Ok(settings)
    }

    /// The template's `_check_default_secret`: `changethis` warns in development and is
    /// refused elsewhere.
    fn check_default_secret(
        &self,
        name: &'static str,
        value: Option<&str>,
    ) -> Result<(), ConfigError> {
        if value != Some("changethis") {
            return Ok(());
        }
        if self.development {
            tracing::warn!(
                "The value of {name} is \"changethis\", for security, please change it, at least for deployments."
            );
            Ok(())
        } else {
            Err(ConfigError::DefaultSecret(name))
        }
    }

    /// Whether emails can be sent (`SMTP_HOST` and `EMAILS_FROM_EMAIL` set).
    pub fn emails_enabled(&self) -> bool {
        self.SMTP_HOST.is_some() && self.EMAILS_FROM_EMAIL.is_some()
    }

    /// The origins CORS allows: `BACKEND_CORS_ORIGINS` and `FRONTEND_HOST`.
    pub fn all_cors_origins(&self) -> Vec<String> {
        let mut all = self.BACKEND_CORS_ORIGINS.clone();
        all.push(self.FRONTEND_HOST.trim_end_matches('/').to_owned());
        all
    }
}

/// The password of a `scheme://user:password@host/..` URL.
fn url_password(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let userinfo = rest.split_once('@')?.0;
    Some(userinfo.split_once(':')?.1)
}
