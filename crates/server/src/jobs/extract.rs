//! Reading an uploaded document (in a contained child process) into chunks.

use std::time::Instant;

use chrono::Utc;
use frontdesk_knowledge::extract::Format;
use frontdesk_store::{ExtractJob, Extraction, Job, Store, StoreError};

use crate::knowledge::Knowledge;
use crate::knowledge::indexing::{default_title, indexable};

/// Extracts a document's current revision; a file that cannot be read fails the document,
/// not the job. Returns `Ok` once the outcome is recorded.
pub async fn run(
    store: &dyn Store,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
) -> Result<(), String> {
    let ExtractJob {
        clinic_id: clinic,
        document_id,
        revision,
    } = job.payload().map_err(|e| e.to_string())?;
    let (document, content) = match store.document_content(clinic, document_id).await {
        Ok(found) => found,
        // Deleted before its turn came: nothing to do.
        Err(StoreError::NotFound) => {
            return store
                .complete(job.id, worker, Utc::now())
                .await
                .map_err(|e| e.to_string());
        }
        Err(e) => return Err(e.to_string()),
    };
    if document.revision != revision {
        return store
            .complete(job.id, worker, Utc::now())
            .await
            .map_err(|e| e.to_string());
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
        .map_err(|e| e.to_string())?;
    if recorded && matches!(outcome, Extraction::Ready { .. }) {
        knowledge
            .queue_embedding(store, clinic)
            .await
            .map_err(|e| e.to_string())?;
    }
    store
        .complete(job.id, worker, Utc::now())
        .await
        .map_err(|e| e.to_string())
}
