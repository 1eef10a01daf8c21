//! The LLM engine's parts: one client trait over the providers' chat APIs (OpenAI-compatible
//! chat completions, Google Gemini), with tool calling and streaming.

pub mod engine;
pub mod gemini;
pub mod openai;
pub mod tools;

use std::time::Duration;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// Who wrote a message of the chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChatRole {
    /// The rules and the clinic's data.
    System,
    /// The patient.
    User,
    /// The model.
    Assistant,
    /// A tool's result.
    Tool,
}

/// A tool the model asked to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The provider's id for the call (answered with the result).
    pub id: String,
    /// The tool.
    pub name: String,
    /// Its arguments, as the model wrote them (JSON text).
    pub arguments: String,
}

/// One message of the chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatMessage {
    /// Who.
    pub role: ChatRole,
    /// Text (empty for a message that only calls tools).
    pub content: String,
    /// The tools an assistant message calls.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tool_calls: Vec<ToolCall>,
    /// For a tool result: the call it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tool_call_id: Option<String>,
    /// For a tool result: the tool's name (Gemini wants it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl ChatMessage {
    /// A message of `role` with `content`.
    pub fn new(role: ChatRole, content: impl Into<String>) -> Self {
        ChatMessage {
            role,
            content: content.into(),
            tool_calls: vec![],
            tool_call_id: None,
            name: None,
        }
    }

    /// A tool's result for `call`.
    pub fn tool_result(call: &ToolCall, content: impl Into<String>) -> Self {
        ChatMessage {
            role: ChatRole::Tool,
            content: content.into(),
            tool_calls: vec![],
            tool_call_id: Some(call.id.clone()),
            name: Some(call.name.clone()),
        }
    }
}

/// A tool the model may call.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    /// Its name.
    pub name: &'static str,
    /// What it does, for the model.
    pub description: &'static str,
    /// Its arguments as a JSON schema object.
    pub parameters: serde_json::Value,
}

/// One call of the model.
#[derive(Debug, Clone)]
pub struct ChatRequest {
    /// The model, e.g. `gpt-4o-mini`, `deepseek-chat`, `llama3.1`, `gemini-2.0-flash`.
    pub model: String,
    /// Sampling temperature.
    pub temperature: f32,
    /// Longest answer.
    pub max_tokens: u32,
    /// The chat so far, system prompt first.
    pub messages: Vec<ChatMessage>,
    /// The tools it may call.
    pub tools: Vec<ToolSpec>,
}

/// Tokens one call used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Read.
    pub prompt_tokens: u64,
    /// Written.
    pub completion_tokens: u64,
}

impl std::ops::Add for Usage {
    type Output = Usage;

    /// Both calls' tokens.
    fn add(self, other: Usage) -> Usage {
        Usage {
            prompt_tokens: self.prompt_tokens + other.prompt_tokens,
            completion_tokens: self.completion_tokens + other.completion_tokens,
        }
    }
}

/// What the model answered.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChatResponse {
    /// Its text.
    pub content: String,
    /// The tools it calls.
    pub tool_calls: Vec<ToolCall>,
    /// Tokens used.
    pub usage: Usage,
}

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LlmError {
    /// The provider did not answer in time.
    #[error("the model did not answer within {0:?}")]
    Timeout(Duration),
    /// The provider answered with an error.
    #[error("the model's provider answered {status}: {message}")]
    Provider {
        /// HTTP status.
        status: u16,
        /// The provider's words.
        message: String,
    },
    /// It could not be reached or its answer could not be read.
    #[error("the model's provider: {0}")]
    Transport(String),
}

/// A chat model behind some provider's API.
#[async_trait]
pub trait LlmClient: Send + Sync {
    /// Calls the model, handing each piece of text to `delta` as it streams in.
    async fn chat(
        &self,
        request: &ChatRequest,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<ChatResponse, LlmError>;
}

/// Reads a streamed body as server-sent events, handing each `data:` payload to `event`.
pub(crate) async fn read_events(
    mut response: reqwest::Response,
    mut event: impl FnMut(&str) -> Result<(), LlmError>,
) -> Result<(), LlmError> {
    let mut buffer = String::new();
    loop {
        let chunk = response
            .chunk()
            .await
            .map_err(|e| LlmError::Transport(e.to_string()))?;
        let Some(chunk) = chunk else { break };
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find('\n') {
            let line: String = buffer.drain(..=end).collect();
            let line = line.trim_end_matches(['\r', '\n']);
            if let Some(data) = line.strip_prefix("data:") {
                event(data.trim_start())?;
            }
        }
    }
    if let Some(data) = buffer.trim().strip_prefix("data:") {
        event(data.trim_start())?;
    }
    Ok(())
}

/// The provider's error text, shortened.
pub(crate) async fn provider_error(response: reqwest::Response) -> LlmError {
    let status = response.status().as_u16();
    let body = response.text().await.unwrap_or_default();
    let message = serde_json::from_str::<serde_json::Value>(&body)
        .ok()
        .and_then(|v| {
            v["error"]["message"]
                .as_str()
                .or_else(|| v["error"].as_str())
                .map(String::from)
        })
        .unwrap_or_else(|| body.chars().take(300).collect());
    LlmError::Provider { status, message }
}
