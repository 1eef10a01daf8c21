//! BERT's tokenizer as Hugging Face's `tokenizer.json` describes it: the BERT normalizer
//! (control characters dropped, spaces made plain, CJK characters split, optionally lower
//! case without accents), the BERT pre-tokenizer (whitespace, then every punctuation mark on
//! its own) and WordPiece (longest known piece first, `##` before pieces inside a word),
//! framed as `[CLS] … [SEP]`.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A WordPiece vocabulary and its settings.
pub struct WordPiece {
    vocab: HashMap<String, u32>,
    prefix: String,
    max_word_chars: usize,
    lowercase: bool,
    strip_accents: bool,
    /// `[CLS]`.
    pub cls: u32,
    /// `[SEP]`.
    pub sep: u32,
    unk: u32,
}

/// What a `tokenizer.json` must say for [`WordPiece::new`].
pub struct Settings {
    /// Piece → id.
    pub vocab: HashMap<String, u32>,
    /// The unknown token's text.
    pub unk_token: String,
    /// What marks a piece inside a word (`##`).
    pub continuing_subword_prefix: String,
    /// Longer words are unknown.
    pub max_input_chars_per_word: usize,
    /// Whether text is lower-cased.
    pub lowercase: bool,
    /// Whether accents are removed (BERT's default: when lower-casing).
    pub strip_accents: bool,
}

impl WordPiece {
    /// Builds the tokenizer; the vocabulary must hold `[CLS]`, `[SEP]` and the unknown token.
    pub fn new(settings: Settings) -> Result<Self, String> {
        let id = |token: &str| {
            settings
                .vocab
                .get(token)
                .copied()
                .ok_or_else(|| format!("the vocabulary has no {token}"))
        };
        Ok(WordPiece {
            cls: id("[CLS]")?,
            sep: id("[SEP]")?,
            unk: id(&settings.unk_token)?,
            vocab: settings.vocab,
            prefix: settings.continuing_subword_prefix,
            max_word_chars: settings.max_input_chars_per_word,
            lowercase: settings.lowercase,
            strip_accents: settings.strip_accents,
        })
    }

    /// The ids of `text`'s pieces, without `[CLS]` and `[SEP]`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        for word in self.normalize(text).split_whitespace() {
            let mut start = 0;
            for (i, c) in word.char_indices() {
                if is_punctuation(c) {
                    if start < i {
                        self.pieces(&word[start..i], &mut ids);
                    }
                    self.pieces(&word[i..i + c.len_utf8()], &mut ids);
                    start = i + c.len_utf8();
                }
            }
            if start < word.len() {
                self.pieces(&word[start..], &mut ids);
            }
        }
        ids
    }

    fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\0' || c == '\u{FFFD}' || (c.is_control() && !c.is_whitespace()) {
                continue;
            }
            if c.is_whitespace() {
                out.push(' ');
            } else if is_cjk(c) {
                out.push(' ');
                out.push(c);
                out.push(' ');
            } else {
                out.push(c);
            }
        }
        if self.strip_accents {
            out = out.nfd().filter(|c| !is_combining_mark(*c)).collect();
        }
        if self.lowercase {
            out = out.to_lowercase();
        }
        out
    }

    /// Greedy longest-match-first pieces of one word; a word that cannot be covered is one
    /// unknown token.
    fn pieces(&self, word: &str, ids: &mut Vec<u32>) {
        if word.chars().count() > self.max_word_chars {
            ids.push(self.unk);
            return;
        }
        let found = ids.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len();
            let mut piece = None;
            while start < end {
                let text = &word[start..end];
                let candidate = if start > 0 {
                    self.vocab.get(&format!("{}{text}", self.prefix))
                } else {
                    self.vocab.get(text)
                };
                if let Some(id) = candidate {
                    piece = Some(*id);
                    break;
                }
                end = word[..end].char_indices().last().map_or(start, |(i, _)| i);
            }
            match piece {
                Some(id) => ids.push(id),
                None => {
                    ids.truncate(found);
                    ids.push(self.unk);
                    return;
                }
            }
            start = end;
        }
    }
}

/// BERT's punctuation: every ASCII symbol, and the common Unicode punctuation blocks.
fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '\u{A1}' | '\u{A7}' | '\u{AB}' | '\u{B6}' | '\u{B7}' | '\u{BB}' | '\u{BF}'
        )
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2030}'..='\u{205E}').contains(&c)
        || ('\u{3001}'..='\u{3003}').contains(&c)
        || ('\u{3008}'..='\u{3011}').contains(&c)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokenizer() -> WordPiece {
        let vocab = [
            "[PAD]", "[UNK]", "[CLS]", "[SEP]", "un", "##aff", "##able", "gunu", "?", "!", ",",
            "dr", ".", "o", "'", "neil",
        ];
        WordPiece::new(Settings {
            vocab: vocab
                .iter()
                .enumerate()
                .map(|(i, p)| (p.to_string(), i as u32))
                .collect(),
            unk_token: "[UNK]".into(),
            continuing_subword_prefix: "##".into(),
            max_input_chars_per_word: 100,
            lowercase: true,
            strip_accents: true,
        })
        .unwrap()
    }

    #[test]
    fn words_are_split_into_the_longest_known_pieces() {
        let t = tokenizer();
        assert_eq!(t.encode("Unaffable!"), vec![4, 5, 6, 9]);
        assert_eq!(
            t.encode("GÜNÜ?"),
            vec![7, 8],
            "accents stripped, lower case"
        );
        assert_eq!(t.encode("Dr. O'Neil,"), vec![11, 12, 13, 14, 15, 10]);
        assert_eq!(t.encode("unknown words"), vec![1, 1]);
        assert_eq!(t.encode("\u{0}\t  "), Vec::<u32>::new());
    }
}
