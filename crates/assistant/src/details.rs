//! The details a message carries: which service ("my tooth hurts" → the toothache
//! examination), which practitioner, which of the offered options, the patient's name.

use frontdesk_domain::scheduling::{Practitioner, Service};
use frontdesk_domain::{PractitionerId, ServiceId};

use crate::text::{has_phrase, words};

/// Words patients use for the same thing in the four languages, mapped to one concept so
/// "dor de dente", "me duele la muela" and "my tooth hurts" all meet a service about pain.
const CONCEPTS: &[(&str, &[&str])] = &[
    (
        "pain",
        &[
            "pain",
            "painful",
            "hurt",
            "hurts",
            "hurting",
            "ache",
            "aches",
            "aching",
            "toothache",
            "sore",
            "agri",
            "agrisi",
            "agriyor",
            "sizliyor",
            "sizi",
            "dor",
            "doi",
            "doendo",
            "dolor",
            "duele",
            "dolorido",
            "swelling",
            "swollen",
            "sislik",
            "sisti",
            "inchado",
            "inchaco",
            "hinchado",
            "hinchazon",
        ],
    ),
    (
        "cleaning",
        &[
            "cleaning",
            "clean",
            "scaling",
            "polish",
            "hygiene",
            "temizlik",
            "temizligi",
            "temizleme",
            "limpeza",
            "limpar",
            "profilaxia",
            "limpieza",
            "limpiar",
            "tartaro",
            "tartar",
        ],
    ),
    (
        "checkup",
        &[
            "checkup", "check", "kontrol", "revisao", "revision", "chequeo",
        ],
    ),
    (
        "whitening",
        &[
            "whitening",
            "whiten",
            "bleaching",
            "white",
            "beyazlatma",
            "beyazlatmak",
            "clareamento",
            "clarear",
            "blanqueamiento",
            "blanquear",
        ],
    ),
    (
        "braces",
        &[
            "braces",
            "brace",
            "aligners",
            "aligner",
            "orthodontic",
            "orthodontics",
            "orthodontist",
            "tel",
            "ortodonti",
            "seffaf",
            "plak",
            "aparelho",
            "ortodontia",
            "ortodontico",
            "brackets",
            "ortodoncia",
            "frenos",
        ],
    ),
    (
        "implant",
        &["implant", "implants", "implanti", "implante", "implantes"],
    ),
    (
        "filling",
        &[
            "filling",
            "cavity",
            "dolgu",
            "curuk",
            "obturacao",
            "carie",
            "empaste",
            "caries",
        ],
    ),
    (
        "rootcanal",
        &["root", "canal", "kanal", "endodontia", "endodoncia"],
    ),
    (
        "extraction",
        &[
            "extraction",
            "pull",
            "cekim",
            "cekmek",
            "extracao",
            "arrancar",
            "extraccion",
            "sacar",
        ],
    ),
];

/// Words every dental or medical service shares: they say nothing about which one.
#[rustfmt::skip]
const GENERIC: &[&str] = &[
    "por", "para", "pra", "las", "los", "en", "con", "que", "del", "al", "no", "na", "nos",
    "nas", "ao", "com", "em", "ou", "ile", "icin", "bir", "bu", "su", "sus", "seu", "sua",
    "your", "our", "please", "lutfen", "favor", "mas", "muy", "very", "bem", "bien", "tooth",
    "teeth", "dental", "dentist", "dis", "disler", "dislerim", "dente", "dentes", "dentista",
    "diente", "dientes", "muela", "examination", "exam", "consultation", "consulta", "muayene",
    "muayenesi", "and", "ve", "e", "y", "the", "a", "an", "of", "for", "with", "de", "do", "da",
    "la", "el", "my", "i", "have", "want", "to", "me", "mi", "meu", "minha", "um", "uma", "una",
    "un", "is", "it", "or", "up", "x", "ray", "in", "on", "at", "first", "second", "third",
    "last", "earliest", "latest", "one", "primera", "primero", "primeira", "segunda", "segundo",
    "ilk", "ikinci", "son", "other", "outro", "otra", "otro", "time", "hora", "horario", "saat",
    "work", "works", "working", "doesnt", "dont", "fine", "good", "great", "okay", "sure",
    "thanks", "pls", "appointment", "appointments", "appt", "booking", "cita", "citas",
    "randevu", "randevusu", "marcacao", "agendamento",
];

