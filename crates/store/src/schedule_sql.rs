//! [`CatalogStore`], [`PatientStore`] and [`AppointmentStore`] on either backend, the SQL run
//! as written by both.
//!
//! Double booking: inside one write transaction, the held and confirmed appointments touching
//! the practitioner's busy span are read (lapsed holds among them are expired), and the row is
//! written only if none is live. SQLite's `BEGIN IMMEDIATE` makes that sequence exclusive; on
//! PostgreSQL two transactions can pass the check together, and the exclusion constraint
//! refuses the second insert, which is reported as the same `SlotTaken`.

use async_trait::async_trait;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use frontdesk_domain::scheduling::{
    Actor, Appointment, AppointmentStatus, BusyBlock, Closure, Patient, PatientDetails,
    Practitioner, PractitionerDetails, ScheduleException, SchedulingPolicy, Service,
    ServiceDetails, StatusChange,
};
use frontdesk_domain::{
    AppointmentId, CalendarFeedId, ClinicId, ClosureId, ExceptionId, PatientId, PractitionerId,
    ServiceId,
};
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, Database, Encode, Executor, FromRow, IntoArguments, Transaction, Type};
use uuid::Uuid;

use crate::StoreResult;
use crate::backend::{Backend, Dialect, json};
use crate::error::StoreError;
use crate::jobs::{JobKind, JobPayload, ReminderJob};
use crate::portable::micros;
use crate::schedule::{
    AppointmentFilter, AppointmentStore, Booking, CalendarFeed, CatalogStore, HistoryEntry,
    NamedAppointment, NewAppointment, PatientFilter, PatientStore, Reminder, Reschedule,
};
use crate::schedule_rows::{
    AppointmentRow, BusyRow, ClosureRow, ExceptionRow, FeedRow, HistoryRow, NamedAppointmentRow,
    PatientRow, PractitionerRow, ReminderRow, ServiceRow,
};

/// The refusal of a span that touches `[from, until)`.
pub(crate) fn slot_taken(from: DateTime<Utc>, until: DateTime<Utc>) -> StoreError {
    StoreError::SlotTaken(format!(
        "the practitioner already has an appointment that overlaps {} to {} (buffers included); pick another slot",
        from.format("%Y-%m-%d %H:%M UTC"),
        until.format("%H:%M UTC")
    ))
}

/// A hold that lapsed: its id, clinic, practitioner, start and end.
type LapsedHold = (Uuid, Uuid, Uuid, DateTime<Utc>, DateTime<Utc>);

/// An appointment touching a span: its busy span, status and hold expiry.
type Clash = (DateTime<Utc>, DateTime<Utc>, String, Option<DateTime<Utc>>);

fn minutes(v: u32) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

/// Reports a refused reference (an id of another clinic, or none) plainly.
fn reference(e: sqlx::Error, what: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
            StoreError::UnknownReference(format!("{what} is not one of this clinic's"))
        }
        _ => StoreError::from(e),
    }
}

/// An appointment by id and clinic, to be locked (the dialect's `FOR_UPDATE` follows).
const LOCKED_APPOINTMENT: &str = constcat::concat!(
    "SELECT ",
    crate::columns::APPOINTMENT_COLUMNS,
    " FROM appointments WHERE id = $1 AND clinic_id = $2"
);

/// A clinic's patients after a cursor, by phone; the name search follows.
const PATIENTS: &str = constcat::concat!(
    "SELECT ",
    crate::columns::PATIENT_COLUMNS,
    " FROM patients WHERE clinic_id = $1 AND ($2 IS NULL OR phone = $2) AND ($3 IS NULL OR id > $3)"
);

type QueryAs<'q, DB, R> = sqlx::query::QueryAs<'q, DB, R, <DB as Database>::Arguments>;

/// The steps the scheduling traits share, on a store of either backend.
#[derive(Clone, Copy)]
struct Calendar<'a, S>(&'a S);

