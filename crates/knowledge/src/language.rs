//! Which of our languages a text is written in: documents by a general detector, short
//! messages and questions by marker words first.

use frontdesk_domain::Language;
use whatlang::{Detector, Lang};

use crate::text::words;

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

/// The language of a question or message: its marker words when they decide, else the
/// general detector.
pub fn of_question(text: &str) -> Option<Language> {
    from_markers(text).or_else(|| detect(text))
}

/// Words that point to one language (folded). Words two languages share ("que", "tarde",
/// "consulta") are left out on purpose.
const MARKERS: &[(Language, &[&str])] = &[
    (
        Language::En,
        &[
            "cant",
            "feel",
            "dont",
            "wont",
            "im",
            "its",
            "please",
            "thx",
            "tmrw",
            "appt",
            "would",
            "could",
            "should",
            "get",
            "got",
            "just",
            "really",
            "the",
            "i",
            "im",
            "i'm",
            "my",
            "you",
            "your",
            "is",
            "want",
            "would",
            "like",
            "can",
            "could",
            "appointment",
            "book",
            "tomorrow",
            "hello",
            "hi",
            "hey",
            "thanks",
            "thank",
            "please",
            "what",
            "when",
            "how",
            "do",
            "have",
            "need",
            "with",
            "next",
            "week",
            "morning",
            "afternoon",
            "evening",
            "yes",
            "it",
            "tooth",
            "teeth",
            "hurts",
            "price",
            "open",
            "cost",
            "much",
            "there",
            "good",
            "and",
            "for",
            "of",
            "cancel",
            "move",
            "change",
            "today",
            "after",
            "before",
            "where",
            "which",
            "are",
            "bye",
            "one",
            "am",
            "pm",
            "at",
            "an",
            "this",
            "that",
            "name",
            "talk",
            "human",
            "person",
            "help",
            "okay",
            "sure",
            "great",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "first",
            "second",
            "third",
            "nope",
            "yeah",
            "yep",
        ],
    ),
    (
        Language::Tr,
        &[
            "hanimim",
            "esim",
            "oglum",
            "kizim",
            "annem",
            "babam",
            "lutfen",
            "yardim",
            "edin",
            "musunuz",
            "misin",
            "mısınız",
            "kusura",
            "bakmayin",
            "degil",
            "oldu",
            "cok",
            "az",
            "ve",
            "bir",
            "bu",
            "ne",
            "mi",
            "mu",
            "var",
            "yok",
            "icin",
            "merhaba",
            "selam",
            "randevu",
            "yarin",
            "saat",
            "istiyorum",
            "olur",
            "evet",
            "hayir",
            "tesekkurler",
            "tesekkur",
            "lutfen",
            "nasil",
            "kac",
            "ucret",
            "dis",
            "agri",
            "agriyor",
            "gun",
            "hafta",
            "sabah",
            "aksam",
            "ogleden",
            "sonra",
            "once",
            "iptal",
            "benim",
            "adim",
            "gelecek",
            "bugun",
            "tamam",
            "musait",
            "fiyat",
            "nerede",
            "adres",
            "ile",
            "ben",
            "sen",
            "siz",
            "gorusmek",
            "almak",
            "alabilir",
            "miyim",
            "misiniz",
            "pazartesi",
            "sali",
            "carsamba",
            "persembe",
            "cuma",
            "cumartesi",
            "pazar",
            "birinci",
            "ikinci",
            "ucuncu",
            "ilki",
            "ikincisi",
            "haftaya",
            "kim",
            "ismim",
            "gunaydin",
            "iyi",
            "gunler",
            "acil",
            "kanama",
            "nefes",
            "gogus",
            "kanal",
            "dolgu",
            "hic",
            "hemen",
            "gibi",
            "simdi",
            "lazim",
            "mumkun",
        ],
    ),
    (
        Language::Pt,
        &[
            "ajudem",
            "ajuda",
            "tomei",
            "sem",
            "mais",
            "agora",
            "tambem",
            "ja",
            "foi",
            "ele",
            "ela",
            "fiquei",
            "caiu",
            "consigo",
            "e",
            "o",
            "atendem",
            "criancas",
            "convosco",
            "voces",
            "vcs",
            "obg",
            "pfv",
            "tbm",
            "marcada",
            "fica",
            "voce",
            "qual",
            "funcionamento",
            "voces",
            "vou",
            "tem",
            "nao",
            "sim",
            "obrigado",
            "obrigada",
            "quero",
            "marcar",
            "amanha",
            "hoje",
            "manha",
            "com",
            "uma",
            "um",
            "meu",
            "minha",
            "gostaria",
            "dente",
            "doi",
            "dor",
            "preco",
            "quanto",
            "custa",
            "desmarcar",
            "remarcar",
            "oi",
            "bom",
            "boa",
            "tudo",
            "bem",
            "sexta",
            "terca",
            "quarta",
            "quinta",
            "feira",
            "as",
            "depois",
            "pode",
            "posso",
            "fazer",
            "tenho",
            "estou",
            "isso",
            "esse",
            "essa",
            "nome",
            "muito",
            "ate",
            "logo",
            "tchau",
            "falar",
            "atendente",
            "pessoa",
            "horarios",
            "vem",
            "primeiro",
            "primeira",
            "segunda",
            "terceiro",
            "terceira",
            "ultimo",
            "ultima",
            "marcacao",
            "consultorio",
            "endereco",
            "no",
            "na",
            "do",
            "da",
            "dos",
            "das",
            "ao",
            "sangramento",
            "peito",
            "respirar",
            "limpeza",
            "clareamento",
            "aparelho",
        ],
    ),
    (
        Language::Es,
        &[
            "ayuda",
            "ayudenme",
            "ahora",
            "tambien",
            "ya",
            "fue",
            "ella",
            "mucho",
            "muy",
            "pues",
            "vale",
            "sin",
            "teneis",
            "hay",
            "hueco",
            "quisiera",
            "contesten",
            "xfa",
            "porfa",
            "hola",
            "quiero",
            "cita",
            "manana",
            "gracias",
            "por",
            "favor",
            "usted",
            "tengo",
            "necesito",
            "puedo",
            "el",
            "la",
            "los",
            "las",
            "una",
            "un",
            "mi",
            "muela",
            "duele",
            "dolor",
            "precio",
            "cuanto",
            "cuesta",
            "cambiar",
            "lunes",
            "martes",
            "miercoles",
            "jueves",
            "viernes",
            "proximo",
            "despues",
            "noche",
            "si",
            "bien",
            "buenos",
            "buenas",
            "dias",
            "me",
            "llamo",
            "nombre",
            "hablar",
            "persona",
            "con",
            "y",
            "pero",
            "hoy",
            "semana",
            "viene",
            "primero",
            "primera",
            "segundo",
            "tercero",
            "tercera",
            "ultimo",
            "ultima",
            "direccion",
            "adios",
            "hasta",
            "luego",
            "puede",
            "usted",
            "sangrado",
            "pecho",
            "respirar",
            "limpieza",
            "blanqueamiento",
            "brackets",
            "del",
            "al",
            "es",
            "estoy",
            "mis",
            "citas",
            "anular",
            "mover",
            "reprogramar",
        ],
    ),
];

