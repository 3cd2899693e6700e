//! Tokens and password hashes as the template makes them (`app/core/security.py`,
//! `app/utils.py`): PyJWT's HS256 tokens and pwdlib's hashes, readable by either side.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{Duration, Utc};
use jsonwebtoken::{DecodingKey, EncodingKey, Header, Validation};
use serde_json::{Map, Value, json};

/// The algorithm of every token (`security.ALGORITHM`).
const ALGORITHM: jsonwebtoken::Algorithm = jsonwebtoken::Algorithm::HS256;

/// pwdlib's `Argon2Hasher()`: argon2-cffi's defaults (Argon2id, m = 64 MiB, t = 3, p = 4,
/// a 32-byte hash, a 16-byte salt).
const MEMORY_KIB: u32 = 65536;
const TIME_COST: u32 = 3;
const LANES: u32 = 4;
const HASH_LEN: usize = 32;

/// A hash could not be made (never a wrong password: that is `verified: false`).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

/// A token could not be signed.
#[derive(Debug, thiserror::Error)]
#[error("token signing failed: {0}")]
pub struct SignError(#[from] jsonwebtoken::errors::Error);

fn argon2() -> Result<Argon2<'static>, HashError> {
    let params = Params::new(MEMORY_KIB, TIME_COST, LANES, Some(HASH_LEN))
        .map_err(|e| HashError(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// `get_password_hash`: an Argon2id PHC string with pwdlib's parameters.
pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut rand_core::OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether an Argon2 hash was made with other parameters than [`hash_password`]'s
/// (argon2-cffi's `check_needs_rehash`).
fn needs_rehash(hash: &PasswordHash<'_>) -> bool {
    let Ok(params) = Params::try_from(hash) else {
        return true;
    };
    hash.algorithm != Algorithm::Argon2id.ident()
        || hash.version != Some(Version::V0x13.into())
        || params.m_cost() != MEMORY_KIB
        || params.t_cost() != TIME_COST
        || params.p_cost() != LANES
        || hash.hash.map(|h| h.len()) != Some(HASH_LEN)
        || hash.salt.map(|s| s.len()) != Some(22)
}

/// `verify_password` (pwdlib's `verify_and_update`): whether `password` matches `hash`,
/// and the hash to store instead when it is not Argon2id with today's parameters (a
/// legacy bcrypt hash is verified, then replaced). An unknown or broken hash matches
/// nothing.
pub fn verify_and_update(password: &str, hash: &str) -> Result<(bool, Option<String>), HashError> {
    if hash.starts_with("$argon2") {
        let Ok(parsed) = PasswordHash::new(hash) else {
            return Ok((false, None));
        };
        if Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_err()
        {
            return Ok((false, None));
        }
        let updated = needs_rehash(&parsed)
            .then(|| hash_password(password))
            .transpose()?;
        return Ok((true, updated));
    }
    if hash.starts_with("$2") {
        if !bcrypt::verify(password, hash).unwrap_or(false) {
            return Ok((false, None));
        }
        return Ok((true, Some(hash_password(password)?)));
    }
    Ok((false, None))
}

/// `create_access_token`: `{"exp": <int>, "sub": <subject>}`, HS256 with `secret`.
pub fn create_access_token(
    subject: &str,
    expires_in: Duration,
    secret: &str,
) -> Result<String, SignError> {
    let exp = (Utc::now() + expires_in).timestamp();
    sign(&json!({"exp": exp, "sub": subject}), secret)
}

/// `generate_password_reset_token`: `{"exp": <float seconds>, "nbf": <int>, "sub": email}`,
/// as PyJWT writes the template's claims (its `exp` is `datetime.timestamp()`, a float).
pub fn create_password_reset_token(
    email: &str,
    expires_in: Duration,
    secret: &str,
) -> Result<String, SignError> {
    let now = Utc::now();
    let expires = now + expires_in;
    let exp = expires.timestamp() as f64 + f64::from(expires.timestamp_subsec_micros()) / 1e6;
    sign(
        &json!({"exp": exp, "nbf": now.timestamp(), "sub": email}),
        secret,
    )
}

fn sign(claims: &Value, secret: &str) -> Result<String, SignError> {
    Ok(jsonwebtoken::encode(
        &Header::new(ALGORITHM),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )?)
}

/// A token that is not valid: not HS256 with our key, malformed, expired or not yet valid.
#[derive(Debug, thiserror::Error)]
#[error("invalid token")]
pub struct InvalidToken;

/// The claims of `token`, checked as PyJWT's `jwt.decode(token, key, algorithms=["HS256"])`
/// checks them: the signature with `secret` and only HS256 (`alg: none` or any other is
/// refused), then `exp` (a number, integer or not, truncated: expired when `<= now`),
/// `nbf` and `iat` (not after now), each only when present.
pub fn decode(token: &str, secret: &str) -> Result<Map<String, Value>, InvalidToken> {
    let mut validation = Validation::new(ALGORITHM);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    let data = jsonwebtoken::decode::<Map<String, Value>>(
        token,
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map_err(|_| InvalidToken)?;
    let claims = data.claims;
    let now = Utc::now().timestamp();
    let time = |name: &str| -> Result<Option<i64>, InvalidToken> {
        match claims.get(name) {
            None => Ok(None),
            Some(Value::Number(n)) => n
                .as_i64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.is_finite())
                        .map(|f| f.trunc() as i64)
                })
                .map(Some)
                .ok_or(InvalidToken),
            Some(_) => Err(InvalidToken),
        }
    };
    if time("exp")?.is_some_and(|exp| exp <= now) {
        return Err(InvalidToken);
    }
    if time("nbf")?.is_some_and(|nbf| nbf > now) {
        return Err(InvalidToken);
    }
    if time("iat")?.is_some_and(|iat| iat > now) {
        return Err(InvalidToken);
    }
    Ok(claims)
}

/// `verify_password_reset_token`: the email a reset token was made for.
pub fn verify_password_reset_token(token: &str, secret: &str) -> Option<String> {
    let claims = decode(token, secret).ok()?;
    match claims.get("sub")? {
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}
