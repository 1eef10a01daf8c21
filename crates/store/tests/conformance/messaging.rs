//! Messaging stories, on both backends: channels per clinic, an intake that stores each
//! message once, turns that commit once, sends that never repeat, statuses that only move
//! forward, the inbox, and the test-send limit.

use chrono::{DateTime, Duration, Utc};
use frontdesk_domain::messaging::{Author, ChannelKind, MessageStatus};
use frontdesk_domain::{ChannelId, ClinicId, MessageId};
use frontdesk_store::{
    ChannelRecord, ConversationFilter, DeliveryReport, Intake, NewInbound, NewOutbound,
    SendOutcome, SendStart, Store, StoreError, Template, TestSendAttempt, TurnCommit,
};
use uuid::Uuid;

use super::clinic_with_owner;

on_both_backends!(
    channels_belong_to_their_clinic,
    inbound_is_stored_once_and_opens_one_conversation,
    a_patient_who_keeps_typing_still_gets_an_answer,
    a_turn_commits_once_and_only_while_held,
    a_send_is_never_repeated,
    statuses_only_move_forward,
    the_inbox_filters_pages_and_takes_over,
    templates_and_test_sends_are_per_clinic,
    a_web_chat_is_linked_to_its_patient_within_the_clinic,
);

fn record(kind: ChannelKind, route: Option<&str>) -> ChannelRecord {
    ChannelRecord {
        kind,
        name: "Reception".into(),
        address: "+351210000000".into(),
        route_key: route.map(Into::into),
        settings: serde_json::json!({"debounce_ms": 0}),
        credentials: "v1:k1:sealed".into(),
        active: true,
    }
}

async fn clinic_and_channel(store: &dyn Store, slug: &str) -> (ClinicId, ChannelId) {
    let (clinic, _) = clinic_with_owner(store, slug, &format!("owner@{slug}.com")).await;
    let channel = store
        .create_channel(clinic.id, &record(ChannelKind::Twilio, None))
        .await
        .unwrap();
    (clinic.id, channel.id)
}

fn inbound(
    clinic: ClinicId,
    channel: ChannelId,
    from: &str,
    id: &str,
    at: DateTime<Utc>,
) -> NewInbound {
    NewInbound {
        clinic_id: clinic,
        channel_id: channel,
        contact: from.into(),
        contact_is_phone: true,
        contact_name: Some("Ana".into()),
        provider_message_id: id.into(),
        content: serde_json::json!({"type": "text", "body": id}),
        preview: id.into(),
        sent_at: Some(at),
        received_at: at,
        debounce: Duration::seconds(2),
        turn_attempts: 5,
    }
}

fn text(body: &str) -> NewOutbound {
    NewOutbound {
        id: None,
        author: Author::Assistant,
        author_account: None,
        content: serde_json::json!({"type": "text", "body": body}),
        preview: body.into(),
        template: None,
        refused: None,
    }
}

