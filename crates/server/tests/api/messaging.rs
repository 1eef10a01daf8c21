//! Messaging end to end, on both stores: verified webhooks from each provider, an intake
//! that stores once, a worker that answers once through the provider's real wire format,
//! statuses that only move forward, takeover, the 24-hour window, test sends, live events.

use std::time::Duration;

use frontdesk_channels::signature::twilio_signature;
use hmac::{Hmac, Mac};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::Sha256;

use crate::fake_provider::{FakeProvider, UNREACHABLE};
use crate::helpers::{
    Backend, TestApp, User, expect, spawn_app, spawn_app_with_assistant, spawn_replica,
};

const PUBLIC_URL: &str = "https://frontdesk.test";
const META_SECRET: &str = "meta-app-secret";
const PHONE_NUMBER_ID: &str = "106540352242922";

macro_rules! messaging_tests {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Setup::new($crate::helpers::Backend::Sqlite, true).await).await; })*
        }
        mod postgres {
            $(#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $test() { super::$test(super::Setup::new($crate::helpers::Backend::Postgres, true).await).await; })*
        }
    };
}

messaging_tests!(
    credentials_go_in_and_never_come_out,
    twilio_messages_are_verified_stored_once_and_answered_once,
    meta_batches_route_by_number_and_statuses_only_move_forward,
    dialog360_and_zapi_prove_themselves_with_their_secrets,
    takeover_silences_the_assistant_until_released,
    outside_the_window_only_templates_go_out,
    provider_failures_retry_or_fail_with_the_providers_words,
    the_inbox_streams_live_events,
    reminders_go_out_once_as_the_approved_template,
    conversations_are_found_by_the_contacts_phone,
);

pub(crate) struct Setup {
    pub app: TestApp,
    pub fake: FakeProvider,
    pub owner: User,
}

impl Setup {
    /// Answered by the plain acknowledgement: these stories test the plumbing (intake,
    /// turns, sends, statuses), not what the assistant says; `tests/api/assistant.rs` does.
    pub(crate) async fn new(backend: Backend, workers: bool) -> Setup {
        let plain = std::sync::Arc::new(frontdesk::messaging::assistant::Acknowledgement);
        Self::with(backend, workers, Some(plain)).await
    }

    /// With another assistant answering the turns.
    pub(crate) async fn with(
        backend: Backend,
        workers: bool,
        assistant: Option<std::sync::Arc<dyn frontdesk::messaging::assistant::Assistant>>,
    ) -> Setup {
        let fake = FakeProvider::start().await;
        let mut env: Vec<(String, String)> = fake.env();
        env.push(("FRONTDESK_PUBLIC_URL".into(), PUBLIC_URL.into()));
        env.push(("FRONTDESK_META_APP_SECRET".into(), META_SECRET.into()));
        env.push(("FRONTDESK_META_VERIFY_TOKEN".into(), "verify-me".into()));
        if !workers {
            env.push(("FRONTDESK_WORKERS".into(), "0".into()));
        }
        let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let app = match assistant {
            Some(a) => spawn_app_with_assistant(backend, &env, a).await,
            None => spawn_app(backend, &env).await,
        };
        let owner = app.signup("owner@msg.test", "msg").await;
        Setup { app, fake, owner }
    }

    /// The test clinic's id.
    pub(crate) async fn clinic_id(&self) -> frontdesk_domain::ClinicId {
        let slug = frontdesk_domain::Slug::parse("s", "msg").unwrap();
        let clinic = self.app.state.store.clinic_by_slug_unscoped(&slug).await;
        clinic.unwrap().unwrap().id
    }

    pub(crate) async fn channel(&self, body: Value) -> Value {
        self.app
            .post_ok(
                "/api/v1/clinics/msg/channels",
                Some(&self.owner.access),
                body,
                StatusCode::CREATED,
            )
            .await
    }

    pub(crate) async fn twilio_channel(&self) -> String {
        let c = self
            .channel(
                json!({"kind": "twilio", "name": "WhatsApp", "address": "+351 21 000 0001",
                "credentials": {"account_sid": "AC123", "auth_token": "twilio-token"},
                "settings": {"debounce_ms": 0, "test_allowlist": ["+351910000099"]}}),
            )
            .await;
        c["id"].as_str().unwrap().to_string()
    }

    /// Posts a Twilio webhook signed over the configured public URL.
    pub(crate) async fn twilio_post(
        &self,
        path: &str,
        params: &[(&str, &str)],
        token: &str,
    ) -> reqwest::Response {
        let owned: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let signature = twilio_signature(token, &format!("{PUBLIC_URL}{path}"), &owned);
        self.app
            .client
            .post(format!("{}{path}", self.app.base))
            .header("X-Twilio-Signature", signature)
            .form(&owned)
            .send()
            .await
            .unwrap()
    }

    pub(crate) async fn inbound(&self, channel: &str, from: &str, id: &str, body: &str) -> u16 {
        let path = format!("/webhooks/twilio/{channel}");
        self.twilio_post(
            &path,
            &[
                ("MessageSid", id),
                ("From", &format!("whatsapp:{from}")),
                ("To", "whatsapp:+351210000001"),
                ("Body", body),
                ("NumMedia", "0"),
                ("ProfileName", "Ana"),
            ],
            "twilio-token",
        )
        .await
        .status()
        .as_u16()
    }

