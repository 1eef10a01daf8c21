//! Access tokens (HS256 JWTs, 15 minutes) and opaque refresh tokens (stored hashed).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, Utc};
use frontdesk_domain::AccountId;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// How long an access token is valid.
pub const ACCESS_TTL_SECS: i64 = 15 * 60;
/// How long a refresh token is valid if unused.
pub const REFRESH_TTL_DAYS: i64 = 30;

/// Keys derived from the server's secret, one per purpose.
#[derive(Clone)]
pub struct TokenKeys {
    access: Vec<u8>,
    csrf: Vec<u8>,
}

/// Why an access token was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts of JSON.
    #[error("the access token is malformed")]
    Malformed,
    /// Not HS256, or the signature does not match.
    #[error("the access token's signature is invalid")]
    BadSignature,
    /// Past its expiry.
    #[error("the access token has expired; refresh it")]
    Expired,
}

#[derive(Serialize, Deserialize)]
struct Header {
    alg: String,
    typ: String,
}

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: Uuid,
    iat: i64,
    exp: i64,
    typ: String,
}

impl TokenKeys {
    /// Derives the signing key from the server secret, bound to its purpose.
    pub fn new(secret: &[u8]) -> Self {
        TokenKeys {
            access: derive(secret, b"frontdesk/access-token/v1"),
            csrf: derive(secret, b"frontdesk/csrf-token/v1"),
        }
    }

    /// The CSRF token that goes with a browser's refresh token: only a page that was given
    /// it (or can read the refresh cookie, which scripts cannot) knows it.
    pub fn csrf_token(&self, refresh_token: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.csrf)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(refresh_token.as_bytes());
        B64.encode(mac.finalize().into_bytes())
    }

    /// Whether `presented` is the CSRF token of `refresh_token` (compared in constant time).
    pub fn csrf_matches(&self, refresh_token: &str, presented: &str) -> bool {
        let Ok(presented) = B64.decode(presented) else {
            return false;
        };
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.csrf)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(refresh_token.as_bytes());
        mac.verify_slice(&presented).is_ok()
    }

    /// Issues an access token for the account; returns it and its expiry.
    pub fn issue_access(&self, account: AccountId, now: DateTime<Utc>) -> (String, DateTime<Utc>) {
        let exp = now + chrono::Duration::seconds(ACCESS_TTL_SECS);
        let header = B64.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
        let claims = Claims {
            sub: account.as_uuid(),
            iat: now.timestamp(),
            exp: exp.timestamp(),
            typ: "access".into(),
        };
        // Serializing a struct of a UUID, integers and a string cannot fail.
        let claims = B64.encode(serde_json::to_vec(&claims).unwrap_or_default());
        let signing_input = format!("{header}.{claims}");
        let signature = B64.encode(self.mac(signing_input.as_bytes()).finalize().into_bytes());
        (format!("{signing_input}.{signature}"), exp)
    }

    /// Verifies signature, algorithm, purpose and expiry; returns the account.
    pub fn verify_access(&self, token: &str, now: DateTime<Utc>) -> Result<AccountId, TokenError> {
        let mut parts = token.split('.');
        let (Some(h), Some(c), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenError::Malformed);
        };
        let header: Header = B64
            .decode(h)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or(TokenError::Malformed)?;
        if header.alg != "HS256" {
            return Err(TokenError::BadSignature);
        }
        let signature = B64.decode(s).map_err(|_| TokenError::Malformed)?;
        let signing_input_len = h.len() + 1 + c.len();
        self.mac(&token.as_bytes()[..signing_input_len])
            .verify_slice(&signature)
            .map_err(|_| TokenError::BadSignature)?;
        let claims: Claims = B64
            .decode(c)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .ok_or(TokenError::Malformed)?;
        if claims.typ != "access" {
            return Err(TokenError::BadSignature);
        }
        if claims.exp <= now.timestamp() {
            return Err(TokenError::Expired);
        }
        Ok(AccountId::from_uuid(claims.sub))
    }

    fn mac(&self, data: &[u8]) -> Hmac<Sha256> {
        // HMAC accepts keys of any length.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(&self.access).unwrap_or_else(|_| unreachable!());
        mac.update(data);
        mac
    }
}

fn derive(secret: &[u8], purpose: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
    mac.update(purpose);
    mac.finalize().into_bytes().to_vec()
}

/// A new opaque secret (refresh token, invitation token): 32 random bytes, base64url.
pub fn new_opaque_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(B64.encode(bytes))
}

/// How opaque tokens are stored: SHA-256, hex. They carry 256 bits, so no salt is needed.
pub fn hash_opaque_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_tokens_verify_and_expire() {
        let keys = TokenKeys::new(&[7u8; 32]);
        let account = AccountId::new();
        let now = Utc::now();
        let (token, exp) = keys.issue_access(account, now);
        assert_eq!(exp - now, chrono::Duration::minutes(15));
        assert_eq!(keys.verify_access(&token, now), Ok(account));
        assert_eq!(keys.verify_access(&token, exp), Err(TokenError::Expired));
        assert_eq!(
            TokenKeys::new(&[8u8; 32]).verify_access(&token, now),
            Err(TokenError::BadSignature)
        );
        assert_eq!(keys.verify_access("a.b", now), Err(TokenError::Malformed));
    }

    #[test]
    fn tampering_and_alg_none_are_refused() {
        let keys = TokenKeys::new(&[7u8; 32]);
        let now = Utc::now();
        let (token, _) = keys.issue_access(AccountId::new(), now);
        let parts: Vec<&str> = token.split('.').collect();
        let other = B64.encode(format!(
            r#"{{"sub":"{}","iat":0,"exp":9999999999,"typ":"access"}}"#,
            Uuid::nil()
        ));
        let forged = format!("{}.{}.{}", parts[0], other, parts[2]);
        assert_eq!(
            keys.verify_access(&forged, now),
            Err(TokenError::BadSignature)
        );
        let none = format!(
            "{}.{}.",
            B64.encode(br#"{"alg":"none","typ":"JWT"}"#),
            other
        );
        assert_eq!(
            keys.verify_access(&none, now),
            Err(TokenError::BadSignature)
        );
    }

    #[test]
    fn opaque_tokens_are_random_and_hashed() {
        let a = new_opaque_token().unwrap();
        assert_ne!(a, new_opaque_token().unwrap());
        assert_eq!(a.len(), 43);
        assert_eq!(
            hash_opaque_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
