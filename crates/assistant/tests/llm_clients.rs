//! The chat clients against local servers that speak the providers' wire formats: OpenAI's
//! streamed chat completions (text and tool calls arriving in pieces, usage in the last
//! chunk), a plain JSON answer, provider errors and timeouts, and Gemini's streamed
//! `generateContent` with function calls.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use frontdesk_assistant::llm::gemini::GeminiChat;
use frontdesk_assistant::llm::openai::OpenAiChat;
use frontdesk_assistant::llm::{ChatMessage, ChatRequest, ChatRole, LlmClient, LlmError, ToolCall};
use serde_json::{Value, json};

#[derive(Clone, Default)]
struct Seen {
    bodies: Arc<Mutex<Vec<Value>>>,
    auth: Arc<Mutex<Vec<String>>>,
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn sse(events: &[Value]) -> ([(header::HeaderName, &'static str); 1], String) {
    let mut body = String::new();
    for e in events {
        body.push_str(&format!("data: {e}\n\n"));
    }
    body.push_str("data: [DONE]\n\n");
    ([(header::CONTENT_TYPE, "text/event-stream")], body)
}

fn request() -> ChatRequest {
    let mut assistant = ChatMessage::new(ChatRole::Assistant, "");
    assistant.tool_calls = vec![ToolCall {
        id: "call_a".into(),
        name: "list_my_appointments".into(),
        arguments: "{}".into(),
    }];
    ChatRequest {
        model: "test-model".into(),
        temperature: 0.2,
        max_tokens: 300,
        messages: vec![
            ChatMessage::new(ChatRole::System, "rules"),
            ChatMessage::new(ChatRole::User, "hi"),
            assistant.clone(),
            ChatMessage::tool_result(&assistant.tool_calls[0], r#"{"appointments":[]}"#),
        ],
        tools: frontdesk_assistant::llm::tools::specs(),
    }
}

#[tokio::test]
async fn openai_streams_text_and_assembles_tool_calls() {
    let seen = Seen::default();
    let app = Router::new()
        .route(
            "/v1/chat/completions",
            post(|State(seen): State<Seen>, headers: HeaderMap, body: axum::Json<Value>| async move {
                seen.bodies.lock().unwrap().push(body.0);
                seen.auth.lock().unwrap().push(
                    headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
                );
                sse(&[
                    json!({"choices": [{"index": 0, "delta": {"role": "assistant", "content": "Let me "}}]}),
                    json!({"choices": [{"index": 0, "delta": {"content": "check."}}]}),
                    json!({"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "call_1", "type": "function", "function": {"name": "find_slots", "arguments": "{\"service\":"}}]}}]}),
                    json!({"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": "\"Cleaning\",\"from\":\"2026-12-01\"}"}}]}}]}),
                    json!({"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 1, "id": "call_2", "type": "function", "function": {"name": "list_my_appointments", "arguments": "{}"}}]}}]}),
                    json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]}),
                    json!({"choices": [], "usage": {"prompt_tokens": 812, "completion_tokens": 37, "total_tokens": 849}}),
                ])
            }),
        )
        .with_state(seen.clone());
    let base = serve(app).await;
    let client = OpenAiChat::new(&base, Some("sk-test".into()), Duration::from_secs(5));
    let pieces = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = pieces.clone();
    let response = client
        .chat(&request(), &move |t: &str| {
            sink.lock().unwrap().push(t.to_string())
        })
        .await
        .unwrap();
    assert_eq!(response.content, "Let me check.");
    assert_eq!(*pieces.lock().unwrap(), ["Let me ", "check."]);
    assert_eq!(response.tool_calls.len(), 2);
    assert_eq!(response.tool_calls[0].id, "call_1");
    assert_eq!(response.tool_calls[0].name, "find_slots");
    let args: Value = serde_json::from_str(&response.tool_calls[0].arguments).unwrap();
    assert_eq!(args, json!({"service": "Cleaning", "from": "2026-12-01"}));
    assert_eq!(response.tool_calls[1].name, "list_my_appointments");
    assert_eq!(
        (
            response.usage.prompt_tokens,
            response.usage.completion_tokens
        ),
        (812, 37)
    );
    // The request in OpenAI's format.
    let body = seen.bodies.lock().unwrap()[0].clone();
    assert_eq!(seen.auth.lock().unwrap()[0], "Bearer sk-test");
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["stream"], true);
    assert_eq!(body["max_tokens"], 300);
    assert_eq!(
        body["messages"][0],
        json!({"role": "system", "content": "rules"})
    );
    assert_eq!(
        body["messages"][2]["tool_calls"][0]["function"]["name"],
        "list_my_appointments"
    );
    assert_eq!(body["messages"][2]["content"], Value::Null);
    assert_eq!(
        body["messages"][3],
        json!({"role": "tool", "tool_call_id": "call_a", "content": "{\"appointments\":[]}"})
    );
    assert_eq!(body["tools"][0]["type"], "function");
    assert_eq!(body["tools"].as_array().unwrap().len(), 8);
}

