//! Frontdesk's knowledge base, apart from storage: reading uploaded files, cutting them into
//! chunks, detecting their language, embedding (the local multilingual-e5-small in plain Rust,
//! or an OpenAI-compatible API) and fusing lexical and vector rankings.

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

mod approx;
pub mod bert;
pub mod centering;
pub mod chunking;
pub mod e5;
pub mod embedder;
pub mod extract;
pub mod fusion;
pub mod hf;
pub mod int8;
mod lanes;
pub mod language;
pub mod model;
pub mod text;
mod tokenizer;
pub mod wordpiece;

pub use embedder::{
    EmbedError, Embedder, FakeEmbedder, LocalEmbedder, OpenAiEmbedder, OpenAiSettings,
};
pub use model::{LocalModel, ModelError, Role};

/// Where the model is kept unless `FRONTDESK_MODEL_DIR` says otherwise
/// (`scripts/fetch-model` puts it there).
pub fn default_model_path() -> std::path::PathBuf {
    let dir = std::env::var_os("FRONTDESK_MODEL_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/frontdesk/models")
        });
    dir.join("e5-small-q4.bin")
}
