//! Sums and maxima over floats in eight independent lanes. The compiler keeps a plain float
//! reduction in its written order, one element after another, so it never vectorizes one;
//! here the order is fixed too, just one that eight-wide registers can follow.

const LANES: usize = 8;

/// The sum of `f(v)` over `values`.
#[inline(always)]
pub(crate) fn sum_by(values: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut lanes = [0f32; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, v) in lanes.iter_mut().zip(chunk) {
            *lane += f(*v);
        }
    }
    lanes.iter().sum::<f32>() + rest.iter().map(|v| f(*v)).sum::<f32>()
}

/// The sum of `values`.
#[inline(always)]
pub(crate) fn sum(values: &[f32]) -> f32 {
    sum_by(values, |v| v)
}

/// The largest of `f(v)` over `values`, or `floor` if none is larger.
#[inline(always)]
pub(crate) fn max_by(values: &[f32], floor: f32, f: impl Fn(f32) -> f32) -> f32 {
    // `a > b ? a : b` rather than `f32::max`, whose NaN rule has no vector instruction; the
    // values here are finite activations.
    let larger = |a: f32, b: f32| if a > b { a } else { b };
    let mut lanes = [floor; LANES];
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, v) in lanes.iter_mut().zip(chunk) {
            *lane = larger(f(*v), *lane);
        }
    }
    let mut m = lanes.iter().copied().fold(floor, larger);
    for v in rest {
        m = larger(f(*v), m);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_and_maxima_over_any_length() {
        for n in [0usize, 1, 7, 8, 9, 31, 32, 77] {
            let values: Vec<f32> = (0..n).map(|i| ((i * 37 % 11) as f32) - 5.0).collect();
            let sum_want: f32 = values.iter().sum();
            assert!((sum(&values) - sum_want).abs() < 1e-4, "sum of {n}");
            let squares: f32 = values.iter().map(|v| v * v).sum();
            assert!(
                (sum_by(&values, |v| v * v) - squares).abs() < 1e-3,
                "squares of {n}"
            );
            let max_want = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            assert_eq!(
                max_by(&values, f32::NEG_INFINITY, |v| v),
                max_want,
                "max of {n}"
            );
            let abs_want = values.iter().fold(0f32, |m, v| m.max(v.abs()));
            assert_eq!(max_by(&values, 0.0, f32::abs), abs_want, "max |v| of {n}");
        }
    }
}
