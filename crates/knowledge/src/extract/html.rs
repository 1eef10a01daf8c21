//! HTML: headings, block elements as paragraph breaks, `<title>`, entities; scripts, styles
//! and comments dropped. A forgiving scanner, not a validator: clinics paste whatever their
//! website builder wrote.

use super::Extracted;

pub(super) fn extract(source: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut text = String::new();
    let mut heading: Option<u8> = None;
    let mut in_title = false;
    let mut title = String::new();
    let mut rest = source;
    while let Some(open) = rest.find('<') {
        let before = &rest[..open];
        if in_title {
            title.push_str(before);
        } else {
            text.push_str(before);
        }
        rest = &rest[open..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            text.push_str(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..close];
        rest = &rest[close + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "script" | "style" | "noscript" | "template" if !closing => {
                let end = format!("</{name}");
                rest = find_ignoring_case(rest, &end).map_or("", |at| {
                    rest[at..].find('>').map_or("", |gt| &rest[at + gt + 1..])
                });
            }
            "title" => {
                in_title = !closing;
                if closing && out.title.is_none() {
                    let t = super::collapse_whitespace(&decode_entities(&title));
                    out.title = (!t.is_empty()).then_some(t);
                }
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                if closing {
                    out.heading(heading.unwrap_or(level), &decode_entities(&text));
                    heading = None;
                } else {
                    out.paragraph(&decode_entities(&text));
                    heading = Some(level);
                }
                text.clear();
            }
            "p" | "div" | "li" | "br" | "tr" | "section" | "article" | "ul" | "ol" | "table"
            | "blockquote" | "pre" | "dt" | "dd" | "header" | "footer" | "main" | "nav"
            | "aside" | "hr" | "body" | "form" | "figure" | "figcaption"
                if heading.is_none() =>
            {
                out.paragraph(&decode_entities(&text));
                text.clear();
            }
            "td" | "th" => text.push(' '),
            _ => {}
        }
    }
    text.push_str(rest);
    match heading {
        Some(level) => out.heading(level, &decode_entities(&text)),
        None => out.paragraph(&decode_entities(&text)),
    }
    out
}

fn find_ignoring_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .to_ascii_lowercase()
        .find(&needle.to_ascii_lowercase())
}

/// Decodes numeric entities and the named ones clinic pages in our languages use.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|end| entity(&rest[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "ccedil" => 'ç',
        "Ccedil" => 'Ç',
        "atilde" => 'ã',
        "otilde" => 'õ',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "acirc" => 'â',
        "ecirc" => 'ê',
        "ocirc" => 'ô',
        "agrave" => 'à',
        "ntilde" => 'ñ',
        "Ntilde" => 'Ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "iquest" => '¿',
        "iexcl" => '¡',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Block;

    #[test]
    fn keeps_structure_and_drops_scripts() {
        let out = extract(
            "<html><head><title>Cl&iacute;nica Sol</title><style>p{}</style></head><body>\
             <script>alert('<p>no</p>')</script><h1>Pre&ccedil;os</h1><p>Limpeza: R$&nbsp;80</p>\
             <!-- <p>hidden</p> --><ul><li>Clareamento</li><li>Canal &#8211; 900</li></ul>\
             <H2 class=x>Hor&aacute;rios</H2>Seg a Sex<br>8h&ndash;18h</body></html>",
        );
        assert_eq!(out.title.as_deref(), Some("Clínica Sol"));
        assert_eq!(
            out.blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Preços".into()
                },
                Block::Paragraph("Limpeza: R$ 80".into()),
                Block::Paragraph("Clareamento".into()),
                Block::Paragraph("Canal – 900".into()),
                Block::Heading {
                    level: 2,
                    text: "Horários".into()
                },
                Block::Paragraph("Seg a Sex".into()),
                Block::Paragraph("8h–18h".into()),
            ]
        );
    }

    #[test]
    fn survives_broken_markup() {
        let out = extract("<p>open <b>tag & stray <");
        assert_eq!(
            out.blocks,
            vec![Block::Paragraph("open tag & stray <".into())]
        );
    }
}
