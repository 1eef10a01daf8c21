//! Text as the rules read it: lower case, accents folded (so "amanhã", "amanha" and
//! "AMANHÃ" match alike), split into words.

pub use frontdesk_knowledge::text::{fold, words};

/// Whether `words` holds `phrase` (folded words, space-separated) as consecutive words.
pub fn has_phrase(words: &[String], phrase: &str) -> bool {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    if wanted.is_empty() || wanted.len() > words.len() {
        return false;
    }
    words
        .windows(wanted.len())
        .any(|w| w.iter().zip(&wanted).all(|(a, b)| a == b))
}

/// Whether any of `phrases` occurs in `words`.
pub fn has_any(words: &[String], phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has_phrase(words, p))
}

/// Whether a word starts with any of `stems` (Turkish adds suffixes: "randevumu",
/// "iptal etmek istiyorum").
pub fn has_stem(words: &[String], stems: &[&str]) -> bool {
    words.iter().any(|w| stems.iter().any(|s| w.starts_with(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_and_stems_match_whole_words() {
        assert!(has_phrase(&words("Can I talk to a human?"), "talk to"));
        assert!(!has_phrase(&words("talking"), "talk"));
        assert!(has_stem(&words("randevumu iptal"), &["randevu"]));
    }
}