#[tokio::test]
async fn openai_plain_json_errors_and_timeouts() {
    let app = Router::new()
        .route(
            "/plain/v1/chat/completions",
            post(|| async {
                axum::Json(json!({"choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!"}, "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 5, "completion_tokens": 2}}))
            }),
        )
        .route(
            "/limited/v1/chat/completions",
            post(|| async {
                (StatusCode::TOO_MANY_REQUESTS, axum::Json(json!({"error": {"message": "Rate limit reached", "type": "requests"}})))
            }),
        )
        .route(
            "/slow/v1/chat/completions",
            post(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        );
    let base = serve(app).await;
    let plain = OpenAiChat::new(&format!("{base}/plain"), None, Duration::from_secs(5));
    let r = plain.chat(&request(), &|_: &str| {}).await.unwrap();
    assert_eq!(r.content, "Hello!");
    assert_eq!(r.usage.completion_tokens, 2);
    let limited = OpenAiChat::new(&format!("{base}/limited"), None, Duration::from_secs(5));
    assert_eq!(
        limited.chat(&request(), &|_: &str| {}).await.unwrap_err(),
        LlmError::Provider {
            status: 429,
            message: "Rate limit reached".into()
        }
    );
    let slow = OpenAiChat::new(&format!("{base}/slow"), None, Duration::from_millis(200));
    assert!(matches!(
        slow.chat(&request(), &|_: &str| {}).await,
        Err(LlmError::Timeout(_))
    ));
    let nowhere = OpenAiChat::new("http://127.0.0.1:9", None, Duration::from_secs(2));
    assert!(matches!(
        nowhere.chat(&request(), &|_: &str| {}).await,
        Err(LlmError::Transport(_))
    ));
}

#[tokio::test]
async fn gemini_streams_text_and_function_calls() {
    let seen = Seen::default();
    let app = Router::new()
        .route(
            "/v1beta/models/{call}",
            post(|State(seen): State<Seen>, headers: HeaderMap, body: axum::Json<Value>| async move {
                seen.bodies.lock().unwrap().push(body.0);
                seen.auth.lock().unwrap().push(
                    headers.get("x-goog-api-key").and_then(|v| v.to_str().ok()).unwrap_or("").to_string(),
                );
                let events = [
                    json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "Olá! "}]}}]}),
                    json!({"candidates": [{"content": {"role": "model", "parts": [{"functionCall": {"name": "find_slots", "args": {"service": "Limpeza", "from": "2026-12-01"}}}]}, "finishReason": "STOP"}],
                        "usageMetadata": {"promptTokenCount": 640, "candidatesTokenCount": 21, "totalTokenCount": 661}}),
                ];
                let body: String = events.iter().map(|e| format!("data: {e}\r\n\r\n")).collect();
                ([(header::CONTENT_TYPE, "text/event-stream")], body)
            }),
        )
        .with_state(seen.clone());
    let base = serve(app).await;
    let client = GeminiChat::new(&base, "g-key".into(), Duration::from_secs(5));
    let r = client.chat(&request(), &|_: &str| {}).await.unwrap();
    assert_eq!(r.content, "Olá! ");
    assert_eq!(r.tool_calls.len(), 1);
    assert_eq!(r.tool_calls[0].name, "find_slots");
    let args: Value = serde_json::from_str(&r.tool_calls[0].arguments).unwrap();
    assert_eq!(args["service"], "Limpeza");
    assert_eq!(
        (r.usage.prompt_tokens, r.usage.completion_tokens),
        (640, 21)
    );
    let body = seen.bodies.lock().unwrap()[0].clone();
    assert_eq!(seen.auth.lock().unwrap()[0], "g-key");
    assert_eq!(body["systemInstruction"]["parts"][0]["text"], "rules");
    assert_eq!(
        body["contents"][0],
        json!({"role": "user", "parts": [{"text": "hi"}]})
    );
    assert_eq!(body["contents"][1]["role"], "model");
    assert_eq!(
        body["contents"][1]["parts"][0]["functionCall"]["name"],
        "list_my_appointments"
    );
    assert_eq!(
        body["contents"][2]["parts"][0]["functionResponse"]["response"]["result"],
        json!({"appointments": []})
    );
    let declarations = &body["tools"][0]["functionDeclarations"];
    assert_eq!(declarations.as_array().unwrap().len(), 8);
    assert!(
        declarations[0]["parameters"]
            .get("additionalProperties")
            .is_none()
    );
    assert_eq!(body["generationConfig"]["maxOutputTokens"], 300);
}
