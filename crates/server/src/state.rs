//! What every handler shares.

use std::sync::Arc;

use frontdesk_store::Store;

use crate::auth::password::PasswordHasher;
use crate::auth::throttle::LoginThrottle;
use crate::auth::token::TokenKeys;
use crate::configuration::Config;

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
}

impl AppState {
    /// Builds the state from a configuration and an open store.
    pub fn new(config: Config, store: Arc<dyn Store>) -> Self {
        AppState {
            tokens: TokenKeys::new(&config.secret_key),
            hasher: PasswordHasher::new(config.password_hash_concurrency),
            throttle: LoginThrottle {
                max_failures: config.login_max_failures,
                window: config.login_failure_window,
            },
            store,
            config: Arc::new(config),
        }
    }
}
