//! The patient-facing web chat: `GET /chat/{clinic}` serves the chat page (the clinic's name,
//! its assistant, a greeting in the visitor's language, quick replies for offered times,
//! reconnecting without losing the history), `GET /chat/{clinic}/widget.js` the one-tag bubble
//! for the clinic's own site, `GET /chat/{clinic}/ws` is the WebSocket. Messages take the same road as WhatsApp (the
//! durable intake, turns, the outbox); replies come back on the socket.
//!
//! Frames, JSON. From the visitor: `{"type":"message","id":"<their id>","text":"…"}`.
//! To the visitor: `{"type":"hello","visitor":"…"}`, `{"type":"history","messages":[…]}`,
//! `{"type":"ack","id":"…"}` once a message is stored, `{"type":"message","id":"…",
//! "stream":"…"|null,"from":"assistant"|"staff"|"system","text":"…"}` for replies,
//! `{"type":"delta","stream":"…","text":"…"}` pieces of a reply while a streaming assistant
//! writes it (its final `message` carries the same `stream`), and
//! `{"type":"error","reason":"…"}`.

use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::ws::{Message as Frame, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use chrono::Utc;
use frontdesk_domain::messaging::{ChannelKind, Direction};
use frontdesk_domain::{ClinicId, ConversationId, Slug};
use frontdesk_store::{ConversationFilter, JobKind, NewInbound};
use serde::Deserialize;
use serde_json::json;

use crate::messaging::channel_config::OpenChannel;
use crate::problem::ApiError;
use crate::state::AppState;

/// Messages a visitor may send in a burst, and how fast the allowance comes back.
const BURST: f64 = 5.0;
const PER_SECOND: f64 = 0.5;
/// Longest message a visitor may send.
const MAX_TEXT: usize = 2000;

/// The web chat routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/chat/assets/chat.js", get(script))
        .route("/chat/{clinic}", get(page))
        .route("/chat/{clinic}/widget.js", get(widget))
        .route("/chat/{clinic}/ws", get(socket))
}

/// The chat page's script: no inline script, so the page's policy forbids them.
const SCRIPT: &str = include_str!("webchat/chat.js");
/// The bubble a clinic's site embeds with one `<script>` tag.
const WIDGET: &str = include_str!("webchat/widget.js");

async fn script() -> Response {
    javascript(SCRIPT)
}

async fn widget(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    web_chat_channel(&state, &slug).await?;
    Ok(javascript(WIDGET))
}

fn javascript(body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (clinic_id, channel) = web_chat_channel(&state, &slug).await?;
    let clinic = state.store.clinic(clinic_id).await?;
    let profile = &clinic.profile;
    let lang = visitor_language(&headers, &profile.languages).unwrap_or(profile.default_language);
    let greeting = frontdesk_assistant::reply::say(
        lang,
        &frontdesk_assistant::reply::Say::Greeting {
            persona: profile.persona.name.clone(),
            clinic: profile.name.as_str().to_string(),
        },
    );
    let texts = page_texts(lang);
    let page = PAGE
        .replace("{lang}", lang.code())
        .replace(
            "{initial}",
            &escape(&profile.name.as_str().chars().take(1).collect::<String>()),
        )
        .replace("{clinic}", &escape(profile.name.as_str()))
        .replace("{persona}", &escape(&profile.persona.name))
        .replace("{greeting}", &escape(&greeting))
        .replace("{placeholder}", &escape(texts.placeholder))
        .replace("{send}", &escape(texts.send))
        .replace(
            "{typing}",
            &escape(&texts.typing.replace("{persona}", &profile.persona.name)),
        )
        .replace(
            "{texts}",
            // JSON inside a script element: "<" escaped so no text can close it.
            &json!({"reconnecting": texts.reconnecting})
                .to_string()
                .replace('<', "\\u003c"),
        )
        .replace("{slug}", &escape(clinic.slug.as_str()));
    // The clinic's own sites may show the chat in a frame (the widget); nobody else may.
    let mut ancestors = vec!["'self'".to_string()];
    ancestors.extend(channel.settings.allowed_origins.iter().cloned());
    let policy = format!(
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors {}",
        ancestors.join(" ")
    );
    let mut response = Html(page).into_response();
    if let Ok(v) = header::HeaderValue::from_str(&policy) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, v);
    }
    Ok(response)
}

