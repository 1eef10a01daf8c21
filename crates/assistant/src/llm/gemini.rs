//! Google Gemini (`/v1beta/models/{model}:streamGenerateContent?alt=sse`) with function
//! calling.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

use super::{
    ChatRequest, ChatResponse, ChatRole, LlmClient, LlmError, ToolCall, Usage, provider_error,
    read_events,
};

/// A client of the Gemini API.
#[derive(Clone)]
pub struct GeminiChat {
    http: reqwest::Client,
    base: String,
    api_key: String,
    timeout: Duration,
}

impl std::fmt::Debug for GeminiChat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GeminiChat")
            .field("base", &self.base)
            .field("api_key", &"<redacted>")
            .finish()
    }
}

impl GeminiChat {
    /// A client of `base_url` (`https://generativelanguage.googleapis.com` by default).
    pub fn new(base_url: &str, api_key: String, timeout: Duration) -> Self {
        GeminiChat {
            http: reqwest::Client::new(),
            base: base_url.trim_end_matches('/').to_string(),
            api_key,
            timeout,
        }
    }
}

/// Gemini reads an OpenAPI subset of JSON schema: no `additionalProperties`.
fn schema(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "additionalProperties")
                .map(|(k, v)| (k.clone(), schema(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(schema).collect()),
        other => other.clone(),
    }
}

/// The request body in the API's wire format.
pub fn body(request: &ChatRequest) -> Value {
    let system: Vec<&str> = request
        .messages
        .iter()
        .filter(|m| m.role == ChatRole::System)
        .map(|m| m.content.as_str())
        .collect();
    let contents: Vec<Value> = request
        .messages
        .iter()
        .filter(|m| m.role != ChatRole::System)
        .map(|m| match m.role {
            ChatRole::Tool => {
                let result: Value = serde_json::from_str(&m.content)
                    .unwrap_or_else(|_| Value::String(m.content.clone()));
                json!({"role": "user", "parts": [{"functionResponse": {
                    "name": m.name.clone().unwrap_or_default(),
                    "response": {"result": result},
                }}]})
            }
            ChatRole::Assistant => {
                let mut parts = vec![];
                if !m.content.is_empty() {
                    parts.push(json!({"text": m.content}));
                }
                for c in &m.tool_calls {
                    let args: Value =
                        serde_json::from_str(&c.arguments).unwrap_or_else(|_| json!({}));
                    parts.push(json!({"functionCall": {"name": c.name, "args": args}}));
                }
                json!({"role": "model", "parts": parts})
            }
            _ => json!({"role": "user", "parts": [{"text": m.content}]}),
        })
        .collect();
    let mut body = json!({
        "contents": contents,
        "generationConfig": {"temperature": request.temperature, "maxOutputTokens": request.max_tokens},
    });
    if !system.is_empty() {
        body["systemInstruction"] = json!({"parts": [{"text": system.join("\n\n")}]});
    }
    if !request.tools.is_empty() {
        body["tools"] = json!([{"functionDeclarations": request.tools.iter().map(|t| json!({
            "name": t.name,
            "description": t.description,
            "parameters": schema(&t.parameters),
        })).collect::<Vec<_>>()}]);
    }
    body
}

#[async_trait]
impl LlmClient for GeminiChat {
    async fn chat(
        &self,
        request: &ChatRequest,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<ChatResponse, LlmError> {
        let url = format!(
            "{}/v1beta/models/{}:streamGenerateContent?alt=sse",
            self.base, request.model
        );
        let call = async {
            let response = self
                .http
                .post(&url)
                .header("x-goog-api-key", &self.api_key)
                .json(&body(request))
                .send()
                .await
                .map_err(|e| LlmError::Transport(e.to_string()))?;
            if !response.status().is_success() {
                return Err(provider_error(response).await);
            }
            let mut out = ChatResponse::default();
            read_events(response, |data| {
                let event: Value = serde_json::from_str(data)
                    .map_err(|e| LlmError::Transport(format!("unreadable event: {e}")))?;
                if let Some(u) = event.get("usageMetadata") {
                    out.usage = Usage {
                        prompt_tokens: u["promptTokenCount"].as_u64().unwrap_or(0),
                        completion_tokens: u["candidatesTokenCount"].as_u64().unwrap_or(0),
                    };
                }
                let parts = event["candidates"][0]["content"]["parts"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                for part in parts {
                    if let Some(text) = part["text"].as_str() {
                        out.content.push_str(text);
                        delta(text);
                    }
                    if let Some(call) = part.get("functionCall") {
                        out.tool_calls.push(ToolCall {
                            id: format!("call_{}", out.tool_calls.len()),
                            name: call["name"].as_str().unwrap_or_default().to_string(),
                            arguments: call["args"].to_string(),
                        });
                    }
                }
                Ok(())
            })
            .await?;
            Ok(out)
        };
        tokio::time::timeout(self.timeout, call)
            .await
            .map_err(|_| LlmError::Timeout(self.timeout))?
    }
}
