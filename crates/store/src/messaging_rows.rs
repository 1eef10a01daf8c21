//! Rows of the messaging tables and their conversion to the contract's types.

use chrono::{DateTime, Utc};
use frontdesk_domain::messaging::{Author, ChannelKind, Direction, MessageStatus};
use frontdesk_domain::{AccountId, ChannelId, ClinicId, ConversationId, MessageId, PatientId};
use sqlx::types::Json;
use uuid::Uuid;

use crate::error::StoreError;
use crate::messaging::{Channel, ChannelRecord, Conversation, Message, Template, TestSendAttempt};

macro_rules! channel_columns {
    () => {
        "id, clinic_id, kind, name, address, route_key, settings, credentials, active, created_at, updated_at"
    };
}
pub(crate) use channel_columns;

/// Conversations with their channel's kind, unread count and last message's text.
macro_rules! conversation_select {
    () => {
        "SELECT c.id, c.channel_id, ch.kind AS channel_kind, c.contact, c.contact_name, c.patient_id, \
         c.state, c.status, c.needs_human, c.human_reason, c.taken_over_by, c.taken_over_until, \
         c.last_inbound_at, c.last_message_at, c.last_seq, \
         (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' \
          AND m.seq > c.read_seq) AS unread, \
         (SELECT m.preview FROM messages m WHERE m.conversation_id = c.id AND m.seq = c.last_seq) AS last_preview, \
         c.created_at FROM conversations c JOIN channels ch ON ch.id = c.channel_id "
    };
}
pub(crate) use conversation_select;

macro_rules! message_columns {
    () => {
        "id, conversation_id, seq, direction, author, author_account, provider_message_id, content, \
         preview, template, status, error, turn, sent_at, created_at"
    };
}
pub(crate) use message_columns;

macro_rules! template_columns {
    () => {
        "id, channel_id, name, language, body, variables, provider_ref, approved"
    };
}
pub(crate) use template_columns;

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
