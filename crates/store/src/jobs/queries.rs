//! The job queue's SQL, the same text on both backends but for how a claim locks rows.

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

/// SQLite's claim: due jobs whose lane holds no older unfinished job, for one worker.
/// `BEGIN IMMEDIATE` (or this single statement's own write lock) already serializes claims.
pub(crate) const CLAIM_SQLITE: &str = "UPDATE jobs SET status = 'running', attempts = attempts + 1, \
     lease_until = $2, worker = $3, updated_at = $1 WHERE id IN (SELECT j.id FROM jobs j \
     WHERE ((j.status = 'queued' AND j.run_at <= $1) \
     OR (j.status = 'running' AND j.lease_until <= $1 AND j.attempts < j.max_attempts)) \
     AND (j.lane IS NULL OR NOT EXISTS (SELECT 1 FROM jobs o WHERE o.lane = j.lane \
     AND o.id < j.id AND o.status IN ('queued', 'running'))) \
     ORDER BY j.run_at, j.id LIMIT $4) \
     RETURNING id, kind, payload, status, run_at, attempts, max_attempts, lease_until, worker, last_error";

/// PostgreSQL's claim: the same, locking the rows it picks and passing over rows another
/// worker has locked, so workers on many replicas take disjoint jobs.
pub(crate) const CLAIM_POSTGRES: &str = "UPDATE jobs SET status = 'running', attempts = attempts + 1, \
     lease_until = $2, worker = $3, updated_at = $1 WHERE id IN (SELECT j.id FROM jobs j \
     WHERE ((j.status = 'queued' AND j.run_at <= $1) \
     OR (j.status = 'running' AND j.lease_until <= $1 AND j.attempts < j.max_attempts)) \
     AND (j.lane IS NULL OR NOT EXISTS (SELECT 1 FROM jobs o WHERE o.lane = j.lane \
     AND o.id < j.id AND o.status IN ('queued', 'running'))) \
     ORDER BY j.run_at, j.id LIMIT $4 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, payload, status, run_at, attempts, max_attempts, lease_until, worker, last_error";

/// Marks a job done, only for the worker holding it.
pub(crate) const COMPLETE: &str = "UPDATE jobs SET status = 'done', lease_until = NULL, updated_at = $3 \
     WHERE id = $1 AND worker = $2 AND status = 'running'";

/// A running job's attempts, only for the worker holding it.
pub(crate) const HELD_ATTEMPTS: &str =
    "SELECT attempts, max_attempts FROM jobs WHERE id = $1 AND worker = $2 AND status = 'running'";

/// Records a failure: queued again for later, or dead.
pub(crate) const RECORD_FAILURE: &str = "UPDATE jobs SET status = $2, run_at = $3, lease_until = NULL, \
     last_error = $4, updated_at = $5 WHERE id = $1";

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns that make a job row, as `JobRow` reads them.
    const JOB_COLUMNS: &str = "id, kind, payload, status, run_at, attempts, max_attempts, lease_until, worker, last_error";

    #[test]
    fn the_statements_that_return_jobs_read_the_columns_jobs_are_made_of() {
        for statement in [
            CLAIM_SQLITE,
            CLAIM_POSTGRES,
            super::super::sql::JOB,
            super::super::sql::DEAD_JOBS,
        ] {
            assert!(statement.contains(JOB_COLUMNS), "{statement}");
        }
        // The claims differ only by how PostgreSQL locks what it picks.
        assert_eq!(
            CLAIM_POSTGRES.replace(" FOR UPDATE SKIP LOCKED", ""),
            CLAIM_SQLITE
        );
    }
}