/// The first of the browser's languages the clinic speaks.
fn visitor_language(
    headers: &HeaderMap,
    spoken: &[frontdesk_domain::Language],
) -> Option<frontdesk_domain::Language> {
    let accepted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    accepted
        .split(',')
        .filter_map(|tag| tag.split(';').next())
        .filter_map(|tag| frontdesk_domain::Language::parse("language", tag.trim()).ok())
        .find(|l| spoken.contains(l))
}

struct PageTexts {
    placeholder: &'static str,
    send: &'static str,
    typing: &'static str,
    reconnecting: &'static str,
}

fn page_texts(lang: frontdesk_domain::Language) -> PageTexts {
    use frontdesk_domain::Language::*;
    match lang {
        En => PageTexts {
            placeholder: "Type a message",
            send: "Send",
            typing: "{persona} is typing…",
            reconnecting: "Connection lost; reconnecting…",
        },
        Tr => PageTexts {
            placeholder: "Mesajınızı yazın",
            send: "Gönder",
            typing: "{persona} yazıyor…",
            reconnecting: "Bağlantı koptu; yeniden bağlanılıyor…",
        },
        Pt => PageTexts {
            placeholder: "Escreva uma mensagem",
            send: "Enviar",
            typing: "{persona} está a escrever…",
            reconnecting: "Ligação perdida; a religar…",
        },
        Es => PageTexts {
            placeholder: "Escriba un mensaje",
            send: "Enviar",
            typing: "{persona} está escribiendo…",
            reconnecting: "Conexión perdida; reconectando…",
        },
    }
}

/// Text for HTML: clinic names and greetings are the clinic's words, never markup.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

async fn web_chat_channel(
    state: &AppState,
    raw: &str,
) -> Result<(ClinicId, OpenChannel), ApiError> {
    let missing = || ApiError::NotFound("this clinic has no web chat".into());
    let slug = Slug::parse("clinic", raw).map_err(|_| missing())?;
    let clinic = state
        .store
        .clinic_by_slug_unscoped(&slug)
        .await?
        .ok_or_else(missing)?;
    let channels = state.store.channels(clinic.id).await?;
    let channel = channels
        .iter()
        .find(|c| c.record.kind == ChannelKind::WebChat && c.record.active)
        .ok_or_else(missing)?;
    let open = OpenChannel::open(channel, &state.messaging.keys)
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("web chat channel: {e}")))?;
    Ok((clinic.id, open))
}

#[derive(Deserialize)]
struct Visitor {
    visitor: Option<String>,
}

