//! The web chat over a real WebSocket, on both stores: origin checked, messages stored once
//! and answered through the same pipeline, history on reconnect, a per-connection limit.

use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message as Frame;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

use frontdesk::messaging::assistant::{Assistant, AssistantReply};
use frontdesk_assistant::{Desk, DeskError};
use frontdesk_domain::Clinic;
use frontdesk_store::TurnInput;

use crate::helpers::Backend;
use crate::messaging::Setup;

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_web_chat() {
    web_chat(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_web_chat() {
    web_chat(Backend::Postgres).await;
}

/// Writes its answer in three pieces, as a model streaming tokens would.
struct Streaming;

#[async_trait::async_trait]
impl Assistant for Streaming {
    async fn reply(
        &self,
        _: &Clinic,
        _: &TurnInput,
        _: &dyn Desk,
    ) -> Result<AssistantReply, DeskError> {
        Ok(AssistantReply {
            messages: vec!["Hello there!".into()],
            state: json!({}),
            needs_human: None,
            usage: None,
        })
    }

    async fn reply_streaming(
        &self,
        clinic: &Clinic,
        input: &TurnInput,
        desk: &dyn Desk,
        delta: &(dyn for<'a> Fn(&'a str) + Send + Sync),
    ) -> Result<AssistantReply, DeskError> {
        for piece in ["Hel", "lo ", "there!"] {
            delta(piece);
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.reply(clinic, input, desk).await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_streaming_assistant_streams_into_the_chat() {
    let s = Setup::with(Backend::Sqlite, true, Some(std::sync::Arc::new(Streaming))).await;
    let mut socket = open_chat(&s).await;
    say(&mut socket, "s1", "Hi").await;
    assert_eq!(next(&mut socket).await["type"], "ack");
    let (deltas, stream, last) = streamed_reply(&mut socket).await;
    assert_eq!(deltas, "Hello there!");
    assert_eq!(last["text"], "Hello there!");
    assert_eq!(
        Some(&last["stream"]),
        stream.as_ref(),
        "the final message closes the stream"
    );
    assert!(last["stream"].is_string());
}

/// A clinic on a language model: the model's streamed words reach the chat as they come,
/// then the whole answer as one message.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clinic_model_streams_into_the_chat() {
    use axum::routing::post;
    let model = axum::Router::new().route(
        "/v1/chat/completions",
        post(|| async {
            let mut body = String::new();
            for piece in ["Olá", " de", " volta!"] {
                let chunk = json!({"choices": [{"index": 0, "delta": {"content": piece}}]});
                body.push_str(&format!("data: {chunk}\n\n"));
            }
            body.push_str("data: [DONE]\n\n");
            (
                [(axum::http::header::CONTENT_TYPE, "text/event-stream")],
                body,
            )
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, model).await.unwrap() });
    // Each clinic's own engine answers (not the plain acknowledgement).
    let s = Setup::with(Backend::Sqlite, true, None).await;
    s.app
        .call(
            reqwest::Method::PUT,
            "/api/v1/clinics/msg/assistant",
            Some(&s.owner.access),
            Some(json!({"engine": "openai", "base_url": base, "model": "streamer"})),
            StatusCode::OK,
        )
        .await;
    let mut socket = open_chat(&s).await;
    say(&mut socket, "m1", "Oi").await;
    assert_eq!(next(&mut socket).await["type"], "ack");
    let (deltas, _, last) = streamed_reply(&mut socket).await;
    assert_eq!(deltas, "Olá de volta!");
    assert_eq!(last["text"], "Olá de volta!");
}

/// A web chat without debounce, and a socket past its hello and history.
async fn open_chat(s: &Setup) -> Socket {
    s.channel(
        json!({"kind": "web_chat", "name": "Site", "address": "https://clinic.example",
        "settings": {"allowed_origins": ["https://clinic.example"], "debounce_ms": 0}}),
    )
    .await;
    let mut socket = connect(s, "https://clinic.example", None).await.unwrap();
    next(&mut socket).await;
    next(&mut socket).await;
    socket
}

/// The deltas of a streamed answer (all of one stream), the stream's id, and the final
/// message.
async fn streamed_reply(socket: &mut Socket) -> (String, Option<Value>, Value) {
    let mut deltas = String::new();
    let mut stream = None;
    loop {
        let f = next(socket).await;
        match f["type"].as_str().unwrap() {
            "delta" => {
                deltas.push_str(f["text"].as_str().unwrap());
                assert!(stream.is_none() || stream.as_ref() == Some(&f["stream"]));
                stream = Some(f["stream"].clone());
            }
            "message" => return (deltas, stream, f),
            other => panic!("unexpected {other}"),
        }
    }
}

async fn connect(s: &Setup, origin: &str, visitor: Option<&str>) -> Result<Socket, u16> {
    let ws_base = s.app.base.replace("http://", "ws://");
    let url = match visitor {
        Some(v) => format!("{ws_base}/chat/msg/ws?visitor={v}"),
        None => format!("{ws_base}/chat/msg/ws"),
    };
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("Origin", origin.parse().unwrap());
    match tokio_tungstenite::connect_async(request).await {
        Ok((socket, _)) => Ok(socket),
        Err(tokio_tungstenite::tungstenite::Error::Http(res)) => Err(res.status().as_u16()),
        Err(e) => panic!("{e}"),
    }
}

async fn next(socket: &mut Socket) -> Value {
    loop {
        let frame = tokio::time::timeout(Duration::from_secs(10), socket.next())
            .await
            .expect("a frame in time")
            .unwrap()
            .unwrap();
        if let Frame::Text(t) = frame {
            return serde_json::from_str(&t).unwrap();
        }
    }
}

async fn say(socket: &mut Socket, id: &str, text: &str) {
    let frame = json!({"type": "message", "id": id, "text": text}).to_string();
    socket.send(Frame::Text(frame.into())).await.unwrap();
}

/// The chat page as a browser with these languages gets it.
async fn chat_page(s: &Setup, languages: &str) -> String {
    s.app
        .client
        .get(format!("{}/chat/msg", s.app.base))
        .header("accept-language", languages)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn web_chat(backend: Backend) {
    let s = Setup::new(backend, true).await;
    // No web chat yet: nothing here.
    s.app.get_ok("/chat/msg", None, StatusCode::NOT_FOUND).await;
    let channel = s
        .channel(
            json!({"kind": "web_chat", "name": "Site", "address": "https://clinic.example",
            "settings": {"allowed_origins": ["https://clinic.example"], "debounce_ms": 0}}),
        )
        .await;
    assert_eq!(channel["webhook_url"], "https://frontdesk.test/chat/msg");
    // The page: the clinic's name, its assistant's greeting in the visitor's language, the
    // script from a file (the policy forbids inline ones), framable by the clinic's own site.
    s.app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/clinics/msg",
            Some(&s.owner.access),
            Some(
                json!({"name": "Clinic <msg> & Co", "languages": ["tr", "en"],
                        "persona": {"name": "Ayla", "tone": "friendly"}}),
            ),
            StatusCode::OK,
        )
        .await;
    let page = s
        .app
        .client
        .get(format!("{}/chat/msg", s.app.base))
        .header("accept-language", "xx-YY, en;q=0.8")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let policy = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        policy.contains("script-src 'self';")
            && policy.contains("frame-ancestors 'self' https://clinic.example"),
        "{policy}"
    );
    let html = page.text().await.unwrap();
    assert!(html.contains(r#"data-slug="msg""#), "{html}");
    assert!(
        html.contains("<script src=\"/chat/assets/chat.js\""),
        "{html}"
    );
    assert!(!html.contains("<script>"), "no inline script: {html}");
    // The clinic's words are text, never markup.
    assert!(
        html.contains("<h1>Clinic &lt;msg&gt; &amp; Co</h1>"),
        "{html}"
    );
    assert!(!html.contains("<msg>"), "{html}");
    assert!(
        html.contains("I&#39;m Ayla") && html.contains("I can book, move or cancel"),
        "the first language the clinic speaks: {html}"
    );
    let turkish = chat_page(&s, "tr-TR,tr;q=0.9").await;
    assert!(
        turkish.contains("Merhaba!") && turkish.contains("Gönder"),
        "{turkish}"
    );
    let unspoken = chat_page(&s, "es-ES").await;
    assert!(
        unspoken.contains("Merhaba!"),
        "the clinic's default: {unspoken}"
    );
    let script = s.app.get("/chat/assets/chat.js", None).await;
    assert_eq!(script.status(), 200);
    assert!(
        script.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/javascript")
    );
    assert!(script.text().await.unwrap().contains("offerQuickReplies"));
    let widget = s.app.get("/chat/msg/widget.js", None).await;
    assert_eq!(widget.status(), 200);
    assert!(widget.text().await.unwrap().contains("iframe"));
    s.app
        .get_ok("/chat/nobody/widget.js", None, StatusCode::NOT_FOUND)
        .await;

    assert_eq!(
        connect(&s, "https://evil.example", None).await.err(),
        Some(403)
    );
    let mut socket = connect(&s, "https://clinic.example", None).await.unwrap();
    let hello = next(&mut socket).await;
    assert_eq!(hello["type"], "hello");
    let visitor = hello["visitor"].as_str().unwrap().to_string();
    assert_eq!(next(&mut socket).await["messages"], json!([]));

    say(&mut socket, "c1", "Merhaba, randevu almak istiyorum").await;
    assert_eq!(next(&mut socket).await, json!({"type": "ack", "id": "c1"}));
    let reply = next(&mut socket).await;
    assert_eq!(reply["type"], "message");
    assert_eq!(reply["from"], "assistant");
    assert!(
        reply["text"].as_str().unwrap().contains("teşekkürler"),
        "{reply}"
    );
    // The same message again (a flaky network resends): acknowledged, not answered again.
    say(&mut socket, "c1", "Merhaba, randevu almak istiyorum").await;
    assert_eq!(next(&mut socket).await["type"], "ack");
    // A burst past the allowance is refused, not stored.
    let mut refused = 0;
    for i in 0..6 {
        say(&mut socket, &format!("b{i}"), "?").await;
    }
    let mut replies = 0;
    let mut acks = 0;
    while acks + refused < 6 {
        let f = next(&mut socket).await;
        match f["type"].as_str().unwrap() {
            "ack" => acks += 1,
            "error" => refused += 1,
            "message" => replies += 1,
            other => panic!("unexpected {other}"),
        }
    }
    assert!(refused >= 1, "the burst was not limited");
    // Malformed frames get a reason.
    socket.send(Frame::Text("nope".into())).await.unwrap();
    loop {
        let f = next(&mut socket).await;
        if f["type"] == "error" {
            assert!(f["reason"].as_str().unwrap().contains("type"));
            break;
        }
    }
    drop(socket);
    // A visitor who opens the chat and writes nothing leaves nothing in the inbox.
    let mut idle = connect(&s, "https://clinic.example", None).await.unwrap();
    assert_eq!(next(&mut idle).await["type"], "hello");
    assert_eq!(next(&mut idle).await["messages"], json!([]));
    drop(idle);
    // Staff see it in the inbox as a web chat conversation, and their reply reaches the
    // visitor when they come back.
    let conversations = s.conversations("").await;
    assert_eq!(conversations.len(), 1);
    let c = &conversations[0];
    assert_eq!(c["channel_kind"], "web_chat");
    assert_eq!(c["contact"], format!("web:{visitor}"));
    assert!(
        c["patient_id"].is_null(),
        "a web visitor is not looked up by phone"
    );
    let messages = s.messages(c["id"].as_str().unwrap()).await;
    let inbound = messages
        .iter()
        .filter(|m| m["direction"] == "inbound")
        .count();
    assert_eq!(
        inbound,
        1 + acks,
        "c1 once, then each acknowledged burst message"
    );
    let _ = replies;
    let mut socket = connect(&s, "https://clinic.example", Some(&visitor))
        .await
        .unwrap();
    assert_eq!(next(&mut socket).await["visitor"], visitor.as_str());
    let history = next(&mut socket).await;
    assert_eq!(history["type"], "history");
    assert!(history["messages"].as_array().unwrap().len() >= 2);
    let conversation = c["id"].as_str().unwrap();
    s.app
        .post_ok(
            &format!("/api/v1/clinics/msg/conversations/{conversation}/messages"),
            Some(&s.owner.access),
            json!({"text": "Merhaba! Yarın 10:00 uygun mu?"}),
            StatusCode::ACCEPTED,
        )
        .await;
    // An answer to the burst may still be on its way: the staff reply is the next one from
    // staff.
    let staff = loop {
        let f = next(&mut socket).await;
        if f["from"] != "assistant" {
            break f;
        }
    };
    assert_eq!(staff["type"], "message");
    assert_eq!(staff["from"], "staff");
    assert_eq!(staff["text"], "Merhaba! Yarın 10:00 uygun mu?");
    // Bad visitor ids are refused before the upgrade.
    assert_eq!(
        connect(&s, "https://clinic.example", Some("short"))
            .await
            .err(),
        Some(400)
    );
}
