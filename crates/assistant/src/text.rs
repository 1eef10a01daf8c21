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

/// Whether `word` is `target` with one slip of the keys: a letter wrong, missing, extra, or
/// two swapped ("segruo" for "seguro", "horaio" for "horario"). Both must have six letters
/// or more, and `word` must not be a common word one slip from a clinic's ("ayudar" is not
/// "ayunar"): shorter words are too close to other words to tell a slip from a word.
pub fn near(word: &str, target: &str) -> bool {
    word == target || (!REAL_WORDS.contains(&word) && one_slip(word.as_bytes(), target.as_bytes()))
}

/// Common words one slip from a clinic's word, which are not slips ("ayudar" is no "ayunar").
const REAL_WORDS: &[&str] = &["ayudar", "ayudarme", "ayudarle", "cartas", "planet"];

/// One edit apart, on bytes (folded words are ASCII but for rare letters, where a slip
/// reads as two edits and is not counted): no allocation, as this runs for every word of
/// every message against every topic word.
fn one_slip(a: &[u8], b: &[u8]) -> bool {
    if a.len() < 6 || b.len() < 6 || a.len().abs_diff(b.len()) > 1 || a == b {
        return false;
    }
    // The first difference; the rest must agree after one edit there. A first letter that
    // differs is another word, not a slip ("martin" is no "kartin").
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if i == 0 {
        return false;
    }
    match a.len().cmp(&b.len()) {
        std::cmp::Ordering::Equal => {
            a.get(i + 1..) == b.get(i + 1..)
                || (a.get(i + 1) == b.get(i)
                    && a.get(i) == b.get(i + 1)
                    && a.get(i + 2..) == b.get(i + 2..))
        }
        std::cmp::Ordering::Less => a.get(i..) == b.get(i + 1..),
        std::cmp::Ordering::Greater => a.get(i + 1..) == b.get(i..),
    }
}

/// Whether any word is one of the single-word `phrases`, or one slip from one.
pub fn has_near(words: &[String], phrases: &[&str]) -> bool {
    words.iter().any(|w| phrases.iter().any(|p| near(w, p)))
}

/// Whether any word starts with one of `stems`, or starts with one slip from one
/// ("siogrtasi" for "sigort…").
pub fn has_near_stem(words: &[String], stems: &[&str]) -> bool {
    words.iter().any(|w| {
        let bytes = w.as_bytes();
        stems.iter().any(|s| {
            w.starts_with(s) || {
                let n = s.len();
                (n.saturating_sub(1)..=n + 1).any(|k| {
                    bytes
                        .get(..k)
                        .is_some_and(|head| head.len() >= 6 && one_slip(head, s.as_bytes()))
                }) && !REAL_WORDS.contains(&w.as_str())
            }
        })
    })
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

    #[test]
    fn one_slip_of_the_keys_is_near_and_two_are_not() {
        for (word, target) in [
            ("segruo", "seguro"),
            ("horaio", "horario"),
            ("insurrance", "insurance"),
            ("parkng", "parking"),
        ] {
            assert!(near(word, target), "{word} / {target}");
        }
        for (word, target) in [
            ("park", "pork"),
            ("yours", "hours"),
            ("segurado", "seguro"),
            ("parte", "parque"),
            ("ayudar", "ayunar"),
            ("martin", "kartin"),
        ] {
            assert!(!near(word, target), "{word} / {target}");
        }
        assert!(has_near_stem(
            &words("özel sağlık siogrtası geçiyor mu"),
            &["sigort"]
        ));
        assert!(!has_near_stem(&words("a sorte grande"), &["sigort"]));
    }
}
