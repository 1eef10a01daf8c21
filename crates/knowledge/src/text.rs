//! Text as rules read it: lower case, accents folded (so "amanhã", "amanha" and "AMANHÃ"
//! match alike), split into words. Shared by the question-language detector here and the
//! assistant's rules.

/// Lower case with diacritics removed; Turkish dotless ı and dotted İ become plain i.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            'İ' | 'I' | 'ı' | 'í' | 'Í' | 'ì' | 'î' | 'ï' => 'i',
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'Á' | 'À' | 'Â' | 'Ã' | 'Ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' | 'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ğ' | 'Ğ' => 'g',
            'ş' | 'Ş' => 's',
            'ñ' | 'Ñ' => 'n',
            // Curly apostrophes as Turkish suffixes are written ("15:00’te").
            '’' | '‘' | '`' | '´' => '\'',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out
}

/// The folded words of `text`: letters and digits, with `:` kept inside times ("15:30") and
/// `/` and `.` inside dates ("25/12"); a Turkish suffix after an apostrophe is dropped
/// ("3'te" → "3", "cuma'ya" → "cuma") and English "n't" kept ("can't" → "cant").
pub fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    for raw in folded.split(|c: char| c.is_whitespace() || ",;!?¿¡()\"“”«»-".contains(c)) {
        // English "can't" keeps its negation as "cant"; other apostrophes start a suffix.
        let raw = match raw.split_once('\'') {
            Some((stem, "t")) => format!("{stem}t"),
            Some((stem, _)) => stem.to_string(),
            None => raw.to_string(),
        };
        let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
        if !trimmed.is_empty() {
            out.push(trimmed.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_turkish_letters() {
        assert_eq!(fold("Yarın ÖĞLEDEN sonra"), "yarin ogleden sonra");
        assert_eq!(fold("Próxima sexta às 10h"), "proxima sexta as 10h");
        assert_eq!(fold("İPTAL"), "iptal");
        assert_eq!(fold("mañana"), "manana");
    }

    #[test]
    fn splits_words_keeping_times_and_dates() {
        assert_eq!(
            words("Yarın saat 15:00'te, olur mu?"),
            ["yarin", "saat", "15:00", "olur", "mu"]
        );
        assert_eq!(
            words("el 25/12 a las 10."),
            ["el", "25/12", "a", "las", "10"]
        );
        assert_eq!(words("I can't breathe"), ["i", "cant", "breathe"]);
    }
}
