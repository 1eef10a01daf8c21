//! The intake's cost against the queue's history: `MOVE_TURN` alone and whole
//! `accept_inbound` batches on SQLite, with an empty jobs table and with 50,000 finished turn
//! jobs in it. A hot statement that reads history shows here as a cost that grows with it.
//!
//! `cargo bench -p frontdesk-store --bench history` (well under a minute).

use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::{ClinicName, ClinicProfile, Language, Slug, TimeZone};
use frontdesk_store::hot::HOT_STATEMENTS;
use frontdesk_store::{ChannelRecord, JobKind, NewInbound, testing};
use uuid::Uuid;

/// Finished turn jobs in the full table.
const HISTORY: usize = 50_000;
/// Messages taken in, in batches of `BATCH` (as the intake's group commit does under load).
const MESSAGES: usize = 2_000;
const BATCH: usize = 20;
/// Runs of `MOVE_TURN` alone.
const MOVES: usize = 2_000;

fn statement(name: &str) -> &'static str {
    HOT_STATEMENTS
        .iter()
        .find(|h| h.name == name)
        .map(|h| h.sqlite)
        .unwrap_or_else(|| panic!("no hot statement {name}"))
}

/// Finished turns of `jobs` other conversations, as months of use leave them.
fn fill(db: &std::path::Path, jobs: usize) {
    let mut conn = rusqlite::Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, \
                 max_attempts, created_at, updated_at) \
                 VALUES (?1, ?4, '{}', NULL, ?2, 'done', ?3, 1, 5, ?3, ?3)",
            )
            .unwrap();
        let at = Utc::now().to_rfc3339();
        for _ in 0..jobs {
            let lane = format!("turn:{}", Uuid::now_v7());
            insert
                .execute(rusqlite::params![
                    Uuid::now_v7().as_bytes().to_vec(),
                    lane,
                    at,
                    JobKind::Turn.as_str()
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
    conn.execute_batch("ANALYZE").unwrap();
}

struct Measured {
    accept: Duration,
    move_turn: Duration,
}

async fn measure(history: usize) -> Measured {
    let dir = tempfile::tempdir().unwrap();
    let store = frontdesk_store::connect(&testing::fresh_sqlite_url(dir.path()), 4)
        .await
        .unwrap();
    store.migrate().await.unwrap();
    let profile = ClinicProfile::new(
        ClinicName::parse("name", "History Dental").unwrap(),
        TimeZone::parse("tz", "Europe/Lisbon").unwrap(),
        Language::En,
    );
    let clinic = store
        .create_clinic(&Slug::parse("slug", "history").unwrap(), &profile, None)
        .await
        .unwrap();
    let channel = store
        .create_channel(
            clinic.id,
            &ChannelRecord {
                kind: ChannelKind::Twilio,
                name: "Reception".into(),
                address: "+351210000000".into(),
                route_key: None,
                settings: serde_json::json!({}),
                credentials: "v1:k1:sealed".into(),
                active: true,
            },
        )
        .await
        .unwrap();
    let db = dir.path().join("frontdesk.db");
    fill(&db, history);

    // Two messages from each contact: the first queues the turn, the second moves it.
    let started = Instant::now();
    let now = Utc::now();
    let inbound: Vec<NewInbound> = (0..MESSAGES)
        .map(|i| NewInbound {
            clinic_id: clinic.id,
            channel_id: channel.id,
            contact: format!("+3519{:08}", i / 2),
            contact_is_phone: true,
            contact_name: None,
            provider_message_id: format!("SM{i}"),
            content: serde_json::json!({"type": "text", "body": "hello"}),
            preview: "hello".into(),
            sent_at: Some(now),
            received_at: now,
            debounce: chrono::Duration::seconds(2),
            turn_attempts: 5,
        })
        .collect();
    // Same-contact pairs land in different batches: a message's turn is already queued.
    let (first, second): (Vec<_>, Vec<_>) = inbound
        .into_iter()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    for part in [first, second] {
        let part: Vec<NewInbound> = part.into_iter().map(|(_, m)| m).collect();
        for batch in part.chunks(BATCH) {
            store.accept_inbound(batch).await.unwrap();
        }
    }
    let accept = started.elapsed() / MESSAGES as u32;
    drop(store);

    let conn = rusqlite::Connection::open(&db).unwrap();
    let lane: String = conn
        .query_row(
            "SELECT lane FROM jobs WHERE status = 'queued' AND kind = ?1 LIMIT 1",
            [JobKind::Turn.as_str()],
            |r| r.get(0),
        )
        .unwrap();
    // One transaction, so the statement is timed and not the disk's flushes.
    conn.execute_batch("BEGIN").unwrap();
    let mut moving = conn.prepare(statement("MOVE_TURN")).unwrap();
    let at = Utc::now().to_rfc3339();
    let started = Instant::now();
    for _ in 0..MOVES {
        let moved = moving
            .execute(rusqlite::named_params! {"$1": lane, "$2": at, "$3": at, "$4": at, "$5": JobKind::Turn.as_str()})
            .unwrap();
        assert_eq!(moved, 1);
    }
    let move_turn = started.elapsed() / MOVES as u32;
    drop(moving);
    conn.execute_batch("ROLLBACK").unwrap();
    Measured { accept, move_turn }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("History: hot statements on a full jobs table (SQLite)");
    println!("finished turn jobs | accept_inbound per message ({BATCH} a batch) | MOVE_TURN alone");
    for history in [0, HISTORY] {
        let m = measure(history).await;
        println!(
            "{history:>18} | {:>10.1} µs | {:>10.1} µs",
            m.accept.as_secs_f64() * 1e6,
            m.move_turn.as_secs_f64() * 1e6
        );
    }
}
