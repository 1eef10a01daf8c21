//! The pipe under stress, on both stores: 1,000 messages from 20 contacts with 10%
//! redelivered, in shuffled order, while the worker is killed mid-run and another takes
//! over. Every message is handled exactly once, each contact's replies leave in order, and
//! nothing is sent twice. Then status callbacks, shuffled and repeated, end at the highest.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use frontdesk_domain::ClinicId;
use frontdesk_domain::messaging::{Direction, MessageStatus};
use frontdesk_store::{ConversationFilter, Message};

use crate::helpers::Backend;
use crate::messaging::Setup;

const CONTACTS: usize = 20;
const PER_CONTACT: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_survives_redelivery_shuffling_and_a_killed_worker() {
    survives(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_survives_redelivery_shuffling_and_a_killed_worker() {
    survives(Backend::Postgres).await;
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.next(i + 1));
        }
    }
}

fn contact(c: usize) -> String {
    format!("+3519100{c:05}")
}

async fn all_messages(s: &Setup, clinic: ClinicId) -> Vec<(String, Vec<Message>)> {
    let store = &s.app.state.store;
    let conversations = store
        .conversations(
            clinic,
            &ConversationFilter {
                limit: 100,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut out = Vec::new();
    for c in conversations {
        let mut messages = store.messages(clinic, c.id, None, 1000).await.unwrap();
        messages.reverse();
        out.push((c.contact, messages));
    }
    out
}

async fn survives(backend: Backend) {
    let s = Setup::new(backend, false).await;
    let channel = s.twilio_channel().await;
    let clinic = s.clinic_id().await;
    let mut rng = Lcg(0x5eed);
    let mut deliveries: Vec<(usize, String)> = (0..CONTACTS)
        .flat_map(|c| (0..PER_CONTACT).map(move |k| (c, format!("SM{c:02}x{k:03}"))))
        .collect();
    for _ in 0..(CONTACTS * PER_CONTACT / 10) {
        let again = deliveries[rng.next(CONTACTS * PER_CONTACT)].clone();
        deliveries.push(again);
    }
    rng.shuffle(&mut deliveries);
    let queue = Arc::new(std::sync::Mutex::new(VecDeque::from(deliveries)));

    let state = s.app.state.clone();
    let lease = chrono::Duration::seconds(2);
    let first = frontdesk::jobs::spawn(
        state.store.clone(),
        state.messaging.clone(),
        state.knowledge.clone(),
        "worker-a".into(),
        8,
        lease,
    );
    let posted = Arc::new(AtomicUsize::new(0));
    let s = Arc::new(s);
    let mut posters = Vec::new();
    for _ in 0..16 {
        let (s, queue, posted, channel) =
            (s.clone(), queue.clone(), posted.clone(), channel.clone());
        posters.push(tokio::spawn(async move {
            loop {
                let Some((c, id)) = queue.lock().unwrap().pop_front() else {
                    return;
                };
                let status = s
                    .inbound(&channel, &contact(c), &id, &format!("message {id}"))
                    .await;
                assert_eq!(status, 200, "delivery of {id}");
                posted.fetch_add(1, Ordering::SeqCst);
            }
        }));
    }
    // Kill the worker a third of the way in, mid-job; a new one starts at once and picks
    // up the killed worker's jobs when their leases run out.
    while posted.load(Ordering::SeqCst) < 350 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.abort();
    let _ = first.await;
    let second = frontdesk::jobs::spawn(
        state.store.clone(),
        state.messaging.clone(),
        state.knowledge.clone(),
        "worker-b".into(),
        8,
        lease,
    );
    for p in posters {
        p.await.unwrap();
    }

    // Wait until every message is handled and every reply settled.
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    let conversations = loop {
        let all = all_messages(&s, clinic).await;
        let inbound = all
            .iter()
            .flat_map(|(_, m)| m)
            .filter(|m| m.direction == Direction::Inbound)
            .count();
        let unsettled = all.iter().flat_map(|(_, m)| m).any(|m| {
            matches!(
                m.status,
                MessageStatus::Received | MessageStatus::Queued | MessageStatus::Sending
            )
        });
        if inbound == CONTACTS * PER_CONTACT && !unsettled {
            break all;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "not settled: {inbound} inbound stored"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    second.abort();

    assert_eq!(conversations.len(), CONTACTS);
    let sent = s.fake.sent();
    let sent_ids: HashMap<&str, usize> = sent
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.as_str(), i))
        .collect();
    let mut unknown = 0;
    let mut matched = HashSet::new();
    for (who, messages) in &conversations {
        let inbound: Vec<&Message> = messages
            .iter()
            .filter(|m| m.direction == Direction::Inbound)
            .collect();
        assert_eq!(
            inbound.len(),
            PER_CONTACT,
            "{who}: each message stored once"
        );
        let outbound: Vec<&Message> = messages
            .iter()
            .filter(|m| m.direction == Direction::Outbound)
            .collect();
        // Every message was handled by exactly one turn, and each turn answered once.
        let mut replies_per_turn: BTreeMap<String, usize> = BTreeMap::new();
        for reply in &outbound {
            *replies_per_turn
                .entry(reply.turn.unwrap().to_string())
                .or_default() += 1;
        }
        assert!(
            replies_per_turn.values().all(|n| *n == 1),
            "{who}: a turn answered twice"
        );
        for m in &inbound {
            assert_eq!(m.status, MessageStatus::Handled);
            let turn = m.turn.expect("handled by a turn").to_string();
            assert!(
                replies_per_turn.contains_key(&turn),
                "{who}: a turn without its reply"
            );
        }
        // Turns took messages in arrival order: a later message never had an earlier turn.
        let reply_seq: HashMap<String, i64> = outbound
            .iter()
            .map(|r| (r.turn.unwrap().to_string(), r.seq))
            .collect();
        let turn_order: Vec<i64> = inbound
            .iter()
            .map(|m| reply_seq[&m.turn.unwrap().to_string()])
            .collect();
        assert!(
            turn_order.windows(2).all(|w| w[0] <= w[1]),
            "{who}: out of order"
        );
        // Sent once each, in the order they were written.
        let mut positions = Vec::new();
        for reply in &outbound {
            match reply.status {
                MessageStatus::Sent => {
                    let id = reply.provider_message_id.as_deref().unwrap();
                    let at = sent_ids
                        .get(id)
                        .copied()
                        .expect("sent message reached the provider");
                    assert_eq!(sent[at].to, *who);
                    assert!(matched.insert(id.to_string()), "{id} recorded twice");
                    positions.push(at);
                }
                MessageStatus::Unknown => {
                    let error = reply.error.as_deref().unwrap_or_default();
                    assert!(error.contains("may have been delivered"), "{who}: {error}");
                    unknown += 1;
                }
                other => panic!("{who}: reply left {other}"),
            }
        }
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{who}: replies left out of order"
        );
    }
    // A send cut off by the kill may or may not have reached the provider; it is never
    // repeated, so the provider saw at most one copy of it.
    let orphans = sent.len() - matched.len();
    eprintln!(
        "{backend:?}: {} replies sent, {unknown} cut off by the kill ({orphans} of them reached the provider)",
        matched.len()
    );
    assert!(
        orphans <= unknown,
        "{orphans} sends the store does not know, {unknown} unknown"
    );
    assert!(
        unknown <= 8,
        "at most the killed worker's in-flight jobs: {unknown}"
    );

    // Status callbacks for every sent reply, shuffled and repeated; every fifth also fails.
    let path = format!("/webhooks/twilio/{channel}/status");
    let mut callbacks: Vec<(String, &'static str)> = Vec::new();
    for (i, id) in matched.iter().enumerate() {
        for status in ["sent", "delivered", "read", "delivered"] {
            callbacks.push((id.clone(), status));
        }
        if i % 5 == 0 {
            callbacks.push((id.clone(), "failed"));
        }
    }
    rng.shuffle(&mut callbacks);
    let failing: HashSet<String> = matched.iter().step_by(5).cloned().collect();
    let queue = Arc::new(std::sync::Mutex::new(VecDeque::from(callbacks)));
    let mut posters = Vec::new();
    for _ in 0..16 {
        let (s, queue, path) = (s.clone(), queue.clone(), path.clone());
        posters.push(tokio::spawn(async move {
            loop {
                let Some((id, status)) = queue.lock().unwrap().pop_front() else {
                    return;
                };
                let res = s
                    .twilio_post(
                        &path,
                        &[("MessageSid", &id), ("MessageStatus", status)],
                        "twilio-token",
                    )
                    .await;
                assert_eq!(res.status(), 200);
            }
        }));
    }
    for p in posters {
        p.await.unwrap();
    }
    for (_, messages) in all_messages(&s, clinic).await {
        for m in messages
            .iter()
            .filter(|m| m.status != MessageStatus::Handled)
        {
            let Some(id) = m.provider_message_id.as_deref() else {
                continue;
            };
            let expected = if failing.contains(id) {
                MessageStatus::Failed
            } else {
                MessageStatus::Read
            };
            assert_eq!(m.status, expected, "{id}");
        }
    }
}
