//! The inbox: `/api/v1/clinics/{slug}/conversations` (filters, messages, replies, takeover,
//! release, read) and a live stream of inbox events (`/inbox/events`, server-sent events).

use std::convert::Infallible;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use chrono::{DateTime, Utc};
use frontdesk_domain::clinic::normalize_phone;
use frontdesk_domain::{AccountId, ChannelId, ClinicAction, ConversationId, Invalid};
use frontdesk_store::{Conversation, ConversationFilter, Message};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::problem::{ApiError, ApiJson, ApiQuery, OptionalApiJson, Problem};
use crate::routes::patients::page_size;
use crate::routes::{parse_time_cursor, path_id, search_text, time_cursor};
use crate::service::messaging::{
    Compose, ConversationChange, change_conversation, conversation_channel, staff_reply, take_over,
};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_conversations))
        .routes(routes!(get_conversation))
        .routes(routes!(list_messages, reply))
        .routes(routes!(take_conversation))
        .routes(routes!(release_conversation))
        .routes(routes!(mark_read))
        .routes(routes!(close_conversation))
        .routes(routes!(assign_conversation))
        .routes(routes!(inbox_events))
}

fn conversation_id(raw: &str) -> Result<ConversationId, ApiError> {
    Ok(ConversationId::from_uuid(path_id(raw, "conversation")?))
}

/// Which conversations.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ConversationQuery {
    /// `open` or `closed`.
    #[param(pattern = "^(open|closed)$")]
    status: Option<String>,
    /// Only those waiting for a person (`true`) or not (`false`).
    needs_human: Option<bool>,
    /// Only this channel.
    #[param(pattern = "UUID")]
    channel_id: Option<String>,
    /// Only those with this phone number (any format with the country code; matched exactly
    /// in E.164 against the contact's number).
    #[param(pattern = "PHONE")]
    phone: Option<String>,
    /// Only those with messages staff have not read.
    unread: Option<bool>,
    /// Only those assigned to the caller (`me`), to nobody (`none`), or to this account.
    #[param(pattern = "ASSIGNEE")]
    assigned_to: Option<String>,
    /// Only those whose number, contact name, patient's name or any message contains this
    /// text (2–200 characters, any case).
    #[param(min_length = 2, max_length = 200, pattern = "NON_BLANK_TEXT")]
    q: Option<String>,
    /// `next_cursor` of the previous page.
    #[param(pattern = "TIME_CURSOR")]
    cursor: Option<String>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A page of conversations, most recent first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ConversationPage {
    /// Conversations.
    items: Vec<Conversation>,
    /// Pass as `cursor` for the next page; absent on the last.
    next_cursor: Option<String>,
}

fn cursor_of(c: &Conversation) -> String {
    time_cursor(c.last_message_at, c.id.as_uuid())
}

fn parse_cursor(raw: &str) -> Result<(DateTime<Utc>, ConversationId), Invalid> {
    parse_time_cursor(raw).map(|(at, id)| (at, ConversationId::from_uuid(id)))
}

/// Conversations, most recent first; filter by status, need of a person, channel, the
/// contact's phone, unread, assignee, or text.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/conversations", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ConversationQuery),
    responses((status = 200, body = ConversationPage), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn list_conversations(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiQuery(q): ApiQuery<ConversationQuery>,
) -> Result<Json<ConversationPage>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let limit = page_size(q.limit)?;
    if let Some(s) = &q.status
        && s != "open"
        && s != "closed"
    {
        return Err(Invalid::field("status", "open or closed").into());
    }
    let channel = q
        .channel_id
        .map(|c| {
            uuid::Uuid::parse_str(&c)
                .map(ChannelId::from_uuid)
                .map_err(|_| Invalid::field("channel_id", "not a channel id"))
        })
        .transpose()?;
    let phone = q.phone.map(|p| normalize_phone("phone", &p)).transpose()?;
    let assigned_to = q
        .assigned_to
        .map(|a| match a.as_str() {
            "me" => Ok(Some(ctx.account_id)),
            "none" => Ok(None),
            other => uuid::Uuid::parse_str(other)
                .map(|id| Some(AccountId::from_uuid(id)))
                .map_err(|_| Invalid::field("assigned_to", "me, none, or an account id")),
        })
        .transpose()?;
    let search = q.q.map(|text| search_text(&text)).transpose()?;
    let filter = ConversationFilter {
        status: q.status,
        needs_human: q.needs_human,
        channel,
        unread: q.unread.unwrap_or(false),
        phone,
        assigned_to,
        search,
        before: q.cursor.as_deref().map(parse_cursor).transpose()?,
        limit,
    };
    let items = state.store.conversations(ctx.clinic_id(), &filter).await?;
    let next_cursor = (items.len() == limit as usize)
        .then(|| items.last().map(cursor_of))
        .flatten();
    Ok(Json(ConversationPage { items, next_cursor }))
}

/// One conversation.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_conversation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    Ok(Json(
        state
            .store
            .conversation(ctx.clinic_id(), conversation_id(&raw)?)
            .await?,
    ))
}

/// Which messages.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct MessageQuery {
    /// `next_cursor` of the previous page (older messages).
    cursor: Option<i64>,
    /// Page size, 1–200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    limit: Option<u32>,
}

/// A page of messages, newest first.
#[derive(Serialize, utoipa::ToSchema)]
pub struct MessagePage {
    /// Messages.
    items: Vec<Message>,
    /// Pass as `cursor` for older messages; absent on the last page.
    next_cursor: Option<i64>,
}

