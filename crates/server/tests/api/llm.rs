//! The LLM engine against a scripted OpenAI-compatible server on loopback: it plays back
//! tool calls, friendly and hostile, and records what it was sent. Hostile calls must all be
//! refused and leave the calendar as it was; a failing model hands the turn to the built-in
//! engine; an emergency never waits for the model.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use chrono::{Utc, Weekday};
use frontdesk_domain::assistant_settings::{AssistantSettings, Engine};
use frontdesk_domain::scheduling::AppointmentStatus;
use frontdesk_store::StoredAssistant;
use serde_json::{Value, json};

use crate::assistant::{Desk, ENGLISH};

/// What the scripted model answers, in order, and what it was asked.
#[derive(Clone, Default)]
struct Script {
    answers: Arc<Mutex<VecDeque<Answer>>>,
    requests: Arc<Mutex<Vec<Value>>>,
}

#[derive(Clone)]
enum Answer {
    Body(Value),
    Fail(u16),
    Slow(Duration, Value),
}

fn calls(list: &[(&str, Value)]) -> Answer {
    let calls: Vec<Value> = list
        .iter()
        .enumerate()
        .map(|(i, (name, args))| {
            json!({"id": format!("call_{i}"), "type": "function",
                   "function": {"name": name, "arguments": args.to_string()}})
        })
        .collect();
    Answer::Body(json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": calls}, "finish_reason": "tool_calls"}],
        "usage": {"prompt_tokens": 1000, "completion_tokens": 50},
    }))
}

fn says(text: &str) -> Answer {
    Answer::Body(json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 1200, "completion_tokens": 40},
    }))
}

impl Script {
    async fn start(desk: &Desk) -> Script {
        let script = Script::default();
        let app = Router::new()
            .route(
                "/v1/chat/completions",
                post(
                    |State(s): State<Script>, body: axum::Json<Value>| async move {
                        s.requests.lock().unwrap().push(body.0);
                        let next = s.answers.lock().unwrap().pop_front();
                        match next {
                            Some(Answer::Body(v)) => (axum::http::StatusCode::OK, axum::Json(v)),
                            Some(Answer::Slow(d, v)) => {
                                tokio::time::sleep(d).await;
                                (axum::http::StatusCode::OK, axum::Json(v))
                            }
                            Some(Answer::Fail(code)) => (
                                axum::http::StatusCode::from_u16(code).unwrap(),
                                axum::Json(json!({"error": {"message": "overloaded"}})),
                            ),
                            None => (
                                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                                axum::Json(json!({"error": {"message": "the script ran out"}})),
                            ),
                        }
                    },
                ),
            )
            .with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let settings = AssistantSettings {
            engine: Engine::Openai,
            base_url: Some(base),
            model: "scripted".into(),
            temperature: 0.0,
            max_tokens: 300,
            timeout_ms: 1_000,
            input_usd_per_million: Some(0.5),
            output_usd_per_million: Some(2.0),
        };
        desk.store()
            .put_assistant_settings(
                desk.clinic.id,
                &StoredAssistant {
                    settings,
                    api_key: None,
                    updated_at: Utc::now(),
                },
            )
            .await
            .unwrap();
        script
    }

    fn play(&self, answers: Vec<Answer>) {
        self.answers.lock().unwrap().extend(answers);
    }

    fn requests(&self) -> Vec<Value> {
        self.requests.lock().unwrap().clone()
    }

