//! Embedding models behind one trait: the local multilingual-e5-small, any OpenAI-compatible
//! `/v1/embeddings` endpoint, and a deterministic fake for unit tests.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use serde::Deserialize;

use crate::fusion::normalize;
use crate::model::{LocalModel, Role};

/// Why texts could not be embedded.
#[derive(Debug, thiserror::Error)]
pub enum EmbedError {
    /// The local model failed.
    #[error(transparent)]
    Model(#[from] crate::model::ModelError),
    /// The embedding API could not be reached or answered with an error.
    #[error("embedding API: {0}")]
    Api(String),
}

/// Something that turns texts into unit vectors.
#[async_trait]
pub trait Embedder: Send + Sync {
    /// Names the model and its settings; stored beside each vector so a change of model is
    /// noticed and everything is embedded again.
    fn model_id(&self) -> &str;
    /// The length of its vectors.
    fn dimensions(&self) -> usize;
    /// One unit vector per text, in order.
    async fn embed(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError>;
}

/// A local model (multilingual-e5-small unless configured otherwise) in this process.
pub struct LocalEmbedder {
    model: Arc<LocalModel>,
    id: String,
}

impl LocalEmbedder {
    /// Wraps a loaded model.
    pub fn new(model: LocalModel) -> Self {
        Self::shared(Arc::new(model))
    }

    /// Wraps a model other embedders may share.
    pub fn shared(model: Arc<LocalModel>) -> Self {
        LocalEmbedder {
            id: format!("local:{}", model.name()),
            model,
        }
    }
}

#[async_trait]
impl Embedder for LocalEmbedder {
    fn model_id(&self) -> &str {
        &self.id
    }

    fn dimensions(&self) -> usize {
        self.model.dimensions()
    }

    async fn embed(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        let model = self.model.clone();
        let texts = texts.to_vec();
        // The model computes on the CPU for milliseconds to seconds: off the async threads.
        tokio::task::spawn_blocking(move || model.embed_batch(role, &texts))
            .await
            .map_err(|e| EmbedError::Api(format!("the embedding task stopped: {e}")))?
            .map_err(EmbedError::from)
    }
}

/// An OpenAI-compatible embeddings API (OpenAI, Azure, Ollama, vLLM, TEI, LiteLLM…).
pub struct OpenAiEmbedder {
    client: reqwest::Client,
    url: String,
    api_key: Option<String>,
    model: String,
    dimensions: usize,
    prefixes: Option<(String, String)>,
    id: String,
}

/// How to reach an OpenAI-compatible embeddings API.
#[derive(Clone)]
pub struct OpenAiSettings {
    /// The API's base, e.g. `https://api.openai.com` (`/v1/embeddings` is appended).
    pub base_url: String,
    /// Sent as a bearer token when set.
    pub api_key: Option<String>,
    /// The model name to ask for.
    pub model: String,
    /// The length of its vectors.
    pub dimensions: usize,
    /// Query and passage prefixes, for models trained with them (e5: `query: `, `passage: `).
    pub prefixes: Option<(String, String)>,
}

impl std::fmt::Debug for OpenAiSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiSettings")
            .field("base_url", &self.base_url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<set>"))
            .field("model", &self.model)
            .field("dimensions", &self.dimensions)
            .finish()
    }
}

impl OpenAiEmbedder {
    /// A client for `settings`.
    pub fn new(settings: OpenAiSettings) -> Result<Self, EmbedError> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(30))
            .build()
            .map_err(|e| EmbedError::Api(e.to_string()))?;
        Ok(OpenAiEmbedder {
            url: format!("{}/v1/embeddings", settings.base_url.trim_end_matches('/')),
            id: format!("openai:{}:{}", settings.model, settings.dimensions),
            client,
            api_key: settings.api_key,
            model: settings.model,
            dimensions: settings.dimensions,
            prefixes: settings.prefixes,
        })
    }
}

#[derive(Deserialize)]
struct EmbeddingsResponse {
    data: Vec<EmbeddingItem>,
}

#[derive(Deserialize)]
struct EmbeddingItem {
    index: usize,
    embedding: Vec<f32>,
}

#[async_trait]
impl Embedder for OpenAiEmbedder {
    fn model_id(&self) -> &str {
        &self.id
    }

    fn dimensions(&self) -> usize {
        self.dimensions
    }

    async fn embed(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let input: Vec<String> = match &self.prefixes {
            Some((query, passage)) => {
                let prefix = if role == Role::Query { query } else { passage };
                texts.iter().map(|t| format!("{prefix}{t}")).collect()
            }
            None => texts.to_vec(),
        };
        let mut request = self.client.post(&self.url).json(
            &serde_json::json!({ "model": self.model, "input": input, "encoding_format": "float" }),
        );
        if let Some(key) = &self.api_key {
            request = request.bearer_auth(key);
        }
        let response = request
            .send()
            .await
            .map_err(|e| EmbedError::Api(format!("cannot reach {}: {e}", self.url)))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.text().await.unwrap_or_default();
            let body: String = body.chars().take(300).collect();
            return Err(EmbedError::Api(format!(
                "{} answered {status}: {body}",
                self.url
            )));
        }
        let mut parsed: EmbeddingsResponse = response
            .json()
            .await
            .map_err(|e| EmbedError::Api(format!("unreadable answer from {}: {e}", self.url)))?;
        parsed.data.sort_by_key(|d| d.index);
        if parsed.data.len() != texts.len()
            || parsed.data.iter().enumerate().any(|(i, d)| d.index != i)
        {
            return Err(EmbedError::Api(format!(
                "asked for {} vectors, got {}",
                texts.len(),
                parsed.data.len()
            )));
        }
        parsed
            .data
            .into_iter()
            .map(|d| {
                if d.embedding.len() != self.dimensions {
                    return Err(EmbedError::Api(format!(
                        "the model returned {} dimensions, configured {}",
                        d.embedding.len(),
                        self.dimensions
                    )));
                }
                let mut v = d.embedding;
                normalize(&mut v);
                Ok(v)
            })
            .collect()
    }
}

/// Hashes words into a small vector: texts sharing words are close. Deterministic and
/// instant, for unit tests of the code around embeddings — it understands nothing.
pub struct FakeEmbedder;

impl FakeEmbedder {
    const DIMENSIONS: usize = 64;

    fn vector(text: &str) -> Vec<f32> {
        let mut v = vec![0.0f32; Self::DIMENSIONS];
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            // FNV-1a: stable across runs and platforms, unlike the std hasher.
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for b in word.to_lowercase().bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
            v[(h % Self::DIMENSIONS as u64) as usize] += 1.0;
        }
        normalize(&mut v);
        v
    }
}

#[async_trait]
impl Embedder for FakeEmbedder {
    fn model_id(&self) -> &str {
        "fake:hashed-words-64"
    }

    fn dimensions(&self) -> usize {
        Self::DIMENSIONS
    }

    async fn embed(&self, _role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, EmbedError> {
        Ok(texts.iter().map(|t| Self::vector(t)).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fusion::dot;

    #[tokio::test]
    async fn the_fake_is_deterministic_and_word_sensitive() {
        let texts = vec![
            "dental cleaning price".to_string(),
            "price of dental cleaning".into(),
            "parking".into(),
        ];
        let a = FakeEmbedder.embed(Role::Passage, &texts).await.unwrap();
        let b = FakeEmbedder.embed(Role::Query, &texts).await.unwrap();
        assert_eq!(a, b);
        assert!(dot(&a[0], &a[1]) > 0.8);
        assert!(dot(&a[0], &a[2]) < 0.5);
    }
}
