//! The scheduling contracts: the clinic's catalog and roster, patients, and appointments.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_domain::scheduling::{
    Actor, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus, BusyBlock, Closure,
    Patient, PatientDetails, Practitioner, PractitionerDetails, Price, ScheduleException,
    SchedulingPolicy, Service, ServiceDetails, StatusChange,
};
use frontdesk_domain::{
    AppointmentId, CalendarFeedId, ClinicId, ClosureId, ExceptionId, PatientId, PractitionerId,
    ServiceId,
};
use serde::Serialize;

use crate::StoreResult;

/// An appointment with the names a list shows beside it, read in the same query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedAppointment {
    /// The appointment.
    pub appointment: Appointment,
    /// Its service's name per language code, as the clinic gave it.
    pub service_name: std::collections::BTreeMap<String, String>,
    /// Its practitioner's name.
    pub practitioner_name: String,
    /// Its patient's name.
    pub patient_name: String,
}

/// What the clinic offers and who works when.
#[async_trait]
pub trait CatalogStore: Send + Sync {
    /// The clinic's booking rules (the defaults until it sets its own).
    async fn scheduling_policy(&self, clinic: ClinicId) -> StoreResult<SchedulingPolicy>;
    /// Replaces the clinic's booking rules.
    async fn set_scheduling_policy(
        &self,
        clinic: ClinicId,
        policy: &SchedulingPolicy,
    ) -> StoreResult<()>;
    /// Adds a service; its practitioners must be the clinic's.
    async fn create_service(
        &self,
        clinic: ClinicId,
        id: ServiceId,
        details: &ServiceDetails,
    ) -> StoreResult<Service>;
    /// Replaces a service's details.
    async fn update_service(
        &self,
        clinic: ClinicId,
        id: ServiceId,
        details: &ServiceDetails,
    ) -> StoreResult<Service>;
    /// One service.
    async fn service(&self, clinic: ClinicId, id: ServiceId) -> StoreResult<Option<Service>>;
    /// Every service of the clinic.
    async fn services(&self, clinic: ClinicId) -> StoreResult<Vec<Service>>;
    /// Adds a practitioner; a linked account must be a member of the clinic.
    async fn create_practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
        details: &PractitionerDetails,
    ) -> StoreResult<Practitioner>;
    /// Replaces a practitioner's details (and weekly hours).
    async fn update_practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
        details: &PractitionerDetails,
    ) -> StoreResult<Practitioner>;
    /// One practitioner.
    async fn practitioner(
        &self,
        clinic: ClinicId,
        id: PractitionerId,
    ) -> StoreResult<Option<Practitioner>>;
    /// Every practitioner of the clinic, by name.
    async fn practitioners(&self, clinic: ClinicId) -> StoreResult<Vec<Practitioner>>;
    /// Records time off or extra hours.
    async fn add_exception(
        &self,
        clinic: ClinicId,
        exception: &ScheduleException,
    ) -> StoreResult<ScheduleException>;
    /// Deletes an exception of the practitioner.
    async fn remove_exception(
        &self,
        clinic: ClinicId,
        practitioner: PractitionerId,
        id: ExceptionId,
    ) -> StoreResult<()>;
    /// Exceptions overlapping `[from, until)`, of one practitioner or all.
    async fn exceptions(
        &self,
        clinic: ClinicId,
        practitioner: Option<PractitionerId>,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
    ) -> StoreResult<Vec<ScheduleException>>;
    /// Records a closure.
    async fn add_closure(&self, clinic: ClinicId, closure: &Closure) -> StoreResult<Closure>;
    /// Deletes a closure.
    async fn remove_closure(&self, clinic: ClinicId, id: ClosureId) -> StoreResult<()>;
    /// Closures touching the days `first..=last`.
    async fn closures(
        &self,
        clinic: ClinicId,
        first: NaiveDate,
        last: NaiveDate,
    ) -> StoreResult<Vec<Closure>>;
}

/// Which patients to list.
#[derive(Debug, Clone, Default)]
pub struct PatientFilter {
    /// Only those with this phone (E.164).
    pub phone: Option<String>,
    /// Only those whose name holds these words in order (any case and accents), or whose
    /// phone holds these digits.
    pub search: Option<String>,
    /// After this one (cursor).
    pub after: Option<PatientId>,
    /// At most this many.
    pub limit: u32,
}

