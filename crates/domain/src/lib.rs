//! Frontdesk's domain: pure types and rules with no I/O.
//!
//! Values here parse at the edge (`Slug::parse`, `Email::parse`, …) so that an invalid clinic,
//! account or role cannot be represented further in.

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

#[macro_use]
mod stored_enum;

pub mod account;
pub mod assistant_settings;
pub mod clinic;
pub mod ids;
pub mod language;
pub mod messaging;
pub mod opening_hours;
pub mod role;
pub mod scheduling;
pub mod validation;

pub use account::{Account, EMAIL_PATTERN, Email, Password, PersonName};
pub use clinic::{
    BLANK_PATTERN, Clinic, ClinicName, ClinicProfile, PHONE_PATTERN, Persona, Slug, TimeZone,
};
pub use ids::{
    AccountId, AppointmentId, CalendarFeedId, ChannelId, ClinicId, ClosureId, ConversationId,
    ExceptionId, InvitationId, MessageId, PatientId, PractitionerId, ServiceId, TemplateId,
};
pub use language::{LANGUAGE_PATTERN, Language};
pub use opening_hours::{OpeningHours, TimeRange};
pub use role::{ClinicAction, HqRole, Role};
pub use validation::{FieldError, Invalid};
