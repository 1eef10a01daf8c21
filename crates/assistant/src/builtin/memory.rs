//! What the assistant remembers of a conversation between turns: the flow under way and,
//! for a booking, its draft.

use frontdesk_domain::{AppointmentId, Language, PatientId, PractitionerId, ServiceId};
use serde::{Deserialize, Serialize};

use crate::desk::Offer;
use crate::when::When;

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
    /// The last day the patient named, even outside a booking ("do you do whitening? I'd
    /// like to come Monday 19 April" — then "a check-up at 15:30" is for that Monday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_day: Option<chrono::NaiveDate>,
    /// The service the patient named in a recent message and the turn it was named in ("how
    /// much is a root canal?" — then "ok, Friday the 5th after 3pm?" books a root canal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_service: Option<(ServiceId, u64)>,
    /// The last reply was the emergency answer: "please hurry" or "is anyone there?" after
    /// it gets the emergency line again, not a menu.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_emergency: bool,
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
    /// What the last reply asked, which the patient's next message answers.
    #[serde(default)]
    pub stage: Stage,
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
    /// After "Tuesday 15 March" when the 15th is a Monday: the date as written and the
    /// weekday's nearest date, which the patient's answer chooses between ("I meant the
    /// 15th", "ayın 8'inde", "o dia 16").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub which_day: Option<(chrono::NaiveDate, chrono::NaiveDate)>,
}

/// Where a booking or a move stands: what the assistant last asked for. The stages come in
/// the order a booking goes through them; a change of mind goes back to `Gathering`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// An examination was offered after a medical question; a yes starts the search.
    ExamOffered,
    /// Reading what the patient wants; nothing asked yet.
    #[default]
    Gathering,
    /// Asked which service.
    AskedService,
    /// Asked when (or which of two days a date and its weekday meant).
    AskedWhen,
    /// Offered free times to pick from.
    Offered,
    /// Asked which of the people sharing the phone it is for.
    AskedWho,
    /// Asked the patient's name.
    AskedName,
    /// A slot is held for the patient's yes.
    ConfirmingBooking,
    /// A move's new time is chosen, waiting for the patient's yes.
    ConfirmingMove,
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
