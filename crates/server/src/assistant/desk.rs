//! The front desk as one conversation's assistant sees it: the clinic and the people behind
//! the conversation's contact come from the conversation (which came from a verified
//! channel), never from the assistant. Every patient or appointment it names is checked to
//! be one of them; every booking goes through the same scheduling rules as staff and web.

use std::sync::Mutex;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use frontdesk_assistant::{Desk, DeskError, KnowledgeHit, Offer};
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::scheduling::{
    Actor, ActorKind, Appointment, AppointmentKind, AppointmentSource, AppointmentStatus,
    CancelledBy, PartOfDay, Patient, PatientDetails, Practitioner, Service, Slot, StatusChange,
};
use frontdesk_domain::{
    AppointmentId, Clinic, Language, MessageId, PatientId, PractitionerId, ServiceId,
};
use frontdesk_store::{AppointmentFilter, Conversation, PatientFilter, Store, StoreError};
use sha2::{Digest, Sha256};

use crate::knowledge::Knowledge;
use crate::knowledge::search::Source;
use crate::messaging::events::{EventBus, InboxEvent};
use crate::problem::ApiError;
use crate::service::scheduling::{self, BookingRequest, MAX_SEARCH_DAYS, SlotSearch};

/// Knowledge hits a turn reads (FAQs of the question's topic come from `faqs`, whatever
/// their rank).
const KNOWLEDGE_HITS: usize = 3;
/// FAQs a turn matches by topic (a clinic's list is short; this bounds a long one).
const MAX_FAQS: usize = 300;

/// Patients one contact may stand for (a family on one phone).
const MAX_HOUSEHOLD: u32 = 20;

/// The desk of one conversation's turn.
pub struct ConversationDesk<'a> {
    store: &'a dyn Store,
    knowledge: &'a Knowledge,
    clinic: &'a Clinic,
    conversation: &'a Conversation,
    /// The turn's last message: makes what the turn does repeatable without doubling it
    /// when the turn runs again after a crash.
    turn: MessageId,
    now: DateTime<Utc>,
    services: Vec<Service>,
    practitioners: Vec<Practitioner>,
    /// A patient recorded for this conversation during the turn.
    linked: Mutex<Option<PatientId>>,
    /// The household as last read this turn; a change through the desk forgets it.
    people: Mutex<Option<Vec<Patient>>>,
    /// The clinic's FAQs, read at most once a turn.
    faqs: Mutex<Option<Vec<KnowledgeHit>>>,
    /// Where calendars hear of the appointments the assistant changes.
    events: &'a EventBus,
}

fn actor() -> Actor {
    Actor {
        kind: ActorKind::Assistant,
        account_id: None,
    }
}

fn from_store(e: StoreError) -> DeskError {
    match e {
        StoreError::NotFound => DeskError::NotFound("no such appointment or patient here".into()),
        StoreError::SlotTaken(m) => DeskError::SlotTaken(m),
        StoreError::Refused(m) | StoreError::Conflict(m) | StoreError::UnknownReference(m) => {
            DeskError::Refused(m)
        }
        StoreError::IdempotencyMismatch => DeskError::Refused(e.to_string()),
        other => DeskError::Unavailable(other.to_string()),
    }
}

fn from_api(e: ApiError) -> DeskError {
    match e {
        ApiError::SlotTaken(m) => DeskError::SlotTaken(m),
        ApiError::NotFound(m) => DeskError::NotFound(m),
        ApiError::Validation(_) | ApiError::BadRequest { .. } => DeskError::Refused(e.to_string()),
        ApiError::NotNow(m) | ApiError::Conflict(m) => DeskError::Refused(m),
        other => DeskError::Unavailable(other.to_string()),
    }
}