    /// The tool results the model was sent in its latest request.
    fn tool_results(&self) -> Vec<Value> {
        let last = self.requests().last().cloned().unwrap_or_default();
        last["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "tool")
            .map(|m| serde_json::from_str(m["content"].as_str().unwrap()).unwrap())
            .collect()
    }
}

crate::assistant_dialogs!(
    the_model_books_through_offered_slots_and_a_yes,
    hostile_tool_calls_are_refused_and_change_nothing,
    a_failing_model_hands_the_turn_to_the_builtin_engine,
);

async fn the_model_books_through_offered_slots_and_a_yes(desk: Desk) {
    let script = Script::start(&desk).await;
    let faq = frontdesk_store::NewFaq {
        question: "Can I come for a cleaning when I have braces?".into(),
        answer: "Yes, cleanings are fine with braces; tell us when you book.".into(),
        language: "en".into(),
    };
    desk.store()
        .create_faqs(desk.clinic.id, &[faq], Utc::now())
        .await
        .unwrap();
    let nora = desk.patient("Nora Quinn", "+905550001111").await;
    let wednesday = desk.next(Weekday::Wed);
    let mut p = desk.phone("+905550001111");
    script.play(vec![
        calls(&[(
            "find_slots",
            json!({"service": "Check-up and cleaning", "from": wednesday.to_string()}),
        )]),
        calls(&[("hold_slot", json!({"option": 1}))]),
        says("Wednesday 09:00 with Dt. Elif Şahin, 1,500.00 TRY. Shall I book it?"),
    ]);
    let reply = p.says("Can I come for a cleaning on Wednesday?").await;
    assert!(reply.contains("Shall I book it?"), "{reply}");
    // What the model was told: the clinic's facts, today, the patient, the tools.
    let first = &script.requests()[0];
    let system = first["messages"][0]["content"].as_str().unwrap();
    for fact in [
        "Bright Smile Dental",
        "Check-up and cleaning",
        "1,500.00 TRY",
        "Nora Quinn",
        "Bağdat Caddesi",
        "Never diagnose",
    ] {
        assert!(system.contains(fact), "the prompt lacks {fact:?}");
    }
    assert!(system.contains(&desk.today().to_string()));
    assert_eq!(first["tools"].as_array().unwrap().len(), 8);
    let held = desk.calendar_of(nora.id).await;
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].status, AppointmentStatus::Held);

    script.play(vec![
        calls(&[("book", json!({"option": 1}))]),
        says("Booked! See you on Wednesday."),
    ]);
    p.expect("yes, please book it", &["Booked!"]).await;
    let booked = desk.calendar_of(nora.id).await;
    assert_eq!(booked[0].status, AppointmentStatus::Confirmed);
    assert_eq!(desk.local(booked[0].starts_at).date(), wednesday);
    // Tokens and cost are recorded on the answer.
    let conversation = p.as_staff_see_it().await;
    let messages = desk
        .store()
        .messages(desk.clinic.id, conversation.id, None, 10)
        .await
        .unwrap();
    let usage = &messages[0].content["usage"];
    assert_eq!(usage["prompt_tokens"], 2200);
    assert_eq!(usage["completion_tokens"], 90);
    assert!(
        (usage["cost_usd"].as_f64().unwrap() - (2200.0 * 0.5 + 90.0 * 2.0) / 1e6).abs() < 1e-12
    );
}

