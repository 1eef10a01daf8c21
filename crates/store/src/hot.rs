//! The hot statements: those run for every inbound message, job, turn, reply, status report
//! or booking. Their cost must stay flat however much history the tables hold, so each one
//! is listed here with the indexes its plan must read, and `tests/hot_plans.rs` plans every
//! entry on both backends and fails on a table read whole or an index missed. A statement
//! on a hot path that is not listed here is not checked: list it.

use crate::jobs::queries as jobs_sql;
use crate::{messaging_rows as intake, outbox_rows as outbox, schedule_rows as schedule};

/// A statement on a hot path and the indexes its plan must read.
#[derive(Debug, Clone, Copy)]
pub struct HotStatement {
    /// The constant's name (both, when the backends' texts differ), for failures.
    pub name: &'static str,
    /// Its text on SQLite.
    pub sqlite: &'static str,
    /// Its text on PostgreSQL.
    pub postgres: &'static str,
    /// Indexes its plan must use. `a|b` is met by either: SQLite and PostgreSQL name a
    /// primary key or UNIQUE constraint differently (`sqlite_autoindex_jobs_1|jobs_pkey`),
    /// and a lookup by id and clinic may take the primary key or UNIQUE (id, clinic_id).
    pub indexes: &'static [&'static str],
}

/// A statement both backends run as written.
const fn both(
    name: &'static str,
    sql: &'static str,
    indexes: &'static [&'static str],
) -> HotStatement {
    HotStatement {
        name,
        sqlite: sql,
        postgres: sql,
        indexes,
    }
}

