//! Hostile files of each format, generated, for the tests and the benchmark that hold the
//! extraction's limits (nothing here is used by the server itself).

use std::io::Write;

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    encoder.write_all(data).expect("in-memory write");
    encoder.finish().expect("in-memory write")
}

/// A one-page PDF whose page content is `content`, Flate-compressed, with Helvetica as F1.
pub fn pdf_with_content(content: &[u8]) -> Vec<u8> {
    let stream = deflate(content);
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R \
           /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_vec(),
    ];
    let mut content_object = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        stream.len()
    )
    .into_bytes();
    content_object.extend_from_slice(&stream);
    content_object.extend_from_slice(b"\nendstream");
    objects.push(content_object);
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

/// A PDF whose one stream inflates to `bytes` zeros.
pub fn pdf_of_zeros(bytes: usize) -> Vec<u8> {
    pdf_with_content(&vec![0u8; bytes])
}

/// A PDF whose page is `bytes` of text-showing operators: small compressed, a great deal of
/// work and memory for a text extractor.
pub fn pdf_of_text_operators(bytes: usize) -> Vec<u8> {
    let op = b"BT /F1 9 Tf 20 700 Td (Cleaning and whitening appointments) Tj ET\n";
    let mut content = Vec::with_capacity(bytes + op.len());
    while content.len() < bytes {
        content.extend_from_slice(op);
    }
    pdf_with_content(&content)
}

/// A one-page PDF saying `text`, for the ordinary case.
pub fn pdf_saying(text: &str) -> Vec<u8> {
    pdf_with_content(format!("BT /F1 12 Tf 72 700 Td ({text}) Tj ET\n").as_bytes())
}

/// A Word file whose `word/document.xml` unpacks to about `bytes` of paragraphs.
pub fn docx_of_size(bytes: usize) -> Vec<u8> {
    let paragraph = "<w:p><w:r><w:t>Opening hours are nine to five.</w:t></w:r></w:p>";
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    while xml.len() < bytes {
        xml.push_str(paragraph);
    }
    xml.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    // Writing to an in-memory archive cannot fail.
    zip.start_file("word/document.xml", options)
        .expect("in-memory zip");
    zip.write_all(xml.as_bytes()).expect("in-memory zip");
    zip.finish().expect("in-memory zip").into_inner()
}

/// Markdown of `depth` nested brackets (and a line of text so it is not empty).
pub fn markdown_nested(depth: usize) -> Vec<u8> {
    let mut md = "[".repeat(depth);
    md.push_str("x\n");
    md.into_bytes()
}

/// HTML of `depth` nested elements.
pub fn html_nested(depth: usize) -> Vec<u8> {
    let mut html = "<div><b>".repeat(depth / 2);
    html.push_str("deep");
    html.into_bytes()
}
