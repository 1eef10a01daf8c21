//! Accounts: people who log in, and the values that identify and protect them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::ids::AccountId;
use crate::role::HqRole;
use crate::validation::{Invalid, bounded_text};

/// A normalized e-mail address (trimmed, lower-case).
// No `format: email`: validators of that format (RFC 5321 and stricter) refuse addresses
// `Email::parse` accepts, and an answer must match its schema; inputs carry EMAIL_PATTERN.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = String)]
pub struct Email(String);

/// What [`Email::parse`] accepts (with `maxLength` 254): one `@`, up to 64 characters
/// without white space or control characters before it, a dotted domain of letters, digits and `-` after it.
pub const EMAIL_PATTERN: &str = r"^[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*[^@\x00-\x20\x7F-\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]{1,64}@(?:[^\W_]|-)+(?:\.(?:[^\W_]|-)+)+[\t\n\x0B\x0C\r \x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]*$";

impl Email {
    /// Parses and normalizes an address; deliberately simple (one `@`, a dotted domain).
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        let v = value.trim().to_lowercase();
        let bad = |msg: &str| Invalid::field(field, msg.to_string());
        if v.is_empty() {
            return Err(bad("must not be empty"));
        }
        // Characters as sent, as EMAIL_PATTERN's maxLength counts them.
        if value.chars().count() > 254 {
            return Err(bad("must be at most 254 characters"));
        }
        let Some((local, domain)) = v.split_once('@') else {
            return Err(bad("must be an e-mail address like name@example.com"));
        };
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.is_empty()
            || local.chars().count() > 64
            || local.contains(|c: char| c.is_whitespace() || c.is_control())
            || !domain_ok
        {
            return Err(bad("must be an e-mail address like name@example.com"));
        }
        Ok(Email(v))
    }

    /// Wraps an address read back from storage (already normalized).
    pub fn from_stored(value: String) -> Self {
        Email(value)
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(transparent)]
#[schema(value_type = String)]
pub struct PersonName(String);

impl PersonName {
    /// Trims and bounds a name (1–120 characters).
    pub fn parse(field: &str, value: &str) -> Result<Self, Invalid> {
        bounded_text(field, value, 1, 120).map(PersonName)
    }

    /// Wraps a stored name.
    pub fn from_stored(value: String) -> Self {
        PersonName(value)
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that meets the policy. Never serialized, never logged.
#[derive(Clone)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

/// Passwords so common that length alone does not make them safe.
const COMMON_PASSWORDS: &[&str] = &[
    "password",
    "password1",
    "password123",
    "123456789012",
    "qwertyuiop",
    "iloveyou123",
    "administrator",
    "letmein12345",
    "welcome12345",
    "changeme1234",
    "passw0rd1234",
    "123456123456",
    "111111111111",
    "abc123abc123",
    "senha1234567",
    "contraseña123",
    "sifre1234567",
    "qwerty123456",
];

impl Password {
    /// Minimum length in characters (NIST SP 800-63B asks for at least 8; we ask for more).
    pub const MIN_CHARS: usize = 10;
    /// Maximum length, to bound hashing cost.
    pub const MAX_CHARS: usize = 256;

    /// Checks a new password against the policy: length, not all one character,
    /// not a well-known password, and not the account's own e-mail.
    pub fn new(field: &str, value: &str, email: Option<&Email>) -> Result<Self, Invalid> {
        let chars = value.chars().count();
        let bad = |msg: String| Invalid::field(field, msg);
        if chars < Self::MIN_CHARS {
            return Err(bad(format!(
                "must be at least {} characters (got {chars})",
                Self::MIN_CHARS
            )));
        }
        if chars > Self::MAX_CHARS {
            return Err(bad(format!(
                "must be at most {} characters",
                Self::MAX_CHARS
            )));
        }
        let mut distinct: Vec<char> = value.chars().collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() < 4 {
            return Err(bad("must use at least 4 different characters".into()));
        }
        let lower = value.to_lowercase();
        if COMMON_PASSWORDS.contains(&lower.as_str()) {
            return Err(bad("is a well-known password; choose another".into()));
        }
        if let Some(email) = email
            && (lower == email.as_str()
                || email
                    .as_str()
                    .split('@')
                    .next()
                    .is_some_and(|local| local.len() >= 4 && lower.contains(local)))
        {
            return Err(bad("must not contain your e-mail address".into()));
        }
        Ok(Password(value.to_string()))
    }

    /// The plain text, for hashing only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// A login account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// Login e-mail.
    pub email: Email,
    /// Display name.
    pub name: PersonName,
    /// HQ role, for operators; `None` for clinic people.
    pub hq_role: Option<HqRole>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(
            Email::parse("e", "  Ana@Clinic.COM ").unwrap().as_str(),
            "ana@clinic.com"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@x.com",
            "ana@localhost",
            "a b@x.com",
            "a@x..com",
            "a@.x.com",
        ] {
            assert!(Email::parse("e", bad).is_err(), "{bad:?} accepted");
        }
        assert!(Email::parse("e", "ayşe@klinik.com.tr").is_ok());
    }

    #[test]
    fn password_policy() {
        let email = Email::parse("e", "mehmet@x.com").unwrap();
        assert!(Password::new("p", "short", None).is_err());
        assert!(Password::new("p", "aaaaaaaaaaaaaa", None).is_err());
        assert!(Password::new("p", "Password123", None).is_err());
        assert!(Password::new("p", "mehmet-rocks-2026", Some(&email)).is_err());
        assert!(Password::new("p", "correct horse battery", Some(&email)).is_ok());
        assert!(Password::new("p", &"ab1!".repeat(70), None).is_err());
        assert_eq!(
            format!("{:?}", Password::new("p", "s3cret-enough!", None).unwrap()),
            "Password(***)"
        );
    }
}
