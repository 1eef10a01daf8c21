//! Combining ranked lists (lexical and vector) by reciprocal rank fusion, and exact cosine
//! search over a clinic's vectors.

use std::collections::HashMap;
use std::hash::Hash;

/// The usual RRF constant: damps the weight of the very first ranks.
pub const RRF_K: f32 = 60.0;

/// Fuses ranked lists (best first): each item scores `Σ 1 / (RRF_K + rank)` over the lists
/// it appears in, ranks from 1. Best first; ties keep the order of first appearance.
pub fn reciprocal_rank_fusion<K: Clone + Eq + Hash>(lists: &[Vec<K>]) -> Vec<(K, f32)> {
    let mut scores: HashMap<K, (f32, usize)> = HashMap::new();
    let mut order = 0;
    for list in lists {
        for (rank, key) in list.iter().enumerate() {
            let entry = scores.entry(key.clone()).or_insert_with(|| {
                order += 1;
                (0.0, order)
            });
            entry.0 += 1.0 / (RRF_K + rank as f32 + 1.0);
        }
    }
    let mut fused: Vec<(K, f32, usize)> = scores.into_iter().map(|(k, (s, o))| (k, s, o)).collect();
    fused.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    fused.into_iter().map(|(k, s, _)| (k, s)).collect()
}

/// Fuses a full-text and a vector ranking by reciprocal rank, where full text can raise a
/// text but never sink it: a text's full-text term is that of its full-text rank or of its
/// vector rank, whichever is better. Plain RRF counts a text the full text missed as
/// unranked there, and the full text misses every answer in another language than the
/// question and every paraphrase ("kid" for "children"); with few texts, any word shared by
/// a wrong one then outweighs the vectors' whole ranking.
pub fn hybrid_fusion<K: Clone + Eq + Hash>(lexical: &[K], vector: &[K]) -> Vec<(K, f32)> {
    let term = |rank: usize| 1.0 / (RRF_K + rank as f32 + 1.0);
    let mut scores: HashMap<K, (f32, usize)> = HashMap::new();
    for (order, key) in lexical.iter().chain(vector).enumerate() {
        scores.entry(key.clone()).or_insert((0.0, order));
    }
    for (key, entry) in scores.iter_mut() {
        let lexical_rank = lexical.iter().position(|k| k == key);
        let vector_rank = vector.iter().position(|k| k == key);
        let best = match (lexical_rank, vector_rank) {
            (Some(l), Some(v)) => l.min(v),
            (Some(r), None) | (None, Some(r)) => r,
            (None, None) => continue,
        };
        entry.0 = term(best) + vector_rank.map_or(0.0, term);
    }
    let mut fused: Vec<(K, f32, usize)> = scores.into_iter().map(|(k, (s, o))| (k, s, o)).collect();
    fused.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.2.cmp(&b.2)));
    fused.into_iter().map(|(k, s, _)| (k, s)).collect()
}

/// Unit vectors of one clinic, laid out contiguously for a fast exact scan. Each text has
/// two: the one ranked by (its language taken out, see [`crate::centering`]) and the model's
/// own, whose cosine is reported.
#[derive(Debug, Clone)]
pub struct VectorIndex<K> {
    dimensions: usize,
    keys: Vec<K>,
    ranked: Vec<f32>,
    values: Vec<f32>,
}

