//! The built-in assistant's numbers, with the local embedding model loaded when its weights
//! are in the model cache:
//! - turn latency: from a claimed turn job to its commit (the debounce excluded), p50 and
//!   p99 over every turn of the dialogs below;
//! - the share of scripted booking, moving and cancelling dialogs per language that end
//!   with the right calendar. Each dialog combines a way of asking with a day and time; a
//!   simple patient answers whatever the assistant asks (a name, a choice, yes).
//!
//! `cargo bench -p frontdesk --bench assistant` runs every combination; under `cargo test`
//! a few.

use std::time::Instant;

use chrono::{Datelike, Duration, NaiveTime, Timelike, Utc, Weekday};
use frontdesk::configuration::{Config, RawSettings};
use frontdesk::jobs;
use frontdesk::service::scheduling::{self, BookingRequest};
use frontdesk::state::AppState;
use frontdesk_domain::messaging::{Author, ChannelKind};
use frontdesk_domain::scheduling::{
    Actor, AppointmentKind, AppointmentSource, AppointmentStatus, local_time,
};
use frontdesk_domain::{ChannelId, Clinic, PatientId, Slug};
use frontdesk_store::{AppointmentFilter, ChannelRecord, Intake, NewInbound, testing};

/// One language's ways of asking, and the words that show what the assistant asked.
struct Lang {
    name: &'static str,
    /// (message, the service's English name)
    services: &'static [(&'static str, &'static str)],
    /// (message, weekday, the hours a start may have)
    whens: &'static [(&'static str, Weekday, Hours)],
    picks: &'static [&'static str],
    moves: &'static [&'static str],
    cancels: &'static [&'static str],
    patient_name: &'static str,
    yes: &'static str,
    yes_no: &'static str,
    asks_name: &'static str,
    asks_who: &'static str,
}

/// First and last hour a start may have.
type Hours = (u32, u32);
const AT_ELEVEN: Hours = (11, 11);
const MORNING: Hours = (0, 11);
const AFTERNOON: Hours = (12, 16);
const AFTER_THREE: Hours = (15, 23);

