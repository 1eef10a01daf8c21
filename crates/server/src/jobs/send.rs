//! One outbound message through its provider (or to the open web chats).

use chrono::Utc;
use frontdesk_channels::outbound::{Outgoing, SendError};
use frontdesk_domain::messaging::{ChannelKind, service_window_open};
use frontdesk_store::{Job, SendJob, SendOutcome, SendStart, Store};

use super::complete;
use crate::messaging::channel_config::OpenChannel;
use crate::messaging::events::InboxEvent;
use crate::messaging::{Messaging, OUTSIDE_WINDOW};

/// One outbound message through its provider.
pub async fn run(store: &dyn Store, m: &Messaging, worker: &str, job: &Job) -> Result<(), String> {
    let SendJob {
        clinic_id,
        message_id,
    } = job.payload().map_err(|e| e.to_string())?;
    let now = Utc::now();
    let start = store
        .begin_send(clinic_id, message_id, now)
        .await
        .map_err(|e| e.to_string())?;
    let (message, conversation, channel) = match start {
        SendStart::Proceed(parts) => *parts,
        SendStart::Settled => return complete(store, job, worker).await,
        SendStart::Unknown => {
            tracing::warn!(message = %message_id, "send outcome unknown after a worker stopped; not sent again");
            return complete(store, job, worker).await;
        }
    };
    let outcome = match OpenChannel::open(&channel, &m.keys) {
        Err(e) => SendOutcome::Failed(format!("channel credentials: {e}")),
        Ok(open) => deliver(m, &open, &message, &conversation, now).await,
    };
    let (outcome, retry) = match outcome {
        SendOutcome::Retry(e) if job.attempts >= job.max_attempts => (
            SendOutcome::Failed(format!("gave up after {} attempts: {e}", job.attempts)),
            false,
        ),
        SendOutcome::Retry(e) => (SendOutcome::Retry(e), true),
        other => (other, false),
    };
    store
        .finish_send(clinic_id, message_id, &outcome, Utc::now())
        .await
        .map_err(|e| e.to_string())?;
    m.events.send(InboxEvent {
        clinic_id,
        kind: "status".into(),
        conversation_id: Some(conversation.id),
        message_id: Some(message_id),
        text: None,
        from: None,
        stream: None,
        appointment: None,
    });
    match outcome {
        SendOutcome::Retry(e) if retry => Err(e),
        _ => complete(store, job, worker).await,
    }
}

/// Hands one message to the channel's provider (or the web chat).
async fn deliver(
    m: &Messaging,
    channel: &OpenChannel,
    message: &frontdesk_store::Message,
    conversation: &frontdesk_store::Conversation,
    now: chrono::DateTime<Utc>,
) -> SendOutcome {
    if !channel.active {
        return SendOutcome::Failed("the channel is turned off".into());
    }
    let content = &message.content;
    let text = content["body"].as_str().unwrap_or_default();
    let is_template = content["type"] == "template";
    if channel.kind == ChannelKind::WebChat {
        // Delivered to the open chat sockets through the event bus.
        m.events.send(InboxEvent {
            clinic_id: channel.clinic_id,
            kind: "chat".into(),
            conversation_id: Some(message.conversation_id),
            message_id: Some(message.id),
            text: Some(text.to_string()),
            from: Some(format!("outbound:{}", message.author)),
            stream: message.turn,
            appointment: None,
        });
        return SendOutcome::Sent(format!("web-{}", message.id));
    }
    if !is_template
        && channel.kind.has_service_window()
        && !service_window_open(conversation.last_inbound_at, now)
    {
        return SendOutcome::Failed(OUTSIDE_WINDOW.into());
    }
    let Some(account) = channel.account() else {
        return SendOutcome::Failed("this channel cannot send".into());
    };
    let variables: Vec<String> = content["variables"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    let outgoing = if is_template {
        Outgoing::Template {
            name: content["name"].as_str().unwrap_or_default(),
            language: content["language"].as_str().unwrap_or_default(),
            provider_ref: content["provider_ref"].as_str().unwrap_or_default(),
            variables: &variables,
            rendered: text,
        }
    } else {
        Outgoing::Text(text)
    };
    match m
        .sender
        .send(&account, &conversation.contact, &outgoing)
        .await
    {
        Ok(id) => SendOutcome::Sent(id),
        Err(SendError::Retryable(e)) => SendOutcome::Retry(e),
        Err(SendError::Permanent(e)) => SendOutcome::Failed(e),
    }
}
