//! Answers: the clinic's own facts (prices, hours, address), passages from its knowledge
//! base in the patient's language, and "I'll check with the team" when nothing answers.

use super::{ADDRESS_WORDS, Builtin, HOURS_WORDS, PRICE_WORDS, Turn, excerpt};
use crate::desk::{DeskError, KnowledgeHit};
use crate::details;
use crate::reply::{self, Say};
use crate::text::{has_any, words};

/// Similarity a knowledge hit needs to be given as the answer.
pub(super) const MIN_ANSWER_SIMILARITY: f32 = 0.82;
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
        if has_any(&ws, HOURS_WORDS) {
            if !said.iter().any(|s| s == "hours") {
                t.say(Say::Hours {
                    hours: reply::opening_hours(t.lang, &profile.opening_hours),
                });
            }
            return Ok(Some("hours".into()));
        }
        if has_any(&ws, ADDRESS_WORDS) && !profile.address.trim().is_empty() {
            if !said.iter().any(|s| s == "address") {
                t.say(Say::Address {
                    address: profile.address.clone(),
                });
            }
            return Ok(Some("address".into()));
        }
        let hits = t.desk.search_knowledge(text).await?;
        // The search's own ranking decides which passage answers; a passage that does not
        // answer is declined, never quoted because it happens to share a word.
        let Some(hit) = hits.iter().find(|h| confident(h, text)) else {
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
        let written_in = crate::language::detect(&hit.text)
            .or_else(|| frontdesk_knowledge::language::detect(&hit.text));
        match written_in {
            Some(l) if l != t.lang => {
                // Never another language's text as the answer: its facts, said in ours.
                let facts = facts_of(&hit.text);
                if facts.is_empty() {
                    return Ok(None);
                }
                t.say(Say::FactsInAnotherLanguage { facts });
            }
            _ => t.say(Say::Answer {
                text: quote(&hit.text),
            }),
        }
        Ok(Some("knowledge".into()))
    }
}

/// The questions in a message: split at question marks and at "and"/"e"/"y"/"ve"/"also"
/// joining two questions.
pub(super) fn questions(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = vec![];
    for sentence in text.split_inclusive(['?', '\n']) {
        let ws: Vec<&str> = sentence.split_whitespace().collect();
        let mut current: Vec<&str> = vec![];
        for w in ws {
            let joiner = [
                "and", "also", "e", "y", "ve", "ayrica", "também", "tambem", "también", "tambien",
                "plus",
            ]
            .contains(
                &w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric()),
            );
            if joiner && current.len() >= 3 {
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
    // A fragment too short to ask anything joins the part before it.
    let mut merged: Vec<String> = vec![];
    for p in parts {
        if words(&p).len() < 2
            && let Some(last) = merged.last_mut()
        {
            last.push(' ');
            last.push_str(&p);
        } else if !p.trim().is_empty() {
            merged.push(p);
        }
    }
    if merged.is_empty() {
        merged.push(text.to_string());
    }
    merged
}

/// What a passage in another language states that needs no translation: names, numbers,
/// times and amounts ("Sanitas, Adeslas, DKV", "9:00–13:00", "200 €").
pub(super) fn facts_of(text: &str) -> Vec<String> {
    let mut facts: Vec<String> = vec![];
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric() && !"€$₺%".contains(c));
        // A colon introduces, it does not end: "Yes: Visa, Mastercard".
        let ends = raw.ends_with(['.', '!', '?', ';']);
        let numeric = token.chars().any(|c| c.is_ascii_digit());
        let proper = !sentence_start
            && token.chars().next().is_some_and(char::is_uppercase)
            && token.chars().count() > 1;
        if (numeric || proper) && !facts.iter().any(|f| f == token) {
            facts.push(token.to_string());
        }
        sentence_start = ends;
    }
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