impl<'a, S> Calendar<'a, S>
where
    S: Backend + CatalogStore + PatientStore + AppointmentStore,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<i64>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> NaiveDate: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<NaiveDate>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> BusyRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ServiceRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PractitionerRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PatientRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> NamedAppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> HistoryRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ReminderRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> FeedRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ExceptionRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClosureRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Uuid): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Option<String>): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Json<SchedulingPolicy>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> LapsedHold: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> Clash: FromRow<'r, <S::Db as Database>::Row>,
{
    /// Binds an [`AppointmentFilter`] as `APPOINTMENT_LIST_CONDITIONS` numbers it.
    fn bind_appointment_filter<'q, R>(
        query: QueryAs<'q, S::Db, R>,
        clinic: ClinicId,
        f: &AppointmentFilter,
    ) -> QueryAs<'q, S::Db, R> {
        query
            .bind(clinic.as_uuid())
            .bind(f.from.map(micros))
            .bind(f.until.map(micros))
            .bind(f.practitioner.map(|p| p.as_uuid()))
            .bind(f.patient.map(|p| p.as_uuid()))
            .bind(f.status.map(AppointmentStatus::as_str))
            .bind(f.after.map(|(t, _)| micros(t)))
            .bind(f.after.map(|(_, id)| id.as_uuid()))
            .bind(i64::from(f.limit))
    }

    /// See `AppointmentStore::busy_blocks`; SQLite on disk reads in place instead.
    async fn sqlx_busy_rows(
        &self,
        clinic: ClinicId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<crate::schedule_rows::BusyRow>> {
        Ok(sqlx::query_as(crate::schedule_rows::BUSY_BLOCKS)
            .bind(clinic.as_uuid())
            .bind(from - crate::schedule_rows::LONGEST_SPAN)
            .bind(from)
            .bind(until)
            .bind(now)
            .fetch_all(self.0.pool())
            .await?)
    }

    async fn service_practitioners(
        &self,
        clinic: ClinicId,
        service: Option<ServiceId>,
    ) -> StoreResult<Vec<(Uuid, Uuid)>> {
        Ok(sqlx::query_as(
            "SELECT service_id, practitioner_id FROM service_practitioners \
             WHERE clinic_id = $1 AND ($2 IS NULL OR service_id = $2) \
             ORDER BY practitioner_id",
        )
        .bind(clinic.as_uuid())
        .bind(service.map(|s| s.as_uuid()))
        .fetch_all(self.0.pool())
        .await?)
    }

    async fn write_service(
        &self,
        clinic: ClinicId,
        id: ServiceId,
        d: &ServiceDetails,
        create: bool,
    ) -> StoreResult<Service> {
        let now = crate::portable::now();
        let mut tx = self.0.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let sql = if create {
            "INSERT INTO services (id, clinic_id, name, aliases, description, duration_minutes, \
             price_minor, currency, buffer_before_minutes, buffer_after_minutes, active, \
             patient_bookable, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)"
        } else {
            "UPDATE services SET name = $3, aliases = $4, description = $5, duration_minutes = $6, \
             price_minor = $7, currency = $8, buffer_before_minutes = $9, buffer_after_minutes = $10, \
             active = $11, patient_bookable = $12, updated_at = $13 WHERE id = $1 AND clinic_id = $2"
        };
        let done = sqlx::query(sql)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(json(&d.name)?)
            .bind(json(&d.aliases)?)
            .bind(&d.description)
            .bind(minutes(d.duration_minutes))
            .bind(d.price.as_ref().map(|p| p.amount_minor))
            .bind(d.price.as_ref().map(|p| p.currency.clone()))
            .bind(minutes(d.buffer_before_minutes))
            .bind(minutes(d.buffer_after_minutes))
            .bind(d.active)
            .bind(d.patient_bookable)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        sqlx::query("DELETE FROM service_practitioners WHERE service_id = $1 AND clinic_id = $2")
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .execute(&mut *tx)
            .await?;
        for p in &d.practitioner_ids {
            sqlx::query(
                "INSERT INTO service_practitioners (clinic_id, service_id, practitioner_id) VALUES ($1, $2, $3)",
            )
            .bind(clinic.as_uuid())
            .bind(id.as_uuid())
            .bind(p.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(|e| reference(e, &format!("practitioner {p}")))?;
        }
        tx.commit().await?;
        self.0
            .service(clinic, id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn write_practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
        d: &PractitionerDetails,
        create: bool,
    ) -> StoreResult<Practitioner> {
        let now = crate::portable::now();
        let mut tx = self.0.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        if let Some(account) = d.account_id {
            let member: Option<(Uuid,)> = sqlx::query_as(
                "SELECT account_id FROM memberships WHERE clinic_id = $1 AND account_id = $2",
            )
            .bind(clinic.as_uuid())
            .bind(account.as_uuid())
            .fetch_optional(&mut *tx)
            .await?;
            if member.is_none() {
                return Err(StoreError::UnknownReference(
                    "account_id is not a member of this clinic".into(),
                ));
            }
        }
        let sql = if create {
            "INSERT INTO practitioners (id, clinic_id, name, title, specialty, languages, account_id, \
             working_hours, active, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
        } else {
            "UPDATE practitioners SET name = $3, title = $4, specialty = $5, languages = $6, \
             account_id = $7, working_hours = $8, active = $9, updated_at = $10 \
             WHERE id = $1 AND clinic_id = $2"
        };
        let done = sqlx::query(sql)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(&d.name)
            .bind(&d.title)
            .bind(&d.specialty)
            .bind(json(&d.languages)?)
            .bind(d.account_id.map(|a| a.as_uuid()))
            .bind(json(&d.working_hours)?)
            .bind(d.active)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        self.0
            .practitioner(clinic, id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    async fn write_patient(
        &self,
        clinic: ClinicId,
        id: PatientId,
        d: &PatientDetails,
        now: DateTime<Utc>,
        create: bool,
    ) -> StoreResult<Patient> {
        let sql = if create {
            "INSERT INTO patients (id, clinic_id, name, phone, email, language, date_of_birth, notes, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)"
        } else {
            "UPDATE patients SET name = $3, phone = $4, email = $5, language = $6, date_of_birth = $7, \
             notes = $8, updated_at = $9 WHERE id = $1 AND clinic_id = $2"
        };
        let done = sqlx::query(sql)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(&d.name)
            .bind(&d.phone)
            .bind(&d.email)
            .bind(d.language.map(|l| l.code()))
            .bind(d.date_of_birth)
            .bind(&d.notes)
            .bind(micros(now))
            .execute(self.0.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.0
            .patient(clinic, id)
            .await?
            .ok_or(StoreError::NotFound)
    }

    /// Expires lapsed holds overlapping a practitioner's span, with history.
    async fn expire_holds(
        tx: &mut Transaction<'_, S::Db>,
        practitioner: Option<PractitionerId>,
        span: Option<(DateTime<Utc>, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> StoreResult<u64> {
        let expired: Vec<LapsedHold> = sqlx::query_as(crate::schedule_rows::EXPIRE_HOLDS)
            .bind(micros(now))
            .bind(practitioner.map(|p| p.as_uuid()))
            .bind(span.map(|s| micros(s.0)))
            .bind(span.map(|s| micros(s.1)))
            .fetch_all(&mut **tx)
            .await?;
        for (id, clinic, practitioner, starts_at, ends_at) in &expired {
            Self::record(
                tx,
                ClinicId::from_uuid(*clinic),
                AppointmentId::from_uuid(*id),
                Actor::system(),
                "expired",
                Some(AppointmentStatus::Held),
                AppointmentStatus::Expired,
                (*practitioner, *starts_at, *ends_at),
                None,
                now,
            )
            .await?;
        }
        Ok(expired.len() as u64)
    }

    /// Takes a practitioner's span for `except` (the appointment being written):
    /// refuses it when a confirmed appointment or a live hold touches it, and
    /// expires lapsed holds that do. The usual case is one indexed read.
    async fn claim_span(
        tx: &mut Transaction<'_, S::Db>,
        practitioner: PractitionerId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        except: AppointmentId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        // One writer per practitioner's calendar at a time: overlapping inserts
        // checked by PostgreSQL's exclusion constraint otherwise wait on each
        // other in a cycle (`deadlock detected`, a second lost each time).
        if !S::Db::LOCK_PRACTITIONER.is_empty() {
            sqlx::query(S::Db::LOCK_PRACTITIONER)
                .bind(practitioner.as_uuid())
                .execute(&mut **tx)
                .await?;
        }
        let clashes: Vec<Clash> = sqlx::query_as(crate::schedule_rows::CLAIM_SPAN)
            .bind(practitioner.as_uuid())
            .bind(micros(from))
            .bind(micros(until))
            .bind(except.as_uuid())
            .fetch_all(&mut **tx)
            .await?;
        let live = clashes.iter().find(|(_, _, status, expires)| {
            status == "confirmed" || expires.is_some_and(|t| t > now)
        });
        if let Some((a, b, _, _)) = live {
            return Err(slot_taken(*a, *b));
        }
        if !clashes.is_empty() {
            Self::expire_holds(tx, Some(practitioner), Some((from, until)), now).await?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    async fn record(
        tx: &mut Transaction<'_, S::Db>,
        clinic: ClinicId,
        id: AppointmentId,
        actor: Actor,
        action: &str,
        from: Option<AppointmentStatus>,
        to: AppointmentStatus,
        (practitioner, starts_at, ends_at): (Uuid, DateTime<Utc>, DateTime<Utc>),
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(crate::schedule_rows::INSERT_HISTORY)
            .bind(Uuid::now_v7())
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(micros(now))
            .bind(actor.kind.as_str())
            .bind(actor.account_id.map(|a| a.as_uuid()))
            .bind(action)
            .bind(from.map(AppointmentStatus::as_str))
            .bind(to.as_str())
            .bind(practitioner)
            .bind(micros(starts_at))
            .bind(micros(ends_at))
            .bind(note)
            .execute(&mut **tx)
            .await?;
        Ok(())
    }

    /// Keeps reminders in step with an appointment: one per offset while it is
    /// confirmed and the reminder time is still ahead, none otherwise.
    async fn sync_reminders(
        tx: &mut Transaction<'_, S::Db>,
        clinic: ClinicId,
        a: &Appointment,
        fresh: bool,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        // A fresh appointment has no reminders yet.
        if !fresh {
            sqlx::query("DELETE FROM reminders WHERE appointment_id = $1 AND status = 'pending'")
                .bind(a.id.as_uuid())
                .execute(&mut **tx)
                .await?;
        }
        if a.status != AppointmentStatus::Confirmed {
            return Ok(());
        }
        let policy = Self::policy_in(tx, clinic).await?;
        for (offset, due) in crate::schedule::reminder_times(&policy, a.starts_at, now) {
            sqlx::query(crate::schedule_rows::UPSERT_REMINDER)
                .bind(a.id.as_uuid())
                .bind(minutes(offset))
                .bind(clinic.as_uuid())
                .bind(micros(due))
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    async fn policy_in(
        tx: &mut Transaction<'_, S::Db>,
        clinic: ClinicId,
    ) -> StoreResult<SchedulingPolicy> {
        let row: Option<(Json<SchedulingPolicy>,)> = sqlx::query_as(crate::schedule_rows::POLICY)
            .bind(clinic.as_uuid())
            .fetch_optional(&mut **tx)
            .await?;
        Ok(row.map(|r| r.0.0).unwrap_or_default())
    }

    async fn locked_appointment(
        tx: &mut Transaction<'_, S::Db>,
        clinic: ClinicId,
        id: AppointmentId,
    ) -> StoreResult<Appointment> {
        // Only constants are joined here, never input.
        let sql = format!("{LOCKED_APPOINTMENT}{}", S::Db::FOR_UPDATE);
        let row: Option<AppointmentRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(&mut **tx)
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn replay(&self, clinic: ClinicId, new: &NewAppointment) -> StoreResult<Option<Booking>> {
        let Some((key, fingerprint)) = &new.idempotency else {
            return Ok(None);
        };
        let found: Option<(Uuid, Option<String>)> = sqlx::query_as(
            "SELECT id, request_fingerprint FROM appointments WHERE clinic_id = $1 AND idempotency_key = $2",
        )
        .bind(clinic.as_uuid())
        .bind(key)
        .fetch_optional(self.0.pool())
        .await?;
        let Some((id, stored)) = found else {
            return Ok(None);
        };
        if stored.as_deref() != Some(fingerprint.as_str()) {
            return Err(StoreError::IdempotencyMismatch);
        }
        let appointment = self
            .0
            .appointment(clinic, AppointmentId::from_uuid(id))
            .await?
            .ok_or(StoreError::NotFound)?;
        Ok(Some(Booking {
            appointment,
            replayed: true,
        }))
    }

    async fn try_book(
        &self,
        clinic: ClinicId,
        new: &NewAppointment,
        now: DateTime<Utc>,
    ) -> StoreResult<Booking> {
        if let Some(done) = self.replay(clinic, new).await? {
            return Ok(done);
        }
        let appointment = match self.0.book_in_place(clinic, new, now).await {
            Some(booked) => booked?,
            None => self.sqlx_insert_booking(clinic, new, now).await?,
        };
        Ok(Booking {
            appointment,
            replayed: false,
        })
    }

    async fn try_reschedule(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        to: &Reschedule,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        let mut tx = self.0.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let before = Self::locked_appointment(&mut tx, clinic, id).await?;
        before
            .check_reschedulable(now)
            .map_err(|e| StoreError::Refused(e.0))?;
        Self::claim_span(
            &mut tx,
            to.practitioner_id,
            to.busy_from,
            to.busy_until,
            id,
            now,
        )
        .await?;
        let row: AppointmentRow = sqlx::query_as(constcat::concat!(
            "UPDATE appointments SET practitioner_id = $3, starts_at = $4, ends_at = $5, busy_from = $6, \
             busy_until = $7, sequence = sequence + 1, updated_at = $8 WHERE id = $1 AND clinic_id = $2 RETURNING ",
            crate::columns::APPOINTMENT_COLUMNS
        ))
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(to.practitioner_id.as_uuid())
        .bind(micros(to.starts_at))
        .bind(micros(to.ends_at))
        .bind(micros(to.busy_from))
        .bind(micros(to.busy_until))
        .bind(micros(now))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| match &e {
            sqlx::Error::Database(db) if db.code().as_deref() == Some("23P01") => {
                slot_taken(to.busy_from, to.busy_until)
            }
            _ => reference(e, "the practitioner"),
        })?;
        let after: Appointment = row.try_into()?;
        let note = format!(
            "moved from {} ({})",
            before.starts_at.to_rfc3339(),
            before.practitioner_id
        );
        Self::record(
            &mut tx,
            clinic,
            id,
            actor,
            "rescheduled",
            Some(before.status),
            after.status,
            (
                after.practitioner_id.as_uuid(),
                after.starts_at,
                after.ends_at,
            ),
            Some(note),
            now,
        )
        .await?;
        Self::sync_reminders(&mut tx, clinic, &after, false, now).await?;
        tx.commit().await?;
        Ok(after)
    }

    async fn try_change_status(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        change: &StatusChange,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        let mut tx = self.0.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let mut a = Self::locked_appointment(&mut tx, clinic, id).await?;
        let policy = Self::policy_in(&mut tx, clinic).await?;
        let from = a.status;
        a.apply(
            change,
            micros(now),
            Duration::hours(i64::from(policy.cancellation_notice_hours)),
        )
        .map_err(|e| StoreError::Refused(e.0))?;
        sqlx::query(
            "UPDATE appointments SET status = $3, hold_expires_at = $4, cancelled_by = $5, \
             late_cancellation = $6, cancel_reason = $7, arrived_at = $8, sequence = $9, updated_at = $10 \
             WHERE id = $1 AND clinic_id = $2",
        )
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(a.status.as_str())
        .bind(a.hold_expires_at.map(micros))
        .bind(a.cancelled_by.map(|c| c.as_str()))
        .bind(a.late_cancellation)
        .bind(&a.cancel_reason)
        .bind(a.arrived_at.map(micros))
        .bind(a.sequence)
        .bind(micros(now))
        .execute(&mut *tx)
        .await?;
        let note = match change {
            StatusChange::Cancel { reason, .. } => reason.clone(),
            _ => None,
        };
        Self::record(
            &mut tx,
            clinic,
            id,
            actor,
            change.action(),
            Some(from),
            a.status,
            (a.practitioner_id.as_uuid(), a.starts_at, a.ends_at),
            note,
            now,
        )
        .await?;
        Self::sync_reminders(&mut tx, clinic, &a, false, now).await?;
        tx.commit().await?;
        // `a` is what was written: the domain applied the change at `now`.
        Ok(a)
    }

    /// Books inside one write transaction: claim the span, insert, record, remind.
    /// The backend may do the same faster (`Backend::book_in_place`).
    async fn sqlx_insert_booking(
        &self,
        clinic: ClinicId,
        new: &NewAppointment,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        let now = micros(now);
        let mut tx = self.0.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        Self::claim_span(
            &mut tx,
            new.practitioner_id,
            new.busy_from,
            new.busy_until,
            new.id,
            now,
        )
        .await?;
        let (key, fingerprint) = match &new.idempotency {
            Some((k, f)) => (Some(k.as_str()), Some(f.as_str())),
            None => (None, None),
        };
        sqlx::query(crate::schedule_rows::INSERT_APPOINTMENT)
            .bind(new.id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(new.service_id.as_uuid())
            .bind(new.practitioner_id.as_uuid())
            .bind(new.patient_id.as_uuid())
            .bind(micros(new.starts_at))
            .bind(micros(new.ends_at))
            .bind(micros(new.busy_from))
            .bind(micros(new.busy_until))
            .bind(new.status.as_str())
            .bind(new.hold_expires_at.map(micros))
            .bind(new.kind.as_str())
            .bind(new.source.as_str())
            .bind(new.price.as_ref().map(|p| p.amount_minor))
            .bind(new.price.as_ref().map(|p| p.currency.clone()))
            .bind(false)
            .bind(&new.notes)
            .bind(key)
            .bind(fingerprint)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(|e| match &e {
                sqlx::Error::Database(db) if db.code().as_deref() == Some("23P01") => {
                    slot_taken(new.busy_from, new.busy_until)
                }
                _ => reference(e, "the service, practitioner or patient"),
            })?;
        let appointment = new.booked(now);
        Self::record(
            &mut tx,
            clinic,
            appointment.id,
            new.actor,
            "created",
            None,
            appointment.status,
            (
                new.practitioner_id.as_uuid(),
                appointment.starts_at,
                appointment.ends_at,
            ),
            None,
            now,
        )
        .await?;
        Self::sync_reminders(&mut tx, clinic, &appointment, true, now).await?;
        tx.commit().await?;
        Ok(appointment)
    }
}

#[async_trait]
impl<S> CatalogStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<i64>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> NaiveDate: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<NaiveDate>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> BusyRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ServiceRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PractitionerRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PatientRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> NamedAppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> HistoryRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ReminderRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> FeedRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ExceptionRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClosureRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Uuid): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Option<String>): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Json<SchedulingPolicy>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> LapsedHold: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> Clash: FromRow<'r, <S::Db as Database>::Row>,
{
    async fn scheduling_policy(&self, clinic: ClinicId) -> StoreResult<SchedulingPolicy> {
        let row: Option<(Json<SchedulingPolicy>,)> = sqlx::query_as(crate::schedule_rows::POLICY)
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        Ok(row.map(|r| r.0.0).unwrap_or_default())
    }

    async fn set_scheduling_policy(
        &self,
        clinic: ClinicId,
        policy: &SchedulingPolicy,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO scheduling_policies (clinic_id, policy, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (clinic_id) DO UPDATE SET policy = excluded.policy, updated_at = excluded.updated_at",
        )
        .bind(clinic.as_uuid())
        .bind(json(policy)?)
        .bind(crate::portable::now())
        .execute(self.pool())
        .await?;
        Ok(())
    }

    async fn create_service(
        &self,
        clinic: ClinicId,
        id: ServiceId,
        d: &ServiceDetails,
    ) -> StoreResult<Service> {
        Calendar(self).write_service(clinic, id, d, true).await
    }

    async fn update_service(
        &self,
        clinic: ClinicId,
        id: ServiceId,
        d: &ServiceDetails,
    ) -> StoreResult<Service> {
        Calendar(self).write_service(clinic, id, d, false).await
    }

    async fn service(&self, clinic: ClinicId, id: ServiceId) -> StoreResult<Option<Service>> {
        let row: Option<ServiceRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::SERVICE_COLUMNS,
            " FROM services WHERE id = $1 AND clinic_id = $2"
        ))
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let practitioners = Calendar(self)
            .service_practitioners(clinic, Some(id))
            .await?
            .into_iter()
            .map(|(_, p)| PractitionerId::from_uuid(p))
            .collect();
        Ok(Some(row.into_service(practitioners)))
    }

    async fn services(&self, clinic: ClinicId) -> StoreResult<Vec<Service>> {
        let rows: Vec<ServiceRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::SERVICE_COLUMNS,
            " FROM services WHERE clinic_id = $1 ORDER BY created_at, id"
        ))
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        let links = Calendar(self).service_practitioners(clinic, None).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let id = r.id();
                let ps = links
                    .iter()
                    .filter(|(s, _)| *s == id)
                    .map(|(_, p)| PractitionerId::from_uuid(*p))
                    .collect();
                r.into_service(ps)
            })
            .collect())
    }

    async fn create_practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
        d: &PractitionerDetails,
    ) -> StoreResult<Practitioner> {
        Calendar(self).write_practitioner(clinic, id, d, true).await
    }

    async fn update_practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
        d: &PractitionerDetails,
    ) -> StoreResult<Practitioner> {
        Calendar(self)
            .write_practitioner(clinic, id, d, false)
            .await
    }

    async fn practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
    ) -> StoreResult<Option<Practitioner>> {
        let row: Option<PractitionerRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::PRACTITIONER_COLUMNS,
            " FROM practitioners WHERE id = $1 AND clinic_id = $2"
        ))
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(Into::into))
    }

    async fn practitioners(&self, clinic: ClinicId) -> StoreResult<Vec<Practitioner>> {
        let rows: Vec<PractitionerRow> = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::PRACTITIONER_COLUMNS,
            " FROM practitioners WHERE clinic_id = $1 ORDER BY name, id"
        ))
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn add_exception(
        &self,
        clinic: ClinicId,
        e: &ScheduleException,
    ) -> StoreResult<ScheduleException> {
        sqlx::query(
            "INSERT INTO schedule_exceptions (id, clinic_id, practitioner_id, kind, starts_at, ends_at, note, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(e.id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(e.practitioner_id.as_uuid())
        .bind(e.kind.as_str())
        .bind(micros(e.starts_at))
        .bind(micros(e.ends_at))
        .bind(&e.note)
        .bind(crate::portable::now())
        .execute(self.pool())
        .await
        .map_err(|err| reference(err, "the practitioner"))?;
        Ok(ScheduleException {
            starts_at: micros(e.starts_at),
            ends_at: micros(e.ends_at),
            ..e.clone()
        })
    }

    async fn remove_exception(
        &self,
        clinic: ClinicId,
        practitioner: PractitionerId,
        id: ExceptionId,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "DELETE FROM schedule_exceptions WHERE id = $1 AND clinic_id = $2 AND practitioner_id = $3",
        )
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(practitioner.as_uuid())
        .execute(self.pool())
        .await?;
        if S::Db::rows_affected(&done) == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }

    async fn exceptions(
        &self,
        clinic: ClinicId,
        practitioner: Option<PractitionerId>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<ScheduleException>> {
        let rows: Vec<ExceptionRow> = sqlx::query_as(
            "SELECT id, practitioner_id, kind, starts_at, ends_at, note FROM schedule_exceptions \
             WHERE clinic_id = $1 AND ($2 IS NULL OR practitioner_id = $2) AND starts_at < $4 AND ends_at > $3 \
             ORDER BY starts_at, id",
        )
        .bind(clinic.as_uuid())
        .bind(practitioner.map(|p| p.as_uuid()))
        .bind(micros(from))
        .bind(micros(until))
        .fetch_all(self.pool())
        .await?;
        crate::portable::convert_all(rows)
    }

    async fn add_closure(&self, clinic: ClinicId, c: &Closure) -> StoreResult<Closure> {
        sqlx::query(
            "INSERT INTO closures (id, clinic_id, first_day, last_day, reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(c.id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(c.first_day)
        .bind(c.last_day)
        .bind(&c.reason)
        .bind(crate::portable::now())
        .execute(self.pool())
        .await?;
        Ok(c.clone())
    }

    async fn remove_closure(&self, clinic: ClinicId, id: ClosureId) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM closures WHERE id = $1 AND clinic_id = $2")
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }

    async fn closures(
        &self,
        clinic: ClinicId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> StoreResult<Vec<Closure>> {
        let rows: Vec<ClosureRow> = sqlx::query_as(
            "SELECT id, first_day, last_day, reason FROM closures \
             WHERE clinic_id = $1 AND first_day <= $3 AND last_day >= $2 ORDER BY first_day, id",
        )
        .bind(clinic.as_uuid())
        .bind(first)
        .bind(last)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}

#[async_trait]
impl<S> PatientStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<i64>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> NaiveDate: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<NaiveDate>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> BusyRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ServiceRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PractitionerRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PatientRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> NamedAppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> HistoryRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ReminderRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> FeedRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ExceptionRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClosureRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Uuid): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Option<String>): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Json<SchedulingPolicy>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> LapsedHold: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> Clash: FromRow<'r, <S::Db as Database>::Row>,
{
    async fn create_patient(
        &self,
        clinic: ClinicId,
        id: PatientId,
        d: &PatientDetails,
        now: DateTime<Utc>,
    ) -> StoreResult<Patient> {
        Calendar(self).write_patient(clinic, id, d, now, true).await
    }