async fn channels_belong_to_their_clinic(store: &dyn Store) {
    let (a, _) = clinic_with_owner(store, "chan-a", "owner@chan-a.com").await;
    let (b, _) = clinic_with_owner(store, "chan-b", "owner@chan-b.com").await;
    let meta = store
        .create_channel(a.id, &record(ChannelKind::Meta, Some("1055")))
        .await
        .unwrap();
    assert_eq!(meta.record.credentials, "v1:k1:sealed");
    assert!(matches!(
        store.channel(b.id, meta.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store
            .update_channel(b.id, meta.id, &record(ChannelKind::Meta, None))
            .await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.delete_channel(b.id, meta.id).await,
        Err(StoreError::NotFound)
    ));
    // A Meta number routes to one channel only.
    assert!(matches!(
        store
            .create_channel(b.id, &record(ChannelKind::Meta, Some("1055")))
            .await,
        Err(StoreError::Conflict(_))
    ));
    let routed = store
        .channel_by_route(ChannelKind::Meta, "1055")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((routed.id, routed.clinic_id), (meta.id, a.id));
    assert!(store.channel_for_webhook(meta.id).await.unwrap().is_some());
    assert_eq!(store.channels(a.id).await.unwrap().len(), 1);
    assert!(store.channels(b.id).await.unwrap().is_empty());
    store.delete_channel(a.id, meta.id).await.unwrap();
    assert!(store.channel_for_webhook(meta.id).await.unwrap().is_none());
}

async fn inbound_is_stored_once_and_opens_one_conversation(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "intake").await;
    let known = store
        .create_patient(
            clinic,
            frontdesk_domain::PatientId::new(),
            &serde_json::from_value(
                serde_json::json!({"name": "Ana Lima", "phone": "+5511988887777"}),
            )
            .unwrap(),
            Utc::now(),
        )
        .await
        .unwrap();
    let t = Utc::now();
    let first = inbound(clinic, channel, "+5511988887777", "SM1", t);
    // A batch with the same message twice, then a redelivery: one row.
    let out = store
        .accept_inbound(&[first.clone(), first.clone()])
        .await
        .unwrap();
    let Intake::Accepted { conversation, .. } = out[0] else {
        panic!("first delivery not accepted: {out:?}")
    };
    assert_eq!(out[1], Intake::Duplicate);
    assert_eq!(
        store.accept_inbound(&[first]).await.unwrap(),
        [Intake::Duplicate]
    );
    let second = inbound(
        clinic,
        channel,
        "+5511988887777",
        "SM2",
        t + Duration::seconds(1),
    );
    assert!(matches!(
        store.accept_inbound(&[second]).await.unwrap()[0],
        Intake::Accepted { conversation: c, .. } if c == conversation
    ));
    let c = store.conversation(clinic, conversation).await.unwrap();
    assert_eq!(c.patient_id, Some(known.id));
    assert_eq!((c.last_seq, c.unread), (2, 2));
    assert_eq!(
        c.last_inbound_at,
        Some(frontdesk_store_micros(t + Duration::seconds(1)))
    );
    // An unknown number becomes a lead patient.
    let stranger = inbound(clinic, channel, "+905321112233", "SM3", t);
    let Intake::Accepted {
        conversation: other,
        ..
    } = store.accept_inbound(&[stranger]).await.unwrap()[0]
    else {
        panic!("not accepted")
    };
    let lead = store
        .conversation(clinic, other)
        .await
        .unwrap()
        .patient_id
        .unwrap();
    let lead = store.patient(clinic, lead).await.unwrap().unwrap();
    assert_eq!(lead.details.phone.as_deref(), Some("+905321112233"));
    // Named by the number: the WhatsApp profile name ("Ana") is the inbox's display name, not
    // the patient's name, which the assistant asks for.
    assert_eq!(lead.details.name, "+905321112233");
    let shown = store.conversation(clinic, other).await.unwrap();
    assert_eq!(shown.contact_name.as_deref(), Some("Ana"));
    // The burst on the first conversation is one turn, due after the last message's debounce.
    let jobs = store
        .claim("w", 10, Duration::seconds(30), t + Duration::seconds(10))
        .await
        .unwrap();
    assert_eq!(jobs.len(), 2);
    let turn = jobs
        .iter()
        .find(|j| j.payload["conversation_id"] == serde_json::json!(conversation.as_uuid()))
        .unwrap();
    assert_eq!(turn.kind, "turn");
    assert_eq!(
        turn.run_at,
        frontdesk_store_micros(t + Duration::seconds(3))
    );
}

