//! The assistant: what a patient's message says (language, intent, service, dates and
//! times, choices), the booking dialog, and every sentence it answers with, in English,
//! Turkish, Portuguese and Spanish.

// Library code says which invariant makes a value present instead of unwrapping it.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod builtin;
pub mod desk;
pub mod details;
pub mod glossary;
pub mod intent;
pub mod language;
pub mod llm;
pub mod names;
pub mod reply;
pub mod text;
pub mod topics;
pub mod urgency;
pub mod when;

pub use builtin::{Builtin, Memory, Reply};
pub use desk::{Desk, DeskError, KnowledgeHit, Offer};
pub use intent::Intent;
