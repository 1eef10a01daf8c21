//! SQLite's intake, written in place on one rusqlite connection: a batch of inbound messages
//! is a few statements each in one `BEGIN IMMEDIATE` transaction. Through sqlx every
//! statement crosses to the connection's thread and back; on two cores those hand-offs, not
//! SQLite, bound the intake. The SQL is the text the sqlx path runs (`messaging_rows`), and
//! the conformance suite runs every intake story through this path.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior, named_params};
use uuid::Uuid;

use crate::error::StoreError;
use crate::jobs::JobKind;
use crate::messaging::{Intake, NewInbound};
use crate::messaging_rows::{
    INSERT_INBOUND, INSERT_LEAD, INSERT_TURN, LINK_PATIENT, MOVE_TURN, PATIENT_BY_PHONE,
    SEEN_MESSAGE, UPSERT_CONVERSATION, turn_payload,
};
use crate::messaging_sql::turn_lane;
use crate::sqlite_writes::{blob, text};
use frontdesk_domain::{ConversationId, MessageId};

/// The intake's writer connection.
pub(crate) struct InboundWriter {
    conn: Mutex<Connection>,
}

fn failed(e: rusqlite::Error) -> StoreError {
    StoreError::Write(format!("intake: {e}"))
}

fn uuid_of(bytes: &[u8]) -> Result<Uuid, StoreError> {
    Uuid::from_slice(bytes).map_err(|e| StoreError::Corrupt(format!("id: {e}")))
}

impl InboundWriter {
    /// A writer for the database file at `path`; `None` when it cannot be opened, and then
    /// the intake takes the sqlx path.
    pub(crate) fn open(path: &Path) -> Option<Self> {
        let conn = Connection::open(path).ok()?;
        // The same settings as the sqlx pool: durable commits, foreign keys, patience.
        conn.pragma_update(None, "synchronous", "FULL").ok()?;
        conn.pragma_update(None, "foreign_keys", "ON").ok()?;
        conn.busy_timeout(Duration::from_secs(10)).ok()?;
        Some(InboundWriter {
            conn: Mutex::new(conn),
        })
    }

    /// See `MessagingStore::accept_inbound`.
    pub(crate) fn accept(&self, batch: &[NewInbound]) -> Result<Vec<Intake>, StoreError> {
        // A poisoned lock only means an earlier batch panicked; its transaction rolled back.
        let mut conn = self.conn.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(failed)?;
        let mut out = Vec::with_capacity(batch.len());
        for m in batch {
            out.push(accept_one(&tx, m).map_err(failed)?);
        }
        tx.commit().map_err(failed)?;
        Ok(out)
    }
}

fn accept_one(tx: &Transaction<'_>, m: &NewInbound) -> rusqlite::Result<Intake> {
    let channel = blob(m.channel_id.as_uuid());
    let clinic = blob(m.clinic_id.as_uuid());
    let seen: Option<i64> = tx
        .prepare_cached(SEEN_MESSAGE)?
        .query_row(
            named_params! {"$1": channel, "$2": m.provider_message_id},
            |r| r.get(0),
        )
        .optional()?;
    if seen.is_some() {
        return Ok(Intake::Duplicate);
    }
    let received = text(m.received_at);
    let (conversation, seq, patient): (Vec<u8>, i64, Option<Vec<u8>>) =
        tx.prepare_cached(UPSERT_CONVERSATION)?.query_row(
            named_params! {
                "$1": blob(Uuid::now_v7()), "$2": clinic, "$3": channel, "$4": m.contact,
                "$5": m.contact_name, "$6": received, "$7": received, "$8": 1i64,
            },
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
    if patient.is_none() && m.contact_is_phone {
        let known: Option<Vec<u8>> = tx
            .prepare_cached(PATIENT_BY_PHONE)?
            .query_row(named_params! {"$1": clinic, "$2": m.contact}, |r| r.get(0))
            .optional()?;
        let patient = match known {
            Some(id) => id,
            None => {
                let id = blob(Uuid::now_v7()).to_vec();
                tx.prepare_cached(INSERT_LEAD)?.execute(named_params! {
                    "$1": id, "$2": clinic,
                    // The number, never the profile name (see patient_for_phone).
                    "$3": m.contact,
                    "$4": m.contact, "$5": received,
                })?;
                id
            }
        };
        tx.prepare_cached(LINK_PATIENT)?
            .execute(named_params! {"$1": conversation, "$2": patient})?;
    }
    let id = Uuid::now_v7();
    let content = serde_json::to_string(&m.content).unwrap_or_else(|_| "{}".into());
    let inserted: Option<Vec<u8>> = tx
        .prepare_cached(INSERT_INBOUND)?
        .query_row(
            named_params! {
                "$1": blob(id), "$2": clinic, "$3": conversation, "$4": channel, "$5": seq,
                "$6": m.provider_message_id, "$7": content, "$8": m.preview,
                "$9": m.sent_at.map(text), "$10": received,
            },
            |r| r.get(0),
        )
        .optional()?;
    if inserted.is_none() {
        return Ok(Intake::Duplicate);
    }
    let conversation = uuid_of(&conversation).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Blob, Box::new(e))
    })?;
    let lane = turn_lane(conversation);
    let due = text(m.received_at + m.debounce);
    let oldest = text(m.received_at - crate::messaging::burst_limit(m.debounce));
    let moved = tx.prepare_cached(MOVE_TURN)?.execute(named_params! {
        "$1": lane, "$2": due, "$3": received, "$4": oldest, "$5": JobKind::Turn.as_str(),
    })?;
    if moved == 0 {
        let payload = turn_payload(m.clinic_id, conversation).to_string();
        tx.prepare_cached(INSERT_TURN)?.execute(named_params! {
            "$1": blob(Uuid::now_v7()), "$2": payload, "$3": lane, "$4": due,
            "$5": i64::from(m.turn_attempts.max(1)), "$6": received, "$7": JobKind::Turn.as_str(),
        })?;
    }
    Ok(Intake::Accepted {
        conversation: ConversationId::from_uuid(conversation),
        message: MessageId::from_uuid(id),
    })
}
