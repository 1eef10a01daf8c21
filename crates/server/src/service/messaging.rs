//! Messages the clinic starts or writes by hand: staff replies, takeovers, test sends, and
//! templates; each checked against WhatsApp's 24-hour window.

use chrono::{DateTime, Duration, Utc};
use frontdesk_domain::clinic::normalize_phone;
use frontdesk_domain::messaging::{Author, TemplateBody, outbound_text, service_window_open};
use frontdesk_domain::{AccountId, ChannelId, ClinicId, ConversationId, Invalid};
use frontdesk_store::{
    Conversation, JobKind, Message, NewOutbound, Store, StoreError, TestSendAttempt,
};
use serde::Deserialize;

use crate::messaging::channel_config::{ChannelSettings, OpenChannel};
use crate::messaging::events::InboxEvent;
use crate::messaging::{Messaging, OUTSIDE_WINDOW};
use crate::problem::ApiError;

/// A template to send: which one, and its variables.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateChoice {
    /// Its name.
    pub name: String,
    /// Its language code, as registered (`pt_BR`, `en`, …).
    pub language: String,
    /// Values for `{{1}}`, `{{2}}`, …
    #[serde(default)]
    pub variables: Vec<String>,
}

/// What to send: free text or a template (exactly one).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Compose {
    /// Free text (only inside WhatsApp's 24-hour window).
    pub text: Option<String>,
    /// An approved template (any time).
    pub template: Option<TemplateChoice>,
}

/// Builds the outbound message for `conversation`, refusing free text outside the window.
pub async fn compose(
    store: &dyn Store,
    clinic: ClinicId,
    channel: &OpenChannel,
    conversation: &Conversation,
    what: &Compose,
    (author, account): (Author, Option<AccountId>),
    now: DateTime<Utc>,
) -> Result<NewOutbound, ApiError> {
    let (content, preview, template) = match (&what.text, &what.template) {
        (Some(text), None) => {
            let text = outbound_text("text", text)?;
            if channel.kind.has_service_window()
                && !service_window_open(conversation.last_inbound_at, now)
            {
                return Err(ApiError::NotNow(OUTSIDE_WINDOW.into()));
            }
            (
                serde_json::json!({ "type": "text", "body": text }),
                text,
                None,
            )
        }
        (None, Some(choice)) => {
            let templates = store.templates(clinic, channel.id).await?;
            let found = templates
                .iter()
                .find(|t| t.name == choice.name && t.language == choice.language && t.approved)
                .ok_or_else(|| {
                    Invalid::field(
                        "template",
                        format!(
                            "this channel has no approved template {:?} in {:?}",
                            choice.name, choice.language
                        ),
                    )
                })?;
            let body = TemplateBody::parse("template", &found.body)?;
            let rendered = body.render("template.variables", &choice.variables)?;
            (
                serde_json::json!({
                    "type": "template", "name": found.name, "language": found.language,
                    "provider_ref": found.provider_ref, "variables": choice.variables,
                    "body": rendered,
                }),
                rendered,
                Some(format!("{}:{}", found.name, found.language)),
            )
        }
        _ => {
            return Err(
                Invalid::field("body", "send either `text` or `template`, not both").into(),
            );
        }
    };
    Ok(NewOutbound {
        id: None,
        author,
        author_account: account,
        content,
        preview,
        template,
        refused: None,
    })
}

/// The opened channel of a conversation.
pub async fn conversation_channel(
    store: &dyn Store,
    messaging: &Messaging,
    clinic: ClinicId,
    conversation: &Conversation,
) -> Result<OpenChannel, ApiError> {
    let channel = store.channel(clinic, conversation.channel_id).await?;
    OpenChannel::open(&channel, &messaging.keys)
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("channel credentials: {e}")))
}

/// Staff answer a conversation: the message is queued, and the conversation is theirs (the
/// assistant silent) for the channel's quiet time from now.
pub async fn staff_reply(
    store: &dyn Store,
    messaging: &Messaging,
    clinic: ClinicId,
    staff: AccountId,
    id: ConversationId,
    what: &Compose,
) -> Result<Message, ApiError> {
    let now = Utc::now();
    let conversation = store.conversation(clinic, id).await?;
    let channel = conversation_channel(store, messaging, clinic, &conversation).await?;
    let outbound = compose(
        store,
        clinic,
        &channel,
        &conversation,
        what,
        (Author::Staff, Some(staff)),
        now,
    )
    .await?;
    take_over(store, messaging, clinic, staff, id, &channel.settings, None).await?;
    let message = store
        .queue_outbound(clinic, id, &[outbound], JobKind::Send.max_attempts(), now)
        .await?
        .remove(0);
    messaging.wake.notify_one();
    messaging.events.send(InboxEvent {
        clinic_id: clinic,
        kind: "message".into(),
        conversation_id: Some(id),
        message_id: Some(message.id),
        text: Some(message.preview.clone()),
        from: Some("outbound:staff".into()),
        stream: None,
        appointment: None,
    });
    Ok(message)
}

