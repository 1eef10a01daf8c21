//! SQLite bookings, written in place on one rusqlite connection.
//!
//! A booking is seven statements in one transaction. Through sqlx each statement crosses to
//! the connection's thread and back, and on two cores those hand-offs, not SQLite, capped
//! bookings near 500 a second. Here the whole transaction runs in one blocking call; the
//! SQL is the same text the sqlx path runs (`schedule_rows`), so both stay in step, and the
//! conformance suite runs every booking story through this path.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use frontdesk_domain::ClinicId;
use frontdesk_domain::scheduling::{Actor, Appointment, AppointmentStatus, SchedulingPolicy};
use rusqlite::{Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

use crate::error::StoreError;
use crate::portable::micros;
use crate::schedule::{NewAppointment, reminder_times};
use crate::schedule_rows::{
    CLAIM_SPAN, EXPIRE_HOLDS, INSERT_APPOINTMENT, INSERT_HISTORY, POLICY, UPSERT_REMINDER,
};

/// The writer connection for bookings.
pub(crate) struct Bookings {
    conn: Mutex<Connection>,
}

/// Timestamps as sqlx writes them, so text comparison orders them as instants.
pub(crate) fn text(t: DateTime<Utc>) -> String {
    micros(t).to_rfc3339_opts(SecondsFormat::AutoSi, false)
}

fn parse_time(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("timestamp {s:?}: {e}")))
}

pub(crate) fn blob(id: Uuid) -> [u8; 16] {
    *id.as_bytes()
}

fn write_error(e: rusqlite::Error) -> StoreError {
    match e.sqlite_error() {
        Some(err) if err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => {
            StoreError::UnknownReference(
                "the service, practitioner or patient is not one of this clinic's".into(),
            )
        }
        Some(err)
            if err.code == ErrorCode::ConstraintViolation
                && err.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE =>
        {
            StoreError::Conflict("appointments idempotency key".into())
        }
        _ => StoreError::Write(e.to_string()),
    }
}

impl Bookings {
    /// A writer for the database file at `path`; `None` when it cannot be opened, and then
    /// bookings take the sqlx path.
    pub(crate) fn open(path: &Path) -> Option<Self> {
        let conn = Connection::open(path).ok()?;
        // The same settings as the sqlx pool: durable commits, foreign keys, patience.
        conn.pragma_update(None, "synchronous", "FULL").ok()?;
        conn.pragma_update(None, "foreign_keys", "ON").ok()?;
        conn.busy_timeout(Duration::from_secs(10)).ok()?;
        Some(Bookings {
            conn: Mutex::new(conn),
        })
    }

    /// See `AppointmentStore::book` (after the idempotency replay check).
    pub(crate) fn book(
        &self,
        clinic: ClinicId,
        new: &NewAppointment,
        now: DateTime<Utc>,
    ) -> Result<Appointment, StoreError> {
        // A poisoned lock only means a previous booking panicked; its transaction rolled back.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(write_error)?;
        let now = micros(now);
        claim_span(&tx, new, now)?;
        let (key, fingerprint) = match &new.idempotency {
            Some((k, f)) => (Some(k.as_str()), Some(f.as_str())),
            None => (None, None),
        };
        tx.prepare_cached(INSERT_APPOINTMENT)
            .and_then(|mut st| {
                st.execute(rusqlite::params![
                    blob(new.id.as_uuid()),
                    blob(clinic.as_uuid()),
                    blob(new.service_id.as_uuid()),
                    blob(new.practitioner_id.as_uuid()),
                    blob(new.patient_id.as_uuid()),
                    text(new.starts_at),
                    text(new.ends_at),
                    text(new.busy_from),
                    text(new.busy_until),
                    new.status.as_str(),
                    new.hold_expires_at.map(text),
                    new.kind.as_str(),
                    new.source.as_str(),
                    new.price.as_ref().map(|p| p.amount_minor),
                    new.price.as_ref().map(|p| p.currency.as_str()),
                    false,
                    new.notes.as_str(),
                    key,
                    fingerprint,
                    text(now),
                ])
            })
            .map_err(write_error)?;
        let appointment = new.booked(now);
        let created = Change {
            id: blob(appointment.id.as_uuid()),
            clinic: blob(clinic.as_uuid()),
            practitioner: blob(appointment.practitioner_id.as_uuid()),
            starts_at: text(appointment.starts_at),
            ends_at: text(appointment.ends_at),
        };
        record(
            &tx,
            &created,
            new.actor,
            "created",
            None,
            appointment.status,
            now,
        )?;
        if appointment.status == AppointmentStatus::Confirmed {
            let policy: Option<String> = tx
                .prepare_cached(POLICY)
                .and_then(|mut st| {
                    st.query_row([blob(clinic.as_uuid())], |r| r.get(0))
                        .optional()
                })
                .map_err(write_error)?;
            let policy: SchedulingPolicy = match policy {
                Some(json) => serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("scheduling policy: {e}")))?,
                None => SchedulingPolicy::default(),
            };
            for (offset, due) in reminder_times(&policy, appointment.starts_at, now) {
                tx.prepare_cached(UPSERT_REMINDER)
                    .and_then(|mut st| {
                        st.execute(rusqlite::params![
                            blob(appointment.id.as_uuid()),
                            offset,
                            blob(clinic.as_uuid()),
                            text(due),
                        ])
                    })
                    .map_err(write_error)?;
            }
        }
        tx.commit().map_err(write_error)?;
        Ok(appointment)
    }
}

