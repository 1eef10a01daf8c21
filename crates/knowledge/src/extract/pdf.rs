//! PDF: the text layer, through `pdf-extract`; paragraphs where the text has blank lines.
//!
//! Before any text is read, every Flate stream is inflated into a counter (nothing kept), so
//! a file whose streams unpack to more than [`Limits::max_unpacked_bytes`] is refused
//! before `pdf-extract` inflates them for real. Other filters (LZW, …) and object streams,
//! which the loader unpacks itself, are left to the child process's memory limit.

use std::io::Read;

use pdf_extract::{Document, Object};

use super::{ExtractError, Extracted, Limits};

fn malformed(why: impl ToString) -> ExtractError {
    ExtractError::Malformed {
        format: "PDF".into(),
        why: why.to_string(),
    }
}

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut doc = Document::load_mem(bytes).map_err(malformed)?;
    if doc.is_encrypted() {
        // Files "protected" with an empty user password open without one, as in a viewer.
        doc.decrypt("")
            .map_err(|_| malformed("the file is password-protected"))?;
    }
    check_unpacked(&doc, limits.max_unpacked_bytes)?;
    let mut text = String::new();
    {
        let mut output = pdf_extract::PlainTextOutput::new(&mut text);
        pdf_extract::output_doc(&doc, &mut output).map_err(malformed)?;
    }
    let mut out = Extracted::default();
    super::text::paragraphs(&text.replace('\u{c}', "\n\n"), &mut out);
    Ok(out)
}

/// Refuses the file when its Flate streams together inflate to more than `limit` bytes.
fn check_unpacked(doc: &Document, limit: u64) -> Result<(), ExtractError> {
    let mut total: u64 = 0;
    for object in doc.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        let flate_first = stream
            .filters()
            .ok()
            .and_then(|f| f.first().copied())
            .is_some_and(|f| f == b"FlateDecode" || f == b"Fl");
        if !flate_first {
            total += stream.content.len() as u64;
        } else {
            total += inflated_len(&stream.content, limit.saturating_sub(total) + 1);
        }
        if total > limit {
            return Err(ExtractError::TooLarge { limit });
        }
    }
    Ok(())
}

/// Bytes `data` inflates to, counted up to `budget`; a damaged stream counts for what
/// inflated before the damage.
fn inflated_len(data: &[u8], budget: u64) -> u64 {
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(budget);
    let mut buf = [0u8; 16 * 1024];
    let mut n = 0;
    loop {
        match decoder.read(&mut buf) {
            Ok(0) | Err(_) => return n,
            Ok(k) => n += k as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_that_inflate_past_the_limit_are_refused_before_reading() {
        let bomb = crate::extract::bombs::pdf_of_zeros(8 * 1024 * 1024);
        assert!(bomb.len() < 64 * 1024, "{} bytes", bomb.len());
        let limits = Limits {
            max_unpacked_bytes: 1024 * 1024,
            ..Limits::default()
        };
        assert_eq!(
            extract(&bomb, &limits).unwrap_err(),
            ExtractError::TooLarge { limit: 1024 * 1024 }
        );
    }
}
