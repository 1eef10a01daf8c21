//! Weight matrices kept in 8 bits, multiplied with activations quantized to 8 bits on the fly.
//!
//! Both sides carry one scale per block of 32 inputs (the weights per output and block, the
//! activations per token and block), so a product is exact integer arithmetic inside a block
//! and one float multiply-add per block, as in ggml's Q4_0 × Q8_0 product: a model shipped in
//! Q4_0 keeps its exact weights. The weights are packed so that one 64-byte load feeds 16
//! outputs with 4 inputs each, which is what AVX-512 VNNI's `vpdpbusd` multiplies; other
//! CPUs run a portable kernel over the same layout.

// The encoder's CPU kernels: intrinsics on raw pointers, each block with its SAFETY reason.
#![allow(unsafe_code)]

/// Inputs sharing one scale.
pub const BLOCK: usize = 32;
/// Outputs computed together.
const PANEL: usize = 16;
/// Bytes of one panel's block: 16 outputs × 32 inputs.
const PANEL_BLOCK: usize = PANEL * BLOCK;
/// Weights are stored as `w + 128` so they can be the unsigned operand of `vpdpbusd`; the
/// product is corrected by `128 × Σ activations` per block.
const OFFSET: i32 = 128;

/// Why a matrix could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ShapeError {
    /// Sizes that do not fit the blocked layout or the data given.
    #[error("{0}")]
    Shape(String),
}

/// An `outputs × inputs` weight matrix with its bias, packed for [`Int8Matrix::forward`].
pub struct Int8Matrix {
    outputs: usize,
    inputs: usize,
    /// Panels of 16 outputs; in each, blocks; in each, 8 groups of 64 bytes: output `c`'s
    /// 4 consecutive inputs at bytes `4c..4c + 4`.
    packed: Vec<u8>,
    /// Per panel and block, the 16 outputs' scales.
    scales: Vec<f32>,
    bias: Vec<f32>,
}

impl Int8Matrix {
    /// From signed weights (row-major, one row per output) and one scale per row and block.
    pub fn from_blocks(
        outputs: usize,
        inputs: usize,
        values: &[i8],
        scales: &[f32],
        bias: Vec<f32>,
    ) -> Result<Self, ShapeError> {
        let blocks = inputs / BLOCK;
        if !outputs.is_multiple_of(PANEL)
            || !inputs.is_multiple_of(BLOCK)
            || outputs == 0
            || inputs == 0
        {
            return Err(ShapeError::Shape(format!(
                "a {outputs} × {inputs} matrix does not fit blocks of {PANEL} × {BLOCK}"
            )));
        }
        if values.len() != outputs * inputs
            || scales.len() != outputs * blocks
            || bias.len() != outputs
        {
            return Err(ShapeError::Shape(format!(
                "a {outputs} × {inputs} matrix got {} values, {} scales and {} biases",
                values.len(),
                scales.len(),
                bias.len()
            )));
        }
        let panels = outputs / PANEL;
        let mut packed = vec![0u8; outputs * inputs];
        let mut packed_scales = vec![0f32; outputs * blocks];
        for p in 0..panels {
            for b in 0..blocks {
                let base = (p * blocks + b) * PANEL_BLOCK;
                for c in 0..PANEL {
                    let row = p * PANEL + c;
                    for i in 0..BLOCK {
                        let (group, j) = (i / 4, i % 4);
                        let w = i32::from(values[row * inputs + b * BLOCK + i]) + OFFSET;
                        // w + 128 of an i8 always lies in 0..=255.
                        packed[base + group * 64 + c * 4 + j] = w as u8;
                    }
                    packed_scales[(p * blocks + b) * PANEL + c] = scales[row * blocks + b];
                }
            }
        }
        Ok(Int8Matrix {
            outputs,
            inputs,
            packed,
            scales: packed_scales,
            bias,
        })
    }

    /// Quantizes float weights (row-major, one row per output), one scale per row and block.
    pub fn quantize(
        outputs: usize,
        inputs: usize,
        weights: &[f32],
        bias: Vec<f32>,
    ) -> Result<Self, ShapeError> {
        if weights.len() != outputs * inputs || !inputs.is_multiple_of(BLOCK) {
            return Err(ShapeError::Shape(format!(
                "{} weights for a {outputs} × {inputs} matrix",
                weights.len()
            )));
        }
        let mut values = vec![0i8; weights.len()];
        let mut scales = Vec::with_capacity(weights.len() / BLOCK);
        for (block, out) in weights
            .as_chunks::<BLOCK>()
            .0
            .iter()
            .zip(values.as_chunks_mut::<BLOCK>().0)
        {
            scales.push(quantize_block(block, out).0);
        }
        Self::from_blocks(outputs, inputs, &values, &scales, bias)
    }

