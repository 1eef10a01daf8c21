//! The patient-facing web chat: `GET /chat/{clinic}` serves a small page to try it,
//! `GET /chat/{clinic}/ws` is the WebSocket. Messages take the same road as WhatsApp (the
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
use frontdesk_store::NewInbound;
use serde::Deserialize;
use serde_json::json;

use crate::messaging::channel_config::OpenChannel;
use crate::messaging::worker::TURN_ATTEMPTS;
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
        .route("/chat/{clinic}", get(page))
        .route("/chat/{clinic}/ws", get(socket))
}

async fn page(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Response, ApiError> {
    web_chat_channel(&state, &slug).await?;
    Ok((
        [(header::CONTENT_SECURITY_POLICY, "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")],
        Html(PAGE.replace("{slug}", &slug)),
    )
        .into_response())
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
    let contact = format!("web:{visitor}");
    let conversation = state
        .store
        .open_conversation(clinic, channel.id, &contact, Utc::now())
        .await?;
    Ok(upgrade
        .max_message_size(16 * 1024)
        .on_upgrade(move |ws| chat(state, clinic, channel, visitor, conversation.id, ws)))
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
    conversation: ConversationId,
    mut ws: WebSocket,
) {
    let mut events = state.messaging.events.subscribe();
    if !send(&mut ws, json!({"type": "hello", "visitor": visitor})).await {
        return;
    }
    if let Ok(mut history) = state.store.messages(clinic, conversation, None, 50).await {
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
                if !send(&mut ws, reply).await {
                    return;
                }
            }
            event = events.recv() => {
                match event {
                    Ok(e) if e.conversation_id == conversation && (e.kind == "chat" || e.kind == "delta") => {
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
        turn_attempts: TURN_ATTEMPTS,
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
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Chat</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;display:flex;flex-direction:column;height:100vh;background:#f4f6f8}
#log{flex:1;overflow-y:auto;padding:1rem}
.m{max-width:75%;margin:.3rem 0;padding:.5rem .8rem;border-radius:1rem;background:#fff;white-space:pre-wrap}
.mine{margin-left:auto;background:#d8f1e4}
form{display:flex;gap:.5rem;padding:.6rem;background:#fff;border-top:1px solid #ddd}
input{flex:1;padding:.6rem;border:1px solid #ccc;border-radius:.5rem}
button{padding:.6rem 1rem;border:0;border-radius:.5rem;background:#1a7f5a;color:#fff}
#status{font-size:.8rem;color:#777;padding:0 1rem}
</style></head><body>
<div id="log" aria-live="polite"></div><div id="status"></div>
<form id="f"><input id="t" autocomplete="off" maxlength="2000" placeholder="Type a message" aria-label="Message"><button>Send</button></form>
<script>
const log=document.getElementById('log'),status=document.getElementById('status');
let visitor=localStorage.getItem('frontdesk-visitor');
const url=(location.protocol==='https:'?'wss://':'ws://')+location.host+'/chat/{slug}/ws'+(visitor?'?visitor='+visitor:'');
const ws=new WebSocket(url);const streams={};
function add(text,mine,id){let d=id&&document.getElementById('m'+id);if(!d){d=document.createElement('div');d.className='m'+(mine?' mine':'');if(id)d.id='m'+id;log.appendChild(d);}d.textContent=text;log.scrollTop=log.scrollHeight;}
ws.onmessage=e=>{const f=JSON.parse(e.data);
 if(f.type==='hello'){visitor=f.visitor;localStorage.setItem('frontdesk-visitor',visitor);}
 else if(f.type==='history'){f.messages.forEach(m=>add(m.text,m.mine,m.id));}
 else if(f.type==='message'){add(f.text,false,f.stream||f.id);}
 else if(f.type==='delta'){streams[f.stream]=(streams[f.stream]||'')+f.text;add(streams[f.stream],false,f.stream);}
 else if(f.type==='error'){status.textContent=f.reason;}
 else if(f.type==='ack'){status.textContent='';}};
ws.onclose=()=>{status.textContent='Disconnected. Reload to chat again.';};
document.getElementById('f').onsubmit=ev=>{ev.preventDefault();const t=document.getElementById('t');const text=t.value.trim();if(!text)return;
 const id=Date.now().toString(36)+Math.random().toString(36).slice(2,8);ws.send(JSON.stringify({type:'message',id,text}));add(text,true);t.value='';};
</script></body></html>"#;