const LANGS: &[Lang] = &[
    Lang {
        name: "en",
        services: &[
            ("I'd like to book a cleaning", "Check-up and cleaning"),
            ("Can I book teeth whitening?", "Teeth whitening"),
            (
                "my tooth hurts, I need to see a dentist",
                "Toothache examination",
            ),
            (
                "I want an appointment for a check-up",
                "Check-up and cleaning",
            ),
        ],
        whens: &[
            ("Wednesday at 11am", Weekday::Wed, AT_ELEVEN),
            ("Thursday afternoon", Weekday::Thu, AFTERNOON),
            ("next Friday in the morning", Weekday::Fri, MORNING),
            ("Tuesday after 3pm", Weekday::Tue, AFTER_THREE),
        ],
        picks: &["the first one", "2", "the last one"],
        moves: &[
            "I need to reschedule",
            "can I move my appointment?",
            "please change my appointment",
        ],
        cancels: &[
            "I want to cancel my appointment",
            "please cancel my booking",
            "I can't make it, cancel it please",
        ],
        patient_name: "Sam Porter",
        yes: "yes please",
        yes_no: "(yes/no)",
        asks_name: "full name",
        asks_who: "Who is the appointment for?",
    },
    Lang {
        name: "tr",
        services: &[
            (
                "Diş temizliği için randevu almak istiyorum",
                "Check-up and cleaning",
            ),
            ("beyazlatma randevusu alabilir miyim", "Teeth whitening"),
            (
                "dişim ağrıyor, muayene olmak istiyorum",
                "Toothache examination",
            ),
            ("kontrol için randevu istiyorum", "Check-up and cleaning"),
        ],
        whens: &[
            ("çarşamba saat 11", Weekday::Wed, AT_ELEVEN),
            ("perşembe öğleden sonra", Weekday::Thu, AFTERNOON),
            ("cuma sabah", Weekday::Fri, MORNING),
            ("salı saat 15'ten sonra", Weekday::Tue, AFTER_THREE),
        ],
        picks: &["birincisi", "2", "sonuncusu"],
        moves: &[
            "randevumu değiştirmek istiyorum",
            "randevumu başka bir güne alabilir miyiz",
            "randevumu ertelemek istiyorum",
        ],
        cancels: &[
            "randevumu iptal etmek istiyorum",
            "randevuyu iptal edin lütfen",
            "gelemeyeceğim, iptal edelim",
        ],
        patient_name: "Kemal Aydın",
        yes: "evet",
        yes_no: "(evet/hayır)",
        asks_name: "adı ve soyadı",
        asks_who: "Randevu kimin için?",
    },
    Lang {
        name: "pt",
        services: &[
            ("Quero marcar uma limpeza", "Check-up and cleaning"),
            ("gostaria de agendar um clareamento", "Teeth whitening"),
            (
                "estou com dor de dente, preciso de uma consulta",
                "Toothache examination",
            ),
            ("queria marcar uma revisão", "Check-up and cleaning"),
        ],
        whens: &[
            ("quarta às 11h", Weekday::Wed, AT_ELEVEN),
            ("quinta à tarde", Weekday::Thu, AFTERNOON),
            ("sexta de manhã", Weekday::Fri, MORNING),
            ("terça depois das 15h", Weekday::Tue, AFTER_THREE),
        ],
        picks: &["a primeira", "2", "a última"],
        moves: &[
            "preciso remarcar",
            "posso mudar minha consulta?",
            "quero trocar o horário da consulta",
        ],
        cancels: &[
            "quero cancelar minha consulta",
            "pode desmarcar minha consulta?",
            "não vou poder ir, cancela por favor",
        ],
        patient_name: "Paulo Mendes",
        yes: "sim",
        yes_no: "(sim/não)",
        asks_name: "nome completo",
        asks_who: "Para quem é a consulta?",
    },
    Lang {
        name: "es",
        services: &[
            (
                "Quiero pedir una cita para una limpieza",
                "Check-up and cleaning",
            ),
            ("quisiera reservar un blanqueamiento", "Teeth whitening"),
            (
                "me duele una muela, necesito una cita",
                "Toothache examination",
            ),
            ("quiero una cita para una revisión", "Check-up and cleaning"),
        ],
        whens: &[
            ("el miércoles a las 11", Weekday::Wed, AT_ELEVEN),
            ("el jueves por la tarde", Weekday::Thu, AFTERNOON),
            ("el viernes por la mañana", Weekday::Fri, MORNING),
            ("el martes después de las 15:00", Weekday::Tue, AFTER_THREE),
        ],
        picks: &["la primera", "2", "la última"],
        moves: &[
            "necesito cambiar mi cita",
            "¿puedo mover mi cita?",
            "quiero reprogramar mi cita",
        ],
        cancels: &[
            "quiero cancelar mi cita",
            "por favor anule mi cita",
            "no puedo ir, cancele la cita",
        ],
        patient_name: "Elena Ruiz",
        yes: "sí",
        yes_no: "(sí/no)",
        asks_name: "nombre completo",
        asks_who: "¿Para quién es la cita?",
    },
];

struct Bench {
    state: AppState,
    clinic: Clinic,
    web: ChannelId,
    whatsapp: ChannelId,
    turns_ms: Vec<f64>,
    sent: u64,
}

