//! What the assistant may do at the front desk: search the calendar, hold, book, move and
//! cancel, look up the patients writing from this contact, search the knowledge base.
//!
//! A desk is bound to one clinic and one conversation by whoever builds it (the server,
//! from the conversation's verified channel). No method takes a clinic id, and every patient
//! or appointment argument must belong to the people of this conversation: both engines,
//! built-in and LLM, act only through this trait, so neither can reach another clinic's or
//! another patient's data.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_domain::scheduling::{Appointment, PartOfDay, Patient, Practitioner, Service, Slot};
use frontdesk_domain::{AppointmentId, Language, PatientId, PractitionerId, ServiceId};
use serde::{Deserialize, Serialize};

/// A slot the assistant offered, remembered between turns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// With whom.
    pub practitioner_id: PractitionerId,
    /// Starts (UTC).
    pub starts_at: DateTime<Utc>,
}

impl From<Slot> for Offer {
    fn from(s: Slot) -> Self {
        Offer {
            practitioner_id: s.practitioner_id,
            starts_at: s.starts_at,
        }
    }
}

/// A passage or FAQ the knowledge base found.
#[derive(Debug, Clone, PartialEq)]
pub struct KnowledgeHit {
    /// The FAQ's answer or the passage.
    pub text: String,
    /// The FAQ's question, for FAQs.
    pub question: Option<String>,
    /// Cosine similarity to the question, when vectors were searched.
    pub similarity: Option<f32>,
    /// Place in the full-text ranking, from 1.
    pub lexical_rank: Option<u32>,
}

/// Why the desk did not do something; the message says what to do instead.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DeskError {
    /// The scheduling rules refuse (a slot not offered, a lapsed hold, a past time).
    #[error("{0}")]
    Refused(String),
    /// Someone else has the time now.
    #[error("{0}")]
    SlotTaken(String),
    /// No such appointment or patient among this conversation's.
    #[error("{0}")]
    NotFound(String),
    /// The store or a service failed; the turn should be tried again.
    #[error("{0}")]
    Unavailable(String),
}

/// The front desk of one clinic, for one conversation.
#[async_trait]
pub trait Desk: Send + Sync {
    /// The current time.
    fn now(&self) -> DateTime<Utc>;
    /// The services patients may book here.
    fn services(&self) -> &[Service];
    /// The clinic's active practitioners.
    fn practitioners(&self) -> &[Practitioner];
    /// Free slots, earliest first, as availability offers them to patients.
    async fn find_slots(
        &self,
        service: ServiceId,
        practitioner: Option<PractitionerId>,
        from: NaiveDate,
        to: NaiveDate,
        part: Option<PartOfDay>,
        limit: usize,
    ) -> Result<Vec<Slot>, DeskError>;
    /// The patients behind this conversation's contact (several may share one phone).
    async fn household(&self) -> Result<Vec<Patient>, DeskError>;
    /// The patient the conversation is linked to: the one who writes (the phone's first
    /// patient), when known.
    fn writer(&self) -> Option<PatientId> {
        None
    }
    /// Records a new patient behind this contact.
    async fn add_patient(&self, name: &str, language: Language) -> Result<Patient, DeskError>;
    /// Gives a patient known only by their number their real name.
    async fn name_patient(&self, patient: PatientId, name: &str) -> Result<Patient, DeskError>;
    /// Remembers the language a patient writes in, for later conversations.
    async fn remember_language(
        &self,
        patient: PatientId,
        language: Language,
    ) -> Result<(), DeskError>;
    /// Holds an offered slot for a patient of this conversation while they confirm.
    async fn hold(
        &self,
        patient: PatientId,
        service: ServiceId,
        slot: &Offer,
    ) -> Result<Appointment, DeskError>;
    /// Turns this conversation's hold into a booking (the patient said yes).
    async fn confirm(&self, appointment: AppointmentId) -> Result<Appointment, DeskError>;
    /// The practitioner this patient saw most recently (their usual one), if any.
    async fn usual_practitioner(
        &self,
        patient: PatientId,
    ) -> Result<Option<PractitionerId>, DeskError>;
    /// Upcoming held or confirmed appointments of this conversation's patients.
    async fn upcoming(&self) -> Result<Vec<Appointment>, DeskError>;
    /// Cancels one of them for the patient (or releases a hold).
    async fn cancel(&self, appointment: AppointmentId) -> Result<Appointment, DeskError>;
    /// Moves one of them to an offered slot.
    async fn reschedule(
        &self,
        appointment: AppointmentId,
        to: &Offer,
    ) -> Result<Appointment, DeskError>;
    /// The clinic's best passages and FAQs for a question.
    async fn search_knowledge(&self, question: &str) -> Result<Vec<KnowledgeHit>, DeskError>;
    /// The clinic's FAQs (question and answer), whatever a search ranks: a question is
    /// matched to them by topic when its wording is far from theirs.
    async fn faqs(&self) -> Result<Vec<KnowledgeHit>, DeskError> {
        Ok(vec![])
    }
}
