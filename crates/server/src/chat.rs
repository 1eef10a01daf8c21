//! `frontdesk chat`: talk to a clinic's assistant in the terminal as a patient would on its
//! web chat. Each line goes through the web chat's own pipeline — intake, the turn worker,
//! the assistant, the outbox — and the reply is printed when the turn commits.

use std::io::{BufRead, Write};
use std::time::{Duration, Instant};

use chrono::Utc;
use frontdesk_domain::messaging::{Author, ChannelKind};
use frontdesk_domain::{ClinicId, ConversationId, Slug};
use frontdesk_store::{Intake, JobKind, NewInbound, Store};
use serde_json::json;

use crate::state::AppState;

/// How long to wait for the assistant's answer to one line.
const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// Why a chat could not start or go on.
#[derive(Debug, thiserror::Error)]
pub enum ChatError {
    /// No clinic has that slug.
    #[error(
        "no clinic is called {0:?}; run `frontdesk serve --demo` once for the demo clinic \"bright-smile\""
    )]
    NoClinic(String),
    /// The clinic has no web chat to talk through.
    #[error("clinic {0:?} has no active web chat channel; add one in the dashboard under Channels")]
    NoWebChat(String),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] frontdesk_store::StoreError),
    /// The intake refused the message.
    #[error("the message was not stored: {0}")]
    Intake(String),
    /// The terminal failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Reads the patient's lines from `input` until it ends (or `/quit`), printing each answer to
/// `output`. Workers must be running (the caller starts them, as `serve` does).
pub async fn run(
    state: &AppState,
    slug: &str,
    visitor: &str,
    input: impl BufRead,
    mut output: impl Write,
) -> Result<(), ChatError> {
    let store = &*state.store;
    let slug_value =
        Slug::parse("clinic", slug).map_err(|_| ChatError::NoClinic(slug.to_string()))?;
    let clinic = store
        .clinic_by_slug_unscoped(&slug_value)
        .await?
        .ok_or_else(|| ChatError::NoClinic(slug.to_string()))?;
    let channel = store
        .channels(clinic.id)
        .await?
        .into_iter()
        .find(|c| c.record.kind == ChannelKind::WebChat && c.record.active)
        .ok_or_else(|| ChatError::NoWebChat(slug.to_string()))?;
    let assistant = clinic.profile.persona.name.clone();
    writeln!(
        output,
        "Chatting with {} as visitor {visitor}. Type /quit to leave.",
        clinic.profile.name.as_str()
    )?;
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() {
            continue;
        }
        if text == "/quit" {
            break;
        }
        let now = Utc::now();
        let item = NewInbound {
            clinic_id: clinic.id,
            channel_id: channel.id,
            contact: format!("web:{visitor}"),
            contact_is_phone: false,
            contact_name: None,
            provider_message_id: format!("{visitor}:{}:{n}", now.timestamp_micros()),
            content: json!({"type": "text", "body": text}),
            preview: text.to_string(),
            sent_at: Some(now),
            received_at: now,
            // One line is one turn: no need to wait for more typing.
            debounce: chrono::Duration::zero(),
            turn_attempts: JobKind::Turn.max_attempts(),
        };
        let accepted = state
            .messaging
            .intake
            .submit(vec![item])
            .await
            .map_err(ChatError::Intake)?;
        let Some(Intake::Accepted {
            conversation,
            message,
        }) = accepted.first().cloned()
        else {
            continue;
        };
        match answer(store, clinic.id, conversation, message).await? {
            Some(texts) => {
                for t in texts {
                    writeln!(output, "{assistant}: {t}")?;
                }
            }
            None => writeln!(
                output,
                "(no answer yet: staff may have taken this conversation over)"
            )?,
        }
        output.flush()?;
    }
    Ok(())
}

/// The assistant's messages after `asked`, once its turn has committed.
async fn answer(
    store: &dyn Store,
    clinic: ClinicId,
    conversation: ConversationId,
    asked: frontdesk_domain::MessageId,
) -> Result<Option<Vec<String>>, ChatError> {
    let started = Instant::now();
    while started.elapsed() < ANSWER_WITHIN {
        let messages = store.messages(clinic, conversation, None, 50).await?;
        let seq = messages.iter().find(|m| m.id == asked).map(|m| m.seq);
        if let Some(seq) = seq {
            let mut replies: Vec<&frontdesk_store::Message> = messages
                .iter()
                .filter(|m| m.seq > seq && m.author == Author::Assistant)
                .collect();
            // Newest first from the store; the patient reads them in order.
            replies.sort_by_key(|m| m.seq);
            let replies: Vec<String> = replies.iter().map(|m| m.preview.clone()).collect();
            if !replies.is_empty() {
                return Ok(Some(replies));
            }
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Ok(None)
}
