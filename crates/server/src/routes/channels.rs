//! `/api/v1/clinics/{slug}/channels`: connecting WhatsApp numbers and the web chat, their
//! templates, and test sends. Credentials go in and never come out.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use frontdesk_domain::messaging::TemplateBody;
use frontdesk_domain::validation::{Checker, bounded_text};
use frontdesk_domain::{ChannelId, ClinicAction};
use frontdesk_store::{Message, Template, TestSendAttempt};
use serde::{Deserialize, Serialize};
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::auth::ClinicContext;
use crate::messaging::channel_config::{
    ChannelInput, ChannelPatch, ChannelView, patched_input, record_from_input, view,
};
use crate::problem::{ApiError, ApiJson, Problem};
use crate::routes::path_id;
use crate::service::messaging::{Compose, test_send};
use crate::state::AppState;

pub(crate) fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_channels, create_channel))
        .routes(routes!(get_channel, update_channel, delete_channel))
        .routes(routes!(list_templates, put_template))
        .routes(routes!(delete_template))
        .routes(routes!(send_test))
        .routes(routes!(test_send_log))
}

fn channel_id(raw: &str) -> Result<ChannelId, ApiError> {
    Ok(ChannelId::from_uuid(path_id(raw, "channel")?))
}

fn render(
    state: &AppState,
    ctx: &ClinicContext,
    channel: &frontdesk_store::Channel,
) -> ChannelView {
    view(
        channel,
        &state.messaging.keys,
        &state.config.public_url,
        ctx.clinic.slug.as_str(),
    )
}

/// The clinic's channels (secrets are never shown: only which are set).
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/channels", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<ChannelView>)))]
async fn list_channels(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<ChannelView>>, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let channels = state.store.channels(ctx.clinic_id()).await?;
    Ok(Json(
        channels.iter().map(|c| render(&state, &ctx, c)).collect(),
    ))
}

/// Connects a channel. Required credentials: twilio `account_sid`, `auth_token`; meta
/// `access_token` (+ `settings.phone_number_id`); dialog360 `api_key`, `webhook_secret`;
/// zapi `instance_token`, `client_token`, `webhook_secret` (+ `settings.instance_id`).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/channels", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    request_body = ChannelInput,
    responses((status = 201, body = ChannelView), (status = 409, body = Problem, content_type = "application/problem+json"),
        (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn create_channel(
    State(state): State<AppState>,
    ctx: ClinicContext,
    ApiJson(input): ApiJson<ChannelInput>,
) -> Result<(StatusCode, Json<ChannelView>), ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let record = record_from_input(ctx.clinic_id(), input, &state.messaging.keys)?;
    let channel = state
        .store
        .create_channel(ctx.clinic_id(), &record)
        .await
        .map_err(route_taken)?;
    Ok((StatusCode::CREATED, Json(render(&state, &ctx, &channel))))
}

fn route_taken(e: frontdesk_store::StoreError) -> ApiError {
    match e {
        frontdesk_store::StoreError::Conflict(_) => {
            ApiError::Conflict("another channel already uses this phone_number_id".into())
        }
        other => other.into(),
    }
}

/// One channel.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/channels/{channel_id}", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    responses((status = 200, body = ChannelView), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn get_channel(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<ChannelView>, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let channel = state
        .store
        .channel(ctx.clinic_id(), channel_id(&raw)?)
        .await?;
    Ok(Json(render(&state, &ctx, &channel)))
}

/// Changes a channel; `credentials`, when given, replace all of them.
#[utoipa::path(patch, path = "/api/v1/clinics/{slug}/channels/{channel_id}", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    request_body = ChannelPatch,
    responses((status = 200, body = ChannelView), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn update_channel(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(patch): ApiJson<ChannelPatch>,
) -> Result<Json<ChannelView>, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let id = channel_id(&raw)?;
    let current = state.store.channel(ctx.clinic_id(), id).await?;
    let input = patched_input(&current, &state.messaging.keys, patch)?;
    let record = record_from_input(ctx.clinic_id(), input, &state.messaging.keys)?;
    let channel = state
        .store
        .update_channel(ctx.clinic_id(), id, &record)
        .await
        .map_err(route_taken)?;
    state.messaging.forget_channels();
    Ok(Json(render(&state, &ctx, &channel)))
}

/// Disconnects a channel, with its conversations.
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/channels/{channel_id}", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_channel(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    state
        .store
        .delete_channel(ctx.clinic_id(), channel_id(&raw)?)
        .await?;
    state.messaging.forget_channels();
    Ok(StatusCode::NO_CONTENT)
}

/// A template as registered at the provider.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateInput {
    /// Its name at the provider (`appointment_reminder`).
    name: String,
    /// Its language code (`pt_BR`, `en`, `tr`, `es`).
    language: String,
    /// Its text with `{{1}}`-numbered variables, exactly as approved.
    body: String,
    /// Twilio's ContentSid (`HX…`); Meta and 360dialog use name and language.
    #[serde(default)]
    provider_ref: String,
    /// Whether the provider approved it (only approved templates are sent).
    #[serde(default)]
    approved: bool,
}

