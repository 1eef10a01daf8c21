//! Real files through the readers: a PDF and a Word file written the way office
//! software writes them, and hostile ones that must fail the file, never the caller.

use frontdesk_domain::Language;
use frontdesk_knowledge::chunking::{ChunkSizes, chunk};
use frontdesk_knowledge::extract::{Block, ExtractError, Format, Limits, extract_in_place};
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
    let out = extract_in_place(Format::Pdf, &bytes, &Limits::default()).unwrap();
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
    let out = extract_in_place(Format::Docx, &bytes, &Limits::default()).unwrap();
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
    let err = extract_in_place(Format::Docx, &bomb, &Limits::default()).unwrap_err();
    assert!(matches!(err, ExtractError::TooLarge { .. }), "{err}");

    let err = guarded(Format::Pdf, &fixture("broken.pdf")).unwrap_err();
    assert!(
        matches!(
            err,
            ExtractError::Malformed { .. } | ExtractError::Crashed { .. }
        ),
        "{err}"
    );
    let mut truncated = fixture("clinic-guide.pdf");
    truncated.truncate(truncated.len() / 2);
    assert!(guarded(Format::Pdf, &truncated).is_err());
}

/// Reads in place with a panic counted as a crash, as the contained reader's child does.
fn guarded(
    format: Format,
    bytes: &[u8],
) -> Result<frontdesk_knowledge::extract::Extracted, ExtractError> {
    std::panic::catch_unwind(|| extract_in_place(format, bytes, &Limits::default())).unwrap_or_else(
        |_| {
            Err(ExtractError::Crashed {
                format: format.as_str().into(),
                why: "panic".into(),
            })
        },
    )
}