async fn a_patient_who_keeps_typing_still_gets_an_answer(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "burst").await;
    let t = Utc::now();
    // A message every 1.5 s for 30 s, each inside the 2-second debounce of the last.
    for i in 0..20 {
        let at = t + Duration::milliseconds(1500 * i);
        let m = inbound(clinic, channel, "+351910000055", &format!("K{i}"), at);
        store.accept_inbound(&[m]).await.unwrap();
    }
    let jobs = store
        .claim("w", 10, Duration::seconds(30), t + Duration::minutes(5))
        .await
        .unwrap();
    assert_eq!(jobs.len(), 1);
    // The turn stopped sliding once it was 10 s old: due then, not 2 s after the last message.
    let limit = frontdesk_store::burst_limit(Duration::seconds(2));
    assert_eq!(limit, Duration::seconds(10));
    assert!(
        jobs[0].run_at <= t + limit + Duration::seconds(2),
        "{}",
        jobs[0].run_at - t
    );
    assert!(jobs[0].run_at >= t + limit - Duration::seconds(2));
}

fn frontdesk_store_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(t.timestamp_micros()).unwrap()
}

async fn a_turn_commits_once_and_only_while_held(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "turns").await;
    let t = Utc::now() - Duration::minutes(1);
    // Delivered out of order: the later-written message arrives first.
    let late = inbound(
        clinic,
        channel,
        "+351910000001",
        "B",
        t + Duration::seconds(5),
    );
    let early = inbound(clinic, channel, "+351910000001", "A", t);
    store.accept_inbound(&[late]).await.unwrap();
    let Intake::Accepted { conversation, .. } = store.accept_inbound(&[early]).await.unwrap()[0]
    else {
        panic!("not accepted")
    };
    let now = Utc::now();
    let job = store
        .claim("w1", 1, Duration::seconds(30), now)
        .await
        .unwrap()
        .remove(0);
    let input = store.turn_input(clinic, conversation, 20).await.unwrap();
    let order: Vec<&str> = input.pending.iter().map(|m| m.preview.as_str()).collect();
    assert_eq!(order, ["A", "B"]);
    let handled: Vec<MessageId> = input.pending.iter().map(|m| m.id).collect();
    let commit = TurnCommit {
        conversation,
        job: job.id,
        worker: "w1".into(),
        handled: handled.clone(),
        replies: vec![text("Olá!"), text("Como posso ajudar?")],
        state: serde_json::json!({"language": "pt"}),
        needs_human: None,
        now,
        send_attempts: 5,
    };
    // Another worker cannot commit it.
    let stolen = TurnCommit {
        worker: "w2".into(),
        ..commit.clone()
    };
    assert!(matches!(
        store.commit_turn(clinic, &stolen).await,
        Err(StoreError::Refused(_))
    ));
    let replies = store.commit_turn(clinic, &commit).await.unwrap();
    assert_eq!(replies.iter().map(|m| m.seq).collect::<Vec<_>>(), [3, 4]);
    assert!(replies.iter().all(|m| m.turn == Some(handled[1])));
    // Committing again changes nothing: the job is done and the messages handled.
    assert!(matches!(
        store.commit_turn(clinic, &commit).await,
        Err(StoreError::Refused(_))
    ));
    let c = store.conversation(clinic, conversation).await.unwrap();
    assert_eq!(c.state, serde_json::json!({"language": "pt"}));
    assert_eq!(c.last_seq, 4);
    assert!(
        store
            .turn_input(clinic, conversation, 20)
            .await
            .unwrap()
            .pending
            .is_empty()
    );
    let all = store
        .messages(clinic, conversation, None, 10)
        .await
        .unwrap();
    assert!(
        all.iter()
            .filter(|m| m.author == Author::Patient)
            .all(|m| m.status == MessageStatus::Handled && m.turn == Some(handled[1]))
    );
    // The sends are queued in one lane: the second waits for the first.
    let sends = store
        .claim("s", 10, Duration::seconds(30), now)
        .await
        .unwrap();
    assert_eq!(sends.len(), 1);
    assert_eq!(
        sends[0].payload["message_id"],
        serde_json::json!(replies[0].id.as_uuid())
    );
    // A turn whose lease ran out is refused even after it was claimed again.
    let third = inbound(clinic, channel, "+351910000001", "C", now);
    store.accept_inbound(&[third]).await.unwrap();
    let later = now + Duration::seconds(5);
    let job = store
        .claim("w3", 10, Duration::seconds(1), later)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "turn")
        .unwrap();
    let again = store
        .claim(
            "w4",
            10,
            Duration::seconds(30),
            later + Duration::seconds(2),
        )
        .await
        .unwrap();
    assert!(again.iter().any(|j| j.id == job.id));
    let pending = store
        .turn_input(clinic, conversation, 20)
        .await
        .unwrap()
        .pending;
    let late_commit = TurnCommit {
        job: job.id,
        worker: "w3".into(),
        handled: pending.iter().map(|m| m.id).collect(),
        replies: vec![text("late")],
        now: later,
        ..commit
    };
    assert!(matches!(
        store.commit_turn(clinic, &late_commit).await,
        Err(StoreError::Refused(_))
    ));
    assert_eq!(
        store
            .conversation(clinic, conversation)
            .await
            .unwrap()
            .last_seq,
        5
    );
}

