//! Answers: the clinic's own facts (prices, hours, address), passages from its knowledge
//! base in the patient's language, and "I'll check with the team" when nothing answers.

use super::{ADDRESS_WORDS, Builtin, PRICE_WORDS, Turn, asks_hours, excerpt};
use crate::desk::{DeskError, KnowledgeHit};
use crate::details;
use crate::reply::{self, Say};
use crate::text::{fold, has_any, has_stem, words};
use crate::{glossary, topics, when};

/// Similarity a knowledge hit needs to be given as the answer.
pub(super) const MIN_ANSWER_SIMILARITY: f32 = 0.82;
/// Similarity at which an FAQ answers a message whatever else it sounds like ("Onde posso
/// estacionar?" is no question about the address, "sábado tem atendimento?" no booking).
pub(super) const FAQ_FIRST_SIMILARITY: f32 = 0.88;
/// Similarity an FAQ about a topic the message does not name needs to answer it first.
pub(super) const FAQ_UNNAMED_TOPIC_SIMILARITY: f32 = 0.93;
/// Similarity an FAQ of the message's topic needs: the topic words carry the match, the
/// floor only keeps out an FAQ the encoder finds unrelated.
pub(super) const TOPIC_FAQ_SIMILARITY: f32 = 0.5;
/// Longest passage quoted as an answer.
pub(super) const MAX_ANSWER_CHARS: usize = 700;
impl Builtin {
    /// A question: clinic facts from clinic data, anything else from the knowledge base,
    /// and "I'll check with the team" when neither knows.
    pub(super) async fn answer(&self, t: &mut Turn<'_>, text: &str) -> Result<(), DeskError> {
        // "How much is it and do you open on Saturdays?": every question gets its answer.
        let parts = questions(text);
        let mut said: Vec<String> = vec![];
        let mut unanswered = vec![];
        for part in &parts {
            match self.answer_one(t, part, &said).await? {
                Some(topic) => said.push(topic),
                None => unanswered.push(part.clone()),
            }
        }
        if !unanswered.is_empty() {
            t.say(Say::CheckWithTeam);
            t.hand_over(format!(
                "a question the assistant could not answer: \"{}\"",
                excerpt(&unanswered.join(" / "))
            ));
        }
        Ok(())
    }

