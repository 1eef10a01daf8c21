//! The dialog corpus through the language-model engine, against two scripted models on
//! loopback that speak OpenAI's chat-completions wire format:
//!
//! - a good one, which knows each dialog's expected outcome and makes the tool calls a
//!   capable model would (find the day, hold the slot for the right person, name it, book
//!   on the patient's yes; list and cancel; find and move). The calendar must come out right:
//!   this shows the tools, their memory across turns and the store do their part.
//! - a bad one, which ignores the patient: unknown services, dates in the past and far away,
//!   options never offered, invented ids and names, a slot nobody asked for booked at once or
//!   after a yes to something else, and every listed appointment cancelled. Tool validation
//!   must leave the calendar exactly as the dialog began: nothing booked, moved or cancelled.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::State;
use axum::routing::post;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use frontdesk::evaluation::dialogs::{Corpus, EngineUnderTest, Report, evaluate};
use frontdesk_domain::assistant_settings::{AssistantSettings, Engine};
use serde_json::{Value, json};

use crate::helpers::{Backend, spawn_app};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../eval/dialogs")
}

#[derive(Clone, Copy, PartialEq)]
enum Behaviour {
    Good,
    Bad,
}

/// The scripted model: the corpus (to know each dialog by its messages) and a behaviour.
#[derive(Clone)]
struct Scripted {
    behaviour: Behaviour,
    dialogs: Arc<Vec<Value>>,
    clinics: Arc<HashMap<String, Value>>,
    calls: Arc<AtomicUsize>,
}

fn call(name: &str, args: Value) -> Value {
    json!({"id": format!("call_{name}"), "type": "function",
           "function": {"name": name, "arguments": args.to_string()}})
}

fn tools(calls: Vec<Value>) -> Value {
    json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": null, "tool_calls": calls}, "finish_reason": "tool_calls"}],
        "usage": {"prompt_tokens": 900, "completion_tokens": 40},
    })
}

fn text(content: &str) -> Value {
    json!({
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 900, "completion_tokens": 30},
    })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "6 April at 09:30", the way the good model names a slot to the patient.
fn spoken(starts: &str) -> String {
    let at = NaiveDateTime::parse_from_str(&starts[..16], "%Y-%m-%d %H:%M").unwrap();
    let month = MONTHS[at.format("%m").to_string().parse::<usize>().unwrap() - 1];
    format!("{} {month} at {}", at.format("%-d"), at.format("%H:%M"))
}

fn fits(starts: &str, want: &Value) -> bool {
    let (date, time) = (&starts[..10], &starts[11..16]);
    if want["date"].as_str() != Some(date) {
        return false;
    }
    match (want["time"].as_str(), want["window"].as_array()) {
        (Some(t), _) => t == time,
        (None, Some(w)) => w[0].as_str().unwrap() <= time && time <= w[1].as_str().unwrap(),
        _ => true,
    }
}

/// The reference `(ref N)` the scripted models leave in their text for the next turn.
fn reference(history: &[&Value]) -> Option<u64> {
    let last = history
        .iter()
        .rev()
        .find(|m| m["role"] == "assistant" && m["content"].is_string())?;
    let content = last["content"].as_str()?;
    let at = content.rfind("(ref ")?;
    content[at + 5..].trim_end_matches(')').trim().parse().ok()
}

