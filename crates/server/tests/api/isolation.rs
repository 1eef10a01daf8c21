//! Tenant isolation, table-driven: every clinic-scoped route, as each role of the clinic, as
//! a member of another clinic, and as nobody. A route missing from the table fails the test.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::scheduling::{
    AppointmentStatus, Closure, ExceptionKind, PatientDetails, PractitionerDetails,
    ScheduleException, ServiceDetails,
};
use frontdesk_domain::{
    AccountId, AppointmentId, CalendarFeedId, ClinicId, ClosureId, Email, ExceptionId,
    InvitationId, PatientId, PersonName, PractitionerId, Role, ServiceId,
};
use frontdesk_store::{
    CalendarFeed, ChannelRecord, Intake, NewAccount, NewAppointment, NewInbound, NewInvitation,
    Template,
};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::helpers::{TestApp, User};
use crate::on_both_backends;

on_both_backends!(
    every_clinic_route_is_closed_to_outsiders,
    ids_from_another_clinic_are_unreachable
);

/// A free time for the fixture practitioner (fixture appointments sit earlier that day).
const FREE_SLOT: &str = "2030-01-07T14:00:00Z";

/// Who calls, in the order of each row's expected statuses.
const CALLERS: [&str; 6] = [
    "owner",
    "admin",
    "staff",
    "practitioner",
    "other clinic's owner",
    "anonymous",
];

/// A row body `{UPLOAD: text}` is sent as a multipart upload of a Markdown file.
const UPLOAD: &str = "$upload";

struct Row {
    method: Method,
    path: &'static str,
    body: Option<Value>,
    expect: [u16; 6],
}

