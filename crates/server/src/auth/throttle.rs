//! Failed-login throttling, kept in the store so every replica sees the same counts.
//!
//! Three keys per attempt: the account from one address (tight, so guessing stops fast),
//! the account from anywhere (looser, so an attacker cannot lock a person out by failing from
//! many places cheaply) and the address across accounts (stops spraying many accounts).

use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use frontdesk_domain::Email;
use frontdesk_store::{Store, StoreResult};

/// Throttle limits.
#[derive(Debug, Clone, Copy)]
pub struct LoginThrottle {
    /// Failures allowed per account and address within the window.
    pub max_failures: u32,
    /// The counting window.
    pub window: Duration,
}

/// The throttle keys of one attempt and the limit of each.
fn keys(throttle: &LoginThrottle, email: &Email, ip: IpAddr) -> [(String, u32); 3] {
    let m = throttle.max_failures;
    [
        (format!("account-ip:{email}|{ip}"), m),
        (format!("account:{email}"), m.saturating_mul(5)),
        (format!("ip:{ip}"), m.saturating_mul(10)),
    ]
}

impl LoginThrottle {
    /// Whether a login may be tried now; `Err(seconds)` says how long to wait.
    pub async fn check(
        &self,
        store: &dyn Store,
        email: &Email,
        ip: IpAddr,
        now: DateTime<Utc>,
    ) -> StoreResult<Result<(), u64>> {
        let since = now - chrono::Duration::from_std(self.window).unwrap_or_default();
        for (key, limit) in keys(self, email, ip) {
            if store.login_failures_since(&key, since).await? >= limit {
                return Ok(Err(self.window.as_secs()));
            }
        }
        Ok(Ok(()))
    }

    /// Counts a failure under every key.
    pub async fn failed(
        &self,
        store: &dyn Store,
        email: &Email,
        ip: IpAddr,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let keys: Vec<String> = keys(self, email, ip).into_iter().map(|(k, _)| k).collect();
        store.record_login_failure(&keys, now).await
    }

    /// A success forgets this account-and-address's failures (and prunes expired ones).
    pub async fn succeeded(
        &self,
        store: &dyn Store,
        email: &Email,
        ip: IpAddr,
        now: DateTime<Utc>,
    ) -> StoreResult<()> {
        let [(key, _), ..] = keys(self, email, ip);
        let before = now - chrono::Duration::from_std(self.window).unwrap_or_default();
        store.clear_login_failures(&key, before).await
    }
}
