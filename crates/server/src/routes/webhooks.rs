//! Provider webhooks. Each call is verified (signature or channel secret) before its payload
//! is parsed, then its messages are committed before the 200: a redelivery changes nothing,
//! and nothing slow (the assistant) runs here.

use std::sync::Arc;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use frontdesk_channels::inbound::{Content, DeliveryStatus, InboundEvent, InboundMessage};
use frontdesk_channels::{meta, signature, twilio, zapi};
use frontdesk_domain::ChannelId;
use frontdesk_domain::messaging::{ChannelKind, MessageStatus};
use frontdesk_store::{DeliveryReport, JobKind, NewInbound};

use crate::messaging::channel_config::OpenChannel;
use crate::problem::ApiError;
use crate::state::AppState;

/// The webhook routes (not part of the documented API: providers call them).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/webhooks/twilio/{channel}", post(twilio_inbound))
        .route("/webhooks/twilio/{channel}/status", post(twilio_inbound))
        .route("/webhooks/meta", get(meta_handshake).post(meta_inbound))
        .route("/webhooks/360dialog/{channel}", post(dialog360_inbound))
        .route("/webhooks/zapi/{channel}", post(zapi_inbound))
}

/// Refuses an unverifiable call, and says so in the log with the channel and why.
fn refuse(channel: &str, provider: &str, reason: &str) -> ApiError {
    tracing::warn!(%channel, %provider, %reason, "webhook refused");
    ApiError::Forbidden(format!("webhook refused: {reason}"))
}

fn malformed(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request(e.to_string())
}

async fn channel_in_path(
    state: &AppState,
    raw: &str,
    kind: ChannelKind,
) -> Result<Arc<OpenChannel>, ApiError> {
    let unknown = || refuse(raw, kind.as_str(), "no such channel");
    let id = uuid::Uuid::parse_str(raw).map_err(|_| unknown())?;
    let channel = state
        .messaging
        .webhook_channel(&*state.store, ChannelId::from_uuid(id))
        .await?
        .ok_or_else(unknown)?;
    if channel.kind != kind {
        return Err(refuse(
            raw,
            kind.as_str(),
            "the channel is not of this provider",
        ));
    }
    if !channel.active {
        return Err(refuse(raw, kind.as_str(), "the channel is turned off"));
    }
    Ok(channel)
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

/// A short text of a message for lists and for the assistant.
fn preview(content: &Content) -> String {
    let text = match content {
        Content::Text { body } => body.clone(),
        Content::Button { text, .. } => text.clone(),
        Content::ListReply { title, .. } => title.clone(),
        Content::Media { kind, caption, .. } => match caption {
            Some(c) => format!("[{kind}] {c}"),
            None => format!("[{kind}]"),
        },
        Content::Location { name, address, .. } => format!(
            "[location] {}",
            name.as_deref().or(address.as_deref()).unwrap_or("")
        )
        .trim_end()
        .to_string(),
        Content::Contacts { contacts } => format!(
            "[contact] {}",
            contacts
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Content::Unsupported { kind } => format!("[{kind}]"),
    };
    text.chars().take(4096).collect()
}

/// A profile name as a patient's name: printable, at most 120 characters.
fn profile_name(name: Option<&str>) -> Option<String> {
    let cleaned: String = name?
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let cleaned = cleaned.trim().to_string();
    (!cleaned.is_empty()).then_some(cleaned)
}

fn to_new_inbound(channel: &OpenChannel, m: InboundMessage) -> NewInbound {
    NewInbound {
        clinic_id: channel.clinic_id,
        channel_id: channel.id,
        contact_is_phone: true,
        contact_name: profile_name(m.profile_name.as_deref()),
        preview: preview(&m.content),
        content: serde_json::to_value(&m.content).unwrap_or_default(),
        contact: m.from,
        provider_message_id: m.provider_message_id,
        sent_at: m.sent_at,
        received_at: Utc::now(),
        debounce: chrono::Duration::milliseconds(i64::from(channel.settings.debounce_ms)),
        turn_attempts: JobKind::Turn.max_attempts(),
    }
}

fn status_of(s: DeliveryStatus) -> MessageStatus {
    match s {
        DeliveryStatus::Sent => MessageStatus::Sent,
        DeliveryStatus::Delivered => MessageStatus::Delivered,
        DeliveryStatus::Read => MessageStatus::Read,
        DeliveryStatus::Failed => MessageStatus::Failed,
    }
}

/// Commits a verified call's events for `channel`.
async fn take_in(
    state: &AppState,
    channel: &OpenChannel,
    events: Vec<InboundEvent>,
) -> Result<(), ApiError> {
    let mut messages = Vec::new();
    let mut reports = Vec::new();
    for event in events {
        match event {
            InboundEvent::Message(m) => messages.push(to_new_inbound(channel, m)),
            InboundEvent::Status(s) => reports.push(DeliveryReport {
                provider_message_id: s.provider_message_id,
                status: status_of(s.status),
                error: s.error,
                recipient: s.recipient,
            }),
        }
    }
    if !messages.is_empty() {
        state
            .messaging
            .intake
            .submit(messages)
            .await
            .map_err(|e| {
                // Providers retry a 503, but an operator must be able to see why it happened.
                tracing::warn!(channel = %channel.id, error = %e, "webhook refused with 503: the message was not stored");
                ApiError::Unavailable(format!("the message was not stored: {e}"))
            })?;
    }
    if !reports.is_empty() {
        state
            .store
            .record_delivery(channel.id, &reports, Utc::now())
            .await?;
    }
    Ok(())
}

/// Twilio wants TwiML back; an empty response sends nothing.
fn twiml_ok() -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/xml")],
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>",
    )
        .into_response()
}