    /// From ggml Q4_0 blocks (an f16 scale, then 16 bytes: weight `j` in the low nibble of
    /// byte `j`, weight `j + 16` in its high nibble; `w = (q − 8) · d`).
    pub fn from_q4_0(
        outputs: usize,
        inputs: usize,
        raw: &[u8],
        bias: Vec<f32>,
    ) -> Result<Self, ShapeError> {
        let (values, scales) = unpack_q4_0(raw, outputs * inputs)?;
        Self::from_blocks(outputs, inputs, &values, &scales, bias)
    }

    /// How many outputs a row of the product has.
    pub fn outputs(&self) -> usize {
        self.outputs
    }

    /// How many inputs a row of activations must have.
    pub fn inputs(&self) -> usize {
        self.inputs
    }

    /// The shapes a product needs; callers build them from the same model, so a mismatch is
    /// a bug, not bad input.
    fn check(&self, x: &Activations, out: &[f32]) {
        assert_eq!(x.cols, self.inputs, "activations do not match the matrix");
        assert_eq!(
            out.len(),
            x.rows * self.outputs,
            "output buffer of the wrong size"
        );
    }

    /// `out = x · Wᵀ + bias`, `x` being `rows × inputs` and `out` `rows × outputs`.
    pub fn forward(&self, x: &Activations, out: &mut [f32]) {
        self.check(x, out);
        match kernel() {
            // SAFETY: `kernel()` picks a kernel only on a CPU with its features, and the
            // shapes were asserted.
            #[cfg(target_arch = "x86_64")]
            Kernel::Vnni => unsafe { vnni::product(self, x, out) },
            // SAFETY: as above.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { avx2::product(self, x, out) },
            _ => portable_product(self, x, out),
        }
    }

    /// The same product by the portable kernel, whatever the CPU (to test the fast one).
    pub fn forward_portable(&self, x: &Activations, out: &mut [f32]) {
        self.check(x, out);
        portable_product(self, x, out);
    }
}

/// Signed values and one scale per block of 32 from Q4_0 blocks holding `count` weights.
pub fn unpack_q4_0(raw: &[u8], count: usize) -> Result<(Vec<i8>, Vec<f32>), ShapeError> {
    let blocks = count / BLOCK;
    if !count.is_multiple_of(BLOCK) || raw.len() < blocks * 18 {
        return Err(ShapeError::Shape(format!(
            "{} bytes cannot hold {count} Q4_0 weights",
            raw.len()
        )));
    }
    let mut values = vec![0i8; count];
    let mut scales = Vec::with_capacity(blocks);
    for (b, block) in raw.chunks_exact(18).take(blocks).enumerate() {
        scales.push(half::f16::from_le_bytes([block[0], block[1]]).to_f32());
        for (j, byte) in block[2..].iter().enumerate() {
            values[b * BLOCK + j] = (byte & 0x0f) as i8 - 8;
            values[b * BLOCK + j + 16] = (byte >> 4) as i8 - 8;
        }
    }
    Ok((values, scales))
}

/// Quantizes one block to `out`, returning its scale (largest magnitude ↦ 127) and the sum
/// of its 8-bit values.
#[inline(always)]
pub(crate) fn quantize_block(block: &[f32; BLOCK], out: &mut [i8; BLOCK]) -> (f32, i32) {
    let max = crate::lanes::max_by(block, 0.0, f32::abs);
    let scale = max / 127.0;
    let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
    // Whole 32-bit integers first, narrowed after: each loop is one the compiler vectorizes.
    let mut whole = [0i32; BLOCK];
    for (w, v) in whole.iter_mut().zip(block) {
        // |v · inverse| ≤ 127 by the choice of scale, so the integer fits in 8 bits. Ties go
        // to even, as in ggml's vector code.
        *w = crate::approx::nearest_int(v * inverse);
    }
    for (o, w) in out.iter_mut().zip(&whole) {
        *o = *w as i8;
    }
    (scale, whole.iter().sum())
}

