//! The LLM engine's tools. None takes a clinic or patient id: the [`Desk`] is bound to the
//! conversation. Every argument is checked here and again by the scheduling rules behind the
//! desk; a refused call answers `{"refused": reason}` so the model can act on it. Slots can
//! only be held if `find_slots` offered them in this conversation, and `book` needs a hold
//! shown to the patient in an earlier turn and their yes in this one.

use chrono::{NaiveDate, NaiveDateTime};
use frontdesk_domain::scheduling::{PartOfDay, Service, local_time};
use frontdesk_domain::{AppointmentId, Clinic, Language, PractitionerId, ServiceId};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{ToolCall, ToolSpec};
use crate::builtin::unnamed;
use crate::desk::{Desk, DeskError, Offer};
use crate::intent;
use crate::reply;

/// Days one `find_slots` call may span.
const MAX_SPAN_DAYS: i64 = 14;
/// Options one search returns.
const MAX_OPTIONS: usize = 6;

/// What the LLM engine remembers between turns (inside the conversation's state).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ToolMemory {
    /// Slots `find_slots` offered, numbered from 1 across the conversation.
    #[serde(default)]
    pub offers: Vec<Offered>,
    /// Holds made, with the turn that made them.
    #[serde(default)]
    pub holds: Vec<Held>,
}

/// An offered slot.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Offered {
    /// Its number.
    pub option: u32,
    /// The service.
    pub service: ServiceId,
    /// The slot.
    pub slot: Offer,
}

/// A hold the model made.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Held {
    /// The held appointment.
    pub appointment: AppointmentId,
    /// The option it holds.
    pub option: u32,
    /// The turn that made it.
    pub turn: u64,
}