fn valid_visitor(v: &str) -> bool {
    (16..=64).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

async fn socket(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(q): Query<Visitor>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Result<Response, ApiError> {
    let (clinic, channel) = web_chat_channel(&state, &slug).await?;
    // Browsers name the page that opened the socket: only the clinic's sites (and our own
    // page) may. Clients that send no Origin are not browsers and gain nothing from it.
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|o| o.to_str().ok()) {
        let ours = state.config.public_url.as_str();
        let allowed =
            origin == ours || channel.settings.allowed_origins.iter().any(|o| o == origin);
        if !allowed {
            tracing::warn!(%origin, channel = %channel.id, "web chat refused: origin not allowed");
            return Err(ApiError::Forbidden(format!(
                "web chat from {origin} is not allowed; add it to the channel's allowed_origins"
            )));
        }
    }
    let visitor = match q.visitor {
        Some(v) if valid_visitor(&v) => v,
        Some(_) => {
            return Err(ApiError::bad_request(
                "visitor must be 16-64 letters, digits or dashes",
            ));
        }
        None => uuid::Uuid::now_v7().simple().to_string(),
    };
    // A visit opens no conversation: the first message does (the inbox lists people who
    // wrote, not pages that were opened).
    let conversation = visitor_conversation(&state, clinic, &channel, &visitor).await?;
    Ok(upgrade
        .max_message_size(16 * 1024)
        .on_upgrade(move |ws| chat(state, clinic, channel, visitor, conversation, ws)))
}

/// The visitor's latest conversation on this channel, if they ever wrote.
async fn visitor_conversation(
    state: &AppState,
    clinic: ClinicId,
    channel: &OpenChannel,
    visitor: &str,
) -> Result<Option<ConversationId>, ApiError> {
    let found = state
        .store
        .conversations(
            clinic,
            &ConversationFilter {
                channel: Some(channel.id),
                phone: Some(format!("web:{visitor}")),
                limit: 1,
                ..ConversationFilter::default()
            },
        )
        .await?;
    Ok(found.first().map(|c| c.id))
}

/// A per-connection allowance of messages.
struct Allowance {
    tokens: f64,
    at: Instant,
}

impl Allowance {
    fn take(&mut self) -> bool {
        let now = Instant::now();
        self.tokens =
            (self.tokens + now.duration_since(self.at).as_secs_f64() * PER_SECOND).min(BURST);
        self.at = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

async fn send(ws: &mut WebSocket, value: serde_json::Value) -> bool {
    ws.send(Frame::Text(value.to_string().into())).await.is_ok()
}

async fn chat(
    state: AppState,
    clinic: ClinicId,
    channel: OpenChannel,
    visitor: String,
    mut conversation: Option<ConversationId>,
    mut ws: WebSocket,
) {
    let mut events = state.messaging.events.subscribe();
    if !send(&mut ws, json!({"type": "hello", "visitor": visitor})).await {
        return;
    }
    let mut history = match conversation {
        Some(id) => state
            .store
            .messages(clinic, id, None, 50)
            .await
            .unwrap_or_default(),
        None => vec![],
    };
    history.reverse();
    let messages: Vec<_> = history
        .iter()
        .map(|m| {
            json!({"id": m.id, "from": m.author, "text": m.preview, "at": m.created_at,
            "mine": m.direction == Direction::Inbound})
        })
        .collect();
    if !send(&mut ws, json!({"type": "history", "messages": messages})).await {
        return;
    }
    let mut allowance = Allowance {
        tokens: BURST,
        at: Instant::now(),
    };
    let idle = Duration::from_secs(30 * 60);
    loop {
        tokio::select! {
            frame = tokio::time::timeout(idle, ws.recv()) => {
                let Ok(Some(Ok(frame))) = frame else { return };
                let text = match frame {
                    Frame::Text(t) => t.to_string(),
                    Frame::Close(_) => return,
                    _ => continue,
                };
                let reply = incoming(&state, clinic, &channel, &visitor, &text, &mut allowance).await;
                if conversation.is_none() && reply["type"] == "ack" {
                    conversation = visitor_conversation(&state, clinic, &channel, &visitor)
                        .await
                        .ok()
                        .flatten();
                }
                if !send(&mut ws, reply).await {
                    return;
                }
            }
            event = events.recv() => {
                match event {
                    Ok(e) if e.conversation_id.is_some() && e.conversation_id == conversation && (e.kind == "chat" || e.kind == "delta") => {
                        let from = e.from.as_deref().and_then(|f| f.split(':').nth(1)).unwrap_or("assistant");
                        let frame = json!({"type": if e.kind == "chat" { "message" } else { "delta" },
                            "id": e.message_id, "stream": e.stream, "from": from, "text": e.text});
                        if !send(&mut ws, frame).await {
                            return;
                        }
                    }
                    Ok(_) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(_) => return,
                }
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    id: String,
    text: String,
}

async fn incoming(
    state: &AppState,
    clinic: ClinicId,
    channel: &OpenChannel,
    visitor: &str,
    raw: &str,
    allowance: &mut Allowance,
) -> serde_json::Value {
    let error = |reason: &str| json!({"type": "error", "reason": reason});
    let Ok(m) = serde_json::from_str::<Incoming>(raw) else {
        return error("send {\"type\":\"message\",\"id\":\"…\",\"text\":\"…\"}");
    };
    if m.kind != "message" {
        return error("unknown frame type; send type \"message\"");
    }
    if m.id.is_empty() || m.id.len() > 64 {
        return error("id must be 1-64 characters");
    }
    let text = m.text.trim();
    if text.is_empty()
        || text.chars().count() > MAX_TEXT
        || text.chars().any(|c| c.is_control() && c != '\n')
    {
        return error("text must be 1-2000 printable characters");
    }
    if !allowance.take() {
        return error("too many messages; wait a few seconds");
    }
    let now = Utc::now();
    let item = NewInbound {
        clinic_id: clinic,
        channel_id: channel.id,
        contact: format!("web:{visitor}"),
        contact_is_phone: false,
        contact_name: None,
        provider_message_id: format!("{visitor}:{}", m.id),
        content: json!({"type": "text", "body": text}),
        preview: text.to_string(),
        sent_at: Some(now),
        received_at: now,
        debounce: chrono::Duration::milliseconds(i64::from(channel.settings.debounce_ms)),
        turn_attempts: JobKind::Turn.max_attempts(),
    };
    match state.messaging.intake.submit(vec![item]).await {
        Ok(_) => json!({"type": "ack", "id": m.id}),
        Err(e) => {
            tracing::warn!(error = %e, "web chat message not stored");
            error("the message was not stored; send it again")
        }
    }
}

const PAGE: &str = r#"<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{clinic}</title>
<link rel="icon" href="data:,">
<style>
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;height:100vh;background:#eef2f1;color:#1d2a26}
#chat{display:flex;flex-direction:column;height:100vh;max-width:640px;margin:0 auto;background:#f7faf9}
header{display:flex;align-items:center;gap:.7rem;padding:.8rem 1rem;background:#1a7f5a;color:#fff}
header .avatar{width:2.4rem;height:2.4rem;border-radius:50%;background:#ffffff33;display:grid;place-items:center;font-weight:600}
header h1{font-size:1.05rem;margin:0}
header p{font-size:.8rem;margin:0;opacity:.85}
#log{flex:1;overflow-y:auto;padding:1rem;display:flex;flex-direction:column;gap:.35rem}
.m{max-width:80%;padding:.55rem .85rem;border-radius:1rem;background:#fff;white-space:pre-wrap;line-height:1.35;box-shadow:0 1px 1px #0000000f}
.them{border-bottom-left-radius:.3rem}
.staff{background:#e9f0ff;border-bottom-left-radius:.3rem}
.mine{margin-left:auto;background:#d3f0e2;border-bottom-right-radius:.3rem}
#typing{font-size:.8rem;color:#5b6b66;padding:0 1rem .3rem}
#quick{display:flex;flex-wrap:wrap;gap:.4rem;padding:0 1rem .5rem}
#quick button{border:1px solid #1a7f5a;background:#fff;color:#1a7f5a;border-radius:1rem;padding:.35rem .75rem;font-size:.85rem;cursor:pointer}
#status{font-size:.8rem;color:#a33;padding:0 1rem}
form{display:flex;gap:.5rem;padding:.6rem;background:#fff;border-top:1px solid #dde5e2}
input{flex:1;padding:.65rem .8rem;border:1px solid #c9d3cf;border-radius:.6rem;font-size:1rem}
form button{padding:.65rem 1.1rem;border:0;border-radius:.6rem;background:#1a7f5a;color:#fff;font-size:1rem;cursor:pointer}
</style></head><body>
<main id="chat" data-slug="{slug}">
<header><div class="avatar" aria-hidden="true">{initial}</div><div><h1>{clinic}</h1><p>{persona}</p></div></header>
<div id="log" aria-live="polite"><div class="m them greeting">{greeting}</div></div>
<div id="typing" hidden>{typing}</div>
<div id="quick"></div>
<div id="status" role="status"></div>
<form id="f"><input id="t" autocomplete="off" maxlength="2000" placeholder="{placeholder}" aria-label="{placeholder}"><button>{send}</button></form>
</main>
<script type="application/json" id="texts">{texts}</script>
<script src="/chat/assets/chat.js" defer></script>
</body></html>"#;
