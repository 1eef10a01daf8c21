//! Cutting a document into passages for retrieval: a chunk never crosses a heading, holds
//! whole paragraphs (or whole sentences of a long one) up to a size, and repeats the end of
//! the previous chunk of its section so a sentence near a cut is found from either side.

use crate::extract::{Block, Extracted};

/// Chunk sizes, in estimated model tokens.
#[derive(Debug, Clone, Copy)]
pub struct ChunkSizes {
    /// A chunk is closed once it would pass this.
    pub max: usize,
    /// Below this, the next paragraph is always added (unless the section ends).
    pub min: usize,
    /// Tokens of the previous chunk's end repeated at the start of the next.
    pub overlap: usize,
}

impl Default for ChunkSizes {
    fn default() -> Self {
        ChunkSizes {
            max: 400,
            min: 200,
            overlap: 40,
        }
    }
}

/// One passage of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Its place in the document, from 0.
    pub position: u32,
    /// The headings above it, outermost first.
    pub heading_path: Vec<String>,
    /// Its text.
    pub text: String,
    /// Its estimated size in model tokens.
    pub tokens: u32,
}

/// An estimate of how many model tokens `text` takes: the multilingual tokenizer averages
/// about four tokens for three words in our four languages.
pub fn estimate_tokens(text: &str) -> usize {
    (text.split_whitespace().count() * 4).div_ceil(3)
}

/// Cuts a document into chunks.
pub fn chunk(doc: &Extracted, sizes: ChunkSizes) -> Vec<Chunk> {
    let mut chunks = Vec::new();
    let mut path: Vec<(u8, String)> = Vec::new();
    let mut section: Vec<String> = Vec::new();
    for block in &doc.blocks {
        match block {
            Block::Heading { level, text } => {
                cut_section(&section, &path, sizes, &mut chunks);
                section.clear();
                path.retain(|(l, _)| l < level);
                path.push((*level, text.clone()));
            }
            Block::Paragraph(text) => section.push(text.clone()),
        }
    }
    cut_section(&section, &path, sizes, &mut chunks);
    chunks
}

fn cut_section(
    paragraphs: &[String],
    path: &[(u8, String)],
    sizes: ChunkSizes,
    out: &mut Vec<Chunk>,
) {
    let heading_path: Vec<String> = path.iter().map(|(_, t)| t.clone()).collect();
    let mut pieces: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        if estimate_tokens(paragraph) > sizes.max {
            pieces.extend(split_long(paragraph, sizes.max));
        } else {
            pieces.push(paragraph.clone());
        }
    }
    let mut current: Vec<String> = Vec::new();
    let mut tokens = 0;
    for piece in pieces {
        let size = estimate_tokens(&piece);
        if !current.is_empty() && tokens >= sizes.min.min(sizes.max) && tokens + size > sizes.max {
            let carry = overlap_of(
                current.last().map(String::as_str).unwrap_or(""),
                sizes.overlap,
            );
            push(out, &heading_path, &current);
            current.clear();
            tokens = 0;
            if let Some(carry) = carry {
                tokens += estimate_tokens(&carry);
                current.push(carry);
            }
        }
        tokens += size;
        current.push(piece);
    }
    // A section that is only a heading still says something ("Parking" under "Getting here").
    if current.is_empty() && !heading_path.is_empty() && paragraphs.is_empty() {
        return;
    }
    push(out, &heading_path, &current);
}

fn push(out: &mut Vec<Chunk>, heading_path: &[String], parts: &[String]) {
    let text = parts.join("\n\n");
    if text.trim().is_empty() {
        return;
    }
    out.push(Chunk {
        position: out.len() as u32,
        heading_path: heading_path.to_vec(),
        tokens: estimate_tokens(&text) as u32,
        text,
    });
}

/// The last sentences of `text` that fit in `budget` tokens, if any do.
fn overlap_of(text: &str, budget: usize) -> Option<String> {
    if budget == 0 {
        return None;
    }
    let sentences = sentences(text);
    let mut taken: Vec<&str> = Vec::new();
    let mut tokens = 0;
    for sentence in sentences.iter().rev() {
        let size = estimate_tokens(sentence);
        if tokens + size > budget {
            break;
        }
        tokens += size;
        taken.insert(0, sentence);
    }
    // Repeating the whole previous piece would only duplicate it.
    (!taken.is_empty() && taken.len() < sentences.len()).then(|| taken.join(" "))
}

