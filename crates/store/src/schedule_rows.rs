//! Rows of the scheduling tables and their conversion to domain values.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_domain::scheduling::{
    Actor, ActorKind, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus,
    CancelledBy, Closure, ExceptionKind, Patient, PatientDetails, Practitioner,
    PractitionerDetails, Price, ScheduleException, Service, ServiceDetails,
};
use frontdesk_domain::{
    AccountId, AppointmentId, CalendarFeedId, ClinicId, ClosureId, ExceptionId, Language,
    OpeningHours, PatientId, PractitionerId, ServiceId,
};
use sqlx::types::Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::schedule::{CalendarFeed, HistoryEntry, NamedAppointment, Reminder};

/// Busy spans of a clinic's practitioners overlapping `[$3, $4)` at `$5`: confirmed
/// appointments and live holds. `$2` is `$3` less the longest possible span, so the index
/// range covers the window, not the clinic's whole history. Parameters appear in order, as
/// rusqlite numbers them.
pub(crate) const BUSY_BLOCKS: &str = "SELECT practitioner_id, busy_from, busy_until FROM appointments \
     WHERE clinic_id = $1 AND busy_from >= $2 AND busy_until > $3 AND busy_from < $4 \
     AND (status = 'confirmed' OR (status = 'held' AND hold_expires_at > $5))";

/// A practitioner's busy span as read: who, from, until.
pub(crate) type BusyRow = (Uuid, DateTime<Utc>, DateTime<Utc>);

/// No busy span is longer: the longest service with both buffers, rounded up.
pub(crate) const LONGEST_SPAN: chrono::Duration = chrono::Duration::hours(24);

/// The held and confirmed appointments whose busy span touches `[$2, $3)`, except `$4`.
pub(crate) const CLAIM_SPAN: &str = "SELECT busy_from, busy_until, status, hold_expires_at FROM appointments \
     WHERE practitioner_id = $1 AND status IN ('held', 'confirmed') \
     AND busy_until > $2 AND busy_from < $3 AND id <> $4";

/// Expires holds lapsed at `$1`, of practitioner `$2` and touching `[$3, $4)` when given.
pub(crate) const EXPIRE_HOLDS: &str = "UPDATE appointments SET status = 'expired', hold_expires_at = NULL, \
     sequence = sequence + 1, updated_at = $1 \
     WHERE status = 'held' AND hold_expires_at <= $1 \
     AND ($2 IS NULL OR practitioner_id = $2) \
     AND ($3 IS NULL OR (busy_until > $3 AND busy_from < $4)) \
     RETURNING id, clinic_id, practitioner_id, starts_at, ends_at";

/// A new appointment (its columns in [`crate::schedule::NewAppointment`] order).
pub(crate) const INSERT_APPOINTMENT: &str = "INSERT INTO appointments (id, clinic_id, service_id, practitioner_id, \
     patient_id, starts_at, ends_at, busy_from, busy_until, status, hold_expires_at, kind, source, price_minor, \
     currency, cancelled_by, late_cancellation, cancel_reason, arrived_at, notes, sequence, idempotency_key, \
     request_fingerprint, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, NULL, $16, NULL, NULL, \
     $17, 0, $18, $19, $20, $20)";

/// One history row.
pub(crate) const INSERT_HISTORY: &str = "INSERT INTO appointment_history (id, appointment_id, clinic_id, at, \
     actor_kind, actor_account_id, action, from_status, to_status, practitioner_id, starts_at, ends_at, note) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)";

/// A pending reminder, replacing one at the same offset.
pub(crate) const UPSERT_REMINDER: &str = "INSERT INTO reminders (appointment_id, offset_minutes, clinic_id, due_at, \
     status, recorded_at) VALUES ($1, $2, $3, $4, 'pending', NULL) \
     ON CONFLICT (appointment_id, offset_minutes) \
     DO UPDATE SET due_at = excluded.due_at, status = 'pending', recorded_at = NULL";

/// A clinic's booking policy document.
pub(crate) const POLICY: &str = "SELECT policy FROM scheduling_policies WHERE clinic_id = $1";

fn price(minor: Option<i64>, currency: Option<String>) -> Option<Price> {
    match (minor, currency) {
        (Some(amount_minor), Some(currency)) => Some(Price {
            amount_minor,
            currency,
        }),
        _ => None,
    }
}

fn minutes(v: i32) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

#[derive(sqlx::FromRow)]
pub(crate) struct ServiceRow {
    id: Uuid,
    name: Json<BTreeMap<String, String>>,
    aliases: Json<Vec<String>>,
    description: String,
    duration_minutes: i32,
    price_minor: Option<i64>,
    currency: Option<String>,
    buffer_before_minutes: i32,
    buffer_after_minutes: i32,
    active: bool,
    patient_bookable: bool,
}

