//! The knowledge jobs: extracting an uploaded document (in a contained child process) into chunks,
//! and embedding texts that lack vectors from the current model.

use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_domain::{ClinicId, Language};
use frontdesk_knowledge::chunking::{ChunkSizes, chunk};
use frontdesk_knowledge::extract::Extracted;
use frontdesk_knowledge::extract::Format;
use frontdesk_knowledge::{Embedder, Role};
use frontdesk_store::{Extraction, Job, NewChunk, Store, StoreError};

use super::Knowledge;
use crate::messaging::worker::job_id;

/// Texts embedded per model call.
const EMBED_BATCH: u32 = 32;
/// An embedding job stops taking new batches after this and queues its continuation, well
/// inside the job's lease.
const EMBED_SLICE: Duration = Duration::from_secs(20);

fn store_error(e: StoreError) -> String {
    e.to_string()
}

/// Extracts a document's current revision; a file that cannot be read fails the document,
/// not the job. Returns `Ok` once the outcome is recorded.
pub async fn extract(
    store: &dyn Store,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
) -> Result<(), String> {
    let clinic = ClinicId::from_uuid(job_id(job, "clinic_id")?);
    let document_id = job_id(job, "document_id")?;
    let revision = job.payload["revision"]
        .as_i64()
        .ok_or("the job names no revision")?;
    let (document, content) = match store.document_content(clinic, document_id).await {
        Ok(found) => found,
        // Deleted before its turn came: nothing to do.
        Err(StoreError::NotFound) => {
            return store
                .complete(job.id, worker, Utc::now())
                .await
                .map_err(store_error);
        }
        Err(e) => return Err(e.to_string()),
    };
    if document.revision != revision {
        return store
            .complete(job.id, worker, Utc::now())
            .await
            .map_err(store_error);
    }
    let format = Format::parse(&document.format)
        .ok_or_else(|| format!("unknown format {:?}", document.format))?;
    let started = Instant::now();
    let extracted = knowledge.reader.extract(format, content).await;
    let outcome = match extracted {
        // Not the file's fault: the job runs again later.
        Err(e) if !e.is_the_file_s() => {
            tracing::warn!(document = %document_id, error = %e, "document not read this time");
            return Err(e.to_string());
        }
        Err(e) => {
            tracing::warn!(document = %document_id, format = format.as_str(), error = %e, ms = started.elapsed().as_millis() as u64, "document failed");
            Extraction::Failed(e.to_string())
        }
        Ok(extracted) => {
            let (language, chunks) = indexable(&extracted);
            // The file's own title replaces one that was only its name.
            let named_after_file =
                document.filename.as_deref().map(default_title) == Some(document.title.clone());
            tracing::info!(
                document = %document_id,
                format = format.as_str(),
                chunks = chunks.len(),
                language = language.map(|l| l.code()),
                ms = started.elapsed().as_millis() as u64,
                "document extracted"
            );
            Extraction::Ready {
                title: extracted
                    .title
                    .filter(|t| named_after_file && !t.is_empty()),
                language: language.map(|l| l.code().to_string()),
                chunks,
            }
        }
    };
    let recorded = store
        .finish_extraction(clinic, document_id, revision, &outcome, Utc::now())
        .await
        .map_err(store_error)?;
    if recorded && matches!(outcome, Extraction::Ready { .. }) {
        knowledge
            .queue_embedding(store, clinic)
            .await
            .map_err(store_error)?;
    }
    store
        .complete(job.id, worker, Utc::now())
        .await
        .map_err(store_error)
}

/// What a document's text is indexed as: its language and its chunks.
pub fn indexable(extracted: &Extracted) -> (Option<Language>, Vec<NewChunk>) {
    let language = frontdesk_knowledge::language::detect(&extracted.plain_text(20_000));
    let chunks = chunk(extracted, ChunkSizes::default())
        .into_iter()
        .map(|c| NewChunk {
            position: c.position,
            heading_path: c.heading_path,
            text: c.text,
            tokens: c.tokens,
        })
        .collect();
    (language, chunks)
}

/// Why texts could not be embedded.
#[derive(Debug, thiserror::Error)]
pub enum EmbeddingError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The model failed.
    #[error(transparent)]
    Model(#[from] frontdesk_knowledge::EmbedError),
}

/// Embeds the clinic's texts lacking vectors from `embedder`, a batch at a time, until none
/// is left or `budget` has passed. Returns how many were embedded and whether any are left.
pub async fn embed_pending(
    store: &dyn Store,
    clinic: ClinicId,
    embedder: &dyn Embedder,
    budget: Option<Duration>,
) -> Result<(usize, bool), EmbeddingError> {
    let started = Instant::now();
    let mut embedded = 0;
    loop {
        let pending = store
            .unembedded(clinic, embedder.model_id(), EMBED_BATCH)
            .await?;
        if pending.is_empty() {
            return Ok((embedded, false));
        }
        let texts: Vec<String> = pending.iter().map(|p| p.text.clone()).collect();
        let vectors = embedder.embed(Role::Passage, &texts).await?;
        let pairs: Vec<_> = pending.iter().map(|p| p.key).zip(vectors).collect();
        store
            .store_vectors(clinic, embedder.model_id(), &pairs)
            .await?;
        embedded += pairs.len();
        if budget.is_some_and(|b| started.elapsed() > b) {
            return Ok((embedded, true));
        }
    }
}

/// The title a document gets from its file name: the name without its extension.
pub fn default_title(filename: &str) -> String {
    let name = filename.rsplit(['/', '\\']).next().unwrap_or(filename);
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let title = stem.trim();
    if title.is_empty() {
        name.to_string()
    } else {
        title.to_string()
    }
}

/// Embeds the clinic's texts that lack vectors from the current model, for a slice of
/// time; what is left goes to a continuation job.
pub async fn embed(
    store: &dyn Store,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
) -> Result<(), String> {
    let clinic = ClinicId::from_uuid(job_id(job, "clinic_id")?);
    let Some(embedder) = knowledge.embedder() else {
        // This process has no model: another worker with one will pick the texts up.
        return store
            .complete(job.id, worker, Utc::now())
            .await
            .map_err(store_error);
    };
    let started = Instant::now();
    let (embedded, more) = embed_pending(store, clinic, embedder.as_ref(), Some(EMBED_SLICE))
        .await
        .map_err(|e| e.to_string())?;
    if more {
        knowledge
            .queue_embedding(store, clinic)
            .await
            .map_err(store_error)?;
    }
    if embedded > 0 {
        tracing::info!(clinic = %clinic.as_uuid(), embedded, ms = started.elapsed().as_millis() as u64, "texts embedded");
    }
    store
        .complete(job.id, worker, Utc::now())
        .await
        .map_err(store_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_titles_drop_the_extension_and_folders() {
        assert_eq!(default_title("Price list.pdf"), "Price list");
        assert_eq!(default_title("C:\\docs\\guide.v2.docx"), "guide.v2");
        assert_eq!(default_title(".md"), ".md");
    }
}