/// Splits a paragraph that is too long at sentence ends, and a sentence that is still too
/// long at word boundaries.
fn split_long(paragraph: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for sentence in sentences(paragraph) {
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let pieces: Vec<String> = if estimate_tokens(sentence) > max {
            words.chunks(max * 3 / 4).map(|w| w.join(" ")).collect()
        } else {
            vec![sentence.to_string()]
        };
        for piece in pieces {
            if !current.is_empty() && estimate_tokens(&current) + estimate_tokens(&piece) > max {
                out.push(std::mem::take(&mut current));
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(&piece);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Sentences: text up to `.`, `!`, `?` (and `。`) followed by a space or the end.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '!' | '?' | '。');
        let next_is_space = chars.get(i + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if ends && next_is_space {
            let end = at + c.len_utf8();
            let sentence = text[start..end].trim();
            if !sentence.is_empty() {
                out.push(sentence);
            }
            start = end;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(n: usize, word: &str) -> String {
        let mut s = vec![word; n].join(" ");
        s.push('.');
        s
    }

    #[test]
    fn chunks_follow_headings_and_keep_their_path() {
        let doc = Extracted {
            title: None,
            blocks: vec![
                Block::Heading {
                    level: 1,
                    text: "Guide".into(),
                },
                Block::Paragraph("Welcome.".into()),
                Block::Heading {
                    level: 2,
                    text: "Prices".into(),
                },
                Block::Paragraph("Cleaning 80.".into()),
                Block::Heading {
                    level: 3,
                    text: "Children".into(),
                },
                Block::Paragraph("Half price.".into()),
                Block::Heading {
                    level: 2,
                    text: "Hours".into(),
                },
                Block::Paragraph("Mon-Fri 9-18.".into()),
            ],
        };
        let chunks = chunk(&doc, ChunkSizes::default());
        let paths: Vec<(Vec<String>, &str)> = chunks
            .iter()
            .map(|c| (c.heading_path.clone(), c.text.as_str()))
            .collect();
        assert_eq!(
            paths,
            vec![
                (vec!["Guide".to_string()], "Welcome."),
                (vec!["Guide".into(), "Prices".into()], "Cleaning 80."),
                (
                    vec!["Guide".into(), "Prices".into(), "Children".into()],
                    "Half price."
                ),
                (vec!["Guide".into(), "Hours".into()], "Mon-Fri 9-18."),
            ]
        );
        assert_eq!(
            chunks.iter().map(|c| c.position).collect::<Vec<_>>(),
            [0, 1, 2, 3]
        );
    }

    #[test]
    fn long_sections_are_cut_within_bounds_with_overlap() {
        let paragraphs: Vec<Block> = (0..30)
            .map(|i| {
                Block::Paragraph(format!(
                    "{} {}",
                    words(40, "word"),
                    words(5, &format!("end{i}"))
                ))
            })
            .collect();
        let doc = Extracted {
            title: None,
            blocks: paragraphs,
        };
        let sizes = ChunkSizes::default();
        let chunks = chunk(&doc, sizes);
        assert!(chunks.len() >= 4, "{} chunks", chunks.len());
        for (i, c) in chunks.iter().enumerate() {
            assert!(
                c.tokens as usize <= sizes.max + sizes.overlap,
                "chunk {i}: {}",
                c.tokens
            );
            if i + 1 < chunks.len() {
                assert!(c.tokens as usize >= sizes.min, "chunk {i}: {}", c.tokens);
                // The next chunk opens with this one's last sentence.
                let last = sentences(&c.text).last().unwrap().to_string();
                assert!(
                    chunks[i + 1].text.starts_with(&last),
                    "no overlap after chunk {i}"
                );
            }
        }
        // Nothing is lost: every paragraph's marker is in some chunk.
        for i in 0..30 {
            assert!(chunks.iter().any(|c| c.text.contains(&format!("end{i} "))));
        }
    }

    #[test]
    fn one_huge_paragraph_is_cut_at_sentences_then_words() {
        let text = format!("{} {}", words(900, "a"), words(20, "b"));
        let doc = Extracted {
            title: None,
            blocks: vec![Block::Paragraph(text)],
        };
        let chunks = chunk(&doc, ChunkSizes::default());
        assert!(chunks.len() >= 3);
        assert!(
            chunks.iter().all(|c| c.tokens <= 440),
            "{:?}",
            chunks.iter().map(|c| c.tokens).collect::<Vec<_>>()
        );
        let total_b: usize = chunks.iter().map(|c| c.text.matches('b').count()).sum();
        assert!(total_b >= 20);
    }
}
