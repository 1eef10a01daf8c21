//! Argon2id password hashing at OWASP parameters, off the async runtime and bounded in
//! concurrency so a burst of logins cannot starve other requests or exhaust memory.

use std::sync::{Arc, OnceLock};

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// Memory cost: OWASP's 46 MiB setting. Above glibc's largest mmap threshold (32 MiB), so each
/// hash's memory is mapped and returned to the system when it is freed instead of lingering in
/// a thread's heap; that keeps RSS flat after a burst of logins.
pub const MEMORY_KIB: u32 = 46 * 1024;
/// Iterations: OWASP's minimum for 46 MiB is 1; 2 puts a hash in the 50–150 ms band on a
/// current server core (see docs/benchmarks.md).
pub const ITERATIONS: u32 = 2;

/// Hashes and verifies passwords on blocking threads, at most `concurrency` at a time.
/// Stored hashes keep their own parameters, so raising these later still verifies old ones.
#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
}

/// Hashing failed (the blocking pool is gone or the stored hash is not a PHC string).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(String);

fn argon2() -> Argon2<'static> {
    // The parameters are constants within argon2's documented bounds, so this cannot fail.
    let params = Params::new(MEMORY_KIB, ITERATIONS, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes synchronously; the async wrappers call this on a blocking thread.
pub fn hash_blocking(plain: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| HashError(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError(e.to_string()))?;
    argon2()
        .hash_password(plain.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

fn verify_blocking(plain: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| argon2().verify_password(plain.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A hash of a random password, verified against when the account does not exist so that
/// the response time does not reveal which e-mails have accounts.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        let mut bytes = [0u8; 24];
        let _ = getrandom::fill(&mut bytes);
        hash_blocking(&format!("{bytes:?}")).unwrap_or_default()
    })
}

impl PasswordHasher {
    /// A hasher that runs at most `concurrency` hashes at once.
    pub fn new(concurrency: usize) -> Self {
        PasswordHasher {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    /// Hashes a new password.
    pub async fn hash(&self, plain: String) -> Result<String, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(move || hash_blocking(&plain))
            .await
            .map_err(|e| HashError(e.to_string()))?
    }

    /// Verifies a password; with no stored hash, spends the same time and answers false.
    pub async fn verify(&self, plain: String, stored: Option<String>) -> Result<bool, HashError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(move || match stored {
            Some(hash) => verify_blocking(&plain, &hash),
            None => {
                verify_blocking(&plain, decoy_hash());
                false
            }
        })
        .await
        .map_err(|e| HashError(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_use_owasp_parameters() {
        let hasher = PasswordHasher::new(1);
        let hash = hasher.hash("correct horse battery".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=47104,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            hasher
                .verify("correct horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(
            !hasher
                .verify("wrong horse battery".into(), Some(hash.clone()))
                .await
                .unwrap()
        );
        assert!(!hasher.verify("anything".into(), None).await.unwrap());
        assert!(
            !hasher
                .verify("x".into(), Some("not a hash".into()))
                .await
                .unwrap()
        );
        let again = hasher.hash("correct horse battery".into()).await.unwrap();
        assert_ne!(hash, again, "salted");
    }
}
