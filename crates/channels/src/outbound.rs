//! Sending through each provider's HTTP API: Twilio Messages, Meta Graph
//! `/{phone-number-id}/messages`, 360dialog `/messages`, Z-API `send-text`. Every base URL
//! is configurable so tests (and sandboxes) can point at a local server.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

/// Where each provider's API lives.
#[derive(Debug, Clone)]
pub struct ProviderUrls {
    /// Twilio REST API, `https://api.twilio.com`.
    pub twilio: String,
    /// Meta Graph API with its version, `https://graph.facebook.com/v21.0`.
    pub meta: String,
    /// 360dialog WhatsApp API, `https://waba-v2.360dialog.io`.
    pub dialog360: String,
    /// Z-API, `https://api.z-api.io`.
    pub zapi: String,
}

impl Default for ProviderUrls {
    fn default() -> Self {
        ProviderUrls {
            twilio: "https://api.twilio.com".into(),
            meta: "https://graph.facebook.com/v21.0".into(),
            dialog360: "https://waba-v2.360dialog.io".into(),
            zapi: "https://api.z-api.io".into(),
        }
    }
}

/// A channel's sending identity at its provider.
#[derive(Debug, Clone)]
pub enum Account {
    /// Twilio: account SID, auth token and the WhatsApp sender number (E.164).
    Twilio {
        /// `AC…`.
        account_sid: String,
        /// The auth token.
        auth_token: String,
        /// The sender, E.164.
        from: String,
    },
    /// Meta Cloud API: the phone number id and a system-user access token.
    Meta {
        /// The phone number's id.
        phone_number_id: String,
        /// Bearer token.
        access_token: String,
    },
    /// 360dialog: the channel's API key.
    Dialog360 {
        /// `D360-API-KEY`.
        api_key: String,
    },
    /// Z-API: the instance, its token and the account's client token.
    Zapi {
        /// Instance id.
        instance_id: String,
        /// Instance token.
        instance_token: String,
        /// The account's security token (`Client-Token` header).
        client_token: String,
    },
}

/// What to send.
#[derive(Debug, Clone)]
pub enum Outgoing<'a> {
    /// Free text (inside WhatsApp's 24-hour window).
    Text(&'a str),
    /// An approved template.
    Template {
        /// Its name at the provider.
        name: &'a str,
        /// Its language code.
        language: &'a str,
        /// Twilio's ContentSid; unused elsewhere.
        provider_ref: &'a str,
        /// Values for `{{1}}`, `{{2}}`, …
        variables: &'a [String],
        /// The rendered text, for providers without templates (Z-API).
        rendered: &'a str,
    },
}

/// Why a send did not go through.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: rate limited, the provider failed, or no answer in time.
    #[error("{0}")]
    Retryable(String),
    /// Will never go through as it is (bad number, bad credentials, policy).
    #[error("{0}")]
    Permanent(String),
}

/// An HTTP client for every provider.
#[derive(Debug, Clone)]
pub struct Sender {
    http: reqwest::Client,
    urls: ProviderUrls,
}

impl Sender {
    /// A sender with `timeout` per request.
    pub fn new(urls: ProviderUrls, timeout: Duration) -> Result<Self, SendError> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .build()
            .map_err(|e| SendError::Permanent(format!("cannot build the HTTP client: {e}")))?;
        Ok(Sender { http, urls })
    }

    /// Sends `message` to `to` (E.164) and returns the provider's message id.
    pub async fn send(
        &self,
        account: &Account,
        to: &str,
        message: &Outgoing<'_>,
    ) -> Result<String, SendError> {
        let digits = to.trim_start_matches('+');
        let request = match account {
            Account::Twilio {
                account_sid,
                auth_token,
                from,
            } => {
                let url = format!(
                    "{}/2010-04-01/Accounts/{account_sid}/Messages.json",
                    self.urls.twilio.trim_end_matches('/')
                );
                let mut form = vec![
                    ("To", format!("whatsapp:{to}")),
                    ("From", format!("whatsapp:{from}")),
                ];
                match message {
                    Outgoing::Text(body) => form.push(("Body", body.to_string())),
                    Outgoing::Template {
                        provider_ref,
                        variables,
                        ..
                    } => {
                        let vars: serde_json::Map<String, serde_json::Value> = variables
                            .iter()
                            .enumerate()
                            .map(|(i, v)| ((i + 1).to_string(), json!(v)))
                            .collect();
                        form.push(("ContentSid", provider_ref.to_string()));
                        form.push((
                            "ContentVariables",
                            serde_json::Value::Object(vars).to_string(),
                        ));
                    }
                }
                self.http
                    .post(url)
                    .basic_auth(account_sid, Some(auth_token))
                    .form(&form)
            }
            Account::Meta {
                phone_number_id,
                access_token,
            } => self
                .http
                .post(format!(
                    "{}/{phone_number_id}/messages",
                    self.urls.meta.trim_end_matches('/')
                ))
                .bearer_auth(access_token)
                .json(&cloud_api_body(digits, message)),
            Account::Dialog360 { api_key } => self
                .http
                .post(format!(
                    "{}/messages",
                    self.urls.dialog360.trim_end_matches('/')
                ))
                .header("D360-API-KEY", api_key)
                .json(&cloud_api_body(digits, message)),
            Account::Zapi {
                instance_id,
                instance_token,
                client_token,
            } => {
                let text = match message {
                    Outgoing::Text(body) => body,
                    Outgoing::Template { rendered, .. } => rendered,
                };
                self.http
                    .post(format!(
                        "{}/instances/{instance_id}/token/{instance_token}/send-text",
                        self.urls.zapi.trim_end_matches('/')
                    ))
                    .header("Client-Token", client_token)
                    .json(&json!({ "phone": digits, "message": text }))
            }
        };
        let response = request.send().await.map_err(|e| {
            SendError::Retryable(if e.is_timeout() {
                "the provider did not answer in time".to_string()
            } else {
                format!("cannot reach the provider: {e}")
            })
        })?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| SendError::Retryable(format!("the provider's answer broke off: {e}")))?;
        if !status.is_success() {
            let detail = provider_error(&body);
            let text = format!("HTTP {}: {detail}", status.as_u16());
            return Err(if status.as_u16() == 429 || status.is_server_error() {
                SendError::Retryable(text)
            } else {
                SendError::Permanent(text)
            });
        }
        message_id(account, &body).ok_or_else(|| {
            SendError::Permanent(format!(
                "the provider accepted the message but its answer has no id: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            ))
        })
    }
}