async fn twilio_inbound(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let channel = channel_in_path(&state, &raw, ChannelKind::Twilio).await?;
    let presented = header_str(&headers, "x-twilio-signature");
    if presented.is_empty() {
        return Err(refuse(&raw, "twilio", "no X-Twilio-Signature header"));
    }
    // Twilio signs the URL it was given: ours, from configuration, not the Host header.
    let url = match uri.query() {
        Some(q) => format!("{}{}?{q}", state.config.public_url, uri.path()),
        None => format!("{}{}", state.config.public_url, uri.path()),
    };
    let token = channel.secrets.auth_token.as_deref().unwrap_or_default();
    let params: Vec<(String, String)> = serde_urlencoded::from_bytes(&body)
        .map_err(|_| refuse(&raw, "twilio", "the body is not a form"))?;
    if !signature::twilio_form_is_valid(token, &url, &params, presented) {
        return Err(refuse(&raw, "twilio", "X-Twilio-Signature does not match"));
    }
    let is_status = params.iter().any(|(k, _)| k == "MessageStatus")
        && !params.iter().any(|(k, _)| k == "Body" || k == "NumMedia");
    let events = if is_status {
        twilio::parse_status(&params)
            .map_err(malformed)?
            .into_iter()
            .collect()
    } else {
        vec![twilio::parse_message(&params).map_err(malformed)?]
    };
    take_in(&state, &channel, events).await?;
    Ok(twiml_ok())
}

#[derive(serde::Deserialize)]
struct Handshake {
    #[serde(rename = "hub.mode")]
    mode: Option<String>,
    #[serde(rename = "hub.verify_token")]
    verify_token: Option<String>,
    #[serde(rename = "hub.challenge")]
    challenge: Option<String>,
}

