//! `exp` and `erf` in plain arithmetic, so the loops over a layer's activations vectorize
//! (the library functions are calls the compiler cannot vectorize, and they cost more than
//! the matrix products they sit between).

/// e^x within 2 ulp for x in [-87, 88] (Cephes' range reduction and polynomial).
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    let n = (x * std::f32::consts::LOG2_E + 0.5).floor();
    // ln 2 split in two so n · ln 2 is subtracted without losing bits.
    let r = x - n * 0.693_359_4 - n * -2.121_944_4e-4;
    let p = ((((1.987_569_1e-4 * r + 1.398_199_9e-3) * r + 8.333_452e-3) * r + 4.166_579_6e-2) * r
        + 0.166_666_65)
        * r
        + 0.5;
    let e = p * r * r + r + 1.0;
    // n lies in [-126, 127] after the clamp, so 2ⁿ is a normal float.
    e * f32::from_bits(((nearest_int(n) + 127) as u32) << 23)
}

/// `x` rounded to the nearest integer, ties to even, for |x| < 2²². Adding 1.5·2²³ leaves
/// that integer in the float's low bits: plain arithmetic that vectorizes, where `as i32`
/// (which saturates, and maps NaN to 0) does not.
#[inline(always)]
pub fn nearest_int(x: f32) -> i32 {
    ((x + 12_582_912.0).to_bits() as i32).wrapping_sub(0x4B40_0000)
}

/// erf(x) within 2·10⁻⁷ (Abramowitz and Stegun 7.1.26).
#[inline(always)]
pub fn erf(x: f32) -> f32 {
    let a = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * a);
    let poly = ((((1.061_405_4 * t - 1.453_152_1) * t + 1.421_413_7) * t - 0.284_496_73) * t
        + 0.254_829_6)
        * t;
    let y = 1.0 - poly * exp(-a * a);
    y.copysign(x)
}

/// GELU with the exact erf form BERT uses, in place.
#[inline(always)]
pub fn gelu(values: &mut [f32]) {
    for v in values {
        *v = 0.5 * *v * (1.0 + erf(*v * std::f32::consts::FRAC_1_SQRT_2));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// erf by its Taylor series in f64: exact enough for |x| ≤ 4.
    fn erf_series(x: f64) -> f64 {
        let (mut term, mut sum) = (x, x);
        for n in 1..200 {
            term *= -x * x / n as f64;
            sum += term / (2 * n + 1) as f64;
        }
        sum * 2.0 / std::f64::consts::PI.sqrt()
    }

    #[test]
    fn exp_matches_the_library_across_its_range() {
        let mut x = -87.0f32;
        while x < 88.0 {
            let (got, want) = (exp(x), x.exp());
            assert!(
                ((got - want) / want).abs() < 1e-6,
                "exp({x}) = {got}, want {want}"
            );
            x += 0.37;
        }
        // Far below the range: clamped, tiny, never a wrapped exponent.
        assert!(exp(-1000.0) >= 0.0 && exp(-1000.0) < 1e-37);
    }

    #[test]
    fn nearest_int_rounds_ties_to_even() {
        for (x, want) in [
            (0.0, 0),
            (2.4, 2),
            (2.5, 2),
            (3.5, 4),
            (-2.5, -2),
            (-2.6, -3),
        ] {
            assert_eq!(nearest_int(x), want, "{x}");
        }
        assert_eq!(nearest_int(-127.0), -127);
        assert_eq!(nearest_int(126.6), 127);
    }

    #[test]
    fn erf_matches_the_series() {
        for i in -400..=400 {
            let x = i as f64 / 100.0;
            let (got, want) = (erf(x as f32) as f64, erf_series(x));
            assert!((got - want).abs() < 5e-7, "erf({x}) = {got}, want {want}");
        }
        assert_eq!(erf(10.0), 1.0);
        assert_eq!(erf(-10.0), -1.0);
    }

    #[test]
    fn gelu_of_known_points() {
        let mut v = [0.0, 1.0, -1.0, 3.0];
        gelu(&mut v);
        let want = [0.0, 0.841_344_7, -0.158_655_26, 2.995_950_2];
        for (g, w) in v.iter().zip(want) {
            assert!((g - w).abs() < 1e-6, "{g} vs {w}");
        }
    }
}