impl Scripted {
    fn load(behaviour: Behaviour, set: &str) -> Scripted {
        let dir = corpus_dir();
        let mut dialogs = vec![];
        for file in ["generated.jsonl", "hand.jsonl"] {
            let raw = std::fs::read_to_string(dir.join(set).join(file)).unwrap();
            dialogs.extend(
                raw.lines()
                    .filter(|l| !l.trim().is_empty())
                    .map(|l| serde_json::from_str::<Value>(l).unwrap()),
            );
        }
        let clinics: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("clinics.json")).unwrap())
                .unwrap();
        let clinics = clinics["clinics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["key"].as_str().unwrap().to_string(), c.clone()))
            .collect();
        Scripted {
            behaviour,
            dialogs: Arc::new(dialogs),
            clinics: Arc::new(clinics),
            calls: Arc::new(AtomicUsize::new(0)),
        }
    }

    async fn start(&self) -> String {
        let app = Router::new()
            .route(
                "/v1/chat/completions",
                post(
                    |State(s): State<Scripted>, body: axum::Json<Value>| async move {
                        s.calls.fetch_add(1, Ordering::Relaxed);
                        axum::Json(s.answer(&body.0))
                    },
                ),
            )
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        url
    }

    /// The dialog a request belongs to: its clinic's name in the system prompt and the
    /// patient's messages so far as the start of its turns.
    fn dialog(&self, system: &str, said: &[&str]) -> Option<&Value> {
        self.dialogs.iter().find(|d| {
            let clinic = &self.clinics[d["clinic"].as_str().unwrap()];
            let turns = d["turns"].as_array().unwrap();
            system.contains(clinic["name"].as_str().unwrap())
                && turns.len() >= said.len()
                && turns
                    .iter()
                    .zip(said)
                    .all(|(t, s)| t["patient"].as_str().unwrap().trim() == s.trim())
        })
    }

    fn service_name(&self, dialog: &Value, key: &str) -> String {
        let clinic = &self.clinics[dialog["clinic"].as_str().unwrap()];
        let service = clinic["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["key"] == key)
            .unwrap();
        service["name"]["en"].as_str().unwrap().to_string()
    }

    fn practitioner_name(&self, dialog: &Value, key: &str) -> String {
        let clinic = &self.clinics[dialog["clinic"].as_str().unwrap()];
        clinic["practitioners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["key"] == key)
            .map(|p| p["name"].as_str().unwrap().to_string())
            .unwrap()
    }

    fn answer(&self, request: &Value) -> Value {
        let messages: Vec<&Value> = request["messages"].as_array().unwrap().iter().collect();
        let system = messages[0]["content"].as_str().unwrap_or("");
        let last_user = messages.iter().rposition(|m| m["role"] == "user").unwrap();
        let said: Vec<&str> = messages
            .iter()
            .filter(|m| m["role"] == "user")
            .map(|m| m["content"].as_str().unwrap_or(""))
            .collect();
        let this_turn = &messages[last_user + 1..];
        let step = this_turn
            .iter()
            .filter(|m| m["role"] == "assistant")
            .count();
        let results: Vec<Value> = this_turn
            .iter()
            .filter(|m| m["role"] == "tool")
            .map(|m| serde_json::from_str(m["content"].as_str().unwrap()).unwrap())
            .collect();
        let history = &messages[..last_user];
        let today = system
            .split("Today is ")
            .nth(1)
            .and_then(|t| NaiveDate::parse_from_str(&t[..10], "%Y-%m-%d").ok())
            .expect("the system prompt names today");
        let Some(dialog) = self.dialog(system, &said) else {
            return text("Could you say that again?");
        };
        match self.behaviour {
            Behaviour::Good => self.good(dialog, said.len() - 1, step, &results, history),
            Behaviour::Bad => self.bad(dialog, today, step, &results, history),
        }
    }

    fn good(
        &self,
        dialog: &Value,
        turn: usize,
        step: usize,
        results: &[Value],
        history: &[&Value],
    ) -> Value {
        let last = dialog["turns"].as_array().unwrap().len() - 1;
        let fin = &dialog["final"];
        let expects_person = dialog["turns"][turn]["expect"]["emergency"] == true
            || dialog["turns"][turn]["expect"]["handoff"] == true;
        if expects_person {
            return match step {
                0 => tools(vec![call(
                    "handoff_to_staff",
                    json!({"reason": "the patient needs a person"}),
                )]),
                _ => text("I have asked the team to help you right away."),
            };
        }
        if let Some(booking) = fin["booked"].as_array().and_then(|b| b.first()) {
            if last >= 1 && turn == last - 1 {
                return match step {
                    0 => {
                        let mut args = json!({
                            "service": self.service_name(dialog, booking["service"].as_str().unwrap()),
                            "from": booking["date"], "to": booking["date"],
                        });
                        if let Some(t) = booking["time"].as_str() {
                            args["time"] = json!(t);
                        }
                        // A window: the part of the day it starts in, as the patient said it.
                        if let Some(from) = booking["window"][0].as_str() {
                            let part = match from {
                                f if f < "12:00" => "morning",
                                f if f < "17:00" => "afternoon",
                                _ => "evening",
                            };
                            args["part_of_day"] = json!(part);
                        }
                        if let Some(p) = booking["practitioner"].as_str() {
                            args["practitioner"] = json!(self.practitioner_name(dialog, p));
                        }
                        tools(vec![call("find_slots", args)])
                    }
                    1 => match results[0]["options"].as_array().and_then(|o| {
                        o.iter()
                            .find(|o| fits(o["starts"].as_str().unwrap(), booking))
                    }) {
                        Some(o) => tools(vec![call(
                            "hold_slot",
                            json!({"option": o["option"], "patient_name": booking["patient"]}),
                        )]),
                        None => text("That time is not free."),
                    },
                    _ => {
                        let held = &results[1];
                        if held["held"] != true {
                            return text("I could not hold that time.");
                        }
                        text(&format!(
                            "{} on {} for {}. Shall I book it? (ref {})",
                            held["service"].as_str().unwrap(),
                            spoken(held["starts"].as_str().unwrap()),
                            booking["patient"].as_str().unwrap(),
                            held["option"]
                        ))
                    }
                };
            }
            if turn == last
                && let Some(option) = reference(history)
            {
                return match step {
                    0 => tools(vec![call("book", json!({"option": option}))]),
                    _ => text("Booked."),
                };
            }
        }
        if let Some(from) = fin["cancelled"].as_array().and_then(|c| c.first())
            && (turn == last || turn + 1 == last)
        {
            let listed = |results: &[Value]| {
                results[0]["appointments"].as_array().and_then(|a| {
                    a.iter()
                        .find(|a| {
                            a["starts"].as_str().unwrap()[..16]
                                == from.as_str().unwrap().replace('T', " ")
                        })
                        .cloned()
                })
            };
            // First it names the appointment and asks; on the answer it cancels.
            return match (step, turn == last) {
                (0, _) => tools(vec![call("list_my_appointments", json!({}))]),
                (1, false) => match listed(results) {
                    Some(a) => text(&format!(
                        "Your {} on {}: shall I cancel it?",
                        a["service"].as_str().unwrap(),
                        spoken(a["starts"].as_str().unwrap())
                    )),
                    None => text("I cannot find that appointment."),
                },
                (1, true) => match listed(results) {
                    Some(a) => tools(vec![call(
                        "cancel_appointment",
                        json!({"appointment_id": a["appointment_id"]}),
                    )]),
                    None => text("I cannot find that appointment."),
                },
                _ => text("Cancelled."),
            };
        }
        if let Some(moved) = fin["moved"].as_array().and_then(|m| m.first()) {
            let from = moved["from"].as_str().unwrap();
            let service = dialog["existing"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e["start"] == from)
                .map(|e| e["service"].as_str().unwrap().to_string())
                .unwrap();
            if last >= 1 && turn == last - 1 {
                return match step {
                    0 => tools(vec![call(
                        "find_slots",
                        json!({"service": self.service_name(dialog, &service),
                               "from": moved["date"], "to": moved["date"],
                               "time": moved["time"].as_str().unwrap_or("12:00")}),
                    )]),
                    _ => match results[0]["options"].as_array().and_then(|o| {
                        o.iter()
                            .find(|o| fits(o["starts"].as_str().unwrap(), moved))
                    }) {
                        Some(o) => text(&format!(
                            "I can move it to {}. Shall I? (ref {})",
                            spoken(o["starts"].as_str().unwrap()),
                            o["option"]
                        )),
                        None => text("That time is not free."),
                    },
                };
            }
            if turn == last
                && let Some(option) = reference(history)
            {
                return match step {
                    0 => tools(vec![call("list_my_appointments", json!({}))]),
                    1 => match results[0]["appointments"].as_array().and_then(|a| {
                        a.iter()
                            .find(|a| a["starts"].as_str().unwrap()[..16] == from.replace('T', " "))
                    }) {
                        Some(a) => tools(vec![call(
                            "reschedule_appointment",
                            json!({"appointment_id": a["appointment_id"], "option": option}),
                        )]),
                        None => text("I cannot find that appointment."),
                    },
                    _ => text("Moved."),
                };
            }
        }
        text("Of course. Could you tell me a little more?")
    }

    fn bad(
        &self,
        dialog: &Value,
        today: NaiveDate,
        step: usize,
        results: &[Value],
        history: &[&Value],
    ) -> Value {
        let clinic = &self.clinics[dialog["clinic"].as_str().unwrap()];
        let service = clinic["services"][0]["name"]["en"].as_str().unwrap();
        let day = |d: i64| (today + Duration::days(d)).format("%Y-%m-%d").to_string();
        match step {
            0 => {
                let mut calls = vec![
                    call(
                        "find_slots",
                        json!({"service": "Brain transplant", "from": day(1)}),
                    ),
                    call(
                        "find_slots",
                        json!({"service": service, "from": "2019-01-01"}),
                    ),
                    call(
                        "find_slots",
                        json!({"service": service, "from": day(1), "to": day(400)}),
                    ),
                    call(
                        "hold_slot",
                        json!({"option": 999, "patient_name": "Invented Person"}),
                    ),
                    call("book", json!({"option": 1})),
                    call(
                        "cancel_appointment",
                        json!({"appointment_id": "00000000-0000-0000-0000-000000000000"}),
                    ),
                    call(
                        "cancel_appointment",
                        json!({"appointment_id": "1; DROP TABLE appointments"}),
                    ),
                    call(
                        "reschedule_appointment",
                        json!({"appointment_id": uuid::Uuid::new_v4().to_string(), "option": 1}),
                    ),
                    call(
                        "hold_slot",
                        json!({"option": 1, "clinic_id": "another-clinic"}),
                    ),
                    call("list_my_appointments", json!({})),
                    // A day nobody asked for, three weeks out.
                    call(
                        "find_slots",
                        json!({"service": service, "from": day(21), "to": day(22)}),
                    ),
                ];
                // Last turn's hold, booked on whatever the patient now says.
                if let Some(option) = reference(history) {
                    calls.push(call("book", json!({"option": option})));
                    calls.push(call(
                        "reschedule_appointment",
                        json!({"appointment_id": uuid::Uuid::new_v4().to_string(), "option": option}),
                    ));
                }
                tools(calls)
            }
            1 => {
                let mut calls = vec![];
                let listed = results
                    .iter()
                    .find_map(|r| r["appointments"].as_array())
                    .cloned()
                    .unwrap_or_default();
                for a in &listed {
                    calls.push(call(
                        "cancel_appointment",
                        json!({"appointment_id": a["appointment_id"]}),
                    ));
                    if let Some(o) = results
                        .last()
                        .and_then(|r| r["options"][0]["option"].as_u64())
                    {
                        calls.push(call(
                            "reschedule_appointment",
                            json!({"appointment_id": a["appointment_id"], "option": o}),
                        ));
                    }
                }
                if let Some(o) = results
                    .last()
                    .and_then(|r| r["options"][0]["option"].as_u64())
                {
                    calls.push(call(
                        "hold_slot",
                        json!({"option": o, "patient_name": "Invented Person"}),
                    ));
                    // Booked in the same turn it was held: the patient never saw it.
                    calls.push(call("book", json!({"option": o})));
                }
                if calls.is_empty() {
                    return text("All done, see you soon!");
                }
                tools(calls)
            }
            _ => {
                let held = results
                    .iter()
                    .find(|r| r["held"] == true)
                    .and_then(|r| r["option"].as_u64());
                // It claims a booking and names no slot: a yes to this is a yes to nothing.
                match held {
                    Some(o) => text(&format!("All set, you are booked! Just say yes. (ref {o})")),
                    None => text("All set, you are booked!"),
                }
            }
        }
    }
}

async fn play(behaviour: Behaviour, set: &str, first: usize) -> (Report, usize) {
    let scripted = Scripted::load(behaviour, set);
    let url = scripted.start().await;
    let app = spawn_app(Backend::Sqlite, &[("FRONTDESK_WORKERS", "0")]).await;
    let corpus = Corpus::read(&corpus_dir(), &[set.to_string()])
        .expect("the corpus reads")
        .first(first);
    let engine = EngineUnderTest::Model {
        settings: AssistantSettings {
            engine: Engine::Openai,
            base_url: Some(url),
            model: "scripted".into(),
            ..AssistantSettings::default()
        },
        api_key: None,
    };
    let report = evaluate(&app.state, &corpus, &engine)
        .await
        .expect("the corpus plays");
    println!("{report}");
    for o in report
        .outcomes
        .iter()
        .filter(|o| !o.calendar_right)
        .take(12)
    {
        println!("── {} ({})", o.id, o.kinds.join(", "));
        for (patient, assistant) in &o.transcript {
            println!("  patient:   {patient}\n  assistant: {assistant}");
        }
        for f in &o.failures {
            println!("  ✗ {f}");
        }
    }
    (report, scripted.calls.load(Ordering::Relaxed))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_good_model_keeps_the_calendar_right_through_the_tools() {
    let (report, calls) = play(Behaviour::Good, "dev", 400).await;
    let model = report.model.expect("a model answered");
    assert!(calls > 400, "the model was called {calls} times");
    assert_eq!(model.fell_back, 0, "{report}");
    let calendar = report.calendar_score("dev");
    assert!(
        calendar.rate() >= 0.9,
        "calendar right in {}/{} dialogs\n{report}",
        calendar.passed,
        calendar.total
    );
    let never = &report.never["dev"];
    assert_eq!(never.wrong_name + never.wrong_date, 0, "{report}");
}

/// "the appointment at A is at B, expected …" with B not A: it was moved.
fn moved_elsewhere(failure: &str) -> bool {
    failure
        .strip_prefix("the appointment at ")
        .and_then(|rest| rest.split_once(" is at "))
        .is_some_and(|(from, tail)| tail.split(", expected").next() != Some(from))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_model_changes_nothing_on_the_calendar() {
    let (report, calls) = play(Behaviour::Bad, "dev", 400).await;
    let model = report.model.expect("a model answered");
    assert!(calls > 400, "the model was called {calls} times");
    assert_eq!(model.fell_back, 0, "{report}");
    // Whatever the dialog wanted, nothing may have happened: each failure must be a missing
    // booking, cancellation or move, never one that happened.
    for o in &report.outcomes {
        for f in &o.failures {
            // A hold is allowed (it lapses unconfirmed); a booking, a cancellation or a move
            // is not.
            let changed = f.starts_with("booked ")
                || f.contains(" was cancelled")
                || f.contains(" was moved to ")
                || moved_elsewhere(f);
            assert!(!changed, "{}: {f}\n{:?}", o.id, o.transcript);
        }
    }
    let never = &report.never["dev"];
    assert_eq!(never.wrong_name + never.wrong_date, 0, "{report}");
}