    /// Answers one question; the topic it answered, or `None` when nothing answers it.
    pub(super) async fn answer_one(
        &self,
        t: &mut Turn<'_>,
        text: &str,
        said: &[String],
    ) -> Result<Option<String>, DeskError> {
        let ws = words(text);
        let profile = &t.clinic.profile;
        if let Some(hit) = self.faq_for(t, text).await? {
            let topic = format!("faq:{}", hit.question.clone().unwrap_or_default());
            if said.contains(&topic) || say_passage(t, &hit) {
                return Ok(Some(topic));
            }
        }
        if has_any(&ws, PRICE_WORDS) {
            let services = t.desk.services();
            // "How much is a mole check? Also, how much is a consultation?": each its price.
            let named = details::service(text, services).or_else(|| {
                (!said.iter().any(|s| s.starts_with("price")))
                    .then(|| details::service(t.text, services))
                    .flatten()
            });
            let topic = format!("price:{}", named.map(|n| n.to_string()).unwrap_or_default());
            if said.contains(&topic) {
                return Ok(Some(topic));
            }
            let items: Vec<String> = services
                .iter()
                .filter(|s| named.is_none_or(|n| n == s.id))
                .map(|s| {
                    format!(
                        "{}: {}",
                        s.details.name_in(t.lang),
                        reply::price(t.lang, s.details.price.as_ref())
                    )
                })
                .collect();
            if !items.is_empty() {
                t.say(Say::Prices { items });
                return Ok(Some(topic));
            }
        }
        if asks_hours(&ws) {
            if !said.iter().any(|s| s == "hours") {
                t.say(Say::Hours {
                    hours: reply::opening_hours(t.lang, &profile.opening_hours),
                });
            }
            return Ok(Some("hours".into()));
        }
        // "Where can I park?" asks where to park, not where we are.
        if has_any(&ws, ADDRESS_WORDS)
            && !topics::of(text).contains(&topics::Topic::Parking)
            && !profile.address.trim().is_empty()
        {
            if !said.iter().any(|s| s == "address") {
                t.say(Say::Address {
                    address: profile.address.clone(),
                });
            }
            return Ok(Some("address".into()));
        }
        let hits = t.knowledge(text).await?;
        // The search's own ranking decides which passage answers; a passage that does not
        // answer is declined, never quoted because it happens to share a word.
        let asked_topics = topics::of(text);
        let Some(hit) = hits.iter().find(|h| {
            // A passage about another topic never answers ("tem onde parar o carro?" is no
            // question about insurers).
            let theirs = hit_topics(h);
            // And one about a topic the message never names ("¿tienen wifi?" for the FAQ on
            // insurers) only when the encoder is all but sure.
            let sure = h
                .similarity
                .is_none_or(|s| s >= FAQ_UNNAMED_TOPIC_SIMILARITY);
            confident(h, text)
                && (theirs.is_empty()
                    || (asked_topics.is_empty() && sure)
                    || theirs.iter().any(|x| asked_topics.contains(x)))
        }) else {
            // "Do you do botox?": not one of ours; say what we do.
            if asks_if_offered(text) && t.service_guess.is_none() {
                let services = t
                    .desk
                    .services()
                    .iter()
                    .map(|s| s.details.name_in(t.lang).to_string())
                    .collect();
                t.say(Say::NotOffered { services });
                // Staff see it: demand for something new, or a service not yet listed.
                t.hand_over(format!(
                    "asked for something the clinic does not list: \"{}\"",
                    super::excerpt(text)
                ));
                return Ok(Some("services".into()));
            }
            return Ok(None);
        };
        if !say_passage(t, hit) {
            return Ok(None);
        }
        Ok(Some("knowledge".into()))
    }

    /// Whether the message, or one of the questions in it, is all but one of the FAQs.
    pub(super) async fn some_faq(&self, t: &Turn<'_>) -> Result<bool, DeskError> {
        let parts = questions(t.text);
        if parts.len() > 1 {
            for part in &parts {
                if self.faq_for(t, part).await?.is_some() {
                    return Ok(true);
                }
            }
        }
        Ok(self.faq_for(t, t.text).await?.is_some())
    }