/// A channel's templates; everyone who answers in the inbox may read them, since outside
/// WhatsApp's 24-hour window a template is the only reply there is.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/channels/{channel_id}/templates", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    responses((status = 200, body = Vec<Template>)))]
async fn list_templates(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
) -> Result<Json<Vec<Template>>, ApiError> {
    ctx.require(ClinicAction::UseInbox)?;
    let id = channel_id(&raw)?;
    state.store.channel(ctx.clinic_id(), id).await?;
    Ok(Json(state.store.templates(ctx.clinic_id(), id).await?))
}

/// Registers a template (or replaces the one with its name and language).
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/channels/{channel_id}/templates", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    request_body = TemplateInput,
    responses((status = 200, body = Template), (status = 422, body = Problem, content_type = "application/problem+json")))]
async fn put_template(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(input): ApiJson<TemplateInput>,
) -> Result<Json<Template>, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let mut c = Checker::default();
    let name = c.check(bounded_text("name", &input.name, 1, 512));
    if !input
        .name
        .chars()
        .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '_')
    {
        c.push(
            "name",
            "lowercase letters, digits and _ only, as WhatsApp requires",
        );
    }
    let language_ok = (2..=8).contains(&input.language.len())
        && input
            .language
            .chars()
            .all(|ch| ch.is_ascii_alphabetic() || ch == '_');
    if !language_ok {
        c.push("language", "a language code such as en, tr, es or pt_BR");
    }
    let body = c.check(TemplateBody::parse("body", &input.body));
    if input.provider_ref.len() > 128 {
        c.push("provider_ref", "at most 128 characters");
    }
    c.finish()?;
    let (Some(name), Some(body)) = (name, body) else {
        return Err(ApiError::Unexpected(anyhow::anyhow!(
            "checked fields missing"
        )));
    };
    let template = Template {
        id: uuid::Uuid::now_v7(),
        channel_id: channel_id(&raw)?,
        name,
        language: input.language,
        variables: body.variables() as i64,
        body: body.as_str().to_string(),
        provider_ref: input.provider_ref,
        approved: input.approved,
    };
    Ok(Json(
        state.store.put_template(ctx.clinic_id(), &template).await?,
    ))
}

/// Removes a template.
#[utoipa::path(delete, path = "/api/v1/clinics/{slug}/channels/{channel_id}/templates/{template_id}", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel"),
        ("template_id" = String, Path, description = "the template")),
    responses((status = 204), (status = 404, body = Problem, content_type = "application/problem+json")))]
async fn delete_template(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw, template)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    state
        .store
        .delete_template(
            ctx.clinic_id(),
            channel_id(&raw)?,
            path_id(&template, "template")?,
        )
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A test message.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestSendInput {
    /// The number (must be on the channel's `test_allowlist`).
    to: String,
    /// Free text (default: a short test line) …
    text: Option<String>,
    /// … or an approved template.
    template: Option<crate::service::messaging::TemplateChoice>,
}

/// What a test send did.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct TestSendResult {
    /// The audit entry.
    attempt: TestSendAttempt,
    /// The queued message.
    message: Option<Message>,
}

/// Sends a test message to an allowlisted number (at most the channel's
/// `test_sends_per_minute` per clinic); every attempt is audited.
#[utoipa::path(post, path = "/api/v1/clinics/{slug}/channels/{channel_id}/test-send", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug"), ("channel_id" = String, Path, description = "the channel")),
    request_body = TestSendInput,
    responses((status = 202, body = TestSendResult), (status = 403, body = Problem, content_type = "application/problem+json"),
        (status = 429, body = Problem, content_type = "application/problem+json")))]
async fn send_test(
    State(state): State<AppState>,
    ctx: ClinicContext,
    Path((_, raw)): Path<(String, String)>,
    ApiJson(input): ApiJson<TestSendInput>,
) -> Result<(StatusCode, Json<TestSendResult>), ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    let what = Compose {
        text: match (&input.text, &input.template) {
            (None, None) => Some("This is a test message from Frontdesk.".into()),
            (text, _) => text.clone(),
        },
        template: input.template,
    };
    let (attempt, message) = test_send(
        &*state.store,
        &state.messaging,
        ctx.clinic_id(),
        ctx.account_id,
        channel_id(&raw)?,
        &input.to,
        &what,
    )
    .await?;
    Ok((
        StatusCode::ACCEPTED,
        Json(TestSendResult { attempt, message }),
    ))
}

/// The clinic's test-send audit log, newest first.
#[utoipa::path(get, path = "/api/v1/clinics/{slug}/test-sends", tag = "messaging", security(("bearer" = [])),
    params(("slug" = String, Path, description = "the clinic's slug")),
    responses((status = 200, body = Vec<TestSendAttempt>)))]
async fn test_send_log(
    State(state): State<AppState>,
    ctx: ClinicContext,
) -> Result<Json<Vec<TestSendAttempt>>, ApiError> {
    ctx.require(ClinicAction::ManageChannels)?;
    Ok(Json(state.store.test_sends(ctx.clinic_id(), 200).await?))
}
