//! Channel credentials sealed at rest: XChaCha20-Poly1305, a random 24-byte nonce, the clinic
//! id as associated data (a sealed value copied to another clinic's row does not open), and a
//! key id in front so keys can rotate: `fd1:<key id>:<base64(nonce ‖ ciphertext)>`.

use base64::Engine;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use frontdesk_domain::ClinicId;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Why a sealed value could not be opened or made.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    /// The value names a key this server does not have.
    #[error(
        "credentials were sealed with key {0:?}, which is not configured (FRONTDESK_CREDENTIAL_KEYS)"
    )]
    UnknownKey(String),
    /// The value is not ours, or was changed, or belongs to another clinic.
    #[error("sealed credentials do not open: altered, or not this clinic's")]
    Corrupt,
    /// No randomness for a nonce.
    #[error("no randomness available for a nonce")]
    Random,
}

/// The keys that seal and open credentials.
#[derive(Clone)]
pub struct CredentialKeys {
    /// The first seals; all open.
    keys: Vec<(String, XChaCha20Poly1305)>,
}

impl std::fmt::Debug for CredentialKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.keys.iter().map(|(id, _)| id.as_str()).collect();
        write!(f, "CredentialKeys({ids:?})")
    }
}

impl CredentialKeys {
    /// Keys from configuration, or (when none are configured) one derived from the server's
    /// secret key under the id `s0`.
    pub fn new(configured: &[(String, Vec<u8>)], secret_key: &[u8]) -> Self {
        let keys = if configured.is_empty() {
            let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret_key)
                .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
            mac.update(b"frontdesk channel credentials v1");
            let derived = mac.finalize().into_bytes();
            vec![("s0".to_string(), XChaCha20Poly1305::new(&derived))]
        } else {
            configured
                .iter()
                .filter_map(|(id, key)| {
                    XChaCha20Poly1305::new_from_slice(key)
                        .ok()
                        .map(|k| (id.clone(), k))
                })
                .collect()
        };
        CredentialKeys { keys }
    }

    /// Seals `plain` for `clinic` with the first key.
    pub fn seal(&self, clinic: ClinicId, plain: &[u8]) -> Result<String, SealError> {
        let (id, cipher) = self.keys.first().ok_or(SealError::Random)?;
        let mut nonce = [0u8; 24];
        getrandom::fill(&mut nonce).map_err(|_| SealError::Random)?;
        let aad = clinic.as_uuid();
        let sealed = cipher
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plain,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| SealError::Corrupt)?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Ok(format!(
            "fd1:{id}:{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode(out)
        ))
    }

    /// Opens a value sealed for `clinic` with any configured key.
    pub fn open(&self, clinic: ClinicId, sealed: &str) -> Result<Vec<u8>, SealError> {
        let mut parts = sealed.splitn(3, ':');
        let (Some("fd1"), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(SealError::Corrupt);
        };
        let (_, cipher) = self
            .keys
            .iter()
            .find(|(k, _)| k == id)
            .ok_or_else(|| SealError::UnknownKey(id.to_string()))?;
        let bytes = base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(body)
            .map_err(|_| SealError::Corrupt)?;
        if bytes.len() < 24 + 16 {
            return Err(SealError::Corrupt);
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        cipher
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ciphertext,
                    aad: clinic.as_uuid().as_bytes(),
                },
            )
            .map_err(|_| SealError::Corrupt)
    }

    /// The id of the key that seals now.
    pub fn active_id(&self) -> &str {
        self.keys.first().map_or("", |(id, _)| id.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_credentials_open_only_for_their_clinic_and_keys_rotate() {
        let clinic = ClinicId::new();
        let old = CredentialKeys::new(&[("k1".into(), vec![1; 32])], b"");
        let sealed = old.seal(clinic, b"{\"auth_token\":\"abc\"}").unwrap();
        assert!(sealed.starts_with("fd1:k1:"));
        assert!(!sealed.contains("abc"));
        assert_eq!(
            old.open(clinic, &sealed).unwrap(),
            b"{\"auth_token\":\"abc\"}"
        );
        // Another clinic's row, a flipped byte, an unknown key: refused.
        assert!(matches!(
            old.open(ClinicId::new(), &sealed),
            Err(SealError::Corrupt)
        ));
        let mut flipped = sealed.clone().into_bytes();
        let last = flipped.len() - 2;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        assert!(
            old.open(clinic, &String::from_utf8(flipped).unwrap())
                .is_err()
        );
        // Rotation: a new first key seals, the old one still opens.
        let rotated = CredentialKeys::new(
            &[("k2".into(), vec![2; 32]), ("k1".into(), vec![1; 32])],
            b"",
        );
        assert_eq!(
            rotated.open(clinic, &sealed).unwrap(),
            b"{\"auth_token\":\"abc\"}"
        );
        assert!(rotated.seal(clinic, b"x").unwrap().starts_with("fd1:k2:"));
        let only_new = CredentialKeys::new(&[("k2".into(), vec![2; 32])], b"");
        assert!(matches!(
            only_new.open(clinic, &sealed),
            Err(SealError::UnknownKey(k)) if k == "k1"
        ));
        // Two seals of the same value differ (random nonce).
        assert_ne!(
            old.seal(clinic, b"x").unwrap(),
            old.seal(clinic, b"x").unwrap()
        );
        let derived = CredentialKeys::new(&[], &[7; 32]);
        assert_eq!(derived.active_id(), "s0");
        let s = derived.seal(clinic, b"y").unwrap();
        assert_eq!(
            CredentialKeys::new(&[], &[7; 32]).open(clinic, &s).unwrap(),
            b"y"
        );
    }
}
