//! The knowledge base's contract: documents with their chunks, FAQs, vectors and the
//! lexical index. Every method is scoped by the clinic.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use frontdesk_domain::ClinicId;
use serde::Serialize;
use uuid::Uuid;

use crate::StoreResult;

pub(crate) mod queries;
mod sql;

/// Where a document is in its processing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    /// Uploaded (or replaced); its reading waits for a worker.
    Queued,
    /// A worker is reading its text (or its replacement's).
    Extracting,
    /// Its text is indexed and found by its words, but some of its chunks have no vector
    /// from the embedding model yet: search cannot match it by meaning until they have.
    Embedding,
    /// Search can use all of it: its words, and the vectors of every chunk (or it searches
    /// by words only, when the server has no embedding model).
    Ready,
    /// Extraction failed; `error` says why.
    Failed,
}

impl DocumentStatus {
    /// Its name in the API. Only `processing`, `ready` and `failed` are stored: `queued` and
    /// `extracting` are a `processing` document whose reading job waits or runs, `embedding` a
    /// `ready` document whose vectors are missing.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Queued => "queued",
            DocumentStatus::Extracting => "extracting",
            DocumentStatus::Embedding => "embedding",
            DocumentStatus::Ready => "ready",
            DocumentStatus::Failed => "failed",
        }
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        match s {
            "processing" => Some(DocumentStatus::Queued),
            "ready" => Some(DocumentStatus::Ready),
            "failed" => Some(DocumentStatus::Failed),
            _ => None,
        }
    }
}

/// An uploaded document, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Document {
    /// Its id.
    pub id: Uuid,
    /// Its title (given, or the file's own, or its name).
    pub title: String,
    /// The uploaded file's name.
    pub filename: Option<String>,
    /// `text`, `markdown`, `html`, `pdf` or `docx`.
    pub format: String,
    /// The declared media type.
    pub content_type: Option<String>,
    /// The file's size.
    pub size_bytes: i64,
    /// The file's SHA-256, hex.
    pub sha256: String,
    /// The detected language (ISO 639-1), once extracted.
    pub language: Option<String>,
    /// Processing status.
    pub status: DocumentStatus,
    /// Why extraction failed.
    pub error: Option<String>,
    /// Searchable chunks.
    pub chunk_count: i64,
    /// How many of its chunks have a vector from the server's embedding model; `null` when
    /// the server has no model (search is then by words only).
    pub embedded_chunk_count: Option<i64>,
    /// Goes up with every replacement.
    pub revision: i64,
    /// Uploaded.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A file to store.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Its title.
    pub title: String,
    /// Its name.
    pub filename: Option<String>,
    /// Its format's stored name.
    pub format: String,
    /// Its declared media type.
    pub content_type: Option<String>,
    /// Its bytes.
    pub content: Vec<u8>,
    /// Their SHA-256, hex.
    pub sha256: String,
}

/// A chunk to store.
#[derive(Debug, Clone)]
pub struct NewChunk {
    /// Its place in the document.
    pub position: u32,
    /// The headings above it.
    pub heading_path: Vec<String>,
    /// Its text.
    pub text: String,
    /// Its estimated model tokens.
    pub tokens: u32,
}

/// How an extraction ended.
#[derive(Debug, Clone)]
pub enum Extraction {
    /// Text found: these chunks replace the document's.
    Ready {
        /// The title the file gives itself, used when none was given at upload.
        title: Option<String>,
        /// The detected language.
        language: Option<String>,
        /// The chunks.
        chunks: Vec<NewChunk>,
    },
    /// No usable text; the message says why.
    Failed(String),
}

/// One stored chunk with its document's title, for citations.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct ChunkView {
    /// Its id.
    pub id: Uuid,
    /// Its document.
    pub document_id: Uuid,
    /// The document's title.
    pub document_title: String,
    /// Its place in the document.
    pub position: i64,
    /// The headings above it.
    pub heading_path: Vec<String>,
    /// Its text.
    pub text: String,
    /// The document's language.
    pub language: Option<String>,
}

/// A question and its answer.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Faq {
    /// Its id.
    pub id: Uuid,
    /// Its language (ISO 639-1).
    pub language: String,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// An FAQ to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFaq {
    /// Its language (ISO 639-1).
    pub language: String,
    /// The question.
    pub question: String,
    /// The answer.
    pub answer: String,
}

/// Something retrieval can return.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KnowledgeKey {
    /// A document's chunk.
    Chunk(Uuid),
    /// An FAQ.
    Faq(Uuid),
}

/// A text waiting for its vector.
#[derive(Debug, Clone, PartialEq)]
pub struct Unembedded {
    /// What it is.
    pub key: KnowledgeKey,
    /// What to embed: the headings with the chunk (a document title such as "Treatments"
    /// says little and drowns short sections), or the question with its answer.
    pub text: String,
}

