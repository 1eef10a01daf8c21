//! Rows of the messaging tables and their conversion to the contract's types.

use chrono::{DateTime, Utc};
use frontdesk_domain::messaging::{Author, ChannelKind, Direction, MessageStatus};
use frontdesk_domain::{AccountId, ChannelId, ClinicId, ConversationId, MessageId, PatientId};
use sqlx::types::Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::jobs::{JobPayload, TurnJob};
use crate::messaging::{Channel, ChannelRecord, Conversation, Message, Template, TestSendAttempt};

/// The intake's statements, run as written by both the sqlx path and SQLite's in-place
/// writer (`sqlite_intake`), so the two stay in step.
pub(crate) const SEEN_MESSAGE: &str =
    "SELECT seq FROM messages WHERE channel_id = $1 AND provider_message_id = $2";
/// Opens a conversation, or moves its last message (and sequence) on.
pub(crate) const UPSERT_CONVERSATION: &str = "INSERT INTO conversations (id, clinic_id, channel_id, contact, contact_name, patient_id, \
     state, status, needs_human, human_reason, taken_over_by, taken_over_until, \
     last_inbound_at, last_message_at, last_seq, read_seq, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $5, NULL, '{}', 'open', FALSE, NULL, NULL, NULL, $6, $7, $8, 0, $7, $7) \
     ON CONFLICT (clinic_id, channel_id, contact) DO UPDATE SET \
     last_seq = conversations.last_seq + $8, \
     last_inbound_at = COALESCE(excluded.last_inbound_at, conversations.last_inbound_at), \
     last_message_at = excluded.last_message_at, \
     contact_name = COALESCE(excluded.contact_name, conversations.contact_name), \
     status = 'open', updated_at = excluded.updated_at \
     RETURNING id, last_seq, patient_id";
/// The patient first recorded with a phone number.
pub(crate) const PATIENT_BY_PHONE: &str =
    "SELECT id FROM patients WHERE clinic_id = $1 AND phone = $2 ORDER BY created_at, id LIMIT 1";
/// A lead: a patient known only by the number they wrote from.
pub(crate) const INSERT_LEAD: &str = "INSERT INTO patients (id, clinic_id, name, phone, email, language, date_of_birth, notes, \
     created_at, updated_at) VALUES ($1, $2, $3, $4, NULL, NULL, NULL, 'Lead: first wrote on WhatsApp.', $5, $5)";
/// Links a conversation to its patient.
pub(crate) const LINK_PATIENT: &str = "UPDATE conversations SET patient_id = $2 WHERE id = $1";
/// An inbound message; a concurrent duplicate inserts nothing.
pub(crate) const INSERT_INBOUND: &str = "INSERT INTO messages (id, clinic_id, conversation_id, channel_id, seq, direction, author, \
     author_account, provider_message_id, content, preview, template, turn, status, status_rank, \
     error, sent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'inbound', 'patient', NULL, \
     $6, $7, $8, NULL, NULL, 'received', 0, NULL, $9, $10, $10) \
     ON CONFLICT (channel_id, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING \
     RETURNING id";
/// Moves a conversation's queued turn to its new due time (the debounce), unless the turn
/// was queued before `$4`: a patient who keeps typing still gets an answer. The lane index's
/// own condition is repeated word for word: SQLite uses a partial index only when the query
/// names its terms, and otherwise read every turn job ever made through (kind, dedupe_key).
pub(crate) const MOVE_TURN: &str = "UPDATE jobs SET run_at = CASE WHEN created_at > $4 THEN $2 ELSE run_at END, \
     updated_at = $3 WHERE lane = $1 AND kind = $5 AND status IN ('queued', 'running') \
     AND status = 'queued'";
/// Queues a conversation's turn.
pub(crate) const INSERT_TURN: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, \
     max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, $7, $2, NULL, $3, 'queued', $4, 0, $5, NULL, NULL, NULL, $6, $6)";

/// The payload of a conversation's turn job.
pub(crate) fn turn_payload(clinic: ClinicId, conversation: Uuid) -> serde_json::Value {
    TurnJob {
        clinic_id: clinic,
        conversation_id: ConversationId::from_uuid(conversation),
    }
    .to_value()
}

