//! Embedding a clinic's texts that lack vectors from the current model.

use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_store::{EmbedJob, Job, Store};

use crate::knowledge::Knowledge;
use crate::knowledge::indexing::embed_pending;

/// An embedding job stops taking new batches after this and queues its continuation, well
/// inside the job's lease.
const EMBED_SLICE: Duration = Duration::from_secs(20);

/// Embeds the clinic's texts that lack vectors from the current model, for a slice of
/// time; what is left goes to a continuation job.
pub async fn run(
    store: &dyn Store,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
) -> Result<(), String> {
    let EmbedJob { clinic_id: clinic } = job.payload().map_err(|e| e.to_string())?;
    let Some(embedder) = knowledge.embedder() else {
        // This process has no model: another worker with one will pick the texts up.
        return store
            .complete(job.id, worker, Utc::now())
            .await
            .map_err(|e| e.to_string());
    };
    let started = Instant::now();
    let (embedded, more) = embed_pending(store, clinic, embedder.as_ref(), Some(EMBED_SLICE))
        .await
        .map_err(|e| e.to_string())?;
    if more {
        knowledge
            .queue_embedding(store, clinic)
            .await
            .map_err(|e| e.to_string())?;
    }
    if embedded > 0 {
        tracing::info!(clinic = %clinic.as_uuid(), embedded, ms = started.elapsed().as_millis() as u64, "texts embedded");
    }
    store
        .complete(job.id, worker, Utc::now())
        .await
        .map_err(|e| e.to_string())
}