async fn queued_reply(store: &dyn Store, clinic: ClinicId, channel: ChannelId) -> MessageId {
    let c = store
        .open_conversation(clinic, channel, "+351910000002", Utc::now())
        .await
        .unwrap();
    store
        .queue_outbound(clinic, c.id, &[text("Lembrete")], 5, Utc::now())
        .await
        .unwrap()[0]
        .id
}

async fn a_send_is_never_repeated(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "sends").await;
    let (other, _) = clinic_and_channel(store, "sends-other").await;
    let id = queued_reply(store, clinic, channel).await;
    let now = Utc::now();
    assert!(matches!(
        store.begin_send(other, id, now).await.unwrap(),
        SendStart::Settled
    ));
    let SendStart::Proceed(parts) = store.begin_send(clinic, id, now).await.unwrap() else {
        panic!("not proceeding")
    };
    assert_eq!(parts.0.status, MessageStatus::Sending);
    assert_eq!(parts.1.contact, "+351910000002");
    assert_eq!(parts.2.id, channel);
    // A retryable failure puts it back; the next attempt proceeds.
    store
        .finish_send(clinic, id, &SendOutcome::Retry("HTTP 503".into()), now)
        .await
        .unwrap();
    assert!(matches!(
        store.begin_send(clinic, id, now).await.unwrap(),
        SendStart::Proceed(_)
    ));
    store
        .finish_send(clinic, id, &SendOutcome::Sent("SM900".into()), now)
        .await
        .unwrap();
    assert!(matches!(
        store.begin_send(clinic, id, now).await.unwrap(),
        SendStart::Settled
    ));
    let sent = store.message(clinic, id).await.unwrap();
    assert_eq!(sent.status, MessageStatus::Sent);
    assert_eq!(sent.provider_message_id.as_deref(), Some("SM900"));
    // A worker that died while sending leaves a mark: the message is not sent twice.
    let id = queued_reply(store, clinic, channel).await;
    assert!(matches!(
        store.begin_send(clinic, id, now).await.unwrap(),
        SendStart::Proceed(_)
    ));
    assert!(matches!(
        store.begin_send(clinic, id, now).await.unwrap(),
        SendStart::Unknown
    ));
    let lost = store.message(clinic, id).await.unwrap();
    assert_eq!(lost.status, MessageStatus::Unknown);
    assert!(lost.error.unwrap().contains("may have been delivered"));
    // Never handed out again.
    assert!(matches!(
        store.begin_send(clinic, id, now).await.unwrap(),
        SendStart::Settled
    ));
    // The provider's status report for an id we never recorded, to that contact, settles
    // it; a report to someone else, or for an id already known, does not.
    let report = |id: &str, to: &str| DeliveryReport {
        provider_message_id: id.into(),
        status: MessageStatus::Delivered,
        error: None,
        recipient: Some(to.into()),
    };
    store
        .record_delivery(channel, &[report("SM-elsewhere", "+351910000099")], now)
        .await
        .unwrap();
    store
        .record_delivery(channel, &[report("SM900", "+351910000002")], now)
        .await
        .unwrap();
    assert_eq!(
        store.message(clinic, id).await.unwrap().status,
        MessageStatus::Unknown
    );
    store
        .record_delivery(channel, &[report("SM-lost", "+351910000002")], now)
        .await
        .unwrap();
    let found = store.message(clinic, id).await.unwrap();
    assert_eq!(found.status, MessageStatus::Delivered);
    assert_eq!(found.provider_message_id.as_deref(), Some("SM-lost"));
    assert!(matches!(
        store
            .finish_send(clinic, id, &SendOutcome::Sent("SM901".into()), now)
            .await,
        Err(StoreError::Refused(_))
    ));
}

