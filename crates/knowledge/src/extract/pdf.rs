//! PDF: the text layer, through `pdf-extract`; paragraphs where the text has blank lines.

use super::{ExtractError, Extracted};

pub(super) fn extract(bytes: &[u8]) -> Result<Extracted, ExtractError> {
    let text = pdf_extract::extract_text_from_mem(bytes).map_err(|e| ExtractError::Malformed {
        format: "PDF",
        why: e.to_string(),
    })?;
    let mut out = Extracted::default();
    super::text::paragraphs(&text.replace('\u{c}', "\n\n"), &mut out);
    Ok(out)
}