/// A clinic's patients.
#[async_trait]
pub trait PatientStore: Send + Sync {
    /// Records a patient.
    async fn create_patient(
        &self,
        clinic: ClinicId,
        id: PatientId,
        details: &PatientDetails,
        now: DateTime<Utc>,
    ) -> StoreResult<Patient>;
    /// Replaces a patient's details.
    async fn update_patient(
        &self,
        clinic: ClinicId,
        id: PatientId,
        details: &PatientDetails,
        now: DateTime<Utc>,
    ) -> StoreResult<Patient>;
    /// One patient.
    async fn patient(&self, clinic: ClinicId, id: PatientId) -> StoreResult<Option<Patient>>;
    /// Patients oldest first, optionally by phone.
    async fn patients(&self, clinic: ClinicId, filter: &PatientFilter)
    -> StoreResult<Vec<Patient>>;
}

/// An appointment to book.
#[derive(Debug, Clone)]
pub struct NewAppointment {
    /// Its id.
    pub id: AppointmentId,
    /// What.
    pub service_id: ServiceId,
    /// With whom.
    pub practitioner_id: PractitionerId,
    /// For whom.
    pub patient_id: PatientId,
    /// Starts.
    pub starts_at: DateTime<Utc>,
    /// Ends.
    pub ends_at: DateTime<Utc>,
    /// Busy from (start minus the buffer before).
    pub busy_from: DateTime<Utc>,
    /// Busy until (end plus the buffer after).
    pub busy_until: DateTime<Utc>,
    /// `Held` (with `hold_expires_at`) or `Confirmed`.
    pub status: AppointmentStatus,
    /// When a hold lapses.
    pub hold_expires_at: Option<DateTime<Utc>>,
    /// In person, online, follow-up.
    pub kind: AppointmentKind,
    /// Who created it.
    pub source: AppointmentSource,
    /// The service's price now.
    pub price: Option<Price>,
    /// Staff notes.
    pub notes: String,
    /// Who books it.
    pub actor: Actor,
    /// The client's `Idempotency-Key` and a fingerprint of its request.
    pub idempotency: Option<(String, String)>,
}

impl NewAppointment {
    /// The appointment as stored once booked at `now` (store precision).
    pub(crate) fn booked(&self, now: DateTime<Utc>) -> Appointment {
        let t = crate::portable::micros;
        Appointment {
            id: self.id,
            service_id: self.service_id,
            practitioner_id: self.practitioner_id,
            patient_id: self.patient_id,
            starts_at: t(self.starts_at),
            ends_at: t(self.ends_at),
            busy_from: t(self.busy_from),
            busy_until: t(self.busy_until),
            status: self.status,
            hold_expires_at: self.hold_expires_at.map(t),
            kind: self.kind,
            source: self.source,
            price: self.price.clone(),
            cancelled_by: None,
            late_cancellation: false,
            cancel_reason: None,
            arrived_at: None,
            notes: self.notes.clone(),
            sequence: 0,
            created_at: t(now),
            updated_at: t(now),
        }
    }
}

/// The reminders a confirmed appointment starting at `starts_at` gets: one per offset whose
/// time is still ahead at `now`.
pub(crate) fn reminder_times(
    policy: &SchedulingPolicy,
    starts_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Vec<(u32, DateTime<Utc>)> {
    policy
        .reminder_offsets_minutes
        .iter()
        .map(|m| (*m, starts_at - chrono::Duration::minutes(i64::from(*m))))
        .filter(|(_, due)| *due > now)
        .collect()
}

/// The outcome of a booking.
#[derive(Debug, Clone)]
pub struct Booking {
    /// The appointment.
    pub appointment: Appointment,
    /// True when an earlier request with the same idempotency key made it.
    pub replayed: bool,
}

/// A move to another time or practitioner; busy spans include the service's buffers.
#[derive(Debug, Clone)]
pub struct Reschedule {
    /// With whom.
    pub practitioner_id: PractitionerId,
    /// Starts.
    pub starts_at: DateTime<Utc>,
    /// Ends.
    pub ends_at: DateTime<Utc>,
    /// Busy from.
    pub busy_from: DateTime<Utc>,
    /// Busy until.
    pub busy_until: DateTime<Utc>,
}

/// Which appointments to list, ordered by start then id.
#[derive(Debug, Clone, Default)]
pub struct AppointmentFilter {
    /// Starting at or after.
    pub from: Option<DateTime<Utc>>,
    /// Starting before.
    pub until: Option<DateTime<Utc>>,
    /// With this practitioner.
    pub practitioner: Option<PractitionerId>,
    /// For this patient.
    pub patient: Option<PatientId>,
    /// In this status.
    pub status: Option<AppointmentStatus>,
    /// After this (start, id) position (cursor).
    pub after: Option<(DateTime<Utc>, AppointmentId)>,
    /// At most this many.
    pub limit: u32,
}

/// One change in an appointment's life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor: Actor,
    /// What: created, confirmed, rescheduled, cancelled, arrived, completed, no_show, expired.
    pub action: String,
    /// Status before (none on creation).
    pub from_status: Option<AppointmentStatus>,
    /// Status after.
    pub to_status: AppointmentStatus,
    /// Practitioner after the change.
    pub practitioner_id: PractitionerId,
    /// Start after the change.
    pub starts_at: DateTime<Utc>,
    /// End after the change.
    pub ends_at: DateTime<Utc>,
    /// Extra detail (a cancellation reason, the previous time).
    pub note: Option<String>,
}