    pub(crate) async fn conversations(&self, query: &str) -> Vec<Value> {
        let page = self
            .app
            .get_ok(
                &format!("/api/v1/clinics/msg/conversations{query}"),
                Some(&self.owner.access),
                StatusCode::OK,
            )
            .await;
        page["items"].as_array().unwrap().clone()
    }

    pub(crate) async fn messages(&self, conversation: &str) -> Vec<Value> {
        let page = self
            .app
            .get_ok(
                &format!("/api/v1/clinics/msg/conversations/{conversation}/messages?limit=200"),
                Some(&self.owner.access),
                StatusCode::OK,
            )
            .await;
        page["items"].as_array().unwrap().clone()
    }

    /// Waits until `check` holds on the conversation's messages.
    async fn messages_until(
        &self,
        conversation: &str,
        check: impl Fn(&[Value]) -> bool,
    ) -> Vec<Value> {
        for _ in 0..300 {
            let m = self.messages(conversation).await;
            if check(&m) {
                return m;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!(
            "messages never got there: {:?}",
            self.messages(conversation).await
        )
    }
}

/// `?phone=` finds the conversations whose contact is that number (exactly, in E.164, written
/// any way with the country code), alone or with the other filters; a number that is not
/// one is a 422 naming the field.
async fn conversations_are_found_by_the_contacts_phone(s: Setup) {
    let channel = s.twilio_channel().await;
    for (from, id) in [
        ("+351910000001", "SMphone1"),
        ("+351910000002", "SMphone2"),
        ("+3519100000011", "SMphone3"),
    ] {
        assert_eq!(s.inbound(&channel, from, id, "Olá").await, 200);
    }
    let contacts = |items: Vec<Value>| -> Vec<String> {
        items
            .iter()
            .map(|c| c["contact"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(s.conversations("").await.len(), 3);
    for query in [
        "?phone=%2B351910000001",
        "?phone=%2B351%2091%20000%200001",
        "?phone=%2B351-91-000-0001&status=open",
        &format!("?phone=%2B351910000001&channel_id={channel}&limit=1"),
    ] {
        assert_eq!(
            contacts(s.conversations(query).await),
            ["+351910000001"],
            "{query}"
        );
    }
    // Exact: neither a prefix nor a longer number that starts with it.
    assert!(s.conversations("?phone=%2B35191000000").await.is_empty());
    assert!(s.conversations("?phone=%2B351910000009").await.is_empty());
    assert!(
        s.conversations("?phone=%2B351910000001&status=closed")
            .await
            .is_empty()
    );
    for bad in ["910000001", "%2B351abc", "%2B0123456789", "%2B12"] {
        let problem = s
            .app
            .get_ok(
                &format!("/api/v1/clinics/msg/conversations?phone={bad}"),
                Some(&s.owner.access),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        assert_eq!(problem["errors"][0]["field"], "phone", "{bad}: {problem}");
    }
}

fn meta_signature(body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(META_SECRET.as_bytes()).unwrap();
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

async fn credentials_go_in_and_never_come_out(s: Setup) {
    let created = s
        .channel(
            json!({"kind": "twilio", "name": "WhatsApp", "address": "+351210000001",
            "credentials": {"account_sid": "AC123", "auth_token": "twilio-token"}}),
        )
        .await;
    let text = created.to_string();
    assert!(
        !text.contains("twilio-token") && !text.contains("AC123"),
        "{text}"
    );
    assert_eq!(
        created["credentials_set"],
        json!(["account_sid", "auth_token"])
    );
    assert_eq!(created["credentials_key"], "s0");
    let id = created["id"].as_str().unwrap();
    assert_eq!(
        created["webhook_url"],
        format!("{PUBLIC_URL}/webhooks/twilio/{id}")
    );
    // At rest: sealed.
    let stored = s
        .app
        .state
        .store
        .channels(s.clinic_id().await)
        .await
        .unwrap();
    assert!(stored[0].record.credentials.starts_with("fd1:s0:"));
    assert!(!stored[0].record.credentials.contains("twilio-token"));
    // A rename keeps the credentials: the webhook still verifies.
    let renamed = s
        .app
        .call(
            Method::PATCH,
            &format!("/api/v1/clinics/msg/channels/{id}"),
            Some(&s.owner.access),
            Some(json!({"name": "Reception"})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(renamed["name"], "Reception");
    assert_eq!(
        renamed["credentials_set"],
        json!(["account_sid", "auth_token"])
    );
    assert_eq!(s.inbound(id, "+905321234567", "SMrename", "hi").await, 200);
    // Each provider names what it needs; what it does not use is refused.
    let missing = s
        .app
        .post_ok(
            "/api/v1/clinics/msg/channels",
            Some(&s.owner.access),
            json!({"kind": "zapi", "name": "Z", "address": "+5511999990000",
                "credentials": {"instance_token": "t", "access_token": "x"}}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    let fields: Vec<&str> = missing["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    for f in [
        "credentials.client_token",
        "credentials.webhook_secret",
        "credentials.access_token",
        "settings.instance_id",
    ] {
        assert!(fields.contains(&f), "{f} not named: {missing}");
    }
    // A Meta number belongs to one channel, across clinics.
    let meta = json!({"kind": "meta", "name": "Cloud", "address": "+351210000002",
        "credentials": {"access_token": "meta-token"}, "settings": {"phone_number_id": PHONE_NUMBER_ID}});
    s.channel(meta.clone()).await;
    let other = s.app.signup("owner@other.test", "other").await;
    s.app
        .post_ok(
            "/api/v1/clinics/other/channels",
            Some(&other.access),
            meta,
            StatusCode::CONFLICT,
        )
        .await;
    // Staff may use the inbox but not see channels.
    let staff = s.app.join(&s.owner, "msg", "staff@msg.test", "staff").await;
    s.app
        .get_ok(
            "/api/v1/clinics/msg/channels",
            Some(&staff.access),
            StatusCode::FORBIDDEN,
        )
        .await;
    s.app
        .get_ok(
            "/api/v1/clinics/msg/conversations",
            Some(&staff.access),
            StatusCode::OK,
        )
        .await;
}

async fn twilio_messages_are_verified_stored_once_and_answered_once(s: Setup) {
    let channel = s.twilio_channel().await;
    assert_eq!(
        s.inbound(&channel, "+905321234567", "SM1", "Merhaba").await,
        200
    );
    // Redelivered: accepted, nothing new.
    assert_eq!(
        s.inbound(&channel, "+905321234567", "SM1", "Merhaba").await,
        200
    );
    let path = format!("/webhooks/twilio/{channel}");
    // A wrong token, no signature, or a URL built from the Host header: refused, not stored.
    let forged = s
        .twilio_post(
            &path,
            &[
                ("MessageSid", "SM2"),
                ("From", "whatsapp:+905321234567"),
                ("Body", "x"),
            ],
            "wrong",
        )
        .await;
    let problem = expect(forged, StatusCode::FORBIDDEN).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("X-Twilio-Signature")
    );
    let unsigned = s
        .app
        .client
        .post(format!("{}{path}", s.app.base))
        .form(&[
            ("MessageSid", "SM3"),
            ("From", "whatsapp:+905321234567"),
            ("Body", "x"),
        ])
        .send()
        .await
        .unwrap();
    expect(unsigned, StatusCode::FORBIDDEN).await;
    let params = vec![
        ("MessageSid".to_string(), "SM4".to_string()),
        ("From".to_string(), "whatsapp:+905321234567".to_string()),
        ("Body".to_string(), "x".to_string()),
    ];
    let host_signed = twilio_signature("twilio-token", &format!("{}{path}", s.app.base), &params);
    let res = s
        .app
        .client
        .post(format!("{}{path}", s.app.base))
        .header("X-Twilio-Signature", host_signed)
        .form(&params)
        .send()
        .await
        .unwrap();
    expect(res, StatusCode::FORBIDDEN).await;
    // Signed but not a message: 400.
    let res = s
        .twilio_post(&path, &[("From", "whatsapp:+905321234567")], "twilio-token")
        .await;
    expect(res, StatusCode::BAD_REQUEST).await;
    // One answer, in the clinic's language (Turkish), through Twilio's Messages API.
    let sent = s.fake.wait_for(1, 10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(s.fake.sent().len(), 1, "{:?}", s.fake.sent());
    assert_eq!(sent[0].provider, "twilio");
    assert_eq!(sent[0].to, "+905321234567");
    assert!(sent[0].text.contains("teşekkürler"), "{}", sent[0].text);
    let conversations = s.conversations("").await;
    assert_eq!(conversations.len(), 1);
    let c = &conversations[0];
    assert_eq!(c["contact"], "+905321234567");
    assert_eq!(c["contact_name"], "Ana");
    assert!(
        c["patient_id"].is_string(),
        "a lead patient is created: {c}"
    );
    let conversation = c["id"].as_str().unwrap();
    let messages = s
        .messages_until(conversation, |m| m.len() == 2 && m[0]["status"] == "sent")
        .await;
    assert_eq!(messages[1]["status"], "handled");
    assert_eq!(messages[0]["provider_message_id"], sent[0].id.as_str());
    assert_eq!(messages[0]["turn"], messages[1]["id"]);
    // Status callbacks, out of order and repeated: the highest wins.
    let status_path = format!("/webhooks/twilio/{channel}/status");
    for status in ["read", "delivered", "sent", "read"] {
        let res = s
            .twilio_post(
                &status_path,
                &[
                    ("MessageSid", &sent[0].id),
                    ("MessageStatus", status),
                    ("To", "whatsapp:+905321234567"),
                ],
                "twilio-token",
            )
            .await;
        assert_eq!(res.status(), 200);
    }
    let messages = s.messages(conversation).await;
    assert_eq!(messages[0]["status"], "read");
}

async fn meta_batches_route_by_number_and_statuses_only_move_forward(s: Setup) {
    s.channel(
        json!({"kind": "meta", "name": "Cloud", "address": "+351210000002",
        "credentials": {"access_token": "meta-token"},
        "settings": {"phone_number_id": PHONE_NUMBER_ID, "debounce_ms": 0}}),
    )
    .await;
    // The verification handshake.
    let ok = s
        .app
        .client
        .get(format!(
            "{}/webhooks/meta?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444",
            s.app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.text().await.unwrap(), "1158201444");
    let bad = s
        .app
        .client
        .get(format!(
            "{}/webhooks/meta?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1",
            s.app.base
        ))
        .send()
        .await
        .unwrap();
    expect(bad, StatusCode::FORBIDDEN).await;
    // A batch of two patients writing, Meta's escaping of non-ASCII kept in the signed bytes.
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"351210000002","phone_number_id":"{PHONE_NUMBER_ID}"}},"contacts":[{{"profile":{{"name":"Jo\u00e3o"}},"wa_id":"351910000001"}}],"messages":[{{"from":"351910000001","id":"wamid.A","timestamp":"1760000000","type":"text","text":{{"body":"Ol\u00e1"}}}},{{"from":"351910000002","id":"wamid.B","timestamp":"1760000001","type":"location","location":{{"latitude":38.7,"longitude":-9.1,"name":"Casa"}}}}]}}}}]}}]}}"#
    );
    let post = |body: String, signature: Option<String>| {
        let mut req = s
            .app
            .client
            .post(format!("{}/webhooks/meta", s.app.base))
            .header("content-type", "application/json")
            .body(body);
        if let Some(sig) = signature {
            req = req.header("X-Hub-Signature-256", sig);
        }
        req.send()
    };
    expect(
        post(body.clone(), None).await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    let reserialized = body.replace("\\u00e3", "ã");
    expect(
        post(reserialized.clone(), Some(meta_signature(body.as_bytes())))
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    assert!(
        s.conversations("").await.is_empty(),
        "nothing stored from refused calls"
    );
    let res = post(body.clone(), Some(meta_signature(body.as_bytes())))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let res = post(body.clone(), Some(meta_signature(body.as_bytes())))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let sent = s.fake.wait_for(2, 10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(s.fake.sent().len(), 2);
    let mut to: Vec<&str> = sent.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["+351910000001", "+351910000002"]);
    assert!(sent.iter().all(|m| m.provider == "meta"));
    let conversations = s.conversations("").await;
    let joao = conversations
        .iter()
        .find(|c| c["contact"] == "+351910000001")
        .unwrap();
    assert_eq!(joao["contact_name"], "João");
    let located = conversations
        .iter()
        .find(|c| c["contact"] == "+351910000002")
        .unwrap();
    let messages = s
        .messages_until(located["id"].as_str().unwrap(), |m| {
            m.len() == 2 && m[0]["status"] == "sent"
        })
        .await;
    assert_eq!(messages[1]["content"]["type"], "location");
    assert_eq!(messages[1]["preview"], "[location] Casa");
    // Statuses in one notification, failed last: failed is final.
    let wamid = messages[0]["provider_message_id"].as_str().unwrap();
    let statuses = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"351210000002","phone_number_id":"{PHONE_NUMBER_ID}"}},"statuses":[{{"id":"{wamid}","status":"delivered","timestamp":"1760000100","recipient_id":"351910000002"}},{{"id":"{wamid}","status":"failed","timestamp":"1760000101","recipient_id":"351910000002","errors":[{{"code":131047,"title":"Re-engagement message"}}]}},{{"id":"{wamid}","status":"read","timestamp":"1760000102","recipient_id":"351910000002"}}]}}}}]}}]}}"#
    );
    let res = post(statuses.clone(), Some(meta_signature(statuses.as_bytes())))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let messages = s.messages(located["id"].as_str().unwrap()).await;
    assert_eq!(messages[0]["status"], "failed");
    assert!(messages[0]["error"].as_str().unwrap().contains("131047"));
    // A number no channel has is acknowledged (Meta would retry for days) and dropped.
    let stray = body
        .replace(PHONE_NUMBER_ID, "999")
        .replace("wamid.A", "wamid.C")
        .replace("wamid.B", "wamid.D");
    let res = post(stray.clone(), Some(meta_signature(stray.as_bytes())))
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(s.conversations("").await.len(), 2);
}

