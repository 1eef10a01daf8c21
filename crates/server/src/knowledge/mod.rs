//! The knowledge base at run time: the embedding model (or its absence), per-clinic vector
//! indexes kept in memory and reloaded when the clinic's knowledge changes, hybrid search,
//! and the jobs that extract documents and embed texts.

pub mod faq_input;
pub mod indexing;
pub mod search;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::Utc;
use frontdesk_domain::{ClinicId, Language};
use frontdesk_knowledge::centering::LanguageCentroids;
use frontdesk_knowledge::extract::Limits;
use frontdesk_knowledge::extract::contained::{Reader, ReaderSettings};
use frontdesk_knowledge::fusion::VectorIndex;
use frontdesk_knowledge::{Embedder, LocalEmbedder, LocalModel, OpenAiEmbedder, Role};
use frontdesk_store::{EmbedJob, KnowledgeKey, NewJob, Store, StoreResult};

use crate::configuration::{Config, EmbeddingKind};

/// Loads the local model once per process and path: every server state built in one
/// process (tests build many) shares the ~90 MB of weights.
fn load_shared(path: &std::path::Path) -> Result<Arc<LocalModel>, frontdesk_knowledge::ModelError> {
    static MODELS: std::sync::OnceLock<Mutex<HashMap<std::path::PathBuf, Arc<LocalModel>>>> =
        std::sync::OnceLock::new();
    let models = MODELS.get_or_init(Default::default);
    let mut models = models.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(model) = models.get(path) {
        return Ok(model.clone());
    }
    let model = Arc::new(LocalModel::load(path)?);
    models.insert(path.to_path_buf(), model.clone());
    Ok(model)
}

/// One clinic's vectors, as of a knowledge version.
struct ClinicIndex {
    version: i64,
    /// Whether its texts are ranked without their language (the model's centroids were
    /// measured when it was built).
    centered: bool,
    vectors: Arc<VectorIndex<KnowledgeKey>>,
}

/// The language centroids of the model named `model_id`, measured once per process.
async fn centroids(embedder: &dyn Embedder) -> Option<Arc<LanguageCentroids>> {
    type Measured = Mutex<HashMap<String, Arc<LanguageCentroids>>>;
    static MEASURED: std::sync::OnceLock<Measured> = std::sync::OnceLock::new();
    let measured = MEASURED.get_or_init(Default::default);
    let known = measured
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(embedder.model_id())
        .cloned();
    if known.is_some() {
        return known;
    }
    match LanguageCentroids::measure(embedder).await {
        Ok(c) => {
            let c = Arc::new(c);
            measured
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .insert(embedder.model_id().to_string(), c.clone());
            Some(c)
        }
        // An API that is down now may answer later: ranking goes on with the plain vectors.
        Err(e) => {
            tracing::warn!(error = %e, "cannot measure the model's language centroids");
            None
        }
    }
}

/// Readers of uploaded documents: `program extract-document` (this binary unless given),
/// each in a child process held to `memory_bytes` of address space.
pub fn document_reader(
    limits: Limits,
    memory_bytes: u64,
    concurrency: usize,
    program: Option<std::path::PathBuf>,
) -> Reader {
    let program = program
        .or_else(|| std::env::current_exe().ok())
        .unwrap_or_else(|| "frontdesk".into());
    Reader::new(ReaderSettings {
        program,
        args: Vec::new(),
        limits,
        memory_bytes,
        concurrency,
    })
}

/// Shared knowledge-base machinery; cheap to clone.
#[derive(Clone)]
pub struct Knowledge {
    embedder: Option<Arc<dyn Embedder>>,
    indexes: Arc<Mutex<HashMap<ClinicId, ClinicIndex>>>,
    /// Reads uploaded documents in contained child processes.
    pub reader: Reader,
}

impl Knowledge {
    /// Machinery around `embedder` (`None`: lexical search only).
    pub fn new(embedder: Option<Arc<dyn Embedder>>, reader: Reader) -> Self {
        Knowledge {
            embedder,
            indexes: Arc::new(Mutex::new(HashMap::new())),
            reader,
        }
    }

