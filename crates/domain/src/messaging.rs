//! Messaging: channels, who wrote, where a message is, the customer-service window and
//! templates.

use chrono::{DateTime, Duration, Utc};

use crate::validation::{Invalid, bounded_text};

stored_enum!(
    /// How patients reach the clinic.
    ChannelKind {
        /// WhatsApp through Twilio.
        Twilio = "twilio",
        /// WhatsApp Cloud API (Meta).
        Meta = "meta",
        /// WhatsApp through 360dialog.
        Dialog360 = "dialog360",
        /// WhatsApp through Z-API.
        Zapi = "zapi",
        /// The chat on the clinic's web site.
        WebChat = "web_chat",
    }
);

impl ChannelKind {
    /// Whether the WhatsApp Business rules apply: free text only within 24 hours of the
    /// contact's last message, approved templates otherwise. Z-API drives a WhatsApp app
    /// session and the web chat is ours, so neither has them.
    pub fn has_service_window(self) -> bool {
        matches!(
            self,
            ChannelKind::Twilio | ChannelKind::Meta | ChannelKind::Dialog360
        )
    }
}

stored_enum!(
    /// Which way a message went.
    Direction {
        /// From the contact to the clinic.
        Inbound = "inbound",
        /// From the clinic to the contact.
        Outbound = "outbound",
    }
);

stored_enum!(
    /// Who wrote a message.
    Author {
        /// The patient (or whoever writes from that number).
        Patient = "patient",
        /// The assistant.
        Assistant = "assistant",
        /// A member of the clinic's staff.
        Staff = "staff",
        /// The system (reminders, test sends).
        System = "system",
    }
);

stored_enum!(
    /// Where a message is. Inbound: received, then handled by a turn. Outbound: queued, then
    /// sent, delivered, read; failed and refused are final.
    MessageStatus {
        /// Inbound, waiting for its turn.
        Received = "received",
        /// Inbound, answered (or seen by staff during a takeover).
        Handled = "handled",
        /// Outbound, waiting to be sent.
        Queued = "queued",
        /// Outbound, being handed to the provider; a crash here leaves the outcome unknown.
        Sending = "sending",
        /// Outbound, handed to the provider by a worker that stopped before it heard back:
        /// it may have been delivered. Never sent again; a status report settles it.
        Unknown = "unknown",
        /// Accepted by the provider.
        Sent = "sent",
        /// On the contact's phone.
        Delivered = "delivered",
        /// Seen by the contact.
        Read = "read",
        /// Could not be delivered; `error` says why.
        Failed = "failed",
        /// Not sent because a rule forbids it (e.g. free text outside the 24-hour window).
        Refused = "refused",
    }
);

impl MessageStatus {
    /// Order of progress: a status report only ever raises it. Failed and refused are final.
    pub fn rank(self) -> i64 {
        match self {
            MessageStatus::Received | MessageStatus::Queued => 0,
            MessageStatus::Handled | MessageStatus::Sending | MessageStatus::Unknown => 1,
            MessageStatus::Sent => 2,
            MessageStatus::Delivered => 3,
            MessageStatus::Read => 4,
            MessageStatus::Failed | MessageStatus::Refused => 9,
        }
    }
}

/// How long after the contact's last message a WhatsApp business may send free text.
pub const SERVICE_WINDOW: Duration = Duration::hours(24);

/// Whether free text may go to a contact whose last message came at `last_inbound`.
pub fn service_window_open(last_inbound: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    last_inbound.is_some_and(|at| now < at + SERVICE_WINDOW)
}

/// Longest text we send in one message (WhatsApp's limit is 4,096 characters).
pub const MAX_TEXT_CHARS: usize = 4096;

/// Checks a text to send.
pub fn outbound_text(field: &str, text: &str) -> Result<String, Invalid> {
    bounded_text(field, text, 1, MAX_TEXT_CHARS)
}

/// An approved template's body with numbered variables `{{1}}`, `{{2}}`, …
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateBody {
    text: String,
    variables: usize,
}

