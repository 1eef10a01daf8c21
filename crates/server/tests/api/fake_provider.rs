//! A fake of every provider's send API on loopback, speaking their wire formats (Twilio's
//! form + basic auth, Meta's Graph JSON + bearer, 360dialog's D360-API-KEY, Z-API's
//! Client-Token), recording what arrives and answering as they do, failures included.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use base64::Engine;
use serde_json::{Value, json};

/// One message a provider accepted.
#[derive(Debug, Clone)]
pub struct Sent {
    pub provider: &'static str,
    pub to: String,
    pub text: String,
    pub template: Option<String>,
    pub id: String,
}

#[derive(Default)]
struct Inner {
    sent: Vec<Sent>,
    /// Statuses to answer with before accepting (429, 500, …).
    failures: VecDeque<u16>,
    counter: u64,
}

#[derive(Clone, Default)]
pub struct FakeProvider {
    pub base: String,
    inner: Arc<Mutex<Inner>>,
}

/// A number the fake refuses for good, as a provider refuses an invalid recipient.
pub const UNREACHABLE: &str = "+15550000000";

impl FakeProvider {
    pub async fn start() -> FakeProvider {
        let mut fake = FakeProvider::default();
        let app = Router::new()
            .route(
                "/twilio/2010-04-01/Accounts/{sid}/Messages.json",
                post(twilio),
            )
            .route("/meta/{phone_number_id}/messages", post(meta))
            .route("/d360/messages", post(dialog360))
            .route(
                "/zapi/instances/{instance}/token/{token}/send-text",
                post(zapi),
            )
            .with_state(fake.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        fake.base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        fake
    }

    /// The settings that point the server at this fake.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            (
                "FRONTDESK_TWILIO_API_URL".into(),
                format!("{}/twilio", self.base),
            ),
            (
                "FRONTDESK_META_API_URL".into(),
                format!("{}/meta", self.base),
            ),
            (
                "FRONTDESK_DIALOG360_API_URL".into(),
                format!("{}/d360", self.base),
            ),
            (
                "FRONTDESK_ZAPI_API_URL".into(),
                format!("{}/zapi", self.base),
            ),
        ]
    }

    pub fn sent(&self) -> Vec<Sent> {
        self.inner.lock().unwrap().sent.clone()
    }

    /// The next sends fail with these statuses, in order.
    pub fn fail_next(&self, statuses: &[u16]) {
        self.inner.lock().unwrap().failures.extend(statuses);
    }

    /// Waits until `n` messages were accepted (or panics after `secs`).
    pub async fn wait_for(&self, n: usize, secs: u64) -> Vec<Sent> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let sent = self.sent();
            if sent.len() >= n {
                return sent;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "only {} of {n} messages reached the provider: {sent:?}",
                sent.len()
            );
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    }

    /// Accepts or refuses a send; `Ok(id)` when accepted.
    fn accept(
        &self,
        provider: &'static str,
        to: &str,
        text: &str,
        template: Option<String>,
    ) -> Result<String, u16> {
        let mut inner = self.inner.lock().unwrap();
        if let Some(status) = inner.failures.pop_front() {
            return Err(status);
        }
        if to.trim_start_matches('+') == UNREACHABLE.trim_start_matches('+') {
            return Err(400);
        }
        inner.counter += 1;
        let id = format!("{provider}-{}", inner.counter);
        inner.sent.push(Sent {
            provider,
            to: to.to_string(),
            text: text.to_string(),
            template,
            id: id.clone(),
        });
        Ok(id)
    }
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

async fn twilio(
    State(fake): State<FakeProvider>,
    Path(sid): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{sid}:twilio-token"))
    );
    if header(&headers, "authorization") != expected {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"code": 20003, "message": "Authenticate", "status": 401})),
        )
            .into_response();
    }
    let form: Vec<(String, String)> = serde_urlencoded::from_str(&body).unwrap();
    let get = |k: &str| form.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let to = get("To").unwrap_or_default();
    assert!(
        to.starts_with("whatsapp:+"),
        "Twilio wants whatsapp:+E164, got {to}"
    );
    assert!(get("From").unwrap_or_default().starts_with("whatsapp:+"));
    let template = get("ContentSid");
    let text = get("Body")
        .or_else(|| get("ContentVariables"))
        .unwrap_or_default();
    match fake.accept(
        "twilio",
        to.trim_start_matches("whatsapp:"),
        &text,
        template,
    ) {
        Ok(id) => (
            StatusCode::CREATED,
            axum::Json(json!({"sid": id, "status": "queued"})),
        )
            .into_response(),
        Err(status) => (
            StatusCode::from_u16(status).unwrap(),
            axum::Json(
                json!({"code": 21211, "message": "Invalid 'To' Phone Number", "status": status}),
            ),
        )
            .into_response(),
    }
}

fn cloud_api(fake: &FakeProvider, provider: &'static str, body: &Value) -> Response {
    assert_eq!(body["messaging_product"], "whatsapp");
    let to = body["to"].as_str().unwrap_or_default();
    assert!(!to.starts_with('+'), "the Cloud API takes digits only");
    let (text, template) = match body["type"].as_str() {
        Some("text") => (
            body["text"]["body"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            None,
        ),
        Some("template") => (
            body["template"]["components"].to_string(),
            Some(format!(
                "{}:{}",
                body["template"]["name"].as_str().unwrap_or_default(),
                body["template"]["language"]["code"]
                    .as_str()
                    .unwrap_or_default()
            )),
        ),
        other => panic!("unexpected message type {other:?}"),
    };
    match fake.accept(provider, &format!("+{to}"), &text, template) {
        Ok(id) => axum::Json(json!({"messaging_product": "whatsapp", "contacts": [{"input": to, "wa_id": to}], "messages": [{"id": id}]})).into_response(),
        Err(status) => (
            StatusCode::from_u16(status).unwrap(),
            axum::Json(json!({"error": {"message": "(#131026) Message undeliverable", "type": "OAuthException", "code": 131026}})),
        )
            .into_response(),
    }
}

async fn meta(
    State(fake): State<FakeProvider>,
    Path(phone_number_id): Path<String>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    assert_eq!(phone_number_id, "106540352242922");
    if header(&headers, "authorization") != "Bearer meta-token" {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": {"message": "Invalid OAuth access token", "code": 190}})),
        )
            .into_response();
    }
    cloud_api(&fake, "meta", &body)
}

async fn dialog360(
    State(fake): State<FakeProvider>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if header(&headers, "d360-api-key") != "d360-key" {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": {"message": "Invalid api key", "code": 0}})),
        )
            .into_response();
    }
    cloud_api(&fake, "dialog360", &body)
}

async fn zapi(
    State(fake): State<FakeProvider>,
    Path((instance, token)): Path<(String, String)>,
    headers: HeaderMap,
    axum::Json(body): axum::Json<Value>,
) -> Response {
    if instance != "ZINSTANCE"
        || token != "zapi-token"
        || header(&headers, "client-token") != "zapi-client"
    {
        return (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({"error": "your client-token is not configured"})),
        )
            .into_response();
    }
    let phone = body["phone"].as_str().unwrap_or_default();
    let text = body["message"].as_str().unwrap_or_default();
    match fake.accept("zapi", &format!("+{phone}"), text, None) {
        Ok(id) => axum::Json(json!({"zaapId": format!("zaap-{id}"), "messageId": id, "id": id}))
            .into_response(),
        Err(status) => (
            StatusCode::from_u16(status).unwrap(),
            axum::Json(json!({"error": "phone not on WhatsApp"})),
        )
            .into_response(),
    }
}
