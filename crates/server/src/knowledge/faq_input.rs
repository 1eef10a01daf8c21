//! FAQs as clients send them: one as JSON, or many from a CSV or JSON import, each checked
//! with errors that name the row and field.

use frontdesk_domain::Language;
use frontdesk_domain::validation::{Checker, Invalid};
use frontdesk_store::NewFaq;
use serde::Deserialize;

/// Longest question.
pub const MAX_QUESTION: usize = 1_000;
/// Longest answer.
pub const MAX_ANSWER: usize = 10_000;
/// Most FAQs in one import.
pub const MAX_IMPORT: usize = 5_000;

/// An FAQ as sent.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqInput {
    /// en, tr, pt or es.
    #[schema(pattern = "LANGUAGE")]
    pub language: String,
    /// The question, as a patient would ask it.
    #[schema(max_length = 1000, pattern = "NOT_BLANK")]
    pub question: String,
    /// The answer.
    #[schema(max_length = 10000, pattern = "NOT_BLANK")]
    pub answer: String,
}

/// Checks one FAQ; `at` prefixes field names (e.g. `faqs[3].`).
pub fn checked(input: &FaqInput, at: &str) -> Result<NewFaq, Invalid> {
    let mut checker = Checker::default();
    let language = checker.check(Language::parse(&format!("{at}language"), &input.language));
    let question = input.question.trim();
    let answer = input.answer.trim();
    // Lengths counted as sent, as the document's maxLength counts them.
    if question.is_empty() || input.question.chars().count() > MAX_QUESTION {
        checker.push(
            format!("{at}question"),
            format!("write a question of 1 to {MAX_QUESTION} characters"),
        );
    }
    if answer.is_empty() || input.answer.chars().count() > MAX_ANSWER {
        checker.push(
            format!("{at}answer"),
            format!("write an answer of 1 to {MAX_ANSWER} characters"),
        );
    }
    checker.finish()?;
    Ok(NewFaq {
        // The checker passed, so the language parsed.
        language: language.map(|l| l.code().to_string()).unwrap_or_default(),
        question: question.to_string(),
        answer: answer.to_string(),
    })
}

/// Reads an import: a JSON array of FAQs (or `{"faqs": [...]}`), or CSV with a header row
/// naming `language`, `question` and `answer` in any order.
pub fn parse_import(content_type: Option<&str>, body: &[u8]) -> Result<Vec<NewFaq>, Invalid> {
    let is_csv =
        content_type.is_some_and(|t| t.starts_with("text/csv") || t.starts_with("application/csv"));
    let inputs = if is_csv {
        from_csv(body)?
    } else {
        from_json(body)?
    };
    if inputs.is_empty() {
        return Err(Invalid::field("faqs", "the import holds no FAQs"));
    }
    if inputs.len() > MAX_IMPORT {
        return Err(Invalid::field(
            "faqs",
            format!("import at most {MAX_IMPORT} FAQs at a time"),
        ));
    }
    let mut checker = Checker::default();
    let out: Vec<Option<NewFaq>> = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| checker.check(checked(input, &format!("faqs[{i}]."))))
        .collect();
    checker.finish()?;
    Ok(out.into_iter().flatten().collect())
}

fn from_json(body: &[u8]) -> Result<Vec<FaqInput>, Invalid> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Import {
        List(Vec<FaqInput>),
        Wrapped { faqs: Vec<FaqInput> },
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, Import>(&mut de) {
        Ok(Import::List(l)) | Ok(Import::Wrapped { faqs: l }) => Ok(l),
        Err(e) => Err(Invalid::field(
            "body",
            format!(
                "send a JSON array of {{language, question, answer}} (or CSV with Content-Type: text/csv): {}",
                e.inner()
            ),
        )),
    }
}

fn from_csv(body: &[u8]) -> Result<Vec<FaqInput>, Invalid> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(body);
    let headers = reader
        .headers()
        .map_err(|e| Invalid::field("body", format!("unreadable CSV header: {e}")))?
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect::<Vec<_>>();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let (Some(language), Some(question), Some(answer)) =
        (column("language"), column("question"), column("answer"))
    else {
        return Err(Invalid::field(
            "body",
            format!(
                "the CSV header must name language, question and answer (found {})",
                headers.join(", ")
            ),
        ));
    };
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Invalid::field(format!("faqs[{i}]"), format!("unreadable CSV row: {e}"))
        })?;
        let get = |c: usize| record.get(c).unwrap_or_default().to_string();
        out.push(FaqInput {
            language: get(language),
            question: get(question),
            answer: get(answer),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_commas_and_newlines() {
        let csv = "\u{feff}Question,Answer,Language\n\"Do you open on Saturday?\",\"Yes, 9–13.\nClosed Sundays.\",en\nEstacionamento?,\"Sim, \"\"grátis\"\"\",pt-BR\n";
        let faqs = parse_import(Some("text/csv"), csv.as_bytes()).unwrap();
        assert_eq!(faqs.len(), 2);
        assert_eq!(faqs[0].answer, "Yes, 9–13.\nClosed Sundays.");
        assert_eq!(faqs[1].language, "pt");
        assert_eq!(faqs[1].answer, "Sim, \"grátis\"");
    }

    #[test]
    fn errors_name_the_row_and_field() {
        let json = br#"[{"language":"en","question":"Q","answer":"A"},{"language":"de","question":" ","answer":"A"}]"#;
        let err = parse_import(Some("application/json"), json).unwrap_err();
        let text = format!("{err:?}");
        assert!(
            text.contains("faqs[1].language") && text.contains("faqs[1].question"),
            "{text}"
        );
        let err = parse_import(Some("text/csv"), b"q,a\nx,y\n").unwrap_err();
        assert!(format!("{err:?}").contains("must name language, question and answer"));
        assert!(parse_import(None, b"[]").is_err());
        assert_eq!(
            parse_import(
                None,
                br#"{"faqs":[{"language":"tr","question":"S","answer":"C"}]}"#
            )
            .unwrap()
            .len(),
            1
        );
    }
}
