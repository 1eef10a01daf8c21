//! The messaging contract: channels, the durable intake, turns, the outbox, delivery reports,
//! the inbox, templates and the test-send audit.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::messaging::{Author, ChannelKind, Direction, MessageStatus};
use frontdesk_domain::{AccountId, ChannelId, ClinicId, ConversationId, MessageId, PatientId};
use serde::Serialize;
use uuid::Uuid;

use crate::StoreResult;

/// A channel as written by the clinic. `credentials` arrive sealed (encrypted) by the server.
#[derive(Debug, Clone)]
pub struct ChannelRecord {
    /// Provider.
    pub kind: ChannelKind,
    /// A name staff recognise ("Reception WhatsApp").
    pub name: String,
    /// The clinic's number (E.164) or site this channel speaks for.
    pub address: String,
    /// The provider's routing id for shared webhooks (Meta's `phone_number_id`); unique.
    pub route_key: Option<String>,
    /// Settings that are not secret (account SID, allowlist, debounce, …), as JSON.
    pub settings: serde_json::Value,
    /// The sealed secrets.
    pub credentials: String,
    /// Whether it takes and sends messages.
    pub active: bool,
}

/// A stored channel.
#[derive(Debug, Clone)]
pub struct Channel {
    /// Its id.
    pub id: ChannelId,
    /// Its clinic.
    pub clinic_id: ClinicId,
    /// What the clinic wrote.
    pub record: ChannelRecord,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A verified inbound message to take in.
#[derive(Debug, Clone)]
pub struct NewInbound {
    /// The clinic, from the verified channel.
    pub clinic_id: ClinicId,
    /// The channel it came through.
    pub channel_id: ChannelId,
    /// Who wrote: an E.164 number, or a web-chat visitor id.
    pub contact: String,
    /// Whether `contact` is a phone number to look the patient up by.
    pub contact_is_phone: bool,
    /// The name their profile shows.
    pub contact_name: Option<String>,
    /// The provider's id: the key that makes a redelivery change nothing.
    pub provider_message_id: String,
    /// The message, as the channels crate reads it.
    pub content: serde_json::Value,
    /// A short text for lists and for the assistant.
    pub preview: String,
    /// When the provider says it was written.
    pub sent_at: Option<DateTime<Utc>>,
    /// When we received it.
    pub received_at: DateTime<Utc>,
    /// How long to wait for more messages before the turn runs.
    pub debounce: chrono::Duration,
    /// Failures a turn may have before it is dead.
    pub turn_attempts: u32,
}

/// How long a burst may push its turn back: a turn is due at most this long after the
/// burst's first message, however the patient keeps typing.
pub fn burst_limit(debounce: chrono::Duration) -> chrono::Duration {
    (debounce * 3).max(chrono::Duration::seconds(10))
}

/// What the intake did with a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intake {
    /// Stored, and its conversation's turn queued.
    Accepted {
        /// The conversation.
        conversation: ConversationId,
        /// The message.
        message: MessageId,
    },
    /// Already stored: nothing changed.
    Duplicate,
}

/// A provider's report about one of our messages.
#[derive(Debug, Clone)]
pub struct DeliveryReport {
    /// The provider's id of our message.
    pub provider_message_id: String,
    /// `Sent`, `Delivered`, `Read` or `Failed`.
    pub status: MessageStatus,
    /// The provider's error, for failures.
    pub error: Option<String>,
    /// To whom (E.164), when the provider says: it settles a message whose send outcome was
    /// unknown, which has no provider id on record.
    pub recipient: Option<String>,
}

