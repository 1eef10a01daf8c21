//! [`MessagingStore`] on either backend, the SQL run as written by both.
//!
//! Exactly once: an inbound message is unique on (channel, provider id), so a redelivery
//! inserts nothing; a turn's replies, its handled marks, the conversation's state and the
//! completion of its job commit together, and only while the worker still holds the job; a
//! send is marked `sending` before the provider is called, so a worker that dies mid-call
//! leaves a mark that stops a second send.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use frontdesk_domain::messaging::{ChannelKind, MessageStatus};
use frontdesk_domain::{AccountId, ChannelId, ClinicId, ConversationId, MessageId, PatientId};
use sqlx::types::Json;
use sqlx::{AssertSqlSafe, Database, Encode, Executor, FromRow, IntoArguments, Transaction, Type};
use uuid::Uuid;

use crate::StoreResult;
use crate::backend::{Backend, Dialect};
use crate::error::StoreError;
use crate::jobs::{JobKind, JobPayload, SendJob};
use crate::messaging::{
    Channel, ChannelRecord, Conversation, ConversationFilter, DeliveryReport, Intake, Message,
    MessagingStore, NewInbound, NewOutbound, SendOutcome, SendStart, Template, TestSendAttempt,
    TurnCommit, TurnInput,
};
use crate::messaging_rows::{
    ChannelRow, ConversationRow, INSERT_INBOUND, INSERT_LEAD, INSERT_TURN, LINK_PATIENT, MOVE_TURN,
    MessageRow, PATIENT_BY_PHONE, SEEN_MESSAGE, TemplateRow, TestSendRow, UPSERT_CONVERSATION,
    turn_payload,
};
use crate::outbox_rows::{
    BEGIN_SEND, CHANNEL_BY_ID, COMPLETE_TURN, CONCLUDE_TURN, CONVERSATION, FINISH_SEND,
    HANDLE_MESSAGE, INSERT_OUTBOUND, INSERT_SEND, MARK_UNKNOWN, MESSAGES_BEFORE, PENDING_MESSAGES,
    RAISE_STATUS, RECORD_REPORT, SETTLE_UNKNOWN,
};
use crate::portable::{convert_all, micros};

/// The lane of a conversation's turns.
pub(crate) fn turn_lane(conversation: Uuid) -> String {
    format!("turn:{conversation}")
}

/// The lane of a conversation's sends: one at a time, in order.
pub(crate) fn send_lane(conversation: Uuid) -> String {
    format!("send:{conversation}")
}

const INSERT_CHANNEL: &str = constcat::concat!(
    "INSERT INTO channels (id, clinic_id, kind, name, address, route_key, settings, credentials, \
     active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING ",
    crate::columns::CHANNEL_COLUMNS
);
const CHANNELS: &str = constcat::concat!(
    "SELECT ",
    crate::columns::CHANNEL_COLUMNS,
    " FROM channels WHERE clinic_id = $1 ORDER BY created_at, id"
);
const CHANNEL: &str = constcat::concat!(
    "SELECT ",
    crate::columns::CHANNEL_COLUMNS,
    " FROM channels WHERE id = $1 AND clinic_id = $2"
);
const UPDATE_CHANNEL: &str = constcat::concat!(
    "UPDATE channels SET name = $3, address = $4, route_key = $5, settings = $6, credentials = $7, \
     active = $8, updated_at = $9 WHERE id = $1 AND clinic_id = $2 RETURNING ",
    crate::columns::CHANNEL_COLUMNS
);
const DELETE_CHANNEL: &str = "DELETE FROM channels WHERE id = $1 AND clinic_id = $2";
const CHANNEL_FOR_WEBHOOK: &str = constcat::concat!(
    "SELECT ",
    crate::columns::CHANNEL_COLUMNS,
    " FROM channels WHERE id = $1"
);
const CHANNEL_BY_ROUTE: &str = constcat::concat!(
    "SELECT ",
    crate::columns::CHANNEL_COLUMNS,
    " FROM channels WHERE kind = $1 AND route_key = $2"
);
const CLINIC_CHANNEL: &str = "SELECT id FROM channels WHERE id = $1 AND clinic_id = $2";
const MESSAGE: &str = constcat::concat!(
    "SELECT ",
    crate::columns::MESSAGE_COLUMNS,
    " FROM messages WHERE id = $1 AND clinic_id = $2"
);
const TAKE_SEQUENCE: &str = "UPDATE conversations SET last_seq = last_seq + $3, \
     last_message_at = $4, updated_at = $4 WHERE id = $1 AND clinic_id = $2 \
     RETURNING channel_id, last_seq";
