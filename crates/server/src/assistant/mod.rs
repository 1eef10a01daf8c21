//! The assistant in the server: the built-in engine answering turns through a
//! [`desk::ConversationDesk`] bound to the turn's conversation.

pub mod desk;

use std::sync::Arc;

use async_trait::async_trait;
use frontdesk_assistant::{Builtin, Desk, DeskError};
use frontdesk_domain::Clinic;
use frontdesk_store::TurnInput;

use crate::messaging::assistant::{Assistant, AssistantReply};

/// The built-in engine (no API key, no network).
#[derive(Clone, Default)]
pub struct BuiltinAssistant {
    engine: Builtin,
}

impl BuiltinAssistant {
    /// With the knowledge base's embedder, intents the rules miss are read by the model.
    pub fn new(embedder: Option<Arc<dyn frontdesk_knowledge::Embedder>>) -> Self {
        BuiltinAssistant {
            engine: Builtin::new(embedder),
        }
    }
}

impl BuiltinAssistant {
    /// The engine with the configured embedding model (shared with the knowledge base).
    pub fn for_config(config: &crate::configuration::Config) -> Arc<dyn Assistant> {
        let knowledge = crate::knowledge::Knowledge::from_config(config);
        Arc::new(BuiltinAssistant::new(knowledge.embedder().cloned()))
    }
}

/// The patient's new messages as one text (a burst is one turn).
pub fn pending_text(input: &TurnInput) -> String {
    input
        .pending
        .iter()
        .map(|m| m.preview.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

#[async_trait]
impl Assistant for BuiltinAssistant {
    async fn reply(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
    ) -> Result<AssistantReply, DeskError> {
        let text = pending_text(input);
        match self
            .engine
            .respond(clinic, &text, &input.conversation.state, desk)
            .await
        {
            Ok(r) => Ok(AssistantReply {
                messages: r.messages,
                state: serde_json::to_value(&r.memory).unwrap_or_default(),
                needs_human: r.needs_human,
            }),
            // The store is down: the turn runs again later.
            Err(e @ DeskError::Unavailable(_)) => Err(e),
            // Anything else the dialog did not expect: a person takes over, politely.
            Err(e) => {
                tracing::warn!(error = %e, "the assistant could not finish the turn; handing over");
                let language = frontdesk_assistant::language::detect(&text)
                    .unwrap_or(clinic.profile.default_language);
                Ok(AssistantReply {
                    messages: vec![frontdesk_assistant::reply::say(
                        language,
                        &frontdesk_assistant::reply::Say::Handoff,
                    )],
                    state: serde_json::json!({}),
                    needs_human: Some(format!("the assistant could not finish: {e}")),
                })
            }
        }
    }
}
