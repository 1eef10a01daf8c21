//! A conversation's turn: the assistant answers every pending message in one commit.

use chrono::{DateTime, Utc};
use frontdesk_domain::messaging::{Author, ChannelKind};
use frontdesk_store::{Job, JobKind, NewOutbound, Store, StoreError, TurnCommit, TurnJob};

use crate::assistant::desk::ConversationDesk;
use crate::knowledge::Knowledge;
use crate::messaging::Messaging;
use crate::messaging::events::InboxEvent;

/// Messages of history a turn sees.
const CONTEXT: u32 = 20;

/// A conversation's turn: answer every pending message in one commit.
pub async fn run(
    store: &dyn Store,
    m: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let TurnJob {
        clinic_id,
        conversation_id: conversation,
    } = job.payload().map_err(|e| e.to_string())?;
    let input = store
        .turn_input(clinic_id, conversation, CONTEXT)
        .await
        .map_err(|e| e.to_string())?;
    let mut commit = TurnCommit {
        conversation,
        job: job.id,
        worker: worker.to_string(),
        handled: input.pending.iter().map(|m| m.id).collect(),
        replies: vec![],
        state: input.conversation.state.clone(),
        needs_human: None,
        now,
        send_attempts: JobKind::Send.max_attempts(),
    };
    // During a takeover staff answer; the assistant only marks the messages as seen.
    if let Some(last) = commit.handled.last().copied()
        && !input.conversation.taken_over_at(now)
    {
        let clinic = store.clinic(clinic_id).await.map_err(|e| e.to_string())?;
        let desk = ConversationDesk::open(
            store,
            knowledge,
            &clinic,
            &input.conversation,
            last,
            now,
            &m.events,
        )
        .await
        .map_err(|e| e.to_string())?;
        let reply = if input.conversation.channel_kind == ChannelKind::WebChat {
            // The chat shows the reply as it is written; the turn's key names the stream.
            let stream = commit.handled.last().copied();
            let events = m.events.clone();
            let delta = move |text: &str| {
                events.send(InboxEvent {
                    clinic_id,
                    kind: "delta".into(),
                    conversation_id: Some(conversation),
                    message_id: None,
                    text: Some(text.to_string()),
                    from: Some("outbound:assistant".into()),
                    stream,
                    appointment: None,
                })
            };
            m.assistant
                .reply_streaming(&clinic, &input, &desk, &delta)
                .await
        } else {
            m.assistant.reply(&clinic, &input, &desk).await
        }
        .map_err(|e| format!("the assistant cannot answer now: {e}"))?;
        let usage = reply.usage;
        commit.replies = reply
            .messages
            .into_iter()
            .enumerate()
            .map(|(i, text)| NewOutbound {
                id: None,
                author: Author::Assistant,
                author_account: None,
                content: match (&usage, i) {
                    (Some(usage), 0) => {
                        serde_json::json!({ "type": "text", "body": text, "usage": usage })
                    }
                    _ => serde_json::json!({ "type": "text", "body": text }),
                },
                preview: text,
                template: None,
                refused: None,
            })
            .collect();
        commit.state = reply.state;
        commit.needs_human = reply.needs_human;
    }
    match store.commit_turn(clinic_id, &commit).await {
        Ok(replies) => {
            if !replies.is_empty() {
                m.wake.notify_one();
            }
            for r in &replies {
                m.events.send(InboxEvent {
                    clinic_id,
                    kind: "message".into(),
                    conversation_id: Some(conversation),
                    message_id: Some(r.id),
                    text: Some(r.preview.clone()),
                    from: Some("outbound:assistant".into()),
                    stream: None,
                    appointment: None,
                });
            }
            if commit.needs_human.is_some() {
                m.events.send(InboxEvent {
                    clinic_id,
                    kind: "conversation".into(),
                    conversation_id: Some(conversation),
                    message_id: None,
                    text: commit.needs_human.clone(),
                    from: None,
                    stream: None,
                    appointment: None,
                });
            }
            Ok(())
        }
        // Another worker holds the turn now, or already answered these messages.
        Err(StoreError::Refused(why)) => {
            tracing::info!(job = %job.id, %why, "turn not committed");
            Ok(())
        }
        Err(e) => Err(e.to_string()),
    }
}