    async fn update_patient(
        &self,
        clinic: ClinicId,
        id: PatientId,
        d: &PatientDetails,
        now: DateTime<Utc>,
    ) -> StoreResult<Patient> {
        Calendar(self)
            .write_patient(clinic, id, d, now, false)
            .await
    }

    async fn patient(&self, clinic: ClinicId, id: PatientId) -> StoreResult<Option<Patient>> {
        let row: Option<PatientRow> = sqlx::query_as(crate::schedule_rows::PATIENT_BY_ID)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn patients(&self, clinic: ClinicId, f: &PatientFilter) -> StoreResult<Vec<Patient>> {
        // Only constants are joined here, never input.
        let sql = format!(
            "{PATIENTS} AND ($5 IS NULL OR name {m} $5 OR ($6 IS NOT NULL AND phone {m} $6)) \
             ORDER BY id LIMIT $4",
            m = S::Db::MATCHES
        );
        let rows: Vec<PatientRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(clinic.as_uuid())
            .bind(&f.phone)
            .bind(f.after.map(|p| p.as_uuid()))
            .bind(i64::from(f.limit))
            .bind(f.search.as_deref().map(S::Db::search_pattern))
            .bind(
                f.search
                    .as_deref()
                    .and_then(crate::search::phone_digits)
                    .map(|d| S::Db::search_pattern(&d)),
            )
            .fetch_all(self.pool())
            .await?;
        crate::portable::convert_all(rows)
    }
}

#[async_trait]
impl<S> AppointmentStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<i64>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> NaiveDate: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<NaiveDate>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> BusyRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ServiceRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PractitionerRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> PatientRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> AppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> NamedAppointmentRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> HistoryRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ReminderRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> FeedRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ExceptionRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ClosureRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Uuid): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, Option<String>): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Json<SchedulingPolicy>,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> LapsedHold: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> Clash: FromRow<'r, <S::Db as Database>::Row>,
{
    async fn book(
        &self,
        clinic: ClinicId,
        new: &NewAppointment,
        now: DateTime<Utc>,
    ) -> StoreResult<Booking> {
        let booked = {
            let calendar = Calendar(self);
            crate::error::retry_contended(|| calendar.try_book(clinic, new, now)).await
        };
        match booked {
            // A concurrent request with the same key may have won the race.
            Err(e @ (StoreError::SlotTaken(_) | StoreError::Conflict(_)))
                if new.idempotency.is_some() =>
            {
                match Calendar(self).replay(clinic, new).await? {
                    Some(done) => Ok(done),
                    None => Err(e),
                }
            }
            other => other,
        }
    }

