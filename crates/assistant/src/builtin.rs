//! The built-in engine: no API key, no network. Rules and the local embedding model read
//! the message; a small state machine books, moves and cancels through the [`Desk`]; every
//! sentence comes from [`crate::reply`].

use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use frontdesk_domain::scheduling::local_time;
use frontdesk_domain::scheduling::{Appointment, AppointmentStatus, Patient, Service};
use frontdesk_domain::{AppointmentId, Clinic, Language, PatientId, PractitionerId, ServiceId};
use frontdesk_knowledge::Embedder;
use serde::{Deserialize, Serialize};

use crate::desk::{Desk, DeskError, KnowledgeHit, Offer};
use crate::details;
use crate::intent::{self, Intent, IntentModel, Pending};
use crate::names;
use crate::reply::{self, Say, say};
use crate::text::{has_any, words};
use crate::when::{self, When};

/// Options offered at once.
const OFFERS: usize = 3;
/// Days searched when the patient names none.
const SEARCH_DAYS: i64 = 14;
/// Days searched for the nearest alternatives.
const ALTERNATIVE_DAYS: i64 = 28;
/// Similarity a knowledge hit needs to be given as the answer.
const MIN_ANSWER_SIMILARITY: f32 = 0.82;
/// Longest passage quoted as an answer.
const MAX_ANSWER_CHARS: usize = 700;

/// What the assistant remembers of a conversation (stored as its state).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    /// The language the patient writes in.
    #[serde(default)]
    pub language: Option<Language>,
    /// What is under way.
    #[serde(default)]
    pub flow: Flow,
    /// Turns answered.
    #[serde(default)]
    pub turns: u64,
}

/// A task under way.
// One per conversation turn, moved rarely: boxing the draft would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flow {
    /// Nothing.
    #[default]
    Idle,
    /// Booking, or moving an appointment (`moving`).
    Booking(Draft),
    /// Cancelling.
    Cancelling(Picking),
}

/// A booking or a move being worked out.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The service.
    pub service: Option<ServiceId>,
    /// The practitioner asked for.
    pub practitioner: Option<PractitionerId>,
    /// When the patient wants to come.
    #[serde(default)]
    pub when: When,
    /// Whether we asked when.
    #[serde(default)]
    pub asked_when: bool,
    /// Services listed for the patient to pick from.
    #[serde(default)]
    pub service_options: Vec<ServiceId>,
    /// Slots offered.
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// The slot chosen.
    pub chosen: Option<Offer>,
    /// For whom.
    pub patient: Option<PatientId>,
    /// Whether we asked who it is for (and these were the names offered).
    #[serde(default)]
    pub household: Vec<PatientId>,
    /// Whether we asked for the patient's name.
    #[serde(default)]
    pub asked_name: bool,
    /// Booking for someone other than the writer, as the writer calls them ("my son").
    #[serde(default)]
    pub for_other: Option<String>,
    /// The name of the patient it is for, once settled, for the confirmation.
    #[serde(default)]
    pub patient_name: Option<String>,
    /// The hold waiting for the patient's yes.
    pub held: Option<AppointmentId>,
    /// The appointment being moved, when this is a move.
    pub moving: Option<AppointmentId>,
    /// Where it is now.
    pub moving_from: Option<Offer>,
    /// The move's target, waiting for the patient's yes.
    #[serde(default)]
    pub confirming_move: bool,
    /// Whether we offered to book after medical questions (a yes starts the search).
    #[serde(default)]
    pub offered_exam: bool,
}

/// Choosing an appointment (to cancel), then confirming.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Picking {
    /// Listed for choosing.
    #[serde(default)]
    pub listed: Vec<AppointmentId>,
    /// Chosen, waiting for the yes.
    pub chosen: Option<AppointmentId>,
    /// The patient asked to move rather than cancel.
    #[serde(default)]
    pub to_move: bool,
}

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
    /// The guess came from the model, not from the clinic's own words: it never replaces a
    /// service already agreed.
    service_by_model: bool,
    out: Vec<String>,
    needs_human: Option<String>,
}