    /// Builds the configured embedder. A missing local model is not an error: the server
    /// says so once and searches lexically.
    pub fn from_config(config: &Config) -> Self {
        let reader = document_reader(
            Limits {
                time: config.extraction_timeout,
                ..Limits::default()
            },
            config.extraction_memory_bytes,
            config.extraction_concurrency,
            config.extractor.clone(),
        );
        let embedder: Option<Arc<dyn Embedder>> = match config.embedding.kind {
            EmbeddingKind::None => None,
            EmbeddingKind::Local => match load_shared(&config.embedding.model_path) {
                Ok(model) => {
                    // Which product kernel the CPU gets decides the model's speed (VNNI runs
                    // about twice AVX2, ten times the portable code).
                    tracing::info!(
                        kernel = ?frontdesk_knowledge::int8::kernel(),
                        "local embedding model loaded"
                    );
                    Some(Arc::new(LocalEmbedder::shared(model)))
                }
                Err(e) => {
                    tracing::warn!(
                        path = %config.embedding.model_path.display(),
                        error = %e,
                        "the embedding model is not available: knowledge search is lexical only \
                         until it is (run scripts/fetch-model)"
                    );
                    None
                }
            },
            EmbeddingKind::Openai => {
                let settings = config.embedding.api.clone();
                match settings.map(OpenAiEmbedder::new) {
                    Some(Ok(e)) => Some(Arc::new(e)),
                    Some(Err(e)) => {
                        tracing::warn!(error = %e, "cannot set up the embedding API: lexical search only");
                        None
                    }
                    None => None,
                }
            }
        };
        if let Some(e) = &embedder {
            tracing::info!(
                model = e.model_id(),
                dimensions = e.dimensions(),
                "embedding model ready"
            );
        }
        Knowledge::new(embedder, reader)
    }

    /// The embedder, when there is one.
    pub fn embedder(&self) -> Option<&Arc<dyn Embedder>> {
        self.embedder.as_ref()
    }

    /// The id of the model whose vectors search uses, when there is one: a document is
    /// `ready` once each of its chunks has a vector from it.
    pub fn model_id(&self) -> Option<&str> {
        self.embedder.as_ref().map(|e| e.model_id())
    }

    /// Measures the model's language centroids ahead of the first search.
    pub async fn warm_up(&self) {
        if let Some(embedder) = &self.embedder {
            centroids(embedder.as_ref()).await;
        }
    }

    /// The clinic's `k` texts nearest to `question` (embedded as `query`), ranked with the
    /// language taken out of both sides, each with its plain cosine similarity.
    pub(crate) async fn nearest(
        &self,
        store: &dyn Store,
        clinic: ClinicId,
        embedder: &dyn Embedder,
        question: &str,
        query: &[f32],
        k: usize,
    ) -> StoreResult<Vec<(KnowledgeKey, f32)>> {
        let centroids = centroids(embedder).await;
        let index = self
            .vectors(store, clinic, embedder, centroids.as_deref())
            .await?;
        let language = frontdesk_knowledge::language::of_question(question);
        let ranked = match &centroids {
            Some(c) => c.center(Role::Query, language, query),
            None => query.to_vec(),
        };
        Ok(index.nearest(query, &ranked, k))
    }

    /// The clinic's vectors from the current model, reloaded when its knowledge changed.
    async fn vectors(
        &self,
        store: &dyn Store,
        clinic: ClinicId,
        embedder: &dyn Embedder,
        centroids: Option<&LanguageCentroids>,
    ) -> StoreResult<Arc<VectorIndex<KnowledgeKey>>> {
        let version = store.knowledge_version(clinic).await?;
        let centered = centroids.is_some();
        if let Some(cached) = self
            .lock()
            .get(&clinic)
            .filter(|c| c.version == version && c.centered == centered)
        {
            return Ok(cached.vectors.clone());
        }
        let rows = store.vectors(clinic, embedder.model_id()).await?;
        let mut index = VectorIndex::new(embedder.dimensions());
        for (key, language, vector) in &rows {
            let language = language
                .as_deref()
                .and_then(|l| Language::parse("language", l).ok());
            match centroids {
                Some(c) => index.push(*key, vector, &c.center(Role::Passage, language, vector)),
                None => index.push(*key, vector, vector),
            };
        }
        let vectors = Arc::new(index);
        self.lock().insert(
            clinic,
            ClinicIndex {
                version,
                centered,
                vectors: vectors.clone(),
            },
        );
        Ok(vectors)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<ClinicId, ClinicIndex>> {
        // A panic while holding this lock leaves only a cache behind: keep using it.
        self.indexes.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Queues the embedding of the clinic's texts that lack vectors (no-op without a model).
    pub async fn queue_embedding(&self, store: &dyn Store, clinic: ClinicId) -> StoreResult<()> {
        if self.embedder.is_none() {
            return Ok(());
        }
        let now = Utc::now();
        store
            .enqueue(
                &NewJob {
                    lane: Some(format!("embed:{}", clinic.as_uuid())),
                    ..NewJob::new(&EmbedJob { clinic_id: clinic }, now)
                },
                now,
            )
            .await?;
        Ok(())
    }

    /// After a change of model: queues embedding for every clinic with stale or missing
    /// vectors. Returns how many clinics.
    pub async fn queue_stale(&self, store: &dyn Store) -> StoreResult<usize> {
        let Some(embedder) = &self.embedder else {
            return Ok(0);
        };
        let clinics = store.clinics_needing_vectors(embedder.model_id()).await?;
        for clinic in &clinics {
            self.queue_embedding(store, *clinic).await?;
        }
        if !clinics.is_empty() {
            tracing::info!(
                clinics = clinics.len(),
                model = embedder.model_id(),
                "queued embedding of texts without vectors from this model"
            );
        }
        Ok(clinics.len())
    }
}
