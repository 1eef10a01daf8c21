//! The assistant as a turn sees it: given the conversation and its new messages, what to
//! say, what to remember, and whether a person is needed. [`Acknowledgement`] is the
//! simplest one (it only acknowledges); the built-in engine lives in the `assistant` module.

use async_trait::async_trait;
use frontdesk_assistant::{Desk, DeskError};
use frontdesk_domain::{Clinic, Language};
use frontdesk_store::TurnInput;

/// What one turn decided.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssistantReply {
    /// Texts to send, in order.
    pub messages: Vec<String>,
    /// The conversation's new memory.
    pub state: serde_json::Value,
    /// Set when a person must take over, with the reason staff will see.
    pub needs_human: Option<String>,
    /// The model's tokens and their cost, recorded on the turn's first reply.
    pub usage: Option<serde_json::Value>,
}

/// Answers a conversation's turn.
#[async_trait]
pub trait Assistant: Send + Sync {
    /// The reply to `input`'s pending messages; it acts only through `desk`, which is bound
    /// to this conversation. An error means the turn should run again later.
    async fn reply(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
    ) -> Result<AssistantReply, DeskError>;

    /// Prepares what the first turn would otherwise wait for (the intent model's examples).
    async fn warm_up(&self) {}

    /// The same, handing each piece of text to `delta` as it is written, for chats that show
    /// a reply as it grows (the web chat). The whole reply is still returned and sent as
    /// usual. An assistant that cannot stream streams nothing.
    async fn reply_streaming(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<AssistantReply, DeskError> {
        let _ = delta;
        self.reply(clinic, input, desk).await
    }
}

/// Says the message arrived, in the clinic's language; hands over to a person when asked.
#[derive(Debug, Default)]
pub struct Acknowledgement;

/// Words patients use to ask for a person, in the four languages we start with.
const ASKS_FOR_A_PERSON: &[&str] = &[
    "human",
    "person",
    "agent",
    "someone real", // en
    "insan",
    "temsilci",
    "yetkili",
    "gerçek kişi", // tr
    "atendente",
    "humano",
    "pessoa", // pt
    "persona",
    "agente",
    "operador", // es
];

fn asks_for_a_person(text: &str) -> bool {
    let lower = text.to_lowercase();
    ASKS_FOR_A_PERSON.iter().any(|w| lower.contains(w))
}

fn acknowledgement(language: Language, handing_over: bool) -> &'static str {
    match (language.code(), handing_over) {
        ("tr", false) => {
            "Mesajınız bize ulaştı, teşekkürler. Klinik ekibimiz size en kısa sürede dönecek."
        }
        ("tr", true) => "Sizi ekibimizden birine aktarıyorum; en kısa sürede size yazacaklar.",
        ("pt", false) => {
            "Recebemos a sua mensagem, obrigado. A equipe da clínica vai responder em breve."
        }
        ("pt", true) => "Vou passar você para alguém da nossa equipe; vão responder em breve.",
        ("es", false) => {
            "Hemos recibido su mensaje, gracias. El equipo de la clínica le responderá pronto."
        }
        ("es", true) => "Le paso con alguien de nuestro equipo; le escribirán pronto.",
        (_, false) => "Thanks, we got your message. The clinic team will get back to you shortly.",
        (_, true) => "I'm passing you to someone on our team; they will write to you shortly.",
    }
}

#[async_trait]
impl Assistant for Acknowledgement {
    async fn reply(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        _desk: &dyn Desk,
    ) -> Result<AssistantReply, DeskError> {
        let language = clinic.profile.default_language;
        let wants_person = input.pending.iter().any(|m| asks_for_a_person(&m.preview));
        let mut state = input.conversation.state.clone();
        if let serde_json::Value::Object(map) = &mut state {
            let turns = map.get("turns").and_then(|t| t.as_u64()).unwrap_or(0);
            map.insert("turns".into(), (turns + 1).into());
        } else {
            state = serde_json::json!({ "turns": 1 });
        }
        Ok(AssistantReply {
            messages: vec![acknowledgement(language, wants_person).to_string()],
            state,
            needs_human: wants_person.then(|| "the patient asked for a person".to_string()),
            usage: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_for_a_person_are_heard_in_each_language() {
        for text in [
            "Can I talk to a human?",
            "Bir temsilci ile görüşmek istiyorum",
            "quero falar com um atendente",
            "¿Puedo hablar con una persona?",
        ] {
            assert!(asks_for_a_person(text), "{text}");
        }
        assert!(!asks_for_a_person("Quero marcar uma limpeza amanhã"));
    }
}