async fn statuses_only_move_forward(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "statuses").await;
    let now = Utc::now();
    let report = |id: &str, status| DeliveryReport {
        provider_message_id: id.into(),
        status,
        error: None,
        recipient: None,
    };
    // Reports for a message whose send has not recorded the provider's id yet are kept.
    let early = queued_reply(store, clinic, channel).await;
    store
        .record_delivery(channel, &[report("SM1", MessageStatus::Delivered)], now)
        .await
        .unwrap();
    store.begin_send(clinic, early, now).await.unwrap();
    store
        .finish_send(clinic, early, &SendOutcome::Sent("SM1".into()), now)
        .await
        .unwrap();
    assert_eq!(
        store.message(clinic, early).await.unwrap().status,
        MessageStatus::Delivered
    );
    // Shuffled and repeated: the highest wins; failed is final.
    let id = queued_reply(store, clinic, channel).await;
    store.begin_send(clinic, id, now).await.unwrap();
    store
        .finish_send(clinic, id, &SendOutcome::Sent("SM2".into()), now)
        .await
        .unwrap();
    for status in [
        MessageStatus::Read,
        MessageStatus::Sent,
        MessageStatus::Delivered,
        MessageStatus::Read,
    ] {
        store
            .record_delivery(channel, &[report("SM2", status)], now)
            .await
            .unwrap();
    }
    assert_eq!(
        store.message(clinic, id).await.unwrap().status,
        MessageStatus::Read
    );
    let failed = DeliveryReport {
        error: Some("131047: re-engagement message".into()),
        ..report("SM1", MessageStatus::Failed)
    };
    store
        .record_delivery(channel, &[failed], now)
        .await
        .unwrap();
    store
        .record_delivery(channel, &[report("SM1", MessageStatus::Read)], now)
        .await
        .unwrap();
    let m = store.message(clinic, early).await.unwrap();
    assert_eq!(m.status, MessageStatus::Failed);
    assert_eq!(m.error.as_deref(), Some("131047: re-engagement message"));
    // Another channel's report with the same provider id touches nothing here.
    let (_, elsewhere) = clinic_and_channel(store, "statuses-b").await;
    store
        .record_delivery(elsewhere, &[report("SM2", MessageStatus::Failed)], now)
        .await
        .unwrap();
    assert_eq!(
        store.message(clinic, id).await.unwrap().status,
        MessageStatus::Read
    );
}

