//! The durable job queue's contract: queued work survives restarts, runs once per lease, and
//! retries with backoff until it succeeds or is declared dead.

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use frontdesk_domain::{AppointmentId, ClinicId, ConversationId, MessageId};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::StoreResult;
use crate::error::StoreError;

pub(crate) mod queries;
mod sql;

/// What a job does. Its name is what `jobs.kind` holds; the store queues most kinds itself
/// (in the same commit as the row that needs them) and the workers dispatch on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobKind {
    /// A conversation's turn: the assistant answers its pending messages ([`TurnJob`]).
    Turn,
    /// One outbound message through its provider ([`SendJob`]).
    Send,
    /// An appointment reminder that fell due ([`ReminderJob`]).
    Reminder,
    /// Reading an uploaded document into chunks ([`ExtractJob`]).
    ExtractDocument,
    /// Embedding a clinic's texts that lack vectors ([`EmbedJob`]).
    EmbedKnowledge,
}

impl JobKind {
    /// Every kind.
    pub const ALL: [JobKind; 5] = [
        JobKind::Turn,
        JobKind::Send,
        JobKind::Reminder,
        JobKind::ExtractDocument,
        JobKind::EmbedKnowledge,
    ];

    /// The stored name.
    pub const fn as_str(self) -> &'static str {
        match self {
            JobKind::Turn => "turn",
            JobKind::Send => "send",
            JobKind::Reminder => "reminder",
            JobKind::ExtractDocument => "extract_document",
            JobKind::EmbedKnowledge => "embed_knowledge",
        }
    }

    /// Parses the stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Failures a job of this kind may have before it is dead: a send retries longest (a
    /// provider may be down for a while), a document that cannot be read fails soonest.
    pub const fn max_attempts(self) -> u32 {
        match self {
            JobKind::Turn | JobKind::Reminder => 5,
            JobKind::Send | JobKind::EmbedKnowledge => 8,
            JobKind::ExtractDocument => 3,
        }
    }
}

/// A kind equals its stored name (so a check of what was stored reads as such).
impl PartialEq<&str> for JobKind {
    fn eq(&self, name: &&str) -> bool {
        self.as_str() == *name
    }
}

impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A job's arguments, as stored in `jobs.payload`; each payload type belongs to one kind.
pub trait JobPayload: Serialize + DeserializeOwned {
    /// The kind whose arguments these are.
    const KIND: JobKind;

    /// The payload as stored.
    fn to_value(&self) -> serde_json::Value {
        // Payloads are plain structs of ids and numbers, which always serialize.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}

/// A conversation's turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TurnJob {
    /// The clinic.
    pub clinic_id: ClinicId,
    /// The conversation whose pending messages are answered.
    pub conversation_id: ConversationId,
}

impl JobPayload for TurnJob {
    const KIND: JobKind = JobKind::Turn;
}

/// One outbound message's delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendJob {
    /// The clinic.
    pub clinic_id: ClinicId,
    /// The queued outbound message.
    pub message_id: MessageId,
}

impl JobPayload for SendJob {
    const KIND: JobKind = JobKind::Send;
}

/// A reminder of an appointment, `offset_minutes` before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderJob {
    /// The clinic.
    pub clinic_id: ClinicId,
    /// The appointment.
    pub appointment_id: AppointmentId,
    /// How long before the start the reminder is due.
    #[serde(default)]
    pub offset_minutes: i64,
}

impl JobPayload for ReminderJob {
    const KIND: JobKind = JobKind::Reminder;
}

/// Reading one revision of an uploaded document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractJob {
    /// The clinic.
    pub clinic_id: ClinicId,
    /// The document.
    pub document_id: Uuid,
    /// The revision to read; a newer upload makes this job a no-op.
    pub revision: i64,
}

impl JobPayload for ExtractJob {
    const KIND: JobKind = JobKind::ExtractDocument;
}

/// Embedding a clinic's texts that lack vectors from the current model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmbedJob {
    /// The clinic.
    pub clinic_id: ClinicId,
}

impl JobPayload for EmbedJob {
    const KIND: JobKind = JobKind::EmbedKnowledge;
}

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
    /// What to do; workers dispatch on it.
    pub kind: JobKind,
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

impl NewJob {
    /// A job of the payload's kind, due at `run_at`, with the kind's attempts, no lane and
    /// no dedupe key.
    pub fn new<P: JobPayload>(payload: &P, run_at: DateTime<Utc>) -> Self {
        NewJob {
            kind: P::KIND,
            payload: payload.to_value(),
            dedupe_key: None,
            lane: None,
            run_at,
            max_attempts: P::KIND.max_attempts(),
        }
    }
}

/// A job as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Job {
    /// Its id.
    pub id: Uuid,
    /// What to do.
    pub kind: JobKind,
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

impl Job {
    /// Its arguments as the payload type of its kind; an error names what is wrong.
    pub fn payload<P: JobPayload>(&self) -> Result<P, StoreError> {
        if self.kind != P::KIND {
            return Err(StoreError::Corrupt(format!(
                "job {} is a {} job, not a {} job",
                self.id,
                self.kind,
                P::KIND
            )));
        }
        P::deserialize(&self.payload)
            .map_err(|e| StoreError::Corrupt(format!("the {} job {}: {e}", self.kind, self.id)))
    }
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
    fn kinds_keep_their_stored_names() {
        // Stored rows and the job_keys table hold these names: renaming one strands jobs.
        let names: Vec<&str> = JobKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "turn",
                "send",
                "reminder",
                "extract_document",
                "embed_knowledge"
            ]
        );
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.as_str()), Some(kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
        assert_eq!(JobKind::parse("send_message"), None);
    }

    #[test]
    fn a_payload_reads_back_only_as_its_own_kind() {
        let clinic = ClinicId::new();
        let turn = TurnJob {
            clinic_id: clinic,
            conversation_id: ConversationId::new(),
        };
        let new = NewJob::new(&turn, Utc::now());
        assert_eq!(new.kind, JobKind::Turn);
        assert_eq!(new.max_attempts, 5);
        let job = Job {
            id: Uuid::now_v7(),
            kind: new.kind,
            payload: new.payload,
            status: JobStatus::Queued,
            run_at: new.run_at,
            attempts: 0,
            max_attempts: new.max_attempts,
            lease_until: None,
            worker: None,
            last_error: None,
        };
        assert_eq!(job.payload::<TurnJob>().unwrap(), turn);
        let wrong = job.payload::<SendJob>().unwrap_err().to_string();
        assert!(wrong.contains("turn job, not a send job"), "{wrong}");
        let broken = Job {
            payload: serde_json::json!({"clinic_id": clinic}),
            ..job
        };
        let missing = broken.payload::<TurnJob>().unwrap_err().to_string();
        assert!(missing.contains("conversation_id"), "{missing}");
    }

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