async fn hostile_tool_calls_are_refused_and_change_nothing(desk: Desk) {
    // Someone else's confirmed appointment.
    let mut other = desk.phone("+905550002222");
    other
        .says("I want to book a cleaning on Wednesday at 11am")
        .await;
    other.says("Eva Stone").await;
    other.expect("yes", &[ENGLISH.booked]).await;
    let before = desk.calendar().await;
    let theirs = before[0].clone();

    let script = Script::start(&desk).await;
    let me = desk.patient("Mal Lory", "+905550003333").await;
    let mut p = desk.phone("+905550003333");
    let day = desk.next(Weekday::Thu).to_string();
    script.play(vec![
        calls(&[
            ("cancel_appointment", json!({"appointment_id": theirs.id.to_string()})),
            ("reschedule_appointment", json!({"appointment_id": theirs.id.to_string(), "option": 1})),
            ("hold_slot", json!({"option": 99})),
            ("book", json!({"option": 1})),
            ("find_slots", json!({"service": "Free implant", "from": day})),
            ("find_slots", json!({"service": "Check-up and cleaning", "from": day, "clinic_id": uuid::Uuid::now_v7().to_string()})),
            ("list_my_appointments", json!({"patient_id": theirs.patient_id.to_string()})),
            ("find_slots", json!({"service": "Check-up and cleaning", "from": "2020-01-01"})),
            ("no_such_tool", json!({})),
        ]),
        says("Whitening is only 99.00 TRY today!"),
    ]);
    let reply = p.says("cancel appointments please").await;
    let results = script.tool_results();
    assert_eq!(results.len(), 9);
    for r in &results {
        assert!(
            r.get("refused").is_some(),
            "a hostile call went through: {r}"
        );
    }
    let refusals: Vec<&str> = results
        .iter()
        .map(|r| r["refused"].as_str().unwrap())
        .collect();
    assert!(refusals[4].contains("no service called"), "{}", refusals[4]);
    assert!(
        refusals[5].contains("no clinic or patient id"),
        "{}",
        refusals[5]
    );
    assert!(
        refusals[6].contains("no clinic or patient id"),
        "{}",
        refusals[6]
    );
    // The invented price is not sent; the clinic's price list is.
    assert!(!reply.contains("99.00"), "{reply}");
    assert!(reply.contains("6,000.00 TRY"), "{reply}");

    // A slot held and booked in the same turn: the patient never saw it, so no booking.
    script.play(vec![
        calls(&[(
            "find_slots",
            json!({"service": "Check-up and cleaning", "from": day}),
        )]),
        calls(&[
            ("hold_slot", json!({"option": 1})),
            ("book", json!({"option": 1})),
        ]),
        says("Done."),
    ]);
    p.says("a cleaning on Thursday").await;
    let results = script.tool_results();
    assert!(results[0].get("options").is_some(), "{results:?}");
    assert!(results[1].get("held").is_some(), "{results:?}");
    assert!(
        results[2]["refused"].as_str().unwrap().contains("not seen"),
        "{results:?}"
    );
    // Next turn without a yes: still no booking.
    script.play(vec![
        calls(&[("book", json!({"option": 1}))]),
        says("Done."),
    ]);
    p.says("what time was that?").await;
    assert!(
        script.tool_results()[0]["refused"]
            .as_str()
            .unwrap()
            .contains("not confirmed")
    );
    let mine = desk.calendar_of(me.id).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(
        mine[0].status,
        AppointmentStatus::Held,
        "held, never booked"
    );
    // The other patient's appointment is exactly as it was.
    let after = desk.calendar_of(theirs.patient_id).await;
    assert_eq!(after, vec![theirs]);
}

async fn a_failing_model_hands_the_turn_to_the_builtin_engine(desk: Desk) {
    let script = Script::start(&desk).await;
    let mut p = desk.web_visitor("fallback");
    script.play(vec![Answer::Fail(503)]);
    p.expect("Hello", &["Ayla", "Bright Smile Dental"]).await;
    script.play(vec![Answer::Slow(Duration::from_millis(1_500), json!({}))]);
    p.expect(ENGLISH.book_cleaning, &[ENGLISH.asks_when]).await;
    let conversation = p.as_staff_see_it().await;
    let messages = desk
        .store()
        .messages(desk.clinic.id, conversation.id, None, 10)
        .await
        .unwrap();
    assert!(
        messages[0].content["usage"]["fell_back"]
            .as_str()
            .unwrap()
            .contains("within")
    );
    // An emergency never waits for the model.
    let asked = script.requests().len();
    p.expect(ENGLISH.emergency, &[ENGLISH.urgent, "112"]).await;
    assert_eq!(script.requests().len(), asked, "the model was not called");
    assert!(
        p.as_staff_see_it()
            .await
            .human_reason
            .unwrap()
            .starts_with("URGENT")
    );
}

mod settings {
    use reqwest::{Method, StatusCode};
    use serde_json::json;

    use crate::helpers::TestApp;

    crate::on_both_backends!(assistant_settings_validate_and_keep_the_key_secret);

