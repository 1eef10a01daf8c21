//! The built-in assistant in scripted conversations, in English, Turkish, Portuguese and
//! Spanish: what it says and what ends up in the calendar. Each message goes through the
//! real intake and the real turn (the same worker code the server runs), on both stores.

use std::sync::Arc;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use frontdesk::messaging::worker;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::scheduling::local_time;
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus, Patient};
use frontdesk_domain::{ChannelId, Clinic, ConversationId, PatientId};
use frontdesk_store::{AppointmentFilter, ChannelRecord, Intake, NewInbound, Store};
use serde_json::json;

use crate::helpers::{Backend, TestApp, spawn_app};

/// A clinic (the demo's: two practitioners, four services named in four languages).
pub struct Desk {
    pub app: TestApp,
    pub clinic: Clinic,
    pub web: ChannelId,
    pub whatsapp: ChannelId,
}

/// One patient writing.
pub struct Chat<'a> {
    desk: &'a Desk,
    channel: ChannelId,
    contact: String,
    phone: bool,
    sent: u32,
    pub conversation: Option<ConversationId>,
}

impl Desk {
    pub async fn open(backend: Backend) -> Desk {
        // No background workers: each test runs its turns itself, in order.
        let app = spawn_app(backend, &[("FRONTDESK_WORKERS", "0")]).await;
        frontdesk::demo::seed(&app.state).await.unwrap();
        let store = &app.state.store;
        let slug = frontdesk_domain::Slug::parse("slug", "bright-smile").unwrap();
        let clinic = store.clinic_by_slug_unscoped(&slug).await.unwrap().unwrap();
        let channels = store.channels(clinic.id).await.unwrap();
        let web = channels
            .iter()
            .find(|c| c.record.kind == ChannelKind::WebChat)
            .unwrap()
            .id;
        let whatsapp = store
            .create_channel(
                clinic.id,
                &ChannelRecord {
                    kind: ChannelKind::Twilio,
                    name: "WhatsApp".into(),
                    address: "+902125550100".into(),
                    route_key: None,
                    settings: json!({"debounce_ms": 0}),
                    // Never opened: these tests do not send.
                    credentials: "v1:k1:sealed".into(),
                    active: true,
                },
            )
            .await
            .unwrap()
            .id;
        Desk {
            app,
            clinic,
            web,
            whatsapp,
        }
    }

    pub fn store(&self) -> &dyn Store {
        &*self.app.state.store
    }

    /// A visitor of the web chat.
    pub fn web_visitor(&self, id: &str) -> Chat<'_> {
        Chat {
            desk: self,
            channel: self.web,
            contact: format!("web:{id}"),
            phone: false,
            sent: 0,
            conversation: None,
        }
    }

    /// Someone writing on WhatsApp from `phone`.
    pub fn phone(&self, phone: &str) -> Chat<'_> {
        Chat {
            desk: self,
            channel: self.whatsapp,
            contact: phone.into(),
            phone: true,
            sent: 0,
            conversation: None,
        }
    }

    /// A patient on file.
    pub async fn patient(&self, name: &str, phone: &str) -> Patient {
        let details = serde_json::from_value(json!({"name": name, "phone": phone})).unwrap();
        self.store()
            .create_patient(self.clinic.id, PatientId::new(), &details, Utc::now())
            .await
            .unwrap()
    }

    /// The patient's appointments, any status, by start.
    pub async fn calendar_of(&self, patient: PatientId) -> Vec<Appointment> {
        let filter = AppointmentFilter {
            patient: Some(patient),
            limit: 100,
            ..AppointmentFilter::default()
        };
        self.store()
            .appointments(self.clinic.id, &filter)
            .await
            .unwrap()
    }

    /// Every appointment of the clinic.
    pub async fn calendar(&self) -> Vec<Appointment> {
        let filter = AppointmentFilter {
            limit: 500,
            ..AppointmentFilter::default()
        };
        self.store()
            .appointments(self.clinic.id, &filter)
            .await
            .unwrap()
    }

    /// The service's id by its English name.
    pub async fn service(&self, english: &str) -> frontdesk_domain::ServiceId {
        self.store()
            .services(self.clinic.id)
            .await
            .unwrap()
            .into_iter()
            .find(|s| s.details.name["en"] == english)
            .unwrap()
            .id
    }

    /// The clinic's local date and time of an instant.
    pub fn local(&self, at: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
        local_time::local(self.clinic.profile.time_zone.0, at)
    }

    /// The clinic's today.
    pub fn today(&self) -> NaiveDate {
        self.local(Utc::now()).date()
    }

    /// The next `day` after today, in the clinic's zone.
    pub fn next(&self, day: Weekday) -> NaiveDate {
        let today = self.today();
        (1..=7)
            .map(|d| today + Duration::days(d))
            .find(|d| d.weekday() == day)
            .unwrap()
    }

    /// Runs every due turn, as the workers would.
    async fn run_turns(&self) {
        let state = &self.app.state;
        loop {
            let jobs = state
                .store
                .claim("dialog", 10, worker::LEASE, Utc::now())
                .await
                .unwrap();
            let turns: Vec<_> = jobs.into_iter().filter(|j| j.kind == "turn").collect();
            if turns.is_empty() {
                break;
            }
            for job in turns {
                worker::run(
                    &*state.store,
                    &state.messaging,
                    &state.knowledge,
                    "dialog",
                    job,
                )
                .await;
            }
        }
    }
}

