//! The e5 tokenizer as the model file defines it: a per-character normalization map (control
//! characters removed, odd spaces made plain, NFKC), runs of spaces collapsed, SentencePiece's
//! metaspace (`▁`, prepended), then the Unigram segmentation with the highest total score.

use std::collections::HashMap;

/// The SentencePiece word-start marker.
const META: char = '\u{2581}';

/// Unigram pieces with their scores and the normalization map.
pub struct Tokenizer {
    pieces: HashMap<String, u32>,
    scores: Vec<f32>,
    normalize: HashMap<char, Vec<char>>,
    unk_score: f32,
    max_piece_bytes: usize,
    /// `<s>`.
    pub bos: u32,
    /// `</s>`.
    pub eos: u32,
    /// The unknown piece.
    pub unk: u32,
}

impl Tokenizer {
    /// Builds a tokenizer from its pieces (in id order), their scores and the map.
    pub fn new(
        pieces: Vec<String>,
        scores: Vec<f32>,
        normalize: HashMap<char, Vec<char>>,
        (bos, eos, unk): (u32, u32, u32),
    ) -> Self {
        let unk_score = scores.iter().copied().fold(f32::INFINITY, f32::min) - 10.0;
        let max_piece_bytes = pieces.iter().map(String::len).max().unwrap_or(1);
        let pieces = pieces
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(i, p)| (p, i as u32))
            .collect();
        Tokenizer {
            pieces,
            scores,
            normalize,
            unk_score,
            max_piece_bytes,
            bos,
            eos,
            unk,
        }
    }

    /// The normalized text with metaspaces, as characters.
    fn normalized(&self, text: &str) -> Vec<char> {
        let mut chars: Vec<char> = Vec::with_capacity(text.len() + 1);
        for c in text.chars() {
            match self.normalize.get(&c) {
                Some(out) => chars.extend(out),
                None => chars.push(c),
            }
        }
        chars.dedup_by(|b, a| *a == ' ' && *b == ' ');
        let mut out = Vec::with_capacity(chars.len() + 1);
        if chars.first() != Some(&' ') {
            out.push(META);
        }
        out.extend(chars.into_iter().map(|c| if c == ' ' { META } else { c }));
        out
    }

    /// The content pieces of `text` (no `<s>`/`</s>`).
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let chars = self.normalized(text);
        // Byte offset of each character, for slicing candidate pieces.
        let mut s = String::with_capacity(chars.len() * 3);
        let mut starts = Vec::with_capacity(chars.len() + 1);
        for c in &chars {
            starts.push(s.len());
            s.push(*c);
        }
        starts.push(s.len());
        let n = chars.len();
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut piece = vec![u32::MAX; n + 1];
        let mut from = vec![0usize; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] == f32::NEG_INFINITY {
                continue;
            }
            for e in i + 1..=n {
                let len = starts[e] - starts[i];
                if len > self.max_piece_bytes {
                    break;
                }
                if let Some(&id) = self.pieces.get(&s[starts[i]..starts[e]])
                    && id != self.unk
                {
                    let score = best[i] + self.scores[id as usize];
                    if score > best[e] {
                        best[e] = score;
                        piece[e] = id;
                        from[e] = i;
                    }
                }
            }
            // A character no piece covers becomes the unknown piece.
            let unknown = best[i] + self.unk_score;
            if unknown > best[i + 1] {
                best[i + 1] = unknown;
                piece[i + 1] = self.unk;
                from[i + 1] = i;
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            ids.push(piece[i]);
            i = from[i];
        }
        ids.reverse();
        ids
    }
}