/// A reminder for an appointment at one offset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Reminder {
    /// For which appointment.
    pub appointment_id: AppointmentId,
    /// Its clinic.
    #[serde(skip)]
    pub clinic_id: ClinicId,
    /// Minutes before the start.
    pub offset_minutes: u32,
    /// When it is due.
    pub due_at: DateTime<Utc>,
    /// `pending` until due, then `due` (recorded for the messaging outbox).
    pub status: String,
    /// When it was recorded as due.
    pub recorded_at: Option<DateTime<Utc>>,
}

/// A subscribable iCalendar feed (the secret token is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CalendarFeed {
    /// Its id.
    pub id: CalendarFeedId,
    /// One practitioner's appointments, or the whole clinic's.
    pub practitioner_id: Option<PractitionerId>,
    /// A name for staff ("Dr. Ana's phone").
    pub label: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Appointments: booking without double booking, changes with history, reminders, feeds.
#[async_trait]
pub trait AppointmentStore: Send + Sync {
    /// Books (holds or confirms) unless the practitioner's busy time overlaps another held or
    /// confirmed appointment (`SlotTaken`). With an idempotency key already used for the same
    /// request, returns that booking (`replayed`); for another request, `IdempotencyMismatch`.
    async fn book(
        &self,
        clinic: ClinicId,
        new: &NewAppointment,
        now: DateTime<Utc>,
    ) -> StoreResult<Booking>;
    /// Moves an appointment, with the same overlap rule.
    async fn reschedule(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        to: &Reschedule,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment>;
    /// Changes status under the domain's rules (`Refused` when they forbid it).
    async fn change_status(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
        change: &StatusChange,
        actor: Actor,
        now: DateTime<Utc>,
    ) -> StoreResult<Appointment>;
    /// One appointment.
    async fn appointment(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
    ) -> StoreResult<Option<Appointment>>;
    /// Its history, oldest first.
    async fn appointment_history(
        &self,
        clinic: ClinicId,
        id: AppointmentId,
    ) -> StoreResult<Vec<HistoryEntry>>;
    /// Appointments by filter, ordered by start then id.
    async fn appointments(
        &self,
        clinic: ClinicId,
        filter: &AppointmentFilter,
    ) -> StoreResult<Vec<Appointment>>;
    /// [`AppointmentStore::appointments`] with the service's, practitioner's and patient's
    /// names, in one query (joined, never one read per appointment).
    async fn named_appointments(
        &self,
        clinic: ClinicId,
        filter: &AppointmentFilter,
    ) -> StoreResult<Vec<NamedAppointment>>;
    /// Busy time of the clinic's practitioners overlapping `[from, until)`: confirmed
    /// appointments and holds still live at `now`.
    async fn busy_blocks(
        &self,
        clinic: ClinicId,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<(PractitionerId, BusyBlock)>>;
    /// Expires every lapsed hold, in every clinic; returns how many.
    async fn release_expired_holds(&self, now: DateTime<Utc>) -> StoreResult<u64>;
    /// An appointment's reminders.
    async fn reminders(&self, clinic: ClinicId, id: AppointmentId) -> StoreResult<Vec<Reminder>>;
    /// Marks every pending reminder due by `now` as due, in every clinic, queuing a
    /// `reminder` job for each in the same commit; returns them.
    async fn record_due_reminders(&self, now: DateTime<Utc>) -> StoreResult<Vec<Reminder>>;
    /// Creates a feed whose secret hashes to `token_hash`.
    async fn create_calendar_feed(
        &self,
        clinic: ClinicId,
        feed: &CalendarFeed,
        token_hash: &str,
    ) -> StoreResult<CalendarFeed>;
    /// The clinic's live feeds.
    async fn calendar_feeds(&self, clinic: ClinicId) -> StoreResult<Vec<CalendarFeed>>;
    /// Revokes a feed: its URL stops working at once.
    async fn revoke_calendar_feed(
        &self,
        clinic: ClinicId,
        id: CalendarFeedId,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// The live feed a secret token opens, and its clinic (the token is the credential).
    async fn calendar_feed_by_token(
        &self,
        token_hash: &str,
    ) -> StoreResult<Option<(ClinicId, CalendarFeed)>>;
}