/// The tools, as the model sees them.
pub fn specs() -> Vec<ToolSpec> {
    let object = |properties: Value, required: &[&str]| json!({"type": "object", "properties": properties, "required": required, "additionalProperties": false});
    vec![
        ToolSpec {
            name: "search_knowledge",
            description: "Search the clinic's documents and FAQs. Answer only from what it returns.",
            parameters: object(json!({"query": {"type": "string"}}), &["query"]),
        },
        ToolSpec {
            name: "find_slots",
            description: "Free appointment times for a service, numbered as options. Only these options can be held.",
            parameters: object(
                json!({
                    "service": {"type": "string", "description": "the service's name as listed"},
                    "practitioner": {"type": "string", "description": "optional: a practitioner's name"},
                    "from": {"type": "string", "description": "first day, YYYY-MM-DD"},
                    "to": {"type": "string", "description": "optional last day, YYYY-MM-DD (at most 14 days after from)"},
                    "part_of_day": {"type": "string", "enum": ["morning", "afternoon", "evening"]},
                    "time": {"type": "string", "description": "optional: the time the patient asked for, HH:MM; that time comes first if it is free, then the nearest ones"},
                }),
                &["service", "from"],
            ),
        },
        ToolSpec {
            name: "hold_slot",
            description: "Hold an offered option while the patient confirms. Then tell them the exact service, date, time, practitioner and price and ask for a yes.",
            parameters: object(
                json!({
                    "option": {"type": "integer"},
                    "patient_name": {"type": "string", "description": "the full name of the person the appointment is for, when not known yet or when several people share this phone"},
                }),
                &["option"],
            ),
        },
        ToolSpec {
            name: "book",
            description: "Book a held option. Only after the patient said yes to that exact slot in their latest message.",
            parameters: object(json!({"option": {"type": "integer"}}), &["option"]),
        },
        ToolSpec {
            name: "list_my_appointments",
            description: "The upcoming appointments of the people writing from this contact, with their ids.",
            parameters: object(json!({}), &[]),
        },
        ToolSpec {
            name: "cancel_appointment",
            description: "Cancel one of the patient's appointments after they confirmed which one.",
            parameters: object(
                json!({"appointment_id": {"type": "string"}}),
                &["appointment_id"],
            ),
        },
        ToolSpec {
            name: "reschedule_appointment",
            description: "Move one of the patient's appointments to an offered option, after they said yes to it.",
            parameters: object(
                json!({"appointment_id": {"type": "string"}, "option": {"type": "integer"}}),
                &["appointment_id", "option"],
            ),
        },
        ToolSpec {
            name: "handoff_to_staff",
            description: "Pass the conversation to the clinic's staff (the patient asks for a person, or you cannot help).",
            parameters: object(json!({"reason": {"type": "string"}}), &["reason"]),
        },
    ]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchArgs {
    query: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindArgs {
    service: String,
    #[serde(default)]
    practitioner: Option<String>,
    from: String,
    #[serde(default)]
    to: Option<String>,
    #[serde(default)]
    part_of_day: Option<PartOfDay>,
    #[serde(default)]
    time: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoldArgs {
    option: u32,
    #[serde(default)]
    patient_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionArgs {
    option: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoArgs {}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AppointmentArgs {
    appointment_id: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MoveArgs {
    appointment_id: String,
    option: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HandoffArgs {
    reason: String,
}

/// What running a tool gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The result for the model (JSON).
    pub result: Value,
    /// A request for staff.
    pub handoff: Option<String>,
    /// Whether the calendar changed.
    pub changed_calendar: bool,
}

/// Why a booking or move of a slot the patient was not shown is refused.
const NOT_SHOWN: &str = "your last message to the patient did not name this option's date and time, so their yes was not to it; tell them the exact date and time and wait for their yes";

fn refused(reason: impl Into<String>) -> Outcome {
    Outcome {
        result: json!({"refused": reason.into()}),
        handoff: None,
        changed_calendar: false,
    }
}

fn ok(result: Value) -> Outcome {
    Outcome {
        result,
        handoff: None,
        changed_calendar: false,
    }
}

/// Runs the model's tool calls for one turn.
pub struct Toolbox<'a> {
    /// The conversation's desk.
    pub desk: &'a dyn Desk,
    /// The clinic.
    pub clinic: &'a Clinic,
    /// What the engine remembers.
    pub memory: &'a mut ToolMemory,
    /// This turn's number.
    pub turn: u64,
    /// The patient's message this turn.
    pub said: &'a str,
    /// The assistant's message the patient answered: a booking or a move is confirmed only
    /// for the slot it named, whatever the model held.
    pub shown: &'a str,
    /// The language to write prices and dates in.
    pub lang: Language,
}

impl Toolbox<'_> {
    fn parse<T: for<'de> Deserialize<'de>>(call: &ToolCall) -> Result<T, Outcome> {
        let raw: Value = serde_json::from_str(if call.arguments.trim().is_empty() {
            "{}"
        } else {
            &call.arguments
        })
        .map_err(|e| refused(format!("the arguments are not JSON: {e}")))?;
        if let Some(obj) = raw.as_object()
            && obj.keys().any(|k| {
                k.ends_with("clinic_id")
                    || k.ends_with("patient_id")
                    || k == "clinic"
                    || k == "patient"
            })
        {
            return Err(refused(
                "tools take no clinic or patient id: both come from this conversation",
            ));
        }
        serde_json::from_value(raw)
            .map_err(|e| refused(format!("wrong arguments for {}: {e}", call.name)))
    }

    fn local(&self, offer: &Offer) -> NaiveDateTime {
        local_time::local(self.clinic.profile.time_zone.0, offer.starts_at)
    }

    fn service(&self, wanted: &str) -> Result<&Service, String> {
        let w = wanted.trim().to_lowercase();
        let services = self.desk.services();
        services
            .iter()
            .find(|s| {
                s.id.to_string() == w
                    || s.details.name.values().any(|n| n.to_lowercase() == w)
                    || s.details.aliases.iter().any(|a| a.to_lowercase() == w)
            })
            .ok_or_else(|| {
                let names: Vec<&str> = services
                    .iter()
                    .map(|s| s.details.name_in(self.lang))
                    .collect();
                format!(
                    "no service called {wanted:?}; the services are: {}",
                    names.join(", ")
                )
            })
    }

    fn practitioner_name(&self, id: PractitionerId) -> String {
        self.desk
            .practitioners()
            .iter()
            .find(|p| p.id == id)
            .map(|p| {
                format!("{} {}", p.details.title, p.details.name)
                    .trim()
                    .to_string()
            })
            .unwrap_or_default()
    }

    fn describe(&self, o: &Offered) -> Value {
        let service = self.desk.services().iter().find(|s| s.id == o.service);
        json!({
            "option": o.option,
            "service": service.map(|s| s.details.name_in(self.lang)).unwrap_or_default(),
            "starts": self.local(&o.slot).format("%Y-%m-%d %H:%M (%A)").to_string(),
            "practitioner": self.practitioner_name(o.slot.practitioner_id),
            "price": reply::price(self.lang, service.and_then(|s| s.details.price.as_ref())),
        })
    }

    fn offered(&self, option: u32) -> Result<Offered, Outcome> {
        self.memory
            .offers
            .iter()
            .find(|o| o.option == option)
            .copied()
            .ok_or_else(|| {
                refused(format!(
                    "option {option} was never offered; call find_slots and use one of its options"
                ))
            })
    }

    /// Whether the patient's latest message agrees to `pending`, also inside a sentence
    /// ("Pode cancelar sim", "yes please go ahead and book it").
    fn said_yes(&self, pending: intent::Pending) -> bool {
        intent::confirmation(self.said, pending) == Some(true)
    }

    /// Whether the message the patient answered named this slot's time (and, when it named a
    /// day, this slot's day): a yes confirms what the patient was shown, nothing else.
    fn was_shown(&self, slot: &Offer) -> bool {
        let at = self.local(slot);
        let shown = crate::when::parse(self.shown, self.local_today());
        shown.at == Some(at.time()) && shown.from.is_none_or(|d| d == at.date())
    }

    fn local_today(&self) -> NaiveDate {
        local_time::local(self.clinic.profile.time_zone.0, self.desk.now()).date()
    }

    /// Runs one call; errors of the store come back as `Err` (the turn is retried).
    pub async fn run(&mut self, call: &ToolCall) -> Result<Outcome, DeskError> {
        let outcome = match call.name.as_str() {
            "search_knowledge" => match Self::parse::<SearchArgs>(call) {
                Ok(a) => {
                    let hits = self.desk.search_knowledge(&a.query).await?;
                    ok(json!({"results": hits.iter().map(|h| json!({
                        "text": h.text, "question": h.question, "similarity": h.similarity,
                    })).collect::<Vec<_>>()}))
                }
                Err(o) => o,
            },
            "find_slots" => match Self::parse::<FindArgs>(call) {
                Ok(a) => self.find_slots(a).await?,
                Err(o) => o,
            },
            "hold_slot" => match Self::parse::<HoldArgs>(call) {
                Ok(a) => self.hold(a).await?,
                Err(o) => o,
            },
            "book" => match Self::parse::<OptionArgs>(call) {
                Ok(a) => self.book(a.option).await?,
                Err(o) => o,
            },
            "list_my_appointments" => match Self::parse::<NoArgs>(call) {
                Ok(_) => {
                    let upcoming = self.desk.upcoming().await?;
                    ok(json!({"appointments": upcoming.iter().map(|a| {
                        let offer = Offer { practitioner_id: a.practitioner_id, starts_at: a.starts_at };
                        let service = self.desk.services().iter().find(|s| s.id == a.service_id);
                        json!({
                            "appointment_id": a.id.to_string(),
                            "service": service.map(|s| s.details.name_in(self.lang)).unwrap_or_default(),
                            "starts": self.local(&offer).format("%Y-%m-%d %H:%M (%A)").to_string(),
                            "practitioner": self.practitioner_name(a.practitioner_id),
                            "status": a.status.as_str(),
                        })
                    }).collect::<Vec<_>>()}))
                }
                Err(o) => o,
            },
            "cancel_appointment" => match Self::parse::<AppointmentArgs>(call) {
                Ok(a) => self.cancel(&a.appointment_id).await?,
                Err(o) => o,
            },
            "reschedule_appointment" => match Self::parse::<MoveArgs>(call) {
                Ok(a) => self.reschedule(&a.appointment_id, a.option).await?,
                Err(o) => o,
            },
            "handoff_to_staff" => match Self::parse::<HandoffArgs>(call) {
                Ok(a) => Outcome {
                    result: json!({"handed_over": true}),
                    handoff: Some(a.reason.chars().take(300).collect()),
                    changed_calendar: false,
                },
                Err(o) => o,
            },
            other => refused(format!("there is no tool called {other:?}")),
        };
        Ok(outcome)
    }

    async fn find_slots(&mut self, a: FindArgs) -> Result<Outcome, DeskError> {
        let service = match self.service(&a.service) {
            Ok(s) => s.clone(),
            Err(why) => return Ok(refused(why)),
        };
        let day = |field: &str, v: &str| {
            NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .map_err(|_| refused(format!("{field} must be a date like 2026-12-01")))
        };
        let from = match day("from", &a.from) {
            Ok(d) => d,
            Err(o) => return Ok(o),
        };
        let to = match a.to.as_deref().map(|t| day("to", t)).transpose() {
            Ok(t) => t.unwrap_or(from),
            Err(o) => return Ok(o),
        };
        let today = self.local_today();
        if from < today {
            return Ok(refused(format!("{from} is in the past; today is {today}")));
        }
        if to < from || (to - from).num_days() >= MAX_SPAN_DAYS {
            return Ok(refused(format!(
                "to must be on or after from and at most {MAX_SPAN_DAYS} days later"
            )));
        }
        let practitioner = match a
            .practitioner
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            None => None,
            Some(name) => match crate::details::practitioner(name, self.desk.practitioners()) {
                Some(p) if service.details.practitioner_ids.contains(&p) => Some(p),
                _ => {
                    return Ok(refused(format!(
                        "no practitioner called {name:?} performs this service"
                    )));
                }
            },
        };
        let wanted = match a.time.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(t) => match chrono::NaiveTime::parse_from_str(t, "%H:%M") {
                Ok(t) => Some(t),
                Err(_) => return Ok(refused("time must be like 14:30")),
            },
        };
        // For a wanted time, look at every free slot of the days and keep the nearest.
        let limit = if wanted.is_some() { 2000 } else { MAX_OPTIONS };
        let mut slots = self
            .desk
            .find_slots(service.id, practitioner, from, to, a.part_of_day, limit)
            .await?;
        if let Some(t) = wanted {
            let tz = self.clinic.profile.time_zone.0;
            slots.sort_by_key(|s| {
                let local = local_time::local(tz, s.starts_at);
                ((local.time() - t).num_minutes().abs(), local.date())
            });
            slots.truncate(MAX_OPTIONS);
        }
        let next = self
            .memory
            .offers
            .iter()
            .map(|o| o.option)
            .max()
            .unwrap_or(0);
        let offered: Vec<Offered> = slots
            .into_iter()
            .enumerate()
            .map(|(i, s)| Offered {
                option: next + 1 + i as u32,
                service: service.id,
                slot: s.into(),
            })
            .collect();
        self.memory.offers.extend(offered.iter().copied());
        // Keep the memory bounded: the latest offers matter.
        let excess = self.memory.offers.len().saturating_sub(60);
        self.memory.offers.drain(..excess);
        Ok(ok(
            json!({"options": offered.iter().map(|o| self.describe(o)).collect::<Vec<_>>()}),
        ))
    }

    async fn hold(&mut self, a: HoldArgs) -> Result<Outcome, DeskError> {
        let o = match self.offered(a.option) {
            Ok(o) => o,
            Err(r) => return Ok(r),
        };
        let people = self.desk.household().await?;
        let named = a.patient_name.as_deref().and_then(crate::details::as_name);
        let patient = match (people.as_slice(), named) {
            ([only], None) if !unnamed(only) => only.id,
            ([only], Some(name)) if unnamed(only) => {
                self.desk.name_patient(only.id, &name).await?.id
            }
            (_, Some(name)) => match people
                .iter()
                .find(|p| p.details.name.eq_ignore_ascii_case(&name))
            {
                Some(p) => p.id,
                None => self.desk.add_patient(&name, self.lang).await?.id,
            },
            ([], None) | ([_], None) => {
                return Ok(refused(
                    "ask for the patient's full name and pass it as patient_name",
                ));
            }
            (many, None) => {
                let names: Vec<&str> = many.iter().map(|p| p.details.name.as_str()).collect();
                return Ok(refused(format!(
                    "several people write from this phone ({}); ask who the appointment is for and pass patient_name",
                    names.join(", ")
                )));
            }
        };
        match self.desk.hold(patient, o.service, &o.slot).await {
            Ok(appointment) => {
                self.memory.holds.push(Held {
                    appointment: appointment.id,
                    option: o.option,
                    turn: self.turn,
                });
                let mut held = self.describe(&o);
                held["held"] = json!(true);
                held["next"] =
                    json!("tell the patient these exact details and ask them to confirm with yes");
                Ok(Outcome {
                    result: held,
                    handoff: None,
                    changed_calendar: true,
                })
            }
            Err(DeskError::SlotTaken(why) | DeskError::Refused(why)) => {
                Ok(refused(format!("{why}; call find_slots again")))
            }
            Err(e) => Err(e),
        }
    }

    async fn book(&mut self, option: u32) -> Result<Outcome, DeskError> {
        let Some(hold) = self
            .memory
            .holds
            .iter()
            .rev()
            .find(|h| h.option == option)
            .copied()
        else {
            return Ok(refused(format!(
                "option {option} is not held; hold_slot it and ask the patient to confirm first"
            )));
        };
        if hold.turn >= self.turn {
            return Ok(refused(
                "the patient has not seen this hold yet: tell them the exact slot and wait for their yes",
            ));
        }
        if !self.said_yes(intent::Pending::Book) {
            return Ok(refused(
                "the patient has not confirmed in their latest message; ask them to confirm with yes",
            ));
        }
        if let Ok(o) = self.offered(option)
            && !self.was_shown(&o.slot)
        {
            return Ok(refused(NOT_SHOWN));
        }
        match self.desk.confirm(hold.appointment).await {
            Ok(a) => {
                let o = self.offered(option).ok();
                let mut booked = o.map(|o| self.describe(&o)).unwrap_or_else(|| json!({}));
                booked["booked"] = json!(true);
                booked["appointment_id"] = json!(a.id.to_string());
                Ok(Outcome {
                    result: booked,
                    handoff: None,
                    changed_calendar: true,
                })
            }
            Err(DeskError::Refused(why) | DeskError::NotFound(why) | DeskError::SlotTaken(why)) => {
                Ok(refused(format!("{why}; hold a slot again")))
            }
            Err(e) => Err(e),
        }
    }

    async fn cancel(&mut self, id: &str) -> Result<Outcome, DeskError> {
        let Ok(uuid) = uuid::Uuid::parse_str(id.trim()) else {
            return Ok(refused(
                "appointment_id must be an id from list_my_appointments",
            ));
        };
        let id = AppointmentId::from_uuid(uuid);
        let upcoming = self.desk.upcoming().await?;
        let Some(appointment) = upcoming.iter().find(|a| a.id == id) else {
            return Ok(refused(
                "no such appointment among this patient's; call list_my_appointments",
            ));
        };
        let slot = Offer {
            practitioner_id: appointment.practitioner_id,
            starts_at: appointment.starts_at,
        };
        // Only what the patient was shown and agreed to: "cancel my appointment on the
        // 29th" is answered with the appointment's details and a question first.
        if !(self.said_yes(intent::Pending::Cancel) && self.was_shown(&slot)) {
            return Ok(refused(
                "the patient has not confirmed cancelling this appointment; tell them its date and time and ask them to confirm",
            ));
        }
        match self.desk.cancel(id).await {
            Ok(a) => Ok(Outcome {
                result: json!({"cancelled": true, "appointment_id": a.id.to_string()}),
                handoff: None,
                changed_calendar: true,
            }),
            Err(DeskError::NotFound(_)) => Ok(refused(
                "no such appointment among this patient's; call list_my_appointments",
            )),
            Err(DeskError::Refused(why)) => Ok(refused(why)),
            Err(e) => Err(e),
        }
    }

    async fn reschedule(&mut self, id: &str, option: u32) -> Result<Outcome, DeskError> {
        let Ok(uuid) = uuid::Uuid::parse_str(id.trim()) else {
            return Ok(refused(
                "appointment_id must be an id from list_my_appointments",
            ));
        };
        let o = match self.offered(option) {
            Ok(o) => o,
            Err(r) => return Ok(r),
        };
        if !self.said_yes(intent::Pending::Move) {
            return Ok(refused(
                "the patient has not confirmed the new time in their latest message; tell them the exact slot and ask",
            ));
        }
        if !self.was_shown(&o.slot) {
            return Ok(refused(NOT_SHOWN));
        }
        match self
            .desk
            .reschedule(AppointmentId::from_uuid(uuid), &o.slot)
            .await
        {
            Ok(a) => {
                let mut moved = self.describe(&o);
                moved["moved"] = json!(true);
                moved["appointment_id"] = json!(a.id.to_string());
                Ok(Outcome {
                    result: moved,
                    handoff: None,
                    changed_calendar: true,
                })
            }
            Err(DeskError::NotFound(_)) => Ok(refused(
                "no such appointment among this patient's; call list_my_appointments",
            )),
            Err(DeskError::Refused(why) | DeskError::SlotTaken(why)) => {
                Ok(refused(format!("{why}; call find_slots again")))
            }
            Err(e) => Err(e),
        }
    }
}