/// The knowledge base.
///
/// Methods that return a [`Document`] take the embedding `model` search uses (`None`: none):
/// its `embedded_chunk_count` counts the chunks with a vector from that model, and a `ready`
/// document with chunks still lacking one is reported as [`DocumentStatus::Embedding`].
#[async_trait]
pub trait KnowledgeStore: Send + Sync {
    /// Stores a document as `processing` and queues its extraction in the same commit.
    async fn create_document(
        &self,
        clinic: ClinicId,
        new: &NewDocument,
        model: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Document>;
    /// Replaces a document's file: a new revision, `processing`, its extraction queued; the
    /// old chunks stay searchable until the new ones are in.
    async fn replace_document(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewDocument,
        model: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<Document>;
    /// The clinic's documents, newest first.
    async fn documents(&self, clinic: ClinicId, model: Option<&str>) -> StoreResult<Vec<Document>>;
    /// One document.
    async fn document(
        &self,
        clinic: ClinicId,
        id: Uuid,
        model: Option<&str>,
    ) -> StoreResult<Document>;
    /// One document with its file, its vectors not counted (as with no model).
    async fn document_content(
        &self,
        clinic: ClinicId,
        id: Uuid,
    ) -> StoreResult<(Document, Vec<u8>)>;
    /// Records how the extraction of `revision` ended: its chunks replace the old ones, or the
    /// document fails. `false` (and nothing written) when the document has moved on to
    /// another revision or is gone.
    async fn finish_extraction(
        &self,
        clinic: ClinicId,
        id: Uuid,
        revision: i64,
        outcome: &Extraction,
        now: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Deletes a document with its chunks and vectors.
    async fn delete_document(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()>;
    /// A document's chunks in order.
    async fn document_chunks(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Vec<ChunkView>>;

    /// The clinic's FAQs, oldest first, in one language or all.
    async fn faqs(&self, clinic: ClinicId, language: Option<&str>) -> StoreResult<Vec<Faq>>;
    /// One FAQ.
    async fn faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<Faq>;
    /// Adds FAQs, all or none.
    async fn create_faqs(
        &self,
        clinic: ClinicId,
        new: &[NewFaq],
        now: DateTime<Utc>,
    ) -> StoreResult<Vec<Faq>>;
    /// Changes an FAQ (its vector is made again).
    async fn update_faq(
        &self,
        clinic: ClinicId,
        id: Uuid,
        new: &NewFaq,
        now: DateTime<Utc>,
    ) -> StoreResult<Faq>;
    /// Deletes an FAQ.
    async fn delete_faq(&self, clinic: ClinicId, id: Uuid) -> StoreResult<()>;

    /// Texts of the clinic with no vector from `model`, at most `limit`.
    async fn unembedded(
        &self,
        clinic: ClinicId,
        model: &str,
        limit: u32,
    ) -> StoreResult<Vec<Unembedded>>;
    /// Stores vectors made by `model`. Items deleted meanwhile are skipped.
    async fn store_vectors(
        &self,
        clinic: ClinicId,
        model: &str,
        vectors: &[(KnowledgeKey, Vec<f32>)],
    ) -> StoreResult<()>;
    /// Every vector of the clinic made by `model`, with its text's language.
    async fn vectors(
        &self,
        clinic: ClinicId,
        model: &str,
    ) -> StoreResult<Vec<(KnowledgeKey, Option<String>, Vec<f32>)>>;
    /// Clinics with texts lacking a vector from `model` (after a change of model).
    async fn clinics_needing_vectors(&self, model: &str) -> StoreResult<Vec<ClinicId>>;
    /// A number that changes whenever the clinic's knowledge does.
    async fn knowledge_version(&self, clinic: ClinicId) -> StoreResult<i64>;

    /// Full-text matches for `query`, best first, at most `limit`; `matching` says how
    /// many of its words a text must hold.
    async fn lexical_search(
        &self,
        clinic: ClinicId,
        query: &str,
        limit: u32,
        matching: WordMatch,
    ) -> StoreResult<Vec<KnowledgeKey>>;
    /// The chunks behind `keys`, any order; unknown keys are left out.
    async fn chunks_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<ChunkView>>;
    /// The FAQs behind `ids`, any order; unknown ids are left out.
    async fn faqs_by_id(&self, clinic: ClinicId, ids: &[Uuid]) -> StoreResult<Vec<Faq>>;
}

/// How many of a question's words a text must hold to match in full text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordMatch {
    /// Any one of them: the widest net, for when full text is all there is.
    Any,
    /// Two of them (or its only one). Beside vectors, a text that shares a single word with
    /// the question ("tooth", "treatment") is noise that would push a better answer down.
    TwoOrMore,
}

/// The boolean expression over `terms` that `matching` asks for, with the index's own
/// `and`/`or` operators; terms beyond [`PAIRED_TERMS`] are left out of the pairs.
pub(crate) fn word_expression(
    terms: &[String],
    matching: WordMatch,
    and: &str,
    or: &str,
) -> String {
    if matching == WordMatch::Any || terms.len() < 2 {
        return terms.join(or);
    }
    let terms = &terms[..terms.len().min(PAIRED_TERMS)];
    let mut pairs = Vec::with_capacity(terms.len() * (terms.len() - 1) / 2);
    for (i, first) in terms.iter().enumerate() {
        for second in &terms[i + 1..] {
            pairs.push(format!("({first}{and}{second})"));
        }
    }
    pairs.join(or)
}

/// Words of a question that [`WordMatch::TwoOrMore`] pairs up: 12 give 66 pairs, and
/// questions rarely hold more words worth matching.
const PAIRED_TERMS: usize = 12;

/// Joins a heading path for storage.
pub(crate) fn join_path(path: &[String]) -> String {
    path.join(" › ")
}

/// Splits a stored heading path.
pub(crate) fn split_path(stored: &str) -> Vec<String> {
    if stored.is_empty() {
        Vec::new()
    } else {
        stored.split(" › ").map(str::to_string).collect()
    }
}

/// A vector as stored: little-endian f32s.
pub(crate) fn vector_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A stored vector.
pub(crate) fn bytes_vector(b: &[u8]) -> Vec<f32> {
    b.chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// The words of a query worth matching, lower-cased, at most 32: punctuation and one-letter
/// words go; long words are matched by their first six letters, a crude stem that serves
/// four languages (randevu/randevular, consulta/consultas, appointment/appointments).
pub(crate) fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in query.split(|c: char| !c.is_alphanumeric()) {
        let word = word.to_lowercase();
        if word.chars().count() < 2 || STOPWORDS.contains(&word.as_str()) {
            continue;
        }
        let term: String = word.chars().take(6).collect();
        if !terms.contains(&term) {
            terms.push(term);
        }
        if terms.len() == 32 {
            break;
        }
    }
    terms
}

/// Words too common to rank by, in our four languages.
const STOPWORDS: &[&str] = &[
    "the", "and", "for", "you", "your", "are", "is", "do", "does", "of", "to", "in", "on", "at",
    "it", "what", "how", "can", "a", "an", "my", "me", "we", "be", "have", "has", "with", "there",
    "this", "that", "bir", "ve", "mi", "mı", "mu", "mü", "ne", "bu", "için", "ile", "da", "de",
    "ben", "siz", "var", "o", "e", "os", "as", "um", "uma", "do", "da", "dos", "das", "no", "na",
    "em", "para", "com", "que", "se", "por", "el", "la", "los", "las", "un", "una", "del", "al",
    "en", "y", "es", "qué", "cómo", "como", "vocês", "voces", "ustedes", "eu", "yo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_terms_drop_stopwords_and_stem_crudely() {
        assert_eq!(
            query_terms("What are your opening hours on Saturdays?"),
            ["openin", "hours", "saturd"]
        );
        assert_eq!(
            query_terms("Randevu almak için ne yapmalıyım?"),
            ["randev", "almak", "yapmal"]
        );
        assert!(query_terms("?? a !").is_empty());
    }

    #[test]
    fn word_expressions_pair_the_words_up() {
        let terms: Vec<String> = ["a", "b", "c"].map(String::from).into();
        assert_eq!(
            word_expression(&terms, WordMatch::Any, " AND ", " OR "),
            "a OR b OR c"
        );
        assert_eq!(
            word_expression(&terms, WordMatch::TwoOrMore, " AND ", " OR "),
            "(a AND b) OR (a AND c) OR (b AND c)"
        );
        assert_eq!(
            word_expression(&terms[..1], WordMatch::TwoOrMore, " & ", " | "),
            "a"
        );
        assert_eq!(word_expression(&[], WordMatch::TwoOrMore, " & ", " | "), "");
        let many: Vec<String> = (0..20).map(|i| i.to_string()).collect();
        assert_eq!(
            word_expression(&many, WordMatch::TwoOrMore, "&", "|")
                .matches('|')
                .count(),
            65,
            "twelve words, 66 pairs"
        );
    }

    #[test]
    fn vectors_round_trip() {
        let v = vec![0.25f32, -1.5, 3.0];
        assert_eq!(bytes_vector(&vector_bytes(&v)), v);
        assert_eq!(
            split_path(&join_path(&["A".into(), "B".into()])),
            ["A", "B"]
        );
        assert!(split_path("").is_empty());
    }
}