const SET_TAKEOVER: &str = "UPDATE conversations SET taken_over_by = $3, taken_over_until = $4, \
     needs_human = FALSE, human_reason = NULL, assigned_to = COALESCE(assigned_to, $3), \
     updated_at = $5 WHERE id = $1 AND clinic_id = $2";
const CLOSE_CONVERSATION: &str = "UPDATE conversations SET status = 'closed', needs_human = FALSE, \
     human_reason = NULL, updated_at = $3 WHERE id = $1 AND clinic_id = $2";
const LINK_CLINIC_PATIENT: &str = "UPDATE conversations SET patient_id = $3 \
     WHERE id = $1 AND clinic_id = $2 \
     AND EXISTS (SELECT 1 FROM patients WHERE id = $3 AND clinic_id = $2)";
const ASSIGN_CONVERSATION: &str = "UPDATE conversations SET assigned_to = $3, updated_at = $4 \
     WHERE id = $1 AND clinic_id = $2 \
     AND ($3 IS NULL OR EXISTS (SELECT 1 FROM memberships WHERE clinic_id = $2 AND account_id = $3))";
const MARK_READ: &str =
    "UPDATE conversations SET read_seq = last_seq WHERE id = $1 AND clinic_id = $2";
const PUT_TEMPLATE: &str = constcat::concat!(
    "INSERT INTO message_templates (id, clinic_id, channel_id, name, language, body, variables, \
     provider_ref, approved, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
     ON CONFLICT (channel_id, name, language) DO UPDATE SET body = excluded.body, \
     variables = excluded.variables, provider_ref = excluded.provider_ref, approved = excluded.approved, \
     updated_at = excluded.updated_at RETURNING ",
    crate::columns::TEMPLATE_COLUMNS
);
const TEMPLATES: &str = constcat::concat!(
    "SELECT ",
    crate::columns::TEMPLATE_COLUMNS,
    " FROM message_templates WHERE clinic_id = $1 AND channel_id = $2 ORDER BY name, language"
);
const DELETE_TEMPLATE: &str =
    "DELETE FROM message_templates WHERE id = $1 AND clinic_id = $2 AND channel_id = $3";
const RECENT_TEST_SENDS: &str = "SELECT COUNT(*) FROM test_send_audit \
     WHERE clinic_id = $1 AND outcome = 'sent' AND at > $2";
const INSERT_TEST_SEND: &str = "INSERT INTO test_send_audit (id, clinic_id, channel_id, \
     account_id, recipient, outcome, detail, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
const TEST_SENDS: &str = "SELECT channel_id, account_id, recipient, outcome, detail, at \
     FROM test_send_audit WHERE clinic_id = $1 ORDER BY at DESC, id DESC LIMIT $2";

/// The inbox list: conversations of the clinic, filtered, newest first. `matches` is the
/// backend's pattern operator (case and accents are ignored by matching classes of letters,
/// `search`); with `by_phone` the contact is a plain equality (no `IS NULL OR`), so a lookup by
/// number reads the (clinic, contact) index instead of every conversation of the clinic.
fn conversation_listing(matches: &str, by_phone: bool) -> String {
    let contact = if by_phone { "AND c.contact = $12" } else { "" };
    format!(
        "{select}WHERE c.clinic_id = $1 {contact} AND ($2 IS NULL OR c.status = $2) \
         AND ($3 IS NULL OR c.needs_human = $3) AND ($4 IS NULL OR c.channel_id = $4) \
         AND ($5 = FALSE OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id \
         AND m.direction = 'inbound' AND m.seq > c.read_seq)) \
         AND ($6 IS NULL OR c.last_message_at < $6 OR (c.last_message_at = $6 AND c.id < $7)) \
         AND ($9 = FALSE OR ($10 IS NULL AND c.assigned_to IS NULL) OR c.assigned_to = $10) \
         AND ($11 IS NULL OR c.contact {matches} $11 \
         OR COALESCE(c.contact_name, '') {matches} $11 \
         OR EXISTS (SELECT 1 FROM patients p WHERE p.id = c.patient_id AND p.clinic_id = c.clinic_id \
         AND p.name {matches} $11) \
         OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id \
         AND m.preview {matches} $11)) \
         ORDER BY c.last_message_at DESC, c.id DESC LIMIT $8",
        select = crate::columns::CONVERSATION_SELECT,
    )
}

