//! DOCX: `word/document.xml`'s paragraphs, with Word's heading styles as headings. The
//! archive is opened with limits: entry count, and the XML's unpacked size counted as it is
//! read (a ZIP's declared sizes can lie).

use std::io::Read;

use quick_xml::events::Event;

use super::{ExtractError, Extracted, Limits};

const MAX_ENTRIES: usize = 10_000;

fn malformed(why: impl ToString) -> ExtractError {
    ExtractError::Malformed {
        format: "DOCX".into(),
        why: why.to_string(),
    }
}

pub(super) fn extract(bytes: &[u8], limits: &Limits) -> Result<Extracted, ExtractError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(malformed)?;
    if archive.len() > MAX_ENTRIES {
        return Err(malformed(format!("more than {MAX_ENTRIES} parts")));
    }
    let entry = archive
        .by_name("word/document.xml")
        .map_err(|_| malformed("no word/document.xml: not a Word document"))?;
    let limit = limits.max_unpacked_bytes;
    if entry.size() > limit {
        return Err(ExtractError::TooLarge { limit });
    }
    let mut xml = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut xml)
        .map_err(malformed)?;
    if xml.len() as u64 > limit {
        return Err(ExtractError::TooLarge { limit });
    }
    paragraphs(&xml)
}

/// Reads `w:p` paragraphs: text from `w:t`, tabs and breaks as spaces, the level from a
/// `HeadingN` or `Title` paragraph style.
fn paragraphs(xml: &[u8]) -> Result<Extracted, ExtractError> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Extracted::default();
    let mut text = String::new();
    let mut level: Option<u8> = None;
    let mut in_text = false;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(malformed)? {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "w:pStyle" => {
                for attr in e.attributes().flatten() {
                    if attr.key.as_ref() == "w:val" {
                        level = heading_level(&attr.value);
                    }
                }
            }
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Empty(e) if matches!(e.name().as_ref(), "w:tab" | "w:br") => text.push(' '),
            Event::Text(t) if in_text => {
                text.push_str(&unescape(t.as_ref()));
            }
            Event::GeneralRef(r) if in_text => {
                let name: &str = r.as_ref();
                text.push_str(&unescape(&format!("&{name};")));
            }
            Event::End(e) if e.name().as_ref() == "w:p" => {
                match level.take() {
                    Some(level) => {
                        if out.title.is_none() && level == 1 {
                            out.title = Some(super::collapse_whitespace(&text));
                        }
                        out.heading(level, &text)
                    }
                    None => out.paragraph(&text),
                }
                text.clear();
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

fn unescape(raw: &str) -> String {
    quick_xml::escape::unescape(raw).map_or_else(|_| raw.to_string(), |c| c.into_owned())
}

fn heading_level(style: &str) -> Option<u8> {
    if style.eq_ignore_ascii_case("title") {
        return Some(1);
    }
    let digits = style
        .strip_prefix("Heading")
        .or_else(|| style.strip_prefix("heading"))?;
    digits.parse::<u8>().ok().map(|l| l.clamp(1, 6))
}

#[cfg(test)]
pub(crate) mod tests {
    use std::io::Write;

    use super::*;
    use crate::extract::Block;

    /// A minimal Word file whose document body is `body` (paragraph XML).
    pub(crate) fn docx(body: &str) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_headings_and_paragraphs() {
        let bytes = docx(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Fiyatlar</w:t></w:r></w:p>
               <w:p><w:r><w:t xml:space="preserve">Diş temizliği </w:t></w:r><w:r><w:t>800 TL &amp; KDV</w:t></w:r></w:p>"#,
        );
        let out = extract(&bytes, &Limits::default()).unwrap();
        assert_eq!(out.title.as_deref(), Some("Fiyatlar"));
        assert_eq!(
            out.blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Fiyatlar".into()
                },
                Block::Paragraph("Diş temizliği 800 TL & KDV".into()),
            ]
        );
    }

    #[test]
    fn a_zip_bomb_is_refused_by_what_it_unpacks_to() {
        let filler =
            "<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>".repeat(40_000);
        let bytes = docx(&filler);
        assert!(bytes.len() < 100_000, "compressed to {} bytes", bytes.len());
        let limits = Limits {
            max_unpacked_bytes: 1_000_000,
            ..Limits::default()
        };
        assert_eq!(
            extract(&bytes, &limits).unwrap_err(),
            ExtractError::TooLarge { limit: 1_000_000 }
        );
    }

    #[test]
    fn a_zip_that_is_not_word_is_named() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = extract(&bytes, &Limits::default()).unwrap_err();
        assert!(err.to_string().contains("not a Word document"), "{err}");
        let err = extract(b"PK\x03\x04garbage", &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::Malformed { .. }), "{err}");
    }
}
