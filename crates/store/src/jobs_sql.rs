//! The job queue's SQL, the same text on both backends but for how a claim locks rows.

/// The columns that make a job row.
macro_rules! job_columns {
    () => {
        "id, kind, payload, status, run_at, attempts, max_attempts, lease_until, worker, last_error"
    };
}
pub(crate) use job_columns;

/// Queues a job; a dedupe key already used by its kind inserts nothing.
pub(crate) const ENQUEUE: &str = "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, \
     max_attempts, lease_until, worker, last_error, created_at, updated_at) \
     VALUES ($1, $2, $3, $4, $8, 'queued', $5, 0, $6, NULL, NULL, NULL, $7, $7) \
     ON CONFLICT (kind, dedupe_key) DO NOTHING RETURNING id";

/// Takes a kind's dedupe key for a job; a key already taken inserts nothing. Keys outlive
/// their jobs, so a job pruned long ago still keeps its key from a second run.
pub(crate) const TAKE_KEY: &str = "INSERT INTO job_keys (kind, dedupe_key, job_id) VALUES ($1, $2, $3) \
     ON CONFLICT (kind, dedupe_key) DO NOTHING RETURNING job_id";

/// The job that took a kind's dedupe key.
pub(crate) const KEYED_JOB: &str =
    "SELECT job_id FROM job_keys WHERE kind = $1 AND dedupe_key = $2";

/// Deletes up to `$2` jobs finished (`done`) before `$1`, oldest first.
pub(crate) const PRUNE_DONE: &str = "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs \
     WHERE status = 'done' AND updated_at < $1 ORDER BY updated_at LIMIT $2)";

/// Deletes up to `$2` jobs that died before `$1`, oldest first.
pub(crate) const PRUNE_DEAD: &str = "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs \
     WHERE status = 'dead' AND updated_at < $1 ORDER BY updated_at LIMIT $2)";

/// When the next job falls due; each half reads the first entry of its partial index.
pub(crate) const NEXT_DUE: &str = "SELECT min(run_at) FROM jobs WHERE status = 'queued' \
     UNION ALL SELECT min(lease_until) FROM jobs WHERE status = 'running'";

/// Declares dead the jobs whose worker died on their last allowed attempt.
pub(crate) const BURY: &str = "UPDATE jobs SET status = 'dead', lease_until = NULL, updated_at = $1, \
     last_error = COALESCE(last_error || '; ', '') || 'lease ran out on the last attempt' \
     WHERE status = 'running' AND lease_until <= $1 AND attempts >= max_attempts";

/// A claim: due jobs whose lane holds no older unfinished job, for one worker. `$skip` locks
/// the selected rows (PostgreSQL) or is empty (SQLite).
macro_rules! claim {
    ($skip:literal) => {
        concat!(
            "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2, worker = $3, \
             updated_at = $1 WHERE id IN (SELECT j.id FROM jobs j \
             WHERE ((j.status = 'queued' AND j.run_at <= $1) \
             OR (j.status = 'running' AND j.lease_until <= $1 AND j.attempts < j.max_attempts)) \
             AND (j.lane IS NULL OR NOT EXISTS (SELECT 1 FROM jobs o WHERE o.lane = j.lane \
             AND o.id < j.id AND o.status IN ('queued', 'running'))) \
             ORDER BY j.run_at, j.id LIMIT $4",
            $skip,
            ") RETURNING ",
            job_columns!()
        )
    };
}

/// SQLite's claim: `BEGIN IMMEDIATE` already serializes writers.
pub(crate) const CLAIM_SQLITE: &str = claim!("");
/// PostgreSQL's claim: workers on many replicas take disjoint jobs.
pub(crate) const CLAIM_POSTGRES: &str = claim!(" FOR UPDATE SKIP LOCKED");

/// Marks a job done, only for the worker holding it.
pub(crate) const COMPLETE: &str = "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $3 \
     WHERE id = $1 AND worker = $2 AND status = 'running'";