async fn dialog360_and_zapi_prove_themselves_with_their_secrets(s: Setup) {
    let d360 = s
        .channel(
            json!({"kind": "dialog360", "name": "360", "address": "+5511999990001",
            "credentials": {"api_key": "d360-key", "webhook_secret": "d360-secret"},
            "settings": {"debounce_ms": 0}}),
        )
        .await;
    let zapi = s
        .channel(json!({"kind": "zapi", "name": "Z", "address": "+5511999990002",
            "credentials": {"instance_token": "zapi-token", "client_token": "zapi-client", "webhook_secret": "zapi-secret"},
            "settings": {"instance_id": "ZINSTANCE", "debounce_ms": 0}}))
        .await;
    assert_eq!(
        zapi["webhook_url"],
        format!(
            "{PUBLIC_URL}/webhooks/zapi/{}?token=<webhook_secret>",
            zapi["id"].as_str().unwrap()
        )
    );
    let d360_path = format!(
        "{}/webhooks/360dialog/{}",
        s.app.base,
        d360["id"].as_str().unwrap()
    );
    let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"5511999990001","phone_number_id":"1"},"messages":[{"from":"5511988880001","id":"wamid.360","timestamp":"1760000000","type":"interactive","interactive":{"type":"button_reply","button_reply":{"id":"confirm","title":"Confirmar"}}}]}}]}]}"#;
    let send = |secret: &str| {
        s.app
            .client
            .post(&d360_path)
            .header("X-Webhook-Secret", secret.to_string())
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    expect(send("wrong").await.unwrap(), StatusCode::FORBIDDEN).await;
    assert_eq!(send("d360-secret").await.unwrap().status(), 200);
    let zapi_path = format!(
        "{}/webhooks/zapi/{}",
        s.app.base,
        zapi["id"].as_str().unwrap()
    );
    let zbody = r#"{"type":"ReceivedCallback","instanceId":"ZINSTANCE","messageId":"Z1","phone":"5511988880002","fromMe":false,"momment":1760000000000,"senderName":"Bia","text":{"message":"Oi, quero marcar"}}"#;
    let zsend = |query: &str, body: &'static str| {
        s.app
            .client
            .post(format!("{zapi_path}{query}"))
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    expect(
        zsend("?token=nope", zbody).await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    expect(zsend("", zbody).await.unwrap(), StatusCode::FORBIDDEN).await;
    let other_instance = r#"{"type":"ReceivedCallback","instanceId":"OTHER","messageId":"Z2","phone":"5511988880002","text":{"message":"x"}}"#;
    expect(
        zsend("?token=zapi-secret", other_instance).await.unwrap(),
        StatusCode::FORBIDDEN,
    )
    .await;
    expect(
        zsend("?token=zapi-secret", "{not json").await.unwrap(),
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(
        zsend("?token=zapi-secret", zbody).await.unwrap().status(),
        200
    );
    let sent = s.fake.wait_for(2, 10).await;
    let by = |p: &str| sent.iter().find(|m| m.provider == p).cloned().unwrap();
    assert_eq!(by("dialog360").to, "+5511988880001");
    assert_eq!(by("zapi").to, "+5511988880002");
    // The clinic writes in Turkish by default; the ack follows the clinic's language.
    assert!(by("zapi").text.contains("teşekkürler"));
    let conversations = s.conversations("").await;
    assert_eq!(conversations.len(), 2);
    let z = conversations
        .iter()
        .find(|c| c["contact"] == "+5511988880002")
        .unwrap();
    let messages = s.messages(z["id"].as_str().unwrap()).await;
    assert_eq!(messages.last().unwrap()["preview"], "Oi, quero marcar");
    // Z-API's status callback moves our message on.
    let zid = by("zapi").id;
    let status = format!(
        r#"{{"type":"MessageStatusCallback","instanceId":"ZINSTANCE","status":"READ","ids":["{zid}"],"momment":1760000001000,"phone":"5511988880002"}}"#
    );
    let res = s
        .app
        .client
        .post(format!("{zapi_path}?token=zapi-secret"))
        .header("content-type", "application/json")
        .body(status)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let messages = s
        .messages_until(z["id"].as_str().unwrap(), |m| m[0]["status"] == "read")
        .await;
    assert_eq!(messages[0]["author"], "assistant");
}

async fn takeover_silences_the_assistant_until_released(s: Setup) {
    let channel = s.twilio_channel().await;
    assert_eq!(s.inbound(&channel, "+351910000001", "T1", "Olá").await, 200);
    s.fake.wait_for(1, 10).await;
    let conversation = s.conversations("").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let base = format!("/api/v1/clinics/msg/conversations/{conversation}");
    let staff = s.app.join(&s.owner, "msg", "recep@msg.test", "staff").await;
    let held = s
        .app
        .post_ok(
            &format!("{base}/takeover"),
            Some(&staff.access),
            json!({"minutes": 10}),
            StatusCode::OK,
        )
        .await;
    assert_eq!(held["taken_over_by"], staff.account_id.as_str());
    assert_eq!(
        s.inbound(&channel, "+351910000001", "T2", "Ainda aí?")
            .await,
        200
    );
    // The turn runs but stays silent; staff answer.
    s.messages_until(&conversation, |m| m[0]["status"] == "handled")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(s.fake.sent().len(), 1);
    let reply = s
        .app
        .post_ok(
            &format!("{base}/messages"),
            Some(&staff.access),
            json!({"text": "Sim, a Ana aqui."}),
            StatusCode::ACCEPTED,
        )
        .await;
    assert_eq!(reply["author"], "staff");
    assert_eq!(reply["author_account"], staff.account_id.as_str());
    let sent = s.fake.wait_for(2, 10).await;
    assert_eq!(sent[1].text, "Sim, a Ana aqui.");
    // Handed back: the assistant answers again.
    s.app
        .call(
            Method::POST,
            &format!("{base}/release"),
            Some(&staff.access),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(
        s.inbound(&channel, "+351910000001", "T3", "Obrigado").await,
        200
    );
    s.fake.wait_for(3, 10).await;
    // Asking for a person flags the conversation for the inbox.
    assert_eq!(
        s.inbound(
            &channel,
            "+351910000001",
            "T4",
            "quero falar com um atendente"
        )
        .await,
        200
    );
    s.fake.wait_for(4, 10).await;
    let waiting = s.conversations("?needs_human=true").await;
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0]["human_reason"], "the patient asked for a person");
    assert!(s.conversations("?needs_human=false").await.is_empty());
    // Unread until read.
    assert_eq!(s.conversations("?unread=true").await.len(), 1);
    s.app
        .call(
            Method::POST,
            &format!("{base}/read"),
            Some(&staff.access),
            None,
            StatusCode::OK,
        )
        .await;
    assert!(s.conversations("?unread=true").await.is_empty());
    // Closed until the patient writes again; closing also clears the call for a person.
    let closed = s
        .app
        .call(
            Method::POST,
            &format!("{base}/close"),
            Some(&staff.access),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(closed["status"], "closed");
    assert!(!closed["needs_human"].as_bool().unwrap());
    assert_eq!(s.conversations("?status=closed").await.len(), 1);
    assert!(s.conversations("?status=open").await.is_empty());
    assert_eq!(
        s.inbound(&channel, "+351910000001", "T4b", "Mais uma coisa")
            .await,
        200
    );
    assert_eq!(s.conversations("?status=open").await.len(), 1);
    s.fake.wait_for(5, 10).await;
    // A takeover ends by itself: one taken for a minute is over a minute later.
    let c = s
        .app
        .state
        .store
        .conversation(
            s.clinic_id().await,
            frontdesk_domain::ConversationId::from_uuid(conversation.parse().unwrap()),
        )
        .await
        .unwrap();
    assert!(!c.taken_over_at(chrono::Utc::now()));
    let held = s
        .app
        .post_ok(
            &format!("{base}/takeover"),
            Some(&staff.access),
            json!({"minutes": 1}),
            StatusCode::OK,
        )
        .await;
    let until: chrono::DateTime<chrono::Utc> =
        held["taken_over_until"].as_str().unwrap().parse().unwrap();
    assert!(until > chrono::Utc::now() + chrono::Duration::seconds(50));
    assert!(until < chrono::Utc::now() + chrono::Duration::seconds(61));
    // Once that time has passed (moved into the past here), the assistant answers again
    // although nobody released the conversation.
    let id = frontdesk_domain::ConversationId::from_uuid(conversation.parse().unwrap());
    let staff_id = frontdesk_domain::AccountId::from_uuid(staff.account_id.parse().unwrap());
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    s.app
        .state
        .store
        .set_takeover(
            s.clinic_id().await,
            id,
            Some((staff_id, past)),
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let before = s.fake.sent().len();
    assert_eq!(
        s.inbound(&channel, "+351910000001", "T5", "Olá de novo")
            .await,
        200
    );
    let sent = s.fake.wait_for(before + 1, 10).await;
    assert_eq!(sent[before].to, "+351910000001");
    s.app
        .post_ok(
            &format!("{base}/takeover"),
            Some(&staff.access),
            json!({"minutes": 0}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
}

async fn outside_the_window_only_templates_go_out(s: Setup) {
    let channel = s.twilio_channel().await;
    let base = format!("/api/v1/clinics/msg/channels/{channel}");
    s.app
        .post_ok(&format!("{base}/templates"), Some(&s.owner.access),
            json!({"name": "appointment_reminder", "language": "pt_BR", "body": "Olá {{1}}, lembrete: {{2}}.", "provider_ref": "HX42", "approved": true}),
            StatusCode::OK)
        .await;
    s.app
        .post_ok(
            &format!("{base}/templates"),
            Some(&s.owner.access),
            json!({"name": "draft", "language": "en", "body": "Hi {{2}}"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    // Staff answer the inbox: they read the approved templates, and cannot change them.
    let desk = s
        .app
        .join(&s.owner, "msg", "desk@msg.example", "staff")
        .await;
    let templates = s
        .app
        .get_ok(
            &format!("{base}/templates"),
            Some(&desk.access),
            StatusCode::OK,
        )
        .await;
    assert_eq!(templates[0]["name"], "appointment_reminder", "{templates}");
    s.app
        .post_ok(
            &format!("{base}/templates"),
            Some(&desk.access),
            json!({"name": "mine", "language": "en", "body": "Hi {{1}}", "approved": true}),
            StatusCode::FORBIDDEN,
        )
        .await;
    // Nobody wrote from this number: free text is refused with the reason.
    let refused = s
        .app
        .post_ok(
            &format!("{base}/test-send"),
            Some(&s.owner.access),
            json!({"to": "+351910000099", "text": "Olá"}),
            StatusCode::CONFLICT,
        )
        .await;
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("24-hour window")
    );
    let template = json!({"name": "appointment_reminder", "language": "pt_BR", "variables": ["Ana", "amanhã 10:00"]});
    let ok = s
        .app
        .post_ok(
            &format!("{base}/test-send"),
            Some(&s.owner.access),
            json!({"to": "+351 910 000 099", "template": template}),
            StatusCode::ACCEPTED,
        )
        .await;
    assert_eq!(ok["message"]["preview"], "Olá Ana, lembrete: amanhã 10:00.");
    let sent = s.fake.wait_for(1, 10).await;
    assert_eq!(sent[0].template.as_deref(), Some("HX42"));
    assert_eq!(sent[0].text, r#"{"1":"Ana","2":"amanhã 10:00"}"#);
    // Wrong variable count, unknown template: named.
    s.app
        .post_ok(&format!("{base}/test-send"), Some(&s.owner.access),
            json!({"to": "+351910000099", "template": {"name": "appointment_reminder", "language": "pt_BR", "variables": ["Ana"]}}),
            StatusCode::UNPROCESSABLE_ENTITY)
        .await;
    // Not on the allowlist.
    s.app
        .post_ok(
            &format!("{base}/test-send"),
            Some(&s.owner.access),
            json!({"to": "+351910000098", "template": template}),
            StatusCode::FORBIDDEN,
        )
        .await;
    // Three a minute per clinic.
    for _ in 0..2 {
        s.app
            .post_ok(
                &format!("{base}/test-send"),
                Some(&s.owner.access),
                json!({"to": "+351910000099", "template": template}),
                StatusCode::ACCEPTED,
            )
            .await;
    }
    s.app
        .post_ok(
            &format!("{base}/test-send"),
            Some(&s.owner.access),
            json!({"to": "+351910000099", "template": template}),
            StatusCode::TOO_MANY_REQUESTS,
        )
        .await;
    let log = s
        .app
        .get_ok(
            "/api/v1/clinics/msg/test-sends",
            Some(&s.owner.access),
            StatusCode::OK,
        )
        .await;
    let outcomes: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(
        outcomes,
        [
            "refused_rate_limited",
            "sent",
            "sent",
            "refused_not_allowlisted",
            "refused_invalid_message",
            "sent",
            "refused_invalid_message"
        ]
    );
    assert!(log[0]["account_id"].as_str() == Some(s.owner.account_id.as_str()));
    // Inside the window (the patient wrote), staff free text goes out.
    assert_eq!(s.inbound(&channel, "+351910000099", "W1", "Oi").await, 200);
    let c = s.conversations("").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    s.app
        .post_ok(
            &format!("/api/v1/clinics/msg/conversations/{c}/messages"),
            Some(&s.owner.access),
            json!({"text": "Claro!"}),
            StatusCode::ACCEPTED,
        )
        .await;
    s.app
        .post_ok(
            &format!("/api/v1/clinics/msg/conversations/{c}/messages"),
            Some(&s.owner.access),
            json!({"text": "a", "template": template}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
}

async fn provider_failures_retry_or_fail_with_the_providers_words(s: Setup) {
    let channel = s.twilio_channel().await;
    // Rate limited once: sent on the retry (after the queue's 5 s backoff).
    s.fake.fail_next(&[429]);
    assert_eq!(s.inbound(&channel, "+351910000001", "R1", "Olá").await, 200);
    s.fake.wait_for(1, 15).await;
    let c = s.conversations("").await[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let m = s.messages_until(&c, |m| m[0]["status"] == "sent").await;
    assert_eq!(m[0]["error"], Value::Null);
    // A number the provider refuses: failed, with the provider's own words, not retried.
    assert_eq!(s.inbound(&channel, UNREACHABLE, "R2", "Olá").await, 200);
    let c = s
        .conversations("")
        .await
        .into_iter()
        .find(|c| c["contact"] == UNREACHABLE)
        .unwrap();
    let m = s
        .messages_until(c["id"].as_str().unwrap(), |m| m[0]["status"] == "failed")
        .await;
    let error = m[0]["error"].as_str().unwrap();
    assert!(
        error.contains("HTTP 400") && error.contains("21211"),
        "{error}"
    );
    assert_eq!(s.fake.sent().len(), 1);
}

async fn the_inbox_streams_live_events(s: Setup) {
    let channel = s.twilio_channel().await;
    let mut stream = s
        .app
        .client
        .get(format!("{}/api/v1/clinics/msg/inbox/events", s.app.base))
        .bearer_auth(&s.owner.access)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(
        stream.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    // Another clinic's events never reach this stream.
    let other = s.app.signup("owner@elsewhere.test", "elsewhere").await;
    let mut other_stream = s
        .app
        .client
        .get(format!(
            "{}/api/v1/clinics/elsewhere/inbox/events",
            s.app.base
        ))
        .bearer_auth(&other.access)
        .send()
        .await
        .unwrap();
    assert_eq!(
        s.inbound(&channel, "+351910000001", "E1", "Olá ao vivo")
            .await,
        200
    );
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !(seen.contains("Olá ao vivo") && seen.contains("outbound:assistant")) {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("events arrive")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(seen.contains("event: message"), "{seen}");
    assert!(
        seen.starts_with("event: ready"),
        "the stream says first that it listens: {seen}"
    );
    let quiet = tokio::time::timeout(Duration::from_millis(300), other_stream.chunk()).await;
    if let Ok(Ok(Some(chunk))) = quiet {
        assert!(
            !String::from_utf8_lossy(&chunk).contains("Olá"),
            "leaked across clinics"
        );
    }
}

/// Sweeps at `due`: one reminder falls due, a second sweep finds none, and its job is claimed.
async fn sweep_one_reminder(
    store: &dyn frontdesk_store::Store,
    due: chrono::DateTime<chrono::Utc>,
) -> frontdesk_store::Job {
    let swept = frontdesk::sweeper::sweep_once(store, due).await.unwrap();
    assert_eq!(swept.reminders_due, 1);
    let again = frontdesk::sweeper::sweep_once(store, due).await.unwrap();
    assert_eq!(again.reminders_due, 0, "swept once");
    store
        .claim("test", 10, chrono::Duration::seconds(30), due)
        .await
        .unwrap()
        .into_iter()
        .find(|j| j.kind == "reminder")
        .expect("a reminder job")
}

/// Queues the reminder `job` asks for, as the worker would.
async fn queue_reminder(
    store: &dyn frontdesk_store::Store,
    s: &Setup,
    job: &frontdesk_store::Job,
) -> frontdesk::jobs::reminder::ReminderOutcome {
    frontdesk::jobs::reminder::queue_reminder(store, &s.app.state.messaging, job)
        .await
        .unwrap()
}

async fn reminders_go_out_once_as_the_approved_template(s: Setup) {
    use chrono::{Duration as Span, Utc};
    use frontdesk_domain::scheduling::{
        Actor, PatientDetails, PractitionerDetails, ServiceDetails,
    };
    use frontdesk_domain::{PatientId, PractitionerId, ServiceId};
    let channel = s.twilio_channel().await;
    s.app
        .post_ok(
            &format!("/api/v1/clinics/msg/channels/{channel}/templates"),
            Some(&s.owner.access),
            json!({"name": "appointment_reminder", "language": "tr", "provider_ref": "HXrem", "approved": true,
                "body": "Merhaba {{1}}, {{2}} randevunuzu hatırlatırız ({{3}})."}),
            StatusCode::OK,
        )
        .await;
    let store = &s.app.state.store;
    let clinic = s.clinic_id().await;
    let practitioner = PractitionerId::new();
    let details: PractitionerDetails = serde_json::from_value(json!({"name": "Dr. Ece"})).unwrap();
    store
        .create_practitioner(clinic, practitioner, &details)
        .await
        .unwrap();
    let service = ServiceId::new();
    let details: ServiceDetails = serde_json::from_value(
        json!({"name": {"tr": "Diş taşı temizliği"}, "duration_minutes": 30, "practitioner_ids": [practitioner]}),
    )
    .unwrap();
    store
        .create_service(clinic, service, &details)
        .await
        .unwrap();
    let patient = PatientId::new();
    let details: PatientDetails =
        serde_json::from_value(json!({"name": "Ayşe", "phone": "+905321112233"})).unwrap();
    store
        .create_patient(clinic, patient, &details, Utc::now())
        .await
        .unwrap();
    let starts = Utc::now() + Span::hours(3);
    let booked = store
        .book(
            clinic,
            &frontdesk_store::testing::appointment(service, practitioner, patient, starts, 30),
            Utc::now(),
        )
        .await
        .unwrap();
    // The two-hour reminder falls due in an hour; the sweep then queues its job, once.
    let due = Utc::now() + Span::minutes(61);
    let job = sweep_one_reminder(&**store, due).await;
    assert_eq!(
        job.payload["appointment_id"],
        json!(booked.appointment.id.as_uuid())
    );
    // Run twice (a crash after queuing): one message.
    let outcome = queue_reminder(&**store, &s, &job).await;
    assert!(matches!(
        outcome,
        frontdesk::jobs::reminder::ReminderOutcome::Queued(_)
    ));
    let again = queue_reminder(&**store, &s, &job).await;
    assert_eq!(
        again,
        frontdesk::jobs::reminder::ReminderOutcome::AlreadyQueued
    );
    let sent = s.fake.wait_for(1, 10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(s.fake.sent().len(), 1);
    assert_eq!(sent[0].to, "+905321112233");
    assert_eq!(sent[0].template.as_deref(), Some("HXrem"));
    let local = starts
        .with_timezone(&store.clinic(clinic).await.unwrap().profile.time_zone.0)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    assert_eq!(
        sent[0].text,
        json!({"1": "Ayşe", "2": local, "3": "Diş taşı temizliği"}).to_string()
    );
    let c = s.conversations("").await;
    let messages = s.messages(c[0]["id"].as_str().unwrap()).await;
    assert_eq!(messages[0]["author"], "system");
    assert_eq!(messages[0]["template"], "appointment_reminder:tr");
    assert!(
        messages[0]["preview"]
            .as_str()
            .unwrap()
            .starts_with("Merhaba Ayşe")
    );
    // Moved an hour later after its reminder went out: reminded of the new time, once.
    let later = starts + Span::hours(1);
    store
        .reschedule(
            clinic,
            booked.appointment.id,
            &frontdesk_store::Reschedule {
                practitioner_id: practitioner,
                starts_at: later,
                ends_at: later + Span::minutes(30),
                busy_from: later,
                busy_until: later + Span::minutes(30),
            },
            Actor::system(),
            Utc::now(),
        )
        .await
        .unwrap();
    let due = later - Span::minutes(119);
    let job = sweep_one_reminder(&**store, due).await;
    let outcome = queue_reminder(&**store, &s, &job).await;
    assert!(matches!(
        outcome,
        frontdesk::jobs::reminder::ReminderOutcome::Queued(_)
    ));
    let sent = s.fake.wait_for(2, 10).await;
    let local = later
        .with_timezone(&store.clinic(clinic).await.unwrap().profile.time_zone.0)
        .format("%d/%m/%Y %H:%M")
        .to_string();
    assert!(sent[1].text.contains(&local), "{}", sent[1].text);
}

/// On PostgreSQL, a replica's inbox stream hears what another replica took in.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inbox_events_cross_server_processes_on_postgres() {
    let s = Setup::new(Backend::Postgres, true).await;
    let channel = s.twilio_channel().await;
    let env: Vec<(String, String)> = s.fake.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let replica = spawn_replica(&s.app, &env).await;
    let mut stream = replica
        .client
        .get(format!("{}/api/v1/clinics/msg/inbox/events", replica.base))
        .bearer_auth(&s.owner.access)
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    // Give the replica's LISTEN a moment to be in place.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        s.inbound(&channel, "+351910000001", "X1", "Olá de outra réplica")
            .await,
        200
    );
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen.contains("Olá de outra réplica") {
        let chunk = tokio::time::timeout_at(deadline, stream.chunk())
            .await
            .expect("the event crosses processes")
            .unwrap()
            .unwrap();
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    // Heard once, not echoed back by the process that published it.
    tokio::time::sleep(Duration::from_millis(300)).await;
    if let Ok(Ok(Some(more))) =
        tokio::time::timeout(Duration::from_millis(200), stream.chunk()).await
    {
        seen.push_str(&String::from_utf8_lossy(&more));
    }
    assert_eq!(seen.matches("Olá de outra réplica").count(), 1, "{seen}");
}