/// Letters only one of the languages uses.
fn letter_votes(text: &str) -> [u32; 4] {
    let mut votes = [0u32; 4];
    for c in text.chars() {
        match c {
            'ğ' | 'Ğ' | 'ş' | 'Ş' | 'ı' | 'İ' => votes[1] += 3,
            'ã' | 'õ' | 'Ã' | 'Õ' | 'ê' | 'ô' | 'à' | 'â' | 'Â' => votes[2] += 3,
            'ñ' | 'Ñ' | '¿' | '¡' => votes[3] += 3,
            _ => {}
        }
    }
    votes
}

/// Whether `text` has any marker word or letter of `language`: a conversation keeps its
/// language while the patient's messages still carry its words ("Sim, cancele por favor").
pub fn shows(text: &str, language: Language) -> bool {
    let ws = words(text);
    let Some(i) = MARKERS.iter().position(|(l, _)| *l == language) else {
        return false;
    };
    letter_votes(text)[i] > 0 || ws.iter().any(|w| MARKERS[i].1.contains(&w.as_str()))
}

/// The language of a short message ("evet", "quero marcar"), when its marker words and
/// letters say so clearly: general detectors guess poorly on a few words. Numbers, "ok" and
/// names decide nothing.
pub fn from_markers(text: &str) -> Option<Language> {
    let ws = words(text);
    let mut votes = letter_votes(text);
    for (i, (_, markers)) in MARKERS.iter().enumerate() {
        votes[i] += ws.iter().filter(|w| markers.contains(&w.as_str())).count() as u32 * 2;
    }
    // Turkish suffixes on known stems ("randevumu", "istiyorum", "teşekkürler").
    votes[1] += ws
        .iter()
        .filter(|w| {
            [
                "randevu", "istiyor", "tesekkur", "musait", "degistir", "ogleden", "yarin",
            ]
            .iter()
            .any(|s| w.starts_with(s) && w.len() > s.len())
                // Verb endings no other of our languages has ("vermiyor", "gelebilir miyiz",
                // "gelemeyecegim"), also typed without Turkish letters.
                || ["iyor", "iyorum", "uyor", "miyiz", "misiniz", "musunuz", "abilir", "ebilir", "ecegim", "acagim"]
                    .iter()
                    .any(|e| w.ends_with(e) && w.len() > e.len() + 1)
        })
        .count() as u32
        * 2;
    let mut ranked: Vec<(u32, usize)> = votes.iter().copied().zip(0..).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, index) = ranked[0];
    if best >= 2 && best > ranked[1].0 {
        Some(MARKERS[index].0)
    } else {
        None
    }
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

    #[test]
    fn tells_the_four_languages_apart_on_short_messages() {
        let cases = [
            ("Hi, I'd like to book a cleaning", Language::En),
            ("my tooth hurts", Language::En),
            ("tomorrow afternoon please", Language::En),
            ("Merhaba, yarın için randevu alabilir miyim?", Language::Tr),
            ("yarın saat 15:00", Language::Tr),
            ("evet", Language::Tr),
            ("ikincisi", Language::Tr),
            ("Oi, quero marcar uma consulta", Language::Pt),
            ("próxima sexta às 10h", Language::Pt),
            ("sim, pode marcar", Language::Pt),
            ("Hola, quiero una cita", Language::Es),
            ("el martes por la mañana", Language::Es),
            ("¿cuánto cuesta?", Language::Es),
            ("sí", Language::Es),
            (
                "bebegimin atesi 40 hic tepki vermiyor hemen gelebilir miyiz",
                Language::Tr,
            ),
            (
                "merdivenden dustum bilegimden kemik cikmis gibi",
                Language::Tr,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(from_markers(text), Some(want), "{text}");
        }
    }

    #[test]
    fn numbers_and_names_decide_nothing() {
        for text in ["2", "10:30", "ok", "Maria Silva", "25/12"] {
            assert_eq!(from_markers(text), None, "{text}");
        }
    }
}