/// The Cloud API message body (Meta and 360dialog).
fn cloud_api_body(to: &str, message: &Outgoing<'_>) -> serde_json::Value {
    match message {
        Outgoing::Text(body) => json!({
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": "text",
            "text": { "preview_url": false, "body": body },
        }),
        Outgoing::Template {
            name,
            language,
            variables,
            ..
        } => {
            let parameters: Vec<serde_json::Value> = variables
                .iter()
                .map(|v| json!({ "type": "text", "text": v }))
                .collect();
            let components = if parameters.is_empty() {
                json!([])
            } else {
                json!([{ "type": "body", "parameters": parameters }])
            };
            json!({
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "template",
                "template": { "name": name, "language": { "code": language }, "components": components },
            })
        }
    }
}

#[derive(Deserialize)]
struct CloudApiAnswer {
    messages: Vec<CloudApiMessage>,
}

#[derive(Deserialize)]
struct CloudApiMessage {
    id: String,
}

fn message_id(account: &Account, body: &[u8]) -> Option<String> {
    match account {
        Account::Twilio { .. } => {
            #[derive(Deserialize)]
            struct Answer {
                sid: String,
            }
            serde_json::from_slice::<Answer>(body).ok().map(|a| a.sid)
        }
        Account::Meta { .. } | Account::Dialog360 { .. } => {
            serde_json::from_slice::<CloudApiAnswer>(body)
                .ok()
                .and_then(|a| a.messages.into_iter().next())
                .map(|m| m.id)
        }
        Account::Zapi { .. } => {
            #[derive(Deserialize)]
            #[serde(rename_all = "camelCase")]
            struct Answer {
                message_id: Option<String>,
                id: Option<String>,
            }
            serde_json::from_slice::<Answer>(body)
                .ok()
                .and_then(|a| a.message_id.or(a.id))
        }
    }
}

/// The provider's own words about a failure, from any of their error shapes.
fn provider_error(body: &[u8]) -> String {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => return String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned(),
    };
    // Meta / 360dialog: {"error": {"code", "message"}}; Twilio: {"code", "message"};
    // Z-API: {"error", "message"}.
    let error = value
        .get("error")
        .filter(|e| e.is_object())
        .unwrap_or(&value);
    let code = error.get("code").map(|c| c.to_string());
    let message = error
        .get("message")
        .or_else(|| value.get("error"))
        .and_then(|m| m.as_str())
        .unwrap_or("no message");
    match code {
        Some(code) => format!("{code}: {message}"),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provider_errors_read_from_each_shape() {
        assert_eq!(
            provider_error(br#"{"error":{"message":"(#131030) Recipient not in allowed list","type":"OAuthException","code":131030}}"#),
            "131030: (#131030) Recipient not in allowed list"
        );
        assert_eq!(
            provider_error(br#"{"code":21211,"message":"Invalid 'To' Phone Number","more_info":"https://www.twilio.com/docs/errors/21211","status":400}"#),
            "21211: Invalid 'To' Phone Number"
        );
        assert_eq!(
            provider_error(br#"{"error":"Instance not found"}"#),
            "Instance not found"
        );
        assert_eq!(provider_error(b"Bad Gateway"), "Bad Gateway");
    }

    #[test]
    fn cloud_api_templates_carry_body_parameters() {
        let vars = ["Ana".to_string(), "10:00".to_string()];
        let body = cloud_api_body(
            "5511999",
            &Outgoing::Template {
                name: "appointment_reminder",
                language: "pt_BR",
                provider_ref: "",
                variables: &vars,
                rendered: "",
            },
        );
        assert_eq!(body["template"]["language"]["code"], "pt_BR");
        assert_eq!(
            body["template"]["components"][0]["parameters"][1]["text"],
            "10:00"
        );
        assert_eq!(body["to"], "5511999");
    }
}
