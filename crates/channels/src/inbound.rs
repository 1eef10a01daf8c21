//! What arrives from any channel, in one shape.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Something a provider told us.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum InboundEvent {
    /// A patient wrote.
    Message(InboundMessage),
    /// A message we sent moved on (sent, delivered, read, failed).
    Status(StatusUpdate),
}

/// A message from a patient.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InboundMessage {
    /// The provider's id for it (Meta `wamid…`, Twilio `SM…`): the key that makes a redelivery
    /// change nothing.
    pub provider_message_id: String,
    /// The patient's number, E.164 with `+`.
    pub from: String,
    /// The name the patient's WhatsApp profile shows, if sent.
    pub profile_name: Option<String>,
    /// When the provider says it was sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// What it says.
    pub content: Content,
}

/// The body of a message.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Content {
    /// Plain text.
    Text {
        /// The text.
        body: String,
    },
    /// A quick-reply button was tapped.
    Button {
        /// The button's payload (what we set when sending).
        payload: String,
        /// Its label.
        text: String,
    },
    /// A row of a list message was chosen.
    ListReply {
        /// The row's id (what we set when sending).
        id: String,
        /// Its title.
        title: String,
    },
    /// An image, audio, video, document or sticker, kept as a reference to fetch later.
    Media {
        /// `image`, `audio`, `video`, `document` or `sticker`.
        kind: String,
        /// The provider's media id (Meta) or URL (Twilio).
        reference: String,
        /// Its MIME type.
        mime_type: Option<String>,
        /// Its caption.
        caption: Option<String>,
    },
    /// A shared location.
    Location {
        /// Latitude.
        latitude: f64,
        /// Longitude.
        longitude: f64,
        /// The place's name.
        name: Option<String>,
        /// Its address.
        address: Option<String>,
    },
    /// Shared contact cards.
    Contacts {
        /// Each contact's name and phone numbers.
        contacts: Vec<SharedContact>,
    },
    /// A kind we do not read (yet); kept so the conversation shows something arrived.
    Unsupported {
        /// The provider's name for it.
        kind: String,
    },
}

/// One shared contact card.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedContact {
    /// Formatted name.
    pub name: String,
    /// Phone numbers as given.
    pub phones: Vec<String>,
}

/// Where a sent message is. Ordered: a status only moves forward (failed is terminal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryStatus {
    /// Accepted by the provider.
    Sent,
    /// On the patient's phone.
    Delivered,
    /// Seen.
    Read,
    /// Could not be delivered.
    Failed,
}

/// A provider's report about a message we sent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusUpdate {
    /// The provider's id of our message.
    pub provider_message_id: String,
    /// Its new status.
    pub status: DeliveryStatus,
    /// The recipient, E.164 with `+`.
    pub recipient: Option<String>,
    /// When.
    pub at: Option<DateTime<Utc>>,
    /// The provider's error, for failures.
    pub error: Option<String>,
}

/// A payload that is not what the provider sends.
#[derive(Debug, thiserror::Error)]
#[error("malformed {provider} payload: {reason}")]
pub struct Malformed {
    /// Which provider's format.
    pub provider: &'static str,
    /// What is wrong.
    pub reason: String,
}

/// A WhatsApp address as E.164: strips Twilio's `whatsapp:` and adds the `+` Meta leaves off.
pub(crate) fn e164(raw: &str) -> String {
    let digits = raw
        .trim()
        .trim_start_matches("whatsapp:")
        .trim_start_matches('+');
    format!("+{digits}")
}

/// Seconds since the epoch, as providers send them (a string or a number).
pub(crate) fn epoch_seconds(raw: &str) -> Option<DateTime<Utc>> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .and_then(|s| DateTime::from_timestamp(s, 0))
}