/// Every hot statement, by path.
pub const HOT_STATEMENTS: &[HotStatement] = &[
    // The intake, once per inbound message.
    both(
        "SEEN_MESSAGE",
        intake::SEEN_MESSAGE,
        &["messages_by_provider_id"],
    ),
    both("UPSERT_CONVERSATION", intake::UPSERT_CONVERSATION, &[]),
    both(
        "PATIENT_BY_PHONE",
        intake::PATIENT_BY_PHONE,
        &["patients_by_phone"],
    ),
    both("INSERT_LEAD", intake::INSERT_LEAD, &[]),
    both(
        "LINK_PATIENT",
        intake::LINK_PATIENT,
        &[
            "sqlite_autoindex_conversations_1|sqlite_autoindex_conversations_2|conversations_pkey|conversations_id_clinic_id_key",
        ],
    ),
    both("INSERT_INBOUND", intake::INSERT_INBOUND, &[]),
    both("MOVE_TURN", intake::MOVE_TURN, &["jobs_by_lane"]),
    both("INSERT_TURN", intake::INSERT_TURN, &[]),
    // The queue, for every job.
    both("ENQUEUE", jobs_sql::ENQUEUE, &[]),
    both("TAKE_KEY", jobs_sql::TAKE_KEY, &[]),
    both(
        "KEYED_JOB",
        jobs_sql::KEYED_JOB,
        &["sqlite_autoindex_job_keys_1|job_keys_pkey"],
    ),
    both("NEXT_DUE", jobs_sql::NEXT_DUE, &["jobs_due", "jobs_leased"]),
    both("BURY", jobs_sql::BURY, &["jobs_leased"]),
    HotStatement {
        name: "CLAIM_SQLITE / CLAIM_POSTGRES",
        sqlite: jobs_sql::CLAIM_SQLITE,
        postgres: jobs_sql::CLAIM_POSTGRES,
        indexes: &["jobs_due", "jobs_leased", "jobs_by_lane"],
    },
    both(
        "COMPLETE",
        jobs_sql::COMPLETE,
        &["sqlite_autoindex_jobs_1|jobs_pkey"],
    ),
    both(
        "HELD_ATTEMPTS",
        jobs_sql::HELD_ATTEMPTS,
        &["sqlite_autoindex_jobs_1|jobs_pkey"],
    ),
    both(
        "RECORD_FAILURE",
        jobs_sql::RECORD_FAILURE,
        &["sqlite_autoindex_jobs_1|jobs_pkey"],
    ),
    // The turn: what it reads, then its commit.
    both(
        "CONVERSATION",
        outbox::CONVERSATION,
        &[
            "sqlite_autoindex_conversations_1|sqlite_autoindex_conversations_2|conversations_pkey|conversations_id_clinic_id_key",
            "sqlite_autoindex_channels_1|channels_pkey",
            "sqlite_autoindex_messages_2|messages_conversation_id_seq_key",
        ],
    ),
    both(
        "PENDING_MESSAGES",
        outbox::PENDING_MESSAGES,
        &["messages_unhandled"],
    ),
    both(
        "MESSAGES_BEFORE",
        outbox::MESSAGES_BEFORE,
        &["sqlite_autoindex_messages_2|messages_conversation_id_seq_key"],
    ),
    both(
        "PATIENT_BY_ID",
        schedule::PATIENT_BY_ID,
        &[
            "sqlite_autoindex_patients_1|sqlite_autoindex_patients_2|patients_pkey|patients_id_clinic_id_key",
        ],
    ),
    both(
        "APPOINTMENT_BY_ID",
        schedule::APPOINTMENT_BY_ID,
        &[
            "sqlite_autoindex_appointments_1|sqlite_autoindex_appointments_2|appointments_pkey|appointments_id_clinic_id_key",
        ],
    ),
    both(
        "COMPLETE_TURN",
        outbox::COMPLETE_TURN,
        &["sqlite_autoindex_jobs_1|jobs_pkey"],
    ),
    both(
        "HANDLE_MESSAGE",
        outbox::HANDLE_MESSAGE,
        &["sqlite_autoindex_messages_1|messages_pkey"],
    ),
    both(
        "CONCLUDE_TURN",
        outbox::CONCLUDE_TURN,
        &[
            "sqlite_autoindex_conversations_1|sqlite_autoindex_conversations_2|conversations_pkey|conversations_id_clinic_id_key",
        ],
    ),
    both("INSERT_OUTBOUND", outbox::INSERT_OUTBOUND, &[]),
    both("INSERT_SEND", outbox::INSERT_SEND, &[]),
    // The outbox: a send, then the provider's status reports.
    both(
        "BEGIN_SEND",
        outbox::BEGIN_SEND,
        &["sqlite_autoindex_messages_1|messages_pkey"],
    ),
    both(
        "MARK_UNKNOWN",
        outbox::MARK_UNKNOWN,
        &["sqlite_autoindex_messages_1|messages_pkey"],
    ),
    both(
        "CHANNEL_BY_ID",
        outbox::CHANNEL_BY_ID,
        &["sqlite_autoindex_channels_1|channels_pkey"],
    ),
    both(
        "FINISH_SEND",
        outbox::FINISH_SEND,
        &[
            "sqlite_autoindex_messages_1|messages_pkey",
            "sqlite_autoindex_delivery_reports_1|delivery_reports_pkey",
        ],
    ),
    both("RECORD_REPORT", outbox::RECORD_REPORT, &[]),
    both(
        "RAISE_STATUS",
        outbox::RAISE_STATUS,
        &["messages_by_provider_id"],
    ),
    both(
        "SETTLE_UNKNOWN",
        outbox::SETTLE_UNKNOWN,
        &["messages_unknown", "messages_by_provider_id"],
    ),
    // Availability and booking.
    both(
        "POLICY",
        schedule::POLICY,
        &["sqlite_autoindex_scheduling_policies_1|scheduling_policies_pkey"],
    ),
    both("BUSY_BLOCKS", schedule::BUSY_BLOCKS, &["appointments_busy"]),
    both(
        "CLAIM_SPAN",
        schedule::CLAIM_SPAN,
        &["appointments_by_practitioner"],
    ),
    both(
        "EXPIRE_HOLDS",
        schedule::EXPIRE_HOLDS,
        &["appointments_held"],
    ),
    both("INSERT_APPOINTMENT", schedule::INSERT_APPOINTMENT, &[]),
    both("INSERT_HISTORY", schedule::INSERT_HISTORY, &[]),
    both("UPSERT_REMINDER", schedule::UPSERT_REMINDER, &[]),
    both("INSERT_REMINDER_JOB", schedule::INSERT_REMINDER_JOB, &[]),
    // Upkeep, every sweep: a bounded batch of the oldest finished jobs.
    both("PRUNE_DONE", jobs_sql::PRUNE_DONE, &["jobs_done"]),
    both("PRUNE_DEAD", jobs_sql::PRUNE_DEAD, &["jobs_dead"]),
    both(
        "RECORD_DUE_REMINDERS",
        schedule::RECORD_DUE_REMINDERS,
        &["reminders_pending"],
    ),
];