/// A conversation.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Conversation {
    /// Its id.
    pub id: ConversationId,
    /// Its channel.
    pub channel_id: ChannelId,
    /// The channel's provider.
    pub channel_kind: ChannelKind,
    /// The contact's number or web-chat id.
    pub contact: String,
    /// The contact's profile name.
    pub contact_name: Option<String>,
    /// The patient behind the contact (a lead is created for an unknown number).
    pub patient_id: Option<PatientId>,
    /// The assistant's memory of the conversation.
    #[schema(value_type = Object)]
    pub state: serde_json::Value,
    /// `open` or `closed`.
    pub status: String,
    /// Whether someone asked for a person.
    pub needs_human: bool,
    /// Why.
    pub human_reason: Option<String>,
    /// The staff member who took it over; the assistant is silent until `taken_over_until`.
    pub taken_over_by: Option<AccountId>,
    /// When the takeover ends by itself (it is extended by each staff reply).
    pub taken_over_until: Option<DateTime<Utc>>,
    /// The staff member who follows the conversation up (apart from any takeover).
    pub assigned_to: Option<AccountId>,
    /// The contact's last message (starts WhatsApp's 24-hour window).
    pub last_inbound_at: Option<DateTime<Utc>>,
    /// The last message either way.
    pub last_message_at: DateTime<Utc>,
    /// Sequence number of its last message.
    pub last_seq: i64,
    /// Inbound messages after the last one staff marked read.
    pub unread: i64,
    /// Text of the last message.
    pub last_preview: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

impl Conversation {
    /// Whether staff hold it at `now`.
    pub fn taken_over_at(&self, now: DateTime<Utc>) -> bool {
        self.taken_over_by.is_some() && self.taken_over_until.is_some_and(|until| now < until)
    }
}

/// Which conversations to list.
#[derive(Debug, Clone, Default)]
pub struct ConversationFilter {
    /// `open` or `closed`.
    pub status: Option<String>,
    /// Only those that asked for a person (or only those that did not).
    pub needs_human: Option<bool>,
    /// Only this channel.
    pub channel: Option<ChannelId>,
    /// Only those with unread messages.
    pub unread: bool,
    /// Only those whose contact is this phone number (E.164, compared exactly).
    pub phone: Option<String>,
    /// Only those assigned to this person (`Some(Some(id))`) or to nobody (`Some(None)`).
    pub assigned_to: Option<Option<AccountId>>,
    /// Only those whose number, contact name, patient's name or any message holds this text
    /// (compared in lower case).
    pub search: Option<String>,
    /// Cursor: after this (last message time, id) in newest-first order.
    pub before: Option<(DateTime<Utc>, ConversationId)>,
    /// At most this many.
    pub limit: u32,
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Message {
    /// Its id.
    pub id: MessageId,
    /// Its conversation.
    pub conversation_id: ConversationId,
    /// Position in the conversation, by arrival.
    pub seq: i64,
    /// Which way.
    pub direction: Direction,
    /// Who wrote it.
    pub author: Author,
    /// The staff member, for staff messages.
    pub author_account: Option<AccountId>,
    /// The provider's id.
    pub provider_message_id: Option<String>,
    /// The content (see the channels crate's `Content`, or `{type: text, body}` outbound).
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
    /// A short text.
    pub preview: String,
    /// The template it was sent as, `name:language`.
    pub template: Option<String>,
    /// Where it is.
    pub status: MessageStatus,
    /// Why it failed or was refused.
    pub error: Option<String>,
    /// The turn that handled or wrote it.
    pub turn: Option<MessageId>,
    /// When the provider says it was written (inbound).
    pub sent_at: Option<DateTime<Utc>>,
    /// When stored.
    pub created_at: DateTime<Utc>,
}

/// A message to queue for sending.
#[derive(Debug, Clone)]
pub struct NewOutbound {
    /// Its id, when the caller needs one fixed in advance (a reminder's id comes from its
    /// appointment, so queuing it twice is a `Conflict`); otherwise a new one.
    pub id: Option<MessageId>,
    /// Who writes it.
    pub author: Author,
    /// The staff member, for staff messages.
    pub author_account: Option<AccountId>,
    /// The content: `{type: text, body}` or `{type: template, name, language, variables, body}`.
    pub content: serde_json::Value,
    /// A short text.
    pub preview: String,
    /// `name:language` for template messages.
    pub template: Option<String>,
    /// Set to refuse it at once with this reason instead of sending (kept for the record).
    pub refused: Option<String>,
}

/// Everything a turn needs.
#[derive(Debug, Clone)]
pub struct TurnInput {
    /// The conversation.
    pub conversation: Conversation,
    /// Inbound messages not handled yet, by provider time then arrival.
    pub pending: Vec<Message>,
    /// The latest messages before them, oldest first, for context.
    pub recent: Vec<Message>,
}

/// What a turn writes, in one transaction.
#[derive(Debug, Clone)]
pub struct TurnCommit {
    /// The conversation.
    pub conversation: ConversationId,
    /// The turn job and the worker holding it: the commit happens only while it does.
    pub job: Uuid,
    /// The worker.
    pub worker: String,
    /// The inbound messages it handled (all must still be unhandled).
    pub handled: Vec<MessageId>,
    /// Replies to queue.
    pub replies: Vec<NewOutbound>,
    /// The assistant's new memory.
    pub state: serde_json::Value,
    /// A request for a person, with its reason.
    pub needs_human: Option<String>,
    /// When it commits.
    pub now: DateTime<Utc>,
    /// Failures a send may have before it is dead.
    pub send_attempts: u32,
}

/// Where a send stands when a worker picks it up.
#[derive(Debug, Clone)]
pub enum SendStart {
    /// Marked `sending`: hand it to the provider, then record the outcome.
    Proceed(Box<(Message, Conversation, Channel)>),
    /// Already sent, failed or refused: nothing to do.
    Settled,
    /// A worker stopped while handing it to the provider; it may have gone out. It is marked
    /// failed rather than sent again, so the contact never gets it twice.
    Unknown,
}

/// How a send ended.
#[derive(Debug, Clone)]
pub enum SendOutcome {
    /// The provider took it under this id.
    Sent(String),
    /// Worth another try later (429, 5xx, timeout): back to `queued`.
    Retry(String),
    /// Never going through; recorded on the message.
    Failed(String),
}

/// An approved template of a channel.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Template {
    /// Its id.
    pub id: Uuid,
    /// Its channel.
    pub channel_id: ChannelId,
    /// Its name at the provider.
    pub name: String,
    /// Its language (`pt_BR`, `en`, …).
    pub language: String,
    /// Its text with `{{1}}` variables, as approved.
    pub body: String,
    /// How many variables.
    pub variables: i64,
    /// The provider's reference (Twilio ContentSid; Meta/360dialog use name + language).
    pub provider_ref: String,
    /// Whether the provider approved it (only approved templates go out).
    pub approved: bool,
}