async fn the_inbox_filters_pages_and_takes_over(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "inbox").await;
    let (other, _) = clinic_and_channel(store, "inbox-b").await;
    let t = Utc::now() - Duration::minutes(10);
    let mut conversations = Vec::new();
    for i in 0..5 {
        let m = inbound(
            clinic,
            channel,
            &format!("+35191000010{i}"),
            &format!("M{i}"),
            t + Duration::seconds(i),
        );
        let Intake::Accepted { conversation, .. } = store.accept_inbound(&[m]).await.unwrap()[0]
        else {
            panic!("not accepted")
        };
        conversations.push(conversation);
    }
    let all = |f: ConversationFilter| async move {
        store
            .conversations(clinic, &f)
            .await
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect::<Vec<_>>()
    };
    let page = ConversationFilter {
        limit: 2,
        ..Default::default()
    };
    let first = store.conversations(clinic, &page).await.unwrap();
    assert_eq!(
        first.iter().map(|c| c.id).collect::<Vec<_>>(),
        [conversations[4], conversations[3]]
    );
    assert_eq!(first[0].last_preview.as_deref(), Some("M4"));
    let last = first.last().unwrap();
    let next = all(ConversationFilter {
        before: Some((last.last_message_at, last.id)),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(next, [conversations[2], conversations[1], conversations[0]]);
    store.mark_read(clinic, conversations[0]).await.unwrap();
    let unread = all(ConversationFilter {
        unread: true,
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(unread.len(), 4);
    assert!(!unread.contains(&conversations[0]));
    assert!(store.conversations(other, &page).await.unwrap().is_empty());
    // By the contact's number, exactly; another clinic's list holds nothing with it.
    let by_phone = |phone: &str| ConversationFilter {
        phone: Some(phone.into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(all(by_phone("+351910000102")).await, [conversations[2]]);
    assert!(all(by_phone("+35191000010")).await.is_empty());
    assert!(
        store
            .conversations(other, &by_phone("+351910000102"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(matches!(
        store.mark_read(other, conversations[0]).await,
        Err(StoreError::NotFound)
    ));
    // A turn asks for a person; taking over clears it.
    let job = store
        .claim("w", 10, Duration::seconds(30), Utc::now())
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.payload["conversation_id"] == serde_json::json!(conversations[1].as_uuid()))
        .unwrap();
    let pending = store
        .turn_input(clinic, conversations[1], 5)
        .await
        .unwrap()
        .pending;
    store
        .commit_turn(
            clinic,
            &TurnCommit {
                conversation: conversations[1],
                job: job.id,
                worker: "w".into(),
                handled: pending.iter().map(|m| m.id).collect(),
                replies: vec![],
                state: serde_json::json!({}),
                needs_human: Some("asked for a person".into()),
                now: Utc::now(),
                send_attempts: 5,
            },
        )
        .await
        .unwrap();
    let waiting = all(ConversationFilter {
        needs_human: Some(true),
        limit: 10,
        ..Default::default()
    })
    .await;
    assert_eq!(waiting, [conversations[1]]);
    let account = store.members(clinic).await.unwrap().remove(0).account_id;
    let until = Utc::now() + Duration::minutes(30);
    let held = store
        .set_takeover(clinic, conversations[1], Some((account, until)), Utc::now())
        .await
        .unwrap();
    assert!(held.taken_over_at(Utc::now()) && !held.needs_human);
    assert!(!held.taken_over_at(until));
    let released = store
        .set_takeover(clinic, conversations[1], None, Utc::now())
        .await
        .unwrap();
    assert!(!released.taken_over_at(Utc::now()));
    assert!(matches!(
        store
            .set_takeover(other, conversations[1], None, Utc::now())
            .await,
        Err(StoreError::NotFound)
    ));
    // Messages page newest first by sequence.
    let c = conversations[2];
    store
        .queue_outbound(clinic, c, &[text("a"), text("b"), text("c")], 5, Utc::now())
        .await
        .unwrap();
    let newest = store.messages(clinic, c, None, 2).await.unwrap();
    assert_eq!(newest.iter().map(|m| m.seq).collect::<Vec<_>>(), [4, 3]);
    let older = store.messages(clinic, c, Some(3), 10).await.unwrap();
    assert_eq!(older.iter().map(|m| m.seq).collect::<Vec<_>>(), [2, 1]);
    assert!(store.messages(other, c, None, 10).await.unwrap().is_empty());
}

async fn templates_and_test_sends_are_per_clinic(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "templates").await;
    let (other, _) = clinic_and_channel(store, "templates-b").await;
    let template = Template {
        id: Uuid::now_v7(),
        channel_id: channel,
        name: "appointment_reminder".into(),
        language: "pt_BR".into(),
        body: "Olá {{1}}, lembrete da sua consulta {{2}}.".into(),
        variables: 2,
        provider_ref: "HX123".into(),
        approved: true,
    };
    store.put_template(clinic, &template).await.unwrap();
    let replaced = store
        .put_template(
            clinic,
            &Template {
                id: Uuid::now_v7(),
                provider_ref: "HX124".into(),
                ..template.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (replaced.id, replaced.provider_ref.as_str()),
        (template.id, "HX124")
    );
    assert_eq!(store.templates(clinic, channel).await.unwrap().len(), 1);
    assert!(matches!(
        store.put_template(other, &template).await,
        Err(StoreError::NotFound)
    ));
    assert!(store.templates(other, channel).await.unwrap().is_empty());
    assert!(matches!(
        store.delete_template(other, channel, template.id).await,
        Err(StoreError::NotFound)
    ));
    // Three sends a minute; the fourth is recorded as refused.
    let now = Utc::now();
    let attempt = |outcome: &str| TestSendAttempt {
        channel_id: channel,
        account_id: None,
        recipient: "+351910000009".into(),
        outcome: outcome.into(),
        detail: String::new(),
        at: now,
    };
    for _ in 0..3 {
        let r = store
            .record_test_send(clinic, &attempt("sent"), Some(3))
            .await
            .unwrap();
        assert_eq!(r.outcome, "sent");
    }
    let refused = store
        .record_test_send(clinic, &attempt("sent"), Some(3))
        .await
        .unwrap();
    assert_eq!(refused.outcome, "refused_rate_limited");
    let r = store
        .record_test_send(clinic, &attempt("refused_not_allowlisted"), None)
        .await
        .unwrap();
    assert_eq!(r.outcome, "refused_not_allowlisted");
    assert_eq!(store.test_sends(clinic, 10).await.unwrap().len(), 5);
    assert!(store.test_sends(other, 10).await.unwrap().is_empty());
}

async fn a_web_chat_is_linked_to_its_patient_within_the_clinic(store: &dyn Store) {
    let (clinic, channel) = clinic_and_channel(store, "linking").await;
    let (other, _) = clinic_and_channel(store, "linking-other").await;
    let mut visit = inbound(clinic, channel, "web:visitor-1", "w1", Utc::now());
    visit.contact_is_phone = false;
    let Intake::Accepted { conversation, .. } = store.accept_inbound(&[visit]).await.unwrap()[0]
    else {
        panic!("not accepted")
    };
    assert_eq!(
        store
            .conversation(clinic, conversation)
            .await
            .unwrap()
            .patient_id,
        None,
        "a web visitor is nobody yet"
    );
    let details = serde_json::from_value(serde_json::json!({"name": "Leo Costa"})).unwrap();
    let leo = store
        .create_patient(
            clinic,
            frontdesk_domain::PatientId::new(),
            &details,
            Utc::now(),
        )
        .await
        .unwrap();
    let stranger = store
        .create_patient(
            other,
            frontdesk_domain::PatientId::new(),
            &details,
            Utc::now(),
        )
        .await
        .unwrap();
    // Another clinic's patient, or this patient from another clinic's side: nothing changes.
    assert!(matches!(
        store.link_patient(clinic, conversation, stranger.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        store.link_patient(other, conversation, leo.id).await,
        Err(StoreError::NotFound)
    ));
    let linked = store
        .link_patient(clinic, conversation, leo.id)
        .await
        .unwrap();
    assert_eq!(linked.patient_id, Some(leo.id));
}