/// A `rows × cols` matrix of activations in 8 bits, with each block's scale and sum.
pub struct Activations {
    rows: usize,
    cols: usize,
    values: Vec<i8>,
    scales: Vec<f32>,
    sums: Vec<i32>,
}

impl Activations {
    /// Quantizes `x` (row-major, `cols` a multiple of 32). Inlined, so the encoder's AVX2
    /// build compiles the portable loop with AVX2 too.
    #[inline(always)]
    pub fn quantize(x: &[f32], cols: usize) -> Self {
        assert!(
            cols.is_multiple_of(BLOCK) && x.len().is_multiple_of(cols),
            "activations must be whole rows of whole blocks"
        );
        let mut values = vec![0i8; x.len()];
        let mut scales = vec![0f32; x.len() / BLOCK];
        let mut sums = vec![0i32; x.len() / BLOCK];
        match kernel() {
            // SAFETY: `kernel()` picks VNNI only on a CPU with the features `vnni::quantize`
            // is compiled for; the buffers were sized from `x` here.
            #[cfg(target_arch = "x86_64")]
            Kernel::Vnni => unsafe { vnni::quantize(x, &mut values, &mut scales, &mut sums) },
            _ => quantize_portable(x, &mut values, &mut scales, &mut sums),
        }
        Activations {
            rows: x.len() / cols,
            cols,
            values,
            scales,
            sums,
        }
    }

    /// The 4 activations of `row` at `group` of `block`, as one 32-bit word: what the SIMD
    /// kernels broadcast against a group of packed weights.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn four(&self, row: usize, block: usize, group: usize) -> i32 {
        let at = row * self.cols + block * BLOCK + group * 4;
        let [a, b, c, d] = self.values[at..at + 4] else {
            unreachable!("a range of 4 holds 4 values")
        };
        i32::from_ne_bytes([a as u8, b as u8, c as u8, d as u8])
    }

    /// How many rows (tokens) it holds.
    pub fn rows(&self) -> usize {
        self.rows
    }
}

/// What [`Activations::quantize`] fills in, by the portable code whatever the CPU:
/// `values` as long as `x`, `scales` and `sums` one per block.
#[inline(always)]
fn quantize_portable(x: &[f32], values: &mut [i8], scales: &mut [f32], sums: &mut [i32]) {
    for (((block, out), scale), sum) in x
        .as_chunks::<BLOCK>()
        .0
        .iter()
        .zip(values.as_chunks_mut::<BLOCK>().0)
        .zip(scales)
        .zip(sums)
    {
        (*scale, *sum) = quantize_block(block, out);
    }
}

/// The matrix-product kernels, fastest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// AVX-512 VNNI: 64 byte products per instruction.
    Vnni,
    /// AVX2: byte products through 16-bit pair sums.
    Avx2,
    /// Plain Rust, any CPU.
    Portable,
}

/// The kernel products run on: the fastest this CPU has, unless `FRONTDESK_INT8_KERNEL`
/// names a plainer one (`avx2`, `portable`), to compare them on one machine.
pub fn kernel() -> Kernel {
    use std::sync::OnceLock;
    static KERNEL: OnceLock<Kernel> = OnceLock::new();
    *KERNEL.get_or_init(|| {
        let asked = std::env::var("FRONTDESK_INT8_KERNEL").unwrap_or_default();
        let allowed = |k: Kernel| match asked.as_str() {
            "portable" => k == Kernel::Portable,
            "avx2" => k != Kernel::Vnni,
            _ => true,
        };
        [Kernel::Vnni, Kernel::Avx2]
            .into_iter()
            .find(|&k| allowed(k) && cpu_has(k))
            .unwrap_or(Kernel::Portable)
    })
}

/// Whether the float work around the products may use AVX2 and FMA: the CPU has them and
/// `FRONTDESK_INT8_KERNEL` did not ask for the portable code.
pub fn float_kernels_fused() -> bool {
    kernel() != Kernel::Portable && cpu_has(Kernel::Avx2)
}

/// Whether this CPU can run `kernel`.
fn cpu_has(kernel: Kernel) -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        match kernel {
            Kernel::Vnni => has!("avx512f") && has!("avx512bw") && has!("avx512vnni"),
            Kernel::Avx2 => has!("avx2") && has!("fma"),
            Kernel::Portable => true,
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        kernel == Kernel::Portable
    }
}