/// One test-send attempt, allowed or not.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TestSendAttempt {
    /// The channel.
    pub channel_id: ChannelId,
    /// Who asked.
    pub account_id: Option<AccountId>,
    /// To whom.
    pub recipient: String,
    /// `sent`, `refused_not_allowlisted`, `refused_rate_limited`, …
    pub outcome: String,
    /// More detail.
    pub detail: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Messaging storage.
#[async_trait]
pub trait MessagingStore: Send + Sync {
    /// Adds a channel; `Conflict` when its route key belongs to another channel.
    async fn create_channel(
        &self,
        clinic: ClinicId,
        record: &ChannelRecord,
    ) -> StoreResult<Channel>;
    /// The clinic's channels, oldest first.
    async fn channels(&self, clinic: ClinicId) -> StoreResult<Vec<Channel>>;
    /// One channel of the clinic.
    async fn channel(&self, clinic: ClinicId, id: ChannelId) -> StoreResult<Channel>;
    /// Replaces a channel's record.
    async fn update_channel(
        &self,
        clinic: ClinicId,
        id: ChannelId,
        record: &ChannelRecord,
    ) -> StoreResult<Channel>;
    /// Removes a channel with its conversations.
    async fn delete_channel(&self, clinic: ClinicId, id: ChannelId) -> StoreResult<()>;
    /// A channel by id with no clinic: for a webhook, which proves itself by the channel's
    /// secret before anything else is read.
    async fn channel_for_webhook(&self, id: ChannelId) -> StoreResult<Option<Channel>>;
    /// A channel by its provider routing id (Meta's `phone_number_id`), for shared webhooks.
    async fn channel_by_route(
        &self,
        kind: ChannelKind,
        route_key: &str,
    ) -> StoreResult<Option<Channel>>;

