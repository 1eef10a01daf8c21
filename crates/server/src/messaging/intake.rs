//! The durable intake: webhook handlers hand verified messages to writer tasks, which commit
//! whatever has queued up meanwhile in one transaction (group commit) and answer each
//! handler once its message is on disk. A burst costs one fsync, not one per message.
//!
//! Each contact's messages always go to the same writer (by a hash of channel and contact),
//! so two writers never hold the same conversation's row: on PostgreSQL a batch never waits
//! for another batch's commit, only (briefly) for a turn that is writing to that
//! conversation.

use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::Instant;

use frontdesk_store::{Intake, NewInbound, Store};
use tokio::sync::{Notify, mpsc, oneshot};

use super::allowance::WorkAllowance;
use super::events::{EventBus, InboxEvent};

/// Most messages one transaction takes.
const MAX_BATCH: usize = 256;

struct Pending {
    item: NewInbound,
    /// When the handler handed it over.
    since: Instant,
    reply: oneshot::Sender<Result<Intake, String>>,
}

/// Where handlers queue verified messages.
#[derive(Clone)]
pub struct IntakeQueue {
    writers: Arc<[mpsc::Sender<Pending>]>,
    allowance: Arc<WorkAllowance>,
}

impl IntakeQueue {
    /// Starts `writers` writer tasks (one suits SQLite's single writer; PostgreSQL gains from
    /// a few).
    pub fn start(
        store: Arc<dyn Store>,
        writers: usize,
        wake: Arc<Notify>,
        events: EventBus,
    ) -> Self {
        let allowance = Arc::new(WorkAllowance::default());
        let mut senders = Vec::with_capacity(writers.max(1));
        for _ in 0..writers.max(1) {
            let (tx, mut rx) = mpsc::channel::<Pending>(8192);
            senders.push(tx);
            let (store, wake, events) = (store.clone(), wake.clone(), events.clone());
            let allowance = allowance.clone();
            tokio::spawn(async move {
                while let Some(first) = rx.recv().await {
                    let mut batch = vec![first];
                    while batch.len() < MAX_BATCH {
                        match rx.try_recv() {
                            Ok(p) => batch.push(p),
                            Err(_) => break,
                        }
                    }
                    let oldest = batch.iter().map(|p| p.since).min();
                    write(&*store, batch, &wake, &events).await;
                    if let Some(oldest) = oldest {
                        allowance.intake_stored(oldest.elapsed());
                    }
                }
            });
        }
        IntakeQueue {
            writers: senders.into(),
            allowance,
        }
    }

    /// How many jobs this process's workers may run while the intake is busy.
    pub fn allowance(&self) -> &WorkAllowance {
        &self.allowance
    }

    /// The writer that takes every message of `item`'s contact.
    fn writer_of(&self, item: &NewInbound) -> &mpsc::Sender<Pending> {
        let mut hasher = std::hash::DefaultHasher::new();
        (item.channel_id, &item.contact).hash(&mut hasher);
        // The modulus is below the writer count, which is a usize.
        let i = (hasher.finish() % self.writers.len() as u64) as usize;
        &self.writers[i]
    }

    /// Stores `items` durably; returns what became of each once committed.
    pub async fn submit(&self, items: Vec<NewInbound>) -> Result<Vec<Intake>, String> {
        let mut waits = Vec::with_capacity(items.len());
        for item in items {
            let (reply, wait) = oneshot::channel();
            self.writer_of(&item)
                .send(Pending {
                    item,
                    since: Instant::now(),
                    reply,
                })
                .await
                .map_err(|_| "the intake is shutting down".to_string())?;
            waits.push(wait);
        }
        let mut out = Vec::with_capacity(waits.len());
        for wait in waits {
            out.push(
                wait.await
                    .map_err(|_| "the intake writer stopped".to_string())??,
            );
        }
        Ok(out)
    }
}