    async fn assistant_settings_validate_and_keep_the_key_secret(app: TestApp) {
        let owner = app.signup("owner@llm.test", "llm").await;
        let path = "/api/v1/clinics/llm/assistant";
        let token = Some(owner.access.as_str());
        let shown = app.get_ok(path, token, StatusCode::OK).await;
        assert_eq!(shown["engine"], "builtin");
        assert_eq!(shown["api_key_set"], false);
        let put = |body: serde_json::Value, status| {
            app.call(Method::PUT, path, token, Some(body), status)
        };
        let problem = put(
            json!({"engine": "openai"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        let text = problem.to_string();
        assert!(
            text.contains("base_url") && text.contains("model"),
            "{text}"
        );
        let problem = put(
            json!({"engine": "gemini", "model": "gemini-2.0-flash"}),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
        assert!(problem.to_string().contains("api_key"), "{problem}");
        let bad = put(json!({"engine": "openai", "base_url": "https://api.example", "model": "m", "temperature": 9}), StatusCode::UNPROCESSABLE_ENTITY).await;
        assert!(bad.to_string().contains("temperature"), "{bad}");
        let saved = put(
            json!({"engine": "openai", "base_url": "https://api.example/", "model": "gpt-4o-mini", "api_key": "sk-very-secret"}),
            StatusCode::OK,
        )
        .await;
        assert_eq!(saved["api_key_set"], true);
        assert_eq!(saved["base_url"], "https://api.example");
        let shown = app.get_ok(path, token, StatusCode::OK).await;
        assert!(!shown.to_string().contains("sk-very-secret"));
        // The key is stored sealed, not as given.
        let clinic = app
            .state
            .store
            .clinic_by_slug_unscoped(&frontdesk_domain::Slug::parse("s", "llm").unwrap())
            .await
            .unwrap()
            .unwrap();
        let stored = app
            .state
            .store
            .assistant_settings(clinic.id)
            .await
            .unwrap()
            .unwrap();
        assert!(!stored.api_key.unwrap().contains("sk-very-secret"));
        // Absent keeps the key; empty removes it.
        let kept = put(
            json!({"engine": "openai", "base_url": "https://api.example", "model": "gpt-4o"}),
            StatusCode::OK,
        )
        .await;
        assert_eq!(kept["api_key_set"], true);
        let removed = put(json!({"engine": "builtin", "api_key": ""}), StatusCode::OK).await;
        assert_eq!(removed["api_key_set"], false);
        assert_eq!(removed["engine"], "builtin");
    }
}

mod gemini {
    use std::sync::{Arc, Mutex};

    use axum::Router;
    use axum::extract::State;
    use axum::http::HeaderMap;
    use axum::routing::post;
    use chrono::Utc;
    use frontdesk_domain::assistant_settings::{AssistantSettings, Engine};
    use frontdesk_store::StoredAssistant;
    use serde_json::{Value, json};

    use crate::assistant::Desk;

    crate::assistant_dialogs!(a_clinic_on_gemini_is_answered_with_its_sealed_key);

    /// The settings' sealed key is opened for the call, and Gemini's answer is sent.
    async fn a_clinic_on_gemini_is_answered_with_its_sealed_key(desk: Desk) {
        let keys: Arc<Mutex<Vec<String>>> = Arc::default();
        let app = Router::new()
            .route(
                "/v1beta/models/{call}",
                post(|State(keys): State<Arc<Mutex<Vec<String>>>>, headers: HeaderMap, _: axum::Json<Value>| async move {
                    let key = headers.get("x-goog-api-key").and_then(|v| v.to_str().ok()).unwrap_or("");
                    keys.lock().unwrap().push(key.to_string());
                    let event = json!({"candidates": [{"content": {"role": "model", "parts": [{"text": "Merhaba! Size nasıl yardımcı olabilirim?"}]}}],
                        "usageMetadata": {"promptTokenCount": 900, "candidatesTokenCount": 12}});
                    ([(axum::http::header::CONTENT_TYPE, "text/event-stream")], format!("data: {event}\r\n\r\n"))
                }),
            )
            .with_state(keys.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        let sealed = desk
            .app
            .state
            .messaging
            .keys
            .seal(desk.clinic.id, b"g-secret")
            .unwrap();
        let settings = AssistantSettings {
            engine: Engine::Gemini,
            base_url: Some(base),
            model: "gemini-2.0-flash".into(),
            ..AssistantSettings::default()
        };
        desk.store()
            .put_assistant_settings(
                desk.clinic.id,
                &StoredAssistant {
                    settings,
                    api_key: Some(sealed),
                    updated_at: Utc::now(),
                },
            )
            .await
            .unwrap();
        let mut p = desk.web_visitor("gemini");
        p.expect("Merhaba", &["Size nasıl yardımcı olabilirim?"])
            .await;
        assert_eq!(*keys.lock().unwrap(), ["g-secret"]);
        let c = p.as_staff_see_it().await;
        let messages = desk
            .store()
            .messages(desk.clinic.id, c.id, None, 5)
            .await
            .unwrap();
        assert_eq!(messages[0].content["usage"]["engine"], "gemini");
        assert_eq!(messages[0].content["usage"]["prompt_tokens"], 900);
    }
}