    /// The FAQ a message is all but the question of, if any.
    pub(super) async fn faq_for(
        &self,
        t: &Turn<'_>,
        text: &str,
    ) -> Result<Option<KnowledgeHit>, DeskError> {
        let hits = t.knowledge(text).await?;
        let services = t.desk.services();
        // A message about one of our services ("how much is physiotherapy?", "acne
        // treatment on Friday afternoon?") is about that service unless the FAQ is too ("do I
        // need to fast before a blood test?").
        let named = details::service(text, services);
        // "¿Cuánto cuesta?" asks a price, which the clinic's data answers, unless the FAQ
        // asks one too; likewise hours and the address.
        let asked = words(text);
        let same_topic = |question: &str| {
            let faq = words(question);
            let price = |ws: &[String]| has_any(ws, PRICE_WORDS);
            let address = |ws: &[String]| has_any(ws, ADDRESS_WORDS);
            [price, asks_hours, address]
                .iter()
                .all(|topic| !topic(&asked) || topic(&faq))
        };
        let about_service =
            |question: &str| named.is_none_or(|n| details::service(question, services) == Some(n));
        // The encoder finds most short questions alike: a message about parking is never
        // answered by the FAQ about Saturdays, however near their vectors.
        let asked_topics = topics::of(text);
        let other_topic = |h: &KnowledgeHit| {
            let faq = hit_topics(h);
            !asked_topics.is_empty()
                && !faq.is_empty()
                && !faq.iter().any(|t| asked_topics.contains(t))
        };
        // An FAQ about a topic the message never names ("Do you work with insurers?" for
        // "can I get the rehab doctor?") needs the encoder to be all but sure.
        let unnamed_topic = |h: &KnowledgeHit| asked_topics.is_empty() && !hit_topics(h).is_empty();
        let first = hits.first().filter(|h| {
            let question = h.question.as_deref().unwrap_or("");
            let floor = if unnamed_topic(h) {
                FAQ_UNNAMED_TOPIC_SIMILARITY
            } else {
                FAQ_FIRST_SIMILARITY
            };
            !question.is_empty()
                && !other_topic(h)
                && same_topic(question)
                && about_service(question)
                && match h.similarity {
                    Some(s) => s >= floor,
                    None => confident(h, text),
                }
        });
        if first.is_some() {
            return Ok(first.cloned());
        }
        // "Where can I leave my car?" for "Otopark var mı?": an FAQ of the same topic (parking,
        // insurance, payment, the weekend…), in the search's order, when the message asks and
        // books nothing. A day or time means a booking, except a weekend day for the weekend.
        let when = t.when(text);
        let timeless = when.at.is_none()
            && (when.is_empty() || asked_topics.contains(&topics::Topic::Weekend));
        // A short message on a topic asks even without a question's form ("o meu seguro de
        // saúde é aceite", "DKV lo cubre con vosotros"), unless it books.
        let ws = words(text);
        let short_on_a_topic =
            !asked_topics.is_empty() && ws.len() <= 12 && !crate::intent::says_book(&ws);
        if !timeless || !(asks(text) || short_on_a_topic) {
            return Ok(None);
        }
        // The search's order first, then every FAQ: a short list, where a wording far from
        // the FAQ's may not have ranked it.
        let all = t.desk.faqs().await?;
        let by_topic = hits.into_iter().chain(all).find(|h| {
            h.question.as_deref().is_some_and(|q| {
                topics::shared(text, &format!("{q}\n{}", h.text)) && about_service(q)
            }) && h.similarity.is_none_or(|s| s >= TOPIC_FAQ_SIMILARITY)
        });
        Ok(by_topic)
    }
}

/// The topics of a knowledge hit: its question (for an FAQ) and its text.
fn hit_topics(h: &KnowledgeHit) -> Vec<topics::Topic> {
    topics::of(&format!(
        "{}\n{}",
        h.question.as_deref().unwrap_or(""),
        h.text
    ))
}

/// Says a passage in the patient's language: as written when it is in theirs, else its facts;
/// false when it has none to say.
fn say_passage(t: &mut Turn<'_>, hit: &KnowledgeHit) -> bool {
    // An FAQ's answer is often too short to tell its language ("Sim, aos sábados das 8h às
    // 12h."): its question says it too.
    let whole = match &hit.question {
        Some(q) => format!("{q}\n{}", hit.text),
        None => hit.text.clone(),
    };
    let written_in =
        crate::language::detect(&whole).or_else(|| frontdesk_knowledge::language::detect(&whole));
    match written_in {
        Some(l) if l != t.lang => {
            // Never another language's text as the answer: its facts, said in ours, clause
            // by clause: the fact words by our name for them ("nakit" is "cash", "Monday" is
            // "lunes"), then the names and numbers no fact word took.
            let mut facts: Vec<String> = vec![];
            for clause in glossary::clauses(&hit.text) {
                let mut said = glossary::facts_in(clause, t.lang);
                let ws = words(clause);
                for fact in facts_of(clause) {
                    // Where it stands in the clause, so the facts keep the clause's order.
                    let first = words(&fact).into_iter().next().unwrap_or_default();
                    let at = ws.iter().position(|w| *w == first).unwrap_or(ws.len());
                    let fact = match when::weekday_named(&fact) {
                        Some(day) => reply::weekday_name(t.lang, day).to_string(),
                        None => fact,
                    };
                    let counted = said
                        .iter()
                        .any(|(_, s)| *s == fact || s.starts_with(&format!("{fact} ")));
                    if !counted {
                        said.push((at, fact));
                    }
                }
                said.sort_by_key(|(at, _)| *at);
                if !said.is_empty() {
                    let said: Vec<String> = said.into_iter().map(|(_, f)| f).collect();
                    facts.push(said.join(", "));
                }
            }
            if facts.is_empty() {
                return false;
            }
            t.say(Say::FactsInAnotherLanguage {
                written_in: l,
                facts,
            });
        }
        _ => t.say(Say::Answer {
            text: quote(&hit.text),
        }),
    }
    true
}