/// The product over the packed layout in plain Rust (the compiler vectorizes the inner loop).
fn portable_product(m: &Int8Matrix, x: &Activations, out: &mut [f32]) {
    let blocks = m.inputs / BLOCK;
    let panels = m.outputs / PANEL;
    for r in 0..x.rows {
        for p in 0..panels {
            let mut acc = [0f32; PANEL];
            for b in 0..blocks {
                let a = &x.values[r * x.cols + b * BLOCK..][..BLOCK];
                let w = &m.packed[(p * blocks + b) * PANEL_BLOCK..][..PANEL_BLOCK];
                let mut dot = [-OFFSET * x.sums[r * blocks + b]; PANEL];
                for group in 0..BLOCK / 4 {
                    for j in 0..4 {
                        let av = i32::from(a[group * 4 + j]);
                        for (c, d) in dot.iter_mut().enumerate() {
                            *d += i32::from(w[group * 64 + c * 4 + j]) * av;
                        }
                    }
                }
                let scales = &m.scales[(p * blocks + b) * PANEL..][..PANEL];
                let row_scale = x.scales[r * blocks + b];
                for c in 0..PANEL {
                    acc[c] += dot[c] as f32 * (scales[c] * row_scale);
                }
            }
            let row = &mut out[r * m.outputs + p * PANEL..][..PANEL];
            for c in 0..PANEL {
                row[c] = acc[c] + m.bias[p * PANEL + c];
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod vnni {
    use std::arch::x86_64::*;

    use super::{Activations, BLOCK, Int8Matrix, OFFSET, PANEL, PANEL_BLOCK};

    /// Rows of activations per tile.
    const ROWS: usize = 4;

    /// The whole product, a tile of up to 4 rows × 32 outputs at a time.
    ///
    /// # Safety
    /// The CPU must have AVX-512 F, BW and VNNI; `x.cols == m.inputs` and
    /// `out.len() == x.rows * m.outputs`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn product(m: &Int8Matrix, x: &Activations, out: &mut [f32]) {
        let panels = m.outputs / PANEL;
        let mut row = 0;
        while row < x.rows {
            let rows = (x.rows - row).min(ROWS);
            let mut p = 0;
            while p < panels {
                let two = p + 1 < panels;
                // SAFETY: same contract as this function; the tile lies inside the shapes.
                unsafe {
                    match (rows, two) {
                        (4, true) => tile::<4, 2>(m, x, row, p, out),
                        (3, true) => tile::<3, 2>(m, x, row, p, out),
                        (2, true) => tile::<2, 2>(m, x, row, p, out),
                        (1, true) => tile::<1, 2>(m, x, row, p, out),
                        (4, false) => tile::<4, 1>(m, x, row, p, out),
                        (3, false) => tile::<3, 1>(m, x, row, p, out),
                        (2, false) => tile::<2, 1>(m, x, row, p, out),
                        _ => tile::<1, 1>(m, x, row, p, out),
                    }
                }
                p += if two { 2 } else { 1 };
            }
            row += rows;
        }
    }

    /// Activations to 8 bits, block by block, exactly as `quantize_block` does: the same
    /// scale, products rounded to the nearest integer with ties to even (the conversion's
    /// default rounding), the same sums. The compiler makes scalar code of the portable
    /// version, where this is a handful of instructions per block.
    ///
    /// # Safety
    /// The CPU must have AVX-512 F and BW; `values` as long as `x`, `scales` and `sums` one
    /// per block of `x`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    pub unsafe fn quantize(x: &[f32], values: &mut [i8], scales: &mut [f32], sums: &mut [i32]) {
        for (((block, out), scale), sum) in x
            .as_chunks::<BLOCK>()
            .0
            .iter()
            .zip(values.as_chunks_mut::<BLOCK>().0)
            .zip(scales.iter_mut())
            .zip(sums.iter_mut())
        {
            // SAFETY: a block is 32 floats in, 32 bytes out: two 16-lane halves each.
            unsafe {
                let low = _mm512_loadu_ps(block.as_ptr());
                let high = _mm512_loadu_ps(block.as_ptr().add(16));
                let max =
                    _mm512_reduce_max_ps(_mm512_max_ps(_mm512_abs_ps(low), _mm512_abs_ps(high)));
                *scale = max / 127.0;
                let inverse = _mm512_set1_ps(if *scale > 0.0 { 1.0 / *scale } else { 0.0 });
                let low = _mm512_cvtps_epi32(_mm512_mul_ps(low, inverse));
                let high = _mm512_cvtps_epi32(_mm512_mul_ps(high, inverse));
                _mm_storeu_si128(out.as_mut_ptr().cast(), _mm512_cvtepi32_epi8(low));
                _mm_storeu_si128(out.as_mut_ptr().add(16).cast(), _mm512_cvtepi32_epi8(high));
                *sum = _mm512_reduce_add_epi32(_mm512_add_epi32(low, high));
            }
        }
    }

    /// `R` rows from `row` × `V` panels from `panel`.
    #[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
    unsafe fn tile<const R: usize, const V: usize>(
        m: &Int8Matrix,
        x: &Activations,
        row: usize,
        panel: usize,
        out: &mut [f32],
    ) {
        let blocks = m.inputs / BLOCK;
        let mut acc = [[_mm512_setzero_ps(); V]; R];
        for b in 0..blocks {
            let mut dot = [[_mm512_setzero_si512(); V]; R];
            for (r, d) in dot.iter_mut().enumerate() {
                let start = _mm512_set1_epi32(-OFFSET * x.sums[(row + r) * blocks + b]);
                *d = [start; V];
            }
            for group in 0..BLOCK / 4 {
                let mut w = [_mm512_setzero_si512(); V];
                for (v, wv) in w.iter_mut().enumerate() {
                    let at = ((panel + v) * blocks + b) * PANEL_BLOCK + group * 64;
                    // SAFETY: `at + 64` lies within `packed` (panel < panels, b < blocks).
                    *wv = unsafe { _mm512_loadu_si512(m.packed.as_ptr().add(at).cast()) };
                }
                for (r, d) in dot.iter_mut().enumerate() {
                    let a = _mm512_set1_epi32(x.four(row + r, b, group));
                    for v in 0..V {
                        d[v] = _mm512_dpbusd_epi32(d[v], w[v], a);
                    }
                }
            }
            for r in 0..R {
                let row_scale = _mm512_set1_ps(x.scales[(row + r) * blocks + b]);
                for v in 0..V {
                    let at = ((panel + v) * blocks + b) * PANEL;
                    // SAFETY: 16 scales per panel and block.
                    let scales = unsafe { _mm512_loadu_ps(m.scales.as_ptr().add(at)) };
                    acc[r][v] = _mm512_fmadd_ps(
                        _mm512_cvtepi32_ps(dot[r][v]),
                        _mm512_mul_ps(scales, row_scale),
                        acc[r][v],
                    );
                }
            }
        }
        for (r, sums) in acc.iter().enumerate() {
            for (v, sum) in sums.iter().enumerate() {
                let column = (panel + v) * PANEL;
                // SAFETY: 16 biases from `column`, and 16 outputs from the row's `column`.
                unsafe {
                    let bias = _mm512_loadu_ps(m.bias.as_ptr().add(column));
                    let at = (row + r) * m.outputs + column;
                    _mm512_storeu_ps(out.as_mut_ptr().add(at), _mm512_add_ps(*sum, bias));
                }
            }
        }
    }
}

/// The product for x86-64 CPUs without AVX-512 VNNI (AMD before Zen 4, most Intel desktop
/// chips): AVX2's byte products over the same packed layout, 8 outputs per register.
#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{Activations, BLOCK, Int8Matrix, PANEL, PANEL_BLOCK};

    /// Rows of activations per tile.
    const ROWS: usize = 4;

    /// The whole product, a tile of up to 4 rows × 16 outputs at a time.
    ///
    /// # Safety
    /// The CPU must have AVX2 and FMA; `x.cols == m.inputs` and
    /// `out.len() == x.rows * m.outputs`.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn product(m: &Int8Matrix, x: &Activations, out: &mut [f32]) {
        let panels = m.outputs / PANEL;
        let mut row = 0;
        while row < x.rows {
            let rows = (x.rows - row).min(ROWS);
            for p in 0..panels {
                // SAFETY: same contract as this function; the tile lies inside the shapes.
                unsafe {
                    match rows {
                        4 => tile::<4>(m, x, row, p, out),
                        3 => tile::<3>(m, x, row, p, out),
                        2 => tile::<2>(m, x, row, p, out),
                        _ => tile::<1>(m, x, row, p, out),
                    }
                }
            }
            row += rows;
        }
    }

    /// `R` rows from `row` × the 16 outputs of `panel`.
    #[target_feature(enable = "avx2,fma")]
    unsafe fn tile<const R: usize>(
        m: &Int8Matrix,
        x: &Activations,
        row: usize,
        panel: usize,
        out: &mut [f32],
    ) {
        let blocks = m.inputs / BLOCK;
        // Stored weights are `w + 128`; flipping the top bit gives `w` as a signed byte.
        let flip = _mm256_set1_epi8(i8::MIN);
        let ones = _mm256_set1_epi16(1);
        let mut acc = [[_mm256_setzero_ps(); 2]; R];
        for b in 0..blocks {
            let mut dot = [[_mm256_setzero_si256(); 2]; R];
            for group in 0..BLOCK / 4 {
                let at = (panel * blocks + b) * PANEL_BLOCK + group * 64;
                let mut signed = [_mm256_setzero_si256(); 2];
                let mut magnitude = [_mm256_setzero_si256(); 2];
                for half in 0..2 {
                    // SAFETY: `at + 64` lies within `packed` (panel < panels, b < blocks).
                    let stored =
                        unsafe { _mm256_loadu_si256(m.packed.as_ptr().add(at + 32 * half).cast()) };
                    signed[half] = _mm256_xor_si256(stored, flip);
                    magnitude[half] = _mm256_abs_epi8(signed[half]);
                }
                for (r, d) in dot.iter_mut().enumerate() {
                    let a = _mm256_set1_epi32(x.four(row + r, b, group));
                    for half in 0..2 {
                        // |w| times a with w's sign is w · a; each pair of products summed in 16
                        // bits stays within 2 · 128 · 127, so nothing saturates.
                        let pairs = _mm256_maddubs_epi16(
                            magnitude[half],
                            _mm256_sign_epi8(a, signed[half]),
                        );
                        d[half] = _mm256_add_epi32(d[half], _mm256_madd_epi16(pairs, ones));
                    }
                }
            }
            for r in 0..R {
                let row_scale = _mm256_set1_ps(x.scales[(row + r) * blocks + b]);
                for half in 0..2 {
                    let at = (panel * blocks + b) * PANEL + 8 * half;
                    // SAFETY: 16 scales per panel and block.
                    let scales = unsafe { _mm256_loadu_ps(m.scales.as_ptr().add(at)) };
                    acc[r][half] = _mm256_fmadd_ps(
                        _mm256_cvtepi32_ps(dot[r][half]),
                        _mm256_mul_ps(scales, row_scale),
                        acc[r][half],
                    );
                }
            }
        }
        for (r, sums) in acc.iter().enumerate() {
            for (half, sum) in sums.iter().enumerate() {
                let column = panel * PANEL + 8 * half;
                // SAFETY: 8 biases from `column`, and 8 outputs from the row's `column`.
                unsafe {
                    let bias = _mm256_loadu_ps(m.bias.as_ptr().add(column));
                    let at = (row + r) * m.outputs + column;
                    _mm256_storeu_ps(out.as_mut_ptr().add(at), _mm256_add_ps(*sum, bias));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reproducible spread of values in [-1, 1).
    fn values(n: usize, seed: u64) -> Vec<f32> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
            })
            .collect()
    }

    fn float_product(w: &[f32], bias: &[f32], x: &[f32], inputs: usize) -> Vec<f32> {
        let outputs = bias.len();
        let rows = x.len() / inputs;
        let mut out = vec![0f32; rows * outputs];
        for r in 0..rows {
            for o in 0..outputs {
                let dot: f32 = (0..inputs)
                    .map(|i| x[r * inputs + i] * w[o * inputs + i])
                    .sum();
                out[r * outputs + o] = dot + bias[o];
            }
        }
        out
    }

    #[test]
    fn products_match_float_arithmetic_for_every_tile_shape() {
        // 7 rows (a tile of 4 and one of 3) × 48 outputs (a pair of panels and a single).
        let (rows, outputs, inputs) = (7, 48, 96);
        let w = values(outputs * inputs, 1);
        let bias = values(outputs, 2);
        let x: Vec<f32> = values(rows * inputs, 3).iter().map(|v| v * 4.0).collect();
        let want = float_product(&w, &bias, &x, inputs);
        let m = Int8Matrix::quantize(outputs, inputs, &w, bias).unwrap();
        let a = Activations::quantize(&x, inputs);
        let mut fast = vec![0f32; rows * outputs];
        let mut portable = vec![0f32; rows * outputs];
        m.forward(&a, &mut fast);
        m.forward_portable(&a, &mut portable);
        // Every kernel this CPU can run: the one `forward` picks may be VNNI's.
        #[cfg(target_arch = "x86_64")]
        if cpu_has(Kernel::Avx2) {
            let mut avx2 = vec![0f32; rows * outputs];
            // SAFETY: AVX2 and FMA are present; the shapes match.
            unsafe { avx2::product(&m, &a, &mut avx2) };
            for i in 0..want.len() {
                assert!(
                    (avx2[i] - portable[i]).abs() < 1e-4,
                    "{i}: {} vs {}",
                    avx2[i],
                    portable[i]
                );
            }
        }
        for i in 0..want.len() {
            // Both kernels do the same integer sums; only the float rounding order differs.
            assert!(
                (fast[i] - portable[i]).abs() < 1e-4,
                "{i}: {} vs {}",
                fast[i],
                portable[i]
            );
        }
        // 8 bits on both sides: well under 1% of the float product overall.
        let error: f32 = fast.iter().zip(&want).map(|(a, b)| (a - b) * (a - b)).sum();
        let size: f32 = want.iter().map(|b| b * b).sum();
        assert!(
            (error / size).sqrt() < 0.01,
            "relative error {}",
            (error / size).sqrt()
        );
    }

    #[test]
    fn activations_quantize_alike_on_every_path() {
        // Halves (ties), zeros, a block of zeros and one large value among small ones.
        let mut x: Vec<f32> = values(32 * 40, 5).iter().map(|v| v * 3.0).collect();
        x[..32].fill(0.0);
        x[32..64].copy_from_slice(&[0.5; 32]);
        x[64] = 127.0;
        x[65] = 0.5;
        x[66] = -1.5;
        let size = x.len();
        let fast = Activations::quantize(&x, 64);
        let mut portable = Activations {
            rows: size / 64,
            cols: 64,
            values: vec![0; size],
            scales: vec![0.0; size / BLOCK],
            sums: vec![0; size / BLOCK],
        };
        quantize_portable(
            &x,
            &mut portable.values,
            &mut portable.scales,
            &mut portable.sums,
        );
        assert_eq!(fast.values, portable.values);
        assert_eq!(fast.scales, portable.scales);
        assert_eq!(fast.sums, portable.sums);
        assert_eq!(portable.values[..32], [0; 32]);
        assert_eq!(portable.values[64..67], [127, 0, -2]);
        let want: Vec<i32> = portable
            .values
            .chunks(BLOCK)
            .map(|b| b.iter().map(|&v| i32::from(v)).sum())
            .collect();
        assert_eq!(portable.sums, want);
    }

    #[test]
    fn q4_0_blocks_unpack_as_ggml_defines_them() {
        // Scale 0.5 (f16 0x3800); byte 0 = 0xF0: weight 0 is (0 − 8)·0.5, weight 16 is (15 − 8)·0.5.
        let mut raw = vec![0x00, 0x38, 0xF0];
        raw.extend([0x88; 15]);
        let (values, scales) = unpack_q4_0(&raw, 32).unwrap();
        assert_eq!(scales, vec![0.5]);
        assert_eq!(values[0], -8);
        assert_eq!(values[16], 7);
        assert!(values[1..16].iter().all(|&v| v == 0));
        assert!(unpack_q4_0(&raw[..17], 32).is_err());
    }

    #[test]
    fn shapes_outside_the_layout_are_refused() {
        assert!(Int8Matrix::quantize(10, 32, &[0.0; 320], vec![0.0; 10]).is_err());
        assert!(Int8Matrix::quantize(16, 30, &[0.0; 480], vec![0.0; 16]).is_err());
        assert!(Int8Matrix::quantize(16, 32, &[0.0; 512], vec![0.0; 3]).is_err());
    }
}