fn table() -> Vec<Row> {
    let row = |method: Method, path: &'static str, body: Option<Value>, expect: [u16; 6]| Row {
        method,
        path,
        body,
        expect,
    };
    vec![
        row(
            Method::GET,
            "/api/v1/clinics/{slug}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}",
            Some(json!({"address": "Rua Augusta 1"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/members",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/members",
            Some(json!({"email": "{fresh_email}", "role": "staff"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/members/{account_id}",
            Some(json!({"role": "practitioner"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/members/{account_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/invitations/{invitation_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/scheduling-policy",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/scheduling-policy",
            Some(json!({"slot_grid_minutes": 30})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/services",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/services",
            Some(json!({"name": {"en": "Check-up"}, "duration_minutes": 20})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/services/{service_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/services/{service_id}",
            Some(json!({"description": "Gentle"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/practitioners",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/practitioners",
            Some(json!({"name": "Dr. New"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}",
            Some(json!({"title": "Dr."})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/working-hours",
            Some(json!({"monday": ["09:00-12:00"]})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions",
            Some(
                json!({"kind": "time_off", "starts_at": "2031-01-01T00:00:00Z", "ends_at": "2031-01-02T00:00:00Z"}),
            ),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions/{exception_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/closures",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/closures",
            Some(json!({"first_day": "2031-01-01"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/closures/{closure_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/patients",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/patients",
            Some(json!({"name": "New Patient"})),
            [201, 201, 201, 201, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/patients/{patient_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/patients/{patient_id}",
            Some(json!({"notes": "Prefers mornings"})),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/availability?service_id={service_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/appointments",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments",
            Some(
                json!({"service_id": "{service_id}", "practitioner_id": "{practitioner_id}", "patient_id": "{patient_id}", "starts_at": FREE_SLOT, "beyond_horizon": true}),
            ),
            [201, 201, 201, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}/reschedule",
            Some(json!({"starts_at": FREE_SLOT, "beyond_horizon": true})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{held_id}/confirm",
            Some(json!({})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}/cancel",
            Some(json!({"reason": "ill"})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}/arrive",
            Some(json!({})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{past_id}/complete",
            Some(json!({})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{past_id}/no-show",
            Some(json!({})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/calendar-feeds",
            None,
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/calendar-feeds",
            Some(json!({"label": "Front desk"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/calendar-feeds/{feed_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/assistant",
            None,
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/assistant",
            Some(
                json!({"engine": "openai", "base_url": "http://127.0.0.1:9", "model": "m", "api_key": "sk-secret"}),
            ),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/channels",
            None,
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/channels",
            Some(json!({"kind": "web_chat", "name": "Site", "address": "https://clinic.example"})),
            [201, 201, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            None,
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            Some(json!({"name": "Renamed"})),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        // Whoever answers the inbox reads the templates (outside WhatsApp's window they are
        // the only reply); only owners and admins change them.
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/channels/{channel_id}/templates",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/channels/{channel_id}/templates",
            Some(
                json!({"name": "follow_up", "language": "en", "body": "Hi {{1}}", "approved": true}),
            ),
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/channels/{channel_id}/templates/{template_id}",
            None,
            [204, 204, 403, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/channels/{channel_id}/test-send",
            Some(
                json!({"to": "+351910000000", "template": {"name": "hello", "language": "en", "variables": ["Ana"]}}),
            ),
            [202, 202, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/test-sends",
            None,
            [200, 200, 403, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/conversations",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/conversations?phone=%2B351910000001",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages",
            Some(json!({"text": "We can see you at 10:00."})),
            [202, 202, 202, 202, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/takeover",
            Some(json!({"minutes": 15})),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/release",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/read",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/close",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/assignee",
            Some(json!({"account_id": "{account_id}"})),
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/canned-replies",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/canned-replies",
            Some(json!({"shortcut": "new{fresh_shortcut}", "language": "en", "body": "Hello."})),
            [201, 201, 201, 403, 404, 401],
        ),
        row(
            Method::PATCH,
            "/api/v1/clinics/{slug}/canned-replies/{reply_id}",
            Some(json!({"body": "Changed."})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/canned-replies/{reply_id}",
            None,
            [204, 204, 204, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/inbox/events",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/documents",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/knowledge/documents",
            Some(json!({UPLOAD: "# Parking\n\nFree parking behind the clinic."})),
            [202, 202, 202, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            Some(json!({UPLOAD: "# Parking\n\nParking costs 2 euros."})),
            [202, 202, 202, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            None,
            [204, 204, 204, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}/chunks",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/faqs",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/knowledge/faqs",
            Some(json!({"language": "en", "question": "Parking?", "answer": "Yes."})),
            [201, 201, 201, 403, 404, 401],
        ),
        row(
            Method::POST,
            "/api/v1/clinics/{slug}/knowledge/faqs/import",
            Some(json!([{"language": "pt", "question": "Estacionamento?", "answer": "Sim."}])),
            [201, 201, 201, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
        row(
            Method::PUT,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            Some(json!({"language": "en", "question": "Parking?", "answer": "No."})),
            [200, 200, 200, 403, 404, 401],
        ),
        row(
            Method::DELETE,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            None,
            [204, 204, 204, 403, 404, 401],
        ),
        row(
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/search?q=parking",
            None,
            [200, 200, 200, 200, 404, 401],
        ),
    ]
}

/// A Twilio channel (test number allowlisted, an approved template) and a conversation with
/// a fresh inbound message, all in `clinic`.
async fn fresh_messaging(app: &TestApp, clinic: ClinicId) -> Vec<(&'static str, String)> {
    let store = &app.state.store;
    let sealed = app
        .state
        .messaging
        .keys
        .seal(clinic, br#"{"account_sid":"AC1","auth_token":"t"}"#)
        .unwrap();
    let channel = store
        .create_channel(
            clinic,
            &ChannelRecord {
                kind: ChannelKind::Twilio,
                name: "Fixture".into(),
                address: "+351210000009".into(),
                route_key: None,
                settings: json!({"test_allowlist": ["+351910000000"], "debounce_ms": 30000}),
                credentials: sealed,
                active: true,
            },
        )
        .await
        .unwrap();
    let template = store
        .put_template(
            clinic,
            &Template {
                id: uuid::Uuid::now_v7(),
                channel_id: channel.id,
                name: "hello".into(),
                language: "en".into(),
                body: "Hello {{1}}".into(),
                variables: 1,
                provider_ref: "HX1".into(),
                approved: true,
            },
        )
        .await
        .unwrap();
    let now = Utc::now();
    let accepted = store
        .accept_inbound(&[NewInbound {
            clinic_id: clinic,
            channel_id: channel.id,
            contact: "+351910000001".into(),
            contact_is_phone: true,
            contact_name: None,
            provider_message_id: format!("SM{}", uuid::Uuid::now_v7().simple()),
            content: json!({"type": "text", "body": "Hello"}),
            preview: "Hello".into(),
            sent_at: Some(now),
            received_at: now,
            debounce: Duration::minutes(1),
            turn_attempts: 1,
        }])
        .await
        .unwrap();
    let Intake::Accepted { conversation, .. } = accepted[0] else {
        panic!("fixture message not accepted")
    };
    vec![
        ("{channel_id}", channel.id.to_string()),
        ("{template_id}", template.id.to_string()),
        ("{conversation_id}", conversation.to_string()),
    ]
}

/// A ready document and an FAQ in `clinic`.
async fn fresh_knowledge(app: &TestApp, clinic: ClinicId) -> Vec<(&'static str, String)> {
    let store = &app.state.store;
    let now = Utc::now();
    let document = store
        .create_document(
            clinic,
            &frontdesk_store::NewDocument {
                title: "Fixture guide".into(),
                filename: Some("guide.md".into()),
                format: "markdown".into(),
                content_type: None,
                content: b"# Parking\n\nFixture parking is free.".to_vec(),
                sha256: "00".repeat(32),
            },
            None,
            now,
        )
        .await
        .unwrap();
    let ready = frontdesk_store::Extraction::Ready {
        title: None,
        language: Some("en".into()),
        chunks: vec![frontdesk_store::NewChunk {
            position: 0,
            heading_path: vec!["Parking".into()],
            text: "Fixture parking is free.".into(),
            tokens: 5,
        }],
    };
    store
        .finish_extraction(clinic, document.id, 1, &ready, now)
        .await
        .unwrap();
    let faq = store
        .create_faqs(
            clinic,
            &[frontdesk_store::NewFaq {
                language: "en".into(),
                question: "Fixture question about parking?".into(),
                answer: "Fixture answer.".into(),
            }],
            now,
        )
        .await
        .unwrap();
    let reply = store
        .create_canned_reply(
            clinic,
            &frontdesk_store::NewCannedReply {
                // The random end of a v7 id: unique per fixture, within the 32 allowed.
                shortcut: format!("f{}", &uuid::Uuid::now_v7().simple().to_string()[16..]),
                language: "en".into(),
                body: "Fixture reply.".into(),
            },
            now,
        )
        .await
        .unwrap();
    vec![
        ("{document_id}", document.id.to_string()),
        ("{faq_id}", faq[0].id.to_string()),
        ("{reply_id}", reply.id.to_string()),
    ]
}

/// Sends `text` as a Markdown file upload.
async fn upload(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    text: &str,
) -> reqwest::Response {
    let part = reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("guide.md");
    let mut req = app
        .client
        .request(method, format!("{}{path}", app.base))
        .multipart(reqwest::multipart::Form::new().part("file", part));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req.send().await.unwrap()
}

/// A staff member of `clinic` created directly in the store (no password hashing: fast).
async fn fresh_member(app: &TestApp, clinic: ClinicId, n: usize) -> AccountId {
    let account = app
        .state
        .store
        .create_account(&NewAccount {
            id: AccountId::new(),
            email: Email::parse("e", &format!("target{n}@a.com")).unwrap(),
            name: PersonName::parse("n", "Target").unwrap(),
            password_hash: "$argon2id$unused".into(),
            hq_role: None,
            created_at: Utc::now(),
        })
        .await
        .unwrap();
    app.state
        .store
        .add_member(clinic, account.id, Role::Staff)
        .await
        .unwrap();
    account.id
}

async fn fresh_invitation(
    app: &TestApp,
    clinic: ClinicId,
    by: AccountId,
    n: usize,
) -> InvitationId {
    let now = Utc::now();
    let new = NewInvitation {
        id: InvitationId::new(),
        email: Email::parse("e", &format!("invitee{n}@a.com")).unwrap(),
        role: Role::Staff,
        token_hash: format!("hash-{n}-{}", uuid::Uuid::now_v7()),
        invited_by: by,
        created_at: now,
        expires_at: now + Duration::days(1),
    };
    app.state
        .store
        .create_invitation(clinic, &new)
        .await
        .unwrap()
        .id
}

/// A practitioner working every day, a service, a patient, appointments (confirmed,
/// held, past), an exception, a closure and a calendar feed, all in `clinic`.
async fn fresh_calendar(app: &TestApp, clinic: ClinicId) -> Vec<(&'static str, String)> {
    let store = &app.state.store;
    let practitioner = PractitionerId::new();
    let details: PractitionerDetails = serde_json::from_value(json!({
        "name": "Dr. Fixture",
        "working_hours": {"monday": ["06:00-20:00"], "tuesday": ["06:00-20:00"]}
    }))
    .unwrap();
    store
        .create_practitioner(clinic, practitioner, &details)
        .await
        .unwrap();
    let service = ServiceId::new();
    let details: ServiceDetails = serde_json::from_value(json!({
        "name": {"en": "Fixture"}, "duration_minutes": 30, "practitioner_ids": [practitioner]
    }))
    .unwrap();
    store
        .create_service(clinic, service, &details)
        .await
        .unwrap();
    let patient = PatientId::new();
    let details: PatientDetails =
        serde_json::from_value(json!({"name": "Fixture Patient"})).unwrap();
    store
        .create_patient(clinic, patient, &details, Utc::now())
        .await
        .unwrap();
    let book = |start: DateTime<Utc>, status: AppointmentStatus| NewAppointment {
        status,
        hold_expires_at: (status == AppointmentStatus::Held)
            .then(|| Utc::now() + Duration::minutes(10)),
        ..frontdesk_store::testing::appointment(service, practitioner, patient, start, 30)
    };
    let day: DateTime<Utc> = "2030-01-07T10:00:00Z".parse().unwrap();
    let mut ids = vec![];
    for (name, start, status) in [
        ("{appointment_id}", day, AppointmentStatus::Confirmed),
        (
            "{held_id}",
            day + Duration::hours(2),
            AppointmentStatus::Held,
        ),
        (
            "{past_id}",
            Utc::now() - Duration::hours(3),
            AppointmentStatus::Confirmed,
        ),
    ] {
        let booked = store
            .book(clinic, &book(start, status), Utc::now())
            .await
            .unwrap();
        ids.push((name, booked.appointment.id.to_string()));
    }
    let exception = ScheduleException {
        id: ExceptionId::new(),
        practitioner_id: practitioner,
        kind: ExceptionKind::TimeOff,
        starts_at: day + Duration::days(7),
        ends_at: day + Duration::days(8),
        note: String::new(),
    };
    store.add_exception(clinic, &exception).await.unwrap();
    let closure = Closure {
        id: ClosureId::new(),
        first_day: (day + Duration::days(30)).date_naive(),
        last_day: (day + Duration::days(30)).date_naive(),
        reason: String::new(),
    };
    store.add_closure(clinic, &closure).await.unwrap();
    let feed = CalendarFeed {
        id: CalendarFeedId::new(),
        practitioner_id: None,
        label: "Fixture".into(),
        created_at: Utc::now(),
    };
    store
        .create_calendar_feed(clinic, &feed, &format!("hash-{}", feed.id))
        .await
        .unwrap();
    ids.extend([
        ("{practitioner_id}", practitioner.to_string()),
        ("{service_id}", service.to_string()),
        ("{patient_id}", patient.to_string()),
        ("{exception_id}", exception.id.to_string()),
        ("{closure_id}", closure.id.to_string()),
        ("{feed_id}", feed.id.to_string()),
    ]);
    ids
}

struct World {
    callers: Vec<Option<User>>,
    clinic_a: ClinicId,
    owner_a: AccountId,
}

async fn world(app: &TestApp) -> World {
    let owner = app.signup("owner@a.com", "clinic-a").await;
    let admin = app.join(&owner, "clinic-a", "admin@a.com", "admin").await;
    let staff = app.join(&owner, "clinic-a", "staff@a.com", "staff").await;
    let practitioner = app
        .join(&owner, "clinic-a", "doc@a.com", "practitioner")
        .await;
    let other = app.signup("owner@b.com", "clinic-b").await;
    let owner_a = AccountId::from_uuid(owner.account_id.parse().unwrap());
    let slug = frontdesk_domain::Slug::parse("s", "clinic-a").unwrap();
    let clinic_a = app
        .state
        .store
        .clinic_access(owner_a, &slug)
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    World {
        callers: vec![
            Some(owner),
            Some(admin),
            Some(staff),
            Some(practitioner),
            Some(other),
            None,
        ],
        clinic_a,
        owner_a,
    }
}

async fn every_clinic_route_is_closed_to_outsiders(app: TestApp) {
    let w = world(&app).await;
    let mut n = 0;
    for row in table() {
        for (who, caller) in CALLERS.iter().zip(&w.callers) {
            n += 1;
            let target = fresh_member(&app, w.clinic_a, n).await;
            let invitation = fresh_invitation(&app, w.clinic_a, w.owner_a, n).await;
            let mut ids = fresh_calendar(&app, w.clinic_a).await;
            ids.extend(fresh_messaging(&app, w.clinic_a).await);
            ids.extend(fresh_knowledge(&app, w.clinic_a).await);
            ids.push(("{slug}", "clinic-a".into()));
            ids.push(("{account_id}", target.to_string()));
            ids.push(("{invitation_id}", invitation.to_string()));
            ids.push(("{fresh_email}", format!("fresh{n}@a.com")));
            ids.push(("{fresh_shortcut}", n.to_string()));
            let fill = |text: String| {
                ids.iter()
                    .fold(text, |t, (placeholder, id)| t.replace(placeholder, id))
            };
            let path = fill(row.path.to_string());
            let body = row
                .body
                .as_ref()
                .map(|b| serde_json::from_str(&fill(b.to_string())).unwrap());
            let token = caller.as_ref().map(|u| u.access.as_str());
            let res = match body.as_ref().and_then(|b: &Value| b[UPLOAD].as_str()) {
                Some(text) => upload(&app, row.method.clone(), &path, token, text).await,
                None => app.request(row.method.clone(), &path, token, body).await,
            };
            let expected = row.expect[CALLERS.iter().position(|c| c == who).unwrap()];
            let status = res.status().as_u16();
            // The live stream never ends: its 200 is the answer.
            let streaming = status == 200 && path.ends_with("/inbox/events");
            let text = if streaming {
                String::new()
            } else {
                res.text().await.unwrap()
            };
            assert_eq!(
                status, expected,
                "{} {} as {who}: {text}",
                row.method, row.path
            );
            if status == 404 {
                assert!(
                    !text.contains("Clinic clinic-a") && !text.contains("target"),
                    "a 404 reveals nothing: {text}"
                );
            }
        }
    }

    // Every clinic-scoped route in the API is in the table.
    let spec = app.get_ok("/openapi.json", None, StatusCode::OK).await;
    let mut documented = BTreeSet::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        if path.starts_with("/api/v1/clinics/{slug}") {
            for method in item.as_object().unwrap().keys() {
                documented.insert(format!("{} {path}", method.to_uppercase()));
            }
        }
    }
    let tested: BTreeSet<String> = table()
        .iter()
        .map(|r| {
            // Rows name which fixture appointment they act on; the API calls each one
            // `appointment_id`.
            let path = r.path.split('?').next().unwrap_or(r.path);
            let path = path
                .replace("{held_id}", "{appointment_id}")
                .replace("{past_id}", "{appointment_id}");
            format!("{} {path}", r.method)
        })
        .collect();
    assert_eq!(
        documented, tested,
        "add new clinic-scoped routes to the isolation table"
    );
}

async fn ids_from_another_clinic_are_unreachable(app: TestApp) {
    let w = world(&app).await;
    let other = w.callers[4].as_ref().unwrap();
    let target = fresh_member(&app, w.clinic_a, 1).await;
    let invitation = fresh_invitation(&app, w.clinic_a, w.owner_a, 1).await;
    // Clinic B's owner, on clinic B's own routes, names clinic A's member and invitation.
    let member_path = format!("/api/v1/clinics/clinic-b/members/{target}");
    app.call(
        Method::PATCH,
        &member_path,
        Some(&other.access),
        Some(json!({"role": "owner"})),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.call(
        Method::DELETE,
        &member_path,
        Some(&other.access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let inv_path = format!("/api/v1/clinics/clinic-b/invitations/{invitation}");
    app.call(
        Method::DELETE,
        &inv_path,
        Some(&other.access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
    let members = app
        .get_ok(
            "/api/v1/clinics/clinic-b/members",
            Some(&other.access),
            StatusCode::OK,
        )
        .await;
    assert!(!members.to_string().contains("target1@a.com"));
    // Nothing in clinic A changed.
    let m = app
        .state
        .store
        .member(w.clinic_a, target)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(m.role, Role::Staff);
    assert_eq!(
        app.state.store.invitations(w.clinic_a).await.unwrap().len(),
        1
    );
    // The same for the calendar: clinic A's practitioner, service, patient, appointment,
    // exception, closure and feed, named through clinic B's routes.
    let mut ids: std::collections::HashMap<_, _> =
        fresh_calendar(&app, w.clinic_a).await.into_iter().collect();
    ids.extend(fresh_messaging(&app, w.clinic_a).await);
    ids.extend(fresh_knowledge(&app, w.clinic_a).await);
    let fill = |path: &str| {
        ids.iter()
            .fold(path.replace("{slug}", "clinic-b"), |p, (k, v)| {
                p.replace(k, v)
            })
    };
    for (method, path, body) in [
        (
            Method::GET,
            "/api/v1/clinics/{slug}/services/{service_id}",
            None,
        ),
        (
            Method::PATCH,
            "/api/v1/clinics/{slug}/services/{service_id}",
            Some(json!({"active": false})),
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}",
            None,
        ),
        (
            Method::PUT,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/working-hours",
            Some(json!({})),
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions",
            None,
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/practitioners/{practitioner_id}/exceptions/{exception_id}",
            None,
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/closures/{closure_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/patients/{patient_id}",
            None,
        ),
        (
            Method::PATCH,
            "/api/v1/clinics/{slug}/patients/{patient_id}",
            Some(json!({"notes": "x"})),
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}",
            None,
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}/cancel",
            Some(json!({})),
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{appointment_id}/reschedule",
            Some(json!({"starts_at": FREE_SLOT, "beyond_horizon": true})),
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/appointments/{held_id}/confirm",
            Some(json!({})),
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/calendar-feeds/{feed_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            None,
        ),
        (
            Method::PATCH,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            Some(json!({"active": false})),
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/channels/{channel_id}/templates",
            None,
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/channels/{channel_id}/templates",
            Some(json!({"name": "x", "language": "en", "body": "x"})),
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/channels/{channel_id}/test-send",
            Some(json!({"to": "+351910000000"})),
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/channels/{channel_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages",
            None,
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages",
            Some(json!({"text": "hi"})),
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/takeover",
            Some(json!({})),
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/release",
            None,
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/read",
            None,
        ),
        (
            Method::PUT,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/assignee",
            Some(json!({"account_id": null})),
        ),
        (
            Method::PATCH,
            "/api/v1/clinics/{slug}/canned-replies/{reply_id}",
            Some(json!({"body": "Hijacked."})),
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/canned-replies/{reply_id}",
            None,
        ),
        (
            Method::POST,
            "/api/v1/clinics/{slug}/conversations/{conversation_id}/close",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}/chunks",
            None,
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/knowledge/documents/{document_id}",
            None,
        ),
        (
            Method::GET,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            None,
        ),
        (
            Method::PUT,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            Some(json!({"language": "en", "question": "x", "answer": "y"})),
        ),
        (
            Method::DELETE,
            "/api/v1/clinics/{slug}/knowledge/faqs/{faq_id}",
            None,
        ),
    ] {
        app.call(
            method,
            &fill(path),
            Some(&other.access),
            body,
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    // Replacing clinic A's document through clinic B's route finds nothing either.
    let res = upload(
        &app,
        Method::PUT,
        &fill("/api/v1/clinics/{slug}/knowledge/documents/{document_id}"),
        Some(&other.access),
        "# Hijacked",
    )
    .await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // Clinic B's search never returns clinic A's text, and A's knowledge is untouched.
    let found = app
        .get_ok(
            "/api/v1/clinics/clinic-b/knowledge/search?q=fixture%20parking",
            Some(&other.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(found["hits"], json!([]), "{found}");
    let document = ids["{document_id}"].parse().unwrap();
    let kept = app
        .state
        .store
        .document(w.clinic_a, document, None)
        .await
        .unwrap();
    assert_eq!((kept.revision, kept.chunk_count), (1, 1));
    assert_eq!(
        app.state
            .store
            .faq(w.clinic_a, ids["{faq_id}"].parse().unwrap())
            .await
            .unwrap()
            .answer,
        "Fixture answer."
    );
    let reply = app
        .state
        .store
        .canned_reply(w.clinic_a, ids["{reply_id}"].parse().unwrap())
        .await
        .unwrap();
    assert_eq!(reply.body, "Fixture reply.", "untouched by clinic B");
    // Clinic B's lists hold nothing of clinic A's: not its contact's conversation when asked
    // by its number, not its appointments or the names they carry.
    let found = app
        .get_ok(
            "/api/v1/clinics/clinic-b/conversations?phone=%2B351910000001",
            Some(&other.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(found["items"], json!([]), "{found}");
    let found = app
        .get_ok(
            "/api/v1/clinics/clinic-a/conversations?phone=%2B351910000001",
            Some(&w.callers[0].as_ref().unwrap().access),
            StatusCode::OK,
        )
        .await;
    assert!(!found["items"].as_array().unwrap().is_empty(), "{found}");
    let listed = app
        .get_ok(
            "/api/v1/clinics/clinic-b/appointments?from=2000-01-01T00:00:00Z",
            Some(&other.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(listed["items"], json!([]), "{listed}");
    // Clinic A's channel and conversation are as they were.
    let channel = frontdesk_domain::ChannelId::from_uuid(ids["{channel_id}"].parse().unwrap());
    let kept = app.state.store.channel(w.clinic_a, channel).await.unwrap();
    assert!(kept.record.active && kept.record.name == "Fixture");
    let conversation =
        frontdesk_domain::ConversationId::from_uuid(ids["{conversation_id}"].parse().unwrap());
    let c = app
        .state
        .store
        .conversation(w.clinic_a, conversation)
        .await
        .unwrap();
    assert!(c.taken_over_by.is_none() && c.unread == 1 && c.last_seq == 1);
    // Booking in clinic B with clinic A's ids names the field, and books nothing.
    let body = fill(
        &json!({"service_id": "{service_id}", "practitioner_id": "{practitioner_id}",
        "patient_id": "{patient_id}", "starts_at": FREE_SLOT, "beyond_horizon": true})
        .to_string(),
    );
    app.call(
        Method::POST,
        "/api/v1/clinics/clinic-b/appointments",
        Some(&other.access),
        Some(serde_json::from_str(&body).unwrap()),
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let path = fill("/api/v1/clinics/{slug}/availability?service_id={service_id}");
    app.call(
        Method::GET,
        &path,
        Some(&other.access),
        None,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    let appointment: AppointmentId =
        AppointmentId::from_uuid(ids["{appointment_id}"].parse().unwrap());
    let untouched = app
        .state
        .store
        .appointment(w.clinic_a, appointment)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched.status, AppointmentStatus::Confirmed);
    assert_eq!(
        app.state
            .store
            .calendar_feeds(w.clinic_a)
            .await
            .unwrap()
            .len(),
        1
    );

    // Malformed ids are plain 404s, not 500s.
    app.call(
        Method::DELETE,
        "/api/v1/clinics/clinic-a/members/not-a-uuid",
        Some(&w.callers[0].as_ref().unwrap().access),
        None,
        StatusCode::NOT_FOUND,
    )
    .await;
}
