//! Store errors.

/// Why a store call failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist (in this clinic).
    #[error("not found")]
    NotFound,
    /// A uniqueness rule refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The practitioner's time is already taken (double booking refused).
    #[error("{0}")]
    SlotTaken(String),
    /// The appointment's state does not allow the change.
    #[error("{0}")]
    Refused(String),
    /// An idempotency key was reused for a different request.
    #[error("this Idempotency-Key was already used for a different request; use a new key")]
    IdempotencyMismatch,
    /// An id names nothing in this clinic (another clinic's row, or none).
    #[error("{0}")]
    UnknownReference(String),
    /// The change would leave a clinic with no owner.
    #[error("a clinic must keep at least one owner")]
    LastOwner,
    /// The invitation is unknown, accepted, revoked or expired.
    #[error("the invitation is not valid (unknown, already used, or expired)")]
    InvitationInvalid,
    /// The database URL or options are wrong.
    #[error("{0}")]
    Config(String),
    /// A stored value no longer parses: the data was edited outside Frontdesk.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// A migration failed.
    #[error("migration {version} ({name}) failed: {source}")]
    Migration {
        /// Its version.
        version: i64,
        /// Its name.
        name: &'static str,
        /// The database's error.
        source: sqlx::Error,
    },
    /// A direct SQLite write failed.
    #[error("database write error: {0}")]
    Write(String),
    /// A direct SQLite read failed.
    #[error("database read error: {0}")]
    Read(String),
    /// Concurrent transactions collided (a deadlock, or a serialization failure) and this
    /// one was rolled back; running it again may succeed.
    #[error("the data was changing at the same moment; try again")]
    Contention,
    /// The database failed.
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Conflict(db.constraint().unwrap_or("unique").to_string())
            }
            // PostgreSQL's deadlock_detected and serialization_failure.
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("40P01" | "40001")) =>
            {
                StoreError::Contention
            }
            _ => StoreError::Database(e),
        }
    }
}

impl From<frontdesk_domain::Invalid> for StoreError {
    fn from(e: frontdesk_domain::Invalid) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// Runs `attempt` again, after a short random pause, while it fails only because concurrent
/// transactions collided; at most [`CONTENTION_ATTEMPTS`] times in all.
pub async fn retry_contended<T, F, Fut>(mut attempt: F) -> Result<T, StoreError>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, StoreError>>,
{
    let mut tries = 1;
    loop {
        match attempt().await {
            Err(StoreError::Contention) if tries < CONTENTION_ATTEMPTS => {
                tokio::time::sleep(jitter(tries)).await;
                tries += 1;
            }
            other => return other,
        }
    }
}

/// Tries of a transaction that keeps colliding before the caller hears of it.
pub const CONTENTION_ATTEMPTS: u32 = 6;

/// A random pause that grows with the tries (1–5 ms, then up to 10, 20, …), so the colliding
/// transactions do not meet again in step.
fn jitter(tries: u32) -> std::time::Duration {
    use std::hash::{BuildHasher, Hasher};
    // Each RandomState is seeded afresh: a cheap random number without a dependency.
    let random = std::collections::hash_map::RandomState::new()
        .build_hasher()
        .finish();
    let ceiling_us = 5_000u64 << tries.min(5);
    std::time::Duration::from_micros(1_000 + random % ceiling_us)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn contention_is_retried_a_bounded_number_of_times() {
        let mut calls = 0;
        let out: Result<(), StoreError> = retry_contended(|| {
            calls += 1;
            async { Err(StoreError::Contention) }
        })
        .await;
        assert!(matches!(out, Err(StoreError::Contention)));
        assert_eq!(calls, CONTENTION_ATTEMPTS);

        let mut calls = 0;
        let out = retry_contended(|| {
            calls += 1;
            let n = calls;
            async move {
                if n < 3 {
                    Err(StoreError::Contention)
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(out.unwrap(), 3);

        let mut calls = 0;
        let out: Result<(), StoreError> = retry_contended(|| {
            calls += 1;
            async { Err(StoreError::NotFound) }
        })
        .await;
        assert!(matches!(out, Err(StoreError::NotFound)));
        assert_eq!(calls, 1, "other errors are not retried");
    }
}
