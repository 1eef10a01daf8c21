//! Appointment reminders go out through the outbox as the channel's approved
//! `appointment_reminder` template, in the patient's language (else the clinic's).
//! Its variables, in order: the patient's name, the local date and time, the service, the
//! practitioner; a template may use the first few.

use chrono::Utc;
use frontdesk_domain::messaging::{Author, ChannelKind};
use frontdesk_domain::scheduling::AppointmentStatus;
use frontdesk_domain::{AppointmentId, MessageId};
use frontdesk_store::{Job, JobKind, ReminderJob, Store, StoreError};

use super::complete;
use crate::messaging::Messaging;
use crate::messaging::channel_config::OpenChannel;
use crate::service::messaging::{Compose, TemplateChoice, compose};

/// The template name reminders use.
pub const TEMPLATE: &str = "appointment_reminder";

/// What became of a due reminder.
#[derive(Debug, PartialEq, Eq)]
pub enum ReminderOutcome {
    /// Queued for sending.
    Queued(MessageId),
    /// Queued by an earlier run of the same job.
    AlreadyQueued,
    /// Not sent, and why (no phone, no channel, no template, appointment gone).
    Skipped(String),
}

/// Queues one reminder. The message id is derived from the appointment, offset and start, so
/// a job run again after a crash finds its message already queued instead of sending twice.
pub async fn queue_reminder(
    store: &dyn Store,
    messaging: &Messaging,
    job: &Job,
) -> Result<ReminderOutcome, String> {
    let ReminderJob {
        clinic_id,
        appointment_id,
        offset_minutes: offset,
    } = job.payload().map_err(|e| e.to_string())?;
    let skip = |why: &str| Ok(ReminderOutcome::Skipped(why.to_string()));
    let e = |e: StoreError| e.to_string();
    let Some(appointment) = store
        .appointment(clinic_id, appointment_id)
        .await
        .map_err(e)?
    else {
        return skip("the appointment no longer exists");
    };
    if !matches!(
        appointment.status,
        AppointmentStatus::Confirmed | AppointmentStatus::Held
    ) || appointment.starts_at <= Utc::now()
    {
        return skip("the appointment is no longer upcoming");
    }
    let clinic = store.clinic(clinic_id).await.map_err(e)?;
    let patient = store
        .patient(clinic_id, appointment.patient_id)
        .await
        .map_err(e)?;
    let Some((patient, phone)) = patient.and_then(|p| p.details.phone.clone().map(|ph| (p, ph)))
    else {
        return skip("the patient has no phone number");
    };
    let channels = store.channels(clinic_id).await.map_err(e)?;
    let Some(channel) = channels
        .iter()
        .find(|c| c.record.active && c.record.kind != ChannelKind::WebChat)
    else {
        return skip("the clinic has no active WhatsApp channel");
    };
    let open = OpenChannel::open(channel, &messaging.keys)?;
    let language = patient
        .details
        .language
        .unwrap_or(clinic.profile.default_language)
        .code();
    let templates = store.templates(clinic_id, channel.id).await.map_err(e)?;
    let Some(template) = templates
        .iter()
        .filter(|t| t.name == TEMPLATE && t.approved)
        .find(|t| t.language.split('_').next() == Some(language))
        .or_else(|| templates.iter().find(|t| t.name == TEMPLATE && t.approved))
    else {
        return skip("the channel has no approved appointment_reminder template");
    };
    let service = store
        .service(clinic_id, appointment.service_id)
        .await
        .map_err(e)?;
    let practitioner = store
        .practitioner(clinic_id, appointment.practitioner_id)
        .await
        .map_err(e)?;
    let local = appointment
        .starts_at
        .with_timezone(&clinic.profile.time_zone.0)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    let all = [
        patient.details.name.clone(),
        local,
        service
            .map(|s| {
                s.details
                    .name_in(clinic.profile.default_language)
                    .to_string()
            })
            .unwrap_or_default(),
        practitioner.map(|p| p.details.name).unwrap_or_default(),
    ];
    let variables: Vec<String> = all
        .into_iter()
        .take(usize::try_from(template.variables).unwrap_or(0))
        .collect();
    let now = Utc::now();
    let conversation = store
        .open_conversation(clinic_id, channel.id, &phone, now)
        .await
        .map_err(e)?;
    let what = Compose {
        text: None,
        template: Some(TemplateChoice {
            name: template.name.clone(),
            language: template.language.clone(),
            variables,
        }),
    };
    let mut outbound = compose(
        store,
        clinic_id,
        &open,
        &conversation,
        &what,
        (Author::System, None),
        now,
    )
    .await
    .map_err(|e| e.to_string())?;
    let id = reminder_message_id(appointment_id, offset, appointment.starts_at);
    outbound.id = Some(id);
    match store
        .queue_outbound(
            clinic_id,
            conversation.id,
            &[outbound],
            JobKind::Send.max_attempts(),
            now,
        )
        .await
    {
        Ok(_) => {
            messaging.wake.notify_one();
            Ok(ReminderOutcome::Queued(id))
        }
        Err(StoreError::Conflict(_)) => Ok(ReminderOutcome::AlreadyQueued),
        Err(other) => Err(other.to_string()),
    }
}

/// A due appointment reminder: queued as a template message (sent by its own job).
pub async fn run(store: &dyn Store, m: &Messaging, worker: &str, job: &Job) -> Result<(), String> {
    match queue_reminder(store, m, job).await? {
        ReminderOutcome::Skipped(why) => {
            tracing::warn!(job = %job.id, payload = %job.payload, %why, "reminder not sent");
        }
        ReminderOutcome::Queued(_) | ReminderOutcome::AlreadyQueued => {}
    }
    complete(store, job, worker).await
}

/// The one message id a reminder (appointment, offset, the start it reminds of) can have: a
/// job run twice queues one message, and an appointment moved since gets a new one.
pub fn reminder_message_id(
    appointment: AppointmentId,
    offset_minutes: i64,
    starts_at: chrono::DateTime<Utc>,
) -> MessageId {
    use sha2::Digest;
    let digest = sha2::Sha256::new()
        .chain_update(appointment.as_uuid().as_bytes())
        .chain_update(offset_minutes.to_be_bytes())
        .chain_update(starts_at.timestamp().to_be_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    MessageId::from_uuid(uuid::Builder::from_custom_bytes(bytes).into_uuid())
}
