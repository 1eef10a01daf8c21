//! What every handler shares.

use std::sync::Arc;

use frontdesk_store::Store;

use crate::auth::password::PasswordHasher;
use crate::auth::throttle::LoginThrottle;
use crate::auth::token::TokenKeys;
use crate::configuration::Config;
use crate::credentials::CredentialKeys;
use crate::knowledge::Knowledge;
use crate::messaging::Messaging;
use crate::messaging::events::EventBus;

/// Shared application state.
#[derive(Clone)]
pub struct AppState {
    /// Persistence.
    pub store: Arc<dyn Store>,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// Token signing keys.
    pub tokens: TokenKeys,
    /// Password hashing, bounded.
    pub hasher: PasswordHasher,
    /// Login throttling.
    pub throttle: LoginThrottle,
    /// Channels, intake, sending, live events.
    pub messaging: Messaging,
    /// The knowledge base's model, vector indexes and search.
    pub knowledge: Knowledge,
}

impl AppState {
    /// Builds the state from a configuration, an open store and the assistant that answers
    /// the turns, starting the intake writers and (on PostgreSQL) the cross-process event
    /// listener.
    pub async fn with_assistant(
        config: Config,
        store: Arc<dyn Store>,
        assistant: Arc<dyn crate::messaging::assistant::Assistant>,
    ) -> Result<Self, String> {
        let events = EventBus::start(&config.database_url).await;
        let sender = frontdesk_channels::outbound::Sender::new(
            config.provider_urls.clone(),
            std::time::Duration::from_secs(15),
        )
        .map_err(|e| e.to_string())?;
        let messaging = Messaging::new(
            store.clone(),
            CredentialKeys::new(&config.credential_keys, &config.secret_key),
            sender,
            events,
            assistant,
        );
        Ok(AppState {
            messaging,
            knowledge: Knowledge::from_config(&config),
            tokens: TokenKeys::new(&config.secret_key),
            hasher: PasswordHasher::new(config.password_hash_concurrency),
            throttle: LoginThrottle {
                max_failures: config.login_max_failures,
                window: config.login_failure_window,
            },
            store,
            config: Arc::new(config),
        })
    }
}