impl<'a> ConversationDesk<'a> {
    /// Opens the desk for a turn of `conversation`, reading the clinic's bookable services
    /// and active practitioners once.
    pub async fn open(
        store: &'a dyn Store,
        knowledge: &'a Knowledge,
        clinic: &'a Clinic,
        conversation: &'a Conversation,
        turn: MessageId,
        now: DateTime<Utc>,
        events: &'a EventBus,
    ) -> Result<ConversationDesk<'a>, StoreError> {
        let (services, practitioners) =
            tokio::try_join!(store.services(clinic.id), store.practitioners(clinic.id))?;
        let practitioners: Vec<Practitioner> = practitioners
            .into_iter()
            .filter(|p| p.details.active)
            .collect();
        let services = services
            .into_iter()
            .filter(|s| s.details.active && s.details.patient_bookable)
            .filter(|s| {
                practitioners
                    .iter()
                    .any(|p| s.details.practitioner_ids.contains(&p.id))
            })
            .collect();
        Ok(ConversationDesk {
            store,
            knowledge,
            clinic,
            conversation,
            turn,
            now,
            services,
            practitioners,
            linked: Mutex::new(None),
            people: Mutex::new(None),
            faqs: Mutex::new(None),
            events,
        })
    }

    /// Tells live calendars of a change the assistant made.
    fn told(&self, changed: Result<Appointment, DeskError>) -> Result<Appointment, DeskError> {
        if let Ok(a) = &changed {
            self.events.send(InboxEvent::appointment(self.clinic.id, a));
        }
        changed
    }

    fn contact_phone(&self) -> Option<&str> {
        (self.conversation.channel_kind != ChannelKind::WebChat
            && self.conversation.contact.starts_with('+'))
        .then_some(self.conversation.contact.as_str())
    }

    fn linked(&self) -> Option<PatientId> {
        self.linked
            .lock()
            .ok()
            .and_then(|l| *l)
            .or(self.conversation.patient_id)
    }

    /// The patient, when they are one of this conversation's people.
    async fn member(&self, patient: PatientId) -> Result<Patient, DeskError> {
        self.household()
            .await?
            .into_iter()
            .find(|p| p.id == patient)
            .ok_or_else(|| {
                DeskError::NotFound("that patient is not one of this conversation's".into())
            })
    }

    /// The appointment, when it belongs to one of this conversation's people.
    async fn owned(&self, id: AppointmentId) -> Result<Appointment, DeskError> {
        let a = self
            .store
            .appointment(self.clinic.id, id)
            .await
            .map_err(from_store)?
            .ok_or_else(|| DeskError::NotFound("no such appointment".into()))?;
        self.member(a.patient_id)
            .await
            .map_err(|_| DeskError::NotFound("no such appointment among this patient's".into()))?;
        Ok(a)
    }

    /// An id that is the same each time this turn records this patient.
    fn patient_id_for(&self, name: &str) -> PatientId {
        let digest = Sha256::new()
            .chain_update(self.turn.as_uuid().as_bytes())
            .chain_update(name.as_bytes())
            .finalize();
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&digest[..16]);
        PatientId::from_uuid(uuid::Builder::from_custom_bytes(bytes).into_uuid())
    }

    async fn update(
        &self,
        patient: Patient,
        details: PatientDetails,
    ) -> Result<Patient, DeskError> {
        let details = details
            .validated(self.now.date_naive())
            .map_err(|e| DeskError::Refused(e.to_string()))?;
        self.forget_people();
        self.store
            .update_patient(self.clinic.id, patient.id, &details, self.now)
            .await
            .map_err(from_store)
    }

    fn forget_people(&self) {
        if let Ok(mut people) = self.people.lock() {
            *people = None;
        }
    }

    /// Reads the household from the store.
    async fn read_household(&self) -> Result<Vec<Patient>, DeskError> {
        let mut people = match self.contact_phone() {
            Some(phone) => self
                .store
                .patients(
                    self.clinic.id,
                    &PatientFilter {
                        phone: Some(phone.to_string()),
                        limit: MAX_HOUSEHOLD,
                        ..Default::default()
                    },
                )
                .await
                .map_err(from_store)?,
            None => vec![],
        };
        if let Some(id) = self.linked()
            && !people.iter().any(|p| p.id == id)
            && let Some(p) = self
                .store
                .patient(self.clinic.id, id)
                .await
                .map_err(from_store)?
        {
            people.push(p);
        }
        Ok(people)
    }
}

