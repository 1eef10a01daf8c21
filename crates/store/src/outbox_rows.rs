//! The turn's and the outbox's statements, run as written by both backends: what a turn
//! reads and commits, how a reply is sent once, and how providers' status reports land.

/// One conversation of a clinic, with its channel's kind, unread count and last text.
pub(crate) const CONVERSATION: &str = constcat::concat!(
    crate::columns::CONVERSATION_SELECT,
    "WHERE c.id = $1 AND c.clinic_id = $2"
);

/// A conversation's messages before a sequence number (all when `$3` is null), newest first.
pub(crate) const MESSAGES_BEFORE: &str = constcat::concat!(
    "SELECT ",
    crate::columns::MESSAGE_COLUMNS,
    " FROM messages WHERE conversation_id = $1 AND clinic_id = $2 \
     AND ($3 IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4"
);

/// The messages a turn answers: those not yet handled, by provider time, then arrival.
pub(crate) const PENDING_MESSAGES: &str = constcat::concat!(
    "SELECT ",
    crate::columns::MESSAGE_COLUMNS,
    " FROM messages WHERE conversation_id = $1 AND clinic_id = $2 \
     AND status = 'received' ORDER BY COALESCE(sent_at, created_at), seq"
);

/// Completes a turn's job, only while this worker holds it.
pub(crate) const COMPLETE_TURN: &str = "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $3 \
     WHERE id = $1 AND worker = $2 AND status = 'running' RETURNING id";

/// Marks a message of the turn handled, only if nobody did before.
pub(crate) const HANDLE_MESSAGE: &str = "UPDATE messages SET status = 'handled', status_rank = $4, turn = $5, \
     updated_at = $6 WHERE id = $1 AND clinic_id = $2 AND conversation_id = $3 AND status = 'received'";

/// The turn's write to its conversation: state, flags, and the replies' sequence numbers.
pub(crate) const CONCLUDE_TURN: &str = "UPDATE conversations SET state = $3, last_seq = last_seq + $4, \
     last_message_at = CASE WHEN $4 > 0 THEN $5 ELSE last_message_at END, \
     needs_human = CASE WHEN $6 IS NULL THEN needs_human ELSE TRUE END, \
     human_reason = COALESCE($6, human_reason), updated_at = $5 WHERE id = $1 AND clinic_id = $2 \
     RETURNING channel_id, last_seq";

/// An outbound message.
pub(crate) const INSERT_OUTBOUND: &str = constcat::concat!(
    "INSERT INTO messages (id, clinic_id, conversation_id, channel_id, seq, direction, author, \
     author_account, provider_message_id, content, preview, template, turn, status, status_rank, \
     error, sent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'outbound', $6, $7, NULL, \
     $8, $9, $10, $11, $12, $13, $14, NULL, $15, $15) RETURNING ",
    crate::columns::MESSAGE_COLUMNS
);

/// The send job of an outbound message, in its conversation's send lane. Its dedupe key is
/// the message's id: the message's own primary key is what keeps it to one send job.
pub(crate) const INSERT_SEND: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, \
     attempts, max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, $7, $2, $3, $4, 'queued', $5, 0, $6, NULL, NULL, NULL, $5, $5)";

/// Marks a queued reply `sending` before the provider is called.
pub(crate) const BEGIN_SEND: &str = constcat::concat!(
    "UPDATE messages SET status = 'sending', status_rank = $3, updated_at = $4 \
     WHERE id = $1 AND clinic_id = $2 AND direction = 'outbound' AND status = 'queued' RETURNING ",
    crate::columns::MESSAGE_COLUMNS
);

/// A reply left `sending` by a worker that stopped mid-call: never sent again.
pub(crate) const MARK_UNKNOWN: &str = "UPDATE messages SET status = 'unknown', status_rank = $3, updated_at = $4, \
     error = 'unknown — may have been delivered: the worker stopped while handing it to the provider; not sent again to avoid a duplicate' \
     WHERE id = $1 AND clinic_id = $2 AND status = 'sending'";

/// The outcome of a send, or a provider's report that beat it here when that went further.
pub(crate) const FINISH_SEND: &str = "UPDATE messages SET \
     status = COALESCE((SELECT r.status FROM delivery_reports r WHERE r.channel_id = messages.channel_id \
       AND r.provider_message_id = $5 AND r.status_rank > $4), $3), \
     status_rank = COALESCE((SELECT r.status_rank FROM delivery_reports r WHERE r.channel_id = messages.channel_id \
       AND r.provider_message_id = $5 AND r.status_rank > $4), $4), \
     error = COALESCE((SELECT r.error FROM delivery_reports r WHERE r.channel_id = messages.channel_id \
       AND r.provider_message_id = $5 AND r.status_rank > $4), $6), \
     provider_message_id = COALESCE($5, provider_message_id), updated_at = $7 \
     WHERE id = $1 AND clinic_id = $2 AND status = 'sending'";

/// Keeps the highest status a provider reported for one of its ids.
pub(crate) const RECORD_REPORT: &str = "INSERT INTO delivery_reports (channel_id, provider_message_id, status, \
     status_rank, error, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
     ON CONFLICT (channel_id, provider_message_id) DO UPDATE SET \
     status = excluded.status, status_rank = excluded.status_rank, \
     error = COALESCE(excluded.error, delivery_reports.error), updated_at = excluded.updated_at \
     WHERE delivery_reports.status_rank < excluded.status_rank";

/// Raises a sent message's status to a report's, only upward.
pub(crate) const RAISE_STATUS: &str = "UPDATE messages SET status = $3, status_rank = $4, error = COALESCE($5, error), \
     updated_at = $6 WHERE channel_id = $1 AND provider_message_id = $2 AND direction = 'outbound' \
     AND status_rank < $4";

/// A report for an id we never recorded settles the contact's oldest reply whose send
/// outcome is unknown (the provider got it after all).
pub(crate) const SETTLE_UNKNOWN: &str = "UPDATE messages SET status = $3, status_rank = $4, provider_message_id = $2, \
     error = $5, updated_at = $6 \
     WHERE id = (SELECT m.id FROM messages m JOIN conversations c ON c.id = m.conversation_id \
     WHERE m.channel_id = $1 AND m.direction = 'outbound' AND m.status = 'unknown' \
     AND c.contact = $7 ORDER BY m.seq LIMIT 1) \
     AND NOT EXISTS (SELECT 1 FROM messages k WHERE k.channel_id = $1 AND k.provider_message_id = $2)";

/// A channel by id.
pub(crate) const CHANNEL_BY_ID: &str = constcat::concat!(
    "SELECT ",
    crate::columns::CHANNEL_COLUMNS,
    " FROM channels WHERE id = $1"
);