/// Words for a visit of any kind: as a service's whole alias they say less than a name.
const UNITS: &[&str] = &[
    "session",
    "sesion",
    "sessao",
    "seans",
    "consulta",
    "consultation",
    "visit",
    "visita",
    "appointment",
    "cita",
    "randevu",
    "muayene",
];

fn concept(word: &str) -> &str {
    // "kontrolü" is "kontrol" with a Turkish ending: the same concept. Stems of four letters
    // or more only ("tele" is no form of "tel").
    CONCEPTS
        .iter()
        .find(|(_, ws)| ws.contains(&word))
        .or_else(|| {
            CONCEPTS.iter().find(|(_, ws)| {
                ws.iter()
                    .any(|w| w.chars().count() >= 4 && turkish_form(word, w))
            })
        })
        .map(|(c, _)| *c)
        .unwrap_or(word)
}

fn meaningful(ws: &[String]) -> Vec<String> {
    ws.iter()
        .filter(|w| !GENERIC.contains(&w.as_str()) && w.len() > 2)
        .map(|w| concept(w).to_string())
        .collect()
}

/// Whether `word` is `stem` with a Turkish ending ("aşısı" of "aşı", "kontrolü" of
/// "kontrol", "temizliği" of "temizlik", "dolgusu" of "dolgu").
fn turkish_form(word: &str, stem: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "i", "u", "si", "su", "yi", "yu", "ni", "nu", "in", "un", "nin", "nun", "sini", "sunu",
        "e", "a", "ye", "ya", "de", "da", "te", "ta", "ler", "lar", "leri", "lari", "m", "im",
        "um", "mi", "mu", "imi", "umu",
    ];
    if stem.chars().count() < 3 {
        return false;
    }
    let soft = stem.strip_suffix('k').map(|s| format!("{s}g"));
    word.strip_prefix(stem)
        .or_else(|| soft.as_deref().and_then(|s| word.strip_prefix(s)))
        .is_some_and(|rest| ENDINGS.contains(&rest))
}

/// How well a message names a service: its name or an alias as a phrase counts most,
/// shared words and concepts less, words of its description least.
fn service_score(message: &[String], message_concepts: &[String], service: &Service) -> u32 {
    let d = &service.details;
    let mut score = 0;
    let names: Vec<&String> = d.name.values().chain(d.aliases.iter()).collect();
    for name in &names {
        let name_words = words(name);
        // "muayenesi" names "Muayene": a one-word name with a Turkish ending.
        let turkish_one_word = matches!(name_words.as_slice(), [only]
            if message.iter().any(|w| turkish_form(w, only)));
        if !name_words.is_empty()
            && (has_phrase(message, &name_words.join(" ")) || turkish_one_word)
        {
            // "una sesión de pilates": "sesión" names a session of anything, "pilates" one.
            let unit = matches!(name_words.as_slice(), [only] if UNITS.contains(&only.as_str()));
            score += if unit { 2 } else { 4 };
        }
    }
    let name_concepts: Vec<String> = names.iter().flat_map(|n| meaningful(&words(n))).collect();
    let description_concepts = meaningful(&words(&d.description));
    for c in message_concepts {
        if name_concepts.contains(c) || name_concepts.iter().any(|n| turkish_form(c, n)) {
            score += 2;
        } else if c.len() > 3 && description_concepts.contains(c) {
            score += 1;
        }
    }
    score
}

/// The service a message names or describes, when one fits clearly better than the rest.
pub fn service(text: &str, services: &[Service]) -> Option<ServiceId> {
    let message = words(text);
    let concepts = meaningful(&message);
    let mut scored: Vec<(u32, ServiceId)> = services
        .iter()
        .map(|s| (service_score(&message, &concepts, s), s.id))
        .filter(|(score, _)| *score >= 2)
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    match scored.as_slice() {
        [] => None,
        [(_, only)] => Some(*only),
        [(best, id), (second, _), ..] => (best > second).then_some(*id),
    }
}

