//! Workers: claim due jobs and run them — a conversation's turn (the assistant answers its
//! pending messages), a send (one outbound message through its provider), a reminder, or a
//! knowledge job (extracting a document, embedding texts). Jobs of one
//! conversation run one at a time in order (the queue's lanes); a worker that dies loses its
//! lease and another runs the job again, which the store makes safe.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::broadcast::{self, error::RecvError, error::TryRecvError};

use chrono::{DateTime, Utc};
use frontdesk_channels::outbound::{Outgoing, SendError};
use frontdesk_domain::messaging::{Author, ChannelKind, service_window_open};
use frontdesk_domain::{ClinicId, ConversationId, MessageId};
use frontdesk_store::{Job, NewOutbound, SendOutcome, SendStart, Store, StoreError, TurnCommit};

use super::channel_config::OpenChannel;
use super::events::InboxEvent;
use super::reminders::ReminderOutcome;
use super::{Messaging, OUTSIDE_WINDOW};
use crate::assistant::desk::ConversationDesk;
use crate::knowledge::Knowledge;

/// How long a claimed job is ours before another worker may take it.
pub const LEASE: chrono::Duration = chrono::Duration::seconds(60);
/// Failures a turn may have before it is dead.
pub const TURN_ATTEMPTS: u32 = 5;
/// Failures a send may have before the message is marked failed.
pub const SEND_ATTEMPTS: u32 = 8;
/// Messages of history a turn sees.
const CONTEXT: u32 = 20;
/// Shortest wait between two looks at a queue that has due jobs none of which can run yet
/// (their lane is busy in another process).
const IDLE_POLL: Duration = Duration::from_millis(100);
/// Longest wait between two looks at the queue: what another process queues without telling
/// this one is found within this.
const SAFETY_POLL: Duration = Duration::from_secs(5);

