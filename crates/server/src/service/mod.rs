//! What the API and the CLI do, once: each function takes validated values, applies the
//! rules, and calls the store. Handlers parse, authorize, call one of these, and render.

pub mod accounts;
pub mod clinics;
pub mod messaging;
pub mod scheduling;
