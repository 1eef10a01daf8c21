//! The built-in engine: no API key, no network. Rules and the local embedding model read
//! the message; a small state machine books, moves and cancels through the [`Desk`]; every
//! sentence comes from [`crate::reply`].

use std::sync::Arc;

use chrono::NaiveDate;
use frontdesk_domain::scheduling::local_time;
use frontdesk_domain::scheduling::{Appointment, Service};
use frontdesk_domain::{Clinic, Language, PractitionerId, ServiceId};
use frontdesk_knowledge::Embedder;

use crate::desk::{Desk, DeskError, KnowledgeHit, Offer};
use crate::details;
use crate::intent::{self, Intent, IntentModel, Pending};
use crate::reply::{self, Say, say};
use crate::text::{has_any, words};
use crate::when::{self};

mod answers;
mod booking;
mod choosing;
mod memory;

use answers::questions;
use booking::release_hold;
pub(crate) use booking::unnamed;
pub use memory::{Draft, Flow, Memory, Picking, Stage};

/// What one turn decided.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    /// Texts to send, in order.
    pub messages: Vec<String>,
    /// The conversation's new memory.
    pub memory: Memory,
    /// Set when a person must take over, with the reason staff will see.
    pub needs_human: Option<String>,
}

/// The built-in engine.
#[derive(Clone, Default)]
pub struct Builtin {
    intents: Option<Arc<IntentModel>>,
}

/// One turn's working state.
struct Turn<'a> {
    clinic: &'a Clinic,
    desk: &'a dyn Desk,
    lang: Language,
    today: NaiveDate,
    text: &'a str,
    /// The service the message names, by its words or (failing those) by the model.
    service_guess: Option<ServiceId>,
    /// The last day the patient named in an earlier message.
    recent_day: Option<NaiveDate>,
    /// A service the patient named in one of the last two messages.
    recent_service: Option<ServiceId>,
    /// The guess came from the model, not from the clinic's own words: it never replaces a
    /// service already agreed.
    service_by_model: bool,
    out: Vec<String>,
    needs_human: Option<String>,
    /// Knowledge searches made this turn, by text: routing and answering may ask the same.
    searched: std::sync::Mutex<Vec<(String, Vec<KnowledgeHit>)>>,
    /// How the clinic's patients write all-number dates.
    dates: when::DateOrder,
}

impl Turn<'_> {
    /// When `text` asks for, read as this clinic's patients write dates.
    fn when(&self, text: &str) -> when::When {
        when::parse_in(text, self.today, self.dates)
    }

    /// The knowledge base's hits for `text`, searched once per turn.
    async fn knowledge(&self, text: &str) -> Result<Vec<KnowledgeHit>, DeskError> {
        let known = {
            let searched = self
                .searched
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            searched
                .iter()
                .find(|(t, _)| t == text)
                .map(|(_, h)| h.clone())
        };
        if let Some(hits) = known {
            return Ok(hits);
        }
        let hits = self.desk.search_knowledge(text).await?;
        self.searched
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((text.to_string(), hits.clone()));
        Ok(hits)
    }

    fn say(&mut self, what: Say) {
        self.out.push(say(self.lang, &what));
    }

    fn hand_over(&mut self, reason: impl Into<String>) {
        self.needs_human.get_or_insert_with(|| reason.into());
    }

    fn service(&self, id: ServiceId) -> Option<&Service> {
        self.desk.services().iter().find(|s| s.id == id)
    }

    fn service_name(&self, id: ServiceId) -> String {
        self.service(id)
            .map(|s| s.details.name_in(self.lang).to_string())
            .unwrap_or_default()
    }

    fn practitioner_name(&self, id: PractitionerId) -> String {
        self.desk
            .practitioners()
            .iter()
            .find(|p| p.id == id)
            .map(|p| {
                let d = &p.details;
                if d.title.is_empty() {
                    d.name.clone()
                } else {
                    format!("{} {}", d.title, d.name)
                }
            })
            .unwrap_or_default()
    }

    fn local(&self, at: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
        local_time::local(self.clinic.profile.time_zone.0, at)
    }

    /// "Monday 23 November at 10:00 with Dt. Elif Şahin".
    fn offer_text(&self, offer: &Offer) -> String {
        format!(
            "{} {}",
            reply::date_time(self.lang, self.local(offer.starts_at)),
            reply::with_practitioner(self.lang, &self.practitioner_name(offer.practitioner_id))
        )
    }

    /// Service, date and time, practitioner, for whom, and price.
    fn booking_text(&self, service: ServiceId, offer: &Offer, patient: Option<&str>) -> String {
        let price = self.service(service).and_then(|s| s.details.price.as_ref());
        let whom = patient
            .map(|name| format!(", {}", reply::for_patient(self.lang, name)))
            .unwrap_or_default();
        format!(
            "{}, {}{whom} — {}",
            self.service_name(service),
            self.offer_text(offer),
            reply::price(self.lang, price)
        )
    }

    fn appointment_text(&self, a: &Appointment) -> String {
        let offer = Offer {
            practitioner_id: a.practitioner_id,
            starts_at: a.starts_at,
        };
        format!(
            "{}, {}",
            self.service_name(a.service_id),
            self.offer_text(&offer)
        )
    }
}

