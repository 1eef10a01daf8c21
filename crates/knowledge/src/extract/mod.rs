//! Turning an uploaded file into headed paragraphs: plain text, Markdown, HTML, PDF, DOCX.
//!
//! Uploaded files are read through [`contained`]: in a child process held by the kernel to
//! limits on memory and CPU, killed at a time limit, behind limits on what a file may
//! unpack to.

#[cfg(any(test, feature = "bombs"))]
pub mod bombs;
pub mod contained;
mod docx;
mod html;
mod markdown;
mod pdf;
mod text;

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// A file format Frontdesk reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text (UTF-8, or Windows-1252 when it is not UTF-8).
    Text,
    /// Markdown.
    Markdown,
    /// HTML.
    Html,
    /// PDF.
    Pdf,
    /// Word (Office Open XML).
    Docx,
}

impl Format {
    /// Every format, for error messages.
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Pdf,
        Format::Docx,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Decides a file's format from its content first (PDF and ZIP signatures), then its
    /// name, then its declared type. `None` when it is none of the five.
    pub fn detect(
        filename: Option<&str>,
        content_type: Option<&str>,
        bytes: &[u8],
    ) -> Option<Format> {
        if bytes.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        let extension = filename
            .and_then(|n| n.rsplit_once('.'))
            .map(|(_, e)| e.to_ascii_lowercase());
        let by_name = match extension.as_deref() {
            Some("txt" | "text") => Some(Format::Text),
            Some("md" | "markdown") => Some(Format::Markdown),
            Some("html" | "htm") => Some(Format::Html),
            Some("pdf") => Some(Format::Pdf),
            Some("docx") => Some(Format::Docx),
            _ => None,
        };
        let mime = content_type
            .and_then(|t| t.split(';').next())
            .map(|t| t.trim().to_ascii_lowercase());
        let by_type = match mime.as_deref() {
            Some("text/plain") => Some(Format::Text),
            Some("text/markdown" | "text/x-markdown") => Some(Format::Markdown),
            Some("text/html" | "application/xhtml+xml") => Some(Format::Html),
            Some("application/pdf") => Some(Format::Pdf),
            Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document") => {
                Some(Format::Docx)
            }
            _ => None,
        };
        if bytes.starts_with(b"PK\x03\x04") {
            // A ZIP is only ever read as DOCX; anything else zipped is refused.
            return (by_name == Some(Format::Docx) || by_type == Some(Format::Docx))
                .then_some(Format::Docx);
        }
        let format = by_name.or(by_type)?;
        // A binary format named by a text file's name would fail later with a worse message.
        matches!(format, Format::Text | Format::Markdown | Format::Html).then_some(format)
    }
}

/// One piece of a document's structure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    /// A heading; level 1 is the outermost.
    Heading {
        /// 1–6.
        level: u8,
        /// Its text.
        text: String,
    },
    /// A paragraph (or list item, table row, code block).
    Paragraph(String),
}

/// A document's text with its structure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extracted {
    /// The title the file gives itself (HTML `<title>`, the first Markdown heading, …).
    pub title: Option<String>,
    /// Headings and paragraphs in reading order.
    pub blocks: Vec<Block>,
}

impl Extracted {
    /// All the text, for language detection.
    pub fn plain_text(&self, max_chars: usize) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            let text = match block {
                Block::Heading { text, .. } | Block::Paragraph(text) => text,
            };
            out.push_str(text);
            out.push('\n');
            if out.len() >= max_chars {
                break;
            }
        }
        out
    }

    /// Characters of text held, to enforce [`Limits::max_text_chars`].
    fn text_len(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } | Block::Paragraph(text) => text.len(),
            })
            .sum()
    }

    /// Adds a paragraph unless it is blank, with its whitespace collapsed.
    pub(crate) fn paragraph(&mut self, raw: &str) {
        let text = collapse_whitespace(raw);
        if !text.is_empty() {
            self.blocks.push(Block::Paragraph(text));
        }
    }

    /// Adds a heading unless it is blank.
    pub(crate) fn heading(&mut self, level: u8, raw: &str) {
        let text = collapse_whitespace(raw);
        if !text.is_empty() {
            self.blocks.push(Block::Heading {
                level: level.clamp(1, 6),
                text,
            });
        }
    }
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn collapse_whitespace(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What one extraction may consume.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Wall-clock time for the parser.
    pub time: Duration,
    /// Bytes a compressed part (DOCX's XML) may unpack to.
    pub max_unpacked_bytes: u64,
    /// Characters of text a document may yield.
    pub max_text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(60),
            max_unpacked_bytes: 64 * 1024 * 1024,
            max_text_chars: 5_000_000,
        }
    }
}