    async fn reschedule(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        to: &Reschedule,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        let calendar = Calendar(self);
        crate::error::retry_contended(|| calendar.try_reschedule(clinic, id, to, actor, now)).await
    }

    async fn change_status(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        change: &StatusChange,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment> {
        let calendar = Calendar(self);
        crate::error::retry_contended(|| calendar.try_change_status(clinic, id, change, actor, now))
            .await
    }
    async fn appointment(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
    ) -> StoreResult<Option<Appointment>> {
        let row: Option<AppointmentRow> = sqlx::query_as(crate::schedule_rows::APPOINTMENT_BY_ID)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn appointment_history(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
    ) -> StoreResult<Vec<HistoryEntry>> {
        let rows: Vec<HistoryRow> = sqlx::query_as(
            "SELECT at, actor_kind, actor_account_id, action, from_status, to_status, practitioner_id, \
             starts_at, ends_at, note FROM appointment_history WHERE appointment_id = $1 AND clinic_id = $2 \
             ORDER BY at, id",
        )
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        crate::portable::convert_all(rows)
    }

    async fn appointments(
        &self,
        clinic: ClinicId,
        f: &AppointmentFilter,
    ) -> StoreResult<Vec<Appointment>> {
        let query = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::APPOINTMENT_COLUMNS_OF_A,
            " FROM appointments a",
            crate::columns::APPOINTMENT_LIST_CONDITIONS
        ));
        let rows: Vec<AppointmentRow> = Calendar::<S>::bind_appointment_filter(query, clinic, f)
            .fetch_all(self.pool())
            .await?;
        crate::portable::convert_all(rows)
    }