impl Builtin {
    /// The engine; with an embedder, intents the rules miss are read by the model.
    pub fn new(embedder: Option<Arc<dyn Embedder>>) -> Self {
        Builtin {
            intents: embedder.map(|e| Arc::new(IntentModel::new(e))),
        }
    }

    /// Prepares the intent model (embeds its examples), so no patient waits for it.
    pub async fn warm_up(&self) {
        if let Some(model) = &self.intents {
            model.warm_up().await;
        }
    }

    /// Answers the patient's new messages (`text`) given what was remembered.
    pub async fn respond(
        &self,
        clinic: &Clinic,
        text: &str,
        memory: &serde_json::Value,
        desk: &dyn Desk,
    ) -> Result<Reply, DeskError> {
        let mut memory: Memory = serde_json::from_value(memory.clone()).unwrap_or_default();
        // A message that still carries the conversation's language keeps it ("Sim, cancele
        // por favor" stays Portuguese though "cancele por favor" reads as Spanish).
        // Marker words first; a first message they cannot place ("booking request: a laser
        // session, Friday, March 19") by the general detector, never the clinic's default.
        let detected = crate::language::detect(text)
            .or_else(|| {
                memory
                    .language
                    .is_none()
                    .then(|| frontdesk_knowledge::language::detect(text))
                    .flatten()
            })
            .filter(|d| {
                // A few words ("Chamo-me Tânia Damásio") rarely tell a language well.
                // A name says nothing of the language: "Me chamo Mónica Rodrigues Vieira" is
                // two words of Portuguese, not five of Spanish.
                let name_words =
                    crate::names::answer_name(text).map_or(0, |name| words(&name).len());
                memory.language.is_none_or(|was| {
                    *d == was
                        || (words(text).len().saturating_sub(name_words) > 4
                            && !frontdesk_knowledge::language::shows(text, was))
                })
            });
        let lang = match detected.or(memory.language) {
            Some(l) => l,
            None => household_language(desk)
                .await
                .unwrap_or(clinic.profile.default_language),
        };
        if detected.is_some() && detected != memory.language {
            memory.language = detected;
            if let Ok(people) = desk.household().await
                && let [only] = people.as_slice()
                && only.details.language != detected
            {
                desk.remember_language(only.id, lang).await?;
            }
        }
        memory.turns += 1;
        let today = local_time::local(clinic.profile.time_zone.0, desk.now()).date();
        // Questions about the clinic asked beside a request get their answers; the request is
        // read without them (a Saturday asked about is no day to book).
        let whole = text;
        let split = side_questions(
            whole,
            today,
            desk.services(),
            !matches!(memory.flow, Flow::Idle),
        );
        let (text, side) = match &split {
            Some((rest, side)) => (rest.as_str(), side.as_slice()),
            None => (whole, &[][..]),
        };
        let mut turn = Turn {
            clinic,
            desk,
            lang,
            today,
            text,
            // "How much is vaccination? I'd like to book March 11th": the side question's
            // service is the booking's.
            service_guess: details::service(text, desk.services())
                .or_else(|| details::service(whole, desk.services())),
            service_by_model: false,
            recent_day: memory.recent_day.filter(|d| *d >= today),
            recent_service: memory
                .recent_service
                .filter(|(_, at)| memory.turns.saturating_sub(*at) <= 2)
                .map(|(s, _)| s),
            out: vec![],
            needs_human: None,
            searched: std::sync::Mutex::new(vec![]),
            dates: when::DateOrder::of(clinic.profile.time_zone.0.name(), lang),
        };
        let mut intent = intent::by_rules(text);
        if intent::by_rules(whole) == Some(Intent::Emergency) {
            intent = Some(Intent::Emergency);
        }
        // Services by everyday words: the model when the clinic's words do not match.
        // Only for a message that asks to book and is no answer to a question: the encoder
        // finds some service near any sentence.
        // Not for a question on a topic of the FAQs with no time ("tem vaga pra carro aí?",
        // "anything special to bring for pilates").
        if turn.service_guess.is_none()
            && words(text).len() >= 4
            && intent::yes_or_no(text).is_none()
            && (crate::topics::of(text).is_empty() || turn.when(text).has_time())
            && (!when::parse(text, today).is_empty() || intent::says_book(&words(text)))
            && let Some(model) = &self.intents
        {
            turn.service_guess = model.nearest_service(text, desk.services()).await;
            turn.service_by_model = turn.service_guess.is_some();
        }
        // Emergencies in words no rule lists: the model compares the message with urgent
        // and calm ones; a false alarm only brings a person in.
        if intent != Some(Intent::Emergency)
            && words(text).len() >= 4
            // A short yes or no answers a question; it describes nothing.
            && !(words(text).len() <= 6 && intent::yes_or_no(text).is_some())
            // "para o meu marido Rodrigo", "it's for my son": a short answer naming whom a
            // booking is for describes no symptom.
            && !(words(text).len() <= 6
                && (crate::names::someone_else(text).is_some()
                    || crate::names::answer_name(text).is_some()))
            && !says_not_urgent(whole)
            && let Some(model) = &self.intents
            // Questions about the clinic and nothing else ("do I have to fast for the blood
            // test? and which insurers do you take?") describe nothing happening to anyone;
            // the rules still read every sign in them.
            && !asks_only_about_the_clinic(whole, today)
            // A request for one of the clinic's services at a time two days or more ahead
            // ("un análisis de sangre el viernes 5 a las 3") plans a visit; today or tomorrow
            // may be an emergency asking to come in, and the rules still read every sign.
            && !plans_a_visit(whole, today, desk.services())
            && model.sounds_urgent(whole).await
        {
            intent = Some(Intent::Emergency);
        }
        // The model reads what the rules miss, and questions the rules only know by their
        // shape ("could a dentist see me this week?" asks for a booking).
        let unsure = intent.is_none() || intent::only_shaped_like_a_question(text);
        // Nor a question about the clinic's prices, hours or address, which rules answer.
        if unsure
            && matches!(memory.flow, Flow::Idle)
            && !asks_about_the_clinic(text)
            && details::service(text, desk.services()).is_none()
            && words(text).len() > 2
            && let Some(model) = &self.intents
            && let Some((read, _)) = model.classify(text).await
        {
            intent = Some(read);
        }
        // After an emergency answer, a follow-up that is no thanks, no "it's not urgent" and
        // no new request is the same emergency still going on ("please hurry", "is anyone
        // there??"): the line again, never a menu.
        if memory.in_emergency
            && intent != Some(Intent::Emergency)
            && !says_not_urgent(text)
            && !matches!(
                intent,
                Some(Intent::Thanks | Intent::Cancel | Intent::Reschedule | Intent::MyAppointments)
            )
            && when::parse(text, today).is_empty()
            && intent::yes_or_no(text) != Some(false)
        {
            intent = Some(Intent::Emergency);
        }
        if let Some(service) = details::service(whole, desk.services()) {
            memory.recent_service = Some((service, memory.turns));
        }
        let said = turn.when(text);
        if let (Some(from), Some(to)) = (said.from, said.to)
            && from == to
        {
            memory.recent_day = Some(from);
        }
        // A lead who gives their name while asking something else ("me chamo Luís da
        // Conceição. Vocês fazem ultrassom?") is named now, so a booking later asks no more.
        if matches!(memory.flow, Flow::Idle)
            && intent != Some(Intent::Book)
            && let Some(own) = crate::names::own_name(text)
            && let [only] = desk.household().await?.as_slice()
            && booking::unnamed(only)
        {
            desk.name_patient(only.id, &own).await?;
        }
        let flow = std::mem::take(&mut memory.flow);
        if !matches!(intent, Some(Intent::Emergency | Intent::Human)) {
            for question in side {
                self.answer(&mut turn, question).await?;
            }
        }
        memory.flow = self.step(&mut turn, intent, flow).await?;
        memory.in_emergency = intent == Some(Intent::Emergency);
        Ok(Reply {
            messages: turn.out,
            memory,
            needs_human: turn.needs_human,
        })
    }

