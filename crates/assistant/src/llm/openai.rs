//! OpenAI-compatible chat completions (`/v1/chat/completions`): OpenAI, DeepSeek, Groq,
//! Ollama, vLLM, llama.cpp's server. Streams with server-sent events and assembles tool calls
//! from their pieces.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

use super::{
    ChatMessage, ChatRequest, ChatResponse, ChatRole, LlmClient, LlmError, ToolCall, Usage,
    provider_error, read_events,
};

/// A client of one OpenAI-compatible endpoint.
#[derive(Clone)]
pub struct OpenAiChat {
    http: reqwest::Client,
    url: String,
    api_key: Option<String>,
    timeout: Duration,
}

impl std::fmt::Debug for OpenAiChat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiChat")
            .field("url", &self.url)
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl OpenAiChat {
    /// A client of `base_url` (e.g. `https://api.openai.com`, `http://localhost:11434`;
    /// `/v1/chat/completions` is appended), giving each call at most `timeout`.
    pub fn new(base_url: &str, api_key: Option<String>, timeout: Duration) -> Self {
        OpenAiChat {
            http: reqwest::Client::new(),
            url: format!("{}/v1/chat/completions", base_url.trim_end_matches('/')),
            api_key: api_key.filter(|k| !k.is_empty()),
            timeout,
        }
    }
}

fn message(m: &ChatMessage) -> Value {
    match m.role {
        ChatRole::Tool => json!({
            "role": "tool",
            "tool_call_id": m.tool_call_id,
            "content": m.content,
        }),
        ChatRole::Assistant if !m.tool_calls.is_empty() => json!({
            "role": "assistant",
            "content": if m.content.is_empty() { Value::Null } else { Value::String(m.content.clone()) },
            "tool_calls": m.tool_calls.iter().map(|c| json!({
                "id": c.id,
                "type": "function",
                "function": {"name": c.name, "arguments": c.arguments},
            })).collect::<Vec<_>>(),
        }),
        role => json!({
            "role": match role {
                ChatRole::System => "system",
                ChatRole::User => "user",
                _ => "assistant",
            },
            "content": m.content,
        }),
    }
}

/// The request body in the API's wire format.
pub fn body(request: &ChatRequest) -> Value {
    let mut body = json!({
        "model": request.model,
        "messages": request.messages.iter().map(message).collect::<Vec<_>>(),
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
        "stream": true,
        "stream_options": {"include_usage": true},
    });
    if !request.tools.is_empty() {
        body["tools"] = request
            .tools
            .iter()
            .map(|t| {
                json!({
                    "type": "function",
                    "function": {"name": t.name, "description": t.description, "parameters": t.parameters},
                })
            })
            .collect();
    }
    body
}

/// Tool calls arrive in pieces, keyed by index.
#[derive(Default)]
struct Assembly {
    content: String,
    calls: Vec<ToolCall>,
    usage: Usage,
}

impl Assembly {
    fn take(&mut self, chunk: &Value, delta: &(dyn for<'a> Fn(&'a str) + Send + Sync)) {
        if let Some(u) = chunk.get("usage").filter(|u| !u.is_null()) {
            self.usage = Usage {
                prompt_tokens: u["prompt_tokens"].as_u64().unwrap_or(0),
                completion_tokens: u["completion_tokens"].as_u64().unwrap_or(0),
            };
        }
        let Some(choice) = chunk["choices"].get(0) else {
            return;
        };
        // A non-streamed answer (some servers ignore `stream`) has `message`.
        let part = if choice.get("delta").is_some() {
            &choice["delta"]
        } else {
            &choice["message"]
        };
        if let Some(text) = part["content"].as_str()
            && !text.is_empty()
        {
            self.content.push_str(text);
            delta(text);
        }
        if let Some(calls) = part["tool_calls"].as_array() {
            for (n, c) in calls.iter().enumerate() {
                let index = c["index"].as_u64().map(|i| i as usize).unwrap_or(n);
                while self.calls.len() <= index {
                    self.calls.push(ToolCall {
                        id: String::new(),
                        name: String::new(),
                        arguments: String::new(),
                    });
                }
                let call = &mut self.calls[index];
                if let Some(id) = c["id"].as_str() {
                    call.id = id.to_string();
                }
                if let Some(name) = c["function"]["name"].as_str() {
                    call.name.push_str(name);
                }
                if let Some(args) = c["function"]["arguments"].as_str() {
                    call.arguments.push_str(args);
                }
            }
        }
    }
}

#[async_trait]
impl LlmClient for OpenAiChat {
    async fn chat(
        &self,
        request: &ChatRequest,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<ChatResponse, LlmError> {
        let call = async {
            let mut http = self.http.post(&self.url).json(&body(request));
            if let Some(key) = &self.api_key {
                http = http.bearer_auth(key);
            }
            let response = http
                .send()
                .await
                .map_err(|e| LlmError::Transport(e.to_string()))?;
            if !response.status().is_success() {
                return Err(provider_error(response).await);
            }
            let streamed = response
                .headers()
                .get(reqwest::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/event-stream"));
            let mut assembly = Assembly::default();
            if streamed {
                read_events(response, |data| {
                    if data == "[DONE]" {
                        return Ok(());
                    }
                    let chunk: Value = serde_json::from_str(data)
                        .map_err(|e| LlmError::Transport(format!("unreadable event: {e}")))?;
                    assembly.take(&chunk, delta);
                    Ok(())
                })
                .await?;
            } else {
                let whole: Value = response
                    .json()
                    .await
                    .map_err(|e| LlmError::Transport(e.to_string()))?;
                assembly.take(&whole, delta);
            }
            for (i, c) in assembly.calls.iter_mut().enumerate() {
                if c.id.is_empty() {
                    c.id = format!("call_{i}");
                }
            }
            Ok(ChatResponse {
                content: assembly.content,
                tool_calls: assembly.calls,
                usage: assembly.usage,
            })
        };
        tokio::time::timeout(self.timeout, call)
            .await
            .map_err(|_| LlmError::Timeout(self.timeout))?
    }
}