async fn write(store: &dyn Store, mut batch: Vec<Pending>, wake: &Notify, events: &EventBus) {
    // Every writer touches conversations in the same order, so two concurrent batches on
    // PostgreSQL cannot deadlock on each other's rows; the sort is stable, so one contact's
    // messages keep their arrival order.
    batch.sort_by(|a, b| {
        (a.item.channel_id, &a.item.contact).cmp(&(b.item.channel_id, &b.item.contact))
    });
    let items: Vec<NewInbound> = batch.iter().map(|p| p.item.clone()).collect();
    // A deadlock or serialization failure is PostgreSQL asking for another try.
    let batch_result = frontdesk_store::retry_contended(|| store.accept_inbound(&items)).await;
    let results: Vec<Result<Intake, String>> = match batch_result {
        Ok(done) => done.into_iter().map(Ok).collect(),
        // One bad message (its channel deleted meanwhile …) must not sink the others.
        Err(e) if items.len() > 1 => {
            tracing::warn!(messages = items.len(), error = %e, "intake batch failed; storing its messages one by one");
            let mut each = Vec::with_capacity(items.len());
            for item in &items {
                each.push(
                    store
                        .accept_inbound(std::slice::from_ref(item))
                        .await
                        .map(|mut r| r.remove(0))
                        .map_err(|e| e.to_string()),
                );
            }
            each
        }
        Err(e) => vec![Err(e.to_string())],
    };
    for (item, result) in items.iter().zip(&results) {
        if let Err(e) = result {
            tracing::warn!(channel = %item.channel_id, provider_id = %item.provider_message_id, error = %e, "inbound message not stored; the webhook answers 503 and the provider retries");
        }
    }
    let mut accepted = Vec::new();
    for (pending, result) in batch.into_iter().zip(results) {
        if let Ok(Intake::Accepted {
            conversation,
            message,
        }) = &result
        {
            accepted.push(InboxEvent {
                clinic_id: pending.item.clinic_id,
                kind: "message".into(),
                conversation_id: Some(*conversation),
                message_id: Some(*message),
                text: Some(pending.item.preview.clone()),
                from: Some("inbound:patient".into()),
                stream: None,
                appointment: None,
            });
        }
        let _ = pending.reply.send(result);
    }
    if !accepted.is_empty() {
        wake.notify_one();
        for e in accepted {
            events.send(e);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use frontdesk_domain::{ChannelId, ClinicId};

    fn message(channel: ChannelId, contact: &str) -> NewInbound {
        NewInbound {
            clinic_id: ClinicId::new(),
            channel_id: channel,
            contact: contact.into(),
            contact_is_phone: true,
            contact_name: None,
            provider_message_id: uuid::Uuid::now_v7().to_string(),
            content: serde_json::json!({"type": "text", "body": "hi"}),
            preview: "hi".into(),
            sent_at: None,
            received_at: chrono::Utc::now(),
            debounce: chrono::Duration::zero(),
            turn_attempts: 1,
        }
    }

    #[test]
    fn a_contact_always_has_the_same_writer_and_contacts_spread_over_all() {
        let writers: Vec<_> = (0..8).map(|_| mpsc::channel::<Pending>(1).0).collect();
        let queue = IntakeQueue {
            writers: writers.into(),
            allowance: Arc::default(),
        };
        let index = |m: &NewInbound| {
            let w = queue.writer_of(m);
            queue
                .writers
                .iter()
                .position(|x| x.same_channel(w))
                .expect("one of the writers")
        };
        let channel = ChannelId::new();
        let mut used = std::collections::BTreeSet::new();
        for n in 0..200 {
            let contact = format!("+3519100{n:05}");
            let first = index(&message(channel, &contact));
            // Every later message of the contact: the same writer, so their order holds.
            for _ in 0..3 {
                assert_eq!(index(&message(channel, &contact)), first);
            }
            used.insert(first);
        }
        assert_eq!(used.len(), 8, "200 contacts reach every writer");
    }
}
