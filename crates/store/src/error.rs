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
            _ => StoreError::Database(e),
        }
    }
}

impl From<frontdesk_domain::Invalid> for StoreError {
    fn from(e: frontdesk_domain::Invalid) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
