//! Taking the language out of vectors before ranking them.
//!
//! A multilingual model's vectors carry their text's language as well as its meaning: a
//! question is closer to a wrong passage in its own language than to the right one in
//! another. Each language's mean vector, measured on sentences that say the same things in
//! all four languages (`data/parallel-sentences.tsv`), is that language's part; subtracting it
//! from both sides (queries and passages have their own means, as e5 embeds them with
//! different prefixes) and normalizing again leaves mostly meaning. This is the
//! language-centering of Libovický et al. (2020), "On the Language Neutrality of Pre-trained
//! Multilingual Representations".

use std::collections::HashMap;

use frontdesk_domain::Language;

use crate::embedder::{EmbedError, Embedder};
use crate::model::Role;

/// The same sixteen sentences in English, Turkish, Portuguese and Spanish (tab-separated).
const PARALLEL: &str = include_str!("../data/parallel-sentences.tsv");

/// The columns of [`PARALLEL`].
const COLUMNS: [Language; 4] = [Language::En, Language::Tr, Language::Pt, Language::Es];

/// Each language's mean vector, as a query and as a passage, for one model.
#[derive(Debug, Clone)]
pub struct LanguageCentroids {
    query: Means,
    passage: Means,
}

#[derive(Debug, Clone)]
struct Means {
    by_language: HashMap<Language, Vec<f32>>,
    /// The mean of the languages' means: what is taken from a text of unknown language.
    overall: Vec<f32>,
}

impl Means {
    fn new(vectors: &[Vec<f32>], dimensions: usize) -> Option<Self> {
        let rows = PARALLEL.lines().filter(|l| !l.trim().is_empty()).count();
        if vectors.len() != rows * COLUMNS.len() || vectors.iter().any(|v| v.len() != dimensions) {
            return None;
        }
        let mut by_language = HashMap::new();
        let mut overall = vec![0f32; dimensions];
        for (column, language) in COLUMNS.iter().enumerate() {
            let mut mean = vec![0f32; dimensions];
            for row in vectors.iter().skip(column).step_by(COLUMNS.len()) {
                add_scaled(&mut mean, row, 1.0 / rows as f32);
            }
            add_scaled(&mut overall, &mean, 1.0 / COLUMNS.len() as f32);
            by_language.insert(*language, mean);
        }
        Some(Means {
            by_language,
            overall,
        })
    }
}

fn add_scaled(sum: &mut [f32], v: &[f32], scale: f32) {
    for (s, x) in sum.iter_mut().zip(v) {
        *s += x * scale;
    }
}

impl LanguageCentroids {
    /// Measures the centroids of `embedder`'s model (64 short texts per role).
    pub async fn measure(embedder: &dyn Embedder) -> Result<Self, EmbedError> {
        let texts: Vec<String> = PARALLEL
            .lines()
            .filter(|l| !l.trim().is_empty())
            .flat_map(|l| l.split('\t').map(str::to_string))
            .collect();
        let dimensions = embedder.dimensions();
        let malformed = || EmbedError::Api("the parallel sentences did not embed fully".into());
        let query = embedder.embed(Role::Query, &texts).await?;
        let passage = embedder.embed(Role::Passage, &texts).await?;
        Ok(LanguageCentroids {
            query: Means::new(&query, dimensions).ok_or_else(malformed)?,
            passage: Means::new(&passage, dimensions).ok_or_else(malformed)?,
        })
    }

    /// `vector` (of a text in `language`, embedded as `role`) without its language's part,
    /// at unit length. A vector of another length is returned as it is.
    pub fn center(&self, role: Role, language: Option<Language>, vector: &[f32]) -> Vec<f32> {
        let means = match role {
            Role::Query => &self.query,
            Role::Passage => &self.passage,
        };
        let mean = language
            .and_then(|l| means.by_language.get(&l))
            .unwrap_or(&means.overall);
        if mean.len() != vector.len() {
            return vector.to_vec();
        }
        let mut out: Vec<f32> = vector.iter().zip(mean).map(|(v, m)| v - m).collect();
        let norm = out.iter().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 1e-6 {
            out.iter_mut().for_each(|v| *v /= norm);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedder::FakeEmbedder;

    #[test]
    fn the_corpus_has_every_language_on_every_line() {
        let lines: Vec<&str> = PARALLEL.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 16);
        for line in lines {
            assert_eq!(line.split('\t').count(), 4, "{line}");
        }
    }

    #[tokio::test]
    async fn centering_removes_the_language_mean_and_keeps_unit_length() {
        let embedder = FakeEmbedder;
        let centroids = LanguageCentroids::measure(&embedder).await.unwrap();
        let v = embedder
            .embed(Role::Passage, &["Diş beyazlatma bir saat sürer.".into()])
            .await
            .unwrap()
            .remove(0);
        let centered = centroids.center(Role::Passage, Some(Language::Tr), &v);
        let norm: f32 = centered.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5);
        // Exactly v − mean, normalized.
        let mean = &centroids.passage.by_language[&Language::Tr];
        let raw: Vec<f32> = v.iter().zip(mean).map(|(a, b)| a - b).collect();
        let raw_norm: f32 = raw.iter().map(|x| x * x).sum::<f32>().sqrt();
        for (c, r) in centered.iter().zip(&raw) {
            assert!((c - r / raw_norm).abs() < 1e-5);
        }
        // An unknown language takes the mean of the means; another length is left alone.
        assert_ne!(centroids.center(Role::Passage, None, &v), centered);
        assert_eq!(
            centroids.center(Role::Query, None, &[1.0, 0.0]),
            vec![1.0, 0.0]
        );
    }
}