impl ServiceRow {
    /// Builds the service with the practitioners read separately.
    pub(crate) fn into_service(self, practitioner_ids: Vec<PractitionerId>) -> Service {
        Service {
            id: ServiceId::from_uuid(self.id),
            details: ServiceDetails {
                name: self.name.0,
                aliases: self.aliases.0,
                description: self.description,
                duration_minutes: minutes(self.duration_minutes),
                price: price(self.price_minor, self.currency),
                buffer_before_minutes: minutes(self.buffer_before_minutes),
                buffer_after_minutes: minutes(self.buffer_after_minutes),
                active: self.active,
                patient_bookable: self.patient_bookable,
                practitioner_ids,
            },
        }
    }

    pub(crate) fn id(&self) -> Uuid {
        self.id
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PractitionerRow {
    id: Uuid,
    name: String,
    title: String,
    specialty: String,
    languages: Json<Vec<Language>>,
    account_id: Option<Uuid>,
    working_hours: Json<OpeningHours>,
    active: bool,
}

impl From<PractitionerRow> for Practitioner {
    fn from(r: PractitionerRow) -> Self {
        Practitioner {
            id: PractitionerId::from_uuid(r.id),
            details: PractitionerDetails {
                name: r.name,
                title: r.title,
                specialty: r.specialty,
                languages: r.languages.0,
                account_id: r.account_id.map(AccountId::from_uuid),
                working_hours: r.working_hours.0,
                active: r.active,
            },
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ExceptionRow {
    id: Uuid,
    practitioner_id: Uuid,
    kind: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    note: String,
}

impl TryFrom<ExceptionRow> for ScheduleException {
    type Error = StoreError;
    fn try_from(r: ExceptionRow) -> Result<Self, StoreError> {
        Ok(ScheduleException {
            id: ExceptionId::from_uuid(r.id),
            practitioner_id: PractitionerId::from_uuid(r.practitioner_id),
            kind: ExceptionKind::parse("kind", &r.kind)?,
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            note: r.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ClosureRow {
    id: Uuid,
    first_day: NaiveDate,
    last_day: NaiveDate,
    reason: String,
}

impl From<ClosureRow> for Closure {
    fn from(r: ClosureRow) -> Self {
        Closure {
            id: ClosureId::from_uuid(r.id),
            first_day: r.first_day,
            last_day: r.last_day,
            reason: r.reason,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct PatientRow {
    id: Uuid,
    name: String,
    phone: Option<String>,
    email: Option<String>,
    language: Option<String>,
    date_of_birth: Option<NaiveDate>,
    notes: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<PatientRow> for Patient {
    type Error = StoreError;
    fn try_from(r: PatientRow) -> Result<Self, StoreError> {
        Ok(Patient {
            id: PatientId::from_uuid(r.id),
            details: PatientDetails {
                name: r.name,
                phone: r.phone,
                email: r.email,
                language: r
                    .language
                    .map(|l| Language::parse("language", &l))
                    .transpose()?,
                date_of_birth: r.date_of_birth,
                notes: r.notes,
            },
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct AppointmentRow {
    id: Uuid,
    service_id: Uuid,
    practitioner_id: Uuid,
    patient_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    busy_from: DateTime<Utc>,
    busy_until: DateTime<Utc>,
    status: String,
    hold_expires_at: Option<DateTime<Utc>>,
    kind: String,
    source: String,
    price_minor: Option<i64>,
    currency: Option<String>,
    cancelled_by: Option<String>,
    late_cancellation: bool,
    cancel_reason: Option<String>,
    arrived_at: Option<DateTime<Utc>>,
    notes: String,
    sequence: i32,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// An [`AppointmentRow`] with the names joined to it.
#[derive(sqlx::FromRow)]
pub(crate) struct NamedAppointmentRow {
    #[sqlx(flatten)]
    appointment: AppointmentRow,
    service_name: Json<BTreeMap<String, String>>,
    practitioner_name: String,
    patient_name: String,
}

impl TryFrom<NamedAppointmentRow> for NamedAppointment {
    type Error = StoreError;
    fn try_from(r: NamedAppointmentRow) -> Result<Self, StoreError> {
        Ok(NamedAppointment {
            appointment: r.appointment.try_into()?,
            service_name: r.service_name.0,
            practitioner_name: r.practitioner_name,
            patient_name: r.patient_name,
        })
    }
}

impl TryFrom<AppointmentRow> for Appointment {
    type Error = StoreError;
    fn try_from(r: AppointmentRow) -> Result<Self, StoreError> {
        Ok(Appointment {
            id: AppointmentId::from_uuid(r.id),
            service_id: ServiceId::from_uuid(r.service_id),
            practitioner_id: PractitionerId::from_uuid(r.practitioner_id),
            patient_id: PatientId::from_uuid(r.patient_id),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            busy_from: r.busy_from,
            busy_until: r.busy_until,
            status: AppointmentStatus::parse("status", &r.status)?,
            hold_expires_at: r.hold_expires_at,
            kind: AppointmentKind::parse("kind", &r.kind)?,
            source: AppointmentSource::parse("source", &r.source)?,
            price: price(r.price_minor, r.currency),
            cancelled_by: r
                .cancelled_by
                .map(|c| CancelledBy::parse("cancelled_by", &c))
                .transpose()?,
            late_cancellation: r.late_cancellation,
            cancel_reason: r.cancel_reason,
            arrived_at: r.arrived_at,
            notes: r.notes,
            sequence: r.sequence,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct HistoryRow {
    at: DateTime<Utc>,
    actor_kind: String,
    actor_account_id: Option<Uuid>,
    action: String,
    from_status: Option<String>,
    to_status: String,
    practitioner_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    note: Option<String>,
}

impl TryFrom<HistoryRow> for HistoryEntry {
    type Error = StoreError;
    fn try_from(r: HistoryRow) -> Result<Self, StoreError> {
        Ok(HistoryEntry {
            at: r.at,
            actor: Actor {
                kind: ActorKind::parse("actor_kind", &r.actor_kind)?,
                account_id: r.actor_account_id.map(AccountId::from_uuid),
            },
            action: r.action,
            from_status: r
                .from_status
                .map(|s| AppointmentStatus::parse("from_status", &s))
                .transpose()?,
            to_status: AppointmentStatus::parse("to_status", &r.to_status)?,
            practitioner_id: PractitionerId::from_uuid(r.practitioner_id),
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            note: r.note,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ReminderRow {
    pub(crate) appointment_id: Uuid,
    pub(crate) clinic_id: Uuid,
    pub(crate) offset_minutes: i32,
    pub(crate) due_at: DateTime<Utc>,
    status: String,
    recorded_at: Option<DateTime<Utc>>,
}

impl From<ReminderRow> for Reminder {
    fn from(r: ReminderRow) -> Self {
        Reminder {
            appointment_id: AppointmentId::from_uuid(r.appointment_id),
            clinic_id: ClinicId::from_uuid(r.clinic_id),
            offset_minutes: minutes(r.offset_minutes),
            due_at: r.due_at,
            status: r.status,
            recorded_at: r.recorded_at,
        }
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct FeedRow {
    pub(crate) clinic_id: Uuid,
    id: Uuid,
    practitioner_id: Option<Uuid>,
    label: String,
    created_at: DateTime<Utc>,
}

impl From<FeedRow> for CalendarFeed {
    fn from(r: FeedRow) -> Self {
        CalendarFeed {
            id: CalendarFeedId::from_uuid(r.id),
            practitioner_id: r.practitioner_id.map(PractitionerId::from_uuid),
            label: r.label,
            created_at: r.created_at,
        }
    }
}

/// One patient of a clinic.
pub(crate) const PATIENT_BY_ID: &str = constcat::concat!(
    "SELECT ",
    crate::columns::PATIENT_COLUMNS,
    " FROM patients WHERE id = $1 AND clinic_id = $2"
);

/// One appointment of a clinic.
pub(crate) const APPOINTMENT_BY_ID: &str = constcat::concat!(
    "SELECT ",
    crate::columns::APPOINTMENT_COLUMNS,
    " FROM appointments WHERE id = $1 AND clinic_id = $2"
);

/// Marks the reminders that fell due at `$1`.
pub(crate) const RECORD_DUE_REMINDERS: &str = "UPDATE reminders SET status = 'due', recorded_at = $1 \
     WHERE status = 'pending' AND due_at <= $1 \
     RETURNING appointment_id, clinic_id, offset_minutes, due_at, status, recorded_at";

/// A due reminder's job, once its key (`appointment:offset:due`) was taken in `job_keys`: a
/// reminder is queued once for each time it falls due, so an appointment moved after its
/// reminder went out is reminded of again, and one swept twice is not.
pub(crate) const INSERT_REMINDER_JOB: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, \
     run_at, attempts, max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, $5, $2, $3, NULL, 'queued', $4, 0, $6, NULL, NULL, NULL, $4, $4) \
     ON CONFLICT (kind, dedupe_key) DO NOTHING";

#[cfg(test)]
mod tests {
    use frontdesk_domain::scheduling::catalog::{MAX_BUFFER_MINUTES, MAX_DURATION_MINUTES};

    #[test]
    fn no_service_outlasts_the_busy_read_margin() {
        let longest = i64::from(MAX_DURATION_MINUTES + 2 * MAX_BUFFER_MINUTES);
        assert!(super::LONGEST_SPAN >= chrono::Duration::minutes(longest));
    }

    #[test]
    fn aliased_appointment_columns_are_the_same_columns() {
        let words = |s: &str| -> Vec<String> {
            s.split(',')
                .map(|c| c.trim().trim_start_matches("a.").to_string())
                .collect()
        };
        assert_eq!(
            words(crate::columns::APPOINTMENT_COLUMNS_OF_A),
            words(crate::columns::APPOINTMENT_COLUMNS)
        );
    }
}
