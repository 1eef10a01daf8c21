//! A BERT-family encoder (BERT, XLM-R, e5) run in plain Rust: embeddings, post-norm
//! transformer layers with 8-bit matrix products, mean pooling and L2 normalization.
//!
//! Texts are packed into one matrix of tokens for the linear layers (rows are independent,
//! so this is exact), while attention and pooling stay within each text.

use crate::int8::{Activations, BLOCK, Int8Matrix, quantize_block, unpack_q4_0};
use crate::{approx, lanes};

/// A layer norm's weight and bias.
pub struct Norm {
    /// Per-feature scale.
    pub weight: Vec<f32>,
    /// Per-feature shift.
    pub bias: Vec<f32>,
}

/// One transformer layer.
pub struct Layer {
    /// Query, key and value projections stacked: `3·hidden` outputs.
    pub qkv: Int8Matrix,
    /// The attention's output projection.
    pub attention_out: Int8Matrix,
    /// The norm after attention.
    pub attention_norm: Norm,
    /// The feed-forward expansion.
    pub ffn_in: Int8Matrix,
    /// The feed-forward contraction.
    pub ffn_out: Int8Matrix,
    /// The norm after the feed-forward block.
    pub output_norm: Norm,
}

/// The token embedding table.
pub enum WordTable {
    /// Q4_0 rows (`hidden / 32` blocks of 18 bytes each): the e5 container's form.
    Q4_0(Vec<u8>),
    /// 8-bit rows with one scale per block of 32.
    Int8 {
        /// The values, row after row.
        values: Vec<i8>,
        /// One per block.
        scales: Vec<f32>,
    },
}

impl WordTable {
    /// Quantizes a float table (rows as wide as a multiple of 32).
    pub fn quantize(table: &[f32]) -> Self {
        let mut values = vec![0i8; table.len()];
        let scales = table
            .as_chunks::<BLOCK>()
            .0
            .iter()
            .zip(values.as_chunks_mut::<BLOCK>().0)
            .map(|(block, out)| quantize_block(block, out).0)
            .collect();
        WordTable::Int8 { values, scales }
    }
}

/// The whole encoder.
pub struct Bert {
    /// Token embeddings.
    pub words: WordTable,
    /// Position embeddings, `max_positions × hidden`.
    pub positions: Vec<f32>,
    /// The first position a text uses (XLM-R counts from 2, after its padding index).
    pub position_offset: usize,
    /// The token-type-0 embedding.
    pub token_type: Vec<f32>,
    /// The norm over the summed embeddings.
    pub embedding_norm: Norm,
    /// The transformer layers.
    pub layers: Vec<Layer>,
    /// Width of the hidden states.
    pub hidden: usize,
    /// Attention heads.
    pub heads: usize,
    /// The layer norms' epsilon.
    pub eps: f32,
}

impl Bert {
    /// How many tokens a text may have, special tokens included.
    pub fn max_tokens(&self) -> usize {
        (self.positions.len() / self.hidden).saturating_sub(self.position_offset)
    }

    /// The unit mean-pooled last hidden states of each text's token ids.
    // Calls the AVX2 build of itself, a kernel, on a CPU checked to have it.
    #[allow(unsafe_code)]
    pub fn embed(&self, texts: &[Vec<u32>]) -> Vec<Vec<f32>> {
        #[cfg(target_arch = "x86_64")]
        if crate::int8::float_kernels_fused() {
            // SAFETY: the CPU has AVX2 and FMA, checked just above.
            return unsafe { self.embed_avx2(texts) };
        }
        self.embed_on::<false>(texts)
    }