async fn meta_handshake(
    State(state): State<AppState>,
    Query(q): Query<Handshake>,
) -> Result<Response, ApiError> {
    let expected = state
        .config
        .meta_verify_token
        .as_deref()
        .unwrap_or_default();
    let token_ok =
        signature::shared_secret_is_valid(expected, q.verify_token.as_deref().unwrap_or_default());
    match (q.mode.as_deref(), token_ok, q.challenge) {
        (Some("subscribe"), true, Some(challenge)) => Ok((
            StatusCode::OK,
            [(header::CONTENT_TYPE, "text/plain")],
            challenge,
        )
            .into_response()),
        _ => Err(refuse(
            "meta",
            "meta",
            "the verify token does not match FRONTDESK_META_VERIFY_TOKEN",
        )),
    }
}

async fn meta_inbound(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let Some(secret) = state.config.meta_app_secret.as_deref() else {
        return Err(refuse(
            "meta",
            "meta",
            "FRONTDESK_META_APP_SECRET is not configured",
        ));
    };
    let presented = header_str(&headers, "x-hub-signature-256");
    if !signature::meta_is_valid(secret, &body, presented) {
        return Err(refuse("meta", "meta", "X-Hub-Signature-256 does not match"));
    }
    let routed = meta::parse(&body).map_err(malformed)?;
    // One body may carry several numbers' changes: each goes to its own channel.
    let mut by_number: Vec<(String, Vec<InboundEvent>)> = Vec::new();
    for (number, event) in routed {
        match by_number.iter_mut().find(|(n, _)| *n == number) {
            Some((_, events)) => events.push(event),
            None => by_number.push((number, vec![event])),
        }
    }
    for (number, events) in by_number {
        match state
            .messaging
            .routed_channel(&*state.store, ChannelKind::Meta, &number)
            .await?
        {
            Some(channel) if channel.active => take_in(&state, &channel, events).await?,
            // Meta would redeliver for days: acknowledge, and say so in the log.
            _ => {
                tracing::warn!(phone_number_id = %number, "Meta webhook for a number no active channel has; dropped")
            }
        }
    }
    Ok(StatusCode::OK)
}

async fn dialog360_inbound(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let channel = channel_in_path(&state, &raw, ChannelKind::Dialog360).await?;
    let secret = channel
        .secrets
        .webhook_secret
        .as_deref()
        .unwrap_or_default();
    let signed = header_str(&headers, "x-360dialog-signature");
    let verified = if signed.is_empty() {
        signature::shared_secret_is_valid(secret, header_str(&headers, "x-webhook-secret"))
    } else {
        signature::dialog360_is_valid(secret, &body, signed)
    };
    if !verified {
        return Err(refuse(
            &raw,
            "360dialog",
            "neither X-Webhook-Secret nor x-360dialog-signature matches the channel's secret",
        ));
    }
    let events = meta::parse(&body)
        .map_err(malformed)?
        .into_iter()
        .map(|(_, e)| e)
        .collect();
    take_in(&state, &channel, events).await?;
    Ok(StatusCode::OK)
}

#[derive(serde::Deserialize)]
struct ZapiQuery {
    token: Option<String>,
}

async fn zapi_inbound(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    Query(q): Query<ZapiQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let channel = channel_in_path(&state, &raw, ChannelKind::Zapi).await?;
    let secret = channel
        .secrets
        .webhook_secret
        .as_deref()
        .unwrap_or_default();
    let presented = q
        .token
        .as_deref()
        .unwrap_or_else(|| header_str(&headers, "x-webhook-secret"));
    if !signature::shared_secret_is_valid(secret, presented) {
        return Err(refuse(
            &raw,
            "zapi",
            "the webhook secret (?token= or X-Webhook-Secret) does not match",
        ));
    }
    let received = zapi::parse(&body).map_err(malformed)?;
    if let (Some(theirs), Some(ours)) = (&received.instance_id, &channel.settings.instance_id)
        && theirs != ours
    {
        return Err(refuse(
            &raw,
            "zapi",
            "the call names another Z-API instance",
        ));
    }
    take_in(&state, &channel, received.events).await?;
    Ok(StatusCode::OK)
}