/// A conversation's messages, newest first.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation"), MessageQuery),
    responses((status = 200, body = MessagePage), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn list_messages(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiQuery(q): ApiQuery<MessageQuery>,
) -> Result<Json<MessagePage>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let id = conversation_id(&raw)?;
    let limit = page_size(q.limit)?;
    // Another clinic's conversation is not found, rather than empty.
    state.store.conversation(ctx.clinic_id(), id).await?;
    let items = state
        .store
        .messages(ctx.clinic_id(), id, q.cursor, limit)
        .await?;
    let next_cursor = (items.len() == limit as usize)
        .then(|| items.last().map(|m| m.seq))
        .flatten();
    Ok(Json(MessagePage { items, next_cursor }))
}

/// Answers as staff (text inside WhatsApp's 24-hour window, a template any time); the
/// conversation becomes the caller's, the assistant silent, for the channel's quiet time.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/messages", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    request_body = Compose,
    responses((status = 202, body = Message), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn reply(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(what): ApiJson<Compose>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let message = staff_reply(
        &*state.store,
        &state.messaging,
        ctx.clinic_id(),
        ctx.account_id,
        conversation_id(&raw)?,
        &what,
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(message)))
}

/// How long to hold a conversation.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TakeoverInput {
    /// Minutes (default: the channel's `takeover_quiet_minutes`).
    minutes: Option<u32>,
}

/// Takes a conversation over: the assistant stays silent until released or the time ends.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/takeover", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    request_body(content = Option<TakeoverInput>, description = "optional; without it the channel's quiet time applies"),
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn take_conversation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    OptionalApiJson(input): OptionalApiJson<TakeoverInput>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let id = conversation_id(&raw)?;
    let conversation = state.store.conversation(ctx.clinic_id(), id).await?;
    let channel = conversation_channel(
        &*state.store,
        &state.messaging,
        ctx.clinic_id(),
        &conversation,
    )
    .await?;
    let minutes = input.unwrap_or_default().minutes;
    Ok(Json(
        take_over(
            &*state.store,
            &state.messaging,
            ctx.clinic_id(),
            ctx.account_id,
            id,
            &channel.settings,
            minutes,
        )
        .await?,
    ))
}

/// Hands a conversation back to the assistant.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/release", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn release_conversation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    changed(&state, &ctx, &raw, ConversationChange::Release).await
}

/// Marks every message of a conversation read.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/read", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn mark_read(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    changed(&state, &ctx, &raw, ConversationChange::Read).await
}

/// Closes a conversation (done for now); the patient's next message opens it again.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/close", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn close_conversation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    changed(&state, &ctx, &raw, ConversationChange::Close).await
}

/// Who a conversation is assigned to.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssigneeInput {
    /// A member of the clinic, or `null` for nobody.
    #[schema(pattern = "UUID")]
    account_id: Option<String>,
}

/// Assigns a conversation to a member of the clinic (who follows it up), or to nobody.
#[utoipa::path(put, path = "/api/v1/clinics/{slug}/conversations/{conversation_id}/assignee", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("conversation_id" = String, Path, description = "the conversation")),
    request_body = AssigneeInput,
    responses((status = 200, body = Conversation), (status = 404, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn assign_conversation(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(input): ApiJson<AssigneeInput>,
) -> Result<Json<Conversation>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let to = input
        .account_id
        .map(|a| {
            uuid::Uuid::parse_str(&a)
                .map(AccountId::from_uuid)
                .map_err(|_| Invalid::field("account_id", "not an account id"))
        })
        .transpose()?;
    changed(&state, &ctx, &raw, ConversationChange::Assign(to)).await
}

async fn changed(
    state: &AppState,
    ctx: &ClinicContext,
    raw: &str,
    change: ConversationChange,
) -> Result<Json<Conversation>, ApiError> {
    let id = conversation_id(raw)?;
    let clinic = ctx.clinic_id();
    let conversation =
        change_conversation(&*state.store, &state.messaging, clinic, id, change).await?;
    Ok(Json(conversation))
}

/// Live inbox events of the clinic (server-sent events: `message`, `status`,
/// `conversation`), from every server process; first a `ready` event once the subscription
/// is in place, so a client knows from when on nothing is missed.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/inbox/events", tag = "inbox", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, description = "text/event-stream of inbox events", content_type = "text/event-stream")))]
async fn inbox_events(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let clinic = ctx.clinic_id();
    let mut events = state.messaging.events.subscribe();
    let stream = async_stream(move |tx| async move {
        if tx
            .send(Event::default().event("ready").data("{}"))
            .await
            .is_err()
        {
            return;
        }
        loop {
            match events.recv().await {
                Ok(e) if e.clinic_id == clinic => {
                    let data = serde_json::to_string(&e).unwrap_or_default();
                    if tx
                        .send(Event::default().event(e.kind.clone()).data(data))
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                Ok(_) => {}
                // A slow listener missed some: tell it to refetch.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    if tx
                        .send(Event::default().event("resync").data("{}"))
                        .await
                        .is_err()
                    {
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    });
    Ok(Sse::new(stream).keep_alive(KeepAlive::default()))
}

/// A stream fed by a task through a small channel (ends when the client goes away).
fn async_stream<F, Fut>(produce: F) -> impl Stream<Item = Result<Event, Infallible>>
where
    F: FnOnce(tokio::sync::mpsc::Sender<Event>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, mut rx) = tokio::sync::mpsc::channel(64);
    tokio::spawn(produce(tx));
    futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx).map(|e| e.map(Ok)))
}
