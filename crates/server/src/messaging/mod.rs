//! The messaging runtime: the intake writers, the workers' wake-up, the provider sender, the
//! credential keys, the assistant, live events, and a short-lived cache of opened channels so
//! a webhook does not read and decrypt its channel on every call.

pub mod allowance;
pub mod assistant;
pub mod channel_config;
pub mod events;
pub mod intake;

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use frontdesk_channels::outbound::Sender;
use frontdesk_domain::ChannelId;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_store::{Store, StoreError};
use tokio::sync::Notify;

use crate::credentials::CredentialKeys;
use assistant::Assistant;
use channel_config::OpenChannel;
use events::EventBus;
use intake::IntakeQueue;

/// Why free text was not sent.
pub const OUTSIDE_WINDOW: &str = "outside WhatsApp's 24-hour window (the contact has not written in the last 24 hours): only an approved template may be sent";

/// How long an opened channel is reused before it is read again (so a change made through
/// another server process is seen within this time).
const CHANNEL_TTL: Duration = Duration::from_secs(5);

/// Shared messaging parts.
#[derive(Clone)]
pub struct Messaging {
    /// Seals and opens channel credentials.
    pub keys: CredentialKeys,
    /// Sends through the providers.
    pub sender: Sender,
    /// Takes verified messages in.
    pub intake: IntakeQueue,
    /// Wakes the workers when work was queued.
    pub wake: Arc<Notify>,
    /// Live events.
    pub events: EventBus,
    /// Answers turns.
    pub assistant: Arc<dyn Assistant>,
    channels: Arc<RwLock<HashMap<CacheKey, Cached>>>,
}

/// An opened channel (or its absence) and when it was read.
type Cached = (Instant, Option<Arc<OpenChannel>>);

#[derive(Clone, PartialEq, Eq, Hash)]
enum CacheKey {
    Id(ChannelId),
    Route(ChannelKind, String),
}

impl Messaging {
    /// Starts the intake writers over `store`.
    pub fn new(
        store: Arc<dyn Store>,
        keys: CredentialKeys,
        sender: Sender,
        events: EventBus,
        assistant: Arc<dyn Assistant>,
    ) -> Self {
        let wake = Arc::new(Notify::new());
        let writers = if store.backend() == "postgres" { 8 } else { 1 };
        let intake = IntakeQueue::start(store, writers, wake.clone(), events.clone());
        Messaging {
            keys,
            sender,
            intake,
            wake,
            events,
            assistant,
            channels: Arc::default(),
        }
    }

    /// The channel behind a webhook, opened; `None` when there is none.
    pub async fn webhook_channel(
        &self,
        store: &dyn Store,
        id: ChannelId,
    ) -> Result<Option<Arc<OpenChannel>>, StoreError> {
        self.cached(CacheKey::Id(id), || async {
            store.channel_for_webhook(id).await
        })
        .await
    }

    /// The channel a shared webhook routes to by the provider's id (Meta's phone number id).
    pub async fn routed_channel(
        &self,
        store: &dyn Store,
        kind: ChannelKind,
        route: &str,
    ) -> Result<Option<Arc<OpenChannel>>, StoreError> {
        self.cached(CacheKey::Route(kind, route.to_string()), || async {
            store.channel_by_route(kind, route).await
        })
        .await
    }

    async fn cached<F, Fut>(
        &self,
        key: CacheKey,
        load: F,
    ) -> Result<Option<Arc<OpenChannel>>, StoreError>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<Option<frontdesk_store::Channel>, StoreError>>,
    {
        if let Ok(cache) = self.channels.read()
            && let Some((at, hit)) = cache.get(&key)
            && at.elapsed() < CHANNEL_TTL
        {
            return Ok(hit.clone());
        }
        let opened = match load().await? {
            None => None,
            Some(channel) => match OpenChannel::open(&channel, &self.keys) {
                Ok(open) => Some(Arc::new(open)),
                Err(e) => {
                    tracing::error!(channel = %channel.id, error = %e, "channel credentials do not open");
                    None
                }
            },
        };
        if let Ok(mut cache) = self.channels.write() {
            if cache.len() > 10_000 {
                cache.clear();
            }
            cache.insert(key, (Instant::now(), opened.clone()));
        }
        Ok(opened)
    }

    /// Forgets cached channels after a change through the API.
    pub fn forget_channels(&self) {
        if let Ok(mut cache) = self.channels.write() {
            cache.clear();
        }
    }
}