/// Words that ask by themselves, in our four languages.
const QUESTION_WORDS: &[&str] = &[
    "what", "where", "when", "how", "which", "ne", "nerede", "nasil", "kac", "hangi", "que",
    "qual", "quais", "onde", "quando", "como", "cual", "donde", "cuando", "cuanto", "quanto",
];

/// The questions in a message: split at question marks and at "and"/"e"/"y"/"ve"/"also"
/// joining two questions.
pub(super) fn questions(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = vec![];
    for sentence in sentences(text) {
        let ws: Vec<&str> = sentence.split_whitespace().collect();
        let mut current: Vec<&str> = vec![];
        for (i, w) in ws.iter().copied().enumerate() {
            let folded = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
            // "EKG ne kadar, bir de genel muayene?": "bir de" joins like "also".
            let bir_de = folded == "bir"
                && ws
                    .get(i + 1)
                    .is_some_and(|n| fold(n.trim_matches(|c: char| !c.is_alphanumeric())) == "de");
            // "outra coisa:", "otra cosa:", "another thing", "by the way".
            let next = |k: usize| {
                ws.get(i + k)
                    .map(|n| fold(n.trim_matches(|c: char| !c.is_alphanumeric())))
                    .unwrap_or_default()
            };
            let pair = matches!(
                (folded.as_str(), next(1).as_str()),
                ("outra" | "otra" | "another", "coisa" | "cosa" | "thing")
                    | ("by", "the")
                    | ("por", "cierto")
                    | ("de", "paso")
                    | ("a", "proposito")
            );
            if pair && current.len() >= 2 {
                parts.push(current.join(" "));
                current.clear();
            }
            let joiner = bir_de
                || [
                    "and",
                    "also",
                    "e",
                    "y",
                    "ve",
                    "ayrica",
                    "tambem",
                    "tambien",
                    "tbm",
                    "plus",
                    "uygunsa",
                    "aproveitando",
                    "ademas",
                    "btw",
                    "alias",
                ]
                .contains(&folded.as_str());
            // Two words can ask already when one is a question word ("ne giymeliyim ve…",
            // "o que levo e…").
            let asks_already = current.len() == 2
                && current.iter().any(|c| {
                    QUESTION_WORDS
                        .contains(&fold(c.trim_matches(|c: char| !c.is_alphanumeric())).as_str())
                });
            if joiner && (current.len() >= 3 || asks_already) {
                parts.push(current.join(" "));
                current.clear();
                continue;
            }
            current.push(w);
        }
        if !current.is_empty() {
            parts.push(current.join(" "));
        }
    }
    // A fragment too short to ask anything joins the part before it; a greeting ("Hola,
    // buenos días.", "hi!") the part after it.
    let mut merged: Vec<String> = vec![];
    let mut greeting = String::new();
    for p in parts {
        let ws = words(&p);
        if (matches!(
            crate::intent::by_rules(&p),
            Some(crate::intent::Intent::Greeting | crate::intent::Intent::Thanks)
        ) && ws.len() <= 4)
            || crate::intent::small_talk(&p)
        {
            greeting.push_str(&p);
            greeting.push(' ');
            continue;
        }
        // A stray mark ("¿que tal?. ¿tienen…") asks nothing.
        if ws.is_empty() {
            continue;
        }
        let p = format!("{greeting}{p}");
        greeting.clear();
        if ws.len() < 2
            && let Some(last) = merged.last_mut()
        {
            last.push(' ');
            last.push_str(&p);
        } else if !p.trim().is_empty() {
            merged.push(p);
        }
    }
    if !greeting.is_empty() {
        match merged.last_mut() {
            Some(last) => {
                last.push(' ');
                last.push_str(greeting.trim_end());
            }
            None => merged.push(greeting.trim_end().to_string()),
        }
    }
    if merged.is_empty() {
        merged.push(text.to_string());
    }
    merged
}