impl TemplateBody {
    /// Parses a body; its variables must be numbered 1..n without gaps.
    pub fn parse(field: &str, text: &str) -> Result<Self, Invalid> {
        let text = bounded_text(field, text, 1, 1024)?;
        let mut seen = Vec::new();
        let mut rest = text.as_str();
        while let Some(open) = rest.find("{{") {
            let after = &rest[open + 2..];
            let close = after
                .find("}}")
                .ok_or_else(|| Invalid::field(field, "a `{{` is not closed by `}}`"))?;
            let n: usize = after[..close].trim().parse().map_err(|_| {
                Invalid::field(
                    field,
                    format!(
                        "variables are numbered, like {{{{1}}}}; found {{{{{}}}}}",
                        &after[..close]
                    ),
                )
            })?;
            seen.push(n);
            rest = &after[close + 2..];
        }
        seen.sort_unstable();
        seen.dedup();
        if seen.iter().enumerate().any(|(i, n)| *n != i + 1) {
            return Err(Invalid::field(
                field,
                "variables must be numbered from {{1}} without gaps",
            ));
        }
        Ok(TemplateBody {
            variables: seen.len(),
            text,
        })
    }

    /// The body as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// How many variables it takes.
    pub fn variables(&self) -> usize {
        self.variables
    }

    /// The text with `values` in place of its variables; the count must match.
    pub fn render(&self, field: &str, values: &[String]) -> Result<String, Invalid> {
        if values.len() != self.variables {
            return Err(Invalid::field(
                field,
                format!(
                    "this template takes {} variable(s); {} given",
                    self.variables,
                    values.len()
                ),
            ));
        }
        // One pass, so a value that itself contains `{{1}}` is left as written.
        let mut out = String::with_capacity(self.text.len());
        let mut rest = self.text.as_str();
        while let Some(open) = rest.find("{{") {
            out.push_str(&rest[..open]);
            let after = &rest[open + 2..];
            // `parse` checked that every `{{` is closed and holds a number in 1..=n.
            let close = after.find("}}").unwrap_or(0);
            let n: usize = after[..close].trim().parse().unwrap_or(0);
            out.push_str(values.get(n.wrapping_sub(1)).map_or("", String::as_str));
            rest = &after[close + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_rank_forward_and_final() {
        use MessageStatus::*;
        assert!(Sent.rank() < Delivered.rank() && Delivered.rank() < Read.rank());
        assert!(Read.rank() < Failed.rank() && Queued.rank() < Sent.rank());
    }

    #[test]
    fn the_window_closes_after_a_day() {
        let t = Utc::now();
        assert!(service_window_open(Some(t), t + Duration::hours(23)));
        assert!(!service_window_open(Some(t), t + Duration::hours(24)));
        assert!(!service_window_open(None, t));
    }

    #[test]
    fn templates_render_numbered_variables() {
        let body = TemplateBody::parse("body", "Olá {{1}}, sua consulta é {{2}} às {{3}}. {{1}}!")
            .unwrap();
        assert_eq!(body.variables(), 3);
        let text = body
            .render("v", &["Ana".into(), "amanhã".into(), "10:00".into()])
            .unwrap();
        assert_eq!(text, "Olá Ana, sua consulta é amanhã às 10:00. Ana!");
        assert!(body.render("v", &["Ana".into()]).is_err());
        let nested = TemplateBody::parse("b", "{{1}} {{2}}").unwrap();
        assert_eq!(
            nested.render("v", &["{{2}}".into(), "x".into()]).unwrap(),
            "{{2}} x"
        );
        assert!(TemplateBody::parse("b", "Hi {{2}}").is_err());
        assert!(TemplateBody::parse("b", "Hi {{name}}").is_err());
        assert!(TemplateBody::parse("b", "Hi {{1").is_err());
        assert_eq!(
            TemplateBody::parse("b", "No variables")
                .unwrap()
                .variables(),
            0
        );
    }
}