impl<K: Clone> VectorIndex<K> {
    /// An empty index of `dimensions`-long vectors.
    pub fn new(dimensions: usize) -> Self {
        VectorIndex {
            dimensions,
            keys: Vec::new(),
            ranked: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Adds a text's vector and the one it is ranked by; vectors of another length are
    /// skipped (they came from another model) and `false` returned.
    pub fn push(&mut self, key: K, vector: &[f32], ranked: &[f32]) -> bool {
        if vector.len() != self.dimensions || ranked.len() != self.dimensions {
            return false;
        }
        self.keys.push(key);
        self.values.extend_from_slice(vector);
        self.ranked.extend_from_slice(ranked);
        true
    }

    /// How many vectors it holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The `k` nearest to `ranked_query` among the ranking vectors, best first, each with
    /// its model cosine to `query` (the vectors are unit length, so dot products).
    pub fn nearest(&self, query: &[f32], ranked_query: &[f32], k: usize) -> Vec<(K, f32)> {
        if query.len() != self.dimensions || ranked_query.len() != self.dimensions || k == 0 {
            return Vec::new();
        }
        let mut best: Vec<(f32, usize)> = Vec::with_capacity(k + 1);
        for (i, row) in self.ranked.chunks_exact(self.dimensions).enumerate() {
            let score = dot(row, ranked_query);
            if best.len() < k || score > best[best.len() - 1].0 {
                let at = best.partition_point(|&(s, _)| s >= score);
                best.insert(at, (score, i));
                best.truncate(k);
            }
        }
        best.into_iter()
            .map(|(_, i)| {
                let row = &self.values[i * self.dimensions..(i + 1) * self.dimensions];
                (self.keys[i].clone(), dot(row, query))
            })
            .collect()
    }
}

/// A dot product written so the compiler vectorizes it (eight independent sums).
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut sums = [0.0f32; 8];
    let (a8, a_rest) = a.split_at(a.len() - a.len() % 8);
    let (b8, b_rest) = b.split_at(a8.len());
    for (x, y) in a8.chunks_exact(8).zip(b8.chunks_exact(8)) {
        for j in 0..8 {
            sums[j] += x[j] * y[j];
        }
    }
    let tail: f32 = a_rest.iter().zip(b_rest).map(|(x, y)| x * y).sum();
    sums.iter().sum::<f32>() + tail
}

/// Scales a vector to unit length (a zero vector stays zero).
pub fn normalize(v: &mut [f32]) {
    let norm = dot(v, v).sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|x| *x /= norm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fusion_rewards_agreement() {
        let lexical = vec!["a", "b", "c"];
        let vector = vec!["c", "d", "a"];
        let fused = reciprocal_rank_fusion(&[lexical, vector]);
        let keys: Vec<&str> = fused.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["a", "c", "b", "d"]);
        let a = fused[0].1;
        assert!((a - (1.0 / 61.0 + 1.0 / 63.0)).abs() < 1e-6);
    }

    #[test]
    fn full_text_raises_texts_but_never_sinks_them() {
        // "para" is the vectors' best; "shared" shares a word with the question.
        let fused = hybrid_fusion(
            &["shared", "deep"],
            &["para", "shared", "other", "more", "deep"],
        );
        let keys: Vec<&str> = fused.iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["para", "shared", "other", "deep", "more"]);
        assert!((fused[0].1 - 2.0 / 61.0).abs() < 1e-6);
        // "shared": full-text rank 1 beats its vector rank 2.
        assert!((fused[1].1 - (1.0 / 61.0 + 1.0 / 62.0)).abs() < 1e-6);
        // "deep": full-text rank 2 is better than its vector rank 5, so it counts.
        assert!((fused[3].1 - (1.0 / 62.0 + 1.0 / 65.0)).abs() < 1e-6);
        // Found by full text alone: one term.
        let fused = hybrid_fusion(&["word"], &["a", "b"]);
        assert_eq!(
            fused.iter().find(|(k, _)| *k == "word").unwrap().1,
            1.0 / 61.0
        );
    }

    #[test]
    fn nearest_is_exact_and_ordered() {
        let mut index = VectorIndex::new(3);
        let mut vectors = [
            [1.0, 0.0, 0.0],
            [0.6, 0.8, 0.0],
            [0.0, 0.0, 1.0],
            [0.0, 1.0, 0.0],
        ];
        for (i, v) in vectors.iter_mut().enumerate() {
            normalize(v);
            assert!(index.push(i, v, v));
        }
        assert!(
            !index.push(9, &[1.0, 0.0], &[1.0, 0.0]),
            "another model's vector is skipped"
        );
        let q = [0.0, 1.0, 0.0];
        let found = index.nearest(&q, &q, 2);
        assert_eq!(found.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [3, 1]);
        assert!((found[1].1 - 0.8).abs() < 1e-6);
        assert_eq!(
            index.nearest(&[1.0, 0.0, 0.0], &[1.0, 0.0, 0.0], 10).len(),
            4
        );
    }

    #[test]
    fn ranking_vectors_order_the_hits_and_model_vectors_score_them() {
        let mut index = VectorIndex::new(2);
        // "near" is nearer by its ranking vector, "far" by its model vector.
        assert!(index.push("far", &[1.0, 0.0], &[0.0, 1.0]));
        assert!(index.push("near", &[0.0, 1.0], &[1.0, 0.0]));
        let found = index.nearest(&[1.0, 0.0], &[1.0, 0.0], 2);
        assert_eq!(found, vec![("near", 0.0), ("far", 1.0)]);
    }

    #[test]
    fn dot_handles_any_length() {
        let a: Vec<f32> = (0..19).map(|i| i as f32).collect();
        let expected: f32 = a.iter().map(|x| x * x).sum();
        assert_eq!(dot(&a, &a), expected);
    }
}
