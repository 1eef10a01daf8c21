//! What a clinic writes to connect a channel, checked per provider; what the API shows of it
//! (never the secrets); and the opened form the webhooks and senders use.

use chrono::{DateTime, Utc};
use frontdesk_channels::outbound::Account;
use frontdesk_domain::clinic::normalize_phone;
use frontdesk_domain::messaging::ChannelKind;
use frontdesk_domain::validation::{Checker, bounded_text};
use frontdesk_domain::{ChannelId, ClinicId, Invalid};
use frontdesk_store::{Channel, ChannelRecord};
use serde::{Deserialize, Serialize};

use crate::credentials::CredentialKeys;

/// A channel's secrets. Which ones are required depends on the provider. `Debug` shows only
/// which are set, so a stray log line cannot leak one.
#[derive(Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelSecrets {
    /// Twilio account SID (`AC…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_sid: Option<String>,
    /// Twilio auth token (signs Twilio's webhooks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_token: Option<String>,
    /// Meta system-user access token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    /// 360dialog API key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_key: Option<String>,
    /// Z-API instance token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_token: Option<String>,
    /// Z-API account security token (`Client-Token`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
    /// The secret 360dialog and Z-API must present on each webhook call.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub webhook_secret: Option<String>,
}

impl std::fmt::Debug for ChannelSecrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ChannelSecrets({:?} set)", self.names())
    }
}

impl ChannelSecrets {
    fn names(&self) -> Vec<&'static str> {
        [
            ("account_sid", &self.account_sid),
            ("auth_token", &self.auth_token),
            ("access_token", &self.access_token),
            ("api_key", &self.api_key),
            ("instance_token", &self.instance_token),
            ("client_token", &self.client_token),
            ("webhook_secret", &self.webhook_secret),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_some())
        .map(|(n, _)| n)
        .collect()
    }

    fn required(kind: ChannelKind) -> &'static [&'static str] {
        match kind {
            ChannelKind::Twilio => &["account_sid", "auth_token"],
            ChannelKind::Meta => &["access_token"],
            ChannelKind::Dialog360 => &["api_key", "webhook_secret"],
            ChannelKind::Zapi => &["instance_token", "client_token", "webhook_secret"],
            ChannelKind::WebChat => &[],
        }
    }

    fn check(&self, kind: ChannelKind, c: &mut Checker) {
        let given = self.names();
        for name in Self::required(kind) {
            if !given.contains(name) {
                c.push(
                    format!("credentials.{name}"),
                    format!("required for a {kind} channel"),
                );
            }
        }
        for name in given {
            if !Self::required(kind).contains(&name) {
                c.push(
                    format!("credentials.{name}"),
                    format!("not used by a {kind} channel; leave it out"),
                );
            }
        }
        let all = [
            &self.account_sid,
            &self.auth_token,
            &self.access_token,
            &self.api_key,
            &self.instance_token,
            &self.client_token,
            &self.webhook_secret,
        ];
        if all
            .iter()
            .flat_map(|v| v.as_deref())
            .any(|v| v.trim().is_empty() || v.len() > 512 || v.chars().any(char::is_control))
        {
            c.push(
                "credentials",
                "each credential must be 1-512 printable characters",
            );
        }
    }
}

/// Settings that are not secret.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelSettings {
    /// Meta Cloud API: the number's `phone_number_id` (routes Meta's shared webhook).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_number_id: Option<String>,
    /// Z-API: the instance id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// How long to wait for more messages before answering a burst, in milliseconds
    /// (default 2000).
    #[serde(default = "default_debounce")]
    pub debounce_ms: u32,
    /// A takeover ends by itself after this many minutes without a staff reply (default 30).
    #[serde(default = "default_quiet")]
    pub takeover_quiet_minutes: u32,
    /// Numbers test sends may go to.
    #[serde(default)]
    pub test_allowlist: Vec<String>,
    /// Test sends allowed per minute per clinic (default 3).
    #[serde(default = "default_test_rate")]
    pub test_sends_per_minute: u32,
    /// Web chat: the sites allowed to open it (scheme and host).
    #[serde(default)]
    pub allowed_origins: Vec<String>,
}

fn default_debounce() -> u32 {
    2000
}
fn default_quiet() -> u32 {
    30
}
fn default_test_rate() -> u32 {
    3
}

impl Default for ChannelSettings {
    fn default() -> Self {
        ChannelSettings {
            phone_number_id: None,
            instance_id: None,
            debounce_ms: default_debounce(),
            takeover_quiet_minutes: default_quiet(),
            test_allowlist: vec![],
            test_sends_per_minute: default_test_rate(),
            allowed_origins: vec![],
        }
    }
}