    async fn named_appointments(
        &self,
        clinic: ClinicId,
        f: &AppointmentFilter,
    ) -> StoreResult<Vec<NamedAppointment>> {
        // The composite foreign keys keep every appointment's service, practitioner
        // and patient in its clinic; the join says so again rather than trust it.
        let query = sqlx::query_as(constcat::concat!(
            "SELECT ",
            crate::columns::APPOINTMENT_COLUMNS_OF_A,
            ", s.name AS service_name, \
             p.name AS practitioner_name, pt.name AS patient_name FROM appointments a \
             JOIN services s ON s.id = a.service_id AND s.clinic_id = a.clinic_id \
             JOIN practitioners p ON p.id = a.practitioner_id AND p.clinic_id = a.clinic_id \
             JOIN patients pt ON pt.id = a.patient_id AND pt.clinic_id = a.clinic_id",
            crate::columns::APPOINTMENT_LIST_CONDITIONS
        ));
        let rows: Vec<NamedAppointmentRow> =
            Calendar::<S>::bind_appointment_filter(query, clinic, f)
                .fetch_all(self.pool())
                .await?;
        crate::portable::convert_all(rows)
    }

    async fn busy_blocks(
        &self,
        clinic: ClinicId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(PractitionerId, BusyBlock)>> {
        let (from, until, now) = (micros(from), micros(until), micros(now));
        let rows = match self.busy_rows_in_place(clinic, from, until, now).await {
            Some(rows) => rows?,
            None => {
                Calendar(self)
                    .sqlx_busy_rows(clinic, from, until, now)
                    .await?
            }
        };
        Ok(rows
            .into_iter()
            .map(|(p, a, b)| {
                (
                    PractitionerId::from_uuid(p),
                    BusyBlock { from: a, until: b },
                )
            })
            .collect())
    }

    async fn release_expired_holds(&self, now: DateTime<Utc>) -> StoreResult<u64> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let n = Calendar::<S>::expire_holds(&mut tx, None, None, now).await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn reminders(&self, clinic: ClinicId, id: AppointmentId) -> StoreResult<Vec<Reminder>> {
        let rows: Vec<ReminderRow> = sqlx::query_as(
            "SELECT appointment_id, clinic_id, offset_minutes, due_at, status, recorded_at FROM reminders \
             WHERE appointment_id = $1 AND clinic_id = $2 ORDER BY due_at",
        )
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn record_due_reminders(&self, now: DateTime<Utc>) -> StoreResult<Vec<Reminder>> {
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let rows: Vec<ReminderRow> = sqlx::query_as(crate::schedule_rows::RECORD_DUE_REMINDERS)
            .bind(micros(now))
            .fetch_all(&mut *tx)
            .await?;
        // Each becomes a job in the same commit: a reminder marked due is never
        // lost before it is sent, and never queued twice.
        for r in &rows {
            let id = Uuid::now_v7();
            let key = format!(
                "{}:{}:{}",
                r.appointment_id,
                r.offset_minutes,
                r.due_at.timestamp()
            );
            let taken: Option<(Uuid,)> = sqlx::query_as(crate::jobs::queries::TAKE_KEY)
                .bind(JobKind::Reminder.as_str())
                .bind(&key)
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_none() {
                continue;
            }
            sqlx::query(crate::schedule_rows::INSERT_REMINDER_JOB)
                .bind(id)
                .bind(Json(JobPayload::to_value(&ReminderJob {
                    clinic_id: ClinicId::from_uuid(r.clinic_id),
                    appointment_id: AppointmentId::from_uuid(r.appointment_id),
                    offset_minutes: i64::from(r.offset_minutes),
                })))
                .bind(&key)
                .bind(micros(now))
                .bind(JobKind::Reminder.as_str())
                .bind(i64::from(JobKind::Reminder.max_attempts()))
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn create_calendar_feed(
        &self,
        clinic: ClinicId,
        feed: &CalendarFeed,
        token_hash: &str,
    ) -> StoreResult<CalendarFeed> {
        sqlx::query(
            "INSERT INTO calendar_feeds (id, clinic_id, practitioner_id, label, token_hash, created_at, revoked_at) \
             VALUES ($1, $2, $3, $4, $5, $6, NULL)",
        )
        .bind(feed.id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(feed.practitioner_id.map(|p| p.as_uuid()))
        .bind(&feed.label)
        .bind(token_hash)
        .bind(micros(feed.created_at))
        .execute(self.pool())
        .await
        .map_err(|e| reference(e, "the practitioner"))?;
        Ok(CalendarFeed {
            created_at: micros(feed.created_at),
            ..feed.clone()
        })
    }

    async fn calendar_feeds(&self, clinic: ClinicId) -> StoreResult<Vec<CalendarFeed>> {
        let rows: Vec<FeedRow> = sqlx::query_as(
            "SELECT clinic_id, id, practitioner_id, label, created_at FROM calendar_feeds \
             WHERE clinic_id = $1 AND revoked_at IS NULL ORDER BY created_at, id",
        )
        .bind(clinic.as_uuid())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn revoke_calendar_feed(
        &self,
        clinic: ClinicId,
        id: CalendarFeedId,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let done = sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $3 WHERE id = $1 AND clinic_id = $2 AND revoked_at IS NULL",
        )
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .bind(micros(now))
        .execute(self.pool())
        .await?;
        if S::Db::rows_affected(&done) == 0 {
            Err(StoreError::NotFound)
        } else {
            Ok(())
        }
    }

    async fn calendar_feed_by_token(
        &self,
        token_hash: &str,
    ) -> StoreResult<Option<(ClinicId, CalendarFeed)>> {
        let row: Option<FeedRow> = sqlx::query_as(
            "SELECT clinic_id, id, practitioner_id, label, created_at FROM calendar_feeds \
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|r| (ClinicId::from_uuid(r.clinic_id), r.into())))
    }
}
