//! The job queue's SQL, the same text on both backends but for how a claim locks rows.

/// Implements [`crate::JobQueue`] for a backend whose pool is `self.pool`. A job whose lane
/// holds an older unfinished job is not claimable: on PostgreSQL a concurrent claimer either
/// sees that older job still queued (its claim not yet committed) or running, so two jobs
/// of one lane never run together. `skip_locked` is
/// appended to the claim's row selection (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so workers on
/// many replicas take disjoint jobs; SQLite: nothing, `BEGIN IMMEDIATE` already serializes).
macro_rules! job_queue {
    ($store:ty, begin_write: $begin_write:literal, skip_locked: $skip_locked:literal,) => {
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

            macro_rules! job_columns {
                () => {
                    "id, kind, payload, status, run_at, attempts, max_attempts, lease_until, worker, last_error"
                };
            }

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
                    let inserted: Option<(Uuid,)> = sqlx::query_as(
                        "INSERT INTO jobs (id, kind, payload, dedupe_key, lane, status, run_at, attempts, max_attempts, \
                         lease_until, worker, last_error, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $8, 'queued', $5, 0, $6, NULL, NULL, NULL, $7, $7) \
                         ON CONFLICT (kind, dedupe_key) DO NOTHING RETURNING id",
                    )
                    .bind(id)
                    .bind(&job.kind)
                    .bind(Json(&job.payload))
                    .bind(&job.dedupe_key)
                    .bind(micros(job.run_at))
                    .bind(i32::try_from(job.max_attempts.max(1)).unwrap_or(i32::MAX))
                    .bind(now)
                    .bind(&job.lane)
                    .fetch_optional(&self.pool)
                    .await?;
                    if let Some((id,)) = inserted {
                        return Ok((id, true));
                    }
                    let (existing,): (Uuid,) =
                        sqlx::query_as("SELECT id FROM jobs WHERE kind = $1 AND dedupe_key = $2")
                            .bind(&job.kind)
                            .bind(&job.dedupe_key)
                            .fetch_one(&self.pool)
                            .await?;
                    Ok((existing, false))
                }

                async fn next_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
                    // Each half reads the first entry of its partial index.
                    let due: Vec<(Option<DateTime<Utc>>,)> = sqlx::query_as(
                        "SELECT min(run_at) FROM jobs WHERE status = 'queued' \
                         UNION ALL SELECT min(lease_until) FROM jobs WHERE status = 'running'",
                    )
                    .fetch_all(&self.pool)
                    .await?;
                    Ok(due.into_iter().filter_map(|(t,)| t).min())
                }

                async fn claim(&self, worker: &str, limit: u32, lease: Duration, now: DateTime<Utc>) -> StoreResult<Vec<Job>> {
                    let now = micros(now);
                    // A job whose worker died on its last allowed attempt is dead: the claim
                    // below never takes it, and now and then it is marked so.
                    if self.burials.due(now) {
                        sqlx::query(
                            "UPDATE jobs SET status = 'dead', lease_until = NULL, updated_at = $1, \
                             last_error = COALESCE(last_error || '; ', '') || 'lease ran out on the last attempt' \
                             WHERE status = 'running' AND lease_until <= $1 AND attempts >= max_attempts",
                        )
                        .bind(now)
                        .execute(&self.pool)
                        .await?;
                    }
                    // One statement, so no transaction: every claim is one round trip.
                    let rows: Vec<JobRow> = sqlx::query_as(concat!(
                        "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = $2, worker = $3, \
                         updated_at = $1 WHERE id IN (SELECT j.id FROM jobs j \
                         WHERE ((j.status = 'queued' AND j.run_at <= $1) \
                         OR (j.status = 'running' AND j.lease_until <= $1 AND j.attempts < j.max_attempts)) \
                         AND (j.lane IS NULL OR NOT EXISTS (SELECT 1 FROM jobs o WHERE o.lane = j.lane \
                         AND o.id < j.id AND o.status IN ('queued', 'running'))) \
                         ORDER BY j.run_at, j.id LIMIT $4",
                        $skip_locked,
                        ") RETURNING ",
                        job_columns!()
                    ))
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
                    let done = sqlx::query(
                        "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $3 \
                         WHERE id = $1 AND worker = $2 AND status = 'running'",
                    )
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
                    let held: Option<(i32, i32)> = sqlx::query_as(
                        "SELECT attempts, max_attempts FROM jobs WHERE id = $1 AND worker = $2 AND status = 'running'",
                    )
                    .bind(id)
                    .bind(worker)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let Some((attempts, max_attempts)) = held else {
                        return Err(lease_lost());
                    };
                    let dead = attempts >= max_attempts;
                    let run_at = now + backoff(u32::try_from(attempts).unwrap_or(1));
                    sqlx::query(
                        "UPDATE jobs SET status = $2, run_at = $3, lease_until = NULL, last_error = $4, updated_at = $5 \
                         WHERE id = $1",
                    )
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
