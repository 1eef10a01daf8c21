//! The background sweep: lapsed holds are released, due reminders queued for sending, and
//! (every few sweeps, in a process that has the embedding model) knowledge texts still
//! without vectors from it queued for embedding — so texts whose embedding job was taken by
//! a process without the model are picked up all the same. Each sweep also prunes a few
//! bounded batches of finished jobs past their retention (`pruning`).
//!
//! All its state is in the store, so a restart loses nothing: the first sweep after start
//! catches up on whatever fell due while the server was down. It is safe to run on every
//! replica at once (each sweep is one write transaction per step).

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use frontdesk_store::{Store, StoreError};

/// How often the sweep runs under `frontdesk serve`.
pub const EVERY: Duration = Duration::from_secs(15);

/// What one sweep did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Swept {
    /// Holds released.
    pub holds_released: u64,
    /// Reminders that fell due (each queued as a `reminder` job in the same commit).
    pub reminders_due: usize,
}

/// Runs one sweep as of `now`.
pub async fn sweep_once(store: &dyn Store, now: DateTime<Utc>) -> Result<Swept, StoreError> {
    let holds_released = store.release_expired_holds(now).await?;
    let due = store.record_due_reminders(now).await?;
    for r in &due {
        tracing::info!(
            clinic_id = %r.clinic_id,
            appointment_id = %r.appointment_id,
            offset_minutes = r.offset_minutes,
            "reminder due; queued for sending"
        );
    }
    Ok(Swept {
        holds_released,
        reminders_due: due.len(),
    })
}

/// Sweeps between two looks for texts without vectors.
const STALE_TEXTS_EVERY: u64 = 2;

/// Sweeps now and then every `every`, until the runtime stops.
pub fn spawn(
    store: Arc<dyn Store>,
    knowledge: crate::knowledge::Knowledge,
    every: Duration,
    retention: crate::pruning::JobRetention,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut sweeps: u64 = 0;
        loop {
            tick.tick().await;
            sweeps += 1;
            // The first look happens at start-up (`startup::prepare`).
            if sweeps.is_multiple_of(STALE_TEXTS_EVERY)
                && let Err(e) = knowledge.queue_stale(&*store).await
            {
                tracing::warn!(error = %e, "cannot look for texts without vectors; retrying later");
            }
            match sweep_once(&*store, Utc::now()).await {
                Ok(s) if s.holds_released > 0 => {
                    tracing::info!(released = s.holds_released, "expired holds released");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "calendar sweep failed; retrying next tick"),
            }
            match crate::pruning::prune_finished_jobs(&*store, retention, Utc::now()).await {
                Ok(0) => {}
                Ok(pruned) => tracing::info!(pruned, "finished jobs past their retention deleted"),
                Err(e) => {
                    tracing::warn!(error = %e, "cannot prune finished jobs; retrying next tick")
                }
            }
        }
    })
}