fn refused(why: &str) -> StoreError {
    StoreError::Refused(why.into())
}

#[async_trait]
impl<S> MessagingStore for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<Uuid>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<&'q str>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> String: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> bool: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<bool>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<i64>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<&'q serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> ChannelRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> ConversationRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> MessageRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> TemplateRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> TestSendRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i64,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, i64): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid, i64, Option<Uuid>): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn create_channel(&self, clinic: ClinicId, r: &ChannelRecord) -> StoreResult<Channel> {
        let now = crate::portable::now();
        let row: ChannelRow = sqlx::query_as(INSERT_CHANNEL)
            .bind(Uuid::now_v7())
            .bind(clinic.as_uuid())
            .bind(r.kind.as_str())
            .bind(r.name.as_str())
            .bind(r.address.clone())
            .bind(r.route_key.clone())
            .bind(Json(&r.settings))
            .bind(r.credentials.clone())
            .bind(r.active)
            .bind(now)
            .fetch_one(self.pool())
            .await?;
        row.try_into()
    }

    async fn channels(&self, clinic: ClinicId) -> StoreResult<Vec<Channel>> {
        let rows: Vec<ChannelRow> = sqlx::query_as(CHANNELS)
            .bind(clinic.as_uuid())
            .fetch_all(self.pool())
            .await?;
        convert_all(rows)
    }

    async fn channel(&self, clinic: ClinicId, id: ChannelId) -> StoreResult<Channel> {
        let row: Option<ChannelRow> = sqlx::query_as(CHANNEL)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn update_channel(
        &self,
        clinic: ClinicId,
        id: ChannelId,
        r: &ChannelRecord,
    ) -> StoreResult<Channel> {
        let row: Option<ChannelRow> = sqlx::query_as(UPDATE_CHANNEL)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .bind(r.name.as_str())
            .bind(r.address.clone())
            .bind(r.route_key.clone())
            .bind(Json(&r.settings))
            .bind(r.credentials.clone())
            .bind(r.active)
            .bind(crate::portable::now())
            .fetch_optional(self.pool())
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn delete_channel(&self, clinic: ClinicId, id: ChannelId) -> StoreResult<()> {
        let done = sqlx::query(DELETE_CHANNEL)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn channel_for_webhook(&self, id: ChannelId) -> StoreResult<Option<Channel>> {
        let row: Option<ChannelRow> = sqlx::query_as(CHANNEL_FOR_WEBHOOK)
            .bind(id.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn channel_by_route(
        &self,
        kind: ChannelKind,
        route_key: &str,
    ) -> StoreResult<Option<Channel>> {
        let row: Option<ChannelRow> = sqlx::query_as(CHANNEL_BY_ROUTE)
            .bind(kind.as_str())
            .bind(route_key)
            .fetch_optional(self.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn accept_inbound(&self, batch: &[NewInbound]) -> StoreResult<Vec<Intake>> {
        if let Some(done) = self.accept_inbound_in_place(batch).await {
            return done;
        }
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let mut out = Vec::with_capacity(batch.len());
        for m in batch {
            out.push(accept_one(&mut tx, m).await?);
        }
        tx.commit().await?;
        Ok(out)
    }

    async fn record_delivery(
        &self,
        channel: ChannelId,
        reports: &[DeliveryReport],
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        for r in reports {
            let rank = r.status.rank();
            sqlx::query(RECORD_REPORT)
                .bind(channel.as_uuid())
                .bind(r.provider_message_id.as_str())
                .bind(r.status.as_str())
                .bind(rank)
                .bind(r.error.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            let known = sqlx::query(RAISE_STATUS)
                .bind(channel.as_uuid())
                .bind(r.provider_message_id.as_str())
                .bind(r.status.as_str())
                .bind(rank)
                .bind(r.error.clone())
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if S::Db::rows_affected(&known) > 0 {
                continue;
            }
            // An id we never recorded, to a contact with a reply whose send outcome is
            // unknown: that reply reached the provider after all. The oldest such reply takes
            // the id (replies go out one at a time, in order).
            if let Some(recipient) = &r.recipient {
                sqlx::query(SETTLE_UNKNOWN)
                    .bind(channel.as_uuid())
                    .bind(r.provider_message_id.as_str())
                    .bind(r.status.as_str())
                    .bind(rank)
                    .bind(r.error.clone())
                    .bind(now)
                    .bind(recipient.as_str())
                    .execute(&mut *tx)
                    .await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    async fn conversations(
        &self,
        clinic: ClinicId,
        f: &ConversationFilter,
    ) -> StoreResult<Vec<Conversation>> {
        // Only constants of this file and the dialect are interpolated, never input.
        let sql = conversation_listing(S::Db::MATCHES, f.phone.is_some());
        let query = sqlx::query_as(AssertSqlSafe(sql))
            .bind(clinic.as_uuid())
            .bind(f.status.clone())
            .bind(f.needs_human)
            .bind(f.channel.map(|c| c.as_uuid()))
            .bind(f.unread)
            .bind(f.before.map(|(t, _)| micros(t)))
            .bind(f.before.map(|(_, id)| id.as_uuid()))
            .bind(i64::from(f.limit))
            .bind(f.assigned_to.is_some())
            .bind(f.assigned_to.flatten().map(|a| a.as_uuid()))
            .bind(f.search.as_deref().map(S::Db::search_pattern));
        let query = match &f.phone {
            Some(phone) => query.bind(phone.clone()),
            None => query,
        };
        let rows: Vec<ConversationRow> = query.fetch_all(self.pool()).await?;
        convert_all(rows)
    }

    async fn conversation(
        &self,
        clinic: ClinicId,
        id: ConversationId,
    ) -> StoreResult<Conversation> {
        let mut conn = self.pool().acquire().await?;
        conversation_on(&mut conn, clinic, id).await
    }

    async fn messages(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        before_seq: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let rows: Vec<MessageRow> = sqlx::query_as(MESSAGES_BEFORE)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(before_seq)
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        convert_all(rows)
    }

    async fn message(&self, clinic: ClinicId, id: MessageId) -> StoreResult<Message> {
        let row: Option<MessageRow> = sqlx::query_as(MESSAGE)
            .bind(id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn turn_input(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        context: u32,
    ) -> StoreResult<TurnInput> {
        let conversation = self.conversation(clinic, conversation).await?;
        let pending: Vec<MessageRow> = sqlx::query_as(PENDING_MESSAGES)
            .bind(conversation.id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_all(self.pool())
            .await?;
        let pending: Vec<Message> = convert_all(pending)?;
        let first = pending.iter().map(|m| m.seq).min().unwrap_or(i64::MAX);
        let mut recent = self
            .messages(clinic, conversation.id, Some(first), context)
            .await?;
        recent.reverse();
        Ok(TurnInput {
            conversation,
            pending,
            recent,
        })
    }

    async fn commit_turn(&self, clinic: ClinicId, t: &TurnCommit) -> StoreResult<Vec<Message>> {
        let now = micros(t.now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // The job is done with the turn, if this worker still holds it (the row is locked
        // from here to the commit; a refusal rolls everything back).
        let held: Option<(Uuid,)> = sqlx::query_as(COMPLETE_TURN)
            .bind(t.job)
            .bind(t.worker.as_str())
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        if held.is_none() {
            return Err(refused(
                "this worker no longer holds the turn; another worker will run it",
            ));
        }
        let turn = t.handled.last().map(|m| m.as_uuid());
        for m in &t.handled {
            let done = sqlx::query(HANDLE_MESSAGE)
                .bind(m.as_uuid())
                .bind(clinic.as_uuid())
                .bind(t.conversation.as_uuid())
                .bind(MessageStatus::Handled.rank())
                .bind(turn)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if S::Db::rows_affected(&done) != 1 {
                return Err(refused("a message of this turn was already handled"));
            }
        }
        // The conversation's row last, in one statement that also takes the replies'
        // sequence numbers: the intake writes this row for every message, so the turn holds
        // it for as few round trips as it can.
        let taken: Option<(Uuid, i64)> = sqlx::query_as(CONCLUDE_TURN)
            .bind(t.conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(Json(&t.state))
            .bind(t.replies.len() as i64)
            .bind(now)
            .bind(t.needs_human.clone())
            .fetch_optional(&mut *tx)
            .await?;
        let (channel, last_seq) = taken.ok_or(StoreError::NotFound)?;
        let first = last_seq - t.replies.len() as i64 + 1;
        let replies = insert_outbound(
            &mut tx,
            (clinic, t.conversation.as_uuid(), channel, first),
            &t.replies,
            turn,
            t.send_attempts,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(replies)
    }

    async fn queue_outbound(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        messages: &[NewOutbound],
        send_attempts: u32,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Message>> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let taken: Option<(Uuid, i64)> = sqlx::query_as(TAKE_SEQUENCE)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(messages.len() as i64)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
        let (channel, last_seq) = taken.ok_or(StoreError::NotFound)?;
        let first = last_seq - messages.len() as i64 + 1;
        let out = insert_outbound(
            &mut tx,
            (clinic, conversation.as_uuid(), channel, first),
            messages,
            None,
            send_attempts,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(out)
    }

    async fn open_conversation(
        &self,
        clinic: ClinicId,
        channel: ChannelId,
        contact: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        let owned: Option<(Uuid,)> = sqlx::query_as(CLINIC_CHANNEL)
            .bind(channel.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
        let (id, _, _) =
            upsert_conversation(&mut tx, (clinic, channel, contact), None, None, 0, now).await?;
        let conversation = conversation_on(&mut tx, clinic, ConversationId::from_uuid(id)).await?;
        tx.commit().await?;
        Ok(conversation)
    }

    async fn begin_send(
        &self,
        clinic: ClinicId,
        message: MessageId,
        now: DateTime<Utc>,
    ) -> StoreResult<SendStart> {
        let now = micros(now);
        // Each step is one statement, atomic by itself: the mark `sending` is what stops a
        // second send, and what is read after it only describes the send.
        let claimed: Option<MessageRow> = sqlx::query_as(BEGIN_SEND)
            .bind(message.as_uuid())
            .bind(clinic.as_uuid())
            .bind(MessageStatus::Sending.rank())
            .bind(now)
            .fetch_optional(self.pool())
            .await?;
        let Some(row) = claimed else {
            let unknown = sqlx::query(MARK_UNKNOWN)
                .bind(message.as_uuid())
                .bind(clinic.as_uuid())
                .bind(MessageStatus::Unknown.rank())
                .bind(now)
                .execute(self.pool())
                .await?;
            return Ok(if S::Db::rows_affected(&unknown) == 1 {
                SendStart::Unknown
            } else {
                SendStart::Settled
            });
        };
        let message: Message = row.try_into()?;
        let mut conn = self.pool().acquire().await?;
        let conversation = conversation_on(&mut conn, clinic, message.conversation_id).await?;
        let channel: ChannelRow = sqlx::query_as(CHANNEL_BY_ID)
            .bind(conversation.channel_id.as_uuid())
            .fetch_one(&mut *conn)
            .await?;
        let channel: Channel = channel.try_into()?;
        Ok(SendStart::Proceed(Box::new((
            message,
            conversation,
            channel,
        ))))
    }

    async fn finish_send(
        &self,
        clinic: ClinicId,
        message: MessageId,
        outcome: &SendOutcome,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let now = micros(now);
        let (status, provider_id, error) = match outcome {
            SendOutcome::Sent(id) => (MessageStatus::Sent, Some(id.as_str()), None),
            SendOutcome::Retry(e) => (MessageStatus::Queued, None, Some(e.as_str())),
            SendOutcome::Failed(e) => (MessageStatus::Failed, None, Some(e.as_str())),
        };
        // One statement: the outcome, or a provider's report that beat us here (a further
        // status of the id it just gave) when that report went further.
        let done = sqlx::query(FINISH_SEND)
            .bind(message.as_uuid())
            .bind(clinic.as_uuid())
            .bind(status.as_str())
            .bind(status.rank())
            .bind(provider_id)
            .bind(error)
            .bind(now)
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(refused("the message is not being sent"));
        }
        Ok(())
    }

    async fn set_takeover(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        takeover: Option<(AccountId, DateTime<Utc>)>,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let done = sqlx::query(SET_TAKEOVER)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(takeover.map(|(a, _)| a.as_uuid()))
            .bind(takeover.map(|(_, u)| micros(u)))
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.conversation(clinic, conversation).await
    }

    async fn close_conversation(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let done = sqlx::query(CLOSE_CONVERSATION)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.conversation(clinic, conversation).await
    }

    async fn link_patient(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        patient: PatientId,
    ) -> StoreResult<Conversation> {
        let done = sqlx::query(LINK_CLINIC_PATIENT)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(patient.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.conversation(clinic, conversation).await
    }

    async fn assign_conversation(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
        to: Option<AccountId>,
        now: DateTime<Utc>,
    ) -> StoreResult<Conversation> {
        let done = sqlx::query(ASSIGN_CONVERSATION)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .bind(to.map(|a| a.as_uuid()))
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            // Which of the two was missing: the conversation is looked up first.
            self.conversation(clinic, conversation).await?;
            return Err(StoreError::UnknownReference(
                "that account is not a member of this clinic".into(),
            ));
        }
        self.conversation(clinic, conversation).await
    }

    async fn mark_read(
        &self,
        clinic: ClinicId,
        conversation: ConversationId,
    ) -> StoreResult<Conversation> {
        let done = sqlx::query(MARK_READ)
            .bind(conversation.as_uuid())
            .bind(clinic.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 0 {
            return Err(StoreError::NotFound);
        }
        self.conversation(clinic, conversation).await
    }

    async fn put_template(&self, clinic: ClinicId, t: &Template) -> StoreResult<Template> {
        let owned: Option<(Uuid,)> = sqlx::query_as(CLINIC_CHANNEL)
            .bind(t.channel_id.as_uuid())
            .bind(clinic.as_uuid())
            .fetch_optional(self.pool())
            .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
        let now = crate::portable::now();
        let row: TemplateRow = sqlx::query_as(PUT_TEMPLATE)
            .bind(t.id)
            .bind(clinic.as_uuid())
            .bind(t.channel_id.as_uuid())
            .bind(t.name.as_str())
            .bind(t.language.as_str())
            .bind(t.body.as_str())
            .bind(t.variables)
            .bind(t.provider_ref.clone())
            .bind(t.approved)
            .bind(now)
            .fetch_one(self.pool())
            .await?;
        row.try_into()
    }

    async fn templates(&self, clinic: ClinicId, channel: ChannelId) -> StoreResult<Vec<Template>> {
        let rows: Vec<TemplateRow> = sqlx::query_as(TEMPLATES)
            .bind(clinic.as_uuid())
            .bind(channel.as_uuid())
            .fetch_all(self.pool())
            .await?;
        convert_all(rows)
    }

    async fn delete_template(
        &self,
        clinic: ClinicId,
        channel: ChannelId,
        id: Uuid,
    ) -> StoreResult<()> {
        let done = sqlx::query(DELETE_TEMPLATE)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(channel.as_uuid())
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }

    async fn record_test_send(
        &self,
        clinic: ClinicId,
        attempt: &TestSendAttempt,
        limit: Option<u32>,
    ) -> StoreResult<TestSendAttempt> {
        let at = micros(attempt.at);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        // Serializes a clinic's test sends so concurrent ones cannot both slip under the
        // limit.
        sqlx::query(S::Db::LOCK_CLINIC)
            .bind(clinic.as_uuid())
            .execute(&mut *tx)
            .await?;
        let mut recorded = attempt.clone();
        recorded.at = at;
        if let Some(limit) = limit {
            let (recent,): (i64,) = sqlx::query_as(RECENT_TEST_SENDS)
                .bind(clinic.as_uuid())
                .bind(at - Duration::minutes(1))
                .fetch_one(&mut *tx)
                .await?;
            if recent >= i64::from(limit) {
                recorded.outcome = "refused_rate_limited".into();
                recorded.detail = format!("at most {limit} test sends per minute per clinic");
            }
        }
        sqlx::query(INSERT_TEST_SEND)
            .bind(Uuid::now_v7())
            .bind(clinic.as_uuid())
            .bind(recorded.channel_id.as_uuid())
            .bind(recorded.account_id.map(|a| a.as_uuid()))
            .bind(recorded.recipient.as_str())
            .bind(recorded.outcome.as_str())
            .bind(recorded.detail.as_str())
            .bind(at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(recorded)
    }

    async fn test_sends(&self, clinic: ClinicId, limit: u32) -> StoreResult<Vec<TestSendAttempt>> {
        let rows: Vec<TestSendRow> = sqlx::query_as(TEST_SENDS)
            .bind(clinic.as_uuid())
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        convert_all(rows)
    }
}

/// One conversation, read on a connection (or in a transaction).
async fn conversation_on<DB>(
    conn: &mut DB::Connection,
    clinic: ClinicId,
    id: ConversationId,
) -> StoreResult<Conversation>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'r> ConversationRow: FromRow<'r, DB::Row>,
{
    let row: Option<ConversationRow> = sqlx::query_as(CONVERSATION)
        .bind(id.as_uuid())
        .bind(clinic.as_uuid())
        .fetch_optional(&mut *conn)
        .await?;
    row.ok_or(StoreError::NotFound)?.try_into()
}

/// Opens the conversation (or moves its last message on) and returns its id, patient and
/// the sequence number taken for the new message(s).
async fn upsert_conversation<DB>(
    tx: &mut Transaction<'_, DB>,
    (clinic, channel, contact): (ClinicId, ChannelId, &str),
    contact_name: Option<&str>,
    inbound_at: Option<DateTime<Utc>>,
    messages: i64,
    now: DateTime<Utc>,
) -> StoreResult<(Uuid, i64, Option<Uuid>)>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> Option<String>: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
    for<'r> (Uuid, i64, Option<Uuid>): FromRow<'r, DB::Row>,
{
    let row: (Uuid, i64, Option<Uuid>) = sqlx::query_as(UPSERT_CONVERSATION)
        .bind(Uuid::now_v7())
        .bind(clinic.as_uuid())
        .bind(channel.as_uuid())
        .bind(contact.to_string())
        .bind(contact_name.map(str::to_string))
        .bind(inbound_at.map(micros))
        .bind(micros(now))
        .bind(messages)
        .fetch_one(&mut **tx)
        .await?;
    Ok(row)
}

/// Finds the patient writing from `phone`, or records them as a lead named by the number: a
/// WhatsApp profile name is how the inbox shows the contact, never a patient's name (the
/// assistant asks for that).
async fn patient_for_phone<DB>(
    tx: &mut Transaction<'_, DB>,
    clinic: ClinicId,
    phone: &str,
    now: DateTime<Utc>,
) -> StoreResult<Uuid>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'r> (Uuid,): FromRow<'r, DB::Row>,
{
    let known: Option<(Uuid,)> = sqlx::query_as(PATIENT_BY_PHONE)
        .bind(clinic.as_uuid())
        .bind(phone.to_string())
        .fetch_optional(&mut **tx)
        .await?;
    if let Some((id,)) = known {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    sqlx::query(INSERT_LEAD)
        .bind(id)
        .bind(clinic.as_uuid())
        .bind(phone.to_string())
        .bind(phone.to_string())
        .bind(micros(now))
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Inserts outbound messages from `first_seq` on, queuing a send job for each one that is
/// not refused.
async fn insert_outbound<DB>(
    tx: &mut Transaction<'_, DB>,
    (clinic, conversation, channel, first_seq): (ClinicId, Uuid, Uuid, i64),
    messages: &[NewOutbound],
    turn: Option<Uuid>,
    send_attempts: u32,
    now: DateTime<Utc>,
) -> StoreResult<Vec<Message>>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> Option<Uuid>: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> Option<String>: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<serde_json::Value>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<&'q serde_json::Value>: Encode<'q, DB> + Type<DB>,
    for<'r> MessageRow: FromRow<'r, DB::Row>,
{
    let mut out = Vec::with_capacity(messages.len());
    for (i, m) in messages.iter().enumerate() {
        let id = m.id.map_or_else(Uuid::now_v7, |id| id.as_uuid());
        let status = if m.refused.is_some() {
            MessageStatus::Refused
        } else {
            MessageStatus::Queued
        };
        let row: MessageRow = sqlx::query_as(INSERT_OUTBOUND)
            .bind(id)
            .bind(clinic.as_uuid())
            .bind(conversation)
            .bind(channel)
            .bind(first_seq + i as i64)
            .bind(m.author.as_str())
            .bind(m.author_account.map(|a| a.as_uuid()))
            .bind(Json(&m.content))
            .bind(m.preview.clone())
            .bind(m.template.clone())
            .bind(turn)
            .bind(status.as_str())
            .bind(status.rank())
            .bind(m.refused.clone())
            .bind(micros(now))
            .fetch_one(&mut **tx)
            .await?;
        if m.refused.is_none() {
            let payload = SendJob {
                clinic_id: clinic,
                message_id: MessageId::from_uuid(id),
            };
            sqlx::query(INSERT_SEND)
                .bind(Uuid::now_v7())
                .bind(Json(payload.to_value()))
                .bind(id.to_string())
                .bind(send_lane(conversation))
                .bind(micros(now))
                .bind(i64::from(send_attempts.max(1)))
                .bind(JobKind::Send.as_str())
                .execute(&mut **tx)
                .await?;
        }
        out.push(row.try_into()?);
    }
    Ok(out)
}

/// Queues the conversation's turn at `due`, or moves an already queued one there, so a burst
/// of messages becomes one turn.
async fn queue_turn<DB>(
    tx: &mut Transaction<'_, DB>,
    clinic: ClinicId,
    conversation: Uuid,
    (due, oldest): (DateTime<Utc>, DateTime<Utc>),
    attempts: u32,
    now: DateTime<Utc>,
) -> StoreResult<()>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<serde_json::Value>: Encode<'q, DB> + Type<DB>,
{
    let lane = turn_lane(conversation);
    let moved = sqlx::query(MOVE_TURN)
        .bind(lane.clone())
        .bind(micros(due))
        .bind(micros(now))
        .bind(micros(oldest))
        .bind(JobKind::Turn.as_str())
        .execute(&mut **tx)
        .await?;
    if DB::rows_affected(&moved) == 0 {
        sqlx::query(INSERT_TURN)
            .bind(Uuid::now_v7())
            .bind(Json(turn_payload(clinic, conversation)))
            .bind(lane)
            .bind(micros(due))
            .bind(i64::from(attempts.max(1)))
            .bind(micros(now))
            .bind(JobKind::Turn.as_str())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Takes one inbound message in, through sqlx (SQLite on a database file takes the batch in
/// place instead: `Backend::accept_inbound_in_place`).
async fn accept_one<DB>(tx: &mut Transaction<'_, DB>, m: &NewInbound) -> StoreResult<Intake>
where
    DB: Dialect,
    for<'c> &'c mut DB::Connection: Executor<'c, Database = DB>,
    DB::Arguments: IntoArguments<DB>,
    for<'q> Uuid: Encode<'q, DB> + Type<DB>,
    for<'q> &'q str: Encode<'q, DB> + Type<DB>,
    for<'q> String: Encode<'q, DB> + Type<DB>,
    for<'q> Option<String>: Encode<'q, DB> + Type<DB>,
    for<'q> i64: Encode<'q, DB> + Type<DB>,
    for<'q> DateTime<Utc>: Encode<'q, DB> + Type<DB>,
    for<'q> Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<serde_json::Value>: Encode<'q, DB> + Type<DB>,
    for<'q> Json<&'q serde_json::Value>: Encode<'q, DB> + Type<DB>,
    for<'r> (Uuid,): FromRow<'r, DB::Row>,
    for<'r> (i64,): FromRow<'r, DB::Row>,
    for<'r> (Uuid, i64, Option<Uuid>): FromRow<'r, DB::Row>,
{
    let seen: Option<(i64,)> = sqlx::query_as(SEEN_MESSAGE)
        .bind(m.channel_id.as_uuid())
        .bind(m.provider_message_id.clone())
        .fetch_optional(&mut **tx)
        .await?;
    if seen.is_some() {
        return Ok(Intake::Duplicate);
    }
    let (conversation, seq, patient) = upsert_conversation(
        tx,
        (m.clinic_id, m.channel_id, &m.contact),
        m.contact_name.as_deref(),
        Some(m.received_at),
        1,
        m.received_at,
    )
    .await?;
    if patient.is_none() && m.contact_is_phone {
        let patient = patient_for_phone(tx, m.clinic_id, &m.contact, m.received_at).await?;
        sqlx::query(LINK_PATIENT)
            .bind(conversation)
            .bind(patient)
            .execute(&mut **tx)
            .await?;
    }
    let id = Uuid::now_v7();
    // A concurrent delivery of the same message (PostgreSQL) loses here; its conversation
    // keeps a gap in its sequence, which orders but never counts.
    let inserted: Option<(Uuid,)> = sqlx::query_as(INSERT_INBOUND)
        .bind(id)
        .bind(m.clinic_id.as_uuid())
        .bind(conversation)
        .bind(m.channel_id.as_uuid())
        .bind(seq)
        .bind(m.provider_message_id.clone())
        .bind(Json(&m.content))
        .bind(m.preview.clone())
        .bind(m.sent_at.map(micros))
        .bind(micros(m.received_at))
        .fetch_optional(&mut **tx)
        .await?;
    if inserted.is_none() {
        return Ok(Intake::Duplicate);
    }
    let due = m.received_at + m.debounce;
    let oldest = m.received_at - crate::messaging::burst_limit(m.debounce);
    queue_turn(
        tx,
        m.clinic_id,
        conversation,
        (due, oldest),
        m.turn_attempts,
        m.received_at,
    )
    .await?;
    Ok(Intake::Accepted {
        conversation: ConversationId::from_uuid(conversation),
        message: MessageId::from_uuid(id),
    })
}
