//! SQLite's per-request reads, run in place on the calling thread.
//!
//! sqlx drives each SQLite connection from a thread of its own and passes every query and row
//! across channels. For the indexed lookups made on every authenticated request (who is
//! calling, which clinic and role) those hand-offs cost more than the query: profiling
//! `GET /api/v1/me` showed a quarter of the CPU in futex wake-ups and under 2% in SQLite.
//! These reads use a small pool of read-only rusqlite connections instead. An indexed lookup
//! on a WAL database takes microseconds and never waits for writers, so running it on an
//! async worker does not stall the runtime.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{DateTime, SecondsFormat, Utc};
use frontdesk_domain::{AccountId, ClinicId, Slug};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Row};
use sqlx::types::Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::portable::{
    ACCOUNT_WITH_MEMBERSHIPS, AccountMembershipRow, AccountRow, CLINIC_ACCESS, ClinicAccessRow,
    ClinicRow,
};
use crate::schedule_rows::BUSY_BLOCKS;

/// Idle read-only connections to one database file.
pub(crate) struct HotReads {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

/// Connections kept idle; more may be open briefly under load.
const MAX_IDLE: usize = 8;

fn read_error(e: rusqlite::Error) -> StoreError {
    StoreError::Read(e.to_string())
}

fn uuid(row: &Row<'_>, i: usize) -> rusqlite::Result<Uuid> {
    let bytes: Vec<u8> = row.get(i)?;
    Uuid::from_slice(&bytes).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Blob, Box::new(e))
    })
}

fn timestamp(row: &Row<'_>, i: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = row.get(i)?;
    DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
}

fn json<T: serde::de::DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<Json<T>> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text).map(Json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn account_row(row: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: uuid(row, 0)?,
        email: row.get(1)?,
        name: row.get(2)?,
        hq_role: row.get(3)?,
        created_at: timestamp(row, 4)?,
    })
}

impl HotReads {
    /// Reads for the database file at `path` (never an in-memory database, which other
    /// connections cannot see).
    pub(crate) fn new(path: &Path) -> Self {
        HotReads {
            path: path.to_path_buf(),
            idle: Mutex::new(Vec::new()),
        }
    }

    fn with<T>(
        &self,
        read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
    ) -> Result<T, StoreError> {
        // A poisoned lock only means another reader panicked; the list itself is intact.
        let conn = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let conn = match conn {
            Some(c) => c,
            None => {
                let c = Connection::open_with_flags(
                    &self.path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(read_error)?;
                c.busy_timeout(std::time::Duration::from_secs(5))
                    .map_err(read_error)?;
                c
            }
        };
        let result = read(&conn).map_err(read_error);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(conn);
        }
        result
    }

    /// See `AccountStore::account_with_memberships`.
    pub(crate) fn account_with_memberships(
        &self,
        id: AccountId,
    ) -> Result<Vec<AccountMembershipRow>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(ACCOUNT_WITH_MEMBERSHIPS)?;
            let rows = stmt.query_map([id.as_uuid().as_bytes().as_slice()], |row| {
                let clinic_id: Option<Vec<u8>> = row.get(5)?;
                Ok(AccountMembershipRow {
                    account: account_row(row)?,
                    clinic_id: clinic_id.as_deref().and_then(|b| Uuid::from_slice(b).ok()),
                    slug: row.get(6)?,
                    clinic_name: row.get(7)?,
                    role: row.get(8)?,
                })
            })?;
            rows.collect()
        })
    }

    /// See `AppointmentStore::busy_blocks`.
    pub(crate) fn busy_rows(
        &self,
        clinic: ClinicId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::schedule_rows::BusyRow>, StoreError> {
        // Bound as sqlx writes them, so text comparison orders them as instants.
        let text = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::AutoSi, false);
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(BUSY_BLOCKS)?;
            let rows = stmt.query_map(
                rusqlite::params![
                    clinic.as_uuid().as_bytes().as_slice(),
                    text(from - crate::schedule_rows::LONGEST_SPAN),
                    text(from),
                    text(until),
                    text(now)
                ],
                |row| Ok((uuid(row, 0)?, timestamp(row, 1)?, timestamp(row, 2)?)),
            )?;
            rows.collect()
        })
    }

    /// See `ClinicStore::clinic_access`.
    pub(crate) fn clinic_access(
        &self,
        account: AccountId,
        slug: &Slug,
    ) -> Result<Option<ClinicAccessRow>, StoreError> {
        self.with(|conn| {
            let mut stmt = conn.prepare_cached(CLINIC_ACCESS)?;
            stmt.query_row(
                rusqlite::params![slug.as_str(), account.as_uuid().as_bytes().as_slice()],
                |row| {
                    Ok(ClinicAccessRow {
                        clinic: ClinicRow {
                            id: uuid(row, 0)?,
                            slug: row.get(1)?,
                            name: row.get(2)?,
                            time_zone: row.get(3)?,
                            default_language: row.get(4)?,
                            languages: json(row, 5)?,
                            contact: json(row, 6)?,
                            address: row.get(7)?,
                            opening_hours: json(row, 8)?,
                            emergency_instructions: row.get(9)?,
                            persona: json(row, 10)?,
                            created_at: timestamp(row, 11)?,
                            updated_at: timestamp(row, 12)?,
                        },
                        role: row.get(13)?,
                    })
                },
            )
            .optional()
        })
    }
}
