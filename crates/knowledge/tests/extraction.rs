//! Real files through the isolated extractor: a PDF and a Word file written the way office
//! software writes them, and hostile ones that must fail the file, never the caller.

use frontdesk_domain::Language;
use frontdesk_knowledge::chunking::{ChunkSizes, chunk};
use frontdesk_knowledge::extract::{Block, ExtractError, Format, Limits, isolated};
use frontdesk_knowledge::language;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn a_pdf_yields_its_text_and_language() {
    let bytes = fixture("clinic-guide.pdf");
    assert_eq!(
        Format::detect(Some("guide.pdf"), None, &bytes),
        Some(Format::Pdf)
    );
    let out = isolated::extract(Format::Pdf, bytes, Limits::default()).unwrap();
    let text = out.plain_text(10_000);
    assert!(
        text.contains("Monday to Friday from 9 am to 7 pm"),
        "{text}"
    );
    assert!(text.contains("555 0100"), "the second page too: {text}");
    assert_eq!(language::detect(&text), Some(Language::En));
    assert!(!chunk(&out, ChunkSizes::default()).is_empty());
}

#[test]
fn a_word_file_keeps_its_headings() {
    let bytes = fixture("guia-clinica.docx");
    assert_eq!(
        Format::detect(Some("guia.docx"), None, &bytes),
        Some(Format::Docx)
    );
    let out = isolated::extract(Format::Docx, bytes, Limits::default()).unwrap();
    assert_eq!(out.title.as_deref(), Some("Guia do Paciente"));
    assert!(out.blocks.contains(&Block::Heading {
        level: 2,
        text: "Convênios".into()
    }));
    let chunks = chunk(&out, ChunkSizes::default());
    assert_eq!(chunks.len(), 2);
    assert_eq!(
        chunks[1].heading_path,
        ["Guia do Paciente", "Estacionamento"]
    );
    assert_eq!(
        language::detect(&out.plain_text(10_000)),
        Some(Language::Pt)
    );
}

#[test]
fn hostile_files_fail_with_a_reason() {
    let bomb = fixture("bomb.docx");
    assert!(bomb.len() < 400_000);
    let err = isolated::extract(Format::Docx, bomb, Limits::default()).unwrap_err();
    assert!(matches!(err, ExtractError::TooLarge { .. }), "{err}");

    let err = isolated::extract(Format::Pdf, fixture("broken.pdf"), Limits::default()).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::Malformed { .. } | ExtractError::Crashed { .. }
        ),
        "{err}"
    );
    let mut truncated = fixture("clinic-guide.pdf");
    truncated.truncate(truncated.len() / 2);
    assert!(isolated::extract(Format::Pdf, truncated, Limits::default()).is_err());
}
