//! Plain text: paragraphs are separated by blank lines.

use super::Extracted;

/// Decodes UTF-8 (dropping a byte-order mark); a file that is not UTF-8 is read as
/// Windows-1252, which is what office software elsewhere writes.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// Splits text into paragraphs at blank lines.
pub(crate) fn paragraphs(text: &str, into: &mut Extracted) {
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            into.paragraph(&current);
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    into.paragraph(&current);
}

pub(super) fn extract(bytes: &[u8]) -> Extracted {
    let mut out = Extracted::default();
    paragraphs(&decode(bytes), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Block;

    #[test]
    fn splits_at_blank_lines_and_reads_latin1() {
        let out = extract(b"Hours\nMon-Fri\n\n\nPre\xe7o: 50\x80");
        assert_eq!(
            out.blocks,
            vec![
                Block::Paragraph("Hours Mon-Fri".into()),
                Block::Paragraph("Preço: 50€".into())
            ]
        );
    }
}