    async fn step(
        &self,
        t: &mut Turn<'_>,
        intent: Option<Intent>,
        flow: Flow,
    ) -> Result<Flow, DeskError> {
        match intent {
            Some(Intent::Emergency) => {
                // The clinic's words when they are in the patient's language; otherwise its
                // numbers in the patient's words, never a paste of another language.
                let written = &t.clinic.profile.emergency_instructions;
                let instructions = match frontdesk_knowledge::language::of_question(written) {
                    Some(l) if l == t.lang => written.clone(),
                    _ if written.trim().is_empty() => String::new(),
                    _ => reply::call_now(t.lang, &reply::phone_numbers(written)),
                };
                t.say(Say::Emergency { instructions });
                t.hand_over(format!(
                    "URGENT: possible emergency — \"{}\"",
                    excerpt(t.text)
                ));
                // Nothing stays held for a patient who has an emergency.
                release(t, &flow).await?;
                return Ok(Flow::Idle);
            }
            Some(Intent::Human) => {
                t.say(Say::Handoff);
                t.hand_over("the patient asked for a person");
                return Ok(flow);
            }
            _ => {}
        }
        // Waiting for a yes: a sentence that confirms or refuses, with the pending action's
        // verb ("Yes please go ahead and cancel"), answers the question, whatever else it
        // sounds like.
        let pending = match &flow {
            Flow::Booking(d) if d.held.is_some() && d.moving.is_none() => Some(Pending::Book),
            Flow::Booking(d) if d.stage == Stage::ConfirmingMove => Some(Pending::Move),
            Flow::Cancelling(p) if p.chosen.is_some() => Some(Pending::Cancel),
            _ => None,
        };
        if let Some(action) = pending
            && intent::confirmation(t.text, action).is_some()
        {
            return match flow {
                Flow::Booking(d) => self.booking(t, d).await,
                Flow::Cancelling(p) => self.picking(t, p, false).await,
                Flow::Idle => Ok(Flow::Idle),
            };
        }
        // A message naming one of the clinic's services asks about it, not for advice: "how
        // much is prescription renewal?", "um horário de renovar a receita".
        // (A visit for pain is named by the pain itself, so it does not count.)
        let named = details::service(t.text, t.desk.services());
        if intent::asks_medical_advice(t.text)
            && (named.is_none() || named == details::service("pain", t.desk.services()))
        {
            t.say(Say::MedicalAdvice);
            let service = details::service("pain", t.desk.services());
            return Ok(Flow::Booking(Draft {
                service,
                stage: Stage::ExamOffered,
                ..Draft::default()
            }));
        }
        // A message that is all but one of the clinic's FAQs gets that answer, whatever its
        // words sound like ("Onde posso estacionar?", "Merhaba, cumartesi çalışıyor
        // musunuz"); a request with a time, or for one's own appointments, is no FAQ.
        // The model's reading yields to a topic of the FAQs ("otopark ücretli mi" is no
        // question about one's appointments); the rules' does not.
        let read = if crate::topics::of(t.text).is_empty() {
            intent
        } else {
            intent::by_rules(t.text)
        };
        if matches!(flow, Flow::Idle)
            && !matches!(
                read,
                Some(Intent::Cancel | Intent::Reschedule | Intent::MyAppointments | Intent::Thanks)
            )
            // "Tem vaga pra carro aí?" sounds like a booking but names no service, no day and
            // a topic of the FAQs.
            && (intent::by_rules(t.text) != Some(Intent::Book)
                || (t.service_guess.is_none()
                    && t.when(t.text).is_empty()
                    && !crate::topics::of(t.text).is_empty()))
            && t.when(t.text).at.is_none()
            && intent::yes_or_no(t.text).is_none()
            && self.some_faq(t).await?
        {
            let text = t.text;
            self.answer(t, text).await?;
            return Ok(Flow::Idle);
        }
        // A flow under way reads the message first, unless it asks for something else.
        match (flow, intent) {
            (Flow::Booking(d), Some(Intent::Cancel))
                if d.held.is_some() || d.stage == Stage::ConfirmingMove =>
            {
                // "Cancel" while confirming a new time means "don't".
                self.booking(t, d).await
            }
            // "Better at 8:30, can we change it?" while booking: the booking's time changes.
            (Flow::Booking(d), Some(Intent::Reschedule))
                if d.moving.is_none() && !t.when(t.text).is_empty() =>
            {
                self.booking(t, d).await
            }
            (flow, Some(i @ (Intent::Cancel | Intent::Reschedule | Intent::MyAppointments))) => {
                release(t, &flow).await?;
                match i {
                    Intent::Cancel => self.picking(t, Picking::default(), true).await,
                    Intent::Reschedule => {
                        self.picking(
                            t,
                            Picking {
                                to_move: true,
                                ..Picking::default()
                            },
                            true,
                        )
                        .await
                    }
                    _ => {
                        self.my_appointments(t).await?;
                        Ok(Flow::Idle)
                    }
                }
            }
            // A question that names a service and a time ("¿me podéis dar una cita de láser el
            // lunes 12 a las 12:40?"), or a time while a booking is under way, books.
            (flow, Some(Intent::Question)) if books(t, &flow) => match flow {
                Flow::Booking(d) => self.booking(t, d).await,
                _ => self.booking(t, Draft::default()).await,
            },
            // "How much is it? If it's ok I'd like Tuesday at 10:30": the answer, then the
            // booking.
            (flow, Some(Intent::Question)) if asks_and_books(t) => {
                let asked: Vec<String> = questions(t.text)
                    .into_iter()
                    .filter(|p| !books_in(p, t))
                    .collect();
                self.answer(t, &asked.join("\n")).await?;
                match flow {
                    Flow::Booking(d) => self.booking(t, d).await,
                    _ => self.booking(t, Draft::default()).await,
                }
            }
            (flow, Some(Intent::Question)) => {
                {
                    let text = t.text;
                    self.answer(t, text).await?
                };
                Ok(flow)
            }
            (Flow::Cancelling(_), Some(Intent::Book)) => self.booking(t, Draft::default()).await,
            (Flow::Booking(d), _) => self.booking(t, d).await,
            (Flow::Cancelling(p), _) => self.picking(t, p, false).await,
            (Flow::Idle, Some(Intent::Book)) => self.booking(t, Draft::default()).await,
            (Flow::Idle, _) if t.service_guess.is_some() => self.booking(t, Draft::default()).await,
            (Flow::Idle, Some(Intent::Greeting))
                if words(t.text).len() <= 4 || !asks_something(t.text) =>
            {
                t.say(Say::Greeting {
                    persona: t.clinic.profile.persona.name.clone(),
                    clinic: t.clinic.profile.name.as_str().to_string(),
                });
                Ok(Flow::Idle)
            }
            (Flow::Idle, Some(Intent::Thanks)) => {
                t.say(Say::Thanks);
                Ok(Flow::Idle)
            }
            (Flow::Idle, _) => {
                if t.text.contains('?') || asks_something(t.text) {
                    {
                        let text = t.text;
                        self.answer(t, text).await?
                    };
                } else {
                    t.say(Say::Help);
                }
                Ok(Flow::Idle)
            }
        }
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(200).collect()
}

/// Whether a message shaped like a question is about booking: it names a day or time and
/// either a service or a booking already under way.
fn books(t: &Turn<'_>, flow: &Flow) -> bool {
    let when = t.when(t.text);
    if when.is_empty() || asks_about_the_clinic(t.text) {
        return false;
    }
    matches!(flow, Flow::Booking(_)) || t.service_guess.is_some() || t.recent_service.is_some()
}

/// Whether a message asks about the clinic and also asks to book ("how much is it? if it's
/// ok I'd like Tuesday at 10:30").
fn asks_and_books(t: &Turn<'_>) -> bool {
    let parts = questions(t.text);
    parts.len() > 1 && parts.iter().any(|p| books_in(p, t)) && parts.iter().any(|p| !books_in(p, t))
}

/// Whether one part of a message asks to book: a day or time, and a service or a booking
/// word, and no question about prices, hours or the address.
fn books_in(part: &str, t: &Turn<'_>) -> bool {
    books_part(part, t.today, t.desk.services())
}

/// [`books_in`] without a turn: for splitting a message before the turn starts.
fn books_part(part: &str, today: NaiveDate, services: &[Service]) -> bool {
    let ws = words(part);
    !when::parse(part, today).is_empty()
        && !asks_about_the_clinic(part)
        && (details::service(part, services).is_some() || intent::says_book(&ws))
}

/// A message that asks or books and also asks about the clinic on the side ("a filling on
/// Tuesday 16 March at 11:30, and do you take instalments?", "cancel my appointment. Also,
/// is there parking?"): the message without its side questions, and those questions. `None`
/// when nothing is asked on the side, or nothing is left but greetings and side questions.
fn side_questions(
    text: &str,
    today: NaiveDate,
    services: &[Service],
    in_a_flow: bool,
) -> Option<(String, Vec<String>)> {
    let parts = questions(text);
    if parts.len() < 2 {
        return None;
    }
    let (side, main): (Vec<String>, Vec<String>) = parts
        .into_iter()
        .partition(|p| side_question(p, today, services));
    let rest = main.join(" ");
    let acts = in_a_flow
        || matches!(
            intent::by_rules(&rest),
            Some(Intent::Book | Intent::Cancel | Intent::Reschedule | Intent::MyAppointments)
        )
        || details::service(&rest, services).is_some();
    (!side.is_empty() && !main.is_empty() && acts).then_some((rest, side))
}

/// Whether one part of a message asks about the clinic and nothing else: its prices, hours
/// or address, or a topic of its FAQs (parking, insurance, payment, what to bring…), with no
/// time, no booking word and no service but one whose price it asks.
fn side_question(part: &str, today: NaiveDate, services: &[Service]) -> bool {
    let ws = words(part);
    let topical = !crate::topics::of(part).is_empty()
        && details::service(part, services).is_none()
        && !intent::says_book(&ws);
    answers::asks(part)
        && !books_part(part, today, services)
        && when::parse(part, today).at.is_none()
        && !matches!(
            intent::by_rules(part),
            Some(
                Intent::Cancel
                    | Intent::Reschedule
                    | Intent::MyAppointments
                    | Intent::Emergency
                    | Intent::Human
            )
        )
        && (asks_about_the_clinic(part) || topical)
        // "When is my appointment, and how much will it cost?": "it" is the rest's.
        && !(has_any(&ws, PRICE_WORDS) && details::service(part, services).is_none())
}

/// Whether every part of a message asks about the clinic (its prices, hours, address or an FAQ
/// topic such as fasting or insurance) with no time and no booking word in it.
fn asks_only_about_the_clinic(text: &str, today: NaiveDate) -> bool {
    let parts = questions(text);
    !parts.is_empty()
        && parts.iter().all(|p| {
            let ws = words(p);
            answers::asks(p)
                && (asks_about_the_clinic(p) || !crate::topics::of(p).is_empty())
                && when::parse(p, today).is_empty()
                && !intent::says_book(&ws)
        })
}

/// Whether a message asks for one of the clinic's services at a time on a day two days or
/// more ahead.
fn plans_a_visit(text: &str, today: NaiveDate, services: &[Service]) -> bool {
    let when = when::parse(text, today);
    details::service(text, services).is_some()
        && when.at.is_some()
        && when
            .from
            .is_some_and(|d| d > today + chrono::Duration::days(1))
}

/// "Not an emergency", "não é urgente", "no es urgente", "acil değil": the patient says so.
fn says_not_urgent(text: &str) -> bool {
    has_any(
        &words(text),
        &[
            "not an emergency",
            "not urgent",
            "nothing urgent",
            "not serious",
            "nao e urgente",
            "nao e urgencia",
            "nada urgente",
            "no es urgente",
            "no es una urgencia",
            "acil degil",
            "acil bir durum degil",
        ],
    )
}

/// Whether a message asks something beyond a greeting ("hi, do you do a dermatologist?").
fn asks_something(text: &str) -> bool {
    text.contains('?') || answers::asks_if_offered(text) || asks_about_the_clinic(text)
}

/// Whether a message asks for the clinic's facts: prices, hours, the address.
fn asks_about_the_clinic(text: &str) -> bool {
    let ws = words(text);
    has_any(&ws, PRICE_WORDS) || asks_hours(&ws) || has_any(&ws, ADDRESS_WORDS)
}

const PRICE_WORDS: &[&str] = &[
    "price", "prices", "cost", "costs", "how much", "fee", "fees", "charge", "charges", "pricing",
    "ne kadar", "kac para", "ucret", "ucreti", "fiyat", "fiyati", "quanto", "preco", "valor",
    "custa", "cuanto", "precio", "cuesta",
];

/// Whether words ask for opening hours: "are you open…", or "are you working" with a day
/// ("cumartesi çalışıyor musunuz", but not "sigorta şirketleriyle çalışıyor musunuz").
fn asks_hours(ws: &[String]) -> bool {
    has_any(ws, HOURS_WORDS)
        || crate::text::has_near(ws, HOURS_WORDS)
        || ws
            .iter()
            .enumerate()
            .any(|(i, w)| AMBIGUOUS_HOURS_WORDS.contains(&w.as_str()) && means_hours(ws, i))
            // "Vocês têm horário no dia 8 às 12:00?", "¿qué horarios tienen el día 5?": with a
            // date or a time beside it, "horário" is a slot on that day.
            && !names_a_slot(ws)
        || (has_any(
            ws,
            &["calisiyor musunuz", "calisiyormusunuz", "do you work"],
        ) && when::names_a_weekday(ws))
}

/// Whether a message around "horário" names a day's slot rather than the opening hours: a
/// date or a time ("no dia 8 às 12:00"), a part of the day ("sexta-feira à tarde") or what
/// it is for ("para uma revisão").
fn names_a_slot(ws: &[String]) -> bool {
    ws.iter().enumerate().any(|(i, w)| {
        w.starts_with(|c: char| c.is_ascii_digit())
            || ["manha", "manana", "tarde", "noite", "noche"].contains(&w.as_str())
            || (["para", "pra", "pro"].contains(&w.as_str())
                && ws.get(i + 1).is_some_and(|n| {
                    ["um", "uma", "un", "una", "o", "a", "el", "la"].contains(&n.as_str())
                }))
    })
}

/// "Horário" is the opening hours or a slot ("me arruma um horário"); "fecha" is "closes"
/// in Portuguese and "date" in Spanish ("otra fecha").
const AMBIGUOUS_HOURS_WORDS: &[&str] = &["horario", "horarios", "fecha"];

/// Whether the ambiguous word at `ws[i]` speaks of opening hours: not after an article or
/// word that makes it one slot or one date, nor before one that makes it free.
fn means_hours(ws: &[String], i: usize) -> bool {
    const SLOT_BEFORE: &[&str] = &[
        "um", "uma", "un", "una", "algum", "alguma", "algun", "alguna", "outro", "outra", "otro",
        "otra", "mais", "meu", "minha", "mi", "esse", "este", "ese", "esa", "esta", "la", "que",
        "qual", "cual", "de", "en", "nova", "novo", "nueva", "nuevo", "misma", "mesmo", "mesma",
        "primeiro", "primer", "melhor", "mejor", "bom",
    ];
    const SLOT_AFTER: &[&str] = &[
        "livre",
        "livres",
        "disponivel",
        "disponiveis",
        "libre",
        "libres",
        "disponible",
        "disponibles",
        "para",
        "pra",
        "pro",
        "vago",
        "vaga",
        // "têm horário quinta dia 18?": a day after it asks for a slot that day.
        "dia",
        "hoje",
        "amanha",
        "hoy",
        "manana",
        "segunda",
        "terca",
        "quarta",
        "quinta",
        "sexta",
        "lunes",
        "martes",
        "miercoles",
        "jueves",
        "viernes",
    ];
    let before = i.checked_sub(1).map(|j| ws[j].as_str());
    let after = ws.get(i + 1).map(String::as_str);
    // "Horário de funcionamento", "qual o horário de vocês": hours after all.
    if ws[i].starts_with("horario")
        && matches!(after, Some("de"))
        && ws.get(i + 2).is_some_and(|n| {
            [
                "funcionamento",
                "atendimento",
                "atencion",
                "voces",
                "abertura",
                "apertura",
            ]
            .contains(&n.as_str())
        })
    {
        return true;
    }
    if ws[i] == "fecha" {
        // Spanish "la fecha", "qué fecha", "otra fecha"; Portuguese "a clínica fecha".
        return !before.is_some_and(|b| SLOT_BEFORE.contains(&b) || b == "por");
    }
    // "¿Qué horario tienen?" asks the hours; "qué fecha" (above) a date.
    !before.is_some_and(|b| SLOT_BEFORE.contains(&b) && b != "que")
        && !after.is_some_and(|a| SLOT_AFTER.contains(&a))
}

const HOURS_WORDS: &[&str] = &[
    "open",
    "opening hours",
    "hours",
    "close",
    "closed",
    "acik",
    "aciksiniz",
    "acik misiniz",
    "acikmisiniz",
    "kaca kadar",
    "kacta",
    "calisma saatleri",
    "mesai",
    "mesai saatleri",
    "horario de atendimento",
    "horario de funcionamento",
    "calisma saatleriniz",
    "calisma saatiniz",
    "kapaniyorsunuz",
    "aciliyorsunuz",
    "kapali",
    "aberto",
    "abertos",
    "abre",
    "abrem",
    "funcionamento",
    "abierto",
    "abiertos",
    "abren",
    "abris",
    "cierran",
    "cerrais",
    "fecham",
    "horario de atencion",
];

const ADDRESS_WORDS: &[&str] = &[
    "morada",
    "onde ficam",
    "onde voces ficam",
    "en que calle",
    "donde quedan",
    "donde estan",
    "how do i get there",
    "directions",
    "address",
    "where are you",
    "where is",
    "located",
    "location",
    "nerede",
    "adres",
    "adresiniz",
    "endereco",
    "onde fica",
    "onde",
    "direccion",
    "donde",
    "ubicacion",
];

/// The language stored for the only patient behind this contact.
async fn household_language(desk: &dyn Desk) -> Option<Language> {
    match desk.household().await.ok()?.as_slice() {
        [only] => only.details.language,
        _ => None,
    }
}

/// Lets go of a hold when the conversation turns to something else.
async fn release(t: &Turn<'_>, flow: &Flow) -> Result<(), DeskError> {
    match flow {
        Flow::Booking(d) => release_hold(t, &mut d.clone()).await,
        _ => Ok(()),
    }
}
#[cfg(test)]
mod hours_tests {
    use super::asks_hours;
    use crate::text::words;

