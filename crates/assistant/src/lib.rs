//! The assistant: what a patient's message says (language, intent, service, dates and
//! times, choices), the booking dialog, and every sentence it answers with, in English,
//! Turkish, Portuguese and Spanish.

pub mod details;
pub mod intent;
pub mod language;
pub mod text;
pub mod when;
