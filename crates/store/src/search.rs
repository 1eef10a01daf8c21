//! Text search that ignores case and accents the same way on both stores.
//!
//! SQLite's `lower()` and `LIKE` fold only ASCII letters, so "ş" never found "Ş" there, and
//! a receptionist who types "sukru" (Turkish and Portuguese are often typed without their
//! letters) should find "Şükrü" on either store. Neither store has a folding function we can
//! rely on without extensions, but both match character classes: SQLite's `GLOB` and
//! PostgreSQL's `~` each take `[sSşŞ]`. So the search text becomes a pattern in which every
//! letter is the class of all its forms, and the columns are compared as they are stored.

/// Letters that stand for each other in a search: a base letter, then its accented forms in
/// the clinic languages (English, Turkish, Portuguese, Spanish) and their neighbours, in
/// both cases. Turkish dotless ı and dotted İ count as i.
const LETTER_FORMS: &[&str] = &[
    "aAáÁàÀâÂãÃäÄåÅ",
    "cCçÇ",
    "eEéÉèÈêÊëË",
    "gGğĞ",
    "iIıİíÍìÌîÎïÏ",
    "nNñÑ",
    "oOóÓòÒôÔõÕöÖ",
    "sSşŞ",
    "uUúÚùÙûÛüÜ",
    "yYýÝÿŸ",
];

/// What one typed character matches.
#[derive(Debug, PartialEq, Eq)]
enum Piece {
    /// Any of these characters (a letter's cases and accented forms).
    AnyOf(String),
    /// Exactly this character.
    Exactly(char),
    /// Anything, or nothing: typed words are found in order with whatever lies between them
    /// ("ana silva" finds "Ana Maria Silva").
    Gap,
}

fn pieces(text: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for c in text.trim().chars() {
        if c.is_whitespace() {
            if out.last() != Some(&Piece::Gap) {
                out.push(Piece::Gap);
            }
            continue;
        }
        out.push(piece(c));
    }
    out
}

fn piece(c: char) -> Piece {
    if let Some(forms) = LETTER_FORMS.iter().find(|forms| forms.contains(c)) {
        return Piece::AnyOf((*forms).to_string());
    }
    let mut forms: String = c.to_lowercase().collect();
    forms.extend(c.to_uppercase());
    // A letter with one form each way (not "ß" → "SS", which a class cannot hold).
    if forms.chars().count() == 2 && forms.chars().any(|f| f != c) {
        Piece::AnyOf(forms)
    } else {
        Piece::Exactly(c)
    }
}

/// A character class of `chars` (the same bracket syntax in GLOB and in regular expressions).
fn push_class(out: &mut String, chars: &str) {
    out.push('[');
    out.push_str(chars);
    out.push(']');
}

/// A SQLite `GLOB` pattern matching `text` anywhere, whatever its case and accents.
pub(crate) fn glob_pattern(text: &str) -> String {
    let mut out = String::from("*");
    for piece in pieces(text) {
        match piece {
            Piece::AnyOf(forms) => push_class(&mut out, &forms),
            // GLOB's own marks stand for themselves inside a class.
            Piece::Exactly(c @ ('*' | '?' | '[')) => {
                push_class(&mut out, c.encode_utf8(&mut [0; 4]))
            }
            Piece::Exactly(c) => out.push(c),
            Piece::Gap => out.push('*'),
        }
    }
    out.push('*');
    out
}

/// A PostgreSQL regular expression (for `~`) matching `text` anywhere, whatever its case and
/// accents.
pub(crate) fn regex_pattern(text: &str) -> String {
    let mut out = String::new();
    for piece in pieces(text) {
        match piece {
            Piece::AnyOf(forms) => push_class(&mut out, &forms),
            Piece::Exactly(c) if c.is_ascii_punctuation() => {
                out.push('\\');
                out.push(c);
            }
            Piece::Exactly(c) => out.push(c),
            Piece::Gap => out.push_str(".*"),
        }
    }
    out
}

/// The digits of a search that looks like a phone number (digits with `+`, spaces, dashes,
/// dots or brackets, at least three of them), to find it in stored E.164 numbers.
pub(crate) fn phone_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
    (phone_like && digits.len() >= 3).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// Whether SQLite's GLOB finds `query` in `stored`.
    fn sqlite_finds(query: &str, stored: &str) -> bool {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        conn.query_row("SELECT ?1 GLOB ?2", [stored, &glob_pattern(query)], |r| {
            r.get(0)
        })
        .expect("GLOB runs")
    }

    #[test]
    fn case_and_accents_do_not_matter_in_the_four_languages() {
        for (query, stored) in [
            ("ş", "ŞÜKRÜ"),
            ("şükrü", "Şükrü Işık"),
            ("SUKRU", "Şükrü Işık"),
            ("isik", "Şükrü IŞIK"),
            ("IŞIK", "şükrü ışık"),
            ("istanbul", "İSTANBUL"),
            ("çarşamba", "ÇARŞAMBA günü"),
            ("carsamba", "çarşamba"),
            ("conceicao", "Maria da CONCEIÇÃO"),
            ("CONCEIÇÃO", "maria da conceição"),
            ("nunez", "Lucía Núñez"),
            ("LUCIA", "lucía"),
            ("ağrı", "Diş AĞRISI var"),
            ("Émile", "emile"),
        ] {
            assert!(sqlite_finds(query, stored), "{query:?} in {stored:?}");
        }
    }

    #[test]
    fn other_text_and_marks_are_only_themselves() {
        for (query, stored) in [
            ("sukrux", "Şükrü"),
            ("*", "nothing starred"),
            ("?", "no question"),
            ("[a]", "a"),
            ("100%", "100 percent"),
            ("a_b", "axb"),
            ("ß", "SS"),
        ] {
            assert!(!sqlite_finds(query, stored), "{query:?} in {stored:?}");
        }
        for (query, stored) in [
            ("*", "a * star"),
            ("[a]", "the [a] label"),
            ("100%", "100% sure"),
            ("+90 532", "+90 532 000 00 00"),
            ("ß", "Straße"),
            ("ΑΘΗΝΑ", "αθηνα"),
        ] {
            assert!(sqlite_finds(query, stored), "{query:?} in {stored:?}");
        }
    }

    #[test]
    fn words_are_found_in_order_with_anything_between() {
        assert!(sqlite_finds("ana silva", "Ana Maria SILVA"));
        assert!(sqlite_finds(
            "  remarcar   limpeza ",
            "Preciso de remarcar a LIMPEZA"
        ));
        assert!(!sqlite_finds("silva ana", "Ana Maria Silva"));
        assert_eq!(regex_pattern("a  b"), "[aAáÁàÀâÂãÃäÄåÅ].*[bB]");
    }

    #[test]
    fn phone_searches_are_their_digits() {
        assert_eq!(
            phone_digits("+90 532 (123) 45-67").as_deref(),
            Some("905321234567")
        );
        assert_eq!(phone_digits("532"), Some("532".into()));
        assert_eq!(phone_digits("53"), None);
        assert_eq!(phone_digits("Ana 532"), None);
    }

    #[test]
    fn regex_marks_are_escaped() {
        assert_eq!(regex_pattern("a.b"), "[aAáÁàÀâÂãÃäÄåÅ]\\.[bB]");
        assert_eq!(regex_pattern("+90(5)"), "\\+90\\(5\\)");
        assert_eq!(regex_pattern("ş"), "[sSşŞ]");
    }
}