    #[test]
    fn opening_hours_or_a_slot() {
        for text in [
            "qual o horário de vocês?",
            "Qual o horário de sábado?",
            "horário de funcionamento",
            "¿Cuál es su horario de atención?",
            "a que horas fecha a clínica?",
            "a clínica fecha ao sábado?",
            "are you open on Saturdays?",
            "¿qué horario tienen?",
        ] {
            assert!(asks_hours(&words(text)), "{text}");
        }
        for text in [
            "me arruma um horário pra check-up segunda-feira dia 15 as 17:30",
            "tem horário livre na sexta?",
            "queria outro horário",
            "¿tienen otra fecha?",
            "la fecha del 12 de marzo me va bien",
            "¿qué fecha tienen libre para limpieza?",
            "tem algum horário amanhã?",
            "Vocês têm horário no dia 8 às 12:00 pra um tratamento de acne?",
            "vcs têm horário ter 9 de março, às 11h?",
            "¿Qué horarios tienen el día 5 de abril por la tarde para un análisis de sangre?",
            "Que horários têm na sexta-feira à tarde para uma revisão?",
        ] {
            assert!(!asks_hours(&words(text)), "{text}");
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use async_trait::async_trait;
    use chrono::{DateTime, NaiveDate, Utc};
    use frontdesk_domain::scheduling::{
        PartOfDay, Patient, PatientDetails, Practitioner, PractitionerDetails, Service,
        ServiceDetails, Slot,
    };
    use frontdesk_domain::{
        AppointmentId, ClinicName, ClinicProfile, Language, PatientId, PractitionerId, ServiceId,
        Slug, TimeZone,
    };

    use super::*;
    use crate::desk::KnowledgeHit;

    /// A desk whose one slot is offered forever and can never be held.
    struct Stubborn {
        service: Vec<Service>,
        practitioner: Vec<Practitioner>,
        patient: Patient,
        holds: AtomicUsize,
    }

    #[async_trait]
    impl Desk for Stubborn {
        fn now(&self) -> DateTime<Utc> {
            "2026-11-22T08:00:00Z".parse().unwrap()
        }
        fn services(&self) -> &[Service] {
            &self.service
        }
        fn practitioners(&self) -> &[Practitioner] {
            &self.practitioner
        }
        async fn find_slots(
            &self,
            _: ServiceId,
            _: Option<PractitionerId>,
            _: NaiveDate,
            _: NaiveDate,
            _: Option<PartOfDay>,
            _: usize,
        ) -> Result<Vec<Slot>, DeskError> {
            let starts_at: DateTime<Utc> = "2026-11-23T07:00:00Z".parse().unwrap();
            Ok(vec![Slot {
                practitioner_id: self.practitioner[0].id,
                starts_at,
                ends_at: starts_at + chrono::Duration::minutes(30),
            }])
        }
        async fn household(&self) -> Result<Vec<Patient>, DeskError> {
            Ok(vec![self.patient.clone()])
        }
        async fn add_patient(&self, _: &str, _: Language) -> Result<Patient, DeskError> {
            Err(DeskError::Refused("no".into()))
        }
        async fn name_patient(&self, _: PatientId, _: &str) -> Result<Patient, DeskError> {
            Err(DeskError::Refused("no".into()))
        }
        async fn remember_language(&self, _: PatientId, _: Language) -> Result<(), DeskError> {
            Ok(())
        }
        async fn hold(
            &self,
            _: PatientId,
            _: ServiceId,
            _: &Offer,
        ) -> Result<Appointment, DeskError> {
            self.holds.fetch_add(1, Ordering::SeqCst);
            Err(DeskError::SlotTaken("taken".into()))
        }
        async fn confirm(&self, _: AppointmentId) -> Result<Appointment, DeskError> {
            Err(DeskError::Refused("no".into()))
        }
        async fn usual_practitioner(
            &self,
            _: PatientId,
        ) -> Result<Option<PractitionerId>, DeskError> {
            Ok(None)
        }
        async fn upcoming(&self) -> Result<Vec<Appointment>, DeskError> {
            Ok(vec![])
        }
        async fn cancel(&self, _: AppointmentId) -> Result<Appointment, DeskError> {
            Err(DeskError::NotFound("no".into()))
        }
        async fn reschedule(&self, _: AppointmentId, _: &Offer) -> Result<Appointment, DeskError> {
            Err(DeskError::NotFound("no".into()))
        }
        async fn search_knowledge(&self, _: &str) -> Result<Vec<KnowledgeHit>, DeskError> {
            Ok(vec![])
        }
    }

    /// A 30-minute service named in English, with its aliases and practitioners.
    fn service(name: &str, aliases: &[&str], practitioner_ids: Vec<PractitionerId>) -> Service {
        Service {
            id: ServiceId::new(),
            details: ServiceDetails {
                name: BTreeMap::from([("en".into(), name.into())]),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                description: String::new(),
                duration_minutes: 30,
                price: None,
                buffer_before_minutes: 0,
                buffer_after_minutes: 0,
                active: true,
                patient_bookable: true,
                practitioner_ids,
            },
        }
    }

    #[test]
    fn a_visit_planned_days_ahead_is_no_emergency_for_the_model() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let blood = vec![service(
            "Blood test",
            &["análisis de sangre", "analisis"],
            vec![],
        )];
        assert!(plans_a_visit(
            "quisiera reservar un analisis de sangre el viernes 5, a las 3 de la tarde",
            today,
            &blood
        ));
        // Today or tomorrow, or with no time, may be someone asking to come in now.
        for text in [
            "análisis de sangre hoy a las 3, estoy sangrando mucho",
            "análisis de sangre mañana a las 9",
            "análisis de sangre el viernes",
        ] {
            assert!(!plans_a_visit(text, today, &blood), "{text}");
        }
    }

    fn services() -> Vec<Service> {
        vec![
            service("Filling", &["filling"], vec![]),
            service("Vaccination", &["vaccine"], vec![]),
        ]
    }

    #[test]
    fn questions_only_about_the_clinic_are_told_from_anything_else() {
        let today = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        for text in [
            "con qué mutuas trabajáis? otra cosa: tengo que ir en ayunas al análisis de sangre? muchas gracias",
            "do you take cards and is there parking?",
            "ne giymeliyim ve otopark var mı?",
        ] {
            assert!(asks_only_about_the_clinic(text, today), "{text}");
        }
        for text in [
            "is there parking? my husband collapsed and is not waking up",
            "do you take cards? I'd like to book a filling on Friday at 10",
            "my face is swelling and I can't swallow",
        ] {
            assert!(!asks_only_about_the_clinic(text, today), "{text}");
        }
    }

    #[test]
    fn questions_about_the_clinic_beside_a_request_are_set_apart() {
        let today = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
        let services = services();
        for (text, rest, side) in [
            (
                "hi hi, i'd like to book a filling 3/5/27 at 3:45pm. also, are u open saturdays?",
                "book a filling",
                "saturdays",
            ),
            (
                "Merhaba, randevu almak istiyorum: dolgu, Salı, 16 Mart saat 11.30, bir de şunu soracağım: taksit yapıyor musunuz",
                "16 Mart",
                "taksit",
            ),
            (
                "bom dia, tem vaga terça dia 13 de abril às 12h00 para filling? ah, e têm parque?",
                "13 de abril",
                "parque",
            ),
            (
                "Hola, ¿Me apuntas para un filling el día 14 de abril, a las 20:00? ah, y se puede ir un sábado?",
                "14 de abril",
                "sábado",
            ),
            (
                "I need to cancel my appointment. By the way, is there parking?",
                "cancel",
                "parking",
            ),
            (
                "How much is a filling? I'd like to book one on March 11th at 1:30pm",
                "March 11th",
                "How much",
            ),
        ] {
            let (kept, asked) = side_questions(text, today, &services, false)
                .unwrap_or_else(|| panic!("no side question in {text:?}"));
            assert!(
                kept.contains(rest) && !kept.contains(side),
                "{text}: kept {kept:?}"
            );
            assert!(
                asked.iter().any(|q| q.contains(side)) && !asked.iter().any(|q| q.contains(rest)),
                "{text}: asked {asked:?}"
            );
        }
        for text in [
            // Nothing asked on the side.
            "book a filling on Tuesday at 10 and my son too",
            // Only questions: answered whole, nothing to set apart.
            "do you take insurance? and is there parking?",
            // "It" is the appointment's: the price stays with it.
            "when is my next appointment, and how much will it cost?",
            // A time asked about books.
            "can I book a filling and is Tuesday at 10 free?",
        ] {
            assert_eq!(
                side_questions(text, today, &services, false),
                None,
                "{text}"
            );
        }
    }

    #[tokio::test]
    async fn a_slot_that_can_never_be_held_does_not_loop() {
        let practitioner = Practitioner {
            id: PractitionerId::new(),
            details: PractitionerDetails {
                name: "Ana Reis".into(),
                title: "Dr.".into(),
                specialty: String::new(),
                languages: vec![],
                account_id: None,
                working_hours: Default::default(),
                active: true,
            },
        };
        let desk = Stubborn {
            service: vec![service("Cleaning", &[], vec![practitioner.id])],
            practitioner: vec![practitioner],
            patient: Patient {
                id: PatientId::new(),
                details: PatientDetails {
                    name: "Rui Lopes".into(),
                    phone: None,
                    email: None,
                    language: None,
                    date_of_birth: None,
                    notes: String::new(),
                },
                created_at: Utc::now(),
            },
            holds: AtomicUsize::new(0),
        };
        let clinic = Clinic {
            id: frontdesk_domain::ClinicId::new(),
            slug: Slug::parse("s", "stubborn").unwrap(),
            profile: ClinicProfile::new(
                ClinicName::parse("n", "Stubborn").unwrap(),
                TimeZone::parse("t", "Europe/Lisbon").unwrap(),
                Language::En,
            ),
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        let reply = Builtin::default()
            .respond(
                &clinic,
                "book a cleaning tomorrow at 7am",
                &serde_json::json!({}),
                &desk,
            )
            .await
            .unwrap();
        let text = reply.messages.join("\n");
        assert!(text.contains("just taken"), "{text}");
        assert!(
            text.contains("1. "),
            "offered as a list to choose from: {text}"
        );
        assert_eq!(
            desk.holds.load(Ordering::SeqCst),
            1,
            "held once, not in a loop"
        );
    }
}