/// How long a worker with nothing to claim sleeps: until the next job falls due, within
/// `IDLE_POLL..=SAFETY_POLL`, unless it is woken first.
fn idle_wait(next_due: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Duration {
    match next_due {
        None => SAFETY_POLL,
        Some(due) => (due - now)
            .to_std()
            .unwrap_or(Duration::ZERO)
            .clamp(IDLE_POLL, SAFETY_POLL),
    }
}

/// Runs workers until aborted: one claim loop feeding up to `concurrency` jobs, each held
/// for `lease`. Aborting the returned task also stops its jobs mid-flight, as a crash would.
pub fn spawn(
    store: Arc<dyn Store>,
    messaging: Messaging,
    knowledge: Knowledge,
    name: String,
    concurrency: usize,
    lease: chrono::Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let concurrency = concurrency.max(1);
        let mut running = tokio::task::JoinSet::new();
        let mut elsewhere = messaging.events.subscribe();
        loop {
            while running.try_join_next().is_some() {}
            // The intake goes first: under a burst fewer jobs run at once.
            let allowed = messaging.intake.allowance().jobs(concurrency);
            let free = allowed.saturating_sub(running.len());
            if free == 0 {
                running.join_next().await;
                continue;
            }
            let jobs = match store.claim(&name, free as u32, lease, Utc::now()).await {
                Ok(jobs) => jobs,
                Err(e) => {
                    tracing::warn!(error = %e, "cannot claim jobs");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if jobs.is_empty() {
                // Woken by this process's intake and turns, by another process's news (inbox
                // events over NOTIFY), or when the next job falls due. News from before this
                // look at the queue is in it already.
                forget_news(&mut elsewhere);
                // A busy queue wakes us within moments: only a quiet one is asked when its
                // next job falls due, so being busy costs no extra statement.
                if idle(&messaging, &mut elsewhere, &mut running, IDLE_POLL).await {
                    continue;
                }
                let wait = match store.next_due().await {
                    Ok(due) => idle_wait(due, Utc::now()).saturating_sub(IDLE_POLL),
                    Err(_) => Duration::ZERO,
                };
                idle(&messaging, &mut elsewhere, &mut running, wait).await;
                continue;
            }
            // Fewer than asked for: nothing else is due now, so wait for news (or a moment)
            // before asking again instead of asking at once for nothing.
            let drained = jobs.len() < free;
            for job in jobs {
                let (store, messaging, knowledge, name) = (
                    store.clone(),
                    messaging.clone(),
                    knowledge.clone(),
                    name.clone(),
                );
                running
                    .spawn(async move { run(&*store, &messaging, &knowledge, &name, job).await });
            }
            if drained {
                forget_news(&mut elsewhere);
                idle(&messaging, &mut elsewhere, &mut running, IDLE_POLL).await;
            }
        }
    })
}

/// Drops the news already heard: the queue was looked at after it.
fn forget_news(news: &mut broadcast::Receiver<InboxEvent>) {
    while !matches!(
        news.try_recv(),
        Err(TryRecvError::Empty | TryRecvError::Closed)
    ) {}
}

/// Waits up to `wait` for a reason to look at the queue again; whether one came.
async fn idle(
    messaging: &Messaging,
    news: &mut broadcast::Receiver<InboxEvent>,
    running: &mut tokio::task::JoinSet<()>,
    wait: Duration,
) -> bool {
    tokio::select! {
        _ = messaging.wake.notified() => true,
        _ = queue_news(news) => true,
        Some(_) = running.join_next(), if !running.is_empty() => true,
        _ = tokio::time::sleep(wait) => false,
    }
}

/// Returns once a message that queues work was stored, here or (over NOTIFY) by another
/// process: a patient's (a turn) or staff's (a send). The assistant's replies are queued by
/// turns, whose commits wake their own process.
async fn queue_news(events: &mut broadcast::Receiver<InboxEvent>) {
    loop {
        match events.recv().await {
            Ok(e) if e.kind == "message" && e.from.as_deref() != Some("outbound:assistant") => {
                return;
            }
            Ok(_) | Err(RecvError::Lagged(_)) => {}
            Err(RecvError::Closed) => std::future::pending::<()>().await,
        }
    }
}

/// Runs one job and records how it went.
pub async fn run(
    store: &dyn Store,
    messaging: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: Job,
) {
    run_at(store, messaging, knowledge, worker, job, Utc::now()).await
}

/// The same, with the turn's clock at `now` (the dialog evaluation replays a calendar).
pub async fn run_at(
    store: &dyn Store,
    messaging: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: Job,
    now: DateTime<Utc>,
) {
    let result = match job.kind.as_str() {
        "turn" => turn(store, messaging, knowledge, worker, &job, now).await,
        "send" => send(store, messaging, worker, &job).await,
        "reminder" => reminder(store, messaging, worker, &job).await,
        crate::knowledge::EXTRACT_JOB => {
            crate::knowledge::jobs::extract(store, knowledge, worker, &job).await
        }
        crate::knowledge::EMBED_JOB => {
            crate::knowledge::jobs::embed(store, knowledge, worker, &job).await
        }
        other => Err(format!("no worker knows jobs of kind {other:?}")),
    };
    if let Err(error) = result {
        tracing::warn!(job = %job.id, kind = %job.kind, attempt = job.attempts, %error, "job failed");
        if let Err(e) = store.fail(job.id, worker, &error, now).await {
            tracing::warn!(job = %job.id, error = %e, "cannot record the failure");
        }
    }
}

/// The id a job's payload names under `key`.
pub(crate) fn job_id(job: &Job, key: &str) -> Result<uuid::Uuid, String> {
    job.payload[key]
        .as_str()
        .and_then(|s| uuid::Uuid::parse_str(s).ok())
        .ok_or_else(|| format!("the job names no {key}"))
}

/// A conversation's turn: answer every pending message in one commit.
async fn turn(
    store: &dyn Store,
    m: &Messaging,
    knowledge: &Knowledge,
    worker: &str,
    job: &Job,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let clinic_id = ClinicId::from_uuid(job_id(job, "clinic_id")?);
    let conversation = ConversationId::from_uuid(job_id(job, "conversation_id")?);
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
        send_attempts: SEND_ATTEMPTS,
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

/// One outbound message through its provider.
async fn send(store: &dyn Store, m: &Messaging, worker: &str, job: &Job) -> Result<(), String> {
    let clinic_id = ClinicId::from_uuid(job_id(job, "clinic_id")?);
    let message_id = MessageId::from_uuid(job_id(job, "message_id")?);
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

/// A due appointment reminder: queued as a template message (sent by its own job).
async fn reminder(store: &dyn Store, m: &Messaging, worker: &str, job: &Job) -> Result<(), String> {
    match super::reminders::queue_reminder(store, m, job).await? {
        ReminderOutcome::Skipped(why) => {
            tracing::warn!(job = %job.id, payload = %job.payload, %why, "reminder not sent");
        }
        ReminderOutcome::Queued(_) | ReminderOutcome::AlreadyQueued => {}
    }
    complete(store, job, worker).await
}

async fn complete(store: &dyn Store, job: &Job, worker: &str) -> Result<(), String> {
    match store.complete(job.id, worker, Utc::now()).await {
        Ok(()) | Err(StoreError::Refused(_)) => Ok(()),
        Err(e) => Err(e.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_idle_worker_sleeps_until_the_next_job_within_bounds() {
        let now = Utc::now();
        assert_eq!(idle_wait(None, now), SAFETY_POLL);
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::seconds(2)), now),
            Duration::from_secs(2)
        );
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::hours(1)), now),
            SAFETY_POLL
        );
        // Due already (its lane is busy elsewhere): looked at again soon, not in a tight loop.
        assert_eq!(
            idle_wait(Some(now - chrono::Duration::seconds(3)), now),
            IDLE_POLL
        );
        assert_eq!(
            idle_wait(Some(now + chrono::Duration::milliseconds(20)), now),
            IDLE_POLL
        );
    }
}