/// A message's sentences: cut after `?`, a line break, or a `.`/`!` before a space ("¿cuanto
/// es la consulta. otra cosa: …"), never inside "9.30".
fn sentences(text: &str) -> Vec<&str> {
    let mut out = vec![];
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let next_space = chars.get(k + 1).is_none_or(|&(_, n)| n.is_whitespace());
        if c == '?' || c == '\n' || (matches!(c, '.' | '!') && next_space) {
            let end = at + c.len_utf8();
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// What a passage in another language states that needs no translation: names, numbers,
/// times and amounts ("Sanitas, Adeslas, DKV", "9:00–13:00", "200 €").
pub(super) fn facts_of(text: &str) -> Vec<String> {
    let mut facts: Vec<String> = vec![];
    // Capitalised words in a row are one name ("Rua Rosa Araújo", "Blue Cross Blue Shield").
    let mut name: Vec<&str> = vec![];
    let mut sentence_start = true;
    let keep = |facts: &mut Vec<String>, fact: String| {
        if !fact.is_empty() && !facts.contains(&fact) {
            facts.push(fact);
        }
    };
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric() && !"€$₺%".contains(c));
        // A colon or semicolon introduces or joins, it does not end: "Yes: Visa, Mastercard".
        let ends = raw.ends_with(['.', '!', '?']);
        let numeric = token.chars().any(|c| c.is_ascii_digit());
        // An acronym is a name even where a sentence starts ("SGK anlaşmamız yoktur").
        let acronym = token.chars().count() > 1 && token.chars().all(char::is_uppercase);
        let proper = (!sentence_start || acronym)
            && token.chars().next().is_some_and(char::is_uppercase)
            && token.chars().count() > 1;
        if proper {
            name.push(token);
        } else {
            keep(&mut facts, name.join(" "));
            name.clear();
            if numeric {
                keep(&mut facts, token.to_string());
            }
        }
        // A list ends a name: "Médis, Multicare".
        if raw.ends_with([',', ';', ':']) || ends {
            keep(&mut facts, name.join(" "));
            name.clear();
        }
        sentence_start = ends;
    }
    keep(&mut facts, name.join(" "));
    facts
}

/// Whether a knowledge hit is sure enough to answer with.
pub(super) fn confident(hit: &KnowledgeHit, question: &str) -> bool {
    match hit.similarity {
        Some(s) => s >= MIN_ANSWER_SIMILARITY,
        // Without vectors, words decide: most of the FAQ's question (or of the patient's
        // question, for a passage) must be there, not one shared word.
        None => {
            let asked = content_words(question);
            match &hit.question {
                Some(faq) => {
                    let faq = content_words(faq);
                    covered(&faq, &asked) >= 0.6 && covered(&asked, &faq) >= 0.5
                }
                None => asked.len() >= 2 && covered(&asked, &content_words(&hit.text)) >= 0.75,
            }
        }
    }
}

/// Words that carry meaning, cut to a 5-letter stem so suffixes do not matter
/// ("ödeme"/"ödemeyi", "cards"/"card").
pub(super) fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| w.chars().count() > 3)
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// The share of `these` found in `within`.
pub(super) fn covered(these: &[String], within: &[String]) -> f32 {
    if these.is_empty() {
        return 0.0;
    }
    let found = these.iter().filter(|w| within.contains(w)).count();
    found as f32 / these.len() as f32
}

/// A passage cut at a sentence end near the length limit.
pub(super) fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_ANSWER_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_ANSWER_CHARS).collect();
    match cut.rfind(['.', '!', '?']) {
        Some(end) if end > MAX_ANSWER_CHARS / 3 => cut[..=end].to_string(),
        _ => format!("{}…", cut.trim_end()),
    }
}