    /// [`Bert::embed`] compiled for AVX2 and FMA. The binary is built for any x86-64, so the
    /// loops between the 8-bit products (attention, norms, GELU, quantizing) would otherwise
    /// run four floats at a time, and `mul_add` would be a library call; everything below is
    /// inlined into this function and so compiled with its features.
    ///
    /// # Safety
    /// The CPU must have AVX2 and FMA.
    #[cfg(target_arch = "x86_64")]
    #[allow(unsafe_code)]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn embed_avx2(&self, texts: &[Vec<u32>]) -> Vec<Vec<f32>> {
        self.embed_on::<true>(texts)
    }

    /// The encoder's forward pass; `FMA` says whether multiply-adds are fused (one rounding,
    /// one instruction) or a multiply then an add (no FMA unit to do it in one).
    #[inline(always)]
    fn embed_on<const FMA: bool>(&self, texts: &[Vec<u32>]) -> Vec<Vec<f32>> {
        let h = self.hidden;
        let lengths: Vec<usize> = texts.iter().map(Vec::len).collect();
        let total: usize = lengths.iter().sum();
        let mut x = vec![0f32; total * h];
        let mut row = 0;
        for ids in texts {
            for (p, &id) in ids.iter().enumerate() {
                let out = &mut x[row * h..(row + 1) * h];
                self.word(id, out);
                let position = &self.positions[(p + self.position_offset) * h..][..h];
                for ((o, a), b) in out.iter_mut().zip(position).zip(&self.token_type) {
                    *o += a + b;
                }
                row += 1;
            }
        }
        layer_norm(&mut x, &self.embedding_norm, self.eps);
        let mut qkv = Vec::new();
        let mut context = vec![0f32; total * h];
        let mut projected = vec![0f32; total * h];
        let mut middle = Vec::new();
        for layer in &self.layers {
            qkv.resize(total * 3 * h, 0.0);
            layer.qkv.forward(&Activations::quantize(&x, h), &mut qkv);
            self.attend::<FMA>(&qkv, &lengths, &mut context);
            layer
                .attention_out
                .forward(&Activations::quantize(&context, h), &mut projected);
            add(&mut x, &projected);
            layer_norm(&mut x, &layer.attention_norm, self.eps);
            middle.resize(total * layer.ffn_in.outputs(), 0.0);
            layer
                .ffn_in
                .forward(&Activations::quantize(&x, h), &mut middle);
            approx::gelu(&mut middle);
            layer.ffn_out.forward(
                &Activations::quantize(&middle, layer.ffn_in.outputs()),
                &mut projected,
            );
            add(&mut x, &projected);
            layer_norm(&mut x, &layer.output_norm, self.eps);
        }
        let mut vectors = Vec::with_capacity(texts.len());
        let mut start = 0;
        for &t in &lengths {
            let mut pooled = vec![0f32; h];
            for r in start..start + t {
                add(&mut pooled, &x[r * h..(r + 1) * h]);
            }
            let norm = pooled.iter().map(|v| v * v).sum::<f32>().sqrt().max(1e-12);
            // Mean then normalize: the mean's 1/t cancels in the normalization.
            vectors.push(pooled.into_iter().map(|v| v / norm).collect());
            start += t;
        }
        vectors
    }

    /// Writes token `id`'s embedding (an unknown id reads as zeros).
    #[inline(always)]
    fn word(&self, id: u32, out: &mut [f32]) {
        let h = self.hidden;
        let id = id as usize;
        match &self.words {
            WordTable::Int8 { values, scales } => {
                if let Some(row) = values.get(id * h..(id + 1) * h) {
                    dequantize(row, &scales[id * h / BLOCK..(id + 1) * h / BLOCK], out);
                }
            }
            WordTable::Q4_0(raw) => {
                let row_bytes = h / BLOCK * 18;
                let row = raw.get(id * row_bytes..(id + 1) * row_bytes);
                if let Some(Ok((values, scales))) = row.map(|r| unpack_q4_0(r, h)) {
                    dequantize(&values, &scales, out);
                }
            }
        }
    }

    /// Scaled dot-product attention of each text over itself, head by head.
    #[inline(always)]
    fn attend<const FMA: bool>(&self, qkv: &[f32], lengths: &[usize], context: &mut [f32]) {
        let h = self.hidden;
        let head = h / self.heads;
        let scale = 1.0 / (head as f32).sqrt();
        let mut start = 0;
        let mut keys = Vec::new();
        let mut queries = vec![0f32; QUERIES * head];
        let mut scores = Vec::new();
        for &t in lengths {
            let rows = &qkv[start * 3 * h..(start + t) * 3 * h];
            // Keys are stored a multiple of 8 apart, the padding zero, so scores are computed
            // in runs of 8 or 16 keys.
            let stride = t.next_multiple_of(8);
            for hd in 0..self.heads {
                let column = hd * head;
                // Keys transposed (head × stride), so scores are computed a run of keys at a
                // time.
                keys.clear();
                keys.resize(head * stride, 0.0);
                for j in 0..t {
                    let k = &rows[j * 3 * h + h + column..][..head];
                    for (d, v) in k.iter().enumerate() {
                        keys[d * stride + j] = *v;
                    }
                }
                scores.resize(QUERIES * stride, 0.0);
                let values = Strided {
                    data: &rows[2 * h + column..],
                    stride: 3 * h,
                };
                let mut i = 0;
                while i < t {
                    let live = (t - i).min(QUERIES);
                    for (r, query) in queries.chunks_exact_mut(head).enumerate() {
                        if r < live {
                            let q = &rows[(i + r) * 3 * h + column..][..head];
                            for (a, b) in query.iter_mut().zip(q) {
                                *a = b * scale;
                            }
                        } else {
                            query.fill(0.0);
                        }
                    }
                    let scoring = Product {
                        factors: Strided {
                            data: &queries,
                            stride: head,
                        },
                        terms: head,
                        rows: Strided {
                            data: &keys,
                            stride,
                        },
                    };
                    let mut j = 0;
                    while j < stride {
                        j += match stride - j {
                            16.. => tile::<16, FMA>(scoring, j, &mut scores, stride, QUERIES),
                            _ => tile::<8, FMA>(scoring, j, &mut scores, stride, QUERIES),
                        };
                    }
                    for row in scores.chunks_exact_mut(stride).take(live) {
                        softmax(&mut row[..t]);
                    }
                    let weighing = Product {
                        factors: Strided {
                            data: &scores,
                            stride,
                        },
                        terms: t,
                        rows: values,
                    };
                    let out = &mut context[(start + i) * h + column..];
                    let mut d = 0;
                    while d < head {
                        d += match head - d {
                            16.. => tile::<16, FMA>(weighing, d, out, h, live),
                            8.. => tile::<8, FMA>(weighing, d, out, h, live),
                            _ => tile::<1, FMA>(weighing, d, out, h, live),
                        };
                    }
                    i += live;
                }
            }
            start += t;
        }
    }
}

