//! Which of our languages a text is written in.

use frontdesk_domain::Language;
use whatlang::{Detector, Lang};

/// The language of `text` among those Frontdesk speaks, when the text says enough to tell.
pub fn detect(text: &str) -> Option<Language> {
    let detector = Detector::with_allowlist(vec![Lang::Eng, Lang::Tur, Lang::Por, Lang::Spa]);
    let sample: String = text.chars().take(4000).collect();
    let info = detector.detect(&sample)?;
    if sample.split_whitespace().count() < 3 || info.confidence() < 0.2 {
        return None;
    }
    Some(match info.lang() {
        Lang::Tur => Language::Tr,
        Lang::Por => Language::Pt,
        Lang::Spa => Language::Es,
        _ => Language::En,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_our_four_languages_apart() {
        let cases = [
            (
                "Our clinic is open from Monday to Friday, and we accept most insurance plans.",
                Language::En,
            ),
            (
                "Kliniğimiz pazartesiden cumaya açıktır ve çoğu sigorta planını kabul ediyoruz.",
                Language::Tr,
            ),
            (
                "Nossa clínica funciona de segunda a sexta e aceitamos a maioria dos convênios.",
                Language::Pt,
            ),
            (
                "Nuestra clínica abre de lunes a viernes y aceptamos la mayoría de los seguros.",
                Language::Es,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), Some(expected), "{text}");
        }
        assert_eq!(detect("ok"), None);
    }
}
