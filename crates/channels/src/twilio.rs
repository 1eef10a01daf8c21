//! Twilio WhatsApp webhooks: the form-encoded "incoming message" and status callback.

use crate::inbound::{
    Content, DeliveryStatus, InboundEvent, InboundMessage, Malformed, StatusUpdate, e164,
};

fn malformed(reason: impl Into<String>) -> Malformed {
    Malformed {
        provider: "Twilio",
        reason: reason.into(),
    }
}

fn field<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .filter(|v| !v.is_empty())
}

/// Reads a verified incoming-message form (the parameters, already URL-decoded).
pub fn parse_message(params: &[(String, String)]) -> Result<InboundEvent, Malformed> {
    let id = field(params, "MessageSid")
        .or_else(|| field(params, "SmsMessageSid"))
        .ok_or_else(|| malformed("no MessageSid"))?;
    let from = field(params, "From").ok_or_else(|| malformed("no From"))?;
    let media_count: usize = field(params, "NumMedia")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let body = field(params, "Body").unwrap_or_default();
    let content = if let Some(payload) = field(params, "ButtonPayload") {
        Content::Button {
            payload: payload.to_string(),
            text: field(params, "ButtonText").unwrap_or(body).to_string(),
        }
    } else if let (Some(lat), Some(lon)) = (field(params, "Latitude"), field(params, "Longitude")) {
        Content::Location {
            latitude: lat
                .parse()
                .map_err(|_| malformed("Latitude is not a number"))?,
            longitude: lon
                .parse()
                .map_err(|_| malformed("Longitude is not a number"))?,
            name: field(params, "Label").map(str::to_string),
            address: field(params, "Address").map(str::to_string),
        }
    } else if media_count > 0 {
        let mime = field(params, "MediaContentType0").map(str::to_string);
        let kind = match mime.as_deref().and_then(|m| m.split('/').next()) {
            Some("image") => "image",
            Some("audio") => "audio",
            Some("video") => "video",
            _ => "document",
        };
        Content::Media {
            kind: kind.to_string(),
            reference: field(params, "MediaUrl0")
                .ok_or_else(|| malformed("NumMedia without MediaUrl0"))?
                .to_string(),
            mime_type: mime,
            caption: (!body.is_empty()).then(|| body.to_string()),
        }
    } else {
        Content::Text {
            body: body.to_string(),
        }
    };
    Ok(InboundEvent::Message(InboundMessage {
        provider_message_id: id.to_string(),
        from: e164(from),
        profile_name: field(params, "ProfileName").map(str::to_string),
        sent_at: None,
        content,
    }))
}

/// Reads a verified status callback; `None` for statuses that report no progress
/// (`queued`, `accepted`, `sending`).
pub fn parse_status(params: &[(String, String)]) -> Result<Option<InboundEvent>, Malformed> {
    let id = field(params, "MessageSid").ok_or_else(|| malformed("no MessageSid"))?;
    let raw = field(params, "MessageStatus").ok_or_else(|| malformed("no MessageStatus"))?;
    let status = match raw {
        "sent" => DeliveryStatus::Sent,
        "delivered" => DeliveryStatus::Delivered,
        "read" => DeliveryStatus::Read,
        "failed" | "undelivered" => DeliveryStatus::Failed,
        _ => return Ok(None),
    };
    let error = field(params, "ErrorCode").map(|code| {
        format!(
            "{} ({code})",
            field(params, "ErrorMessage").unwrap_or("error")
        )
    });
    Ok(Some(InboundEvent::Status(StatusUpdate {
        provider_message_id: id.to_string(),
        status,
        recipient: field(params, "To").map(e164),
        at: None,
        error,
    })))
}