/// Query rows attended together: each key or value loaded serves all of them, and their sums
/// are independent chains of multiply-adds.
const QUERIES: usize = 4;

/// Rows of floats `stride` apart.
#[derive(Clone, Copy)]
struct Strided<'a> {
    data: &'a [f32],
    stride: usize,
}

/// `Σ_i factors[r][i] · rows[i]` for each of the [`QUERIES`] rows of factors (`terms`
/// each). Scores are the queries times the keys stored transposed; a head's outputs are the
/// weights times the values.
#[derive(Clone, Copy)]
struct Product<'a> {
    factors: Strided<'a>,
    terms: usize,
    rows: Strided<'a>,
}

/// Columns `from..from + N` of `product`, written at `out[r·out_stride + from…]` for its
/// first `live` rows. The sums stay in registers across the terms, where a running row in
/// memory would be loaded and stored once per term.
#[inline(always)]
fn tile<const N: usize, const FMA: bool>(
    product: Product,
    from: usize,
    out: &mut [f32],
    out_stride: usize,
    live: usize,
) -> usize {
    let Product {
        factors,
        terms,
        rows,
    } = product;
    let mut sums = [[0f32; N]; QUERIES];
    for i in 0..terms {
        let row = &rows.data[i * rows.stride + from..][..N];
        for (r, sum) in sums.iter_mut().enumerate() {
            let factor = factors.data[r * factors.stride + i];
            for (s, v) in sum.iter_mut().zip(row) {
                *s = if FMA {
                    factor.mul_add(*v, *s)
                } else {
                    *s + factor * *v
                };
            }
        }
    }
    for (r, sum) in sums.iter().enumerate().take(live) {
        out[r * out_stride + from..][..N].copy_from_slice(sum);
    }
    N
}

/// Block-scaled 8-bit values as floats.
#[inline(always)]
fn dequantize(values: &[i8], scales: &[f32], out: &mut [f32]) {
    for ((o, v), i) in out.iter_mut().zip(values).zip(0..) {
        *o = f32::from(*v) * scales[i / BLOCK];
    }
}

#[inline(always)]
fn add(x: &mut [f32], y: &[f32]) {
    for (a, b) in x.iter_mut().zip(y) {
        *a += b;
    }
}

#[inline(always)]
fn softmax(values: &mut [f32]) {
    let max = lanes::max_by(values, f32::NEG_INFINITY, |v| v);
    // Exponentials first and their sum apart, so both loops vectorize.
    for v in values.iter_mut() {
        *v = approx::exp(*v - max);
    }
    let inverse = 1.0 / lanes::sum(values);
    for v in values.iter_mut() {
        *v *= inverse;
    }
}

