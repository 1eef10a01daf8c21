//! [`JobQueue`] on either backend. A job whose lane holds an older unfinished job is not
//! claimable: on PostgreSQL a concurrent claimer either sees that older job still queued (its
//! claim not yet committed) or running, so two jobs of one lane never run together.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use sqlx::types::Json;
use sqlx::{Database, Encode, Executor, FromRow, IntoArguments, Type};
use uuid::Uuid;

use super::queries::{
    BURY, COMPLETE, ENQUEUE, HELD_ATTEMPTS, KEYED_JOB, NEXT_DUE, PRUNE_DEAD, PRUNE_DONE,
    RECORD_FAILURE, TAKE_KEY,
};
use super::{Job, JobKind, JobQueue, JobStatus, NewJob, backoff};
use crate::StoreResult;
use crate::backend::{Backend, Dialect};
use crate::error::StoreError;
use crate::portable::{convert_all, micros};

/// One job (off the hot paths).
pub(super) const JOB: &str = "SELECT id, kind, payload, status, run_at, attempts, max_attempts, \
     lease_until, worker, last_error FROM jobs WHERE id = $1";

/// Dead jobs, newest first (off the hot paths).
pub(super) const DEAD_JOBS: &str = "SELECT id, kind, payload, status, run_at, attempts, \
     max_attempts, lease_until, worker, last_error FROM jobs WHERE status = 'dead' \
     ORDER BY updated_at DESC, id LIMIT $1";

/// A job as read from a row.
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
            kind: JobKind::parse(&r.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("job kind {:?}", r.kind)))?,
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
    StoreError::Refused(
        "this worker no longer holds the job (its lease ran out and it was claimed again)".into(),
    )
}

#[async_trait]
impl<S> JobQueue for S
where
    S: Backend,
    for<'c> &'c mut <S::Db as Database>::Connection: Executor<'c, Database = S::Db>,
    <S::Db as Database>::Arguments: IntoArguments<S::Db>,
    for<'q> Uuid: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> &'q str: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Option<String>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i32: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> i64: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> DateTime<Utc>: Encode<'q, S::Db> + Type<S::Db>,
    for<'q> Json<serde_json::Value>: Encode<'q, S::Db> + Type<S::Db>,
    for<'r> JobRow: FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Uuid,): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (i32, i32): FromRow<'r, <S::Db as Database>::Row>,
    for<'r> (Option<DateTime<Utc>>,): FromRow<'r, <S::Db as Database>::Row>,
{
    async fn enqueue(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<(Uuid, bool)> {
        let id = Uuid::now_v7();
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
        if let Some(key) = &job.dedupe_key {
            let taken: Option<(Uuid,)> = sqlx::query_as(TAKE_KEY)
                .bind(job.kind.as_str())
                .bind(key.as_str())
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            if taken.is_none() {
                let (existing,): (Uuid,) = sqlx::query_as(KEYED_JOB)
                    .bind(job.kind.as_str())
                    .bind(key.as_str())
                    .fetch_one(&mut *tx)
                    .await?;
                return Ok((existing, false));
            }
        }
        let inserted: Option<(Uuid,)> = sqlx::query_as(ENQUEUE)
            .bind(id)
            .bind(job.kind.as_str())
            .bind(Json(job.payload.clone()))
            .bind(job.dedupe_key.clone())
            .bind(micros(job.run_at))
            .bind(i32::try_from(job.max_attempts.max(1)).unwrap_or(i32::MAX))
            .bind(now)
            .bind(job.lane.clone())
            .fetch_optional(&mut *tx)
            .await?;
        if inserted.is_none() {
            // A job queued before keys were kept apart holds the key on its own row.
            return Err(StoreError::Conflict(format!(
                "a {} job with this dedupe key exists",
                job.kind
            )));
        }
        tx.commit().await?;
        Ok((id, true))
    }

    async fn next_due(&self) -> StoreResult<Option<DateTime<Utc>>> {
        let due: Vec<(Option<DateTime<Utc>>,)> =
            sqlx::query_as(NEXT_DUE).fetch_all(self.pool()).await?;
        Ok(due.into_iter().filter_map(|(t,)| t).min())
    }

    async fn claim(
        &self,
        worker: &str,
        limit: u32,
        lease: Duration,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Job>> {
        let now = micros(now);
        // A job whose worker died on its last allowed attempt is dead: the claim below never
        // takes it, and now and then it is marked so.
        if self.burials().due(now) {
            sqlx::query(BURY).bind(now).execute(self.pool()).await?;
        }
        // One statement, so no transaction: every claim is one round trip.
        let rows: Vec<JobRow> = sqlx::query_as(S::Db::CLAIM_JOBS)
            .bind(now)
            .bind(micros(now + lease))
            .bind(worker)
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        let mut jobs: Vec<Job> = convert_all(rows)?;
        jobs.sort_by_key(|j| (j.run_at, j.id));
        Ok(jobs)
    }

    async fn complete(&self, id: Uuid, worker: &str, now: DateTime<Utc>) -> StoreResult<()> {
        let done = sqlx::query(COMPLETE)
            .bind(id)
            .bind(worker)
            .bind(micros(now))
            .execute(self.pool())
            .await?;
        if S::Db::rows_affected(&done) == 1 {
            Ok(())
        } else {
            Err(lease_lost())
        }
    }

    async fn fail(
        &self,
        id: Uuid,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<JobStatus> {
        let now = micros(now);
        let mut tx = self.pool().begin_with(S::Db::BEGIN_WRITE).await?;
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
        Ok(if dead {
            JobStatus::Dead
        } else {
            JobStatus::Queued
        })
    }

    async fn prune_finished(
        &self,
        done_before: DateTime<Utc>,
        dead_before: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<u64> {
        let mut pruned = 0;
        for (statement, before) in [(PRUNE_DONE, done_before), (PRUNE_DEAD, dead_before)] {
            let result = sqlx::query(statement)
                .bind(micros(before))
                .bind(i64::from(limit))
                .execute(self.pool())
                .await?;
            pruned += S::Db::rows_affected(&result);
        }
        Ok(pruned)
    }

    async fn job(&self, id: Uuid) -> StoreResult<Option<Job>> {
        let row: Option<JobRow> = sqlx::query_as(JOB)
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    async fn dead_jobs(&self, limit: u32) -> StoreResult<Vec<Job>> {
        let rows: Vec<JobRow> = sqlx::query_as(DEAD_JOBS)
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        convert_all(rows)
    }
}