impl Turn<'_> {
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
        let detected = crate::language::detect(text).filter(|d| {
            // A few words ("Chamo-me Tânia Damásio") rarely tell a language well.
            memory.language.is_none_or(|was| {
                *d == was
                    || (words(text).len() > 4 && !frontdesk_knowledge::language::shows(text, was))
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
        let mut turn = Turn {
            clinic,
            desk,
            lang,
            today,
            text,
            service_guess: details::service(text, desk.services()),
            service_by_model: false,
            out: vec![],
            needs_human: None,
        };
        let mut intent = intent::by_rules(text);
        // Services by everyday words: the model when the clinic's words do not match.
        // Only for a message that asks to book and is no answer to a question: the encoder
        // finds some service near any sentence.
        if turn.service_guess.is_none()
            && words(text).len() >= 4
            && intent::yes_or_no(text).is_none()
            && (!when::parse(text, today).is_empty()
                || has_any(&words(text), intent::BOOK)
                || crate::text::has_stem(&words(text), intent::BOOK_STEMS))
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
            && let Some(model) = &self.intents
            && model.sounds_urgent(text).await
        {
            intent = Some(Intent::Emergency);
        }
        // The model reads what the rules miss, and questions the rules only know by their
        // shape ("could a dentist see me this week?" asks for a booking).
        let unsure = intent.is_none() || intent::only_shaped_like_a_question(text);
        if unsure
            && matches!(memory.flow, Flow::Idle)
            && details::service(text, desk.services()).is_none()
            && words(text).len() > 2
            && let Some(model) = &self.intents
            && let Some((read, _)) = model.classify(text).await
        {
            intent = Some(read);
        }
        let flow = std::mem::take(&mut memory.flow);
        memory.flow = self.step(&mut turn, intent, flow).await?;
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
            Flow::Booking(d) if d.confirming_move => Some(Pending::Move),
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
        // A request to book a named service is no request for advice ("prescription renewal").
        if intent::asks_medical_advice(t.text)
            && details::service(t.text, t.desk.services()).is_none()
            && when::parse(t.text, t.today).is_empty()
        {
            t.say(Say::MedicalAdvice);
            let service = details::service("pain", t.desk.services());
            return Ok(Flow::Booking(Draft {
                service,
                offered_exam: true,
                ..Draft::default()
            }));
        }
        // A flow under way reads the message first, unless it asks for something else.
        match (flow, intent) {
            (Flow::Booking(d), Some(Intent::Cancel)) if d.held.is_some() || d.confirming_move => {
                // "Cancel" while confirming a new time means "don't".
                self.booking(t, d).await
            }
            // "Better at 8:30, can we change it?" while booking: the booking's time changes.
            (Flow::Booking(d), Some(Intent::Reschedule))
                if d.moving.is_none() && !when::parse(t.text, t.today).is_empty() =>
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
            (Flow::Idle, _) if t.service_guess.is_some() => {
                self.booking(t, Draft::default()).await
            }
            (Flow::Idle, Some(Intent::Greeting)) => {
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
                if t.text.contains('?') {
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

    /// Booking and moving: fill in what the message says, then do or ask the next thing.
    async fn booking(&self, t: &mut Turn<'_>, mut d: Draft) -> Result<Flow, DeskError> {
        let services = t.desk.services();
        if services.is_empty() && d.moving.is_none() {
            t.say(Say::NothingToBook);
            t.hand_over("the patient wants to book but no service can be booked by chat");
            return Ok(Flow::Idle);
        }
        // What the message says.
        let new_service = t
            .service_guess
            .filter(|_| !(t.service_by_model && d.service.is_some()))
            .or_else(|| {
            (!d.service_options.is_empty() && d.service.is_none())
                .then(|| details::choice(t.text, d.service_options.len()))
                .flatten()
                .map(|i| d.service_options[i])
        });
        let new_practitioner = details::practitioner(t.text, t.desk.practitioners());
        let mut new_when = when::parse(t.text, t.today);
        let action = if d.moving.is_some() {
            Pending::Move
        } else {
            Pending::Book
        };
        let answer = intent::confirmation(t.text, action);
        // "Friday 11 February" when the 11th is a Thursday: ask, do nothing.
        if let (Some(named), Some(day)) = (new_when.conflict, new_when.from) {
            if d.moving.is_none()
                && let Some(s) = new_service
            {
                d.service = Some(s);
            }
            if new_practitioner.is_some() {
                d.practitioner = new_practitioner;
            }
            if d.moving.is_none() {
                self.read_people(t, &mut d).await?;
            }
            t.say(Say::WhichDay {
                date: reply::date(t.lang, day),
                other: reply::date(t.lang, nearest_weekday(day, named)),
            });
            // The time stays; the day waits for the patient's answer.
            if new_when.has_time() {
                d.when = When {
                    from: None,
                    to: None,
                    conflict: None,
                    ..new_when
                };
                d.offers.clear();
                d.chosen = None;
            }
            d.asked_when = true;
            return Ok(Flow::Booking(d));
        }
        // "The same day, but later": the day and time under discussion.
        if new_when.same_day || new_when.later.is_some() {
            let discussed = d
                .chosen
                .or_else(|| d.offers.last().copied())
                .or(d.moving_from.filter(|_| d.moving.is_some()))
                .map(|o| t.local(o.starts_at));
            if new_when.same_day {
                let day = discussed.map(|at| at.date()).or(d.when.from);
                new_when.from = day;
                new_when.to = day;
                new_when.same_day = false;
            }
            if let Some(at) = discussed {
                match new_when.later.take() {
                    Some(true) => new_when.after = Some(at.time() + Duration::minutes(1)),
                    Some(false) => new_when.before = Some(at.time()),
                    None => {}
                }
                if new_when.from.is_none() {
                    new_when.from = Some(at.date());
                    new_when.to = Some(at.date());
                }
            }
            new_when.later = None;
        }
        // Who it is for, as this message says ("it's for my son Deniz").
        let before = d.patient;
        if d.moving.is_none() {
            self.read_people(t, &mut d).await?;
        }
        let people_changed = before.is_some() && d.patient != before;
        // "Ok great, book that one" confirms the held time; "one" picks nothing there.
        let confirming = (d.held.is_some() || d.confirming_move)
            && answer == Some(true)
            && new_when.is_empty();
        let picked = pick_offer(t, &d, &new_when).filter(|_| !confirming);
        let changes = people_changed
            || (new_service.is_some() && new_service != d.service && d.moving.is_none())
            || (new_practitioner.is_some() && new_practitioner != d.practitioner)
            || !new_when.is_empty()
            || details::none_suits(t.text)
            || (picked.is_some() && d.chosen.is_some() && picked != d.chosen);

        // Waiting for a yes to a held slot or a move.
        if d.held.is_some() || d.confirming_move {
            if !changes {
                match answer {
                    Some(true) => return self.finish(t, d).await,
                    Some(false) => {
                        release_hold(t, &mut d).await?;
                        d.confirming_move = false;
                        d.chosen = None;
                        d.offers.clear();
                        if d.moving.is_some() {
                            t.say(Say::Kept);
                            return Ok(Flow::Idle);
                        }
                        t.say(Say::NotBooked);
                        return Ok(Flow::Booking(d));
                    }
                    None => {
                        self.ask_confirmation(t, &d);
                        return Ok(Flow::Booking(d));
                    }
                }
            }
            // A change of mind: let the hold go and start from the new wish (the same time
            // when only the person changed).
            let keep = d
                .chosen
                .filter(|_| people_changed && new_when.is_empty() && picked.is_none());
            release_hold(t, &mut d).await?;
            d.confirming_move = false;
            d.chosen = keep;
        }

        // After the medical-advice offer, a yes starts the search.
        if d.offered_exam && answer == Some(false) && new_when.is_empty() {
            t.say(Say::Thanks);
            return Ok(Flow::Idle);
        }
        if d.offered_exam && answer == Some(true) {
            d.offered_exam = false;
            d.asked_when = true;
        }

        if let Some(s) = new_service
            && d.moving.is_none()
            && Some(s) != d.service
        {
            d.service = Some(s);
            d.offers.clear();
            d.chosen = None;
        }
        if let Some(p) = new_practitioner
            && Some(p) != d.practitioner
        {
            d.practitioner = Some(p);
            d.offers.clear();
            d.chosen = None;
        }
        if !new_when.is_empty() && picked.is_none() {
            d.when = d.when.refined(new_when);
            d.offers.clear();
            d.chosen = None;
        } else if let Some(p) = picked {
            d.chosen = Some(p);
        }
        if details::none_suits(t.text) && new_when.is_empty() && !d.offers.is_empty() {
            // Later than what was offered.
            let last = d.offers.iter().map(|o| t.local(o.starts_at).date()).max();
            if let Some(last) = last {
                let from = last + Duration::days(1);
                d.when = When {
                    from: Some(from),
                    to: Some(from + Duration::days(SEARCH_DAYS - 1)),
                    ..d.when
                };
            }
            d.offers.clear();
        }

        // The next thing to do or ask.
        let Some(service) = d.service else {
            if let [only] = services {
                d.service = Some(only.id);
                return Box::pin(self.booking(t, d)).await;
            }
            d.service_options = services.iter().map(|s| s.id).collect();
            let names = services
                .iter()
                .map(|s| s.details.name_in(t.lang).to_string())
                .collect();
            t.say(Say::AskService { services: names });
            return Ok(Flow::Booking(d));
        };
        d.service_options.clear();
        if d.when.is_empty() && !d.asked_when && d.chosen.is_none() {
            d.asked_when = true;
            if let Some(from) = d.moving_from.filter(|_| d.moving.is_some()) {
                let details = format!("{}, {}", t.service_name(service), t.offer_text(&from));
                t.say(Say::AskNewTime { details });
            } else {
                t.say(Say::AskWhen {
                    service: t.service_name(service),
                });
            }
            return Ok(Flow::Booking(d));
        }
        if d.when.to.is_some_and(|to| to < t.today) {
            d.when = When::default();
            t.say(Say::PastDay);
            return Ok(Flow::Booking(d));
        }
        if d.chosen.is_none() {
            if d.offers.is_empty() {
                return self.offer(t, d, service).await;
            }
            t.say(Say::PickOne);
            return Ok(Flow::Booking(d));
        }
        // Chosen: for whom, then hold and ask for the yes.
        if d.moving.is_none() && d.patient.is_none() {
            let name = names::answer_name(t.text).filter(|_| d.asked_name);
            if !self.settle_patient(t, &mut d, name).await? {
                return Ok(Flow::Booking(d));
            }
        }
        self.hold_and_confirm(t, d, service).await
    }

    /// Works out who the booking is for; asks when it cannot tell. True when settled.
    async fn settle_patient(
        &self,
        t: &mut Turn<'_>,
        d: &mut Draft,
        name: Option<String>,
    ) -> Result<bool, DeskError> {
        if d.patient.is_some() {
            return Ok(true);
        }
        let people = t.desk.household().await?;
        let settle = |d: &mut Draft, p: &Patient| {
            d.patient = Some(p.id);
            d.patient_name = Some(p.details.name.clone());
        };
        // An answer to "who is it for?": a number or one of the names.
        if !d.household.is_empty() {
            if let Some(i) = details::choice(t.text, d.household.len())
                && let Some(p) = people.iter().find(|p| p.id == d.household[i])
            {
                settle(d, p);
                return Ok(true);
            }
            let said = words(t.text);
            if let Some(p) = people.iter().filter(|p| !unnamed(p)).find(|p| {
                words(&p.details.name)
                    .first()
                    .is_some_and(|first| said.contains(first))
            }) {
                settle(d, p);
                return Ok(true);
            }
        }
        // Someone other than the writer: that person, found or added; never the writer renamed.
        if let Some(relation) = d.for_other.clone() {
            return match name {
                Some(name) => {
                    let p = match same_person(&people, &name) {
                        Some(p) => p.clone(),
                        None => t.desk.add_patient(&name, t.lang).await?,
                    };
                    settle(d, &p);
                    Ok(true)
                }
                None => {
                    d.asked_name = true;
                    t.say(Say::AskNameOf { relation });
                    Ok(false)
                }
            };
        }
        match (people.as_slice(), name) {
            // Known by their number only: their name, then book.
            ([only], Some(name)) if unnamed(only) => {
                let p = t.desk.name_patient(only.id, &name).await?;
                settle(d, &p);
                Ok(true)
            }
            ([only], None) if unnamed(only) => {
                d.asked_name = true;
                t.say(Say::AskName);
                Ok(false)
            }
            ([only], None) => {
                settle(d, only);
                Ok(true)
            }
            // Someone not yet known on this contact.
            (_, Some(name)) => {
                let p = match same_person(&people, &name) {
                    Some(p) => p.clone(),
                    None => t.desk.add_patient(&name, t.lang).await?,
                };
                settle(d, &p);
                Ok(true)
            }
            ([], None) => {
                d.asked_name = true;
                t.say(Say::AskName);
                Ok(false)
            }
            (many, None) => {
                let named: Vec<&Patient> = many.iter().filter(|p| !unnamed(p)).collect();
                if let [only] = named.as_slice() {
                    settle(d, only);
                    return Ok(true);
                }
                d.household = named.iter().map(|p| p.id).collect();
                t.say(Say::AskWho {
                    names: named.iter().map(|p| p.details.name.clone()).collect(),
                });
                Ok(false)
            }
        }
    }

    /// Names and people the message gives: the writer's own name (for a lead known only by
    /// number), and someone else the appointment is for ("for my son Deniz").
    async fn read_people(&self, t: &mut Turn<'_>, d: &mut Draft) -> Result<(), DeskError> {
        // "It's for Maite Sánchez": someone other than the writer, by name alone.
        let people_now = t.desk.household().await?;
        let someone = names::someone_else(t.text).or_else(|| {
            let name = names::named_for(t.text)?;
            let writer_named = people_now.iter().filter(|p| !unnamed(p)).any(|p| {
                words(&p.details.name).first() == words(&name).first()
                    && people_now.len() == 1
            });
            (!writer_named && details::practitioner(t.text, t.desk.practitioners()).is_none())
                .then(|| names::Someone {
                    relation: String::new(),
                    name: Some(name),
                })
        });
        // A message that is only a name names the lead writing ("Chloé Smith"), unless it
        // names one of our practitioners.
        let own = names::own_name(t.text).or_else(|| {
            (d.for_other.is_none()
                && someone.is_none()
                && details::practitioner(t.text, t.desk.practitioners()).is_none())
            .then(|| names::bare_name(t.text))
            .flatten()
        });
        if let Some(own) = own {
            let people = t.desk.household().await?;
            if let [only] = people.as_slice()
                && unnamed(only)
            {
                let p = t.desk.name_patient(only.id, &own).await?;
                if someone.is_none() && d.for_other.is_none() {
                    d.patient = Some(p.id);
                    d.patient_name = Some(p.details.name);
                }
            } else if someone.is_none() && d.for_other.is_none() && d.patient.is_none() {
                self.settle_patient(t, d, Some(own)).await?;
            }
        }
        if names::for_myself(t.text) && d.for_other.is_some() {
            d.for_other = None;
            d.patient = None;
            d.patient_name = None;
            d.asked_name = false;
        }
        if let Some(someone) = someone.filter(|_| !names::for_myself(t.text)) {
            if d.for_other.as_ref() != Some(&someone.relation) || someone.name.is_some() {
                d.patient = None;
                d.patient_name = None;
            }
            d.for_other = Some(someone.relation);
            if let Some(name) = someone.name {
                self.settle_patient(t, d, Some(name)).await?;
            }
        }
        // The name of the person it is for, given on its own ("Her name is Ana", or the
        // answer to our question).
        if d.for_other.is_some() && d.patient.is_none() {
            let name = names::other_name(t.text)
                .or_else(|| d.asked_name.then(|| names::answer_name(t.text)).flatten());
            if let Some(name) = name {
                self.settle_patient(t, d, Some(name)).await?;
            }
        }
        Ok(())
    }

    /// Searches and offers slots (or the nearest ones, or hands over when there are none).
    async fn offer(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        let from = d.when.from.unwrap_or(t.today).max(t.today);
        let to = d
            .when
            .to
            .unwrap_or(from + Duration::days(SEARCH_DAYS - 1))
            .max(from);
        let practitioner = d.practitioner.filter(|p| {
            t.service(service)
                .is_some_and(|s| s.details.practitioner_ids.contains(p))
        });
        // A returning patient sees their usual practitioner first, when they named nobody.
        let usual = match (practitioner, self.patient_in_view(t, &d).await?) {
            (None, Some(patient)) if d.moving.is_none() => {
                t.desk.usual_practitioner(patient).await?.filter(|p| {
                    t.service(service)
                        .is_some_and(|s| s.details.practitioner_ids.contains(p))
                })
            }
            _ => None,
        };
        let mut fitting: Vec<Offer> = vec![];
        // An exact time says more than a part of the day; "7:30" may be the morning.
        let part = d.when.part.filter(|_| d.when.at.is_none());
        let mut readings = vec![d.when];
        if d.when.could_be_morning
            && let Some(at) = d.when.at
        {
            readings.push(When {
                at: Some(at - Duration::hours(12)),
                could_be_morning: false,
                ..d.when
            });
        }
        'search: for reading in readings {
            for who in [practitioner.or(usual), None] {
                let found = t
                    .desk
                    .find_slots(service, who, from, to, part, 200)
                    .await?;
                fitting = found
                    .into_iter()
                    .filter(|s| reading.admits(t.local(s.starts_at).time()))
                    .map(Offer::from)
                    .collect();
                if !fitting.is_empty() {
                    d.when = reading;
                    break 'search;
                }
                if usual.is_none() || practitioner.is_some() {
                    break;
                }
            }
        }
        // "Tomorrow at 10": several practitioners may be free then; the first (the usual one
        // when there is one) is the patient's choice.
        if d.when.at.is_some() && d.when.from.is_some() && d.when.from == d.when.to {
            fitting.truncate(1);
        }
        // "Tomorrow at 10" with one match: that is the choice; confirm it.
        if d.when.at.is_some() && fitting.len() == 1 {
            d.offers = fitting.clone();
            d.chosen = Some(fitting[0]);
            return Box::pin(self.booking_after_choice(t, d, service)).await;
        }
        let offers = spread(t, fitting);
        if !offers.is_empty() {
            d.offers = offers;
            let options = d.offers.iter().map(|o| t.offer_text(o)).collect();
            t.say(Say::Offers {
                service: t.service_name(service),
                options,
            });
            return Ok(Flow::Booking(d));
        }
        // Nothing then: the nearest free times from the day asked (or today) on.
        let alt_from = from;
        let nearest = t
            .desk
            .find_slots(
                service,
                practitioner,
                alt_from,
                alt_from + Duration::days(ALTERNATIVE_DAYS - 1),
                None,
                200,
            )
            .await?;
        let nearest = spread(t, nearest.into_iter().map(Offer::from).collect());
        if nearest.is_empty() {
            t.say(Say::NoAvailability {
                service: t.service_name(service),
            });
            t.hand_over("no free time for the service the patient asked for");
            return Ok(Flow::Idle);
        }
        d.offers = nearest;
        // The time asked for was taken: a time said next is for the same day.
        d.when = When {
            from: d.when.from,
            to: d.when.to,
            ..When::default()
        };
        let options = d.offers.iter().map(|o| t.offer_text(o)).collect();
        t.say(Say::NothingThen {
            service: t.service_name(service),
            options,
        });
        Ok(Flow::Booking(d))
    }

    /// The patient the booking is for, when already known or the only one on the contact.
    async fn patient_in_view(
        &self,
        t: &Turn<'_>,
        d: &Draft,
    ) -> Result<Option<PatientId>, DeskError> {
        if d.patient.is_some() {
            return Ok(d.patient);
        }
        Ok(match t.desk.household().await?.as_slice() {
            [only] if !unnamed(only) => Some(only.id),
            _ => None,
        })
    }

    /// After a slot was lost: a list to choose from, never a choice made for the patient again
    /// (a slot that keeps being refused must not loop).
    async fn offer_again(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        d.when.at = None;
        self.offer(t, d, service).await
    }

    async fn booking_after_choice(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        if d.moving.is_none()
            && d.patient.is_none()
            && !self.settle_patient(t, &mut d, None).await?
        {
            return Ok(Flow::Booking(d));
        }
        self.hold_and_confirm(t, d, service).await
    }

    /// Holds the chosen slot (or, for a move, checks nothing more) and asks for the yes.
    async fn hold_and_confirm(
        &self,
        t: &mut Turn<'_>,
        mut d: Draft,
        service: ServiceId,
    ) -> Result<Flow, DeskError> {
        let Some(chosen) = d.chosen else {
            return Ok(Flow::Booking(d));
        };
        if d.moving.is_some() {
            d.confirming_move = true;
            self.ask_confirmation(t, &d);
            return Ok(Flow::Booking(d));
        }
        let Some(patient) = d.patient else {
            return Ok(Flow::Booking(d));
        };
        match t.desk.hold(patient, service, &chosen).await {
            Ok(a) => {
                d.held = Some(a.id);
                self.ask_confirmation(t, &d);
                Ok(Flow::Booking(d))
            }
            Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                t.say(Say::SlotGone);
                d.chosen = None;
                d.offers.clear();
                self.offer_again(t, d, service).await
            }
            Err(e) => Err(e),
        }
    }

    fn ask_confirmation(&self, t: &mut Turn<'_>, d: &Draft) {
        let (Some(service), Some(chosen)) = (d.service, d.chosen) else {
            return;
        };
        if let Some(from) = d.moving_from.filter(|_| d.moving.is_some()) {
            t.say(Say::ConfirmMove {
                from: t.offer_text(&from),
                to: t.booking_text(service, &chosen, None),
            });
        } else {
            t.say(Say::ConfirmBooking {
                details: t.booking_text(service, &chosen, d.patient_name.as_deref()),
            });
        }
    }

    /// The patient said yes: book (confirm the hold) or move.
    async fn finish(&self, t: &mut Turn<'_>, mut d: Draft) -> Result<Flow, DeskError> {
        let (Some(service), Some(chosen)) = (d.service, d.chosen) else {
            return Ok(Flow::Idle);
        };
        if let Some(moving) = d.moving {
            return match t.desk.reschedule(moving, &chosen).await {
                Ok(a) => {
                    t.say(Say::Moved {
                        details: t.appointment_text(&a),
                    });
                    Ok(Flow::Idle)
                }
                Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                    t.say(Say::SlotGone);
                    d.confirming_move = false;
                    d.chosen = None;
                    d.offers.clear();
                    self.offer_again(t, d, service).await
                }
                Err(e) => Err(e),
            };
        }
        let Some(held) = d.held else {
            return Ok(Flow::Booking(d));
        };
        match t.desk.confirm(held).await {
            Ok(a) => {
                t.say(Say::Booked {
                    details: t.booking_text(
                        a.service_id,
                        &Offer {
                            practitioner_id: a.practitioner_id,
                            starts_at: a.starts_at,
                        },
                        d.patient_name.as_deref(),
                    ),
                });
                Ok(Flow::Idle)
            }
            // The hold lapsed: hold the same slot again if it is still free.
            Err(DeskError::Refused(_)) => {
                d.held = None;
                let Some(patient) = d.patient else {
                    return Ok(Flow::Booking(d));
                };
                match t.desk.hold(patient, service, &chosen).await {
                    Ok(a) => match t.desk.confirm(a.id).await {
                        Ok(a) => {
                            t.say(Say::Booked {
                                details: t.appointment_text(&a),
                            });
                            Ok(Flow::Idle)
                        }
                        Err(e) => Err(e),
                    },
                    Err(DeskError::SlotTaken(_) | DeskError::Refused(_)) => {
                        t.say(Say::SlotGone);
                        d.chosen = None;
                        d.offers.clear();
                        self.offer_again(t, d, service).await
                    }
                    Err(e) => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// Choosing an appointment to cancel or move, then (for a cancellation) the yes.
    async fn picking(
        &self,
        t: &mut Turn<'_>,
        mut p: Picking,
        fresh: bool,
    ) -> Result<Flow, DeskError> {
        let upcoming: Vec<Appointment> = t
            .desk
            .upcoming()
            .await?
            .into_iter()
            .filter(|a| a.status == AppointmentStatus::Confirmed)
            .collect();
        if upcoming.is_empty() {
            // "Can I come Thursday at 10? actually make it 10:30": nothing to move, so a
            // message naming a time asks to book.
            if fresh && !when::parse(t.text, t.today).is_empty() {
                return self.booking(t, Draft::default()).await;
            }
            t.say(Say::NoUpcoming);
            return Ok(Flow::Idle);
        }
        // "My daughter Lúcia's appointment": hers only.
        let upcoming = match names::someone_else(t.text).and_then(|s| s.name) {
            Some(name) if p.chosen.is_none() => {
                let people = t.desk.household().await?;
                let theirs: Vec<PatientId> = people
                    .iter()
                    .filter(|p| {
                        let (mine, given) = (words(&p.details.name), words(&name));
                        !given.is_empty() && mine.first() == given.first()
                    })
                    .map(|p| p.id)
                    .collect();
                let filtered: Vec<Appointment> = upcoming
                    .iter()
                    .filter(|a| theirs.contains(&a.patient_id))
                    .cloned()
                    .collect();
                if filtered.is_empty() { upcoming } else { filtered }
            }
            _ => upcoming,
        };
        if let Some(chosen) = p.chosen {
            match intent::confirmation(t.text, Pending::Cancel) {
                Some(true) => {
                    return match t.desk.cancel(chosen).await {
                        Ok(a) => {
                            t.say(Say::Cancelled {
                                details: t.appointment_text(&a),
                            });
                            Ok(Flow::Idle)
                        }
                        Err(DeskError::Refused(_) | DeskError::NotFound(_)) => {
                            t.say(Say::NoUpcoming);
                            Ok(Flow::Idle)
                        }
                        Err(e) => Err(e),
                    };
                }
                Some(false) => {
                    t.say(Say::Kept);
                    return Ok(Flow::Idle);
                }
                None => {}
            }
        }
        // Which one: by number, or by the day or time the patient names.
        let listed: Vec<&Appointment> = if p.listed.is_empty() {
            upcoming.iter().collect()
        } else {
            p.listed
                .iter()
                .filter_map(|id| upcoming.iter().find(|a| a.id == *id))
                .collect()
        };
        let mut named = when::parse(t.text, t.today);
        // "Move my appointment on March 23rd to April 13th at 11": one date names the
        // appointment, the rest is the new time.
        let mut new_time: Option<When> = None;
        if p.to_move {
            let segments = segments(t.text);
            if segments.len() > 1 {
                let reads: Vec<When> = segments.iter().map(|s| when::parse(s, t.today)).collect();
                let names_one = |w: &When| {
                    w.from.is_some()
                        && listed
                            .iter()
                            .filter(|a| Some(t.local(a.starts_at).date()) == w.from)
                            .count()
                            == 1
                };
                if let Some(k) = reads.iter().position(names_one) {
                    named = reads[k];
                    let rest = reads
                        .iter()
                        .enumerate()
                        .filter(|(j, w)| *j != k && !w.is_empty())
                        .fold(When::default(), |acc, (_, w)| acc.refined(*w));
                    new_time = Some(rest);
                }
            }
        }
        let pick = if listed.len() == 1 && (fresh || p.chosen.is_some()) {
            Some(listed[0])
        } else if !fresh || !named.is_empty() {
            details::choice(t.text, listed.len())
                .map(|i| listed[i])
                .or_else(|| {
                    let matching: Vec<&&Appointment> = listed
                        .iter()
                        .filter(|a| {
                            let at = t.local(a.starts_at);
                            !named.is_empty()
                                && named.from.is_none_or(|f| at.date() >= f)
                                && named.to.is_none_or(|to| at.date() <= to)
                                && named.admits(at.time())
                        })
                        .collect();
                    match matching.as_slice() {
                        [one] => Some(**one),
                        _ => None,
                    }
                })
        } else {
            None
        };
        let Some(chosen) = pick else {
            p.listed = listed.iter().map(|a| a.id).collect();
            let items = listed.iter().map(|a| t.appointment_text(a)).collect();
            t.say(Say::WhichAppointment { items });
            return Ok(Flow::Cancelling(p));
        };
        if p.to_move {
            let draft = Draft {
                service: Some(chosen.service_id),
                practitioner: Some(chosen.practitioner_id),
                moving: Some(chosen.id),
                moving_from: Some(Offer {
                    practitioner_id: chosen.practitioner_id,
                    starts_at: chosen.starts_at,
                }),
                patient: Some(chosen.patient_id),
                ..Draft::default()
            };
            // "Move my appointment to Friday at 10" carries the new time already.
            let new_when = match new_time {
                Some(w) => w,
                None if listed.len() == 1 => named,
                None => When::default(),
            };
            let draft = Draft {
                when: new_when,
                ..draft
            };
            if new_when.is_empty() {
                let mut draft = draft;
                draft.asked_when = true;
                t.say(Say::AskNewTime {
                    details: t.appointment_text(chosen),
                });
                return Ok(Flow::Booking(draft));
            }
            return self.offer(t, draft, chosen.service_id).await;
        }
        p.chosen = Some(chosen.id);
        p.listed.clear();
        t.say(Say::ConfirmCancel {
            details: t.appointment_text(chosen),
        });
        Ok(Flow::Cancelling(p))
    }

    async fn my_appointments(&self, t: &mut Turn<'_>) -> Result<(), DeskError> {
        let upcoming = t.desk.upcoming().await?;
        let people = if upcoming
            .iter()
            .any(|a| a.patient_id != upcoming[0].patient_id)
        {
            t.desk.household().await?
        } else {
            vec![]
        };
        let items: Vec<String> = upcoming
            .iter()
            .filter(|a| a.status == AppointmentStatus::Confirmed)
            .map(|a| {
                let text = t.appointment_text(a);
                match people.iter().find(|p| p.id == a.patient_id) {
                    Some(p) => format!("{} — {text}", p.details.name),
                    None => text,
                }
            })
            .collect();
        if items.is_empty() {
            t.say(Say::NoUpcoming);
        } else {
            t.say(Say::Upcoming { items });
            // "When is my next appointment, and how much will it cost?"
            if has_any(&words(t.text), PRICE_WORDS) {
                let mut items: Vec<String> = vec![];
                for a in upcoming.iter().filter(|a| a.status == AppointmentStatus::Confirmed) {
                    if let Some(s) = t.service(a.service_id) {
                        let line = format!(
                            "{}: {}",
                            s.details.name_in(t.lang),
                            reply::price(t.lang, a.price.as_ref().or(s.details.price.as_ref()))
                        );
                        if !items.contains(&line) {
                            items.push(line);
                        }
                    }
                }
                if !items.is_empty() {
                    t.say(Say::Prices { items });
                }
            }
        }
        Ok(())
    }

    /// A question: clinic facts from clinic data, anything else from the knowledge base,
    /// and "I'll check with the team" when neither knows.
    async fn answer(&self, t: &mut Turn<'_>, text: &str) -> Result<(), DeskError> {
        // "How much is it and do you open on Saturdays?": every question gets its answer.
        let parts = questions(text);
        let mut said: Vec<String> = vec![];
        let mut unanswered = vec![];
        for part in &parts {
            match self.answer_one(t, part, &said).await? {
                Some(topic) => said.push(topic),
                None => unanswered.push(part.clone()),
            }
        }
        if !unanswered.is_empty() {
            t.say(Say::CheckWithTeam);
            t.hand_over(format!(
                "a question the assistant could not answer: \"{}\"",
                excerpt(&unanswered.join(" / "))
            ));
        }
        Ok(())
    }

    /// Answers one question; the topic it answered, or `None` when nothing answers it.
    async fn answer_one(
        &self,
        t: &mut Turn<'_>,
        text: &str,
        said: &[String],
    ) -> Result<Option<String>, DeskError> {
        let ws = words(text);
        let profile = &t.clinic.profile;
        if has_any(&ws, PRICE_WORDS) {
            let services = t.desk.services();
            // "How much is a mole check? Also, how much is a consultation?": each its price.
            let named = details::service(text, services).or_else(|| {
                (!said.iter().any(|s| s.starts_with("price")))
                    .then(|| details::service(t.text, services))
                    .flatten()
            });
            let topic = format!("price:{}", named.map(|n| n.to_string()).unwrap_or_default());
            if said.contains(&topic) {
                return Ok(Some(topic));
            }
            let items: Vec<String> = services
                .iter()
                .filter(|s| named.is_none_or(|n| n == s.id))
                .map(|s| {
                    format!(
                        "{}: {}",
                        s.details.name_in(t.lang),
                        reply::price(t.lang, s.details.price.as_ref())
                    )
                })
                .collect();
            if !items.is_empty() {
                t.say(Say::Prices { items });
                return Ok(Some(topic));
            }
        }
        if has_any(&ws, HOURS_WORDS) {
            if !said.iter().any(|s| s == "hours") {
                t.say(Say::Hours {
                    hours: reply::opening_hours(t.lang, &profile.opening_hours),
                });
            }
            return Ok(Some("hours".into()));
        }
        if has_any(&ws, ADDRESS_WORDS) && !profile.address.trim().is_empty() {
            if !said.iter().any(|s| s == "address") {
                t.say(Say::Address {
                    address: profile.address.clone(),
                });
            }
            return Ok(Some("address".into()));
        }
        let hits = t.desk.search_knowledge(text).await?;
        // The search's own ranking decides which passage answers; a passage that does not
        // answer is declined, never quoted because it happens to share a word.
        let Some(hit) = hits.iter().find(|h| confident(h, text)) else {
            // "Do you do botox?": not one of ours; say what we do.
            if asks_if_offered(text) && t.service_guess.is_none() {
                let services = t
                    .desk
                    .services()
                    .iter()
                    .map(|s| s.details.name_in(t.lang).to_string())
                    .collect();
                t.say(Say::NotOffered { services });
                return Ok(Some("services".into()));
            }
            return Ok(None);
        };
        let written_in = crate::language::detect(&hit.text)
            .or_else(|| frontdesk_knowledge::language::detect(&hit.text));
        match written_in {
            Some(l) if l != t.lang => {
                // Never another language's text as the answer: its facts, said in ours.
                let facts = facts_of(&hit.text);
                if facts.is_empty() {
                    return Ok(None);
                }
                t.say(Say::FactsInAnotherLanguage { facts });
            }
            _ => t.say(Say::Answer {
                text: quote(&hit.text),
            }),
        }
        Ok(Some("knowledge".into()))
    }
}

/// A message cut where a move's new time begins ("… on March 23rd | to April 13th at 11"),
/// so each part's date can be read alone.
fn segments(text: &str) -> Vec<String> {
    const CUTS: &[&str] = &[
        "to", "for", "instead", "into", "could", "can", "para", "pra", "pro", "por", "pode",
        "podia", "podria", "puede", "ser", "al", "a", "yerine", "olarak", "randevumu",
        "randevuyu", "→", "->", "—", "-",
    ];
    let mut out: Vec<String> = vec![];
    let mut current: Vec<&str> = vec![];
    for w in text.split_whitespace() {
        let key = crate::text::fold(
            w.trim_matches(|c: char| !c.is_alphanumeric() && !"→->—".contains(c)),
        );
        // "a las 9:30" keeps its hour with its cue: "a" cuts only before a day.
        let cut = CUTS.contains(&key.as_str()) && !(key == "a" || key == "al") || key.starts_with('¿');
        if cut && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
        current.push(w);
        // "del 27 de enero: ¿podría…" — a clause ends at its punctuation.
        if w.ends_with([':', ';', '?', '!']) && !current.is_empty() {
            out.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// The questions in a message: split at question marks and at "and"/"e"/"y"/"ve"/"also"
/// joining two questions.
fn questions(text: &str) -> Vec<String> {
    let mut parts: Vec<String> = vec![];
    for sentence in text.split_inclusive(['?', '\n']) {
        let ws: Vec<&str> = sentence.split_whitespace().collect();
        let mut current: Vec<&str> = vec![];
        for w in ws {
            let joiner = [
                "and", "also", "e", "y", "ve", "ayrica", "também", "tambem", "también", "tambien",
                "plus",
            ]
            .contains(
                &w.to_lowercase()
                    .trim_matches(|c: char| !c.is_alphanumeric()),
            );
            if joiner && current.len() >= 3 {
                parts.push(current.join(" "));
                current.clear();
                continue;
            }
            current.push(w);
        }
        if !current.is_empty() {
            parts.push(current.join(" "));
        }
    }
    // A fragment too short to ask anything joins the part before it.
    let mut merged: Vec<String> = vec![];
    for p in parts {
        if words(&p).len() < 2
            && let Some(last) = merged.last_mut()
        {
            last.push(' ');
            last.push_str(&p);
        } else if !p.trim().is_empty() {
            merged.push(p);
        }
    }
    if merged.is_empty() {
        merged.push(text.to_string());
    }
    merged
}

/// What a passage in another language states that needs no translation: names, numbers,
/// times and amounts ("Sanitas, Adeslas, DKV", "9:00–13:00", "200 €").
fn facts_of(text: &str) -> Vec<String> {
    let mut facts: Vec<String> = vec![];
    let mut sentence_start = true;
    for raw in text.split_whitespace() {
        let token = raw.trim_matches(|c: char| !c.is_alphanumeric() && !"€$₺%".contains(c));
        let ends = raw.ends_with(['.', '!', '?', ';', ':']);
        let numeric = token.chars().any(|c| c.is_ascii_digit());
        let proper = !sentence_start
            && token.chars().next().is_some_and(char::is_uppercase)
            && token.chars().count() > 1;
        if (numeric || proper) && !facts.iter().any(|f| f == token) {
            facts.push(token.to_string());
        }
        sentence_start = ends;
    }
    facts
}

/// Whether a knowledge hit is sure enough to answer with.
fn confident(hit: &KnowledgeHit, question: &str) -> bool {
    match hit.similarity {
        Some(s) => s >= MIN_ANSWER_SIMILARITY,
        // Without vectors, words decide: most of the FAQ's question (or of the patient's
        // question, for a passage) must be there, not one shared word.
        None => {
            let asked = content_words(question);
            match &hit.question {
                Some(faq) => {
                    let faq = content_words(faq);
                    covered(&faq, &asked) >= 0.6 && covered(&asked, &faq) >= 0.5
                }
                None => asked.len() >= 2 && covered(&asked, &content_words(&hit.text)) >= 0.75,
            }
        }
    }
}

/// Words that carry meaning, cut to a 5-letter stem so suffixes do not matter
/// ("ödeme"/"ödemeyi", "cards"/"card").
fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| w.chars().count() > 3)
        .map(|w| w.chars().take(5).collect())
        .collect()
}

/// The share of `these` found in `within`.
fn covered(these: &[String], within: &[String]) -> f32 {
    if these.is_empty() {
        return 0.0;
    }
    let found = these.iter().filter(|w| within.contains(w)).count();
    found as f32 / these.len() as f32
}

/// A passage cut at a sentence end near the length limit.
fn quote(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= MAX_ANSWER_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX_ANSWER_CHARS).collect();
    match cut.rfind(['.', '!', '?']) {
        Some(end) if end > MAX_ANSWER_CHARS / 3 => cut[..=end].to_string(),
        _ => format!("{}…", cut.trim_end()),
    }
}

fn excerpt(text: &str) -> String {
    text.chars().take(200).collect()
}

/// The day falling on `weekday` nearest to `day` (the patient's other possible meaning).
fn nearest_weekday(day: NaiveDate, weekday: chrono::Weekday) -> NaiveDate {
    use chrono::Datelike;
    (1..=3)
        .flat_map(|k| [day + Duration::days(k), day - Duration::days(k)])
        .find(|d| d.weekday() == weekday)
        .unwrap_or(day)
}

/// Whether a message shaped like a question is about booking: it names a day or time and
/// either a service or a booking already under way.
fn books(t: &Turn<'_>, flow: &Flow) -> bool {
    let when = when::parse(t.text, t.today);
    if when.is_empty() || asks_about_the_clinic(t.text) {
        return false;
    }
    matches!(flow, Flow::Booking(_)) || t.service_guess.is_some()
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
    let ws = words(part);
    !when::parse(part, t.today).is_empty()
        && !asks_about_the_clinic(part)
        && (details::service(part, t.desk.services()).is_some()
            || has_any(&ws, intent::BOOK)
            || crate::text::has_stem(&ws, intent::BOOK_STEMS))
}

/// Whether a message asks if the clinic offers something ("do you do botox?", "¿hacéis
/// acupuntura?", "vocês fazem…", "akupunktur yapıyor musunuz?").
fn asks_if_offered(text: &str) -> bool {
    let ws = words(text);
    has_any(
        &ws,
        &[
            "do you do", "do you offer", "do you have", "do you provide", "can you do",
            "do you treat", "haceis", "haceis", "hacen", "ofrecen", "ofreceis", "teneis",
            "tienen", "fazem", "voces fazem", "oferecem", "tem", "yapiyor musunuz",
            "yapiyormusunuz", "var mi", "yapilir mi", "yapiliyor mu",
        ],
    )
}

/// Whether a message asks for the clinic's facts: prices, hours, the address.
fn asks_about_the_clinic(text: &str) -> bool {
    let ws = words(text);
    has_any(&ws, PRICE_WORDS) || has_any(&ws, HOURS_WORDS) || has_any(&ws, ADDRESS_WORDS)
}

const PRICE_WORDS: &[&str] = &[
    "price", "prices", "cost", "costs", "how much", "fee", "ne kadar", "kac para", "ucret",
    "ucreti", "fiyat", "fiyati", "quanto", "preco", "valor", "custa", "cuanto", "precio", "cuesta",
];

const HOURS_WORDS: &[&str] = &[
    "open",
    "opening hours",
    "hours",
    "close",
    "closed",
    "acik",
    "kacta",
    "calisma saatleri",
    "kapali",
    "aberto",
    "abertos",
    "abre",
    "abrem",
    "fecha",
    "horario",
    "funcionamento",
    "abierto",
    "abiertos",
    "abren",
    "abris",
    "cierran",
    "horario de atencion",
];

const ADDRESS_WORDS: &[&str] = &[
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

/// The household member `name` means: the same full name, or the same first name when the
/// patient gives only that ("Lucía" for "Lucía Fernández").
fn same_person<'p>(people: &'p [Patient], name: &str) -> Option<&'p Patient> {
    let wanted = words(name);
    people
        .iter()
        .filter(|p| !unnamed(p))
        .find(|p| words(&p.details.name) == wanted)
        .or_else(|| {
            let firsts: Vec<&Patient> = people
                .iter()
                .filter(|p| !unnamed(p) && wanted.len() == 1)
                .filter(|p| words(&p.details.name).first() == wanted.first())
                .collect();
            match firsts.as_slice() {
                [only] => Some(*only),
                _ => None,
            }
        })
}

/// A lead recorded with their phone number as their name.
pub(crate) fn unnamed(p: &Patient) -> bool {
    let name = p.details.name.trim();
    name.starts_with('+') || name.starts_with("web:") || name.chars().all(|c| !c.is_alphabetic())
}

/// The language stored for the only patient behind this contact.
async fn household_language(desk: &dyn Desk) -> Option<Language> {
    match desk.household().await.ok()?.as_slice() {
        [only] => only.details.language,
        _ => None,
    }
}

/// Which offer a message picks: by number or ordinal, or by naming exactly one offer's
/// time or day.
fn pick_offer(t: &Turn<'_>, d: &Draft, named: &When) -> Option<Offer> {
    if d.offers.is_empty() {
        return None;
    }
    if let Some(i) = details::choice(t.text, d.offers.len()) {
        return Some(d.offers[i]);
    }
    // "Yes" to a list that holds the very time asked for: that one.
    if named.is_empty() && intent::yes_or_no(t.text) == Some(true) {
        let asked: Vec<&Offer> = d
            .offers
            .iter()
            .filter(|o| d.when.at.is_some() && d.when.admits(t.local(o.starts_at).time()))
            .collect();
        return match (asked.as_slice(), d.offers.as_slice()) {
            ([one], _) => Some(**one),
            (_, [one]) => Some(*one),
            _ => None,
        };
    }
    if named.is_empty() {
        return None;
    }
    let matching: Vec<&Offer> = d
        .offers
        .iter()
        .filter(|o| {
            let at = t.local(o.starts_at);
            named.from.is_none_or(|f| at.date() >= f)
                && named.to.is_none_or(|to| at.date() <= to)
                && (named.at.is_some() || named.part.is_some())
                && named.admits(at.time())
        })
        .collect();
    match matching.as_slice() {
        [one] => Some(**one),
        _ => None,
    }
}

/// Up to [`OFFERS`] slots, spread over days and parts of the day rather than three
/// neighbouring half-hours.
fn spread(t: &Turn<'_>, slots: Vec<Offer>) -> Vec<Offer> {
    let mut picked: Vec<Offer> = Vec::new();
    for s in &slots {
        let at = t.local(s.starts_at);
        let far_enough = picked.iter().all(|p| {
            let other = t.local(p.starts_at);
            other.date() != at.date() || (at - other).num_minutes().abs() >= 120
        });
        if far_enough {
            picked.push(*s);
        }
        if picked.len() == OFFERS {
            break;
        }
    }
    // Few spread options: fill with the earliest remaining.
    for s in slots {
        if picked.len() >= OFFERS {
            break;
        }
        if !picked.contains(&s) {
            picked.push(s);
        }
    }
    picked.sort_by_key(|o| o.starts_at);
    picked
}

/// Lets go of a hold when the conversation turns to something else.
async fn release(t: &Turn<'_>, flow: &Flow) -> Result<(), DeskError> {
    match flow {
        Flow::Booking(d) => release_hold(t, &mut d.clone()).await,
        _ => Ok(()),
    }
}

async fn release_hold(t: &Turn<'_>, d: &mut Draft) -> Result<(), DeskError> {
    if let Some(held) = d.held.take() {
        match t.desk.cancel(held).await {
            Ok(_) | Err(DeskError::Refused(_) | DeskError::NotFound(_)) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
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
        let service = Service {
            id: ServiceId::new(),
            details: ServiceDetails {
                name: BTreeMap::from([("en".into(), "Cleaning".into())]),
                aliases: vec![],
                description: String::new(),
                duration_minutes: 30,
                price: None,
                buffer_before_minutes: 0,
                buffer_after_minutes: 0,
                active: true,
                patient_bookable: true,
                practitioner_ids: vec![practitioner.id],
            },
        };
        let desk = Stubborn {
            service: vec![service],
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