    /// Takes in verified messages in one transaction: each is stored once (a redelivery is a
    /// `Duplicate`), its conversation found or opened (the patient looked up by phone, a lead
    /// created when unknown) and the conversation's turn queued after the debounce.
    async fn accept_inbound(&self, batch: &[NewInbound]) -> StoreResult<Vec<Intake>>;
    /// Applies providers' reports: a message's status only moves forward.
    async fn record_delivery(
        &self,
        channel: ChannelId,
        reports: &[DeliveryReport],
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The clinic's conversations, most recent first.
    async fn conversations(
        &self,
        clinic: ClinicId,
        filter: &ConversationFilter,
    ) -> StoreResult<Vec<Conversation>>;
    /// One conversation.
    async fn conversation(&self, clinic: ClinicId, id: ConversationId)
    -> StoreResult<Conversation>;
    /// A conversation's messages before `before_seq` (newest first), at most `limit`.
    async fn messages(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        before_seq: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;
    /// One message.
    async fn message(&self, clinic: ClinicId, id: MessageId) -> StoreResult<Message>;

    /// What the next turn of a conversation works on.
    async fn turn_input(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        context: u32,
    ) -> StoreResult<TurnInput>;
    /// Writes a turn's outcome and completes its job, all or nothing; `Refused` when the
    /// worker lost the job or another turn handled the messages.
    async fn commit_turn(&self, clinic: ClinicId, turn: &TurnCommit) -> StoreResult<Vec<Message>>;
    /// Queues messages outside a turn (staff replies, reminders, test sends).
    async fn queue_outbound(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        messages: &[NewOutbound],
        send_attempts: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Message>>;
    /// The conversation with `contact` on a channel, opened if new (for messages the clinic
    /// starts: reminders, test sends).
    async fn open_conversation(
        &self,
        clinic: ClinicId,
        channel: ChannelId,
        contact: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    /// Marks an outbound message `sending` if it is still queued (see [`SendStart`]).
    async fn begin_send(
        &self,
        clinic: ClinicId,
        message: MessageId,
        now: DateTime<Utc>,
    ) -> StoreResult<SendStart>;
    /// Records how a send ended; a provider id also takes any report that came before it.
    async fn finish_send(
        &self,
        clinic: ClinicId,
        message: MessageId,
        outcome: &SendOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// Staff take a conversation over until `until` (the assistant is silent meanwhile), or
    /// hand it back with `None`. Either way it no longer waits for a person. Whoever takes
    /// over an unassigned conversation is assigned it.
    async fn set_takeover(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        takeover: Option<(AccountId, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    /// Closes a conversation (done for now); the contact's next message opens it again.
    async fn close_conversation(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    /// Records who a conversation is with (a patient of the same clinic; `NotFound` when the
    /// conversation or the patient is not this clinic's).
    async fn link_patient(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        patient: PatientId,
    ) -> StoreResult<Conversation>;
    /// Assigns a conversation to a member of the clinic, or to nobody (`UnknownReference`
    /// when the account is not a member of this clinic).
    async fn assign_conversation(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        to: Option<AccountId>,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation>;
    /// Marks every message of the conversation read by staff.
    async fn mark_read(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
    ) -> StoreResult<Conversation>;

    /// Adds or replaces a template (by channel, name and language).
    async fn put_template(&self, clinic: ClinicId, template: &Template) -> StoreResult<Template>;
    /// A channel's templates.
    async fn templates(&self, clinic: ClinicId, channel: ChannelId) -> StoreResult<Vec<Template>>;
    /// Removes a template.
    async fn delete_template(
        &self,
        clinic: ClinicId,
        channel: ChannelId,
        id: Uuid,
    ) -> StoreResult<()>;

    /// Records a test-send attempt; with `limit`, first counts the clinic's sends in the last
    /// minute and records a refusal instead when they reach it. Returns what was recorded.
    async fn record_test_send(
        &self,
        clinic: ClinicId,
        attempt: &TestSendAttempt,
        limit: Option<u32>,
    ) -> StoreResult<TestSendAttempt>;
    /// The clinic's test-send log, newest first.
    async fn test_sends(&self, clinic: ClinicId, limit: u32) -> StoreResult<Vec<TestSendAttempt>>;
}
