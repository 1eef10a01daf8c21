//! The assistant in the server: each clinic's chosen engine — built-in, or its language model
//! with the built-in engine behind it — answering turns through a
//! [`desk::ConversationDesk`] bound to the turn's conversation.

pub mod desk;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use frontdesk_assistant::llm::engine::{LlmEngine, ModelSettings};
use frontdesk_assistant::llm::gemini::GeminiChat;
use frontdesk_assistant::llm::openai::OpenAiChat;
use frontdesk_assistant::llm::{ChatRole, LlmClient};
use frontdesk_assistant::{Builtin, Desk, DeskError};
use frontdesk_domain::Clinic;
use frontdesk_domain::assistant_settings::{AssistantSettings, Engine, GEMINI_URL};
use frontdesk_domain::messaging::Direction;
use frontdesk_store::{Store, TurnInput};

use crate::configuration::Config;
use crate::credentials::CredentialKeys;
use crate::knowledge::Knowledge;
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
                state: keep_llm_memory(&input.conversation.state, &r.memory),
                needs_human: r.needs_human,
                usage: None,
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
                    usage: None,
                })
            }
        }
    }
}

/// The built-in engine's memory, keeping the LLM engine's beside it (a clinic may switch).
fn keep_llm_memory(
    before: &serde_json::Value,
    memory: &frontdesk_assistant::Memory,
) -> serde_json::Value {
    let mut state = serde_json::to_value(memory).unwrap_or_default();
    if let Some(llm) = before.get("llm") {
        state["llm"] = llm.clone();
    }
    state
}

/// Answers each clinic with the engine it chose in its assistant settings.
pub struct ClinicAssistant {
    store: Arc<dyn Store>,
    keys: CredentialKeys,
    builtin: BuiltinAssistant,
}

impl ClinicAssistant {
    /// Reads each clinic's settings from `store`, opening API keys with `keys`; the built-in
    /// engine uses `embedder` for intents its rules miss.
    pub fn new(
        store: Arc<dyn Store>,
        keys: CredentialKeys,
        embedder: Option<Arc<dyn frontdesk_knowledge::Embedder>>,
    ) -> Self {
        ClinicAssistant {
            store,
            keys,
            builtin: BuiltinAssistant::new(embedder),
        }
    }

    /// The one a server runs by default: the built-in engine using the configured
    /// embedding model, API keys opened with the configured credential keys.
    pub fn from_config(config: &Config, store: Arc<dyn Store>) -> Self {
        let knowledge = Knowledge::from_config(config);
        ClinicAssistant::new(
            store,
            CredentialKeys::new(&config.credential_keys, &config.secret_key),
            knowledge.embedder().cloned(),
        )
    }

    fn client(
        &self,
        clinic: &Clinic,
        s: &AssistantSettings,
        key: Option<&str>,
    ) -> Result<Arc<dyn LlmClient>, String> {
        let api_key = key
            .map(|sealed| {
                self.keys
                    .open(clinic.id, sealed)
                    .map_err(|e| format!("the API key cannot be opened: {e}"))
                    .and_then(|k| {
                        String::from_utf8(k).map_err(|_| "the API key is not text".to_string())
                    })
            })
            .transpose()?;
        let timeout = Duration::from_millis(u64::from(s.timeout_ms));
        Ok(match s.engine {
            Engine::Gemini => Arc::new(GeminiChat::new(
                s.base_url.as_deref().unwrap_or(GEMINI_URL),
                api_key.unwrap_or_default(),
                timeout,
            )),
            _ => Arc::new(OpenAiChat::new(
                s.base_url.as_deref().unwrap_or_default(),
                api_key,
                timeout,
            )),
        })
    }
}

/// The conversation so far as the model reads it.
fn history(input: &TurnInput) -> Vec<(ChatRole, String)> {
    input
        .recent
        .iter()
        .map(|m| {
            let role = if m.direction == Direction::Inbound {
                ChatRole::User
            } else {
                ChatRole::Assistant
            };
            (role, m.preview.clone())
        })
        .collect()
}

#[async_trait]
impl Assistant for ClinicAssistant {
    async fn warm_up(&self) {
        self.builtin.engine.warm_up().await;
    }

    async fn reply(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
    ) -> Result<AssistantReply, DeskError> {
        self.reply_streaming(clinic, input, desk, &|_: &str| {})
            .await
    }

    async fn reply_streaming(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<AssistantReply, DeskError> {
        let stored = self
            .store
            .assistant_settings(clinic.id)
            .await
            .map_err(|e| DeskError::Unavailable(e.to_string()))?;
        let Some(stored) = stored.filter(|s| s.settings.engine != Engine::Builtin) else {
            return self.builtin.reply(clinic, input, desk).await;
        };
        let s = &stored.settings;
        let client = match self.client(clinic, s, stored.api_key.as_deref()) {
            Ok(c) => c,
            Err(why) => {
                tracing::warn!(clinic = %clinic.id, %why, "the clinic's model cannot be called; the built-in engine answers");
                return self.builtin.reply(clinic, input, desk).await;
            }
        };
        let engine = LlmEngine::new(
            client,
            ModelSettings {
                model: s.model.clone(),
                temperature: s.temperature,
                max_tokens: s.max_tokens,
            },
            self.builtin.engine.clone(),
        );
        let text = pending_text(input);
        let r = engine
            .respond(
                clinic,
                &text,
                &history(input),
                &input.conversation.state,
                desk,
                delta,
            )
            .await?;
        if let Some(why) = &r.fell_back {
            tracing::warn!(clinic = %clinic.id, %why, "the model failed; the built-in engine answered");
        }
        let usage = serde_json::json!({
            "engine": s.engine,
            "model": s.model,
            "prompt_tokens": r.usage.prompt_tokens,
            "completion_tokens": r.usage.completion_tokens,
            "cost_usd": s.cost_usd(r.usage.prompt_tokens, r.usage.completion_tokens),
            "fell_back": r.fell_back,
        });
        Ok(AssistantReply {
            messages: r.reply.messages,
            state: r.state,
            needs_human: r.reply.needs_human,
            usage: Some(usage),
        })
    }
}
