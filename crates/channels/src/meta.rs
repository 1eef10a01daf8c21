//! Meta WhatsApp Cloud API webhooks (also 360dialog, which forwards the same shape): one
//! POST may carry messages and statuses for several of our numbers, routed by
//! `phone_number_id`.

use serde::Deserialize;

use crate::inbound::{
    Content, DeliveryStatus, InboundEvent, InboundMessage, Malformed, SharedContact, StatusUpdate,
    e164, epoch_seconds,
};

/// A notification's events, each with the `phone_number_id` of our number it concerns.
pub type Routed = Vec<(String, InboundEvent)>;

#[derive(Deserialize)]
struct Notification {
    object: String,
    #[serde(default)]
    entry: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    #[serde(default)]
    changes: Vec<Change>,
}

#[derive(Deserialize)]
struct Change {
    field: String,
    value: Value,
}

#[derive(Deserialize)]
struct Value {
    metadata: Option<Metadata>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    messages: Vec<Message>,
    #[serde(default)]
    statuses: Vec<Status>,
}

#[derive(Deserialize)]
struct Metadata {
    phone_number_id: String,
}

#[derive(Deserialize)]
struct Contact {
    wa_id: String,
    profile: Option<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    name: Option<String>,
}

#[derive(Deserialize)]
struct Message {
    from: String,
    id: String,
    timestamp: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    text: Option<Text>,
    button: Option<Button>,
    interactive: Option<Interactive>,
    image: Option<Media>,
    audio: Option<Media>,
    video: Option<Media>,
    document: Option<Media>,
    sticker: Option<Media>,
    location: Option<Location>,
    contacts: Option<Vec<ContactCard>>,
}

#[derive(Deserialize)]
struct Text {
    body: String,
}

#[derive(Deserialize)]
struct Button {
    payload: Option<String>,
    text: String,
}

#[derive(Deserialize)]
struct Interactive {
    button_reply: Option<Reply>,
    list_reply: Option<Reply>,
}

#[derive(Deserialize)]
struct Reply {
    id: String,
    title: String,
}

#[derive(Deserialize)]
struct Media {
    id: String,
    mime_type: Option<String>,
    caption: Option<String>,
}

#[derive(Deserialize)]
struct Location {
    latitude: f64,
    longitude: f64,
    name: Option<String>,
    address: Option<String>,
}

#[derive(Deserialize)]
struct ContactCard {
    name: Option<CardName>,
    #[serde(default)]
    phones: Vec<CardPhone>,
}

#[derive(Deserialize)]
struct CardName {
    formatted_name: Option<String>,
}

#[derive(Deserialize)]
struct CardPhone {
    phone: Option<String>,
}

#[derive(Deserialize)]
struct Status {
    id: String,
    status: String,
    timestamp: Option<String>,
    recipient_id: Option<String>,
    #[serde(default)]
    errors: Vec<StatusError>,
}

#[derive(Deserialize)]
struct StatusError {
    code: Option<i64>,
    title: Option<String>,
}

fn malformed(reason: impl Into<String>) -> Malformed {
    Malformed {
        provider: "Meta",
        reason: reason.into(),
    }
}

/// Reads a verified notification body. Changes to other fields (account updates) carry no
/// events; statuses Meta adds later (`deleted`, …) are skipped.
pub fn parse(body: &[u8]) -> Result<Routed, Malformed> {
    let n: Notification = serde_json::from_slice(body).map_err(|e| malformed(e.to_string()))?;
    if n.object != "whatsapp_business_account" {
        return Err(malformed(format!("unexpected object {:?}", n.object)));
    }
    let mut events = Routed::new();
    for change in n.entry.into_iter().flat_map(|e| e.changes) {
        if change.field != "messages" {
            continue;
        }
        let v = change.value;
        let number = v
            .metadata
            .map(|m| m.phone_number_id)
            .ok_or_else(|| malformed("a messages change without metadata.phone_number_id"))?;
        for m in v.messages {
            let profile_name = v
                .contacts
                .iter()
                .find(|c| c.wa_id == m.from)
                .and_then(|c| c.profile.as_ref()?.name.clone());
            let message = InboundMessage {
                provider_message_id: m.id.clone(),
                from: e164(&m.from),
                profile_name,
                sent_at: m.timestamp.as_deref().and_then(epoch_seconds),
                content: content(m)?,
            };
            events.push((number.clone(), InboundEvent::Message(message)));
        }
        for s in v.statuses {
            let status = match s.status.as_str() {
                "sent" => DeliveryStatus::Sent,
                "delivered" => DeliveryStatus::Delivered,
                "read" => DeliveryStatus::Read,
                "failed" => DeliveryStatus::Failed,
                _ => continue,
            };
            let error = s.errors.first().map(|e| {
                format!(
                    "{} ({})",
                    e.title.as_deref().unwrap_or("error"),
                    e.code.unwrap_or_default()
                )
            });
            events.push((
                number.clone(),
                InboundEvent::Status(StatusUpdate {
                    provider_message_id: s.id,
                    status,
                    recipient: s.recipient_id.as_deref().map(e164),
                    at: s.timestamp.as_deref().and_then(epoch_seconds),
                    error,
                }),
            ));
        }
    }
    Ok(events)
}

fn content(m: Message) -> Result<Content, Malformed> {
    let missing = |part: &str| malformed(format!("a {} message without its `{part}`", m.kind));
    Ok(match m.kind.as_str() {
        "text" => Content::Text {
            body: m.text.ok_or_else(|| missing("text"))?.body,
        },
        "button" => {
            let b = m.button.ok_or_else(|| missing("button"))?;
            Content::Button {
                payload: b.payload.unwrap_or_else(|| b.text.clone()),
                text: b.text,
            }
        }
        "interactive" => {
            let i = m.interactive.ok_or_else(|| missing("interactive"))?;
            match (i.button_reply, i.list_reply) {
                (Some(r), _) => Content::Button {
                    payload: r.id,
                    text: r.title,
                },
                (None, Some(r)) => Content::ListReply {
                    id: r.id,
                    title: r.title,
                },
                (None, None) => Content::Unsupported {
                    kind: "interactive".into(),
                },
            }
        }
        kind @ ("image" | "audio" | "video" | "document" | "sticker") => {
            let media = match kind {
                "image" => m.image,
                "audio" => m.audio,
                "video" => m.video,
                "document" => m.document,
                _ => m.sticker,
            }
            .ok_or_else(|| missing(kind))?;
            Content::Media {
                kind: kind.to_string(),
                reference: media.id,
                mime_type: media.mime_type,
                caption: media.caption,
            }
        }
        "location" => {
            let l = m.location.ok_or_else(|| missing("location"))?;
            Content::Location {
                latitude: l.latitude,
                longitude: l.longitude,
                name: l.name,
                address: l.address,
            }
        }
        "contacts" => Content::Contacts {
            contacts: m
                .contacts
                .ok_or_else(|| missing("contacts"))?
                .into_iter()
                .map(|c| SharedContact {
                    name: c.name.and_then(|n| n.formatted_name).unwrap_or_default(),
                    phones: c.phones.into_iter().filter_map(|p| p.phone).collect(),
                })
                .collect(),
        },
        other => Content::Unsupported {
            kind: other.to_string(),
        },
    })
}