/// Staff take a conversation over for `minutes` (default: the channel's quiet time).
pub async fn take_over(
    store: &dyn Store,
    messaging: &Messaging,
    clinic: ClinicId,
    staff: AccountId,
    id: ConversationId,
    settings: &ChannelSettings,
    minutes: Option<u32>,
) -> Result<Conversation, ApiError> {
    let minutes = minutes.unwrap_or(settings.takeover_quiet_minutes);
    if !(1..=24 * 60).contains(&minutes) {
        return Err(Invalid::field("minutes", "between 1 and 1440").into());
    }
    let now = Utc::now();
    let until = now + Duration::minutes(i64::from(minutes));
    let conversation = store
        .set_takeover(clinic, id, Some((staff, until)), now)
        .await?;
    conversation_changed(messaging, clinic, id);
    Ok(conversation)
}

/// A change staff make to a conversation's state.
#[derive(Debug, Clone, Copy)]
pub enum ConversationChange {
    /// Hand it back to the assistant.
    Release,
    /// Mark every message read.
    Read,
    /// Close it until the patient writes again.
    Close,
    /// Assign it to a member of the clinic, or to nobody.
    Assign(Option<AccountId>),
}

/// Applies `change` and tells the inbox.
pub async fn change_conversation(
    store: &dyn Store,
    messaging: &Messaging,
    clinic: ClinicId,
    id: ConversationId,
    change: ConversationChange,
) -> Result<Conversation, ApiError> {
    let now = Utc::now();
    let conversation = match change {
        ConversationChange::Release => store.set_takeover(clinic, id, None, now).await?,
        ConversationChange::Read => store.mark_read(clinic, id).await?,
        ConversationChange::Close => store.close_conversation(clinic, id, now).await?,
        ConversationChange::Assign(to) => store
            .assign_conversation(clinic, id, to, now)
            .await
            .map_err(|e| match e {
                StoreError::UnknownReference(m) => Invalid::field("account_id", m).into(),
                other => ApiError::from(other),
            })?,
    };
    conversation_changed(messaging, clinic, id);
    Ok(conversation)
}

/// Tells the inbox a conversation's state changed.
pub fn conversation_changed(messaging: &Messaging, clinic: ClinicId, id: ConversationId) {
    messaging.events.send(InboxEvent {
        clinic_id: clinic,
        kind: "conversation".into(),
        conversation_id: Some(id),
        message_id: None,
        text: None,
        from: None,
        stream: None,
        appointment: None,
    });
}

/// A test send: to an allowlisted number, within the clinic's rate; every attempt audited.
pub async fn test_send(
    store: &dyn Store,
    messaging: &Messaging,
    clinic: ClinicId,
    staff: AccountId,
    channel: ChannelId,
    to: &str,
    what: &Compose,
) -> Result<(TestSendAttempt, Option<Message>), ApiError> {
    let now = Utc::now();
    let stored = store.channel(clinic, channel).await?;
    let open = OpenChannel::open(&stored, &messaging.keys)
        .map_err(|e| ApiError::Unexpected(anyhow::anyhow!("channel credentials: {e}")))?;
    let attempt = |outcome: &str, detail: String| TestSendAttempt {
        channel_id: channel,
        account_id: Some(staff),
        recipient: to.to_string(),
        outcome: outcome.into(),
        detail,
        at: now,
    };
    let number = match normalize_phone("to", to) {
        Ok(n) => n,
        Err(e) => {
            store
                .record_test_send(
                    clinic,
                    &attempt("refused_invalid_number", e.to_string()),
                    None,
                )
                .await?;
            return Err(e.into());
        }
    };
    if !open.settings.test_allowlist.contains(&number) {
        let why = "this number is not on the channel's test allowlist (settings.test_allowlist)";
        store
            .record_test_send(
                clinic,
                &attempt("refused_not_allowlisted", why.into()),
                None,
            )
            .await?;
        return Err(ApiError::Forbidden(why.into()));
    }
    let conversation = store
        .open_conversation(clinic, channel, &number, now)
        .await?;
    let outbound = match compose(
        store,
        clinic,
        &open,
        &conversation,
        what,
        (Author::System, Some(staff)),
        now,
    )
    .await
    {
        Ok(o) => o,
        Err(e) => {
            store
                .record_test_send(
                    clinic,
                    &attempt("refused_invalid_message", e.to_string()),
                    None,
                )
                .await?;
            return Err(e);
        }
    };
    let recorded = store
        .record_test_send(
            clinic,
            &attempt("sent", "queued for sending".into()),
            Some(open.settings.test_sends_per_minute),
        )
        .await?;
    if recorded.outcome != "sent" {
        return Err(ApiError::TooManyRequests {
            detail: recorded.detail,
            retry_after_secs: 60,
        });
    }
    let message = store
        .queue_outbound(
            clinic,
            conversation.id,
            &[outbound],
            JobKind::Send.max_attempts(),
            now,
        )
        .await?
        .remove(0);
    messaging.wake.notify_one();
    Ok((recorded, Some(message)))
}
