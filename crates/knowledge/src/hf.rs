//! Hugging Face model directories of BERT and XLM-RoBERTa encoders: `config.json`,
//! `model.safetensors` (f32, f16 or bf16) and `tokenizer.json` (WordPiece or Unigram). The
//! matrices are quantized to 8 bits per block of 32 as they load, the word table too (an
//! XLM-R table in f32 alone is ~380 MB).

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::bert::{Bert, Layer, Norm, WordTable};
use crate::int8::{BLOCK, Int8Matrix};
use crate::model::{LocalModel, ModelError, TextTokenizer};
use crate::tokenizer::Tokenizer;
use crate::wordpiece::{Settings, WordPiece};

fn format_error(message: impl Into<String>) -> ModelError {
    ModelError::Format(message.into())
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, ModelError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|source| ModelError::Io {
        path: path.display().to_string(),
        source,
    })
}

fn json(dir: &Path, name: &str) -> Result<Value, ModelError> {
    serde_json::from_slice(&read(dir, name)?).map_err(|e| format_error(format!("{name}: {e}")))
}

/// Loads the directory's model.
pub fn load(dir: &Path) -> Result<LocalModel, ModelError> {
    let config = json(dir, "config.json")?;
    let size = |key: &str| {
        config[key]
            .as_u64()
            .map(|v| v as usize)
            .ok_or_else(|| format_error(format!("config.json has no {key}")))
    };
    let model_type = config["model_type"].as_str().unwrap_or_default();
    let position_offset = match model_type {
        "bert" => 0,
        // RoBERTa numbers positions after its padding index.
        "xlm-roberta" | "roberta" => config["pad_token_id"].as_u64().unwrap_or(1) as usize + 1,
        other => {
            return Err(format_error(format!(
                "model_type {other:?} is not a BERT or XLM-R encoder"
            )));
        }
    };
    if let Some(act) = config["hidden_act"].as_str()
        && act != "gelu"
    {
        return Err(format_error(format!(
            "hidden_act {act:?}: only gelu is supported"
        )));
    }
    let hidden = size("hidden_size")?;
    let heads = size("num_attention_heads")?;
    let ffn = size("intermediate_size")?;
    let layers = size("num_hidden_layers")?;
    if heads == 0 || hidden % heads != 0 {
        return Err(format_error("hidden_size is not a multiple of the heads"));
    }
    let eps = config["layer_norm_eps"].as_f64().unwrap_or(1e-12) as f32;
    let tensors = Tensors::parse(read(dir, "model.safetensors")?)?;
    let vector = |name: &str, len: usize| -> Result<Vec<f32>, ModelError> {
        let v = tensors.floats(name)?;
        if v.len() != len {
            return Err(format_error(format!(
                "{name} has {} values, not {len}",
                v.len()
            )));
        }
        Ok(v)
    };
    let norm = |name: &str| -> Result<Norm, ModelError> {
        Ok(Norm {
            weight: vector(&format!("{name}.weight"), hidden)?,
            bias: vector(&format!("{name}.bias"), hidden)?,
        })
    };
    let matrix = |names: &[String], rows: usize, cols: usize| -> Result<Int8Matrix, ModelError> {
        let (mut weights, mut bias) = (Vec::new(), Vec::new());
        for name in names {
            weights.extend(vector(&format!("{name}.weight"), rows * cols)?);
            bias.extend(vector(&format!("{name}.bias"), rows)?);
        }
        Ok(Int8Matrix::quantize(
            rows * names.len(),
            cols,
            &weights,
            bias,
        )?)
    };
    let mut stack = Vec::with_capacity(layers);
    for l in 0..layers {
        let p = |s: &str| format!("encoder.layer.{l}.{s}");
        stack.push(Layer {
            qkv: matrix(
                &[
                    p("attention.self.query"),
                    p("attention.self.key"),
                    p("attention.self.value"),
                ],
                hidden,
                hidden,
            )?,
            attention_out: matrix(&[p("attention.output.dense")], hidden, hidden)?,
            attention_norm: norm(&p("attention.output.LayerNorm"))?,
            ffn_in: matrix(&[p("intermediate.dense")], ffn, hidden)?,
            ffn_out: matrix(&[p("output.dense")], hidden, ffn)?,
            output_norm: norm(&p("output.LayerNorm"))?,
        });
    }
    let words = tensors.floats("embeddings.word_embeddings.weight")?;
    if words.len() % hidden != 0 || hidden % BLOCK != 0 {
        return Err(format_error("the word table does not match hidden_size"));
    }
    let positions = tensors.floats("embeddings.position_embeddings.weight")?;
    let token_types = tensors.floats("embeddings.token_type_embeddings.weight")?;
    if positions.len() % hidden != 0 || token_types.len() < hidden {
        return Err(format_error(
            "the position or token type table is malformed",
        ));
    }
    let encoder = Bert {
        words: WordTable::quantize(&words),
        positions,
        position_offset,
        token_type: token_types[..hidden].to_vec(),
        embedding_norm: norm("embeddings.LayerNorm")?,
        layers: stack,
        hidden,
        heads,
        eps,
    };
    let tokenizer = tokenizer(&json(dir, "tokenizer.json")?)?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model".into());
    // e5 models were trained with their prefixes; others take the text as it is.
    let prefixed = name.to_lowercase().contains("e5")
        || config["_name_or_path"]
            .as_str()
            .is_some_and(|n| n.to_lowercase().contains("e5"));
    Ok(LocalModel::new(
        &format!("hf:{name}"),
        tokenizer,
        encoder,
        prefixed,
    ))
}

