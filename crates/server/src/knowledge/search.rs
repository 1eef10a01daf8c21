//! Hybrid retrieval: full-text matches and nearest vectors of one clinic, fused by
//! reciprocal rank, returned with their text and where it comes from.

use std::collections::HashMap;

use frontdesk_domain::ClinicId;
use frontdesk_knowledge::Role;
use frontdesk_knowledge::fusion::hybrid_fusion;
use frontdesk_store::{KnowledgeKey, Store, WordMatch};
use serde::Serialize;
use uuid::Uuid;

use super::Knowledge;

/// Candidates each ranking contributes before fusion.
const CANDIDATES: usize = 20;

/// Why a search failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] frontdesk_store::StoreError),
}

/// One thing found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    /// `chunk` (a passage of a document) or `faq`.
    pub kind: &'static str,
    /// The chunk's or FAQ's id.
    pub id: Uuid,
    /// The fused score (higher is better).
    pub score: f32,
    /// The passage, or the FAQ's answer.
    pub text: String,
    /// The cosine similarity to the question, when vectors took part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub similarity: Option<f32>,
    /// The place in the full-text ranking, from 1, when it matched words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lexical_rank: Option<u32>,
    /// Where it comes from, for citing.
    pub source: Source,
}

/// Where a hit comes from.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Source {
    /// A passage of an uploaded document.
    Document {
        /// The document.
        document_id: Uuid,
        /// Its title.
        title: String,
        /// The headings above the passage.
        heading_path: Vec<String>,
        /// The passage's place in the document, from 0.
        position: i64,
        /// The document's language.
        language: Option<String>,
    },
    /// A question and answer.
    Faq {
        /// The question.
        question: String,
        /// Its language.
        language: String,
    },
}

/// What a search found and how.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    /// The question as asked.
    pub query: String,
    /// `hybrid` or `lexical` (see [`mode_schema`]).
    #[schema(schema_with = mode_schema)]
    pub mode: &'static str,
    /// Best first.
    pub hits: Vec<Hit>,
}

/// The schema of [`SearchResults::mode`]: its two values, and what each says.
fn mode_schema() -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(["hybrid", "lexical"]))
        .description(Some(
            "`hybrid`: words and vectors, the vectors being those the clinic's texts have from \
             the embedding model (texts still without one, in documents whose status is \
             `embedding`, are found by their words only); `lexical`: words only (no embedding \
             model, the question could not be embedded, or no text of the clinic has its vector \
             yet).",
        ))
        .build()
}

impl Knowledge {
    /// The clinic's `limit` best chunks and FAQs for `query`.
    pub async fn search(
        &self,
        store: &dyn Store,
        clinic: ClinicId,
        query: &str,
        limit: usize,
    ) -> Result<SearchResults, SearchError> {
        let embedder = self.embedder();
        // Beside vectors, full text only counts texts that share two of the question's words;
        // alone, it takes any. Both rankings run at once.
        let matching = if embedder.is_some() {
            WordMatch::TwoOrMore
        } else {
            WordMatch::Any
        };
        let words = store.lexical_search(clinic, query, CANDIDATES as u32, matching);
        let vectors = async {
            let embedder = embedder?;
            match embedder.embed(Role::Query, &[query.to_string()]).await {
                Ok(mut vectors) if vectors.len() == 1 => {
                    let query_vector = vectors.remove(0);
                    Some(
                        self.nearest(
                            store,
                            clinic,
                            embedder.as_ref(),
                            query,
                            &query_vector,
                            CANDIDATES,
                        )
                        .await,
                    )
                }
                Ok(_) => {
                    tracing::warn!("the embedder returned no vector; searching lexically");
                    None
                }
                // An embedding API that is down must not take search down with it.
                Err(e) => {
                    tracing::warn!(error = %e, "cannot embed the query; searching lexically");
                    None
                }
            }
        };
        let (lexical, nearest) = tokio::join!(words, vectors);
        // Hybrid only with vectors to rank: while no text has one (all still being embedded)
        // the vector ranking is empty, and full text is all there is.
        let nearest = nearest.transpose()?.filter(|n| !n.is_empty());
        let (lexical, nearest, mode) = match nearest {
            Some(nearest) => (lexical?, nearest, "hybrid"),
            None if matching == WordMatch::Any => (lexical?, Vec::new(), "lexical"),
            None => (
                store
                    .lexical_search(clinic, query, CANDIDATES as u32, WordMatch::Any)
                    .await?,
                Vec::new(),
                "lexical",
            ),
        };
        let similarity: HashMap<KnowledgeKey, f32> = nearest.iter().copied().collect();
        let nearest_keys: Vec<KnowledgeKey> = nearest.into_iter().map(|(k, _)| k).collect();
        let fused: Vec<(KnowledgeKey, f32)> = hybrid_fusion(&lexical, &nearest_keys)
            .into_iter()
            .take(limit)
            .collect();
        let lexical_rank: HashMap<KnowledgeKey, u32> = lexical
            .iter()
            .enumerate()
            .map(|(i, k)| (*k, i as u32 + 1))
            .collect();
        let chunk_ids: Vec<Uuid> = fused
            .iter()
            .filter_map(|(k, _)| match k {
                KnowledgeKey::Chunk(id) => Some(*id),
                _ => None,
            })
            .collect();
        let faq_ids: Vec<Uuid> = fused
            .iter()
            .filter_map(|(k, _)| match k {
                KnowledgeKey::Faq(id) => Some(*id),
                _ => None,
            })
            .collect();
        let chunks: HashMap<Uuid, _> = store
            .chunks_by_id(clinic, &chunk_ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let faqs: HashMap<Uuid, _> = store
            .faqs_by_id(clinic, &faq_ids)
            .await?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        let hits = fused
            .into_iter()
            .filter_map(|(key, score)| {
                let (kind, id, text, source) = match key {
                    KnowledgeKey::Chunk(id) => {
                        let c = chunks.get(&id)?;
                        (
                            "chunk",
                            id,
                            c.text.clone(),
                            Source::Document {
                                document_id: c.document_id,
                                title: c.document_title.clone(),
                                heading_path: c.heading_path.clone(),
                                position: c.position,
                                language: c.language.clone(),
                            },
                        )
                    }
                    KnowledgeKey::Faq(id) => {
                        let f = faqs.get(&id)?;
                        (
                            "faq",
                            id,
                            f.answer.clone(),
                            Source::Faq {
                                question: f.question.clone(),
                                language: f.language.clone(),
                            },
                        )
                    }
                };
                Some(Hit {
                    kind,
                    id,
                    score,
                    text,
                    similarity: similarity.get(&key).copied(),
                    lexical_rank: lexical_rank.get(&key).copied(),
                    source,
                })
            })
            .collect();
        Ok(SearchResults {
            query: query.to_string(),
            mode,
            hits,
        })
    }
}