/// See the sqlx path's `claim_span`.
fn claim_span(
    tx: &Transaction<'_>,
    new: &NewAppointment,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut st = tx.prepare_cached(CLAIM_SPAN).map_err(write_error)?;
    let clashes = st
        .query_map(
            rusqlite::params![
                blob(new.practitioner_id.as_uuid()),
                text(new.busy_from),
                text(new.busy_until),
                blob(new.id.as_uuid()),
            ],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                ))
            },
        )
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .map_err(write_error)?;
    let mut lapsed = false;
    for (from, until, status, expires) in &clashes {
        let live_hold = match expires {
            Some(t) => parse_time(t)? > now,
            None => false,
        };
        if status == "confirmed" || live_hold {
            return Err(crate::schedule_sql::slot_taken(
                parse_time(from)?,
                parse_time(until)?,
            ));
        }
        lapsed = true;
    }
    if lapsed {
        let mut st = tx.prepare_cached(EXPIRE_HOLDS).map_err(write_error)?;
        let expired = st
            .query_map(
                rusqlite::params![
                    text(now),
                    blob(new.practitioner_id.as_uuid()),
                    text(new.busy_from),
                    text(new.busy_until),
                ],
                |r| {
                    Ok(Change {
                        id: r.get(0)?,
                        clinic: r.get(1)?,
                        practitioner: r.get(2)?,
                        starts_at: r.get(3)?,
                        ends_at: r.get(4)?,
                    })
                },
            )
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(write_error)?;
        drop(st);
        for hold in expired {
            record(
                tx,
                &hold,
                Actor::system(),
                "expired",
                Some(AppointmentStatus::Held),
                AppointmentStatus::Expired,
                now,
            )?;
        }
    }
    Ok(())
}

/// The stored facts a history row repeats.
struct Change {
    id: [u8; 16],
    clinic: [u8; 16],
    practitioner: [u8; 16],
    starts_at: String,
    ends_at: String,
}

/// Writes a history row.
fn record(
    tx: &Transaction<'_>,
    c: &Change,
    actor: Actor,
    action: &str,
    from: Option<AppointmentStatus>,
    to: AppointmentStatus,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    tx.prepare_cached(INSERT_HISTORY)
        .and_then(|mut st| {
            st.execute(rusqlite::params![
                blob(Uuid::now_v7()),
                c.id,
                c.clinic,
                text(now),
                actor.kind.as_str(),
                actor.account_id.map(|id| blob(id.as_uuid())),
                action,
                from.map(AppointmentStatus::as_str),
                to.as_str(),
                c.practitioner,
                c.starts_at,
                c.ends_at,
                Option::<String>::None,
            ])
        })
        .map_err(write_error)?;
    Ok(())
}