/// Whether a message asks something, by its mark or its words ("can i come on a saturday",
/// "taksit yapıyor musunuz", "dá pra parcelar no cartão").
pub(super) fn asks(text: &str) -> bool {
    let ws = words(text);
    text.contains('?')
        || asks_if_offered(text)
        || has_any(
            &ws,
            &[
                "can i",
                "could i",
                "do you",
                "do i",
                "is there",
                "are there",
                "are you",
                "what",
                "where",
                "how",
                "which",
                "when",
                "any",
                "should i",
                "mi",
                "mu",
                "misiniz",
                "musunuz",
                "miyim",
                "nerede",
                "nereye",
                "nasil",
                "ne",
                "kac",
                "var",
                "onde",
                "como",
                "qual",
                "quais",
                "quanto",
                "da pra",
                "posso",
                "preciso",
                "aceitam",
                "donde",
                "cual",
                "cuanto",
                "cuantas",
                "cuantos",
                "quantas",
                "quantos",
                "hay",
                "puedo",
                "tengo que",
                "aceptan",
                "trabajais",
                "nedir",
                "neler",
                "hangi",
                "ne kadar",
                "gerek",
                "lazim",
            ],
        )
        || has_stem(&ws, &["musunuz", "misiniz", "miyiz"])
}

/// Whether a message asks if the clinic offers something ("do you do botox?", "¿hacéis
/// acupuntura?", "vocês fazem…", "akupunktur yapıyor musunuz?").
pub(super) fn asks_if_offered(text: &str) -> bool {
    let ws = words(text);
    has_any(
        &ws,
        &[
            "do you do",
            "do you offer",
            "do you have",
            "do you provide",
            "can you do",
            "do you treat",
            "haceis",
            "haceis",
            "hacen",
            "ofrecen",
            "ofreceis",
            "teneis",
            "tienen",
            "fazem",
            "voces fazem",
            "oferecem",
            "tem",
            "yapiyor musunuz",
            "yapiyormusunuz",
            "var mi",
            "yapilir mi",
            "yapiliyor mu",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_in_another_language_gives_its_names_whole_and_its_numbers() {
        assert_eq!(
            facts_of(
                "Há um parque público na Rua Rosa Araújo, a dois minutos a pé; a clínica não tem."
            ),
            ["Rua Rosa Araújo"]
        );
        assert_eq!(
            facts_of(
                "We accept Blue Cross Blue Shield, Harvard Pilgrim, Tufts and Medicare; bring your card."
            ),
            [
                "Blue Cross Blue Shield",
                "Harvard Pilgrim",
                "Tufts",
                "Medicare"
            ]
        );
        assert_eq!(
            facts_of("Anlaşmalı özel sigortalarla çalışıyoruz; SGK anlaşmamız yoktur."),
            ["SGK"]
        );
        assert_eq!(
            facts_of("Temos convênio com o estacionamento da Rua Augusta 1480: 2 horas por R$ 15."),
            ["Rua Augusta", "1480", "2", "R$", "15"]
        );
    }

    #[test]
    fn two_questions_split_at_also_in_every_language() {
        for (text, parts) in [
            (
                "check-up ne kadar ayrıca kan tahlilinden önce aç kalmam gerekiyor mu",
                2,
            ),
            ("ekg ne kadar bir de genel muayene ücreti nedir", 2),
            (
                "rehabilitasyon muayenesi ne kadar uygunsa 04.05 10.30'da randevu almak istiyorum",
                2,
            ),
            (
                "quanto fica clínico geral? tbm queria saber: preciso de jejum?",
                2,
            ),
            ("how much is a cleaning and do you open on Saturdays?", 2),
            ("bir de otopark var mı?", 1),
            (
                "¿cuanto es consulta de cardiologia. otra cosa: cual es la direccion?",
                2,
            ),
            (
                "oii, onde voces ficam aproveitando, estao abertos ao sabado?",
                2,
            ),
            ("¿dónde están de paso, me cubre el seguro?", 2),
            ("is 9.30 free on the 12th?", 1),
            (
                "hi! how much is a filling. by the way, is there parking?",
                2,
            ),
            (
                "Hola, ¿que tal?. ¿tienen convenio con alguna aseguradora?",
                1,
            ),
        ] {
            assert_eq!(
                questions(text).len(),
                parts,
                "{text}: {:?}",
                questions(text)
            );
        }
    }
}
