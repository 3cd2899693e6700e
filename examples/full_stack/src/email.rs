//! Emails (`app/utils.py`): rendered from the HTML templates in `templates/` (minijinja,
//! auto-escaped), sent over SMTP with lettre to `SMTP_HOST:SMTP_PORT`. A send that fails
//! is logged, never an error for the request that caused it.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::{Mailbox, header::ContentType};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use minijinja::{Environment, context};

use crate::config::Settings;

/// An email to send: its subject and HTML body.
#[derive(Debug, Clone)]
pub struct EmailData {
    /// The subject line.
    pub subject: String,
    /// The HTML body.
    pub html_content: String,
}

/// The email templates and the settings to send with.
#[derive(Clone)]
pub struct Mailer {
    settings: Arc<Settings>,
    templates: Arc<Environment<'static>>,
}

impl Mailer {
    /// The mailer of `settings`, with the templates built into the binary.
    pub fn new(settings: Arc<Settings>) -> Self {
        let mut env = Environment::new();
        for (name, source) in [
            (
                "test_email.html",
                include_str!("../templates/test_email.html"),
            ),
            (
                "reset_password.html",
                include_str!("../templates/reset_password.html"),
            ),
            (
                "new_account.html",
                include_str!("../templates/new_account.html"),
            ),
        ] {
            if let Err(e) = env.add_template(name, source) {
                tracing::error!("email template {name}: {e}");
            }
        }
        Self {
            settings,
            templates: Arc::new(env),
        }
    }

    fn render(&self, name: &str, ctx: minijinja::Value) -> String {
        self.templates
            .get_template(name)
            .and_then(|t| t.render(ctx))
            .unwrap_or_else(|e| {
                tracing::error!("email template {name}: {e}");
                String::new()
            })
    }

    /// `generate_test_email`.
    pub fn test_email(&self, email_to: &str) -> EmailData {
        let project_name = &self.settings.PROJECT_NAME;
        EmailData {
            subject: format!("{project_name} - Test email"),
            html_content: self.render(
                "test_email.html",
                context! { project_name, email => email_to },
            ),
        }
    }

    /// `generate_reset_password_email`: a link to the frontend's reset page with `token`.
    pub fn reset_password_email(&self, email_to: &str, email: &str, token: &str) -> EmailData {
        let project_name = &self.settings.PROJECT_NAME;
        let link = format!(
            "{}/reset-password?token={token}",
            self.settings.FRONTEND_HOST
        );
        EmailData {
            subject: format!("{project_name} - Password recovery for user {email}"),
            html_content: self.render(
                "reset_password.html",
                context! {
                    project_name,
                    username => email,
                    email => email_to,
                    valid_hours => self.settings.EMAIL_RESET_TOKEN_EXPIRE_HOURS,
                    link,
                },
            ),
        }
    }

    /// `generate_new_account_email`. Unlike the template's, the email does not carry the
    /// password: it says which account, and links to the frontend.
    pub fn new_account_email(&self, email_to: &str, username: &str) -> EmailData {
        let project_name = &self.settings.PROJECT_NAME;
        EmailData {
            subject: format!("{project_name} - New account for user {username}"),
            html_content: self.render(
                "new_account.html",
                context! {
                    project_name,
                    username,
                    email => email_to,
                    link => self.settings.FRONTEND_HOST,
                },
            ),
        }
    }

    /// `send_email`, in the background: the request does not wait for the SMTP server,
    /// and a failure (no mail settings, a refused connection, a bad address) is logged.
    pub fn send(&self, email_to: &str, email: EmailData) {
        let settings = Arc::clone(&self.settings);
        let email_to = email_to.to_owned();
        tokio::spawn(async move {
            match send(&settings, &email_to, email).await {
                Ok(()) => tracing::info!("email sent to {email_to}"),
                Err(e) => tracing::warn!("email to {email_to} not sent: {e}"),
            }
        });
    }
}

async fn send(settings: &Settings, email_to: &str, email: EmailData) -> Result<(), String> {
    let (Some(host), Some(from)) = (&settings.SMTP_HOST, &settings.EMAILS_FROM_EMAIL) else {
        return Err(
            "no provided configuration for email variables (SMTP_HOST, EMAILS_FROM_EMAIL)".into(),
        );
    };
    let from = Mailbox::new(
        Some(settings.EMAILS_FROM_NAME.clone()),
        from.parse()
            .map_err(|e| format!("EMAILS_FROM_EMAIL: {e}"))?,
    );
    let message = Message::builder()
        .from(from)
        .to(email_to.parse().map_err(|e| format!("recipient: {e}"))?)
        .subject(email.subject)
        .header(ContentType::TEXT_HTML)
        .body(email.html_content)
        .map_err(|e| e.to_string())?;
    let builder = if settings.SMTP_TLS {
        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(|e| e.to_string())?
    } else if settings.SMTP_SSL {
        AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(|e| e.to_string())?
    } else {
        AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
    };
    let mut builder = builder
        .port(settings.SMTP_PORT)
        .timeout(Some(Duration::from_secs(10)));
    if let (Some(user), Some(password)) = (&settings.SMTP_USER, &settings.SMTP_PASSWORD) {
        builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
    }
    builder
        .build()
        .send(message)
        .await
        .map(drop)
        .map_err(|e| e.to_string())
}