impl Bench {
    async fn say(
        &mut self,
        channel: ChannelId,
        contact: &str,
        phone: bool,
        text: &str,
    ) -> anyhow::Result<String> {
        self.sent += 1;
        let now = Utc::now();
        let store = &self.state.store;
        let accepted = store
            .accept_inbound(&[NewInbound {
                clinic_id: self.clinic.id,
                channel_id: channel,
                contact: contact.into(),
                contact_is_phone: phone,
                contact_name: None,
                provider_message_id: format!("bench-{}", self.sent),
                content: serde_json::json!({"type": "text", "body": text}),
                preview: text.into(),
                sent_at: Some(now),
                received_at: now,
                debounce: chrono::Duration::zero(),
                turn_attempts: frontdesk_store::JobKind::Turn.max_attempts(),
            }])
            .await?;
        let Intake::Accepted {
            conversation,
            message,
        } = accepted[0]
        else {
            anyhow::bail!("not accepted");
        };
        loop {
            let jobs = store.claim("bench", 10, jobs::LEASE, Utc::now()).await?;
            let turns: Vec<_> = jobs
                .into_iter()
                .filter(|j| j.kind == frontdesk_store::JobKind::Turn)
                .collect();
            if turns.is_empty() {
                break;
            }
            for job in turns {
                let started = Instant::now();
                jobs::run(
                    &**store,
                    &self.state.messaging,
                    &self.state.knowledge,
                    "bench",
                    job,
                )
                .await;
                self.turns_ms.push(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        let messages = store
            .messages(self.clinic.id, conversation, None, 20)
            .await?;
        let asked = messages
            .iter()
            .find(|m| m.id == message)
            .map(|m| m.seq)
            .unwrap_or(i64::MAX);
        let mut replies: Vec<_> = messages
            .iter()
            .filter(|m| m.seq > asked && m.author == Author::Assistant)
            .collect();
        replies.sort_by_key(|m| m.seq);
        Ok(replies
            .iter()
            .map(|m| m.preview.as_str())
            .collect::<Vec<_>>()
            .join("\n"))
    }

    /// Plays a simple patient: says `first`, then answers what is asked until the
    /// assistant stops asking (at most eight turns).
    async fn dialog(
        &mut self,
        l: &Lang,
        (channel, contact, phone): (ChannelId, &str, bool),
        first: &str,
        when: &str,
        pick: &str,
    ) -> anyhow::Result<Vec<String>> {
        let mut transcript = vec![];
        let mut reply = self.say(channel, contact, phone, first).await?;
        transcript.push(format!("> {first}\n{reply}"));
        let mut said_when = false;
        for _ in 0..8 {
            let next = if reply.contains(l.yes_no) {
                l.yes
            } else if reply.contains(l.asks_name) {
                l.patient_name
            } else if reply.contains(l.asks_who) {
                "1"
            } else if reply.contains("\n1. ") {
                pick
            } else if !said_when {
                said_when = true;
                when
            } else {
                break;
            };
            reply = self.say(channel, contact, phone, next).await?;
            transcript.push(format!("> {next}\n{reply}"));
            if next == l.yes {
                break;
            }
        }
        Ok(transcript)
    }

    fn local(&self, at: chrono::DateTime<Utc>) -> chrono::NaiveDateTime {
        local_time::local(self.clinic.profile.time_zone.0, at)
    }

    async fn live_of(
        &self,
        patient: PatientId,
    ) -> anyhow::Result<Vec<frontdesk_domain::scheduling::Appointment>> {
        let filter = AppointmentFilter {
            patient: Some(patient),
            limit: 50,
            ..AppointmentFilter::default()
        };
        Ok(self
            .state
            .store
            .appointments(self.clinic.id, &filter)
            .await?)
    }

    fn fits(
        &self,
        a: &frontdesk_domain::scheduling::Appointment,
        day: Weekday,
        hours: Hours,
    ) -> bool {
        let at = self.local(a.starts_at);
        let hour = at.time().hour();
        at.date().weekday() == day && (hours.0..=hours.1).contains(&hour)
    }

    /// Cancels every live appointment, so each dialog starts from an empty calendar.
    async fn clear_calendar(&self) -> anyhow::Result<()> {
        let filter = AppointmentFilter {
            limit: 1000,
            ..AppointmentFilter::default()
        };
        for a in self
            .state
            .store
            .appointments(self.clinic.id, &filter)
            .await?
        {
            if a.status.blocks_time() {
                let change = frontdesk_domain::scheduling::StatusChange::Cancel {
                    by: frontdesk_domain::scheduling::CancelledBy::Clinic,
                    reason: None,
                };
                self.state
                    .store
                    .change_status(self.clinic.id, a.id, &change, Actor::system(), Utc::now())
                    .await?;
            }
        }
        Ok(())
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let full = std::env::args().any(|a| a == "--bench");
    let dir = tempfile::tempdir()?;
    let model = frontdesk_knowledge::default_model_path();
    let with_model = model.exists();
    let env: Vec<(String, String)> = vec![
        (
            "FRONTDESK_DATABASE_URL".into(),
            testing::fresh_sqlite_url(dir.path()),
        ),
        (
            "FRONTDESK_DATA_DIR".into(),
            dir.path().display().to_string(),
        ),
        (
            "FRONTDESK_SECRET_KEY".into(),
            "YmVuY2gtc2VjcmV0LWtleS10aGF0LWlzLWxvbmctZW5vdWdo".into(),
        ),
        ("FRONTDESK_LOG".into(), "warn".into()),
        ("FRONTDESK_WORKERS".into(), "0".into()),
        (
            "FRONTDESK_EMBEDDING".into(),
            if with_model { "local" } else { "none" }.into(),
        ),
    ];
    let config = Config::from_sources(RawSettings::default(), &env.into_iter().collect())
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let state = frontdesk::startup::prepare(config).await?;
    frontdesk::demo::seed(&state).await?;
    let clinic = state
        .store
        .clinic_by_slug_unscoped(&Slug::parse("slug", "bright-smile")?)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no demo clinic"))?;
    let web = state
        .store
        .channels(clinic.id)
        .await?
        .into_iter()
        .find(|c| c.record.kind == ChannelKind::WebChat)
        .ok_or_else(|| anyhow::anyhow!("no web chat"))?
        .id;
    let whatsapp = state
        .store
        .create_channel(
            clinic.id,
            &ChannelRecord {
                kind: ChannelKind::Twilio,
                name: "WhatsApp".into(),
                address: "+902125550100".into(),
                route_key: None,
                settings: serde_json::json!({"debounce_ms": 0}),
                credentials: "v1:k1:sealed".into(),
                active: true,
            },
        )
        .await?
        .id;
    let mut b = Bench {
        state,
        clinic,
        web,
        whatsapp,
        turns_ms: vec![],
        sent: 0,
    };
    // The server embeds the intent examples in the background at start; wait for that.
    b.state.messaging.assistant.warm_up().await;
    b.say(b.web, "web:warm", false, "hello").await?;
    b.turns_ms.clear();

    let per_language = if full { usize::MAX } else { 2 };
    let mut visitor = 0u32;
    let mut phone = 0u32;
    println!(
        "built-in assistant, embedding model {}",
        if with_model {
            "loaded"
        } else {
            "absent (rules only)"
        }
    );
    for l in LANGS {
        let (mut booked, mut booking_runs) = (0, 0);
        let (mut moved, mut moving_runs) = (0, 0);
        let (mut cancelled, mut cancelling_runs) = (0, 0);
        let combos: Vec<(usize, usize)> = (0..l.services.len())
            .flat_map(|s| (0..l.whens.len()).map(move |w| (s, w)))
            .take(per_language)
            .collect();
        for (n, (s, w)) in combos.iter().copied().enumerate() {
            // Booking, on the web chat (the patient gives their name).
            visitor += 1;
            let contact = format!("web:bench-{visitor}");
            let (text, service) = l.services[s];
            let (when, day, part) = l.whens[w];
            b.clear_calendar().await?;
            let pick = l.picks[n % l.picks.len()];
            let transcript = b
                .dialog(l, (b.web, &contact, false), text, when, pick)
                .await?;
            booking_runs += 1;
            let conversation = b
                .state
                .store
                .conversations(
                    b.clinic.id,
                    &frontdesk_store::ConversationFilter {
                        limit: 1,
                        ..Default::default()
                    },
                )
                .await?;
            let patient = conversation.first().and_then(|c| c.patient_id);
            if let Some(patient) = patient {
                let live: Vec<_> = b
                    .live_of(patient)
                    .await?
                    .into_iter()
                    .filter(|a| a.status.blocks_time())
                    .collect();
                let services = b.state.store.services(b.clinic.id).await?;
                let wanted = services
                    .iter()
                    .find(|x| x.details.name["en"] == service)
                    .map(|x| x.id);
                if live.len() == 1
                    && live[0].status == AppointmentStatus::Confirmed
                    && Some(live[0].service_id) == wanted
                    && b.fits(&live[0], day, part)
                {
                    booked += 1;
                } else {
                    eprintln!(
                        "[{}] booking went wrong:\n{}\n",
                        l.name,
                        transcript.join("\n")
                    );
                }
            } else {
                eprintln!("[{}] booking {text:?} + {when:?}: no patient", l.name);
            }

            // Moving and cancelling an appointment staff booked, on WhatsApp.
            for moving in [true, false] {
                b.clear_calendar().await?;
                phone += 1;
                let number = format!("+90555{phone:07}");
                let details = serde_json::from_value(
                    serde_json::json!({"name": l.patient_name, "phone": number}),
                )?;
                let patient = b
                    .state
                    .store
                    .create_patient(b.clinic.id, PatientId::new(), &details, Utc::now())
                    .await?;
                let services = b.state.store.services(b.clinic.id).await?;
                let cleaning = services
                    .iter()
                    .find(|x| x.details.name["en"] == "Check-up and cleaning")
                    .map(|x| x.id)
                    .ok_or_else(|| anyhow::anyhow!("no cleaning"))?;
                // Monday 09:00 next week, with whoever is free.
                let today = b.local(Utc::now()).date();
                let monday = (1..=7)
                    .map(|d| today + Duration::days(d))
                    .find(|d| d.weekday() == Weekday::Mon)
                    .unwrap_or(today);
                let start = local_time::range_start(
                    b.clinic.profile.time_zone.0,
                    monday.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default()),
                );
                let request = BookingRequest {
                    service_id: cleaning,
                    practitioner_id: None,
                    patient_id: patient.id,
                    starts_at: start,
                    hold: false,
                    kind: AppointmentKind::InPerson,
                    source: AppointmentSource::Staff,
                    notes: String::new(),
                    actor: Actor::system(),
                    idempotency: None,
                    // Seeding far ahead as staff: the horizon is not what this measures.
                    beyond_horizon: true,
                };
                let Ok(original) =
                    scheduling::book(&*b.state.store, &b.clinic, request, Utc::now()).await
                else {
                    // Monday 09:00 already taken by an earlier round: free it and go on.
                    continue;
                };
                let text = if moving {
                    l.moves[n % l.moves.len()]
                } else {
                    l.cancels[n % l.cancels.len()]
                };
                let transcript = b
                    .dialog(l, (b.whatsapp, &number, true), text, when, pick)
                    .await?;
                let after = b.live_of(patient.id).await?;
                let a = after.iter().find(|a| a.id == original.appointment.id);
                if moving {
                    moving_runs += 1;
                    match a {
                        Some(a)
                            if a.status == AppointmentStatus::Confirmed && b.fits(a, day, part) =>
                        {
                            moved += 1
                        }
                        _ => eprintln!(
                            "[{}] moving went wrong:\n{}\n",
                            l.name,
                            transcript.join("\n")
                        ),
                    }
                } else {
                    cancelling_runs += 1;
                    match a {
                        Some(a) if a.status == AppointmentStatus::Cancelled => cancelled += 1,
                        _ => eprintln!(
                            "[{}] cancelling went wrong:\n{}\n",
                            l.name,
                            transcript.join("\n")
                        ),
                    }
                }
            }
        }
        let all = booking_runs + moving_runs + cancelling_runs;
        let right = booked + moved + cancelled;
        println!(
            "{}: right calendar after {right}/{all} dialogs ({:.1}%): booking {booked}/{booking_runs}, moving {moved}/{moving_runs}, cancelling {cancelled}/{cancelling_runs}",
            l.name,
            100.0 * right as f64 / all.max(1) as f64
        );
    }
    // Turns the rules cannot read alone: the embedding model reads them (one query
    // embedding each), so they are measured apart.
    let rules_only = b.turns_ms.len();
    if with_model {
        let paraphrases = [
            "Is there any chance a dentist could look at me this week",
            "Bu hafta beni bir doktorun görmesi mümkün mü acaba",
            "Será que algum dentista consegue me atender essa semana",
            "Habría forma de que un dentista me viera esta semana",
        ];
        let rounds = if full { 10 } else { 1 };
        for round in 0..rounds {
            for (i, text) in paraphrases.iter().enumerate() {
                let contact = format!("web:model-{round}-{i}");
                b.say(b.web, &contact, false, text).await?;
            }
        }
        let mut m = b.turns_ms[rules_only..].to_vec();
        m.sort_by(f64::total_cmp);
        if !m.is_empty() {
            println!(
                "turns read by the embedding model: p50 {:.2} ms, p99 {:.2} ms over {} turns",
                m[m.len() / 2],
                m[((m.len() as f64 - 1.0) * 0.99).round() as usize],
                m.len()
            );
        }
        b.turns_ms.truncate(rules_only);
    }
    let mut t = b.turns_ms.clone();
    t.sort_by(f64::total_cmp);
    let at = |q: f64| t[((t.len() as f64 - 1.0) * q).round() as usize];
    if !t.is_empty() {
        println!(
            "turn latency of the dialogs (claimed job to commit, SQLite, debounce excluded): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms over {} turns",
            at(0.5),
            at(0.99),
            t[t.len() - 1],
            t.len()
        );
    }
    Ok(())
}
