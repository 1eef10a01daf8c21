//! Indexing a clinic's knowledge: a document's text into chunks, texts into vectors.

use std::time::{Duration, Instant};

use frontdesk_domain::{ClinicId, Language};
use frontdesk_knowledge::chunking::{ChunkSizes, chunk};
use frontdesk_knowledge::extract::Extracted;
use frontdesk_knowledge::{Embedder, Role};
use frontdesk_store::{NewChunk, Store, StoreError};

/// Texts embedded per model call.
const EMBED_BATCH: u32 = 32;

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