impl ChannelSettings {
    fn check(mut self, kind: ChannelKind, c: &mut Checker) -> Self {
        let id_ok = |v: &Option<String>| {
            v.as_deref().is_some_and(|v| {
                !v.is_empty() && v.len() <= 64 && v.chars().all(|ch| ch.is_ascii_alphanumeric())
            })
        };
        if kind == ChannelKind::Meta && !id_ok(&self.phone_number_id) {
            c.push(
                "settings.phone_number_id",
                "required for a meta channel: the number's id from WhatsApp Manager (digits)",
            );
        }
        if kind == ChannelKind::Zapi && !id_ok(&self.instance_id) {
            c.push(
                "settings.instance_id",
                "required for a zapi channel: the instance id from the Z-API panel",
            );
        }
        if self.debounce_ms > 30_000 {
            c.push(
                "settings.debounce_ms",
                "at most 30000 (30 s); patients wait that long",
            );
        }
        if !(1..=24 * 60).contains(&self.takeover_quiet_minutes) {
            c.push(
                "settings.takeover_quiet_minutes",
                "between 1 and 1440 (a day)",
            );
        }
        if !(1..=60).contains(&self.test_sends_per_minute) {
            c.push("settings.test_sends_per_minute", "between 1 and 60");
        }
        let mut allowlist = Vec::new();
        for (i, number) in self.test_allowlist.iter().enumerate() {
            if let Some(n) = c.check(normalize_phone(
                &format!("settings.test_allowlist[{i}]"),
                number,
            )) {
                allowlist.push(n);
            }
        }
        self.test_allowlist = allowlist;
        for origin in &self.allowed_origins {
            let ok = (origin.starts_with("https://") || origin.starts_with("http://"))
                && !origin.ends_with('/')
                && !origin.contains(char::is_whitespace);
            if !ok {
                c.push(
                    "settings.allowed_origins",
                    format!("{origin:?} must look like https://clinic.example.com"),
                );
            }
        }
        self
    }
}

/// What a clinic sends to connect a channel.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelInput {
    /// `twilio`, `meta`, `dialog360`, `zapi` or `web_chat`.
    pub kind: ChannelKind,
    /// A name staff recognise.
    #[schema(max_length = 80, pattern = "NON_BLANK_TEXT")]
    pub name: String,
    /// The clinic's WhatsApp number (E.164); for web chat, the site's address.
    #[schema(max_length = 200, pattern = "NON_BLANK_TEXT")]
    pub address: String,
    /// The provider's secrets (see each provider's required fields).
    #[serde(default, deserialize_with = "crate::problem::object_only")]
    pub credentials: ChannelSecrets,
    /// Settings that are not secret.
    #[serde(default, deserialize_with = "crate::problem::object_only")]
    pub settings: ChannelSettings,
    /// Whether it takes and sends messages (default true).
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// A change to a channel: every field optional; `credentials`, when given, replace all.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChannelPatch {
    /// New name.
    pub name: Option<String>,
    /// New address.
    pub address: Option<String>,
    /// New secrets (all of them).
    #[serde(default, deserialize_with = "crate::problem::optional_object_only")]
    pub credentials: Option<ChannelSecrets>,
    /// New settings (all of them).
    #[serde(default, deserialize_with = "crate::problem::optional_object_only")]
    pub settings: Option<ChannelSettings>,
    /// Turn on or off.
    pub active: Option<bool>,
}

/// A channel as the API shows it: which secrets are set, never their values.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ChannelView {
    /// Its id.
    pub id: ChannelId,
    /// Provider.
    pub kind: ChannelKind,
    /// Name.
    pub name: String,
    /// Number or site.
    pub address: String,
    /// Settings.
    pub settings: ChannelSettings,
    /// The names of the secrets that are set.
    pub credentials_set: Vec<&'static str>,
    /// Which key sealed them (for rotation).
    pub credentials_key: Option<String>,
    /// Whether it is on.
    pub active: bool,
    /// Where the provider must send its webhooks (for web chat: the chat page).
    pub webhook_url: String,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// A channel with its secrets opened, for webhooks and sending.
#[derive(Debug, Clone)]
pub struct OpenChannel {
    /// Its id.
    pub id: ChannelId,
    /// Its clinic.
    pub clinic_id: ClinicId,
    /// Provider.
    pub kind: ChannelKind,
    /// The clinic's number or site.
    pub address: String,
    /// Settings.
    pub settings: ChannelSettings,
    /// Secrets.
    pub secrets: ChannelSecrets,
    /// Whether it is on.
    pub active: bool,
}

impl OpenChannel {
    /// Opens a stored channel's secrets.
    pub fn open(channel: &Channel, keys: &CredentialKeys) -> Result<Self, String> {
        let plain = keys
            .open(channel.clinic_id, &channel.record.credentials)
            .map_err(|e| e.to_string())?;
        let secrets: ChannelSecrets = serde_json::from_slice(&plain)
            .map_err(|e| format!("stored credentials do not parse: {e}"))?;
        let settings: ChannelSettings = serde_json::from_value(channel.record.settings.clone())
            .map_err(|e| format!("stored settings do not parse: {e}"))?;
        Ok(OpenChannel {
            id: channel.id,
            clinic_id: channel.clinic_id,
            kind: channel.record.kind,
            address: channel.record.address.clone(),
            settings,
            secrets,
            active: channel.record.active,
        })
    }