/// The tokenizer `tokenizer.json` describes.
fn tokenizer(spec: &Value) -> Result<TextTokenizer, ModelError> {
    let model = &spec["model"];
    match model["type"].as_str() {
        Some("WordPiece") => {
            let vocab: HashMap<String, u32> = model["vocab"]
                .as_object()
                .ok_or_else(|| format_error("tokenizer.json: WordPiece without a vocab"))?
                .iter()
                .filter_map(|(piece, id)| Some((piece.clone(), u32::try_from(id.as_u64()?).ok()?)))
                .collect();
            let normalizer = &spec["normalizer"];
            let lowercase = normalizer["lowercase"].as_bool().unwrap_or(false);
            WordPiece::new(Settings {
                vocab,
                unk_token: model["unk_token"].as_str().unwrap_or("[UNK]").to_string(),
                continuing_subword_prefix: model["continuing_subword_prefix"]
                    .as_str()
                    .unwrap_or("##")
                    .to_string(),
                max_input_chars_per_word: model["max_input_chars_per_word"].as_u64().unwrap_or(100)
                    as usize,
                lowercase,
                // BERT strips accents when it lower-cases, unless told otherwise.
                strip_accents: normalizer["strip_accents"].as_bool().unwrap_or(lowercase),
            })
            .map(TextTokenizer::WordPiece)
            .map_err(format_error)
        }
        Some("Unigram") => {
            let entries = model["vocab"]
                .as_array()
                .ok_or_else(|| format_error("tokenizer.json: Unigram without a vocab"))?;
            let mut pieces = Vec::with_capacity(entries.len());
            let mut scores = Vec::with_capacity(entries.len());
            for entry in entries {
                pieces.push(entry[0].as_str().unwrap_or_default().to_string());
                scores.push(entry[1].as_f64().unwrap_or(f64::MIN) as f32);
            }
            let id = |token: &str| {
                pieces
                    .iter()
                    .position(|p| p == token)
                    .map(|i| i as u32)
                    .ok_or_else(|| format_error(format!("tokenizer.json: no {token}")))
            };
            let (bos, eos) = (id("<s>")?, id("</s>")?);
            let unk = model["unk_id"]
                .as_u64()
                .map(|v| v as u32)
                .ok_or_else(|| format_error("tokenizer.json: Unigram without unk_id"))?;
            // SentencePiece's precompiled map is NFKC with odd spaces made plain; the text
            // is NFKC-normalized before the map, which only has to do the spaces.
            let spaces = [
                '\t', '\n', '\r', '\u{1680}', '\u{2028}', '\u{2029}', '\u{FEFF}',
            ]
            .into_iter()
            .chain('\u{200B}'..='\u{200F}')
            .map(|c| (c, vec![' ']))
            .collect();
            Ok(TextTokenizer::Unigram {
                tokenizer: Tokenizer::new(pieces, scores, spaces, (bos, eos, unk)),
                nfkc: true,
            })
        }
        other => Err(format_error(format!(
            "tokenizer.json: model type {other:?} is not WordPiece or Unigram"
        ))),
    }
}

/// The tensors of a `.safetensors` file: an 8-byte header length, a JSON header of names,
/// types, shapes and byte ranges, then the data.
struct Tensors {
    bytes: Vec<u8>,
    data_start: usize,
    header: serde_json::Map<String, Value>,
}

impl Tensors {
    fn parse(bytes: Vec<u8>) -> Result<Self, ModelError> {
        let header_len = bytes
            .get(..8)
            .map(|b| u64::from_le_bytes(b.try_into().unwrap_or_default()) as usize)
            .ok_or_else(|| format_error("model.safetensors is cut short"))?;
        let header_bytes = bytes
            .get(8..8usize.saturating_add(header_len))
            .ok_or_else(|| format_error("model.safetensors: header past the end"))?;
        let header: serde_json::Map<String, Value> = serde_json::from_slice(header_bytes)
            .map_err(|e| format_error(format!("model.safetensors header: {e}")))?;
        // Checkpoints saved from a task model put the encoder under its name.
        let header = header
            .into_iter()
            .map(|(name, v)| {
                let bare = ["bert.", "roberta.", "model."]
                    .iter()
                    .find_map(|p| name.strip_prefix(p))
                    .map(str::to_string)
                    .unwrap_or(name);
                (bare, v)
            })
            .collect();
        Ok(Tensors {
            data_start: 8 + header_len,
            bytes,
            header,
        })
    }

    fn floats(&self, name: &str) -> Result<Vec<f32>, ModelError> {
        let info = self
            .header
            .get(name)
            .ok_or_else(|| format_error(format!("model.safetensors has no {name}")))?;
        let range = info["data_offsets"].as_array().and_then(|r| {
            Some((
                self.data_start + r.first()?.as_u64()? as usize,
                self.data_start + r.get(1)?.as_u64()? as usize,
            ))
        });
        let data = range
            .and_then(|(from, to)| self.bytes.get(from..to))
            .ok_or_else(|| format_error(format!("{name} lies outside model.safetensors")))?;
        match info["dtype"].as_str() {
            Some("F32") => Ok(data
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect()),
            Some("F16") => Ok(data
                .chunks_exact(2)
                .map(|c| half::f16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect()),
            Some("BF16") => Ok(data
                .chunks_exact(2)
                .map(|c| half::bf16::from_le_bytes([c[0], c[1]]).to_f32())
                .collect()),
            other => Err(format_error(format!(
                "{name}: dtype {other:?} is not a float"
            ))),
        }
    }
}
