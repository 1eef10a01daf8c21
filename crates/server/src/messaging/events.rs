//! Live inbox events: published in-process to every listener (SSE streams, web chats), and on
//! PostgreSQL through NOTIFY so the listeners of other server processes hear them too.

use frontdesk_domain::scheduling::{Appointment, AppointmentStatus};
use frontdesk_domain::{AppointmentId, ClinicId, ConversationId, MessageId, PractitionerId};
use serde::{Deserialize, Serialize};
use tokio::sync::{broadcast, mpsc};
use uuid::Uuid;

/// The PostgreSQL channel events travel on between processes.
const PG_CHANNEL: &str = "frontdesk_inbox";

/// Something the inbox should show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InboxEvent {
    /// The clinic; listeners hear only their own.
    #[serde(skip)]
    pub clinic_id: ClinicId,
    /// `message` (stored or changed), `conversation` (state, takeover, read, assignment),
    /// `appointment` (booked, moved, cancelled or its status changed, by anyone).
    pub kind: String,
    /// The conversation (none on appointment events).
    pub conversation_id: Option<ConversationId>,
    /// The message, for message events.
    pub message_id: Option<MessageId>,
    /// The message's text, for web chats and previews.
    pub text: Option<String>,
    /// The message's direction and author, e.g. `outbound:assistant`.
    pub from: Option<String>,
    /// For a streamed reply: the turn it belongs to, shared by its `delta` events and the
    /// final message, so a chat can replace the growing text with the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<MessageId>,
    /// For an appointment event: which, and where it now stands.
    #[serde(default, flatten, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<AppointmentChange>,
}

/// An appointment that changed, as a calendar needs to know it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AppointmentChange {
    /// The appointment.
    pub appointment_id: AppointmentId,
    /// Its practitioner.
    pub practitioner_id: PractitionerId,
    /// When it starts (after a move, the new time).
    pub starts_at: chrono::DateTime<chrono::Utc>,
    /// Its status now.
    pub status: AppointmentStatus,
}

impl InboxEvent {
    /// That `a` changed, for live calendars.
    pub fn appointment(clinic: ClinicId, a: &Appointment) -> InboxEvent {
        InboxEvent {
            clinic_id: clinic,
            kind: "appointment".into(),
            conversation_id: None,
            message_id: None,
            text: None,
            from: None,
            stream: None,
            appointment: Some(AppointmentChange {
                appointment_id: a.id,
                practitioner_id: a.practitioner_id,
                starts_at: a.starts_at,
                status: a.status,
            }),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    origin: Uuid,
    clinic_id: ClinicId,
    event: InboxEvent,
}

/// Most events sent to other processes in one statement.
const NOTIFY_BATCH: usize = 256;

/// Publishes and distributes events, in the order they were published.
#[derive(Clone)]
pub struct EventBus {
    local: broadcast::Sender<InboxEvent>,
    origin: Uuid,
    /// NOTIFY payloads, sent one after another by a single task so other processes hear
    /// them in order.
    notify: Option<mpsc::UnboundedSender<String>>,
}

impl EventBus {
    /// A bus for this process; with a PostgreSQL URL, also across processes.
    pub async fn start(database_url: &str) -> Self {
        let (local, _) = broadcast::channel(4096);
        let mut bus = EventBus {
            local,
            origin: Uuid::now_v7(),
            notify: None,
        };
        if database_url.starts_with("postgres") {
            match sqlx::postgres::PgPoolOptions::new()
                .max_connections(2)
                .connect(database_url)
                .await
            {
                Ok(pool) => {
                    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
                    tokio::spawn(async move {
                        let mut payloads = Vec::new();
                        // What piled up while the last NOTIFY ran goes in one statement, in
                        // order: a busy minute costs a statement per batch, not per event.
                        while rx.recv_many(&mut payloads, NOTIFY_BATCH).await > 0 {
                            if let Err(e) = sqlx::query(
                                "SELECT pg_notify($1, payload) FROM unnest($2::text[]) WITH ORDINALITY AS p(payload, n) ORDER BY n",
                            )
                            .bind(PG_CHANNEL)
                            .bind(&payloads)
                            .execute(&pool)
                            .await
                            {
                                tracing::warn!(error = %e, events = payloads.len(), "inbox events not sent to other processes");
                            }
                            payloads.clear();
                        }
                    });
                    bus.notify = Some(tx);
                    bus.listen(database_url.to_string());
                }
                Err(e) => {
                    tracing::warn!(error = %e, "inbox events stay in this process: cannot connect for NOTIFY")
                }
            }
        }
        bus
    }

    /// A bus that never leaves the process (tests, SQLite).
    pub fn local_only() -> Self {
        let (local, _) = broadcast::channel(4096);
        EventBus {
            local,
            origin: Uuid::now_v7(),
            notify: None,
        }
    }

    /// Hears every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<InboxEvent> {
        self.local.subscribe()
    }

    /// Tells every listener, here and (through NOTIFY) in other processes. Never waits, so
    /// a streaming callback can call it.
    pub fn send(&self, event: InboxEvent) {
        if let Some(notify) = &self.notify {
            let envelope = Envelope {
                origin: self.origin,
                clinic_id: event.clinic_id,
                event: event.clone(),
            };
            // NOTIFY payloads are limited to 8000 bytes: long texts are left for a fetch.
            let mut payload = serde_json::to_string(&envelope).unwrap_or_default();
            if payload.len() > 7000 {
                let mut short = envelope;
                short.event.text = None;
                payload = serde_json::to_string(&short).unwrap_or_default();
            }
            let _ = notify.send(payload);
        }
        let _ = self.local.send(event);
    }

    fn listen(&self, url: String) {
        let local = self.local.clone();
        let origin = self.origin;
        tokio::spawn(async move {
            loop {
                match sqlx::postgres::PgListener::connect(&url).await {
                    Ok(mut listener) => {
                        if let Err(e) = listener.listen(PG_CHANNEL).await {
                            tracing::warn!(error = %e, "cannot LISTEN for inbox events");
                        } else {
                            while let Ok(n) = listener.recv().await {
                                match serde_json::from_str::<Envelope>(n.payload()) {
                                    Ok(env) if env.origin != origin => {
                                        let mut event = env.event;
                                        event.clinic_id = env.clinic_id;
                                        let _ = local.send(event);
                                    }
                                    Ok(_) => {}
                                    Err(e) => tracing::warn!(error = %e, "unreadable inbox event"),
                                }
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "inbox listener cannot connect; retrying"),
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        });
    }
}
