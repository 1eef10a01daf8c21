//! Z-API webhooks: "on message received" (`ReceivedCallback`) and message status
//! (`MessageStatusCallback`). Z-API does not sign its calls: the channel's secret travels in
//! the webhook URL we register, and the payload must name the channel's instance.

use chrono::DateTime;
use serde::Deserialize;

use crate::inbound::{
    Content, DeliveryStatus, InboundEvent, InboundMessage, Malformed, SharedContact, StatusUpdate,
    e164,
};

fn malformed(reason: impl Into<String>) -> Malformed {
    Malformed {
        provider: "Z-API",
        reason: reason.into(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Callback {
    #[serde(rename = "type")]
    kind: String,
    instance_id: Option<String>,
    message_id: Option<String>,
    #[serde(default)]
    ids: Vec<String>,
    phone: Option<String>,
    #[serde(default)]
    from_me: bool,
    #[serde(default)]
    is_group: bool,
    momment: Option<i64>,
    status: Option<String>,
    sender_name: Option<String>,
    chat_name: Option<String>,
    text: Option<Text>,
    image: Option<Media>,
    audio: Option<Media>,
    video: Option<Media>,
    document: Option<Media>,
    sticker: Option<Media>,
    location: Option<Location>,
    contact: Option<Contact>,
    buttons_response_message: Option<ButtonReply>,
    list_response_message: Option<ListReply>,
}

#[derive(Deserialize)]
struct Text {
    message: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Media {
    mime_type: Option<String>,
    image_url: Option<String>,
    audio_url: Option<String>,
    video_url: Option<String>,
    document_url: Option<String>,
    sticker_url: Option<String>,
    caption: Option<String>,
}

impl Media {
    fn url(&self) -> Option<&String> {
        self.image_url
            .as_ref()
            .or(self.audio_url.as_ref())
            .or(self.video_url.as_ref())
            .or(self.document_url.as_ref())
            .or(self.sticker_url.as_ref())
    }
}

#[derive(Deserialize)]
struct Location {
    latitude: f64,
    longitude: f64,
    name: Option<String>,
    address: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Contact {
    display_name: Option<String>,
    #[serde(default)]
    phones: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ButtonReply {
    button_id: String,
    message: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListReply {
    selected_row_id: String,
    title: Option<String>,
    message: Option<String>,
}

/// What a Z-API call carried.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The instance that sent it (must be the channel's).
    pub instance_id: Option<String>,
    /// The events: none for our own messages echoed back, group chats and other callbacks.
    pub events: Vec<InboundEvent>,
}

/// Reads a Z-API callback body.
pub fn parse(body: &[u8]) -> Result<Received, Malformed> {
    let c: Callback = serde_json::from_slice(body).map_err(|e| malformed(e.to_string()))?;
    let at = c.momment.and_then(DateTime::from_timestamp_millis);
    let instance_id = c.instance_id.clone();
    let events = match c.kind.as_str() {
        "ReceivedCallback" if !c.from_me && !c.is_group => {
            let id = c
                .message_id
                .clone()
                .ok_or_else(|| malformed("no messageId"))?;
            let phone = c.phone.clone().ok_or_else(|| malformed("no phone"))?;
            vec![InboundEvent::Message(InboundMessage {
                provider_message_id: id,
                from: e164(&phone),
                profile_name: c.sender_name.clone().or(c.chat_name.clone()),
                sent_at: at,
                content: content(c)?,
            })]
        }
        "MessageStatusCallback" => {
            let status = match c.status.as_deref() {
                Some("SENT") => DeliveryStatus::Sent,
                Some("RECEIVED") => DeliveryStatus::Delivered,
                Some("READ" | "READ_BY_ME" | "PLAYED") => DeliveryStatus::Read,
                Some("FAILED") => DeliveryStatus::Failed,
                _ => {
                    return Ok(Received {
                        instance_id,
                        events: vec![],
                    });
                }
            };
            let recipient = c.phone.as_deref().map(e164);
            c.ids
                .iter()
                .map(|id| {
                    InboundEvent::Status(StatusUpdate {
                        provider_message_id: id.clone(),
                        status,
                        recipient: recipient.clone(),
                        at,
                        error: None,
                    })
                })
                .collect()
        }
        _ => vec![],
    };
    Ok(Received {
        instance_id,
        events,
    })
}

fn content(c: Callback) -> Result<Content, Malformed> {
    if let Some(t) = c.text {
        return Ok(Content::Text { body: t.message });
    }
    if let Some(b) = c.buttons_response_message {
        return Ok(Content::Button {
            text: b.message.unwrap_or_else(|| b.button_id.clone()),
            payload: b.button_id,
        });
    }
    if let Some(l) = c.list_response_message {
        return Ok(Content::ListReply {
            title: l.title.or(l.message).unwrap_or_default(),
            id: l.selected_row_id,
        });
    }
    if let Some(l) = c.location {
        return Ok(Content::Location {
            latitude: l.latitude,
            longitude: l.longitude,
            name: l.name,
            address: l.address,
        });
    }
    if let Some(contact) = c.contact {
        return Ok(Content::Contacts {
            contacts: vec![SharedContact {
                name: contact.display_name.unwrap_or_default(),
                phones: contact.phones,
            }],
        });
    }
    let media = [
        ("image", c.image),
        ("audio", c.audio),
        ("video", c.video),
        ("document", c.document),
        ("sticker", c.sticker),
    ];
    for (kind, m) in media {
        if let Some(m) = m {
            let reference = m
                .url()
                .cloned()
                .ok_or_else(|| malformed(format!("{kind} without a URL")))?;
            return Ok(Content::Media {
                kind: kind.into(),
                reference,
                mime_type: m.mime_type,
                caption: m.caption,
            });
        }
    }
    Ok(Content::Unsupported {
        kind: "unknown".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_message_reads_into_one_event() {
        let body = r#"{"isStatusReply":false,"senderLid":"81896604192873@lid","connectedPhone":"554499999999","waitingMessage":false,"isEdit":false,"isGroup":false,"isNewsletter":false,"instanceId":"A20DA9C0183A2D35A260F53F5D2B9244","messageId":"A20DA9C0183A2D35A260F53F5D2B9244","phone":"5544999999999","fromMe":false,"momment":1632228638000,"status":"RECEIVED","chatName":"name","senderPhoto":null,"senderName":"Maria","participantPhone":null,"photo":"https://","broadcast":false,"type":"ReceivedCallback","text":{"message":"Olá, quero marcar"}}"#;
        let r = parse(body.as_bytes()).unwrap();
        assert_eq!(
            r.instance_id.as_deref(),
            Some("A20DA9C0183A2D35A260F53F5D2B9244")
        );
        let [InboundEvent::Message(m)] = r.events.as_slice() else {
            panic!("{:?}", r.events)
        };
        assert_eq!(m.from, "+5544999999999");
        assert_eq!(m.profile_name.as_deref(), Some("Maria"));
        assert_eq!(m.sent_at.unwrap().timestamp(), 1632228638);
        assert_eq!(
            m.content,
            Content::Text {
                body: "Olá, quero marcar".into()
            }
        );
    }

    fn parse_one(body: &[u8]) -> [InboundEvent; 1] {
        parse(body).unwrap().events.try_into().unwrap()
    }

    #[test]
    fn media_buttons_lists_locations_and_statuses_read() {
        let image = br#"{"type":"ReceivedCallback","instanceId":"I","messageId":"M1","phone":"5511","fromMe":false,"image":{"mimeType":"image/jpeg","imageUrl":"https://z/1.jpg","caption":"receita"}}"#;
        let [InboundEvent::Message(m)] = parse_one(image) else {
            panic!()
        };
        assert!(
            matches!(m.content, Content::Media { ref kind, ref reference, .. } if kind == "image" && reference == "https://z/1.jpg")
        );
        let list = r#"{"type":"ReceivedCallback","messageId":"M2","phone":"5511","listResponseMessage":{"message":"m","title":"Manhã","selectedRowId":"morning"}}"#;
        let [InboundEvent::Message(m)] = parse_one(list.as_bytes()) else {
            panic!()
        };
        assert_eq!(
            m.content,
            Content::ListReply {
                id: "morning".into(),
                title: "Manhã".into()
            }
        );
        let status = br#"{"type":"MessageStatusCallback","instanceId":"I","status":"READ","ids":["X1","X2"],"momment":1632234645000,"phone":"5544999999999"}"#;
        let events = parse(status).unwrap().events;
        assert_eq!(events.len(), 2);
        assert!(
            matches!(&events[1], InboundEvent::Status(s) if s.provider_message_id == "X2" && s.status == DeliveryStatus::Read)
        );
        // Our own messages echoed back and group chats are not patients writing.
        let mine = br#"{"type":"ReceivedCallback","messageId":"M3","phone":"5511","fromMe":true,"text":{"message":"x"}}"#;
        assert!(parse(mine).unwrap().events.is_empty());
        assert!(parse(b"{\"phone\":1}").is_err());
        assert!(parse(br#"{"type":"ReceivedCallback","phone":"5511"}"#).is_err());
    }
}
