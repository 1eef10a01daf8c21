//! Markdown: ATX (`# …`) and setext headings, paragraphs, list items, fenced code; inline
//! markup is reduced to its text.

use super::Extracted;

pub(super) fn extract(source: &str) -> Extracted {
    let mut out = Extracted::default();
    let mut paragraph = String::new();
    let mut in_fence = false;
    let lines: Vec<&str> = source.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        i += 1;
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            if !in_fence {
                out.paragraph(&paragraph);
                paragraph.clear();
            }
            continue;
        }
        if in_fence {
            paragraph.push_str(line);
            paragraph.push('\n');
            continue;
        }
        if let Some(level) = atx_level(trimmed) {
            out.paragraph(&inline(&paragraph));
            paragraph.clear();
            let text = trimmed[level as usize..].trim().trim_end_matches('#');
            if out.title.is_none() {
                out.title = Some(inline(text).trim().to_string());
            }
            out.heading(level, &inline(text));
            continue;
        }
        let underline = lines.get(i).map(|l| l.trim());
        let setext = match underline {
            Some(u) if !u.is_empty() && u.chars().all(|c| c == '=') => Some(1),
            Some(u) if u.len() >= 2 && u.chars().all(|c| c == '-') => Some(2),
            _ => None,
        };
        if let (Some(level), false, true) = (setext, trimmed.is_empty(), paragraph.is_empty()) {
            i += 1;
            if out.title.is_none() {
                out.title = Some(inline(trimmed));
            }
            out.heading(level, &inline(trimmed));
            continue;
        }
        let list_item = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed.starts_with("+ ")
            || ordered_item(trimmed);
        if trimmed.is_empty() || list_item {
            out.paragraph(&inline(&paragraph));
            paragraph.clear();
        }
        if !trimmed.is_empty() {
            let mut content = trimmed.trim_start_matches(['>', ' ']);
            if list_item {
                content = content.split_once(' ').map_or(content, |(_, rest)| rest);
            }
            paragraph.push_str(content);
            paragraph.push('\n');
        }
    }
    out.paragraph(&inline(&paragraph));
    out
}

fn atx_level(line: &str) -> Option<u8> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && (rest.is_empty() || rest.starts_with(' ')))
        .then_some(hashes as u8)
}

fn ordered_item(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && line[digits..].starts_with(". ")
}

/// Links become their text; emphasis and code marks are dropped.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|end| (mid, mid + end)))
        {
            Some((mid, end)) => {
                out.push_str(&after[..mid]);
                rest = &after[end + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Block;

    #[test]
    fn reads_headings_lists_and_links() {
        let out = extract(
            "# Clinic guide\n\nWelcome to **Sorriso**.\n\nPrices\n------\n- Cleaning: [see](http://x) 80\n- Whitening 300\n\n```\ncode here\n```\n## Hours\nMon–Fri",
        );
        assert_eq!(out.title.as_deref(), Some("Clinic guide"));
        assert_eq!(
            out.blocks,
            vec![
                Block::Heading {
                    level: 1,
                    text: "Clinic guide".into()
                },
                Block::Paragraph("Welcome to Sorriso.".into()),
                Block::Heading {
                    level: 2,
                    text: "Prices".into()
                },
                Block::Paragraph("Cleaning: see 80".into()),
                Block::Paragraph("Whitening 300".into()),
                Block::Paragraph("code here".into()),
                Block::Heading {
                    level: 2,
                    text: "Hours".into()
                },
                Block::Paragraph("Mon–Fri".into()),
            ]
        );
    }
}