/// Why a file yielded no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExtractError {
    /// The file is not what its format says, or is damaged.
    #[error("the file cannot be read as {format}: {why}")]
    Malformed {
        /// The format it was read as.
        format: String,
        /// The parser's complaint.
        why: String,
    },
    /// The file unpacks to more than the limit (a ZIP bomb, or simply too big).
    #[error("the file unpacks to more than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: u64,
    },
    /// The text is longer than the limit.
    #[error("the document holds more than {limit} characters of text")]
    TooMuchText {
        /// The limit.
        limit: usize,
    },
    /// The file holds no text (a scanned PDF, say).
    #[error("no text found in the file (a scanned PDF needs text recognition first)")]
    Empty,
    /// The parser crashed on it.
    #[error("the reader crashed on this file: {why}")]
    Crashed {
        /// The format it was read as.
        format: String,
        /// The panic's message.
        why: String,
    },
    /// The parser took longer than the limit.
    #[error("reading the file took longer than {seconds} s")]
    TimedOut {
        /// The limit.
        seconds: u64,
    },
    /// Reading the file took more memory than a reader may have.
    #[error(
        "the file needs more memory than allowed to read ({limit_mb} MB); it may be damaged or built to exhaust the server. Save it again as a plain PDF or Word file, or split it"
    )]
    NeedsMoreMemory {
        /// The limit, in MiB.
        limit_mb: u64,
    },
    /// Every reader was busy for as long as a reading may take (try later).
    #[error("every document reader is busy; the file will be read shortly")]
    Busy,
    /// No reader could be started (the server's problem, not the file's).
    #[error("the document reader cannot run: {why}")]
    Unavailable {
        /// What went wrong.
        why: String,
    },
}

impl ExtractError {
    /// Whether the failure is the file's (record it on the document) rather than the
    /// server's at this moment (run the job again later).
    pub fn is_the_file_s(&self) -> bool {
        !matches!(self, ExtractError::Busy | ExtractError::Unavailable { .. })
    }
}

/// Extracts on the calling thread, with no limit on time or memory and no panic guard:
/// uploaded files go through [`contained::Reader`].
pub fn extract_in_place(
    format: Format,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Extracted, ExtractError> {
    let extracted = match format {
        Format::Text => text::extract(bytes),
        Format::Markdown => markdown::extract(&text::decode(bytes)),
        Format::Html => html::extract(&text::decode(bytes)),
        Format::Pdf => pdf::extract(bytes, limits)?,
        Format::Docx => docx::extract(bytes, limits)?,
    };
    if extracted.text_len() > limits.max_text_chars {
        return Err(ExtractError::TooMuchText {
            limit: limits.max_text_chars,
        });
    }
    if extracted.blocks.is_empty() {
        return Err(ExtractError::Empty);
    }
    Ok(extracted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_content_then_name_then_type() {
        assert_eq!(
            Format::detect(Some("x.txt"), None, b"%PDF-1.4"),
            Some(Format::Pdf)
        );
        assert_eq!(
            Format::detect(Some("a.docx"), None, b"PK\x03\x04.."),
            Some(Format::Docx)
        );
        assert_eq!(Format::detect(Some("a.zip"), None, b"PK\x03\x04.."), None);
        assert_eq!(
            Format::detect(Some("notes.MD"), None, b"# Hi"),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::detect(None, Some("text/html; charset=utf-8"), b"<p>x"),
            Some(Format::Html)
        );
        assert_eq!(Format::detect(Some("fake.pdf"), None, b"hello"), None);
        assert_eq!(
            Format::detect(Some("a.exe"), Some("application/octet-stream"), b"MZ"),
            None
        );
    }

    #[test]
    fn empty_text_is_an_error() {
        let err = extract_in_place(Format::Text, b"  \n\n ", &Limits::default()).unwrap_err();
        assert_eq!(err, ExtractError::Empty);
    }

    #[test]
    fn text_beyond_the_limit_is_refused() {
        let limits = Limits {
            max_text_chars: 10,
            ..Limits::default()
        };
        let err = extract_in_place(Format::Text, b"twelve chars!", &limits).unwrap_err();
        assert_eq!(err, ExtractError::TooMuchText { limit: 10 });
    }
}