    /// The provider account to send with; `None` for web chat.
    pub fn account(&self) -> Option<Account> {
        let s = &self.secrets;
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        match self.kind {
            ChannelKind::Twilio => Some(Account::Twilio {
                account_sid: get(&s.account_sid),
                auth_token: get(&s.auth_token),
                from: self.address.clone(),
            }),
            ChannelKind::Meta => Some(Account::Meta {
                phone_number_id: get(&self.settings.phone_number_id),
                access_token: get(&s.access_token),
            }),
            ChannelKind::Dialog360 => Some(Account::Dialog360 {
                api_key: get(&s.api_key),
            }),
            ChannelKind::Zapi => Some(Account::Zapi {
                instance_id: get(&self.settings.instance_id),
                instance_token: get(&s.instance_token),
                client_token: get(&s.client_token),
            }),
            ChannelKind::WebChat => None,
        }
    }
}

/// Checks an input and seals its secrets into a record for `clinic`.
pub fn record_from_input(
    clinic: ClinicId,
    input: ChannelInput,
    keys: &CredentialKeys,
) -> Result<ChannelRecord, crate::problem::ApiError> {
    let mut c = Checker::default();
    let name = c.check(bounded_text("name", &input.name, 1, 80));
    let address = if input.kind == ChannelKind::WebChat {
        c.check(bounded_text("address", &input.address, 1, 200))
    } else {
        c.check(normalize_phone("address", &input.address))
    };
    input.credentials.check(input.kind, &mut c);
    let settings = input.settings.check(input.kind, &mut c);
    c.finish()?;
    let plain = serde_json::to_vec(&input.credentials)
        .map_err(|e| crate::problem::ApiError::Unexpected(e.into()))?;
    let credentials = keys
        .seal(clinic, &plain)
        .map_err(|e| crate::problem::ApiError::Unexpected(e.into()))?;
    let route_key = match input.kind {
        ChannelKind::Meta => settings.phone_number_id.clone(),
        _ => None,
    };
    Ok(ChannelRecord {
        kind: input.kind,
        name: name.unwrap_or_default(),
        address: address.unwrap_or_default(),
        route_key,
        settings: serde_json::to_value(&settings)
            .map_err(|e| crate::problem::ApiError::Unexpected(e.into()))?,
        credentials,
        active: input.active,
    })
}

/// What the API shows of a stored channel.
pub fn view(channel: &Channel, keys: &CredentialKeys, public_url: &str, slug: &str) -> ChannelView {
    let opened = OpenChannel::open(channel, keys).ok();
    let settings = opened
        .as_ref()
        .map(|o| o.settings.clone())
        .unwrap_or_default();
    let webhook_url = match channel.record.kind {
        ChannelKind::Twilio => format!("{public_url}/webhooks/twilio/{}", channel.id),
        ChannelKind::Meta => format!("{public_url}/webhooks/meta"),
        ChannelKind::Dialog360 => format!("{public_url}/webhooks/360dialog/{}", channel.id),
        ChannelKind::Zapi => {
            format!(
                "{public_url}/webhooks/zapi/{}?token=<webhook_secret>",
                channel.id
            )
        }
        ChannelKind::WebChat => format!("{public_url}/chat/{slug}"),
    };
    ChannelView {
        id: channel.id,
        kind: channel.record.kind,
        name: channel.record.name.clone(),
        address: channel.record.address.clone(),
        settings,
        credentials_set: opened.map(|o| o.secrets.names()).unwrap_or_default(),
        credentials_key: channel
            .record
            .credentials
            .split(':')
            .nth(1)
            .map(str::to_string),
        active: channel.record.active,
        webhook_url,
        created_at: channel.created_at,
    }
}

/// The patch applied to a stored channel's input form.
pub fn patched_input(
    channel: &Channel,
    keys: &CredentialKeys,
    patch: ChannelPatch,
) -> Result<ChannelInput, Invalid> {
    let opened = OpenChannel::open(channel, keys).map_err(|e| Invalid::field("credentials", e))?;
    Ok(ChannelInput {
        kind: channel.record.kind,
        name: patch.name.unwrap_or_else(|| channel.record.name.clone()),
        address: patch
            .address
            .unwrap_or_else(|| channel.record.address.clone()),
        credentials: patch.credentials.unwrap_or(opened.secrets),
        settings: patch.settings.unwrap_or(opened.settings),
        active: patch.active.unwrap_or(channel.record.active),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let secrets = ChannelSecrets {
            auth_token: Some("s3cr3t-token".into()),
            ..Default::default()
        };
        let open = OpenChannel {
            id: ChannelId::new(),
            clinic_id: ClinicId::new(),
            kind: ChannelKind::Twilio,
            address: "+351210000000".into(),
            settings: ChannelSettings::default(),
            secrets,
            active: true,
        };
        let printed = format!("{open:?}");
        assert!(!printed.contains("s3cr3t"), "{printed}");
        assert!(printed.contains("auth_token"), "{printed}");
    }
}