#[derive(sqlx::FromRow)]
pub(crate) struct ChannelRow {
    id: Uuid,
    clinic_id: Uuid,
    kind: String,
    name: String,
    address: String,
    route_key: Option<String>,
    settings: Json<serde_json::Value>,
    credentials: String,
    active: bool,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<ChannelRow> for Channel {
    type Error = StoreError;
    fn try_from(r: ChannelRow) -> Result<Self, StoreError> {
        Ok(Channel {
            id: ChannelId::from_uuid(r.id),
            clinic_id: ClinicId::from_uuid(r.clinic_id),
            record: ChannelRecord {
                kind: ChannelKind::parse("kind", &r.kind)?,
                name: r.name,
                address: r.address,
                route_key: r.route_key,
                settings: r.settings.0,
                credentials: r.credentials,
                active: r.active,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct ConversationRow {
    id: Uuid,
    channel_id: Uuid,
    channel_kind: String,
    contact: String,
    contact_name: Option<String>,
    patient_id: Option<Uuid>,
    state: Json<serde_json::Value>,
    status: String,
    needs_human: bool,
    human_reason: Option<String>,
    taken_over_by: Option<Uuid>,
    taken_over_until: Option<DateTime<Utc>>,
    assigned_to: Option<Uuid>,
    last_inbound_at: Option<DateTime<Utc>>,
    last_message_at: DateTime<Utc>,
    last_seq: i64,
    unread: i64,
    last_preview: Option<String>,
    created_at: DateTime<Utc>,
}

impl TryFrom<ConversationRow> for Conversation {
    type Error = StoreError;
    fn try_from(r: ConversationRow) -> Result<Self, StoreError> {
        Ok(Conversation {
            id: ConversationId::from_uuid(r.id),
            channel_id: ChannelId::from_uuid(r.channel_id),
            channel_kind: ChannelKind::parse("channel_kind", &r.channel_kind)?,
            contact: r.contact,
            contact_name: r.contact_name,
            patient_id: r.patient_id.map(PatientId::from_uuid),
            state: r.state.0,
            status: r.status,
            needs_human: r.needs_human,
            human_reason: r.human_reason,
            taken_over_by: r.taken_over_by.map(AccountId::from_uuid),
            taken_over_until: r.taken_over_until,
            assigned_to: r.assigned_to.map(AccountId::from_uuid),
            last_inbound_at: r.last_inbound_at,
            last_message_at: r.last_message_at,
            last_seq: r.last_seq,
            unread: r.unread,
            last_preview: r.last_preview,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct MessageRow {
    id: Uuid,
    conversation_id: Uuid,
    seq: i64,
    direction: String,
    author: String,
    author_account: Option<Uuid>,
    provider_message_id: Option<String>,
    content: Json<serde_json::Value>,
    preview: String,
    template: Option<String>,
    status: String,
    error: Option<String>,
    turn: Option<Uuid>,
    sent_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl TryFrom<MessageRow> for Message {
    type Error = StoreError;
    fn try_from(r: MessageRow) -> Result<Self, StoreError> {
        Ok(Message {
            id: MessageId::from_uuid(r.id),
            conversation_id: ConversationId::from_uuid(r.conversation_id),
            seq: r.seq,
            direction: Direction::parse("direction", &r.direction)?,
            author: Author::parse("author", &r.author)?,
            author_account: r.author_account.map(AccountId::from_uuid),
            provider_message_id: r.provider_message_id,
            content: r.content.0,
            preview: r.preview,
            template: r.template,
            status: MessageStatus::parse("status", &r.status)?,
            error: r.error,
            turn: r.turn.map(MessageId::from_uuid),
            sent_at: r.sent_at,
            created_at: r.created_at,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TemplateRow {
    id: Uuid,
    channel_id: Uuid,
    name: String,
    language: String,
    body: String,
    variables: i64,
    provider_ref: String,
    approved: bool,
}

impl TryFrom<TemplateRow> for Template {
    type Error = StoreError;
    fn try_from(r: TemplateRow) -> Result<Self, StoreError> {
        Ok(Template {
            id: r.id,
            channel_id: ChannelId::from_uuid(r.channel_id),
            name: r.name,
            language: r.language,
            body: r.body,
            variables: r.variables,
            provider_ref: r.provider_ref,
            approved: r.approved,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(crate) struct TestSendRow {
    channel_id: Uuid,
    account_id: Option<Uuid>,
    recipient: String,
    outcome: String,
    detail: String,
    at: DateTime<Utc>,
}

impl TryFrom<TestSendRow> for TestSendAttempt {
    type Error = StoreError;
    fn try_from(r: TestSendRow) -> Result<Self, StoreError> {
        Ok(TestSendAttempt {
            channel_id: ChannelId::from_uuid(r.channel_id),
            account_id: r.account_id.map(AccountId::from_uuid),
            recipient: r.recipient,
            outcome: r.outcome,
            detail: r.detail,
            at: r.at,
        })
    }
}
