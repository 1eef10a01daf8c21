//! Pruning the job queue's history: finished jobs are deleted after a retention, in bounded
//! batches, so the table holds about a week of work instead of every job ever run. Queued
//! and running jobs are never touched, and dedupe keys outlive their jobs in the store's
//! `job_keys`, so a retried webhook or reminder still runs once after its job is gone.

use chrono::{DateTime, Duration, Utc};
use frontdesk_store::{Store, StoreError};

/// How long finished jobs are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobRetention {
    /// Jobs done this long ago are deleted (`FRONTDESK_JOB_RETENTION_DAYS`, 7 days).
    pub done: Duration,
    /// Dead jobs are kept longer, to be read and retried by hand
    /// (`FRONTDESK_DEAD_JOB_RETENTION_DAYS`, 30 days).
    pub dead: Duration,
}

impl Default for JobRetention {
    fn default() -> Self {
        JobRetention {
            done: Duration::days(7),
            dead: Duration::days(30),
        }
    }
}

/// Jobs of each status deleted by one batch: small enough that a batch holds SQLite's write
/// lock for milliseconds, so the intake never waits long behind it.
pub const BATCH: u32 = 500;

/// Batches one sweep runs at most; 4 × 500 every 15 s is far above any clinic's job rate, so
/// a backlog (a first run after an upgrade) drains within hours without a long stall.
const BATCHES_PER_SWEEP: u32 = 4;

/// Deletes finished jobs past their retention as of `now`, a few bounded batches; returns
/// how many.
pub async fn prune_finished_jobs(
    store: &dyn Store,
    retention: JobRetention,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let mut pruned = 0;
    for _ in 0..BATCHES_PER_SWEEP {
        let batch = store
            .prune_finished(now - retention.done, now - retention.dead, BATCH)
            .await?;
        pruned += batch;
        if batch < u64::from(BATCH) {
            break;
        }
    }
    Ok(pruned)
}