/// Titles before a practitioner's name.
const TITLES: &[&str] = &[
    "dr",
    "dra",
    "doctor",
    "doctora",
    "doutor",
    "doutora",
    "doc",
    "nurse",
    "enfermeira",
    "enfermera",
    "hemsire",
    "hoca",
    "hocam",
    "prof",
    "uzm",
    "dt",
    "fzt",
];

/// The practitioner a message names (by first name or surname).
pub fn practitioner(text: &str, practitioners: &[Practitioner]) -> Option<PractitionerId> {
    let message = words(text);
    // Words as written, to tell "Mariana Carvalho" (a patient) from "Dra. Mariana".
    let raw: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let found: Vec<PractitionerId> = practitioners
        .iter()
        .filter(|p| {
            let theirs = words(&p.details.name);
            theirs.iter().any(|part| {
                part.len() > 2
                    // "pra minha esposa Inês", "for Elif": a patient who shares the name.
                    && message.iter().enumerate().any(|(k, w)| {
                        w == part
                            && !k.checked_sub(1).is_some_and(|j| {
                                crate::names::relation_word(&message[j])
                                    || ["for", "para", "pra", "pro"].contains(&message[j].as_str())
                            })
                    })
                    // A first name followed by a surname that is not theirs is someone else
                    // with the same first name.
                    && !raw.windows(2).enumerate().any(|(k, pair)| {
                        let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
                        let other = |w: &str| {
                            let w = crate::text::fold(w);
                            !theirs.contains(&w) && !TITLES.contains(&w.as_str())
                        };
                        // "Mariana Carvalho" for Dr. Mariana Alves; "Inês Rocha Matos" for
                        // Dr. João Matos (never the first word of the message: "Hi Elif").
                        (crate::text::fold(pair[0]) == *part && capital(pair[1]) && other(pair[1]))
                            || (crate::text::fold(pair[1]) == *part
                                && k > 0
                                && capital(pair[0])
                                && other(pair[0]))
                    })
            })
        })
        .map(|p| p.id)
        .collect();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Which of `count` offered options a message picks, from 0: "the second one", "2",
/// "ikincisi", "a primeira", "el último", "option 3".
pub fn choice(text: &str, count: usize) -> Option<usize> {
    let ws = words(text);
    const ORDINALS: &[(&[&str], usize)] = &[
        (
            &[
                "first",
                "1st",
                "birinci",
                "ilk",
                "ilki",
                "birincisi",
                "primeiro",
                "primeira",
                "primero",
                "primera",
            ],
            0,
        ),
        (
            &["second", "2nd", "ikinci", "ikincisi", "segundo", "segunda"],
            1,
        ),
        (
            &[
                "third", "3rd", "ucuncu", "ucuncusu", "terceiro", "terceira", "tercero", "tercera",
                "tercer",
            ],
            2,
        ),
        (
            &[
                "fourth",
                "4th",
                "dorduncu",
                "dorduncusu",
                "quarto",
                "cuarto",
                "cuarta",
            ],
            3,
        ),
        (
            &["fifth", "5th", "besinci", "besincisi", "quinto", "quinta"],
            4,
        ),
    ];
    const LAST: &[&str] = &["last", "latest", "sonuncu", "sonuncusu", "ultimo", "ultima"];
    // "The earliest", "en erken", "o mais cedo possível"; "biraz erken" (a bit early) or
    // "muy temprano" (too early) picks nothing.
    const EARLIEST: &[&str] = &[
        "earliest",
        "soonest",
        "erkeni",
        "en erken",
        "en erkeni",
        "mais cedo possivel",
        "o mais cedo",
        "lo antes posible",
        "lo mas temprano",
        "mas temprana",
        "as soon as possible",
    ];
    if crate::text::has_any(&ws, EARLIEST) && count > 0 {
        return Some(0);
    }
    // "Any of them", "qualquer um desses", "cualquiera", "fark etmez": the first will do.
    const ANY: &[&str] = &[
        "any of them",
        "any of those",
        "whichever",
        "either",
        "anyone",
        "any is fine",
        "qualquer",
        "tanto faz",
        "cualquiera",
        "cualquier",
        "da igual",
        "me da igual",
        "fark etmez",
        "farketmez",
        "herhangi",
        "hangisi olursa",
    ];
    if crate::text::has_any(&ws, ANY) && count > 0 {
        return Some(0);
    }
    for (names, index) in ORDINALS {
        if ws.iter().any(|w| names.contains(&w.as_str())) && *index < count {
            return Some(*index);
        }
    }
    if ws.iter().any(|w| LAST.contains(&w.as_str())) && count > 0 {
        return Some(count - 1);
    }
    // A bare number ("2", "option 2", "2.", "#2") among few words.
    if ws.len() <= 3 {
        let numbers: Vec<usize> = ws
            .iter()
            .filter_map(|w| w.trim_start_matches('#').parse::<usize>().ok())
            .collect();
        if let [n] = numbers.as_slice()
            && (1..=count).contains(n)
        {
            return Some(n - 1);
        }
    }
    None
}

/// "none of them", "nenhum", "ninguno", "hiçbiri": the options do not suit.
pub fn none_suits(text: &str) -> bool {
    let ws = words(text);
    [
        "none",
        "neither",
        "other times",
        "another day",
        "hicbiri",
        "baska",
        "nenhum",
        "nenhuma",
        "outro dia",
        "outro horario",
        "ninguno",
        "ninguna",
        "otro dia",
        "otra hora",
    ]
    .iter()
    .any(|p| has_phrase(&ws, p))
}

/// The text as a person's name, when it looks like one: one to five words of letters.
pub fn as_name(text: &str) -> Option<String> {
    let cleaned = text.trim().trim_end_matches(['.', '!', ',']);
    let parts: Vec<&str> = cleaned.split_whitespace().collect();
    let letters_only = parts.iter().all(|p| {
        p.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-' | '.' | '’'))
    });
    if parts.is_empty() || parts.len() > 5 || !letters_only || cleaned.chars().count() > 120 {
        return None;
    }
    let name = parts
        .iter()
        .map(|p| {
            let mut cs = p.chars();
            match cs.next() {
                Some(first) => first.to_uppercase().chain(cs).collect::<String>(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    use frontdesk_domain::scheduling::{PractitionerDetails, ServiceDetails};

    fn service_named(en: &str, tr: &str, aliases: &[&str], description: &str) -> Service {
        Service {
            id: ServiceId::new(),
            details: ServiceDetails {
                name: BTreeMap::from([("en".into(), en.into()), ("tr".into(), tr.into())]),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                description: description.into(),
                duration_minutes: 30,
                price: None,
                buffer_before_minutes: 0,
                buffer_after_minutes: 0,
                active: true,
                patient_bookable: true,
                practitioner_ids: vec![],
            },
        }
    }

    fn demo_services() -> Vec<Service> {
        vec![
            service_named(
                "Check-up and cleaning",
                "Muayene ve diş temizliği",
                &["cleaning", "scaling", "temizlik", "kontrol"],
                "Examination, scaling and polishing.",
            ),
            service_named(
                "Toothache examination",
                "Diş ağrısı muayenesi",
                &["toothache", "pain", "diş ağrısı", "ağrı"],
                "An examination and X-ray for pain or swelling.",
            ),
            service_named(
                "Teeth whitening",
                "Diş beyazlatma",
                &["whitening", "beyazlatma"],
                "",
            ),
            service_named(
                "Orthodontic consultation",
                "Ortodonti muayenesi",
                &["braces", "aligners", "tel", "şeffaf plak"],
                "",
            ),
        ]
    }

    #[test]
    fn services_by_name_alias_and_description_in_four_languages() {
        let s = demo_services();
        let cases = [
            ("I'd like a cleaning", 0),
            ("diş temizliği istiyorum", 0),
            ("quero fazer uma limpeza", 0),
            ("quiero una limpieza", 0),
            ("my tooth hurts", 1),
            ("dişim ağrıyor", 1),
            ("estou com dor de dente", 1),
            ("me duele la muela", 1),
            ("my face is a bit swollen", 1),
            ("teeth whitening please", 2),
            ("clareamento", 2),
            ("blanqueamiento dental", 2),
            ("I'm thinking about braces", 3),
            ("aparelho nos dentes", 3),
            ("ortodonti", 3),
            // A Turkish ending on a concept's word: "kontrolü" is "kontrol".
            ("kardeşim için diş kontrolü randevusu almak istiyorum", 0),
            ("18 mart saat 15:30, diş kontrolü", 0),
        ];
        let checkup = service_named("Check-up", "Muayene", &["kontrol"], "");
        let braces = service_named("Orthodontic consultation", "Ortodonti muayenesi", &[], "");
        let pair = [checkup, braces];
        for text in [
            "ismim Ipek Kaya, dis muayenesi icin randevu istiyorum",
            "Ayın 2'sinde, Salı günü öğleden sonra bir saat diş muayenesi için randevu",
        ] {
            assert_eq!(service(text, &pair), Some(pair[0].id), "{text}");
        }
        assert_eq!(
            service("ortodonti muayenesi istiyorum", &pair),
            Some(pair[1].id)
        );
        // A session of pilates is pilates; a session alone is the session.
        let session = service_named(
            "Physiotherapy session",
            "Fizyoterapi seansı",
            &["sesión", "fisio"],
            "",
        );
        let pilates = service_named("Clinical pilates", "Klinik pilates", &["pilates"], "");
        let both = [session, pilates];
        assert_eq!(
            service(
                "quisiera reservar una sesión de pilates el 22 de marzo",
                &both
            ),
            Some(both[1].id)
        );
        assert_eq!(service("una sesión el lunes", &both), Some(both[0].id));
        for (text, want) in cases {
            assert_eq!(service(text, &s), Some(s[want].id), "{text}");
        }
        assert_eq!(service("tomorrow at 10", &s), None);
        assert_eq!(service("a dental appointment", &s), None);
    }

    #[test]
    fn practitioners_by_first_name_or_surname() {
        let p = |name: &str| Practitioner {
            id: PractitionerId::new(),
            details: PractitionerDetails {
                name: name.into(),
                title: "Dr.".into(),
                specialty: String::new(),
                languages: vec![],
                account_id: None,
                working_hours: Default::default(),
                active: true,
            },
        };
        let list = vec![p("Elif Şahin"), p("James Carter")];
        assert_eq!(
            practitioner("with Dr. Elif please", &list),
            Some(list[0].id)
        );
        assert_eq!(practitioner("Şahin hanım", &list), Some(list[0].id));
        assert_eq!(practitioner("com o Dr. Carter", &list), Some(list[1].id));
        assert_eq!(practitioner("any dentist", &list), None);
        // A patient who shares a practitioner's first name names themself.
        assert_eq!(practitioner("é Elif Yılmaz", &list), None);
        assert_eq!(practitioner("Elif Şahin, please", &list), Some(list[0].id));
        assert_eq!(practitioner("Chamo-me Inês Rocha Carter", &list), None);
        // Someone named after a relation or "for" is the patient.
        assert_eq!(
            practitioner("a consulta e pra minha esposa Elif", &list),
            None
        );
        assert_eq!(practitioner("it's for my wife Elif", &list), None);
        assert_eq!(practitioner("para Elif, amanhã às 10", &list), None);
        assert_eq!(
            practitioner("for my son, with Dr. Elif", &list),
            Some(list[0].id)
        );
        assert_eq!(practitioner("com o Dr. Carter", &list), Some(list[1].id));
    }

    #[test]
    fn choices_among_offers() {
        assert_eq!(choice("the second one", 3), Some(1));
        assert_eq!(choice("qualquer um desses", 3), Some(0));
        assert_eq!(choice("biraz erken, aynı gün 16:15'te olur mu?", 3), None);
        assert_eq!(choice("en erken olan", 3), Some(0));
        assert_eq!(choice("cualquiera me vale", 3), Some(0));
        assert_eq!(choice("any of them is fine", 3), Some(0));
        assert_eq!(choice("ikincisi", 3), Some(1));
        assert_eq!(choice("a primeira", 3), Some(0));
        assert_eq!(choice("el último", 3), Some(2));
        assert_eq!(choice("2", 3), Some(1));
        assert_eq!(choice("option 3", 3), Some(2));
        assert_eq!(choice("4", 3), None);
        assert_eq!(choice("10:30", 3), None);
        assert!(none_suits("none of these work"));
        assert!(none_suits("hiçbiri olmaz"));
    }

    #[test]
    fn names() {
        assert_eq!(as_name("maria silva").as_deref(), Some("Maria Silva"));
        assert_eq!(as_name("10:30"), None);
    }
}