/// Normalizes each row of `x` (rows as wide as the norm) in place.
#[inline(always)]
fn layer_norm(x: &mut [f32], norm: &Norm, eps: f32) {
    let h = norm.weight.len();
    for row in x.chunks_exact_mut(h) {
        let mean = lanes::sum(row) / h as f32;
        let var = lanes::sum_by(row, |v| (v - mean) * (v - mean)) / h as f32;
        let inverse = 1.0 / (var + eps).sqrt();
        for ((v, w), b) in row.iter_mut().zip(&norm.weight).zip(&norm.bias) {
            *v = (*v - mean) * inverse * w + b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A model with only the shape attention reads.
    fn shape(hidden: usize, heads: usize) -> Bert {
        Bert {
            words: WordTable::Int8 {
                values: Vec::new(),
                scales: Vec::new(),
            },
            positions: Vec::new(),
            position_offset: 0,
            token_type: Vec::new(),
            embedding_norm: Norm {
                weight: Vec::new(),
                bias: Vec::new(),
            },
            layers: Vec::new(),
            hidden,
            heads,
            eps: 1e-12,
        }
    }

    /// Attention as the textbook writes it, in f64, one score at a time.
    fn textbook_attention(qkv: &[f32], lengths: &[usize], hidden: usize, heads: usize) -> Vec<f64> {
        let head = hidden / heads;
        let total: usize = lengths.iter().sum();
        let mut context = vec![0f64; total * hidden];
        let at = |row: usize, part: usize, d: usize| {
            f64::from(qkv[row * 3 * hidden + part * hidden + d])
        };
        let mut start = 0;
        for &t in lengths {
            for hd in 0..heads {
                for i in 0..t {
                    let scores: Vec<f64> = (0..t)
                        .map(|j| {
                            (0..head)
                                .map(|d| {
                                    at(start + i, 0, hd * head + d)
                                        * at(start + j, 1, hd * head + d)
                                })
                                .sum::<f64>()
                                / (head as f64).sqrt()
                        })
                        .collect();
                    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    let weights: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
                    let sum: f64 = weights.iter().sum();
                    for d in 0..head {
                        context[(start + i) * hidden + hd * head + d] = (0..t)
                            .map(|j| weights[j] / sum * at(start + j, 2, hd * head + d))
                            .sum();
                    }
                }
            }
            start += t;
        }
        context
    }

    #[test]
    fn attention_matches_the_textbook_for_every_length_and_head_size() {
        // Texts long and short enough for every run of keys (32, 16, 8, the padding) and head
        // sizes for every run of dimensions (32, 8, 1).
        let lengths = [1, 7, 8, 9, 17, 33, 70];
        let total: usize = lengths.iter().sum();
        for (hidden, heads) in [(64, 2), (48, 3), (40, 2)] {
            let mut seed = 11u64;
            let qkv: Vec<f32> = (0..total * 3 * hidden)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
                })
                .collect();
            let want = textbook_attention(&qkv, &lengths, hidden, heads);
            // Both builds: fused multiply-adds (AVX2 and FMA) and separate ones (any CPU).
            for fused in [true, false] {
                let mut context = vec![0f32; total * hidden];
                let bert = shape(hidden, heads);
                if fused {
                    bert.attend::<true>(&qkv, &lengths, &mut context);
                } else {
                    bert.attend::<false>(&qkv, &lengths, &mut context);
                }
                for (i, (got, want)) in context.iter().zip(&want).enumerate() {
                    assert!(
                        (f64::from(*got) - want).abs() < 1e-4,
                        "hidden {hidden}, heads {heads}, fused {fused}, value {i}: {got} vs {want}"
                    );
                }
            }
        }
    }

    #[test]
    fn softmax_sums_to_one_and_keeps_order() {
        let mut v = [1.0, 3.0, 2.0, -50.0];
        softmax(&mut v);
        assert!((v.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        assert!(v[1] > v[2] && v[2] > v[0] && v[0] > v[3]);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let norm = Norm {
            weight: vec![2.0; 4],
            bias: vec![1.0; 4],
        };
        let mut x = [1.0, 2.0, 3.0, 4.0];
        layer_norm(&mut x, &norm, 0.0);
        // (x − 2.5) / √1.25 · 2 + 1
        let want = [-1.683_281_6, 0.105_572_81, 1.894_427_2, 3.683_281_6];
        for (g, w) in x.iter().zip(want) {
            assert!((g - w).abs() < 1e-5, "{g} vs {w}");
        }
    }
}