/// A running job's attempts, only for the worker holding it.
pub(crate) const HELD_ATTEMPTS: &str =
    "SELECT attempts, max_attempts FROM jobs WHERE id = $1 AND worker = $2 AND status = 'running'";

/// Records a failure: queued again for later, or dead.
pub(crate) const RECORD_FAILURE: &str = "UPDATE jobs SET status = $2, run_at = $3, lease_until = NULL, \
     last_error = $4, updated_at = $5 WHERE id = $1";

/// Implements [`crate::JobQueue`] for a backend whose pool is `self.pool`. A job whose lane
/// holds an older unfinished job is not claimable: on PostgreSQL a concurrent claimer either
/// sees that older job still queued (its claim not yet committed) or running, so two jobs
/// of one lane never run together. `claim` is the backend's claim statement
/// ([`CLAIM_SQLITE`], [`CLAIM_POSTGRES`]).
macro_rules! job_queue {
    ($store:ty, begin_write: $begin_write:literal, claim: $claim:path,) => {
        mod job_queue_impl {
            use async_trait::async_trait;
            use chrono::{DateTime, Duration, Utc};
            use sqlx::types::Json;
            use uuid::Uuid;

            use super::*;
            use $crate::StoreResult;
            use $crate::error::StoreError;
            use $crate::jobs::{Job, JobQueue, JobStatus, NewJob, backoff};
            use $crate::portable::micros;
            use $crate::jobs_sql::{job_columns, BURY, COMPLETE, ENQUEUE, HELD_ATTEMPTS, KEYED_JOB, NEXT_DUE, PRUNE_DEAD, PRUNE_DONE, RECORD_FAILURE, TAKE_KEY};

            #[derive(sqlx::FromRow)]
            struct JobRow {
                id: Uuid,
                kind: String,
                payload: Json<serde_json::Value>,
                status: String,
                run_at: DateTime<Utc>,
                attempts: i32,
                max_attempts: i32,
                lease_until: Option<DateTime<Utc>>,
                worker: Option<String>,
                last_error: Option<String>,
            }

            impl TryFrom<JobRow> for Job {
                type Error = StoreError;
                fn try_from(r: JobRow) -> Result<Self, StoreError> {
                    Ok(Job {
                        id: r.id,
                        kind: r.kind,
                        payload: r.payload.0,
                        status: JobStatus::parse(&r.status)
                            .ok_or_else(|| StoreError::Corrupt(format!("job status {:?}", r.status)))?,
                        run_at: r.run_at,
                        attempts: u32::try_from(r.attempts).unwrap_or(0),
                        max_attempts: u32::try_from(r.max_attempts).unwrap_or(0),
                        lease_until: r.lease_until,
                        worker: r.worker,
                        last_error: r.last_error,
                    })
                }
            }

            fn lease_lost() -> StoreError {
                StoreError::Refused("this worker no longer holds the job (its lease ran out and it was claimed again)".into())
            }

            #[async_trait]
            impl JobQueue for $store {
                async fn enqueue(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<(Uuid, bool)> {
                    let id = Uuid::now_v7();
                    let now = micros(now);
                    let mut tx = self.pool.begin_with($begin_write).await?;
                    if let Some(key) = &job.dedupe_key {
                        let taken: Option<(Uuid,)> = sqlx::query_as(TAKE_KEY)
                            .bind(&job.kind)
                            .bind(key)
                            .bind(id)
                            .fetch_optional(&mut *tx)
                            .await?;
                        if taken.is_none() {
                            let (existing,): (Uuid,) = sqlx::query_as(KEYED_JOB)
                                .bind(&job.kind)
                                .bind(key)
                                .fetch_one(&mut *tx)
                                .await?;
                            return Ok((existing, false));
                        }
                    }
                    let inserted: Option<(Uuid,)> = sqlx::query_as(ENQUEUE)
                        .bind(id)
                        .bind(&job.kind)
                        .bind(Json(&job.payload))
                        .bind(&job.dedupe_key)
                        .bind(micros(job.run_at))
                        .bind(i32::try_from(job.max_attempts.max(1)).unwrap_or(i32::MAX))
                        .bind(now)
                        .bind(&job.lane)
                        .fetch_optional(&mut *tx)
                        .await?;
                    if inserted.is_none() {
                        // A job queued before keys were kept apart holds the key on its own row.
                        return Err(StoreError::Conflict(format!("a {} job with this dedupe key exists", job.kind)));
                    }
                    tx.commit().await?;
                    Ok((id, true))
                }

                async fn next_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
                    let due: Vec<(Option<DateTime<Utc>>,)> = sqlx::query_as(NEXT_DUE)
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(due.into_iter().filter_map(|(t,)| t).min())
                }

                async fn claim(&self, worker: &str, limit: u32, lease: Duration, now: DateTime<Utc>) -> StoreResult<Vec<Job>> {
                    let now = micros(now);
                    // A job whose worker died on its last allowed attempt is dead: the claim
                    // below never takes it, and now and then it is marked so.
                    if self.burials.due(now) {
                        sqlx::query(BURY)
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    }
                    // One statement, so no transaction: every claim is one round trip.
                    let rows: Vec<JobRow> = sqlx::query_as($claim)
                    .bind(now)
                    .bind(micros(now + lease))
                    .bind(worker)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                    let mut jobs: Vec<Job> = $crate::portable::convert_all(rows)?;
                    jobs.sort_by_key(|j| (j.run_at, j.id));
                    Ok(jobs)
                }

                async fn complete(&self, id: Uuid, worker: &str, now: DateTime<Utc>) -> StoreResult<()> {
                    let done = sqlx::query(COMPLETE)
                    .bind(id)
                    .bind(worker)
                    .bind(micros(now))
                    .execute(&self.pool)
                    .await?;
                    if done.rows_affected() == 1 { Ok(()) } else { Err(lease_lost()) }
                }

                async fn fail(&self, id: Uuid, worker: &str, error: &str, now: DateTime<Utc>) -> StoreResult<JobStatus> {
                    let now = micros(now);
                    let mut tx = self.pool.begin_with($begin_write).await?;
                    let held: Option<(i32, i32)> = sqlx::query_as(HELD_ATTEMPTS)
                    .bind(id)
                    .bind(worker)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((attempts, max_attempts)) = held else {
                        return Err(lease_lost());
                    };
                    let dead = attempts >= max_attempts;
                    let run_at = now + backoff(u32::try_from(attempts).unwrap_or(1));
                    sqlx::query(RECORD_FAILURE)
                    .bind(id)
                    .bind(if dead { "dead" } else { "queued" })
                    .bind(micros(run_at))
                    .bind(error)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(if dead { JobStatus::Dead } else { JobStatus::Queued })
                }

                async fn prune_finished(&self, done_before: DateTime<Utc>, dead_before: DateTime<Utc>, limit: u32) -> StoreResult<u64> {
                    let mut pruned = 0;
                    for (statement, before) in [(PRUNE_DONE, done_before), (PRUNE_DEAD, dead_before)] {
                        pruned += sqlx::query(statement)
                            .bind(micros(before))
                            .bind(i64::from(limit))
                            .execute(&self.pool)
                            .await?
                            .rows_affected();
                    }
                    Ok(pruned)
                }

                async fn job(&self, id: Uuid) -> StoreResult<Option<Job>> {
                    let row: Option<JobRow> =
                        sqlx::query_as(concat!("SELECT ", job_columns!(), " FROM jobs WHERE id = $1"))
                            .bind(id)
                            .fetch_optional(&self.pool)
                            .await?;
                    row.map(TryInto::try_into).transpose()
                }

                async fn dead_jobs(&self, limit: u32) -> StoreResult<Vec<Job>> {
                    let rows: Vec<JobRow> = sqlx::query_as(concat!(
                        "SELECT ", job_columns!(), " FROM jobs WHERE status = 'dead' ORDER BY updated_at DESC, id LIMIT $1"
                    ))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                    $crate::portable::convert_all(rows)
                }
            }
        }
    };
}
pub(crate) use job_queue;