#[async_trait]
impl Desk for ConversationDesk<'_> {
    fn now(&self) -> DateTime<Utc> {
        self.now
    }

    fn services(&self) -> &[Service] {
        &self.services
    }

    fn practitioners(&self) -> &[Practitioner] {
        &self.practitioners
    }

    async fn find_slots(
        &self,
        service: ServiceId,
        practitioner: Option<PractitionerId>,
        from: NaiveDate,
        to: NaiveDate,
        part: Option<PartOfDay>,
        limit: usize,
    ) -> Result<Vec<Slot>, DeskError> {
        let to = to.min(from + chrono::Duration::days(MAX_SEARCH_DAYS - 1));
        let search = SlotSearch {
            service_id: service,
            practitioner_id: practitioner,
            from,
            to,
            part_of_day: part,
            limit,
            patient_facing: true,
            ignore: None,
        };
        scheduling::find_slots(self.store, self.clinic, &search, self.now)
            .await
            .map_err(from_api)
    }

    fn writer(&self) -> Option<PatientId> {
        self.linked()
    }

    async fn household(&self) -> Result<Vec<Patient>, DeskError> {
        // Read once a turn: the dialog asks for it at several steps.
        if let Ok(cached) = self.people.lock()
            && let Some(people) = cached.as_ref()
        {
            return Ok(people.clone());
        }
        let people = self.read_household().await?;
        if let Ok(mut cached) = self.people.lock() {
            *cached = Some(people.clone());
        }
        Ok(people)
    }

    async fn add_patient(&self, name: &str, language: Language) -> Result<Patient, DeskError> {
        let details = PatientDetails {
            name: name.to_string(),
            phone: self.contact_phone().map(String::from),
            email: None,
            language: Some(language),
            date_of_birth: None,
            notes: "Added by the assistant in a conversation.".into(),
        }
        .validated(self.now.date_naive())
        .map_err(|e| DeskError::Refused(e.to_string()))?;
        let id = self.patient_id_for(name);
        let patient = match self
            .store
            .create_patient(self.clinic.id, id, &details, self.now)
            .await
        {
            Ok(p) => p,
            // This turn ran before and recorded them already.
            Err(StoreError::Conflict(_)) => self
                .store
                .patient(self.clinic.id, id)
                .await
                .map_err(from_store)?
                .ok_or_else(|| DeskError::Unavailable("the patient vanished".into()))?,
            Err(e) => return Err(from_store(e)),
        };
        self.forget_people();
        if self.contact_phone().is_none() && self.conversation.patient_id.is_none() {
            self.store
                .link_patient(self.clinic.id, self.conversation.id, patient.id)
                .await
                .map_err(from_store)?;
            if let Ok(mut linked) = self.linked.lock() {
                *linked = Some(patient.id);
            }
        }
        Ok(patient)
    }

    async fn name_patient(&self, patient: PatientId, name: &str) -> Result<Patient, DeskError> {
        let p = self.member(patient).await?;
        let details = PatientDetails {
            name: name.to_string(),
            ..p.details.clone()
        };
        self.update(p, details).await
    }

    async fn remember_language(
        &self,
        patient: PatientId,
        language: Language,
    ) -> Result<(), DeskError> {
        let p = self.member(patient).await?;
        if p.details.language == Some(language) {
            return Ok(());
        }
        let details = PatientDetails {
            language: Some(language),
            ..p.details.clone()
        };
        self.update(p, details).await.map(|_| ())
    }

    async fn hold(
        &self,
        patient: PatientId,
        service: ServiceId,
        slot: &Offer,
    ) -> Result<Appointment, DeskError> {
        self.member(patient).await?;
        let key = format!(
            "assistant:{}:{}:{}",
            self.turn,
            slot.practitioner_id,
            slot.starts_at.timestamp()
        );
        let fingerprint = format!("{patient}:{service}");
        let request = BookingRequest {
            service_id: service,
            practitioner_id: Some(slot.practitioner_id),
            patient_id: patient,
            starts_at: slot.starts_at,
            hold: true,
            kind: AppointmentKind::InPerson,
            source: AppointmentSource::Assistant,
            notes: String::new(),
            actor: actor(),
            idempotency: Some((key, fingerprint)),
            beyond_horizon: false,
        };
        let booked = scheduling::book(self.store, self.clinic, request, self.now)
            .await
            .map(|b| b.appointment)
            .map_err(from_api);
        self.told(booked)
    }

    async fn confirm(&self, appointment: AppointmentId) -> Result<Appointment, DeskError> {
        let a = self.owned(appointment).await?;
        if a.status == AppointmentStatus::Confirmed {
            // Confirmed by an earlier run of this turn.
            return Ok(a);
        }
        let confirmed = self
            .store
            .change_status(
                self.clinic.id,
                appointment,
                &StatusChange::Confirm,
                actor(),
                self.now,
            )
            .await
            .map_err(from_store);
        self.told(confirmed)
    }

    async fn usual_practitioner(
        &self,
        patient: PatientId,
    ) -> Result<Option<PractitionerId>, DeskError> {
        self.member(patient).await?;
        let filter = AppointmentFilter {
            until: Some(self.now),
            patient: Some(patient),
            limit: 200,
            ..AppointmentFilter::default()
        };
        let past = self
            .store
            .appointments(self.clinic.id, &filter)
            .await
            .map_err(from_store)?;
        Ok(past
            .iter()
            .rev()
            .find(|a| {
                matches!(
                    a.status,
                    AppointmentStatus::Completed | AppointmentStatus::Confirmed
                )
            })
            .map(|a| a.practitioner_id)
            .filter(|p| self.practitioners.iter().any(|x| x.id == *p)))
    }

    async fn upcoming(&self) -> Result<Vec<Appointment>, DeskError> {
        let mut all = vec![];
        for p in self.household().await? {
            let filter = AppointmentFilter {
                from: Some(self.now),
                patient: Some(p.id),
                limit: 50,
                ..AppointmentFilter::default()
            };
            let found = self
                .store
                .appointments(self.clinic.id, &filter)
                .await
                .map_err(from_store)?;
            all.extend(found.into_iter().filter(|a| a.status.blocks_time()));
        }
        all.sort_by_key(|a| (a.starts_at, a.id));
        Ok(all)
    }

    async fn cancel(&self, appointment: AppointmentId) -> Result<Appointment, DeskError> {
        let a = self.owned(appointment).await?;
        if a.status == AppointmentStatus::Cancelled {
            return Ok(a);
        }
        let change = StatusChange::Cancel {
            by: CancelledBy::Patient,
            reason: Some("cancelled by the patient in a conversation with the assistant".into()),
        };
        let cancelled = self
            .store
            .change_status(self.clinic.id, appointment, &change, actor(), self.now)
            .await
            .map_err(from_store);
        self.told(cancelled)
    }

    async fn reschedule(
        &self,
        appointment: AppointmentId,
        to: &Offer,
    ) -> Result<Appointment, DeskError> {
        let a = self.owned(appointment).await?;
        if a.starts_at == to.starts_at && a.practitioner_id == to.practitioner_id {
            // Moved by an earlier run of this turn.
            return Ok(a);
        }
        a.check_reschedulable(self.now)
            .map_err(|e| DeskError::Refused(e.to_string()))?;
        let moved = scheduling::reschedule(
            self.store,
            self.clinic,
            appointment,
            scheduling::NewTime {
                starts_at: to.starts_at,
                practitioner_id: Some(to.practitioner_id),
                beyond_horizon: false,
            },
            actor(),
            self.now,
        )
        .await
        .map_err(from_api);
        self.told(moved)
    }

    async fn faqs(&self) -> Result<Vec<KnowledgeHit>, DeskError> {
        if let Ok(cached) = self.faqs.lock()
            && let Some(faqs) = cached.as_ref()
        {
            return Ok(faqs.clone());
        }
        let faqs: Vec<KnowledgeHit> = self
            .store
            .faqs(self.clinic.id, None)
            .await
            .map_err(from_store)?
            .into_iter()
            .take(MAX_FAQS)
            .map(|f| KnowledgeHit {
                text: f.answer,
                question: Some(f.question),
                similarity: None,
                lexical_rank: None,
            })
            .collect();
        if let Ok(mut cached) = self.faqs.lock() {
            *cached = Some(faqs.clone());
        }
        Ok(faqs)
    }

    async fn search_knowledge(&self, question: &str) -> Result<Vec<KnowledgeHit>, DeskError> {
        let found = self
            .knowledge
            .search(self.store, self.clinic.id, question, KNOWLEDGE_HITS)
            .await
            .map_err(|e| DeskError::Unavailable(e.to_string()))?;
        Ok(found
            .hits
            .into_iter()
            .map(|h| KnowledgeHit {
                question: match &h.source {
                    Source::Faq { question, .. } => Some(question.clone()),
                    Source::Document { .. } => None,
                },
                text: h.text,
                similarity: h.similarity,
                lexical_rank: h.lexical_rank,
            })
            .collect())
    }
}
