//! The job runner: claims due jobs and runs each by its kind — a conversation's turn (the
//! assistant answers its pending messages), a send (one outbound message through its
//! provider), a reminder, or a knowledge job (extracting a document, embedding texts). Each
//! kind lives in its own module with its payload type (`frontdesk_store::JobKind`). Jobs of
//! one lane (a conversation's turns, its sends) run one at a time in order; a worker that
//! dies loses its lease and another runs the job again, which the store makes safe.

pub mod embed;
pub mod extract;
pub mod reminder;
pub mod send;
pub mod threads;
pub mod turn;

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use chrono::{DateTime, Utc};
use frontdesk_store::{Job, JobKind, Store, StoreError};

use crate::knowledge::Knowledge;
use crate::messaging::Messaging;
use crate::messaging::events::InboxEvent;

/// How long a claimed job is ours before another worker may take it.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(60);
/// Shortest wait between two looks at a queue that has due jobs none of which can run yet
/// (their lane is busy in another process).
const IDLE_POLL: Duration = Duration::from_millis(100);
/// Longest wait between two looks at the queue: what another process queues without telling
/// this one is found within this.
const SAFETY_POLL: Duration = Duration::from_secs(5);

/// How long a worker with nothing to claim sleeps: until the next job falls due, within
/// `IDLE_POLL..=SAFETY_POLL`, unless it is woken first.
fn idle_wait(next_due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Duration {
    match next_due {
        None => SAFETY_POLL,
        Some(due) => (due - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .clamp(IDLE_POLL, SAFETY_POLL),
    }
}

/// Runs workers until aborted: one claim loop feeding up to `concurrency` jobs, each held
/// for `lease`. Aborting the returned task also stops its jobs mid-flight, as a crash would.
pub fn spawn(
    store: Arc<dyn Store>,
    messaging: Messaging,
    knowledge: Knowledge,
    name: String,
    concurrency: usize,
    lease: chrono::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let concurrency = concurrency.max(1);
        let mut running = tokio::task::JoinSet::new();
        let mut elsewhere = messaging.events.subscribe();
        loop {
            while running.try_join_next().is_some() {}
            // The intake goes first: under a burst fewer jobs run at once.
            let allowed = messaging.intake.allowance().jobs(concurrency);
            let free = allowed.saturating_sub(running.len());
            if free == 0 {
                running.join_next().await;
                continue;
            }
            let jobs = match store.claim(&name, free as u32, lease, Utc::now()).await {
                Ok(jobs) => jobs,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot claim jobs");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if jobs.is_empty() {
                // Woken by this process's intake and turns, by another process's news (inbox
                // events over NOTIFY), or when the next job falls due. News from before this
                // look at the queue is in it already.
                forget_news(&mut elsewhere);
                // A busy queue wakes us within moments: only a quiet one is asked when its
                // next job falls due, so being busy costs no extra statement.
                if idle(&messaging, &mut elsewhere, &mut running, IDLE_POLL).await {
                    continue;
                }
                let wait = match store.next_due().await {
                    Ok(due) => idle_wait(due, Utc::now()).saturating_sub(IDLE_POLL),
                    Err(_) => Duration::ZERO,
                };
                idle(&messaging, &mut elsewhere, &mut running, wait).await;
                continue;
            }
            // Fewer than asked for: nothing else is due now, so wait for news (or a moment)
            // before asking again instead of asking at once for nothing.
            let drained = jobs.len() < free;
            for job in jobs {
                let (store, messaging, knowledge, name) = (
                    store.clone(),
                    messaging.clone(),
                    knowledge.clone(),
                    name.clone(),
                );
                running
                    .spawn(async move { run(&*store, &messaging, &knowledge, &name, job).await });
            }
            if drained {
                forget_news(&mut elsewhere);
                idle(&messaging, &mut elsewhere, &mut running, IDLE_POLL).await;
            }
        }
    })
}

/// Drops the news already heard: the queue was looked at after it.
fn forget_news(news: &mut broadcast::Receiver<InboxEvent>) {
    while !matches!(
        news.try_recv(),
        Err(TryRecvError::Empty | TryRecvError::Closed)
    ) {}
}

/// Waits up to `wait` for a reason to look at the queue again; whether one came.
async fn idle(
    messaging: &Messaging,
    news: &mut broadcast::Receiver<InboxEvent>,
    running: &mut tokio::task::JoinSet<()>,
    wait: Duration,
) -> bool {
    tokio::select! {
        _ = messaging.wake.notified() => true,
        _ = queue_news(news) => true,
        Some(_) = running.join_next(), if !running.is_empty() => true,
        _ = tokio::time::sleep(wait) => false,
    }
}

/// Returns once a message that queues work was stored, here or (over NOTIFY) by another
/// process: a patient's (a turn) or staff's (a send). The assistant's replies are queued by
/// turns, whose commits wake their own process.
async fn queue_news(events: &mut broadcast::Receiver<InboxEvent>) {
    loop {
        match events.recv().await {
            Ok(e) if e.kind == "message" && e.from.as_deref() != Some("outbound:assistant") => {
                return;
            }
            Ok(_) | Err(RecvError::Lagged(_)) => {}
            Err(RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

/// Runs one job and records how it went.
pub async fn run(
    store: &dyn Store,
    messaging: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: Job,
) {
    run_at(store, messaging, knowledge, worker, job, Utc::now()).await
}

/// The same, with the turn's clock at `now` (the dialog evaluation replays a calendar).
pub async fn run_at(
    store: &dyn Store,
    messaging: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: Job,
    now: DateTime<Utc>,
) {
    let result = match job.kind {
        JobKind::Turn => turn::run(store, messaging, knowledge, worker, &job, now).await,
        JobKind::Send => send::run(store, messaging, worker, &job).await,
        JobKind::Reminder => reminder::run(store, messaging, worker, &job).await,
        JobKind::ExtractDocument => extract::run(store, knowledge, worker, &job).await,
        JobKind::EmbedKnowledge => embed::run(store, knowledge, worker, &job).await,
    };
    if let Err(error) = result {
        tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
        if let Err(e) = store.fail(job.id, worker, &error, now).await {
            tracing::warn!(job = %job.id, error = %e, "cannot record the failure");
        }
    }
}

/// Marks a job done; a lease lost meanwhile means another worker took it over, which is fine.
pub(crate) async fn complete(store: &dyn Store, job: &Job, worker: &str) -> Result<(), String> {
    match store.complete(job.id, worker, Utc::now()).await {
        Ok(()) | Err(StoreError::Refused(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idle_worker_sleeps_until_the_next_job_within_bounds() {
        let now = Utc::now();
        assert_eq!(idle_wait(None, now), SAFETY_POLL);
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::seconds(2)), now),
            Duration::from_secs(2)
        );
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::hours(1)), now),
            SAFETY_POLL
        );
        // Due already (its lane is busy elsewhere): looked at again soon, not in a tight loop.
        assert_eq!(
            idle_wait(Some(now - chrono::Duration::seconds(3)), now),
            IDLE_POLL
        );
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::milliseconds(20)), now),
            IDLE_POLL
        );
    }
}