impl Chat<'_> {
    /// Sends `text` and returns what the assistant answered to it.
    pub async fn says(&mut self, text: &str) -> String {
        self.sent += 1;
        let now = Utc::now();
        let store = self.desk.store();
        let accepted = store
            .accept_inbound(&[NewInbound {
                clinic_id: self.desk.clinic.id,
                channel_id: self.channel,
                contact: self.contact.clone(),
                contact_is_phone: self.phone,
                contact_name: None,
                provider_message_id: format!("{}-{}", self.contact, self.sent),
                content: json!({"type": "text", "body": text}),
                preview: text.into(),
                sent_at: Some(now),
                received_at: now,
                debounce: Duration::zero(),
                turn_attempts: worker::TURN_ATTEMPTS,
            }])
            .await
            .unwrap();
        let Intake::Accepted {
            conversation,
            message,
        } = accepted[0]
        else {
            panic!("not accepted")
        };
        self.conversation = Some(conversation);
        self.desk.run_turns().await;
        let messages = store
            .messages(self.desk.clinic.id, conversation, None, 100)
            .await
            .unwrap();
        let asked = messages.iter().find(|m| m.id == message).unwrap().seq;
        let reply: Vec<String> = messages
            .iter()
            .filter(|m| m.seq > asked && m.author == frontdesk_domain::messaging::Author::Assistant)
            .map(|m| m.preview.clone())
            .collect();
        assert!(!reply.is_empty(), "no answer to {text:?}");
        reply.join("\n")
    }

    /// Says `text` and checks the answer contains each of `expected`.
    pub async fn expect(&mut self, text: &str, expected: &[&str]) -> String {
        let reply = self.says(text).await;
        for e in expected {
            assert!(
                reply.to_lowercase().contains(&e.to_lowercase()),
                "to {text:?} the assistant said {reply:?}; expected {e:?}"
            );
        }
        reply
    }

    /// The conversation as staff see it.
    pub async fn as_staff_see_it(&self) -> frontdesk_store::Conversation {
        self.desk
            .store()
            .conversation(self.desk.clinic.id, self.conversation.unwrap())
            .await
            .unwrap()
    }

    /// The patient the conversation is linked to (web chat) or the first on the phone.
    pub async fn patient(&self) -> PatientId {
        self.as_staff_see_it().await.patient_id.expect("a patient")
    }
}

fn at(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// One confirmed appointment, at `day` `time`, of `service`.
async fn booked_once(desk: &Desk, patient: PatientId, service: &str, day: NaiveDate) -> Appointment {
    let live: Vec<Appointment> = desk
        .calendar_of(patient)
        .await
        .into_iter()
        .filter(|a| a.status.blocks_time())
        .collect();
    assert_eq!(live.len(), 1, "{live:#?}");
    let a = live[0].clone();
    assert_eq!(a.status, AppointmentStatus::Confirmed);
    assert_eq!(a.service_id, desk.service(service).await);
    assert_eq!(desk.local(a.starts_at).date(), day);
    a
}

macro_rules! dialogs {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Desk::open($crate::helpers::Backend::Sqlite).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Desk::open($crate::helpers::Backend::Postgres).await).await; })*
        }
    };
}

dialogs!(english_booking_with_changes_of_mind,);

async fn english_booking_with_changes_of_mind(desk: Desk) {
    let tuesday = desk.next(Weekday::Tue);
    let thursday = desk.next(Weekday::Thu);
    let mut ana = desk.web_visitor("ana");
    ana.expect("Hi!", &["Ayla", "Bright Smile Dental"]).await;
    ana.expect("I'd like to book a cleaning", &["When would you like to come for Check-up and cleaning"])
        .await;
    let offers = ana
        .expect("Tuesday morning please", &["1.", "2.", "Tuesday"])
        .await;
    assert!(!offers.contains("14:"), "morning only: {offers}");
    // Changes of mind: another service, then another day.
    ana.expect("actually, make it whitening", &["Teeth whitening", "1."])
        .await;
    ana.expect("hmm, Thursday afternoon is better", &["Thursday"])
        .await;
    ana.expect("the second one", &["May I have the patient's full name"])
        .await;
    let confirm = ana
        .expect("Ana Lima", &["Just to confirm", "Teeth whitening", "Thursday", "6,000.00 TRY", "Shall I book it?"])
        .await;
    assert!(confirm.contains("Elif"), "{confirm}");
    // Held, not booked, until the patient says yes.
    let held = desk.calendar().await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status, AppointmentStatus::Held);
    ana.expect("yes", &["Done! You're booked", "Teeth whitening"]).await;
    let patient = ana.patient().await;
    let a = booked_once(&desk, patient, "Teeth whitening", thursday).await;
    assert!(desk.local(a.starts_at).time() >= at(12, 0));
    assert_ne!(tuesday, thursday);
    let p = desk.store().patient(desk.clinic.id, patient).await.unwrap().unwrap();
    assert_eq!(p.details.name, "Ana Lima");
    assert_eq!(p.details.language, Some(frontdesk_domain::Language::En));
    let _ = Arc::new(());
}
