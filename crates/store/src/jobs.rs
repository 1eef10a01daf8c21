//! The durable job queue's contract: queued work survives restarts, runs once per lease, and
//! retries with backoff until it succeeds or is declared dead.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use uuid::Uuid;

use crate::StoreResult;

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JobStatus {
    /// Waiting for its `run_at`.
    Queued,
    /// Claimed by a worker until its lease ends.
    Running,
    /// Finished.
    Done,
    /// Failed `max_attempts` times; kept with its last error.
    Dead,
}

impl JobStatus {
    /// Parses the stored name.
    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "queued" => Some(JobStatus::Queued),
            "running" => Some(JobStatus::Running),
            "done" => Some(JobStatus::Done),
            "dead" => Some(JobStatus::Dead),
            _ => None,
        }
    }
}

/// When a store last buried jobs whose worker died on their last attempt. A claim never runs
/// such a job again whether or not they are buried yet, so the burial (a statement of its
/// own) runs at most once a `SWEEP_EVERY` of the claims' clock instead of with every claim.
#[derive(Debug, Default)]
pub(crate) struct Burials {
    last_micros: std::sync::atomic::AtomicI64,
}

/// How often claims bury what a dead worker left on its last attempt (half a lease: such a
/// job holds its lane until then).
const SWEEP_EVERY: Duration = Duration::seconds(30);

impl Burials {
    /// Whether a burial is due at `now` (and, if so, it counts as done).
    pub(crate) fn due(&self, now: DateTime<Utc>) -> bool {
        use std::sync::atomic::Ordering;
        let now = now.timestamp_micros();
        let last = self.last_micros.load(Ordering::Relaxed);
        // A clock that went back (a test replaying an earlier time) is due too.
        let due = now < last || now - last >= SWEEP_EVERY.num_microseconds().unwrap_or(i64::MAX);
        due && self
            .last_micros
            .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
            .is_ok()
    }
}

/// Work to queue.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// What to do, e.g. `send_message`; workers dispatch on it.
    pub kind: String,
    /// Its arguments.
    pub payload: serde_json::Value,
    /// Queuing the same kind and key again returns the first job instead of a second one,
    /// also after that job was pruned.
    pub dedupe_key: Option<String>,
    /// Jobs of one lane run one at a time, in the order they were queued (e.g. one
    /// conversation's sends); a failing job holds its lane until it succeeds or dies.
    pub lane: Option<String>,
    /// Not before.
    pub run_at: DateTime<Utc>,
    /// Failures allowed before the job is dead.
    pub max_attempts: u32,
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// Its id.
    pub id: Uuid,
    /// What to do.
    pub kind: String,
    /// Its arguments.
    pub payload: serde_json::Value,
    /// Where it is in its life.
    pub status: JobStatus,
    /// When it may run (next).
    pub run_at: DateTime<Utc>,
    /// Claims so far.
    pub attempts: u32,
    /// Failures allowed.
    pub max_attempts: u32,
    /// While running, until when the claim holds.
    pub lease_until: Option<DateTime<Utc>>,
    /// Who claimed it last.
    pub worker: Option<String>,
    /// The last failure.
    pub last_error: Option<String>,
}

/// How long after its `attempt`-th failure a job runs again: 5 s doubling, at most an hour.
pub fn backoff(attempt: u32) -> Duration {
    let seconds = 5i64.saturating_mul(1i64 << attempt.saturating_sub(1).min(20));
    Duration::seconds(seconds.min(3600))
}

/// The queue.
#[async_trait]
pub trait JobQueue: Send + Sync {
    /// Queues a job; with a dedupe key already used for its kind, returns that job's id and
    /// `false`.
    async fn enqueue(&self, job: &NewJob, now: DateTime<Utc>) -> StoreResult<(Uuid, bool)>;
    /// When the next job falls due: the earliest queued job's time or running job's lease end
    /// (`None` when there is neither). A worker with nothing to do sleeps until then.
    async fn next_due(&self) -> StoreResult<Option<DateTime<Utc>>>;
    /// Claims up to `limit` due jobs (queued and due, or running with a lapsed lease) for
    /// `worker` until `now + lease`. A lapsed job that has used all its attempts is declared
    /// dead instead. Many workers may claim at once; each job goes to one.
    async fn claim(
        &self,
        worker: &str,
        limit: u32,
        lease: Duration,
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Job>>;
    /// Marks a job done; `Refused` when `worker` no longer holds it.
    async fn complete(&self, id: Uuid, worker: &str, now: DateTime<Utc>) -> StoreResult<()>;
    /// Records a failure: the job runs again after [`backoff`], or is dead once it has used
    /// its attempts. Returns its new status; `Refused` when `worker` no longer holds it.
    async fn fail(
        &self,
        id: Uuid,
        worker: &str,
        error: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<JobStatus>;
    /// Deletes up to `limit` jobs done before `done_before` and up to `limit` dead before
    /// `dead_before`, oldest first; returns how many. Queued and running jobs are never
    /// touched, and dedupe keys outlive their jobs (`enqueue` still finds a pruned job's key).
    async fn prune_finished(
        &self,
        done_before: DateTime<Utc>,
        dead_before: DateTime<Utc>,
        limit: u32,
    ) -> StoreResult<u64>;
    /// One job.
    async fn job(&self, id: Uuid) -> StoreResult<Option<Job>>;
    /// Dead jobs, newest first.
    async fn dead_jobs(&self, limit: u32) -> StoreResult<Vec<Job>>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_an_hour() {
        let secs: Vec<i64> = [1, 2, 3, 4, 10, 40]
            .map(|a| backoff(a).num_seconds())
            .to_vec();
        assert_eq!(secs, [5, 10, 20, 40, 2560, 3600]);
    }

    #[test]
    fn burials_run_once_in_half_a_minute_of_the_claims_clock() {
        let b = Burials::default();
        let t = Utc::now();
        assert!(b.due(t));
        assert!(!b.due(t));
        assert!(!b.due(t + Duration::milliseconds(29_999)));
        assert!(b.due(t + Duration::seconds(30)));
        assert!(!b.due(t + Duration::seconds(45)));
        // A clock replayed backwards (a test of an earlier time) is never starved.
        assert!(b.due(t - Duration::days(1)));
    }
}
